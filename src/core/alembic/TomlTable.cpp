#include "core/alembic/TomlTable.h"

// toml++ (Debian's libtomlplusplus-dev, header-only) reports errors as values here; only this
// file includes it, so the setting cannot differ between translation units.
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <string_view>

namespace retort {

namespace {

// toml++ 3.3.0 (Debian 12) reaches __builtin_unreachable() in
// impl::is_non_ascii_horizontal_whitespace() for the code points U+00A1..U+0499,
// U+2C5E..U+3057 and U+FB26..U+FEFE (its bit mask misses three blocks: undefined behaviour,
// found by fuzz_ProjectConfig under UBSan), and it asks that
// question of every character of a key and of the character after a value. None of those code
// points is whitespace or means anything to TOML outside strings and comments, so toml++ gets
// them moved into Supplementary Private Use Area-A (U+F0000 + c, for which the function answers
// at once), and every key, string and message it gives back has them moved home again.
constexpr char32_t kShift = 0xF0000;

bool needsShift(char32_t c)
{
    return (c >= 0xA1 && c <= 0x499) || (c >= 0x2C5E && c <= 0x3057 && c != 0x3000) || (c >= 0xFB26 && c <= 0xFEFE);
}

bool isShifted(char32_t c)
{
    return c >= kShift && needsShift(c - kShift);
}

// The input with the code points above shifted; false when it already holds shifted ones.
bool shiftForToml(const QByteArray& in, QByteArray* out)
{
    out->reserve(in.size() + in.size() / 8);
    const auto* p = reinterpret_cast<const unsigned char*>(in.constData());
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        int len = 0;
        char32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            len = 2;
            cp = char32_t(c & 0x1F) << 6 | (p[i + 1] & 0x3F);
        } else if (c >= 0xE0 && c <= 0xEF && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            len = 3;
            cp = char32_t(c & 0x0F) << 12 | char32_t(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
        } else if (c >= 0xF0 && c <= 0xF4 && i + 3 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80
                   && (p[i + 3] & 0xC0) == 0x80) {
            len = 4;
            cp = char32_t(c & 0x07) << 18 | char32_t(p[i + 1] & 0x3F) << 12 | char32_t(p[i + 2] & 0x3F) << 6 | (p[i + 3] & 0x3F);
        }
        if (len == 0) { // ASCII, or bytes that are not UTF-8: toml++ judges them
            out->append(char(c));
            ++i;
            continue;
        }
        if (isShifted(cp))
            return false;
        if (needsShift(cp)) {
            const char32_t s = cp + kShift;
            out->append(char(0xF0 | (s >> 18)));
            out->append(char(0x80 | ((s >> 12) & 0x3F)));
            out->append(char(0x80 | ((s >> 6) & 0x3F)));
            out->append(char(0x80 | (s & 0x3F)));
        } else {
            out->append(reinterpret_cast<const char*>(p + i), len);
        }
        i += len;
    }
    return true;
}

QString fromUtf8(std::string_view text)
{
    const QString decoded = QString::fromUtf8(text.data(), qsizetype(text.size()));
    if (std::none_of(decoded.cbegin(), decoded.cend(), [](QChar c) { return c.isHighSurrogate(); }))
        return decoded;
    QList<uint> ucs4 = decoded.toUcs4();
    for (uint& c : ucs4) {
        if (isShifted(char32_t(c)))
            c -= kShift;
    }
    return QString::fromUcs4(reinterpret_cast<const char32_t*>(ucs4.constData()), ucs4.size());
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
        value.text = fromUtf8(out.str());
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
    QByteArray shifted;
    if (!shiftForToml(content, &shifted)) {
        Error e;
        e.code = QStringLiteral("config-syntax");
        e.message = QStringLiteral("the file holds private-use characters of plane 15 that Retort cannot read");
        e.path = path;
        e.hint = QStringLiteral("Remove them, or write them as \\U escapes.");
        return e;
    }
    const std::string_view text(shifted.constData(), size_t(shifted.size()));
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
