#include "core/db/SchemaInspector.h"

#include "core/db/Connection.h"
#include "core/db/SqlIdentifier.h"
#include "core/log/Log.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPromise>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <thread>

namespace retort {

const ColumnInfo* TableInfo::column(const QString& columnName) const
{
    for (const ColumnInfo& c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

int SchemaSnapshot::indexOf(const QString& schema, const QString& name) const
{
    for (int i = 0; i < tables.size(); ++i) {
        if (tables.at(i).name == name && tables.at(i).schema == schema)
            return i;
    }
    return -1;
}

const TableInfo* SchemaSnapshot::table(const QString& schema, const QString& name) const
{
    const int i = indexOf(schema, name);
    return i < 0 ? nullptr : &tables.at(i);
}

QString tableKindName(TableKind kind)
{
    switch (kind) {
    case TableKind::Table: return QStringLiteral("table");
    case TableKind::PartitionedTable: return QStringLiteral("partitioned_table");
    case TableKind::View: return QStringLiteral("view");
    case TableKind::MaterializedView: return QStringLiteral("materialized_view");
    case TableKind::ForeignTable: return QStringLiteral("foreign_table");
    }
    return QStringLiteral("table");
}

namespace {

// Tables of a snapshot under construction, found by (schema, name) in O(1).
class TableIndex
{
public:
    explicit TableIndex(SchemaSnapshot& snapshot) : m_snapshot(snapshot) {}
    void add(TableInfo table)
    {
        m_index.insert(key(table.schema, table.name), int(m_snapshot.tables.size()));
        m_snapshot.tables.append(std::move(table));
    }
    TableInfo* find(const QString& schema, const QString& name)
    {
        const auto it = m_index.constFind(key(schema, name));
        return it == m_index.constEnd() ? nullptr : &m_snapshot.tables[*it];
    }

private:
    static QString key(const QString& schema, const QString& name) { return schema + QChar(0x1f) + name; }
    SchemaSnapshot& m_snapshot;
    QHash<QString, int> m_index;
};

QStringList jsonStrings(const QVariant& value)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue& v : array)
        out << v.toString();
    return out;
}

QString pgAction(const QString& code)
{
    if (code == QLatin1String("r")) return QStringLiteral("RESTRICT");
    if (code == QLatin1String("c")) return QStringLiteral("CASCADE");
    if (code == QLatin1String("n")) return QStringLiteral("SET NULL");
    if (code == QLatin1String("d")) return QStringLiteral("SET DEFAULT");
    return QStringLiteral("NO ACTION");
}

void markPrimaryKeyColumns(TableInfo& table)
{
    for (ColumnInfo& column : table.columns)
        column.primaryKey = table.primaryKey.columns.contains(column.name);
}

// Runs one catalog query; `bind` values in order.
Result<QSqlQuery> runCatalogQuery(QSqlDatabase& db, const QString& sql, const QVariantList& bind, const QString& what)
{
    // Not forward-only on purpose: QPSQL then fetches in single-row mode, a PGresult per row,
    // which made reading 20,000 column rows about 40% slower than one buffered result.
    QSqlQuery query(db);
    bool ok = false;
    if (bind.isEmpty()) {
        ok = query.exec(sql);
    } else {
        ok = query.prepare(sql);
        for (const QVariant& v : bind)
            query.addBindValue(v);
        ok = ok && query.exec();
    }
    if (!ok)
        return ScopedConnection::queryError(db, query.lastError(), what);
    return query;
}

// ---------------------------------------------------------------- PostgreSQL

// The PostgreSQL catalog queries, one per kind of fact, in the order inspect() runs them.
// `filter` restricts pg_namespace n to the schemas to read. Rows of the per-table facts are
// keyed by the table's oid and come unordered (sorting 20,000 wide rows costs the server more
// than sorting each table's few rows here). Column names of keys and indexes come back as
// attribute numbers, resolved against the columns already read, so no per-row sub-query runs
// (except for the rare foreign key into another schema and for expression index keys).
// Deparsing is the expensive part of these queries: column defaults are deparsed without a
// relation context (a default cannot refer to a column; generated columns do and get one), and
// index definitions are not deparsed at all.
QStringList pgCatalogQueries(const InspectOptions& options, const QString& filter)
{
    const QString kinds = options.includeViews ? QStringLiteral("('r','p','v','m','f')") : QStringLiteral("('r','p','f')");
    return {
        QStringLiteral("SELECT n.nspname, current_schema(), current_setting('server_version_num')::int "
                       "FROM pg_catalog.pg_namespace n WHERE %1 ORDER BY 1").arg(filter),
        QStringLiteral("SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples, c.relpages, d.description "
                       "FROM pg_catalog.pg_class c "
                       "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                       "LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid "
                       " AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0 "
                       "WHERE c.relkind IN %1 AND %2 ORDER BY 2, 3").arg(kinds, filter),
        QStringLiteral("SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
                       " a.attnotnull, pg_catalog.pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 "
                       " ELSE ad.adrelid END), a.attidentity, a.attgenerated, d.description "
                       "FROM pg_catalog.pg_attribute a "
                       "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                       "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                       "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
                       "LEFT JOIN pg_catalog.pg_description d ON d.objoid = a.attrelid "
                       " AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum "
                       "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN %1 AND %2").arg(kinds, filter),
        QStringLiteral(
            "SELECT con.conrelid, con.conname, con.contype, con.conkey::text, fn.nspname, fc.relname, "
            " con.confkey::text, "
            " CASE WHEN fc.relnamespace <> c.relnamespace THEN "
            "  (SELECT json_agg(a.attname ORDER BY k.o) FROM unnest(con.confkey) WITH ORDINALITY k(num, o) "
            "   JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num)::text END, "
            " con.confupdtype, con.confdeltype, "
            " CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid, true) END "
            "FROM pg_catalog.pg_constraint con "
            "JOIN pg_catalog.pg_class c ON c.oid = con.conrelid "
            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid "
            "LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace "
            "WHERE con.contype IN ('p', 'u', 'f', 'c') AND %1").arg(filter),
        QStringLiteral(
            "SELECT ix.indrelid, i.relname, ix.indisunique, ix.indisprimary, con.oid IS NOT NULL, am.amname, "
            " pg_catalog.pg_get_expr(ix.indpred, ix.indrelid), ix.indkey::text, ix.indnkeyatts, "
            " CASE WHEN 0 = ANY (ix.indkey) THEN "
            "  (SELECT json_agg(pg_catalog.pg_get_indexdef(ix.indexrelid, k, true) ORDER BY k) "
            "   FROM generate_series(1, ix.indnkeyatts) k)::text END "
            "FROM pg_catalog.pg_index ix "
            "JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid "
            "JOIN pg_catalog.pg_class c ON c.oid = ix.indrelid "
            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_catalog.pg_am am ON am.oid = i.relam "
            "LEFT JOIN pg_catalog.pg_constraint con ON con.conrelid = ix.indrelid AND con.conindid = ix.indexrelid "
            " AND con.contype IN ('p', 'u', 'x') "
            "WHERE c.relkind IN ('r', 'p', 'm') AND %1").arg(filter),
        QStringLiteral("SELECT n.nspname, t.typname, e.enumlabel "
                       "FROM pg_catalog.pg_type t "
                       "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
                       "JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid "
                       "WHERE %1 ORDER BY 1, 2, e.enumsortorder").arg(filter)};
}

// Every non-system schema (pg_* are reserved for the system), or options.schema.
QString pgSchemaFilter(const InspectOptions& options, bool inlineParameters)
{
    const QString system = QStringLiteral("n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'");
    if (!inlineParameters)
        return system + QStringLiteral(" AND (coalesce(?, '') = '' OR n.nspname = ?)");
    if (options.schema.isEmpty())
        return system;
    QString literal = options.schema;
    literal.replace(QLatin1Char('\''), QLatin1String("''"));
    return system + QStringLiteral(" AND n.nspname = '%1'").arg(literal);
}

// "{1,2}" (int2[]) or "1 2" (int2vector) -> numbers
QVector<int> attnums(const QString& text)
{
    QVector<int> out;
    int value = 0;
    bool inNumber = false;
    bool negative = false;
    for (const QChar c : text) {
        if (c.isDigit()) {
            value = value * 10 + c.digitValue();
            inNumber = true;
        } else if (c == QLatin1Char('-')) {
            negative = true;
        } else {
            if (inNumber)
                out << (negative ? -value : value);
            value = 0;
            inNumber = negative = false;
        }
    }
    if (inNumber)
        out << (negative ? -value : value);
    return out;
}

// A table being read: its info plus attnum -> column name.
struct PgTable
{
    TableInfo* info = nullptr;
    QHash<int, QString> names;
    QVector<int> positions; // attnum per column, parallel to info->columns
    QStringList columnNames(const QVector<int>& numbers) const
    {
        QStringList out;
        for (const int n : numbers)
            out << names.value(n);
        return out;
    }
};

Result<SchemaSnapshot> inspectPostgres(QSqlDatabase& db, const InspectOptions& options)
{
    SchemaSnapshot snapshot;
    snapshot.dialect = Dialect::PostgreSQL;
    const QVariantList bind{options.schema, options.schema};
    const QStringList sql = pgCatalogQueries(options, pgSchemaFilter(options, false));

    // 1. schemas (+ the default schema and the server version, for reltuples)
    auto schemas = runCatalogQuery(db, sql.at(0), bind, QStringLiteral("reading the schemas"));
    if (!schemas)
        return schemas.error();
    int serverVersion = 150000;
    while (schemas->next()) {
        snapshot.schemas << schemas->value(0).toString();
        snapshot.defaultSchema = schemas->value(1).toString();
        serverVersion = schemas->value(2).toInt();
    }

    // 2. tables and views, estimated rows, comments
    auto tables = runCatalogQuery(db, sql.at(1), bind, QStringLiteral("reading the tables"));
    if (!tables)
        return tables.error();
    QVector<quint32> oids;
    while (tables->next()) {
        TableInfo table;
        oids << tables->value(0).toUInt();
        table.schema = tables->value(1).toString();
        table.name = tables->value(2).toString();
        const QString kind = tables->value(3).toString();
        table.kind = kind == QLatin1String("p")   ? TableKind::PartitionedTable
                     : kind == QLatin1String("v") ? TableKind::View
                     : kind == QLatin1String("m") ? TableKind::MaterializedView
                     : kind == QLatin1String("f") ? TableKind::ForeignTable
                                                  : TableKind::Table;
        const double reltuples = tables->value(4).toDouble();
        const qint64 relpages = tables->value(5).toLongLong();
        // PostgreSQL 14+: -1 = never vacuumed or analyzed. Before 14, 0 rows on 0 pages was
        // also what "never analyzed" looked like.
        const bool unknown = reltuples < 0 || (serverVersion < 140000 && reltuples == 0 && relpages == 0)
                             || table.kind == TableKind::View || table.kind == TableKind::ForeignTable;
        table.estimatedRows = unknown ? -1 : qint64(reltuples + 0.5);
        table.comment = tables->value(6).toString();
        snapshot.tables.append(std::move(table));
    }
    QHash<quint32, PgTable> byOid;
    byOid.reserve(oids.size());
    for (int i = 0; i < oids.size(); ++i)
        byOid[oids.at(i)].info = &snapshot.tables[i];

    // 3. columns
    auto columns = runCatalogQuery(db, sql.at(2), bind, QStringLiteral("reading the columns"));
    if (!columns)
        return columns.error();
    while (columns->next()) {
        const auto it = byOid.find(columns->value(0).toUInt());
        if (it == byOid.end())
            continue;
        ColumnInfo column;
        const int attnum = columns->value(1).toInt();
        column.name = columns->value(2).toString();
        column.type = columns->value(3).toString();
        column.nullable = !columns->value(4).toBool();
        const QString expression = columns->value(5).toString();
        const QString identity = columns->value(6).toString();
        const QString generated = columns->value(7).toString();
        if (identity == QLatin1String("a"))
            column.defaultValue = QStringLiteral("generated always as identity");
        else if (identity == QLatin1String("d"))
            column.defaultValue = QStringLiteral("generated by default as identity");
        else if (generated == QLatin1String("s"))
            column.defaultValue = QStringLiteral("generated always as (%1) stored").arg(expression);
        else
            column.defaultValue = expression;
        column.comment = columns->value(8).toString();
        it->names.insert(attnum, column.name);
        it->positions << attnum;
        it->info->columns.append(std::move(column));
    }
    for (PgTable& t : byOid) {
        // attnum order (the server sent the rows unordered)
        QVector<int> order(t.positions.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&t](int a, int b) { return t.positions.at(a) < t.positions.at(b); });
        QVector<ColumnInfo> sorted;
        sorted.reserve(order.size());
        for (const int i : order)
            sorted.append(std::move(t.info->columns[i]));
        t.info->columns = std::move(sorted);
    }

    // 4. constraints: primary, unique, foreign keys, checks
    auto constraints = runCatalogQuery(db, sql.at(3), bind, QStringLiteral("reading the constraints"));
    if (!constraints)
        return constraints.error();
    struct PendingForeignKey
    {
        TableInfo* table;
        int index;
        QVector<int> referredAttnums;
    };
    QVector<PendingForeignKey> pendingForeignKeys;
    while (constraints->next()) {
        const auto it = byOid.constFind(constraints->value(0).toUInt());
        if (it == byOid.constEnd())
            continue;
        TableInfo* table = it->info;
        const QString name = constraints->value(1).toString();
        const QString type = constraints->value(2).toString();
        const QStringList cols = it->columnNames(attnums(constraints->value(3).toString()));
        if (type == QLatin1String("p")) {
            table->primaryKey = KeyConstraint{name, cols};
        } else if (type == QLatin1String("u")) {
            table->uniqueConstraints.append(KeyConstraint{name, cols});
        } else if (type == QLatin1String("f")) {
            ForeignKeyInfo fk;
            fk.name = name;
            fk.columns = cols;
            fk.referredSchema = constraints->value(4).toString();
            fk.referredTable = constraints->value(5).toString();
            fk.onUpdate = pgAction(constraints->value(8).toString());
            fk.onDelete = pgAction(constraints->value(9).toString());
            if (constraints->value(7).isNull()) // same schema: names once every table's columns are read
                pendingForeignKeys.append({table, int(table->foreignKeys.size()), attnums(constraints->value(6).toString())});
            else // another schema, which may not be read: the server sent the names
                fk.referredColumns = jsonStrings(constraints->value(7));
            table->foreignKeys.append(std::move(fk));
        } else {
            table->checkConstraints.append(CheckConstraintInfo{name, constraints->value(10).toString()});
        }
    }

    // 5. indexes
    auto indexes = runCatalogQuery(db, sql.at(4), bind, QStringLiteral("reading the indexes"));
    if (!indexes)
        return indexes.error();
    while (indexes->next()) {
        const auto it = byOid.constFind(indexes->value(0).toUInt());
        if (it == byOid.constEnd())
            continue;
        IndexInfo info;
        info.name = indexes->value(1).toString();
        info.unique = indexes->value(2).toBool();
        info.primary = indexes->value(3).toBool();
        info.constraint = indexes->value(4).toBool();
        info.method = indexes->value(5).toString();
        info.predicate = indexes->value(6).toString();
        const QVector<int> keys = attnums(indexes->value(7).toString()).mid(0, indexes->value(8).toInt());
        const QStringList expressions = jsonStrings(indexes->value(9));
        for (int k = 0; k < keys.size(); ++k)
            info.columns << (keys.at(k) != 0 ? it->names.value(keys.at(k)) : expressions.value(k));
        it->info->indexes.append(std::move(info));
    }

    // 6. enum types
    auto enums = runCatalogQuery(db, sql.at(5), bind, QStringLiteral("reading the enum types"));
    if (!enums)
        return enums.error();
    while (enums->next()) {
        const QString schema = enums->value(0).toString();
        const QString name = enums->value(1).toString();
        if (snapshot.enums.isEmpty() || snapshot.enums.last().schema != schema || snapshot.enums.last().name != name)
            snapshot.enums.append(EnumInfo{schema, name, {}});
        snapshot.enums.last().labels << enums->value(2).toString();
    }

    // Foreign keys within the schemas read: attnums -> names through the referred table.
    QHash<QString, const PgTable*> byName;
    for (const PgTable& t : std::as_const(byOid))
        byName.insert(t.info->schema + QChar(0x1f) + t.info->name, &t);
    for (const PendingForeignKey& pending : std::as_const(pendingForeignKeys)) {
        ForeignKeyInfo& fk = pending.table->foreignKeys[pending.index];
        if (const PgTable* referred = byName.value(fk.referredSchema + QChar(0x1f) + fk.referredTable))
            fk.referredColumns = referred->columnNames(pending.referredAttnums);
    }
    auto byNameOrder = [](const auto& a, const auto& b) { return a.name < b.name; };
    for (TableInfo& table : snapshot.tables) {
        std::sort(table.foreignKeys.begin(), table.foreignKeys.end(), byNameOrder);
        std::sort(table.uniqueConstraints.begin(), table.uniqueConstraints.end(), byNameOrder);
        std::sort(table.checkConstraints.begin(), table.checkConstraints.end(), byNameOrder);
        std::sort(table.indexes.begin(), table.indexes.end(), byNameOrder);
        markPrimaryKeyColumns(table);
    }
    return snapshot;
}

// ---------------------------------------------------------------- SQLite

struct SqlToken
{
    QString text;
    bool word = false;   // bare word or quoted identifier
    qsizetype start = 0;
    qsizetype end = 0;   // one past the last character
};

// Splits a CREATE TABLE statement into words, quoted identifiers and single punctuation
// characters; skips string literals' contents (kept as one token), comments and whitespace.
QVector<SqlToken> tokenize(const QString& sql)
{
    QVector<SqlToken> tokens;
    qsizetype i = 0;
    const qsizetype n = sql.size();
    while (i < n) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
            const qsizetype close = sql.indexOf(QLatin1String("*/"), i + 2);
            i = close < 0 ? n : close + 2;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('[')) {
            const QChar closeChar = c == QLatin1Char('[') ? QLatin1Char(']') : c;
            qsizetype j = i + 1;
            QString value;
            while (j < n) {
                if (sql.at(j) == closeChar) {
                    if (closeChar != QLatin1Char(']') && j + 1 < n && sql.at(j + 1) == closeChar) {
                        value += closeChar;
                        j += 2;
                        continue;
                    }
                    break;
                }
                value += sql.at(j++);
            }
            tokens.append(SqlToken{value, c != QLatin1Char('\''), i, qMin(j + 1, n)});
            i = j + 1;
        } else if (c.isLetterOrNumber() || c == QLatin1Char('_')) {
            qsizetype j = i;
            while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == QLatin1Char('_') || sql.at(j) == QLatin1Char('$')))
                ++j;
            tokens.append(SqlToken{sql.mid(i, j - i), true, i, j});
            i = j;
        } else {
            tokens.append(SqlToken{QString(c), false, i, i + 1});
            ++i;
        }
    }
    return tokens;
}

