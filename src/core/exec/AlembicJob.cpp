#include "core/exec/AlembicJob.h"

#include "core/alembic/ProjectConfig.h"
#include "core/common/Redact.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/SchemaInspector.h"
#include "core/db/VersionTable.h"
#include "core/exec/BackendStopper.h"
#include "core/exec/RunDatabase.h"
#include "core/graph/Planner.h"
#include "core/log/Log.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace retort {

namespace {

QStringList toStringList(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array)
        list << item.toString();
    return list;
}

QStringList sorted(QStringList list)
{
    std::sort(list.begin(), list.end());
    return list;
}

QJsonArray toArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QString listText(const QStringList& heads)
{
    return heads.isEmpty() ? QStringLiteral("(empty: base)") : heads.join(QStringLiteral(", "));
}

StepEvent stepFromJson(const QJsonObject& object)
{
    StepEvent step;
    step.index = object.value(QStringLiteral("index")).toInt();
    step.total = object.value(QStringLiteral("total")).toInt();
    step.revision = object.value(QStringLiteral("revision")).toString();
    step.direction = object.value(QStringLiteral("direction")).toString();
    step.fromRevisions = toStringList(object.value(QStringLiteral("from")));
    step.toRevisions = toStringList(object.value(QStringLiteral("to")));
    step.isStamp = object.value(QStringLiteral("is_stamp")).toBool();
    step.headsAfter = sorted(toStringList(object.value(QStringLiteral("heads"))));
    step.elapsedMs = object.value(QStringLiteral("elapsed_ms")).toInteger();
    return step;
}

QJsonObject stepToJson(const StepEvent& step)
{
    QJsonObject object{{QStringLiteral("index"), step.index},
                       {QStringLiteral("total"), step.total},
                       {QStringLiteral("revision"), step.revision},
                       {QStringLiteral("direction"), step.direction},
                       {QStringLiteral("from"), toArray(step.fromRevisions)},
                       {QStringLiteral("to"), toArray(step.toRevisions)},
                       {QStringLiteral("is_stamp"), step.isStamp}};
    return object;
}

bool isSetupError(const QString& code)
{
    static const QStringList setup{QStringLiteral("usage"),
                                   QStringLiteral("config-missing"),
                                   QStringLiteral("config-not-found"),
                                   QStringLiteral("python-not-found"),
                                   QStringLiteral("python-failed"),
                                   QStringLiteral("python-bad-override"),
                                   QStringLiteral("alembic-not-installed"),
                                   QStringLiteral("bridge-missing")};
    return setup.contains(code);
}

} // namespace

JobExpectation expectationFromPlan(const Plan& plan)
{
    JobExpectation expectation;
    expectation.known = true;
    expectation.currentHeads = sorted(plan.currentHeads);
    expectation.resultingHeads = sorted(plan.resultingHeads);
    expectation.stepHeadsKnown = plan.hasHeadsAfter;
    for (const PlanStep& step : plan.steps) {
        ExpectedStep expected;
        expected.revision = step.revision;
        expected.direction = step.direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
        expected.headsAfter = sorted(step.headsAfter);
        expectation.steps << expected;
    }
    return expectation;
}

JobRequest JobRequest::forProject(const ProjectConfig& project, const PythonCommand& python, BridgeOp op,
                                  const QString& target, const QString& overrideUrl)
{
    JobRequest request;
    request.python = python;
    request.bridge.op = op;
    request.bridge.target = target;
    request.bridge.overrideUrl = overrideUrl;
    request.bridge.timeoutMs = JobRequest::DefaultTimeoutMs;
    request.bridge.setProject(project.configFile, project.configSection, python);
    request.versionTable = project.effectiveVersionTable();
    request.versionTableSchema = project.versionTableSchema;
    request.rereadVersions = op == BridgeOp::Upgrade || op == BridgeOp::Downgrade || op == BridgeOp::Stamp;
    // With a URL Retort can open itself, the bridge's own re-read is redundant (one connection
    // less per run); in a compose service or without a URL it is Retort's only source.
    request.bridge.bridgeRereads = python.remote || overrideUrl.isEmpty();
    return request;
}

