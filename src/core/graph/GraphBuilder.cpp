#include "core/graph/GraphBuilder.h"

#include "core/common/Prefetch.h"
#include "core/graph/RevisionSpec.h"
#include "core/log/Log.h"

#include <QFileInfo>

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <vector>

// The phases follow Alembic 1.8.1's RevisionMap._revision_map (alembic/script/revision.py):
//  readFiles              per file, in load order (Script/Revision construction): unreadable
//                         values, self-loops, dependency self-loops, illegal characters in the id;
//                         the ordered map: a duplicate id keeps the position of its first file,
//                         the later file's content wins (a warning in 1.8.1);
//  mapBranchLabels        _map_branch_labels (a label used twice or equal to an id is an error);
//  addDependencies        _add_depends_on (depends_on by id or label);
//  linkParents            down revisions (a missing one is an error);
//  detectCycles           _detect_cycles; Strict mode stops here;
//  cutCycles              Lenient only: the graph repaired just enough to be a DAG;
//  normalizeDependencies  _normalize_depends_on;
//  markHeadsAndBases      heads/bases (real and versioned) and the revision flags;
//  addBranchLabels        _add_branches (labels along the branch).
// The history order (_topological_sort from the real heads) is computed on demand by the graph.
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
// 10,000 revisions). In two steps: the lists' entries kListsAhead revisions ahead, the characters
// they point to kPrefetchAhead revisions ahead (reading an entry that is not in the cache yet
// would stall the loop instead of prefetching).
constexpr int kPrefetchAhead = 8;
constexpr int kListsAhead = 16;

inline void prefetchEntries(const QStringList& list)
{
    prefetch(list.constData());
}

// The characters of the first entry of `list` (its entries asked for earlier).
inline void prefetchFirst(const QStringList& list)
{
    if (!list.isEmpty())
        prefetch(list.constFirst().constData());
}

inline void prefetchStrings(const QString& s, const QStringList& list)
{
    prefetch(s.constData());
    prefetchFirst(list);
}

// The revisions in a topological order over parent edges, parents first (Kahn); fewer than all
// of them when the parent edges have a cycle.
QVector<int> parentsFirst(const QVector<Revision>& revs)
{
    const int n = int(revs.size());
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
    return order;
}

// Every revision reachable from `starts` (included) along the index lists `edges` of each revision.
QVector<char> reach(const QVector<Revision>& revisions, const QVector<int>& starts,
                    std::initializer_list<QVector<int> Revision::*> edges)
{
    QVector<char> seen(revisions.size(), 0);
    QVector<int> stack = starts;
    for (int s : starts)
        seen[s] = 1;
    while (!stack.isEmpty()) {
        const Revision& rev = revisions[stack.takeLast()];
        for (QVector<int> Revision::*edge : edges) {
            for (int next : rev.*edge) {
                if (!seen[next]) {
                    seen[next] = 1;
                    stack.push_back(next);
                }
            }
        }
    }
    return seen;
}

// ---- addBranchLabels: the reference walk and the fast path --------------------------------------

