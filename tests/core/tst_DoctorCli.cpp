// `retort-cli doctor`: JSON and text output, exit codes (1 when any finding is an error), the
// alembic.ini fallback for a project that does not load, and no password in any output.

#include "support/PgCluster.h"
#include "tst_DoctorSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace retort;
using namespace retort::doctortest;

namespace {

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(RETORT_CLI), args);
    CliRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("retort-cli did not finish");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QJsonArray findingsOf(const CliRun& run)
{
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8());
    return doc.object().value(QStringLiteral("findings")).toArray();
}

QJsonObject findingWithId(const QJsonArray& findings, const QString& id)
{
    for (const QJsonValue& v : findings) {
        if (v.toObject().value(QStringLiteral("id")).toString() == id)
            return v.toObject();
    }
    return {};
}

QString explain(const CliRun& run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(run.exitCode).arg(run.out, run.err);
}

} // namespace

class tst_DoctorCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void brokenProjectAsJsonExitsOne();
    void brokenProjectAsTextIsGroupedBySeverity();
    void demoProjectExitsZero();
    void wrongScriptLocationIsDiagnosedFromTheIni();
    void warningsAloneExitZeroWithTheFixCommand();
    void unreachableDatabaseKeepsThePasswordSecret();
    void badArgumentsExitTwo();
};

void tst_DoctorCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo::exists(QStringLiteral(RETORT_CLI)), RETORT_CLI);
}

void tst_DoctorCli::brokenProjectAsJsonExitsOne()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("no_offline")));
    const QString second = project.writeRevision(QStringLiteral("0002aaaabbbb"), QStringLiteral("'0001aaaabbbb'"));

    const CliRun run = runCli({QStringLiteral("-p"), project.root(), QStringLiteral("--json"), QStringLiteral("doctor")});
    QVERIFY2(run.exitCode == 1, qPrintable(explain(run)));
    const QJsonArray findings = findingsOf(run);
    QVERIFY2(!findings.isEmpty(), qPrintable(explain(run)));
    const QJsonObject missing = findingWithId(findings, QStringLiteral("graph-missing-parent"));
    QVERIFY2(!missing.isEmpty(), qPrintable(explain(run)));
    QCOMPARE(missing.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
    QCOMPARE(missing.value(QStringLiteral("path")).toString(), second);
    QCOMPARE(missing.value(QStringLiteral("line")).toInt(), lineOf(second, QStringLiteral("down_revision = ")));
    QCOMPARE(missing.value(QStringLiteral("revision")).toString(), QStringLiteral("0002aaaabbbb"));
    for (const QString& key : {QStringLiteral("message"), QStringLiteral("hint")})
        QVERIFY(!missing.value(key).toString().isEmpty());
    const QJsonObject offline = findingWithId(findings, QStringLiteral("env-missing-offline"));
    QCOMPARE(offline.value(QStringLiteral("path")).toString(), project.envPy());
    // Errors come first.
    QCOMPARE(findings.first().toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
}

void tst_DoctorCli::brokenProjectAsTextIsGroupedBySeverity()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("metadata_not_passed")));
    project.writeRevision(QStringLiteral("0002aaaabbbb"), QStringLiteral("'0001aaaabbbb'"));

    const CliRun run = runCli({QStringLiteral("-p"), project.root(), QStringLiteral("doctor")});
    QVERIFY2(run.exitCode == 1, qPrintable(explain(run)));
    const int errors = int(run.out.indexOf(QStringLiteral("Errors:\n")));
    const int warnings = int(run.out.indexOf(QStringLiteral("Warnings:\n")));
    QVERIFY2(errors >= 0 && warnings > errors, qPrintable(explain(run)));
    const QString downLine = QString::number(lineOf(project.versions() + QStringLiteral("/0002aaaabbbb_rev.py"), QStringLiteral("down_revision = ")));
    QVERIFY2(run.out.contains(QStringLiteral("  migrations/versions/0002aaaabbbb_rev.py:") + downLine + QStringLiteral(": the history starts at")),
             qPrintable(explain(run)));
    QVERIFY2(run.out.contains(QStringLiteral("  migrations/env.py:%1: target_metadata is defined but never passed")
                                  .arg(lineOf(project.envPy(), QStringLiteral("target_metadata = Base.metadata")))),
             qPrintable(explain(run)));
    QVERIFY2(run.out.contains(QStringLiteral("hint: ")), qPrintable(explain(run)));
}