// CHECK constraints of a CREATE TABLE statement (SQLite keeps them only in the SQL text).
QVector<CheckConstraintInfo> sqliteChecks(const QString& sql)
{
    QVector<CheckConstraintInfo> checks;
    const QVector<SqlToken> tokens = tokenize(sql);
    for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
        if (!tokens.at(i).word || tokens.at(i).text.compare(QLatin1String("check"), Qt::CaseInsensitive) != 0
            || tokens.at(i + 1).text != QLatin1String("(") || tokens.at(i + 1).word)
            continue;
        int depth = 0;
        qsizetype j = i + 1;
        for (; j < tokens.size(); ++j) {
            if (tokens.at(j).word)
                continue;
            if (tokens.at(j).text == QLatin1String("("))
                ++depth;
            else if (tokens.at(j).text == QLatin1String(")") && --depth == 0)
                break;
        }
        if (j >= tokens.size())
            break;
        CheckConstraintInfo check;
        if (i >= 2 && tokens.at(i - 2).word
            && tokens.at(i - 2).text.compare(QLatin1String("constraint"), Qt::CaseInsensitive) == 0)
            check.name = tokens.at(i - 1).text;
        check.expression = QStringLiteral("CHECK (%1)")
                               .arg(sql.mid(tokens.at(i + 1).end, tokens.at(j).start - tokens.at(i + 1).end).trimmed());
        checks.append(check);
        i = j;
    }
    return checks;
}

