// ScopedConnection against a real throwaway PostgreSQL cluster and real SQLite files: every
// connection failure a user meets becomes a clear message with the redacted URL and a hint, and
// never shows the password.

#include "core/db/Connection.h"
#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace retort;

namespace {

QString errorText(const Error& e)
{
    return e.code + QStringLiteral(": ") + e.message + QStringLiteral(" | hint: ") + e.hint;
}

Result<std::unique_ptr<ScopedConnection>> openUrl(const QString& text, int timeout = 3)
{
    auto url = DatabaseUrl::parse(text);
    if (!url)
        return url.error();
    return ScopedConnection::open(*url, timeout);
}

QString scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("error: ") + query.lastError().text();
    return query.value(0).toString();
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private:
    PgCluster m_cluster;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        QVERIFY(m_cluster.createDatabase(QStringLiteral("app")).ok());
    }

    void opensAUniquelyNamedConnectionAndRemovesIt()
    {
        QString firstName;
        {
            auto first = openUrl(m_cluster.url(QStringLiteral("app")));
            QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : errorText(first.error())));
            auto second = openUrl(m_cluster.url(QStringLiteral("app")));
            QVERIFY(second.ok());
            firstName = (*first)->connectionName();
            QVERIFY(firstName != (*second)->connectionName());
            QVERIFY(QSqlDatabase::contains(firstName));
            QCOMPARE(scalar((*first)->database(), QStringLiteral("SELECT current_database()")), QStringLiteral("app"));
            QCOMPARE(scalar((*first)->database(), QStringLiteral("SELECT current_setting('application_name')")),
                     QStringLiteral("retort"));
        }
        QVERIFY(!QSqlDatabase::contains(firstName));
    }

    void eachThreadOpensItsOwnConnection()
    {
        const QString url = m_cluster.url(QStringLiteral("app"));
        auto job = [url]() -> QString {
            auto connection = openUrl(url);
            if (!connection)
                return connection.error().message;
            return scalar((*connection)->database(), QStringLiteral("SELECT 'ok:' || pg_backend_pid()"));
        };
        QFuture<QString> a = QtConcurrent::run(job);
        QFuture<QString> b = QtConcurrent::run(job);
        const QString ra = a.result();
        const QString rb = b.result();
        QVERIFY2(ra.startsWith(QLatin1String("ok:")), qPrintable(ra));
        QVERIFY2(rb.startsWith(QLatin1String("ok:")), qPrintable(rb));
        QVERIFY(ra != rb); // two backends
    }

    void aPercentEncodedPasswordConnects()
    {
        auto role = m_cluster.psql(QStringLiteral("CREATE ROLE odd LOGIN PASSWORD 'p@ss:w/o%rd?';"));
        QVERIFY2(role.ok(), qPrintable(role.ok() ? QString() : role.error().message));
        auto connection = openUrl(QStringLiteral("postgresql+psycopg2://odd:p%40ss%3Aw%2Fo%25rd%3F@127.0.0.1:%1/app")
                                      .arg(m_cluster.port()));
        QVERIFY2(connection.ok(), qPrintable(connection.ok() ? QString() : errorText(connection.error())));
        QCOMPARE(scalar((*connection)->database(), QStringLiteral("SELECT current_user")), QStringLiteral("odd"));
    }

    void aSocketDirectoryFromTheQueryConnects()
    {
        auto connection = openUrl(QStringLiteral("postgresql://%1:%2@/app?host=%3&port=%4")
                                      .arg(m_cluster.user(), m_cluster.password(), m_cluster.socketDir())
                                      .arg(m_cluster.port()));
        QVERIFY2(connection.ok(), qPrintable(connection.ok() ? QString() : errorText(connection.error())));
        QCOMPARE(scalar((*connection)->database(), QStringLiteral("SELECT coalesce(inet_client_addr()::text, 'socket')")),
                 QStringLiteral("socket"));
    }

    void aStoppedServerIsReportedWithAHint()
    {
        const int port = PgCluster::freePort();
        const QString url = QStringLiteral("postgresql://app:topsecret@127.0.0.1:%1/app").arg(port);
        auto connection = openUrl(url);
        QVERIFY(!connection.ok());
        const Error& e = connection.error();
        QCOMPARE(e.code, QStringLiteral("db-unreachable"));
        QVERIFY2(e.message.contains(QStringLiteral("postgresql://app:***@127.0.0.1:%1/app").arg(port)), qPrintable(errorText(e)));
        QVERIFY2(e.hint.contains(QLatin1String("container")) && e.hint.contains(QLatin1String("port")), qPrintable(e.hint));
        QVERIFY(!errorText(e).contains(QLatin1String("topsecret")));
    }

    void aWrongPasswordIsReportedWithoutThePassword()
    {
        const QString url = m_cluster.urlWithWrongPassword(QStringLiteral("app"));
        const QString wrong = QStringLiteral("wrong") + m_cluster.password();
        QVERIFY(url.contains(wrong));
        auto connection = openUrl(url);
        QVERIFY(!connection.ok());
        const Error& e = connection.error();
        QCOMPARE(e.code, QStringLiteral("db-auth"));
        QVERIFY2(e.message.contains(QLatin1String("retort:***@127.0.0.1")), qPrintable(errorText(e)));
        QVERIFY2(!errorText(e).contains(wrong), qPrintable(errorText(e)));
        QVERIFY2(!errorText(e).contains(m_cluster.password()), qPrintable(errorText(e)));
    }

    void anUnknownDatabaseIsNamed()
    {
        auto connection = openUrl(m_cluster.url(QStringLiteral("no_such_db")));
        QVERIFY(!connection.ok());
        const Error& e = connection.error();
        QCOMPARE(e.code, QStringLiteral("db-unknown-database"));
        QVERIFY2(e.message.contains(QLatin1String("'no_such_db'")), qPrintable(errorText(e)));
        QVERIFY(!errorText(e).contains(m_cluster.password()));
    }

    void anUnknownHostIsReportedQuickly()
    {
        QElapsedTimer timer;
        timer.start();
        auto connection = openUrl(QStringLiteral("postgresql://app:topsecret@nonexistent.invalid:5432/app"), 2);
        QVERIFY(!connection.ok());
        const Error& e = connection.error();
        QCOMPARE(e.code, QStringLiteral("db-unknown-host"));
        QVERIFY2(e.message.contains(QLatin1String("'nonexistent.invalid'")), qPrintable(errorText(e)));
        QVERIFY(!errorText(e).contains(QLatin1String("topsecret")));
        QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
    }

    // A server that accepts TCP connections but never answers (a hung container, a proxy):
    // the connect timeout ends the wait.
    void aSilentServerTimesOut()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        socklen_t len = sizeof addr;
        QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        QVERIFY(::listen(fd, 4) == 0); // the kernel completes handshakes; nobody ever replies
        const int port = ntohs(addr.sin_port);
        QElapsedTimer timer;
        timer.start();
        auto connection = openUrl(QStringLiteral("postgresql://app:pw@127.0.0.1:%1/app").arg(port), 2);
        const qint64 elapsed = timer.elapsed();
        ::close(fd);
        QVERIFY(!connection.ok());
        QCOMPARE(connection.error().code, QStringLiteral("db-timeout"));
        QVERIFY2(connection.error().message.contains(QLatin1String("within 2 s")), qPrintable(errorText(connection.error())));
        QVERIFY2(elapsed >= 1500 && elapsed < 10000, qPrintable(QString::number(elapsed)));
    }

    void aServerThatDisappearsMidRunIsALostConnection()
    {
        auto connection = openUrl(m_cluster.url(QStringLiteral("app")));
        QVERIFY(connection.ok());
        QCOMPARE(scalar((*connection)->database(), QStringLiteral("SELECT 1")), QStringLiteral("1"));
        QVERIFY(m_cluster.kill().ok());
        QSqlQuery query((*connection)->database());
        QVERIFY(!query.exec(QStringLiteral("SELECT 2")));
        const Error e = ScopedConnection::queryError((*connection)->database(), query.lastError(), QStringLiteral("testing"));
        const Status restarted = m_cluster.restart();
        QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error().message));
        QCOMPARE(e.code, QStringLiteral("db-connection-lost"));
        QVERIFY2(e.hint.contains(QLatin1String("container")), qPrintable(e.hint));
        QVERIFY(!errorText(e).contains(m_cluster.password()));
    }

    void aMissingSqliteFileIsNotCreated()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing.db"));
        auto connection = openUrl(QStringLiteral("sqlite:///") + path);
        QVERIFY(!connection.ok());
        QCOMPARE(connection.error().code, QStringLiteral("db-not-found"));
        QVERIFY(!QFile::exists(path));
    }

    void aFileThatIsNotSqliteIsReported()
    {
        const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("this is not a database, just some text that is long enough to matter\n").repeated(20));
        file.close();
        auto connection = openUrl(QStringLiteral("sqlite:///") + path);
        QVERIFY(!connection.ok());
        QVERIFY2(connection.error().code == QLatin1String("db-not-sqlite"), qPrintable(errorText(connection.error())));
    }

    void aSqliteFileAndMemoryOpen()
    {
        const QString path = m_dir.filePath(QStringLiteral("real.db"));
        QVERIFY(writeSqliteFile(path, {QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY)")}));
        auto connection = openUrl(QStringLiteral("sqlite:///") + path);
        QVERIFY2(connection.ok(), qPrintable(connection.ok() ? QString() : errorText(connection.error())));
        QCOMPARE(scalar((*connection)->database(), QStringLiteral("SELECT count(*) FROM sqlite_schema")), QStringLiteral("1"));
        auto memory = openUrl(QStringLiteral("sqlite://"));
        QVERIFY(memory.ok());
        QCOMPARE(scalar((*memory)->database(), QStringLiteral("SELECT 40 + 2")), QStringLiteral("42"));
    }

    void cleanupTestCase() { m_cluster.stop(); }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_Connection.moc"