void tst_DoctorCli::demoProjectExitsZero()
{
    const QString demo = QStringLiteral(RETORT_SOURCE_DIR "/examples/cityscope");
    const CliRun json = runCli({QStringLiteral("-p"), demo, QStringLiteral("--json"), QStringLiteral("doctor")});
    QVERIFY2(json.exitCode == 0, qPrintable(explain(json)));
    const QJsonDocument doc = QJsonDocument::fromJson(json.out.toUtf8());
    QVERIFY2(doc.isObject() && doc.object().value(QStringLiteral("findings")).isArray(), qPrintable(explain(json)));
    for (const QJsonValue& v : doc.object().value(QStringLiteral("findings")).toArray())
        QVERIFY2(v.toObject().value(QStringLiteral("severity")).toString() != QLatin1String("error"), qPrintable(explain(json)));
    const CliRun text = runCli({QStringLiteral("-p"), demo, QStringLiteral("doctor")});
    QVERIFY2(text.exitCode == 0 && !text.out.contains(QStringLiteral("Errors:")), qPrintable(explain(text)));
    // which Alembic's rules the checks followed
    const QJsonObject alembic = doc.object().value(QStringLiteral("alembic")).toObject();
    QVERIFY2(alembic.value(QStringLiteral("description")).toString().startsWith(QStringLiteral("Alembic ")), qPrintable(explain(json)));
    QVERIFY2(text.out.startsWith(QStringLiteral("Following Alembic ")), qPrintable(explain(text)));
    const CliRun given = runCli({QStringLiteral("-p"), demo, QStringLiteral("--alembic-version"), QStringLiteral("1.19.1"),
                                 QStringLiteral("--json"), QStringLiteral("doctor")});
    QCOMPARE(QJsonDocument::fromJson(given.out.toUtf8()).object().value(QStringLiteral("alembic")).toObject().value(QStringLiteral("version")).toString(),
             QStringLiteral("1.19.1"));
}

void tst_DoctorCli::wrongScriptLocationIsDiagnosedFromTheIni()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni(QStringLiteral("script_location = %(here)s/alembic\n")));
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    const CliRun run = runCli({QStringLiteral("-p"), project.root(), QStringLiteral("--json"), QStringLiteral("doctor")});
    QVERIFY2(run.exitCode == 1, qPrintable(explain(run)));
    const QJsonObject f = findingWithId(findingsOf(run), QStringLiteral("ini-script-location"));
    QVERIFY2(!f.isEmpty(), qPrintable(explain(run)));
    QCOMPARE(f.value(QStringLiteral("path")).toString(), project.ini());
    QCOMPARE(f.value(QStringLiteral("line")).toInt(), lineOf(project.ini(), QStringLiteral("script_location")));
    QVERIFY2(f.value(QStringLiteral("hint")).toString().contains(QStringLiteral("%(here)s/migrations")), qPrintable(explain(run)));
}

void tst_DoctorCli::warningsAloneExitZeroWithTheFixCommand()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("a1a1a1a1a1a1"), QStringLiteral("None"));
    project.writeRevision(QStringLiteral("b2b2b2b2b2b2"), QStringLiteral("'a1a1a1a1a1a1'"));
    // A SQLite database one revision behind.
    const QString file = project.path(QStringLiteral("app.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("cli-test"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO alembic_version VALUES ('a1a1a1a1a1a1')")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("cli-test"));

    const CliRun run = runCli({QStringLiteral("-p"), project.root(), QStringLiteral("--url"), QStringLiteral("sqlite:///") + file,
                               QStringLiteral("--json"), QStringLiteral("doctor"), QStringLiteral("--no-bridge")});
    QVERIFY2(run.exitCode == 0, qPrintable(explain(run)));
    const QJsonObject behind = findingWithId(findingsOf(run), QStringLiteral("db-behind"));
    QVERIFY2(!behind.isEmpty(), qPrintable(explain(run)));
    QCOMPARE(behind.value(QStringLiteral("fix")).toString(), QStringLiteral("alembic upgrade head"));
    QCOMPARE(behind.value(QStringLiteral("revision")).toString(), QStringLiteral("b2b2b2b2b2b2"));
}

void tst_DoctorCli::unreachableDatabaseKeepsThePasswordSecret()
{
    const QString demo = QStringLiteral(RETORT_SOURCE_DIR "/examples/cityscope");
    const QString url = QStringLiteral("postgresql://app:Sup3rSecretPw@127.0.0.1:%1/app").arg(PgCluster::freePort());
    for (const bool json : {true, false}) {
        QStringList args{QStringLiteral("-p"), demo, QStringLiteral("--url"), url, QStringLiteral("doctor"), QStringLiteral("--no-bridge")};
        if (json)
            args << QStringLiteral("--json");
        const CliRun run = runCli(args);
        QVERIFY2(run.exitCode == 1, qPrintable(explain(run)));
        QVERIFY2(run.out.contains(QStringLiteral("db-connect")), qPrintable(explain(run)));
        QVERIFY2(!run.out.contains(QStringLiteral("Sup3rSecretPw")) && !run.err.contains(QStringLiteral("Sup3rSecretPw")),
                 qPrintable(explain(run)));
    }
}

void tst_DoctorCli::badArgumentsExitTwo()
{
    const QString demo = QStringLiteral(RETORT_SOURCE_DIR "/examples/cityscope");
    const CliRun extra = runCli({QStringLiteral("-p"), demo, QStringLiteral("doctor"), QStringLiteral("now")});
    QVERIFY2(extra.exitCode == 2, qPrintable(explain(extra)));
    const CliRun option = runCli({QStringLiteral("-p"), demo, QStringLiteral("--json"), QStringLiteral("doctor"), QStringLiteral("--bogus")});
    QVERIFY2(option.exitCode == 2, qPrintable(explain(option)));
    QVERIFY2(option.out.contains(QStringLiteral("\"error\"")), qPrintable(explain(option)));
    QTemporaryDir empty;
    const CliRun nothing = runCli({QStringLiteral("-p"), empty.path(), QStringLiteral("doctor")});
    QVERIFY2(nothing.exitCode == 2, qPrintable(explain(nothing)));
}

QTEST_GUILESS_MAIN(tst_DoctorCli)
#include "tst_DoctorCli.moc"
