#pragma once

// One bridge process (internal to the exec area): starts the project's Python with the bridge
// script, splits its stdout into JSON events and its stderr into lines, and stops it on cancel or
// timeout (PostgreSQL: the run's statement on the server first, see AlembicBridge.h; then SIGTERM
// to its process group, SIGKILL after the grace period). Synchronous and without
// an event loop: waitFor() polls every few milliseconds in the calling thread, which is where the
// sinks are called. AlembicBridge::run (one operation, the script on stdin to EOF) and
// BridgeSession (many commands over stdin) are built on it.

#include "core/exec/AlembicBridge.h"

#include <QElapsedTimer>
#include <QProcess>

#include <atomic>
#include <functional>

namespace retort {

class BridgeProcess
{
public:
    // A Session request keeps stdin open after the script (BridgeSession): the script is then sent
    // length-prefixed to a small `python -c` loader instead of `python -` reading it to EOF.
    BridgeProcess(PythonCommand python, BridgeRequest request);
    ~BridgeProcess(); // a process still running is stopped (its whole group)
    BridgeProcess(const BridgeProcess&) = delete;
    BridgeProcess& operator=(const BridgeProcess&) = delete;

    void setSinks(AlembicBridge::EventSink onEvent, AlembicBridge::LineSink onStderr);

    // The arguments the program is started with (after the program itself).
    static QStringList arguments(const PythonCommand& python, const BridgeRequest& request);
    // The loader `python -c` runs for a session.
    static QString interactiveLoader();

    // Starts the interpreter and sends the script. False when it cannot start (the error is in
    // outcome(); finish() still has to be called).
    bool start();
    // Reads events until `done()` holds (checked after each batch of lines) or the process ends.
    // Meanwhile a set `cancel` or `timeoutMs` (measured from this call; 0 = none) stops the
    // process: SIGTERM, SIGKILL after the request's grace period. True when `done()` held.
    bool waitFor(const std::function<bool()>& done, const std::atomic_bool* cancel, int timeoutMs);
    // Writes to the process's stdin (interactive mode) and waits until it has been sent.
    bool write(const QByteArray& bytes);
    void closeInput();
    // Stops the process the way a cancel does (SIGTERM, later SIGKILL) without marking a cancel.
    void terminate();
    [[nodiscard]] bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    // Waits for the process to end (it must be ending: its input closed or terminated), reads what
    // is left and returns the outcome with its error classified (see BridgeRun::error).
    BridgeRun finish();
    [[nodiscard]] const BridgeRun& outcome() const { return m_run; }

private:
    void drain(bool final);
    void handleStdoutLine(const QByteArray& line);
    void handleStderrLine(const QByteArray& line);
    // Cancel or timeout: the run's statement is stopped on the server first (PostgreSQL), then,
    // after a short settle, the process group gets SIGTERM.
    void stop(bool cancelled, int timeoutMs);
    void signalTerminate();

    PythonCommand m_python;
    BridgeRequest m_request;
    bool m_interactive = false;
    AlembicBridge::EventSink m_onEvent;
    AlembicBridge::LineSink m_onStderr;
    QProcess m_process;
    qint64 m_pid = 0;
    BridgeRun m_run;
    QElapsedTimer m_clock;
    QElapsedTimer m_termClock;
    QElapsedTimer m_settleClock;
    int m_settleMs = 0;
    bool m_stopping = false;    // cancel, timeout or terminate() seen
    bool m_terminating = false; // SIGTERM sent
    bool m_finished = false;
    QByteArray m_outBuffer;
    QByteArray m_errBuffer;
};

} // namespace retort
