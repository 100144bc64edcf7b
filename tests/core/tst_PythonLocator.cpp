// PythonLocator: which interpreter runs a project's Alembic, and the compose command line.

#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

namespace {

void writeExecutable(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    file.write(content);
    file.close();
    file.setPermissions(file.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
}

void touch(const QString& path)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
}

// Restores PATH when the test function ends.
class PathGuard
{
public:
    PathGuard() : m_saved(qgetenv("PATH")) {}
    ~PathGuard() { qputenv("PATH", m_saved); }
    void prepend(const QString& dir) { qputenv("PATH", dir.toLocal8Bit() + ':' + m_saved); }

private:
    QByteArray m_saved;
};

} // namespace

class tst_PythonLocator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(),
                 "RETORT_PYTHON must name an interpreter with alembic (configure found none)");
    }

    void projectVirtualenvIsPreferred_data()
    {
        QTest::addColumn<QStringList>("venvs");
        QTest::addColumn<QStringList>("lockFiles");
        QTest::addColumn<int>("expectedKind");
        QTest::addColumn<QString>("expectedProgram");

        QTest::newRow("a .venv folder is used")
            << QStringList{QStringLiteral(".venv")} << QStringList{} << int(InterpreterKind::DotVenv) << QStringLiteral(".venv/bin/python");
        QTest::newRow("a venv folder is used")
            << QStringList{QStringLiteral("venv")} << QStringList{} << int(InterpreterKind::Venv) << QStringLiteral("venv/bin/python");
        QTest::newRow(".venv wins over venv")
            << QStringList{QStringLiteral("venv"), QStringLiteral(".venv")} << QStringList{} << int(InterpreterKind::DotVenv)
            << QStringLiteral(".venv/bin/python");
        QTest::newRow(".venv wins over uv.lock and poetry.lock")
            << QStringList{QStringLiteral(".venv")} << QStringList{QStringLiteral("uv.lock"), QStringLiteral("poetry.lock")}
            << int(InterpreterKind::DotVenv) << QStringLiteral(".venv/bin/python");
    }

    void projectVirtualenvIsPreferred()
    {
        QFETCH(QStringList, venvs);
        QFETCH(QStringList, lockFiles);
        QFETCH(int, expectedKind);
        QFETCH(QString, expectedProgram);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString& venv : venvs)
            writeExecutable(dir.filePath(venv + QStringLiteral("/bin/python")), "#!/bin/sh\nexit 0\n");
        for (const QString& lock : lockFiles)
            touch(dir.filePath(lock));

        const Result<PythonCommand> python = PythonLocator::locate(dir.path());
        QVERIFY2(python.ok(), qPrintable(python.ok() ? QString() : python.error().toString()));
        QCOMPARE(int(python->kind), expectedKind);
        QCOMPARE(python->program, dir.filePath(expectedProgram));
        QVERIFY(python->prefixArguments.isEmpty());
    }

    void lockFilesUseTheirTool_data()
    {
        QTest::addColumn<QString>("lockFile");
        QTest::addColumn<QString>("tool");
        QTest::addColumn<int>("expectedKind");
        QTest::newRow("uv.lock runs uv run python") << QStringLiteral("uv.lock") << QStringLiteral("uv") << int(InterpreterKind::Uv);
        QTest::newRow("poetry.lock runs poetry run python")
            << QStringLiteral("poetry.lock") << QStringLiteral("poetry") << int(InterpreterKind::Poetry);
    }

    void lockFilesUseTheirTool()
    {
        QFETCH(QString, lockFile);
        QFETCH(QString, tool);
        QFETCH(int, expectedKind);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        touch(dir.filePath(lockFile));
        writeExecutable(dir.filePath(QStringLiteral("bin/") + tool), "#!/bin/sh\nexit 0\n");
        PathGuard path;
        path.prepend(dir.filePath(QStringLiteral("bin")));

        const Result<PythonCommand> python = PythonLocator::locate(dir.path());
        QVERIFY2(python.ok(), qPrintable(python.ok() ? QString() : python.error().toString()));
        QCOMPARE(int(python->kind), expectedKind);
        QCOMPARE(python->program, dir.filePath(QStringLiteral("bin/") + tool));
        QCOMPARE(python->prefixArguments, (QStringList{QStringLiteral("run"), QStringLiteral("python")}));
        QCOMPARE(python->commandLine({QStringLiteral("hello")}),
                 (QStringList{dir.filePath(QStringLiteral("bin/") + tool), QStringLiteral("run"), QStringLiteral("python"),
                              QStringLiteral("-"), QStringLiteral("hello")}));
    }

    void aLockFileWithoutItsToolFallsBackToAProbedSystemPython()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        touch(dir.filePath(QStringLiteral("uv.lock")));
        PathGuard path;
        qputenv("PATH", QFile::encodeName(dir.path())); // no uv, no python3 on PATH

        const Result<PythonCommand> python = PythonLocator::locate(dir.path());
        QVERIFY2(python.ok(), qPrintable(python.ok() ? QString() : python.error().toString()));
        QCOMPARE(int(python->kind), int(InterpreterKind::System));
        QVERIFY2(python->notes.join(QLatin1Char(' ')).contains(QStringLiteral("uv is not on PATH")),
                 qPrintable(python->notes.join(QLatin1Char('|'))));
        QVERIFY(PythonLocator::probe(python->program).ok());
    }

    void systemCandidatesComeBeforePathAndAreUnique()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeExecutable(dir.filePath(QStringLiteral("bin/python3")), "#!/bin/sh\nexit 1\n");
        PathGuard path;
        path.prepend(dir.filePath(QStringLiteral("bin")));
        qputenv("PATH", qgetenv("PATH") + ":/usr/bin:/usr/bin");

        const QStringList candidates = PythonLocator::systemCandidates();
        QVERIFY(!candidates.isEmpty());
        const qsizetype fake = candidates.indexOf(dir.filePath(QStringLiteral("bin/python3")));
        QVERIFY2(fake >= 0, qPrintable(candidates.join(QLatin1Char(' '))));
        if (QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
            QCOMPARE(candidates.first(), QStringLiteral("/usr/bin/python3"));
        QCOMPARE(candidates.count(QStringLiteral("/usr/bin/python3")), qsizetype(QFileInfo::exists(QStringLiteral("/usr/bin/python3")) ? 1 : 0));
        // The fake PATH interpreter cannot import alembic: probing says so instead of trusting PATH.
        const Status probe = PythonLocator::probe(dir.filePath(QStringLiteral("bin/python3")));
        QVERIFY(!probe.ok());
        QCOMPARE(probe.error().code, QStringLiteral("alembic-not-installed"));
    }

    void probeAcceptsAnInterpreterWithAlembic()
    {
        QVERIFY(PythonLocator::probe(QStringLiteral(RETORT_PYTHON)).ok());
        const Result<QString> system = PythonLocator::findSystemPython();
        QVERIFY2(system.ok(), qPrintable(system.ok() ? QString() : system.error().toString()));
        QVERIFY(PythonLocator::probe(*system).ok());
    }

    void probeRejectsAnInterpreterWithoutAlembic()
    {
        // -S: the same Python without site-packages, i.e. without alembic.
        const Status probe = PythonLocator::probe(QStringLiteral(RETORT_PYTHON), {QStringLiteral("-S")});
        QVERIFY(!probe.ok());
        QCOMPARE(probe.error().code, QStringLiteral("alembic-not-installed"));
        QVERIFY2(probe.error().message.contains(QStringLiteral("No module named")), qPrintable(probe.error().message));
    }

    void probeReportsAnInterpreterThatDoesNotExist()
    {
        const Status probe = PythonLocator::probe(QStringLiteral("/nonexistent/bin/python"));
        QVERIFY(!probe.ok());
        QVERIFY2(probe.error().message.contains(QStringLiteral("/nonexistent/bin/python")), qPrintable(probe.error().message));
    }

    void anExplicitInterpreterIsUsedAsGiven()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeExecutable(dir.filePath(QStringLiteral(".venv/bin/python")), "#!/bin/sh\nexit 0\n");
        InterpreterChoice choice;
        choice.interpreter = QStringLiteral(RETORT_PYTHON);
        const Result<PythonCommand> python = PythonLocator::locate(dir.path(), choice);
        QVERIFY(python.ok());
        QCOMPARE(int(python->kind), int(InterpreterKind::Override));
        QCOMPARE(python->program, QStringLiteral(RETORT_PYTHON));
    }

    void anInterpreterPathThatDoesNotExistIsRejected()
    {
        InterpreterChoice choice;
        choice.interpreter = QStringLiteral("/nonexistent/venv/bin/python");
        const Result<PythonCommand> python = PythonLocator::locate(QDir::tempPath(), choice);
        QVERIFY(!python.ok());
        QCOMPARE(python.error().code, QStringLiteral("python-bad-override"));
        QVERIFY2(python.error().message.contains(QStringLiteral("/nonexistent/venv/bin/python does not exist")),
                 qPrintable(python.error().message));
    }

    void aRelativeInterpreterNotOnPathIsRejected()
    {
        InterpreterChoice choice;
        choice.interpreter = QStringLiteral("no-such-python-retort");
        const Result<PythonCommand> python = PythonLocator::locate(QDir::tempPath(), choice);
        QVERIFY(!python.ok());
        QCOMPARE(python.error().code, QStringLiteral("python-bad-override"));
    }

    void anEnvironmentAboveTheIniIsFoundUpToTheRepositoryRoot_data()
    {
        QTest::addColumn<QString>("rootMarker");  // what makes `repo` the root
        QTest::addColumn<QString>("venvFolder");  // where .venv is, relative to the temporary folder
        QTest::addColumn<bool>("found");
        QTest::newRow(".venv at the git root") << QStringLiteral("repo/.git") << QStringLiteral("repo") << true;
        QTest::newRow(".venv between the ini and the root") << QStringLiteral("repo/.git") << QStringLiteral("repo/backend") << true;
        QTest::newRow(".venv at the pyproject root, no git") << QStringLiteral("repo/pyproject.toml") << QStringLiteral("repo") << true;
        QTest::newRow("not above the git root") << QStringLiteral("repo/.git") << QString() << false;
        QTest::newRow("no root: the ini's folder only") << QString() << QStringLiteral("repo") << false;
    }

    void anEnvironmentAboveTheIniIsFoundUpToTheRepositoryRoot()
    {
        QFETCH(QString, rootMarker);
        QFETCH(QString, venvFolder);
        QFETCH(bool, found);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString project = dir.filePath(QStringLiteral("repo/backend/persistence"));
        QVERIFY(QDir().mkpath(project));
        if (rootMarker.endsWith(QStringLiteral(".git")))
            QVERIFY(QDir().mkpath(dir.filePath(rootMarker)));
        else if (!rootMarker.isEmpty())
            touch(dir.filePath(rootMarker));
        // Outside the repository: never the project's (the "not above the git root" row).
        writeExecutable(dir.filePath(venvFolder.isEmpty() ? QStringLiteral(".venv/bin/python") : venvFolder + QStringLiteral("/.venv/bin/python")),
                        "#!/bin/sh\nexit 0\n");

        const QStringList folders = PythonLocator::environmentFolders(project);
        QCOMPARE(folders.first(), QDir(project).absolutePath());
        const Result<PythonCommand> python = PythonLocator::locate(project);
        if (found) {
            QVERIFY2(python.ok(), qPrintable(python.ok() ? QString() : python.error().toString()));
            QCOMPARE(int(python->kind), int(InterpreterKind::DotVenv));
            QCOMPARE(python->program, dir.filePath(venvFolder + QStringLiteral("/.venv/bin/python")));
            QVERIFY2(python->notes.join(QLatin1Char(' ')).contains(QStringLiteral(" in ")), qPrintable(python->notes.join(QLatin1Char(';'))));
        } else {
            // Not the planted one: a system interpreter (or none).
            QVERIFY(!python.ok() || python->kind == InterpreterKind::System);
        }
    }

    void composeFallsBackToComposeV1WhenOnlyItIsInstalled()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeExecutable(dir.filePath(QStringLiteral("bin/docker-compose")), "#!/bin/sh\nexit 0\n");
        PathGuard path;
        qputenv("PATH", QFile::encodeName(dir.filePath(QStringLiteral("bin"))));

        InterpreterChoice choice;
        choice.compose.service = QStringLiteral("api");
        const Result<PythonCommand> python = PythonLocator::locate(QStringLiteral("/srv/app"), choice);
        QVERIFY(python.ok());
        QCOMPARE(python->program, dir.filePath(QStringLiteral("bin/docker-compose")));
        QCOMPARE(python->prefixArguments,
                 (QStringList{QStringLiteral("--project-directory"), QStringLiteral("/srv/app"), QStringLiteral("exec"),
                              QStringLiteral("-T"), QStringLiteral("api"), QStringLiteral("python")}));
        QVERIFY(python->notes.join(QLatin1Char(' ')).contains(QStringLiteral("Compose v1")));
    }

    void composeModeBuildsTheDockerCommand_data()
    {
        QTest::addColumn<QString>("composeFile");
        QTest::addColumn<QString>("workdir");
        QTest::addColumn<QStringList>("expectedPrefix");
        QTest::newRow("service only")
            << QString() << QString()
            << QStringList{QStringLiteral("compose"), QStringLiteral("--project-directory"), QStringLiteral("/srv/app"),
                           QStringLiteral("exec"), QStringLiteral("-T"), QStringLiteral("api"), QStringLiteral("python")};
        QTest::newRow("with a compose file and a working directory")
            << QStringLiteral("/srv/app/docker-compose.dev.yml") << QStringLiteral("/app")
            << QStringList{QStringLiteral("compose"), QStringLiteral("-f"), QStringLiteral("/srv/app/docker-compose.dev.yml"),
                           QStringLiteral("--project-directory"), QStringLiteral("/srv/app"), QStringLiteral("exec"),
                           QStringLiteral("-T"), QStringLiteral("-w"), QStringLiteral("/app"), QStringLiteral("api"),
                           QStringLiteral("python")};
    }

    void composeModeBuildsTheDockerCommand()
    {
        QFETCH(QString, composeFile);
        QFETCH(QString, workdir);
        QFETCH(QStringList, expectedPrefix);

        InterpreterChoice choice;
        choice.compose.service = QStringLiteral("api");
        choice.compose.composeFile = composeFile;
        choice.compose.workdir = workdir;
        const Result<PythonCommand> python = PythonLocator::locate(QStringLiteral("/srv/app"), choice);
        QVERIFY(python.ok());
        QCOMPARE(int(python->kind), int(InterpreterKind::Compose));
        QVERIFY(python->remote);
        QVERIFY(python->program.endsWith(QStringLiteral("docker")));
        QCOMPARE(python->prefixArguments, expectedPrefix);

        // The bridge runs with the script on stdin; the ini path is the one inside the container and
        // the database password never appears on the command line.
        BridgeRequest request;
        request.op = BridgeOp::Upgrade;
        request.configFile = python->remoteConfigPath;
        request.target = QStringLiteral("heads");
        request.overrideUrl = QStringLiteral("postgresql://app:s3cret-pw@db:5432/app");
        const QStringList line = AlembicBridge::commandLine(*python, request);
        QStringList expected{python->program};
        expected << expectedPrefix
                 << QStringList{QStringLiteral("-"), QStringLiteral("upgrade"), QStringLiteral("--config"),
                                QStringLiteral("alembic.ini"), QStringLiteral("--target"), QStringLiteral("heads"),
                                QStringLiteral("--require-url-match")};
        QCOMPARE(line, expected);
        QVERIFY(!line.join(QLatin1Char(' ')).contains(QStringLiteral("s3cret-pw")));
        const QByteArray payload = AlembicBridge::stdinPayload(request);
        QVERIFY(payload.startsWith("RETORT_INJECTED_ENV = {\"RETORT_OVERRIDE_URL\":\"postgresql://app:s3cret-pw@db:5432/app\"}\n"));
        QVERIFY(payload.contains("def main(argv)"));
    }
};

QTEST_GUILESS_MAIN(tst_PythonLocator)
#include "tst_PythonLocator.moc"
