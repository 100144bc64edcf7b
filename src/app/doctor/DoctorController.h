#pragma once

#include "app/doctor/DiagnosticsModel.h"
#include "core/doctor/Doctor.h"
#include "core/workspace/ProjectLoader.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

namespace retort {
class RevisionGraph;
class Workspace;
}

namespace retort::app {

// Runs the doctor's database checks for the window: on the global thread pool with their own
// connection, one at a time (a new check cancels the stale one and its result is dropped), and
// puts the findings into the Diagnostics model as the DatabaseDoctor source, replacing the
// previous ones. Also turns a finding's file into what the window should show.
class DoctorController : public QObject
{
    Q_OBJECT
public:
    explicit DoctorController(DiagnosticsModel* model, QObject* parent = nullptr);
    ~DoctorController() override; // cancels and waits for running checks

    // Checks the database at `url` (full URL, never shown) against the project. `python` is the
    // interpreter the window uses (a path, a compose service, or empty: detected for the project).
    void checkDatabase(const std::shared_ptr<const ProjectSnapshot>& snapshot, const QString& url,
                       const InterpreterChoice& python);
    // Checks the workspace's database when it is connected and its project loaded; clears otherwise.
    void refresh(const Workspace& workspace, const InterpreterChoice& python);
    // Cancels a running check and removes the database findings (no database connected).
    void clear();
    [[nodiscard]] bool isChecking() const { return m_watcher->isRunning(); }

    // The revision whose file is `path` ("" when no revision is defined there).
    [[nodiscard]] static QString revisionForPath(const RevisionGraph& graph, const QString& path);

Q_SIGNALS:
    void databaseChecked(int findings);

private:
    void cancelRunning();
    void onFinished();

    DiagnosticsModel* m_model = nullptr;
    QFutureWatcher<QVector<Problem>>* m_watcher = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QList<QFuture<QVector<Problem>>> m_pending; // stale checks still winding down
};

} // namespace retort::app
