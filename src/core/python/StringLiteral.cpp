#include "core/python/StringLiteral.h"

#include <QByteArray>

#include <cstring>
#include <optional>

namespace retort::py {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    const char l = char(c | 0x20);
    if (l >= 'a' && l <= 'f')
        return l - 'a' + 10;
    return -1;
}

void appendCodePoint(QString& out, char32_t cp)
{
    if (cp < 0x10000) {
        out.append(QChar(char16_t(cp)));
    } else {
        const char32_t v = cp - 0x10000;
        out.append(QChar(char16_t(0xD800 + (v >> 10))));
        out.append(QChar(char16_t(0xDC00 + (v & 0x3FF))));
    }
}

// Appends raw source bytes [p, e) with universal newlines (\r\n and \r become \n).
void appendRaw(QString& out, const char* p, const char* e)
{
    const char* runStart = p;
    while (p < e) {
        if (*p == '\r') {
            out.append(QString::fromUtf8(runStart, p - runStart));
            out.append(QLatin1Char('\n'));
            if (p + 1 < e && p[1] == '\n')
                ++p;
            ++p;
            runStart = p;
            continue;
        }
        ++p;
    }
    if (p > runStart)
        out.append(QString::fromUtf8(runStart, p - runStart));
}

// The escapes and universal newlines of the bytes [p, e) of a string of kind `flags`.
std::optional<QString> decodeContent(const char* p, const char* e, std::uint8_t flags, QString* error, bool* unsupported,
                                     bool keepNamedEscapes)
{
    const bool plain = !std::memchr(p, '\\', size_t(e - p)) && !std::memchr(p, '\r', size_t(e - p));
    if (plain || ((flags & Token::Raw) && !std::memchr(p, '\r', size_t(e - p))))
        return QString::fromUtf8(p, e - p); // nothing to evaluate (the common case)
    QString out;
    out.reserve(int(e - p));
    if (flags & Token::Raw) {
        appendRaw(out, p, e);
        return out;
    }
    const bool isBytes = flags & Token::Bytes;
    const char* runStart = p;
    while (p < e) {
        const char c = *p;
        if (c != '\\' && c != '\r') {
            ++p;
            continue;
        }
        appendRaw(out, runStart, p);
        if (c == '\r') {
            out.append(QLatin1Char('\n'));
            if (p + 1 < e && p[1] == '\n')
                ++p;
            ++p;
            runStart = p;
            continue;
        }
        // backslash escape
        const char* escStart = p;
        ++p;
        if (p >= e) { // cannot happen for a well-formed token, kept for safety
            out.append(QLatin1Char('\\'));
            runStart = p;
            break;
        }
        const char x = *p++;
        switch (x) {
        case '\n': break; // line continuation inside the string
        case '\r':
            if (p < e && *p == '\n')
                ++p;
            break;
        case '\\': out.append(QLatin1Char('\\')); break;
        case '\'': out.append(QLatin1Char('\'')); break;
        case '"': out.append(QLatin1Char('"')); break;
        case 'a': out.append(QChar(0x07)); break;
        case 'b': out.append(QChar(0x08)); break;
        case 'f': out.append(QChar(0x0C)); break;
        case 'n': out.append(QLatin1Char('\n')); break;
        case 'r': out.append(QLatin1Char('\r')); break;
        case 't': out.append(QLatin1Char('\t')); break;
        case 'v': out.append(QChar(0x0B)); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            int v = x - '0';
            for (int i = 0; i < 2 && p < e && *p >= '0' && *p <= '7'; ++i)
                v = v * 8 + (*p++ - '0');
            appendCodePoint(out, char32_t(v));
            break;
        }
        case 'x': {
            int v = 0;
            for (int i = 0; i < 2; ++i) {
                const int h = p < e ? hexValue(*p) : -1;
                if (h < 0) {
                    *error = QStringLiteral("(%1) truncated \\xXX escape")
                                 .arg(isBytes ? QStringLiteral("value error") : QStringLiteral("unicode error"));
                    return std::nullopt;
                }
                v = v * 16 + h;
                ++p;
            }
            appendCodePoint(out, char32_t(v));
            break;
        }
        case 'u':
        case 'U': {
            if (isBytes) {
                out.append(QLatin1Char('\\'));
                out.append(QLatin1Char(x));
                break;
            }
            const int digits = x == 'u' ? 4 : 8;
            char32_t v = 0;
            for (int i = 0; i < digits; ++i) {
                const int h = p < e ? hexValue(*p) : -1;
                if (h < 0) {
                    *error = QStringLiteral("(unicode error) truncated \\%1 escape")
                                 .arg(x == 'u' ? QStringLiteral("uXXXX") : QStringLiteral("UXXXXXXXX"));
                    return std::nullopt;
                }
                v = v * 16 + char32_t(h);
                ++p;
            }
            if (v > 0x10FFFF) {
                *error = QStringLiteral("(unicode error) illegal Unicode character");
                return std::nullopt;
            }
            appendCodePoint(out, v);
            break;
        }
        case 'N':
            if (!isBytes) {
                if (p >= e || *p != '{' || !std::memchr(p, '}', size_t(e - p))) {
                    *error = QStringLiteral("(unicode error) malformed \\N character escape");
                    return std::nullopt;
                }
                *unsupported = true; // needs the Unicode name table
                if (!keepNamedEscapes)
                    return std::nullopt;
                const char* close = static_cast<const char*>(std::memchr(p, '}', size_t(e - p)));
                p = close + 1;
                appendRaw(out, escStart, p);
                break;
            }
            [[fallthrough]];
        default:
            // Unknown escape: Python keeps the backslash (with a DeprecationWarning).
            appendRaw(out, escStart, p);
            break;
        }
        runStart = p;
    }
    appendRaw(out, runStart, p);
    return out;
}

// An f-string's literal text with doubled braces collapsed, or nullopt when it has a replacement
// field (a single brace) or a named escape whose braces Python reads as part of the escape.
std::optional<QByteArray> fieldlessText(const char* p, const char* e, bool raw)
{
    QByteArray text;
    text.reserve(int(e - p));
    while (p < e) {
        const char c = *p;
        if (c == '{' || c == '}') {
            if (p + 1 >= e || p[1] != c)
                return std::nullopt;
            text.append(c);
            p += 2;
            continue;
        }
        if (c == '\\' && !raw && p + 1 < e) {
            if (p[1] == 'N')
                return std::nullopt;
            if (p[1] == '\\') { // an escaped backslash; a backslash before a brace is just a backslash
                text.append(p, 2);
                p += 2;
                continue;
            }
        }
        text.append(c);
        ++p;
    }
    return text;
}

} // namespace

DecodeStatus decodeString(const char* data, const Token& token, QString* out, QString* error, bool keepNamedEscapes)
{
    const char* p = data + token.contentStart;
    const char* e = data + token.contentEnd;
    bool unsupported = false;
    std::optional<QString> value;
    if (token.stringFlags & Token::Format) {
        const std::optional<QByteArray> text = fieldlessText(p, e, token.stringFlags & Token::Raw);
        if (!text)
            return DecodeStatus::NotLiteral;
        value = decodeContent(text->constData(), text->constData() + text->size(), token.stringFlags, error, &unsupported,
                              false);
    } else {
        value = decodeContent(p, e, token.stringFlags, error, &unsupported, keepNamedEscapes);
    }
    if (!value)
        return unsupported && error->isEmpty() ? DecodeStatus::NotLiteral : DecodeStatus::Invalid;
    *out = std::move(*value);
    return DecodeStatus::Ok;
}

} // namespace retort::py
