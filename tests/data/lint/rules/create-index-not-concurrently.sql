-- case: a plain index on a table with rows
-- expect: create-index-not-concurrently
CREATE INDEX ix_orders_total ON orders (total);

-- case: a unique index is built the same way
-- expect: create-index-not-concurrently
CREATE UNIQUE INDEX ix_customers_email ON customers (email);

-- case: near-miss: CONCURRENTLY in an autocommit block
-- expect: none
-- transaction: none
-- server: blocked
CREATE INDEX CONCURRENTLY ix_orders_total ON orders (total);

-- case: near-miss: the table is created by the same step (empty, unused)
-- expect: none
CREATE TABLE shipments (id int PRIMARY KEY, order_id int);
CREATE INDEX ix_shipments_order ON shipments (order_id);
