// Doctor::checkDatabase: one broken database per finding (SQLite files in a QTemporaryDir, the
// throwaway PostgreSQL with a second session holding a lock, the real Alembic bridge for the URL
// env.py would use).

#include "core/alembic/Project.h"
#include "core/db/DatabaseUrl.h"
#include "core/doctor/DatabaseCheck.h"
#include "core/doctor/Doctor.h"
#include "core/graph/RevisionGraph.h"
#include "support/PgCluster.h"
#include "tst_DoctorSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace retort;
using namespace retort::doctortest;

namespace {

const QString kR1 = QStringLiteral("3f1a9c2e7b10");
const QString kR2 = QStringLiteral("8c4d2b9e1a57");
const QString kR3 = QStringLiteral("b7e3f0a4c921");

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
        lines << QStringLiteral("[%1 %2] %3 | hint: %4").arg(severityName(f.severity), f.code, f.toString(), f.hint);
    return lines.isEmpty() ? QStringLiteral("(no findings)") : lines.join(QLatin1Char('\n'));
}

// r1 creates users(id, email); r2 adds users.name; r3 creates cities(id, name) and indexes it.
void writeHistory(const TestProject& project)
{
    project.writeRevision(kR1, QStringLiteral("None"),
                          QStringLiteral("    op.create_table(\n        'users',\n        sa.Column('id', sa.Integer(), primary_key=True),\n"
                                         "        sa.Column('email', sa.String(200), nullable=False),\n    )\n"));
    project.writeRevision(kR2, QStringLiteral("'") + kR1 + QLatin1Char('\''),
                          QStringLiteral("    op.add_column('users', sa.Column('name', sa.String(100)))\n"));
    project.writeRevision(kR3, QStringLiteral("'") + kR2 + QLatin1Char('\''),
                          QStringLiteral("    op.create_table('cities', sa.Column('id', sa.Integer()), sa.Column('name', sa.String()))\n"
                                         "    op.add_column('users', sa.Column('city_id', sa.Integer()))\n"));
}

// Runs SQL statements on a SQLite file (created when missing) through its own connection.
bool execSqlite(const QString& file, const QStringList& statements, QString* error)
{
    const QString name = QStringLiteral("doctor-test-sqlite");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        if (!db.open()) {
            *error = db.lastError().text();
            ok = false;
        }
        QSqlQuery q(db);
        for (const QString& sql : statements) {
            if (ok && !q.exec(sql)) {
                *error = sql + QStringLiteral(": ") + q.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString versionTableAt(const QString& revision)
{
    return QStringLiteral("INSERT INTO alembic_version (version_num) VALUES ('%1')").arg(revision);
}

const QString kCreateVersionTable =
    QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");

struct Loaded
{
    LoadedProject project;
    RevisionGraph graph;
};

bool load(const QString& root, Loaded* out, QString* error)
{
    const Result<LoadedProject> project = loadProject(root);
    if (!project.ok()) {
        *error = project.error().toString();
        return false;
    }
    Result<RevisionGraph> graph = RevisionGraph::build(project->files, RevisionGraph::Mode::Lenient);
    if (!graph.ok()) {
        *error = graph.error().toString();
        return false;
    }
    out->project = *project;
    out->graph = *graph;
    return true;
}

DatabaseCheckOptions offlineOptions(const QString& url)
{
    DatabaseCheckOptions options;
    options.url = url;
    options.useBridge = false;
    return options;
}

} // namespace

class tst_DoctorDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void unknownRevisionNamesTheCandidates();
    void unversionedTablesNameTheMatchingRevision();
    void unversionedTablesNearlyMatching();
    void behindCountsPendingRevisions();
    void databaseAtHeadHasNoFindings();
    void emptyDatabaseIsBehindByEverything();
    void unreachableDatabaseNeverShowsThePassword();

    void urlMismatchAsksEnvPyThroughTheBridge();
    void envPyIgnoringRetortsUrlIsAWarning();
    void envPyInAComposeServiceIsNotComparedByHostName();
    void sameDatabaseAsEnvPyIsNoMismatch();
    void cancelledCheckReportsNothing();
    void bridgeFailureIsOnlyInformation();

    void lockHolderOnPendingTableIsReported();
    void lockOnTableOnlyTheOfflineSqlNamesIsReported();

    void editDistance_data();
    void editDistance();
    void identities_data();
    void identities();

private:
    void startCluster();

    std::unique_ptr<PgCluster> m_cluster; // started by the first PostgreSQL test, shared
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestProject> m_project;
    Loaded m_loaded;
};

void tst_DoctorDatabase::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_DoctorDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_project = std::make_unique<TestProject>(m_dir->path());
    QVERIFY(m_project->writeIni());
    QVERIFY(m_project->writeEnv(QStringLiteral("metadata_none")));
    writeHistory(*m_project);
    QString error;
    QVERIFY2(load(m_project->root(), &m_loaded, &error), qPrintable(error));
    QCOMPARE(m_loaded.graph.size(), 3);
}

