-- case: NOT NULL without a default on a table with rows
-- expect: add-column-not-null-no-default
-- server: fails
ALTER TABLE orders ADD COLUMN code text NOT NULL;

-- case: near-miss: the table is empty (offline Retort cannot know)
-- expect: none
-- expect-offline: add-column-not-null-no-default
ALTER TABLE empty_things ADD COLUMN code text NOT NULL;

-- case: near-miss: with a constant default
-- expect: none
ALTER TABLE orders ADD COLUMN code text NOT NULL DEFAULT 'n/a';

-- case: near-miss: nullable
-- expect: none
ALTER TABLE orders ADD COLUMN code text;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int);
ALTER TABLE shipments ADD COLUMN code text NOT NULL;
