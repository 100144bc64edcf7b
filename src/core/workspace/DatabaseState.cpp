#include "core/workspace/DatabaseState.h"

#include "core/alembic/ProjectConfig.h"
#include "core/common/Redact.h"
#include "core/db/Connection.h"
#include "core/db/VersionTable.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace retort {

QString ConnectionTarget::redacted() const
{
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    return parsed ? parsed->redacted() : redactUrl(url);
}

VersionLocation VersionLocation::fromProject(const ProjectConfig& config)
{
    VersionLocation location;
    location.table = config.effectiveVersionTable();
    location.schema = config.versionTableSchema;
    location.source = config.versionTable.isEmpty() && config.versionTableSchema.isEmpty() ? QStringLiteral("defaults")
                                                                                           : QStringLiteral("env.py");
    return location;
}

QString VersionLocation::qualified() const
{
    return schema.isEmpty() ? table : schema + QLatin1Char('.') + table;
}

Result<DatabaseUrl> resolvedUrl(const ConnectionTarget& target, const QString& baseDir)
{
    Result<DatabaseUrl> parsed = DatabaseUrl::parse(target.url);
    if (!parsed || parsed->dialect() != Dialect::SQLite || parsed->isSqliteMemory() || baseDir.isEmpty())
        return parsed;
    const QString path = parsed->sqlitePathRelativeTo(baseDir);
    if (QFileInfo(path).isAbsolute() && path == parsed->sqlitePath())
        return parsed;
    // Keep the query (mode=ro, ...) - only the path changes.
    QString text = target.url;
    const qsizetype query = text.indexOf(QLatin1Char('?'));
    const QString suffix = query >= 0 ? text.mid(query) : QString();
    const QString scheme = text.left(text.indexOf(QStringLiteral("://")));
    return DatabaseUrl::parse(scheme + QStringLiteral(":///") + QFileInfo(path).absoluteFilePath() + suffix);
}

DatabaseState readDatabaseState(const ConnectionTarget& target, const VersionLocation& location, const QString& baseDir,
                                int connectTimeoutSeconds)
{
    ConnectionLimits limits;
    limits.connectTimeoutSeconds = connectTimeoutSeconds;
    return readDatabaseState(target, location, baseDir, limits);
}

DatabaseState readDatabaseState(const ConnectionTarget& target, const VersionLocation& location, const QString& baseDir,
                                const ConnectionLimits& limits)
{
    DatabaseState state;
    state.target = target;
    state.location = location;
    state.configured = target.isSet();
    if (!state.configured)
        return state;
    Result<DatabaseUrl> parsed = resolvedUrl(target, baseDir);
    if (!parsed) {
        state.redactedUrl = target.redacted();
        state.error = parsed.error();
        return state;
    }
    state.redactedUrl = parsed->redacted();
    state.isLocal = parsed->isLocal();
    state.isSqlite = parsed->dialect() == Dialect::SQLite;
    state.host = state.isSqlite ? QString() : parsed->host();
    state.databaseName = state.isSqlite ? QFileInfo(parsed->sqlitePath()).fileName() : parsed->database();

    if (state.isSqlite && !parsed->isSqliteMemory() && !QFileInfo::exists(parsed->sqlitePath())) {
        const QString path = parsed->sqlitePath();
        if (!target.createSqliteFile && QFileInfo(QFileInfo(path).absolutePath()).isDir()) {
            // SQLAlchemy creates the file on first connect: Alembic starts it at base. (In a
            // folder that does not exist it cannot: opening it below says so.)
            state.sqliteFileMissing = true;
            return state;
        }
        if (target.createSqliteFile) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                state.error = Error{QStringLiteral("db-create"),
                                    QCoreApplication::translate("DatabaseState", "Cannot create the database file %1: %2")
                                        .arg(QDir::toNativeSeparators(path), file.errorString()),
                                    QCoreApplication::translate("DatabaseState", "Check that the folder is writable."), path, 0};
                return state;
            }
        }
    }

    Result<std::unique_ptr<ScopedConnection>> connection = ScopedConnection::open(*parsed, limits);
    if (!connection) {
        state.error = connection.error();
        return state;
    }
    state.connected = true;
    QSqlDatabase db = (*connection)->database();
    Result<VersionState> version = VersionTable::read(db, location.table, location.schema);
    if (!version) {
        state.error = version.error();
        return state;
    }
    if (!version->tableExists && location.schema.isEmpty()) {
        // Not on the search path: env.py may point the connection elsewhere (search_path in the
        // URL, connect_args or a SET) where Retort's own connection does not look. One table of
        // that name in another schema is the one Alembic uses; several are reported, none chosen.
        const Result<QStringList> schemas = VersionTable::schemasHolding(db, location.table);
        if (schemas && schemas->size() == 1) {
            Result<VersionState> elsewhere = VersionTable::read(db, location.table, schemas->constFirst());
            if (elsewhere && elsewhere->tableExists) {
                version = std::move(elsewhere);
                state.location.schema = schemas->constFirst();
                state.locationNote = QCoreApplication::translate("DatabaseState",
                                                                 "%1 is not on the connection's search path; read it from schema %2")
                                         .arg(location.table, schemas->constFirst());
            }
        } else if (schemas && schemas->size() > 1) {
            state.locationNote = QCoreApplication::translate("DatabaseState",
                                                             "%1 is not on the search path, but schemas %2 each hold one; "
                                                             "set version_table_schema in env.py")
                                     .arg(location.table, schemas->join(QStringLiteral(", ")));
        }
    }
    state.versionTableExists = version->tableExists;
    state.heads = version->revisions;
    return state;
}

} // namespace retort
