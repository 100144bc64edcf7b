// retort-cli bootstrap: the initial revision of a history that lacks one, for a database built
// with metadata.create_all() (core/timemachine/Bootstrap, the same flow as the window's Revision >
// Bootstrap History...). Issue #15.
//
//   bootstrap [-m MSG] [--rev-id ID] [--version-path DIR] [--relink] [--stamp REV|--no-stamp]
//             [--scratch-on-server] [--yes]
//       Shows each step (the initial revision's file, the edit of the first revision's
//       down_revision, the verification, the stamp) computed on scratch databases; writes and
//       stamps only when confirmed (--yes, or "y" at the prompt). The edit of an existing revision
//       needs --relink (or --rev-id equal to the missing id, which needs no edit).
// The database stamped is --url, else $DATABASE_URL, else alembic.ini's sqlalchemy.url.

#include "cli/Cli.h"
#include "cli/ExecSupport.h"
#include "core/common/Redact.h"
#include "core/db/DatabaseUrl.h"
#include "core/exec/SchemaChangeReport.h"
#include "core/timemachine/Bootstrap.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <unistd.h>

namespace retort::cli {

namespace {

// The database to stamp and where its URL came from ("" when none is configured).
QString liveUrlFor(const Context& context, const ProjectSnapshot& snapshot, QString* source)
{
    if (!context.options().url.isEmpty()) {
        *source = QStringLiteral("--url");
        return context.options().url;
    }
    if (const QString env = qEnvironmentVariable("DATABASE_URL"); !env.isEmpty()) {
        *source = QStringLiteral("$DATABASE_URL");
        return env;
    }
    const QString ini = snapshot.project.config.sqlalchemyUrl;
    if (!ini.isEmpty() && DatabaseUrl::parse(ini).ok()) {
        *source = QStringLiteral("alembic.ini's sqlalchemy.url");
        return ini;
    }
    return {};
}

QString relative(const QString& path, const ProjectSnapshot& snapshot)
{
    return QDir::toNativeSeparators(QDir(QFileInfo(snapshot.project.config.configFile).absolutePath()).relativeFilePath(path));
}

QString proposalText(const BootstrapProposal& p, const ProjectSnapshot& snapshot)
{
    QString text = p.situation.summary + QLatin1Char('\n');
    text += QStringLiteral("Computed on a scratch database: %1 (removed afterwards).\n\n").arg(p.scratchDescription);
    int step = 1;
    const int tables = int(p.initialTables.size());
    text += QStringLiteral("%1. Write the initial revision %2 (\"%3\") to %4, creating %5:\n")
                .arg(step++)
                .arg(p.revisionId, p.message, relative(p.destination, snapshot),
                     tables == 1 ? QStringLiteral("1 table") : QStringLiteral("%1 tables").arg(tables));
    text += SchemaChangeReport::text(p.changes, QStringLiteral("     "));
    text += QStringLiteral("   ----- %1 -----\n").arg(QFileInfo(p.destination).fileName());
    for (const QString& line : p.fileText.split(QLatin1Char('\n')))
        text += QStringLiteral("   | ") + line + QLatin1Char('\n');
    text += QStringLiteral("   -----\n");
    if (p.relinks) {
        text += QStringLiteral("%1. Point %2's down_revision at %3 (%4:%5)%6:\n     - %7\n     + %8\n")
                    .arg(step++)
                    .arg(p.situation.firstRevision, p.revisionId, relative(p.relinkPath, snapshot))
                    .arg(p.relinkLine)
                    .arg(p.options.relink ? QString() : QStringLiteral(" - needs your consent: --relink"), p.relinkBefore,
                         p.relinkAfter);
    } else if (p.situation.kind == BootstrapSituation::Kind::MissingFirstRevision) {
        text += QStringLiteral("%1. %2 already names %3 as its down_revision: no edit needed.\n")
                    .arg(step++)
                    .arg(p.situation.firstRevision, p.revisionId);
    }
    if (!p.requiredSchemas.isEmpty())
        text += QStringLiteral("   Note: the history does not create the schema(s) %1; a fresh database needs them before "
                               "`alembic upgrade` (the verification created them first).\n")
                    .arg(p.requiredSchemas.join(QStringLiteral(", ")));
    if (p.verifyDrift.isEmpty()) {
        text += QStringLiteral("%1. Verified: an empty database upgraded to the new heads (%2) matches the models.\n")
                    .arg(step++)
                    .arg(p.newHeads.join(QStringLiteral(", ")));
    } else {
        text += QStringLiteral("%1. Verification: an empty database upgraded to the new heads (%2) differs from the models "
                               "(%3 difference(s); a revision after the initial one does not match them):\n")
                    .arg(step++)
                    .arg(p.newHeads.join(QStringLiteral(", ")))
                    .arg(p.verifyDrift.size());
        text += SchemaChangeReport::text(p.verifyDrift, QStringLiteral("     "));
    }
    if (!p.databaseUrl.isEmpty() && !p.schemaDifference.isEmpty())
        text += QStringLiteral("   %1 differs from the new heads' schema:\n%2").arg(p.databaseUrl, p.schemaDifference);
    if (p.stampTarget.isEmpty())
        text += QStringLiteral("%1. No stamp: %2.\n").arg(step).arg(p.stampReason);
    else
        text += QStringLiteral("%1. Stamp %2 at %3: %4.\n").arg(step).arg(p.databaseUrl, p.stampTarget, p.stampReason);
    return text;
}

QJsonObject proposalJson(const BootstrapProposal& p)
{
    QJsonObject relink;
    if (!p.relinkPath.isEmpty())
        relink = QJsonObject{{QStringLiteral("revision"), p.situation.firstRevision},
                             {QStringLiteral("path"), p.relinkPath},
                             {QStringLiteral("line"), p.relinkLine},
                             {QStringLiteral("needed"), p.relinks},
                             {QStringLiteral("before"), p.relinkBefore},
                             {QStringLiteral("after"), p.relinkAfter}};
    return QJsonObject{
        {QStringLiteral("situation"), p.situation.kind == BootstrapSituation::Kind::NoHistory ? QStringLiteral("no-history")
                                                                                              : QStringLiteral("missing-first-revision")},
        {QStringLiteral("summary"), p.situation.summary},
        {QStringLiteral("missing"), p.situation.missingId},
        {QStringLiteral("revision"), p.revisionId},
        {QStringLiteral("message"), p.message},
        {QStringLiteral("path"), p.destination},
        {QStringLiteral("file"), p.fileText},
        {QStringLiteral("changes"), SchemaChange::listToJson(p.changes)},
        {QStringLiteral("model_tables"), QJsonArray::fromStringList(p.modelTables)},
        {QStringLiteral("initial_tables"), QJsonArray::fromStringList(p.initialTables)},
        {QStringLiteral("relink"), relink.isEmpty() ? QJsonValue() : QJsonValue(relink)},
        {QStringLiteral("new_heads"), QJsonArray::fromStringList(p.newHeads)},
        {QStringLiteral("required_schemas"), QJsonArray::fromStringList(p.requiredSchemas)},
        {QStringLiteral("verify_drift"), SchemaChange::listToJson(p.verifyDrift)},
        {QStringLiteral("scratch"), p.scratchDescription},
        {QStringLiteral("database"), p.databaseUrl},
        {QStringLiteral("database_error"), p.databaseError},
        {QStringLiteral("database_heads"), QJsonArray::fromStringList(p.databaseHeads)},
        {QStringLiteral("schema_difference"), p.schemaDifference},
        {QStringLiteral("stamp"), p.stampTarget},
        {QStringLiteral("stamp_reason"), p.stampReason},
        {QStringLiteral("command"), p.commandLine()},
    };
}

int runBootstrap(Context& context, const QStringList& rawArgs)
{
    QStringList normalised;
    for (const QString& arg : rawArgs)
        normalised << (arg == QLatin1String("-m") ? QStringLiteral("--message") : arg);
    QStringList valueOptions = bridgeValueOptions();
    valueOptions << QStringLiteral("--message") << QStringLiteral("--rev-id") << QStringLiteral("--version-path")
                 << QStringLiteral("--stamp");
    QStringList flags = bridgeFlags();
    flags << QStringLiteral("--relink") << QStringLiteral("--no-stamp") << QStringLiteral("--scratch-on-server")
          << QStringLiteral("--yes");
    const auto args = Args::parse(normalised, valueOptions, flags);
    if (!args)
        return context.usage(args.error().message);
    if (!args->positionals().isEmpty())
        return context.usage(QStringLiteral("bootstrap takes options only (got '%1')").arg(args->positionals().first()));
    for (const char* foreign : {"--current", "--purge", "--tag", "--compose-service"}) {
        if (args->has(QLatin1String(foreign)))
            return context.usage(QStringLiteral("%1 does not go with bootstrap").arg(QLatin1String(foreign)));
    }
    if (args->has(QStringLiteral("--stamp")) && args->has(QStringLiteral("--no-stamp")))
        return context.usage(QStringLiteral("use either --stamp REV or --no-stamp"));

    BootstrapOptions options;
    if (args->has(QStringLiteral("--message")))
        options.message = args->value(QStringLiteral("--message"));
    options.revisionId = args->value(QStringLiteral("--rev-id"));
    if (args->has(QStringLiteral("--version-path")))
        options.versionPath = QFileInfo(args->value(QStringLiteral("--version-path"))).absoluteFilePath();
    options.relink = args->has(QStringLiteral("--relink"));
    options.stampTarget = args->has(QStringLiteral("--no-stamp")) ? QStringLiteral("none") : args->value(QStringLiteral("--stamp"));

    Setup setup;
    if (const auto failed = prepare(context, *args, setup, /*graphMayFail=*/true))
        return *failed;
    const ProjectSnapshot& snapshot = *setup.snapshot;

    QString source;
    const QString liveUrl = liveUrlFor(context, snapshot, &source);
    if (liveUrl.isEmpty())
        context.warn(QStringLiteral("note: no database given (--url, $DATABASE_URL or alembic.ini): nothing will be stamped"));
    else if (source != QLatin1String("--url"))
        context.warn(QStringLiteral("note: the database is %1 (from %2)").arg(redactUrl(liveUrl), source));

    std::optional<Dialect> dialect;
    if (!liveUrl.isEmpty())
        dialect = DatabaseUrl::dialectOfScheme(liveUrl);
    if (!dialect)
        dialect = DatabaseUrl::dialectOfScheme(snapshot.project.config.sqlalchemyUrl);
    if (!dialect)
        return context.fail(Error{QStringLiteral("usage"), QStringLiteral("cannot tell which database this project uses"),
                                  QStringLiteral("Pass --url with the database (sqlite:///x.db, postgresql://...)."), {}, 0},
                            ExitBadInput);
    ScratchRequest scratch = ScratchDatabase::request(*dialect, liveUrl, snapshot.project.config.sqlalchemyUrl);
    scratch.serverConsent = args->has(QStringLiteral("--scratch-on-server"));

    const InterruptFlag interrupt;
    const bool showProgress = !context.json() && ::isatty(STDERR_FILENO);
    const Result<BootstrapProposal> proposal =
        Bootstrap::prepare(snapshot, setup.python, options, scratch, liveUrl, InterruptFlag::flag(), [&](const QString& step) {
            if (showProgress)
                context.warn(QStringLiteral("... ") + step);
        });
    if (!proposal) {
        static const QStringList input{QStringLiteral("bootstrap-not-needed"), QStringLiteral("bootstrap-blocked"),
                                       QStringLiteral("bootstrap-rev-id"), QStringLiteral("bootstrap-exists"),
                                       QStringLiteral("bootstrap-remote"), QStringLiteral("bootstrap-relink"),
                                       QStringLiteral("scratch-consent"), QStringLiteral("scratch-no-server"),
                                       QStringLiteral("scratch-production"), QStringLiteral("db-url")};
        return context.fail(proposal.error(), input.contains(proposal.error().code) ? ExitBadInput : ExitFailed);
    }

    if (!context.json())
        context.out(proposalText(*proposal, snapshot));
    bool go = args->has(QStringLiteral("--yes"));
    if (!go && !context.json() && ::isatty(STDIN_FILENO))
        go = context.confirm(QStringLiteral("Apply these steps?"));
    if (!go) {
        if (context.json()) {
            QJsonObject out = proposalJson(*proposal);
            out.insert(QStringLiteral("applied"), false);
            context.printJson(out);
        } else {
            context.out(QStringLiteral("Nothing written. To apply exactly this: %1").arg(proposal->commandLine()));
        }
        return ExitOk;
    }
    const Result<BootstrapOutcome> applied = Bootstrap::apply(snapshot, *proposal, setup.python, liveUrl, InterruptFlag::flag());
    if (!applied) {
        const bool input = applied.error().code == QLatin1String("bootstrap-relink-consent")
                           || applied.error().code == QLatin1String("bootstrap-changed")
                           || applied.error().code == QLatin1String("bootstrap-exists");
        return context.fail(applied.error(), input ? ExitBadInput : ExitFailed);
    }
    if (context.json()) {
        QJsonObject out = proposalJson(*proposal);
        out.insert(QStringLiteral("applied"), true);
        out.insert(QStringLiteral("written"), applied->writtenPath);
        out.insert(QStringLiteral("relinked"), applied->relinked);
        out.insert(QStringLiteral("stamped"), applied->stamped);
        out.insert(QStringLiteral("stamp_error"), applied->stampError);
        out.insert(QStringLiteral("database_heads_after"), QJsonArray::fromStringList(applied->databaseHeads));
        context.printJson(out);
    } else {
        QString text = QStringLiteral("Wrote %1\n").arg(QDir::toNativeSeparators(applied->writtenPath));
        if (applied->relinked)
            text += QStringLiteral("Pointed %1's down_revision at %2 (%3)\n")
                        .arg(proposal->situation.firstRevision, proposal->revisionId, relative(proposal->relinkPath, snapshot));
        if (!applied->stamped.isEmpty() && applied->stampError.isEmpty())
            text += QStringLiteral("Stamped %1: its version table now holds %2\n")
                        .arg(proposal->databaseUrl, applied->databaseHeads.isEmpty() ? QStringLiteral("nothing")
                                                                                     : applied->databaseHeads.join(QStringLiteral(", ")));
        context.out(text);
    }
    if (!applied->stampError.isEmpty())
        return context.fail(Error{QStringLiteral("bootstrap-stamp"),
                                  QStringLiteral("the history was written, but the stamp failed: %1").arg(applied->stampError),
                                  QStringLiteral("Fix the cause, then stamp by hand: retort-cli stamp %1").arg(proposal->stampTarget),
                                  {}, 0},
                            ExitFailed);
    return ExitOk;
}

} // namespace

} // namespace retort::cli

RETORT_CLI_COMMAND("bootstrap",
                   "bootstrap [-m MSG] [--rev-id ID] [--version-path DIR] [--relink] [--stamp REV|--no-stamp]\n"
                   "                        [--scratch-on-server] [--yes]  the missing initial revision for a database built\n"
                   "                        with create_all: computed on scratch databases, shown, then written and stamped",
                   retort::cli::runBootstrap);
