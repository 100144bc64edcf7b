// retort-cli lint on a generated Alembic project (real Alembic offline SQL through the bridge,
// RETORT_PYTHON) against a throwaway PostgreSQL 15: it finds exactly the risky revisions; offline
// it marks what needs a database and resumes after a revision that cannot render; sessions holding
// locks on the plan's tables are listed (and a table locked ACCESS EXCLUSIVE does not hang it); a
// downgrade counts the rows it destroys; --fail-on decides the exit status; `upgrade --lock-timeout`
// makes a blocked run fail fast.

#include "core/db/Connection.h"
#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

namespace {

struct Revision
{
    QString id;
    QString upgrade;   // body of upgrade(), indented by four spaces per line
    QString downgrade; // body of downgrade()
};

// b01-b03 build the schema the database holds before the review; r04-r18 are reviewed. The
// comment after each id says whether lint must flag it (with the database connected).
const QVector<Revision> kRevisions = {
    {QStringLiteral("b01"),
     QStringLiteral("op.create_table('customers', sa.Column('id', sa.Integer, primary_key=True), "
                    "sa.Column('name', sa.String(40)), sa.Column('email', sa.String(100)))"),
     QStringLiteral("op.drop_table('customers')")},
    {QStringLiteral("b02"),
     QStringLiteral("op.create_table('orders', sa.Column('id', sa.Integer, primary_key=True), "
                    "sa.Column('customer_id', sa.Integer), sa.Column('status', sa.String(20)), "
                    "sa.Column('total', sa.Integer), sa.Column('note', sa.Text))"),
     QStringLiteral("op.drop_table('orders')")},
    {QStringLiteral("b03"), QStringLiteral("op.create_table('events', sa.Column('id', sa.Integer), sa.Column('kind', sa.Text))"),
     QStringLiteral("pass")},
    // risky: CREATE INDEX without CONCURRENTLY on a table with rows
    {QStringLiteral("r04"), QStringLiteral("op.create_index('ix_orders_status', 'orders', ['status'])"),
     QStringLiteral("op.drop_index('ix_orders_status', table_name='orders')")},
    // safe: CONCURRENTLY in an autocommit block
    {QStringLiteral("r05"),
     QStringLiteral("with op.get_context().autocommit_block():\n"
                    "        op.create_index('ix_orders_total', 'orders', ['total'], postgresql_concurrently=True)"),
     QStringLiteral("op.drop_index('ix_orders_total', table_name='orders')")},
    // risky: NOT NULL without a default on a table with rows
    {QStringLiteral("r06"), QStringLiteral("op.add_column('customers', sa.Column('phone', sa.String(20), nullable=False))"),
     QStringLiteral("op.drop_column('customers', 'phone')")},
    // safe: NOT NULL with a constant default
    {QStringLiteral("r07"),
     QStringLiteral("op.add_column('customers', sa.Column('country', sa.String(2), nullable=False, server_default='NL'))"),
     QStringLiteral("op.drop_column('customers', 'country')")},
    // risky: integer to bigint rewrites the table
    {QStringLiteral("r08"), QStringLiteral("op.alter_column('orders', 'total', existing_type=sa.Integer(), type_=sa.BigInteger())"),
     QStringLiteral("op.alter_column('orders', 'total', existing_type=sa.BigInteger(), type_=sa.Integer())")},
    // safe: a longer varchar is binary-coercible
    {QStringLiteral("r09"), QStringLiteral("op.alter_column('customers', 'name', existing_type=sa.String(40), type_=sa.String(80))"),
     QStringLiteral("op.alter_column('customers', 'name', existing_type=sa.String(80), type_=sa.String(40))")},
    // safe: CHECK NOT VALID, then VALIDATE
    {QStringLiteral("r10"),
     QStringLiteral("op.create_check_constraint('ck_orders_total_positive', 'orders', 'total > 0', postgresql_not_valid=True)\n"
                    "    op.execute('ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total_positive')"),
     QStringLiteral("op.drop_constraint('ck_orders_total_positive', 'orders')")},
    // risky: a foreign key validated while both tables are locked
    {QStringLiteral("r11"),
     QStringLiteral("op.create_foreign_key('fk_orders_customer', 'orders', 'customers', ['customer_id'], ['id'])"),
     QStringLiteral("op.drop_constraint('fk_orders_customer', 'orders', type_='foreignkey')")},
    // safe: a new table referencing an existing one
    {QStringLiteral("r12"),
     QStringLiteral("op.create_table('payments', sa.Column('id', sa.Integer, primary_key=True), "
                    "sa.Column('order_id', sa.Integer, sa.ForeignKey('orders.id')))"),
     QStringLiteral("op.drop_table('payments')")},
    // risky: a data migration over every row
    {QStringLiteral("r13"), QStringLiteral("op.execute(\"UPDATE orders SET note = ''\")"), QStringLiteral("pass")},
    // safe: a data migration with WHERE
    {QStringLiteral("r14"), QStringLiteral("op.execute(\"UPDATE orders SET note = '' WHERE note IS NULL\")"), QStringLiteral("pass")},
    // risky: reads the database without an offline guard (the offline SQL cannot show it)
    {QStringLiteral("r15"),
     QStringLiteral("bind = op.get_bind()\n"
                    "    rows = bind.execute(sa.text('SELECT id FROM customers')).fetchall()\n"
                    "    for row in rows:\n"
                    "        op.execute(\"UPDATE customers SET name = name WHERE id = %d\" % row[0])"),
     QStringLiteral("pass")},
    // safe: the same kind of code behind context.is_offline_mode()
    {QStringLiteral("r16"),
     QStringLiteral("if context.is_offline_mode():\n"
                    "        op.execute(\"UPDATE orders SET status = 'new' WHERE status IS NULL\")\n"
                    "    else:\n"
                    "        count = op.get_bind().execute(sa.text('SELECT count(*) FROM orders WHERE status IS NULL')).scalar()\n"
                    "        if count:\n"
                    "            op.execute(\"UPDATE orders SET status = 'new' WHERE status IS NULL\")"),
     QStringLiteral("pass")},
    // risky: DROP COLUMN
    {QStringLiteral("r17"), QStringLiteral("op.drop_column('orders', 'note')"),
     QStringLiteral("op.add_column('orders', sa.Column('note', sa.Text))")},
    // safe: a nullable column without default
    {QStringLiteral("r18"), QStringLiteral("op.add_column('orders', sa.Column('memo', sa.Text))"),
     QStringLiteral("op.drop_column('orders', 'memo')")},
};

bool writeText(const QString& path, const QString& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size();
}

// alembic.ini and env.py from tests/data/lint/project (DATABASE_URL overrides the URL), then the revisions.
bool writeProject(const QString& root)
{
    const QString data = QStringLiteral(RETORT_SOURCE_DIR "/tests/data/lint/project");
    bool ok = QDir().mkpath(root + QStringLiteral("/migrations/versions"));
    ok = ok && QFile::copy(data + QStringLiteral("/alembic.ini"), root + QStringLiteral("/alembic.ini"));
    ok = ok && QFile::copy(data + QStringLiteral("/migrations/env.py"), root + QStringLiteral("/migrations/env.py"));
    QString down = QStringLiteral("None");
    for (int i = 0; i < kRevisions.size(); ++i) {
        const Revision& r = kRevisions.at(i);
        const QString text = QStringLiteral("\"\"\"%1\"\"\"\nfrom alembic import context, op\nimport sqlalchemy as sa\n\n"
                                            "revision = '%1'\ndown_revision = %2\nbranch_labels = None\ndepends_on = None\n\n\n"
                                            "def upgrade():\n    %3\n\n\ndef downgrade():\n    %4\n")
                                 .arg(r.id, down, r.upgrade, r.downgrade);
        ok = ok && writeText(root + QStringLiteral("/migrations/versions/%1_%2.py").arg(i + 1, 2, 10, QLatin1Char('0')).arg(r.id), text);
        down = QStringLiteral("'%1'").arg(r.id);
    }
    return ok;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    [[nodiscard]] QString all() const { return QString::fromUtf8(out + err); }
};

// Which rules lint reported, per revision ("r04" -> ["create-index-not-concurrently"]).
QMap<QString, QStringList> rulesPerRevision(const QJsonObject& report)
{
    QMap<QString, QStringList> rules;
    for (const QJsonValue& value : report.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject finding = value.toObject();
        rules[finding.value(QStringLiteral("revision")).toString()] << finding.value(QStringLiteral("rule")).toString();
    }
    return rules;
}

} // namespace

