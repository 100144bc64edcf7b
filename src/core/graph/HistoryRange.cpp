#include "core/graph/HistoryRange.h"

#include "core/graph/AlembicOps.h"
#include "core/graph/RevisionSpec.h"

// Alembic 1.8.1 (the same in 1.19.1 for every range the tests compare):
//   command.history -> ScriptDirectory.walk_revisions(base, head)
//     -> RevisionMap.iterate_revisions(head, base, inclusive=True, assert_relative_length=False)
//     -> _collect_upgrade_revisions(upper=head, lower=base, inclusive=True, implicit_base=False,
//        assert_relative_length=False) + _topological_sort(needs, targets)
// wrapped in _catch_revision_errors(start=base, end=head).

namespace retort {

using detail::AlembicOps;
using detail::commandError;
using detail::kBase;
using detail::kNone;
using detail::opsError;

namespace {

QString relativeMessage(const QString& relative, int steps)
{
    return QStringLiteral("Relative revision %1 didn't produce %2 migrations").arg(relative).arg(steps < 0 ? -steps : steps);
}

Error rangeNotAncestor(const QString& lower, const QString& upper)
{
    Error e;
    e.code = QStringLiteral("not-ancestor");
    e.message = QStringLiteral("Requested range %1:%2 does not refer to ancestor/descendant revisions along the same branch")
                    .arg(lower, upper);
    return e;
}

class RangeWalk
{
public:
    RangeWalk(const RevisionGraph& graph, const QString& lower, const QString& upper)
        : m_graph(graph), m_ops(graph), m_lower(lower), m_upper(upper)
    {
    }

    Result<QVector<int>> run();

private:
    Result<QVector<int>> parseUpper();
    Result<int> relativeLower(); // _parse_downgrade_target(current_revisions=upper, target=lower)

