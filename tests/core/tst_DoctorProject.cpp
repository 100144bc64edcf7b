// Doctor::checkProject / checkConfiguration: one broken project per finding, built in a
// QTemporaryDir, asserting the id, the severity and the location; the demo project is healthy.

#include "core/alembic/Project.h"
#include "core/doctor/Doctor.h"
#include "core/doctor/SchemaHistory.h"
#include "core/graph/RevisionGraph.h"
#include "tst_DoctorSupport.h"

#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace retort;
using namespace retort::doctortest;

namespace {

QVector<Problem> withId(const QVector<Problem>& findings, const QString& id)
{
    QVector<Problem> out;
    for (const Problem& f : findings) {
        if (f.code == id)
            out << f;
    }
    return out;
}

QString describe(const QVector<Problem>& findings)
{
    QStringList lines;
    for (const Problem& f : findings)
        lines << QStringLiteral("[%1 %2] %3").arg(severityName(f.severity), f.code, f.toString());
    return lines.isEmpty() ? QStringLiteral("(no findings)") : lines.join(QLatin1Char('\n'));
}

// Loads the project and runs every static check on it.
QVector<Problem> diagnose(const QString& root, QString* error = nullptr)
{
    const Result<LoadedProject> project = loadProject(root);
    if (!project.ok()) {
        if (error)
            *error = project.error().toString();
        return {};
    }
    const Result<RevisionGraph> graph = RevisionGraph::build(project->files, RevisionGraph::Mode::Lenient);
    if (!graph.ok()) {
        if (error)
            *error = graph.error().toString();
        return {};
    }
    return Doctor::checkProject(*project, *graph);
}

// A module that reads Alembic's configuration when it is imported (line 3).
QString moduleReadingContextConfig()
{
    return QStringLiteral("from alembic import context\n\nconfig = context.config\n"
                          "DATABASE_URL = config.get_main_option('sqlalchemy.url')\n");
}

} // namespace

class tst_DoctorProject : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void envChecks_data();
    void envChecks();
    void theRepairSnippetRunsThroughAlembic();
    void healthyEnvHasNoEnvFindings_data();
    void healthyEnvHasNoEnvFindings();

    void contextAtImport_data();
    void contextAtImport();
    void importsOutsideTheProjectCodeAreIgnored();
    void contextAtImportFromTheRepositoryRoot_data();
    void contextAtImportFromTheRepositoryRoot();

    void scriptLocation_data();
    void scriptLocation();
    void correctScriptLocationHasNoFinding();
    void scriptLocationHintsStayInTheRepository_data();
    void scriptLocationHintsStayInTheRepository();

    void multipleHeadsOfferTheMergeCommand();
    void labelledBranchHeadsAreOnlyInformation();
    void missingInitialMigration();
    void duplicateRevisionId();
    void cycle();
    void unresolvedValue();
    void staleRevisesHeader();
    void revisionsWithoutMigrationFunctions();
    void unreadableRevisionFile();

    void demoProjectHasNoErrors();
    void findingsFormatAsJsonAndText();

    void schemaHistoryReadsOperations();
};

void tst_DoctorProject::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

// ---- env.py -------------------------------------------------------------------------------------

void tst_DoctorProject::envChecks_data()
{
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("lineContaining"); // the finding's line is the first line with this text
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("an env.py that always runs online code has no offline mode")
        << "no_offline" << "env-missing-offline" << "warning" << "run_migrations_online()\n" << "never checks context.is_offline_mode()";
    QTest::newRow("an env.py whose dispatch has no else branch never migrates online")
        << "no_online" << "env-missing-online" << "error" << "if context.is_offline_mode():" << "has no branch for online mode";
    QTest::newRow("a run_migrations_online that never calls context.run_migrations is reported at its def")
        << "online_never_runs" << "env-missing-online" << "error" << "def run_migrations_online" << "never calls context.run_migrations()";
    QTest::newRow("an env.py that defines both functions but calls neither misses online mode")
        << "nothing_runs" << "env-missing-online" << "error" << "def run_migrations_online" << "is never called";
    QTest::newRow("an env.py that defines both functions but calls neither misses offline mode")
        << "nothing_runs" << "env-missing-offline" << "warning" << "def run_migrations_offline" << "is never called";
    QTest::newRow("target_metadata defined but passed to no context.configure is reported at its definition")
        << "metadata_not_passed" << "env-no-target-metadata" << "warning" << "target_metadata = Base.metadata"
        << "target_metadata is defined but never passed to context.configure(...)";
    QTest::newRow("target_metadata passed offline only is reported at the online configure call")
        << "metadata_offline_only" << "env-no-target-metadata" << "warning" << "context.configure(connection=connection)"
        << "does not pass target_metadata";
    QTest::newRow("target_metadata = None is information for autogenerate users")
        << "metadata_none" << "env-no-target-metadata" << "info" << "target_metadata = None" << "target_metadata = None";
}

