#include "core/exec/BridgeProcess.h"

#include "core/common/Redact.h"
#include "core/exec/RunDatabase.h"
#include "core/log/Log.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QProcessEnvironment>
#include <QRandomGenerator>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace retort {

namespace {

constexpr int kMaxStderrLines = 400;
constexpr int kPollMs = 15;

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

Error AlembicBridge::errorFromEvent(const QJsonObject& event)
{
    return errorFromBridgeEvent(event);
}

BridgeProcess::BridgeProcess(PythonCommand python, BridgeRequest request)
    : m_python(std::move(python))
    , m_request(std::move(request))
    , m_interactive(m_request.op == BridgeOp::Session)
{
    m_clock.start();
    if (m_request.runTag.isEmpty())
        m_request.runTag = newRunTag();
    m_run.runTag = m_request.runTag;
}

BridgeProcess::~BridgeProcess()
{
    if (m_run.started && !m_finished) {
        signalGroup(m_pid, SIGKILL, m_process.state() != QProcess::NotRunning);
        m_process.waitForFinished(1000);
    }
}

void BridgeProcess::setSinks(AlembicBridge::EventSink onEvent, AlembicBridge::LineSink onStderr)
{
    m_onEvent = std::move(onEvent);
    m_onStderr = std::move(onStderr);
}

QString BridgeProcess::interactiveLoader()
{
    return QStringLiteral("import sys;n=int(sys.stdin.buffer.readline());"
                          "exec(compile(sys.stdin.buffer.read(n),'<stdin>','exec'))");
}

QStringList BridgeProcess::arguments(const PythonCommand& python, const BridgeRequest& request)
{
    const QStringList script = AlembicBridge::scriptArguments(request);
    if (request.op != BridgeOp::Session)
        return python.arguments(script);
    return python.prefixArguments + QStringList{QStringLiteral("-c"), interactiveLoader()} + script;
}

bool BridgeProcess::start()
{
    const QByteArray payload = AlembicBridge::stdinPayload(m_request);
    if (payload.size() < 100) {
        m_run.error = Error{QStringLiteral("bridge-missing"), QStringLiteral("the Alembic bridge script is not built into Retort"),
                            QStringLiteral("Rebuild Retort; resources/alembic_bridge.py must be compiled in."), {}, 0};
        return false;
    }

    m_process.setProgram(m_python.program);
    m_process.setArguments(arguments(m_python, m_request));
    if (!m_request.workingDirectory.isEmpty() && !m_python.remote)
        m_process.setWorkingDirectory(m_request.workingDirectory);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    env.remove(QStringLiteral("RETORT_OVERRIDE_URL"));
    if (!m_request.overrideUrl.isEmpty() && !m_python.remote)
        env.insert(QStringLiteral("DATABASE_URL"), m_request.overrideUrl);
    env.insert(QStringLiteral("PGAPPNAME"), m_request.runTag); // libpq clients the project starts itself
    m_process.setProcessEnvironment(env);
    m_process.setChildProcessModifier([] { ::setpgid(0, 0); });

    log::info(log::Area::Exec, QStringLiteral("bridge: %1").arg(AlembicBridge::commandLine(m_python, m_request).join(QLatin1Char(' '))));
    m_process.start();
    if (!m_process.waitForStarted(15000)) {
        m_run.error = Error{QStringLiteral("python-not-found"),
                            QStringLiteral("cannot start the Python interpreter %1: %2").arg(m_python.program, m_process.errorString()),
                            QStringLiteral("Check the interpreter chosen for this project (%1).").arg(m_python.description),
                            m_python.program, 0};
        return false;
    }
    m_run.started = true;
    m_pid = m_process.processId();
    if (m_interactive) {
        write(QByteArray::number(payload.size()) + '\n' + payload);
    } else {
        m_process.write(payload);
        m_process.closeWriteChannel();
    }
    return true;
}

bool BridgeProcess::write(const QByteArray& bytes)
{
    if (m_process.state() == QProcess::NotRunning)
        return false;
    m_process.write(bytes);
    while (m_process.bytesToWrite() > 0) {
        if (!m_process.waitForBytesWritten(kPollMs) && m_process.state() == QProcess::NotRunning)
            return false;
        drain(false); // a process that writes while we write must not block on a full pipe
    }
    return true;
}

void BridgeProcess::closeInput()
{
    m_process.closeWriteChannel();
}

void BridgeProcess::handleStdoutLine(const QByteArray& line)
{
    if (line.trimmed().isEmpty())
        return;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // Not ours (a wrapper such as `uv run` printing to stdout): keep it as a log line.
        const QString text = redactUrl(QString::fromUtf8(line));
        ++m_run.strayStdoutLines;
        m_run.stderrLines << text;
        if (m_onStderr)
            m_onStderr(text);
        return;
    }
    BridgeEvent event;
    event.data = doc.object();
    event.type = event.data.value(QStringLiteral("event")).toString();
    if (event.type == QLatin1String("hello"))
        m_run.hello = event.data;
    else if (event.type == QLatin1String("url"))
        m_run.url = event.data;
    else if (event.type == QLatin1String("result"))
        m_run.result = event.data;
    else if (event.type == QLatin1String("error"))
        m_run.bridgeError = event.data;
    m_run.sawHello = m_run.sawHello || event.type == QLatin1String("hello");
    if (!m_interactive) // a session's events are its commands' business, and there may be many
        m_run.events << event;
    if (m_onEvent)
        m_onEvent(event);
}

