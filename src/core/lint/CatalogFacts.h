#pragma once

// What the database holds before the plan runs, as far as the rules need it: the tables' weight,
// column types, proven-NOT-NULL columns, indexes' tables, foreign keys, function volatility and the
// sessions holding locks. Read by LiveCatalog with a connection; empty when linting offline.

#include "core/lint/LintReport.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace retort::lint {

// A column type as PostgreSQL resolves the grammar's spelling: "varchar" with modifiers {20},
// "numeric" {10, 2}, "int4", "text", "timestamptz".
struct ColumnType
{
    QString name;
    QVector<int> modifiers;
    int arrayDimensions = 0;

    // From a parse tree's TypeName node; nullopt when it holds something else (%TYPE, an
    // expression modifier).
    static std::optional<ColumnType> fromTypeName(const QJsonObject& typeName);
    [[nodiscard]] QString display() const; // "varchar(20)", "numeric(10,2)", "int4[]"
    bool operator==(const ColumnType& other) const
    {
        return name == other.name && modifiers == other.modifiers && arrayDimensions == other.arrayDimensions;
    }
};

// True when changing a column from `from` to `to` needs no table rewrite on PostgreSQL 15 (the
// cast is binary-coercible and the new modifier admits every old value).
[[nodiscard]] bool isBinaryCoercible(const ColumnType& from, const ColumnType& to);

struct ForeignKeyFact
{
    QString name;
    TableName table;         // the referencing table
    QStringList columns;
    TableName referred;
    QStringList referredColumns;
};

// What to ask the database before the rules run (collected from the parsed plan).
struct CatalogQuestions
{
    QVector<TableName> tables;          // every table the SQL names (not the version table)
    QVector<TableName> indexes;         // indexes dropped or altered: which table are they on?
    QStringList functions;              // functions in ADD COLUMN defaults Retort does not know
    QVector<TableName> emptinessChecks; // tables where "does it have rows?" decides a rule
};

struct CatalogFacts
{
    bool live = false;           // read from a database
    int serverVersion = 0;       // server_version_num
    QHash<QString, TableFacts> tables;                   // by TableName::key() as the plan names it
    QHash<QString, QHash<QString, ColumnType>> columns;  // table key -> column -> type
    QHash<QString, QSet<QString>> provenNotNull;         // table key -> columns with a validated CHECK (c IS NOT NULL)
    QHash<QString, TableName> indexTables;               // index key -> its table
    QVector<ForeignKeyFact> foreignKeys;                 // involving the plan's tables
    QHash<QString, bool> volatileFunctions;              // function name -> volatile
    QVector<BlockingSession> sessions;                   // holding or waiting for locks on the plan's tables
    QStringList notes;                                   // what could not be read
};

} // namespace retort::lint
