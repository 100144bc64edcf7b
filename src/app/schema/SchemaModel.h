#pragma once

#include "core/db/SchemaInspector.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QIcon>
#include <QSortFilterProxyModel>
#include <QVector>

namespace retort::app {

// The database's structure as a tree over a core SchemaSnapshot:
//   schema → table / view → "Columns", "Keys", "Indexes" → column / key / index.
// Columns: name, details (type, nullability, default; key and index definitions), rows
// (right-aligned, thousands separators, "≈" for an estimate from statistics, the exact count
// once counted). No widget items: every node is an index into the snapshot.
class SchemaModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Column { Name, Details, Rows, Count };
    enum class NodeKind {
        Schema,
        Table,
        View,
        MaterializedView,
        ColumnsFolder,
        KeysFolder,
        IndexesFolder,
        TableColumn,
        PrimaryKeyColumn,
        PrimaryKey,
        ForeignKey,
        UniqueConstraint,
        CheckConstraint,
        Index,
    };
    Q_ENUM(NodeKind)
    enum Role {
        KindRole = Qt::UserRole + 1, // NodeKind as int
        SchemaNameRole, // the schema the node belongs to
        TableNameRole, // the table the node belongs to ("" for a schema)
        RowCountRole, // qint64: exact count if counted, else estimate, -1 unknown
        RowCountIsExactRole, // bool
        SortRole, // what the proxy sorts by (name text or the row count)
    };

    explicit SchemaModel(QObject* parent = nullptr);
    ~SchemaModel() override;

    // Replaces everything (model reset).
    void setSnapshot(SchemaSnapshot snapshot);
    void clear();
    [[nodiscard]] const SchemaSnapshot& snapshot() const { return m_snapshot; }
    [[nodiscard]] bool isEmpty() const { return m_snapshot.tables.isEmpty() && m_snapshot.schemas.isEmpty(); }

    // Records an exact row count (dataChanged on that table's Rows cell). False when the table
    // is not in the snapshot.
    bool setExactCount(const QString& schema, const QString& table, qint64 rows);
    // Drops exact counts (after a migration run changed the data, before the refresh arrives).
    void clearExactCounts();

    // The index of a schema or table node (column 0), invalid when absent.
    [[nodiscard]] QModelIndex schemaIndex(const QString& schema) const;
    [[nodiscard]] QModelIndex tableIndex(const QString& schema, const QString& table) const;
    // The row-count text as shown: "1,234", "≈ 1,200", "" when unknown.
    [[nodiscard]] static QString formatRowCount(qint64 rows, bool exact, const QLocale& locale = QLocale());
    [[nodiscard]] static QIcon iconFor(NodeKind kind);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Node
    {
        NodeKind kind = NodeKind::Schema;
        int parent = -1; // node id, -1 for top-level schemas
        int row = 0; // row under its parent
        int table = -1; // index into m_snapshot.tables
        int item = -1; // column / key / index number inside the table (meaning depends on kind)
        int schema = -1; // index into m_snapshot.schemas
        QVector<int> children;
    };

    int addNode(Node node);
    void build();
    [[nodiscard]] const Node* nodeOf(const QModelIndex& index) const;
    [[nodiscard]] QString nameOf(const Node& node) const;
    [[nodiscard]] QString detailsOf(const Node& node) const;
    [[nodiscard]] QString toolTipOf(const Node& node) const;

    SchemaSnapshot m_snapshot;
    QVector<Node> m_nodes;
    QVector<int> m_roots; // schema node ids
    QVector<int> m_tableNodes; // table index -> node id
};

// The schema browser's proxy: a case-insensitive filter on names that keeps the ancestors of a
// match (recursive) and the children of a matching table (autoAcceptChildRows), and sorting that
// only reorders tables (by name or row count); columns keep their ordinal order.
class SchemaFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SchemaFilterModel(QObject* parent = nullptr);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
};

} // namespace retort::app
