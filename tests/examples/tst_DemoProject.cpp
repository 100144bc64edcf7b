// The bundled demo project (examples/cityscope) is a real Alembic project: the real Alembic migrates
// it up and down, one revision at a time and all at once, on SQLite and on PostgreSQL, online and
// offline (--sql).

#include "support/PgCluster.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace retort;

namespace {

const QString kHead = QStringLiteral("7c1b9e5a3f28");
const QStringList kAppTables = {QStringLiteral("api_keys"), QStringLiteral("cities"),
                                QStringLiteral("indicator_values"), QStringLiteral("indicators"),
                                QStringLiteral("reports"), QStringLiteral("users")};

bool copyTree(const QString& from, const QString& to)
{
    QDir src(from);
    if (!QDir().mkpath(to))
        return false;
    const auto entries = src.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QFileInfo& info : entries) {
        if (info.fileName() == QLatin1String("__pycache__") || info.suffix() == QLatin1String("db"))
            continue;
        const QString target = to + QLatin1Char('/') + info.fileName();
        if (info.isDir() ? !copyTree(info.filePath(), target) : !QFile::copy(info.filePath(), target))
            return false;
    }
    return true;
}

} // namespace

class tst_DemoProject : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void migratesUpAndDownAtOnce_data();
    void migratesUpAndDownAtOnce();
    void everyRevisionDowngradesAndUpgradesAgain_data();
    void everyRevisionDowngradesAndUpgradesAgain();
    void offlineSqlCoversEveryRevision_data();
    void offlineSqlCoversEveryRevision();
    void historyHasOneHeadBranchesAMergeAndLabels();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run alembic(const QStringList& args, const QString& databaseUrl) const;
    QSqlDatabase open(const QString& kind);
    QString urlFor(const QString& kind) const;
    QStringList tables(const QString& kind);
    QStringList versionRows(const QString& kind);
    int rowCount(const QString& kind, const QString& table);
    void addBackends();

    QTemporaryDir m_dir;
    QString m_project;
    PgCluster m_pg;
    QString m_sqliteFile;
};

void tst_DemoProject::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(),
             "no Python interpreter with alembic was found at configure time (RETORT_PYTHON)");
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("cityscope"));
    QVERIFY(copyTree(QStringLiteral(RETORT_SOURCE_DIR "/examples/cityscope"), m_project));
    m_sqliteFile = m_dir.filePath(QStringLiteral("demo.db"));

    const Status started = m_pg.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    const Status created = m_pg.createDatabase(QStringLiteral("cityscope"));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
}

void tst_DemoProject::cleanupTestCase()
{
    for (const QString& name : QSqlDatabase::connectionNames())
        QSqlDatabase::removeDatabase(name);
    m_pg.stop();
}

tst_DemoProject::Run tst_DemoProject::alembic(const QStringList& args, const QString& databaseUrl) const
{
    QProcess process;
    process.setWorkingDirectory(m_project);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DATABASE_URL"), databaseUrl);
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RETORT_PYTHON), QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} + args);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("alembic timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString tst_DemoProject::urlFor(const QString& kind) const
{
    return kind == QLatin1String("sqlite") ? QStringLiteral("sqlite:///") + m_sqliteFile
                                           : m_pg.sqlalchemyUrl(QStringLiteral("cityscope"));
}

QSqlDatabase tst_DemoProject::open(const QString& kind)
{
    // A fresh connection each time: Alembic changed the schema in another process.
    const QString name = kind + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db;
    if (kind == QLatin1String("sqlite")) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_sqliteFile);
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_pg.host());
        db.setPort(m_pg.port());
        db.setUserName(m_pg.user());
        db.setPassword(m_pg.password());
        db.setDatabaseName(QStringLiteral("cityscope"));
    }
    if (!db.open())
        qWarning("cannot open %s: %s", qPrintable(kind), qPrintable(db.lastError().text()));
    return db;
}

QStringList tst_DemoProject::tables(const QString& kind)
{
    QStringList names;
    {
        QSqlDatabase db = open(kind);
        names = db.tables(QSql::Tables);
        db.close();
    }
    names.sort();
    return names;
}

QStringList tst_DemoProject::versionRows(const QString& kind)
{
    QStringList rows;
    {
        QSqlDatabase db = open(kind);
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT version_num FROM alembic_version ORDER BY version_num"))) {
            while (query.next())
                rows << query.value(0).toString();
        }
        db.close();
    }
    return rows;
}

