#include "app/connection/ConnectionDialog.h"

#include "core/db/DatabaseUrl.h"
#include "support/PgCluster.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace retort;
using namespace retort::app;

class tst_ConnectionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void urlFillsTheFields_data();
    void urlFillsTheFields();
    void fieldsWriteTheUrl();
    void aPastedPasswordMovesToThePasswordField();
    void switchingToSqliteShowsTheFile();
    void anInvalidUrlIsReported();

    void dotEnvParsing_data();
    void dotEnvParsing();
    void dotEnvProblemsNameTheLine();
    void suggestionsComeFromTheCallerAndDotEnv();
    void theComposeDatabaseIsProposedWithItsPublishedPort();
    void aMaskedSuggestionAsksForThePassword();

    void testConnectionSucceedsAgainstPostgres();
    void wrongPasswordIsReportedRedacted();
    void testConnectionCanBeStopped();
    void testConnectionOpensARelativeSqliteFileInTheProject();

    void profilesAreSavedWithoutPasswordAndReloaded();
    void screenshot();

private:
    template <typename T> static T* child(const QObject& parent, const char* name)
    {
        return parent.findChild<T*>(QLatin1String(name));
    }

    PgCluster m_pg;
    QTemporaryDir m_dir;
};

void tst_ConnectionDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RetortTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ConnectionDialog"));
    QVERIFY(m_dir.isValid());
    const Status started = m_pg.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    ConnectionProfiles::setKeychainEnabled(false); // never touch the developer's keychain here
}

void tst_ConnectionDialog::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
    ConnectionProfiles::clearSessionPasswords();
}

void tst_ConnectionDialog::cleanupTestCase()
{
    QSettings settings;
    const QString file = settings.fileName();
    settings.clear();
    settings.sync();
    QFile::remove(file);
}

// ---------------------------------------------------------------------------------------------
// URL <-> fields

void tst_ConnectionDialog::urlFillsTheFields_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("shownUrl");

    QTest::newRow("a full PostgreSQL URL") << "postgresql://app:secret@localhost:5432/shop"
                                           << "PostgreSQL"
                                           << ""
                                           << "localhost" << 5432 << "shop"
                                           << "app"
                                           << "secret"
                                           << ""
                                           << ""
                                           << "postgresql://app@localhost:5432/shop";
    QTest::newRow("a percent-encoded password is decoded")
        << "postgresql://app:p%40ss%3Aw%2Frd%25%20x@db.example.com:6543/shop"
        << "PostgreSQL"
        << ""
        << "db.example.com" << 6543 << "shop"
        << "app"
        << "p@ss:w/rd% x"
        << ""
        << ""
        << "postgresql://app@db.example.com:6543/shop";
    QTest::newRow("a psycopg2 driver without port") << "postgresql+psycopg2://app:pw@db/shop"
                                                    << "PostgreSQL"
                                                    << "psycopg2"
                                                    << "db" << -1 << "shop"
                                                    << "app"
                                                    << "pw"
                                                    << ""
                                                    << ""
                                                    << "postgresql+psycopg2://app@db/shop";
    QTest::newRow("an asyncpg URL with query options")
        << "postgresql+asyncpg://app:pw@127.0.0.1:5433/shop?sslmode=require&application_name=retort"
        << "PostgreSQL"
        << "asyncpg"
        << "127.0.0.1" << 5433 << "shop"
        << "app"
        << "pw"
        << "sslmode=require&application_name=retort"
        << ""
        << "postgresql+asyncpg://app@127.0.0.1:5433/shop?sslmode=require&application_name=retort";
    QTest::newRow("the postgres alias") << "postgres://app@localhost/shop"
                                        << "PostgreSQL"
                                        << ""
                                        << "localhost" << -1 << "shop"
                                        << "app"
                                        << ""
                                        << ""
                                        << ""
                                        << "postgresql://app@localhost/shop";
    QTest::newRow("a user name with an encoded at sign") << "postgresql://me%40corp:pw@localhost/shop"
                                                         << "PostgreSQL"
                                                         << ""
                                                         << "localhost" << -1 << "shop"
                                                         << "me@corp"
                                                         << "pw"
                                                         << ""
                                                         << ""
                                                         << "postgresql://me%40corp@localhost/shop";
    QTest::newRow("an IPv6 host") << "postgresql://app:pw@[::1]:5432/shop"
                                  << "PostgreSQL"
                                  << ""
                                  << "::1" << 5432 << "shop"
                                  << "app"
                                  << "pw"
                                  << ""
                                  << ""
                                  << "postgresql://app@[::1]:5432/shop";
    QTest::newRow("a password in the query string") << "postgresql://app@localhost/shop?password=qpw&sslmode=disable"
                                                    << "PostgreSQL"
                                                    << ""
                                                    << "localhost" << -1 << "shop"
                                                    << "app"
                                                    << "qpw"
                                                    << "sslmode=disable"
                                                    << ""
                                                    << "postgresql://app@localhost/shop?sslmode=disable";
    QTest::newRow("a relative SQLite file") << "sqlite:///data/app.db"
                                            << "SQLite"
                                            << ""
                                            << "" << -1 << ""
                                            << ""
                                            << ""
                                            << ""
                                            << "data/app.db"
                                            << "sqlite:///data/app.db";
    QTest::newRow("an absolute SQLite file") << "sqlite:////srv/app/app.db"
                                             << "SQLite"
                                             << ""
                                             << "" << -1 << ""
                                             << ""
                                             << ""
                                             << ""
                                             << "/srv/app/app.db"
                                             << "sqlite:////srv/app/app.db";
    QTest::newRow("a SQLite URL with the pysqlite driver") << "sqlite+pysqlite:///app.db"
                                                           << "SQLite"
                                                           << "pysqlite"
                                                           << "" << -1 << ""
                                                           << ""
                                                           << ""
                                                           << ""
                                                           << "app.db"
                                                           << "sqlite+pysqlite:///app.db";
    QTest::newRow("an in-memory SQLite database") << "sqlite://"
                                                  << "SQLite"
                                                  << ""
                                                  << "" << -1 << ""
                                                  << ""
                                                  << ""
                                                  << ""
                                                  << ""
                                                  << "sqlite://";
}

