#include "core/python/Literal.h"

#include "core/python/StringLiteral.h"

#include <cstring>

namespace retort::py {

namespace {

// Recursive descent over the tokens of one expression:
//   list  := sum (',' sum)* [',']
//   sum   := atom ('+' atom)*
//   atom  := string+ | None | True | False | NUMBER | name ('.' name)* | '(' [list] ')' | '[' [list] ']'
// Nesting depth is bounded by the brackets of one logical line; the Lexer has already matched them.
class Evaluator
{
public:
    Evaluator(const char* data, const std::vector<Token>& tokens, int begin, int end, const EvalOptions& options)
        : m_data(data), m_tokens(tokens), m_pos(begin), m_end(end), m_options(options)
    {
    }

    EvalResult run()
    {
        EvalResult r;
        bool comma = false;
        std::optional<Value> v = parseList(&comma);
        if (m_syntax) {
            r.status = EvalStatus::SyntaxError;
            r.error = m_error;
            r.errorLine = m_errorLine;
            return r;
        }
        if (!v || m_unknownName || m_pos != m_end)
            return r; // NotLiteral
        r.status = EvalStatus::Ok;
        r.value = std::move(*v);
        return r;
    }

private:
    bool isOp(int i, char c) const
    {
        if (i >= m_end)
            return false;
        const Token& t = m_tokens[size_t(i)];
        return t.kind == Token::Kind::Op && t.end - t.start == 1 && m_data[t.start] == c;
    }
    bool isName(int i, const char* s) const
    {
        if (i >= m_end)
            return false;
        const Token& t = m_tokens[size_t(i)];
        const auto length = int(std::strlen(s));
        return t.kind == Token::Kind::Name && t.end - t.start == length && std::memcmp(m_data + t.start, s, size_t(length)) == 0;
    }
    bool isCloser(int i) const { return isOp(i, ')') || isOp(i, ']') || isOp(i, '}'); }
    bool atListEnd() const { return m_pos >= m_end || isCloser(m_pos); }
    // What may follow a complete operand: `x.y`, `f()`, `s[0]`, `a % b`, `a if b else c` may not.
    bool followsOperand(int i) const { return i >= m_end || isOp(i, ',') || isOp(i, '+') || isCloser(i); }

    // sum (',' sum)* [','] ; a tuple when a comma appears, else the single value.
    std::optional<Value> parseList(bool* sawComma)
    {
        *sawComma = false;
        if (atListEnd())
            return std::nullopt; // empty: `()` and `[]` are handled by the caller
        std::optional<Value> first = parseSum();
        if (!first || !isOp(m_pos, ','))
            return first;
        *sawComma = true;
        Value tuple;
        tuple.type = Value::Type::Tuple;
        tuple.items.append(std::move(*first));
        while (isOp(m_pos, ',')) {
            ++m_pos;
            if (atListEnd())
                break;
            std::optional<Value> item = parseSum();
            if (!item)
                return std::nullopt;
            tuple.items.append(std::move(*item));
        }
        return tuple;
    }

    std::optional<Value> parseSum()
    {
        std::optional<Value> left = parseAtom();
        while (left && isOp(m_pos, '+')) {
            ++m_pos;
            std::optional<Value> right = parseAtom();
            if (!right)
                return std::nullopt;
            left = add(std::move(*left), std::move(*right));
        }
        return left;
    }

    // Python's `+` on two literals; nullopt where Python raises TypeError (or the result is not a
    // literal Retort keeps: numbers).
    static std::optional<Value> add(Value a, Value b)
    {
        if (a.type != b.type)
            return std::nullopt;
        switch (a.type) {
        case Value::Type::Str:
        case Value::Type::Bytes:
            a.text += b.text;
            return a;
        case Value::Type::Tuple:
        case Value::Type::List:
            a.items += std::move(b.items);
            return a;
        case Value::Type::None:
        case Value::Type::Number:
        case Value::Type::Bool:
            break;
        }
        return std::nullopt;
    }

    std::optional<Value> parseAtom()
    {
        if (m_pos >= m_end)
            return std::nullopt;
        const Token& t = m_tokens[size_t(m_pos)];
        std::optional<Value> result;
        if (t.kind == Token::Kind::String) {
            result = parseStrings();
        } else if (t.kind == Token::Kind::Name) {
            result = parseName();
        } else if (t.kind == Token::Kind::Number) {
            Value v;
            v.type = Value::Type::Number;
            v.text = QString::fromUtf8(m_data + t.start, t.end - t.start);
            ++m_pos;
            result = std::move(v);
        } else if (isOp(m_pos, '(')) {
            ++m_pos;
            if (isOp(m_pos, ')')) {
                ++m_pos;
                Value v;
                v.type = Value::Type::Tuple;
                result = std::move(v);
            } else {
                bool comma = false;
                std::optional<Value> inner = parseList(&comma);
                if (!inner || !isOp(m_pos, ')'))
                    return std::nullopt;
                ++m_pos;
                result = std::move(inner);
            }
        } else if (isOp(m_pos, '[')) {
            ++m_pos;
            Value v;
            v.type = Value::Type::List;
            if (!isOp(m_pos, ']')) {
                bool comma = false;
                std::optional<Value> inner = parseList(&comma);
                if (!inner)
                    return std::nullopt;
                if (comma)
                    v.items = std::move(inner->items);
                else
                    v.items.append(std::move(*inner));
            }
            if (!isOp(m_pos, ']'))
                return std::nullopt;
            ++m_pos;
            result = std::move(v);
        } else {
            return std::nullopt;
        }
        if (!followsOperand(m_pos))
            return std::nullopt;
        return result;
    }

