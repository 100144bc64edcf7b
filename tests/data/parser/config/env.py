from alembic import context

def run_migrations_online():
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            version_table="schema_history",
            version_table_schema=None,
            transaction_per_migration=True,
        )
