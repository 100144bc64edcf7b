#pragma once

#include "core/alembic/RevisionFile.h"
#include "core/python/Literal.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace retort {

// Reads an Alembic revision file statically (no Python): the module-level `revision`,
// `down_revision`, `branch_labels`, `depends_on` and the module docstring, with the one Python
// reader (core/python: SourceText, ModuleReader, the Literal evaluator).
//
// Values are evaluated exactly as Python would, without running anything: strings with any
// prefix/quote/escape, implicit concatenation and `+` (`'022b' + '78e3eaaf'`), tuples, lists,
// parentheses (`('a' + 'b',)`), None, (); chained (`revision = rev_id = '...'`) and annotated
// (`revision: str = ...`) assignments. Anything else (names, `cli.EXPAND_BRANCH`, calls,
// f-strings with fields, `%`) is recorded in RevisionFile::unresolved with its source text and
// line, never guessed; so is a value assigned inside a module-level block (if/try/with/for/while,
// not a def or class, nor under `if False:` / `if TYPE_CHECKING:`), since only running the module
// tells its value. The last module-level assignment of a name wins, as in Python. Whether
// upgrade()/downgrade() exist is recorded only when certain.
//
// Problems are Errors in RevisionFile::problems naming the file and line (1-based; 0 when the
// whole file is concerned). What was read before a syntax error is kept. Error codes:
//   "revision-file-syntax"           unterminated string/bracket, bad escape, unexpected indent, ...
//   "revision-file-encoding"         NUL bytes, invalid UTF-8 in code or strings (comments may hold
//                                    any bytes, as Python's import allows), unknown coding cookie
//   "revision-file-no-revision"      no module-level `revision` and not a legacy <hex>.py name
//                                    (Alembic raises "Could not determine revision id ...")
//   "revision-file-no-down-revision" no module-level `down_revision` (Alembic: AttributeError)
//   "revision-file-bad-value"        a literal of the wrong type (`revision = None`, numbers, bytes)
//   "revision-file-too-large"        more than MaxFileSize bytes
//   "revision-file-unreadable"       cannot be opened/read
// Non-literal values are not problems: they are in RevisionFile::unresolved.
// Linear time in the size of the input; no recursion on nesting depth in the lexer.
class RevisionFileParser
{
public:
    static constexpr qint64 MaxFileSize = qint64(64) * 1024 * 1024;

    // `path` is recorded in the result (absolute path recommended); it is not read.
    static RevisionFile parse(const QByteArray& content, const QString& path);
    // Reads and parses one file. Never fails as a whole: problems are in the result.
    static RevisionFile parseFile(const QString& path);

    // Evaluates the file's unresolved values again with `names` (a name or dotted name -> its
    // string value; retort-cli --define): each whole value that now folds is set as if it had been
    // written as a literal (a value of the wrong type is a problem, as in parse()) and leaves
    // `unresolved`. Names the lookup does not know are added to *unknownNames. Returns the values
    // it resolved.
    static QList<UnresolvedValue> resolveNames(RevisionFile& file, const py::NameLookup& names,
                                               QStringList* unknownNames = nullptr);
};

} // namespace retort
