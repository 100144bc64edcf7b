#pragma once

// Helpers shared by the GUI tests: a private copy of the demo project (tests never write into the
// source tree; Alembic's Python would leave __pycache__ there), small generated Alembic projects
// (a slow migration to cancel, a failing one), and waiting helpers.

#include "core/workspace/ProjectLoader.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QtTest/QTest>

namespace retort::testsupport {

inline QString demoSourceDir()
{
    return QStringLiteral(RETORT_SOURCE_DIR "/examples/cityscope");
}

// A project loaded as the window loads it (ProjectLoader with the display data).
inline Result<std::shared_ptr<ProjectSnapshot>> loadSnapshot(const QString& path)
{
    LoadRequest request;
    request.project = path;
    request.forDisplay = true;
    return ProjectLoader::load(request);
}

// Copies `from` into `to` recursively, skipping __pycache__ and *.db files. False on any failure.
inline bool copyTree(const QString& from, const QString& to)
{
    QDir source(from);
    if (!source.exists() || !QDir().mkpath(to))
        return false;
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = source.relativeFilePath(path);
        if (rel.contains(QLatin1String("__pycache__")) || rel.endsWith(QLatin1String(".db")))
            continue;
        const QString target = QDir(to).filePath(rel);
        if (QFileInfo(path).isDir()) {
            if (!QDir().mkpath(target))
                return false;
        } else {
            QDir().mkpath(QFileInfo(target).absolutePath());
            if (!QFile::copy(path, target))
                return false;
        }
    }
    return true;
}

inline bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(content) == content.size();
}

// An empty SQLite file (ScopedConnection refuses a missing one) and its SQLAlchemy URL.
inline QString createSqlite(const QString& path)
{
    writeFile(path, QByteArray());
    return QStringLiteral("sqlite:///") + QFileInfo(path).absoluteFilePath();
}

// A minimal Alembic project in `dir`: alembic.ini, env.py (online + offline, URL from
// sqlalchemy.url / DATABASE_URL), and revisions a -> b -> c where `bBody` is the Python body
// of b's upgrade() (e.g. a sleep, or a raise).
inline bool writeSmallProject(const QString& dir, const QByteArray& bBody)
{
    const QByteArray ini = "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite:///%(here)s/unused.db\n";
    const QByteArray env = R"PY(import os
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
)PY";
    auto revision = [](const QByteArray& id, const QByteArray& down, const QByteArray& message,
                       const QByteArray& upBody) -> QByteArray {
        return QByteArray("\"\"\"") + message + "\n\nRevision ID: " + id + "\nCreate Date: 2024-01-01 10:00:00\n\"\"\"\n"
               + "from alembic import op\nimport sqlalchemy as sa\n\nrevision = '" + id + "'\ndown_revision = "
               + (down.isEmpty() ? QByteArray("None") : "'" + down + "'") + "\nbranch_labels = None\ndepends_on = None\n\n\n"
               + "def upgrade():\n" + upBody + "\n\n\ndef downgrade():\n    pass\n";
    };
    return writeFile(dir + QStringLiteral("/alembic.ini"), ini) && writeFile(dir + QStringLiteral("/migrations/env.py"), env)
           && writeFile(dir + QStringLiteral("/migrations/script.py.mako"), "")
           && writeFile(dir + QStringLiteral("/migrations/versions/a1_first.py"),
                        revision("aaaa1111", {}, "create first", "    op.create_table('first', sa.Column('id', sa.Integer, primary_key=True))"))
           && writeFile(dir + QStringLiteral("/migrations/versions/b2_second.py"), revision("bbbb2222", "aaaa1111", "second step", bBody))
           && writeFile(dir + QStringLiteral("/migrations/versions/c3_third.py"),
                        revision("cccc3333", "bbbb2222", "create third", "    op.create_table('third', sa.Column('id', sa.Integer, primary_key=True))"));
}

} // namespace retort::testsupport
