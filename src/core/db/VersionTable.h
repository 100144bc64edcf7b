#pragma once

// Where the database stands: the rows of Alembic's version table.
//
// The table and schema are the project's (`version_table` / `version_table_schema` passed to
// context.configure(...) in env.py, read statically into ProjectConfig) or the user's choice;
// the defaults are Alembic's: `alembic_version` found through the connection's search path.
// "There is no version table" (the database is not under Alembic, or is a create_all() database)
// and "the table is empty" (the database is at base) are different answers.

#include "core/common/Error.h"
#include "core/db/DatabaseUrl.h"

#include <QFuture>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace retort {

struct VersionState
{
    bool tableExists = false;
    QStringList revisions; // one per applied head, in the table's order (as Alembic reads them)
    QString table;         // the table that was read, as given ("alembic_version")
    QString schema;        // the schema it was read from ("" = search path / SQLite "main")
};

class VersionTable
{
public:
    // Reads the version table on an open connection (in the thread that opened it).
    // Errors: db-version-table (the table exists but has no version_num column), db-query.
    static Result<VersionState> read(QSqlDatabase db, const QString& table = QStringLiteral("alembic_version"),
                                     const QString& schema = {});

    // The schemas holding a table named `table` (PostgreSQL; system schemas left out), sorted. Used
    // when the version table is not on the connection's search path: env.py may set another one
    // (search_path in the URL or connect_args) that Retort's own connection does not have.
    // SQLite: always empty (one schema per attached file).
    static Result<QStringList> schemasHolding(QSqlDatabase db, const QString& table);

    // The same on a worker thread with its own connection (GUI, CLI).
    static QFuture<Result<VersionState>> readAsync(const DatabaseUrl& url,
                                                   const QString& table = QStringLiteral("alembic_version"),
                                                   const QString& schema = {}, int connectTimeoutSeconds = 5);
};

} // namespace retort
