#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace retort {

// One revision of an Alembic project, as Alembic's RevisionMap sees it (alembic/script/revision.py,
// class Revision). Indexes refer to RevisionGraph::at(); -1 never appears in the index vectors
// (references that could not be resolved are only in the string lists and in problemCodes).
struct Revision
{
    QString id;
    QStringList downRevisions;   // `down_revision` as declared (empty: a base; 2+: a merge)
    QStringList dependsOn;       // `depends_on` as declared (ids or branch labels)
    QStringList branchLabels;    // `branch_labels` as declared in this file
    QStringList allBranchLabels; // declared + inherited along the branch (Alembic's Revision.branch_labels
                                 // after _add_branches), sorted
    QString message;             // first paragraph of the docstring (Alembic's Script.doc)
    QString docstring;
    QString createDate;
    QString path;                // absolute path of the file
    int line = 0;                // line of the `revision = ...` assignment (0 when unknown)
    int index = -1;              // position in RevisionGraph (= Alembic's revision-map order)

    QVector<int> parents;      // resolved down revisions, declared order (Alembic: _versioned_down_revisions)
    QVector<int> children;     // revisions whose down_revision names this one (Alembic: nextrev), graph order
    QVector<int> dependencies; // resolved depends_on, declared order, deduplicated (_resolved_dependencies)
    QVector<int> dependents;   // revisions whose depends_on resolves to this one, graph order

    // Alembic's _normalized_down_revisions: parents followed by the dependencies that are not
    // already dependencies of an ancestor. These are the edges every walk (history, upgrade,
    // downgrade) follows. `normalizedChildren` is the reverse relation, graph order.
    QVector<int> normalizedDown;
    QVector<int> normalizedChildren;

    bool isHead = false;          // no revision names it as down_revision (Alembic: is_head)
    bool isBase = false;          // down_revision is None (Alembic: is_base)
    bool isBranchPoint = false;   // 2+ children (Alembic: is_branch_point)
    bool isMergePoint = false;    // 2+ down revisions (Alembic: is_merge_point)
    bool isRealHead = false;      // no children and no dependents (Alembic: _is_real_head)
    bool isRealBase = false;      // a base without depends_on (Alembic: _is_real_base)
    bool isRealBranchPoint = false; // 2+ children or dependents (Alembic: _is_real_branch_point)

    // From the file (see RevisionFile): no module-level upgrade()/downgrade() (a plan through the
    // revision in that direction fails in Alembic), `depends_on = ""` (not a real base).
    bool lacksUpgrade = false;
    bool lacksDowngrade = false;
    bool emptyDependsOn = false;

    // Codes of the GraphProblems that touch this revision (Lenient mode), e.g. "missing-revision".
    QStringList problemCodes;
};

} // namespace retort