QString sqlitePredicate(const QString& createIndexSql)
{
    const QVector<SqlToken> tokens = tokenize(createIndexSql);
    int depth = 0;
    for (const SqlToken& t : tokens) {
        if (!t.word && t.text == QLatin1String("("))
            ++depth;
        else if (!t.word && t.text == QLatin1String(")"))
            --depth;
        else if (depth == 0 && t.word && t.text.compare(QLatin1String("where"), Qt::CaseInsensitive) == 0)
            return createIndexSql.mid(t.end).trimmed();
    }
    return {};
}

// The SQLite catalog queries for one attached database (`schema`), one per kind of fact, in the
// order inspectSqliteSchema() runs them. `schemaArg` is how the pragma functions get the schema:
// "?" (bound) or a literal.
QStringList sqliteCatalogQueries(const InspectOptions& options, const QString& schema, const QString& schemaArg)
{
    const QString qs = quoteIdentifier(schema);
    const QString types = options.includeViews ? QStringLiteral("('table', 'view')") : QStringLiteral("('table')");
    const QString userObjects = QStringLiteral("m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    return {
        QStringLiteral("SELECT m.name, m.type, m.sql FROM %1.sqlite_schema m "
                       "WHERE m.type IN %2 AND %3 ORDER BY m.name").arg(qs, types, userObjects),
        QStringLiteral("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
                       "FROM %1.sqlite_schema m JOIN pragma_table_xinfo(m.name, %4) p "
                       "WHERE m.type IN %2 AND %3 AND p.hidden <> 1 ORDER BY m.name, p.cid").arg(qs, types, userObjects, schemaArg),
        QStringLiteral("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
                       "FROM %1.sqlite_schema m JOIN pragma_foreign_key_list(m.name, %3) f "
                       "WHERE m.type = 'table' AND %2 ORDER BY m.name, f.id, f.seq").arg(qs, userObjects, schemaArg),
        QStringLiteral("SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.name, s.sql "
                       "FROM %1.sqlite_schema m JOIN pragma_index_list(m.name, %3) il "
                       "JOIN pragma_index_info(il.name, %3) ii "
                       "LEFT JOIN %1.sqlite_schema s ON s.type = 'index' AND s.name = il.name "
                       "WHERE m.type = 'table' AND %2 ORDER BY m.name, il.name, ii.seqno").arg(qs, userObjects, schemaArg)};
}