void tst_ConnectionDialog::urlFillsTheFields()
{
    QFETCH(QString, url);
    QFETCH(QString, dialect);
    QFETCH(QString, driver);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, options);
    QFETCH(QString, file);
    QFETCH(QString, shownUrl);

    ConnectionDialog dialog;
    QVERIFY2(dialog.setUrlText(url), qPrintable(dialog.statusText()));
    QCOMPARE(child<QComboBox>(dialog, "dialectCombo")->currentText(), dialect);
    QCOMPARE(child<QComboBox>(dialog, "driverCombo")->currentData().toString(), driver);
    if (dialect == QLatin1String("PostgreSQL")) {
        QCOMPARE(child<QLineEdit>(dialog, "hostEdit")->text(), host);
        QCOMPARE(child<QSpinBox>(dialog, "portSpin")->value(), port);
        QCOMPARE(child<QLineEdit>(dialog, "databaseEdit")->text(), database);
        QCOMPARE(child<QLineEdit>(dialog, "userEdit")->text(), user);
        QCOMPARE(child<QLineEdit>(dialog, "passwordEdit")->text(), password);
        QCOMPARE(child<QLineEdit>(dialog, "optionsEdit")->text(), options);
    } else {
        QCOMPARE(child<QLineEdit>(dialog, "fileEdit")->text(), file);
    }
    // The URL field shows the URL without its password...
    QCOMPARE(dialog.urlText(), shownUrl);
    // ...and the dialog's URL is the complete one, equal to what was typed.
    const Result<DatabaseUrl> result = dialog.databaseUrl();
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const Result<DatabaseUrl> original = DatabaseUrl::parse(url);
    QVERIFY(original.ok());
    QCOMPARE(result->password(),
        original->password().isEmpty() ? original->queryValue(QStringLiteral("password")) : original->password());
    QCOMPARE(result->user(), original->user());
    QCOMPARE(result->host(), original->host());
    QCOMPARE(result->port(), original->port());
    QCOMPARE(result->database(), original->database());
    QCOMPARE(result->sqlitePath(), original->sqlitePath());
    if (original->queryValue(QStringLiteral("password")).isEmpty())
        QCOMPARE(result->toString(), original->toString());

    // And back: the fields make the same URL again in a fresh dialog.
    ConnectionDialog second;
    second.setDatabaseUrl(*result);
    QCOMPARE(second.urlText(), shownUrl);
    QCOMPARE(second.databaseUrl()->toString(), result->toString());
}

