#include "core/exec/AlembicBridge.h"

#include "core/common/Redact.h"
#include "core/exec/BridgeProcess.h"
#include "core/graph/RevisionSpec.h"
#include "core/log/Log.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>


// The resource lives in this static library; make sure its initializer is linked in and run
// before the first use, whichever executable links retort_exec.
static void initBridgeResource()
{
    Q_INIT_RESOURCE(bridge);
}

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

} // namespace

QString bridgeOpName(BridgeOp op)
{
    switch (op) {
    case BridgeOp::Hello:
        return QStringLiteral("hello");
    case BridgeOp::Revisions:
        return QStringLiteral("revisions");
    case BridgeOp::Scripts:
        return QStringLiteral("scripts");
    case BridgeOp::Url:
        return QStringLiteral("url");
    case BridgeOp::Sql:
        return QStringLiteral("sql");
    case BridgeOp::Upgrade:
        return QStringLiteral("upgrade");
    case BridgeOp::Downgrade:
        return QStringLiteral("downgrade");
    case BridgeOp::Stamp:
        return QStringLiteral("stamp");
    case BridgeOp::Merge:
        return QStringLiteral("merge");
    case BridgeOp::Revision:
        return QStringLiteral("revision");
    case BridgeOp::Check:
        return QStringLiteral("check");
    case BridgeOp::Bootstrap:
        return QStringLiteral("bootstrap");
    case BridgeOp::Session:
        return QStringLiteral("session");
    }
    return {};
}

QString SqlPreview::fullText() const
{
    QString text;
    for (const SqlSection& section : sections)
        text += section.sql;
    return text;
}

int SqlPreview::stepCount() const
{
    int count = 0;
    for (const SqlSection& section : sections)
        count += section.kind == QLatin1String("step") ? 1 : 0;
    return count;
}

void BridgeRequest::setProject(const QString& config, const QString& section, const PythonCommand& python)
{
    if (python.remote) {
        configFile = python.remoteConfigPath;
        workingDirectory.clear();
    } else {
        configFile = config;
        workingDirectory = config.isEmpty() ? QString() : QFileInfo(config).absolutePath();
    }
    iniSection = section == QLatin1String("alembic") ? QString() : section;
}

int SqlPreview::planStepCount() const
{
    int count = 0;
    for (const SqlSection& section : sections)
        count += section.kind == QLatin1String("step") || section.kind == QLatin1String("unrendered") ? 1 : 0;
    return count;
}

QByteArray AlembicBridge::script()
{
    initBridgeResource();
    QFile file(QStringLiteral(":/retort/alembic_bridge.py"));
    if (!file.open(QIODevice::ReadOnly)) {
        log::error(log::Area::Exec, QStringLiteral("the bridge script resource :/retort/alembic_bridge.py is missing"));
        return {};
    }
    return file.readAll();
}

