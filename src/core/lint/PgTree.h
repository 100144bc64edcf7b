#pragma once

// Reading libpg_query's JSON parse trees. A node is {"Type": {fields}} where the grammar allows any
// node, and bare {fields} in fields of one fixed type (a RangeVar in `relation`, a TypeName in
// `typeName`); libpg_query leaves out fields that are zero, false or empty.

#include "core/lint/LintReport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace retort::lint::tree {

[[nodiscard]] QJsonObject objectAt(const QJsonObject& node, const char* key);
[[nodiscard]] QJsonArray arrayAt(const QJsonObject& node, const char* key);
[[nodiscard]] QString stringAt(const QJsonObject& node, const char* key);
[[nodiscard]] bool flagAt(const QJsonObject& node, const char* key);

// {"Type": {fields}} -> "Type" / {fields}; `nodeAs(value, "Type")` -> {fields} ({} for another type).
[[nodiscard]] QString nodeType(const QJsonValue& value);
[[nodiscard]] QJsonObject nodeFields(const QJsonValue& value);
[[nodiscard]] QJsonObject nodeAs(const QJsonValue& value, const char* type);

// [{"String": {"sval": "a"}}, ...] -> ["a", ...]
[[nodiscard]] QStringList stringNodes(const QJsonArray& list);
[[nodiscard]] TableName rangeVarName(const QJsonObject& rangeVar);
// ["schema", "name"] or ["name"] (a catalog in front is ignored).
[[nodiscard]] TableName qualified(const QStringList& names);

// Calls `visit(type, fields)` for every wrapped node below `value`.
void walk(const QJsonValue& value, const std::function<void(const QString&, const QJsonObject&)>& visit);
// Every RangeVar below `value`, wrapped or bare.
void forEachRangeVar(const QJsonValue& value, const std::function<void(const QJsonObject&)>& visit);

// An A_Const's value when it is an integer / a string.
[[nodiscard]] std::optional<qint64> constInteger(const QJsonObject& aConst);
[[nodiscard]] std::optional<QString> constString(const QJsonObject& aConst);

// A FuncCall's function name, lower case, without its schema.
[[nodiscard]] QString functionName(const QJsonObject& funcCall);
// The column of a CHECK (column IS NOT NULL) Constraint node, or "".
[[nodiscard]] QString notNullCheckColumn(const QJsonObject& constraint);

} // namespace retort::lint::tree
