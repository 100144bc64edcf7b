#pragma once

#include "core/alembic/Project.h"
#include "core/doctor/Doctor.h"

#include <QVector>

namespace retort {
class RevisionGraph;
}

namespace retort::doctor {

// The revision graph's findings, from a Lenient RevisionGraph and the parsed files:
//  graph-multiple-heads (with the `alembic merge` command), graph-missing-parent,
//  graph-duplicate-id, graph-cycle, graph-unresolved-value, graph-invalid-id, revision-file-problem,
//  graph-problem
//  (any other graph problem, e.g. a duplicate branch label), header-stale (a `Revises:` docstring
//  line that disagrees with down_revision).
class GraphCheck
{
public:
    static QVector<Problem> run(const LoadedProject& project, const RevisionGraph& lenientGraph);
};

} // namespace retort::doctor
