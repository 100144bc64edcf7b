#include "app/revision/RevisionController.h"

#include "core/log/Log.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

namespace {

Result<PythonCommand> locatePython(const ProjectSnapshot& snapshot, const InterpreterChoice& python)
{
    return PythonLocator::locate(QFileInfo(snapshot.project.config.configFile).absolutePath(), python);
}

} // namespace

RevisionController::RevisionController(QObject* parent)
    : QObject(parent)
{
    connect(&m_reviewWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<AutogenerateReview> result = m_reviewWatcher.result();
        Q_EMIT reviewed(result ? *result : AutogenerateReview{}, result ? Error{} : result.error());
    });
    connect(&m_checkWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<AutogenerateReview> result = m_checkWatcher.result();
        Q_EMIT checked(result ? *result : AutogenerateReview{}, result ? Error{} : result.error());
    });
    connect(&m_writeWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<QVector<WrittenRevision>> result = m_writeWatcher.result();
        if (result) {
            for (const WrittenRevision& file : *result)
                log::info(log::Area::Exec, tr("Alembic wrote revision %1 in %2").arg(file.revision, file.path));
        }
        Q_EMIT written(result ? *result : QVector<WrittenRevision>{}, result ? Error{} : result.error());
    });
}

RevisionController::~RevisionController()
{
    cancel();
    m_reviewWatcher.waitForFinished();
    m_checkWatcher.waitForFinished();
    m_writeWatcher.waitForFinished();
}

void RevisionController::cancel()
{
    if (m_cancel)
        m_cancel->store(true); // the bridge stops Alembic (TERM, then KILL after its grace period)
}

bool RevisionController::isRunning() const
{
    return m_reviewWatcher.isRunning() || m_checkWatcher.isRunning() || m_writeWatcher.isRunning();
}

bool RevisionController::startable(const SnapshotPtr& snapshot) const
{
    return !isRunning() && snapshot && !snapshot->isBareVersionsDir();
}

std::shared_ptr<std::atomic_bool> RevisionController::newCancelFlag()
{
    m_cancel = std::make_shared<std::atomic_bool>(false);
    return m_cancel;
}

bool RevisionController::review(const SnapshotPtr& snapshot, const NewRevisionOptions& options, const InterpreterChoice& python,
                                const QString& overrideUrl)
{
    if (!startable(snapshot))
        return false;
    const std::shared_ptr<std::atomic_bool> cancel = newCancelFlag();
    log::info(log::Area::Exec, tr("Comparing the models with the database (autogenerate review)"));
    m_reviewWatcher.setFuture(QtConcurrent::run([snapshot, options, python, overrideUrl, cancel]() -> Result<AutogenerateReview> {
        const Result<PythonCommand> command = locatePython(*snapshot, python);
        if (!command)
            return command.error();
        const BridgeRequest request = NewRevision::bridgeRequest(options, *snapshot, *command, overrideUrl);
        return AlembicBridge::reviewRevision(*command, request, cancel.get());
    }));
    return true;
}

bool RevisionController::write(const SnapshotPtr& snapshot, const NewRevisionOptions& options, const InterpreterChoice& python,
                               const QString& overrideUrl, const std::optional<AutogenerateReview>& reviewed)
{
    if (!startable(snapshot))
        return false;
    const std::shared_ptr<std::atomic_bool> cancel = newCancelFlag();
    log::info(log::Area::Exec, tr("Writing a new revision through Alembic"));
    m_writeWatcher.setFuture(
        QtConcurrent::run([snapshot, options, python, overrideUrl, reviewed, cancel]() -> Result<QVector<WrittenRevision>> {
            const Result<PythonCommand> command = locatePython(*snapshot, python);
            if (!command)
                return command.error();
            BridgeRequest request = NewRevision::bridgeRequest(options, *snapshot, *command, overrideUrl);
            if (reviewed)
                NewRevision::acceptReview(request, *reviewed);
            return AlembicBridge::writeRevision(*command, request, cancel.get());
        }));
    return true;
}

bool RevisionController::check(const SnapshotPtr& snapshot, const InterpreterChoice& python, const QString& overrideUrl)
{
    if (!startable(snapshot))
        return false;
    const std::shared_ptr<std::atomic_bool> cancel = newCancelFlag();
    log::info(log::Area::Exec, tr("Checking the models against the database"));
    m_checkWatcher.setFuture(QtConcurrent::run([snapshot, python, overrideUrl, cancel]() -> Result<AutogenerateReview> {
        const Result<PythonCommand> command = locatePython(*snapshot, python);
        if (!command)
            return command.error();
        return AlembicBridge::checkDrift(*command, NewRevision::checkRequest(*snapshot, *command, overrideUrl), cancel.get());
    }));
    return true;
}

} // namespace retort::app
