#pragma once

#include "core/common/Error.h"

#include <QString>
#include <QStringList>

namespace retort::app {

// What `retort` was asked to do on its command line:
//   retort [--project DIR|alembic.ini] [--url URL] [--select REV] [--screenshot FILE.png]
//          [--report FILE.json] [--size WxH] [--theme system|light|dark] [--bench]
struct AppOptions
{
    QString project;      // folder or alembic.ini; "" = the demo project
    QString url;          // database URL; "" = the project's own (or the demo database)
    QString select;       // revision identifier to select once the project has loaded
    QString screenshot;   // write a PNG of the main window and exit (absolute path)
    QString report;       // write what the window shows as JSON and exit (absolute path; "-" = stdout)
    QString theme;        // "system" | "light" | "dark" for this run ("" = the one chosen in View ▸ Theme)
    int width = 1400;     // window size for --screenshot / --bench
    int height = 900;
    bool bench = false;   // print open-to-first-paint and paint timings as JSON and exit

    // Parses `arguments` (argv, program name first). Unknown options and bad values are an Error
    // (exit status 2); `--help` / `--version` are handled by the caller through `helpRequested`.
    // Works before QApplication exists (--help and --version need no display).
    static Result<AppOptions> parse(const QStringList& arguments);

    // --screenshot or --report: the window is rendered offscreen and the program exits.
    [[nodiscard]] bool isHeadless() const { return !screenshot.isEmpty() || !report.isEmpty(); }

    bool helpRequested = false;
    bool versionRequested = false;
    QString helpText;
};

} // namespace retort::app
