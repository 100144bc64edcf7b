#include "core/graph/RevisionSpec.h"

#include "core/graph/AlembicOps.h"

#include <QRegularExpression>

#include <algorithm>

namespace retort {

using detail::AlembicOps;
using detail::commandError;

Result<QVector<int>> RevisionSpec::resolve(const RevisionGraph& graph, const QString& spec)
{
    const AlembicOps ops(graph);
    Result<QVector<int>> r = ops.getRevisions(spec);
    if (!r)
        return commandError(r.error());
    QVector<int> result;
    for (int i : *r) {
        if (i == detail::kNone)
            return Error{QStringLiteral("revision-error"),
                         QStringLiteral("Relative revision %1 walked past the end of the history").arg(spec), {}, {}, 0};
        if (i >= 0 && !result.contains(i))
            result << i;
    }
    return result;
}

Result<int> RevisionSpec::resolveOne(const RevisionGraph& graph, const QString& spec)
{
    const AlembicOps ops(graph);
    Result<int> r = ops.getRevision(spec);
    if (!r)
        return commandError(r.error());
    return *r < 0 ? Base : *r;
}

Result<QVector<int>> RevisionSpec::resolveList(const RevisionGraph& graph, const QStringList& specs)
{
    QVector<int> result;
    for (const QString& raw : specs) {
        for (const QString& part : raw.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
            if (part == QLatin1String("base"))
                continue;
            Result<int> r = resolveOne(graph, part);
            if (!r)
                return r.error();
            if (*r >= 0 && !result.contains(*r))
                result << *r;
        }
    }
    return result;
}

RevisionSpec::Relative RevisionSpec::parseRelative(const QString& spec)
{
    // re.match: anchored at the start, not at the end. \w and \d are Unicode-aware in Python 3.
    static const QRegularExpression re(QStringLiteral("\\A(?:(.+?)@)?(\\w+)?((?:\\+|-)\\d+)"),
                                       QRegularExpression::UseUnicodePropertiesOption);
    Relative rel;
    const QRegularExpressionMatch m = re.match(spec);
    if (!m.hasMatch())
        return rel;
    rel.matched = true;
    rel.branchLabel = m.captured(1);
    rel.symbol = m.captured(2);
    rel.stepsText = m.captured(3);
    int steps = 0;
    AlembicOps::parsePythonInt(rel.stepsText, &steps);
    rel.steps = steps;
    return rel;
}

Result<int> RevisionSpec::walk(const RevisionGraph& graph, int start, int steps, const QString& branchLabel,
                               bool noOverwalk)
{
    const AlembicOps ops(graph);
    Result<int> r = ops.walk(start, steps, branchLabel, noOverwalk);
    if (!r)
        return commandError(r.error());
    return *r;
}

Result<QVector<int>> RevisionSpec::filterForLineage(const RevisionGraph& graph, const QVector<int>& targets,
                                                    const QString& checkAgainst)
{
    const AlembicOps ops(graph);
    Result<QVector<int>> r = ops.filterForLineage(targets, checkAgainst);
    if (!r)
        return commandError(r.error());
    return *r;
}

QString RevisionSpec::illegalCharacters(const QString& id, bool colon)
{
    QStringList found;
    for (const QChar c : {QLatin1Char('+'), QLatin1Char('-'), QLatin1Char(':'), QLatin1Char('@')}) { // sorted, as Alembic joins them
        if (id.contains(c) && (colon || c != QLatin1Char(':')))
            found << QString(c);
    }
    return found.join(QStringLiteral(", "));
}

} // namespace retort
