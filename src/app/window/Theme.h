#pragma once

#include <QString>

namespace retort::app {

// The application's colours: the desktop's own (System), or Qt's Fusion style with a light or a
// dark palette of Retort's, so dark mode works on any desktop (no qt6ct needed). The choice is
// remembered in the settings ("View/theme") and applied at start-up.
namespace Theme {

enum class Choice { System, Light, Dark };

// Remembers the platform's own style and palette; call once after QApplication is created and
// before any other Theme function.
void captureSystemDefaults();
// Applies `choice` to the whole application (every widget gets a PaletteChange).
void apply(Choice choice);
[[nodiscard]] Choice current();
[[nodiscard]] Choice saved();
void save(Choice choice);
[[nodiscard]] QString settingsValue(Choice choice); // "system" | "light" | "dark"

} // namespace Theme

} // namespace retort::app