    // None / True / False, or a (dotted) name the lookup knows.
    std::optional<Value> parseName()
    {
        Value v;
        const Token& t = m_tokens[size_t(m_pos)];
        if (isName(m_pos, "None")) {
            ++m_pos;
            v.type = Value::Type::None;
            return v;
        }
        if (isName(m_pos, "True") || isName(m_pos, "False")) {
            ++m_pos;
            v.type = Value::Type::Bool;
            v.text = QString::fromUtf8(m_data + t.start, t.end - t.start);
            return v;
        }
        if (!m_options.names && !m_options.unknownNames)
            return std::nullopt;
        int end = m_pos + 1;
        while (isOp(end, '.') && end + 1 < m_end && m_tokens[size_t(end + 1)].kind == Token::Kind::Name)
            end += 2;
        if (!followsOperand(end))
            return std::nullopt; // a call, a subscript, an operator: not a value reference
        QString dotted;
        for (int i = m_pos; i < end; i += 2) {
            if (!dotted.isEmpty())
                dotted += QLatin1Char('.');
            const Token& part = m_tokens[size_t(i)];
            dotted += QString::fromUtf8(m_data + part.start, part.end - part.start);
        }
        m_pos = end;
        std::optional<QString> known = m_options.names ? (*m_options.names)(dotted) : std::nullopt;
        v.type = Value::Type::Str;
        if (known) {
            v.text = *known;
        } else {
            // Keep reading, so every unknown name of the expression is reported; the result is
            // NotLiteral whatever follows.
            m_unknownName = true;
            if (m_options.unknownNames && !m_options.unknownNames->contains(dotted))
                m_options.unknownNames->append(dotted);
        }
        return v;
    }

    std::optional<Value> parseStrings()
    {
        bool anyBytes = false, anyText = false, notLiteral = false;
        QString text;
        while (m_pos < m_end && m_tokens[size_t(m_pos)].kind == Token::Kind::String) {
            const Token& t = m_tokens[size_t(m_pos)];
            if (t.stringFlags & Token::Bytes)
                anyBytes = true;
            else
                anyText = true;
            if (anyBytes && anyText) {
                syntax(QStringLiteral("cannot mix bytes and nonbytes literals"), t.line);
                return std::nullopt;
            }
            if ((t.stringFlags & Token::Format) && !m_options.formatStrings)
                notLiteral = true;
            if (!notLiteral) {
                QString error;
                QString value;
                switch (decodeString(m_data, t, &value, &error, m_options.keepNamedEscapes)) {
                case DecodeStatus::Ok: text += value; break;
                case DecodeStatus::NotLiteral: notLiteral = true; break;
                case DecodeStatus::Invalid: syntax(error, t.line); return std::nullopt;
                }
            }
            ++m_pos;
        }
        if (notLiteral)
            return std::nullopt;
        Value v;
        v.type = anyBytes ? Value::Type::Bytes : Value::Type::Str;
        v.text = std::move(text);
        return v;
    }

    void syntax(const QString& message, int line)
    {
        if (!m_syntax) {
            m_syntax = true;
            m_error = message;
            m_errorLine = line;
        }
    }

    const char* m_data;
    const std::vector<Token>& m_tokens;
    int m_pos;
    int m_end;
    const EvalOptions& m_options;
    bool m_unknownName = false;
    bool m_syntax = false;
    QString m_error;
    int m_errorLine = 0;
};

} // namespace

EvalResult evaluateLiteral(const char* data, const std::vector<Token>& tokens, int begin, int end, const EvalOptions& options)
{
    if (begin >= end)
        return EvalResult{};
    return Evaluator(data, tokens, begin, end, options).run();
}

EvalResult evaluateExpression(const QString& expression, const EvalOptions& options)
{
    const QByteArray bytes = expression.trimmed().toUtf8();
    Lexer lexer(bytes.constData(), bytes.size());
    lexer.setMaterializeAll(true);
    LogicalLine line;
    if (!lexer.next(line)) {
        EvalResult r;
        if (const auto& error = lexer.error()) {
            r.status = EvalStatus::SyntaxError;
            r.error = error->message;
            r.errorLine = error->line;
        }
        return r;
    }
    LogicalLine rest;
    if (lexer.next(rest) || lexer.error())
        return EvalResult{}; // more than one expression
    return evaluateLiteral(bytes.constData(), line.tokens, 0, int(line.tokens.size()), options);
}

} // namespace retort::py
