#include "app/graph/GraphDelegate.h"

#include "app/graph/RevisionGraphModel.h"
#include "app/review/ReviewFormat.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace retort::app {

namespace {

using Kind = RevisionGraphModel::NodeKind;
using Applied = RevisionGraphModel::AppliedState;
using Run = RevisionGraphModel::RunState;

constexpr int MaxPaintedLanes = 40;

int laneX(const QRect& rect, int lane)
{
    return rect.left() + GraphDelegate::GraphPadding / 2 + lane * GraphDelegate::LaneWidth + GraphDelegate::LaneWidth / 2;
}

} // namespace

GraphDelegate::GraphDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
    , m_palette(GraphPalette::fromPalette(QApplication::palette()))
{
}

int GraphDelegate::graphColumnWidth(int laneCount)
{
    return GraphPadding + qBound(2, laneCount, 16) * LaneWidth;
}

int GraphDelegate::rowHeight(const QFontMetrics& metrics)
{
    return metrics.height() + 10;
}

QSize GraphDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int h = rowHeight(option.fontMetrics);
    switch (RevisionGraphModel::Column(index.column())) {
    case RevisionGraphModel::Column::Graph:
        return {graphColumnWidth(index.data(RevisionGraphModel::LaneCountRole).toInt()), h};
    default: {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        return {s.width() + 8, h};
    }
    }
}

QColor GraphDelegate::rowBackground(const GraphPalette& palette, int appliedState, bool highlight, int runState)
{
    switch (Run(runState)) {
    case Run::Running: return palette.running;
    case Run::Failed: {
        QColor c = palette.failed;
        c.setAlpha(70);
        return c;
    }
    default: break;
    }
    if (highlight)
        return palette.highlight;
    if (Applied(appliedState) == Applied::Applied)
        return palette.appliedBackground;
    if (Applied(appliedState) == Applied::Pending)
        return palette.pendingBackground;
    return {};
}

void GraphDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QColor bg = rowBackground(m_palette, index.data(RevisionGraphModel::AppliedStateRole).toInt(),
                                    index.data(RevisionGraphModel::HighlightRole).toBool(),
                                    index.data(RevisionGraphModel::RunStateRole).toInt());
    if (bg.isValid() && bg.alpha() > 0)
        option->backgroundBrush = bg;
    const auto column = RevisionGraphModel::Column(index.column());
    if (column == RevisionGraphModel::Column::Id) {
        QFont mono = option->font;
        mono.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("monospace")});
        mono.setStyleHint(QFont::Monospace);
        option->font = mono;
    }
    if (column == RevisionGraphModel::Column::Date || column == RevisionGraphModel::Column::Id) {
        if (!(option->state & QStyle::State_Selected))
            option->palette.setColor(QPalette::Text, m_palette.mutedText.isValid() ? m_palette.mutedText : m_palette.text);
    }
    if (Applied(index.data(RevisionGraphModel::AppliedStateRole).toInt()) == Applied::Pending
        && column == RevisionGraphModel::Column::Message && !(option->state & QStyle::State_Selected)) {
        option->font.setItalic(false);
    }
}

// The keyboard focus, visible in every style: a frame around the current row while the view has
// the focus (each cell draws its part: top and bottom edges, the outer sides on the first and
// last visible columns).
void GraphDelegate::paintFocus(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (!(option.state & QStyle::State_HasFocus) || !option.widget || !option.widget->hasFocus())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    QColor color = option.palette.color(QPalette::Highlight);
    if (option.state & QStyle::State_Selected)
        color = option.palette.color(QPalette::HighlightedText);
    painter->setPen(QPen(color, 1, Qt::DotLine));
    const QRect r = option.rect.adjusted(0, 0, -1, -1);
    painter->drawLine(r.topLeft(), r.topRight());
    painter->drawLine(r.bottomLeft(), r.bottomRight());
    if (option.viewItemPosition == QStyleOptionViewItem::Beginning || option.viewItemPosition == QStyleOptionViewItem::OnlyOne
        || index.column() == 0)
        painter->drawLine(r.topLeft(), r.bottomLeft());
    if (option.viewItemPosition == QStyleOptionViewItem::End || option.viewItemPosition == QStyleOptionViewItem::OnlyOne)
        painter->drawLine(r.topRight(), r.bottomRight());
    painter->restore();
}

void GraphDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const auto column = RevisionGraphModel::Column(index.column());
    if (column != RevisionGraphModel::Column::Graph && column != RevisionGraphModel::Column::Labels) {
        QStyledItemDelegate::paint(painter, option, index);
        paintFocus(painter, option, index);
        return;
    }
    // Background (selection, shading) through the style, then our own content.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setClipRect(option.rect);
    if (column == RevisionGraphModel::Column::Graph) {
        NodeStyle node;
        node.kind = index.data(RevisionGraphModel::NodeKindRole).toInt();
        node.appliedState = index.data(RevisionGraphModel::AppliedStateRole).toInt();
        node.current = index.data(RevisionGraphModel::CurrentRole).toBool();
        node.runState = index.data(RevisionGraphModel::RunStateRole).toInt();
        const LaneRow row = index.data(RevisionGraphModel::LanesRole).value<LaneRow>();
        paintLanes(painter, option.rect, row, node, m_palette, m_nodesOnly);
    } else {
        const QVariant review = index.data(RevisionGraphModel::ReviewSeverityRole);
        QVector<Badge> list = badges(m_palette, index.data(RevisionGraphModel::CurrentRole).toBool(),
                                           index.data(RevisionGraphModel::NodeKindRole).toInt(),
                                           index.data(RevisionGraphModel::BranchLabelsRole).toStringList(),
                                           index.data(RevisionGraphModel::DeclaredLabelsRole).toStringList(),
                                           review.isValid() ? review.toInt() : -1,
                                           index.data(RevisionGraphModel::ReviewCountRole).toInt());
        if (option.state & QStyle::State_Selected) {
            // On the selection colour, badges become light pills so their text stays readable.
            const QColor paper = option.palette.color(QPalette::Base);
            for (Badge& b : list) {
                if (b.fill.alpha() < 255 || b.fill.lightness() > 150) {
                    b.fill = paper;
                    b.border = paper;
                }
            }
        }
        paintBadges(painter, option.rect.adjusted(4, 0, -2, 0), list, option.font);
    }
    painter->restore();
    paintFocus(painter, option, index);
}

void GraphDelegate::paintLanes(QPainter* painter, const QRect& rect, const LaneRow& row, const NodeStyle& node,
                               const GraphPalette& palette, bool nodesOnly)
{
    painter->setRenderHint(QPainter::Antialiasing, true);
    const qreal top = rect.top();
    const qreal bottom = rect.bottom() + 1;
    const qreal yc = rect.top() + rect.height() / 2.0;
    // Only the lanes that fall inside the cell: a very wide graph is clipped (the user can widen
    // the column), and a node beyond the edge is drawn at the edge with an arrow pointing on.
    const int visibleLanes = qMax(1, (rect.width() - GraphDelegate::GraphPadding / 2) / GraphDelegate::LaneWidth);
    const int lanes = qMin(int(row.cells.size()), qMin(visibleLanes, MaxPaintedLanes));
    const bool nodeClipped = row.nodeLane >= visibleLanes;
    const qreal nx = laneX(rect, nodeClipped ? visibleLanes - 1 : row.nodeLane);

    if (!nodesOnly) {
        const qreal solidWidth = 2.0;
        for (int pass = 0; pass < 2; ++pass) { // dashed depends_on first, parenthood on top
            const bool dep = pass == 0;
            const quint16 upBit = dep ? lane::DepUp : lane::Up;
            const quint16 downBit = dep ? lane::DepDown : lane::Down;
            const quint16 joinBit = dep ? lane::DepJoinNode : lane::JoinNode;
            const quint16 forkBit = dep ? lane::DepForkNode : lane::ForkNode;
            for (int l = 0; l < lanes; ++l) {
                const quint16 f = row.cells.at(l);
                if (!(f & (upBit | downBit | joinBit | forkBit)))
                    continue;
                QPen pen(dep ? palette.dependsOn : palette.laneColor(l), dep ? 1.3 : solidWidth);
                pen.setCapStyle(Qt::FlatCap);
                if (dep)
                    pen.setDashPattern({3.0, 2.5});
                painter->setPen(pen);
                painter->setBrush(Qt::NoBrush);
                const qreal x = laneX(rect, l);
                if (f & upBit)
                    painter->drawLine(QPointF(x, top), QPointF(x, yc));
                if (f & downBit)
                    painter->drawLine(QPointF(x, yc), QPointF(x, bottom));
                if (f & joinBit) {
                    QPainterPath path(QPointF(x, top));
                    path.quadTo(QPointF(x, yc), QPointF(nx, yc));
                    painter->drawPath(path);
                }
                if (f & forkBit) {
                    QPainterPath path(QPointF(nx, yc));
                    path.quadTo(QPointF(x, yc), QPointF(x, bottom));
                    painter->drawPath(path);
                }
            }
        }
    }

    // The node.
    const QColor laneColor = palette.laneColor(row.nodeLane);
    const bool pending = Applied(node.appliedState) == Applied::Pending;
    const qreal r = 4.6;
    const QPointF c(nx, yc);
    QPen outline(laneColor, 2.0);
    QColor fill = pending ? palette.pendingBackground.alpha() > 0 ? palette.pendingBackground : QColor() : laneColor;
    if (!fill.isValid())
        fill = QApplication::palette().color(QPalette::Base);
    if (Run(node.runState) == Run::Failed) {
        outline.setColor(palette.failed);
        fill = palette.failed;
    }

    if (node.kind & Kind::Head) {
        QColor halo = palette.head;
        halo.setAlpha(70);
        painter->setPen(Qt::NoPen);
        painter->setBrush(halo);
        painter->drawEllipse(c, r + 4.0, r + 4.0);
    }
    if (node.current) {
        painter->setPen(QPen(palette.current, 2.4));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(c, r + 3.6, r + 3.6);
    }
    painter->setPen(outline);
    painter->setBrush(fill);
    if (node.kind & Kind::Merge) {
        const qreal d = r + 1.4;
        const QPointF pts[4] = {c + QPointF(0, -d), c + QPointF(d, 0), c + QPointF(0, d), c + QPointF(-d, 0)};
        painter->drawPolygon(pts, 4);
    } else if (node.kind & Kind::Base) {
        painter->drawRoundedRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), 1.5, 1.5);
    } else {
        painter->drawEllipse(c, r, r);
        if (node.kind & Kind::BranchPoint) {
            painter->setBrush(Qt::NoBrush);
            painter->setPen(QPen(laneColor, 1.2));
            painter->drawEllipse(c, r + 2.6, r + 2.6);
        }
    }
    if (nodeClipped) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(laneColor);
        const QPointF tip(c.x() + r + 6.0, c.y());
        const QPointF arrow[3] = {tip, tip + QPointF(-4.0, -3.5), tip + QPointF(-4.0, 3.5)};
        painter->drawPolygon(arrow, 3);
    }
    if (node.kind & Kind::HasProblems) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(palette.failed);
        painter->drawEllipse(c + QPointF(r, -r), 2.6, 2.6);
    }
}

