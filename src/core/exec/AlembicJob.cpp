#include "core/exec/AlembicJob.h"

#include "core/alembic/ProjectConfig.h"
#include "core/common/Redact.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/VersionTable.h"
#include "core/graph/Planner.h"
#include "core/log/Log.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>

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
    for (const PlanStep& step : plan.steps) {
        ExpectedStep expected;
        expected.revision = step.revision;
        expected.direction = step.direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
        expected.headsAfter = step.headsAfter;
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
    if (python.remote) {
        request.bridge.configFile = python.remoteConfigPath;
    } else {
        request.bridge.configFile = project.configFile;
        request.bridge.workingDirectory = QFileInfo(project.configFile).absolutePath();
    }
    if (!project.configSection.isEmpty() && project.configSection != QLatin1String("alembic"))
        request.bridge.iniSection = project.configSection;
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
        object.insert(QStringLiteral("outcome"), outcome);
        object.insert(QStringLiteral("discrepancies"), toArray(discrepancies));
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

    const BridgeRun bridgeRun = AlembicBridge::run(m_request.python, m_request.bridge, &m_cancel, onEvent, onStderr);
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

void AlembicJob::rereadVersions(const BridgeRun& run, JobResult& result) const
{
    const QJsonObject& url = run.url;
    const QString table = url.value(QStringLiteral("version_table")).toString(m_request.versionTable);
    const QString schema = url.contains(QStringLiteral("version_table_schema")) && !url.value(QStringLiteral("version_table_schema")).isNull()
                               ? url.value(QStringLiteral("version_table_schema")).toString()
                               : m_request.versionTableSchema;

    // Which database: the one the user asked for, or the one env.py connected to when that URL
    // carries no password (a SQLite file, trust authentication).
    QString text = m_request.bridge.overrideUrl;
    if (text.isEmpty() && !url.isEmpty() && !url.value(QStringLiteral("offline")).toBool()
        && !url.value(QStringLiteral("has_password")).toBool())
        text = url.value(QStringLiteral("url")).toString();

    QString problem;
    if (m_request.python.remote)
        problem = QStringLiteral("the database is reached from inside the compose service");
    if (text.isEmpty() && problem.isEmpty())
        problem = url.isEmpty() ? QStringLiteral("env.py never connected, so the database is unknown")
                                : QStringLiteral("no --url was given and env.py's URL needs a password Retort does not have");

    if (problem.isEmpty()) {
        Result<DatabaseUrl> parsed = DatabaseUrl::parse(text);
        if (parsed.ok() && parsed->dialect() == Dialect::SQLite && !parsed->isSqliteMemory()) {
            // SQLAlchemy resolves a relative SQLite path against the bridge's working directory.
            QString path = url.value(QStringLiteral("database_path")).toString();
            if (path.isEmpty() || !m_request.bridge.overrideUrl.isEmpty())
                path = parsed->sqlitePathRelativeTo(m_request.bridge.workingDirectory);
            if (!QFileInfo::exists(path)) {
                result.versionKnown = true;
                result.versionAfter.clear();
                result.versionSource = QStringLiteral("retort");
                result.versionNote = QStringLiteral("the SQLite file %1 does not exist").arg(path);
                return;
            }
            parsed = DatabaseUrl::parse(QStringLiteral("sqlite:///") + QFileInfo(path).absoluteFilePath());
        }
        if (!parsed.ok()) {
            problem = parsed.error().message;
        } else {
            auto connection = ScopedConnection::open(*parsed, 5);
            if (!connection.ok()) {
                problem = connection.error().message;
            } else {
                const Result<VersionState> state = VersionTable::read((*connection)->database(), table, schema);
                if (!state.ok()) {
                    problem = state.error().message;
                } else {
                    result.versionKnown = true;
                    result.versionAfter = sorted(state->revisions);
                    result.versionSource = QStringLiteral("retort");
                    if (!state->tableExists)
                        result.versionNote = QStringLiteral("the version table %1 does not exist").arg(table);
                }
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

    // Failed, cancelled or timed out: say which state the database is in.
    QStringList before = result.alembicCurrent;
    bool beforeKnown = false;
    for (const BridgeEvent& event : run.events)
        beforeKnown = beforeKnown || event.type == QLatin1String("plan");
    if (!beforeKnown && expected.known) {
        before = expected.currentHeads;
        beforeKnown = true;
    }
    const int k = result.failedStepIndex;
    const bool transactionalDdl = result.url.value(QStringLiteral("transactional_ddl")).toBool();
    const bool perMigration = result.url.value(QStringLiteral("transaction_per_migration")).toBool();
    const QString what = result.cancelled ? QStringLiteral("cancelled") : (result.timedOut ? QStringLiteral("stopped") : QStringLiteral("failed"));

    if (k < 0) {
        if (beforeKnown && actual == before)
            result.outcome = QStringLiteral("no migration ran; alembic_version is unchanged (%1)").arg(listText(actual));
        else if (!beforeKnown)
            result.outcome = QStringLiteral("the run %1 before any migration started; alembic_version is %2").arg(what, listText(actual));
        else {
            result.outcome = QStringLiteral("the run %1 before any migration started, yet alembic_version changed from %2 to %3")
                                 .arg(what, listText(before), listText(actual));
            result.discrepancies << result.outcome;
        }
        return;
    }

    QStringList afterPrevious = before;
    if (k > 0) {
        if (k - 1 < result.finishedSteps.size())
            afterPrevious = result.finishedSteps.at(k - 1).headsAfter;
        else if (k - 1 < expected.steps.size())
            afterPrevious = expected.steps.at(k - 1).headsAfter;
    }
    const QString stepName = QStringLiteral("step %1 of %2 (%3)")
                                 .arg(k + 1)
                                 .arg(qMax(int(result.plannedSteps.size()), k + 1))
                                 .arg(result.failedRevision);
    if (beforeKnown && actual == before) {
        if (k == 0)
            result.outcome = QStringLiteral("%1 %2; nothing was applied: alembic_version is still %3")
                                 .arg(stepName, what, listText(actual));
        else
            result.outcome = QStringLiteral("%1 %2; nothing was applied: the %3 steps before it ran in the same transaction "
                                            "(transaction_per_migration is off) and were rolled back; alembic_version is still %4")
                                 .arg(stepName, what)
                                 .arg(k)
                                 .arg(listText(actual));
    } else if (actual == afterPrevious) {
        QString why = perMigration ? QStringLiteral("transaction_per_migration commits each step")
                                   : (transactionalDdl ? QStringLiteral("each step was committed")
                                                       : QStringLiteral("this database has no transactional DDL, so each step commits on its own"));
        result.outcome = QStringLiteral("%1 %2; the %3 step(s) before it stayed applied (%4): alembic_version is %5")
                             .arg(stepName, what)
                             .arg(k)
                             .arg(why, listText(actual));
        if (!transactionalDdl)
            result.outcome += QStringLiteral(". Without transactional DDL, statements of the failed step that ran before "
                                             "the error are not rolled back: check the schema");
    } else {
        result.outcome = QStringLiteral("%1 %2; alembic_version is %3, which is neither the state before the run (%4) nor "
                                        "the state after the previous step (%5)")
                             .arg(stepName, what, listText(actual), listText(before), listText(afterPrevious));
        result.discrepancies << result.outcome;
    }
}

} // namespace retort