void tst_ConnectionDialog::fieldsWriteTheUrl()
{
    ConnectionDialog dialog;
    QTest::keyClicks(child<QLineEdit>(dialog, "hostEdit"), QStringLiteral("db.internal"));
    child<QSpinBox>(dialog, "portSpin")->setValue(6432);
    QTest::keyClicks(child<QLineEdit>(dialog, "databaseEdit"), QStringLiteral("orders"));
    QTest::keyClicks(child<QLineEdit>(dialog, "userEdit"), QStringLiteral("ops@corp"));
    QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("a:b@c/d%"));
    QTest::keyClicks(child<QLineEdit>(dialog, "optionsEdit"), QStringLiteral("sslmode=verify-full"));
    QCOMPARE(dialog.urlText(), QStringLiteral("postgresql://ops%40corp@db.internal:6432/orders?sslmode=verify-full"));
    const Result<DatabaseUrl> url = dialog.databaseUrl();
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
    QCOMPARE(url->password(), QStringLiteral("a:b@c/d%"));
    QCOMPARE(url->user(), QStringLiteral("ops@corp"));
    QCOMPARE(url->toString(),
        QStringLiteral("postgresql://ops%40corp:a%3Ab%40c%2Fd%25@db.internal:6432/orders?sslmode=verify-full"));

    auto* driver = child<QComboBox>(dialog, "driverCombo");
    driver->setCurrentIndex(driver->findData(QStringLiteral("asyncpg")));
    Q_EMIT driver->activated(driver->currentIndex());
    QVERIFY(dialog.urlText().startsWith(QStringLiteral("postgresql+asyncpg://")));
}

void tst_ConnectionDialog::aPastedPasswordMovesToThePasswordField()
{
    ConnectionDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* urlEdit = child<QLineEdit>(dialog, "urlEdit");
    QCOMPARE(urlEdit->text(), QString()); // a new dialog starts empty, ready for a paste
    urlEdit->setFocus();
    QTest::keyClicks(urlEdit, QStringLiteral("postgresql://app:t0p%23secret@localhost/shop"));
    // While typing, the text stays as typed; the fields follow.
    QCOMPARE(child<QLineEdit>(dialog, "passwordEdit")->text(), QStringLiteral("t0p#secret"));
    QCOMPARE(child<QLineEdit>(dialog, "databaseEdit")->text(), QStringLiteral("shop"));
    // Leaving the field takes the password out of it.
    child<QLineEdit>(dialog, "hostEdit")->setFocus();
    QTRY_COMPARE(urlEdit->text(), QStringLiteral("postgresql://app@localhost/shop"));
    QCOMPARE(dialog.databaseUrl()->password(), QStringLiteral("t0p#secret"));
}

void tst_ConnectionDialog::switchingToSqliteShowsTheFile()
{
    ConnectionDialog dialog;
    auto* dialect = child<QComboBox>(dialog, "dialectCombo");
    dialect->setCurrentIndex(dialect->findText(QStringLiteral("SQLite")));
    Q_EMIT dialect->activated(dialect->currentIndex());
    QTest::keyClicks(child<QLineEdit>(dialog, "fileEdit"), QStringLiteral("var/app.sqlite3"));
    QCOMPARE(dialog.urlText(), QStringLiteral("sqlite:///var/app.sqlite3"));
    QCOMPARE(dialog.databaseUrl()->dialect(), Dialect::SQLite);
    QCOMPARE(dialog.databaseUrl()->sqlitePath(), QStringLiteral("var/app.sqlite3"));
}

