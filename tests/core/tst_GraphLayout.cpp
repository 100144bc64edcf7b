// GraphLayout: lanes for painting the history row by row. Checked by invariants on several
// shapes: every node sits on a valid lane, every edge can be followed lane by lane from the
// child's row to the parent's row, vertical lines are continuous between rows, the number of lanes
// stays within the number of edges open at once, and lanes are reused.

#include "core/GraphSpec.h"
#include "core/graph/GraphLayout.h"
#include "core/graph/RevisionGraph.h"

#include <QTest>

using namespace retort;
using namespace retort::test;

namespace {

// Feature branches off a trunk, merged back one after the other (lanes must be reused).
QStringList featureBranches(int count)
{
    QStringList specs{QStringLiteral("t0")};
    QString trunk = QStringLiteral("t0");
    for (int i = 1; i <= count; ++i) {
        const QString f1 = QStringLiteral("f%1a").arg(i);
        const QString f2 = QStringLiteral("f%1b").arg(i);
        const QString t = QStringLiteral("t%1").arg(i);
        const QString m = QStringLiteral("m%1").arg(i);
        specs << f1 + QLatin1Char('<') + trunk << f2 + QLatin1Char('<') + f1 << t + QLatin1Char('<') + trunk
              << m + QLatin1Char('<') + t + QLatin1Char(',') + f2;
        trunk = m;
    }
    return specs;
}

QStringList shape(int which)
{
    switch (which) {
    case 0:
        return {QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<b")};
    case 1:
        return {QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<a"), QStringLiteral("m<b,c")};
    case 2:
        return {QStringLiteral("a"), QStringLiteral("l1<a"), QStringLiteral("l2<l1"), QStringLiteral("l3<l2"),
                QStringLiteral("s1<a"), QStringLiteral("m<l3,s1"), QStringLiteral("n<m")};
    case 3:
        return {QStringLiteral("x"), QStringLiteral("y<x"), QStringLiteral("p"), QStringLiteral("q<p|y"), QStringLiteral("r<q|x")};
    case 4:
        return {QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<a"), QStringLiteral("d<a"),
                QStringLiteral("m<b,c,d"), QStringLiteral("e<a")};
    case 5:
        return featureBranches(40);
    default:
        return {};
    }
}

struct Edge
{
    int child;
    int parent;
    bool dependency;
};

QVector<Edge> edgesOf(const RevisionGraph& g)
{
    QVector<Edge> edges;
    for (const Revision& r : g.revisions()) {
        for (int p : r.parents)
            edges.push_back({r.index, p, false});
        for (int d : r.dependencies) {
            if (!r.parents.contains(d))
                edges.push_back({r.index, d, true});
        }
    }
    return edges;
}

quint16 cell(const LaneRow& row, int lane)
{
    return lane < row.cells.size() ? row.cells[lane] : 0;
}

} // namespace

class tst_GraphLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invariants_data();
    void invariants();
    void lanesAreReusedAcrossManyBranches();
    void aLinearHistoryIsOneLane();
    void aMergeJoinsAndAForkSplits();
    void lenientGraphWithACycleStillLaysOut();
};

void tst_GraphLayout::invariants_data()
{
    QTest::addColumn<int>("shape");
    QTest::newRow("a linear history") << 0;
    QTest::newRow("a diamond") << 1;
    QTest::newRow("a long and a short branch") << 2;
    QTest::newRow("depends_on across two bases") << 3;
    QTest::newRow("a merge of three and a fourth open branch") << 4;
    QTest::newRow("forty feature branches merged one after the other") << 5;
}

void tst_GraphLayout::invariants()
{
    QFETCH(int, shape);
    const Result<RevisionGraph> g = RevisionGraph::build(filesFromSpecs(::shape(shape)));
    QVERIFY(g.ok());
    const GraphLayout layout = GraphLayout::compute(*g);
    QCOMPARE(layout.rowCount(), g->size());
    const QVector<int> order = g->historyOrder();
    for (int r = 0; r < layout.rowCount(); ++r) {
        const LaneRow& row = layout.row(r);
        QCOMPARE(row.revision, order[r]);
        QCOMPARE(layout.rowOf(row.revision), r);
        QVERIFY2(row.nodeLane >= 0 && row.nodeLane < row.cells.size(), "the node lane exists in its row");
        QVERIFY(row.cells.size() <= layout.laneCount());
        const quint16 node = row.cells[row.nodeLane];
        QVERIFY2(!(node & (lane::JoinNode | lane::ForkNode | lane::DepJoinNode | lane::DepForkNode)),
                 "the node lane connects straight to the dot");
    }
    // Continuity: a line leaving a row at the bottom enters the next row at the top, and back.
    for (int r = 0; r + 1 < layout.rowCount(); ++r) {
        for (int l = 0; l < layout.laneCount(); ++l) {
            const quint16 a = cell(layout.row(r), l);
            const quint16 b = cell(layout.row(r + 1), l);
            QCOMPARE(bool(a & lane::Down), bool(b & lane::Up));
            QCOMPARE(bool(a & lane::DepDown), bool(b & lane::DepUp));
        }
    }
    QCOMPARE(layout.row(0).cells[layout.row(0).nodeLane] & (lane::Up | lane::DepUp), 0);
    const LaneRow& last = layout.row(layout.rowCount() - 1);
    for (quint16 c : last.cells)
        QCOMPARE(c & (lane::Down | lane::DepDown), 0);

    // Every edge can be followed from the child's row down to the parent's row.
    int maxOpen = 0;
    for (int r = 0; r < layout.rowCount(); ++r) {
        QSet<QPair<int, bool>> open;
        for (const Edge& e : edgesOf(*g)) {
            if (layout.rowOf(e.child) <= r && r < layout.rowOf(e.parent))
                open.insert({e.parent, e.dependency});
        }
        maxOpen = std::max(maxOpen, int(open.size()));
    }
    for (const Edge& e : edgesOf(*g)) {
        const int from = layout.rowOf(e.child);
        const int to = layout.rowOf(e.parent);
        QVERIFY2(from < to, "children are above their parents");
        const quint16 down = e.dependency ? lane::DepDown : lane::Down;
        const quint16 up = e.dependency ? lane::DepUp : lane::Up;
        const quint16 fork = e.dependency ? lane::DepForkNode : lane::ForkNode;
        const quint16 join = e.dependency ? lane::DepJoinNode : lane::JoinNode;
        bool arrived = false;
        const LaneRow& start = layout.row(from);
        for (int l = 0; l < start.cells.size() && !arrived; ++l) {
            const quint16 c = start.cells[l];
            const bool leaves = (l == start.nodeLane && (c & down)) || (l != start.nodeLane && (c & fork));
            if (!leaves)
                continue;
            for (int r = from + 1; r <= to; ++r) {
                const LaneRow& row = layout.row(r);
                const quint16 x = cell(row, l);
                if (!(x & up))
                    break;
                if (r == to) {
                    arrived = l == row.nodeLane || (x & join);
                    break;
                }
                if (row.nodeLane == l || !(x & down))
                    break; // the lane ended at another revision
            }
        }
        QVERIFY2(arrived, qPrintable(QStringLiteral("edge %1 -> %2").arg(g->at(e.child).id, g->at(e.parent).id)));
    }
    QVERIFY2(layout.laneCount() <= maxOpen + 1,
             qPrintable(QStringLiteral("%1 lanes for at most %2 open edges").arg(layout.laneCount()).arg(maxOpen)));
}

void tst_GraphLayout::lanesAreReusedAcrossManyBranches()
{
    const Result<RevisionGraph> g = RevisionGraph::build(filesFromSpecs(featureBranches(500)));
    QVERIFY(g.ok());
    const GraphLayout layout = GraphLayout::compute(*g);
    QCOMPARE(layout.rowCount(), 2001);
    QVERIFY2(layout.laneCount() <= 3, qPrintable(QString::number(layout.laneCount())));
}

void tst_GraphLayout::aLinearHistoryIsOneLane()
{
    const Result<RevisionGraph> g = RevisionGraph::build(filesFromSpecs(shape(0)));
    QVERIFY(g.ok());
    const GraphLayout layout = GraphLayout::compute(*g);
    QCOMPARE(layout.laneCount(), 1);
    QCOMPARE(layout.row(0).cells, QVector<quint16>{lane::Down});
    QCOMPARE(layout.row(1).cells, QVector<quint16>{quint16(lane::Up | lane::Down)});
    QCOMPARE(layout.row(2).cells, QVector<quint16>{lane::Up});
}

void tst_GraphLayout::aMergeJoinsAndAForkSplits()
{
    const Result<RevisionGraph> g = RevisionGraph::build(filesFromSpecs(shape(1)));
    QVERIFY(g.ok());
    const GraphLayout layout = GraphLayout::compute(*g);
    // m (merge) on top: first parent straight down, second parent forked to lane 1.
    const LaneRow& m = layout.row(0);
    QCOMPARE(g->at(m.revision).id, QStringLiteral("m"));
    QCOMPARE(m.nodeLane, 0);
    QCOMPARE(m.cells, (QVector<quint16>{lane::Down, quint16(lane::ForkNode | lane::Down)}));
    // a (branch point) at the bottom: both sides lead to it through one lane; the side laid out
    // second forks into the lane the first one opened (lanes lead to one revision each).
    const LaneRow& a = layout.row(3);
    QCOMPARE(g->at(a.revision).id, QStringLiteral("a"));
    QVERIFY(a.cells[a.nodeLane] & lane::Up);
    const LaneRow& second = layout.row(2);
    QVERIFY(second.nodeLane != a.nodeLane);
    QCOMPARE(cell(second, a.nodeLane), quint16(lane::Up | lane::Down | lane::ForkNode));
    QCOMPARE(cell(second, second.nodeLane), quint16(lane::Up));
}

void tst_GraphLayout::lenientGraphWithACycleStillLaysOut()
{
    const Result<RevisionGraph> g = RevisionGraph::build(
        filesFromSpecs({QStringLiteral("root"), QStringLiteral("a<b"), QStringLiteral("b<a"), QStringLiteral("c<root|zz")}),
        RevisionGraph::Mode::Lenient);
    QVERIFY(g.ok());
    const GraphLayout layout = GraphLayout::compute(*g);
    QCOMPARE(layout.rowCount(), 4);
    for (const LaneRow& row : layout.rows())
        QVERIFY(row.nodeLane < row.cells.size());
}

QTEST_GUILESS_MAIN(tst_GraphLayout)
#include "tst_GraphLayout.moc"
