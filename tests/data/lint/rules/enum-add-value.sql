-- case: ADD VALUE inside the transaction (fine on PostgreSQL 12+, which the server is)
-- expect: none
-- expect-offline: enum-add-value
ALTER TYPE mood ADD VALUE 'happy';

-- case: near-miss: in an autocommit block
-- expect: none
-- transaction: none
-- server: succeeds
ALTER TYPE mood ADD VALUE 'happy';
