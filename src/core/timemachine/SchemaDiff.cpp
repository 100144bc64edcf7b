#include "core/timemachine/SchemaDiff.h"

#include <QHash>

#include <algorithm>

namespace retort {

QString changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added: return QStringLiteral("added");
    case ChangeKind::Removed: return QStringLiteral("removed");
    case ChangeKind::Changed: return QStringLiteral("changed");
    }
    return {};
}

QString MemberChange::typeName(Type type)
{
    switch (type) {
    case Type::Column: return QStringLiteral("column");
    case Type::PrimaryKey: return QStringLiteral("primary_key");
    case Type::Index: return QStringLiteral("index");
    case Type::ForeignKey: return QStringLiteral("foreign_key");
    case Type::Unique: return QStringLiteral("unique_constraint");
    case Type::Check: return QStringLiteral("check_constraint");
    }
    return {};
}

QString TableChange::kindOfObject() const
{
    return tableKindName(kind == ChangeKind::Removed ? before.kind : after.kind);
}

QString describeColumn(const ColumnInfo& column)
{
    QString text = column.type;
    if (!column.nullable)
        text += QStringLiteral(" NOT NULL");
    if (!column.defaultValue.isEmpty())
        text += QStringLiteral(" DEFAULT ") + column.defaultValue;
    return text;
}

QString describeIndex(const IndexInfo& index)
{
    QString text = index.unique ? QStringLiteral("UNIQUE ") : QString();
    if (!index.method.isEmpty() && index.method != QLatin1String("btree"))
        text += index.method.toUpper() + QLatin1Char(' ');
    text += QStringLiteral("(%1)").arg(index.columns.join(QStringLiteral(", ")));
    if (!index.predicate.isEmpty())
        text += QStringLiteral(" WHERE ") + index.predicate;
    return text;
}

QString describeForeignKey(const ForeignKeyInfo& key)
{
    QString text = QStringLiteral("(%1) REFERENCES %2.%3 (%4)")
                       .arg(key.columns.join(QStringLiteral(", ")), key.referredSchema, key.referredTable,
                            key.referredColumns.join(QStringLiteral(", ")));
    if (!key.onUpdate.isEmpty() && key.onUpdate != QLatin1String("NO ACTION"))
        text += QStringLiteral(" ON UPDATE ") + key.onUpdate;
    if (!key.onDelete.isEmpty() && key.onDelete != QLatin1String("NO ACTION"))
        text += QStringLiteral(" ON DELETE ") + key.onDelete;
    return text;
}

