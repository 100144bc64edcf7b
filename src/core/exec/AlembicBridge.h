#pragma once

// The C++ side of the Alembic bridge (resources/alembic_bridge.py, compiled in as the Qt resource
// ":/retort/alembic_bridge.py"): starts the project's Python with the script on stdin, reads one
// JSON event per line from its stdout, and hands each event to the caller as it arrives.
//
// run() is synchronous and meant for a worker thread (AlembicJob) or a command-line tool: it
// polls the process every few milliseconds, so it needs no event loop. Cancellation is an
// std::atomic_bool checked between reads. On cancel or timeout the run's work stops on the
// server first (PostgreSQL, BackendStopper: pg_cancel_backend, then pg_terminate_backend for a
// backend still in a transaction, from a separate connection); once the statement is cancelled
// the bridge usually reports the error and ends by itself. Then the bridge's process group gets
// SIGTERM (the script turns it into an exception so open transactions roll back and it reports
// "cancelled"), then SIGKILL after the grace period. No child process outlives run().
//
// Every run has a tag ("retort-run-<hex>", BridgeRequest::runTag): the bridge sets it as the
// application_name of every PostgreSQL connection SQLAlchemy opens in the process (and PGAPPNAME
// carries it to any other libpq client the project starts), and reports the migration
// connection's backend pid right after connecting.
//
// The override URL (with its password) never appears on a command line: it is injected into the
// script text sent on stdin, and the script sets it as `sqlalchemy.url` and `DATABASE_URL`.

#include "core/common/Error.h"
#include "core/exec/BackendStopper.h"
#include "core/exec/PythonLocator.h"
#include "core/exec/SchemaChange.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <functional>

namespace retort {

// Session: many upgrade/downgrade commands in one process (BridgeSession); the others run one
// operation each (AlembicBridge::run).
enum class BridgeOp { Hello, Revisions, Scripts, Url, Sql, Upgrade, Downgrade, Stamp, Merge, Revision, Check, Session, Bootstrap };
[[nodiscard]] QString bridgeOpName(BridgeOp op); // "hello", "revisions", ...

struct BridgeRequest
{
    BridgeOp op = BridgeOp::Hello;
    QString configFile;       // the project's alembic.ini (inside the container for compose); "" only
                              // for Scripts on a bare versions folder
    QString iniSection;       // "" = "alembic"
    QString workingDirectory; // local runs: the folder Alembic is run from (the ini's folder)
    QString target;           // upgrade/downgrade/stamp/sql target ("heads", "+1", "abc,def" for stamp and merge)
    QString sqlDirection = QStringLiteral("upgrade"); // sql: "upgrade" / "downgrade"
    QStringList current;      // sql: the revisions to start from (empty = base)
    bool purge = false;       // stamp --purge
    QString message;          // merge/revision -m ("" = none, as Alembic without -m)
    QString branchLabel;      // merge/revision --branch-label
    QString revisionId;       // merge/revision --rev-id ("" = Alembic generates one)
    // revision (alembic revision):
    bool autogenerate = false;    // --autogenerate
    bool review = false;          // with autogenerate: describe what would be written, write nothing
    QString expectChanges;        // with autogenerate: the review's fingerprint; refuse to write
                                  // when the comparison no longer finds the reviewed changes
    QString head;                 // --head ("" = Alembic's "head")
    bool splice = false;          // --splice
    QStringList dependsOn;        // --depends-on, each
    QString versionPath;          // --version-path
    // One folder that replaces the project's version locations (bootstrap computes on a copy of
    // the revision files); "" = the project's own.
    QString versionLocations;
    QStringList files;        // scripts: the revision files to import (absolute, or relative to the
                              // config's folder); sent in the script's injected line, not as arguments
    bool offline = false;     // url: do not connect (env.py's offline branch)
    QString tag;              // Alembic's --tag
    QString overrideUrl;      // full URL (with password) or "" to keep the project's
    bool requireUrlMatch = true; // stop before running when env.py connects elsewhere
    bool bridgeRereads = true; // the bridge re-reads alembic_version on a fresh connection after a run
    int timeoutMs = 0;        // 0 = none
    int graceMs = 3000;       // SIGTERM -> SIGKILL
    int lockTimeoutMs = 0;    // upgrade/downgrade: SET lock_timeout on env.py's PostgreSQL connection (0 = off)
    QString runTag;           // application_name of the run's PostgreSQL connections ("" = run() makes one)
    int readTimeoutMs = 0;    // url: lock_timeout/statement_timeout of env.py's connection (0 = none)

