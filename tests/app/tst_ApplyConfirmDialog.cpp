#include "app/run/ApplyConfirmDialog.h"

#include "app/review/ReviewModel.h"
#include "app/review/ReviewView.h"
#include "app/run/RunReview.h"
#include "core/lint/SqlLinter.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

namespace {

RunRequest request(RunKind kind, const QString& host, bool local)
{
    RunRequest r;
    r.kind = kind;
    r.target = QStringLiteral("cccc");
    r.targetLabel = QStringLiteral("cccc (third)");
    r.databaseLabel = host.isEmpty() ? QStringLiteral("sqlite:////tmp/app.db") : QStringLiteral("postgresql://u:***@%1/app").arg(host);
    r.host = host;
    r.databaseName = host.isEmpty() ? QStringLiteral("app.db") : QStringLiteral("app");
    r.isLocal = local;
    const Direction d = kind == RunKind::Downgrade ? Direction::Downgrade : Direction::Upgrade;
    r.plan.direction = d;
    const auto step = [d](const QString& from, const QString& to) {
        PlanStep s;
        s.direction = d;
        s.revision = to;
        s.fromRevisions = {from};
        s.toRevisions = {to};
        return s;
    };
    r.plan.steps = {step(QStringLiteral("aaaa"), QStringLiteral("bbbb")), step(QStringLiteral("bbbb"), QStringLiteral("cccc"))};
    r.plan.resultingHeads = {QStringLiteral("cccc")};
    return r;
}

// The review of `sql` as step bbbb of a plan (the real linter, offline: row counts unknown).
lint::LintReport reviewOf(const QString& sql, const QString& direction = QStringLiteral("upgrade"))
{
    lint::SqlLinter linter;
    linter.addSql(QStringLiteral("BEGIN;\n"), -1);
    linter.addSql(sql, 0, QStringLiteral("bbbb"));
    linter.addSql(QStringLiteral("COMMIT;\n"), -1);
    lint::LintStepInput step;
    step.step.index = 0;
    step.step.revision = QStringLiteral("bbbb");
    step.step.direction = direction;
    lint::LintReport report = linter.review({step}, lint::CatalogFacts{});
    report.direction = direction;
    return report;
}

QStringList shownRules(const ApplyConfirmDialog& dialog)
{
    QStringList rules;
    const QAbstractItemModel* model = dialog.reviewView()->view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        rules << model->index(row, 0).data(ReviewModel::RuleRole).toString();
    return rules;
}

} // namespace

