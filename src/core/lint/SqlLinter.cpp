#include "core/lint/SqlLinter.h"

#include "core/lint/LintRules.h"
#include "core/lint/PgTree.h"
#include "core/lint/StatementReviewer.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace retort::lint {

using namespace tree;

namespace {

// Weight of a finding's table: "rewrites orders: ~1.2 M rows, 340 MB".
QString weightOf(const Finding& finding, const TableFacts& facts)
{
    const bool destroys = finding.rule == QLatin1String(rules::DropTable) || finding.rule == QLatin1String(rules::DropColumn)
                          || finding.rule == QLatin1String(rules::TruncateTable)
                          || finding.rule == QLatin1String(rules::DeleteWithoutWhere);
    const QString verb = destroys            ? QStringLiteral("destroys")
                         : finding.rewrites ? QStringLiteral("rewrites")
                         : finding.scans    ? QStringLiteral("scans")
                                            : QStringLiteral("locks");
    QStringList parts;
    const qint64 rows = facts.rows();
    if (rows >= 0)
        parts << (facts.rowsAreEstimate() ? QStringLiteral("~") : QString()) + formatRows(rows) + QStringLiteral(" rows");
    if (facts.totalBytes >= 0)
        parts << formatBytes(facts.totalBytes);
    if (parts.isEmpty())
        return {};
    return QStringLiteral("%1 %2: %3").arg(verb, finding.table.display(), parts.join(QStringLiteral(", ")));
}

void addSourceFindings(const LintStepInput& input, LintReport& report)
{
    const StepReview& step = input.step;
    const RevisionSourceFacts& source = input.source;
    const auto add = [&](const char* ruleId, const QString& message, int sourceLine) {
        const LintRule& rule = LintRules::rule(QString::fromLatin1(ruleId));
        Finding finding;
        finding.rule = rule.id;
        finding.severity = rule.severity;
        finding.fix = rule.fix;
        finding.message = message;
        finding.revision = step.revision;
        finding.direction = step.direction;
        finding.stepIndex = step.index;
        finding.path = step.path;
        finding.sourceLine = sourceLine;
        report.findings.append(finding);
    };
    const QString function = step.direction == QLatin1String("downgrade") ? QStringLiteral("downgrade") : QStringLiteral("upgrade");
    if (!source.offlineHazards.isEmpty() || !step.rendered) {
        QStringList reads;
        for (const RevisionSourceFacts::Hazard& hazard : source.offlineHazards)
            reads << QStringLiteral("%1 (line %2)").arg(hazard.what).arg(hazard.line);
        QString message;
        if (!reads.isEmpty())
            message = QStringLiteral("%1() of %2 reads the database while it runs: %3, with no context.is_offline_mode() "
                                     "guard. Whatever it does with what it reads is not in the offline SQL.")
                          .arg(function, step.revision, reads.join(QStringLiteral(", ")));
        if (!step.rendered)
            message += (message.isEmpty() ? QString() : QStringLiteral(" "))
                       + QStringLiteral("Alembic could not render this step's offline SQL (%1): the preview shows nothing "
                                        "for it, and none of its statements were reviewed.")
                             .arg(step.renderError);
        add(rules::OfflineSqlUnavailable, message,
            source.offlineHazards.isEmpty() ? source.functionLine : source.offlineHazards.first().line);
    }
    if (step.direction == QLatin1String("downgrade") && source.readable) {
        if (source.body == RevisionSourceFacts::Body::Pass)
            add(rules::DowngradeNotReversible,
                QStringLiteral("downgrade() of %1 is only `pass`: alembic_version moves back, the schema stays as "
                               "upgrade() left it.")
                    .arg(step.revision),
                source.bodyLine);
        else if (source.body == RevisionSourceFacts::Body::Raises)
            add(rules::DowngradeNotReversible,
                QStringLiteral("downgrade() of %1 raises: the downgrade stops at this revision.").arg(step.revision),
                source.bodyLine);
        else if (source.body == RevisionSourceFacts::Body::Missing)
            add(rules::DowngradeNotReversible,
                QStringLiteral("%1 has no downgrade(): Alembic fails with AttributeError when it reaches it.").arg(step.revision),
                0);
    }
}

} // namespace

