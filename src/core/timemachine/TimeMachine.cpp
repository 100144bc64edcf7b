#include "core/timemachine/TimeMachine.h"

#include "core/db/Connection.h"
#include "core/db/SqlIdentifier.h"
#include "core/exec/AlembicJob.h"
#include "core/exec/BridgeSession.h"
#include "core/graph/Planner.h"
#include "core/log/Log.h"
#include "core/timemachine/ScratchDatabase.h"
#include "core/timemachine/SnapshotCache.h"
#include "core/workspace/DatabaseState.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace retort {

namespace {

Error cancelledError()
{
    return Error{QStringLiteral("cancelled"), QStringLiteral("cancelled"), {}, {}, 0};
}

SchemaSnapshot emptySchema(Dialect dialect)
{
    SchemaSnapshot schema;
    schema.dialect = dialect;
    return schema;
}

// One walk of the scratch database: the bridge session, the applied revisions (as Alembic's
// version rows say), a connection for the inspector, and the timings.
class Walk
{
public:
    Walk(const TimeMachineSetup& setup, const RevisionGraph& graph, ScratchDatabase& scratch, const std::atomic_bool* cancel)
        : m_setup(setup)
        , m_graph(graph)
        , m_scratch(scratch)
        , m_cancel(cancel)
        , m_session(setup.python, bridgeRequest(setup, scratch), cancel)
        , m_applied(graph.size(), 0)
    {
        m_clock.start();
        const VersionLocation location = VersionLocation::fromProject(setup.project->project.config);
        m_versionTable = TableRef{location.schema, location.table};
    }

    ~Walk()
    {
        m_connection.reset();
        m_session.close();
    }

    Status start()
    {
        if (m_setup.python.remote)
            return Error{QStringLiteral("scratch-remote-python"),
                         QStringLiteral("the schema time machine runs the project's Alembic against a scratch database "
                                        "on this machine, which a compose service cannot reach"),
                         QStringLiteral("Choose the project's local interpreter (--python PATH)."), {}, 0};
        if (m_scratch.wasUsed()) {
            if (Status s = reset(); !s)
                return s;
        }
        m_scratch.markUsed();
        if (Status s = createVersionSchema(); !s)
            return s;
        return m_session.start();
    }

    // The version table's schema (env.py's version_table_schema, read statically): the user's
    // database has it before any migration runs (Alembic creates the table, never the schema), so
    // an empty scratch database gets it too.
    Status createVersionSchema()
    {
        if (m_versionTable.schema.isEmpty() || m_scratch.url().dialect() != Dialect::PostgreSQL)
            return Ok{};
        auto opened = ScopedConnection::open(m_scratch.url(), 10);
        if (!opened)
            return opened.error();
        QSqlQuery query((*opened)->database());
        if (!query.exec(QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(quoteIdentifier(m_versionTable.schema))))
            return Error{QStringLiteral("db-query"),
                         QStringLiteral("cannot create the version table's schema %1 on the scratch database: %2")
                             .arg(m_versionTable.schema, query.lastError().text()),
                         {}, {}, 0};
        return Ok{};
    }

    // The version table as env.py configured it (the session's url event), else the project's.
    [[nodiscard]] TableRef versionTable() const
    {
        const QJsonObject url = m_session.url();
        if (url.contains(QStringLiteral("version_table")))
            return TableRef{url.value(QStringLiteral("version_table_schema")).toString(),
                            url.value(QStringLiteral("version_table")).toString(QStringLiteral("alembic_version"))};
        return m_versionTable;
    }

    [[nodiscard]] bool cancelled() const { return m_cancel && m_cancel->load(); }

    // Alembic's upgrade/downgrade in the session. A failed command leaves the database in a state
    // nobody can name (SQLite keeps part of a failed migration): reset() before relying on it.
    Result<SessionReply> command(const QString& name, const QString& target)
    {
        QElapsedTimer timer;
        timer.start();
        Result<SessionReply> reply = m_session.command(name, target);
        m_stats.alembicMs += timer.elapsed();
        ++m_stats.commands;
        m_current.reset();
        if (!reply)
            return reply;
        if (!reply->ok || !reply->headsKnown) {
            m_dirty = true;
            return reply;
        }
        setHeads(reply->heads);
        return reply;
    }

