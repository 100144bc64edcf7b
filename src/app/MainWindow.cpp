#include "app/MainWindow.h"
#include "ui_MainWindow.h"

#include "app/AboutDialog.h"
#include "app/ConnectionDialog.h"
#include "app/ConnectionIndicator.h"
#include "app/ConnectionProfiles.h"
#include "app/DemoProject.h"
#include "app/DiagnosticsPanel.h"
#include "app/DiagnosticsModel.h"
#include "app/DoctorController.h"
#include "app/GraphDelegate.h"
#include "app/GraphExporter.h"
#include "app/LogDock.h"
#include "app/RevisionDetails.h"
#include "app/RevisionFilterModel.h"
#include "app/RevisionGraphModel.h"
#include "app/RevisionGraphPanel.h"
#include "app/RunController.h"
#include "app/RunProgressPanel.h"
#include "app/SchemaBrowser.h"
#include "app/SqlPreview.h"
#include "core/common/Redact.h"
#include "core/db/DatabaseUrl.h"
#include "core/doctor/Doctor.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"
#include "core/graph/RevisionSpec.h"
#include "core/log/Log.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPixmap>
#include <QSaveFile>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
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

// How ProjectSession names `url` in DatabaseState::redactedUrl.
QString redactedTarget(const QString& url)
{
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    return parsed ? parsed->redacted() : redactUrl(url);
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

    m_session = new ProjectSession(this);
    m_session->setWatchFiles(m_options.watchFiles);
    m_model = new RevisionGraphModel(this);
    m_graph = new RevisionGraphPanel(m_model, m_ui->centralWidget);
    m_ui->centralLayout->addWidget(m_graph);
    m_run = new RunController(this);
    m_diagnostics = new DiagnosticsModel(this);
    m_doctorWatcher = new QFutureWatcher<QVector<Finding>>(this);
    m_mergeWatcher = new QFutureWatcher<Result<MergeOutcome>>(this);
    m_doctor = new DoctorController(m_diagnostics, this);

    m_confirm = [this](const RunRequest& request) {
        ApplyConfirmDialog dialog(request, this);
        return dialog.exec() == QDialog::Accepted;
    };
    m_confirmMerge = [this](const MergeHeadsRequest& proposed) -> std::optional<MergeHeadsRequest> {
        const auto snapshot = m_session->snapshot();
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
    connectActions();

    m_projectLabel = new QLabel(this);
    m_projectLabel->setObjectName(QStringLiteral("projectLabel"));
    // The database: where (the indicator: redacted target, local or remote, click to change it),
    // then what it holds (the label: "at <rev> — N pending", or why it cannot be read).
    m_connection = new ConnectionIndicator(this);
    connect(m_connection, &ConnectionIndicator::clicked, this, [this] {
        if (m_ui->actionConnect->isEnabled())
            connectDialog();
    });
    m_dbLabel = new QLabel(this);
    m_dbLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_dbLabel->setTextFormat(Qt::PlainText);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    statusBar()->addWidget(m_projectLabel, 1);
    statusBar()->addPermanentWidget(m_connection);
    statusBar()->addPermanentWidget(m_dbLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->setSizeGripEnabled(true);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(350);
    connect(&m_previewTimer, &QTimer::timeout, this, &MainWindow::previewSqlForSelected);

    applyDefaultLayout();
    m_defaultState = saveState();
    if (m_options.restoreState)
        restoreSettings();
    rebuildRecentMenu();
    updateActions();
    updateStatus();
    updateTitle();
}

MainWindow::~MainWindow()
{
    m_doctorWatcher->waitForFinished();
    if (m_mergeCancel)
        m_mergeCancel->store(true); // the bridge stops Alembic (TERM, then KILL after its grace period)
    m_mergeWatcher->waitForFinished();
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
    m_logDock = new LogDock(this);
    m_logDock->setObjectName(QStringLiteral("logDock"));

    const QList<QPair<QDockWidget*, QString>> toggles = {
        {m_detailsDock, QStringLiteral("Alt+1")}, {m_sqlDock, QStringLiteral("Alt+2")}, {m_runDock, QStringLiteral("Alt+3")},
        {m_schemaDock, QStringLiteral("Alt+4")}, {m_diagnosticsDock, QStringLiteral("Alt+5")},
        {m_logDock, QStringLiteral("Alt+6")}};
    for (const auto& [dock, shortcut] : toggles) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setShortcut(QKeySequence(shortcut));
        m_ui->menuView->addAction(toggle);
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
        const int index = m_model->graph() ? m_model->graph()->indexOf(revision) : -1;
        if (index < 0)
            return;
        selectRevisionId(revision);
        runOn(RunKind::Stamp, index, revision, purge); // asks for confirmation like Stamp Here
    });
    connect(m_diagnosticsPanel, &DiagnosticsPanel::mergeHeadsRequested, this, &MainWindow::mergeHeads);
    connect(m_details, &RevisionDetails::revisionActivated, this, &MainWindow::selectRevisionId);
    connect(log::LogHub::instance(), &log::LogHub::lineLogged, m_logDock, &LogDock::appendLogLine);
}

