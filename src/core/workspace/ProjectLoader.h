#pragma once

// How Retort loads an Alembic project, for every front end (the window, retort-cli, the
// benchmarks): one policy, so they cannot disagree.
//
//  0. find the project's Alembic version (the interpreter PythonLocator picks, AlembicDetector:
//     from its files, else asked once and cached), or take the one the request gives: the
//     configuration, the graph and every plan follow that version's rules (AlembicVersion);
//  1. locate the project (alembic.ini / pyproject.toml, or a bare versions folder);
//  2. read every revision file statically (parse cache, folded literal expressions);
//  3. evaluate the values left with the names the user defined (--define), then ask the project's
//     own Alembic for exactly the files still unresolved (one import each, in one Python process;
//     the window and the CLI use the same interpreter choice);
//  4. build the graph once, Lenient, so a broken history still shows with each problem attached
//     to its revision; and say whether Alembic would accept it (`commandError`: the first problem
//     that makes `alembic heads/upgrade` fail, with Alembic's message - Strict mode's answer).
//
// Commands (heads, history, plan, sql, runs) use `commandGraph()`, which is the graph when
// Alembic accepts the project and the error otherwise; display uses `graph` whatever happens.

#include "core/alembic/Project.h"
#include "core/alembic/ProjectScanner.h"
#include "core/common/Error.h"
#include "core/common/Problem.h"
#include "core/exec/PythonLocator.h"
#include "core/graph/GraphLayout.h"
#include "core/graph/RevisionGraph.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace retort {

struct LoadRequest
{
    QString project;          // folder, alembic.ini or pyproject.toml ("" and no versionsDir: none)
    QString versionsDir;      // a bare versions folder instead of a project (retort-cli --versions)
    bool recursive = false;   // with versionsDir: also its sub-folders
    InterpreterChoice python; // the interpreter that answers for non-literal values (empty = auto-detect)
    QStringList defines;      // NAME=VALUE for names revision files use but do not define (no Python)
    // Ask Alembic for values the static reader cannot evaluate. Off: they stay unresolved, the
    // revisions concerned carry the problem and commands refuse the project (the doctor's view).
    bool resolveWithPython = true;
    CachedText text = CachedText::Full; // docstrings/messages of cached files (ScanOptions::text)
    // Keep LoadedProject::files after the graph is built (the window and the doctor read them);
    // off, the graph takes their strings (faster; retort-cli).
    bool keepFiles = true;
    // Lane layout, row maps and the search haystack for a graph view (built on the loading thread).
    bool forDisplay = false;
    const ProjectSurvey* survey = nullptr; // a survey of the same project taken just before
    // Follow this Alembic version ("1.19.1") instead of detecting the interpreter's (retort-cli
    // --alembic-version, tests). Empty: detect it.
    QString alembicVersion;
};

struct ProjectSnapshot
{
    LoadRequest request;          // what was asked (survey pointer cleared)
    LoadedProject project;        // configuration and (with keepFiles) the revision files
    RevisionGraph graph;          // Lenient: always built, problems attached to revisions
    std::optional<Error> commandError; // why Alembic would refuse the project; empty: it accepts it
    // Where the load met commandError: the project itself (an unreadable location, ...), the
    // values only Python can read, or the graph (Strict mode's error).
    enum class Stage { None, Project, Python, Graph };
    Stage failedAt = Stage::None;
    Problems problems;            // every problem and warning of the load, each with its revision
    QStringList notes;            // what the load did that the user should know ("read through Alembic: ...")
    bool resolvedWithPython = false;
    // Without keepFiles: what the graph left of the files (names, headers), freed with the
    // snapshot rather than during the load (~2 ms at 10,000 files; retort-cli keeps its snapshot
    // until it exits).
    QVector<RevisionFile> spentFiles;

    // forDisplay only:
    GraphLayout layout;
    QVector<int> rowToRevision;   // view row -> graph index (history order, newest first)
    QVector<int> revisionToRow;   // graph index -> view row
    QVector<QString> searchText;  // graph index -> "id\nmessage" lower-case

    qint64 scanMs = 0, resolveMs = 0, graphMs = 0, layoutMs = 0, loadMs = 0;

    // The graph Alembic would accept, or the reason it refuses the project.
    [[nodiscard]] bool isRunnable() const { return !commandError.has_value(); }
    [[nodiscard]] Result<const RevisionGraph*> commandGraph() const;
    [[nodiscard]] bool isBareVersionsDir() const { return project.config.isBareVersionsDir(); }
};

using SnapshotPtr = std::shared_ptr<const ProjectSnapshot>;

class ProjectLoader
{
public:
    // Steps 0 and 1: the configuration `request` names, read with the rules of the project's
    // Alembic (ProjectConfig::alembic) ("project-not-found", "config-syntax", ...).
    static Result<ProjectConfig> locate(const LoadRequest& request);
    // Step 0 alone: the Alembic the project runs, as `request` names or finds it.
    static AlembicInstallation alembicFor(const LoadRequest& request);
    // Steps 1-4. An Error only when the project cannot be located or its configuration read;
    // everything else (broken files, a graph Alembic refuses, Python missing) is in the snapshot.
    static Result<std::shared_ptr<ProjectSnapshot>> load(const LoadRequest& request);
    // Steps 2-4 for a configuration located already.
    static std::shared_ptr<ProjectSnapshot> load(const LoadRequest& request, ProjectConfig config);
};

} // namespace retort
