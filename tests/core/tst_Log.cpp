#include "core/log/Log.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

class tst_Log : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesRedactedLinesToFileAndHub();
    void forwardsQtMessages();
    void cleanupTestCase() { log::shutdown(); }

private:
    QTemporaryDir m_dir;
};

void tst_Log::writesRedactedLinesToFileAndHub()
{
    QVERIFY(m_dir.isValid());
    log::Options options;
    options.toStderr = false;
    options.fileDirectory = m_dir.path();
    log::init(options);
    QCOMPARE(log::logFilePath(), m_dir.filePath(QStringLiteral("retort.log")));

    QSignalSpy spy(log::LogHub::instance(), &log::LogHub::lineLogged);
    log::info(log::Area::Db, QStringLiteral("connecting to postgresql://app:topsecret@localhost/app"));
    log::warn(log::Area::Exec, QStringLiteral("env.py uses password=hunter2"));
    log::get(log::Area::Db).flush();
    log::get(log::Area::Exec).flush();

    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("db"));
    QCOMPARE(spy.at(0).at(2).toString(), QStringLiteral("connecting to postgresql://app:***@localhost/app"));

    QFile file(log::logFilePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY2(contents.contains("[db]") && contents.contains("postgresql://app:***@localhost/app"), contents.constData());
    QVERIFY2(!contents.contains("topsecret"), contents.constData());
    QVERIFY2(!contents.contains("hunter2"), contents.constData());
}

void tst_Log::forwardsQtMessages()
{
    QSignalSpy spy(log::LogHub::instance(), &log::LogHub::lineLogged);
    qWarning("driver said postgresql://u:leak@h/db is down");
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("qt"));
    QVERIFY(spy.at(0).at(2).toString().contains(QStringLiteral("postgresql://u:***@h/db")));
    QVERIFY(!spy.at(0).at(2).toString().contains(QStringLiteral("leak")));
}

QTEST_GUILESS_MAIN(tst_Log)
#include "tst_Log.moc"