    // Where the bridge finds the project, one rule for every caller: `config` (alembic.ini) and its
    // folder as the working folder on this machine; for an interpreter in a container (compose),
    // the config path inside it (PythonCommand::remoteConfigPath), since our paths are not its.
    // `section`: the ini section ("alembic" and "" both mean the default).
    void setProject(const QString& config, const QString& section, const PythonCommand& python);
};

// One JSON line from the bridge. `type` is the "event" key.
struct BridgeEvent
{
    QString type;
    QJsonObject data;
};

// The outcome of one bridge process.
struct BridgeRun
{
    bool started = false;     // the process started
    bool sawHello = false;    // the script ran (Python + the script itself work)
    bool cancelled = false;   // requestCancel / the cancel flag
    bool timedOut = false;
    bool killed = false;      // SIGKILL was needed after the grace period
    int exitCode = -1;        // the process's exit code (-1 when it crashed or was killed)
    bool crashed = false;     // ended by a signal
    QJsonObject hello;        // the "hello" event
    QJsonObject url;          // the last "url" event
    QJsonObject result;       // the "result" event ({} when none arrived)
    QJsonObject bridgeError;  // the "error" event ({} when none)
    QVector<BridgeEvent> events; // every event, in order
    QStringList stderrLines;  // the last lines the process wrote to stderr (bounded)
    int strayStdoutLines = 0; // non-JSON lines on stdout (a wrapper's output); kept in stderrLines
    qint64 elapsedMs = 0;
    QString runTag;           // the application_name the run's connections carried
    // Cancel / timeout on PostgreSQL: what was done to the run's backends before the process was
    // signalled (BackendStopper), and why nothing could be done, if so.
    QStringList serverActions;
    QString serverProblem;
    // The run's backends as far as known: the tag, and the migration connection's pid and start
    // time from the url event.
    [[nodiscard]] RunBackend backend() const;

    // A failure as an Error (empty code when the run succeeded): the bridge's own error event
    // when there is one (Alembic's message, the failing revision, file:line), otherwise what
    // went wrong with the process (not started, not Python, crashed, timed out).
    Error error;
    [[nodiscard]] bool ok() const { return error.code.isEmpty(); }
};

// Offline SQL (`alembic upgrade a:b --sql`) split per step.
struct SqlSection
{
    QString kind;       // "preamble", "step", "between", "epilogue"; "unrendered" (PlanSql only)
    QString revision;   // for steps
    QString direction;  // "upgrade" / "downgrade" for steps
    QStringList fromRevisions;
    QStringList toRevisions;
    QString sql;
    QString note;       // "unrendered": why Alembic could not render the step (its message)
};

struct SqlPreview
{
    QVector<SqlSection> sections;
    QJsonObject url; // the bridge's url event (dialect, ...)
    // The sections concatenated: byte for byte what `alembic ... --sql` prints.
    [[nodiscard]] QString fullText() const;
    [[nodiscard]] int stepCount() const;
    // Steps of the plan this SQL covers: rendered ones and "unrendered" ones (PlanSql).
    [[nodiscard]] int planStepCount() const;
};

// One revision file autogenerate would write (or, for a drift check, the one comparison).
struct AutogenerateScript
{
    QString revision;               // the id the file would get ("" for a drift check)
    QString message;
    QVector<SchemaChange> changes;  // after env.py's process_revision_directives
    QString upgradeCode;            // upgrade()'s body as Alembic renders it (generic prefixes)
    QString downgradeCode;
};

// What Alembic's comparison of the models (env.py's target_metadata) with the database found.
struct AutogenerateReview
{
    QVector<AutogenerateScript> scripts;
    bool dropped = false;          // env.py's process_revision_directives left nothing to write
    QString fingerprint;           // hand to the writing run (BridgeRequest::expectChanges)
    bool compareType = false;      // type changes are compared (Alembic >= 1.12 by default)
    bool compareServerDefault = false;
    QString dialect;               // "postgresql", "sqlite", ...
    QStringList currentHeads;      // the database's revisions as env.py's run saw them
    QString databaseUrl;           // the database env.py connected to (password masked)
    QString alembicVersion;        // the project's Alembic

