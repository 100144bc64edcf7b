#pragma once

#include "core/common/Error.h"

#include <QHash>
#include <QList>
#include <QString>

namespace retort {

// The result of reading a .env file: values in file order (later definitions win), problems
// with their line numbers (a malformed line is skipped, the rest still counts).
struct DotEnv
{
    QHash<QString, QString> values;
    QList<Error> problems;
};

// Parses .env syntax as python-dotenv and docker compose read it: KEY=VALUE, optional `export `,
// blank lines and `#` comments (also after an unquoted value, preceded by whitespace), single
// quotes (literal), double quotes (escapes \n \t \" \\, may span lines), and `${NAME}` /
// `${NAME:-default}` expansion in unquoted and double-quoted values from earlier keys, then from
// the process environment. `path` only names the file in problems.
[[nodiscard]] DotEnv parseDotEnv(const QString& text, const QString& path = {});

// The .env file in `folder` read with parseDotEnv (empty when there is none).
[[nodiscard]] DotEnv readDotEnvFile(const QString& folder);

} // namespace retort