void tst_ConnectionDialog::anInvalidUrlIsReported()
{
    ConnectionDialog dialog;
    QVERIFY(!dialog.setUrlText(QStringLiteral("postgresql://app:pw@localhost:notaport/shop")));
    QVERIFY(!dialog.databaseUrl().ok());
    QVERIFY2(!dialog.statusText().isEmpty(), "the status line explains the error");
    QVERIFY2(!dialog.statusText().contains(QStringLiteral(":pw@")), qPrintable(dialog.statusText()));
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!child<QPushButton>(dialog, "testButton")->isEnabled());
}

// ---------------------------------------------------------------------------------------------
// .env

void tst_ConnectionDialog::dotEnvParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    QTest::newRow("a plain assignment") << "DATABASE_URL=postgresql://a@b/c\n"
                                        << "DATABASE_URL"
                                        << "postgresql://a@b/c";
    QTest::newRow("spaces around the equals sign") << "DATABASE_URL = sqlite:///x.db  \n"
                                                   << "DATABASE_URL"
                                                   << "sqlite:///x.db";
    QTest::newRow("export prefix") << "export DATABASE_URL=postgresql://a@b/c"
                                   << "DATABASE_URL"
                                   << "postgresql://a@b/c";
    QTest::newRow("double quotes") << "DATABASE_URL=\"postgresql://a:p w@b/c\""
                                   << "DATABASE_URL"
                                   << "postgresql://a:p w@b/c";
    QTest::newRow("single quotes keep everything literal") << "DATABASE_URL='postgresql://a:p#w${X}@b/c'"
                                                           << "DATABASE_URL"
                                                           << "postgresql://a:p#w${X}@b/c";
    QTest::newRow("a comment after an unquoted value") << "DATABASE_URL=postgresql://a@b/c # local docker"
                                                       << "DATABASE_URL"
                                                       << "postgresql://a@b/c";
    QTest::newRow("a hash inside a value without space stays") << "DATABASE_URL=postgresql://a:p%23w#x@b/c"
                                                               << "DATABASE_URL"
                                                               << "postgresql://a:p%23w#x@b/c";
    QTest::newRow("a comment after a quoted value") << "DATABASE_URL=\"sqlite:///a b.db\"  # note"
                                                    << "DATABASE_URL"
                                                    << "sqlite:///a b.db";
    QTest::newRow("comment lines and blank lines are skipped")
        << "# settings\n\n  # DATABASE_URL=wrong\nDATABASE_URL=right\n"
        << "DATABASE_URL"
        << "right";
    QTest::newRow("the last definition wins") << "DATABASE_URL=one\nDATABASE_URL=two"
                                              << "DATABASE_URL"
                                              << "two";
    QTest::newRow("escapes in double quotes") << "MSG=\"a\\\"b\\\\c\\nd\""
                                              << "MSG"
                                              << "a\"b\\c\nd";
    QTest::newRow("a double-quoted value over two lines") << "KEY=\"line one\nline two\"\nNEXT=1"
                                                          << "KEY"
                                                          << "line one\nline two";
    QTest::newRow("variables from earlier lines are expanded")
        << "POSTGRES_USER=app\nPOSTGRES_PASSWORD=s3cret\nPOSTGRES_DB=shop\n"
           "DATABASE_URL=postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@localhost:5432/${POSTGRES_DB}"
        << "DATABASE_URL"
        << "postgresql://app:s3cret@localhost:5432/shop";
    QTest::newRow("a default applies to an unset variable")
        << "DATABASE_URL=postgresql://app@${DB_HOST_UNSET_FOR_TEST:-localhost}/shop"
        << "DATABASE_URL"
        << "postgresql://app@localhost/shop";
    QTest::newRow("CRLF line ends") << "A=1\r\nDATABASE_URL=sqlite:///w.db\r\n"
                                    << "DATABASE_URL"
                                    << "sqlite:///w.db";
    QTest::newRow("an empty value") << "DATABASE_URL="
                                    << "DATABASE_URL"
                                    << "";
}

void tst_ConnectionDialog::dotEnvParsing()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const DotEnv env = parseDotEnv(text, QStringLiteral(".env"));
    QVERIFY2(env.problems.isEmpty(), qPrintable(env.problems.isEmpty() ? QString() : env.problems.first().toString()));
    QVERIFY(env.values.contains(key));
    QCOMPARE(env.values.value(key), expected);
}

