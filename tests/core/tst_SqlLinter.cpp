// The lint area without a server: PgParser (statements, lines, a statement PostgreSQL rejects),
// ColumnType and binary coercion, the plan-wide state SqlLinter keeps across steps (tables created
// earlier, lock_timeout set earlier, autocommit blocks, indexes created earlier), the revision-file
// reader (offline-mode hazards, `pass` / raising downgrades), downgrade data loss offline, the JSON
// report, and the number formats.

#include "core/lint/LintRules.h"
#include "core/lint/PlanLinter.h"
#include "core/lint/PgParser.h"
#include "core/lint/RevisionSourceScan.h"
#include "core/lint/SqlLinter.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace retort::lint;

namespace {

// A plan of steps as Alembic renders it for PostgreSQL: BEGIN, the steps, COMMIT.
LintReport lintPlan(const QStringList& stepSql, LintOptions options = {}, const QString& direction = QStringLiteral("upgrade"))
{
    SqlLinter linter(options);
    linter.addSql(QStringLiteral("BEGIN;\n\n"), -1);
    QVector<LintStepInput> steps;
    for (int i = 0; i < stepSql.size(); ++i) {
        const QString revision = QStringLiteral("r%1").arg(i + 1);
        linter.addSql(stepSql.at(i), i, revision);
        LintStepInput step;
        step.step.index = i;
        step.step.revision = revision;
        step.step.direction = direction;
        steps << step;
    }
    linter.addSql(QStringLiteral("COMMIT;\n"), -1);
    return linter.review(steps, CatalogFacts{});
}

QStringList rulesOf(const LintReport& report, int step = -1)
{
    QStringList rules;
    for (const Finding& finding : report.findings)
        if (step < 0 || finding.stepIndex == step)
            rules << finding.rule;
    return rules;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QString& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text.toUtf8());
    return path;
}

} // namespace

class tst_SqlLinter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parserGivesLinesAndText();
    void parserKeepsTheRestAfterABadStatement();
    void parserReadsTypesAndConstraints_data();
    void parserReadsTypesAndConstraints();
    void binaryCoercion_data();
    void binaryCoercion();
    void tablesCreatedInAnEarlierStepAreNew();
    void lockTimeoutSetInAnEarlierStepCounts();
    void lockTimeoutIsReportedOncePerStep();
    void autocommitBlockEndsTheTransaction();
    void indexCreatedEarlierNamesItsTable();
    void findingsCarryLockLineAndStatement();
    void versionTableIsNotReviewed();
    void downgradeDataLossOffline();
    void revisionSource_data();
    void revisionSource();
    void sourceFindingsForSteps();
    void jsonReport();
    void formats();
    void lockConflicts();
    void reviewOfRenderedSqlIsTheSameAsTheLinters();
    void reviewOfRenderedSqlRefusesAnotherPlanOrDialect();
};

void tst_SqlLinter::parserGivesLinesAndText()
{
    const QVector<ParsedStatement> statements = PgParser::parse(QStringLiteral(
        "-- Running upgrade a -> b\n\n/* a comment /* nested */ still */\nCREATE INDEX ix ON orders (status);\n\n"
        "ALTER TABLE orders\n    ADD COLUMN note text;\n\nUPDATE alembic_version SET version_num='b' WHERE version_num = 'a';\n"));
    QCOMPARE(statements.size(), 3);
    QCOMPARE(statements.at(0).line, 4);
    QCOMPARE(statements.at(0).type, QStringLiteral("IndexStmt"));
    QCOMPARE(statements.at(0).text, QStringLiteral("CREATE INDEX ix ON orders (status)"));
    QCOMPARE(statements.at(1).line, 6);
    QCOMPARE(statements.at(1).text, QStringLiteral("ALTER TABLE orders\n    ADD COLUMN note text"));
    QCOMPARE(statements.at(2).line, 9);
    QCOMPARE(statements.at(2).type, QStringLiteral("UpdateStmt"));
    // Non-ASCII text before a statement: lines still count right (byte offsets inside).
    const QVector<ParsedStatement> unicode = PgParser::parse(QStringLiteral("COMMENT ON TABLE t IS 'café ☕';\nDROP TABLE t;"));
    QCOMPARE(unicode.size(), 2);
    QCOMPARE(unicode.at(1).line, 2);
    QCOMPARE(unicode.at(1).text, QStringLiteral("DROP TABLE t"));
    QVERIFY(PgParser::parse(QStringLiteral("-- only a comment\n")).isEmpty());
}

