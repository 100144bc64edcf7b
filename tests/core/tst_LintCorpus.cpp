// The lint rule corpus (tests/data/lint, see its README.md) against SqlLinter and a real
// PostgreSQL 15: for each case, the rules lint reports offline and with the live database (facts
// read by LiveCatalog), and Retort's lock claims compared with what the server really takes
// (pg_locks), rewrites (relfilenode) and reads in full (pg_stat_xact_user_tables.seq_scan). Also
// the lock conflict table against the server, and the rule catalogue against docs/LINT-RULES.md.

#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/lint/LintRules.h"
#include "core/lint/LiveCatalog.h"
#include "core/lint/LockMode.h"
#include "core/lint/PgParser.h"
#include "core/lint/SqlLinter.h"
#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <map>

using namespace retort;
using namespace retort::lint;

namespace {

const QString kDatabase = QStringLiteral("corpus");

struct Case
{
    QString file;
    QString name;
    QString sql;
    QStringList expect;
    QStringList expectOffline;
    QStringList setup;
    bool outsideTransaction = false;
    bool lockTimeoutOff = false;
    QString server = QStringLiteral("locks");
};

QString corpusDir()
{
    return QStringLiteral(RETORT_SOURCE_DIR "/tests/data/lint");
}

QStringList ruleList(const QString& text)
{
    QStringList rules;
    if (text.trimmed() == QLatin1String("none"))
        return rules;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        rules << part.trimmed();
    rules.sort();
    return rules;
}

QVector<Case> readCorpusFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QVector<Case> cases;
    bool expectOfflineGiven = false;
    const auto close = [&] {
        if (!cases.isEmpty() && !expectOfflineGiven)
            cases.last().expectOffline = cases.last().expect;
    };
    for (const QString& raw : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1String("-- case:"))) {
            close();
            Case c;
            c.file = QFileInfo(path).completeBaseName();
            c.name = line.mid(8).trimmed();
            cases << c;
            expectOfflineGiven = false;
        } else if (cases.isEmpty()) {
            continue;
        } else if (line.startsWith(QLatin1String("-- expect-offline:"))) {
            cases.last().expectOffline = ruleList(line.mid(18));
            expectOfflineGiven = true;
        } else if (line.startsWith(QLatin1String("-- expect:"))) {
            cases.last().expect = ruleList(line.mid(10));
        } else if (line.startsWith(QLatin1String("-- setup:"))) {
            cases.last().setup << line.mid(9).trimmed();
        } else if (line == QLatin1String("-- transaction: none")) {
            cases.last().outsideTransaction = true;
        } else if (line == QLatin1String("-- lock-timeout: off")) {
            cases.last().lockTimeoutOff = true;
        } else if (line.startsWith(QLatin1String("-- server:"))) {
            cases.last().server = line.mid(10).trimmed();
        } else if (!line.isEmpty()) {
            cases.last().sql += raw + QLatin1Char('\n');
        }
    }
    close();
    return cases;
}

QVector<Case> readCorpus()
{
    QVector<Case> all;
    const QDir dir(corpusDir() + QStringLiteral("/rules"));
    for (const QString& name : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name))
        all += readCorpusFile(dir.filePath(name));
    return all;
}

QStringList rulesOf(const LintReport& report)
{
    QStringList rules;
    for (const Finding& finding : report.findings)
        rules << finding.rule;
    rules.sort();
    return rules;
}

QString describeFindings(const LintReport& report)
{
    QStringList lines;
    for (const Finding& finding : report.findings)
        lines << QStringLiteral("%1 line %2: %3").arg(finding.rule).arg(finding.line).arg(finding.message);
    return lines.join(QStringLiteral("\n    "));
}

// The case as one step of a plan, inside Alembic's BEGIN/COMMIT unless it runs outside a transaction.
SqlLinter linterFor(const Case& c)
{
    LintOptions options;
    options.lockTimeoutMs = c.lockTimeoutOff ? 0 : 1000;
    SqlLinter linter(options);
    if (!c.outsideTransaction)
        linter.addSql(QStringLiteral("BEGIN;\n\n"), -1);
    linter.addSql(c.sql, 0, QStringLiteral("case"));
    if (!c.outsideTransaction)
        linter.addSql(QStringLiteral("COMMIT;\n"), -1);
    return linter;
}

