// ParseCache + ProjectScanner: a warm scan gives exactly what a cold scan gives, changed files are
// read again, racy entries are never trusted, a damaged cache is ignored and rewritten, and the
// cache can be turned off (--no-cache, RETORT_NO_CACHE=1).

#include "core/alembic/ParseCache.h"
#include "core/alembic/ProjectLocator.h"
#include "core/alembic/ProjectScanner.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstring>
#include <utility>

using namespace retort;

namespace {

constexpr int kFiles = 240; // above ParseCache::DefaultMinFiles: the CLI caches this project too

bool write(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(content) == content.size();
}

QByteArray validRevision(int k)
{
    const QByteArray id = QByteArray::number(0xa000 + k, 16) + "cafe";
    const QByteArray down = k == 0 ? QByteArray("None") : "'" + QByteArray::number(0xa000 + k - 1, 16) + "cafe'";
    QByteArray text = "\"\"\"revision " + QByteArray::number(k) + "\n\nSecond paragraph.\n\nRevision ID: " + id
        + "\nRevises: \nCreate Date: 2024-01-0" + QByteArray::number(1 + k % 9) + " 10:00:00\n\n\"\"\"\n";
    if (k % 7 == 0) // annotated assignments
        text += "revision: str = \"" + id + "\"\ndown_revision: Union[str, None] = " + down + "\n";
    else
        text += "revision = '" + id + "'\ndown_revision = " + down + "\n";
    if (k % 50 == 5)
        text += "branch_labels = ('label" + QByteArray::number(k) + "',)\n";
    if (k % 40 == 3 && k > 10)
        text += "depends_on = ['" + QByteArray::number(0xa000 + k - 5, 16) + "cafe']\n";
    text += "\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
    return text;
}

// Every kind of file the parser distinguishes, so every RevisionFile field is exercised.
QList<std::pair<QString, QByteArray>> oddFiles()
{
    return {
        { QStringLiteral("zz_syntax_error.py"), QByteArray("revision = 'broken\ndown_revision = None\n") },
        { QStringLiteral("zz_no_revision.py"), QByteArray("\"\"\"no revision\"\"\"\ndown_revision = None\n") },
        { QStringLiteral("zz_unresolved.py"),
            QByteArray("revision = 'f00d01'\ndown_revision = None\nbranch_labels = (cli.EXPAND_BRANCH,)\n") },
        { QStringLiteral("zz_not_utf8.py"), QByteArray("revision = 'f00d02'\ndown_revision = None\nx = '\xff\xfe'\n") },
        { QStringLiteral("zz_bom_crlf.py"),
            QByteArray("\xEF\xBB\xBF\"\"\"BOM and CRLF\r\n\r\nRevises: a, b\r\n\"\"\"\r\nrevision = \"f00d03\"\r\n"
                       "down_revision = None\r\n") },
        { QStringLiteral("zz_unicode_docstring.py"),
            QByteArray("\"\"\"Caf\xC3\xA9 \xF0\x9F\x9A\x80 d\xC3\xA9j\xC3\xA0 vu\"\"\"\nrevision = 'f00d04'\n"
                       "down_revision = None\n") },
        { QStringLiteral("zz_empty_docstring.py"),
            QByteArray("\"\"\"\"\"\"\nrevision = 'f00d05'\ndown_revision = None\n") },
        { QStringLiteral("zz_no_docstring_no_down.py"), QByteArray("revision = 'f00d06'\n") },
        { QStringLiteral("zz_bad_value.py"), QByteArray("revision = None\ndown_revision = None\n") },
        { QStringLiteral("zz_empty_depends_upgrade_only.py"),
            QByteArray("revision = 'f00d07'\ndown_revision = None\ndepends_on = \"\"\n\ndef upgrade():\n    pass\n") },
    };
}

bool writeProject(const QString& dir)
{
    for (int k = 0; k < kFiles; ++k) {
        if (!write(dir + QStringLiteral("/%1_rev.py").arg(k, 4, 10, QLatin1Char('0')), validRevision(k)))
            return false;
    }
    for (const auto& [name, content] : oddFiles()) {
        if (!write(dir + QLatin1Char('/') + name, content))
            return false;
    }
    return true;
}

ProjectConfig bare(const QString& dir)
{
    Result<ProjectConfig> c = ProjectLocator::forVersionsDir(dir, false);
    return c.ok() ? c.value() : ProjectConfig {};
}

ScanOptions cacheIn(const QString& cacheDir)
{
    ScanOptions o;
    o.cacheDir = cacheDir;
    return o;
}

QStringList cacheFiles(const QString& cacheDir)
{
    return QDir(cacheDir).entryList({ QStringLiteral("*.bin") }, QDir::Files);
}

// Entries are trusted only when the files are more than 2 s older than the cache file; moving the
// cache file's mtime forward stands in for waiting.
bool ageCache(const QString& cacheDir, int seconds = 60)
{
    const QStringList files = cacheFiles(cacheDir);
    if (files.size() != 1)
        return false;
    QFile f(cacheDir + QLatin1Char('/') + files.first());
    return f.open(QIODevice::ReadWrite)
        && f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(seconds), QFileDevice::FileModificationTime);
}

