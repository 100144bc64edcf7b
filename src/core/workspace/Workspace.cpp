#include "core/workspace/Workspace.h"

#include "core/log/Log.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace retort {

namespace {

constexpr int kConnectTimeoutSeconds = 5;

} // namespace

Workspace::Workspace(QObject* parent)
    : QObject(parent)
{
    connect(&m_loadWatcher, &QFutureWatcherBase::finished, this, &Workspace::onLoadFinished);
    connect(&m_dbWatcher, &QFutureWatcherBase::finished, this, &Workspace::onDatabaseFinished);
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(400); // editors write files in bursts: reload once they settle
    connect(&m_reloadTimer, &QTimer::timeout, this, [this] {
        Q_EMIT filesChangedOnDisk();
        reload();
    });
}

Workspace::~Workspace()
{
    // Both jobs are bounded (a scan, one catalog query with a connect timeout); waiting keeps them
    // from outliving the object they report to.
    m_loadWatcher.waitForFinished();
    m_dbWatcher.waitForFinished();
}

Error Workspace::busyError() const
{
    return Error{QStringLiteral("busy"),
                 tr("A migration is running: wait for it to finish (or cancel it) "
                                                          "before opening another project."),
                 {}, {}, 0};
}

bool Workspace::open(const LoadRequest& request, const std::optional<ConnectionTarget>& target)
{
    if (m_running)
        return false;
    m_request = request;
    m_request.survey = nullptr;
    m_pendingTarget = target;
    startLoad();
    return true;
}

void Workspace::reload()
{
    if (m_request.project.isEmpty() && m_request.versionsDir.isEmpty())
        return;
    startLoad();
}

void Workspace::startLoad()
{
    m_loadError.reset();
    if (m_loadWatcher.isRunning()) {
        m_loadPending = true; // the running load is stale: start again when it is done
        return;
    }
    m_loadPending = false;
    const QString path = m_request.project.isEmpty() ? m_request.versionsDir : m_request.project;
    Q_EMIT loadStarted(path);
    log::info(log::Area::Project, QStringLiteral("Loading %1").arg(QDir::toNativeSeparators(path)));
    const LoadRequest request = m_request;
    m_loadWatcher.setFuture(QtConcurrent::run([request] { return ProjectLoader::load(request); }));
}

void Workspace::onLoadFinished()
{
    if (m_loadPending) {
        startLoad();
        return;
    }
    Result<std::shared_ptr<ProjectSnapshot>> result = m_loadWatcher.result();
    if (!result) {
        m_loadError = result.error();
        log::warn(log::Area::Project, result.error().toString());
        clearPlans();
        Q_EMIT loadFailed(result.error());
        return;
    }
    m_loadError.reset();
    m_snapshot = std::move(result).value();
    clearPlans();
    log::info(log::Area::Project, QStringLiteral("Loaded %1 revisions from %2 in %3 ms")
                                      .arg(m_snapshot->graph.size())
                                      .arg(QDir::toNativeSeparators(m_snapshot->project.config.rootDir))
                                      .arg(m_snapshot->loadMs));
    if (m_watchFiles)
        watch(*m_snapshot);
    const bool newTarget = m_pendingTarget.has_value();
    if (newTarget) {
        m_target = *m_pendingTarget;
        m_pendingTarget.reset();
        m_locationOverride.reset();
    }
    Q_EMIT snapshotChanged();
    refreshDatabaseState();
}

bool Workspace::isCurrent() const
{
    if (!m_snapshot || m_loadError || m_loadWatcher.isRunning())
        return false;
    return m_snapshot->request.project == m_request.project && m_snapshot->request.versionsDir == m_request.versionsDir;
}

QString Workspace::baseDir() const
{
    if (!m_snapshot || m_snapshot->project.config.configFile.isEmpty())
        return {};
    return QFileInfo(m_snapshot->project.config.configFile).absolutePath();
}

void Workspace::setTarget(const ConnectionTarget& target)
{
    m_target = target;
    m_locationOverride.reset();
    clearPlans();
    refreshDatabaseState();
}

VersionLocation Workspace::versionLocation() const
{
    if (m_locationOverride)
        return *m_locationOverride;
    return m_snapshot ? VersionLocation::fromProject(m_snapshot->project.config) : VersionLocation{};
}

void Workspace::setVersionLocation(const VersionLocation& location)
{
    if (m_locationOverride && *m_locationOverride == location)
        return;
    m_locationOverride = location;
    refreshDatabaseState();
}

void Workspace::refreshDatabaseState()
{
    if (m_dbWatcher.isRunning()) {
        m_dbPending = true;
        return;
    }
    m_dbPending = false;
    const ConnectionTarget target = m_target;
    const VersionLocation location = versionLocation();
    const QString base = baseDir();
    m_dbWatcher.setFuture(QtConcurrent::run([target, location, base] {
        return readDatabaseState(target, location, base, kConnectTimeoutSeconds);
    }));
}

