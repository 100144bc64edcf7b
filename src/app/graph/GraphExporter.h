#pragma once

#include "app/graph/GraphPalette.h"
#include "core/common/Error.h"

#include <QFont>

class QAbstractItemModel;
class QPainter;

namespace retort::app {

// Exports the revision graph (the rows of a RevisionGraphModel, or of a filter proxy over it) as
// a PNG or SVG picture: lanes, nodes, id, message, labels, with the same look as the view.
// Reads role data only. `nodesOnly`: rows are filtered (not adjacent), draw no edges.
class GraphExporter
{
public:
    enum class Format { Png, Svg };

    // PNG is limited to MaxPngRows rows (a ~32k pixel tall image); SVG has no limit.
    static constexpr int MaxPngRows = 1300;

    static Status exportTo(const QAbstractItemModel& model, const QString& path, Format format,
                           const GraphPalette& palette, const QFont& font, const QString& title = {},
                           bool nodesOnly = false);
    // Format from the file suffix (.png / .svg); an Error for anything else.
    static Result<Format> formatForPath(const QString& path);

    // Size of the rendered picture in device-independent pixels.
    static QSize pictureSize(const QAbstractItemModel& model, const QFont& font, const QString& title);
    static void render(QPainter* painter, const QAbstractItemModel& model, const GraphPalette& palette,
                       const QFont& font, const QString& title, bool nodesOnly = false);
};

} // namespace retort::app
