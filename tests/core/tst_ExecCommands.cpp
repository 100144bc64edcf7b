// retort-cli sql / upgrade / downgrade / stamp (src/cli/ExecCommands.cpp), run as a user would,
// against the real Alembic (RETORT_PYTHON) on the demo project (examples/cityscope, 13 revisions,
// two labelled branches and a merge) and on the bridge test project: the result is compared with
// what `alembic` itself does on a second copy of the same database; offline SQL with `alembic
// ... --sql`; --json event lines; failure at step k; bad input; Ctrl+C; PostgreSQL.

#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/VersionTable.h"
#include "support/CliProcess.h"
#include "support/PgCluster.h"
#include "support/TestTree.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace retort;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QProcessEnvironment environment(const QMap<QString, QString>& extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

Run run(const QString& program, const QStringList& args, const QString& workdir, const QMap<QString, QString>& extra = {})
{
    QProcess process;
    process.setWorkingDirectory(workdir);
    process.setProcessEnvironment(environment(extra));
    process.start(program, args);
    if (!process.waitForFinished(120000))
        process.kill();
    return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
               process.readAllStandardError()};
}

Run cli(const QStringList& args, const QString& workdir, const QMap<QString, QString>& extra = {})
{
    return run(QStringLiteral(RETORT_CLI), args, workdir, extra);
}

Run alembic(const QStringList& args, const QString& workdir, const QString& url)
{
    return run(QStringLiteral(RETORT_PYTHON), QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} + args, workdir,
               {{QStringLiteral("DATABASE_URL"), url}});
}

QStringList versionRows(const QString& url)
{
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    if (!parsed.ok())
        return {QStringLiteral("<bad url>")};
    auto connection = ScopedConnection::open(*parsed);
    if (!connection.ok())
        return {QStringLiteral("<%1>").arg(connection.error().message)};
    const Result<VersionState> state = VersionTable::read((*connection)->database());
    if (!state.ok())
        return {QStringLiteral("<%1>").arg(state.error().message)};
    QStringList rows = state->revisions;
    rows.sort();
    return rows;
}

QList<QJsonObject> jsonLines(const QByteArray& out)
{
    QList<QJsonObject> lines;
    for (const QByteArray& line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {}; // every line must be one JSON object
        lines << doc.object();
    }
    return lines;
}

} // namespace

class tst_ExecCommands : public QObject
{
    Q_OBJECT

private:
    // SQLite commits fsync; on tmpfs the many real Alembic runs stay fast (the fsync cost is Alembic's).
    QTemporaryDir m_dir{fastTempPath(QStringLiteral("tst_ExecCommands-XXXXXX"))};
    int m_counter = 0;
    PgCluster m_cluster;

