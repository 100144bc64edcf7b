// HeadsCache: a lookup hits only for exactly the files and stamps the heads were saved for, never
// inside the racy window, never from a damaged or foreign file; and retort-cli heads answers the
// same bytes from the cache as without it, through edits that add heads, break the project or
// bring a warning.

#include "core/alembic/HeadsCache.h"
#include "core/alembic/ParseCache.h"
#include "core/alembic/ProjectLocator.h"
#include "core/alembic/ProjectScanner.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace retort;

namespace {

constexpr int kFiles = 240; // above ParseCache::DefaultMinFiles

bool write(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QByteArray idOf(int k)
{
    return QByteArray::number(0xb000 + k, 16) + "beef";
}

// A chain 0..199, a labelled branch 200..238 off revision 100, and revision 239 off 50 that
// revision 120 depends on: heads 199 "(head)", 238 "(feature) (head)", 239 "(effective head)".
QByteArray revisionFile(int k)
{
    int down = k - 1;
    if (k == 200)
        down = 100;
    if (k == kFiles - 1)
        down = 50;
    QByteArray text = "\"\"\"revision " + QByteArray::number(k) + "\"\"\"\nrevision = '" + idOf(k) + "'\n";
    text += "down_revision = " + (k == 0 ? QByteArray("None") : "'" + idOf(down) + "'") + "\n";
    if (k == 200)
        text += "branch_labels = ('feature',)\n";
    if (k == 120)
        text += "depends_on = '" + idOf(kFiles - 1) + "'\n";
    return text + "\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

QString fileName(int k)
{
    return QStringLiteral("%1_rev.py").arg(k, 4, 10, QLatin1Char('0'));
}

bool writeProject(const QString& dir)
{
    for (int k = 0; k < kFiles; ++k) {
        if (!write(dir + QLatin1Char('/') + fileName(k), revisionFile(k)))
            return false;
    }
    return true;
}

ProjectSurvey surveyOf(const QString& dir)
{
    const Result<ProjectConfig> config = ProjectLocator::forVersionsDir(dir, false);
    return config.ok() ? ProjectScanner::survey(config.value()) : ProjectSurvey {};
}

QVector<HeadsCache::Head> someHeads()
{
    return {
        HeadsCache::Head { QStringLiteral("b0c7beef"), {}, true },
        HeadsCache::Head { QStringLiteral("b0eebeef"), { QStringLiteral("feature"), QStringLiteral("x\u00e9") }, true },
        HeadsCache::Head { QStringLiteral("b0efbeef"), {}, false },
    };
}

bool setMtime(const QString& path, const QDateTime& when)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.setFileTime(when, QFileDevice::FileModificationTime);
}

// Entries are trusted only when the files are more than 2 s older than the heads file; moving the
// heads file's mtime forward stands in for waiting.
bool age(const QString& file)
{
    return setMtime(file, QDateTime::currentDateTimeUtc().addSecs(60));
}

QStringList headsFilesUnder(const QString& root)
{
    QStringList found;
    QDirIterator it(root, { QStringLiteral("*.bin") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).absolutePath().endsWith(QLatin1String("/heads")))
            found << path;
    }
    return found;
}

} // namespace

class tst_HeadsCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void aSavedAnswerIsFoundForTheSameFiles();
    void aJustWrittenAnswerIsRacy();
    void anyChangeToTheFilesIsAMiss_data();
    void anyChangeToTheFilesIsAMiss();
    void aDamagedOrForeignFileIsAMiss_data();
    void aDamagedOrForeignFileIsAMiss();
    void aPlainFolderKeepingItsStampIsNotListedAgain_data();
    void aPlainFolderKeepingItsStampIsNotListedAgain();
    void smallOrTroubledProjectsAreNotWorthCaching();
    void anUnwritableFolderOnlyCostsTheSpeedUp();
    void retortCliHeadsAnswersTheSameWithAndWithoutTheCache();

private:
    QTemporaryDir m_tmp;
    QString m_project;
    QString m_file;
};

void tst_HeadsCache::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
}

