#include "core/exec/SchemaChange.h"

namespace retort {

namespace {

QStringList strings(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list << item.toString();
    return list;
}

// modify_nullable carries booleans, the other modify_* kinds text or null.
QString scalarText(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

} // namespace

QString SchemaChange::qualifiedTable() const
{
    return schema.isEmpty() ? table : schema + QLatin1Char('.') + table;
}

SchemaChange SchemaChange::fromJson(const QJsonObject& object)
{
    SchemaChange change;
    change.kind = object.value(QStringLiteral("item")).toString();
    if (change.kind.isEmpty())
        change.kind = object.value(QStringLiteral("kind")).toString();
    change.schema = object.value(QStringLiteral("schema")).toString();
    change.table = object.value(QStringLiteral("table")).toString();
    change.name = object.value(QStringLiteral("name")).toString();
    change.type = object.value(QStringLiteral("type")).toString();
    change.nullable = object.value(QStringLiteral("nullable")).toBool(true);
    change.primaryKey = object.value(QStringLiteral("primary_key")).toBool();
    change.defaultValue = object.value(QStringLiteral("default")).toString();
    change.constraint = object.value(QStringLiteral("constraint")).toString();
    change.columns = strings(object.value(QStringLiteral("columns")));
    change.referred = strings(object.value(QStringLiteral("referred")));
    change.unique = object.value(QStringLiteral("unique")).toBool();
    change.from = scalarText(object.value(QStringLiteral("old")));
    change.to = scalarText(object.value(QStringLiteral("new")));
    change.detail = object.value(QStringLiteral("detail")).toString();
    change.items = listFromJson(object.value(QStringLiteral("items")).toArray());
    return change;
}

QVector<SchemaChange> SchemaChange::listFromJson(const QJsonArray& array)
{
    QVector<SchemaChange> changes;
    changes.reserve(array.size());
    for (const QJsonValue& value : array)
        changes << fromJson(value.toObject());
    return changes;
}

QJsonObject SchemaChange::toJson() const
{
    QJsonObject object{{QStringLiteral("kind"), kind}};
    auto put = [&object](const char* key, const QString& value) {
        if (!value.isEmpty())
            object.insert(QLatin1String(key), value);
    };
    put("schema", schema);
    put("table", table);
    put("name", name);
    put("constraint", constraint);
    if (!type.isEmpty()) {
        object.insert(QStringLiteral("type"), type);
        object.insert(QStringLiteral("nullable"), nullable);
        object.insert(QStringLiteral("primary_key"), primaryKey);
    }
    put("default", defaultValue);
    if (!columns.isEmpty())
        object.insert(QStringLiteral("columns"), QJsonArray::fromStringList(columns));
    if (!referred.isEmpty())
        object.insert(QStringLiteral("referred"), QJsonArray::fromStringList(referred));
    if (kind.endsWith(QLatin1String("index")))
        object.insert(QStringLiteral("unique"), unique);
    if (kind.startsWith(QLatin1String("modify_"))) {
        object.insert(QStringLiteral("from"), from);
        object.insert(QStringLiteral("to"), to);
    }
    put("detail", detail);
    if (!items.isEmpty())
        object.insert(QStringLiteral("items"), listToJson(items));
    return object;
}

QJsonArray SchemaChange::listToJson(const QVector<SchemaChange>& changes)
{
    QJsonArray array;
    for (const SchemaChange& change : changes)
        array.append(change.toJson());
    return array;
}

} // namespace retort
