#include "core/lint/SqlLinter.h"

#include "core/lint/LintRules.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <functional>
#include <optional>

namespace retort::lint {

namespace {

constexpr int kMaxStatementText = 2000;

// ---------------------------------------------------------------------------------- parse tree

QJsonObject objectAt(const QJsonObject& node, const char* key)
{
    return node.value(QLatin1String(key)).toObject();
}

QJsonArray arrayAt(const QJsonObject& node, const char* key)
{
    return node.value(QLatin1String(key)).toArray();
}

QString stringAt(const QJsonObject& node, const char* key)
{
    return node.value(QLatin1String(key)).toString();
}

bool flagAt(const QJsonObject& node, const char* key)
{
    return node.value(QLatin1String(key)).toBool();
}

// {"Type": {fields}} -> "Type"
QString nodeType(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    return object.size() == 1 ? object.constBegin().key() : QString();
}

QJsonObject nodeFields(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    return object.size() == 1 ? object.constBegin().value().toObject() : QJsonObject();
}

QJsonObject nodeAs(const QJsonValue& value, const char* type)
{
    return value.toObject().value(QLatin1String(type)).toObject();
}

// [{"String": {"sval": "a"}}, ...] -> ["a", ...]
QStringList stringNodes(const QJsonArray& list)
{
    QStringList out;
    for (const QJsonValue& item : list)
        out << nodeAs(item, "String").value(QLatin1String("sval")).toString();
    return out;
}

TableName rangeVarName(const QJsonObject& rangeVar)
{
    return TableName{stringAt(rangeVar, "schemaname"), stringAt(rangeVar, "relname")};
}

TableName qualified(const QStringList& names)
{
    if (names.size() >= 2)
        return TableName{names.at(names.size() - 2), names.last()};
    return TableName{QString(), names.value(0)};
}

// Calls `visit(type, fields)` for every node below `value` (node keys are PascalCase, field keys
// are not).
void walk(const QJsonValue& value, const std::function<void(const QString&, const QJsonObject&)>& visit)
{
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            walk(item, visit);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString& key = it.key();
        if (!key.isEmpty() && key.at(0).isUpper() && it.value().isObject())
            visit(key, it.value().toObject());
        walk(it.value(), visit);
    }
}

// Every RangeVar below `value`: wrapped ({"RangeVar": {...}}) where the grammar allows any node,
// bare ({"relname": ...}) in fields typed RangeVar (relation, pktable, ...).
void forEachRangeVar(const QJsonValue& value, const std::function<void(const QJsonObject&)>& visit)
{
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            forEachRangeVar(item, visit);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    if (object.contains(QLatin1String("relname"))) {
        visit(object);
        return;
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        forEachRangeVar(it.value(), visit);
}

// A_Const as an integer (libpg_query leaves out zero values: {"ival": {}} is 0).
std::optional<qint64> constInteger(const QJsonObject& aConst)
{
    if (aConst.contains(QLatin1String("ival")))
        return qint64(objectAt(aConst, "ival").value(QLatin1String("ival")).toDouble(0));
    return std::nullopt;
}

std::optional<QString> constString(const QJsonObject& aConst)
{
    if (aConst.contains(QLatin1String("sval")))
        return objectAt(aConst, "sval").value(QLatin1String("sval")).toString();
    return std::nullopt;
}

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
        QStringLiteral("floor"),        QStringLiteral("ceil"),                QStringLiteral("pg_catalog.now"),
        QStringLiteral("uuid_nil"),     QStringLiteral("date"),                QStringLiteral("int4"),
        QStringLiteral("int8"),         QStringLiteral("text"),                QStringLiteral("numeric")};
    return names;
}

