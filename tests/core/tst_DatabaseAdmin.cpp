// DatabaseAdmin: creating the database a URL names on a real PostgreSQL 15 server, and
// `retort-cli create-database` (the Makefile's db-create-database).

#include "core/db/DatabaseAdmin.h"
#include "core/db/DatabaseUrl.h"
#include "support/CliProcess.h"
#include "support/PgCluster.h"

#include <QTest>

using namespace retort;

class tst_DatabaseAdmin : public QObject
{
    Q_OBJECT

private:
    PgCluster m_cluster;

private Q_SLOTS:
    void initTestCase()
    {
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
        // A role without CREATEDB, for the refusal.
        QVERIFY(m_cluster.psql(QStringLiteral("CREATE ROLE plain LOGIN PASSWORD 'plainpw'")).ok());
    }

    void withDatabaseReplacesOnlyTheDatabase_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("postgresql://u:p@h:5432/app") << QStringLiteral("postgresql://u:p@h:5432/postgres");
        QTest::newRow("query kept") << QStringLiteral("postgresql+psycopg2://u:p%2Fq@h/app?sslmode=disable")
                                    << QStringLiteral("postgresql+psycopg2://u:p%2Fq@h/postgres?sslmode=disable");
        QTest::newRow("no database") << QStringLiteral("postgresql://u@h:5433") << QStringLiteral("postgresql://u@h:5433/postgres");
    }

    void withDatabaseReplacesOnlyTheDatabase()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
        QVERIFY(parsed);
        const Result<DatabaseUrl> admin = parsed->withDatabase(QStringLiteral("postgres")); // what createDatabase connects to
        QVERIFY2(admin, qPrintable(admin ? QString() : admin.error().toString()));
        QCOMPARE(admin->toString(), expected);
        QCOMPARE(admin->database(), QStringLiteral("postgres"));
        QCOMPARE(admin->password(), parsed->password());
    }

    void aMissingDatabaseIsCreatedOnceAndThenExists()
    {
        const Result<DatabaseUrl> url = DatabaseUrl::parse(m_cluster.url(QStringLiteral("shop dev")));
        QVERIFY(url);
        const Status created = DatabaseAdmin::createDatabase(*url);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        const Result<QString> listed = m_cluster.psql(QStringLiteral("SELECT datname FROM pg_database WHERE datname = 'shop dev'"));
        QVERIFY(listed);
        QCOMPARE(listed->trimmed(), QStringLiteral("shop dev"));
        const Status again = DatabaseAdmin::createDatabase(*url);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("db-exists"));
        QVERIFY(again.error().message.contains(QStringLiteral("shop dev")));
    }

    void refusalsSayWhyWithoutThePassword()
    {
        const QString plain = QStringLiteral("postgresql://plain:plainpw@127.0.0.1:%1/plain_app").arg(m_cluster.port());
        const Status denied = DatabaseAdmin::createDatabase(*DatabaseUrl::parse(plain));
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code, QStringLiteral("db-create"));
        QVERIFY2(denied.error().hint.contains(QStringLiteral("CREATEDB")), qPrintable(denied.error().toString()));
        QVERIFY(!denied.error().toString().contains(QStringLiteral("plainpw")));

        const Status wrong = DatabaseAdmin::createDatabase(*DatabaseUrl::parse(m_cluster.urlWithWrongPassword(QStringLiteral("x"))));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, QStringLiteral("db-auth"));

        const Status sqlite = DatabaseAdmin::createDatabase(*DatabaseUrl::parse(QStringLiteral("sqlite:///app.db")));
        QCOMPARE(sqlite.error().code, QStringLiteral("db-create-not-postgresql"));
    }

    void theCliCreatesAndKeepsPasswordsOut()
    {
        const QString url = m_cluster.url(QStringLiteral("cli_app"));
        const test::ProcessRun first = test::runProcess(QStringLiteral(RETORT_CLI), {QStringLiteral("--url"), url, QStringLiteral("create-database")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QVERIFY(first.out.contains("Created the database"));
        const test::ProcessRun again = test::runProcess(QStringLiteral(RETORT_CLI), {QStringLiteral("--url"), url, QStringLiteral("create-database")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("exists already"));
        const test::ProcessRun ifMissing = test::runProcess(QStringLiteral(RETORT_CLI), {QStringLiteral("--url"), url, QStringLiteral("--json"),
                                                                                        QStringLiteral("create-database"), QStringLiteral("--if-missing")});
        QCOMPARE(ifMissing.exitCode, 0);
        QCOMPARE(ifMissing.json().value(QStringLiteral("created")).toBool(), false);
        for (const test::ProcessRun* r : {&first, &again, &ifMissing})
            QVERIFY(!r->out.contains(m_cluster.password().toUtf8()) && !r->err.contains(m_cluster.password().toUtf8()));
    }
};

QTEST_GUILESS_MAIN(tst_DatabaseAdmin)
#include "tst_DatabaseAdmin.moc"
