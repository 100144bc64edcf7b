// VersionTable on the real throwaway PostgreSQL and on SQLite files: no table, empty table, one
// and several heads, a custom version_table / version_table_schema, the search path, a table that
// is not a version table, and a hostile table name.

#include "core/db/Connection.h"
#include "core/db/VersionTable.h"
#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;


class TestVersionTable : public QObject
{
    Q_OBJECT

private:
    PgCluster m_cluster;
    QTemporaryDir m_dir;
    int m_dbCounter = 0;

    // A fresh PostgreSQL database per test function, prepared with `setup`.
    std::unique_ptr<ScopedConnection> freshPg(const QStringList& setup, const QString& urlSuffix = {})
    {
        const QString name = QStringLiteral("vt%1").arg(++m_dbCounter);
        if (!m_cluster.createDatabase(name).ok())
            return nullptr;
        auto connection = connectTo(m_cluster.url(name) + urlSuffix);
        if (!connection || !execAll(connection->database(), setup))
            return nullptr;
        return connection;
    }

    std::unique_ptr<ScopedConnection> freshSqlite(const QStringList& setup)
    {
        const QString path = m_dir.filePath(QStringLiteral("vt%1.db").arg(++m_dbCounter));
        if (!writeSqliteFile(path, setup + QStringList{QStringLiteral("CREATE TABLE IF NOT EXISTS keep (id int)")}))
            return nullptr;
        return connectTo(QStringLiteral("sqlite:///") + path);
    }

    std::unique_ptr<ScopedConnection> fresh(const QString& dialect, const QStringList& setup)
    {
        return dialect == QLatin1String("postgresql") ? freshPg(setup) : freshSqlite(setup);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    }

    void readsTheDefaultTable_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QStringList>("setup");
        QTest::addColumn<bool>("exists");
        QTest::addColumn<QStringList>("revisions");