void MainWindow::applyDefaultLayout()
{
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
    addDockWidget(Qt::RightDockWidgetArea, m_sqlDock);
    splitDockWidget(m_detailsDock, m_sqlDock, Qt::Vertical);
    addDockWidget(Qt::BottomDockWidgetArea, m_schemaDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_diagnosticsDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_runDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    tabifyDockWidget(m_schemaDock, m_diagnosticsDock);
    tabifyDockWidget(m_diagnosticsDock, m_runDock);
    tabifyDockWidget(m_runDock, m_logDock);
    for (QDockWidget* dock : {m_detailsDock, m_sqlDock, m_schemaDock, m_diagnosticsDock, m_runDock, static_cast<QDockWidget*>(m_logDock)})
        dock->show();
    m_schemaDock->raise();
    resizeDocks({m_detailsDock}, {520}, Qt::Horizontal);
    resizeDocks({m_detailsDock, m_sqlDock}, {380, 330}, Qt::Vertical);
    resizeDocks({m_schemaDock}, {220}, Qt::Vertical);
}

void MainWindow::resetLayout()
{
    if (!m_defaultState.isEmpty())
        restoreState(m_defaultState);
    applyDefaultLayout();
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
    connect(ui.actionMergeHeads, &QAction::triggered, this, &MainWindow::mergeHeads);
    connect(ui.actionCancelRun, &QAction::triggered, this, &MainWindow::cancelRun);
    connect(ui.actionCopyRevisionId, &QAction::triggered, this, [this] {
        const int revision = m_graph->selectedRevision();
        if (revision >= 0 && m_model->graph())
            QApplication::clipboard()->setText(m_model->graph()->at(revision).id);
    });
    connect(ui.actionResetLayout, &QAction::triggered, this, &MainWindow::resetLayout);
    connect(ui.actionAbout, &QAction::triggered, this, [this] {
        auto* about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });
    // The graph view gets the revision actions as its own shortcuts too (context menu key works).
    for (QAction* a : {ui.actionUpgradeToHere, ui.actionDowngradeToHere, ui.actionStampHere, ui.actionPreviewSql,
                       ui.actionCopyRevisionId})
        a->setShortcutContext(Qt::WindowShortcut);

    connect(m_session, &ProjectSession::loadStarted, this, &MainWindow::onLoadStarted);
    connect(m_session, &ProjectSession::projectLoaded, this, &MainWindow::onProjectLoaded);
    connect(m_session, &ProjectSession::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_session, &ProjectSession::databaseStateChanged, this, &MainWindow::onDatabaseStateChanged);
    connect(m_session, &ProjectSession::filesChangedOnDisk, this, [this] {
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
        m_logDock->appendBridgeLine(level == QLatin1String("info") ? text : QStringLiteral("%1: %2").arg(level.toUpper(), text));
    });
    connect(m_run, &RunController::runFinished, this, &MainWindow::onRunFinished);
    connect(m_runPanel, &RunProgressPanel::cancelRequested, this, &MainWindow::cancelRun);

    connect(m_sql, &SqlPreview::previewReady, this, [this] {
        m_waitingForPreview = false;
        checkReady();
    });
    connect(m_sql, &SqlPreview::previewFailed, this, [this](const Error& error) {
        log::warn(log::Area::Exec, tr("SQL preview failed: %1").arg(error.message));
        m_waitingForPreview = false;
        checkReady();
    });
    connect(m_doctorWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onDoctorFinished);
    connect(m_mergeWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onMergeFinished);
}

QAction* MainWindow::action(const QString& objectName) const
{
    return findChild<QAction*>(objectName);
}

// ---- projects ---------------------------------------------------------------------------------

QString MainWindow::databaseUrlFor(const QString& projectPath) const
{
    if (!m_urlOverride.isEmpty())
        return m_urlOverride;
    if (m_profiles) {
        const QString last = m_profiles->lastUsed();
        if (const std::optional<ConnectionProfile> profile = m_profiles->profile(last)) {
            const std::optional<QString> password = m_profiles->sessionPassword(last);
            if (!password || password->isEmpty())
                return profile->url;
            Result<DatabaseUrl> parsed = DatabaseUrl::parse(profile->url);
            if (parsed) {
                UrlParts parts = urlParts(*parsed);
                parts.password = *password;
                return composeUrl(parts, true);
            }
            return profile->url;
        }
    }
    if (DemoProject::isDemo(projectPath))
        return DemoProject::databaseUrl();
    return {};
}

void MainWindow::openProject(const QString& path, const QString& url)
{
    QString project = path;
    if (project.isEmpty())
        project = DemoProject::location();
    if (project.isEmpty()) {
        showError(tr("Open Project"),
                  Error{QStringLiteral("project-not-found"), tr("The demo project is not installed and no project was given."),
                        tr("Open a folder that holds an alembic.ini (File ▸ Open Project)."), {}, 0});
        m_loadFailed = true;
        m_projectLoaded = true;
        checkReady();
        return;
    }
    project = QFileInfo(project).absoluteFilePath();
    m_urlOverride = url;
    m_ready = false;
    m_projectLoaded = false;
    m_loadFailed = false;
    m_dbRead = false;
    m_initialSelectionApplied = false;

    delete m_profiles;
    m_profiles = new ConnectionProfiles(project, this);
    m_sql->showMessage(tr("Select a revision to see the SQL that takes the database there."));
    m_details->clear();
    m_doctor->clear(); // a stale database check must not fill the new project's list
    m_diagnostics->clearAll();
    const QString dbUrl = m_options.connectDatabase ? databaseUrlFor(project) : QString();
    m_session->setDatabaseUrl(dbUrl, DemoProject::isDemo(project) && m_urlOverride.isEmpty() && dbUrl == DemoProject::databaseUrl());
    updateStatus();
    m_session->open(project);
    addRecentProject(project);
}

void MainWindow::reload()
{
    m_session->reload();
}

void MainWindow::openProjectDialog()
{
    QFileDialog dialog(this, tr("Open Alembic Project"));
    dialog.setFileMode(QFileDialog::ExistingFile);
    dialog.setNameFilters({tr("Alembic configuration (alembic.ini *.ini pyproject.toml)"), tr("All files (*)")});
    dialog.setOption(QFileDialog::DontUseNativeDialog, false);
    const QString current = m_session->projectPath();
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
    ConnectionDialog dialog(this);
    dialog.setProfiles(m_profiles);
    const auto snapshot = m_session->snapshot();
    if (snapshot)
        dialog.setProjectDirectory(snapshot->project.config.rootDir);
    QList<ConnectionSuggestion> suggestions;
    if (snapshot && !snapshot->project.config.sqlalchemyUrl.isEmpty()
        && !snapshot->project.config.sqlalchemyUrl.startsWith(QLatin1String("driver://")))
        suggestions.append({QStringLiteral("alembic.ini"), snapshot->project.config.sqlalchemyUrl});
    if (m_session->isDemo())
        suggestions.append({tr("demo"), DemoProject::databaseUrl()});
    dialog.setSuggestions(suggestions);
    if (!m_session->databaseUrl().isEmpty())
        dialog.setUrlText(m_session->databaseUrl());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Result<DatabaseUrl> url = dialog.databaseUrl();
    if (!url) {
        showError(tr("Connect to Database"), url.error());
        return;
    }
    m_urlOverride = url->toString();
    m_session->setDatabaseUrl(m_urlOverride, m_session->isDemo() && m_urlOverride == DemoProject::databaseUrl());
    updateStatus();
}

void MainWindow::onLoadStarted(const QString& path)
{
    m_projectLabel->setText(tr("Loading %1…").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::onProjectLoaded()
{
    QElapsedTimer timer;
    timer.start();
    const auto snapshot = m_session->snapshot();
    const int previous = m_graph->selectedRevision();
    const QString previousId = previous >= 0 && m_model->graph() ? m_model->graph()->at(previous).id : QString();
    m_model->setSnapshot(snapshot);
    m_model->setDatabaseHeads(m_session->databaseState().heads, m_session->databaseState().connected && m_dbRead);
    m_diagnostics->setDiagnostics(Diagnostic::Source::Project, snapshot->diagnostics);
    m_diagnostics->setDiagnostics(Diagnostic::Source::Doctor, {});
    m_projectLoaded = true;
    m_loadFailed = false;
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
    if (m_dbRead)
        m_doctor->refresh(*m_session, m_python.interpreter);
    log::debug(log::Area::Ui, QStringLiteral("Graph view filled in %1 ms").arg(timer.elapsed()));
    checkReady();
}

void MainWindow::onLoadFailed(const Error& error)
{
    m_projectLoaded = true;
    m_loadFailed = true;
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.code = error.code;
    d.message = error.message;
    d.hint = error.hint;
    d.path = error.path;
    d.line = error.line;
    m_diagnostics->setDiagnostics(Diagnostic::Source::Project, {d});
    m_diagnosticsDock->show();
    m_diagnosticsDock->raise();
    m_projectLabel->setText(tr("Could not open %1").arg(QDir::toNativeSeparators(m_session->projectPath())));
    updateTitle();
    updateActions();
    checkReady();
}

void MainWindow::onDoctorFinished()
{
    // The doctor covers the parse and graph problems (with hints and fixes): it replaces the first list.
    m_diagnostics->setDiagnostics(Diagnostic::Source::Project, {});
    m_diagnostics->setDiagnostics(Diagnostic::Source::Doctor, DoctorController::toDiagnostics(m_doctorWatcher->result()));
}

void MainWindow::onDatabaseStateChanged()
{
    m_dbRead = true;
    const DatabaseState& state = m_session->databaseState();
    m_model->setDatabaseHeads(state.heads, state.connected && !state.error);
    QVector<Diagnostic> rows;
    if (state.error) {
        Diagnostic d;
        d.severity = Diagnostic::Severity::Error;
        d.code = state.error->code;
        d.message = state.error->message;
        d.hint = state.error->hint;
        d.path = state.error->path;
        rows << d;
    }
    // A revision in alembic_version that no file defines is the doctor's db-unknown-revision
    // (with the revisions the user probably meant and a stamp --purge fix), from m_doctor below.
    m_diagnostics->setDiagnostics(Diagnostic::Source::Database, rows);
    m_doctor->refresh(*m_session, m_python.interpreter); // the doctor's database checks, on a worker
    // The schema browser reads the same database (its own connection, on its own worker).
    const Result<DatabaseUrl> url = DatabaseUrl::parse(m_session->databaseUrl());
    if (state.connected && url)
        m_schema->refresh(*url);
    else
        m_schema->clear();
    m_graph->applySearch(); // a plan highlight depends on the current heads
    updateStatus();
    updateActions();
    const int selected = m_graph->selectedRevision();
    if (selected >= 0 && !m_run->isRunning())
        schedulePreview();
    checkReady();
}

void MainWindow::checkReady()
{
    if (m_ready)
        return;
    if (!m_projectLoaded)
        return;
    if (!m_loadFailed && !m_session->databaseUrl().isEmpty() && !m_dbRead)
        return;
    if (!m_initialSelectionApplied && !m_loadFailed) {
        m_initialSelectionApplied = true;
        const RevisionGraph* graph = m_model->graph();
        int toSelect = -1;
        if (!m_initialSelection.isEmpty()) {
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
            if (m_options.autoPreviewSql && m_session->databaseState().connected) {
                m_previewTimer.stop();
                m_waitingForPreview = true;
                previewSqlForSelected();
            }
        }
    }
    if (m_waitingForPreview)
        return;
    m_ready = true;
    Q_EMIT ready();
}

// ---- selection, preview ------------------------------------------------------------------------

int MainWindow::defaultSelection() const
{
    const RevisionGraph* graph = m_model->graph();
    if (!graph || graph->size() == 0)
        return -1;
    const DatabaseState& db = m_session->databaseState();
    if (db.connected && !db.error) {
        for (const QString& head : db.heads) {
            const int index = graph->indexOf(head);
            if (index >= 0)
                return index;
        }
    }
    return graph->heads().isEmpty() ? -1 : graph->heads().constFirst();
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
    if (revision >= 0 && m_options.autoPreviewSql)
        schedulePreview();
}

void MainWindow::schedulePreview()
{
    if (m_session->databaseUrl().isEmpty() && !m_session->snapshot())
        return;
    m_previewTimer.start();
}

Result<Plan> MainWindow::planTo(int revision, Direction direction) const
{
    const RevisionGraph* graph = m_model->graph();
    if (!graph || revision < 0 || revision >= graph->size())
        return Error{QStringLiteral("no-selection"), tr("Select a revision first."), {}, {}, 0};
    return Planner::plan(*graph, m_model->databaseHeads(), direction, graph->at(revision).id);
}

void MainWindow::previewSqlForSelected()
{
    m_previewTimer.stop();
    const auto snapshot = m_session->snapshot();
    const int revision = m_graph->selectedRevision();
    if (!snapshot || revision < 0) {
        m_sql->showMessage(tr("Select a revision to see the SQL that takes the database there."));
        return;
    }
    if (snapshot->project.config.isBareVersionsDir()) {
        m_sql->showMessage(tr("SQL needs the project's alembic.ini; this is a bare versions folder."));
        return;
    }
    const Revision& r = snapshot->graph.at(revision);
    Result<Plan> plan = planTo(revision, Direction::Upgrade);
    if (!plan || plan->steps.isEmpty()) {
        Result<Plan> down = planTo(revision, Direction::Downgrade);
        if (down && !down->steps.isEmpty())
            plan = down;
    }
    if (!plan) {
        m_sql->showError(plan.error());
        m_waitingForPreview = false;
        checkReady();
        return;
    }
    if (plan->steps.isEmpty()) {
        m_sql->showMessage(tr("The database is at %1 already: nothing to run.").arg(RevisionGraphModel::shortId(r.id)));
        m_waitingForPreview = false;
        checkReady();
        return;
    }
    SqlPreviewRequest request;
    const bool up = plan->direction == Direction::Upgrade;
    request.title = (up ? tr("Upgrade to %1") : tr("Downgrade to %1")).arg(targetLabel(snapshot->graph, revision));
    request.projectDir = snapshot->project.config.rootDir;
    request.python = m_python;
    request.bridge.op = BridgeOp::Sql;
    request.bridge.configFile = snapshot->project.config.configFile;
    request.bridge.workingDirectory = QFileInfo(snapshot->project.config.configFile).absolutePath();
    request.bridge.target = r.id;
    request.bridge.sqlDirection = up ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
    request.bridge.current = m_model->databaseHeads();
    request.bridge.overrideUrl = m_session->databaseUrl();
    request.bridge.timeoutMs = 120000;
    m_sql->requestPreview(request);
}

// ---- runs ----------------------------------------------------------------------------------------

void MainWindow::upgradeToSelected()
{
    const int revision = m_graph->selectedRevision();
    if (revision >= 0)
        runOn(RunKind::Upgrade, revision, m_model->graph()->at(revision).id);
}

void MainWindow::downgradeToSelected()
{
    const int revision = m_graph->selectedRevision();
    if (revision >= 0)
        runOn(RunKind::Downgrade, revision, m_model->graph()->at(revision).id);
}

void MainWindow::stampSelected()
{
    const int revision = m_graph->selectedRevision();
    if (revision >= 0)
        runOn(RunKind::Stamp, revision, m_model->graph()->at(revision).id);
}

void MainWindow::upgradeToHeads()
{
    runOn(RunKind::Upgrade, -1, QStringLiteral("heads"));
}

bool MainWindow::isMerging() const
{
    return m_mergeWatcher->isRunning();
}

// Joins the heads with a merge revision written by the project's own Alembic (`alembic merge`),
// on the thread pool; the window reloads and selects the new revision when it is in.
void MainWindow::mergeHeads()
{
    const auto snapshot = m_session->snapshot();
    if (!snapshot || isMerging() || m_run->isRunning())
        return;
    if (snapshot->project.config.isBareVersionsDir()) {
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

    BridgeRequest request;
    request.op = BridgeOp::Merge;
    request.configFile = snapshot->project.config.configFile;
    request.iniSection = snapshot->project.config.configSection;
    request.workingDirectory = QFileInfo(request.configFile).absolutePath();
    request.target = confirmed->revisions.join(QLatin1Char(','));
    request.message = confirmed->message;
    request.overrideUrl = m_session->databaseUrl(); // only used if env.py runs (revision_environment)
    request.requireUrlMatch = false;
    request.timeoutMs = 120000;
    const InterpreterChoice choice = m_python;
    m_mergeCancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_mergeCancel;
    log::info(log::Area::Exec, tr("Merging %1 through Alembic: %2").arg(confirmed->revisions.join(QStringLiteral(", ")),
                                                                         confirmed->commandLine()));
    statusBar()->showMessage(tr("Writing a merge revision through Alembic…"));
    m_mergeWatcher->setFuture(QtConcurrent::run([request, choice, cancel]() -> Result<MergeOutcome> {
        const Result<PythonCommand> python = PythonLocator::locate(request.workingDirectory, choice);
        if (!python)
            return python.error();
        return AlembicBridge::merge(*python, request, cancel.get());
    }));
    updateActions();
}

void MainWindow::onMergeFinished()
{
    const Result<MergeOutcome> outcome = m_mergeWatcher->result();
    updateActions();
    if (!outcome) {
        statusBar()->showMessage(tr("Merge failed: %1").arg(outcome.error().message), 10000);
        showError(tr("Alembic could not write the merge revision"), outcome.error());
        Q_EMIT mergeFinished(QString(), outcome.error());
        return;
    }
    log::info(log::Area::Exec, tr("Alembic wrote merge revision %1 in %2").arg(outcome->revision, outcome->path));
    statusBar()->showMessage(tr("Created merge revision %1 (%2). Upgrade to apply it.")
                                 .arg(outcome->revision, QFileInfo(outcome->path).fileName()),
                             10000);
    m_selectAfterLoad = outcome->revision;
    reload();
    Q_EMIT mergeFinished(outcome->revision, Error{});
}

void MainWindow::cancelRun()
{
    if (m_run->isRunning()) {
        log::info(log::Area::Ui, tr("Cancelling the run on user request"));
        m_run->cancel();
    }
}

void MainWindow::runOn(RunKind kind, int revision, const QString& target, bool purge)
{
    const auto snapshot = m_session->snapshot();
    const DatabaseState& db = m_session->databaseState();
    if (!snapshot || m_run->isRunning())
        return;
    if (!db.connected) {
        showError(tr("No database"), Error{QStringLiteral("no-database"), tr("Retort is not connected to a database."),
                                           tr("Use Connect to Database (Ctrl+Shift+C) first."), {}, 0});
        return;
    }
    if (snapshot->project.config.isBareVersionsDir()) {
        showError(tr("Cannot run"), Error{QStringLiteral("bare-versions"), tr("Running migrations needs the project's alembic.ini."),
                                          tr("Open the project folder instead of its versions folder."), {}, 0});
        return;
    }
    RunRequest request;
    request.kind = kind;
    request.target = target;
    request.targetLabel = revision >= 0 ? targetLabel(snapshot->graph, revision) : target;
    request.databaseLabel = db.redactedUrl;
    request.host = db.host;
    request.databaseName = db.databaseName;
    request.isLocal = db.isLocal;
    request.purge = kind == RunKind::Stamp && purge;
    if (kind == RunKind::Stamp) {
        request.plan.target = target;
        request.plan.currentHeads = m_model->databaseHeads();
    } else {
        Result<Plan> plan = Planner::plan(snapshot->graph, m_model->databaseHeads(),
                                          kind == RunKind::Upgrade ? Direction::Upgrade : Direction::Downgrade, target);
        if (!plan) {
            showError(kind == RunKind::Upgrade ? tr("Cannot upgrade") : tr("Cannot downgrade"), plan.error());
            return;
        }
        if (plan->steps.isEmpty()) {
            statusBar()->showMessage(tr("Nothing to run: the database is there already."), 5000);
            return;
        }
        request.plan = std::move(plan).value();
    }
    if (!m_confirm(request))
        return;
    RunContext context;
    context.project = snapshot->project.config;
    context.overrideUrl = m_session->databaseUrl();
    context.python = m_python;
    m_sql->cancel();
    m_run->start(request, context);
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
    m_runningRevision = revision;
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
    m_lastResult = result;
    m_runPanel->finish(result);
    m_model->clearRunStates();
    m_runningRevision = -1;
    QVector<Diagnostic> rows;
    if (!result.ok) {
        Diagnostic d;
        d.severity = Diagnostic::Severity::Error;
        d.code = result.error.code;
        d.message = result.error.message;
        d.hint = result.error.hint;
        d.path = result.error.path;
        d.line = result.error.line;
        d.revision = result.failedRevision;
        rows << d;
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
    for (const QString& d : result.discrepancies) {
        Diagnostic row;
        row.severity = Diagnostic::Severity::Warning;
        row.code = QStringLiteral("run-discrepancy");
        row.message = d;
        rows << row;
    }
    m_diagnostics->setDiagnostics(Diagnostic::Source::Run, rows);
    // What the database really holds now.
    m_session->refreshDatabaseState();
    updateActions();
    Q_EMIT runFinished(result);
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
    const QString title = QDir::toNativeSeparators(m_session->projectPath());
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
    const bool running = m_run->isRunning();
    const bool connected = m_session->databaseState().connected && !m_session->databaseState().error;
    const int revision = m_graph->selectedRevision();
    bool canUp = false;
    bool canDown = false;
    if (loaded && connected && revision >= 0 && !running) {
        const Result<Plan> up = planTo(revision, Direction::Upgrade);
        canUp = up && !up->steps.isEmpty();
        const Result<Plan> down = planTo(revision, Direction::Downgrade);
        canDown = down && !down->steps.isEmpty();
    }
    m_ui->actionUpgradeToHere->setEnabled(canUp);
    m_ui->actionDowngradeToHere->setEnabled(canDown);
    m_ui->actionStampHere->setEnabled(loaded && connected && revision >= 0 && !running);
    m_ui->actionPreviewSql->setEnabled(loaded && revision >= 0);
    m_ui->actionCopyRevisionId->setEnabled(loaded && revision >= 0);
    m_ui->actionUpgradeToHeads->setEnabled(loaded && connected && !running);
    const auto snapshot = m_session->snapshot();
    m_ui->actionMergeHeads->setEnabled(loaded && snapshot && snapshot->graph.heads().size() > 1
                                       && !snapshot->project.config.isBareVersionsDir() && !running && !isMerging());
    m_ui->actionCancelRun->setEnabled(running);
    m_ui->actionExportGraph->setEnabled(loaded);
    m_ui->actionReload->setEnabled(!m_session->projectPath().isEmpty());
    m_ui->actionConnect->setEnabled(!running);
    m_ui->actionOpenProject->setEnabled(!running);
}

void MainWindow::updateStatus()
{
    const auto snapshot = m_session->snapshot();
    if (snapshot && m_projectLoaded && !m_loadFailed) {
        m_projectLabel->setText(QDir::toNativeSeparators(snapshot->project.config.configFile.isEmpty()
                                                              ? snapshot->project.config.rootDir
                                                              : snapshot->project.config.configFile));
        const RevisionGraph& g = snapshot->graph;
        m_countLabel->setText(tr("%n revision(s), %1 head(s)", nullptr, g.size()).arg(g.heads().size()));
    }
    updateConnectionIndicator();
    const DatabaseState& db = m_session->databaseState();
    QString text;
    QString tip;
    if (!db.configured || m_session->databaseUrl().isEmpty() || db.redactedUrl != redactedTarget(m_session->databaseUrl())) {
        text.clear(); // no database, or the state of another one (the new one is being read)
    } else if (db.error) {
        const QString message = redactUrl(db.error->message);
        text = fontMetrics().elidedText(message, Qt::ElideRight, 360);
        tip = message;
    } else {
        QString where;
        if (db.heads.isEmpty())
            where = db.versionTableExists ? tr("at base") : tr("no version table yet");
        else {
            QStringList ids;
            for (const QString& h : db.heads)
                ids << RevisionGraphModel::shortId(h);
            where = tr("at %1").arg(ids.join(QStringLiteral(", ")));
        }
        int pending = 0;
        if (snapshot) {
            for (int row = 0; row < m_model->rowCount(); ++row) {
                if (m_model->index(row, 0).data(RevisionGraphModel::AppliedStateRole).toInt()
                    == int(RevisionGraphModel::AppliedState::Pending))
                    ++pending;
            }
        }
        text = tr("%1 — %n pending", nullptr, pending).arg(where);
        tip = db.heads.join(QStringLiteral(", "));
    }
    m_dbLabel->setText(text);
    m_dbLabel->setToolTip(tip);
    m_dbLabel->setVisible(!text.isEmpty());
}

void MainWindow::updateConnectionIndicator()
{
    const DatabaseState& db = m_session->databaseState();
    const QString url = m_session->databaseUrl();
    if (url.isEmpty()) {
        m_connection->clear();
        return;
    }
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    if (!parsed) {
        m_connection->clear();
        m_connection->setState(ConnectionIndicator::State::Failed, parsed.error().message);
        return;
    }
    m_connection->setConnection(*parsed);
    // The state read last belongs to this target only when the redacted forms agree; until the
    // first read of a new target is in, it is being connected to.
    const bool current = db.configured && db.redactedUrl == parsed->redacted();
    if (!current || (!db.connected && !db.error))
        m_connection->setState(ConnectionIndicator::State::Connecting);
    else if (db.error)
        m_connection->setState(ConnectionIndicator::State::Failed, db.error->message);
}

void MainWindow::updateTitle()
{
    const auto snapshot = m_session->snapshot();
    QString name;
    if (snapshot)
        name = QFileInfo(snapshot->project.config.rootDir).fileName();
    else if (!m_session->projectPath().isEmpty())
        name = QFileInfo(m_session->projectPath()).fileName();
    setWindowTitle(name.isEmpty() ? tr("Retort") : tr("%1 — Retort").arg(name));
}

void MainWindow::showError(const QString& title, const Error& error)
{
    log::warn(log::Area::Ui, QStringLiteral("%1: %2").arg(title, error.toString()));
    if (m_showError)
        m_showError(title, error);
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

void MainWindow::restoreSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("MainWindow/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.value(QStringLiteral("MainWindow/state")).toByteArray();
    if (!state.isEmpty())
        restoreState(state);
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
    openProject(urls.constFirst().toLocalFile());
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
