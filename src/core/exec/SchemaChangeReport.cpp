#include "core/exec/SchemaChangeReport.h"

#include <QCoreApplication>

namespace retort {

namespace {

QString columnList(const QStringList& columns)
{
    return QLatin1Char('(') + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString named(const QString& name)
{
    return name.isEmpty() ? QString() : name + QLatin1Char(' ');
}

// "age INTEGER NOT NULL DEFAULT 0, primary key"
QString columnText(const SchemaChange& c)
{
    QString text = c.name;
    if (!c.type.isEmpty())
        text += QLatin1Char(' ') + c.type;
    if (!c.nullable)
        text += QStringLiteral(" NOT NULL");
    if (!c.defaultValue.isEmpty())
        text += QStringLiteral(" DEFAULT ") + c.defaultValue;
    if (c.primaryKey)
        text += QCoreApplication::translate("SchemaChangeReport", ", primary key");
    return text;
}

QString indexText(const SchemaChange& c)
{
    QString text = QCoreApplication::translate("SchemaChangeReport", "index %1%2").arg(named(c.name), columnList(c.columns));
    if (c.unique)
        text += QCoreApplication::translate("SchemaChangeReport", ", unique");
    return text;
}

QString constraintText(const SchemaChange& c)
{
    if (c.constraint == QLatin1String("foreign_key") || c.kind.endsWith(QLatin1String("_fk")))
        return QCoreApplication::translate("SchemaChangeReport", "foreign key %1%2 -> %3")
            .arg(named(c.name), columnList(c.columns), c.referred.join(QStringLiteral(", ")));
    if (c.constraint == QLatin1String("unique"))
        return QCoreApplication::translate("SchemaChangeReport", "unique constraint %1%2").arg(named(c.name), columnList(c.columns));
    if (c.constraint == QLatin1String("primary_key"))
        return QCoreApplication::translate("SchemaChangeReport", "primary key %1%2").arg(named(c.name), columnList(c.columns));
    if (c.constraint == QLatin1String("check"))
        return QCoreApplication::translate("SchemaChangeReport", "check constraint %1(%2)").arg(named(c.name), c.detail);
    return QCoreApplication::translate("SchemaChangeReport", "constraint %1%2").arg(named(c.name), columnList(c.columns));
}

QString valueOrNone(const QString& value)
{
    return value.isEmpty() ? QCoreApplication::translate("SchemaChangeReport", "none") : value;
}

TableChanges::State stateOf(const SchemaChange& change)
{
    if (change.kind == QLatin1String("add_table"))
        return TableChanges::State::New;
    if (change.kind == QLatin1String("remove_table"))
        return TableChanges::State::Dropped;
    return change.table.isEmpty() ? TableChanges::State::Other : TableChanges::State::Changed;
}

} // namespace

QString SchemaChangeReport::line(const SchemaChange& c)
{
    const QString sign = c.removes() ? QStringLiteral("- ") : c.adds() ? QStringLiteral("+ ") : QStringLiteral("~ ");
    const QString& k = c.kind;
    if (k == QLatin1String("column"))
        return QCoreApplication::translate("SchemaChangeReport", "column %1").arg(columnText(c));
    if (k == QLatin1String("index"))
        return indexText(c);
    if (k == QLatin1String("constraint"))
        return constraintText(c);
    if (k == QLatin1String("add_column") || k == QLatin1String("remove_column"))
        return sign + QCoreApplication::translate("SchemaChangeReport", "column %1").arg(columnText(c));
    if (k == QLatin1String("add_index") || k == QLatin1String("remove_index"))
        return sign + indexText(c);
    if (k == QLatin1String("add_constraint") || k == QLatin1String("remove_constraint") || k == QLatin1String("add_fk")
        || k == QLatin1String("remove_fk"))
        return sign + constraintText(c);
    if (k == QLatin1String("modify_type"))
        return sign + QCoreApplication::translate("SchemaChangeReport", "column %1: type %2 -> %3").arg(c.name, c.from, c.to);
    if (k == QLatin1String("modify_nullable")) {
        auto nullability = [](const QString& value) {
            return value == QLatin1String("true") ? QStringLiteral("NULL") : QStringLiteral("NOT NULL");
        };
        return sign + QCoreApplication::translate("SchemaChangeReport", "column %1: %2 -> %3")
                          .arg(c.name, nullability(c.from), nullability(c.to));
    }
    if (k == QLatin1String("modify_default"))
        return sign + QCoreApplication::translate("SchemaChangeReport", "column %1: default %2 -> %3")
                          .arg(c.name, valueOrNone(c.from), valueOrNone(c.to));
    if (k == QLatin1String("modify_comment"))
        return sign + QCoreApplication::translate("SchemaChangeReport", "column %1: comment %2 -> %3")
                          .arg(c.name, valueOrNone(c.from), valueOrNone(c.to));
    if (k == QLatin1String("add_table_comment") || k == QLatin1String("remove_table_comment"))
        return QStringLiteral("~ ") + QCoreApplication::translate("SchemaChangeReport", "table comment: %1 -> %2")
                                          .arg(valueOrNone(c.from), valueOrNone(c.to));
    if (k == QLatin1String("operation"))
        return QStringLiteral("~ ") + QCoreApplication::translate("SchemaChangeReport", "operation %1 (from env.py's process_revision_directives)")
                                          .arg(c.detail);
    return QStringLiteral("~ %1 %2").arg(k, c.detail);
}

QVector<TableChanges> SchemaChangeReport::group(const QVector<SchemaChange>& changes)
{
    QVector<TableChanges> tables;
    // One group per table (an index of a new table comes after the table); the table's own
    // creation or drop decides how the group is headed.
    auto tableFor = [&tables](const QString& name, TableChanges::State state) -> TableChanges& {
        const bool other = state == TableChanges::State::Other;
        for (TableChanges& t : tables) {
            if (t.table == name && (t.state == TableChanges::State::Other) == other) {
                if (state == TableChanges::State::New || state == TableChanges::State::Dropped)
                    t.state = state;
                return t;
            }
        }
        tables.append(TableChanges{name, state, {}});
        return tables.last();
    };
    for (const SchemaChange& change : changes) {
        const TableChanges::State state = stateOf(change);
        TableChanges& table = tableFor(change.table.isEmpty() ? QString() : change.qualifiedTable(), state);
        if (change.isTable()) {
            const QString sign = change.adds() ? QStringLiteral("+ ") : QStringLiteral("- ");
            for (const SchemaChange& item : change.items) {
                // A primary key constraint repeats what its columns say, unless it has a name.
                if (item.constraint == QLatin1String("primary_key") && item.name.isEmpty())
                    continue;
                table.lines << sign + line(item);
            }
        } else {
            table.lines << line(change);
        }
    }
    return tables;
}

QString SchemaChangeReport::heading(const TableChanges& table)
{
    switch (table.state) {
    case TableChanges::State::New:
        return QCoreApplication::translate("SchemaChangeReport", "Table %1 (new)").arg(table.table);
    case TableChanges::State::Dropped:
        return QCoreApplication::translate("SchemaChangeReport", "Table %1 (dropped)").arg(table.table);
    case TableChanges::State::Changed:
        return QCoreApplication::translate("SchemaChangeReport", "Table %1").arg(table.table);
    case TableChanges::State::Other:
        break;
    }
    return QCoreApplication::translate("SchemaChangeReport", "Other changes");
}

QString SchemaChangeReport::text(const QVector<SchemaChange>& changes, const QString& indent)
{
    QString out;
    for (const TableChanges& table : group(changes)) {
        out += indent + heading(table) + QLatin1Char('\n');
        for (const QString& l : table.lines)
            out += indent + QStringLiteral("  ") + l + QLatin1Char('\n');
    }
    return out;
}

QStringList SchemaChangeReport::blindSpots(const AutogenerateReview& review)
{
    QStringList spots{
        QCoreApplication::translate("SchemaChangeReport",
                                    "Enum types: values added to or removed from an ENUM are not detected."),
        QCoreApplication::translate("SchemaChangeReport",
                                    "Views, sequences, triggers, functions and other objects that are not tables are not compared."),
        QCoreApplication::translate("SchemaChangeReport",
                                    "A renamed table or column shows as a drop and an add: edit the migration to rename "
                                    "(op.rename_table, op.alter_column(new_column_name=...)) or the data is lost."),
    };
    if (!review.compareServerDefault)
        spots << QCoreApplication::translate("SchemaChangeReport",
                                             "Server defaults are not compared (compare_server_default is off in env.py).");
    if (!review.compareType)
        spots << QCoreApplication::translate("SchemaChangeReport",
                                             "Column types are not compared (compare_type is off: the default before Alembic 1.12).");
    return spots;
}

} // namespace retort
