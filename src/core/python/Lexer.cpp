#include "core/python/Lexer.h"

#include "core/python/SourceText.h"

#include <cstring>

namespace retort::py {

namespace {

enum CharClass : std::uint8_t {
    C_Other = 0,
    C_Space,
    C_Newline,
    C_Hash,
    C_Backslash,
    C_Quote,
    C_IdStart,
    C_Digit,
    C_Open,
    C_Close,
    C_Dot,
    C_Op,
};

constexpr bool isOpChar(int c)
{
    for (const char* p = "+-*/%&|^~<>=!:;,@"; *p; ++p)
        if (*p == c)
            return true;
    return false;
}

struct CharTable
{
    std::uint8_t cls[256];
    constexpr CharTable() : cls{}
    {
        for (int c = 0; c < 256; ++c) {
            std::uint8_t k = C_Other;
            if (c == ' ' || c == '\t' || c == '\f')
                k = C_Space;
            else if (c == '\n' || c == '\r')
                k = C_Newline;
            else if (c == '#')
                k = C_Hash;
            else if (c == '\\')
                k = C_Backslash;
            else if (c == '\'' || c == '"')
                k = C_Quote;
            else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80)
                k = C_IdStart;
            else if (c >= '0' && c <= '9')
                k = C_Digit;
            else if (c == '(' || c == '[' || c == '{')
                k = C_Open;
            else if (c == ')' || c == ']' || c == '}')
                k = C_Close;
            else if (c == '.')
                k = C_Dot;
            else if (isOpChar(c))
                k = C_Op;
            cls[c] = k;
        }
    }
};

constexpr CharTable kTable;

inline std::uint8_t cls(char c) { return kTable.cls[static_cast<unsigned char>(c)]; }

inline bool isIdChar(char c)
{
    const auto k = cls(c);
    return k == C_IdStart || k == C_Digit;
}

// A string prefix (case-insensitive): r, u, b, f, br, rb, fr, rf. Returns flags or -1.
int prefixFlags(const char* p, int length)
{
    if (length < 1 || length > 2)
        return -1;
    int flags = 0;
    for (int i = 0; i < length; ++i) {
        const char c = static_cast<char>(p[i] | 0x20);
        int f = 0;
        switch (c) {
        case 'r': f = Token::Raw; break;
        case 'b': f = Token::Bytes; break;
        case 'f': f = Token::Format; break;
        case 'u': f = Token::Unicode; break;
        default: return -1;
        }
        if (flags & f)
            return -1;
        flags |= f;
    }
    if ((flags & Token::Unicode) && length != 1)
        return -1;
    if ((flags & Token::Bytes) && (flags & Token::Format))
        return -1;
    return flags;
}

char closingFor(char open)
{
    return open == '(' ? ')' : open == '[' ? ']' : '}';
}

} // namespace

Lexer::Lexer(const char* data, qsizetype size) : m_data(data), m_size(size) {}

bool Lexer::textIs(const Token& t, const char* ascii) const
{
    const auto length = static_cast<int>(std::strlen(ascii));
    return t.end - t.start == length && std::memcmp(m_data + t.start, ascii, size_t(length)) == 0;
}

void Lexer::fail(const QString& message, int line, bool encoding)
{
    if (!m_error)
        m_error = SyntaxError{message, line, encoding};
}

bool Lexer::skipUtf8(int line)
{
    const int length = utf8SequenceLength(m_data + m_pos, m_size - m_pos);
    if (length == 0) {
        fail(QStringLiteral("(unicode error) 'utf-8' codec can't decode byte 0x%1: the file is not valid UTF-8")
                 .arg(uint(static_cast<unsigned char>(m_data[m_pos])), 2, 16, QLatin1Char('0')),
             line, true);
        return false;
    }
    m_pos += length;
    return true;
}

bool Lexer::atNewline(qsizetype pos, int* length) const
{
    if (pos >= m_size)
        return false;
    if (m_data[pos] == '\n') {
        *length = 1;
        return true;
    }
    if (m_data[pos] == '\r') {
        *length = (pos + 1 < m_size && m_data[pos + 1] == '\n') ? 2 : 1;
        return true;
    }
    return false;
}

