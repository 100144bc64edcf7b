// MergeHeadsDialog: which heads are joined, the message, the equivalent command, the warning for
// separately labelled branches, and that it cannot be accepted with fewer than two heads.

#include "app/run/MergeHeadsDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace retort::app;

class tst_MergeHeadsDialog : public QObject
{
    Q_OBJECT

    static QVector<MergeCandidate> heads()
    {
        return {{QStringLiteral("7c1b9e5a3f28"), QStringLiteral("create reports"), {}},
                {QStringLiteral("aa11bb22cc33"), QStringLiteral("side branch"), {}},
                {QStringLiteral("0d9e8f7a6b51"), QStringLiteral("add audit log"), {}}};
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyHeadIsTickedAndTheCommandFollowsTheChoices()
    {
        MergeHeadsDialog dialog(heads(), QStringLiteral("/p/migrations/versions"));
        QCOMPARE(dialog.headList()->count(), 3);
        QCOMPARE(dialog.request().revisions,
                 (QStringList{QStringLiteral("7c1b9e5a3f28"), QStringLiteral("aa11bb22cc33"), QStringLiteral("0d9e8f7a6b51")}));
        QCOMPARE(dialog.request().message, QStringLiteral("merge heads"));
        QVERIFY(dialog.createButton()->isEnabled());
        QCOMPARE(dialog.commandLabel()->text(),
                 QStringLiteral("alembic merge -m \"merge heads\" 7c1b9e5a3f28 aa11bb22cc33 0d9e8f7a6b51"));

        dialog.headList()->item(2)->setCheckState(Qt::Unchecked);
        dialog.messageEdit()->setText(QStringLiteral("join \"side\" $branch"));
        QCOMPARE(dialog.request().revisions, (QStringList{QStringLiteral("7c1b9e5a3f28"), QStringLiteral("aa11bb22cc33")}));
        QCOMPARE(dialog.commandLabel()->text(),
                 QStringLiteral("alembic merge -m \"join \\\"side\\\" \\$branch\" 7c1b9e5a3f28 aa11bb22cc33"));

        // One head is not a merge.
        dialog.headList()->item(1)->setCheckState(Qt::Unchecked);
        QVERIFY(!dialog.createButton()->isEnabled());
        QVERIFY(!dialog.createButton()->toolTip().isEmpty());
        dialog.headList()->item(1)->setCheckState(Qt::Checked);
        QVERIFY(dialog.createButton()->isEnabled());

        // No message: Alembic's own default, no -m.
        dialog.messageEdit()->clear();
        QCOMPARE(dialog.commandLabel()->text(), QStringLiteral("alembic merge 7c1b9e5a3f28 aa11bb22cc33"));
    }

    void theKeyboardTogglesHeadsAndEnterCreates()
    {
        MergeHeadsDialog dialog(heads(), QStringLiteral("/p/migrations/versions"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(QApplication::focusWidget(), dialog.messageEdit());
        dialog.headList()->setFocus();
        dialog.headList()->setCurrentRow(0);
        QTest::keyClick(dialog.headList(), Qt::Key_Space);
        QCOMPARE(dialog.headList()->item(0)->checkState(), Qt::Unchecked);
        QTest::keyClick(dialog.headList(), Qt::Key_Space);
        QCOMPARE(dialog.headList()->item(0)->checkState(), Qt::Checked);
        dialog.messageEdit()->setFocus();
        QTest::keyClick(dialog.messageEdit(), Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const QString shot = qEnvironmentVariable("RETORT_MERGE_SCREENSHOT");
        if (!shot.isEmpty()) {
            MergeHeadsDialog again(heads(), QStringLiteral("/home/dev/cityscope/migrations/versions"));
            again.show();
            QVERIFY(QTest::qWaitForWindowExposed(&again));
            QVERIFY(again.grab().save(shot));
        }
    }

    void separatelyLabelledBranchesAreFlagged()
    {
        QVector<MergeCandidate> labelled{{QStringLiteral("a1"), QStringLiteral("auth head"), {QStringLiteral("auth")}},
                                         {QStringLiteral("b2"), QStringLiteral("geo head"), {QStringLiteral("geo")}}};
        MergeHeadsDialog dialog(labelled, QStringLiteral("/p/versions"));
        dialog.show();
        const QList<QLabel*> labels = dialog.findChildren<QLabel*>();
        const bool warned = std::any_of(labels.cbegin(), labels.cend(), [](const QLabel* l) {
            return l->isVisible() && l->text().contains(QStringLiteral("separately labelled"));
        });
        QVERIFY(warned);
        QVERIFY(dialog.headList()->item(0)->text().contains(QStringLiteral("[auth]")));

        MergeHeadsDialog plain(heads(), QStringLiteral("/p/versions"));
        plain.show();
        const QList<QLabel*> plainLabels = plain.findChildren<QLabel*>();
        QVERIFY(std::none_of(plainLabels.cbegin(), plainLabels.cend(), [](const QLabel* l) {
            return l->isVisible() && l->text().contains(QStringLiteral("separately labelled"));
        }));
    }
};

QTEST_MAIN(tst_MergeHeadsDialog)
#include "tst_MergeHeadsDialog.moc"
