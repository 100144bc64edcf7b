#pragma once

#include "app/ApplyConfirmDialog.h"
#include "app/MergeHeadsDialog.h"
#include "app/ProjectSession.h"
#include "core/exec/AlembicJob.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QDockWidget;
class QLabel;

namespace Ui {
class MainWindow;
}

namespace retort {
struct Finding;
struct MergeOutcome;
}

namespace retort::app {

class ConnectionIndicator;
class ConnectionProfiles;
class DiagnosticsModel;
class DiagnosticsPanel;
class DoctorController;
class LogDock;
class RevisionDetails;
class RevisionGraphModel;
class RevisionGraphPanel;
class RunController;
class RunProgressPanel;
class SchemaBrowser;
class SqlPreview;

// The application frame: the revision graph in the centre; Details, SQL Preview, Run,
// Diagnostics and Log as docks the user can rearrange (their layout is remembered); the actions
// (Open, Connect, Upgrade/Downgrade/Stamp/Preview SQL on the selected revision, Upgrade to heads,
// Cancel, Export) in menus, toolbar and context menu, each with a shortcut.
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
    // the project's sqlalchemy.url).
    void openProject(const QString& path, const QString& url = {});
    // The Python that runs Alembic for previews and runs (default: auto-detected per project).
    void setInterpreter(const InterpreterChoice& choice) { m_python = choice; }
    // Revision to select once the project has loaded (any identifier, resolved like Alembic).
    // Without one, the window selects the revision the database is at (its first current head),
    // or the project's first head when the database has none.
    void setInitialSelection(const QString& spec) { m_initialSelection = spec; }

    // True once the project, the database state and the initial selection (and, when a revision
    // is selected, its SQL preview) are all in; `ready()` is emitted at that moment.
    [[nodiscard]] bool isReady() const { return m_ready; }
    // Writes a PNG of the window; an Error when the file cannot be written.
    Status saveScreenshot(const QString& path);

    // Confirmation before a run: by default ApplyConfirmDialog; tests replace it.
    using ConfirmHandler = std::function<bool(const RunRequest&)>;
    void setConfirmHandler(ConfirmHandler handler) { m_confirm = std::move(handler); }
    // Confirmation before a merge revision is written: by default MergeHeadsDialog, which may
    // change the heads and the message; std::nullopt cancels. Tests replace it.
    using MergeHandler = std::function<std::optional<MergeHeadsRequest>(const MergeHeadsRequest& proposed)>;
    void setMergeHandler(MergeHandler handler) { m_confirmMerge = std::move(handler); }
    [[nodiscard]] bool isMerging() const;
    // Error messages: by default a message box; tests replace it.
    using ErrorHandler = std::function<void(const QString& title, const Error& error)>;
    void setErrorHandler(ErrorHandler handler) { m_showError = std::move(handler); }

    // The pieces, for tests and the benchmark.
    [[nodiscard]] ProjectSession* session() const { return m_session; }
    [[nodiscard]] RevisionGraphModel* graphModel() const { return m_model; }
    [[nodiscard]] RevisionGraphPanel* graphPanel() const { return m_graph; }
    [[nodiscard]] RevisionDetails* details() const { return m_details; }
    [[nodiscard]] SqlPreview* sqlPreview() const { return m_sql; }
    [[nodiscard]] RunController* runController() const { return m_run; }
    [[nodiscard]] RunProgressPanel* runPanel() const { return m_runPanel; }
    [[nodiscard]] DiagnosticsModel* diagnostics() const { return m_diagnostics; }
    [[nodiscard]] DiagnosticsPanel* diagnosticsPanel() const { return m_diagnosticsPanel; }
    [[nodiscard]] DoctorController* doctorController() const { return m_doctor; }
    [[nodiscard]] LogDock* logDock() const { return m_logDock; }
    [[nodiscard]] SchemaBrowser* schemaBrowser() const { return m_schema; }
    [[nodiscard]] ConnectionIndicator* connectionIndicator() const { return m_connection; }
    [[nodiscard]] QAction* action(const QString& objectName) const;
    [[nodiscard]] JobResult lastRunResult() const { return m_lastResult; }
    [[nodiscard]] QStringList recentProjects() const;

