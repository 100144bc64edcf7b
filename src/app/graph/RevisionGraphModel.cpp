#include "app/graph/RevisionGraphModel.h"

#include <QFont>
#include <QMimeData>

#include <algorithm>

namespace retort::app {

RevisionGraphModel::RevisionGraphModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

QString RevisionGraphModel::shortId(const QString& id, int length)
{
    return id.size() <= length ? id : id.left(length);
}

void RevisionGraphModel::setSnapshot(std::shared_ptr<const ProjectSnapshot> snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    const int n = m_snapshot ? m_snapshot->graph.size() : 0;
    m_current.fill(0, n);
    m_applied.fill(0, n);
    m_highlight.fill(0, n);
    m_highlightList.clear();
    m_runState.fill(char(RunState::None), n);
    m_reviewSeverity.fill(-1, n); // a review of another snapshot's plan
    m_reviewCounts.fill(0, 3 * n);
    endResetModel();
    // Re-apply the database state to the new graph (ids may have appeared or vanished).
    const QStringList heads = m_currentIds;
    const bool known = m_dbKnown;
    m_dbKnown = false;
    setDatabaseHeads(heads, known);
}

void RevisionGraphModel::setDatabaseHeads(const QStringList& heads, bool known)
{
    m_currentIds = heads;
    m_dbKnown = known;
    m_unknownIds.clear();
    const int n = m_snapshot ? m_snapshot->graph.size() : 0;
    m_current.fill(0, n);
    m_applied.fill(0, n);
    if (m_snapshot && known) {
        QVector<int> currentIndexes;
        for (const QString& id : heads) {
            const int i = m_snapshot->graph.indexOf(id);
            if (i < 0) {
                m_unknownIds << id;
                continue;
            }
            m_current[i] = 1;
            currentIndexes << i;
        }
        // What the database holds: the current heads, their ancestors and their dependencies,
        // as Alembic's upgrade/downgrade walks see them.
        if (!currentIndexes.isEmpty())
            m_applied = m_snapshot->graph.ancestorMask(currentIndexes, true);
    }
    m_pending = m_snapshot && known ? int(std::count(m_applied.cbegin(), m_applied.cend(), char(0))) : 0;
    emitAllChanged({AppliedStateRole, CurrentRole, Qt::FontRole, Qt::ToolTipRole});
}

void RevisionGraphModel::setHighlighted(const QVector<int>& revisions)
{
    const int n = m_snapshot ? m_snapshot->graph.size() : 0;
    m_highlight.fill(0, n);
    m_highlightList.clear();
    for (int r : revisions) {
        if (r >= 0 && r < n) {
            m_highlight[r] = 1;
            m_highlightList << r;
        }
    }
    emitAllChanged({HighlightRole});
}

void RevisionGraphModel::setRunState(int revision, RunState state)
{
    if (revision < 0 || revision >= m_runState.size())
        return;
    m_runState[revision] = char(state);
    const int row = rowOfRevision(revision);
    Q_EMIT dataChanged(index(row, 0), index(row, int(Column::Count) - 1), {RunStateRole});
}

void RevisionGraphModel::clearRunStates()
{
    m_runState.fill(char(RunState::None));
    emitAllChanged({RunStateRole});
}

void RevisionGraphModel::setReview(const lint::LintReport* report)
{
    const int n = m_snapshot ? m_snapshot->graph.size() : 0;
    m_reviewSeverity.fill(-1, n);
    m_reviewCounts.fill(0, 3 * n);
    if (report && m_snapshot) {
        for (const lint::Finding& finding : report->findings) {
            const int revision = m_snapshot->graph.indexOf(finding.revision);
            if (revision < 0)
                continue;
            ++m_reviewCounts[3 * revision + severityRank(finding.severity)];
            signed char& worst = m_reviewSeverity[revision];
            if (worst < 0 || severityRank(finding.severity) < severityRank(Severity(worst)))
                worst = static_cast<signed char>(finding.severity);
        }
    }
    emitAllChanged({ReviewSeverityRole, ReviewCountRole, Qt::ToolTipRole});
}

void RevisionGraphModel::emitAllChanged(const QList<int>& roles)
{
    const int rows = rowCount();
    if (rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(rows - 1, int(Column::Count) - 1), roles);
}

int RevisionGraphModel::rowOfRevision(int revision) const
{
    if (!m_snapshot || revision < 0 || revision >= m_snapshot->revisionToRow.size())
        return -1;
    return m_snapshot->revisionToRow.at(revision);
}

int RevisionGraphModel::revisionAtRow(int row) const
{
    if (!m_snapshot || row < 0 || row >= m_snapshot->rowToRevision.size())
        return -1;
    return m_snapshot->rowToRevision.at(row);
}

QModelIndex RevisionGraphModel::indexOfRevision(int revision, Column column) const
{
    const int row = rowOfRevision(revision);
    return row < 0 ? QModelIndex() : index(row, int(column));
}

QModelIndex RevisionGraphModel::indexOfRevisionId(const QString& id) const
{
    return m_snapshot ? indexOfRevision(m_snapshot->graph.indexOf(id)) : QModelIndex();
}

QModelIndex RevisionGraphModel::index(int row, int column, const QModelIndex& parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= int(Column::Count))
        return {};
    return createIndex(row, column);
}

QModelIndex RevisionGraphModel::parent(const QModelIndex&) const
{
    return {};
}

int RevisionGraphModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_snapshot)
        return 0;
    return int(m_snapshot->rowToRevision.size());
}

int RevisionGraphModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant RevisionGraphModel::data(const QModelIndex& idx, int role) const
{
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int revision = m_snapshot->rowToRevision.at(idx.row());
    const Revision& r = m_snapshot->graph.at(revision);
    const auto column = Column(idx.column());

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Graph: return QVariant();
        case Column::Id: return shortId(r.id);
        case Column::Message: return r.message;
        // What the badges show: declared labels; on a head every label that reaches it.
        case Column::Labels: return (r.isHead ? r.allBranchLabels : r.branchLabels).join(QStringLiteral(", "));
        case Column::Date: return r.createDate.left(16); // "2024-01-08 09:12:00.000000" -> minutes
        case Column::Count: return {};
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("<b><tt>%1</tt></b><br/>%2").arg(r.id.toHtmlEscaped(), r.message.toHtmlEscaped());
        if (m_dbKnown) {
            if (m_current.at(revision))
                tip += QStringLiteral("<br/>") + tr("Current revision of the database");
            else
                tip += QStringLiteral("<br/>") + (m_applied.at(revision) ? tr("Applied") : tr("Pending"));
        }
        if (!r.problemCodes.isEmpty())
            tip += QStringLiteral("<br/>") + tr("Problems: %1").arg(r.problemCodes.join(QStringLiteral(", ")));
        if (m_reviewSeverity.value(revision, -1) >= 0) {
            const int* counts = m_reviewCounts.constData() + 3 * revision;
            QStringList parts;
            if (counts[0] > 0)
                parts << tr("%n error(s)", nullptr, counts[0]);
            if (counts[1] > 0)
                parts << tr("%n warning(s)", nullptr, counts[1]);
            if (counts[2] > 0)
                parts << tr("%n info", nullptr, counts[2]);
            tip += QStringLiteral("<br/>") + tr("Review of its pending step: %1").arg(parts.join(QStringLiteral(", ")));
        }
        return tip;
    }
    case Qt::FontRole:
        if (m_current.at(revision)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return column == Column::Date ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::AccessibleTextRole:
        return column == Column::Graph ? QVariant(r.id) : QVariant();
    case RevisionIdRole: return r.id;
    case RevisionIndexRole: return revision;
    case LanesRole: return QVariant::fromValue(m_snapshot->layout.row(idx.row()));
    case NodeKindRole: {
        int kind = Normal;
        if (r.isHead)
            kind |= Head;
        if (r.isBase)
            kind |= Base;
        if (r.isBranchPoint)
            kind |= BranchPoint;
        if (r.isMergePoint)
            kind |= Merge;
        if (!r.dependencies.isEmpty())
            kind |= HasDependencies;
        if (!r.problemCodes.isEmpty())
            kind |= HasProblems;
        return kind;
    }
    case AppliedStateRole:
        if (!m_dbKnown)
            return int(AppliedState::Unknown);
        return int(m_applied.at(revision) ? AppliedState::Applied : AppliedState::Pending);
    case CurrentRole: return bool(m_current.at(revision));
    case HighlightRole: return bool(m_highlight.at(revision));
    case RunStateRole: return int(m_runState.at(revision));
    case BranchLabelsRole: return r.allBranchLabels;
    case DeclaredLabelsRole: return r.branchLabels;
    case MessageRole: return r.message;
    case SearchTextRole: return m_snapshot->searchText.value(revision);
    case LaneCountRole: return m_snapshot->layout.laneCount();
    case ReviewSeverityRole: return int(m_reviewSeverity.value(revision, -1));
    case ReviewCountRole: {
        const int worst = m_reviewSeverity.value(revision, -1);
        return worst < 0 ? 0 : m_reviewCounts.at(3 * revision + severityRank(Severity(worst)));
    }
    default: return {};
    }
}

QVariant RevisionGraphModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Graph: return tr("Graph");
    case Column::Id: return tr("Revision");
    case Column::Message: return tr("Message");
    case Column::Labels: return tr("Labels");
    case Column::Date: return tr("Created");
    case Column::Count: return {};
    }
    return {};
}

Qt::ItemFlags RevisionGraphModel::flags(const QModelIndex& idx) const
{
    if (!idx.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren | Qt::ItemIsDragEnabled;
}

QHash<int, QByteArray> RevisionGraphModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(RevisionIdRole, "revisionId");
    names.insert(RevisionIndexRole, "revisionIndex");
    names.insert(LanesRole, "lanes");
    names.insert(NodeKindRole, "nodeKind");
    names.insert(AppliedStateRole, "appliedState");
    names.insert(CurrentRole, "current");
    names.insert(HighlightRole, "highlight");
    names.insert(RunStateRole, "runState");
    names.insert(BranchLabelsRole, "branchLabels");
    names.insert(DeclaredLabelsRole, "declaredLabels");
    names.insert(MessageRole, "message");
    names.insert(SearchTextRole, "searchText");
    names.insert(LaneCountRole, "laneCount");
    names.insert(ReviewSeverityRole, "reviewSeverity");
    names.insert(ReviewCountRole, "reviewCount");
    return names;
}

QStringList RevisionGraphModel::mimeTypes() const
{
    return {QStringLiteral("text/plain")};
}

QMimeData* RevisionGraphModel::mimeData(const QModelIndexList& indexes) const
{
    QStringList ids;
    for (const QModelIndex& i : indexes) {
        const QString id = data(i, RevisionIdRole).toString();
        if (!ids.contains(id))
            ids << id;
    }
    auto* mime = new QMimeData;
    mime->setText(ids.join(QLatin1Char('\n')));
    return mime;
}

} // namespace retort::app
