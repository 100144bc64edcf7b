#pragma once

// Where the database stands, read the same way for the window and retort-cli: the connection
// target (URL with its password, never shown), the place Alembic keeps its version table, and the
// rows found there. Every read re-reads the database: nothing is assumed from an earlier answer.

#include "core/common/Error.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace retort {

struct ProjectConfig;

// The database Retort talks to and where the URL came from.
struct ConnectionTarget
{
    QString url;              // full SQLAlchemy URL, password included: never log or show it
    QString source;           // for people: "--url", "DATABASE_URL", "profile 'local'", "demo", ...
    bool createSqliteFile = false; // create a missing SQLite file (empty) first: the demo database only

    [[nodiscard]] bool isSet() const { return !url.isEmpty(); }
    // The URL as it may be shown (password masked), or the text redacted when it does not parse.
    [[nodiscard]] QString redacted() const;
    friend bool operator==(const ConnectionTarget&, const ConnectionTarget&) = default;
};

// Where Alembic keeps `alembic_version` for this project: env.py's version_table and
// version_table_schema (read statically, or reported by env.py itself through the bridge), else
// Alembic's defaults (`alembic_version` on the connection's search path).
struct VersionLocation
{
    QString table = QStringLiteral("alembic_version");
    QString schema;           // "" = the connection's default schema / search path
    QString source;           // "env.py", "env.py (asked through Alembic)", "defaults", "--version-table"

    static VersionLocation fromProject(const ProjectConfig& config);
    [[nodiscard]] QString qualified() const; // "test_app.alembic_version" or "alembic_version"
    friend bool operator==(const VersionLocation&, const VersionLocation&) = default;
};

struct DatabaseState
{
    ConnectionTarget target;      // what was read (compare with the current target before trusting it)
    QString redactedUrl;          // for labels and logs
    QString host;                 // "" for SQLite
    QString databaseName;         // database name, or the SQLite file name
    bool isSqlite = false;
    bool isLocal = true;
    bool configured = false;      // a URL is set
    bool connected = false;       // the database answered
    bool sqliteFileMissing = false; // a SQLite file that does not exist yet (Alembic creates it, at base)
    bool versionTableExists = false;
    QStringList heads;            // alembic_version rows, as stored
    VersionLocation location;     // where they were read
    // Set when the version table was not where the project says but was found elsewhere (for
    // example env.py sets search_path=test_app through the URL or connect_args): what was read.
    QString locationNote;
    std::optional<Error> error;

    // The database's revisions are known (connected, or a SQLite file Alembic will create at base).
    [[nodiscard]] bool isKnown() const { return (connected || sqliteFileMissing) && !error; }
};

// Reads the database named by `target`: connects (bounded by `connectTimeoutSeconds`), finds the
// version table (`location`; when it is not there and the schema was not given explicitly, the
// one table of that name in another schema), reads its rows. A relative SQLite path is resolved
// against `baseDir` (the folder `alembic` runs in: alembic.ini's), as SQLAlchemy would there.
// Blocking: call it from a worker (the window) or a command-line tool.
[[nodiscard]] DatabaseState readDatabaseState(const ConnectionTarget& target, const VersionLocation& location,
                                              const QString& baseDir, int connectTimeoutSeconds = 5);
// The same with every limit given (a run's --timeout bounds the version read: a lock another
// session holds on the version table ends the read with an error instead of a hang).
[[nodiscard]] DatabaseState readDatabaseState(const ConnectionTarget& target, const VersionLocation& location,
                                              const QString& baseDir, const ConnectionLimits& limits);

// The URL `target` names with a relative SQLite path made absolute against `baseDir`.
[[nodiscard]] Result<DatabaseUrl> resolvedUrl(const ConnectionTarget& target, const QString& baseDir);

} // namespace retort
