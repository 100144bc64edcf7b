#include "app/run/MergeController.h"

#include "core/log/Log.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

MergeController::MergeController(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &MergeController::onFinished);
}

MergeController::~MergeController()
{
    if (m_cancel)
        m_cancel->store(true); // the bridge stops Alembic (TERM, then KILL after its grace period)
    m_watcher.waitForFinished();
}

bool MergeController::start(const SnapshotPtr& snapshot, const QStringList& revisions, const QString& message,
                            const InterpreterChoice& python, const QString& overrideUrl)
{
    if (isRunning() || !snapshot || snapshot->isBareVersionsDir())
        return false;
    BridgeRequest request;
    request.op = BridgeOp::Merge;
    request.configFile = snapshot->project.config.configFile;
    request.iniSection = snapshot->project.config.configSection;
    request.workingDirectory = QFileInfo(request.configFile).absolutePath();
    request.target = revisions.join(QLatin1Char(','));
    request.message = message;
    request.overrideUrl = overrideUrl; // only used if env.py runs (revision_environment)
    request.requireUrlMatch = false;
    request.timeoutMs = 120000;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    log::info(log::Area::Exec, tr("Merging %1 through Alembic").arg(revisions.join(QStringLiteral(", "))));
    m_watcher.setFuture(QtConcurrent::run([request, python, cancel]() -> Result<MergeOutcome> {
        const Result<PythonCommand> command = PythonLocator::locate(request.workingDirectory, python);
        if (!command)
            return command.error();
        return AlembicBridge::merge(*command, request, cancel.get());
    }));
    return true;
}

void MergeController::onFinished()
{
    const Result<MergeOutcome> outcome = m_watcher.result();
    if (!outcome) {
        Q_EMIT finished(MergeOutcome{}, outcome.error());
        return;
    }
    log::info(log::Area::Exec, tr("Alembic wrote merge revision %1 in %2").arg(outcome->revision, outcome->path));
    Q_EMIT finished(*outcome, Error{});
}

} // namespace retort::app