LintReport review(const SqlLinter& linter, const CatalogFacts& facts)
{
    LintStepInput step;
    step.step.index = 0;
    step.step.revision = QStringLiteral("case");
    step.step.direction = QStringLiteral("upgrade");
    return linter.review({step}, facts);
}

// Per table: the strongest lock, and whether it is rewritten / read in full.
struct Claim
{
    LockMode lock = LockMode::None;
    bool rewrites = false;
    bool scans = false;
};

QString describeClaims(const std::map<QString, Claim>& claims)
{
    QStringList parts;
    for (const auto& [table, claim] : claims)
        parts << QStringLiteral("%1=%2%3%4")
                     .arg(table, lockModeName(claim.lock), claim.rewrites ? QStringLiteral("+rewrite") : QString(),
                          claim.scans ? QStringLiteral("+scan") : QString());
    return parts.join(QStringLiteral(", "));
}

QStringList statementsOf(const QString& sql)
{
    QStringList texts;
    for (const ParsedStatement& statement : PgParser::parse(sql))
        texts << statement.text;
    return texts;
}

} // namespace

class tst_LintCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyRuleHasFlaggedAndSafeCases();
    void everyRuleIsDocumented();
    void conflictTableMatchesTheServer();
    void corpus_data();
    void corpus();
    void liveFactsWeighTheTables();

private:
    Status resetDatabase(const QStringList& setup);
    QString exec(const QString& sql);
    std::map<QString, Claim> claimsOf(const LintReport& report) const;
    void checkLocks(const Case& c, const LintReport& live);
    void checkBlocked(const Case& c, const LintReport& live);

    PgCluster m_cluster;
    std::unique_ptr<ScopedConnection> m_db;
    QStringList m_schema;
};

void tst_LintCorpus::initTestCase()
{
    const Status started = m_cluster.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QVERIFY(m_cluster.createDatabase(kDatabase).ok());
    m_db = connectTo(m_cluster.url(kDatabase));
    QVERIFY(m_db);
    QCOMPARE(exec(QStringLiteral("SET client_min_messages = warning")), QString()); // no NOTICEs from DROP ... CASCADE
    QFile schema(corpusDir() + QStringLiteral("/schema.sql"));
    QVERIFY(schema.open(QIODevice::ReadOnly));
    m_schema = statementsOf(QString::fromUtf8(schema.readAll()));
    QVERIFY(m_schema.size() > 5);
}

QString tst_LintCorpus::exec(const QString& sql)
{
    QSqlQuery query(m_db->database());
    if (!query.exec(sql))
        return query.lastError().text().isEmpty() ? QStringLiteral("failed") : query.lastError().text();
    return {};
}

Status tst_LintCorpus::resetDatabase(const QStringList& setup)
{
    QStringList statements{QStringLiteral("DROP SCHEMA public CASCADE"), QStringLiteral("CREATE SCHEMA public")};
    statements << m_schema << setup;
    return execAll(m_db->database(), statements);
}

void tst_LintCorpus::everyRuleHasFlaggedAndSafeCases()
{
    const QVector<Case> cases = readCorpus();
    QVERIFY(cases.size() > 50);
    for (const LintRule& rule : LintRules::all()) {
        if (rule.id == QLatin1String(rules::OfflineSqlUnavailable) || rule.id == QLatin1String(rules::DowngradeNotReversible))
            continue; // about revision files, not SQL: tst_SqlLinter and tst_CliLint
        int flagged = 0;
        int safe = 0;
        for (const Case& c : cases) {
            if (c.file != rule.id)
                continue;
            if (c.expect.contains(rule.id) || c.expectOffline.contains(rule.id))
                ++flagged;
            if (!c.expect.contains(rule.id))
                ++safe;
        }
        QVERIFY2(flagged > 0, qPrintable(QStringLiteral("no corpus case flags %1 (tests/data/lint/rules/%1.sql)").arg(rule.id)));
        QVERIFY2(safe > 0, qPrintable(QStringLiteral("no near-miss for %1").arg(rule.id)));
    }
}