void tst_HeadsCache::init()
{
    const QString name = QString::fromLatin1(QTest::currentTestFunction());
    m_project = m_tmp.filePath(name + QStringLiteral("/versions"));
    QDir(m_project).removeRecursively();
    QVERIFY(writeProject(m_project));
    m_file = HeadsCache::fileFor(m_tmp.filePath(name + QStringLiteral("/cache")), surveyOf(m_project));
}

void tst_HeadsCache::aSavedAnswerIsFoundForTheSameFiles()
{
    const ProjectSurvey survey = surveyOf(m_project);
    QCOMPARE(survey.files.size(), kFiles);
    QCOMPARE(survey.stamps.size(), kFiles);
    QVERIFY(HeadsCache::isWorthCaching(survey));
    QCOMPARE(HeadsCache::lookup(m_file, survey).status, HeadsCache::Status::Miss); // nothing saved yet
    QVERIFY(HeadsCache::save(m_file, survey, someHeads()));
    QVERIFY(age(m_file));

    const HeadsCache::Lookup hit = HeadsCache::lookup(m_file, surveyOf(m_project));
    QCOMPARE(hit.status, HeadsCache::Status::Hit);
    QCOMPARE(hit.heads, someHeads());
    // No heads at all is an answer too (an empty project cannot get here, a cycle-free one can).
    QVERIFY(HeadsCache::save(m_file, survey, {}));
    QVERIFY(age(m_file));
    const HeadsCache::Lookup none = HeadsCache::lookup(m_file, survey);
    QCOMPARE(none.status, HeadsCache::Status::Hit);
    QVERIFY(none.heads.isEmpty());
}

void tst_HeadsCache::aJustWrittenAnswerIsRacy()
{
    // A file written in the same instant as the heads file could have changed without changing its
    // stamp: only a later heads file makes the answer trustworthy.
    const QString fresh = m_project + QLatin1Char('/') + fileName(7);
    QVERIFY(write(fresh, revisionFile(7)));
    const ProjectSurvey survey = surveyOf(m_project);
    QVERIFY(HeadsCache::save(m_file, survey, someHeads()));
    QCOMPARE(HeadsCache::lookup(m_file, survey).status, HeadsCache::Status::Racy);
    QVERIFY(!HeadsCache::wouldTrustIfSavedNow(survey));
    QVERIFY(age(m_file));
    QCOMPARE(HeadsCache::lookup(m_file, survey).status, HeadsCache::Status::Hit);
}

void tst_HeadsCache::anyChangeToTheFilesIsAMiss_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("same size, new content") << QStringLiteral("rewrite");
    QTest::newRow("one byte more") << QStringLiteral("append");
    QTest::newRow("a file added") << QStringLiteral("add");
    QTest::newRow("a file removed") << QStringLiteral("remove");
    QTest::newRow("a file renamed") << QStringLiteral("rename");
    QTest::newRow("only the mtime") << QStringLiteral("touch");
}

void tst_HeadsCache::anyChangeToTheFilesIsAMiss()
{
    QFETCH(QString, change);
    QVERIFY(HeadsCache::save(m_file, surveyOf(m_project), someHeads()));
    QVERIFY(age(m_file));
    QCOMPARE(HeadsCache::lookup(m_file, surveyOf(m_project)).status, HeadsCache::Status::Hit);

    const QString target = m_project + QLatin1Char('/') + fileName(42);
    if (change == QLatin1String("rewrite")) {
        QByteArray content = revisionFile(42);
        content.replace("revision 42", "revision XY");
        QVERIFY(write(target, content));
    } else if (change == QLatin1String("append")) {
        QVERIFY(write(target, revisionFile(42) + "\n"));
    } else if (change == QLatin1String("add")) {
        QVERIFY(write(m_project + QStringLiteral("/9999_extra.py"), revisionFile(kFiles)));
    } else if (change == QLatin1String("remove")) {
        QVERIFY(QFile::remove(target));
    } else if (change == QLatin1String("rename")) {
        QVERIFY(QFile::rename(target, m_project + QStringLiteral("/0042_renamed.py")));
    } else {
        QVERIFY(setMtime(target, QDateTime::currentDateTimeUtc().addDays(-3)));
    }
    QCOMPARE(HeadsCache::lookup(m_file, surveyOf(m_project)).status, HeadsCache::Status::Miss);
}

