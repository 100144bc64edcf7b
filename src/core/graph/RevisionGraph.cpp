#include "core/graph/RevisionGraph.h"

#include "core/graph/RevisionSpec.h"
#include "core/log/Log.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <iterator>
#include <vector>

// How the revision map is built, following Alembic 1.8.1's RevisionMap._revision_map
// (alembic/script/revision.py):
//  1. per file, in load order (Script/Revision construction): unreadable values, self-loops,
//     dependency self-loops, illegal characters in the id;
//  2. the ordered map: a duplicate id keeps the position of its first file, the later file's
//     content wins (a warning in 1.8.1);
//  3. _map_branch_labels (a label used twice or equal to an id is an error), _add_depends_on
//     (depends_on by id or label), down revisions (a missing one is an error), _detect_cycles;
//  4. _normalize_depends_on, heads/bases (real and versioned), _add_branches (labels along the
//     branch), and the history order (_topological_sort from the real heads).
// In Strict mode the first fatal problem in that order is returned as the Error (Alembic stops at
// the first). In Lenient mode every problem is recorded and the graph is repaired just enough to
// be a DAG: unresolvable references and the back edges of cycles are left out.

namespace retort {

namespace {

QString joinIds(const QStringList& ids)
{
    return ids.join(QStringLiteral(", "));
}

QString fileName(const QString& path)
{
    return QFileInfo(path).fileName();
}

// The build reads strings that worker threads allocated all over the heap (ids, down revisions):
// asking for them a few revisions ahead hides most of the cache misses (~15% of the build time at
// 10,000 revisions).
constexpr int kPrefetchAhead = 8;

inline void prefetch(const void* p)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p);
#else
    Q_UNUSED(p);
#endif
}

// The entries of `list` and the characters of its first entry.
inline void prefetchFirst(const QStringList& list)
{
    prefetch(list.constData());
    if (!list.isEmpty())
        prefetch(list.constFirst().constData());
}

inline void prefetchStrings(const QString& s, const QStringList& list)
{
    prefetch(s.constData());
    prefetchFirst(list);
}

// Alembic's _add_branches, literally: for each labelled revision L (map order), its labels go to
// every node of its descendant walk (_get_descendant_nodes, include_dependencies=False: a stack
// walk over nextrev), then down from the LAST node that walk yielded through revisions that are
// neither real branch points nor merge points. O(labels x revisions): used only for graphs with a
// cycle Alembic's _detect_cycles does not see (then no topological order exists).
void labelsByWalks(QVector<Revision>& revs, const QVector<QStringList>& effectiveLabels)
{
    const int n = int(revs.size());
    // Per revision, the labelled revisions whose labels reach it (in processing order, so a
    // repeat is always the last entry); expanded to sorted label names at the end.
    QVector<QVector<int>> sources(n);
    QVector<int> seen(n, 0);
    int current = 0;
    auto give = [&sources](int node, int source) {
        if (sources[node].isEmpty() || sources[node].last() != source)
            sources[node].push_back(source);
    };
    for (int i = 0; i < n; ++i) {
        if (effectiveLabels[i].isEmpty())
            continue;
        ++current;
        QVector<int> stack{i};
        int last = i;
        while (!stack.isEmpty()) {
            const int r = stack.takeLast();
            if (seen[r] == current)
                continue;
            seen[r] = current;
            give(r, i);
            for (int c : revs[r].children)
                stack.push_back(c);
            last = r;
        }
        int parent = last;
        while (parent >= 0) {
            const Revision& p = revs[parent];
            if (p.isRealBranchPoint || p.isMergePoint)
                break;
            give(parent, i);
            parent = p.parents.size() == 1 && p.downRevisions.size() == 1 ? p.parents.first() : -1;
        }
    }
    QHash<QVector<int>, QStringList> expanded; // identical label sets share one list
    for (int i = 0; i < n; ++i) {
        if (sources[i].isEmpty())
            continue;
        auto it = expanded.find(sources[i]);
        if (it == expanded.end()) {
            QStringList names;
            for (int source : std::as_const(sources[i]))
                names << effectiveLabels[source];
            std::sort(names.begin(), names.end());
            names.erase(std::unique(names.begin(), names.end()), names.end());
            it = expanded.insert(sources[i], names);
        }
        revs[i].allBranchLabels = it.value();
    }
}

// The same result in near-linear time on a DAG (returns false, changing nothing, on a cycle).
// The downward walk from the last node yielded only leaves L's descendants (passes below L) when
// L's descendants are a plain chain up to a tip, every node from L to the tip having at most one
// child-or-dependent and not being a merge point ("chain-like"; the last node yielded is then the
// tip); the nodes it reaches below L are chain-like as well. So, with up(x) = the labels of x and
// of all its ancestors:
//     labels(x) = up(tip(x)) when x is chain-like, up(x) otherwise,
// computed in one topological pass, label sets being sorted rank vectors that a revision shares
// with its only parent (cost: revisions + merges x set size, instead of labels x revisions).
bool labelsBySets(QVector<Revision>& revs, const QVector<QStringList>& effectiveLabels)
{
    const int n = int(revs.size());
    // Topological order over parent edges, parents first (Kahn).
    QVector<int> order;
    order.reserve(n);
    {
        QVector<int> missingParents(n, 0);
        for (int i = 0; i < n; ++i) {
            missingParents[i] = int(revs[i].parents.size());
            if (missingParents[i] == 0)
                order << i;
        }
        for (int k = 0; k < order.size(); ++k) {
            for (int c : revs[order[k]].children) {
                if (--missingParents[c] == 0)
                    order << c;
            }
        }
    }
    if (order.size() < n)
        return false;

    QStringList labelNames;
    for (int i = 0; i < n; ++i)
        labelNames << effectiveLabels[i];
    std::sort(labelNames.begin(), labelNames.end());
    labelNames.erase(std::unique(labelNames.begin(), labelNames.end()), labelNames.end());
    QHash<QString, int> rankOf;
    rankOf.reserve(labelNames.size());
    for (int k = 0; k < int(labelNames.size()); ++k)
        rankOf.insert(labelNames[k], k);

    auto unite = [](const QVector<int>& a, const QVector<int>& b) -> QVector<int> {
        if (b.isEmpty() || a.constData() == b.constData())
            return a;
        if (a.isEmpty())
            return b;
        QVector<int> merged;
        merged.reserve(a.size() + b.size());
        std::set_union(a.cbegin(), a.cend(), b.cbegin(), b.cend(), std::back_inserter(merged));
        if (merged.size() == a.size())
            return a; // a superset of b: keep sharing a
        if (merged.size() == b.size())
            return b;
        return merged;
    };
    QVector<QVector<int>> up(n);
    for (int i : std::as_const(order)) {
        QVector<int> set;
        for (int p : revs[i].parents)
            set = unite(set, up[p]);
        if (!effectiveLabels[i].isEmpty()) {
            QVector<int> own;
            for (const QString& label : effectiveLabels[i])
                own << rankOf.value(label);
            std::sort(own.begin(), own.end());
            set = unite(set, own);
        }
        up[i] = set;
    }

    // Chain-like revisions and their tips, children before parents; -1: not chain-like.
    QVector<int> tip(n, -1);
    for (int k = n - 1; k >= 0; --k) {
        const int i = order[k];
        const Revision& rev = revs[i];
        if (rev.isRealBranchPoint || rev.isMergePoint)
            continue;
        tip[i] = rev.children.isEmpty() ? i : tip[rev.children.first()];
    }

    QHash<const int*, QStringList> expanded; // one name list per distinct (shared) set
    for (int i = 0; i < n; ++i) {
        const QVector<int>& set = up[tip[i] >= 0 ? tip[i] : i];
        if (set.isEmpty())
            continue;
        auto it = expanded.find(set.constData());
        if (it == expanded.end()) {
            QStringList names;
            names.reserve(set.size());
            for (int rank : set)
                names << labelNames[rank];
            it = expanded.insert(set.constData(), names);
        }
        revs[i].allBranchLabels = it.value();
    }
    return true;
}

} // namespace