void tst_LintCorpus::everyRuleIsDocumented()
{
    QFile doc(QStringLiteral(RETORT_SOURCE_DIR "/docs/LINT-RULES.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(doc.readAll());
    QSet<QString> ids;
    for (const LintRule& rule : LintRules::all()) {
        QVERIFY2(!ids.contains(rule.id), qPrintable(rule.id));
        ids.insert(rule.id);
        QVERIFY(!rule.summary.isEmpty());
        QVERIFY(!rule.fix.isEmpty());
        const QString heading = QStringLiteral("`%1`").arg(rule.id);
        QVERIFY2(text.contains(heading), qPrintable(QStringLiteral("docs/LINT-RULES.md does not document %1").arg(rule.id)));
        QVERIFY2(text.contains(QStringLiteral("%1 | %2").arg(heading, severityName(rule.severity))),
                 qPrintable(QStringLiteral("docs/LINT-RULES.md gives %1 another severity").arg(rule.id)));
    }
}

// For every pair of modes: one session holds `held`, another asks for `requested` with NOWAIT.
void tst_LintCorpus::conflictTableMatchesTheServer()
{
    QVERIFY(resetDatabase({}).ok());
    std::unique_ptr<ScopedConnection> other = connectTo(m_cluster.url(kDatabase));
    QVERIFY(other);
    const QVector<LockMode> modes{LockMode::AccessShare,  LockMode::RowShare,          LockMode::RowExclusive,
                                  LockMode::ShareUpdateExclusive, LockMode::Share, LockMode::ShareRowExclusive,
                                  LockMode::Exclusive,    LockMode::AccessExclusive};
    for (const LockMode held : modes) {
        for (const LockMode requested : modes) {
            QCOMPARE(exec(QStringLiteral("BEGIN")), QString());
            QCOMPARE(exec(QStringLiteral("LOCK TABLE audit IN %1 MODE").arg(lockModeName(held))), QString());
            QSqlQuery query(other->database());
            QVERIFY(query.exec(QStringLiteral("BEGIN")));
            const bool granted = query.exec(QStringLiteral("LOCK TABLE audit IN %1 MODE NOWAIT").arg(lockModeName(requested)));
            QVERIFY(query.exec(QStringLiteral("ROLLBACK")));
            QCOMPARE(exec(QStringLiteral("ROLLBACK")), QString());
            QVERIFY2(granted == !lockModesConflict(held, requested),
                     qPrintable(QStringLiteral("%1 held, %2 requested").arg(lockModeName(held), lockModeName(requested))));
        }
    }
}

void tst_LintCorpus::corpus_data()
{
    QTest::addColumn<int>("index");
    const QVector<Case> cases = readCorpus();
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(cases.at(i).file, cases.at(i).name))) << i;
}

