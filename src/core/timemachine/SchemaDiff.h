#pragma once

// What differs between two schemas (SchemaInspector snapshots): tables and views added, removed
// or changed, and within a changed table its columns (type, nullability, default, comment), primary
// key, indexes, foreign keys, unique and check constraints; PostgreSQL enum types and their labels.
//
// Objects are matched by name. Unnamed ones (SQLite's foreign keys and unique constraints, checks
// without a CONSTRAINT name) are matched by what they are, so a change to one shows as removed +
// added. Column order, row counts and statistics are not schema and never differ.

#include "core/db/SchemaInspector.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace retort {

enum class ChangeKind { Added, Removed, Changed };
[[nodiscard]] QString changeKindName(ChangeKind kind); // "added", "removed", "changed"

// A column, key, index or constraint of a table that differs.
struct MemberChange
{
    enum class Type { Column, PrimaryKey, Index, ForeignKey, Unique, Check };
    Type type = Type::Column;
    ChangeKind kind = ChangeKind::Changed;
    QString name;          // the object's name; an unnamed constraint is described instead
    QString before;        // one line: "integer NOT NULL DEFAULT 0", "UNIQUE (a, b)" ("" when absent)
    QString after;
    QStringList details;   // Changed: what differs, e.g. "type: integer -> bigint"
    // Where the object is in TableChange::before / after (the columns, indexes, foreignKeys,
    // uniqueConstraints or checkConstraints vector of its type; 0 for the primary key); -1 = absent.
    int beforeIndex = -1;
    int afterIndex = -1;

    [[nodiscard]] static QString typeName(Type type); // "column", "primary_key", "index", ...
};

struct TableChange
{
    ChangeKind kind = ChangeKind::Changed;
    QString schema;
    QString name;
    TableInfo before;      // the table as it was (empty name when added)
    TableInfo after;       // as it is (empty name when removed)
    QStringList details;   // Changed: table-level differences ("kind: table -> view", "comment: ...")
    QVector<MemberChange> members; // Changed: in the order columns, primary key, indexes, foreign keys,
                                   // unique constraints, checks; each by name
    [[nodiscard]] QString kindOfObject() const; // "table", "view", ... of the side that exists
};

struct EnumChange
{
    ChangeKind kind = ChangeKind::Changed;
    QString schema;
    QString name;
    QStringList before;    // labels
    QStringList after;
};

struct SchemaDiffOptions
{
    // Tables left out of the comparison (the version table: Alembic keeps it, even at base). An
    // empty schema means the snapshot's default schema.
    QVector<TableRef> ignoredTables;
};

struct SchemaDiff
{
    QVector<TableChange> tables; // by schema, then name
    QVector<EnumChange> enums;

    [[nodiscard]] bool isEmpty() const { return tables.isEmpty() && enums.isEmpty(); }
    // Changed objects counted one by one: a table added or removed counts 1, a changed table
    // the members that differ (at least 1), an enum 1.
    [[nodiscard]] int objectCount() const;
    [[nodiscard]] int count(ChangeKind kind) const; // same counting, one kind
    // "users.email (column, added)" style names of every object that differs, for short messages.
    [[nodiscard]] QStringList objectNames() const;

    // before -> after.
    static SchemaDiff compare(const SchemaSnapshot& before, const SchemaSnapshot& after, const SchemaDiffOptions& options = {});

    // Indented text, one object a line: "+ table public.users", "    ~ column email: type ...".
    [[nodiscard]] QString toText(const QString& indent = {}) const;
};

// One-line descriptions used in diffs (also by the window's view).
[[nodiscard]] QString describeColumn(const ColumnInfo& column);
[[nodiscard]] QString describeIndex(const IndexInfo& index);
[[nodiscard]] QString describeForeignKey(const ForeignKeyInfo& key);

} // namespace retort