// Alembic's _add_branches, literally: for each labelled revision L (map order), its labels go to
// every node of its descendant walk (_get_descendant_nodes, include_dependencies=False: a stack
// walk over nextrev), then down from the LAST node that walk yielded through revisions that are
// neither real branch points nor merge points. O(labels x revisions).
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
    const QVector<int> order = parentsFirst(revs);
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
    for (int i : order) {
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

// ---- normalizeDependencies: the fast path and the reference walk --------------------------------

// Only a dependency that two or more revisions depend on ("shared") can be dropped by
// normalization. Each shared dependency gets a bit; in one topological pass every revision gets
// the union of its strict ancestors' shared dependencies (`words` 64-bit words per revision, in
// `above`). False, leaving `above` empty, when the parent edges have a cycle.
bool sharedDependenciesAbove(const QVector<Revision>& revs, const QVector<int>& bitOf, int words,
                             std::vector<quint64>& above)
{
    const int n = int(revs.size());
    const QVector<int> order = parentsFirst(revs);
    if (order.size() < n)
        return false;
    above.assign(size_t(n) * size_t(words), 0);
    for (int i : order) {
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
    return true;
}

// Alembic's walk for one revision: `deps` loses every dependency of an ancestor of `i`
// (_get_ancestor_nodes over down revisions), `i` itself excepted even when a cycle that
// _detect_cycles does not see leads back to it. `stamp`/`current` mark what this walk has seen.
void removeAncestorDependencies(const QVector<Revision>& revs, int i, QVector<int>& deps, QVector<int>& stamp,
                                int current)
{
    QVector<int> stack = revs[i].parents;
    stamp[i] = current;
    for (int p : std::as_const(revs[i].parents))
        stamp[p] = current;
    while (!stack.isEmpty() && !deps.isEmpty()) {
        const int a = stack.takeLast();
        for (int d : std::as_const(revs[a].dependencies))
            deps.removeAll(d);
        for (int p : std::as_const(revs[a].parents)) {
            if (stamp[p] != current) {
                stamp[p] = current;
                stack.push_back(p);
            }
        }
    }
}

} // namespace

// ---- the build ----------------------------------------------------------------------------------

GraphBuilder::GraphBuilder(RevisionGraph::Mode mode, Walks walks, const AlembicVersion& alembic)
    : m_mode(mode), m_walks(walks)
{
    m_graph.m_alembic = alembic;
    m_timer.start();
}

Result<RevisionGraph> GraphBuilder::build(const QVector<RevisionFile>& files, RevisionGraph::Mode mode, Walks walks,
                                          const AlembicVersion& alembic)
{
    GraphBuilder builder(mode, walks, alembic);
    builder.readFiles(files);
    return builder.buildAfterReading();
}

Result<RevisionGraph> GraphBuilder::build(QVector<RevisionFile>&& files, RevisionGraph::Mode mode, Walks walks,
                                          const AlembicVersion& alembic)
{
    GraphBuilder builder(mode, walks, alembic);
    builder.readFiles(std::move(files));
    return builder.buildAfterReading();
}

Result<RevisionGraph> GraphBuilder::buildAfterReading()
{
    mapBranchLabels();
    addDependencies();
    linkParents();
    detectCycles();
    if (m_mode == RevisionGraph::Mode::Strict) {
        if (const GraphProblem* fatal = firstFatalProblem())
            return fatal->toError();
    }
    cutCycles();
    normalizeDependencies();
    markHeadsAndBases();
    addBranchLabels();
    return takeGraph();
}

const GraphProblem* GraphBuilder::firstFatalProblem() const
{
    for (const GraphProblem& p : m_graph.m_problems) {
        if (p.fatal)
            return &p;
    }
    return nullptr;
}

RevisionGraph GraphBuilder::takeGraph()
{
    log::info(log::Area::Graph, QStringLiteral("revision graph: %1 revisions, %2 heads, %3 problems; built in %4 ms")
                                    .arg(m_graph.m_revisions.size())
                                    .arg(m_graph.m_heads.size())
                                    .arg(m_graph.m_problems.size())
                                    .arg(m_timer.elapsed()));
    for (const GraphProblem& p : std::as_const(m_graph.m_problems)) {
        if (p.fatal)
            log::warn(log::Area::Graph, p.path.isEmpty() ? p.message : p.path + QStringLiteral(": ") + p.message);
    }
    return std::move(m_graph);
}

GraphProblem& GraphBuilder::addProblem(const QString& code, const QString& message, const QStringList& revisions,
                                       const QString& path, int line)
{
    m_graph.m_problems.push_back(GraphProblem{code, message, revisions, path, line, true, {}});
    return m_graph.m_problems.last();
}

void GraphBuilder::flag(int index, const QString& code)
{
    if (index >= 0 && !m_graph.m_revisions[index].problemCodes.contains(code))
        m_graph.m_revisions[index].problemCodes.push_back(code);
}

void GraphBuilder::readFiles(const QVector<RevisionFile>& files)
{
    readFilesFrom(files);
}

void GraphBuilder::readFiles(QVector<RevisionFile>&& files)
{
    readFilesFrom(files);
}

// `Files` is `const QVector<RevisionFile>` (values copied) or `QVector<RevisionFile>` (values moved
// out: no reference-count traffic on 10,000 strings allocated by other threads, and nothing left
// to free twice).
template <typename Files>
void GraphBuilder::readFilesFrom(Files& files)
{
    const bool lenient = m_mode == RevisionGraph::Mode::Lenient;
    QVector<Revision>& revisions = m_graph.m_revisions;
    revisions.reserve(files.size());
    m_graph.m_byId.reserve(files.size());
    m_objectOrder.reserve(files.size());
    m_downLine.reserve(files.size());
    m_depsLine.reserve(files.size());
    auto* fileData = files.data(); // const RevisionFile* or RevisionFile*
    for (int fi = 0; fi < files.size(); ++fi) {
        if (fi + kListsAhead < files.size())
            prefetchEntries(fileData[fi + kListsAhead].downRevisions);
        if (fi + kPrefetchAhead < files.size())
            prefetchStrings(fileData[fi + kPrefetchAhead].revision, fileData[fi + kPrefetchAhead].downRevisions);
        auto& f = fileData[fi];
        QStringList codes;
        for (const UnresolvedValue& u : f.unresolved) {
            addProblem(QStringLiteral("unresolved-value"),
                       QStringLiteral("The value of '%1' is not a literal Retort can read without running Python: %2")
                           .arg(u.name, u.expression),
                       f.revision.isEmpty() ? QStringList() : QStringList{f.revision}, f.path, u.line);
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
                           {}, f.path, 0);
            }
            for (const Error& e : f.problems) {
                addProblem(e.code.isEmpty() ? QStringLiteral("file-problem") : e.code, e.message,
                           f.revision.isEmpty() ? QStringList() : QStringList{f.revision},
                           e.path.isEmpty() ? f.path : e.path, e.line);
                codes << (e.code.isEmpty() ? QStringLiteral("file-problem") : e.code);
            }
        }
        if (!f.isUsable())
            continue;

        // std::move copies when `f` is const. From here on the file's moved strings are read
        // through `rev` only. Built in place at the end of the map (reserved: no reallocation);
        // a duplicate id moves it over the earlier revision below.
        Revision& rev = revisions.emplace_back();
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
        if (f.emptyDownRevision && m_graph.m_alembic.emptyDownRevisionIsAReference())
            rev.downRevisions = QStringList{QString()}; // to_tuple("") = ("",): a revision named ""

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
                       {rev.id}, rev.path, f.revisionLine);
            codes << QStringLiteral("no-down-revision");
        }
        if (rev.downRevisions.contains(rev.id)) {
            addProblem(QStringLiteral("self-loop"), QStringLiteral("Self-loop is detected in revisions (%1)").arg(rev.id),
                       {rev.id}, rev.path, f.downRevisionLine);
            codes << QStringLiteral("self-loop");
            rev.downRevisions.removeAll(rev.id);
        } else if (rev.dependsOn.contains(rev.id)) {
            addProblem(QStringLiteral("dependency-self-loop"),
                       QStringLiteral("Dependency self-loop is detected in revisions (%1)").arg(rev.id), {rev.id},
                       rev.path, f.dependsOnLine);
            codes << QStringLiteral("dependency-self-loop");
        }
        rev.dependsOn.removeAll(rev.id);
        const QString illegal = RevisionSpec::illegalCharacters(rev.id, m_graph.m_alembic.refusesColonInRevisionIds());
        if (!illegal.isEmpty()) {
            addProblem(QStringLiteral("invalid-revision-id"),
                       QStringLiteral("Character(s) '%1' not allowed in revision identifier '%2'").arg(illegal, rev.id),
                       {rev.id}, rev.path, f.revisionLine);
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
                       {rev.id}, rev.path, f.revisionLine)
                .fatal = false;
            codes << QStringLiteral("unsafe-revision-id");
        }

        const auto existing = m_graph.m_byId.constFind(rev.id);
        int index = 0;
        if (existing != m_graph.m_byId.constEnd()) {
            index = existing.value();
            // Alembic 1.8.1 only warns here, but its map then keeps the shadowed object as a phantom
            // head and `alembic history` / `upgrade heads` fail ("Requested revision X overlaps with
            // other requested revisions"): Strict refuses the project; Lenient uses the later file.
            addProblem(QStringLiteral("duplicate-revision"),
                       QStringLiteral("Revision %1 is present more than once (%2 and %3%4)")
                           .arg(rev.id, revisions[index].path, rev.path,
                                lenient ? QStringLiteral("; the later file is used") : QString()),
                       {rev.id}, rev.path, f.revisionLine);
            codes << QStringLiteral("duplicate-revision");
            rev.index = index;
            revisions[index] = std::move(rev);
            revisions.removeLast();
            m_objectOrder[index] = fi;
            m_downLine[index] = f.downRevisionLine;
            m_depsLine[index] = f.dependsOnLine;
        } else {
            index = int(revisions.size()) - 1;
            rev.index = index;
            m_graph.m_byId.insert(rev.id, index);
            m_objectOrder.push_back(fi);
            m_downLine.push_back(f.downRevisionLine);
            m_depsLine.push_back(f.dependsOnLine);
        }
        for (const QString& code : std::as_const(codes))
            flag(index, code);
    }
}

