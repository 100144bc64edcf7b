#pragma once

namespace retort::app {

struct AppOptions;

// `retort --bench --project DIR`: opens the project in a real main window (no database, no
// SQL preview) and prints JSON timings: the empty window shown (window_shown_ms), open-to-first-
// painted-graph (open_to_first_paint_ms, from openProject(); scan/graph/layout on the worker
// broken down), per-frame repaint of the graph while scrolling (median, p95, max), and resident
// memory (also after glibc's malloc_trim, to separate live data from freed heap). Exit status 0, or 1 when the
// project cannot be loaded.
namespace GuiBench {
int run(const AppOptions& options);
}

} // namespace retort::app
