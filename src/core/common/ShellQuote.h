#pragma once

#include <QString>

namespace retort {

// `text` as one word for a POSIX shell, for the equivalent commands Retort shows ("alembic merge
// -m ..."): as is when it holds only characters a shell leaves alone, otherwise double-quoted with
// ", \, $ and ` escaped. `always` quotes even plain words (messages read better quoted).
[[nodiscard]] QString shellQuoted(const QString& text, bool always = false);

} // namespace retort
