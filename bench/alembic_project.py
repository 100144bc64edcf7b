"""A linear Alembic project for the benchmarks that run real migrations (bench_upgrade.sh,
bench_verify.sh): alembic.ini, an env.py that takes $DATABASE_URL (else sqlalchemy.url) with a
NullPool engine, and one revision file per step whose upgrade()/downgrade() bodies the caller
writes."""
import os

ALEMBIC_INI = ("[alembic]\nscript_location = %(here)s/migrations\n"
               "sqlalchemy.url = sqlite:///%(here)s/default.db\n\n"
               "[loggers]\nkeys = root\n[handlers]\nkeys = console\n[formatters]\nkeys = generic\n"
               "[logger_root]\nlevel = WARN\nhandlers = console\n"
               "[handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\nformatter = generic\n"
               "[formatter_generic]\nformat = %(levelname)-5.5s [%(name)s] %(message)s\n")

ENV_PY = '''import os
from logging.config import fileConfig
from alembic import context
from sqlalchemy import engine_from_config, pool
config = context.config
fileConfig(config.config_file_name)
def url():
    return os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
if context.is_offline_mode():
    context.configure(url=url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    section = config.get_section(config.config_ini_section)
    section["sqlalchemy.url"] = url()
    engine = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
'''

REVISION = '''"""%(message)s

Revision ID: %(rev)s
"""
from alembic import op
import sqlalchemy as sa

revision = "%(rev)s"
down_revision = %(down)r
branch_labels = None
depends_on = None


def upgrade():
%(upgrade)s

def downgrade():
%(downgrade)s'''


def write_linear_project(project, revisions, revision_id, file_name, step):
    """Writes the project unless it exists. `revision_id(i)` and `file_name(i, rev)` name revision i
    (1-based); `step(i)` returns (message, upgrade body, downgrade body), bodies indented by 4."""
    if os.path.exists(os.path.join(project, "alembic.ini")):
        return
    versions = os.path.join(project, "migrations", "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(project, "alembic.ini"), "w") as f:
        f.write(ALEMBIC_INI)
    with open(os.path.join(project, "migrations", "env.py"), "w") as f:
        f.write(ENV_PY)
    previous = None
    for i in range(1, revisions + 1):
        rev = revision_id(i)
        message, upgrade, downgrade = step(i)
        with open(os.path.join(versions, file_name(i, rev)), "w") as f:
            f.write(REVISION % {"message": message, "rev": rev, "down": previous, "upgrade": upgrade, "downgrade": downgrade})
        previous = rev
