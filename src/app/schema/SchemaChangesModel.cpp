#include "app/schema/SchemaChangesModel.h"

namespace retort::app {

namespace {

QString sign(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added: return QStringLiteral("+");
    case ChangeKind::Removed: return QStringLiteral("\u2212");
    case ChangeKind::Changed: return QStringLiteral("~");
    }
    return {};
}

} // namespace

SchemaChangesModel::SchemaChangesModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

QColor SchemaChangesModel::colorFor(ChangeKind kind, bool dark)
{
    switch (kind) {
    case ChangeKind::Added: return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x1b, 0x6e, 0x20);
    case ChangeKind::Removed: return dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xb7, 0x1c, 0x1c);
    case ChangeKind::Changed: return dark ? QColor(0xff, 0xcc, 0x80) : QColor(0x9a, 0x5b, 0x00);
    }
    return {};
}

void SchemaChangesModel::setDarkPalette(bool dark)
{
    if (m_dark == dark)
        return;
    m_dark = dark;
    if (!m_nodes.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, int(Column::Count) - 1), {Qt::ForegroundRole});
}

QString SchemaChangesModel::memberTypeName(MemberChange::Type type) const
{
    switch (type) {
    case MemberChange::Type::Column: return tr("column");
    case MemberChange::Type::PrimaryKey: return tr("primary key");
    case MemberChange::Type::Index: return tr("index");
    case MemberChange::Type::ForeignKey: return tr("foreign key");
    case MemberChange::Type::Unique: return tr("unique constraint");
    case MemberChange::Type::Check: return tr("check constraint");
    }
    return {};
}

int SchemaChangesModel::addNode(Node node)
{
    const int id = int(m_nodes.size());
    if (node.parent >= 0)
        m_nodes[node.parent].children << id;
    else
        m_top << id;
    m_nodes.append(std::move(node));
    return id;
}

void SchemaChangesModel::setDiff(const SchemaDiff& diff)
{
    beginResetModel();
    m_nodes.clear();
    m_top.clear();
    for (const TableChange& t : diff.tables) {
        const TableInfo& shown = t.kind == ChangeKind::Removed ? t.before : t.after;
        const bool view = shown.isView();
        Node table;
        table.kind = t.kind;
        table.type = view ? tr("view") : tr("table");
        table.typeKey = tableKindName(shown.kind);
        table.name = t.schema.isEmpty() ? t.name : t.schema + QLatin1Char('.') + t.name;
        if (t.kind == ChangeKind::Changed) {
            int counts[3] = {0, 0, 0};
            for (const MemberChange& m : t.members)
                ++counts[int(m.kind)];
            QStringList parts = t.details;
            if (!t.members.isEmpty())
                parts << tr("%1 added, %2 removed, %3 changed").arg(counts[int(ChangeKind::Added)]).arg(counts[int(ChangeKind::Removed)])
                             .arg(counts[int(ChangeKind::Changed)]);
            table.details = parts.join(QStringLiteral("; "));
        } else {
            table.details = tr("%n column(s)", nullptr, int(shown.columns.size()));
        }
        const int parent = addNode(table);
        if (t.kind != ChangeKind::Changed) {
            for (const ColumnInfo& c : shown.columns)
                addNode(Node{t.kind, tr("column"), QStringLiteral("column"), c.name, describeColumn(c), {}, parent, {}});
            for (const IndexInfo& i : shown.indexes) {
                if (!i.constraint)
                    addNode(Node{t.kind, tr("index"), QStringLiteral("index"), i.name, describeIndex(i), {}, parent, {}});
            }
            for (const ForeignKeyInfo& fk : shown.foreignKeys) // unnamed (SQLite): the definition says it all
                addNode(Node{t.kind, tr("foreign key"), QStringLiteral("foreign_key"), fk.name, describeForeignKey(fk), {}, parent, {}});
            continue;
        }
        for (const MemberChange& m : t.members) {
            Node member;
            member.kind = m.kind;
            member.type = memberTypeName(m.type);
            member.typeKey = MemberChange::typeName(m.type);
            // An unnamed constraint is named by its definition, which the details column shows.
            member.name = m.name == m.before || m.name == m.after ? QString() : m.name;
            if (m.kind == ChangeKind::Changed) {
                member.details = m.details.join(QStringLiteral("; "));
                member.tooltip = tr("Before: %1\nAfter: %2").arg(m.before, m.after);
            } else {
                member.details = m.kind == ChangeKind::Added ? m.after : m.before;
            }
            member.parent = parent;
            addNode(member);
        }
    }
    for (const EnumChange& e : diff.enums) {
        Node node;
        node.kind = e.kind;
        node.type = tr("enum type");
        node.typeKey = QStringLiteral("enum");
        node.name = e.schema.isEmpty() ? e.name : e.schema + QLatin1Char('.') + e.name;
        node.details = e.kind == ChangeKind::Changed ? QStringLiteral("(%1) \u2192 (%2)").arg(e.before.join(QStringLiteral(", ")),
                                                                                             e.after.join(QStringLiteral(", ")))
                                                     : QStringLiteral("(%1)").arg((e.kind == ChangeKind::Added ? e.after : e.before)
                                                                                      .join(QStringLiteral(", ")));
        addNode(node);
    }
    endResetModel();
}

