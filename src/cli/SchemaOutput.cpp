#include "cli/SchemaOutput.h"

#include <algorithm>

namespace retort::cli {

void writeColumn(JsonWriter& w, const ColumnInfo& c)
{
    w.begin('{').key("name").string(c.name).key("type").string(c.type).key("nullable").boolean(c.nullable);
    w.key("default").stringOrNull(c.defaultValue).key("primary_key").boolean(c.primaryKey);
    w.key("comment").stringOrNull(c.comment).end('}');
}

void writeIndex(JsonWriter& w, const IndexInfo& i)
{
    w.begin('{').key("name").string(i.name).key("columns").strings(i.columns).key("unique").boolean(i.unique);
    w.key("primary").boolean(i.primary).key("constraint").boolean(i.constraint);
    w.key("method").stringOrNull(i.method).key("predicate").stringOrNull(i.predicate).end('}');
}

void writeForeignKey(JsonWriter& w, const ForeignKeyInfo& fk)
{
    w.begin('{').key("name").stringOrNull(fk.name).key("columns").strings(fk.columns);
    w.key("referred_schema").string(fk.referredSchema).key("referred_table").string(fk.referredTable);
    w.key("referred_columns").strings(fk.referredColumns);
    w.key("on_update").string(fk.onUpdate).key("on_delete").string(fk.onDelete).end('}');
}

void writeKeyConstraint(JsonWriter& w, const KeyConstraint& k)
{
    w.begin('{').key("name").stringOrNull(k.name).key("columns").strings(k.columns).end('}');
}

void writeCheck(JsonWriter& w, const CheckConstraintInfo& c)
{
    w.begin('{').key("name").stringOrNull(c.name).key("expression").string(c.expression).end('}');
}

void writeEnum(JsonWriter& w, const EnumInfo& e)
{
    w.begin('{').key("schema").string(e.schema).key("name").string(e.name).key("labels").strings(e.labels).end('}');
}

void writeTable(JsonWriter& w, const TableInfo& t)
{
    w.begin('{');
    w.key("schema").string(t.schema).key("name").string(t.name).key("kind").string(tableKindName(t.kind));
    w.key("comment").stringOrNull(t.comment);
    w.key("estimated_rows").rows(t.estimatedRows).key("exact_rows").rows(t.exactRows);
    w.key("columns").begin('[');
    for (const ColumnInfo& c : t.columns)
        writeColumn(w, c);
    w.end(']');
    w.key("primary_key");
    if (t.primaryKey.columns.isEmpty())
        w.null();
    else
        writeKeyConstraint(w, t.primaryKey);
    w.key("indexes").begin('[');
    for (const IndexInfo& i : t.indexes)
        writeIndex(w, i);
    w.end(']');
    w.key("foreign_keys").begin('[');
    for (const ForeignKeyInfo& fk : t.foreignKeys)
        writeForeignKey(w, fk);
    w.end(']');
    w.key("unique_constraints").begin('[');
    for (const KeyConstraint& u : t.uniqueConstraints)
        writeKeyConstraint(w, u);
    w.end(']');
    w.key("check_constraints").begin('[');
    for (const CheckConstraintInfo& c : t.checkConstraints)
        writeCheck(w, c);
    w.end(']');
    w.end('}');
}

QString grid(const QStringList& header, const QVector<QStringList>& rows, const QString& indent)
{
    QVector<qsizetype> widths(header.size());
    for (int c = 0; c < header.size(); ++c) {
        widths[c] = header.at(c).size();
        for (const QStringList& row : rows)
            widths[c] = qMax(widths[c], row.value(c).size());
    }
    auto line = [&](const QStringList& cells) -> QString {
        QStringList padded;
        for (int c = 0; c < header.size(); ++c)
            padded << cells.value(c).leftJustified(widths[c]);
        QString text = indent + padded.join(QStringLiteral(" | "));
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return text + QLatin1Char('\n');
    };
    QStringList rules;
    for (const qsizetype w : widths)
        rules << QString(w, QLatin1Char('-'));
    QString out = line(header) + QString(indent.size(), QLatin1Char('-')) + rules.join(QStringLiteral("-+-")) + QLatin1Char('\n');
    for (const QStringList& row : rows)
        out += line(row);
    return out;
}

QString rowsText(qint64 estimated, qint64 exact)
{
    if (exact >= 0)
        return QString::number(exact);
    if (estimated >= 0)
        return QStringLiteral("~") + QString::number(estimated);
    return QStringLiteral("?");
}

namespace {

QString quoted(const QString& name)
{
    return QLatin1Char('"') + name + QLatin1Char('"');
}

} // namespace

// One table the way `psql \d` shows it.
QString describeTable(const TableInfo& t, bool withRows)
{
    QString out = QStringLiteral("\n%1 \"%2.%3\"").arg(t.isView() ? QStringLiteral("View") : QStringLiteral("Table"),
                                                      t.schema, t.name);
    if (!t.isView() && withRows)
        out += QStringLiteral(", %1 rows").arg(rowsText(t.estimatedRows, t.exactRows));
    out += QLatin1Char('\n');
    if (!t.comment.isEmpty())
        out += QStringLiteral("  %1\n").arg(t.comment);
    QVector<QStringList> rows;
    for (const ColumnInfo& c : t.columns) {
        rows.append({c.name, c.type, c.nullable ? QString() : QStringLiteral("not null"), c.defaultValue,
                     c.primaryKey ? QStringLiteral("PK") : QString()});
    }
    out += grid({QStringLiteral("Column"), QStringLiteral("Type"), QStringLiteral("Nullable"), QStringLiteral("Default"),
                 QStringLiteral("Key")},
                rows);
    if (!t.indexes.isEmpty()) {
        out += QStringLiteral("Indexes:\n");
        QVector<IndexInfo> indexes = t.indexes; // the primary key's first, as psql lists them
        std::stable_sort(indexes.begin(), indexes.end(),
                         [](const IndexInfo& a, const IndexInfo& b) { return a.primary && !b.primary; });
        for (const IndexInfo& i : std::as_const(indexes)) {
            QString kind = i.primary ? QStringLiteral(" PRIMARY KEY,")
                           : i.unique ? (i.constraint ? QStringLiteral(" UNIQUE CONSTRAINT,") : QStringLiteral(" UNIQUE,"))
                                      : QString();
            out += QStringLiteral("    %1%2 %3(%4)%5\n")
                       .arg(quoted(i.name), kind, i.method.isEmpty() ? QString() : i.method + QLatin1Char(' '),
                            i.columns.join(QStringLiteral(", ")),
                            i.predicate.isEmpty() ? QString() : QStringLiteral(" WHERE ") + i.predicate);
        }
    }
    if (!t.checkConstraints.isEmpty()) {
        out += QStringLiteral("Check constraints:\n");
        for (const CheckConstraintInfo& c : t.checkConstraints)
            out += QStringLiteral("    %1%2\n").arg(c.name.isEmpty() ? QString() : quoted(c.name) + QLatin1Char(' '), c.expression);
    }
    if (!t.foreignKeys.isEmpty()) {
        out += QStringLiteral("Foreign-key constraints:\n");
        for (const ForeignKeyInfo& fk : t.foreignKeys) {
            QString actions;
            if (fk.onUpdate != QLatin1String("NO ACTION") && !fk.onUpdate.isEmpty())
                actions += QStringLiteral(" ON UPDATE ") + fk.onUpdate;
            if (fk.onDelete != QLatin1String("NO ACTION") && !fk.onDelete.isEmpty())
                actions += QStringLiteral(" ON DELETE ") + fk.onDelete;
            out += QStringLiteral("    %1FOREIGN KEY (%2) REFERENCES %3.%4(%5)%6\n")
                       .arg(fk.name.isEmpty() ? QString() : quoted(fk.name) + QLatin1Char(' '),
                            fk.columns.join(QStringLiteral(", ")), fk.referredSchema, fk.referredTable,
                            fk.referredColumns.join(QStringLiteral(", ")), actions);
        }
    }
    return out;
}


} // namespace retort::cli
