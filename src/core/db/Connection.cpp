#include "core/db/Connection.h"

#include "core/common/Redact.h"
#include "core/log/Log.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <utility>

namespace retort {

ConnectionLimits ConnectionLimits::within(int timeoutMs)
{
    ConnectionLimits limits;
    if (timeoutMs > 0) {
        limits.connectTimeoutSeconds = qBound(1, timeoutMs / 1000, limits.connectTimeoutSeconds);
        limits.lockTimeoutMs = qMin(limits.lockTimeoutMs, qMax(100, timeoutMs * 3 / 4));
        limits.statementTimeoutMs = qMin(limits.statementTimeoutMs, timeoutMs);
    }
    return limits;
}

namespace {

QString uniqueName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("retort-db-%1-%2")
        .arg(quintptr(QThread::currentThreadId()), 0, 16)
        .arg(counter.fetchAndAddRelaxed(1) + 1);
}

QString where(const DatabaseUrl& url)
{
    if (url.dialect() == Dialect::SQLite)
        return url.sqlitePath();
    const QString host = url.host().isEmpty() ? QStringLiteral("the local socket") : url.host();
    return url.port() == -1 ? host : host + QLatin1Char(':') + QString::number(url.port());
}

} // namespace

ScopedConnection::ScopedConnection(DatabaseUrl url, QString name) : m_url(std::move(url)), m_name(std::move(name)) {}

