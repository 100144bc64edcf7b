#include "core/lint/PlanLinter.h"

#include "core/db/DatabaseUrl.h"

#include <QtConcurrent/QtConcurrentMap>

namespace retort::lint {

namespace {

Status checkDialect(const SqlPreview& preview)
{
    const QString dialect = preview.url.value(QStringLiteral("dialect")).toString();
    if (!dialect.isEmpty() && dialect != QLatin1String("postgresql"))
        return Error{QStringLiteral("lint-dialect"),
                     QStringLiteral("lint reviews PostgreSQL migrations, and env.py renders %1 SQL").arg(dialect),
                     QStringLiteral("Point env.py (or --url) at the PostgreSQL database the migrations are written for."),
                     {}, 0};
    return Ok{};
}

// Alembic's offline SQL for the plan, fed to the linter. A step Alembic cannot render (it reads
// the database while it runs) is marked in `steps`, and rendering starts again after it from the
// heads that step leaves, so one such revision does not hide the rest of the plan.
Status render(const PlanLintRequest& request, QVector<LintStepInput>& steps, SqlLinter& linter, const std::atomic_bool* cancel)
{
    const QVector<PlanStep>& planSteps = request.plan.steps;
    QStringList current = request.plan.currentHeads;
    int next = 0;
    while (next < planSteps.size()) {
        BridgeRequest bridge = request.bridge;
        bridge.op = BridgeOp::Sql;
        bridge.sqlDirection = directionName(request.plan.direction);
        bridge.current = current;
        SqlPreview partial;
        const Result<SqlPreview> rendered = AlembicBridge::previewSql(request.python, bridge, cancel, &partial);
        const SqlPreview& preview = rendered ? *rendered : partial;
        if (const Status dialect = checkDialect(preview); !dialect)
            return dialect;
        // The sections; after a failure, nothing past the last complete step (the failing step's
        // beginning is in the tail).
        int lastStep = -1;
        for (int i = 0; i < preview.sections.size(); ++i)
            if (preview.sections.at(i).kind == QLatin1String("step"))
                lastStep = i;
        int renderedSteps = 0;
        for (int i = 0; i < preview.sections.size(); ++i) {
            const SqlSection& section = preview.sections.at(i);
            if (section.kind == QLatin1String("step")) {
                const int index = next + renderedSteps++;
                linter.addSql(section.sql, index, index < planSteps.size() ? planSteps.at(index).revision : section.revision);
            } else if (rendered || i < lastStep) {
                linter.addSql(section.sql, -1);
            }
        }
        if (rendered)
            return Ok{};
        const Error& error = rendered.error();
        const int failed = next + renderedSteps;
        if (error.code != QLatin1String("migration-failed") || failed >= planSteps.size())
            return error;
        steps[failed].step.rendered = false;
        steps[failed].step.renderError = error.message;
        next = failed + 1;
        current = planSteps.at(failed).headsAfter;
        if (request.plan.direction == Direction::Downgrade && current.size() != 1) {
            for (int i = next; i < planSteps.size(); ++i) {
                steps[i].step.rendered = false;
                steps[i].step.renderError =
                    QStringLiteral("Alembic's offline downgrade starts from one revision, and the step that could not be "
                                   "rendered leaves %1")
                        .arg(current.isEmpty() ? QStringLiteral("none") : current.join(QStringLiteral(", ")));
            }
            return Ok{};
        }
    }
    return Ok{};
}

} // namespace

namespace {

// The plan's steps with what their revision files say.
QVector<LintStepInput> stepInputs(const PlanLintRequest& request)
{
    const QString function = request.plan.direction == Direction::Downgrade ? QStringLiteral("downgrade") : QStringLiteral("upgrade");
    QVector<LintStepInput> steps;
    steps.reserve(request.plan.steps.size());
    for (int i = 0; i < request.plan.steps.size(); ++i) {
        const PlanStep& planStep = request.plan.steps.at(i);
        LintStepInput input;
        input.step.index = i;
        input.step.revision = planStep.revision;
        input.step.direction = directionName(planStep.direction);
        input.step.fromRevisions = planStep.fromRevisions;
        input.step.toRevisions = planStep.toRevisions;
        input.step.path = request.revisionPaths.value(planStep.revision);
        steps << input;
    }
    // The revision files, read while nothing else needs the CPU (the bridge runs Python next).
    QtConcurrent::blockingMap(steps, [&function](LintStepInput& input) {
        if (!input.step.path.isEmpty())
            input.source = scanRevisionSource(input.step.path, function);
    });
    return steps;
}

// The live facts (when a database is given) and the rules over what `linter` holds.
Result<LintReport> conclude(const PlanLintRequest& request, const QVector<LintStepInput>& steps, const SqlLinter& linter)
{
    CatalogFacts facts;
    if (!request.databaseUrl.isEmpty()) {
        const Result<DatabaseUrl> url = DatabaseUrl::parse(request.databaseUrl);
        if (!url)
            return url.error();
        Result<CatalogFacts> live = LiveCatalog::read(*url, linter.questions(), request.live, request.connectTimeoutSeconds);
        if (!live)
            return live.error();
        facts = std::move(live.value());
    }
    LintReport report = linter.review(steps, facts);
    report.direction = directionName(request.plan.direction);
    report.currentHeads = request.plan.currentHeads;
    report.target = request.plan.target;
    return report;
}

Error cancelled()
{
    return Error{QStringLiteral("cancelled"), QStringLiteral("The review was cancelled."), {}, {}, 0};
}

} // namespace

Result<LintReport> PlanLinter::run(const PlanLintRequest& request, const std::atomic_bool* cancel)
{
    QVector<LintStepInput> steps = stepInputs(request);
    SqlLinter linter(request.lint);
    if (const Status rendered = render(request, steps, linter, cancel); !rendered)
        return rendered.error();
    return conclude(request, steps, linter);
}

Result<LintReport> PlanLinter::review(const PlanLintRequest& request, const SqlPreview& rendered, const std::atomic_bool* cancel)
{
    if (const Status dialect = checkDialect(rendered); !dialect)
        return dialect.error();
    const QVector<PlanStep>& planSteps = request.plan.steps;
    if (rendered.stepCount() != planSteps.size())
        return Error{QStringLiteral("lint-render-mismatch"),
                     QStringLiteral("The SQL has %1 step(s) and the plan %2.").arg(rendered.stepCount()).arg(planSteps.size()), {}, {}, 0};
    QVector<LintStepInput> steps = stepInputs(request);
    if (cancel && cancel->load())
        return cancelled();
    SqlLinter linter(request.lint);
    int step = 0;
    for (const SqlSection& section : rendered.sections) {
        if (section.kind != QLatin1String("step")) {
            linter.addSql(section.sql, -1);
            continue;
        }
        if (section.revision != planSteps.at(step).revision)
            return Error{QStringLiteral("lint-render-mismatch"),
                         QStringLiteral("Step %1 of the SQL is %2, and of the plan %3.")
                             .arg(step + 1)
                             .arg(section.revision, planSteps.at(step).revision),
                         {}, {}, 0};
        linter.addSql(section.sql, step, section.revision);
        ++step;
    }
    if (cancel && cancel->load())
        return cancelled();
    return conclude(request, steps, linter);
}

} // namespace retort::lint
