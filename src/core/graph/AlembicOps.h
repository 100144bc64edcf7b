#pragma once

// Internal to the graph area (used by RevisionSpec and Planner; not part of the contract):
// Alembic 1.8.1's RevisionMap identifier operations (alembic/script/revision.py) on a
// RevisionGraph, one function per Alembic method, same control flow, integer indexes.
//
// Python's None and the string "base" both travel through these methods; they are the two
// negative values below. Errors are the Python exception, not yet the command-level text:
//   Error::code    "resolution" (ResolutionError), "multiple-heads" (MultipleHeads),
//                  "revision-error" (RevisionError), "crash" (an assertion/KeyError inside Alembic)
//   Error::message the exception's text
//   Error::hint    the exception's `argument` (ResolutionError/MultipleHeads)
// commandError() turns them into what ScriptDirectory._catch_revision_errors prints.

#include "core/common/Error.h"
#include "core/graph/RevisionGraph.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace retort::detail {

constexpr int kBase = -1; // the string "base" (walking down past a base)
constexpr int kNone = -2; // Python None (what get_revision("base") returns; a failed walk)

class AlembicOps
{
public:
    explicit AlembicOps(const RevisionGraph& graph);

    [[nodiscard]] const RevisionGraph& graph() const { return m_graph; }

    struct Number
    {
        QStringList idents;  // ids or the raw identifier; empty for base
        QString branchLabel; // "" = None
    };
    // _resolve_revision_number(id_) for a string id_.
    Result<Number> resolveRevisionNumber(const QString& id) const;
    // _revision_for_ident(resolved_id, check_branch); ident "" = () (returns kNone).
    Result<int> revisionForIdent(const QString& ident, const QString& checkBranch = {}) const;
    // _resolve_branch(branch_label)
    Result<int> resolveBranch(const QString& label) const;
    // get_revisions(id_) for one string / a sequence of strings (entries may be kBase/kNone
    // after the "label@-N" walk).
    Result<QVector<int>> getRevisions(const QString& id) const;
    Result<QVector<int>> getRevisions(const QStringList& ids) const;
    // get_revision(id_): kNone for "base".
    Result<int> getRevision(const QString& id) const;
    // get_current_head(branch_label): kNone when there is no head.
    Result<int> getCurrentHead(const QString& branchLabel) const;
    // filter_for_lineage(targets, check_against) (include_dependencies=False).
    Result<QVector<int>> filterForLineage(const QVector<int>& targets, const QString& checkAgainst) const;
    // The relative-step back-track of _parse_upgrade_target / _resolve_lower when `branchLabel`
    // is not among `current`: the tips (revisions no other one names as down) of the ancestors of
    // `current` (inclusive) on that branch, in map order.
    Result<QVector<int>> branchTipsBelow(const QVector<int>& current, const QString& branchLabel) const;
    // _walk(start, steps, branch_label, no_overwalk): start is an index, kNone or kBase.
    Result<int> walk(int start, int steps, const QString& branchLabel, bool noOverwalk) const;

    // _get_ancestor_nodes(targets, check=True)'s test: "Requested revision X overlaps with other
    // requested revisions Y" when one target is an ancestor of another (normalized edges).
    Status checkOverlaps(const QVector<int>& targets) const;

    // Python's int(s) for the identifiers Alembic tries to read as integers.
    static bool parsePythonInt(const QString& text, int* value);

private:
    QStringList partialMatches(const QString& prefix) const;

    const RevisionGraph& m_graph;
    QStringList m_labelOrder; // label keys in the order Alembic adds them to its map
};

// ScriptDirectory._catch_revision_errors: the command-level Error. `end` is the destination the
// command was given (used for the multiple-heads text when not empty).
Error commandError(const Error& inner, const QString& end = {});

Error opsError(const QString& kind, const QString& message, const QString& argument = {});

} // namespace retort::detail