QVector<GraphDelegate::Badge> GraphDelegate::badges(const GraphPalette& palette, bool current, int kind,
                                                    const QStringList& labels, const QStringList& declaredLabels,
                                                    int reviewSeverity, int reviewCount)
{
    QVector<Badge> result;
    if (current)
        result.append({tr("current"), palette.current, palette.currentText, palette.current});
    // The review first after "current": what running this step would do matters most.
    if (reviewSeverity >= 0) {
        const Severity severity = Severity(reviewSeverity);
        const QColor color = ReviewFormat::severityColor(severity, palette.dark);
        QColor fill = color;
        fill.setAlpha(palette.dark ? 60 : 36);
        const QString text = severity == Severity::Error     ? tr("%n error(s)", nullptr, reviewCount)
                             : severity == Severity::Warning ? tr("%n warning(s)", nullptr, reviewCount)
                                                             : tr("%n info", nullptr, reviewCount);
        result.append({text, fill, color, color});
    }
    if (kind & Kind::Head) {
        QColor fill = palette.head;
        fill.setAlpha(palette.dark ? 60 : 30);
        result.append({tr("head"), fill, palette.head, palette.head});
    }
    // Declared labels everywhere; inherited ones only on heads (where `label@head` points).
    for (const QString& label : labels) {
        if (declaredLabels.contains(label) || (kind & Kind::Head))
            result.append({label, palette.label, palette.labelText, palette.label.darker(palette.dark ? 70 : 115)});
    }
    if (kind & Kind::Merge) {
        QColor fill = palette.merge;
        fill.setAlpha(palette.dark ? 60 : 28);
        result.append({tr("merge"), fill, palette.merge, fill});
    }
    if (kind & Kind::HasProblems) {
        QColor fill = palette.failed;
        fill.setAlpha(40);
        result.append({tr("problem"), fill, palette.failed, palette.failed});
    }
    return result;
}

void GraphDelegate::paintBadges(QPainter* painter, const QRect& rect, const QVector<Badge>& list, const QFont& baseFont)
{
    if (list.isEmpty())
        return;
    painter->setRenderHint(QPainter::Antialiasing, true);
    QFont font = baseFont;
    font.setPointSizeF(qMax(7.0, baseFont.pointSizeF() - 1.0));
    font.setBold(true);
    painter->setFont(font);
    const QFontMetrics fm(font);
    const int h = qMin(rect.height() - 6, fm.height() + 4);
    int x = rect.left();
    const int y = rect.top() + (rect.height() - h) / 2;
    for (const Badge& b : list) {
        const int w = fm.horizontalAdvance(b.text) + 12;
        if (x + w > rect.right() + 1) {
            painter->setPen(QApplication::palette().color(QPalette::PlaceholderText));
            painter->drawText(QRect(x, y, rect.right() - x, h), Qt::AlignVCenter | Qt::AlignLeft, QStringLiteral("…"));
            break;
        }
        const QRectF box(x + 0.5, y + 0.5, w - 1, h - 1);
        painter->setPen(QPen(b.border, 1.0));
        painter->setBrush(b.fill);
        painter->drawRoundedRect(box, h / 2.0, h / 2.0);
        painter->setPen(b.textColor);
        painter->drawText(box, Qt::AlignCenter, b.text);
        x += w + 4;
    }
}

} // namespace retort::app
