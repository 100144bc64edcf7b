#pragma once

#include "core/common/Error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace retort {

// A module-level value the static parser could not read as a literal
// (e.g. `branch_labels = (cli.EXPAND_BRANCH,)`): recorded, never guessed.
struct UnresolvedValue
{
    QString name;       // "revision", "down_revision", "branch_labels" or "depends_on"
    QString expression; // the source text of the value, trimmed
    int line = 0;       // 1-based
    // `expression` is the whole value (`name = <expression>`, also chained or annotated), so it
    // can be evaluated again with more knowledge (retort-cli --define). False for one target of a
    // tuple unpacking, an augmented assignment, or an assignment inside a module-level block.
    bool whole = true;
};

// What one revision file says, read statically (no Python). Produced by RevisionFileParser.
struct RevisionFile
{
    QString path;     // absolute path
    QString fileName; // base name, e.g. "2022_02_19_205543_ae1027a6acf_add_users.py"

    QString revision;            // empty when the file defines none (see problems)
    QStringList downRevisions;   // empty: a base; two or more: a merge
    QStringList branchLabels;    // as declared in this file (not inherited)
    QStringList dependsOn;       // ids or labels, as declared
    QString docstring;           // the module docstring, stripped ("" when __doc__ would be None);
                                 // a \N{NAME} escape in it is kept verbatim (no Unicode name table)
    QString message;             // Alembic's `Script.doc`: first paragraph of the stripped docstring
    QString createDate;          // the "Create Date:" line of the docstring, verbatim ("" when absent)
    QStringList revisesHeader;   // ids on the docstring's "Revises:" line (may be stale)
    bool hasRevisesHeader = false;

    int revisionLine = 0;        // 1-based line of each assignment (0 when absent)
    int downRevisionLine = 0;
    int branchLabelsLine = 0;
    int dependsOnLine = 0;
    bool hasDownRevision = false; // Alembic requires the name to exist (None is fine)
    // `depends_on = ""` (or ("",)): names nothing, yet Alembic's Revision.dependencies is "" rather
    // than None, so the revision is not a "real" base (down_revision = "" is simply a base).
    bool emptyDependsOn = false;
    // `down_revision = ""` (the empty string itself, not a tuple): a base for Alembic 1.8.1
    // (downRevisions stays empty), a reference to a revision "" for later versions (GraphBuilder).
    bool emptyDownRevision = false;
    // Alembic 1.8.1 takes `module.upgrade` / `module.downgrade` for every step of a plan before it
    // runs any: a file without the function fails the whole command with AttributeError. True only
    // when the file certainly binds no such name at module level.
    bool lacksUpgrade = false;
    bool lacksDowngrade = false;

    QList<UnresolvedValue> unresolved; // non-literal values
    QList<Error> problems;             // syntax errors, encoding errors, missing `revision`, ...

    // True when the file can take part in the graph: it has a literal revision id.
    [[nodiscard]] bool isUsable() const { return !revision.isEmpty(); }
};

} // namespace retort
