#include "core/graph/GraphLayout.h"

#include <algorithm>

namespace retort {

namespace {

struct Track
{
    int target = -1; // revision this lane leads down to; -1 = free
    bool dependency = false;
    int freeFromRow = 0; // a lane freed in row r may be reused from row r + 1
};

} // namespace

int GraphLayout::rowOf(int revision) const
{
    return revision >= 0 && revision < m_rowOfRevision.size() ? m_rowOfRevision[revision] : -1;
}

GraphLayout GraphLayout::compute(const RevisionGraph& graph, const QVector<int>& orderIn)
{
    GraphLayout layout;
    const QVector<int> order = orderIn.isEmpty() ? graph.historyOrder() : orderIn;
    layout.m_rowOfRevision.fill(-1, graph.size());
    for (int r = 0; r < order.size(); ++r)
        layout.m_rowOfRevision[order[r]] = r;
    layout.m_rows.reserve(order.size());

    QVector<Track> tracks;
    // For each revision: the lanes currently leading to it (usually 0 or 1, more at merges of
    // several children into one parent that arrive on different lanes).
    QVector<QVector<int>> waiting(graph.size());

    auto allocate = [&tracks](int row, int avoid) {
        for (int l = 0; l < tracks.size(); ++l) {
            if (l != avoid && tracks[l].target < 0 && tracks[l].freeFromRow <= row)
                return l;
        }
        tracks.push_back(Track{});
        return int(tracks.size() - 1);
    };

    for (int row = 0; row < order.size(); ++row) {
        const int rev = order[row];
        LaneRow out;
        out.revision = rev;
        QVector<quint16> cells(tracks.size(), 0);

        // 1. Lanes arriving at this revision: the leftmost solid one (else the leftmost) holds the
        //    node; the others join it.
        QVector<int> arriving = waiting[rev];
        waiting[rev].clear();
        std::sort(arriving.begin(), arriving.end());
        int nodeLane = -1;
        for (int l : std::as_const(arriving)) {
            if (!tracks[l].dependency) {
                nodeLane = l;
                break;
            }
        }
        if (nodeLane < 0 && !arriving.isEmpty())
            nodeLane = arriving.first();
        if (nodeLane < 0) {
            nodeLane = allocate(row, -1);
            if (cells.size() < tracks.size())
                cells.resize(tracks.size());
        }
        for (int l : std::as_const(arriving)) {
            const bool dep = tracks[l].dependency;
            if (l == nodeLane)
                cells[l] |= dep ? lane::DepUp : lane::Up;
            else
                cells[l] |= dep ? quint16(lane::DepUp | lane::DepJoinNode) : quint16(lane::Up | lane::JoinNode);
            tracks[l].target = -1;
            tracks[l].freeFromRow = row + 1;
        }
        // 2. Lines passing through.
        for (int l = 0; l < tracks.size(); ++l) {
            if (tracks[l].target >= 0 && l != nodeLane)
                cells[l] |= tracks[l].dependency ? quint16(lane::DepUp | lane::DepDown) : quint16(lane::Up | lane::Down);
        }
        // 3. Edges to parents (solid) and dependencies (dashed) laid out in later rows.
        const Revision& r = graph.at(rev);
        struct Out
        {
            int target;
            bool dependency;
        };
        QVector<Out> outs;
        for (int p : r.parents)
            outs.push_back({p, false});
        for (int d : r.dependencies) {
            if (!r.parents.contains(d))
                outs.push_back({d, true});
        }
        bool nodeLaneContinues = false;
        for (const Out& o : std::as_const(outs)) {
            const int targetRow = layout.rowOf(o.target);
            if (targetRow <= row)
                continue; // not laid out, or above (only in a Lenient graph with a cut cycle)
            // An existing lane already leading to the target with the same kind: fork into it.
            int existing = -1;
            for (int l : std::as_const(waiting[o.target])) {
                if (tracks[l].dependency == o.dependency) {
                    existing = l;
                    break;
                }
            }
            if (existing >= 0) {
                cells[existing] |= o.dependency ? lane::DepForkNode : lane::ForkNode;
                continue;
            }
            int l = -1;
            if (!nodeLaneContinues) {
                l = nodeLane;
                nodeLaneContinues = true;
                tracks[l].freeFromRow = 0;
            } else {
                l = allocate(row, nodeLane);
                if (cells.size() < tracks.size())
                    cells.resize(tracks.size());
                cells[l] |= o.dependency ? lane::DepForkNode : lane::ForkNode;
            }
            cells[l] |= o.dependency ? lane::DepDown : lane::Down;
            tracks[l].target = o.target;
            tracks[l].dependency = o.dependency;
            waiting[o.target].push_back(l);
        }
        if (!nodeLaneContinues) {
            tracks[nodeLane].target = -1;
            tracks[nodeLane].freeFromRow = row + 1;
        }

        while (!cells.isEmpty() && cells.last() == 0 && cells.size() - 1 > nodeLane)
            cells.removeLast();
        out.nodeLane = nodeLane;
        out.cells = cells;
        layout.m_laneCount = std::max(layout.m_laneCount, int(cells.size()));
        layout.m_rows.push_back(std::move(out));
    }
    return layout;
}

} // namespace retort
