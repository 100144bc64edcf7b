#include "core/exec/AlembicLoader.h"

#include "core/alembic/ProjectScanner.h"
#include "core/alembic/RevisionFileParser.h"
#include "core/exec/AlembicBridge.h"
#include "core/log/Log.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace retort {

namespace {

QStringList toStringList(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array)
        list << item.toString();
    return list;
}

QString canonical(const QString& path)
{
    const QString c = QFileInfo(path).canonicalFilePath();
    return c.isEmpty() ? QFileInfo(path).absoluteFilePath() : c;
}

} // namespace

Result<QVector<RevisionFile>> loadRevisionsViaAlembic(const ProjectConfig& config, const PythonCommand& python,
                                                      const std::atomic_bool* cancel)
{
    if (config.isBareVersionsDir())
        return Error{QStringLiteral("project-bare-versions-dir"),
                     QStringLiteral("a bare versions directory has no alembic.ini, so Alembic cannot load it"),
                     QStringLiteral("Open the project folder (with alembic.ini) instead of its versions folder."),
                     config.rootDir, 0};

    BridgeRequest request;
    request.op = BridgeOp::Revisions;
    request.configFile = python.remote ? python.remoteConfigPath : config.configFile;
    request.workingDirectory = QFileInfo(config.configFile).absolutePath();
    if (!config.configSection.isEmpty() && config.configSection != QLatin1String("alembic"))
        request.iniSection = config.configSection;
    request.timeoutMs = 300000;

    QJsonArray revisions;
    const BridgeRun run = AlembicBridge::run(python, request, cancel, [&](const BridgeEvent& event) {
        if (event.type == QLatin1String("revisions"))
            revisions = event.data.value(QStringLiteral("revisions")).toArray();
    });
    if (!run.ok())
        return run.error;

    // The static scanner's order (version locations in config order, names sorted).
    QHash<QString, int> order;
    if (!python.remote) {
        const QStringList files = ProjectScanner::listRevisionFiles(config);
        for (int i = 0; i < files.size(); ++i)
            order.insert(canonical(files.at(i)), i);
    }

    QVector<RevisionFile> result;
    result.reserve(revisions.size());
    for (const QJsonValue& value : std::as_const(revisions)) {
        const QJsonObject object = value.toObject();
        const QString path = object.value(QStringLiteral("path")).toString();
        RevisionFile file = python.remote || path.isEmpty() ? RevisionFile{} : RevisionFileParser::parseFile(path);
        file.path = python.remote ? path : canonical(path);
        file.fileName = QFileInfo(path).fileName();
        file.revision = object.value(QStringLiteral("revision")).toString();
        file.downRevisions = toStringList(object.value(QStringLiteral("down_revisions")));
        file.branchLabels = toStringList(object.value(QStringLiteral("branch_labels")));
        file.dependsOn = toStringList(object.value(QStringLiteral("depends_on")));
        file.emptyDependsOn = object.value(QStringLiteral("empty_depends_on")).toBool();
        file.lacksUpgrade = object.value(QStringLiteral("lacks_upgrade")).toBool();
        file.lacksDowngrade = object.value(QStringLiteral("lacks_downgrade")).toBool();
        file.docstring = object.value(QStringLiteral("longdoc")).toString();
        file.message = object.value(QStringLiteral("doc")).toString();
        file.hasDownRevision = true; // Alembic loaded it, so the name exists
        file.unresolved.clear();
        file.problems.clear();
        result << file;
    }
    std::stable_sort(result.begin(), result.end(), [&](const RevisionFile& a, const RevisionFile& b) {
        const int ia = order.value(a.path, INT_MAX);
        const int ib = order.value(b.path, INT_MAX);
        if (ia != ib)
            return ia < ib;
        return a.fileName < b.fileName;
    });
    log::info(log::Area::Exec, QStringLiteral("loaded %1 revisions through Alembic (%2)").arg(result.size()).arg(python.description));
    return result;
}

Result<QVector<RevisionFile>> loadRevisionsViaAlembic(const ProjectConfig& config)
{
    const Result<PythonCommand> python = PythonLocator::locate(config.rootDir);
    if (!python.ok())
        return python.error();
    return loadRevisionsViaAlembic(config, *python);
}

bool needsAlembicLoad(const LoadedProject& project)
{
    return std::any_of(project.files.cbegin(), project.files.cend(),
                       [](const RevisionFile& file) { return !file.unresolved.isEmpty(); });
}

Result<LoadedProject> resolveWithAlembic(const LoadedProject& project, const PythonCommand& python)
{
    Result<QVector<RevisionFile>> files = loadRevisionsViaAlembic(project.config, python);
    if (!files.ok()) {
        Error error = files.error();
        error.message = QStringLiteral("the static parser could not read every value, and loading the project through "
                                       "Alembic failed: %1")
                            .arg(error.message);
        return error;
    }

    QStringList what;
    for (const RevisionFile& file : project.files) {
        for (const UnresolvedValue& value : file.unresolved)
            what << QStringLiteral("%1:%2 %3 = %4").arg(file.fileName).arg(value.line).arg(value.name, value.expression);
    }
    LoadedProject exact = project;
    QSet<QString> loaded;
    for (const RevisionFile& file : std::as_const(*files))
        loaded.insert(file.path);
    exact.files = *files;
    exact.problems.clear();
    for (const Error& problem : project.problems) {
        if (problem.path.isEmpty() || !loaded.contains(canonical(problem.path)))
            exact.problems << problem;
    }
    Error note;
    note.code = QStringLiteral("loaded-via-alembic");
    note.message = QStringLiteral("%1 value(s) are not literals (%2); the revision map was loaded by Alembic itself (%3)")
                       .arg(what.size())
                       .arg(what.mid(0, 5).join(QStringLiteral("; ")) + (what.size() > 5 ? QStringLiteral("; ...") : QString()),
                            python.description);
    exact.warnings.prepend(note);
    return exact;
}

Result<LoadedProject> resolveWithAlembic(const LoadedProject& project)
{
    const Result<PythonCommand> python = PythonLocator::locate(project.config.rootDir);
    if (!python.ok())
        return python.error();
    return resolveWithAlembic(project, *python);
}

} // namespace retort
