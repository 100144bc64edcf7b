#include "core/db/DatabaseAdmin.h"

#include "core/db/Connection.h"
#include "core/db/SqlIdentifier.h"
#include "core/log/Log.h"

#include <QSqlError>
#include <QSqlQuery>

namespace retort {

namespace {

QString where(const DatabaseUrl& url)
{
    return QStringLiteral("'%1' on %2").arg(url.database(), url.host().isEmpty() ? QStringLiteral("the local server") : url.host());
}

} // namespace

Status DatabaseAdmin::createDatabase(const DatabaseUrl& url, int connectTimeoutSeconds)
{
    if (url.dialect() != Dialect::PostgreSQL)
        return Error{QStringLiteral("db-create-not-postgresql"),
                     QStringLiteral("only a PostgreSQL database is created by Retort; %1 is not one").arg(url.redacted()),
                     QStringLiteral("A SQLite file is created by the first run that writes to it."), {}, 0};
    if (url.database().isEmpty())
        return Error{QStringLiteral("db-url"), QStringLiteral("the URL names no database to create"),
                     QStringLiteral("Put the database name at the end of the URL (…/NAME)."), {}, 0};
    Error last;
    for (const QString& maintenance : {QStringLiteral("postgres"), QStringLiteral("template1")}) {
        auto connection = ScopedConnection::open(url.withDatabase(maintenance), connectTimeoutSeconds);
        if (!connection) {
            last = connection.error();
            if (last.code == QLatin1String("db-unknown-database"))
                continue; // a server without a postgres database: template1
            return last;
        }
        QSqlQuery exists((*connection)->database());
        exists.prepare(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = ?"));
        exists.addBindValue(url.database());
        if (exists.exec() && exists.next())
            return Error{QStringLiteral("db-exists"), QStringLiteral("the database %1 exists already").arg(where(url)), {}, {}, 0};
        if (const Status created = createOn((*connection)->database(), url.database(), url.user(), where(url)); !created)
            return created;
        log::info(log::Area::Db, QStringLiteral("created the database %1").arg(where(url)));
        return Ok{};
    }
    return last;
}

Status DatabaseAdmin::createOn(QSqlDatabase server, const QString& name, const QString& user, const QString& where,
                               const QString& otherwise)
{
    QSqlQuery create(server);
    if (create.exec(QStringLiteral("CREATE DATABASE %1").arg(quoteIdentifier(name))))
        return Ok{};
    const QString text = create.lastError().databaseText().trimmed();
    QString hint;
    if (text.contains(QLatin1String("permission denied"), Qt::CaseInsensitive)) {
        hint = QStringLiteral("User '%1' may not create databases: create it as a superuser (createdb, or POSTGRES_DB for "
                              "the Docker image), or ALTER ROLE %1 CREATEDB.")
                   .arg(user);
        if (!otherwise.isEmpty())
            hint += QLatin1Char(' ') + otherwise;
    }
    return Error{QStringLiteral("db-create"), QStringLiteral("the server refused to create the database %1: %2").arg(where, text), hint, {}, 0};
}

} // namespace retort
