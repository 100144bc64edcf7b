#include "core/exec/BackendStopper.h"

#include "core/db/Connection.h"
#include "core/log/Log.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <algorithm>
#include <functional>

namespace retort {

namespace {

struct Backend
{
    qint64 pid = 0;
    QString state;
    bool inTransaction = false;
};

Result<QVector<Backend>> findBackends(QSqlDatabase& db, const RunBackend& run)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT pid, coalesce(state, ''), xact_start IS NOT NULL FROM pg_stat_activity "
                                 "WHERE pid <> pg_backend_pid() AND ((? <> '' AND application_name = ?) "
                                 "OR (pid = ? AND extract(epoch FROM backend_start)::text = ?)) ORDER BY pid"));
    query.addBindValue(run.applicationName);
    query.addBindValue(run.applicationName);
    query.addBindValue(run.pid);
    query.addBindValue(run.backendStart);
    if (!query.exec())
        return ScopedConnection::queryError(db, query.lastError(), QStringLiteral("looking for the run's backends"));
    QVector<Backend> backends;
    while (query.next())
        backends << Backend{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toBool()};
    return backends;
}

bool signalBackend(QSqlDatabase& db, const QString& function, qint64 pid)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1(?)").arg(function));
    query.addBindValue(pid);
    return query.exec() && query.next() && query.value(0).toBool();
}

QString describe(const Backend& backend)
{
    return QStringLiteral("pid %1: %2%3")
        .arg(backend.pid)
        .arg(backend.state.isEmpty() ? QStringLiteral("state unknown") : backend.state,
             backend.inTransaction ? QStringLiteral(", in a transaction") : QString());
}

// Polls until no backend of the run satisfies `busy` or `waitMs` passed; returns the last list.
Result<QVector<Backend>> waitWhile(QSqlDatabase& db, const RunBackend& run, int waitMs,
                                   const std::function<bool(const Backend&)>& busy)
{
    QElapsedTimer clock;
    clock.start();
    while (true) {
        Result<QVector<Backend>> backends = findBackends(db, run);
        if (!backends)
            return backends;
        const bool anyBusy = std::any_of(backends->cbegin(), backends->cend(), busy);
        if (!anyBusy || clock.elapsed() >= waitMs)
            return backends;
        QThread::msleep(50);
    }
}

} // namespace

BackendStopReport BackendStopper::stop(const DatabaseUrl& url, const RunBackend& backend, int waitMs,
                                       int connectTimeoutSeconds)
{
    BackendStopReport report;
    if (url.dialect() != Dialect::PostgreSQL)
        return report;
    if (!backend.isKnown()) {
        report.problem = QStringLiteral("the run's connection was not tagged, so its backend cannot be found");
        return report;
    }
    ConnectionLimits limits;
    limits.connectTimeoutSeconds = connectTimeoutSeconds;
    limits.lockTimeoutMs = 2000;
    limits.statementTimeoutMs = 5000;
    auto connection = ScopedConnection::open(url, limits);
    if (!connection) {
        report.problem = connection.error().message;
        log::warn(log::Area::Exec, QStringLiteral("cannot reach the server to stop the run's statement: %1").arg(report.problem));
        return report;
    }
    QSqlDatabase db = (*connection)->database();

    const Result<QVector<Backend>> found = findBackends(db, backend);
    if (!found) {
        report.problem = found.error().message;
        return report;
    }
    for (const Backend& b : *found) {
        if (b.state != QLatin1String("active"))
            continue;
        if (signalBackend(db, QStringLiteral("pg_cancel_backend"), b.pid)) {
            report.cancelledStatement = true;
            report.actions << QStringLiteral("cancelled the running statement of backend %1").arg(b.pid);
        }
    }

    // Cancelling ends the statement; Alembic's transaction then rolls back as the error unwinds
    // (or, in a migration busy in Python, nothing happens): wait for the transactions to end.
    const auto inTransaction = [](const Backend& b) { return b.inTransaction; };
    Result<QVector<Backend>> after = waitWhile(db, backend, report.cancelledStatement ? waitMs : 0, inTransaction);
    if (!after) {
        report.problem = after.error().message;
        return report;
    }
    QVector<qint64> terminated;
    for (const Backend& b : *after) {
        if (!b.inTransaction)
            continue;
        if (signalBackend(db, QStringLiteral("pg_terminate_backend"), b.pid)) {
            terminated << b.pid;
            report.actions << QStringLiteral("terminated backend %1, which was still in a transaction (%2)").arg(b.pid).arg(b.state);
        }
    }
    if (!terminated.isEmpty()) {
        after = waitWhile(db, backend, waitMs, [&](const Backend& b) { return terminated.contains(b.pid); });
        if (!after) {
            report.problem = after.error().message;
            return report;
        }
    }
    for (const Backend& b : *after) {
        if (b.inTransaction || terminated.contains(b.pid))
            report.remaining << describe(b);
    }
    for (const QString& action : std::as_const(report.actions))
        log::info(log::Area::Exec, QStringLiteral("server: %1").arg(action));
    return report;
}

Result<QStringList> BackendStopper::remaining(QSqlDatabase db, const RunBackend& backend)
{
    if (!backend.isKnown())
        return QStringList{};
    const Result<QVector<Backend>> found = findBackends(db, backend);
    if (!found)
        return found.error();
    QStringList described;
    for (const Backend& b : *found)
        described << describe(b);
    return described;
}

} // namespace retort
