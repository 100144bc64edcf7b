// SchemaInspector on the real throwaway PostgreSQL and on real SQLite files: schemas beside
// public, every column/key/index kind, comments, views, hostile identifiers, estimated vs exact
// row counts, progress and cancel of exact counting.

#include "core/db/Connection.h"
#include "core/db/SchemaInspector.h"
#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

namespace {

const QString kHostile = QStringLiteral("x\"; drop table y;--");
const QString kHostileSql = QStringLiteral("\"x\"\"; drop table y;--\"");

QString describe(const Error& e)
{
    return e.code + QStringLiteral(": ") + e.message;
}

const QStringList kPgSchema = {
    QStringLiteral("CREATE TABLE authors (id serial PRIMARY KEY, name varchar(80) NOT NULL UNIQUE, email text, "
                   "created_at timestamptz NOT NULL DEFAULT now(), CONSTRAINT name_not_empty CHECK (length(name) > 0))"),
    QStringLiteral("COMMENT ON TABLE authors IS 'People who write books'"),
    QStringLiteral("COMMENT ON COLUMN authors.email IS 'may be null'"),
    QStringLiteral("CREATE TABLE books (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                   "author_id int NOT NULL REFERENCES authors (id) ON DELETE CASCADE, isbn char(13), "
                   "price numeric(10,2) CONSTRAINT price_positive CHECK (price >= 0), title text, "
                   "double_price numeric GENERATED ALWAYS AS (price * 2) STORED, "
                   "CONSTRAINT books_author_isbn UNIQUE (author_id, isbn))"),
    QStringLiteral("CREATE INDEX books_lower_title ON books (lower(title))"),
    QStringLiteral("CREATE INDEX books_expensive ON books (price) WHERE price > 100"),
    QStringLiteral("CREATE UNIQUE INDEX books_title_author ON books USING btree (title, author_id)"),
    QStringLiteral("CREATE VIEW author_names AS SELECT name FROM authors"),
    QStringLiteral("CREATE SCHEMA app"),
    QStringLiteral("CREATE TABLE app.order_heads (region char(2), number int, PRIMARY KEY (region, number))"),
    QStringLiteral("CREATE TABLE app.order_lines (region char(2), number int, line int, book_id bigint "
                   "REFERENCES public.books (id) ON UPDATE RESTRICT, quantity int DEFAULT 1, "
                   "PRIMARY KEY (region, number, line), CONSTRAINT lines_head FOREIGN KEY (region, number) "
                   "REFERENCES app.order_heads (region, number) ON DELETE SET NULL)"),
    QStringLiteral("CREATE MATERIALIZED VIEW app.totals AS SELECT region, count(*) AS n FROM app.order_lines GROUP BY region"),
    QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"),
    QStringLiteral("ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'"),
    QStringLiteral("CREATE TYPE app.\"Status\" AS ENUM ('new', 'done')"),
    QStringLiteral("CREATE TABLE y (id int)"),
    QStringLiteral("CREATE TABLE \"x\"\"; drop table y;--\" (\"we\"\"ird col\" int PRIMARY KEY)"),
    QStringLiteral("INSERT INTO \"x\"\"; drop table y;--\" SELECT generate_series(1, 7)"),
    QStringLiteral("CREATE TABLE \"a.b\" (id int)"),
    QStringLiteral("INSERT INTO \"a.b\" VALUES (1), (2)"),
    QStringLiteral("CREATE TABLE never_analyzed (n int)"),
    QStringLiteral("INSERT INTO never_analyzed SELECT generate_series(1, 1000)"),
    QStringLiteral("CREATE TABLE analyzed (n int)"),
    QStringLiteral("INSERT INTO analyzed SELECT generate_series(1, 500)"),
    QStringLiteral("ANALYZE analyzed"),
    QStringLiteral("INSERT INTO analyzed SELECT generate_series(1, 20)"), // stale statistics: exact = 520
};

const QStringList kSqliteSchema = {
    QStringLiteral("PRAGMA foreign_keys = ON"),
    QStringLiteral("CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL UNIQUE, "
                   "email TEXT DEFAULT 'none', CONSTRAINT name_not_empty CHECK (length(name) > 0))"),
    QStringLiteral("CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors "
                   "ON DELETE CASCADE, isbn CHAR(13), price NUMERIC(10,2) CHECK (price >= 0 /* not ) here */), "
                   "title TEXT, note TEXT DEFAULT 'check (x)', UNIQUE (author_id, isbn))"),
    QStringLiteral("CREATE INDEX books_lower_title ON books (lower(title))"),
    QStringLiteral("CREATE INDEX books_expensive ON books (price) WHERE price > 100"),
    QStringLiteral("CREATE VIEW author_names AS SELECT name FROM authors"),
    QStringLiteral("CREATE TABLE order_lines (region TEXT, number INTEGER, line INTEGER, PRIMARY KEY (region, number, line)) "
                   "WITHOUT ROWID"),
    QStringLiteral("CREATE TABLE y (id int)"),
    QStringLiteral("CREATE TABLE \"x\"\"; drop table y;--\" (\"we\"\"ird col\" int PRIMARY KEY)"),
    QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 7) "
                   "INSERT INTO \"x\"\"; drop table y;--\" SELECT n FROM s"),
    QStringLiteral("CREATE TABLE \"a.b\" (id int)"),
    QStringLiteral("INSERT INTO \"a.b\" VALUES (1), (2)"),
    QStringLiteral("CREATE TABLE analyzed (n int)"),
    QStringLiteral("CREATE INDEX analyzed_n ON analyzed (n)"),
    QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 500) "
                   "INSERT INTO analyzed SELECT n FROM s"),
    QStringLiteral("ANALYZE"),
    QStringLiteral("INSERT INTO analyzed VALUES (1), (2)"),
};

} // namespace

