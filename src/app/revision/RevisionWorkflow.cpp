#include "app/revision/RevisionWorkflow.h"

#include "app/doctor/DiagnosticsModel.h"
#include "app/revision/BootstrapDialog.h"
#include "app/editor/PythonEditorWindow.h"
#include "app/revision/DriftReportDialog.h"
#include "app/revision/NewRevisionDialog.h"
#include "app/revision/RevisionController.h"
#include "core/exec/SchemaChangeReport.h"
#include "core/workspace/Workspace.h"

#include <QFileInfo>
#include <QRadioButton>

namespace retort::app {

RevisionWorkflow::RevisionWorkflow(Workspace* workspace, DiagnosticsModel* diagnostics, InterpreterGetter python, QWidget* window)
    : QObject(window)
    , m_workspace(workspace)
    , m_diagnostics(diagnostics)
    , m_python(std::move(python))
    , m_window(window)
{
    m_checker = new RevisionController(this);
    connect(m_checker, &RevisionController::checked, this, &RevisionWorkflow::onChecked);
    // A new project (or a reload of another one) makes the last drift finding stale.
    connect(m_workspace, &Workspace::snapshotChanged, this, [this] {
        const SnapshotPtr snapshot = m_workspace->snapshot();
        if (!snapshot || snapshot->project.config.configFile != m_checkedProject)
            m_diagnostics->setDiagnostics(Diagnostic::Source::Drift, {});
    });
}

RevisionWorkflow::~RevisionWorkflow() = default;

void RevisionWorkflow::newRevision(const QString& parentId, bool autogenerate)
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    if (!snapshot)
        return;
    if (snapshot->isBareVersionsDir()) {
        Q_EMIT failed(tr("Cannot write a revision"),
                      Error{QStringLiteral("bare-versions"), tr("Writing a revision needs the project's alembic.ini."),
                            tr("Open the project folder instead of its versions folder."), {}, 0});
        return;
    }
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new NewRevisionDialog(snapshot, m_python(), m_workspace->target().url, parentId, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (autogenerate)
        m_dialog->autogenerateButton()->setChecked(true);
    NewRevisionDialog* dialog = m_dialog;
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) { onDialogFinished(dialog, result); });
    m_dialog->open();
    Q_EMIT busyChanged();
}

void RevisionWorkflow::onDialogFinished(const NewRevisionDialog* dialog, int result)
{
    Q_EMIT busyChanged();
    if (result != QDialog::Accepted || dialog->written().isEmpty())
        return;
    const QVector<WrittenRevision> files = dialog->written();
    for (const WrittenRevision& file : files)
        openEditor(file.path);
    const WrittenRevision& first = files.first();
    Q_EMIT statusMessage(tr("Alembic wrote revision %1 (%2). Upgrade to apply it.").arg(first.revision, QFileInfo(first.path).fileName()),
                         10000);
    Q_EMIT revisionWritten(first.revision, first.path);
}

PythonEditorWindow* RevisionWorkflow::openEditor(const QString& path)
{
    const QString key = QFileInfo(path).absoluteFilePath();
    if (PythonEditorWindow* open = m_editors.value(key)) {
        open->show();
        open->raise();
        open->activateWindow();
        return open;
    }
    auto* editor = new PythonEditorWindow(m_window);
    if (!editor->openFile(key)) {
        editor->deleteLater();
        return nullptr;
    }
    m_editors.insert(key, editor);
    editor->show();
    return editor;
}

NewRevisionDialog* RevisionWorkflow::dialog() const
{
    return m_dialog;
}

DriftReportDialog* RevisionWorkflow::driftReport() const
{
    return m_report;
}

BootstrapDialog* RevisionWorkflow::bootstrapDialog() const
{
    return m_bootstrap;
}

bool RevisionWorkflow::canBootstrap() const
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    if (!snapshot || snapshot->isBareVersionsDir())
        return false;
    if (m_analysed != snapshot.get()) {
        m_analysed = snapshot.get();
        m_bootstrappable = Bootstrap::analyse(*snapshot).kind != BootstrapSituation::Kind::None;
    }
    return m_bootstrappable;
}