// The situation issue #15 starts from: env.py without its run functions. The finding's hint is
// pasted as written, and the real Alembic then migrates online and renders offline SQL.
void tst_DoctorProject::theRepairSnippetRunsThroughAlembic()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(QDir().mkpath(project.versions()));
    const QString before = QStringLiteral("from alembic import context\n\nconfig = context.config\n");
    QVERIFY(writeFile(project.envPy(), before));
    project.writeRevision(QStringLiteral("aaaa00000001"), QStringLiteral("None"),
                          QStringLiteral("    op.create_table('things', sa.Column('id', sa.Integer, primary_key=True))\n"));

    const QVector<Problem> broken = withId(diagnose(project.root()), QStringLiteral("env-missing-online"));
    QCOMPARE(broken.size(), 1);
    const QString hint = broken.first().hint;
    const qsizetype code = hint.indexOf(QStringLiteral("\n\n"));
    QVERIFY2(code > 0 && hint.contains(QStringLiteral("def run_migrations_offline")) && hint.contains(QStringLiteral("target_metadata")),
             qPrintable(hint));
    QVERIFY(writeFile(project.envPy(), before + QLatin1Char('\n') + hint.mid(code + 2)));

    auto alembic = [&project](const QStringList& args) {
        QProcess p;
        p.setWorkingDirectory(project.root());
        p.start(QStringLiteral(RETORT_PYTHON), QStringList{QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("-c"), project.ini()} + args);
        p.waitForFinished(60000);
        return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()));
    };
    const auto offline = alembic({QStringLiteral("upgrade"), QStringLiteral("head"), QStringLiteral("--sql")});
    QVERIFY2(offline.first == 0 && offline.second.contains(QStringLiteral("CREATE TABLE things")), qPrintable(offline.second));
    const auto online = alembic({QStringLiteral("upgrade"), QStringLiteral("head")});
    QVERIFY2(online.first == 0, qPrintable(online.second));
    const auto current = alembic({QStringLiteral("current")});
    QVERIFY2(current.second.contains(QStringLiteral("aaaa00000001")), qPrintable(current.second));

    const QVector<Problem> after = diagnose(project.root());
    QVERIFY2(withId(after, QStringLiteral("env-missing-online")).isEmpty() && withId(after, QStringLiteral("env-missing-offline")).isEmpty(),
             qPrintable(describe(after)));
}

void tst_DoctorProject::envChecks()
{
    QFETCH(QString, env);
    QFETCH(QString, id);
    QFETCH(QString, severity);
    QFETCH(QString, lineContaining);
    QFETCH(QString, messageContains);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(env));
    project.writeRevision(QStringLiteral("aaaa00000001"), QStringLiteral("None"));

    QString error;
    const QVector<Problem> findings = diagnose(project.root(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QVector<Problem> found = withId(findings, id);
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    const Problem& f = found.first();
    QCOMPARE(severityName(f.severity), severity);
    QCOMPARE(f.path, project.envPy());
    const int expectedLine = lineOf(project.envPy(), lineContaining.trimmed());
    QVERIFY(expectedLine > 0);
    // For "run_migrations_online()\n" the wanted line is the bare module-level call.
    const int line = lineContaining.endsWith(QLatin1Char('\n'))
                         ? [&] {
                               const QStringList lines = readFile(project.envPy()).split(QLatin1Char('\n'));
                               return int(lines.indexOf(lineContaining.trimmed())) + 1;
                           }()
                         : expectedLine;
    QCOMPARE(f.line, line);
    QVERIFY2(f.message.contains(messageContains), qPrintable(f.message));
    QVERIFY(!f.hint.isEmpty());
    QVERIFY2(f.toString(project.root()).startsWith(QStringLiteral("migrations/env.py:%1: ").arg(line)),
             qPrintable(f.toString(project.root())));
}

void tst_DoctorProject::healthyEnvHasNoEnvFindings_data()
{
    QTest::addColumn<QString>("env");
    QTest::newRow("Alembic's generic template with models") << "healthy";
    QTest::newRow("the async template reaching run_migrations through run_sync and a negated dispatch") << "async_healthy";
}

void tst_DoctorProject::healthyEnvHasNoEnvFindings()
{
    QFETCH(QString, env);
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(env));
    project.writeRevision(QStringLiteral("aaaa00000001"), QStringLiteral("None"));
    QString error;
    const QVector<Problem> findings = diagnose(project.root(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
}

// ---- env-context-at-import ------------------------------------------------------------------------

void tst_DoctorProject::contextAtImport_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("content");
    QTest::addColumn<int>("line");

    QTest::newRow("application code importing target_metadata from migrations.env")
        << "app/services.py" << "import os\n\nfrom migrations.env import target_metadata\n" << 3;
    QTest::newRow("a plain import of the env module")
        << "app/cli.py" << "\"\"\"CLI.\"\"\"\nimport sys\nimport migrations.env as alembic_env\n" << 3;
    QTest::newRow("from the package, importing env by name")
        << "tests/test_models.py" << "from migrations import env\n" << 1;
    QTest::newRow("a helper inside the migrations package with a relative import")
        << "migrations/helpers.py" << "\n\nfrom .env import config\n" << 3;
    QTest::newRow("importlib.import_module with the dotted name")
        << "app/loader.py" << "import importlib\nmod = importlib.import_module(\"migrations.env\")\n" << 2;
}

void tst_DoctorProject::contextAtImport()
{
    QFETCH(QString, file);
    QFETCH(QString, content);
    QFETCH(int, line);

    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("aaaa00000001"), QStringLiteral("None"));
    QVERIFY(writeFile(project.path(file), content));

    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> found = withId(findings, QStringLiteral("env-context-at-import"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(found.first().severity, Severity::Error);
    QCOMPARE(found.first().path, project.path(file));
    QCOMPARE(found.first().line, line);
    QVERIFY2(found.first().message.contains(QStringLiteral("env.py line %1").arg(lineOf(project.envPy(), QStringLiteral("config = context.config")))),
             qPrintable(found.first().message));
}

void tst_DoctorProject::importsOutsideTheProjectCodeAreIgnored()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("aaaa00000001"), QStringLiteral("None"));
    const QString import = QStringLiteral("from migrations.env import target_metadata\n");
    QVERIFY(writeFile(project.path(QStringLiteral(".venv/lib/python3.11/site-packages/x/y.py")), import));
    QVERIFY(writeFile(project.path(QStringLiteral("node_modules/z.py")), import));
    // A docstring and a comment that mention the import are not imports.
    QVERIFY(writeFile(project.path(QStringLiteral("app/doc.py")),
                      QStringLiteral("\"\"\"Never write\nfrom migrations.env import target_metadata\n\"\"\"\n# import migrations.env\n")));
    QVERIFY(writeFile(project.path(QStringLiteral("app/other.py")), QStringLiteral("from migrations import environment\n")));
    const QVector<Problem> findings = diagnose(project.root());
    QVERIFY2(withId(findings, QStringLiteral("env-context-at-import")).isEmpty(), qPrintable(describe(findings)));
}

