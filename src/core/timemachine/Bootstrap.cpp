#include "core/timemachine/Bootstrap.h"

#include "core/alembic/RevisionFileParser.h"
#include "core/common/NativePath.h"
#include "core/common/ShellQuote.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/SchemaInspector.h"
#include "core/db/SqlIdentifier.h"
#include "core/db/VersionTable.h"
#include "core/exec/AlembicBridge.h"
#include "core/timemachine/SchemaDiff.h"
#include "core/workspace/DatabaseState.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSet>
#include <QTemporaryDir>
#include <QUuid>

namespace retort {

namespace {

QString fileName(const QString& path)
{
    return QFileInfo(path).fileName();
}

QByteArray digestOf(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

Result<QByteArray> readBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("bootstrap-read"), QStringLiteral("cannot read %1: %2").arg(path, file.errorString()), {}, path, 0};
    return file.readAll();
}

Status writeText(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{QStringLiteral("bootstrap-write"), QStringLiteral("cannot write %1: %2").arg(path, file.errorString()), {}, path, 0};
    return Ok{};
}

// Alembic's own new ids: the last 12 hex digits of a random UUID.
QString newRevisionId()
{
    return QUuid::createUuid().toString(QUuid::Id128).right(12);
}

bool validRevisionId(const QString& id)
{
    static const QRegularExpression grammar(QStringLiteral("^[A-Za-z0-9_]{1,32}$"));
    return grammar.match(id).hasMatch();
}

QStringList stringList(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out << item.toString();
    return out;
}

// The temporary copy's paths in a bridge error, shown as the project's own files.
Error withProjectPaths(Error error, const QHash<QString, QString>& copies)
{
    for (auto it = copies.constBegin(); it != copies.constEnd(); ++it) {
        error.message.replace(it.key(), it.value());
        error.hint.replace(it.key(), it.value());
        if (error.path == it.key())
            error.path = it.value();
    }
    return error;
}

QString progressText(const BridgeEvent& event)
{
    if (event.type == QLatin1String("bootstrap_step"))
        return event.data.value(QStringLiteral("message")).toString();
    if (event.type == QLatin1String("step_started")) {
        const bool stamp = event.data.value(QStringLiteral("is_stamp")).toBool();
        return QStringLiteral("%1 %2")
            .arg(stamp ? QStringLiteral("stamp") : event.data.value(QStringLiteral("direction")).toString(),
                 event.data.value(QStringLiteral("revision")).toString());
    }
    return {};
}

QString stampWords(const QStringList& heads)
{
    return heads.size() == 1 ? heads.first() : QStringLiteral("heads (%1)").arg(heads.join(QStringLiteral(", ")));
}

} // namespace

QString BootstrapProposal::commandLine() const
{
    QStringList args{QStringLiteral("retort-cli"), QStringLiteral("bootstrap"), QStringLiteral("--rev-id"), revisionId};
    if (!message.isEmpty())
        args << QStringLiteral("-m") << message;
    if (!options.versionPath.isEmpty())
        args << QStringLiteral("--version-path") << options.versionPath;
    if (relinks)
        args << QStringLiteral("--relink");
    if (!options.stampTarget.isEmpty())
        args << QStringLiteral("--stamp") << options.stampTarget;
    args << QStringLiteral("--yes");
    QStringList quoted;
    for (const QString& arg : args)
        quoted << shellQuoted(arg);
    return quoted.join(QLatin1Char(' '));
}