QString describe(const Error& e)
{
    return QStringList { e.code, e.message, e.hint, e.path, QString::number(e.line),
        QString::number(int(e.code.isNull())), QString::number(int(e.message.isNull())),
        QString::number(int(e.hint.isNull())), QString::number(int(e.path.isNull())) }
        .join(QLatin1Char('|'));
}

QString nullness(const QString& s)
{
    return s.isNull() ? QStringLiteral("null") : QStringLiteral("not null");
}

// Field by field, with the file name in every message.
void compareFiles(const ScanResult& cold, const ScanResult& warm)
{
    QCOMPARE(warm.files.size(), cold.files.size());
    for (qsizetype i = 0; i < cold.files.size(); ++i) {
        const RevisionFile& a = cold.files[i];
        const RevisionFile& b = warm.files[i];
        const QByteArray where = a.fileName.toUtf8();
        QVERIFY2(b.path == a.path, where);
        QVERIFY2(b.fileName == a.fileName, where);
        QVERIFY2(b.revision == a.revision, where);
        QVERIFY2(b.downRevisions == a.downRevisions, where);
        QVERIFY2(b.branchLabels == a.branchLabels, where);
        QVERIFY2(b.dependsOn == a.dependsOn, where);
        QVERIFY2(b.docstring == a.docstring, where);
        QVERIFY2(nullness(b.docstring) == nullness(a.docstring), where);
        QVERIFY2(b.message == a.message, where);
        QVERIFY2(nullness(b.message) == nullness(a.message), where);
        QVERIFY2(b.createDate == a.createDate, where);
        QVERIFY2(b.revisesHeader == a.revisesHeader, where);
        QVERIFY2(b.hasRevisesHeader == a.hasRevisesHeader, where);
        QVERIFY2(b.revisionLine == a.revisionLine, where);
        QVERIFY2(b.downRevisionLine == a.downRevisionLine, where);
        QVERIFY2(b.branchLabelsLine == a.branchLabelsLine, where);
        QVERIFY2(b.dependsOnLine == a.dependsOnLine, where);
        QVERIFY2(b.hasDownRevision == a.hasDownRevision, where);
        QVERIFY2(b.emptyDependsOn == a.emptyDependsOn, where);
        QVERIFY2(b.lacksUpgrade == a.lacksUpgrade, where);
        QVERIFY2(b.lacksDowngrade == a.lacksDowngrade, where);
        QVERIFY2(b.unresolved.size() == a.unresolved.size(), where);
        for (qsizetype k = 0; k < a.unresolved.size(); ++k) {
            QVERIFY2(b.unresolved[k].name == a.unresolved[k].name, where);
            QVERIFY2(b.unresolved[k].expression == a.unresolved[k].expression, where);
            QVERIFY2(b.unresolved[k].line == a.unresolved[k].line, where);
        }
        QVERIFY2(b.problems.size() == a.problems.size(), where);
        for (qsizetype k = 0; k < a.problems.size(); ++k)
            QCOMPARE(describe(b.problems[k]), describe(a.problems[k]));
    }
    QCOMPARE(warm.problems.size(), cold.problems.size());
    for (qsizetype k = 0; k < cold.problems.size(); ++k)
        QCOMPARE(describe(warm.problems[k]), describe(cold.problems[k]));
}

ScanResult uncached(const QString& dir)
{
    ScanOptions o;
    o.useCache = false;
    return ProjectScanner::scan(bare(dir), o);
}

} // namespace