// The issue #15 layout: alembic.ini in `persistence/`, the application at the repository's (or the
// Python project's) root. The scan goes up to that root and never above it, and leaves other
// Alembic projects and other repositories around alone.
void tst_DoctorProject::contextAtImportFromTheRepositoryRoot_data()
{
    QTest::addColumn<QString>("rootMarker"); // what makes `repo/` the root ("" = nothing: alembic.ini's folder alone;
                                             // ".git+ini": a repository with an alembic.ini of its own at the top)
    QTest::addColumn<QString>("file");       // relative to repo/
    QTest::addColumn<QString>("content");
    QTest::addColumn<int>("line");           // 0 = no finding expected
    QTest::addColumn<int>("severity");

    const QString importEnv = QStringLiteral("\"\"\"The API.\"\"\"\nimport os\n\nfrom persistence.migrations.env import target_metadata\n");
    const QString readsContext = moduleReadingContextConfig();
    QTest::newRow("a git repository: the application at its root imports the migrations' env")
        << ".git" << "app.py" << importEnv << 4 << int(Severity::Error);
    QTest::newRow("a git repository: a root package imports env by the migrations folder's name")
        << ".git" << "service/db.py" << "from migrations.env import target_metadata\n" << 1 << int(Severity::Error);
    QTest::newRow("a git repository: a root module reads context.config when it is imported")
        << ".git" << "settings.py" << readsContext << 3 << int(Severity::Warning);
    QTest::newRow("a pyproject.toml at the root bounds the scan like a repository")
        << "pyproject.toml" << "app.py" << importEnv << 4 << int(Severity::Error);
    QTest::newRow("a setup.py at the root bounds the scan like a repository")
        << "setup.py" << "settings.py" << readsContext << 3 << int(Severity::Warning);
    QTest::newRow("a setup.cfg at the root bounds the scan like a repository")
        << "setup.cfg" << "app.py" << importEnv << 4 << int(Severity::Error);
    QTest::newRow("no repository and no Python project: nothing above alembic.ini's folder is read")
        << "" << "app.py" << importEnv << 0 << 0;
    QTest::newRow("an alembic.ini at the repository root does not hide the application beside it")
        << ".git+ini" << "app.py" << importEnv << 4 << int(Severity::Error);
    QTest::newRow("an env script of another setup (it runs migrations) is not application code")
        << ".git" << "deploy/env_template.py"
        << "from alembic import context\n\nconfig = context.config\n\n\ndef run():\n    context.configure(url='sqlite://')\n"
           "    with context.begin_transaction():\n        context.run_migrations()\n"
        << 0 << 0;
    QTest::newRow("context used inside a function is not used at import")
        << ".git" << "settings.py" << "from alembic import context\n\n\ndef url():\n    return context.config.get_main_option('x')\n"
        << 0 << 0;
}

