#pragma once

#include "core/common/Error.h"
#include "core/graph/RevisionGraph.h"

#include <QString>
#include <QVector>

namespace retort {

// `alembic history -r LOWER:UPPER`: the revisions ScriptDirectory.walk_revisions(base=LOWER,
// head=UPPER) yields, in its order (newest first). That is Alembic 1.8.1's
// RevisionMap.iterate_revisions(UPPER, LOWER, inclusive=True, assert_relative_length=False):
// _collect_upgrade_revisions (the upper target parsed like an upgrade target relative to LOWER,
// "label@..." lowers keeping only that branch, the range checked to run along one branch,
// LOWER itself included, only descendants of LOWER) and _topological_sort. Errors are the
// CommandError texts `alembic history` prints ("Requested range a:b does not refer to
// ancestor/descendant revisions along the same branch", "Can't locate revision identified by
// 'x'", "Relative revision -1 didn't produce 1 migrations", "Ambiguous walk", ...).
class HistoryRange
{
public:
    // `range` as given to -r: "a:b", "a:", ":b", "-3:", "label@base:label@head", ... Alembic's own
    // check first: without ':' the error is "History range requires [start]:[end], [start]:, or
    // :[end]". An empty side is "base" (lower) or "heads" (upper).
    static Result<QVector<int>> walk(const RevisionGraph& graph, const QString& range);
    // walk_revisions(base=lower, head=upper) with the sides given separately.
    static Result<QVector<int>> walk(const RevisionGraph& graph, const QString& lower, const QString& upper);
};

} // namespace retort
