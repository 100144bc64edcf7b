#pragma once

// Plan -> run request -> expected result, once for both front ends: what Retort shows before a
// run (the window's confirmation, retort-cli's banner) and what it checks afterwards are computed
// here from the same snapshot and database state.

#include "core/common/Error.h"
#include "core/common/Problem.h"
#include "core/exec/AlembicJob.h"
#include "core/graph/Planner.h"
#include "core/workspace/DatabaseState.h"
#include "core/workspace/ProjectLoader.h"

#include <QString>
#include <QStringList>

namespace retort {

enum class RunKind { Upgrade, Downgrade, Stamp };
[[nodiscard]] BridgeOp bridgeOpFor(RunKind kind);

// What the user is about to run, shown before anything touches the database.
struct RunRequest
{
    RunKind kind = RunKind::Upgrade;
    QString target;            // the identifier passed to Alembic (full id, "heads", "a,b" for a stamp)
    QString targetLabel;       // for titles ("7c1b9e5a3f28 (create reports)")
    Plan plan;                 // the exact steps, each with the alembic_version rows after it (for a
                               // stamp: no steps; currentHeads and the target)
    QStringList stampTargets;  // stamp: the revisions it records (full ids; "base" = none)
    bool purge = false;        // stamp --purge: empty the version table first
    // The database (from DatabaseState): for the confirmation and the banner.
    QString databaseLabel;     // redacted URL
    QString host;              // "" for SQLite
    QString databaseName;      // database name or SQLite file name
    bool isLocal = true;
    // What Retort found before the run that the user should weigh (a stamp over a schema that is
    // not the target's: StampCheck), shown in the confirmation and kept as findings afterwards.
    Problems checks;

    [[nodiscard]] bool isStamp() const { return kind == RunKind::Stamp; }
};

class RunPlanner
{
public:
    // The plan of `kind` to `target` from `currentHeads` on the snapshot Alembic would accept.
    // Errors: the snapshot's commandError; "bare-versions" (runs need alembic.ini); Alembic's own
    // error for the target (unknown, ambiguous, not a valid upgrade/downgrade target). A plan without
    // steps (the database is there already) is not an error: callers decide.
    static Result<RunRequest> prepare(const ProjectSnapshot& snapshot, const QStringList& currentHeads, RunKind kind,
                                      const QString& target, bool purge = false);
    // The same, with the database's state for the labels (it must be known).
    static Result<RunRequest> prepare(const ProjectSnapshot& snapshot, const DatabaseState& database, RunKind kind,
                                      const QString& target, bool purge = false);

    // The job that runs `request` with `python` against `target` (empty = env.py's own URL), checking
    // the version table at `location` afterwards against the plan's expectation.
    // Before a stamp: the database against the schema the target implies (StampCheck), on the
    // database `database` names. Blocking (one catalog read): call it from a worker or the CLI.
    static Problems checkStamp(const ProjectSnapshot& snapshot, const RunRequest& request, const DatabaseState& database);

    static JobRequest jobRequest(const ProjectSnapshot& snapshot, const RunRequest& request, const PythonCommand& python,
                                 const ConnectionTarget& target, const VersionLocation& location);
};

} // namespace retort
