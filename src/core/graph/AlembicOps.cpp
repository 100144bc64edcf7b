#include "core/graph/AlembicOps.h"

#include <QSet>

#include <vector>

namespace retort::detail {

Error opsError(const QString& kind, const QString& message, const QString& argument)
{
    Error e;
    e.code = kind;
    e.message = message;
    e.hint = argument;
    return e;
}

Error commandError(const Error& inner, const QString& end)
{
    Error e;
    if (inner.code == QLatin1String("resolution")) {
        const bool ambiguous = inner.message.startsWith(QLatin1String("Multiple revisions start with"));
        e.code = ambiguous ? QStringLiteral("revision-ambiguous") : QStringLiteral("revision-not-found");
        e.message = QStringLiteral("Can't locate revision identified by '%1'").arg(inner.hint);
        e.hint = inner.message;
    } else if (inner.code == QLatin1String("multiple-heads")) {
        const QString arg = end.isEmpty() ? inner.hint : end;
        e.code = QStringLiteral("multiple-heads");
        e.message = QStringLiteral("Multiple head revisions are present for given argument '%1'; please specify a "
                                   "specific target revision, '<branchname>@%1' to narrow to a specific head, or "
                                   "'heads' for all heads")
                        .arg(arg);
        e.hint = inner.message;
    } else if (inner.code == QLatin1String("crash")) {
        e.code = QStringLiteral("alembic-crash");
        e.message = inner.message;
        e.hint = QStringLiteral("Alembic 1.8.1 itself fails here (an internal error, not a CommandError).");
    } else {
        e = inner;
        if (e.code.isEmpty())
            e.code = QStringLiteral("revision-error");
        e.hint.clear();
    }
    return e;
}

AlembicOps::AlembicOps(const RevisionGraph& graph) : m_graph(graph)
{
    for (int i = 0; i < graph.size(); ++i) {
        for (const QString& label : graph.at(i).branchLabels) {
            if (graph.indexOfLabel(label) == i && !m_labelOrder.contains(label))
                m_labelOrder << label;
        }
    }
}

bool AlembicOps::parsePythonInt(const QString& text, int* value)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return false;
    qsizetype i = 0;
    bool negative = false;
    if (t[0] == QLatin1Char('+') || t[0] == QLatin1Char('-')) {
        negative = t[0] == QLatin1Char('-');
        ++i;
    }
    if (i >= t.size())
        return false;
    qint64 v = 0;
    bool lastUnderscore = true; // no leading underscore
    for (; i < t.size(); ++i) {
        const QChar c = t[i];
        if (c == QLatin1Char('_')) {
            if (lastUnderscore)
                return false;
            lastUnderscore = true;
            continue;
        }
        if (!c.isDigit())
            return false;
        v = v * 10 + c.digitValue();
        if (v > 1000000000)
            v = 1000000000; // clamp: walks this long fail anyway
        lastUnderscore = false;
    }
    if (lastUnderscore)
        return false;
    *value = int(negative ? -v : v);
    return true;
}

Result<AlembicOps::Number> AlembicOps::resolveRevisionNumber(const QString& idIn) const
{
    Number num;
    QString id = idIn;
    const qsizetype at = id.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        num.branchLabel = id.left(at);
        id = id.mid(at + 1);
    }
    if (id == QLatin1String("heads")) {
        if (!num.branchLabel.isEmpty()) {
            Result<QVector<int>> filtered = filterForLineage(m_graph.heads(), num.branchLabel);
            if (!filtered)
                return filtered.error();
            for (int i : *filtered)
                num.idents << m_graph.at(i).id;
        } else {
            for (int i : m_graph.realHeads())
                num.idents << m_graph.at(i).id;
        }
    } else if (id == QLatin1String("head")) {
        Result<int> head = getCurrentHead(num.branchLabel);
        if (!head)
            return head.error();
        if (*head >= 0)
            num.idents << m_graph.at(*head).id;
    } else if (id == QLatin1String("base")) {
        // ()
    } else {
        num.idents << id;
    }
    return num;
}

QStringList AlembicOps::partialMatches(const QString& prefix) const
{
    QStringList keys;
    for (const Revision& r : m_graph.revisions()) {
        if (r.id.size() > 3 && r.id.startsWith(prefix))
            keys << r.id;
    }
    for (const QString& label : m_labelOrder) {
        if (label.size() > 3 && label.startsWith(prefix))
            keys << label;
    }
    return keys;
}

Result<int> AlembicOps::resolveBranch(const QString& label) const
{
    int index = m_graph.indexOf(label);
    if (index < 0)
        index = m_graph.indexOfLabel(label);
    if (index >= 0)
        return index;
    Result<int> rev = revisionForIdent(label);
    if (!rev) {
        if (rev.error().code == QLatin1String("resolution"))
            return opsError(QStringLiteral("resolution"), QStringLiteral("No such branch: '%1'").arg(label), label);
        return rev.error();
    }
    return *rev;
}

