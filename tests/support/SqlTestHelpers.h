#pragma once

// Small helpers for database tests (retort_testsupport), shared by the db, doctor, exec and app tests.

#include "core/common/Error.h"
#include "core/db/Connection.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

namespace retort {

// Runs the statements in order on `db`; the first failure is returned (and printed) with the statement.
Status execAll(const QSqlDatabase& db, const QStringList& statements);

// ScopedConnection::open for a URL string; null (with a qWarning naming the error) on failure.
std::unique_ptr<ScopedConnection> connectTo(const QString& url, int connectTimeoutSeconds = 5);

// Creates (or extends) a SQLite file with the statements, through a short-lived connection of
// its own (removed before returning).
Status writeSqliteFile(const QString& path, const QStringList& statements);

} // namespace retort