void tst_LintCorpus::corpus()
{
    QFETCH(int, index);
    static const QVector<Case> cases = readCorpus();
    const Case& c = cases.at(index);

    // Offline: no database facts.
    const SqlLinter linter = linterFor(c);
    const LintReport offline = review(linter, CatalogFacts{});
    QVERIFY2(rulesOf(offline) == c.expectOffline,
             qPrintable(QStringLiteral("offline: expected [%1], got:\n    %2")
                            .arg(c.expectOffline.join(QStringLiteral(", ")), describeFindings(offline))));

    // With the database: the facts LiveCatalog reads on its own connection.
    const Status reset = resetDatabase(c.setup);
    QVERIFY2(reset.ok(), qPrintable(reset.ok() ? QString() : reset.error().message));
    const Result<DatabaseUrl> url = DatabaseUrl::parse(m_cluster.url(kDatabase));
    QVERIFY(url.ok());
    const Result<CatalogFacts> facts = LiveCatalog::read(*url, linter.questions());
    QVERIFY2(facts.ok(), qPrintable(facts.ok() ? QString() : facts.error().message));
    QVERIFY2(facts->notes.isEmpty(), qPrintable(facts->notes.join(QStringLiteral("; "))));
    const LintReport live = review(linter, *facts);
    QVERIFY2(rulesOf(live) == c.expect,
             qPrintable(QStringLiteral("live: expected [%1], got:\n    %2")
                            .arg(c.expect.join(QStringLiteral(", ")), describeFindings(live))));

    // What the server really does.
    if (c.server == QLatin1String("locks")) {
        QVERIFY2(!c.outsideTransaction, "a lock check runs inside a transaction");
        checkLocks(c, live);
    } else if (c.server == QLatin1String("blocked")) {
        checkBlocked(c, live);
    } else if (c.server == QLatin1String("fails") || c.server == QLatin1String("succeeds")) {
        const bool wrap = !c.outsideTransaction;
        if (wrap)
            QCOMPARE(exec(QStringLiteral("BEGIN")), QString());
        QString failure;
        for (const QString& statement : statementsOf(c.sql)) {
            failure = exec(statement);
            if (!failure.isEmpty())
                break;
        }
        if (wrap)
            exec(QStringLiteral("ROLLBACK"));
        if (c.server == QLatin1String("fails"))
            QVERIFY2(!failure.isEmpty(), "the server accepted a case Retort says fails");
        else
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
    } else {
        QFAIL(qPrintable(QStringLiteral("unknown server mode '%1'").arg(c.server)));
    }
}

std::map<QString, Claim> tst_LintCorpus::claimsOf(const LintReport& report) const
{
    std::map<QString, Claim> claims;
    for (const StatementEffect& statement : report.statements) {
        if (statement.stepIndex != 0)
            continue;
        for (const TableEffect& effect : statement.tables) {
            Claim& claim = claims[effect.table.key()];
            claim.lock = strongerLock(claim.lock, effect.lock);
            claim.rewrites = claim.rewrites || effect.rewrites;
            claim.scans = claim.scans || effect.scans;
        }
    }
    return claims;
}