// ------------------------------------------------------------------------------------ SqlLinter

SqlLinter::SqlLinter(LintOptions options) : m_options(std::move(options)) {}

void SqlLinter::addSql(const QString& sql, int stepIndex, const QString& revision)
{
    m_chunks.append(Chunk{stepIndex, revision, PgParser::parse(sql)});
}

int SqlLinter::statementCount() const
{
    int count = 0;
    for (const Chunk& chunk : m_chunks)
        count += int(chunk.statements.size());
    return count;
}

CatalogQuestions SqlLinter::questions() const
{
    CatalogQuestions questions;
    QSet<QString> tables;
    QSet<QString> indexes;
    QSet<QString> functions;
    QSet<QString> empties;
    const auto addTable = [&](const TableName& table) {
        if (table.isEmpty() || table.name == m_options.versionTable || tables.contains(table.key()))
            return;
        tables.insert(table.key());
        questions.tables << table;
    };
    const auto addEmptiness = [&](const TableName& table) {
        if (table.isEmpty() || table.name == m_options.versionTable || empties.contains(table.key()))
            return;
        empties.insert(table.key());
        questions.emptinessChecks << table;
    };
    for (const Chunk& chunk : m_chunks) {
        for (const ParsedStatement& statement : chunk.statements) {
            if (!statement.parsed())
                continue;
            const QJsonObject& node = statement.node;
            const QString& type = statement.type;
            if (type == QLatin1String("RenameStmt") && stringAt(node, "renameType") == QLatin1String("OBJECT_INDEX")) {
                const TableName index = rangeVarName(objectAt(node, "relation"));
                if (!indexes.contains(index.key())) {
                    indexes.insert(index.key());
                    questions.indexes << index;
                }
                continue;
            }
            if (type == QLatin1String("AlterTableStmt") && stringAt(node, "objtype") != QLatin1String("OBJECT_TABLE"))
                continue;
            forEachRangeVar(node, [&](const QJsonObject& rangeVar) { addTable(rangeVarName(rangeVar)); });
            if (type == QLatin1String("DropStmt")) {
                const QString kind = stringAt(node, "removeType");
                for (const QJsonValue& object : arrayAt(node, "objects")) {
                    const TableName name = qualified(stringNodes(arrayAt(nodeAs(object, "List"), "items")));
                    if (kind == QLatin1String("OBJECT_TABLE")) {
                        addTable(name);
                        addEmptiness(name);
                    } else if (kind == QLatin1String("OBJECT_INDEX") && !indexes.contains(name.key())) {
                        indexes.insert(name.key());
                        questions.indexes << name;
                    }
                }
            } else if (type == QLatin1String("TruncateStmt")) {
                for (const QJsonValue& relation : arrayAt(node, "relations"))
                    addEmptiness(rangeVarName(nodeAs(relation, "RangeVar")));
            } else if (type == QLatin1String("DeleteStmt") && !node.contains(QLatin1String("whereClause"))) {
                addEmptiness(rangeVarName(objectAt(node, "relation")));
            } else if (type == QLatin1String("CommentStmt")) {
                QStringList names = stringNodes(arrayAt(nodeAs(node.value(QLatin1String("object")), "List"), "items"));
                if (stringAt(node, "objtype") == QLatin1String("OBJECT_COLUMN") && names.size() >= 2)
                    names.removeLast();
                if (stringAt(node, "objtype") == QLatin1String("OBJECT_COLUMN")
                    || stringAt(node, "objtype") == QLatin1String("OBJECT_TABLE"))
                    addTable(qualified(names));
            } else if (type == QLatin1String("AlterTableStmt")) {
                const TableName table = rangeVarName(objectAt(node, "relation"));
                for (const QJsonValue& value : arrayAt(node, "cmds")) {
                    const QJsonObject cmd = nodeAs(value, "AlterTableCmd");
                    const QString subtype = stringAt(cmd, "subtype");
                    if (subtype == QLatin1String("AT_DropColumn")) {
                        addEmptiness(table);
                    } else if (subtype == QLatin1String("AT_AddColumn")) {
                        bool notNull = false;
                        bool hasDefault = false;
                        const QJsonObject column = nodeAs(objectAt(cmd, "def"), "ColumnDef");
                        for (const QJsonValue& c : arrayAt(column, "constraints")) {
                            const QJsonObject constraint = nodeAs(c, "Constraint");
                            const QString contype = stringAt(constraint, "contype");
                            notNull = notNull || contype == QLatin1String("CONSTR_NOTNULL");
                            hasDefault = hasDefault || contype == QLatin1String("CONSTR_DEFAULT")
                                         || contype == QLatin1String("CONSTR_IDENTITY")
                                         || contype == QLatin1String("CONSTR_GENERATED");
                            if (contype != QLatin1String("CONSTR_DEFAULT"))
                                continue;
                            walk(constraint.value(QLatin1String("raw_expr")), [&](const QString& kind, const QJsonObject& f) {
                                const QString name = kind == QLatin1String("FuncCall") ? functionName(f) : QString();
                                if (!name.isEmpty() && !StatementReviewer::knowsFunction(name)
                                    && !functions.contains(name)) {
                                    functions.insert(name);
                                    questions.functions << name;
                                }
                            });
                        }
                        if (notNull && !hasDefault)
                            addEmptiness(table);
                    }
                }
            }
        }
    }
    return questions;
}

