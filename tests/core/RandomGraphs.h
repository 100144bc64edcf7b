#pragma once

// Seeded random revision graphs for the graph tests, as RevisionFile lists in load order: linear
// runs, branches, merges of two and three parents, several bases, branch labels, depends_on by id
// and by label (shared dependencies too), `depends_on = ""` bases, and on request every kind of
// broken history the graph build reports (duplicate ids, missing parents, cycles, dependency
// cycles, self-loops, duplicate labels, missing dependencies, illegal ids, no down_revision,
// unreadable values, unparsable files). The same seed and shape always give the same files.

#include "core/alembic/RevisionFile.h"

#include <QList>
#include <QPair>
#include <QRandomGenerator>
#include <QStringList>
#include <QVector>

namespace retort::test {

struct RandomGraphShape
{
    int revisions = 100;
    // Per revision, in percent.
    int basePercent = 2;            // a new base (down_revision None)
    int branchPercent = 15;         // the parent is any earlier revision, not an open tip
    int mergePercent = 8;           // two or three open tips merged
    int labelPercent = 3;           // declares a branch label (sometimes two)
    int dependsPercent = 6;         // depends_on one or two revisions (id, label or a shared one)
    int emptyDependsOnPercent = 0;  // a base written with `depends_on = ""`
    // Broken histories: how many of each per graph.
    int duplicateIds = 0;
    int missingParents = 0;
    int cycles = 0;                 // down_revision pointing at a descendant
    int detachedCycles = 0;         // a descendant becomes the only down_revision (no base above)
    int dependencyCycles = 0;       // depends_on naming a descendant
    int selfLoops = 0;
    int duplicateLabels = 0;
    int missingDependencies = 0;
    int invalidIds = 0;
    int noDownRevision = 0;
    int unresolvedValues = 0;
    int fileProblems = 0;
};

class RandomGraphs
{
public:
    static QVector<RevisionFile> make(quint32 seed, const RandomGraphShape& shape)
    {
        RandomGraphs g(seed);
        g.grow(shape);
        g.breakHistory(shape);
        return g.m_files;
    }

private:
    explicit RandomGraphs(quint32 seed) : m_random(seed) {}

    int below(int n) { return n <= 0 ? 0 : int(m_random.bounded(quint32(n))); }
    bool chance(int percent) { return below(100) < percent; }

    RevisionFile& add(const QString& id)
    {
        RevisionFile f;
        const int n = int(m_files.size());
        f.revision = id;
        f.hasDownRevision = true;
        f.fileName = QStringLiteral("%1_%2.py").arg(n, 4, 10, QLatin1Char('0')).arg(id);
        f.path = QStringLiteral("/project/versions/") + f.fileName;
        f.message = QStringLiteral("revision ") + id;
        f.docstring = f.message;
        f.createDate = QStringLiteral("2026-12-01 10:%1:00").arg(n % 60, 2, 10, QLatin1Char('0'));
        f.revisionLine = 7;
        f.downRevisionLine = 8;
        f.branchLabelsLine = 9;
        f.dependsOnLine = 10;
        m_files << f;
        m_children.push_back({});
        return m_files.last();
    }

    void setParents(int i, const QVector<int>& parents)
    {
        for (int p : parents) {
            m_files[i].downRevisions << m_files[p].revision;
            m_children[p] << i;
            m_tips.removeAll(p);
        }
    }

    // A revision reached from `i` by following children a few steps (i itself when it has none).
    int descendantOf(int i)
    {
        int steps = 1 + below(6);
        while (steps-- > 0 && !m_children[i].isEmpty())
            i = m_children[i][below(int(m_children[i].size()))];
        return i;
    }