Status inspectSqliteSchema(QSqlDatabase& db, const QString& schema, TableIndex& index, SchemaSnapshot& snapshot,
                           const InspectOptions& options)
{
    const QString qs = quoteIdentifier(schema);
    const QStringList sql = sqliteCatalogQueries(options, schema, QStringLiteral("?"));

    auto tables = runCatalogQuery(db, sql.at(0), {}, QStringLiteral("reading the tables"));
    if (!tables)
        return tables.error();
    const int first = int(snapshot.tables.size());
    while (tables->next()) {
        TableInfo table;
        table.schema = schema;
        table.name = tables->value(0).toString();
        table.kind = tables->value(1).toString() == QLatin1String("view") ? TableKind::View : TableKind::Table;
        if (table.kind == TableKind::Table)
            table.checkConstraints = sqliteChecks(tables->value(2).toString());
        index.add(std::move(table));
    }
    if (snapshot.tables.size() == first)
        return Ok{};

    auto columns = runCatalogQuery(db, sql.at(1), {schema}, QStringLiteral("reading the columns"));
    if (!columns)
        return columns.error();
    QHash<TableInfo*, QVector<QPair<int, QString>>> pkColumns;
    while (columns->next()) {
        TableInfo* table = index.find(schema, columns->value(0).toString());
        if (!table)
            continue;
        ColumnInfo column;
        column.name = columns->value(1).toString();
        column.type = columns->value(2).toString();
        column.nullable = !columns->value(3).toBool();
        column.defaultValue = columns->value(4).toString();
        const int pk = columns->value(5).toInt();
        const int hidden = columns->value(6).toInt();
        if (hidden == 2 || hidden == 3)
            column.defaultValue = QStringLiteral("generated always (%1)").arg(hidden == 3 ? QStringLiteral("stored")
                                                                                          : QStringLiteral("virtual"));
        if (pk > 0) {
            pkColumns[table].append({pk, column.name});
            // SQLite lets a non-INTEGER primary key column hold NULL unless declared NOT NULL,
            // except in WITHOUT ROWID tables; an INTEGER PRIMARY KEY is the rowid and never NULL.
            if (column.type.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0)
                column.nullable = false;
        }
        table->columns.append(std::move(column));
    }
    for (auto it = pkColumns.begin(); it != pkColumns.end(); ++it) {
        std::sort(it->begin(), it->end());
        for (const auto& [pos, name] : *it)
            it.key()->primaryKey.columns << name;
    }

    auto fks = runCatalogQuery(db, sql.at(2), {schema}, QStringLiteral("reading the foreign keys"));
    if (!fks)
        return fks.error();
    {
        TableInfo* table = nullptr;
        int lastId = -1;
        while (fks->next()) {
            TableInfo* t = index.find(schema, fks->value(0).toString());
            if (!t)
                continue;
            const int id = fks->value(1).toInt();
            if (t != table || id != lastId) {
                ForeignKeyInfo fk;
                fk.referredSchema = schema;
                fk.referredTable = fks->value(2).toString();
                fk.onUpdate = fks->value(5).toString();
                fk.onDelete = fks->value(6).toString();
                t->foreignKeys.append(fk);
                table = t;
                lastId = id;
            }
            ForeignKeyInfo& fk = t->foreignKeys.last();
            fk.columns << fks->value(3).toString();
            fk.referredColumns << fks->value(4).toString(); // NULL = the referred table's primary key
        }
    }

    auto indexes = runCatalogQuery(db, sql.at(3), {schema, schema}, QStringLiteral("reading the indexes"));
    if (!indexes)
        return indexes.error();
    {
        TableInfo* table = nullptr;
        QString lastIndex;
        while (indexes->next()) {
            TableInfo* t = index.find(schema, indexes->value(0).toString());
            if (!t)
                continue;
            const QString name = indexes->value(1).toString();
            if (t != table || name != lastIndex) {
                IndexInfo info;
                info.name = name;
                info.unique = indexes->value(2).toBool();
                const QString origin = indexes->value(3).toString();
                info.primary = origin == QLatin1String("pk");
                info.constraint = origin != QLatin1String("c");
                if (indexes->value(4).toBool())
                    info.predicate = sqlitePredicate(indexes->value(6).toString());
                t->indexes.append(info);
                table = t;
                lastIndex = name;
            }
            const QVariant column = indexes->value(5);
            t->indexes.last().columns << (column.isNull() ? QStringLiteral("<expression>") : column.toString());
        }
    }

    for (int i = first; i < snapshot.tables.size(); ++i) {
        TableInfo& table = snapshot.tables[i];
        for (const IndexInfo& idx : std::as_const(table.indexes)) {
            if (idx.constraint && !idx.primary)
                table.uniqueConstraints.append(KeyConstraint{QString(), idx.columns});
        }
        for (ForeignKeyInfo& fk : table.foreignKeys) {
            if (const TableInfo* referred = index.find(schema, fk.referredTable)) {
                for (int c = 0; c < fk.referredColumns.size(); ++c) {
                    if (fk.referredColumns.at(c).isEmpty() && c < referred->primaryKey.columns.size())
                        fk.referredColumns[c] = referred->primaryKey.columns.at(c);
                }
            }
        }
        markPrimaryKeyColumns(table);
    }

    // Estimated rows: sqlite_stat1 (written by ANALYZE) starts each row with the table's row count.
    auto hasStats = runCatalogQuery(db,
                                    QStringLiteral("SELECT count(*) FROM %1.sqlite_schema WHERE name = 'sqlite_stat1'").arg(qs),
                                    {}, QStringLiteral("looking for sqlite_stat1"));
    if (!hasStats)
        return hasStats.error();
    if (hasStats->next() && hasStats->value(0).toInt() > 0) {
        auto stats = runCatalogQuery(db,
                                     QStringLiteral("SELECT tbl, max(CAST(stat AS INTEGER)) FROM %1.sqlite_stat1 GROUP BY tbl").arg(qs),
                                     {}, QStringLiteral("reading sqlite_stat1"));
        if (!stats)
            return stats.error();
        while (stats->next()) {
            if (TableInfo* table = index.find(schema, stats->value(0).toString()))
                table->estimatedRows = stats->value(1).toLongLong();
        }
    }
    return Ok{};
}