int tst_DemoProject::rowCount(const QString& kind, const QString& table)
{
    int count = -1;
    {
        QSqlDatabase db = open(kind);
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT count(*) FROM ") + table) && query.next())
            count = query.value(0).toInt();
        db.close();
    }
    return count;
}

void tst_DemoProject::addBackends()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("on a SQLite file") << QStringLiteral("sqlite");
    QTest::newRow("on PostgreSQL 15") << QStringLiteral("postgresql");
}

void tst_DemoProject::migratesUpAndDownAtOnce_data() { addBackends(); }

void tst_DemoProject::migratesUpAndDownAtOnce()
{
    QFETCH(QString, kind);
    Run up = alembic({QStringLiteral("upgrade"), QStringLiteral("head")}, urlFor(kind));
    QVERIFY2(up.exitCode == 0, qPrintable(up.err));
    QStringList expected = kAppTables;
    expected << QStringLiteral("alembic_version");
    expected.sort();
    QCOMPARE(tables(kind), expected);
    QCOMPARE(versionRows(kind), QStringList{kHead});
    QCOMPARE(rowCount(kind, QStringLiteral("indicators")), 4); // the data migration ran

    Run down = alembic({QStringLiteral("downgrade"), QStringLiteral("base")}, urlFor(kind));
    QVERIFY2(down.exitCode == 0, qPrintable(down.err));
    QCOMPARE(tables(kind), QStringList{QStringLiteral("alembic_version")});
    QCOMPARE(versionRows(kind), QStringList{});
}

void tst_DemoProject::everyRevisionDowngradesAndUpgradesAgain_data() { addBackends(); }

void tst_DemoProject::everyRevisionDowngradesAndUpgradesAgain()
{
    QFETCH(QString, kind);
    // One Alembic command per revision, so every upgrade() and downgrade() runs on its own, with
    // the alembic_version rows checked after each. Relative steps are ambiguous at the branch
    // point and the merge ("Ambiguous walk"), so those steps name their target.
    struct Step
    {
        const char* command;
        const char* target;
        const char* rows; // alembic_version afterwards, sorted, comma-separated
    };
    static const Step steps[] = {
        {"upgrade", "3f1a9c2e7b10", "3f1a9c2e7b10"},
        {"upgrade", "+1", "8c4d2b9e1a57"},
        {"upgrade", "+1", "b7e3f0a4c921"},
        {"upgrade", "+1", "d2a6c8e4f013"},
        {"upgrade", "+1", "5e9b1d7c3a88"},
        {"upgrade", "geo@+1", "e07d4b8a2c35"},
        {"upgrade", "1b8e6f3d9a42", "1b8e6f3d9a42"},
        {"upgrade", "f6c2a9d4e817", "f6c2a9d4e817"},
        {"upgrade", "auth@+1", "a41c7e2d9b60,f6c2a9d4e817"},
        {"upgrade", "c93f5a1e7d24", "c93f5a1e7d24,f6c2a9d4e817"},
        {"upgrade", "9d5e3b7a1c06", "9d5e3b7a1c06"},
        {"upgrade", "+1", "4a7f2c8e6d93"},
        {"upgrade", "head", "7c1b9e5a3f28"},
        {"downgrade", "-1", "4a7f2c8e6d93"},
        {"downgrade", "-1", "9d5e3b7a1c06"},
        {"downgrade", "c93f5a1e7d24", "c93f5a1e7d24,f6c2a9d4e817"},
        {"downgrade", "a41c7e2d9b60", "a41c7e2d9b60,f6c2a9d4e817"},
        {"downgrade", "auth@-1", "f6c2a9d4e817"},
        {"downgrade", "geo@-1", "1b8e6f3d9a42"},
        {"downgrade", "e07d4b8a2c35", "e07d4b8a2c35"},
        {"downgrade", "-1", "5e9b1d7c3a88"},
        {"downgrade", "-1", "d2a6c8e4f013"},
        {"downgrade", "-1", "b7e3f0a4c921"},
        {"downgrade", "-1", "8c4d2b9e1a57"},
        {"downgrade", "-1", "3f1a9c2e7b10"},
        {"downgrade", "-1", ""},
    };
    int ran = 0;
    for (const Step& step : steps) {
        const QString what = QStringLiteral("%1 %2").arg(QLatin1String(step.command), QLatin1String(step.target));
        Run run = alembic({QLatin1String(step.command), QLatin1String(step.target)}, urlFor(kind));
        QVERIFY2(run.exitCode == 0, qPrintable(what + QStringLiteral(": ") + run.err));
        QVERIFY2(run.err.contains(QStringLiteral("Running ") + QLatin1String(step.command)),
                 qPrintable(what + QStringLiteral(" ran no migration: ") + run.err));
        const QString rows = versionRows(kind).join(QLatin1Char(','));
        QVERIFY2(rows == QLatin1String(step.rows),
                 qPrintable(what + QStringLiteral(": alembic_version holds '") + rows + QStringLiteral("', expected '")
                            + QLatin1String(step.rows) + QLatin1Char('\'')));
        if (QLatin1String(step.target) == QLatin1String("f6c2a9d4e817"))
            QCOMPARE(rowCount(kind, QStringLiteral("indicators")), 4); // the data migration
        ++ran;
    }
    QCOMPARE(ran, 26);
    QCOMPARE(tables(kind), QStringList{QStringLiteral("alembic_version")});
}