bool Lexer::checkEscape(std::uint8_t flags, int stringLine)
{
    // m_pos is at a backslash inside a non-raw string: the escapes Python rejects at compile time.
    const char x = m_data[m_pos + 1];
    const bool isBytes = flags & Token::Bytes;
    int digits = 0;
    if (x == 'x')
        digits = 2;
    else if (!isBytes && x == 'u')
        digits = 4;
    else if (!isBytes && x == 'U')
        digits = 8;
    else if (!isBytes && x == 'N') {
        qsizetype k = m_pos + 2;
        bool ok = k < m_size && m_data[k] == '{';
        if (ok) {
            ++k;
            while (k < m_size && m_data[k] != '}' && m_data[k] != m_data[m_pos] && m_data[k] != '\n')
                ++k;
            ok = k < m_size && m_data[k] == '}' && k > m_pos + 3;
        }
        if (!ok)
            fail(QStringLiteral("(unicode error) malformed \\N character escape"), stringLine);
        return ok;
    }
    if (digits == 0)
        return true;
    std::uint32_t value = 0;
    for (int i = 0; i < digits; ++i) {
        const qsizetype k = m_pos + 2 + i;
        const char h = k < m_size ? m_data[k] : 0;
        int v = -1;
        if (h >= '0' && h <= '9')
            v = h - '0';
        else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
            v = (h | 0x20) - 'a' + 10;
        if (v < 0) {
            fail(x == 'x' ? QStringLiteral("(%1) truncated \\xXX escape")
                                .arg(isBytes ? QStringLiteral("value error") : QStringLiteral("unicode error"))
                          : QStringLiteral("(unicode error) truncated \\%1 escape")
                                .arg(x == 'u' ? QStringLiteral("uXXXX") : QStringLiteral("UXXXXXXXX")),
                 stringLine);
            return false;
        }
        value = value * 16 + std::uint32_t(v);
    }
    if (value > 0x10FFFF) {
        fail(QStringLiteral("(unicode error) illegal Unicode character"), stringLine);
        return false;
    }
    return true;
}

bool Lexer::scanString(int prefixStart, std::uint8_t flags, Token* token)
{
    const char q = m_data[m_pos];
    const int startLine = m_line;
    int quoteLength = 1;
    if (m_pos + 2 < m_size && m_data[m_pos + 1] == q && m_data[m_pos + 2] == q)
        quoteLength = 3;
    m_pos += quoteLength;
    const qsizetype contentStart = m_pos;
    const char* d = m_data;
    const qsizetype n = m_size;
    while (true) {
        // fast skip of ordinary bytes
        while (m_pos < n) {
            const char c = d[m_pos];
            if (c == q || c == '\\' || c == '\n' || c == '\r')
                break;
            if (static_cast<unsigned char>(c) >= 0x80) {
                if (flags & Token::Bytes) {
                    fail(QStringLiteral("bytes can only contain ASCII literal characters"), m_line);
                    return false;
                }
                if (!skipUtf8(startLine))
                    return false;
                continue;
            }
            ++m_pos;
        }
        if (m_pos >= n) {
            if (quoteLength == 3)
                fail(QStringLiteral("unterminated triple-quoted string literal (detected at line %1)").arg(m_line),
                     startLine);
            else
                fail(QStringLiteral("unterminated string literal (detected at line %1)").arg(m_line), startLine);
            return false;
        }
        const char c = d[m_pos];
        if (c == '\\') {
            int nl = 0;
            if (atNewline(m_pos + 1, &nl)) {
                m_pos += 1 + nl;
                ++m_line;
                continue;
            }
            if (!(flags & Token::Raw) && m_pos + 1 < n && !checkEscape(flags, startLine))
                return false;
            m_pos += (m_pos + 1 < n) ? 2 : 1;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (quoteLength == 1) {
                fail(QStringLiteral("unterminated string literal (detected at line %1)").arg(m_line), startLine);
                return false;
            }
            int nl = 0;
            atNewline(m_pos, &nl);
            m_pos += nl;
            ++m_line;
            continue;
        }
        // the quote character
        if (quoteLength == 1) {
            if (token) {
                token->contentStart = int(contentStart);
                token->contentEnd = int(m_pos);
            }
            ++m_pos;
            break;
        }
        if (m_pos + 2 < n && d[m_pos + 1] == q && d[m_pos + 2] == q) {
            if (token) {
                token->contentStart = int(contentStart);
                token->contentEnd = int(m_pos);
            }
            m_pos += 3;
            break;
        }
        ++m_pos;
    }
    if (token) {
        token->kind = Token::Kind::String;
        token->stringFlags = flags;
        token->quoteLength = std::uint8_t(quoteLength);
        token->start = prefixStart;
        token->end = int(m_pos);
        token->line = startLine;
    }
    return true;
}

