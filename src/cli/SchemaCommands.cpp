// retort-cli schema / diff / verify / drift: the schema time machine (issue #17, core/timemachine).
// The project's own Alembic walks a scratch database through the revisions (one bridge session),
// the schema inspector reads it between steps, and the schemas are cached per revision.
//
//   schema --at REV        the schema `alembic upgrade REV` builds from an empty database
//   schema --live          the same as drift
//   diff REV               what REV changed, against each parent (merges: each, named)
//   diff REV_A REV_B       the schema at REV_B against the schema at REV_A
//   verify                 up, down, up for every revision; exit 1 on findings
//   drift --url URL        the database against the schema of the revision(s) it is stamped at
//
// The scratch database: SQLite projects get a temporary file; PostgreSQL ones a throwaway local
// cluster when the server binaries are installed, or - with --scratch-on-server - a database
// retort_scratch_<random> created on the server --url (or $DATABASE_URL) names and dropped
// afterwards, also after a failure or Ctrl+C. The dialect comes from --url / $DATABASE_URL, else
// the project's sqlalchemy.url, else env.py (asked through the bridge).

#include "cli/Cli.h"
#include "cli/ExecSupport.h"
#include "cli/ProjectOptions.h"
#include "cli/SchemaOutput.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/graph/RevisionSpec.h"
#include "core/timemachine/SchemaDiff.h"
#include "core/timemachine/ScratchDatabase.h"
#include "core/timemachine/TimeMachine.h"
#include "core/workspace/DatabaseState.h"

#include <QFileInfo>

#include <cstdio>
#include <unistd.h>

