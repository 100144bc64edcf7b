#include "app/schema/SchemaBrowser.h"

#include "app/schema/SchemaModel.h"
#include "core/db/DatabaseUrl.h"
#include "support/PgCluster.h"

#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace retort;
using namespace retort::app;

class tst_SchemaBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refreshLoadsTheTreeOnAWorker();
    void filterBoxFiltersTheTree();
    void exactCountsFillTheRowsColumn();
    void countingSelectedTablesOnly();
    void exactCountsCanBeCancelled();
    void reloadAfterAMigrationKeepsExpandedTables();
    void anUnreachableDatabaseIsReportedRedacted();
    void clearForgetsTheDatabase();
    void screenshot();

private:
    static DatabaseUrl url(const QString& text) { return *DatabaseUrl::parse(text); }
    bool execSqlite(const QString& sql);

    QTemporaryDir m_dir;
    QString m_sqliteUrl;
    PgCluster m_pg;
};

bool tst_SchemaBrowser::execSqlite(const QString& sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("setup"));
        db.setDatabaseName(m_dir.filePath(QStringLiteral("shop.db")));
        ok = db.open();
        QSqlQuery q(db);
        for (const QString& statement : sql.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (statement.trimmed().isEmpty())
                continue;
            if (!q.exec(statement)) {
                qWarning() << q.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("setup"));
    return ok;
}

void tst_SchemaBrowser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
    m_sqliteUrl = QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("shop.db"));
    QString sql = QStringLiteral(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);"
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total NUMERIC);"
        "CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL);"
        "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 1234) "
        "INSERT INTO customers (email) SELECT 'c' || n || '@example.com' FROM g;"
        "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 4321) "
        "INSERT INTO orders (customer_id, total) SELECT (n % 1234) + 1, n FROM g;");
    QVERIFY(execSqlite(sql));

    const Status started = m_pg.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    QVERIFY(m_pg.createDatabase(QStringLiteral("many")).ok());
    // 400 small tables in two schemas: enough that counting them all takes a while.
    const Result<QString> made = m_pg.psqlAsUser(QStringLiteral(R"(
        CREATE SCHEMA archive;
        DO $$ BEGIN
          FOR i IN 1..200 LOOP
            EXECUTE format('CREATE TABLE public.t%s (id int PRIMARY KEY, v text)', i);
            EXECUTE format('INSERT INTO public.t%s SELECT g, g::text FROM generate_series(1, %s) g', i, i * 10);
            EXECUTE format('CREATE TABLE archive.a%s (id int)', i);
          END LOOP;
        END $$;
    )"),
        QStringLiteral("many"));
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().toString()));
}

void tst_SchemaBrowser::refreshLoadsTheTreeOnAWorker()
{
    SchemaBrowser browser;
    QVERIFY(!browser.hasDatabase());
    QSignalSpy loaded(&browser, &SchemaBrowser::loaded);
    browser.refresh(url(m_sqliteUrl));
    QVERIFY(browser.isLoading()); // the GUI thread did not block on the database
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.first().at(0).toInt(), 3);
    QVERIFY(!browser.isLoading());
    QCOMPARE(browser.model()->rowCount(), 1);
    QVERIFY(browser.view()->isExpanded(browser.filterModel()->index(0, 0))); // the schema opens
    QVERIFY2(browser.statusText().contains(QStringLiteral("3 table")), qPrintable(browser.statusText()));
}

void tst_SchemaBrowser::filterBoxFiltersTheTree()
{
    SchemaBrowser browser;
    QSignalSpy loaded(&browser, &SchemaBrowser::loaded);
    browser.refresh(url(m_sqliteUrl));
    QVERIFY(loaded.wait(10000));
    auto* edit = browser.findChild<QLineEdit*>(QStringLiteral("schemaFilterEdit"));
    QVERIFY(edit);
    QTest::keyClicks(edit, QStringLiteral("sku"));
    const QModelIndex main = browser.filterModel()->index(0, 0);
    QCOMPARE(browser.filterModel()->rowCount(main), 1);
    const QModelIndex products = browser.filterModel()->index(0, 0, main);
    QCOMPARE(products.data().toString(), QStringLiteral("products"));
    QVERIFY(browser.view()->isExpanded(products)); // few matches: expanded to show the column
    edit->clear();
    QCOMPARE(browser.filterModel()->rowCount(main), 3);
}

