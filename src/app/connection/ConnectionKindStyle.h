#pragma once

// How the window shows a connection's kind (development / staging / production): its name for
// people and its colour (green, amber, red), the same in the status bar, the band above the graph,
// the connection dialog and the confirmation before a run.

#include "core/db/ConnectionKind.h"

#include <QColor>
#include <QString>

namespace retort::app::ConnectionKindStyle {

[[nodiscard]] QString text(ConnectionKind kind);     // "development", "staging", "production" (translated)
[[nodiscard]] QColor color(ConnectionKind kind);     // the kind's colour (the band's and the dot's)
[[nodiscard]] QColor textColor(ConnectionKind kind); // readable on color()

} // namespace retort::app::ConnectionKindStyle
