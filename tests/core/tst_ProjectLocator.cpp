// ProjectLocator: alembic.ini / pyproject.toml [tool.alembic] / bare versions folders, read the way
// Alembic reads them (configparser semantics, separators, %(here)s, package:path), and env.py facts.

#include "core/alembic/Project.h"
#include "core/alembic/ProjectLocator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

using FileMap = QMap<QString, QByteArray>;
Q_DECLARE_METATYPE(FileMap)

namespace {

bool writeTree(const QString& root, const FileMap& files)
{
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QString path = root + QLatin1Char('/') + it.key();
        if (it.key().endsWith(QLatin1Char('/'))) {
            if (!QDir().mkpath(path))
                return false;
            continue;
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(it.value());
    }
    return true;
}

QStringList rel(const QString& root, const QStringList& paths)
{
    QStringList out;
    for (const QString& p : paths)
        out.append(QDir(root).relativeFilePath(p));
    return out;
}

const QByteArray kEnv = "from alembic import context\n";

} // namespace

class tst_ProjectLocator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void locate_data();
    void locate();
    void errors_data();
    void errors();
    void envPyFactsAreReadFromConfigureLiterals();
    void envPyNonLiteralsAreReported();
    void bareVersionsFolder();
    void bareVersionsFolderThatDoesNotExistIsAnError();
    void loadProjectScansTheFiles();
    void agreesWithRealAlembic();
};

