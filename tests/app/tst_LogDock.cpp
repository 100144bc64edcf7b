#include "app/log/LogDock.h"
#include <thread>

#include "core/log/Log.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace retort;
using namespace retort::app;

class tst_LogDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void levelFilter_data();
    void levelFilter();
    void levelComboDrivesTheFilter();
    void textFilter();
    void bufferIsBounded();
    void bridgeOutputIsSeparateAndBounded();
    void linesFromTheLogHubArrive();
    void linesFromAnotherThreadArrive();
    void clearEmptiesBothViews();
    void screenshot();

private:
    QTemporaryDir m_logDir;
    static void fill(LogDock& dock);
};

void tst_LogDock::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_logDir.isValid());
    log::Options options;
    options.toStderr = false;
    options.fileDirectory = m_logDir.path();
    options.installQtMessageHandler = false;
    log::init(options);
    QVERIFY2(log::logFilePath().startsWith(m_logDir.path()), qPrintable(log::logFilePath()));
}

void tst_LogDock::fill(LogDock& dock)
{
    dock.appendLogLine(1, QStringLiteral("db"), QStringLiteral("opened connection retort-1"));
    dock.appendLogLine(2, QStringLiteral("project"), QStringLiteral("loaded 14 revisions"));
    dock.appendLogLine(3, QStringLiteral("graph"), QStringLiteral("two heads: 3f2a, 9c1b"));
    dock.appendLogLine(4, QStringLiteral("exec"), QStringLiteral("upgrade failed at 9c1b"));
    dock.appendLogLine(5, QStringLiteral("exec"), QStringLiteral("bridge crashed"));
}

void tst_LogDock::levelFilter_data()
{
    QTest::addColumn<int>("minimumLevel");
    QTest::addColumn<int>("visible");
    QTest::addColumn<QString>("firstLine");

    QTest::newRow("debug and above shows every line")
        << 1 << 5 << QStringLiteral("debug db: opened connection retort-1");
    QTest::newRow("info and above hides debug") << 2 << 4 << QStringLiteral("info project: loaded 14 revisions");
    QTest::newRow("warnings and errors keeps three")
        << 3 << 3 << QStringLiteral("warning graph: two heads: 3f2a, 9c1b");
    QTest::newRow("errors only keeps error and critical")
        << 4 << 2 << QStringLiteral("error exec: upgrade failed at 9c1b");
}

void tst_LogDock::levelFilter()
{
    QFETCH(int, minimumLevel);
    QFETCH(int, visible);
    QFETCH(QString, firstLine);

    LogDock dock;
    QAbstractItemModelTester tester(dock.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(dock);
    dock.setMinimumLevel(minimumLevel);
    QCOMPARE(dock.minimumLevel(), minimumLevel);
    const QStringList lines = dock.visibleLogLines();
    QCOMPARE(lines.size(), visible);
    QCOMPARE(lines.first(), firstLine);
    QCOMPARE(dock.logModel()->rowCount(), 5); // filtering hides, never drops
}

void tst_LogDock::levelComboDrivesTheFilter()
{
    LogDock dock;
    fill(dock);
    auto* combo = dock.findChild<QComboBox*>(QStringLiteral("levelCombo"));
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(3));
    QCOMPARE(dock.minimumLevel(), 3);
    QCOMPARE(dock.visibleLogLines().size(), 3);
    combo->setCurrentIndex(combo->findData(0));
    QCOMPARE(dock.visibleLogLines().size(), 5);
}

void tst_LogDock::textFilter()
{
    LogDock dock;
    fill(dock);
    auto* edit = dock.findChild<QLineEdit*>(QStringLiteral("logFilterEdit"));
    QVERIFY(edit);
    QTest::keyClicks(edit, QStringLiteral("9C1B"));
    QCOMPARE(dock.visibleLogLines(),
        QStringList({ QStringLiteral("warning graph: two heads: 3f2a, 9c1b"),
            QStringLiteral("error exec: upgrade failed at 9c1b") }));
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("exec"));
    QCOMPARE(dock.visibleLogLines().size(), 2); // matches the source (logger) too
}