void tst_DoctorProject::contextAtImportFromTheRepositoryRoot()
{
    QFETCH(QString, rootMarker);
    QFETCH(QString, file);
    QFETCH(QString, content);
    QFETCH(int, line);
    QFETCH(int, severity);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString work = dir.filePath(QStringLiteral("work"));
    const QString repo = work + QStringLiteral("/repo");
    if (rootMarker.startsWith(QLatin1String(".git")))
        QVERIFY(QDir().mkpath(repo + QStringLiteral("/.git")));
    if (rootMarker == QLatin1String(".git+ini")) // the repository's own Alembic project, elsewhere
        QVERIFY(writeFile(repo + QStringLiteral("/alembic.ini"), QStringLiteral("[alembic]\nscript_location = %(here)s/tools/migrations\n")));
    else if (!rootMarker.isEmpty() && !rootMarker.startsWith(QLatin1String(".git")))
        QVERIFY(writeFile(repo + QLatin1Char('/') + rootMarker, QStringLiteral("# the Python project\n")));
    const TestProject project(repo + QStringLiteral("/persistence"));
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("aaaa00000001"), QStringLiteral("None"));
    QVERIFY(writeFile(repo + QLatin1Char('/') + file, content));

    // Decoys, each importing env the way the application does: another Alembic project in the
    // same repository (its own migrations), a file above the root, another repository beside it.
    const QString decoyImport = QStringLiteral("from persistence.migrations.env import target_metadata\n"
                                               "from migrations.env import target_metadata as other\n") + moduleReadingContextConfig();
    const TestProject sibling(repo + QStringLiteral("/tools"));
    QVERIFY(sibling.writeIni());
    QVERIFY(sibling.writeEnv(QStringLiteral("healthy")));
    QVERIFY(writeFile(sibling.path(QStringLiteral("cli.py")), decoyImport));
    QVERIFY(writeFile(work + QStringLiteral("/outside.py"), decoyImport));
    QVERIFY(QDir().mkpath(work + QStringLiteral("/other-repo/.git")));
    QVERIFY(writeFile(work + QStringLiteral("/other-repo/app.py"), decoyImport));
    // A Python project enclosing the repository: the nearer root (or the repository) wins. (Without
    // a root of its own, it would make `work/` the root, as it makes it the environment's.)
    if (!rootMarker.isEmpty())
        QVERIFY(writeFile(work + QStringLiteral("/pyproject.toml"), QStringLiteral("# a project above the repository\n")));

    QString error;
    const QVector<Problem> findings = diagnose(project.root(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QVector<Problem> found = withId(findings, QStringLiteral("env-context-at-import"));
    if (line == 0) {
        QVERIFY2(found.isEmpty(), qPrintable(describe(findings)));
        return;
    }
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(found.first().path, repo + QLatin1Char('/') + file);
    QCOMPARE(found.first().line, line);
    QCOMPARE(int(found.first().severity), severity);
    QVERIFY2(found.first().message.contains(QStringLiteral("has no attribute 'config'")), qPrintable(found.first().message));
    QVERIFY(!found.first().hint.isEmpty());
}

// ---- ini-script-location ----------------------------------------------------------------------------

void tst_DoctorProject::scriptLocation_data()
{
    QTest::addColumn<QString>("iniDir");       // folder of alembic.ini, relative to the temp dir
    QTest::addColumn<QString>("section");      // the [alembic] options
    QTest::addColumn<QString>("lineKey");      // the option the finding points at
    QTest::addColumn<QString>("messageContains");
    QTest::addColumn<QString>("hintContains");

    QTest::newRow("a relative script_location written for the parent folder suggests the folder that exists")
        << "deploy" << "script_location = migrations\n" << "script_location" << "does not exist"
        << "write `script_location = %(here)s/../migrations`";
    QTest::newRow("a %(here)s path to a renamed folder suggests the folder with env.py")
        << "." << "script_location = %(here)s/alembic\n" << "script_location" << "/alembic, which does not exist"
        << "write `script_location = %(here)s/migrations`";
    QTest::newRow("%(here) without the s is a bad interpolation")
        << "." << "script_location = %(here)/migrations\n" << "script_location" << "bad interpolation reference"
        << "%(here)s/<folder>";
    QTest::newRow("a script_location folder without env.py")
        << "." << "script_location = %(here)s/app\n" << "script_location" << "which has no env.py"
        << "%(here)s/migrations";
    QTest::newRow("a version_locations entry that does not exist")
        << "." << "script_location = %(here)s/migrations\nversion_path_separator = os\n"
                  "version_locations = %(here)s/migrations/versions:%(here)s/migrations/extra\n"
        << "version_locations" << "/migrations/extra, which does not exist" << "Create the folder";
    // The newer path_separator wins over version_path_separator, as in Alembic (and loading).
    QTest::newRow("path_separator splits version_locations")
        << "." << "script_location = %(here)s/migrations\npath_separator = ;\nversion_path_separator = space\n"
                  "version_locations = %(here)s/migrations/versions; %(here)s/migrations/gone\n"
        << "version_locations" << "/migrations/gone, which does not exist" << "Create the folder";
    QTest::newRow("an unknown separator")
        << "." << "script_location = %(here)s/migrations\nversion_path_separator = comma\n"
                  "version_locations = %(here)s/migrations/versions\n"
        << "version_path_separator" << "'comma' is not a valid value for version_path_separator" << "path_separator = os";
    QTest::newRow("a package:path version location whose package is not in the project")
        << "." << "script_location = %(here)s/migrations\n"
                  "version_locations = %(here)s/migrations/versions nopkg:versions\n"
        << "version_locations" << "/nopkg/versions, which does not exist" << "A folder of that name with revision files";
}

void tst_DoctorProject::scriptLocation()
{
    QFETCH(QString, iniDir);
    QFETCH(QString, section);
    QFETCH(QString, lineKey);
    QFETCH(QString, messageContains);
    QFETCH(QString, hintContains);

    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("aaaa00000001"), QStringLiteral("None"));
    QVERIFY(writeFile(project.path(QStringLiteral("app/__init__.py")), QString()));
    // The repository's root: hints may search the whole work tree, never beyond it.
    QVERIFY(QDir().mkpath(project.path(QStringLiteral(".git"))));
    const QString ini = QDir::cleanPath(project.path(iniDir + QStringLiteral("/alembic.ini")));
    QVERIFY(writeFile(ini, QStringLiteral("# project\n[alembic]\n") + section + QStringLiteral("sqlalchemy.url = sqlite://\n")));

    const QVector<Problem> findings = Doctor::checkConfiguration(QFileInfo(ini).absolutePath());
    QVERIFY2(findings.size() == 1, qPrintable(describe(findings)));
    const Problem& f = findings.first();
    QCOMPARE(f.code, QStringLiteral("ini-script-location"));
    QCOMPARE(f.severity, Severity::Error);
    QCOMPARE(f.path, ini);
    QCOMPARE(f.line, lineOf(ini, lineKey + QStringLiteral(" =")));
    QVERIFY2(f.message.contains(messageContains), qPrintable(f.message));
    QVERIFY2(f.hint.contains(hintContains), qPrintable(f.hint));
    // The same file through the .ini path gives the same answer.
    QCOMPARE(Doctor::checkConfiguration(ini).size(), 1);
}

