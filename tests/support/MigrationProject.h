#pragma once

// A generated Alembic project with real DDL in every revision, for the schema time machine's tests
// (core, CLI, window) and its benchmark's twin (bench/bench_verify.sh writes the same shape).
// Header-only.
//
// Revision i (1-based, id "r%04d", file "%04d_r%04d.py") creates table t<i> (id, name NOT NULL,
// created with a server default), an index ix_t<i>_name, and - from the second revision on - adds
// a column ref<i> to the previous table; its downgrade undoes all three. Options break one
// revision on purpose, add a PostgreSQL enum, or make a side branch that a merge joins.
// env.py takes $DATABASE_URL, else alembic.ini's sqlalchemy.url, with a NullPool engine.

#include "core/db/PgCluster.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QTest>

namespace retort::test {

// Data rows "sqlite" and "postgresql" in a column `dialect`.
inline void addDialectRows()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

// Scratch databases the time machine left on `cluster` (-1 when it cannot be asked).
inline int scratchDatabasesOn(const PgCluster& cluster)
{
    auto rows = cluster.psql(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE 'retort\\_scratch\\_%'"));
    return rows ? rows->toInt() : -1;
}

struct MigrationProjectOptions
{
    int revisions = 6;
    int downgradeLeavesColumn = 0; // this revision's downgrade forgets to drop its ref<i> column
    int upgradeFails = 0;          // this revision's upgrade raises after creating its table
    int enumAt = 0;                // this revision also creates a table with a PostgreSQL enum column
    // A side branch off revision `branchFrom`: revisions "s1".."s<branchLength>" (tables s<k>), then
    // a merge "m1" of the last linear revision and the branch's end. 0 = no branch.
    int branchFrom = 0;
    int branchLength = 2;
    QString sqlalchemyUrl = QStringLiteral("sqlite:///%(here)s/app.db");
    // env.py's version_table_schema (PostgreSQL: a schema the migrations never create). "" = none.
    QString versionTableSchema;
};

inline QString migrationRevisionId(int i)
{
    return QStringLiteral("r%1").arg(i, 4, 10, QLatin1Char('0'));
}

inline bool writeProjectFile(const QString& path, const QString& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text.toUtf8()) >= 0;
}

// Writes the project into `dir` (alembic.ini, migrations/env.py, migrations/versions/*.py).
inline bool writeMigrationProject(const QString& dir, const MigrationProjectOptions& o)
{
    bool ok = writeProjectFile(dir + QStringLiteral("/alembic.ini"),
                               QStringLiteral("[alembic]\nscript_location = %(here)s/migrations\n"
                                              "sqlalchemy.url = %1\n\n"
                                              "[loggers]\nkeys = root\n[handlers]\nkeys = console\n[formatters]\nkeys = generic\n"
                                              "[logger_root]\nlevel = WARN\nhandlers = console\n"
                                              "[handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\n"
                                              "formatter = generic\n"
                                              "[formatter_generic]\nformat = %(levelname)-5.5s [%(name)s] %(message)s\n")
                                   .arg(o.sqlalchemyUrl));
    ok = ok && writeProjectFile(dir + QStringLiteral("/migrations/env.py"), QStringLiteral(R"(import os
from logging.config import fileConfig
from alembic import context
from sqlalchemy import engine_from_config, pool
config = context.config
fileConfig(config.config_file_name)
def url():
    return os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
if context.is_offline_mode():
    context.configure(url=url(), literal_binds=True%VTS%)
    with context.begin_transaction():
        context.run_migrations()
else:
    section = config.get_section(config.config_ini_section)
    section["sqlalchemy.url"] = url()
    engine = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection%VTS%)
        with context.begin_transaction():
            context.run_migrations()
)").replace(QStringLiteral("%VTS%"), o.versionTableSchema.isEmpty() ? QString()
                                                                  : QStringLiteral(", version_table_schema=\"%1\"").arg(o.versionTableSchema)));
    ok = ok && writeProjectFile(dir + QStringLiteral("/migrations/script.py.mako"), QStringLiteral("# unused\n"));

    auto revisionFile = [&](const QString& file, const QString& rev, const QString& down, const QString& message,
                            const QString& upgrade, const QString& downgrade) {
        return writeProjectFile(dir + QStringLiteral("/migrations/versions/") + file,
                                QStringLiteral("\"\"\"%1\n\nRevision ID: %2\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n"
                                               "revision = \"%2\"\ndown_revision = %3\nbranch_labels = None\ndepends_on = None\n\n\n"
                                               "def upgrade():\n%4\n\ndef downgrade():\n%5")
                                    .arg(message, rev, down, upgrade, downgrade));
    };
    auto createTable = [](const QString& table) {
        return QStringLiteral("    op.create_table(\"%1\", sa.Column(\"id\", sa.Integer, primary_key=True),\n"
                              "                    sa.Column(\"name\", sa.String(40), nullable=False),\n"
                              "                    sa.Column(\"created\", sa.DateTime, server_default=sa.func.now()))\n"
                              "    op.create_index(\"ix_%1_name\", \"%1\", [\"name\"])\n")
            .arg(table);
    };
    auto dropTable = [](const QString& table) {
        return QStringLiteral("    op.drop_index(\"ix_%1_name\", table_name=\"%1\")\n    op.drop_table(\"%1\")\n").arg(table);
    };

    for (int i = 1; i <= o.revisions && ok; ++i) {
        const QString rev = migrationRevisionId(i);
        const QString table = QStringLiteral("t%1").arg(i);
        QString up = createTable(table);
        QString down;
        if (i > 1) {
            up += QStringLiteral("    op.add_column(\"t%1\", sa.Column(\"ref%2\", sa.Integer, nullable=True))\n").arg(i - 1).arg(i);
            if (i != o.downgradeLeavesColumn)
                down += QStringLiteral("    op.drop_column(\"t%1\", \"ref%2\")\n").arg(i - 1).arg(i);
        }
        if (i == o.enumAt) {
            up += QStringLiteral("    op.create_table(\"moods\", sa.Column(\"id\", sa.Integer, primary_key=True),\n"
                                 "                    sa.Column(\"mood\", sa.Enum(\"happy\", \"sad\", name=\"mood\"), nullable=False))\n");
            down += QStringLiteral("    op.drop_table(\"moods\")\n    sa.Enum(name=\"mood\").drop(op.get_bind(), checkfirst=True)\n");
        }
        if (i == o.upgradeFails)
            up += QStringLiteral("    raise RuntimeError(\"revision %1 fails on purpose\")\n").arg(rev);
        down += dropTable(table);
        const QString downRevision = i == 1 ? QStringLiteral("None") : QStringLiteral("\"%1\"").arg(migrationRevisionId(i - 1));
        ok = revisionFile(QStringLiteral("%1_%2.py").arg(i, 4, 10, QLatin1Char('0')).arg(rev), rev, downRevision,
                          QStringLiteral("create %1").arg(table), up, down);
    }
    if (ok && o.branchFrom > 0) {
        QString previous = migrationRevisionId(o.branchFrom);
        for (int k = 1; k <= o.branchLength && ok; ++k) {
            const QString rev = QStringLiteral("s%1").arg(k);
            ok = revisionFile(QStringLiteral("side_%1.py").arg(rev), rev, QStringLiteral("\"%1\"").arg(previous),
                              QStringLiteral("side table s%1").arg(k), createTable(rev), dropTable(rev));
            previous = rev;
        }
        ok = ok && revisionFile(QStringLiteral("merge_m1.py"), QStringLiteral("m1"),
                                QStringLiteral("(\"%1\", \"%2\")").arg(migrationRevisionId(o.revisions), previous),
                                QStringLiteral("merge the side branch"),
                                QStringLiteral("    op.add_column(\"t1\", sa.Column(\"merged\", sa.Boolean, nullable=True))\n"),
                                QStringLiteral("    op.drop_column(\"t1\", \"merged\")\n"));
    }
    return ok;
}

} // namespace retort::test
