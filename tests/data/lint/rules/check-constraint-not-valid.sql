-- case: CHECK validated while ACCESS EXCLUSIVE is held
-- expect: check-constraint-not-valid
ALTER TABLE orders ADD CONSTRAINT ck_orders_total_positive CHECK (total > 0);

-- case: near-miss: NOT VALID
-- expect: none
ALTER TABLE orders ADD CONSTRAINT ck_orders_total_positive CHECK (total > 0) NOT VALID;

-- case: near-miss: NOT VALID, then VALIDATE (SHARE UPDATE EXCLUSIVE)
-- expect: none
ALTER TABLE orders ADD CONSTRAINT ck_orders_total_positive CHECK (total > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total_positive;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int);
ALTER TABLE shipments ADD CONSTRAINT ck_shipments_id CHECK (id > 0);
