#include "app/AppTestSupport.h"
#include "app/graph/RevisionGraphModel.h"
#include "core/lint/SqlLinter.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

class tst_RevisionGraphModel : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const ProjectSnapshot> m_demo;

    int indexOf(const QString& id) const { return m_demo->graph.indexOf(id); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto loaded = testsupport::loadSnapshot(testsupport::demoSourceDir());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        m_demo = std::move(loaded).value();
        QVERIFY2(m_demo->graph.size() >= 12, "the demo project has at least 12 revisions");
    }

    void rowsFollowAlembicHistoryOrder()
    {
        RevisionGraphModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(m_demo);
        QCOMPARE(model.rowCount(), m_demo->graph.size());
        QCOMPARE(model.columnCount(), int(RevisionGraphModel::Column::Count));
        const QVector<int> history = m_demo->graph.historyOrder();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex idx = model.index(row, int(RevisionGraphModel::Column::Id));
            QCOMPARE(idx.data(RevisionGraphModel::RevisionIndexRole).toInt(), history.at(row));
            QCOMPARE(idx.data(RevisionGraphModel::RevisionIdRole).toString(), m_demo->graph.at(history.at(row)).id);
            QCOMPARE(model.rowOfRevision(history.at(row)), row);
            QCOMPARE(idx.data(Qt::DisplayRole).toString(), RevisionGraphModel::shortId(m_demo->graph.at(history.at(row)).id));
        }
    }

    void nodeKindsMarkHeadsBasesMergesAndBranchPoints()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        int heads = 0, bases = 0, merges = 0, branchPoints = 0, withDeps = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const int kind = model.index(row, 0).data(RevisionGraphModel::NodeKindRole).toInt();
            const Revision& r = m_demo->graph.at(model.revisionAtRow(row));
            QCOMPARE(bool(kind & RevisionGraphModel::Head), r.isHead);
            QCOMPARE(bool(kind & RevisionGraphModel::Base), r.isBase);
            QCOMPARE(bool(kind & RevisionGraphModel::Merge), r.isMergePoint);
            QCOMPARE(bool(kind & RevisionGraphModel::BranchPoint), r.isBranchPoint);
            heads += r.isHead;
            bases += r.isBase;
            merges += r.isMergePoint;
            branchPoints += r.isBranchPoint;
            withDeps += bool(kind & RevisionGraphModel::HasDependencies);
        }
        QVERIFY(heads >= 1);
        QCOMPARE(bases, 1);
        QVERIFY2(merges >= 1, "the demo project has a merge");
        QVERIFY2(branchPoints >= 1, "the demo project has a branch point");
        QVERIFY2(withDeps >= 1, "the demo project has a depends_on");
    }

    void lanesRoleCarriesTheLayoutRowOfEachRevision()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        for (int row = 0; row < model.rowCount(); ++row) {
            const LaneRow lanes = model.index(row, 0).data(RevisionGraphModel::LanesRole).value<LaneRow>();
            QCOMPARE(lanes.revision, model.revisionAtRow(row));
            QVERIFY(lanes.nodeLane >= 0 && lanes.nodeLane < qMax(1, m_demo->layout.laneCount()));
            QCOMPARE(model.index(row, 3).data(RevisionGraphModel::LaneCountRole).toInt(), m_demo->layout.laneCount());
        }
    }

    void databaseHeadsMarkCurrentAndShadeAppliedAndPending_data()
    {
        QTest::addColumn<QString>("current");
        QTest::newRow("a database at the first revision has one applied row") << QStringLiteral("3f1a9c2e7b10");
        QTest::newRow("a database after the merge has its whole ancestry applied") << QStringLiteral("9d5e3b7a1c06");
    }

    void databaseHeadsMarkCurrentAndShadeAppliedAndPending()
    {
        QFETCH(QString, current);
        RevisionGraphModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(m_demo);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 1).data(RevisionGraphModel::AppliedStateRole).toInt(),
                     int(RevisionGraphModel::AppliedState::Unknown));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDatabaseHeads({current}, true);
        QVERIFY(changed.count() >= 1);
        const int target = indexOf(current);
        QVERIFY(target >= 0);
        const QVector<char> ancestors = m_demo->graph.ancestorMask({target}, true);
        int applied = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const int revision = model.revisionAtRow(row);
            const QModelIndex idx = model.index(row, 2);
            QCOMPARE(idx.data(RevisionGraphModel::CurrentRole).toBool(), revision == target);
            const auto expected = ancestors.at(revision) ? RevisionGraphModel::AppliedState::Applied
                                                         : RevisionGraphModel::AppliedState::Pending;
            QCOMPARE(idx.data(RevisionGraphModel::AppliedStateRole).toInt(), int(expected));
            applied += ancestors.at(revision);
            QCOMPARE(idx.data(Qt::FontRole).isValid(), revision == target); // the current row is bold
        }
        QVERIFY(applied >= 1 && applied < model.rowCount());
        QVERIFY(model.unknownDatabaseHeads().isEmpty());
    }

    void aStampedRevisionTheProjectLacksIsReported()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        model.setDatabaseHeads({QStringLiteral("deadbeef0000")}, true);
        QCOMPARE(model.unknownDatabaseHeads(), QStringList{QStringLiteral("deadbeef0000")});
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(RevisionGraphModel::AppliedStateRole).toInt(),
                     int(RevisionGraphModel::AppliedState::Pending));
    }

    void databaseStateSurvivesAReload()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        model.setDatabaseHeads({QStringLiteral("3f1a9c2e7b10")}, true);
        model.setSnapshot(m_demo); // a reload after a file change
        QVERIFY(model.indexOfRevisionId(QStringLiteral("3f1a9c2e7b10")).data(RevisionGraphModel::CurrentRole).toBool());
    }

    void highlightAndRunStatesAreRolesOfTheirRowsOnly()
    {
        RevisionGraphModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(m_demo);
        const int a = indexOf(QStringLiteral("8c4d2b9e1a57"));
        const int b = indexOf(QStringLiteral("b7e3f0a4c921"));
        QVERIFY(a >= 0 && b >= 0);
        model.setHighlighted({a, b});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setRunState(a, RevisionGraphModel::RunState::Running);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), model.rowOfRevision(a));
        for (int row = 0; row < model.rowCount(); ++row) {
            const int revision = model.revisionAtRow(row);
            const QModelIndex idx = model.index(row, 0);
            QCOMPARE(idx.data(RevisionGraphModel::HighlightRole).toBool(), revision == a || revision == b);
            QCOMPARE(idx.data(RevisionGraphModel::RunStateRole).toInt(),
                     int(revision == a ? RevisionGraphModel::RunState::Running : RevisionGraphModel::RunState::None));
        }
        model.clearRunStates();
        QCOMPARE(model.indexOfRevision(a).data(RevisionGraphModel::RunStateRole).toInt(), int(RevisionGraphModel::RunState::None));
    }

    void labelsAndSearchTextComeFromTheRevision()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        bool sawLabel = false;
        for (int row = 0; row < model.rowCount(); ++row) {
            const Revision& r = m_demo->graph.at(model.revisionAtRow(row));
            const QModelIndex idx = model.index(row, int(RevisionGraphModel::Column::Labels));
            QCOMPARE(idx.data(RevisionGraphModel::BranchLabelsRole).toStringList(), r.allBranchLabels);
            QCOMPARE(idx.data(RevisionGraphModel::DeclaredLabelsRole).toStringList(), r.branchLabels);
            const QString search = idx.data(RevisionGraphModel::SearchTextRole).toString();
            QVERIFY(search.startsWith(r.id.toLower()));
            QVERIFY(search.contains(r.message.toLower()));
            sawLabel = sawLabel || !r.branchLabels.isEmpty();
        }
        QVERIFY2(sawLabel, "the demo project declares a branch label");
    }

    void mimeDataCarriesTheFullIds()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(0, 0), model.index(0, 2), model.index(1, 1)}));
        QCOMPARE(mime->text(), model.index(0, 0).data(RevisionGraphModel::RevisionIdRole).toString() + QLatin1Char('\n')
                                   + model.index(1, 0).data(RevisionGraphModel::RevisionIdRole).toString());
    }

    // The review of the pending plan: each row whose step has findings carries the worst severity
    // and its count, and says so in its tooltip; a new snapshot or no review clears them.
    void reviewFindingsMarkTheirRevisions()
    {
        RevisionGraphModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(m_demo);
        const QString risky = model.index(2, 0).data(RevisionGraphModel::RevisionIdRole).toString();
        const QString mild = model.index(4, 0).data(RevisionGraphModel::RevisionIdRole).toString();
        lint::SqlLinter linter;
        linter.addSql(QStringLiteral("ALTER TABLE cities DROP COLUMN name;\n\nUPDATE cities SET x = 1;\n"), 0, risky);
        linter.addSql(QStringLiteral("CREATE INDEX ix ON cities (x);\n"), 1, mild);
        QVector<lint::LintStepInput> steps(2);
        steps[0].step.index = 0;
        steps[0].step.revision = risky;
        steps[1].step.index = 1;
        steps[1].step.revision = mild;
        const lint::LintReport report = linter.review(steps, lint::CatalogFacts{});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setReview(&report);
        QCOMPARE(changed.count(), 1);
        const QModelIndex riskyRow = model.indexOfRevisionId(risky);
        QCOMPARE(riskyRow.data(RevisionGraphModel::ReviewSeverityRole).toInt(), int(Severity::Error));
        QCOMPARE(riskyRow.data(RevisionGraphModel::ReviewCountRole).toInt(), 1); // one error (and warnings)
        QVERIFY(riskyRow.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Review of its pending step")));
        const QModelIndex mildRow = model.indexOfRevisionId(mild);
        QCOMPARE(mildRow.data(RevisionGraphModel::ReviewSeverityRole).toInt(), int(Severity::Warning));
        const QModelIndex other = model.index(0, 0);
        QCOMPARE(other.data(RevisionGraphModel::ReviewSeverityRole).toInt(), -1);
        QCOMPARE(other.data(RevisionGraphModel::ReviewCountRole).toInt(), 0);
        model.setReview(nullptr);
        QCOMPARE(riskyRow.data(RevisionGraphModel::ReviewSeverityRole).toInt(), -1);
        model.setReview(&report);
        model.setSnapshot(m_demo); // a reload: the review belonged to the old plan
        QCOMPARE(model.indexOfRevisionId(risky).data(RevisionGraphModel::ReviewSeverityRole).toInt(), -1);
    }

    void anEmptyModelHasNoRows()
    {
        RevisionGraphModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.indexOfRevision(0).isValid());
        model.setDatabaseHeads({QStringLiteral("x")}, true);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(tst_RevisionGraphModel)
#include "tst_RevisionGraphModel.moc"
