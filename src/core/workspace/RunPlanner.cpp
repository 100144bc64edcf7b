#include "core/workspace/RunPlanner.h"

#include "core/db/Connection.h"
#include "core/doctor/StampCheck.h"
#include "core/graph/RevisionSpec.h"

#include <QFileInfo>

#include <QCoreApplication>
#include <QFileInfo>

namespace retort {

BridgeOp bridgeOpFor(RunKind kind)
{
    switch (kind) {
    case RunKind::Upgrade: return BridgeOp::Upgrade;
    case RunKind::Downgrade: return BridgeOp::Downgrade;
    case RunKind::Stamp: return BridgeOp::Stamp;
    }
    return BridgeOp::Upgrade;
}

namespace {

QString labelFor(const RevisionGraph& graph, const QString& target)
{
    const int index = graph.indexOf(target);
    if (index < 0)
        return target;
    const Revision& r = graph.at(index);
    return r.message.isEmpty() ? r.id : QStringLiteral("%1 (%2)").arg(r.id.left(12), r.message);
}

} // namespace

Result<RunRequest> RunPlanner::prepare(const ProjectSnapshot& snapshot, const QStringList& currentHeads, RunKind kind,
                                       const QString& target, bool purge)
{
    const Result<const RevisionGraph*> graph = snapshot.commandGraph();
    if (!graph)
        return graph.error();
    if (snapshot.isBareVersionsDir())
        return Error{QStringLiteral("bare-versions"),
                     QCoreApplication::translate("RunPlanner", "Running Alembic needs the project's alembic.ini and env.py; "
                                                               "a bare versions folder only has revision files."),
                     QCoreApplication::translate("RunPlanner", "Open the project folder (or its alembic.ini) instead."), {}, 0};
    RunRequest request;
    request.kind = kind;
    request.target = target;
    request.targetLabel = labelFor(**graph, target);
    request.purge = kind == RunKind::Stamp && purge;
    if (kind == RunKind::Stamp) {
        // Alembic's stamp bookkeeping is its own; each target still has to exist and be safe to write.
        for (const QString& part : target.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString spec = part.trimmed();
            if (spec == QLatin1String("base")) {
                request.stampTargets << spec;
                continue;
            }
            const Result<QVector<int>> resolved = RevisionSpec::resolve(**graph, spec);
            if (!resolved)
                return resolved.error();
            // Every id a stamp writes must be safe to write (Alembic writes it unescaped).
            if (const Status safe = RevisionSpec::refuseUnsafe(**graph, *resolved); !safe)
                return safe.error();
            for (const int index : *resolved) {
                if (index >= 0)
                    request.stampTargets << (*graph)->at(index).id;
            }
        }
        request.plan.target = target;
        request.plan.currentHeads = currentHeads;
        return request;
    }
    PlanOptions options;
    options.headsAfterEachStep = true;
    Result<Plan> plan = Planner::plan(**graph, currentHeads, kind == RunKind::Upgrade ? Direction::Upgrade : Direction::Downgrade,
                                      target, options);
    if (!plan)
        return plan.error();
    request.plan = std::move(plan).value();
    return request;
}

Result<RunRequest> RunPlanner::prepare(const ProjectSnapshot& snapshot, const DatabaseState& database, RunKind kind,
                                       const QString& target, bool purge)
{
    if (!database.isKnown())
        return database.error ? *database.error
                              : Error{QStringLiteral("no-database"),
                                      QCoreApplication::translate("RunPlanner", "Retort is not connected to a database."),
                                      QCoreApplication::translate("RunPlanner", "Connect to a database first."), {}, 0};
    Result<RunRequest> request = prepare(snapshot, database.heads, kind, target, purge);
    if (!request)
        return request;
    request->databaseLabel = database.redactedUrl;
    request->host = database.host;
    request->databaseName = database.databaseName;
    request->isLocal = database.isLocal;
    request->connectionKind = database.target.kind;
    request->lockTimeoutMs = request->isStamp() ? 0 : database.target.lockTimeoutMs;
    return request;
}

Problems RunPlanner::checkStamp(const ProjectSnapshot& snapshot, const RunRequest& request, const DatabaseState& database)
{
    if (!request.isStamp() || !database.connected || database.error)
        return {};
    const Result<DatabaseUrl> url = resolvedUrl(database.target, snapshot.project.config.configFile.isEmpty()
                                                                     ? QString()
                                                                     : QFileInfo(snapshot.project.config.configFile).absolutePath());
    if (!url)
        return {};
    Result<std::unique_ptr<ScopedConnection>> connection = ScopedConnection::open(*url);
    if (!connection)
        return {Problem::fromError(connection.error(), Severity::Warning)};
    QStringList targets = request.stampTargets;
    targets.removeAll(QStringLiteral("base"));
    return doctor::StampCheck::run(snapshot.graph, targets, (*connection)->database(), database.location.table);
}

JobRequest RunPlanner::jobRequest(const ProjectSnapshot& snapshot, const RunRequest& request, const PythonCommand& python,
                                  const ConnectionTarget& target, const VersionLocation& location)
{
    JobRequest job = JobRequest::forProject(snapshot.project.config, python, bridgeOpFor(request.kind), request.target, target.url);
    if (!request.isStamp())
        job.expected = expectationFromPlan(request.plan);
    job.bridge.purge = request.purge;
    job.bridge.lockTimeoutMs = request.isStamp() ? 0 : target.lockTimeoutMs;
    job.versionTable = location.table;
    job.versionTableSchema = location.schema;
    return job;
}

Result<lint::PlanLintRequest> RunPlanner::reviewRequest(const ProjectSnapshot& snapshot, const Plan& plan,
                                                        const ConnectionTarget& target, const VersionLocation& location)
{
    if (plan.steps.isEmpty())
        return Error{QStringLiteral("review-no-steps"),
                     QCoreApplication::translate("RunPlanner", "Nothing runs, so there is nothing to review."), {}, {}, 0};
    const Result<DatabaseUrl> url = DatabaseUrl::parse(target.url);
    if (!url)
        return url.error();
    if (url->dialect() != Dialect::PostgreSQL)
        return Error{QStringLiteral("review-dialect"),
                     QCoreApplication::translate("RunPlanner", "The safety review reads PostgreSQL's SQL; this database is %1.")
                         .arg(url->dialect() == Dialect::SQLite ? QStringLiteral("SQLite") : url->scheme()),
                     QCoreApplication::translate("RunPlanner", "Lock levels, rewrites and data loss are reviewed for PostgreSQL "
                                                               "databases only."),
                     {}, 0};
    const ProjectConfig& config = snapshot.project.config;
    lint::PlanLintRequest request;
    request.bridge.op = BridgeOp::Sql;
    request.bridge.setProject(config.configFile, config.configSection, PythonCommand{}); // mapped again once the interpreter is known
    request.bridge.sqlDirection = directionName(plan.direction);
    request.bridge.target = plan.target;
    request.bridge.current = plan.currentHeads;
    request.bridge.overrideUrl = target.url;
    request.bridge.timeoutMs = 120000;
    request.plan = plan;
    for (const PlanStep& step : plan.steps) {
        const int index = snapshot.graph.indexOf(step.revision);
        if (index >= 0)
            request.revisionPaths.insert(step.revision, snapshot.graph.at(index).path);
    }
    request.databaseUrl = target.url;
    request.lint.lockTimeoutMs = target.lockTimeoutMs;
    request.lint.versionTable = location.table;
    request.lint.versionTableSchema = location.schema;
    return request;
}

} // namespace retort
