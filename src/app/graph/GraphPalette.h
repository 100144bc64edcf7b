#pragma once

#include <QColor>
#include <QPalette>
#include <QVector>

namespace retort::app {

// Colours of the revision graph and its markers, derived from the widget palette so the graph
// follows the system's light or dark scheme. Recomputed on QEvent::PaletteChange.
struct GraphPalette
{
    bool dark = false;
    QColor text;
    QColor mutedText;
    QColor appliedBackground;   // rows the database holds
    QColor pendingBackground;   // rows still to apply (transparent in light mode: plain base)
    QColor current;             // the database's current revision(s): marker and badge
    QColor currentText;
    QColor head;                // head badge
    QColor base;
    QColor branchPoint;
    QColor merge;
    QColor dependsOn;           // depends_on edges (dashed)
    QColor highlight;           // revisions an identifier in the search box would run
    QColor running;             // the step being run
    QColor failed;
    QColor label;               // branch label badge
    QColor labelText;
    QVector<QColor> lanes;      // lane colours, cycled

    [[nodiscard]] QColor laneColor(int colorIndex) const
    {
        return lanes.isEmpty() ? text : lanes.at(((colorIndex % lanes.size()) + lanes.size()) % lanes.size());
    }

    static GraphPalette fromPalette(const QPalette& palette);
    static bool isDark(const QPalette& palette);
};

} // namespace retort::app
