#include "core/exec/AlembicBridge.h"

#include "core/common/Redact.h"
#include "core/exec/RunDatabase.h"
#include "core/graph/RevisionSpec.h"
#include "core/log/Log.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

// The resource lives in this static library; make sure its initializer is linked in and run
// before the first use, whichever executable links retort_exec.
static void initBridgeResource()
{
    Q_INIT_RESOURCE(bridge);
}

namespace retort {

namespace {

constexpr int kMaxStderrLines = 400;
constexpr int kPollMs = 15;

QStringList toStringList(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array)
        list << item.toString();
    return list;
}

// The bridge runs in its own process group (setpgid in the child, so the group id is the pid):
// the signal reaches wrappers (uv run, poetry run, docker compose) and the Python they start.
// `leaderAlive`: the process is known to be running (not reaped), so its pid is still ours and
// may be signalled directly if the group is gone.
void signalGroup(qint64 pid, int sig, bool leaderAlive)
{
    if (pid <= 0)
        return;
    if (::kill(-pid_t(pid), sig) != 0 && leaderAlive)
        ::kill(pid_t(pid), sig);
}

Error errorFromBridgeEvent(const QJsonObject& event)
{
    Error error;
    error.code = event.value(QStringLiteral("code")).toString(QStringLiteral("alembic-error"));
    const QString message = event.value(QStringLiteral("message")).toString();
    const QString revision = event.value(QStringLiteral("revision")).toString();
    const QString type = event.value(QStringLiteral("type")).toString();
    if (error.code == QLatin1String("migration-failed") && !revision.isEmpty())
        error.message = QStringLiteral("migration %1 failed: %2").arg(revision, message);
    else if (error.code == QLatin1String("env-py-failed"))
        error.message = QStringLiteral("env.py failed: %1: %2").arg(type, message);
    else
        error.message = message;
    error.hint = event.value(QStringLiteral("hint")).toString();
    error.path = event.value(QStringLiteral("path")).toString();
    error.line = event.value(QStringLiteral("line")).toInt();
    error.message = redactUrl(error.message);
    return error;
}

QString newRunTag()
{
    return QStringLiteral("retort-run-%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

// Cancel / timeout: stop the run's statement on the server before the process is signalled.
// True when a running statement was cancelled (the bridge then usually ends by itself).
bool stopOnServer(const BridgeRequest& request, const PythonCommand& python, BridgeRun& run)
{
    if (request.op == BridgeOp::Hello || request.op == BridgeOp::Sql || request.op == BridgeOp::Merge
        || request.op == BridgeOp::Revisions)
        return false; // no database connection (offline SQL, files only)
    const Result<DatabaseUrl> url = RunDatabase::locate(request, python.remote, run.url);
    if (!url) {
        run.serverProblem = url.error().message;
        return false;
    }
    if (url->dialect() != Dialect::PostgreSQL)
        return false; // SQLite: the file lock goes with the process
    const BackendStopReport report = BackendStopper::stop(*url, run.backend(), 1000);
    run.serverActions = report.actions;
    run.serverProblem = report.problem;
    if (!report.remaining.isEmpty())
        run.serverActions << QStringLiteral("still on the server: %1").arg(report.remaining.join(QStringLiteral("; ")));
    return report.cancelledStatement;
}

QString stderrTail(const QStringList& lines, int count = 6)
{
    QStringList tail = lines.mid(qMax(0, int(lines.size()) - count));
    return redactUrl(tail.join(QStringLiteral(" | ")));
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
    case BridgeOp::Hello:
    case BridgeOp::Revisions:
    case BridgeOp::Scripts:
    case BridgeOp::Check:
        break;
    }
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
    return python.commandLine(scriptArguments(request));
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

BridgeRun AlembicBridge::run(const PythonCommand& python, const BridgeRequest& given, const std::atomic_bool* cancel,
                             const EventSink& onEvent, const LineSink& onStderr)
{
    BridgeRun run;
    QElapsedTimer clock;
    clock.start();
    BridgeRequest request = given;
    if (request.runTag.isEmpty())
        request.runTag = newRunTag();
    run.runTag = request.runTag;

    const QByteArray payload = stdinPayload(request);
    if (payload.size() < 100) {
        run.error = Error{QStringLiteral("bridge-missing"), QStringLiteral("the Alembic bridge script is not built into Retort"),
                          QStringLiteral("Rebuild Retort; resources/alembic_bridge.py must be compiled in."), {}, 0};
        return run;
    }

    QProcess process;
    process.setProgram(python.program);
    process.setArguments(python.arguments(scriptArguments(request)));
    if (!request.workingDirectory.isEmpty() && !python.remote)
        process.setWorkingDirectory(request.workingDirectory);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    env.remove(QStringLiteral("RETORT_OVERRIDE_URL"));
    if (!request.overrideUrl.isEmpty() && !python.remote)
        env.insert(QStringLiteral("DATABASE_URL"), request.overrideUrl);
    env.insert(QStringLiteral("PGAPPNAME"), request.runTag); // libpq clients the project starts itself
    process.setProcessEnvironment(env);
    process.setChildProcessModifier([] { ::setpgid(0, 0); });

    log::info(log::Area::Exec, QStringLiteral("bridge: %1").arg(commandLine(python, request).join(QLatin1Char(' '))));
    process.start();
    if (!process.waitForStarted(15000)) {
        run.error = Error{QStringLiteral("python-not-found"),
                          QStringLiteral("cannot start the Python interpreter %1: %2").arg(python.program, process.errorString()),
                          QStringLiteral("Check the interpreter chosen for this project (%1).").arg(python.description),
                          python.program, 0};
        run.elapsedMs = clock.elapsed();
        return run;
    }
    run.started = true;
    const qint64 pid = process.processId();
    process.write(payload);
    process.closeWriteChannel();

    QByteArray outBuffer;
    QByteArray errBuffer;
    auto handleStdoutLine = [&](const QByteArray& line) {
        if (line.trimmed().isEmpty())
            return;
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            // Not ours (a wrapper such as `uv run` printing to stdout): keep it as a log line.
            const QString text = redactUrl(QString::fromUtf8(line));
            ++run.strayStdoutLines;
            run.stderrLines << text;
            if (onStderr)
                onStderr(text);
            return;
        }
        BridgeEvent event;
        event.data = doc.object();
        event.type = event.data.value(QStringLiteral("event")).toString();
        if (event.type == QLatin1String("hello"))
            run.hello = event.data;
        else if (event.type == QLatin1String("url"))
            run.url = event.data;
        else if (event.type == QLatin1String("result"))
            run.result = event.data;
        else if (event.type == QLatin1String("error"))
            run.bridgeError = event.data;
        run.sawHello = run.sawHello || event.type == QLatin1String("hello");
        run.events << event;
        if (onEvent)
            onEvent(event);
    };
    auto handleStderrLine = [&](const QByteArray& line) {
        const QString text = redactUrl(QString::fromUtf8(line));
        run.stderrLines << text;
        if (run.stderrLines.size() > kMaxStderrLines)
            run.stderrLines.removeFirst();
        if (onStderr)
            onStderr(text);
    };
    auto drain = [&](bool final) {
        outBuffer += process.readAllStandardOutput();
        errBuffer += process.readAllStandardError();
        for (qsizetype nl; (nl = outBuffer.indexOf('\n')) >= 0;) {
            handleStdoutLine(outBuffer.left(nl));
            outBuffer.remove(0, nl + 1);
        }
        for (qsizetype nl; (nl = errBuffer.indexOf('\n')) >= 0;) {
            handleStderrLine(errBuffer.left(nl));
            errBuffer.remove(0, nl + 1);
        }
        if (final) {
            if (!outBuffer.isEmpty())
                handleStdoutLine(outBuffer);
            if (!errBuffer.isEmpty())
                handleStderrLine(errBuffer);
            outBuffer.clear();
            errBuffer.clear();
        }
    };

    QElapsedTimer termClock;
    QElapsedTimer settleClock;
    int settleMs = 0;
    bool stopping = false;    // cancel or timeout seen
    bool terminating = false; // SIGTERM sent
    while (true) {
        if (process.state() == QProcess::NotRunning)
            break;
        process.waitForReadyRead(kPollMs);
        drain(false);
        const bool wantCancel = cancel && cancel->load();
        const bool overTime = request.timeoutMs > 0 && clock.elapsed() > request.timeoutMs;
        if (!stopping && (wantCancel || overTime)) {
            run.cancelled = wantCancel;
            run.timedOut = !wantCancel && overTime;
            log::info(log::Area::Exec, run.timedOut ? QStringLiteral("bridge: timeout after %1 ms, stopping").arg(request.timeoutMs)
                                                    : QStringLiteral("bridge: cancel requested, stopping"));
            stopping = true;
            // A cancelled statement ends with an error the bridge reports before it exits by
            // itself: give it a moment to do so before it is signalled.
            settleMs = stopOnServer(request, python, run) ? qMin(request.graceMs, 2000) : 0;
            settleClock.start();
        }
        if (stopping && !terminating && settleClock.elapsed() >= settleMs) {
            signalGroup(pid, SIGTERM, process.state() != QProcess::NotRunning);
            termClock.start();
            terminating = true;
        }
        if (terminating && termClock.elapsed() > request.graceMs && !run.killed) {
            log::warn(log::Area::Exec, QStringLiteral("bridge: still running %1 ms after SIGTERM, killing").arg(request.graceMs));
            signalGroup(pid, SIGKILL, process.state() != QProcess::NotRunning);
            run.killed = true;
        }
    }
    process.waitForFinished(1000);
    drain(true);
    if (stopping)
        signalGroup(pid, SIGKILL, false); // whatever is left of the group (ESRCH when nothing is)

    run.crashed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = run.crashed ? -1 : process.exitCode();
    run.elapsedMs = clock.elapsed();

    const QString who = python.description.isEmpty() ? python.program : python.description;
    if (run.cancelled) {
        run.error = Error{QStringLiteral("cancelled"),
                          run.killed ? QStringLiteral("cancelled: the bridge did not stop within %1 s and was killed").arg(request.graceMs / 1000.0)
                                     : QStringLiteral("cancelled"),
                          {}, {}, 0};
        if (!run.bridgeError.isEmpty() && !run.bridgeError.value(QStringLiteral("revision")).toString().isEmpty())
            run.error.message += QStringLiteral(" during %1").arg(run.bridgeError.value(QStringLiteral("revision")).toString());
        if (python.remote)
            run.error.hint = QStringLiteral("The local docker compose client was stopped; check that the process in the container ended.");
    } else if (run.timedOut) {
        run.error = Error{QStringLiteral("timeout"),
                          QStringLiteral("the Alembic run did not finish within %1 s and was stopped").arg(request.timeoutMs / 1000),
                          QStringLiteral("A migration may be waiting for a lock; check the database's activity."), {}, 0};
    } else if (!run.bridgeError.isEmpty()) {
        run.error = errorFromBridgeEvent(run.bridgeError);
    } else if (!run.sawHello) {
        run.error = Error{QStringLiteral("python-failed"),
                          QStringLiteral("the interpreter %1 did not run the bridge (%2)%3")
                              .arg(who,
                                   run.crashed ? QStringLiteral("crashed") : QStringLiteral("exit code %1").arg(run.exitCode),
                                   run.stderrLines.isEmpty() ? QString() : QStringLiteral(": ") + stderrTail(run.stderrLines)),
                          QStringLiteral("Check that it is a working Python 3 interpreter for this project."), python.program, 0};
    } else if (run.crashed || run.exitCode != 0) {
        run.error = Error{QStringLiteral("bridge-failed"),
                          QStringLiteral("the bridge ended unexpectedly (%1)%2")
                              .arg(run.crashed ? QStringLiteral("killed by a signal") : QStringLiteral("exit code %1").arg(run.exitCode),
                                   run.stderrLines.isEmpty() ? QString() : QStringLiteral(": ") + stderrTail(run.stderrLines)),
                          {}, {}, 0};
    } else if (run.result.isEmpty()) {
        run.error = Error{QStringLiteral("bridge-protocol"), QStringLiteral("the bridge ended without reporting a result"), {}, {}, 0};
    }
    if (!run.ok())
        log::info(log::Area::Exec, QStringLiteral("bridge: %1: %2").arg(run.error.code, run.error.message));
    return run;
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