Error GraphProblem::toError() const
{
    Error error;
    error.code = code;
    error.message = message;
    error.path = path;
    error.line = line;
    QString what;
    if (code == QLatin1String("duplicate-revision"))
        what = QStringLiteral("Give one of the files a new revision id (and update the revisions that point to it).");
    else if (code == QLatin1String("invalid-revision-id"))
        what = QStringLiteral("Revision ids may not contain '@', '-' or '+'; rename the revision and its references.");
    else if (code == QLatin1String("unsafe-revision-id"))
        what = QStringLiteral("Give the revision an id of letters, digits and '_', in its file and in the down_revision "
                              "(and depends_on) of the revisions that name it.");
    else if (code == QLatin1String("self-loop") || code == QLatin1String("dependency-self-loop"))
        what = QStringLiteral("A revision cannot name itself; point it at the revision it follows.");
    else if (code == QLatin1String("duplicate-label"))
        what = QStringLiteral("Branch labels must be unique and must not equal a revision id; rename one of them.");
    else if (code == QLatin1String("missing-revision"))
        what = QStringLiteral("Restore the missing revision file, or point down_revision at a revision that exists.");
    else if (code == QLatin1String("missing-dependency"))
        what = QStringLiteral("depends_on must name an existing revision id or branch label.");
    else if (code == QLatin1String("cycle") || code == QLatin1String("dependency-cycle"))
        what = QStringLiteral("Follow down_revision/depends_on of the listed revisions and break the loop.");
    else if (code == QLatin1String("unresolved-value"))
        what = QStringLiteral("Write the value as a literal, or load the project through Alembic itself (exact, slower).");
    else if (code == QLatin1String("no-down-revision"))
        what = QStringLiteral("Add `down_revision = None` (a base) or the id of the previous revision.");
    if (detail.isEmpty())
        error.hint = what;
    else if (what.isEmpty())
        error.hint = detail;
    else
        error.hint = detail + QLatin1Char(' ') + what;
    return error;
}

QVector<int> RevisionGraph::historyOrder() const
{
    if (!m_history) // a moved-from graph
        return topologicalSort(QVector<char>(m_revisions.size(), 1), m_realHeads);
    std::call_once(m_history->once, [this] {
        QElapsedTimer timer;
        timer.start();
        m_history->order = topologicalSort(QVector<char>(m_revisions.size(), 1), m_realHeads);
        log::info(log::Area::Graph, QStringLiteral("history order of %1 revisions in %2 ms")
                                        .arg(m_revisions.size())
                                        .arg(timer.elapsed()));
    });
    return m_history->order;
}

bool RevisionGraph::hasFatalProblems() const
{
    return std::any_of(m_problems.cbegin(), m_problems.cend(), [](const GraphProblem& p) { return p.fatal; });
}

int RevisionGraph::indexOf(const QString& id) const
{
    return m_byId.value(id, -1);
}

int RevisionGraph::indexOfLabel(const QString& label) const
{
    return m_byLabel.value(label, -1);
}

QStringList RevisionGraph::labels() const
{
    QStringList result = m_byLabel.keys();
    std::sort(result.begin(), result.end());
    return result;
}

namespace {

// Every revision reachable from `targets` (included) along the edge lists `edges(rev)` returns:
// one depth-first walk, each revision visited once.
template <typename Edges>
QVector<char> reachable(const QVector<Revision>& revisions, const QVector<int>& targets, Edges edges)
{
    QVector<char> mask(revisions.size(), 0);
    QVector<int> stack;
    for (int t : targets) {
        if (t < 0 || mask[t])
            continue;
        mask[t] = 1;
        stack.push_back(t);
    }
    while (!stack.isEmpty()) {
        const Revision& rev = revisions[stack.takeLast()];
        edges(rev, [&](int next) {
            if (!mask[next]) {
                mask[next] = 1;
                stack.push_back(next);
            }
        });
    }
    return mask;
}

} // namespace

QVector<char> RevisionGraph::ancestorMask(const QVector<int>& targets, bool withDependencies) const
{
    return reachable(m_revisions, targets, [withDependencies](const Revision& rev, auto visit) {
        for (int p : withDependencies ? rev.normalizedDown : rev.parents)
            visit(p);
    });
}

QVector<char> RevisionGraph::descendantMask(const QVector<int>& targets, bool withDependencies) const
{
    return reachable(m_revisions, targets, [withDependencies](const Revision& rev, auto visit) {
        for (int c : withDependencies ? rev.normalizedChildren : rev.children)
            visit(c);
    });
}

