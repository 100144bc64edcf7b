// retort-cli current / tables: where the database stands and what is in it (issue #4).
// Both run through the same worker-thread functions as the GUI (VersionTable::readAsync,
// SchemaInspector::inspectAsync / countRowsAsync), each with its own connection.

#include "cli/Cli.h"
#include "cli/ProjectOptions.h"
#include "cli/RevisionText.h"
#include "cli/SchemaOutput.h"
#include "core/alembic/ProjectLocator.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseAdmin.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/Discovery.h"
#include "core/db/SchemaInspector.h"
#include "core/db/VersionTable.h"
#include "core/graph/RevisionSpec.h"
#include "core/workspace/DatabaseState.h"

#include <QDir>
#include <QFileInfo>

#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <vector>

namespace retort::cli {

namespace {

constexpr int kConnectTimeoutSeconds = 5;

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

// --url, else $DATABASE_URL (said on stderr); neither is bad input (exit 2), as is a bad URL.
Result<DatabaseUrl> urlFor(const Context& context, const QString& command)
{
    QString text = context.options().url;
    if (text.isEmpty()) {
        text = qEnvironmentVariable("DATABASE_URL");
        if (text.isEmpty())
            return Error{QStringLiteral("usage"), QStringLiteral("%1 needs a database: pass --url URL or set DATABASE_URL").arg(command),
                         QStringLiteral("e.g. --url postgresql://USER@localhost:5432/app or --url sqlite:///app.db (a password goes after the user name and a colon)"),
                         {}, 0};
        const Result<DatabaseUrl> fromEnv = DatabaseUrl::parse(text);
        if (fromEnv)
            context.warn(QStringLiteral("note: no --url given; using $DATABASE_URL (%1)").arg(fromEnv->redacted()));
        return fromEnv;
    }
    return DatabaseUrl::parse(text);
}

// ---------------------------------------------------------------------------------- current

// `alembic current --verbose`: "Current revision(s) for URL:" and the log entry of each current
// revision (Alembic's get_all_current: the rows that are not ancestors of another row).
int printCurrentVerbose(Context& context, const DatabaseUrl& url, const QStringList& rows)
{
    const Result<std::shared_ptr<ProjectSnapshot>> snapshot = loadForCommand(context, loadRequestFor(context));
    if (!snapshot)
        return context.fail(snapshot.error(), ExitBadInput);
    const RevisionGraph& graph = (*snapshot)->graph;
    const Result<QVector<int>> resolved = RevisionSpec::resolveList(graph, rows);
    if (!resolved)
        return context.fail(resolved.error(), ExitFailed);
    QString text = QStringLiteral("Current revision(s) for %1:\n").arg(url.redacted());
    for (int i = 0; i < graph.size(); ++i) {
        if (!resolved->contains(i))
            continue;
        bool belowAnother = false;
        for (int other : *resolved)
            belowAnother = belowAnother || (other != i && graph.ancestorMask({other}, true).at(i));
        if (!belowAnother)
            text += logEntry(graph, graph.at(i)) + QLatin1Char('\n');
    }
    context.out(text);
    return ExitOk;
}

int runCurrent(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {QStringLiteral("--version-table"), QStringLiteral("--version-table-schema")},
                                    {QStringLiteral("--verbose")});
    if (!parsed)
        return context.usage(parsed.error().message);
    if (!parsed->positionals().isEmpty())
        return context.usage(QStringLiteral("current takes no arguments (got '%1')").arg(parsed->positionals().first()));
    const auto url = urlFor(context, QStringLiteral("current"));
    if (!url)
        return context.fail(url.error(), ExitBadInput);

    // The project's version table (env.py context.configure literals), when a project is named.
    QString table = QStringLiteral("alembic_version");
    QString schema;
    QString projectDir; // a relative SQLite path is the project's
    if (!context.options().project.isEmpty()) {
        const auto project = ProjectLocator::locate(context.options().project);
        if (!project)
            return context.fail(project.error(), ExitBadInput);
        projectDir = project->configFile.isEmpty() ? QString() : QFileInfo(project->configFile).absolutePath();
        table = project->effectiveVersionTable();
        schema = project->versionTableSchema;
        for (const QString& unresolved : project->envPyUnresolved) {
            if (unresolved.startsWith(QLatin1String("version_table")))
                context.warn(QStringLiteral("env.py sets %1, which cannot be read without running it; reading %2 "
                                            "(use --version-table / --version-table-schema)")
                                 .arg(unresolved, table));
        }
    }
    if (parsed->has(QStringLiteral("--version-table")))
        table = parsed->value(QStringLiteral("--version-table"));
    if (parsed->has(QStringLiteral("--version-table-schema")))
        schema = parsed->value(QStringLiteral("--version-table-schema"));
    if (table.isEmpty())
        return context.usage(QStringLiteral("--version-table needs a table name"));

