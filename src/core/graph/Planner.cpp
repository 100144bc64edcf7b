#include "core/graph/Planner.h"

#include "core/graph/AlembicOps.h"
#include "core/graph/RevisionSpec.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <vector>

// Alembic 1.8.1, what `alembic upgrade X` / `alembic downgrade X` runs:
//   command.upgrade -> ScriptDirectory._upgrade_revs(destination, current heads)
//     -> RevisionMap.iterate_revisions(destination, heads, implicit_base=True)
//     -> _collect_upgrade_revisions + _topological_sort, reversed
//   command.downgrade -> ScriptDirectory._downgrade_revs(destination, current heads)
//     -> iterate_revisions(heads, destination, select_for_downgrade=True)
//     -> _collect_downgrade_revisions + _topological_sort
//   then MigrationContext.run_migrations: HeadMaintainer.update_to_step per RevisionStep (with the
//   1.13.1 change of RevisionStep._unmerge_to_revisions when the graph follows 1.13.1 or later).

namespace retort {

using detail::AlembicOps;
using detail::commandError;
using detail::kBase;
using detail::kNone;
using detail::opsError;

QString directionName(Direction direction)
{
    return direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
}

namespace {

QString relativeMessage(const QString& relative, int steps)
{
    return QStringLiteral("Relative revision %1 didn't produce %2 migrations").arg(relative).arg(steps < 0 ? -steps : steps);
}

class PlanBuilder
{
public:
    PlanBuilder(const RevisionGraph& graph, const QStringList& rows, const PlanOptions& options)
        : m_graph(graph), m_ops(graph), m_rows(rows), m_options(options)
    {
    }

    Result<Plan> run(Direction direction, const QString& target);

private:
    Result<QVector<int>> parseUpgradeTarget(const QString& target);
    struct DowngradeTarget
    {
        QString branchLabel;
        int revision = kNone;
    };
    Result<DowngradeTarget> parseDowngradeTarget(const QString& target);
    Result<QVector<int>> collectUpgrade(const QString& target, QVector<int>* heads);
    Result<QVector<int>> collectDowngrade(const QString& target, QVector<int>* heads);
    Status applyStep(Direction direction, int revision, std::vector<char>& heads, std::vector<char>& applied) const;
    bool isAncestorOfOtherHead(int revision, const std::vector<char>& heads, const std::vector<char>& applied,
                               const QVector<int>& excluded) const;
    bool isProperAncestorOfAnother(int revision, const QVector<int>& others, const std::vector<char>& applied) const;
    template <typename Hit>
    bool reachesAppliedDescendant(int revision, const std::vector<char>& applied, Hit hit) const;
    QString id(int index) const { return m_graph.at(index).id; }
    // The version table as a mask plus a list sorted by id (headsAfter without a sort per step).
    void setHead(std::vector<char>& heads, int r, bool present) const
    {
        heads[r] = present ? 1 : 0;
        if (present) {
            const HeadRow row{sortPrefix(m_graph.at(r).id), r};
            m_headList.insert(std::lower_bound(m_headList.begin(), m_headList.end(), row,
                                               [this](const HeadRow& a, const HeadRow& b) { return idLess(a, b); }),
                              row);
        } else {
            m_headList.erase(std::find_if(m_headList.begin(), m_headList.end(),
                                          [r](const HeadRow& row) { return row.revision == r; }));
        }
    }
    // The first four UTF-16 units of an id as one number (missing ones 0): a different prefix
    // orders two ids as QString's operator< does, so most comparisons read no characters.
    static quint64 sortPrefix(const QString& id)
    {
        quint64 key = 0;
        const qsizetype size = id.size();
        const QChar* units = id.constData();
        for (qsizetype i = 0; i < 4; ++i)
            key = (key << 16) | (i < size ? units[i].unicode() : 0u);
        return key;
    }
    struct HeadRow
    {
        quint64 prefix = 0;
        int revision = -1;
    };
    bool idLess(const HeadRow& a, const HeadRow& b) const
    {
        if (a.prefix != b.prefix)
            return a.prefix < b.prefix;
        return m_graph.at(a.revision).id < m_graph.at(b.revision).id;
    }

