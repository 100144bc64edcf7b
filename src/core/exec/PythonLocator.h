#pragma once

// Which Python runs a project's Alembic (DESIGN.md "The Alembic bridge").
//
// Auto-detection, in this order, for a project folder (the folder of alembic.ini):
//   1. <project>/.venv/bin/python        (a project virtualenv; uv and `python -m venv` make it)
//   2. <project>/venv/bin/python
//   3. `uv run python`                   when <project>/uv.lock exists and `uv` is on PATH
//   4. `poetry run python`               when <project>/poetry.lock exists and `poetry` is on PATH
//   5. a system python3 that can `import alembic`: /usr/bin/python3, /usr/local/bin/python3, then
//      `python3` in each PATH directory, each probed for the alembic and sqlalchemy packages (the first
//      python3 on PATH is often a pyenv or virtualenv interpreter without Alembic, so PATH alone is
//      not trusted). Probe results are cached for the life of the process.
// The project-specific candidates (1-4) are not probed: when they cannot import Alembic, the bridge
// says so ("alembic-not-installed") rather than silently running a different Alembic.
//
// Overrides (per project, stored by the GUI, or retort-cli --python / --compose-service):
//   - an interpreter path: used as is (a wrong path is reported when the bridge starts);
//   - a compose service: `docker compose [-f FILE] [--project-directory DIR] exec -T [-w WORKDIR]
//     SERVICE PYTHON -`, the bridge script on stdin. The config path given to the bridge is then
//     relative to the container's working directory (default: alembic.ini). Cancelling stops the
//     local `docker compose` client; whether the process inside the container ends depends on the
//     engine (`exec` does not forward signals); Retort reports that it cannot confirm it.

#include "core/common/Error.h"

#include <QString>
#include <QStringList>

namespace retort {

enum class InterpreterKind {
    Override,   // a path the user chose
    DotVenv,    // <project>/.venv/bin/python
    Venv,       // <project>/venv/bin/python
    Uv,         // uv run python
    Poetry,     // poetry run python
    System,     // a probed system python3
    Compose     // docker compose exec -T SERVICE python -
};

[[nodiscard]] QString interpreterKindName(InterpreterKind kind); // "override", "venv", "uv", ...

// Running a bridge inside a compose service.
struct ComposeTarget
{
    QString service;          // required
    QString composeFile;      // -f FILE ("" = compose's default lookup from the project directory)
    QString projectDirectory; // --project-directory DIR ("" = the Alembic project folder)
    QString workdir;          // -w DIR inside the container ("" = the service's working_dir)
    QString python = QStringLiteral("python"); // interpreter name inside the container
    QString configPath = QStringLiteral("alembic.ini"); // the ini, relative to the container's workdir
};

// The user's per-project choice; empty = auto-detect.
struct InterpreterChoice
{
    QString interpreter; // absolute path of a python executable
    ComposeTarget compose; // used when compose.service is not empty

    [[nodiscard]] bool isAuto() const { return interpreter.isEmpty() && compose.service.isEmpty(); }
};

// How to start Python with the bridge script on stdin: `program prefixArguments... - bridgeArgs...`.
struct PythonCommand
{
    InterpreterKind kind = InterpreterKind::System;
    QString program;              // executable (absolute path when found on disk)
    QStringList prefixArguments;  // {"run", "python"} for uv; the compose arguments for Compose
    QString description;          // for people: "/p/.venv/bin/python (project .venv)"
    QStringList notes;            // how it was chosen, candidates skipped and why
    bool remote = false;          // paths are inside a container (compose)
    QString remoteConfigPath;     // compose: the config path inside the container

    // program + prefixArguments + "-" + scriptArguments, as one list (for display and tests).
    [[nodiscard]] QStringList commandLine(const QStringList& scriptArguments) const;
    // prefixArguments + "-" + scriptArguments (what QProcess::start takes after the program).
    [[nodiscard]] QStringList arguments(const QStringList& scriptArguments) const;
};

class PythonLocator
{
public:
    // The interpreter for the project in `projectDir` (see above). Errors: "python-not-found"
    // (nothing usable, with every candidate tried in the hint) and "python-bad-override".
    static Result<PythonCommand> locate(const QString& projectDir, const InterpreterChoice& choice = {});

    // The `docker compose ... exec -T SERVICE python` command (no Docker engine is contacted).
    static PythonCommand composeCommand(const ComposeTarget& target, const QString& projectDir);

    // System candidates in probe order (existing files only, canonical paths, duplicates removed).
    static QStringList systemCandidates();
    // Where the project's environment may be: alembic.ini's folder and the folders above it up to
    // the repository's root (or the Python project's root), nearest first.
    static QStringList environmentFolders(const QString& projectDir);
    // Runs `program prefix... -c ...` asking whether the alembic and sqlalchemy packages can be found
    // (importlib.util.find_spec: one bare interpreter start, nothing imported); ok when it exits 0
    // within `timeoutMs`.
    // The error carries the interpreter's stderr (e.g. "No module named 'alembic'").
    static Status probe(const QString& program, const QStringList& prefixArguments = {}, int timeoutMs = 20000);
    // The first system candidate that can import alembic (cached per process).
    static Result<QString> findSystemPython();
};

} // namespace retort
