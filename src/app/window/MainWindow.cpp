#include "app/window/MainWindow.h"
#include "ui_MainWindow.h"

#include "app/connection/ConnectionBanner.h"
#include "app/connection/ConnectionController.h"
#include "app/connection/ConnectionDialog.h"
#include "app/connection/ConnectionIndicator.h"
#include "app/connection/DatabaseStateText.h"
#include "app/doctor/DiagnosticsModel.h"
#include "app/doctor/DiagnosticsPanel.h"
#include "app/doctor/DoctorController.h"
#include "app/graph/GraphDelegate.h"
#include "app/graph/GraphExporter.h"
#include "app/graph/RevisionDetails.h"
#include "app/graph/RevisionFilterModel.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "app/log/LogDock.h"
#include "app/review/ReviewPanel.h"
#include "app/revision/RevisionWorkflow.h"
#include "app/run/ApplyConfirmDialog.h"
#include "app/run/ResetConfirmDialog.h"
#include "app/run/MergeController.h"
#include "app/run/RunController.h"
#include "app/run/RunProgressPanel.h"
#include "app/schema/SchemaBrowser.h"
#include "app/schema/SchemaChangesPanel.h"
#include "app/schema/TimeMachineController.h"
#include "app/editor/SqlPreview.h"
#include "app/window/AboutDialog.h"
#include "app/window/AlembicText.h"
#include "app/window/DemoProject.h"
#include "app/widgets/ElidedLabel.h"
#include "app/window/InterpreterDialog.h"
#include "app/window/ReadinessTracker.h"
#include "app/window/Theme.h"
#include "core/common/Redact.h"
#include "core/db/DatabaseAdmin.h"
#include "core/db/DatabaseUrl.h"
#include "core/doctor/Doctor.h"
#include "core/graph/RevisionSpec.h"
#include "core/log/Log.h"
#include "core/workspace/InterpreterMemory.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPixmap>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

namespace {

constexpr int MaxRecentProjects = 10;

QString settingsKeyRecent()
{
    return QStringLiteral("MainWindow/recentProjects");
}

QDockWidget* makeDock(QMainWindow* window, const QString& objectName, const QString& title, QWidget* content)
{
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    return dock;
}

QString targetLabel(const RevisionGraph& graph, int revision)
{
    const Revision& r = graph.at(revision);
    return r.message.isEmpty() ? r.id : QStringLiteral("%1 (%2)").arg(RevisionGraphModel::shortId(r.id), r.message);
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(Options{}, parent)
{
}

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/retort.svg")));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AnimatedDocks);
    setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);

    m_workspace = new Workspace(this);
    m_workspace->setWatchFiles(m_options.watchFiles);
    m_connectionController = new ConnectionController(this);
    m_readiness = new ReadinessTracker(this);
    m_model = new RevisionGraphModel(this);
    m_graph = new RevisionGraphPanel(m_model, m_ui->centralWidget);
    m_banner = new ConnectionBanner(m_ui->centralWidget);
    m_ui->centralLayout->addWidget(m_banner);
    m_ui->centralLayout->addWidget(m_graph);
    m_run = new RunController(this);
    m_merge = new MergeController(this);
    m_diagnostics = new DiagnosticsModel(this);
    m_doctorWatcher = new QFutureWatcher<Problems>(this);
    m_doctor = new DoctorController(m_diagnostics, this);
    m_revisions = new RevisionWorkflow(m_workspace, m_diagnostics, [this] { return m_python; }, this);