void tst_HeadsCache::aPlainFolderKeepingItsStampIsNotListedAgain_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<bool>("listingKept");
    QTest::newRow("nothing") << QString() << true;
    QTest::newRow("a file's content") << QStringLiteral("rewrite") << true;
    QTest::newRow("a file added") << QStringLiteral("add") << false;
    QTest::newRow("a file removed") << QStringLiteral("remove") << false;
    QTest::newRow("a file renamed") << QStringLiteral("rename") << false;
    QTest::newRow("a folder added") << QStringLiteral("mkdir") << false;
}

void tst_HeadsCache::aPlainFolderKeepingItsStampIsNotListedAgain()
{
    QFETCH(QString, change);
    QFETCH(bool, listingKept);
    const Result<ProjectConfig> config = ProjectLocator::forVersionsDir(m_project, false);
    QVERIFY(config.ok());
    const ProjectSurvey survey = ProjectScanner::survey(config.value());
    QVERIFY(survey.folder.isValid());
    QVERIFY(HeadsCache::save(m_file, survey, someHeads()));
    // Just written: the folder's stamp is too recent to stand for its entries.
    ProjectSurvey recorded;
    QVERIFY(!HeadsCache::lookupRecorded(m_file, *ProjectScanner::plainLocation(config.value()), &recorded));
    QVERIFY(recorded.files.isEmpty());
    QVERIFY(age(m_file));

    const QString target = m_project + QLatin1Char('/') + fileName(42);
    if (change == QLatin1String("rewrite")) {
        QByteArray content = revisionFile(42);
        content.replace("revision 42", "revision XY");
        QVERIFY(write(target, content));
    } else if (change == QLatin1String("add")) {
        QVERIFY(write(m_project + QStringLiteral("/9999_extra.py"), revisionFile(kFiles)));
    } else if (change == QLatin1String("remove")) {
        QVERIFY(QFile::remove(target));
    } else if (change == QLatin1String("rename")) {
        QVERIFY(QFile::rename(target, m_project + QStringLiteral("/0042_renamed.py")));
    } else if (change == QLatin1String("mkdir")) {
        QVERIFY(QDir(m_project).mkdir(QStringLiteral("sub")));
    }
    const std::optional<ProjectSurvey> location = ProjectScanner::plainLocation(config.value());
    QVERIFY(location);
    const std::optional<HeadsCache::Lookup> looked = HeadsCache::lookupRecorded(m_file, *location, &recorded);
    QCOMPARE(looked.has_value(), listingKept);
    if (!looked)
        return;
    // The recorded listing is the listing; the files' own stamps still decide.
    QCOMPARE(recorded.files, surveyOf(m_project).files);
    QCOMPARE(recorded.stamps.size(), recorded.files.size());
    QCOMPARE(looked->status, change.isEmpty() ? HeadsCache::Status::Hit : HeadsCache::Status::Miss);
    if (change.isEmpty())
        QCOMPARE(looked->heads, someHeads());
}

void tst_HeadsCache::aDamagedOrForeignFileIsAMiss_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("a flipped byte") << QStringLiteral("flip");
    QTest::newRow("truncated") << QStringLiteral("truncate");
    QTest::newRow("empty") << QStringLiteral("empty");
    QTest::newRow("another format version") << QStringLiteral("version");
    QTest::newRow("not a heads cache") << QStringLiteral("junk");
    QTest::newRow("another project's file") << QStringLiteral("foreign");
}

