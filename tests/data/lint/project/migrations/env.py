"""env.py of the lint test and benchmark projects: DATABASE_URL (what retort-cli --url sets)
overrides sqlalchemy.url; offline and online modes."""
import os

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config


def url():
    return os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")


if context.is_offline_mode():
    context.configure(url=url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    section = config.get_section(config.config_ini_section) or {}
    section["sqlalchemy.url"] = url()
    engine = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
