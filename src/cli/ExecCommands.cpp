// retort-cli sql / upgrade / downgrade / stamp / merge: the project's own Alembic through the bridge
// (issue #5). The plan comes from Retort's planner (Alembic's exact step order), the run from
// Alembic, and the final word on where the database ended up from alembic_version, re-read by
// Retort after the run and compared with the plan.
//
// Options of these commands (besides the global -p / --url / --json / -v):
//   --current ID[,ID...]|base   sql: where the offline SQL starts (default: --url's alembic_version, else base)
//   --python PATH               the interpreter (default: auto-detected, see PythonLocator)
//   --compose-service NAME      run inside a compose service: docker compose exec -T NAME python -
//   --compose-file FILE, --compose-workdir DIR, --compose-python NAME, --compose-config PATH
//   --timeout SECONDS           stop the run after this long (default 3600; 0 = none)
//   --allow-url-mismatch        run even when env.py connects to another database than --url
//   --lock-timeout MS           upgrade/downgrade: SET lock_timeout on the migration connection (PostgreSQL; 0 = off)
//   --purge                     stamp: empty alembic_version first
//   --tag TAG                   Alembic's --tag
//   -m/--message M, --branch-label L, --rev-id ID   merge: as `alembic merge`

#include "cli/Cli.h"
#include "cli/ExecSupport.h"
#include "cli/ProjectOptions.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/VersionTable.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/AlembicJob.h"
#include "core/exec/AlembicLoader.h"
#include "core/exec/PythonLocator.h"
#include "core/graph/Planner.h"
#include "core/graph/RevisionGraph.h"
#include "core/graph/RevisionSpec.h"
#include "core/workspace/RunPlanner.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <climits>
#include <csignal>
#include <cstdio>
#include <optional>