void tst_SqlLinter::parserKeepsTheRestAfterABadStatement()
{
    const QVector<ParsedStatement> statements =
        PgParser::parse(QStringLiteral("CREATE TABLE a (id int);\nALTER TABLE a FROBNICATE;\nDROP TABLE a;\n"));
    QCOMPARE(statements.size(), 3);
    QVERIFY(statements.at(0).parsed());
    QVERIFY(!statements.at(1).parsed());
    QVERIFY(statements.at(1).error.contains(QStringLiteral("syntax error")));
    QCOMPARE(statements.at(1).line, 2);
    QCOMPARE(statements.at(2).type, QStringLiteral("DropStmt"));
    QCOMPARE(statements.at(2).line, 3);
    const QVector<ParsedStatement> unterminated = PgParser::parse(QStringLiteral("SELECT 'no end"));
    QCOMPARE(unterminated.size(), 1);
    QVERIFY(!unterminated.first().parsed());
}

void tst_SqlLinter::parserReadsTypesAndConstraints_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<QString>("type");
    QTest::newRow("format_type's varchar") << "character varying(20)" << "varchar(20)";
    QTest::newRow("Alembic's VARCHAR") << "VARCHAR(20)" << "varchar(20)";
    QTest::newRow("integer") << "integer" << "int4";
    QTest::newRow("BIGINT") << "BIGINT" << "int8";
    QTest::newRow("numeric with scale") << "numeric(10,2)" << "numeric(10,2)";
    QTest::newRow("timestamp with time zone") << "timestamp with time zone" << "timestamptz";
    QTest::newRow("an array") << "text[]" << "text[]";
    QTest::newRow("a user type") << "mood" << "mood";
}

void tst_SqlLinter::parserReadsTypesAndConstraints()
{
    QFETCH(QString, written);
    QFETCH(QString, type);
    const std::optional<QJsonObject> node = PgParser::parseTypeName(written);
    QVERIFY(node.has_value());
    const std::optional<ColumnType> parsed = ColumnType::fromTypeName(*node);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->display(), type);

    const std::optional<QJsonObject> check = PgParser::parseConstraint(QStringLiteral("CHECK ((total IS NOT NULL))"));
    QVERIFY(check.has_value());
    QCOMPARE(check->value(QStringLiteral("contype")).toString(), QStringLiteral("CONSTR_CHECK"));
    QVERIFY(!PgParser::parseTypeName(QStringLiteral("not a type (")).has_value());
}

void tst_SqlLinter::binaryCoercion_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("coercible");
    QTest::newRow("varchar to text") << "varchar(20)" << "text" << true;
    QTest::newRow("longer varchar") << "varchar(20)" << "varchar(30)" << true;
    QTest::newRow("shorter varchar") << "varchar(20)" << "varchar(10)" << false;
    QTest::newRow("unbounded varchar") << "varchar(20)" << "varchar" << true;
    QTest::newRow("text to varchar") << "text" << "varchar" << true;
    QTest::newRow("text to varchar(n)") << "text" << "varchar(50)" << false;
    QTest::newRow("int to bigint") << "integer" << "bigint" << false;
    QTest::newRow("numeric precision") << "numeric(10,2)" << "numeric(12,2)" << true;
    QTest::newRow("numeric scale") << "numeric(10,2)" << "numeric(12,3)" << false;
    QTest::newRow("unconstrained numeric") << "numeric(10,2)" << "numeric" << true;
    QTest::newRow("constrained numeric") << "numeric" << "numeric(10,2)" << false;
    QTest::newRow("timestamp precision up") << "timestamp(3)" << "timestamp" << true;
    QTest::newRow("timestamp precision down") << "timestamp" << "timestamp(3)" << false;
    QTest::newRow("cidr to inet") << "cidr" << "inet" << true;
    QTest::newRow("same type") << "int8" << "bigint" << true;
    QTest::newRow("enum to text") << "mood" << "text" << false;
}

