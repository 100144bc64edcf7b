// retort-cli at the edges (issue #14), as a user runs it:
//  - odd version folders give the same verdict as `alembic heads` (Debian's 1.8.1): an
//    unreadable folder or file, a loop of symbolic links, a link to nothing, a FIFO and a folder
//    named like a revision file fail with Alembic's error (a FIFO without hanging), a file name
//    that is not UTF-8 is read;
//  - nothing hangs on a lock: `current` and the version read before `upgrade --timeout` end with a
//    clear error while another session holds alembic_version (PostgreSQL and SQLite);
//  - a revision id Alembic would write unescaped is refused before anything runs (upgrade, stamp),
//    is a doctor error, and `merge --rev-id ../../x` writes nothing.

#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"
#include "support/TestTree.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace retort;

namespace {

struct Run
{
    int exitCode = -1; // -1: crashed; -2: still running after the limit (killed)
    QString out;
    QString err;
    qint64 elapsedMs = 0;
    [[nodiscard]] QString all() const { return out + err; }
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

// Runs a program; as the unprivileged user `nobody` when `asNobody` (the tests run as root in CI,
// and root reads a folder without permissions anyway).
Run run(const QString& program, const QStringList& args, const QString& workdir, bool asNobody = false, int limitMs = 60000)
{
    QProcess process;
    process.setWorkingDirectory(workdir);
    if (asNobody && ::geteuid() == 0)
        process.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"), program} + args);
    else
        process.start(program, args);
    QElapsedTimer clock;
    clock.start();
    Run r;
    if (!process.waitForFinished(limitMs)) {
        process.kill();
        process.waitForFinished();
        r.exitCode = -2;
    } else {
        r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    r.elapsedMs = clock.elapsed();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

Run cli(const QStringList& args, const QString& workdir, bool asNobody = false, int limitMs = 60000)
{
    return run(QStringLiteral(RETORT_CLI), args, workdir, asNobody, limitMs);
}

Run alembic(const QStringList& args, const QString& workdir, bool asNobody = false, int limitMs = 60000)
{
    return run(QStringLiteral(RETORT_PYTHON), QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} + args, workdir, asNobody,
               limitMs);
}

QString describe(const Run& r)
{
    return QStringLiteral("exit %1 after %2 ms\nstdout: %3\nstderr: %4").arg(r.exitCode).arg(r.elapsedMs).arg(r.out.left(1500), r.err.right(1500));
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray revisionFile(const QByteArray& id, const QByteArray& down)
{
    return "\"\"\"" + id + "\"\"\"\nrevision = \"" + id + "\"\ndown_revision = " + (down.isEmpty() ? QByteArray("None") : "\"" + down + "\"")
           + "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";
}

// A project with alembic.ini, migrations/env.py and one revision aaa.
void writeProject(const QString& root)
{
    writeFile(root + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = %(here)s/migrations\n");
    writeFile(root + QStringLiteral("/migrations/env.py"), "from alembic import context\n");
    writeFile(root + QStringLiteral("/migrations/versions/aaa_first.py"), revisionFile("aaa", {}));
}

} // namespace

class tst_CliEdges : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PgCluster m_cluster;
    int m_counter = 0;

    QString newProject()
    {
        const QString root = m_dir.filePath(QStringLiteral("p%1").arg(++m_counter));
        writeProject(root);
        return root;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // `nobody` must reach the projects (QTemporaryDir makes a private folder).
        QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                                         | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    }

    void cleanupTestCase() { m_cluster.stop(); }

    void oddTreesAnswerLikeAlembic_data()
    {
        QTest::addColumn<QString>("oddity");
        QTest::addColumn<bool>("alembicFails");
        QTest::addColumn<QString>("alembicSays"); // in Alembic's output
        QTest::addColumn<QString>("retortSays");  // in Retort's error message

        QTest::newRow("an unreadable versions folder") << "unreadable-folder" << true << "PermissionError: [Errno 13] Permission denied"
                                                       << "PermissionError: [Errno 13] Permission denied";
        QTest::newRow("an unreadable revision file") << "unreadable-file" << true << "PermissionError: [Errno 13] Permission denied"
                                                     << "PermissionError: [Errno 13] Permission denied";
        QTest::newRow("a loop of symbolic links") << "link-loop" << true << "Can't find Python file" << "Can't find Python file";
        QTest::newRow("a symbolic link to nothing") << "dangling-link" << true << "Can't find Python file" << "Can't find Python file";
        QTest::newRow("a folder named like a revision file") << "folder" << true << "IsADirectoryError: [Errno 21] Is a directory"
                                                             << "IsADirectoryError: [Errno 21] Is a directory";
        // Alembic blocks forever on it (killed after 5 s here); Retort must not.
        QTest::newRow("a FIFO named like a revision file") << "fifo" << true << "" << "not a regular file (a FIFO)";
        QTest::newRow("a file name that is not UTF-8") << "latin1-name" << false << "bbb (head)" << "";
    }

    void oddTreesAnswerLikeAlembic()
    {
        QFETCH(QString, oddity);
        QFETCH(bool, alembicFails);
        QFETCH(QString, alembicSays);
        QFETCH(QString, retortSays);

        const QString root = newProject();
        const QString versions = root + QStringLiteral("/migrations/versions");
        const QByteArray native = QFile::encodeName(versions);
        bool asNobody = false;
        // Permissions are given back however the test ends (QTemporaryDir must remove the tree).
        struct Restore
        {
            QByteArray path;
            ~Restore()
            {
                if (!path.isEmpty())
                    ::chmod(path.constData(), 0755);
            }
        } restore;
        if (oddity == QLatin1String("unreadable-folder")) {
            restore.path = native;
            QVERIFY(::chmod(native.constData(), 0) == 0);
            asNobody = true;
        } else if (oddity == QLatin1String("unreadable-file")) {
            restore.path = native + "/aaa_first.py";
            QVERIFY(::chmod(restore.path.constData(), 0) == 0);
            asNobody = true;
        } else if (oddity == QLatin1String("link-loop")) {
            QVERIFY(::symlink("loop_b.py", QByteArray(native + "/loop_a.py").constData()) == 0);
            QVERIFY(::symlink("loop_a.py", QByteArray(native + "/loop_b.py").constData()) == 0);
        } else if (oddity == QLatin1String("dangling-link")) {
            QVERIFY(::symlink("gone.py", QByteArray(native + "/bbb_gone.py").constData()) == 0);
        } else if (oddity == QLatin1String("folder")) {
            QVERIFY(QDir().mkpath(versions + QStringLiteral("/x.py")));
        } else if (oddity == QLatin1String("fifo")) {
            QVERIFY(::mkfifo(QByteArray(native + "/x.py").constData(), 0644) == 0);
        } else if (oddity == QLatin1String("latin1-name")) {
            const QByteArray name = native + "/bbb_caf\xe9.py";
            QFile file;
            const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            QVERIFY(fd >= 0);
            QVERIFY(file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle));
            file.write(revisionFile("bbb", "aaa"));
            file.close();
        }

        const Run reference = alembic({QStringLiteral("heads")}, root, asNobody, 5000);
        if (oddity == QLatin1String("fifo")) {
            QCOMPARE(reference.exitCode, -2); // Alembic hangs
        } else {
            QVERIFY2((reference.exitCode != 0) == alembicFails, qPrintable(describe(reference)));
            QVERIFY2(reference.all().contains(alembicSays), qPrintable(describe(reference)));
        }

        for (const QStringList& command : {QStringList{QStringLiteral("heads")}, QStringList{QStringLiteral("history")}}) {
            const Run retort = cli(QStringList{QStringLiteral("--no-cache"), QStringLiteral("--json")} + command, root, asNobody, 20000);
            QVERIFY2(retort.elapsedMs < 15000, qPrintable(describe(retort)));
            if (alembicFails) {
                QVERIFY2(retort.exitCode == 2, qPrintable(describe(retort)));
                const QString message = retort.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
                QVERIFY2(message.contains(retortSays), qPrintable(describe(retort)));
            } else {
                QVERIFY2(retort.exitCode == 0, qPrintable(describe(retort)));
            }
        }
        if (!alembicFails) {
            const Run heads = cli({QStringLiteral("heads")}, root, asNobody);
            QCOMPARE(heads.out.trimmed(), reference.out.trimmed());
        }

        // The doctor names the file or folder instead of calling the project healthy.
        const Run doctor = cli({QStringLiteral("--json"), QStringLiteral("doctor")}, root, asNobody, 20000);
        QVERIFY2(doctor.elapsedMs < 15000, qPrintable(describe(doctor)));
        if (alembicFails) {
            QVERIFY2(doctor.exitCode != 0, qPrintable(describe(doctor)));
            QVERIFY2(doctor.all().contains(retortSays.section(QLatin1Char('('), 0, 0).trimmed()), qPrintable(describe(doctor)));
        }
    }

    void currentDoesNotHangOnALock_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("PostgreSQL: LOCK TABLE alembic_version") << true;
        QTest::newRow("SQLite: BEGIN EXCLUSIVE") << false;
    }

