// ProjectScanner: which files Alembic reads, in a deterministic order, parsed in parallel.

#include "core/alembic/Project.h"
#include "core/alembic/ProjectLocator.h"
#include "core/alembic/ProjectScanner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

namespace {

bool write(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(content) == content.size();
}

QByteArray rev(const QString& id, const QString& down = {})
{
    return QStringLiteral("\"\"\"%1\"\"\"\nrevision = '%1'\ndown_revision = %2\n")
        .arg(id, down.isEmpty() ? QStringLiteral("None") : QLatin1Char('\'') + down + QLatin1Char('\''))
        .toUtf8();
}

QStringList fileNames(const ScanResult& r, const QString& root)
{
    QStringList out;
    for (const RevisionFile& f : r.files)
        out.append(QDir(root).relativeFilePath(f.path));
    return out;
}

ProjectConfig bare(const QString& dir, bool recursive)
{
    Result<ProjectConfig> c = ProjectLocator::forVersionsDir(dir, recursive);
    return c.ok() ? c.value() : ProjectConfig{};
}

} // namespace

class tst_ProjectScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void selection_data();
    void selection();
    void locationsAreReadInConfigOrder();
    void aMissingLocationIsReportedAndTheOthersStillLoad();
    void aMissingBareVersionsFolderIsAProblem();
    void aBadFileDoesNotStopTheOthers();
    void aFileReachableTwiceIsReadOnce();
    void compiledOnlyRevisionsAreReportedWhenSourceless();
    void orderIsDeterministicUnderParallelParsing();
    void tenThousandFilesLoadQuickly();
};

void tst_ProjectScanner::selection_data()
{
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<bool>("recursive");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("files are read in sorted file-name order, byte-wise like Python")
        << QStringList{QStringLiteral("b.py"), QStringLiteral("a.py"), QStringLiteral("B.py"), QStringLiteral("_u.py"),
                       QStringLiteral("10_x.py"), QStringLiteral("9_x.py"), QStringLiteral("\xC3\xA9t\xC3\xA9.py")}
        << false
        << QStringList{QStringLiteral("10_x.py"), QStringLiteral("9_x.py"), QStringLiteral("B.py"), QStringLiteral("_u.py"),
                       QStringLiteral("a.py"), QStringLiteral("b.py"), QStringLiteral("\xC3\xA9t\xC3\xA9.py")};
    QTest::newRow("__init__ files, editor lock files and non-.py files are skipped like Alembic")
        << QStringList{QStringLiteral("__init__.py"), QStringLiteral("__init__x.py"), QStringLiteral(".#a.py"),
                       QStringLiteral("a.pyc"), QStringLiteral("notes.txt"), QStringLiteral("a.py.bak"), QStringLiteral("a.py"),
                       QStringLiteral(".hidden.py"), QStringLiteral("_private.py")}
        << false << QStringList{QStringLiteral(".hidden.py"), QStringLiteral("_private.py"), QStringLiteral("a.py")};
    QTest::newRow("sub-folders are ignored unless recursive")
        << QStringList{QStringLiteral("a.py"), QStringLiteral("sub/b.py")} << false << QStringList{QStringLiteral("a.py")};
    QTest::newRow("recursive reads a folder's files first, then its sub-folders in sorted order")
        << QStringList{QStringLiteral("z.py"), QStringLiteral("b/2.py"), QStringLiteral("a/x/3.py"), QStringLiteral("a/1.py"),
                       QStringLiteral("a/__init__.py")}
        << true
        << QStringList{QStringLiteral("z.py"), QStringLiteral("a/1.py"), QStringLiteral("a/x/3.py"), QStringLiteral("b/2.py")};
    QTest::newRow("recursive skips __pycache__ folders")
        << QStringList{QStringLiteral("a.py"), QStringLiteral("__pycache__/a.cpython-311.py"), QStringLiteral("r1/__pycache__/b.py"),
                       QStringLiteral("r1/c.py")}
        << true << QStringList{QStringLiteral("a.py"), QStringLiteral("r1/c.py")};
    QTest::newRow("date-prefixed names in release folders keep their order")
        << QStringList{QStringLiteral("2022/contract/2022_02_19_205543_ae10_drop.py"),
                       QStringLiteral("2022/expand/2022_02_19_205543_ae11_add.py"),
                       QStringLiteral("2021/expand/2021_12_01_000000_aa00_init.py")}
        << true
        << QStringList{QStringLiteral("2021/expand/2021_12_01_000000_aa00_init.py"),
                       QStringLiteral("2022/contract/2022_02_19_205543_ae10_drop.py"),
                       QStringLiteral("2022/expand/2022_02_19_205543_ae11_add.py")};
}