void tst_DemoProject::offlineSqlCoversEveryRevision_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("transactional");
    QTest::newRow("SQLite SQL has no BEGIN/COMMIT") << QStringLiteral("sqlite:///offline.db") << false;
    QTest::newRow("PostgreSQL SQL runs in one transaction")
        << QStringLiteral("postgresql://nobody@localhost/nowhere") << true;
}

void tst_DemoProject::offlineSqlCoversEveryRevision()
{
    QFETCH(QString, url);
    QFETCH(bool, transactional);
    Run sql = alembic({QStringLiteral("upgrade"), QStringLiteral("head"), QStringLiteral("--sql")}, url);
    QVERIFY2(sql.exitCode == 0, qPrintable(sql.err));
    QCOMPARE(sql.out.count(QStringLiteral("-- Running upgrade")), 13);
    QVERIFY(sql.out.contains(QStringLiteral("INSERT INTO indicators")));
    QVERIFY(sql.out.contains(QStringLiteral("CREATE INDEX ix_cities_region")));
    QCOMPARE(sql.out.contains(QStringLiteral("BEGIN;")), transactional);
    QVERIFY(!QFileInfo::exists(m_project + QStringLiteral("/offline.db"))); // offline never connects

    Run down = alembic({QStringLiteral("downgrade"), QStringLiteral("head:base"), QStringLiteral("--sql")}, url);
    QVERIFY2(down.exitCode == 0, qPrintable(down.err));
    QCOMPARE(down.out.count(QStringLiteral("-- Running downgrade")), 13);
    QVERIFY(down.out.contains(QStringLiteral("DROP TABLE users")));
}

void tst_DemoProject::historyHasOneHeadBranchesAMergeAndLabels()
{
    Run heads = alembic({QStringLiteral("heads")}, urlFor(QStringLiteral("sqlite")));
    QVERIFY2(heads.exitCode == 0, qPrintable(heads.err));
    // Alembic keeps branch labels in a set: their printed order changes with PYTHONHASHSEED.
    const QString headLine = heads.out.trimmed();
    QVERIFY2(headLine == kHead + QStringLiteral(" (geo, auth) (head)") || headLine == kHead + QStringLiteral(" (auth, geo) (head)"),
             qPrintable(headLine));
    Run history = alembic({QStringLiteral("history")}, urlFor(QStringLiteral("sqlite")));
    QVERIFY2(history.exitCode == 0, qPrintable(history.err));
    const QStringList lines = history.out.trimmed().split(QLatin1Char('\n'));
    QVERIFY2(lines.size() >= 12, qPrintable(history.out));
    QCOMPARE(history.out.count(QStringLiteral("(branchpoint)")), 1);
    QCOMPARE(history.out.count(QStringLiteral("(mergepoint)")), 1);
    QVERIFY(history.out.contains(QStringLiteral("a41c7e2d9b60 (e07d4b8a2c35) -> c93f5a1e7d24"))); // depends_on
    QVERIFY(history.out.contains(QStringLiteral("<base> -> 3f1a9c2e7b10")));
}

QTEST_GUILESS_MAIN(tst_DemoProject)
#include "tst_DemoProject.moc"