void tst_ProjectLocator::locate_data()
{
    QTest::addColumn<FileMap>("files");
    QTest::addColumn<QString>("target"); // relative to the temp root ("" = the root)
    QTest::addColumn<QString>("scriptLocation");
    QTest::addColumn<QStringList>("versionLocations");
    QTest::addColumn<bool>("recursive");
    QTest::addColumn<QString>("url");

    const QByteArray env = kEnv;
    QTest::newRow("a relative script_location is relative to the ini's folder")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\nsqlalchemy.url = sqlite:///app.db\n"},
                   {QStringLiteral("alembic/env.py"), env},
                   {QStringLiteral("alembic/versions/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("alembic/versions")} << false
        << QStringLiteral("sqlite:///app.db");
    QTest::newRow("%(here)s is the ini's folder")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = %(here)s/migrations\n"},
                   {QStringLiteral("migrations/versions/"), {}}}
        << QString() << QStringLiteral("migrations") << QStringList{QStringLiteral("migrations/versions")} << false << QString();
    QTest::newRow("package:path finds the package folder next to the ini")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = myapp.db:migrations\n"},
                   {QStringLiteral("myapp/__init__.py"), {}},
                   {QStringLiteral("myapp/db/__init__.py"), {}},
                   {QStringLiteral("myapp/db/migrations/versions/"), {}}}
        << QString() << QStringLiteral("myapp/db/migrations") << QStringList{QStringLiteral("myapp/db/migrations/versions")}
        << false << QString();
    QTest::newRow("package:path finds a package in the src layout")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = svc:alembic\n"},
                   {QStringLiteral("src/svc/__init__.py"), {}},
                   {QStringLiteral("src/svc/alembic/versions/"), {}}}
        << QString() << QStringLiteral("src/svc/alembic") << QStringList{QStringLiteral("src/svc/alembic/versions")} << false
        << QString();
    QTest::newRow("version_path_separator os splits on colons")
        << FileMap{{QStringLiteral("alembic.ini"),
                    "[alembic]\nscript_location = alembic\nversion_path_separator = os\n"
                    "version_locations = %(here)s/a:%(here)s/b\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << false << QString();
    QTest::newRow("version_path_separator space splits on spaces")
        << FileMap{{QStringLiteral("alembic.ini"),
                    "[alembic]\nscript_location = alembic\nversion_path_separator = space\nversion_locations = a b  c\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}
        << false << QString();
    QTest::newRow("version_path_separator semicolon keeps spaces inside paths")
        << FileMap{{QStringLiteral("alembic.ini"),
                    "[alembic]\nscript_location = alembic\nversion_path_separator = ;\nversion_locations = my dir;b\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("my dir"), QStringLiteral("b")} << false
        << QString();
    QTest::newRow("version_path_separator colon splits on colons")
        << FileMap{{QStringLiteral("alembic.ini"),
                    "[alembic]\nscript_location = alembic\nversion_path_separator = :\nversion_locations = a:b\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << false << QString();
    QTest::newRow("version_path_separator newline reads a multi-line value")
        << FileMap{{QStringLiteral("alembic.ini"),
                    "[alembic]\nscript_location = alembic\nversion_path_separator = newline\nversion_locations =\n"
                    "    %(here)s/one\n    %(here)s/two\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("one"), QStringLiteral("two")} << false
        << QString();
    QTest::newRow("path_separator of newer Alembic wins over version_path_separator")
        << FileMap{{QStringLiteral("alembic.ini"),
                    "[alembic]\nscript_location = alembic\npath_separator = ;\nversion_path_separator = space\n"
                    "version_locations = a b;c\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("a b"), QStringLiteral("c")} << false
        << QString();
    QTest::newRow("without a separator key the legacy split uses spaces and commas")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\nversion_locations = a b, c,d\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic")
        << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")} << false << QString();
    QTest::newRow("recursive_version_locations true is read")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\nrecursive_version_locations = true\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("alembic/versions")} << true << QString();
    QTest::newRow("recursive_version_locations only accepts lower-case true like Alembic")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\nrecursive_version_locations = True\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("alembic/versions")} << false << QString();
    QTest::newRow("pyproject tool.alembic is read when there is no alembic.ini")
        << FileMap{{QStringLiteral("pyproject.toml"),
                    "[project]\nname = \"svc\"\n\n[tool.alembic]\n# where\nscript_location = \"%(here)s/alembic\"\n"
                    "version_locations = [\n  \"%(here)s/alembic/versions\",\n  '%(here)s/extra',  # more\n]\n"
                    "recursive_version_locations = true\n\n[[tool.alembic.post_write_hooks]]\nname = \"black\"\n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic")
        << QStringList{QStringLiteral("alembic/versions"), QStringLiteral("extra")} << true << QString();
    // Letters toml++ 3.3.0 would trip over in keys (TomlTable moves them out of its way and back).
    QTest::newRow("pyproject tool.alembic with non-ASCII keys and paths")
        << FileMap{{QStringLiteral("pyproject.toml"),
                    QStringLiteral("[tool.alembic]\n\"cl\u00e9\" = \"\u3001\ufe7f\"  # \u03bb\n"
                                   "script_location = \"%(here)s/migra\u00e7\u00f5es\"\n").toUtf8()},
                   {QStringLiteral("migra\u00e7\u00f5es/"), {}}}
        << QString() << QStringLiteral("migra\u00e7\u00f5es") << QStringList{QStringLiteral("migra\u00e7\u00f5es/versions")} << false
        << QString();
    QTest::newRow("the ini's [alembic] section wins over tool.alembic")
        << FileMap{{QStringLiteral("pyproject.toml"), "[tool.alembic]\nscript_location = \"%(here)s/from_toml\"\n"},
                   {QStringLiteral("alembic.ini"), "[alembic]\nscript_location = from_ini\nsqlalchemy.url = postgresql://u@h/db\n"},
                   {QStringLiteral("from_ini/"), {}},
                   {QStringLiteral("from_toml/"), {}}}
        << QString() << QStringLiteral("from_ini") << QStringList{QStringLiteral("from_ini/versions")} << false
        << QStringLiteral("postgresql://u@h/db");
    QTest::newRow("an unreadable pyproject next to a complete alembic.ini is ignored")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\n"},
                   {QStringLiteral("pyproject.toml"), "[tool.alembic\nbroken = \n"},
                   {QStringLiteral("alembic/"), {}}}
        << QString() << QStringLiteral("alembic") << QStringList{QStringLiteral("alembic/versions")} << false << QString();
    QTest::newRow("an ini file given by path is relative to its own folder")
        << FileMap{{QStringLiteral("deploy/prod.ini"), "[alembic]\nscript_location = ../db\n"},
                   {QStringLiteral("db/versions/"), {}}}
        << QStringLiteral("deploy/prod.ini") << QStringLiteral("db") << QStringList{QStringLiteral("db/versions")} << false
        << QString();
    QTest::newRow("configparser syntax: colon, continuation, comments, DEFAULT and %%")
        << FileMap{{QStringLiteral("alembic.ini"),
                    "# top comment\n[DEFAULT]\nbase = %(here)s/x\n\n[alembic]\n; another comment\n"
                    "Script_Location: %(base)s/mig\nsqlalchemy.url = postgresql://u:p%%40ss@h/db\n"
                    "version_path_separator = newline\nversion_locations = %(base)s/v1\n"
                    "  # a comment inside the value is dropped\n  %(base)s/v2\n\n[loggers]\nkeys = root\n"},
                   {QStringLiteral("x/mig/"), {}}}
        << QString() << QStringLiteral("x/mig") << QStringList{QStringLiteral("x/v1"), QStringLiteral("x/v2")} << false
        << QStringLiteral("postgresql://u:p%40ss@h/db");
    QTest::newRow("version locations may use package:path")
        << FileMap{{QStringLiteral("alembic.ini"),
                    "[alembic]\nscript_location = alembic\nversion_path_separator = ;\n"
                    "version_locations = plugins.billing:versions;%(here)s/alembic/versions\n"},
                   {QStringLiteral("alembic/"), {}},
                   {QStringLiteral("plugins/billing/versions/"), {}}}
        << QString() << QStringLiteral("alembic")
        << QStringList{QStringLiteral("plugins/billing/versions"), QStringLiteral("alembic/versions")}
        << false << QString();
}

void tst_ProjectLocator::locate()
{
    QFETCH(FileMap, files);
    QFETCH(QString, target);
    QFETCH(QString, scriptLocation);
    QFETCH(QStringList, versionLocations);
    QFETCH(bool, recursive);
    QFETCH(QString, url);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeTree(dir.path(), files));
    const QString root = QFileInfo(dir.path()).canonicalFilePath();
    const Result<ProjectConfig> r = ProjectLocator::locate(target.isEmpty() ? root : root + QLatin1Char('/') + target);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(QDir(root).relativeFilePath(r->scriptLocation), scriptLocation);
    QCOMPARE(rel(root, r->versionLocations), versionLocations);
    QCOMPARE(r->versionLocationSources.size(), r->versionLocations.size());
    QCOMPARE(r->recursiveVersionLocations, recursive);
    QCOMPARE(r->sqlalchemyUrl, url);
    QVERIFY(!r->isBareVersionsDir());
    QVERIFY(QFileInfo(r->configFile).isFile());
}

void tst_ProjectLocator::errors_data()
{
    QTest::addColumn<FileMap>("files");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QString>("pathEnd");
    QTest::addColumn<int>("line");

    QTest::newRow("a folder without alembic.ini or pyproject is not a project")
        << FileMap{{QStringLiteral("readme.txt"), "x"}} << QString() << QStringLiteral("project-not-found")
        << QStringLiteral("no alembic.ini") << QString() << 0;
    QTest::newRow("a path that does not exist is reported")
        << FileMap{} << QStringLiteral("nope") << QStringLiteral("project-not-found") << QStringLiteral("does not exist")
        << QStringLiteral("nope") << 0;
    QTest::newRow("an ini without an [alembic] section is reported like Alembic")
        << FileMap{{QStringLiteral("alembic.ini"), "[other]\nx = 1\n"}} << QString() << QStringLiteral("config-missing-key")
        << QStringLiteral("has no '[alembic]' section") << QStringLiteral("alembic.ini") << 0;
    QTest::newRow("a missing script_location key is reported like Alembic")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nsqlalchemy.url = sqlite://\n"}} << QString()
        << QStringLiteral("config-missing-key") << QStringLiteral("No 'script_location' key") << QStringLiteral("alembic.ini") << 0;
    QTest::newRow("a script_location folder that does not exist names the path and the key")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\n\nscript_location = migrations\n"}} << QString()
        << QStringLiteral("script-location-missing") << QStringLiteral("migrations' (script_location in ")
        << QStringLiteral("alembic.ini") << 3;
    QTest::newRow("an unknown version_path_separator is reported")
        << FileMap{{QStringLiteral("alembic.ini"),
                    "[alembic]\nscript_location = a\nversion_locations = x\nversion_path_separator = comma\n"},
                   {QStringLiteral("a/"), {}}}
        << QString() << QStringLiteral("config-bad-value") << QStringLiteral("'comma' is not a valid value for version_path_separator")
        << QStringLiteral("alembic.ini") << 4;
    QTest::newRow("a duplicate option is a configparser error with its line")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = a\nscript_location = b\n"}} << QString()
        << QStringLiteral("config-syntax") << QStringLiteral("already exists") << QStringLiteral("alembic.ini") << 3;
    QTest::newRow("a line before any section is a configparser error")
        << FileMap{{QStringLiteral("alembic.ini"), "script_location = a\n[alembic]\n"}} << QString()
        << QStringLiteral("config-syntax") << QStringLiteral("no section headers") << QStringLiteral("alembic.ini") << 1;
    QTest::newRow("a lone percent sign is an interpolation error")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = 100%/x\n"}} << QString()
        << QStringLiteral("config-syntax") << QStringLiteral("'%' must be followed by") << QStringLiteral("alembic.ini") << 2;
    QTest::newRow("an unknown interpolation key is reported")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = %(nowhere)s/x\n"}} << QString()
        << QStringLiteral("config-syntax") << QStringLiteral("'nowhere'") << QStringLiteral("alembic.ini") << 2;
    QTest::newRow("a package that is not a folder of the project is reported")
        << FileMap{{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = notthere:migrations\n"}} << QString()
        << QStringLiteral("script-location-missing") << QStringLiteral("package 'notthere' not found")
        << QStringLiteral("alembic.ini") << 2;
    QTest::newRow("a non-boolean TOML recursive flag is reported")
        << FileMap{{QStringLiteral("pyproject.toml"),
                    "[tool.alembic]\nscript_location = \"a\"\nrecursive_version_locations = \"yes\"\n"},
                   {QStringLiteral("a/"), {}}}
        << QString() << QStringLiteral("config-bad-value") << QStringLiteral("boolean value expected")
        << QStringLiteral("pyproject.toml") << 3;
    QTest::newRow("a TOML syntax error names its line")
        << FileMap{{QStringLiteral("pyproject.toml"), "[tool.alembic]\nscript_location = \"a\nx = 1\n"}} << QString()
        << QStringLiteral("config-syntax") << QStringLiteral("Error while parsing string")
        << QStringLiteral("pyproject.toml") << 2;
    QTest::newRow("a pyproject without tool.alembic is not a project")
        << FileMap{{QStringLiteral("pyproject.toml"), "[project]\nname = \"x\"\n"}} << QString()
        << QStringLiteral("project-not-found") << QStringLiteral("[tool.alembic]") << QString() << 0;
}

void tst_ProjectLocator::errors()
{
    QFETCH(FileMap, files);
    QFETCH(QString, target);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    QFETCH(QString, pathEnd);
    QFETCH(int, line);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeTree(dir.path(), files));
    const Result<ProjectConfig> r = ProjectLocator::locate(target.isEmpty() ? dir.path() : dir.filePath(target));
    QVERIFY2(!r.ok(), "expected an error");
    QCOMPARE(r.error().code, code);
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    QVERIFY2(r.error().path.endsWith(pathEnd), qPrintable(r.error().path));
    QCOMPARE(r.error().line, line);
    QVERIFY2(!r.error().hint.isEmpty(), "every error says what to do");
}

void tst_ProjectLocator::envPyFactsAreReadFromConfigureLiterals()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeTree(dir.path(),
                      {{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\n"},
                       {QStringLiteral("alembic/env.py"),
                        "from alembic import context\n\ndef run_migrations_offline():\n    context.configure(\n"
                        "        url=url,\n        version_table='schema_history',\n        version_table_schema=\"meta\",\n"
                        "        transaction_per_migration=True,  # each step commits\n        target_metadata=target_metadata,\n"
                        "    )\n\ndef run_migrations_online():\n    with connectable.connect() as connection:\n"
                        "        context.configure(connection=connection, version_table='schema_history',\n"
                        "                          version_table_schema='meta', transaction_per_migration=True)\n"}}));
    const Result<ProjectConfig> r = ProjectLocator::locate(dir.path());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->versionTable, QStringLiteral("schema_history"));
    QCOMPARE(r->versionTableSchema, QStringLiteral("meta"));
    QVERIFY(r->transactionPerMigration);
    QCOMPARE(r->effectiveVersionTable(), QStringLiteral("schema_history"));
    QVERIFY(r->envPy.endsWith(QLatin1String("alembic/env.py")));
    QVERIFY(r->envPyUnresolved.isEmpty());
}

void tst_ProjectLocator::envPyNonLiteralsAreReported()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeTree(dir.path(),
                      {{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\n"},
                       {QStringLiteral("alembic/env.py"),
                        "from alembic import context\nfrom app import settings\ncontext.configure(\n"
                        "    connection=c, version_table=settings.VERSION_TABLE)\n"}}));
    const Result<ProjectConfig> r = ProjectLocator::locate(dir.path());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->versionTable, QString());
    QCOMPARE(r->effectiveVersionTable(), QStringLiteral("alembic_version"));
    QCOMPARE(r->envPyUnresolved, QStringList{QStringLiteral("version_table = settings.VERSION_TABLE (line 4)")});
    QVERIFY(!r->transactionPerMigration);
}

void tst_ProjectLocator::bareVersionsFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result<ProjectConfig> r = ProjectLocator::forVersionsDir(dir.path(), true);
    QVERIFY(r.ok());
    QVERIFY(r->isBareVersionsDir());
    QCOMPARE(r->versionLocations, QStringList{QDir::cleanPath(dir.path())});
    QCOMPARE(r->versionLocationSources, QStringList{QStringLiteral("--versions")});
    QVERIFY(r->recursiveVersionLocations);
    QVERIFY(r->envPy.isEmpty());
}

void tst_ProjectLocator::bareVersionsFolderThatDoesNotExistIsAnError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("versions"));
    const Result<ProjectConfig> r = ProjectLocator::forVersionsDir(missing, false);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("path-not-found"));
    QCOMPARE(r.error().path, missing);
    const Result<LoadedProject> p = loadVersionsDir(missing, false);
    QVERIFY(!p.ok());
}

void tst_ProjectLocator::loadProjectScansTheFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeTree(dir.path(),
                      {{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\n"},
                       {QStringLiteral("alembic/env.py"), kEnv},
                       {QStringLiteral("alembic/versions/b_second.py"), "revision = 'b'\ndown_revision = 'a'\n"},
                       {QStringLiteral("alembic/versions/a_first.py"), "revision = 'a'\ndown_revision = None\n"}}));
    const Result<LoadedProject> p = loadProject(dir.path());
    QVERIFY2(p.ok(), p.ok() ? "" : qPrintable(p.error().toString()));
    QCOMPARE(p->files.size(), 2);
    QCOMPARE(p->files[0].revision, QStringLiteral("a"));
    QCOMPARE(p->files[1].revision, QStringLiteral("b"));
    QVERIFY(p->problems.isEmpty());
}

