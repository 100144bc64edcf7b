-- case: offline, the current type of an existing column is unknown
-- expect: none
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN status TYPE text;

-- case: offline, and the change rewrites
-- expect: column-type-rewrite
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN total TYPE bigint;

-- case: near-miss: the plan added the column, so its type is known
-- expect: none
ALTER TABLE orders ADD COLUMN code varchar(10);
ALTER TABLE orders ALTER COLUMN code TYPE text;