QJsonObject JobResult::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("op"), bridgeOpName(op));
    object.insert(QStringLiteral("ok"), ok);
    object.insert(QStringLiteral("exit_code"), exitCode);
    object.insert(QStringLiteral("cancelled"), cancelled);
    object.insert(QStringLiteral("timed_out"), timedOut);
    if (!error.code.isEmpty()) {
        QJsonObject err{{QStringLiteral("code"), error.code}, {QStringLiteral("message"), redactUrl(error.message)}};
        if (!error.hint.isEmpty())
            err.insert(QStringLiteral("hint"), redactUrl(error.hint));
        if (!error.path.isEmpty())
            err.insert(QStringLiteral("path"), error.path);
        if (error.line > 0)
            err.insert(QStringLiteral("line"), error.line);
        if (!failedRevision.isEmpty())
            err.insert(QStringLiteral("revision"), failedRevision);
        if (!traceback.isEmpty())
            err.insert(QStringLiteral("traceback"), traceback);
        object.insert(QStringLiteral("error"), err);
    }
    if (!url.isEmpty())
        object.insert(QStringLiteral("url"), url.value(QStringLiteral("url")));
    object.insert(QStringLiteral("warnings"), toArray(warnings));
    object.insert(QStringLiteral("current_before"), toArray(alembicCurrent));
    QJsonArray planned;
    for (const StepEvent& step : plannedSteps)
        planned << stepToJson(step);
    object.insert(QStringLiteral("steps_planned"), planned);
    object.insert(QStringLiteral("steps_finished"), int(finishedSteps.size()));
    if (failedStepIndex >= 0)
        object.insert(QStringLiteral("failed_step_index"), failedStepIndex);
    if (op != BridgeOp::Sql) {
        object.insert(QStringLiteral("version_known"), versionKnown);
        object.insert(QStringLiteral("alembic_version"), toArray(versionAfter));
        object.insert(QStringLiteral("version_source"), versionSource);
        if (!versionNote.isEmpty())
            object.insert(QStringLiteral("version_note"), redactUrl(versionNote));
        object.insert(QStringLiteral("expected_heads"), toArray(expectedHeads));
        object.insert(QStringLiteral("matches_expected"), matchesExpected);
        object.insert(QStringLiteral("steps_applied"), stepsApplied);
        object.insert(QStringLiteral("partially_applied"), partiallyApplied);
        if (schemaCompared) {
            object.insert(QStringLiteral("tables_added"), toArray(tablesAdded));
            object.insert(QStringLiteral("tables_removed"), toArray(tablesRemoved));
        }
        object.insert(QStringLiteral("outcome"), outcome);
        object.insert(QStringLiteral("discrepancies"), toArray(discrepancies));
        if (!serverActions.isEmpty())
            object.insert(QStringLiteral("server_actions"), toArray(serverActions));
        if (!backendsLeft.isEmpty())
            object.insert(QStringLiteral("backends_left"), toArray(backendsLeft));
    }
    object.insert(QStringLiteral("elapsed_ms"), elapsedMs);
    return object;
}

AlembicJob::AlembicJob(JobRequest request, QObject* parent) : QObject(parent), m_request(std::move(request))
{
    qRegisterMetaType<retort::StepEvent>();
    qRegisterMetaType<retort::SqlSection>();
    qRegisterMetaType<retort::JobResult>();
}

AlembicJob::~AlembicJob() = default;

void AlembicJob::requestCancel()
{
    m_cancel.store(true);
}

void AlembicJob::start()
{
    run();
}

