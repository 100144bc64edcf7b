#include "core/doctor/SchemaHistory.h"

#include "core/common/NativePath.h"
#include "core/python/PythonSource.h"
#include "core/graph/RevisionGraph.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace retort::doctor {

using py::PythonSource;

namespace {

QString lit(const QString& expr)
{
    const std::optional<QString> value = PythonSource::literalString(expr);
    return value ? value->toLower() : QString();
}

// The literal name of `sa.Column('name', ...)` / `Column("name", ...)`, "" otherwise.
QString columnName(const QString& expr)
{
    static const QRegularExpression columnRe(QStringLiteral("^(?:[A-Za-z_]\\w*\\.)*Column\\s*\\("));
    if (!columnRe.match(expr).hasMatch())
        return {};
    const PythonSource::Statement st = PythonSource(expr).statements().value(0);
    const QRegularExpressionMatch m = columnRe.match(st.masked);
    if (!m.hasMatch())
        return {};
    const QStringList args = PythonSource::splitArguments(st.text, st.masked, m.capturedEnd() - 1, nullptr);
    if (args.isEmpty())
        return {};
    return lit(args.first());
}

QString argOrKeyword(const PythonSource::Call& call, int index, const QString& keyword)
{
    if (const std::optional<QString> kw = call.keyword(keyword))
        return lit(*kw);
    return lit(call.positional(index));
}

// Tables named by literal SQL: CREATE/ALTER/DROP TABLE, INSERT INTO, UPDATE, DELETE FROM, and
// CREATE INDEX ... ON.
void collectSqlTables(const QString& sql, int line, QVector<SchemaOp>* ops)
{
    static const QRegularExpression re(
        QStringLiteral("\\b(?:(CREATE|ALTER|DROP)\\s+TABLE(?:\\s+IF\\s+(?:NOT\\s+)?EXISTS)?|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|"
                       "\\bON)\\s+(?:ONLY\\s+)?(?:\"?\\w+\"?\\.)?\"?(\\w+)\"?"),
        QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatchIterator it = re.globalMatch(sql);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        SchemaOp op;
        const QString verb = m.captured(1).toUpper();
        op.kind = verb == QLatin1String("CREATE") ? SchemaOp::Kind::CreateTable
                  : verb == QLatin1String("DROP") ? SchemaOp::Kind::DropTable
                                                  : SchemaOp::Kind::Touch;
        op.table = m.captured(2).toLower();
        op.line = line;
        ops->append(op);
    }
}

} // namespace

QVector<SchemaOp> SchemaHistory::readUpgrade(const QString& path)
{
    const Result<QByteArray> content = NativePath::readFile(path); // never blocks on a FIFO
    if (!content)
        return {};
    return parseUpgrade(QString::fromUtf8(*content));
}