class TestSchemaInspector : public QObject
{
    Q_OBJECT

private:
    PgCluster m_cluster;
    QTemporaryDir m_dir;
    QString m_pgUrl;
    QString m_sqliteUrl;
    std::unique_ptr<ScopedConnection> m_pg;
    std::unique_ptr<ScopedConnection> m_sqlite;
    SchemaSnapshot m_pgSnapshot;
    SchemaSnapshot m_sqliteSnapshot;

    const SchemaSnapshot& snapshot(const QString& dialect) const
    {
        return dialect == QLatin1String("postgresql") ? m_pgSnapshot : m_sqliteSnapshot;
    }
    QString schemaOf(const QString& dialect) const
    {
        return dialect == QLatin1String("postgresql") ? QStringLiteral("public") : QStringLiteral("main");
    }
    QSqlDatabase db(const QString& dialect) const
    {
        return dialect == QLatin1String("postgresql") ? m_pg->database() : m_sqlite->database();
    }

    static void bothDialects()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        QVERIFY(m_cluster.createDatabase(QStringLiteral("shop")).ok());
        m_pgUrl = m_cluster.url(QStringLiteral("shop"));
        m_pg = connectTo(m_pgUrl);
        QVERIFY(m_pg);
        QVERIFY(execAll(m_pg->database(), kPgSchema));

        const QString path = m_dir.filePath(QStringLiteral("shop.db"));
        QVERIFY(writeSqliteFile(path, kSqliteSchema));
        m_sqliteUrl = QStringLiteral("sqlite:///") + path;
        m_sqlite = connectTo(m_sqliteUrl);
        QVERIFY(m_sqlite);

