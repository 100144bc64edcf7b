#include "cli/RevisionText.h"

namespace retort::cli {

namespace {

QString commaJoin(const QStringList& items)
{
    return items.join(QStringLiteral(", "));
}

// Python's str.splitlines(): every line boundary Python knows, no empty last line.
QStringList pythonLines(const QString& text)
{
    QStringList lines;
    QString current;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        const bool boundary = c == u'\n' || c == u'\r' || c == u'\v' || c == u'\f' || c == 0x1c || c == 0x1d || c == 0x1e
                              || c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!boundary) {
            current += text.at(i);
            continue;
        }
        if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
            ++i;
        lines << current;
        current.clear();
    }
    if (!current.isEmpty())
        lines << current;
    return lines;
}

} // namespace

QString headMarker(bool isHead, bool isRealHead)
{
    if (isRealHead)
        return QStringLiteral(" (head)");
    if (isHead)
        return QStringLiteral(" (effective head)");
    return {};
}

QString headMarker(const Revision& r)
{
    return headMarker(r.isHead, r.isRealHead);
}

QStringList childIds(const RevisionGraph& graph, const Revision& r)
{
    QStringList ids;
    for (int c : r.children)
        ids << graph.at(c).id;
    return ids;
}

QString logEntry(const RevisionGraph& graph, const Revision& r)
{
    QString entry = QStringLiteral("Rev: ") + r.id;
    if (r.isHead)
        entry += QStringLiteral(" (head)");
    if (r.isBranchPoint)
        entry += QStringLiteral(" (branchpoint)");
    if (r.isMergePoint)
        entry += QStringLiteral(" (mergepoint)");
    entry += QLatin1Char('\n');
    const QString down = r.downRevisions.isEmpty() ? QStringLiteral("<base>") : commaJoin(r.downRevisions);
    entry += (r.isMergePoint ? QStringLiteral("Merges: ") : QStringLiteral("Parent: ")) + down + QLatin1Char('\n');
    if (!r.dependsOn.isEmpty())
        entry += QStringLiteral("Also depends on: ") + commaJoin(r.dependsOn) + QLatin1Char('\n');
    if (r.isBranchPoint)
        entry += QStringLiteral("Branches into: ") + commaJoin(childIds(graph, r)) + QLatin1Char('\n');
    if (!r.allBranchLabels.isEmpty())
        entry += QStringLiteral("Branch names: ") + commaJoin(r.allBranchLabels) + QLatin1Char('\n');
    entry += QStringLiteral("Path: ") + r.path + QLatin1Char('\n');
    QStringList paragraphs;
    for (const QString& line : pythonLines(r.docstring))
        paragraphs << QStringLiteral("    ") + line;
    entry += QLatin1Char('\n') + paragraphs.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return entry;
}

QString headOnly(const Revision& r, bool includeBranches, bool includeDoc, bool treeIndicators)
{
    QString text = r.id;
    if (includeBranches && !r.allBranchLabels.isEmpty())
        text += QStringLiteral(" (") + commaJoin(r.allBranchLabels) + QLatin1Char(')');
    text += headMarker(r);
    if (treeIndicators) {
        if (r.isBranchPoint)
            text += QStringLiteral(" (branchpoint)");
        if (r.isMergePoint)
            text += QStringLiteral(" (mergepoint)");
    }
    if (includeDoc)
        text += QStringLiteral(", ") + r.message;
    return text;
}

} // namespace retort::cli
