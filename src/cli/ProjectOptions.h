#pragma once

// Project loading shared by every retort-cli command that reads an Alembic project.

#include "cli/Cli.h"
#include "core/alembic/Project.h"
#include "core/common/Error.h"

namespace retort::cli {

// The project named by the global options: -p DIR|alembic.ini, or --versions DIR [--recursive],
// or the current folder. Project-level problems (a version location that does not exist, an
// unreadable alembic.ini) are an Error (exit 2 for the caller); problems inside single revision
// files stay in LoadedProject::files for the graph to judge.
//
// When the static parser left a value unresolved (e.g. `branch_labels = (cli.EXPAND_BRANCH,)`),
// the names given with --define are tried first (no Python); then LoadThroughAlembic imports just
// the files still unresolved with the project's own Alembic loader (--python or the interpreter
// PythonLocator finds; bare versions folders too) and says so on stderr; KeepStatic returns the
// parse as it is then (the doctor reports the unresolved values; the exec commands resolve them
// with the interpreter the user chose).
enum class UnresolvedValues { LoadThroughAlembic, KeepStatic };
Result<LoadedProject> loadProjectFor(const Context& context,
                                     UnresolvedValues unresolved = UnresolvedValues::LoadThroughAlembic);

// The configuration the global options name, nothing read yet (what loadProjectFor starts with).
Result<ProjectConfig> locateProjectFor(const Context& context);
// loadProjectFor for a configuration already located, read with `options` (e.g. a survey of it
// taken with ProjectScanner::survey, so the folders are not listed and the files not stat'ed again).
Result<LoadedProject> loadProjectFor(const Context& context, ProjectConfig config, const ScanOptions& options,
                                     UnresolvedValues unresolved = UnresolvedValues::LoadThroughAlembic);

} // namespace retort::cli