void tst_SqlLinter::binaryCoercion()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, coercible);
    const std::optional<ColumnType> a = ColumnType::fromTypeName(*PgParser::parseTypeName(from));
    const std::optional<ColumnType> b = ColumnType::fromTypeName(*PgParser::parseTypeName(to));
    QVERIFY(a && b);
    QCOMPARE(isBinaryCoercible(*a, *b), coercible);
}

void tst_SqlLinter::tablesCreatedInAnEarlierStepAreNew()
{
    const LintReport report = lintPlan({QStringLiteral("CREATE TABLE orders (id int, status varchar(20));\n"),
                                        QStringLiteral("CREATE INDEX ix ON orders (status);\n"
                                                       "ALTER TABLE orders ALTER COLUMN status TYPE varchar(10);\n"
                                                       "ALTER TABLE orders ADD COLUMN code text NOT NULL;\n"),
                                        QStringLiteral("DROP TABLE orders;\n")});
    QCOMPARE(rulesOf(report), QStringList());
    const TableFacts* orders = report.table(TableName{{}, QStringLiteral("orders")});
    QVERIFY(orders);
    QVERIFY(orders->createdByPlan);
    QCOMPARE(orders->planLock, LockMode::AccessExclusive);
    QVERIFY(report.dataLoss.isEmpty());
    QVERIFY(!report.wouldLoseRows);

    // The same on a table that existed before the plan.
    const LintReport existing = lintPlan({QStringLiteral("CREATE INDEX ix ON orders (status);\n"),
                                          QStringLiteral("DROP TABLE orders;\n")});
    QCOMPARE(rulesOf(existing, 0), QStringList{QString::fromLatin1(rules::CreateIndexNotConcurrently)});
    QVERIFY(rulesOf(existing, 1).contains(QString::fromLatin1(rules::DropTable)));
}

void tst_SqlLinter::lockTimeoutSetInAnEarlierStepCounts()
{
    // SET (session) lasts for the next steps; SET LOCAL ends with the transaction.
    const LintReport session = lintPlan({QStringLiteral("SET lock_timeout = '3s';\n"), QStringLiteral("ALTER TABLE a ADD COLUMN b int;\n")});
    QCOMPARE(rulesOf(session), QStringList());
    SqlLinter linter;
    linter.addSql(QStringLiteral("BEGIN;\n"), -1);
    linter.addSql(QStringLiteral("SET LOCAL lock_timeout = '3s';\n"), 0, QStringLiteral("r1"));
    linter.addSql(QStringLiteral("COMMIT;\nBEGIN;\n"), -1);
    linter.addSql(QStringLiteral("ALTER TABLE a ADD COLUMN b int;\n"), 1, QStringLiteral("r2"));
    linter.addSql(QStringLiteral("COMMIT;\n"), -1);
    QVector<LintStepInput> steps(2);
    steps[0].step.index = 0;
    steps[1].step.index = 1;
    const LintReport local = linter.review(steps, CatalogFacts{});
    QCOMPARE(rulesOf(local), QStringList{QString::fromLatin1(rules::LockTimeoutMissing)});
    QCOMPARE(local.findings.first().stepIndex, 1);
    // RESET takes it away again.
    const LintReport reset = lintPlan({QStringLiteral("SET lock_timeout = '3s';\nRESET lock_timeout;\nALTER TABLE a ADD COLUMN b int;\n")});
    QCOMPARE(rulesOf(reset), QStringList{QString::fromLatin1(rules::LockTimeoutMissing)});
}

void tst_SqlLinter::lockTimeoutIsReportedOncePerStep()
{
    const LintReport report = lintPlan({QStringLiteral("ALTER TABLE a ADD COLUMN b int;\nALTER TABLE c ADD COLUMN d int;\n"),
                                        QStringLiteral("ALTER TABLE a DROP COLUMN b;\n")});
    QCOMPARE(rulesOf(report, 0), QStringList{QString::fromLatin1(rules::LockTimeoutMissing)});
    QCOMPARE(report.findings.first().line, 1);
    QCOMPARE(report.findings.first().table.name, QStringLiteral("a"));
    QVERIFY(rulesOf(report, 1).contains(QString::fromLatin1(rules::LockTimeoutMissing)));
    LintOptions options;
    options.lockTimeoutMs = 5000;
    QVERIFY(!rulesOf(lintPlan({QStringLiteral("ALTER TABLE a ADD COLUMN b int;\n")}, options))
                 .contains(QString::fromLatin1(rules::LockTimeoutMissing)));
}

