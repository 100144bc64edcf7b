-- The database every corpus case starts from (tst_LintCorpus runs it in a fresh public schema).
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE customers (id serial PRIMARY KEY, name varchar(40), email varchar(100));
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int, status varchar(20), total int, note text,
                     price numeric(10, 2), placed_at timestamp, mood mood);
CREATE INDEX ix_orders_status ON orders (status);
CREATE TABLE items (id serial PRIMARY KEY, order_id int REFERENCES orders (id), qty int);
CREATE TABLE audit (id int, payload text);
CREATE TABLE empty_things (id int, name text);
CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);
INSERT INTO customers (name, email) SELECT 'name ' || g, 'user' || g || '@example.com' FROM generate_series(1, 100) AS g;
INSERT INTO orders (customer_id, status, total, note, price, placed_at, mood)
  SELECT g, 'new', g, 'note ' || g, g * 1.5, now(), 'ok' FROM generate_series(1, 100) AS g;
INSERT INTO items (order_id, qty) SELECT g, 1 + g % 3 FROM generate_series(1, 100) AS g;
INSERT INTO audit (id, payload) SELECT g, 'payload ' || g FROM generate_series(1, 100) AS g;
INSERT INTO alembic_version VALUES ('a1');
ANALYZE customers, orders, items, audit, empty_things;
