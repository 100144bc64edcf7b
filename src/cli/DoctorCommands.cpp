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

int report(Context& context, const QVector<Finding>& findings, const QString& baseDir)
{
    if (context.json()) {
        QJsonArray array;
        for (const Finding& f : findings)
            array.append(f.toJson());
        context.printJson(QJsonObject{{QStringLiteral("findings"), array}});
    } else {
        context.out(Doctor::formatText(findings, baseDir));
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

    const Result<LoadedProject> project = loadProjectFor(context, UnresolvedValues::KeepStatic);
    if (!project.ok()) {
        // A project that does not load may still be diagnosed from its alembic.ini (a wrong
        // script_location is the usual reason).
        if (context.options().versionsDir.isEmpty()) {
            const QString where = context.options().project.isEmpty() ? QDir::currentPath() : context.options().project;
            QVector<Finding> findings = Doctor::checkConfiguration(where);
            if (!findings.isEmpty()) {
                Doctor::sort(findings);
                const QFileInfo fi(where);
                return report(context, findings, fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath());
            }
        }
        return context.fail(project.error(), ExitBadInput);
    }

    const Result<RevisionGraph> graph = RevisionGraph::build(project->files, RevisionGraph::Mode::Lenient);
    if (!graph.ok())
        return context.fail(graph.error(), ExitBadInput);

    QVector<Finding> findings = Doctor::checkProject(*project, *graph);
    if (!context.options().url.isEmpty()) {
        DatabaseCheckOptions options;
        options.url = context.options().url;
        options.useBridge = !parsed->has(QStringLiteral("--no-bridge"));
        options.python = parsed->value(QStringLiteral("--python"), context.options().python);
        findings += Doctor::checkDatabase(*project, *graph, options);
        Doctor::sort(findings);
    }
    return report(context, findings, project->config.rootDir);
}

} // namespace

RETORT_CLI_COMMAND("doctor",
                   "doctor [--python PATH] [--no-bridge]  find problems in the project (and --url database)",
                   runDoctor);

} // namespace retort::cli
