#pragma once

// The one Python tokenizer of Retort (revision files, env.py, the doctor's checks): small and
// linear-time over UTF-8 source (see SourceText for BOM, coding cookies and NUL bytes). Not a full
// Python parser: it tracks strings (all prefixes, single/triple quotes, escapes), comments,
// brackets and line continuations exactly, so it always knows where a logical line starts and
// ends, and it materialises tokens only for the logical lines the caller asks for. Errors are
// the ones CPython's tokenizer reports, with its messages.

#include <QByteArray>
#include <QString>
#include <QVector>

#include <cstdint>
#include <optional>
#include <vector>

namespace retort::py {

struct Token
{
    enum class Kind : std::uint8_t { Name, Number, String, Op };
    enum StringFlag : std::uint8_t { Raw = 1, Bytes = 2, Format = 4, Unicode = 8 };

    Kind kind = Kind::Op;
    std::uint8_t stringFlags = 0; // StringFlag bits (String tokens)
    std::uint8_t quoteLength = 0; // 1 or 3 (String tokens)
    int start = 0;                // byte offset of the token (prefix included)
    int end = 0;                  // byte offset one past the token
    int contentStart = 0;         // String tokens: first byte inside the quotes
    int contentEnd = 0;           // String tokens: one past the last byte inside the quotes
    int line = 0;                 // 1-based line of the token's first byte
    int depth = 0;                // bracket depth before the token
};

struct SyntaxError
{
    QString message;
    int line = 0;
    bool encoding = false; // invalid UTF-8 in code or a string (comments may hold any bytes, as in Python's import)
};

struct LogicalLine
{
    int firstLine = 0;        // 1-based physical line where it starts
    int lastLine = 0;         // physical line where it ends
    int indent = 0;           // columns of leading whitespace (tabs count as 1)
    bool materialized = false;
    bool endsWithColon = false; // the last token is ':' (a compound statement header)
    std::vector<Token> tokens; // only when materialized
};

class Lexer
{
public:
    // `data` must stay alive while the lexer is used. It is UTF-8 without a BOM.
    Lexer(const char* data, qsizetype size);

    // When set, every logical line is materialised; otherwise only lines starting in column 0.
    void setMaterializeAll(bool all) { m_materializeAll = all; }

    // Reads the next logical line (blank and comment-only lines are skipped). Returns false at the
    // end of input or on a syntax error (then error() is set).
    bool next(LogicalLine& out);

    [[nodiscard]] const std::optional<SyntaxError>& error() const { return m_error; }
    [[nodiscard]] QByteArray text(int start, int end) const { return QByteArray(m_data + start, end - start); }
    [[nodiscard]] bool textIs(const Token& t, const char* ascii) const;
    [[nodiscard]] const char* data() const { return m_data; }

private:
    bool scanString(int prefixStart, std::uint8_t flags, Token* token);
    bool checkEscape(std::uint8_t flags, int stringLine);
    void fail(const QString& message, int line, bool encoding = false);
    bool skipUtf8(int line); // at a byte >= 0x80: steps over one valid UTF-8 sequence or fails
    bool atNewline(qsizetype pos, int* length) const;

    const char* m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    int m_line = 1;
    bool m_materializeAll = false;
    std::optional<SyntaxError> m_error;
    QVector<char> m_bracketStack;
    QVector<int> m_bracketLines;
};

} // namespace retort::py