class tst_CliLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void findsExactlyTheRiskyRevisions();
    void offlineReviewMarksWhatNeedsADatabase();
    void blockingSessionsAreListed();
    void aTableLockedAccessExclusiveDoesNotHangTheReview();
    void downgradeCountsTheRowsItDestroys();
    void failOnDecidesTheExitStatus();
    void lockTimeoutMakesABlockedRunFailFast();
    void refusesSqlOtherThanPostgres();
    void textReportIsGroupedPerStep();

private:
    Run cli(const QStringList& args) const;
    // A database at b03 with rows, and its URL.
    QString databaseAtB03(int customers = 50, int orders = 80);
    std::unique_ptr<ScopedConnection> connect(const QString& url) const { return connectTo(url); }

    QTemporaryDir m_dir;
    QString m_project;
    PgCluster m_cluster;
    int m_databases = 0;
};

void tst_CliLint::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(), "RETORT_PYTHON (a Python with alembic) is required");
    QVERIFY2(QFileInfo(QStringLiteral(RETORT_CLI)).isExecutable(), "retort-cli must be built");
    m_project = m_dir.filePath(QStringLiteral("project"));
    QVERIFY(writeProject(m_project));
    const Status started = m_cluster.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
}

Run tst_CliLint::cli(const QStringList& args) const
{
    QProcess process;
    process.setWorkingDirectory(m_project);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(RETORT_CLI), QStringList{QStringLiteral("-p"), m_project} + args
                                                  + QStringList{QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON)});
    if (!process.waitForFinished(180000))
        process.kill();
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    run.elapsedMs = clock.elapsed();
    return run;
}

