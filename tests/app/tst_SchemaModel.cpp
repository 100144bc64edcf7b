#include "app/schema/SchemaModel.h"

#include "core/db/Connection.h"
#include "core/db/SchemaInspector.h"
#include "support/PgCluster.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;
using namespace retort::app;

using Kind = SchemaModel::NodeKind;

class tst_SchemaModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sqliteTreeShape();
    void sqliteModelPassesTheTester();
    void postgresTwoSchemas();
    void exactCountReplacesTheEstimate();
    void rowCountFormatting_data();
    void rowCountFormatting();
    void filterKeepsAncestorsAndChildrenOfMatches();
    void sortingReordersTablesOnly();
    void replacingTheSnapshotResetsCleanly();
    void everyKindHasAnIcon();

private:
    SchemaSnapshot sqliteSnapshot();
    static QStringList childNames(const QAbstractItemModel& model, const QModelIndex& parent);
    static QModelIndex childNamed(const QAbstractItemModel& model, const QModelIndex& parent, const QString& name);

    QTemporaryDir m_dir;
    QString m_sqliteFile;
    PgCluster m_pg;
};

void tst_SchemaModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
    m_sqliteFile = m_dir.filePath(QStringLiteral("shop.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("setup"));
        db.setDatabaseName(m_sqliteFile);
        QVERIFY(db.open());
        QSqlQuery q(db);
        const QStringList statements = {
            QStringLiteral("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, "
                           "name TEXT, created_at TEXT DEFAULT CURRENT_TIMESTAMP)"),
            QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL "
                           "REFERENCES customers(id) ON DELETE CASCADE, total NUMERIC(10,2) CHECK (total >= 0))"),
            QStringLiteral("CREATE INDEX ix_orders_customer ON orders (customer_id)"),
            QStringLiteral("CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100"),
            QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"),
        };
        for (const QString& sql : statements)
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        QVERIFY(db.transaction());
        for (int i = 0; i < 1500; ++i)
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO customers (email, name) VALUES ('c%1@example.com', 'C %1')").arg(i)));
        for (int i = 0; i < 3000; ++i)
            QVERIFY(q.exec(QStringLiteral("INSERT INTO orders (customer_id, total) VALUES (%1, %2)")
                               .arg(i % 1500 + 1)
                               .arg(i % 250)));
        QVERIFY(db.commit());
        QVERIFY(q.exec(QStringLiteral("ANALYZE")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("setup"));

    const Status started = m_pg.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    QVERIFY(m_pg.createDatabase(QStringLiteral("shop")).ok());
    const Result<QString> made = m_pg.psqlAsUser(QStringLiteral(R"(
        CREATE SCHEMA sales;
        CREATE TABLE public.customers (id serial PRIMARY KEY, email varchar(200) NOT NULL UNIQUE);
        COMMENT ON TABLE public.customers IS 'People who buy things';
        CREATE TABLE sales.orders (id bigserial PRIMARY KEY,
                                   customer_id int NOT NULL REFERENCES public.customers(id),
                                   total numeric(10,2) NOT NULL DEFAULT 0 CHECK (total >= 0));
        CREATE INDEX ix_orders_customer ON sales.orders (customer_id);
        CREATE INDEX ix_orders_big ON sales.orders (total) WHERE total > 100;
        CREATE VIEW sales.big_orders AS SELECT * FROM sales.orders WHERE total > 100;
        CREATE MATERIALIZED VIEW sales.order_totals AS SELECT customer_id, sum(total) AS total FROM sales.orders GROUP BY customer_id;
        INSERT INTO public.customers (email) SELECT 'c' || g || '@example.com' FROM generate_series(1, 1200) g;
        INSERT INTO sales.orders (customer_id, total) SELECT (g % 1200) + 1, g % 300 FROM generate_series(1, 25000) g;
        ANALYZE;
    )"),
        QStringLiteral("shop"));
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().toString()));
}

SchemaSnapshot tst_SchemaModel::sqliteSnapshot()
{
    const Result<DatabaseUrl> url = DatabaseUrl::parse(QStringLiteral("sqlite:///") + m_sqliteFile);
    if (!url.ok())
        return {};
    auto connection = ScopedConnection::open(*url);
    if (!connection.ok())
        return {};
    Result<SchemaSnapshot> snapshot = SchemaInspector::inspect((*connection)->database());
    return snapshot.ok() ? *snapshot : SchemaSnapshot {};
}

