#pragma once

// Alembic's own reading of revision files, through the bridge: the fallback for the values the
// static parser could not fold (e.g. `branch_labels = (cli.EXPAND_BRANCH,)`).
//
// How retort-cli (cli::loadProjectFor) uses it, and how the window can:
//
//     Result<LoadedProject> project = loadProject(path);
//     defines.resolve(*project);                      // --define NAME=VALUE, no Python (NameDefines)
//     if (project.ok() && needsAlembicLoad(*project)) {
//         Result<LoadedProject> exact = resolveWithAlembic(*project);   // locates Python itself
//         if (!exact.ok()) return exact.error();   // names the file, line, expression and the fix
//         project = exact;                         // warnings() names the files read by Alembic
//     }
//
// Only the files with unresolved values are imported, in one Python process, each with Alembic's
// loader (bridge op `scripts`: Script._from_path, i.e. alembic.util.load_python_file): the cost is
// one Python start plus those imports, and the graph is still built from the static parse. A
// bare versions folder (no alembic.ini) works too: its files are imported with Alembic's loader,
// or with importlib the same way when the interpreter has no Alembic.

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

// `files` (revision files of `config`, as the static parser read them) with the values Alembic's
// loader gives when it imports just these files (bridge op `scripts`, one process): revision,
// down_revision, branch_labels, depends_on, the docstring and message, and whether upgrade() /
// downgrade() exist come from Python; line numbers, "Create Date:" and the "Revises:" header stay
// the static parser's; `unresolved` and the file's problems are cleared. Same order as `files`.
// Errors: the bridge's (python-not-found, alembic-not-installed, config errors, ...), and
// "revision-import-failed" naming the first file that cannot be imported, the line and Python's
// error, as Alembic's own load of the project fails on it. *loaderUsed (when given) says how the
// files were loaded: "alembic" (Alembic's loader) or "importlib" (an interpreter without Alembic);
// *modulesLoaded the files of the modules those imports loaded (absolute, sorted).
Result<QVector<RevisionFile>> importRevisionFiles(const ProjectConfig& config, const QVector<RevisionFile>& files,
                                                  const PythonCommand& python, const std::atomic_bool* cancel = nullptr,
                                                  QString* loaderUsed = nullptr, QStringList* modulesLoaded = nullptr);

// True when some file has a value the static parser could not read.
[[nodiscard]] bool needsAlembicLoad(const LoadedProject& project);

// `project` with the files that have unresolved values replaced by importRevisionFiles' reading
// of just those files, their problems dropped, and a warning (code "loaded-via-alembic") naming
// the values, the files and the interpreter, so the caller can say so. The answer is kept in the
// import cache (ImportCache; not for an interpreter in a container, not with the parse cache
// off) and taken from there while the files, the modules their import loaded, the configuration
// and the interpreter keep their stamps: the note then says the values were remembered. When Python cannot be run
// (no interpreter, no Alembic, a broken configuration), the error (code "unresolved-value") names
// the first value's file, line and expression, the cause, and the fix (the project's interpreter,
// or --define for the names it uses); "revision-import-failed" and "cancelled" pass unchanged.
Result<LoadedProject> resolveWithAlembic(const LoadedProject& project, const PythonCommand& python);

// Where resolveWithAlembic keeps what `python` said about `config`'s non-literal files, and the key
// it is kept under (both "" when nothing is kept: an interpreter in a container, caches off).
struct ImportRecordName
{
    QString file;
    QString key;
};
[[nodiscard]] ImportRecordName importRecordFor(const ProjectConfig& config, const PythonCommand& python);
// Whether `recordFile` is the record resolveWithAlembic would read for `config` with the interpreter
// `choice` finds, and would take (ImportCache::holds: nothing the import read has changed).
[[nodiscard]] bool importStillHolds(const ProjectConfig& config, const InterpreterChoice& choice, const QString& recordFile);
// The same with the interpreter PythonLocator finds for the project (or `choice`).
Result<LoadedProject> resolveWithAlembic(const LoadedProject& project);
Result<LoadedProject> resolveWithAlembic(const LoadedProject& project, const InterpreterChoice& choice);

} // namespace retort