void tst_ProjectScanner::selection()
{
    QFETCH(QStringList, present);
    QFETCH(bool, recursive);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    int n = 0;
    for (const QString& name : present)
        QVERIFY(write(dir.filePath(name), rev(QStringLiteral("r%1").arg(n++))));
    const ScanResult r = ProjectScanner::scan(bare(dir.path(), recursive));
    QCOMPARE(fileNames(r, dir.path()), expected);
    QVERIFY(r.problems.isEmpty());
    QCOMPARE(ProjectScanner::listRevisionFiles(bare(dir.path(), recursive)).size(), expected.size());
}

void tst_ProjectScanner::locationsAreReadInConfigOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(write(dir.filePath(QStringLiteral("alembic.ini")),
                  "[alembic]\nscript_location = alembic\nversion_path_separator = os\n"
                  "version_locations = %(here)s/zeta:%(here)s/alpha\n"));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("alembic"))));
    QVERIFY(write(dir.filePath(QStringLiteral("zeta/b.py")), rev(QStringLiteral("z1"))));
    QVERIFY(write(dir.filePath(QStringLiteral("alpha/a.py")), rev(QStringLiteral("a1"))));
    const Result<LoadedProject> p = loadProject(dir.path());
    QVERIFY2(p.ok(), p.ok() ? "" : qPrintable(p.error().toString()));
    QCOMPARE(p->files.size(), 2);
    QCOMPARE(p->files[0].revision, QStringLiteral("z1"));
    QCOMPARE(p->files[1].revision, QStringLiteral("a1"));
}

void tst_ProjectScanner::aMissingLocationIsReportedAndTheOthersStillLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(write(dir.filePath(QStringLiteral("alembic.ini")),
                  "[alembic]\nscript_location = alembic\nversion_path_separator = os\n"
                  "version_locations = %(here)s/gone:%(here)s/here\n"));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("alembic"))));
    QVERIFY(write(dir.filePath(QStringLiteral("here/a.py")), rev(QStringLiteral("a1"))));
    const Result<LoadedProject> p = loadProject(dir.path());
    QVERIFY2(p.ok(), p.ok() ? "" : qPrintable(p.error().toString()));
    QCOMPARE(p->files.size(), 1);
    QVERIFY(p->problems.isEmpty()); // Alembic skips a missing version_locations entry
    QCOMPARE(p->warnings.size(), 1);
    const Error& e = p->warnings.first();
    QCOMPARE(e.code, QStringLiteral("path-not-found"));
    QVERIFY2(e.path.endsWith(QLatin1String("/gone")), qPrintable(e.path));
    QVERIFY2(e.message.contains(QLatin1String("version_locations in ")), qPrintable(e.message));

    // A missing default versions folder (no version_locations) fails in Alembic: a problem naming script_location.
    QTemporaryDir dir2;
    QVERIFY(write(dir2.filePath(QStringLiteral("alembic.ini")), "[alembic]\nscript_location = alembic\n"));
    QVERIFY(QDir().mkpath(dir2.filePath(QStringLiteral("alembic"))));
    const Result<LoadedProject> p2 = loadProject(dir2.path());
    QVERIFY(p2.ok());
    QCOMPARE(p2->problems.size(), 1);
    QVERIFY2(p2->problems.first().message.contains(QLatin1String("script_location in ")), qPrintable(p2->problems.first().message));
    QVERIFY(p2->problems.first().path.endsWith(QLatin1String("alembic/versions")));
}

void tst_ProjectScanner::aMissingBareVersionsFolderIsAProblem()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ProjectConfig c = bare(dir.path(), false);
    QVERIFY(dir.remove());
    const ScanResult r = ProjectScanner::scan(c);
    QCOMPARE(r.problems.size(), 1);
    QCOMPARE(r.problems.first().code, QStringLiteral("path-not-found"));
    QVERIFY2(r.problems.first().message.contains(QLatin1String("--versions")), qPrintable(r.problems.first().message));
}

