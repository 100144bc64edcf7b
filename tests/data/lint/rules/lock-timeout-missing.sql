-- case: ACCESS EXCLUSIVE with no lock_timeout
-- expect: lock-timeout-missing
-- lock-timeout: off
ALTER TABLE orders ADD COLUMN memo text;

-- case: lock_timeout set back to 0 is no lock_timeout
-- expect: lock-timeout-missing
-- lock-timeout: off
SET lock_timeout = 0;
ALTER TABLE orders ADD COLUMN memo text;

-- case: near-miss: SET lock_timeout first
-- expect: none
-- lock-timeout: off
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN memo text;

-- case: near-miss: SET LOCAL lock_timeout
-- expect: none
-- lock-timeout: off
SET LOCAL lock_timeout = 2000;
ALTER TABLE orders ADD COLUMN memo text;

-- case: near-miss: set_config('lock_timeout', ...)
-- expect: none
-- lock-timeout: off
SELECT set_config('lock_timeout', '2s', true);
ALTER TABLE orders ADD COLUMN memo text;

-- case: near-miss: the run sets lock_timeout (retort-cli upgrade --lock-timeout)
-- expect: none
ALTER TABLE orders ADD COLUMN memo text;

-- case: near-miss: not ACCESS EXCLUSIVE
-- expect: none
-- lock-timeout: off
COMMENT ON COLUMN orders.note IS 'free text';

-- case: near-miss: a table the step creates
-- expect: none
-- lock-timeout: off
CREATE TABLE shipments (id int);
ALTER TABLE shipments ADD COLUMN code text;
