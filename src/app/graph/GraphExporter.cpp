#include "app/graph/GraphExporter.h"

#include "app/graph/GraphDelegate.h"
#include "app/graph/RevisionGraphModel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace retort::app {

namespace {

struct Metrics
{
    int rowHeight = 24;
    int graphWidth = 60;
    int idWidth = 110;
    int messageWidth = 420;
    int labelsWidth = 240;
    int titleHeight = 0;
    int margin = 12;
};

Metrics metricsFor(const QAbstractItemModel& model, const QFont& font, const QString& title)
{
    Metrics m;
    const QFontMetrics fm(font);
    m.rowHeight = GraphDelegate::rowHeight(fm);
    const int lanes = model.rowCount() > 0 ? model.index(0, 0).data(RevisionGraphModel::LaneCountRole).toInt() : 1;
    m.graphWidth = GraphDelegate::graphColumnWidth(lanes);
    int messageWidth = 200;
    for (int row = 0; row < model.rowCount(); ++row)
        messageWidth = qMax(messageWidth, fm.horizontalAdvance(model.index(row, int(RevisionGraphModel::Column::Message)).data().toString()));
    m.messageWidth = qMin(messageWidth + 16, 640);
    m.idWidth = fm.horizontalAdvance(QStringLiteral("0123456789abc")) + 16;
    m.titleHeight = title.isEmpty() ? 0 : fm.height() * 2;
    return m;
}

} // namespace

Result<GraphExporter::Format> GraphExporter::formatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return Format::Png;
    if (suffix == QLatin1String("svg"))
        return Format::Svg;
    return Error{QStringLiteral("export-format"),
                 QCoreApplication::translate("GraphExporter", "Cannot export the graph as '.%1'.").arg(suffix),
                 QCoreApplication::translate("GraphExporter", "Choose a file name ending in .png or .svg."), path, 0};
}

QSize GraphExporter::pictureSize(const QAbstractItemModel& model, const QFont& font, const QString& title)
{
    const Metrics m = metricsFor(model, font, title);
    return {2 * m.margin + m.graphWidth + m.idWidth + m.messageWidth + m.labelsWidth,
            2 * m.margin + m.titleHeight + model.rowCount() * m.rowHeight};
}

void GraphExporter::render(QPainter* painter, const QAbstractItemModel& model, const GraphPalette& palette,
                           const QFont& font, const QString& title, bool nodesOnly)
{
    const Metrics m = metricsFor(model, font, title);
    const QSize size = pictureSize(model, font, title);
    painter->fillRect(QRect(QPoint(0, 0), size), palette.dark ? QColor(0x1e, 0x22, 0x27) : QColor(Qt::white));
    painter->setFont(font);
    int y = m.margin;
    if (!title.isEmpty()) {
        QFont bold = font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(palette.text);
        painter->drawText(QRect(m.margin, y, size.width() - 2 * m.margin, m.titleHeight), Qt::AlignLeft | Qt::AlignTop, title);
        painter->setFont(font);
        y += m.titleHeight;
    }
    QFont mono = font;
    mono.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("monospace")});
    mono.setStyleHint(QFont::Monospace);
    for (int row = 0; row < model.rowCount(); ++row, y += m.rowHeight) {
        const QModelIndex graphIndex = model.index(row, int(RevisionGraphModel::Column::Graph));
        const QRect rowRect(m.margin, y, size.width() - 2 * m.margin, m.rowHeight);
        const QColor bg = GraphDelegate::rowBackground(palette, graphIndex.data(RevisionGraphModel::AppliedStateRole).toInt(),
                                                       graphIndex.data(RevisionGraphModel::HighlightRole).toBool(),
                                                       graphIndex.data(RevisionGraphModel::RunStateRole).toInt());
        if (bg.isValid() && bg.alpha() > 0)
            painter->fillRect(rowRect, bg);
        GraphDelegate::NodeStyle node;
        node.kind = graphIndex.data(RevisionGraphModel::NodeKindRole).toInt();
        node.appliedState = graphIndex.data(RevisionGraphModel::AppliedStateRole).toInt();
        node.current = graphIndex.data(RevisionGraphModel::CurrentRole).toBool();
        node.runState = graphIndex.data(RevisionGraphModel::RunStateRole).toInt();
        painter->save();
        const QRect graphRect(m.margin, y, m.graphWidth, m.rowHeight);
        painter->setClipRect(graphRect);
        GraphDelegate::paintLanes(painter, graphRect, graphIndex.data(RevisionGraphModel::LanesRole).value<LaneRow>(), node,
                                  palette, nodesOnly);
        painter->restore();

        int x = m.margin + m.graphWidth;
        painter->setFont(mono);
        painter->setPen(palette.mutedText);
        painter->drawText(QRect(x + 4, y, m.idWidth - 8, m.rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          model.index(row, int(RevisionGraphModel::Column::Id)).data().toString());
        x += m.idWidth;
        QFont messageFont = font;
        messageFont.setBold(node.current);
        painter->setFont(messageFont);
        painter->setPen(palette.text);
        const QString message = model.index(row, int(RevisionGraphModel::Column::Message)).data().toString();
        painter->drawText(QRect(x + 4, y, m.messageWidth - 8, m.rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(messageFont).elidedText(message, Qt::ElideRight, m.messageWidth - 8));
        x += m.messageWidth;
        const QVector<GraphDelegate::Badge> list = GraphDelegate::badges(
            palette, node.current, node.kind, graphIndex.data(RevisionGraphModel::BranchLabelsRole).toStringList(),
            graphIndex.data(RevisionGraphModel::DeclaredLabelsRole).toStringList());
        painter->save();
        GraphDelegate::paintBadges(painter, QRect(x + 4, y, m.labelsWidth - 8, m.rowHeight), list, font);
        painter->restore();
        painter->setFont(font);
    }
}

Status GraphExporter::exportTo(const QAbstractItemModel& model, const QString& path, Format format,
                               const GraphPalette& palette, const QFont& font, const QString& title, bool nodesOnly)
{
    const QSize size = pictureSize(model, font, title);
    if (format == Format::Png) {
        if (model.rowCount() > MaxPngRows)
            return Error{QStringLiteral("export-too-large"),
                         QCoreApplication::translate("GraphExporter", "The graph has %1 rows; a PNG holds at most %2.")
                             .arg(model.rowCount())
                             .arg(MaxPngRows),
                         QCoreApplication::translate("GraphExporter", "Filter the graph first, or export SVG."), path, 0};
        QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2.0);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            render(&painter, model, palette, font, title, nodesOnly);
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
            return Error{QStringLiteral("export-write"),
                         QCoreApplication::translate("GraphExporter", "Cannot write %1: %2")
                             .arg(QDir::toNativeSeparators(path), file.errorString()),
                         QCoreApplication::translate("GraphExporter", "Choose a writable folder."), path, 0};
        return Ok{};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("export-write"),
                     QCoreApplication::translate("GraphExporter", "Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                     QCoreApplication::translate("GraphExporter", "Choose a writable folder."), path, 0};
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title.isEmpty() ? QStringLiteral("Revision graph") : title);
        svg.setDescription(QStringLiteral("Exported by Retort"));
        QPainter painter(&svg);
        render(&painter, model, palette, font, title, nodesOnly);
    }
    if (!file.commit())
        return Error{QStringLiteral("export-write"),
                     QCoreApplication::translate("GraphExporter", "Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                     {}, path, 0};
    return Ok{};
}

} // namespace retort::app
