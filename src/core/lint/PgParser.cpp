#include "core/lint/PgParser.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>

#include <pg_query.h>

namespace retort::lint {

namespace {

// Skips whitespace and comments (`-- ...` to the end of the line, `/* ... */`, which nest in
// PostgreSQL) from `pos`; returns the offset of the next token, or `end`.
qsizetype skipTrivia(const QByteArray& bytes, qsizetype pos, qsizetype end)
{
    while (pos < end) {
        const char c = bytes.at(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++pos;
        } else if (c == '-' && pos + 1 < end && bytes.at(pos + 1) == '-') {
            while (pos < end && bytes.at(pos) != '\n')
                ++pos;
        } else if (c == '/' && pos + 1 < end && bytes.at(pos + 1) == '*') {
            int depth = 1;
            pos += 2;
            while (pos < end && depth > 0) {
                if (bytes.at(pos) == '/' && pos + 1 < end && bytes.at(pos + 1) == '*') {
                    ++depth;
                    pos += 2;
                } else if (bytes.at(pos) == '*' && pos + 1 < end && bytes.at(pos + 1) == '/') {
                    --depth;
                    pos += 2;
                } else {
                    ++pos;
                }
            }
        } else {
            break;
        }
    }
    return pos;
}

// Counts lines incrementally: scripts are walked front to back, so each newline is counted once.
class LineCounter
{
public:
    explicit LineCounter(const QByteArray& bytes) : m_bytes(bytes) {}
    int lineAt(qsizetype offset)
    {
        for (; m_pos < offset && m_pos < m_bytes.size(); ++m_pos)
            if (m_bytes.at(m_pos) == '\n')
                ++m_line;
        return m_line;
    }

private:
    const QByteArray& m_bytes;
    qsizetype m_pos = 0;
    int m_line = 1;
};

// A statement at [start, end) of `bytes`: its first token, text and line.
ParsedStatement located(const QByteArray& bytes, qsizetype start, qsizetype end, LineCounter& lines)
{
    ParsedStatement statement;
    const qsizetype first = skipTrivia(bytes, start, end);
    statement.line = lines.lineAt(first);
    qsizetype last = end;
    while (last > first && QChar::isSpace(uchar(bytes.at(last - 1))))
        --last;
    statement.text = QString::fromUtf8(bytes.constData() + first, last - first);
    return statement;
}

void setTree(ParsedStatement& statement, const QJsonObject& stmt)
{
    // {"IndexStmt": {...}}: one key, the node type.
    if (stmt.isEmpty())
        return;
    statement.type = stmt.constBegin().key();
    statement.node = stmt.constBegin().value().toObject();
}

// pg_query_parse on a NUL-terminated UTF-8 text. nullopt with *error on a parse error.
std::optional<QJsonArray> parseTree(const QByteArray& text, QString* error)
{
    PgQueryParseResult result = pg_query_parse(text.constData());
    std::optional<QJsonArray> statements;
    if (result.error) {
        if (error)
            *error = QString::fromUtf8(result.error->message);
    } else {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(result.parse_tree));
        statements = doc.object().value(QStringLiteral("stmts")).toArray();
    }
    pg_query_free_parse_result(result);
    return statements;
}

QJsonObject stmtOf(const QJsonObject& raw)
{
    return raw.value(QStringLiteral("stmt")).toObject();
}

} // namespace

QVector<ParsedStatement> PgParser::parse(const QString& sql)
{
    QVector<ParsedStatement> out;
    const QByteArray bytes = sql.toUtf8();
    LineCounter lines(bytes);
    QString wholeError;
    if (const std::optional<QJsonArray> tree = parseTree(bytes, &wholeError)) {
        for (const QJsonValue& value : *tree) {
            const QJsonObject raw = value.toObject();
            const qsizetype start = raw.value(QStringLiteral("stmt_location")).toInt(0);
            const int length = raw.value(QStringLiteral("stmt_len")).toInt(0); // 0: to the end
            const qsizetype end = length > 0 ? qMin(bytes.size(), start + length) : bytes.size();
            ParsedStatement statement = located(bytes, start, end, lines);
            setTree(statement, stmtOf(raw));
            out << statement;
        }
        return out;
    }

    // One bad statement: split with the scanner and parse each statement alone.
    PgQuerySplitResult split = pg_query_split_with_scanner(bytes.constData());
    if (split.error) {
        // Not even the scanner reads it (an unterminated quote or comment): one unparsed statement.
        ParsedStatement statement = located(bytes, 0, bytes.size(), lines);
        statement.error = QString::fromUtf8(split.error->message);
        pg_query_free_split_result(split);
        if (!statement.text.isEmpty())
            out << statement;
        return out;
    }
    for (int i = 0; i < split.n_stmts; ++i) {
        const qsizetype start = split.stmts[i]->stmt_location;
        const qsizetype end = qMin(bytes.size(), start + qsizetype(split.stmts[i]->stmt_len));
        ParsedStatement statement = located(bytes, start, end, lines);
        if (statement.text.isEmpty())
            continue;
        QString error;
        const std::optional<QJsonArray> tree = parseTree(bytes.mid(start, end - start), &error);
        if (!tree) {
            statement.error = error;
        } else if (!tree->isEmpty()) {
            setTree(statement, stmtOf(tree->first().toObject()));
        } else {
            continue; // only comments
        }
        out << statement;
    }
    pg_query_free_split_result(split);
    return out;
}

namespace {

// The fields of the one statement of `sql`, if it parses to one statement of node type `type`.
QJsonObject singleStatement(const QString& sql, const char* type)
{
    const std::optional<QJsonArray> tree = parseTree(sql.toUtf8(), nullptr);
    if (!tree || tree->size() != 1)
        return {};
    return stmtOf(tree->first().toObject()).value(QLatin1String(type)).toObject();
}

// node[k1][k2]...: each key an object field, or (a number) the only element of an array field.
QJsonObject descend(QJsonObject node, std::initializer_list<const char*> path)
{
    for (const char* key : path) {
        const QJsonValue value = node.value(QLatin1String(key));
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            if (array.size() != 1)
                return {};
            node = array.first().toObject();
        } else {
            node = value.toObject();
        }
    }
    return node;
}

} // namespace

std::optional<QJsonObject> PgParser::parseTypeName(const QString& type)
{
    // A cast is the one place a bare type name is grammar: SELECT NULL::<type>.
    const QJsonObject cast = descend(singleStatement(QStringLiteral("SELECT NULL::%1").arg(type), "SelectStmt"),
                                     {"targetList", "ResTarget", "val", "TypeCast"});
    if (!cast.contains(QLatin1String("typeName")))
        return std::nullopt;
    return cast.value(QLatin1String("typeName")).toObject();
}

std::optional<QJsonObject> PgParser::parseConstraint(const QString& definition)
{
    const QJsonObject constraint = descend(singleStatement(QStringLiteral("ALTER TABLE t ADD %1").arg(definition), "AlterTableStmt"),
                                           {"cmds", "AlterTableCmd", "def", "Constraint"});
    if (constraint.isEmpty())
        return std::nullopt;
    return constraint;
}

} // namespace retort::lint
