#pragma once

// The open project and its database, for a long-lived front end (the window): loads and re-reads
// on workers (the caller's thread never waits on the file system or the database), swaps in a new
// snapshot only when a load succeeds, watches the project's files, and caches the plans it is
// asked for. The policies themselves are ProjectLoader, readDatabaseState and RunPlanner, which
// retort-cli calls directly: the two front ends give the same answer by construction.
//
// A failed load clears nothing silently: the previous snapshot stays (it is still what the view
// shows), loadError() says why the new one failed, and isRunnable() is false until a load of the
// requested project succeeds. While a run holds the workspace (setRunning), open() is refused.

#include "core/common/Error.h"
#include "core/graph/Planner.h"
#include "core/workspace/DatabaseState.h"
#include "core/workspace/ProjectLoader.h"
#include "core/workspace/RunPlanner.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>

class QFileSystemWatcher;

namespace retort {

class Workspace : public QObject
{
    Q_OBJECT
public:
    explicit Workspace(QObject* parent = nullptr);
    ~Workspace() override;

    // ---- the project ----
    // Starts loading `request.project`; snapshotChanged() or loadFailed() follows. `target` (when
    // given) becomes the database target together with the new snapshot - only if the load
    // succeeds. Refused (false, busyError()) while a run holds the workspace.
    bool open(const LoadRequest& request, const std::optional<ConnectionTarget>& target = std::nullopt);
    // Re-reads the requested project (same request, same target).
    void reload();
    [[nodiscard]] SnapshotPtr snapshot() const { return m_snapshot; }
    [[nodiscard]] QString requestedPath() const { return m_request.project; }
    [[nodiscard]] const LoadRequest& request() const { return m_request; }
    [[nodiscard]] bool isLoading() const { return m_loadWatcher.isRunning(); }
    // The last load's failure; the snapshot (if any) is then an earlier project's or an earlier
    // state of this one.
    [[nodiscard]] const std::optional<Error>& loadError() const { return m_loadError; }
    // The snapshot is the requested project as last read (no failed or pending load since).
    [[nodiscard]] bool isCurrent() const;
    void setWatchFiles(bool watch) { m_watchFiles = watch; }

    // ---- the database ----
    void setTarget(const ConnectionTarget& target);
    [[nodiscard]] const ConnectionTarget& target() const { return m_target; }
    [[nodiscard]] const DatabaseState& databaseState() const { return m_dbState; }
    // The state read last belongs to the current target (not to one set since).
    [[nodiscard]] bool isDatabaseStateCurrent() const { return m_dbState.target == m_target && !m_dbWatcher.isRunning(); }
    [[nodiscard]] bool isReadingDatabase() const { return m_dbWatcher.isRunning(); }
    void refreshDatabaseState();
    // Where the version table is: the project's (env.py literals) unless told otherwise (env.py
    // asked through Alembic, or found in another schema by the last read).
    [[nodiscard]] VersionLocation versionLocation() const;
    void setVersionLocation(const VersionLocation& location);

    // ---- plans and runs ----
    // The snapshot accepts commands, it is current, and the database's revisions are known.
    [[nodiscard]] bool isRunnable() const;
    // Why not, as an Error (empty code when it is runnable).
    [[nodiscard]] Error notRunnableReason() const;
    // Alembic's plan from the database's heads; cached per snapshot and database state.
    [[nodiscard]] Result<Plan> plan(Direction direction, const QString& target) const;
    // For the selected revision: the upgrade plan when it has steps, else the downgrade plan.
    [[nodiscard]] Result<Plan> planTowards(const QString& revision) const;
    [[nodiscard]] Result<RunRequest> prepareRun(RunKind kind, const QString& target, bool purge = false) const;
    [[nodiscard]] JobRequest jobRequest(const RunRequest& request, const PythonCommand& python) const;

    // A run holds the workspace: no project may be opened meanwhile.
    void setRunning(bool running);
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] Error busyError() const;

    // For tests, benchmarks and retort --report: load synchronously in the calling thread.
    static Result<std::shared_ptr<ProjectSnapshot>> loadNow(const LoadRequest& request) { return ProjectLoader::load(request); }

Q_SIGNALS:
    void loadStarted(const QString& path);
    void snapshotChanged();
    void loadFailed(const retort::Error& error);
    void databaseStateChanged();
    void filesChangedOnDisk();
    void runningChanged(bool running);

private:
    void startLoad();
    void onLoadFinished();
    void onDatabaseFinished();
    void watch(const ProjectSnapshot& snapshot);
    void clearPlans();
    [[nodiscard]] QString baseDir() const;

    LoadRequest m_request;
    std::optional<ConnectionTarget> m_pendingTarget;
    SnapshotPtr m_snapshot;
    std::optional<Error> m_loadError;
    ConnectionTarget m_target;
    std::optional<VersionLocation> m_locationOverride;
    DatabaseState m_dbState;
    QFutureWatcher<Result<std::shared_ptr<ProjectSnapshot>>> m_loadWatcher;
    QFutureWatcher<DatabaseState> m_dbWatcher;
    bool m_loadPending = false;
    bool m_dbPending = false;
    bool m_watchFiles = true;
    bool m_running = false;
    QFileSystemWatcher* m_fsWatcher = nullptr;
    QTimer m_reloadTimer;
    mutable std::map<QString, Result<Plan>> m_plans; // "u:target" / "d:target" for the current snapshot + heads
};

} // namespace retort
