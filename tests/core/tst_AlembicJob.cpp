// AlembicJob: real Alembic runs (RETORT_PYTHON) against SQLite files and the throwaway PostgreSQL,
// with alembic_version re-read by Retort afterwards: targets, stamp, failure at step k with and
// without transaction_per_migration, cancel, the server going away, a wrong expectation, a URL
// mismatch, a custom version table, and the job on a worker thread.

#include "core/alembic/Project.h"
#include "core/exec/AlembicJob.h"
#include "core/exec/PythonLocator.h"
#include "core/graph/Planner.h"
#include "core/graph/RevisionGraph.h"
#include "support/PgCluster.h"
#include "support/TestTree.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace retort;

namespace {

const QString kRev1 = QStringLiteral("1f0c3b7a9d01");
const QString kRev2 = QStringLiteral("2e7d9a4c1b02");
const QString kRev3 = QStringLiteral("3d6e8f1a2c03");
const QString kRev4 = QStringLiteral("4c5b7e2d3f04");
const QString kRev5 = QStringLiteral("5b4a6d3e4a05");
const QStringList kAll{kRev1, kRev2, kRev3, kRev4, kRev5};

JobExpectation upgradeFromBase(int steps)
{
    JobExpectation expectation;
    expectation.known = true;
    for (int i = 0; i < steps; ++i)
        expectation.steps << ExpectedStep{kAll.at(i), QStringLiteral("upgrade"), {}};
    expectation.resultingHeads = steps > 0 ? QStringList{kAll.at(steps - 1)} : QStringList{};
    return expectation;
}

} // namespace

class tst_AlembicJob : public QObject
{
    Q_OBJECT

private:
    QString m_source = QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bridge/linear");
    // SQLite commits fsync; on tmpfs the many real Alembic runs stay fast (the fsync cost is Alembic's).
    QTemporaryDir m_dir{fastTempPath(QStringLiteral("tst_AlembicJob-XXXXXX"))};
    int m_counter = 0;
    PgCluster m_cluster;
    bool m_clusterUp = false;

    struct Project
    {
        QString root;
        QString ini;
        QString url;
    };

    Project sqliteProject()
    {
        const QString root = m_dir.filePath(QStringLiteral("p%1").arg(++m_counter));
        copyTree(m_source, root);
        return Project{root, root + QStringLiteral("/alembic.ini"), QStringLiteral("sqlite:///") + root + QStringLiteral("/test.db")};
    }

    Project pgProject()
    {
        const QString root = m_dir.filePath(QStringLiteral("p%1").arg(++m_counter));
        copyTree(m_source, root);
        const QString db = QStringLiteral("job%1").arg(m_counter);
        const Status created = m_cluster.createDatabase(db);
        if (!created.ok())
            qWarning("%s", qPrintable(created.error().toString()));
        return Project{root, root + QStringLiteral("/alembic.ini"), m_cluster.url(db)};
    }

    JobRequest makeRequest(const Project& project, BridgeOp op, const QString& target)
    {
        JobRequest request;
        request.python.kind = InterpreterKind::Override;
        request.python.program = QStringLiteral(RETORT_PYTHON);
        request.python.description = request.python.program;
        request.bridge.op = op;
        request.bridge.configFile = project.ini;
        request.bridge.workingDirectory = project.root;
        request.bridge.target = target;
        request.bridge.overrideUrl = project.url;
        request.bridge.timeoutMs = 90000;
        request.bridge.graceMs = 2000;
        request.rereadVersions = true;
        return request;
    }

    JobResult runJob(const JobRequest& request)
    {
        AlembicJob job(request);
        return job.run();
    }

    QString pgDatabase(const Project& project) const { return project.url.section(QLatin1Char('/'), -1); }

