#include "app/schema/SchemaModel.h"

#include <QApplication>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

namespace retort::app {

namespace {

using Kind = SchemaModel::NodeKind;

// 16×16 glyphs, one per kind of node (drawn here so the widget needs no icon files).
QByteArray svgFor(Kind kind)
{
    switch (kind) {
    case Kind::Schema:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><g fill="#5e81ac" stroke="#3b5a85" stroke-width="0.8">
<path d="M2.5 3.5v9c0 1.1 2.46 2 5.5 2s5.5-.9 5.5-2v-9"/><ellipse cx="8" cy="3.5" rx="5.5" ry="2"/></g>
<path d="M2.5 6.6c0 1.1 2.46 2 5.5 2s5.5-.9 5.5-2M2.5 9.6c0 1.1 2.46 2 5.5 2s5.5-.9 5.5-2" fill="none" stroke="#d8e2f0" stroke-width="0.8"/></svg>)";
    case Kind::Table:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1.5" y="2.5" width="13" height="11" rx="1" fill="#fff" stroke="#1c71d8"/>
<rect x="1.5" y="2.5" width="13" height="3" rx="1" fill="#3584e4" stroke="#1c71d8"/><path d="M1.5 9.5h13M6 5.5v8M10.5 5.5v8" stroke="#1c71d8" stroke-width="0.8"/></svg>)";
    case Kind::View:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1.5" y="2.5" width="13" height="11" rx="1" fill="#fff" stroke="#813d9c" stroke-dasharray="2 1"/>
<path d="M3.2 8s1.9-3 4.8-3 4.8 3 4.8 3-1.9 3-4.8 3-4.8-3-4.8-3z" fill="#dcc7e8" stroke="#813d9c" stroke-width="0.8"/><circle cx="8" cy="8" r="1.4" fill="#813d9c"/></svg>)";
    case Kind::MaterializedView:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1.5" y="2.5" width="13" height="11" rx="1" fill="#f3ecf7" stroke="#813d9c"/>
<rect x="1.5" y="2.5" width="13" height="3" rx="1" fill="#9141ac" stroke="#813d9c"/><circle cx="8" cy="9.5" r="2.2" fill="none" stroke="#813d9c"/><circle cx="8" cy="9.5" r="0.9" fill="#813d9c"/></svg>)";
    case Kind::ColumnsFolder:
    case Kind::KeysFolder:
    case Kind::IndexesFolder:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M1.5 4v8.5a1 1 0 0 0 1 1h11a1 1 0 0 0 1-1V5.5a1 1 0 0 0-1-1H7.5L6 3H2.5a1 1 0 0 0-1 1z" fill="#c0bfbc" stroke="#9a9996"/></svg>)";
    case Kind::TableColumn:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="5" y="1.5" width="6" height="13" rx="1" fill="#e8f2fc" stroke="#62a0ea"/>
<path d="M5 5.5h6M5 9h6M5 12h6" stroke="#62a0ea" stroke-width="0.8"/></svg>)";
    case Kind::PrimaryKeyColumn:
    case Kind::PrimaryKey:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="5" cy="8" r="3.2" fill="#f6d32d" stroke="#b58300"/><circle cx="4.6" cy="8" r="1" fill="#fff"/>
<path d="M8 7h6.5v2H13v2h-1.8V9H8z" fill="#f6d32d" stroke="#b58300" stroke-width="0.8" stroke-linejoin="round"/></svg>)";
    case Kind::ForeignKey:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="4" cy="8" r="2.5" fill="#ffbe6f" stroke="#c64600"/>
<path d="M6.5 8h6.5M10.5 5.2 13.5 8l-3 2.8" fill="none" stroke="#c64600" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/></svg>)";
    case Kind::UniqueConstraint:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 1.8 14.2 8 8 14.2 1.8 8z" fill="#8ff0a4" stroke="#26a269"/><circle cx="8" cy="8" r="1.6" fill="#26a269"/></svg>)";
    case Kind::CheckConstraint:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="2" y="2" width="12" height="12" rx="2.5" fill="#e1f5e7" stroke="#26a269"/>
<path d="M4.8 8.2 7 10.4l4.3-4.6" fill="none" stroke="#26a269" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg>)";
    case Kind::Index:
        return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M2 3.5h7M2 6.5h5M2 9.5h3.5M2 12.5h2" stroke="#613583" stroke-width="1.4" stroke-linecap="round"/>
<path d="M12 2.5v10M9.8 10.4 12 12.8l2.2-2.4" fill="none" stroke="#613583" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round"/></svg>)";
    }
    return {};
}

