// The core Workspace and its policies (ProjectLoader, readDatabaseState, RunPlanner): what the
// window and retort-cli both stand on. Real files, real SQLite, a real PostgreSQL cluster.

#include "app/AppTestSupport.h"
#include "core/db/Connection.h"
#include "core/graph/RevisionGraph.h"
#include "core/workspace/Workspace.h"
#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;
using namespace retort::testsupport;

namespace {

QByteArray revisionFile(const QByteArray& id, const QByteArray& down, const QByteArray& extra = {})
{
    return "\"\"\"" + id + "\n\"\"\"\nrevision = '" + id + "'\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "'" + down + "'")
           + "\nbranch_labels = None\ndepends_on = None\n" + extra + "\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

// alembic.ini + env.py + the given revision files (name -> content).
bool writeProject(const QString& dir, const QList<QPair<QString, QByteArray>>& files)
{
    if (!writeFile(dir + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = %(here)s/migrations\n")
        || !writeFile(dir + QStringLiteral("/migrations/env.py"), "from alembic import context\n"))
        return false;
    for (const auto& [name, content] : files) {
        if (!writeFile(dir + QStringLiteral("/migrations/versions/") + name, content))
            return false;
    }
    return true;
}

LoadRequest requestFor(const QString& dir)
{
    LoadRequest request;
    request.project = dir;
    request.forDisplay = true;
    return request;
}

} // namespace

class tst_Workspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
    }