    const RevisionGraph& m_graph;
    AlembicOps m_ops;
    QString m_lower;
    QString m_upper;
};

// _parse_upgrade_target(current_revisions=lower, target=upper, assert_relative_length=False)
Result<QVector<int>> RangeWalk::parseUpper()
{
    const RevisionSpec::Relative rel = RevisionSpec::parseRelative(m_upper);
    if (!rel.matched)
        return m_ops.getRevisions(m_upper);
    if (rel.steps > 0) {
        if (rel.symbol.isEmpty()) {
            // Start from `lower` (a string; its revisions once filtered for the branch).
            int start = kNone;
            if (!rel.branchLabel.isEmpty()) {
                Result<QVector<int>> current = m_ops.getRevisions(m_lower);
                if (!current)
                    return current.error();
                Result<QVector<int>> onBranch = m_ops.filterForLineage(*current, rel.branchLabel);
                if (!onBranch)
                    return onBranch.error();
                if (onBranch->size() > 1)
                    return opsError(QStringLiteral("revision-error"), QStringLiteral("Ambiguous upgrade from multiple current revisions"));
                if (onBranch->isEmpty()) {
                    // The branch is not among `lower`: the tips of its revisions below `lower`.
                    Result<QVector<int>> tipsFound = m_ops.branchTipsBelow(*current, rel.branchLabel);
                    if (!tipsFound)
                        return tipsFound.error();
                    const QVector<int>& tips = *tipsFound;
                    if (tips.size() > 1)
                        return opsError(QStringLiteral("revision-error"), QStringLiteral("Ambiguous upgrade from multiple current revisions"));
                    start = tips.isEmpty() ? kNone : tips.first();
                } else {
                    start = onBranch->first();
                }
            } else {
                Result<int> resolved = m_ops.getRevision(m_lower);
                if (!resolved)
                    return resolved.error();
                start = *resolved;
            }
            Result<int> rev = m_ops.walk(start, rel.steps, rel.branchLabel, false);
            if (!rev)
                return rev.error();
            if (*rev == kNone)
                return opsError(QStringLiteral("revision-error"), relativeMessage(rel.stepsText, rel.steps));
            return QVector<int>{*rev};
        }
        Result<int> start = m_ops.getRevision(rel.symbol);
        if (!start)
            return start.error();
        Result<int> rev = m_ops.walk(*start, rel.steps, rel.branchLabel, false);
        if (!rev)
            return rev.error();
        return QVector<int>{*rev};
    }
    if (rel.symbol.isEmpty())
        return opsError(QStringLiteral("revision-error"), relativeMessage(QString::number(rel.steps), rel.steps));
    Result<int> start = m_ops.getRevision(rel.branchLabel.isEmpty() ? rel.symbol : rel.branchLabel + QLatin1Char('@') + rel.symbol);
    if (!start)
        return start.error();
    Result<int> rev = m_ops.walk(*start, rel.steps, {}, false);
    if (!rev)
        return rev.error();
    return QVector<int>{*rev};
}

// The lower side is relative ("-N", "label@-N") and walking down from the heads went past a base:
// _parse_downgrade_target(current_revisions=upper, target=lower, assert_relative_length=False).
// Returns a revision or kBase.
Result<int> RangeWalk::relativeLower()
{
    const RevisionSpec::Relative rel = RevisionSpec::parseRelative(m_lower);
    QString symbol = rel.symbol;
    QString branchLabel = rel.branchLabel;
    if (rel.steps >= 0) {
        if (symbol.isEmpty())
            return opsError(QStringLiteral("revision-error"), relativeMessage(rel.stepsText, rel.steps));
        Result<int> start = m_ops.getRevision(symbol);
        if (!start)
            return start.error();
        Result<int> rev = m_ops.walk(*start, rel.steps, branchLabel, false);
        if (!rev)
            return rev.error();
        if (*rev == kNone)
            return opsError(QStringLiteral("revision-error"), QStringLiteral("Walked too far"));
        return *rev;
    }
    if (symbol.isEmpty()) {
        if (!branchLabel.isEmpty()) {
            Result<QVector<int>> upper = m_ops.getRevisions(m_upper);
            if (!upper)
                return upper.error();
            Result<QVector<int>> onBranch = m_ops.filterForLineage(*upper, branchLabel);
            if (!onBranch)
                return onBranch.error();
            if (onBranch->size() != 1)
                return opsError(QStringLiteral("crash"),
                                QStringLiteral("AssertionError: relative revision on branch '%1' found %2 revisions on that branch")
                                    .arg(branchLabel)
                                    .arg(onBranch->size()));
            symbol = m_graph.at(onBranch->first()).id;
        } else {
            // current_revisions[0] of to_tuple(upper), and the walk restricted to that "branch".
            symbol = m_upper;
            branchLabel = symbol;
        }
    }
    Result<int> start = m_ops.getRevision(branchLabel.isEmpty() ? symbol : branchLabel + QLatin1Char('@') + symbol);
    if (!start)
        return start.error();
    Result<int> rev = m_ops.walk(*start, rel.steps, {}, false);
    if (!rev)
        return rev.error();
    if (*rev == kNone)
        return opsError(QStringLiteral("revision-error"), relativeMessage(QString::number(rel.steps), rel.steps));
    return *rev;
}

Result<QVector<int>> RangeWalk::run()
{
    Result<QVector<int>> parsed = parseUpper();
    if (!parsed)
        return parsed.error();
    QVector<int> targets;
    for (int t : std::as_const(*parsed)) {
        if (t < 0) // is_revision() on None / "base"
            return opsError(QStringLiteral("crash"), QStringLiteral("AssertionError: range end %1 resolves to %2")
                                                         .arg(m_upper, t == kBase ? QStringLiteral("'base'") : QStringLiteral("None")));
        targets << t;
    }

    // A named base ("branch@...") keeps only the targets on that branch.
    const qsizetype at = m_lower.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        QString branch = m_lower.left(at);
        Result<int> branchRev = m_ops.getRevision(branch);
        if (!branchRev)
            return branchRev.error();
        if (*branchRev >= 0 && m_graph.at(*branchRev).id == branch) {
            const QStringList& labels = m_graph.at(*branchRev).allBranchLabels;
            if (labels.size() != 1)
                return opsError(QStringLiteral("crash"), QStringLiteral("AssertionError: revision %1 used as a branch has %2 labels")
                                                             .arg(branch)
                                                             .arg(labels.size()));
            branch = labels.first();
        }
        QVector<int> kept;
        for (int t : std::as_const(targets)) {
            if (m_graph.at(t).allBranchLabels.contains(branch) && !kept.contains(t))
                kept << t;
        }
        targets = kept;
    }

