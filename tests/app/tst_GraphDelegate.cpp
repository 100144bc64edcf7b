#include "app/AppTestSupport.h"
#include "app/graph/GraphDelegate.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/review/ReviewFormat.h"
#include "core/lint/SqlLinter.h"

#include <QImage>
#include <QPainter>
#include <QStandardPaths>
#include <QTreeView>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

class tst_GraphDelegate : public QObject
{
    Q_OBJECT

    std::shared_ptr<const ProjectSnapshot> m_demo;
    GraphPalette m_palette;

    // Paints the graph cell of `row` into an image and returns it.
    QImage paintGraphCell(const RevisionGraphModel& model, int row, bool nodesOnly = false)
    {
        GraphDelegate delegate;
        delegate.setGraphPalette(m_palette);
        delegate.setNodesOnly(nodesOnly);
        QImage image(GraphDelegate::graphColumnWidth(model.snapshot()->layout.laneCount()), 26, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.rect = image.rect();
        option.palette = QApplication::palette();
        option.font = QApplication::font();
        option.fontMetrics = QFontMetrics(option.font);
        option.state = QStyle::State_Enabled;
        delegate.paint(&painter, option, model.index(row, int(RevisionGraphModel::Column::Graph)));
        painter.end();
        return image;
    }

    static QPoint nodeCentre(const RevisionGraphModel& model, int row)
    {
        const LaneRow lanes = model.index(row, 0).data(RevisionGraphModel::LanesRole).value<LaneRow>();
        return {GraphDelegate::GraphPadding / 2 + lanes.nodeLane * GraphDelegate::LaneWidth + GraphDelegate::LaneWidth / 2, 13};
    }

    static bool near(const QColor& a, const QColor& b, int tolerance = 40)
    {
        return qAbs(a.red() - b.red()) <= tolerance && qAbs(a.green() - b.green()) <= tolerance && qAbs(a.blue() - b.blue()) <= tolerance;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        QApplication::setPalette(light);
        m_palette = GraphPalette::fromPalette(light);
        auto loaded = testsupport::loadSnapshot(testsupport::demoSourceDir());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        m_demo = std::move(loaded).value();
    }

    void appliedNodesAreFilledAndPendingNodesHollow()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        model.setDatabaseHeads({QStringLiteral("8c4d2b9e1a57")}, true);
        const int appliedRow = model.rowOfRevision(m_demo->graph.indexOf(QStringLiteral("3f1a9c2e7b10")));
        const int pendingRow = model.rowOfRevision(m_demo->graph.indexOf(QStringLiteral("b7e3f0a4c921")));
        const QImage applied = paintGraphCell(model, appliedRow);
        const QImage pending = paintGraphCell(model, pendingRow);
        const LaneRow appliedLanes = model.index(appliedRow, 0).data(RevisionGraphModel::LanesRole).value<LaneRow>();
        const QColor laneColor = m_palette.laneColor(appliedLanes.nodeLane);
        QVERIFY2(near(applied.pixelColor(nodeCentre(model, appliedRow)), laneColor),
                 qPrintable(applied.pixelColor(nodeCentre(model, appliedRow)).name()));
        // The pending node's centre shows the (white) base through the ring, tinted at most.
        const QColor centre = pending.pixelColor(nodeCentre(model, pendingRow));
        QVERIFY2(centre.lightness() > 200, qPrintable(centre.name()));
    }

    void theCurrentRevisionGetsTheCurrentRing()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        model.setDatabaseHeads({QStringLiteral("8c4d2b9e1a57")}, true);
        const int row = model.rowOfRevision(m_demo->graph.indexOf(QStringLiteral("8c4d2b9e1a57")));
        const QImage image = paintGraphCell(model, row);
        const QPoint c = nodeCentre(model, row);
        bool ring = false;
        for (int dx = 6; dx <= 10 && !ring; ++dx)
            ring = near(image.pixelColor(c.x() + dx, c.y()), m_palette.current, 50);
        QVERIFY2(ring, "a green ring surrounds the current node");

