"""Alembic environment of the bridge test project: DATABASE_URL overrides sqlalchemy.url."""
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

from shop.models import metadata

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = metadata


def database_url():
    return os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")


def options():
    return {
        "target_metadata": target_metadata,
        "transaction_per_migration": os.environ.get("BRIDGE_TPM") == "1",
        "version_table": os.environ.get("BRIDGE_VERSION_TABLE") or "alembic_version",
    }


def run_migrations_offline():
    context.configure(url=database_url(), literal_binds=True, **options())
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    section = config.get_section(config.config_ini_section) or {}
    section["sqlalchemy.url"] = database_url()
    connectable = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, **options())
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