        const QString create = QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
        for (const QString& dialect : {QStringLiteral("postgresql"), QStringLiteral("sqlite")}) {
            const QByteArray d = dialect.toUtf8();
            QTest::addRow("%s: a database without the table is not under Alembic", d.constData())
                << dialect << QStringList{} << false << QStringList{};
            QTest::addRow("%s: an empty table means the database is at base", d.constData())
                << dialect << QStringList{create} << true << QStringList{};
            QTest::addRow("%s: one row is one current revision", d.constData())
                << dialect << QStringList{create, QStringLiteral("INSERT INTO alembic_version VALUES ('ae1027a6acf')")}
                << true << QStringList{QStringLiteral("ae1027a6acf")};
            QTest::addRow("%s: two rows are two applied heads", d.constData())
                << dialect
                << QStringList{create, QStringLiteral("INSERT INTO alembic_version VALUES ('b1')"),
                               QStringLiteral("INSERT INTO alembic_version VALUES ('a2')")}
                << true << QStringList{QStringLiteral("b1"), QStringLiteral("a2")};
            QTest::addRow("%s: a custom table is not the default one", d.constData())
                << dialect
                << QStringList{QStringLiteral("CREATE TABLE my_versions (version_num VARCHAR(32) NOT NULL)"),
                               QStringLiteral("INSERT INTO my_versions VALUES ('x1')")}
                << false << QStringList{};
        }
    }

    void readsTheDefaultTable()
    {
        QFETCH(QString, dialect);
        QFETCH(QStringList, setup);
        QFETCH(bool, exists);
        QFETCH(QStringList, revisions);
        auto connection = fresh(dialect, setup);
        QVERIFY(connection);
        auto state = VersionTable::read(connection->database());
        QVERIFY2(state.ok(), qPrintable(state.ok() ? QString() : state.error().message));
        QCOMPARE(state->tableExists, exists);
        QCOMPARE(state->revisions, revisions);
        QCOMPARE(state->table, QStringLiteral("alembic_version"));
    }

    void readsACustomTableAndSchema()
    {
        auto connection = freshPg({QStringLiteral("CREATE SCHEMA meta"),
                                   QStringLiteral("CREATE TABLE meta.schema_revisions (version_num VARCHAR(64) NOT NULL)"),
                                   QStringLiteral("INSERT INTO meta.schema_revisions VALUES ('c0ffee')"),
                                   // a decoy in public with the same name
                                   QStringLiteral("CREATE TABLE public.schema_revisions (version_num VARCHAR(64))"),
                                   QStringLiteral("INSERT INTO public.schema_revisions VALUES ('decoy')")});
        QVERIFY(connection);
        auto custom = VersionTable::read(connection->database(), QStringLiteral("schema_revisions"), QStringLiteral("meta"));
        QVERIFY2(custom.ok(), qPrintable(custom.ok() ? QString() : custom.error().message));
        QVERIFY(custom->tableExists);
        QCOMPARE(custom->revisions, QStringList{QStringLiteral("c0ffee")});
        QCOMPARE(custom->schema, QStringLiteral("meta"));
        auto unqualified = VersionTable::read(connection->database(), QStringLiteral("schema_revisions"));
        QVERIFY(unqualified.ok());
        QCOMPARE(unqualified->revisions, QStringList{QStringLiteral("decoy")});
        auto otherSchema = VersionTable::read(connection->database(), QStringLiteral("schema_revisions"), QStringLiteral("nope"));
        QVERIFY(otherSchema.ok());
        QVERIFY(!otherSchema->tableExists);
    }

    // Alembic's unqualified alembic_version goes through the search path, e.g. options=-csearch_path=app.
    void followsTheSearchPathOfTheUrl()
    {
        const QString name = QStringLiteral("vtsearch");
        QVERIFY(m_cluster.createDatabase(name).ok());
        auto setup = m_cluster.psqlAsUser(QStringLiteral("CREATE SCHEMA app; CREATE TABLE app.alembic_version "
                                                         "(version_num varchar(32) NOT NULL); "
                                                         "INSERT INTO app.alembic_version VALUES ('in_app');"),
                                          name);
        QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error().message));
        auto plain = connectTo(m_cluster.url(name));
        QVERIFY(plain);
        auto viaPublic = VersionTable::read(plain->database());
        QVERIFY(viaPublic.ok());
        QVERIFY(!viaPublic->tableExists);
        auto withPath = connectTo(m_cluster.url(name) + QStringLiteral("?options=-csearch_path%3Dapp"));
        QVERIFY(withPath);
        auto viaApp = VersionTable::read(withPath->database());
        QVERIFY(viaApp.ok());
        QCOMPARE(viaApp->revisions, QStringList{QStringLiteral("in_app")});
    }

    void aTableWithoutVersionNumIsAnError_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }

    void aTableWithoutVersionNumIsAnError()
    {
        QFETCH(QString, dialect);
        auto connection = fresh(dialect, {QStringLiteral("CREATE TABLE alembic_version (rev VARCHAR(32))")});
        QVERIFY(connection);
        auto state = VersionTable::read(connection->database());
        QVERIFY(!state.ok());
        QCOMPARE(state.error().code, QStringLiteral("db-version-table"));
        QVERIFY2(state.error().message.contains(QLatin1String("version_num")), qPrintable(state.error().message));
    }

    void aHostileTableNameIsOneIdentifier_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }

    void aHostileTableNameIsOneIdentifier()
    {
        QFETCH(QString, dialect);
        const QString hostile = QStringLiteral("v\"; drop table keep;--");
        auto connection = fresh(dialect, {QStringLiteral("CREATE TABLE IF NOT EXISTS keep (id int)"),
                                          QStringLiteral("CREATE TABLE \"v\"\"; drop table keep;--\" (version_num VARCHAR(32))"),
                                          QStringLiteral("INSERT INTO \"v\"\"; drop table keep;--\" VALUES ('h1')")});
        QVERIFY(connection);
        auto state = VersionTable::read(connection->database(), hostile);
        QVERIFY2(state.ok(), qPrintable(state.ok() ? QString() : state.error().message));
        QCOMPARE(state->revisions, QStringList{QStringLiteral("h1")});
        QSqlQuery query(connection->database());
        QVERIFY2(query.exec(QStringLiteral("SELECT count(*) FROM keep")), "the table named in the hostile name was dropped");
    }

    void readsOnAWorkerThread()
    {
        const QString name = QStringLiteral("vtasync");
        QVERIFY(m_cluster.createDatabase(name).ok());
        QVERIFY(m_cluster.psqlAsUser(QStringLiteral("CREATE TABLE alembic_version (version_num varchar(32)); "
                                                    "INSERT INTO alembic_version VALUES ('w1');"), name).ok());
        auto url = DatabaseUrl::parse(m_cluster.url(name));
        QVERIFY(url.ok());
        const Result<VersionState> state = VersionTable::readAsync(*url).result();
        QVERIFY2(state.ok(), qPrintable(state.ok() ? QString() : state.error().message));
        QCOMPARE(state->revisions, QStringList{QStringLiteral("w1")});

        auto down = DatabaseUrl::parse(QStringLiteral("postgresql://u:pw@127.0.0.1:%1/x").arg(PgCluster::freePort()));
        QVERIFY(down.ok());
        const Result<VersionState> failed = VersionTable::readAsync(*down).result();
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, QStringLiteral("db-unreachable"));
    }

    void cleanupTestCase() { m_cluster.stop(); }
};

QTEST_GUILESS_MAIN(TestVersionTable)
#include "tst_VersionTable.moc"
