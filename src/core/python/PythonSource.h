#pragma once

#include "core/python/Lexer.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

class QRegularExpression;

namespace retort::py {

// Python source as statements, for checks that search code (the doctor's): the logical lines the
// Lexer reads (physical lines joined inside brackets, triple-quoted strings and after a
// backslash), their indentation and line, with comments removed. `masked` is the same text with
// the contents of every string literal replaced by spaces, so that searching code never matches
// inside a string or docstring; offsets in `text` and `masked` are interchangeable. Source that
// Python would refuse (a syntax or encoding error) gives the statements before the error, and
// error() says what and where.
class PythonSource
{
public:
    struct Statement
    {
        int line = 0;    // 1-based line of the statement's first character
        int indent = 0;  // columns of leading whitespace (a tab counts as one)
        QString text;    // source with comments blanked; physical newlines kept
        QString masked;  // `text` with string contents blanked

        [[nodiscard]] int lineAt(qsizetype offset) const; // 1-based file line of an offset in text
    };

    // A call found in a statement: `callee(arg, ..., name=value)`.
    struct Call
    {
        QString callee;       // as matched, e.g. "context.configure"
        int line = 0;         // line of the callee
        QStringList args;     // each argument's source text, trimmed, in order
        qsizetype end = 0;    // offset just after the closing parenthesis

        [[nodiscard]] QString positional(int index) const; // index-th argument without `name=`
        [[nodiscard]] std::optional<QString> keyword(const QString& name) const;
        [[nodiscard]] bool hasDoubleStar() const; // passes **kwargs (anything may be in it)
    };

    // A statement in column 0 with the statements nested under it (its body).
    struct TopLevel
    {
        enum class Kind { Def, Class, Other };
        Kind kind = Kind::Other;
        QString name;  // function or class name for Def/Class
        int first = 0; // index of the statement in statements()
        int end = 0;   // one past the last statement of its body
    };

    explicit PythonSource(const QString& source);
    // Bytes as Python reads a file: BOM, coding cookie, NUL bytes (SourceText).
    static PythonSource fromBytes(const QByteArray& content);
    // `ok` is false when the file cannot be read.
    static PythonSource fromFile(const QString& path, bool* ok = nullptr);

    [[nodiscard]] const std::optional<SyntaxError>& error() const { return m_error; }

    [[nodiscard]] const QVector<Statement>& statements() const { return m_statements; }
    [[nodiscard]] const QVector<TopLevel>& topLevel() const { return m_topLevel; }
    // The top-level function `name` (def or async def), or nullptr.
    [[nodiscard]] const TopLevel* function(const QString& name) const;

    // Calls whose callee matches `callee` (matched against the masked text, e.g.
    // `\bcontext\.configure`) in statements [first, end).
    [[nodiscard]] QVector<Call> calls(const QRegularExpression& callee, int first = 0, int end = -1) const;
    // The masked text of statements [first, end), joined with newlines.
    [[nodiscard]] QString maskedText(int first, int end) const;

    // The value of a string expression as Python evaluates it (Literal.h: prefixes, quotes,
    // escapes, implicit concatenation, `+`, parentheses); nullopt when `expression` is anything
    // else (names, f-strings with fields, calls, ...). Bytes give their characters.
    static std::optional<QString> literalString(const QString& expression);
    // Splits `source[open+1 .. matching close)` at top-level commas; `masked` guides the scan.
    static QStringList splitArguments(const QString& text, const QString& masked, qsizetype open, qsizetype* close);

private:
    PythonSource() = default;
    void split(const char* data, qsizetype size);
    void buildTopLevel();

    QVector<Statement> m_statements;
    QVector<TopLevel> m_topLevel;
    std::optional<SyntaxError> m_error;
};

} // namespace retort::py