void tst_ProjectScanner::aBadFileDoesNotStopTheOthers()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(write(dir.filePath(QStringLiteral("a.py")), rev(QStringLiteral("a1"))));
    QVERIFY(write(dir.filePath(QStringLiteral("b_broken.py")), "revision = 'b1'\ndown_revision = ('a1'\n"));
    QVERIFY(write(dir.filePath(QStringLiteral("c_binary.py")), QByteArray("\x7f" "ELF\x00\x00\x01", 7)));
    QVERIFY(write(dir.filePath(QStringLiteral("d.py")), rev(QStringLiteral("d1"), QStringLiteral("a1"))));
    const ScanResult r = ProjectScanner::scan(bare(dir.path(), false));
    QCOMPARE(r.files.size(), 4);
    QCOMPARE(r.files[0].revision, QStringLiteral("a1"));
    QCOMPARE(r.files[3].revision, QStringLiteral("d1"));
    QVERIFY(r.files[0].problems.isEmpty());
    QVERIFY(r.files[3].problems.isEmpty());
    QCOMPARE(r.problems.size(), 2);
    QVERIFY(r.problems[0].path.endsWith(QLatin1String("b_broken.py")));
    QCOMPARE(r.problems[0].line, 2);
    QVERIFY(r.problems[1].path.endsWith(QLatin1String("c_binary.py")));
    QCOMPARE(r.problems[1].code, QStringLiteral("revision-file-encoding"));
}

void tst_ProjectScanner::aFileReachableTwiceIsReadOnce()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(write(dir.filePath(QStringLiteral("v/a.py")), rev(QStringLiteral("a1"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("v")), dir.filePath(QStringLiteral("alias"))));
    ProjectConfig c = bare(dir.filePath(QStringLiteral("v")), false);
    c.versionLocations.append(dir.filePath(QStringLiteral("alias")));
    c.versionLocationSources.append(QStringLiteral("test"));
    const ScanResult r = ProjectScanner::scan(c);
    QCOMPARE(r.files.size(), 1);
    QCOMPARE(r.warnings.size(), 1);
    QCOMPARE(r.warnings.first().code, QStringLiteral("file-loaded-twice"));
    QVERIFY(r.problems.isEmpty());
}

void tst_ProjectScanner::compiledOnlyRevisionsAreReportedWhenSourceless()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(write(dir.filePath(QStringLiteral("a.py")), rev(QStringLiteral("a1"))));
    QVERIFY(write(dir.filePath(QStringLiteral("a.pyc")), "\x00compiled"));
    QVERIFY(write(dir.filePath(QStringLiteral("b.pyc")), "\x00compiled"));
    QVERIFY(write(dir.filePath(QStringLiteral("__pycache__/a.cpython-311.pyc")), "\x00compiled"));
    QVERIFY(write(dir.filePath(QStringLiteral("__pycache__/c.cpython-311.pyc")), "\x00compiled"));
    ProjectConfig c = bare(dir.path(), false);
    ScanResult r = ProjectScanner::scan(c);
    QCOMPARE(r.files.size(), 1);
    QVERIFY(r.problems.isEmpty()); // not sourceless: compiled files are not Alembic's either

    c.sourceless = true;
    r = ProjectScanner::scan(c);
    QCOMPARE(r.files.size(), 1);
    QCOMPARE(r.problems.size(), 2);
    QCOMPARE(r.problems[0].code, QStringLiteral("revision-file-compiled-only"));
    QVERIFY2(r.problems[0].path.endsWith(QLatin1String("/__pycache__/c.cpython-311.pyc")), qPrintable(r.problems[0].path));
    QVERIFY2(r.problems[1].path.endsWith(QLatin1String("/b.pyc")), qPrintable(r.problems[1].path));
}