ScopedConnection::~ScopedConnection()
{
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

Error ScopedConnection::describeError(const DatabaseUrl& url, const QString& driverText, int connectTimeoutSeconds)
{
    // The driver's text without Qt's own "QPSQL: Unable to connect" line, on one line.
    QStringList lines;
    for (const QString& line : redactUrl(driverText).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString simplified = line.simplified();
        if (!simplified.isEmpty() && !simplified.startsWith(QLatin1String("QPSQL: Unable to connect")))
            lines << simplified;
    }
    const QString detail = lines.join(QStringLiteral("; "));
    const QString shown = url.redacted();
    auto make = [&](const QString& code, const QString& what, const QString& hint) {
        return Error{code, QStringLiteral("cannot connect to %1: %2 (%3)").arg(shown, what, detail), hint, {}, 0};
    };
    const QString lower = driverText.toLower();
    if (url.dialect() == Dialect::SQLite) {
        if (lower.contains(QLatin1String("not a database")))
            return make(QStringLiteral("db-not-sqlite"), QStringLiteral("%1 is not a SQLite database").arg(url.sqlitePath()),
                        QStringLiteral("check the path in the URL"));
        return make(QStringLiteral("db-connect"), QStringLiteral("cannot open the SQLite file %1").arg(url.sqlitePath()),
                    QStringLiteral("check the path and its permissions"));
    }
    if (lower.contains(QLatin1String("password authentication failed"))
        || lower.contains(QLatin1String("no password supplied")) || lower.contains(QLatin1String("pg_hba.conf"))
        || (lower.contains(QLatin1String("role ")) && lower.contains(QLatin1String("does not exist"))))
        return make(QStringLiteral("db-auth"),
                    QStringLiteral("the server rejected user '%1' (wrong user name or password)").arg(url.user()),
                    QStringLiteral("check the user and password in the URL; percent-encode special characters "
                                   "in them (@ as %40, : as %3A, / as %2F, % as %25). With Docker, they are the "
                                   "container's POSTGRES_USER / POSTGRES_PASSWORD when its volume was first created"));
    if (lower.contains(QLatin1String("database")) && lower.contains(QLatin1String("does not exist")))
        return make(QStringLiteral("db-unknown-database"),
                    QStringLiteral("there is no database '%1' on %2").arg(url.database(), where(url)),
                    QStringLiteral("create it (createdb / CREATE DATABASE, or POSTGRES_DB for the Docker image) or "
                                   "fix the database name at the end of the URL"));
    if (lower.contains(QLatin1String("could not translate host name")) || lower.contains(QLatin1String("name or service not known"))
        || lower.contains(QLatin1String("temporary failure in name resolution")))
        return make(QStringLiteral("db-unknown-host"), QStringLiteral("the host name '%1' is unknown").arg(url.host()),
                    QStringLiteral("check the host in the URL. From your machine a Docker container is reached "
                                   "through localhost and its published port, not its compose service name"));
    if (lower.contains(QLatin1String("timeout expired")) || lower.contains(QLatin1String("timed out")))
        return make(QStringLiteral("db-timeout"),
                    QStringLiteral("no answer from %1 within %2 s").arg(where(url)).arg(connectTimeoutSeconds),
                    QStringLiteral("is the host reachable and the port right? A firewall or a wrong address "
                                   "makes connections hang"));
    if (lower.contains(QLatin1String("connection refused")) || lower.contains(QLatin1String("no such file or directory"))
        || lower.contains(QLatin1String("server closed the connection")) || lower.contains(QLatin1String("terminating connection"))
        || lower.contains(QLatin1String("the database system is shutting down"))
        || lower.contains(QLatin1String("the database system is starting up")))
        return make(QStringLiteral("db-unreachable"), QStringLiteral("no PostgreSQL server answers on %1").arg(where(url)),
                    QStringLiteral("is the database server (or its Docker container) running? Is the port published "
                                   "(docker run -p 5432:5432, or ports: in compose.yaml) and is it the port in the URL?"));
    return make(QStringLiteral("db-connect"), QStringLiteral("the connection failed"),
                QStringLiteral("check the URL and that the server is running"));
}

Error ScopedConnection::queryError(const QSqlDatabase& db, const QSqlError& error, const QString& what)
{
    const QString target = db.driverName() == QLatin1String("QSQLITE")
                               ? db.databaseName()
                               : QStringLiteral("%1:%2/%3").arg(db.hostName()).arg(db.port()).arg(db.databaseName());
    const QString text = redactUrl(error.text().trimmed());
    const QString lower = text.toLower();
    if (lower.contains(QLatin1String("server closed the connection")) || lower.contains(QLatin1String("terminating connection"))
        || lower.contains(QLatin1String("no connection to the server")) || lower.contains(QLatin1String("connection to server"))
        || lower.contains(QLatin1String("could not receive data")) || lower.contains(QLatin1String("could not send data"))
        || lower.contains(QLatin1String("database system is shutting down")))
        return Error{QStringLiteral("db-connection-lost"),
                     QStringLiteral("the connection to %1 was lost while %2 (%3)").arg(target, what, text),
                     QStringLiteral("the database server stopped or restarted (is the container still running?); "
                                    "nothing was changed by this read: refresh to try again"),
                     {}, 0};
    if (lower.contains(QLatin1String("lock timeout")) || lower.contains(QLatin1String("database is locked"))
        || lower.contains(QLatin1String("database table is locked")))
        return Error{QStringLiteral("db-lock-timeout"),
                     QStringLiteral("%1 on %2 waited too long for a lock another session holds (%3)").arg(what, target, text),
                     db.driverName() == QLatin1String("QSQLITE")
                         ? QStringLiteral("another process is writing to the SQLite file (a migration running?); try again "
                                          "when it has finished")
                         : QStringLiteral("a migration or another session holds a lock on it: see pg_stat_activity / pg_locks "
                                          "on the server, wait for it to finish or end it (pg_cancel_backend)"),
                     {}, 0};
    if (lower.contains(QLatin1String("statement timeout")))
        return Error{QStringLiteral("db-statement-timeout"),
                     QStringLiteral("%1 on %2 took longer than Retort's statement timeout (%3)").arg(what, target, text),
                     QStringLiteral("the server is busy, the catalog is very large, or another session's lock held the "
                                    "statement up; try again"),
                     {}, 0};
    return Error{QStringLiteral("db-query"), QStringLiteral("%1 on %2 failed: %3").arg(what, target, text), {}, {}, 0};
}

Result<std::unique_ptr<ScopedConnection>> ScopedConnection::open(const DatabaseUrl& url, int connectTimeoutSeconds)
{
    ConnectionLimits limits;
    limits.connectTimeoutSeconds = connectTimeoutSeconds;
    return open(url, limits);
}

Result<std::unique_ptr<ScopedConnection>> ScopedConnection::open(const DatabaseUrl& url, const ConnectionLimits& limits)
{
    const int connectTimeoutSeconds = limits.connectTimeoutSeconds;
    const QString driver = url.qtDriver();
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return Error{QStringLiteral("db-driver"),
                     QStringLiteral("the Qt SQL driver %1 for %2 is not installed").arg(driver, url.redacted()),
                     url.dialect() == Dialect::PostgreSQL ? QStringLiteral("install libqt6sql6-psql")
                                                          : QStringLiteral("install libqt6sql6-sqlite"),
                     {}, 0};
    }
    if (url.dialect() == Dialect::SQLite && !url.isSqliteMemory()
        && url.queryValue(QStringLiteral("uri")).isEmpty() && !QFileInfo::exists(url.sqlitePath())) {
        return Error{QStringLiteral("db-not-found"),
                     QStringLiteral("the SQLite database %1 does not exist (%2)")
                         .arg(url.redacted(), QFileInfo(url.sqlitePath()).absoluteFilePath()),
                     QStringLiteral("a relative sqlite:/// path is resolved from the current folder; run the "
                                    "migrations to create the file, or fix the path (sqlite:////absolute/path.db)"),
                     QFileInfo(url.sqlitePath()).absoluteFilePath(), 0};
    }

    const QString name = uniqueName();
    std::unique_ptr<ScopedConnection> connection(new ScopedConnection(url, name));
    connection->m_db = QSqlDatabase::addDatabase(driver, name);
    QSqlDatabase& db = connection->m_db;
    url.applyTo(db);
    QStringList options;
    if (!db.connectOptions().isEmpty())
        options << db.connectOptions();
    const int timeout = qMax(1, connectTimeoutSeconds);
    if (url.dialect() == Dialect::PostgreSQL) {
        // libpq's connect_timeout applies per host address; a value in the URL wins over ours.
        const QString fromUrl = url.queryValue(QStringLiteral("connect_timeout"));
        options << QStringLiteral("connect_timeout=%1").arg(fromUrl.isEmpty() ? QString::number(timeout) : fromUrl);
        if (url.queryValue(QStringLiteral("application_name")).isEmpty())
            options << QStringLiteral("application_name=retort");
    } else if (url.queryValue(QStringLiteral("timeout")).isEmpty()) {
        options << QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(limits.lockTimeoutMs > 0 ? limits.lockTimeoutMs : timeout * 1000);
    }
    db.setConnectOptions(options.join(QLatin1Char(';')));

    log::debug(log::Area::Db, QStringLiteral("connecting to %1 (%2)").arg(url.redacted(), name));
    if (!db.open()) {
        // Returned to the caller, who reports it (the window's Diagnostics, retort-cli's "error:"):
        // logged once, at info, so a terminal does not show it twice.
        Error error = describeError(url, db.lastError().text(), timeout);
        log::info(log::Area::Db, error.message);
        return error;
    }
    if (url.dialect() == Dialect::PostgreSQL) {
        // Session limits for every read Retort makes on this connection.
        const QString fromUrl = url.queryValue(QStringLiteral("options"));
        for (const auto& [setting, value] : {std::pair{QStringLiteral("lock_timeout"), limits.lockTimeoutMs},
                                             std::pair{QStringLiteral("statement_timeout"), limits.statementTimeoutMs}}) {
            if (value <= 0 || fromUrl.contains(setting))
                continue;
            QSqlQuery set(db);
            if (!set.exec(QStringLiteral("SET %1 = %2").arg(setting).arg(value))) {
                Error error = queryError(db, set.lastError(), QStringLiteral("setting %1").arg(setting));
                log::warn(log::Area::Db, error.message);
                return error;
            }
        }
    }
    if (url.dialect() == Dialect::SQLite) {
        // Opening never reads the file: a first query tells a database from any other file.
        QSqlQuery probe(db);
        if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema"))) {
            // Another process holding the file locked is not a broken file.
            Error error = probe.lastError().text().contains(QLatin1String("locked"))
                              ? queryError(db, probe.lastError(), QStringLiteral("opening the database"))
                              : describeError(url, probe.lastError().text(), timeout);
            log::info(log::Area::Db, error.message);
            return error;
        }
    }
    return connection;
}

} // namespace retort
