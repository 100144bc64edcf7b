// Fault injection (issue #14): real Alembic runs of the bridge test project (5 linear steps) on
// the throwaway PostgreSQL and on SQLite files, broken on purpose - the server killed mid-step, a
// statement cancelled, locks held by another session on alembic_version and on a migrated table,
// a failure at the first, a middle and the last step with and without transaction_per_migration,
// sys.exit() inside a migration. Every case checks, from the database itself, that
// alembic_version is one of the plan's states, that the schema present is the one that state
// implies (plus only what Retort reports as partially applied), and that the JobResult (or the
// CLI's JSON result) says exactly that. No backend of a stopped run may outlive it.

#include "core/db/DatabaseUrl.h"
#include "core/exec/AlembicJob.h"
#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"
#include "support/TestTree.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace retort;

namespace {

const QStringList kRevisions{QStringLiteral("1f0c3b7a9d01"), QStringLiteral("2e7d9a4c1b02"), QStringLiteral("3d6e8f1a2c03"),
                             QStringLiteral("4c5b7e2d3f04"), QStringLiteral("5b4a6d3e4a05")};

// alembic_version after `steps` steps of the linear project.
QStringList versionAfter(int steps)
{
    return steps == 0 ? QStringList{} : QStringList{kRevisions.at(steps - 1)};
}

// What the schema holds after `steps` steps: "table" and "table.column" for the columns that
// steps 3 and 5 add.
QStringList schemaAfter(int steps)
{
    QStringList schema;
    if (steps >= 1)
        schema << QStringLiteral("customers");
    if (steps >= 2)
        schema << QStringLiteral("products");
    if (steps >= 3)
        schema << QStringLiteral("customers.email");
    if (steps >= 4)
        schema << QStringLiteral("orders");
    if (steps >= 5)
        schema << QStringLiteral("orders.note");
    schema.sort();
    return schema;
}

JobExpectation upgradeFrom(int from)
{
    JobExpectation expectation;
    expectation.known = true;
    expectation.stepHeadsKnown = true;
    expectation.currentHeads = versionAfter(from);
    for (int i = from; i < kRevisions.size(); ++i)
        expectation.steps << ExpectedStep{kRevisions.at(i), QStringLiteral("upgrade"), versionAfter(i + 1)};
    expectation.resultingHeads = versionAfter(int(kRevisions.size()));
    return expectation;
}

} // namespace

class tst_FaultInjection : public QObject
{
    Q_OBJECT

private:
    QString m_source = QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bridge/linear");
    QTemporaryDir m_dir{fastTempPath(QStringLiteral("tst_FaultInjection-XXXXXX"))};
    PgCluster m_cluster;
    int m_counter = 0;

    struct Target
    {
        bool postgres = false;
        QString root;
        QString ini;
        QString url;
        QString database; // PostgreSQL database name
    };

    Target target(bool postgres)
    {
        Target t;
        t.postgres = postgres;
        t.root = m_dir.filePath(QStringLiteral("p%1").arg(++m_counter));
        copyTree(m_source, t.root);
        t.ini = t.root + QStringLiteral("/alembic.ini");
        if (postgres) {
            t.database = QStringLiteral("fault%1").arg(m_counter);
            const Status created = m_cluster.createDatabase(t.database);
            if (!created.ok())
                qWarning("%s", qPrintable(created.error().toString()));
            t.url = m_cluster.url(t.database);
        } else {
            t.url = QStringLiteral("sqlite:///") + t.root + QStringLiteral("/shop.db");
        }
        return t;
    }

    JobRequest request(const Target& t, const QString& goal = QStringLiteral("heads"), int from = 0)
    {
        JobRequest r;
        r.python.kind = InterpreterKind::Override;
        r.python.program = QStringLiteral(RETORT_PYTHON);
        r.python.description = r.python.program;
        r.bridge.op = BridgeOp::Upgrade;
        r.bridge.configFile = t.ini;
        r.bridge.workingDirectory = t.root;
        r.bridge.target = goal;
        r.bridge.overrideUrl = t.url;
        r.bridge.bridgeRereads = false;
        r.bridge.timeoutMs = 60000;
        r.bridge.graceMs = 1000;
        r.expected = upgradeFrom(from);
        return r;
    }

    // Runs the first `steps` steps cleanly.
    bool prepare(const Target& t, int steps)
    {
        JobRequest r = request(t, QStringLiteral("+%1").arg(steps));
        r.expected = {};
        AlembicJob job(r);
        const JobResult result = job.run();
        if (!result.ok)
            qWarning("preparing %d steps failed: %s", steps, qPrintable(result.error.toString()));
        return result.ok && result.versionAfter == versionAfter(steps);
    }

