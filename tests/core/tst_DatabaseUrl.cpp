// SQLAlchemy URLs -> Qt SQL settings: the grammar SQLAlchemy accepts, percent-decoding,
// query parameters, redaction, and errors that name the wrong part (never the password).

#include "core/db/DatabaseUrl.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTest>

using namespace retort;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parsesValidUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("sqlitePath");
        QTest::addColumn<QString>("redacted");

        QTest::newRow("a plain postgresql URL has every part")
            << "postgresql://app:secret@localhost:5432/appdb" << true << "localhost" << 5432 << "appdb" << "app"
            << "secret" << "" << "postgresql://app:***@localhost:5432/appdb";
        QTest::newRow("the psycopg2 driver is the same server")
            << "postgresql+psycopg2://app:secret@db.example.com/appdb" << true << "db.example.com" << -1 << "appdb"
            << "app" << "secret" << "" << "postgresql+psycopg2://app:***@db.example.com/appdb";
        QTest::newRow("the asyncpg driver is the same server")
            << "postgresql+asyncpg://app:secret@127.0.0.1:6543/appdb" << true << "127.0.0.1" << 6543 << "appdb"
            << "app" << "secret" << "" << "postgresql+asyncpg://app:***@127.0.0.1:6543/appdb";
        QTest::newRow("the postgres alias is accepted and written as postgresql")
            << "postgres://app:secret@localhost/appdb" << true << "localhost" << -1 << "appdb" << "app" << "secret" << ""
            << "postgresql://app:***@localhost/appdb";
        QTest::newRow("a percent-encoded password is decoded")
            << "postgresql://app:p%40ss%3Aw%2Fo%25rd@localhost/appdb" << true << "localhost" << -1 << "appdb" << "app"
            << "p@ss:w/o%rd" << "" << "postgresql://app:***@localhost/appdb";
        QTest::newRow("a percent-encoded user name is decoded")
            << "postgresql://me%40corp:pw@localhost/appdb" << true << "localhost" << -1 << "appdb" << "me@corp" << "pw"
            << "" << "postgresql://me%40corp:***@localhost/appdb";
        QTest::newRow("a password may hold a slash and a question mark as SQLAlchemy allows")
            << "postgresql://app:a/b?c@localhost/appdb" << true << "localhost" << -1 << "appdb" << "app" << "a/b?c"
            << "" << "postgresql://app:***@localhost/appdb";
        QTest::newRow("a user without password")
            << "postgresql://app@localhost/appdb" << true << "localhost" << -1 << "appdb" << "app" << "" << ""
            << "postgresql://app@localhost/appdb";
        QTest::newRow("the socket directory comes from host in the query")
            << "postgresql://app@/appdb?host=/var/run/postgresql" << true << "/var/run/postgresql" << -1 << "appdb"
            << "app" << "" << "" << "postgresql://app@/appdb?host=/var/run/postgresql";
        QTest::newRow("an IPv6 host in brackets")
            << "postgresql://app:pw@[::1]:5433/appdb" << true << "::1" << 5433 << "appdb" << "app" << "pw" << ""
            << "postgresql://app:***@[::1]:5433/appdb";
        QTest::newRow("sslmode and options are kept as query parameters")
            << "postgresql://app:pw@localhost/appdb?sslmode=require&options=-csearch_path%3Dapp" << true << "localhost"
            << -1 << "appdb" << "app" << "pw" << ""
            << "postgresql://app:***@localhost/appdb?sslmode=require&options=-csearch_path%3Dapp";
        QTest::newRow("a password in the query is redacted too")
            << "postgresql://app@localhost/appdb?password=hunter2" << true << "localhost" << -1 << "appdb" << "app"
            << "" << "" << "postgresql://app@localhost/appdb?password=***";
        QTest::newRow("three slashes make a relative SQLite path")
            << "sqlite:///data/app.db" << false << "" << -1 << "data/app.db" << "" << "" << "data/app.db"
            << "sqlite:///data/app.db";
        QTest::newRow("four slashes make an absolute SQLite path")
            << "sqlite:////var/lib/app.db" << false << "" << -1 << "/var/lib/app.db" << "" << "" << "/var/lib/app.db"
            << "sqlite:////var/lib/app.db";
        QTest::newRow("sqlite:// alone is an in-memory database")
            << "sqlite://" << false << "" << -1 << "" << "" << "" << ":memory:" << "sqlite://";
        QTest::newRow("sqlite with the pysqlite driver and a timeout")
            << "sqlite+pysqlite:///app.db?timeout=3" << false << "" << -1 << "app.db" << "" << "" << "app.db"
            << "sqlite+pysqlite:///app.db?timeout=3";
        QTest::newRow("surrounding whitespace from an env file is ignored")
            << "  postgresql://app:pw@localhost/appdb\n" << true << "localhost" << -1 << "appdb" << "app" << "pw" << ""
            << "postgresql://app:***@localhost/appdb";
    }

    void parsesValidUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, postgres);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, database);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, sqlitePath);
        QFETCH(QString, redacted);

        const auto parsed = DatabaseUrl::parse(url);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->dialect(), postgres ? Dialect::PostgreSQL : Dialect::SQLite);
        QCOMPARE(parsed->qtDriver(), postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"));
        QCOMPARE(parsed->host(), host);
        QCOMPARE(parsed->port(), port);
        QCOMPARE(parsed->database(), database);
        QCOMPARE(parsed->user(), user);
        QCOMPARE(parsed->password(), password);
        QCOMPARE(parsed->sqlitePath(), sqlitePath);
        QCOMPARE(parsed->redacted(), redacted);
        if (!password.isEmpty())
            QVERIFY(!parsed->redacted().contains(password));
        // toString() round-trips through the parser
        const auto again = DatabaseUrl::parse(parsed->toString());
        QVERIFY2(again.ok(), qPrintable(parsed->toString()));
        QCOMPARE(again->password(), parsed->password());
        QCOMPARE(again->user(), parsed->user());
        QCOMPARE(again->host(), parsed->host());
        QCOMPARE(again->database(), parsed->database());
        QCOMPARE(again->query(), parsed->query());
    }

    // What SQLAlchemy itself makes of toString(): the URL handed to a child process must mean the
    // same database to the project's Python.
    void sqlalchemyReadsToStringAsTheSameUrl()
    {
        const auto parsed = DatabaseUrl::parse(QStringLiteral("postgres://me%40corp:p%40ss%3Aw%2Fo%25rd@db:5433/app?sslmode=require"));
        QVERIFY(parsed.ok());
        QProcess python;
        python.start(QStringLiteral(RETORT_PYTHON),
                     {QStringLiteral("-c"),
                      QStringLiteral("import sys; from sqlalchemy.engine import make_url; u = make_url(sys.argv[1]); "
                                     "print('|'.join([u.drivername, u.username, u.password, u.host, str(u.port), "
                                     "u.database, u.query['sslmode']]))"),
                      parsed->toString()});
        QVERIFY(python.waitForFinished(30000));
        QCOMPARE(python.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(python.readAllStandardOutput()).trimmed(),
                 QStringLiteral("postgresql|me@corp|p@ss:w/o%rd|db|5433|app|require"));
    }

    void rejectsBadUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");

        QTest::newRow("an empty URL") << "" << "empty";
        QTest::newRow("a bare file name has no scheme") << "app.db" << "no scheme";
        QTest::newRow("a scheme with a dot is not SQLAlchemy's") << "postgre.sql://x@y/z" << "scheme";
        QTest::newRow("MySQL is not supported") << "mysql+pymysql://u:secretpw@h/db" << "unsupported database 'mysql'";
        QTest::newRow("an unknown PostgreSQL driver") << "postgresql+oracle://u:secretpw@h/db" << "unknown PostgreSQL driver 'oracle'";
        QTest::newRow("a port that is not a number") << "postgresql://u:secretpw@localhost:54x2/db" << "port '54x2'";
        QTest::newRow("a port out of range") << "postgresql://u:secretpw@localhost:70000/db" << "port '70000'";
        QTest::newRow("an unencoded at sign in the password") << "postgresql://u:secret@pw@localhost/db" << "more than one '@'";
        QTest::newRow("an unknown query parameter") << "postgresql://u:secretpw@localhost/db?sslmod=require" << "'sslmod'";
        QTest::newRow("a connect timeout that is not a number") << "postgresql://u:secretpw@h/db?connect_timeout=soon" << "connect_timeout 'soon'";
        QTest::newRow("a SQLite URL with two slashes names a host") << "sqlite://app.db" << "no host: 'app.db'";
        QTest::newRow("a SQLite URL with a password") << "sqlite://u:secretpw@/app.db" << "no user name or password";
        QTest::newRow("an unknown SQLite parameter") << "sqlite:///app.db?journal=wal" << "'journal'";
        // Raw passwords: nothing of them may show, whatever stops the parse.
        QTest::newRow("a raw password with a quote and spaces, bad port") << "postgresql://u:it's secretpw now@localhost:54x2/db" << "port '54x2'";
        QTest::newRow("a raw password with an at sign, a colon and a slash")
            << "postgresql://u:secretpw@x:5/z@localhost/db" << "more than one '@'";
        QTest::newRow("a raw password whose second part looks like a port") << "postgresql://u:secretpw@x:y/z@localhost/db" << "more than one '@'";
        QTest::newRow("a raw password with a double quote and unicode")
            << QString::fromUtf8("postgresql+psycopg2://u:\"secretpw\u00e9@@h/db") << "more than one '@'";
        QTest::newRow("no scheme but a password") << "u:secretpw@localhost/db" << "no scheme";
        // Found by fuzz_DatabaseUrl: parts that could not be written back unchanged.
        QTest::newRow("a host with a control character") << QString::fromLatin1("postgresql://u:secretpw@h\x0b?x/d") << "whitespace or a control character";
        QTest::newRow("a database name ending in a space") << "postgresql://u:secretpw@h/db ?sslmode=require" << "starts or ends with whitespace";
        QTest::newRow("a password with '?' and a second at sign") << "postgresql://u?:secretpw@h/s:b@@x/" << "more than one '@'";
    }

    void rejectsBadUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        const auto parsed = DatabaseUrl::parse(url);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QStringLiteral("db-url"));
        QVERIFY2(parsed.error().message.contains(expected), qPrintable(parsed.error().message));
        QVERIFY2(!parsed.error().message.contains(QLatin1String("secretpw")), qPrintable(parsed.error().message));
        QVERIFY2(!parsed.error().message.contains(QLatin1String("secret@pw")), qPrintable(parsed.error().message));
        QVERIFY(!parsed.error().hint.isEmpty());
    }

    // One way to show any URL a user typed: from its parsed form, or conservatively.
    void redactedTextShowsNoPassword_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("a URL that parses is shown from its parsed form")
            << "postgres://u:p%27a%20ss@h:5432/db?sslmode=require" << "postgresql://u:***@h:5432/db?sslmode=require";
        QTest::newRow("a password query parameter") << "postgresql://u@h/db?password=x%20y" << "postgresql://u@h/db?password=***";
        QTest::newRow("a raw password with an at sign: nothing after the scheme") << "postgresql://u:p'a \"ss@w:r/d@h/db" << "postgresql://…";
        QTest::newRow("a raw password with quotes and spaces that does not parse")
            << "postgresql://u:p'a \"s s:r/d@h:5x/db" << "postgresql://u:***@h:5x/db";
        QTest::newRow("no scheme") << "u:p'a ss@h/db" << "***@h/db";
        QTest::newRow("no password at all") << "sqlite:///app.db" << "sqlite:///app.db";
    }

    void redactedTextShowsNoPassword()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(DatabaseUrl::redactedText(text), shown);
    }

    void appliesSettingsToAQtConnection()
    {
        const auto parsed = DatabaseUrl::parse(
            QStringLiteral("postgresql+psycopg2://app:p%27w@localhost:5433/appdb?sslmode=disable&application_name=my%20app"));
        QVERIFY(parsed.ok());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("apply"));
            parsed->applyTo(db);
            QCOMPARE(db.hostName(), QStringLiteral("localhost"));
            QCOMPARE(db.port(), 5433);
            QCOMPARE(db.databaseName(), QStringLiteral("appdb"));
            QCOMPARE(db.userName(), QStringLiteral("app"));
            QCOMPARE(db.password(), QStringLiteral("p'w"));
            QCOMPARE(db.connectOptions(), QStringLiteral("sslmode='disable';application_name='my app'"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("apply"));
    }

    void sqliteOptionsMapToQtOptions()
    {
        const auto parsed = DatabaseUrl::parse(QStringLiteral("sqlite:///app.db?mode=ro&timeout=2.5"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->connectOptions(), QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2500"));
    }

    void asyncpgSslBecomesSslmode()
    {
        const auto parsed = DatabaseUrl::parse(QStringLiteral("postgresql+asyncpg://app@localhost/appdb?ssl=require"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->connectOptions(), QStringLiteral("sslmode='require'"));
    }

    void relativeSqlitePathsResolveAgainstAFolder()
    {
        const auto parsed = DatabaseUrl::parse(QStringLiteral("sqlite:///./data/../app.db"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->sqlitePathRelativeTo(QStringLiteral("/srv/project")), QStringLiteral("/srv/project/app.db"));
        const auto absolute = DatabaseUrl::parse(QStringLiteral("sqlite:////data/app.db"));
        QVERIFY(absolute.ok());
        QCOMPARE(absolute->sqlitePathRelativeTo(QStringLiteral("/srv/project")), QStringLiteral("/data/app.db"));
    }

    void localityDecidesConfirmations_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("local");
        QTest::newRow("localhost is local") << "postgresql://u@localhost/db" << true;
        QTest::newRow("a loopback address is local") << "postgresql://u@127.0.0.1:5432/db" << true;
        QTest::newRow("a socket directory is local") << "postgresql://u@/db?host=/tmp" << true;
        QTest::newRow("a SQLite file is local") << "sqlite:///app.db" << true;
        QTest::newRow("a remote host is not local") << "postgresql://u@db.prod.example.com/db" << false;
    }

    void localityDecidesConfirmations()
    {
        QFETCH(QString, url);
        QFETCH(bool, local);
        const auto parsed = DatabaseUrl::parse(url);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->isLocal(), local);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_DatabaseUrl.moc"
