// AlembicDetector: the Alembic version a project's interpreter runs, read from its files when they
// settle it, else asked once and cached. Every detected version is checked against what the real
// interpreter imports (RETORT_PYTHON, a virtualenv made of it, PYTHONPATH put first).

#include "core/alembic/AlembicVersion.h"
#include "core/exec/AlembicDetector.h"
#include "core/exec/PythonLocator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

namespace {

const QString kPython = QStringLiteral(RETORT_PYTHON);

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(content);
    return true;
}

// What `program -c ...` prints, trimmed ("" when it fails).
QString runPython(const QString& program, const QString& code, const QString& workingDir = {})
{
    QProcess p;
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(program, {QStringLiteral("-c"), code});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// The version of the alembic package `program` imports.
QString importedVersion(const QString& program, const QString& workingDir = {})
{
    return runPython(program, QStringLiteral("import alembic; print(alembic.__version__)"), workingDir);
}

PythonCommand command(const QString& program)
{
    PythonCommand python;
    python.program = program;
    python.description = program;
    return python;
}

// Restores PYTHONPATH when the test function ends.
class PythonPathGuard
{
public:
    PythonPathGuard() : m_had(qEnvironmentVariableIsSet("PYTHONPATH")), m_saved(qgetenv("PYTHONPATH")) {}
    ~PythonPathGuard()
    {
        if (m_had)
            qputenv("PYTHONPATH", m_saved);
        else
            qunsetenv("PYTHONPATH");
    }

private:
    bool m_had;
    QByteArray m_saved;
};

} // namespace

class tst_AlembicDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { AlembicDetector::clearProcessCache(); }
    void parse_data();
    void parse();
    void rules();
    void versionOfPackage();
    void theInterpretersOwnAlembicIsReadFromItsFiles();
    void aVirtualEnvironmentsAlembic();
    void pythonPathComesFirst();
    void aWrapperIsAskedOnceAndCached();
    void noAlembicSaysWhy();

private:
    // A virtualenv of RETORT_PYTHON in `root` without system site-packages (an empty
    // site-packages): its bin/python, "" when it cannot be made.
    QString makeVirtualEnv(const QString& root) const;

    QString m_pythonMajorMinor; // "3.11"
    QString m_pythonVersion;    // "3.11.2"
};

void tst_AlembicDetector::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo(kPython).isExecutable(), qPrintable(kPython));
    m_pythonVersion = runPython(kPython, QStringLiteral("import sys; print('%d.%d.%d' % sys.version_info[:3])"));
    QVERIFY(!m_pythonVersion.isEmpty());
    m_pythonMajorMinor = m_pythonVersion.section(QLatin1Char('.'), 0, 1);
}

QString tst_AlembicDetector::makeVirtualEnv(const QString& root) const
{
    const QString program = root + QStringLiteral("/bin/python");
    const QByteArray config = QStringLiteral("home = %1\ninclude-system-site-packages = false\nversion = %2\n")
                                  .arg(QFileInfo(kPython).absolutePath(), m_pythonVersion)
                                  .toUtf8();
    if (!writeFile(root + QStringLiteral("/pyvenv.cfg"), config)
        || !QDir().mkpath(QStringLiteral("%1/lib/python%2/site-packages").arg(root, m_pythonMajorMinor))
        || !QDir().mkpath(root + QStringLiteral("/bin")) || !QFile::link(kPython, program))
        return {};
    return program;
}

void tst_AlembicDetector::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("version"); // "" = unknown
    QTest::newRow("three parts") << "1.13.1" << "1.13.1";
    QTest::newRow("two parts") << "1.8" << "1.8.0";
    QTest::newRow("a release candidate") << "1.16.0rc1" << "1.16.0";
    QTest::newRow("white space") << " 1.19.1\n" << "1.19.1";
    QTest::newRow("a dev build") << "1.14.0.dev0" << "1.14.0";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("one number") << "1" << "";
    QTest::newRow("no numbers") << "x.y" << "";
    QTest::newRow("a word") << "dev" << "";
}