        RevisionGraphModel other;
        other.setSnapshot(m_demo);
        other.setDatabaseHeads({QStringLiteral("3f1a9c2e7b10")}, true);
        const QImage plain = paintGraphCell(other, row);
        bool otherRing = false;
        for (int dx = 6; dx <= 10; ++dx)
            otherRing = otherRing || near(plain.pixelColor(c.x() + dx, c.y()), m_palette.current, 50);
        QVERIFY2(!otherRing, "no ring on a revision that is not current");
    }

    void edgesArePaintedUnlessNodesOnly()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        // A row in the middle of a straight line has edges above and below its node.
        const int row = model.rowOfRevision(m_demo->graph.indexOf(QStringLiteral("b7e3f0a4c921")));
        const QPoint c = nodeCentre(model, row);
        const QImage withEdges = paintGraphCell(model, row);
        const QImage nodesOnly = paintGraphCell(model, row, true);
        QVERIFY(withEdges.pixelColor(c.x(), 1) != QColor(Qt::white));
        QCOMPARE(nodesOnly.pixelColor(c.x(), 1), QColor(Qt::white));
    }

    void badgesNameCurrentHeadsLabelsAndMerges()
    {
        const auto list = GraphDelegate::badges(m_palette, true, RevisionGraphModel::Head | RevisionGraphModel::Merge,
                                                {QStringLiteral("auth"), QStringLiteral("geo")}, {});
        QStringList texts;
        for (const auto& b : list)
            texts << b.text;
        QCOMPARE(texts, (QStringList{QStringLiteral("current"), QStringLiteral("head"), QStringLiteral("auth"), QStringLiteral("geo"),
                                     QStringLiteral("merge")}));
        // Inherited labels only show on heads; declared ones everywhere.
        const auto inner = GraphDelegate::badges(m_palette, false, RevisionGraphModel::Normal,
                                                 {QStringLiteral("auth"), QStringLiteral("geo")}, {QStringLiteral("geo")});
        QCOMPARE(inner.size(), 1);
        QCOMPARE(inner.at(0).text, QStringLiteral("geo"));
    }

    // The safety review's worst finding of a row's pending step: a badge in its severity's colour,
    // right after "current", painted in the Labels column from the model's roles.
    void aReviewBadgeShowsTheWorstFindingOfThePendingStep()
    {
        const auto list = GraphDelegate::badges(m_palette, true, RevisionGraphModel::Head, {}, {}, int(Severity::Error), 2);
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).text, QStringLiteral("current"));
        QVERIFY2(list.at(1).text.startsWith(QStringLiteral("2 error")), qPrintable(list.at(1).text));
        QCOMPARE(list.at(1).textColor, ReviewFormat::severityColor(Severity::Error, m_palette.dark));
        QVERIFY(GraphDelegate::badges(m_palette, false, RevisionGraphModel::Normal, {}, {}, int(Severity::Warning), 1)
                    .at(0)
                    .text.startsWith(QStringLiteral("1 warning")));
        QVERIFY(GraphDelegate::badges(m_palette, false, RevisionGraphModel::Normal, {}, {}).isEmpty());

        // Painted from the roles: the row whose step has an error shows the error colour.
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        const int row = 3;
        const QString revision = model.index(row, 0).data(RevisionGraphModel::RevisionIdRole).toString();
        lint::SqlLinter linter;
        linter.addSql(QStringLiteral("DROP TABLE cities;\n"), 0, revision);
        lint::LintStepInput step;
        step.step.index = 0;
        step.step.revision = revision;
        step.step.direction = QStringLiteral("upgrade");
        const lint::LintReport report = linter.review({step}, lint::CatalogFacts{});
        model.setReview(&report);
        const auto paintLabels = [&](int r) {
            GraphDelegate delegate;
            delegate.setGraphPalette(m_palette);
            QImage image(260, 26, QImage::Format_ARGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            QStyleOptionViewItem option;
            option.rect = image.rect();
            option.palette = QApplication::palette();
            option.font = QApplication::font();
            option.fontMetrics = QFontMetrics(option.font);
            option.state = QStyle::State_Enabled;
            delegate.paint(&painter, option, model.index(r, int(RevisionGraphModel::Column::Labels)));
            painter.end();
            return image;
        };
        const auto hasColor = [](const QImage& image, const QColor& color) {
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    if (qAbs(c.red() - color.red()) < 12 && qAbs(c.green() - color.green()) < 12 && qAbs(c.blue() - color.blue()) < 12)
                        return true;
                }
            return false;
        };
        const QColor error = ReviewFormat::severityColor(Severity::Error, m_palette.dark);
        QVERIFY(hasColor(paintLabels(row), error));
        QVERIFY(!hasColor(paintLabels(row + 1), error));
    }

    void rowBackgroundsDistinguishStates_data()
    {
        QTest::addColumn<int>("applied");
        QTest::addColumn<bool>("highlight");
        QTest::addColumn<int>("run");
        QTest::addColumn<QString>("expected");
        QTest::newRow("an applied row is shaded green") << int(RevisionGraphModel::AppliedState::Applied) << false
                                                        << int(RevisionGraphModel::RunState::None) << QStringLiteral("applied");
        QTest::newRow("a pending row keeps the base") << int(RevisionGraphModel::AppliedState::Pending) << false
                                                      << int(RevisionGraphModel::RunState::None) << QStringLiteral("pending");
        QTest::newRow("a highlighted row wins over applied") << int(RevisionGraphModel::AppliedState::Applied) << true
                                                             << int(RevisionGraphModel::RunState::None) << QStringLiteral("highlight");
        QTest::newRow("the running step wins over everything") << int(RevisionGraphModel::AppliedState::Applied) << true
                                                               << int(RevisionGraphModel::RunState::Running) << QStringLiteral("running");
    }

    void rowBackgroundsDistinguishStates()
    {
        QFETCH(int, applied);
        QFETCH(bool, highlight);
        QFETCH(int, run);
        QFETCH(QString, expected);
        const QColor c = GraphDelegate::rowBackground(m_palette, applied, highlight, run);
        if (expected == QLatin1String("applied"))
            QCOMPARE(c, m_palette.appliedBackground);
        else if (expected == QLatin1String("pending"))
            QCOMPARE(c, m_palette.pendingBackground);
        else if (expected == QLatin1String("highlight"))
            QCOMPARE(c, m_palette.highlight);
        else
            QCOMPARE(c, m_palette.running);
    }

    void rowsHaveOneHeightAndTheGraphColumnFitsTheLanes()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        GraphDelegate delegate;
        QStyleOptionViewItem option;
        option.font = QApplication::font();
        option.fontMetrics = QFontMetrics(option.font);
        const int h = delegate.sizeHint(option, model.index(0, 0)).height();
        for (int row = 0; row < model.rowCount(); ++row)
            for (int col = 0; col < model.columnCount(); ++col)
                QCOMPARE(delegate.sizeHint(option, model.index(row, col)).height(), h);
        QCOMPARE(delegate.sizeHint(option, model.index(0, 0)).width(), GraphDelegate::graphColumnWidth(m_demo->layout.laneCount()));
        QVERIFY(GraphDelegate::graphColumnWidth(200) < 400); // very wide graphs scroll instead
    }

    void theDarkPaletteGivesLightInk()
    {
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x20, 0x22, 0x25));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        const GraphPalette p = GraphPalette::fromPalette(dark);
        QVERIFY(p.dark);
        QVERIFY(!m_palette.dark);
        QVERIFY(p.current.lightness() > m_palette.current.lightness());
        QVERIFY(p.laneColor(0).lightness() > 100);
    }
};

QTEST_MAIN(tst_GraphDelegate)
#include "tst_GraphDelegate.moc"