class tst_ParseCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void aWarmScanEqualsAColdScanFieldByField();
    void theGeneratedProjectCoversEveryKindOfFile();
    void aFileRewrittenWithTheSameSizeIsReadAgain();
    void aScanWithLessTextLeavesOutOnlyThatText_data();
    void aScanWithLessTextLeavesOutOnlyThatText();
    void entriesInsideTheRacyWindowAreNeverTrusted();
    void aRacyEntryIsTrustedAfterTheCacheIsRewritten();
    void deletedAddedAndRenamedFilesAreReflected();
    void theFolderStampStandsInForTheListingOnlyWhileItHolds();
    void aDamagedCacheIsIgnoredAndRewritten_data();
    void aDamagedCacheIsIgnoredAndRewritten();
    void anUnwritableCacheFolderStillGivesCorrectResults();
    void smallLocationsAndDisabledCachesWriteNoFile();
    void cachesOfDeletedFoldersArePruned();
    void retortCliHonoursNoCacheAndTheEnvironment();

private:
    QTemporaryDir m_tmp;
    QString m_project;
    QString m_cache;
    ScanResult m_cold;
};

void tst_ParseCache::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    m_project = m_tmp.filePath(QStringLiteral("versions"));
    QVERIFY(writeProject(m_project));
    m_cold = uncached(m_project);
    QCOMPARE(m_cold.files.size(), kFiles + qsizetype(oddFiles().size()));
}

void tst_ParseCache::init()
{
    ParseCache::setEnabled(true);
    qunsetenv("RETORT_NO_CACHE");
    m_cache = m_tmp.filePath(QStringLiteral("cache-%1").arg(QString::fromLatin1(QTest::currentTestFunction())));
    QDir(m_cache).removeRecursively();
    QDir(m_project).removeRecursively();
    QVERIFY(writeProject(m_project));
}

void tst_ParseCache::aWarmScanEqualsAColdScanFieldByField()
{
    const ScanResult first = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(first.reusedFromCache, 0);
    QCOMPARE(cacheFiles(m_cache).size(), 1);
    compareFiles(m_cold, first);

    QVERIFY(ageCache(m_cache));
    const ScanResult warm = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(warm.reusedFromCache, int(m_cold.files.size()));
    compareFiles(m_cold, warm);
}

void tst_ParseCache::theGeneratedProjectCoversEveryKindOfFile()
{
    // The comparison above is only as good as its input: problems, unresolved values, null and
    // empty docstrings, Revises headers and every line number must be present.
    QStringList codes;
    bool unresolved = false, noDoc = false, emptyDoc = false, revises = false, labels = false, depends = false;
    for (const RevisionFile& f : std::as_const(m_cold.files)) {
        for (const Error& e : f.problems)
            codes << e.code;
        unresolved = unresolved || !f.unresolved.isEmpty();
        noDoc = noDoc || (f.docstring.isEmpty() && f.fileName == QLatin1String("zz_no_docstring_no_down.py"));
        emptyDoc = emptyDoc || (f.docstring.isEmpty() && f.fileName == QLatin1String("zz_empty_docstring.py"));
        revises = revises || (f.hasRevisesHeader && !f.revisesHeader.isEmpty());
        labels = labels || (f.branchLabelsLine > 0 && !f.branchLabels.isEmpty());
        depends = depends || (f.dependsOnLine > 0 && !f.dependsOn.isEmpty());
    }
    for (const char* code : { "revision-file-syntax", "revision-file-no-revision", "revision-file-encoding",
             "revision-file-no-down-revision", "revision-file-bad-value" })
        QVERIFY2(codes.contains(QLatin1String(code)), code);
    QVERIFY(unresolved);
    QVERIFY(noDoc);
    QVERIFY(emptyDoc);
    QVERIFY(revises);
    QVERIFY(labels);
    QVERIFY(depends);
    bool emptyDepends = false, lacksBoth = false, lacksDowngradeOnly = false;
    for (const RevisionFile& f : std::as_const(m_cold.files)) {
        emptyDepends = emptyDepends || f.emptyDependsOn;
        lacksBoth = lacksBoth || (f.lacksUpgrade && f.lacksDowngrade);
        lacksDowngradeOnly = lacksDowngradeOnly || (!f.lacksUpgrade && f.lacksDowngrade);
    }
    QVERIFY(emptyDepends);
    QVERIFY(lacksBoth);
    QVERIFY(lacksDowngradeOnly);
}