Result<SchemaSnapshot> inspectSqlite(QSqlDatabase& db, const InspectOptions& options)
{
    SchemaSnapshot snapshot;
    snapshot.dialect = Dialect::SQLite;
    snapshot.defaultSchema = QStringLiteral("main");
    auto databases = runCatalogQuery(db, QStringLiteral("SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq"),
                                     {}, QStringLiteral("listing the attached databases"));
    if (!databases)
        return databases.error();
    while (databases->next()) {
        const QString name = databases->value(0).toString();
        if (options.schema.isEmpty() || options.schema == name)
            snapshot.schemas << name;
    }
    TableIndex index(snapshot);
    for (const QString& schema : std::as_const(snapshot.schemas)) {
        if (Status s = inspectSqliteSchema(db, schema, index, snapshot, options); !s)
            return s.error();
    }
    return snapshot;
}

} // namespace

Result<SchemaSnapshot> SchemaInspector::inspect(QSqlDatabase db, const InspectOptions& options)
{
    QElapsedTimer timer;
    timer.start();
    Result<SchemaSnapshot> result = db.driverName() == QLatin1String("QPSQL") ? inspectPostgres(db, options)
                                                                             : inspectSqlite(db, options);
    if (result)
        log::debug(log::Area::Db, QStringLiteral("inspected %1 tables/views in %2 ms")
                                      .arg(result->tables.size())
                                      .arg(timer.elapsed()));
    return result;
}

