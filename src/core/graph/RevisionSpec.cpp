#include "core/graph/RevisionSpec.h"

#include "core/graph/AlembicOps.h"

#include <QRegularExpression>

#include <algorithm>

namespace retort {

using detail::AlembicOps;
using detail::commandError;

namespace {

// Alembic's grammar has no use for these characters; an identifier holding one is refused before
// it is looked up (a revision with such an id is refused by the planner anyway).
Error unsafeSpec(const QString& spec, const QString& what)
{
    return Error{QStringLiteral("unsafe-revision-id"),
                 QStringLiteral("Retort refuses the revision identifier '%1': it contains %2").arg(spec, what),
                 QStringLiteral("Revision identifiers hold letters, digits and '_'; Alembic writes them into "
                                "alembic_version unescaped."),
                 {}, 0};
}

// A quote, a backslash, ':', white space, a control or a format character. ASCII is answered
// without the Unicode tables (every build and every plan asks this for each of 10,000 ids):
// there, white space and control characters are exactly the code points up to 0x20 and 0x7f.
bool isUnsafeInId(QChar c)
{
    const char16_t u = c.unicode();
    if (u == u'\'' || u == u'"' || u == u'\\' || u == u':')
        return true;
    if (u < 0x80)
        return u <= 0x20 || u == 0x7f;
    return c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
}

QString describeCharacter(QChar c)
{
    if (c == QLatin1Char('\''))
        return QStringLiteral("a quote (')");
    if (c == QLatin1Char('"'))
        return QStringLiteral("a double quote (\")");
    if (c == QLatin1Char('\\'))
        return QStringLiteral("a backslash (\\)");
    if (c == QLatin1Char(':'))
        return QStringLiteral("a colon (:)");
    if (c == QLatin1Char(' '))
        return QStringLiteral("a space");
    if (c.isSpace())
        return QStringLiteral("whitespace (U+%1)").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    return QStringLiteral("a control character (U+%1)").arg(c.unicode(), 4, 16, QLatin1Char('0'));
}

} // namespace

Result<QVector<int>> RevisionSpec::resolve(const RevisionGraph& graph, const QString& spec)
{
    if (const QString unsafe = unsafeCharacters(spec); !unsafe.isEmpty())
        return unsafeSpec(spec, unsafe);
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
    if (const QString unsafe = unsafeCharacters(spec); !unsafe.isEmpty())
        return unsafeSpec(spec, unsafe);
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

QString RevisionSpec::unsafeCharacters(const QString& id)
{
    QStringList found;
    for (const QChar c : id) {
        if (!isUnsafeInId(c))
            continue;
        const QString name = describeCharacter(c);
        if (!found.contains(name))
            found << name;
    }
    return found.join(QStringLiteral(", "));
}

Status RevisionSpec::refuseUnsafe(const RevisionGraph& graph, const QVector<int>& revisions)
{
    for (const int index : revisions) {
        if (index < 0 || index >= graph.size())
            continue;
        const Revision& rev = graph.at(index);
        const QString unsafe = unsafeCharacters(rev.id);
        if (unsafe.isEmpty())
            continue;
        return Error{QStringLiteral("unsafe-revision-id"),
                     QStringLiteral("Retort will not run or stamp revision '%1': its id contains %2, which Alembic writes "
                                    "into alembic_version unescaped")
                         .arg(rev.id, unsafe),
                     QStringLiteral("Give the revision an id of letters, digits and '_' (in its file and in the "
                                    "down_revision of its children)."),
                     rev.path, rev.line};
    }
    return Ok{};
}

Status RevisionSpec::validateNewId(const QString& id)
{
    auto refuse = [&](const QString& why) {
        return Error{QStringLiteral("invalid-revision-id"), QStringLiteral("invalid revision id '%1': %2").arg(id, why),
                     QStringLiteral("Use letters, digits and '_' (Alembic's generated ids are 12 hex digits)."), {}, 0};
    };
    if (id.isEmpty())
        return refuse(QStringLiteral("it is empty"));
    if (const QString illegal = illegalCharacters(id); !illegal.isEmpty())
        return refuse(QStringLiteral("Alembic does not allow the character(s) '%1' in revision identifiers").arg(illegal));
    if (const QString unsafe = unsafeCharacters(id); !unsafe.isEmpty())
        return refuse(QStringLiteral("it contains %1").arg(unsafe));
    if (id.contains(QLatin1Char('/')) || id == QLatin1String(".") || id == QLatin1String(".."))
        return refuse(QStringLiteral("Alembic puts the id in the new file's name, and this one leaves the versions folder"));
    return Ok{};
}

} // namespace retort
