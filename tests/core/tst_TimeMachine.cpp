// The schema time machine (core/timemachine) with the real Alembic (RETORT_PYTHON) on generated
// projects (tests/support/MigrationProject.h), on SQLite files and on PostgreSQL (a throwaway
// cluster as "the user's server"): the schema at a revision is the one `alembic upgrade REV`
// builds; verify finds the one broken downgrade and nothing else; the cache serves a second run and
// an edit invalidates exactly the revisions at and below it; scratch databases are gone afterwards,
// after a failing migration and after a cancel; never on a production connection.

#include "core/db/Connection.h"
#include "core/db/PgCluster.h"
#include "core/doctor/Doctor.h"
#include "core/timemachine/ScratchDatabase.h"
#include "core/timemachine/SnapshotCache.h"
#include "core/timemachine/TimeMachine.h"
#include "core/workspace/ProjectLoader.h"
#include "support/CliProcess.h"
#include "support/MigrationProject.h"

#include <QDir>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;
using namespace retort::test;

namespace {

QString describe(const Error& e)
{
    return e.code + QStringLiteral(": ") + e.message + (e.hint.isEmpty() ? QString() : QStringLiteral(" (") + e.hint + QLatin1Char(')'));
}

std::shared_ptr<const ProjectSnapshot> load(const QString& dir)
{
    LoadRequest request;
    request.project = dir;
    request.python.interpreter = QStringLiteral(RETORT_PYTHON);
    auto loaded = ProjectLoader::load(request);
    return loaded ? std::shared_ptr<const ProjectSnapshot>(std::move(loaded).value()) : nullptr;
}

PythonCommand python()
{
    PythonCommand command;
    command.program = QStringLiteral(RETORT_PYTHON);
    command.description = command.program;
    return command;
}

} // namespace

