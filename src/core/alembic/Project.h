#pragma once

#include "core/alembic/ProjectConfig.h"
#include "core/alembic/ProjectScanner.h"
#include "core/alembic/RevisionFile.h"
#include "core/common/Error.h"

#include <QList>
#include <QString>
#include <QVector>

namespace retort {

// A project as read from disk: where things are, every revision file (in scan order), and the
// problems met on the way. A project with problems still loads where Alembic would; callers
// decide (the graph in Strict mode turns them into Alembic's errors).
struct LoadedProject
{
    ProjectConfig config;
    QVector<RevisionFile> files;
    QList<Error> problems;
    QList<Error> warnings; // non-fatal (see ScanResult::warnings)
    // The import cache file (ImportCache) the non-literal values were taken from; "" when Python
    // was asked this time, or nothing needed it (resolveWithAlembic).
    QString rememberedImport;
};

// ProjectLocator::locate + ProjectScanner::scan. Fails only when the project itself cannot be
// found or its configuration cannot be read. Blocking (it parses on a thread pool and waits):
// GUI code calls it from a worker (QtConcurrent::run), never from the GUI thread.
Result<LoadedProject> loadProject(const QString& folderOrConfigFile);
// ProjectScanner::scan of a configuration already located (ProjectLocator), with `options`.
LoadedProject loadConfigured(ProjectConfig config, const ScanOptions& options);
// ProjectLocator::forVersionsDir + ProjectScanner::scan.
Result<LoadedProject> loadVersionsDir(const QString& dir, bool recursive);

} // namespace retort