    // Read as the window reads it: when the table is not on the search path and no schema was
    // given, the one table of that name in another schema (env.py may set search_path itself).
    VersionLocation location;
    location.table = table;
    location.schema = schema;
    const DatabaseState read = readDatabaseState(ConnectionTarget{url->toString(), QStringLiteral("--url"), false}, location,
                                                 projectDir, kConnectTimeoutSeconds);
    if (read.error)
        return context.fail(*read.error, ExitFailed);
    if (read.sqliteFileMissing) { // what opening it says (the file is named, nothing is created)
        const Result<DatabaseUrl> resolved = resolvedUrl(read.target, projectDir);
        const auto opened = ScopedConnection::open(resolved ? *resolved : *url, kConnectTimeoutSeconds);
        if (!opened)
            return context.fail(opened.error(), ExitFailed);
    }
    if (!read.locationNote.isEmpty())
        context.warn(QStringLiteral("note: ") + read.locationNote);
    schema = read.location.schema;
    VersionState stateValue;
    stateValue.tableExists = read.versionTableExists;
    stateValue.revisions = read.heads;
    const VersionState* state = &stateValue;

    const QString shownTable = schema.isEmpty() ? table : schema + QLatin1Char('.') + table;
    if (context.json()) {
        context.printJson(QJsonObject{{QStringLiteral("current"), QJsonArray::fromStringList(state->revisions)},
                                      {QStringLiteral("version_table"), table},
                                      {QStringLiteral("version_table_schema"), stringOrNull(schema)},
                                      {QStringLiteral("table_exists"), state->tableExists}});
        return ExitOk;
    }
    if (parsed->has(QStringLiteral("--verbose")))
        return printCurrentVerbose(context, *url, state->revisions);
    if (!state->tableExists) {
        context.out(QStringLiteral("No version table %1 in %2: the database is not under Alembic control "
                                   "(never migrated, or built with create_all()).\n")
                        .arg(shownTable, url->redacted()));
    } else if (state->revisions.isEmpty()) {
        context.out(QStringLiteral("%1 is empty: the database is at base (no revision applied).\n").arg(shownTable));
    } else {
        context.out(state->revisions.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    }
    return ExitOk;
}

// ----------------------------------------------------------------------------------- tables

QString tablesText(const DatabaseUrl& url, const SchemaSnapshot& snapshot)
{
    int views = 0;
    for (const TableInfo& t : snapshot.tables)
        views += t.isView() ? 1 : 0;
    QString out = QStringLiteral("%1 (%2): %3 tables, %4 views in %5\n\n")
                      .arg(url.redacted(),
                           snapshot.dialect == Dialect::PostgreSQL ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"))
                      .arg(snapshot.tables.size() - views)
                      .arg(views)
                      .arg(snapshot.schemas.isEmpty() ? QStringLiteral("no schema")
                                                      : QStringLiteral("schema ") + snapshot.schemas.join(QStringLiteral(", ")));
    QVector<QStringList> rows;
    for (const TableInfo& t : snapshot.tables) {
        rows.append({t.schema, t.name, tableKindName(t.kind).replace(QLatin1Char('_'), QLatin1Char(' ')),
                     t.isView() ? QString() : rowsText(t.estimatedRows, t.exactRows), QString::number(t.columns.size())});
    }
    out += grid({QStringLiteral("Schema"), QStringLiteral("Name"), QStringLiteral("Kind"), QStringLiteral("Rows"),
                 QStringLiteral("Columns")},
                rows);
    for (const TableInfo& t : snapshot.tables)
        out += describeTable(t);
    out += QStringLiteral("\nRows: ~N = estimate from statistics, ? = never analyzed (use --counts exact).\n");
    return out;
}

int runTables(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {QStringLiteral("--schema"), QStringLiteral("--counts")}, {QStringLiteral("--show-sql")});
    if (!parsed)
        return context.usage(parsed.error().message);
    const QStringList names = parsed->positionals(); // only these tables ("name" or "schema.name")
    const QString counts = parsed->value(QStringLiteral("--counts"), QStringLiteral("estimate"));
    if (counts != QLatin1String("none") && counts != QLatin1String("estimate") && counts != QLatin1String("exact"))
        return context.usage(QStringLiteral("--counts must be none, estimate or exact (got '%1')").arg(counts));
    const auto url = urlFor(context, QStringLiteral("tables"));
    if (!url)
        return context.fail(url.error(), ExitBadInput);

    InspectOptions options;
    options.schema = parsed->value(QStringLiteral("--schema"));
    if (parsed->has(QStringLiteral("--show-sql"))) {
        // What Retort runs against the database, without running it.
        const QStringList queries = SchemaInspector::catalogQueries(url->dialect(), options);
        if (context.json())
            context.printJson(QJsonObject{{QStringLiteral("queries"), QJsonArray::fromStringList(queries)}});
        else
            context.out(queries.join(QStringLiteral(";\n")) + QStringLiteral(";\n"));
        return ExitOk;
    }
    Result<SchemaSnapshot> snapshot = SchemaInspector::inspectAsync(*url, options, kConnectTimeoutSeconds).result();
    if (!snapshot)
        return context.fail(snapshot.error(), ExitFailed);
    if (!options.schema.isEmpty() && snapshot->schemas.isEmpty())
        return context.fail(Error{QStringLiteral("db-unknown-schema"),
                                  QStringLiteral("there is no schema '%1' in %2").arg(options.schema, url->redacted()),
                                  QStringLiteral("leave out --schema to list every schema"), {}, 0},
                            ExitBadInput);
    if (!names.isEmpty()) {
        QVector<TableInfo> kept;
        QStringList missing;
        for (const QString& name : names) {
            bool found = false;
            for (const TableInfo& t : std::as_const(snapshot->tables)) {
                const bool match = name.contains(QLatin1Char('.')) ? name == t.schema + QLatin1Char('.') + t.name : name == t.name;
                if (match) {
                    found = true;
                    if (std::none_of(kept.cbegin(), kept.cend(),
                                     [&t](const TableInfo& k) { return k.schema == t.schema && k.name == t.name; }))
                        kept.append(t);
                }
            }
            if (!found)
                missing << name;
        }
        if (!missing.isEmpty())
            return context.fail(Error{QStringLiteral("db-unknown-table"),
                                      QStringLiteral("no table or view named %1 in %2")
                                          .arg(missing.join(QStringLiteral(", ")), url->redacted()),
                                      QStringLiteral("names are as the database spells them; schema.name picks one schema"), {}, 0},
                                ExitBadInput);
        snapshot->tables = kept;
    }

    QStringList countErrors;
    if (counts == QLatin1String("none")) {
        for (TableInfo& t : snapshot->tables)
            t.estimatedRows = -1;
    } else if (counts == QLatin1String("exact")) {
        QVector<TableRef> refs;
        QVector<int> positions;
        for (int i = 0; i < snapshot->tables.size(); ++i) {
            if (!snapshot->tables.at(i).isView()) {
                refs.append({snapshot->tables.at(i).schema, snapshot->tables.at(i).name});
                positions.append(i);
            }
        }
        QFuture<RowCount> future = SchemaInspector::countRowsAsync(*url, refs, kConnectTimeoutSeconds);
        future.waitForFinished();
        const QList<RowCount> results = future.results();
        for (int i = 0; i < results.size(); ++i) {
            const RowCount& count = results.at(i);
            if (count.name.isEmpty() && !count.ok()) // the counting connection failed
                return context.fail(count.error, ExitFailed);
            if (count.ok())
                snapshot->tables[positions.at(i)].exactRows = count.rows;
            else
                countErrors << count.error.message;
        }
        if (results.size() < refs.size() && countErrors.isEmpty())
            countErrors << QStringLiteral("counting stopped after %1 of %2 tables").arg(results.size()).arg(refs.size());
    }

    if (context.json()) {
        JsonWriter w;
        w.begin('{').key("tables").begin('[');
        for (const TableInfo& t : snapshot->tables)
            writeTable(w, t);
        w.end(']').key("schemas").strings(snapshot->schemas);
        w.key("dialect").string(snapshot->dialect == Dialect::PostgreSQL ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
        if (!countErrors.isEmpty())
            w.key("count_errors").strings(countErrors);
        w.end('}');
        context.out(QString::fromUtf8(w.bytes()));
    } else {
        context.out(tablesText(*url, *snapshot));
        for (const QString& e : countErrors)
            context.warn(QStringLiteral("error: ") + e);
    }
    return countErrors.isEmpty() ? ExitOk : ExitFailed;
}

} // namespace

// ---------------------------------------------------------------------------------- discover

// Every database the project's files point at (compose services, .env, alembic.ini), with where
// each came from and what is missing; passwords redacted. Exit 0 when at least one is complete.
int runDiscover(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {}, {});
    if (!parsed)
        return context.usage(parsed.error().message);
    if (!parsed->positionals().isEmpty())
        return context.usage(QStringLiteral("discover takes no arguments (got '%1')").arg(parsed->positionals().first()));
    QString folder = context.options().project.isEmpty() ? QDir::currentPath() : context.options().project;
    std::optional<ProjectConfig> config;
    if (const auto located = ProjectLocator::locate(folder)) {
        config = *located;
        folder = located->configFile.isEmpty() ? located->rootDir : QFileInfo(located->configFile).absolutePath();
    } else if (QFileInfo(folder).isFile()) {
        folder = QFileInfo(folder).absolutePath();
    }
    const QList<DatabaseCandidate> candidates = Discovery::find(folder, config ? &*config : nullptr);
    bool anyComplete = false;
    if (context.json()) {
        QJsonArray array;
        for (const DatabaseCandidate& c : candidates) {
            anyComplete = anyComplete || c.isComplete();
            array.append(QJsonObject{{QStringLiteral("source"), c.source},
                                     {QStringLiteral("path"), c.path},
                                     {QStringLiteral("url"), c.redacted()},
                                     {QStringLiteral("complete"), c.isComplete()},
                                     {QStringLiteral("notes"), QJsonArray::fromStringList(c.notes)},
                                     {QStringLiteral("missing"), QJsonArray::fromStringList(c.missing)}});
        }
        context.printJson(QJsonObject{{QStringLiteral("candidates"), array}});
    } else {
        QString text;
        if (candidates.isEmpty())
            text = QStringLiteral("No database found in the project's compose files, .env or alembic.ini.\n");
        for (const DatabaseCandidate& c : candidates) {
            anyComplete = anyComplete || c.isComplete();
            text += QStringLiteral("%1\n  %2\n").arg(c.source, c.redacted());
            for (const QString& note : c.notes)
                text += QStringLiteral("  - %1\n").arg(note);
            for (const QString& missing : c.missing)
                text += QStringLiteral("  ! %1\n").arg(missing);
        }
        context.out(text);
    }
    return anyComplete ? ExitOk : ExitFailed;
}

// ------------------------------------------------------------------------- create-database

// The Makefile's `db-create-database`: CREATE DATABASE for the database --url names, on its server.
int runCreateDatabase(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {}, {QStringLiteral("--if-missing")});
    if (!parsed)
        return context.usage(parsed.error().message);
    if (!parsed->positionals().isEmpty())
        return context.usage(QStringLiteral("create-database takes no arguments (the database is the one --url names)"));
    const auto url = urlFor(context, QStringLiteral("create-database"));
    if (!url)
        return context.fail(url.error(), ExitBadInput);
    const Status created = DatabaseAdmin::createDatabase(*url, kConnectTimeoutSeconds);
    const bool exists = !created && created.error().code == QLatin1String("db-exists");
    if (exists && parsed->has(QStringLiteral("--if-missing"))) {
        if (context.json())
            context.printJson(QJsonObject{{QStringLiteral("created"), false}, {QStringLiteral("exists"), true},
                                          {QStringLiteral("url"), url->redacted()}});
        else
            context.out(created.error().message + QLatin1Char('\n'));
        return ExitOk;
    }
    if (!created)
        return context.fail(created.error(), created.error().code == QLatin1String("db-create-not-postgresql") ? ExitBadInput : ExitFailed);
    if (context.json())
        context.printJson(QJsonObject{{QStringLiteral("created"), true}, {QStringLiteral("exists"), true},
                                      {QStringLiteral("url"), url->redacted()}});
    else
        context.out(QStringLiteral("Created the database %1.\n").arg(url->redacted()));
    return ExitOk;
}

RETORT_CLI_COMMAND("discover", "discover              candidate database URLs from compose files, .env and alembic.ini", runDiscover);
RETORT_CLI_COMMAND("create-database", "create-database [--if-missing]  CREATE DATABASE for the database --url names", runCreateDatabase);
RETORT_CLI_COMMAND_OWNING_VERBOSE("current", "current [--verbose]   the database's revision(s) from its version table (--url)", runCurrent);
RETORT_CLI_COMMAND("tables", "tables [NAME...] [--schema S] [--counts none|estimate|exact] [--show-sql]  tables, columns, keys (--url)",
                   runTables);

} // namespace retort::cli
