#include "app/AppTestSupport.h"
#include "app/graph/GraphDelegate.h"
#include "app/graph/RevisionFilterModel.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "core/graph/RevisionSpec.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

class tst_RevisionGraphPanel : public QObject
{
    Q_OBJECT

    std::shared_ptr<const ProjectSnapshot> m_demo;

    static QStringList highlightedIds(const RevisionGraphModel& model)
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(RevisionGraphModel::HighlightRole).toBool())
                ids << model.index(row, 0).data(RevisionGraphModel::RevisionIdRole).toString();
        }
        ids.sort();
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto loaded = testsupport::loadSnapshot(testsupport::demoSourceDir());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        m_demo = std::move(loaded).value();
    }

    void anIdentifierHighlightsExactlyWhatItWouldRun_data()
    {
        QTest::addColumn<QString>("current");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("direction");
        QTest::newRow("+2 from the first revision runs the next two")
            << QStringLiteral("3f1a9c2e7b10") << QStringLiteral("+2") << QStringLiteral("upgrade");
        QTest::newRow("a partial id ahead of the database is an upgrade")
            << QStringLiteral("3f1a9c2e7b10") << QStringLiteral("d2a6") << QStringLiteral("upgrade");
        QTest::newRow("label@head runs the branch up to its head")
            << QStringLiteral("5e9b1d7c3a88") << QStringLiteral("geo@head") << QStringLiteral("upgrade");
        QTest::newRow("a revision behind the database is a downgrade")
            << QStringLiteral("9d5e3b7a1c06") << QStringLiteral("5e9b1d7c3a88") << QStringLiteral("downgrade");
        QTest::newRow("-1 steps back one revision") << QStringLiteral("7c1b9e5a3f28") << QStringLiteral("-1") << QStringLiteral("downgrade");
        QTest::newRow("heads from an empty database runs everything") << QString() << QStringLiteral("heads") << QStringLiteral("upgrade");
    }

    void anIdentifierHighlightsExactlyWhatItWouldRun()
    {
        QFETCH(QString, current);
        QFETCH(QString, text);
        QFETCH(QString, direction);
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        model.setDatabaseHeads(current.isEmpty() ? QStringList{} : QStringList{current}, true);
        RevisionGraphPanel panel(&model);
        panel.searchField()->setText(text);
        panel.applySearch();
        QVERIFY2(panel.searchPlan().has_value(), "the text is a target identifier");
        const Direction dir = direction == QLatin1String("upgrade") ? Direction::Upgrade : Direction::Downgrade;
        const Result<Plan> expected = Planner::plan(m_demo->graph, model.databaseHeads(), dir, text);
        QVERIFY(expected.ok());
        QStringList expectedIds;
        for (const PlanStep& s : expected->steps)
            expectedIds << s.revision;
        expectedIds.sort();
        QVERIFY(!expectedIds.isEmpty());
        QCOMPARE(highlightedIds(model), expectedIds);
        QCOMPARE(panel.searchPlan()->direction, dir);
        QCOMPARE(panel.filterModel()->rowCount(), model.rowCount()); // nothing filtered: the path reads in context
    }

    void otherTextFiltersAndDrawsNodesOnly()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        RevisionGraphPanel panel(&model);
        panel.searchField()->setText(QStringLiteral("indicator values"));
        panel.applySearch();
        QVERIFY(!panel.searchPlan().has_value());
        QVERIFY(highlightedIds(model).isEmpty());
        QCOMPARE(panel.filterModel()->rowCount(), 3);
        QVERIFY(panel.delegate()->nodesOnly());
        panel.searchField()->clear();
        panel.applySearch();
        QCOMPARE(panel.filterModel()->rowCount(), model.rowCount());
        QVERIFY(!panel.delegate()->nodesOnly());
    }

    void selectingAFilteredOutRevisionClearsTheFilter()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        RevisionGraphPanel panel(&model);
        QSignalSpy selected(&panel, &RevisionGraphPanel::selectedRevisionChanged);
        panel.searchField()->setText(QStringLiteral("reports"));
        panel.applySearch();
        QCOMPARE(panel.filterModel()->rowCount(), 1);
        const int users = m_demo->graph.indexOf(QStringLiteral("3f1a9c2e7b10"));
        panel.selectRevision(users);
        QCOMPARE(panel.selectedRevision(), users);
        QCOMPARE(panel.filterModel()->rowCount(), model.rowCount());
        QCOMPARE(selected.last().at(0).toInt(), users);
    }

    void theKeyboardMovesFromSearchToGraphAndAlongTheRows()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        RevisionGraphPanel panel(&model);
        panel.resize(900, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.focusSearch();
        QTRY_VERIFY(panel.searchField()->hasFocus());
        QTest::keyClick(panel.searchField(), Qt::Key_Down);
        QTRY_VERIFY(panel.view()->hasFocus());
        QCOMPARE(panel.selectedRevision(), model.revisionAtRow(0));
        QTest::keyClick(panel.view(), Qt::Key_Down);
        QTest::keyClick(panel.view(), Qt::Key_Down);
        QCOMPARE(panel.selectedRevision(), model.revisionAtRow(2));
        QTest::keyClick(panel.view(), Qt::Key_End);
        QCOMPARE(panel.selectedRevision(), model.revisionAtRow(model.rowCount() - 1));
        // Typing a target and pressing Enter selects where it leads.
        panel.focusSearch();
        QTest::keyClicks(panel.searchField(), QStringLiteral("auth@head"));
        QTest::keyClick(panel.searchField(), Qt::Key_Return);
        const Result<int> authHead = RevisionSpec::resolveOne(m_demo->graph, QStringLiteral("auth@head"));
        QVERIFY(authHead.ok());
        QCOMPARE(panel.selectedRevision(), *authHead);
        QVERIFY(panel.view()->hasFocus());
    }
};

QTEST_MAIN(tst_RevisionGraphPanel)
#include "tst_RevisionGraphPanel.moc"
