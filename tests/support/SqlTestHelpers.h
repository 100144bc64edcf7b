#pragma once

// Small helpers for database tests (retort_testsupport), shared by the db, doctor, exec and app tests.

#include "core/common/Error.h"
#include "core/db/Connection.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <thread>

namespace retort {

// Runs the statements in order on `db`; the first failure is returned (and printed) with the statement.
Status execAll(const QSqlDatabase& db, const QStringList& statements);

// ScopedConnection::open for a URL string; null (with a qWarning naming the error) on failure.
std::unique_ptr<ScopedConnection> connectTo(const QString& url, int connectTimeoutSeconds = 5);

// Creates (or extends) a SQLite file with the statements, through a short-lived connection of
// its own (removed before returning).
Status writeSqliteFile(const QString& path, const QStringList& statements);

// Another session that holds locks for a while: on its own thread it connects to `url`, runs
// `statements` (e.g. "BEGIN", "LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE"; SQLite:
// "BEGIN EXCLUSIVE"), keeps its transaction open for `holdMs`, then rolls back and disconnects.
// The constructor returns once the statements ran (or failed: see error()); release() ends the
// hold early; the destructor waits for the release.
class LockHolder
{
public:
    LockHolder(const QString& url, const QStringList& statements, int holdMs);
    ~LockHolder();
    LockHolder(const LockHolder&) = delete;
    LockHolder& operator=(const LockHolder&) = delete;

    [[nodiscard]] bool holding() const { return m_error.isEmpty(); }
    [[nodiscard]] QString error() const { return m_error; }
    void release();
    void waitForRelease();

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    QString m_error;
    std::thread m_thread;
};

} // namespace retort
