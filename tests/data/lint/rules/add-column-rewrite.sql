-- case: a volatile default (gen_random_uuid) is evaluated for every row
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();

-- case: clock_timestamp() is volatile, now() is not
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp() NOT NULL;

-- case: random() inside an expression
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN bucket int DEFAULT floor(random() * 10)::int;

-- case: an identity column
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN number int GENERATED ALWAYS AS IDENTITY;

-- case: a stored generated column
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN doubled int GENERATED ALWAYS AS (total * 2) STORED;

-- case: a serial column (a sequence default)
-- expect: add-column-rewrite
ALTER TABLE orders ADD COLUMN seq bigserial;

-- case: a user function the database marks volatile
-- expect: add-column-rewrite
-- setup: CREATE FUNCTION next_code() RETURNS int LANGUAGE plpgsql VOLATILE AS 'BEGIN RETURN 1; END'
ALTER TABLE orders ADD COLUMN code int DEFAULT next_code();

-- case: near-miss: a user function the database marks immutable (offline Retort cannot tell)
-- expect: none
-- expect-offline: add-column-rewrite
-- setup: CREATE FUNCTION fixed_code() RETURNS int LANGUAGE plpgsql IMMUTABLE AS 'BEGIN RETURN 1; END'
ALTER TABLE orders ADD COLUMN code int DEFAULT fixed_code();

-- case: near-miss: now() is stable: a fast default, no rewrite
-- expect: none
ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now() NOT NULL;

-- case: near-miss: a constant default
-- expect: none
ALTER TABLE orders ADD COLUMN flagged boolean DEFAULT false NOT NULL;

-- case: near-miss: a constant expression
-- expect: none
ALTER TABLE orders ADD COLUMN label text DEFAULT 'x' || 'y';

-- case: near-miss: CURRENT_TIMESTAMP
-- expect: none
ALTER TABLE orders ADD COLUMN updated_at timestamptz DEFAULT CURRENT_TIMESTAMP;

-- case: near-miss: an identity on a table the step creates
-- expect: none
CREATE TABLE shipments (order_id int);
ALTER TABLE shipments ADD COLUMN id int GENERATED ALWAYS AS IDENTITY;
