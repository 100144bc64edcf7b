#include "core/exec/AlembicLoader.h"

#include "core/alembic/ImportCache.h"
#include "core/alembic/ProjectScanner.h"
#include "core/alembic/RevisionFileParser.h"
#include "core/exec/AlembicBridge.h"
#include "core/log/Log.h"
#include "core/python/Literal.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
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

// One revision of the bridge's `revisions` / `scripts` events: Alembic's values replace what the
// static parser read (line numbers, "Create Date:" and the "Revises:" header stay).
void takeAlembicValues(RevisionFile& file, const QJsonObject& object)
{
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
}

// The same values as the bridge's object, for the import cache (what takeAlembicValues reads).
QJsonObject alembicValues(const RevisionFile& file)
{
    QJsonObject object;
    object.insert(QStringLiteral("revision"), file.revision);
    object.insert(QStringLiteral("down_revisions"), QJsonArray::fromStringList(file.downRevisions));
    object.insert(QStringLiteral("branch_labels"), QJsonArray::fromStringList(file.branchLabels));
    object.insert(QStringLiteral("depends_on"), QJsonArray::fromStringList(file.dependsOn));
    object.insert(QStringLiteral("empty_depends_on"), file.emptyDependsOn);
    object.insert(QStringLiteral("lacks_upgrade"), file.lacksUpgrade);
    object.insert(QStringLiteral("lacks_downgrade"), file.lacksDowngrade);
    object.insert(QStringLiteral("longdoc"), file.docstring);
    object.insert(QStringLiteral("doc"), file.message);
    return object;
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
        takeAlembicValues(file, object);
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

namespace {

// "a.py:4 branch_labels = (cli.EXPAND_BRANCH,)"
QString describe(const RevisionFile& file, const UnresolvedValue& value)
{
    return QStringLiteral("%1:%2 %3 = %4").arg(file.fileName).arg(value.line).arg(value.name, value.expression);
}

// Up to `max` items joined with `separator`, then how many more.
QString summary(const QStringList& items, qsizetype max, const QString& separator = QStringLiteral("; "))
{
    QString text = items.mid(0, max).join(separator);
    if (items.size() > max)
        text += separator + QStringLiteral("and %1 more").arg(items.size() - max);
    return text;
}

// The error when Python cannot tell the values: the first one (file, line, expression), why
// Python could not be asked, and the fix.
Error unresolvable(const LoadedProject& project, const Error& cause)
{
    const RevisionFile* first = nullptr;
    int count = 0;
    QStringList names; // the names and dotted names the values use, for --define
    const py::NameLookup nothing = [](QStringView) { return std::optional<QString>(); };
    py::EvalOptions options;
    options.names = &nothing;
    options.unknownNames = &names;
    for (const RevisionFile& file : project.files) {
        for (const UnresolvedValue& value : file.unresolved) {
            if (!first)
                first = &file;
            ++count;
            if (value.whole)
                py::evaluateExpression(value.expression, options);
        }
    }
    if (!first)
        return cause;
    Error error;
    error.code = QStringLiteral("unresolved-value");
    const UnresolvedValue& value = first->unresolved.constFirst();
    error.path = first->path;
    error.line = value.line;
    error.message = QStringLiteral("the value of `%1` is not a literal Retort can read without Python (`%2`)%3, and Python "
                                   "could not read it: %4")
                        .arg(value.name, value.expression,
                             count > 1 ? QStringLiteral(" (and %1 more value(s))").arg(count - 1) : QString(), cause.message);
    error.hint = QStringLiteral("Run it with the project's Python interpreter, with the project's packages installed "
                                "(retort-cli --python PATH)");
    if (!names.isEmpty()) {
        QStringList defines;
        for (const QString& name : std::as_const(names))
            defines << QStringLiteral("--define %1=VALUE").arg(name);
        error.hint += QStringLiteral(", or give each name its value without Python (%1)").arg(summary(defines, 5, QStringLiteral(" ")));
    }
    error.hint += QLatin1Char('.');
    if (!cause.hint.isEmpty())
        error.hint += QLatin1Char(' ') + cause.hint;
    return error;
}

bool passesThrough(const Error& error)
{
    return error.code == QLatin1String("revision-import-failed") || error.code == QLatin1String("cancelled");
}

} // namespace

Result<QVector<RevisionFile>> importRevisionFiles(const ProjectConfig& config, const QVector<RevisionFile>& files,
                                                  const PythonCommand& python, const std::atomic_bool* cancel,
                                                  QString* loaderUsed, QStringList* modulesLoaded)
{
    BridgeRequest request;
    request.op = BridgeOp::Scripts;
    if (!config.isBareVersionsDir()) {
        request.configFile = python.remote ? python.remoteConfigPath : config.configFile;
        request.workingDirectory = QFileInfo(config.configFile).absolutePath();
        if (!config.configSection.isEmpty() && config.configSection != QLatin1String("alembic"))
            request.iniSection = config.configSection;
    }
    // A container sees the project at another path: name the files relative to the config's folder.
    const QDir base(request.workingDirectory);
    for (const RevisionFile& file : files) {
        const QString relative = base.relativeFilePath(file.path);
        request.files << (python.remote && !relative.startsWith(QLatin1String("..")) ? relative : file.path);
    }
    request.timeoutMs = 300000;

    QJsonArray revisions;
    QString loader;
    const BridgeRun run = AlembicBridge::run(python, request, cancel, [&](const BridgeEvent& event) {
        if (event.type == QLatin1String("scripts")) {
            revisions = event.data.value(QStringLiteral("revisions")).toArray();
            loader = event.data.value(QStringLiteral("loader")).toString();
            if (modulesLoaded)
                *modulesLoaded = toStringList(event.data.value(QStringLiteral("modules")));
        }
    });
    if (!run.ok()) {
        Error error = run.error;
        if (error.code == QLatin1String("revision-import-failed")) {
            // The bridge names the file as it saw it; ours is the one to show.
            const qsizetype index = request.files.indexOf(error.path);
            const QString path = index >= 0 ? files.at(index).path : error.path;
            error.message = QStringLiteral("cannot import %1, as Alembic loads it: %2").arg(QFileInfo(path).fileName(), error.message);
            error.path = path;
        }
        return error;
    }
    if (revisions.size() != files.size())
        return Error{QStringLiteral("bridge-protocol"),
                     QStringLiteral("the Alembic bridge read %1 of %2 revision files").arg(revisions.size()).arg(files.size()),
                     QStringLiteral("Check the interpreter's output (retort-cli -v)."), {}, 0};

    QVector<RevisionFile> result;
    result.reserve(files.size());
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QJsonObject object = revisions.at(i).toObject();
        RevisionFile file = files.at(i);
        takeAlembicValues(file, object);
        result << file;
    }
    if (loaderUsed)
        *loaderUsed = loader;
    log::info(log::Area::Exec, QStringLiteral("imported %1 revision file(s) (%2, %3)").arg(result.size()).arg(loader, python.description));
    return result;
}

