#include "core/workspace/ProjectLoader.h"

#include "core/alembic/NameDefines.h"
#include "core/alembic/ProjectLocator.h"
#include "core/exec/AlembicDetector.h"
#include "core/exec/AlembicLoader.h"
#include "core/log/Log.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>

namespace retort {

Result<const RevisionGraph*> ProjectSnapshot::commandGraph() const
{
    if (commandError)
        return *commandError;
    return &graph;
}

AlembicInstallation ProjectLoader::alembicFor(const LoadRequest& request)
{
    AlembicInstallation alembic;
    if (!request.alembicVersion.isEmpty()) {
        alembic.version = AlembicVersion::parse(request.alembicVersion);
        alembic.source = alembic.version.isKnown() ? AlembicInstallation::Source::Given : AlembicInstallation::Source::Unknown;
        if (!alembic.version.isKnown())
            alembic.note = QStringLiteral("'%1' is not an Alembic version").arg(request.alembicVersion);
        return alembic;
    }
    // The folder the bridge runs in: the project's (the folder of its configuration file), or
    // the current one for a bare versions folder.
    QString dir = QDir::currentPath();
    if (request.versionsDir.isEmpty() && !request.project.isEmpty()) {
        const QFileInfo info(request.project);
        dir = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    }
    const Result<PythonCommand> python = PythonLocator::locate(dir, request.python);
    if (!python) {
        alembic.note = python.error().message;
        return alembic;
    }
    alembic = AlembicDetector::detect(*python, dir, request.resolveWithPython);
    log::info(log::Area::Project, alembic.describe());
    return alembic;
}

Result<ProjectConfig> ProjectLoader::locate(const LoadRequest& request)
{
    const AlembicInstallation alembic = alembicFor(request);
    Result<ProjectConfig> config = !request.versionsDir.isEmpty()
                                       ? ProjectLocator::forVersionsDir(request.versionsDir, request.recursive)
                                       : ProjectLocator::locate(request.project.isEmpty() ? QDir::currentPath() : request.project,
                                                                alembic.version);
    if (config)
        config->alembic = alembic;
    return config;
}

Result<std::shared_ptr<ProjectSnapshot>> ProjectLoader::load(const LoadRequest& request)
{
    Result<ProjectConfig> config = locate(request);
    if (!config)
        return config.error();
    return load(request, std::move(config).value());
}

namespace {

void fillDisplay(ProjectSnapshot& snap)
{
    snap.layout = GraphLayout::compute(snap.graph);
    snap.rowToRevision.reserve(snap.layout.rowCount());
    for (const LaneRow& row : snap.layout.rows())
        snap.rowToRevision.append(row.revision);
    snap.revisionToRow.fill(-1, snap.graph.size());
    for (int row = 0; row < snap.rowToRevision.size(); ++row)
        snap.revisionToRow[snap.rowToRevision.at(row)] = row;
    snap.searchText.resize(snap.graph.size());
    for (int i = 0; i < snap.graph.size(); ++i) {
        const Revision& r = snap.graph.at(i);
        snap.searchText[i] = QString(r.id + QLatin1Char('\n') + r.message).toLower();
    }
}

} // namespace

std::shared_ptr<ProjectSnapshot> ProjectLoader::load(const LoadRequest& request, ProjectConfig config)
{
    QElapsedTimer timer;
    timer.start();
    auto snap = std::make_shared<ProjectSnapshot>();
    snap->request = request;
    snap->request.survey = nullptr;

    ScanOptions options;
    options.text = request.text;
    options.survey = request.survey;
    const AlembicVersion alembic = config.alembic.version;
    LoadedProject project = loadConfigured(std::move(config), options);
    snap->scanMs = timer.elapsed();
    for (const QString& ignored : std::as_const(project.config.ignoredByAlembic))
        project.warnings.append(Error{QStringLiteral("config-ignored-by-alembic"), ignored,
                                      QStringLiteral("Remove the option, or upgrade the project's Alembic."),
                                      project.config.configFile, 0});

    // Which revision each file defines: problems found in a file belong to its revision. Built
    // only when there is a problem or warning to attribute (a clean project of 10,000 files would
    // pay ~3 ms for a map nobody reads).
    QHash<QString, QString> revisionOfPath;
    QSet<QString> fileProblems;
    if (!project.problems.isEmpty() || !project.warnings.isEmpty()) {
        for (const RevisionFile& f : std::as_const(project.files)) {
            if (!f.revision.isEmpty())
                revisionOfPath.insert(f.path, f.revision);
            for (const Error& e : f.problems)
                fileProblems.insert(e.toString());
        }
    }
    // ScanResult::problems holds the project-level problems plus a copy of every file's own
    // problems; only the former make the project unreadable to Alembic as a whole.
    for (const Error& e : std::as_const(project.problems)) {
        const bool ofFile = fileProblems.contains(e.toString());
        if (!ofFile && !snap->commandError) {
            snap->commandError = e;
            snap->failedAt = ProjectSnapshot::Stage::Project;
        }
        snap->problems.append(Problem::fromError(e, Severity::Error, revisionOfPath.value(e.path)));
    }
    for (const Error& w : std::as_const(project.warnings))
        snap->problems.append(Problem::fromError(w, Severity::Warning, revisionOfPath.value(w.path)));

    // Values only Python can evaluate: the names the user defined first, then the project's own
    // Alembic for exactly the files still unresolved.
    if (!snap->commandError && needsAlembicLoad(project)) {
        QElapsedTimer resolveTimer;
        resolveTimer.start();
        Error failure;
        const Result<NameDefines> defines = NameDefines::parse(request.defines);
        if (!defines) {
            failure = defines.error();
        } else if (defines->resolve(project) > 0) {
            const Error& note = project.warnings.constFirst(); // resolved-with-define
            snap->notes << note.message;
            snap->problems.append(Problem::fromError(note, Severity::Info));
        }
        if (failure.code.isEmpty() && request.resolveWithPython && needsAlembicLoad(project)) {
            Result<LoadedProject> exact = resolveWithAlembic(project, request.python);
            if (!exact) {
                failure = exact.error();
            } else {
                snap->resolvedWithPython = true;
                for (const Error& w : std::as_const(exact->warnings)) {
                    if (w.code == QLatin1String("loaded-via-alembic")) {
                        snap->notes << w.message;
                        snap->problems.append(Problem::fromError(w, Severity::Info));
                    }
                }
                project = std::move(exact).value();
            }
        }
        if (!failure.code.isEmpty()) {
            snap->commandError = failure;
            snap->failedAt = ProjectSnapshot::Stage::Python;
            snap->problems.append(Problem::fromError(failure, Severity::Error));
        }
        snap->resolveMs = resolveTimer.elapsed();
    }

    // The graph: Lenient when the files are kept (display shows a broken history too); Strict
    // straight from the files' strings when they are not (commands only need Alembic's verdict).
    QElapsedTimer graphTimer;
    graphTimer.start();
    if (request.keepFiles) {
        Result<RevisionGraph> lenient = RevisionGraph::build(project.files, RevisionGraph::Mode::Lenient, alembic);
        if (lenient)
            snap->graph = std::move(lenient).value();
        else if (!snap->commandError)
            snap->commandError = lenient.error();
        if (!snap->commandError && snap->graph.hasFatalProblems()) {
            // Alembic's exact words for the first problem it would stop at.
            const Result<RevisionGraph> strict = RevisionGraph::build(project.files, RevisionGraph::Mode::Strict, alembic);
            snap->commandError = strict ? Error{QStringLiteral("graph-problem"), snap->graph.problems().constFirst().message,
                                                {}, {}, 0}
                                        : strict.error();
        }
        if (snap->commandError && snap->failedAt == ProjectSnapshot::Stage::None)
            snap->failedAt = ProjectSnapshot::Stage::Graph;
    } else {
        Result<RevisionGraph> strict = RevisionGraph::build(std::move(project.files), RevisionGraph::Mode::Strict, alembic);
        snap->spentFiles = std::move(project.files);
        project.files.clear();
        if (strict) {
            snap->graph = std::move(strict).value();
        } else if (!snap->commandError) {
            snap->commandError = strict.error();
            snap->failedAt = ProjectSnapshot::Stage::Graph;
        }
    }
    for (const GraphProblem& p : snap->graph.problems()) {
        if (p.code == QLatin1String("file-problem"))
            continue; // listed above as the file's own problem
        snap->problems.append(Problem::fromError(p.toError(), p.fatal ? Severity::Error : Severity::Warning,
                                                 p.revisions.value(0)));
    }
    snap->graphMs = graphTimer.elapsed();

    if (request.forDisplay) {
        QElapsedTimer layoutTimer;
        layoutTimer.start();
        fillDisplay(*snap);
        snap->layoutMs = layoutTimer.elapsed();
    }
    snap->project = std::move(project);
    snap->loadMs = timer.elapsed();
    return snap;
}

} // namespace retort
