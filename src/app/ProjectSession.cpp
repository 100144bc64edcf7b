#include "app/ProjectSession.h"

#include "app/DemoProject.h"
#include "core/common/Redact.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/VersionTable.h"
#include "core/log/Log.h"

#include <QDir>
#include <QFileInfo>
#include <QCoreApplication>
#include <QFile>
#include <QFileSystemWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

namespace {

Diagnostic fromError(const Error& e, Diagnostic::Source source, Diagnostic::Severity severity)
{
    Diagnostic d;
    d.severity = severity;
    d.source = source;
    d.code = e.code;
    d.message = e.message;
    d.hint = e.hint;
    d.path = e.path;
    d.line = e.line;
    return d;
}

} // namespace

ProjectSession::ProjectSession(QObject* parent)
    : QObject(parent)
{
    connect(&m_loadWatcher, &QFutureWatcherBase::finished, this, &ProjectSession::onLoadFinished);
    connect(&m_dbWatcher, &QFutureWatcherBase::finished, this, &ProjectSession::onDatabaseFinished);
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(400); // editors write files in bursts: reload once they settle
    connect(&m_reloadTimer, &QTimer::timeout, this, [this] {
        Q_EMIT filesChangedOnDisk();
        reload();
    });
}

ProjectSession::~ProjectSession()
{
    // Both jobs are short and not cancellable mid-way (a scan, one catalog query); waiting here
    // keeps them from outliving the data they report to.
    m_loadWatcher.waitForFinished();
    m_dbWatcher.waitForFinished();
}

bool ProjectSession::isDemo() const
{
    return DemoProject::isDemo(m_path);
}

Result<std::shared_ptr<ProjectSnapshot>> ProjectSession::loadSnapshot(const QString& folderOrConfigFile)
{
    QElapsedTimer timer;
    timer.start();
    Result<LoadedProject> loaded = loadProject(folderOrConfigFile);
    if (!loaded)
        return loaded.error();
    auto snap = std::make_shared<ProjectSnapshot>();
    snap->requestedPath = folderOrConfigFile;
    snap->project = std::move(loaded).value();
    snap->scanMs = timer.elapsed();
    Result<RevisionGraph> graph = RevisionGraph::build(snap->project.files, RevisionGraph::Mode::Lenient);
    if (!graph)
        return graph.error();
    snap->graph = std::move(graph).value();
    snap->graphMs = timer.elapsed() - snap->scanMs;
    snap->layout = GraphLayout::compute(snap->graph);
    snap->layoutMs = timer.elapsed() - snap->scanMs - snap->graphMs;
    snap->rowToRevision.reserve(snap->layout.rowCount());
    for (const LaneRow& row : snap->layout.rows())
        snap->rowToRevision.append(row.revision);
    snap->revisionToRow.fill(-1, snap->graph.size());
    for (int row = 0; row < snap->rowToRevision.size(); ++row)
        snap->revisionToRow[snap->rowToRevision.at(row)] = row;

    // The search box's haystack, built here so that a big project costs the GUI thread nothing.
    snap->searchText.resize(snap->graph.size());
    for (int i = 0; i < snap->graph.size(); ++i) {
        const Revision& r = snap->graph.at(i);
        snap->searchText[i] = QString(r.id + QLatin1Char('\n') + r.message).toLower();
    }
    for (const Error& e : std::as_const(snap->project.problems))
        snap->diagnostics.append(fromError(e, Diagnostic::Source::Project, Diagnostic::Severity::Error));
    for (const Error& e : std::as_const(snap->project.warnings))
        snap->diagnostics.append(fromError(e, Diagnostic::Source::Project, Diagnostic::Severity::Warning));
    for (const GraphProblem& p : snap->graph.problems()) {
        if (p.code == QLatin1String("file-problem"))
            continue; // already listed as the file's own problem
        Diagnostic d = fromError(p.toError(), Diagnostic::Source::Graph,
                                 p.fatal ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning);
        d.revision = p.revisions.value(0);
        snap->diagnostics.append(d);
    }
    snap->loadMs = timer.elapsed();
    return snap;
}