QStringList SchemaInspector::catalogQueries(Dialect dialect, const InspectOptions& options)
{
    if (dialect == Dialect::PostgreSQL)
        return pgCatalogQueries(options, pgSchemaFilter(options, true));
    const QString schema = options.schema.isEmpty() ? QStringLiteral("main") : options.schema;
    QString literal = schema;
    literal.replace(QLatin1Char('\''), QLatin1String("''"));
    return sqliteCatalogQueries(options, schema, QLatin1Char('\'') + literal + QLatin1Char('\''));
}

Result<QStringList> SchemaInspector::tableNames(QSqlDatabase db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const bool postgres = db.driverName() == QLatin1String("QPSQL");
    const QString sql = postgres ? QStringLiteral("SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c "
                                                  "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                                                  "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', "
                                                  "'information_schema') AND n.nspname NOT LIKE 'pg\\_%'")
                                 : QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                                                  "ESCAPE '\\'");
    if (!query.exec(sql))
        return ScopedConnection::queryError(db, query.lastError(), QStringLiteral("listing the tables"));
    QStringList names;
    while (query.next())
        names << query.value(0).toString();
    std::sort(names.begin(), names.end());
    return names;
}

Result<qint64> SchemaInspector::countRows(QSqlDatabase db, const QString& schema, const QString& name)
{
    const QString qualified = qualifiedName(schema, name);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(qualified)) || !query.next())
        return ScopedConnection::queryError(db, query.lastError(), QStringLiteral("counting the rows of %1").arg(qualified));
    return query.value(0).toLongLong();
}