void tst_DoctorDatabase::unknownRevisionNamesTheCandidates()
{
    const QString file = m_project->path(QStringLiteral("app.db"));
    QString error;
    // One character off the real r1 (a typo, or a file renamed after a rebase).
    QVERIFY2(execSqlite(file, {kCreateVersionTable, versionTableAt(QStringLiteral("3f1a9c2e7b1f"))}, &error), qPrintable(error));

    const QVector<Problem> findings =
        Doctor::checkDatabase(m_loaded.project, m_loaded.graph, offlineOptions(QStringLiteral("sqlite:///") + file));
    const QVector<Problem> found = withId(findings, QStringLiteral("db-unknown-revision"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    const Problem& f = found.first();
    QCOMPARE(f.severity, Severity::Error);
    QCOMPARE(f.revision, QStringLiteral("3f1a9c2e7b1f"));
    QVERIFY2(f.message.contains(QStringLiteral("Can't locate revision identified by '3f1a9c2e7b1f'")), qPrintable(f.message));
    QVERIFY2(f.hint.startsWith(QStringLiteral("Did you mean 3f1a9c2e7b10 (")), qPrintable(f.hint));
    QVERIFY2(f.hint.contains(kR3 + QStringLiteral("_rev.py, head)")), qPrintable(f.hint));
    QCOMPARE(f.fix, QStringLiteral("alembic stamp --purge ") + kR1);
    QCOMPARE(f.path, m_project->versions() + QLatin1Char('/') + kR1 + QStringLiteral("_rev.py"));
    QVERIFY(f.line > 0);
    // The unknown row means there is no "behind" answer.
    QVERIFY(withId(findings, QStringLiteral("db-behind")).isEmpty());
    QVERIFY(Doctor::hasErrors(findings));
}

void tst_DoctorDatabase::unversionedTablesNameTheMatchingRevision()
{
    const QString file = m_project->path(QStringLiteral("app.db"));
    QString error;
    // What metadata.create_all() made at r2: users with id, email, name; no alembic_version.
    QVERIFY2(execSqlite(file, {QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200) NOT NULL, name VARCHAR(100))")},
                        &error),
             qPrintable(error));
    const QVector<Problem> findings =
        Doctor::checkDatabase(m_loaded.project, m_loaded.graph, offlineOptions(QStringLiteral("sqlite:///") + file));
    const QVector<Problem> found = withId(findings, QStringLiteral("db-unversioned-tables"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    const Problem& f = found.first();
    QCOMPARE(f.severity, Severity::Error);
    QCOMPARE(f.revision, kR2);
    QCOMPARE(f.fix, QStringLiteral("alembic stamp ") + kR2);
    QCOMPARE(f.path, m_project->versions() + QLatin1Char('/') + kR2 + QStringLiteral("_rev.py"));
    QCOMPARE(f.line, lineOf(f.path, QStringLiteral("revision = ")));
    QVERIFY2(f.message.contains(QStringLiteral("1 table(s) (users) but no alembic_version table")), qPrintable(f.message));
    QVERIFY2(f.hint.contains(QStringLiteral("match revision %1").arg(kR2)) && f.hint.contains(QStringLiteral("exactly")),
             qPrintable(f.hint));
    QVERIFY(withId(findings, QStringLiteral("db-behind")).isEmpty());
}

void tst_DoctorDatabase::unversionedTablesNearlyMatching()
{
    const QString file = m_project->path(QStringLiteral("app.db"));
    QString error;
    // r3's schema plus a table no revision creates, and users.city_id missing.
    QVERIFY2(execSqlite(file,
                        {QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT)"),
                         QStringLiteral("CREATE TABLE cities (id INTEGER, name TEXT)"),
                         QStringLiteral("CREATE TABLE audit_log (id INTEGER)")},
                        &error),
             qPrintable(error));
    const QVector<Problem> findings =
        Doctor::checkDatabase(m_loaded.project, m_loaded.graph, offlineOptions(QStringLiteral("sqlite:///") + file));
    const QVector<Problem> found = withId(findings, QStringLiteral("db-unversioned-tables"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(found.first().revision, kR3);
    QVERIFY2(found.first().hint.contains(QStringLiteral("closest to revision %1").arg(kR3)), qPrintable(found.first().hint));
    QVERIFY2(found.first().hint.contains(QStringLiteral("extra tables: audit_log")), qPrintable(found.first().hint));
    QVERIFY2(found.first().hint.contains(QStringLiteral("-users.city_id")), qPrintable(found.first().hint));
}

void tst_DoctorDatabase::behindCountsPendingRevisions()
{
    const QString file = m_project->path(QStringLiteral("app.db"));
    QString error;
    QVERIFY2(execSqlite(file, {kCreateVersionTable, versionTableAt(kR1), QStringLiteral("CREATE TABLE users (id INTEGER, email TEXT)")},
                        &error),
             qPrintable(error));
    const QVector<Problem> findings =
        Doctor::checkDatabase(m_loaded.project, m_loaded.graph, offlineOptions(QStringLiteral("sqlite:///") + file));
    QVERIFY2(findings.size() == 1, qPrintable(describe(findings)));
    const Problem& f = findings.first();
    QCOMPARE(f.code, QStringLiteral("db-behind"));
    QCOMPARE(f.severity, Severity::Warning);
    QCOMPARE(f.revision, kR2);
    QCOMPARE(f.fix, QStringLiteral("alembic upgrade head"));
    QCOMPARE(f.path, m_project->versions() + QLatin1Char('/') + kR2 + QStringLiteral("_rev.py"));
    QVERIFY2(f.message.contains(QStringLiteral("is at %1; 2 revision(s) pending: %2, %3").arg(kR1, kR2, kR3)), qPrintable(f.message));
    QVERIFY(!Doctor::hasErrors(findings));
}

void tst_DoctorDatabase::databaseAtHeadHasNoFindings()
{
    const QString file = m_project->path(QStringLiteral("app.db"));
    QString error;
    QVERIFY2(execSqlite(file, {kCreateVersionTable, versionTableAt(kR3)}, &error), qPrintable(error));
    // Through the worker-thread entry point, as the GUI calls it.
    QFuture<QVector<Problem>> future =
        Doctor::checkDatabaseAsync(m_loaded.project, m_loaded.graph, offlineOptions(QStringLiteral("sqlite:///") + file));
    const QVector<Problem> findings = future.result();
    QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
}

void tst_DoctorDatabase::emptyDatabaseIsBehindByEverything()
{
    const QString file = m_project->path(QStringLiteral("app.db"));
    QString error;
    QVERIFY2(execSqlite(file, {QStringLiteral("PRAGMA user_version = 1")}, &error), qPrintable(error));
    const QVector<Problem> findings =
        Doctor::checkDatabase(m_loaded.project, m_loaded.graph, offlineOptions(QStringLiteral("sqlite:///") + file));
    QVERIFY2(findings.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(findings.first().code, QStringLiteral("db-behind"));
    QVERIFY2(findings.first().message.contains(QStringLiteral("has no alembic_version table yet; 3 revision(s) pending")),
             qPrintable(findings.first().message));
}

void tst_DoctorDatabase::unreachableDatabaseNeverShowsThePassword()
{
    const int port = PgCluster::freePort();
    const QString url = QStringLiteral("postgresql://app:S3cretPassw0rd@127.0.0.1:%1/app").arg(port);
    DatabaseCheckOptions options = offlineOptions(url);
    options.connectTimeoutSeconds = 2;
    const QVector<Problem> findings = Doctor::checkDatabase(m_loaded.project, m_loaded.graph, options);
    QVERIFY2(findings.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(findings.first().code, QStringLiteral("db-connect"));
    QCOMPARE(findings.first().severity, Severity::Error);
    QVERIFY2(findings.first().message.contains(QString::number(port)), qPrintable(findings.first().message));
    const QString everything = describe(findings) + Doctor::formatText(findings);
    QVERIFY2(!everything.contains(QStringLiteral("S3cretPassw0rd")), qPrintable(everything));
}

void tst_DoctorDatabase::urlMismatchAsksEnvPyThroughTheBridge()
{
    // env.py uses sqlalchemy.url = sqlite:///%(here)s/app.db; Retort is connected to other.db.
    const QString other = m_project->path(QStringLiteral("other.db"));
    QString error;
    QVERIFY2(execSqlite(other, {kCreateVersionTable, versionTableAt(kR3)}, &error), qPrintable(error));
    DatabaseCheckOptions options;
    options.url = QStringLiteral("sqlite:///") + other;
    options.python.interpreter = QStringLiteral(RETORT_PYTHON);
    const QVector<Problem> findings = Doctor::checkDatabase(m_loaded.project, m_loaded.graph, options);
    const QVector<Problem> found = withId(findings, QStringLiteral("db-url-mismatch"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    const Problem& f = found.first();
    // This env.py reads sqlalchemy.url, which Retort sets to its own URL for its runs: only a
    // plain `alembic` in a terminal goes to app.db. Information, not a warning.
    QCOMPARE(f.severity, Severity::Info);
    QCOMPARE(f.path, m_project->envPy());
    QVERIFY2(f.message.contains(QStringLiteral("env.py defaults to SQLite file ") + QFileInfo(m_project->path(QStringLiteral("app.db"))).absoluteFilePath()),
             qPrintable(f.message));
    QVERIFY2(f.message.contains(QStringLiteral("SQLite file ") + QFileInfo(other).canonicalFilePath() + QStringLiteral(" (")),
             qPrintable(f.message));
    QVERIFY2(f.message.contains(QStringLiteral("takes the URL Retort passes")), qPrintable(f.message));
    QVERIFY2(f.hint.contains(QStringLiteral("`alembic upgrade` in a terminal")), qPrintable(f.hint));
}

void tst_DoctorDatabase::envPyIgnoringRetortsUrlIsAWarning()
{
    // env.py hard-codes app.db next to alembic.ini; Retort is connected to other.db.
    QVERIFY(m_project->writeEnv(QStringLiteral("hardcoded_url")));
    const QString other = m_project->path(QStringLiteral("other.db"));
    QString error;
    QVERIFY2(execSqlite(other, {kCreateVersionTable, versionTableAt(kR3)}, &error), qPrintable(error));
    DatabaseCheckOptions options;
    options.url = QStringLiteral("sqlite:///") + other;
    options.python.interpreter = QStringLiteral(RETORT_PYTHON);
    const QVector<Problem> findings = Doctor::checkDatabase(m_loaded.project, m_loaded.graph, options);
    const QVector<Problem> found = withId(findings, QStringLiteral("db-url-mismatch"));
    QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
    const Problem& f = found.first();
    QCOMPARE(f.severity, Severity::Warning);
    QCOMPARE(f.path, m_project->envPy());
    QVERIFY2(f.message.contains(QStringLiteral("env.py would migrate SQLite file ") + QFileInfo(m_project->path(QStringLiteral("app.db"))).absoluteFilePath()),
             qPrintable(f.message));
    QVERIFY2(f.message.contains(QStringLiteral("Retort is connected to SQLite file ") + QFileInfo(other).canonicalFilePath()),
             qPrintable(f.message));
    QVERIFY2(f.message.contains(QStringLiteral("ignores the URL Retort passes")), qPrintable(f.message));
}

// The project's interpreter is a compose service (remembered in the window, or
// --compose-service): env.py runs in the container and names the database by the container's
// host names, so the doctor says it could not compare instead of warning about a mismatch that
// the local interpreter's answer would have shown.
void tst_DoctorDatabase::envPyInAComposeServiceIsNotComparedByHostName()
{
    QVERIFY(m_project->writeEnv(QStringLiteral("hardcoded_url")));
    const QString other = m_project->path(QStringLiteral("other.db"));
    QString error;
    QVERIFY2(execSqlite(other, {kCreateVersionTable, versionTableAt(kR3)}, &error), qPrintable(error));
    // `docker` for PythonLocator to find (nothing runs it: the check does not start env.py).
    const QString bin = m_dir->filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(bin));
    QFile docker(bin + QStringLiteral("/docker"));
    QVERIFY(docker.open(QIODevice::WriteOnly));
    docker.write("#!/bin/sh\necho \"docker must not run here\" >&2\nexit 3\n");
    docker.close();
    QVERIFY(docker.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    const QByteArray savedPath = qgetenv("PATH");
    qputenv("PATH", QFile::encodeName(bin) + ':' + savedPath);
    DatabaseCheckOptions options;
    options.url = QStringLiteral("sqlite:///") + other;
    options.python.compose.service = QStringLiteral("api");
    const QVector<Problem> findings = Doctor::checkDatabase(m_loaded.project, m_loaded.graph, options);
    qputenv("PATH", savedPath);
    QVERIFY2(withId(findings, QStringLiteral("db-url-mismatch")).isEmpty(), qPrintable(describe(findings)));
    const QVector<Problem> unchecked = withId(findings, QStringLiteral("db-url-unchecked"));
    QVERIFY2(unchecked.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(unchecked.first().severity, Severity::Info);
    QVERIFY2(unchecked.first().message.contains(QStringLiteral("inside the compose service")), qPrintable(unchecked.first().message));
    QVERIFY2(unchecked.first().message.contains(QStringLiteral("api")), qPrintable(unchecked.first().message));
}

void tst_DoctorDatabase::sameDatabaseAsEnvPyIsNoMismatch()
{
    const QString file = m_project->path(QStringLiteral("app.db"));
    QString error;
    QVERIFY2(execSqlite(file, {kCreateVersionTable, versionTableAt(kR3)}, &error), qPrintable(error));
    DatabaseCheckOptions options;
    options.url = QStringLiteral("sqlite:///") + file;
    options.python.interpreter = QStringLiteral(RETORT_PYTHON);
    const QVector<Problem> findings = Doctor::checkDatabase(m_loaded.project, m_loaded.graph, options);
    QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
}

void tst_DoctorDatabase::cancelledCheckReportsNothing()
{
    const QString other = m_project->path(QStringLiteral("other.db"));
    QString error;
    QVERIFY2(execSqlite(other, {kCreateVersionTable, versionTableAt(kR1)}, &error), qPrintable(error));
    DatabaseCheckOptions options;
    options.url = QStringLiteral("sqlite:///") + other;
    options.python.interpreter = QStringLiteral(RETORT_PYTHON);
    options.cancel = std::make_shared<std::atomic_bool>(false);
    // Not cancelled: behind and pointed at another database than env.py's.
    const QVector<Problem> full = Doctor::checkDatabase(m_loaded.project, m_loaded.graph, options);
    QCOMPARE(withId(full, QStringLiteral("db-behind")).size(), 1);
    QCOMPARE(withId(full, QStringLiteral("db-url-mismatch")).size(), 1);
    options.cancel->store(true);
    QElapsedTimer timer;
    timer.start();
    const QVector<Problem> cancelled = Doctor::checkDatabaseAsync(m_loaded.project, m_loaded.graph, options).result();
    QVERIFY2(cancelled.isEmpty(), qPrintable(describe(cancelled)));
    QVERIFY2(timer.elapsed() < 1000, "a cancelled check must not start the bridge");
}

void tst_DoctorDatabase::bridgeFailureIsOnlyInformation()
{
    const QString file = m_project->path(QStringLiteral("app.db"));
    QString error;
    QVERIFY2(execSqlite(file, {kCreateVersionTable, versionTableAt(kR3)}, &error), qPrintable(error));
    DatabaseCheckOptions options;
    options.url = QStringLiteral("sqlite:///") + file;
    options.python.interpreter = m_project->path(QStringLiteral("no-such-python"));
    const QVector<Problem> findings = Doctor::checkDatabase(m_loaded.project, m_loaded.graph, options);
    QVERIFY2(findings.size() == 1, qPrintable(describe(findings)));
    QCOMPARE(findings.first().code, QStringLiteral("db-url-unchecked"));
    QCOMPARE(findings.first().severity, Severity::Info);
    QCOMPARE(findings.first().path, m_project->envPy());
    QVERIFY2(findings.first().message.startsWith(QStringLiteral("could not ask env.py which database it uses: ")),
             qPrintable(findings.first().message));
}

void tst_DoctorDatabase::startCluster()
{
    if (m_cluster)
        return;
    m_cluster = std::make_unique<PgCluster>();
    const Status started = m_cluster->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
}

void tst_DoctorDatabase::lockHolderOnPendingTableIsReported()
{
    startCluster();
    QVERIFY(m_cluster && m_cluster->isRunning());
    PgCluster& cluster = *m_cluster;
    QVERIFY(cluster.createDatabase(QStringLiteral("shop")).ok());
    const Result<QString> setup = cluster.psqlAsUser(
        QStringLiteral("CREATE TABLE users (id integer PRIMARY KEY, email text, name text);"
                       "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);"
                       "INSERT INTO alembic_version VALUES ('%1');")
            .arg(kR2),
        QStringLiteral("shop"));
    QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error().toString()));

    // A second session keeps an ACCESS EXCLUSIVE lock on users, which pending r3 alters.
    const Result<DatabaseUrl> url = DatabaseUrl::parse(cluster.url(QStringLiteral("shop")));
    QVERIFY(url.ok());
    const QString lockerName = QStringLiteral("doctor-locker");
    qint64 lockerPid = 0;
    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), lockerName);
        url->applyTo(locker);
        QVERIFY2(locker.open(), qPrintable(locker.lastError().text()));
        QSqlQuery q(locker);
        QVERIFY(q.exec(QStringLiteral("SELECT pg_backend_pid()")) && q.next());
        lockerPid = q.value(0).toLongLong();
        QVERIFY2(q.exec(QStringLiteral("BEGIN")), qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("LOCK TABLE users IN ACCESS EXCLUSIVE MODE")), qPrintable(q.lastError().text()));

        const QVector<Problem> findings =
            Doctor::checkDatabaseAsync(m_loaded.project, m_loaded.graph, offlineOptions(cluster.url(QStringLiteral("shop")))).result();
        const QVector<Problem> found = withId(findings, QStringLiteral("db-locks"));
        QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
        const Problem& f = found.first();
        QCOMPARE(f.severity, Severity::Error);
        QCOMPARE(f.revision, kR3);
        QCOMPARE(f.path, m_project->versions() + QLatin1Char('/') + kR3 + QStringLiteral("_rev.py"));
        QCOMPARE(f.line, lineOf(f.path, QStringLiteral("op.add_column('users'")));
        QVERIFY2(f.message.startsWith(QStringLiteral("session %1 (user retort").arg(lockerPid)), qPrintable(f.message));
        QVERIFY2(f.message.contains(QStringLiteral("AccessExclusiveLock on users")), qPrintable(f.message));
        QVERIFY2(f.message.contains(QStringLiteral("idle in transaction")), qPrintable(f.message));
        QVERIFY2(f.hint.contains(QStringLiteral("pg_terminate_backend(%1)").arg(lockerPid)), qPrintable(f.hint));
        QVERIFY(!withId(findings, QStringLiteral("db-behind")).isEmpty());
        QVERIFY2(!describe(findings).contains(cluster.password()), "the password leaked into a finding");

        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        const QVector<Problem> after =
            Doctor::checkDatabase(m_loaded.project, m_loaded.graph, offlineOptions(cluster.url(QStringLiteral("shop"))));
        QVERIFY2(withId(after, QStringLiteral("db-locks")).isEmpty(), qPrintable(describe(after)));
        QCOMPARE(withId(after, QStringLiteral("db-behind")).size(), 1);
        locker.close();
    }
    QSqlDatabase::removeDatabase(lockerName);
}

void tst_DoctorDatabase::lockOnTableOnlyTheOfflineSqlNamesIsReported()
{
    // r4 touches users only through sa.text(...): static reading cannot see it, Alembic's
    // offline SQL (through the bridge, rendered for this PostgreSQL database) can.
    const QString r4 = QStringLiteral("d2a6c8e4f013");
    m_project->writeRevision(r4, QStringLiteral("'") + kR3 + QLatin1Char('\''),
                             QStringLiteral("    op.execute(sa.text(\"UPDATE users SET name = lower(name)\"))\n"));
    QString error;
    QVERIFY2(load(m_project->root(), &m_loaded, &error), qPrintable(error));
    QCOMPARE(m_loaded.graph.size(), 4);

    startCluster();
    QVERIFY(m_cluster && m_cluster->isRunning());
    PgCluster& cluster = *m_cluster;
    QVERIFY(cluster.createDatabase(QStringLiteral("sqlshop")).ok());
    const Result<QString> setup = cluster.psqlAsUser(
        QStringLiteral("CREATE TABLE users (id integer PRIMARY KEY, email text, name text, city_id integer);"
                       "CREATE TABLE cities (id integer, name text);"
                       "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);"
                       "INSERT INTO alembic_version VALUES ('%1');")
            .arg(kR3),
        QStringLiteral("sqlshop"));
    QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error().toString()));

    const Result<DatabaseUrl> url = DatabaseUrl::parse(cluster.url(QStringLiteral("sqlshop")));
    QVERIFY(url.ok());
    const QString lockerName = QStringLiteral("doctor-sql-locker");
    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), lockerName);
        url->applyTo(locker);
        QVERIFY2(locker.open(), qPrintable(locker.lastError().text()));
        QSqlQuery q(locker);
        QVERIFY(q.exec(QStringLiteral("BEGIN")));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM users"))); // AccessShareLock, held until ROLLBACK

        const QVector<Problem> staticOnly =
            Doctor::checkDatabase(m_loaded.project, m_loaded.graph, offlineOptions(cluster.url(QStringLiteral("sqlshop"))));
        QVERIFY2(withId(staticOnly, QStringLiteral("db-locks")).isEmpty(), qPrintable(describe(staticOnly)));

        DatabaseCheckOptions options;
        options.url = cluster.url(QStringLiteral("sqlshop"));
        options.python.interpreter = QStringLiteral(RETORT_PYTHON);
        const QVector<Problem> findings = Doctor::checkDatabase(m_loaded.project, m_loaded.graph, options);
        const QVector<Problem> found = withId(findings, QStringLiteral("db-locks"));
        QVERIFY2(found.size() == 1, qPrintable(describe(findings)));
        QCOMPARE(found.first().revision, r4);
        QVERIFY2(found.first().message.contains(QStringLiteral("AccessShareLock on users")), qPrintable(found.first().message));
        QCOMPARE(found.first().path, m_project->versions() + QLatin1Char('/') + r4 + QStringLiteral("_rev.py"));
        // env.py's own URL is the project's SQLite file, not this database.
        QCOMPARE(withId(findings, QStringLiteral("db-url-mismatch")).size(), 1);
        QVERIFY2(!describe(findings).contains(cluster.password()), "the password leaked into a finding");
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        locker.close();
    }
    QSqlDatabase::removeDatabase(lockerName);
}

