#pragma once

// The whole review of a plan, for retort-cli lint and the window:
//  1. Alembic's offline SQL for the plan through the bridge (the project's own Alembic). A step
//     that cannot render offline (it reads the database) is marked, and rendering resumes after
//     it, so the rest of the plan is still reviewed.
//  2. Each revision file read statically (offline-mode hazards, a downgrade that is `pass` or raises).
//  3. With a database URL (PostgreSQL): LiveCatalog's facts for the tables the SQL touches.
//  4. SqlLinter's rules over it all.
// Synchronous: run it on a worker thread (the CLI runs it on its main thread).

#include "core/common/Error.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"
#include "core/graph/Planner.h"
#include "core/lint/LintReport.h"
#include "core/lint/LiveCatalog.h"
#include "core/lint/SqlLinter.h"

#include <QHash>
#include <QString>

#include <atomic>

namespace retort::lint {

struct PlanLintRequest
{
    PythonCommand python;
    BridgeRequest bridge;          // op Sql: config file, working directory, direction, target, override URL, timeout
    Plan plan;                     // Retort's plan (with PlanOptions::headsAfterEachStep)
    QHash<QString, QString> revisionPaths; // revision id -> its file
    QString databaseUrl;           // live facts from this PostgreSQL database ("" = review offline)
    LintOptions lint;
    LiveOptions live;
    int connectTimeoutSeconds = 5;
};

class PlanLinter
{
public:
    static Result<LintReport> run(const PlanLintRequest& request, const std::atomic_bool* cancel = nullptr);

    // The same review over SQL Alembic has already rendered for `request.plan` in full (the SQL
    // preview's sections): no bridge call; `request.python` and `request.bridge` are not used.
    // Errors: "lint-dialect" when the render is not PostgreSQL's, "lint-render-mismatch" when
    // its steps are not the plan's, "cancelled".
    static Result<LintReport> review(const PlanLintRequest& request, const SqlPreview& rendered,
                                     const std::atomic_bool* cancel = nullptr);
};

} // namespace retort::lint