QVector<SchemaOp> SchemaHistory::parseUpgrade(const QString& source)
{
    QVector<SchemaOp> ops;
    const PythonSource src(source);
    const PythonSource::TopLevel* upgrade = src.function(QStringLiteral("upgrade"));
    if (!upgrade)
        return ops;

    static const QRegularExpression batchRe(QStringLiteral("^(?:async\\s+)?with\\b.*\\bbatch_alter_table\\s*\\("));
    static const QRegularExpression batchCallRe(QStringLiteral("\\b[A-Za-z_]\\w*\\.batch_alter_table\\b"));
    static const QRegularExpression aliasRe(QStringLiteral("\\bas\\s+([A-Za-z_]\\w*)\\s*:"));
    static const QRegularExpression opRe(QStringLiteral(
        "\\b([A-Za-z_]\\w*)\\.(create_table|drop_table|rename_table|add_column|drop_column|alter_column|create_index|"
        "drop_index|create_foreign_key|create_unique_constraint|create_check_constraint|create_primary_key|"
        "drop_constraint|bulk_insert|execute)\\b"));
    static const QRegularExpression identRe(QStringLiteral("^[A-Za-z_]\\w*$"));

    struct Batch
    {
        QString alias;
        QString table;
        int indent = 0;
    };
    QVector<Batch> batches;
    const QString bodyText = [&] {
        QString t;
        for (int s = upgrade->first; s < upgrade->end; ++s)
            t += src.statements().at(s).text + QLatin1Char('\n');
        return t;
    }();

    for (int s = upgrade->first + 1; s < upgrade->end; ++s) {
        const PythonSource::Statement& st = src.statements().at(s);
        while (!batches.isEmpty() && st.indent <= batches.last().indent)
            batches.removeLast();
        if (batchRe.match(st.masked).hasMatch()) {
            const QVector<PythonSource::Call> calls = src.calls(batchCallRe, s, s + 1);
            const QRegularExpressionMatch alias = aliasRe.match(st.masked);
            if (!calls.isEmpty()) {
                const QString table = argOrKeyword(calls.first(), 0, QStringLiteral("table_name"));
                if (!table.isEmpty()) {
                    ops.append(SchemaOp{SchemaOp::Kind::Touch, table, {}, {}, {}, calls.first().line});
                    if (alias.hasMatch())
                        batches.append(Batch{alias.captured(1), table, st.indent});
                }
            }
            continue;
        }
        for (const PythonSource::Call& call : src.calls(opRe, s, s + 1)) {
            const qsizetype dot = call.callee.indexOf(QLatin1Char('.'));
            const QString prefix = call.callee.left(dot);
            const QString name = call.callee.mid(dot + 1);
            const Batch* batch = nullptr;
            for (const Batch& b : batches) {
                if (b.alias == prefix)
                    batch = &b;
            }
            SchemaOp op;
            op.line = call.line;
            // In a batch block the table is implicit and every argument shifts left by one.
            const int shift = batch ? 1 : 0;
            auto arg = [&](int index, const QString& keyword) {
                if (batch && index == 0)
                    return batch->table;
                return argOrKeyword(call, index - shift, keyword);
            };
            if (name == QLatin1String("create_table") && !batch) {
                op.kind = SchemaOp::Kind::CreateTable;
                op.table = arg(0, QStringLiteral("table_name"));
                for (const QString& a : call.args) {
                    const QString col = columnName(a);
                    if (!col.isEmpty())
                        op.columns << col;
                }
            } else if (name == QLatin1String("drop_table") && !batch) {
                op.kind = SchemaOp::Kind::DropTable;
                op.table = arg(0, QStringLiteral("table_name"));
            } else if (name == QLatin1String("rename_table") && !batch) {
                op.kind = SchemaOp::Kind::RenameTable;
                op.table = arg(0, QStringLiteral("old_table_name"));
                op.newName = arg(1, QStringLiteral("new_table_name"));
            } else if (name == QLatin1String("add_column")) {
                op.kind = SchemaOp::Kind::AddColumn;
                op.table = arg(0, QStringLiteral("table_name"));
                op.column = columnName(call.positional(1 - shift));
            } else if (name == QLatin1String("drop_column")) {
                op.kind = SchemaOp::Kind::DropColumn;
                op.table = arg(0, QStringLiteral("table_name"));
                op.column = arg(1, QStringLiteral("column_name"));
            } else if (name == QLatin1String("alter_column")) {
                op.table = arg(0, QStringLiteral("table_name"));
                op.column = arg(1, QStringLiteral("column_name"));
                if (const std::optional<QString> renamed = call.keyword(QStringLiteral("new_column_name"))) {
                    op.kind = SchemaOp::Kind::RenameColumn;
                    op.newName = lit(*renamed);
                }
            } else if (name == QLatin1String("create_index")) {
                op.table = arg(1, QStringLiteral("table_name"));
            } else if (name == QLatin1String("drop_index")) {
                op.table = batch ? batch->table : lit(call.keyword(QStringLiteral("table_name")).value_or(call.positional(1)));
            } else if (name == QLatin1String("create_foreign_key")) {
                op.table = arg(1, QStringLiteral("source_table"));
                const QString referent = batch ? argOrKeyword(call, 1, QStringLiteral("referent_table"))
                                               : argOrKeyword(call, 2, QStringLiteral("referent_table"));
                if (!referent.isEmpty())
                    ops.append(SchemaOp{SchemaOp::Kind::Touch, referent, {}, {}, {}, call.line});
            } else if (name == QLatin1String("create_unique_constraint") || name == QLatin1String("create_check_constraint")
                       || name == QLatin1String("create_primary_key") || name == QLatin1String("drop_constraint")) {
                op.table = arg(1, QStringLiteral("table_name"));
            } else if (name == QLatin1String("bulk_insert")) {
                // op.bulk_insert(accounts, [...]) where accounts = sa.table("accounts", ...)
                const QString var = call.positional(0);
                if (identRe.match(var).hasMatch()) {
                    const QRegularExpression tableRe(QStringLiteral("\\b") + QRegularExpression::escape(var)
                                                     + QStringLiteral("\\s*=\\s*(?:[A-Za-z_]\\w*\\.)*table\\s*\\(\\s*[\"'](\\w+)[\"']"));
                    const QRegularExpressionMatch m = tableRe.match(bodyText);
                    if (m.hasMatch())
                        op.table = m.captured(1).toLower();
                }
            } else if (name == QLatin1String("execute")) {
                const std::optional<QString> sql = PythonSource::literalString(call.positional(0));
                if (sql)
                    collectSqlTables(*sql, call.line, &ops);
                continue;
            } else {
                continue;
            }
            if (!op.table.isEmpty())
                ops.append(op);
        }
    }
    return ops;
}

QStringList SchemaHistory::tablesInSql(const QString& sql)
{
    QVector<SchemaOp> ops;
    collectSqlTables(sql, 0, &ops);
    return touchedTables(ops);
}

