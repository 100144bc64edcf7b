#pragma once

// How Alembic prints a revision (alembic/script/base.py, class Script), for the retort-cli
// commands that print Alembic's formats byte for byte: history, heads, branches, show, current.

#include "core/graph/RevisionGraph.h"

#include <QString>
#include <QStringList>

namespace retort::cli {

// The head marker Alembic prints (Script._head_only): " (head)" for a real head (nothing builds
// on it, not even through depends_on), " (effective head)" when only a depends_on points at it.
QString headMarker(bool isHead, bool isRealHead);
QString headMarker(const Revision& r);

// The revisions a branch point branches into (Alembic's nextrev, a frozenset whose order changes
// from run to run; Retort lists them in the revision map's order).
QStringList childIds(const RevisionGraph& graph, const Revision& r);

// Script.log_entry: what `alembic show`, `history --verbose`, `heads --verbose` and `current
// --verbose` print for a revision (Path: the file's absolute path, as Alembic prints it).
QString logEntry(const RevisionGraph& graph, const Revision& r);

// Script._head_only: "id[ (labels)][ (head)|(effective head)][ (branchpoint)][ (mergepoint)][, doc]".
QString headOnly(const Revision& r, bool includeBranches, bool includeDoc, bool treeIndicators = true);

} // namespace retort::cli