namespace {

// Counts table after table until `canceled()`; stops early when the connection is lost (every
// further count would fail the same way).
void countEach(QSqlDatabase& db, const QVector<TableRef>& tables, const std::function<bool()>& canceled,
               const std::function<void(int, const RowCount&)>& counted)
{
    for (int i = 0; i < tables.size(); ++i) {
        if (canceled())
            return;
        const TableRef& ref = tables.at(i);
        RowCount count{ref.schema, ref.name, -1, {}};
        auto rows = SchemaInspector::countRows(db, ref.schema, ref.name);
        if (rows)
            count.rows = *rows;
        else
            count.error = rows.error();
        counted(i, count);
        if (!rows && rows.error().code == QLatin1String("db-connection-lost"))
            return;
    }
}

} // namespace

QVector<RowCount> SchemaInspector::countRows(QSqlDatabase db, const QVector<TableRef>& tables,
                                             const std::atomic_bool& cancel,
                                             const std::function<void(int, int, const RowCount&)>& progress)
{
    QVector<RowCount> counts;
    counts.reserve(tables.size());
    countEach(db, tables, [&cancel] { return cancel.load(); }, [&](int, const RowCount& count) {
        counts.append(count);
        if (progress)
            progress(int(counts.size()), int(tables.size()), count);
    });
    return counts;
}