QString functionName(const QJsonObject& funcCall)
{
    const QStringList names = stringNodes(arrayAt(funcCall, "funcname"));
    return names.isEmpty() ? QString() : names.last().toLower();
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

// CHECK (column IS NOT NULL): the column, or "".
QString notNullCheckColumn(const QJsonObject& constraint)
{
    const QJsonObject test = nodeAs(constraint.value(QLatin1String("raw_expr")), "NullTest");
    if (stringAt(test, "nulltesttype") != QLatin1String("IS_NOT_NULL"))
        return {};
    const QStringList fields = stringNodes(arrayAt(nodeAs(test.value(QLatin1String("arg")), "ColumnRef"), "fields"));
    return fields.size() == 1 ? fields.first() : QString();
}

QString joinKey(const QString& a, const QString& b)
{
    return a + QChar(0x1f) + b;
}

// ---------------------------------------------------------------------------------- the review

class Reviewer
{
public:
    Reviewer(const LintOptions& options, const CatalogFacts& facts, LintReport& report)
        : m_options(options), m_facts(facts), m_report(report), m_columns(facts.columns),
          m_provenNotNull(facts.provenNotNull), m_indexTables(facts.indexTables), m_foreignKeys(facts.foreignKeys),
          m_lockTimeoutSession(options.lockTimeoutMs > 0)
    {
    }

    void statement(const ParsedStatement& parsed, int stepIndex, const QString& revision);
    [[nodiscard]] bool createdByPlan(const TableName& table) const { return m_createdEver.contains(table.key()); }

private:
    struct Pending
    {
        QString rule;
        TableName table;
        QString message;
    };

    // -- statement kinds
    void transaction(const QJsonObject& node);
    void variableSet(const QJsonObject& node);
    void createTable(const QJsonObject& node);
    void createIndex(const QJsonObject& node);
    void drop(const QJsonObject& node);
    void truncate(const QJsonObject& node);
    void alterTable(const QJsonObject& node);
    void addColumn(const TableName& table, const QJsonObject& column);
    void dropColumn(const TableName& table, const QString& column, bool cascade);
    void alterColumnType(const TableName& table, const QString& column, const QJsonObject& def);
    void setNotNull(const TableName& table, const QString& column);
    void addConstraint(const TableName& table, const QJsonObject& constraint);
    void validateConstraint(const TableName& table, const QString& name);
    void dropConstraint(const TableName& table, const QString& name);
    void rename(const QJsonObject& node);
    void alterEnum(const QJsonObject& node);
    void update(const QJsonObject& node);
    void remove(const QJsonObject& node);
    void readsAndWrites(const QJsonObject& node, const char* targetKey, LockMode targetMode);
    void comment(const QJsonObject& node);
    void lockTable(const QJsonObject& node);
    void reindex(const QJsonObject& node);
    void checkEnumUse(const QJsonObject& tree);

    // -- helpers
    void flag(const char* rule, const TableName& table, const QString& message);
    void loses(const TableName& table, const QString& column, const QString& what);
    TableEffect& take(const TableName& table, LockMode mode);
    [[nodiscard]] bool isVersionTable(const TableName& table) const;
    // The table existed before the plan (not created by an earlier statement of the plan).
    [[nodiscard]] bool existing(const TableName& table) const { return !m_createdAtStart.contains(table.key()); }
    [[nodiscard]] bool lockTimeoutActive() const
    {
        return m_lockTimeoutLocal.has_value() && m_inTransaction ? *m_lockTimeoutLocal : m_lockTimeoutSession;
    }
    void finish();
    void renameTable(const TableName& from, const TableName& to);
    void forgetTable(const TableName& table);

    const LintOptions& m_options;
    const CatalogFacts& m_facts;
    LintReport& m_report;

    // What the plan has done so far.
    QSet<QString> m_created;       // tables created by the plan and still there
    QSet<QString> m_createdEver;
    QHash<QString, QHash<QString, ColumnType>> m_columns;
    QHash<QString, QSet<QString>> m_provenNotNull;
    QHash<QString, QString> m_pendingNotNullChecks; // joinKey(table, constraint) -> column (NOT VALID)
    QHash<QString, TableName> m_indexTables;
    QVector<ForeignKeyFact> m_foreignKeys;
    bool m_inTransaction = false;
    bool m_lockTimeoutSession = false;
    std::optional<bool> m_lockTimeoutLocal;     // SET LOCAL in the open transaction
    QHash<QString, QSet<QString>> m_enumAdded;  // in the open transaction: type -> labels
    QSet<int> m_lockTimeoutReported;            // steps that already have the finding

    // The statement under review.
    int m_step = -1;
    QString m_revision;
    const ParsedStatement* m_parsed = nullptr;
    QSet<QString> m_createdAtStart;
    StatementEffect m_effect;
    QVector<Pending> m_pending;
    QVector<DataLoss> m_losses;
};

void Reviewer::statement(const ParsedStatement& parsed, int stepIndex, const QString& revision)
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

void Reviewer::transaction(const QJsonObject& node)
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

void Reviewer::variableSet(const QJsonObject& node)
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

void Reviewer::createTable(const QJsonObject& node)
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

void Reviewer::createIndex(const QJsonObject& node)
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

void Reviewer::drop(const QJsonObject& node)
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

void Reviewer::truncate(const QJsonObject& node)
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

void Reviewer::alterTable(const QJsonObject& node)
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

void Reviewer::addColumn(const TableName& table, const QJsonObject& column)
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

void Reviewer::dropColumn(const TableName& table, const QString& column, bool cascade)
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

void Reviewer::alterColumnType(const TableName& table, const QString& column, const QJsonObject& def)
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

void Reviewer::setNotNull(const TableName& table, const QString& column)
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

void Reviewer::addConstraint(const TableName& table, const QJsonObject& constraint)
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

void Reviewer::validateConstraint(const TableName& table, const QString& name)
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

void Reviewer::dropConstraint(const TableName& table, const QString& name)
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

void Reviewer::rename(const QJsonObject& node)
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

void Reviewer::alterEnum(const QJsonObject& node)
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

void Reviewer::checkEnumUse(const QJsonObject& tree)
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

void Reviewer::update(const QJsonObject& node)
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

void Reviewer::remove(const QJsonObject& node)
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
void Reviewer::readsAndWrites(const QJsonObject& node, const char* targetKey, LockMode targetMode)
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

void Reviewer::comment(const QJsonObject& node)
{
    const QString kind = stringAt(node, "objtype");
    QStringList names = stringNodes(arrayAt(nodeAs(node.value(QLatin1String("object")), "List"), "items"));
    if (kind == QLatin1String("OBJECT_COLUMN") && names.size() >= 2)
        names.removeLast();
    else if (kind != QLatin1String("OBJECT_TABLE"))
        return;
    take(qualified(names), LockMode::ShareUpdateExclusive);
}

void Reviewer::lockTable(const QJsonObject& node)
{
    // LOCK TABLE's mode is the lock manager's number: 1 = AccessShareLock ... 8 = AccessExclusiveLock.
    const int mode = node.value(QLatin1String("mode")).toInt(8);
    const LockMode lock = static_cast<LockMode>(qBound(1, mode, 8));
    for (const QJsonValue& relation : arrayAt(node, "relations"))
        take(rangeVarName(nodeAs(relation, "RangeVar")), lock);
}

void Reviewer::reindex(const QJsonObject& node)
{
    bool concurrently = false;
    for (const QJsonValue& param : arrayAt(node, "params"))
        concurrently = concurrently || stringAt(nodeAs(param, "DefElem"), "defname") == QLatin1String("concurrently");
    if (concurrently && m_inTransaction)
        flag(rules::ConcurrentlyInTransaction, rangeVarName(objectAt(node, "relation")),
             QStringLiteral("REINDEX CONCURRENTLY runs inside the migration's transaction: PostgreSQL refuses it."));
}

// ------------------------------------------------------------------------- bookkeeping

void Reviewer::flag(const char* rule, const TableName& table, const QString& message)
{
    m_pending.append(Pending{QString::fromLatin1(rule), table, message});
}

void Reviewer::loses(const TableName& table, const QString& column, const QString& what)
{
    m_losses.append(DataLoss{m_revision, m_step, m_parsed->line, table, column, what, -1});
}

TableEffect& Reviewer::take(const TableName& table, LockMode mode)
{
    return m_effect.take(table, mode);
}

bool Reviewer::isVersionTable(const TableName& table) const
{
    if (table.name != m_options.versionTable)
        return false;
    if (m_options.versionTableSchema.isEmpty())
        return table.schema.isEmpty() || table.schema == QLatin1String("public");
    return table.schema == m_options.versionTableSchema;
}

void Reviewer::renameTable(const TableName& from, const TableName& to)
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

void Reviewer::forgetTable(const TableName& table)
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

void Reviewer::finish()
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

// ------------------------------------------------------------------------------------ ColumnType

std::optional<ColumnType> ColumnType::fromTypeName(const QJsonObject& typeName)
{
    if (typeName.isEmpty() || flagAt(typeName, "pct_type"))
        return std::nullopt;
    const QStringList names = stringNodes(arrayAt(typeName, "names"));
    if (names.isEmpty())
        return std::nullopt;
    ColumnType type;
    type.name = names.last().toLower();
    static const QHash<QString, QString> aliases{{QStringLiteral("integer"), QStringLiteral("int4")},
                                                 {QStringLiteral("int"), QStringLiteral("int4")},
                                                 {QStringLiteral("bigint"), QStringLiteral("int8")},
                                                 {QStringLiteral("smallint"), QStringLiteral("int2")},
                                                 {QStringLiteral("decimal"), QStringLiteral("numeric")},
                                                 {QStringLiteral("boolean"), QStringLiteral("bool")},
                                                 {QStringLiteral("real"), QStringLiteral("float4")},
                                                 {QStringLiteral("character varying"), QStringLiteral("varchar")},
                                                 {QStringLiteral("character"), QStringLiteral("bpchar")}};
    type.name = aliases.value(type.name, type.name);
    for (const QJsonValue& modifier : arrayAt(typeName, "typmods")) {
        const std::optional<qint64> value = constInteger(nodeAs(modifier, "A_Const"));
        if (!value)
            return std::nullopt;
        type.modifiers << int(*value);
    }
    type.arrayDimensions = int(arrayAt(typeName, "arrayBounds").size());
    return type;
}

QString ColumnType::display() const
{
    QString text = name;
    if (!modifiers.isEmpty()) {
        QStringList parts;
        for (const int modifier : modifiers)
            parts << QString::number(modifier);
        text += QLatin1Char('(') + parts.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    for (int i = 0; i < arrayDimensions; ++i)
        text += QStringLiteral("[]");
    return text;
}

bool isBinaryCoercible(const ColumnType& from, const ColumnType& to)
{
    if (from == to)
        return true;
    if (from.arrayDimensions != to.arrayDimensions)
        return false;
    const QString& a = from.name;
    const QString& b = to.name;
    const auto first = [](const ColumnType& t) { return t.modifiers.isEmpty() ? -1 : t.modifiers.first(); };
    const bool textual = (a == QLatin1String("varchar") || a == QLatin1String("text"))
                         && (b == QLatin1String("varchar") || b == QLatin1String("text"));
    if (textual) {
        if (b == QLatin1String("text") || to.modifiers.isEmpty())
            return true;                        // to text, or to an unbounded varchar
        return a == QLatin1String("varchar") && first(from) >= 0 && first(to) >= first(from); // a longer varchar
    }
    if (a == b && (a == QLatin1String("varbit") || a == QLatin1String("numeric"))) {
        if (to.modifiers.isEmpty())
            return true;
        if (from.modifiers.isEmpty())
            return false;
        if (a == QLatin1String("numeric") && from.modifiers.value(1, 0) != to.modifiers.value(1, 0))
            return false;                       // a different scale changes the stored values
        return first(to) >= first(from);
    }
    if (a == b && (a == QLatin1String("timestamp") || a == QLatin1String("timestamptz") || a == QLatin1String("time")
                   || a == QLatin1String("timetz"))) {
        // No modifier is precision 6, the most PostgreSQL stores.
        const int fromPrecision = from.modifiers.isEmpty() ? 6 : first(from);
        const int toPrecision = to.modifiers.isEmpty() ? 6 : first(to);
        return toPrecision >= fromPrecision;
    }
    return a == QLatin1String("cidr") && b == QLatin1String("inet");
}

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
                                if (!name.isEmpty() && !volatileBuiltins().contains(name) && !stableBuiltins().contains(name)
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

    Reviewer reviewer(m_options, facts, report);
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
