-- case: a foreign key checked while both tables are locked
-- expect: foreign-key-not-valid
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);

-- case: near-miss: NOT VALID
-- expect: none
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

-- case: near-miss: NOT VALID, then VALIDATE
-- expect: none
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer;

-- case: near-miss: a new table referencing an existing one
-- expect: none
CREATE TABLE payments (id int PRIMARY KEY, order_id int REFERENCES orders (id));

-- case: near-miss: a new (all NULL) column with REFERENCES needs no check
-- expect: none
ALTER TABLE audit ADD COLUMN order_id int REFERENCES orders (id);