    Result<SchemaSnapshot> inspect()
    {
        if (m_current)
            return *m_current;
        QElapsedTimer timer;
        timer.start();
        if (!m_connection) {
            auto opened = ScopedConnection::open(m_scratch.url(), 10);
            if (!opened)
                return opened.error();
            m_connection = std::move(opened).value();
        }
        Result<SchemaSnapshot> schema = SchemaInspector::inspect(m_connection->database());
        m_stats.inspectMs += timer.elapsed();
        ++m_stats.inspections;
        if (schema) {
            for (TableInfo& table : schema->tables)
                table.estimatedRows = table.exactRows = -1; // statistics, not schema
            m_current = *schema;
        }
        return schema;
    }

    // Empties the scratch database (nothing applied).
    Status reset()
    {
        m_connection.reset();
        m_current.reset();
        if (Status s = m_scratch.reset(); !s)
            return s;
        if (Status s = createVersionSchema(); !s)
            return s;
        ++m_stats.resets;
        std::fill(m_applied.begin(), m_applied.end(), char(0));
        m_heads.clear();
        m_dirty = false;
        return Ok{};
    }

    // What is applied lies within `ancestry` (a mask closed under ancestors) and is known.
    [[nodiscard]] bool appliedWithin(const QVector<char>& ancestry) const
    {
        if (m_dirty)
            return false;
        for (int i = 0; i < m_applied.size(); ++i) {
            if (m_applied.at(i) && !ancestry.at(i))
                return false;
        }
        return true;
    }
    [[nodiscard]] bool isApplied(int index) const { return !m_dirty && m_applied.at(index); }
    [[nodiscard]] const QStringList& heads() const { return m_heads; }

    WalkStats finishStats()
    {
        m_stats.elapsedMs = m_clock.elapsed();
        return m_stats;
    }

private:
    static BridgeRequest bridgeRequest(const TimeMachineSetup& setup, const ScratchDatabase& scratch)
    {
        BridgeRequest request = JobRequest::forProject(setup.project->project.config, setup.python, BridgeOp::Session, {},
                                                       scratch.url().toString())
                                    .bridge;
        request.requireUrlMatch = true; // never run anywhere but the scratch database
        request.timeoutMs = setup.commandTimeoutMs;
        return request;
    }

    void setHeads(const QStringList& heads)
    {
        m_heads = heads;
        QVector<int> indexes;
        for (const QString& id : heads) {
            const int index = m_graph.indexOf(id);
            if (index >= 0)
                indexes << index;
            else
                m_dirty = true; // a row no revision defines: nothing to trust
        }
        m_applied = indexes.isEmpty() ? QVector<char>(m_graph.size(), 0) : m_graph.ancestorMask(indexes, true);
    }

    const TimeMachineSetup& m_setup;
    const RevisionGraph& m_graph;
    ScratchDatabase& m_scratch;
    const std::atomic_bool* m_cancel;
    BridgeSession m_session;
    std::unique_ptr<ScopedConnection> m_connection;
    QVector<char> m_applied;
    QStringList m_heads;
    bool m_dirty = false;
    std::optional<SchemaSnapshot> m_current; // the schema as it is now, when read since the last command
    TableRef m_versionTable;
    WalkStats m_stats;
    QElapsedTimer m_clock;
};

// The schemas a walk computes, written to the cache when the walk ends however it ends (a cancel
// or an error keeps what was done before it).
class CacheWriter
{
public:
    CacheWriter(const TimeMachineSetup& setup, const RevisionGraph& graph, Dialect dialect)
        : m_enabled(setup.useCache && SnapshotCache::isEnabled())
        , m_cache(setup.project->project.config.configFile)
        , m_keys(SnapshotCache::revisionKeys(graph, setup.project->project.config.envPy, dialect))
    {
        if (m_enabled)
            m_cache.load();
    }
    ~CacheWriter()
    {
        if (m_enabled)
            (void)m_cache.save(QSet<QByteArray>(m_keys.cbegin(), m_keys.cend()));
    }
    CacheWriter(const CacheWriter&) = delete;
    CacheWriter& operator=(const CacheWriter&) = delete;

