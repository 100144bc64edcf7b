#include "core/exec/PlanSql.h"

#include <optional>

namespace retort {

Result<SqlPreview> PlanSqlRenderer::render(const PythonCommand& python, const BridgeRequest& bridge, const Plan& plan,
                                        const std::atomic_bool* cancel)
{
    SqlPreview out;
    const QVector<PlanStep>& steps = plan.steps;
    const auto markUnrendered = [&](int index, const QString& note) {
        const PlanStep& step = steps.at(index);
        SqlSection section;
        section.kind = QStringLiteral("unrendered");
        section.revision = step.revision;
        section.direction = directionName(step.direction);
        section.fromRevisions = step.fromRevisions;
        section.toRevisions = step.toRevisions;
        section.note = note;
        out.sections << section;
    };
    QStringList current = plan.currentHeads;
    int next = 0;
    bool first = true;
    while (next < steps.size()) {
        BridgeRequest request = bridge;
        request.op = BridgeOp::Sql;
        request.sqlDirection = directionName(plan.direction);
        request.current = current;
        SqlPreview partial;
        const Result<SqlPreview> rendered = AlembicBridge::previewSql(python, request, cancel, &partial);
        const SqlPreview& piece = rendered ? *rendered : partial;
        if (first)
            out.url = piece.url;
        // After a failure, nothing past the last complete step: what follows it is the failing
        // step's beginning (its BEGIN, the statements before the read), which is not its SQL.
        int lastStep = -1;
        for (int i = 0; i < piece.sections.size(); ++i)
            if (piece.sections.at(i).kind == QLatin1String("step"))
                lastStep = i;
        int renderedSteps = 0;
        std::optional<Error> mismatch;
        for (int i = 0; i < piece.sections.size(); ++i) {
            SqlSection section = piece.sections.at(i);
            if (section.kind == QLatin1String("step")) {
                // Alembic renders the plan's steps in the plan's order; where it does not, its SQL
                // cannot be resumed or marked by the plan's steps.
                const int index = next + renderedSteps;
                if (!mismatch && (index >= steps.size() || steps.at(index).revision != section.revision))
                    mismatch = Error{QStringLiteral("sql-plan-mismatch"),
                                     QStringLiteral("Alembic's offline SQL runs %1 as step %2, where the plan has %3.")
                                         .arg(section.revision)
                                         .arg(index + 1)
                                         .arg(index < steps.size() ? steps.at(index).revision : QStringLiteral("no step")),
                                     plan.currentHeads.size() > 1
                                         ? QStringLiteral("Alembic renders offline SQL from one revision (%1); the database is at %2.")
                                               .arg(plan.currentHeads.first(), plan.currentHeads.join(QStringLiteral(", ")))
                                         : QString(),
                                     {}, 0};
                ++renderedSteps;
                out.sections << section;
            } else if (rendered || i < lastStep) {
                // A resumed render's opening (its BEGIN) comes between steps, not before the first.
                if (!first && section.kind == QLatin1String("preamble"))
                    section.kind = QStringLiteral("between");
                out.sections << section;
            }
        }
        // Alembic's own whole output is shown as it is, as `alembic ... --sql` prints it; only a
        // resumed render must follow the plan.
        if (rendered && first)
            return out;
        if (mismatch)
            return *mismatch;
        first = false;
        if (rendered)
            return out;
        const Error& error = rendered.error();
        const int failed = next + renderedSteps;
        // Only a step's own failure is skipped (the bridge says migration-failed once a step has
        // started); env.py failing, a timeout or a cancel end the render.
        if (error.code != QLatin1String("migration-failed") || failed >= steps.size())
            return error;
        markUnrendered(failed, error.message);
        next = failed + 1;
        current = steps.at(failed).headsAfter;
        // `alembic upgrade|downgrade FROM:TO --sql` starts from one revision: after a step that
        // leaves several (or none), the rest cannot be rendered offline.
        if (current.size() != 1 && next < steps.size()) {
            const QString why =
                QStringLiteral("Alembic's offline SQL starts from one revision, and the step before it that could not be "
                               "rendered leaves %1")
                    .arg(current.isEmpty() ? QStringLiteral("none") : current.join(QStringLiteral(", ")));
            for (int i = next; i < steps.size(); ++i)
                markUnrendered(i, why);
            return out;
        }
    }
    return out;
}

} // namespace retort
