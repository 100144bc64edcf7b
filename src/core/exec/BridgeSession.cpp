#include "core/exec/BridgeSession.h"

#include "core/exec/BridgeProcess.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace retort {

BridgeSession::BridgeSession(const PythonCommand& python, BridgeRequest request, const std::atomic_bool* cancel)
    : m_python(python)
    , m_request(std::move(request))
    , m_cancel(cancel)
{
    m_request.op = BridgeOp::Session;
}

BridgeSession::~BridgeSession()
{
    close();
}

void BridgeSession::setSinks(AlembicBridge::EventSink onEvent, AlembicBridge::LineSink onStderr)
{
    m_onEvent = std::move(onEvent);
    m_onStderr = std::move(onStderr);
}

Status BridgeSession::start()
{
    if (m_process)
        return m_over ? Status(over()) : Status(Ok{});
    // No overall timeout: each command has its own (waitFor's), the session lasts as long as the walk.
    BridgeRequest processRequest = m_request;
    processRequest.timeoutMs = 0;
    m_process = std::make_unique<BridgeProcess>(m_python, processRequest);
    m_process->setSinks(
        [this](const BridgeEvent& event) {
            if (event.type == QLatin1String("ready")) {
                m_ready = true;
            } else if (event.type == QLatin1String("done")) {
                m_done = event.data;
            } else if (event.type == QLatin1String("plan")) {
                m_stepsPlanned = event.data.value(QStringLiteral("total")).toInt();
            } else if (event.type == QLatin1String("step_finished")) {
                m_stepsRun << event.data.value(QStringLiteral("revision")).toString();
            }
            if (m_onEvent)
                m_onEvent(event);
        },
        [this](const QString& line) {
            if (m_onStderr)
                m_onStderr(line);
        });
    if (!m_process->start()) {
        m_over = true;
        return over();
    }
    // Python's start, Alembic's import and the configuration: bounded like a command.
    const int startTimeout = m_request.timeoutMs > 0 ? m_request.timeoutMs : 120000;
    if (!m_process->waitFor([this] { return m_ready; }, m_cancel, startTimeout)) {
        m_over = true;
        return over();
    }
    return Ok{};
}

Result<SessionReply> BridgeSession::command(const QString& name, const QString& target)
{
    if (!m_process) {
        if (Status started = start(); !started)
            return started.error();
    }
    if (m_over)
        return over();
    if (m_cancel && m_cancel->load()) {
        m_process->terminate();
        m_process->waitFor([] { return false; }, nullptr, 0); // SIGKILL after the grace period
        m_over = true;
        BridgeRun run = m_process->finish();
        run.cancelled = true;
        run.error = Error{QStringLiteral("cancelled"), QStringLiteral("cancelled"), {}, {}, 0};
        m_closed = run;
        return run.error;
    }
    m_done.reset();
    m_stepsRun.clear();
    m_stepsPlanned = 0;
    const QJsonObject request{{QStringLiteral("id"), m_nextId++}, {QStringLiteral("command"), name},
                              {QStringLiteral("target"), target}};
    if (!m_process->write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n')
        || !m_process->waitFor([this] { return m_done.has_value(); }, m_cancel, m_request.timeoutMs)) {
        m_over = true;
        return over();
    }
    SessionReply reply;
    reply.ok = m_done->value(QStringLiteral("ok")).toBool();
    const QJsonValue heads = m_done->value(QStringLiteral("heads"));
    reply.headsKnown = reply.ok && heads.isArray();
    for (const QJsonValue& head : heads.toArray())
        reply.heads << head.toString();
    reply.heads.sort();
    reply.stepsRun = m_stepsRun;
    reply.stepsPlanned = m_stepsPlanned;
    reply.elapsedMs = m_done->value(QStringLiteral("elapsed_ms")).toInteger();
    if (!reply.ok)
        reply.error = AlembicBridge::errorFromEvent(m_done->value(QStringLiteral("error")).toObject());
    return reply;
}

Error BridgeSession::over()
{
    if (!m_closed) {
        // The process ended (or must end): wait for it and take its verdict.
        if (m_process && m_process->isRunning() && !m_process->outcome().cancelled && !m_process->outcome().timedOut)
            m_process->closeInput();
        m_closed = m_process ? m_process->finish() : BridgeRun{};
    }
    if (!m_closed->ok())
        return m_closed->error;
    return Error{QStringLiteral("bridge-protocol"), QStringLiteral("the Alembic session ended before answering"), {}, {}, 0};
}

BridgeRun BridgeSession::close()
{
    if (m_closed)
        return *m_closed;
    if (!m_process)
        return BridgeRun{};
    m_over = true;
    if (m_process->isRunning()) {
        m_process->write(QByteArrayLiteral("{\"command\":\"quit\"}\n"));
        m_process->closeInput();
        // The bridge ends on its own once its input is closed; one still running after the grace
        // period is stopped (SIGTERM, then SIGKILL).
        m_process->waitFor([] { return false; }, m_cancel, qMax(m_request.graceMs, 1000));
    }
    m_closed = m_process->finish();
    return *m_closed;
}

QJsonObject BridgeSession::url() const
{
    return m_process ? m_process->outcome().url : QJsonObject{};
}

} // namespace retort