QString tst_CliLint::databaseAtB03(int customers, int orders)
{
    const QString name = QStringLiteral("lint%1").arg(++m_databases);
    if (!m_cluster.createDatabase(name).ok())
        return {};
    const QString url = m_cluster.url(name);
    const Run up = cli({QStringLiteral("--url"), url, QStringLiteral("upgrade"), QStringLiteral("b03")});
    if (up.exitCode != 0) {
        qWarning("%s", up.all().toUtf8().constData());
        return {};
    }
    std::unique_ptr<ScopedConnection> db = connect(url);
    if (!db)
        return {};
    const Status filled = execAll(
        db->database(),
        {QStringLiteral("INSERT INTO customers (id, name, email) SELECT g, 'c' || g, 'c' || g || '@example.com' "
                        "FROM generate_series(1, %1) AS g")
             .arg(customers),
         QStringLiteral("INSERT INTO orders (id, customer_id, status, total, note) SELECT g, 1 + g % %1, 'new', g, 'n' "
                        "FROM generate_series(1, %2) AS g")
             .arg(qMax(customers, 1))
             .arg(orders),
         QStringLiteral("ANALYZE customers, orders, events")});
    return filled.ok() ? url : QString();
}

void tst_CliLint::findsExactlyTheRiskyRevisions()
{
    const QString url = databaseAtB03();
    QVERIFY(!url.isEmpty());
    const Run lint = cli({QStringLiteral("--url"), url, QStringLiteral("--json"), QStringLiteral("lint"), QStringLiteral("upgrade"),
                          QStringLiteral("head"), QStringLiteral("--lock-timeout"), QStringLiteral("2000")});
    QVERIFY2(lint.exitCode == 1, qPrintable(lint.all())); // errors among the findings
    const QJsonObject report = lint.json();
    QVERIFY(report.value(QStringLiteral("live")).toBool());
    QCOMPARE(report.value(QStringLiteral("current")).toArray(), QJsonArray{QStringLiteral("b03")});
    QCOMPARE(report.value(QStringLiteral("steps")).toArray().size(), 15);

    const QMap<QString, QStringList> rules = rulesPerRevision(report);
    const QMap<QString, QStringList> expected{
        {QStringLiteral("r04"), {QStringLiteral("create-index-not-concurrently")}},
        {QStringLiteral("r06"), {QStringLiteral("add-column-not-null-no-default")}},
        {QStringLiteral("r08"), {QStringLiteral("column-type-rewrite")}},
        {QStringLiteral("r11"), {QStringLiteral("foreign-key-not-valid")}},
        {QStringLiteral("r13"), {QStringLiteral("update-without-where")}},
        {QStringLiteral("r15"), {QStringLiteral("offline-sql-unavailable")}},
        {QStringLiteral("r17"), {QStringLiteral("drop-column")}},
    };
    QCOMPARE(rules, expected);

    // Each statement finding names its table, the lock, the line and the live weight.
    for (const QJsonValue& value : report.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject finding = value.toObject();
        if (finding.value(QStringLiteral("rule")).toString() == QLatin1String("offline-sql-unavailable")) {
            QVERIFY(finding.value(QStringLiteral("path")).toString().endsWith(QStringLiteral("_r15.py")));
            QCOMPARE(finding.value(QStringLiteral("source_line")).toInt(), 12);
            continue;
        }
        QVERIFY(!finding.value(QStringLiteral("table")).toString().isEmpty());
        QVERIFY(!finding.value(QStringLiteral("lock")).toString().isEmpty());
        QVERIFY(finding.value(QStringLiteral("line")).toInt() > 0);
        QVERIFY(!finding.value(QStringLiteral("fix")).toString().isEmpty());
        QVERIFY2(finding.value(QStringLiteral("weight")).toString().contains(QStringLiteral(" rows")),
                 qPrintable(finding.value(QStringLiteral("weight")).toString()));
        if (finding.value(QStringLiteral("rule")).toString() == QLatin1String("column-type-rewrite")) {
            QCOMPARE(finding.value(QStringLiteral("lock")).toString(), QStringLiteral("ACCESS EXCLUSIVE"));
            QVERIFY(finding.value(QStringLiteral("rewrites")).toBool());
            QVERIFY(finding.value(QStringLiteral("weight")).toString().startsWith(QStringLiteral("rewrites orders: ~80 rows, ")));
        }
    }
    const QJsonObject orders = report.value(QStringLiteral("tables")).toObject().value(QStringLiteral("orders")).toObject();
    QCOMPARE(orders.value(QStringLiteral("estimated_rows")).toInt(), 80);
    QVERIFY(orders.value(QStringLiteral("total_bytes")).toInt() > 0);
    QCOMPARE(orders.value(QStringLiteral("lock")).toString(), QStringLiteral("ACCESS EXCLUSIVE"));
    QVERIFY(report.value(QStringLiteral("tables")).toObject().value(QStringLiteral("payments")).toObject()
                .value(QStringLiteral("created_by_plan")).toBool());
    // The step that cannot render is marked, and the render went on after it.
    const QJsonArray steps = report.value(QStringLiteral("steps")).toArray();
    for (const QJsonValue& value : steps) {
        const QJsonObject step = value.toObject();
        const bool r15 = step.value(QStringLiteral("revision")).toString() == QLatin1String("r15");
        QCOMPARE(step.value(QStringLiteral("rendered")).toBool(), !r15);
        if (step.value(QStringLiteral("revision")).toString() == QLatin1String("r16"))
            QVERIFY(step.value(QStringLiteral("statements")).toInt() >= 2);
    }
    QCOMPARE(report.value(QStringLiteral("would_lose_rows")).toBool(), true); // r17 drops orders.note
    QCOMPARE(report.value(QStringLiteral("data_loss")).toArray().size(), 1);
    QCOMPARE(report.value(QStringLiteral("data_loss")).toArray().first().toObject().value(QStringLiteral("rows")).toInt(), 80);

    // Without the run's lock_timeout, every step taking ACCESS EXCLUSIVE on an existing table says so.
    const Run bare = cli({QStringLiteral("--url"), url, QStringLiteral("--json"), QStringLiteral("lint"), QStringLiteral("upgrade"),
                          QStringLiteral("head")});
    const QMap<QString, QStringList> bareRules = rulesPerRevision(bare.json());
    QVERIFY(bareRules.value(QStringLiteral("r18")).contains(QStringLiteral("lock-timeout-missing")));
    QVERIFY(!bareRules.value(QStringLiteral("r12")).contains(QStringLiteral("lock-timeout-missing"))); // SHARE ROW EXCLUSIVE only
}

