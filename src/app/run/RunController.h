#pragma once

#include "core/exec/AlembicJob.h"
#include "core/workspace/DatabaseState.h"
#include "core/workspace/ProjectLoader.h"
#include "core/workspace/RunPlanner.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThread>

namespace retort::app {

// Everything a run needs besides the request the user confirmed: the snapshot it was planned on,
// the database and where its version table is, and the interpreter choice.
struct RunContext
{
    SnapshotPtr snapshot;
    ConnectionTarget target;   // full URL (with password) or empty for env.py's own
    VersionLocation location;
    InterpreterChoice python;  // the user's interpreter choice (empty = auto-detect)
};

// Runs one Alembic command (upgrade, downgrade, stamp) through AlembicJob on a worker QThread
// that this object owns. Locating the project's Python happens on the thread pool first; the
// GUI thread never waits. The job itself is RunPlanner::jobRequest's (the same as retort-cli's).
// Progress arrives as queued signals; cancel() is thread-safe; the destructor cancels a running
// job and waits for its thread.
class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;

    // False (and nothing happens) while another run is in progress.
    bool start(const RunRequest& request, const RunContext& context);
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] const RunRequest& currentRequest() const { return m_request; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void runStarted(const retort::RunRequest& request);
    void stepStarted(const retort::StepEvent& step);
    void stepFinished(const retort::StepEvent& step);
    void logLine(const QString& level, const QString& text);
    void runFinished(const retort::JobResult& result);

private:
    void onPythonLocated();
    void finish(const JobResult& result);

    QThread m_thread;
    AlembicJob* m_job = nullptr; // lives in m_thread; deleted there after finished (or after the thread ends)
    QFutureWatcher<Result<PythonCommand>> m_locate;
    RunRequest m_request;
    RunContext m_context;
    bool m_running = false;
    bool m_cancelRequested = false;
};

} // namespace retort::app