QVector<char> RevisionGraph::allDescendantMask(const QVector<int>& targets) const
{
    return reachable(m_revisions, targets, [](const Revision& rev, auto visit) {
        for (int c : rev.children)
            visit(c);
        for (int c : rev.dependents)
            visit(c);
    });
}

bool RevisionGraph::sharesLineage(int target, const QVector<int>& against) const
{
    if (against.isEmpty())
        return true;
    const QVector<char> up = ancestorMask({target}, false);
    const QVector<char> down = descendantMask({target}, false);
    for (int a : against) {
        if (a >= 0 && (up[a] || down[a]))
            return true;
    }
    return false;
}

// Alembic's _topological_sort, reproduced step for step but without its per-head ancestor sets.
// Alembic keeps a list of current heads and a cursor; the candidate under the cursor is emitted
// unless it is an ancestor of another current head, in which case the cursor moves to the FIRST
// such head in list order. Every not-yet-emitted member is an ancestor of some current head, and
// members form a convex set, so "ancestor of another current head" is the same as "has a child
// (normalized edges) that is a member not yet emitted": a counter answers it in O(1). Only when
// the candidate is blocked do we search upwards for the first head in list order that descends
// from it, through not-yet-emitted members only.
//
// That search is the expensive part (10,000 revisions: ~4,000 blocked candidates, each reaching
// hundreds of revisions), so on a DAG it walks chains instead of revisions. A chain is a maximal
// run x1 -> x2 -> ... where each x(i) has exactly one member child and that child exactly one
// member parent. Emitted members are closed under descendants (a member is emitted only when none
// of its children is pending), so the pending part of every chain is a prefix [0, top]: the
// search reaches positions [entry, top] of a chain, and continues past it only when the whole
// chain is pending. A current head is reached when its chain was reached at or below its
// position. A graph with a cycle (one Alembic's _detect_cycles misses) takes the plain walk.
QVector<int> RevisionGraph::topologicalSort(const QVector<char>& members, const QVector<int>& heads) const
{
    const int n = int(m_revisions.size());
    const Revision* revs = m_revisions.constData();
    std::vector<char> todo(size_t(n), 0);
    int remaining = 0;
    for (int i = 0; i < n && i < members.size(); ++i) {
        if (members[i]) {
            todo[size_t(i)] = 1;
            ++remaining;
        }
    }
    // Member children of every member, flat (CSR): childStart[i] .. childStart[i + 1].
    std::vector<int> childStart(size_t(n) + 1, 0), childList, memberParents(size_t(n), 0);
    childList.reserve(size_t(remaining) + 16);
    for (int i = 0; i < n; ++i) {
        childStart[size_t(i)] = int(childList.size());
        if (!todo[size_t(i)])
            continue;
        for (int c : revs[i].normalizedChildren) {
            if (todo[size_t(c)]) {
                childList.push_back(c);
                ++memberParents[size_t(c)];
            }
        }
    }
    childStart[size_t(n)] = int(childList.size());
    auto childCount = [&childStart](int i) { return childStart[size_t(i) + 1] - childStart[size_t(i)]; };
    std::vector<int> pending(size_t(n), 0);
    for (int i = 0; i < n; ++i)
        pending[size_t(i)] = childCount(i);

    // Chains (see above); a cycle among the members leaves some member without a chain.
    std::vector<int> chainOf(size_t(n), -1), chainPos(size_t(n), 0);
    std::vector<int> chainTop; // pending prefix: positions 0 .. chainTop[k] (-1: none)
    std::vector<int> chainLast; // the chain's last revision
    {
        auto linkedUp = [&](int x) {
            if (childCount(x) != 1)
                return -1;
            const int c = childList[size_t(childStart[size_t(x)])];
            return memberParents[size_t(c)] == 1 ? c : -1;
        };
        std::vector<char> hasLinkedParent(size_t(n), 0);
        for (int i = 0; i < n; ++i) {
            if (todo[size_t(i)]) {
                const int up = linkedUp(i);
                if (up >= 0)
                    hasLinkedParent[size_t(up)] = 1;
            }
        }
        for (int i = 0; i < n; ++i) {
            if (!todo[size_t(i)] || hasLinkedParent[size_t(i)])
                continue;
            const int k = int(chainTop.size());
            int pos = 0, x = i, last = i;
            while (x >= 0) {
                chainOf[size_t(x)] = k;
                chainPos[size_t(x)] = pos++;
                last = x;
                x = linkedUp(x);
            }
            chainTop.push_back(pos - 1);
            chainLast.push_back(last);
        }
    }
    std::vector<int> rank; // topological position (parents first), with chains
    bool useChains = true;
    for (int i = 0; i < n && useChains; ++i)
        useChains = !todo[size_t(i)] || chainOf[size_t(i)] >= 0;
    if (useChains) {
        // Kahn over the member edges: every member must come out, else there is a cycle.
        std::vector<int> missing(memberParents), queue;
        queue.reserve(size_t(remaining));
        for (int i = 0; i < n; ++i) {
            if (todo[size_t(i)] && missing[size_t(i)] == 0)
                queue.push_back(i);
        }
        for (size_t k = 0; k < queue.size(); ++k) {
            const int r = queue[k];
            for (int e = childStart[size_t(r)]; e < childStart[size_t(r) + 1]; ++e) {
                if (--missing[size_t(childList[size_t(e)])] == 0)
                    queue.push_back(childList[size_t(e)]);
            }
        }
        useChains = int(queue.size()) == remaining;
        if (useChains) {
            rank.assign(size_t(n), -1);
            for (size_t k = 0; k < queue.size(); ++k)
                rank[size_t(queue[k])] = int(k);
        }
    }

    QVector<int> current;
    std::vector<char> inCurrent(size_t(n), 0);
    for (int h : heads) {
        if (h >= 0 && h < n && todo[size_t(h)] && !inCurrent[size_t(h)]) {
            inCurrent[size_t(h)] = 1;
            current.push_back(h);
        }
    }
    std::sort(current.begin(), current.end());

    QVector<int> output;
    output.reserve(remaining);
    std::vector<int> visitStamp(useChains ? chainTop.size() : size_t(n), 0);
    std::vector<int> chainEntry(useChains ? chainTop.size() : 0, 0);
    int stamp = 0;
    std::vector<int> stack;

    // Marks what a blocked candidate reaches through pending members (visitStamp == stamp).
    auto reachChains = [&](int candidate) {
        auto enter = [&](int x) {
            const int k = chainOf[size_t(x)];
            const int pos = chainPos[size_t(x)];
            if (visitStamp[size_t(k)] == stamp) {
                chainEntry[size_t(k)] = std::min(chainEntry[size_t(k)], pos);
                return;
            }
            visitStamp[size_t(k)] = stamp;
            chainEntry[size_t(k)] = pos;
            const int last = chainLast[size_t(k)];
            if (chainTop[size_t(k)] == chainPos[size_t(last)])
                stack.push_back(last);
        };
        enter(candidate);
        while (!stack.empty()) {
            const int r = stack.back();
            stack.pop_back();
            for (int e = childStart[size_t(r)]; e < childStart[size_t(r) + 1]; ++e) {
                const int c = childList[size_t(e)];
                if (todo[size_t(c)])
                    enter(c);
            }
        }
    };
    // Whether the candidate reaches `head`: the same walk, pruned to revisions that can still be
    // below the head (topological position at most the head's) and stopped when it is found.
    auto reachesHead = [&](int candidate, int head) {
        const int bound = rank[size_t(head)];
        const int headChain = chainOf[size_t(head)];
        const int headPos = chainPos[size_t(head)];
        bool found = false;
        auto enter = [&](int x) {
            if (rank[size_t(x)] > bound)
                return;
            const int k = chainOf[size_t(x)];
            const int pos = chainPos[size_t(x)];
            if (k == headChain && pos <= headPos)
                found = true; // the pending prefix runs from pos through the head
            if (found || visitStamp[size_t(k)] == stamp)
                return;
            visitStamp[size_t(k)] = stamp;
            const int last = chainLast[size_t(k)];
            if (chainTop[size_t(k)] == chainPos[size_t(last)])
                stack.push_back(last);
        };
        enter(candidate);
        while (!stack.empty() && !found) {
            const int r = stack.back();
            stack.pop_back();
            for (int e = childStart[size_t(r)]; e < childStart[size_t(r) + 1] && !found; ++e) {
                const int c = childList[size_t(e)];
                if (todo[size_t(c)])
                    enter(c);
            }
        }
        stack.clear();
        return found;
    };
    auto reached = [&](int h) {
        if (useChains) {
            const int k = chainOf[size_t(h)];
            return visitStamp[size_t(k)] == stamp && chainPos[size_t(h)] >= chainEntry[size_t(k)];
        }
        return visitStamp[size_t(h)] == stamp;
    };
    auto reachRevisions = [&](int candidate) {
        stack.push_back(candidate);
        visitStamp[size_t(candidate)] = stamp;
        while (!stack.empty()) {
            const int r = stack.back();
            stack.pop_back();
            for (int e = childStart[size_t(r)]; e < childStart[size_t(r) + 1]; ++e) {
                const int c = childList[size_t(e)];
                if (todo[size_t(c)] && visitStamp[size_t(c)] != stamp) {
                    visitStamp[size_t(c)] = stamp;
                    stack.push_back(c);
                }
            }
        }
    };

    int idx = 0;
    int jumps = 0; // cursor moves since the last emit: fewer than current.size() in a DAG
    while (!current.isEmpty()) {
        const int candidate = current[idx];
        if (pending[size_t(candidate)] > 0) {
            // Blocked: find the first current head (list order) that descends from the candidate.
            // Heads placed before the candidate in topological order cannot; the first one that
            // can is usually the answer (~80% on generated 10,000-revision graphs), so it is
            // tried alone first, with a pruned walk, before the full walk.
            int next = -1;
            if (useChains) {
                int first = -1;
                for (int j = 0; j < current.size() && first < 0; ++j) {
                    if (j != idx && rank[size_t(current[j])] > rank[size_t(candidate)])
                        first = j;
                }
                ++stamp;
                if (first >= 0 && reachesHead(candidate, current[first]))
                    next = first;
            }
            if (next < 0) {
                ++stamp;
                stack.clear();
                if (useChains)
                    reachChains(candidate);
                else
                    reachRevisions(candidate);
                for (int j = 0; j < current.size(); ++j) {
                    if (j != idx && reached(current[j])) {
                        next = j;
                        break;
                    }
                }
            }
            // In a DAG each move goes to a head strictly above the last, so the cursor never
            // returns; it can only circle in a cycle that Alembic's _detect_cycles did not see.
            if (next >= 0 && jumps < current.size()) {
                ++jumps;
                idx = next;
                continue;
            }
            // Unreachable for a DAG (a pending child is always below some current head); emit
            // rather than loop forever.
            log::warn(log::Area::Graph, QStringLiteral("topological sort: %1 blocked without a covering head")
                                            .arg(revs[candidate].id));
        }
        jumps = 0;
        const Revision& rev = revs[candidate];
        if (todo[size_t(candidate)]) {
            output.push_back(candidate);
            todo[size_t(candidate)] = 0;
            if (useChains) // the candidate is the top of its chain's pending prefix (no pending child)
                chainTop[size_t(chainOf[size_t(candidate)])] = chainPos[size_t(candidate)] - 1;
            --remaining;
            for (int p : rev.normalizedDown) {
                if (pending[size_t(p)] > 0)
                    --pending[size_t(p)];
            }
        }
        int added = 0;
        inCurrent[size_t(candidate)] = 0;
        for (int p : rev.normalizedDown) {
            if (!todo[size_t(p)] || inCurrent[size_t(p)])
                continue;
            inCurrent[size_t(p)] = 1;
            if (added++ == 0)
                current[idx] = p;
            else
                current.push_back(p);
        }
        if (added == 0) {
            current.remove(idx);
            idx = std::max(idx - 1, 0);
        }
    }
    if (remaining > 0) {
        // Members not reachable from the heads (Alembic asserts here); keep them, in map order.
        for (int i = 0; i < n; ++i) {
            if (todo[size_t(i)])
                output.push_back(i);
        }
    }
    return output;
}

