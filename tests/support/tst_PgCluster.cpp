// The throwaway PostgreSQL cluster every PostgreSQL test relies on: it must really start, really
// check passwords, stop and restart on demand, and clean up after a crashed test.

#include "support/PgCluster.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace retort;

namespace {

// Running = the process exists and is not a zombie waiting for init to reap it.
bool processRunning(qint64 pid)
{
    if (::kill(pid_t(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || line.mid(close + 2, 1) != "Z";
}

} // namespace

class TestPgCluster : public QObject
{
    Q_OBJECT

private:
    PgCluster m_cluster;

    // A bare QPSQL connection (the db library is what is under test elsewhere).
    static QString connect(const QString& name, const QString& user, const QString& password, int port,
                           const QString& database)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(port);
        db.setUserName(user);
        db.setPassword(password);
        db.setDatabaseName(database);
        db.setConnectOptions(QStringLiteral("connect_timeout=3"));
        if (!db.open())
            return db.lastError().text();
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT current_user || '@' || current_database()")) || !query.next())
            return query.lastError().text();
        return query.value(0).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        QVERIFY(m_cluster.isRunning());
        QVERIFY(m_cluster.port() > 0);
    }

    void cleanup()
    {
        for (const QString& name : QSqlDatabase::connectionNames())
            QSqlDatabase::removeDatabase(name);
    }

    void urlHasTheDocumentedShape()
    {
        const QString expected = QStringLiteral("postgresql://retort:%1@127.0.0.1:%2/app")
                                     .arg(m_cluster.password())
                                     .arg(m_cluster.port());
        QCOMPARE(m_cluster.url(QStringLiteral("app")), expected);
        QVERIFY(m_cluster.sqlalchemyUrl(QStringLiteral("app")).startsWith(QLatin1String("postgresql+psycopg2://retort:")));
        QVERIFY(m_cluster.superuserUrl().startsWith(QLatin1String("postgresql://postgres:")));
    }

    void createdDatabaseIsOwnedByTheTestUser()
    {
        QVERIFY(m_cluster.createDatabase(QStringLiteral("owned db")).ok());
        QCOMPARE(connect(QStringLiteral("a"), m_cluster.user(), m_cluster.password(), m_cluster.port(),
                         QStringLiteral("owned db")),
                 QStringLiteral("retort@owned db"));
        auto owner = m_cluster.psql(QStringLiteral(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'owned db'"));
        QVERIFY2(owner.ok(), qPrintable(owner.ok() ? QString() : owner.error().message));
        QCOMPARE(*owner, QStringLiteral("retort"));
        // the owner can create tables in public (PostgreSQL 15 restricts public to the db owner)
        auto created = m_cluster.psqlAsUser(QStringLiteral("CREATE TABLE t (id int); SELECT count(*) FROM t;"),
                                            QStringLiteral("owned db"));
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        QCOMPARE(*created, QStringLiteral("0"));
    }

    void wrongPasswordIsRejected()
    {
        const QString error = connect(QStringLiteral("b"), m_cluster.user(), QStringLiteral("nope"), m_cluster.port(),
                                      QStringLiteral("postgres"));
        QVERIFY2(error.contains(QLatin1String("password authentication failed")), qPrintable(error));
    }

    void psqlReportsSqlErrors()
    {
        auto result = m_cluster.psql(QStringLiteral("SELECT * FROM no_such_table;"));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(QLatin1String("no_such_table")), qPrintable(result.error().message));
        QVERIFY(!result.error().message.contains(m_cluster.superuserPassword()));
    }

    void killMakesTheServerDisappearAndRestartBringsItBack()
    {
        QVERIFY(m_cluster.kill().ok());
        QVERIFY(!m_cluster.isRunning());
        const QString down = connect(QStringLiteral("c"), m_cluster.user(), m_cluster.password(), m_cluster.port(),
                                     QStringLiteral("postgres"));
        QVERIFY2(down.contains(QLatin1String("refused")), qPrintable(down));
        const int port = m_cluster.port();
        const Status restarted = m_cluster.restart();
        QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error().message));
        QCOMPARE(m_cluster.port(), port);
        QCOMPARE(connect(QStringLiteral("d"), m_cluster.user(), m_cluster.password(), m_cluster.port(),
                         QStringLiteral("owned db")),
                 QStringLiteral("retort@owned db"));
    }

    void freePortHasNothingListening()
    {
        const int port = PgCluster::freePort();
        QVERIFY(port > 0);
        const QString error = connect(QStringLiteral("e"), m_cluster.user(), m_cluster.password(), port,
                                      QStringLiteral("postgres"));
        QVERIFY2(error.contains(QLatin1String("refused")), qPrintable(error));
    }

    // A test process that dies without running destructors must not leave a server behind: run a
    // child process (this executable in helper mode) that starts a cluster and SIGKILLs itself.
    void crashedTestLeavesNoServerBehind()
    {
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RETORT_PGCLUSTER_CRASH_HELPER"), QStringLiteral("1"));
        child.setProcessEnvironment(env);
        child.start();
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const QString out = QString::fromUtf8(child.readAllStandardOutput());
        const QStringList parts = out.trimmed().split(QLatin1Char(' '));
        QVERIFY2(parts.size() == 2, qPrintable(out + QString::fromUtf8(child.readAllStandardError())));
        const QString dir = parts.at(0);
        const qint64 postmaster = parts.at(1).toLongLong();
        QVERIFY(postmaster > 0);
        QElapsedTimer timer;
        timer.start();
        while ((processRunning(postmaster) || QDir(dir).exists()) && timer.elapsed() < 20000)
            QThread::msleep(100);
        QVERIFY2(!processRunning(postmaster), "the postmaster of a crashed test is still running");
        QVERIFY2(!QDir(dir).exists(), qPrintable(dir + QStringLiteral(" was not removed")));
    }

    void cleanupTestCase()
    {
        m_cluster.stop();
        QVERIFY(!m_cluster.isRunning());
    }
};

static int crashHelper()
{
    static PgCluster cluster; // never destroyed: the process is killed
    if (!cluster.start())
        return 3;
    QFile pidFile(cluster.dataDir() + QStringLiteral("/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return 4;
    const QByteArray pid = pidFile.readLine().trimmed();
    const QByteArray dir = QFile::encodeName(QFileInfo(cluster.dataDir()).path());
    std::fprintf(stdout, "%s %s\n", dir.constData(), pid.constData());
    std::fflush(stdout);
    ::raise(SIGKILL);
    return 5;
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("RETORT_PGCLUSTER_CRASH_HELPER"))
        return crashHelper();
    TestPgCluster test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_PgCluster.moc"