void tst_SqlLinter::autocommitBlockEndsTheTransaction()
{
    // op.get_context().autocommit_block() writes COMMIT; ...; BEGIN; around its body.
    LintOptions options;
    options.lockTimeoutMs = 1000;
    const LintReport report = lintPlan({QStringLiteral("COMMIT;\n\nCREATE INDEX CONCURRENTLY ix ON orders (status);\n\nBEGIN;\n\n"
                                                       "CREATE INDEX CONCURRENTLY ix2 ON orders (total);\n")},
                                       options);
    QCOMPARE(rulesOf(report), QStringList{QString::fromLatin1(rules::ConcurrentlyInTransaction)});
    QCOMPARE(report.findings.first().line, 7);
    QCOMPARE(report.findings.first().lock, LockMode::ShareUpdateExclusive);
}

void tst_SqlLinter::indexCreatedEarlierNamesItsTable()
{
    LintOptions options;
    options.lockTimeoutMs = 1000;
    const LintReport report = lintPlan({QStringLiteral("COMMIT;\nCREATE INDEX CONCURRENTLY ix_status ON sales.orders (status);\nBEGIN;\n"),
                                        QStringLiteral("DROP INDEX sales.ix_status;\n")},
                                       options);
    QCOMPARE(rulesOf(report), QStringList{QString::fromLatin1(rules::DropIndexNotConcurrently)});
    QCOMPARE(report.findings.first().table.key(), QStringLiteral("sales.orders"));
    QCOMPARE(report.findings.first().lock, LockMode::AccessExclusive);
    // Offline and unknown: the finding stays, without a table.
    const LintReport unknown = lintPlan({QStringLiteral("DROP INDEX ix_somewhere;\n")}, options);
    QCOMPARE(rulesOf(unknown), QStringList{QString::fromLatin1(rules::DropIndexNotConcurrently)});
    QVERIFY(unknown.findings.first().table.isEmpty());
    QVERIFY(unknown.findings.first().message.contains(QStringLiteral("--url")));
}

void tst_SqlLinter::findingsCarryLockLineAndStatement()
{
    LintOptions options;
    options.lockTimeoutMs = 1000;
    const LintReport report = lintPlan({QStringLiteral("-- Running upgrade  -> r1\n\nALTER TABLE public.orders ADD COLUMN token uuid "
                                                       "DEFAULT gen_random_uuid();\n\nINSERT INTO alembic_version (version_num) "
                                                       "VALUES ('r1');\n")},
                                       options);
    QCOMPARE(report.findings.size(), 1);
    const Finding& finding = report.findings.first();
    QCOMPARE(finding.rule, QString::fromLatin1(rules::AddColumnRewrite));
    QCOMPARE(finding.severity, Severity::Error);
    QCOMPARE(finding.revision, QStringLiteral("r1"));
    QCOMPARE(finding.direction, QStringLiteral("upgrade"));
    QCOMPARE(finding.line, 3);
    QCOMPARE(finding.table.key(), QStringLiteral("orders")); // public. folds into the plain name
    QCOMPARE(finding.lock, LockMode::AccessExclusive);
    QVERIFY(finding.rewrites);
    QVERIFY(finding.scans);
    QVERIFY(finding.statement.startsWith(QStringLiteral("ALTER TABLE public.orders ADD COLUMN token")));
    QVERIFY(finding.message.contains(QStringLiteral("gen_random_uuid()")));
    QCOMPARE(finding.fix, LintRules::rule(finding.rule).fix);
    QVERIFY(finding.fix.contains(QStringLiteral("op.add_column")));
    QCOMPARE(report.steps.first().statements, 2);
}

void tst_SqlLinter::versionTableIsNotReviewed()
{
    LintOptions options;
    options.versionTable = QStringLiteral("schema_history");
    const LintReport report = lintPlan({QStringLiteral("DELETE FROM schema_history;\nDROP TABLE schema_history;\n"
                                                       "UPDATE schema_history SET version_num = 'x';\n")},
                                       options);
    QCOMPARE(rulesOf(report), QStringList());
    QVERIFY(report.statements.isEmpty());
}

