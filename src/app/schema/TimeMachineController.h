#pragma once

#include "core/exec/PythonLocator.h"
#include "core/timemachine/ScratchDatabase.h"
#include "core/timemachine/TimeMachine.h"
#include "core/workspace/ProjectLoader.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace retort {
class Workspace;
}

namespace retort::app {

// What the confirmation before a computation shows and lets the user choose.
struct ScratchConfirmation
{
    Dialect dialect = Dialect::SQLite;
    QString project;             // the project's folder name
    int revisions = 0;           // revisions whose schema is still missing
    QString fileDescription;     // SQLite: what is created (a temporary file)
    QString clusterDescription;  // PostgreSQL: a throwaway local cluster ("" when the binaries are missing)
    QString serverDescription;   // PostgreSQL: a scratch database on the connected server ("" when none)
    QString serverRefusal;       // why the server cannot be used (a production connection), or ""
};

// The schema time machine for the window: the schemas at every revision of the workspace's
// project, from the cache as soon as a project loads (no Python, nothing created) and, on request,
// computed on a worker: after a confirmation that says what is created and dropped, the project's
// Alembic walks a scratch database (a temporary SQLite file, a throwaway local PostgreSQL cluster,
// or a database on the connected server) with progress and cancel. The database kind follows the
// connection (else the project's sqlalchemy.url).
class TimeMachineController : public QObject
{
    Q_OBJECT
public:
    explicit TimeMachineController(Workspace* workspace, QObject* parent = nullptr);
    ~TimeMachineController() override; // cancels a computation and waits for its worker

    // The interpreter that runs Alembic (the window's choice, read when a computation starts).
    void setInterpreterProvider(std::function<InterpreterChoice()> provider) { m_interpreter = std::move(provider); }
    // Asked before a computation: the kind of scratch database to use, or nullopt (cancelled). By
    // default ScratchConfirmDialog; tests replace it.
    using ConfirmHandler = std::function<std::optional<ScratchKind>(const ScratchConfirmation&)>;
    void setConfirmHandler(ConfirmHandler handler) { m_confirm = std::move(handler); }
    // The connection is a production one: never create a scratch database on its server.
    void setProductionConnection(bool production) { m_production = production; }
    [[nodiscard]] bool isProductionConnection() const { return m_production; }

    [[nodiscard]] const RevisionSchemas& schemas() const { return m_schemas; }
    [[nodiscard]] const RevisionGraph* graph() const; // the graph the schemas belong to (nullptr: none)
    [[nodiscard]] bool isComputing() const { return m_computing; }
    [[nodiscard]] bool isLoadingCache() const;
    // The dialect the scratch database would have (the connection's, else the project's).
    [[nodiscard]] std::optional<Dialect> dialect() const;
    // Why compute() cannot run now ("" when it can).
    [[nodiscard]] QString unavailableReason() const;
    // Revisions of the project without a schema yet.
    [[nodiscard]] int missingCount() const;
    [[nodiscard]] QString lastError() const { return m_lastError; }

public Q_SLOTS:
    // Confirmation, then the walk on a worker.
    void compute();
    void cancel();
    // Reads the cache again for the workspace's project and connection (on a worker).
    void refresh();

Q_SIGNALS:
    void schemasChanged();
    void computingChanged(bool computing);
    void progressChanged(int done, int total, const QString& revision, const QString& activity);
    void computeFailed(const QString& message);

private:
    struct Outcome
    {
        Result<RevisionSchemas> schemas = RevisionSchemas{};
        QString scratch;
    };
    void onCacheRead();
    void onComputed();
    [[nodiscard]] ScratchConfirmation confirmation() const;
    [[nodiscard]] QString databaseUrlText() const;

    Workspace* m_workspace = nullptr;
    std::function<InterpreterChoice()> m_interpreter;
    ConfirmHandler m_confirm;
    bool m_production = false;

    SnapshotPtr m_snapshot;         // what m_schemas belong to
    RevisionSchemas m_schemas;
    QFutureWatcher<RevisionSchemas>* m_cacheWatcher = nullptr;
    SnapshotPtr m_cacheSnapshot;    // the snapshot the running cache read is for
    QFutureWatcher<Outcome>* m_computeWatcher = nullptr;
    SnapshotPtr m_computeSnapshot;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_computing = false;
    QString m_lastError;
};

} // namespace retort::app