    void aHealthyProjectIsRunnableAndHasNoProblems()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("healthy"));
        QVERIFY(writeProject(dir, {{QStringLiteral("a.py"), revisionFile("aaaa", {})}, {QStringLiteral("b.py"), revisionFile("bbbb", "aaaa")}}));
        const auto loaded = ProjectLoader::load(requestFor(dir));
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
        const ProjectSnapshot& snap = **loaded;
        QVERIFY(snap.isRunnable());
        QVERIFY(snap.problems.isEmpty());
        QCOMPARE(snap.graph.size(), 2);
        QCOMPARE(snap.layout.rowCount(), 2);
        QCOMPARE(snap.rowToRevision.size(), 2);
        QVERIFY(snap.commandGraph());
    }

    // A history Alembic refuses is still shown (Lenient), with Alembic's own error for commands -
    // the same Strict mode gives - and every problem attached to its revision.
    void aRefusedHistoryIsShownWithAlembicsErrorForCommands()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("missing-parent"));
        QVERIFY(writeProject(dir, {{QStringLiteral("a.py"), revisionFile("aaaa", {})},
                                   {QStringLiteral("b.py"), revisionFile("bbbb", "aaaa")},
                                   {QStringLiteral("c.py"), revisionFile("cccc", "gone")}}));
        const auto loaded = ProjectLoader::load(requestFor(dir));
        QVERIFY(loaded);
        const ProjectSnapshot& snap = **loaded;
        QVERIFY(!snap.isRunnable());
        QCOMPARE(snap.failedAt, ProjectSnapshot::Stage::Graph);
        QCOMPARE(snap.graph.size(), 3); // shown anyway
        const auto strict = RevisionGraph::build(snap.project.files, RevisionGraph::Mode::Strict);
        QVERIFY(!strict);
        QCOMPARE(snap.commandError->message, strict.error().message);
        QCOMPARE(snap.commandError->code, QStringLiteral("missing-revision"));
        bool attached = false;
        for (const Problem& p : snap.problems)
            attached = attached || (p.code == QLatin1String("missing-revision") && p.revision == QLatin1String("cccc"));
        QVERIFY2(attached, "the missing parent is reported on the revision that names it");

        // The CLI's load (files moved into the graph, Strict) refuses with the same words.
        LoadRequest cli = requestFor(dir);
        cli.keepFiles = false;
        cli.forDisplay = false;
        const auto commandLoad = ProjectLoader::load(cli);
        QVERIFY(commandLoad);
        QVERIFY((*commandLoad)->commandError);
        QCOMPARE((*commandLoad)->commandError->message, snap.commandError->message);
    }

    void aProjectThatCannotBeLocatedIsAnError()
    {
        const auto loaded = ProjectLoader::load(requestFor(m_tmp.filePath(QStringLiteral("nowhere"))));
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, QStringLiteral("project-not-found"));
    }

    // Opening B fails: A stays on screen, nothing is cleared silently, B's database target is not
    // applied, and runs are refused until a project loads.
    void aFailedOpenKeepsThePreviousProjectAndRefusesRuns()
    {
        const QString a = m_tmp.filePath(QStringLiteral("keep-a"));
        QVERIFY(writeProject(a, {{QStringLiteral("a.py"), revisionFile("aaaa", {})}}));
        const QString dbA = createSqlite(m_tmp.filePath(QStringLiteral("keep-a.db")));
        Workspace workspace;
        workspace.setWatchFiles(false);
        QSignalSpy changed(&workspace, &Workspace::snapshotChanged);
        QSignalSpy failed(&workspace, &Workspace::loadFailed);
        QSignalSpy dbRead(&workspace, &Workspace::databaseStateChanged);
        QVERIFY(workspace.open(requestFor(a), ConnectionTarget{dbA, QStringLiteral("test"), false}));
        QTRY_COMPARE(changed.count(), 1);
        QTRY_COMPARE(dbRead.count(), 1);
        QVERIFY2(workspace.isRunnable(), qPrintable(workspace.notRunnableReason().message));
        const SnapshotPtr shown = workspace.snapshot();

        const QString dbB = createSqlite(m_tmp.filePath(QStringLiteral("keep-b.db")));
        QVERIFY(workspace.open(requestFor(m_tmp.filePath(QStringLiteral("keep-nowhere"))),
                               ConnectionTarget{dbB, QStringLiteral("test"), false}));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(workspace.snapshot(), shown);           // still A
        QCOMPARE(workspace.target().url, dbA);           // B's database was never applied
        QVERIFY(!workspace.isCurrent());
        QVERIFY(!workspace.isRunnable());
        QCOMPARE(workspace.notRunnableReason().code, QStringLiteral("load-failed"));
        const Result<RunRequest> run = workspace.prepareRun(RunKind::Upgrade, QStringLiteral("heads"));
        QVERIFY(!run);
        QCOMPARE(run.error().code, QStringLiteral("load-failed"));

        // A later successful open switches project and database together.
        const QString c = m_tmp.filePath(QStringLiteral("keep-c"));
        QVERIFY(writeProject(c, {{QStringLiteral("c.py"), revisionFile("cccc", {})}}));
        QVERIFY(workspace.open(requestFor(c), ConnectionTarget{dbB, QStringLiteral("test"), false}));
        QTRY_COMPARE(changed.count(), 2);
        QCOMPARE(workspace.target().url, dbB);
        QTRY_VERIFY(workspace.isRunnable());
        QCOMPARE(workspace.snapshot()->graph.at(0).id, QStringLiteral("cccc"));
    }

    void openingIsRefusedWhileARunHoldsTheWorkspace()
    {
        const QString a = m_tmp.filePath(QStringLiteral("busy-a"));
        QVERIFY(writeProject(a, {{QStringLiteral("a.py"), revisionFile("aaaa", {})}}));
        Workspace workspace;
        workspace.setWatchFiles(false);
        QSignalSpy changed(&workspace, &Workspace::snapshotChanged);
        QVERIFY(workspace.open(requestFor(a)));
        QTRY_COMPARE(changed.count(), 1);
        workspace.setRunning(true);
        QVERIFY(!workspace.open(requestFor(m_tmp.filePath(QStringLiteral("busy-b")))));
        QCOMPARE(workspace.busyError().code, QStringLiteral("busy"));
        QCOMPARE(workspace.requestedPath(), a);
        workspace.setRunning(false);
        QVERIFY(workspace.open(requestFor(a)));
    }

    // Plans come from the database's heads as last read, and follow them when they change.
    void plansFollowTheDatabase()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("plans"));
        QVERIFY(writeProject(dir, {{QStringLiteral("a.py"), revisionFile("aaaa", {})},
                                   {QStringLiteral("b.py"), revisionFile("bbbb", "aaaa")},
                                   {QStringLiteral("c.py"), revisionFile("cccc", "bbbb")}}));
        const QString dbPath = m_tmp.filePath(QStringLiteral("plans.db"));
        const QString db = createSqlite(dbPath);
        Workspace workspace;
        workspace.setWatchFiles(false);
        QSignalSpy dbRead(&workspace, &Workspace::databaseStateChanged);
        QVERIFY(workspace.open(requestFor(dir), ConnectionTarget{db, QStringLiteral("test"), false}));
        QTRY_COMPARE(dbRead.count(), 1);
        Result<Plan> up = workspace.plan(Direction::Upgrade, QStringLiteral("cccc"));
        QVERIFY(up);
        QCOMPARE(up->steps.size(), 3);
        QCOMPARE(up->steps.constLast().headsAfter, QStringList{QStringLiteral("cccc")}); // version_after per step
        QVERIFY(writeSqliteFile(dbPath, {QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"),
                                    QStringLiteral("INSERT INTO alembic_version VALUES ('bbbb')")}));
        workspace.refreshDatabaseState();
        QTRY_COMPARE(dbRead.count(), 2);
        up = workspace.plan(Direction::Upgrade, QStringLiteral("cccc"));
        QVERIFY(up);
        QCOMPARE(up->steps.size(), 1);
        const Result<Plan> towards = workspace.planTowards(QStringLiteral("aaaa"));
        QVERIFY(towards);
        QCOMPARE(towards->direction, Direction::Downgrade);
        const Result<RunRequest> run = workspace.prepareRun(RunKind::Downgrade, QStringLiteral("aaaa"));
        QVERIFY(run);
        QCOMPARE(run->plan.steps.size(), 1);
        QCOMPARE(run->databaseName, QStringLiteral("plans.db"));
    }

    // A relative SQLite path is the project's (alembic runs next to its ini); a file that does not
    // exist yet is a database at base, and nothing is created.
    void aRelativeSqlitePathIsTheProjectsAndAMissingFileIsBase()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("relative"));
        QVERIFY(QDir().mkpath(dir));
        const DatabaseState missing = readDatabaseState(ConnectionTarget{QStringLiteral("sqlite:///app.db"), {}, false},
                                                        VersionLocation{}, dir);
        QVERIFY(!missing.error);
        QVERIFY(missing.sqliteFileMissing);
        QVERIFY(missing.isKnown());
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/app.db")));
        createSqlite(dir + QStringLiteral("/app.db"));
        const DatabaseState present = readDatabaseState(ConnectionTarget{QStringLiteral("sqlite:///app.db"), {}, false},
                                                        VersionLocation{}, dir);
        QVERIFY(present.connected);
        QVERIFY(!present.versionTableExists);
    }

    // The seed user's setup: env.py sets search_path=test_app, so alembic_version lives there and
    // not on Retort's own search path. It is found, read, and said where.
    void aVersionTableOutsidePublicIsFound()
    {
        PgCluster cluster;
        const Status started = cluster.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        QVERIFY(cluster.createDatabase(QStringLiteral("app")));
        QVERIFY(cluster.psqlAsUser(QStringLiteral("CREATE SCHEMA test_app; "
                                                   "CREATE TABLE test_app.alembic_version (version_num varchar(32) NOT NULL); "
                                                   "INSERT INTO test_app.alembic_version VALUES ('bbbb');"),
                                   QStringLiteral("app")));
        const ConnectionTarget target{cluster.url(QStringLiteral("app")), QStringLiteral("test"), false};
        const DatabaseState state = readDatabaseState(target, VersionLocation{}, {});
        QVERIFY2(!state.error, qPrintable(state.error ? state.error->message : QString()));
        QVERIFY(state.versionTableExists);
        QCOMPARE(state.heads, QStringList{QStringLiteral("bbbb")});
        QCOMPARE(state.location.schema, QStringLiteral("test_app"));
        QVERIFY(state.locationNote.contains(QStringLiteral("test_app")));

        // Two candidates: nothing is chosen, and the note says why.
        QVERIFY(cluster.psqlAsUser(QStringLiteral("CREATE SCHEMA other; CREATE TABLE other.alembic_version (version_num varchar(32));"),
                                   QStringLiteral("app")));
        const DatabaseState ambiguous = readDatabaseState(target, VersionLocation{}, {});
        QVERIFY(!ambiguous.versionTableExists);
        QVERIFY(ambiguous.locationNote.contains(QStringLiteral("other, test_app")));
        // An explicit schema is taken as given.
        VersionLocation explicitSchema;
        explicitSchema.schema = QStringLiteral("test_app");
        const DatabaseState given = readDatabaseState(target, explicitSchema, {});
        QCOMPARE(given.heads, QStringList{QStringLiteral("bbbb")});
        QVERIFY(given.locationNote.isEmpty());
    }

    // The run and its review take the connection's lock_timeout and kind from the target (a
    // profile in the window, --lock-timeout in retort-cli): one policy for both front ends.
    void theTargetsLockTimeoutAndKindReachTheRunAndItsReview()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("timeout"));
        QVERIFY(writeProject(dir, {{QStringLiteral("a.py"), revisionFile("aaaa", {})},
                                   {QStringLiteral("b.py"), revisionFile("bbbb", "aaaa")}}));
        const Result<std::shared_ptr<ProjectSnapshot>> snapshot = ProjectLoader::load(requestFor(dir));
        QVERIFY(snapshot);
        DatabaseState database;
        database.connected = true;
        database.databaseName = QStringLiteral("shop");
        database.target = ConnectionTarget{QStringLiteral("postgresql://app:pw@db.example.com/shop"), QStringLiteral("test"), false,
                                           ConnectionKind::Production, 2500};
        const Result<RunRequest> run = RunPlanner::prepare(**snapshot, database, RunKind::Upgrade, QStringLiteral("bbbb"));
        QVERIFY(run);
        QCOMPARE(run->connectionKind, ConnectionKind::Production);
        QCOMPARE(run->lockTimeoutMs, 2500);
        const JobRequest job = RunPlanner::jobRequest(**snapshot, *run, PythonCommand{}, database.target, VersionLocation{});
        QCOMPARE(job.bridge.lockTimeoutMs, 2500);
        QVERIFY(AlembicBridge::scriptArguments(job.bridge).join(QLatin1Char(' ')).contains(QStringLiteral("--lock-timeout 2500")));

        // A stamp runs no migration: no lock_timeout.
        const Result<RunRequest> stamp = RunPlanner::prepare(**snapshot, database, RunKind::Stamp, QStringLiteral("bbbb"));
        QVERIFY(stamp);
        QCOMPARE(stamp->lockTimeoutMs, 0);
        QCOMPARE(stamp->connectionKind, ConnectionKind::Production);
        QCOMPARE(RunPlanner::jobRequest(**snapshot, *stamp, PythonCommand{}, database.target, VersionLocation{}).bridge.lockTimeoutMs, 0);

        // The review: the same plan rendered with the target's URL, reviewed with its lock_timeout.
        VersionLocation location;
        location.table = QStringLiteral("versions");
        location.schema = QStringLiteral("meta");
        const Result<lint::PlanLintRequest> review = RunPlanner::reviewRequest(**snapshot, run->plan, database.target, location);
        QVERIFY(review);
        QCOMPARE(review->bridge.op, BridgeOp::Sql);
        QCOMPARE(review->bridge.overrideUrl, database.target.url);
        QCOMPARE(review->bridge.current, run->plan.currentHeads);
        QCOMPARE(review->bridge.target, QStringLiteral("bbbb"));
        QCOMPARE(review->databaseUrl, database.target.url);
        QCOMPARE(review->lint.lockTimeoutMs, 2500);
        QCOMPARE(review->lint.versionTable, QStringLiteral("versions"));
        QCOMPARE(review->lint.versionTableSchema, QStringLiteral("meta"));
        QCOMPARE(review->revisionPaths.size(), 2);
        QVERIFY(review->revisionPaths.value(QStringLiteral("bbbb")).endsWith(QStringLiteral("b.py")));

        // SQLite is not reviewed (the rules are PostgreSQL's), and an empty plan has nothing to review.
        const ConnectionTarget sqlite{QStringLiteral("sqlite:///app.db"), QStringLiteral("test"), false};
        QCOMPARE(RunPlanner::reviewRequest(**snapshot, run->plan, sqlite, location).error().code, QStringLiteral("review-dialect"));
        QCOMPARE(RunPlanner::reviewRequest(**snapshot, Plan{}, database.target, location).error().code, QStringLiteral("review-no-steps"));
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_GUILESS_MAIN(tst_Workspace)
#include "tst_Workspace.moc"