void tst_LintCorpus::checkLocks(const Case& c, const LintReport& live)
{
    QSqlDatabase db = m_db->database();
    const auto rows = [&db](const QString& sql, const std::function<void(const QSqlQuery&)>& row) {
        QSqlQuery query(db);
        if (!query.exec(sql))
            return false;
        while (query.next())
            row(query);
        return true;
    };
    QCOMPARE(exec(QStringLiteral("BEGIN")), QString());
    QCOMPARE(exec(QStringLiteral("SET LOCAL enable_seqscan = off")), QString());
    const QString userTables = QStringLiteral(
        "SELECT c.oid::bigint, c.relname, c.relfilenode::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'alembic_version'");
    QHash<qint64, QString> names;      // each table by the first name the case used for it
    QHash<qint64, qint64> fileBefore;  // tables that existed before the case: relfilenode
    QVERIFY(rows(userTables, [&](const QSqlQuery& q) {
        names.insert(q.value(0).toLongLong(), q.value(1).toString());
        fileBefore.insert(q.value(0).toLongLong(), q.value(2).toLongLong());
    }));
    const QString seqScans = QStringLiteral("SELECT relid::bigint, seq_scan FROM pg_stat_xact_user_tables");
    QHash<qint64, qint64> scansBefore;
    QVERIFY(rows(seqScans, [&](const QSqlQuery& q) { scansBefore.insert(q.value(0).toLongLong(), q.value(1).toLongLong()); }));
    for (const QString& statement : statementsOf(c.sql)) {
        const QString failure = exec(statement);
        if (!failure.isEmpty()) {
            exec(QStringLiteral("ROLLBACK"));
            QFAIL(qPrintable(QStringLiteral("the server rejected '%1': %2").arg(statement, failure)));
        }
        // Name new tables now: a table the case creates and drops has no name at the end.
        QVERIFY(rows(userTables, [&](const QSqlQuery& q) {
            if (!names.contains(q.value(0).toLongLong()))
                names.insert(q.value(0).toLongLong(), q.value(1).toString());
        }));
    }
    QHash<qint64, LockMode> locks;
    QVERIFY(rows(QStringLiteral("SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() "
                                "AND locktype = 'relation' AND granted"),
                 [&](const QSqlQuery& q) {
                     const qint64 oid = q.value(0).toLongLong();
                     locks[oid] = strongerLock(locks.value(oid, LockMode::None),
                                               lockModeFromName(q.value(1).toString()).value_or(LockMode::None));
                 }));
    QHash<qint64, qint64> fileAfter;
    QVERIFY(rows(userTables, [&](const QSqlQuery& q) { fileAfter.insert(q.value(0).toLongLong(), q.value(2).toLongLong()); }));
    QHash<qint64, qint64> scansAfter;
    QVERIFY(rows(seqScans, [&](const QSqlQuery& q) { scansAfter.insert(q.value(0).toLongLong(), q.value(1).toLongLong()); }));
    QCOMPARE(exec(QStringLiteral("ROLLBACK")), QString());

    // The server's account. Rewrites and full reads only count for tables that existed before; a
    // rewritten table is read whole anyway, except by TRUNCATE, whose index rebuild "scans" the new
    // empty file: scans are compared where neither side says the table is rewritten.
    std::map<QString, Claim> server;
    for (auto it = locks.cbegin(); it != locks.cend(); ++it) {
        if (!names.contains(it.key()))
            continue; // not a user table (index, sequence, catalog, TOAST)
        Claim& claim = server[names.value(it.key())];
        claim.lock = it.value();
        if (fileBefore.contains(it.key())) {
            claim.rewrites = fileAfter.contains(it.key()) && fileAfter.value(it.key()) != fileBefore.value(it.key());
            claim.scans = scansAfter.value(it.key()) > scansBefore.value(it.key());
        }
    }
    std::map<QString, Claim> claims = claimsOf(live);
    QSet<QString> existed;
    for (auto it = fileBefore.cbegin(); it != fileBefore.cend(); ++it)
        existed.insert(names.value(it.key()));
    for (auto& [table, claim] : claims) {
        if (!existed.contains(table))
            claim.rewrites = claim.scans = false;
    }
    const auto same = [](const std::map<QString, Claim>& a, const std::map<QString, Claim>& b) {
        if (a.size() != b.size())
            return false;
        for (const auto& [table, claim] : a) {
            const auto other = b.find(table);
            if (other == b.end() || other->second.lock != claim.lock || other->second.rewrites != claim.rewrites)
                return false;
            if (!claim.rewrites && other->second.scans != claim.scans)
                return false;
        }
        return true;
    };
    QVERIFY2(same(claims, server), qPrintable(QStringLiteral("Retort claims [%1]\n   the server took [%2]")
                                                  .arg(describeClaims(claims), describeClaims(server))));
}

