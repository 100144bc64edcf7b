// AlembicBridge: the bridge script run with a real Alembic (RETORT_PYTHON) on real SQLite files:
// the event stream, the exact revision map, offline SQL equal to `alembic ... --sql`, the URL
// override, every broken setup, cancel, kill after the grace period, timeout.

#include "core/alembic/Project.h"
#include "core/alembic/ProjectLocator.h"
#include "core/alembic/RevisionFileParser.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/AlembicLoader.h"
#include "core/exec/PythonLocator.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <sys/types.h>

using namespace retort;

namespace {

const QString kRev1 = QStringLiteral("1f0c3b7a9d01");
const QString kRev2 = QStringLiteral("2e7d9a4c1b02");
const QString kRev3 = QStringLiteral("3d6e8f1a2c03");
const QString kRev4 = QStringLiteral("4c5b7e2d3f04");
const QString kRev5 = QStringLiteral("5b4a6d3e4a05");

bool copyTree(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QStringLiteral("__pycache__")))
            continue;
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(path);
        if (it.fileInfo().isDir()) {
            QDir().mkpath(target);
        } else if (!QFile::copy(path, target)) {
            return false;
        }
    }
    return true;
}

void replaceInFile(const QString& path, const QString& before, const QString& after)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    QString text = QString::fromUtf8(file.readAll());
    file.close();
    QVERIFY2(text.contains(before), qPrintable(QStringLiteral("%1 does not contain %2").arg(path, before)));
    text.replace(before, after);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
}

PythonCommand realPython()
{
    PythonCommand python;
    python.kind = InterpreterKind::Override;
    python.program = QStringLiteral(RETORT_PYTHON);
    python.description = python.program;
    return python;
}

bool processGone(qint64 pid)
{
    if (pid <= 0)
        return true;
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

// Environment switches of the test project, restored at the end of a test function.
class EnvGuard
{
public:
    ~EnvGuard()
    {
        for (const QByteArray& name : m_names)
            qunsetenv(name.constData());
    }
    void set(const char* name, const QString& value)
    {
        qputenv(name, value.toUtf8());
        m_names << QByteArray(name);
    }

private:
    QList<QByteArray> m_names;
};

QStringList eventTypes(const BridgeRun& run)
{
    QStringList types;
    for (const BridgeEvent& event : run.events)
        types << event.type;
    return types;
}

} // namespace

class tst_AlembicBridge : public QObject
{
    Q_OBJECT

private:
    QString m_source = QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bridge/linear");

    // A fresh copy of the test project; the database is a SQLite file next to it.
    struct Project
    {
        std::unique_ptr<QTemporaryDir> dir;
        QString root;
        QString ini;
        QString dbPath;
        QString url;
    };
    Project makeProject()
    {
        Project project;
        project.dir = std::make_unique<QTemporaryDir>();
        project.root = project.dir->filePath(QStringLiteral("project"));
        if (!copyTree(m_source, project.root))
            qWarning("could not copy the test project");
        project.ini = project.root + QStringLiteral("/alembic.ini");
        project.dbPath = project.dir->filePath(QStringLiteral("test.db"));
        project.url = QStringLiteral("sqlite:///") + project.dbPath;
        return project;
    }
    BridgeRequest request(const Project& project, BridgeOp op, const QString& target = {})
    {
        BridgeRequest r;
        r.op = op;
        r.configFile = project.ini;
        r.workingDirectory = project.root;
        r.target = target;
        r.overrideUrl = project.url;
        r.timeoutMs = 60000;
        r.graceMs = 3000;
        return r;
    }