class tst_ApplyConfirmDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsTheExactStepsInOrder()
    {
        ApplyConfirmDialog dialog(request(RunKind::Upgrade, {}, true));
        QCOMPARE(dialog.stepTexts(), (QStringList{QStringLiteral("1. Upgrade aaaa → bbbb"), QStringLiteral("2. Upgrade bbbb → cccc")}));
        QVERIFY(dialog.windowTitle().contains(QStringLiteral("cccc (third)")));
    }

    void explicitConfirmationIsNeededFor_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("local");
        QTest::addColumn<bool>("needsTick");
        QTest::newRow("a local upgrade needs no tick") << int(RunKind::Upgrade) << QString() << true << false;
        QTest::newRow("an upgrade on a remote host names the host") << int(RunKind::Upgrade) << QStringLiteral("db.example.com") << false << true;
        QTest::newRow("a downgrade always needs a tick") << int(RunKind::Downgrade) << QString() << true << true;
        QTest::newRow("a stamp always needs a tick") << int(RunKind::Stamp) << QString() << true << true;
    }

    void explicitConfirmationIsNeededFor()
    {
        QFETCH(int, kind);
        QFETCH(QString, host);
        QFETCH(bool, local);
        QFETCH(bool, needsTick);
        const RunRequest r = request(RunKind(kind), host, local);
        QCOMPARE(ApplyConfirmDialog::needsExplicitConfirmation(r), needsTick);
        ApplyConfirmDialog dialog(r);
        QCOMPARE(dialog.needsExplicitConfirmation(), needsTick);
        QPushButton* run = dialog.runButton();
        QVERIFY(run);
        QCOMPARE(run->isEnabled(), !needsTick);
        if (needsTick) {
            QCheckBox* tick = dialog.confirmationCheckBox();
            QVERIFY(tick->text().contains(host.isEmpty() ? QStringLiteral("app.db") : host));
            tick->setChecked(true);
            QVERIFY(run->isEnabled());
            tick->setChecked(false);
            QVERIFY(!run->isEnabled());
        }
    }

    void aStampNamesTheRevisionItRecords()
    {
        ApplyConfirmDialog dialog(request(RunKind::Stamp, {}, true));
        QCOMPARE(dialog.stepTexts().size(), 1);
        QVERIFY(dialog.stepTexts().at(0).contains(QStringLiteral("cccc")));
        QVERIFY(!dialog.stepTexts().at(0).contains(QStringLiteral("<base>")));
    }

    void aProductionDatabaseNeedsItsNameTyped_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("an upgrade") << int(RunKind::Upgrade);
        QTest::newRow("a downgrade") << int(RunKind::Downgrade);
        QTest::newRow("a stamp") << int(RunKind::Stamp);
    }

    void aProductionDatabaseNeedsItsNameTyped()
    {
        QFETCH(int, kind);
        RunRequest r = request(RunKind(kind), QStringLiteral("db.example.com"), false);
        r.connectionKind = ConnectionKind::Production;
        QVERIFY(ApplyConfirmDialog::needsTypedName(r, nullptr));
        ApplyConfirmDialog dialog(r);
        QVERIFY(dialog.needsTypedName());
        QVERIFY(!dialog.needsExplicitConfirmation()); // the typed name replaces the tick
        QPushButton* run = dialog.runButton();
        QVERIFY(!run->isEnabled());
        QTest::keyClicks(dialog.typedNameEdit(), QStringLiteral("ap"));
        QVERIFY(!run->isEnabled());
        QTest::keyClicks(dialog.typedNameEdit(), QStringLiteral("p"));
        QVERIFY(run->isEnabled());
        QTest::keyClicks(dialog.typedNameEdit(), QStringLiteral("x"));
        QVERIFY(!run->isEnabled());
        // A staging database only asks for what its run asks for anyway.
        r.connectionKind = ConnectionKind::Staging;
        QVERIFY(!ApplyConfirmDialog::needsTypedName(r, nullptr));
    }

    void runWaitsForTheReviewAndShowsIt()
    {
        RunRequest r = request(RunKind::Upgrade, {}, true);
        RunConfirmation confirmation{r, nullptr};
        ApplyConfirmDialog dialog(confirmation);
        QVERIFY(dialog.isReviewSettled()); // no review given: nothing to wait for
        QVERIFY(dialog.runButton()->isEnabled());

        dialog.showReviewRunning(2);
        QVERIFY(!dialog.isReviewSettled());
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(dialog.reviewStatusText().contains(QStringLiteral("Reviewing the SQL of 2 step")));

        const lint::LintReport report = reviewOf(QStringLiteral("CREATE INDEX ix_orders_status ON orders (status);\n"
                                                                "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n"));
        dialog.showReview(report);
        QVERIFY(dialog.isReviewSettled());
        QVERIFY(dialog.runButton()->isEnabled()); // nothing lost, a development database
        QVERIFY(!dialog.needsTypedName());
        const QStringList rules = shownRules(dialog);
        QVERIFY2(rules.contains(QStringLiteral("create-index-not-concurrently")), qPrintable(rules.join(QLatin1Char(','))));
        QVERIFY(rules.contains(QStringLiteral("column-type-unverified")));
        QVERIFY(dialog.reviewStatusText().contains(QStringLiteral("warning")));
        // The first finding (errors first, then by plan order) is explained below the list, with its fix.
        QVERIFY(dialog.reviewView()->detailsText().contains(QStringLiteral("Fix:")));
        QVERIFY(dialog.reviewView()->detailsText().contains(QStringLiteral("orders")));
    }

    void rowsThatWouldBeLostNeedTheNameTyped()
    {
        RunRequest r = request(RunKind::Downgrade, {}, true);
        RunConfirmation confirmation{r, nullptr};
        ApplyConfirmDialog dialog(confirmation);
        dialog.showReviewRunning(1);
        QVERIFY(dialog.needsExplicitConfirmation()); // a downgrade: the tick, until the review says more
        dialog.confirmationCheckBox()->setChecked(true);
        QVERIFY(!dialog.runButton()->isEnabled()); // still reviewing
        const lint::LintReport report = reviewOf(QStringLiteral("DROP TABLE orders;\n"), QStringLiteral("downgrade"));
        QVERIFY(report.wouldLoseRows); // offline the rows are unknown: counted as lost
        dialog.showReview(report);
        QVERIFY(dialog.needsTypedName());
        QVERIFY(dialog.confirmationCheckBox()->isHidden());
        QVERIFY(!dialog.runButton()->isEnabled()); // the tick no longer suffices
        QVERIFY(dialog.reviewView()->extrasText().contains(QStringLiteral("DROP TABLE orders")));
        QTest::keyClicks(dialog.typedNameEdit(), QStringLiteral("app.db"));
        QVERIFY(dialog.runButton()->isEnabled());
    }

    void aFailedOrInapplicableReviewSaysWhyAndLetsTheRunGoOn()
    {
        RunRequest r = request(RunKind::Upgrade, {}, true);
        RunConfirmation confirmation{r, nullptr};
        ApplyConfirmDialog dialog(confirmation);
        dialog.showReviewRunning(2);
        dialog.showReviewFailed(Error{QStringLiteral("migration-failed"), QStringLiteral("Alembic could not render step 2"), {}, {}, 0});
        QVERIFY(dialog.isReviewSettled());
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(dialog.reviewStatusText().contains(QStringLiteral("Alembic could not render step 2")));
        dialog.showReviewRunning(2);
        dialog.showReviewUnavailable(Error{QStringLiteral("review-dialect"), QStringLiteral("this database is SQLite"), {}, {}, 0});
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(dialog.reviewStatusText().contains(QStringLiteral("SQLite")));
    }

    void anEmptyPlanCannotBeRun()
    {
        RunRequest r = request(RunKind::Upgrade, {}, true);
        r.plan.steps.clear();
        ApplyConfirmDialog dialog(r);
        QVERIFY(!dialog.runButton()->isEnabled());
    }
};

QTEST_MAIN(tst_ApplyConfirmDialog)
#include "tst_ApplyConfirmDialog.moc"
