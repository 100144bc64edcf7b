# The models of a small shop (users, orders) for the New Revision and drift tests: the history
# creates only "users", so autogenerate proposes "orders".
from alembic import context
from sqlalchemy import engine_from_config, pool, MetaData, Table, Column, Integer, String

config = context.config
target_metadata = MetaData()
Table("users", target_metadata, Column("id", Integer, primary_key=True), Column("email", String(120), nullable=False))
Table("orders", target_metadata, Column("id", Integer, primary_key=True), Column("total", Integer))


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
