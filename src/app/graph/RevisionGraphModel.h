#pragma once

#include "core/lint/LintReport.h"
#include "core/workspace/ProjectLoader.h"

#include <QAbstractItemModel>
#include <QStringList>
#include <QVector>

#include <memory>

namespace retort::app {

// The revision graph as a flat item model, one row per revision in `alembic history` order
// (newest first), over a ProjectSnapshot plus the database's state. Column::Graph carries the
// lanes (LanesRole) that GraphDelegate paints; every column carries the applied/pending state,
// the current-revision marker, the search highlight and the run state as roles, so the delegate
// paints from role data only and works behind a QSortFilterProxyModel.
class RevisionGraphModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Column { Graph, Id, Message, Labels, Date, Count };

    enum Role {
        RevisionIdRole = Qt::UserRole + 1, // QString full id
        RevisionIndexRole,                 // int RevisionGraph index
        LanesRole,                         // LaneRow
        NodeKindRole,                      // int NodeKind flags
        AppliedStateRole,                  // int AppliedState
        CurrentRole,                       // bool: a row of alembic_version
        HighlightRole,                     // bool: an identifier in the search box would run it
        RunStateRole,                      // int RunState
        BranchLabelsRole,                  // QStringList: every label (declared + inherited)
        DeclaredLabelsRole,                // QStringList: labels declared by this revision
        MessageRole,                       // QString
        SearchTextRole,                    // QString: "id\nmessage" lower-case, for the filter
        LaneCountRole,                     // int: widest row (same for every row)
        ReviewSeverityRole,                // int Severity of the worst finding of its pending step; -1: none
        ReviewCountRole,                   // int: findings of that severity in its pending step
    };
    Q_ENUM(Role)

    enum NodeKind {
        Normal = 0x00,
        Head = 0x01,
        Base = 0x02,
        BranchPoint = 0x04,
        Merge = 0x08,
        HasDependencies = 0x10,
        HasProblems = 0x20,
    };

    enum class AppliedState { Unknown, Applied, Pending };
    enum class RunState { None, Queued, Running, Done, Failed };

    explicit RevisionGraphModel(QObject* parent = nullptr);

    void setSnapshot(std::shared_ptr<const ProjectSnapshot> snapshot);
    [[nodiscard]] const ProjectSnapshot* snapshot() const { return m_snapshot.get(); }
    [[nodiscard]] const RevisionGraph* graph() const { return m_snapshot ? &m_snapshot->graph : nullptr; }

    // The database's alembic_version rows; `known` = false when there is no database state
    // (no connection): rows are then neither applied nor pending.
    void setDatabaseHeads(const QStringList& heads, bool known);
    [[nodiscard]] QStringList databaseHeads() const { return m_currentIds; }
    [[nodiscard]] bool databaseKnown() const { return m_dbKnown; }
    // Revisions the database does not hold yet (0 when its state is unknown).
    [[nodiscard]] int pendingCount() const { return m_pending; }
    // Ids in alembic_version that the project does not define.
    [[nodiscard]] QStringList unknownDatabaseHeads() const { return m_unknownIds; }

    void setHighlighted(const QVector<int>& revisions);
    [[nodiscard]] QVector<int> highlighted() const { return m_highlightList; }
    void setRunState(int revision, RunState state);
    void clearRunStates();
    // The safety review of the pending plan: rows whose step has findings get a badge (null clears).
    void setReview(const lint::LintReport* report);

    [[nodiscard]] int rowOfRevision(int revision) const;
    [[nodiscard]] int revisionAtRow(int row) const;
    [[nodiscard]] QModelIndex indexOfRevision(int revision, Column column = Column::Id) const;
    [[nodiscard]] QModelIndex indexOfRevisionId(const QString& id) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

    // The first `length` characters of an id, as the Id column shows it.
    static QString shortId(const QString& id, int length = 12);

private:
    void emitAllChanged(const QList<int>& roles);

    std::shared_ptr<const ProjectSnapshot> m_snapshot;
    QStringList m_currentIds;
    QStringList m_unknownIds;
    QVector<char> m_current;   // per graph index
    QVector<char> m_applied;   // per graph index
    QVector<char> m_highlight; // per graph index
    QVector<int> m_highlightList;
    QVector<char> m_runState;  // per graph index (RunState)
    QVector<signed char> m_reviewSeverity; // per graph index: worst finding's Severity, -1 none
    QVector<int> m_reviewCounts;           // per graph index: findings per severity (3 ints each)
    bool m_dbKnown = false;
    int m_pending = 0;
};

} // namespace retort::app