void tst_SqlLinter::downgradeDataLossOffline()
{
    LintOptions options;
    options.lockTimeoutMs = 1000;
    const LintReport report = lintPlan({QStringLiteral("ALTER TABLE orders DROP COLUMN note;\n"), QStringLiteral("DROP TABLE orders;\n"),
                                        QStringLiteral("TRUNCATE audit;\nDELETE FROM events;\n")},
                                       options, QStringLiteral("downgrade"));
    QCOMPARE(report.dataLoss.size(), 4);
    QCOMPARE(report.dataLoss.at(0).what, QStringLiteral("DROP COLUMN"));
    QCOMPARE(report.dataLoss.at(0).column, QStringLiteral("note"));
    QCOMPARE(report.dataLoss.at(1).what, QStringLiteral("DROP TABLE"));
    QCOMPARE(report.dataLoss.at(1).stepIndex, 1);
    QCOMPARE(report.dataLoss.at(2).what, QStringLiteral("TRUNCATE"));
    QCOMPARE(report.dataLoss.at(3).what, QStringLiteral("DELETE without WHERE"));
    QCOMPARE(report.dataLoss.at(3).line, 2);
    for (const DataLoss& loss : report.dataLoss)
        QCOMPARE(loss.rows, qint64(-1)); // offline: unknown
    QVERIFY(report.wouldLoseRows);        // unknown counts as lost
    for (const Finding& finding : report.findings)
        QCOMPARE(finding.direction, QStringLiteral("downgrade"));
}

void tst_SqlLinter::revisionSource_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("function");
    QTest::addColumn<int>("body");      // RevisionSourceFacts::Body
    QTest::addColumn<QStringList>("hazards");
    QTest::addColumn<bool>("guarded");

    const QString head = QStringLiteral("from alembic import op, context\nimport sqlalchemy as sa\nrevision = 'r'\n"
                                        "down_revision = None\n\n");
    QTest::newRow("plain operations")
        << head + QStringLiteral("def upgrade():\n    op.add_column('t', sa.Column('c', sa.Integer()))\n") << "upgrade"
        << int(RevisionSourceFacts::Body::Code) << QStringList() << false;
    QTest::newRow("get_bind and fetchall")
        << head + QStringLiteral("def upgrade():\n    bind = op.get_bind()\n    rows = bind.execute(sa.text('SELECT 1'))"
                                 ".fetchall()\n    for r in rows:\n        op.execute('x')\n")
        << "upgrade" << int(RevisionSourceFacts::Body::Code)
        << QStringList{QStringLiteral("7:op.get_bind()"), QStringLiteral("8:.fetchall()")} << false;
    QTest::newRow("sa.inspect")
        << head + QStringLiteral("def upgrade():\n    insp = sa.inspect(op.get_bind())\n    if 'x' in insp.get_table_names():\n"
                                 "        op.drop_table('x')\n")
        << "upgrade" << int(RevisionSourceFacts::Body::Code)
        << QStringList{QStringLiteral("7:op.get_bind()"), QStringLiteral("7:sa.inspect()")} << false;
    QTest::newRow("guarded by is_offline_mode")
        << head + QStringLiteral("def upgrade():\n    if context.is_offline_mode():\n        op.execute('UPDATE t SET a = 1')\n"
                                 "    else:\n        n = op.get_bind().execute(sa.text('SELECT 1')).scalar()\n")
        << "upgrade" << int(RevisionSourceFacts::Body::Code) << QStringList() << true;
    QTest::newRow("a hazard in a string is not one")
        << head + QStringLiteral("def upgrade():\n    op.execute(\"SELECT op.get_bind() -- .fetchall()\")\n") << "upgrade"
        << int(RevisionSourceFacts::Body::Code) << QStringList() << false;
    QTest::newRow("downgrade is pass")
        << head + QStringLiteral("def upgrade():\n    op.drop_table('x')\n\ndef downgrade():\n    \"\"\"Nothing.\"\"\"\n    pass\n")
        << "downgrade" << int(RevisionSourceFacts::Body::Pass) << QStringList() << false;
    QTest::newRow("downgrade is ...")
        << head + QStringLiteral("def downgrade(): ...\n") << "downgrade" << int(RevisionSourceFacts::Body::Pass)
        << QStringList() << false;
    QTest::newRow("downgrade raises")
        << head + QStringLiteral("def downgrade():\n    # one-way\n    raise NotImplementedError('irreversible')\n")
        << "downgrade" << int(RevisionSourceFacts::Body::Raises) << QStringList() << false;
    QTest::newRow("downgrade raises only in a branch")
        << head + QStringLiteral("def downgrade():\n    if False:\n        raise RuntimeError()\n    op.drop_table('x')\n")
        << "downgrade" << int(RevisionSourceFacts::Body::Code) << QStringList() << false;
    QTest::newRow("no downgrade") << head + QStringLiteral("def upgrade():\n    pass\n") << "downgrade"
                                  << int(RevisionSourceFacts::Body::Missing) << QStringList() << false;
}

