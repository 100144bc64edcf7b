#pragma once

#include "core/alembic/RevisionFile.h"
#include "core/common/Error.h"
#include "core/graph/Revision.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <mutex>

namespace retort {

// Something wrong with the revision graph, with Alembic's own message where Alembic has one.
// Codes:
//   "duplicate-revision"   two files define the same id (1.8.1 warns, then `history` and          fatal
//                          `upgrade heads` fail; Lenient uses the later file)
//   "invalid-revision-id"  id contains '@', '-' or '+' (Alembic: "Character(s) ... not allowed")   fatal
//   "unsafe-revision-id"   id contains a quote, backslash, ':', whitespace or a control character:  not fatal
//                          Alembic loads it but writes it into alembic_version unescaped; the
//                          planner and stamp refuse it (RevisionSpec::refuseUnsafe)
//   "self-loop"            down_revision names the revision itself ("Self-loop is detected ...")   fatal
//   "dependency-self-loop" depends_on names the revision itself                                     fatal
//   "duplicate-label"      a branch label used twice, or equal to a revision id ("Branch name ...") fatal
//   "missing-revision"     a down_revision that no file defines ("Revision X referenced from Y is not present") fatal
//   "missing-dependency"   a depends_on that is neither an id nor a label                          fatal
//   "cycle"                down_revision cycle ("Cycle is detected in revisions (a, b)")           fatal
//   "dependency-cycle"     cycle through depends_on ("Dependency cycle is detected in revisions (..)") fatal
//   "unresolved-value"     the static parser could not read a value (file, line, name)            fatal
//   "file-problem"         the file could not be parsed (syntax, encoding, no `revision`, ...)     fatal
//   "no-down-revision"     the file has no `down_revision` at all (Alembic: AttributeError)        fatal
// "fatal" = Strict mode refuses the graph (Alembic would fail); Lenient mode always builds.
struct GraphProblem
{
    QString code;
    QString message;
    QStringList revisions; // ids involved
    QString path;          // the file at fault (first one when several)
    int line = 0;
    bool fatal = true;
    QString detail;        // extra context, e.g. the files of every revision in a cycle

    [[nodiscard]] Error toError() const; // hint = detail + what to do // code, message, hint (what to do), path, line
};

// The revision map of a project: Alembic's RevisionMap built from statically parsed files, with
// integer indexes (index = order of first appearance, as in Alembic's ordered map).
//
// Where Alembic 1.8.1 itself is not deterministic or not consistent, Retort picks one answer:
//  - a duplicate id: Alembic keeps the shadowed file's object in its heads/bases lists (so
//    `alembic heads` can list an id twice, or list one that has children, and `alembic history`
//    fails); Strict mode refuses the project, Lenient mode lists each id once, from the graph,
//    ordered by the position of the file that wins;
//  - several depends_on entries left after normalization: Alembic orders them by Python set
//    iteration (string hashing, random per process); Retort keeps the declared order;
//  - which of two revisions a duplicate-label error names first: Alembic iterates a set of
//    objects; Retort names them in file order ("... in revision <later> already used by <earlier>").
class RevisionGraph
{
public:
    enum class Mode {
        Strict, // what `alembic heads/history/upgrade` accept: any fatal problem -> Error
        Lenient // always builds: broken references dropped, cycles cut, problems attached to revisions
    };

    RevisionGraph() = default;

    // Files in load order (sorted file names, as ProjectScanner returns them).
    static Result<RevisionGraph> build(const QVector<RevisionFile>& files, Mode mode = Mode::Strict);
    // The same, taking the files' strings instead of copying them (faster). `files` keeps its
    // entries with the taken fields emptied, for the caller to free when it suits it.
    static Result<RevisionGraph> build(QVector<RevisionFile>&& files, Mode mode = Mode::Strict);

    [[nodiscard]] int size() const { return int(m_revisions.size()); }
    [[nodiscard]] bool isEmpty() const { return m_revisions.isEmpty(); }
    [[nodiscard]] const Revision& at(int index) const { return m_revisions.at(index); }
    [[nodiscard]] const QVector<Revision>& revisions() const { return m_revisions; }
    [[nodiscard]] int indexOf(const QString& id) const; // exact id, -1 when absent
    [[nodiscard]] int indexOfLabel(const QString& label) const; // revision declaring the label, -1
    [[nodiscard]] QStringList labels() const; // every declared branch label

    // Alembic's RevisionMap.heads: revisions no down_revision names, in map order (`alembic heads`).
    [[nodiscard]] const QVector<int>& heads() const { return m_heads; }
    // Alembic's _real_heads: also not named by any depends_on (what "heads" resolves to).
    [[nodiscard]] const QVector<int>& realHeads() const { return m_realHeads; }
    // Alembic's bases (down_revision None) and _real_bases (also no depends_on), in map order.
    [[nodiscard]] const QVector<int>& bases() const { return m_bases; }
    [[nodiscard]] const QVector<int>& realBases() const { return m_realBases; }

    // `alembic history` order (walk_revisions("base", "heads")): newest first, Alembic's
    // topological walk from the real heads with its tie-breaking. Computed on the first call
    // (thread-safe: any thread may ask first), then cached; copies of a graph share the cache.
    [[nodiscard]] QVector<int> historyOrder() const;

    [[nodiscard]] const QVector<GraphProblem>& problems() const { return m_problems; }
    [[nodiscard]] bool hasFatalProblems() const;

    // ---- traversal helpers shared by RevisionSpec and Planner (linear time) ----
    // Alembic's _get_ancestor_nodes / _get_descendant_nodes as membership flags (targets included).
    // withDependencies: follow normalizedDown/normalizedChildren; otherwise parents/children.
    [[nodiscard]] QVector<char> ancestorMask(const QVector<int>& targets, bool withDependencies) const;
    [[nodiscard]] QVector<char> descendantMask(const QVector<int>& targets, bool withDependencies) const;
    // Alembic's descendants with include_dependencies=True (follows every dependent, not only the
    // normalized ones: _all_nextrev).
    [[nodiscard]] QVector<char> allDescendantMask(const QVector<int>& targets) const;
    // Alembic's _shares_lineage(target, against): target is an ancestor or descendant (or equal)
    // of one of `against` (down_revision edges only).
    [[nodiscard]] bool sharesLineage(int target, const QVector<int>& against) const;
    // Alembic's _topological_sort(revisions, heads): the ids in `members` ordered children first,
    // walking from `heads` with Alembic's exact tie-breaking, in near-linear time.
    [[nodiscard]] QVector<int> topologicalSort(const QVector<char>& members, const QVector<int>& heads) const;

private:
    friend class GraphBuilder; // builds it, phase by phase (GraphBuilder.h)

    QVector<Revision> m_revisions;
    QHash<QString, int> m_byId;
    QHash<QString, int> m_byLabel;
    QVector<int> m_heads, m_realHeads, m_bases, m_realBases;
    QVector<GraphProblem> m_problems;
    struct HistoryCache
    {
        std::once_flag once;
        QVector<int> order;
    };
    std::shared_ptr<HistoryCache> m_history = std::make_shared<HistoryCache>();
};

} // namespace retort
