-- case: TRUNCATE
-- expect: truncate-table
TRUNCATE audit;

-- case: TRUNCATE ... CASCADE empties the referencing table too
-- expect: truncate-table, truncate-table
-- expect-offline: truncate-table
TRUNCATE orders CASCADE;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int);
TRUNCATE shipments;