void tst_LogDock::bufferIsBounded()
{
    LogDock dock;
    QAbstractItemModelTester tester(dock.logModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dock.setMaximumLines(100);
    QCOMPARE(dock.maximumLines(), 100);
    for (int i = 0; i < 1000; ++i)
        dock.appendLogLine(2, QStringLiteral("db"), QStringLiteral("line %1").arg(i));
    QCOMPARE(dock.logModel()->rowCount(), 100);
    const QStringList lines = dock.visibleLogLines();
    QCOMPARE(lines.first(), QStringLiteral("info db: line 900"));
    QCOMPARE(lines.last(), QStringLiteral("info db: line 999"));

    // Lowering the limit trims the oldest lines at once.
    dock.setMaximumLines(10);
    QCOMPARE(dock.logModel()->rowCount(), 10);
    QCOMPARE(dock.visibleLogLines().first(), QStringLiteral("info db: line 990"));
}

void tst_LogDock::bridgeOutputIsSeparateAndBounded()
{
    LogDock dock;
    dock.setMaximumLines(50);
    for (int i = 0; i < 500; ++i)
        dock.appendBridgeLine(QStringLiteral("INFO  [alembic.runtime.migration] Running upgrade %1\n").arg(i));
    const QStringList lines = dock.bridgeLines();
    QCOMPARE(lines.size(), 50);
    QCOMPARE(lines.last(), QStringLiteral("INFO  [alembic.runtime.migration] Running upgrade 499"));
    QCOMPARE(dock.logModel()->rowCount(), 0); // the user-facing stream does not mix with the app log
}

void tst_LogDock::linesFromTheLogHubArrive()
{
    LogDock dock;
    connect(log::LogHub::instance(), &log::LogHub::lineLogged, &dock, &LogDock::appendLogLine); // as MainWindow does
    log::warn(log::Area::Db, QStringLiteral("cannot reach postgresql://app:secret@db.example.com/prod"));
    QTRY_COMPARE(dock.logModel()->rowCount(), 1);
    const QString line = dock.visibleLogLines().constFirst();
    QVERIFY2(line.startsWith(QStringLiteral("warning db: cannot reach")), qPrintable(line));
    QVERIFY2(!line.contains(QStringLiteral("secret")), qPrintable(line));
}

void tst_LogDock::linesFromAnotherThreadArrive()
{
    LogDock dock;
    connect(log::LogHub::instance(), &log::LogHub::lineLogged, &dock, &LogDock::appendLogLine);
    std::thread worker(
        [] { Q_EMIT log::LogHub::instance()->lineLogged(4, QStringLiteral("exec"), QStringLiteral("from a worker")); });
    worker.join();
    QTRY_COMPARE(dock.logModel()->rowCount(), 1);
    QCOMPARE(dock.visibleLogLines().constFirst(), QStringLiteral("error exec: from a worker"));
}

void tst_LogDock::clearEmptiesBothViews()
{
    LogDock dock;
    fill(dock);
    dock.appendBridgeLine(QStringLiteral("Running upgrade"));
    dock.clear();
    QCOMPARE(dock.logModel()->rowCount(), 0);
    QVERIFY(dock.bridgeLines().isEmpty());
}

void tst_LogDock::screenshot()
{
    LogDock dock;
    dock.resize(820, 260);
    fill(dock);
    dock.appendBridgeLine(QStringLiteral("INFO  [alembic.runtime.migration] Context impl PostgresqlImpl."));
    dock.appendBridgeLine(QStringLiteral("INFO  [alembic.runtime.migration] Will assume transactional DDL."));
    dock.appendBridgeLine(QStringLiteral(
        "INFO  [alembic.runtime.migration] Running upgrade 1a2b3c4d5e6f -> 9c1b2d3e4f5a, add districts"));
    dock.show();
    dock.showPage(1);
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
    const QImage image = dock.grab().toImage();
    QVERIFY(!image.isNull());
    if (!dir.isEmpty()) {
        image.save(dir + QStringLiteral("/logdock-app.png"));
        dock.showPage(0);
        dock.grab().save(dir + QStringLiteral("/logdock-alembic.png"));
    }
}

QTEST_MAIN(tst_LogDock)
#include "tst_LogDock.moc"