    Status overlap = m_ops.checkOverlaps(targets);
    if (!overlap)
        return overlap.error();
    const QVector<char> required = m_graph.ancestorMask(targets, true);

    Result<QVector<int>> lowerRevs = m_ops.getRevisions(m_lower);
    if (!lowerRevs)
        return lowerRevs.error();
    QVector<int> current = *lowerRevs;
    for (int c : std::as_const(current)) {
        // "base" (a walk down from a head that reached it) is no revision of the range either.
        if (c == kBase || (c >= 0 && !required[c]))
            return rangeNotAncestor(m_lower, m_upper);
    }
    bool lowerIsNone = false;
    if (!current.isEmpty() && current.first() == kNone) {
        Result<int> rev = relativeLower();
        if (!rev)
            return rev.error();
        if (*rev < 0) {
            current.clear();
            lowerIsNone = true;
        } else {
            current = {*rev};
            m_lower = m_graph.at(*rev).id;
        }
    }
    QVector<int> currentRevs;
    for (int c : std::as_const(current)) {
        if (c >= 0)
            currentRevs << c;
    }
    overlap = m_ops.checkOverlaps(currentRevs);
    if (!overlap)
        return overlap.error();
    const QVector<char> below = m_graph.ancestorMask(currentRevs, true);

    QVector<char> needs(m_graph.size(), 0);
    for (int i = 0; i < m_graph.size(); ++i)
        needs[i] = required[i] && !below[i];
    // inclusive: the lower revisions themselves.
    if (!lowerIsNone) {
        Result<QVector<int>> again = m_ops.getRevisions(m_lower);
        if (!again)
            return again.error();
        for (int c : std::as_const(*again)) {
            if (c < 0)
                return opsError(QStringLiteral("crash"), QStringLiteral("AssertionError: range start %1 resolves to None").arg(m_lower));
            needs[c] = 1;
        }
    }
    // implicit_base=False: only what descends from the lower revisions.
    if (!current.isEmpty()) {
        const QVector<char> above = m_graph.descendantMask(currentRevs, false);
        for (int i = 0; i < m_graph.size(); ++i)
            needs[i] = needs[i] && above[i];
    }
    return m_graph.topologicalSort(needs, targets);
}

} // namespace

Result<QVector<int>> HistoryRange::walk(const RevisionGraph& graph, const QString& range)
{
    const QString trimmed = range.trimmed();
    if (!trimmed.contains(QLatin1Char(':')))
        return Error{QStringLiteral("usage"), QStringLiteral("History range requires [start]:[end], [start]:, or :[end]"), {}, {}, 0};
    const QStringList sides = trimmed.split(QLatin1Char(':'));
    if (sides.size() != 2)
        return Error{QStringLiteral("alembic-crash"), QStringLiteral("ValueError: too many values to unpack (expected 2)"),
                     QStringLiteral("Alembic itself fails on a range with more than one ':'."), {}, 0};
    return walk(graph, sides.at(0), sides.at(1));
}

Result<QVector<int>> HistoryRange::walk(const RevisionGraph& graph, const QString& lower, const QString& upper)
{
    const QString base = lower.isEmpty() ? QStringLiteral("base") : lower;
    const QString head = upper.isEmpty() ? QStringLiteral("heads") : upper;
    RangeWalk walker(graph, base, head);
    Result<QVector<int>> order = walker.run();
    if (!order) {
        if (order.error().code == QLatin1String("not-ancestor"))
            return order.error();
        return commandError(order.error(), head);
    }
    return order;
}

} // namespace retort