void tst_SqlLinter::revisionSource()
{
    QFETCH(QString, source);
    QFETCH(QString, function);
    QFETCH(int, body);
    QFETCH(QStringList, hazards);
    QFETCH(bool, guarded);
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("r.py"), source);
    const RevisionSourceFacts facts = scanRevisionSource(path, function);
    QVERIFY(facts.readable);
    QCOMPARE(int(facts.body), body);
    QCOMPARE(facts.offlineGuarded, guarded);
    QStringList found;
    for (const RevisionSourceFacts::Hazard& hazard : facts.offlineHazards)
        found << QStringLiteral("%1:%2").arg(hazard.line).arg(hazard.what);
    QCOMPARE(found, hazards);

    const RevisionSourceFacts missing = scanRevisionSource(dir.filePath(QStringLiteral("nope.py")), function);
    QVERIFY(!missing.readable);
    QVERIFY(!missing.error.isEmpty());
}

void tst_SqlLinter::sourceFindingsForSteps()
{
    SqlLinter linter;
    linter.addSql(QStringLiteral("ALTER TABLE a DROP COLUMN b;\n"), 0, QStringLiteral("r2"));
    LintStepInput first;
    first.step.index = 0;
    first.step.revision = QStringLiteral("r2");
    first.step.direction = QStringLiteral("downgrade");
    first.step.path = QStringLiteral("/p/r2.py");
    first.source.readable = true;
    first.source.body = RevisionSourceFacts::Body::Raises;
    first.source.bodyLine = 12;
    LintStepInput second;
    second.step.index = 1;
    second.step.revision = QStringLiteral("r1");
    second.step.direction = QStringLiteral("downgrade");
    second.step.rendered = false;
    second.step.renderError = QStringLiteral("migration r1 failed: 'NoneType' object has no attribute 'fetchall'");
    second.source.readable = true;
    second.source.body = RevisionSourceFacts::Body::Code;
    second.source.offlineHazards << RevisionSourceFacts::Hazard{8, QStringLiteral("op.get_bind()")};
    const LintReport report = linter.review({first, second}, CatalogFacts{});
    QStringList rules = rulesOf(report);
    QCOMPARE(rules.count(QString::fromLatin1(rules::DowngradeNotReversible)), 1);
    QCOMPARE(rules.count(QString::fromLatin1(rules::OfflineSqlUnavailable)), 1);
    for (const Finding& finding : report.findings) {
        if (finding.rule == QLatin1String(rules::DowngradeNotReversible)) {
            QCOMPARE(finding.path, QStringLiteral("/p/r2.py"));
            QCOMPARE(finding.sourceLine, 12);
            QCOMPARE(finding.line, 0);
            QCOMPARE(finding.severity, Severity::Error);
        } else if (finding.rule == QLatin1String(rules::OfflineSqlUnavailable)) {
            QCOMPARE(finding.stepIndex, 1);
            QCOMPARE(finding.sourceLine, 8);
            QVERIFY(finding.message.contains(QStringLiteral("op.get_bind() (line 8)")));
            QVERIFY(finding.message.contains(QStringLiteral("could not render")));
        }
    }
}

