-- case: DROP TABLE of a table with rows
-- expect: drop-table
DROP TABLE audit;

-- case: DROP TABLE of a table with a foreign key (its referred table is locked too)
-- expect: drop-table
DROP TABLE items;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE scratch (id int);
DROP TABLE scratch;

-- case: near-miss: Alembic's own version table
-- expect: none
DROP TABLE alembic_version;