QStringList tst_SchemaModel::childNames(const QAbstractItemModel& model, const QModelIndex& parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << model.index(row, 0, parent).data().toString();
    return names;
}

QModelIndex tst_SchemaModel::childNamed(const QAbstractItemModel& model, const QModelIndex& parent, const QString& name)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data().toString() == name)
            return index;
    }
    return {};
}

void tst_SchemaModel::sqliteTreeShape()
{
    const SchemaSnapshot snapshot = sqliteSnapshot();
    QVERIFY(!snapshot.tables.isEmpty());
    SchemaModel model;
    model.setSnapshot(snapshot);

    QCOMPARE(childNames(model, {}), QStringList { QStringLiteral("main") });
    const QModelIndex main = model.index(0, 0);
    QCOMPARE(Kind(main.data(SchemaModel::KindRole).toInt()), Kind::Schema);
    QCOMPARE(childNames(model, main),
        (QStringList { QStringLiteral("alembic_version"), QStringLiteral("big_orders"), QStringLiteral("customers"),
            QStringLiteral("orders") }));

    const QModelIndex orders = model.tableIndex(QStringLiteral("main"), QStringLiteral("orders"));
    QVERIFY(orders.isValid());
    QCOMPARE(Kind(orders.data(SchemaModel::KindRole).toInt()), Kind::Table);
    QCOMPARE(childNames(model, orders),
        (QStringList { QStringLiteral("Columns"), QStringLiteral("Keys"), QStringLiteral("Indexes") }));
    const QModelIndex columns = childNamed(model, orders, QStringLiteral("Columns"));
    QCOMPARE(childNames(model, columns),
        (QStringList { QStringLiteral("id"), QStringLiteral("customer_id"), QStringLiteral("total") }));
    QCOMPARE(Kind(model.index(0, 0, columns).data(SchemaModel::KindRole).toInt()), Kind::PrimaryKeyColumn);
    const QString customerType = model.index(1, int(SchemaModel::Column::Details), columns).data().toString();
    QVERIFY2(customerType.contains(QStringLiteral("INTEGER")) && customerType.contains(QStringLiteral("NOT NULL")),
        qPrintable(customerType));

    const QModelIndex keys = childNamed(model, orders, QStringLiteral("Keys"));
    bool sawForeignKey = false;
    for (int row = 0; row < model.rowCount(keys); ++row) {
        const QModelIndex key = model.index(row, 0, keys);
        if (Kind(key.data(SchemaModel::KindRole).toInt()) != Kind::ForeignKey)
            continue;
        sawForeignKey = true;
        const QString details = model.index(row, int(SchemaModel::Column::Details), keys).data().toString();
        QVERIFY2(details.contains(QStringLiteral("(customer_id) → customers(id)")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("ON DELETE CASCADE")), qPrintable(details));
    }
    QVERIFY(sawForeignKey);
    const QModelIndex indexes = childNamed(model, orders, QStringLiteral("Indexes"));
    QVERIFY(childNames(model, indexes).contains(QStringLiteral("ix_orders_customer")));

    const QModelIndex view = model.tableIndex(QStringLiteral("main"), QStringLiteral("big_orders"));
    QCOMPARE(Kind(view.data(SchemaModel::KindRole).toInt()), Kind::View);

    // ANALYZE wrote sqlite_stat1: estimates are shown with "≈" and right-aligned.
    const QModelIndex rows = orders.siblingAtColumn(int(SchemaModel::Column::Rows));
    QCOMPARE(rows.data(SchemaModel::RowCountRole).toLongLong(), 3000);
    QCOMPARE(rows.data(SchemaModel::RowCountIsExactRole).toBool(), false);
    QCOMPARE(rows.data().toString(), QStringLiteral("≈ 3,000"));
    QCOMPARE(Qt::Alignment(rows.data(Qt::TextAlignmentRole).toInt()), Qt::AlignRight | Qt::AlignVCenter);
    QCOMPARE(model.index(1, int(SchemaModel::Column::Details), columns).data(Qt::TextAlignmentRole), QVariant());
}

