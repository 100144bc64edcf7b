// The findings of a safety review as the window lists them (Review dock, confirmation): the model
// over a real LintReport (the linter over real SQL, offline), its roles, and the sorting the view
// offers (errors first in plan order by default; every column sorts).

#include "app/review/ReviewFormat.h"
#include "app/review/ReviewModel.h"
#include "app/review/ReviewView.h"
#include "core/lint/SqlLinter.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

namespace {

// Three steps: r1 creates an index on an existing table (warning), r2 drops a column (error) and
// rewrites a column type offline (warning: unverified), r3 adds a nullable column (nothing).
lint::LintReport threeSteps()
{
    const QStringList sql = {QStringLiteral("CREATE INDEX ix_orders_status ON orders (status);\n"),
                             QStringLiteral("ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n\nALTER TABLE orders DROP COLUMN note;\n"),
                             QStringLiteral("ALTER TABLE orders ADD COLUMN memo text;\n")};
    lint::SqlLinter linter;
    linter.addSql(QStringLiteral("BEGIN;\n"), -1);
    QVector<lint::LintStepInput> steps;
    for (int i = 0; i < sql.size(); ++i) {
        const QString revision = QStringLiteral("r%1").arg(i + 1);
        linter.addSql(sql.at(i), i, revision);
        lint::LintStepInput step;
        step.step.index = i;
        step.step.revision = revision;
        step.step.direction = QStringLiteral("upgrade");
        steps << step;
    }
    linter.addSql(QStringLiteral("COMMIT;\n"), -1);
    return linter.review(steps, lint::CatalogFacts{});
}

QStringList column(const QAbstractItemModel* model, int role, int col = 0)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, col).data(role).toString();
    return values;
}

} // namespace

class tst_ReviewModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelFollowsTheReport()
    {
        ReviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.hasReport());
        const lint::LintReport report = threeSteps();
        model.setReport(report);
        QVERIFY(model.hasReport());
        QCOMPARE(model.rowCount(), int(report.findings.size()));
        QCOMPARE(model.columnCount(), int(ReviewModel::Column::Count));
        const QStringList rules = column(&model, ReviewModel::RuleRole);
        QVERIFY2(rules.contains(QStringLiteral("create-index-not-concurrently")), qPrintable(rules.join(QLatin1Char(','))));
        QVERIFY(rules.contains(QStringLiteral("drop-column")));
        // r3 adds a nullable column: only the missing lock_timeout before its ACCESS EXCLUSIVE.
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.finding(row).revision == QLatin1String("r3"))
                QCOMPARE(model.finding(row).rule, QStringLiteral("lock-timeout-missing"));
        }
        for (int row = 0; row < model.rowCount(); ++row) {
            const lint::Finding& f = model.finding(row);
            const auto cell = [&](ReviewModel::Column c) { return model.index(row, int(c)).data().toString(); };
            QCOMPARE(cell(ReviewModel::Column::Rule), f.rule);
            QCOMPARE(cell(ReviewModel::Column::Table), QStringLiteral("orders"));
            QCOMPARE(cell(ReviewModel::Column::Severity), ReviewFormat::severityText(f.severity));
            QVERIFY(cell(ReviewModel::Column::Revision).startsWith(QStringLiteral("%1. ").arg(f.stepIndex + 1)));
            QCOMPARE(model.index(row, 0).data(ReviewModel::StepRole).toInt(), f.stepIndex);
            QCOMPARE(model.index(row, 0).data(ReviewModel::LineRole).toInt(), f.line);
            QVERIFY(model.index(row, 0).data(Qt::ToolTipRole).toString().contains(f.rule));
            if (f.rule == QLatin1String("create-index-not-concurrently"))
                QCOMPARE(cell(ReviewModel::Column::Lock), QStringLiteral("SHARE, reads every row"));
            if (f.rule == QLatin1String("drop-column"))
                QCOMPARE(cell(ReviewModel::Column::Lock), QStringLiteral("ACCESS EXCLUSIVE"));
        }
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void theViewSortsErrorsFirstAndByAnyColumn()
    {
        ReviewView view;
        QAbstractItemModelTester tester(view.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setReport(threeSteps());
        const QAbstractItemModel* shown = view.view()->model();
        // Errors first, then warnings; within a severity, plan order.
        const QStringList severities = column(shown, ReviewModel::SeverityRole);
        QCOMPARE(severities.first(), QString::number(int(Severity::Error)));
        QStringList sorted = severities;
        std::stable_sort(sorted.begin(), sorted.end(), [](const QString& a, const QString& b) {
            return severityRank(Severity(a.toInt())) < severityRank(Severity(b.toInt()));
        });
        QCOMPARE(severities, sorted);
        // The first row is current and explained below the list.
        QVERIFY(view.detailsText().contains(QStringLiteral("drop-column")));
        // By step, descending: the click on the header sorts.
        QHeaderView* header = view.view()->header();
        view.view()->sortByColumn(int(ReviewModel::Column::Revision), Qt::DescendingOrder);
        QCOMPARE(header->sortIndicatorSection(), int(ReviewModel::Column::Revision));
        const QStringList steps = column(shown, ReviewModel::StepRole);
        QStringList descending = steps;
        std::sort(descending.begin(), descending.end(), std::greater<>());
        QCOMPARE(steps, descending);
        view.view()->sortByColumn(int(ReviewModel::Column::Rule), Qt::AscendingOrder);
        const QStringList rules = column(shown, ReviewModel::RuleRole);
        QStringList alphabetical = rules;
        alphabetical.sort();
        QCOMPARE(rules, alphabetical);
    }

    void activatingARowNamesTheFinding()
    {
        ReviewView view;
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const lint::LintReport report = threeSteps();
        view.setReport(report);
        QSignalSpy activated(&view, &ReviewView::findingActivated);
        // A click selects the row, Enter activates it.
        const QModelIndex second = view.view()->model()->index(1, int(ReviewModel::Column::Rule));
        QTest::mouseClick(view.view()->viewport(), Qt::LeftButton, {}, view.view()->visualRect(second).center());
        QCOMPARE(view.view()->currentIndex().row(), 1);
        QVERIFY(view.detailsText().contains(second.data().toString()));
        QTest::keyClick(view.view(), Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(report.findings.at(activated.at(0).at(0).toInt()).rule, second.data().toString());
        // A double-click activates too.
        const QModelIndex first = view.view()->model()->index(0, int(ReviewModel::Column::Rule));
        const QPoint point = view.view()->visualRect(first).center();
        QTest::mouseClick(view.view()->viewport(), Qt::LeftButton, {}, point);
        QTest::mouseDClick(view.view()->viewport(), Qt::LeftButton, {}, point);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(report.findings.at(activated.at(1).at(0).toInt()).rule, first.data().toString());
    }
};

QTEST_MAIN(tst_ReviewModel)
#include "tst_ReviewModel.moc"