Result<int> AlembicOps::revisionForIdent(const QString& ident, const QString& checkBranch) const
{
    int branchRev = kNone;
    if (!checkBranch.isEmpty()) {
        Result<int> b = resolveBranch(checkBranch);
        if (!b)
            return b.error();
        branchRev = *b;
    }
    int revision = kNone;
    if (!ident.isEmpty()) {
        revision = m_graph.indexOf(ident);
        if (revision < 0)
            revision = m_graph.indexOfLabel(ident);
        if (revision < 0) {
            QStringList keys = partialMatches(ident);
            if (branchRev >= 0 && !keys.isEmpty()) {
                QVector<int> indexes;
                for (const QString& k : std::as_const(keys)) {
                    const int i = m_graph.indexOf(k);
                    indexes << (i >= 0 ? i : m_graph.indexOfLabel(k));
                }
                Result<QVector<int>> kept = filterForLineage(indexes, checkBranch);
                if (!kept)
                    return kept.error();
                QStringList filtered;
                for (int k = 0; k < indexes.size(); ++k) {
                    if (kept->contains(indexes[k]))
                        filtered << keys[k];
                }
                keys = filtered;
            }
            if (keys.isEmpty()) {
                return opsError(QStringLiteral("resolution"),
                                QStringLiteral("No such revision or branch '%1'%2")
                                    .arg(ident, ident.size() < 4
                                                    ? QStringLiteral("; please ensure at least four characters are "
                                                                     "present for partial revision identifier matches")
                                                    : QString()),
                                ident);
            }
            if (keys.size() > 1) {
                QStringList quoted;
                for (qsizetype k = 0; k < keys.size() && k < 3; ++k)
                    quoted << QLatin1Char('\'') + keys[k] + QLatin1Char('\'');
                return opsError(QStringLiteral("resolution"),
                                QStringLiteral("Multiple revisions start with '%1': %2...")
                                    .arg(ident, quoted.join(QStringLiteral(", "))),
                                ident);
            }
            revision = m_graph.indexOf(keys.first());
            if (revision < 0)
                revision = m_graph.indexOfLabel(keys.first());
        }
    }
    if (!checkBranch.isEmpty() && revision >= 0) {
        if (!m_graph.sharesLineage(revision, {branchRev})) {
            return opsError(QStringLiteral("resolution"),
                            QStringLiteral("Revision %1 is not a member of branch '%2'")
                                .arg(m_graph.at(revision).id, checkBranch),
                            ident);
        }
    }
    return revision;
}

Result<QVector<int>> AlembicOps::getRevisions(const QString& id) const
{
    Result<Number> num = resolveRevisionNumber(id);
    if (!num)
        return num.error();
    QVector<int> result;
    if (num->idents.size() == 1) {
        int rint = 0;
        if (parsePythonInt(num->idents.first(), &rint) && rint < 0) {
            // branch@-n -> walk down from heads
            QVector<int> selectHeads = m_graph.realHeads();
            if (!num->branchLabel.isEmpty()) {
                QVector<int> kept;
                for (int h : std::as_const(selectHeads)) {
                    if (m_graph.at(h).allBranchLabels.contains(num->branchLabel))
                        kept << h;
                }
                selectHeads = kept;
            }
            for (int h : std::as_const(selectHeads)) {
                Result<int> w = walk(h, rint, {}, true);
                if (!w)
                    return w.error();
                result << *w;
            }
            return result;
        }
    }
    for (const QString& ident : std::as_const(num->idents)) {
        Result<int> r = revisionForIdent(ident, num->branchLabel);
        if (!r)
            return r.error();
        result << *r;
    }
    return result;
}

Result<QVector<int>> AlembicOps::getRevisions(const QStringList& ids) const
{
    QVector<int> result;
    for (const QString& id : ids) {
        Result<QVector<int>> part = getRevisions(id);
        if (!part)
            return part.error();
        result << *part;
    }
    return result;
}

Result<int> AlembicOps::getRevision(const QString& id) const
{
    Result<Number> num = resolveRevisionNumber(id);
    if (!num)
        return num.error();
    if (num->idents.size() > 1)
        return opsError(QStringLiteral("multiple-heads"),
                        QStringLiteral("Multiple heads are present for given argument '%1'; %2")
                            .arg(id, num->idents.join(QStringLiteral(", "))),
                        id);
    return revisionForIdent(num->idents.isEmpty() ? QString() : num->idents.first(), num->branchLabel);
}