JobResult AlembicJob::run()
{
    Q_EMIT started();
    QElapsedTimer clock;
    clock.start();

    JobResult result;
    result.op = m_request.bridge.op;
    const bool isSql = m_request.bridge.op == BridgeOp::Sql;

    const auto onEvent = [&](const BridgeEvent& event) {
        const QString& type = event.type;
        if (type == QLatin1String("step_started")) {
            Q_EMIT stepStarted(stepFromJson(event.data));
        } else if (type == QLatin1String("step_finished")) {
            const StepEvent step = stepFromJson(event.data);
            result.finishedSteps << step;
            Q_EMIT stepFinished(step);
        } else if (type == QLatin1String("plan")) {
            result.alembicCurrent = sorted(toStringList(event.data.value(QStringLiteral("current"))));
            result.plannedSteps.clear();
            const QJsonArray steps = event.data.value(QStringLiteral("steps")).toArray();
            for (const QJsonValue& step : steps)
                result.plannedSteps << stepFromJson(step.toObject());
        } else if (type == QLatin1String("url")) {
            result.url = event.data;
            Q_EMIT urlResolved(event.data);
        } else if (type == QLatin1String("warning")) {
            const QString message = redactUrl(event.data.value(QStringLiteral("message")).toString());
            result.warnings << message;
            Q_EMIT warningRaised(event.data.value(QStringLiteral("code")).toString(), message);
        } else if (type == QLatin1String("log")) {
            Q_EMIT logLine(event.data.value(QStringLiteral("level")).toString(),
                           redactUrl(event.data.value(QStringLiteral("message")).toString()));
        } else if (type == QLatin1String("sql_section")) {
            SqlSection section;
            section.kind = event.data.value(QStringLiteral("kind")).toString();
            section.revision = event.data.value(QStringLiteral("revision")).toString();
            section.direction = event.data.value(QStringLiteral("direction")).toString();
            section.fromRevisions = toStringList(event.data.value(QStringLiteral("from")));
            section.toRevisions = toStringList(event.data.value(QStringLiteral("to")));
            section.sql = event.data.value(QStringLiteral("sql")).toString();
            result.sql.sections << section;
            Q_EMIT sqlSectionReady(section);
        }
    };
    // Alembic's own logging (env.py's fileConfig) and print() in migrations arrive on stderr.
    const auto onStderr = [&](const QString& line) { Q_EMIT logLine(QStringLiteral("OUTPUT"), line); };

    BridgeRequest bridgeRequest = m_request.bridge;
    m_before = Snapshot{};
    if (!isSql && m_request.rereadVersions) {
        // The read counts against the run's time limit (a lock on alembic_version must not make
        // --timeout meaningless).
        m_before = snapshotBefore(bridgeRequest.timeoutMs);
        if (bridgeRequest.timeoutMs > 0)
            bridgeRequest.timeoutMs = int(qMax<qint64>(1, bridgeRequest.timeoutMs - clock.elapsed()));
    }
    const BridgeRun bridgeRun = AlembicBridge::run(m_request.python, bridgeRequest, &m_cancel, onEvent, onStderr);
    result.serverActions = bridgeRun.serverActions;
    if (!bridgeRun.serverProblem.isEmpty())
        result.serverActions << QStringLiteral("could not stop the run on the server: %1").arg(redactUrl(bridgeRun.serverProblem));
    result.sql.url = bridgeRun.url;
    result.cancelled = bridgeRun.cancelled;
    result.timedOut = bridgeRun.timedOut;
    result.error = bridgeRun.error;
    result.ok = bridgeRun.ok();
    if (!bridgeRun.bridgeError.isEmpty()) {
        result.failedRevision = bridgeRun.bridgeError.value(QStringLiteral("revision")).toString();
        const QJsonValue index = bridgeRun.bridgeError.value(QStringLiteral("step_index"));
        result.failedStepIndex = index.isDouble() ? index.toInt() : -1;
        result.traceback = redactUrl(bridgeRun.bridgeError.value(QStringLiteral("traceback")).toString());
    }
    if (result.failedStepIndex < 0 && (result.cancelled || result.timedOut) && !result.plannedSteps.isEmpty()
        && result.finishedSteps.size() < result.plannedSteps.size()) {
        // Killed before the bridge could say where it was: the step after the last finished one.
        result.failedStepIndex = int(result.finishedSteps.size());
        result.failedRevision = result.plannedSteps.at(result.failedStepIndex).revision;
    }
    result.exitCode = result.ok ? 0 : (isSetupError(result.error.code) ? 2 : 1);

    if (!isSql) {
        if (m_request.rereadVersions)
            rereadVersions(bridgeRun, result);
        evaluate(bridgeRun, result);
    }
    result.elapsedMs = clock.elapsed();
    m_result = result;
    Q_EMIT finished(m_result);
    return m_result;
}