    [[nodiscard]] bool hasChanges() const;
    [[nodiscard]] QVector<SchemaChange> allChanges() const;
};

// A revision file `alembic revision` wrote.
struct WrittenRevision
{
    QString revision;
    QString path;              // absolute
    QStringList downRevisions;
    QStringList branchLabels;
    QStringList dependsOn;
    QString message;
};

// What `alembic merge` wrote.
struct MergeOutcome
{
    QString revision;          // the new revision's id
    QString path;              // absolute path of the file Alembic wrote
    QStringList downRevisions; // the revisions it joins
};

class AlembicBridge
{
public:
    using EventSink = std::function<void(const BridgeEvent&)>;
    using LineSink = std::function<void(const QString&)>;

    // The script shipped in the resource; empty (and logged) if the resource is missing.
    static QByteArray script();
    // The arguments after `python -` for a request.
    static QStringList scriptArguments(const BridgeRequest& request);
    // The full command line (program first) that run() (or BridgeSession) starts, for display and
    // tests. A session's script comes through a `python -c` loader instead of `python -`.
    static QStringList commandLine(const PythonCommand& python, const BridgeRequest& request);
    // A bridge `error` event (or a session's `done` error) as an Error: Alembic's message, the
    // failing revision, file and line; redacted.
    static Error errorFromEvent(const QJsonObject& event);
    // The bytes written to the process's stdin: a one-line preamble carrying the override URL
    // (when any), then the script.
    static QByteArray stdinPayload(const BridgeRequest& request);

    // Runs the bridge to completion (see the file comment). `onEvent` and `onStderr` are called
    // in the calling thread as lines arrive; both may be empty. `cancel` may be null.
    static BridgeRun run(const PythonCommand& python, const BridgeRequest& request, const std::atomic_bool* cancel = nullptr,
                         const EventSink& onEvent = {}, const LineSink& onStderr = {});

    // `sql` through the bridge: offline SQL for a plan, split per step. When Alembic fails at a
    // step (a migration that needs a live database), `partial` (if given) receives the sections of
    // the steps rendered before it.
    static Result<SqlPreview> previewSql(const PythonCommand& python, const BridgeRequest& request,
                                         const std::atomic_bool* cancel = nullptr, SqlPreview* partial = nullptr);

    // `merge` through the bridge: the project's Alembic writes a merge revision joining the
    // revisions in request.target ("a,b[,c]"), with request.message / branchLabel / revisionId.
    static Result<MergeOutcome> merge(const PythonCommand& python, const BridgeRequest& request,
                                      const std::atomic_bool* cancel = nullptr);

    // `revision --autogenerate` without writing: what the file(s) would hold (request.message,
    // head, ... as for writeRevision; autogenerate and review are set here).
    static Result<AutogenerateReview> reviewRevision(const PythonCommand& python, const BridgeRequest& request,
                                                     const std::atomic_bool* cancel = nullptr);
    // `alembic revision` through the project's Alembic and script.py.mako: the files written
    // (none when env.py's process_revision_directives dropped the revision).
    static Result<QVector<WrittenRevision>> writeRevision(const PythonCommand& python, const BridgeRequest& request,
                                                          const std::atomic_bool* cancel = nullptr);
    // The drift check (`alembic check` through compare_metadata): one script whose changes are
    // the drift between env.py's target_metadata and the database env.py connects to.
    static Result<AutogenerateReview> checkDrift(const PythonCommand& python, const BridgeRequest& request,
                                                 const std::atomic_bool* cancel = nullptr);
};

} // namespace retort
