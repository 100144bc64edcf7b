-- case: SET NOT NULL with nothing proving it
-- expect: set-not-null-scan
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;

-- case: near-miss: a validated CHECK (total IS NOT NULL) already proves it (offline Retort cannot know)
-- expect: none
-- expect-offline: set-not-null-scan
-- setup: ALTER TABLE orders ADD CONSTRAINT ck_orders_total_nn CHECK (total IS NOT NULL) NOT VALID
-- setup: ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total_nn
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;

-- case: near-miss: the expand/contract sequence in one step
-- expect: none
ALTER TABLE orders ADD CONSTRAINT ck_orders_total_nn CHECK (total IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total_nn;
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int);
ALTER TABLE shipments ALTER COLUMN id SET NOT NULL;