DatabaseState ProjectSession::readDatabaseState(const QString& url, const QString& versionTable, const QString& schema,
                                                bool createSqliteFile)
{
    DatabaseState state;
    state.configured = !url.isEmpty();
    if (url.isEmpty())
        return state;
    Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    if (!parsed) {
        state.redactedUrl = redactUrl(url);
        state.error = parsed.error();
        return state;
    }
    state.redactedUrl = parsed->redacted();
    state.host = parsed->host();
    state.isLocal = parsed->isLocal();
    state.isSqlite = parsed->dialect() == Dialect::SQLite;
    state.databaseName = state.isSqlite ? QFileInfo(parsed->sqlitePath()).fileName() : parsed->database();
    if (state.isSqlite)
        state.host.clear();
    if (parsed->dialect() == Dialect::SQLite && createSqliteFile) {
        // The demo database is created (empty) on first use; any other SQLite file must exist
        // already, and ScopedConnection refuses a missing one.
        const QString path = parsed->sqlitePath();
        if (!QFileInfo::exists(path)) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                state.error = Error{QStringLiteral("db-create"),
                                    QCoreApplication::translate("ProjectSession", "Cannot create the demo database %1: %2")
                                        .arg(QDir::toNativeSeparators(path), file.errorString()),
                                    QCoreApplication::translate("ProjectSession", "Check that the folder is writable."), path, 0};
                return state;
            }
        }
    }
    Result<std::unique_ptr<ScopedConnection>> connection = ScopedConnection::open(*parsed);
    if (!connection) {
        state.error = connection.error();
        return state;
    }
    state.connected = true;
    Result<VersionState> version = VersionTable::read((*connection)->database(),
                                                      versionTable.isEmpty() ? QStringLiteral("alembic_version") : versionTable,
                                                      schema);
    if (!version) {
        state.error = version.error();
        return state;
    }
    state.versionTableExists = version->tableExists;
    state.heads = version->revisions;
    return state;
}

void ProjectSession::open(const QString& folderOrConfigFile)
{
    m_path = folderOrConfigFile;
    reload();
}

void ProjectSession::reload()
{
    if (m_path.isEmpty())
        return;
    ++m_loadGeneration;
    if (m_loadWatcher.isRunning()) {
        m_loadPending = true; // the running load is stale: start again when it is done
        return;
    }
    m_loadPending = false;
    Q_EMIT loadStarted(m_path);
    log::info(log::Area::Project, QStringLiteral("Loading %1").arg(QDir::toNativeSeparators(m_path)));
    m_loadWatcher.setFuture(QtConcurrent::run(&ProjectSession::loadSnapshot, m_path));
}

void ProjectSession::onLoadFinished()
{
    if (m_loadPending) {
        reload();
        return;
    }
    Result<std::shared_ptr<ProjectSnapshot>> result = m_loadWatcher.result();
    if (!result) {
        log::warn(log::Area::Project, result.error().toString());
        Q_EMIT loadFailed(result.error());
        return;
    }
    m_snapshot = std::move(result).value();
    log::info(log::Area::Project, QStringLiteral("Loaded %1 revisions from %2 in %3 ms")
                                      .arg(m_snapshot->graph.size())
                                      .arg(QDir::toNativeSeparators(m_snapshot->project.config.rootDir))
                                      .arg(m_snapshot->loadMs));
    if (m_watchFiles)
        watch(*m_snapshot);
    Q_EMIT projectLoaded();
    refreshDatabaseState();
}

void ProjectSession::setDatabaseUrl(const QString& url, bool createSqliteFile)
{
    m_url = url;
    m_createSqliteFile = createSqliteFile;
    refreshDatabaseState();
}

void ProjectSession::refreshDatabaseState()
{
    ++m_dbGeneration;
    if (m_dbWatcher.isRunning()) {
        m_dbPending = true;
        return;
    }
    m_dbPending = false;
    QString table;
    QString schema;
    if (m_snapshot) {
        table = m_snapshot->project.config.effectiveVersionTable();
        schema = m_snapshot->project.config.versionTableSchema;
    }
    m_dbWatcher.setFuture(QtConcurrent::run(&ProjectSession::readDatabaseState, m_url, table, schema, m_createSqliteFile));
}

void ProjectSession::onDatabaseFinished()
{
    if (m_dbPending) {
        refreshDatabaseState();
        return;
    }
    m_dbState = m_dbWatcher.result();
    if (m_dbState.error)
        log::warn(log::Area::Db, m_dbState.error->toString());
    else if (m_dbState.configured)
        log::info(log::Area::Db, QStringLiteral("%1: current %2").arg(m_dbState.redactedUrl,
                                                                      m_dbState.heads.isEmpty() ? QStringLiteral("(base)")
                                                                                                : m_dbState.heads.join(QStringLiteral(", "))));
    Q_EMIT databaseStateChanged();
}

void ProjectSession::watch(const ProjectSnapshot& snapshot)
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

} // namespace retort::app
