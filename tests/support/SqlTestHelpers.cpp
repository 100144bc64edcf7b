#include "support/SqlTestHelpers.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace retort {

Status execAll(const QSqlDatabase& db, const QStringList& statements)
{
    for (const QString& sql : statements) {
        QSqlQuery query(db);
        if (!query.exec(sql)) {
            Error error{QStringLiteral("test-sql"), QStringLiteral("%1: %2").arg(sql, query.lastError().text()), {}, {}, 0};
            qWarning("%s", qPrintable(error.message));
            return error;
        }
    }
    return Ok{};
}

std::unique_ptr<ScopedConnection> connectTo(const QString& url, int connectTimeoutSeconds)
{
    auto parsed = DatabaseUrl::parse(url);
    if (!parsed) {
        qWarning("%s", qPrintable(parsed.error().message));
        return nullptr;
    }
    auto connection = ScopedConnection::open(*parsed, connectTimeoutSeconds);
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return nullptr;
    }
    return std::move(*connection);
}

Status writeSqliteFile(const QString& path, const QStringList& statements)
{
    const QString name = QStringLiteral("sqlite-setup-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Status result = Ok{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            result = Error{QStringLiteral("test-sql"), QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text()),
                           {}, path, 0};
        else
            result = execAll(db, statements);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace retort
