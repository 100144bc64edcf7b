#pragma once

// What Alembic's autogenerate comparison found, one change at a time, as the bridge describes
// Alembic's diff tuples (the format of `alembic.autogenerate.compare_metadata` and of
// `UpgradeOps.as_diffs()`): `alembic revision --autogenerate` reviews and `retort-cli check`.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace retort {

struct SchemaChange
{
    // Alembic's diff kind: add_table, remove_table, add_column, remove_column, add_index,
    // remove_index, add_constraint, remove_constraint, add_fk, remove_fk, modify_type,
    // modify_nullable, modify_default, modify_comment, add_table_comment, remove_table_comment;
    // "operation" for an operation without a diff form (one env.py's hook added); any other kind
    // a newer Alembic reports, with `detail` holding its text.
    // Inside `items` of a table: "column", "index", "constraint".
    QString kind;
    QString schema;    // "" = the default schema
    QString table;
    QString name;      // the column, index or constraint ("" when unnamed)
    QString type;      // a column's type, as the database's dialect writes it
    bool nullable = true;
    bool primaryKey = false;
    QString defaultValue;  // a column's server default (SQL text), "" when none
    QString constraint;    // constraints: "primary_key", "unique", "foreign_key", "check"
    QStringList columns;   // an index's or a constraint's columns
    QStringList referred;  // a foreign key's referred columns ("table.column")
    bool unique = false;   // indexes
    QString from;          // modify_*: the database's value ("true"/"false" for nullable)
    QString to;            // modify_*: the models' value
    QString detail;        // a check constraint's expression; the raw text of an unknown kind
    QVector<SchemaChange> items; // add_table / remove_table: the table's columns, indexes, constraints

    [[nodiscard]] bool isTable() const { return kind == QLatin1String("add_table") || kind == QLatin1String("remove_table"); }
    [[nodiscard]] bool adds() const { return kind.startsWith(QLatin1String("add_")); }
    [[nodiscard]] bool removes() const { return kind.startsWith(QLatin1String("remove_")); }
    // "schema.table" or "table".
    [[nodiscard]] QString qualifiedTable() const;

    static SchemaChange fromJson(const QJsonObject& object);
    static QVector<SchemaChange> listFromJson(const QJsonArray& array);
    [[nodiscard]] QJsonObject toJson() const;
    static QJsonArray listToJson(const QVector<SchemaChange>& changes);

    friend bool operator==(const SchemaChange&, const SchemaChange&) = default;
};

} // namespace retort
