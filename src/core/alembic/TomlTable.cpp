#include "core/alembic/TomlTable.h"

#include <optional>

namespace retort {

namespace {

class TomlReader
{
public:
    TomlReader(const QString& text, const QString& path) : m_s(text), m_path(path) {}

    Result<TomlTable> run(const QString& wanted, bool* found, int* headerLine, QMap<QString, TomlValue>* values);

private:
    QChar peek(qsizetype k = 0) const { return m_i + k < m_s.size() ? m_s[m_i + k] : QChar(); }
    bool atEnd() const { return m_i >= m_s.size(); }
    void skipSpaces()
    {
        while (!atEnd() && (peek() == QLatin1Char(' ') || peek() == QLatin1Char('\t')))
            ++m_i;
    }
    void skipComment()
    {
        if (peek() == QLatin1Char('#'))
            while (!atEnd() && peek() != QLatin1Char('\n'))
                ++m_i;
    }
    // Whitespace, newlines and comments (inside arrays).
    void skipAll()
    {
        while (!atEnd()) {
            skipSpaces();
            skipComment();
            if (peek() == QLatin1Char('\n')) {
                ++m_i;
                ++m_line;
                continue;
            }
            break;
        }
    }
    Error error(const QString& message) const
    {
        Error e;
        e.code = QStringLiteral("config-syntax");
        e.message = message;
        e.path = m_path;
        e.line = m_line;
        e.hint = QStringLiteral("Fix the TOML syntax of this line.");
        return e;
    }
    bool readKey(QString* key);
    bool readValue(TomlValue* v);
    bool readString(QString* out);
    void skipLine()
    {
        while (!atEnd() && peek() != QLatin1Char('\n'))
            ++m_i;
    }

