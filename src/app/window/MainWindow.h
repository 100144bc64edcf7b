#pragma once

#include "app/run/MergeHeadsDialog.h"
#include "app/run/RunReview.h"
#include "core/exec/AlembicJob.h"
#include "core/workspace/RunPlanner.h"
#include "core/workspace/Workspace.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QDockWidget;
class QLabel;

namespace Ui {
class MainWindow;
}

namespace retort {
struct MergeOutcome;
}

namespace retort::app {

class ConnectionBanner;
class ConnectionController;
class ConnectionIndicator;
class DiagnosticsModel;
class DiagnosticsPanel;
class DoctorController;
class ElidedLabel;
class LogDock;
class MergeController;
class ReadinessTracker;
class ReviewPanel;
class RevisionDetails;
class RevisionWorkflow;
class RevisionGraphModel;
class RevisionGraphPanel;
class RunController;
class RunProgressPanel;
class SchemaBrowser;
class SchemaChangesPanel;
class SqlPreview;
class TimeMachineController;

// The application frame and the mediator between its parts: the revision graph in the centre;
// Details, SQL Preview, Run, Schema, Diagnostics and Log as docks (their layout is remembered);
// the actions in menus, toolbar and context menu, each with a shortcut.
//
// What the window shows and does comes from the core Workspace (the same loading, connection and
// planning policy as retort-cli); the window only routes: selection -> details, preview and
// action state (plans cached by the workspace); Connect -> ConnectionController; runs ->
// RunController; merges -> MergeController; start-up -> ReadinessTracker.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Options
    {
        bool restoreState = true;     // window geometry and dock layout from QSettings
        bool watchFiles = true;       // reload when the project's files change on disk
        bool autoPreviewSql = true;   // preview SQL for every selected revision
        bool connectDatabase = true;  // false: browse the project only (benchmarks)
    };

