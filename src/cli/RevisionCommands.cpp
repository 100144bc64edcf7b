// retort-cli revision / check: writing a revision through the project's own Alembic (`alembic
// revision`, its script.py.mako) and the drift check between the models and the database
// (`alembic check`, through compare_metadata so it works with any Alembic). Issue #15.
//
//   revision [-m MSG] [--autogenerate] [--head REV] [--splice] [--branch-label L]
//            [--depends-on REV]... [--rev-id ID] [--version-path DIR] [--yes]
//       With --autogenerate the changes Alembic found are shown first and the file is written
//       only when confirmed (--yes, or --json, answers for the user); the writing run refuses
//       when the comparison no longer finds what was shown.
//   check    exit 0 when the models match the database, 1 when they differ (as `alembic check`).
// Both take the bridge options of the exec commands (--python, --compose-*, --timeout) and the
// global --url (the database env.py is given; autogenerate refuses to compare with another).

#include "cli/Cli.h"
#include "cli/ExecSupport.h"
#include "core/exec/AlembicBridge.h"
#include "core/workspace/NewRevision.h"
#include "core/exec/SchemaChangeReport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>


namespace retort::cli {

namespace {

QJsonArray blindSpotsJson(const AutogenerateReview& review)
{
    return QJsonArray::fromStringList(SchemaChangeReport::blindSpots(review));
}

QString blindSpotsText(const AutogenerateReview& review)
{
    QString text = QStringLiteral("Not compared by Alembic's autogenerate (check these yourself):\n");
    for (const QString& spot : SchemaChangeReport::blindSpots(review))
        text += QStringLiteral("  - ") + spot + QLatin1Char('\n');
    return text;
}

QJsonObject writtenJson(const WrittenRevision& r)
{
    return QJsonObject{{QStringLiteral("revision"), r.revision},
                       {QStringLiteral("path"), r.path},
                       {QStringLiteral("down_revisions"), QJsonArray::fromStringList(r.downRevisions)},
                       {QStringLiteral("branch_labels"), QJsonArray::fromStringList(r.branchLabels)},
                       {QStringLiteral("depends_on"), QJsonArray::fromStringList(r.dependsOn)},
                       {QStringLiteral("message"), r.message}};
}

QString reviewText(const AutogenerateReview& review)
{
    QString text;
    const QString where = review.databaseUrl.isEmpty() ? QStringLiteral("the database") : review.databaseUrl;
    if (review.dropped)
        return QStringLiteral("Alembic compared the models with %1, and env.py's process_revision_directives dropped the "
                              "revision: no file would be written.\n")
            .arg(where);
    if (!review.hasChanges()) {
        text = QStringLiteral("Autogenerate found no differences between the models and %1: the new revision would have "
                              "empty upgrade() and downgrade().\n")
                   .arg(where);
    } else {
        const int count = int(review.allChanges().size());
        text = QStringLiteral("Autogenerate compared the models with %1 and found %2:\n")
                   .arg(where, count == 1 ? QStringLiteral("1 change") : QStringLiteral("%1 changes").arg(count));
        text += SchemaChangeReport::text(review.allChanges(), QStringLiteral("  "));
    }
    text += QLatin1Char('\n') + blindSpotsText(review);
    return text;
}

// ------------------------------------------------------------------------------- revision

int runRevision(Context& context, const QStringList& rawArgs)
{
    QStringList normalised;
    for (const QString& arg : rawArgs)
        normalised << (arg == QLatin1String("-m") ? QStringLiteral("--message") : arg);
    QStringList valueOptions = bridgeValueOptions();
    valueOptions << QStringLiteral("--message") << QStringLiteral("--head") << QStringLiteral("--branch-label")
                 << QStringLiteral("--depends-on") << QStringLiteral("--rev-id") << QStringLiteral("--version-path");
    QStringList flags = bridgeFlags();
    flags << QStringLiteral("--autogenerate") << QStringLiteral("--splice") << QStringLiteral("--yes");
    const auto args = Args::parse(normalised, valueOptions, flags);
    if (!args)
        return context.usage(args.error().message);
    if (!args->positionals().isEmpty())
        return context.usage(QStringLiteral("revision takes options only (got '%1'); the message goes with -m").arg(args->positionals().first()));
    for (const char* foreign : {"--current", "--purge", "--tag"}) {
        if (args->has(QLatin1String(foreign)))
            return context.usage(QStringLiteral("%1 does not go with revision").arg(QLatin1String(foreign)));
    }

    NewRevisionOptions options;
    options.message = args->value(QStringLiteral("--message"));
    options.autogenerate = args->has(QStringLiteral("--autogenerate"));
    options.head = args->value(QStringLiteral("--head"));
    options.splice = args->has(QStringLiteral("--splice"));
    options.branchLabel = args->value(QStringLiteral("--branch-label"));
    for (const QString& value : args->values(QStringLiteral("--depends-on")))
        options.dependsOn << value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    options.revisionId = args->value(QStringLiteral("--rev-id"));
    // Like Alembic, a relative --version-path is relative to the folder the command runs in.
    if (args->has(QStringLiteral("--version-path")))
        options.versionPath = QFileInfo(args->value(QStringLiteral("--version-path"))).absoluteFilePath();

    Setup setup;
    if (const auto failed = prepare(context, *args, setup))
        return *failed;
    if (const Status valid = NewRevision::validate(options, *setup.snapshot); !valid)
        return context.fail(valid.error(), ExitBadInput);

    BridgeRequest request = NewRevision::bridgeRequest(options, *setup.snapshot, setup.python, context.options().url);
    request.timeoutMs = setup.timeoutSeconds * 1000;
    if (args->has(QStringLiteral("--allow-url-mismatch")))
        request.requireUrlMatch = false;

    AutogenerateReview review;
    if (options.autogenerate) {
        Result<AutogenerateReview> reviewed = AlembicBridge::reviewRevision(setup.python, request);
        if (!reviewed)
            return context.fail(reviewed.error(), ExitFailed);
        review = *reviewed;
        if (!context.json())
            context.out(reviewText(review));
        if (review.dropped) {
            if (context.json())
                context.printJson(QJsonObject{{QStringLiteral("revisions"), QJsonArray()},
                                              {QStringLiteral("changes"), QJsonArray()},
                                              {QStringLiteral("dropped"), true}});
            return ExitOk;
        }
        if (!context.json() && !args->has(QStringLiteral("--yes"))) {
            const QString question = review.hasChanges() ? QStringLiteral("Write this revision?")
                                                         : QStringLiteral("Write an empty revision anyway?");
            if (!context.confirm(question)) {
                context.out(QStringLiteral("Nothing written."));
                return ExitOk;
            }
        }
        NewRevision::acceptReview(request, review);
    }

    const Result<QVector<WrittenRevision>> written = AlembicBridge::writeRevision(setup.python, request);
    if (!written)
        return context.fail(written.error(), ExitFailed);

    if (context.json()) {
        QJsonArray revisions;
        for (const WrittenRevision& r : *written)
            revisions.append(writtenJson(r));
        QJsonObject out{{QStringLiteral("revisions"), revisions}, {QStringLiteral("autogenerate"), options.autogenerate}};
        if (options.autogenerate) {
            out.insert(QStringLiteral("changes"), SchemaChange::listToJson(review.allChanges()));
            out.insert(QStringLiteral("blind_spots"), blindSpotsJson(review));
        }
        context.printJson(out);
        return ExitOk;
    }
    if (written->isEmpty()) {
        context.out(QStringLiteral("Alembic wrote no file (env.py's process_revision_directives dropped the revision)."));
        return ExitOk;
    }
    for (const WrittenRevision& r : *written) {
        context.out(QStringLiteral("Created revision %1 on %2\n  %3")
                        .arg(r.revision,
                             r.downRevisions.isEmpty() ? QStringLiteral("base") : r.downRevisions.join(QStringLiteral(", ")),
                             QDir::toNativeSeparators(r.path)));
    }
    return ExitOk;
}

// ---------------------------------------------------------------------------------- check

int runCheck(Context& context, const QStringList& rawArgs)
{
    const auto args = Args::parse(rawArgs, bridgeValueOptions(), bridgeFlags());
    if (!args)
        return context.usage(args.error().message);
    if (!args->positionals().isEmpty())
        return context.usage(QStringLiteral("check takes no arguments (got '%1')").arg(args->positionals().first()));
    if (args->has(QStringLiteral("--current")) || args->has(QStringLiteral("--purge")) || args->has(QStringLiteral("--tag")))
        return context.usage(QStringLiteral("check compares the models with the database; it takes --url and the bridge options"));

    Setup setup;
    if (const auto failed = prepare(context, *args, setup))
        return *failed;
    BridgeRequest request = NewRevision::checkRequest(*setup.snapshot, setup.python, context.options().url);
    if (args->has(QStringLiteral("--allow-url-mismatch")))
        request.requireUrlMatch = false;
    request.timeoutMs = setup.timeoutSeconds * 1000;
    const Result<AutogenerateReview> checked = AlembicBridge::checkDrift(setup.python, request);
    if (!checked)
        return context.fail(checked.error(), ExitFailed);
    const QVector<SchemaChange> changes = checked->allChanges();

    if (context.json()) {
        context.printJson(QJsonObject{{QStringLiteral("drift"), !changes.isEmpty()},
                                      {QStringLiteral("changes"), SchemaChange::listToJson(changes)},
                                      {QStringLiteral("current"), QJsonArray::fromStringList(checked->currentHeads)},
                                      {QStringLiteral("database"), checked->databaseUrl},
                                      {QStringLiteral("dialect"), checked->dialect},
                                      {QStringLiteral("compare_type"), checked->compareType},
                                      {QStringLiteral("compare_server_default"), checked->compareServerDefault},
                                      {QStringLiteral("alembic"), checked->alembicVersion},
                                      {QStringLiteral("blind_spots"), blindSpotsJson(*checked)}});
        return changes.isEmpty() ? ExitOk : ExitFailed;
    }
    QString text;
    if (changes.isEmpty()) {
        // Alembic's own words for a clean check.
        text = QStringLiteral("No new upgrade operations detected.\nThe models match %1.\n").arg(checked->databaseUrl);
    } else {
        text = QStringLiteral("New upgrade operations detected: the models and %1 differ in %2:\n")
                   .arg(checked->databaseUrl,
                        changes.size() == 1 ? QStringLiteral("1 change") : QStringLiteral("%1 changes").arg(changes.size()));
        text += SchemaChangeReport::text(changes, QStringLiteral("  "));
        text += QStringLiteral("Write a migration for them: retort-cli revision --autogenerate -m MESSAGE\n");
    }
    text += QLatin1Char('\n') + blindSpotsText(*checked);
    context.out(text);
    return changes.isEmpty() ? ExitOk : ExitFailed;
}

} // namespace

} // namespace retort::cli

RETORT_CLI_COMMAND("revision",
                   "revision [-m MSG] [--autogenerate] [--head REV] [--splice] [--branch-label L] [--depends-on REV]...\n"
                   "                        [--rev-id ID] [--version-path DIR] [--yes]  write a new revision through Alembic\n"
                   "                        (autogenerate: review the changes first)",
                   retort::cli::runRevision);
RETORT_CLI_COMMAND("check", "check                 drift between the models and the database (exit 1 when they differ, as alembic check)",
                   retort::cli::runCheck);