// CONCURRENTLY cannot run in a transaction: another session holds ACCESS EXCLUSIVE on the claimed
// table, and pg_locks shows the mode the statement waits for.
void tst_LintCorpus::checkBlocked(const Case& c, const LintReport& live)
{
    const std::map<QString, Claim> claims = claimsOf(live);
    QCOMPARE(int(claims.size()), 1);
    const QString table = claims.begin()->first;
    const QStringList statements = statementsOf(c.sql);
    QCOMPARE(statements.size(), 1);

    QCOMPARE(exec(QStringLiteral("BEGIN")), QString());
    QCOMPARE(exec(QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE").arg(table)), QString());
    std::atomic<int> pid{0};
    const QString url = m_cluster.url(kDatabase);
    QFuture<QString> runner = QtConcurrent::run([url, statement = statements.first(), &pid]() -> QString {
        std::unique_ptr<ScopedConnection> connection = connectTo(url);
        if (!connection)
            return QStringLiteral("cannot connect");
        QSqlQuery query(connection->database());
        if (!query.exec(QStringLiteral("SELECT pg_backend_pid()")) || !query.next())
            return QStringLiteral("no pid");
        pid.store(query.value(0).toInt());
        if (!query.exec(statement))
            return query.lastError().text();
        return {};
    });
    QString waitedTable;
    LockMode waitedMode = LockMode::None;
    QElapsedTimer clock;
    clock.start();
    while (waitedTable.isEmpty() && clock.elapsed() < 20000) {
        QTest::qWait(20);
        if (pid.load() == 0)
            continue;
        QSqlQuery query(m_db->database());
        QVERIFY(query.exec(QStringLiteral("SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                          "WHERE l.pid = %1 AND NOT l.granted AND l.locktype = 'relation'")
                               .arg(pid.load())));
        if (query.next()) {
            waitedTable = query.value(0).toString();
            waitedMode = lockModeFromName(query.value(1).toString()).value_or(LockMode::None);
        }
    }
    QCOMPARE(exec(QStringLiteral("ROLLBACK")), QString());
    runner.waitForFinished();
    QCOMPARE(runner.result(), QString());
    QCOMPARE(waitedTable, table);
    QCOMPARE(lockModeName(waitedMode), lockModeName(claims.begin()->second.lock));
}

// The live facts: estimates after ANALYZE, exact counts on demand, sizes, emptiness.
void tst_LintCorpus::liveFactsWeighTheTables()
{
    QVERIFY(resetDatabase({QStringLiteral("INSERT INTO audit SELECT g, 'late' FROM generate_series(101, 150) AS g")}).ok());
    SqlLinter linter;
    linter.addSql(QStringLiteral("ALTER TABLE audit ADD COLUMN code text NOT NULL;\n"
                                 "ALTER TABLE empty_things ADD COLUMN code text NOT NULL;\n"
                                 "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n"
                                 "DROP TABLE no_such_table;\n"),
                  0, QStringLiteral("r1"));
    const Result<DatabaseUrl> url = DatabaseUrl::parse(m_cluster.url(kDatabase));
    QVERIFY(url.ok());
    LiveOptions options;
    Result<CatalogFacts> estimated = LiveCatalog::read(*url, linter.questions(), options);
    QVERIFY(estimated.ok());
    const TableFacts audit = estimated->tables.value(QStringLiteral("audit"));
    QVERIFY(audit.exists);
    QCOMPARE(audit.resolvedSchema, QStringLiteral("public"));
    QCOMPARE(audit.estimatedRows, qint64(100)); // ANALYZE saw 100; 50 came later
    QCOMPARE(audit.exactRows, qint64(-1));
    QCOMPARE(audit.hasRows, 1);
    QVERIFY(audit.totalBytes > 8192);
    QCOMPARE(estimated->tables.value(QStringLiteral("empty_things")).hasRows, 0);
    QVERIFY(!estimated->tables.value(QStringLiteral("no_such_table")).exists);
    QCOMPARE(estimated->columns.value(QStringLiteral("orders")).value(QStringLiteral("total")).display(), QStringLiteral("int4"));
    QCOMPARE(estimated->columns.value(QStringLiteral("orders")).value(QStringLiteral("status")).display(),
             QStringLiteral("varchar(20)"));
    QVERIFY(estimated->serverVersion >= 150000);

    options.exactCounts = true;
    const Result<CatalogFacts> exact = LiveCatalog::read(*url, linter.questions(), options);
    QVERIFY(exact.ok());
    QCOMPARE(exact->tables.value(QStringLiteral("audit")).exactRows, qint64(150));

    const LintReport report = review(linter, *exact);
    QVERIFY(report.live);
    bool weighed = false;
    for (const Finding& finding : report.findings) {
        if (finding.rule == QLatin1String(rules::ColumnTypeRewrite)) {
            QVERIFY2(finding.weight.startsWith(QStringLiteral("rewrites orders: 100 rows, ")), qPrintable(finding.weight));
            weighed = true;
        }
        QVERIFY2(!(finding.rule == QLatin1String(rules::AddColumnNotNullNoDefault) && finding.table.name == QLatin1String("empty_things")),
                 "an empty table takes NOT NULL columns");
    }
    QVERIFY(weighed);
}

QTEST_GUILESS_MAIN(tst_LintCorpus)
#include "tst_LintCorpus.moc"
