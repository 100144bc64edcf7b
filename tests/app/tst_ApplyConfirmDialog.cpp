#include "app/run/ApplyConfirmDialog.h"

#include <QCheckBox>
#include <QPushButton>
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
