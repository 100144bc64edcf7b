#include "app/schema/TimeMachineController.h"

#include "app/schema/ScratchConfirmDialog.h"
#include "core/log/Log.h"
#include "core/workspace/Workspace.h"

#include <QApplication>
#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

TimeMachineController::TimeMachineController(Workspace* workspace, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_cacheWatcher(new QFutureWatcher<RevisionSchemas>(this))
    , m_computeWatcher(new QFutureWatcher<Outcome>(this))
{
    m_confirm = [](const ScratchConfirmation& confirmation) -> std::optional<ScratchKind> {
        ScratchConfirmDialog dialog(confirmation, QApplication::activeWindow());
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.choice();
    };
    connect(m_cacheWatcher, &QFutureWatcher<RevisionSchemas>::finished, this, &TimeMachineController::onCacheRead);
    connect(m_computeWatcher, &QFutureWatcher<Outcome>::finished, this, &TimeMachineController::onComputed);
    connect(m_workspace, &Workspace::snapshotChanged, this, &TimeMachineController::refresh);
    connect(m_workspace, &Workspace::databaseStateChanged, this, [this] {
        // Another kind of database is another set of schemas (SQLite's types are not PostgreSQL's).
        if (dialect() != m_schemas.dialect || m_snapshot != m_workspace->snapshot())
            refresh();
    });
}

TimeMachineController::~TimeMachineController()
{
    if (m_cancel)
        m_cancel->store(true);
    m_computeWatcher->waitForFinished();
    m_cacheWatcher->waitForFinished();
}

const RevisionGraph* TimeMachineController::graph() const
{
    return m_snapshot ? &m_snapshot->graph : nullptr;
}

bool TimeMachineController::isLoadingCache() const
{
    return m_cacheWatcher->isRunning();
}

QString TimeMachineController::databaseUrlText() const
{
    return m_workspace->target().url;
}

std::optional<Dialect> TimeMachineController::dialect() const
{
    if (const std::optional<Dialect> connected = DatabaseUrl::dialectOfScheme(databaseUrlText()))
        return connected;
    const SnapshotPtr snapshot = m_workspace->snapshot();
    return snapshot ? DatabaseUrl::dialectOfScheme(snapshot->project.config.sqlalchemyUrl) : std::nullopt;
}

QString TimeMachineController::unavailableReason() const
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    if (!snapshot)
        return tr("Open a project first.");
    if (snapshot->isBareVersionsDir())
        return tr("Computing schemas runs the project's Alembic, which needs its alembic.ini and env.py; this is a bare versions folder.");
    if (!snapshot->isRunnable())
        return tr("Alembic cannot load this project: %1").arg(snapshot->commandError->message);
    if (!dialect())
        return tr("Connect to a database first: its kind (SQLite or PostgreSQL) decides the scratch database.");
    if (m_computing)
        return tr("The schemas are being computed.");
    return {};
}

int TimeMachineController::missingCount() const
{
    const RevisionGraph* g = graph();
    if (!g)
        return 0;
    int missing = 0;
    for (const Revision& r : g->revisions())
        missing += m_schemas.byRevision.contains(r.id) ? 0 : 1;
    return missing;
}

void TimeMachineController::refresh()
{
    const SnapshotPtr snapshot = m_workspace->snapshot();
    const std::optional<Dialect> kind = dialect();
    if (!snapshot || !kind || snapshot->isBareVersionsDir() || !snapshot->isRunnable()) {
        m_snapshot = snapshot;
        m_schemas = RevisionSchemas{};
        Q_EMIT schemasChanged();
        return;
    }
    m_cacheSnapshot = snapshot;
    const Dialect d = *kind;
    m_cacheWatcher->setFuture(QtConcurrent::run([snapshot, d] {
        return TimeMachine::cachedFor(snapshot->project.config, snapshot->graph, d);
    }));
}

void TimeMachineController::onCacheRead()
{
    if (m_cacheSnapshot != m_workspace->snapshot())
        return; // a newer project or connection asked again
    m_snapshot = m_cacheSnapshot;
    RevisionSchemas read = m_cacheWatcher->result();
    // What was computed for this very snapshot stays (failures are not cached).
    if (m_schemas.dialect == read.dialect && m_computeSnapshot == m_snapshot) {
        for (auto it = m_schemas.failed.cbegin(); it != m_schemas.failed.cend(); ++it)
            read.failed.insert(it.key(), it.value());
        read.unreachable = m_schemas.unreachable;
    }
    m_schemas = std::move(read);
    Q_EMIT schemasChanged();
}