void tst_SqlLinter::jsonReport()
{
    const LintReport report = lintPlan({QStringLiteral("CREATE INDEX ix ON orders (status);\nDROP TABLE audit;\n")});
    const QJsonObject json = report.toJson();
    for (const char* key : {"findings", "blocking_sessions", "tables", "steps", "data_loss", "would_lose_rows", "summary"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    const QJsonArray findings = json.value(QStringLiteral("findings")).toArray();
    QVERIFY(findings.size() >= 2);
    const QJsonObject first = findings.first().toObject();
    for (const char* key : {"revision", "rule", "severity", "table", "lock", "rewrites", "scans", "message", "fix", "line", "statement"})
        QVERIFY2(first.contains(QLatin1String(key)), key);
    QCOMPARE(first.value(QStringLiteral("rule")).toString(), QString::fromLatin1(rules::CreateIndexNotConcurrently));
    QCOMPARE(first.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
    QCOMPARE(first.value(QStringLiteral("table")).toString(), QStringLiteral("orders"));
    QCOMPARE(first.value(QStringLiteral("lock")).toString(), QStringLiteral("SHARE"));
    QCOMPARE(first.value(QStringLiteral("scans")).toBool(), true);
    QCOMPARE(first.value(QStringLiteral("line")).toInt(), 1);
    const QJsonObject tables = json.value(QStringLiteral("tables")).toObject();
    QCOMPARE(tables.value(QStringLiteral("audit")).toObject().value(QStringLiteral("lock")).toString(), QStringLiteral("ACCESS EXCLUSIVE"));
    QVERIFY(tables.value(QStringLiteral("audit")).toObject().value(QStringLiteral("estimated_rows")).isNull());
    const QJsonArray locks = json.value(QStringLiteral("steps")).toArray().first().toObject().value(QStringLiteral("locks")).toArray();
    QCOMPARE(locks.size(), 2);
    QCOMPARE(json.value(QStringLiteral("would_lose_rows")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("summary")).toObject().value(QStringLiteral("error")).toInt(), report.count(Severity::Error));
    QVERIFY(report.reaches(Severity::Warning));
    QVERIFY(report.reaches(Severity::Error));
}

void tst_SqlLinter::formats()
{
    QCOMPARE(formatRows(0), QStringLiteral("0"));
    QCOMPARE(formatRows(999), QStringLiteral("999"));
    QCOMPARE(formatRows(1234), QStringLiteral("1.2 k"));
    QCOMPARE(formatRows(1234567), QStringLiteral("1.2 M"));
    QCOMPARE(formatRows(34567890), QStringLiteral("35 M"));
    QCOMPARE(formatBytes(8192), QStringLiteral("8192 bytes"));
    QCOMPARE(formatBytes(356515840), QStringLiteral("340 MB"));
    QCOMPARE(lockModeName(LockMode::ShareUpdateExclusive), QStringLiteral("SHARE UPDATE EXCLUSIVE"));
    QCOMPARE(lockModeFromName(QStringLiteral("ShareRowExclusiveLock")), std::optional<LockMode>(LockMode::ShareRowExclusive));
    QCOMPARE(severityFromName(QStringLiteral("warning")), std::optional<Severity>(Severity::Warning));
    QVERIFY(!severityFromName(QStringLiteral("fatal")).has_value());
}

void tst_SqlLinter::lockConflicts()
{
    // Spot checks; tst_LintCorpus compares the whole table with the server.
    QVERIFY(lockModesConflict(LockMode::AccessShare, LockMode::AccessExclusive));
    QVERIFY(!lockModesConflict(LockMode::AccessShare, LockMode::Share));
    QVERIFY(lockModesConflict(LockMode::RowExclusive, LockMode::Share));
    QVERIFY(!lockModesConflict(LockMode::ShareUpdateExclusive, LockMode::RowExclusive));
    QVERIFY(lockModesConflict(LockMode::ShareUpdateExclusive, LockMode::ShareUpdateExclusive));
    QVERIFY(!lockModesConflict(LockMode::None, LockMode::AccessExclusive));
}

namespace {

// What the bridge's `sql` gives for a two-step plan (the SQL preview shows these sections).
retort::SqlPreview renderedPlan(const QString& dialect)
{
    retort::SqlPreview rendered;
    rendered.url.insert(QStringLiteral("dialect"), dialect);
    const auto section = [](const QString& kind, const QString& revision, const QString& sql) {
        retort::SqlSection s;
        s.kind = kind;
        s.revision = revision;
        s.direction = QStringLiteral("upgrade");
        s.sql = sql;
        return s;
    };
    rendered.sections = {section(QStringLiteral("preamble"), {}, QStringLiteral("BEGIN;\n\n")),
                         section(QStringLiteral("step"), QStringLiteral("r1"),
                                 QStringLiteral("-- Running upgrade  -> r1\n\nCREATE TABLE orders (id integer);\n\n")),
                         section(QStringLiteral("step"), QStringLiteral("r2"),
                                 QStringLiteral("-- Running upgrade r1 -> r2\n\nALTER TABLE items ADD COLUMN n integer NOT NULL;\n\n"
                                                "CREATE INDEX ix_items_n ON items (n);\n\n")),
                         section(QStringLiteral("epilogue"), {}, QStringLiteral("COMMIT;\n"))};
    return rendered;
}

PlanLintRequest requestFor(const QStringList& revisions)
{
    PlanLintRequest request;
    request.plan.direction = retort::Direction::Upgrade;
    request.plan.target = revisions.last();
    for (const QString& revision : revisions) {
        retort::PlanStep step;
        step.direction = retort::Direction::Upgrade;
        step.revision = revision;
        request.plan.steps << step;
    }
    return request;
}

} // namespace

// The SQL preview's review: the sections already rendered, no bridge call, the same findings as
// the linter over the same SQL.
void tst_SqlLinter::reviewOfRenderedSqlIsTheSameAsTheLinters()
{
    const retort::Result<LintReport> reviewed = PlanLinter::review(requestFor({QStringLiteral("r1"), QStringLiteral("r2")}),
                                                           renderedPlan(QStringLiteral("postgresql")));
    QVERIFY2(reviewed.ok(), qPrintable(reviewed.ok() ? QString() : reviewed.error().message));
    const LintReport direct = lintPlan({QStringLiteral("-- Running upgrade  -> r1\n\nCREATE TABLE orders (id integer);\n\n"),
                                        QStringLiteral("-- Running upgrade r1 -> r2\n\nALTER TABLE items ADD COLUMN n integer NOT NULL;\n\n"
                                                       "CREATE INDEX ix_items_n ON items (n);\n\n")});
    QCOMPARE(rulesOf(*reviewed), rulesOf(direct));
    QVERIFY(rulesOf(*reviewed, 1).contains(QStringLiteral("create-index-not-concurrently")));
    QVERIFY(rulesOf(*reviewed, 0).isEmpty()); // a new table
    for (const Finding& finding : reviewed->findings) {
        QCOMPARE(finding.revision, QStringLiteral("r2"));
        if (finding.rule == QLatin1String("create-index-not-concurrently"))
            QCOMPARE(finding.line, 5); // in the step's SQL as rendered
    }
    QCOMPARE(reviewed->direction, QStringLiteral("upgrade"));
    QVERIFY(!reviewed->live);
}

void tst_SqlLinter::reviewOfRenderedSqlRefusesAnotherPlanOrDialect()
{
    const retort::Result<LintReport> sqlite = PlanLinter::review(requestFor({QStringLiteral("r1"), QStringLiteral("r2")}),
                                                         renderedPlan(QStringLiteral("sqlite")));
    QVERIFY(!sqlite.ok());
    QCOMPARE(sqlite.error().code, QStringLiteral("lint-dialect"));
    const retort::Result<LintReport> shorter = PlanLinter::review(requestFor({QStringLiteral("r1")}), renderedPlan(QStringLiteral("postgresql")));
    QVERIFY(!shorter.ok());
    QCOMPARE(shorter.error().code, QStringLiteral("lint-render-mismatch"));
    const retort::Result<LintReport> other = PlanLinter::review(requestFor({QStringLiteral("r1"), QStringLiteral("r9")}),
                                                        renderedPlan(QStringLiteral("postgresql")));
    QVERIFY(!other.ok());
    QCOMPARE(other.error().code, QStringLiteral("lint-render-mismatch"));
    std::atomic_bool cancel{true};
    const retort::Result<LintReport> cancelled = PlanLinter::review(requestFor({QStringLiteral("r1"), QStringLiteral("r2")}),
                                                            renderedPlan(QStringLiteral("postgresql")), &cancel);
    QVERIFY(!cancelled.ok());
    QCOMPARE(cancelled.error().code, QStringLiteral("cancelled"));
}

QTEST_GUILESS_MAIN(tst_SqlLinter)
#include "tst_SqlLinter.moc"
