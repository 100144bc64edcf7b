#pragma once

#include "core/alembic/Project.h"
#include "core/common/Problem.h"
#include "core/exec/PythonLocator.h"

#include <QFuture>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>

namespace retort {

class RevisionGraph;

// The doctor's findings are Problems (core/common/Problem.h). Their codes are stable (tests, JSON,
// the GUI key on them):
//   env-missing-online, env-missing-offline, env-no-target-metadata, env-context-at-import,
//   ini-script-location, graph-multiple-heads, graph-missing-parent, graph-duplicate-id,
//   graph-cycle, graph-unresolved-value, graph-invalid-id, graph-problem, header-stale, revision-file-problem,
//   revision-no-upgrade, revision-no-downgrade,
//   db-connect, db-unknown-revision, db-unversioned-tables, db-behind, db-url-mismatch, db-locks.

// What the database checks need besides the project.
struct DatabaseCheckOptions
{
    QString url;                    // SQLAlchemy URL of the database Retort is connected to
    int connectTimeoutSeconds = 5;
    // Use the Alembic bridge (the project's Python, about a second per run): which database env.py
    // would use (db-url-mismatch), and, on PostgreSQL with pending revisions, the tables their
    // offline SQL touches (db-locks; without it only the op.* calls read statically count).
    bool useBridge = true;
    // The interpreter for the bridge, as the window and retort-cli resolve it (InterpreterMemory:
    // given, else remembered for the project - a compose service too - else detected).
    InterpreterChoice python;
    std::shared_ptr<std::atomic_bool> cancel; // optional: checked between checks
};

// Turns a project (and a database) into findings. All functions are reentrant and touch no
// global state, so they can run on any thread.
class Doctor
{
public:
    // Static checks of the project: env.py, alembic.ini locations, application imports of env.py,
    // the revision graph (build `lenientGraph` with RevisionGraph::Mode::Lenient from
    // `project.files`) and the revision files' own problems. Reads files; never runs Python.
    static QVector<Problem> checkProject(const LoadedProject& project, const RevisionGraph& lenientGraph);

    // alembic.ini checks for a project that may not load at all (loadProject fails when
    // script_location is wrong): `folderOrConfigFile` as given to loadProject. Also part of
    // checkProject. Returns no findings when there is no alembic.ini to read.
    static QVector<Problem> checkConfiguration(const QString& folderOrConfigFile);

    // Database checks: opens its own connection in the calling thread (call it from a worker,
    // e.g. through checkDatabaseAsync) and closes it before returning. A database that cannot
    // be reached gives a "db-connect" error finding.
    static QVector<Problem> checkDatabase(const LoadedProject& project, const RevisionGraph& lenientGraph,
                                          const DatabaseCheckOptions& options);
    // checkDatabase on the global thread pool.
    static QFuture<QVector<Problem>> checkDatabaseAsync(const LoadedProject& project,
                                                        const RevisionGraph& lenientGraph,
                                                        const DatabaseCheckOptions& options);

    [[nodiscard]] static bool hasErrors(const QVector<Problem>& findings);
    // Errors first, then warnings, then infos; within a severity by path, line and id.
    static void sort(QVector<Problem>& findings);
    // The readable report of `retort-cli doctor`: grouped by severity, with file:line locations
    // relative to `baseDir`, hints and fix commands; "No problems found." when empty.
    [[nodiscard]] static QString formatText(const QVector<Problem>& findings, const QString& baseDir = {});
};

} // namespace retort