    void grow(const RandomGraphShape& shape)
    {
        QStringList labels;
        QVector<int> popular; // dependencies several revisions share
        for (int i = 0; i < shape.revisions; ++i) {
            add(QStringLiteral("r%1x%2").arg(i).arg(below(0x10000), 4, 16, QLatin1Char('0')));
            if (i == 0 || chance(shape.basePercent)) {
                if (chance(shape.emptyDependsOnPercent))
                    m_files[i].emptyDependsOn = true;
            } else if (m_tips.size() >= 2 && chance(shape.mergePercent)) {
                QVector<int> from = m_tips;
                QVector<int> parents;
                const int count = from.size() >= 3 && chance(30) ? 3 : 2;
                while (parents.size() < count)
                    parents << from.takeAt(below(int(from.size())));
                setParents(i, parents);
            } else if (chance(shape.branchPercent) || m_tips.isEmpty()) {
                setParents(i, {below(i)});
            } else {
                const int previous = i - 1;
                setParents(i, {m_tips.contains(previous) && chance(70) ? previous : m_tips[below(int(m_tips.size()))]});
            }
            m_tips << i;

            if (chance(shape.labelPercent)) {
                const int count = chance(20) ? 2 : 1;
                for (int k = 0; k < count; ++k) {
                    labels << QStringLiteral("label%1").arg(labels.size());
                    m_files[i].branchLabels << labels.last();
                    m_labelOwner << i;
                }
            }
            if (i > 0 && chance(shape.dependsPercent)) {
                const int count = chance(25) ? 2 : 1;
                for (int k = 0; k < count; ++k) {
                    const int kind = below(3);
                    if (kind == 0 && !labels.isEmpty()) {
                        const int l = below(int(labels.size()));
                        if (m_labelOwner[l] != i)
                            m_files[i].dependsOn << labels[l];
                    } else if (kind == 1 && !popular.isEmpty()) {
                        m_files[i].dependsOn << m_files[popular[below(int(popular.size()))]].revision;
                    } else {
                        const int d = below(i);
                        m_files[i].dependsOn << m_files[d].revision;
                        if (popular.size() < 6 && chance(40))
                            popular << d;
                    }
                }
                m_files[i].dependsOn.removeDuplicates();
            }
        }
    }

    void breakHistory(const RandomGraphShape& shape)
    {
        const int n = int(m_files.size());
        if (n == 0)
            return;
        auto any = [&] { return below(n); };
        auto withChildren = [&] { // a revision that has a descendant, when a few tries find one
            int i = any();
            for (int tries = 0; tries < 20 && m_children[i].isEmpty(); ++tries)
                i = any();
            return i;
        };
        for (int k = 0; k < shape.cycles; ++k) {
            const int i = withChildren();
            const int d = descendantOf(i);
            m_files[i].downRevisions << m_files[d].revision; // i == d: a self-loop, also fine
        }
        for (int k = 0; k < shape.detachedCycles; ++k) {
            const int i = withChildren();
            m_files[i].downRevisions = QStringList{m_files[descendantOf(i)].revision};
        }
        for (int k = 0; k < shape.dependencyCycles; ++k) {
            const int i = withChildren();
            m_files[i].dependsOn << m_files[descendantOf(i)].revision;
        }
        for (int k = 0; k < shape.selfLoops; ++k) {
            RevisionFile& f = m_files[any()];
            (chance(50) ? f.downRevisions : f.dependsOn) << f.revision;
        }
        for (int k = 0; k < shape.missingParents; ++k)
            m_files[any()].downRevisions << QStringLiteral("gone%1").arg(k);
        for (int k = 0; k < shape.missingDependencies; ++k)
            m_files[any()].dependsOn << QStringLiteral("nothere%1").arg(k);
        for (int k = 0; k < shape.duplicateLabels; ++k) {
            const int owner = m_labelOwner.isEmpty() || chance(30) ? any() : m_labelOwner[below(int(m_labelOwner.size()))];
            const QString taken = chance(30) ? m_files[any()].revision : m_files[owner].branchLabels.value(0, m_files[owner].revision);
            m_files[any()].branchLabels << taken;
        }
        for (int k = 0; k < shape.noDownRevision; ++k) {
            RevisionFile& f = m_files[any()];
            f.hasDownRevision = false;
            f.downRevisions.clear();
        }
        for (int k = 0; k < shape.unresolvedValues; ++k) {
            m_files[any()].unresolved << UnresolvedValue{QStringLiteral("branch_labels"), QStringLiteral("(cli.BRANCH,)"), 9};
            if (chance(30)) { // a file whose id itself cannot be read: left out of the graph
                RevisionFile& f = m_files[any()];
                f.unresolved << UnresolvedValue{QStringLiteral("revision"), QStringLiteral("make_id()"), 7};
                f.revision.clear();
            }
        }
        for (int k = 0; k < shape.fileProblems; ++k) {
            RevisionFile& f = m_files[any()];
            f.problems << Error{QStringLiteral("revision-file-syntax"), QStringLiteral("unterminated string"), {}, f.path, 12};
        }
        // Appended last, so that the files above keep their positions.
        for (int k = 0; k < shape.duplicateIds; ++k) {
            const QString id = m_files[any()].revision;
            if (id.isEmpty())
                continue;
            const QString parent = m_files[any()].revision;
            RevisionFile& copy = add(id);
            if (parent != id)
                copy.downRevisions << parent;
        }
        for (int k = 0; k < shape.invalidIds; ++k)
            add(QStringLiteral("bad-%1@x").arg(k)).downRevisions << m_files[below(n)].revision;
        for (RevisionFile& f : m_files) { // an id cleared above is not a reference
            f.downRevisions.removeAll(QString());
            f.dependsOn.removeAll(QString());
        }
    }

