// retort-cli heads / history / plan: the revision graph and Alembic's step order, headless.
// Output shapes are the DESIGN.md contract (tests/differential compares them with Alembic).

#include "cli/Cli.h"
#include "cli/ProjectOptions.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/VersionTable.h"
#include "core/graph/Planner.h"
#include "core/graph/RevisionGraph.h"

#include <QJsonArray>
#include <QJsonValue>

namespace retort::cli {

namespace {

constexpr int kConnectTimeoutSeconds = 5;

QString commaJoin(const QStringList& items)
{
    return items.join(QStringLiteral(", "));
}

// Alembic's Script._format_down_revision.
QString formatDown(const Revision& r)
{
    return r.downRevisions.isEmpty() ? QStringLiteral("<base>") : commaJoin(r.downRevisions);
}

// The head marker Alembic prints (Script._head_only): "(head)" for a real head (nothing builds on
// it, not even through depends_on), "(effective head)" when only a depends_on points at it.
QString headMarker(const Revision& r)
{
    if (r.isRealHead)
        return QStringLiteral(" (head)");
    if (r.isHead)
        return QStringLiteral(" (effective head)");
    return {};
}

int graphFailure(const Context& context, const Error& error)
{
    return context.fail(error, ExitBadInput);
}

// ---------------------------------------------------------------------------------- heads

int runHeads(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {}, {});
    if (!parsed)
        return context.usage(parsed.error().message);
    if (!parsed->positionals().isEmpty())
        return context.usage(QStringLiteral("heads takes no arguments (got '%1')").arg(parsed->positionals().first()));
    const Result<RevisionGraph> graph = loadGraphFor(context);
    if (!graph)
        return graphFailure(context, graph.error());

    // `alembic heads`: ScriptDirectory.get_heads(), the revisions no down_revision names.
    if (context.json()) {
        QJsonArray heads;
        for (int h : graph->heads())
            heads.append(graph->at(h).id);
        context.printJson(QJsonObject{{QStringLiteral("heads"), heads}});
        return ExitOk;
    }
    QString text;
    for (int h : graph->heads()) {
        const Revision& r = graph->at(h);
        text += r.id;
        if (!r.allBranchLabels.isEmpty())
            text += QStringLiteral(" (") + commaJoin(r.allBranchLabels) + QLatin1Char(')');
        text += headMarker(r) + QLatin1Char('\n');
    }
    if (!text.isEmpty())
        context.out(text);
    return ExitOk;
}

// -------------------------------------------------------------------------------- history

// branch_labels: what `alembic history` shows, i.e. Script.branch_labels after
// RevisionMap._add_branches (declared labels plus those inherited along the branch), sorted.
// is_head / is_base / is_branch_point / is_merge_point: Alembic's Revision properties of the same
// name (down_revision edges only; is_head = listed by `alembic heads`).
QJsonObject revisionJson(const Revision& r)
{
    return QJsonObject{{QStringLiteral("revision"), r.id},
                       {QStringLiteral("down_revisions"), QJsonArray::fromStringList(r.downRevisions)},
                       {QStringLiteral("branch_labels"), QJsonArray::fromStringList(r.allBranchLabels)},
                       {QStringLiteral("depends_on"), QJsonArray::fromStringList(r.dependsOn)},
                       {QStringLiteral("message"), r.message},
                       {QStringLiteral("create_date"), r.createDate},
                       {QStringLiteral("path"), r.path},
                       {QStringLiteral("is_head"), r.isHead},
                       {QStringLiteral("is_base"), r.isBase},
                       {QStringLiteral("is_branch_point"), r.isBranchPoint},
                       {QStringLiteral("is_merge_point"), r.isMergePoint}};
}

// One `alembic history` line (Script.cmd_format(verbose=False, include_branches=True,
// include_doc=True, include_parents=True)).
QString historyLine(const Revision& r)
{
    QString text = formatDown(r);
    if (!r.dependsOn.isEmpty())
        text += QStringLiteral(" (") + commaJoin(r.dependsOn) + QLatin1Char(')');
    text += QStringLiteral(" -> ") + r.id;
    if (!r.allBranchLabels.isEmpty())
        text += QStringLiteral(" (") + commaJoin(r.allBranchLabels) + QLatin1Char(')');
    text += headMarker(r);
    if (r.isBranchPoint)
        text += QStringLiteral(" (branchpoint)");
    if (r.isMergePoint)
        text += QStringLiteral(" (mergepoint)");
    text += QStringLiteral(", ") + r.message;
    return text;
}

int runHistory(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {}, {});
    if (!parsed)
        return context.usage(parsed.error().message);
    if (!parsed->positionals().isEmpty())
        return context.usage(
            QStringLiteral("history takes no arguments (got '%1'); ranges are not supported").arg(parsed->positionals().first()));
    const Result<RevisionGraph> graph = loadGraphFor(context);
    if (!graph)
        return graphFailure(context, graph.error());

    const QVector<int> order = graph->historyOrder();
    if (context.json()) {
        // Serialized one revision at a time: the same bytes as one compact QJsonDocument, without
        // holding a JSON tree of the whole history (10,000 revisions: ~30 MB less at peak).
        QByteArray bytes = QByteArrayLiteral("{\"revisions\":[");
        bytes.reserve(qsizetype(order.size()) * 320);
        for (qsizetype k = 0; k < order.size(); ++k) {
            if (k > 0)
                bytes += ',';
            bytes += QJsonDocument(revisionJson(graph->at(order[k]))).toJson(QJsonDocument::Compact);
        }
        bytes += "]}";
        context.out(QString::fromUtf8(bytes));
        return ExitOk;
    }
    QString text;
    for (int i : order)
        text += historyLine(graph->at(i)) + QLatin1Char('\n');
    if (!text.isEmpty())
        context.out(text);
    return ExitOk;
}

