#pragma once

// One database connection per job and thread (STYLE.md §5): a uniquely named QSqlDatabase that
// is opened in the calling thread and removed when the ScopedConnection is destroyed, in that
// same thread. Connection failures become Errors with the redacted URL, what went wrong in words
// a user acts on, and a hint ("is the container running? is the port published?").

#include "core/common/Error.h"
#include "core/db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <memory>

namespace retort {

// How long Retort's own reads may wait, so that nothing hangs on a lock another session holds
// (a migration in progress, a forgotten transaction): PostgreSQL `lock_timeout` and
// `statement_timeout` for the session, SQLite's busy timeout. 0 = no limit. A lock_timeout or
// statement_timeout the URL sets itself (`?options=-c lock_timeout=...`) wins.
struct ConnectionLimits
{
    static constexpr int DefaultLockTimeoutMs = 5000;
    static constexpr int DefaultStatementTimeoutMs = 60000;

    int connectTimeoutSeconds = 5;
    int lockTimeoutMs = DefaultLockTimeoutMs;           // PostgreSQL lock_timeout; SQLite busy timeout
    int statementTimeoutMs = DefaultStatementTimeoutMs; // PostgreSQL statement_timeout (catalog reads, version reads)

    // The limits of a read that must end within `timeoutMs` (0 = the defaults): a lock wait ends
    // as a lock timeout (the clearer message) before the statement timeout.
    [[nodiscard]] static ConnectionLimits within(int timeoutMs);
};

class ScopedConnection
{
public:
    // Opens a new connection. `connectTimeoutSeconds` bounds the TCP connect + authentication for
    // PostgreSQL (libpq connect_timeout); the default ConnectionLimits bound waits for locks
    // (PostgreSQL lock_timeout 5 s, statement_timeout 60 s; SQLite busy timeout 5 s).
    // A SQLite file that does not exist is an error (Qt would silently create an empty one).
    // Error codes: db-driver, db-unreachable, db-timeout, db-unknown-host, db-auth,
    // db-unknown-database, db-not-found (SQLite file), db-not-sqlite, db-connect.
    static Result<std::unique_ptr<ScopedConnection>> open(const DatabaseUrl& url, int connectTimeoutSeconds = 5);
    static Result<std::unique_ptr<ScopedConnection>> open(const DatabaseUrl& url, const ConnectionLimits& limits);

    ~ScopedConnection();
    ScopedConnection(const ScopedConnection&) = delete;
    ScopedConnection& operator=(const ScopedConnection&) = delete;

    // Valid while this object lives; do not keep copies (or QSqlQuery objects on it) beyond it.
    [[nodiscard]] QSqlDatabase database() const { return m_db; }
    [[nodiscard]] const DatabaseUrl& url() const { return m_url; }
    [[nodiscard]] QString connectionName() const { return m_name; }

    // Turns a failed open() / query error into a user-facing Error (also used for errors that
    // happen after connecting, e.g. the server going away mid-run).
    static Error describeError(const DatabaseUrl& url, const QString& driverText, int connectTimeoutSeconds = 5);

    // A failed query on an open connection: code db-connection-lost when the server went away
    // (stopped, restarted, network gone), db-lock-timeout when another session's lock made the
    // read wait longer than the lock timeout (SQLite: "database is locked"), db-statement-timeout
    // when the statement ran longer than the statement timeout, else db-query. `what` says what
    // was being done ("reading alembic_version"). The message names the database but never its
    // password.
    static Error queryError(const QSqlDatabase& db, const QSqlError& error, const QString& what);

private:
    ScopedConnection(DatabaseUrl url, QString name);

    DatabaseUrl m_url;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace retort