void tst_ConnectionDialog::dotEnvProblemsNameTheLine()
{
    const DotEnv env
        = parseDotEnv(QStringLiteral("GOOD=1\nthis line is wrong\n9BAD=x\nDATABASE_URL=ok\nOPEN=\"never closed\n"),
            QStringLiteral("/p/.env"));
    QCOMPARE(env.values.value(QStringLiteral("GOOD")), QStringLiteral("1"));
    QCOMPARE(env.values.value(QStringLiteral("DATABASE_URL")), QStringLiteral("ok"));
    QCOMPARE(env.problems.size(), 3);
    QCOMPARE(env.problems[0].line, 2);
    QCOMPARE(env.problems[1].line, 3);
    QCOMPARE(env.problems[2].line, 5);
    QCOMPARE(env.problems[0].path, QStringLiteral("/p/.env"));
    QVERIFY(!env.problems[0].hint.isEmpty());
}

void tst_ConnectionDialog::suggestionsComeFromTheCallerAndDotEnv()
{
    QTemporaryDir project;
    QFile env(project.filePath(QStringLiteral(".env")));
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write("POSTGRES_PASSWORD='pa ss'\nexport "
              "DATABASE_URL=\"postgresql://app:${POSTGRES_PASSWORD}@localhost:5432/shop\"\n");
    env.close();

    ConnectionDialog dialog;
    dialog.setSuggestions({ { QStringLiteral("env.py"), QStringLiteral("sqlite:///cityscope.db") } });
    dialog.setProjectDirectory(project.path());
    const QList<ConnectionSuggestion> suggestions = dialog.suggestions();
    QCOMPARE(suggestions.size(), 2);
    QCOMPARE(suggestions[0].url, QStringLiteral("sqlite:///cityscope.db"));
    QCOMPARE(suggestions[1].url, QStringLiteral("postgresql://app:pa ss@localhost:5432/shop"));
    // The combo shows them redacted.
    auto* combo = child<QComboBox>(dialog, "suggestionCombo");
    QCOMPARE(combo->count(), 2);
    QVERIFY2(!combo->itemText(1).contains(QStringLiteral("pa ss")), qPrintable(combo->itemText(1)));

    dialog.useSuggestion(1);
    QCOMPARE(child<QLineEdit>(dialog, "passwordEdit")->text(), QStringLiteral("pa ss"));
    QCOMPARE(dialog.urlText(), QStringLiteral("postgresql://app@localhost:5432/shop"));
    dialog.useSuggestion(0);
    QCOMPARE(dialog.databaseUrl()->dialect(), Dialect::SQLite);
}

// The Docker database (issue #15): compose's postgres service, its published port and its
// POSTGRES_* variables (interpolated from .env) become a proposal, the same as `retort-cli discover`.
void tst_ConnectionDialog::theComposeDatabaseIsProposedWithItsPublishedPort()
{
    QTemporaryDir repo;
    QVERIFY(QDir().mkpath(repo.filePath(QStringLiteral(".git"))));
    QVERIFY(QDir().mkpath(repo.filePath(QStringLiteral("backend/persistence"))));
    QFile compose(repo.filePath(QStringLiteral("docker-compose.yml")));
    QVERIFY(compose.open(QIODevice::WriteOnly));
    compose.write("services:\n  db:\n    image: postgres:15-alpine\n    environment:\n"
                  "      POSTGRES_USER: shop\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-devpass}\n      POSTGRES_DB: shop_dev\n"
                  "    ports:\n      - \"5433:5432\"\n");
    compose.close();

    ConnectionDialog dialog;
    dialog.setProjectDirectory(repo.filePath(QStringLiteral("backend/persistence")));
    const QList<ConnectionSuggestion> suggestions = dialog.suggestions();
    QVERIFY(!suggestions.isEmpty());
    QVERIFY2(suggestions[0].source.startsWith(QStringLiteral("docker-compose.yml service db")), qPrintable(suggestions[0].source));
    QCOMPARE(suggestions[0].url, QStringLiteral("postgresql://shop:devpass@127.0.0.1:5433/shop_dev"));
    auto* combo = child<QComboBox>(dialog, "suggestionCombo");
    QVERIFY(combo->isVisibleTo(&dialog));
    QVERIFY2(!combo->itemText(0).contains(QStringLiteral("devpass")), qPrintable(combo->itemText(0)));
    dialog.useSuggestion(0);
    QCOMPARE(child<QLineEdit>(dialog, "passwordEdit")->text(), QStringLiteral("devpass"));
    QCOMPARE(dialog.urlText(), QStringLiteral("postgresql://shop@127.0.0.1:5433/shop_dev"));
}