    // `python -m alembic ...` in the project folder, as a user would run it.
    QByteArray runAlembic(const Project& project, const QStringList& args, const QString& url)
    {
        QProcess process;
        process.setWorkingDirectory(project.root);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DATABASE_URL"), url);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(RETORT_PYTHON), QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} + args);
        process.waitForFinished(60000);
        if (process.exitCode() != 0)
            qWarning("alembic failed: %s", process.readAllStandardError().constData());
        return process.readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(), "RETORT_PYTHON (a Python with alembic) is required");
        QVERIFY(QFileInfo::exists(m_source + QStringLiteral("/alembic.ini")));
    }

    void theScriptIsCompiledIn()
    {
        const QByteArray script = AlembicBridge::script();
        QVERIFY(script.size() > 1000);
        QVERIFY(script.contains("def main(argv)"));
    }

    void helloReportsTheInterpreterAndAlembicVersions()
    {
        BridgeRequest r;
        r.op = BridgeOp::Hello;
        const BridgeRun run = AlembicBridge::run(realPython(), r);
        QVERIFY2(run.ok(), qPrintable(run.error.toString()));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.sawHello);
        QVERIFY(!run.hello.value(QStringLiteral("alembic")).toString().isEmpty());
        QVERIFY(!run.hello.value(QStringLiteral("sqlalchemy")).toString().isEmpty());
        QVERIFY(run.hello.value(QStringLiteral("python")).toString().startsWith(QStringLiteral("3.")));
        QCOMPARE(run.result.value(QStringLiteral("ok")).toBool(), true);
    }

    void revisionsAreAlembicsOwnMap()
    {
        const Project project = makeProject();
        const BridgeRun run = AlembicBridge::run(realPython(), request(project, BridgeOp::Revisions));
        QVERIFY2(run.ok(), qPrintable(run.error.toString()));
        QJsonObject revisions;
        for (const BridgeEvent& event : run.events)
            if (event.type == QLatin1String("revisions"))
                revisions = event.data;
        QCOMPARE(revisions.value(QStringLiteral("count")).toInt(), 5);
        QCOMPARE(revisions.value(QStringLiteral("heads")).toArray().first().toString(), kRev5);
    }

    void nonLiteralValuesAreLoadedThroughAlembic()
    {
        const Project project = makeProject();
        const QString productsFile = project.root + QStringLiteral("/migrations/versions/2024_01_02_1000-2e7d9a4c1b02_create_products.py");
        // The static parser cannot read `branch_labels = (CATALOG_BRANCH,)` ...
        const RevisionFile statically = RevisionFileParser::parseFile(productsFile);
        QCOMPARE(statically.unresolved.size(), 1);
        QCOMPARE(statically.unresolved.first().name, QStringLiteral("branch_labels"));

        // ... Alembic can.
        const Result<ProjectConfig> config = ProjectLocator::locate(project.root);
        QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().toString()));
        const Result<QVector<RevisionFile>> files = loadRevisionsViaAlembic(*config, realPython());
        QVERIFY2(files.ok(), qPrintable(files.ok() ? QString() : files.error().toString()));
        QCOMPARE(files->size(), 5);
        const QStringList order{kRev1, kRev2, kRev3, kRev4, kRev5};
        for (int i = 0; i < 5; ++i)
            QCOMPARE(files->at(i).revision, order.at(i)); // the scanner's file order
        const RevisionFile& products = files->at(1);
        QCOMPARE(products.branchLabels, QStringList{QStringLiteral("catalog")});
        QCOMPARE(products.downRevisions, QStringList{kRev1});
        QCOMPARE(products.message, QStringLiteral("create products"));
        QVERIFY(products.unresolved.isEmpty());
        QCOMPARE(products.revisionLine, statically.revisionLine); // source facts kept
        QCOMPARE(products.createDate, statically.createDate);
        QVERIFY(files->at(0).downRevisions.isEmpty());
    }

    void onlyTheUnresolvedFilesAreImported()
    {
        // Every revision file writes a marker when Python imports it: resolveWithAlembic must run
        // only the one whose value the static reader could not fold (products), with Alembic's
        // loader, and the bridge must report exactly the files it was given.
        const Project project = makeProject();
        const QString markers = project.dir->filePath(QStringLiteral("markers"));
        QVERIFY(QDir().mkpath(markers));
        const QString versions = project.root + QStringLiteral("/migrations/versions");
        const QStringList names = QDir(versions).entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
        QCOMPARE(names.size(), 5);
        for (const QString& name : names)
            replaceInFile(versions + QLatin1Char('/') + name, QStringLiteral("\n\ndef upgrade"),
                          QStringLiteral("\nopen('%1/%2', 'w').close()\n\ndef upgrade").arg(markers, name));

        Result<LoadedProject> loaded = loadProject(project.root);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        QVERIFY(needsAlembicLoad(*loaded));
        const Result<LoadedProject> exact = resolveWithAlembic(*loaded, realPython());
        QVERIFY2(exact.ok(), qPrintable(exact.ok() ? QString() : exact.error().toString()));
        QCOMPARE(QDir(markers).entryList(QDir::Files), QStringList{names.at(1)});
        QVERIFY(!needsAlembicLoad(*exact));
        QCOMPARE(exact->files.size(), 5);
        QCOMPARE(exact->files.at(1).branchLabels, QStringList{QStringLiteral("catalog")});
        for (int i : {0, 2, 3, 4}) // the others are the static parse, untouched
            QCOMPARE(exact->files.at(i).revision, loaded->files.at(i).revision);
        QCOMPARE(exact->warnings.first().code, QStringLiteral("loaded-via-alembic"));
        QVERIFY2(exact->warnings.first().message.contains(names.at(1))
                     && exact->warnings.first().message.contains(QStringLiteral("branch_labels = (CATALOG_BRANCH,)")),
                 qPrintable(exact->warnings.first().message));

        // The bridge's own report: one entry per given file, in order, from Alembic's loader.
        BridgeRequest r = request(project, BridgeOp::Scripts);
        r.files = QStringList{versions + QLatin1Char('/') + names.at(3), QStringLiteral("migrations/versions/") + names.at(0)};
        QJsonObject scripts;
        const BridgeRun run = AlembicBridge::run(realPython(), r, nullptr, [&](const BridgeEvent& event) {
            if (event.type == QLatin1String("scripts"))
                scripts = event.data;
        });
        QVERIFY2(run.ok(), qPrintable(run.error.toString()));
        QCOMPARE(scripts.value(QStringLiteral("loader")).toString(), QStringLiteral("alembic"));
        const QJsonArray entries = scripts.value(QStringLiteral("revisions")).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).toObject().value(QStringLiteral("revision")).toString(), kRev4);
        QCOMPARE(entries.at(1).toObject().value(QStringLiteral("revision")).toString(), kRev1);
        QCOMPARE(entries.at(1).toObject().value(QStringLiteral("path")).toString(), QFileInfo(versions + QLatin1Char('/') + names.at(0)).absoluteFilePath());
        QCOMPARE(QDir(markers).entryList(QDir::Files, QDir::Name), (QStringList{names.at(0), names.at(1), names.at(3)}));
    }

    void upgradeEmitsOneStartAndOneFinishPerStep()
    {
        const Project project = makeProject();
        EnvGuard env;
        env.set("BRIDGE_SLEEP_AT", kRev3); // prints to stdout inside the migration ...
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("0"));
        const BridgeRun run = AlembicBridge::run(realPython(), request(project, BridgeOp::Upgrade, QStringLiteral("heads")));
        QVERIFY2(run.ok(), qPrintable(run.error.toString()));
        QCOMPARE(run.exitCode, 0);
        // ... which never reaches the JSON channel.
        QCOMPARE(run.strayStdoutLines, 0);
        QVERIFY2(run.stderrLines.contains(QStringLiteral("sleeping in ") + kRev3), qPrintable(run.stderrLines.join(QLatin1Char('\n'))));

        QStringList steps;
        for (const BridgeEvent& event : run.events) {
            if (event.type == QLatin1String("step_started") || event.type == QLatin1String("step_finished"))
                steps << event.type + QLatin1Char(' ') + event.data.value(QStringLiteral("revision")).toString() + QLatin1Char(' ')
                             + QString::number(event.data.value(QStringLiteral("index")).toInt()) + QLatin1Char('/')
                             + QString::number(event.data.value(QStringLiteral("total")).toInt());
        }
        QStringList expected;
        int i = 0;
        for (const QString& rev : {kRev1, kRev2, kRev3, kRev4, kRev5}) {
            expected << QStringLiteral("step_started %1 %2/5").arg(rev).arg(i);
            expected << QStringLiteral("step_finished %1 %2/5").arg(rev).arg(i);
            ++i;
        }
        QCOMPARE(steps, expected);
        const QStringList types = eventTypes(run);
        QCOMPARE(types.first(), QStringLiteral("hello"));
        QVERIFY(types.indexOf(QStringLiteral("url")) < types.indexOf(QStringLiteral("step_started")));
        QCOMPARE(types.last(), QStringLiteral("result"));
        QCOMPARE(run.result.value(QStringLiteral("version_rows")).toArray(), QJsonArray{kRev5});
        QCOMPARE(run.url.value(QStringLiteral("matches_override")).toBool(), true);
        QCOMPARE(run.url.value(QStringLiteral("dialect")).toString(), QStringLiteral("sqlite"));
        QVERIFY(QFileInfo::exists(project.dbPath)); // the override URL was used ...
        QVERIFY(!QFileInfo::exists(project.root + QStringLiteral("/shop.db"))); // ... not alembic.ini's
    }

    void offlineSqlEqualsAlembicsOwn_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("direction");
        QTest::addColumn<QStringList>("current");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("alembicArgument");
        QTest::addColumn<int>("steps");

        const QString sqlite = QStringLiteral("sqlite:////tmp/retort-offline-never-created.db");
        const QString pg = QStringLiteral("postgresql://app:secret@db.invalid:5432/app");
        QTest::newRow("SQLite, from base to heads") << sqlite << QStringLiteral("upgrade") << QStringList{} << QStringLiteral("heads")
                                                    << QStringLiteral("heads") << 5;
        QTest::newRow("SQLite, from the first revision to heads")
            << sqlite << QStringLiteral("upgrade") << QStringList{kRev1} << QStringLiteral("heads") << (kRev1 + QStringLiteral(":heads")) << 4;
        QTest::newRow("PostgreSQL, from base to the third revision")
            << pg << QStringLiteral("upgrade") << QStringList{} << kRev3 << kRev3 << 3;
        QTest::newRow("PostgreSQL, from the second revision to a label's head")
            << pg << QStringLiteral("upgrade") << QStringList{kRev2} << QStringLiteral("catalog@head")
            << (kRev2 + QStringLiteral(":catalog@head")) << 3;
        QTest::newRow("PostgreSQL, downgrade from the head to the second revision")
            << pg << QStringLiteral("downgrade") << QStringList{kRev5} << kRev2 << (kRev5 + QLatin1Char(':') + kRev2) << 3;
        QTest::newRow("SQLite, downgrade from the second revision to base")
            << sqlite << QStringLiteral("downgrade") << QStringList{kRev2} << QStringLiteral("base")
            << (kRev2 + QStringLiteral(":base")) << 2;
    }

    void offlineSqlEqualsAlembicsOwn()
    {
        QFETCH(QString, url);
        QFETCH(QString, direction);
        QFETCH(QStringList, current);
        QFETCH(QString, target);
        QFETCH(QString, alembicArgument);
        QFETCH(int, steps);

        const Project project = makeProject();
        BridgeRequest r = request(project, BridgeOp::Sql, target);
        r.overrideUrl = url;
        r.sqlDirection = direction;
        r.current = current;
        const Result<SqlPreview> preview = AlembicBridge::previewSql(realPython(), r);
        QVERIFY2(preview.ok(), qPrintable(preview.ok() ? QString() : preview.error().toString()));

        const QByteArray alembic = runAlembic(project, {direction, alembicArgument, QStringLiteral("--sql")}, url);
        QVERIFY(!alembic.isEmpty());
        QCOMPARE(preview->fullText(), QString::fromUtf8(alembic));

        QCOMPARE(preview->stepCount(), steps);
        const QString marker = QStringLiteral("-- Running ") + direction + QLatin1Char(' ');
        for (const SqlSection& section : preview->sections) {
            if (section.kind == QLatin1String("step")) {
                QVERIFY2(section.sql.startsWith(marker), qPrintable(section.sql.left(80)));
                QCOMPARE(section.sql.count(QStringLiteral("-- Running ")), 1);
                QVERIFY(!section.revision.isEmpty());
                QCOMPARE(section.direction, direction);
            } else {
                QVERIFY2(!section.sql.contains(QStringLiteral("-- Running ")), qPrintable(section.sql));
            }
        }
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/retort-offline-never-created.db")));
        QVERIFY(!preview->url.value(QStringLiteral("url")).toString().contains(QStringLiteral("secret")));
    }

    void offlineSqlAlembicCannotProduceIsReportedWithItsRevision()
    {
        // SQLite batch operations need a live connection: Alembic refuses in --sql mode.
        const Project project = makeProject();
        BridgeRequest r = request(project, BridgeOp::Sql, kRev4);
        r.sqlDirection = QStringLiteral("downgrade");
        r.current = {kRev5};
        const Result<SqlPreview> preview = AlembicBridge::previewSql(realPython(), r);
        QVERIFY(!preview.ok());
        QCOMPARE(preview.error().code, QStringLiteral("migration-failed"));
        QVERIFY2(preview.error().message.contains(QStringLiteral("migration %1 failed: This operation cannot proceed in --sql mode").arg(kRev5)),
                 qPrintable(preview.error().message));
        QVERIFY(preview.error().path.endsWith(QStringLiteral("5b4a6d3e4a05_add_orders_note.py")));
        QVERIFY(preview.error().line > 0);
    }

    void theUrlEnvPyUsesIsReportedRedacted()
    {
        const Project project = makeProject();
        BridgeRequest r = request(project, BridgeOp::Url);
        r.overrideUrl = QStringLiteral("postgresql://app:p%40ss-word@db.invalid:5433/shop");
        r.offline = true;
        const BridgeRun run = AlembicBridge::run(realPython(), r);
        QVERIFY2(run.ok(), qPrintable(run.error.toString()));
        const QString shown = run.url.value(QStringLiteral("url")).toString();
        QCOMPARE(shown, QStringLiteral("postgresql://app:***@db.invalid:5433/shop"));
        QCOMPARE(run.url.value(QStringLiteral("matches_override")).toBool(), true);
        QCOMPARE(run.url.value(QStringLiteral("has_password")).toBool(), true);
        for (const BridgeEvent& event : run.events)
            QVERIFY(!QJsonDocument(event.data).toJson().contains("p%40ss-word"));
    }

    void anEnvPyThatConnectsElsewhereIsStoppedBeforeRunning()
    {
        const Project project = makeProject();
        const QString elsewhere = project.dir->filePath(QStringLiteral("elsewhere.db"));
        replaceInFile(project.root + QStringLiteral("/migrations/env.py"),
                      QStringLiteral("return os.environ.get(\"DATABASE_URL\") or config.get_main_option(\"sqlalchemy.url\")"),
                      QStringLiteral("return \"sqlite:///%1\"").arg(elsewhere));
        const BridgeRun run = AlembicBridge::run(realPython(), request(project, BridgeOp::Upgrade, QStringLiteral("heads")));
        QVERIFY(!run.ok());
        QCOMPARE(run.error.code, QStringLiteral("url-mismatch"));
        QVERIFY2(run.error.message.contains(elsewhere), qPrintable(run.error.message));
        QVERIFY(run.error.message.contains(QStringLiteral("nothing was run")));
        const QStringList types = eventTypes(run);
        QVERIFY(types.contains(QStringLiteral("warning")));
        QVERIFY(!types.contains(QStringLiteral("step_started")));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!QFileInfo::exists(project.dbPath)); // the requested database was not touched
    }

    void brokenSetupsGiveClearErrors_data()
    {
        QTest::addColumn<QString>("breakage");
        QTest::addColumn<int>("op");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("messagePart");
        QTest::addColumn<QString>("pathSuffix");

        QTest::newRow("env.py calls a run_migrations_offline it does not define")
            << QStringLiteral("no-offline-function") << int(BridgeOp::Sql) << QStringLiteral("env-py-failed")
            << QStringLiteral("name 'run_migrations_offline' is not defined") << QStringLiteral("migrations/env.py");
        QTest::newRow("env.py does nothing in offline mode")
            << QStringLiteral("no-offline-branch") << int(BridgeOp::Sql) << QStringLiteral("env-no-configure")
            << QStringLiteral("never called context.configure() in offline mode") << QString();
        QTest::newRow("the models fail to import")
            << QStringLiteral("models-import-error") << int(BridgeOp::Upgrade) << QStringLiteral("env-py-failed")
            << QStringLiteral("No module named 'shop.no_such_module'") << QStringLiteral("shop/models.py");
        QTest::newRow("script_location points nowhere")
            << QStringLiteral("wrong-script-location") << int(BridgeOp::Upgrade) << QStringLiteral("alembic-error")
            << QStringLiteral("Path doesn't exist") << QString();
        QTest::newRow("the interpreter has no Alembic")
            << QStringLiteral("no-alembic") << int(BridgeOp::Upgrade) << QStringLiteral("alembic-not-installed")
            << QStringLiteral("No module named 'alembic'") << QString();
        QTest::newRow("the interpreter path is wrong")
            << QStringLiteral("wrong-interpreter") << int(BridgeOp::Upgrade) << QStringLiteral("python-not-found")
            << QStringLiteral("/nonexistent/venv/bin/python") << QString();
        QTest::newRow("the interpreter is not Python")
            << QStringLiteral("not-python") << int(BridgeOp::Upgrade) << QStringLiteral("python-failed")
            << QStringLiteral("did not run the bridge") << QString();
        QTest::newRow("the config file is missing")
            << QStringLiteral("no-config") << int(BridgeOp::Upgrade) << QStringLiteral("config-not-found")
            << QStringLiteral("does not exist") << QString();
        // RETORT_PYTHON's Alembic is Debian's 1.8.1 (cmake/RetortPython.cmake), which reads no pyproject.toml.
        QTest::newRow("a pyproject.toml configuration for an Alembic before 1.16")
            << QStringLiteral("pyproject-old-alembic") << int(BridgeOp::Upgrade) << QStringLiteral("config-pyproject-unsupported")
            << QStringLiteral("reads no pyproject.toml") << QString();
    }

    void brokenSetupsGiveClearErrors()
    {
        QFETCH(QString, breakage);
        QFETCH(int, op);
        QFETCH(QString, code);
        QFETCH(QString, messagePart);
        QFETCH(QString, pathSuffix);

        const Project project = makeProject();
        PythonCommand python = realPython();
        BridgeRequest r = request(project, BridgeOp(op), QStringLiteral("heads"));
        const QString envPy = project.root + QStringLiteral("/migrations/env.py");
        if (breakage == QLatin1String("no-offline-function")) {
            replaceInFile(envPy, QStringLiteral("def run_migrations_offline():"), QStringLiteral("def _unused_offline():"));
        } else if (breakage == QLatin1String("no-offline-branch")) {
            replaceInFile(envPy, QStringLiteral("if context.is_offline_mode():\n    run_migrations_offline()"),
                          QStringLiteral("if context.is_offline_mode():\n    pass"));
        } else if (breakage == QLatin1String("models-import-error")) {
            replaceInFile(project.root + QStringLiteral("/shop/models.py"), QStringLiteral("import sqlalchemy as sa\n"),
                          QStringLiteral("import sqlalchemy as sa\nimport shop.no_such_module\n"));
        } else if (breakage == QLatin1String("wrong-script-location")) {
            replaceInFile(project.ini, QStringLiteral("script_location = %(here)s/migrations"),
                          QStringLiteral("script_location = %(here)s/migrashuns"));
        } else if (breakage == QLatin1String("no-alembic")) {
            python.prefixArguments = {QStringLiteral("-S")}; // the same Python without site-packages
        } else if (breakage == QLatin1String("wrong-interpreter")) {
            python.program = QStringLiteral("/nonexistent/venv/bin/python");
        } else if (breakage == QLatin1String("not-python")) {
            python.program = QStringLiteral("/bin/false");
        } else if (breakage == QLatin1String("no-config")) {
            r.configFile = project.root + QStringLiteral("/missing.ini");
        } else if (breakage == QLatin1String("pyproject-old-alembic")) {
            r.configFile = project.root + QStringLiteral("/pyproject.toml");
            QFile toml(r.configFile);
            QVERIFY(toml.open(QIODevice::WriteOnly));
            toml.write("[tool.alembic]\nscript_location = \"%(here)s/migrations\"\n");
        }

        QElapsedTimer clock;
        clock.start();
        const BridgeRun run = AlembicBridge::run(python, r);
        QVERIFY(!run.ok());
        QCOMPARE(run.error.code, code);
        QVERIFY2(run.error.message.contains(messagePart), qPrintable(run.error.message));
        if (!pathSuffix.isEmpty())
            QVERIFY2(run.error.path.endsWith(pathSuffix) && run.error.line > 0,
                     qPrintable(QStringLiteral("%1:%2").arg(run.error.path).arg(run.error.line)));
        QVERIFY(clock.elapsed() < 30000);
        QVERIFY(processGone(run.hello.value(QStringLiteral("pid")).toInteger()));
        QVERIFY(!QFileInfo::exists(project.dbPath) || breakage == QLatin1String("models-import-error"));
    }

    void cancelDuringAStepStopsTheBridge()
    {
        const Project project = makeProject();
        EnvGuard env;
        env.set("BRIDGE_SLEEP_AT", kRev3);
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("60"));
        std::atomic_bool cancel{false};
        QElapsedTimer clock;
        clock.start();
        const BridgeRun run = AlembicBridge::run(realPython(), request(project, BridgeOp::Upgrade, QStringLiteral("heads")), &cancel,
                                                 [&](const BridgeEvent& event) {
                                                     if (event.type == QLatin1String("step_started")
                                                         && event.data.value(QStringLiteral("revision")).toString() == kRev3)
                                                         cancel.store(true);
                                                 });
        QVERIFY(clock.elapsed() < 20000);
        QVERIFY(run.cancelled);
        QVERIFY(!run.killed); // the script turned SIGTERM into a clean unwind
        QCOMPARE(run.error.code, QStringLiteral("cancelled"));
        QCOMPARE(run.bridgeError.value(QStringLiteral("code")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(run.bridgeError.value(QStringLiteral("revision")).toString(), kRev3);
        QCOMPARE(run.exitCode, 3);
        QVERIFY(processGone(run.hello.value(QStringLiteral("pid")).toInteger()));
        // SQLite commits each step on its own: the two finished steps stay.
        QCOMPARE(run.result.value(QStringLiteral("version_rows")).toArray(), QJsonArray{kRev2});
    }

    void aMigrationIgnoringSigtermIsKilledAfterTheGracePeriod()
    {
        const Project project = makeProject();
        EnvGuard env;
        env.set("BRIDGE_IGNORE_TERM_AT", kRev2);
        env.set("BRIDGE_SLEEP_AT", kRev2);
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("60"));
        std::atomic_bool cancel{false};
        BridgeRequest r = request(project, BridgeOp::Upgrade, QStringLiteral("heads"));
        r.graceMs = 1000;
        qint64 pid = 0;
        QElapsedTimer clock;
        clock.start();
        const BridgeRun run = AlembicBridge::run(realPython(), r, &cancel, {}, [&](const QString& line) {
            if (line == QStringLiteral("sleeping in ") + kRev2)
                cancel.store(true);
        });
        pid = run.hello.value(QStringLiteral("pid")).toInteger();
        QVERIFY(clock.elapsed() < 20000);
        QVERIFY(run.cancelled);
        QVERIFY(run.killed);
        QVERIFY(run.crashed);
        QCOMPARE(run.error.code, QStringLiteral("cancelled"));
        QVERIFY2(run.error.message.contains(QStringLiteral("killed")), qPrintable(run.error.message));
        QVERIFY(processGone(pid));
    }

    void aRunOverItsTimeoutIsStopped()
    {
        const Project project = makeProject();
        EnvGuard env;
        env.set("BRIDGE_SLEEP_AT", kRev1);
        env.set("BRIDGE_SLEEP_SECONDS", QStringLiteral("60"));
        BridgeRequest r = request(project, BridgeOp::Upgrade, QStringLiteral("heads"));
        r.timeoutMs = 2500;
        QElapsedTimer clock;
        clock.start();
        const BridgeRun run = AlembicBridge::run(realPython(), r);
        QVERIFY(clock.elapsed() < 15000);
        QVERIFY(run.timedOut);
        QCOMPARE(run.error.code, QStringLiteral("timeout"));
        QVERIFY(processGone(run.hello.value(QStringLiteral("pid")).toInteger()));
    }
    void mergeWritesAMergeRevisionThroughAlembic()
    {
        const Project project = makeProject();
        const QString versions = project.root + QStringLiteral("/migrations/versions");
        // A second head: a revision on top of rev 3 beside rev 4 -> rev 5.
        const QString side = QStringLiteral("6a3f2b1c0d06");
        {
            QFile file(versions + QStringLiteral("/2024_01_06_1000-6a3f2b1c0d06_side.py"));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QStringLiteral("\"\"\"side\n\nRevision ID: %1\nRevises: %2\n\"\"\"\nrevision = '%1'\n"
                                      "down_revision = '%2'\nbranch_labels = None\ndepends_on = None\n\n\n"
                                      "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n")
                           .arg(side, kRev3)
                           .toUtf8());
        }
        QCOMPARE(QString::fromUtf8(runAlembic(project, {QStringLiteral("heads")}, project.url)).count(QStringLiteral("(head)")), 2);
        const int filesBefore = int(QDir(versions).entryList({QStringLiteral("*.py")}, QDir::Files).size());

        // Fewer than two revisions, or one Alembic does not know: refused, nothing written.
        BridgeRequest one = request(project, BridgeOp::Merge, kRev5);
        const Result<MergeOutcome> refused = AlembicBridge::merge(realPython(), one);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("usage"));
        BridgeRequest unknown = request(project, BridgeOp::Merge, kRev5 + QStringLiteral(",ffffffffffff"));
        const Result<MergeOutcome> failed = AlembicBridge::merge(realPython(), unknown);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(QStringLiteral("ffffffffffff")), qPrintable(failed.error().message));
        QCOMPARE(int(QDir(versions).entryList({QStringLiteral("*.py")}, QDir::Files).size()), filesBefore);

        // The merge: a message starting with "-" is a message, not an option.
        BridgeRequest merge = request(project, BridgeOp::Merge, kRev5 + QLatin1Char(',') + side);
        merge.message = QStringLiteral("-join the heads");
        merge.revisionId = QStringLiteral("7e7e7e7e7e07");
        QVERIFY(AlembicBridge::scriptArguments(merge).contains(QStringLiteral("--message=-join the heads")));
        const Result<MergeOutcome> merged = AlembicBridge::merge(realPython(), merge);
        QVERIFY2(merged.ok(), qPrintable(merged.ok() ? QString() : merged.error().toString()));
        QCOMPARE(merged->revision, QStringLiteral("7e7e7e7e7e07"));
        QVERIFY2(merged->path.startsWith(versions + QLatin1Char('/')), qPrintable(merged->path));
        QVERIFY(QFileInfo::exists(merged->path));
        QStringList joined = merged->downRevisions;
        joined.sort();
        QCOMPARE(joined, (QStringList{kRev5, side}));
        const RevisionFile written = RevisionFileParser::parseFile(merged->path);
        QCOMPARE(written.revision, QStringLiteral("7e7e7e7e7e07"));
        QStringList parsedDown = written.downRevisions;
        parsedDown.sort();
        QCOMPARE(parsedDown, joined);
        QCOMPARE(written.message, QStringLiteral("-join the heads"));
        // Alembic itself now sees one head: the merge.
        const QString heads = QString::fromUtf8(runAlembic(project, {QStringLiteral("heads")}, project.url));
        QCOMPARE(heads.count(QStringLiteral("(head)")), 1);
        QVERIFY2(heads.startsWith(QStringLiteral("7e7e7e7e7e07")), qPrintable(heads));
    }
};

QTEST_GUILESS_MAIN(tst_AlembicBridge)
#include "tst_AlembicBridge.moc"