namespace {

// A table member reduced to what is compared: a key to match it by, a one-line description and
// the fields whose differences are reported.
struct Member
{
    QString key;
    QString name;
    QString line;
    QVector<QPair<QString, QString>> fields;
    int position = 0; // in the table's vector of its type
};

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString shown(const QString& value)
{
    return value.isEmpty() ? QStringLiteral("none") : value;
}

QString columnsText(const QStringList& columns)
{
    return QStringLiteral("(%1)").arg(columns.join(QStringLiteral(", ")));
}

QVector<Member> columnMembers(const TableInfo& table)
{
    QVector<Member> out;
    for (const ColumnInfo& c : table.columns) {
        out.append({c.name, c.name, describeColumn(c),
                    {{QStringLiteral("type"), c.type},
                     {QStringLiteral("nullable"), yesNo(c.nullable)},
                     {QStringLiteral("default"), shown(c.defaultValue)},
                     {QStringLiteral("comment"), shown(c.comment)}}});
    }
    return out;
}

QVector<Member> primaryKeyMembers(const TableInfo& table)
{
    if (table.primaryKey.columns.isEmpty())
        return {};
    // One primary key per table: matched whatever its name, which is compared as a field.
    return {{QStringLiteral("primary key"), table.primaryKey.name.isEmpty() ? QStringLiteral("primary key") : table.primaryKey.name,
             QStringLiteral("PRIMARY KEY ") + columnsText(table.primaryKey.columns),
             {{QStringLiteral("columns"), table.primaryKey.columns.join(QStringLiteral(", "))},
              {QStringLiteral("name"), shown(table.primaryKey.name)}}}};
}

QVector<Member> indexMembers(const TableInfo& table)
{
    QVector<Member> out;
    for (const IndexInfo& i : table.indexes) {
        out.append({i.name, i.name, describeIndex(i),
                    {{QStringLiteral("columns"), i.columns.join(QStringLiteral(", "))},
                     {QStringLiteral("unique"), yesNo(i.unique)},
                     {QStringLiteral("method"), shown(i.method)},
                     {QStringLiteral("predicate"), shown(i.predicate)},
                     {QStringLiteral("backs a constraint"), yesNo(i.constraint)}}});
    }
    return out;
}

QVector<Member> foreignKeyMembers(const TableInfo& table)
{
    QVector<Member> out;
    for (const ForeignKeyInfo& fk : table.foreignKeys) {
        const QString line = describeForeignKey(fk);
        const QString key = fk.name.isEmpty() ? line : fk.name;
        out.append({key, fk.name.isEmpty() ? line : fk.name, line,
                    {{QStringLiteral("columns"), fk.columns.join(QStringLiteral(", "))},
                     {QStringLiteral("references"), QStringLiteral("%1.%2 %3").arg(fk.referredSchema, fk.referredTable,
                                                                                 columnsText(fk.referredColumns))},
                     {QStringLiteral("on update"), shown(fk.onUpdate)},
                     {QStringLiteral("on delete"), shown(fk.onDelete)}}});
    }
    return out;
}

QVector<Member> uniqueMembers(const TableInfo& table)
{
    QVector<Member> out;
    for (const KeyConstraint& u : table.uniqueConstraints) {
        const QString line = QStringLiteral("UNIQUE ") + columnsText(u.columns);
        out.append({u.name.isEmpty() ? line : u.name, u.name.isEmpty() ? line : u.name, line,
                    {{QStringLiteral("columns"), u.columns.join(QStringLiteral(", "))}}});
    }
    return out;
}

QVector<Member> checkMembers(const TableInfo& table)
{
    QVector<Member> out;
    for (const CheckConstraintInfo& c : table.checkConstraints)
        out.append({c.name.isEmpty() ? c.expression : c.name, c.name.isEmpty() ? c.expression : c.name, c.expression,
                    {{QStringLiteral("expression"), c.expression}}});
    return out;
}

QVector<Member> numbered(QVector<Member> members)
{
    for (int i = 0; i < members.size(); ++i)
        members[i].position = i;
    return members;
}

void compareMembers(MemberChange::Type type, const QVector<Member>& beforeMembers, const QVector<Member>& afterMembers,
                    QVector<MemberChange>& out)
{
    const QVector<Member> before = numbered(beforeMembers);
    const QVector<Member> after = numbered(afterMembers);
    QHash<QString, int> afterByKey;
    for (int i = 0; i < after.size(); ++i)
        afterByKey.insert(after.at(i).key, i);
    QHash<QString, int> beforeByKey;
    for (int i = 0; i < before.size(); ++i)
        beforeByKey.insert(before.at(i).key, i);

    QVector<MemberChange> changes;
    for (const Member& b : before) {
        const auto it = afterByKey.constFind(b.key);
        if (it == afterByKey.constEnd()) {
            changes.append({type, ChangeKind::Removed, b.name, b.line, {}, {}, b.position, -1});
            continue;
        }
        const Member& a = after.at(*it);
        QStringList details;
        for (int f = 0; f < b.fields.size() && f < a.fields.size(); ++f) {
            if (b.fields.at(f).second != a.fields.at(f).second)
                details << QStringLiteral("%1: %2 -> %3").arg(b.fields.at(f).first, b.fields.at(f).second, a.fields.at(f).second);
        }
        if (!details.isEmpty())
            changes.append({type, ChangeKind::Changed, a.name, b.line, a.line, details, b.position, a.position});
    }
    for (const Member& a : after) {
        if (!beforeByKey.contains(a.key))
            changes.append({type, ChangeKind::Added, a.name, {}, a.line, {}, -1, a.position});
    }
    std::stable_sort(changes.begin(), changes.end(), [](const MemberChange& x, const MemberChange& y) { return x.name < y.name; });
    out += changes;
}

bool ignored(const SchemaSnapshot& snapshot, const TableInfo& table, const SchemaDiffOptions& options)
{
    for (const TableRef& ref : options.ignoredTables) {
        const QString schema = ref.schema.isEmpty() ? snapshot.defaultSchema : ref.schema;
        if (ref.name == table.name && schema == table.schema)
            return true;
    }
    return false;
}

QString tableKey(const QString& schema, const QString& name)
{
    return schema + QChar(0x1f) + name;
}

} // namespace

