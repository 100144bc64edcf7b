#include "core/lint/LiveCatalog.h"

#include "core/common/Redact.h"
#include "core/db/Connection.h"
#include "core/db/SchemaInspector.h"
#include "core/db/SqlIdentifier.h"
#include "core/lint/PgParser.h"
#include "core/lint/PgTree.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace retort::lint {

namespace {

constexpr int kQueryTextLength = 300;
const QChar kSeparator(0x1f); // joins names into one text parameter (split again by the server)

// The names as one text the server splits with string_to_array(?, chr(31)), each written so
// to_regclass() reads it as one identifier (or schema.identifier).
QString regclassList(const QVector<TableName>& names)
{
    QStringList parts;
    for (const TableName& name : names)
        parts << qualifiedName(name.schema, name.name);
    return parts.join(kSeparator);
}

QString oidArray(const QList<qint64>& oids)
{
    QStringList parts;
    for (const qint64 oid : oids)
        parts << QString::number(oid);
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

class Reader
{
public:
    Reader(QSqlDatabase db, const CatalogQuestions& questions, const LiveOptions& options)
        : m_db(std::move(db)), m_questions(questions), m_options(options)
    {
    }

    Result<CatalogFacts> read();

private:
    bool exec(QSqlQuery& query, const QString& sql, const QVariantList& values, const QString& what);
    Status setTimeouts(int lockTimeoutMs);
    Status tables();
    void columns();
    void checks();
    void foreignKeys();
    void indexes();
    void functions();
    void sessions();
    void sizesAndRows();
    [[nodiscard]] TableName nameOf(qint64 oid, const QString& schema, const QString& name) const;

    QSqlDatabase m_db;
    const CatalogQuestions& m_questions;
    const LiveOptions& m_options;
    CatalogFacts m_facts;
    QHash<qint64, TableName> m_oidNames; // the plan's tables, as the plan names them
    QList<qint64> m_oids;
    Error m_lastError;
};

bool Reader::exec(QSqlQuery& query, const QString& sql, const QVariantList& values, const QString& what)
{
    query.setForwardOnly(true);
    bool ok = values.isEmpty() ? query.exec(sql) : query.prepare(sql);
    if (ok && !values.isEmpty()) {
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values.at(i));
        ok = query.exec();
    }
    if (!ok) {
        m_lastError = ScopedConnection::queryError(m_db, query.lastError(), what);
        m_facts.notes << m_lastError.message;
    }
    return ok;
}

Status Reader::setTimeouts(int lockTimeoutMs)
{
    QSqlQuery query(m_db);
    if (!exec(query,
              QStringLiteral("SET statement_timeout = %1; SET lock_timeout = %2").arg(m_options.statementTimeoutMs).arg(lockTimeoutMs),
              {}, QStringLiteral("setting Retort's read timeouts")))
        return m_lastError;
    return Ok{};
}

Result<CatalogFacts> Reader::read()
{
    m_facts.live = true;
    if (const Status set = setTimeouts(m_options.statementTimeoutMs); !set)
        return set.error();
    QSqlQuery version(m_db);
    if (!exec(version, QStringLiteral("SELECT current_setting('server_version_num')::int"), {},
              QStringLiteral("reading the server version"))
        || !version.next())
        return m_lastError;
    m_facts.serverVersion = version.value(0).toInt();
    if (const Status read = tables(); !read)
        return read.error();
    columns();
    checks();
    foreignKeys();
    indexes();
    functions();
    sessions();
    if (const Status set = setTimeouts(m_options.lockTimeoutMs); set)
        sizesAndRows();
    return m_facts;
}

TableName Reader::nameOf(qint64 oid, const QString& schema, const QString& name) const
{
    const auto found = m_oidNames.constFind(oid);
    return found != m_oidNames.constEnd() ? *found : TableName{schema, name};
}

Status Reader::tables()
{
    for (const TableName& table : m_questions.tables) {
        TableFacts facts;
        facts.table = table;
        m_facts.tables.insert(table.key(), facts);
    }
    if (m_questions.tables.isEmpty())
        return Ok{};
    QSqlQuery query(m_db);
    if (!exec(query,
              QStringLiteral("SELECT q.ord, c.oid::bigint, n.nspname, c.reltuples::bigint "
                             "FROM unnest(string_to_array(?, chr(31))) WITH ORDINALITY AS q(name, ord) "
                             "JOIN pg_class c ON c.oid = to_regclass(q.name) "
                             "JOIN pg_namespace n ON n.oid = c.relnamespace "
                             "WHERE c.relkind IN ('r', 'p')"),
              {regclassList(m_questions.tables)}, QStringLiteral("reading the plan's tables")))
        return m_lastError;
    while (query.next()) {
        const TableName& table = m_questions.tables.at(query.value(0).toInt() - 1);
        TableFacts& facts = m_facts.tables[table.key()];
        facts.exists = true;
        facts.resolvedSchema = query.value(2).toString();
        const qint64 estimate = query.value(3).toLongLong();
        facts.estimatedRows = estimate < 0 ? -1 : estimate; // -1: never vacuumed or analyzed
        const qint64 oid = query.value(1).toLongLong();
        m_oidNames.insert(oid, table);
        m_oids << oid;
    }
    return Ok{};
}

void Reader::columns()
{
    if (m_oids.isEmpty())
        return;
    QSqlQuery query(m_db);
    if (!exec(query,
              QStringLiteral("SELECT a.attrelid::bigint, a.attname, format_type(a.atttypid, a.atttypmod) "
                             "FROM pg_attribute a WHERE a.attrelid = ANY (CAST(? AS oid[])) AND a.attnum > 0 "
                             "AND NOT a.attisdropped"),
              {oidArray(m_oids)}, QStringLiteral("reading column types")))
        return;
    while (query.next()) {
        const TableName table = m_oidNames.value(query.value(0).toLongLong());
        if (const std::optional<QJsonObject> typeName = PgParser::parseTypeName(query.value(2).toString()))
            if (const std::optional<ColumnType> type = ColumnType::fromTypeName(*typeName))
                m_facts.columns[table.key()].insert(query.value(1).toString(), *type);
    }
}

void Reader::checks()
{
    if (m_oids.isEmpty())
        return;
    QSqlQuery query(m_db);
    if (!exec(query,
              QStringLiteral("SELECT conrelid::bigint, pg_get_constraintdef(oid) FROM pg_constraint "
                             "WHERE contype = 'c' AND convalidated AND conrelid = ANY (CAST(? AS oid[]))"),
              {oidArray(m_oids)}, QStringLiteral("reading CHECK constraints")))
        return;
    while (query.next()) {
        // CHECK ((col IS NOT NULL)), read with the parser like any other SQL.
        const std::optional<QJsonObject> constraint = PgParser::parseConstraint(query.value(1).toString());
        if (!constraint)
            continue;
        const QString column = tree::notNullCheckColumn(*constraint);
        if (column.isEmpty())
            continue;
        m_facts.provenNotNull[m_oidNames.value(query.value(0).toLongLong()).key()].insert(column);
    }
}

void Reader::foreignKeys()
{
    if (m_oids.isEmpty())
        return;
    const QString columnsOf = QStringLiteral(
        "(SELECT string_agg(a.attname, chr(31) ORDER BY k.ord) FROM unnest(%1) WITH ORDINALITY AS k(num, ord) "
        "JOIN pg_attribute a ON a.attrelid = %2 AND a.attnum = k.num)");
    QSqlQuery query(m_db);
    if (!exec(query,
              QStringLiteral("SELECT con.conname, con.conrelid::bigint, rn.nspname, r.relname, %1, "
                             "con.confrelid::bigint, fn.nspname, f.relname, %2 "
                             "FROM pg_constraint con "
                             "JOIN pg_class r ON r.oid = con.conrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace "
                             "JOIN pg_class f ON f.oid = con.confrelid JOIN pg_namespace fn ON fn.oid = f.relnamespace "
                             "WHERE con.contype = 'f' AND (con.conrelid = ANY (CAST(? AS oid[])) "
                             "OR con.confrelid = ANY (CAST(? AS oid[])))")
                  .arg(columnsOf.arg(QStringLiteral("con.conkey"), QStringLiteral("con.conrelid")),
                       columnsOf.arg(QStringLiteral("con.confkey"), QStringLiteral("con.confrelid"))),
              {oidArray(m_oids), oidArray(m_oids)}, QStringLiteral("reading foreign keys")))
        return;
    while (query.next()) {
        ForeignKeyFact fk;
        fk.name = query.value(0).toString();
        fk.table = nameOf(query.value(1).toLongLong(), query.value(2).toString(), query.value(3).toString());
        fk.columns = query.value(4).toString().split(kSeparator, Qt::SkipEmptyParts);
        fk.referred = nameOf(query.value(5).toLongLong(), query.value(6).toString(), query.value(7).toString());
        fk.referredColumns = query.value(8).toString().split(kSeparator, Qt::SkipEmptyParts);
        m_facts.foreignKeys << fk;
    }
}

void Reader::indexes()
{
    if (m_questions.indexes.isEmpty())
        return;
    QSqlQuery query(m_db);
    if (!exec(query,
              QStringLiteral("SELECT q.ord, t.oid::bigint, n.nspname, t.relname "
                             "FROM unnest(string_to_array(?, chr(31))) WITH ORDINALITY AS q(name, ord) "
                             "JOIN pg_index i ON i.indexrelid = to_regclass(q.name) "
                             "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"),
              {regclassList(m_questions.indexes)}, QStringLiteral("reading the tables of indexes")))
        return;
    while (query.next()) {
        const TableName& index = m_questions.indexes.at(query.value(0).toInt() - 1);
        m_facts.indexTables.insert(index.key(), nameOf(query.value(1).toLongLong(), query.value(2).toString(),
                                                       query.value(3).toString()));
    }
}

void Reader::functions()
{
    if (m_questions.functions.isEmpty())
        return;
    QSqlQuery query(m_db);
    if (!exec(query,
              QStringLiteral("SELECT proname, bool_or(provolatile = 'v') FROM pg_proc "
                             "WHERE proname = ANY (string_to_array(?, chr(31))) GROUP BY proname"),
              {m_questions.functions.join(kSeparator)}, QStringLiteral("reading function volatility")))
        return;
    while (query.next())
        m_facts.volatileFunctions.insert(query.value(0).toString(), query.value(1).toBool());
}

void Reader::sessions()
{
    if (m_oids.isEmpty())
        return;
    QSqlQuery query(m_db);
    if (!exec(query,
              QStringLiteral("SELECT l.relation::bigint, coalesce(l.pid, 0), l.mode, l.granted, a.usename, a.application_name, "
                             "host(a.client_addr), a.state, a.wait_event_type, left(a.query, %1), "
                             "floor(extract(epoch FROM now() - a.xact_start))::bigint "
                             "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                             "WHERE l.locktype = 'relation' AND l.database = (SELECT oid FROM pg_database "
                             "WHERE datname = current_database()) AND l.pid IS DISTINCT FROM pg_backend_pid() "
                             "AND l.relation = ANY (CAST(? AS oid[])) ORDER BY l.pid, l.relation")
                  .arg(kQueryTextLength),
              {oidArray(m_oids)}, QStringLiteral("reading the sessions holding locks")))
        return;
    while (query.next()) {
        BlockingSession session;
        session.table = m_oidNames.value(query.value(0).toLongLong());
        session.pid = query.value(1).toInt();
        session.mode = lockModeFromName(query.value(2).toString()).value_or(LockMode::None);
        session.granted = query.value(3).toBool();
        session.user = query.value(4).toString();
        session.application = query.value(5).toString();
        session.clientAddress = query.value(6).toString();
        session.state = session.pid == 0 ? QStringLiteral("prepared transaction") : query.value(7).toString();
        session.waitEventType = query.value(8).toString();
        session.query = redactUrl(query.value(9).toString().simplified());
        session.transactionSeconds = query.value(10).isNull() ? -1 : query.value(10).toLongLong();
        // One row per session, table and granted/waiting: the strongest mode.
        bool merged = false;
        for (BlockingSession& known : m_facts.sessions) {
            if (known.pid == session.pid && known.table == session.table && known.granted == session.granted) {
                known.mode = strongerLock(known.mode, session.mode);
                merged = true;
                break;
            }
        }
        if (!merged)
            m_facts.sessions << session;
    }
}

// Reads that open the table (and so queue behind a conflicting lock): under the short lock_timeout,
// one table at a time, so a locked table costs only its own figures.
void Reader::sizesAndRows()
{
    QSet<QString> emptiness;
    for (const TableName& table : m_questions.emptinessChecks)
        emptiness.insert(table.key());
    for (auto it = m_oidNames.constBegin(); it != m_oidNames.constEnd(); ++it) {
        TableFacts& facts = m_facts.tables[it.value().key()];
        const QString qualified = qualifiedName(facts.resolvedSchema, facts.table.name);
        QSqlQuery size(m_db);
        if (exec(size, QStringLiteral("SELECT pg_total_relation_size(CAST(? AS oid))"), {it.key()},
                 QStringLiteral("reading the size of %1").arg(qualified))
            && size.next())
            facts.totalBytes = size.value(0).toLongLong();
        else
            facts.note = m_lastError.message;
        if (m_options.exactCounts) {
            if (const Result<qint64> rows = SchemaInspector::countRows(m_db, facts.resolvedSchema, facts.table.name)) {
                facts.exactRows = *rows;
                facts.hasRows = *rows > 0 ? 1 : 0;
            } else {
                m_facts.notes << rows.error().message;
                facts.note = rows.error().message;
            }
        }
        if (emptiness.contains(facts.table.key()) && facts.hasRows < 0) {
            QSqlQuery any(m_db);
            if (exec(any, QStringLiteral("SELECT EXISTS (SELECT 1 FROM %1)").arg(qualified), {},
                     QStringLiteral("checking whether %1 has rows").arg(qualified))
                && any.next())
                facts.hasRows = any.value(0).toBool() ? 1 : 0;
            else
                facts.note = m_lastError.message;
        }
    }
}

} // namespace

Result<CatalogFacts> LiveCatalog::read(QSqlDatabase db, const CatalogQuestions& questions, const LiveOptions& options)
{
    Reader reader(std::move(db), questions, options);
    return reader.read();
}

Result<CatalogFacts> LiveCatalog::read(const DatabaseUrl& url, const CatalogQuestions& questions, const LiveOptions& options,
                                       int connectTimeoutSeconds)
{
    if (url.dialect() != Dialect::PostgreSQL)
        return Error{QStringLiteral("lint-dialect"),
                     QStringLiteral("lint reads live facts from PostgreSQL only; %1 is not a PostgreSQL database").arg(url.redacted()),
                     {}, {}, 0};
    Result<std::unique_ptr<ScopedConnection>> connection = ScopedConnection::open(url, connectTimeoutSeconds);
    if (!connection)
        return connection.error();
    return read((*connection)->database(), questions, options);
}

} // namespace retort::lint