void tst_SchemaModel::sqliteModelPassesTheTester()
{
    SchemaModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SchemaFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(sqliteSnapshot());
    QVERIFY(model.rowCount() > 0);
    proxy.setFilterFixedString(QStringLiteral("email"));
    proxy.sort(int(SchemaModel::Column::Rows), Qt::DescendingOrder);
    proxy.setFilterFixedString(QString());
    QVERIFY(model.setExactCount(QStringLiteral("main"), QStringLiteral("customers"), 1500));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_SchemaModel::postgresTwoSchemas()
{
    const Result<DatabaseUrl> url = DatabaseUrl::parse(m_pg.url(QStringLiteral("shop")));
    QVERIFY(url.ok());
    auto connection = ScopedConnection::open(*url);
    QVERIFY2(connection.ok(), qPrintable(connection.ok() ? QString() : connection.error().toString()));
    const Result<SchemaSnapshot> snapshot = SchemaInspector::inspect((*connection)->database());
    QVERIFY2(snapshot.ok(), qPrintable(snapshot.ok() ? QString() : snapshot.error().toString()));

    SchemaModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SchemaFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(*snapshot);

    QCOMPARE(childNames(model, {}), (QStringList { QStringLiteral("public"), QStringLiteral("sales") }));
    const QModelIndex publicSchema = model.schemaIndex(QStringLiteral("public"));
    QVERIFY2(publicSchema.siblingAtColumn(1).data().toString().contains(QStringLiteral("default")),
        qPrintable(publicSchema.siblingAtColumn(1).data().toString()));
    const QModelIndex sales = model.schemaIndex(QStringLiteral("sales"));
    QCOMPARE(childNames(model, sales),
        (QStringList { QStringLiteral("big_orders"), QStringLiteral("order_totals"), QStringLiteral("orders") }));
    QCOMPARE(
        Kind(childNamed(model, sales, QStringLiteral("big_orders")).data(SchemaModel::KindRole).toInt()), Kind::View);
    QCOMPARE(Kind(childNamed(model, sales, QStringLiteral("order_totals")).data(SchemaModel::KindRole).toInt()),
        Kind::MaterializedView);

    const QModelIndex orders = model.tableIndex(QStringLiteral("sales"), QStringLiteral("orders"));
    QCOMPARE(orders.data(SchemaModel::SchemaNameRole).toString(), QStringLiteral("sales"));
    const QModelIndex keys = childNamed(model, orders, QStringLiteral("Keys"));
    QStringList keyDetails;
    for (int row = 0; row < model.rowCount(keys); ++row)
        keyDetails << model.index(row, 1, keys).data().toString();
    // A foreign key into another schema names that schema.
    QVERIFY2(keyDetails.join(QLatin1Char('|')).contains(QStringLiteral("(customer_id) → public.customers(id)")),
        qPrintable(keyDetails.join(QLatin1Char('|'))));
    const QModelIndex indexes = childNamed(model, orders, QStringLiteral("Indexes"));
    const QModelIndex partial = childNamed(model, indexes, QStringLiteral("ix_orders_big"));
    QVERIFY(partial.isValid());
    QVERIFY2(partial.siblingAtColumn(1).data().toString().contains(QStringLiteral("WHERE")),
        qPrintable(partial.siblingAtColumn(1).data().toString()));

    // After ANALYZE the estimate is exact enough to compare.
    const QModelIndex rows = orders.siblingAtColumn(int(SchemaModel::Column::Rows));
    QCOMPARE(rows.data(SchemaModel::RowCountRole).toLongLong(), 25000);
    QCOMPARE(rows.data().toString(), QStringLiteral("≈ 25,000"));
    const QModelIndex customers = model.tableIndex(QStringLiteral("public"), QStringLiteral("customers"));
    QVERIFY(customers.data(Qt::ToolTipRole).toString().contains(QStringLiteral("People who buy things")));

    // The filter finds a column in the other schema and keeps its ancestors.
    proxy.setFilterFixedString(QStringLiteral("customer_id"));
    QCOMPARE(childNames(proxy, {}), QStringList { QStringLiteral("sales") });
}

void tst_SchemaModel::exactCountReplacesTheEstimate()
{
    SchemaModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(sqliteSnapshot());
    const QModelIndex customers = model.tableIndex(QStringLiteral("main"), QStringLiteral("customers"));
    const QModelIndex rows = customers.siblingAtColumn(int(SchemaModel::Column::Rows));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setExactCount(QStringLiteral("main"), QStringLiteral("customers"), 1234567));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex(), rows);
    QCOMPARE(rows.data().toString(), QStringLiteral("1,234,567"));
    QCOMPARE(rows.data(SchemaModel::RowCountIsExactRole).toBool(), true);
    QVERIFY(!model.setExactCount(QStringLiteral("main"), QStringLiteral("nope"), 1));
    model.clearExactCounts();
    QCOMPARE(rows.data().toString(), QStringLiteral("≈ 1,500"));
}