void BridgeProcess::handleStderrLine(const QByteArray& line)
{
    const QString text = redactUrl(QString::fromUtf8(line));
    m_run.stderrLines << text;
    if (m_run.stderrLines.size() > kMaxStderrLines)
        m_run.stderrLines.removeFirst();
    if (m_onStderr)
        m_onStderr(text);
}

void BridgeProcess::drain(bool final)
{
    m_outBuffer += m_process.readAllStandardOutput();
    m_errBuffer += m_process.readAllStandardError();
    for (qsizetype nl; (nl = m_outBuffer.indexOf('\n')) >= 0;) {
        const QByteArray line = m_outBuffer.left(nl);
        m_outBuffer.remove(0, nl + 1);
        handleStdoutLine(line);
    }
    for (qsizetype nl; (nl = m_errBuffer.indexOf('\n')) >= 0;) {
        const QByteArray line = m_errBuffer.left(nl);
        m_errBuffer.remove(0, nl + 1);
        handleStderrLine(line);
    }
    if (final) {
        if (!m_outBuffer.isEmpty())
            handleStdoutLine(m_outBuffer);
        if (!m_errBuffer.isEmpty())
            handleStderrLine(m_errBuffer);
        m_outBuffer.clear();
        m_errBuffer.clear();
    }
}

void BridgeProcess::stop(bool cancelled, int timeoutMs)
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_run.cancelled = cancelled;
    m_run.timedOut = !cancelled;
    log::info(log::Area::Exec, m_run.timedOut ? QStringLiteral("bridge: timeout after %1 ms, stopping").arg(timeoutMs)
                                              : QStringLiteral("bridge: cancel requested, stopping"));
    // A cancelled statement ends with an error the bridge reports before it exits by itself:
    // give it a moment to do so before it is signalled.
    m_settleMs = stopOnServer(m_request, m_python, m_run) ? qMin(m_request.graceMs, 2000) : 0;
    m_settleClock.start();
}

void BridgeProcess::signalTerminate()
{
    if (m_terminating)
        return;
    m_stopping = true;
    signalGroup(m_pid, SIGTERM, m_process.state() != QProcess::NotRunning);
    m_termClock.start();
    m_terminating = true;
}

void BridgeProcess::terminate()
{
    signalTerminate();
}

bool BridgeProcess::waitFor(const std::function<bool()>& done, const std::atomic_bool* cancel, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (true) {
        if (done())
            return true;
        if (m_process.state() == QProcess::NotRunning)
            return false;
        m_process.waitForReadyRead(kPollMs);
        drain(false);
        const bool wantCancel = cancel && cancel->load();
        const bool overTime = timeoutMs > 0 && clock.elapsed() > timeoutMs;
        if (!m_stopping && (wantCancel || overTime))
            stop(wantCancel, timeoutMs);
        if (m_stopping && !m_terminating && m_settleClock.elapsed() >= m_settleMs)
            signalTerminate();
        if (m_terminating && m_termClock.elapsed() > m_request.graceMs && !m_run.killed) {
            log::warn(log::Area::Exec, QStringLiteral("bridge: still running %1 ms after SIGTERM, killing").arg(m_request.graceMs));
            signalGroup(m_pid, SIGKILL, m_process.state() != QProcess::NotRunning);
            m_run.killed = true;
        }
    }
}

BridgeRun BridgeProcess::finish()
{
    if (m_finished)
        return m_run;
    m_finished = true;
    if (!m_run.started) {
        m_run.elapsedMs = m_clock.elapsed();
        return m_run;
    }
    m_process.waitForFinished(1000);
    drain(true);
    if (m_stopping)
        signalGroup(m_pid, SIGKILL, false); // whatever is left of the group (ESRCH when nothing is)

    m_run.crashed = m_process.exitStatus() == QProcess::CrashExit;
    m_run.exitCode = m_run.crashed ? -1 : m_process.exitCode();
    m_run.elapsedMs = m_clock.elapsed();

    const QString who = m_python.description.isEmpty() ? m_python.program : m_python.description;
    BridgeRun& run = m_run;
    if (run.cancelled) {
        run.error = Error{QStringLiteral("cancelled"),
                          run.killed ? QStringLiteral("cancelled: the bridge did not stop within %1 s and was killed").arg(m_request.graceMs / 1000.0)
                                     : QStringLiteral("cancelled"),
                          {}, {}, 0};
        if (!run.bridgeError.isEmpty() && !run.bridgeError.value(QStringLiteral("revision")).toString().isEmpty())
            run.error.message += QStringLiteral(" during %1").arg(run.bridgeError.value(QStringLiteral("revision")).toString());
        if (m_python.remote)
            run.error.hint = QStringLiteral("The local docker compose client was stopped; check that the process in the container ended.");
    } else if (run.timedOut) {
        run.error = Error{QStringLiteral("timeout"),
                          QStringLiteral("the Alembic run did not finish within %1 s and was stopped").arg(m_request.timeoutMs / 1000),
                          QStringLiteral("A migration may be waiting for a lock; check the database's activity."), {}, 0};
    } else if (!run.bridgeError.isEmpty()) {
        run.error = errorFromBridgeEvent(run.bridgeError);
    } else if (!run.sawHello) {
        run.error = Error{QStringLiteral("python-failed"),
                          QStringLiteral("the interpreter %1 did not run the bridge (%2)%3")
                              .arg(who,
                                   run.crashed ? QStringLiteral("crashed") : QStringLiteral("exit code %1").arg(run.exitCode),
                                   run.stderrLines.isEmpty() ? QString() : QStringLiteral(": ") + stderrTail(run.stderrLines)),
                          QStringLiteral("Check that it is a working Python 3 interpreter for this project."), m_python.program, 0};
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

} // namespace retort
