#pragma once

// Builds small Alembic projects on disk for the doctor's tests (tst_Doctor*.cpp).

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>

namespace retort::doctortest {

inline QString dataDir()
{
    return QStringLiteral(RETORT_SOURCE_DIR "/tests/data/doctor");
}

inline bool writeFile(const QString& path, const QString& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(content.toUtf8()) == content.toUtf8().size();
}

inline QString readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// 1-based line of the first line of `path` containing `needle` (0 when none).
inline int lineOf(const QString& path, const QString& needle)
{
    const QStringList lines = readFile(path).split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(needle))
            return i + 1;
    }
    return 0;
}

// A project: <root>/alembic.ini, <root>/migrations/{env.py, versions/}.
class TestProject
{
public:
    explicit TestProject(QString root) : m_root(std::move(root)) {}
    [[nodiscard]] QString root() const { return m_root; }
    [[nodiscard]] QString path(const QString& rel) const { return m_root + QLatin1Char('/') + rel; }
    [[nodiscard]] QString ini() const { return path(QStringLiteral("alembic.ini")); }
    [[nodiscard]] QString envPy() const { return path(QStringLiteral("migrations/env.py")); }
    [[nodiscard]] QString versions() const { return path(QStringLiteral("migrations/versions")); }

    bool writeIni(const QString& alembicSection = QStringLiteral("script_location = %(here)s/migrations\n"),
                  const QString& url = QStringLiteral("sqlite:///%(here)s/app.db")) const
    {
        return writeFile(ini(), QStringLiteral("[alembic]\n") + alembicSection + QStringLiteral("sqlalchemy.url = ") + url
                                    + QStringLiteral("\n\n[loggers]\nkeys = root\n\n[handlers]\nkeys = console\n\n"
                                                     "[formatters]\nkeys = generic\n\n[logger_root]\nlevel = WARN\n"
                                                     "handlers = console\nqualname =\n\n[handler_console]\n"
                                                     "class = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\n"
                                                     "formatter = generic\n\n[formatter_generic]\n"
                                                     "format = %(levelname)-5.5s [%(name)s] %(message)s\n"));
    }

    // env.py copied from tests/data/doctor/env/<name>.py
    bool writeEnv(const QString& name) const
    {
        QDir().mkpath(versions());
        const QString content = readFile(dataDir() + QStringLiteral("/env/") + name + QStringLiteral(".py"));
        return !content.isEmpty() && writeFile(envPy(), content);
    }

    // A revision file; `down` is a Python expression ("None", "'abc'", "('a', 'b')").
    QString writeRevision(const QString& id, const QString& down, const QString& upgradeBody = QStringLiteral("    pass\n"),
                          const QString& revisesHeader = QString(), const QString& extra = QString()) const
    {
        QString revises = revisesHeader;
        if (revises.isNull()) {
            revises = down;
            revises.remove(QLatin1Char('\'')).remove(QLatin1Char('(')).remove(QLatin1Char(')'));
            if (revises == QLatin1String("None"))
                revises.clear();
        }
        const QString file = versions() + QLatin1Char('/') + id + QStringLiteral("_rev.py");
        writeFile(file, QStringLiteral("\"\"\"revision %1\n\nRevision ID: %1\nRevises: %2\nCreate Date: 2024-01-01 00:00:00\n\n\"\"\"\n"
                                       "from alembic import op\nimport sqlalchemy as sa\n\n"
                                       "revision = '%1'\ndown_revision = %3\nbranch_labels = None\ndepends_on = None\n%4\n\n"
                                       "def upgrade() -> None:\n%5\n\ndef downgrade() -> None:\n    pass\n")
                            .arg(id, revises, down, extra, upgradeBody));
        return file;
    }

private:
    QString m_root;
};

} // namespace retort::doctortest