SchemaDiff SchemaDiff::compare(const SchemaSnapshot& before, const SchemaSnapshot& after, const SchemaDiffOptions& options)
{
    SchemaDiff diff;
    QHash<QString, const TableInfo*> afterTables;
    for (const TableInfo& t : after.tables) {
        if (!ignored(after, t, options))
            afterTables.insert(tableKey(t.schema, t.name), &t);
    }
    QHash<QString, const TableInfo*> beforeTables;
    for (const TableInfo& t : before.tables) {
        if (!ignored(before, t, options))
            beforeTables.insert(tableKey(t.schema, t.name), &t);
    }

    for (const TableInfo& b : before.tables) {
        if (ignored(before, b, options))
            continue;
        const TableInfo* a = afterTables.value(tableKey(b.schema, b.name));
        if (!a) {
            TableChange change;
            change.kind = ChangeKind::Removed;
            change.schema = b.schema;
            change.name = b.name;
            change.before = b;
            diff.tables.append(std::move(change));
            continue;
        }
        TableChange change;
        change.schema = b.schema;
        change.name = b.name;
        if (a->kind != b.kind)
            change.details << QStringLiteral("kind: %1 -> %2").arg(tableKindName(b.kind), tableKindName(a->kind));
        if (a->comment != b.comment)
            change.details << QStringLiteral("comment: %1 -> %2").arg(shown(b.comment), shown(a->comment));
        compareMembers(MemberChange::Type::Column, columnMembers(b), columnMembers(*a), change.members);
        compareMembers(MemberChange::Type::PrimaryKey, primaryKeyMembers(b), primaryKeyMembers(*a), change.members);
        compareMembers(MemberChange::Type::Index, indexMembers(b), indexMembers(*a), change.members);
        compareMembers(MemberChange::Type::ForeignKey, foreignKeyMembers(b), foreignKeyMembers(*a), change.members);
        compareMembers(MemberChange::Type::Unique, uniqueMembers(b), uniqueMembers(*a), change.members);
        compareMembers(MemberChange::Type::Check, checkMembers(b), checkMembers(*a), change.members);
        if (change.details.isEmpty() && change.members.isEmpty())
            continue;
        change.before = b;
        change.after = *a;
        diff.tables.append(std::move(change));
    }
    for (const TableInfo& a : after.tables) {
        if (ignored(after, a, options) || beforeTables.contains(tableKey(a.schema, a.name)))
            continue;
        TableChange change;
        change.kind = ChangeKind::Added;
        change.schema = a.schema;
        change.name = a.name;
        change.after = a;
        diff.tables.append(std::move(change));
    }
    std::stable_sort(diff.tables.begin(), diff.tables.end(), [](const TableChange& x, const TableChange& y) {
        return x.schema != y.schema ? x.schema < y.schema : x.name < y.name;
    });

    QHash<QString, const EnumInfo*> afterEnums;
    for (const EnumInfo& e : after.enums)
        afterEnums.insert(tableKey(e.schema, e.name), &e);
    QHash<QString, const EnumInfo*> beforeEnums;
    for (const EnumInfo& e : before.enums)
        beforeEnums.insert(tableKey(e.schema, e.name), &e);
    for (const EnumInfo& b : before.enums) {
        const EnumInfo* a = afterEnums.value(tableKey(b.schema, b.name));
        if (!a)
            diff.enums.append({ChangeKind::Removed, b.schema, b.name, b.labels, {}});
        else if (a->labels != b.labels)
            diff.enums.append({ChangeKind::Changed, b.schema, b.name, b.labels, a->labels});
    }
    for (const EnumInfo& a : after.enums) {
        if (!beforeEnums.contains(tableKey(a.schema, a.name)))
            diff.enums.append({ChangeKind::Added, a.schema, a.name, {}, a.labels});
    }
    std::stable_sort(diff.enums.begin(), diff.enums.end(), [](const EnumChange& x, const EnumChange& y) {
        return x.schema != y.schema ? x.schema < y.schema : x.name < y.name;
    });
    return diff;
}