QStringList AlembicBridge::scriptArguments(const BridgeRequest& request)
{
    QStringList args{bridgeOpName(request.op)};
    if (request.op == BridgeOp::Hello)
        return args;
    if (!request.configFile.isEmpty() || request.op != BridgeOp::Scripts)
        args << QStringLiteral("--config") << request.configFile;
    if (!request.iniSection.isEmpty())
        args << QStringLiteral("--section") << request.iniSection;
    switch (request.op) {
    case BridgeOp::Sql:
        args << QStringLiteral("--direction") << request.sqlDirection;
        args << QStringLiteral("--target") << request.target;
        if (!request.current.isEmpty())
            args << QStringLiteral("--current") << request.current.join(QLatin1Char(','));
        break;
    case BridgeOp::Upgrade:
    case BridgeOp::Downgrade:
        args << QStringLiteral("--target") << request.target;
        if (request.lockTimeoutMs > 0)
            args << QStringLiteral("--lock-timeout") << QString::number(request.lockTimeoutMs);
        break;
    case BridgeOp::Stamp:
        args << QStringLiteral("--target") << request.target;
        if (request.purge)
            args << QStringLiteral("--purge");
        break;
    case BridgeOp::Merge:
        args << QStringLiteral("--target") << request.target;
        // "--opt=value": a message that starts with "-" is not taken for an option.
        if (!request.message.isEmpty())
            args << QStringLiteral("--message=") + request.message;
        if (!request.branchLabel.isEmpty())
            args << QStringLiteral("--branch-label=") + request.branchLabel;
        if (!request.revisionId.isEmpty())
            args << QStringLiteral("--rev-id=") + request.revisionId;
        break;
    case BridgeOp::Revision:
        // "--opt=value" throughout: a message or label starting with "-" is not an option.
        if (!request.message.isEmpty())
            args << QStringLiteral("--message=") + request.message;
        if (request.autogenerate)
            args << QStringLiteral("--autogenerate");
        if (request.review)
            args << QStringLiteral("--review");
        if (!request.expectChanges.isEmpty())
            args << QStringLiteral("--expect-changes=") + request.expectChanges;
        if (!request.head.isEmpty())
            args << QStringLiteral("--head=") + request.head;
        if (request.splice)
            args << QStringLiteral("--splice");
        if (!request.branchLabel.isEmpty())
            args << QStringLiteral("--branch-label=") + request.branchLabel;
        for (const QString& dependency : request.dependsOn)
            args << QStringLiteral("--depends-on=") + dependency;
        if (!request.revisionId.isEmpty())
            args << QStringLiteral("--rev-id=") + request.revisionId;
        if (!request.versionPath.isEmpty())
            args << QStringLiteral("--version-path=") + request.versionPath;
        break;
    case BridgeOp::Url:
        if (request.offline)
            args << QStringLiteral("--offline");
        break;
    case BridgeOp::Bootstrap:
        if (!request.message.isEmpty())
            args << QStringLiteral("--message=") + request.message;
        args << QStringLiteral("--rev-id=") + request.revisionId;
        break;
    case BridgeOp::Hello:
    case BridgeOp::Revisions:
    case BridgeOp::Scripts:
    case BridgeOp::Check:
    case BridgeOp::Session:
        break;
    }
    if (!request.versionLocations.isEmpty())
        args << QStringLiteral("--version-locations=") + request.versionLocations;
    if (!request.tag.isEmpty())
        args << QStringLiteral("--tag") << request.tag;
    if (request.requireUrlMatch && !request.overrideUrl.isEmpty())
        args << QStringLiteral("--require-url-match");
    if (!request.bridgeRereads
        && (request.op == BridgeOp::Upgrade || request.op == BridgeOp::Downgrade || request.op == BridgeOp::Stamp))
        args << QStringLiteral("--no-reread");
    return args;
}

QStringList AlembicBridge::commandLine(const PythonCommand& python, const BridgeRequest& request)
{
    return QStringList{python.program} + BridgeProcess::arguments(python, request);
}

RunBackend BridgeRun::backend() const
{
    RunBackend backend;
    backend.applicationName = runTag;
    backend.pid = url.value(QStringLiteral("backend_pid")).toInteger();
    backend.backendStart = url.value(QStringLiteral("backend_start")).toString();
    return backend;
}

QByteArray AlembicBridge::stdinPayload(const BridgeRequest& request)
{
    QByteArray payload;
    QJsonObject injected;
    if (!request.overrideUrl.isEmpty())
        injected.insert(QStringLiteral("RETORT_OVERRIDE_URL"), request.overrideUrl);
    if (!request.files.isEmpty())
        injected.insert(QStringLiteral("RETORT_FILES"), QJsonArray::fromStringList(request.files));
    if (!request.runTag.isEmpty())
        injected.insert(QStringLiteral("RETORT_RUN_TAG"), request.runTag);
    if (request.readTimeoutMs > 0)
        injected.insert(QStringLiteral("RETORT_READ_TIMEOUT_MS"), request.readTimeoutMs);
    // One line, so the script's own line numbers in tracebacks are off by one only.
    payload += "RETORT_INJECTED_ENV = " + QJsonDocument(injected).toJson(QJsonDocument::Compact) + "\n";
    payload += script();
    return payload;
}

