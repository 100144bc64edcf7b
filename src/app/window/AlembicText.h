#pragma once

// How the window words the Alembic version Retort follows for the open project, the same in the
// status bar and in the About box (issue #13: the version whose rules every plan follows is the
// one `retort-cli --version -p` and the doctor name).

#include "core/alembic/AlembicVersion.h"

#include <QString>

namespace retort::app::AlembicText {

// "1.8.1", or "not found" when no interpreter with Alembic was found (Retort keeps its defaults).
[[nodiscard]] QString version(const AlembicInstallation& alembic);
// The status bar's label: "Alembic 1.8.1", or "Alembic: not found".
[[nodiscard]] QString label(const AlembicInstallation& alembic);
// Where it was found (the interpreter, the file the version was read from) and that Retort
// follows that version's rules; when not found, why, and the rules Retort keeps then.
[[nodiscard]] QString toolTip(const AlembicInstallation& alembic);

} // namespace retort::app::AlembicText
