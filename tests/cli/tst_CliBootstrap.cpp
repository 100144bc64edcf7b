// retort-cli bootstrap as a user runs it, with the real Alembic (RETORT_PYTHON) on SQLite files and
// a throwaway PostgreSQL cluster: a database built with metadata.create_all() and a history that
// starts at 002 (its down_revision 001 was never generated) becomes a history `alembic upgrade
// heads` accepts, with the data intact; a fresh database upgrades through it to the models; nothing
// is written before the user agrees; the cases the flow cannot help are refused with the reason.

#include "core/common/Error.h"
#include "core/db/PgCluster.h"
#include "support/CliProcess.h"
#include "support/MigrationProject.h"
#include "support/TestTree.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

namespace {

using Run = test::ProcessRun;

QString describe(const Run& r)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(r.exitCode).arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

bool write(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray read(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// tests/data/bootstrap's 002, in which `downgrade()` raises.
QByteArray withFailingDowngrade(QByteArray text)
{
    const qsizetype at = text.indexOf("def downgrade():\n");
    return at < 0 ? QByteArray() : text.left(at) + "def downgrade():\n    raise RuntimeError('no way back from 002')\n";
}

} // namespace

class tst_CliBootstrap : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PgCluster m_cluster;
    int m_counter = 0;

    Run run(const QString& program, const QStringList& args, const QString& workdir, const QString& databaseUrl) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("cache")));
        env.remove(QStringLiteral("DATABASE_URL"));
        if (!databaseUrl.isEmpty())
            env.insert(QStringLiteral("DATABASE_URL"), databaseUrl);
        return test::runProcess(program, args, workdir, 300000, env);
    }

    // retort-cli with the database given as --url (never through the environment).
    Run cli(const QString& project, const QString& url, const QStringList& args) const
    {
        QStringList all{QStringLiteral("-p"), project, QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON),
                        QStringLiteral("--url"), url};
        return run(QStringLiteral(RETORT_CLI), all + args, project, {});
    }

    Run alembic(const QString& project, const QString& url, const QStringList& args) const
    {
        return run(QStringLiteral(RETORT_PYTHON), QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} + args, project, url);
    }

    Run python(const QString& project, const QString& url, const QString& code) const
    {
        return run(QStringLiteral(RETORT_PYTHON), {QStringLiteral("-c"), code}, project, url);
    }

    // tests/data/bootstrap (models, env.py, the template, 002 starting from the missing 001), with
    // 002 left out or changed, and further revision files.
    enum class First { Keep, Drop, FailingDowngrade };
    QString newProject(First first = First::Keep, const QMap<QString, QByteArray>& more = {})
    {
        const QString dir = m_dir.filePath(QStringLiteral("p%1").arg(++m_counter));
        if (!copyTree(QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bootstrap"), dir))
            return {};
        const QString second = dir + QStringLiteral("/migrations/versions/002_email.py");
        bool ok = true;
        if (first == First::Drop)
            ok = QFile::remove(second);
        else if (first == First::FailingDowngrade)
            ok = write(second, withFailingDowngrade(read(second)));
        for (auto it = more.cbegin(); it != more.cend(); ++it)
            ok = ok && write(dir + QStringLiteral("/migrations/versions/") + it.key(), it.value());
        return ok ? dir : QString();
    }

    static QByteArray fixture002()
    {
        return read(QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bootstrap/migrations/versions/002_email.py"));
    }

    QString newDatabase(const QString& dialect)
    {
        if (dialect == QLatin1String("sqlite"))
            return QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("db%1.db").arg(++m_counter));
        const QString name = QStringLiteral("db%1").arg(++m_counter);
        return m_cluster.createDatabase(name) ? m_cluster.url(name) : QString();
    }

    // What the user had: create_all() of the models (without the email column when `withoutEmail`)
    // and one row.
    bool createAll(const QString& project, const QString& url, bool withoutEmail)
    {
        QString code = QStringLiteral("import os, sqlalchemy as sa\nfrom models import metadata, users\n");
        if (withoutEmail)
            code += QStringLiteral("users._columns.remove(users.c.email)\nusers.indexes.clear()\n");
        code += QStringLiteral("e = sa.create_engine(os.environ['DATABASE_URL'])\nmetadata.create_all(e)\n"
                               "with e.begin() as c:\n    c.execute(sa.text(\"insert into users (id, name) values (7, 'ana')\"))\n");
        const Run r = python(project, url, code);
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(describe(r)));
        return r.exitCode == 0;
    }

    // The database's users rows and columns, as Python sees them.
    QString usersOf(const QString& project, const QString& url)
    {
        const Run r = python(project, url,
                             QStringLiteral("import os, sqlalchemy as sa\ne = sa.create_engine(os.environ['DATABASE_URL'])\n"
                                            "with e.connect() as c:\n"
                                            "    print(sorted(col['name'] for col in sa.inspect(c).get_columns('users')),"
                                            " c.execute(sa.text('select id, name from users')).fetchall())\n"));
        return QString::fromUtf8(r.out).trimmed();
    }

    QStringList versionFiles(const QString& project) const
    {
        return QDir(project + QStringLiteral("/migrations/versions")).entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
    }

    // --url, --scratch-on-server for PostgreSQL (the scratch database goes on the test's cluster).
    QStringList scratchOptions(const QString& dialect) const
    {
        return dialect == QLatin1String("postgresql") ? QStringList{QStringLiteral("--scratch-on-server")} : QStringList{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    }

    void theMissingInitialRevisionIsGeneratedShownThenWrittenAndStamped_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    void theMissingInitialRevisionIsGeneratedShownThenWrittenAndStamped()
    {
        QFETCH(QString, dialect);
        const QString project = newProject();
        QVERIFY(!project.isEmpty());
        const QString url = newDatabase(dialect);
        QVERIFY(!url.isEmpty());
        QVERIFY(createAll(project, url, false));
        const QString before = usersOf(project, url);
        QCOMPARE(before, QStringLiteral("['email', 'id', 'mood', 'name'] [(7, 'ana')]"));
        // Alembic refuses the history as it is.
        const Run refused = alembic(project, url, {QStringLiteral("heads")});
        QVERIFY2(refused.exitCode != 0 && refused.err.contains("001"), qPrintable(describe(refused)));
        const QByteArray original002 = read(project + QStringLiteral("/migrations/versions/002_email.py"));

        // The proposal: nothing written, every step said.
        const Run shown = cli(project, url, QStringList{QStringLiteral("--json"), QStringLiteral("bootstrap"), QStringLiteral("--rev-id"),
                                                        QStringLiteral("0001"), QStringLiteral("-m"), QStringLiteral("initial schema")}
                                                + scratchOptions(dialect));
        QVERIFY2(shown.exitCode == 0, qPrintable(describe(shown)));
        const QJsonObject proposal = shown.json();
        QCOMPARE(proposal.value(QStringLiteral("applied")).toBool(true), false);
        QCOMPARE(proposal.value(QStringLiteral("situation")).toString(), QStringLiteral("missing-first-revision"));
        QCOMPARE(proposal.value(QStringLiteral("missing")).toString(), QStringLiteral("001"));
        // The initial revision creates the schema 002 starts from: users without email, posts.
        const QString file = proposal.value(QStringLiteral("file")).toString();
        QVERIFY2(file.contains(QStringLiteral("op.create_table('users'")) && file.contains(QStringLiteral("op.create_table('posts'")),
                 qPrintable(file));
        QVERIFY2(!file.contains(QStringLiteral("'email'")), qPrintable(file));
        QVERIFY(file.contains(QStringLiteral("revision = '0001'")));
        QCOMPARE(proposal.value(QStringLiteral("initial_tables")).toArray().size(), 2);
        const QJsonObject relink = proposal.value(QStringLiteral("relink")).toObject();
        QCOMPARE(relink.value(QStringLiteral("needed")).toBool(), true);
        QCOMPARE(relink.value(QStringLiteral("before")).toString(), QStringLiteral("down_revision = '001'"));
        QCOMPARE(relink.value(QStringLiteral("after")).toString(), QStringLiteral("down_revision = '0001'"));
        QCOMPARE(proposal.value(QStringLiteral("verify_drift")).toArray().size(), 0);
        QCOMPARE(proposal.value(QStringLiteral("new_heads")).toArray(), QJsonArray{QStringLiteral("002")});
        QCOMPARE(proposal.value(QStringLiteral("stamp")).toString(), QStringLiteral("002"));
        QCOMPARE(versionFiles(project), QStringList{QStringLiteral("002_email.py")});
        QCOMPARE(read(project + QStringLiteral("/migrations/versions/002_email.py")), original002);
        QVERIFY2(alembic(project, url, {QStringLiteral("current")}).exitCode != 0, "nothing may be stamped yet");

        // Applying without consent to edit 002 is refused, and writes nothing.
        const Run noConsent = cli(project, url, QStringList{QStringLiteral("bootstrap"), QStringLiteral("--rev-id"), QStringLiteral("0001"),
                                                            QStringLiteral("--yes")}
                                                    + scratchOptions(dialect));
        QVERIFY2(noConsent.exitCode == 2 && noConsent.err.contains("--relink"), qPrintable(describe(noConsent)));
        QCOMPARE(versionFiles(project), QStringList{QStringLiteral("002_email.py")});

        // With consent: written, relinked, stamped; the database re-read says 002.
        const Run applied = cli(project, url, QStringList{QStringLiteral("--json"), QStringLiteral("bootstrap"), QStringLiteral("--rev-id"),
                                                          QStringLiteral("0001"), QStringLiteral("-m"), QStringLiteral("initial schema"),
                                                          QStringLiteral("--relink"), QStringLiteral("--yes")}
                                                  + scratchOptions(dialect));
        QVERIFY2(applied.exitCode == 0, qPrintable(describe(applied)));
        QCOMPARE(applied.json().value(QStringLiteral("stamped")).toString(), QStringLiteral("002"));
        QCOMPARE(applied.json().value(QStringLiteral("database_heads_after")).toArray(), QJsonArray{QStringLiteral("002")});
        QCOMPARE(versionFiles(project), (QStringList{QStringLiteral("0001_initial_schema.py"), QStringLiteral("002_email.py")}));
        const QByteArray relinked = read(project + QStringLiteral("/migrations/versions/002_email.py"));
        QVERIFY(relinked.contains("down_revision = '0001'\n") && relinked.contains("Revises: 0001\n"));
        // The file written is the one shown (the run that applies shows it too; only the Create
        // Date line differs from the first run's).
        const QByteArray written = read(project + QStringLiteral("/migrations/versions/0001_initial_schema.py"));
        QCOMPARE(QString::fromUtf8(written), applied.json().value(QStringLiteral("file")).toString());
        static const QRegularExpression createDate(QStringLiteral("Create Date: [^\n]*"));
        QCOMPARE(QString::fromUtf8(written).remove(createDate), QString(file).remove(createDate));

        // Alembic accepts it: one head, the database at it, upgrade heads runs nothing; data intact.
        const Run heads = alembic(project, url, {QStringLiteral("heads")});
        QVERIFY2(heads.exitCode == 0 && heads.out.startsWith("002 (head)"), qPrintable(describe(heads)));
        const Run current = alembic(project, url, {QStringLiteral("current")});
        QVERIFY2(current.exitCode == 0 && current.out.startsWith("002 (head)"), qPrintable(describe(current)));
        const Run upgrade = alembic(project, url, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(upgrade.exitCode == 0 && upgrade.err.contains("Will assume") && !upgrade.err.contains("Running upgrade"),
                 qPrintable(describe(upgrade)));
        QCOMPARE(usersOf(project, url), before);

        // A fresh database goes through the whole history to the models, and back to base.
        const QString fresh = newDatabase(dialect);
        const Run up = alembic(project, fresh, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(up.exitCode == 0 && up.err.contains("-> 0001") && up.err.contains("0001 -> 002"), qPrintable(describe(up)));
        const Run check = cli(project, fresh, {QStringLiteral("check")});
        QVERIFY2(check.exitCode == 0, qPrintable(describe(check)));
        // Down to base and up again (PostgreSQL: the enum type goes with the tables).
        const Run down = alembic(project, fresh, {QStringLiteral("downgrade"), QStringLiteral("base")});
        QVERIFY2(down.exitCode == 0, qPrintable(describe(down)));
        const Run again = alembic(project, fresh, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
        if (dialect == QLatin1String("postgresql"))
            QVERIFY(file.contains(QStringLiteral("op.execute('DROP TYPE IF EXISTS mood')")));

        if (dialect == QLatin1String("postgresql")) {
            QCOMPARE(test::scratchDatabasesOn(m_cluster), 0);
            for (const Run* r : {&shown, &noConsent, &applied}) {
                QVERIFY(!r->out.contains(m_cluster.password().toUtf8()));
                QVERIFY(!r->err.contains(m_cluster.password().toUtf8()));
            }
        }
    }

    // The database predates 002 (no email column): no stamp is proposed, the difference is shown;
    // stamping the initial revision by name lets `alembic upgrade heads` run 002 on the kept data.
    void aDatabaseOlderThanTheFirstRevisionIsStampedAtTheInitialOne()
    {
        const QString project = newProject();
        const QString url = newDatabase(QStringLiteral("sqlite"));
        QVERIFY(createAll(project, url, true));
        const Run shown = cli(project, url, {QStringLiteral("bootstrap"), QStringLiteral("--rev-id"), QStringLiteral("b00t")});
        QVERIFY2(shown.exitCode == 0, qPrintable(describe(shown)));
        QVERIFY2(shown.out.contains("No stamp: the database's schema differs"), qPrintable(describe(shown)));
        QVERIFY2(shown.out.contains("email"), qPrintable(describe(shown)));
        QVERIFY2(shown.out.contains("Nothing written. To apply exactly this: retort-cli bootstrap --rev-id b00t"), qPrintable(describe(shown)));

        const Run applied = cli(project, url, {QStringLiteral("bootstrap"), QStringLiteral("--rev-id"), QStringLiteral("b00t"),
                                               QStringLiteral("--relink"), QStringLiteral("--stamp"), QStringLiteral("b00t"),
                                               QStringLiteral("--yes")});
        QVERIFY2(applied.exitCode == 0, qPrintable(describe(applied)));
        QVERIFY2(applied.out.contains("its version table now holds b00t"), qPrintable(describe(applied)));
        const Run upgrade = alembic(project, url, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(upgrade.exitCode == 0 && upgrade.err.contains("b00t -> 002"), qPrintable(describe(upgrade)));
        QCOMPARE(usersOf(project, url), QStringLiteral("['email', 'id', 'mood', 'name'] [(7, 'ana')]"));
    }

    // No revisions at all: the initial revision creates the models, and needs no edit.
    void aProjectWithoutRevisionsGetsTheModelsAsItsFirstRevision()
    {
        const QString project = newProject(First::Drop);
        const QString url = newDatabase(QStringLiteral("sqlite"));
        QVERIFY(createAll(project, url, false));
        const Run applied = cli(project, url, {QStringLiteral("--json"), QStringLiteral("bootstrap"), QStringLiteral("--rev-id"),
                                               QStringLiteral("first"), QStringLiteral("--yes")});
        QVERIFY2(applied.exitCode == 0, qPrintable(describe(applied)));
        const QJsonObject out = applied.json();
        QCOMPARE(out.value(QStringLiteral("situation")).toString(), QStringLiteral("no-history"));
        QVERIFY(out.value(QStringLiteral("relink")).isNull());
        QVERIFY(out.value(QStringLiteral("file")).toString().contains(QStringLiteral("op.create_index('ix_users_email'")));
        QCOMPARE(out.value(QStringLiteral("stamped")).toString(), QStringLiteral("first"));
        const Run current = alembic(project, url, {QStringLiteral("current")});
        QVERIFY2(current.exitCode == 0 && current.out.startsWith("first (head)"), qPrintable(describe(current)));
    }

    // Naming the initial revision after the missing id connects the history without editing 002.
    void theMissingIdAsTheNewIdNeedsNoEdit()
    {
        const QString project = newProject();
        const QString url = newDatabase(QStringLiteral("sqlite"));
        QVERIFY(createAll(project, url, false));
        const QByteArray original = read(project + QStringLiteral("/migrations/versions/002_email.py"));
        const Run applied = cli(project, url, {QStringLiteral("bootstrap"), QStringLiteral("--rev-id"), QStringLiteral("001"),
                                               QStringLiteral("--yes")});
        QVERIFY2(applied.exitCode == 0, qPrintable(describe(applied)));
        QVERIFY2(applied.out.contains("002 already names 001 as its down_revision: no edit needed"), qPrintable(describe(applied)));
        QCOMPARE(read(project + QStringLiteral("/migrations/versions/002_email.py")), original);
        const Run heads = alembic(project, url, {QStringLiteral("history")});
        QVERIFY2(heads.exitCode == 0 && heads.out.contains("001 -> 002 (head)") && heads.out.contains("<base> -> 001"),
                 qPrintable(describe(heads)));
    }

    // What the flow cannot help with is refused with the reason, and nothing is written.
    void refusalsSayWhyAndWriteNothing()
    {
        const QString url = newDatabase(QStringLiteral("sqlite"));

        // A downgrade that fails on the models' schema: named, with its file.
        const QString broken = newProject(First::FailingDowngrade);
        QVERIFY(createAll(broken, url, false));
        const Run failed = cli(broken, url, {QStringLiteral("bootstrap"), QStringLiteral("--yes"), QStringLiteral("--relink")});
        QVERIFY2(failed.exitCode == 1, qPrintable(describe(failed)));
        QVERIFY2(failed.err.contains("no way back from 002") && failed.err.contains("002_email.py"), qPrintable(describe(failed)));
        QVERIFY2(!failed.err.contains("retort-bootstrap-"), qPrintable(describe(failed))); // the project's paths, not the copy's
        QCOMPARE(versionFiles(broken), QStringList{QStringLiteral("002_email.py")});

        // A whole history: nothing to bootstrap.
        QByteArray first = fixture002();
        first.replace("revision = '002'", "revision = '001'").replace("down_revision = '001'", "down_revision = None");
        const QString whole = newProject(First::Drop, {{QStringLiteral("001_email.py"), first}});
        const Run notNeeded = cli(whole, url, {QStringLiteral("bootstrap")});
        QVERIFY2(notNeeded.exitCode == 2 && notNeeded.err.contains("nothing to bootstrap"), qPrintable(describe(notNeeded)));

        // A revision missing in the middle is not an initial revision.
        QByteArray third = fixture002();
        third.replace("revision = '002'", "revision = '003'").replace("down_revision = '001'", "down_revision = 'gone'");
        const QString middle = newProject(First::Drop, {{QStringLiteral("001_email.py"), first}, {QStringLiteral("003_x.py"), third}});
        const Run blocked = cli(middle, url, {QStringLiteral("bootstrap")});
        QVERIFY2(blocked.exitCode == 2, qPrintable(describe(blocked)));
        QCOMPARE(versionFiles(middle), (QStringList{QStringLiteral("001_email.py"), QStringLiteral("003_x.py")}));
    }
};

QTEST_GUILESS_MAIN(tst_CliBootstrap)
#include "tst_CliBootstrap.moc"