void tst_SchemaBrowser::exactCountsFillTheRowsColumn()
{
    SchemaBrowser browser;
    QSignalSpy loaded(&browser, &SchemaBrowser::loaded);
    browser.refresh(url(m_sqliteUrl));
    QVERIFY(loaded.wait(10000));
    QSignalSpy finished(&browser, &SchemaBrowser::countingFinished);
    QSignalSpy progress(&browser, &SchemaBrowser::countProgress);
    QTest::mouseClick(browser.findChild<QToolButton*>(QStringLiteral("countRowsButton")), Qt::LeftButton);
    QVERIFY(browser.isCounting());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QCOMPARE(finished.first().at(1).toInt(), 3);
    QCOMPARE(finished.first().at(2).toInt(), 0);
    QCOMPARE(progress.last().at(0).toInt(), 3);
    const QModelIndex customers = browser.model()->tableIndex(QStringLiteral("main"), QStringLiteral("customers"));
    QCOMPARE(customers.siblingAtColumn(int(SchemaModel::Column::Rows)).data().toString(), QStringLiteral("1,234"));
    const QModelIndex orders = browser.model()->tableIndex(QStringLiteral("main"), QStringLiteral("orders"));
    QCOMPARE(orders.siblingAtColumn(int(SchemaModel::Column::Rows)).data().toString(), QStringLiteral("4,321"));
    QVERIFY(!browser.isCounting());
    QVERIFY(!browser.findChild<QProgressBar*>(QStringLiteral("countProgress"))->isVisible());
}

void tst_SchemaBrowser::countingSelectedTablesOnly()
{
    SchemaBrowser browser;
    QSignalSpy loaded(&browser, &SchemaBrowser::loaded);
    browser.refresh(url(m_sqliteUrl));
    QVERIFY(loaded.wait(10000));
    const QModelIndex orders = browser.filterModel()->mapFromSource(
        browser.model()->tableIndex(QStringLiteral("main"), QStringLiteral("orders")));
    browser.view()->selectionModel()->select(orders, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy started(&browser, &SchemaBrowser::countingStarted);
    QSignalSpy finished(&browser, &SchemaBrowser::countingFinished);
    browser.countRows();
    QCOMPARE(started.first().at(0).toInt(), 1);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(1).toInt(), 1);
    const QModelIndex customers = browser.model()->tableIndex(QStringLiteral("main"), QStringLiteral("customers"));
    QCOMPARE(customers.siblingAtColumn(int(SchemaModel::Column::Rows)).data(SchemaModel::RowCountIsExactRole).toBool(),
        false);
}

void tst_SchemaBrowser::exactCountsCanBeCancelled()
{
    SchemaBrowser browser;
    QSignalSpy loaded(&browser, &SchemaBrowser::loaded);
    browser.refresh(url(m_pg.url(QStringLiteral("many"))));
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.first().at(0).toInt(), 400);
    QCOMPARE(browser.model()->rowCount(), 2); // archive, public

    // Stop as soon as the first table is counted.
    connect(&browser, &SchemaBrowser::countProgress, &browser, [&browser](int done) {
        if (done >= 1)
            browser.cancel();
    });
    QSignalSpy finished(&browser, &SchemaBrowser::countingFinished);
    browser.countRows();
    QVERIFY(browser.isCounting());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    const int counted = finished.first().at(1).toInt();
    QVERIFY2(counted >= 1 && counted < 400, qPrintable(QString::number(counted)));
    QVERIFY2(browser.statusText().contains(QStringLiteral("stopped")), qPrintable(browser.statusText()));
    // The counts made before the stop are kept and exact.
    const QModelIndex a1 = browser.model()->tableIndex(QStringLiteral("archive"), QStringLiteral("a1"));
    QCOMPARE(a1.siblingAtColumn(int(SchemaModel::Column::Rows)).data(SchemaModel::RowCountIsExactRole).toBool(), true);
    QCOMPARE(a1.siblingAtColumn(int(SchemaModel::Column::Rows)).data().toString(), QStringLiteral("0"));
    QVERIFY(browser.findChild<QToolButton*>(QStringLiteral("countRowsButton"))->isEnabled());
}

