#pragma once

// Project loading for every retort-cli command that reads an Alembic project: the core's one
// loading policy (ProjectLoader, the same the window uses), plus how its notes reach stderr.

#include "cli/Cli.h"
#include "core/common/Error.h"
#include "core/workspace/DatabaseState.h"
#include "core/workspace/ProjectLoader.h"

namespace retort::cli {

// The interpreter for this run, in the window's order (InterpreterMemory::resolve): `given` (a
// command's own --python / --compose-* options), else the global --python, else the one chosen for
// the project in the window (File ▸ Python Interpreter…), else automatic detection.
InterpreterChoice interpreterFor(const Context& context, const InterpreterChoice& given = {});

// The load the global options name: -p DIR|alembic.ini, or --versions DIR [--recursive], or the
// current folder; `python` answers for values only Alembic can read (default: interpreterFor's).
LoadRequest loadRequestFor(const Context& context, const InterpreterChoice& python = {});

// The configuration the global options name, nothing read yet.
Result<ProjectConfig> locateProjectFor(const Context& context);

// Loads with ProjectLoader and says on stderr what the load noticed, in the order it happened:
// the project's warnings, the note that values were read through Alembic, the graph's warnings.
// Returns the snapshot Alembic would accept, or the reason it would refuse the project
// (unreadable project, values Python could not resolve, a graph problem: exit 2 for callers).
Result<std::shared_ptr<ProjectSnapshot>> loadForCommand(const Context& context, const LoadRequest& request);
Result<std::shared_ptr<ProjectSnapshot>> loadForCommand(const Context& context, const LoadRequest& request,
                                                        ProjectConfig located);
// The same, keeping a project whose graph Alembic refuses (bootstrap repairs it); the other
// reasons still fail the load.
Result<std::shared_ptr<ProjectSnapshot>> loadForRepair(const Context& context, const LoadRequest& request,
                                                       ProjectConfig located);

// The same load for the doctor: the snapshot also when Alembic would refuse the project (the
// doctor explains why); an Error only when the project cannot be located.
Result<std::shared_ptr<ProjectSnapshot>> loadForDoctor(const Context& context, const LoadRequest& request);

// The database --url names, as the window reads it (readDatabaseState: the project's version
// table, found in another schema when env.py points elsewhere; a relative SQLite path against the
// project folder). Errors: a bad URL ("db-url", exit 2 for callers) or the database's.
// `timeoutMs` (0 = the default limits) bounds the read: a lock another session holds on the
// version table ends it with an error instead of a hang (a run's --timeout covers its read).
Result<DatabaseState> databaseStateFor(const Context& context, const ProjectSnapshot& snapshot, int timeoutMs = 0);
// Its alembic_version rows (a SQLite file that does not exist yet: none, Alembic starts at base).
Result<QStringList> databaseHeadsFor(const Context& context, const ProjectSnapshot& snapshot, int timeoutMs = 0);

} // namespace retort::cli
