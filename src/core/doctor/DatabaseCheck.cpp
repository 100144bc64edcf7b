#include "core/doctor/DatabaseCheck.h"

#include "core/common/Redact.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/VersionTable.h"
#include "core/doctor/SchemaHistory.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"
#include "core/graph/Planner.h"
#include "core/graph/RevisionGraph.h"
#include "core/graph/RevisionSpec.h"
#include "core/log/Log.h"
#include "core/timemachine/TimeMachine.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonValue>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <optional>

namespace retort::doctor {

namespace {

QString fileOf(const QString& path)
{
    return QFileInfo(path).fileName();
}

QString shortList(const QStringList& items, int max = 5)
{
    if (items.size() <= max)
        return items.join(QStringLiteral(", "));
    return items.mid(0, max).join(QStringLiteral(", ")) + QStringLiteral(" and %1 more").arg(items.size() - max);
}

} // namespace

// Every table and its columns (lower-case), one catalog query, without the version table.
Result<SchemaState> readDatabaseSchema(QSqlDatabase db, Dialect dialect, const QString& versionTable)
{
    const QString sql = dialect == Dialect::SQLite
                            ? QStringLiteral("SELECT m.name, p.name FROM sqlite_master AS m "
                                             "JOIN pragma_table_info(m.name) AS p "
                                             "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
                            : QStringLiteral("SELECT c.relname, a.attname FROM pg_class c "
                                             "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                             "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                                             "WHERE c.relkind IN ('r', 'p') "
                                             "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                                             "AND n.nspname NOT LIKE 'pg\\_toast%'");
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return ScopedConnection::queryError(db, query.lastError(), QStringLiteral("listing the database's tables"));
    SchemaState schema;
    const QString skip = versionTable.toLower();
    while (query.next()) {
        const QString table = query.value(0).toString().toLower();
        if (table == skip)
            continue;
        schema[table].insert(query.value(1).toString().toLower());
    }
    return schema;
}

namespace {

struct LockHolder
{
    qint64 pid = 0;
    QStringList tables;
    QStringList modes;
    QString user;
    QString application;
    QString state;
    QString query;
    qint64 seconds = 0;
};

Result<QVector<LockHolder>> readLocks(QSqlDatabase db, const QSet<QString>& tables)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString sql = QStringLiteral(
        "SELECT l.pid, c.relname, l.mode, COALESCE(a.usename, ''), COALESCE(a.application_name, ''), "
        "COALESCE(a.state, ''), COALESCE(a.query, ''), "
        "COALESCE(EXTRACT(EPOCH FROM (now() - COALESCE(a.xact_start, a.query_start)))::bigint, 0) "
        "FROM pg_locks l "
        "JOIN pg_class c ON c.oid = l.relation "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid() "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "AND c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "ORDER BY l.pid, c.relname");
    if (!query.exec(sql))
        return ScopedConnection::queryError(db, query.lastError(), QStringLiteral("reading pg_locks"));
    QVector<LockHolder> holders;
    while (query.next()) {
        const QString table = query.value(1).toString().toLower();
        if (!tables.contains(table))
            continue;
        const qint64 pid = query.value(0).toLongLong();
        if (holders.isEmpty() || holders.last().pid != pid) {
            LockHolder h;
            h.pid = pid;
            h.user = query.value(3).toString();
            h.application = query.value(4).toString();
            h.state = query.value(5).toString();
            h.query = query.value(6).toString().simplified();
            h.seconds = query.value(7).toLongLong();
            holders.append(h);
        }
        LockHolder& h = holders.last();
        if (!h.tables.contains(table))
            h.tables << table;
        const QString mode = query.value(2).toString();
        if (!h.modes.contains(mode))
            h.modes << mode;
    }
    return holders;
}

QString duration(qint64 seconds)
{
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 h").arg(seconds / 3600);
}

bool isLoopback(const QString& host)
{
    return host.isEmpty() || host.startsWith(QLatin1Char('/')) || host == QLatin1String("localhost")
           || host == QLatin1String("127.0.0.1") || host == QLatin1String("::1") || host == QLatin1String("[::1]");
}

QString canonicalFile(const QString& path)
{
    const QFileInfo fi(path);
    const QString canonical = fi.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(fi.absoluteFilePath()) : canonical;
}

} // namespace

bool DatabaseCheck::DatabaseIdentity::sameDatabase(const DatabaseIdentity& other) const
{
    if (dialect != other.dialect)
        return false;
    if (dialect == QLatin1String("sqlite"))
        return database == other.database;
    const bool sameHost = host == other.host || (isLoopback(host) && isLoopback(other.host));
    return sameHost && port == other.port && database == other.database;
}

QString DatabaseCheck::DatabaseIdentity::describe() const
{
    if (dialect == QLatin1String("sqlite"))
        return QStringLiteral("SQLite file %1").arg(database);
    return QStringLiteral("%1 database \"%2\" on %3:%4").arg(dialect, database, host.isEmpty() ? QStringLiteral("localhost") : host).arg(port);
}

DatabaseCheck::DatabaseIdentity DatabaseCheck::identityOf(const DatabaseUrl& url)
{
    DatabaseIdentity id;
    id.driver = url.driver();
    if (url.dialect() == Dialect::SQLite) {
        id.dialect = QStringLiteral("sqlite");
        id.database = url.isSqliteMemory() ? QStringLiteral(":memory:") : canonicalFile(url.sqlitePath());
        return id;
    }
    id.dialect = QStringLiteral("postgresql");
    id.host = url.host();
    id.port = url.port() > 0 ? url.port() : 5432;
    id.database = url.database();
    return id;
}

int DatabaseCheck::editDistance(const QString& a, const QString& b)
{
    QVector<int> prev(b.size() + 1);
    QVector<int> cur(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

QStringList DatabaseCheck::candidatesFor(const RevisionGraph& graph, const QString& unknownId)
{
    struct Scored
    {
        QString id;
        int group; // 0 prefix, 1 edit distance, 2 head
        int score;
    };
    QVector<Scored> scored;
    const int maxDistance = std::max(2, int(unknownId.size()) / 4);
    for (const Revision& rev : graph.revisions()) {
        int common = 0;
        while (common < rev.id.size() && common < unknownId.size() && rev.id.at(common) == unknownId.at(common))
            ++common;
        if (common >= 4 || (common > 0 && (rev.id.startsWith(unknownId) || unknownId.startsWith(rev.id)))) {
            scored.append({rev.id, 0, -common});
            continue;
        }
        const int d = editDistance(rev.id, unknownId);
        if (d <= maxDistance)
            scored.append({rev.id, 1, d});
    }
    for (const int h : graph.heads()) {
        const QString& id = graph.at(h).id;
        if (std::none_of(scored.cbegin(), scored.cend(), [&](const Scored& s) { return s.id == id; }))
            scored.append({id, 2, 0});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        return a.group != b.group ? a.group < b.group : a.score < b.score;
    });
    QStringList out;
    for (const Scored& s : std::as_const(scored)) {
        if (out.size() >= 5)
            break;
        out << s.id;
    }
    return out;
}

QVector<Problem> DatabaseCheck::run(const LoadedProject& project, const RevisionGraph& graph,
                                    const DatabaseCheckOptions& options)
{
    QVector<Problem> findings;
    const ProjectConfig& config = project.config;
    auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    auto connectFinding = [&](const Error& e) {
        findings.append(Problem{QStringLiteral("db-connect"), Severity::Error, redactUrl(e.message),
                                redactUrl(e.hint), {}, 0, {}, {}});
    };

    if (cancelled())
        return findings;
    const Result<DatabaseUrl> url = DatabaseUrl::parse(options.url);
    if (!url.ok()) {
        connectFinding(url.error());
        return findings;
    }
    const QString shownUrl = url->redacted();

    // The project's Python for the bridge, located once and only when needed.
    std::optional<Result<PythonCommand>> locatedPython;
    auto bridgePython = [&]() -> const Result<PythonCommand>& {
        if (!locatedPython)
            locatedPython.emplace(PythonLocator::locate(QFileInfo(config.configFile).absolutePath(), options.python));
        return *locatedPython;
    };

    QStringList currentIds;
    bool unversioned = false;
    bool unknown = false;
    QVector<PlanStep> pending;
    {
        Result<std::unique_ptr<ScopedConnection>> opened = ScopedConnection::open(*url, options.connectTimeoutSeconds);
        if (!opened.ok()) {
            connectFinding(opened.error());
            return findings;
        }
        QSqlDatabase db = opened.value()->database();
        const Result<VersionState> state = VersionTable::read(db, config.effectiveVersionTable(), config.versionTableSchema);
        if (!state.ok()) {
            connectFinding(state.error());
            return findings;
        }

        const Result<SchemaState> schema = readDatabaseSchema(db, url->dialect(), config.effectiveVersionTable());
        if (!schema.ok()) {
            connectFinding(schema.error());
            return findings;
        }

        // --- db-unversioned-tables ---
        if (!state->tableExists && !schema->isEmpty()) {
            unversioned = true;
            const QStringList tables = schema->keys();
            Problem f;
            f.code = QStringLiteral("db-unversioned-tables");
            f.severity = Severity::Error;
            f.message = QStringLiteral("%1 has %2 table(s) (%3) but no %4 table: it was built without Alembic (e.g. "
                                       "metadata.create_all()), so `alembic upgrade` would try to create them again")
                            .arg(shownUrl)
                            .arg(tables.size())
                            .arg(shortList(tables), config.effectiveVersionTable());
            auto pointAt = [&](const Revision& rev, const QString& detail) {
                f.revision = rev.id;
                f.path = rev.path;
                f.line = rev.line;
                f.fix = QStringLiteral("alembic stamp ") + rev.id;
                f.hint = QStringLiteral("%1: record that with `alembic stamp %2` (it only writes %3), then `alembic "
                                        "upgrade head` applies the revisions after it. Compare the schema first if the "
                                        "match is not exact.")
                             .arg(detail, rev.id, config.effectiveVersionTable());
            };
            // The schemas the project's Alembic really built at each revision (the time machine's
            // cache, when `retort-cli verify` / `schema` or the window computed them): exact.
            const RevisionSchemas history = TimeMachine::cachedFor(config, graph, url->dialect());
            std::optional<TimeMachine::Match> built;
            if (!history.byRevision.isEmpty()) {
                if (const Result<SchemaSnapshot> live = SchemaInspector::inspect(db); live)
                    built = TimeMachine::closestRevision(graph, history, *live);
            }
            if (built && built->revision >= 0) {
                const Revision& rev = graph.at(built->revision);
                const QString where = QStringLiteral("%1 (%2, %3)").arg(rev.id, rev.message.isEmpty() ? QStringLiteral("no message") : rev.message,
                                                                         fileOf(rev.path));
                pointAt(rev, built->diff.isEmpty()
                                 ? QStringLiteral("Its schema is exactly the one Alembic builds at revision %1 (Retort's "
                                                  "schema history)").arg(where)
                                 : QStringLiteral("Its schema is closest to the one Alembic builds at revision %1 (Retort's "
                                                  "schema history; %2 object(s) differ: %3)")
                                       .arg(where)
                                       .arg(built->diff.objectCount())
                                       .arg(shortList(built->diff.objectNames())));
                findings.append(f);
            } else {
                QVector<QVector<SchemaOp>> ops(graph.size());
                for (int i = 0; i < graph.size(); ++i)
                    ops[i] = SchemaHistory::readUpgrade(graph.at(i).path);
                const SchemaHistory::Match match = SchemaHistory::bestMatch(graph, ops, *schema);
                if (match.revision >= 0 && match.score > 0.0) {
                    const Revision& rev = graph.at(match.revision);
                    QString detail;
                    if (match.score >= 1.0) {
                        detail = QStringLiteral("Its tables and columns match revision %1 (%2, %3) exactly")
                                     .arg(rev.id, rev.message.isEmpty() ? QStringLiteral("no message") : rev.message, fileOf(rev.path));
                    } else {
                        QStringList diffs;
                        if (!match.missingTables.isEmpty())
                            diffs << QStringLiteral("missing tables: %1").arg(shortList(match.missingTables));
                        if (!match.extraTables.isEmpty())
                            diffs << QStringLiteral("extra tables: %1").arg(shortList(match.extraTables));
                        if (!match.columnDifferences.isEmpty())
                            diffs << QStringLiteral("columns: %1").arg(match.columnDifferences.join(QStringLiteral(", ")));
                        detail = QStringLiteral("Its tables and columns are closest to revision %1 (%2, %3; %4% alike; %5)")
                                     .arg(rev.id, rev.message.isEmpty() ? QStringLiteral("no message") : rev.message, fileOf(rev.path))
                                     .arg(qRound(match.score * 100))
                                     .arg(diffs.join(QStringLiteral("; ")));
                    }
                    pointAt(rev, detail);
                } else {
                    f.hint = QStringLiteral("No revision's tables resemble this database. If it was built from the models "
                                            "(create_all) and the history lacks its initial revision, `retort-cli bootstrap` "
                                            "(Revision > Bootstrap History... in the window) generates it and stamps the "
                                            "database.");
                }
                findings.append(f);
            }
        }

        // --- db-unknown-revision ---
        for (const QString& stored : state->revisions) {
            int index = graph.indexOf(stored);
            if (index < 0) {
                const Result<int> resolved = RevisionSpec::resolveOne(graph, stored);
                if (resolved.ok() && *resolved >= 0)
                    index = *resolved;
            }
            if (index >= 0) {
                currentIds << graph.at(index).id;
                continue;
            }
            unknown = true;
            const QStringList candidates = candidatesFor(graph, stored);
            Problem f;
            f.code = QStringLiteral("db-unknown-revision");
            f.severity = Severity::Error;
            f.revision = stored;
            f.message = QStringLiteral("%1 holds revision %2, which no revision file defines: Alembic fails with "
                                       "\"Can't locate revision identified by '%2'\"")
                            .arg(config.effectiveVersionTable(), stored);
            QStringList described;
            for (const QString& c : candidates) {
                const Revision& rev = graph.at(graph.indexOf(c));
                described << QStringLiteral("%1 (%2%3)").arg(c, fileOf(rev.path), rev.isHead ? QStringLiteral(", head") : QString());
            }
            f.hint = candidates.isEmpty()
                         ? QStringLiteral("The project has no revisions. Restore the migration files this database was "
                                          "built with, or clear %1 (`alembic stamp --purge base`) if the schema is to be "
                                          "rebuilt.")
                               .arg(config.effectiveVersionTable())
                         : QStringLiteral("Did you mean %1? If the file was deleted or renamed (a rebase, a branch switch), "
                                          "restore it (`git log --all -- '*%2*'`); if the database's schema matches a "
                                          "revision, re-stamp it: `alembic stamp --purge <revision>`.")
                               .arg(described.join(QStringLiteral(", ")), stored);
            if (!candidates.isEmpty()) {
                const Revision& best = graph.at(graph.indexOf(candidates.first()));
                f.path = best.path;
                f.line = best.line;
                f.fix = QStringLiteral("alembic stamp --purge ") + candidates.first();
            }
            findings.append(f);
        }

        // --- db-behind ---
        if (!unversioned && !unknown && !graph.isEmpty() && !cancelled()) {
            const QString target = graph.heads().size() > 1 ? QStringLiteral("heads") : QStringLiteral("head");
            const Result<Plan> plan = Planner::plan(graph, currentIds, Direction::Upgrade, target);
            if (plan.ok() && !plan->steps.isEmpty()) {
                pending = plan->steps;
                QStringList ids;
                for (const PlanStep& step : pending)
                    ids << step.revision;
                const Revision& first = graph.at(graph.indexOf(pending.first().revision));
                Problem f;
                f.code = QStringLiteral("db-behind");
                f.severity = Severity::Warning;
                f.revision = first.id;
                f.path = first.path;
                f.line = first.line;
                f.fix = QStringLiteral("alembic upgrade ") + target;
                const QString at = !state->tableExists ? QStringLiteral("has no %1 table yet").arg(config.effectiveVersionTable())
                                   : currentIds.isEmpty() ? QStringLiteral("is at base (%1 is empty)").arg(config.effectiveVersionTable())
                                                          : QStringLiteral("is at %1").arg(currentIds.join(QStringLiteral(", ")));
                f.message = QStringLiteral("the database %1; %2 revision(s) pending: %3")
                                .arg(at)
                                .arg(pending.size())
                                .arg(shortList(ids, 6));
                f.hint = QStringLiteral("Apply them with `%1` (or Retort's Upgrade), after previewing the SQL with "
                                        "`alembic upgrade %2 --sql`.")
                             .arg(f.fix, currentIds.isEmpty() ? target : currentIds.first() + QLatin1Char(':') + target);
                findings.append(f);
            } else if (!plan.ok()) {
                log::warn(log::Area::Doctor, QStringLiteral("doctor: cannot plan the pending upgrade: %1").arg(plan.error().message));
            }
        }

        // --- db-locks (PostgreSQL) ---
        if (url->dialect() == Dialect::PostgreSQL && !pending.isEmpty() && !cancelled()) {
            QMap<QString, QPair<QString, int>> touchedBy; // table -> (revision, line)
            QHash<QString, QString> pathOf;
            for (const PlanStep& step : std::as_const(pending)) {
                const Revision& rev = graph.at(graph.indexOf(step.revision));
                pathOf.insert(rev.id, rev.path);
                for (const SchemaOp& op : SchemaHistory::readUpgrade(rev.path)) {
                    for (const QString& t : {op.table, op.newName}) {
                        if (!t.isEmpty() && !touchedBy.contains(t))
                            touchedBy.insert(t, qMakePair(rev.id, op.line));
                    }
                }
            }
            // The offline SQL of the pending steps names tables that op.execute(sa.text(...)),
            // bulk updates or helper functions touch, which static reading cannot see.
            if (options.useBridge && !config.configFile.isEmpty()) {
                const Result<PythonCommand>& python = bridgePython();
                if (python.ok()) {
                    BridgeRequest request;
                    request.op = BridgeOp::Sql;
                    request.setProject(config.configFile, config.configSection, *python);
                    request.sqlDirection = QStringLiteral("upgrade");
                    request.current = currentIds;
                    request.target = graph.heads().size() > 1 ? QStringLiteral("heads") : QStringLiteral("head");
                    request.overrideUrl = url->toString(); // render for this database; sent on stdin only
                    request.requireUrlMatch = false;
                    request.timeoutMs = 60000;
                    const Result<SqlPreview> preview = AlembicBridge::previewSql(*python, request, options.cancel.get());
                    if (preview.ok()) {
                        const QString versionTable = config.effectiveVersionTable().toLower();
                        for (const SqlSection& section : preview->sections) {
                            const int ri = graph.indexOf(section.revision);
                            if (section.kind != QLatin1String("step") || ri < 0)
                                continue;
                            pathOf.insert(section.revision, graph.at(ri).path);
                            for (const QString& t : SchemaHistory::tablesInSql(section.sql)) {
                                if (t != versionTable && !touchedBy.contains(t))
                                    touchedBy.insert(t, qMakePair(section.revision, graph.at(ri).line));
                            }
                        }
                    } else {
                        log::info(log::Area::Doctor, QStringLiteral("doctor: no offline SQL for the lock check: %1")
                                                         .arg(preview.error().message));
                    }
                }
            }
            const QStringList touchedList = touchedBy.keys();
            const Result<QVector<LockHolder>> holders =
                readLocks(db, QSet<QString>(touchedList.cbegin(), touchedList.cend()));
            if (!holders.ok()) {
                log::warn(log::Area::Doctor, QStringLiteral("doctor: %1").arg(holders.error().message));
            } else {
                for (const LockHolder& h : *holders) {
                    const auto [revision, line] = touchedBy.value(h.tables.first());
                    Problem f;
                    f.code = QStringLiteral("db-locks");
                    f.severity = Severity::Error;
                    f.revision = revision;
                    f.path = pathOf.value(revision);
                    f.line = line;
                    QString who = QStringLiteral("session %1").arg(h.pid);
                    QStringList facts;
                    if (!h.user.isEmpty())
                        facts << QStringLiteral("user %1").arg(h.user);
                    if (!h.application.isEmpty())
                        facts << QStringLiteral("application '%1'").arg(h.application);
                    if (!h.state.isEmpty())
                        facts << QStringLiteral("%1 for %2").arg(h.state, duration(h.seconds));
                    if (!facts.isEmpty())
                        who += QStringLiteral(" (") + facts.join(QStringLiteral(", ")) + QLatin1Char(')');
                    f.message = QStringLiteral("%1 holds %2 on %3, which pending revision %4 changes: the migration would "
                                               "wait for it (and block every other query on the table meanwhile)")
                                    .arg(who, h.modes.join(QLatin1Char('/')), h.tables.join(QStringLiteral(", ")), revision);
                    f.hint = QStringLiteral("Finish that session's transaction (COMMIT or ROLLBACK there)%1, or end it "
                                            "from another session: SELECT pg_terminate_backend(%2);")
                                 .arg(h.query.isEmpty() ? QString()
                                                        : QStringLiteral("; its last statement: %1").arg(redactUrl(h.query.left(200))))
                                 .arg(h.pid);
                    findings.append(f);
                }
            }
        }
    } // the connection is closed here, before the bridge starts

    // --- db-url-mismatch: which database env.py would use (the bridge's `url` op) ---
    if (options.useBridge && !config.configFile.isEmpty() && !cancelled()) {
        const Result<PythonCommand>& python = bridgePython();
        // env.py's offline branch, asked for the URL it configures (nothing connects). With an
        // override, Retort's URL is passed the way Retort's own runs pass it.
        auto askEnvPy = [&](const QString& overrideUrl, Error* failure) -> QJsonObject {
            BridgeRequest request;
            request.op = BridgeOp::Url;
            request.setProject(config.configFile, config.configSection, *python);
            request.offline = true;
            request.overrideUrl = overrideUrl; // sent on stdin only, never on a command line
            request.requireUrlMatch = false;
            request.timeoutMs = 60000;
            const BridgeRun run = AlembicBridge::run(*python, request, options.cancel.get());
            if (!run.ok() && failure)
                *failure = run.error;
            return run.url;
        };
        Error problem;
        QJsonObject facts;
        if (!python.ok())
            problem = python.error();
        else if (python->remote) // env.py's host names are the container's: not comparable with ours
            problem = Error{QStringLiteral("remote"),
                            QStringLiteral("env.py runs inside the compose service (%1), which reaches the database by its "
                                           "own host names")
                                .arg(python->description),
                            QStringLiteral("Retort's own runs pass Retort's URL to env.py; a terminal `alembic` in the "
                                           "container uses what env.py reads there."),
                            {}, 0};
        else
            facts = askEnvPy({}, &problem);
        if (facts.isEmpty() || facts.value(QStringLiteral("dialect")).toString().isEmpty()) {
            if (!cancelled()) {
                findings.append(Problem{QStringLiteral("db-url-unchecked"), Severity::Info,
                                        QStringLiteral("could not ask env.py which database it uses: %1")
                                            .arg(redactUrl(problem.message.isEmpty() ? QStringLiteral("no URL reported")
                                                                                     : problem.message)),
                                        redactUrl(problem.hint), config.envPy, 0, {}, {}});
            }
        } else {
            DatabaseIdentity envId;
            envId.dialect = facts.value(QStringLiteral("dialect")).toString();
            envId.driver = facts.value(QStringLiteral("driver")).toString();
            if (envId.dialect == QLatin1String("sqlite")) {
                const QString path = facts.value(QStringLiteral("database_path")).toString();
                envId.database = path.isEmpty() ? facts.value(QStringLiteral("database")).toString() : canonicalFile(path);
            } else {
                envId.host = facts.value(QStringLiteral("host")).toString();
                const int port = facts.value(QStringLiteral("port")).toInt();
                envId.port = port > 0 ? port : 5432;
                envId.database = facts.value(QStringLiteral("database")).toString();
            }
            const DatabaseIdentity ours = identityOf(*url);
            if (!ours.sameDatabase(envId) && !cancelled()) {
                const QString envUrl = redactUrl(facts.value(QStringLiteral("url")).toString());
                // Does env.py take the URL Retort passes (as sqlalchemy.url and DATABASE_URL)? Then
                // Retort's own runs change the database it shows, and only a plain `alembic` in a
                // terminal goes elsewhere: worth knowing, not a warning.
                const QJsonObject withOverride = askEnvPy(url->toString(), nullptr);
                const bool honoured = withOverride.value(QStringLiteral("matches_override")).toBool();
                if (cancelled())
                    return findings;
                if (honoured) {
                    findings.append(Problem{
                        QStringLiteral("db-url-mismatch"), Severity::Info,
                        QStringLiteral("env.py defaults to %1 (%2), not to %3 (%4) that Retort is connected to; env.py "
                                       "takes the URL Retort passes, so Retort's upgrades change %3")
                            .arg(envId.describe(), envUrl, ours.describe(), shownUrl),
                        QStringLiteral("`alembic upgrade` in a terminal changes %1 unless DATABASE_URL or sqlalchemy.url "
                                       "names the database you mean.")
                            .arg(envUrl),
                        config.envPy, 0, {}, {}});
                } else {
                    findings.append(Problem{
                        QStringLiteral("db-url-mismatch"), Severity::Warning,
                        QStringLiteral("env.py would migrate %1 (%2), but Retort is connected to %3 (%4), and env.py "
                                       "ignores the URL Retort passes (sqlalchemy.url and DATABASE_URL)")
                            .arg(envId.describe(), envUrl, ours.describe(), shownUrl),
                        QStringLiteral("What Retort shows is not what `alembic upgrade` changes. Make env.py read "
                                       "DATABASE_URL or sqlalchemy.url, or connect Retort to %1. (Retort's own upgrade "
                                       "stops before running anything when env.py connects elsewhere.)")
                            .arg(envUrl),
                        config.envPy, 0, {}, {}});
                }
            }
        }
    }
    return findings;
}

} // namespace retort::doctor