Result<RevisionGraph> RevisionGraph::build(const QVector<RevisionFile>& files, Mode mode)
{
    return buildFrom(files, mode);
}

Result<RevisionGraph> RevisionGraph::build(QVector<RevisionFile>&& files, Mode mode)
{
    return buildFrom(files, mode);
}

// `Files` is `const QVector<RevisionFile>` (values copied) or `QVector<RevisionFile>` (values moved
// out: no reference-count traffic on 10,000 strings allocated by other threads, and nothing left
// to free twice).
template <typename Files>
Result<RevisionGraph> RevisionGraph::buildFrom(Files& files, Mode mode)
{
    const bool lenient = mode == Mode::Lenient;
    QElapsedTimer timer;
    timer.start();
    RevisionGraph g;
    QVector<int> objectOrder; // load position of the file that defines each revision (Alembic's
                              // heads/bases keep the order in which objects were added)
    QVector<int> downLine, depsLine;

    auto addProblem = [&g](const QString& code, const QString& message, const QStringList& revisions,
                           const QString& path, int line, bool fatal) {
        g.m_problems.push_back(GraphProblem{code, message, revisions, path, line, fatal, {}});
    };
    auto flag = [&g](int index, const QString& code) {
        if (index >= 0 && !g.m_revisions[index].problemCodes.contains(code))
            g.m_revisions[index].problemCodes.push_back(code);
    };

    // ---- 1. files -> revisions -------------------------------------------------------------
    g.m_revisions.reserve(files.size());
    g.m_byId.reserve(files.size());
    objectOrder.reserve(files.size());
    downLine.reserve(files.size());
    depsLine.reserve(files.size());
    auto* fileData = files.data(); // const RevisionFile* or RevisionFile*
    for (int fi = 0; fi < files.size(); ++fi) {
        if (fi + kPrefetchAhead < files.size())
            prefetchStrings(fileData[fi + kPrefetchAhead].revision, fileData[fi + kPrefetchAhead].downRevisions);
        auto& f = fileData[fi];
        QStringList codes;
        for (const UnresolvedValue& u : f.unresolved) {
            addProblem(QStringLiteral("unresolved-value"),
                       QStringLiteral("The value of '%1' is not a literal Retort can read without running Python: %2")
                           .arg(u.name, u.expression),
                       f.revision.isEmpty() ? QStringList() : QStringList{f.revision}, f.path, u.line, true);
            codes << QStringLiteral("unresolved-value");
        }
        const bool revisionUnresolved = std::any_of(f.unresolved.cbegin(), f.unresolved.cend(), [](const UnresolvedValue& u) {
            return u.name == QLatin1String("revision");
        });
        if (!f.problems.isEmpty() || (!f.isUsable() && !revisionUnresolved)) {
            if (f.problems.isEmpty()) {
                addProblem(QStringLiteral("revision-file-no-revision"),
                           QStringLiteral("Could not determine revision id from filename %1. Be sure the 'revision' "
                                          "variable is declared inside the script.")
                               .arg(fileName(f.path)),
                           {}, f.path, 0, true);
            }
            for (const Error& e : f.problems) {
                addProblem(e.code.isEmpty() ? QStringLiteral("file-problem") : e.code, e.message,
                           f.revision.isEmpty() ? QStringList() : QStringList{f.revision},
                           e.path.isEmpty() ? f.path : e.path, e.line, true);
                codes << (e.code.isEmpty() ? QStringLiteral("file-problem") : e.code);
            }
        }
        if (!f.isUsable())
            continue;

        // std::move copies when `f` is const. From here on the file's moved strings are read
        // through `rev` only. Built in place at the end of the map (reserved: no reallocation);
        // a duplicate id moves it over the earlier revision below.
        Revision& rev = g.m_revisions.emplace_back();
        rev.id = std::move(f.revision);
        rev.downRevisions = std::move(f.downRevisions);
        rev.dependsOn = std::move(f.dependsOn);
        rev.branchLabels = std::move(f.branchLabels);
        if (rev.branchLabels.size() > 1)
            rev.branchLabels.removeDuplicates();
        rev.message = std::move(f.message);
        rev.docstring = std::move(f.docstring);
        rev.createDate = std::move(f.createDate);
        rev.path = std::move(f.path);
        rev.line = f.revisionLine;
        rev.lacksUpgrade = f.lacksUpgrade;
        rev.lacksDowngrade = f.lacksDowngrade;
        rev.emptyDependsOn = f.emptyDependsOn;

        const bool downUnresolved = std::any_of(f.unresolved.cbegin(), f.unresolved.cend(), [](const UnresolvedValue& u) {
            return u.name == QLatin1String("down_revision");
        });
        const bool parserReported = std::any_of(f.problems.cbegin(), f.problems.cend(), [](const Error& e) {
            return e.code == QLatin1String("revision-file-no-down-revision");
        });
        if (!f.hasDownRevision && !downUnresolved && !parserReported) {
            addProblem(QStringLiteral("no-down-revision"),
                       QStringLiteral("Revision %1 has no 'down_revision' variable (Alembic fails with "
                                      "AttributeError)")
                           .arg(rev.id),
                       {rev.id}, rev.path, f.revisionLine, true);
            codes << QStringLiteral("no-down-revision");
        }
        if (rev.downRevisions.contains(rev.id)) {
            addProblem(QStringLiteral("self-loop"),
                       QStringLiteral("Self-loop is detected in revisions (%1)").arg(rev.id), {rev.id}, rev.path,
                       f.downRevisionLine, true);
            codes << QStringLiteral("self-loop");
            rev.downRevisions.removeAll(rev.id);
        } else if (rev.dependsOn.contains(rev.id)) {
            addProblem(QStringLiteral("dependency-self-loop"),
                       QStringLiteral("Dependency self-loop is detected in revisions (%1)").arg(rev.id), {rev.id},
                       rev.path, f.dependsOnLine, true);
            codes << QStringLiteral("dependency-self-loop");
        }
        rev.dependsOn.removeAll(rev.id);
        const QString illegal = RevisionSpec::illegalCharacters(rev.id);
        if (!illegal.isEmpty()) {
            addProblem(QStringLiteral("invalid-revision-id"),
                       QStringLiteral("Character(s) '%1' not allowed in revision identifier '%2'").arg(illegal, rev.id),
                       {rev.id}, rev.path, f.revisionLine, true);
            codes << QStringLiteral("invalid-revision-id");
        }
        const QString unsafe = RevisionSpec::unsafeCharacters(rev.id);
        if (!unsafe.isEmpty()) {
            // Alembic loads such a revision, and its INSERT into alembic_version then breaks (or
            // runs the rest of the id as SQL): readable, never run (the planner refuses it).
            addProblem(QStringLiteral("unsafe-revision-id"),
                       QStringLiteral("Revision identifier '%1' contains %2: Alembic writes it into alembic_version "
                                      "unescaped, so Retort will not run or stamp it")
                           .arg(rev.id, unsafe),
                       {rev.id}, rev.path, f.revisionLine, false);
            codes << QStringLiteral("unsafe-revision-id");
        }

        const auto existing = g.m_byId.constFind(rev.id);
        int index = 0;
        if (existing != g.m_byId.constEnd()) {
            index = existing.value();
            // Alembic 1.8.1 only warns here, but its map then keeps the shadowed object as a phantom
            // head and `alembic history` / `upgrade heads` fail ("Requested revision X overlaps with
            // other requested revisions"): Strict refuses the project; Lenient uses the later file.
            addProblem(QStringLiteral("duplicate-revision"),
                       QStringLiteral("Revision %1 is present more than once (%2 and %3%4)")
                           .arg(rev.id, g.m_revisions[index].path, rev.path,
                                lenient ? QStringLiteral("; the later file is used") : QString()),
                       {rev.id}, rev.path, f.revisionLine, true);
            codes << QStringLiteral("duplicate-revision");
            rev.index = index;
            g.m_revisions[index] = std::move(rev);
            g.m_revisions.removeLast();
            objectOrder[index] = fi;
            downLine[index] = f.downRevisionLine;
            depsLine[index] = f.dependsOnLine;
        } else {
            index = int(g.m_revisions.size()) - 1;
            rev.index = index;
            g.m_byId.insert(rev.id, index);
            objectOrder.push_back(fi);
            downLine.push_back(f.downRevisionLine);
            depsLine.push_back(f.dependsOnLine);
        }
        for (const QString& code : std::as_const(codes))
            flag(index, code);
    }

    const int n = int(g.m_revisions.size());

    // ---- 2. branch labels (_map_branch_labels) -----------------------------------------------
    QVector<QStringList> effectiveLabels(n); // declared labels that could be registered
    for (int i = 0; i < n; ++i) {
        Revision& rev = g.m_revisions[i];
        QStringList kept;
        for (const QString& label : std::as_const(rev.branchLabels)) {
            int other = g.m_byId.value(label, -1);
            if (other < 0)
                other = g.m_byLabel.value(label, -1);
            if (other >= 0) {
                addProblem(QStringLiteral("duplicate-label"),
                           QStringLiteral("Branch name '%1' in revision %2 already used by revision %3")
                               .arg(label, rev.id, g.m_revisions[other].id),
                           {rev.id, g.m_revisions[other].id}, rev.path, 0, true);
                g.m_problems.last().detail = QStringLiteral("%1 is in %2; %3 is in %4.")
                                                 .arg(rev.id, fileName(rev.path), g.m_revisions[other].id,
                                                      fileName(g.m_revisions[other].path));
                flag(i, QStringLiteral("duplicate-label"));
                flag(other, QStringLiteral("duplicate-label"));
                continue;
            }
            g.m_byLabel.insert(label, i);
            kept << label;
        }
        effectiveLabels[i] = kept;
    }

    // ---- 3. depends_on (_add_depends_on) and down revisions ----------------------------------
    for (int i = 0; i < n; ++i) {
        Revision& rev = g.m_revisions[i];
        for (const QString& dep : std::as_const(rev.dependsOn)) {
            int target = g.m_byId.value(dep, -1);
            if (target < 0)
                target = g.m_byLabel.value(dep, -1);
            if (target < 0) {
                addProblem(QStringLiteral("missing-dependency"),
                           QStringLiteral("Revision or branch %1 named in depends_on of %2 is not present").arg(dep, rev.id),
                           {rev.id}, rev.path, depsLine[i], true);
                flag(i, QStringLiteral("missing-dependency"));
                continue;
            }
            if (target == i) { // a label of the revision itself
                addProblem(QStringLiteral("dependency-self-loop"),
                           QStringLiteral("Dependency self-loop is detected in revisions (%1)").arg(rev.id), {rev.id},
                           rev.path, depsLine[i], true);
                flag(i, QStringLiteral("dependency-self-loop"));
                continue;
            }
            if (!rev.dependencies.contains(target))
                rev.dependencies.push_back(target);
        }
    }
    for (int i = 0; i < n; ++i) {
        if (i + kPrefetchAhead < n)
            prefetchFirst(g.m_revisions.at(i + kPrefetchAhead).downRevisions);
        Revision& rev = g.m_revisions[i];
        for (const QString& down : std::as_const(rev.downRevisions)) {
            const int target = g.m_byId.value(down, -1);
            if (target < 0) {
                const bool isLabel = g.m_byLabel.contains(down);
                addProblem(QStringLiteral("missing-revision"),
                           QStringLiteral("Revision %1 referenced from %2 is not present%3")
                               .arg(down, rev.id,
                                    isLabel ? QStringLiteral(" (it is a branch label; down_revision needs a revision id)")
                                            : QString()),
                           {rev.id, down}, rev.path, downLine[i], true);
                flag(i, QStringLiteral("missing-revision"));
                continue;
            }
            if (!rev.parents.contains(target))
                rev.parents.push_back(target);
        }
    }

    auto linkReverse = [&g, n]() {
        for (int i = 0; i < n; ++i) {
            g.m_revisions[i].children.clear();
            g.m_revisions[i].dependents.clear();
        }
        Revision* revs = g.m_revisions.data();
        for (int i = 0; i < n; ++i) {
            for (int p : std::as_const(revs[i].parents))
                revs[p].children.push_back(i);
            for (int d : std::as_const(revs[i].dependencies))
                revs[d].dependents.push_back(i);
        }
    };
    linkReverse();

    // ---- 4. cycles (_detect_cycles) ----------------------------------------------------------
    auto detect = [&](bool withDeps) -> QVector<int> {
        const QVector<Revision>& revisions = g.m_revisions;
        QVector<int> tops, roots;
        for (int i = 0; i < n; ++i) {
            const Revision& r = revisions[i];
            const bool top = r.children.isEmpty() && (!withDeps || r.dependents.isEmpty());
            // _real_bases: down_revision and dependencies both None (`depends_on = ""` is not None)
            const bool root = r.parents.isEmpty() && (!withDeps || (r.dependencies.isEmpty() && !r.emptyDependsOn));
            if (top)
                tops << i;
            if (root)
                roots << i;
        }
        QVector<int> deleted;
        if (n == 0)
            return deleted;
        if (tops.isEmpty() || roots.isEmpty()) {
            for (int i = 0; i < n; ++i)
                deleted << -1 - i; // negative: "all revisions, map order"
            return deleted;
        }
        QVector<char> up(n, 0), down(n, 0);
        QVector<int> stack = tops;
        for (int t : tops)
            up[t] = 1;
        while (!stack.isEmpty()) {
            const int r = stack.takeLast();
            const Revision& rev = revisions[r];
            for (const QVector<int>* next : {&rev.parents, &rev.dependencies}) {
                if (next == &rev.dependencies && !withDeps)
                    continue;
                for (int p : *next) {
                    if (!up[p]) {
                        up[p] = 1;
                        stack.push_back(p);
                    }
                }
            }
        }
        stack = roots;
        for (int t : roots)
            down[t] = 1;
        while (!stack.isEmpty()) {
            const int r = stack.takeLast();
            const Revision& rev = revisions[r];
            for (const QVector<int>* next : {&rev.children, &rev.dependents}) {
                if (next == &rev.dependents && !withDeps)
                    continue;
                for (int c : *next) {
                    if (!down[c]) {
                        down[c] = 1;
                        stack.push_back(c);
                    }
                }
            }
        }
        for (int i = 0; i < n; ++i) {
            if (!(up[i] && down[i]))
                deleted << i;
        }
        return deleted;
    };
    auto reportCycle = [&](const QVector<int>& deleted, bool withDeps) {
        QStringList ids;
        QVector<int> indexes;
        for (int d : deleted)
            indexes << (d < 0 ? -1 - d : d);
        for (int d : indexes)
            ids << g.m_revisions[d].id;
        if (!deleted.isEmpty() && deleted.first() >= 0)
            std::sort(ids.begin(), ids.end());
        const QString code = withDeps ? QStringLiteral("dependency-cycle") : QStringLiteral("cycle");
        QStringList involved;
        for (int d : indexes)
            involved << g.m_revisions[d].id + QStringLiteral(" in ") + fileName(g.m_revisions[d].path);
        addProblem(code,
                   QStringLiteral("%1 is detected in revisions (%2)")
                       .arg(withDeps ? QStringLiteral("Dependency cycle") : QStringLiteral("Cycle"), joinIds(ids)),
                   ids, indexes.isEmpty() ? QString() : g.m_revisions[indexes.first()].path, 0, true);
        g.m_problems.last().detail = QStringLiteral("Revisions involved: ") + involved.join(QStringLiteral(", ")) +
                                     QLatin1Char('.');
        for (int d : indexes)
            flag(d, code);
    };
    // In a DAG (down_revision and depends_on edges) every revision lies below a top and above a
    // root, so _detect_cycles deletes nothing: one topological pass stands in for both walks.
    const bool acyclic = [&] {
        const Revision* revs = g.m_revisions.constData();
        std::vector<int> missing(size_t(n), 0), queue;
        queue.reserve(size_t(n));
        for (int i = 0; i < n; ++i) {
            missing[size_t(i)] = int(revs[i].parents.size() + revs[i].dependencies.size());
            if (missing[size_t(i)] == 0)
                queue.push_back(i);
        }
        for (size_t k = 0; k < queue.size(); ++k) {
            const Revision& r = revs[queue[k]];
            for (const QVector<int>* next : {&r.children, &r.dependents}) {
                for (int c : *next) {
                    if (--missing[size_t(c)] == 0)
                        queue.push_back(c);
                }
            }
        }
        return int(queue.size()) == n;
    }();
    // A base with `depends_on = ""` is no real base: what only it reaches is, to Alembic's
    // dependency walk, outside every real base (DependencyCycleDetected), even in a DAG.
    const bool falseRoots = std::any_of(g.m_revisions.cbegin(), g.m_revisions.cend(),
                                        [](const Revision& r) { return r.emptyDependsOn && r.parents.isEmpty(); });
    const QVector<int> cycleDeleted = acyclic ? QVector<int>() : detect(false);
    if (!cycleDeleted.isEmpty())
        reportCycle(cycleDeleted, false);
    if (cycleDeleted.isEmpty() || lenient) {
        const QVector<int> depDeleted = acyclic && !falseRoots ? QVector<int>() : detect(true);
        if (!depDeleted.isEmpty() && cycleDeleted.isEmpty())
            reportCycle(depDeleted, true);
    }

    if (!lenient) {
        for (const GraphProblem& p : std::as_const(g.m_problems)) {
            if (p.fatal)
                return p.toError();
        }
    }

    // Lenient: cut the back edges of any cycle (iterative DFS over parents + dependencies).
    if (lenient && g.hasFatalProblems()) {
        QVector<char> state(n, 0); // 0 new, 1 on stack, 2 done
        bool cut = false;
        for (int s = 0; s < n; ++s) {
            if (state[s])
                continue;
            QVector<QPair<int, int>> stack{{s, 0}};
            state[s] = 1;
            while (!stack.isEmpty()) {
                auto& [node, pos] = stack.last();
                Revision& rev = g.m_revisions[node];
                const int np = int(rev.parents.size());
                const int total = np + int(rev.dependencies.size());
                if (pos >= total) {
                    state[node] = 2;
                    stack.removeLast();
                    continue;
                }
                const int k = pos;
                const int next = k < np ? rev.parents[k] : rev.dependencies[k - np];
                if (state[next] == 1) {
                    if (k < np)
                        rev.parents.remove(k);
                    else
                        rev.dependencies.remove(k - np);
                    flag(node, QStringLiteral("cycle"));
                    cut = true;
                    continue; // same pos now holds the following edge
                }
                ++pos;
                if (state[next] == 0) {
                    state[next] = 1;
                    stack.push_back({next, 0});
                }
            }
        }
        if (cut)
            linkReverse();
    }

    // ---- 5. normalized dependencies, flags, heads and bases ---------------------------------
    // Alembic's _normalize_depends_on: a revision drops every dependency that one of its
    // ancestors (down_revision edges) also depends on. Only a dependency that two or more
    // revisions depend on ("shared") can be dropped. Each shared dependency gets a bit; in one
    // topological pass every revision gets the union of its strict ancestors' shared
    // dependencies. A cycle (one _detect_cycles misses) or an unusually large number of shared
    // dependencies takes the per-revision ancestor walk instead.
    {
        Revision* revs = g.m_revisions.data();
        QVector<int> bitOf(n, -1);
        int sharedCount = 0;
        for (int i = 0; i < n; ++i) {
            if (revs[i].dependents.size() > 1)
                bitOf[i] = sharedCount++;
        }
        constexpr int kMaxSharedForBits = 4096;
        const int words = (sharedCount + 63) / 64;
        std::vector<quint64> above; // n x words: shared dependencies of the strict ancestors
        bool bits = sharedCount > 0 && sharedCount <= kMaxSharedForBits;
        if (bits) {
            QVector<int> order;
            order.reserve(n);
            QVector<int> missingParents(n, 0);
            for (int i = 0; i < n; ++i) {
                missingParents[i] = int(revs[i].parents.size());
                if (missingParents[i] == 0)
                    order << i;
            }
            for (int k = 0; k < order.size(); ++k) {
                for (int c : std::as_const(revs[order[k]].children)) {
                    if (--missingParents[c] == 0)
                        order << c;
                }
            }
            bits = order.size() == n;
            if (bits) {
                above.assign(size_t(n) * size_t(words), 0);
                for (int i : std::as_const(order)) {
                    quint64* mine = above.data() + size_t(i) * size_t(words);
                    for (int p : std::as_const(revs[i].parents)) {
                        const quint64* theirs = above.data() + size_t(p) * size_t(words);
                        for (int w = 0; w < words; ++w)
                            mine[w] |= theirs[w];
                        for (int d : std::as_const(revs[p].dependencies)) {
                            if (bitOf[d] >= 0)
                                mine[bitOf[d] / 64] |= quint64(1) << (bitOf[d] % 64);
                        }
                    }
                }
            }
        }
        QVector<int> stamp(bits ? 0 : n, 0);
        int current = 0;
        QVector<int> stack;
        for (int i = 0; i < n; ++i) {
            Revision& rev = revs[i];
            QVector<int> normalizedDeps = rev.dependencies;
            const bool shared = std::any_of(normalizedDeps.cbegin(), normalizedDeps.cend(), [&bitOf](int d) {
                return bitOf[d] >= 0;
            });
            if (shared && bits) {
                const quint64* mine = above.data() + size_t(i) * size_t(words);
                normalizedDeps.removeIf([&](int d) {
                    return bitOf[d] >= 0 && (mine[bitOf[d] / 64] >> (bitOf[d] % 64)) & 1u;
                });
            } else if (shared) {
                ++current;
                stack = rev.parents;
                for (int p : std::as_const(rev.parents))
                    stamp[p] = current;
                while (!stack.isEmpty() && !normalizedDeps.isEmpty()) {
                    const int a = stack.takeLast();
                    for (int d : std::as_const(revs[a].dependencies))
                        normalizedDeps.removeAll(d);
                    for (int p : std::as_const(revs[a].parents)) {
                        if (stamp[p] != current) {
                            stamp[p] = current;
                            stack.push_back(p);
                        }
                    }
                }
            }
            rev.normalizedDown = rev.parents;
            for (int d : std::as_const(normalizedDeps)) {
                if (!rev.normalizedDown.contains(d))
                    rev.normalizedDown.push_back(d);
            }
        }
        for (int i = 0; i < n; ++i)
            g.m_revisions[i].normalizedChildren.clear();
        for (int i = 0; i < n; ++i) {
            for (int p : std::as_const(revs[i].normalizedDown))
                revs[p].normalizedChildren.push_back(i);
        }
    }

    QVector<int> byObjectOrder(n);
    for (int i = 0; i < n; ++i)
        byObjectOrder[i] = i;
    std::sort(byObjectOrder.begin(), byObjectOrder.end(),
              [&objectOrder](int a, int b) { return objectOrder[a] < objectOrder[b]; });
    for (int i = 0; i < n; ++i) {
        Revision& rev = g.m_revisions[i];
        rev.isHead = rev.children.isEmpty();
        rev.isRealHead = rev.children.isEmpty() && rev.dependents.isEmpty();
        rev.isBase = lenient ? rev.parents.isEmpty() : rev.downRevisions.isEmpty();
        rev.isRealBase = rev.isBase && rev.dependsOn.isEmpty() && !rev.emptyDependsOn; // Alembic: dependencies is None
        rev.isBranchPoint = rev.children.size() > 1;
        rev.isRealBranchPoint = rev.children.size() + rev.dependents.size() > 1;
        rev.isMergePoint = rev.downRevisions.size() > 1;
    }
    for (int i : std::as_const(byObjectOrder)) {
        const Revision& rev = g.m_revisions[i];
        if (rev.isHead)
            g.m_heads << i;
        if (rev.isRealHead)
            g.m_realHeads << i;
        if (rev.isBase)
            g.m_bases << i;
        if (rev.isRealBase)
            g.m_realBases << i;
    }

    // ---- 6. _add_branches: labels down the branch --------------------------------------------
    if (!labelsBySets(g.m_revisions, effectiveLabels))
        labelsByWalks(g.m_revisions, effectiveLabels);

    log::info(log::Area::Graph, QStringLiteral("revision graph: %1 revisions, %2 heads, %3 problems; built in %4 ms")
                                    .arg(n)
                                    .arg(g.m_heads.size())
                                    .arg(g.m_problems.size())
                                    .arg(timer.elapsed()));

    for (const GraphProblem& p : std::as_const(g.m_problems)) {
        if (p.fatal)
            log::warn(log::Area::Graph, p.path.isEmpty() ? p.message : p.path + QStringLiteral(": ") + p.message);
    }
    return g;
}

} // namespace retort