QFuture<Result<SchemaSnapshot>> SchemaInspector::inspectAsync(const DatabaseUrl& url, const InspectOptions& options,
                                                              int connectTimeoutSeconds)
{
    return QtConcurrent::run([url, options, connectTimeoutSeconds](QPromise<Result<SchemaSnapshot>>& promise) {
        auto connection = ScopedConnection::open(url, connectTimeoutSeconds);
        if (!connection) {
            promise.addResult(Result<SchemaSnapshot>(connection.error()));
            return;
        }
        promise.addResult(inspect((*connection)->database(), options));
    });
}

namespace {

// Runs in its own thread next to a PostgreSQL count: once the future is cancelled, it asks the
// server to cancel the statement in progress (pg_cancel_backend from a second connection), so a
// count(*) over a huge table does not hold the cancel up. Ends when `done` is set.
void interruptOnCancel(const DatabaseUrl& url, int connectTimeoutSeconds, int backendPid, QFuture<RowCount> future,
                       const std::atomic_bool& done)
{
    while (!done.load()) {
        if (future.isCanceled()) {
            auto connection = ScopedConnection::open(url, connectTimeoutSeconds);
            if (connection) {
                QSqlQuery query((*connection)->database());
                query.prepare(QStringLiteral("SELECT pg_cancel_backend(?)"));
                query.addBindValue(backendPid);
                if (!query.exec())
                    log::warn(log::Area::Db, QStringLiteral("could not interrupt the row count: %1").arg(query.lastError().text()));
            }
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

} // namespace

QFuture<RowCount> SchemaInspector::countRowsAsync(const DatabaseUrl& url, const QVector<TableRef>& tables,
                                                  int connectTimeoutSeconds)
{
    return QtConcurrent::run([url, tables, connectTimeoutSeconds](QPromise<RowCount>& promise) {
        promise.setProgressRange(0, int(tables.size()));
        promise.setProgressValue(0);
        // Exact counts are asked for and cancellable (pg_cancel_backend below): no statement timeout.
        ConnectionLimits limits;
        limits.connectTimeoutSeconds = connectTimeoutSeconds;
        limits.statementTimeoutMs = 0;
        auto connection = ScopedConnection::open(url, limits);
        if (!connection) {
            promise.addResult(RowCount{{}, {}, -1, connection.error()});
            return;
        }
        QSqlDatabase db = (*connection)->database();
        std::atomic_bool done{false};
        std::thread interrupter;
        if (url.dialect() == Dialect::PostgreSQL) {
            QSqlQuery pid(db);
            if (pid.exec(QStringLiteral("SELECT pg_backend_pid()")) && pid.next())
                interrupter = std::thread(interruptOnCancel, url, connectTimeoutSeconds, pid.value(0).toInt(),
                                          promise.future(), std::cref(done));
        }
        countEach(db, tables, [&promise] { return promise.isCanceled(); }, [&promise](int i, const RowCount& count) {
            promise.addResult(count, i);
            promise.setProgressValue(i + 1);
        });
        done = true;
        if (interrupter.joinable())
            interrupter.join();
    });
}

} // namespace retort
