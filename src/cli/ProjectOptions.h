#pragma once

// Project loading shared by every retort-cli command that reads an Alembic project.

#include "cli/Cli.h"
#include "core/alembic/Project.h"
#include "core/common/Error.h"
#include "core/graph/RevisionGraph.h"

namespace retort::cli {

// The project named by the global options: -p DIR|alembic.ini, or --versions DIR [--recursive],
// or the current folder. Project-level problems (a version location that does not exist, an
// unreadable alembic.ini) are an Error (exit 2 for the caller); problems inside single revision
// files stay in LoadedProject::files for the graph to judge.
Result<LoadedProject> loadProjectFor(const Context& context);

// loadProjectFor + RevisionGraph::build. In Strict mode a fatal graph problem is the Error, with
// Alembic's message. Non-fatal problems (a duplicate revision id) are printed as warnings on stderr.
Result<RevisionGraph> loadGraphFor(const Context& context, RevisionGraph::Mode mode = RevisionGraph::Mode::Strict,
                                   LoadedProject* projectOut = nullptr);

} // namespace retort::cli
