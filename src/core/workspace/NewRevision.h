#pragma once

// `alembic revision` for both front ends (the window's New Revision dialog and `retort-cli
// revision`): the options, what Retort checks before Python starts, the equivalent command a
// person would type, and the bridge request. The file itself is always written by the project's
// own Alembic (command.revision, its script.py.mako, file_template and post-write hooks).

#include "core/common/Error.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"
#include "core/workspace/ProjectLoader.h"

#include <QString>
#include <QStringList>

namespace retort {

struct NewRevisionOptions
{
    QString message;          // -m ("" = Alembic's "empty message")
    bool autogenerate = false;
    QString head;             // --head: the parent ("" = Alembic's "head"; "base" starts a new root)
    bool splice = false;      // --splice: the parent need not be a head (a new branch)
    QString branchLabel;      // --branch-label
    QStringList dependsOn;    // --depends-on, each a revision or a branch label
    QString revisionId;       // --rev-id ("" = Alembic generates one)
    QString versionPath;      // --version-path (absolute, or relative to the project's folder)

    // What a person would type for the same revision, run in the project's folder:
    // alembic revision -m "add users" --autogenerate --head abc1 --branch-label shop ...
    [[nodiscard]] QString commandLine(const QString& projectDir = {}) const;
};

class NewRevision
{
public:
    // Checks what Retort can tell before Python starts, against the loaded project, with
    // Alembic's wording where Alembic has one:
    //  - rev id: letters, digits and '_' only (it becomes part of the file name and a Python
    //    string in the file: no path separators, quotes or spaces), at most 32 characters
    //    (alembic_version.version_num is VARCHAR(32)), not the id of an existing revision;
    //  - branch label: no '@', ':', '+', quotes, spaces or path separators; not a label in use;
    //  - message: no `"""` (Alembic puts it into the file's docstring unescaped);
    //  - head and depends_on: identifiers the project resolves (Alembic's "Can't locate ...");
    //  - version path: one of the project's version locations (Alembic's "Path ... is not
    //    represented in current version locations").
    // Alembic itself decides the rest (a parent that is not a head without --splice, several
    // heads without --head, several version locations without --version-path).
    static Status validate(const NewRevisionOptions& options, const ProjectSnapshot& snapshot);

    // The bridge request for `options` (message, parent, ... and the version path made absolute).
    // `overrideUrl`: the database autogenerate compares with (env.py must connect there:
    // requireUrlMatch); "" keeps env.py's own.
    static BridgeRequest bridgeRequest(const NewRevisionOptions& options, const ProjectSnapshot& snapshot,
                                       const PythonCommand& python, const QString& overrideUrl);

    // The writing run after a review the user accepted: Alembic refuses to write when the
    // comparison no longer finds the reviewed changes (the fingerprint), and the id shown in the
    // review is the id written (unless --rev-id was given or env.py's hook picks its own).
    static void acceptReview(BridgeRequest& request, const AutogenerateReview& review);

    // The drift check's request (`alembic check` through compare_metadata) for the project:
    // the database env.py connects to, or `overrideUrl` (env.py must then connect there).
    static BridgeRequest checkRequest(const ProjectSnapshot& snapshot, const PythonCommand& python, const QString& overrideUrl);

    // The absolute version location `path` names (relative to the project folder), "" when none.
    static QString versionLocation(const QString& path, const ProjectSnapshot& snapshot);
};

} // namespace retort