QIcon renderIcon(Kind kind)
{
    QSvgRenderer renderer(svgFor(kind));
    QIcon icon;
    for (const int size : { 16, 32, 48 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

Kind tableKind(TableKind kind)
{
    switch (kind) {
    case TableKind::View:
        return Kind::View;
    case TableKind::MaterializedView:
        return Kind::MaterializedView;
    default:
        return Kind::Table;
    }
}

bool isTableNode(Kind kind)
{
    return kind == Kind::Table || kind == Kind::View || kind == Kind::MaterializedView;
}

bool isFolder(Kind kind)
{
    return kind == Kind::ColumnsFolder || kind == Kind::KeysFolder || kind == Kind::IndexesFolder;
}

QString joined(const QStringList& names)
{
    return names.join(QStringLiteral(", "));
}

} // namespace

SchemaModel::SchemaModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

SchemaModel::~SchemaModel() = default;

QIcon SchemaModel::iconFor(NodeKind kind)
{
    static QHash<int, QIcon> cache; // GUI thread only
    auto it = cache.find(int(kind));
    if (it == cache.end())
        it = cache.insert(int(kind), renderIcon(kind));
    return *it;
}

QString SchemaModel::formatRowCount(qint64 rows, bool exact, const QLocale& locale)
{
    if (rows < 0)
        return {};
    const QString number = locale.toString(rows);
    return exact ? number : QStringLiteral("≈ ") + number;
}

void SchemaModel::setSnapshot(SchemaSnapshot snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    build();
    endResetModel();
}

void SchemaModel::clear()
{
    setSnapshot({});
}

int SchemaModel::addNode(Node node)
{
    const int id = int(m_nodes.size());
    if (node.parent >= 0) {
        node.row = int(m_nodes[node.parent].children.size());
        m_nodes[node.parent].children.append(id);
    } else {
        node.row = int(m_roots.size());
        m_roots.append(id);
    }
    m_nodes.append(std::move(node));
    return id;
}

void SchemaModel::build()
{
    m_nodes.clear();
    m_roots.clear();
    m_tableNodes = QVector<int>(m_snapshot.tables.size(), -1);

    // Schemas: the snapshot's list plus any schema a table names that the list lacks.
    QStringList schemas = m_snapshot.schemas;
    for (const TableInfo& t : std::as_const(m_snapshot.tables))
        if (!schemas.contains(t.schema))
            schemas << t.schema;
    m_snapshot.schemas = schemas;
    QHash<QString, int> schemaNodes;
    for (int s = 0; s < schemas.size(); ++s) {
        Node node;
        node.kind = Kind::Schema;
        node.schema = s;
        schemaNodes.insert(schemas[s], addNode(node));
    }

    for (int t = 0; t < m_snapshot.tables.size(); ++t) {
        const TableInfo& table = m_snapshot.tables[t];
        Node tableNode;
        tableNode.kind = tableKind(table.kind);
        tableNode.parent = schemaNodes.value(table.schema);
        tableNode.table = t;
        tableNode.schema = m_nodes[tableNode.parent].schema;
        const int tableId = addNode(tableNode);
        m_tableNodes[t] = tableId;

        const auto folder = [&](Kind kind) {
            Node f;
            f.kind = kind;
            f.parent = tableId;
            f.table = t;
            f.schema = tableNode.schema;
            return addNode(f);
        };
        const auto leaf = [&](int parentId, Kind kind, int item) {
            Node n;
            n.kind = kind;
            n.parent = parentId;
            n.table = t;
            n.item = item;
            n.schema = tableNode.schema;
            addNode(n);
        };

        if (!table.columns.isEmpty()) {
            const int columns = folder(Kind::ColumnsFolder);
            for (int c = 0; c < table.columns.size(); ++c)
                leaf(columns, table.columns[c].primaryKey ? Kind::PrimaryKeyColumn : Kind::TableColumn, c);
        }
        const bool hasKeys = !table.primaryKey.columns.isEmpty() || !table.foreignKeys.isEmpty()
            || !table.uniqueConstraints.isEmpty() || !table.checkConstraints.isEmpty();
        if (hasKeys) {
            // Items: 0 = primary key; then foreign keys, unique constraints, checks (item numbers
            // continue across the groups so one int identifies the key).
            const int keys = folder(Kind::KeysFolder);
            if (!table.primaryKey.columns.isEmpty())
                leaf(keys, Kind::PrimaryKey, 0);
            for (int k = 0; k < table.foreignKeys.size(); ++k)
                leaf(keys, Kind::ForeignKey, k);
            for (int k = 0; k < table.uniqueConstraints.size(); ++k)
                leaf(keys, Kind::UniqueConstraint, k);
            for (int k = 0; k < table.checkConstraints.size(); ++k)
                leaf(keys, Kind::CheckConstraint, k);
        }
        if (!table.indexes.isEmpty()) {
            const int indexes = folder(Kind::IndexesFolder);
            for (int i = 0; i < table.indexes.size(); ++i)
                leaf(indexes, Kind::Index, i);
        }
    }
}

const SchemaModel::Node* SchemaModel::nodeOf(const QModelIndex& index) const
{
    if (!index.isValid())
        return nullptr;
    const auto id = qsizetype(index.internalId());
    return id >= 0 && id < m_nodes.size() ? &m_nodes[id] : nullptr;
}

QModelIndex SchemaModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= int(Column::Count) || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_roots.size() ? createIndex(row, column, quintptr(m_roots[row])) : QModelIndex();
    if (parent.column() != 0)
        return {};
    const Node* p = nodeOf(parent);
    if (!p || row >= p->children.size())
        return {};
    return createIndex(row, column, quintptr(p->children[row]));
}

QModelIndex SchemaModel::parent(const QModelIndex& child) const
{
    const Node* node = nodeOf(child);
    if (!node || node->parent < 0)
        return {};
    const Node& p = m_nodes[node->parent];
    return createIndex(p.row, 0, quintptr(node->parent));
}

int SchemaModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    const Node* node = nodeOf(parent);
    return node ? int(node->children.size()) : 0;
}

