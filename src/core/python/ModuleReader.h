#pragma once

// What a Python module binds at module level, read statically (no Python): the docstring, the
// values assigned to a few names the caller watches, and whether other names are mentioned.
//
// Only statements that start in column 0 are module-level; indented code (function and class
// bodies, `if` blocks) is skipped quickly by the Lexer while it tracks strings and brackets, so a
// multi-line string or bracket that continues at column 0 is never mistaken for a statement.
// Assignments: plain (`name = v`), chained (`revision = rev_id = v`), annotated
// (`name: T = v`), tuple targets (`a, name = x, y`); values are evaluated with the Literal
// evaluator (folding `+`, implicit concatenation, tuples...) and anything else is kept as source
// text with its line, never guessed. The last module-level assignment of a name wins, as in
// Python; an augmented assignment (`name += v`) makes the value unknown. When the module has a
// module-level block (if/try/with/for/while), the file is read a second time, every line: a
// watched name assigned inside such a block (not inside a def or class, nor under `if False:` /
// `if TYPE_CHECKING:`) has a value only running the module tells.
//
// Enough of Python's syntax rules are checked to refuse what the compiler refuses at module level
// (unexpected indent, a block header without a body, the Lexer's errors, invalid escapes in
// evaluated strings); what was read before a syntax error is kept. Linear time in the input.

#include "core/python/Lexer.h"
#include "core/python/Literal.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVector>

#include <optional>

namespace retort::py {

struct Assignment
{
    // How the value was assigned (whether `expression` alone can give it later, e.g. with names).
    enum class Form : std::uint8_t {
        Value,   // `name = <expression>` (also chained and annotated)
        Element, // `..., name, ... = <expression>`: one item of what it evaluates to
        Opaque   // no expression gives it: augmented assignment, starred or nested targets, a block
    };

    bool assigned = false; // the name is bound at module level
    bool resolved = false; // `value` is its value; otherwise `expression` says what was written
    Value value;
    QString expression; // the value's source text, trimmed, newlines normalised (unresolved only)
    Form form = Form::Value;
    int line = 0;       // 1-based line of the statement
};

struct ModuleFacts
{
    QVector<Assignment> assignments; // one per watched name, in the order given
    QVector<bool> mentioned;         // one per mention name: it appears in module-level code
    // The module may bind names the reader cannot see: a module-level block
    // (if/try/with/for/while), `from x import *`, globals()/exec()/setattr()/vars()/__import__.
    bool hiddenBindings = false;
    // The module docstring (__doc__), stripped; nullopt when the first statement is not a string.
    // \N{...} escapes are kept verbatim.
    std::optional<QString> docstring;
    // The first module-level statement made only of strings, stripped: the docstring when there
    // is one, otherwise a later string (header comments written as a string after imports).
    std::optional<QString> firstString;
    std::optional<SyntaxError> error;
};

class ModuleReader
{
public:
    // `names`: the names whose values are wanted; `mentions`: names whose mere presence as a
    // name in module-level code is wanted (e.g. "upgrade"). ASCII identifiers.
    ModuleReader(QList<QByteArray> names, QList<QByteArray> mentions = {});

    // `data` is UTF-8 without a BOM (see SourceText).
    [[nodiscard]] ModuleFacts read(const char* data, qsizetype size) const;

private:
    class Reader;
    QList<QByteArray> m_names;
    QList<QByteArray> m_mentions;
};

} // namespace retort::py