    const RevisionGraph& m_graph;
    AlembicOps m_ops;
    QStringList m_rows;      // alembic_version rows as given
    PlanOptions m_options;
    QVector<int> m_current;  // the rows resolved, same order
    mutable QVector<int> m_seen; // visit stamps for isAncestorOfOtherHead
    mutable int m_stamp = 0;
    mutable QVector<int> m_stack;
    mutable std::vector<HeadRow> m_headList; // the version table's rows, sorted by id
};

Result<QVector<int>> PlanBuilder::parseUpgradeTarget(const QString& target)
{
    const RevisionSpec::Relative rel = RevisionSpec::parseRelative(target);
    if (!rel.matched)
        return m_ops.getRevisions(target);

    const int relative = rel.steps;
    if (relative > 0) {
        if (rel.symbol.isEmpty()) {
            // Start from the current heads (None = nothing applied).
            QVector<int> startRevs = m_current.isEmpty() ? QVector<int>{kNone} : m_current;
            if (!rel.branchLabel.isEmpty()) {
                Result<QVector<int>> onBranch = m_ops.filterForLineage(m_current, rel.branchLabel);
                if (!onBranch)
                    return onBranch.error();
                startRevs = *onBranch;
                if (startRevs.isEmpty()) {
                    // The requested branch is not a head: back-track to the tips of the applied
                    // revisions that are on the branch.
                    Result<QVector<int>> tips = m_ops.branchTipsBelow(m_current, rel.branchLabel);
                    if (!tips)
                        return tips.error();
                    startRevs = std::move(tips).value();
                    if (startRevs.isEmpty())
                        startRevs = {kNone};
                }
            }
            if (startRevs.size() > 1)
                return opsError(QStringLiteral("revision-error"),
                                QStringLiteral("Ambiguous upgrade from multiple current revisions"));
            Result<int> rev = m_ops.walk(startRevs.first(), relative, rel.branchLabel, true);
            if (!rev)
                return rev.error();
            if (*rev == kNone)
                return opsError(QStringLiteral("revision-error"), relativeMessage(rel.stepsText, relative));
            return QVector<int>{*rev};
        }
        Result<int> start = m_ops.getRevision(rel.symbol);
        if (!start)
            return start.error();
        Result<int> rev = m_ops.walk(*start, relative, rel.branchLabel, true);
        if (!rev)
            return rev.error();
        return QVector<int>{*rev};
    }
    if (rel.symbol.isEmpty())
        return opsError(QStringLiteral("revision-error"), relativeMessage(QString::number(relative), relative));
    Result<int> start = m_ops.getRevision(rel.branchLabel.isEmpty() ? rel.symbol
                                                                    : rel.branchLabel + QLatin1Char('@') + rel.symbol);
    if (!start)
        return start.error();
    Result<int> rev = m_ops.walk(*start, relative, {}, true);
    if (!rev)
        return rev.error();
    return QVector<int>{*rev};
}

Result<PlanBuilder::DowngradeTarget> PlanBuilder::parseDowngradeTarget(const QString& target)
{
    DowngradeTarget result;
    const RevisionSpec::Relative rel = RevisionSpec::parseRelative(target);
    if (rel.matched) {
        const int relInt = rel.steps;
        if (relInt >= 0) {
            if (rel.symbol.isEmpty())
                return opsError(QStringLiteral("revision-error"), relativeMessage(rel.stepsText, relInt));
            Result<int> start = m_ops.getRevision(rel.symbol);
            if (!start)
                return start.error();
            Result<int> rev = m_ops.walk(*start, relInt, rel.branchLabel, true);
            if (!rev)
                return rev.error();
            if (*rev == kNone)
                return opsError(QStringLiteral("revision-error"), QStringLiteral("Walked too far"));
            result.branchLabel = rel.branchLabel;
            result.revision = *rev;
            return result;
        }
        const bool relativeRevision = rel.symbol.isEmpty();
        QString symbol = rel.symbol;
        QString branchLabel = rel.branchLabel;
        if (relativeRevision) {
            if (!branchLabel.isEmpty()) {
                Result<QVector<int>> symbols = m_ops.filterForLineage(m_current, branchLabel);
                if (!symbols)
                    return symbols.error();
                QVector<int> list = *symbols;
                if (list.isEmpty()) {
                    // _get_all_current: the current revisions and their ancestors, reduced to branch heads.
                    const QVector<char> all = m_graph.ancestorMask(m_current, true);
                    QVector<int> tops;
                    for (int i = 0; i < m_graph.size(); ++i) {
                        if (!all[i])
                            continue;
                        bool hasDescendantInSet = false;
                        for (int c : m_graph.at(i).children) {
                            if (all[c]) {
                                hasDescendantInSet = true;
                                break;
                            }
                        }
                        if (!hasDescendantInSet)
                            tops << i;
                    }
                    Result<QVector<int>> filtered = m_ops.filterForLineage(tops, branchLabel);
                    if (!filtered)
                        return filtered.error();
                    list = *filtered;
                }
                if (list.size() != 1)
                    return opsError(QStringLiteral("crash"),
                                    QStringLiteral("AssertionError: relative downgrade on branch '%1' found %2 current "
                                                   "revisions on that branch")
                                        .arg(branchLabel)
                                        .arg(list.size()));
                symbol = id(list.first());
            } else {
                if (m_rows.isEmpty())
                    return opsError(QStringLiteral("revision-error"), relativeMessage(QString::number(relInt), relInt));
                symbol = m_rows.first();
                branchLabel = symbol;
            }
        }
        Result<int> start =
            m_ops.getRevision(branchLabel.isEmpty() ? symbol : branchLabel + QLatin1Char('@') + symbol);
        if (!start)
            return start.error();
        Result<int> rev = m_ops.walk(*start, relInt, {}, true);
        if (!rev)
            return rev.error();
        if (*rev == kNone) {
            if (relativeRevision)
                return opsError(QStringLiteral("revision-error"), relativeMessage(QString::number(relInt), relInt));
            return opsError(QStringLiteral("revision-error"), QStringLiteral("Walked too far"));
        }
        result.branchLabel = branchLabel;
        result.revision = *rev;
        return result;
    }
    const qsizetype at = target.lastIndexOf(QLatin1Char('@'));
    result.branchLabel = at >= 0 ? target.left(at) : QString();
    const QString symbol = at >= 0 ? target.mid(at + 1) : target;
    Result<int> rev = m_ops.getRevision(symbol);
    if (!rev)
        return rev.error();
    result.revision = *rev;
    return result;
}

Result<QVector<int>> PlanBuilder::collectUpgrade(const QString& target, QVector<int>* heads)
{
    Result<QVector<int>> parsed = parseUpgradeTarget(target);
    if (!parsed)
        return parsed.error();
    QVector<int> targets;
    for (int t : *parsed) {
        if (t < 0)
            return opsError(QStringLiteral("crash"),
                            QStringLiteral("AssertionError: upgrade target %1 resolves to %2")
                                .arg(target, t == kBase ? QStringLiteral("'base'") : QStringLiteral("None")));
        targets << t;
    }
    Status overlap = m_ops.checkOverlaps(targets);
    if (!overlap)
        return overlap.error();
    const QVector<char> required = m_graph.ancestorMask(targets, true);
    overlap = m_ops.checkOverlaps(m_current);
    if (!overlap)
        return overlap.error();
    const QVector<char> current = m_graph.ancestorMask(m_current, true);
    QVector<char> needs(m_graph.size(), 0);
    for (int i = 0; i < m_graph.size(); ++i)
        needs[i] = required[i] && !current[i];
    *heads = targets;
    return m_graph.topologicalSort(needs, targets);
}

Result<QVector<int>> PlanBuilder::collectDowngrade(const QString& target, QVector<int>* heads)
{
    Result<DowngradeTarget> parsed = parseDowngradeTarget(target);
    if (!parsed)
        return parsed.error();
    const QString branchLabel = parsed->branchLabel;
    int targetRevision = parsed->revision;
    if (targetRevision == kBase)
        targetRevision = kNone;

    QVector<int> roots;
    if (targetRevision == kNone) {
        // revision_map.values() with down_revision None; labels map to their revision a second time.
        for (int i = 0; i < m_graph.size(); ++i) {
            if (m_graph.at(i).downRevisions.isEmpty())
                roots << i;
        }
        for (int i = 0; i < m_graph.size(); ++i) {
            if (!m_graph.at(i).downRevisions.isEmpty())
                continue;
            for (const QString& label : m_graph.at(i).branchLabels) {
                if (m_graph.indexOfLabel(label) == i)
                    roots << i;
            }
        }
    } else {
        roots = m_graph.at(targetRevision).children;
    }
    if (!branchLabel.isEmpty() && roots.size() > 1) {
        Result<int> branch = m_ops.resolveBranch(branchLabel);
        if (!branch)
            return branch.error();
        const QVector<char> ancestors = m_graph.ancestorMask({*branch}, false);
        QVector<int> kept;
        for (int r : std::as_const(roots)) {
            if (ancestors[r] && !kept.contains(r))
                kept << r;
        }
        roots = kept;
        if (roots.isEmpty())
            return opsError(QStringLiteral("revision-error"),
                            QStringLiteral("Not a valid downgrade target from current heads"));
    }

    const QVector<char> drop = m_graph.allDescendantMask(roots);
    const QVector<char> active = m_graph.ancestorMask(m_current, true);
    QVector<char> members(m_graph.size(), 0);
    bool any = false;
    for (int i = 0; i < m_graph.size(); ++i) {
        members[i] = drop[i] && active[i];
        any = any || members[i];
    }
    if (targetRevision >= 0 && !any && !m_current.contains(targetRevision)) {
        Error e;
        e.code = QStringLiteral("not-ancestor");
        e.message = QStringLiteral("Destination %1 is not a valid downgrade target from current head(s)").arg(target);
        return e;
    }
    *heads = m_current;
    return m_graph.topologicalSort(members, m_current);
}

template <typename Hit>
bool PlanBuilder::reachesAppliedDescendant(int revision, const std::vector<char>& applied, Hit hit) const
{
    // Walk up (normalized edges) through applied revisions only: every ancestor of an applied
    // revision is applied. True at the first descendant `hit` accepts.
    if (m_seen.size() != m_graph.size())
        m_seen.fill(0, m_graph.size());
    ++m_stamp;
    QVector<int>& stack = m_stack;
    stack.clear();
    stack.push_back(revision);
    m_seen[revision] = m_stamp;
    while (!stack.isEmpty()) {
        const int r = stack.takeLast();
        for (int c : m_graph.at(r).normalizedChildren) {
            if (!applied[c] || m_seen[c] == m_stamp)
                continue;
            if (hit(c))
                return true;
            m_seen[c] = m_stamp;
            stack.push_back(c);
        }
    }
    return false;
}

bool PlanBuilder::isAncestorOfOtherHead(int revision, const std::vector<char>& heads, const std::vector<char>& applied,
                                        const QVector<int>& excluded) const
{
    // Is `revision` an ancestor of a head that is not excluded (a few revisions: a list, not a
    // mask of the whole graph per step)?
    return reachesAppliedDescendant(revision, applied, [&](int c) { return heads[c] && !excluded.contains(c); });
}

bool PlanBuilder::isProperAncestorOfAnother(int revision, const QVector<int>& others, const std::vector<char>& applied) const
{
    // Is `revision` a proper ancestor of one of `others` (applied down revisions of one step)?
    return reachesAppliedDescendant(revision, applied, [&](int c) { return others.contains(c); });
}

Status PlanBuilder::applyStep(Direction direction, int revision, std::vector<char>& heads, std::vector<char>& applied) const
{
    // HeadMaintainer.update_to_step with RevisionStep's should_* predicates.
    const Revision& rev = m_graph.at(revision);
    const QVector<int>& downs = rev.normalizedDown;
    const bool upgrade = direction == Direction::Upgrade;
    auto keyError = [this](int missing) {
        return opsError(QStringLiteral("crash"),
                        QStringLiteral("KeyError: '%1' (Alembic's head bookkeeping fails on this step)").arg(id(missing)));
    };
    auto assertion = [](const QString& what) { return opsError(QStringLiteral("crash"), QStringLiteral("AssertionError: ") + what); };
    auto removeHead = [&](int r) -> Status {
        if (!heads[r])
            return keyError(r);
        setHead(heads, r, false);
        return Ok{};
    };
    auto addHead = [&](int r) -> Status {
        if (heads[r])
            return assertion(QStringLiteral("%1 is already in the version table").arg(id(r)));
        setHead(heads, r, true);
        return Ok{};
    };
    auto unmergeTo = [&]() {
        // _unmerge_to_revisions: the down revisions that no other head still needs.
        QVector<int> to;
        const bool otherHeads = m_headList.size() > (heads[revision] ? 1u : 0u);
        if (!otherHeads && m_graph.alembicVersion().unmergeSkipsCoveredDownRevisions()) {
            // Alembic 1.13.1: with no other head, the down revisions that are ancestors of another
            // down revision (a depends_on overlapping them) are left out.
            for (int d : downs) {
                if (!isProperAncestorOfAnother(d, downs, applied))
                    to << d;
            }
            return to;
        }
        const QVector<int> excluded{revision};
        for (int d : downs) {
            if (!isAncestorOfOtherHead(d, heads, applied, excluded) && !(heads[d] && d != revision))
                to << d;
        }
        return to;
    };

    if (upgrade)
        applied[revision] = 1;
    else
        applied[revision] = 0;

    if (!upgrade && heads[revision] && (downs.isEmpty() || unmergeTo().isEmpty())) {
        return removeHead(revision); // should_delete_branch
    }
    int inHeads = 0;
    for (int d : downs)
        inHeads += heads[d] ? 1 : 0;
    if (upgrade && (downs.isEmpty() || inHeads == 0)) {
        return addHead(revision); // should_create_branch
    }
    if (upgrade && downs.size() > 1 && inHeads > 1) {
        // should_merge_branches / merge_branch_idents
        const QVector<int>& excluded = downs;
        QVector<int> from;
        for (int d : downs) {
            if (!isAncestorOfOtherHead(d, heads, applied, excluded))
                from << d;
        }
        for (int d : std::as_const(from)) {
            Status s = removeHead(d);
            if (!s)
                return s;
        }
        return addHead(revision);
    }
    if (!upgrade && heads[revision] && downs.size() > 1) {
        // should_unmerge_branches / unmerge_branch_idents
        const QVector<int> to = unmergeTo();
        Status s = removeHead(revision);
        if (!s)
            return s;
        for (int t : to) {
            s = addHead(t);
            if (!s)
                return s;
        }
        return Ok{};
    }
    // update_version_num
    int downrev = -1;
    if (downs.size() != 1) {
        QVector<int> present;
        for (int d : downs) {
            if (heads[d])
                present << d;
        }
        if (present.size() != 1)
            return assertion(QStringLiteral("Can't do an UPDATE because downrevision is ambiguous"));
        downrev = present.first();
    } else {
        downrev = downs.first();
    }
    if (upgrade) {
        if (heads[revision])
            return assertion(QStringLiteral("%1 is already in the version table").arg(id(revision)));
        Status s = removeHead(downrev);
        if (!s)
            return s;
        setHead(heads, revision, true);
    } else {
        if (heads[downrev])
            return assertion(QStringLiteral("%1 is already in the version table").arg(id(downrev)));
        Status s = removeHead(revision);
        if (!s)
            return s;
        setHead(heads, downrev, true);
    }
    return Ok{};
}

Result<Plan> PlanBuilder::run(Direction direction, const QString& target)
{
    Plan plan;
    plan.direction = direction;
    plan.target = target;

    // The rows of alembic_version, resolved the way get_revisions(rows) does.
    QStringList rows;
    for (const QString& row : std::as_const(m_rows)) {
        Result<QVector<int>> r = m_ops.getRevisions(row);
        if (!r)
            return commandError(r.error(), target);
        for (int i : *r) {
            if (i >= 0) {
                m_current << i;
                rows << id(i);
            }
        }
    }
    m_rows = rows;
    plan.currentHeads = rows;

    QVector<int> heads;
    Result<QVector<int>> order = direction == Direction::Upgrade ? collectUpgrade(target, &heads)
                                                                 : collectDowngrade(target, &heads);
    if (!order) {
        if (order.error().code == QLatin1String("not-ancestor"))
            return order.error();
        return commandError(order.error(), target);
    }
    QVector<int> steps = std::move(order).value();
    if (direction == Direction::Upgrade)
        std::reverse(steps.begin(), steps.end());
    // Alembic builds every step (taking module.upgrade / module.downgrade) before it runs any: a
    // revision without the function fails the whole command, in step order.
    for (int s : std::as_const(steps)) {
        const Revision& rev = m_graph.at(s);
        if (direction == Direction::Upgrade ? rev.lacksUpgrade : rev.lacksDowngrade) {
            static const QRegularExpression nonWord(QStringLiteral("\\W"), QRegularExpression::UseUnicodePropertiesOption);
            QString module = rev.path.mid(rev.path.lastIndexOf(QLatin1Char('/')) + 1);
            module.replace(nonWord, QStringLiteral("_")); // Alembic's module id: re.sub(r"\W", "_", filename)
            return commandError(opsError(QStringLiteral("crash"),
                                         QStringLiteral("AttributeError: module '%1' has no attribute '%2'")
                                             .arg(module, direction == Direction::Upgrade ? QStringLiteral("upgrade")
                                                                                          : QStringLiteral("downgrade"))),
                                target);
        }
    }

    // Every id a step puts into a statement on alembic_version (the revision and its parents, in
    // the INSERT/UPDATE/DELETE and their WHERE clauses) must be safe: Alembic does not escape it.
    // Each id is checked once, in the order the steps write them (the first unsafe one is the error).
    // The build reports every unsafe id ("unsafe-revision-id"): without such a problem there is
    // nothing to find, and 10,000 ids scattered over the heap are not read again.
    const bool anyUnsafe = std::any_of(m_graph.problems().cbegin(), m_graph.problems().cend(), [](const GraphProblem& p) {
        return p.code == QLatin1String("unsafe-revision-id");
    });
    if (anyUnsafe) {
        QVector<int> written;
        written.reserve(steps.size());
        QVector<char> listed(m_graph.size(), 0);
        auto add = [&](int r) {
            if (r >= 0 && r < m_graph.size() && !listed[r]) {
                listed[r] = 1;
                written.push_back(r);
            }
        };
        for (int s : std::as_const(steps)) {
            add(s);
            for (int p : m_graph.at(s).parents)
                add(p);
        }
        if (Status safe = RevisionSpec::refuseUnsafe(m_graph, written); !safe)
            return safe.error();
    }

    // The version table and the applied revisions as plain masks (read and written every step).
    std::vector<char> headSet(size_t(m_graph.size()), 0);
    for (int c : std::as_const(m_current)) {
        if (!headSet[c])
            setHead(headSet, c, true);
    }
    const QVector<char> appliedMask = m_graph.ancestorMask(m_current, true);
    std::vector<char> applied(appliedMask.cbegin(), appliedMask.cend());
    const bool indexesOnly = m_options.indexesOnly;
    std::vector<int> rowsAfter; // Plan::headsAfterRows, appended to once per row
    if (indexesOnly && m_options.headsAfterEachStep) {
        plan.headsAfterStart.resize(steps.size() + 1);
        plan.headsAfterStart[0] = 0;
        rowsAfter.reserve(size_t(steps.size()) * 2);
    } else if (!indexesOnly) {
        plan.steps.reserve(steps.size());
    }
    plan.hasHeadsAfter = m_options.headsAfterEachStep;
    for (qsizetype k = 0; k < steps.size(); ++k) {
        const int s = steps[k];
        Status applied_ = applyStep(direction, s, headSet, applied);
        if (!applied_)
            return commandError(applied_.error(), target);
        if (indexesOnly) {
            if (m_options.headsAfterEachStep) {
                for (const HeadRow& h : m_headList)
                    rowsAfter.push_back(h.revision);
                plan.headsAfterStart[k + 1] = int(rowsAfter.size());
            }
            continue;
        }
        const Revision& rev = m_graph.at(s);
        PlanStep step;
        step.direction = direction;
        step.revision = rev.id;
        const bool up = direction == Direction::Upgrade;
        (up ? step.fromRevisions : step.toRevisions) = rev.downRevisions;
        (up ? step.toRevisions : step.fromRevisions) = QStringList{rev.id};
        if (m_options.headsAfterEachStep) {
            step.headsAfter.reserve(qsizetype(m_headList.size()));
            for (const HeadRow& h : m_headList)
                step.headsAfter << m_graph.at(h.revision).id;
        }
        plan.steps.push_back(std::move(step));
    }
    plan.stepRevisions = std::move(steps);
    plan.headsAfterRows = QVector<int>(rowsAfter.cbegin(), rowsAfter.cend());
    for (int i = 0; i < m_graph.size(); ++i) {
        if (headSet[i])
            plan.resultingHeads << id(i);
    }
    return plan;
}

} // namespace

Result<Plan> Planner::plan(const RevisionGraph& graph, const QStringList& currentHeads, Direction direction,
                           const QString& target)
{
    return plan(graph, currentHeads, direction, target, PlanOptions{});
}

Result<Plan> Planner::plan(const RevisionGraph& graph, const QStringList& currentHeads, Direction direction,
                           const QString& target, const PlanOptions& options)
{
    QStringList rows;
    for (const QString& h : currentHeads) {
        const QString t = h.trimmed();
        if (!t.isEmpty())
            rows << t;
    }
    PlanBuilder builder(graph, rows, options);
    return builder.run(direction, target);
}

} // namespace retort