void tst_CliLint::offlineReviewMarksWhatNeedsADatabase()
{
    const Run lint = cli({QStringLiteral("--json"), QStringLiteral("lint"), QStringLiteral("upgrade"), QStringLiteral("head"),
                          QStringLiteral("--current"), QStringLiteral("b03"), QStringLiteral("--lock-timeout"), QStringLiteral("2000")});
    QVERIFY2(lint.exitCode == 1, qPrintable(lint.all()));
    const QJsonObject report = lint.json();
    QVERIFY(!report.value(QStringLiteral("live")).toBool());
    const QMap<QString, QStringList> expected{
        {QStringLiteral("r04"), {QStringLiteral("create-index-not-concurrently")}},
        {QStringLiteral("r06"), {QStringLiteral("add-column-not-null-no-default")}},
        {QStringLiteral("r08"), {QStringLiteral("column-type-unverified")}},
        {QStringLiteral("r09"), {QStringLiteral("column-type-unverified")}}, // safe, but only a database can tell
        {QStringLiteral("r11"), {QStringLiteral("foreign-key-not-valid")}},
        {QStringLiteral("r13"), {QStringLiteral("update-without-where")}},
        {QStringLiteral("r15"), {QStringLiteral("offline-sql-unavailable")}},
        {QStringLiteral("r17"), {QStringLiteral("drop-column")}},
    };
    QCOMPARE(rulesPerRevision(report), expected);
    QVERIFY(report.value(QStringLiteral("blocking_sessions")).toArray().isEmpty());
    for (const QJsonValue& value : report.value(QStringLiteral("findings")).toArray())
        QVERIFY(value.toObject().value(QStringLiteral("weight")).isNull());
}

