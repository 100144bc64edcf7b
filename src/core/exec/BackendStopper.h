#pragma once

// Stops a bridge run's work on the PostgreSQL server when the run is cancelled or times out.
//
// Killing the bridge process is not enough: a psycopg2 call blocked in C (a long ALTER TABLE,
// pg_sleep, a statement waiting for a lock) never runs Python's signal handler, and after
// SIGKILL the server keeps the backend - and its locks - until it notices the client is gone,
// which for a statement that is still running can be never. So, from a separate connection:
//   1. pg_cancel_backend: the statement in progress ends with an error, Alembic's transaction
//      rolls back, and the bridge reports it and exits on its own;
//   2. pg_terminate_backend for any backend of the run still inside a transaction after a short
//      wait (a migration that swallowed the error, or one busy in Python between statements);
//   3. only then the process (AlembicBridge: SIGTERM, SIGKILL after the grace period).
// The run's backends are those with the run's application_name (the bridge tags every
// connection it makes) and the migration connection's own backend (pid + start time, reported
// by the bridge right after connecting; pid and start time together never match a reused pid).

#include "core/common/Error.h"
#include "core/db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace retort {

// A run's connections on the server.
struct RunBackend
{
    qint64 pid = 0;          // the migration connection's backend, 0 when unknown
    QString backendStart;    // its backend_start as the server prints extract(epoch ...)::text
    QString applicationName; // the run's tag ("retort-run-<hex>"), "" when none
    [[nodiscard]] bool isKnown() const { return pid > 0 || !applicationName.isEmpty(); }
};

struct BackendStopReport
{
    QStringList actions;      // what was done, one sentence each ("cancelled the statement of backend 123")
    bool cancelledStatement = false; // a running statement was cancelled (the bridge should now end by itself)
    QStringList remaining;    // backends of the run still there afterwards ("pid 123: idle in transaction")
    QString problem;          // why nothing could be done ("" when the server was reached)
};

class BackendStopper
{
public:
    // Cancel, wait up to `waitMs` for the run's transactions to end, terminate the backends still
    // inside one, wait up to `waitMs` for them to go. Never throws, never hangs longer than the
    // connect timeout plus twice `waitMs` (and the server's own answer times).
    static BackendStopReport stop(const DatabaseUrl& url, const RunBackend& backend, int waitMs = 1000,
                                  int connectTimeoutSeconds = 3);

    // The run's backends on an open PostgreSQL connection, described ("pid 123: active, in a
    // transaction"); empty when none is left.
    static Result<QStringList> remaining(QSqlDatabase db, const RunBackend& backend);
};

} // namespace retort