void RevisionWorkflow::bootstrap()
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    if (!snapshot || snapshot->isBareVersionsDir())
        return;
    if (m_bootstrap) {
        m_bootstrap->raise();
        m_bootstrap->activateWindow();
        return;
    }
    m_bootstrap = new BootstrapDialog(snapshot, m_python(), m_workspace->target(), m_window);
    m_bootstrap->setAttribute(Qt::WA_DeleteOnClose);
    BootstrapDialog* dialog = m_bootstrap;
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        Q_EMIT busyChanged();
        if (result != QDialog::Accepted || !dialog->outcome() || !dialog->proposal())
            return;
        const BootstrapOutcome& outcome = *dialog->outcome();
        const BootstrapProposal& proposal = *dialog->proposal();
        openEditor(outcome.writtenPath);
        QString text = tr("Wrote the initial revision %1 (%2).").arg(proposal.revisionId, QFileInfo(outcome.writtenPath).fileName());
        if (outcome.relinked)
            text += QLatin1Char(' ') + tr("%1 now follows it.").arg(proposal.situation.firstRevision);
        if (!outcome.stamped.isEmpty() && outcome.stampError.isEmpty())
            text += QLatin1Char(' ') + tr("Stamped: the version table now holds %1.").arg(outcome.databaseHeads.join(QStringLiteral(", ")));
        Q_EMIT statusMessage(text, 15000);
        if (!outcome.stampError.isEmpty())
            Q_EMIT failed(tr("The history was written, but the stamp failed"),
                          Error{QStringLiteral("bootstrap-stamp"), outcome.stampError,
                                tr("Fix the cause, then stamp %1 from the graph.").arg(proposal.stampTarget), {}, 0});
        Q_EMIT revisionWritten(proposal.revisionId, outcome.writtenPath);
    });
    m_bootstrap->open();
    Q_EMIT busyChanged();
}

bool RevisionWorkflow::closeEditors()
{
    for (const QPointer<PythonEditorWindow>& editor : std::as_const(m_editors)) {
        if (editor && !editor->close())
            return false;
    }
    return true;
}

PythonEditorWindow* RevisionWorkflow::editorFor(const QString& path) const
{
    return m_editors.value(QFileInfo(path).absoluteFilePath());
}

bool RevisionWorkflow::isChecking() const
{
    return m_checker->isRunning();
}

bool RevisionWorkflow::checkDrift()
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    if (!snapshot || isChecking())
        return false;
    if (snapshot->isBareVersionsDir()) {
        Q_EMIT failed(tr("Cannot check the models"),
                      Error{QStringLiteral("bare-versions"), tr("Comparing the models with the database needs the project's alembic.ini and env.py."),
                            tr("Open the project folder instead of its versions folder."), {}, 0});
        return false;
    }
    if (!m_checker->check(snapshot, m_python(), m_workspace->target().url))
        return false;
    m_checkedProject = snapshot->project.config.configFile;
    Q_EMIT statusMessage(tr("Comparing the models with the database…"), 0);
    Q_EMIT busyChanged();
    return true;
}

Problem RevisionWorkflow::driftProblem(const AutogenerateReview& review)
{
    const QVector<SchemaChange> changes = review.allChanges();
    QStringList tables;
    for (const TableChanges& table : SchemaChangeReport::group(changes)) {
        if (!table.table.isEmpty())
            tables << table.table;
    }
    Problem problem;
    problem.code = QStringLiteral("models-drift");
    problem.severity = Severity::Warning;
    problem.message = tables.isEmpty()
                          ? tr("The models and the database differ in %n change(s).", nullptr, int(changes.size()))
                          : tr("The models and the database differ in %n change(s), in %1.", nullptr, int(changes.size()))
                                .arg(tables.join(QStringLiteral(", ")));
    problem.hint = tr("Write a migration for them (New Revision with autogenerate), or bring the database up to date. "
                      "Autogenerate does not see enum value changes, views, or renames (a drop and an add).");
    problem.fix = QStringLiteral("alembic revision --autogenerate -m \"...\"");
    return problem;
}

void RevisionWorkflow::onChecked(const AutogenerateReview& review, const Error& error)
{
    Q_EMIT busyChanged();
    const SnapshotPtr snapshot = m_workspace->snapshot();
    if (!snapshot || snapshot->project.config.configFile != m_checkedProject) {
        Q_EMIT statusMessage(QString(), 0);
        return; // another project is open now: the answer is about the old one
    }
    if (!error.code.isEmpty()) {
        Q_EMIT statusMessage(tr("The drift check failed: %1").arg(error.message), 10000);
        Q_EMIT failed(tr("Alembic could not compare the models with the database"), error);
        Q_EMIT driftChecked(false, error);
        return;
    }
    const bool drift = !review.allChanges().isEmpty();
    m_diagnostics->setDiagnostics(Diagnostic::Source::Drift, drift ? Problems{driftProblem(review)} : Problems{});
    Q_EMIT statusMessage(drift ? tr("The models and the database differ: see the report.")
                               : tr("The models match the database."),
                         8000);
    if (m_report)
        m_report->close();
    m_report = new DriftReportDialog(review, m_window);
    connect(m_report, &DriftReportDialog::newRevisionRequested, this, [this] { newRevision(QString(), true); });
    m_report->show();
    Q_EMIT driftChecked(drift, Error{});
}

} // namespace retort::app
