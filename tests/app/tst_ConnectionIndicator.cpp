#include "app/connection/ConnectionIndicator.h"
#include "app/connection/ConnectionKindStyle.h"

#include "core/db/DatabaseUrl.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace retort;
using namespace retort::app;

class tst_ConnectionIndicator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void showsTheRedactedTarget_data();
    void showsTheRedactedTarget();
    void statesChangeTheText();
    void clickingAsksToConnect();
    void aLongTargetIsElidedButKeptWhole();
    void theKindIsNamedAndPainted();
};

void tst_ConnectionIndicator::showsTheRedactedTarget_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("local");
    QTest::addColumn<QString>("shown");
    QTest::newRow("a loopback server is local")
        << "postgresql://app:S3cret@127.0.0.1:5432/shop" << true << "local · postgresql://app:***@127.0.0.1:5432/shop";
    QTest::newRow("localhost is local") << "postgresql://app:S3cret@localhost/shop" << true
                                        << "local · postgresql://app:***@localhost/shop";
    QTest::newRow("a SQLite file is local") << "sqlite:///data/app.db" << true << "local · sqlite:///data/app.db";
    QTest::newRow("another host is remote") << "postgresql+asyncpg://app:S3cret@db.example.com:5432/shop" << false
                                            << "remote · postgresql+asyncpg://app:***@db.example.com:5432/shop";
}

void tst_ConnectionIndicator::showsTheRedactedTarget()
{
    QFETCH(QString, url);
    QFETCH(bool, local);
    QFETCH(QString, shown);
    ConnectionIndicator indicator;
    QCOMPARE(indicator.state(), ConnectionIndicator::State::Disconnected);
    indicator.setConnection(*DatabaseUrl::parse(url));
    QCOMPARE(indicator.state(), ConnectionIndicator::State::Connected);
    QCOMPARE(indicator.isLocal(), local);
    QCOMPARE(indicator.text(), shown);
    QVERIFY2(!indicator.toolTip().contains(QStringLiteral("S3cret")), qPrintable(indicator.toolTip()));
}

void tst_ConnectionIndicator::statesChangeTheText()
{
    ConnectionIndicator indicator;
    QCOMPARE(indicator.text(), QStringLiteral("Not connected"));
    indicator.setConnection(*DatabaseUrl::parse(QStringLiteral("postgresql://app:pw@db.example.com/shop")));
    indicator.setState(
        ConnectionIndicator::State::Failed, QStringLiteral("cannot reach postgresql://app:pw@db.example.com/shop"));
    QVERIFY(indicator.text().startsWith(QStringLiteral("Not reachable")));
    QVERIFY2(!indicator.toolTip().contains(QStringLiteral(":pw@")), qPrintable(indicator.toolTip()));
    // A server that answers but refuses the login is not "unreachable".
    indicator.setState(ConnectionIndicator::State::Failed, QStringLiteral("password authentication failed for user \"app\""),
                       QStringLiteral("db-auth"));
    QVERIFY2(indicator.text().startsWith(QStringLiteral("Login refused")), qPrintable(indicator.text()));
    indicator.setState(ConnectionIndicator::State::Failed, QStringLiteral("database \"shop\" does not exist"),
                       QStringLiteral("db-unknown-database"));
    QVERIFY2(indicator.text().startsWith(QStringLiteral("No such database")), qPrintable(indicator.text()));
    indicator.setState(ConnectionIndicator::State::Connecting);
    QVERIFY(indicator.text().startsWith(QStringLiteral("Connecting")));
    indicator.clear();
    QCOMPARE(indicator.text(), QStringLiteral("Not connected"));
    QVERIFY(!indicator.isLocal());
}

void tst_ConnectionIndicator::clickingAsksToConnect()
{
    ConnectionIndicator indicator;
    indicator.show();
    QVERIFY(QTest::qWaitForWindowExposed(&indicator));
    QSignalSpy clicked(&indicator, &ConnectionIndicator::clicked);
    QTest::mouseClick(&indicator, Qt::LeftButton);
    QCOMPARE(clicked.count(), 1);
    QTest::mouseClick(&indicator, Qt::RightButton);
    QCOMPARE(clicked.count(), 1);
}

void tst_ConnectionIndicator::aLongTargetIsElidedButKeptWhole()
{
    ConnectionIndicator indicator;
    const QString url = QStringLiteral("postgresql://app:pw@") + QString(80, QLatin1Char('h'))
        + QStringLiteral(".example.com:5432/a_database_with_a_long_name");
    indicator.setConnection(*DatabaseUrl::parse(url));
    QVERIFY(indicator.text().endsWith(QStringLiteral("a_database_with_a_long_name")));
    QVERIFY(indicator.sizeHint().width() < 600);
}

// Staging and production are named in front of the target and painted in their colour;
// development looks as it always did.
void tst_ConnectionIndicator::theKindIsNamedAndPainted()
{
    ConnectionIndicator indicator;
    indicator.setConnection(*DatabaseUrl::parse(QStringLiteral("postgresql://app:pw@db.example.com/shop")));
    const QString plain = indicator.text();
    indicator.setKind(ConnectionKind::Production);
    QCOMPARE(indicator.kind(), ConnectionKind::Production);
    QCOMPARE(indicator.text(), QStringLiteral("PRODUCTION · ") + plain);
    QVERIFY(indicator.toolTip().contains(QStringLiteral("production")));
    indicator.resize(indicator.sizeHint());
    const QImage image = indicator.grab().toImage();
    const QColor red = ConnectionKindStyle::color(ConnectionKind::Production);
    bool painted = false;
    for (int x = 0; x < image.width() && !painted; ++x) {
        const QColor c = image.pixelColor(x, 1);
        painted = qAbs(c.red() - red.red()) < 40 && qAbs(c.green() - red.green()) < 40 && qAbs(c.blue() - red.blue()) < 40;
    }
    QVERIFY2(painted, "the production band's edge is red");
    indicator.setKind(ConnectionKind::Development);
    QCOMPARE(indicator.text(), plain);
    indicator.setKind(ConnectionKind::Staging);
    indicator.clear();
    QCOMPARE(indicator.kind(), ConnectionKind::Development);
    QCOMPARE(indicator.text(), QStringLiteral("Not connected"));
}

QTEST_MAIN(tst_ConnectionIndicator)
#include "tst_ConnectionIndicator.moc"