    void insert(int index, const QString& label, const QString& serverVersion, const SchemaSnapshot& schema)
    {
        if (m_enabled)
            m_cache.insert(m_keys.at(index), {label, serverVersion, 0, schema});
    }

private:
    bool m_enabled = false;
    SnapshotCache m_cache;
    QVector<QByteArray> m_keys;
};

QVector<char> strictAncestors(const RevisionGraph& graph, int index)
{
    QVector<char> mask = graph.ancestorMask({index}, true);
    mask[index] = 0;
    return mask;
}

bool anyMarked(const QVector<char>& mask, const QVector<char>& marks)
{
    for (int i = 0; i < mask.size(); ++i) {
        if (mask.at(i) && marks.at(i))
            return true;
    }
    return false;
}

} // namespace

TimeMachine::TimeMachine(TimeMachineSetup setup)
    : m_setup(std::move(setup))
{
}

Result<const RevisionGraph*> TimeMachine::graph() const
{
    if (!m_setup.project)
        return Error{QStringLiteral("usage"), QStringLiteral("no project loaded"), {}, {}, 0};
    if (m_setup.project->isBareVersionsDir())
        return Error{QStringLiteral("usage"),
                     QStringLiteral("the schema time machine runs the project's Alembic, which needs its alembic.ini and env.py"),
                     QStringLiteral("Open the project folder or its alembic.ini, not a bare versions folder."), {}, 0};
    return m_setup.project->commandGraph();
}

QVector<int> TimeMachine::walkOrder(const RevisionGraph& graph)
{
    const int n = graph.size();
    QVector<int> waiting(n);
    QVector<int> stack;
    for (int i = n - 1; i >= 0; --i) {
        waiting[i] = int(graph.at(i).normalizedDown.size());
        if (waiting[i] == 0)
            stack << i;
    }
    QVector<int> order;
    order.reserve(n);
    while (!stack.isEmpty()) {
        const int index = stack.takeLast();
        order << index;
        const QVector<int>& children = graph.at(index).normalizedChildren;
        // Reversed, so the first child (graph order) is taken next: depth first along it.
        for (auto it = children.crbegin(); it != children.crend(); ++it) {
            if (--waiting[*it] == 0)
                stack << *it;
        }
    }
    return order;
}

RevisionSchemas TimeMachine::cached(Dialect dialect, const QStringList& revisions) const
{
    const Result<const RevisionGraph*> g = graph();
    if (!g || !m_setup.useCache) {
        RevisionSchemas out;
        out.dialect = dialect;
        const VersionLocation location = m_setup.project ? VersionLocation::fromProject(m_setup.project->project.config) : VersionLocation{};
        out.versionTable = TableRef{location.schema, location.table};
        return out;
    }
    return cachedFor(m_setup.project->project.config, **g, dialect, revisions);
}

RevisionSchemas TimeMachine::cachedFor(const ProjectConfig& config, const RevisionGraph& graph, Dialect dialect,
                                       const QStringList& revisions)
{
    RevisionSchemas out;
    out.dialect = dialect;
    const VersionLocation location = VersionLocation::fromProject(config);
    out.versionTable = TableRef{location.schema, location.table};
    if (!SnapshotCache::isEnabled() || config.configFile.isEmpty())
        return out;
    SnapshotCache cache(config.configFile);
    cache.load();
    if (cache.size() == 0)
        return out;
    const QVector<QByteArray> keys = SnapshotCache::revisionKeys(graph, config.envPy, dialect);
    for (int i = 0; i < graph.size(); ++i) {
        const QString& id = graph.at(i).id;
        if (!revisions.isEmpty() && !revisions.contains(id))
            continue;
        if (const SnapshotCache::Entry* entry = cache.find(keys.at(i))) {
            out.byRevision.insert(id, entry->schema);
            ++out.fromCache;
        }
    }
    return out;
}

