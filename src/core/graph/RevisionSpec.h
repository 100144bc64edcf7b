#pragma once

#include "core/common/Error.h"
#include "core/graph/RevisionGraph.h"

#include <QString>
#include <QVector>

namespace retort {

// Alembic's revision identifier grammar (RevisionMap.get_revisions / get_revision /
// _resolve_revision_number / _walk), on a RevisionGraph. Errors carry the message Alembic's
// command layer prints (ScriptDirectory._catch_revision_errors) and, as hint, the detail:
//   "revision-not-found"  "Can't locate revision identified by 'x'" (unknown id, unknown branch,
//                         revision not on the named branch; hint: Alembic's inner message,
//                         e.g. "No such revision or branch 'x'; please ensure at least four
//                         characters are present for partial revision identifier matches")
//   "revision-ambiguous"  "Can't locate revision identified by 'x'" for a prefix that several ids
//                         start with (hint: "Multiple revisions start with 'x': 'a', 'b'...")
//   "multiple-heads"      "Multiple head revisions are present for given argument 'head'; please
//                         specify a specific target revision, '<branchname>@head' to narrow to a
//                         specific head, or 'heads' for all heads"
//   "revision-error"      any other RevisionError text ("Ambiguous walk", "Walked too far", ...)
class RevisionSpec
{
public:
    // Returned by walk(): the walk ended at "base" / went past the end of the tree.
    static constexpr int Base = -1;
    static constexpr int Overwalk = -2;

    // Alembic's get_revisions(spec) for one identifier: a full id or a prefix (any length; only
    // ids and labels longer than 3 characters are prefix-matched), a branch label (or a prefix of
    // one), "head", "heads", "base" (-> empty), "label@head",
    // "label@heads", "label@base" (-> empty), "rev@head", "label@rev", and "x-N"/"label@-N" forms
    // that get_revisions accepts. Forms relative to the database's current heads ("+1", "-1",
    // "label@+1") are resolved by the Planner, which knows the current heads.
    static Result<QVector<int>> resolve(const RevisionGraph& graph, const QString& spec);

    // Alembic's get_revision(spec): one revision, or Base for "base"/"label@base"; an
    // identifier naming several revisions is a "multiple-heads" error.
    static Result<int> resolveOne(const RevisionGraph& graph, const QString& spec);

    // A comma/space separated list (the CLI's --current a,b): each element through resolveOne,
    // duplicates removed, "base" or an empty list -> empty.
    static Result<QVector<int>> resolveList(const RevisionGraph& graph, const QStringList& specs);

    // Alembic's `_relative_destination` regex, `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)`, applied with
    // re.match (anchored at the start only).
    struct Relative
    {
        bool matched = false;
        QString branchLabel; // "" = none
        QString symbol;      // "" = relative to the current heads
        int steps = 0;       // signed
        QString stepsText;   // "+2" / "-1" as written
    };
    static Relative parseRelative(const QString& spec);

    // Alembic's _walk(start, steps, branch_label, no_overwalk): start may be Base (-1) or, for
    // "None" in Alembic (walk from the bases up / from the heads down), Overwalk (-2).
    // Returns a revision index, Base, or Overwalk (went too far with noOverwalk).
    static Result<int> walk(const RevisionGraph& graph, int start, int steps, const QString& branchLabel,
                            bool noOverwalk);

    // Alembic's filter_for_lineage(targets, checkAgainst): the targets that share lineage with
    // the revision(s) / branch named by `checkAgainst` ("label", "label@head", an id, ...).
    static Result<QVector<int>> filterForLineage(const RevisionGraph& graph, const QVector<int>& targets,
                                                 const QString& checkAgainst);

    // Characters Alembic 1.8.1 rejects in a revision id ('@', '-', '+'); "" when the id is valid.
    static QString illegalCharacters(const QString& id);

    // Characters Alembic accepts in a revision id but Retort refuses to run through, named for a
    // message ("a quote ('), a space"); "" when there is none. Alembic writes ids into
    // alembic_version unescaped (`INSERT INTO alembic_version (version_num) VALUES ('<id>')`), so a
    // quote or backslash breaks the statement or runs the rest of the id as SQL; whitespace and
    // control characters make ids that cannot be typed or told apart; ':' is Alembic's range
    // separator (and refused by Alembic 1.10+).
    static QString unsafeCharacters(const QString& id);

    // Refuses revisions whose id has unsafe characters (error "unsafe-revision-id"): what the
    // planner and a stamp check before Alembic writes any of them into alembic_version.
    static Status refuseUnsafe(const RevisionGraph& graph, const QVector<int>& revisions);

    // An id for a new revision (`merge --rev-id`, `revision --rev-id`): no character Alembic
    // refuses, none that is unsafe, no path separator, not "." or "..", not empty
    // (error "invalid-revision-id"). Alembic puts the id in the new file's name, so "../../x"
    // would write outside the versions folder.
    static Status validateNewId(const QString& id);
};

} // namespace retort
