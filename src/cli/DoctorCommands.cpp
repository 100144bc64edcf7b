// retort-cli doctor: the findings of core/doctor for a project (and, with --url, its database).

#include "cli/Cli.h"
#include "cli/ProjectOptions.h"
#include "core/common/Redact.h"
#include "core/doctor/Doctor.h"
#include "core/graph/RevisionGraph.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace retort::cli {

namespace {

// `alembic`: the Alembic whose rules the checks followed (none when the project did not load).
int report(Context& context, const QVector<Problem>& findings, const QString& baseDir,
           const AlembicInstallation* alembic = nullptr)
{
    if (context.json()) {
        QJsonArray array;
        for (const Problem& f : findings)
            array.append(f.toJson());
        QJsonObject object{{QStringLiteral("findings"), array}};
        if (alembic)
            object.insert(QStringLiteral("alembic"),
                          QJsonObject{{QStringLiteral("version"), alembic->isKnown() ? QJsonValue(alembic->version.toString()) : QJsonValue()},
                                      {QStringLiteral("description"), alembic->describe()}});
        context.printJson(object);
    } else {
        const QString text = Doctor::formatText(findings, baseDir);
        context.out(alembic ? QStringLiteral("Following %1\n\n%2").arg(alembic->describe(), text) : text);
    }
    return Doctor::hasErrors(findings) ? ExitFailed : ExitOk;
}

int runDoctor(Context& context, const QStringList& args)
{
    const Result<Args> parsed = Args::parse(args, {QStringLiteral("--python")}, {QStringLiteral("--no-bridge")});
    if (!parsed.ok())
        return context.usage(parsed.error().message);
    if (!parsed->positionals().isEmpty())
        return context.usage(QStringLiteral("doctor takes no arguments (got '%1')").arg(parsed->positionals().first()));

    // The window's load: values only Python can read come from the project's Alembic, unless the
    // doctor is told to run no Python (--no-bridge); then they are findings.
    InterpreterChoice python;
    python.interpreter = parsed->value(QStringLiteral("--python"));
    LoadRequest request = loadRequestFor(context, python);
    request.resolveWithPython = !parsed->has(QStringLiteral("--no-bridge"));
    Result<std::shared_ptr<ProjectSnapshot>> loaded = loadForDoctor(context, request);
    const Result<LoadedProject> project = !loaded ? Result<LoadedProject>(loaded.error())
                                          : (*loaded)->failedAt == ProjectSnapshot::Stage::Project
                                              ? Result<LoadedProject>(*(*loaded)->commandError)
                                              : Result<LoadedProject>((*loaded)->project);
    if (!project.ok()) {
        // A project that does not load may still be diagnosed from its alembic.ini (a wrong
        // script_location is the usual reason).
        if (context.options().versionsDir.isEmpty()) {
            const QString where = context.options().project.isEmpty() ? QDir::currentPath() : context.options().project;
            QVector<Problem> findings = Doctor::checkConfiguration(where);
            if (!findings.isEmpty()) {
                Doctor::sort(findings);
                const QFileInfo fi(where);
                return report(context, findings, fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath());
            }
        }
        return context.fail(project.error(), ExitBadInput);
    }

    const RevisionGraph* graph = &(*loaded)->graph;
    QVector<Problem> findings = Doctor::checkProject(*project, *graph);
    if ((*loaded)->failedAt == ProjectSnapshot::Stage::Python) // Alembic could not read the values for us
        findings.append(Problem::fromError(*(*loaded)->commandError, Severity::Error));
    if (!context.options().url.isEmpty()) {
        DatabaseCheckOptions options;
        options.url = context.options().url;
        options.useBridge = !parsed->has(QStringLiteral("--no-bridge"));
        options.python = request.python; // interpreterFor's (a compose service too), as the load used
        findings += Doctor::checkDatabase(*project, *graph, options);
        Doctor::sort(findings);
    }
    return report(context, findings, project->config.rootDir, &project->config.alembic);
}

} // namespace

RETORT_CLI_COMMAND("doctor",
                   "doctor [--python PATH] [--no-bridge]  find problems in the project (and --url database)",
                   runDoctor);

} // namespace retort::cli
