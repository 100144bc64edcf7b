#pragma once

#include "app/DiagnosticsModel.h"
#include "core/alembic/Project.h"
#include "core/common/Error.h"
#include "core/graph/GraphLayout.h"
#include "core/graph/RevisionGraph.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>

class QFileSystemWatcher;

namespace retort::app {

// Everything read from a project's files, built on a worker and then shared read-only with the
// GUI: the files, the graph (Lenient, so a broken project still shows), its lane layout and the
// row order of the graph view.
struct ProjectSnapshot
{
    QString requestedPath;          // what was opened (folder or alembic.ini)
    LoadedProject project;
    RevisionGraph graph;
    GraphLayout layout;
    QVector<int> rowToRevision;     // view row -> graph index (history order, newest first)
    QVector<int> revisionToRow;     // graph index -> view row
    QVector<Diagnostic> diagnostics; // project and graph problems
    QVector<QString> searchText;    // graph index -> "id\nmessage" lower-case (the search box's haystack)
    qint64 loadMs = 0;              // scan + parse + graph + layout on the worker
    qint64 scanMs = 0;              // loadProject (locate + list + parse)
    qint64 graphMs = 0;             // RevisionGraph::build (Lenient)
    qint64 layoutMs = 0;            // GraphLayout::compute
};

// What the database says: its alembic_version rows. Read on a worker with its own connection.
struct DatabaseState
{
    QString redactedUrl;            // for labels and logs
    QString host;                   // "" for SQLite
    QString databaseName;           // database name, or the SQLite file name
    bool isSqlite = false;
    bool isLocal = true;
    bool configured = false;        // a URL is set
    bool connected = false;
    bool versionTableExists = false;
    QStringList heads;              // alembic_version rows
    std::optional<Error> error;
};

// The open project and its database, owned by the main window. Loads and re-reads on workers
// (the GUI thread never waits on the file system or the database), watches the project's files
// and reloads when they change, and drops results that a newer request has made stale.
class ProjectSession : public QObject
{
    Q_OBJECT
public:
    explicit ProjectSession(QObject* parent = nullptr);
    ~ProjectSession() override;

    // Starts loading `folderOrConfigFile`; projectLoaded/loadFailed follow.
    void open(const QString& folderOrConfigFile);
    // Re-reads the current project (keeps the database URL).
    void reload();
    // Sets the database (SQLAlchemy URL; "" = none) and re-reads its state. `createSqliteFile`:
    // create a missing SQLite file (empty) first - only for the demo database.
    void setDatabaseUrl(const QString& url, bool createSqliteFile = false);
    void refreshDatabaseState();

    [[nodiscard]] std::shared_ptr<const ProjectSnapshot> snapshot() const { return m_snapshot; }
    [[nodiscard]] const DatabaseState& databaseState() const { return m_dbState; }
    [[nodiscard]] QString databaseUrl() const { return m_url; } // full URL: never log or show it
    [[nodiscard]] QString projectPath() const { return m_path; }
    [[nodiscard]] bool isLoading() const { return m_loadWatcher.isRunning(); }
    [[nodiscard]] bool isReadingDatabase() const { return m_dbWatcher.isRunning(); }
    [[nodiscard]] bool isDemo() const;

    void setWatchFiles(bool watch) { m_watchFiles = watch; }

    // The synchronous building block of open(), exposed for tests and benchmarks.
    static Result<std::shared_ptr<ProjectSnapshot>> loadSnapshot(const QString& folderOrConfigFile);
    static DatabaseState readDatabaseState(const QString& url, const QString& versionTable, const QString& schema,
                                           bool createSqliteFile = false);

Q_SIGNALS:
    void loadStarted(const QString& path);
    void projectLoaded();
    void loadFailed(const retort::Error& error);
    void databaseStateChanged();
    void filesChangedOnDisk();

private:
    void onLoadFinished();
    void onDatabaseFinished();
    void watch(const ProjectSnapshot& snapshot);

    QString m_path;
    QString m_url;
    std::shared_ptr<const ProjectSnapshot> m_snapshot;
    DatabaseState m_dbState;
    QFutureWatcher<Result<std::shared_ptr<ProjectSnapshot>>> m_loadWatcher;
    QFutureWatcher<DatabaseState> m_dbWatcher;
    quint64 m_loadGeneration = 0;
    quint64 m_dbGeneration = 0;
    bool m_dbPending = false;
    bool m_loadPending = false;
    bool m_watchFiles = true;
    bool m_createSqliteFile = false;
    QFileSystemWatcher* m_fsWatcher = nullptr;
    QTimer m_reloadTimer;
};

} // namespace retort::app
