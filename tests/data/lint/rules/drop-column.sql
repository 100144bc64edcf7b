-- case: DROP COLUMN
-- expect: drop-column
ALTER TABLE orders DROP COLUMN note;

-- case: DROP COLUMN of a foreign key column (its referred table is locked too)
-- expect: drop-column
ALTER TABLE items DROP COLUMN order_id;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int, code text);
ALTER TABLE shipments DROP COLUMN code;
