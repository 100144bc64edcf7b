#pragma once

// Internal to the alembic area: reads one table (e.g. [tool.alembic]) of a TOML file with toml++
// (TOML 1.0, the whole language; errors name the line). Strings, booleans and arrays are typed
// values; numbers, dates and inline tables are kept as TOML text (Type::Other). Keys may be bare
// or quoted; dotted keys (`sqlalchemy.url = ...`) are kept as one name as written.

#include "core/common/Error.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace retort {

struct TomlValue
{
    enum class Type { String, Bool, Other, Array };
    Type type = Type::Other;
    QString text;              // String: the value; Other: the source text
    bool boolean = false;
    QList<TomlValue> items;    // Array
    int line = 0;
};

class TomlTable
{
public:
    // Reads `table` (e.g. "tool.alembic"). `found` tells whether the header exists.
    static Result<TomlTable> read(const QByteArray& content, const QString& path, const QString& table);

    [[nodiscard]] bool found() const { return m_found; }
    [[nodiscard]] bool has(const QString& key) const { return m_values.contains(key); }
    [[nodiscard]] TomlValue get(const QString& key) const { return m_values.value(key); }
    [[nodiscard]] int headerLine() const { return m_headerLine; }

private:
    bool m_found = false;
    int m_headerLine = 0;
    QMap<QString, TomlValue> m_values;
};

} // namespace retort
