-- case: RENAME of a table in use
-- expect: rename-table
ALTER TABLE audit RENAME TO audit_log;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int);
ALTER TABLE shipments RENAME TO deliveries;

-- case: near-miss: renaming an index does not lock its table
-- expect: none
ALTER INDEX ix_orders_status RENAME TO ix_orders_state;