void tst_SchemaBrowser::reloadAfterAMigrationKeepsExpandedTables()
{
    SchemaBrowser browser;
    QSignalSpy loaded(&browser, &SchemaBrowser::loaded);
    browser.refresh(url(m_sqliteUrl));
    QVERIFY(loaded.wait(10000));
    const auto proxyOf = [&](const QString& table) {
        return browser.filterModel()->mapFromSource(browser.model()->tableIndex(QStringLiteral("main"), table));
    };
    browser.view()->expand(proxyOf(QStringLiteral("orders")));

    QVERIFY(execSqlite(QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")));
    browser.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.last().at(0).toInt(), 4);
    QVERIFY(proxyOf(QStringLiteral("invoices")).isValid());
    QVERIFY(browser.view()->isExpanded(proxyOf(QStringLiteral("orders"))));
    QVERIFY(!browser.view()->isExpanded(proxyOf(QStringLiteral("customers"))));
    QVERIFY(execSqlite(QStringLiteral("DROP TABLE invoices")));
}

void tst_SchemaBrowser::anUnreachableDatabaseIsReportedRedacted()
{
    SchemaBrowser browser;
    browser.setConnectTimeout(2);
    QSignalSpy failed(&browser, &SchemaBrowser::loadFailed);
    browser.refresh(url(QStringLiteral("postgresql://app:Very%40Secret@127.0.0.1:%1/shop").arg(PgCluster::freePort())));
    QVERIFY(failed.wait(15000));
    const QString message = failed.first().at(0).toString();
    QVERIFY2(!message.contains(QStringLiteral("Very")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("127.0.0.1")), qPrintable(message));
    QCOMPARE(browser.statusText(), message);
    QVERIFY(!browser.isLoading());
    QVERIFY(!browser.findChild<QToolButton*>(QStringLiteral("countRowsButton"))->isEnabled());
}

void tst_SchemaBrowser::clearForgetsTheDatabase()
{
    SchemaBrowser browser;
    QSignalSpy loaded(&browser, &SchemaBrowser::loaded);
    browser.refresh(url(m_sqliteUrl));
    QVERIFY(loaded.wait(10000));
    browser.clear();
    QVERIFY(!browser.hasDatabase());
    QCOMPARE(browser.model()->rowCount(), 0);
    browser.reload(); // nothing to reload
    QVERIFY(!browser.isLoading());
}

void tst_SchemaBrowser::screenshot()
{
    QVERIFY(m_pg.createDatabase(QStringLiteral("city")).ok());
    const Result<QString> made = m_pg.psqlAsUser(QStringLiteral(R"(
        CREATE SCHEMA reporting;
        CREATE TABLE public.districts (id serial PRIMARY KEY, name varchar(80) NOT NULL UNIQUE, area_km2 numeric(8,2));
        CREATE TABLE public.buildings (id bigserial PRIMARY KEY, district_id int NOT NULL REFERENCES public.districts(id),
                                       address text NOT NULL, floors smallint CHECK (floors > 0), built date);
        CREATE INDEX ix_buildings_district ON public.buildings (district_id);
        CREATE TABLE public.alembic_version (version_num varchar(32) PRIMARY KEY);
        CREATE VIEW reporting.tall_buildings AS SELECT * FROM public.buildings WHERE floors > 20;
        INSERT INTO public.districts (name) SELECT 'District ' || g FROM generate_series(1, 48) g;
        INSERT INTO public.buildings (district_id, address, floors) SELECT (g % 48) + 1, g || ' Main St', (g % 40) + 1 FROM generate_series(1, 125000) g;
        ANALYZE;
    )"),
        QStringLiteral("city"));
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().toString()));
    SchemaBrowser browser;
    browser.resize(620, 460);
    QSignalSpy loaded(&browser, &SchemaBrowser::loaded);
    browser.refresh(url(m_pg.url(QStringLiteral("city"))));
    QVERIFY(loaded.wait(10000));
    const QModelIndex buildings = browser.filterModel()->mapFromSource(
        browser.model()->tableIndex(QStringLiteral("public"), QStringLiteral("buildings")));
    browser.view()->expandRecursively(buildings);
    browser.model()->setExactCount(QStringLiteral("public"), QStringLiteral("districts"), 48);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    // Opening the table widened the name column for its column and key names.
    QTRY_VERIFY(browser.view()->columnWidth(0) > 220);
    const QImage image = browser.grab().toImage();
    QVERIFY(!image.isNull());
    const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        image.save(dir + QStringLiteral("/schema-browser.png"));
}

QTEST_MAIN(tst_SchemaBrowser)
#include "tst_SchemaBrowser.moc"
