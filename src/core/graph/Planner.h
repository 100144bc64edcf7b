#pragma once

#include "core/common/Error.h"
#include "core/graph/RevisionGraph.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace retort {

enum class Direction { Upgrade, Downgrade };

// One migration Alembic would run (runtime/migration.py RevisionStep).
struct PlanStep
{
    Direction direction = Direction::Upgrade;
    QString revision;
    // As in Alembic's "-- Running upgrade a, b -> c" (from_revisions_no_deps -> to_revisions_no_deps):
    // upgrade: the revision's down_revisions -> [revision]; downgrade: [revision] -> its down_revisions.
    // Empty = <base> (printed as "upgrade  -> a").
    QStringList fromRevisions;
    QStringList toRevisions;
    // The rows of alembic_version after this step (HeadMaintainer), sorted by id. Filled only
    // with PlanOptions::headsAfterEachStep (it costs steps x heads strings on many-headed graphs).
    QStringList headsAfter;
};

struct Plan
{
    Direction direction = Direction::Upgrade;
    QStringList currentHeads; // as given, full ids
    QString target;           // as given
    QVector<PlanStep> steps;  // in the order Alembic runs them
    QStringList resultingHeads; // alembic_version rows after the last step (HeadMaintainer), graph order
    bool hasHeadsAfter = false; // the steps carry headsAfter (PlanOptions::headsAfterEachStep)
    // The steps as graph indexes, in the order Alembic runs them (always filled).
    QVector<int> stepRevisions;
    // Only with PlanOptions::indexesOnly and headsAfterEachStep: the rows after step k as graph
    // indexes sorted by id, headsAfterRows[headsAfterStart[k]] .. headsAfterRows[headsAfterStart[k + 1] - 1].
    QVector<int> headsAfterRows;
    QVector<int> headsAfterStart;
};

// What `alembic upgrade TARGET` / `alembic downgrade TARGET` would run from a database whose
// alembic_version rows are `currentHeads` (empty = nothing applied): ScriptDirectory._upgrade_revs /
// _downgrade_revs, RevisionMap._collect_upgrade_revisions / _collect_downgrade_revisions and
// _topological_sort, with relative targets (+N, -N, rev+N, rev-N, label@+N, label@-N), and the
// heads HeadMaintainer leaves. Errors carry Alembic's CommandError text, for example
// "Destination X is not a valid downgrade target from current head(s)",
// "Relative revision -2 didn't produce 2 migrations", "Can't locate revision identified by 'x'"
// (codes as in RevisionSpec, plus "not-ancestor" for range errors and "plan-error").
// Near-linear in the size of the graph.
struct PlanOptions
{
    bool headsAfterEachStep = false; // fill PlanStep::headsAfter
    // Describe the steps by graph index only: Plan::steps stays empty and Plan::stepRevisions (with
    // headsAfterEachStep also Plan::headsAfterRows / headsAfterStart) hold them, so no string or
    // list is made per step. For a caller that writes thousands of steps itself (retort-cli plan --json).
    bool indexesOnly = false;
};

class Planner
{
public:
    static Result<Plan> plan(const RevisionGraph& graph, const QStringList& currentHeads, Direction direction,
                             const QString& target);
    static Result<Plan> plan(const RevisionGraph& graph, const QStringList& currentHeads, Direction direction,
                             const QString& target, const PlanOptions& options);
};

[[nodiscard]] QString directionName(Direction direction); // "upgrade" / "downgrade"

} // namespace retort
