-- case: ADD UNIQUE builds its index under ACCESS EXCLUSIVE
-- expect: unique-constraint-index-build
ALTER TABLE customers ADD CONSTRAINT uq_customers_email UNIQUE (email);

-- case: ADD PRIMARY KEY too
-- expect: unique-constraint-index-build
ALTER TABLE audit ADD PRIMARY KEY (id);

-- case: near-miss: UNIQUE USING INDEX an index built beforehand (concurrently)
-- expect: none
-- setup: CREATE UNIQUE INDEX uq_customers_email ON customers (email)
ALTER TABLE customers ADD CONSTRAINT uq_customers_email UNIQUE USING INDEX uq_customers_email;

-- case: near-miss: a table the step creates
-- expect: none
CREATE TABLE shipments (id int);
ALTER TABLE shipments ADD CONSTRAINT uq_shipments_id UNIQUE (id);