namespace retort::cli {

namespace {


// Ctrl+C / SIGTERM while a job runs: cancel it (an atomic store, safe in a signal handler). The
// bridge runs in its own process group, so the terminal's SIGINT does not reach it directly.
std::atomic<AlembicJob*> g_runningJob{nullptr};

extern "C" void onInterrupt(int)
{
    if (AlembicJob* job = g_runningJob.load())
        job->requestCancel();
}

class InterruptScope
{
public:
    explicit InterruptScope(AlembicJob* job)
    {
        g_runningJob.store(job);
        m_oldInt = std::signal(SIGINT, onInterrupt);
        m_oldTerm = std::signal(SIGTERM, onInterrupt);
    }
    ~InterruptScope()
    {
        std::signal(SIGINT, m_oldInt);
        std::signal(SIGTERM, m_oldTerm);
        g_runningJob.store(nullptr);
    }
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    void (*m_oldInt)(int) = nullptr;
    void (*m_oldTerm)(int) = nullptr;
};

QString commaJoin(const QStringList& items)
{
    return items.join(QStringLiteral(", "));
}

QString listOrBase(const QStringList& heads)
{
    return heads.isEmpty() ? QStringLiteral("base") : commaJoin(heads);
}

const QStringList kValueOptions{QStringLiteral("--current"),         QStringLiteral("--python"),
                                QStringLiteral("--compose-service"), QStringLiteral("--compose-file"),
                                QStringLiteral("--compose-workdir"), QStringLiteral("--compose-python"),
                                QStringLiteral("--compose-config"),  QStringLiteral("--timeout"),
                                QStringLiteral("--tag")};
const QStringList kFlags{QStringLiteral("--purge"), QStringLiteral("--allow-url-mismatch")};

} // namespace

const QStringList& bridgeValueOptions()
{
    return kValueOptions;
}

const QStringList& bridgeFlags()
{
    return kFlags;
}

std::optional<int> prepare(Context& context, const Args& args, Setup& setup, bool graphMayFail)
{
    bool timeoutOk = true;
    setup.timeoutSeconds = args.value(QStringLiteral("--timeout"), QString::number(Setup::DefaultTimeoutSeconds)).toInt(&timeoutOk);
    if (!timeoutOk || setup.timeoutSeconds < 0)
        return context.usage(QStringLiteral("--timeout needs a number of seconds (0 = no limit)"));

    InterpreterChoice choice;
    choice.interpreter = args.value(QStringLiteral("--python"), context.options().python);
    choice.compose.service = args.value(QStringLiteral("--compose-service"));
    choice.compose.composeFile = args.value(QStringLiteral("--compose-file"));
    choice.compose.workdir = args.value(QStringLiteral("--compose-workdir"));
    choice.compose.python = args.value(QStringLiteral("--compose-python"), QStringLiteral("python"));
    choice.compose.configPath = args.value(QStringLiteral("--compose-config"), QStringLiteral("alembic.ini"));
    if (!choice.interpreter.isEmpty() && !choice.compose.service.isEmpty())
        return context.usage(QStringLiteral("use either --python or --compose-service, not both"));
    choice = interpreterFor(context, choice); // none given: the one chosen for the project in the window

    Result<ProjectConfig> config = locateProjectFor(context);
    if (!config)
        return context.fail(config.error(), ExitBadInput);
    if (config->isBareVersionsDir())
        return context.fail(Error{QStringLiteral("usage"),
                                  QStringLiteral("running Alembic needs the project's alembic.ini and env.py; --versions only reads revision files"),
                                  QStringLiteral("Use -p with the project folder or its alembic.ini."), {}, 0},
                            ExitBadInput);
    const QString projectDir = QFileInfo(config->configFile).absolutePath();
    const Result<PythonCommand> python = PythonLocator::locate(projectDir, choice);
    if (!python)
        return context.fail(python.error(), ExitBadInput);
    setup.python = *python;

    // The core's loading policy (the window's): the same interpreter answers for values only
    // Alembic can read.
    const LoadRequest request = loadRequestFor(context, choice);
    Result<std::shared_ptr<ProjectSnapshot>> snapshot = graphMayFail
                                                            ? loadForRepair(context, request, std::move(config).value())
                                                            : loadForCommand(context, request, std::move(config).value());
    if (!snapshot)
        return context.fail(snapshot.error(), ExitBadInput);
    setup.snapshot = std::move(snapshot).value();
    setup.graph = &setup.snapshot->graph;
    return std::nullopt;
}

Result<QStringList> currentHeads(const Context& context, const Setup& setup, int timeoutMs)
{
    if (!context.options().url.isEmpty())
        return databaseHeadsFor(context, *setup.snapshot, timeoutMs);
    BridgeRequest request;
    request.op = BridgeOp::Url;
    request.configFile = setup.python.remote ? setup.python.remoteConfigPath : setup.snapshot->project.config.configFile;
    request.workingDirectory = QFileInfo(setup.snapshot->project.config.configFile).absolutePath();
    request.timeoutMs = timeoutMs > 0 ? qMin(timeoutMs, 120000) : 120000;
    request.readTimeoutMs = ConnectionLimits::within(timeoutMs).lockTimeoutMs;
    const BridgeRun run = AlembicBridge::run(setup.python, request);
    if (!run.ok())
        return run.error;
    QStringList heads;
    for (const QJsonValue& value : run.result.value(QStringLiteral("current")).toArray())
        heads << value.toString();
    return heads;
}

Result<QStringList> parseCurrentOption(const QString& raw)
{
    const QString value = raw.trimmed();
    if (value.isEmpty())
        return Error{QStringLiteral("usage"), QStringLiteral("--current needs revision ids (comma-separated) or 'base'"), {}, {}, 0};
    QStringList current;
    if (value == QLatin1String("base"))
        return current;
    for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString id = part.trimmed();
        if (id == QLatin1String("base"))
            return Error{QStringLiteral("usage"), QStringLiteral("--current base cannot be combined with revision ids"), {}, {}, 0};
        if (!id.isEmpty())
            current << id;
    }
    return current;
}

static std::optional<int> parseDirectionTarget(Context& context, const Args& args, const QString& command,
                                               Direction& direction, QString& target)
{
    const QStringList& pos = args.positionals();
    if (pos.size() != 2)
        return context.usage(QStringLiteral("%1 needs a direction and a target: %1 upgrade|downgrade TARGET").arg(command));
    if (pos[0] != QLatin1String("upgrade") && pos[0] != QLatin1String("downgrade"))
        return context.usage(QStringLiteral("%1 direction must be 'upgrade' or 'downgrade' (got '%2')").arg(command, pos[0]));
    direction = pos[0] == QLatin1String("upgrade") ? Direction::Upgrade : Direction::Downgrade;
    target = pos[1].trimmed();
    if (target.isEmpty() || target.contains(QLatin1Char(':')))
        return context.usage(QStringLiteral("%1 takes a target revision; give the start with --current (not a:b)").arg(command));
    return std::nullopt;
}

