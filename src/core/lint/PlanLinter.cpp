#include "core/lint/PlanLinter.h"

#include "core/db/DatabaseUrl.h"
#include "core/exec/PlanSql.h"

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

// The rendered plan's sections into the linter, each step under its plan index; a step Alembic
// could not render is marked on its input. The sections must be the plan's steps, in order.
Status feed(const QVector<PlanStep>& planSteps, const SqlPreview& rendered, QVector<LintStepInput>& steps, SqlLinter& linter)
{
    if (rendered.planStepCount() != planSteps.size())
        return Error{QStringLiteral("lint-render-mismatch"),
                     QStringLiteral("The SQL has %1 step(s) and the plan %2.").arg(rendered.planStepCount()).arg(planSteps.size()),
                     {}, {}, 0};
    int step = 0;
    for (const SqlSection& section : rendered.sections) {
        const bool unrendered = section.kind == QLatin1String("unrendered");
        if (section.kind != QLatin1String("step") && !unrendered) {
            linter.addSql(section.sql, -1);
            continue;
        }
        if (section.revision != planSteps.at(step).revision)
            return Error{QStringLiteral("lint-render-mismatch"),
                         QStringLiteral("Step %1 of the SQL is %2, and of the plan %3.")
                             .arg(step + 1)
                             .arg(section.revision, planSteps.at(step).revision),
                         {}, {}, 0};
        if (unrendered) {
            steps[step].step.rendered = false;
            steps[step].step.renderError = section.note;
        } else {
            linter.addSql(section.sql, step, section.revision);
        }
        ++step;
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
    const Result<SqlPreview> rendered = PlanSqlRenderer::render(request.python, request.bridge, request.plan, cancel);
    if (!rendered)
        return rendered.error();
    if (const Status dialect = checkDialect(*rendered); !dialect)
        return dialect.error();
    SqlLinter linter(request.lint);
    if (const Status fed = feed(request.plan.steps, *rendered, steps, linter); !fed)
        return fed.error();
    return conclude(request, steps, linter);
}

Result<LintReport> PlanLinter::review(const PlanLintRequest& request, const SqlPreview& rendered, const std::atomic_bool* cancel)
{
    if (const Status dialect = checkDialect(rendered); !dialect)
        return dialect.error();
    QVector<LintStepInput> steps = stepInputs(request);
    if (cancel && cancel->load())
        return cancelled();
    SqlLinter linter(request.lint);
    if (const Status fed = feed(request.plan.steps, rendered, steps, linter); !fed)
        return fed.error();
    if (cancel && cancel->load())
        return cancelled();
    return conclude(request, steps, linter);
}

} // namespace retort::lint
