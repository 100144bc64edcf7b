// libFuzzer harness for the configuration readers behind ProjectLocator: the configparser-style
// .ini reader (with interpolation), the [tool.alembic] TOML subset reader and the env.py
// configure() reader. Built only with -DRETORT_FUZZ=ON and clang. Besides crashes, hangs and
// sanitizer reports it checks that every error names the file and a line inside it.

#include "core/alembic/EnvPyReader.h"
#include "core/alembic/IniFile.h"
#include "core/alembic/TomlTable.h"

#include "FuzzCheck.h"

#include <cstdint>

using namespace retort;
using retort::fuzz::check;

namespace {

void checkError(const Error& e, const QString& path, int lines)
{
    check(e.path == path, "an error names the file");
    check(!e.code.isEmpty() && !e.message.isEmpty(), "an error has a code and a message");
    check(e.line >= 0 && e.line <= lines, "an error's line is inside the file");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray content(reinterpret_cast<const char*>(data), qsizetype(size));
    const int lines = int(content.count('\n') + content.count('\r')) + 1;

    const QString ini = QStringLiteral("/fuzz/alembic.ini");
    Result<IniFile> parsed = IniFile::parse(content, ini, {{QStringLiteral("here"), QStringLiteral("/fuzz")}});
    if (parsed.ok()) {
        for (const QString& key : {QStringLiteral("script_location"), QStringLiteral("version_locations"),
                                   QStringLiteral("sqlalchemy.url"), QStringLiteral("here")}) {
            const Result<std::optional<QString>> v = parsed->value(QStringLiteral("alembic"), key);
            if (!v.ok())
                checkError(v.error(), ini, lines);
        }
    } else {
        checkError(parsed.error(), ini, lines);
    }

    const QString toml = QStringLiteral("/fuzz/pyproject.toml");
    const Result<TomlTable> table = TomlTable::read(content, toml, QStringLiteral("tool.alembic"));
    if (!table.ok())
        checkError(table.error(), toml, lines);

    const EnvPyFacts facts = EnvPyReader::read(content);
    check(facts.hasConfigureCall || (facts.versionTable.isEmpty() && facts.versionTableSchema.isEmpty()),
          "env.py facts come from a configure() call");
    return 0;
}
