-- case: a statement PostgreSQL's parser rejects; the rest of the step is still reviewed
-- expect: sql-unparsed, create-index-not-concurrently
-- server: fails
ALTER TABLE orders FROBNICATE;
CREATE INDEX ix_orders_total ON orders (total);

-- case: near-miss: unusual but valid PostgreSQL 15 syntax
-- expect: none
ALTER TABLE orders ALTER COLUMN note SET COMPRESSION pglz;
