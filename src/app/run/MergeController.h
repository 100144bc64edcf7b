#pragma once

#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"
#include "core/workspace/ProjectLoader.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace retort::app {

// Writes a merge revision through the project's own Alembic (`alembic merge`), on the thread
// pool: Alembic takes the file from the project's script.py.mako and picks its folder and id.
// Nothing touches the database. Destroying the controller during a merge stops the bridge.
class MergeController : public QObject
{
    Q_OBJECT
public:
    explicit MergeController(QObject* parent = nullptr);
    ~MergeController() override;

    // Starts `alembic merge -m message revisions...` for the snapshot's project. False (nothing
    // started) while a merge runs or for a bare versions folder.
    bool start(const SnapshotPtr& snapshot, const QStringList& revisions, const QString& message,
               const InterpreterChoice& python, const QString& overrideUrl);
    [[nodiscard]] bool isRunning() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    // The new revision and the file Alembic wrote, or an Error (empty revision).
    void finished(const retort::MergeOutcome& outcome, const retort::Error& error);

private:
    void onFinished();

    QFutureWatcher<Result<MergeOutcome>> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace retort::app
