#pragma once

#include "core/common/Error.h"

#include <QString>
#include <QStringList>

namespace retort::app {

// What `retort` was asked to do on its command line:
//   retort [--project DIR|alembic.ini] [--url URL] [--select REV] [--screenshot FILE.png]
//          [--size WxH] [--bench]
struct AppOptions
{
    QString project;      // folder or alembic.ini; "" = the demo project
    QString url;          // database URL; "" = the project's own (or the demo database)
    QString select;       // revision identifier to select once the project has loaded
    QString screenshot;   // write a PNG of the main window and exit
    int width = 1400;     // window size for --screenshot / --bench
    int height = 900;
    bool bench = false;   // print open-to-first-paint and paint timings as JSON and exit

    // Parses `arguments` (argv, program name first). Unknown options and bad values are an Error
    // (exit status 2); `--help` / `--version` are handled by the caller through `helpRequested`.
    static Result<AppOptions> parse(const QStringList& arguments);

    bool helpRequested = false;
    bool versionRequested = false;
    QString helpText;
};

} // namespace retort::app
