#pragma once

// What autogenerate's comparison found, for people: grouped per table, one line per column,
// index or constraint, and what the comparison cannot see. Used by `retort-cli revision` /
// `retort-cli check` (text) and by the window's review and Diagnostics (translated).

#include "core/exec/AlembicBridge.h"
#include "core/exec/SchemaChange.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace retort {

struct TableChanges
{
    enum class State { New, Dropped, Changed, Other };
    QString table; // "schema.table"; "" for changes that name no table
    State state = State::Changed;
    QStringList lines; // "+ column age INTEGER", "~ column email: NULL -> NOT NULL", ...
};

class SchemaChangeReport
{
public:
    // Per table, in the order the comparison reported them: new tables with their columns,
    // indexes and constraints; dropped tables with what they hold; changes to existing ones.
    static QVector<TableChanges> group(const QVector<SchemaChange>& changes);
    // "Table users (new)" / "(dropped)" / "Table users" / "Other changes".
    static QString heading(const TableChanges& table);
    // One change (or one item of a new/dropped table) as a line, "+", "-" or "~" first.
    static QString line(const SchemaChange& change);
    // The whole list as indented text, `indent` before every line.
    static QString text(const QVector<SchemaChange>& changes, const QString& indent = {});
    // What Alembic's autogenerate does not compare, with the project's settings: enum values,
    // views and other non-table objects, renames (seen as a drop and an add), server defaults
    // unless compare_server_default, types unless compare_type.
    static QStringList blindSpots(const AutogenerateReview& review);
};

} // namespace retort