Result<QString> Bootstrap::relinkedText(const QString& text, int line, const QString& missingId, const QString& parent)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (line < 1 || line > lines.size())
        return Error{QStringLiteral("bootstrap-relink"), QStringLiteral("line %1 is not in the file").arg(line), {}, {}, line};
    static const QRegularExpression assignment(
        QStringLiteral("^(\\s*down_revision\\b[^=#]*=\\s*)(\\(?\\s*(['\"])([^'\"\\\\]*)\\3\\s*,?\\s*\\)?)(\\s*(#.*)?\\r?)$"));
    QString& target = lines[line - 1];
    const QRegularExpressionMatch m = assignment.match(target);
    if (!m.hasMatch() || m.captured(4) != missingId)
        return Error{QStringLiteral("bootstrap-relink"),
                     QStringLiteral("down_revision on line %1 is not the literal '%2' Retort can rewrite: %3")
                         .arg(line)
                         .arg(missingId, target.trimmed()),
                     QStringLiteral("Edit it by hand to name the initial revision, or give the initial revision the "
                                    "missing id (--rev-id %1) so nothing needs editing.")
                         .arg(missingId),
                     {}, line};
    const QString quote = m.captured(3);
    const QString value = parent.isEmpty() ? QStringLiteral("None") : quote + parent + quote;
    target = m.captured(1) + value + m.captured(5);
    // The docstring's "Revises: 001" (Alembic's template) follows the link.
    static const QRegularExpression revises(QStringLiteral("^(Revises:[ \\t]*)(\\S*)(\\s*)$"));
    for (int i = 0; i < lines.size() && i < line - 1; ++i) {
        const QRegularExpressionMatch r = revises.match(lines.at(i));
        if (r.hasMatch() && r.captured(2) == missingId) {
            lines[i] = r.captured(1) + parent + r.captured(3);
            break;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

BootstrapSituation Bootstrap::analyse(const ProjectSnapshot& snapshot)
{
    BootstrapSituation s;
    const RevisionGraph& graph = snapshot.graph;
    if (snapshot.failedAt == ProjectSnapshot::Stage::Project || snapshot.failedAt == ProjectSnapshot::Stage::Python) {
        s.blocker = snapshot.commandError;
        s.kind = BootstrapSituation::Kind::None;
        return s;
    }
    if (graph.size() == 0) {
        s.kind = BootstrapSituation::Kind::NoHistory;
        s.summary = QStringLiteral("The project has no revisions yet: the initial revision will create the models' schema.");
        return s;
    }
    QVector<const GraphProblem*> missing;
    const GraphProblem* other = nullptr;
    for (const GraphProblem& p : graph.problems()) {
        if (p.code == QLatin1String("missing-revision")) {
            missing << &p;
        } else if (p.fatal && !other) {
            other = &p;
        }
    }
    if (missing.isEmpty())
        return s; // nothing dangles: Kind::None
    // A history that already has a base: a dangling revision beside it lost a revision in the
    // middle (deleted, not never generated).
    QString base;
    for (int i = 0; i < graph.size() && base.isEmpty(); ++i) {
        if (graph.at(i).downRevisions.isEmpty())
            base = graph.at(i).id;
    }
    s.kind = BootstrapSituation::Kind::MissingFirstRevision;
    // "Revision <missing> referenced from <child> is not present": the child is in the graph.
    for (const GraphProblem* p : missing) {
        QString child, absent;
        for (const QString& id : p->revisions)
            (graph.indexOf(id) >= 0 ? child : absent) = id;
        const int ci = graph.indexOf(child);
        if (ci < 0 || !graph.at(ci).parents.isEmpty() || absent.isEmpty() || !base.isEmpty()) {
            s.blocker = Error{QStringLiteral("bootstrap-blocked"),
                              QStringLiteral("%1 names a down_revision (%2) no file defines, but the history starts "
                                             "elsewhere%3: a revision in the middle is missing, which an initial revision "
                                             "cannot replace")
                                  .arg(child.isEmpty() ? p->message : child, absent,
                                       base.isEmpty() ? QString() : QStringLiteral(" (at %1)").arg(base)),
                              QStringLiteral("Restore the missing revision file (git log --all --diff-filter=D)."), p->path, p->line};
            return s;
        }
        if (!s.firstRevision.isEmpty() && s.firstRevision != child) {
            s.blocker = Error{QStringLiteral("bootstrap-blocked"),
                              QStringLiteral("two revisions (%1, %2) start from revisions no file defines: Retort bootstraps "
                                             "one initial revision")
                                  .arg(s.firstRevision, child),
                              QStringLiteral("Fix one of them by hand, then bootstrap the other."), p->path, p->line};
            return s;
        }
        s.firstRevision = child;
        s.missingId = absent;
    }
    const Revision& first = graph.at(graph.indexOf(s.firstRevision));
    s.firstPath = first.path;
    const RevisionFile file = RevisionFileParser::parseFile(first.path);
    s.downRevisionLine = file.downRevisionLine;
    if (file.downRevisions.size() != 1) {
        s.blocker = Error{QStringLiteral("bootstrap-blocked"),
                          QStringLiteral("%1 (%2) has %3 down revisions; Retort bootstraps a history that starts at a "
                                         "single missing revision")
                              .arg(s.firstRevision, fileName(first.path))
                              .arg(file.downRevisions.size()),
                          {}, first.path, file.downRevisionLine};
        return s;
    }
    if (other) {
        s.blocker = Error{QStringLiteral("bootstrap-blocked"),
                          QStringLiteral("the history has another problem to fix first: %1").arg(other->message),
                          other->toError().hint, other->path, other->line};
        return s;
    }
    s.summary = QStringLiteral("The history starts at %1 (%2), whose down_revision %3 no file defines: the initial "
                               "migration was never generated. The initial revision will create the schema %1 starts from.")
                    .arg(s.firstRevision, fileName(s.firstPath), s.missingId);
    return s;
}

Result<BootstrapProposal> Bootstrap::prepare(const ProjectSnapshot& snapshot, const PythonCommand& python,
                                             const BootstrapOptions& options, const ScratchRequest& scratchRequest,
                                             const QString& liveUrl, const std::atomic_bool* cancel,
                                             const BootstrapProgress& progress)
{
    const auto say = [&](const QString& text) {
        if (progress && !text.isEmpty())
            progress(text);
    };
    BootstrapProposal p;
    p.options = options;
    p.situation = analyse(snapshot);
    if (p.situation.blocker)
        return Error{QStringLiteral("bootstrap-blocked"), p.situation.blocker->message, p.situation.blocker->hint,
                     p.situation.blocker->path, p.situation.blocker->line};
    if (p.situation.kind == BootstrapSituation::Kind::None)
        return Error{QStringLiteral("bootstrap-not-needed"),
                     QStringLiteral("the history has its initial revision: there is nothing to bootstrap"),
                     QStringLiteral("For a database built with create_all, stamp the revision its schema matches "
                                    "(the doctor names it: retort-cli doctor)."),
                     {}, 0};
    if (python.remote)
        return Error{QStringLiteral("bootstrap-remote"),
                     QStringLiteral("bootstrap runs the project's Alembic against scratch databases on this machine; a "
                                    "compose service cannot reach them"),
                     QStringLiteral("Use the project's local interpreter (--python PATH)."), {}, 0};
    const ProjectConfig& config = snapshot.project.config;
    const RevisionGraph& graph = snapshot.graph;

    p.revisionId = options.revisionId.isEmpty() ? newRevisionId() : options.revisionId;
    p.message = options.message;
    if (!validRevisionId(p.revisionId))
        return Error{QStringLiteral("bootstrap-rev-id"),
                     QStringLiteral("'%1' is not a revision id Retort writes (letters, digits and '_', at most 32)").arg(p.revisionId),
                     {}, {}, 0};
    if (graph.indexOf(p.revisionId) >= 0)
        return Error{QStringLiteral("bootstrap-rev-id"), QStringLiteral("revision %1 already exists").arg(p.revisionId), {}, {}, 0};

    // Where the file goes.
    QString folder = options.versionPath.isEmpty() ? config.versionLocations.value(0) : options.versionPath;
    if (folder.isEmpty())
        folder = QDir(config.scriptLocation).filePath(QStringLiteral("versions"));
    folder = QDir::cleanPath(QFileInfo(QDir(QFileInfo(config.configFile).absolutePath()), folder).absoluteFilePath());

    // The copy of the revision files the computation works on.
    QTemporaryDir copy(QDir::temp().filePath(QStringLiteral("retort-bootstrap-XXXXXX")));
    if (!copy.isValid())
        return Error{QStringLiteral("bootstrap-write"), QStringLiteral("cannot create a temporary folder: %1").arg(copy.errorString()), {}, {}, 0};
    const QString copyDir = copy.path();
    QHash<QString, QString> copies; // copy -> project file
    QString firstCopy;
    QByteArray firstOriginal;
    QSet<QString> usedNames;
    for (int i = 0; i < graph.size(); ++i) {
        const Revision& rev = graph.at(i);
        QString name = fileName(rev.path);
        if (usedNames.contains(name))
            name = QStringLiteral("%1_%2").arg(i).arg(name);
        usedNames.insert(name);
        const QString target = QDir(copyDir).filePath(name);
        Result<QByteArray> bytes = readBytes(rev.path);
        if (!bytes)
            return bytes.error();
        QByteArray content = *bytes;
        if (rev.id == p.situation.firstRevision) {
            firstCopy = target;
            firstOriginal = content;
            const Result<QString> unlinked = relinkedText(QString::fromUtf8(content), p.situation.downRevisionLine,
                                                          p.situation.missingId, QString());
            if (!unlinked)
                return withProjectPaths(Error{unlinked.error().code, unlinked.error().message, unlinked.error().hint,
                                              rev.path, p.situation.downRevisionLine},
                                        copies);
            content = unlinked->toUtf8();
        }
        if (const Status written = writeText(target, content); !written)
            return written.error();
        copies.insert(target, rev.path);
    }

    // The relink the project will get.
    if (p.situation.kind == BootstrapSituation::Kind::MissingFirstRevision) {
        p.relinkPath = p.situation.firstPath;
        p.relinkLine = p.situation.downRevisionLine;
        p.firstFileDigest = digestOf(firstOriginal);
        p.relinks = p.revisionId != p.situation.missingId;
        const QString original = QString::fromUtf8(firstOriginal);
        p.relinkBefore = original.split(QLatin1Char('\n')).value(p.relinkLine - 1).trimmed();
        if (p.relinks) {
            const Result<QString> relinked = relinkedText(original, p.relinkLine, p.situation.missingId, p.revisionId);
            if (!relinked)
                return Error{relinked.error().code, relinked.error().message, relinked.error().hint, p.relinkPath, p.relinkLine};
            p.relinkedText = *relinked;
            p.relinkAfter = p.relinkedText.split(QLatin1Char('\n')).value(p.relinkLine - 1).trimmed();
        } else {
            p.relinkedText = original;
            p.relinkAfter = p.relinkBefore;
        }
    }

    Result<std::unique_ptr<ScratchDatabase>> created = ScratchDatabase::create(scratchRequest);
    if (!created)
        return created.error();
    const std::unique_ptr<ScratchDatabase> scratch = std::move(created).value();
    p.scratchDescription = scratch->description();
    say(QStringLiteral("scratch database: %1").arg(p.scratchDescription));

    BridgeRequest base;
    base.configFile = config.configFile;
    base.workingDirectory = QFileInfo(config.configFile).absolutePath();
    base.overrideUrl = scratch->url().toString();
    base.requireUrlMatch = true;
    base.versionLocations = copyDir;
    base.timeoutMs = 3600 * 1000;
    const auto relay = [&](const BridgeEvent& event) { say(progressText(event)); };

    // 1. The initial revision.
    BridgeRequest initial = base;
    initial.op = BridgeOp::Bootstrap;
    initial.revisionId = p.revisionId;
    initial.message = p.message;
    QJsonObject rendered;
    const BridgeRun run = AlembicBridge::run(python, initial, cancel, [&](const BridgeEvent& event) {
        relay(event);
        if (event.type == QLatin1String("bootstrap"))
            rendered = event.data;
    });
    if (!run.ok()) {
        Error error = withProjectPaths(run.error, copies);
        error.message = QStringLiteral("computing the initial revision on the scratch database failed: ") + error.message;
        if (p.situation.kind == BootstrapSituation::Kind::MissingFirstRevision && error.hint.isEmpty())
            error.hint = QStringLiteral("Retort creates the models' tables and runs the downgrades of the existing "
                                        "revisions to find the schema %1 starts from; each downgrade must work on the "
                                        "models' schema.")
                             .arg(p.situation.firstRevision);
        return error;
    }
    if (rendered.isEmpty())
        return Error{QStringLiteral("bridge-protocol"), QStringLiteral("the bridge reported no initial revision"), {}, {}, 0};
    const QString renderedPath = rendered.value(QStringLiteral("path")).toString();
    const Result<QByteArray> fileBytes = readBytes(renderedPath);
    if (!fileBytes)
        return fileBytes.error();
    p.fileText = QString::fromUtf8(*fileBytes);
    // file_template may name sub-folders (Alembic 1.18: "%(year)d/%(month).2d/..."): kept.
    QString inFolder = QDir(QFileInfo(copyDir).canonicalFilePath()).relativeFilePath(QFileInfo(renderedPath).canonicalFilePath());
    if (inFolder.isEmpty() || inFolder.startsWith(QLatin1String("..")))
        inFolder = fileName(renderedPath);
    p.destination = QDir::cleanPath(QDir(folder).filePath(inFolder));
    p.upgradeCode = rendered.value(QStringLiteral("upgrade_code")).toString();
    p.downgradeCode = rendered.value(QStringLiteral("downgrade_code")).toString();
    p.changes = SchemaChange::listFromJson(rendered.value(QStringLiteral("changes")).toArray());
    p.modelTables = stringList(rendered.value(QStringLiteral("model_tables")));
    p.initialTables = stringList(rendered.value(QStringLiteral("initial_tables")));
    p.requiredSchemas = stringList(rendered.value(QStringLiteral("schemas")));
    if (QFileInfo::exists(p.destination))
        return Error{QStringLiteral("bootstrap-exists"), QStringLiteral("%1 already exists").arg(p.destination),
                     QStringLiteral("Choose another revision id or message."), p.destination, 0};
    copies.insert(renderedPath, p.destination);

    // 2. The new history, verified on an empty scratch database against the models.
    if (!firstCopy.isEmpty()) {
        if (const Status relinked = writeText(firstCopy, p.relinkedText.toUtf8()); !relinked)
            return relinked.error();
    }
    if (const Status reset = scratch->reset(); !reset)
        return reset.error();
    if (!p.requiredSchemas.isEmpty()) { // as the user's database has them (see requiredSchemas)
        const Result<std::unique_ptr<ScopedConnection>> opened = ScopedConnection::open(scratch->url());
        if (!opened)
            return opened.error();
        QSqlQuery query(opened.value()->database());
        for (const QString& schema : std::as_const(p.requiredSchemas)) {
            if (!query.exec(QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(quoteIdentifier(schema))))
                return Error{QStringLiteral("db-query"),
                             QStringLiteral("cannot create schema %1 on the scratch database: %2").arg(schema, query.lastError().text()), {}, {}, 0};
        }
    }
    say(QStringLiteral("verifying: upgrading an empty scratch database to the new heads"));
    BridgeRequest upgrade = base;
    upgrade.op = BridgeOp::Upgrade;
    upgrade.target = QStringLiteral("heads");
    const BridgeRun upgraded = AlembicBridge::run(python, upgrade, cancel, relay);
    if (!upgraded.ok()) {
        Error error = withProjectPaths(upgraded.error, copies);
        error.message = QStringLiteral("the new history does not upgrade an empty database: ") + error.message;
        return error;
    }
    p.newHeads = stringList(upgraded.result.value(QStringLiteral("version_rows")));
    if (p.newHeads.isEmpty())
        p.newHeads = stringList(upgraded.result.value(QStringLiteral("heads")));
    std::sort(p.newHeads.begin(), p.newHeads.end());
    BridgeRequest check = base;
    check.op = BridgeOp::Check;
    const Result<AutogenerateReview> drift = AlembicBridge::checkDrift(python, check, cancel);
    if (!drift)
        return withProjectPaths(drift.error(), copies);
    p.verifyDrift = drift->allChanges();

    SchemaSnapshot headsSchema;
    {
        const Result<std::unique_ptr<ScopedConnection>> opened = ScopedConnection::open(scratch->url());
        if (!opened)
            return opened.error();
        const Result<SchemaSnapshot> inspected = SchemaInspector::inspect(opened.value()->database());
        if (!inspected)
            return inspected.error();
        headsSchema = *inspected;
    }

    // 3. The user's database.
    if (!liveUrl.isEmpty()) {
        const Result<DatabaseUrl> url = resolvedUrl(ConnectionTarget{liveUrl, {}}, QFileInfo(config.configFile).absolutePath());
        if (!url)
            return url.error();
        p.databaseUrl = url->redacted();
        const Result<std::unique_ptr<ScopedConnection>> opened = ScopedConnection::open(*url);
        if (!opened) {
            p.databaseError = opened.error().message;
        } else {
            QSqlDatabase db = opened.value()->database();
            const QString versionTable = config.effectiveVersionTable();
            const Result<VersionState> state = VersionTable::read(db, versionTable, config.versionTableSchema);
            const Result<SchemaSnapshot> live = SchemaInspector::inspect(db);
            if (!state) {
                p.databaseError = state.error().message;
            } else if (!live) {
                p.databaseError = live.error().message;
            } else {
                p.databaseVersioned = state->tableExists && !state->revisions.isEmpty();
                p.databaseHeads = state->revisions;
                for (const TableInfo& table : live->tables) {
                    if (table.name != versionTable && table.kind == TableKind::Table)
                        p.databaseTables << (table.schema == live->defaultSchema ? table.name : table.schema + QLatin1Char('.') + table.name);
                }
                SchemaDiffOptions ignore;
                ignore.ignoredTables = {TableRef{config.versionTableSchema, versionTable}};
                const SchemaDiff diff = SchemaDiff::compare(headsSchema, *live, ignore);
                p.schemaDifference = diff.isEmpty() ? QString() : diff.toText(QStringLiteral("  "));
            }
        }
    }
    const QString heads = stampWords(p.newHeads);
    if (options.stampTarget == QLatin1String("none")) {
        p.stampReason = QStringLiteral("not stamping (asked)");
    } else if (p.databaseUrl.isEmpty()) {
        p.stampReason = QStringLiteral("no database given: nothing is stamped");
    } else if (!p.databaseError.isEmpty()) {
        p.stampReason = QStringLiteral("the database could not be read (%1): nothing is stamped").arg(p.databaseError);
    } else if (p.databaseVersioned) {
        p.stampReason = QStringLiteral("the database already records %1 in its version table: nothing is stamped")
                            .arg(p.databaseHeads.join(QStringLiteral(", ")));
    } else if (!options.stampTarget.isEmpty()) {
        p.stampTarget = options.stampTarget;
        p.stampReason = p.schemaDifference.isEmpty()
                            ? QStringLiteral("stamping %1 (asked)").arg(options.stampTarget)
                            : QStringLiteral("stamping %1 (asked), although the database differs from the schema the new "
                                             "history builds at its heads")
                                  .arg(options.stampTarget);
    } else if (p.databaseTables.isEmpty()) {
        p.stampReason = QStringLiteral("the database has no tables: nothing is stamped (upgrade it instead)");
    } else if (p.schemaDifference.isEmpty()) {
        p.stampTarget = p.newHeads.size() == 1 ? p.newHeads.first() : QStringLiteral("heads");
        p.stampReason = QStringLiteral("the database's schema is exactly the one the new history builds at %1: stamping "
                                       "it records that without running anything")
                            .arg(heads);
    } else {
        p.stampReason = QStringLiteral("the database's schema differs from the one the new history builds at %1, so "
                                       "Retort proposes no stamp; name the revision it matches (--stamp REV) after "
                                       "checking the differences")
                            .arg(heads);
    }
    return p;
}

Result<BootstrapOutcome> Bootstrap::apply(const ProjectSnapshot& snapshot, const BootstrapProposal& p,
                                          const PythonCommand& python, const QString& liveUrl,
                                          const std::atomic_bool* cancel)
{
    if (p.relinks && !p.options.relink)
        return Error{QStringLiteral("bootstrap-relink-consent"),
                     QStringLiteral("%1's down_revision must point at the new revision %2 (%3: %4 -> %5)")
                         .arg(p.situation.firstRevision, p.revisionId, fileName(p.relinkPath), p.relinkBefore, p.relinkAfter),
                     QStringLiteral("Agree to the edit (--relink), or give the initial revision the missing id (--rev-id %1).")
                         .arg(p.situation.missingId),
                     p.relinkPath, p.relinkLine};
    if (QFileInfo::exists(p.destination))
        return Error{QStringLiteral("bootstrap-exists"), QStringLiteral("%1 already exists").arg(p.destination), {}, p.destination, 0};
    if (!p.relinkPath.isEmpty()) {
        const Result<QByteArray> now = readBytes(p.relinkPath);
        if (!now)
            return now.error();
        if (digestOf(*now) != p.firstFileDigest)
            return Error{QStringLiteral("bootstrap-changed"),
                         QStringLiteral("%1 changed since the review; nothing was written").arg(p.relinkPath),
                         QStringLiteral("Prepare the bootstrap again."), p.relinkPath, 0};
    }
    if (!QDir().mkpath(QFileInfo(p.destination).absolutePath()))
        return Error{QStringLiteral("bootstrap-write"), QStringLiteral("cannot create %1").arg(QFileInfo(p.destination).absolutePath()),
                     {}, p.destination, 0};
    if (const Status written = writeText(p.destination, p.fileText.toUtf8()); !written)
        return written.error();
    BootstrapOutcome outcome;
    outcome.writtenPath = p.destination;
    if (p.relinks) {
        if (const Status relinked = writeText(p.relinkPath, p.relinkedText.toUtf8()); !relinked) {
            QFile::remove(p.destination); // the history stays as it was
            return relinked.error();
        }
        outcome.relinked = true;
    }
    if (p.stampTarget.isEmpty() || liveUrl.isEmpty())
        return outcome;

    const ProjectConfig& config = snapshot.project.config;
    const Result<DatabaseUrl> url = resolvedUrl(ConnectionTarget{liveUrl, {}}, QFileInfo(config.configFile).absolutePath());
    if (!url) {
        outcome.stampError = url.error().message;
        return outcome;
    }
    BridgeRequest stamp;
    stamp.op = BridgeOp::Stamp;
    stamp.configFile = config.configFile;
    stamp.workingDirectory = QFileInfo(config.configFile).absolutePath();
    stamp.target = p.stampTarget;
    stamp.overrideUrl = url->toString();
    stamp.requireUrlMatch = true;
    stamp.timeoutMs = 600 * 1000;
    const BridgeRun run = AlembicBridge::run(python, stamp, cancel);
    if (!run.ok()) {
        outcome.stampError = run.error.message;
        return outcome;
    }
    outcome.stamped = p.stampTarget;
    // Never report what was assumed: read the version table again.
    const Result<std::unique_ptr<ScopedConnection>> opened = ScopedConnection::open(*url);
    if (!opened) {
        outcome.stampError = QStringLiteral("stamped, but the version table could not be read again: %1").arg(opened.error().message);
        return outcome;
    }
    const Result<VersionState> state = VersionTable::read(opened.value()->database(), config.effectiveVersionTable(), config.versionTableSchema);
    if (!state) {
        outcome.stampError = QStringLiteral("stamped, but the version table could not be read again: %1").arg(state.error().message);
        return outcome;
    }
    outcome.databaseHeads = state->revisions;
    return outcome;
}

} // namespace retort