class TestTimeMachine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PgCluster m_cluster;
    int m_counter = 0;

    QString newProject(const MigrationProjectOptions& options)
    {
        const QString dir = m_dir.filePath(QStringLiteral("p%1").arg(++m_counter));
        return writeMigrationProject(dir, options) ? dir : QString();
    }

    // A scratch database of the dialect: a temporary file, or a database on the test's cluster
    // (the server Retort was given, with consent).
    std::unique_ptr<ScratchDatabase> scratch(const QString& dialect)
    {
        ScratchRequest request;
        request.dialect = dialect == QLatin1String("sqlite") ? Dialect::SQLite : Dialect::PostgreSQL;
        request.serverUrl = request.dialect == Dialect::PostgreSQL ? m_cluster.url(QStringLiteral("postgres")) : QString();
        request.serverConsent = true;
        request.allowLocalCluster = false;
        auto created = ScratchDatabase::create(request);
        if (!created) {
            qWarning("%s", qPrintable(describe(created.error())));
            return nullptr;
        }
        return std::move(created).value();
    }

    // A database `alembic upgrade REV` built: a new SQLite file, or a new database on the cluster.
    QString realDatabase(const QString& dialect, const QString& project, const QString& revision)
    {
        QString url;
        if (dialect == QLatin1String("sqlite")) {
            url = QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("real%1.db").arg(++m_counter));
        } else {
            const QString name = QStringLiteral("real%1").arg(++m_counter);
            if (!m_cluster.createDatabase(name))
                return {};
            url = m_cluster.url(name);
        }
        QProcess alembic;
        alembic.setWorkingDirectory(project);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DATABASE_URL"), url);
        alembic.setProcessEnvironment(env);
        alembic.start(QStringLiteral(RETORT_PYTHON), {QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("upgrade"), revision});
        if (!alembic.waitForFinished(120000) || alembic.exitCode() != 0) {
            qWarning("alembic upgrade %s failed: %s", qPrintable(revision), alembic.readAllStandardError().constData());
            return {};
        }
        return url;
    }

    static Result<SchemaSnapshot> inspect(const QString& url)
    {
        auto parsed = DatabaseUrl::parse(url);
        if (!parsed)
            return parsed.error();
        return SchemaInspector::inspectAsync(*parsed).result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : describe(started.error())));
    }

    void init()
    {
        // Every test starts without cached schemas (test mode: ~/.qttest/cache).
        QDir(SnapshotCache::directory()).removeRecursively();
    }

    void walkOrderFollowsEachBranchToItsEnd()
    {
        MigrationProjectOptions options;
        options.revisions = 4;
        options.branchFrom = 2;
        const auto project = load(newProject(options));
        QVERIFY(project && project->isRunnable());
        QStringList ids;
        for (const int index : TimeMachine::walkOrder(project->graph))
            ids << project->graph.at(index).id;
        QCOMPARE(ids, (QStringList{QStringLiteral("r0001"), QStringLiteral("r0002"), QStringLiteral("r0003"), QStringLiteral("r0004"),
                                   QStringLiteral("s1"), QStringLiteral("s2"), QStringLiteral("m1")}));
    }

    // The schema at each revision is what `alembic upgrade REV` builds on an empty database.
    void theSchemaAtARevisionIsWhatAlembicBuilds_data() { addDialectRows(); }
    void theSchemaAtARevisionIsWhatAlembicBuilds()
    {
        QFETCH(QString, dialect);
        MigrationProjectOptions options;
        options.revisions = 4;
        options.branchFrom = 2;
        options.enumAt = 3;
        const QString dir = newProject(options);
        const auto project = load(dir);
        QVERIFY(project && project->isRunnable());
        auto db = scratch(dialect);
        QVERIFY(db);
        TimeMachine machine({project, python()});
        int progressCalls = 0;
        const Result<RevisionSchemas> schemas = machine.schemas(*db, {}, nullptr, [&](const WalkProgress&) { ++progressCalls; });
        QVERIFY2(schemas.ok(), qPrintable(schemas.ok() ? QString() : describe(schemas.error())));
        QCOMPARE(schemas->byRevision.size(), 7);
        QCOMPARE(schemas->computed, 7);
        QVERIFY(schemas->failed.isEmpty());
        QVERIFY(progressCalls >= 7);
        // Depth first: the side branch is reached once by emptying the scratch database.
        QCOMPARE(schemas->stats.resets, 1);
        QCOMPARE(schemas->stats.inspections, 7);

        for (const QString& revision : {QStringLiteral("r0001"), QStringLiteral("r0003"), QStringLiteral("s2"), QStringLiteral("m1")}) {
            const QString url = realDatabase(dialect, dir, revision);
            QVERIFY(!url.isEmpty());
            const Result<SchemaSnapshot> real = inspect(url);
            QVERIFY2(real.ok(), qPrintable(real.ok() ? QString() : describe(real.error())));
            const SchemaDiff diff = SchemaDiff::compare(*real, schemas->byRevision.value(revision));
            QVERIFY2(diff.isEmpty(), qPrintable(revision + QStringLiteral(":\n") + diff.toText()));
        }
        const SchemaSnapshot& r3 = schemas->byRevision.value(QStringLiteral("r0003"));
        QVERIFY(r3.table(r3.defaultSchema, QStringLiteral("moods")));
        if (dialect == QLatin1String("postgresql")) {
            QCOMPARE(r3.enums.size(), 1);
            QCOMPARE(r3.enums.first().labels, (QStringList{QStringLiteral("happy"), QStringLiteral("sad")}));
        }
    }

    // Merges: one comparison per parent, each naming it.
    void aMergeChangedSomethingAgainstEachParent()
    {
        MigrationProjectOptions options;
        options.revisions = 3;
        options.branchFrom = 1;
        options.branchLength = 1;
        const auto project = load(newProject(options));
        QVERIFY(project);
        auto db = scratch(QStringLiteral("sqlite"));
        TimeMachine machine({project, python()});
        const Result<RevisionSchemas> schemas = machine.schemas(*db, {});
        QVERIFY(schemas.ok());
        const RevisionGraph& graph = project->graph;
        const QVector<RevisionChange> merge = TimeMachine::changesOf(graph, graph.indexOf(QStringLiteral("m1")), *schemas);
        QCOMPARE(merge.size(), 2);
        QCOMPARE(merge.at(0).parent, QStringLiteral("r0003"));
        QCOMPARE(merge.at(0).diff.objectNames(), (QStringList{QStringLiteral("s1 (table, added)"), QStringLiteral("t1.merged (column, added)")}));
        QCOMPARE(merge.at(1).parent, QStringLiteral("s1"));
        QVERIFY(merge.at(1).diff.objectNames().contains(QStringLiteral("t3 (table, added)")));
        const QVector<RevisionChange> base = TimeMachine::changesOf(graph, graph.indexOf(QStringLiteral("r0001")), *schemas);
        QCOMPARE(base.size(), 1);
        QVERIFY(base.first().parent.isEmpty());
        QCOMPARE(base.first().diff.objectNames(), QStringList{QStringLiteral("t1 (table, added)")}); // not alembic_version
        const QVector<RevisionChange> second = TimeMachine::changesOf(graph, graph.indexOf(QStringLiteral("r0002")), *schemas);
        QCOMPARE(second.first().diff.objectNames(),
                 (QStringList{QStringLiteral("t1.ref2 (column, added)"), QStringLiteral("t2 (table, added)")}));
    }

    void verifyFindsTheOneBrokenDowngradeAndNothingElse_data() { addDialectRows(); }
    void verifyFindsTheOneBrokenDowngradeAndNothingElse()
    {
        QFETCH(QString, dialect);
        MigrationProjectOptions options;
        options.revisions = 6;
        options.downgradeLeavesColumn = 4;
        options.branchFrom = 2;
        options.enumAt = 5;
        const auto project = load(newProject(options));
        QVERIFY(project);
        auto db = scratch(dialect);
        QVERIFY(db);
        TimeMachine machine({project, python()});
        const Result<VerifyReport> report = machine.verify(*db);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : describe(report.error())));
        QCOMPARE(report->revisions, 9);
        QCOMPARE(report->checked, 9);
        QVERIFY(report->skipped.isEmpty());
        QStringList codes;
        for (const RoundTripFinding& f : report->findings) {
            QCOMPARE(f.revision, QStringLiteral("r0004"));
            codes << f.code;
        }
        // The column is left behind, so adding it again fails too.
        QCOMPARE(codes, (QStringList{QStringLiteral("downgrade-incomplete"), QStringLiteral("reupgrade-failed")}));
        const RoundTripFinding& leftover = report->findings.first();
        QCOMPARE(leftover.diff.objectNames(), QStringList{QStringLiteral("t3.ref4 (column, added)")});
        QVERIFY(leftover.path.endsWith(QLatin1String("0004_r0004.py")));
        QVERIFY(leftover.line > 0);
        QVERIFY2(report->findings.at(1).error.message.contains(QLatin1String("ref4")), qPrintable(report->findings.at(1).error.message));
        // 9 revisions x (up, down, up) + one rebuild after the finding; the side branch reached from scratch.
        QVERIFY(report->stats.commands >= 27);
        QVERIFY(report->stats.resets >= 2);
    }

    void aCleanProjectVerifiesClean()
    {
        MigrationProjectOptions options;
        options.revisions = 5;
        options.branchFrom = 3;
        const auto project = load(newProject(options));
        auto db = scratch(QStringLiteral("sqlite"));
        TimeMachine machine({project, python()});
        const Result<VerifyReport> report = machine.verify(*db);
        QVERIFY(report.ok());
        QVERIFY2(report->findings.isEmpty(), qPrintable(report->findings.isEmpty() ? QString() : report->findings.first().message));
        QCOMPARE(report->checked, 8);
        // verify leaves the schemas in the cache: nothing is computed afterwards
        QCOMPARE(machine.cached(Dialect::SQLite).byRevision.size(), 8);
    }

    void aFailingUpgradeIsAFindingAndItsDescendantsAreSkipped()
    {
        MigrationProjectOptions options;
        options.revisions = 5;
        options.upgradeFails = 3;
        options.branchFrom = 2;
        options.branchLength = 1;
        const auto project = load(newProject(options));
        auto db = scratch(QStringLiteral("sqlite"));
        TimeMachine machine({project, python()});
        const Result<VerifyReport> report = machine.verify(*db);
        QVERIFY(report.ok());
        QCOMPARE(report->findings.size(), 1);
        QCOMPARE(report->findings.first().code, QStringLiteral("upgrade-failed"));
        QCOMPARE(report->findings.first().revision, QStringLiteral("r0003"));
        QCOMPARE(report->skipped, (QStringList{QStringLiteral("r0004"), QStringLiteral("r0005"), QStringLiteral("m1")}));
        QCOMPARE(report->checked, 3); // r0001, r0002, s1

        auto again = scratch(QStringLiteral("sqlite"));
        const Result<RevisionSchemas> schemas = machine.schemas(*again, {});
        QVERIFY(schemas.ok());
        QVERIFY(schemas->failed.contains(QStringLiteral("r0003")));
        QVERIFY(schemas->failed.value(QStringLiteral("r0003")).message.contains(QLatin1String("fails on purpose")));
        QCOMPARE(schemas->unreachable, (QStringList{QStringLiteral("r0004"), QStringLiteral("r0005"), QStringLiteral("m1")}));
        QVERIFY(schemas->byRevision.contains(QStringLiteral("s1")));
    }

    void theCacheServesASecondRunAndAnEditInvalidatesWhatLiesBelowIt()
    {
        MigrationProjectOptions options;
        options.revisions = 5;
        const QString dir = newProject(options);
        {
            auto db = scratch(QStringLiteral("sqlite"));
            TimeMachine machine({load(dir), python()});
            const Result<RevisionSchemas> first = machine.schemas(*db, {});
            QVERIFY(first.ok());
            QCOMPARE(first->computed, 5);
        }
        {
            auto db = scratch(QStringLiteral("sqlite"));
            TimeMachine machine({load(dir), python()});
            const Result<RevisionSchemas> second = machine.schemas(*db, {});
            QVERIFY(second.ok());
            QCOMPARE(second->computed, 0);
            QCOMPARE(second->fromCache, 5);
            QCOMPARE(second->stats.commands, 0); // no Python started
            // Off with the parse cache's switch.
            TimeMachineSetup uncached{load(dir), python()};
            uncached.useCache = false;
            QCOMPARE(TimeMachine(uncached).cached(Dialect::SQLite).byRevision.size(), 0);
            // Another dialect is another key.
            QCOMPARE(machine.cached(Dialect::PostgreSQL).byRevision.size(), 0);
        }
        // r0003 gets a new column: it and r0004, r0005 are computed again; r0001, r0002 come from the cache.
        QFile file(dir + QStringLiteral("/migrations/versions/0003_r0003.py"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(file.readAll());
        file.close();
        text.replace(QStringLiteral("def upgrade():\n"), QStringLiteral("def upgrade():\n    op.create_table(\"extra\", sa.Column(\"id\", sa.Integer, primary_key=True))\n"));
        text.replace(QStringLiteral("def downgrade():\n"), QStringLiteral("def downgrade():\n    op.drop_table(\"extra\")\n"));
        QVERIFY(writeProjectFile(file.fileName(), text));
        auto db = scratch(QStringLiteral("sqlite"));
        TimeMachine machine({load(dir), python()});
        const Result<RevisionSchemas> third = machine.schemas(*db, {});
        QVERIFY(third.ok());
        QCOMPARE(third->fromCache, 2);
        QCOMPARE(third->computed, 3);
        const SchemaSnapshot& r5 = third->byRevision.value(QStringLiteral("r0005"));
        QVERIFY(r5.table(QStringLiteral("main"), QStringLiteral("extra")));
        QVERIFY(!third->byRevision.value(QStringLiteral("r0002")).table(QStringLiteral("main"), QStringLiteral("extra")));
    }

    void twoHeadsTogetherAreOneState()
    {
        MigrationProjectOptions options;
        options.revisions = 3;
        options.branchFrom = 1;
        options.branchLength = 1;
        const auto project = load(newProject(options));
        auto db = scratch(QStringLiteral("sqlite"));
        TimeMachine machine({project, python()});
        const Result<SchemaSnapshot> both = machine.stateSchema(*db, {QStringLiteral("r0003"), QStringLiteral("s1")});
        QVERIFY2(both.ok(), qPrintable(both.ok() ? QString() : describe(both.error())));
        for (const QString& table : {QStringLiteral("t1"), QStringLiteral("t2"), QStringLiteral("t3"), QStringLiteral("s1")})
            QVERIFY2(both->table(QStringLiteral("main"), table), qPrintable(table));
        QVERIFY(!both->table(QStringLiteral("main"), QStringLiteral("t1"))->column(QStringLiteral("merged")));
        // cached under the pair, in any order
        QVERIFY(machine.cachedStateSchema(Dialect::SQLite, {QStringLiteral("s1"), QStringLiteral("r0003")}).has_value());
        QVERIFY(machine.cachedStateSchema(Dialect::SQLite, {}).has_value()); // base: the empty schema
    }

    // The doctor's db-unversioned-tables names the revision whose schema, as the project's Alembic
    // built it, matches exactly - once the schema history is cached; before, its static reading.
    void theDoctorMatchesAnUnversionedDatabaseAgainstTheSchemaHistory()
    {
        MigrationProjectOptions options;
        options.revisions = 4;
        const QString dir = newProject(options);
        const auto project = load(dir);
        // "create_all()": the schema of r0002 without a version table.
        const QString url = realDatabase(QStringLiteral("sqlite"), dir, QStringLiteral("r0002"));
        QVERIFY(!url.isEmpty());
        {
            auto connection = ScopedConnection::open(*DatabaseUrl::parse(url));
            QVERIFY(connection.ok());
            QSqlQuery drop((*connection)->database());
            QVERIFY(drop.exec(QStringLiteral("DROP TABLE alembic_version")));
        }
        DatabaseCheckOptions check;
        check.url = url;
        check.useBridge = false;
        auto finding = [&]() -> Problem {
            for (const Problem& p : Doctor::checkDatabase(project->project, project->graph, check)) {
                if (p.code == QLatin1String("db-unversioned-tables"))
                    return p;
            }
            return {};
        };
        const Problem statically = finding();
        QCOMPARE(statically.revision, QStringLiteral("r0002"));
        QVERIFY2(!statically.hint.contains(QLatin1String("schema history")), qPrintable(statically.hint));

        auto db = scratch(QStringLiteral("sqlite"));
        TimeMachine machine({project, python()});
        QVERIFY(machine.schemas(*db, {}).ok());
        const Problem exact = finding();
        QCOMPARE(exact.revision, QStringLiteral("r0002"));
        QCOMPARE(exact.fix, QStringLiteral("alembic stamp r0002"));
        QVERIFY2(exact.hint.contains(QLatin1String("exactly the one Alembic builds at revision r0002")), qPrintable(exact.hint));

        // One more column by hand: still r0002, and the column is named.
        {
            auto connection = ScopedConnection::open(*DatabaseUrl::parse(url));
            QSqlQuery alter((*connection)->database());
            QVERIFY(alter.exec(QStringLiteral("ALTER TABLE t1 ADD COLUMN extra INTEGER")));
        }
        const Problem closest = finding();
        QCOMPARE(closest.revision, QStringLiteral("r0002"));
        QVERIFY2(closest.hint.contains(QLatin1String("1 object(s) differ: t1.extra (column, added)")), qPrintable(closest.hint));
    }

    // --- scratch databases -------------------------------------------------------------------------

    void aServerScratchDatabaseIsGoneAfterSuccessFailureAndCancel()
    {
        QCOMPARE(scratchDatabasesOn(m_cluster), 0);
        MigrationProjectOptions options;
        options.revisions = 4;
        options.upgradeFails = 3;
        const auto failing = load(newProject(options));
        {
            auto db = scratch(QStringLiteral("postgresql"));
            QVERIFY(db);
            QCOMPARE(scratchDatabasesOn(m_cluster), 1);
            QVERIFY(db->databaseName().startsWith(QLatin1String("retort_scratch_")));
            TimeMachine machine({failing, python()});
            const Result<VerifyReport> report = machine.verify(*db);
            QVERIFY(report.ok());
            QCOMPARE(report->findings.size(), 1);
        }
        QCOMPARE(scratchDatabasesOn(m_cluster), 0);

        options.upgradeFails = 0;
        const auto clean = load(newProject(options));
        {
            auto db = scratch(QStringLiteral("postgresql"));
            std::atomic_bool cancel{false};
            TimeMachine machine({clean, python()});
            const Result<VerifyReport> report = machine.verify(*db, &cancel, [&](const WalkProgress& p) {
                if (p.revision == QLatin1String("r0002"))
                    cancel = true;
            });
            QVERIFY(!report.ok());
            QCOMPARE(report.error().code, QStringLiteral("cancelled"));
        }
        QCOMPARE(scratchDatabasesOn(m_cluster), 0);

        // A session's connections still open are ended by the drop (WITH (FORCE)).
        {
            auto db = scratch(QStringLiteral("postgresql"));
            auto held = ScopedConnection::open(db->url());
            QVERIFY(held.ok());
            QVERIFY(db->drop().ok());
            QVERIFY(db->isDropped());
        }
        QCOMPARE(scratchDatabasesOn(m_cluster), 0);
    }

    void scratchPlans_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<bool>("withServer");
        QTest::addColumn<bool>("consent");
        QTest::addColumn<bool>("production");
        QTest::addColumn<bool>("localCluster");
        QTest::addColumn<QString>("expected"); // kind or error code
        QTest::newRow("SQLite: a temporary file") << "sqlite" << false << false << false << false << "file";
        QTest::newRow("SQLite on a production connection: still a temporary file") << "sqlite" << true << true << true << false << "file";
        QTest::newRow("a server with consent") << "postgresql" << true << true << false << true << "server";
        QTest::newRow("a server without consent, binaries installed: a local cluster")
            << "postgresql" << true << false << false << true << "cluster";
        QTest::newRow("a server without consent, no local cluster") << "postgresql" << true << false << false << false
                                                                    << "scratch-consent";
        QTest::newRow("a production server, even with consent: never") << "postgresql" << true << true << true << false
                                                                        << "scratch-production";
        QTest::newRow("a production server with a local cluster: the cluster")
            << "postgresql" << true << true << true << true << "cluster";
        QTest::newRow("no server, no cluster") << "postgresql" << false << false << false << false << "scratch-no-server";
    }
    void scratchPlans()
    {
        QFETCH(QString, dialect);
        QFETCH(bool, withServer);
        QFETCH(bool, consent);
        QFETCH(bool, production);
        QFETCH(bool, localCluster);
        QFETCH(QString, expected);
        ScratchRequest request;
        request.dialect = dialect == QLatin1String("sqlite") ? Dialect::SQLite : Dialect::PostgreSQL;
        request.serverUrl = withServer ? m_cluster.url(QStringLiteral("postgres")) : QString();
        request.serverConsent = consent;
        request.production = production;
        request.allowLocalCluster = localCluster;
        const Result<ScratchPlan> plan = ScratchDatabase::plan(request);
        if (expected.startsWith(QLatin1String("scratch-"))) {
            QVERIFY(!plan.ok());
            QCOMPARE(plan.error().code, expected);
            QVERIFY(!plan.error().message.contains(m_cluster.password()));
            return;
        }
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : describe(plan.error())));
        const ScratchKind kind = expected == QLatin1String("file") ? ScratchKind::SqliteFile
                                 : expected == QLatin1String("server") ? ScratchKind::ServerDatabase
                                                                       : ScratchKind::LocalCluster;
        QCOMPARE(plan->kind, kind);
        QVERIFY(!plan->description.isEmpty());
        QVERIFY(!plan->description.contains(m_cluster.password()));
    }

    void aLocalClusterIsStartedAndRemoved()
    {
        MigrationProjectOptions options;
        options.revisions = 2;
        const auto project = load(newProject(options));
        ScratchRequest request;
        request.dialect = Dialect::PostgreSQL;
        auto created = ScratchDatabase::create(request);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : describe(created.error())));
        auto db = std::move(created).value();
        QCOMPARE(db->kind(), ScratchKind::LocalCluster);
        QCOMPARE(db->serverVersion(), QStringLiteral("15"));
        TimeMachine machine({project, python()});
        const Result<RevisionSchemas> schemas = machine.schemas(*db, {});
        QVERIFY2(schemas.ok(), qPrintable(schemas.ok() ? QString() : describe(schemas.error())));
        QCOMPARE(schemas->byRevision.size(), 2);
        QCOMPARE(schemas->byRevision.value(QStringLiteral("r0002")).defaultSchema, QStringLiteral("public"));
        const int port = db->url().port();
        QVERIFY(db->drop().ok());
        QVERIFY(!ScopedConnection::open(db->url(), 2).ok()); // the server is gone
        QVERIFY(port > 0);
    }

    void aTemporaryFileIsRemoved()
    {
        auto db = scratch(QStringLiteral("sqlite"));
        QVERIFY(db);
        const QString path = db->databaseName();
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(db->reset().ok());
        QVERIFY(QFileInfo::exists(path));
        db.reset();
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(QFileInfo(path).absolutePath()));
    }

    void cleanupTestCase()
    {
        QDir(SnapshotCache::directory()).removeRecursively();
        m_cluster.stop();
    }
};

QTEST_GUILESS_MAIN(TestTimeMachine)
#include "tst_TimeMachine.moc"
