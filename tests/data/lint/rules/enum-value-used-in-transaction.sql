-- case: the new value used in the same transaction
-- expect: enum-value-used-in-transaction
-- expect-offline: enum-add-value, enum-value-used-in-transaction
-- server: fails
ALTER TYPE mood ADD VALUE 'happy';
UPDATE orders SET mood = 'happy' WHERE id = 1;

-- case: near-miss: added in an autocommit block first
-- expect: none
-- server: succeeds
COMMIT;
ALTER TYPE mood ADD VALUE 'happy';
BEGIN;
UPDATE orders SET mood = 'happy' WHERE id = 1;

-- case: near-miss: another value is used
-- expect: none
-- expect-offline: enum-add-value
ALTER TYPE mood ADD VALUE 'happy';
UPDATE orders SET mood = 'ok' WHERE id = 1;