bool needsAlembicLoad(const LoadedProject& project)
{
    return std::any_of(project.files.cbegin(), project.files.cend(),
                       [](const RevisionFile& file) { return !file.unresolved.isEmpty(); });
}

namespace {

// What else the values Python gives depend on, besides the files and the modules they load: the
// interpreter (and how it is started), the configuration (prepend_sys_path), the Alembic version
// Retort follows and PYTHONPATH.
QString importKey(const ProjectConfig& config, const PythonCommand& python)
{
    QString key;
    key += QStringLiteral("python=") + python.commandLine({}).join(QChar(0x1f)) + QLatin1Char('\n');
    key += QStringLiteral("config=") + config.configFile + QLatin1Char('\n');
    key += QStringLiteral("section=") + config.configSection + QLatin1Char('\n');
    key += QStringLiteral("root=") + config.rootDir + QLatin1Char('\n');
    key += QStringLiteral("alembic=") + config.alembic.version.toString() + QLatin1Char('\n');
    key += QStringLiteral("PYTHONPATH=") + qEnvironmentVariable("PYTHONPATH") + QLatin1Char('\n');
    return key;
}

// Files whose change changes what the import gives, besides the modules it loads.
QStringList importDependencies(const ProjectConfig& config, const PythonCommand& python)
{
    QStringList files;
    for (const QString& candidate : QStringList{config.configFile, config.rootDir + QStringLiteral("/pyproject.toml"), python.program}) {
        const QFileInfo info(candidate);
        if (!candidate.isEmpty() && info.isAbsolute() && info.isFile() && !files.contains(candidate))
            files << candidate;
    }
    return files;
}

QString loaderText(const QString& loader)
{
    return loader == QLatin1String("importlib") ? QStringLiteral("importlib (no Alembic in that interpreter)")
                                                : QStringLiteral("Alembic's loader");
}

} // namespace

ImportRecordName importRecordFor(const ProjectConfig& config, const PythonCommand& python)
{
    const QString dir = !python.remote && ParseCache::isEnabled() ? ImportCache::defaultDirectory() : QString();
    if (dir.isEmpty())
        return {};
    const QString key = importKey(config, python);
    return ImportRecordName{ImportCache::fileFor(dir, key), key};
}

bool importStillHolds(const ProjectConfig& config, const InterpreterChoice& choice, const QString& recordFile)
{
    const Result<PythonCommand> python = PythonLocator::locate(config.rootDir, choice);
    if (!python.ok())
        return false;
    const ImportRecordName record = importRecordFor(config, *python);
    return !record.file.isEmpty() && record.file == recordFile && ImportCache::holds(record.file, record.key);
}