void GraphBuilder::mapBranchLabels()
{
    const int n = m_graph.size();
    m_effectiveLabels = QVector<QStringList>(n);
    for (int i = 0; i < n; ++i) {
        const Revision& rev = m_graph.m_revisions[i];
        QStringList kept;
        for (const QString& label : rev.branchLabels) {
            int other = m_graph.m_byId.value(label, -1);
            if (other < 0)
                other = m_graph.m_byLabel.value(label, -1);
            if (other >= 0) {
                const Revision& owner = m_graph.m_revisions[other];
                addProblem(QStringLiteral("duplicate-label"),
                           QStringLiteral("Branch name '%1' in revision %2 already used by revision %3")
                               .arg(label, rev.id, owner.id),
                           {rev.id, owner.id}, rev.path, 0)
                    .detail = QStringLiteral("%1 is in %2; %3 is in %4.")
                                  .arg(rev.id, fileName(rev.path), owner.id, fileName(owner.path));
                flag(i, QStringLiteral("duplicate-label"));
                flag(other, QStringLiteral("duplicate-label"));
                continue;
            }
            m_graph.m_byLabel.insert(label, i);
            kept << label;
        }
        m_effectiveLabels[i] = kept;
    }
}

void GraphBuilder::addDependencies()
{
    const int n = m_graph.size();
    for (int i = 0; i < n; ++i) {
        Revision& rev = m_graph.m_revisions[i];
        for (const QString& dep : std::as_const(rev.dependsOn)) {
            int target = m_graph.m_byId.value(dep, -1);
            if (target < 0)
                target = m_graph.m_byLabel.value(dep, -1);
            if (target < 0) {
                addProblem(QStringLiteral("missing-dependency"),
                           QStringLiteral("Revision or branch %1 named in depends_on of %2 is not present").arg(dep, rev.id),
                           {rev.id}, rev.path, m_depsLine[i]);
                flag(i, QStringLiteral("missing-dependency"));
                continue;
            }
            if (target == i) { // a label of the revision itself
                addProblem(QStringLiteral("dependency-self-loop"),
                           QStringLiteral("Dependency self-loop is detected in revisions (%1)").arg(rev.id), {rev.id},
                           rev.path, m_depsLine[i]);
                flag(i, QStringLiteral("dependency-self-loop"));
                continue;
            }
            if (!rev.dependencies.contains(target))
                rev.dependencies.push_back(target);
        }
    }
}