void tst_SchemaModel::rowCountFormatting_data()
{
    QTest::addColumn<qint64>("rows");
    QTest::addColumn<bool>("exact");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("an exact count has thousands separators") << qint64(1234567) << true << "en_US"
                                                             << "1,234,567";
    QTest::newRow("an estimate is marked") << qint64(98000) << false << "en_US"
                                           << "≈ 98,000";
    QTest::newRow("zero rows is a number") << qint64(0) << true << "en_US"
                                           << "0";
    QTest::newRow("an unknown count shows nothing") << qint64(-1) << false << "en_US"
                                                    << "";
    QTest::newRow("Brazilian Portuguese groups with dots") << qint64(1234567) << true << "pt_BR"
                                                           << "1.234.567";
}

void tst_SchemaModel::rowCountFormatting()
{
    QFETCH(qint64, rows);
    QFETCH(bool, exact);
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    QCOMPARE(SchemaModel::formatRowCount(rows, exact, QLocale(locale)), expected);
}

void tst_SchemaModel::filterKeepsAncestorsAndChildrenOfMatches()
{
    SchemaModel model;
    model.setSnapshot(sqliteSnapshot());
    SchemaFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // A column name: its schema, table and "Columns" folder stay; other tables go.
    proxy.setFilterFixedString(QStringLiteral("EMAIL"));
    const QModelIndex main = proxy.index(0, 0);
    QCOMPARE(childNames(proxy, main), QStringList { QStringLiteral("customers") });
    const QModelIndex customers = proxy.index(0, 0, main);
    const QModelIndex columns = childNamed(proxy, customers, QStringLiteral("Columns"));
    QCOMPARE(childNames(proxy, columns), QStringList { QStringLiteral("email") });

    // A table name: the whole table shows, with all its columns.
    proxy.setFilterFixedString(QStringLiteral("orders"));
    QCOMPARE(childNames(proxy, main), (QStringList { QStringLiteral("big_orders"), QStringLiteral("orders") }));
    const QModelIndex orders = childNamed(proxy, main, QStringLiteral("orders"));
    QCOMPARE(proxy.rowCount(childNamed(proxy, orders, QStringLiteral("Columns"))), 3);

    // Folder names are not database names.
    proxy.setFilterFixedString(QStringLiteral("Indexes"));
    QCOMPARE(proxy.rowCount(), 0);
}

void tst_SchemaModel::sortingReordersTablesOnly()
{
    SchemaModel model;
    model.setSnapshot(sqliteSnapshot());
    SchemaFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(int(SchemaModel::Column::Rows), Qt::DescendingOrder);
    const QModelIndex main = proxy.index(0, 0);
    const QStringList byRows = childNames(proxy, main);
    QCOMPARE(byRows.mid(0, 2), (QStringList { QStringLiteral("orders"), QStringLiteral("customers") }));
    const QModelIndex orders = childNamed(proxy, main, QStringLiteral("orders"));
    // Columns keep their table order even in a descending sort.
    QCOMPARE(childNames(proxy, childNamed(proxy, orders, QStringLiteral("Columns"))),
        (QStringList { QStringLiteral("id"), QStringLiteral("customer_id"), QStringLiteral("total") }));
    proxy.sort(int(SchemaModel::Column::Name), Qt::DescendingOrder);
    QCOMPARE(childNames(proxy, main).first(), QStringLiteral("orders"));
}

void tst_SchemaModel::replacingTheSnapshotResetsCleanly()
{
    SchemaModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSnapshot(sqliteSnapshot());
    SchemaSnapshot smaller = model.snapshot();
    smaller.tables.removeLast();
    model.setSnapshot(smaller);
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(model.index(0, 0)), int(smaller.tables.size()));
    model.setSnapshot({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.isEmpty());
}

void tst_SchemaModel::everyKindHasAnIcon()
{
    const QMetaEnum kinds = QMetaEnum::fromType<Kind>();
    for (int i = 0; i < kinds.keyCount(); ++i) {
        const QIcon icon = SchemaModel::iconFor(Kind(kinds.value(i)));
        QVERIFY2(!icon.isNull(), kinds.key(i));
        const QImage image = icon.pixmap(16, 16).toImage();
        bool painted = false;
        for (int y = 0; y < image.height() && !painted; ++y)
            for (int x = 0; x < image.width() && !painted; ++x)
                painted = qAlpha(image.pixel(x, y)) > 0;
        QVERIFY2(painted, kinds.key(i));
    }
}

QTEST_MAIN(tst_SchemaModel)
#include "tst_SchemaModel.moc"