int SchemaDiff::count(ChangeKind kind) const
{
    int n = 0;
    for (const TableChange& t : tables) {
        if (t.kind != ChangeKind::Changed) {
            n += t.kind == kind ? 1 : 0;
            continue;
        }
        if (!t.details.isEmpty() && kind == ChangeKind::Changed)
            ++n;
        for (const MemberChange& m : t.members)
            n += m.kind == kind ? 1 : 0;
    }
    for (const EnumChange& e : enums)
        n += e.kind == kind ? 1 : 0;
    return n;
}

int SchemaDiff::objectCount() const
{
    return count(ChangeKind::Added) + count(ChangeKind::Removed) + count(ChangeKind::Changed);
}

QStringList SchemaDiff::objectNames() const
{
    QStringList names;
    for (const TableChange& t : tables) {
        if (t.kind != ChangeKind::Changed || !t.details.isEmpty())
            names << QStringLiteral("%1 (%2, %3)").arg(t.name, t.kindOfObject(), changeKindName(t.kind));
        for (const MemberChange& m : t.members)
            names << QStringLiteral("%1.%2 (%3, %4)")
                         .arg(t.name, m.name, MemberChange::typeName(m.type).replace(QLatin1Char('_'), QLatin1Char(' ')),
                              changeKindName(m.kind));
    }
    for (const EnumChange& e : enums)
        names << QStringLiteral("%1 (enum, %2)").arg(e.name, changeKindName(e.kind));
    return names;
}

namespace {

QChar sign(ChangeKind kind)
{
    return kind == ChangeKind::Added ? QLatin1Char('+') : kind == ChangeKind::Removed ? QLatin1Char('-') : QLatin1Char('~');
}

} // namespace

QString SchemaDiff::toText(const QString& indent) const
{
    QString out;
    for (const TableChange& t : tables) {
        const TableInfo& shownTable = t.kind == ChangeKind::Removed ? t.before : t.after;
        out += QStringLiteral("%1%2 %3 %4.%5").arg(indent, sign(t.kind), t.kindOfObject().replace(QLatin1Char('_'), QLatin1Char(' ')),
                                                  t.schema, t.name);
        if (t.kind != ChangeKind::Changed)
            out += QStringLiteral(" (%1 columns)").arg(shownTable.columns.size());
        out += QLatin1Char('\n');
        for (const QString& d : t.details)
            out += QStringLiteral("%1    ~ %2\n").arg(indent, d);
        if (t.kind != ChangeKind::Changed) {
            for (const ColumnInfo& c : shownTable.columns)
                out += QStringLiteral("%1    %2 column %3 %4\n").arg(indent, sign(t.kind), c.name, describeColumn(c));
            for (const IndexInfo& i : shownTable.indexes) {
                if (!i.constraint)
                    out += QStringLiteral("%1    %2 index %3 %4\n").arg(indent, sign(t.kind), i.name, describeIndex(i));
            }
            for (const ForeignKeyInfo& fk : shownTable.foreignKeys)
                out += QStringLiteral("%1    %2 foreign key %3\n").arg(indent, sign(t.kind), describeForeignKey(fk));
            continue;
        }
        for (const MemberChange& m : t.members) {
            const QString type = MemberChange::typeName(m.type).replace(QLatin1Char('_'), QLatin1Char(' '));
            if (m.kind == ChangeKind::Changed)
                out += QStringLiteral("%1    ~ %2 %3: %4\n").arg(indent, type, m.name, m.details.join(QStringLiteral("; ")));
            else
                out += QStringLiteral("%1    %2 %3 %4 %5\n")
                           .arg(indent, sign(m.kind), type, m.name, m.kind == ChangeKind::Added ? m.after : m.before);
        }
    }
    for (const EnumChange& e : enums) {
        if (e.kind == ChangeKind::Changed)
            out += QStringLiteral("%1~ enum %2.%3: (%4) -> (%5)\n")
                       .arg(indent, e.schema, e.name, e.before.join(QStringLiteral(", ")), e.after.join(QStringLiteral(", ")));
        else
            out += QStringLiteral("%1%2 enum %3.%4 (%5)\n")
                       .arg(indent, sign(e.kind), e.schema, e.name,
                            (e.kind == ChangeKind::Added ? e.after : e.before).join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace retort