void GraphBuilder::linkParents()
{
    const int n = m_graph.size();
    for (int i = 0; i < n; ++i) {
        if (i + kListsAhead < n)
            prefetchEntries(m_graph.m_revisions.at(i + kListsAhead).downRevisions);
        if (i + kPrefetchAhead < n)
            prefetchFirst(m_graph.m_revisions.at(i + kPrefetchAhead).downRevisions);
        Revision& rev = m_graph.m_revisions[i];
        if (rev.parents.isEmpty() && !rev.downRevisions.isEmpty())
            rev.parents.reserve(rev.downRevisions.size());
        for (const QString& down : std::as_const(rev.downRevisions)) {
            const int target = m_graph.m_byId.value(down, -1);
            if (target < 0) {
                const bool isLabel = m_graph.m_byLabel.contains(down);
                addProblem(QStringLiteral("missing-revision"),
                           QStringLiteral("Revision %1 referenced from %2 is not present%3")
                               .arg(down, rev.id,
                                    isLabel ? QStringLiteral(" (it is a branch label; down_revision needs a revision id)")
                                            : QString()),
                           {rev.id, down}, rev.path, m_downLine[i]);
                flag(i, QStringLiteral("missing-revision"));
                continue;
            }
            if (!rev.parents.contains(target))
                rev.parents.push_back(target);
        }
    }
    linkReverse();
}

