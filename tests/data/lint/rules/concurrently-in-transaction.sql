-- case: CREATE INDEX CONCURRENTLY inside the migration's transaction
-- expect: concurrently-in-transaction
-- server: fails
CREATE INDEX CONCURRENTLY ix_orders_total ON orders (total);

-- case: DROP INDEX CONCURRENTLY inside the migration's transaction
-- expect: concurrently-in-transaction
-- server: fails
DROP INDEX CONCURRENTLY ix_orders_status;

-- case: even on a table the step creates (PostgreSQL refuses it all the same)
-- expect: concurrently-in-transaction
-- server: fails
CREATE TABLE shipments (id int PRIMARY KEY, order_id int);
CREATE INDEX CONCURRENTLY ix_shipments_order ON shipments (order_id);

-- case: near-miss: Alembic's autocommit_block() ends the transaction around it
-- expect: none
-- server: succeeds
COMMIT;
CREATE INDEX CONCURRENTLY ix_orders_total ON orders (total);
BEGIN;

-- case: near-miss: outside any transaction
-- expect: none
-- transaction: none
-- server: blocked
CREATE INDEX CONCURRENTLY ix_audit_id ON audit (id);