// ----------------------------------------------------------------------------------- plan

// The rows of alembic_version in the database named by --url (the project's version table).
Result<QStringList> databaseHeads(const Context& context, const LoadedProject& project)
{
    const Result<DatabaseUrl> url = DatabaseUrl::parse(context.options().url);
    if (!url)
        return url.error();
    const Result<VersionState> state = VersionTable::readAsync(*url, project.config.effectiveVersionTable(),
                                                               project.config.versionTableSchema, kConnectTimeoutSeconds)
                                           .result();
    if (!state)
        return state.error();
    return state->revisions;
}

QString stepLine(int number, const PlanStep& step, const RevisionGraph& graph)
{
    // Like Alembic's "Running upgrade a, b -> c, message" (two spaces after the verb from base).
    QString line = QStringLiteral("%1. %2 %3 -> %4")
                       .arg(number, 3)
                       .arg(directionName(step.direction), commaJoin(step.fromRevisions), commaJoin(step.toRevisions));
    const int index = graph.indexOf(step.revision);
    if (index >= 0 && !graph.at(index).message.isEmpty())
        line += QStringLiteral(", ") + graph.at(index).message;
    return line;
}

int runPlan(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {QStringLiteral("--current")}, {});
    if (!parsed)
        return context.usage(parsed.error().message);
    const QStringList& pos = parsed->positionals();
    if (pos.size() != 2)
        return context.usage(QStringLiteral("plan needs a direction and a target: plan upgrade|downgrade TARGET"));
    Direction direction = Direction::Upgrade;
    if (pos[0] == QLatin1String("upgrade"))
        direction = Direction::Upgrade;
    else if (pos[0] == QLatin1String("downgrade"))
        direction = Direction::Downgrade;
    else
        return context.usage(QStringLiteral("plan direction must be 'upgrade' or 'downgrade' (got '%1')").arg(pos[0]));
    const QString target = pos[1].trimmed();
    if (target.isEmpty())
        return context.usage(QStringLiteral("plan needs a non-empty target revision"));

    LoadedProject project;
    const Result<RevisionGraph> graph = loadGraphFor(context, RevisionGraph::Mode::Strict, &project);
    if (!graph)
        return graphFailure(context, graph.error());

    QStringList current;
    if (parsed->has(QStringLiteral("--current"))) {
        const QString value = parsed->value(QStringLiteral("--current")).trimmed();
        if (value.isEmpty())
            return context.usage(QStringLiteral("--current needs revision ids (comma-separated) or 'base'"));
        if (value != QLatin1String("base")) {
            for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString id = part.trimmed();
                if (id == QLatin1String("base"))
                    return context.usage(QStringLiteral("--current base cannot be combined with revision ids"));
                if (!id.isEmpty())
                    current << id;
            }
        }
    } else if (!context.options().url.isEmpty()) {
        const Result<QStringList> rows = databaseHeads(context, project);
        if (!rows)
            return context.fail(rows.error(), rows.error().code == QLatin1String("db-url") ? ExitBadInput : ExitFailed);
        current = *rows;
    }

    const Result<Plan> plan = Planner::plan(*graph, current, direction, target);
    if (!plan) {
        const bool crashed = plan.error().code == QLatin1String("alembic-crash");
        return context.fail(plan.error(), crashed ? ExitFailed : ExitBadInput);
    }
    if (context.json()) {
        QJsonArray steps;
        for (const PlanStep& s : plan->steps)
            steps.append(QJsonObject{{QStringLiteral("direction"), directionName(s.direction)},
                                     {QStringLiteral("revision"), s.revision}});
        context.printJson(QJsonObject{{QStringLiteral("steps"), steps},
                                      {QStringLiteral("resulting_heads"), QJsonArray::fromStringList(plan->resultingHeads)}});
        return ExitOk;
    }
    QString text = QStringLiteral("From %1, %2 %3:\n")
                       .arg(plan->currentHeads.isEmpty() ? QStringLiteral("base") : commaJoin(plan->currentHeads),
                            directionName(direction), target);
    if (plan->steps.isEmpty())
        text += QStringLiteral("  nothing to do\n");
    for (int i = 0; i < plan->steps.size(); ++i)
        text += stepLine(i + 1, plan->steps[i], *graph) + QLatin1Char('\n');
    text += QStringLiteral("Resulting heads: %1\n")
                .arg(plan->resultingHeads.isEmpty() ? QStringLiteral("(none: base)") : commaJoin(plan->resultingHeads));
    context.out(text);
    return ExitOk;
}

} // namespace

RETORT_CLI_COMMAND("heads", "heads                 list the head revisions (alembic heads)", runHeads);
RETORT_CLI_COMMAND("history", "history               all revisions, newest first (alembic history order)", runHistory);
RETORT_CLI_COMMAND("plan", "plan upgrade|downgrade TARGET [--current ID[,ID...]|base]  the steps Alembic would run",
                   runPlan);

} // namespace retort::cli
