-- case: RENAME COLUMN
-- expect: rename-column
ALTER TABLE orders RENAME COLUMN note TO remark;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int, code text);
ALTER TABLE shipments RENAME COLUMN code TO reference;