void Workspace::onDatabaseFinished()
{
    if (m_dbPending) {
        refreshDatabaseState();
        return;
    }
    m_dbState = m_dbWatcher.result();
    clearPlans();
    if (m_dbState.error)
        log::warn(log::Area::Db, m_dbState.error->toString());
    else if (m_dbState.configured)
        log::info(log::Area::Db, QStringLiteral("%1: current %2").arg(m_dbState.redactedUrl,
                                                                      m_dbState.heads.isEmpty() ? QStringLiteral("(base)")
                                                                                                : m_dbState.heads.join(QStringLiteral(", "))));
    if (!m_dbState.locationNote.isEmpty())
        log::info(log::Area::Db, m_dbState.locationNote);
    Q_EMIT databaseStateChanged();
}

bool Workspace::isRunnable() const
{
    return notRunnableReason().code.isEmpty();
}

Error Workspace::notRunnableReason() const
{
    if (!m_snapshot)
        return Error{QStringLiteral("no-project"), tr("No project is open."), {}, {}, 0};
    if (m_loadError)
        return Error{QStringLiteral("load-failed"),
                     tr("%1 could not be opened: %2")
                         .arg(QDir::toNativeSeparators(m_request.project), m_loadError->message),
                     tr("Runs stay disabled until a project loads."), {}, 0};
    if (!isCurrent())
        return Error{QStringLiteral("loading"), tr("The project is being read."), {}, {}, 0};
    if (m_snapshot->commandError)
        return *m_snapshot->commandError;
    if (m_snapshot->isBareVersionsDir())
        return Error{QStringLiteral("bare-versions"),
                     tr("Running migrations needs the project's alembic.ini."),
                     tr("Open the project folder instead of its versions folder."), {}, 0};
    if (!m_target.isSet())
        return Error{QStringLiteral("no-database"), tr("Retort is not connected to a database."),
                     tr("Use Connect to Database (Ctrl+Shift+C) first."), {}, 0};
    if (!isDatabaseStateCurrent())
        return Error{QStringLiteral("reading-database"), tr("The database is being read."),
                     {}, {}, 0};
    if (m_dbState.error)
        return *m_dbState.error;
    if (!m_dbState.isKnown())
        return Error{QStringLiteral("no-database"), tr("Retort is not connected to a database."),
                     {}, {}, 0};
    return {};
}

void Workspace::clearPlans()
{
    m_plans.clear();
}

Result<Plan> Workspace::plan(Direction direction, const QString& target) const
{
    if (!m_snapshot)
        return Error{QStringLiteral("no-project"), tr("No project is open."), {}, {}, 0};
    const QString key = (direction == Direction::Upgrade ? QStringLiteral("u:") : QStringLiteral("d:")) + target;
    const auto found = m_plans.find(key);
    if (found != m_plans.end())
        return found->second;
    const Result<const RevisionGraph*> graph = m_snapshot->commandGraph();
    Result<Plan> planned = graph ? Planner::plan(**graph, m_dbState.heads, direction, target,
                                                PlanOptions{.headsAfterEachStep = true})
                                 : Result<Plan>(graph.error());
    m_plans.emplace(key, planned);
    return planned;
}

Result<Plan> Workspace::planTowards(const QString& revision) const
{
    Result<Plan> up = plan(Direction::Upgrade, revision);
    if (up && !up->steps.isEmpty())
        return up;
    Result<Plan> down = plan(Direction::Downgrade, revision);
    if (down && !down->steps.isEmpty())
        return down;
    return up ? up : down;
}

Result<RunRequest> Workspace::prepareRun(RunKind kind, const QString& target, bool purge) const
{
    const Error reason = notRunnableReason();
    if (!reason.code.isEmpty())
        return reason;
    return RunPlanner::prepare(*m_snapshot, m_dbState, kind, target, purge);
}

JobRequest Workspace::jobRequest(const RunRequest& request, const PythonCommand& python) const
{
    return RunPlanner::jobRequest(*m_snapshot, request, python, m_target, m_dbState.location);
}

void Workspace::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT runningChanged(running);
}

void Workspace::watch(const ProjectSnapshot& snapshot)
{
    delete m_fsWatcher;
    m_fsWatcher = new QFileSystemWatcher(this);
    QStringList paths;
    const ProjectConfig& config = snapshot.project.config;
    if (!config.configFile.isEmpty())
        paths << config.configFile;
    if (!config.envPy.isEmpty())
        paths << config.envPy;
    for (const QString& dir : config.versionLocations) {
        if (QFileInfo(dir).isDir())
            paths << dir;
    }
    if (!paths.isEmpty())
        m_fsWatcher->addPaths(paths);
    // Editors replace files (write + rename): the directory change covers new, removed and
    // renamed revision files; file changes cover alembic.ini and env.py.
    connect(m_fsWatcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_reloadTimer.start(); });
    connect(m_fsWatcher, &QFileSystemWatcher::fileChanged, this, [this] { m_reloadTimer.start(); });
}

} // namespace retort
