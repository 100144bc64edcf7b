#pragma once

#include "core/common/Error.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"
#include "core/workspace/ProjectLoader.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace retort {
class Workspace;
}

namespace retort::app {

class BootstrapDialog;
class DiagnosticsModel;
class DriftReportDialog;
class NewRevisionDialog;
class PythonEditorWindow;
class RevisionController;

// The window's side of writing revisions and checking drift, for the main window's actions:
//  - New Revision: the NewRevisionDialog (window-modal, not blocking); once Alembic wrote the
//    file it opens in a PythonEditorWindow and revisionWritten() asks the window to reload and
//    select it;
//  - Check Models Against Database: the drift check on a worker, its report in a
//    DriftReportDialog, and a Diagnostics finding (source Drift) while there is drift.
// One Python editor window per file.
class RevisionWorkflow : public QObject
{
    Q_OBJECT
public:
    using InterpreterGetter = std::function<InterpreterChoice()>;
    RevisionWorkflow(Workspace* workspace, DiagnosticsModel* diagnostics, InterpreterGetter python, QWidget* window);
    ~RevisionWorkflow() override;

    // Opens the New Revision dialog with `parentId` as the parent ("" = Alembic's head).
    void newRevision(const QString& parentId, bool autogenerate = false);
    // Starts the drift check; false when one runs or the project cannot be checked.
    bool checkDrift();
    // Opens Bootstrap History (the missing initial revision, core Bootstrap); when it wrote the
    // file the editor opens on it and revisionWritten() asks the window to reload and select it.
    void bootstrap();
    // The open project lacks its initial revision (Bootstrap::analyse, once per snapshot).
    [[nodiscard]] bool canBootstrap() const;
    // The editor window for `path` (opened, or raised when already open); null when unreadable.
    PythonEditorWindow* openEditor(const QString& path);

    // Closes every Python editor window; each with unsaved edits asks first. False when one
    // stayed open (the user cancelled).
    bool closeEditors();

    [[nodiscard]] bool isChecking() const;
    [[nodiscard]] NewRevisionDialog* dialog() const;
    [[nodiscard]] DriftReportDialog* driftReport() const;
    [[nodiscard]] BootstrapDialog* bootstrapDialog() const;
    [[nodiscard]] PythonEditorWindow* editorFor(const QString& path) const;
    // Where the drift finding's message and hint come from (also for tests).
    static Problem driftProblem(const AutogenerateReview& review);

Q_SIGNALS:
    void revisionWritten(const QString& revision, const QString& path);
    void driftChecked(bool drift, const retort::Error& error);
    void statusMessage(const QString& text, int timeoutMs);
    void failed(const QString& title, const retort::Error& error);
    void busyChanged();

private:
    void onDialogFinished(const NewRevisionDialog* dialog, int result);
    void onChecked(const AutogenerateReview& review, const Error& error);

    Workspace* m_workspace = nullptr;
    DiagnosticsModel* m_diagnostics = nullptr;
    InterpreterGetter m_python;
    QWidget* m_window = nullptr;
    RevisionController* m_checker = nullptr;
    QString m_checkedProject; // the config file the running check belongs to
    QPointer<NewRevisionDialog> m_dialog;
    QPointer<DriftReportDialog> m_report;
    QPointer<BootstrapDialog> m_bootstrap;
    mutable const ProjectSnapshot* m_analysed = nullptr; // the snapshot m_bootstrappable was computed for
    mutable bool m_bootstrappable = false;
    QHash<QString, QPointer<PythonEditorWindow>> m_editors;
};

} // namespace retort::app
