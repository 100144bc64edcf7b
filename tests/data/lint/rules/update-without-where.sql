-- case: UPDATE of every row
-- expect: update-without-where
UPDATE orders SET note = 'n/a';

-- case: near-miss: with WHERE
-- expect: none
UPDATE orders SET note = 'n/a' WHERE id = 1;

-- case: near-miss: Alembic's version table
-- expect: none
UPDATE alembic_version SET version_num = 'a2';
