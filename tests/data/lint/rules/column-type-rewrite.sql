-- case: integer to bigint rewrites
-- expect: column-type-rewrite
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN total TYPE bigint;

-- case: a shorter varchar rewrites
-- expect: column-type-rewrite
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN status TYPE varchar(10);

-- case: text to a bounded varchar rewrites
-- expect: column-type-rewrite
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);

-- case: a numeric scale change rewrites
-- expect: column-type-rewrite
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN price TYPE numeric(12, 3);

-- case: an enum to text rewrites
-- expect: column-type-rewrite
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN mood TYPE text;

-- case: a USING expression rewrites
-- expect: column-type-rewrite
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN total TYPE text USING total::text;

-- case: the old type known from the plan itself
-- expect: column-type-rewrite
ALTER TABLE orders ADD COLUMN code int;
ALTER TABLE orders ALTER COLUMN code TYPE bigint;

-- case: near-miss: varchar(n) to text is binary-coercible
-- expect: none
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN status TYPE text;

-- case: near-miss: a longer varchar
-- expect: none
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN status TYPE varchar(30);

-- case: near-miss: an unbounded varchar
-- expect: none
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN status TYPE varchar;

-- case: near-miss: text to an unbounded varchar
-- expect: none
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN note TYPE varchar;

-- case: near-miss: a larger numeric precision, same scale
-- expect: none
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN price TYPE numeric(12, 2);

-- case: near-miss: an unconstrained numeric
-- expect: none
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN price TYPE numeric;

-- case: near-miss: USING the column cast to the new type, binary-coercible
-- expect: none
-- expect-offline: column-type-unverified
ALTER TABLE orders ALTER COLUMN status TYPE text USING status::text;

-- case: near-miss: a longer varchar, the old type known from the plan
-- expect: none
ALTER TABLE orders ADD COLUMN code varchar(10);
ALTER TABLE orders ALTER COLUMN code TYPE varchar(20);

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int, ref varchar(10));
ALTER TABLE shipments ALTER COLUMN id TYPE bigint;
