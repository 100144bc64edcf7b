#include "app/doctor/DoctorController.h"

#include "core/workspace/Workspace.h"
#include "core/graph/RevisionGraph.h"
#include "core/log/Log.h"

#include <QFileInfo>

#include <algorithm>

namespace retort::app {

DoctorController::DoctorController(DiagnosticsModel* model, QObject* parent)
    : QObject(parent)
    , m_model(model)
    , m_watcher(new QFutureWatcher<QVector<Problem>>(this))
{
    connect(m_watcher, &QFutureWatcherBase::finished, this, &DoctorController::onFinished);
}

DoctorController::~DoctorController()
{
    cancelRunning();
    for (QFuture<QVector<Problem>>& future : m_pending)
        future.waitForFinished();
}

void DoctorController::cancelRunning()
{
    if (m_cancel)
        m_cancel->store(true);
    m_pending.erase(std::remove_if(m_pending.begin(), m_pending.end(),
                                   [](const QFuture<QVector<Problem>>& f) { return f.isFinished(); }),
                    m_pending.end());
    if (m_watcher->isRunning())
        m_pending.append(m_watcher->future());
    m_watcher->setFuture(QFuture<QVector<Problem>>());
}

void DoctorController::checkDatabase(const std::shared_ptr<const ProjectSnapshot>& snapshot, const QString& url,
                                     const InterpreterChoice& python)
{
    cancelRunning();
    if (!snapshot || url.isEmpty()) {
        m_model->setDiagnostics(Diagnostic::Source::DatabaseDoctor, {});
        return;
    }
    DatabaseCheckOptions options;
    options.url = url;
    options.python = python;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    options.cancel = m_cancel;
    log::debug(log::Area::Doctor, QStringLiteral("Checking the database for the Diagnostics panel"));
    m_watcher->setFuture(Doctor::checkDatabaseAsync(snapshot->project, snapshot->graph, options));
}

void DoctorController::refresh(const Workspace& workspace, const InterpreterChoice& python)
{
    const SnapshotPtr snapshot = workspace.snapshot();
    if (!snapshot || !workspace.isCurrent() || !workspace.databaseState().connected || !workspace.target().isSet()) {
        clear();
        return;
    }
    checkDatabase(snapshot, workspace.target().url, python);
}

void DoctorController::clear()
{
    cancelRunning();
    m_model->setDiagnostics(Diagnostic::Source::DatabaseDoctor, {});
}

void DoctorController::onFinished()
{
    const QFuture<QVector<Problem>> future = m_watcher->future();
    if (future.isCanceled() || future.resultCount() == 0 || (m_cancel && m_cancel->load()))
        return;
    const Problems findings = future.result();
    m_model->setDiagnostics(Diagnostic::Source::DatabaseDoctor, findings);
    Q_EMIT databaseChecked(int(findings.size()));
}

QString DoctorController::revisionForPath(const RevisionGraph& graph, const QString& path)
{
    if (path.isEmpty())
        return {};
    const QString wanted = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < graph.size(); ++i) {
        const Revision& r = graph.at(i);
        if (!r.path.isEmpty() && QFileInfo(r.path).absoluteFilePath() == wanted)
            return r.id;
    }
    return {};
}

} // namespace retort::app
