#include "core/alembic/TomlTable.h"

// toml++ (Debian's libtomlplusplus-dev, header-only) reports errors as values here; only this
// file includes it, so the setting cannot differ between translation units.
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <sstream>
#include <string_view>

namespace retort {

namespace {

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

int lineOf(const toml::node& node)
{
    return int(node.source().begin.line);
}

TomlValue convert(const toml::node& node)
{
    TomlValue value;
    value.line = lineOf(node);
    if (const auto* string = node.as_string()) {
        value.type = TomlValue::Type::String;
        value.text = fromUtf8(string->get());
    } else if (const auto* boolean = node.as_boolean()) {
        value.type = TomlValue::Type::Bool;
        value.boolean = boolean->get();
        value.text = value.boolean ? QStringLiteral("true") : QStringLiteral("false");
    } else if (const auto* array = node.as_array()) {
        value.type = TomlValue::Type::Array;
        for (const toml::node& item : *array)
            value.items.append(convert(item));
    } else {
        // Numbers, dates, inline tables: kept as TOML text (Alembic's settings are strings,
        // booleans and arrays of strings).
        std::ostringstream out;
        if (const auto* table = node.as_table())
            out << *table;
        else
            node.visit([&out](const auto& n) { out << n; });
        value.type = TomlValue::Type::Other;
        value.text = QString::fromStdString(out.str());
    }
    return value;
}

// A table's keys, dotted keys (`sqlalchemy.url = ...`, which TOML turns into nested tables)
// flattened back into the name as written; inline tables are values.
void collect(const toml::table& table, const QString& prefix, QMap<QString, TomlValue>* values)
{
    for (const auto& [key, node] : table) {
        const QString name = prefix + fromUtf8(key.str());
        const auto* child = node.as_table();
        if (child && !child->is_inline())
            collect(*child, name + QLatin1Char('.'), values);
        else
            values->insert(name, convert(node));
    }
}

} // namespace

Result<TomlTable> TomlTable::read(const QByteArray& content, const QString& path, const QString& table)
{
    const std::string_view text(content.constData(), size_t(content.size()));
    const QByteArray source = path.toUtf8();
    toml::parse_result parsed = toml::parse(text, std::string_view(source.constData(), size_t(source.size())));
    if (!parsed) {
        const toml::parse_error& failure = parsed.error();
        Error e;
        e.code = QStringLiteral("config-syntax");
        e.message = fromUtf8(failure.description());
        e.path = path;
        e.line = int(failure.source().begin.line);
        e.hint = QStringLiteral("Fix the TOML syntax of this line.");
        return e;
    }

    TomlTable result;
    const toml::table& root = parsed.table();
    const toml::node* node = &root;
    for (const QString& part : table.split(QLatin1Char('.'))) {
        const toml::table* current = node->as_table();
        const QByteArray key = part.toUtf8();
        node = current ? current->get(std::string_view(key.constData(), size_t(key.size()))) : nullptr;
        if (!node)
            return result; // not there: found() is false
    }
    const toml::table* wanted = node->as_table();
    if (!wanted)
        return result; // `tool.alembic = 1`, or an array of tables: not a table header
    result.m_found = true;
    result.m_headerLine = lineOf(*wanted);
    collect(*wanted, QString(), &result.m_values);
    return result;
}

} // namespace retort