AlembicJob::Snapshot AlembicJob::snapshotBefore(int timeoutMs) const
{
    Snapshot snapshot;
    const Result<DatabaseUrl> url = RunDatabase::locate(m_request.bridge, m_request.python.remote);
    if (!url)
        return snapshot;
    if (url->dialect() == Dialect::SQLite && !url->isSqliteMemory() && !QFileInfo::exists(url->sqlitePath())) {
        snapshot.tablesKnown = true; // a new database: Alembic creates the file
        snapshot.versionKnown = true;
        return snapshot;
    }
    // Only information for the report: a locked database gives it up quickly and leaves the
    // run its time.
    ConnectionLimits limits;
    limits.connectTimeoutSeconds = timeoutMs > 0 ? qBound(1, timeoutMs / 4000, 5) : 5;
    limits.lockTimeoutMs = timeoutMs > 0 ? qBound(100, timeoutMs / 4, 2000) : 2000;
    limits.statementTimeoutMs = timeoutMs > 0 ? qBound(1000, timeoutMs / 2, 10000) : 10000;
    auto connection = ScopedConnection::open(*url, limits);
    if (!connection) {
        log::info(log::Area::Exec, QStringLiteral("no schema snapshot before the run: %1").arg(connection.error().message));
        return snapshot;
    }
    const Result<QStringList> tables = SchemaInspector::tableNames((*connection)->database());
    if (tables) {
        snapshot.tablesKnown = true;
        snapshot.tables = *tables;
    }
    const Result<VersionState> version =
        VersionTable::read((*connection)->database(), m_request.versionTable, m_request.versionTableSchema);
    if (version) {
        snapshot.versionKnown = true;
        snapshot.version = sorted(version->revisions);
    }
    return snapshot;
}

void AlembicJob::rereadVersions(const BridgeRun& run, JobResult& result) const
{
    const QJsonObject& url = run.url;
    const QString table = url.value(QStringLiteral("version_table")).toString(m_request.versionTable);
    const QString schema = url.contains(QStringLiteral("version_table_schema")) && !url.value(QStringLiteral("version_table_schema")).isNull()
                               ? url.value(QStringLiteral("version_table_schema")).toString()
                               : m_request.versionTableSchema;

    QString problem;
    const Result<DatabaseUrl> located = RunDatabase::locate(m_request.bridge, m_request.python.remote, url);
    if (!located) {
        problem = located.error().message;
    } else if (located->dialect() == Dialect::SQLite && !located->isSqliteMemory() && !QFileInfo::exists(located->sqlitePath())) {
        result.versionKnown = true;
        result.versionAfter.clear();
        result.versionSource = QStringLiteral("retort");
        result.versionNote = QStringLiteral("the SQLite file %1 does not exist").arg(located->sqlitePath());
        compareSchema({}, table, result);
    } else {
        // Bounded: a lock left on the version table (a backend that outlived the run) must not
        // make the report hang; it says what it could not read instead.
        auto connection = ScopedConnection::open(*located, 5);
        if (!connection) {
            problem = connection.error().message;
        } else {
            QSqlDatabase db = (*connection)->database();
            const Result<VersionState> state = VersionTable::read(db, table, schema);
            if (!state) {
                problem = state.error().message;
            } else {
                result.versionKnown = true;
                result.versionAfter = sorted(state->revisions);
                result.versionSource = QStringLiteral("retort");
                if (!state->tableExists)
                    result.versionNote = QStringLiteral("the version table %1 does not exist").arg(table);
            }
            if (const Result<QStringList> tables = SchemaInspector::tableNames(db))
                compareSchema(*tables, table, result);
            if (located->dialect() == Dialect::PostgreSQL && (!run.ok() || !run.serverActions.isEmpty())) {
                if (const Result<QStringList> left = BackendStopper::remaining(db, run.backend()); left)
                    result.backendsLeft = *left;
            }
        }
    }

    const QJsonValue bridgeRows = run.result.value(QStringLiteral("version_rows"));
    if (!result.versionKnown) {
        result.versionNote = redactUrl(problem);
        if (bridgeRows.isArray()) {
            result.versionKnown = true;
            result.versionAfter = sorted(toStringList(bridgeRows));
            result.versionSource = QStringLiteral("bridge");
            result.versionNote += QStringLiteral("; read by the bridge instead");
        }
    } else if (bridgeRows.isArray() && sorted(toStringList(bridgeRows)) != result.versionAfter) {
        result.discrepancies << QStringLiteral("the bridge read alembic_version as %1 but Retort reads %2")
                                    .arg(listText(sorted(toStringList(bridgeRows))), listText(result.versionAfter));
    }
    log::info(log::Area::Exec, QStringLiteral("alembic_version after %1: %2 (%3)")
                                   .arg(bridgeOpName(m_request.bridge.op),
                                        result.versionKnown ? listText(result.versionAfter) : QStringLiteral("unknown"),
                                        result.versionSource));
}