        auto pg = SchemaInspector::inspect(m_pg->database());
        QVERIFY2(pg.ok(), qPrintable(pg.ok() ? QString() : describe(pg.error())));
        m_pgSnapshot = *pg;
        auto lite = SchemaInspector::inspect(m_sqlite->database());
        QVERIFY2(lite.ok(), qPrintable(lite.ok() ? QString() : describe(lite.error())));
        m_sqliteSnapshot = *lite;
    }

    void listsNonSystemSchemas()
    {
        QCOMPARE(m_pgSnapshot.schemas, (QStringList{QStringLiteral("app"), QStringLiteral("public")}));
        QCOMPARE(m_pgSnapshot.defaultSchema, QStringLiteral("public"));
        QCOMPARE(m_sqliteSnapshot.schemas, QStringList{QStringLiteral("main")});
    }

    void listsTablesAndViewsWithTheirKinds_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("kind");
        QTest::newRow("a postgresql table") << "postgresql" << "public" << "authors" << "table";
        QTest::newRow("a postgresql view") << "postgresql" << "public" << "author_names" << "view";
        QTest::newRow("a table in another postgresql schema") << "postgresql" << "app" << "order_lines" << "table";
        QTest::newRow("a postgresql materialized view") << "postgresql" << "app" << "totals" << "materialized_view";
        QTest::newRow("a postgresql table with a hostile name") << "postgresql" << "public" << kHostile << "table";
        QTest::newRow("a sqlite table") << "sqlite" << "main" << "authors" << "table";
        QTest::newRow("a sqlite view") << "sqlite" << "main" << "author_names" << "view";
        QTest::newRow("a sqlite table with a hostile name") << "sqlite" << "main" << kHostile << "table";
    }

    void listsTablesAndViewsWithTheirKinds()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, schema);
        QFETCH(QString, name);
        QFETCH(QString, kind);
        const TableInfo* table = snapshot(dialect).table(schema, name);
        QVERIFY2(table, qPrintable(schema + QLatin1Char('.') + name));
        QCOMPARE(tableKindName(table->kind), kind);
    }

    void internalTablesAreNotListed()
    {
        for (const TableInfo& t : std::as_const(m_sqliteSnapshot.tables))
            QVERIFY2(!t.name.startsWith(QLatin1String("sqlite_")), qPrintable(t.name));
        for (const TableInfo& t : std::as_const(m_pgSnapshot.tables))
            QVERIFY2(t.schema == QLatin1String("public") || t.schema == QLatin1String("app"), qPrintable(t.schema));
    }

    void describesColumns_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("nullable");
        QTest::addColumn<QString>("defaultValue");
        QTest::addColumn<bool>("primaryKey");
        const QString pg = QStringLiteral("postgresql");
        const QString lite = QStringLiteral("sqlite");
        QTest::newRow("postgresql: a serial primary key") << pg << "authors" << "id" << "integer" << false
                                                          << "nextval('authors_id_seq'::regclass)" << true;
        QTest::newRow("postgresql: a varchar with a length") << pg << "authors" << "name" << "character varying(80)" << false
                                                             << "" << false;
        QTest::newRow("postgresql: a nullable text") << pg << "authors" << "email" << "text" << true << "" << false;
        QTest::newRow("postgresql: a timestamp with a default") << pg << "authors" << "created_at"
                                                                << "timestamp with time zone" << false << "now()" << false;
        QTest::newRow("postgresql: an identity column") << pg << "books" << "id" << "bigint" << false
                                                        << "generated always as identity" << true;
        QTest::newRow("postgresql: a fixed char") << pg << "books" << "isbn" << "character(13)" << true << "" << false;
        QTest::newRow("postgresql: a numeric with precision") << pg << "books" << "price" << "numeric(10,2)" << true << ""
                                                              << false;
        QTest::newRow("postgresql: a generated column") << pg << "books" << "double_price" << "numeric" << true
                                                        << "generated always as ((price * (2)::numeric)) stored" << false;
        QTest::newRow("sqlite: an integer primary key is the rowid") << lite << "authors" << "id" << "INTEGER" << false << ""
                                                                     << true;
        QTest::newRow("sqlite: a declared varchar type is kept") << lite << "authors" << "name" << "VARCHAR(80)" << false
                                                                 << "" << false;
        QTest::newRow("sqlite: a string default keeps its quotes") << lite << "authors" << "email" << "TEXT" << true
                                                                   << "'none'" << false;
        QTest::newRow("sqlite: a numeric with precision") << lite << "books" << "price" << "NUMERIC(10,2)" << true << ""
                                                          << false;
        QTest::newRow("sqlite: a composite key column") << lite << "order_lines" << "number" << "INTEGER" << false << ""
                                                        << true;
    }

    void describesColumns()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, table);
        QFETCH(QString, column);
        QFETCH(QString, type);
        QFETCH(bool, nullable);
        QFETCH(QString, defaultValue);
        QFETCH(bool, primaryKey);
        const TableInfo* t = snapshot(dialect).table(schemaOf(dialect), table);
        QVERIFY(t);
        const ColumnInfo* c = t->column(column);
        QVERIFY(c);
        QCOMPARE(c->type, type);
        QCOMPARE(c->nullable, nullable);
        QCOMPARE(c->defaultValue, defaultValue);
        QCOMPARE(c->primaryKey, primaryKey);
    }

    void keepsColumnOrder()
    {
        const TableInfo* books = m_pgSnapshot.table(QStringLiteral("public"), QStringLiteral("books"));
        QVERIFY(books);
        QStringList names;
        for (const ColumnInfo& c : books->columns)
            names << c.name;
        QCOMPARE(names, (QStringList{QStringLiteral("id"), QStringLiteral("author_id"), QStringLiteral("isbn"),
                                     QStringLiteral("price"), QStringLiteral("title"), QStringLiteral("double_price")}));
    }

    void readsPrimaryKeysInKeyOrder_data() { bothDialects(); }
    void readsPrimaryKeysInKeyOrder()
    {
        QFETCH(QString, dialect);
        const QString schema = dialect == QLatin1String("postgresql") ? QStringLiteral("app") : QStringLiteral("main");
        const TableInfo* t = snapshot(dialect).table(schema, QStringLiteral("order_lines"));
        QVERIFY(t);
        QCOMPARE(t->primaryKey.columns, (QStringList{QStringLiteral("region"), QStringLiteral("number"), QStringLiteral("line")}));
        if (dialect == QLatin1String("postgresql"))
            QCOMPARE(t->primaryKey.name, QStringLiteral("order_lines_pkey"));
        const TableInfo* view = snapshot(dialect).table(schemaOf(dialect), QStringLiteral("author_names"));
        QVERIFY(view);
        QVERIFY(view->primaryKey.columns.isEmpty());
    }

    void readsForeignKeys_data() { bothDialects(); }
    void readsForeignKeys()
    {
        QFETCH(QString, dialect);
        const TableInfo* books = snapshot(dialect).table(schemaOf(dialect), QStringLiteral("books"));
        QVERIFY(books);
        QCOMPARE(books->foreignKeys.size(), 1);
        const ForeignKeyInfo& fk = books->foreignKeys.first();
        QCOMPARE(fk.columns, QStringList{QStringLiteral("author_id")});
        QCOMPARE(fk.referredSchema, schemaOf(dialect));
        QCOMPARE(fk.referredTable, QStringLiteral("authors"));
        // SQLite's REFERENCES authors (no column) means authors' primary key
        QCOMPARE(fk.referredColumns, QStringList{QStringLiteral("id")});
        QCOMPARE(fk.onDelete, QStringLiteral("CASCADE"));
        QCOMPARE(fk.onUpdate, QStringLiteral("NO ACTION"));
    }

    void readsCompositeAndCrossSchemaForeignKeys()
    {
        const TableInfo* lines = m_pgSnapshot.table(QStringLiteral("app"), QStringLiteral("order_lines"));
        QVERIFY(lines);
        QCOMPARE(lines->foreignKeys.size(), 2);
        const ForeignKeyInfo& head = lines->foreignKeys.at(0); // ordered by name: lines_head, order_lines_book_id_fkey
        QCOMPARE(head.name, QStringLiteral("lines_head"));
        QCOMPARE(head.columns, (QStringList{QStringLiteral("region"), QStringLiteral("number")}));
        QCOMPARE(head.referredSchema, QStringLiteral("app"));
        QCOMPARE(head.referredTable, QStringLiteral("order_heads"));
        QCOMPARE(head.referredColumns, (QStringList{QStringLiteral("region"), QStringLiteral("number")}));
        QCOMPARE(head.onDelete, QStringLiteral("SET NULL"));
        const ForeignKeyInfo& book = lines->foreignKeys.at(1);
        QCOMPARE(book.referredSchema, QStringLiteral("public"));
        QCOMPARE(book.referredTable, QStringLiteral("books"));
        QCOMPARE(book.onUpdate, QStringLiteral("RESTRICT"));
    }

    void readsUniqueAndCheckConstraints_data() { bothDialects(); }
    void readsUniqueAndCheckConstraints()
    {
        QFETCH(QString, dialect);
        const bool pg = dialect == QLatin1String("postgresql");
        const TableInfo* authors = snapshot(dialect).table(schemaOf(dialect), QStringLiteral("authors"));
        const TableInfo* books = snapshot(dialect).table(schemaOf(dialect), QStringLiteral("books"));
        QVERIFY(authors && books);
        QCOMPARE(authors->uniqueConstraints.size(), 1);
        QCOMPARE(authors->uniqueConstraints.first().columns, QStringList{QStringLiteral("name")});
        QCOMPARE(books->uniqueConstraints.size(), 1);
        QCOMPARE(books->uniqueConstraints.first().columns, (QStringList{QStringLiteral("author_id"), QStringLiteral("isbn")}));
        if (pg)
            QCOMPARE(books->uniqueConstraints.first().name, QStringLiteral("books_author_isbn"));

        QCOMPARE(authors->checkConstraints.size(), 1);
        QCOMPARE(authors->checkConstraints.first().name, QStringLiteral("name_not_empty"));
        QCOMPARE(authors->checkConstraints.first().expression,
                 pg ? QStringLiteral("CHECK (length(name::text) > 0)") : QStringLiteral("CHECK (length(name) > 0)"));
        QCOMPARE(books->checkConstraints.size(), 1);
        if (pg) {
            QCOMPARE(books->checkConstraints.first().name, QStringLiteral("price_positive"));
            QCOMPARE(books->checkConstraints.first().expression, QStringLiteral("CHECK (price >= 0::numeric)"));
        } else {
            // comments and strings that mention CHECK or parentheses do not confuse the reader
            QCOMPARE(books->checkConstraints.first().expression, QStringLiteral("CHECK (price >= 0 /* not ) here */)"));
        }
    }

    void readsIndexes_data() { bothDialects(); }
    void readsIndexes()
    {
        QFETCH(QString, dialect);
        const bool pg = dialect == QLatin1String("postgresql");
        const TableInfo* books = snapshot(dialect).table(schemaOf(dialect), QStringLiteral("books"));
        QVERIFY(books);
        auto find = [books](const QString& name) -> const IndexInfo* {
            for (const IndexInfo& i : books->indexes) {
                if (i.name == name)
                    return &i;
            }
            return nullptr;
        };
        const IndexInfo* expression = find(QStringLiteral("books_lower_title"));
        QVERIFY(expression);
        QVERIFY(!expression->unique);
        QCOMPARE(expression->columns, QStringList{pg ? QStringLiteral("lower(title)") : QStringLiteral("<expression>")});
        const IndexInfo* partial = find(QStringLiteral("books_expensive"));
        QVERIFY(partial);
        QCOMPARE(partial->columns, QStringList{QStringLiteral("price")});
        QCOMPARE(partial->predicate, pg ? QStringLiteral("(price > (100)::numeric)") : QStringLiteral("price > 100"));
        if (pg) {
            const IndexInfo* pkey = find(QStringLiteral("books_pkey"));
            QVERIFY(pkey);
            QVERIFY(pkey->primary && pkey->unique && pkey->constraint);
            QCOMPARE(pkey->method, QStringLiteral("btree"));
            const IndexInfo* unique = find(QStringLiteral("books_title_author"));
            QVERIFY(unique);
            QVERIFY(unique->unique && !unique->constraint && !unique->primary);
            QCOMPARE(unique->columns, (QStringList{QStringLiteral("title"), QStringLiteral("author_id")}));
            QCOMPARE(books->indexes.size(), 5); // + books_author_isbn
        } else {
            QCOMPARE(books->indexes.size(), 3); // + the autoindex of UNIQUE (author_id, isbn)
        }
    }

    void readsComments()
    {
        const TableInfo* authors = m_pgSnapshot.table(QStringLiteral("public"), QStringLiteral("authors"));
        QVERIFY(authors);
        QCOMPARE(authors->comment, QStringLiteral("People who write books"));
        QCOMPARE(authors->column(QStringLiteral("email"))->comment, QStringLiteral("may be null"));
        QCOMPARE(authors->column(QStringLiteral("name"))->comment, QString());
    }

    void readsHostileIdentifiersAsNames_data() { bothDialects(); }
    void readsHostileIdentifiersAsNames()
    {
        QFETCH(QString, dialect);
        const TableInfo* hostile = snapshot(dialect).table(schemaOf(dialect), kHostile);
        QVERIFY(hostile);
        QCOMPARE(hostile->columns.size(), 1);
        QCOMPARE(hostile->columns.first().name, QStringLiteral("we\"ird col"));
        QCOMPARE(hostile->primaryKey.columns, QStringList{QStringLiteral("we\"ird col")});
    }

    void onlyTheRequestedSchemaIsRead()
    {
        InspectOptions options;
        options.schema = QStringLiteral("app");
        auto app = SchemaInspector::inspect(m_pg->database(), options);
        QVERIFY(app.ok());
        QCOMPARE(app->schemas, QStringList{QStringLiteral("app")});
        QStringList names;
        for (const TableInfo& t : std::as_const(app->tables))
            names << t.schema + QLatin1Char('.') + t.name;
        QCOMPARE(names, (QStringList{QStringLiteral("app.order_heads"), QStringLiteral("app.order_lines"),
                                     QStringLiteral("app.totals")}));
        // a foreign key into a schema that was not read still names its target
        QCOMPARE(app->table(QStringLiteral("app"), QStringLiteral("order_lines"))->foreignKeys.at(1).referredColumns,
                 QStringList{QStringLiteral("id")});
        options.schema = QStringLiteral("no_such_schema");
        auto none = SchemaInspector::inspect(m_pg->database(), options);
        QVERIFY(none.ok());
        QVERIFY(none->tables.isEmpty());
        options.includeViews = false;
        options.schema.clear();
        auto noViews = SchemaInspector::inspect(m_sqlite->database(), options);
        QVERIFY(noViews.ok());
        QVERIFY(!noViews->table(QStringLiteral("main"), QStringLiteral("author_names")));
        QVERIFY(noViews->table(QStringLiteral("main"), QStringLiteral("authors")));
    }

    // PostgreSQL enum types with their labels in sort order (ADD VALUE BEFORE places a label);
    // SQLite has none. A schema filter applies to them too.
    void readsEnumTypes()
    {
        QCOMPARE(m_pgSnapshot.enums.size(), 2);
        QCOMPARE(m_pgSnapshot.enums.at(0).schema, QStringLiteral("app"));
        QCOMPARE(m_pgSnapshot.enums.at(0).name, QStringLiteral("Status"));
        QCOMPARE(m_pgSnapshot.enums.at(0).labels, (QStringList{QStringLiteral("new"), QStringLiteral("done")}));
        QCOMPARE(m_pgSnapshot.enums.at(1).schema, QStringLiteral("public"));
        QCOMPARE(m_pgSnapshot.enums.at(1).name, QStringLiteral("mood"));
        QCOMPARE(m_pgSnapshot.enums.at(1).labels,
                 (QStringList{QStringLiteral("sad"), QStringLiteral("meh"), QStringLiteral("ok"), QStringLiteral("happy")}));
        QVERIFY(m_sqliteSnapshot.enums.isEmpty());
        InspectOptions options;
        options.schema = QStringLiteral("public");
        auto publicOnly = SchemaInspector::inspect(m_pg->database(), options);
        QVERIFY(publicOnly.ok());
        QCOMPARE(publicOnly->enums.size(), 1);
        QCOMPARE(publicOnly->enums.first().name, QStringLiteral("mood"));
    }

    // SQLite's schemas are the attached databases; the pragma functions are asked about each.
    void readsAttachedSqliteDatabases()
    {
        const QString other = m_dir.filePath(QStringLiteral("archive.db"));
        QVERIFY(writeSqliteFile(other, {QStringLiteral("CREATE TABLE old_orders (id INTEGER PRIMARY KEY, note TEXT NOT NULL)"),
                                        QStringLiteral("CREATE INDEX old_orders_note ON old_orders (note)")}));
        auto connection = connectTo(m_sqliteUrl);
        QVERIFY(connection);
        QVERIFY(execAll(connection->database(), {QStringLiteral("ATTACH DATABASE '%1' AS archive").arg(other)}));
        auto snapshot = SchemaInspector::inspect(connection->database());
        QVERIFY2(snapshot.ok(), qPrintable(snapshot.ok() ? QString() : describe(snapshot.error())));
        QCOMPARE(snapshot->schemas, (QStringList{QStringLiteral("main"), QStringLiteral("archive")}));
        const TableInfo* orders = snapshot->table(QStringLiteral("archive"), QStringLiteral("old_orders"));
        QVERIFY(orders);
        QCOMPARE(orders->columns.size(), 2);
        QCOMPARE(orders->primaryKey.columns, QStringList{QStringLiteral("id")});
        QCOMPARE(orders->indexes.size(), 1);
        QCOMPARE(orders->indexes.first().columns, QStringList{QStringLiteral("note")});
        QVERIFY(!snapshot->table(QStringLiteral("archive"), QStringLiteral("authors")));
        auto count = SchemaInspector::countRows(connection->database(), QStringLiteral("archive"), QStringLiteral("old_orders"));
        QVERIFY(count.ok());
        QCOMPARE(*count, qint64(0));
    }

    void estimatesRowsFromStatistics()
    {
        // PostgreSQL 14+: reltuples = -1 until the first VACUUM/ANALYZE (autovacuum is off in the
        // test cluster), so the estimate is unknown rather than a wrong 0.
        QCOMPARE(m_pgSnapshot.table(QStringLiteral("public"), QStringLiteral("never_analyzed"))->estimatedRows, -1);
        QCOMPARE(m_pgSnapshot.table(QStringLiteral("public"), QStringLiteral("analyzed"))->estimatedRows, 500);
        QCOMPARE(m_pgSnapshot.table(QStringLiteral("public"), QStringLiteral("author_names"))->estimatedRows, -1);
        // SQLite: sqlite_stat1 after ANALYZE; tables without statistics stay unknown
        QCOMPARE(m_sqliteSnapshot.table(QStringLiteral("main"), QStringLiteral("analyzed"))->estimatedRows, 500);
        QCOMPARE(m_sqliteSnapshot.table(QStringLiteral("main"), QStringLiteral("y"))->estimatedRows, -1);
    }

    void countsExactRows_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("rows");
        for (const QString& d : {QStringLiteral("postgresql"), QStringLiteral("sqlite")}) {
            const QByteArray tag = d.toUtf8();
            QTest::addRow("%s: a table with stale statistics", tag.constData()) << d << QStringLiteral("analyzed") << qint64(d == QLatin1String("postgresql") ? 520 : 502);
            QTest::addRow("%s: a hostile name is counted, not executed", tag.constData()) << d << kHostile << qint64(7);
            QTest::addRow("%s: a name with a dot is one identifier", tag.constData()) << d << QStringLiteral("a.b") << qint64(2);
            QTest::addRow("%s: an empty table", tag.constData()) << d << QStringLiteral("y") << qint64(0);
        }
    }

    void countsExactRows()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, name);
        QFETCH(qint64, rows);
        auto count = SchemaInspector::countRows(db(dialect), schemaOf(dialect), name);
        QVERIFY2(count.ok(), qPrintable(count.ok() ? QString() : describe(count.error())));
        QCOMPARE(*count, rows);
        QSqlQuery query(db(dialect));
        QVERIFY2(query.exec(QStringLiteral("SELECT count(*) FROM y")), "table y was dropped by a hostile name");
    }

    void aMissingTableIsACountError()
    {
        auto count = SchemaInspector::countRows(m_pg->database(), QStringLiteral("public"), QStringLiteral("gone"));
        QVERIFY(!count.ok());
        QCOMPARE(count.error().code, QStringLiteral("db-query"));
        QVERIFY2(count.error().message.contains(QLatin1String("\"public\".\"gone\"")), qPrintable(count.error().message));
    }

    void countingStopsBetweenTablesWhenCancelled()
    {
        QVector<TableRef> tables;
        for (const QString& name : {QStringLiteral("authors"), QStringLiteral("books"), QStringLiteral("y"),
                                    QStringLiteral("analyzed"), QStringLiteral("a.b")})
            tables.append({QStringLiteral("public"), name});
        std::atomic_bool cancel{false};
        QVector<int> progress;
        const QVector<RowCount> counts =
            SchemaInspector::countRows(m_pg->database(), tables, cancel, [&](int done, int total, const RowCount& c) {
                QCOMPARE(total, 5);
                QVERIFY(c.ok());
                progress << done;
                if (done == 2)
                    cancel = true;
            });
        QCOMPARE(counts.size(), 2);
        QCOMPARE(progress, (QVector<int>{1, 2}));
        QCOMPARE(counts.at(1).name, QStringLiteral("books"));
    }

    void countsOnAWorkerWithProgress_data() { bothDialects(); }
    void countsOnAWorkerWithProgress()
    {
        QFETCH(QString, dialect);
        const bool pg = dialect == QLatin1String("postgresql");
        QVector<TableRef> tables;
        for (const TableInfo& t : snapshot(dialect).tables) {
            if (!t.isView())
                tables.append({t.schema, t.name});
        }
        auto url = DatabaseUrl::parse(pg ? m_pgUrl : m_sqliteUrl);
        QVERIFY(url.ok());
        QFutureWatcher<RowCount> watcher;
        QSignalSpy progress(&watcher, &QFutureWatcher<RowCount>::progressValueChanged);
        QSignalSpy results(&watcher, &QFutureWatcher<RowCount>::resultReadyAt);
        watcher.setFuture(SchemaInspector::countRowsAsync(*url, tables));
        QTRY_VERIFY_WITH_TIMEOUT(watcher.isFinished(), 30000);
        QCOMPARE(watcher.future().resultCount(), tables.size());
        QCOMPARE(watcher.progressMaximum(), int(tables.size()));
        QCOMPARE(watcher.progressValue(), int(tables.size()));
        QTRY_VERIFY(!progress.isEmpty());
        QTRY_VERIFY(!results.isEmpty());
        const QList<RowCount> counts = watcher.future().results();
        for (int i = 0; i < counts.size(); ++i) {
            QVERIFY2(counts.at(i).ok(), qPrintable(describe(counts.at(i).error)));
            QCOMPARE(counts.at(i).name, tables.at(i).name);
            if (counts.at(i).name == kHostile)
                QCOMPARE(counts.at(i).rows, qint64(7));
        }
    }

    // Cancel while the worker is inside a count: a lock held by this test blocks the count of
    // the third table. The cancel interrupts that count on the server (the lock is still held
    // when the future finishes), and the worker stops there: it never reaches the fourth table,
    // whose count a second lock would block.
    void cancelInTheMiddleOfCounting()
    {
        auto lockThird = connectTo(m_pgUrl);
        auto lockFourth = connectTo(m_pgUrl);
        QVERIFY(lockThird && lockFourth);
        QVERIFY(execAll(lockThird->database(), {QStringLiteral("BEGIN"), QStringLiteral("LOCK TABLE y IN ACCESS EXCLUSIVE MODE")}));
        QVERIFY(execAll(lockFourth->database(),
                        {QStringLiteral("BEGIN"), QStringLiteral("LOCK TABLE analyzed IN ACCESS EXCLUSIVE MODE")}));
        QVector<TableRef> tables;
        for (const QString& name : {QStringLiteral("authors"), QStringLiteral("books"), QStringLiteral("y"),
                                    QStringLiteral("analyzed"), QStringLiteral("a.b")})
            tables.append({QStringLiteral("public"), name});
        auto url = DatabaseUrl::parse(m_pgUrl);
        QVERIFY(url.ok());
        QFuture<RowCount> future = SchemaInspector::countRowsAsync(*url, tables);
        QTRY_COMPARE_WITH_TIMEOUT(future.progressValue(), 2, 15000);
        QTest::qWait(200);
        QVERIFY(!future.isFinished()); // blocked on table y
        future.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000);
        QVERIFY(execAll(lockThird->database(), {QStringLiteral("ROLLBACK")}));
        QVERIFY(execAll(lockFourth->database(), {QStringLiteral("ROLLBACK")}));
        QVERIFY(future.isCanceled());
        QCOMPARE(future.resultCount(), 2); // results after the cancel are dropped
        QCOMPARE(future.resultAt(1).name, QStringLiteral("books"));
    }

    void aConnectionFailureIsOneResult()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://u:pw@127.0.0.1:%1/x").arg(PgCluster::freePort()));
        QVERIFY(url.ok());
        QFuture<RowCount> future = SchemaInspector::countRowsAsync(*url, {{QStringLiteral("public"), QStringLiteral("t")}});
        future.waitForFinished();
        QCOMPARE(future.resultCount(), 1);
        QCOMPARE(future.resultAt(0).error.code, QStringLiteral("db-unreachable"));
        const Result<SchemaSnapshot> inspected = SchemaInspector::inspectAsync(*url).result();
        QVERIFY(!inspected.ok());
        QCOMPARE(inspected.error().code, QStringLiteral("db-unreachable"));
    }

    void inspectsOnAWorker()
    {
        auto url = DatabaseUrl::parse(m_pgUrl);
        QVERIFY(url.ok());
        const Result<SchemaSnapshot> inspected = SchemaInspector::inspectAsync(*url).result();
        QVERIFY2(inspected.ok(), qPrintable(inspected.ok() ? QString() : describe(inspected.error())));
        QCOMPARE(inspected->tables.size(), m_pgSnapshot.tables.size());
    }

    void aServerThatDisappearsIsAClearError()
    {
        auto connection = connectTo(m_pgUrl);
        QVERIFY(connection);
        QVERIFY(m_cluster.kill().ok());
        auto inspected = SchemaInspector::inspect(connection->database());
        const Status restarted = m_cluster.restart();
        QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error().message));
        QVERIFY(!inspected.ok());
        QCOMPARE(inspected.error().code, QStringLiteral("db-connection-lost"));
        QVERIFY(!inspected.error().message.contains(m_cluster.password()));
        m_pg = connectTo(m_pgUrl); // the shared connection died with the server
        QVERIFY(m_pg);
    }

    void cleanupTestCase()
    {
        m_pg.reset();
        m_sqlite.reset();
        m_cluster.stop();
    }
};

QTEST_GUILESS_MAIN(TestSchemaInspector)
#include "tst_SchemaInspector.moc"
