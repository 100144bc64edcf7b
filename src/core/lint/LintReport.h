#pragma once

// What `lint` found in a plan: findings (rule, severity, table, lock, rewrite/scan, line in the
// step's SQL, the fix in Alembic terms), what each step locks, the tables with their live weight,
// the sessions that hold or wait for locks on them, and the data the plan destroys.

#include "core/common/Problem.h"
#include "core/lint/LockMode.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace retort::lint {

// Severities are Retort's one scale (core/common/Problem.h): info, warning, error.
using retort::Severity;
using retort::severityFromName;
using retort::severityName;

// A table as a statement names it. An empty schema means "the search path's" (as is `public`,
// which key() folds into the unqualified form, so `public.orders` and `orders` are one table).
struct TableName
{
    QString schema;
    QString name;

    [[nodiscard]] bool isEmpty() const { return name.isEmpty(); }
    [[nodiscard]] QString key() const;                         // "orders", "sales.orders"
    [[nodiscard]] QString display() const { return key(); }
    bool operator==(const TableName& other) const { return key() == other.key(); }
};

struct Finding
{
    QString rule;              // stable id, e.g. "create-index-not-concurrently" (docs/LINT-RULES.md)
    Severity severity = Severity::Warning;
    QString revision;
    QString direction;         // "upgrade" / "downgrade"
    int stepIndex = -1;        // in the plan, 0-based
    TableName table;           // empty when the statement names none (or it is unknown offline)
    LockMode lock = LockMode::None; // the strongest lock the statement takes on `table`
    bool rewrites = false;     // the statement rewrites `table` (new files, every row copied)
    bool scans = false;        // the statement reads every row of `table`
    QString message;
    QString fix;               // in Alembic terms
    int line = 0;              // 1-based line of the statement in the step's SQL; 0 = not a statement
    QString statement;         // the statement's text (shortened when very long)
    QString path;              // findings about the revision file: the file and line
    int sourceLine = 0;
    QString weight;            // with a database: "rewrites orders: 1.2 M rows, 340 MB"
};

// One table a statement locks.
struct TableEffect
{
    TableName table;
    LockMode lock = LockMode::None;
    bool rewrites = false;
    bool scans = false;
    bool creates = false; // the statement creates the table
};

// What one statement of a step does to tables (the claim tests compare with pg_locks).
struct StatementEffect
{
    int stepIndex = -1; // -1: SQL outside the steps (Alembic's BEGIN/COMMIT, the version table)
    QString revision;
    int line = 0;
    QString type;       // the parse node type, e.g. "AlterTableStmt"
    QVector<TableEffect> tables;

    [[nodiscard]] const TableEffect* find(const TableName& table) const;
    // Records `lock` on `table`, keeping the strongest one per table.
    TableEffect& take(const TableName& table, LockMode lock);
};

// A table the plan touches, with what the database says about it (counts and size need --url).
struct TableFacts
{
    TableName table;
    QString resolvedSchema;     // where the database found it ("" offline or when missing)
    bool exists = false;        // live: the table exists now
    qint64 estimatedRows = -1;  // pg_class.reltuples (-1: unknown, never analyzed)
    qint64 exactRows = -1;      // count(*) on demand (-1: not counted)
    qint64 totalBytes = -1;     // pg_total_relation_size (-1: unknown)
    int hasRows = -1;           // EXISTS (SELECT 1 FROM t): 1, 0, -1 unknown/not asked
    QString note;               // why something is unknown (e.g. a lock timeout)
    // What the plan does to it.
    LockMode planLock = LockMode::None;
    bool rewritten = false;
    bool scanned = false;
    bool createdByPlan = false;

    // Exact rows when counted, else 0 when known empty, else the estimate, else -1.
    [[nodiscard]] qint64 rows() const;
    [[nodiscard]] bool rowsAreEstimate() const;
};

// A session (not ours) holding or waiting for a lock on a table the plan touches.
struct BlockingSession
{
    int pid = 0;
    QString user;
    QString application;
    QString clientAddress;
    QString state;              // pg_stat_activity.state: "active", "idle in transaction", ...
    QString waitEventType;
    QString query;              // the session's current or last query (shortened, redacted)
    qint64 transactionSeconds = -1; // age of its open transaction; -1 when none
    TableName table;
    LockMode mode = LockMode::None;
    bool granted = true;        // false: it is waiting for the lock
    LockMode planLock = LockMode::None; // the plan's strongest lock on the table
    bool conflicts = false;     // its lock conflicts with the plan's: the run would wait behind it
};

// Data a step destroys.
struct DataLoss
{
    QString revision;
    int stepIndex = -1;
    int line = 0;
    TableName table;
    QString column;             // "" = the whole table
    QString what;               // "DROP TABLE", "DROP COLUMN", "TRUNCATE", "DELETE without WHERE"
    qint64 rows = -1;           // rows in the table now (live); -1 unknown
};

// A step of the plan as lint saw it.
struct StepReview
{
    int index = 0;
    QString revision;
    QString direction;
    QStringList fromRevisions;
    QStringList toRevisions;
    QString path;               // the revision file ("" when unknown)
    bool rendered = true;       // Alembic produced its offline SQL
    QString renderError;        // why not
    int statements = 0;         // statements parsed in its SQL
};

struct LintReport
{
    QString direction;
    QStringList currentHeads;
    QString target;
    int lockTimeoutMs = 0;      // the run will SET lock_timeout (0: off)
    QVector<StepReview> steps;
    QVector<Finding> findings;  // in plan order, then by line
    QVector<StatementEffect> statements; // every statement that locks a table, in order
    QVector<TableFacts> tables; // every table the plan touches, by first use
    QVector<BlockingSession> blockingSessions;
    QVector<DataLoss> dataLoss;
    bool live = false;          // a database was read
    QString liveNote;           // what could not be read, if anything
    int serverVersion = 0;      // server_version_num when live
    // The plan destroys rows: a drop, TRUNCATE or DELETE without WHERE on a table that has rows
    // (or whose rows are unknown: offline, or the count failed). The window asks for a typed
    // confirmation when set.
    bool wouldLoseRows = false;

    [[nodiscard]] int count(Severity severity) const;
    // Some finding is at least `threshold`.
    [[nodiscard]] bool reaches(Severity threshold) const;
    [[nodiscard]] const TableFacts* table(const TableName& name) const;
    [[nodiscard]] QJsonObject toJson() const;
};

// "1.2 M", "12.3 k", "340": rows for people.
[[nodiscard]] QString formatRows(qint64 rows);
// "340 MB", "12 kB", "512 bytes" (PostgreSQL's pg_size_pretty units).
[[nodiscard]] QString formatBytes(qint64 bytes);

} // namespace retort::lint
