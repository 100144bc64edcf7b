"""An env.py that defines both functions but never calls them."""
from alembic import context

config = context.config


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with config.attributes["connection"] as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