int SchemaModel::columnCount(const QModelIndex&) const
{
    return int(Column::Count);
}

Qt::ItemFlags SchemaModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (const Node* node = nodeOf(index); node && node->children.isEmpty())
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QString SchemaModel::nameOf(const Node& node) const
{
    const TableInfo* table = node.table >= 0 ? &m_snapshot.tables[node.table] : nullptr;
    switch (node.kind) {
    case Kind::Schema:
        return m_snapshot.schemas.value(node.schema);
    case Kind::Table:
    case Kind::View:
    case Kind::MaterializedView:
        return table->name;
    case Kind::ColumnsFolder:
        return tr("Columns");
    case Kind::KeysFolder:
        return tr("Keys");
    case Kind::IndexesFolder:
        return tr("Indexes");
    case Kind::TableColumn:
    case Kind::PrimaryKeyColumn:
        return table->columns[node.item].name;
    case Kind::PrimaryKey:
        return table->primaryKey.name.isEmpty() ? tr("primary key") : table->primaryKey.name;
    case Kind::ForeignKey: {
        const ForeignKeyInfo& fk = table->foreignKeys[node.item];
        return fk.name.isEmpty() ? tr("foreign key (%1)").arg(joined(fk.columns)) : fk.name;
    }
    case Kind::UniqueConstraint: {
        const KeyConstraint& u = table->uniqueConstraints[node.item];
        return u.name.isEmpty() ? tr("unique (%1)").arg(joined(u.columns)) : u.name;
    }
    case Kind::CheckConstraint: {
        const CheckConstraintInfo& c = table->checkConstraints[node.item];
        return c.name.isEmpty() ? tr("check") : c.name;
    }
    case Kind::Index:
        return table->indexes[node.item].name;
    }
    return {};
}