void tst_CliLint::blockingSessionsAreListed()
{
    const QString url = databaseAtB03();
    QVERIFY(!url.isEmpty());
    std::unique_ptr<ScopedConnection> holder = connect(url);
    QVERIFY(holder);
    QSqlQuery query(holder->database());
    QVERIFY(query.exec(QStringLiteral("SELECT pg_backend_pid()")) && query.next());
    const int pid = query.value(0).toInt();
    QVERIFY(query.exec(QStringLiteral("BEGIN")));
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM customers"))); // ACCESS SHARE until the transaction ends

    const Run lint = cli({QStringLiteral("--url"), url, QStringLiteral("--json"), QStringLiteral("lint"), QStringLiteral("upgrade"),
                          QStringLiteral("head"), QStringLiteral("--lock-timeout"), QStringLiteral("2000")});
    QVERIFY2(lint.exitCode == 1, qPrintable(lint.all()));
    const QJsonArray sessions = lint.json().value(QStringLiteral("blocking_sessions")).toArray();
    QCOMPARE(sessions.size(), 1); // not Retort's own connection
    const QJsonObject session = sessions.first().toObject();
    QCOMPARE(session.value(QStringLiteral("pid")).toInt(), pid);
    QCOMPARE(session.value(QStringLiteral("table")).toString(), QStringLiteral("customers"));
    QCOMPARE(session.value(QStringLiteral("mode")).toString(), QStringLiteral("ACCESS SHARE"));
    QVERIFY(session.value(QStringLiteral("granted")).toBool());
    QCOMPARE(session.value(QStringLiteral("state")).toString(), QStringLiteral("idle in transaction"));
    QCOMPARE(session.value(QStringLiteral("plan_lock")).toString(), QStringLiteral("ACCESS EXCLUSIVE"));
    QVERIFY(session.value(QStringLiteral("conflicts")).toBool());
    QVERIFY(session.value(QStringLiteral("query")).toString().contains(QStringLiteral("customers")));
    QCOMPARE(session.value(QStringLiteral("user")).toString(), m_cluster.user());

    QVERIFY(query.exec(QStringLiteral("ROLLBACK")));
    const Run after = cli({QStringLiteral("--url"), url, QStringLiteral("--json"), QStringLiteral("lint"), QStringLiteral("upgrade"),
                           QStringLiteral("head")});
    QVERIFY(after.json().value(QStringLiteral("blocking_sessions")).toArray().isEmpty());
}

