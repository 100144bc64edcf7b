#pragma once

#include <QString>

namespace retort {

// A quoted SQL identifier for PostgreSQL and SQLite: wrapped in double quotes with embedded
// quotes doubled, so any name (`x"; drop table y;--`, `a.b`, `"quoted"`) is one identifier.
// QSqlDriver::escapeIdentifier is not used for this: QPSQL's splits names at '.' and leaves names
// that start or end with '"' unquoted.
[[nodiscard]] QString quoteIdentifier(const QString& name);

// "schema"."name", or just "name" when `schema` is empty.
[[nodiscard]] QString qualifiedName(const QString& schema, const QString& name);

} // namespace retort