ScratchConfirmation TimeMachineController::confirmation() const
{
    ScratchConfirmation c;
    const SnapshotPtr snapshot = m_workspace->snapshot();
    c.dialect = dialect().value_or(Dialect::SQLite);
    c.project = snapshot ? QFileInfo(snapshot->project.config.rootDir).fileName() : QString();
    c.revisions = missingCount();
    const QString projectUrl = snapshot ? snapshot->project.config.sqlalchemyUrl : QString();
    ScratchRequest request = ScratchDatabase::request(c.dialect, databaseUrlText(), projectUrl);
    if (c.dialect == Dialect::SQLite) {
        c.fileDescription = ScratchDatabase::plan(request)->description;
        return c;
    }
    request.allowLocalCluster = true;
    request.serverConsent = false;
    if (const Result<ScratchPlan> cluster = ScratchDatabase::plan(request); cluster && cluster->kind == ScratchKind::LocalCluster)
        c.clusterDescription = cluster->description;
    if (!request.serverUrl.isEmpty()) {
        request.serverConsent = true;
        request.allowLocalCluster = false;
        request.production = m_production;
        const Result<ScratchPlan> server = ScratchDatabase::plan(request);
        if (server && server->kind == ScratchKind::ServerDatabase)
            c.serverDescription = server->description;
        else if (m_production)
            c.serverRefusal = tr("The connection is a production one: Retort creates no scratch database on its server.");
    }
    return c;
}

void TimeMachineController::compute()
{
    if (!unavailableReason().isEmpty() || m_computing)
        return;
    const ScratchConfirmation asked = confirmation();
    if (asked.dialect == Dialect::PostgreSQL && asked.clusterDescription.isEmpty() && asked.serverDescription.isEmpty()) {
        m_lastError = asked.serverRefusal.isEmpty()
                          ? tr("A PostgreSQL project needs a scratch PostgreSQL database: connect to a server where Retort may "
                               "create one, or install the PostgreSQL server binaries for a throwaway local cluster.")
                          : asked.serverRefusal;
        Q_EMIT computeFailed(m_lastError);
        return;
    }
    const std::optional<ScratchKind> choice = m_confirm(asked);
    if (!choice)
        return;
    const SnapshotPtr snapshot = m_workspace->snapshot();
    std::optional<ScratchRequest> request = ScratchDatabase::request(asked.dialect, databaseUrlText(), snapshot->project.config.sqlalchemyUrl);
    request->production = m_production;
    request->serverConsent = *choice == ScratchKind::ServerDatabase;
    request->allowLocalCluster = *choice == ScratchKind::LocalCluster;
    const InterpreterChoice interpreter = m_interpreter ? m_interpreter() : InterpreterChoice{};
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    m_computeSnapshot = snapshot;
    m_computing = true;
    m_lastError.clear();
    Q_EMIT computingChanged(true);
    QPointer<TimeMachineController> self(this);
    m_computeWatcher->setFuture(QtConcurrent::run([snapshot, interpreter, request = *request, cancel, self]() -> Outcome {
        Outcome outcome;
        const Result<PythonCommand> python = PythonLocator::locate(QFileInfo(snapshot->project.config.configFile).absolutePath(), interpreter);
        if (!python) {
            outcome.schemas = python.error();
            return outcome;
        }
        Result<std::unique_ptr<ScratchDatabase>> scratch = ScratchDatabase::create(request);
        if (!scratch) {
            outcome.schemas = scratch.error();
            return outcome;
        }
        outcome.scratch = (*scratch)->description();
        TimeMachineSetup setup;
        setup.project = snapshot;
        setup.python = *python;
        TimeMachine machine(setup);
        outcome.schemas = machine.schemas(**scratch, {}, cancel.get(), [self](const WalkProgress& p) {
            // Queued to the GUI thread; the controller waits for this worker before it goes.
            QMetaObject::invokeMethod(self.data(), [self, p] {
                if (self)
                    Q_EMIT self->progressChanged(p.done, p.total, p.revision, p.activity);
            }, Qt::QueuedConnection);
        });
        return outcome; // the scratch database is dropped here, whatever happened
    }));
}

void TimeMachineController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void TimeMachineController::onComputed()
{
    m_computing = false;
    const Outcome outcome = m_computeWatcher->result();
    if (!outcome.schemas) {
        const Error& error = outcome.schemas.error();
        m_lastError = error.code == QLatin1String("cancelled") ? tr("Cancelled: the scratch database was removed.") : error.message;
        log::warn(log::Area::Ui, QStringLiteral("schema history: %1").arg(error.message));
        Q_EMIT computingChanged(false);
        Q_EMIT computeFailed(m_lastError);
        refresh(); // what was cached before the cancel is still there
        return;
    }
    log::info(log::Area::Ui, QStringLiteral("schema history: %1 computed on %2, %3 from the cache")
                                 .arg(outcome.schemas->computed)
                                 .arg(outcome.scratch)
                                 .arg(outcome.schemas->fromCache));
    if (m_computeSnapshot == m_workspace->snapshot()) {
        m_snapshot = m_computeSnapshot;
        m_schemas = *outcome.schemas;
    }
    Q_EMIT computingChanged(false);
    Q_EMIT schemasChanged();
}

} // namespace retort::app