void tst_CliLint::aTableLockedAccessExclusiveDoesNotHangTheReview()
{
    const QString url = databaseAtB03();
    QVERIFY(!url.isEmpty());
    std::unique_ptr<ScopedConnection> holder = connect(url);
    QVERIFY(holder);
    QSqlQuery query(holder->database());
    QVERIFY(query.exec(QStringLiteral("BEGIN")));
    QVERIFY(query.exec(QStringLiteral("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE")));

    const Run lint = cli({QStringLiteral("--url"), url, QStringLiteral("--json"), QStringLiteral("lint"), QStringLiteral("upgrade"),
                          QStringLiteral("r08"), QStringLiteral("--lock-timeout"), QStringLiteral("2000")});
    QVERIFY(query.exec(QStringLiteral("ROLLBACK")));
    QVERIFY2(lint.exitCode == 1, qPrintable(lint.all()));
    QVERIFY2(lint.elapsedMs < 60000, qPrintable(QString::number(lint.elapsedMs)));
    const QJsonObject report = lint.json();
    const QJsonObject orders = report.value(QStringLiteral("tables")).toObject().value(QStringLiteral("orders")).toObject();
    QVERIFY(orders.value(QStringLiteral("exists")).toBool());
    QVERIFY(orders.value(QStringLiteral("total_bytes")).isNull());      // its size needs a lock it could not get
    QVERIFY2(orders.value(QStringLiteral("note")).toString().contains(QStringLiteral("lock timeout")),
             qPrintable(orders.value(QStringLiteral("note")).toString()));
    QCOMPARE(orders.value(QStringLiteral("estimated_rows")).toInt(), 80); // pg_class needs none
    const QJsonArray sessions = report.value(QStringLiteral("blocking_sessions")).toArray();
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.first().toObject().value(QStringLiteral("mode")).toString(), QStringLiteral("ACCESS EXCLUSIVE"));
    QVERIFY(sessions.first().toObject().value(QStringLiteral("conflicts")).toBool());
}