    // The tables of the test project present in a PostgreSQL database, sorted.
    QStringList pgTables(const Project& project)
    {
        const Result<QString> out = m_cluster.psql(
            QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"),
            pgDatabase(project));
        if (!out.ok())
            return {QStringLiteral("<psql failed: %1>").arg(out.error().message)};
        return out->split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    // Waits until no backend of the database is busy (a killed client's transaction is rolled back
    // by the server once it notices).
    bool waitForIdleDatabase(const Project& project, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            const Result<QString> out = m_cluster.psql(
                QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = '%1' AND pid <> pg_backend_pid()")
                    .arg(pgDatabase(project)));
            if (out.ok() && out->trimmed() == QLatin1String("0"))
                return true;
            QThread::msleep(200);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(), "RETORT_PYTHON (a Python with alembic) is required");
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
        m_clusterUp = true;
    }

    void cleanupTestCase() { m_cluster.stop(); }

    void upgradeHeadsOnSqliteMatchesThePlan()
    {
        const Project project = sqliteProject();
        JobRequest request = makeRequest(project, BridgeOp::Upgrade, QStringLiteral("heads"));
        request.expected = upgradeFromBase(5);
        AlembicJob job(request);
        QSignalSpy started(&job, &AlembicJob::stepStarted);
        QSignalSpy finished(&job, &AlembicJob::stepFinished);
        QSignalSpy done(&job, &AlembicJob::finished);
        QSignalSpy url(&job, &AlembicJob::urlResolved);
        const JobResult result = job.run();
        QVERIFY2(result.ok, qPrintable(result.error.toString()));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(started.count(), 5);
        QCOMPARE(finished.count(), 5);
        QCOMPARE(done.count(), 1);
        QCOMPARE(url.count(), 1);
        QCOMPARE(started.at(2).at(0).value<StepEvent>().revision, kRev3);
        QCOMPARE(finished.at(4).at(0).value<StepEvent>().headsAfter, QStringList{kRev5});
        QCOMPARE(result.versionSource, QStringLiteral("retort"));
        QCOMPARE(result.versionAfter, QStringList{kRev5});
        QVERIFY(result.matchesExpected);
        QVERIFY2(result.discrepancies.isEmpty(), qPrintable(result.discrepancies.join(QLatin1Char('\n'))));
        QVERIFY(result.outcome.contains(QStringLiteral("as planned")));
        QCOMPARE(result.toJson().value(QStringLiteral("alembic_version")).toArray(), QJsonArray{kRev5});
    }

    void generatedProjectsRunAsPlanned_data()
    {
        QTest::addColumn<int>("seed");
        QTest::newRow("a mixed 30-revision graph, seed 3") << 3;
        QTest::newRow("a mixed 30-revision graph, seed 11") << 11;
        QTest::newRow("a mixed 30-revision graph, seed 29") << 29;
    }