    // Read by the test itself, not through Retort.
    QStringList versionRows(const Target& t)
    {
        QStringList rows;
        if (t.postgres) {
            const Result<QString> exists = m_cluster.psql(QStringLiteral("SELECT to_regclass('alembic_version') IS NOT NULL"), t.database);
            if (exists.ok() && exists->trimmed() == QLatin1String("f"))
                return {};
            const Result<QString> out = m_cluster.psql(QStringLiteral("SELECT version_num FROM alembic_version"), t.database);
            if (!out.ok())
                return {QStringLiteral("<%1>").arg(out.error().message)};
            rows = out->split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        } else {
            std::unique_ptr<ScopedConnection> c = connectTo(t.url);
            QSqlQuery q(c->database());
            if (q.exec(QStringLiteral("SELECT version_num FROM alembic_version"))) {
                while (q.next())
                    rows << q.value(0).toString();
            }
        }
        rows.sort();
        return rows;
    }

    // The project's tables and the two columns steps 3 and 5 add (alembic_version and the test's
    // own table victim left out).
    QStringList schema(const Target& t)
    {
        QStringList present;
        if (t.postgres) {
            const Result<QString> out = m_cluster.psql(
                QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' UNION ALL "
                               "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = "
                               "'public' AND column_name IN ('email', 'note')"),
                t.database);
            if (!out.ok())
                return {QStringLiteral("<%1>").arg(out.error().message)};
            present = out->split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        } else {
            std::unique_ptr<ScopedConnection> c = connectTo(t.url);
            QSqlQuery q(c->database());
            q.exec(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                  "UNION ALL SELECT m.name || '.' || p.name FROM sqlite_schema m, pragma_table_info(m.name) p "
                                  "WHERE m.type = 'table' AND p.name IN ('email', 'note')"));
            while (q.next())
                present << q.value(0).toString();
        }
        present.removeAll(QStringLiteral("alembic_version"));
        present.removeAll(QStringLiteral("victim"));
        present.sort();
        return present;
    }

    // The backends of any Retort run still on the server, and the locks anyone holds on victim.
    QString leftovers(const Target& t)
    {
        const Result<QString> out = m_cluster.psql(
            QStringLiteral("SELECT string_agg(pid || ' ' || application_name || ' ' || coalesce(state, ''), '; ') FROM pg_stat_activity "
                           "WHERE application_name LIKE 'retort-run-%' UNION ALL SELECT string_agg(l.mode, ', ') FROM pg_locks l "
                           "JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'victim'"),
            t.database);
        return out.ok() ? out->trimmed() : QStringLiteral("<%1>").arg(out.error().message);
    }

    // The core of every case: the database is in one of the plan's states, the schema is the
    // one that state implies plus only what the report calls partially applied, and the report
    // says so.
    void verifyReport(const Target& t, const JobResult& result, int expectedSteps, int from = 0)
    {
        const QString context = QStringLiteral("outcome: %1\nerror: %2").arg(result.outcome, result.error.toString());
        const QStringList rows = versionRows(t);
        QVERIFY2(result.versionKnown, qPrintable(context));
        QCOMPARE(result.versionAfter, rows);
        QCOMPARE(rows, versionAfter(expectedSteps));
        QVERIFY2(result.stepsApplied == expectedSteps - from, qPrintable(QStringLiteral("steps applied: %1\n%2").arg(result.stepsApplied).arg(context)));
        QVERIFY2(result.outcome.contains(rows.isEmpty() ? QStringLiteral("(empty: base)") : rows.first()), qPrintable(context));

        const QStringList present = schema(t);
        const QStringList expected = schemaAfter(expectedSteps);
        for (const QString& item : expected)
            QVERIFY2(present.contains(item), qPrintable(QStringLiteral("%1 missing from %2\n%3").arg(item, present.join(QLatin1Char(' ')), context)));
        QStringList stray;
        for (const QString& item : present) {
            if (!expected.contains(item))
                stray << item;
        }
        if (t.postgres) {
            QVERIFY2(stray.isEmpty(), qPrintable(QStringLiteral("PostgreSQL kept %1\n%2").arg(stray.join(QLatin1Char(' ')), context)));
            QVERIFY2(!result.partiallyApplied, qPrintable(context));
        } else if (!stray.isEmpty()) {
            QVERIFY2(result.partiallyApplied, qPrintable(QStringLiteral("not reported: %1\n%2").arg(stray.join(QLatin1Char(' ')), context)));
            QVERIFY2(result.outcome.contains(QStringLiteral("Partially applied, check the schema")), qPrintable(context));
            for (const QString& item : std::as_const(stray)) {
                if (!item.contains(QLatin1Char('.')))
                    QVERIFY2(result.tablesAdded.contains(item), qPrintable(QStringLiteral("%1 not listed\n%2").arg(item, context)));
            }
        }
        if (t.postgres)
            QVERIFY2(leftovers(t).isEmpty(), qPrintable(leftovers(t)));
    }

    JobResult cancelAt(const Target& t, JobRequest r, const QString& revision, int delayMs)
    {
        AlembicJob job(r);
        connect(&job, &AlembicJob::stepStarted, this, [&job, revision, delayMs](const StepEvent& step) {
            if (step.revision != revision)
                return;
            QThread::msleep(ulong(delayMs)); // the step's statement reaches the server
            job.requestCancel();
        });
        Q_UNUSED(t)
        return job.run();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(), "RETORT_PYTHON (a Python with alembic) is required");
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    }

    void cleanupTestCase() { m_cluster.stop(); }

    void failureAtStepK_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<int>("step");     // 1-based
        QTest::addColumn<bool>("perMigration");
        for (const bool postgres : {true, false}) {
            for (const int step : {1, 3, 5}) {
                for (const bool perMigration : {false, true}) {
                    const QString name = QStringLiteral("%1, step %2 of 5 fails, transaction_per_migration %3")
                                             .arg(postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"))
                                             .arg(step)
                                             .arg(perMigration ? QStringLiteral("on") : QStringLiteral("off"));
                    QTest::newRow(qPrintable(name)) << postgres << step << perMigration;
                }
            }
        }
    }

    // BRIDGE_FAIL_AT: the step creates a table half_done_<rev>, then raises.
    void failureAtStepK()
    {
        QFETCH(bool, postgres);
        QFETCH(int, step);
        QFETCH(bool, perMigration);
        const Target t = target(postgres);
        ScopedEnv env;
        env.set("BRIDGE_FAIL_AT", kRevisions.at(step - 1));
        if (perMigration)
            env.set("BRIDGE_TPM", QStringLiteral("1"));
        AlembicJob job(request(t));
        const JobResult result = job.run();
        QVERIFY(!result.ok);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.failedStepIndex, step - 1);
        QCOMPARE(result.failedRevision, kRevisions.at(step - 1));
        // PostgreSQL: one transaction rolls everything back; per migration keeps the steps before.
        // SQLite: each step commits on its own (no transactional DDL in Alembic's SQLite).
        const int kept = postgres && !perMigration ? 0 : step - 1;
        verifyReport(t, result, kept);
        QCOMPARE(result.stepsApplied, kept);
        QVERIFY2(result.discrepancies.isEmpty(), qPrintable(result.discrepancies.join(QLatin1Char('\n'))));
        if (!postgres) {
            // The failing step's table is still there, and the report names it.
            QVERIFY2(result.partiallyApplied && result.tablesAdded.contains(QStringLiteral("half_done_") + kRevisions.at(step - 1)),
                     qPrintable(result.outcome));
        }
    }

    void sysExitInAMigrationIsReportedTruthfully_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("PostgreSQL") << true;
        QTest::newRow("SQLite") << false;
    }

    // sys.exit(0) in step 3 with transaction_per_migration: two steps ran and stay applied.
    void sysExitInAMigrationIsReportedTruthfully()
    {
        QFETCH(bool, postgres);
        const Target t = target(postgres);
        ScopedEnv env;
        env.set("BRIDGE_EXIT_AT", kRevisions.at(2));
        env.set("BRIDGE_TPM", QStringLiteral("1"));
        AlembicJob job(request(t));
        const JobResult result = job.run();
        QVERIFY(!result.ok);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.error.code, QStringLiteral("system-exit"));
        QVERIFY2(result.error.message.contains(QStringLiteral("migration %1 called sys.exit(0)").arg(kRevisions.at(2))),
                 qPrintable(result.error.message));
        QCOMPARE(result.failedStepIndex, 2);
        QCOMPARE(result.finishedSteps.size(), 2);
        verifyReport(t, result, 2);
        QVERIFY2(result.outcome.contains(QStringLiteral("step 3 of 5 (%1) ended by sys.exit()").arg(kRevisions.at(2)))
                     && result.outcome.contains(QStringLiteral("the 2 step(s) before it stayed applied")),
                 qPrintable(result.outcome));
        QVERIFY2(!result.outcome.contains(QStringLiteral("before any migration started")), qPrintable(result.outcome));
    }

    void cancelMidStatement_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("PostgreSQL: pg_sleep in step 3") << true;
        QTest::newRow("SQLite: a Python sleep in step 3") << false;
    }

    void cancelMidStatement()
    {
        QFETCH(bool, postgres);
        const Target t = target(postgres);
        ScopedEnv env;
        env.set(postgres ? "BRIDGE_PG_SLEEP_AT" : "BRIDGE_SLEEP_AT", kRevisions.at(2));
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("60"));
        env.set("BRIDGE_TPM", QStringLiteral("1"));
        QElapsedTimer clock;
        clock.start();
        const JobResult result = cancelAt(t, request(t), kRevisions.at(2), 300);
        QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(result.cancelled);
        QCOMPARE(result.error.code, QStringLiteral("cancelled"));
        verifyReport(t, result, 2);
        if (postgres) {
            QVERIFY2(!result.serverActions.isEmpty() && result.serverActions.first().contains(QStringLiteral("cancelled")),
                     qPrintable(result.serverActions.join(QLatin1Char('\n'))));
            QVERIFY2(result.backendsLeft.isEmpty(), qPrintable(result.backendsLeft.join(QLatin1Char('\n'))));
        }
    }

    // The case: ALTER TABLE victim (ACCESS EXCLUSIVE) then pg_sleep(100000). After the
    // cancel no backend of the run is left, nobody holds a lock on victim, and the next run is
    // not blocked.
    void cancelFreesTheServer()
    {
        const Target t = target(true);
        QVERIFY(m_cluster.psqlAsUser(QStringLiteral("CREATE TABLE victim (id int)"), t.database).ok());
        {
            ScopedEnv env;
            env.set("BRIDGE_VICTIM_AT", kRevisions.at(1));
            env.set("BRIDGE_TPM", QStringLiteral("1"));
            QElapsedTimer clock;
            clock.start();
            const JobResult result = cancelAt(t, request(t), kRevisions.at(1), 500);
            QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
            QVERIFY(result.cancelled);
            QVERIFY2(!result.serverActions.isEmpty(), "the run's statement was stopped on the server");
            verifyReport(t, result, 1);
            QCOMPARE(leftovers(t), QString());
        }
        QElapsedTimer clock;
        clock.start();
        AlembicJob next(request(t, QStringLiteral("heads"), 1));
        const JobResult finished = next.run();
        QVERIFY2(finished.ok, qPrintable(finished.error.toString() + QLatin1Char(' ') + finished.outcome));
        QVERIFY2(clock.elapsed() < 15000, "the next run is not blocked");
        verifyReport(t, finished, 5, 1);
    }

    // The same through retort-cli upgrade --timeout: exit 1, the JSON result says it timed out,
    // what was done on the server, and where alembic_version is.
    void cliTimeoutFreesTheServer()
    {
        const Target t = target(true);
        QVERIFY(m_cluster.psqlAsUser(QStringLiteral("CREATE TABLE victim (id int)"), t.database).ok());
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BRIDGE_VICTIM_AT"), kRevisions.at(1));
        env.insert(QStringLiteral("BRIDGE_TPM"), QStringLiteral("1"));
        cli.setProcessEnvironment(env);
        QElapsedTimer clock;
        clock.start();
        cli.start(QStringLiteral(RETORT_CLI), {QStringLiteral("-p"), t.root, QStringLiteral("--url"), t.url, QStringLiteral("--json"),
                                              QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--timeout"),
                                              QStringLiteral("4"), QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON)});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(cli.exitCode(), 1);
        QJsonObject result;
        for (const QByteArray& line : cli.readAllStandardOutput().split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("result"))
                result = event;
        }
        QVERIFY2(!result.isEmpty(), cli.readAllStandardError().constData());
        QCOMPARE(result.value(QStringLiteral("timed_out")).toBool(), true);
        QCOMPARE(result.value(QStringLiteral("alembic_version")).toArray(), QJsonArray{kRevisions.at(0)});
        QCOMPARE(result.value(QStringLiteral("steps_applied")).toInt(), 1);
        QCOMPARE(result.value(QStringLiteral("partially_applied")).toBool(), false);
        QVERIFY(!result.value(QStringLiteral("server_actions")).toArray().isEmpty());
        QCOMPARE(versionRows(t), versionAfter(1));
        QCOMPARE(schema(t), schemaAfter(1));
        QCOMPARE(leftovers(t), QString());
    }

    void lockOnTheVersionTable_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("PostgreSQL: LOCK TABLE alembic_version") << true;
        QTest::newRow("SQLite: BEGIN EXCLUSIVE") << false;
    }

    // Another session holds the version table for 4 s; the run has 3 s: it stops, nothing moves.
    void lockOnTheVersionTable()
    {
        QFETCH(bool, postgres);
        const Target t = target(postgres);
        QVERIFY(prepare(t, 2));
        const QStringList statements = postgres ? QStringList{QStringLiteral("BEGIN"),
                                                              QStringLiteral("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")}
                                                : QStringList{QStringLiteral("BEGIN EXCLUSIVE")};
        JobRequest r = request(t, QStringLiteral("heads"), 2);
        r.bridge.timeoutMs = 3000;
        QElapsedTimer clock;
        clock.start();
        JobResult result;
        {
            LockHolder lock(t.url, statements, 4000);
            QVERIFY2(lock.holding(), qPrintable(lock.error()));
            AlembicJob job(r);
            result = job.run();
        }
        QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!result.ok);
        verifyReport(t, result, 2, 2); // the plan started at step 2: nothing of it applied
    }

    // Another session holds the table step 3 alters (customers): the step waits, the run's
    // timeout stops it, the server rolls it back; the steps before it stay.
    void lockOnAMigratedTable()
    {
        const Target t = target(true);
        QVERIFY(prepare(t, 2));
        ScopedEnv env;
        env.set("BRIDGE_TPM", QStringLiteral("1"));
        JobRequest r = request(t, QStringLiteral("heads"), 2);
        r.bridge.timeoutMs = 3000;
        JobResult result;
        {
            LockHolder lock(t.url, {QStringLiteral("BEGIN"), QStringLiteral("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE")}, 8000);
            QVERIFY2(lock.holding(), qPrintable(lock.error()));
            AlembicJob job(r);
            result = job.run();
            QVERIFY(result.timedOut);
            QVERIFY2(!result.serverActions.isEmpty(), "the waiting ALTER TABLE was cancelled on the server");
            QVERIFY2(result.backendsLeft.isEmpty(), qPrintable(result.backendsLeft.join(QLatin1Char('\n'))));
            lock.release();
        }
        verifyReport(t, result, 2, 2);
        QCOMPARE(result.failedRevision, kRevisions.at(2));
    }

    // The server is killed while step 3 runs: Retort says it cannot read alembic_version (not a
    // guess); after a restart the database is in a state of the plan.
    void serverKilledMidStep()
    {
        const Target t = target(true);
        ScopedEnv env;
        env.set("BRIDGE_PG_SLEEP_AT", kRevisions.at(2));
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("30"));
        env.set("BRIDGE_TPM", QStringLiteral("1"));
        AlembicJob job(request(t));
        connect(&job, &AlembicJob::stepStarted, this, [this](const StepEvent& step) {
            if (step.revision != kRevisions.at(2))
                return;
            QThread::msleep(300);
            m_cluster.kill();
        });
        const JobResult result = job.run();
        QVERIFY(!result.ok);
        QVERIFY(!result.versionKnown);
        QVERIFY2(result.outcome.contains(QStringLiteral("could not be read")), qPrintable(result.outcome));
        const Status restarted = m_cluster.restart();
        QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error().toString()));
        // The throwaway cluster runs without fsync and synchronous_commit, so an immediate
        // shutdown may lose the last commits: any state up to step 2 is a state of the plan.
        const QStringList rows = versionRows(t);
        int steps = -1;
        for (int i = 0; i <= 2; ++i) {
            if (rows == versionAfter(i))
                steps = i;
        }
        QVERIFY2(steps >= 0, qPrintable(rows.join(QLatin1Char(' '))));
        QCOMPARE(schema(t), schemaAfter(steps));
    }

    // The process is killed (it ignores SIGTERM) in the middle of step 3 on SQLite.
    void processKilledMidStepOnSqlite()
    {
        const Target t = target(false);
        ScopedEnv env;
        env.set("BRIDGE_IGNORE_TERM_AT", kRevisions.at(2));
        env.set("BRIDGE_SLEEP_AT", kRevisions.at(2));
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("60"));
        JobRequest r = request(t);
        r.bridge.graceMs = 500;
        const JobResult result = cancelAt(t, r, kRevisions.at(2), 200);
        QVERIFY(result.cancelled);
        verifyReport(t, result, 2);
    }
};

QTEST_GUILESS_MAIN(tst_FaultInjection)
#include "tst_FaultInjection.moc"
