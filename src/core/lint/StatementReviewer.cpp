#include "core/lint/StatementReviewer.h"

#include "core/lint/LintRules.h"
#include "core/lint/PgTree.h"

#include <algorithm>

namespace retort::lint {

using namespace tree;

namespace {

constexpr int kMaxStatementText = 2000;

// A lock_timeout value: 0 (in any unit) turns it off, anything else sets it.
bool timeoutValueIsSet(const QJsonValue& argument)
{
    const QJsonObject aConst = nodeAs(argument, "A_Const");
    if (const std::optional<qint64> number = constInteger(aConst))
        return *number != 0;
    if (const std::optional<QString> text = constString(aConst)) {
        QString digits;
        for (const QChar c : text->trimmed()) {
            if (!c.isDigit() && c != QLatin1Char('.'))
                break;
            digits += c;
        }
        return digits.isEmpty() || digits.toDouble() != 0.0;
    }
    if (aConst.contains(QLatin1String("fval")))
        return objectAt(aConst, "fval").value(QLatin1String("fval")).toString().toDouble() != 0.0;
    return true;
}

QString shortened(const QString& text)
{
    if (text.size() <= kMaxStatementText)
        return text;
    return text.left(kMaxStatementText) + QStringLiteral(" …");
}

QString quoted(const QString& name)
{
    return name.isEmpty() ? QStringLiteral("?") : name;
}

// ---------------------------------------------------------------------------------- volatility

enum class Volatility { Stable, Volatile, Unknown };

// Functions PostgreSQL (and its common extensions) mark volatile, seen in column defaults.
const QSet<QString>& volatileBuiltins()
{
    static const QSet<QString> names{
        QStringLiteral("random"),          QStringLiteral("random_normal"),      QStringLiteral("gen_random_uuid"),
        QStringLiteral("uuid_generate_v1"), QStringLiteral("uuid_generate_v1mc"), QStringLiteral("uuid_generate_v4"),
        QStringLiteral("clock_timestamp"), QStringLiteral("timeofday"),          QStringLiteral("nextval"),
        QStringLiteral("setval"),          QStringLiteral("currval"),            QStringLiteral("lastval"),
        QStringLiteral("txid_current"),    QStringLiteral("pg_current_xact_id"), QStringLiteral("gen_random_bytes"),
        QStringLiteral("setseed")};
    return names;
}

// Immutable or stable built-ins common in defaults (no rewrite since PostgreSQL 11).
const QSet<QString>& stableBuiltins()
{
    static const QSet<QString> names{
        QStringLiteral("now"),          QStringLiteral("statement_timestamp"), QStringLiteral("transaction_timestamp"),
        QStringLiteral("timezone"),     QStringLiteral("current_database"),    QStringLiteral("current_setting"),
        QStringLiteral("lower"),        QStringLiteral("upper"),               QStringLiteral("concat"),
        QStringLiteral("to_char"),      QStringLiteral("to_timestamp"),        QStringLiteral("to_date"),
        QStringLiteral("date_trunc"),   QStringLiteral("make_interval"),       QStringLiteral("md5"),
        QStringLiteral("length"),       QStringLiteral("btrim"),               QStringLiteral("trim"),
        QStringLiteral("jsonb_build_object"), QStringLiteral("json_build_object"), QStringLiteral("jsonb_build_array"),
        QStringLiteral("json_build_array"), QStringLiteral("to_jsonb"),      QStringLiteral("to_json"),
        QStringLiteral("array_fill"),   QStringLiteral("abs"),                 QStringLiteral("round"),
        QStringLiteral("floor"),        QStringLiteral("ceil"),
        QStringLiteral("uuid_nil"),     QStringLiteral("date"),                QStringLiteral("int4"),
        QStringLiteral("int8"),         QStringLiteral("text"),                QStringLiteral("numeric")};
    return names;
}

// The least stable function in an expression (its name in *which).
Volatility expressionVolatility(const QJsonValue& expression, const CatalogFacts& facts, QString* which)
{
    Volatility worst = Volatility::Stable;
    walk(expression, [&](const QString& type, const QJsonObject& fields) {
        if (type != QLatin1String("FuncCall") || worst == Volatility::Volatile)
            return;
        const QString name = functionName(fields);
        Volatility v = Volatility::Unknown;
        if (facts.volatileFunctions.contains(name))
            v = facts.volatileFunctions.value(name) ? Volatility::Volatile : Volatility::Stable;
        else if (volatileBuiltins().contains(name))
            v = Volatility::Volatile;
        else if (stableBuiltins().contains(name))
            v = Volatility::Stable;
        if (v == Volatility::Volatile || (v == Volatility::Unknown && worst == Volatility::Stable)) {
            worst = v;
            if (which)
                *which = name;
        }
    });
    return worst;
}

bool isSerialType(const QString& name)
{
    static const QSet<QString> serials{QStringLiteral("serial"),  QStringLiteral("bigserial"), QStringLiteral("smallserial"),
                                       QStringLiteral("serial2"), QStringLiteral("serial4"),   QStringLiteral("serial8")};
    return serials.contains(name);
}

QString joinKey(const QString& a, const QString& b)
{
    return a + QChar(0x1f) + b;
}

} // namespace

bool StatementReviewer::knowsFunction(const QString& name)
{
    return volatileBuiltins().contains(name) || stableBuiltins().contains(name);
}

void StatementReviewer::statement(const ParsedStatement& parsed, int stepIndex, const QString& revision)
{
    m_step = stepIndex;
    m_revision = revision;
    m_parsed = &parsed;
    m_createdAtStart = m_created;
    m_effect = StatementEffect{};
    m_pending.clear();
    m_losses.clear();

    if (!parsed.parsed()) {
        flag(rules::SqlUnparsed, {}, QStringLiteral("PostgreSQL 15's parser rejects this statement (%1); it is not reviewed.")
                                         .arg(parsed.error));
        finish();
        return;
    }
    const QJsonObject& node = parsed.node;
    if (m_inTransaction && !m_enumAdded.isEmpty())
        checkEnumUse(node);
    const QString& type = parsed.type;
    if (type == QLatin1String("TransactionStmt"))
        transaction(node);
    else if (type == QLatin1String("VariableSetStmt"))
        variableSet(node);
    else if (type == QLatin1String("CreateStmt"))
        createTable(node);
    else if (type == QLatin1String("IndexStmt"))
        createIndex(node);
    else if (type == QLatin1String("DropStmt"))
        drop(node);
    else if (type == QLatin1String("TruncateStmt"))
        truncate(node);
    else if (type == QLatin1String("AlterTableStmt"))
        alterTable(node);
    else if (type == QLatin1String("RenameStmt"))
        rename(node);
    else if (type == QLatin1String("AlterEnumStmt"))
        alterEnum(node);
    else if (type == QLatin1String("UpdateStmt"))
        update(node);
    else if (type == QLatin1String("DeleteStmt"))
        remove(node);
    else if (type == QLatin1String("InsertStmt"))
        readsAndWrites(node, "relation", LockMode::RowExclusive);
    else if (type == QLatin1String("SelectStmt"))
        readsAndWrites(node, nullptr, LockMode::None);
    else if (type == QLatin1String("CommentStmt"))
        comment(node);
    else if (type == QLatin1String("CreateTrigStmt"))
        take(rangeVarName(objectAt(node, "relation")), LockMode::ShareRowExclusive);
    else if (type == QLatin1String("LockStmt"))
        lockTable(node);
    else if (type == QLatin1String("ReindexStmt"))
        reindex(node);
    finish();
}

// ------------------------------------------------------------------------- transactions, settings

void StatementReviewer::transaction(const QJsonObject& node)
{
    const QString kind = stringAt(node, "kind");
    if (kind == QLatin1String("TRANS_STMT_BEGIN") || kind == QLatin1String("TRANS_STMT_START")) {
        m_inTransaction = true;
    } else if (kind == QLatin1String("TRANS_STMT_COMMIT") || kind == QLatin1String("TRANS_STMT_ROLLBACK")
               || kind == QLatin1String("TRANS_STMT_PREPARE") || kind == QLatin1String("TRANS_STMT_COMMIT_PREPARED")
               || kind == QLatin1String("TRANS_STMT_ROLLBACK_PREPARED")) {
        m_inTransaction = false;
        m_lockTimeoutLocal.reset();
        m_enumAdded.clear();
    }
}

void StatementReviewer::variableSet(const QJsonObject& node)
{
    const QString kind = stringAt(node, "kind");
    if (kind == QLatin1String("VAR_RESET_ALL")) {
        m_lockTimeoutSession = false;
        m_lockTimeoutLocal.reset();
        return;
    }
    if (stringAt(node, "name") != QLatin1String("lock_timeout"))
        return;
    bool value = false;
    if (kind == QLatin1String("VAR_SET_VALUE"))
        value = timeoutValueIsSet(arrayAt(node, "args").first());
    if (flagAt(node, "is_local")) {
        if (m_inTransaction)
            m_lockTimeoutLocal = value;
    } else {
        m_lockTimeoutSession = value;
        m_lockTimeoutLocal.reset();
    }
}

// ------------------------------------------------------------------------- CREATE TABLE / INDEX

void StatementReviewer::createTable(const QJsonObject& node)
{
    const TableName table = rangeVarName(objectAt(node, "relation"));
    TableEffect& effect = take(table, LockMode::AccessExclusive);
    effect.creates = true;
    m_created.insert(table.key());
    m_createdEver.insert(table.key());
    QHash<QString, ColumnType>& columns = m_columns[table.key()];
    columns.clear();
    const auto foreignKey = [&](const QJsonObject& constraint, const QStringList& columnsOfKey) {
        const TableName referred = rangeVarName(objectAt(constraint, "pktable"));
        if (!(referred == table))
            take(referred, LockMode::ShareRowExclusive);
        m_foreignKeys.append(ForeignKeyFact{stringAt(constraint, "conname"), table, columnsOfKey, referred,
                                            stringNodes(arrayAt(constraint, "pk_attrs"))});
    };
    for (const QJsonValue& element : arrayAt(node, "tableElts")) {
        const QString type = nodeType(element);
        const QJsonObject fields = nodeFields(element);
        if (type == QLatin1String("ColumnDef")) {
            const QString name = stringAt(fields, "colname");
            if (const std::optional<ColumnType> columnType = ColumnType::fromTypeName(objectAt(fields, "typeName")))
                columns.insert(name, *columnType);
            for (const QJsonValue& c : arrayAt(fields, "constraints")) {
                const QJsonObject constraint = nodeAs(c, "Constraint");
                if (stringAt(constraint, "contype") == QLatin1String("CONSTR_FOREIGN"))
                    foreignKey(constraint, {name});
            }
        } else if (type == QLatin1String("Constraint")) {
            const QString contype = stringAt(fields, "contype");
            if (contype == QLatin1String("CONSTR_FOREIGN"))
                foreignKey(fields, stringNodes(arrayAt(fields, "fk_attrs")));
            else if (contype == QLatin1String("CONSTR_CHECK") && !notNullCheckColumn(fields).isEmpty())
                m_provenNotNull[table.key()].insert(notNullCheckColumn(fields));
        } else if (type == QLatin1String("TableLikeClause")) {
            take(rangeVarName(objectAt(fields, "relation")), LockMode::AccessShare);
        }
    }
    for (const QJsonValue& parent : arrayAt(node, "inhRelations")) {
        const TableName parentName = rangeVarName(nodeAs(parent, "RangeVar"));
        // CREATE TABLE ... PARTITION OF locks the parent ACCESS EXCLUSIVE; INHERITS, SHARE UPDATE EXCLUSIVE.
        take(parentName, node.contains(QLatin1String("partbound")) ? LockMode::AccessExclusive : LockMode::ShareUpdateExclusive);
    }
}

void StatementReviewer::createIndex(const QJsonObject& node)
{
    const TableName table = rangeVarName(objectAt(node, "relation"));
    const bool concurrent = flagAt(node, "concurrent");
    TableEffect& effect = take(table, concurrent ? LockMode::ShareUpdateExclusive : LockMode::Share);
    effect.scans = true; // the build reads every row
    const QString index = stringAt(node, "idxname");
    if (!index.isEmpty())
        m_indexTables.insert(TableName{table.schema, index}.key(), table);
    if (isVersionTable(table))
        return;
    const QString what = flagAt(node, "unique") ? QStringLiteral("CREATE UNIQUE INDEX") : QStringLiteral("CREATE INDEX");
    if (concurrent && m_inTransaction) {
        flag(rules::ConcurrentlyInTransaction, table,
             QStringLiteral("%1 CONCURRENTLY %2 runs inside the migration's transaction: PostgreSQL refuses it "
                            "(\"cannot run inside a transaction block\") and the run fails here.")
                 .arg(what, quoted(index)));
    } else if (!concurrent && existing(table)) {
        flag(rules::CreateIndexNotConcurrently, table,
             QStringLiteral("%1 %2 holds SHARE on %3 while it reads the whole table: inserts, updates and deletes "
                            "on %3 wait until the build ends.")
                 .arg(what, quoted(index), table.display()));
    }
}

// ------------------------------------------------------------------------- DROP / TRUNCATE

void StatementReviewer::drop(const QJsonObject& node)
{
    const QString kind = stringAt(node, "removeType");
    const bool cascade = stringAt(node, "behavior") == QLatin1String("DROP_CASCADE");
    const QJsonArray objects = arrayAt(node, "objects");
    if (kind == QLatin1String("OBJECT_TABLE")) {
        for (const QJsonValue& object : objects) {
            const TableName table = qualified(stringNodes(arrayAt(nodeAs(object, "List"), "items")));
            take(table, LockMode::AccessExclusive);
            for (const ForeignKeyFact& fk : std::as_const(m_foreignKeys)) {
                if (fk.table == table && !(fk.referred == table))
                    take(fk.referred, LockMode::AccessExclusive); // its FK triggers go
                else if (cascade && fk.referred == table && !(fk.table == table))
                    take(fk.table, LockMode::AccessExclusive); // the referencing FK goes
            }
            if (!isVersionTable(table) && existing(table)) {
                flag(rules::DropTable, table,
                     QStringLiteral("DROP TABLE %1 destroys its rows, and running code that uses %1 fails.").arg(table.display()));
                loses(table, {}, QStringLiteral("DROP TABLE"));
            }
            forgetTable(table);
        }
    } else if (kind == QLatin1String("OBJECT_INDEX")) {
        const bool concurrent = flagAt(node, "concurrent");
        for (const QJsonValue& object : objects) {
            const TableName index = qualified(stringNodes(arrayAt(nodeAs(object, "List"), "items")));
            const TableName table = m_indexTables.value(index.key());
            if (!table.isEmpty())
                take(table, concurrent ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive);
            m_indexTables.remove(index.key());
            if (!table.isEmpty() && isVersionTable(table))
                continue;
            const QString onTable = table.isEmpty() ? QStringLiteral("its table (unknown offline: lint with --url)") : table.display();
            if (concurrent && m_inTransaction) {
                flag(rules::ConcurrentlyInTransaction, table,
                     QStringLiteral("DROP INDEX CONCURRENTLY %1 runs inside the migration's transaction: PostgreSQL "
                                    "refuses it and the run fails here.")
                         .arg(index.display()));
            } else if (!concurrent && (table.isEmpty() || existing(table))) {
                flag(rules::DropIndexNotConcurrently, table,
                     QStringLiteral("DROP INDEX %1 takes ACCESS EXCLUSIVE on %2: reads and writes wait.")
                         .arg(index.display(), onTable));
            }
        }
    }
}

void StatementReviewer::truncate(const QJsonObject& node)
{
    const bool cascade = stringAt(node, "behavior") == QLatin1String("DROP_CASCADE");
    QVector<TableName> tables;
    for (const QJsonValue& relation : arrayAt(node, "relations"))
        tables << rangeVarName(nodeAs(relation, "RangeVar"));
    if (cascade) {
        for (int i = 0; i < tables.size(); ++i)
            for (const ForeignKeyFact& fk : std::as_const(m_foreignKeys))
                if (fk.referred == tables.at(i) && !tables.contains(fk.table))
                    tables << fk.table;
    }
    for (const TableName& table : std::as_const(tables)) {
        take(table, LockMode::AccessExclusive).rewrites = true; // new, empty files: nothing is read
        if (isVersionTable(table) || !existing(table))
            continue;
        flag(rules::TruncateTable, table, QStringLiteral("TRUNCATE %1 destroys every row of it.").arg(table.display()));
        loses(table, {}, QStringLiteral("TRUNCATE"));
    }
}

// ------------------------------------------------------------------------- ALTER TABLE

void StatementReviewer::alterTable(const QJsonObject& node)
{
    const QString objectType = stringAt(node, "objtype");
    if (!objectType.isEmpty() && objectType != QLatin1String("OBJECT_TABLE"))
        return; // ALTER INDEX / SEQUENCE / VIEW / TYPE: no table lock worth a rule
    const TableName table = rangeVarName(objectAt(node, "relation"));
    for (const QJsonValue& value : arrayAt(node, "cmds")) {
        const QJsonObject cmd = nodeAs(value, "AlterTableCmd");
        const QString subtype = stringAt(cmd, "subtype");
        const QString column = stringAt(cmd, "name");
        const QJsonObject def = objectAt(cmd, "def");
        const bool cascade = stringAt(cmd, "behavior") == QLatin1String("DROP_CASCADE");
        if (subtype == QLatin1String("AT_AddColumn")) {
            addColumn(table, nodeAs(def, "ColumnDef"));
        } else if (subtype == QLatin1String("AT_DropColumn")) {
            dropColumn(table, column, cascade);
        } else if (subtype == QLatin1String("AT_AlterColumnType")) {
            alterColumnType(table, column, nodeAs(def, "ColumnDef"));
        } else if (subtype == QLatin1String("AT_SetNotNull")) {
            setNotNull(table, column);
        } else if (subtype == QLatin1String("AT_AddConstraint")) {
            addConstraint(table, nodeAs(def, "Constraint"));
        } else if (subtype == QLatin1String("AT_ValidateConstraint")) {
            validateConstraint(table, column);
        } else if (subtype == QLatin1String("AT_DropConstraint")) {
            dropConstraint(table, column);
        } else if (subtype == QLatin1String("AT_SetTableSpace") || subtype == QLatin1String("AT_SetLogged")
                   || subtype == QLatin1String("AT_SetUnLogged") || subtype == QLatin1String("AT_SetAccessMethod")) {
            TableEffect& effect = take(table, LockMode::AccessExclusive);
            effect.rewrites = effect.scans = true;
        } else if (subtype == QLatin1String("AT_SetStatistics") || subtype == QLatin1String("AT_SetOptions")
                   || subtype == QLatin1String("AT_ResetOptions") || subtype == QLatin1String("AT_ClusterOn")
                   || subtype == QLatin1String("AT_DropCluster") || subtype == QLatin1String("AT_SetRelOptions")
                   || subtype == QLatin1String("AT_ResetRelOptions") || subtype == QLatin1String("AT_ReplaceRelOptions")) {
            take(table, LockMode::ShareUpdateExclusive);
        } else if (subtype.startsWith(QLatin1String("AT_EnableTrig")) || subtype.startsWith(QLatin1String("AT_DisableTrig"))
                   || subtype == QLatin1String("AT_EnableAlwaysTrig") || subtype == QLatin1String("AT_EnableReplicaTrig")) {
            take(table, LockMode::ShareRowExclusive);
        } else if (subtype == QLatin1String("AT_AttachPartition")) {
            take(table, LockMode::ShareUpdateExclusive);
            TableEffect& partition = take(rangeVarName(objectAt(nodeAs(def, "PartitionCmd"), "name")), LockMode::AccessExclusive);
            partition.scans = true; // unless a CHECK constraint proves the bound
        } else if (subtype == QLatin1String("AT_DetachPartition")) {
            const QJsonObject partitionCmd = nodeAs(def, "PartitionCmd");
            const bool concurrent = flagAt(partitionCmd, "concurrent");
            take(table, concurrent ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive);
            take(rangeVarName(objectAt(partitionCmd, "name")), LockMode::AccessExclusive);
            if (concurrent && m_inTransaction)
                flag(rules::ConcurrentlyInTransaction, table,
                     QStringLiteral("DETACH PARTITION ... CONCURRENTLY runs inside the migration's transaction: "
                                    "PostgreSQL refuses it."));
        } else {
            take(table, LockMode::AccessExclusive); // PostgreSQL's default for ALTER TABLE
        }
    }
}

void StatementReviewer::addColumn(const TableName& table, const QJsonObject& column)
{
    take(table, LockMode::AccessExclusive);
    const QString name = stringAt(column, "colname");
    const std::optional<ColumnType> type = ColumnType::fromTypeName(objectAt(column, "typeName"));
    if (type)
        m_columns[table.key()].insert(name, *type);
    QString rewriteReason;
    bool hasDefault = false;
    bool notNull = false;
    bool buildsIndex = false;
    if (type && isSerialType(type->name)) {
        rewriteReason = QStringLiteral("the %1 type fills every row from a sequence").arg(type->name);
        hasDefault = notNull = true;
    }
    for (const QJsonValue& value : arrayAt(column, "constraints")) {
        const QJsonObject constraint = nodeAs(value, "Constraint");
        const QString contype = stringAt(constraint, "contype");
        if (contype == QLatin1String("CONSTR_NOTNULL")) {
            notNull = true;
        } else if (contype == QLatin1String("CONSTR_IDENTITY")) {
            hasDefault = notNull = true;
            rewriteReason = QStringLiteral("an identity column is filled for every row");
        } else if (contype == QLatin1String("CONSTR_GENERATED")) {
            hasDefault = true;
            rewriteReason = QStringLiteral("a stored generated column is computed for every row");
        } else if (contype == QLatin1String("CONSTR_DEFAULT")) {
            hasDefault = true;
            QString function;
            const Volatility volatility = expressionVolatility(constraint.value(QLatin1String("raw_expr")), m_facts, &function);
            if (volatility == Volatility::Volatile)
                rewriteReason = QStringLiteral("the volatile default %1() is evaluated for every row").arg(function);
            else if (volatility == Volatility::Unknown)
                rewriteReason = QStringLiteral("the default calls %1(), which Retort assumes volatile (lint with --url "
                                               "to read its volatility): it would be evaluated for every row")
                                    .arg(function);
        } else if (contype == QLatin1String("CONSTR_PRIMARY") || contype == QLatin1String("CONSTR_UNIQUE")) {
            buildsIndex = true;
            notNull = notNull || contype == QLatin1String("CONSTR_PRIMARY");
        } else if (contype == QLatin1String("CONSTR_FOREIGN")) {
            const TableName referred = rangeVarName(objectAt(constraint, "pktable"));
            if (!(referred == table))
                take(referred, LockMode::ShareRowExclusive);
            m_foreignKeys.append(ForeignKeyFact{stringAt(constraint, "conname"), table, {name}, referred,
                                                stringNodes(arrayAt(constraint, "pk_attrs"))});
        }
    }
    TableEffect& effect = take(table, LockMode::AccessExclusive); // (take() may move the effects: look it up again)
    if (!rewriteReason.isEmpty())
        effect.rewrites = effect.scans = true;
    if (buildsIndex || (notNull && !hasDefault))
        effect.scans = true; // an index build, or the check that no row lacks the value
    if (isVersionTable(table) || !existing(table))
        return;
    if (!rewriteReason.isEmpty())
        flag(rules::AddColumnRewrite, table,
             QStringLiteral("ADD COLUMN %1 rewrites %2 under ACCESS EXCLUSIVE: %3.").arg(name, table.display(), rewriteReason));
    if (notNull && !hasDefault) {
        const TableFacts live = m_facts.tables.value(table.key());
        const bool knownEmpty = m_facts.live && (live.hasRows == 0 || live.exactRows == 0 || !live.exists);
        if (!knownEmpty)
            flag(rules::AddColumnNotNullNoDefault, table,
                 (m_facts.live && live.hasRows == 1)
                     ? QStringLiteral("ADD COLUMN %1 ... NOT NULL without a default: %2 has rows, so the statement fails "
                                      "(\"column %1 contains null values\").")
                           .arg(name, table.display())
                     : QStringLiteral("ADD COLUMN %1 ... NOT NULL without a default fails if %2 has rows.")
                           .arg(name, table.display()));
    }
    if (buildsIndex)
        flag(rules::UniqueConstraintIndexBuild, table,
             QStringLiteral("ADD COLUMN %1 with a PRIMARY KEY/UNIQUE constraint builds its index while %2 is locked "
                            "ACCESS EXCLUSIVE.")
                 .arg(name, table.display()));
}

void StatementReviewer::dropColumn(const TableName& table, const QString& column, bool cascade)
{
    take(table, LockMode::AccessExclusive);
    for (const ForeignKeyFact& fk : std::as_const(m_foreignKeys)) {
        if (fk.table == table && fk.columns.contains(column) && !(fk.referred == table))
            take(fk.referred, LockMode::AccessExclusive);
        else if (cascade && fk.referred == table && fk.referredColumns.contains(column) && !(fk.table == table))
            take(fk.table, LockMode::AccessExclusive);
    }
    m_columns[table.key()].remove(column);
    m_provenNotNull[table.key()].remove(column);
    if (isVersionTable(table) || !existing(table))
        return;
    flag(rules::DropColumn, table,
         QStringLiteral("DROP COLUMN %1.%2 destroys its values, and running code that selects %2 fails.")
             .arg(table.display(), column));
    loses(table, column, QStringLiteral("DROP COLUMN"));
}

void StatementReviewer::alterColumnType(const TableName& table, const QString& column, const QJsonObject& def)
{
    take(table, LockMode::AccessExclusive);
    const std::optional<ColumnType> newType = ColumnType::fromTypeName(objectAt(def, "typeName"));
    const auto known = m_columns.value(table.key()).constFind(column);
    const bool oldKnown = known != m_columns.value(table.key()).constEnd();
    const std::optional<ColumnType> oldType = oldKnown ? std::optional<ColumnType>(*known) : std::nullopt;

    // USING column, or USING column::newtype, changes nothing; any other expression rewrites.
    bool plainUsing = true;
    const QJsonValue usingExpr = def.value(QLatin1String("raw_default"));
    if (!usingExpr.isUndefined()) {
        QJsonObject expression = usingExpr.toObject();
        const QJsonObject cast = nodeAs(expression, "TypeCast");
        if (!cast.isEmpty()) {
            const std::optional<ColumnType> castType = ColumnType::fromTypeName(objectAt(cast, "typeName"));
            plainUsing = castType && newType && *castType == *newType;
            expression = cast.value(QLatin1String("arg")).toObject();
        }
        const QStringList fields = stringNodes(arrayAt(nodeAs(expression, "ColumnRef"), "fields"));
        plainUsing = plainUsing && fields.size() == 1 && fields.first() == column;
    }
    const bool decided = oldType && newType;
    const bool rewrites = !decided || !plainUsing || !isBinaryCoercible(*oldType, *newType);
    if (rewrites) {
        TableEffect& effect = take(table, LockMode::AccessExclusive);
        effect.rewrites = effect.scans = true;
    }
    // Foreign keys on the column are checked again: the referencing side is rebuilt.
    for (const ForeignKeyFact& fk : std::as_const(m_foreignKeys)) {
        if (!rewrites)
            break;
        if (fk.referred == table && fk.referredColumns.contains(column) && !(fk.table == table)) {
            TableEffect& referencing = take(fk.table, LockMode::AccessExclusive);
            referencing.scans = true;
        } else if (fk.table == table && fk.columns.contains(column) && !(fk.referred == table)) {
            take(fk.referred, LockMode::ShareRowExclusive);
        }
    }
    if (newType)
        m_columns[table.key()].insert(column, *newType);
    else
        m_columns[table.key()].remove(column);
    if (isVersionTable(table) || !existing(table))
        return;
    const QString target = newType ? newType->display() : QStringLiteral("the new type");
    if (!decided) {
        flag(rules::ColumnTypeUnverified, table,
             QStringLiteral("ALTER COLUMN %1 TYPE %2 on %3: Retort does not know the column's current type, so it "
                            "assumes a rewrite of %3 under ACCESS EXCLUSIVE (lint with --url to check).")
                 .arg(column, target, table.display()));
    } else if (rewrites) {
        flag(rules::ColumnTypeRewrite, table,
             QStringLiteral("ALTER COLUMN %1 TYPE %2 (from %3) %4 rewrites %5 and its indexes under ACCESS EXCLUSIVE.")
                 .arg(column, target, oldType->display(),
                      plainUsing ? QStringLiteral("is not binary-coercible: it") : QStringLiteral("has a USING expression: it"),
                      table.display()));
    }
}

void StatementReviewer::setNotNull(const TableName& table, const QString& column)
{
    TableEffect& effect = take(table, LockMode::AccessExclusive);
    if (m_provenNotNull.value(table.key()).contains(column))
        return; // a validated CHECK (column IS NOT NULL) spares the scan (PostgreSQL 12+)
    effect.scans = true;
    if (isVersionTable(table) || !existing(table))
        return;
    flag(rules::SetNotNullScan, table,
         QStringLiteral("ALTER COLUMN %1 SET NOT NULL scans all of %2 under ACCESS EXCLUSIVE (no validated CHECK (%1 IS "
                        "NOT NULL) proves it first).")
             .arg(column, table.display()));
}

void StatementReviewer::addConstraint(const TableName& table, const QJsonObject& constraint)
{
    const QString contype = stringAt(constraint, "contype");
    const QString name = stringAt(constraint, "conname");
    const bool notValid = flagAt(constraint, "skip_validation");
    const bool reviewed = !isVersionTable(table) && existing(table);
    if (contype == QLatin1String("CONSTR_CHECK")) {
        TableEffect& effect = take(table, LockMode::AccessExclusive);
        const QString notNullColumn = notNullCheckColumn(constraint);
        if (notValid) {
            if (!notNullColumn.isEmpty())
                m_pendingNotNullChecks.insert(joinKey(table.key(), name), notNullColumn);
            return;
        }
        effect.scans = true;
        if (!notNullColumn.isEmpty())
            m_provenNotNull[table.key()].insert(notNullColumn);
        if (reviewed)
            flag(rules::CheckConstraintNotValid, table,
                 QStringLiteral("ADD CONSTRAINT %1 CHECK checks every row of %2 under ACCESS EXCLUSIVE.")
                     .arg(quoted(name), table.display()));
    } else if (contype == QLatin1String("CONSTR_FOREIGN")) {
        const TableName referred = rangeVarName(objectAt(constraint, "pktable"));
        take(referred, LockMode::ShareRowExclusive);
        TableEffect& effect = take(table, LockMode::ShareRowExclusive);
        m_foreignKeys.append(ForeignKeyFact{name, table, stringNodes(arrayAt(constraint, "fk_attrs")), referred,
                                            stringNodes(arrayAt(constraint, "pk_attrs"))});
        if (notValid)
            return;
        effect.scans = true;
        if (reviewed)
            flag(rules::ForeignKeyNotValid, table,
                 QStringLiteral("ADD CONSTRAINT %1 FOREIGN KEY checks every row of %2 while holding SHARE ROW EXCLUSIVE "
                                "on %2 and %3: writes to both wait.")
                     .arg(quoted(name), table.display(), referred.display()));
    } else if (contype == QLatin1String("CONSTR_PRIMARY") || contype == QLatin1String("CONSTR_UNIQUE")
               || contype == QLatin1String("CONSTR_EXCLUSION")) {
        TableEffect& effect = take(table, LockMode::AccessExclusive);
        if (!stringAt(constraint, "indexname").isEmpty())
            return; // USING INDEX: the index is already built
        effect.scans = true;
        const QString kind = contype == QLatin1String("CONSTR_PRIMARY") ? QStringLiteral("PRIMARY KEY")
                             : contype == QLatin1String("CONSTR_UNIQUE") ? QStringLiteral("UNIQUE")
                                                                          : QStringLiteral("EXCLUDE");
        if (reviewed)
            flag(rules::UniqueConstraintIndexBuild, table,
                 QStringLiteral("ADD CONSTRAINT %1 %2 builds its index while %3 is locked ACCESS EXCLUSIVE: reads and "
                                "writes wait for the whole build.")
                     .arg(quoted(name), kind, table.display()));
    } else {
        take(table, LockMode::AccessExclusive);
    }
}

void StatementReviewer::validateConstraint(const TableName& table, const QString& name)
{
    TableEffect& effect = take(table, LockMode::ShareUpdateExclusive);
    effect.scans = true;
    const QString pending = m_pendingNotNullChecks.take(joinKey(table.key(), name));
    if (!pending.isEmpty())
        m_provenNotNull[table.key()].insert(pending);
    for (const ForeignKeyFact& fk : std::as_const(m_foreignKeys))
        if (fk.table == table && fk.name == name && !(fk.referred == table))
            take(fk.referred, LockMode::RowShare);
}

void StatementReviewer::dropConstraint(const TableName& table, const QString& name)
{
    take(table, LockMode::AccessExclusive);
    m_pendingNotNullChecks.remove(joinKey(table.key(), name));
    for (int i = int(m_foreignKeys.size()) - 1; i >= 0; --i) {
        const ForeignKeyFact& fk = m_foreignKeys.at(i);
        if (fk.table == table && fk.name == name) {
            if (!(fk.referred == table))
                take(fk.referred, LockMode::AccessExclusive); // its triggers on the referred table go
            m_foreignKeys.removeAt(i);
        }
    }
}

// ------------------------------------------------------------------------- RENAME, enums

void StatementReviewer::rename(const QJsonObject& node)
{
    const QString kind = stringAt(node, "renameType");
    const TableName relation = rangeVarName(objectAt(node, "relation"));
    const QString newName = stringAt(node, "newname");
    if (kind == QLatin1String("OBJECT_TABLE")) {
        take(relation, LockMode::AccessExclusive);
        if (!isVersionTable(relation) && existing(relation))
            flag(rules::RenameTable, relation,
                 QStringLiteral("RENAME TABLE %1 TO %2: running code that still uses %1 fails.").arg(relation.display(), newName));
        renameTable(relation, TableName{relation.schema, newName});
    } else if (kind == QLatin1String("OBJECT_COLUMN") && stringAt(node, "relationType") == QLatin1String("OBJECT_TABLE")) {
        take(relation, LockMode::AccessExclusive);
        const QString column = stringAt(node, "subname");
        QHash<QString, ColumnType>& columns = m_columns[relation.key()];
        if (columns.contains(column))
            columns.insert(newName, columns.take(column));
        if (m_provenNotNull[relation.key()].remove(column))
            m_provenNotNull[relation.key()].insert(newName);
        if (!isVersionTable(relation) && existing(relation))
            flag(rules::RenameColumn, relation,
                 QStringLiteral("RENAME COLUMN %1.%2 TO %3: running code that still uses %2 fails.")
                     .arg(relation.display(), column, newName));
    } else if (kind == QLatin1String("OBJECT_TABCONSTRAINT")) {
        take(relation, LockMode::AccessExclusive);
    } else if (kind == QLatin1String("OBJECT_INDEX")) {
        // Locks the index only (SHARE UPDATE EXCLUSIVE); the table is not locked.
        const TableName table = m_indexTables.take(relation.key());
        if (!table.isEmpty())
            m_indexTables.insert(TableName{relation.schema, newName}.key(), table);
    }
}

void StatementReviewer::alterEnum(const QJsonObject& node)
{
    const QString value = stringAt(node, "newVal");
    if (value.isEmpty() || node.contains(QLatin1String("oldVal")))
        return; // RENAME VALUE
    const TableName type = qualified(stringNodes(arrayAt(node, "typeName")));
    if (!m_inTransaction)
        return;
    m_enumAdded[type.key()].insert(value);
    const int version = m_facts.serverVersion;
    if (version >= 120000)
        return;
    flag(rules::EnumAddValue, {},
         version > 0 ? QStringLiteral("ALTER TYPE %1 ADD VALUE '%2' inside the migration's transaction: the server is "
                                      "PostgreSQL %3, which refuses ADD VALUE in a transaction block.")
                           .arg(type.display(), value)
                           .arg(version / 10000)
                     : QStringLiteral("ALTER TYPE %1 ADD VALUE '%2' inside the migration's transaction: PostgreSQL before "
                                      "12 refuses it, and on 12+ '%2' cannot be used until the transaction commits.")
                           .arg(type.display(), value));
}

void StatementReviewer::checkEnumUse(const QJsonObject& tree)
{
    QSet<QString> labels;
    for (const QSet<QString>& added : std::as_const(m_enumAdded))
        labels.unite(added);
    QString used;
    walk(tree, [&](const QString& type, const QJsonObject& fields) {
        if (!used.isEmpty() || type != QLatin1String("A_Const"))
            return;
        const std::optional<QString> text = constString(fields);
        if (text && labels.contains(*text))
            used = *text;
    });
    if (!used.isEmpty())
        flag(rules::EnumValueUsedInTransaction, {},
             QStringLiteral("'%1' was added to an enum earlier in this transaction and is used here: PostgreSQL fails "
                            "with \"unsafe use of new value\" until the ADD VALUE commits.")
                 .arg(used));
}

// ------------------------------------------------------------------------- DML

void StatementReviewer::update(const QJsonObject& node)
{
    const TableName table = rangeVarName(objectAt(node, "relation"));
    readsAndWrites(node, "relation", LockMode::RowExclusive);
    if (node.contains(QLatin1String("whereClause")))
        return;
    take(table, LockMode::RowExclusive).scans = true;
    if (!isVersionTable(table) && existing(table))
        flag(rules::UpdateWithoutWhere, table,
             QStringLiteral("UPDATE %1 without WHERE writes a new version of every row in one transaction.").arg(table.display()));
}

void StatementReviewer::remove(const QJsonObject& node)
{
    const TableName table = rangeVarName(objectAt(node, "relation"));
    readsAndWrites(node, "relation", LockMode::RowExclusive);
    if (node.contains(QLatin1String("whereClause")))
        return;
    take(table, LockMode::RowExclusive).scans = true;
    if (!isVersionTable(table) && existing(table)) {
        flag(rules::DeleteWithoutWhere, table, QStringLiteral("DELETE FROM %1 without WHERE destroys every row.").arg(table.display()));
        loses(table, {}, QStringLiteral("DELETE without WHERE"));
    }
}

// INSERT/UPDATE/DELETE write their target (`targetKey`); every other table they or a SELECT name is
// read (ACCESS SHARE, or ROW SHARE under FOR UPDATE/SHARE). Also notices set_config('lock_timeout').
void StatementReviewer::readsAndWrites(const QJsonObject& node, const char* targetKey, LockMode targetMode)
{
    QJsonObject rest = node;
    if (targetKey) {
        take(rangeVarName(objectAt(node, targetKey)), targetMode);
        rest.remove(QLatin1String(targetKey));
    }
    const LockMode readMode = node.contains(QLatin1String("lockingClause")) ? LockMode::RowShare : LockMode::AccessShare;
    forEachRangeVar(rest, [&](const QJsonObject& rangeVar) { take(rangeVarName(rangeVar), readMode); });
    walk(rest, [&](const QString& type, const QJsonObject& fields) {
        if (type == QLatin1String("FuncCall") && functionName(fields) == QLatin1String("set_config")) {
            const QJsonArray args = arrayAt(fields, "args");
            const std::optional<QString> setting = constString(nodeAs(args.at(0), "A_Const"));
            if (args.size() != 3 || setting != QStringLiteral("lock_timeout"))
                return;
            const bool value = timeoutValueIsSet(args.at(1));
            const QJsonObject local = nodeAs(args.at(2), "A_Const");
            const bool isLocal = objectAt(local, "boolval").value(QLatin1String("boolval")).toBool()
                                 || constString(local) == QStringLiteral("true");
            if (isLocal) {
                if (m_inTransaction)
                    m_lockTimeoutLocal = value;
            } else {
                m_lockTimeoutSession = value;
            }
        }
    });
}

void StatementReviewer::comment(const QJsonObject& node)
{
    const QString kind = stringAt(node, "objtype");
    QStringList names = stringNodes(arrayAt(nodeAs(node.value(QLatin1String("object")), "List"), "items"));
    if (kind == QLatin1String("OBJECT_COLUMN") && names.size() >= 2)
        names.removeLast();
    else if (kind != QLatin1String("OBJECT_TABLE"))
        return;
    take(qualified(names), LockMode::ShareUpdateExclusive);
}

void StatementReviewer::lockTable(const QJsonObject& node)
{
    // LOCK TABLE's mode is the lock manager's number: 1 = AccessShareLock ... 8 = AccessExclusiveLock.
    const int mode = node.value(QLatin1String("mode")).toInt(8);
    const LockMode lock = static_cast<LockMode>(qBound(1, mode, 8));
    for (const QJsonValue& relation : arrayAt(node, "relations"))
        take(rangeVarName(nodeAs(relation, "RangeVar")), lock);
}

void StatementReviewer::reindex(const QJsonObject& node)
{
    bool concurrently = false;
    for (const QJsonValue& param : arrayAt(node, "params"))
        concurrently = concurrently || stringAt(nodeAs(param, "DefElem"), "defname") == QLatin1String("concurrently");
    if (concurrently && m_inTransaction)
        flag(rules::ConcurrentlyInTransaction, rangeVarName(objectAt(node, "relation")),
             QStringLiteral("REINDEX CONCURRENTLY runs inside the migration's transaction: PostgreSQL refuses it."));
}

// ------------------------------------------------------------------------- bookkeeping

void StatementReviewer::flag(const char* rule, const TableName& table, const QString& message)
{
    m_pending.append(Pending{QString::fromLatin1(rule), table, message});
}

void StatementReviewer::loses(const TableName& table, const QString& column, const QString& what)
{
    m_losses.append(DataLoss{m_revision, m_step, m_parsed->line, table, column, what, -1});
}

TableEffect& StatementReviewer::take(const TableName& table, LockMode mode)
{
    return m_effect.take(table, mode);
}

bool StatementReviewer::isVersionTable(const TableName& table) const
{
    if (table.name != m_options.versionTable)
        return false;
    if (m_options.versionTableSchema.isEmpty())
        return table.schema.isEmpty() || table.schema == QLatin1String("public");
    return table.schema == m_options.versionTableSchema;
}

void StatementReviewer::renameTable(const TableName& from, const TableName& to)
{
    const QString oldKey = from.key();
    const QString newKey = to.key();
    if (m_created.remove(oldKey))
        m_created.insert(newKey);
    if (m_columns.contains(oldKey))
        m_columns.insert(newKey, m_columns.take(oldKey));
    if (m_provenNotNull.contains(oldKey))
        m_provenNotNull.insert(newKey, m_provenNotNull.take(oldKey));
    for (TableName& table : m_indexTables)
        if (table == from)
            table = to;
    for (ForeignKeyFact& fk : m_foreignKeys) {
        if (fk.table == from)
            fk.table = to;
        if (fk.referred == from)
            fk.referred = to;
    }
}

void StatementReviewer::forgetTable(const TableName& table)
{
    const QString key = table.key();
    m_created.remove(key);
    m_columns.remove(key);
    m_provenNotNull.remove(key);
    for (auto it = m_indexTables.begin(); it != m_indexTables.end();)
        it = it.value() == table ? m_indexTables.erase(it) : std::next(it);
    m_foreignKeys.erase(std::remove_if(m_foreignKeys.begin(), m_foreignKeys.end(),
                                       [&](const ForeignKeyFact& fk) { return fk.table == table || fk.referred == table; }),
                        m_foreignKeys.end());
}

void StatementReviewer::finish()
{
    // Alembic's own bookkeeping is not the user's migration.
    m_effect.tables.erase(std::remove_if(m_effect.tables.begin(), m_effect.tables.end(),
                                         [&](const TableEffect& e) { return e.table.isEmpty() || isVersionTable(e.table); }),
                          m_effect.tables.end());
    if (m_step < 0)
        return; // SQL around the steps: state only
    m_effect.stepIndex = m_step;
    m_effect.revision = m_revision;
    m_effect.line = m_parsed->line;
    m_effect.type = m_parsed->type;

    if (!lockTimeoutActive() && !m_lockTimeoutReported.contains(m_step)) {
        for (const TableEffect& effect : std::as_const(m_effect.tables)) {
            if (effect.lock != LockMode::AccessExclusive || effect.creates || !existing(effect.table))
                continue;
            m_lockTimeoutReported.insert(m_step);
            flag(rules::LockTimeoutMissing, effect.table,
                 QStringLiteral("ACCESS EXCLUSIVE on %1 with no lock_timeout: if any transaction holds a lock on %1, "
                                "this waits, and every query on %1 queues behind it.")
                     .arg(effect.table.display()));
            break;
        }
    }

    for (const Pending& pending : std::as_const(m_pending)) {
        const LintRule& rule = LintRules::rule(pending.rule);
        Finding finding;
        finding.rule = pending.rule;
        finding.severity = rule.severity;
        finding.fix = rule.fix;
        finding.message = pending.message;
        finding.revision = m_revision;
        finding.stepIndex = m_step;
        finding.line = m_parsed->line;
        finding.statement = shortened(m_parsed->text);
        finding.table = pending.table;
        if (finding.table.isEmpty() && !m_effect.tables.isEmpty() && pending.rule != QLatin1String(rules::DropIndexNotConcurrently))
            finding.table = m_effect.tables.first().table;
        if (const TableEffect* effect = m_effect.find(finding.table)) {
            finding.lock = effect->lock;
            finding.rewrites = effect->rewrites;
            finding.scans = effect->scans;
        } else if (pending.rule == QLatin1String(rules::DropIndexNotConcurrently)) {
            finding.lock = LockMode::AccessExclusive;
        }
        m_report.findings.append(finding);
    }
    m_report.dataLoss += m_losses;
    if (!m_effect.tables.isEmpty())
        m_report.statements.append(m_effect);
}

} // namespace retort::lint