void tst_DoctorProject::correctScriptLocationHasNoFinding()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("aaaa00000001"), QStringLiteral("None"));
    const QVector<Problem> findings = Doctor::checkConfiguration(project.root());
    QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
    // No alembic.ini at all: nothing to say (the caller reports that the project is not found).
    QTemporaryDir empty;
    QVERIFY(Doctor::checkConfiguration(empty.path()).isEmpty());
}

// ---- graph ----------------------------------------------------------------------------------------

void tst_DoctorProject::scriptLocationHintsStayInTheRepository_data()
{
    QTest::addColumn<QString>("gitRoot");  // "" = no repository; else the folder holding .git
    QTest::addColumn<QString>("iniDir");   // the project's folder (alembic.ini), below the outer temp dir
    QTest::addColumn<QString>("script");   // script_location
    QTest::addColumn<QString>("hintContains");
    QTest::addColumn<QString>("hintLacks");

    // Decoys: outer/decoy/migrations (a complete other project), outer/migrations (env.py next to
    // the project folder). The project's own folder with env.py is project/db.
    QTest::newRow("without a repository, the project's own folder wins over a sibling project's")
        << QString() << "project" << "%(here)s/migrations" << "write `script_location = %(here)s/db`" << "decoy/migrations";
    QTest::newRow("without a repository, nothing outside the project folder is suggested")
        << QString() << "project/deploy" << "migrations" << "No folder with env.py was found" << "decoy/migrations";
    QTest::newRow("inside a repository, the project's own folder still comes first")
        << "." << "project" << "%(here)s/migrations" << "write `script_location = %(here)s/db`"
        << "write `script_location = %(here)s/..";
    QTest::newRow("inside a repository, a folder of the repository next to the project is found")
        << "project" << "project/deploy" << "db" << "write `script_location = %(here)s/../db`" << "decoy/migrations";
    QTest::newRow("a repository below the outer folder keeps the search inside it")
        << "project" << "project" << "%(here)s/migrations" << "write `script_location = %(here)s/db`" << "decoy/migrations";
}

