#pragma once

// Internal to the alembic area: reads one table (e.g. [tool.alembic]) of a TOML file. A subset
// of TOML that is enough for Alembic's settings: basic and literal strings (also multi-line),
// booleans, numbers/dates (kept as text), arrays (nested, multi-line, trailing commas, comments),
// inline tables (skipped), comments. Keys may be bare or quoted; dotted keys are kept as written.

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
