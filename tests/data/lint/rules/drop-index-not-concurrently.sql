-- case: a plain DROP INDEX locks its table ACCESS EXCLUSIVE
-- expect: drop-index-not-concurrently
DROP INDEX ix_orders_status;

-- case: near-miss: DROP INDEX CONCURRENTLY in an autocommit block
-- expect: none
-- transaction: none
-- server: blocked
DROP INDEX CONCURRENTLY ix_orders_status;

-- case: near-miss: an index the same step created on a new table
-- expect: none
CREATE TABLE shipments (id int PRIMARY KEY, order_id int);
CREATE INDEX ix_shipments_order ON shipments (order_id);
DROP INDEX ix_shipments_order;