void tst_ConnectionDialog::aMaskedSuggestionAsksForThePassword()
{
    ConnectionDialog dialog;
    dialog.setSuggestions({ { QStringLiteral("env.py"), QStringLiteral("postgresql://app:***@db:5432/shop") } });
    dialog.useSuggestion(0);
    QCOMPARE(child<QLineEdit>(dialog, "passwordEdit")->text(), QString());
    QCOMPARE(dialog.urlText(), QStringLiteral("postgresql://app@db:5432/shop"));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("password")), qPrintable(dialog.statusText()));
}

// ---------------------------------------------------------------------------------------------
// Test connection

void tst_ConnectionDialog::testConnectionSucceedsAgainstPostgres()
{
    ConnectionDialog dialog;
    QVERIFY(dialog.setUrlText(m_pg.url(QStringLiteral("postgres"))));
    QSignalSpy started(&dialog, &ConnectionDialog::testStarted);
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "testButton"), Qt::LeftButton);
    QCOMPARE(started.count(), 1);
    QVERIFY(dialog.isTesting());
    QVERIFY(finished.wait(15000));
    QVERIFY(!dialog.isTesting());
    QCOMPARE(finished.first().at(0).toBool(), true);
    const QString message = finished.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("PostgreSQL 15")), qPrintable(message));
    QCOMPARE(dialog.statusText(), message);
}

void tst_ConnectionDialog::wrongPasswordIsReportedRedacted()
{
    ConnectionDialog dialog;
    const QString url = m_pg.urlWithWrongPassword(QStringLiteral("postgres"));
    QVERIFY(dialog.setUrlText(url));
    const QString wrongPassword = DatabaseUrl::parse(url)->password();
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    const QString message = finished.first().at(1).toString();
    QVERIFY2(!message.contains(wrongPassword), qPrintable(message));
    QVERIFY2(!message.contains(m_pg.password()), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("retort")), qPrintable(message)); // names the user
    QVERIFY2(message.contains(QStringLiteral("password")), qPrintable(message)); // and the hint
    QVERIFY2(message.contains(QLatin1Char('\n')), "the hint is on its own line");
}

