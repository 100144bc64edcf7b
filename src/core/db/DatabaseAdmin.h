#pragma once

#include "core/common/Error.h"
#include "core/db/DatabaseUrl.h"

#include <QSqlDatabase>

namespace retort {

// Server-level work on a PostgreSQL server: creating the database a URL names when the server
// says it does not exist (the Docker container whose POSTGRES_DB differs from the project's URL,
// a fresh local server). Connects to the server's maintenance database (postgres, else template1)
// with the URL's user and password. Blocking: call it from a worker or a command-line tool.
class DatabaseAdmin
{
public:
    // CREATE DATABASE for the database `url` names. Errors: "db-create-not-postgresql" (SQLite
    // files are created by their first run), "db-exists" (it exists already), the connection's
    // errors (db-auth, db-unreachable, ...), "db-create" (the server refused: the user lacks
    // CREATEDB, ...), each naming the host and the database, never the password.
    static Status createDatabase(const DatabaseUrl& url, int connectTimeoutSeconds = 5);
    // CREATE DATABASE `name` on an open connection to the server (its user `user` needs CREATEDB).
    // "db-create" with the server's words and, when the user may not create databases, what to
    // do (`otherwise`: a further way out the caller offers, "" for none).
    static Status createOn(QSqlDatabase server, const QString& name, const QString& user, const QString& where,
                           const QString& otherwise = {});
};

} // namespace retort