    m_confirm = [this](const RunConfirmation& confirmation) {
        ApplyConfirmDialog dialog(confirmation, this);
        return dialog.exec() == QDialog::Accepted;
    };
    m_confirmReset = [this](const RunRequest& downgrade, const RunRequest& upgrade) {
        ResetConfirmDialog dialog(downgrade, upgrade, this);
        return dialog.exec() == QDialog::Accepted;
    };
    m_chooseInterpreter = [this](const QString& projectDir, const InterpreterChoice& current) -> std::optional<InterpreterChoice> {
        InterpreterDialog dialog(projectDir, current, this);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.choice();
    };
    m_confirmCreateDatabase = [this](const QString& host, const QString& database) {
        return QMessageBox::question(this, tr("Create the Database"),
                                     tr("The server %1 has no database “%2”. Create it now (CREATE DATABASE, as the "
                                        "connection's user)?")
                                         .arg(host, database),
                                     QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
               == QMessageBox::Yes;
    };
    m_confirmMerge = [this](const MergeHeadsRequest& proposed) -> std::optional<MergeHeadsRequest> {
        const SnapshotPtr snapshot = m_workspace->snapshot();
        if (!snapshot)
            return std::nullopt;
        const RevisionGraph& graph = snapshot->graph;
        QVector<MergeCandidate> candidates;
        QString firstHeadDir;
        for (const QString& id : proposed.revisions) {
            const int index = graph.indexOf(id);
            if (index < 0)
                continue;
            const Revision& rev = graph.at(index);
            candidates.append({rev.id, rev.message, rev.allBranchLabels});
            if (firstHeadDir.isEmpty())
                firstHeadDir = QFileInfo(rev.path).absolutePath();
        }
        // Where Alembic puts it: the first head's folder with several version locations, else the one.
        const QStringList& locations = snapshot->project.config.versionLocations;
        const QString dir = locations.size() == 1 ? locations.first() : firstHeadDir;
        MergeHeadsDialog dialog(candidates, dir, this);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.request();
    };
    m_showError = [this](const QString& title, const Error& error) {
        auto* box = new QMessageBox(QMessageBox::Critical, title, error.message, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        QString detail = error.hint;
        if (!error.path.isEmpty())
            detail += (detail.isEmpty() ? QString() : QStringLiteral("\n")) + QDir::toNativeSeparators(error.path)
                      + (error.line > 0 ? QStringLiteral(":%1").arg(error.line) : QString());
        box->setInformativeText(detail);
        box->open();
    };

    buildDocks();
    buildStatusBar();
    connectActions();

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(350);
    connect(&m_previewTimer, &QTimer::timeout, this, &MainWindow::previewSqlForSelected);

    applyDefaultLayout();
    if (m_options.restoreState)
        m_layoutPending = !restoreSettings();
    rebuildRecentMenu();
    updateActions();
    updateStatus();
    updateTitle();
}

MainWindow::~MainWindow()
{
    m_doctorWatcher->waitForFinished();
}

void MainWindow::buildDocks()
{
    m_details = new RevisionDetails(this);
    m_detailsDock = makeDock(this, QStringLiteral("detailsDock"), tr("Details"), m_details);
    m_sql = new SqlPreview(this);
    m_sqlDock = makeDock(this, QStringLiteral("sqlDock"), tr("SQL Preview"), m_sql);
    m_runPanel = new RunProgressPanel(this);
    m_runDock = makeDock(this, QStringLiteral("runDock"), tr("Run"), m_runPanel);
    m_diagnosticsPanel = new DiagnosticsPanel(m_diagnostics, this);
    m_diagnosticsDock = makeDock(this, QStringLiteral("diagnosticsDock"), tr("Diagnostics"), m_diagnosticsPanel);
    m_schema = new SchemaBrowser(this);
    m_schemaDock = makeDock(this, QStringLiteral("schemaDock"), tr("Schema"), m_schema);
    m_timeMachine = new TimeMachineController(m_workspace, this);
    m_timeMachine->setInterpreterProvider([this] { return m_python; });
    m_schemaChanges = new SchemaChangesPanel(m_timeMachine, this);
    m_schemaChangesDock = makeDock(this, QStringLiteral("schemaChangesDock"), tr("Schema Changes"), m_schemaChanges);
    m_logDock = new LogDock(this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_reviewPanel = new ReviewPanel(this);
    m_reviewDock = makeDock(this, QStringLiteral("reviewDock"), tr("Review"), m_reviewPanel);

    const QList<QPair<QDockWidget*, QString>> toggles = {
        {m_detailsDock, QStringLiteral("Alt+1")}, {m_sqlDock, QStringLiteral("Alt+2")}, {m_runDock, QStringLiteral("Alt+3")},
        {m_schemaDock, QStringLiteral("Alt+4")}, {m_diagnosticsDock, QStringLiteral("Alt+5")},
        {m_logDock, QStringLiteral("Alt+6")}, {m_reviewDock, QStringLiteral("Alt+7")},
        {m_schemaChangesDock, QStringLiteral("Alt+8")}};
    for (const auto& [dock, shortcut] : toggles) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setShortcut(QKeySequence(shortcut));
        m_ui->menuView->addAction(toggle);
    }
    // View ▸ Theme: the desktop's colours, or Retort's light or dark ones (remembered).
    m_ui->menuView->addSeparator();
    QMenu* themeMenu = m_ui->menuView->addMenu(tr("&Theme"));
    themeMenu->setObjectName(QStringLiteral("menuTheme"));
    auto* themes = new QActionGroup(this);
    const QList<QPair<Theme::Choice, QString>> choices = {
        {Theme::Choice::System, tr("&System")}, {Theme::Choice::Light, tr("&Light")}, {Theme::Choice::Dark, tr("&Dark")}};
    for (const auto& [choice, label] : choices) {
        QAction* a = themeMenu->addAction(label);
        a->setObjectName(QStringLiteral("theme_") + Theme::settingsValue(choice)); // a choice (mnemonic), not a command
        a->setCheckable(true);
        a->setChecked(Theme::current() == choice);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [choice] {
            Theme::apply(choice);
            Theme::save(choice);
        });
    }
    connect(m_diagnostics, &DiagnosticsModel::countsChanged, this, [this](int errors, int warnings) {
        m_diagnosticsDock->setWindowTitle(errors + warnings == 0 ? tr("Diagnostics")
                                                                 : tr("Diagnostics (%1)").arg(errors + warnings));
    });
    connect(m_diagnosticsPanel, &DiagnosticsPanel::revisionActivated, this, &MainWindow::selectRevisionId);
    // A revision file selects its revision (Details shows its source); other files open outside.
    connect(m_diagnosticsPanel, &DiagnosticsPanel::fileActivated, this, [this](const QString& path, int) {
        const QString revision = m_model->graph() ? DoctorController::revisionForPath(*m_model->graph(), path) : QString();
        if (!revision.isEmpty())
            selectRevisionId(revision);
        else
            QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    });
    connect(m_diagnosticsPanel, &DiagnosticsPanel::upgradeToHeadsRequested, this, &MainWindow::upgradeToHeads);
    connect(m_diagnosticsPanel, &DiagnosticsPanel::stampRequested, this, [this](const QString& revision, bool purge) {
        if (!m_model->graph() || m_model->graph()->indexOf(revision) < 0)
            return;
        selectRevisionId(revision);
        runOn(RunKind::Stamp, revision, purge); // asks for confirmation like Stamp Here
    });
    connect(m_diagnosticsPanel, &DiagnosticsPanel::mergeHeadsRequested, this, &MainWindow::mergeHeads);
    connect(m_diagnosticsPanel, &DiagnosticsPanel::autogenerateRevisionRequested, this,
            [this] { m_revisions->newRevision(QString(), true); });
    connect(m_details, &RevisionDetails::revisionActivated, this, &MainWindow::selectRevisionId);
    // The safety review of the pending plan: the preview reviews what it shows; the dock lists
    // it, the graph badges its steps, and a finding leads to its revision and statement.
    connect(m_sql, &SqlPreview::reviewStarted, this, [this] { m_reviewPanel->showRunning(m_sql->title()); });
    connect(m_sql, &SqlPreview::reviewReady, this, [this](const lint::LintReport& report) {
        m_reviewPanel->showReport(m_sql->title(), report);
    });
    connect(m_sql, &SqlPreview::reviewFailed, this, [this](const Error& error) { m_reviewPanel->showError(m_sql->title(), error); });
    connect(m_sql, &SqlPreview::previewFailed, this, [this](const Error& error) {
        // A step Alembic cannot render offline does not fail the preview (PlanSqlRenderer renders
        // on after it); what does fail it leaves no SQL to review.
        if (m_reviewPanel->isReviewing())
            m_reviewPanel->showError(m_sql->title(), error);
    });
    connect(m_reviewPanel, &ReviewPanel::reportChanged, this, [this] {
        const std::optional<lint::LintReport>& report = m_reviewPanel->report();
        m_model->setReview(report ? &*report : nullptr);
        const int findings = report ? int(report->findings.size()) : 0;
        m_reviewDock->setWindowTitle(findings == 0 ? tr("Review") : tr("Review (%1)").arg(findings));
    });
    connect(m_reviewPanel, &ReviewPanel::findingActivated, this, &MainWindow::showFinding);
    connect(m_reviewPanel, &ReviewPanel::exactCountsRequested, this, [this] {
        if (m_reviewedPlan && !m_workspace->isRunning())
            m_reviewPanel->reviewPlan(m_reviewPanel->title(), *m_reviewedPlan, runContext(), true);
    });
    connect(m_graph, &RevisionGraphPanel::selectedRevisionChanged, m_schemaChanges, &SchemaChangesPanel::showRevision);
    connect(log::LogHub::instance(), &log::LogHub::lineLogged, m_logDock, &LogDock::appendLogLine);
}

void MainWindow::buildStatusBar()
{
    m_projectLabel = new ElidedLabel(this);
    m_projectLabel->setObjectName(QStringLiteral("projectLabel"));
    // The database: where (the indicator: redacted target, local or remote, click to change it),
    // then what it holds (the label: "at <rev> — N pending", or why it cannot be read).
    m_connection = new ConnectionIndicator(this);
    // It, and the band above the graph, open the connection dialog when clicked.
    const auto openConnection = [this] {
        if (m_ui->actionConnect->isEnabled())
            connectDialog();
    };
    connect(m_connection, &ConnectionIndicator::clicked, this, openConnection);
    connect(m_banner, &ConnectionBanner::clicked, this, openConnection);
    m_dbLabel = new QLabel(this);
    m_dbLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_dbLabel->setTextFormat(Qt::PlainText);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    // The Alembic whose rules Retort follows for the project (what `retort-cli --version -p` says).
    m_alembicLabel = new QLabel(this);
    m_alembicLabel->setObjectName(QStringLiteral("alembicLabel"));
    m_alembicLabel->setTextFormat(Qt::PlainText);
    m_alembicLabel->hide(); // until a project is open
    statusBar()->addWidget(m_projectLabel, 1);
    statusBar()->addPermanentWidget(m_connection);
    statusBar()->addPermanentWidget(m_dbLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_alembicLabel);
    statusBar()->setSizeGripEnabled(true);
}

void MainWindow::applyDefaultLayout()
{
    addToolBar(Qt::TopToolBarArea, m_ui->mainToolBar);
    m_ui->mainToolBar->show();
    for (QDockWidget* dock : {m_detailsDock, m_sqlDock, m_schemaDock, m_schemaChangesDock, m_diagnosticsDock, m_reviewDock, m_runDock,
                              static_cast<QDockWidget*>(m_logDock)})
        dock->setFloating(false);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
    addDockWidget(Qt::RightDockWidgetArea, m_sqlDock);
    splitDockWidget(m_detailsDock, m_sqlDock, Qt::Vertical);
    addDockWidget(Qt::BottomDockWidgetArea, m_schemaDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_schemaChangesDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_diagnosticsDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_reviewDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_runDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    tabifyDockWidget(m_schemaDock, m_schemaChangesDock);
    tabifyDockWidget(m_schemaChangesDock, m_diagnosticsDock);
    tabifyDockWidget(m_diagnosticsDock, m_reviewDock);
    tabifyDockWidget(m_reviewDock, m_runDock);
    tabifyDockWidget(m_runDock, m_logDock);
    for (QDockWidget* dock : {m_detailsDock, m_sqlDock, m_schemaDock, m_schemaChangesDock, m_diagnosticsDock, m_reviewDock, m_runDock,
                              static_cast<QDockWidget*>(m_logDock)})
        dock->show();
    m_schemaDock->raise();
    sizeDocks();
}

// Dock sizes in proportion to the window, so the default layout fits a small screen (1024x640)
// as well as a large one, and resetting it never grows the window.
void MainWindow::sizeDocks()
{
    const int w = qMax(width(), 800);
    const int h = qMax(height(), 500);
    resizeDocks({m_detailsDock}, {qBound(300, w * 36 / 100, 640)}, Qt::Horizontal);
    resizeDocks({m_detailsDock, m_sqlDock}, {h * 30 / 100, h * 26 / 100}, Qt::Vertical);
    resizeDocks({m_schemaDock}, {qBound(180, h * 32 / 100, 420)}, Qt::Vertical);
}

void MainWindow::resetLayout()
{
    const QSize before = size();
    applyDefaultLayout();
    // Docks are re-placed inside the window, never around it: once the layout has settled (it
    // may grow the window while docks move), the window gets its size back and the docks their
    // proportions.
    if (!isMaximized() && !isFullScreen()) {
        QTimer::singleShot(0, this, [this, before] {
            resize(before);
            sizeDocks();
        });
    }
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    // The default layout is sized for the window as first shown (callers resize it after
    // construction), unless the user's own layout was restored.
    if (m_layoutPending) {
        m_layoutPending = false;
        QTimer::singleShot(0, this, &MainWindow::sizeDocks);
    }
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    fitToolBar();
}

// Text beside the icons while it fits; icons only (names in the tooltips) on a narrow window, so
// Upgrade to Heads and Cancel never disappear into the overflow menu.
void MainWindow::fitToolBar()
{
    QToolBar* bar = m_ui->mainToolBar;
    if (bar->orientation() != Qt::Horizontal)
        return;
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const int needed = bar->sizeHint().width();
    const int available = bar->isFloating() ? needed : width() - 16;
    bar->setToolButtonStyle(needed > available ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon);
}

void MainWindow::connectActions()
{
    Ui::MainWindow& ui = *m_ui;
    connect(ui.actionOpenProject, &QAction::triggered, this, &MainWindow::openProjectDialog);
    connect(ui.actionReload, &QAction::triggered, this, &MainWindow::reload);
    connect(ui.actionConnect, &QAction::triggered, this, &MainWindow::connectDialog);
    connect(ui.actionExportGraph, &QAction::triggered, this, &MainWindow::exportGraphDialog);
    connect(ui.actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui.actionFind, &QAction::triggered, m_graph, &RevisionGraphPanel::focusSearch);
    connect(ui.actionUpgradeToHere, &QAction::triggered, this, &MainWindow::upgradeToSelected);
    connect(ui.actionDowngradeToHere, &QAction::triggered, this, &MainWindow::downgradeToSelected);
    connect(ui.actionStampHere, &QAction::triggered, this, &MainWindow::stampSelected);
    connect(ui.actionPreviewSql, &QAction::triggered, this, [this] {
        m_sqlDock->show();
        m_sqlDock->raise();
        previewSqlForSelected();
    });
    connect(ui.actionUpgradeToHeads, &QAction::triggered, this, &MainWindow::upgradeToHeads);
    connect(ui.actionDowngradeToBase, &QAction::triggered, this, &MainWindow::downgradeToBase);
    connect(ui.actionResetDatabase, &QAction::triggered, this, &MainWindow::resetDatabase);
    connect(ui.actionCreateDatabase, &QAction::triggered, this, &MainWindow::createDatabase);
    connect(ui.actionChooseInterpreter, &QAction::triggered, this, &MainWindow::chooseInterpreter);
    connect(ui.actionMergeHeads, &QAction::triggered, this, &MainWindow::mergeHeads);
    // New Revision: on the selected head (else on Alembic's default head); "on This Revision":
    // on the selection even when it is not a head (a new branch, with --splice).
    connect(ui.actionNewRevision, &QAction::triggered, this, [this] {
        const SnapshotPtr snapshot = m_workspace->snapshot();
        const QString id = selectedId();
        const bool head = snapshot && !id.isEmpty() && snapshot->graph.heads().contains(snapshot->graph.indexOf(id));
        m_revisions->newRevision(head ? id : QString());
    });
    connect(ui.actionNewRevisionHere, &QAction::triggered, this, [this] { m_revisions->newRevision(selectedId()); });
    connect(ui.actionCheckDrift, &QAction::triggered, m_revisions, &RevisionWorkflow::checkDrift);
    connect(ui.actionBootstrap, &QAction::triggered, m_revisions, &RevisionWorkflow::bootstrap);
    connect(ui.actionEditRevision, &QAction::triggered, this, [this] {
        const int revision = m_graph->selectedRevision();
        const RevisionGraph* graph = m_model->graph();
        if (graph && revision >= 0 && revision < graph->size() && !graph->at(revision).path.isEmpty())
            m_revisions->openEditor(graph->at(revision).path);
    });
    connect(m_revisions, &RevisionWorkflow::revisionWritten, this, [this](const QString& revision) {
        m_selectAfterLoad = revision;
        reload();
    });
    connect(m_revisions, &RevisionWorkflow::statusMessage, this, [this](const QString& text, int timeoutMs) {
        if (text.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(text, timeoutMs);
    });
    connect(m_revisions, &RevisionWorkflow::failed, this, &MainWindow::showError);
    connect(m_revisions, &RevisionWorkflow::busyChanged, this, &MainWindow::updateActions);
    connect(ui.actionCancelRun, &QAction::triggered, this, &MainWindow::cancelRun);
    connect(ui.actionCopyRevisionId, &QAction::triggered, this, [this] {
        const QString id = selectedId();
        if (!id.isEmpty()) {
            QApplication::clipboard()->setText(id);
            statusBar()->showMessage(tr("Copied %1 to the clipboard.").arg(id), 4000);
        }
    });
    connect(ui.actionResetLayout, &QAction::triggered, this, &MainWindow::resetLayout);
    connect(ui.actionAbout, &QAction::triggered, this, [this] {
        auto* about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        if (const SnapshotPtr snapshot = m_workspace->snapshot()) {
            const AlembicInstallation& alembic = snapshot->project.config.alembic;
            about->setAlembicVersion(AlembicText::version(alembic), AlembicText::toolTip(alembic));
        }
        about->open();
    });
    // The graph view gets the revision actions as its own shortcuts too (context menu key works).
    for (QAction* a : {ui.actionUpgradeToHere, ui.actionDowngradeToHere, ui.actionStampHere, ui.actionPreviewSql,
                       ui.actionCopyRevisionId, ui.actionEditRevision})
        a->setShortcutContext(Qt::WindowShortcut);

    connect(m_connectionController, &ConnectionController::resolved, this, &MainWindow::onTargetResolved);
    connect(m_workspace, &Workspace::loadStarted, this, &MainWindow::onLoadStarted);
    connect(m_workspace, &Workspace::snapshotChanged, this, &MainWindow::onSnapshotChanged);
    connect(m_workspace, &Workspace::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_workspace, &Workspace::databaseStateChanged, this, &MainWindow::onDatabaseStateChanged);
    connect(m_workspace, &Workspace::runningChanged, this, [this] { updateActions(); });
    connect(m_workspace, &Workspace::filesChangedOnDisk, this, [this] {
        statusBar()->showMessage(tr("Project files changed on disk: reloading."), 4000);
    });
    connect(m_graph, &RevisionGraphPanel::selectedRevisionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_graph, &RevisionGraphPanel::contextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_graph, &RevisionGraphPanel::revisionActivated, this, [this] {
        m_sqlDock->show();
        m_sqlDock->raise();
        previewSqlForSelected();
    });

    connect(m_run, &RunController::runStarted, this, &MainWindow::onRunStarted);
    connect(m_run, &RunController::stepStarted, this, &MainWindow::onStepStarted);
    connect(m_run, &RunController::stepFinished, this, &MainWindow::onStepFinished);
    connect(m_run, &RunController::logLine, m_logDock, [this](const QString& level, const QString& text) {
        // Alembic logs each step twice: as an event of the bridge's handler and, through env.py's
        // logging config, as "INFO  [alembic.runtime.migration] ..." on stderr. Show it once.
        static const QRegularExpression formatted(QStringLiteral(R"(^(?:INFO|WARNING|WARNI|ERROR|DEBUG|CRITICAL)\s+\[[\w.]+\]\s+(.*)$)"));
        if (level == QLatin1String("OUTPUT")) {
            const QRegularExpressionMatch m = formatted.match(text);
            if (m.hasMatch() && m_recentAlembicLog.contains(m.captured(1).trimmed()))
                return;
            m_logDock->appendBridgeLine(text);
            return;
        }
        m_recentAlembicLog.append(text.trimmed());
        while (m_recentAlembicLog.size() > 64)
            m_recentAlembicLog.removeFirst();
        m_logDock->appendBridgeLine(level == QLatin1String("info") ? text : QStringLiteral("%1: %2").arg(level.toUpper(), text));
    });
    connect(m_run, &RunController::runFinished, this, &MainWindow::onRunFinished);
    connect(m_runPanel, &RunProgressPanel::cancelRequested, this, &MainWindow::cancelRun);
    connect(m_merge, &MergeController::finished, this, &MainWindow::onMergeFinished);

    // The preview is in once its SQL is shown and, when it reviews that SQL, the review too.
    connect(m_sql, &SqlPreview::previewReady, this, [this] {
        if (m_sql->reviewState() != SqlPreview::ReviewState::Running)
            m_readiness->markDone(ReadinessTracker::Step::Preview);
    });
    connect(m_sql, &SqlPreview::reviewReady, this, [this] { m_readiness->markDone(ReadinessTracker::Step::Preview); });
    connect(m_sql, &SqlPreview::reviewFailed, this, [this] { m_readiness->markDone(ReadinessTracker::Step::Preview); });
    connect(m_sql, &SqlPreview::dialectChanged, this, &MainWindow::previewSqlForSelected);
    connect(m_sql, &SqlPreview::previewFailed, this, [this](const Error& error) {
        log::warn(log::Area::Exec, tr("SQL preview failed: %1").arg(error.message));
        m_readiness->markDone(ReadinessTracker::Step::Preview);
    });
    connect(m_doctorWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onDoctorFinished);
    connect(m_readiness, &ReadinessTracker::ready, this, &MainWindow::ready);
}

QAction* MainWindow::action(const QString& objectName) const
{
    return findChild<QAction*>(objectName);
}

bool MainWindow::isReady() const
{
    return m_readiness->isReady();
}

// ---- projects ---------------------------------------------------------------------------------

bool MainWindow::refuseWhileBusy(const QString& title)
{
    if (!m_workspace->isRunning())
        return false;
    showError(title, m_workspace->busyError());
    return true;
}

bool MainWindow::openProject(const QString& path, const QString& url)
{
    if (refuseWhileBusy(tr("Open Project")))
        return false;
    QString project = path.isEmpty() ? DemoProject::location() : path;
    if (project.isEmpty()) {
        showError(tr("Open Project"),
                  Error{QStringLiteral("project-not-found"), tr("The demo project is not installed and no project was given."),
                        tr("Open a folder that holds an alembic.ini (File ▸ Open Project)."), {}, 0});
        m_readiness->reset();
        m_readiness->markDone(ReadinessTracker::Step::Project);
        m_readiness->markDone(ReadinessTracker::Step::Database);
        m_readiness->markDone(ReadinessTracker::Step::Selection);
        return false;
    }
    project = QFileInfo(project).absoluteFilePath();
    m_openingPath = project;
    m_readiness->reset();
    m_projectLabel->setFullText(tr("Opening %1…").arg(QDir::toNativeSeparators(project)));
    if (!m_options.connectDatabase) {
        onTargetResolved(project, ConnectionTarget{});
        return true;
    }
    // The database is resolved first (a saved password may come from the keychain), then the
    // project is loaded with it: the two switch together, only if the project loads.
    m_connectionController->resolve(project, url);
    return true;
}

void MainWindow::onTargetResolved(const QString& projectPath, const ConnectionTarget& target)
{
    if (projectPath != m_openingPath)
        return; // another project was asked for since
    if (m_workspace->isRunning()) {
        showError(tr("Open Project"), m_workspace->busyError());
        return;
    }
    // The interpreter given to the window, else the one chosen for this project, else detection
    // (retort-cli follows the same order).
    m_python = InterpreterMemory::resolve(projectPath, m_pythonFixed ? std::optional<InterpreterChoice>(m_python) : std::nullopt);
    LoadRequest request;
    request.project = projectPath;
    request.python = m_python;
    request.forDisplay = true;
    m_workspace->open(request, target);
}

// Python Interpreter…: the choice is remembered for the project, and the project is read again
// with it (values only Python can tell, the doctor's import check, every run).
void MainWindow::chooseInterpreter()
{
    if (refuseWhileBusy(tr("Python Interpreter")))
        return;
    const QString projectPath = m_workspace->requestedPath();
    if (projectPath.isEmpty())
        return;
    const SnapshotPtr snapshot = m_workspace->snapshot();
    const QString projectDir = snapshot && !snapshot->project.config.configFile.isEmpty()
                                   ? QFileInfo(snapshot->project.config.configFile).absolutePath()
                                   : (QFileInfo(projectPath).isDir() ? projectPath : QFileInfo(projectPath).absolutePath());
    const std::optional<InterpreterChoice> chosen = m_chooseInterpreter(projectDir, m_python);
    if (!chosen)
        return;
    m_python = *chosen;
    m_pythonFixed = false;
    InterpreterMemory::save(projectPath, m_python);
    log::info(log::Area::Ui, tr("Python for %1: %2").arg(QDir::toNativeSeparators(projectPath),
                                                         m_python.isAuto() ? tr("detected automatically")
                                                         : m_python.compose.service.isEmpty()
                                                             ? m_python.interpreter
                                                             : tr("compose service %1").arg(m_python.compose.service)));
    LoadRequest request;
    request.project = projectPath;
    request.python = m_python;
    request.forDisplay = true;
    m_workspace->open(request, m_workspace->target());
}

void MainWindow::reload()
{
    m_workspace->reload();
}

void MainWindow::openProjectDialog()
{
    if (refuseWhileBusy(tr("Open Project")))
        return;
    QFileDialog dialog(this, tr("Open Alembic Project"));
    dialog.setFileMode(QFileDialog::ExistingFile);
    dialog.setNameFilters({tr("Alembic configuration (alembic.ini *.ini pyproject.toml)"), tr("All files (*)")});
    const QString current = m_workspace->requestedPath();
    if (!current.isEmpty())
        dialog.setDirectory(QFileInfo(current).isDir() ? current : QFileInfo(current).absolutePath());
    dialog.setLabelText(QFileDialog::Accept, tr("Open"));
    connect(&dialog, &QFileDialog::currentChanged, &dialog, [&dialog](const QString& p) {
        // Selecting a folder and pressing Open opens the folder as a project.
        if (QFileInfo(p).isDir() && QFileInfo::exists(QDir(p).filePath(QStringLiteral("alembic.ini"))))
            dialog.setFileMode(QFileDialog::Directory);
        else
            dialog.setFileMode(QFileDialog::ExistingFile);
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    openProject(dialog.selectedFiles().constFirst());
}

void MainWindow::connectDialog()
{
    if (refuseWhileBusy(tr("Connect to Database")))
        return;
    const SnapshotPtr snapshot = m_workspace->snapshot();
    ConnectionDialog dialog(this);
    if (snapshot && m_workspace->isCurrent()) {
        dialog.setProfiles(m_connectionController->profilesFor(m_shownProject));
        dialog.setProjectDirectory(snapshot->project.config.rootDir);
    }
    QList<ConnectionSuggestion> suggestions;
    if (snapshot && !snapshot->project.config.sqlalchemyUrl.isEmpty()
        && !snapshot->project.config.sqlalchemyUrl.startsWith(QLatin1String("driver://")))
        suggestions.append({QStringLiteral("alembic.ini"), snapshot->project.config.sqlalchemyUrl});
    if (DemoProject::isDemo(m_shownProject))
        suggestions.append({tr("demo"), DemoProject::databaseUrl()});
    dialog.setSuggestions(suggestions);
    if (m_workspace->target().isSet()) {
        dialog.setUrlText(m_workspace->target().url);
        dialog.setConnectionKind(m_workspace->target().kind);
        dialog.setLockTimeoutMs(m_workspace->target().lockTimeoutMs);
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Result<DatabaseUrl> url = dialog.databaseUrl();
    if (!url) {
        showError(tr("Connect to Database"), url.error());
        return;
    }
    const QString text = url->toString();
    const bool demo = DemoProject::isDemo(m_shownProject) && text == DemoProject::databaseUrl();
    m_workspace->setTarget(ConnectionTarget{text, demo ? QStringLiteral("demo") : QStringLiteral("Connect"), demo,
                                            dialog.connectionKind(), dialog.lockTimeoutMs()});
    updateStatus();
    updateConnectionIndicator();
}

void MainWindow::onLoadStarted(const QString& path)
{
    m_projectLabel->setFullText(tr("Loading %1…").arg(QDir::toNativeSeparators(path)));
    updateActions();
}

void MainWindow::onSnapshotChanged()
{
    QElapsedTimer timer;
    timer.start();
    const SnapshotPtr snapshot = m_workspace->snapshot();
    const bool newProject = snapshot->request.project != m_shownProject;
    const QString previousId = newProject ? QString() : selectedId();
    if (newProject) {
        m_shownProject = snapshot->request.project;
        m_sql->showMessage(tr("Select a revision to see the SQL that takes the database there."));
        m_details->clear();
        m_doctor->clear(); // a stale database check must not fill the new project's list
        m_diagnostics->clearAll();
        m_schema->clear();
        addRecentProject(m_shownProject);
    }
    m_model->setSnapshot(snapshot);
    m_model->setDatabaseHeads({}, false); // the database is read again for this snapshot
    m_diagnostics->setDiagnostics(Diagnostic::Source::Project, snapshot->problems);
    m_diagnostics->setDiagnostics(Diagnostic::Source::Doctor, {});
    m_graph->applySearch();
    if (!m_selectAfterLoad.isEmpty() && snapshot->graph.indexOf(m_selectAfterLoad) >= 0) {
        selectRevisionId(m_selectAfterLoad);
        m_selectAfterLoad.clear();
    } else if (!previousId.isEmpty()) {
        selectRevisionId(previousId);
    }
    updateTitle();
    updateStatus();
    updateActions();

    // The doctor's static checks (env.py, alembic.ini, graph) on a worker.
    m_doctorWatcher->setFuture(QtConcurrent::run([snapshot] { return Doctor::checkProject(snapshot->project, snapshot->graph); }));
    log::debug(log::Area::Ui, QStringLiteral("Graph view filled in %1 ms").arg(timer.elapsed()));
    m_readiness->markDone(ReadinessTracker::Step::Project);
    if (!m_workspace->target().isSet()) {
        m_readiness->markDone(ReadinessTracker::Step::Database);
        applyInitialSelection();
    }
}

void MainWindow::onLoadFailed(const Error& error)
{
    m_diagnostics->setDiagnostics(Diagnostic::Source::Project, {Problem::fromError(error)});
    m_diagnosticsDock->show();
    m_diagnosticsDock->raise();
    updateTitle();
    updateStatus();
    updateActions();
    // Nothing is cleared silently: the view keeps what it showed, and says so.
    if (m_workspace->snapshot())
        statusBar()->showMessage(tr("Could not open %1 — still showing %2; runs are disabled until a project loads.")
                                     .arg(QDir::toNativeSeparators(m_workspace->requestedPath()),
                                          QDir::toNativeSeparators(m_shownProject)));
    m_readiness->markDone(ReadinessTracker::Step::Project);
    m_readiness->markDone(ReadinessTracker::Step::Database);
    m_readiness->markDone(ReadinessTracker::Step::Selection);
}

void MainWindow::onDoctorFinished()
{
    if (m_doctorWatcher->future().resultCount() == 0)
        return;
    // The doctor covers the parse and graph problems (with hints and fixes): it replaces the first list.
    m_diagnostics->setDiagnostics(Diagnostic::Source::Project, {});
    m_diagnostics->setDiagnostics(Diagnostic::Source::Doctor, m_doctorWatcher->result());
}

void MainWindow::onDatabaseStateChanged()
{
    const DatabaseState& state = m_workspace->databaseState();
    m_model->setDatabaseHeads(state.heads, state.isKnown());
    // Nothing scratch is ever created on a connection the user marked as production.
    m_timeMachine->setProductionConnection(state.target.kind == ConnectionKind::Production);
    Problems rows;
    if (state.error) {
        rows << Problem::fromError(*state.error);
        if (state.error->code == QLatin1String("db-unknown-database"))
            rows.last().hint = tr("Create it with File › Create the Database…, or fix the database name in the connection.");
    }
    if (!state.locationNote.isEmpty())
        rows << Problem{QStringLiteral("db-version-table-location"), Severity::Info, state.locationNote, {}, {}, 0, {}, {}};
    // A revision in alembic_version that no file defines is the doctor's db-unknown-revision
    // (with the revisions the user probably meant and a stamp --purge fix), from m_doctor below.
    m_diagnostics->setDiagnostics(Diagnostic::Source::Database, rows);
    m_doctor->refresh(*m_workspace, m_python); // the doctor's database checks, on a worker
    // The schema browser reads the same database (its own connection, on its own worker).
    const Result<DatabaseUrl> url = resolvedUrl(m_workspace->target(), m_workspace->snapshot()
                                                                           ? QFileInfo(m_workspace->snapshot()->project.config.configFile).absolutePath()
                                                                           : QString());
    if (state.connected && !state.error && url)
        m_schema->refresh(*url);
    else
        m_schema->clear();
    m_graph->applySearch(); // a plan highlight depends on the current heads
    updateStatus();
    updateActions();
    if (m_graph->selectedRevision() >= 0 && !m_run->isRunning())
        schedulePreview();
    m_readiness->markDone(ReadinessTracker::Step::Database);
    applyInitialSelection();
}

// The first selection after opening: what --select asked for, else where the database is.
void MainWindow::applyInitialSelection()
{
    if (m_readiness->isDone(ReadinessTracker::Step::Selection) || !m_readiness->isDone(ReadinessTracker::Step::Project))
        return;
    const RevisionGraph* graph = m_model->graph();
    int toSelect = -1;
    if (graph && !m_initialSelection.isEmpty()) {
        Result<QVector<int>> resolved = RevisionSpec::resolve(*graph, m_initialSelection);
        if (resolved && !resolved->isEmpty()) {
            toSelect = resolved->constFirst();
        } else {
            const Error error = resolved ? Error{QStringLiteral("revision-not-found"),
                                                 tr("'%1' names no revision to select.").arg(m_initialSelection), {}, {}, 0}
                                         : resolved.error();
            log::warn(log::Area::Ui, tr("--select %1: %2").arg(m_initialSelection, error.message));
            statusBar()->showMessage(tr("Cannot select '%1': %2").arg(m_initialSelection, error.message));
        }
    }
    // Nothing asked for and nothing clicked yet: show where the database is, so the details
    // and the SQL preview are not blank on first open.
    if (toSelect < 0 && m_graph->selectedRevision() < 0)
        toSelect = defaultSelection();
    if (toSelect >= 0) {
        m_graph->selectRevision(toSelect);
        if (m_options.autoPreviewSql && m_workspace->databaseState().isKnown()) {
            m_previewTimer.stop();
            m_readiness->markPending(ReadinessTracker::Step::Preview);
            previewSqlForSelected();
        }
    }
    m_readiness->markDone(ReadinessTracker::Step::Selection);
}

// ---- selection, preview ------------------------------------------------------------------------

int MainWindow::defaultSelection() const
{
    const RevisionGraph* graph = m_model->graph();
    if (!graph || graph->size() == 0)
        return -1;
    const DatabaseState& db = m_workspace->databaseState();
    if (db.isKnown()) {
        for (const QString& head : db.heads) {
            const int index = graph->indexOf(head);
            if (index >= 0)
                return index;
        }
    }
    return graph->heads().isEmpty() ? -1 : graph->heads().constFirst();
}

QString MainWindow::selectedId() const
{
    const int revision = m_graph->selectedRevision();
    const RevisionGraph* graph = m_model->graph();
    return graph && revision >= 0 && revision < graph->size() ? graph->at(revision).id : QString();
}

void MainWindow::selectRevisionId(const QString& id)
{
    const RevisionGraph* graph = m_model->graph();
    if (!graph)
        return;
    int index = graph->indexOf(id);
    if (index < 0) {
        Result<int> one = RevisionSpec::resolveOne(*graph, id);
        if (one && *one >= 0)
            index = *one;
    }
    if (index >= 0)
        m_graph->selectRevision(index);
}

void MainWindow::onSelectionChanged(int revision)
{
    m_details->showRevision(m_model->graph(), revision);
    updateActions();
    if (m_keepPreview)
        return; // a finding selected its revision: the preview keeps the plan it was found in
    if (revision >= 0 && m_options.autoPreviewSql)
        schedulePreview();
}

// A finding of the Review dock: its revision in the graph and Details, its statement in the
// preview (which keeps showing the reviewed plan).
void MainWindow::showFinding(const QString& revision, int stepIndex, int line)
{
    m_keepPreview = true;
    selectRevisionId(revision);
    m_keepPreview = false;
    m_previewTimer.stop();
    m_sqlDock->show();
    m_sqlDock->raise();
    m_sql->scrollToStatement(stepIndex, line);
}

void MainWindow::schedulePreview()
{
    if (!m_workspace->snapshot())
        return;
    m_previewTimer.start();
}

void MainWindow::previewSqlForSelected()
{
    m_previewTimer.stop();
    const SnapshotPtr snapshot = m_workspace->snapshot();
    const QString id = selectedId();
    auto settle = [this] { m_readiness->markDone(ReadinessTracker::Step::Preview); };
    if (!snapshot || id.isEmpty()) {
        m_sql->showMessage(tr("Select a revision to see the SQL that takes the database there."));
        reviewPendingToHeads();
        settle();
        return;
    }
    if (snapshot->isBareVersionsDir()) {
        m_sql->showMessage(tr("SQL needs the project's alembic.ini; this is a bare versions folder."));
        m_reviewPanel->showMessage(tr("SQL needs the project's alembic.ini; this is a bare versions folder."));
        settle();
        return;
    }
    m_reviewedPlan.reset();
    const Result<Plan> plan = m_workspace->planTowards(id);
    if (!plan) {
        m_sql->showError(plan.error());
        m_reviewPanel->showMessage(plan.error().message);
        settle();
        return;
    }
    if (plan->steps.isEmpty()) {
        m_sql->showMessage(tr("The database is at %1 already: nothing to run.").arg(RevisionGraphModel::shortId(id)));
        m_reviewPanel->showMessage(tr("Nothing pending for %1: nothing to review.").arg(RevisionGraphModel::shortId(id)));
        settle();
        return;
    }
    SqlPreviewRequest request;
    const bool up = plan->direction == Direction::Upgrade;
    const int index = snapshot->graph.indexOf(id);
    request.title = (up ? tr("Upgrade to %1") : tr("Downgrade to %1")).arg(targetLabel(snapshot->graph, index));
    request.projectDir = snapshot->project.config.rootDir;
    request.python = m_python;
    request.bridge.op = BridgeOp::Sql;
    request.bridge.setProject(snapshot->project.config.configFile, snapshot->project.config.configSection, PythonCommand{});
    request.bridge.target = id;
    request.bridge.sqlDirection = up ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
    request.bridge.current = plan->currentHeads;
    request.plan = *plan; // a step Alembic cannot render offline is shown as such, and the SQL goes on after it
    // The dialect the user picked (no database of the project's kind connected), else the
    // database's own URL; env.py's URL when neither.
    const QString dialect = m_sql->dialectUrl();
    request.bridge.overrideUrl = dialect.isEmpty() ? m_workspace->target().url : dialect;
    request.bridge.requireUrlMatch = dialect.isEmpty();
    request.bridge.timeoutMs = 120000;
    // The review of the same plan runs over the preview's SQL (not for SQLite: it reads PostgreSQL;
    // not over a dialect the user picked: the review is of what runs on the database).
    if (!dialect.isEmpty()) {
        m_reviewPanel->showMessage(tr("The review reads the SQL of the database's own dialect; the preview shows the dialect you picked."));
    } else if (m_workspace->isDatabaseStateCurrent() && m_workspace->databaseState().isKnown()) {
        Result<lint::PlanLintRequest> review =
            RunPlanner::reviewRequest(*snapshot, *plan, m_workspace->target(), m_workspace->databaseState().location);
        if (review) {
            request.review = std::move(review).value();
            m_reviewedPlan = *plan;
            m_reviewPanel->showRunning(request.title);
        } else {
            m_reviewPanel->showMessage(review.error().message);
        }
    } else {
        m_reviewPanel->showMessage(tr("The review needs the database's state."));
    }
    m_sql->requestPreview(request);
}

// ---- runs ----------------------------------------------------------------------------------------

void MainWindow::upgradeToSelected()
{
    const QString id = selectedId();
    if (!id.isEmpty())
        runOn(RunKind::Upgrade, id);
}

void MainWindow::downgradeToSelected()
{
    const QString id = selectedId();
    if (!id.isEmpty())
        runOn(RunKind::Downgrade, id);
}

void MainWindow::stampSelected()
{
    const QString id = selectedId();
    if (!id.isEmpty())
        runOn(RunKind::Stamp, id);
}

void MainWindow::upgradeToHeads()
{
    runOn(RunKind::Upgrade, QStringLiteral("heads"));
}

// The server says the connection's database does not exist: create it (confirmed, on a worker),
// then read the database again.
void MainWindow::createDatabase()
{
    const DatabaseState& state = m_workspace->databaseState();
    if (m_creatingDatabase || m_workspace->isRunning() || !state.error || state.error->code != QLatin1String("db-unknown-database"))
        return;
    const Result<DatabaseUrl> url = resolvedUrl(m_workspace->target(), QString());
    if (!url)
        return;
    const QString host = url->port() > 0 ? QStringLiteral("%1:%2").arg(url->host()).arg(url->port()) : url->host();
    if (!m_confirmCreateDatabase(host, url->database()))
        return;
    m_creatingDatabase = true;
    updateActions();
    statusBar()->showMessage(tr("Creating the database %1 on %2…").arg(url->database(), host));
    auto* watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        onDatabaseCreated(watcher->result());
    });
    const DatabaseUrl target = *url;
    watcher->setFuture(QtConcurrent::run([target] { return DatabaseAdmin::createDatabase(target); }));
}

void MainWindow::onDatabaseCreated(const Status& created)
{
    m_creatingDatabase = false;
    if (created.ok()) {
        statusBar()->showMessage(tr("Database created."), 5000);
        m_workspace->refreshDatabaseState();
    } else {
        statusBar()->clearMessage();
        showError(tr("Could not create the database"), created.error());
    }
    updateActions();
    Q_EMIT databaseCreated(created.ok());
}

void MainWindow::downgradeToBase()
{
    runOn(RunKind::Downgrade, QStringLiteral("base"));
}

// `alembic downgrade base` then `alembic upgrade heads`, confirmed once. The upgrade starts only
// when the downgrade ended and the re-read database is at base; from the rows read, not assumed.
void MainWindow::resetDatabase()
{
    if (m_workspace->isRunning())
        return;
    const Result<RunRequest> downgrade = m_workspace->prepareRun(RunKind::Downgrade, QStringLiteral("base"));
    if (!downgrade) {
        showError(tr("Cannot reset"), downgrade.error());
        return;
    }
    const SnapshotPtr snapshot = m_workspace->snapshot();
    const Result<RunRequest> upgrade = RunPlanner::prepare(*snapshot, QStringList{}, RunKind::Upgrade, QStringLiteral("heads"));
    if (!upgrade) {
        showError(tr("Cannot reset"), upgrade.error());
        return;
    }
    if (downgrade->plan.steps.isEmpty() && upgrade->plan.steps.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to reset: the project has no revisions."), 5000);
        return;
    }
    if (!m_confirmReset(*downgrade, *upgrade))
        return;
    if (downgrade->plan.steps.isEmpty()) {
        runConfirmed(*upgrade); // already at base
        return;
    }
    m_resetPending = true;
    runConfirmed(*downgrade);
}

bool MainWindow::isMerging() const
{
    return m_merge->isRunning();
}

// Joins the heads with a merge revision written by the project's own Alembic (`alembic merge`);
// the window reloads and selects the new revision when it is in.
void MainWindow::mergeHeads()
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    if (!snapshot || isMerging() || m_workspace->isRunning())
        return;
    if (snapshot->isBareVersionsDir()) {
        showError(tr("Cannot merge"), Error{QStringLiteral("bare-versions"), tr("Writing a merge revision needs the project's alembic.ini."),
                                            tr("Open the project folder instead of its versions folder."), {}, 0});
        return;
    }
    const RevisionGraph& graph = snapshot->graph;
    MergeHeadsRequest proposed;
    for (const int head : graph.heads())
        proposed.revisions << graph.at(head).id;
    proposed.message = QStringLiteral("merge heads");
    if (proposed.revisions.size() < 2) {
        statusBar()->showMessage(tr("Nothing to merge: the project has one head."), 5000);
        return;
    }
    const std::optional<MergeHeadsRequest> confirmed = m_confirmMerge(proposed);
    if (!confirmed || confirmed->revisions.size() < 2)
        return;
    log::info(log::Area::Exec, tr("Merging %1 through Alembic: %2").arg(confirmed->revisions.join(QStringLiteral(", ")),
                                                                         confirmed->commandLine()));
    if (!m_merge->start(snapshot, confirmed->revisions, confirmed->message, m_python, m_workspace->target().url))
        return;
    m_workspace->setRunning(true); // no other project while Alembic writes into this one
    statusBar()->showMessage(tr("Writing a merge revision through Alembic…"));
    updateActions();
}

void MainWindow::onMergeFinished(const MergeOutcome& outcome, const Error& error)
{
    m_workspace->setRunning(false);
    updateActions();
    if (!error.code.isEmpty()) {
        statusBar()->showMessage(tr("Merge failed: %1").arg(error.message), 10000);
        showError(tr("Alembic could not write the merge revision"), error);
        Q_EMIT mergeFinished(QString(), error);
        return;
    }
    statusBar()->showMessage(tr("Created merge revision %1 (%2). Upgrade to apply it.")
                                 .arg(outcome.revision, QFileInfo(outcome.path).fileName()),
                             10000);
    m_selectAfterLoad = outcome.revision;
    reload();
    Q_EMIT mergeFinished(outcome.revision, Error{});
}

void MainWindow::cancelRun()
{
    if (m_run->isRunning()) {
        log::info(log::Area::Ui, tr("Cancelling the run on user request"));
        m_run->cancel();
    }
}

void MainWindow::runOn(RunKind kind, const QString& target, bool purge)
{
    if (m_workspace->isRunning())
        return;
    Result<RunRequest> request = m_workspace->prepareRun(kind, target, purge);
    if (request && !request->isStamp() && request->plan.steps.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to run: the database is there already."), 5000);
        return;
    }
    if (!request) {
        const QString title = kind == RunKind::Upgrade ? tr("Cannot upgrade")
                              : kind == RunKind::Downgrade ? tr("Cannot downgrade")
                                                           : tr("Cannot stamp");
        showError(title, request.error());
        return;
    }
    const SnapshotPtr snapshot = m_workspace->snapshot();
    const int index = snapshot->graph.indexOf(target);
    if (index >= 0)
        request->targetLabel = targetLabel(snapshot->graph, index);
    if (request->isStamp()) {
        // Does the database look like the target? Read on a worker (one catalog query); the window
        // stays responsive meanwhile, and the answer is in the confirmation.
        statusBar()->showMessage(tr("Comparing the database with the schema %1 implies…").arg(request->targetLabel));
        const DatabaseState database = m_workspace->databaseState();
        const RunRequest asked = *request;
        QFutureWatcher<Problems> watcher;
        QEventLoop loop;
        connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(QtConcurrent::run([snapshot, asked, database] { return RunPlanner::checkStamp(*snapshot, asked, database); }));
        if (!watcher.isFinished())
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        request->checks = watcher.result();
        statusBar()->clearMessage();
    }
    const RunContext context = runContext();
    // The plan's safety review runs while the confirmation is shown (a stamp runs no SQL).
    RunConfirmation confirmation{*request, nullptr};
    std::unique_ptr<RunReview> review;
    if (!request->isStamp()) {
        review = std::make_unique<RunReview>();
        review->start(request->plan, context);
        confirmation.review = review.get();
    }
    if (!m_confirm(confirmation))
        return;
    review.reset(); // a review still running is cancelled
    runConfirmed(*request);
}

void MainWindow::runConfirmed(const RunRequest& request)
{
    m_runChecks = request.checks;
    const RunContext context = runContext();
    m_sql->cancel();
    m_reviewPanel->showMessage(tr("A migration is running; the review of what is pending follows when it is done."));
    m_workspace->setRunning(true);
    if (!m_run->start(request, context)) {
        m_workspace->setRunning(false);
        m_resetPending = false;
    }
}

void MainWindow::onRunStarted(const RunRequest& request)
{
    m_model->clearRunStates();
    for (const PlanStep& step : request.plan.steps)
        m_model->setRunState(m_model->graph()->indexOf(step.revision), RevisionGraphModel::RunState::Queued);
    m_runPanel->begin(request);
    m_runDock->show();
    m_runDock->raise();
    m_logDock->appendBridgeLine(QStringLiteral("── %1 ──").arg(m_runPanel->findChild<QLabel*>(QStringLiteral("runTitle"))->text().remove(QRegularExpression(QStringLiteral("<[^>]+>")))));
    updateActions();
    updateStatus();
}

void MainWindow::onStepStarted(const StepEvent& step)
{
    const int revision = m_model->graph() ? m_model->graph()->indexOf(step.revision) : -1;
    m_model->setRunState(revision, RevisionGraphModel::RunState::Running);
    const QModelIndex index = m_graph->filterModel()->mapFromSource(m_model->indexOfRevision(revision));
    if (index.isValid())
        m_graph->view()->scrollTo(index);
    m_runPanel->stepStarted(step);
    statusBar()->showMessage(tr("Running %1 (%2 of %3)…").arg(step.revision).arg(step.index + 1).arg(step.total));
}

void MainWindow::onStepFinished(const StepEvent& step)
{
    const int revision = m_model->graph() ? m_model->graph()->indexOf(step.revision) : -1;
    m_model->setRunState(revision, RevisionGraphModel::RunState::Done);
    m_runPanel->stepFinished(step);
}

void MainWindow::onRunFinished(const JobResult& result)
{
    m_workspace->setRunning(false);
    m_lastResult = result;
    m_runPanel->finish(result);
    m_model->clearRunStates();
    Problems rows;
    if (!result.ok) {
        rows << Problem::fromError(result.error, Severity::Error, result.failedRevision);
        if (!result.failedRevision.isEmpty()) {
            const int failed = m_model->graph() ? m_model->graph()->indexOf(result.failedRevision) : -1;
            m_graph->selectRevision(failed);
            m_model->setRunState(failed, RevisionGraphModel::RunState::Failed);
        }
        if (!result.cancelled)
            showError(result.failedRevision.isEmpty() ? tr("Alembic failed")
                                                      : tr("Alembic failed in %1").arg(result.failedRevision),
                      result.error);
        statusBar()->showMessage(result.cancelled ? tr("Run cancelled.") : tr("Run failed: %1").arg(result.error.message), 10000);
    } else {
        statusBar()->showMessage(tr("Run finished in %1 ms.").arg(result.elapsedMs), 8000);
    }
    for (const QString& d : result.discrepancies)
        rows << Problem{QStringLiteral("run-discrepancy"), Severity::Warning, d, {}, {}, 0, {}, {}};
    rows += m_runChecks; // what the confirmation warned about stays visible after the run
    m_runChecks.clear();
    m_diagnostics->setDiagnostics(Diagnostic::Source::Run, rows);
    // What the database really holds now.
    m_workspace->refreshDatabaseState();
    updateActions();
    const bool continueReset = std::exchange(m_resetPending, false) && result.ok && result.op == BridgeOp::Downgrade;
    Q_EMIT runFinished(result);
    if (continueReset)
        continueResetAfter(result);
}

// The second half of a reset: upgrade to heads from what the downgrade left (re-read by Retort).
void MainWindow::continueResetAfter(const JobResult& downgrade)
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    if (!snapshot || !downgrade.versionKnown || !downgrade.versionAfter.isEmpty()) {
        showError(tr("Reset stopped"),
                  Error{QStringLiteral("reset-not-at-base"),
                        downgrade.versionKnown
                            ? tr("After the downgrade the database holds %1, not base: the upgrade was not run.")
                                  .arg(downgrade.versionAfter.join(QStringLiteral(", ")))
                            : tr("Retort could not read the database after the downgrade: the upgrade was not run."),
                        tr("Look at the database (Reload), then upgrade to heads yourself."), {}, 0});
        return;
    }
    Result<RunRequest> upgrade = RunPlanner::prepare(*snapshot, downgrade.versionAfter, RunKind::Upgrade, QStringLiteral("heads"));
    if (!upgrade) {
        showError(tr("Reset stopped"), upgrade.error());
        return;
    }
    const DatabaseState& database = m_workspace->databaseState();
    upgrade->databaseLabel = database.redactedUrl;
    upgrade->host = database.host;
    upgrade->databaseName = database.databaseName;
    upgrade->isLocal = database.isLocal;
    upgrade->connectionKind = database.target.kind;
    statusBar()->showMessage(tr("Reset: the database is at base; upgrading to heads…"));
    runConfirmed(*upgrade);
}

// ---- comforts -----------------------------------------------------------------------------------

void MainWindow::showContextMenu(const QPoint& globalPos, int revision)
{
    QMenu menu(this);
    if (revision >= 0) {
        menu.addAction(m_ui->actionUpgradeToHere);
        menu.addAction(m_ui->actionDowngradeToHere);
        menu.addAction(m_ui->actionStampHere);
        menu.addSeparator();
        menu.addAction(m_ui->actionPreviewSql);
        menu.addAction(m_ui->actionCopyRevisionId);
        menu.addAction(m_ui->actionEditRevision);
        if (m_ui->actionNewRevisionHere->isEnabled())
            menu.addAction(m_ui->actionNewRevisionHere);
        menu.addSeparator();
    }
    menu.addAction(m_ui->actionUpgradeToHeads);
    if (m_ui->actionMergeHeads->isEnabled())
        menu.addAction(m_ui->actionMergeHeads);
    menu.addAction(m_ui->actionExportGraph);
    menu.exec(globalPos);
}

void MainWindow::exportGraphDialog()
{
    if (!m_model->graph())
        return;
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                                  .filePath(QStringLiteral("revision-graph.svg"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Graph"), suggested,
                                                      tr("SVG image (*.svg);;PNG image (*.png)"));
    if (path.isEmpty())
        return;
    const Result<GraphExporter::Format> format = GraphExporter::formatForPath(path);
    if (!format) {
        showError(tr("Export Graph"), format.error());
        return;
    }
    const QString title = QDir::toNativeSeparators(m_shownProject);
    const Status exported = GraphExporter::exportTo(*m_graph->filterModel(), path, *format, m_graph->delegate()->graphPalette(),
                                                    m_graph->view()->font(), title, m_graph->filterModel()->isFiltering());
    if (!exported)
        showError(tr("Export Graph"), exported.error());
    else
        statusBar()->showMessage(tr("Graph exported to %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::updateActions()
{
    const bool loaded = m_model->graph() != nullptr && m_model->rowCount() > 0;
    const bool busy = m_workspace->isRunning();
    const bool runnable = m_workspace->isRunnable() && !busy;
    const QString id = selectedId();
    bool canUp = false;
    bool canDown = false;
    if (runnable && !id.isEmpty()) {
        const Result<Plan> up = m_workspace->plan(Direction::Upgrade, id);
        canUp = up && !up->steps.isEmpty();
        const Result<Plan> down = m_workspace->plan(Direction::Downgrade, id);
        canDown = down && !down->steps.isEmpty();
    }
    m_ui->actionUpgradeToHere->setEnabled(canUp);
    m_ui->actionDowngradeToHere->setEnabled(canDown);
    m_ui->actionStampHere->setEnabled(runnable && !id.isEmpty());
    m_ui->actionPreviewSql->setEnabled(loaded && !id.isEmpty());
    m_ui->actionCopyRevisionId->setEnabled(loaded && !id.isEmpty());
    m_ui->actionUpgradeToHeads->setEnabled(runnable);
    m_ui->actionDowngradeToBase->setEnabled(runnable && !m_workspace->databaseState().heads.isEmpty());
    m_ui->actionResetDatabase->setEnabled(runnable);
    m_ui->actionChooseInterpreter->setEnabled(!m_workspace->requestedPath().isEmpty() && !busy);
    const DatabaseState& database = m_workspace->databaseState();
    m_ui->actionCreateDatabase->setEnabled(!busy && !m_creatingDatabase && database.error
                                           && database.error->code == QLatin1String("db-unknown-database"));
    const SnapshotPtr snapshot = m_workspace->snapshot();
    m_ui->actionMergeHeads->setEnabled(loaded && snapshot && m_workspace->isCurrent() && snapshot->graph.heads().size() > 1
                                       && !snapshot->isBareVersionsDir() && !busy);
    const bool writable = snapshot && m_workspace->isCurrent() && !snapshot->isBareVersionsDir() && !busy;
    m_ui->actionNewRevision->setEnabled(writable);
    m_ui->actionNewRevisionHere->setEnabled(writable && !id.isEmpty());
    m_ui->actionCheckDrift->setEnabled(writable && !m_revisions->isChecking());
    // The project lacks its initial revision: Alembic refuses it, yet it is open for repair.
    m_ui->actionBootstrap->setEnabled(snapshot && !snapshot->isBareVersionsDir() && !busy && m_revisions->canBootstrap());
    m_ui->actionEditRevision->setEnabled(loaded && !id.isEmpty());
    m_ui->actionCancelRun->setEnabled(m_run->isRunning());
    m_ui->actionExportGraph->setEnabled(loaded);
    m_ui->actionReload->setEnabled(!m_workspace->requestedPath().isEmpty() && !busy);
    m_ui->actionConnect->setEnabled(!busy);
    m_ui->actionOpenProject->setEnabled(!busy);
    m_ui->menuRecentProjects->setEnabled(!busy);
    // Why the run actions are off, where the user looks for it.
    const Error reason = m_workspace->notRunnableReason();
    const QString why = busy ? m_workspace->busyError().message : reason.message;
    for (QAction* a : {m_ui->actionUpgradeToHere, m_ui->actionDowngradeToHere, m_ui->actionStampHere, m_ui->actionUpgradeToHeads,
                       m_ui->actionDowngradeToBase, m_ui->actionResetDatabase})
        a->setStatusTip(a->isEnabled() || why.isEmpty() ? QString() : why);
}

void MainWindow::updateStatus()
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    if (snapshot) {
        const QString shown = QDir::toNativeSeparators(snapshot->project.config.configFile.isEmpty()
                                                           ? snapshot->project.config.rootDir
                                                           : snapshot->project.config.configFile);
        if (m_workspace->loadError())
            m_projectLabel->setFullText(tr("Could not open %1 — showing %2").arg(QDir::toNativeSeparators(m_workspace->requestedPath()), shown));
        else
            m_projectLabel->setFullText(shown);
        const RevisionGraph& g = snapshot->graph;
        m_countLabel->setText(tr("%n revision(s)", nullptr, g.size()) + QStringLiteral(", ")
                              + tr("%n head(s)", nullptr, int(g.heads().size())));
        const AlembicInstallation& alembic = snapshot->project.config.alembic;
        m_alembicLabel->setText(AlembicText::label(alembic));
        m_alembicLabel->setToolTip(AlembicText::toolTip(alembic));
        m_alembicLabel->show();
    } else if (m_workspace->loadError()) {
        m_projectLabel->setFullText(tr("Could not open %1").arg(QDir::toNativeSeparators(m_workspace->requestedPath())));
    }
    updateConnectionIndicator();
    const DatabaseState& db = m_workspace->databaseState();
    QString text;
    QString tip;
    if (!m_workspace->target().isSet() || !m_workspace->isDatabaseStateCurrent()) {
        text.clear(); // no database, or the state of another one (the new one is being read)
    } else if (db.error) {
        const QString message = redactUrl(db.error->message);
        text = fontMetrics().elidedText(message, Qt::ElideRight, 360);
        tip = message;
    } else {
        const QString where = DatabaseStateText::standing(db);
        text = tr("%1 — %n pending", nullptr, m_model->pendingCount()).arg(where);
        tip = db.heads.join(QStringLiteral(", "));
        if (!db.locationNote.isEmpty())
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + db.locationNote;
    }
    m_dbLabel->setText(text);
    m_dbLabel->setToolTip(tip);
    m_dbLabel->setVisible(!text.isEmpty());
}

void MainWindow::updateConnectionIndicator()
{
    const ConnectionTarget& target = m_workspace->target();
    updateConnectionBanner();
    if (!target.isSet()) {
        m_connection->clear();
        return;
    }
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(target.url);
    if (!parsed) {
        m_connection->clear();
        m_connection->setState(ConnectionIndicator::State::Failed, parsed.error().message);
        return;
    }
    m_connection->setConnection(*parsed);
    m_connection->setKind(target.kind);
    const DatabaseState& db = m_workspace->databaseState();
    if (!m_workspace->isDatabaseStateCurrent())
        m_connection->setState(ConnectionIndicator::State::Connecting);
    else if (db.error)
        m_connection->setState(ConnectionIndicator::State::Failed, db.error->message, db.error->code);
}

// The band above the graph: which database, what kind of database it is, and where it stands
// (the same reading as the status bar's, from the workspace's DatabaseState).
void MainWindow::updateConnectionBanner()
{
    const ConnectionTarget& target = m_workspace->target();
    if (!target.isSet()) {
        if (m_workspace->snapshot())
            m_banner->showNoDatabase();
        else
            m_banner->clear();
        return;
    }
    const Result<DatabaseUrl> url = DatabaseUrl::parse(target.url);
    if (!url) {
        m_banner->setDatabase(target.redacted(), QString(), target.kind);
        m_banner->setStanding(ConnectionBanner::Standing::Failed, DatabaseStateText::failure(url.error().code), url.error().message);
        return;
    }
    const bool sqlite = url->dialect() == Dialect::SQLite;
    const QString name = sqlite ? QFileInfo(url->sqlitePath()).fileName() : url->database();
    m_banner->setDatabase(name, sqlite || url->isLocal() ? QString() : url->host(), target.kind);
    const DatabaseState& db = m_workspace->databaseState();
    if (!m_workspace->isDatabaseStateCurrent()) {
        m_banner->setStanding(ConnectionBanner::Standing::Connecting);
    } else if (db.error) {
        m_banner->setStanding(ConnectionBanner::Standing::Failed, DatabaseStateText::failure(db.error->code), redactUrl(db.error->message));
    } else {
        const int pending = m_model->pendingCount();
        const QString standing = DatabaseStateText::standing(db, m_model->graph());
        const QString ahead = pending == 0 ? tr("up to date") : tr("%n pending", nullptr, pending);
        m_banner->setStanding(ConnectionBanner::Standing::Known, tr("%1 · %2").arg(standing, ahead), db.heads.join(QStringLiteral(", ")));
    }
}

// Nothing selected: the Review dock reviews the way to the heads.
void MainWindow::reviewPendingToHeads()
{
    m_reviewedPlan.reset();
    if (!m_workspace->isRunnable() || m_workspace->isRunning()) {
        m_reviewPanel->showMessage(tr("Select a revision to review the SQL that takes the database there."));
        return;
    }
    const Result<Plan> plan = m_workspace->plan(Direction::Upgrade, QStringLiteral("heads"));
    if (!plan || plan->steps.isEmpty()) {
        m_reviewPanel->showMessage(plan ? tr("The database is at the heads: nothing to review.") : plan.error().message);
        return;
    }
    m_reviewedPlan = *plan;
    m_reviewPanel->reviewPlan(tr("Upgrade to the heads"), *plan, runContext());
}

// What a run (or its review) needs besides the request: the snapshot, database and interpreter.
RunContext MainWindow::runContext() const
{
    RunContext context;
    context.snapshot = m_workspace->snapshot();
    context.target = m_workspace->target();
    context.location = m_workspace->databaseState().location;
    context.python = m_python;
    return context;
}

void MainWindow::updateTitle()
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    QString name;
    if (snapshot)
        name = QFileInfo(snapshot->project.config.rootDir).fileName();
    else if (!m_workspace->requestedPath().isEmpty())
        name = QFileInfo(m_workspace->requestedPath()).fileName();
    setWindowTitle(name.isEmpty() ? tr("Retort") : tr("%1 — Retort").arg(name));
}

void MainWindow::showError(const QString& title, const Error& error)
{
    log::warn(log::Area::Ui, QStringLiteral("%1: %2").arg(title, error.toString()));
    if (m_showError)
        m_showError(title, error);
}

QJsonObject MainWindow::report() const
{
    QJsonObject out;
    const SnapshotPtr snapshot = m_workspace->snapshot();
    out.insert(QStringLiteral("project"), m_shownProject);
    if (m_workspace->loadError())
        out.insert(QStringLiteral("load_error"), m_workspace->loadError()->message);
    QJsonArray heads;
    QJsonArray bases;
    if (snapshot) {
        for (const int h : snapshot->graph.heads())
            heads.append(snapshot->graph.at(h).id);
        for (const int b : snapshot->graph.bases())
            bases.append(snapshot->graph.at(b).id);
    }
    out.insert(QStringLiteral("revisions"), snapshot ? snapshot->graph.size() : 0);
    out.insert(QStringLiteral("heads"), heads);
    out.insert(QStringLiteral("bases"), bases);
    const DatabaseState& db = m_workspace->databaseState();
    if (m_workspace->target().isSet() && m_workspace->isDatabaseStateCurrent()) {
        QJsonObject database{{QStringLiteral("url"), db.redactedUrl},
                             {QStringLiteral("current"), QJsonArray::fromStringList(db.heads)},
                             {QStringLiteral("version_table"), db.location.qualified()}};
        if (db.error)
            database.insert(QStringLiteral("error"), db.error->message);
        out.insert(QStringLiteral("database"), database);
    } else {
        out.insert(QStringLiteral("database"), QJsonValue::Null);
    }
    out.insert(QStringLiteral("pending"), m_model->pendingCount());
    out.insert(QStringLiteral("runnable"), m_workspace->isRunnable());
    QJsonArray problems;
    for (int row = 0; row < m_diagnostics->rowCount(); ++row) {
        const Problem& p = m_diagnostics->at(row).problem;
        problems.append(QJsonObject{{QStringLiteral("code"), p.code},
                                    {QStringLiteral("severity"), severityName(p.severity)},
                                    {QStringLiteral("revision"), p.revision},
                                    {QStringLiteral("message"), redactUrl(p.message)}});
    }
    out.insert(QStringLiteral("problems"), problems);
    return out;
}

QStringList MainWindow::recentProjects() const
{
    return QSettings().value(settingsKeyRecent()).toStringList();
}

void MainWindow::addRecentProject(const QString& path)
{
    QStringList recent = recentProjects();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > MaxRecentProjects)
        recent.removeLast();
    QSettings().setValue(settingsKeyRecent(), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    QMenu* menu = m_ui->menuRecentProjects;
    menu->clear();
    const QStringList recent = recentProjects();
    int n = 0;
    for (const QString& path : recent) {
        ++n;
        QAction* a = menu->addAction(QStringLiteral("&%1 %2").arg(n % 10).arg(QDir::toNativeSeparators(path)));
        if (n <= 9)
            a->setShortcut(QKeySequence(QStringLiteral("Ctrl+Alt+%1").arg(n)));
        connect(a, &QAction::triggered, this, [this, path] { openProject(path); });
    }
    if (recent.isEmpty()) {
        menu->addAction(tr("No recent projects"))->setEnabled(false);
    } else {
        menu->addSeparator();
        connect(menu->addAction(tr("Clear List")), &QAction::triggered, this, [this] {
            QSettings().remove(settingsKeyRecent());
            rebuildRecentMenu();
        });
    }
}

bool MainWindow::restoreSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("MainWindow/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.value(QStringLiteral("MainWindow/state")).toByteArray();
    return !state.isEmpty() && restoreState(state);
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("MainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("MainWindow/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_run->isRunning()) {
        const auto answer = QMessageBox::question(this, tr("Quit Retort"),
                                                  tr("A migration is running. Cancel it and quit?"),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_run->cancel();
    }
    if (!m_revisions->closeEditors()) { // an editor with unsaved edits asked, and the user stayed
        event->ignore();
        return;
    }
    if (m_options.restoreState)
        saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.constFirst().isLocalFile()) {
        const QFileInfo info(urls.constFirst().toLocalFile());
        if (info.isDir() || info.suffix() == QLatin1String("ini") || info.fileName() == QLatin1String("pyproject.toml")) {
            event->acceptProposedAction();
            return;
        }
    }
    event->ignore();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty())
        return;
    event->acceptProposedAction();
    openProject(urls.constFirst().toLocalFile()); // refused, with a message, during a run
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        updateStatus();
    QMainWindow::changeEvent(event);
}

Status MainWindow::saveScreenshot(const QString& path)
{
    const QPixmap pixmap = grab();
    if (pixmap.isNull())
        return Error{QStringLiteral("screenshot"), tr("Could not render the window."), {}, path, 0};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !pixmap.save(&file, "PNG") || !file.commit())
        return Error{QStringLiteral("screenshot"),
                     tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                     tr("Choose a writable folder."), path, 0};
    return Ok{};
}

} // namespace retort::app