static std::optional<int> offlinePlan(Context& context, const Args& args, const Setup& setup, Direction direction,
                                      const QString& target, const PlanOptions& options, Plan& plan)
{
    QStringList current;
    if (args.has(QStringLiteral("--current"))) {
        const Result<QStringList> given = parseCurrentOption(args.value(QStringLiteral("--current")));
        if (!given)
            return context.usage(given.error().message);
        current = *given;
    } else if (!context.options().url.isEmpty()) {
        const Result<QStringList> read = currentHeads(context, setup);
        if (!read)
            return context.fail(read.error(), read.error().code == QLatin1String("db-url") ? ExitBadInput : ExitFailed);
        current = *read;
    }
    // Alembic's own errors for the target (unknown id, not a valid downgrade target, ...), before
    // starting Python; the full ids of --current for the bridge.
    Result<Plan> planned = Planner::plan(*setup.graph, current, direction, target, options);
    if (!planned)
        return context.fail(planned.error(), planned.error().code == QLatin1String("alembic-crash") ? ExitFailed : ExitBadInput);
    if (direction == Direction::Downgrade && planned->currentHeads.size() != 1)
        return context.fail(Error{QStringLiteral("usage"),
                                  planned->currentHeads.isEmpty() ? QStringLiteral("downgrade with --sql requires <fromrev>:<torev>")
                                                                  : QStringLiteral("offline downgrade starts from one revision; the database has %1")
                                                                        .arg(commaJoin(planned->currentHeads)),
                                  QStringLiteral("Give the starting revision with --current ID."), {}, 0},
                            ExitBadInput);
    plan = std::move(planned.value());
    return std::nullopt;
}

std::optional<int> parseLockTimeout(Context& context, const Args& args, int& milliseconds)
{
    bool ok = true;
    milliseconds = args.value(QStringLiteral("--lock-timeout"), QStringLiteral("0")).toInt(&ok);
    if (!ok || milliseconds < 0)
        return context.usage(QStringLiteral("--lock-timeout needs a number of milliseconds (0 = off)"));
    return std::nullopt;
}

std::optional<int> prepareOfflinePlan(Context& context, const Args& args, const QString& command, const PlanOptions& options,
                                      Setup& setup, Plan& plan)
{
    Direction direction = Direction::Upgrade;
    QString target;
    if (const auto bad = parseDirectionTarget(context, args, command, direction, target))
        return bad;
    if (const auto failed = prepare(context, args, setup))
        return failed;
    return offlinePlan(context, args, setup, direction, target, options, plan);
}

BridgeRequest sqlBridgeRequest(const Context& context, const Args& args, const Setup& setup, const Plan& plan)
{
    BridgeRequest request;
    request.op = BridgeOp::Sql;
    request.configFile = setup.python.remote ? setup.python.remoteConfigPath : setup.snapshot->project.config.configFile;
    request.workingDirectory = QFileInfo(setup.snapshot->project.config.configFile).absolutePath();
    request.sqlDirection = directionName(plan.direction);
    request.target = plan.target;
    request.current = plan.currentHeads;
    request.overrideUrl = context.options().url;
    request.requireUrlMatch = !args.has(QStringLiteral("--allow-url-mismatch"));
    request.timeoutMs = setup.timeoutSeconds * 1000;
    request.tag = args.value(QStringLiteral("--tag"));
    return request;
}