    explicit MainWindow(QWidget* parent = nullptr);
    MainWindow(const Options& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a project (folder or alembic.ini; "" = the demo project). `url` overrides the
    // database ("" = the last profile used with this project, the demo database for the demo, or
    // none). Refused, with a message, while a migration or a merge runs. The database switches
    // together with the project, and only once the project has loaded.
    bool openProject(const QString& path, const QString& url = {});
    // The Python that runs Alembic for previews, runs and non-literal values (default: auto).
    // The interpreter for every project this window opens (tests, --python): not remembered.
    // Without it, each project uses the one chosen for it (InterpreterMemory), else detection.
    void setInterpreter(const InterpreterChoice& choice)
    {
        m_python = choice;
        m_pythonFixed = true;
    }
    [[nodiscard]] InterpreterChoice interpreter() const { return m_python; }
    // Choosing the project's interpreter: by default InterpreterDialog; std::nullopt cancels.
    using InterpreterHandler = std::function<std::optional<InterpreterChoice>(const QString& projectDir, const InterpreterChoice& current)>;
    void setInterpreterHandler(InterpreterHandler handler) { m_chooseInterpreter = std::move(handler); }
    // Revision to select once the project has loaded (any identifier, resolved like Alembic).
    // Without one, the window selects the revision the database is at (its first current head),
    // or the project's first head when the database has none.
    void setInitialSelection(const QString& spec) { m_initialSelection = spec; }

    // True once the project, the database state and the initial selection (and, when a revision
    // is selected, its SQL preview) are all in; `ready()` is emitted at that moment.
    [[nodiscard]] bool isReady() const;
    // Writes a PNG of the window; an Error when the file cannot be written.
    Status saveScreenshot(const QString& path);
    // What the window shows, for `retort --report` (scripts, bug reports, tests):
    // {"project", "revisions", "heads", "bases", "database": {"url", "current"} | null, "pending",
    //  "runnable", "problems": [{"code", "severity", "revision", "message"}]}
    [[nodiscard]] QJsonObject report() const;

    // Confirmation before a run: by default ApplyConfirmDialog, which shows the safety review of
    // the plan as it comes in; tests replace it. The handler gets the request and that review
    // (running when the handler is called; null for a stamp); a handler taking a plain RunRequest
    // still fits.
    using ConfirmHandler = std::function<bool(const RunConfirmation&)>;
    void setConfirmHandler(ConfirmHandler handler) { m_confirm = std::move(handler); }
    // Confirmation before a merge revision is written: by default MergeHeadsDialog, which may
    // change the heads and the message; std::nullopt cancels. Tests replace it.
    using MergeHandler = std::function<std::optional<MergeHeadsRequest>(const MergeHeadsRequest& proposed)>;
    void setMergeHandler(MergeHandler handler) { m_confirmMerge = std::move(handler); }
    [[nodiscard]] bool isMerging() const;
    // Confirmation before a reset (downgrade base, then upgrade heads): by default
    // ResetConfirmDialog; tests replace it.
    using ResetHandler = std::function<bool(const RunRequest& downgrade, const RunRequest& upgrade)>;
    void setResetHandler(ResetHandler handler) { m_confirmReset = std::move(handler); }
    // Confirmation before CREATE DATABASE (host, database name): by default a question box; tests
    // replace it.
    using CreateDatabaseHandler = std::function<bool(const QString& host, const QString& database)>;
    void setCreateDatabaseHandler(CreateDatabaseHandler handler) { m_confirmCreateDatabase = std::move(handler); }
    // Error messages: by default a message box; tests replace it.
    using ErrorHandler = std::function<void(const QString& title, const Error& error)>;
    void setErrorHandler(ErrorHandler handler) { m_showError = std::move(handler); }

    // The pieces, for tests and the benchmark.
    [[nodiscard]] Workspace* workspace() const { return m_workspace; }
    [[nodiscard]] RevisionGraphModel* graphModel() const { return m_model; }
    [[nodiscard]] RevisionGraphPanel* graphPanel() const { return m_graph; }
    [[nodiscard]] RevisionDetails* details() const { return m_details; }
    [[nodiscard]] SqlPreview* sqlPreview() const { return m_sql; }
    [[nodiscard]] RunController* runController() const { return m_run; }
    [[nodiscard]] RunProgressPanel* runPanel() const { return m_runPanel; }
    [[nodiscard]] DiagnosticsModel* diagnostics() const { return m_diagnostics; }
    [[nodiscard]] DiagnosticsPanel* diagnosticsPanel() const { return m_diagnosticsPanel; }
    [[nodiscard]] DoctorController* doctorController() const { return m_doctor; }
    [[nodiscard]] ConnectionController* connectionController() const { return m_connectionController; }
    [[nodiscard]] LogDock* logDock() const { return m_logDock; }
    [[nodiscard]] RevisionWorkflow* revisionWorkflow() const { return m_revisions; }
    [[nodiscard]] SchemaBrowser* schemaBrowser() const { return m_schema; }
    [[nodiscard]] SchemaChangesPanel* schemaChangesPanel() const { return m_schemaChanges; }
    [[nodiscard]] TimeMachineController* timeMachine() const { return m_timeMachine; }
    [[nodiscard]] ConnectionIndicator* connectionIndicator() const { return m_connection; }
    [[nodiscard]] ConnectionBanner* connectionBanner() const { return m_banner; }
    [[nodiscard]] ReviewPanel* reviewPanel() const { return m_reviewPanel; }
    [[nodiscard]] QAction* action(const QString& objectName) const;
    [[nodiscard]] JobResult lastRunResult() const { return m_lastResult; }
    [[nodiscard]] QStringList recentProjects() const;

public Q_SLOTS:
    void openProjectDialog();
    void reload();
    void connectDialog();
    void upgradeToSelected();
    void downgradeToSelected();
    void stampSelected();
    void previewSqlForSelected();
    void upgradeToHeads();
    void downgradeToBase();
    void resetDatabase();
    void createDatabase();
    void chooseInterpreter();
    void mergeHeads();
    void cancelRun();
    void exportGraphDialog();
    void resetLayout();
    void selectRevisionId(const QString& id);

Q_SIGNALS:
    void ready();
    void databaseCreated(bool ok);
    void runFinished(const retort::JobResult& result);
    // A merge through Alembic ended: the new revision's id, or "" and the error.
    void mergeFinished(const QString& revision, const retort::Error& error);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void fitToolBar();
    void buildDocks();
    void buildStatusBar();
    void connectActions();
    void applyDefaultLayout();
    void sizeDocks();
    bool restoreSettings(); // false when there was no saved layout
    void saveSettings();
    void addRecentProject(const QString& path);
    void rebuildRecentMenu();

    void onTargetResolved(const QString& projectPath, const ConnectionTarget& target);
    void onLoadStarted(const QString& path);
    void onSnapshotChanged();
    void onLoadFailed(const Error& error);
    void onDatabaseStateChanged();
    void onSelectionChanged(int revision);
    void onRunStarted(const RunRequest& request);
    void onStepStarted(const StepEvent& step);
    void onStepFinished(const StepEvent& step);
    void onRunFinished(const JobResult& result);
    void onDoctorFinished();
    void onMergeFinished(const MergeOutcome& outcome, const Error& error);
    void runOn(RunKind kind, const QString& target, bool purge = false);
    void runConfirmed(const RunRequest& request);
    void continueResetAfter(const JobResult& downgrade);
    void onDatabaseCreated(const Status& created);
    void applyInitialSelection();
    void updateActions();
    void updateStatus();
    void updateConnectionIndicator();
    void updateConnectionBanner();
    void reviewPendingToHeads();
    [[nodiscard]] RunContext runContext() const;
    void updateTitle();
    void schedulePreview();
    [[nodiscard]] int defaultSelection() const;
    [[nodiscard]] QString selectedId() const;
    [[nodiscard]] bool refuseWhileBusy(const QString& title);
    void showError(const QString& title, const Error& error);
    void showContextMenu(const QPoint& globalPos, int revision);
    void showFinding(const QString& revision, int stepIndex, int line);

    Options m_options;
    std::unique_ptr<Ui::MainWindow> m_ui;
    Workspace* m_workspace = nullptr;
    ConnectionController* m_connectionController = nullptr;
    ReadinessTracker* m_readiness = nullptr;
    RevisionGraphModel* m_model = nullptr;
    RevisionGraphPanel* m_graph = nullptr;
    RevisionDetails* m_details = nullptr;
    SqlPreview* m_sql = nullptr;
    RunController* m_run = nullptr;
    MergeController* m_merge = nullptr;
    RevisionWorkflow* m_revisions = nullptr; // New Revision, the Python editors, the drift check
    RunProgressPanel* m_runPanel = nullptr;
    DiagnosticsModel* m_diagnostics = nullptr;
    DiagnosticsPanel* m_diagnosticsPanel = nullptr;
    DoctorController* m_doctor = nullptr; // database checks of the doctor
    LogDock* m_logDock = nullptr;
    SchemaBrowser* m_schema = nullptr;
    QDockWidget* m_detailsDock = nullptr;
    QDockWidget* m_sqlDock = nullptr;
    QDockWidget* m_runDock = nullptr;
    QDockWidget* m_diagnosticsDock = nullptr;
    QDockWidget* m_schemaDock = nullptr;
    ReviewPanel* m_reviewPanel = nullptr;
    QDockWidget* m_reviewDock = nullptr;
    ConnectionBanner* m_banner = nullptr;
    bool m_keepPreview = false; // a finding selects its revision: the preview keeps the reviewed plan
    TimeMachineController* m_timeMachine = nullptr; // the schema at every revision (Schema Changes dock)
    SchemaChangesPanel* m_schemaChanges = nullptr;
    QDockWidget* m_schemaChangesDock = nullptr;
    ElidedLabel* m_projectLabel = nullptr;
    ConnectionIndicator* m_connection = nullptr;
    QLabel* m_dbLabel = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_alembicLabel = nullptr; // the Alembic version Retort follows for the project
    QTimer m_previewTimer;
    bool m_layoutPending = true; // the default layout is sized when the window is first shown
    QFutureWatcher<Problems>* m_doctorWatcher = nullptr;

    InterpreterChoice m_python;
    bool m_pythonFixed = false; // setInterpreter(): the same for every project, not remembered
    InterpreterHandler m_chooseInterpreter;
    QString m_openingPath;       // the project being opened (its target is being resolved)
    QString m_shownProject;      // the project the view shows (request path of the snapshot)
    QString m_initialSelection;
    std::optional<Plan> m_reviewedPlan; // the plan the Review dock shows (the preview's, or to the heads)
    QString m_selectAfterLoad;   // a revision to select once the next load is in (a new merge)
    JobResult m_lastResult;
    Problems m_runChecks; // what the confirmation of the running run warned about
    QStringList m_recentAlembicLog; // the bridge's last log events (to drop their stderr copies)
    ConfirmHandler m_confirm;
    MergeHandler m_confirmMerge;
    ResetHandler m_confirmReset;
    CreateDatabaseHandler m_confirmCreateDatabase;
    bool m_creatingDatabase = false;
    bool m_resetPending = false; // the downgrade of a reset runs; the upgrade follows when it ends at base
    ErrorHandler m_showError;
};

} // namespace retort::app