BridgeRun AlembicBridge::run(const PythonCommand& python, const BridgeRequest& request, const std::atomic_bool* cancel,
                             const EventSink& onEvent, const LineSink& onStderr)
{
    BridgeProcess process(python, request);
    process.setSinks(onEvent, onStderr);
    if (process.start())
        process.waitFor([] { return false; }, cancel, request.timeoutMs);
    return process.finish();
}

Result<SqlPreview> AlembicBridge::previewSql(const PythonCommand& python, const BridgeRequest& request,
                                             const std::atomic_bool* cancel, SqlPreview* partial)
{
    BridgeRequest sqlRequest = request;
    sqlRequest.op = BridgeOp::Sql;
    SqlPreview preview;
    const BridgeRun run = AlembicBridge::run(python, sqlRequest, cancel, [&](const BridgeEvent& event) {
        if (event.type != QLatin1String("sql_section"))
            return;
        SqlSection section;
        section.kind = event.data.value(QStringLiteral("kind")).toString();
        section.revision = event.data.value(QStringLiteral("revision")).toString();
        section.direction = event.data.value(QStringLiteral("direction")).toString();
        section.fromRevisions = toStringList(event.data.value(QStringLiteral("from")));
        section.toRevisions = toStringList(event.data.value(QStringLiteral("to")));
        section.sql = event.data.value(QStringLiteral("sql")).toString();
        preview.sections << section;
    });
    preview.url = run.url;
    if (!run.ok()) {
        if (partial)
            *partial = preview;
        return run.error;
    }
    return preview;
}

Result<MergeOutcome> AlembicBridge::merge(const PythonCommand& python, const BridgeRequest& request,
                                          const std::atomic_bool* cancel)
{
    if (!request.revisionId.isEmpty()) {
        // Alembic puts the id in the file name unchecked ("../../x" writes outside the project).
        if (const Status valid = RevisionSpec::validateNewId(request.revisionId); !valid)
            return valid.error();
    }
    BridgeRequest mergeRequest = request;
    mergeRequest.op = BridgeOp::Merge;
    MergeOutcome outcome;
    const BridgeRun run = AlembicBridge::run(python, mergeRequest, cancel, [&](const BridgeEvent& event) {
        if (event.type != QLatin1String("merged"))
            return;
        outcome.revision = event.data.value(QStringLiteral("revision")).toString();
        outcome.path = event.data.value(QStringLiteral("path")).toString();
        outcome.downRevisions = toStringList(event.data.value(QStringLiteral("down_revisions")));
    });
    if (!run.ok())
        return run.error;
    if (outcome.revision.isEmpty())
        return Error{QStringLiteral("bridge-protocol"), QStringLiteral("the bridge reported no merge revision"), {}, {}, 0};
    return outcome;
}

bool AutogenerateReview::hasChanges() const
{
    for (const AutogenerateScript& script : scripts) {
        if (!script.changes.isEmpty())
            return true;
    }
    return false;
}

QVector<SchemaChange> AutogenerateReview::allChanges() const
{
    QVector<SchemaChange> changes;
    for (const AutogenerateScript& script : scripts)
        changes += script.changes;
    return changes;
}

