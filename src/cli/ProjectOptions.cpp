#include "cli/ProjectOptions.h"

#include "core/workspace/InterpreterMemory.h"

#include <QDir>
#include <QFileInfo>

#include <utility>

namespace retort::cli {

namespace {

// What the load noticed, on stderr, as it was noticed: nothing more once it hit the problem that
// stops the command.
void reportNotes(const Context& context, const ProjectSnapshot& snapshot)
{
    using Stage = ProjectSnapshot::Stage;
    if (snapshot.failedAt == Stage::Project)
        return;
    for (const Error& w : snapshot.project.warnings) {
        if (w.code != QLatin1String("loaded-via-alembic") && w.code != QLatin1String("resolved-with-define"))
            context.warn(QStringLiteral("warning: ") + w.toString());
    }
    // Notes come before a Python failure (a --define that resolved some values) or with success.
    for (const QString& note : snapshot.notes)
        context.warn(QStringLiteral("note: ") + note);
    if (snapshot.failedAt == Stage::Python || snapshot.failedAt == Stage::Graph)
        return;
    for (const GraphProblem& p : snapshot.graph.problems()) {
        if (!p.fatal)
            context.warn(QStringLiteral("warning: ") + p.toError().toString());
    }
}

} // namespace

InterpreterChoice interpreterFor(const Context& context, const InterpreterChoice& given)
{
    const GlobalOptions& options = context.options();
    InterpreterChoice choice = given;
    if (choice.isAuto())
        choice.interpreter = options.python; // --python, global
    const QString project = !options.project.isEmpty()       ? options.project
                            : !options.versionsDir.isEmpty() ? options.versionsDir
                                                             : QDir::currentPath();
    const InterpreterChoice resolved =
        InterpreterMemory::resolve(project, choice.isAuto() ? std::nullopt : std::optional<InterpreterChoice>(choice));
    static bool told = false; // once per run, however often the options are read
    if (choice.isAuto() && !resolved.isAuto() && !std::exchange(told, true))
        context.warn(QStringLiteral("note: the Python interpreter chosen for this project in Retort's window: %1 (--python overrides it)")
                         .arg(resolved.compose.service.isEmpty() ? resolved.interpreter
                                                                 : QStringLiteral("compose service ") + resolved.compose.service));
    return resolved;
}

LoadRequest loadRequestFor(const Context& context, const InterpreterChoice& python)
{
    const GlobalOptions& options = context.options();
    LoadRequest request;
    request.project = options.project;
    request.versionsDir = options.versionsDir;
    request.recursive = options.recursive;
    request.python = interpreterFor(context, python);
    request.defines = options.defines;
    request.alembicVersion = options.alembicVersion;
    request.keepFiles = false; // commands need Alembic's verdict and the graph, not the files
    return request;
}

Result<ProjectConfig> locateProjectFor(const Context& context)
{
    return ProjectLoader::locate(loadRequestFor(context));
}

Result<std::shared_ptr<ProjectSnapshot>> loadForCommand(const Context& context, const LoadRequest& request,
                                                        ProjectConfig located)
{
    std::shared_ptr<ProjectSnapshot> snapshot = ProjectLoader::load(request, std::move(located));
    reportNotes(context, *snapshot);
    if (snapshot->commandError)
        return *snapshot->commandError;
    return snapshot;
}

Result<std::shared_ptr<ProjectSnapshot>> loadForRepair(const Context& context, const LoadRequest& request,
                                                       ProjectConfig located)
{
    LoadRequest lenient = request;
    lenient.keepFiles = true; // the Lenient graph: a history Alembic refuses is still there to repair
    std::shared_ptr<ProjectSnapshot> snapshot = ProjectLoader::load(lenient, std::move(located));
    reportNotes(context, *snapshot);
    if (snapshot->commandError && snapshot->failedAt != ProjectSnapshot::Stage::Graph)
        return *snapshot->commandError;
    return snapshot;
}

Result<std::shared_ptr<ProjectSnapshot>> loadForCommand(const Context& context, const LoadRequest& request)
{
    Result<ProjectConfig> config = ProjectLoader::locate(request);
    if (!config)
        return config.error();
    return loadForCommand(context, request, std::move(config).value());
}

Result<std::shared_ptr<ProjectSnapshot>> loadForDoctor(const Context& context, const LoadRequest& request)
{
    LoadRequest doctorRequest = request;
    doctorRequest.keepFiles = true; // the doctor reads the files and needs the Lenient graph
    Result<std::shared_ptr<ProjectSnapshot>> snapshot = ProjectLoader::load(doctorRequest);
    if (snapshot)
        reportNotes(context, **snapshot);
    return snapshot;
}

Result<DatabaseState> databaseStateFor(const Context& context, const ProjectSnapshot& snapshot, int timeoutMs)
{
    const ProjectConfig& config = snapshot.project.config;
    const QString baseDir = config.configFile.isEmpty() ? QString() : QFileInfo(config.configFile).absolutePath();
    DatabaseState state = readDatabaseState(ConnectionTarget{context.options().url, QStringLiteral("--url"), false},
                                            VersionLocation::fromProject(config), baseDir, ConnectionLimits::within(timeoutMs));
    if (state.error)
        return *state.error;
    if (!state.locationNote.isEmpty())
        context.warn(QStringLiteral("note: ") + state.locationNote);
    if (state.sqliteFileMissing)
        context.warn(QStringLiteral("note: the SQLite file of %1 does not exist yet: the database is at base "
                                    "(Alembic creates the file on its first run)")
                         .arg(state.redactedUrl));
    return state;
}

Result<QStringList> databaseHeadsFor(const Context& context, const ProjectSnapshot& snapshot, int timeoutMs)
{
    const Result<DatabaseState> state = databaseStateFor(context, snapshot, timeoutMs);
    if (!state)
        return state.error();
    return state->heads;
}

} // namespace retort::cli