void tst_CliLint::downgradeCountsTheRowsItDestroys()
{
    const QString url = databaseAtB03(30, 60);
    QVERIFY(!url.isEmpty());
    const Run lint = cli({QStringLiteral("--url"), url, QStringLiteral("--json"), QStringLiteral("lint"), QStringLiteral("downgrade"),
                          QStringLiteral("base"), QStringLiteral("--exact-counts")});
    QVERIFY2(lint.exitCode == 1, qPrintable(lint.all()));
    const QJsonObject report = lint.json();
    const QMap<QString, QStringList> rules = rulesPerRevision(report);
    QVERIFY(rules.value(QStringLiteral("b03")).contains(QStringLiteral("downgrade-not-reversible"))); // pass
    QVERIFY(rules.value(QStringLiteral("b02")).contains(QStringLiteral("drop-table")));
    QVERIFY(rules.value(QStringLiteral("b01")).contains(QStringLiteral("drop-table")));
    QMap<QString, int> lost;
    for (const QJsonValue& value : report.value(QStringLiteral("data_loss")).toArray())
        lost.insert(value.toObject().value(QStringLiteral("table")).toString(), value.toObject().value(QStringLiteral("rows")).toInt());
    QCOMPARE(lost, (QMap<QString, int>{{QStringLiteral("customers"), 30}, {QStringLiteral("orders"), 60}}));
    QVERIFY(report.value(QStringLiteral("would_lose_rows")).toBool());
    for (const QJsonValue& value : report.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject finding = value.toObject();
        if (finding.value(QStringLiteral("rule")).toString() == QLatin1String("drop-table")
            && finding.value(QStringLiteral("table")).toString() == QLatin1String("orders"))
            QVERIFY2(finding.value(QStringLiteral("weight")).toString().startsWith(QStringLiteral("destroys orders: 60 rows, ")),
                     qPrintable(finding.value(QStringLiteral("weight")).toString()));
    }

    // Empty tables: nothing would be lost (the estimates still say otherwise; EXISTS decides).
    std::unique_ptr<ScopedConnection> db = connect(url);
    QVERIFY(db);
    QVERIFY(execAll(db->database(), {QStringLiteral("DELETE FROM orders"), QStringLiteral("DELETE FROM customers")}).ok());
    const Run empty = cli({QStringLiteral("--url"), url, QStringLiteral("--json"), QStringLiteral("lint"), QStringLiteral("downgrade"),
                           QStringLiteral("base")});
    QVERIFY(!empty.json().value(QStringLiteral("would_lose_rows")).toBool());
    for (const QJsonValue& value : empty.json().value(QStringLiteral("data_loss")).toArray())
        QCOMPARE(value.toObject().value(QStringLiteral("rows")).toInt(), 0);

    // Offline, the rows are unknown: assume they would be lost.
    const Run offline = cli({QStringLiteral("--json"), QStringLiteral("lint"), QStringLiteral("downgrade"), QStringLiteral("base"),
                             QStringLiteral("--current"), QStringLiteral("b03")});
    QVERIFY(offline.json().value(QStringLiteral("would_lose_rows")).toBool());
}

