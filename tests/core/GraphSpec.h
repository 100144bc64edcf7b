#pragma once

// Revision graphs written compactly for the graph tests: "id<down1,down2|dep1,dep2#label1,label2"
// (every part optional except the id), one string per revision file, in load order.

#include "core/alembic/RevisionFile.h"
#include "core/graph/RevisionGraph.h"

#include <QStringList>
#include <QVector>

#include <initializer_list>

namespace retort::test {

inline QStringList L(std::initializer_list<const char*> items)
{
    QStringList l;
    for (const char* i : items)
        l << QString::fromLatin1(i);
    return l;
}

// The ids of the revisions at `indexes`.
inline QStringList ids(const RevisionGraph& g, const QVector<int>& indexes)
{
    QStringList l;
    for (int i : indexes)
        l << g.at(i).id;
    return l;
}

inline RevisionFile fileFromSpec(const QString& spec, int n)
{
    RevisionFile f;
    QString rest = spec;
    auto cut = [&rest](QChar sep) {
        const qsizetype at = rest.indexOf(sep);
        if (at < 0)
            return QString();
        const QString tail = rest.mid(at + 1);
        rest = rest.left(at);
        return tail;
    };
    const QString labels = cut(QLatin1Char('#'));
    const QString deps = cut(QLatin1Char('|'));
    const QString downs = cut(QLatin1Char('<'));
    f.revision = rest;
    f.downRevisions = downs.split(QLatin1Char(','), Qt::SkipEmptyParts);
    f.dependsOn = deps.split(QLatin1Char(','), Qt::SkipEmptyParts);
    f.branchLabels = labels.split(QLatin1Char(','), Qt::SkipEmptyParts);
    f.hasDownRevision = true;
    f.fileName = QStringLiteral("%1_%2.py").arg(n, 4, 10, QLatin1Char('0')).arg(f.revision);
    f.path = QStringLiteral("/project/versions/") + f.fileName;
    f.message = QStringLiteral("revision ") + f.revision;
    f.revisionLine = 7;
    f.downRevisionLine = 8;
    f.dependsOnLine = 10;
    return f;
}

inline QVector<RevisionFile> filesFromSpecs(const QStringList& specs)
{
    QVector<RevisionFile> result;
    for (int i = 0; i < specs.size(); ++i)
        result << fileFromSpec(specs[i], i);
    return result;
}

} // namespace retort::test
