// BridgeSession (core/exec): many Alembic commands in one bridge process, with the real Alembic
// (RETORT_PYTHON) on a generated project and a SQLite file. A failing migration is a reply and the
// session goes on; a cancel or a url mismatch ends it; no process outlives it.

#include "core/db/Connection.h"
#include "core/db/VersionTable.h"
#include "core/exec/BridgeSession.h"
#include "support/CliProcess.h"
#include "support/MigrationProject.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;
using namespace retort::test;

class TestBridgeSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PythonCommand m_python;

    BridgeRequest request(const QString& project, const QString& database) const
    {
        BridgeRequest r;
        r.configFile = project + QStringLiteral("/alembic.ini");
        r.workingDirectory = project;
        r.overrideUrl = QStringLiteral("sqlite:///") + database;
        r.requireUrlMatch = true;
        r.timeoutMs = 120000;
        return r;
    }

    QString project(const QString& name, const MigrationProjectOptions& options)
    {
        const QString dir = m_dir.filePath(name);
        if (!writeMigrationProject(dir, options))
            return {};
        return dir;
    }

    static QStringList rows(const QString& database)
    {
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite:///") + database);
        auto connection = ScopedConnection::open(*url);
        if (!connection)
            return {QStringLiteral("<%1>").arg(connection.error().message)};
        auto state = VersionTable::read((*connection)->database());
        return state ? state->revisions : QStringList{QStringLiteral("<unreadable>")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_python.program = QStringLiteral(RETORT_PYTHON);
        m_python.description = m_python.program;
    }

    void theScriptComesThroughALoaderSoStdinStaysOpen()
    {
        BridgeRequest r;
        r.op = BridgeOp::Session;
        r.configFile = QStringLiteral("/p/alembic.ini");
        const QStringList line = AlembicBridge::commandLine(m_python, r);
        QCOMPARE(line.at(1), QStringLiteral("-c"));
        QVERIFY(!line.contains(QStringLiteral("-")));
        QCOMPARE(line.mid(3), (QStringList{QStringLiteral("session"), QStringLiteral("--config"), QStringLiteral("/p/alembic.ini")}));
    }

    void commandsRunOneAfterAnotherInOneProcess()
    {
        MigrationProjectOptions options;
        options.revisions = 3;
        const QString dir = project(QStringLiteral("three"), options);
        QVERIFY(!dir.isEmpty());
        const QString database = m_dir.filePath(QStringLiteral("three.db"));
        BridgeSession session(m_python, request(dir, database));
        QStringList finished;
        session.setSinks([&](const BridgeEvent& e) {
            if (e.type == QLatin1String("step_finished"))
                finished << e.data.value(QStringLiteral("revision")).toString();
        }, {});
        const Status started = session.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));

        auto up = session.command(QStringLiteral("upgrade"), migrationRevisionId(2));
        QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().message));
        QVERIFY(up->ok);
        QVERIFY(up->headsKnown);
        QCOMPARE(up->heads, QStringList{migrationRevisionId(2)});
        QCOMPARE(up->stepsRun, (QStringList{migrationRevisionId(1), migrationRevisionId(2)}));
        QCOMPARE(up->stepsPlanned, 2);
        // Between two commands the database is committed and free: another connection reads it.
        QCOMPARE(rows(database), QStringList{migrationRevisionId(2)});

        auto down = session.command(QStringLiteral("downgrade"), QStringLiteral("-1"));
        QVERIFY(down.ok() && down->ok);
        QCOMPARE(down->heads, QStringList{migrationRevisionId(1)});
        QCOMPARE(rows(database), QStringList{migrationRevisionId(1)});

        // Alembic refusing a target is a reply; the session goes on.
        auto unknown = session.command(QStringLiteral("upgrade"), QStringLiteral("nosuchrev"));
        QVERIFY(unknown.ok());
        QVERIFY(!unknown->ok);
        QVERIFY2(unknown->error.message.contains(QLatin1String("nosuchrev")), qPrintable(unknown->error.message));
        auto again = session.command(QStringLiteral("upgrade"), QStringLiteral("heads"));
        QVERIFY(again.ok() && again->ok);
        QCOMPARE(again->heads, QStringList{migrationRevisionId(3)});
        QCOMPARE(finished, (QStringList{migrationRevisionId(1), migrationRevisionId(2), migrationRevisionId(2),
                                        migrationRevisionId(2), migrationRevisionId(3)}));

        const BridgeRun closed = session.close();
        QVERIFY2(closed.ok(), qPrintable(closed.error.message));
        QCOMPARE(closed.exitCode, 0);
        QVERIFY(processesIn(dir).isEmpty());
    }

    void aFailingMigrationIsAReplyAndTheSessionGoesOn()
    {
        MigrationProjectOptions options;
        options.revisions = 3;
        options.upgradeFails = 2;
        const QString dir = project(QStringLiteral("failing"), options);
        const QString database = m_dir.filePath(QStringLiteral("failing.db"));
        BridgeSession session(m_python, request(dir, database));
        auto failed = session.command(QStringLiteral("upgrade"), QStringLiteral("heads"));
        QVERIFY2(failed.ok(), qPrintable(failed.ok() ? QString() : failed.error().message));
        QVERIFY(!failed->ok);
        QVERIFY(!failed->headsKnown);
        QCOMPARE(failed->error.code, QStringLiteral("migration-failed"));
        QVERIFY2(failed->error.message.contains(QLatin1String("fails on purpose")), qPrintable(failed->error.message));
        QVERIFY2(failed->error.path.endsWith(QLatin1String("0002_r0002.py")), qPrintable(failed->error.path));
        QVERIFY(failed->error.line > 0);
        auto first = session.command(QStringLiteral("downgrade"), QStringLiteral("base"));
        QVERIFY(first.ok() && first->ok);
        QVERIFY(first->heads.isEmpty());
        QVERIFY(session.close().ok());
    }

    void aCancelEndsTheSession()
    {
        MigrationProjectOptions options;
        options.revisions = 2;
        const QString dir = project(QStringLiteral("cancel"), options);
        std::atomic_bool cancel{false};
        BridgeSession session(m_python, request(dir, m_dir.filePath(QStringLiteral("cancel.db"))), &cancel);
        QVERIFY(session.start().ok());
        cancel = true;
        QElapsedTimer timer;
        timer.start();
        auto reply = session.command(QStringLiteral("upgrade"), QStringLiteral("heads"));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().code, QStringLiteral("cancelled"));
        QVERIFY(timer.elapsed() < 10000);
        QVERIFY(!session.isOpen());
        auto after = session.command(QStringLiteral("upgrade"), QStringLiteral("heads"));
        QVERIFY(!after.ok());
        QCOMPARE(after.error().code, QStringLiteral("cancelled"));
        QVERIFY(processesIn(dir).isEmpty());
    }

    // env.py that ignores the URL Retort passes: nothing runs, the session ends with url-mismatch.
    void aUrlMismatchEndsTheSessionBeforeAnythingRuns()
    {
        MigrationProjectOptions options;
        options.revisions = 2;
        const QString dir = project(QStringLiteral("mismatch"), options);
        QFile env(dir + QStringLiteral("/migrations/env.py"));
        QVERIFY(env.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(env.readAll());
        env.close();
        text.replace(QStringLiteral("return os.environ.get(\"DATABASE_URL\") or config.get_main_option(\"sqlalchemy.url\")"),
                     QStringLiteral("return \"sqlite:///%1\"").arg(m_dir.filePath(QStringLiteral("elsewhere.db"))));
        QVERIFY(writeProjectFile(env.fileName(), text));
        BridgeSession session(m_python, request(dir, m_dir.filePath(QStringLiteral("scratch.db"))));
        auto reply = session.command(QStringLiteral("upgrade"), QStringLiteral("heads"));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().code, QStringLiteral("url-mismatch"));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("elsewhere.db"))) || rows(m_dir.filePath(QStringLiteral("elsewhere.db"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBridgeSession)
#include "tst_BridgeSession.moc"
