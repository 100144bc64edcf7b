#pragma once

// Literal evaluation: the value of an expression made only of literals, exactly as Python
// computes it, without running anything. What folds:
//   - strings of every prefix and quote, implicit concatenation (`'a' "b"`), f-strings without
//     replacement fields;
//   - `+` between two strings, two bytes, two tuples or two lists (`'022b' + '78e3eaaf'`);
//   - None, True, False, numbers (as source text), parentheses, tuples and lists of the above
//     (`('a' + 'b',)`, `['x', 'y']`).
// Everything else is NotLiteral, never guessed: names and attributes (`cli.EXPAND_BRANCH`),
// calls, subscripts, f-strings with fields, `%` and every other operator, `+` between values of
// different types (a TypeError when Python runs it). With a NameLookup, a name or dotted name the
// lookup knows is a string (retort-cli --define); names it does not know are collected.

#include "core/python/Lexer.h"

#include <QString>
#include <QStringList>
#include <QStringView>
#include <QVector>

#include <functional>
#include <optional>
#include <vector>

namespace retort::py {

// A literal Python value.
struct Value
{
    enum class Type { None, Str, Bytes, Number, Bool, Tuple, List };
    Type type = Type::None;
    QString text; // Str: the value; Bytes: the bytes as Latin-1 code points; Number/Bool: the source text
    QVector<Value> items;
};

enum class EvalStatus { Ok, NotLiteral, SyntaxError };

struct EvalResult
{
    EvalStatus status = EvalStatus::NotLiteral;
    Value value;
    QString error; // SyntaxError: CPython's message
    int errorLine = 0;
};

// The string value of a name (`PARENT`) or dotted name (`cli.EXPAND_BRANCH`, spelled without
// spaces), or nullopt when it is unknown.
using NameLookup = std::function<std::optional<QString>(QStringView dottedName)>;

struct EvalOptions
{
    bool keepNamedEscapes = false; // \N{...} stays verbatim in strings (display text only)
    bool formatStrings = true;     // fieldless f-strings are strings (false: NotLiteral, as for a docstring)
    const NameLookup* names = nullptr;
    QStringList* unknownNames = nullptr; // names and dotted names met that `names` did not know
};

// Evaluates tokens[begin, end) (one expression, or a bare tuple `a, b`) of the source `data`.
EvalResult evaluateLiteral(const char* data, const std::vector<Token>& tokens, int begin, int end,
                           const EvalOptions& options = {});

// The same for an expression given as text (e.g. UnresolvedValue::expression): tokenized first;
// text that is not one logical line of Python is NotLiteral.
EvalResult evaluateExpression(const QString& expression, const EvalOptions& options = {});

} // namespace retort::py