void tst_DoctorDatabase::editDistance_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("distance");
    QTest::newRow("equal ids") << "ae1027a6acf" << "ae1027a6acf" << 0;
    QTest::newRow("one substitution") << "ae1027a6acf" << "ae1027a6acg" << 1;
    QTest::newRow("a transposition costs two") << "abcd" << "acbd" << 2;
    QTest::newRow("against the empty string") << "" << "abc" << 3;
}

void tst_DoctorDatabase::editDistance()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, distance);
    QCOMPARE(doctor::DatabaseCheck::editDistance(a, b), distance);
    QCOMPARE(doctor::DatabaseCheck::editDistance(b, a), distance);
}

void tst_DoctorDatabase::identities_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("localhost and 127.0.0.1 with the default port are one server")
        << "postgresql://u:p@localhost/app" << "postgresql+asyncpg://u@127.0.0.1:5432/app" << true;
    QTest::newRow("another port is another server") << "postgresql://u@localhost:5433/app" << "postgresql://u@localhost/app" << false;
    QTest::newRow("another database on the same server") << "postgresql://u@db/app" << "postgresql://u@db/app_test" << false;
    QTest::newRow("another host") << "postgresql://u@db/app" << "postgresql://u@localhost/app" << false;
    QTest::newRow("PostgreSQL is not SQLite") << "postgresql://u@localhost/app" << "sqlite:////tmp/app" << false;
}

void tst_DoctorDatabase::identities()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    const Result<DatabaseUrl> ua = DatabaseUrl::parse(a);
    const Result<DatabaseUrl> ub = DatabaseUrl::parse(b);
    QVERIFY(ua.ok() && ub.ok());
    QCOMPARE(doctor::DatabaseCheck::identityOf(*ua).sameDatabase(doctor::DatabaseCheck::identityOf(*ub)), same);
}

QTEST_GUILESS_MAIN(tst_DoctorDatabase)
#include "tst_DoctorDatabase.moc"
