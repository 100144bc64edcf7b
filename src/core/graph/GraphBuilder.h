#pragma once

#include "core/alembic/RevisionFile.h"
#include "core/common/Error.h"
#include "core/graph/RevisionGraph.h"

#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <QVector>

namespace retort {

// How RevisionGraph::build turns revision files into a graph: one method per step of Alembic
// 1.8.1's RevisionMap._revision_map (alembic/script/revision.py), run in Alembic's order by
// build(). The state is the graph built so far plus what each revision's file said that the graph
// does not keep (the load position of the file that won, the lines of its assignments).
// RevisionGraph::build is the API; this class is public within the graph area so that tests can
// run the phases one at a time and compare the fast paths with the reference walks.
//
// Three phases have a fast path and a reference walk (Alembic's own algorithm, step for step):
//   detectCycles           one topological pass        vs _detect_cycles' two walks
//   normalizeDependencies  bitsets of shared deps      vs the ancestor walk of each revision
//   addBranchLabels        label sets, one pass        vs a descendant walk per labelled revision
// A fast path takes its reference walk by itself where it does not apply (a cycle that Alembic
// does not detect, thousands of shared dependencies); Walks::Reference makes every phase take it.
// Both give the same graph (tst_GraphBuilder checks it on generated graphs).
class GraphBuilder
{
public:
    enum class Walks {
        Fast,     // what RevisionGraph::build uses
        Reference // every phase walks the graph the way Alembic does (slower; tests)
    };

    explicit GraphBuilder(RevisionGraph::Mode mode, Walks walks = Walks::Fast);

    // Every phase in order. Strict: the first fatal problem, once cycles are known, is the Error.
    static Result<RevisionGraph> build(const QVector<RevisionFile>& files, RevisionGraph::Mode mode,
                                       Walks walks = Walks::Fast);
    // The same, taking the files' strings (see RevisionGraph::build).
    static Result<RevisionGraph> build(QVector<RevisionFile>&& files, RevisionGraph::Mode mode,
                                       Walks walks = Walks::Fast);

    // ---- the phases, in build order --------------------------------------------------------
    // The files, in load order, become revisions (Alembic: Script/Revision construction and the
    // ordered map filled in `for revision in self._generator()`): per file its unreadable values,
    // file problems, missing down_revision, self-loops, illegal characters; a duplicate id keeps
    // the first file's position and the later file's content. The first overload copies the
    // strings, the second takes them (the entries stay, with the taken fields emptied).
    void readFiles(const QVector<RevisionFile>& files);
    void readFiles(QVector<RevisionFile>&& files);
    // Alembic's _map_branch_labels: a label used twice or equal to a revision id is a problem and
    // is not registered.
    void mapBranchLabels();
    // Alembic's _add_depends_on: depends_on entries (ids or labels) resolved to revisions.
    void addDependencies();
    // The down-revision loop of _revision_map (add_nextrev, "referenced from ... is not present"):
    // parents, children and dependents.
    void linkParents();
    // Alembic's _detect_cycles: a down_revision cycle, else a dependency cycle (down_revision and
    // depends_on edges), each as one problem naming every revision outside the walks.
    void detectCycles();
    // Lenient mode only (Alembic has no counterpart): when the graph has a fatal problem, the
    // back edges of every cycle are dropped, so that every later walk terminates.
    void cutCycles();
    // Alembic's _normalize_depends_on (Revision._normalized_down_revisions): parents, then the
    // dependencies no ancestor already depends on.
    void normalizeDependencies();
    // The heads, _real_heads, bases and _real_bases of _revision_map (in the order their files
    // were added) and the is_head / is_base / ... properties of every revision.
    void markHeadsAndBases();
    // Alembic's _add_branches: every revision's labels, declared and inherited along its branch.
    void addBranchLabels();

    // ---- state between phases -----------------------------------------------------------------
    [[nodiscard]] const RevisionGraph& graph() const { return m_graph; }
    // Per revision: load position of the file that defines it (the later one for a duplicate id).
    [[nodiscard]] const QVector<int>& objectOrder() const { return m_objectOrder; }
    // Per revision: its declared branch labels that could be registered (after mapBranchLabels).
    [[nodiscard]] const QVector<QStringList>& effectiveLabels() const { return m_effectiveLabels; }
    // The first fatal problem so far, or nullptr.
    [[nodiscard]] const GraphProblem* firstFatalProblem() const;

private:
    template <typename Files>
    void readFilesFrom(Files& files);
    Result<RevisionGraph> buildAfterReading();
    RevisionGraph takeGraph(); // logs what was built; the builder is spent

    GraphProblem& addProblem(const QString& code, const QString& message, const QStringList& revisions,
                             const QString& path, int line);
    void flag(int index, const QString& code);
    void linkReverse();
    [[nodiscard]] bool isAcyclic() const;
    struct CycleWalk
    {
        QVector<int> outside; // revisions outside both walks, map order
        bool everything = false; // no head or no base: every revision, Alembic lists them unsorted
    };
    [[nodiscard]] CycleWalk walkForCycles(bool withDependencies) const;
    void reportCycle(const CycleWalk& walk, bool withDependencies);

    RevisionGraph m_graph;
    RevisionGraph::Mode m_mode;
    Walks m_walks;
    QVector<int> m_objectOrder;
    QVector<int> m_downLine, m_depsLine; // per revision: lines of down_revision and depends_on
    QVector<QStringList> m_effectiveLabels;
    QElapsedTimer m_timer;
};

} // namespace retort