// Hermetic hints (issue #14): other Alembic projects around the project are never suggested.
void tst_DoctorProject::scriptLocationHintsStayInTheRepository()
{
    QFETCH(QString, gitRoot);
    QFETCH(QString, iniDir);
    QFETCH(QString, script);
    QFETCH(QString, hintContains);
    QFETCH(QString, hintLacks);

    QTemporaryDir outer;
    const QString root = outer.path();
    for (const QString& decoy : {QStringLiteral("decoy/migrations/env.py"), QStringLiteral("migrations/env.py")})
        QVERIFY(writeFile(root + QLatin1Char('/') + decoy, QStringLiteral("# another project\n")));
    QVERIFY(writeFile(root + QStringLiteral("/decoy/alembic.ini"), QStringLiteral("[alembic]\nscript_location = migrations\n")));
    QVERIFY(writeFile(root + QStringLiteral("/project/db/env.py"), QStringLiteral("# the project's own\n")));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/project/db/versions")));
    if (!gitRoot.isEmpty())
        QVERIFY(QDir().mkpath(QDir::cleanPath(root + QLatin1Char('/') + gitRoot + QStringLiteral("/.git"))));
    const QString ini = root + QLatin1Char('/') + iniDir + QStringLiteral("/alembic.ini");
    QVERIFY(writeFile(ini, QStringLiteral("[alembic]\nscript_location = %1\n").arg(script)));

    const QVector<Problem> findings = Doctor::checkConfiguration(ini);
    QVERIFY2(findings.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(findings.first().code, QStringLiteral("ini-script-location"));
    QVERIFY2(findings.first().hint.contains(hintContains), qPrintable(findings.first().hint));
    QVERIFY2(!findings.first().hint.contains(hintLacks), qPrintable(findings.first().hint));
}

void tst_DoctorProject::multipleHeadsOfferTheMergeCommand()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("a1a1a1a1a1a1"), QStringLiteral("None"));
    const QString b = project.writeRevision(QStringLiteral("b2b2b2b2b2b2"), QStringLiteral("'a1a1a1a1a1a1'"));
    project.writeRevision(QStringLiteral("c3c3c3c3c3c3"), QStringLiteral("'a1a1a1a1a1a1'"));

    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> found = withId(findings, QStringLiteral("graph-multiple-heads"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    const Problem& f = found.first();
    QCOMPARE(f.severity, Severity::Warning);
    QCOMPARE(f.fix, QStringLiteral("alembic merge -m \"merge heads\" b2b2b2b2b2b2 c3c3c3c3c3c3"));
    QCOMPARE(f.path, b);
    QCOMPARE(f.line, lineOf(b, QStringLiteral("revision = ")));
    QVERIFY(f.message.contains(QStringLiteral("2 head revisions")));
    QVERIFY(f.hint.contains(f.fix));
    QVERIFY(!Doctor::hasErrors(findings));
}

void tst_DoctorProject::labelledBranchHeadsAreOnlyInformation()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("a1a1a1a1a1a1"), QStringLiteral("None"));
    QVERIFY(writeFile(project.versions() + QStringLiteral("/b_rev.py"),
                      QStringLiteral("revision = 'b2b2b2b2b2b2'\ndown_revision = None\nbranch_labels = ('billing',)\n"
                                     "def upgrade():\n    pass\n")));
    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> found = withId(findings, QStringLiteral("graph-multiple-heads"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    // One head has no label: this is a warning; with both labelled it is information.
    QCOMPARE(found.first().severity, Severity::Warning);
    QVERIFY(writeFile(project.versions() + QStringLiteral("/aaaa00000001_rev.py"),
                      QStringLiteral("revision = 'a1a1a1a1a1a1'\ndown_revision = None\nbranch_labels = ('core',)\n"
                                     "def upgrade():\n    pass\n")));
    QFile::remove(project.versions() + QStringLiteral("/a1a1a1a1a1a1_rev.py"));
    const QVector<Problem> labelled = withId(diagnose(project.root()), QStringLiteral("graph-multiple-heads"));
    QCOMPARE(labelled.size(), 1);
    QCOMPARE(labelled.first().severity, Severity::Info);
}

void tst_DoctorProject::missingInitialMigration()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    // The history starts at 002: the initial migration was never generated.
    const QString second = project.writeRevision(QStringLiteral("0002aaaabbbb"), QStringLiteral("'0001aaaabbbb'"));
    project.writeRevision(QStringLiteral("0003aaaabbbb"), QStringLiteral("'0002aaaabbbb'"));

    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> found = withId(findings, QStringLiteral("graph-missing-parent"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    const Problem& f = found.first();
    QCOMPARE(f.severity, Severity::Error);
    QCOMPARE(f.path, second);
    QCOMPARE(f.line, lineOf(second, QStringLiteral("down_revision = ")));
    QCOMPARE(f.revision, QStringLiteral("0002aaaabbbb"));
    QVERIFY2(f.message.contains(QStringLiteral("the history starts at 0002aaaabbbb")), qPrintable(f.message));
    QVERIFY2(f.message.contains(QStringLiteral("Revision 0001aaaabbbb referenced from 0002aaaabbbb is not present")),
             qPrintable(f.message));
    QVERIFY2(f.hint.contains(QStringLiteral("down_revision = None")), qPrintable(f.hint));
    QVERIFY2(f.hint.contains(QStringLiteral("retort-cli bootstrap")), qPrintable(f.hint));
    QCOMPARE(f.fix, QStringLiteral("retort-cli bootstrap"));
    QVERIFY(Doctor::hasErrors(findings));
}

void tst_DoctorProject::duplicateRevisionId()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("a1a1a1a1a1a1"), QStringLiteral("None"));
    const QString copy = project.versions() + QStringLiteral("/zz_copy.py");
    QVERIFY(writeFile(copy, QStringLiteral("\"\"\"copy\"\"\"\n\nrevision = 'a1a1a1a1a1a1'\ndown_revision = None\n")));
    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> found = withId(findings, QStringLiteral("graph-duplicate-id"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(found.first().severity, Severity::Error);
    QCOMPARE(found.first().path, copy);
    QCOMPARE(found.first().line, 3);
    QCOMPARE(found.first().revision, QStringLiteral("a1a1a1a1a1a1"));
}

void tst_DoctorProject::cycle()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("a1a1a1a1a1a1"), QStringLiteral("None"));
    project.writeRevision(QStringLiteral("b2b2b2b2b2b2"), QStringLiteral("'c3c3c3c3c3c3'"));
    project.writeRevision(QStringLiteral("c3c3c3c3c3c3"), QStringLiteral("'b2b2b2b2b2b2'"));
    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> found = withId(findings, QStringLiteral("graph-cycle"));
    QVERIFY2(!found.isEmpty(), qPrintable(describe(findings)));
    QCOMPARE(found.first().severity, Severity::Error);
    QVERIFY2(found.first().message.contains(QStringLiteral("Cycle is detected")), qPrintable(found.first().message));
    QVERIFY(found.first().path.endsWith(QStringLiteral("_rev.py")));
}