    // Another session holds alembic_version: `current` answers with a clear error within its
    // lock timeout (5 s), and `upgrade --timeout 2` gives up on its version read within 2 s.
    void currentDoesNotHangOnALock()
    {
        QFETCH(bool, postgres);
        QString url;
        if (postgres) {
            const QString db = QStringLiteral("locked%1").arg(++m_counter);
            QVERIFY(m_cluster.createDatabase(db).ok());
            QVERIFY(m_cluster.psqlAsUser(QStringLiteral("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
                                                        "INSERT INTO alembic_version VALUES ('1f0c3b7a9d01')"),
                                         db)
                        .ok());
            url = m_cluster.url(db);
        } else {
            const QString file = m_dir.filePath(QStringLiteral("locked%1.db").arg(++m_counter));
            QVERIFY(writeSqliteFile(file, {QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"),
                                           QStringLiteral("INSERT INTO alembic_version VALUES ('1f0c3b7a9d01')")})
                        .ok());
            url = QStringLiteral("sqlite:///") + file;
        }
        const QString project = m_dir.filePath(QStringLiteral("linear%1").arg(m_counter));
        QVERIFY(copyTree(QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bridge/linear"), project));

        LockHolder lock(url, postgres ? QStringList{QStringLiteral("BEGIN"), QStringLiteral("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")}
                                      : QStringList{QStringLiteral("BEGIN EXCLUSIVE")},
                        20000);
        QVERIFY2(lock.holding(), qPrintable(lock.error()));

        const Run current = cli({QStringLiteral("--url"), url, QStringLiteral("--json"), QStringLiteral("current")}, m_dir.path());
        QVERIFY2(current.exitCode == 1 && current.elapsedMs < 9000, qPrintable(describe(current)));
        const QJsonObject error = current.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("db-lock-timeout"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("waited too long for a lock")),
                 qPrintable(describe(current)));

        const Run upgrade = cli({QStringLiteral("-p"), project, QStringLiteral("--url"), url, QStringLiteral("upgrade"), QStringLiteral("heads"),
                                 QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON)},
                                project);
        QVERIFY2(upgrade.exitCode == 1 && upgrade.elapsedMs < 6000, qPrintable(describe(upgrade)));
        QVERIFY2(upgrade.err.contains(QStringLiteral("waited too long for a lock")), qPrintable(describe(upgrade)));
        lock.release();
    }

