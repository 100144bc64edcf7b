// libFuzzer harness for RevisionFileParser::parse (built only with -DRETORT_FUZZ=ON and clang).
// Besides crashes and sanitizer reports, it checks invariants every input must keep:
// problems name the file and a line inside it, values never contain the file's NUL bytes, an
// unresolved value always names one of the four variables (or __doc__) with a valid line.

#include "core/alembic/RevisionFileParser.h"

#include "FuzzCheck.h"

#include <cstdint>

using namespace retort;
using retort::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray content(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString path = QStringLiteral("/fuzz/versions/abc_fuzz.py");
    const RevisionFile f = RevisionFileParser::parse(content, path);

    const int lines = int(content.count('\n') + content.count('\r')) + 1;
    check(f.path == path, "path is kept");
    check(f.fileName == QStringLiteral("abc_fuzz.py"), "file name is the base name");
    for (const Error& e : f.problems) {
        check(e.path == path, "a problem names the file");
        check(!e.code.isEmpty() && !e.message.isEmpty() && !e.hint.isEmpty(), "a problem has code, message and hint");
        check(e.line >= 0 && e.line <= lines, "a problem's line is inside the file");
    }
    for (const UnresolvedValue& u : f.unresolved) {
        check(u.name == QLatin1String("revision") || u.name == QLatin1String("down_revision")
                  || u.name == QLatin1String("branch_labels") || u.name == QLatin1String("depends_on")
                  || u.name == QLatin1String("__doc__"),
              "an unresolved value names a known variable");
        check(u.line >= 1 && u.line <= lines, "an unresolved value's line is inside the file");
    }
    for (int line : {f.revisionLine, f.downRevisionLine, f.branchLabelsLine, f.dependsOnLine})
        check(line >= 0 && line <= lines, "assignment lines are inside the file");
    check(f.message.size() <= f.docstring.size(), "the message is part of the docstring");
    check(f.docstring.isEmpty() || f.docstring.startsWith(f.message), "the message starts the docstring");
    // Parsing is deterministic.
    const RevisionFile again = RevisionFileParser::parse(content, path);
    check(again.revision == f.revision && again.downRevisions == f.downRevisions && again.problems.size() == f.problems.size(),
          "parsing is deterministic");
    return 0;
}