void tst_CliLint::failOnDecidesTheExitStatus()
{
    const QString url = databaseAtB03();
    QVERIFY(!url.isEmpty());
    // r04 alone: one warning (create-index-not-concurrently).
    const QStringList r04{QStringLiteral("--url"), url, QStringLiteral("lint"), QStringLiteral("upgrade"), QStringLiteral("r04"),
                          QStringLiteral("--lock-timeout"), QStringLiteral("2000")};
    QCOMPARE(cli(r04).exitCode, 0);
    QCOMPARE(cli(r04 + QStringList{QStringLiteral("--fail-on"), QStringLiteral("warning")}).exitCode, 1);
    QCOMPARE(cli(r04 + QStringList{QStringLiteral("--fail-on"), QStringLiteral("error")}).exitCode, 0);
    // r05 alone: nothing.
    QCOMPARE(cli({QStringLiteral("lint"), QStringLiteral("upgrade"), QStringLiteral("r05"), QStringLiteral("--current"),
                  QStringLiteral("r04"), QStringLiteral("--fail-on"), QStringLiteral("info")})
                 .exitCode,
             0);
    const Run bad = cli(r04 + QStringList{QStringLiteral("--fail-on"), QStringLiteral("fatal")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.all().contains(QStringLiteral("--fail-on")));
    QCOMPARE(cli({QStringLiteral("lint"), QStringLiteral("sideways"), QStringLiteral("head")}).exitCode, 2);
    QCOMPARE(cli({QStringLiteral("lint"), QStringLiteral("upgrade"), QStringLiteral("nosuchrev"), QStringLiteral("--current"),
                  QStringLiteral("base")})
                 .exitCode,
             2);
}

void tst_CliLint::lockTimeoutMakesABlockedRunFailFast()
{
    const QString url = databaseAtB03();
    QVERIFY(!url.isEmpty());
    std::unique_ptr<ScopedConnection> holder = connect(url);
    QVERIFY(holder);
    QSqlQuery query(holder->database());
    QVERIFY(query.exec(QStringLiteral("BEGIN")));
    QVERIFY(query.exec(QStringLiteral("LOCK TABLE orders IN ROW EXCLUSIVE MODE"))); // an open write transaction

    // r04's CREATE INDEX needs SHARE, which waits behind ROW EXCLUSIVE: 500 ms, then it gives up.
    const Run blocked = cli({QStringLiteral("--url"), url, QStringLiteral("--json"), QStringLiteral("upgrade"), QStringLiteral("r04"),
                             QStringLiteral("--lock-timeout"), QStringLiteral("500")});
    QCOMPARE(blocked.exitCode, 1);
    QVERIFY2(blocked.all().contains(QStringLiteral("lock timeout")), qPrintable(blocked.all()));
    QVERIFY2(blocked.elapsedMs < 60000, qPrintable(QString::number(blocked.elapsedMs)));
    QVERIFY(query.exec(QStringLiteral("SELECT version_num FROM alembic_version")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("b03"));
    QVERIFY(query.exec(QStringLiteral("ROLLBACK")));

    const Run free = cli({QStringLiteral("--url"), url, QStringLiteral("upgrade"), QStringLiteral("r04"), QStringLiteral("--lock-timeout"),
                          QStringLiteral("500")});
    QVERIFY2(free.exitCode == 0, qPrintable(free.all()));
    QVERIFY(query.exec(QStringLiteral("SELECT version_num FROM alembic_version")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("r04"));

    QCOMPARE(cli({QStringLiteral("--url"), url, QStringLiteral("upgrade"), QStringLiteral("r05"), QStringLiteral("--lock-timeout"),
                  QStringLiteral("soon")})
                 .exitCode,
             2);
    QCOMPARE(cli({QStringLiteral("--url"), url, QStringLiteral("stamp"), QStringLiteral("r05"), QStringLiteral("--lock-timeout"),
                  QStringLiteral("500")})
                 .exitCode,
             2); // stamp runs no migration
}

void tst_CliLint::refusesSqlOtherThanPostgres()
{
    const Run lint = cli({QStringLiteral("--json"), QStringLiteral("--url"), QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("x.db")),
                          QStringLiteral("lint"), QStringLiteral("upgrade"), QStringLiteral("head")});
    QCOMPARE(lint.exitCode, 2);
    QCOMPARE(lint.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("lint-dialect"));
}

void tst_CliLint::textReportIsGroupedPerStep()
{
    const Run lint = cli({QStringLiteral("lint"), QStringLiteral("upgrade"), QStringLiteral("r06"), QStringLiteral("--current"),
                          QStringLiteral("b03")});
    QCOMPARE(lint.exitCode, 1);
    const QString text = QString::fromUtf8(lint.out);
    QVERIFY2(text.contains(QStringLiteral("Lint of upgrade from b03 to r06: 3 step(s), offline")), qPrintable(text));
    const int r04 = text.indexOf(QStringLiteral("[1/3] upgrade r04"));
    const int r05 = text.indexOf(QStringLiteral("[2/3] upgrade r05"));
    const int r06 = text.indexOf(QStringLiteral("[3/3] upgrade r06"));
    QVERIFY(r04 >= 0 && r05 > r04 && r06 > r05);
    QVERIFY(text.indexOf(QStringLiteral("warning  create-index-not-concurrently  line ")) > r04);
    QVERIFY(text.indexOf(QStringLiteral("error  add-column-not-null-no-default  line ")) > r06);
    QVERIFY(text.contains(QStringLiteral("locks: orders SHARE, scans")));
    QVERIFY(text.contains(QStringLiteral("fix: ")));
    QVERIFY(text.contains(QStringLiteral("no findings")) || text.contains(QStringLiteral("lock-timeout-missing")));
    QVERIFY(text.contains(QStringLiteral("error(s)")));
}

QTEST_GUILESS_MAIN(tst_CliLint)
#include "tst_CliLint.moc"
