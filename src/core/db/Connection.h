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

class ScopedConnection
{
public:
    // Opens a new connection. `connectTimeoutSeconds` bounds the TCP connect + authentication for
    // PostgreSQL (libpq connect_timeout) and the busy wait for a locked SQLite file.
    // A SQLite file that does not exist is an error (Qt would silently create an empty one).
    // Error codes: db-driver, db-unreachable, db-timeout, db-unknown-host, db-auth,
    // db-unknown-database, db-not-found (SQLite file), db-not-sqlite, db-connect.
    static Result<std::unique_ptr<ScopedConnection>> open(const DatabaseUrl& url, int connectTimeoutSeconds = 5);

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
    // (stopped, restarted, network gone), else db-query. `what` says what was being done
    // ("reading alembic_version"). The message names the database but never its password.
    static Error queryError(const QSqlDatabase& db, const QSqlError& error, const QString& what);

private:
    ScopedConnection(DatabaseUrl url, QString name);

    DatabaseUrl m_url;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace retort