void tst_AlembicDetector::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, version);
    const AlembicVersion v = AlembicVersion::parse(text);
    QCOMPARE(v.isKnown(), !version.isEmpty());
    QCOMPARE(v.toString(), version);
}

void tst_AlembicDetector::rules()
{
    const AlembicVersion unknown;
    const AlembicVersion debian(1, 8, 1);
    const AlembicVersion current(1, 19, 1);
    QVERIFY(!debian.honoursRecursiveVersionLocations());
    QVERIFY(AlembicVersion(1, 10, 0).honoursRecursiveVersionLocations());
    QVERIFY(unknown.honoursRecursiveVersionLocations());
    QVERIFY(!AlembicVersion(1, 13, 0).unmergeSkipsCoveredDownRevisions());
    QVERIFY(AlembicVersion(1, 13, 1).unmergeSkipsCoveredDownRevisions());
    QVERIFY(!unknown.unmergeSkipsCoveredDownRevisions());
    QVERIFY(!AlembicVersion(1, 15, 2).readsPyprojectToml());
    QVERIFY(AlembicVersion(1, 16, 0).readsPyprojectToml());
    QVERIFY(!AlembicVersion(1, 17, 0).refusesColonInRevisionIds());
    QVERIFY(current.refusesColonInRevisionIds());
    QVERIFY(!debian.emptyDownRevisionIsAReference());
    QVERIFY(current.emptyDownRevisionIsAReference());
    QVERIFY(AlembicVersion(2, 0, 0).atLeast(1, 19, 1));
    QVERIFY(!AlembicVersion(1, 9, 9).atLeast(1, 10));
}

void tst_AlembicDetector::versionOfPackage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString declared = dir.filePath(QStringLiteral("a/alembic/__init__.py"));
    QVERIFY(writeFile(declared, "import sys\n\nfrom . import context\n\n__version__ = \"1.13.1\"\n"));
    QString from;
    QCOMPARE(AlembicDetector::versionOfPackage(declared, &from).toString(), QStringLiteral("1.13.1"));
    QCOMPARE(from, declared);

    // no __version__: the distribution's METADATA next to the package
    const QString bare = dir.filePath(QStringLiteral("b/alembic/__init__.py"));
    QVERIFY(writeFile(bare, "from .context import *\n"));
    const QString metadata = dir.filePath(QStringLiteral("b/alembic-1.16.5.dist-info/METADATA"));
    QVERIFY(writeFile(metadata, "Metadata-Version: 2.1\nName: alembic\nVersion: 1.16.5\n"));
    QCOMPARE(AlembicDetector::versionOfPackage(bare, &from).toString(), QStringLiteral("1.16.5"));
    QCOMPARE(from, metadata);

    // two distributions: it cannot tell
    QVERIFY(writeFile(dir.filePath(QStringLiteral("b/alembic-1.15.0.dist-info/METADATA")), "Version: 1.15.0\n"));
    QVERIFY(!AlembicDetector::versionOfPackage(bare).isKnown());
}

void tst_AlembicDetector::theInterpretersOwnAlembicIsReadFromItsFiles()
{
    QTemporaryDir work;
    QVERIFY(work.isValid());
    const AlembicInstallation found = AlembicDetector::detect(command(kPython), work.path(), false);
    QVERIFY2(found.isKnown(), qPrintable(found.describe()));
    QCOMPARE(found.version.toString(), AlembicVersion::parse(importedVersion(kPython, work.path())).toString());
    QCOMPARE(found.source, AlembicInstallation::Source::Files);
    QVERIFY2(QFileInfo(found.location).isFile(), qPrintable(found.location));
    QVERIFY2(found.describe().startsWith(QStringLiteral("Alembic ") + found.version.toString()), qPrintable(found.describe()));
}

