#pragma once

#include "core/alembic/Project.h"
#include "core/common/Error.h"
#include "core/python/Literal.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace retort {

// Values for the names revision files use but do not define (`branch_labels =
// (cli.EXPAND_BRANCH,)`, `down_revision = PARENT`), given by the user instead of running Python
// (retort-cli --define NAME=VALUE). Exact semantics (docs/DESIGN-NOTES.md "Names given with
// --define"):
//   - NAME is a Python identifier or a dotted chain of them (`cli.EXPAND_BRANCH`), not a keyword;
//     it matches the reference exactly as spelled in the file (no import or alias resolution:
//     `from x import cli as c` needs `c.EXPAND_BRANCH`).
//   - VALUE is everything after the first '=', taken verbatim as a Python string (no quotes, no
//     escapes; may be empty). The last --define of a NAME wins.
//   - Only values the static reader could not fold are evaluated again, with the defined names as
//     strings and Python's folding rules (`'a' + cli.X`, `(cli.X, 'b')`); a name never overrides
//     a literal, and a value still unresolved after that goes to Python as before. Values of one
//     target of a tuple unpacking, of an augmented assignment or inside a module-level block are
//     not evaluated again.
//   - The result is taken as written: nothing checks it against what Python would compute.
class NameDefines
{
public:
    // Parses "NAME=VALUE" items. Error code "usage" names the bad item.
    static Result<NameDefines> parse(const QStringList& items);

    void insert(const QString& name, const QString& value) { m_values.insert(name, value); }
    [[nodiscard]] bool isEmpty() const { return m_values.isEmpty(); }
    [[nodiscard]] std::optional<QString> value(QStringView name) const;
    // The lookup for the Literal evaluator.
    [[nodiscard]] py::NameLookup lookup() const;

    // Evaluates the unresolved values of `project`'s files again with these names. When any
    // resolves, a warning (code "resolved-with-define") naming each one is prepended to
    // project.warnings (so answers computed from it are never cached as static ones). Returns how
    // many values were resolved.
    int resolve(LoadedProject& project) const;

private:
    QHash<QString, QString> m_values;
};

} // namespace retort
