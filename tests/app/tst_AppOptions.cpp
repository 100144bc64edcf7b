#include "app/window/AppOptions.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

class tst_AppOptions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void parsesTheDocumentedOptions()
    {
        const Result<AppOptions> o = AppOptions::parse({QStringLiteral("retort"), QStringLiteral("--project"), m_dir.path(),
                                                        QStringLiteral("--screenshot"), QStringLiteral("/tmp/x.png"),
                                                        QStringLiteral("--select"), QStringLiteral("auth@head"),
                                                        QStringLiteral("--url"), QStringLiteral("sqlite:////tmp/a.db"),
                                                        QStringLiteral("--size"), QStringLiteral("1200x800")});
        QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().message));
        QCOMPARE(o->project, m_dir.path());
        QCOMPARE(o->screenshot, QStringLiteral("/tmp/x.png"));
        QCOMPARE(o->select, QStringLiteral("auth@head"));
        QCOMPARE(o->url, QStringLiteral("sqlite:////tmp/a.db"));
        QCOMPARE(o->width, 1200);
        QCOMPARE(o->height, 800);
        QVERIFY(!o->bench);
    }

    void noArgumentsOpenTheDemoAt1400x900()
    {
        const Result<AppOptions> o = AppOptions::parse({QStringLiteral("retort")});
        QVERIFY(o.ok());
        QVERIFY(o->project.isEmpty());
        QCOMPARE(o->width, 1400);
        QCOMPARE(o->height, 900);
    }

    void badInputIsAClearError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("code");
        QTest::newRow("an unknown option") << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("usage");
        QTest::newRow("a positional argument") << QStringList{QStringLiteral("somewhere")} << QStringLiteral("usage");
        QTest::newRow("a screenshot that is not a png") << QStringList{QStringLiteral("--screenshot"), QStringLiteral("x.jpg")}
                                                        << QStringLiteral("usage");
        QTest::newRow("a malformed size") << QStringList{QStringLiteral("--size"), QStringLiteral("big")} << QStringLiteral("usage");
        QTest::newRow("a project that does not exist") << QStringList{QStringLiteral("--project"), QStringLiteral("/no/such/dir")}
                                                       << QStringLiteral("project-not-found");
    }

    void badInputIsAClearError()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, code);
        args.prepend(QStringLiteral("retort"));
        const Result<AppOptions> o = AppOptions::parse(args);
        QVERIFY(!o.ok());
        QCOMPARE(o.error().code, code);
        QVERIFY(!o.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_AppOptions)
#include "tst_AppOptions.moc"