void tst_ConnectionDialog::testConnectionCanBeStopped()
{
    // A server that accepts TCP connections and never answers: libpq waits for its timeout.
    // (A listening socket with a backlog completes the handshake without accept().)
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(listener >= 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    QVERIFY(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    QVERIFY(::listen(listener, 8) == 0);
    socklen_t length = sizeof address;
    QVERIFY(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    const int port = ntohs(address.sin_port);
    const auto closeListener = qScopeGuard([listener] { ::close(listener); });

    ConnectionDialog dialog;
    dialog.setConnectTimeout(2);
    QVERIFY(dialog.setUrlText(QStringLiteral("postgresql://app:pw@127.0.0.1:%1/shop").arg(port)));
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QVERIFY(dialog.isTesting());
    QTest::qWait(200);
    QVERIFY2(finished.isEmpty(), "the silent server cannot have answered yet");
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(child<QPushButton>(dialog, "cancelTestButton"), Qt::LeftButton);
    QCOMPARE(finished.count(), 1);
    QVERIFY(timer.elapsed() < 500);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(!dialog.isTesting());
    QVERIFY(child<QPushButton>(dialog, "testButton")->isEnabled());
    // The abandoned attempt times out in the background; its answer is ignored.
    QTest::qWait(3000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(dialog.statusText(), finished.first().at(1).toString());
}

void tst_ConnectionDialog::testConnectionOpensARelativeSqliteFileInTheProject()
{
    QTemporaryDir project;
    QVERIFY(QDir(project.path()).mkpath(QStringLiteral("data")));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("make-file"));
        db.setDatabaseName(project.filePath(QStringLiteral("data/app.db")));
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("make-file"));

    ConnectionDialog dialog;
    dialog.setProjectDirectory(project.path());
    QVERIFY(dialog.setUrlText(QStringLiteral("sqlite:///data/app.db")));
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(finished.first().at(1).toString().contains(QStringLiteral("SQLite 3")));

    // A file that is not there is an error, not a new empty database.
    finished.clear();
    QVERIFY(dialog.setUrlText(QStringLiteral("sqlite:///data/missing.db")));
    dialog.testConnection();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(!QFile::exists(project.filePath(QStringLiteral("data/missing.db"))));
}

// ---------------------------------------------------------------------------------------------
// Profiles

void tst_ConnectionDialog::profilesAreSavedWithoutPasswordAndReloaded()
{
    QTemporaryDir project;
    const QString url = m_pg.url(QStringLiteral("postgres"));
    {
        ConnectionProfiles profiles(project.path());
        ConnectionDialog dialog;
        dialog.setProfiles(&profiles);
        QVERIFY(dialog.setUrlText(url));
        const Status saved = dialog.saveProfile(QStringLiteral("throwaway"));
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
        QCOMPARE(dialog.profileName(), QStringLiteral("throwaway"));
    }

    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY2(content.contains("throwaway"), content.constData());
    QVERIFY2(!content.contains(m_pg.password().toUtf8()), content.constData());

    // A new dialog of the same project preselects the profile; the password comes from memory.
    ConnectionProfiles profiles(project.path());
    ConnectionDialog dialog;
    dialog.setProfiles(&profiles);
    QCOMPARE(dialog.profileName(), QStringLiteral("throwaway"));
    QTRY_COMPARE(child<QLineEdit>(dialog, "passwordEdit")->text(), m_pg.password());
    QCOMPARE(dialog.databaseUrl()->toString(), DatabaseUrl::parse(url)->toString());

    // In a new session without keychain the password field stays empty and says why.
    ConnectionProfiles::clearSessionPasswords();
    ConnectionDialog fresh;
    fresh.setProfiles(&profiles);
    auto* password = child<QLineEdit>(fresh, "passwordEdit");
    QTRY_VERIFY(password->placeholderText().contains(QStringLiteral("not stored")));
    QCOMPARE(password->text(), QString());
}

void tst_ConnectionDialog::screenshot()
{
    QTemporaryDir project;
    ConnectionProfiles profiles(project.path());
    QVERIFY(profiles
                .save(QStringLiteral("docker compose"),
                    *DatabaseUrl::parse(QStringLiteral("postgresql://app@localhost:5432/cityscope")))
                .ok());
    ConnectionDialog dialog;
    dialog.setProfiles(&profiles);
    dialog.setSuggestions(
        { { QStringLiteral("env.py"), QStringLiteral("postgresql://app:***@localhost:5432/cityscope") } });
    QVERIFY(dialog.setUrlText(m_pg.url(QStringLiteral("postgres"))));
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QVERIFY(finished.wait(15000));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QImage image = dialog.grab().toImage();
    QVERIFY(!image.isNull());
    const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        image.save(dir + QStringLiteral("/connection-dialog.png"));
        QVERIFY(dialog.setUrlText(m_pg.urlWithWrongPassword(QStringLiteral("postgres"))));
        dialog.testConnection();
        QVERIFY(finished.wait(15000));
        dialog.grab().save(dir + QStringLiteral("/connection-dialog-error.png"));
        QVERIFY(dialog.setUrlText(QStringLiteral("sqlite:///cityscope.db")));
        dialog.grab().save(dir + QStringLiteral("/connection-dialog-sqlite.png"));
    }
}

QTEST_MAIN(tst_ConnectionDialog)
#include "tst_ConnectionDialog.moc"