// children and dependents from parents and dependencies.
void GraphBuilder::linkReverse()
{
    const int n = m_graph.size();
    Revision* revs = m_graph.m_revisions.data();
    // Counted first, so that each list is allocated once at its size.
    std::vector<int> children(size_t(n), 0), dependents(size_t(n), 0);
    for (int i = 0; i < n; ++i) {
        for (int p : std::as_const(revs[i].parents))
            ++children[size_t(p)];
        for (int d : std::as_const(revs[i].dependencies))
            ++dependents[size_t(d)];
    }
    for (int i = 0; i < n; ++i) {
        revs[i].children.clear();
        revs[i].dependents.clear();
        if (children[size_t(i)] > 0)
            revs[i].children.reserve(children[size_t(i)]);
        if (dependents[size_t(i)] > 0)
            revs[i].dependents.reserve(dependents[size_t(i)]);
    }
    for (int i = 0; i < n; ++i) {
        for (int p : std::as_const(revs[i].parents))
            revs[p].children.push_back(i);
        for (int d : std::as_const(revs[i].dependencies))
            revs[d].dependents.push_back(i);
    }
}

// The fast path of detectCycles: whether one topological pass over down_revision and depends_on
// edges takes every revision.
bool GraphBuilder::isAcyclic() const
{
    const int n = m_graph.size();
    const Revision* revs = m_graph.m_revisions.constData();
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
}

// The reference walk of detectCycles, one of _detect_cycles' two checks: what the tops (heads,
// or real heads withDependencies) reach downwards, intersected with what the roots (bases, or
// real bases) reach upwards; every revision outside is in a cycle or behind one.
GraphBuilder::CycleWalk GraphBuilder::walkForCycles(bool withDependencies) const
{
    const int n = m_graph.size();
    const QVector<Revision>& revisions = m_graph.m_revisions;
    CycleWalk result;
    QVector<int> tops, roots;
    for (int i = 0; i < n; ++i) {
        const Revision& r = revisions[i];
        const bool top = r.children.isEmpty() && (!withDependencies || r.dependents.isEmpty());
        // _real_bases: down_revision and dependencies both None (`depends_on = ""` is not None)
        const bool root =
            r.parents.isEmpty() && (!withDependencies || (r.dependencies.isEmpty() && !r.emptyDependsOn));
        if (top)
            tops << i;
        if (root)
            roots << i;
    }
    if (n == 0)
        return result;
    if (tops.isEmpty() || roots.isEmpty()) {
        result.everything = true;
        for (int i = 0; i < n; ++i)
            result.outside << i;
        return result;
    }
    const QVector<char> up = withDependencies ? reach(revisions, tops, {&Revision::parents, &Revision::dependencies})
                                              : reach(revisions, tops, {&Revision::parents});
    const QVector<char> down = withDependencies ? reach(revisions, roots, {&Revision::children, &Revision::dependents})
                                                : reach(revisions, roots, {&Revision::children});
    for (int i = 0; i < n; ++i) {
        if (!(up[i] && down[i]))
            result.outside << i;
    }
    return result;
}

