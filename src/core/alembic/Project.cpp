#include "core/alembic/Project.h"

#include "core/alembic/ProjectLocator.h"
#include "core/alembic/ProjectScanner.h"
#include "core/log/Log.h"

#include <QElapsedTimer>

namespace retort {

namespace {

Result<LoadedProject> load(Result<ProjectConfig> config)
{
    if (!config.ok())
        return config.error();
    return loadConfigured(std::move(config.value()), ScanOptions {});
}

} // namespace

LoadedProject loadConfigured(ProjectConfig config, const ScanOptions& options)
{
    QElapsedTimer timer;
    timer.start();
    ScanResult scan = ProjectScanner::scan(config, options);
    LoadedProject project;
    project.config = std::move(config);
    project.files = std::move(scan.files);
    project.problems = std::move(scan.problems);
    project.warnings = std::move(scan.warnings);
    log::info(log::Area::Project, QStringLiteral("read %1 revision files from %2 in %3 ms (%4 problems)")
                                      .arg(project.files.size())
                                      .arg(project.config.isBareVersionsDir() ? project.config.rootDir : project.config.configFile)
                                      .arg(timer.elapsed())
                                      .arg(project.problems.size()));
    for (const Error& w : std::as_const(project.warnings))
        log::warn(log::Area::Project, w.message);
    return project;
}

Result<LoadedProject> loadProject(const QString& folderOrConfigFile)
{
    return load(ProjectLocator::locate(folderOrConfigFile));
}

Result<LoadedProject> loadVersionsDir(const QString& dir, bool recursive)
{
    return load(ProjectLocator::forVersionsDir(dir, recursive));
}

} // namespace retort
