#pragma once

// The exact revision map, loaded by the project's own Alembic through the bridge: the fallback
// when the static parser left a value unresolved (e.g. `branch_labels = (cli.EXPAND_BRANCH,)`).
//
// How retort-cli / the GUI use it (cli::loadProjectFor, the project loader):
//
//     Result<LoadedProject> project = loadProject(path);
//     if (project.ok() && needsAlembicLoad(*project)) {
//         Result<LoadedProject> exact = resolveWithAlembic(*project);   // locates Python itself
//         if (!exact.ok()) return exact.error();   // say why (no Python, Alembic error, ...)
//         project = exact;                         // warnings() now says it was loaded by Alembic
//     }
//
// Slower than the static parse (Python start-up plus importing every revision file), so it is
// only used when a value is unresolved.

#include "core/alembic/Project.h"
#include "core/alembic/ProjectConfig.h"
#include "core/alembic/RevisionFile.h"
#include "core/common/Error.h"
#include "core/exec/PythonLocator.h"

#include <QString>
#include <QVector>

#include <atomic>

namespace retort {

// The revision files as Alembic loads them (ScriptDirectory.walk_revisions over every revision
// module), in the static scanner's file order. Each file is also read statically for what only
// the source has (line numbers, "Create Date:", the "Revises:" header); revision, down_revision,
// branch_labels, depends_on, docstring and message are Alembic's values, and `unresolved` is empty.
// Errors: those of the bridge (python-not-found, alembic-not-installed, alembic-error with
// Alembic's message, ...); "project-bare-versions-dir" for a project without alembic.ini.
Result<QVector<RevisionFile>> loadRevisionsViaAlembic(const ProjectConfig& config, const PythonCommand& python,
                                                      const std::atomic_bool* cancel = nullptr);
// The same with the project's interpreter located automatically (PythonLocator::locate).
Result<QVector<RevisionFile>> loadRevisionsViaAlembic(const ProjectConfig& config);

// True when some file has a value the static parser could not read.
[[nodiscard]] bool needsAlembicLoad(const LoadedProject& project);

// `project` with its files replaced by loadRevisionsViaAlembic's, the per-file "unresolved"
// problems dropped, and a warning (code "loaded-via-alembic") naming the unresolved values and the
// interpreter used, so the caller can say so.
Result<LoadedProject> resolveWithAlembic(const LoadedProject& project, const PythonCommand& python);
Result<LoadedProject> resolveWithAlembic(const LoadedProject& project);

} // namespace retort