namespace retort::cli {

namespace {

constexpr int kConnectTimeoutSeconds = 10;

const QStringList kValueOptions{QStringLiteral("--python"), QStringLiteral("--timeout"), QStringLiteral("--at")};
const QStringList kFlags{QStringLiteral("--scratch-on-server"), QStringLiteral("--live")};

QString dialectName(Dialect dialect)
{
    return dialect == Dialect::PostgreSQL ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

// Everything a time machine command needs.
struct Machine
{
    Setup setup;
    std::unique_ptr<TimeMachine> machine;
    ScratchRequest scratchRequest;
    std::unique_ptr<ScratchDatabase> scratch;
    Dialect dialect = Dialect::SQLite;
};

// Loads the project and decides where the scratch database would go (nothing is created yet).
// `liveUrl`: drift - --url is the database compared, and its server the one --scratch-on-server uses.
std::optional<int> prepareMachine(Context& context, const Args& args, Machine& m, bool liveUrl)
{
    if (const std::optional<int> failed = prepare(context, args, m.setup))
        return failed;
    if (m.setup.python.remote)
        return context.fail(Error{QStringLiteral("usage"),
                                  QStringLiteral("the schema time machine runs the project's Alembic against a scratch "
                                                 "database on this machine; a compose service cannot reach it"),
                                  QStringLiteral("Use the project's local interpreter (--python PATH)."), {}, 0},
                            ExitBadInput);
    TimeMachineSetup setup;
    setup.project = m.setup.snapshot;
    setup.python = m.setup.python;
    setup.commandTimeoutMs = m.setup.timeoutSeconds * 1000;
    m.machine = std::make_unique<TimeMachine>(setup);
    if (const Result<const RevisionGraph*> graph = m.machine->graph(); !graph)
        return context.fail(graph.error(), ExitBadInput);

    QString urlText = context.options().url;
    if (urlText.isEmpty() && !liveUrl)
        urlText = qEnvironmentVariable("DATABASE_URL");
    std::optional<Dialect> dialect;
    if (!urlText.isEmpty()) {
        const Result<DatabaseUrl> url = DatabaseUrl::parse(urlText);
        if (!url)
            return context.fail(url.error(), ExitBadInput);
        dialect = url->dialect();
        if (context.options().url.isEmpty())
            context.warn(QStringLiteral("note: no --url given; the scratch database follows $DATABASE_URL (%1)").arg(url->redacted()));
    } else {
        dialect = DatabaseUrl::dialectOfScheme(m.setup.snapshot->project.config.sqlalchemyUrl);
    }
    if (!dialect) { // env.py builds the URL itself: ask it (offline, nothing connects)
        BridgeRequest request;
        request.op = BridgeOp::Url;
        request.offline = true;
        request.configFile = m.setup.snapshot->project.config.configFile;
        request.workingDirectory = QFileInfo(request.configFile).absolutePath();
        request.timeoutMs = 120000;
        const BridgeRun run = AlembicBridge::run(m.setup.python, request);
        dialect = DatabaseUrl::dialectOfScheme(run.url.value(QStringLiteral("dialect")).toString() + QStringLiteral("://"));
        if (!dialect)
            return context.fail(Error{QStringLiteral("usage"),
                                      QStringLiteral("cannot tell which database this project uses (%1)")
                                          .arg(run.ok() ? QStringLiteral("env.py names no SQLite or PostgreSQL URL") : run.error.message),
                                      QStringLiteral("Pass --url with a URL of the project's kind (sqlite:///x.db, postgresql://...)."),
                                      {}, 0},
                                ExitBadInput);
    }
    m.dialect = *dialect;
    m.scratchRequest = ScratchDatabase::request(m.dialect, urlText, m.setup.snapshot->project.config.sqlalchemyUrl);
    m.scratchRequest.serverConsent = args.has(QStringLiteral("--scratch-on-server"));
    if (m.scratchRequest.serverConsent && m.scratchRequest.serverUrl.isEmpty())
        return context.usage(QStringLiteral("--scratch-on-server needs the server: pass --url postgresql://..."));
    return std::nullopt; // where a scratch database would go is decided when one is needed (not for cached answers)
}

// Creates the scratch database on first use and says where it is. Errors with codes "scratch-*"
// (consent, production, no server) are the user's to fix: callers exit 2 for them.
Result<ScratchDatabase*> scratchFor(Context& context, Machine& m)
{
    if (!m.scratch) {
        Result<std::unique_ptr<ScratchDatabase>> created = ScratchDatabase::create(m.scratchRequest);
        if (!created)
            return created.error();
        m.scratch = std::move(created).value();
        context.warn(QStringLiteral("note: running the project's Alembic on a scratch database: %1 (removed afterwards)")
                         .arg(m.scratch->description()));
    }
    return m.scratch.get();
}

// A scratch database that cannot be had is the user's to fix (consent, a server, the binaries):
// bad input, like a missing option. Anything else failed while running.
int exitFor(const Error& error)
{
    static const QStringList input{QStringLiteral("scratch-consent"), QStringLiteral("scratch-no-server"),
                                   QStringLiteral("scratch-production"), QStringLiteral("db-url")};
    return input.contains(error.code) ? ExitBadInput : ExitFailed;
}

// Progress on stderr when it is a terminal (one line, rewritten).
WalkProgressFn progressLine(const Context& context)
{
    if (context.json() || !::isatty(STDERR_FILENO))
        return {};
    return [](const WalkProgress& p) {
        const QString text = p.revision.isEmpty() ? QString()
                                                  : QStringLiteral("[%1/%2] %3 %4").arg(p.done + 1).arg(p.total).arg(p.activity, p.revision);
        const QByteArray bytes = (QStringLiteral("\r\033[K") + text).toUtf8();
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        std::fflush(stderr);
    };
}

// The schemas of `revisions` (ids), from the cache or computed on the scratch database.
Result<RevisionSchemas> schemasFor(Context& context, Machine& m, const QStringList& revisions)
{
    RevisionSchemas cached = m.machine->cached(m.dialect, revisions);
    bool complete = true;
    for (const QString& id : revisions)
        complete = complete && cached.byRevision.contains(id);
    if (complete && !revisions.isEmpty())
        return cached;
    const Result<ScratchDatabase*> scratch = scratchFor(context, m);
    if (!scratch)
        return scratch.error();
    return m.machine->schemas(**scratch, revisions, InterruptFlag::flag(), progressLine(context));
}

// REV -> a revision index, or RevisionSpec::Base; Alembic's errors.
Result<int> resolveRevision(const RevisionGraph& graph, const QString& spec)
{
    return RevisionSpec::resolveOne(graph, spec.trimmed());
}

QString revisionLabel(const RevisionGraph& graph, int index)
{
    if (index < 0)
        return QStringLiteral("base");
    const Revision& r = graph.at(index);
    return r.message.isEmpty() ? r.id : QStringLiteral("%1 (%2)").arg(r.id, r.message);
}

// The schema at `index` (base: empty), or the revision's failure.
Result<SchemaSnapshot> schemaAt(const RevisionGraph& graph, int index, const RevisionSchemas& schemas, Dialect dialect)
{
    if (index < 0) {
        SchemaSnapshot empty;
        empty.dialect = dialect;
        return empty;
    }
    const QString& id = graph.at(index).id;
    if (const auto it = schemas.byRevision.constFind(id); it != schemas.byRevision.constEnd())
        return *it;
    if (const auto it = schemas.failed.constFind(id); it != schemas.failed.constEnd())
        return Error{QStringLiteral("upgrade-failed"), QStringLiteral("upgrading to %1 failed: %2").arg(id, it->message), it->hint,
                     it->path, it->line};
    for (auto it = schemas.failed.constBegin(); it != schemas.failed.constEnd(); ++it) {
        if (graph.ancestorMask({index}, true).at(graph.indexOf(it.key())))
            return Error{QStringLiteral("upgrade-failed"),
                         QStringLiteral("%1 cannot be reached: upgrading its ancestor %2 failed: %3").arg(id, it.key(), it->message),
                         it->hint, it->path, it->line};
    }
    return Error{QStringLiteral("cancelled"), QStringLiteral("the schema at %1 was not computed").arg(id), {}, {}, 0};
}

void writeSchema(JsonWriter& w, const SchemaSnapshot& schema)
{
    w.key("dialect").string(dialectName(schema.dialect));
    w.key("tables").begin('[');
    for (const TableInfo& t : schema.tables)
        writeTable(w, t);
    w.end(']');
    w.key("enums").begin('[');
    for (const EnumInfo& e : schema.enums)
        writeEnum(w, e);
    w.end(']');
}

// One member of a table in a diff, as `tables --json` writes that kind of object.
void writeMemberObject(JsonWriter& w, const MemberChange& change, const TableInfo& table, int position)
{
    switch (change.type) {
    case MemberChange::Type::Column: writeColumn(w, table.columns.at(position)); break;
    case MemberChange::Type::PrimaryKey: writeKeyConstraint(w, table.primaryKey); break;
    case MemberChange::Type::Index: writeIndex(w, table.indexes.at(position)); break;
    case MemberChange::Type::ForeignKey: writeForeignKey(w, table.foreignKeys.at(position)); break;
    case MemberChange::Type::Unique: writeKeyConstraint(w, table.uniqueConstraints.at(position)); break;
    case MemberChange::Type::Check: writeCheck(w, table.checkConstraints.at(position)); break;
    }
}

const char* memberKey(MemberChange::Type type)
{
    switch (type) {
    case MemberChange::Type::Column: return "columns";
    case MemberChange::Type::PrimaryKey: return "primary_key";
    case MemberChange::Type::Index: return "indexes";
    case MemberChange::Type::ForeignKey: return "foreign_keys";
    case MemberChange::Type::Unique: return "unique_constraints";
    case MemberChange::Type::Check: return "check_constraints";
    }
    return "";
}

// {"tables": {"added": [table], "removed": [table], "changed": [{"schema", "name", "kind", "details",
//  "columns": {"added": [column], "removed": [column], "changed": [{"name", "before", "after",
//  "details"}]}, "indexes": {...}, ...}]}, "enums": {"added": [...], "removed": [...], "changed": [...]},
//  "identical": bool}
void writeDiff(JsonWriter& w, const SchemaDiff& diff)
{
    w.key("identical").boolean(diff.isEmpty());
    w.key("tables").begin('{');
    for (const ChangeKind kind : {ChangeKind::Added, ChangeKind::Removed}) {
        w.key(kind == ChangeKind::Added ? "added" : "removed").begin('[');
        for (const TableChange& t : diff.tables) {
            if (t.kind == kind)
                writeTable(w, kind == ChangeKind::Added ? t.after : t.before);
        }
        w.end(']');
    }
    w.key("changed").begin('[');
    for (const TableChange& t : diff.tables) {
        if (t.kind != ChangeKind::Changed)
            continue;
        w.begin('{').key("schema").string(t.schema).key("name").string(t.name).key("kind").string(t.kindOfObject());
        w.key("details").strings(t.details);
        for (const MemberChange::Type type : {MemberChange::Type::Column, MemberChange::Type::PrimaryKey, MemberChange::Type::Index,
                                              MemberChange::Type::ForeignKey, MemberChange::Type::Unique, MemberChange::Type::Check}) {
            w.key(memberKey(type)).begin('{');
            for (const ChangeKind kind : {ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed}) {
                w.key(kind == ChangeKind::Added ? "added" : kind == ChangeKind::Removed ? "removed" : "changed").begin('[');
                for (const MemberChange& m : t.members) {
                    if (m.type != type || m.kind != kind)
                        continue;
                    if (kind == ChangeKind::Added) {
                        writeMemberObject(w, m, t.after, m.afterIndex);
                    } else if (kind == ChangeKind::Removed) {
                        writeMemberObject(w, m, t.before, m.beforeIndex);
                    } else {
                        w.begin('{').key("name").string(m.name).key("before");
                        writeMemberObject(w, m, t.before, m.beforeIndex);
                        w.key("after");
                        writeMemberObject(w, m, t.after, m.afterIndex);
                        w.key("details").strings(m.details).end('}');
                    }
                }
                w.end(']');
            }
            w.end('}');
        }
        w.end('}');
    }
    w.end(']');
    w.end('}');
    w.key("enums").begin('{');
    for (const ChangeKind kind : {ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed}) {
        w.key(kind == ChangeKind::Added ? "added" : kind == ChangeKind::Removed ? "removed" : "changed").begin('[');
        for (const EnumChange& e : diff.enums) {
            if (e.kind != kind)
                continue;
            w.begin('{').key("schema").string(e.schema).key("name").string(e.name);
            if (kind != ChangeKind::Added)
                w.key("before").strings(e.before);
            if (kind != ChangeKind::Removed)
                w.key("after").strings(e.after);
            w.end('}');
        }
        w.end(']');
    }
    w.end('}');
}

void printJsonBytes(const Context& context, const JsonWriter& w)
{
    context.out(QString::fromUtf8(w.bytes()));
}

// ------------------------------------------------------------------------------------------ drift

int runDrift(Context& context, const QStringList& rawArgs)
{
    const auto args = Args::parse(rawArgs, kValueOptions, kFlags);
    if (!args)
        return context.usage(args.error().message);
    if (!args->positionals().isEmpty())
        return context.usage(QStringLiteral("drift takes no arguments (got '%1')").arg(args->positionals().first()));
    if (context.options().url.isEmpty())
        return context.usage(QStringLiteral("drift compares a database with its history: pass --url URL"));
    InterruptFlag interrupt; // Ctrl+C stops the walk; the scratch database is dropped on the way out
    Machine m;
    if (const std::optional<int> failed = prepareMachine(context, *args, m, true))
        return *failed;
    const RevisionGraph& graph = **m.machine->graph();

    const Result<DatabaseState> state = databaseStateFor(context, *m.setup.snapshot);
    if (!state)
        return context.fail(state.error(), ExitFailed);
    if (!state->versionTableExists && !state->sqliteFileMissing)
        return context.fail(Error{QStringLiteral("db-unversioned"),
                                  QStringLiteral("%1 has no %2 table: it is not stamped at any revision")
                                      .arg(state->redactedUrl, state->location.qualified()),
                                  QStringLiteral("`retort-cli doctor` names the revision its schema matches (db-unversioned-tables)."),
                                  {}, 0},
                            ExitFailed);
    for (const QString& head : state->heads) {
        if (graph.indexOf(head) < 0)
            return context.fail(Error{QStringLiteral("db-unknown-revision"),
                                      QStringLiteral("%1 is stamped at %2, which no revision file defines").arg(state->redactedUrl, head),
                                      QStringLiteral("`retort-cli doctor` names the revisions it probably meant."), {}, 0},
                                ExitFailed);
    }
    const Result<DatabaseUrl> liveUrl = resolvedUrl(state->target, QFileInfo(m.setup.snapshot->project.config.configFile).absolutePath());
    if (!liveUrl)
        return context.fail(liveUrl.error(), ExitBadInput);
    SchemaSnapshot live;
    if (!state->sqliteFileMissing) {
        Result<SchemaSnapshot> inspected = SchemaInspector::inspectAsync(*liveUrl, {}, kConnectTimeoutSeconds).result();
        if (!inspected)
            return context.fail(inspected.error(), ExitFailed);
        live = *inspected;
    } else {
        live.dialect = liveUrl->dialect();
    }

    std::optional<SchemaSnapshot> expected = m.machine->cachedStateSchema(m.dialect, state->heads);
    const bool fromCache = expected.has_value();
    if (!expected) {
        const Result<ScratchDatabase*> scratch = scratchFor(context, m);
        if (!scratch)
            return context.fail(scratch.error(), exitFor(scratch.error()));
        Result<SchemaSnapshot> computed = m.machine->stateSchema(**scratch, state->heads, InterruptFlag::flag());
        if (!computed)
            return context.fail(computed.error(), ExitFailed);
        expected = *computed;
    }
    const VersionLocation location = state->location;
    const SchemaDiff diff = SchemaDiff::compare(*expected, live, SchemaDiffOptions{{TableRef{location.schema, location.table}}});
    const QString at = state->heads.isEmpty() ? QStringLiteral("base") : state->heads.join(QStringLiteral(", "));

    if (context.json()) {
        JsonWriter w;
        w.begin('{').key("current").strings(state->heads).key("from_cache").boolean(fromCache).key("drift").boolean(!diff.isEmpty());
        // Flat lists: what the database has that the revision's schema has not (extra), the other
        // way round (missing), and what both have but differently (changed).
        for (const ChangeKind kind : {ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed}) {
            w.key(kind == ChangeKind::Added ? "extra" : kind == ChangeKind::Removed ? "missing" : "changed").begin('[');
            for (const TableChange& t : diff.tables) {
                if (t.kind == kind && (kind != ChangeKind::Changed || !t.details.isEmpty())) {
                    w.begin('{').key("type").string(t.kindOfObject()).key("schema").string(t.schema).key("table").string(t.name);
                    w.key("name").string(t.name).key("details").strings(t.details).end('}');
                }
                if (t.kind != ChangeKind::Changed)
                    continue;
                for (const MemberChange& mc : t.members) {
                    if (mc.kind != kind)
                        continue;
                    w.begin('{').key("type").string(MemberChange::typeName(mc.type)).key("schema").string(t.schema);
                    w.key("table").string(t.name).key("name").string(mc.name);
                    w.key("definition").string(kind == ChangeKind::Removed ? mc.before : mc.after);
                    w.key("details").strings(mc.details).end('}');
                }
            }
            for (const EnumChange& e : diff.enums) {
                if (e.kind != kind)
                    continue;
                w.begin('{').key("type").string(QStringLiteral("enum")).key("schema").string(e.schema).key("table").null();
                w.key("name").string(e.name).key("details").strings({}).end('}');
            }
            w.end(']');
        }
        w.key("diff").begin('{');
        writeDiff(w, diff);
        w.end('}').end('}');
        printJsonBytes(context, w);
    } else if (diff.isEmpty()) {
        context.out(QStringLiteral("%1 matches the schema Alembic builds at %2: no drift.\n").arg(state->redactedUrl, at));
    } else {
        QString out = QStringLiteral("%1 differs from the schema Alembic builds at %2 (%3 object(s); + extra in the database, "
                                     "- missing from it, ~ changed):\n")
                          .arg(state->redactedUrl, at)
                          .arg(diff.objectCount());
        out += diff.toText(QStringLiteral("  "));
        context.out(out);
    }
    return diff.isEmpty() ? ExitOk : ExitFailed;
}

// ----------------------------------------------------------------------------------------- schema

int runSchema(Context& context, const QStringList& rawArgs)
{
    const auto args = Args::parse(rawArgs, kValueOptions, kFlags);
    if (!args)
        return context.usage(args.error().message);
    if (args->has(QStringLiteral("--live"))) {
        if (args->has(QStringLiteral("--at")))
            return context.usage(QStringLiteral("use either --at REV or --live"));
        QStringList driftArgs = rawArgs;
        driftArgs.removeAll(QStringLiteral("--live"));
        return runDrift(context, driftArgs);
    }
    const QString spec = args->value(QStringLiteral("--at"), args->positionals().value(0));
    if (spec.isEmpty() || args->positionals().size() > (args->has(QStringLiteral("--at")) ? 0 : 1))
        return context.usage(QStringLiteral("schema needs a revision: schema --at REV (or --live)"));
    InterruptFlag interrupt; // Ctrl+C stops the walk; the scratch database is dropped on the way out
    Machine m;
    if (const std::optional<int> failed = prepareMachine(context, *args, m, false))
        return *failed;
    const RevisionGraph& graph = **m.machine->graph();
    const Result<int> index = resolveRevision(graph, spec);
    if (!index)
        return context.fail(index.error(), ExitBadInput);
    RevisionSchemas schemas;
    schemas.dialect = m.dialect;
    if (*index >= 0) {
        Result<RevisionSchemas> computed = schemasFor(context, m, {graph.at(*index).id});
        if (!computed)
            return context.fail(computed.error(), exitFor(computed.error()));
        schemas = std::move(computed).value();
    }
    const Result<SchemaSnapshot> schema = schemaAt(graph, *index, schemas, m.dialect);
    if (!schema)
        return context.fail(schema.error(), ExitFailed);

    if (context.json()) {
        JsonWriter w;
        w.begin('{').key("revision");
        if (*index >= 0)
            w.string(graph.at(*index).id);
        else
            w.null();
        w.key("from_cache").boolean(schemas.computed == 0);
        writeSchema(w, *schema);
        w.end('}');
        printJsonBytes(context, w);
        return ExitOk;
    }
    int tables = 0;
    for (const TableInfo& t : schema->tables)
        tables += t.isView() ? 0 : 1;
    QString out = QStringLiteral("Schema at %1 (%2): %3 tables, %4 views\n")
                      .arg(revisionLabel(graph, *index), dialectName(m.dialect) == QLatin1String("postgresql") ? QStringLiteral("PostgreSQL")
                                                                                                            : QStringLiteral("SQLite"))
                      .arg(tables)
                      .arg(schema->tables.size() - tables);
    for (const TableInfo& t : schema->tables)
        out += describeTable(t, false);
    if (!schema->enums.isEmpty()) {
        out += QStringLiteral("\nEnum types:\n");
        for (const EnumInfo& e : schema->enums)
            out += QStringLiteral("    %1.%2 (%3)\n").arg(e.schema, e.name, e.labels.join(QStringLiteral(", ")));
    }
    context.out(out);
    return ExitOk;
}

// ------------------------------------------------------------------------------------------- diff

int runDiff(Context& context, const QStringList& rawArgs)
{
    const auto args = Args::parse(rawArgs, kValueOptions, kFlags);
    if (!args)
        return context.usage(args.error().message);
    const QStringList& pos = args->positionals();
    if (pos.isEmpty() || pos.size() > 2)
        return context.usage(QStringLiteral("diff needs one revision (what it changed) or two (REV_A REV_B)"));
    InterruptFlag interrupt; // Ctrl+C stops the walk; the scratch database is dropped on the way out
    Machine m;
    if (const std::optional<int> failed = prepareMachine(context, *args, m, false))
        return *failed;
    const RevisionGraph& graph = **m.machine->graph();
    QVector<int> indexes;
    for (const QString& spec : pos) {
        const Result<int> index = resolveRevision(graph, spec);
        if (!index)
            return context.fail(index.error(), ExitBadInput);
        indexes << *index;
    }
    QStringList needed;
    if (pos.size() == 1) {
        if (indexes.first() < 0)
            return context.usage(QStringLiteral("base changes nothing; name a revision"));
        const Revision& revision = graph.at(indexes.first());
        needed << revision.id;
        for (const int parent : revision.normalizedDown)
            needed << graph.at(parent).id;
    } else {
        for (const int index : std::as_const(indexes)) {
            if (index >= 0)
                needed << graph.at(index).id;
        }
    }
    RevisionSchemas schemas;
    schemas.dialect = m.dialect;
    if (!needed.isEmpty()) {
        Result<RevisionSchemas> computed = schemasFor(context, m, needed);
        if (!computed)
            return context.fail(computed.error(), exitFor(computed.error()));
        schemas = std::move(computed).value();
    }

    if (pos.size() == 1) { // what one revision changed, against each parent
        const int index = indexes.first();
        if (const Result<SchemaSnapshot> at = schemaAt(graph, index, schemas, m.dialect); !at)
            return context.fail(at.error(), ExitFailed);
        const QVector<RevisionChange> changes = TimeMachine::changesOf(graph, index, schemas);
        for (const int parent : graph.at(index).normalizedDown) {
            if (const Result<SchemaSnapshot> at = schemaAt(graph, parent, schemas, m.dialect); !at)
                return context.fail(at.error(), ExitFailed);
        }
        if (context.json()) {
            JsonWriter w;
            w.begin('{').key("revision").string(graph.at(index).id).key("dialect").string(dialectName(m.dialect));
            w.key("changes").begin('[');
            for (const RevisionChange& c : changes) {
                w.begin('{').key("parent").stringOrNull(c.parent).key("dependency").boolean(c.againstDependency);
                writeDiff(w, c.diff);
                w.end('}');
            }
            w.end(']').end('}');
            printJsonBytes(context, w);
            return ExitOk;
        }
        QString out;
        for (const RevisionChange& c : changes) {
            const QString against = c.parent.isEmpty() ? QStringLiteral("an empty database (it is a base)")
                                    : c.againstDependency ? QStringLiteral("%1 (depends_on)").arg(revisionLabel(graph, graph.indexOf(c.parent)))
                                    : changes.size() > 1 ? QStringLiteral("parent %1").arg(revisionLabel(graph, graph.indexOf(c.parent)))
                                                         : revisionLabel(graph, graph.indexOf(c.parent));
            out += QStringLiteral("%1 against %2: %3\n")
                       .arg(revisionLabel(graph, index), against,
                            c.diff.isEmpty() ? QStringLiteral("no schema change") : QStringLiteral("%1 object(s)").arg(c.diff.objectCount()));
            out += c.diff.toText(QStringLiteral("  "));
        }
        context.out(out);
        return ExitOk;
    }

    const Result<SchemaSnapshot> from = schemaAt(graph, indexes.at(0), schemas, m.dialect);
    if (!from)
        return context.fail(from.error(), ExitFailed);
    const Result<SchemaSnapshot> to = schemaAt(graph, indexes.at(1), schemas, m.dialect);
    if (!to)
        return context.fail(to.error(), ExitFailed);
    const SchemaDiff diff = SchemaDiff::compare(*from, *to, schemas.diffOptions());
    if (context.json()) {
        JsonWriter w;
        w.begin('{').key("from").stringOrNull(indexes.at(0) >= 0 ? graph.at(indexes.at(0)).id : QString());
        w.key("to").stringOrNull(indexes.at(1) >= 0 ? graph.at(indexes.at(1)).id : QString());
        w.key("dialect").string(dialectName(m.dialect));
        writeDiff(w, diff);
        w.end('}');
        printJsonBytes(context, w);
        return ExitOk;
    }
    context.out(diff.isEmpty() ? QStringLiteral("No schema difference between %1 and %2.\n")
                                     .arg(revisionLabel(graph, indexes.at(0)), revisionLabel(graph, indexes.at(1)))
                               : QStringLiteral("From %1 to %2 (%3 object(s)):\n%4")
                                     .arg(revisionLabel(graph, indexes.at(0)), revisionLabel(graph, indexes.at(1)))
                                     .arg(diff.objectCount())
                                     .arg(diff.toText(QStringLiteral("  "))));
    return ExitOk;
}

// ----------------------------------------------------------------------------------------- verify

bool isFailure(const RoundTripFinding& finding)
{
    return finding.code != QLatin1String("no-single-downgrade");
}

int runVerify(Context& context, const QStringList& rawArgs)
{
    const auto args = Args::parse(rawArgs, kValueOptions, kFlags);
    if (!args)
        return context.usage(args.error().message);
    if (!args->positionals().isEmpty())
        return context.usage(QStringLiteral("verify takes no arguments (got '%1')").arg(args->positionals().first()));
    InterruptFlag interrupt; // Ctrl+C stops the walk; the scratch database is dropped on the way out
    Machine m;
    if (const std::optional<int> failed = prepareMachine(context, *args, m, false))
        return *failed;
    const Result<ScratchDatabase*> scratch = scratchFor(context, m);
    if (!scratch)
        return context.fail(scratch.error(), exitFor(scratch.error()));
    const WalkProgressFn progress = progressLine(context);
    const Result<VerifyReport> report = m.machine->verify(**scratch, InterruptFlag::flag(), progress);
    if (progress)
        progress(WalkProgress{}); // clears the progress line
    if (!report)
        return context.fail(report.error(), ExitFailed);
    int failures = 0;
    for (const RoundTripFinding& f : report->findings)
        failures += isFailure(f) ? 1 : 0;

    if (context.json()) {
        JsonWriter w;
        w.begin('{').key("revisions").rows(report->revisions).key("checked").rows(report->checked);
        w.key("ok").boolean(failures == 0).key("scratch").string(report->scratch);
        w.key("findings").begin('[');
        for (const RoundTripFinding& f : report->findings) {
            w.begin('{').key("code").string(f.code).key("severity").string(isFailure(f) ? QStringLiteral("error") : QStringLiteral("warning"));
            w.key("revision").string(f.revision).key("message").string(f.message);
            w.key("path").stringOrNull(f.path).key("line").rows(f.line > 0 ? f.line : -1);
            w.key("error");
            if (f.error.code.isEmpty())
                w.null();
            else
                w.begin('{').key("code").string(f.error.code).key("message").string(f.error.message).end('}');
            w.key("diff");
            if (f.diff.isEmpty()) {
                w.null();
            } else {
                w.begin('{');
                writeDiff(w, f.diff);
                w.end('}');
            }
            w.end('}');
        }
        w.end(']').key("skipped").strings(report->skipped);
        const WalkStats& s = report->stats;
        w.key("stats").begin('{').key("commands").rows(s.commands).key("inspections").rows(s.inspections);
        w.key("resets").rows(s.resets).key("alembic_ms").rows(s.alembicMs).key("inspect_ms").rows(s.inspectMs);
        w.key("elapsed_ms").rows(s.elapsedMs).end('}');
        w.end('}');
        printJsonBytes(context, w);
    } else {
        QString out;
        for (const RoundTripFinding& f : report->findings) {
            const QString where = f.path.isEmpty() ? QString()
                                                   : QStringLiteral(" (%1%2)").arg(QFileInfo(f.path).fileName(),
                                                                                   f.line > 0 ? QStringLiteral(":%1").arg(f.line) : QString());
            out += QStringLiteral("%1 %2%3: %4\n").arg(isFailure(f) ? QStringLiteral("error") : QStringLiteral("warning"), f.code, where, f.message);
            out += f.diff.toText(QStringLiteral("    "));
        }
        if (!report->skipped.isEmpty())
            out += QStringLiteral("not reached (below a revision whose upgrade failed): %1\n").arg(report->skipped.join(QStringLiteral(", ")));
        out += QStringLiteral("%1 of %2 revisions went up, down and up again on %3: %4.\n")
                   .arg(report->checked)
                   .arg(report->revisions)
                   .arg(report->scratch,
                        failures == 0 ? QStringLiteral("every downgrade restores its parent's schema")
                                      : QStringLiteral("%1 finding(s)").arg(failures));
        context.out(out);
    }
    return failures == 0 ? ExitOk : ExitFailed;
}

} // namespace

RETORT_CLI_COMMAND("schema", "schema --at REV | --live  the schema `alembic upgrade REV` builds (scratch database; cached)", runSchema);
RETORT_CLI_COMMAND("diff", "diff REV [REV_B]       what REV changed against its parent(s), or REV_B against REV", runDiff);
RETORT_CLI_COMMAND("verify", "verify [--scratch-on-server]  up, down, up for every revision on a scratch database; exit 1 on findings", runVerify);
RETORT_CLI_COMMAND("drift", "drift                 the database (--url) against the schema of the revision it is stamped at", runDrift);

} // namespace retort::cli
