// What retort-cli says, read by people (issue #18): a stamp reads as a stamp, a relative target
// names the revision it resolves to, a connection error is printed once, $DATABASE_URL is used
// (and said) when --url is absent, a `%` in a URL does not garble a message, and a hint's example
// URL is not masked as if it held a password. Real retort-cli, real Alembic, real SQLite.

#include "app/AppTestSupport.h"
#include "support/CliProcess.h"

#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

namespace {

const QString kCli = QStringLiteral(RETORT_CLI);
const QString kPython = QStringLiteral(RETORT_PYTHON);

test::ProcessRun cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(kCli, args);
    test::ProcessRun r;
    if (!p.waitForStarted() || !p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class tst_CliTexts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("project"));
        QVERIFY(testsupport::writeSmallProject(m_project, "    pass"));
    }

    void aStampReadsAsAStamp()
    {
        const QString url = testsupport::createSqlite(m_dir.filePath(QStringLiteral("stamp.db")));
        const test::ProcessRun r = cli({QStringLiteral("-p"), m_project, QStringLiteral("--url"), url, QStringLiteral("--python"), kPython,
                                        QStringLiteral("stamp"), QStringLiteral("bbbb2222")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QStringLiteral("stamp base -> bbbb2222 (alembic_version only, no migration runs)")), qPrintable(out));
        QVERIFY2(!out.contains(QStringLiteral("upgrade  -> bbbb2222")), qPrintable(out));
    }

    void aRelativeTargetNamesWhereItGoes()
    {
        const QString url = testsupport::createSqlite(m_dir.filePath(QStringLiteral("relative.db")));
        test::ProcessRun up = cli({QStringLiteral("-p"), m_project, QStringLiteral("--url"), url, QStringLiteral("--python"), kPython,
                                   QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(up.exitCode == 0, up.err.constData());
        QVERIFY2(QString::fromUtf8(up.out).contains(QStringLiteral("to heads (= cccc3333): 3 steps")), up.out.constData());
        const test::ProcessRun down = cli({QStringLiteral("-p"), m_project, QStringLiteral("--url"), url, QStringLiteral("--python"),
                                           kPython, QStringLiteral("downgrade"), QStringLiteral("-1")});
        QVERIFY2(down.exitCode == 0, down.err.constData());
        QVERIFY2(QString::fromUtf8(down.out).contains(QStringLiteral("from cccc3333 to -1 (= bbbb2222): 1 step,")), down.out.constData());
    }

    void aConnectionErrorIsPrintedOnce()
    {
        const test::ProcessRun r = cli({QStringLiteral("--url"), QStringLiteral("postgresql://someone:secret@127.0.0.1:1/app"),
                                        QStringLiteral("current")});
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromUtf8(r.err);
        QCOMPARE(err.count(QStringLiteral("cannot connect")), 1);
        QVERIFY(!err.contains(QStringLiteral("secret")));
    }

    void currentUsesDatabaseUrlAndSaysSo()
    {
        const QString url = testsupport::createSqlite(m_dir.filePath(QStringLiteral("env.db")));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DATABASE_URL"), url);
        const test::ProcessRun r = cli({QStringLiteral("current")}, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("using $DATABASE_URL")), r.err.constData());
        QVERIFY2(QString::fromUtf8(r.out).contains(QStringLiteral("No version table")), r.out.constData());
        env.remove(QStringLiteral("DATABASE_URL"));
        const test::ProcessRun none = cli({QStringLiteral("current")}, env);
        QCOMPARE(none.exitCode, 2);
        // The example in the hint is shown as written, not masked.
        QVERIFY2(!none.err.contains("***"), none.err.constData());
    }

    // A file name with "%1" in it: one arg() call, nothing substituted into the URL.
    void aPercentInAUrlIsKeptAsIs()
    {
        const QString path = m_dir.filePath(QStringLiteral("odd%1name%3A.db"));
        const QString url = testsupport::createSqlite(path);
        const test::ProcessRun r = cli({QStringLiteral("-p"), m_project, QStringLiteral("--url"), url, QStringLiteral("--python"), kPython,
                                        QStringLiteral("upgrade"), QStringLiteral("aaaa1111")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.out).contains(QStringLiteral("odd%1name%3A.db")), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(tst_CliTexts)
#include "tst_CliTexts.moc"
