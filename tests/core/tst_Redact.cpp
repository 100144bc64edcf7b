#include "core/common/Redact.h"

#include <QTest>

using namespace retort;

class tst_Redact : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redactsPasswords_data();
    void redactsPasswords();
};

void tst_Redact::redactsPasswords_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a postgres url keeps user and host, hides the password")
        << QStringLiteral("postgresql://app:s3cret@localhost:5432/app")
        << QStringLiteral("postgresql://app:***@localhost:5432/app");
    QTest::newRow("a driver-qualified url is redacted the same way")
        << QStringLiteral("postgresql+psycopg2://u:p%40ss@db/x?sslmode=require")
        << QStringLiteral("postgresql+psycopg2://u:***@db/x?sslmode=require");
    QTest::newRow("a raw @ inside the password is still hidden")
        << QStringLiteral("postgresql://u:p@ss@host/db")
        << QStringLiteral("postgresql://u:***@host/db");
    QTest::newRow("a url inside a sentence is redacted in place")
        << QStringLiteral("could not connect to postgres://a:b@h/d: refused")
        << QStringLiteral("could not connect to postgres://a:***@h/d: refused");
    QTest::newRow("a url without a password is left alone")
        << QStringLiteral("postgresql://app@localhost/app") << QStringLiteral("postgresql://app@localhost/app");
    QTest::newRow("a sqlite url is left alone")
        << QStringLiteral("sqlite:////tmp/x.db") << QStringLiteral("sqlite:////tmp/x.db");
    QTest::newRow("a conninfo password is hidden")
        << QStringLiteral("host=localhost password=hunter2 dbname=x")
        << QStringLiteral("host=localhost password=*** dbname=x");
    QTest::newRow("a query-string password is hidden")
        << QStringLiteral("postgresql://h/db?user=u&password=pw&sslmode=disable")
        << QStringLiteral("postgresql://h/db?user=u&password=***&sslmode=disable");
    QTest::newRow("a quoted conninfo password is hidden")
        << QStringLiteral("password='a b c' host=x") << QStringLiteral("password='***' host=x");
    QTest::newRow("plain text is untouched") << QStringLiteral("upgrade ae10 -> 27c6") << QStringLiteral("upgrade ae10 -> 27c6");
    // Passwords written raw (not percent-encoded), with every character that stopped the old
    // pattern: everything up to the last '@' before the host goes.
    QTest::newRow("a raw password with a quote, a space and an at sign")
        << QStringLiteral("invalid database URL 'postgresql://evil:Kq7'Zr8 \"Vt9@Wm3%:Yx4/Uj5@127.0.0.1:5432/db': more than one '@'")
        << QStringLiteral("invalid database URL 'postgresql://evil:***@127.0.0.1:5432/db': more than one '@'");
    QTest::newRow("a raw password with unicode")
        << QStringLiteral("connecting to postgresql://u:p\u00e9\u20ac s@h/d") << QStringLiteral("connecting to postgresql://u:***@h/d");
    QTest::newRow("a user name with an at sign")
        << QStringLiteral("postgresql://me@corp.example:pw@db/x") << QStringLiteral("postgresql://me@corp.example:***@db/x");
    QTest::newRow("two URLs on one line are redacted each")
        << QStringLiteral("env.py uses postgresql://a:x1@h1/d, not postgresql://b:y2@h2/d")
        << QStringLiteral("env.py uses postgresql://a:***@h1/d, not postgresql://b:***@h2/d");
    QTest::newRow("an already redacted URL stays as it is")
        << QStringLiteral("postgresql://a:***@h1/d and postgresql://b:***@h2/d")
        << QStringLiteral("postgresql://a:***@h1/d and postgresql://b:***@h2/d");
    QTest::newRow("a host and port are not a password")
        << QStringLiteral("postgresql://localhost:5432/app") << QStringLiteral("postgresql://localhost:5432/app");
    QTest::newRow("a URL per line: each line on its own")
        << QStringLiteral("postgresql://a:x@h\nmail me@example.com") << QStringLiteral("postgresql://a:***@h\nmail me@example.com");
    QTest::newRow("a double-quoted conninfo password with spaces")
        << QStringLiteral("password=\"a b\" host=x") << QStringLiteral("password=\"***\" host=x");
}

void tst_Redact::redactsPasswords()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(redactUrl(input), expected);
}

QTEST_GUILESS_MAIN(tst_Redact)
#include "tst_Redact.moc"
