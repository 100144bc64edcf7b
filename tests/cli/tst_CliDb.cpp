// retort-cli current / tables end to end: the real binary against the real throwaway PostgreSQL
// and a real SQLite file; JSON shapes of DESIGN.md, readable text, exit codes, errors without
// passwords, the project's version table read from env.py.

#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run cli(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(RETORT_CLI), args);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        run.err = QStringLiteral("timeout");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString describe(const Run& run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(run.exitCode).arg(run.out.left(2000), run.err.left(2000));
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

const QJsonObject findTable(const QJsonObject& root, const QString& schema, const QString& name)
{
    for (const QJsonValue& v : root.value(QStringLiteral("tables")).toArray()) {
        const QJsonObject t = v.toObject();
        if (t.value(QStringLiteral("schema")).toString() == schema && t.value(QStringLiteral("name")).toString() == name)
            return t;
    }
    return {};
}

} // namespace

class TestCliDb : public QObject
{
    Q_OBJECT

private:
    PgCluster m_cluster;
    QTemporaryDir m_dir;
    QString m_url;      // shop: tables, alembic_version with one row
    QString m_sqliteUrl;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(QFileInfo::exists(QStringLiteral(RETORT_CLI)));
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        for (const char* db : {"shop", "bare", "based"})
            QVERIFY(m_cluster.createDatabase(QString::fromLatin1(db)).ok());
        m_url = m_cluster.url(QStringLiteral("shop"));
        auto setup = m_cluster.psqlAsUser(QStringLiteral(
            "CREATE TABLE authors (id serial PRIMARY KEY, name varchar(80) NOT NULL UNIQUE, bio text);"
            "COMMENT ON TABLE authors IS 'writers';"
            "CREATE TABLE books (id serial PRIMARY KEY, author_id int REFERENCES authors (id) ON DELETE CASCADE, "
            " price numeric(8,2) CHECK (price > 0), title text);"
            "CREATE INDEX books_title ON books (lower(title));"
            "INSERT INTO authors (name) SELECT 'a' || g FROM generate_series(1, 40) g;"
            "ANALYZE authors;"
            "INSERT INTO authors (name) SELECT 'b' || g FROM generate_series(1, 2) g;"
            "CREATE TABLE \"x\"\"; drop table books;--\" (id int);"
            "INSERT INTO \"x\"\"; drop table books;--\" VALUES (1), (2), (3);"
            "CREATE SCHEMA app; CREATE TABLE app.orders (id bigint PRIMARY KEY, book_id int REFERENCES public.books (id));"
            "CREATE VIEW author_names AS SELECT name FROM authors;"
            "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);"
            "INSERT INTO alembic_version VALUES ('ae1027a6acf');"
            "CREATE SCHEMA meta; CREATE TABLE meta.app_versions (version_num varchar(32) NOT NULL);"
            "INSERT INTO meta.app_versions VALUES ('c0ffee01'), ('d00d02');"),
            QStringLiteral("shop"));
        QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error().message));
        auto based = m_cluster.psqlAsUser(QStringLiteral("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL);"),
                                          QStringLiteral("based"));
        QVERIFY(based.ok());

        const QString path = m_dir.filePath(QStringLiteral("app.db"));
        QVERIFY(writeSqliteFile(path, {QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL DEFAULT '')"),
                                       QStringLiteral("INSERT INTO notes (body) VALUES ('a'), ('b')"),
                                       QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"),
                                       QStringLiteral("INSERT INTO alembic_version VALUES ('5a1e')")}));
        m_sqliteUrl = QStringLiteral("sqlite:///") + path;
    }

    void currentPrintsTheVersionRows()
    {
        const Run run = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_url, QStringLiteral("current")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject root = run.json();
        QCOMPARE(root.value(QStringLiteral("current")).toArray(), QJsonArray{QStringLiteral("ae1027a6acf")});
        QCOMPARE(root.value(QStringLiteral("table_exists")).toBool(), true);
        QCOMPARE(root.value(QStringLiteral("version_table")).toString(), QStringLiteral("alembic_version"));
        const Run text = cli({QStringLiteral("--url"), m_url, QStringLiteral("current")});
        QCOMPARE(text.exitCode, 0);
        QCOMPARE(text.out, QStringLiteral("ae1027a6acf\n"));
    }

    void currentTellsNoTableFromAnEmptyTable()
    {
        const Run bare = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_cluster.url(QStringLiteral("bare")),
                              QStringLiteral("current")});
        QVERIFY2(bare.exitCode == 0, qPrintable(describe(bare)));
        QCOMPARE(bare.json().value(QStringLiteral("table_exists")).toBool(), false);
        QCOMPARE(bare.json().value(QStringLiteral("current")).toArray(), QJsonArray{});
        const Run based = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_cluster.url(QStringLiteral("based")),
                               QStringLiteral("current")});
        QCOMPARE(based.json().value(QStringLiteral("table_exists")).toBool(), true);
        QCOMPARE(based.json().value(QStringLiteral("current")).toArray(), QJsonArray{});

        const Run bareText = cli({QStringLiteral("--url"), m_cluster.url(QStringLiteral("bare")), QStringLiteral("current")});
        QVERIFY2(bareText.out.contains(QLatin1String("not under Alembic control")), qPrintable(describe(bareText)));
        QVERIFY(!bareText.out.contains(m_cluster.password()));
        const Run basedText = cli({QStringLiteral("--url"), m_cluster.url(QStringLiteral("based")), QStringLiteral("current")});
        QVERIFY2(basedText.out.contains(QLatin1String("is empty: the database is at base")), qPrintable(describe(basedText)));
    }

    // env.py's context.configure(version_table=..., version_table_schema=...) literals decide
    // which table `current -p` reads.
    void currentHonoursTheProjectsVersionTable()
    {
        const QString project = m_dir.filePath(QStringLiteral("project"));
        QVERIFY(writeFile(project + QStringLiteral("/alembic.ini"),
                          "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///unused.db\n"));
        QVERIFY(writeFile(project + QStringLiteral("/migrations/env.py"),
                          "from alembic import context\n\n"
                          "def run_migrations_online():\n"
                          "    context.configure(connection=None, target_metadata=None,\n"
                          "                      version_table=\"app_versions\", version_table_schema=\"meta\")\n"
                          "    with context.begin_transaction():\n"
                          "        context.run_migrations()\n\n"
                          "run_migrations_online()\n"));
        QVERIFY(writeFile(project + QStringLiteral("/migrations/script.py.mako"), "\"\"\"${message}\"\"\"\n"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/migrations/versions")));
        const Run run = cli({QStringLiteral("--json"), QStringLiteral("-p"), project, QStringLiteral("--url"), m_url,
                             QStringLiteral("current")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject root = run.json();
        QCOMPARE(root.value(QStringLiteral("version_table")).toString(), QStringLiteral("app_versions"));
        QCOMPARE(root.value(QStringLiteral("version_table_schema")).toString(), QStringLiteral("meta"));
        QCOMPARE(root.value(QStringLiteral("current")).toArray(),
                 (QJsonArray{QStringLiteral("c0ffee01"), QStringLiteral("d00d02")}));
    }

    void currentTakesTheVersionTableFromOptions()
    {
        const Run run = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_url, QStringLiteral("current"),
                             QStringLiteral("--version-table"), QStringLiteral("app_versions"),
                             QStringLiteral("--version-table-schema=meta")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.json().value(QStringLiteral("current")).toArray().size(), 2);
    }

    void currentReadsSqlite()
    {
        const Run run = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_sqliteUrl, QStringLiteral("current")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.json().value(QStringLiteral("current")).toArray(), QJsonArray{QStringLiteral("5a1e")});
    }

    void badInputExitsWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("code");
        QTest::newRow("current without a URL") << QStringList{QStringLiteral("current")} << "usage";
        QTest::newRow("a URL that does not parse")
            << QStringList{QStringLiteral("--url"), QStringLiteral("mysql://u:hunter2@h/db"), QStringLiteral("current")}
            << "db-url";
        QTest::newRow("tables with an unknown counts mode")
            << QStringList{QStringLiteral("--url"), QStringLiteral("sqlite://"), QStringLiteral("tables"),
                           QStringLiteral("--counts"), QStringLiteral("some")}
            << "usage";
        QTest::newRow("a project that does not exist")
            << QStringList{QStringLiteral("-p"), QStringLiteral("/nonexistent/project"), QStringLiteral("--url"),
                           QStringLiteral("sqlite://"), QStringLiteral("current")}
            << "project-not-found";
    }

    void badInputExitsWithTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, code);
        const Run run = cli(QStringList{QStringLiteral("--json")} + args);
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QCOMPARE(run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), code);
        QVERIFY(!run.out.contains(QLatin1String("hunter2")));
        QVERIFY(!run.err.contains(QLatin1String("hunter2")));
    }

    void connectionFailuresExitWithOneAndHideThePassword_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("code");
        QTest::newRow("a wrong password") << m_cluster.urlWithWrongPassword(QStringLiteral("shop")) << "db-auth";
        QTest::newRow("a server that is down")
            << QStringLiteral("postgresql://retort:%1@127.0.0.1:%2/shop").arg(m_cluster.password()).arg(PgCluster::freePort())
            << "db-unreachable";
        QTest::newRow("an unknown database") << m_cluster.url(QStringLiteral("nope")) << "db-unknown-database";
    }

    void connectionFailuresExitWithOneAndHideThePassword()
    {
        QFETCH(QString, url);
        QFETCH(QString, code);
        for (const QString& command : {QStringLiteral("current"), QStringLiteral("tables")}) {
            const Run json = cli({QStringLiteral("--json"), QStringLiteral("--url"), url, command});
            QVERIFY2(json.exitCode == 1, qPrintable(describe(json)));
            const QJsonObject error = json.json().value(QStringLiteral("error")).toObject();
            QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
            QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QLatin1String(":***@127.0.0.1")),
                     qPrintable(describe(json)));
            const Run text = cli({QStringLiteral("--url"), url, command});
            QCOMPARE(text.exitCode, 1);
            QVERIFY2(text.err.contains(QLatin1String("hint: ")), qPrintable(describe(text)));
            for (const Run& run : {json, text}) {
                QVERIFY2(!run.out.contains(m_cluster.password()), qPrintable(describe(run)));
                QVERIFY2(!run.err.contains(m_cluster.password()), qPrintable(describe(run)));
            }
        }
    }

    void tablesHasTheDocumentedJsonShape()
    {
        const Run run = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_url, QStringLiteral("tables")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject root = run.json();
        QCOMPARE(root.value(QStringLiteral("schemas")).toArray(),
                 (QJsonArray{QStringLiteral("app"), QStringLiteral("meta"), QStringLiteral("public")}));
        const QJsonObject authors = findTable(root, QStringLiteral("public"), QStringLiteral("authors"));
        QCOMPARE(authors.value(QStringLiteral("kind")).toString(), QStringLiteral("table"));
        QCOMPARE(authors.value(QStringLiteral("comment")).toString(), QStringLiteral("writers"));
        QCOMPARE(authors.value(QStringLiteral("estimated_rows")).toInt(), 40);
        QVERIFY(authors.value(QStringLiteral("exact_rows")).isNull());
        const QJsonArray columns = authors.value(QStringLiteral("columns")).toArray();
        QCOMPARE(columns.size(), 3);
        const QJsonObject id = columns.at(0).toObject();
        QCOMPARE(id.value(QStringLiteral("name")).toString(), QStringLiteral("id"));
        QCOMPARE(id.value(QStringLiteral("type")).toString(), QStringLiteral("integer"));
        QCOMPARE(id.value(QStringLiteral("nullable")).toBool(), false);
        QCOMPARE(id.value(QStringLiteral("default")).toString(), QStringLiteral("nextval('authors_id_seq'::regclass)"));
        QCOMPARE(id.value(QStringLiteral("primary_key")).toBool(), true);
        QVERIFY(columns.at(2).toObject().value(QStringLiteral("default")).isNull());
        QCOMPARE(authors.value(QStringLiteral("primary_key")).toObject().value(QStringLiteral("columns")).toArray(),
                 QJsonArray{QStringLiteral("id")});
        QCOMPARE(authors.value(QStringLiteral("unique_constraints")).toArray().size(), 1);
        QCOMPARE(authors.value(QStringLiteral("indexes")).toArray().size(), 2);

        const QJsonObject books = findTable(root, QStringLiteral("public"), QStringLiteral("books"));
        const QJsonObject fk = books.value(QStringLiteral("foreign_keys")).toArray().at(0).toObject();
        QCOMPARE(fk.value(QStringLiteral("referred_table")).toString(), QStringLiteral("authors"));
        QCOMPARE(fk.value(QStringLiteral("referred_columns")).toArray(), QJsonArray{QStringLiteral("id")});
        QCOMPARE(fk.value(QStringLiteral("on_delete")).toString(), QStringLiteral("CASCADE"));
        QCOMPARE(books.value(QStringLiteral("check_constraints")).toArray().size(), 1);
        QVERIFY(books.value(QStringLiteral("estimated_rows")).isNull()); // never analyzed

        QCOMPARE(findTable(root, QStringLiteral("public"), QStringLiteral("author_names")).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("view"));
        QVERIFY(!findTable(root, QStringLiteral("public"), QStringLiteral("x\"; drop table books;--")).isEmpty());
        QCOMPARE(findTable(root, QStringLiteral("app"), QStringLiteral("orders"))
                     .value(QStringLiteral("foreign_keys")).toArray().at(0).toObject()
                     .value(QStringLiteral("referred_schema")).toString(),
                 QStringLiteral("public"));
    }

    void tablesCountsExactlyOnRequest()
    {
        const Run exact = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_url, QStringLiteral("tables"),
                               QStringLiteral("--counts"), QStringLiteral("exact")});
        QVERIFY2(exact.exitCode == 0, qPrintable(describe(exact)));
        const QJsonObject authors = findTable(exact.json(), QStringLiteral("public"), QStringLiteral("authors"));
        QCOMPARE(authors.value(QStringLiteral("exact_rows")).toInt(), 42);
        QCOMPARE(authors.value(QStringLiteral("estimated_rows")).toInt(), 40);
        QCOMPARE(findTable(exact.json(), QStringLiteral("public"), QStringLiteral("x\"; drop table books;--"))
                     .value(QStringLiteral("exact_rows")).toInt(),
                 3);
        QVERIFY(findTable(exact.json(), QStringLiteral("public"), QStringLiteral("author_names"))
                    .value(QStringLiteral("exact_rows")).isNull());
        QVERIFY(!findTable(exact.json(), QStringLiteral("public"), QStringLiteral("books")).isEmpty()); // not dropped

        const Run none = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_url, QStringLiteral("tables"),
                              QStringLiteral("--counts=none")});
        QCOMPARE(none.exitCode, 0);
        const QJsonObject quiet = findTable(none.json(), QStringLiteral("public"), QStringLiteral("authors"));
        QVERIFY(quiet.value(QStringLiteral("estimated_rows")).isNull());
        QVERIFY(quiet.value(QStringLiteral("exact_rows")).isNull());
    }

    // A table the user may not read: its count fails, the others are still counted, and the
    // command says so with exit status 1.
    void aTableThatCannotBeCountedIsReported()
    {
        auto secret = m_cluster.psql(QStringLiteral("CREATE TABLE secrets (id int); REVOKE ALL ON secrets FROM PUBLIC;"),
                                     QStringLiteral("shop"));
        QVERIFY2(secret.ok(), qPrintable(secret.ok() ? QString() : secret.error().message));
        const Run run = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_url, QStringLiteral("tables"),
                             QStringLiteral("--counts"), QStringLiteral("exact")});
        auto dropped = m_cluster.psql(QStringLiteral("DROP TABLE secrets;"), QStringLiteral("shop"));
        QVERIFY(dropped.ok());
        QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
        const QJsonObject root = run.json();
        const QJsonArray errors = root.value(QStringLiteral("count_errors")).toArray();
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.at(0).toString().contains(QLatin1String("permission denied")), qPrintable(errors.at(0).toString()));
        QVERIFY(findTable(root, QStringLiteral("public"), QStringLiteral("secrets")).value(QStringLiteral("exact_rows")).isNull());
        QCOMPARE(findTable(root, QStringLiteral("public"), QStringLiteral("authors")).value(QStringLiteral("exact_rows")).toInt(), 42);
    }

    void tablesReadsOneSchema()
    {
        const Run run = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_url, QStringLiteral("tables"),
                             QStringLiteral("--schema"), QStringLiteral("app")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonArray tables = run.json().value(QStringLiteral("tables")).toArray();
        QCOMPARE(tables.size(), 1);
        QCOMPARE(tables.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("orders"));
        const Run missing = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_url, QStringLiteral("tables"),
                                 QStringLiteral("--schema"), QStringLiteral("nope")});
        QCOMPARE(missing.exitCode, 2);
        QCOMPARE(missing.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("db-unknown-schema"));
    }

    void tablesPrintsAReadableDescription()
    {
        const Run run = cli({QStringLiteral("--url"), m_url, QStringLiteral("tables"), QStringLiteral("--counts"),
                             QStringLiteral("exact")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QString& out = run.out;
        QVERIFY2(out.contains(QStringLiteral(":***@127.0.0.1:%1/shop (PostgreSQL): 6 tables, 1 views").arg(m_cluster.port())),
                 qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("Table \"public.authors\", 42 rows")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String(" id     | integer               | not null | nextval('authors_id_seq'::regclass) | PK")),
                 qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("\"authors_pkey\" PRIMARY KEY, btree (id)")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("\"books_title\" btree (lower(title))")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("FOREIGN KEY (author_id) REFERENCES public.authors(id) ON DELETE CASCADE")),
                 qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("Check constraints:")), qPrintable(out));
        QVERIFY(!out.contains(m_cluster.password()));
    }

    void tablesReadsSqlite()
    {
        const Run run = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_sqliteUrl, QStringLiteral("tables"),
                             QStringLiteral("--counts"), QStringLiteral("exact")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject notes = findTable(run.json(), QStringLiteral("main"), QStringLiteral("notes"));
        QCOMPARE(notes.value(QStringLiteral("exact_rows")).toInt(), 2);
        QCOMPARE(notes.value(QStringLiteral("columns")).toArray().at(1).toObject().value(QStringLiteral("default")).toString(),
                 QStringLiteral("''"));
        QCOMPARE(run.json().value(QStringLiteral("dialect")).toString(), QStringLiteral("sqlite"));
    }

    void showSqlPrintsTheCatalogQueries()
    {
        const Run run = cli({QStringLiteral("--json"), QStringLiteral("--url"), m_url, QStringLiteral("tables"),
                             QStringLiteral("--show-sql"), QStringLiteral("--schema"), QStringLiteral("o'brien")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonArray queries = run.json().value(QStringLiteral("queries")).toArray();
        QCOMPARE(queries.size(), 6);
        for (const QJsonValue& q : queries) {
            QVERIFY(q.toString().startsWith(QLatin1String("SELECT ")));
            QVERIFY2(q.toString().contains(QLatin1String("n.nspname = 'o''brien'")), qPrintable(q.toString()));
        }
        // they run as they are
        auto ran = m_cluster.psql(queries.at(1).toString() + QLatin1Char(';'), QStringLiteral("shop"));
        QVERIFY2(ran.ok(), qPrintable(ran.ok() ? QString() : ran.error().message));
    }

    void cleanupTestCase() { m_cluster.stop(); }
};

QTEST_GUILESS_MAIN(TestCliDb)
#include "tst_CliDb.moc"