void tst_HeadsCache::aDamagedOrForeignFileIsAMiss()
{
    QFETCH(QString, damage);
    const ProjectSurvey survey = surveyOf(m_project);
    QVERIFY(HeadsCache::save(m_file, survey, someHeads()));
    QFile f(m_file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    if (damage == QLatin1String("flip")) {
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x20);
    } else if (damage == QLatin1String("truncate")) {
        bytes.chop(9);
    } else if (damage == QLatin1String("empty")) {
        bytes.clear();
    } else if (damage == QLatin1String("version")) {
        const quint32 other = HeadsCache::FormatVersion + 1;
        std::memcpy(bytes.data() + 8, &other, sizeof(other));
    } else if (damage == QLatin1String("junk")) {
        bytes = QByteArray(bytes.size(), 'x');
    } else {
        // A valid heads file of another folder with the same files, copied over this one.
        const QString other = m_tmp.filePath(QStringLiteral("other-versions"));
        QDir(other).removeRecursively();
        QVERIFY(writeProject(other));
        const QString otherFile = m_tmp.filePath(QStringLiteral("other.bin"));
        QVERIFY(HeadsCache::save(otherFile, surveyOf(other), someHeads()));
        QFile o(otherFile);
        QVERIFY(o.open(QIODevice::ReadOnly));
        bytes = o.readAll();
    }
    QVERIFY(write(m_file, bytes));
    QVERIFY(age(m_file));
    const HeadsCache::Lookup lookup = HeadsCache::lookup(m_file, survey);
    QCOMPARE(lookup.status, HeadsCache::Status::Miss);
    QVERIFY(lookup.heads.isEmpty());
}

void tst_HeadsCache::smallOrTroubledProjectsAreNotWorthCaching()
{
    QVERIFY(HeadsCache::isWorthCaching(surveyOf(m_project)));
    // Below ParseCache::DefaultMinFiles files, reading them costs less than the cache.
    for (int k = ParseCache::DefaultMinFiles - 1; k < kFiles; ++k)
        QVERIFY(QFile::remove(m_project + QLatin1Char('/') + fileName(k)));
    QVERIFY(!HeadsCache::isWorthCaching(surveyOf(m_project)));
    // A listing with a warning (a version location that does not exist) is never cached: a hit
    // would not repeat the warning.
    QVERIFY(writeProject(m_project));
    Result<ProjectConfig> config = ProjectLocator::forVersionsDir(m_project, false);
    QVERIFY(config.ok());
    ProjectConfig withMissing = config.value();
    withMissing.versionLocations << m_tmp.filePath(QStringLiteral("does-not-exist"));
    withMissing.versionLocationsExplicit = true;
    const ProjectSurvey troubled = ProjectScanner::survey(withMissing);
    QCOMPARE(troubled.files.size(), kFiles);
    QVERIFY(!troubled.warnings.isEmpty());
    QVERIFY(!HeadsCache::isWorthCaching(troubled));
    // A listing without stamps cannot be looked up.
    ProjectSurvey unstamped = surveyOf(m_project);
    unstamped.stamps.clear();
    QVERIFY(!HeadsCache::isWorthCaching(unstamped));
    QCOMPARE(HeadsCache::lookup(m_file, unstamped).status, HeadsCache::Status::Miss);
}

void tst_HeadsCache::anUnwritableFolderOnlyCostsTheSpeedUp()
{
    const QString blocker = m_tmp.filePath(QStringLiteral("a-file-not-a-folder"));
    QVERIFY(write(blocker, "x"));
    const QString file = HeadsCache::fileFor(blocker + QStringLiteral("/cache"), surveyOf(m_project));
    QVERIFY(!HeadsCache::save(file, surveyOf(m_project), someHeads()));
    QCOMPARE(HeadsCache::lookup(file, surveyOf(m_project)).status, HeadsCache::Status::Miss);
}

