#pragma once

#include "core/graph/RevisionGraph.h"

#include <QMetaType>
#include <QVector>

namespace retort {

// Lanes for drawing the revision graph row by row (one row per revision, history order, newest
// first), computed once as plain data. A lane is a vertical track that carries one open edge:
// "from a row above, down to revision X". A delegate paints row r from row(r) alone:
//
//   for each lane L with flags f = row.cells[L] (x = centre of lane L, y = centre of the row):
//     f & Up        vertical line from the top edge to y            (solid: down_revision edge)
//     f & Down      vertical line from y to the bottom edge
//     f & JoinNode  line from (x, top edge) bending into the node   (an edge from above ends here)
//     f & ForkNode  line from the node bending to (x, bottom edge)  (an edge to a parent starts here)
//     f & Dep*      the same for a depends_on edge (paint dashed / thinner)
//     L == row.nodeLane: the revision's dot at (x, y); Up/Down there connect straight to the dot.
//   A lane with Up|Down and no Join/Fork is a line passing through the row.
//
// Lanes are reused: a lane freed in row r (its edge arrived) is available from row r + 1 on.
// An edge to a revision that is already reached by another lane joins that lane (ForkNode into
// an occupied lane), so every lane carries edges to exactly one revision at a time.
namespace lane {
enum Flag : quint16 {
    Up = 0x0001,
    Down = 0x0002,
    JoinNode = 0x0004,
    ForkNode = 0x0008,
    DepUp = 0x0010,
    DepDown = 0x0020,
    DepJoinNode = 0x0040,
    DepForkNode = 0x0080,
};
} // namespace lane

struct LaneRow
{
    int revision = -1;        // RevisionGraph index
    int nodeLane = 0;         // lane holding the revision's dot
    QVector<quint16> cells;   // lane::Flag bits per lane; trailing empty lanes omitted
};

class GraphLayout
{
public:
    GraphLayout() = default;

    // Rows in `order` (default: graph.historyOrder()). Edges: down_revision (solid) and
    // depends_on (Dep*) from each revision to each parent/dependency that appears in a LATER row
    // (edges to revisions missing from `order` or above the row, possible only in a Lenient graph
    // with a cycle, are not drawn).
    static GraphLayout compute(const RevisionGraph& graph, const QVector<int>& order = {});

    [[nodiscard]] int rowCount() const { return int(m_rows.size()); }
    [[nodiscard]] const LaneRow& row(int r) const { return m_rows.at(r); }
    [[nodiscard]] int rowOf(int revision) const; // -1 when not laid out
    [[nodiscard]] int laneCount() const { return m_laneCount; } // widest row
    [[nodiscard]] const QVector<LaneRow>& rows() const { return m_rows; }

private:
    QVector<LaneRow> m_rows;
    QVector<int> m_rowOfRevision;
    int m_laneCount = 0;
};

} // namespace retort

Q_DECLARE_METATYPE(retort::LaneRow)
