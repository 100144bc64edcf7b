#pragma once

// The offline SQL of a whole plan, for the window's SQL preview and the safety review alike.
//
// `alembic upgrade a:b --sql` stops at the first revision that reads the database while it runs
// (op.get_bind(), sa.inspect(), ...): offline there is nothing to read. Alembic's own output then
// ends there. For a preview that would hide every later step, so the plan is rendered again from
// the rows that step leaves (`PlanStep::headsAfter`), and the step gets a section of kind
// "unrendered" carrying Alembic's message. `retort-cli sql` does not use this: its output is
// Alembic's, byte for byte, failure included.

#include "core/common/Error.h"
#include "core/exec/AlembicBridge.h"
#include "core/graph/Planner.h"

#include <atomic>

namespace retort {

class PlanSqlRenderer
{
public:
    // The sections in plan order: Alembic's ("preamble", "step", "between", "epilogue") and, for
    // each step it could not render, one of kind "unrendered" (revision, direction, from and to
    // as the plan has them; `sql` empty; `note` why). Once a step was not rendered, every plan
    // step is exactly one "step" or "unrendered" section, in the plan's order (else the error
    // "sql-plan-mismatch"); a render that went through at once is Alembic's output as it is.
    // `bridge`: op Sql with the configuration, working folder, target, override URL and timeout
    // (its `current` and `sqlDirection` are set from `plan`). `plan` needs
    // PlanOptions::headsAfterEachStep. Errors other than a step Alembic cannot render (no Python,
    // cancelled, a timeout, a configuration Alembic refuses) are returned as they come.
    [[nodiscard]] static Result<SqlPreview> render(const PythonCommand& python, const BridgeRequest& bridge, const Plan& plan,
                                                const std::atomic_bool* cancel = nullptr);
};

} // namespace retort
