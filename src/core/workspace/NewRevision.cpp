#include "core/workspace/NewRevision.h"

#include "core/common/ShellQuote.h"
#include "core/graph/RevisionSpec.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace retort {

namespace {

// alembic_version.version_num is String(32): a longer id cannot be recorded once applied.
constexpr int kMaxRevisionIdLength = 32;

Error usageError(const QString& message, const QString& hint = {})
{
    return Error{QStringLiteral("usage"), message, hint, {}, 0};
}

QString projectDir(const ProjectSnapshot& snapshot)
{
    const QString config = snapshot.project.config.configFile;
    return config.isEmpty() ? snapshot.project.config.rootDir : QFileInfo(config).absolutePath();
}

} // namespace

QString NewRevisionOptions::commandLine(const QString& projectDir) const
{
    QString command = QStringLiteral("alembic revision");
    if (!message.isEmpty())
        command += QStringLiteral(" -m ") + shellQuoted(message, true);
    if (autogenerate)
        command += QStringLiteral(" --autogenerate");
    if (!head.isEmpty())
        command += QStringLiteral(" --head ") + shellQuoted(head);
    if (splice)
        command += QStringLiteral(" --splice");
    if (!branchLabel.isEmpty())
        command += QStringLiteral(" --branch-label ") + shellQuoted(branchLabel);
    for (const QString& dependency : dependsOn)
        command += QStringLiteral(" --depends-on ") + shellQuoted(dependency);
    if (!revisionId.isEmpty())
        command += QStringLiteral(" --rev-id ") + shellQuoted(revisionId);
    if (!versionPath.isEmpty()) {
        QString shown = versionPath;
        if (!projectDir.isEmpty() && QFileInfo(versionPath).isAbsolute()) {
            const QString relative = QDir(projectDir).relativeFilePath(versionPath);
            if (!relative.startsWith(QLatin1String("..")))
                shown = relative;
        }
        command += QStringLiteral(" --version-path ") + shellQuoted(QDir::toNativeSeparators(shown));
    }
    return command;
}

QString NewRevision::versionLocation(const QString& path, const ProjectSnapshot& snapshot)
{
    if (path.isEmpty())
        return {};
    const QString absolute = QDir::cleanPath(QDir(projectDir(snapshot)).absoluteFilePath(path));
    for (const QString& location : snapshot.project.config.versionLocations) {
        if (QDir::cleanPath(location) == absolute)
            return QDir::cleanPath(location);
    }
    return {};
}