namespace {

QString stepText(const StepEvent& step, const RevisionGraph& graph)
{
    // Alembic's "Running upgrade a, b -> c, message" wording; a stamp says it is one (no
    // migration runs: only alembic_version changes).
    QString text = step.isStamp ? QStringLiteral("stamp %1 -> %2 (alembic_version only, no migration runs)")
                                      .arg(listOrBase(step.fromRevisions), listOrBase(step.toRevisions))
                                : QStringLiteral("%1 %2 -> %3").arg(step.direction, commaJoin(step.fromRevisions), commaJoin(step.toRevisions));
    const int index = graph.indexOf(step.revision);
    if (!step.isStamp && index >= 0 && !graph.at(index).message.isEmpty())
        text += QStringLiteral(", ") + graph.at(index).message;
    return text;
}

QJsonObject stepJson(const QString& event, const StepEvent& step, bool finished)
{
    QJsonObject object{{QStringLiteral("event"), event},
                       {QStringLiteral("index"), step.index},
                       {QStringLiteral("total"), step.total},
                       {QStringLiteral("revision"), step.revision},
                       {QStringLiteral("direction"), step.direction},
                       {QStringLiteral("from"), QJsonArray::fromStringList(step.fromRevisions)},
                       {QStringLiteral("to"), QJsonArray::fromStringList(step.toRevisions)}};
    if (step.isStamp)
        object.insert(QStringLiteral("stamp"), true);
    if (finished) {
        object.insert(QStringLiteral("heads"), QJsonArray::fromStringList(step.headsAfter));
        object.insert(QStringLiteral("elapsed_ms"), step.elapsedMs);
    }
    return object;
}

// ------------------------------------------------------------------------- upgrade / downgrade / stamp

int runCommand(Context& context, const QStringList& rawArgs, BridgeOp op)
{
    const QString name = bridgeOpName(op);
    QStringList valueOptions = kValueOptions;
    if (op != BridgeOp::Stamp)
        valueOptions << QStringLiteral("--lock-timeout");
    const auto args = Args::parse(rawArgs, valueOptions, kFlags);
    if (!args)
        return context.usage(args.error().message);
    int lockTimeoutMs = 0;
    if (const auto bad = parseLockTimeout(context, *args, lockTimeoutMs))
        return *bad;
    if (op != BridgeOp::Stamp && args->has(QStringLiteral("--purge")))
        return context.usage(QStringLiteral("--purge goes with stamp"));
    if (args->has(QStringLiteral("--current")))
        return context.usage(QStringLiteral("%1 runs against the database; --current is for sql and plan").arg(name));
    const QStringList& pos = args->positionals();
    if (pos.isEmpty() || (op != BridgeOp::Stamp && pos.size() != 1))
        return context.usage(op == BridgeOp::Stamp ? QStringLiteral("stamp needs a target: stamp TARGET [TARGET...]")
                                                   : QStringLiteral("%1 needs one target: %1 TARGET").arg(name));
    const QString target = pos.join(QLatin1Char(','));

    Setup setup;
    if (const auto failed = prepare(context, *args, setup))
        return *failed;
    const RevisionGraph& graph = *setup.graph;

    // --timeout covers the whole command from here: the version read before the run included.
    QElapsedTimer clock;
    clock.start();
    const qint64 timeoutMs = qint64(setup.timeoutSeconds) * 1000;
    const Result<QStringList> current = currentHeads(context, setup, int(qMin(timeoutMs, qint64(INT_MAX))));
    if (!current) {
        const bool badUrl = current.error().code == QLatin1String("db-url");
        return context.fail(current.error(), badUrl ? ExitBadInput : ExitFailed);
    }

    // The plan and what the run must leave behind: the same as the window's (RunPlanner).
    const RunKind kind = op == BridgeOp::Upgrade ? RunKind::Upgrade : op == BridgeOp::Downgrade ? RunKind::Downgrade : RunKind::Stamp;
    const Result<RunRequest> run = RunPlanner::prepare(*setup.snapshot, *current, kind, target, args->has(QStringLiteral("--purge")));
    if (!run)
        return context.fail(run.error(), run.error().code == QLatin1String("alembic-crash") ? ExitFailed : ExitBadInput);
    const int total = int(run->plan.steps.size());
    // --lock-timeout travels with the target, as a connection profile's lock timeout does in the window.
    const ConnectionTarget connection{context.options().url, QStringLiteral("--url"), false, ConnectionKind::Development, lockTimeoutMs};
    if (run->isStamp() && !context.options().url.isEmpty()) {
        // A stamp over a schema that is not the target's is how a later downgrade fails: say so first.
        const Result<DatabaseState> database = databaseStateFor(context, *setup.snapshot);
        if (database) {
            for (const Problem& p : RunPlanner::checkStamp(*setup.snapshot, *run, *database)) {
                if (context.json())
                    context.printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("warning")},
                                                  {QStringLiteral("code"), p.code},
                                                  {QStringLiteral("message"), p.message}});
                else
                    context.warn(QStringLiteral("warning: ") + p.message);
            }
        }
    }
    JobRequest request = RunPlanner::jobRequest(*setup.snapshot, *run, setup.python, connection,
                                                VersionLocation::fromProject(setup.snapshot->project.config));
    request.bridge.timeoutMs = timeoutMs > 0 ? int(qBound(qint64(1), timeoutMs - clock.elapsed(), qint64(INT_MAX))) : 0;
    request.bridge.tag = args->value(QStringLiteral("--tag"));
    request.bridge.requireUrlMatch = !args->has(QStringLiteral("--allow-url-mismatch"));

    const QString where = context.options().url.isEmpty() ? QStringLiteral("the database env.py connects to") : connection.redacted();
    if (!context.json()) {
        if (op == BridgeOp::Stamp) {
            context.out(QStringLiteral("Stamping %1 with %2 (from %3), using %4")
                            .arg(where, target, listOrBase(*current), setup.python.description));
        } else {
            // A relative or symbolic target ("-1", "heads", "auth@head") is shown with what it
            // resolves to. One arg() call: a URL's %-escapes are never taken for placeholders.
            QString to = target;
            if (graph.indexOf(target) < 0)
                to += QStringLiteral(" (= %1)").arg(listOrBase(run->plan.resultingHeads));
            context.out(QStringLiteral("%1 %2 from %3 to %4: %5, using %6")
                            .arg(op == BridgeOp::Upgrade ? QStringLiteral("Upgrading") : QStringLiteral("Downgrading"), where,
                                 listOrBase(*current), to,
                                 total == 1 ? QStringLiteral("1 step") : QStringLiteral("%1 steps").arg(total),
                                 setup.python.description));
        }
    }

    AlembicJob job(request);
    QObject receiver; // context object: the connections die with it
    QObject::connect(&job, &AlembicJob::urlResolved, &receiver, [&](const QJsonObject& url) {
        if (context.json())
            context.printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("url")},
                                          {QStringLiteral("url"), url.value(QStringLiteral("url"))},
                                          {QStringLiteral("dialect"), url.value(QStringLiteral("dialect"))},
                                          {QStringLiteral("matches_override"), url.value(QStringLiteral("matches_override"))},
                                          {QStringLiteral("transaction_per_migration"), url.value(QStringLiteral("transaction_per_migration"))},
                                          {QStringLiteral("transactional_ddl"), url.value(QStringLiteral("transactional_ddl"))}});
        else if (context.options().verbose)
            context.warn(QStringLiteral("env.py connects to %1").arg(url.value(QStringLiteral("url")).toString()));
    });
    QObject::connect(&job, &AlembicJob::warningRaised, &receiver, [&](const QString& code, const QString& message) {
        if (context.json())
            context.printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("warning")},
                                          {QStringLiteral("code"), code},
                                          {QStringLiteral("message"), message}});
        else
            context.warn(QStringLiteral("warning: ") + message);
    });
    QObject::connect(&job, &AlembicJob::stepStarted, &receiver, [&](const StepEvent& step) {
        if (context.json())
            context.printJson(stepJson(QStringLiteral("step_started"), step, false));
        else
            context.out(QStringLiteral("[%1/%2] %3 ...").arg(step.index + 1).arg(step.total).arg(stepText(step, graph)));
    });
    QObject::connect(&job, &AlembicJob::stepFinished, &receiver, [&](const StepEvent& step) {
        if (context.json())
            context.printJson(stepJson(QStringLiteral("step_finished"), step, true));
        else
            context.out(QStringLiteral("[%1/%2] done in %3 ms").arg(step.index + 1).arg(step.total).arg(step.elapsedMs));
    });
    QObject::connect(&job, &AlembicJob::logLine, &receiver, [&](const QString& level, const QString& text) {
        if (!context.options().verbose)
            return;
        if (context.json())
            context.printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("log")},
                                          {QStringLiteral("level"), level},
                                          {QStringLiteral("message"), text}});
        else
            context.warn(text);
    });

    JobResult result;
    {
        InterruptScope interrupt(&job);
        result = job.run();
    }

    if (context.json()) {
        QJsonObject event = result.toJson();
        event.insert(QStringLiteral("event"), QStringLiteral("result"));
        context.printJson(event);
    } else {
        context.out(QStringLiteral("alembic_version: %1 (%2)")
                        .arg(result.versionKnown ? listOrBase(result.versionAfter) : QStringLiteral("unknown"), result.outcome));
        for (const QString& difference : std::as_const(result.discrepancies))
            if (difference != result.outcome)
                context.warn(QStringLiteral("difference: ") + difference);
        if (!result.ok && !result.traceback.isEmpty() && context.options().verbose)
            context.warn(result.traceback);
    }
    if (result.ok)
        return ExitOk;
    return context.fail(result.error, result.exitCode == 0 ? ExitFailed : result.exitCode);
}

