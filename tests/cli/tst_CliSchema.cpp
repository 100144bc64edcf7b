// retort-cli schema / diff / verify / drift (src/cli/SchemaCommands.cpp) as a user runs them, with
// the real Alembic (RETORT_PYTHON) on generated projects (tests/support/MigrationProject.h), on
// SQLite files and on a throwaway PostgreSQL cluster playing the user's server:
//  - verify finds the one broken downgrade (exit 1) and nothing else; a clean project exits 0;
//  - `schema --at REV --json` equals `tables --json` of a database `alembic upgrade REV` built;
//  - drift lists exactly a dropped index and an extra column made by hand;
//  - no retort_scratch_ database is left on the server, after success, a failing migration or Ctrl+C.

#include "core/db/PgCluster.h"
#include "support/CliProcess.h"
#include "support/MigrationProject.h"
#include "support/SqlTestHelpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace retort;
using namespace retort::test;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

QString describe(const Run& run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(run.exitCode)
        .arg(QString::fromUtf8(run.out.left(3000)), QString::fromUtf8(run.err.left(3000)));
}

// A table object of `tables --json` without what is not schema (row counts).
QJsonArray schemaTables(const QJsonArray& tables)
{
    QJsonArray out;
    for (const QJsonValue& value : tables) {
        QJsonObject table = value.toObject();
        table.remove(QStringLiteral("estimated_rows"));
        table.remove(QStringLiteral("exact_rows"));
        out << table;
    }
    return out;
}

QStringList names(const QJsonArray& objects, const QString& key = QStringLiteral("name"))
{
    QStringList out;
    for (const QJsonValue& v : objects)
        out << v.toObject().value(key).toString();
    return out;
}

} // namespace

class TestCliSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PgCluster m_cluster;
    int m_counter = 0;

    QProcessEnvironment environment(const QMap<QString, QString>& extra = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("cache")));
        env.remove(QStringLiteral("DATABASE_URL"));
        for (auto it = extra.cbegin(); it != extra.cend(); ++it)
            env.insert(it.key(), it.value());
        return env;
    }

    Run run(const QString& program, const QStringList& args, const QString& workdir, const QMap<QString, QString>& extra = {}) const
    {
        QProcess process;
        process.setWorkingDirectory(workdir);
        process.setProcessEnvironment(environment(extra));
        process.start(program, args);
        if (!process.waitForFinished(300000))
            process.kill();
        return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                   process.readAllStandardError()};
    }

    Run cli(const QString& project, const QStringList& args, const QMap<QString, QString>& extra = {}) const
    {
        return run(QStringLiteral(RETORT_CLI), QStringList{QStringLiteral("-p"), project, QStringLiteral("--python"),
                                                           QStringLiteral(RETORT_PYTHON)} + args,
                   project, extra);
    }

    QString newProject(const MigrationProjectOptions& options)
    {
        const QString dir = m_dir.filePath(QStringLiteral("p%1").arg(++m_counter));
        return writeMigrationProject(dir, options) ? dir : QString();
    }

    // A new empty database of the dialect: a SQLite file path's URL, or a database on the cluster.
    QString newDatabase(const QString& dialect)
    {
        if (dialect == QLatin1String("sqlite"))
            return QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("db%1.db").arg(++m_counter));
        const QString name = QStringLiteral("db%1").arg(++m_counter);
        return m_cluster.createDatabase(name) ? m_cluster.url(name) : QString();
    }

    bool alembicUpgrade(const QString& project, const QString& url, const QString& revision) const
    {
        const Run r = run(QStringLiteral(RETORT_PYTHON), {QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("upgrade"), revision},
                          project, {{QStringLiteral("DATABASE_URL"), url}});
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(describe(r)));
        return r.exitCode == 0;
    }

    // The options that put the scratch database for `dialect` on the test's cluster (with consent).
    QStringList scratchOptions(const QString& dialect) const
    {
        if (dialect == QLatin1String("sqlite"))
            return {};
        return {QStringLiteral("--url"), m_cluster.url(QStringLiteral("postgres")), QStringLiteral("--scratch-on-server")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    }

    void init()
    {
        QDir(m_dir.filePath(QStringLiteral("cache"))).removeRecursively();
    }

    void verifyFindsTheBrokenDowngradeAndExitsOne_data() { addDialectRows(); }
    void verifyFindsTheBrokenDowngradeAndExitsOne()
    {
        QFETCH(QString, dialect);
        MigrationProjectOptions options;
        options.revisions = 5;
        options.downgradeLeavesColumn = 3;
        options.branchFrom = 2;
        const QString project = newProject(options);
        const Run json = cli(project, QStringList{QStringLiteral("--json"), QStringLiteral("verify")} + scratchOptions(dialect));
        QVERIFY2(json.exitCode == 1, qPrintable(describe(json)));
        const QJsonObject report = json.json();
        QCOMPARE(report.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(report.value(QStringLiteral("revisions")).toInt(), 8);
        QCOMPARE(report.value(QStringLiteral("checked")).toInt(), 8);
        const QJsonArray findings = report.value(QStringLiteral("findings")).toArray();
        QCOMPARE(names(findings, QStringLiteral("revision")), (QStringList{QStringLiteral("r0003"), QStringLiteral("r0003")}));
        QCOMPARE(names(findings, QStringLiteral("code")),
                 (QStringList{QStringLiteral("downgrade-incomplete"), QStringLiteral("reupgrade-failed")}));
        // The objects that differ, as `tables --json` writes them.
        const QJsonObject changed = findings.at(0).toObject().value(QStringLiteral("diff")).toObject()
                                        .value(QStringLiteral("tables")).toObject().value(QStringLiteral("changed")).toArray().at(0).toObject();
        QCOMPARE(changed.value(QStringLiteral("name")).toString(), QStringLiteral("t2"));
        const QJsonArray added = changed.value(QStringLiteral("columns")).toObject().value(QStringLiteral("added")).toArray();
        QCOMPARE(names(added), QStringList{QStringLiteral("ref3")});
        QCOMPARE(added.at(0).toObject().value(QStringLiteral("nullable")).toBool(), true);
        QVERIFY(findings.at(0).toObject().value(QStringLiteral("path")).toString().endsWith(QLatin1String("0003_r0003.py")));

        const Run text = cli(project, QStringList{QStringLiteral("verify")} + scratchOptions(dialect));
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains("error downgrade-incomplete (0003_r0003.py:"), qPrintable(describe(text)));
        QVERIFY2(text.out.contains("+ column ref3"), qPrintable(describe(text)));
        QVERIFY2(text.err.contains("note: running the project's Alembic on a scratch database"), qPrintable(describe(text)));
        if (dialect == QLatin1String("postgresql")) {
            QVERIFY2(text.err.contains("retort_scratch_"), qPrintable(describe(text)));
            QCOMPARE(scratchDatabasesOn(m_cluster), 0);
            QVERIFY(!text.err.contains(m_cluster.password().toUtf8()));
            QVERIFY(!text.out.contains(m_cluster.password().toUtf8()));
        }
    }

    // env.py keeps the version table in a schema no migration creates (the user's database has it):
    // the scratch database gets that schema before the walk, as Alembic needs it before any step.
    void aVersionTableInItsOwnSchemaVerifies()
    {
        MigrationProjectOptions options;
        options.revisions = 3;
        options.versionTableSchema = QStringLiteral("audit");
        const Run r = cli(newProject(options), QStringList{QStringLiteral("verify")} + scratchOptions(QStringLiteral("postgresql")));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("3 of 3 revisions went up, down and up again"), qPrintable(describe(r)));
        QCOMPARE(scratchDatabasesOn(m_cluster), 0);
    }

    void aCleanProjectVerifiesWithExitZero()
    {
        MigrationProjectOptions options;
        options.revisions = 4;
        options.enumAt = 2;
        const Run r = cli(newProject(options), {QStringLiteral("verify")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("4 of 4 revisions went up, down and up again"), qPrintable(describe(r)));
        QVERIFY(r.out.contains("every downgrade restores its parent's schema"));
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("code");
        QTest::newRow("verify takes no revision") << QStringList{QStringLiteral("verify"), QStringLiteral("r0001")} << "usage";
        QTest::newRow("an unknown option") << QStringList{QStringLiteral("verify"), QStringLiteral("--fast")} << "usage";
        QTest::newRow("schema without a revision") << QStringList{QStringLiteral("schema")} << "usage";
        QTest::newRow("schema at an unknown revision") << QStringList{QStringLiteral("schema"), QStringLiteral("--at"), QStringLiteral("nosuch")}
                                                       << "revision-not-found";
        QTest::newRow("diff with three revisions")
            << QStringList{QStringLiteral("diff"), QStringLiteral("r0001"), QStringLiteral("r0002"), QStringLiteral("r0003")} << "usage";
        QTest::newRow("drift without a database") << QStringList{QStringLiteral("drift")} << "usage";
        QTest::newRow("--scratch-on-server without a server")
            << QStringList{QStringLiteral("verify"), QStringLiteral("--scratch-on-server")} << "usage";
        QTest::newRow("a bad URL") << QStringList{QStringLiteral("--url"), QStringLiteral("postgresql://a:b@host:port/db"), QStringLiteral("verify")}
                                   << "db-url";
    }
    void badInputExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, code);
        MigrationProjectOptions options;
        options.revisions = 2;
        const Run r = cli(newProject(options), QStringList{QStringLiteral("--json")} + args);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        const QString actual = r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
        QVERIFY2(actual == code || (code == QLatin1String("revision-not-found") && !actual.isEmpty()), qPrintable(describe(r)));
    }

    void aBareVersionsFolderCannotRunAlembic()
    {
        MigrationProjectOptions options;
        options.revisions = 2;
        const QString project = newProject(options);
        const Run r = run(QStringLiteral(RETORT_CLI),
                          {QStringLiteral("--versions"), project + QStringLiteral("/migrations/versions"), QStringLiteral("verify")}, project);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
    }

    // `schema --at REV` is what `alembic upgrade REV` builds, object for object, in `tables --json`'s shape.
    void schemaAtEqualsARealDatabaseUpgradedWithAlembic_data() { addDialectRows(); }
    void schemaAtEqualsARealDatabaseUpgradedWithAlembic()
    {
        QFETCH(QString, dialect);
        MigrationProjectOptions options;
        options.revisions = 4;
        options.enumAt = 2;
        options.branchFrom = 3;
        options.branchLength = 1;
        const QString project = newProject(options);
        for (const QString& revision : {QStringLiteral("r0002"), QStringLiteral("s1"), QStringLiteral("m1")}) {
            const QString url = newDatabase(dialect);
            QVERIFY(!url.isEmpty());
            QVERIFY(alembicUpgrade(project, url, revision));
            const Run tables = run(QStringLiteral(RETORT_CLI), {QStringLiteral("--json"), QStringLiteral("--url"), url, QStringLiteral("tables")},
                                   project);
            QVERIFY2(tables.exitCode == 0, qPrintable(describe(tables)));
            const Run schema = cli(project, QStringList{QStringLiteral("--json"), QStringLiteral("schema"), QStringLiteral("--at"), revision}
                                                + scratchOptions(dialect));
            QVERIFY2(schema.exitCode == 0, qPrintable(describe(schema)));
            QCOMPARE(schema.json().value(QStringLiteral("revision")).toString(), revision);
            QCOMPARE(schema.json().value(QStringLiteral("dialect")).toString(), dialect);
            const QJsonArray expected = schemaTables(tables.json().value(QStringLiteral("tables")).toArray());
            const QJsonArray actual = schemaTables(schema.json().value(QStringLiteral("tables")).toArray());
            QVERIFY2(expected == actual, qPrintable(QStringLiteral("%1:\nexpected %2\nactual   %3")
                                                        .arg(revision, QString::fromUtf8(QJsonDocument(expected).toJson(QJsonDocument::Compact)),
                                                             QString::fromUtf8(QJsonDocument(actual).toJson(QJsonDocument::Compact)))));
            QVERIFY(actual.size() >= 3);
        }
        // The schemas are cached: asked again, no scratch database is made.
        const Run again = cli(project, QStringList{QStringLiteral("--json"), QStringLiteral("schema"), QStringLiteral("--at"), QStringLiteral("s1")}
                                           + scratchOptions(dialect));
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
        QCOMPARE(again.json().value(QStringLiteral("from_cache")).toBool(), true);
        QVERIFY(!again.err.contains("scratch database"));
        const Run uncached = cli(project, QStringList{QStringLiteral("--no-cache"), QStringLiteral("--json"), QStringLiteral("schema"),
                                                      QStringLiteral("--at"), QStringLiteral("s1")} + scratchOptions(dialect));
        QCOMPARE(uncached.json().value(QStringLiteral("from_cache")).toBool(), false);
        if (dialect == QLatin1String("postgresql")) {
            const QJsonArray enums = again.json().value(QStringLiteral("enums")).toArray();
            QCOMPARE(names(enums), QStringList{QStringLiteral("mood")});
            QCOMPARE(scratchDatabasesOn(m_cluster), 0);
        }
        // base: nothing
        const Run base = cli(project, {QStringLiteral("--json"), QStringLiteral("schema"), QStringLiteral("--at"), QStringLiteral("base")});
        QVERIFY2(base.exitCode == 0, qPrintable(describe(base)));
        QVERIFY(base.json().value(QStringLiteral("tables")).toArray().isEmpty());
    }

    void diffNamesWhatChanged()
    {
        MigrationProjectOptions options;
        options.revisions = 3;
        options.branchFrom = 1;
        options.branchLength = 1;
        const QString project = newProject(options);
        const Run two = cli(project, {QStringLiteral("--json"), QStringLiteral("diff"), QStringLiteral("r0001"), QStringLiteral("r0003")});
        QVERIFY2(two.exitCode == 0, qPrintable(describe(two)));
        const QJsonObject tables = two.json().value(QStringLiteral("tables")).toObject();
        QCOMPARE(names(tables.value(QStringLiteral("added")).toArray()), (QStringList{QStringLiteral("t2"), QStringLiteral("t3")}));
        QCOMPARE(names(tables.value(QStringLiteral("added")).toArray().at(0).toObject().value(QStringLiteral("columns")).toArray()),
                 (QStringList{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("created"), QStringLiteral("ref3")}));
        QVERIFY(tables.value(QStringLiteral("removed")).toArray().isEmpty());
        QCOMPARE(names(tables.value(QStringLiteral("changed")).toArray()), QStringList{QStringLiteral("t1")});
        QCOMPARE(two.json().value(QStringLiteral("identical")).toBool(), false);

        const Run merge = cli(project, {QStringLiteral("--json"), QStringLiteral("diff"), QStringLiteral("m1")});
        QVERIFY2(merge.exitCode == 0, qPrintable(describe(merge)));
        const QJsonArray changes = merge.json().value(QStringLiteral("changes")).toArray();
        QCOMPARE(names(changes, QStringLiteral("parent")), (QStringList{QStringLiteral("r0003"), QStringLiteral("s1")}));
        const Run text = cli(project, {QStringLiteral("diff"), QStringLiteral("m1")});
        QVERIFY2(text.out.contains("m1 (merge the side branch) against parent r0003 (create t3): 2 object(s)"), qPrintable(describe(text)));
        QVERIFY2(text.out.contains("against parent s1 (side table s1)"), qPrintable(describe(text)));
        QVERIFY2(text.out.contains("  + table main.s1 (3 columns)"), qPrintable(describe(text)));
        const Run same = cli(project, {QStringLiteral("diff"), QStringLiteral("r0002"), QStringLiteral("r0002")});
        QVERIFY2(same.out.contains("No schema difference"), qPrintable(describe(same)));
        const Run base = cli(project, {QStringLiteral("diff"), QStringLiteral("r0001")});
        QVERIFY2(base.out.contains("against an empty database (it is a base)"), qPrintable(describe(base)));
        QVERIFY(!base.out.contains("alembic_version"));
    }

    // A database changed by hand: exactly the dropped index (missing) and the extra column.
    void driftListsExactlyWhatWasChangedByHand_data() { addDialectRows(); }
    void driftListsExactlyWhatWasChangedByHand()
    {
        QFETCH(QString, dialect);
        MigrationProjectOptions options;
        options.revisions = 3;
        options.enumAt = 2;
        const QString project = newProject(options);
        const QString url = newDatabase(dialect);
        QVERIFY(alembicUpgrade(project, url, QStringLiteral("head")));
        const QStringList scratch = dialect == QLatin1String("sqlite") ? QStringList{} : QStringList{QStringLiteral("--scratch-on-server")};

        const Run clean = cli(project, QStringList{QStringLiteral("--url"), url, QStringLiteral("drift")} + scratch);
        QVERIFY2(clean.exitCode == 0, qPrintable(describe(clean)));
        QVERIFY2(clean.out.contains("no drift"), qPrintable(describe(clean)));

        auto connection = connectTo(url);
        QVERIFY(connection);
        QVERIFY(execAll(connection->database(), {QStringLiteral("DROP INDEX ix_t2_name"),
                                                 QStringLiteral("ALTER TABLE t1 ADD COLUMN nickname VARCHAR(20)")}));
        connection.reset();

        const Run drift = cli(project, QStringList{QStringLiteral("--json"), QStringLiteral("--url"), url, QStringLiteral("drift")} + scratch);
        QVERIFY2(drift.exitCode == 1, qPrintable(describe(drift)));
        const QJsonObject report = drift.json();
        QCOMPARE(report.value(QStringLiteral("current")).toArray().at(0).toString(), QStringLiteral("r0003"));
        QCOMPARE(report.value(QStringLiteral("drift")).toBool(), true);
        const QJsonArray extra = report.value(QStringLiteral("extra")).toArray();
        const QJsonArray missing = report.value(QStringLiteral("missing")).toArray();
        QCOMPARE(extra.size(), 1);
        QCOMPARE(extra.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("column"));
        QCOMPARE(extra.at(0).toObject().value(QStringLiteral("table")).toString(), QStringLiteral("t1"));
        QCOMPARE(extra.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("nickname"));
        QCOMPARE(missing.size(), 1);
        QCOMPARE(missing.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("index"));
        QCOMPARE(missing.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("ix_t2_name"));
        QVERIFY(report.value(QStringLiteral("changed")).toArray().isEmpty());

        const Run text = cli(project, QStringList{QStringLiteral("--url"), url, QStringLiteral("schema"), QStringLiteral("--live")} + scratch);
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains("+ column nickname"), qPrintable(describe(text)));
        QVERIFY2(text.out.contains("- index ix_t2_name (name)"), qPrintable(describe(text)));
        if (dialect == QLatin1String("postgresql"))
            QCOMPARE(scratchDatabasesOn(m_cluster), 0);
    }

    void driftOnAnUnversionedDatabaseSaysSo()
    {
        MigrationProjectOptions options;
        options.revisions = 2;
        const QString project = newProject(options);
        const QString path = m_dir.filePath(QStringLiteral("unversioned.db"));
        QVERIFY(writeSqliteFile(path, {QStringLiteral("CREATE TABLE t1 (id INTEGER PRIMARY KEY)")}));
        const Run r = cli(project, {QStringLiteral("--json"), QStringLiteral("--url"), QStringLiteral("sqlite:///") + path, QStringLiteral("drift")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("db-unversioned"));
    }

    // PostgreSQL without consent: a throwaway local cluster (the binaries are installed here).
    void withoutConsentAPostgresProjectGetsALocalCluster()
    {
        MigrationProjectOptions options;
        options.revisions = 2;
        const Run r = cli(newProject(options), {QStringLiteral("--url"), m_cluster.url(QStringLiteral("postgres")), QStringLiteral("verify")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("throwaway PostgreSQL"), qPrintable(describe(r)));
        QCOMPARE(scratchDatabasesOn(m_cluster), 0);
    }

    // Without the server binaries (RETORT_PG_BINDIR elsewhere) and without consent, a PostgreSQL
    // project has nowhere to run: exit 2, saying what to do. A cached answer needs no scratch at all.
    void withoutConsentOrBinariesItAsksForConsentButCachedAnswersStillCome()
    {
        MigrationProjectOptions options;
        options.revisions = 2;
        const QString project = newProject(options);
        const QMap<QString, QString> noBinaries{{QStringLiteral("RETORT_PG_BINDIR"), m_dir.filePath(QStringLiteral("no-such-bin"))}};
        const QStringList server{QStringLiteral("--url"), m_cluster.url(QStringLiteral("postgres"))};
        const Run refused = cli(project, QStringList{QStringLiteral("--json")} + server + QStringList{QStringLiteral("verify")}, noBinaries);
        QVERIFY2(refused.exitCode == 2, qPrintable(describe(refused)));
        const QJsonObject error = refused.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("scratch-consent"));
        QVERIFY(error.value(QStringLiteral("hint")).toString().contains(QLatin1String("--scratch-on-server")));
        QVERIFY(!refused.out.contains(m_cluster.password().toUtf8()));

        const Run computed = cli(project, server + QStringList{QStringLiteral("schema"), QStringLiteral("--at"), QStringLiteral("r0002"),
                                                               QStringLiteral("--scratch-on-server")});
        QVERIFY2(computed.exitCode == 0, qPrintable(describe(computed)));
        const Run cached = cli(project, QStringList{QStringLiteral("--json")} + server
                                            + QStringList{QStringLiteral("schema"), QStringLiteral("--at"), QStringLiteral("r0002")},
                               noBinaries);
        QVERIFY2(cached.exitCode == 0, qPrintable(describe(cached)));
        QCOMPARE(cached.json().value(QStringLiteral("from_cache")).toBool(), true);
        QCOMPARE(scratchDatabasesOn(m_cluster), 0);
    }

    void noScratchDatabaseIsLeftAfterAFailingMigrationOrCtrlC()
    {
        MigrationProjectOptions options;
        options.revisions = 4;
        options.upgradeFails = 2;
        const Run failing = cli(newProject(options), QStringList{QStringLiteral("--json"), QStringLiteral("verify")} + scratchOptions(QStringLiteral("postgresql")));
        QVERIFY2(failing.exitCode == 1, qPrintable(describe(failing)));
        QCOMPARE(names(failing.json().value(QStringLiteral("findings")).toArray(), QStringLiteral("code")), QStringList{QStringLiteral("upgrade-failed")});
        QCOMPARE(scratchDatabasesOn(m_cluster), 0);

        // Ctrl+C in the middle of the walk.
        options.revisions = 60;
        options.upgradeFails = 0;
        const QString project = newProject(options);
        QProcess process;
        process.setWorkingDirectory(project);
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(RETORT_CLI), QStringList{QStringLiteral("-p"), project, QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON),
                                                             QStringLiteral("verify")} + scratchOptions(QStringLiteral("postgresql")));
        QVERIFY(process.waitForStarted());
        QElapsedTimer timer;
        timer.start();
        while (scratchDatabasesOn(m_cluster) == 0 && timer.elapsed() < 30000)
            QThread::msleep(100);
        QCOMPARE(scratchDatabasesOn(m_cluster), 1);
        QThread::msleep(1500); // the walk is under way
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(process.readAllStandardError().contains("cancelled"), "retort-cli says it was cancelled");
        QCOMPARE(scratchDatabasesOn(m_cluster), 0);
    }

    void cleanupTestCase() { m_cluster.stop(); }
};

QTEST_GUILESS_MAIN(TestCliSchema)
#include "tst_CliSchema.moc"