void GraphBuilder::reportCycle(const CycleWalk& walk, bool withDependencies)
{
    const QVector<Revision>& revisions = m_graph.m_revisions;
    QStringList ids;
    for (int d : walk.outside)
        ids << revisions[d].id;
    if (!walk.everything)
        std::sort(ids.begin(), ids.end());
    const QString code = withDependencies ? QStringLiteral("dependency-cycle") : QStringLiteral("cycle");
    QStringList involved;
    for (int d : walk.outside)
        involved << revisions[d].id + QStringLiteral(" in ") + fileName(revisions[d].path);
    addProblem(code,
               QStringLiteral("%1 is detected in revisions (%2)")
                   .arg(withDependencies ? QStringLiteral("Dependency cycle") : QStringLiteral("Cycle"), joinIds(ids)),
               ids, revisions[walk.outside.first()].path, 0)
        .detail = QStringLiteral("Revisions involved: ") + involved.join(QStringLiteral(", ")) + QLatin1Char('.');
    for (int d : walk.outside)
        flag(d, code);
}

void GraphBuilder::detectCycles()
{
    // In a DAG (down_revision and depends_on edges) every revision lies below a top and above a
    // root, so _detect_cycles deletes nothing: one topological pass stands in for both walks.
    const bool acyclic = m_walks == Walks::Fast && isAcyclic();
    const CycleWalk cycles = acyclic ? CycleWalk() : walkForCycles(false);
    if (!cycles.outside.isEmpty()) {
        reportCycle(cycles, false);
        return; // Alembic raises at the first check
    }
    // A base with `depends_on = ""` is no real base: what only it reaches is, to Alembic's
    // dependency walk, outside every real base (DependencyCycleDetected), even in a DAG.
    const bool falseRoots = std::any_of(m_graph.m_revisions.cbegin(), m_graph.m_revisions.cend(),
                                        [](const Revision& r) { return r.emptyDependsOn && r.parents.isEmpty(); });
    const CycleWalk dependencyCycles = acyclic && !falseRoots ? CycleWalk() : walkForCycles(true);
    if (!dependencyCycles.outside.isEmpty())
        reportCycle(dependencyCycles, true);
}

