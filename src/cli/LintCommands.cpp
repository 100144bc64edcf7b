// retort-cli lint upgrade|downgrade TARGET: the safety review of a plan before it runs (issue #16).
// Each step's offline SQL from the project's own Alembic, read with PostgreSQL's parser and checked
// against the rules of docs/LINT-RULES.md; with --url, weighed with the tables' live row counts and
// sizes, and the sessions holding locks on them listed.
//
// Options (besides the global -p / --url / --json and the bridge options of `sql`: --current,
// --python, --compose-*, --timeout, --tag, --allow-url-mismatch):
//   --fail-on info|warning|error   exit 1 when a finding reaches this severity (default: error)
//   --lock-timeout MS              the run will SET lock_timeout (as `upgrade --lock-timeout`)
//   --exact-counts                 count(*) the touched tables instead of using estimates (needs --url)
//
// Exit status: 0 nothing reaches the threshold, 1 something does (or Alembic failed), 2 bad input.

#include "cli/Cli.h"
#include "cli/ExecSupport.h"
#include "core/common/Redact.h"
#include "core/db/DatabaseUrl.h"
#include "core/lint/PlanLinter.h"

#include <QHash>

#include <algorithm>

#include <atomic>

namespace retort::cli {

namespace {

using namespace retort::lint;

// What one step does to each table: "orders ACCESS EXCLUSIVE, rewrites (lines 3, 9)".
QStringList stepLocks(const LintReport& report, int stepIndex)
{
    struct Summary
    {
        TableEffect effect;
        QStringList lines;
    };
    QVector<Summary> tables;
    for (const StatementEffect& statement : report.statements) {
        if (statement.stepIndex != stepIndex)
            continue;
        for (const TableEffect& effect : statement.tables) {
            auto found = std::find_if(tables.begin(), tables.end(), [&](const Summary& s) { return s.effect.table == effect.table; });
            if (found == tables.end()) {
                tables.append(Summary{effect, {}});
                found = tables.end() - 1;
            }
            found->effect.lock = strongerLock(found->effect.lock, effect.lock);
            found->effect.rewrites = found->effect.rewrites || effect.rewrites;
            found->effect.scans = found->effect.scans || effect.scans;
            found->effect.creates = found->effect.creates || effect.creates;
            if (!found->lines.contains(QString::number(statement.line)))
                found->lines << QString::number(statement.line);
        }
    }
    QStringList texts;
    for (const Summary& summary : std::as_const(tables)) {
        const TableEffect& effect = summary.effect;
        QString text = QStringLiteral("%1 %2").arg(effect.table.display(), lockModeName(effect.lock));
        if (effect.creates)
            text += QStringLiteral(", new table");
        else if (effect.rewrites)
            text += QStringLiteral(", rewrites");
        else if (effect.scans)
            text += QStringLiteral(", scans");
        text += QStringLiteral(" (%1 %2)").arg(summary.lines.size() == 1 ? QStringLiteral("line") : QStringLiteral("lines"),
                                               summary.lines.join(QStringLiteral(", ")));
        texts << text;
    }
    return texts;
}

QString sessionText(const BlockingSession& session)
{
    QString who = session.pid > 0 ? QStringLiteral("pid %1").arg(session.pid) : QStringLiteral("a prepared transaction");
    QStringList about;
    if (!session.user.isEmpty())
        about << session.user;
    if (!session.application.isEmpty())
        about << QStringLiteral("\"%1\"").arg(session.application);
    if (!session.clientAddress.isEmpty())
        about << session.clientAddress;
    if (!session.state.isEmpty())
        about << session.state;
    if (session.transactionSeconds >= 0)
        about << QStringLiteral("transaction open for %1 s").arg(session.transactionSeconds);
    if (!about.isEmpty())
        who += QStringLiteral(" (%1)").arg(about.join(QStringLiteral(", ")));
    QString text = QStringLiteral("%1 %2 %3 on %4")
                       .arg(who, session.granted ? QStringLiteral("holds") : QStringLiteral("waits for"),
                            lockModeName(session.mode), session.table.display());
    if (session.conflicts)
        text += QStringLiteral(": the plan's %1 would wait behind it").arg(lockModeName(session.planLock));
    return text;
}

void printText(const Context& context, const LintReport& report, const RevisionGraph& graph, const QString& where)
{
    QStringList lines;
    lines << QStringLiteral("Lint of %1 from %2 to %3: %4 step(s)%5")
                 .arg(report.direction,
                      report.currentHeads.isEmpty() ? QStringLiteral("base") : report.currentHeads.join(QStringLiteral(", ")),
                      report.target)
                 .arg(report.steps.size())
                 .arg(report.live ? QStringLiteral(", weighed against %1 (PostgreSQL %2)").arg(where).arg(report.serverVersion / 10000)
                                  : QStringLiteral(", offline (row counts, sizes and blocking sessions need --url)"));
    if (report.lockTimeoutMs > 0)
        lines << QStringLiteral("The run sets lock_timeout = %1 ms.").arg(report.lockTimeoutMs);
    if (!report.liveNote.isEmpty())
        lines << QStringLiteral("note: %1").arg(report.liveNote);

    QHash<int, QVector<const Finding*>> findingsPerStep;
    for (const Finding& finding : report.findings)
        findingsPerStep[finding.stepIndex] << &finding;

    for (const StepReview& step : report.steps) {
        const int index = graph.indexOf(step.revision);
        const QString message = index >= 0 ? graph.at(index).message : QString();
        lines << QString();
        lines << QStringLiteral("[%1/%2] %3 %4%5")
                     .arg(step.index + 1)
                     .arg(report.steps.size())
                     .arg(step.direction, step.revision, message.isEmpty() ? QString() : QStringLiteral("  ") + message);
        if (!step.rendered)
            lines << QStringLiteral("  offline SQL not available: %1").arg(step.renderError);
        const QStringList locks = stepLocks(report, step.index);
        if (!locks.isEmpty())
            lines << QStringLiteral("  locks: %1").arg(locks.join(QStringLiteral("; ")));
        const QVector<const Finding*> findings = findingsPerStep.value(step.index);
        if (findings.isEmpty())
            lines << QStringLiteral("  no findings");
        for (const Finding* finding : findings) {
            const QString position = finding->line > 0 ? QStringLiteral("line %1").arg(finding->line)
                                              : QStringLiteral("%1:%2").arg(finding->path).arg(finding->sourceLine);
            QStringList head{severityName(finding->severity), finding->rule, position};
            if (!finding->table.isEmpty())
                head << finding->table.display();
            if (finding->lock != LockMode::None)
                head << lockModeName(finding->lock) + (finding->rewrites ? QStringLiteral(", rewrites")
                                                       : finding->scans  ? QStringLiteral(", scans")
                                                                         : QString());
            lines << QStringLiteral("  %1").arg(head.join(QStringLiteral("  ")));
            lines << QStringLiteral("      %1").arg(finding->message);
            if (!finding->statement.isEmpty())
                lines << QStringLiteral("      > %1").arg(finding->statement.simplified().left(300));
            if (!finding->weight.isEmpty())
                lines << QStringLiteral("      weight: %1").arg(finding->weight);
            lines << QStringLiteral("      fix: %1").arg(finding->fix);
        }
    }

    if (!report.blockingSessions.isEmpty()) {
        lines << QString() << QStringLiteral("Sessions holding or waiting for locks on these tables (%1):").arg(report.blockingSessions.size());
        for (const BlockingSession& session : report.blockingSessions) {
            lines << QStringLiteral("  %1").arg(sessionText(session));
            if (!session.query.isEmpty())
                lines << QStringLiteral("      query: %1").arg(session.query);
        }
    }
    if (!report.dataLoss.isEmpty()) {
        lines << QString() << QStringLiteral("Data this plan destroys:");
        for (const DataLoss& loss : report.dataLoss) {
            const QString what = loss.column.isEmpty() ? loss.table.display() : loss.table.display() + QLatin1Char('.') + loss.column;
            lines << QStringLiteral("  [%1/%2] %3: %4 %5, %6")
                         .arg(loss.stepIndex + 1)
                         .arg(report.steps.size())
                         .arg(loss.revision, loss.what, what,
                              loss.rows < 0 ? QStringLiteral("rows unknown") : QStringLiteral("%1 rows").arg(formatRows(loss.rows)));
        }
    }
    lines << QString()
          << QStringLiteral("%1 error(s), %2 warning(s), %3 info; %4")
                 .arg(report.count(Severity::Error))
                 .arg(report.count(Severity::Warning))
                 .arg(report.count(Severity::Info))
                 .arg(report.wouldLoseRows ? QStringLiteral("rows would be lost") : QStringLiteral("no rows would be lost"));
    context.out(lines.join(QLatin1Char('\n')));
}

int runLint(Context& context, const QStringList& rawArgs)
{
    QStringList valueOptions = bridgeValueOptions();
    valueOptions << QStringLiteral("--fail-on") << QStringLiteral("--lock-timeout");
    QStringList flags = bridgeFlags();
    flags << QStringLiteral("--exact-counts");
    const auto args = Args::parse(rawArgs, valueOptions, flags);
    if (!args)
        return context.usage(args.error().message);
    if (args->has(QStringLiteral("--purge")))
        return context.usage(QStringLiteral("--purge goes with stamp"));
    const std::optional<Severity> failOn = severityFromName(args->value(QStringLiteral("--fail-on"), QStringLiteral("error")));
    if (!failOn)
        return context.usage(QStringLiteral("--fail-on takes info, warning or error (got '%1')").arg(args->value(QStringLiteral("--fail-on"))));
    int lockTimeoutMs = 0;
    if (const auto bad = parseLockTimeout(context, *args, lockTimeoutMs))
        return *bad;
    const bool exactCounts = args->has(QStringLiteral("--exact-counts"));
    if (exactCounts && context.options().url.isEmpty())
        return context.usage(QStringLiteral("--exact-counts counts rows in the database given with --url"));
    PlanOptions planOptions;
    planOptions.headsAfterEachStep = true; // where rendering resumes after a step that cannot render offline
    Setup setup;
    Plan plan;
    if (const auto failed = prepareOfflinePlan(context, *args, QStringLiteral("lint"), planOptions, setup, plan))
        return *failed;

    PlanLintRequest request;
    request.python = setup.python;
    request.bridge = sqlBridgeRequest(context, *args, setup, plan);
    request.plan = plan;
    const RevisionGraph& graph = *setup.graph;
    for (const PlanStep& step : std::as_const(plan.steps)) {
        const int index = graph.indexOf(step.revision);
        if (index >= 0)
            request.revisionPaths.insert(step.revision, graph.at(index).path);
    }
    request.databaseUrl = context.options().url;
    request.lint.lockTimeoutMs = lockTimeoutMs;
    request.lint.versionTable = setup.snapshot->project.config.effectiveVersionTable();
    request.lint.versionTableSchema = setup.snapshot->project.config.versionTableSchema;
    request.live.exactCounts = exactCounts;

    Result<LintReport> report = [&] {
        InterruptFlag interrupt; // Ctrl+C / SIGTERM during the review stop the bridge
        return PlanLinter::run(request, InterruptFlag::flag());
    }();
    if (!report) {
        const QString& code = report.error().code;
        const bool badInput = code == QLatin1String("db-url") || code == QLatin1String("lint-dialect");
        return context.fail(report.error(), badInput ? ExitBadInput : ExitFailed);
    }
    if (context.json())
        context.printJson(report->toJson());
    else
        printText(context, *report, graph, redactUrl(context.options().url));
    return report->reaches(*failOn) ? ExitFailed : ExitOk;
}

} // namespace

} // namespace retort::cli

RETORT_CLI_COMMAND("lint", "lint upgrade|downgrade TARGET [--current ...] [--fail-on warning|error] [--lock-timeout MS] "
                           "[--exact-counts]  review each step's SQL: locks, rewrites, data loss (--url: row counts, "
                           "sizes, blocking sessions)",
                   retort::cli::runLint);