int runUpgrade(Context& context, const QStringList& args)
{
    return runCommand(context, args, BridgeOp::Upgrade);
}

int runDowngrade(Context& context, const QStringList& args)
{
    return runCommand(context, args, BridgeOp::Downgrade);
}

int runStamp(Context& context, const QStringList& args)
{
    return runCommand(context, args, BridgeOp::Stamp);
}

// ------------------------------------------------------------------------------------ merge

// `alembic merge`: the project's Alembic writes a revision joining the given revisions (default:
// every head). The revisions are resolved first, with Alembic's grammar and errors, so a typo
// fails before Python starts; a merge of fewer than two distinct revisions is refused.
int runMerge(Context& context, const QStringList& rawArgs)
{
    QStringList normalised;
    for (const QString& arg : rawArgs)
        normalised << (arg == QLatin1String("-m") ? QStringLiteral("--message") : arg);
    QStringList valueOptions = kValueOptions;
    valueOptions << QStringLiteral("--message") << QStringLiteral("--branch-label") << QStringLiteral("--rev-id");
    const auto args = Args::parse(normalised, valueOptions, kFlags);
    if (!args)
        return context.usage(args.error().message);
    if (args->has(QStringLiteral("--current")) || args->has(QStringLiteral("--purge")))
        return context.usage(QStringLiteral("merge takes revisions, -m MESSAGE, --branch-label and --rev-id"));
    if (args->has(QStringLiteral("--rev-id"))) {
        if (const Status valid = RevisionSpec::validateNewId(args->value(QStringLiteral("--rev-id"))); !valid)
            return context.fail(valid.error(), ExitBadInput);
    }

    Setup setup;
    if (const auto failed = prepare(context, *args, setup))
        return *failed;
    const RevisionGraph& graph = *setup.graph;

    QStringList ids;
    const QStringList specs = args->positionals().isEmpty() ? QStringList{QStringLiteral("heads")} : args->positionals();
    for (const QString& spec : specs) {
        const Result<QVector<int>> resolved = RevisionSpec::resolve(graph, spec);
        if (!resolved)
            return context.fail(resolved.error(), ExitBadInput);
        for (const int index : *resolved) {
            if (index >= 0 && !ids.contains(graph.at(index).id))
                ids << graph.at(index).id;
        }
    }
    if (ids.size() < 2)
        return context.fail(Error{QStringLiteral("nothing-to-merge"),
                                  ids.isEmpty() ? QStringLiteral("there is nothing to merge: the project has no revisions")
                                                : QStringLiteral("there is nothing to merge: %1 is the only revision given").arg(ids.first()),
                                  QStringLiteral("Name two or more revisions (by default every head is merged)."), {}, 0},
                            ExitBadInput);

    BridgeRequest request;
    request.op = BridgeOp::Merge;
    request.configFile = setup.python.remote ? setup.python.remoteConfigPath : setup.snapshot->project.config.configFile;
    request.workingDirectory = QFileInfo(setup.snapshot->project.config.configFile).absolutePath();
    request.target = ids.join(QLatin1Char(','));
    request.message = args->value(QStringLiteral("--message"));
    request.branchLabel = args->value(QStringLiteral("--branch-label"));
    request.revisionId = args->value(QStringLiteral("--rev-id"));
    request.overrideUrl = context.options().url; // only used when env.py runs (revision_environment)
    request.requireUrlMatch = false;
    request.timeoutMs = setup.timeoutSeconds * 1000;
    const Result<MergeOutcome> merged = AlembicBridge::merge(setup.python, request);
    if (!merged)
        return context.fail(merged.error(), ExitFailed);
    if (context.json()) {
        context.printJson(QJsonObject{{QStringLiteral("revision"), merged->revision},
                                      {QStringLiteral("path"), merged->path},
                                      {QStringLiteral("down_revisions"), QJsonArray::fromStringList(merged->downRevisions)}});
    } else {
        context.out(QStringLiteral("Created merge revision %1 joining %2\n  %3")
                        .arg(merged->revision, commaJoin(merged->downRevisions), merged->path));
    }
    return ExitOk;
}

