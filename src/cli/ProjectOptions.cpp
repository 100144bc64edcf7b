#include "cli/ProjectOptions.h"

#include "core/alembic/NameDefines.h"
#include "core/alembic/ProjectLocator.h"
#include "core/exec/AlembicLoader.h"

#include <QDir>
#include <QSet>

namespace retort::cli {

namespace {

Result<LoadedProject> checked(const Context& context, Result<LoadedProject> project, UnresolvedValues unresolved)
{
    if (!project)
        return project.error();
    // ScanResult::problems holds the project-level problems plus a copy of every file's own
    // problems; only the former make the project unreadable as a whole.
    QSet<QString> fileProblems;
    for (const RevisionFile& f : std::as_const(project->files)) {
        for (const Error& e : f.problems)
            fileProblems.insert(e.toString());
    }
    for (const Error& e : std::as_const(project->problems)) {
        if (!fileProblems.contains(e.toString()))
            return e;
    }
    for (const Error& w : std::as_const(project->warnings))
        context.warn(QStringLiteral("warning: ") + w.toString());
    // --define first (no Python), then Python for exactly the files still unresolved.
    const Result<NameDefines> defines = NameDefines::parse(context.options().defines); // checked in main
    if (defines && defines->resolve(*project) > 0)
        context.warn(QStringLiteral("note: ") + project->warnings.constFirst().message);
    if (unresolved == UnresolvedValues::LoadThroughAlembic && needsAlembicLoad(*project)) {
        InterpreterChoice choice;
        choice.interpreter = context.options().python;
        Result<LoadedProject> exact = resolveWithAlembic(*project, choice);
        if (!exact)
            return exact.error();
        if (!exact->warnings.isEmpty())
            context.warn(QStringLiteral("note: ") + exact->warnings.constFirst().message);
        return exact;
    }
    return project;
}

} // namespace

Result<ProjectConfig> locateProjectFor(const Context& context)
{
    const GlobalOptions& options = context.options();
    return !options.versionsDir.isEmpty()
               ? ProjectLocator::forVersionsDir(options.versionsDir, options.recursive)
               : ProjectLocator::locate(options.project.isEmpty() ? QDir::currentPath() : options.project);
}

Result<LoadedProject> loadProjectFor(const Context& context, UnresolvedValues unresolved)
{
    Result<ProjectConfig> config = locateProjectFor(context);
    if (!config)
        return config.error();
    return loadProjectFor(context, std::move(config.value()), ScanOptions {}, unresolved);
}

Result<LoadedProject> loadProjectFor(const Context& context, ProjectConfig config, const ScanOptions& options,
                                     UnresolvedValues unresolved)
{
    return checked(context, loadConfigured(std::move(config), options), unresolved);
}

} // namespace retort::cli
