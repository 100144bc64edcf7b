-- case: DELETE of every row
-- expect: delete-without-where
DELETE FROM audit;

-- case: near-miss: with WHERE
-- expect: none
DELETE FROM customers WHERE id = 1;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int);
DELETE FROM shipments;
