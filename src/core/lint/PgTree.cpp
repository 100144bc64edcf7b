#include "core/lint/PgTree.h"

#include <QJsonArray>

namespace retort::lint::tree {

QJsonObject objectAt(const QJsonObject& node, const char* key)
{
    return node.value(QLatin1String(key)).toObject();
}

QJsonArray arrayAt(const QJsonObject& node, const char* key)
{
    return node.value(QLatin1String(key)).toArray();
}

QString stringAt(const QJsonObject& node, const char* key)
{
    return node.value(QLatin1String(key)).toString();
}

bool flagAt(const QJsonObject& node, const char* key)
{
    return node.value(QLatin1String(key)).toBool();
}

// {"Type": {fields}} -> "Type"
QString nodeType(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    return object.size() == 1 ? object.constBegin().key() : QString();
}

QJsonObject nodeFields(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    return object.size() == 1 ? object.constBegin().value().toObject() : QJsonObject();
}

QJsonObject nodeAs(const QJsonValue& value, const char* type)
{
    return value.toObject().value(QLatin1String(type)).toObject();
}

// [{"String": {"sval": "a"}}, ...] -> ["a", ...]
QStringList stringNodes(const QJsonArray& list)
{
    QStringList out;
    for (const QJsonValue& item : list)
        out << nodeAs(item, "String").value(QLatin1String("sval")).toString();
    return out;
}

TableName rangeVarName(const QJsonObject& rangeVar)
{
    return TableName{stringAt(rangeVar, "schemaname"), stringAt(rangeVar, "relname")};
}

TableName qualified(const QStringList& names)
{
    if (names.size() >= 2)
        return TableName{names.at(names.size() - 2), names.last()};
    return TableName{QString(), names.value(0)};
}

// Calls `visit(type, fields)` for every node below `value` (node keys are PascalCase, field keys
// are not).
void walk(const QJsonValue& value, const std::function<void(const QString&, const QJsonObject&)>& visit)
{
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            walk(item, visit);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString& key = it.key();
        if (!key.isEmpty() && key.at(0).isUpper() && it.value().isObject())
            visit(key, it.value().toObject());
        walk(it.value(), visit);
    }
}

// Every RangeVar below `value`: wrapped ({"RangeVar": {...}}) where the grammar allows any node,
// bare ({"relname": ...}) in fields typed RangeVar (relation, pktable, ...).
void forEachRangeVar(const QJsonValue& value, const std::function<void(const QJsonObject&)>& visit)
{
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            forEachRangeVar(item, visit);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    if (object.contains(QLatin1String("relname"))) {
        visit(object);
        return;
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        forEachRangeVar(it.value(), visit);
}

// A_Const as an integer (libpg_query leaves out zero values: {"ival": {}} is 0).
std::optional<qint64> constInteger(const QJsonObject& aConst)
{
    if (aConst.contains(QLatin1String("ival")))
        return qint64(objectAt(aConst, "ival").value(QLatin1String("ival")).toDouble(0));
    return std::nullopt;
}

std::optional<QString> constString(const QJsonObject& aConst)
{
    if (aConst.contains(QLatin1String("sval")))
        return objectAt(aConst, "sval").value(QLatin1String("sval")).toString();
    return std::nullopt;
}

QString functionName(const QJsonObject& funcCall)
{
    const QStringList names = stringNodes(arrayAt(funcCall, "funcname"));
    return names.isEmpty() ? QString() : names.last().toLower();
}

// CHECK (column IS NOT NULL): the column, or "".
QString notNullCheckColumn(const QJsonObject& constraint)
{
    const QJsonObject test = nodeAs(constraint.value(QLatin1String("raw_expr")), "NullTest");
    if (stringAt(test, "nulltesttype") != QLatin1String("IS_NOT_NULL"))
        return {};
    const QStringList fields = stringNodes(arrayAt(nodeAs(test.value(QLatin1String("arg")), "ColumnRef"), "fields"));
    return fields.size() == 1 ? fields.first() : QString();
}

} // namespace retort::lint::tree
