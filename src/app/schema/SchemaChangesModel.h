#pragma once

#include "core/timemachine/SchemaDiff.h"

#include <QAbstractItemModel>
#include <QColor>

namespace retort::app {

// A SchemaDiff as a tree: tables, views and enum types that were added, removed or changed, and
// under a changed table its columns, keys, indexes and constraints (an added or removed table lists
// its columns and indexes). Columns: the object ("+ column email"), the kind of change, what it is
// or what differs. Change kinds are coloured (added green, removed red, changed amber; lighter on
// a dark palette) and also spelled with +, − and ~, so colour is never the only sign.
class SchemaChangesModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Column { Object, Change, Details, Count };
    enum Role { ChangeKindRole = Qt::UserRole + 1, ObjectTypeRole };

    explicit SchemaChangesModel(QObject* parent = nullptr);

    void setDiff(const SchemaDiff& diff);
    void clear();
    // Colours for the palette the view uses (dark or light).
    void setDarkPalette(bool dark);

    [[nodiscard]] static QColor colorFor(ChangeKind kind, bool dark);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        ChangeKind kind = ChangeKind::Changed;
        QString type;      // translated: "table", "column", "index", ...
        QString typeKey;   // "table", "column", ... (ObjectTypeRole)
        QString name;
        QString details;
        QString tooltip;
        int parent = -1;   // index into m_nodes of the parent row (-1 = top level)
        QVector<int> children;
    };
    [[nodiscard]] const Node* node(const QModelIndex& index) const;
    int addNode(Node node);
    [[nodiscard]] QString memberTypeName(MemberChange::Type type) const;

    QVector<Node> m_nodes;
    QVector<int> m_top;
    bool m_dark = false;
};

} // namespace retort::app
