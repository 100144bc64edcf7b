// Before a stamp, the database is compared with the schema the target implies (issue #14): a stamp
// over a missing table is said before it runs - in the CLI and in the window's confirmation.

#include "app/AppTestSupport.h"
#include "core/doctor/StampCheck.h"
#include "core/workspace/RunPlanner.h"
#include "support/CliProcess.h"
#include "support/SqlTestHelpers.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

class tst_StampCheck : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;

    std::shared_ptr<ProjectSnapshot> load()
    {
        LoadRequest request;
        request.project = m_project;
        auto loaded = ProjectLoader::load(request);
        return loaded ? loaded.value() : nullptr;
    }

    Problems checkOn(const QString& db, const QString& target)
    {
        const auto snapshot = load();
        const DatabaseState state = readDatabaseState(ConnectionTarget{QStringLiteral("sqlite:///") + db, {}, false},
                                                      VersionLocation::fromProject(snapshot->project.config), {});
        const Result<RunRequest> request = RunPlanner::prepare(*snapshot, state, RunKind::Stamp, target);
        if (!request)
            return {Problem::fromError(request.error())};
        return RunPlanner::checkStamp(*snapshot, *request, state);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("project"));
        // a creates `first`, b does nothing to the schema, c creates `third`
        QVERIFY(testsupport::writeSmallProject(m_project, "    pass"));
    }

    void aMatchingDatabaseRaisesNothing()
    {
        const QString db = m_dir.filePath(QStringLiteral("match.db"));
        QVERIFY(writeSqliteFile(db, {QStringLiteral("CREATE TABLE first (id INTEGER PRIMARY KEY)")}));
        const Problems problems = checkOn(db, QStringLiteral("bbbb2222"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).message));
    }

    void aMissingTableIsNamed()
    {
        const QString db = m_dir.filePath(QStringLiteral("missing.db"));
        QVERIFY(writeSqliteFile(db, {QStringLiteral("CREATE TABLE first (id INTEGER PRIMARY KEY)")}));
        const Problems problems = checkOn(db, QStringLiteral("cccc3333"));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().code, QStringLiteral("stamp-schema-mismatch"));
        QCOMPARE(problems.first().severity, Severity::Warning);
        QVERIFY2(problems.first().message.contains(QStringLiteral("has no third")), qPrintable(problems.first().message));
    }

    void tablesOfLaterRevisionsAreNamedToo()
    {
        const QString db = m_dir.filePath(QStringLiteral("ahead.db"));
        QVERIFY(writeSqliteFile(db, {QStringLiteral("CREATE TABLE first (id INTEGER PRIMARY KEY)"),
                                     QStringLiteral("CREATE TABLE third (id INTEGER PRIMARY KEY)")}));
        const Problems problems = checkOn(db, QStringLiteral("aaaa1111"));
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().message.contains(QStringLiteral("has third, which no revision up to aaaa1111 creates")),
                 qPrintable(problems.first().message));
    }

    void theCliSaysItBeforeStamping()
    {
        const QString db = m_dir.filePath(QStringLiteral("cli.db"));
        QVERIFY(writeSqliteFile(db, {QStringLiteral("CREATE TABLE first (id INTEGER PRIMARY KEY)")}));
        const test::ProcessRun r = test::runProcess(QStringLiteral(RETORT_CLI),
                                                    {QStringLiteral("-p"), m_project, QStringLiteral("--url"), QStringLiteral("sqlite:///") + db,
                                                     QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON), QStringLiteral("stamp"),
                                                     QStringLiteral("cccc3333")},
                                                    {}, 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("warning: The database has no third"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_StampCheck)
#include "tst_StampCheck.moc"
