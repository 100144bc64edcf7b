#include "core/db/VersionTable.h"

#include "core/db/Connection.h"
#include "core/db/SqlIdentifier.h"

#include <QPromise>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

namespace retort {

namespace {

Result<bool> tableExists(QSqlDatabase& db, const QString& table, const QString& schema)
{
    QSqlQuery query(db);
    if (db.driverName() == QLatin1String("QPSQL")) {
        // to_regclass resolves an unqualified name through the search path, as Alembic's
        // unqualified `alembic_version` does; NULL (not an error) when absent.
        query.prepare(QStringLiteral("SELECT to_regclass(?) IS NOT NULL"));
        query.addBindValue(qualifiedName(schema, table));
    } else {
        const QString attached = schema.isEmpty() ? QStringLiteral("main") : schema;
        query.prepare(QStringLiteral("SELECT count(*) > 0 FROM %1.sqlite_schema WHERE type IN ('table', 'view') AND name = ?")
                          .arg(quoteIdentifier(attached)));
        query.addBindValue(table);
    }
    if (!query.exec() || !query.next())
        return ScopedConnection::queryError(db, query.lastError(),
                                            QStringLiteral("looking for the version table %1").arg(qualifiedName(schema, table)));
    return query.value(0).toBool();
}

} // namespace

Result<VersionState> VersionTable::read(QSqlDatabase db, const QString& table, const QString& schema)
{
    VersionState state;
    state.table = table.isEmpty() ? QStringLiteral("alembic_version") : table;
    state.schema = schema;
    auto exists = tableExists(db, state.table, schema);
    if (!exists)
        return exists.error();
    state.tableExists = *exists;
    if (!state.tableExists)
        return state;

    const QString qualified = qualifiedName(schema, state.table);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT version_num FROM %1").arg(qualified))) {
        const QString text = query.lastError().text();
        // The column is missing (PostgreSQL: column "version_num" does not exist; SQLite: no such
        // column: version_num); anything else (a lock timeout, a lost connection) says itself.
        if ((text.contains(QLatin1String("does not exist")) || text.contains(QLatin1String("no such column")))
            && text.contains(QLatin1String("version_num")))
            return Error{QStringLiteral("db-version-table"),
                         QStringLiteral("the table %1 exists but has no version_num column: it is not an Alembic version table")
                             .arg(qualified),
                         QStringLiteral("check version_table / version_table_schema in env.py's context.configure(...)"),
                         {}, 0};
        return ScopedConnection::queryError(db, query.lastError(), QStringLiteral("reading %1").arg(qualified));
    }
    while (query.next())
        state.revisions << query.value(0).toString();
    return state;
}

Result<QStringList> VersionTable::schemasHolding(QSqlDatabase db, const QString& table)
{
    QStringList schemas;
    if (db.driverName() != QLatin1String("QPSQL"))
        return schemas;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                                 "WHERE c.relname = ? AND c.relkind IN ('r', 'p', 'v') "
                                 "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                                 "ORDER BY n.nspname"));
    query.addBindValue(table);
    if (!query.exec())
        return ScopedConnection::queryError(db, query.lastError(), QStringLiteral("looking for %1 in every schema").arg(table));
    while (query.next())
        schemas << query.value(0).toString();
    return schemas;
}

QFuture<Result<VersionState>> VersionTable::readAsync(const DatabaseUrl& url, const QString& table, const QString& schema,
                                                      int connectTimeoutSeconds)
{
    return QtConcurrent::run([url, table, schema, connectTimeoutSeconds](QPromise<Result<VersionState>>& promise) {
        auto connection = ScopedConnection::open(url, connectTimeoutSeconds);
        if (!connection) {
            promise.addResult(Result<VersionState>(connection.error()));
            return;
        }
        promise.addResult(read((*connection)->database(), table, schema));
    });
}

} // namespace retort
