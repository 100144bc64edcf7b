#pragma once

#include <QString>

namespace retort {

// The one place a database URL (or any text containing URLs / libpq connection strings) is made
// safe to show: every password is replaced with "***". Used by every log line, message, setting
// and error that could show a URL. Handles "scheme://user:pass@host", "password=..." key/value
// pairs (libpq conninfo, query strings) and leaves text without credentials untouched.
[[nodiscard]] QString redactUrl(const QString& text);

} // namespace retort
