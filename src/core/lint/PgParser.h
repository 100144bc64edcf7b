#pragma once

// SQL read with PostgreSQL's own parser (libpg_query, the parser of PostgreSQL 15): each
// statement of a script as its raw parse tree (pg_query_parse's JSON, one object per node, keyed by
// the node type: {"IndexStmt": {...}}), with its line in the script and its text.
//
// A script the parser rejects as a whole is split with libpg_query's scanner and each statement
// parsed on its own, so one statement PostgreSQL 15 does not know (a newer server's syntax, a
// typo in op.execute()) costs only that statement, which comes back with the parser's message.

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace retort::lint {

struct ParsedStatement
{
    int line = 1;     // 1-based line of the statement's first token in the script
    QString text;     // from the first token to the end of the statement, without the ';'
    QString type;     // "IndexStmt", "AlterTableStmt", ... ("" when the statement did not parse)
    QJsonObject node; // the node's fields (the value under `type`)
    QString error;    // the parser's message when the statement did not parse

    [[nodiscard]] bool parsed() const { return error.isEmpty(); }
};

class PgParser
{
public:
    // Every statement of `sql`, in order (comments and empty statements produce nothing).
    static QVector<ParsedStatement> parse(const QString& sql);

    // The TypeName node of a type written as SQL ("character varying(20)", "numeric(10,2)",
    // "timestamp with time zone", as format_type() prints it), or nullopt.
    static std::optional<QJsonObject> parseTypeName(const QString& type);

    // The node of a table constraint written as SQL ("CHECK ((total IS NOT NULL))", as
    // pg_get_constraintdef() prints it): the Constraint node's fields, or nullopt.
    static std::optional<QJsonObject> parseConstraint(const QString& definition);
};

} // namespace retort::lint
