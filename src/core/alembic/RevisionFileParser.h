#pragma once

#include "core/alembic/RevisionFile.h"

#include <QByteArray>
#include <QString>

namespace retort {

// Reads an Alembic revision file statically (no Python): the module-level `revision`,
// `down_revision`, `branch_labels`, `depends_on` and the module docstring.
//
// Only statements that start in column 0 are module-level; indented code (function and class
// bodies, `if` blocks) is skipped quickly while tracking strings and brackets, so a multi-line
// string or bracket that continues at column 0 is never mistaken for a statement. Literal values
// (strings with any prefix/quote/escape, implicit concatenation, tuples, lists, parenthesised
// strings, None, ()) are evaluated like Python; anything else is recorded in
// RevisionFile::unresolved with its source text and line, never guessed. The last module-level
// assignment of a name wins, as in Python. A file with a module-level block (if/try/with/for/
// while) is read a second time, every line: a name assigned inside such a block (not inside a
// def or class, nor under `if False:` / `if TYPE_CHECKING:`) is unresolved too, since only running
// the module tells its value. Whether upgrade()/downgrade() exist is recorded only when certain.
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
};

} // namespace retort