Status NewRevision::validate(const NewRevisionOptions& options, const ProjectSnapshot& snapshot)
{
    const RevisionGraph& graph = snapshot.graph;

    if (options.message.contains(QLatin1String("\"\"\"")))
        return usageError(QCoreApplication::translate("NewRevision", "The message may not contain \"\"\": Alembic writes it into the file's docstring as it is."));

    if (!options.revisionId.isEmpty()) {
        static const QRegularExpression idRe(QStringLiteral("^[A-Za-z0-9_]+$"));
        const QString& id = options.revisionId;
        if (!idRe.match(id).hasMatch())
            return usageError(QCoreApplication::translate("NewRevision", "The revision id '%1' may hold only letters, digits and '_': it becomes part of the "
                                 "file name and a string in the file.")
                                  .arg(id));
        if (id.size() > kMaxRevisionIdLength)
            return usageError(QCoreApplication::translate("NewRevision", "The revision id '%1' is %2 characters long; alembic_version holds at most %3.")
                                  .arg(id)
                                  .arg(id.size())
                                  .arg(kMaxRevisionIdLength));
        const int existing = graph.indexOf(id);
        if (existing >= 0)
            return usageError(QCoreApplication::translate("NewRevision", "The revision id '%1' is already used by %2.")
                                  .arg(id, QDir::toNativeSeparators(graph.at(existing).path)));
    }

    if (!options.branchLabel.isEmpty()) {
        static const QRegularExpression labelRe(QStringLiteral("^[A-Za-z0-9_.-]+$"));
        const QString& label = options.branchLabel;
        if (!labelRe.match(label).hasMatch())
            return usageError(QCoreApplication::translate("NewRevision", "The branch label '%1' may hold only letters, digits, '_', '.' and '-' (no '@', ':', "
                                 "'+', quotes, spaces or path separators).")
                                  .arg(label));
        const int owner = graph.indexOfLabel(label);
        if (owner >= 0)
            return usageError(QCoreApplication::translate("NewRevision", "The branch label '%1' is already used by revision %2.").arg(label, graph.at(owner).id));
        if (graph.indexOf(label) >= 0)
            return usageError(QCoreApplication::translate("NewRevision", "The branch label '%1' is the id of a revision.").arg(label));
    }

    const QString head = options.head.trimmed();
    if (!head.isEmpty() && head != QLatin1String("head") && head != QLatin1String("base")) {
        const Result<QVector<int>> resolved = RevisionSpec::resolve(graph, head);
        if (!resolved)
            return resolved.error();
    }
    for (const QString& dependency : options.dependsOn) {
        const Result<QVector<int>> resolved = RevisionSpec::resolve(graph, dependency.trimmed());
        if (!resolved)
            return resolved.error();
        if (resolved->isEmpty())
            return usageError(QCoreApplication::translate("NewRevision", "--depends-on needs a revision or a branch label, not '%1'.").arg(dependency));
    }

    if (!options.versionPath.isEmpty() && versionLocation(options.versionPath, snapshot).isEmpty()) {
        QStringList locations;
        for (const QString& location : snapshot.project.config.versionLocations)
            locations << QDir::toNativeSeparators(location);
        return Error{QStringLiteral("usage"),
                     // Alembic's own words (ScriptDirectory.generate_revision).
                     QStringLiteral("Path %1 is not represented in current version locations").arg(options.versionPath),
                     QCoreApplication::translate("NewRevision", "The project's version locations: %1").arg(locations.join(QStringLiteral(", "))), {}, 0};
    }
    return Ok{};
}

BridgeRequest NewRevision::bridgeRequest(const NewRevisionOptions& options, const ProjectSnapshot& snapshot,
                                         const PythonCommand& python, const QString& overrideUrl)
{
    BridgeRequest request;
    request.op = BridgeOp::Revision;
    const QString configFile = snapshot.project.config.configFile;
    request.configFile = python.remote ? python.remoteConfigPath : configFile;
    request.iniSection = snapshot.project.config.configSection;
    request.workingDirectory = QFileInfo(configFile).absolutePath();
    request.message = options.message;
    request.autogenerate = options.autogenerate;
    request.head = options.head.trimmed();
    request.splice = options.splice;
    request.branchLabel = options.branchLabel;
    for (const QString& dependency : options.dependsOn) {
        if (!dependency.trimmed().isEmpty())
            request.dependsOn << dependency.trimmed();
    }
    request.revisionId = options.revisionId;
    const QString location = versionLocation(options.versionPath, snapshot);
    request.versionPath = location.isEmpty() ? options.versionPath : location;
    request.overrideUrl = overrideUrl;
    // Autogenerate compares with the database env.py connects to: it must be the one Retort means.
    request.requireUrlMatch = options.autogenerate && !overrideUrl.isEmpty();
    request.timeoutMs = 300000;
    return request;
}

void NewRevision::acceptReview(BridgeRequest& request, const AutogenerateReview& review)
{
    request.expectChanges = review.fingerprint;
    if (request.revisionId.isEmpty() && review.scripts.size() == 1)
        request.revisionId = review.scripts.first().revision;
}

BridgeRequest NewRevision::checkRequest(const ProjectSnapshot& snapshot, const PythonCommand& python, const QString& overrideUrl)
{
    BridgeRequest request;
    request.op = BridgeOp::Check;
    const QString configFile = snapshot.project.config.configFile;
    request.configFile = python.remote ? python.remoteConfigPath : configFile;
    request.iniSection = snapshot.project.config.configSection;
    request.workingDirectory = QFileInfo(configFile).absolutePath();
    request.overrideUrl = overrideUrl;
    request.requireUrlMatch = !overrideUrl.isEmpty();
    request.timeoutMs = 300000;
    return request;
}

} // namespace retort
