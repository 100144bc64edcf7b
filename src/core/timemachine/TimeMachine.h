#pragma once

// The schema time machine (issue #17): the project's own Alembic walks a scratch database through
// its revisions, and the schema inspector reads the database between two steps.
//
//  - schemas(): the schema at each revision R - the database `alembic upgrade R` builds from
//    nothing (R with its down_revision and depends_on ancestors, nothing else) - from the cache
//    (SnapshotCache) or by walking. Revisions are visited depth first, so a linear history is one
//    `upgrade` per revision; reaching a revision whose ancestry does not contain what is applied
//    (another branch) empties the scratch database and upgrades to it afresh: only upgrades build a
//    state, so a broken downgrade elsewhere cannot spoil a snapshot.
//  - verify(): up, down, up for every revision. From the state of R's ancestors (inspected: S0),
//    upgrade R (S1, also the schema at R), downgrade exactly R (a target Retort's planner checks
//    undoes R alone: "-1", a parent, "base"), inspect (S2), upgrade R again (S3). Findings: the
//    upgrade fails; the downgrade fails; S2 differs from S0 (the objects that differ); the second
//    upgrade fails; S3 differs from S1. After a finding the scratch database is rebuilt up to R, so
//    one broken revision cannot make the next ones look broken. Descendants of a revision whose
//    upgrade fails cannot be reached (listed as skipped).
//  - stateSchema(): the schema of several heads applied together (a database stamped at two heads).
//
// One bridge session (one Python process) runs every command of a walk. Blocking: call from a
// worker thread or retort-cli; `cancel` is checked between commands and stops a running one.

#include "core/common/Error.h"
#include "core/db/SchemaInspector.h"
#include "core/exec/PythonLocator.h"
#include "core/timemachine/SchemaDiff.h"
#include "core/workspace/ProjectLoader.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>

namespace retort {

class ScratchDatabase;

struct TimeMachineSetup
{
    std::shared_ptr<const ProjectSnapshot> project; // loaded; Alembic must accept it (commandGraph)
    PythonCommand python;                           // a local interpreter (not a compose service)
    int commandTimeoutMs = 3600 * 1000;              // one upgrade/downgrade command
    bool useCache = true;                           // read and write SnapshotCache (and its global switch)
};

struct WalkProgress
{
    int done = 0;          // revisions finished
    int total = 0;         // revisions to do in this walk
    QString revision;      // the revision being worked on
    QString activity;      // "upgrade", "downgrade", "upgrade again", "inspect", "rebuild"
};
using WalkProgressFn = std::function<void(const WalkProgress&)>;

// Timings of a walk (bench and reports).
struct WalkStats
{
    int commands = 0;        // Alembic commands run in the session
    int inspections = 0;     // schema snapshots read
    int resets = 0;          // scratch database emptied to reach another branch (or to recover)
    qint64 alembicMs = 0;    // wall time inside Alembic commands
    qint64 inspectMs = 0;    // wall time reading schemas
    qint64 elapsedMs = 0;    // the whole walk, Python's start included
};

// The schema at revisions.
struct RevisionSchemas
{
    Dialect dialect = Dialect::SQLite;
    QHash<QString, SchemaSnapshot> byRevision; // revision id -> the schema `alembic upgrade id` builds
    QHash<QString, Error> failed;              // revision id -> why its upgrade failed
    QStringList unreachable;                   // revisions below a failed one (not computed)
    TableRef versionTable;                     // the version table (left out of comparisons)
    int fromCache = 0;
    int computed = 0;
    WalkStats stats;

    [[nodiscard]] SchemaDiffOptions diffOptions() const { return SchemaDiffOptions{{versionTable}}; }
};

// What a revision changed against one of its parents.
struct RevisionChange
{
    QString revision;
    QString parent;        // "" = base (the empty database)
    bool againstDependency = false; // the parent is a depends_on, not a down_revision
    SchemaDiff diff;
};

struct RoundTripFinding
{
    // "upgrade-failed", "downgrade-failed", "downgrade-incomplete", "reupgrade-failed",
    // "reupgrade-differs", "no-single-downgrade"
    QString code;
    QString revision;
    QString message;
    Error error;           // Alembic's failure, when one
    SchemaDiff diff;       // downgrade-incomplete: the parent's schema -> after the downgrade;
                           // reupgrade-differs: after the first upgrade -> after the second
    QString path;          // the revision file
    int line = 0;
};

struct VerifyReport
{
    int revisions = 0;     // in the project
    int checked = 0;       // went through up, down, up
    QVector<RoundTripFinding> findings;
    QStringList skipped;   // below a revision whose upgrade failed
    QString scratch;       // what it ran on
    WalkStats stats;
};

class TimeMachine
{
public:
    explicit TimeMachine(TimeMachineSetup setup);

    // The graph Alembic accepts, or why not.
    [[nodiscard]] Result<const RevisionGraph*> graph() const;

    // Only what the cache holds (no scratch database, no Python): schemas of `revisions` (ids;
    // empty = every revision) for `dialect`.
    [[nodiscard]] RevisionSchemas cached(Dialect dialect, const QStringList& revisions = {}) const;
    // The same for a project the caller loaded its own way (the doctor); nothing when the cache is off.
    static RevisionSchemas cachedFor(const ProjectConfig& config, const RevisionGraph& graph, Dialect dialect,
                                     const QStringList& revisions = {});

    // The revision whose schema is closest to `live` (fewest objects that differ; ties go to the
    // oldest, so `upgrade` still runs later revisions that change no schema). -1 when `schemas`
    // holds none.
    struct Match
    {
        int revision = -1;
        SchemaDiff diff;   // the revision's schema -> live
    };
    static Match closestRevision(const RevisionGraph& graph, const RevisionSchemas& schemas, const SchemaSnapshot& live);

    // The schema at each of `revisions` (ids; empty = every revision), computed on `scratch` where
    // the cache has none. Errors: the project, the session (Python, env.py, a url mismatch), a
    // cancel. A revision whose upgrade fails is in `failed`, not an error.
    Result<RevisionSchemas> schemas(ScratchDatabase& scratch, const QStringList& revisions, const std::atomic_bool* cancel = nullptr,
                                    const WalkProgressFn& progress = {});

    // The schema of `heads` applied together (their ancestors included), cached like a revision's.
    Result<SchemaSnapshot> stateSchema(ScratchDatabase& scratch, const QStringList& heads, const std::atomic_bool* cancel = nullptr);
    [[nodiscard]] std::optional<SchemaSnapshot> cachedStateSchema(Dialect dialect, const QStringList& heads) const;

    // Up, down, up for every revision (see the file comment).
    Result<VerifyReport> verify(ScratchDatabase& scratch, const std::atomic_bool* cancel = nullptr,
                                const WalkProgressFn& progress = {});

    // What revision `index` changed: one entry per normalized parent (down_revisions, then
    // depends_on), each against that parent's schema; one entry against base for a base revision.
    // Entries whose schemas are missing are left out.
    static QVector<RevisionChange> changesOf(const RevisionGraph& graph, int index, const RevisionSchemas& schemas);

    // Depth-first upgrade order over Alembic's normalized edges: every revision after its ancestors,
    // each branch followed to its end before the next starts.
    static QVector<int> walkOrder(const RevisionGraph& graph);

private:
    TimeMachineSetup m_setup;
};

} // namespace retort