void tst_ParseCache::aFileRewrittenWithTheSameSizeIsReadAgain()
{
    ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QVERIFY(ageCache(m_cache));

    const QString path = m_project + QStringLiteral("/0100_rev.py");
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();
    QByteArray after = before;
    after.replace("a064cafe", "b064cafe"); // the id of revision 100, same length
    QVERIFY(after != before);
    QCOMPARE(after.size(), before.size());
    QVERIFY(write(path, after));

    const ScanResult warm = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(warm.reusedFromCache, int(m_cold.files.size()) - 1);
    compareFiles(uncached(m_project), warm);
    QCOMPARE(warm.files[100].revision, QStringLiteral("b064cafe"));
}

void tst_ParseCache::aScanWithLessTextLeavesOutOnlyThatText_data()
{
    QTest::addColumn<CachedText>("text");
    QTest::newRow("no text: no docstring, message, create date or Revises: header") << CachedText::None;
    QTest::newRow("the summary: the message and create date, no docstring or Revises: header") << CachedText::Summary;
}

void tst_ParseCache::aScanWithLessTextLeavesOutOnlyThatText()
{
    QFETCH(CachedText, text);
    ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QVERIFY(ageCache(m_cache));
    ScanOptions lean = cacheIn(m_cache);
    lean.text = text;
    auto withoutText = [text](ScanResult r) {
        for (RevisionFile& f : r.files) {
            f.docstring = QString();
            f.revisesHeader.clear();
            if (text == CachedText::None) {
                f.message = QString();
                f.createDate = QString();
            }
        }
        return r;
    };
    const ScanResult warm = ProjectScanner::scan(bare(m_project), lean);
    QCOMPARE(warm.reusedFromCache, int(m_cold.files.size()));
    compareFiles(withoutText(m_cold), warm);
    QVERIFY(!m_cold.files[3].docstring.isEmpty());
    QCOMPARE(warm.files[3].message.isEmpty(), text == CachedText::None);

    // A lean scan that rewrites the cache (one file changed) still writes every file's text: a
    // later full scan gets it from the cache.
    const QString path = m_project + QStringLiteral("/0100_rev.py");
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    QVERIFY(f.write("\n# edited\n") > 0);
    f.close();
    const ScanResult partly = ProjectScanner::scan(bare(m_project), lean);
    QCOMPARE(partly.reusedFromCache, int(m_cold.files.size()) - 1);
    const ScanResult cold = uncached(m_project);
    ScanResult expected = withoutText(cold);
    expected.files[100] = cold.files[100]; // parsed afresh: with its text
    compareFiles(expected, partly);
    QVERIFY(ageCache(m_cache));
    const ScanResult full = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(full.reusedFromCache, int(m_cold.files.size()));
    compareFiles(cold, full);
}

void tst_ParseCache::entriesInsideTheRacyWindowAreNeverTrusted()
{
    // Files written just now, cache written just now: every entry is inside the 2 s window (a
    // same-size rewrite in the same clock tick would keep its stamp), so none is reused.
    ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    const ScanResult again = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(again.reusedFromCache, 0);
    compareFiles(m_cold, again);

    // Aged cache, then one file touched so that its mtime is within 2 s of the cache's: that file
    // is read again, the others are reused.
    QVERIFY(ageCache(m_cache));
    const QString path = m_project + QStringLiteral("/0007_rev.py");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(59), QFileDevice::FileModificationTime));
    }
    const ScanResult touched = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(touched.reusedFromCache, int(m_cold.files.size()) - 1);
    compareFiles(m_cold, touched);
}

void tst_ParseCache::aRacyEntryIsTrustedAfterTheCacheIsRewritten()
{
    ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    const QString cacheFile = m_cache + QLatin1Char('/') + cacheFiles(m_cache).value(0);
    const QDateTime written = QFileInfo(cacheFile).lastModified();
    // Once the files are older than the window, the next scan reads them again (the old cache
    // cannot vouch for them) and rewrites the cache, which then can.
    QThread::msleep(2200);
    const ScanResult second = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(second.reusedFromCache, 0);
    QVERIFY(QFileInfo(cacheFile).lastModified() > written);
    const ScanResult third = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(third.reusedFromCache, int(m_cold.files.size()));
    compareFiles(m_cold, third);
}