void SchemaHistory::apply(SchemaState& state, const QVector<SchemaOp>& ops)
{
    for (const SchemaOp& op : ops) {
        switch (op.kind) {
        case SchemaOp::Kind::CreateTable:
            state[op.table] = QSet<QString>(op.columns.cbegin(), op.columns.cend());
            break;
        case SchemaOp::Kind::DropTable:
            state.remove(op.table);
            break;
        case SchemaOp::Kind::RenameTable:
            if (!op.newName.isEmpty() && state.contains(op.table))
                state[op.newName] = state.take(op.table);
            break;
        case SchemaOp::Kind::AddColumn:
            if (!op.column.isEmpty())
                state[op.table].insert(op.column);
            break;
        case SchemaOp::Kind::DropColumn:
            if (state.contains(op.table))
                state[op.table].remove(op.column);
            break;
        case SchemaOp::Kind::RenameColumn:
            if (state.contains(op.table) && state[op.table].remove(op.column) && !op.newName.isEmpty())
                state[op.table].insert(op.newName);
            break;
        case SchemaOp::Kind::Touch:
            break;
        }
    }
}

QStringList SchemaHistory::touchedTables(const QVector<SchemaOp>& ops)
{
    QStringList tables;
    for (const SchemaOp& op : ops) {
        tables << op.table;
        if (op.kind == SchemaOp::Kind::RenameTable && !op.newName.isEmpty())
            tables << op.newName;
    }
    tables.removeAll(QString());
    tables.sort();
    tables.removeDuplicates();
    return tables;
}

SchemaHistory::Match SchemaHistory::bestMatch(const RevisionGraph& graph, const QVector<QVector<SchemaOp>>& opsPerRevision,
                                              const SchemaState& database)
{
    // Items are the tables and the table.column pairs; counted by lookups, without building sets.
    auto itemCount = [](const SchemaState& state) {
        qsizetype n = 0;
        for (auto it = state.cbegin(); it != state.cend(); ++it)
            n += 1 + it.value().size();
        return n;
    };
    const qsizetype dbCount = itemCount(database);

    QVector<int> oldestFirst = graph.historyOrder();
    std::reverse(oldestFirst.begin(), oldestFirst.end());
    Match best;
    SchemaState bestState;
    // A revision's schema is its parent's plus its own ops when it has one parent (the usual
    // case), so states are built incrementally and dropped once every child has used them; bases
    // start empty and merges replay their ancestors.
    QHash<int, SchemaState> states;
    QHash<int, int> childrenLeft;
    for (const int candidate : std::as_const(oldestFirst)) {
        const Revision& rev = graph.at(candidate);
        const QVector<SchemaOp> noOps;
        const QVector<SchemaOp>& ownOps = candidate < opsPerRevision.size() ? opsPerRevision.at(candidate) : noOps;
        SchemaState state;
        if (rev.normalizedDown.size() == 1 && states.contains(rev.normalizedDown.first())) {
            state = states.value(rev.normalizedDown.first());
            apply(state, ownOps);
        } else if (rev.normalizedDown.isEmpty()) {
            apply(state, ownOps);
        } else {
            const QVector<char> mask = graph.ancestorMask({candidate}, true);
            for (const int r : std::as_const(oldestFirst)) {
                if (mask.value(r) && r < opsPerRevision.size())
                    apply(state, opsPerRevision.at(r));
            }
        }
        if (!rev.normalizedChildren.isEmpty()) {
            states.insert(candidate, state);
            childrenLeft.insert(candidate, int(rev.normalizedChildren.size()));
        }
        for (const int parent : rev.normalizedDown) {
            if (--childrenLeft[parent] <= 0)
                states.remove(parent);
        }
        qsizetype common = 0;
        for (auto it = state.cbegin(); it != state.cend(); ++it) {
            const auto table = database.constFind(it.key());
            if (table == database.cend())
                continue;
            ++common;
            for (const QString& col : it.value())
                common += table.value().contains(col) ? 1 : 0;
        }
        const qsizetype all = itemCount(state) + dbCount - common;
        const double score = all == 0 ? 0.0 : double(common) / double(all);
        if (score > best.score) { // strictly better: ties keep the older revision
            best.score = score;
            best.revision = candidate;
            bestState = state;
        }
    }
    if (best.revision < 0)
        return best;
    for (auto it = bestState.cbegin(); it != bestState.cend(); ++it) {
        if (!database.contains(it.key()))
            best.missingTables << it.key();
    }
    for (auto it = database.cbegin(); it != database.cend(); ++it) {
        if (!bestState.contains(it.key())) {
            best.extraTables << it.key();
            continue;
        }
        const QSet<QString>& expected = bestState.value(it.key());
        for (const QString& col : it.value()) {
            if (!expected.contains(col) && best.columnDifferences.size() < 6)
                best.columnDifferences << QStringLiteral("+%1.%2").arg(it.key(), col);
        }
        for (const QString& col : expected) {
            if (!it.value().contains(col) && best.columnDifferences.size() < 6)
                best.columnDifferences << QStringLiteral("-%1.%2").arg(it.key(), col);
        }
    }
    best.columnDifferences.sort();
    return best;
}

} // namespace retort::doctor