Result<int> AlembicOps::getCurrentHead(const QString& branchLabel) const
{
    QVector<int> current = m_graph.heads();
    if (!branchLabel.isEmpty()) {
        Result<QVector<int>> filtered = filterForLineage(current, branchLabel);
        if (!filtered)
            return filtered.error();
        current = *filtered;
    }
    if (current.size() > 1) {
        QStringList ids;
        for (int h : std::as_const(current))
            ids << m_graph.at(h).id;
        const QString arg = branchLabel.isEmpty() ? QStringLiteral("head") : branchLabel + QStringLiteral("@head");
        return opsError(QStringLiteral("multiple-heads"),
                        QStringLiteral("Multiple heads are present for given argument '%1'; %2")
                            .arg(arg, ids.join(QStringLiteral(", "))),
                        arg);
    }
    return current.isEmpty() ? kNone : current.first();
}

Result<QVector<int>> AlembicOps::branchTipsBelow(const QVector<int>& current, const QString& branchLabel) const
{
    const QVector<char> below = m_graph.ancestorMask(current, true);
    QVector<int> ancestors;
    for (int i = 0; i < m_graph.size(); ++i) {
        if (below[i])
            ancestors << i;
    }
    Result<QVector<int>> active = filterForLineage(ancestors, branchLabel);
    if (!active)
        return active.error();
    QSet<int> downs;
    for (const int a : std::as_const(*active)) {
        for (const int d : m_graph.at(a).normalizedDown)
            downs.insert(d);
    }
    QVector<int> tips;
    for (const int a : std::as_const(*active)) {
        if (!downs.contains(a))
            tips << a;
    }
    return tips;
}

Result<QVector<int>> AlembicOps::filterForLineage(const QVector<int>& targets, const QString& checkAgainst) const
{
    Result<Number> num = resolveRevisionNumber(checkAgainst);
    if (!num)
        return num.error();
    QStringList shares;
    if (!num->branchLabel.isEmpty())
        shares << num->branchLabel;
    shares << num->idents;
    if (shares.isEmpty())
        return targets;
    QVector<int> against;
    for (const QString& s : std::as_const(shares)) {
        Result<int> r = revisionForIdent(s);
        if (!r)
            return r.error();
        if (*r >= 0)
            against << *r;
    }
    const QVector<char> up = m_graph.ancestorMask(against, false);
    const QVector<char> down = m_graph.descendantMask(against, false);
    QVector<int> kept;
    for (int t : targets) {
        if (t >= 0 && (up[t] || down[t]))
            kept << t;
    }
    return kept;
}

Result<int> AlembicOps::walk(int start, int steps, const QString& branchLabel, bool noOverwalk) const
{
    int initial = start;
    const int count = steps < 0 ? -steps : steps;
    for (int step = 0; step < count; ++step) {
        QVector<int> children;
        if (steps > 0) {
            if (initial == kBase)
                return opsError(QStringLiteral("crash"), QStringLiteral("AssertionError (walking up from 'base')"));
            QVector<int> walkUp = initial == kNone ? m_graph.bases() : m_graph.at(initial).children;
            if (!branchLabel.isEmpty()) {
                Result<QVector<int>> filtered = filterForLineage(walkUp, branchLabel);
                if (!filtered)
                    return filtered.error();
                children = *filtered;
            } else {
                children = walkUp;
            }
        } else {
            if (initial != kBase) {
                children = initial == kNone ? m_graph.heads() : m_graph.at(initial).parents;
                if (children.isEmpty())
                    children << kBase;
            }
        }
        if (children.isEmpty())
            return noOverwalk ? kNone : initial;
        if (children.size() > 1)
            return opsError(QStringLiteral("revision-error"), QStringLiteral("Ambiguous walk"));
        initial = children.first();
    }
    return initial;
}

Status AlembicOps::checkOverlaps(const QVector<int>& targets) const
{
    // _iterate_related_revisions(..., check=True): shared `seen`, per-target popped set.
    const int n = m_graph.size();
    QVector<char> seen(n, 0);
    QVector<int> popped(n, -1);
    std::vector<int> stack;
    for (int t = 0; t < targets.size(); ++t) {
        const int target = targets[t];
        if (target < 0)
            continue;
        stack.assign(1, target);
        while (!stack.empty()) {
            const int r = stack.back();
            stack.pop_back();
            popped[r] = t;
            if (seen[r])
                continue;
            seen[r] = 1;
            for (int p : m_graph.at(r).normalizedDown)
                stack.push_back(p);
        }
        QStringList overlaps;
        for (int o : targets) {
            if (o >= 0 && o != target && popped[o] == t && !overlaps.contains(m_graph.at(o).id))
                overlaps << m_graph.at(o).id;
        }
        if (!overlaps.isEmpty()) {
            return opsError(QStringLiteral("revision-error"),
                            QStringLiteral("Requested revision %1 overlaps with other requested revisions %2")
                                .arg(m_graph.at(target).id, overlaps.join(QStringLiteral(", "))));
        }
    }
    return Ok{};
}

} // namespace retort::detail
