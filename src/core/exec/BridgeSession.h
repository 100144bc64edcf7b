#pragma once

// Many Alembic commands in one bridge process (the bridge's `session` operation): the schema time
// machine walks a scratch database through a project's revisions and inspects it between two
// commands, without paying Python's start-up and Alembic's import for every step.
//
//   BridgeSession session(python, request, &cancel);   // request: config, override URL, ...
//   if (Status s = session.start(); !s) ...             // hello + ready
//   Result<SessionReply> up = session.command("upgrade", "ae1027a6acf");
//   ... inspect the database ...
//   session.close();                                    // or let the destructor end it
//
// Synchronous, no event loop: for a worker thread or retort-cli. Each command waits for its
// `done` event; a failing migration is a reply with an error (the session goes on), while a
// cancel, a timeout, a url mismatch or a bridge that ends is an Error (the session is over:
// every later command returns the same Error). The cancel flag is checked before each command
// and while one runs (SIGTERM to the bridge's process group, SIGKILL after the grace period).

#include "core/common/Error.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace retort {

class BridgeProcess;

// What one command did.
struct SessionReply
{
    bool ok = false;           // Alembic finished the command
    QStringList heads;         // alembic_version after it (sorted), as Alembic's context read it
    bool headsKnown = false;   // false after a failure: read the version table yourself
    QStringList stepsRun;      // the revisions of the steps that finished, in order
    int stepsPlanned = 0;
    Error error;               // when !ok: Alembic's message, the failing revision, file:line
    qint64 elapsedMs = 0;
};

class BridgeSession
{
public:
    // `request.op` is set to Session; its timeoutMs is the limit of each command (0 = none).
    BridgeSession(const PythonCommand& python, BridgeRequest request, const std::atomic_bool* cancel = nullptr);
    ~BridgeSession(); // close()
    BridgeSession(const BridgeSession&) = delete;
    BridgeSession& operator=(const BridgeSession&) = delete;

    // Events of the commands (plan, step_started, step_finished, log, url, ...) and the bridge's
    // stderr, in the calling thread.
    void setSinks(AlembicBridge::EventSink onEvent, AlembicBridge::LineSink onStderr);

    // Starts the bridge and waits until it is ready for commands (Python started, Alembic
    // imported, the configuration read).
    Status start();
    // `alembic upgrade|downgrade target` inside the session.
    Result<SessionReply> command(const QString& name, const QString& target);
    // Ends the session (the bridge's input is closed; it exits) and returns how it went.
    BridgeRun close();

    // The url event of the last command (dialect, version table, ...; password masked).
    [[nodiscard]] QJsonObject url() const;
    [[nodiscard]] bool isOpen() const { return m_process && !m_over; }

private:
    Error over(); // the session's end as an Error (cancelled, timeout, the bridge's error)

    PythonCommand m_python;
    BridgeRequest m_request;
    const std::atomic_bool* m_cancel = nullptr;
    std::unique_ptr<BridgeProcess> m_process;
    AlembicBridge::EventSink m_onEvent;
    AlembicBridge::LineSink m_onStderr;
    bool m_ready = false;
    bool m_over = false;
    std::optional<BridgeRun> m_closed;
    std::optional<QJsonObject> m_done;
    QStringList m_stepsRun;
    int m_stepsPlanned = 0;
    int m_nextId = 1;
};

} // namespace retort