void SchemaChangesModel::clear()
{
    beginResetModel();
    m_nodes.clear();
    m_top.clear();
    endResetModel();
}

const SchemaChangesModel::Node* SchemaChangesModel::node(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() >= quintptr(m_nodes.size()))
        return nullptr;
    return &m_nodes.at(int(index.internalId()));
}

QModelIndex SchemaChangesModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= int(Column::Count) || row < 0)
        return {};
    const QVector<int>& rows = parent.isValid() ? m_nodes.at(int(parent.internalId())).children : m_top;
    if (parent.isValid() && parent.column() != 0)
        return {};
    if (row >= rows.size())
        return {};
    return createIndex(row, column, quintptr(rows.at(row)));
}

QModelIndex SchemaChangesModel::parent(const QModelIndex& child) const
{
    const Node* n = node(child);
    if (!n || n->parent < 0)
        return {};
    const Node& p = m_nodes.at(n->parent);
    const QVector<int>& siblings = p.parent >= 0 ? m_nodes.at(p.parent).children : m_top;
    return createIndex(int(siblings.indexOf(n->parent)), 0, quintptr(n->parent));
}

int SchemaChangesModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_top.size());
    if (parent.column() != 0)
        return 0;
    const Node* n = node(parent);
    return n ? int(n->children.size()) : 0;
}

int SchemaChangesModel::columnCount(const QModelIndex&) const
{
    return int(Column::Count);
}

QVariant SchemaChangesModel::data(const QModelIndex& index, int role) const
{
    const Node* n = node(index);
    if (!n)
        return {};
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Object:
            return n->name.isEmpty() ? QStringLiteral("%1 %2").arg(sign(n->kind), n->type)
                                     : QStringLiteral("%1 %2 %3").arg(sign(n->kind), n->type, n->name);
        case Column::Change:
            return n->kind == ChangeKind::Added ? tr("added") : n->kind == ChangeKind::Removed ? tr("removed") : tr("changed");
        case Column::Details: return n->details;
        case Column::Count: break;
        }
        return {};
    case Qt::ForegroundRole:
        return colorFor(n->kind, m_dark);
    case Qt::ToolTipRole:
        return n->tooltip.isEmpty() ? n->details : n->tooltip;
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1 %2, %3").arg(n->type, n->name, data(index.siblingAtColumn(int(Column::Change)), Qt::DisplayRole).toString());
    case ChangeKindRole:
        return int(n->kind);
    case ObjectTypeRole:
        return n->typeKey;
    default:
        return {};
    }
}

QVariant SchemaChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Object: return tr("Object");
    case Column::Change: return tr("Change");
    case Column::Details: return tr("Definition / what differs");
    case Column::Count: break;
    }
    return {};
}

} // namespace retort::app
