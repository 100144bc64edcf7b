#pragma once

// A job that runs one Alembic command (upgrade, downgrade, stamp, or offline SQL) through the
// bridge, on whatever thread calls start() (normally a worker QThread the GUI owns; retort-cli
// calls it on its main thread). Progress leaves the job as signals carrying values.
//
// After every run - success, failure, cancel, timeout - the job re-reads alembic_version itself
// (db/VersionTable, honouring the version_table / version_table_schema env.py really used) and
// compares it with the expected resulting heads (the plan's, or Alembic's own bookkeeping for a
// stamp). Any difference is in JobResult::discrepancies; nothing is hidden. When a step fails,
// the result says which state the database is in: nothing applied (the run was one transaction
// and was rolled back), the steps before the failing one applied (transaction_per_migration, or
// a database without transactional DDL such as SQLite), or a state that matches neither.

#include "core/common/Error.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"

#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>

namespace retort {

struct Plan;
struct ProjectConfig;

// What Retort's planner expects Alembic to do.
struct ExpectedStep
{
    QString revision;
    QString direction;      // "upgrade" / "downgrade"
    QStringList headsAfter; // alembic_version after the step (sorted; empty when the planner does not say)
};

struct JobExpectation
{
    bool known = false;            // false: no plan (stamp, or the planner was not asked)
    QStringList currentHeads;      // the heads the plan started from
    QVector<ExpectedStep> steps;
    QStringList resultingHeads;    // alembic_version after the whole plan
    bool stepHeadsKnown = false;   // steps[i].headsAfter are the planner's (Plan::hasHeadsAfter)
};

// The plan's steps and heads; per-step heads when the plan has them (plan with
// PlanOptions::headsAfterEachStep so a failed run can be told apart step by step).
[[nodiscard]] JobExpectation expectationFromPlan(const Plan& plan);

// One step as the bridge reports it.
struct StepEvent
{
    int index = 0; // 0-based
    int total = 0;
    QString revision;
    QString direction; // "upgrade" / "downgrade"
    QStringList fromRevisions;
    QStringList toRevisions;
    bool isStamp = false;
    QStringList headsAfter; // step finished: alembic_version inside the transaction, sorted
    qint64 elapsedMs = 0;   // step finished
};

struct JobRequest
{
    static constexpr int DefaultTimeoutMs = 3600 * 1000; // forProject's default: one hour

    PythonCommand python;
    BridgeRequest bridge;          // op, config, target, override URL, timeout, grace
    QString versionTable = QStringLiteral("alembic_version"); // from the project (env.py may override)
    QString versionTableSchema;
    JobExpectation expected;
    bool rereadVersions = true;    // re-read alembic_version after the run (not for Sql)

    // Fills config file, working directory, version table and the default timeout from a
    // located project.
    static JobRequest forProject(const ProjectConfig& project, const PythonCommand& python, BridgeOp op,
                                 const QString& target, const QString& overrideUrl = {});
};

struct JobResult
{
    BridgeOp op = BridgeOp::Upgrade;
    bool ok = false;
    int exitCode = 1;       // 0 ok; 1 ran and failed (or database state differs); 2 bad setup
    bool cancelled = false;
    bool timedOut = false;
    Error error;            // empty code when ok
    QString failedRevision; // the step that raised ("" when none)
    int failedStepIndex = -1;
    QString traceback;      // Alembic's traceback (redacted)

    QJsonObject url;        // where env.py connected (redacted) and its options
    QStringList warnings;   // url mismatch, planner disagreement, ...
    QStringList alembicCurrent; // heads Alembic saw before the run
    QVector<StepEvent> plannedSteps;  // as Alembic computed them
    QVector<StepEvent> finishedSteps; // on_version_apply calls (inside the transaction)

    // alembic_version after the run.
    bool versionKnown = false;
    QStringList versionAfter;   // sorted
    QString versionSource;      // "retort" (read by Retort), "bridge" (read by the bridge), ""
    QString versionNote;        // why Retort could not read it itself, if so
    QStringList expectedHeads;  // sorted; what the plan (or Alembic for stamp) expected
    bool matchesExpected = false;
    // Which state of the plan alembic_version is in: 0 = before the run, i = after step i;
    // -1 when it matches none (or is unknown).
    int stepsApplied = -1;
    // DDL may have stuck outside the steps alembic_version records (a failed step on a database
    // without transactional DDL such as SQLite, or tables that changed although alembic_version
    // did not): the schema needs a look. tablesAdded / tablesRemoved compare the tables before
    // and after the run (without the version table) when Retort could read both.
    bool partiallyApplied = false;
    bool schemaCompared = false;
    QStringList tablesAdded;
    QStringList tablesRemoved;
    QString outcome;            // what the database holds now and why
    QStringList discrepancies;  // every difference between expectation and reality
    // Cancel / timeout on PostgreSQL: what Retort did to the run's server backends, and the
    // backends of the run still on the server after it ended (re-read; normally none).
    QStringList serverActions;
    QStringList backendsLeft;

    SqlPreview sql;             // op Sql
    qint64 elapsedMs = 0;

    [[nodiscard]] QJsonObject toJson() const;
};

class AlembicJob : public QObject
{
    Q_OBJECT
public:
    explicit AlembicJob(JobRequest request, QObject* parent = nullptr);
    ~AlembicJob() override;

    [[nodiscard]] const JobRequest& request() const { return m_request; }
    [[nodiscard]] JobResult result() const { return m_result; }
    [[nodiscard]] bool isCancelRequested() const { return m_cancel.load(); }

    // Runs the command to completion in the calling thread, emitting progress; then finished().
    JobResult run();

public Q_SLOTS:
    void start();
    // Thread-safe (an atomic store; callable from any thread, even a signal handler).
    void requestCancel();

Q_SIGNALS:
    void started();
    void urlResolved(const QJsonObject& url);
    void warningRaised(const QString& code, const QString& message);
    void stepStarted(const retort::StepEvent& step);
    void stepFinished(const retort::StepEvent& step);
    void logLine(const QString& level, const QString& text);
    void sqlSectionReady(const retort::SqlSection& section);
    void finished(const retort::JobResult& result);

private:
    // Tables (and alembic_version) before the run, when Retort can open the database itself.
    struct Snapshot
    {
        bool tablesKnown = false;
        QStringList tables;
        bool versionKnown = false;
        QStringList version;
    };
    Snapshot snapshotBefore(int timeoutMs) const;
    void evaluate(const BridgeRun& run, JobResult& result) const;
    void rereadVersions(const BridgeRun& run, JobResult& result) const;
    void compareSchema(const QStringList& tablesAfter, const QString& versionTable, JobResult& result) const;

    Snapshot m_before;

    JobRequest m_request;
    JobResult m_result;
    std::atomic_bool m_cancel{false};
};

} // namespace retort

Q_DECLARE_METATYPE(retort::StepEvent)
Q_DECLARE_METATYPE(retort::SqlSection)
Q_DECLARE_METATYPE(retort::JobResult)