// ------------------------------------------------------------------------------------ sql

int runSql(Context& context, const QStringList& rawArgs)
{
    const auto args = Args::parse(rawArgs, kValueOptions, kFlags);
    if (!args)
        return context.usage(args.error().message);
    Setup setup;
    Plan plan;
    if (const auto failed = prepareOfflinePlan(context, *args, QStringLiteral("sql"), PlanOptions{}, setup, plan))
        return *failed;
    const BridgeRequest request = sqlBridgeRequest(context, *args, setup, plan);

    JobRequest jobRequest;
    jobRequest.python = setup.python;
    jobRequest.bridge = request;
    jobRequest.rereadVersions = false;
    AlembicJob job(jobRequest);
    QObject receiver;
    QObject::connect(&job, &AlembicJob::warningRaised, &receiver,
                     [&](const QString&, const QString& message) { context.warn(QStringLiteral("warning: ") + message); });
    JobResult result;
    {
        InterruptScope interrupt(&job);
        result = job.run();
    }
    if (!result.ok)
        return context.fail(result.error, result.exitCode == 0 ? ExitFailed : result.exitCode);

    if (context.json()) {
        QJsonArray sections;
        for (const SqlSection& section : std::as_const(result.sql.sections)) {
            QJsonObject object{{QStringLiteral("kind"), section.kind}, {QStringLiteral("sql"), section.sql}};
            if (section.kind == QLatin1String("step")) {
                object.insert(QStringLiteral("revision"), section.revision);
                object.insert(QStringLiteral("direction"), section.direction);
                object.insert(QStringLiteral("from"), QJsonArray::fromStringList(section.fromRevisions));
                object.insert(QStringLiteral("to"), QJsonArray::fromStringList(section.toRevisions));
            }
            sections.append(object);
        }
        context.printJson(QJsonObject{{QStringLiteral("sections"), sections},
                                      {QStringLiteral("steps"), result.sql.stepCount()},
                                      {QStringLiteral("current"), QJsonArray::fromStringList(plan.currentHeads)},
                                      {QStringLiteral("dialect"), result.sql.url.value(QStringLiteral("dialect"))}});
    } else {
        // Byte for byte what `alembic upgrade a:b --sql` prints.
        const QByteArray bytes = result.sql.fullText().toUtf8();
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
    }
    return ExitOk;
}

} // namespace

} // namespace retort::cli

RETORT_CLI_COMMAND("sql", "sql upgrade|downgrade TARGET [--current ID[,ID...]|base]  offline SQL from Alembic, per step",
                   retort::cli::runSql);
RETORT_CLI_COMMAND("upgrade", "upgrade TARGET [--lock-timeout MS]  run Alembic's upgrade (--url; progress, --json events)",
                   retort::cli::runUpgrade);
RETORT_CLI_COMMAND("downgrade", "downgrade TARGET [--lock-timeout MS]  run Alembic's downgrade (--url)",
                   retort::cli::runDowngrade);
RETORT_CLI_COMMAND("stamp", "stamp TARGET [--purge] set alembic_version without running migrations (--url)",
                   retort::cli::runStamp);
RETORT_CLI_COMMAND("merge", "merge [REV...] [-m MESSAGE] [--branch-label L] [--rev-id ID]  write a merge revision "
                            "through Alembic (default: join every head)",
                   retort::cli::runMerge);