namespace {

// The `autogenerate` event of a revision review or a drift check.
Result<AutogenerateReview> runAutogenerate(const PythonCommand& python, const BridgeRequest& request,
                                           const std::atomic_bool* cancel)
{
    AutogenerateReview review;
    bool seen = false;
    const BridgeRun run = AlembicBridge::run(python, request, cancel, [&](const BridgeEvent& event) {
        if (event.type != QLatin1String("autogenerate"))
            return;
        seen = true;
        for (const QJsonValue& value : event.data.value(QStringLiteral("scripts")).toArray()) {
            const QJsonObject object = value.toObject();
            AutogenerateScript script;
            script.revision = object.value(QStringLiteral("revision")).toString();
            script.message = object.value(QStringLiteral("message")).toString();
            script.changes = SchemaChange::listFromJson(object.value(QStringLiteral("changes")).toArray());
            script.upgradeCode = object.value(QStringLiteral("upgrade_code")).toString();
            script.downgradeCode = object.value(QStringLiteral("downgrade_code")).toString();
            review.scripts << script;
        }
        review.dropped = event.data.value(QStringLiteral("dropped")).toBool();
        review.fingerprint = event.data.value(QStringLiteral("fingerprint")).toString();
        review.compareType = event.data.value(QStringLiteral("compare_type")).toBool();
        review.compareServerDefault = event.data.value(QStringLiteral("compare_server_default")).toBool();
        review.dialect = event.data.value(QStringLiteral("dialect")).toString();
    });
    if (!run.ok())
        return run.error;
    if (!seen)
        return Error{QStringLiteral("bridge-protocol"), QStringLiteral("the bridge reported no comparison"), {}, {}, 0};
    review.currentHeads = toStringList(run.result.value(QStringLiteral("current")));
    review.databaseUrl = redactUrl(run.url.value(QStringLiteral("url")).toString());
    review.alembicVersion = run.hello.value(QStringLiteral("alembic")).toString();
    return review;
}

} // namespace

Result<AutogenerateReview> AlembicBridge::reviewRevision(const PythonCommand& python, const BridgeRequest& request,
                                                         const std::atomic_bool* cancel)
{
    BridgeRequest reviewRequest = request;
    reviewRequest.op = BridgeOp::Revision;
    reviewRequest.autogenerate = true;
    reviewRequest.review = true;
    reviewRequest.expectChanges.clear();
    return runAutogenerate(python, reviewRequest, cancel);
}

Result<QVector<WrittenRevision>> AlembicBridge::writeRevision(const PythonCommand& python, const BridgeRequest& request,
                                                              const std::atomic_bool* cancel)
{
    BridgeRequest writeRequest = request;
    writeRequest.op = BridgeOp::Revision;
    writeRequest.review = false;
    QVector<WrittenRevision> written;
    bool seen = false;
    const BridgeRun run = AlembicBridge::run(python, writeRequest, cancel, [&](const BridgeEvent& event) {
        if (event.type != QLatin1String("written"))
            return;
        seen = true;
        for (const QJsonValue& value : event.data.value(QStringLiteral("revisions")).toArray()) {
            const QJsonObject object = value.toObject();
            WrittenRevision revision;
            revision.revision = object.value(QStringLiteral("revision")).toString();
            revision.path = object.value(QStringLiteral("path")).toString();
            revision.downRevisions = toStringList(object.value(QStringLiteral("down_revisions")));
            revision.branchLabels = toStringList(object.value(QStringLiteral("branch_labels")));
            revision.dependsOn = toStringList(object.value(QStringLiteral("depends_on")));
            revision.message = object.value(QStringLiteral("message")).toString();
            written << revision;
        }
    });
    if (!run.ok())
        return run.error;
    if (!seen)
        return Error{QStringLiteral("bridge-protocol"), QStringLiteral("the bridge reported no revision written"), {}, {}, 0};
    return written;
}

Result<AutogenerateReview> AlembicBridge::checkDrift(const PythonCommand& python, const BridgeRequest& request,
                                                     const std::atomic_bool* cancel)
{
    BridgeRequest checkRequest = request;
    checkRequest.op = BridgeOp::Check;
    return runAutogenerate(python, checkRequest, cancel);
}

} // namespace retort
