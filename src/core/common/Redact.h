#pragma once

#include <QString>

namespace retort {

// The one place free text (messages, log lines, tracebacks, anything that may contain URLs or
// libpq connection strings) is made safe to show: every password is replaced with "***".
// A URL Retort holds itself is shown from its parsed form (DatabaseUrl::redacted(), or
// DatabaseUrl::redactedText() for text that may not parse); this is the conservative pass over
// everything else, and every log line goes through it too.
// - "scheme://user:password@host": everything from the ':' after the user name to the LAST '@'
//   before the next URL or the end of the line is hidden, so passwords with quotes, spaces, '@',
//   '%', ':', '/' or any other character never show (limit: a password containing "://").
// - "password=..." / "pwd=..." / "PGPASSWORD=..." key/value pairs (conninfo, query strings),
//   quoted or not.
// Text without credentials is left untouched.
[[nodiscard]] QString redactUrl(const QString& text);

} // namespace retort