TimeMachine::Match TimeMachine::closestRevision(const RevisionGraph& graph, const RevisionSchemas& schemas, const SchemaSnapshot& live)
{
    Match best;
    int bestCount = 0;
    for (const int index : walkOrder(graph)) { // ancestors first: the oldest wins a tie
        const auto it = schemas.byRevision.constFind(graph.at(index).id);
        if (it == schemas.byRevision.constEnd())
            continue;
        SchemaDiff diff = SchemaDiff::compare(*it, live, schemas.diffOptions());
        const int count = diff.objectCount();
        if (best.revision < 0 || count < bestCount) {
            best.revision = index;
            best.diff = std::move(diff);
            bestCount = count;
        }
    }
    return best;
}

Result<RevisionSchemas> TimeMachine::schemas(ScratchDatabase& scratch, const QStringList& revisions, const std::atomic_bool* cancel,
                                             const WalkProgressFn& progress)
{
    const Result<const RevisionGraph*> g = graph();
    if (!g)
        return g.error();
    const RevisionGraph& revisionGraph = **g;
    const Dialect dialect = scratch.url().dialect();
    QVector<char> wanted(revisionGraph.size(), revisions.isEmpty() ? 1 : 0);
    for (const QString& id : revisions) {
        const int index = revisionGraph.indexOf(id);
        if (index < 0)
            return Error{QStringLiteral("revision-not-found"), QStringLiteral("Can't locate revision identified by '%1'").arg(id), {}, {}, 0};
        wanted[index] = 1;
    }

    RevisionSchemas out = cached(dialect, revisions);
    QVector<int> todo;
    for (const int index : walkOrder(revisionGraph)) {
        if (wanted.at(index) && !out.byRevision.contains(revisionGraph.at(index).id))
            todo << index;
    }
    if (todo.isEmpty())
        return out;

    CacheWriter cache(m_setup, revisionGraph, dialect);
    Walk walk(m_setup, revisionGraph, scratch, cancel);
    if (Status s = walk.start(); !s)
        return s.error();
    QVector<char> failed(revisionGraph.size(), 0);
    int done = 0;
    for (const int index : std::as_const(todo)) {
        const Revision& revision = revisionGraph.at(index);
        if (walk.cancelled())
            return cancelledError();
        const QVector<char> ancestry = strictAncestors(revisionGraph, index);
        if (anyMarked(ancestry, failed)) {
            out.unreachable << revision.id;
            failed[index] = 1;
            ++done;
            continue;
        }
        if (progress)
            progress(WalkProgress{done, int(todo.size()), revision.id, QStringLiteral("upgrade")});
        if (!walk.appliedWithin(ancestry)) {
            if (Status s = walk.reset(); !s)
                return s.error();
        }
        Result<SessionReply> reply = walk.command(QStringLiteral("upgrade"), revision.id);
        if (!reply)
            return reply.error();
        if (!reply->ok) {
            out.failed.insert(revision.id, reply->error);
            failed[index] = 1;
            ++done;
            continue;
        }
        if (progress)
            progress(WalkProgress{done, int(todo.size()), revision.id, QStringLiteral("inspect")});
        Result<SchemaSnapshot> schema = walk.inspect();
        if (!schema)
            return schema.error();
        out.byRevision.insert(revision.id, *schema);
        ++out.computed;
        cache.insert(index, revision.id, scratch.serverVersion(), *schema);
        ++done;
    }
    if (progress)
        progress(WalkProgress{done, int(todo.size()), {}, {}});
    out.versionTable = walk.versionTable();
    out.stats = walk.finishStats();
    return out;
}

namespace {

// The minimal heads of a set of revisions (none an ancestor of another), as graph indexes.
Result<QVector<int>> headIndexes(const RevisionGraph& graph, const QStringList& heads)
{
    QVector<int> indexes;
    for (const QString& id : heads) {
        const int index = graph.indexOf(id);
        if (index < 0)
            return Error{QStringLiteral("revision-not-found"), QStringLiteral("Can't locate revision identified by '%1'").arg(id), {}, {}, 0};
        if (!indexes.contains(index))
            indexes << index;
    }
    QVector<int> minimal;
    for (const int index : std::as_const(indexes)) {
        bool below = false;
        for (const int other : std::as_const(indexes)) {
            if (other != index && strictAncestors(graph, other).at(index))
                below = true;
        }
        if (!below)
            minimal << index;
    }
    std::sort(minimal.begin(), minimal.end());
    return minimal;
}

QByteArray stateKeyOf(const QVector<QByteArray>& keys, const QVector<int>& heads)
{
    QVector<QByteArray> headKeys;
    for (const int index : heads)
        headKeys << keys.at(index);
    return SnapshotCache::stateKey(headKeys);
}

} // namespace

