#pragma once

#include "app/graph/GraphPalette.h"
#include "core/graph/GraphLayout.h"

#include <QStyledItemDelegate>

namespace retort::app {

// Paints the revision graph view from role data only (RevisionGraphModel roles), so it works
// behind the filter proxy and paints only the rows the view asks for:
//  - Column::Graph: the lanes of GraphLayout (down_revision edges solid, depends_on dashed) and
//    the node: circle; merge = diamond; base = square; branch point = double ring; head = halo.
//    Applied revisions are filled, pending ones hollow; the database's current revision(s) get a
//    green ring.
//  - Column::Labels: badges (current, head, branch labels, problems, and the safety review's worst
//    finding of the row's pending step, in its severity's colour).
//  - every column: applied rows shaded, search-highlighted rows amber, the running step blue.
class GraphDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit GraphDelegate(QObject* parent = nullptr);

    void setGraphPalette(const GraphPalette& palette) { m_palette = palette; }
    [[nodiscard]] const GraphPalette& graphPalette() const { return m_palette; }
    // While the view is filtered, rows are not adjacent: paint nodes only, no edges.
    void setNodesOnly(bool nodesOnly) { m_nodesOnly = nodesOnly; }
    [[nodiscard]] bool nodesOnly() const { return m_nodesOnly; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static constexpr int LaneWidth = 16;
    static constexpr int GraphPadding = 10;
    // Width of the graph column for `laneCount` lanes (capped: very wide graphs scroll).
    static int graphColumnWidth(int laneCount);
    static int rowHeight(const QFontMetrics& metrics);

    // The pieces, shared with GraphExporter.
    struct NodeStyle
    {
        int kind = 0;          // RevisionGraphModel::NodeKind flags
        int appliedState = 0;  // RevisionGraphModel::AppliedState
        bool current = false;
        int runState = 0;      // RevisionGraphModel::RunState
    };
    static void paintFocus(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index);
    static void paintLanes(QPainter* painter, const QRect& rect, const LaneRow& row, const NodeStyle& node,
                           const GraphPalette& palette, bool nodesOnly);
    static QColor rowBackground(const GraphPalette& palette, int appliedState, bool highlight, int runState);
    struct Badge
    {
        QString text;
        QColor fill;
        QColor textColor;
        QColor border;
    };
    // `reviewSeverity`: the Severity of the worst finding of the row's pending step (-1: none),
    // `reviewCount`: how many findings of that severity.
    static QVector<Badge> badges(const GraphPalette& palette, bool current, int kind, const QStringList& labels,
                                 const QStringList& declaredLabels, int reviewSeverity = -1, int reviewCount = 0);
    static void paintBadges(QPainter* painter, const QRect& rect, const QVector<Badge>& badges, const QFont& font);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    GraphPalette m_palette;
    bool m_nodesOnly = false;
};

} // namespace retort::app