    // A copy of a project and a SQLite URL next to it.
    QString copyOf(const QString& source)
    {
        const QString root = m_dir.filePath(QStringLiteral("p%1").arg(++m_counter));
        copyTree(source, root);
        return root;
    }
    QString cityscope() { return copyOf(QStringLiteral(RETORT_SOURCE_DIR "/examples/cityscope")); }
    QString linear() { return copyOf(QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bridge/linear")); }
    static QString sqliteUrl(const QString& root, const QString& name) { return QStringLiteral("sqlite:///") + root + QLatin1Char('/') + name; }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(), "RETORT_PYTHON (a Python with alembic) is required");
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_CLI)).isExecutable(), "retort-cli must be built");
        QVERIFY2(QFileInfo::exists(QStringLiteral(RETORT_SOURCE_DIR "/examples/cityscope/alembic.ini")), "the demo project is missing");
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    }

    void cleanupTestCase() { m_cluster.stop(); }

    void runsEndWhereAlembicEnds_data()
    {
        QTest::addColumn<QString>("setup");     // upgrade target run first by both ("" = none)
        QTest::addColumn<QString>("command");   // upgrade / downgrade / stamp
        QTest::addColumn<QString>("target");

        QTest::newRow("upgrade heads from base") << QString() << QStringLiteral("upgrade") << QStringLiteral("heads");
        QTest::newRow("upgrade the other branch after the first")
            << QStringLiteral("geo@head") << QStringLiteral("upgrade") << QStringLiteral("auth@head");
        QTest::newRow("upgrade relative to a label")
            << QStringLiteral("5e9b1d7c3a88") << QStringLiteral("upgrade") << QStringLiteral("auth@+1");
        QTest::newRow("upgrade across the merge to a partial id")
            << QStringLiteral("a41c7e2d9b60") << QStringLiteral("upgrade") << QStringLiteral("9d5e");
        QTest::newRow("downgrade by a relative -2 from the head")
            << QStringLiteral("heads") << QStringLiteral("downgrade") << QStringLiteral("-2");
        QTest::newRow("downgrade below the merge to the branch point")
            << QStringLiteral("heads") << QStringLiteral("downgrade") << QStringLiteral("5e9b1d7c3a88");
        QTest::newRow("stamp a branch head") << QString() << QStringLiteral("stamp") << QStringLiteral("f6c2a9d4e817");
    }

    void runsEndWhereAlembicEnds()
    {
        QFETCH(QString, setup);
        QFETCH(QString, command);
        QFETCH(QString, target);

        const QString ours = cityscope();
        const QString theirs = cityscope();
        const QString ourUrl = sqliteUrl(ours, QStringLiteral("retort.db"));
        const QString theirUrl = sqliteUrl(theirs, QStringLiteral("alembic.db"));
        if (!setup.isEmpty()) {
            const Run a = cli({QStringLiteral("--url"), ourUrl, QStringLiteral("upgrade"), setup}, ours);
            QVERIFY2(a.exitCode == 0, a.err.constData());
            const Run b = alembic({QStringLiteral("upgrade"), setup}, theirs, theirUrl);
            QVERIFY2(b.exitCode == 0, b.err.constData());
        }
        const Run a = cli({QStringLiteral("--url"), ourUrl, command, target}, ours);
        const Run b = alembic({command, target}, theirs, theirUrl);
        QVERIFY2(b.exitCode == 0, b.err.constData());
        QVERIFY2(a.exitCode == 0, QByteArray(a.out + a.err).constData());
        QCOMPARE(versionRows(ourUrl), versionRows(theirUrl));
        // The plan's own verdict is printed and agrees.
        QVERIFY2(a.out.contains("as planned") || command == QLatin1String("stamp"), a.out.constData());
        // Alembic ran the same steps (its INFO log lists them); Retort numbered them.
        const qsizetype theirSteps = b.err.count(QByteArray("Running " + command.toUtf8()));
        if (command != QLatin1String("stamp"))
            QCOMPARE(a.out.count(" done in "), theirSteps);
    }

    void offlineSqlIsAlembics_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("ourArgs");
        QTest::addColumn<QStringList>("alembicArgs");
        const QString pg = QStringLiteral("postgresql://app:pw@db.invalid/app");
        QTest::newRow("SQLite from base to heads")
            << QString() << QStringList{QStringLiteral("upgrade"), QStringLiteral("heads")}
            << QStringList{QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql")};
        QTest::newRow("PostgreSQL from base to heads (merge: two parents in one marker)")
            << pg << QStringList{QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--current"), QStringLiteral("base")}
            << QStringList{QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql")};
        QTest::newRow("PostgreSQL from a branch head to the other label")
            << pg << QStringList{QStringLiteral("upgrade"), QStringLiteral("auth@head"), QStringLiteral("--current"), QStringLiteral("f6c2a9d4e817")}
            << QStringList{QStringLiteral("upgrade"), QStringLiteral("f6c2a9d4e817:auth@head"), QStringLiteral("--sql")};
        QTest::newRow("PostgreSQL downgrade from the head to the branch point")
            << pg << QStringList{QStringLiteral("downgrade"), QStringLiteral("5e9b1d7c3a88"), QStringLiteral("--current"), QStringLiteral("7c1b9e5a3f28")}
            << QStringList{QStringLiteral("downgrade"), QStringLiteral("7c1b9e5a3f28:5e9b1d7c3a88"), QStringLiteral("--sql")};
    }

    void offlineSqlIsAlembics()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, ourArgs);
        QFETCH(QStringList, alembicArgs);

        const QString root = cityscope();
        const QString effective = url.isEmpty() ? sqliteUrl(root, QStringLiteral("never.db")) : url;
        QStringList args{QStringLiteral("sql")};
        args << ourArgs;
        // --url also picks the dialect; offline SQL never connects.
        const Run a = cli(QStringList{QStringLiteral("--url"), effective} + args, root);
        QVERIFY2(a.exitCode == 0, a.err.constData());
        const Run b = alembic(alembicArgs, root, effective);
        QVERIFY2(b.exitCode == 0, b.err.constData());
        QCOMPARE(QString::fromUtf8(a.out), QString::fromUtf8(b.out));
        QVERIFY(a.out.contains("-- Running "));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/never.db")));

        const Run json = cli(QStringList{QStringLiteral("--json"), QStringLiteral("--url"), effective} + args, root);
        QCOMPARE(json.exitCode, 0);
        const QList<QJsonObject> lines = jsonLines(json.out);
        QCOMPARE(lines.size(), 1);
        QString joined;
        int steps = 0;
        for (const QJsonValue& section : lines.first().value(QStringLiteral("sections")).toArray()) {
            joined += section.toObject().value(QStringLiteral("sql")).toString();
            steps += section.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("step") ? 1 : 0;
        }
        QCOMPARE(joined, QString::fromUtf8(b.out));
        QCOMPARE(steps, int(b.out.count("-- Running ")));
        QCOMPARE(lines.first().value(QStringLiteral("steps")).toInt(), steps);
    }

    void jsonModePrintsOneEventPerLine()
    {
        const QString root = cityscope();
        const Run a = cli({QStringLiteral("--json"), QStringLiteral("--url"), sqliteUrl(root, QStringLiteral("j.db")),
                           QStringLiteral("upgrade"), QStringLiteral("heads")},
                          root);
        QCOMPARE(a.exitCode, 0);
        const QList<QJsonObject> lines = jsonLines(a.out);
        QVERIFY2(lines.size() == 1 + 13 * 2 + 1, a.out.constData());
        QCOMPARE(lines.first().value(QStringLiteral("event")).toString(), QStringLiteral("url"));
        QCOMPARE(lines.at(1).value(QStringLiteral("event")).toString(), QStringLiteral("step_started"));
        QCOMPARE(lines.at(2).value(QStringLiteral("event")).toString(), QStringLiteral("step_finished"));
        const QJsonObject result = lines.last();
        QCOMPARE(result.value(QStringLiteral("event")).toString(), QStringLiteral("result"));
        QCOMPARE(result.value(QStringLiteral("alembic_version")).toArray(), QJsonArray{QStringLiteral("7c1b9e5a3f28")});
        QCOMPARE(result.value(QStringLiteral("matches_expected")).toBool(), true);
        QCOMPARE(result.value(QStringLiteral("version_source")).toString(), QStringLiteral("retort"));
    }

    void aFailingMigrationExitsOneAndNamesIt()
    {
        const QString root = linear();
        const QString url = sqliteUrl(root, QStringLiteral("f.db"));
        const Run a = cli({QStringLiteral("--json"), QStringLiteral("--url"), url, QStringLiteral("upgrade"), QStringLiteral("heads")}, root,
                          {{QStringLiteral("BRIDGE_FAIL_AT"), QStringLiteral("4c5b7e2d3f04")}});
        QCOMPARE(a.exitCode, 1);
        const QList<QJsonObject> lines = jsonLines(a.out);
        QVERIFY(lines.size() >= 3);
        const QJsonObject result = lines.at(lines.size() - 2);
        QCOMPARE(result.value(QStringLiteral("event")).toString(), QStringLiteral("result"));
        QCOMPARE(result.value(QStringLiteral("alembic_version")).toArray(), QJsonArray{QStringLiteral("3d6e8f1a2c03")});
        QVERIFY(result.value(QStringLiteral("outcome")).toString().contains(QStringLiteral("stayed applied")));
        const QJsonObject error = lines.last().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("migration-failed"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(
                     QStringLiteral("migration 4c5b7e2d3f04 failed: deliberate failure in 4c5b7e2d3f04")),
                 qPrintable(error.value(QStringLiteral("message")).toString()));
        QCOMPARE(versionRows(url), QStringList{QStringLiteral("3d6e8f1a2c03")});
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("an unknown target") << QStringList{QStringLiteral("upgrade"), QStringLiteral("nope1234")}
                                           << QStringLiteral("Can't locate revision identified by 'nope1234'");
        QTest::newRow("upgrade without a target") << QStringList{QStringLiteral("upgrade")} << QStringLiteral("needs one target");
        QTest::newRow("an interpreter that does not exist")
            << QStringList{QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--python"), QStringLiteral("/nonexistent/python")}
            << QStringLiteral("/nonexistent/python");
        QTest::newRow("merge of an unknown revision")
            << QStringList{QStringLiteral("merge"), QStringLiteral("7c1b9e5a3f28"), QStringLiteral("nope1234")}
            << QStringLiteral("Can't locate revision identified by 'nope1234'");
        QTest::newRow("merge of a single head") << QStringList{QStringLiteral("merge")} << QStringLiteral("nothing to merge");
        QTest::newRow("offline downgrade without a start")
            << QStringList{QStringLiteral("sql"), QStringLiteral("downgrade"), QStringLiteral("base")}
            << QStringLiteral("downgrade with --sql requires <fromrev>:<torev>");
    }

    void badInputExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, messagePart);
        const QString root = cityscope();
        const Run a = cli(QStringList{QStringLiteral("--json"), QStringLiteral("--url"), sqliteUrl(root, QStringLiteral("b.db"))} + args, root);
        QCOMPARE(a.exitCode, 2);
        const QList<QJsonObject> lines = jsonLines(a.out);
        QCOMPARE(lines.size(), 1);
        const QString message = lines.first().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(messagePart), qPrintable(message));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/b.db"))); // nothing ran
    }

    void mergeJoinsEveryHeadThroughAlembic()
    {
        const QString root = cityscope();
        // A second head beside the demo's head.
        QFile side(root + QStringLiteral("/migrations/versions/2024_03_21_0900-aa11bb22cc33_side_branch.py"));
        QVERIFY(side.open(QIODevice::WriteOnly));
        side.write("\"\"\"side branch\n\nRevision ID: aa11bb22cc33\nRevises: 4a7f2c8e6d93\n\"\"\"\n"
                   "revision = 'aa11bb22cc33'\ndown_revision = '4a7f2c8e6d93'\nbranch_labels = None\ndepends_on = None\n\n\n"
                   "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");
        side.close();
        const Run merged = cli({QStringLiteral("--json"), QStringLiteral("merge"), QStringLiteral("-m"), QStringLiteral("join heads")}, root);
        QVERIFY2(merged.exitCode == 0, merged.out.constData());
        const QJsonObject result = QJsonDocument::fromJson(merged.out).object();
        const QString revision = result.value(QStringLiteral("revision")).toString();
        QVERIFY2(!revision.isEmpty(), merged.out.constData());
        QVERIFY(QFileInfo::exists(result.value(QStringLiteral("path")).toString()));
        QStringList down;
        for (const QJsonValue& v : result.value(QStringLiteral("down_revisions")).toArray())
            down << v.toString();
        down.sort();
        QCOMPARE(down, (QStringList{QStringLiteral("7c1b9e5a3f28"), QStringLiteral("aa11bb22cc33")}));
        // Alembic and Retort now agree on one head, the merge.
        const Run heads = alembic({QStringLiteral("heads")}, root, sqliteUrl(root, QStringLiteral("m.db")));
        QVERIFY2(heads.out.startsWith(QByteArray(revision.toUtf8() + ' ')), heads.out.constData());
        QCOMPARE(heads.out.count("(head)"), 1);
        const Run ours = cli({QStringLiteral("--json"), QStringLiteral("heads")}, root);
        QCOMPARE(QJsonDocument::fromJson(ours.out).object().value(QStringLiteral("heads")).toArray(), QJsonArray{revision});
    }

    void ctrlCCancelsAndLeavesNoProcessBehind()
    {
        const QString root = linear();
        const QString url = sqliteUrl(root, QStringLiteral("c.db"));
        QProcess process;
        process.setWorkingDirectory(root);
        process.setProcessEnvironment(environment({{QStringLiteral("BRIDGE_SLEEP_AT"), QStringLiteral("3d6e8f1a2c03")},
                                                   {QStringLiteral("BRIDGE_SLEEP_SECONDS"), QStringLiteral("60")}}));
        process.start(QStringLiteral(RETORT_CLI), {QStringLiteral("--json"), QStringLiteral("--url"), url, QStringLiteral("upgrade"),
                                                   QStringLiteral("heads")});
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QElapsedTimer clock;
        clock.start();
        while (!out.contains("\"revision\":\"3d6e8f1a2c03\"") && clock.elapsed() < 30000) {
            process.waitForReadyRead(200);
            out += process.readAllStandardOutput();
        }
        QVERIFY2(out.contains("step_started"), out.constData());
        QTest::qWait(300);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(20000));
        out += process.readAllStandardOutput();
        QCOMPARE(process.exitCode(), 1);
        const QList<QJsonObject> lines = jsonLines(out);
        QVERIFY(!lines.isEmpty());
        QCOMPARE(lines.last().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(versionRows(url), QStringList{QStringLiteral("2e7d9a4c1b02")});
        QVERIFY2(retort::test::processesIn(root).isEmpty(), qPrintable(retort::test::processesIn(root).join(QLatin1Char(' '))));
    }

    void postgresUpgradeDowngradeAndStamp()
    {
        const QString root = cityscope();
        QVERIFY(m_cluster.createDatabase(QStringLiteral("cli")).ok());
        const QString url = m_cluster.url(QStringLiteral("cli"));
        const Run up = cli({QStringLiteral("--url"), url, QStringLiteral("upgrade"), QStringLiteral("heads")}, root);
        QVERIFY2(up.exitCode == 0, QByteArray(up.out + up.err).constData());
        QVERIFY(!up.out.contains(m_cluster.password().toUtf8()));
        QVERIFY(!up.err.contains(m_cluster.password().toUtf8()));
        QCOMPARE(versionRows(url), QStringList{QStringLiteral("7c1b9e5a3f28")});

        const Run down = cli({QStringLiteral("--url"), url, QStringLiteral("downgrade"), QStringLiteral("auth@-1")}, root);
        QVERIFY2(down.exitCode == 0, QByteArray(down.out + down.err).constData());
        const Run reference = alembic({QStringLiteral("upgrade"), QStringLiteral("heads")}, root, sqliteUrl(root, QStringLiteral("ref.db")));
        QCOMPARE(reference.exitCode, 0);
        QCOMPARE(alembic({QStringLiteral("downgrade"), QStringLiteral("auth@-1")}, root, sqliteUrl(root, QStringLiteral("ref.db"))).exitCode, 0);
        QCOMPARE(versionRows(url), versionRows(sqliteUrl(root, QStringLiteral("ref.db"))));

        const Run stamp = cli({QStringLiteral("--url"), url, QStringLiteral("stamp"), QStringLiteral("base")}, root);
        QVERIFY2(stamp.exitCode == 0, QByteArray(stamp.out + stamp.err).constData());
        QCOMPARE(versionRows(url), QStringList{});
    }
};

QTEST_GUILESS_MAIN(tst_ExecCommands)
#include "tst_ExecCommands.moc"