void tst_ProjectScanner::orderIsDeterministicUnderParallelParsing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList expected;
    for (int i = 0; i < 1500; ++i) {
        // reverse creation order so directory order differs from sorted order
        const QString id = QStringLiteral("r%1").arg(1499 - i, 4, 10, QLatin1Char('0'));
        QVERIFY(write(dir.filePath(id + QStringLiteral("_m.py")), rev(id)));
    }
    for (int i = 0; i < 1500; ++i)
        expected.append(QStringLiteral("r%1").arg(i, 4, 10, QLatin1Char('0')));
    for (int round = 0; round < 3; ++round) {
        const ScanResult r = ProjectScanner::scan(bare(dir.path(), false));
        QStringList got;
        for (const RevisionFile& f : r.files)
            got.append(f.revision);
        QCOMPARE(got, expected);
    }
}

void tst_ProjectScanner::tenThousandFilesLoadQuickly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const int count = 10000;
    qint64 bytes = 0;
    for (int i = 0; i < count; ++i) {
        const QString id = QStringLiteral("%1").arg(quint64(i) * 2654435761ULL % 0xFFFFFFFFFFULL, 12, 16, QLatin1Char('0'));
        const QString prev = i == 0 ? QString() : QStringLiteral("%1").arg(quint64(i - 1) * 2654435761ULL % 0xFFFFFFFFFFULL, 12, 16, QLatin1Char('0'));
        const QByteArray content =
            QStringLiteral("\"\"\"step %1\n\nRevision ID: %2\nRevises: %3\nCreate Date: 2024-01-01 00:00:00.000000\n\n\"\"\"\n"
                           "from typing import Sequence, Union\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n"
                           "# revision identifiers, used by Alembic.\nrevision: str = '%2'\n"
                           "down_revision: Union[str, None] = %4\nbranch_labels: Union[str, Sequence[str], None] = None\n"
                           "depends_on: Union[str, Sequence[str], None] = None\n\n\ndef upgrade() -> None:\n"
                           "    op.add_column('t%1', sa.Column('c', sa.String(length=50), nullable=True))\n\n\n"
                           "def downgrade() -> None:\n    op.drop_column('t%1', 'c')\n")
                .arg(i)
                .arg(id, prev, prev.isEmpty() ? QStringLiteral("None") : QLatin1Char('\'') + prev + QLatin1Char('\''))
                .toUtf8();
        bytes += content.size();
        QVERIFY(write(dir.filePath(QStringLiteral("%1_step_%2.py").arg(id).arg(i)), content));
    }
    // Warm the page cache like a second `heads` run, then take the best of three for the scan and
    // for a plain serial read of the same files (what `cat` does): the scan must stay within 3x
    // of reading (plus 100 ms of slack for a loaded CI machine); bench/ reports the real numbers.
    const ProjectConfig config = bare(dir.path(), false);
    const QStringList paths = ProjectScanner::listRevisionFiles(config);
    QCOMPARE(paths.size(), count);
    ProjectScanner::scan(config);
    qint64 bestScan = -1, bestRead = -1;
    for (int round = 0; round < 3; ++round) {
        QElapsedTimer timer;
        timer.start();
        const ScanResult r = ProjectScanner::scan(config);
        const qint64 scanNs = timer.nsecsElapsed();
        QCOMPARE(r.files.size(), count);
        QVERIFY(r.problems.isEmpty());
        bestScan = bestScan < 0 ? scanNs : std::min(bestScan, scanNs);

        timer.restart();
        qint64 total = 0;
        for (const QString& path : paths) {
            QFile f(path);
            if (f.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
                total += f.readAll().size();
        }
        const qint64 readNs = timer.nsecsElapsed();
        QCOMPARE(total, bytes);
        bestRead = bestRead < 0 ? readNs : std::min(bestRead, readNs);
    }
    const double scanMs = double(bestScan) / 1e6, readMs = double(bestRead) / 1e6;
    qInfo("%d files (%.1f MB): scan (list + read + parse, parallel) %.1f ms = %.0f files/s; serial read alone %.1f ms",
          count, double(bytes) / 1e6, scanMs, count / (scanMs / 1000.0), readMs);
    QVERIFY2(scanMs < 3 * readMs + 100, qPrintable(QStringLiteral("scan %1 ms vs read %2 ms").arg(scanMs).arg(readMs)));
}

QTEST_GUILESS_MAIN(tst_ProjectScanner)
#include "tst_ProjectScanner.moc"
