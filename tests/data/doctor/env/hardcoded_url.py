# env.py that ignores sqlalchemy.url and DATABASE_URL: the database is fixed next to alembic.ini.
import os

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
target_metadata = None
URL = "sqlite:///" + os.path.join(os.path.dirname(os.path.abspath(config.config_file_name)), "app.db")


def run_migrations_offline() -> None:
    context.configure(url=URL, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = create_engine(URL, poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