    // Branches, merges, labels, depends_on and several bases from the differential tests'
    // generator: Retort's plan, Alembic's run and the re-read alembic_version all agree.
    void generatedProjectsRunAsPlanned()
    {
        QFETCH(int, seed);
        const QString out = m_dir.filePath(QStringLiteral("gen%1").arg(seed));
        QProcess generator;
        generator.start(QStringLiteral(RETORT_PYTHON),
                        {QStringLiteral(RETORT_SOURCE_DIR "/tests/differential/gen_project.py"), QStringLiteral("--seed"),
                         QString::number(seed), QStringLiteral("--revisions"), QStringLiteral("30"), QStringLiteral("--profile"),
                         QStringLiteral("mixed"), QStringLiteral("--odd"), QStringLiteral("0.5"), QStringLiteral("--plans"),
                         QStringLiteral("0"), QStringLiteral("--no-crash-shapes"), QStringLiteral("--out"), out});
        QVERIFY(generator.waitForFinished(60000));
        QVERIFY2(generator.exitCode() == 0, generator.readAllStandardError().constData());
        const QString root = out + QStringLiteral("/project");
        const Result<LoadedProject> project = loadProject(root);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error().toString()));
        const Result<RevisionGraph> graph = RevisionGraph::build(project->files, RevisionGraph::Mode::Strict);
        QVERIFY2(graph.ok(), qPrintable(graph.ok() ? QString() : graph.error().toString()));

        const Project target{root, root + QStringLiteral("/alembic.ini"), QStringLiteral("sqlite:///") + root + QStringLiteral("/gen.db")};
        const Result<Plan> up = Planner::plan(*graph, {}, Direction::Upgrade, QStringLiteral("heads"));
        QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().toString()));
        JobRequest request = makeRequest(target, BridgeOp::Upgrade, QStringLiteral("heads"));
        request.expected = expectationFromPlan(*up);
        const JobResult upgraded = runJob(request);
        QVERIFY2(upgraded.ok, qPrintable(upgraded.error.toString() + QLatin1Char(' ') + upgraded.discrepancies.join(QLatin1Char('\n'))));
        QVERIFY(upgraded.matchesExpected);
        QCOMPARE(upgraded.finishedSteps.size(), up->steps.size());

        const Result<Plan> down = Planner::plan(*graph, upgraded.versionAfter, Direction::Downgrade, QStringLiteral("base"));
        QVERIFY2(down.ok(), qPrintable(down.ok() ? QString() : down.error().toString()));
        request = makeRequest(target, BridgeOp::Downgrade, QStringLiteral("base"));
        request.expected = expectationFromPlan(*down);
        const JobResult downgraded = runJob(request);
        QVERIFY2(downgraded.ok, qPrintable(downgraded.error.toString() + QLatin1Char(' ') + downgraded.discrepancies.join(QLatin1Char('\n'))));
        QVERIFY(downgraded.versionAfter.isEmpty());
        QCOMPARE(downgraded.finishedSteps.size(), down->steps.size());
    }

    void targetsAreAlembics_data()
    {
        QTest::addColumn<QString>("setup");  // an upgrade target run first ("" = none)
        QTest::addColumn<int>("op");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("expectedVersion");
        QTest::addColumn<int>("expectedSteps");

        QTest::newRow("upgrade by a relative +2 from base")
            << QString() << int(BridgeOp::Upgrade) << QStringLiteral("+2") << QStringList{kRev2} << 2;
        QTest::newRow("upgrade to a labelled head")
            << QString() << int(BridgeOp::Upgrade) << QStringLiteral("catalog@head") << QStringList{kRev5} << 5;
        QTest::newRow("upgrade to a partial id")
            << QString() << int(BridgeOp::Upgrade) << QStringLiteral("3d6e") << QStringList{kRev3} << 3;
        QTest::newRow("downgrade by a relative -1 from the head")
            << QStringLiteral("heads") << int(BridgeOp::Downgrade) << QStringLiteral("-1") << QStringList{kRev4} << 1;
        QTest::newRow("downgrade to base from the head")
            << QStringLiteral("heads") << int(BridgeOp::Downgrade) << QStringLiteral("base") << QStringList{} << 5;
        // The label is inherited down to the first revision, so its base is the tree's base.
        QTest::newRow("downgrade to a labelled base")
            << QStringLiteral("heads") << int(BridgeOp::Downgrade) << QStringLiteral("catalog@base") << QStringList{} << 5;
        QTest::newRow("stamp a revision on an empty database")
            << QString() << int(BridgeOp::Stamp) << kRev4 << QStringList{kRev4} << 1;
        QTest::newRow("stamp base on an upgraded database")
            << QStringLiteral("heads") << int(BridgeOp::Stamp) << QStringLiteral("base") << QStringList{} << 1;
    }

    void targetsAreAlembics()
    {
        QFETCH(QString, setup);
        QFETCH(int, op);
        QFETCH(QString, target);
        QFETCH(QStringList, expectedVersion);
        QFETCH(int, expectedSteps);

        const Project project = sqliteProject();
        if (!setup.isEmpty()) {
            const JobResult first = runJob(makeRequest(project, BridgeOp::Upgrade, setup));
            QVERIFY2(first.ok, qPrintable(first.error.toString()));
        }
        const JobResult result = runJob(makeRequest(project, BridgeOp(op), target));
        QVERIFY2(result.ok, qPrintable(result.error.toString() + QLatin1Char(' ') + result.outcome));
        QCOMPARE(result.versionAfter, expectedVersion);
        QCOMPARE(int(result.finishedSteps.size()), expectedSteps);
        QCOMPARE(result.expectedHeads, expectedVersion); // Alembic's own bookkeeping agrees
        QVERIFY(result.matchesExpected);
    }

    void aWrongExpectationIsReportedNotHidden()
    {
        const Project project = sqliteProject();
        JobRequest request = makeRequest(project, BridgeOp::Upgrade, QStringLiteral("heads"));
        request.expected = upgradeFromBase(4); // the "plan" stops one step early
        const JobResult result = runJob(request);
        QVERIFY(!result.ok);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.error.code, QStringLiteral("state-mismatch"));
        QCOMPARE(result.versionAfter, QStringList{kRev5});
        QVERIFY(!result.matchesExpected);
        const QString all = result.discrepancies.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("Retort planned")) && all.contains(QStringLiteral("expected ") + kRev4), qPrintable(all));
    }

    void failureAtStepKOnSqliteKeepsTheEarlierSteps()
    {
        const Project project = sqliteProject();
        ScopedEnv env;
        env.set("BRIDGE_FAIL_AT", kRev3);
        JobRequest request = makeRequest(project, BridgeOp::Upgrade, QStringLiteral("heads"));
        request.expected = upgradeFromBase(5);
        const JobResult result = runJob(request);
        QVERIFY(!result.ok);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.error.code, QStringLiteral("migration-failed"));
        QCOMPARE(result.failedRevision, kRev3);
        QCOMPARE(result.failedStepIndex, 2);
        QVERIFY2(result.error.message.contains(QStringLiteral("migration %1 failed: deliberate failure in %1").arg(kRev3)),
                 qPrintable(result.error.message));
        QVERIFY(result.traceback.contains(QStringLiteral("RuntimeError")));
        QCOMPARE(result.versionAfter, QStringList{kRev2});
        QVERIFY2(result.outcome.contains(QStringLiteral("2 step(s) before it stayed applied"))
                     && result.outcome.contains(QStringLiteral("no transactional DDL")),
                 qPrintable(result.outcome));
        QVERIFY2(result.discrepancies.isEmpty(), qPrintable(result.discrepancies.join(QLatin1Char('\n'))));
    }

    void theVersionTableEnvPyConfiguresIsTheOneReRead()
    {
        const Project project = sqliteProject();
        ScopedEnv env;
        env.set("BRIDGE_VERSION_TABLE", QStringLiteral("shop_versions"));
        JobRequest request = makeRequest(project, BridgeOp::Upgrade, QStringLiteral("+3"));
        const JobResult result = runJob(request); // request.versionTable still says alembic_version
        QVERIFY2(result.ok, qPrintable(result.error.toString() + QLatin1Char(' ') + result.outcome));
        QCOMPARE(result.url.value(QStringLiteral("version_table")).toString(), QStringLiteral("shop_versions"));
        QCOMPARE(result.versionAfter, QStringList{kRev3});
    }

    void anEnvPyConnectingElsewhereRunsNothing()
    {
        const Project project = sqliteProject();
        QFile env(project.root + QStringLiteral("/migrations/env.py"));
        QVERIFY(env.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(env.readAll());
        env.close();
        text.replace(QStringLiteral("return os.environ.get(\"DATABASE_URL\") or config.get_main_option(\"sqlalchemy.url\")"),
                     QStringLiteral("return \"sqlite:///\" + os.path.join(os.path.dirname(config.config_file_name), \"other.db\")"));
        QVERIFY(env.open(QIODevice::WriteOnly | QIODevice::Truncate));
        env.write(text.toUtf8());
        env.close();

        const JobResult result = runJob(makeRequest(project, BridgeOp::Upgrade, QStringLiteral("heads")));
        QVERIFY(!result.ok);
        QCOMPARE(result.error.code, QStringLiteral("url-mismatch"));
        QVERIFY(result.finishedSteps.isEmpty());
        QVERIFY(result.versionKnown);
        QVERIFY(result.versionAfter.isEmpty());
        // env.py's connect() creates the SQLite file, but nothing was written to it.
        QCOMPARE(QFileInfo(project.root + QStringLiteral("/other.db")).size(), qint64(0));
        QVERIFY(!QFileInfo::exists(project.root + QStringLiteral("/test.db")));
    }

    void cancelFromAnotherThreadStopsTheRun()
    {
        const Project project = sqliteProject();
        ScopedEnv env;
        env.set("BRIDGE_SLEEP_AT", kRev3);
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("60"));
        QThread thread;
        auto* job = new AlembicJob(makeRequest(project, BridgeOp::Upgrade, QStringLiteral("heads")));
        job->moveToThread(&thread);
        connect(&thread, &QThread::started, job, &AlembicJob::start);
        connect(&thread, &QThread::finished, job, &QObject::deleteLater);
        connect(job, &AlembicJob::stepStarted, this, [job](const StepEvent& step) {
            if (step.revision == kRev3)
                job->requestCancel(); // from the test's thread, while the worker is busy
        });
        JobResult result;
        bool gotResult = false;
        connect(job, &AlembicJob::finished, this, [&](const JobResult& r) {
            result = r;
            gotResult = true;
        });
        QElapsedTimer clock;
        clock.start();
        thread.start();
        QTRY_VERIFY_WITH_TIMEOUT(gotResult, 30000);
        thread.quit();
        thread.wait();
        QVERIFY(clock.elapsed() < 30000);
        QVERIFY(result.cancelled);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.error.code, QStringLiteral("cancelled"));
        QCOMPARE(result.failedRevision, kRev3);
        QCOMPARE(result.versionAfter, QStringList{kRev2});
        QVERIFY2(result.outcome.contains(QStringLiteral("cancelled")), qPrintable(result.outcome));
    }

    void postgresUpgradeAndDowngrade()
    {
        QVERIFY(m_clusterUp);
        const Project project = pgProject();
        JobRequest up = makeRequest(project, BridgeOp::Upgrade, QStringLiteral("heads"));
        up.expected = upgradeFromBase(5);
        const JobResult upgraded = runJob(up);
        QVERIFY2(upgraded.ok, qPrintable(upgraded.error.toString() + QLatin1Char(' ') + upgraded.outcome));
        QCOMPARE(upgraded.versionAfter, QStringList{kRev5});
        QCOMPARE(upgraded.url.value(QStringLiteral("transactional_ddl")).toBool(), true);
        QVERIFY(!upgraded.url.value(QStringLiteral("url")).toString().contains(m_cluster.password()));
        QCOMPARE(pgTables(project), (QStringList{QStringLiteral("alembic_version"), QStringLiteral("customers"),
                                                 QStringLiteral("orders"), QStringLiteral("products")}));

        const JobResult downgraded = runJob(makeRequest(project, BridgeOp::Downgrade, QStringLiteral("base")));
        QVERIFY2(downgraded.ok, qPrintable(downgraded.error.toString()));
        QVERIFY(downgraded.versionAfter.isEmpty());
        QCOMPARE(pgTables(project), QStringList{QStringLiteral("alembic_version")});
    }

    void postgresFailureAtStepK_data()
    {
        QTest::addColumn<bool>("perMigration");
        QTest::addColumn<QStringList>("expectedVersion");
        QTest::addColumn<QStringList>("expectedTables");
        QTest::addColumn<QString>("outcomePart");
        QTest::newRow("one transaction: nothing is applied")
            << false << QStringList{} << QStringList{} << QStringLiteral("nothing was applied");
        QTest::newRow("transaction_per_migration: the steps before stay applied")
            << true << QStringList{kRev2}
            << QStringList{QStringLiteral("alembic_version"), QStringLiteral("customers"), QStringLiteral("products")}
            << QStringLiteral("transaction_per_migration commits each step");
    }

    void postgresFailureAtStepK()
    {
        QFETCH(bool, perMigration);
        QFETCH(QStringList, expectedVersion);
        QFETCH(QStringList, expectedTables);
        QFETCH(QString, outcomePart);

        QVERIFY(m_clusterUp);
        const Project project = pgProject();
        ScopedEnv env;
        env.set("BRIDGE_FAIL_AT", kRev3);
        if (perMigration)
            env.set("BRIDGE_TPM", QStringLiteral("1"));
        JobRequest request = makeRequest(project, BridgeOp::Upgrade, QStringLiteral("heads"));
        request.expected = upgradeFromBase(5);
        const JobResult result = runJob(request);
        QVERIFY(!result.ok);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.failedRevision, kRev3);
        QVERIFY(result.error.message.contains(QStringLiteral("deliberate failure in ") + kRev3));
        QCOMPARE(result.versionSource, QStringLiteral("retort"));
        QCOMPARE(result.versionAfter, expectedVersion);
        QVERIFY2(result.outcome.contains(outcomePart), qPrintable(result.outcome));
        QVERIFY2(result.discrepancies.isEmpty(), qPrintable(result.discrepancies.join(QLatin1Char('\n'))));
        QCOMPARE(pgTables(project), expectedTables); // the failing step's half_done table is gone too
    }

    void postgresCancelInsideAStatementLeavesNothingHalfApplied()
    {
        QVERIFY(m_clusterUp);
        const Project project = pgProject();
        ScopedEnv env;
        env.set("BRIDGE_PG_SLEEP_AT", kRev3);
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("4"));
        JobRequest request = makeRequest(project, BridgeOp::Upgrade, QStringLiteral("heads"));
        request.expected = upgradeFromBase(5);
        request.bridge.graceMs = 1000;
        AlembicJob job(request);
        connect(&job, &AlembicJob::stepStarted, this, [&job](const StepEvent& step) {
            if (step.revision == kRev3)
                job.requestCancel();
        });
        QElapsedTimer clock;
        clock.start();
        const JobResult result = job.run();
        QVERIFY(clock.elapsed() < 20000);
        QVERIFY(result.cancelled);
        QCOMPARE(result.error.code, QStringLiteral("cancelled"));
        QCOMPARE(result.failedRevision, kRev3);
        QVERIFY(result.versionKnown);
        QVERIFY(result.versionAfter.isEmpty());
        QVERIFY2(result.outcome.contains(QStringLiteral("nothing was applied")), qPrintable(result.outcome));
        // The server rolls the killed client's transaction back: no table of steps 1-3 survives.
        QVERIFY(waitForIdleDatabase(project, 15000));
        QCOMPARE(pgTables(project), QStringList{});
    }

    void postgresGoingAwayDuringARunIsReported()
    {
        QVERIFY(m_clusterUp);
        const Project project = pgProject();
        ScopedEnv env;
        env.set("BRIDGE_PG_SLEEP_AT", kRev3);
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("5"));
        JobRequest request = makeRequest(project, BridgeOp::Upgrade, QStringLiteral("heads"));
        request.expected = upgradeFromBase(5);
        AlembicJob job(request);
        connect(&job, &AlembicJob::stepStarted, this, [this](const StepEvent& step) {
            if (step.revision == kRev3) {
                QThread::msleep(300); // let the statement reach the server
                m_cluster.kill();
            }
        });
        const JobResult result = job.run();
        QVERIFY(!result.ok);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.failedRevision, kRev3);
        QVERIFY2(result.error.message.contains(QStringLiteral("server closed the connection"))
                     || result.error.message.contains(QStringLiteral("terminating connection")),
                 qPrintable(result.error.message));
        QVERIFY(!result.versionKnown); // nobody can read the database now, and Retort says so
        QVERIFY2(result.outcome.contains(QStringLiteral("could not be read")), qPrintable(result.outcome));
        QVERIFY(!result.error.message.contains(m_cluster.password()));

        const Status restarted = m_cluster.restart();
        QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error().toString()));
        QCOMPARE(pgTables(project), QStringList{}); // nothing half-applied
    }
};

QTEST_GUILESS_MAIN(tst_AlembicJob)
#include "tst_AlembicJob.moc"