void tst_ParseCache::deletedAddedAndRenamedFilesAreReflected()
{
    ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QVERIFY(ageCache(m_cache));

    QVERIFY(QFile::remove(m_project + QStringLiteral("/0050_rev.py")));
    QVERIFY(QFile::rename(m_project + QStringLiteral("/0060_rev.py"), m_project + QStringLiteral("/0060_renamed.py")));
    QVERIFY(write(
        m_project + QStringLiteral("/0061a_added.py"), QByteArray("revision = 'add001'\ndown_revision = None\n")));

    const ScanResult warm = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QVERIFY(!warm.listedFromCache); // the folder changed: listed again
    const ScanResult truth = uncached(m_project);
    compareFiles(truth, warm);
    QCOMPARE(warm.files.size(), m_cold.files.size());
    QCOMPARE(warm.reusedFromCache, int(m_cold.files.size()) - 2); // the renamed and the added file
    QStringList names;
    for (const RevisionFile& f : warm.files)
        names << f.fileName;
    QVERIFY(!names.contains(QStringLiteral("0050_rev.py")));
    QVERIFY(!names.contains(QStringLiteral("0060_rev.py")));
    QVERIFY(names.contains(QStringLiteral("0060_renamed.py")));
    QVERIFY(names.contains(QStringLiteral("0061a_added.py")));

    // The rewritten cache knows the new listing.
    QVERIFY(ageCache(m_cache));
    const ScanResult again = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(again.reusedFromCache, int(m_cold.files.size()));
    QVERIFY(again.listedFromCache);
    compareFiles(truth, again);
}

void tst_ParseCache::theFolderStampStandsInForTheListingOnlyWhileItHolds()
{
    // Written just now, the folder's stamp is inside the racy window: the folder is listed.
    QVERIFY(!ProjectScanner::scan(bare(m_project), cacheIn(m_cache)).listedFromCache);
    const ScanResult racy = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QVERIFY(!racy.listedFromCache);
    compareFiles(m_cold, racy);

    QVERIFY(ageCache(m_cache));
    const ScanResult trusted = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QVERIFY(trusted.listedFromCache);
    QCOMPARE(trusted.reusedFromCache, int(m_cold.files.size()));
    compareFiles(m_cold, trusted);

    // A file's content changes, the folder does not: the listing still comes from the cache, the
    // file is read again.
    QFile edited(m_project + QStringLiteral("/0100_rev.py"));
    QVERIFY(edited.open(QIODevice::Append));
    QVERIFY(edited.write("\n# edited\n") > 0);
    edited.close();
    const ScanResult contentChanged = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QVERIFY(contentChanged.listedFromCache);
    QCOMPARE(contentChanged.reusedFromCache, int(m_cold.files.size()) - 1);
    compareFiles(uncached(m_project), contentChanged);

    // Any new entry changes the folder, even one that is no revision file: listed again.
    QVERIFY(ageCache(m_cache));
    QVERIFY(ProjectScanner::scan(bare(m_project), cacheIn(m_cache)).listedFromCache);
    QVERIFY(write(m_project + QStringLiteral("/README"), QByteArray("notes\n")));
    const ScanResult folderChanged = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QVERIFY(!folderChanged.listedFromCache);
    compareFiles(uncached(m_project), folderChanged);

    // A recursive location has folders below it: always listed.
    ProjectConfig recursive = bare(m_project);
    recursive.recursiveVersionLocations = true;
    const QString recursiveCache = m_cache + QStringLiteral("-recursive");
    ProjectScanner::scan(recursive, cacheIn(recursiveCache));
    QVERIFY(ageCache(recursiveCache));
    QVERIFY(!ProjectScanner::scan(recursive, cacheIn(recursiveCache)).listedFromCache);
}

void tst_ParseCache::aDamagedCacheIsIgnoredAndRewritten_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("a cache cut in half is ignored") << QStringLiteral("truncate");
    QTest::newRow("a cache with random bytes in the middle is ignored") << QStringLiteral("random");
    QTest::newRow("a cache of random bytes only is ignored") << QStringLiteral("garbage");
    QTest::newRow("a cache of another format version is ignored") << QStringLiteral("version");
    QTest::newRow("a cache written for another folder is ignored") << QStringLiteral("foreign");
    QTest::newRow("an empty cache file is ignored") << QStringLiteral("empty");
}

