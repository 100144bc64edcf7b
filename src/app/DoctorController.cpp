#include "app/DoctorController.h"

#include "app/ProjectSession.h"
#include "core/graph/RevisionGraph.h"
#include "core/log/Log.h"

#include <QFileInfo>

#include <algorithm>

namespace retort::app {

DoctorController::DoctorController(DiagnosticsModel* model, QObject* parent)
    : QObject(parent)
    , m_model(model)
    , m_watcher(new QFutureWatcher<QVector<Finding>>(this))
{
    connect(m_watcher, &QFutureWatcherBase::finished, this, &DoctorController::onFinished);
}

DoctorController::~DoctorController()
{
    cancelRunning();
    for (QFuture<QVector<Finding>>& future : m_pending)
        future.waitForFinished();
}

void DoctorController::cancelRunning()
{
    if (m_cancel)
        m_cancel->store(true);
    m_pending.erase(std::remove_if(m_pending.begin(), m_pending.end(),
                                   [](const QFuture<QVector<Finding>>& f) { return f.isFinished(); }),
                    m_pending.end());
    if (m_watcher->isRunning())
        m_pending.append(m_watcher->future());
    m_watcher->setFuture(QFuture<QVector<Finding>>());
}

void DoctorController::checkDatabase(const std::shared_ptr<const ProjectSnapshot>& snapshot, const QString& url,
                                     const QString& python)
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

void DoctorController::refresh(const ProjectSession& session, const QString& python)
{
    const auto snapshot = session.snapshot();
    if (!snapshot || !session.databaseState().connected || session.databaseUrl().isEmpty()) {
        clear();
        return;
    }
    checkDatabase(snapshot, session.databaseUrl(), python);
}

void DoctorController::clear()
{
    cancelRunning();
    m_model->setDiagnostics(Diagnostic::Source::DatabaseDoctor, {});
}

void DoctorController::onFinished()
{
    const QFuture<QVector<Finding>> future = m_watcher->future();
    if (future.isCanceled() || future.resultCount() == 0 || (m_cancel && m_cancel->load()))
        return;
    const QVector<Diagnostic> rows = toDiagnostics(future.result());
    m_model->setDiagnostics(Diagnostic::Source::DatabaseDoctor, rows);
    Q_EMIT databaseChecked(int(rows.size()));
}

QVector<Diagnostic> DoctorController::toDiagnostics(const QVector<Finding>& findings)
{
    QVector<Diagnostic> rows;
    rows.reserve(findings.size());
    for (const Finding& f : findings) {
        Diagnostic d;
        d.severity = f.severity == severity::error()     ? Diagnostic::Severity::Error
                     : f.severity == severity::warning() ? Diagnostic::Severity::Warning
                                                         : Diagnostic::Severity::Info;
        d.code = f.id;
        d.message = f.message;
        d.hint = f.fixCommand.isEmpty() ? f.hint : tr("%1 (%2)").arg(f.hint, f.fixCommand);
        d.path = f.path;
        d.line = f.line;
        d.revision = f.revision;
        d.fixCommand = f.fixCommand;
        rows.append(d);
    }
    return rows;
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