void GraphBuilder::cutCycles()
{
    if (m_mode != RevisionGraph::Mode::Lenient || !firstFatalProblem())
        return;
    // The back edges of an iterative depth-first search over parents + dependencies.
    const int n = m_graph.size();
    QVector<char> state(n, 0); // 0 new, 1 on stack, 2 done
    bool cut = false;
    for (int s = 0; s < n; ++s) {
        if (state[s])
            continue;
        QVector<QPair<int, int>> stack{{s, 0}};
        state[s] = 1;
        while (!stack.isEmpty()) {
            auto& [node, pos] = stack.last();
            Revision& rev = m_graph.m_revisions[node];
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

void GraphBuilder::normalizeDependencies()
{
    // A revision drops every dependency that one of its ancestors (down_revision edges) also
    // depends on. Only a dependency that two or more revisions depend on ("shared") can be
    // dropped, so the fast path walks only for revisions with a shared dependency, and answers
    // "does an ancestor depend on d" from bitsets of the shared dependencies; a cycle (one
    // _detect_cycles misses) or an unusually large number of shared dependencies takes the walk
    // instead. The reference walk, like Alembic, walks for every revision with a dependency.
    const int n = m_graph.size();
    Revision* revs = m_graph.m_revisions.data();
    QVector<int> bitOf(n, -1);
    int sharedCount = 0;
    for (int i = 0; i < n; ++i) {
        if (revs[i].dependents.size() > 1)
            bitOf[i] = sharedCount++;
    }
    constexpr int kMaxSharedForBits = 4096;
    const int words = (sharedCount + 63) / 64;
    std::vector<quint64> above; // n x words: shared dependencies of the strict ancestors
    const bool bits = m_walks == Walks::Fast && sharedCount > 0 && sharedCount <= kMaxSharedForBits &&
                      sharedDependenciesAbove(m_graph.m_revisions, bitOf, words, above);
    QVector<int> stamp(bits ? 0 : n, 0);
    int current = 0;
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
        } else if (shared || (m_walks == Walks::Reference && !normalizedDeps.isEmpty())) {
            removeAncestorDependencies(m_graph.m_revisions, i, normalizedDeps, stamp, ++current);
        }
        rev.normalizedDown = rev.parents;
        for (int d : std::as_const(normalizedDeps)) {
            if (!rev.normalizedDown.contains(d))
                rev.normalizedDown.push_back(d);
        }
    }
    for (int i = 0; i < n; ++i)
        revs[i].normalizedChildren.clear();
    for (int i = 0; i < n; ++i) {
        for (int p : std::as_const(revs[i].normalizedDown))
            revs[p].normalizedChildren.push_back(i);
    }
}

void GraphBuilder::markHeadsAndBases()
{
    const int n = m_graph.size();
    const bool lenient = m_mode == RevisionGraph::Mode::Lenient;
    for (int i = 0; i < n; ++i) {
        Revision& rev = m_graph.m_revisions[i];
        rev.isHead = rev.children.isEmpty();
        rev.isRealHead = rev.children.isEmpty() && rev.dependents.isEmpty();
        rev.isBase = lenient ? rev.parents.isEmpty() : rev.downRevisions.isEmpty();
        rev.isRealBase = rev.isBase && rev.dependsOn.isEmpty() && !rev.emptyDependsOn; // Alembic: dependencies is None
        rev.isBranchPoint = rev.children.size() > 1;
        rev.isRealBranchPoint = rev.children.size() + rev.dependents.size() > 1;
        rev.isMergePoint = rev.downRevisions.size() > 1;
    }
    // Alembic's heads/bases keep the order in which the revision objects were added: a duplicate
    // id takes the later file's place. Without duplicates that is the graph's own order.
    QVector<int> byObjectOrder(n);
    for (int i = 0; i < n; ++i)
        byObjectOrder[i] = i;
    if (!std::is_sorted(m_objectOrder.cbegin(), m_objectOrder.cend()))
        std::sort(byObjectOrder.begin(), byObjectOrder.end(),
                  [this](int a, int b) { return m_objectOrder[a] < m_objectOrder[b]; });
    m_graph.m_heads.clear();
    m_graph.m_realHeads.clear();
    m_graph.m_bases.clear();
    m_graph.m_realBases.clear();
    for (int i : std::as_const(byObjectOrder)) {
        const Revision& rev = m_graph.m_revisions[i];
        if (rev.isHead)
            m_graph.m_heads << i;
        if (rev.isRealHead)
            m_graph.m_realHeads << i;
        if (rev.isBase)
            m_graph.m_bases << i;
        if (rev.isRealBase)
            m_graph.m_realBases << i;
    }
}

void GraphBuilder::addBranchLabels()
{
    // The label sets need a topological order over parent edges; a cycle that _detect_cycles does
    // not see leaves none, and Alembic's walks are taken.
    if (m_walks == Walks::Reference || !labelsBySets(m_graph.m_revisions, m_effectiveLabels))
        labelsByWalks(m_graph.m_revisions, m_effectiveLabels);
}

} // namespace retort