bool Lexer::next(LogicalLine& out)
{
    if (m_error)
        return false;
    const char* d = m_data;
    const qsizetype n = m_size;

    // Skip blank and comment-only lines; measure the indentation of the first real one.
    int indent = 0;
    while (true) {
        indent = 0;
        while (m_pos < n && cls(d[m_pos]) == C_Space) {
            indent = d[m_pos] == '\f' ? 0 : indent + 1; // a form feed resets the column, as in Python
            ++m_pos;
        }
        if (m_pos >= n)
            return false;
        const char c = d[m_pos];
        if (c == '#') {
            while (m_pos < n && d[m_pos] != '\n' && d[m_pos] != '\r')
                ++m_pos;
        }
        int nl = 0;
        if (atNewline(m_pos, &nl)) {
            m_pos += nl;
            ++m_line;
            continue;
        }
        if (m_pos >= n)
            return false;
        break;
    }

    out.firstLine = m_line;
    out.indent = indent;
    out.materialized = m_materializeAll || indent == 0;
    out.tokens.clear();
    if (out.tokens.capacity() < 64)
        out.tokens.reserve(64);
    const bool keep = out.materialized;
    bool lastColon = false;
    m_bracketStack.clear();
    m_bracketLines.clear();

    while (true) {
        if (m_pos >= n) {
            if (!m_bracketStack.isEmpty()) {
                fail(QStringLiteral("'%1' was never closed").arg(QLatin1Char(m_bracketStack.last())),
                     m_bracketLines.last());
                return false;
            }
            break;
        }
        const char c = d[m_pos];
        const int depth = int(m_bracketStack.size());
        const std::uint8_t k = cls(c);
        if (k != C_Space && k != C_Hash && k != C_Newline && k != C_Backslash)
            lastColon = (c == ':' && !(m_pos + 1 < n && d[m_pos + 1] == '='));
        switch (k) {
        case C_Space:
            ++m_pos;
            continue;
        case C_Hash:
            while (m_pos < n && d[m_pos] != '\n' && d[m_pos] != '\r')
                ++m_pos;
            continue;
        case C_Newline: {
            int nl = 0;
            atNewline(m_pos, &nl);
            m_pos += nl;
            ++m_line;
            if (depth > 0)
                continue;
            out.lastLine = m_line - 1;
            out.endsWithColon = lastColon;
            return true;
        }
        case C_Backslash: {
            int nl = 0;
            if (atNewline(m_pos + 1, &nl)) {
                m_pos += 1 + nl;
                ++m_line;
                if (m_pos >= n && m_bracketStack.isEmpty()) {
                    fail(QStringLiteral("unexpected EOF while parsing"), m_line - 1);
                    return false;
                }
                continue;
            }
            if (m_pos + 1 >= n)
                fail(QStringLiteral("unexpected EOF while parsing"), m_line);
            else
                fail(QStringLiteral("unexpected character after line continuation character"), m_line);
            return false;
        }
        case C_Quote: {
            Token t;
            if (!scanString(int(m_pos), 0, keep ? &t : nullptr))
                return false;
            if (keep) {
                t.depth = depth;
                out.tokens.push_back(t);
            }
            continue;
        }
        case C_IdStart: {
            const qsizetype start = m_pos;
            while (m_pos < n && isIdChar(d[m_pos])) {
                if (static_cast<unsigned char>(d[m_pos]) >= 0x80) {
                    if (!skipUtf8(m_line))
                        return false;
                    continue;
                }
                ++m_pos;
            }
            if (m_pos < n && cls(d[m_pos]) == C_Quote) {
                const int flags = prefixFlags(d + start, int(m_pos - start));
                if (flags >= 0) {
                    const int line = m_line;
                    Token t;
                    if (!scanString(int(start), std::uint8_t(flags), keep ? &t : nullptr))
                        return false;
                    if (keep) {
                        t.depth = depth;
                        t.line = line;
                        out.tokens.push_back(t);
                    }
                    continue;
                }
            }
            if (keep) {
                Token t;
                t.kind = Token::Kind::Name;
                t.start = int(start);
                t.end = int(m_pos);
                t.line = m_line;
                t.depth = depth;
                out.tokens.push_back(t);
            }
            continue;
        }
        case C_Digit:
        number: {
            const qsizetype start = m_pos;
            while (m_pos < n) {
                const char x = d[m_pos];
                if (isIdChar(x) || x == '.') {
                    const char lower = char(x | 0x20);
                    ++m_pos;
                    // exponent sign: 1e-5 (not after a hex prefix)
                    if ((lower == 'e') && m_pos < n && (d[m_pos] == '+' || d[m_pos] == '-')
                        && !(m_pos - start > 1 && (d[start + 1] | 0x20) == 'x'))
                        ++m_pos;
                    continue;
                }
                break;
            }
            if (keep) {
                Token t;
                t.kind = Token::Kind::Number;
                t.start = int(start);
                t.end = int(m_pos);
                t.line = m_line;
                t.depth = depth;
                out.tokens.push_back(t);
            }
            continue;
        }
        case C_Dot:
            if (m_pos + 1 < n && cls(d[m_pos + 1]) == C_Digit)
                goto number;
            [[fallthrough]];
        case C_Op: {
            const qsizetype start = m_pos;
            // Longest match among Python's operators (3: **= //= >>= <<= ...; 2: X= -> ** // << >>).
            int length = 1;
            const char c1 = m_pos + 1 < n ? d[m_pos + 1] : 0;
            const char c2 = m_pos + 2 < n ? d[m_pos + 2] : 0;
            const bool doubled = c1 == c && (c == '*' || c == '/' || c == '<' || c == '>');
            if (doubled && c2 == '=')
                length = 3;
            else if (c == '.' && c1 == '.' && c2 == '.')
                length = 3;
            else if (doubled || (c == '-' && c1 == '>'))
                length = 2;
            else if (c1 == '=' && c != '.' && c != ',' && c != ';' && c != '~')
                length = 2;
            m_pos += length;
            if (keep) {
                Token t;
                t.kind = Token::Kind::Op;
                t.start = int(start);
                t.end = int(m_pos);
                t.line = m_line;
                t.depth = depth;
                out.tokens.push_back(t);
            }
            continue;
        }
        case C_Open:
            m_bracketStack.append(c);
            m_bracketLines.append(m_line);
            if (keep) {
                Token t;
                t.kind = Token::Kind::Op;
                t.start = int(m_pos);
                t.end = int(m_pos) + 1;
                t.line = m_line;
                t.depth = depth;
                out.tokens.push_back(t);
            }
            ++m_pos;
            continue;
        case C_Close: {
            if (m_bracketStack.isEmpty()) {
                fail(QStringLiteral("unmatched '%1'").arg(QLatin1Char(c)), m_line);
                return false;
            }
            const char open = m_bracketStack.last();
            if (closingFor(open) != c) {
                const int openLine = m_bracketLines.last();
                if (openLine != m_line)
                    fail(QStringLiteral("closing parenthesis '%1' does not match opening parenthesis '%2' on line %3")
                             .arg(QLatin1Char(c))
                             .arg(QLatin1Char(open))
                             .arg(openLine),
                         m_line);
                else
                    fail(QStringLiteral("closing parenthesis '%1' does not match opening parenthesis '%2'")
                             .arg(QLatin1Char(c))
                             .arg(QLatin1Char(open)),
                         m_line);
                return false;
            }
            m_bracketStack.removeLast();
            m_bracketLines.removeLast();
            if (keep) {
                Token t;
                t.kind = Token::Kind::Op;
                t.start = int(m_pos);
                t.end = int(m_pos) + 1;
                t.line = m_line;
                t.depth = depth - 1;
                out.tokens.push_back(t);
            }
            ++m_pos;
            continue;
        }
        default: {
            // `$`, `?`, backtick, control characters: not valid Python outside strings/comments.
            const unsigned char uc = static_cast<unsigned char>(c);
            if (uc < 0x20)
                fail(QStringLiteral("invalid non-printable character U+%1")
                         .arg(QString::number(uc, 16).toUpper().rightJustified(4, QLatin1Char('0'))),
                     m_line);
            else
                fail(QStringLiteral("invalid character '%1'").arg(QLatin1Char(c)), m_line);
            return false;
        }
        }
    }
    out.lastLine = m_line;
    out.endsWithColon = lastColon;
    return true;
}

} // namespace retort::py