std::optional<SchemaSnapshot> TimeMachine::cachedStateSchema(Dialect dialect, const QStringList& heads) const
{
    const Result<const RevisionGraph*> g = graph();
    if (!g || !m_setup.useCache || !SnapshotCache::isEnabled())
        return std::nullopt;
    if (heads.isEmpty())
        return emptySchema(dialect);
    const Result<QVector<int>> indexes = headIndexes(**g, heads);
    if (!indexes)
        return std::nullopt;
    SnapshotCache cache(m_setup.project->project.config.configFile);
    cache.load();
    const QVector<QByteArray> keys = SnapshotCache::revisionKeys(**g, m_setup.project->project.config.envPy, dialect);
    if (const SnapshotCache::Entry* entry = cache.find(stateKeyOf(keys, *indexes)))
        return entry->schema;
    return std::nullopt;
}

Result<SchemaSnapshot> TimeMachine::stateSchema(ScratchDatabase& scratch, const QStringList& heads, const std::atomic_bool* cancel)
{
    const Result<const RevisionGraph*> g = graph();
    if (!g)
        return g.error();
    const RevisionGraph& revisionGraph = **g;
    const Dialect dialect = scratch.url().dialect();
    if (std::optional<SchemaSnapshot> hit = cachedStateSchema(dialect, heads))
        return *hit;
    const Result<QVector<int>> indexes = headIndexes(revisionGraph, heads);
    if (!indexes)
        return indexes.error();

    Walk walk(m_setup, revisionGraph, scratch, cancel);
    if (Status s = walk.start(); !s)
        return s.error();
    for (const int index : *indexes) {
        Result<SessionReply> reply = walk.command(QStringLiteral("upgrade"), revisionGraph.at(index).id);
        if (!reply)
            return reply.error();
        if (!reply->ok)
            return reply->error;
    }
    Result<SchemaSnapshot> schema = walk.inspect();
    if (!schema)
        return schema;
    if (m_setup.useCache && SnapshotCache::isEnabled()) {
        SnapshotCache cache(m_setup.project->project.config.configFile);
        cache.load();
        const QVector<QByteArray> keys = SnapshotCache::revisionKeys(revisionGraph, m_setup.project->project.config.envPy, dialect);
        QSet<QByteArray> live(keys.cbegin(), keys.cend());
        const QByteArray key = stateKeyOf(keys, *indexes);
        live.insert(key);
        cache.insert(key, {heads.join(QLatin1Char(',')), scratch.serverVersion(), 0, *schema});
        (void)cache.save(live);
    }
    return schema;
}

namespace {

// A downgrade target that undoes exactly `index` from `heads` (Retort's planner, Alembic's rules),
// or "" when none does.
QString singleDowngradeTarget(const RevisionGraph& graph, int index, const QStringList& heads, QStringList* expectedHeads)
{
    const Revision& revision = graph.at(index);
    QStringList candidates{QStringLiteral("-1")};
    for (const int parent : revision.normalizedDown)
        candidates << graph.at(parent).id;
    if (revision.normalizedDown.isEmpty())
        candidates << QStringLiteral("base");
    for (const QString& target : std::as_const(candidates)) {
        const Result<Plan> plan = Planner::plan(graph, heads, Direction::Downgrade, target);
        if (plan && plan->steps.size() == 1 && plan->steps.first().revision == revision.id) {
            *expectedHeads = plan->resultingHeads;
            expectedHeads->sort();
            return target;
        }
    }
    return {};
}

} // namespace