Result<LoadedProject> resolveWithAlembic(const LoadedProject& project, const PythonCommand& python)
{
    QVector<RevisionFile> pending;
    QVector<qsizetype> indexes;
    QStringList values;
    QStringList paths;
    for (qsizetype i = 0; i < project.files.size(); ++i) {
        const RevisionFile& file = project.files.at(i);
        if (file.unresolved.isEmpty())
            continue;
        pending << file;
        indexes << i;
        paths << file.path;
        for (const UnresolvedValue& value : file.unresolved)
            values << describe(file, value);
    }
    if (pending.isEmpty())
        return project;

    // The import cache: the same files, modules, configuration and interpreter give the same values.
    const ImportRecordName record = importRecordFor(project.config, python);
    const QString& key = record.key;
    const QString& cacheFile = record.file;
    std::optional<ImportCache::Import> remembered;
    if (!cacheFile.isEmpty())
        remembered = ImportCache::lookup(cacheFile, key, paths);

    QString loader;
    QVector<RevisionFile> imported;
    if (remembered) {
        loader = remembered->loader;
        imported.reserve(pending.size());
        for (qsizetype k = 0; k < pending.size(); ++k) {
            RevisionFile file = pending.at(k);
            takeAlembicValues(file, QJsonDocument::fromJson(remembered->values.at(k)).object());
            imported << file;
        }
        log::info(log::Area::Exec, QStringLiteral("import cache: %1 revision file(s) and %2 other file(s) the import read unchanged, values from %3")
                                       .arg(pending.size())
                                       .arg(remembered->dependencies.size())
                                       .arg(cacheFile));
    } else {
        ImportCache::Import made;
        made.key = key;
        if (!cacheFile.isEmpty()) {
            made.startedNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
            made.files = paths;
            for (const QString& path : std::as_const(paths))
                made.fileStamps << FileStamp::of(path);
        }
        QStringList modules;
        Result<QVector<RevisionFile>> result = importRevisionFiles(project.config, pending, python, nullptr, &loader, &modules);
        if (!result.ok())
            return passesThrough(result.error()) ? result.error() : unresolvable(project, result.error());
        imported = std::move(result).value();
        if (!cacheFile.isEmpty()) {
            made.loader = loader;
            for (qsizetype k = 0; k < imported.size(); ++k)
                made.values << QJsonDocument(alembicValues(imported.at(k))).toJson(QJsonDocument::Compact);
            made.dependencies = importDependencies(project.config, python);
            for (const QString& module : std::as_const(modules)) {
                if (!made.dependencies.contains(module) && !paths.contains(module))
                    made.dependencies << module;
            }
            ImportCache::save(cacheFile, std::move(made));
        }
    }

    LoadedProject exact = project;
    exact.rememberedImport = remembered ? cacheFile : QString();
    QSet<QString> importedPaths;
    QStringList names;
    for (qsizetype k = 0; k < indexes.size(); ++k) {
        exact.files[indexes.at(k)] = imported.at(k);
        importedPaths.insert(imported.at(k).path);
        names << imported.at(k).fileName;
    }
    exact.problems.clear();
    for (const Error& problem : project.problems) {
        if (problem.path.isEmpty() || !importedPaths.contains(problem.path))
            exact.problems << problem;
    }
    Error note;
    note.code = QStringLiteral("loaded-via-alembic");
    note.message = QStringLiteral("%1 value(s) are not literals (%2); read by importing only %3 with %4 (%5)%6: %7")
                       .arg(values.size())
                       .arg(summary(values, 5),
                            names.size() == 1 ? QStringLiteral("that file") : QStringLiteral("those %1 files").arg(names.size()),
                            loaderText(loader), python.description,
                            remembered ? QStringLiteral(", remembered from the last import (nothing it read has changed: "
                                                        "those files and %1 more - modules, configuration, interpreter; "
                                                        "--no-cache imports again)")
                                             .arg(remembered->dependencies.size())
                                       : QString(),
                            summary(names, 20, QStringLiteral(", ")));
    exact.warnings.prepend(note);
    return exact;
}

Result<LoadedProject> resolveWithAlembic(const LoadedProject& project, const InterpreterChoice& choice)
{
    if (!needsAlembicLoad(project))
        return project;
    const Result<PythonCommand> python = PythonLocator::locate(project.config.rootDir, choice);
    if (!python.ok())
        return unresolvable(project, python.error());
    return resolveWithAlembic(project, *python);
}

Result<LoadedProject> resolveWithAlembic(const LoadedProject& project)
{
    return resolveWithAlembic(project, InterpreterChoice{});
}

} // namespace retort