void AlembicJob::compareSchema(const QStringList& tablesAfter, const QString& versionTable, JobResult& result) const
{
    if (!m_before.tablesKnown)
        return;
    // Alembic's own bookkeeping table is not part of the schema the migrations build.
    const auto isVersionTable = [&](const QString& name) {
        return name == versionTable || name.endsWith(QLatin1Char('.') + versionTable);
    };
    result.schemaCompared = true;
    result.tablesAdded.clear();
    result.tablesRemoved.clear();
    for (const QString& name : tablesAfter) {
        if (!m_before.tables.contains(name) && !isVersionTable(name))
            result.tablesAdded << name;
    }
    for (const QString& name : m_before.tables) {
        if (!tablesAfter.contains(name) && !isVersionTable(name))
            result.tablesRemoved << name;
    }
}

void AlembicJob::evaluate(const BridgeRun& run, JobResult& result) const
{
    const JobExpectation& expected = m_request.expected;
    const QJsonValue alembicHeads = run.result.value(QStringLiteral("heads"));

    // What the database should hold: the plan's result, else Alembic's own bookkeeping.
    if (expected.known)
        result.expectedHeads = expected.resultingHeads;
    else if (alembicHeads.isArray())
        result.expectedHeads = sorted(toStringList(alembicHeads));

    // Retort's plan against what Alembic computed.
    if (expected.known && !run.events.isEmpty()) {
        bool sawPlan = false;
        for (const BridgeEvent& event : run.events)
            sawPlan = sawPlan || event.type == QLatin1String("plan");
        if (sawPlan) {
            if (result.alembicCurrent != expected.currentHeads)
                result.discrepancies << QStringLiteral("the plan started from %1 but Alembic found %2 in the database")
                                            .arg(listText(expected.currentHeads), listText(result.alembicCurrent));
            QStringList ours;
            QStringList theirs;
            for (const ExpectedStep& step : expected.steps)
                ours << step.direction + QLatin1Char(' ') + step.revision;
            for (const StepEvent& step : result.plannedSteps)
                theirs << step.direction + QLatin1Char(' ') + step.revision;
            if (ours != theirs)
                result.discrepancies << QStringLiteral("Retort planned [%1] but Alembic ran [%2]")
                                            .arg(ours.join(QStringLiteral(", ")), theirs.join(QStringLiteral(", ")));
        }
    }

    if (!result.versionKnown) {
        result.matchesExpected = false;
        result.outcome = QStringLiteral("alembic_version could not be read after the run: %1").arg(result.versionNote);
        result.discrepancies << result.outcome;
        if (!result.serverActions.isEmpty())
            result.outcome += QStringLiteral(". On the server: %1").arg(result.serverActions.join(QStringLiteral("; ")));
        if (result.ok) {
            result.ok = false;
            result.exitCode = 1;
            result.error = Error{QStringLiteral("state-unknown"), result.outcome,
                                 QStringLiteral("Check the database with `retort-cli current --url ...`."), {}, 0};
        }
        return;
    }

    const QStringList& actual = result.versionAfter;
    const bool haveExpectation = expected.known || alembicHeads.isArray();
    result.matchesExpected = haveExpectation && actual == result.expectedHeads;

    if (result.ok) {
        if (result.matchesExpected) {
            result.stepsApplied = int(qMax(expected.steps.size(), result.plannedSteps.size()));
            result.outcome = QStringLiteral("alembic_version is %1, as planned").arg(listText(actual));
        } else {
            result.outcome = QStringLiteral("Alembic reported success but alembic_version is %1, expected %2")
                                 .arg(listText(actual), listText(result.expectedHeads));
            result.discrepancies << result.outcome;
            result.ok = false;
            result.exitCode = 1;
            result.error = Error{QStringLiteral("state-mismatch"), result.outcome,
                                 QStringLiteral("Something else changed the database, or env.py writes elsewhere."), {}, 0};
        }
        return;
    }

    // Failed, cancelled, timed out or ended by sys.exit(): which state of the plan the re-read
    // alembic_version is in, compared step by step (first step or not).
    QStringList before = result.alembicCurrent;
    bool beforeKnown = false;
    for (const BridgeEvent& event : run.events)
        beforeKnown = beforeKnown || event.type == QLatin1String("plan");
    if (!beforeKnown && expected.known) {
        before = expected.currentHeads;
        beforeKnown = true;
    }
    if (!beforeKnown && m_before.versionKnown) {
        before = m_before.version;
        beforeKnown = true;
    }
    const int planned = int(qMax(expected.steps.size(), result.plannedSteps.size()));
    const int finished = int(result.finishedSteps.size());
    // states[i]: alembic_version after i steps (0 = before the run); empty optional = unknown.
    QVector<std::optional<QStringList>> states;
    states << (beforeKnown ? std::optional<QStringList>(before) : std::nullopt);
    for (int i = 0; i < planned; ++i) {
        if (expected.stepHeadsKnown && i < expected.steps.size())
            states << expected.steps.at(i).headsAfter;
        else if (i < finished)
            states << result.finishedSteps.at(i).headsAfter;
        else if (i == planned - 1 && expected.known)
            states << expected.resultingHeads;
        else
            states << std::nullopt;
    }
    // The matching state nearest to what Alembic reported done (several states can be equal).
    int applied = -1;
    for (int i = 0; i < states.size(); ++i) {
        if (!states.at(i) || *states.at(i) != actual)
            continue;
        if (applied < 0 || std::abs(i - finished) < std::abs(applied - finished))
            applied = i;
    }
    result.stepsApplied = applied;

    const int k = result.failedStepIndex;
    const bool transactionalDdl = result.url.value(QStringLiteral("transactional_ddl")).toBool();
    const bool ddlKnown = result.url.value(QStringLiteral("transactional_ddl")).isBool();
    const bool perMigration = result.url.value(QStringLiteral("transaction_per_migration")).toBool();
    const bool exited = result.error.code == QLatin1String("system-exit");
    const QString what = result.cancelled ? QStringLiteral("cancelled")
                         : result.timedOut ? QStringLiteral("stopped (timeout)")
                         : exited          ? QStringLiteral("ended by sys.exit()")
                                           : QStringLiteral("failed");
    const int total = qMax(planned, k + 1);

    QString where;
    if (k >= 0)
        where = QStringLiteral("step %1 of %2 (%3) %4").arg(k + 1).arg(total).arg(result.failedRevision, what);
    else if (finished > 0)
        where = QStringLiteral("the run %1 after %2 of %3 step(s) had run").arg(what).arg(finished).arg(planned);
    else
        where = QStringLiteral("the run %1 before any migration started").arg(what);

    QString state;
    if (applied == 0) {
        if (k > 0 && transactionalDdl && !perMigration)
            state = QStringLiteral("nothing was applied: the %1 steps before it ran in the same transaction "
                                   "(transaction_per_migration is off) and were rolled back; alembic_version is still %2")
                        .arg(k)
                        .arg(listText(actual));
        else if (k < 0 && finished == 0)
            state = QStringLiteral("no migration ran; alembic_version is unchanged (%1)").arg(listText(actual));
        else
            state = QStringLiteral("nothing was applied: alembic_version is still %1").arg(listText(actual));
    } else if (applied > 0 && applied < planned) {
        const QString why = perMigration ? QStringLiteral("transaction_per_migration commits each step")
                            : transactionalDdl ? QStringLiteral("each step was committed")
                                               : QStringLiteral("this database has no transactional DDL, so each step commits on its own");
        state = (applied == k ? QStringLiteral("the %1 step(s) before it stayed applied (%2): alembic_version is %3")
                              : QStringLiteral("the first %1 step(s) stayed applied (%2): alembic_version is %3"))
                    .arg(applied)
                    .arg(why, listText(actual));
    } else if (applied > 0) {
        state = QStringLiteral("all %1 step(s) were applied: alembic_version is %2").arg(applied).arg(listText(actual));
    } else {
        QStringList known;
        for (int i = 0; i < states.size() && known.size() < 4; ++i) {
            if (states.at(i))
                known << (i == 0 ? QStringLiteral("before the run: %1").arg(listText(*states.at(i)))
                                 : QStringLiteral("after step %1: %2").arg(i).arg(listText(*states.at(i))));
        }
        state = QStringLiteral("alembic_version is %1, which matches no state of the plan (%2)")
                    .arg(listText(actual), known.isEmpty() ? QStringLiteral("none known") : known.join(QStringLiteral("; ")));
    }
    result.outcome = where + QStringLiteral("; ") + state;
    if (applied < 0)
        result.discrepancies << result.outcome;

    // DDL that alembic_version does not record: a step that started and did not finish, on a
    // database whose DDL is not transactional, or tables that changed while nothing was applied.
    const auto started = std::count_if(run.events.cbegin(), run.events.cend(),
                                       [](const BridgeEvent& event) { return event.type == QLatin1String("step_started"); });
    const bool stepInterrupted = k >= 0 || started > finished;
    const bool ddlMayStick = ddlKnown ? !transactionalDdl : false;
    const bool schemaMoved = !result.tablesAdded.isEmpty() || !result.tablesRemoved.isEmpty();
    if ((stepInterrupted && ddlMayStick && (schemaMoved || !result.schemaCompared)) || (applied == 0 && schemaMoved)) {
        result.partiallyApplied = true;
        // With steps applied, some of the changes are theirs: say so rather than blame them all
        // on the interrupted step.
        const QString by = applied > 0 ? QStringLiteral(" (by the %1 applied step(s) and the interrupted one)").arg(applied) : QString();
        QStringList changes;
        if (!result.tablesAdded.isEmpty())
            changes << QStringLiteral("tables created during the run%1: %2").arg(by, result.tablesAdded.join(QStringLiteral(", ")));
        if (!result.tablesRemoved.isEmpty())
            changes << QStringLiteral("tables dropped during the run%1: %2").arg(by, result.tablesRemoved.join(QStringLiteral(", ")));
        QString detail;
        if (ddlMayStick && stepInterrupted)
            detail = QStringLiteral("this database has no transactional DDL, so statements of the interrupted step that ran "
                                    "before it stopped were not rolled back");
        else
            detail = QStringLiteral("the schema changed although alembic_version did not");
        if (!changes.isEmpty())
            detail += QStringLiteral(" (%1)").arg(changes.join(QStringLiteral("; ")));
        result.outcome += QStringLiteral(". Partially applied, check the schema: ") + detail;
    }
    if (!result.serverActions.isEmpty())
        result.outcome += QStringLiteral(". On the server: %1").arg(result.serverActions.join(QStringLiteral("; ")));
    if (!result.backendsLeft.isEmpty()) {
        const QString left = QStringLiteral("backends of this run are still on the server: %1")
                                 .arg(result.backendsLeft.join(QStringLiteral("; ")));
        result.outcome += QStringLiteral(". ") + left;
        result.discrepancies << left;
    }
}

} // namespace retort
