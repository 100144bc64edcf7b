#pragma once

// A throwaway database the schema time machine runs a project's migrations in, so the user's own
// database is never touched:
//   - SQLite projects: an empty file in a private temporary folder (in /dev/shm when there is one);
//   - PostgreSQL, with a server URL and the user's consent: a database `retort_scratch_<random>`
//     created on that server (the URL's user needs CREATEDB) and dropped afterwards;
//   - PostgreSQL without a server (or without consent) when the server binaries are installed: a
//     throwaway local cluster (initdb/pg_ctl, core/db/PgCluster) in a temporary folder.
// Never on a connection the user marked as production.
//
// Whatever happens - success, failure, cancel, an exception unwinding - the destructor drops what
// create() made (the database with its connections, the file, the cluster and its folder). Only a
// killed process leaves a server database behind (a local cluster has a watchdog that cleans up).

#include "core/common/Error.h"
#include "core/db/DatabaseUrl.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace retort {

class PgCluster;

enum class ScratchKind { SqliteFile, ServerDatabase, LocalCluster };

struct ScratchRequest
{
    Dialect dialect = Dialect::SQLite;
    // PostgreSQL: the server to create the scratch database on (any database of it, e.g. the
    // project's own: the scratch database is created next to it). "" = no server.
    QString serverUrl;
    bool serverConsent = false; // the user agreed to create and drop a database on that server
    bool production = false;    // the connection is a production one: never create anything there
    // PostgreSQL without a usable server: a local cluster when its binaries are installed.
    bool allowLocalCluster = true;
    // PostgreSQL: the SQLAlchemy driver the project's env.py expects ("asyncpg", ...; "" = the
    // default); taken from serverUrl when that is given.
    QString driver;
    int connectTimeoutSeconds = 10;
};

// What create() would do for a request, said before anything happens (the window's confirmation,
// retort-cli's note), or why it cannot.
struct ScratchPlan
{
    ScratchKind kind = ScratchKind::SqliteFile;
    QString description; // "a temporary SQLite file", "database retort_scratch_… on host:5432", ...
    QString server;      // redacted server URL for ServerDatabase
};

class ScratchDatabase
{
public:
    ~ScratchDatabase(); // drop()
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    // A request for a project of `dialect`: `serverUrl` is the server a PostgreSQL scratch
    // database may be created on ("" = none); the driver env.py expects comes from it, else from
    // the project's own URL (alembic.ini's sqlalchemy.url, "postgresql+asyncpg://...").
    static ScratchRequest request(Dialect dialect, const QString& serverUrl, const QString& projectUrl);
    // Which kind a request gets. Errors: "scratch-production" (a production connection),
    // "scratch-consent" (PostgreSQL, a server but no consent and no local cluster), "scratch-no-server"
    // (PostgreSQL, neither a server nor the binaries for a local cluster), "db-url".
    static Result<ScratchPlan> plan(const ScratchRequest& request);
    static Result<std::unique_ptr<ScratchDatabase>> create(const ScratchRequest& request);

    [[nodiscard]] ScratchKind kind() const { return m_kind; }
    // The scratch database's URL with its password (for the bridge and the inspector only).
    [[nodiscard]] const DatabaseUrl& url() const { return m_url; }
    [[nodiscard]] QString description() const { return m_description; }
    [[nodiscard]] QString databaseName() const; // PostgreSQL database name, or the SQLite file
    // PostgreSQL: the server's major version ("15"); "" for SQLite.
    [[nodiscard]] QString serverVersion() const { return m_serverVersion; }

    // Empties the database again (drops and recreates it; a new empty file), for a walk that must
    // start over. Connections to it must be closed first (the bridge's are closed by force).
    Status reset();
    // A walk ran on it (TimeMachine): the next walk empties it first.
    void markUsed() { m_used = true; }
    [[nodiscard]] bool wasUsed() const { return m_used; }
    // Drops it now (idempotent; the destructor calls it). Errors are logged and returned.
    Status drop();
    [[nodiscard]] bool isDropped() const { return m_dropped; }

    // "retort_scratch_" + 12 random lower-case letters and digits.
    static QString randomDatabaseName();

private:
    ScratchDatabase() = default;
    Status createOnServer();
    Status dropOnServer();

    ScratchKind m_kind = ScratchKind::SqliteFile;
    DatabaseUrl m_url;
    DatabaseUrl m_adminUrl; // the server URL create/drop connect to
    QString m_description;
    QString m_serverVersion;
    std::unique_ptr<QTemporaryDir> m_folder; // SqliteFile: the private folder (removed by drop)
    std::unique_ptr<PgCluster> m_cluster;
    bool m_dropped = false;
    bool m_used = false;
};

} // namespace retort
