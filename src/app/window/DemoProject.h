#pragma once

#include <QString>

namespace retort::app {

// The demo Alembic project the app opens when no project is given, and where its database lives.
namespace DemoProject {

// The installed copy (<datadir>/retort/examples/cityscope) when present, else the source tree's
// examples/cityscope; "" when neither exists.
QString location();

// True when `projectPath` (folder or alembic.ini) is the demo project.
bool isDemo(const QString& projectPath);

// sqlite:///<AppLocalDataLocation>/cityscope-demo.db, creating the folder (never inside the
// source or installed tree: they may be read-only and must stay pristine).
QString databaseUrl();

} // namespace DemoProject

} // namespace retort::app