QString SchemaModel::detailsOf(const Node& node) const
{
    const TableInfo* table = node.table >= 0 ? &m_snapshot.tables[node.table] : nullptr;
    switch (node.kind) {
    case Kind::Schema: {
        int tables = 0;
        int views = 0;
        for (const TableInfo& t : m_snapshot.tables) {
            if (t.schema != m_snapshot.schemas.value(node.schema))
                continue;
            (t.isView() ? views : tables) += 1;
        }
        QStringList parts;
        if (tables == 0 && views == 0)
            parts << tr("empty");
        if (tables > 0)
            parts << tr("%n table(s)", nullptr, tables);
        if (views > 0)
            parts << tr("%n view(s)", nullptr, views);
        QString text = parts.join(QStringLiteral(", "));
        if (node.schema >= 0 && m_snapshot.schemas.value(node.schema) == m_snapshot.defaultSchema)
            text += QStringLiteral(" · ") + tr("default");
        return text;
    }
    case Kind::Table:
        return table->kind == TableKind::PartitionedTable ? tr("partitioned table")
            : table->kind == TableKind::ForeignTable      ? tr("foreign table")
                                                          : tr("%n column(s)", nullptr, int(table->columns.size()));
    case Kind::View:
        return tr("view");
    case Kind::MaterializedView:
        return tr("materialized view");
    case Kind::ColumnsFolder:
        return QString::number(table->columns.size());
    case Kind::KeysFolder: {
        const int count = (table->primaryKey.columns.isEmpty() ? 0 : 1) + int(table->foreignKeys.size())
            + int(table->uniqueConstraints.size()) + int(table->checkConstraints.size());
        return QString::number(count);
    }
    case Kind::IndexesFolder:
        return QString::number(table->indexes.size());
    case Kind::TableColumn:
    case Kind::PrimaryKeyColumn: {
        const ColumnInfo& c = table->columns[node.item];
        QString text = c.type;
        if (!c.nullable)
            text += QStringLiteral(" NOT NULL");
        if (!c.defaultValue.isEmpty())
            text += QStringLiteral(" = ") + c.defaultValue;
        return text;
    }
    case Kind::PrimaryKey:
        return tr("primary key (%1)").arg(joined(table->primaryKey.columns));
    case Kind::ForeignKey: {
        const ForeignKeyInfo& fk = table->foreignKeys[node.item];
        const QString target = fk.referredSchema.isEmpty() || fk.referredSchema == table->schema
            ? fk.referredTable
            : fk.referredSchema + QLatin1Char('.') + fk.referredTable;
        QString text = QStringLiteral("(%1) → %2(%3)").arg(joined(fk.columns), target, joined(fk.referredColumns));
        if (!fk.onDelete.isEmpty() && fk.onDelete != QLatin1String("NO ACTION"))
            text += QStringLiteral(" ON DELETE ") + fk.onDelete;
        return text;
    }
    case Kind::UniqueConstraint:
        return tr("unique (%1)").arg(joined(table->uniqueConstraints[node.item].columns));
    case Kind::CheckConstraint:
        return table->checkConstraints[node.item].expression;
    case Kind::Index: {
        const IndexInfo& ix = table->indexes[node.item];
        QStringList words;
        if (ix.primary)
            words << tr("primary");
        else if (ix.unique)
            words << tr("unique");
        if (!ix.method.isEmpty() && ix.method != QLatin1String("btree"))
            words << ix.method;
        QString text = QStringLiteral("(%1)").arg(joined(ix.columns));
        if (!words.isEmpty())
            text = words.join(QLatin1Char(' ')) + QLatin1Char(' ') + text;
        if (!ix.predicate.isEmpty())
            text += QStringLiteral(" WHERE ") + ix.predicate;
        return text;
    }
    }
    return {};
}

QString SchemaModel::toolTipOf(const Node& node) const
{
    const TableInfo* table = node.table >= 0 ? &m_snapshot.tables[node.table] : nullptr;
    switch (node.kind) {
    case Kind::Table:
    case Kind::View:
    case Kind::MaterializedView: {
        QString tip = table->schema + QLatin1Char('.') + table->name;
        if (!table->comment.isEmpty())
            tip += QLatin1Char('\n') + table->comment;
        return tip;
    }
    case Kind::TableColumn:
    case Kind::PrimaryKeyColumn: {
        const ColumnInfo& c = table->columns[node.item];
        QString tip = c.name + QStringLiteral(": ") + detailsOf(node);
        if (c.primaryKey)
            tip += QLatin1Char('\n') + tr("part of the primary key");
        if (!c.comment.isEmpty())
            tip += QLatin1Char('\n') + c.comment;
        return tip;
    }
    case Kind::Index: {
        const IndexInfo& ix = table->indexes[node.item];
        QString tip = ix.name + QStringLiteral(": ") + detailsOf(node);
        if (ix.constraint)
            tip += QLatin1Char('\n') + tr("created by a PRIMARY KEY or UNIQUE constraint");
        return tip;
    }
    default:
        return detailsOf(node);
    }
}