void tst_HeadsCache::retortCliHeadsAnswersTheSameWithAndWithoutTheCache()
{
    const QString xdg = m_tmp.filePath(QStringLiteral("xdg"));
    auto run = [&](const QStringList& args, QByteArray* out, QByteArray* err = nullptr) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), xdg);
        env.remove(QStringLiteral("RETORT_NO_CACHE"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(RETORT_CLI), QStringList { QStringLiteral("--versions"), m_project } + args);
        if (!p.waitForFinished(60000))
            return -1;
        *out = p.readAllStandardOutput();
        if (err)
            *err = p.readAllStandardError();
        return p.exitCode();
    };
    // Both output forms, without the cache and then through it; the heads file is aged after every
    // run that may have written it, so the next run may trust it.
    auto expectSameAnswers = [&](int expectedExit, bool expectHit) {
        for (const QStringList& form : { QStringList { QStringLiteral("heads") },
                 QStringList { QStringLiteral("--json"), QStringLiteral("heads") } }) {
            QByteArray cold, coldErr, first, firstErr, second, secondErr;
            QCOMPARE(run(QStringList { QStringLiteral("--no-cache") } + form, &cold, &coldErr), expectedExit);
            QCOMPARE(run(form, &first, &firstErr), expectedExit);
            for (const QString& file : headsFilesUnder(xdg))
                QVERIFY(age(file));
            QCOMPARE(run(QStringList { QStringLiteral("-v") } + form, &second, &secondErr), expectedExit);
            QCOMPARE(first, cold);
            QCOMPARE(second, cold);
            QCOMPARE(firstErr, coldErr);
            QCOMPARE(secondErr.contains("heads cache: "), expectHit);
        }
    };

    QByteArray out;
    QCOMPARE(run({ QStringLiteral("heads") }, &out), 0);
    QCOMPARE(out,
        QByteArray(idOf(199) + " (head)\n" + idOf(238) + " (feature) (head)\n" + idOf(kFiles - 1)
            + " (effective head)\n"));
    QCOMPARE(headsFilesUnder(xdg).size(), 1);
    expectSameAnswers(0, true);

    // A new revision on the chain: the old answer must not come back.
    QVERIFY(write(m_project + QStringLiteral("/0300_new.py"),
        "revision = 'c0ffee01'\ndown_revision = '" + idOf(199) + "'\n\ndef upgrade():\n    pass\n\n"
        "def downgrade():\n    pass\n"));
    QCOMPARE(run({ QStringLiteral("heads") }, &out), 0);
    QCOMPARE(out,
        QByteArray(idOf(238) + " (feature) (head)\n" + idOf(kFiles - 1) + " (effective head)\nc0ffee01 (head)\n"));
    expectSameAnswers(0, true);

    // A broken file: the project fails exactly as without the cache, and nothing is cached.
    const QByteArray broken = "revision = 'c0ffee02\ndown_revision = None\n";
    QVERIFY(write(m_project + QStringLiteral("/0301_broken.py"), broken));
    expectSameAnswers(2, false);

    // Mended: the files are those of the last clean answer again, which is used.
    QVERIFY(QFile::remove(m_project + QStringLiteral("/0301_broken.py")));
    expectSameAnswers(0, true);

    // The answer belongs to the Alembic whose rules made it: `down_revision = ''` is a base for
    // 1.8.1 and a reference to a missing revision from 1.9, so 1.8.1's cached heads must not answer
    // for 1.19.1.
    QVERIFY(write(m_project + QStringLiteral("/0302_empty.py"),
        "revision = 'c0ffee03'\ndown_revision = ''\n\ndef upgrade():\n    pass\n\n"
        "def downgrade():\n    pass\n"));
    const QStringList old { QStringLiteral("--alembic-version"), QStringLiteral("1.8.1"), QStringLiteral("heads") };
    QCOMPARE(run(old, &out), 0);
    for (const QString& file : headsFilesUnder(xdg))
        QVERIFY(age(file));
    QByteArray err;
    QCOMPARE(run(QStringList { QStringLiteral("-v") } + old, &out, &err), 0);
    QVERIFY2(err.contains("heads cache: "), err.constData()); // 1.8.1's answer is cached
    QCOMPARE(run({ QStringLiteral("--alembic-version"), QStringLiteral("1.19.1"), QStringLiteral("heads") }, &out, &err), 2);
    QVERIFY2(err.contains("Revision  referenced from c0ffee03 is not present"), err.constData());
}

QTEST_GUILESS_MAIN(tst_HeadsCache)
#include "tst_HeadsCache.moc"