void tst_ProjectLocator::agreesWithRealAlembic()
{
    // Projects in the shapes Alembic 1.8.1 understands; its Config + ScriptDirectory.from_config
    // (run from the project folder, as `alembic` is) must find the same folders and URL.
    // (Not compared: 1.8.1 keeps the newline of a continued version_locations entry, newer
    // Alembic strips it, and so does Retort; path_separator/newline/TOML need Alembic >= 1.16.)
    const QString python = QStringLiteral(RETORT_PYTHON);
    QVERIFY2(!python.isEmpty(), "RETORT_PYTHON is not set: no Python with Alembic was found at configure time");
    const QList<FileMap> projects = {
        {{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\nsqlalchemy.url = sqlite:///a.db\n"},
         {QStringLiteral("alembic/versions/"), {}}},
        {{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = %(here)s/mig\nsqlalchemy.url = postgresql://u:p%%25w@h/db\n"},
         {QStringLiteral("mig/versions/"), {}}},
        {{QStringLiteral("alembic.ini"),
          "[alembic]\nprepend_sys_path = .\nscript_location = pkg.db:migrations\n"},
         {QStringLiteral("pkg/__init__.py"), {}},
         {QStringLiteral("pkg/db/__init__.py"), {}},
         {QStringLiteral("pkg/db/migrations/versions/"), {}}},
        {{QStringLiteral("alembic.ini"),
          "[alembic]\nscript_location = alembic\nversion_path_separator = os\nversion_locations = %(here)s/a:%(here)s/b\n"},
         {QStringLiteral("alembic/"), {}}},
        {{QStringLiteral("alembic.ini"),
          "[alembic]\nscript_location = alembic\nversion_path_separator = space\nversion_locations = %(here)s/a  %(here)s/b\n"},
         {QStringLiteral("alembic/"), {}}},
        {{QStringLiteral("alembic.ini"),
          "[alembic]\nscript_location = alembic\nversion_path_separator = ;\nversion_locations = %(here)s/my dir;%(here)s/b\n"},
         {QStringLiteral("alembic/"), {}}},
        {{QStringLiteral("alembic.ini"), "[alembic]\nscript_location = alembic\nversion_locations = %(here)s/a, %(here)s/b %(here)s/c\n"},
         {QStringLiteral("alembic/"), {}}},
        {{QStringLiteral("alembic.ini"),
          "# c\n[DEFAULT]\nbase = %(here)s/x\n\n[alembic]\n; c\nScript_Location: %(base)s/mig\n"
          "sqlalchemy.url = postgresql://u:p%%40ss@h/db\n  # a comment line\nversion_path_separator = :\n"
          "version_locations = %(base)s/v1:%(base)s/v2\n"},
         {QStringLiteral("x/mig/"), {}}},
    };
    const QString script = QStringLiteral(R"PY(
import json, os, sys
from alembic.config import Config
from alembic.script import ScriptDirectory
cfg = Config(sys.argv[1])
sd = ScriptDirectory.from_config(cfg)
print(json.dumps({"dir": os.path.abspath(sd.dir), "versions": [os.path.abspath(p) for p in sd._version_locations],
                  "url": cfg.get_main_option("sqlalchemy.url") or ""}))
)PY");
    for (int i = 0; i < projects.size(); ++i) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeTree(dir.path(), projects[i]));
        const QString root = QFileInfo(dir.path()).canonicalFilePath();
        QProcess proc;
        proc.setWorkingDirectory(root);
        proc.start(python, {QStringLiteral("-c"), script, root + QStringLiteral("/alembic.ini")});
        QVERIFY2(proc.waitForFinished(60000), "Alembic did not finish");
        QVERIFY2(proc.exitCode() == 0, proc.readAllStandardError().constData());
        const QJsonObject expected = QJsonDocument::fromJson(proc.readAllStandardOutput()).object();
        const Result<ProjectConfig> r = ProjectLocator::locate(root);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
        const QString where = QStringLiteral("project %1").arg(i);
        QVERIFY2(QFileInfo(r->scriptLocation).canonicalFilePath()
                     == QFileInfo(expected.value(QStringLiteral("dir")).toString()).canonicalFilePath(),
                 qPrintable(where + QStringLiteral(": ") + r->scriptLocation));
        QStringList versions;
        for (const QJsonValue& v : expected.value(QStringLiteral("versions")).toArray())
            versions.append(QDir::cleanPath(v.toString()));
        QVERIFY2(r->versionLocations == versions,
                 qPrintable(where + QStringLiteral(": ") + r->versionLocations.join(QLatin1Char('|')) + QStringLiteral(" vs ")
                            + versions.join(QLatin1Char('|'))));
        QCOMPARE(r->sqlalchemyUrl, expected.value(QStringLiteral("url")).toString());
    }
}

QTEST_GUILESS_MAIN(tst_ProjectLocator)
#include "tst_ProjectLocator.moc"
