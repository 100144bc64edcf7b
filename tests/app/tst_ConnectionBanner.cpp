// The band above the graph (issue #18): the database's name, kind and where it stands, the same
// words as the status bar, shortened so that where it stands stays readable on a small screen.

#include "app/connection/ConnectionBanner.h"
#include "app/connection/DatabaseStateText.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace retort;
using namespace retort::app;

class tst_ConnectionBanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void whereTheDatabaseStands_data()
    {
        QTest::addColumn<QStringList>("heads");
        QTest::addColumn<bool>("versionTable");
        QTest::addColumn<bool>("missingFile");
        QTest::addColumn<QString>("standing");
        QTest::newRow("one revision") << QStringList{QStringLiteral("3f1a9c2e7b10aa")} << true << false
                                      << QStringLiteral("at 3f1a9c2e7b10");
        QTest::newRow("two heads") << QStringList{QStringLiteral("a1"), QStringLiteral("b2")} << true << false
                                   << QStringLiteral("at a1, b2");
        QTest::newRow("an empty version table") << QStringList{} << true << false << QStringLiteral("at base");
        QTest::newRow("no version table") << QStringList{} << false << false << QStringLiteral("empty: no version table yet");
        QTest::newRow("a SQLite file not made yet") << QStringList{} << false << true << QStringLiteral("new database file");
    }

    void whereTheDatabaseStands()
    {
        QFETCH(QStringList, heads);
        QFETCH(bool, versionTable);
        QFETCH(bool, missingFile);
        QFETCH(QString, standing);
        DatabaseState state;
        state.connected = !missingFile;
        state.sqliteFileMissing = missingFile;
        state.versionTableExists = versionTable;
        state.heads = heads;
        QCOMPARE(DatabaseStateText::standing(state), standing);
    }

    void failuresAreNamed_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("text");
        QTest::newRow("wrong password") << "db-auth" << "Login refused";
        QTest::newRow("no server") << "db-unreachable" << "Not reachable";
        QTest::newRow("unknown host") << "db-unknown-host" << "Not reachable";
        QTest::newRow("no such database") << "db-unknown-database" << "No such database";
        QTest::newRow("not a SQLite file") << "db-not-sqlite" << "Cannot open the file";
        QTest::newRow("anything else") << "db-connect" << "Cannot connect";
    }

    void failuresAreNamed()
    {
        QFETCH(QString, code);
        QFETCH(QString, text);
        QCOMPARE(DatabaseStateText::failure(code), text);
    }

    void theLineNamesTheDatabaseItsKindAndWhereItStands()
    {
        ConnectionBanner band;
        QVERIFY(band.isHidden());
        band.resize(900, 24);
        band.setDatabase(QStringLiteral("shop"), QStringLiteral("db.example.com"), ConnectionKind::Staging);
        QVERIFY(!band.isHidden());
        QCOMPARE(band.standing(), ConnectionBanner::Standing::Connecting);
        QCOMPARE(band.text(), QStringLiteral("Database shop on db.example.com · STAGING · connecting…"));
        band.setStanding(ConnectionBanner::Standing::Known, QStringLiteral("at r03 · 2 pending"), QStringLiteral("r03"));
        QCOMPARE(band.text(), QStringLiteral("Database shop on db.example.com · STAGING · at r03 · 2 pending"));
        QVERIFY(band.toolTip().startsWith(QStringLiteral("r03\n")));
        // The same database again (a refresh) keeps what is known; another one starts over.
        band.setDatabase(QStringLiteral("shop"), QStringLiteral("db.example.com"), ConnectionKind::Staging);
        QCOMPARE(band.standingText(), QStringLiteral("at r03 · 2 pending"));
        band.setDatabase(QStringLiteral("other"), QString(), ConnectionKind::Development);
        QCOMPARE(band.standing(), ConnectionBanner::Standing::Connecting);

        band.showNoDatabase();
        QVERIFY(!band.isHidden());
        QVERIFY(band.text().startsWith(QStringLiteral("No database connected")));
        band.clear();
        QVERIFY(band.isHidden());
    }

    void aNarrowBandDropsTheWordDatabaseFirst()
    {
        ConnectionBanner band;
        band.setDatabase(QStringLiteral("cityscope-demo.db"), QString(), ConnectionKind::Development);
        band.setStanding(ConnectionBanner::Standing::Known, QStringLiteral("empty: no version table yet · 13 pending"));
        band.show();
        auto* name = band.findChild<QLabel*>(QStringLiteral("connectionBannerLabel"));
        QVERIFY(name);
        band.resize(1200, 24);
        QCOMPARE(name->text(), QStringLiteral("Database cityscope-demo.db · DEVELOPMENT"));
        band.resize(name->fontMetrics().horizontalAdvance(band.text()) - 40, 24);
        QCOMPARE(name->text(), QStringLiteral("cityscope-demo.db · DEVELOPMENT"));
        QCOMPARE(band.text(), QStringLiteral("Database cityscope-demo.db · DEVELOPMENT · empty: no version table yet · 13 pending"));
    }

    void clickingAsksToConnect()
    {
        ConnectionBanner band;
        band.resize(600, 24);
        band.showNoDatabase();
        band.show();
        QSignalSpy clicked(&band, &ConnectionBanner::clicked);
        QTest::mouseClick(&band, Qt::LeftButton, {}, QPoint(300, 12));
        QCOMPARE(clicked.count(), 1);
        QTest::mouseClick(&band, Qt::RightButton, {}, QPoint(300, 12));
        QCOMPARE(clicked.count(), 1);
    }
};

QTEST_MAIN(tst_ConnectionBanner)
#include "tst_ConnectionBanner.moc"
