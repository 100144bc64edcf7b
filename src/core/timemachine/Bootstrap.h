#pragma once

// Bootstrapping a history for a database that was built without one (metadata.create_all()):
// the guided flow behind the window's Revision > Bootstrap History... and `retort-cli bootstrap`.
//
// Two situations:
//  - no revisions at all: the initial revision creates the models' schema;
//  - the history starts at a revision whose down_revision no file defines (the initial migration
//    was never generated, or deleted): Alembic refuses every command until it is fixed. The
//    initial revision must create the schema that revision starts from, not the models' schema.
//
// prepare() computes everything on scratch databases and a private copy of the revision files,
// and writes nothing into the project or the user's database:
//   1. the project's Alembic creates the models (env.py's target_metadata, create_all) on a
//      scratch database, stamps the copy's heads and downgrades to base: what is left is the
//      schema before the first revision; it is rendered as the initial revision's code through
//      autogenerate's comparison with an empty database and the project's script.py.mako;
//   2. the new history (the initial revision, the first revision's down_revision pointed at it)
//      is verified: a fresh scratch database upgraded to its heads is compared with the models
//      (compare_metadata, as `alembic check`);
//   3. the user's database is read: when its schema is exactly the one the new history builds at
//      its heads, the stamp target is the heads; otherwise the differences are shown and no
//      target is proposed (the user may name one).
// apply() then writes the reviewed file, points the first revision at it (only with consent:
// BootstrapOptions::relink) and stamps, and re-reads the database to say what it holds.

#include "core/common/Error.h"
#include "core/exec/PythonLocator.h"
#include "core/exec/SchemaChange.h"
#include "core/timemachine/ScratchDatabase.h"
#include "core/workspace/ProjectLoader.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <functional>
#include <optional>

namespace retort {

struct BootstrapSituation
{
    enum class Kind { None, NoHistory, MissingFirstRevision };
    Kind kind = Kind::None;
    QString firstRevision;     // MissingFirstRevision: the revision the history starts at
    QString firstPath;         // its file
    int downRevisionLine = 0;  // the line of its down_revision
    QString missingId;         // the down_revision no file defines
    QString summary;           // one sentence for the user
    std::optional<Error> blocker; // why the flow cannot help here (other graph problems, ...)

    [[nodiscard]] bool applicable() const { return kind != Kind::None && !blocker; }
};

struct BootstrapOptions
{
    QString message = QStringLiteral("initial schema");
    QString revisionId;  // "" = a new id like Alembic's; the missing id itself needs no relink
    QString versionPath; // "" = the project's first version location
    bool relink = false; // consent: point the first revision's down_revision at the new revision
    // "" = the comparison decides (the heads when the database's schema is exactly theirs);
    // "none" = do not stamp; otherwise a revision (resolved by Alembic when stamping).
    QString stampTarget;
};

struct BootstrapProposal
{
    BootstrapSituation situation;
    BootstrapOptions options;
    QString revisionId;
    QString message;
    QString destination;  // the absolute path the initial revision is written to
    QString fileText;     // the file, as the project's script.py.mako rendered it
    QString upgradeCode;
    QString downgradeCode;
    QVector<SchemaChange> changes; // what the initial revision creates
    QStringList modelTables;       // the models' tables
    QStringList initialTables;     // the tables the initial revision creates

    // The first revision's down_revision, pointed at the initial revision (MissingFirstRevision
    // with a new id).
    bool relinks = false;
    QString relinkPath;
    int relinkLine = 0;
    QString relinkBefore;      // the line as it is
    QString relinkAfter;       // the line as it will be
    QString relinkedText;      // the whole file after the edit
    QByteArray firstFileDigest; // the file as reviewed (apply refuses when it changed)

    // PostgreSQL schemas the models (or the version table) live in: the history does not create
    // them, so a fresh database needs them before `alembic upgrade` (the verification creates them).
    QStringList requiredSchemas;
    // Verification: a fresh scratch database upgraded to the new heads vs the models.
    QStringList newHeads;
    QVector<SchemaChange> verifyDrift; // empty: the new history builds exactly the models
    QString scratchDescription;

    // The user's database.
    QString databaseUrl;        // redacted; "" when no database was given
    QString databaseError;      // it could not be read
    bool databaseVersioned = false;
    QStringList databaseHeads;  // its alembic_version rows
    QStringList databaseTables;
    QString schemaDifference;   // the database vs the new heads ("" = identical)
    QString stampTarget;        // "" = no stamp
    QString stampReason;        // why this target, or why none

    // What a person would run for the same result ("retort-cli bootstrap --rev-id ... --yes").
    [[nodiscard]] QString commandLine() const;
};

struct BootstrapOutcome
{
    QString writtenPath;
    bool relinked = false;
    QString stamped;            // the target stamped ("" = none)
    QStringList databaseHeads;  // alembic_version read again after the stamp
    QString stampError;         // the files are written but the stamp failed
};

using BootstrapProgress = std::function<void(const QString&)>;

class Bootstrap
{
public:
    // Which situation the project is in (static: no Python, no database).
    static BootstrapSituation analyse(const ProjectSnapshot& snapshot);

    // Steps 1-3 (see the file comment). `scratch`: where the scratch databases go (the project's
    // dialect). `liveUrl`: the user's database with its password ("" = none: no stamp). Error
    // codes: "bootstrap-not-needed", "bootstrap-blocked", "bootstrap-rev-id", "bootstrap-exists",
    // "bootstrap-remote", the scratch database's and the bridge's.
    static Result<BootstrapProposal> prepare(const ProjectSnapshot& snapshot, const PythonCommand& python,
                                             const BootstrapOptions& options, const ScratchRequest& scratch,
                                             const QString& liveUrl, const std::atomic_bool* cancel = nullptr,
                                             const BootstrapProgress& progress = {});

    // Writes what `proposal` shows and stamps. Error codes: "bootstrap-relink-consent" (the first
    // revision must be relinked and options.relink is false), "bootstrap-changed" (the first
    // revision's file changed since the review), "bootstrap-exists", "bootstrap-write".
    static Result<BootstrapOutcome> apply(const ProjectSnapshot& snapshot, const BootstrapProposal& proposal,
                                          const PythonCommand& python, const QString& liveUrl,
                                          const std::atomic_bool* cancel = nullptr);

    // `text` with the down_revision assignment on `line` (1-based) pointing at `parent` ("" =
    // None) instead of `missingId`, and the docstring's "Revises:" line with it. Only a literal
    // 'id' / "id" / ('id',) value is rewritten ("bootstrap-relink" otherwise).
    static Result<QString> relinkedText(const QString& text, int line, const QString& missingId, const QString& parent);
};

} // namespace retort