QVariant SchemaModel::data(const QModelIndex& index, int role) const
{
    const Node* node = nodeOf(index);
    if (!node)
        return {};
    const auto column = Column(index.column());
    const TableInfo* table = node->table >= 0 ? &m_snapshot.tables[node->table] : nullptr;
    const bool hasRows = isTableNode(node->kind);
    const qint64 rows = hasRows ? (table->exactRows >= 0 ? table->exactRows : table->estimatedRows) : -1;
    const bool exact = hasRows && table->exactRows >= 0;

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Name:
            return nameOf(*node);
        case Column::Details:
            return detailsOf(*node);
        case Column::Rows:
            return hasRows ? formatRowCount(rows, exact) : QString();
        case Column::Count:
            break;
        }
        break;
    case Qt::DecorationRole:
        if (column == Column::Name)
            return iconFor(node->kind);
        break;
    case Qt::ToolTipRole:
        if (column == Column::Rows && hasRows) {
            if (exact)
                return tr("Counted exactly: %1 rows").arg(QLocale().toString(rows));
            if (rows >= 0)
                return tr("Estimated from the database's statistics; use Count Rows for the exact number");
            return tr("No statistics yet; use Count Rows for the exact number");
        }
        return toolTipOf(*node);
    case Qt::TextAlignmentRole:
        if (column == Column::Rows)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole:
        if ((column == Column::Rows && hasRows && !exact)
            || (column == Column::Details && !hasRows && node->kind != Kind::Schema) || isFolder(node->kind))
        {
            // Secondary, yet readable (about 5:1 against the background; the palette's disabled
            // text colour was too faint to read).
            const QPalette palette = QApplication::palette();
            const QColor text = palette.color(QPalette::Text);
            const QColor base = palette.color(QPalette::Base);
            const qreal k = 0.62;
            return QColor::fromRgbF(float(text.redF() * k + base.redF() * (1 - k)), float(text.greenF() * k + base.greenF() * (1 - k)),
                                    float(text.blueF() * k + base.blueF() * (1 - k)));
        }
        break;
    case Qt::FontRole:
        if (column == Column::Name && (node->kind == Kind::PrimaryKeyColumn || node->kind == Kind::Schema)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case KindRole:
        return int(node->kind);
    case SchemaNameRole:
        return m_snapshot.schemas.value(node->schema);
    case TableNameRole:
        return table ? table->name : QString();
    case RowCountRole:
        return rows;
    case RowCountIsExactRole:
        return exact;
    case SortRole:
        if (column == Column::Rows)
            return rows;
        return nameOf(*node);
    default:
        break;
    }
    return {};
}

QVariant SchemaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && Column(section) == Column::Rows)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Details:
        return tr("Details");
    case Column::Rows:
        return tr("Rows");
    case Column::Count:
        break;
    }
    return {};
}

bool SchemaModel::setExactCount(const QString& schema, const QString& table, qint64 rows)
{
    const int t = m_snapshot.indexOf(schema, table);
    if (t < 0)
        return false;
    m_snapshot.tables[t].exactRows = rows;
    const Node& node = m_nodes[m_tableNodes[t]];
    const QModelIndex cell = createIndex(node.row, int(Column::Rows), quintptr(m_tableNodes[t]));
    Q_EMIT dataChanged(cell, cell);
    return true;
}

void SchemaModel::clearExactCounts()
{
    for (int t = 0; t < m_snapshot.tables.size(); ++t) {
        if (m_snapshot.tables[t].exactRows < 0)
            continue;
        m_snapshot.tables[t].exactRows = -1;
        const Node& node = m_nodes[m_tableNodes[t]];
        const QModelIndex cell = createIndex(node.row, int(Column::Rows), quintptr(m_tableNodes[t]));
        Q_EMIT dataChanged(cell, cell);
    }
}

QModelIndex SchemaModel::schemaIndex(const QString& schema) const
{
    const int s = int(m_snapshot.schemas.indexOf(schema));
    if (s < 0)
        return {};
    for (int row = 0; row < m_roots.size(); ++row)
        if (m_nodes[m_roots[row]].schema == s)
            return createIndex(row, 0, quintptr(m_roots[row]));
    return {};
}

QModelIndex SchemaModel::tableIndex(const QString& schema, const QString& table) const
{
    const int t = m_snapshot.indexOf(schema, table);
    if (t < 0)
        return {};
    const int id = m_tableNodes[t];
    return createIndex(m_nodes[id].row, 0, quintptr(id));
}

// ---------------------------------------------------------------------------------------------
// SchemaFilterModel

SchemaFilterModel::SchemaFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(int(SchemaModel::Column::Name));
    setSortRole(SchemaModel::SortRole);
}

bool SchemaFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    // "Columns", "Keys", "Indexes" are not names in the database: never a match on their own.
    if (isFolder(SchemaModel::NodeKind(index.data(SchemaModel::KindRole).toInt())))
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

bool SchemaFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const auto kind = SchemaModel::NodeKind(left.data(SchemaModel::KindRole).toInt());
    if (isTableNode(kind) || kind == SchemaModel::NodeKind::Schema) {
        const QVariant l = left.data(SchemaModel::SortRole);
        const QVariant r = right.data(SchemaModel::SortRole);
        if (l.typeId() == QMetaType::LongLong)
            return l.toLongLong() < r.toLongLong();
        return QString::compare(l.toString(), r.toString(), Qt::CaseInsensitive) < 0;
    }
    // Columns, keys and indexes keep the database's order in either direction.
    return sortOrder() == Qt::AscendingOrder ? left.row() < right.row() : left.row() > right.row();
}

} // namespace retort::app