Result<VerifyReport> TimeMachine::verify(ScratchDatabase& scratch, const std::atomic_bool* cancel, const WalkProgressFn& progress)
{
    const Result<const RevisionGraph*> g = graph();
    if (!g)
        return g.error();
    const RevisionGraph& revisionGraph = **g;
    const Dialect dialect = scratch.url().dialect();
    VerifyReport report;
    report.revisions = revisionGraph.size();
    report.scratch = scratch.description();
    CacheWriter cache(m_setup, revisionGraph, dialect);
    Walk walk(m_setup, revisionGraph, scratch, cancel);
    if (Status s = walk.start(); !s)
        return s.error();

    auto finding = [&](const QString& code, int index, const QString& message) -> RoundTripFinding& {
        const Revision& revision = revisionGraph.at(index);
        report.findings.append(RoundTripFinding{code, revision.id, message, {}, {}, revision.path, revision.line});
        return report.findings.last();
    };
    // After a finding the database is no longer what the revisions built: rebuild it up to R.
    auto rebuild = [&](int index) -> Status {
        if (progress)
            progress(WalkProgress{report.checked, report.revisions, revisionGraph.at(index).id, QStringLiteral("rebuild")});
        if (Status s = walk.reset(); !s)
            return s;
        Result<SessionReply> reply = walk.command(QStringLiteral("upgrade"), revisionGraph.at(index).id);
        if (!reply)
            return reply.error();
        if (!reply->ok)
            return Error{QStringLiteral("verify-rebuild"),
                         QStringLiteral("rebuilding the scratch database up to %1 failed: %2").arg(revisionGraph.at(index).id, reply->error.message),
                         {}, reply->error.path, reply->error.line};
        return Ok{};
    };

    QVector<char> failed(revisionGraph.size(), 0);
    int done = 0;
    for (const int index : walkOrder(revisionGraph)) {
        const Revision& revision = revisionGraph.at(index);
        if (walk.cancelled())
            return cancelledError();
        const QVector<char> ancestry = strictAncestors(revisionGraph, index);
        if (anyMarked(ancestry, failed)) {
            report.skipped << revision.id;
            failed[index] = 1;
            ++done;
            continue;
        }
        auto step = [&](const QString& activity) {
            if (progress)
                progress(WalkProgress{done, report.revisions, revision.id, activity});
        };
        step(QStringLiteral("upgrade"));

        // The state of R's ancestors, exactly.
        if (!walk.appliedWithin(ancestry)) {
            if (Status s = walk.reset(); !s)
                return s.error();
        }
        for (const int parent : revision.normalizedDown) {
            if (walk.isApplied(parent))
                continue;
            Result<SessionReply> reply = walk.command(QStringLiteral("upgrade"), revisionGraph.at(parent).id);
            if (!reply)
                return reply.error();
            if (!reply->ok)
                return Error{QStringLiteral("verify-rebuild"),
                             QStringLiteral("upgrading to %1 (a parent of %2) failed this time: %3")
                                 .arg(revisionGraph.at(parent).id, revision.id, reply->error.message),
                             {}, reply->error.path, reply->error.line};
        }
        const Result<SchemaSnapshot> before = walk.inspect();
        if (!before)
            return before.error();
        const SchemaSnapshot s0 = *before;

        // Up.
        Result<SessionReply> up = walk.command(QStringLiteral("upgrade"), revision.id);
        if (!up)
            return up.error();
        if (!up->ok) {
            RoundTripFinding& f = finding(QStringLiteral("upgrade-failed"), index,
                                          QStringLiteral("upgrade to %1 failed: %2").arg(revision.id, up->error.message));
            f.error = up->error;
            failed[index] = 1;
            ++done;
            continue;
        }
        const QStringList headsUp = walk.heads();
        Result<SchemaSnapshot> afterUp = walk.inspect();
        if (!afterUp)
            return afterUp.error();
        const SchemaSnapshot s1 = *afterUp;
        cache.insert(index, revision.id, scratch.serverVersion(), s1);
        const SchemaDiffOptions options{{walk.versionTable()}};

        // Down: exactly R.
        QStringList expectedHeads;
        const QString target = singleDowngradeTarget(revisionGraph, index, headsUp, &expectedHeads);
        if (target.isEmpty()) {
            finding(QStringLiteral("no-single-downgrade"), index,
                    QStringLiteral("no downgrade target undoes %1 alone from %2; its round trip was not run")
                        .arg(revision.id, headsUp.join(QStringLiteral(", "))));
            ++done;
            continue;
        }
        step(QStringLiteral("downgrade"));
        Result<SessionReply> down = walk.command(QStringLiteral("downgrade"), target);
        if (!down)
            return down.error();
        if (!down->ok) {
            RoundTripFinding& f = finding(QStringLiteral("downgrade-failed"), index,
                                          QStringLiteral("downgrade of %1 failed: %2").arg(revision.id, down->error.message));
            f.error = down->error;
            if (Status s = rebuild(index); !s)
                return s.error();
            ++report.checked;
            ++done;
            continue;
        }
        if (down->heads != expectedHeads)
            return Error{QStringLiteral("verify-planner"),
                         QStringLiteral("downgrading %1 with target %2 left %3 in the version table; Retort's planner expected %4")
                             .arg(revision.id, target, down->heads.join(QStringLiteral(", ")), expectedHeads.join(QStringLiteral(", "))),
                         QStringLiteral("Please report this: Retort and the project's Alembic disagree on a downgrade."),
                         revision.path, revision.line};
        const Result<SchemaSnapshot> afterDown = walk.inspect();
        if (!afterDown)
            return afterDown.error();
        const SchemaDiff leftover = SchemaDiff::compare(s0, *afterDown, options);
        bool dirty = false;
        if (!leftover.isEmpty()) {
            RoundTripFinding& f = finding(QStringLiteral("downgrade-incomplete"), index,
                                          QStringLiteral("the downgrade of %1 does not restore its parent's schema: %2")
                                              .arg(revision.id, leftover.objectNames().join(QStringLiteral(", "))));
            f.diff = leftover;
            dirty = true;
        }

        // Up again.
        step(QStringLiteral("upgrade again"));
        Result<SessionReply> again = walk.command(QStringLiteral("upgrade"), revision.id);
        if (!again)
            return again.error();
        if (!again->ok) {
            RoundTripFinding& f = finding(QStringLiteral("reupgrade-failed"), index,
                                          QStringLiteral("upgrading %1 again after its downgrade failed: %2").arg(revision.id, again->error.message));
            f.error = again->error;
            dirty = true;
        } else {
            const Result<SchemaSnapshot> afterAgain = walk.inspect();
            if (!afterAgain)
                return afterAgain.error();
            const SchemaDiff differs = SchemaDiff::compare(s1, *afterAgain, options);
            if (!differs.isEmpty()) {
                RoundTripFinding& f = finding(QStringLiteral("reupgrade-differs"), index,
                                              QStringLiteral("upgrading %1 again gives another schema than the first time: %2")
                                                  .arg(revision.id, differs.objectNames().join(QStringLiteral(", "))));
                f.diff = differs;
                dirty = true;
            } else {
                dirty = false; // back where the first upgrade was
            }
        }
        if (dirty) {
            if (Status s = rebuild(index); !s)
                return s.error();
        }
        ++report.checked;
        ++done;
    }
    if (progress)
        progress(WalkProgress{done, report.revisions, {}, {}});
    report.stats = walk.finishStats();
    return report;
}

QVector<RevisionChange> TimeMachine::changesOf(const RevisionGraph& graph, int index, const RevisionSchemas& schemas)
{
    QVector<RevisionChange> changes;
    if (index < 0 || index >= graph.size())
        return changes;
    const Revision& revision = graph.at(index);
    const auto after = schemas.byRevision.constFind(revision.id);
    if (after == schemas.byRevision.constEnd())
        return changes;
    const SchemaDiffOptions options = schemas.diffOptions();
    if (revision.normalizedDown.isEmpty()) {
        changes.append({revision.id, {}, false, SchemaDiff::compare(emptySchema(schemas.dialect), *after, options)});
        return changes;
    }
    for (const int parent : revision.normalizedDown) {
        const QString& parentId = graph.at(parent).id;
        const auto before = schemas.byRevision.constFind(parentId);
        if (before == schemas.byRevision.constEnd())
            continue;
        changes.append({revision.id, parentId, !revision.parents.contains(parent), SchemaDiff::compare(*before, *after, options)});
    }
    return changes;
}

} // namespace retort