void tst_DoctorProject::unresolvedValue()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    const QString file = project.versions() + QStringLiteral("/a_rev.py");
    QVERIFY(writeFile(file, QStringLiteral("import cli\n\nrevision = 'a1a1a1a1a1a1'\ndown_revision = None\n"
                                           "branch_labels = (cli.EXPAND_BRANCH,)\n")));
    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> found = withId(findings, QStringLiteral("graph-unresolved-value"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(found.first().severity, Severity::Warning);
    QCOMPARE(found.first().path, file);
    QCOMPARE(found.first().line, 5);
    QVERIFY2(found.first().message.contains(QStringLiteral("cli.EXPAND_BRANCH")), qPrintable(found.first().message));
    QVERIFY2(!found.first().message.startsWith(file), qPrintable(found.first().message));
}

void tst_DoctorProject::staleRevisesHeader()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("a1a1a1a1a1a1"), QStringLiteral("None"));
    project.writeRevision(QStringLiteral("b2b2b2b2b2b2"), QStringLiteral("'a1a1a1a1a1a1'"));
    // Rebased onto b2 but the header still names a1.
    const QString rebased = project.writeRevision(QStringLiteral("c3c3c3c3c3c3"), QStringLiteral("'b2b2b2b2b2b2'"),
                                                  QStringLiteral("    pass\n"), QStringLiteral("a1a1a1a1a1a1"));
    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> found = withId(findings, QStringLiteral("header-stale"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(found.first().severity, Severity::Warning);
    QCOMPARE(found.first().path, rebased);
    QCOMPARE(found.first().line, lineOf(rebased, QStringLiteral("down_revision = ")));
    QCOMPARE(found.first().revision, QStringLiteral("c3c3c3c3c3c3"));
    QVERIFY2(found.first().message.contains(QStringLiteral("`Revises: a1a1a1a1a1a1` but down_revision is b2b2b2b2b2b2")),
             qPrintable(found.first().message));
}

void tst_DoctorProject::revisionsWithoutMigrationFunctions()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("a1a1a1a1a1a1"), QStringLiteral("None"));
    // Upgrade-only revisions (some projects never downgrade), and one that forgot upgrade().
    const QString b2 = project.versions() + QStringLiteral("/b2b2b2b2b2b2_rev.py");
    QVERIFY(writeFile(b2, QStringLiteral("\"\"\"b2\"\"\"\nrevision = 'b2b2b2b2b2b2'\ndown_revision = 'a1a1a1a1a1a1'\n\n\n"
                                         "def upgrade():\n    pass\n")));
    QVERIFY(writeFile(project.versions() + QStringLiteral("/c3c3c3c3c3c3_rev.py"),
                      QStringLiteral("revision = 'c3c3c3c3c3c3'\ndown_revision = 'b2b2b2b2b2b2'\n\n\ndef upgrade():\n    pass\n")));
    const QString d4 = project.versions() + QStringLiteral("/d4d4d4d4d4d4_rev.py");
    QVERIFY(writeFile(d4, QStringLiteral("revision = 'd4d4d4d4d4d4'\ndown_revision = 'c3c3c3c3c3c3'\n\n\n"
                                         "def downgrade():\n    pass\n")));
    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> noDown = withId(findings, QStringLiteral("revision-no-downgrade"));
    QVERIFY2(noDown.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(noDown.first().severity, Severity::Info);
    QCOMPARE(noDown.first().path, b2);
    QCOMPARE(noDown.first().line, lineOf(b2, QStringLiteral("revision = ")));
    QVERIFY2(noDown.first().message.startsWith(QStringLiteral("2 revision(s) have no downgrade() function (b2b2b2b2b2b2, "
                                                              "c3c3c3c3c3c3)")),
             qPrintable(noDown.first().message));
    const QVector<Problem> noUp = withId(findings, QStringLiteral("revision-no-upgrade"));
    QVERIFY2(noUp.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(noUp.first().severity, Severity::Warning);
    QCOMPARE(noUp.first().path, d4);
    QCOMPARE(noUp.first().revision, QStringLiteral("d4d4d4d4d4d4"));
    // A healthy revision is not reported.
    QVERIFY(!describe(findings).contains(QStringLiteral("a1a1a1a1a1a1 has no")));
}

void tst_DoctorProject::unreadableRevisionFile()
{
    QTemporaryDir dir;
    const TestProject project(dir.path());
    QVERIFY(project.writeIni());
    QVERIFY(project.writeEnv(QStringLiteral("healthy")));
    project.writeRevision(QStringLiteral("a1a1a1a1a1a1"), QStringLiteral("None"));
    const QString broken = project.versions() + QStringLiteral("/broken.py");
    QVERIFY(writeFile(broken, QStringLiteral("revision = 'b2b2b2b2b2b2\ndown_revision = 'a1a1a1a1a1a1'\n")));
    const QVector<Problem> findings = diagnose(project.root());
    const QVector<Problem> found = withId(findings, QStringLiteral("revision-file-problem"));
    QVERIFY2(!found.isEmpty(), qPrintable(describe(findings)));
    QCOMPARE(found.first().severity, Severity::Error);
    QCOMPARE(found.first().path, broken);
    QCOMPARE(found.first().line, 1);
}

// ---- the demo project ---------------------------------------------------------------------------------

void tst_DoctorProject::demoProjectHasNoErrors()
{
    const QString demo = QStringLiteral(RETORT_SOURCE_DIR "/examples/cityscope");
    QString error;
    const QVector<Problem> findings = diagnose(demo, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(!Doctor::hasErrors(findings), qPrintable(describe(findings)));
    QVERIFY(Doctor::checkConfiguration(demo).isEmpty());
}

void tst_DoctorProject::findingsFormatAsJsonAndText()
{
    QVector<Problem> findings{
        Problem{QStringLiteral("db-behind"), Severity::Warning, QStringLiteral("2 pending"), QStringLiteral("upgrade"),
                QStringLiteral("/p/migrations/versions/a.py"), 4, QStringLiteral("a1"), QStringLiteral("alembic upgrade head")},
        Problem{QStringLiteral("env-missing-online"), Severity::Error,
                QStringLiteral("cannot reach postgresql://u:hunter2@db/app"), QStringLiteral("fix it"),
                QStringLiteral("/p/migrations/env.py"), 12, {}, {}},
        Problem{QStringLiteral("db-url-unchecked"), Severity::Info, QStringLiteral("no python"), {}, {}, 0, {}, {}},
    };
    Doctor::sort(findings);
    QCOMPARE(findings.at(0).severity, Severity::Error);
    QCOMPARE(findings.at(2).severity, Severity::Info);
    QVERIFY(Doctor::hasErrors(findings));
    QVERIFY(!Doctor::hasErrors(findings.mid(1)));

    const QJsonObject json = findings.at(1).toJson();
    QCOMPARE(json.value(QStringLiteral("id")).toString(), QStringLiteral("db-behind"));
    QCOMPARE(json.value(QStringLiteral("line")).toInt(), 4);
    QCOMPARE(json.value(QStringLiteral("revision")).toString(), QStringLiteral("a1"));
    QCOMPARE(json.value(QStringLiteral("fix")).toString(), QStringLiteral("alembic upgrade head"));
    for (const QString& key : {QStringLiteral("severity"), QStringLiteral("message"), QStringLiteral("hint"), QStringLiteral("path")})
        QVERIFY2(json.contains(key), qPrintable(key));
    QVERIFY(!findings.at(0).toJson().contains(QStringLiteral("fix")));

    const QString text = Doctor::formatText(findings, QStringLiteral("/p"));
    QVERIFY2(text.contains(QStringLiteral("Errors:\n  migrations/env.py:12: cannot reach")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Warnings:\n  migrations/versions/a.py:4: 2 pending")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("fix:  alembic upgrade head")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1 error(s), 1 warning(s), 1 info")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("hunter2")), qPrintable(text));
    QVERIFY(!findings.at(0).toJson().value(QStringLiteral("message")).toString().contains(QStringLiteral("hunter2")));
    QCOMPARE(Doctor::formatText({}), QStringLiteral("No problems found.\n"));
}

// ---- static reading helpers ---------------------------------------------------------------------------

void tst_DoctorProject::schemaHistoryReadsOperations()
{
    const QString source = QStringLiteral(
        "from alembic import op\nimport sqlalchemy as sa\n\n"
        "def upgrade():\n"
        "    op.create_table(\n"
        "        'Users',  # comment (with a parenthesis\n"
        "        sa.Column('id', sa.Integer(), primary_key=True),\n"
        "        sa.Column(\"email\", sa.String(200)),\n"
        "    )\n"
        "    op.add_column('users', sa.Column('name', sa.String()))\n"
        "    op.create_table('tmp', sa.Column('x', sa.Integer))\n"
        "    op.drop_table('tmp')\n"
        "    op.rename_table('users', 'accounts')\n"
        "    with op.batch_alter_table('accounts') as batch_op:\n"
        "        batch_op.alter_column('email', new_column_name='mail')\n"
        "        batch_op.drop_column('name')\n"
        "    op.create_index('ix_city', 'cities', ['name'])\n"
        "    op.execute(\"UPDATE regions SET x = 1\")\n"
        "    op.create_foreign_key('fk', 'orders', 'customers', ['customer_id'], ['id'])\n\n"
        "def downgrade():\n"
        "    op.drop_table('never_read')\n");
    const QVector<doctor::SchemaOp> ops = doctor::SchemaHistory::parseUpgrade(source);
    doctor::SchemaState state;
    doctor::SchemaHistory::apply(state, ops);
    QCOMPARE(state.keys(), QStringList{QStringLiteral("accounts")});
    QStringList columns = state.value(QStringLiteral("accounts")).values();
    columns.sort();
    QCOMPARE(columns, (QStringList{QStringLiteral("id"), QStringLiteral("mail")}));
    QCOMPARE(doctor::SchemaHistory::touchedTables(ops),
             (QStringList{QStringLiteral("accounts"), QStringLiteral("cities"), QStringLiteral("customers"),
                          QStringLiteral("orders"), QStringLiteral("regions"), QStringLiteral("tmp"), QStringLiteral("users")}));
    QCOMPARE(ops.first().line, 5);
}

QTEST_GUILESS_MAIN(tst_DoctorProject)
#include "tst_DoctorProject.moc"