void tst_AlembicDetector::aVirtualEnvironmentsAlembic()
{
    // A virtualenv of RETORT_PYTHON without system site-packages, holding its own Alembic: the
    // interpreter imports that one, and the detector reads it without starting Python.
    QTemporaryDir venv;
    QVERIFY(venv.isValid());
    const QString root = QFileInfo(venv.path()).canonicalFilePath();
    const QString program = makeVirtualEnv(root);
    QVERIFY(!program.isEmpty());
    const QString init = QStringLiteral("%1/lib/python%2/site-packages/alembic/__init__.py").arg(root, m_pythonMajorMinor);
    QVERIFY(writeFile(init, "__version__ = '1.13.1'\n"));

    QCOMPARE(importedVersion(program, root), QStringLiteral("1.13.1"));
    const AlembicInstallation found = AlembicDetector::detect(command(program), root, false);
    QVERIFY2(found.isKnown(), qPrintable(found.describe()));
    QCOMPARE(found.version.toString(), QStringLiteral("1.13.1"));
    QCOMPARE(found.source, AlembicInstallation::Source::Files);
    QCOMPARE(found.location, init);
}

void tst_AlembicDetector::pythonPathComesFirst()
{
    PythonPathGuard guard;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = QFileInfo(dir.path()).canonicalFilePath();
    QVERIFY(writeFile(root + QStringLiteral("/site/alembic/__init__.py"), "__version__ = \"1.16.2\"\n"));
    qputenv("PYTHONPATH", (root + QStringLiteral("/site")).toLocal8Bit());
    QCOMPARE(importedVersion(kPython, root), QStringLiteral("1.16.2"));
    const AlembicInstallation found = AlembicDetector::detect(command(kPython), root, false);
    QCOMPARE(found.version.toString(), QStringLiteral("1.16.2"));
    QCOMPARE(found.source, AlembicInstallation::Source::Files);
}

void tst_AlembicDetector::aWrapperIsAskedOnceAndCached()
{
    // A shell script in front of the interpreter (like a pyenv shim): its files say nothing, so
    // the interpreter is asked once; the answer is kept on disk for the next process.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString wrapper = dir.filePath(QStringLiteral("python-wrapper"));
    QVERIFY(writeFile(wrapper, QStringLiteral("#!/bin/sh\nexec '%1' \"$@\"\n").arg(kPython).toUtf8()));
    QVERIFY(QFile::setPermissions(wrapper, QFile::permissions(wrapper) | QFileDevice::ExeOwner));
    const QString expected = AlembicVersion::parse(importedVersion(kPython, dir.path())).toString();
    QVERIFY(!expected.isEmpty());

    const AlembicInstallation filesOnly = AlembicDetector::detect(command(wrapper), dir.path(), false);
    QVERIFY(!filesOnly.isKnown());
    QVERIFY2(filesOnly.note.contains(QStringLiteral("Python is not run")), qPrintable(filesOnly.note));

    const AlembicInstallation asked = AlembicDetector::detect(command(wrapper), dir.path(), true);
    QVERIFY2(asked.isKnown(), qPrintable(asked.describe()));
    QCOMPARE(asked.version.toString(), expected);
    QCOMPARE(asked.source, AlembicInstallation::Source::Interpreter);

    AlembicDetector::clearProcessCache(); // as a new process would start
    const AlembicInstallation cached = AlembicDetector::detect(command(wrapper), dir.path(), true);
    QCOMPARE(cached.version.toString(), expected);
    QVERIFY2(cached.note.contains(QStringLiteral("cached")), qPrintable(cached.describe()));
}

void tst_AlembicDetector::noAlembicSaysWhy()
{
    // A virtualenv without Alembic and without system site-packages.
    QTemporaryDir venv;
    QVERIFY(venv.isValid());
    const QString root = QFileInfo(venv.path()).canonicalFilePath();
    const QString program = makeVirtualEnv(root);
    QVERIFY(!program.isEmpty());
    QVERIFY(importedVersion(program, root).isEmpty()); // the interpreter agrees: no Alembic

    const AlembicInstallation found = AlembicDetector::detect(command(program), root, true);
    QVERIFY(!found.isKnown());
    QVERIFY2(found.note.contains(QStringLiteral("no Alembic")), qPrintable(found.note));
    QVERIFY2(found.describe().contains(QStringLiteral("unknown")), qPrintable(found.describe()));
}

QTEST_GUILESS_MAIN(tst_AlembicDetector)

#include "tst_AlembicDetector.moc"
