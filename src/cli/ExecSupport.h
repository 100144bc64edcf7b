#pragma once

// What the commands that drive the project's Alembic through the bridge share (defined in
// ExecCommands.cpp): loading the project and its interpreter, the current heads, the plan of an
// offline render and its bridge request. Used by sql/upgrade/downgrade/stamp/merge and by lint.

#include "cli/Cli.h"
#include "core/alembic/Project.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"
#include "core/graph/Planner.h"
#include "core/graph/RevisionGraph.h"
#include "core/workspace/ProjectLoader.h"

#include <memory>

#include <QString>
#include <QStringList>

#include <optional>

namespace retort::cli {

// Everything a bridge command needs before it runs.
struct Setup
{
    static constexpr int DefaultTimeoutSeconds = 3600;

    std::shared_ptr<ProjectSnapshot> snapshot; // the project, loaded with the workspace's policy
    const RevisionGraph* graph = nullptr;      // its graph, as Alembic accepts it
    PythonCommand python;
    int timeoutSeconds = DefaultTimeoutSeconds;
};

// The options every bridge command accepts: --current, --python, --compose-*, --timeout, --tag
// (values) and --purge, --allow-url-mismatch (flags).
const QStringList& bridgeValueOptions();
const QStringList& bridgeFlags();

// Loads the project with the workspace's policy (ProjectLoader: --define, then the chosen
// interpreter for values only Alembic can read), picks the interpreter and refuses a bare
// versions folder. Returns an exit code on failure.
// `graphMayFail`: keep a project whose graph Alembic refuses (bootstrap repairs such a history);
// setup.graph is then the Lenient graph.
std::optional<int> prepare(Context& context, const Args& args, Setup& setup, bool graphMayFail = false);

// The database's alembic_version: read directly with --url, else asked of Alembic (env.py's URL).
// `timeoutMs` (0 = the default limits) bounds the read: a lock another session holds on the
// version table ends it with an error instead of a hang.
Result<QStringList> currentHeads(const Context& context, const Setup& setup, int timeoutMs = 0);

// --current ID[,ID...]|base
Result<QStringList> parseCurrentOption(const QString& raw);

// `COMMAND upgrade|downgrade TARGET` (sql, lint): the project loaded (prepare) and the plan an
// offline render follows: from --current, else --url's alembic_version, else base, with Alembic's
// errors (and its rule that an offline downgrade starts from one revision). Returns the exit code
// on failure.
std::optional<int> prepareOfflinePlan(Context& context, const Args& args, const QString& command, const PlanOptions& options,
                                      Setup& setup, Plan& plan);

// --lock-timeout MS (upgrade, downgrade, lint): 0 when absent, or the usage exit code.
std::optional<int> parseLockTimeout(Context& context, const Args& args, int& milliseconds);

// The bridge's `sql` request for `plan` (config, working directory, --url, --timeout, --tag, ...).
BridgeRequest sqlBridgeRequest(const Context& context, const Args& args, const Setup& setup, const Plan& plan);

} // namespace retort::cli