LintReport SqlLinter::review(const QVector<LintStepInput>& steps, const CatalogFacts& facts) const
{
    LintReport report;
    report.lockTimeoutMs = m_options.lockTimeoutMs;
    report.live = facts.live;
    report.serverVersion = facts.serverVersion;
    report.liveNote = facts.notes.join(QStringLiteral("; "));
    QHash<int, QString> directions;
    for (const LintStepInput& input : steps) {
        report.steps << input.step;
        directions.insert(input.step.index, input.step.direction);
    }

    StatementReviewer reviewer(m_options, facts, report);
    QHash<int, int> statementsPerStep;
    for (const Chunk& chunk : m_chunks) {
        statementsPerStep[chunk.stepIndex] += int(chunk.statements.size());
        for (const ParsedStatement& statement : chunk.statements)
            reviewer.statement(statement, chunk.stepIndex, chunk.revision);
    }
    for (StepReview& step : report.steps)
        step.statements = statementsPerStep.value(step.index);
    for (Finding& finding : report.findings)
        finding.direction = directions.value(finding.stepIndex);
    for (const LintStepInput& input : steps)
        addSourceFindings(input, report);
    std::stable_sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
        return a.stepIndex != b.stepIndex ? a.stepIndex < b.stepIndex : a.line < b.line;
    });

    // The tables the plan touches, in order of first use, with the database's facts.
    QHash<QString, int> tableIndex;
    for (const StatementEffect& statement : std::as_const(report.statements)) {
        for (const TableEffect& effect : statement.tables) {
            const QString key = effect.table.key();
            auto found = tableIndex.constFind(key);
            if (found == tableIndex.constEnd()) {
                TableFacts table = facts.tables.value(key);
                table.table = effect.table;
                table.createdByPlan = reviewer.createdByPlan(effect.table);
                found = tableIndex.insert(key, int(report.tables.size()));
                report.tables.append(table);
            }
            TableFacts& table = report.tables[*found];
            table.planLock = strongerLock(table.planLock, effect.lock);
            table.rewritten = table.rewritten || effect.rewrites;
            table.scanned = table.scanned || effect.scans;
        }
    }
    if (facts.live) {
        for (Finding& finding : report.findings) {
            const TableFacts* table = report.table(finding.table);
            if (table && table->exists)
                finding.weight = weightOf(finding, *table);
        }
    }
    for (DataLoss& loss : report.dataLoss) {
        const TableFacts* table = report.table(loss.table);
        if (facts.live && table)
            loss.rows = table->exists ? table->rows() : 0;
        report.wouldLoseRows = report.wouldLoseRows || loss.rows != 0;
    }
    for (BlockingSession session : facts.sessions) {
        const TableFacts* table = report.table(session.table);
        session.planLock = table ? table->planLock : LockMode::None;
        session.conflicts = lockModesConflict(session.mode, session.planLock);
        report.blockingSessions.append(session);
    }
    return report;
}

} // namespace retort::lint