    const QString& m_s;
    QString m_path;
    qsizetype m_i = 0;
    int m_line = 1;
    std::optional<Error> m_error;
};

bool TomlReader::readKey(QString* key)
{
    // bare / quoted keys, dotted: kept as written without spaces around dots
    QString k;
    while (true) {
        skipSpaces();
        if (peek() == QLatin1Char('"') || peek() == QLatin1Char('\'')) {
            QString part;
            if (!readString(&part))
                return false;
            k += part;
        } else {
            const qsizetype start = m_i;
            while (!atEnd() && (peek().isLetterOrNumber() || peek() == QLatin1Char('_') || peek() == QLatin1Char('-')))
                ++m_i;
            if (m_i == start) {
                m_error = error(QStringLiteral("expected a key"));
                return false;
            }
            k += m_s.mid(start, m_i - start);
        }
        skipSpaces();
        if (peek() == QLatin1Char('.')) {
            ++m_i;
            k += QLatin1Char('.');
            continue;
        }
        break;
    }
    *key = k;
    return true;
}

bool TomlReader::readString(QString* out)
{
    const QChar q = peek();
    const bool literal = q == QLatin1Char('\'');
    const bool multi = peek(1) == q && peek(2) == q;
    const int startLine = m_line;
    m_i += multi ? 3 : 1;
    if (multi && peek() == QLatin1Char('\n')) { // a newline right after the opening is trimmed
        ++m_i;
        ++m_line;
    }
    QString s;
    while (true) {
        if (atEnd()) {
            m_line = startLine;
            m_error = error(QStringLiteral("unterminated string"));
            return false;
        }
        const QChar c = peek();
        if (c == q) {
            if (!multi) {
                ++m_i;
                break;
            }
            if (peek(1) == q && peek(2) == q) {
                m_i += 3;
                // up to two extra quotes belong to the content
                while (peek() == q) {
                    if (peek(1) == q && peek(2) == q)
                        break;
                    s += q;
                    ++m_i;
                }
                break;
            }
        }
        if (c == QLatin1Char('\n')) {
            if (!multi) {
                m_error = error(QStringLiteral("newline inside a single-line string"));
                return false;
            }
            ++m_line;
        }
        if (c == QLatin1Char('\\') && !literal) {
            const QChar e = peek(1);
            m_i += 2;
            switch (e.unicode()) {
            case 'b': s += QChar(0x08); break;
            case 't': s += QLatin1Char('\t'); break;
            case 'n': s += QLatin1Char('\n'); break;
            case 'f': s += QChar(0x0C); break;
            case 'r': s += QLatin1Char('\r'); break;
            case 'e': s += QChar(0x1B); break;
            case '"': s += QLatin1Char('"'); break;
            case '\\': s += QLatin1Char('\\'); break;
            case 'u':
            case 'U': {
                const int digits = e == QLatin1Char('u') ? 4 : 8;
                bool ok = false;
                const uint cp = m_s.mid(m_i, digits).toUInt(&ok, 16);
                if (!ok || m_i + digits > m_s.size()) {
                    m_error = error(QStringLiteral("invalid unicode escape"));
                    return false;
                }
                s += QString::fromUcs4(reinterpret_cast<const char32_t*>(&cp), 1);
                m_i += digits;
                break;
            }
            default:
                if (multi && (e == QLatin1Char('\n') || e == QLatin1Char(' ') || e == QLatin1Char('\t'))) {
                    // line-ending backslash: trim whitespace and newlines
                    --m_i;
                    while (!atEnd() && peek().isSpace()) {
                        if (peek() == QLatin1Char('\n'))
                            ++m_line;
                        ++m_i;
                    }
                    break;
                }
                m_error = error(QStringLiteral("invalid escape sequence '\\%1'").arg(e));
                return false;
            }
            continue;
        }
        s += c;
        ++m_i;
    }
    *out = s;
    return true;
}

bool TomlReader::readValue(TomlValue* v)
{
    skipSpaces();
    v->line = m_line;
    const QChar c = peek();
    if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
        v->type = TomlValue::Type::String;
        return readString(&v->text);
    }
    if (c == QLatin1Char('[')) {
        v->type = TomlValue::Type::Array;
        ++m_i;
        while (true) {
            skipAll();
            if (atEnd()) {
                m_error = error(QStringLiteral("unterminated array"));
                return false;
            }
            if (peek() == QLatin1Char(']')) {
                ++m_i;
                return true;
            }
            TomlValue item;
            if (!readValue(&item))
                return false;
            v->items.append(item);
            skipAll();
            if (peek() == QLatin1Char(',')) {
                ++m_i;
                continue;
            }
            if (peek() == QLatin1Char(']')) {
                ++m_i;
                return true;
            }
            m_error = error(QStringLiteral("expected ',' or ']' in array"));
            return false;
        }
    }
    if (c == QLatin1Char('{')) {
        // inline table: skipped (balanced braces, strings respected)
        v->type = TomlValue::Type::Other;
        int depth = 0;
        const qsizetype start = m_i;
        while (!atEnd()) {
            const QChar x = peek();
            if (x == QLatin1Char('"') || x == QLatin1Char('\'')) {
                QString ignored;
                if (!readString(&ignored))
                    return false;
                continue;
            }
            if (x == QLatin1Char('\n'))
                ++m_line;
            ++m_i;
            if (x == QLatin1Char('{'))
                ++depth;
            else if (x == QLatin1Char('}') && --depth == 0)
                break;
        }
        v->text = m_s.mid(start, m_i - start);
        return true;
    }
    // bare value: true/false, number, date
    const qsizetype start = m_i;
    while (!atEnd()) {
        const QChar x = peek();
        if (x == QLatin1Char(',') || x == QLatin1Char(']') || x == QLatin1Char('}') || x == QLatin1Char('\n')
            || x == QLatin1Char('#'))
            break;
        ++m_i;
    }
    const QString t = m_s.mid(start, m_i - start).trimmed();
    if (t.isEmpty()) {
        m_error = error(QStringLiteral("expected a value"));
        return false;
    }
    if (t == QLatin1String("true") || t == QLatin1String("false")) {
        v->type = TomlValue::Type::Bool;
        v->boolean = t == QLatin1String("true");
    } else {
        v->type = TomlValue::Type::Other;
    }
    v->text = t;
    return true;
}

Result<TomlTable> TomlReader::run(const QString& wanted, bool* found, int* headerLine, QMap<QString, TomlValue>* values)
{
    bool inWanted = false;
    while (!atEnd()) {
        skipSpaces();
        skipComment();
        if (atEnd())
            break;
        if (peek() == QLatin1Char('\n')) {
            ++m_i;
            ++m_line;
            continue;
        }
        if (peek() == QLatin1Char('[')) {
            const bool arrayOfTables = peek(1) == QLatin1Char('[');
            m_i += arrayOfTables ? 2 : 1;
            QString name;
            if (!readKey(&name))
                return *m_error;
            skipSpaces();
            if (peek() != QLatin1Char(']') || (arrayOfTables && peek(1) != QLatin1Char(']')))
                return error(QStringLiteral("expected ']' after the table name"));
            m_i += arrayOfTables ? 2 : 1;
            inWanted = !arrayOfTables && name == wanted;
            if (inWanted) {
                if (*found)
                    return error(QStringLiteral("table [%1] defined twice").arg(wanted));
                *found = true;
                *headerLine = m_line;
            }
            skipSpaces();
            skipComment();
            continue;
        }
        QString key;
        if (!readKey(&key))
            return *m_error;
        skipSpaces();
        if (peek() != QLatin1Char('='))
            return error(QStringLiteral("expected '=' after the key '%1'").arg(key));
        ++m_i;
        TomlValue value;
        if (!readValue(&value))
            return *m_error;
        skipSpaces();
        skipComment();
        if (!atEnd() && peek() != QLatin1Char('\n'))
            return error(QStringLiteral("unexpected text after the value of '%1'").arg(key));
        if (inWanted) {
            if (values->contains(key))
                return error(QStringLiteral("key '%1' defined twice in [%2]").arg(key, wanted));
            values->insert(key, value);
        }
    }
    return TomlTable();
}

} // namespace

Result<TomlTable> TomlTable::read(const QByteArray& content, const QString& path, const QString& table)
{
    QByteArray bytes = content;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QString text = QString::fromUtf8(bytes);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    TomlReader reader(text, path);
    TomlTable result;
    Result<TomlTable> r = reader.run(table, &result.m_found, &result.m_headerLine, &result.m_values);
    if (!r.ok())
        return r.error();
    return result;
}

} // namespace retort