void tst_ParseCache::aDamagedCacheIsIgnoredAndRewritten()
{
    QFETCH(QString, damage);
    ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    const QString cacheFile = m_cache + QLatin1Char('/') + cacheFiles(m_cache).value(0);
    QFile f(cacheFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    QVERIFY(bytes.size() > 10000);

    QRandomGenerator random(42);
    if (damage == QLatin1String("truncate")) {
        bytes.truncate(bytes.size() / 2);
    } else if (damage == QLatin1String("random")) {
        for (qsizetype k = bytes.size() / 2; k < bytes.size() / 2 + 64; ++k)
            bytes[k] = char(random.bounded(256));
    } else if (damage == QLatin1String("garbage")) {
        for (char& c : bytes)
            c = char(random.bounded(256));
    } else if (damage == QLatin1String("version")) {
        const quint32 other = ParseCache::FormatVersion + 1;
        std::memcpy(bytes.data() + 8, &other, sizeof(other));
    } else if (damage == QLatin1String("foreign")) {
        // A valid cache of another folder with the same file names, copied over this one.
        const QString otherProject = m_tmp.filePath(QStringLiteral("other-versions"));
        QVERIFY(writeProject(otherProject));
        const QString otherCache = m_tmp.filePath(QStringLiteral("other-cache"));
        ProjectScanner::scan(bare(otherProject), cacheIn(otherCache));
        QFile o(otherCache + QLatin1Char('/') + cacheFiles(otherCache).value(0));
        QVERIFY(o.open(QIODevice::ReadOnly));
        bytes = o.readAll();
    } else {
        bytes.clear();
    }
    QVERIFY(write(cacheFile, bytes));
    QVERIFY(ageCache(m_cache));

    const ScanResult damaged = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(damaged.reusedFromCache, 0);
    compareFiles(m_cold, damaged);

    // Rewritten: whole and usable again.
    QVERIFY(ageCache(m_cache));
    const ScanResult repaired = ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(repaired.reusedFromCache, int(m_cold.files.size()));
    compareFiles(m_cold, repaired);
}

void tst_ParseCache::anUnwritableCacheFolderStillGivesCorrectResults()
{
    // A folder below a regular file cannot be created, whoever runs the test (root included).
    const QString blocker = m_tmp.filePath(QStringLiteral("not-a-folder"));
    QVERIFY(write(blocker, "x"));
    const QString impossible = blocker + QStringLiteral("/cache");
    const ScanResult first = ProjectScanner::scan(bare(m_project), cacheIn(impossible));
    compareFiles(m_cold, first);
    QCOMPARE(first.reusedFromCache, 0);
    QVERIFY(!QFileInfo::exists(impossible));
    const ScanResult second = ProjectScanner::scan(bare(m_project), cacheIn(impossible));
    compareFiles(m_cold, second);
}

void tst_ParseCache::smallLocationsAndDisabledCachesWriteNoFile()
{
    ScanOptions small = cacheIn(m_cache);
    small.minFilesForCache = int(m_cold.files.size()) + 1;
    compareFiles(m_cold, ProjectScanner::scan(bare(m_project), small));
    QVERIFY(cacheFiles(m_cache).isEmpty());

    ScanOptions off = cacheIn(m_cache);
    off.useCache = false;
    compareFiles(m_cold, ProjectScanner::scan(bare(m_project), off));
    QVERIFY(cacheFiles(m_cache).isEmpty());

    ParseCache::setEnabled(false);
    compareFiles(m_cold, ProjectScanner::scan(bare(m_project), cacheIn(m_cache)));
    QVERIFY(cacheFiles(m_cache).isEmpty());
    ParseCache::setEnabled(true);

    qputenv("RETORT_NO_CACHE", "1");
    compareFiles(m_cold, ProjectScanner::scan(bare(m_project), cacheIn(m_cache)));
    QVERIFY(cacheFiles(m_cache).isEmpty());
    qputenv("RETORT_NO_CACHE", "0"); // "0" means: cache on
    ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    QCOMPARE(cacheFiles(m_cache).size(), 1);
    qunsetenv("RETORT_NO_CACHE");
}

void tst_ParseCache::cachesOfDeletedFoldersArePruned()
{
    // Two more projects share the cache folder; one of them is then deleted (a temporary folder).
    const QString kept = m_tmp.filePath(QStringLiteral("kept-versions"));
    const QString gone = m_tmp.filePath(QStringLiteral("gone-versions"));
    QVERIFY(writeProject(kept));
    QVERIFY(writeProject(gone));
    ProjectScanner::scan(bare(kept), cacheIn(m_cache));
    ProjectScanner::scan(bare(gone), cacheIn(m_cache));
    QCOMPARE(cacheFiles(m_cache).size(), 2);
    const QString goneFile
        = QFileInfo(ParseCache::fileFor(m_cache, gone, QFileInfo(gone).canonicalFilePath(), false)).fileName();
    QVERIFY(cacheFiles(m_cache).contains(goneFile));
    QVERIFY(QDir(gone).removeRecursively());

    // The next cache written into the folder removes the orphan and keeps the live one.
    ProjectScanner::scan(bare(m_project), cacheIn(m_cache));
    const QStringList left = cacheFiles(m_cache);
    QCOMPARE(left.size(), 2);
    QVERIFY(!left.contains(goneFile));
}

void tst_ParseCache::retortCliHonoursNoCacheAndTheEnvironment()
{
    // retort-cli keeps its cache under $XDG_CACHE_HOME; each run gets a fresh one.
    auto run = [this](const QString& xdg, const QStringList& extra, bool noCacheEnv, QByteArray* out,
                   QByteArray* err = nullptr) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), xdg);
        env.remove(QStringLiteral("RETORT_NO_CACHE"));
        if (noCacheEnv)
            env.insert(QStringLiteral("RETORT_NO_CACHE"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(RETORT_CLI),
            extra
                + QStringList {
                    QStringLiteral("--json"), QStringLiteral("--versions"), m_project, QStringLiteral("history") });
        if (!p.waitForFinished(60000))
            return -1;
        *out = p.readAllStandardOutput();
        if (err)
            *err = p.readAllStandardError();
        return p.exitCode();
    };
    auto cacheFilesUnder = [](const QString& root) {
        QStringList found;
        for (const QFileInfo& info : QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            for (const QFileInfo& app : QDir(info.absoluteFilePath()).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
                found << cacheFiles(app.absoluteFilePath() + QStringLiteral("/parse"));
        }
        return found;
    };
    // The odd files make `history` fail (exit 2) with the first file problem: same answer either way.
    const QString xdgNoFlag = m_tmp.filePath(QStringLiteral("xdg-flag"));
    const QString xdgNoEnv = m_tmp.filePath(QStringLiteral("xdg-env"));
    const QString xdgOn = m_tmp.filePath(QStringLiteral("xdg-on"));
    QByteArray flagOut, envOut, onOut, warmOut;
    const int flagRc = run(xdgNoFlag, { QStringLiteral("--no-cache") }, false, &flagOut);
    const int envRc = run(xdgNoEnv, {}, true, &envOut);
    const int onRc = run(xdgOn, {}, false, &onOut);
    QVERIFY(flagRc >= 0);
    QCOMPARE(envRc, flagRc);
    QCOMPARE(onRc, flagRc);
    QCOMPARE(envOut, flagOut);
    QCOMPARE(onOut, flagOut);
    QVERIFY2(cacheFilesUnder(xdgNoFlag).isEmpty(), "--no-cache wrote a cache file");
    QVERIFY2(cacheFilesUnder(xdgNoEnv).isEmpty(), "RETORT_NO_CACHE=1 wrote a cache file");
    QCOMPARE(cacheFilesUnder(xdgOn).size(), 1);

    // And a cache that makes the answer of a valid project: the same bytes, warm or cold.
    for (const auto& [name, content] : oddFiles())
        QVERIFY(QFile::remove(m_project + QLatin1Char('/') + name));
    QByteArray coldOut;
    QCOMPARE(run(xdgOn, { QStringLiteral("--no-cache") }, false, &coldOut), 0);
    QThread::msleep(2200); // past the racy window: the next run rewrites, the one after reuses
    QCOMPARE(run(xdgOn, {}, false, &warmOut), 0);
    QCOMPARE(warmOut, coldOut);
    QByteArray log;
    QCOMPARE(run(xdgOn, { QStringLiteral("-v") }, false, &warmOut, &log), 0);
    QCOMPARE(warmOut, coldOut);
    const QByteArray reused
        = "parse cache: " + QByteArray::number(kFiles) + " of " + QByteArray::number(kFiles) + " files reused";
    QVERIFY2(log.contains(reused), log.constData());
    QVERIFY(coldOut.contains("\"revision\":\"a000cafe\""));
}

QTEST_GUILESS_MAIN(tst_ParseCache)
#include "tst_ParseCache.moc"