    void unsafeRevisionIdsAreRefused()
    {
        const QString root = newProject();
        // Alembic loads it; its INSERT INTO alembic_version would end the string at the quote.
        QVERIFY(writeFile(root + QStringLiteral("/migrations/versions/bbb_evil.py"), revisionFile("b'); DELETE FROM t; /*", "aaa")));
        const QString db = root + QStringLiteral("/app.db");
        const QString url = QStringLiteral("sqlite:///") + db;

        const Run heads = cli({QStringLiteral("heads")}, root);
        QVERIFY2(heads.exitCode == 0 && heads.out.contains(QStringLiteral("b'); DELETE FROM t; /*")), qPrintable(describe(heads)));
        QVERIFY2(heads.err.contains(QStringLiteral("a quote")), qPrintable(describe(heads)));

        for (const QStringList& command : {QStringList{QStringLiteral("upgrade"), QStringLiteral("heads")},
                                           QStringList{QStringLiteral("stamp"), QStringLiteral("heads")}}) {
            const Run refused = cli(QStringList{QStringLiteral("--url"), url, QStringLiteral("--json")} + command, root);
            QVERIFY2(refused.exitCode == 2, qPrintable(describe(refused)));
            QCOMPARE(refused.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                     QStringLiteral("unsafe-revision-id"));
            QVERIFY2(!QFileInfo::exists(db) || QFileInfo(db).size() == 0, "nothing ran");
        }

        const Run doctor = cli({QStringLiteral("--json"), QStringLiteral("doctor")}, root);
        QCOMPARE(doctor.exitCode, 1);
        bool found = false;
        for (const QJsonValue& v : doctor.json().value(QStringLiteral("findings")).toArray()) {
            const QJsonObject f = v.toObject();
            found = found || (f.value(QStringLiteral("id")).toString() == QLatin1String("graph-invalid-id")
                              && f.value(QStringLiteral("severity")).toString() == QLatin1String("error"));
        }
        QVERIFY2(found, qPrintable(describe(doctor)));
    }

    void mergeRevisionIdsMayNotLeaveTheProject_data()
    {
        QTest::addColumn<QString>("revId");
        QTest::newRow("a path two folders up") << "../../x";
        QTest::newRow("an absolute path") << "/tmp/x";
        QTest::newRow("a quote") << "x'y";
    }

    void mergeRevisionIdsMayNotLeaveTheProject()
    {
        QFETCH(QString, revId);
        const QString root = newProject();
        QVERIFY(writeFile(root + QStringLiteral("/migrations/versions/bbb.py"), revisionFile("bbb", "aaa")));
        QVERIFY(writeFile(root + QStringLiteral("/migrations/versions/ccc.py"), revisionFile("ccc", "aaa")));
        QVERIFY(QFile::copy(QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bridge/linear/migrations/script.py.mako"),
                            root + QStringLiteral("/migrations/script.py.mako")));
        const QStringList before = QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        const Run merge = cli({QStringLiteral("--json"), QStringLiteral("merge"), QStringLiteral("-m"), QStringLiteral("join"),
                               QStringLiteral("--rev-id"), revId, QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON)},
                              root);
        QVERIFY2(merge.exitCode == 2, qPrintable(describe(merge)));
        QCOMPARE(merge.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("invalid-revision-id"));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
        QCOMPARE(QDir(root + QStringLiteral("/migrations/versions")).entryList(QDir::Files).size(), 3);
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/x_join.py")));
    }
};

QTEST_GUILESS_MAIN(tst_CliEdges)
#include "tst_CliEdges.moc"
