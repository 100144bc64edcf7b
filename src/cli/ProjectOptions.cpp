#include "cli/ProjectOptions.h"

#include "core/exec/AlembicLoader.h"

#include <QDir>
#include <QSet>

namespace retort::cli {

Result<LoadedProject> loadProjectFor(const Context& context, UnresolvedValues unresolved)
{
    const GlobalOptions& options = context.options();
    Result<LoadedProject> project = !options.versionsDir.isEmpty()
                                        ? loadVersionsDir(options.versionsDir, options.recursive)
                                        : loadProject(options.project.isEmpty() ? QDir::currentPath() : options.project);
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
    if (unresolved == UnresolvedValues::LoadThroughAlembic && !project->config.isBareVersionsDir()
        && needsAlembicLoad(*project)) {
        Result<LoadedProject> exact = resolveWithAlembic(*project);
        if (!exact)
            return exact.error();
        if (!exact->warnings.isEmpty())
            context.warn(QStringLiteral("note: ") + exact->warnings.constFirst().message);
        return exact;
    }
    return project;
}

} // namespace retort::cli
