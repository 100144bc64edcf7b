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
QVector<int> RevisionGraph::topologicalSort(const QVector<char>& members, const QVector<int>& heads) const
{
    const int n = int(m_revisions.size());
    QVector<char> todo(n, 0);
    int remaining = 0;
    for (int i = 0; i < n && i < members.size(); ++i) {
        if (members[i]) {
            todo[i] = 1;
            ++remaining;
        }
    }
    std::vector<int> pending(size_t(n), 0);
    for (int i = 0; i < n; ++i) {
        if (!todo[i])
            continue;
        for (int c : m_revisions[i].normalizedChildren) {
            if (todo[c])
                ++pending[i];
        }
    }

    QVector<int> current;
    QVector<char> inCurrent(n, 0);
    for (int h : heads) {
        if (h >= 0 && h < n && todo[h] && !inCurrent[h]) {
            inCurrent[h] = 1;
            current.push_back(h);
        }
    }
    std::sort(current.begin(), current.end());

    QVector<int> output;
    output.reserve(remaining);
    std::vector<int> visitStamp(size_t(n), 0);
    int stamp = 0;
    QVector<int> stack;

    int idx = 0;
    int jumps = 0; // cursor moves since the last emit: fewer than current.size() in a DAG
    while (!current.isEmpty()) {
        const int candidate = current[idx];
        if (pending[candidate] > 0) {
            // Blocked: find the first current head (list order) that descends from the candidate.
            ++stamp;
            stack.clear();
            stack.push_back(candidate);
            visitStamp[candidate] = stamp;
            while (!stack.isEmpty()) {
                const int r = stack.takeLast();
                for (int c : m_revisions[r].normalizedChildren) {
                    if (todo[c] && visitStamp[c] != stamp) {
                        visitStamp[c] = stamp;
                        stack.push_back(c);
                    }
                }
            }
            int next = -1;
            for (int j = 0; j < current.size(); ++j) {
                if (j != idx && visitStamp[current[j]] == stamp) {
                    next = j;
                    break;
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
                                            .arg(m_revisions[candidate].id));
        }
        jumps = 0;
        if (todo[candidate]) {
            output.push_back(candidate);
            todo[candidate] = 0;
            --remaining;
            for (int p : m_revisions[candidate].normalizedDown) {
                if (pending[p] > 0)
                    --pending[p];
            }
        }
        QVector<int> toAdd;
        for (int p : m_revisions[candidate].normalizedDown) {
            if (todo[p] && !inCurrent[p])
                toAdd.push_back(p);
        }
        inCurrent[candidate] = 0;
        if (toAdd.isEmpty()) {
            current.remove(idx);
            idx = std::max(idx - 1, 0);
        } else {
            current[idx] = toAdd[0];
            inCurrent[toAdd[0]] = 1;
            for (int k = 1; k < toAdd.size(); ++k) {
                current.push_back(toAdd[k]);
                inCurrent[toAdd[k]] = 1;
            }
        }
    }
    if (remaining > 0) {
        // Members not reachable from the heads (Alembic asserts here); keep them, in map order.
        for (int i = 0; i < n; ++i) {
            if (todo[i])
                output.push_back(i);
        }
    }
    return output;
}

Result<RevisionGraph> RevisionGraph::build(const QVector<RevisionFile>& files, Mode mode)
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
    for (int fi = 0; fi < files.size(); ++fi) {
        const RevisionFile& f = files[fi];
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

        Revision rev;
        rev.id = f.revision;
        rev.downRevisions = f.downRevisions;
        rev.dependsOn = f.dependsOn;
        rev.branchLabels = f.branchLabels;
        rev.branchLabels.removeDuplicates();
        rev.message = f.message;
        rev.docstring = f.docstring;
        rev.createDate = f.createDate;
        rev.path = f.path;
        rev.line = f.revisionLine;

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
                           .arg(f.revision),
                       {f.revision}, f.path, f.revisionLine, true);
            codes << QStringLiteral("no-down-revision");
        }
        if (rev.downRevisions.contains(rev.id)) {
            addProblem(QStringLiteral("self-loop"),
                       QStringLiteral("Self-loop is detected in revisions (%1)").arg(rev.id), {rev.id}, f.path,
                       f.downRevisionLine, true);
            codes << QStringLiteral("self-loop");
            rev.downRevisions.removeAll(rev.id);
        } else if (rev.dependsOn.contains(rev.id)) {
            addProblem(QStringLiteral("dependency-self-loop"),
                       QStringLiteral("Dependency self-loop is detected in revisions (%1)").arg(rev.id), {rev.id},
                       f.path, f.dependsOnLine, true);
            codes << QStringLiteral("dependency-self-loop");
        }
        rev.dependsOn.removeAll(rev.id);
        const QString illegal = RevisionSpec::illegalCharacters(rev.id);
        if (!illegal.isEmpty()) {
            addProblem(QStringLiteral("invalid-revision-id"),
                       QStringLiteral("Character(s) '%1' not allowed in revision identifier '%2'").arg(illegal, rev.id),
                       {rev.id}, f.path, f.revisionLine, true);
            codes << QStringLiteral("invalid-revision-id");
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
                           .arg(rev.id, g.m_revisions[index].path, f.path,
                                lenient ? QStringLiteral("; the later file is used") : QString()),
                       {rev.id}, f.path, f.revisionLine, true);
            codes << QStringLiteral("duplicate-revision");
            rev.index = index;
            g.m_revisions[index] = rev;
            objectOrder[index] = fi;
            downLine[index] = f.downRevisionLine;
            depsLine[index] = f.dependsOnLine;
        } else {
            index = int(g.m_revisions.size());
            rev.index = index;
            g.m_byId.insert(rev.id, index);
            g.m_revisions.push_back(std::move(rev));
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
        for (int i = 0; i < n; ++i) {
            for (int p : g.m_revisions[i].parents)
                g.m_revisions[p].children.push_back(i);
            for (int d : g.m_revisions[i].dependencies)
                g.m_revisions[d].dependents.push_back(i);
        }
    };
    linkReverse();

    // ---- 4. cycles (_detect_cycles) ----------------------------------------------------------
    auto detect = [&](bool withDeps) -> QVector<int> {
        QVector<int> tops, roots;
        for (int i = 0; i < n; ++i) {
            const Revision& r = g.m_revisions[i];
            const bool top = r.children.isEmpty() && (!withDeps || r.dependents.isEmpty());
            const bool root = r.parents.isEmpty() && (!withDeps || r.dependencies.isEmpty());
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
            const Revision& rev = g.m_revisions[r];
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
            const Revision& rev = g.m_revisions[r];
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
    const QVector<int> cycleDeleted = detect(false);
    if (!cycleDeleted.isEmpty())
        reportCycle(cycleDeleted, false);
    if (cycleDeleted.isEmpty() || lenient) {
        const QVector<int> depDeleted = detect(true);
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
    {
        QVector<int> stamp(n, 0);
        int current = 0;
        QVector<int> stack;
        for (int i = 0; i < n; ++i) {
            Revision& rev = g.m_revisions[i];
            QVector<int> normalizedDeps = rev.dependencies;
            // Only a dependency that some other revision also depends on can be an ancestor's
            // dependency; most are not, and need no walk.
            const bool shared = std::any_of(normalizedDeps.cbegin(), normalizedDeps.cend(), [&g](int d) {
                return g.m_revisions[d].dependents.size() > 1;
            });
            if (shared) {
                ++current;
                stack = rev.parents;
                for (int p : rev.parents)
                    stamp[p] = current;
                while (!stack.isEmpty() && !normalizedDeps.isEmpty()) {
                    const int a = stack.takeLast();
                    for (int d : g.m_revisions[a].dependencies)
                        normalizedDeps.removeAll(d);
                    for (int p : g.m_revisions[a].parents) {
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
            for (int p : g.m_revisions[i].normalizedDown)
                g.m_revisions[p].normalizedChildren.push_back(i);
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
        rev.isRealBase = rev.isBase && rev.dependsOn.isEmpty();
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