    QRandomGenerator m_random;
    QVector<RevisionFile> m_files;
    QVector<QVector<int>> m_children;
    QVector<int> m_tips;       // revisions without a child yet
    QVector<int> m_labelOwner; // per label (declaration order), the revision declaring it
};

struct RandomGraphCase
{
    QString name; // reads as a sentence: "shared dependencies, 600 revisions, seed 3"
    quint32 seed = 0;
    RandomGraphShape shape;
};

// The graphs the graph tests run on: every profile at sizes from 1 to 2,000 revisions, small sizes
// with several seeds.
inline QList<RandomGraphCase> randomGraphCases()
{
    QList<QPair<QString, RandomGraphShape>> profiles;
    auto profile = [&profiles](const char* name, auto setUp) {
        RandomGraphShape s;
        setUp(s);
        profiles.append({QString::fromLatin1(name), s});
    };
    profile("a linear chain", [](RandomGraphShape& s) {
        s.basePercent = s.branchPercent = s.mergePercent = s.labelPercent = s.dependsPercent = 0;
    });
    profile("branches and merges", [](RandomGraphShape&) {});
    profile("wide branches and three-way merges", [](RandomGraphShape& s) {
        s.branchPercent = 40;
        s.mergePercent = 20;
    });
    profile("many branch labels", [](RandomGraphShape& s) { s.labelPercent = 25; });
    profile("depends_on by id and by label", [](RandomGraphShape& s) {
        s.labelPercent = 8;
        s.dependsPercent = 30;
    });
    profile("shared dependencies on merges", [](RandomGraphShape& s) {
        s.mergePercent = 20;
        s.dependsPercent = 50;
    });
    profile("several bases", [](RandomGraphShape& s) {
        s.basePercent = 10;
        s.dependsPercent = 10;
    });
    profile("bases written with depends_on = \"\"", [](RandomGraphShape& s) {
        s.basePercent = 8;
        s.emptyDependsOnPercent = 50;
    });
    profile("duplicate revision ids", [](RandomGraphShape& s) { s.duplicateIds = 2; });
    profile("missing parents", [](RandomGraphShape& s) { s.missingParents = 2; });
    profile("missing dependencies", [](RandomGraphShape& s) {
        s.dependsPercent = 10;
        s.missingDependencies = 1;
    });
    profile("duplicate branch labels", [](RandomGraphShape& s) {
        s.labelPercent = 10;
        s.duplicateLabels = 2;
    });
    profile("illegal revision ids", [](RandomGraphShape& s) { s.invalidIds = 1; });
    profile("self-loops", [](RandomGraphShape& s) {
        s.dependsPercent = 10;
        s.selfLoops = 1;
    });
    profile("a cycle below the heads", [](RandomGraphShape& s) {
        s.dependsPercent = 15;
        s.cycles = 1;
    });
    profile("a cycle without a base", [](RandomGraphShape& s) { s.detachedCycles = 1; });
    profile("a dependency cycle", [](RandomGraphShape& s) {
        s.dependsPercent = 15;
        s.dependencyCycles = 1;
    });
    profile("every problem at once", [](RandomGraphShape& s) {
        s.labelPercent = 10;
        s.dependsPercent = 15;
        s.emptyDependsOnPercent = 30;
        s.duplicateIds = s.missingParents = s.cycles = s.dependencyCycles = s.selfLoops = 1;
        s.duplicateLabels = s.missingDependencies = s.invalidIds = s.noDownRevision = 1;
        s.unresolvedValues = s.fileProblems = 1;
        s.detachedCycles = 1;
    });
    QList<RandomGraphCase> cases;
    const int sizes[] = {1, 2, 3, 7, 20, 60, 200, 600, 2000};
    for (int p = 0; p < int(profiles.size()); ++p) {
        for (int size : sizes) {
            const int seeds = size <= 200 ? 3 : 1;
            for (int seed = 1; seed <= seeds; ++seed) {
                RandomGraphCase c;
                c.shape = profiles[p].second;
                c.shape.revisions = size;
                c.seed = quint32(p * 100000 + size * 10 + seed);
                c.name = QStringLiteral("%1, %2 revisions, seed %3").arg(profiles[p].first).arg(size).arg(c.seed);
                cases << c;
            }
        }
    }
    return cases;
}

} // namespace retort::test