    // Plan from the database's current heads to `revision` (graph index).
    [[nodiscard]] Result<Plan> planTo(int revision, Direction direction) const;

public Q_SLOTS:
    void openProjectDialog();
    void reload();
    void connectDialog();
    void upgradeToSelected();
    void downgradeToSelected();
    void stampSelected();
    void previewSqlForSelected();
    void upgradeToHeads();
    void mergeHeads();
    void cancelRun();
    void exportGraphDialog();
    void resetLayout();
    void selectRevisionId(const QString& id);

Q_SIGNALS:
    void ready();
    void runFinished(const retort::JobResult& result);
    // A merge through Alembic ended: the new revision's id, or "" and the error.
    void mergeFinished(const QString& revision, const retort::Error& error);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildDocks();
    void connectActions();
    void applyDefaultLayout();
    void restoreSettings();
    void saveSettings();
    void addRecentProject(const QString& path);
    void rebuildRecentMenu();

    void onLoadStarted(const QString& path);
    void onProjectLoaded();
    void onLoadFailed(const Error& error);
    void onDatabaseStateChanged();
    void onSelectionChanged(int revision);
    void onRunStarted(const RunRequest& request);
    void onStepStarted(const StepEvent& step);
    void onStepFinished(const StepEvent& step);
    void onRunFinished(const JobResult& result);
    void onDoctorFinished();
    void runOn(RunKind kind, int revision, const QString& target, bool purge = false);
    void onMergeFinished();
    void updateActions();
    void updateStatus();
    void updateConnectionIndicator();
    void updateTitle();
    void schedulePreview();
    void checkReady();
    [[nodiscard]] int defaultSelection() const;
    QString databaseUrlFor(const QString& projectPath) const;
    void showError(const QString& title, const Error& error);
    void showContextMenu(const QPoint& globalPos, int revision);

    Options m_options;
    std::unique_ptr<Ui::MainWindow> m_ui;
    ProjectSession* m_session = nullptr;
    RevisionGraphModel* m_model = nullptr;
    RevisionGraphPanel* m_graph = nullptr;
    RevisionDetails* m_details = nullptr;
    SqlPreview* m_sql = nullptr;
    RunController* m_run = nullptr;
    RunProgressPanel* m_runPanel = nullptr;
    DiagnosticsModel* m_diagnostics = nullptr;
    DiagnosticsPanel* m_diagnosticsPanel = nullptr;
    DoctorController* m_doctor = nullptr; // database checks of the doctor
    LogDock* m_logDock = nullptr;
    SchemaBrowser* m_schema = nullptr;
    ConnectionProfiles* m_profiles = nullptr;
    QDockWidget* m_detailsDock = nullptr;
    QDockWidget* m_sqlDock = nullptr;
    QDockWidget* m_runDock = nullptr;
    QDockWidget* m_diagnosticsDock = nullptr;
    QDockWidget* m_schemaDock = nullptr;
    QLabel* m_projectLabel = nullptr;
    ConnectionIndicator* m_connection = nullptr;
    QLabel* m_dbLabel = nullptr;
    QLabel* m_countLabel = nullptr;
    QByteArray m_defaultState;
    QTimer m_previewTimer;
    QFutureWatcher<QVector<Finding>>* m_doctorWatcher = nullptr;
    QFutureWatcher<Result<MergeOutcome>>* m_mergeWatcher = nullptr;
    std::shared_ptr<std::atomic_bool> m_mergeCancel; // set when the window closes during a merge
    QString m_selectAfterLoad; // a revision to select once the next load is in (a new merge)

    InterpreterChoice m_python;
    QString m_urlOverride;
    QString m_initialSelection;
    bool m_initialSelectionApplied = false;
    bool m_projectLoaded = false;
    bool m_loadFailed = false;
    bool m_dbRead = false;
    bool m_ready = false;
    bool m_waitingForPreview = false;
    int m_runningRevision = -1;
    JobResult m_lastResult;
    ConfirmHandler m_confirm;
    MergeHandler m_confirmMerge;
    ErrorHandler m_showError;
};

} // namespace retort::app
