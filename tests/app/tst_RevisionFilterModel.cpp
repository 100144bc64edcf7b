#include "app/AppTestSupport.h"
#include "app/graph/RevisionFilterModel.h"
#include "app/graph/RevisionGraphModel.h"

#include <QAbstractItemModelTester>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

class tst_RevisionFilterModel : public QObject
{
    Q_OBJECT

    std::shared_ptr<const ProjectSnapshot> m_demo;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto loaded = testsupport::loadSnapshot(testsupport::demoSourceDir());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        m_demo = std::move(loaded).value();
    }

    void filtersByIdPrefixMessageOrLabel_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("an id prefix keeps only that revision") << QStringLiteral("8c4d") << QStringList{QStringLiteral("8c4d2b9e1a57")};
        QTest::newRow("an id prefix is case-insensitive") << QStringLiteral("8C4D2B") << QStringList{QStringLiteral("8c4d2b9e1a57")};
        QTest::newRow("a word of a message matches every message containing it")
            << QStringLiteral("indicator")
            << QStringList{QStringLiteral("4a7f2c8e6d93"), QStringLiteral("f6c2a9d4e817"), QStringLiteral("1b8e6f3d9a42"),
                           QStringLiteral("d2a6c8e4f013"), QStringLiteral("b7e3f0a4c921")};
        QTest::newRow("every word must match") << QStringLiteral("create users") << QStringList{QStringLiteral("3f1a9c2e7b10")};
        QTest::newRow("the middle of an id does not match") << QStringLiteral("2b9e1a57") << QStringList{};
        QTest::newRow("empty text keeps everything") << QString() << QStringList{QStringLiteral("*")};
    }

    void filtersByIdPrefixMessageOrLabel()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        RevisionFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSearchText(text);
        QCOMPARE(filter.isFiltering(), !text.isEmpty());
        if (expected == QStringList{QStringLiteral("*")}) {
            QCOMPARE(filter.rowCount(), model.rowCount());
            return;
        }
        QStringList ids;
        for (int row = 0; row < filter.rowCount(); ++row)
            ids << filter.index(row, 0).data(RevisionGraphModel::RevisionIdRole).toString();
        QStringList sortedIds = ids, sortedExpected = expected;
        sortedIds.sort();
        sortedExpected.sort();
        QCOMPARE(sortedIds, sortedExpected);
        // The filter keeps the history order of the source.
        for (int row = 1; row < filter.rowCount(); ++row)
            QVERIFY(filter.mapToSource(filter.index(row - 1, 0)).row() < filter.mapToSource(filter.index(row, 0)).row());
    }

    void aBranchLabelMatchesEveryRevisionCarryingIt()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        RevisionFilterModel filter;
        filter.setSourceModel(&model);
        filter.setSearchText(QStringLiteral("geo"));
        QStringList expected;
        for (const Revision& r : m_demo->graph.revisions()) {
            if (r.allBranchLabels.contains(QStringLiteral("geo")) || r.message.contains(QStringLiteral("geo"), Qt::CaseInsensitive))
                expected << r.id;
        }
        QVERIFY(!expected.isEmpty());
        QStringList ids;
        for (int row = 0; row < filter.rowCount(); ++row)
            ids << filter.index(row, 0).data(RevisionGraphModel::RevisionIdRole).toString();
        ids.sort();
        expected.sort();
        QCOMPARE(ids, expected);
    }

    void theRoleDataPassesThroughTheProxy()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        model.setDatabaseHeads({QStringLiteral("8c4d2b9e1a57")}, true);
        RevisionFilterModel filter;
        filter.setSourceModel(&model);
        filter.setSearchText(QStringLiteral("create"));
        QVERIFY(filter.rowCount() > 0);
        for (int row = 0; row < filter.rowCount(); ++row) {
            const QModelIndex p = filter.index(row, 0);
            const QModelIndex s = filter.mapToSource(p);
            for (int role : {int(RevisionGraphModel::AppliedStateRole), int(RevisionGraphModel::CurrentRole),
                             int(RevisionGraphModel::NodeKindRole), int(RevisionGraphModel::RevisionIdRole)})
                QCOMPARE(p.data(role), s.data(role));
        }
    }
};

QTEST_MAIN(tst_RevisionFilterModel)
#include "tst_RevisionFilterModel.moc"
