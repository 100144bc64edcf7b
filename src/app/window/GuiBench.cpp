#include "app/window/GuiBench.h"

#include "app/window/AppOptions.h"
#include "app/window/MainWindow.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "app/editor/SqlPreview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <cstdio>

namespace retort::app::GuiBench {

namespace {

// Resident and peak resident memory in KiB from /proc/self/status (0 where unavailable).
QPair<qint64, qint64> memoryKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    qint64 rss = 0;
    qint64 hwm = 0;
    if (status.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = status.readAll().split('\n');
        for (const QByteArray& line : lines) {
            if (line.startsWith("VmRSS:"))
                rss = line.mid(6).trimmed().split(' ').value(0).toLongLong();
            else if (line.startsWith("VmHWM:"))
                hwm = line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return {rss, hwm};
}

class FirstPaintProbe : public QObject
{
public:
    QElapsedTimer* clock = nullptr;
    QAbstractItemModel* model = nullptr;
    qint64 firstPaintMs = -1;

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && firstPaintMs < 0 && model->rowCount() > 0) {
            auto* widget = static_cast<QWidget*>(watched);
            widget->removeEventFilter(this);
            static_cast<QObject*>(widget)->event(event); // paint now (QObject::event is public), then stop the clock
            firstPaintMs = clock->elapsed();
            return true;
        }
        return false;
    }
};

} // namespace

int run(const AppOptions& options)
{
    QElapsedTimer clock;
    clock.start();
    MainWindow::Options windowOptions;
    windowOptions.restoreState = false;
    windowOptions.watchFiles = false;
    // Without --url the benchmark measures the project alone; with it, also the selection:
    // actions and the SQL preview (the database's heads decide both).
    const bool withDatabase = !options.url.isEmpty();
    windowOptions.autoPreviewSql = withDatabase;
    windowOptions.connectDatabase = withDatabase;
    MainWindow window(windowOptions);
    window.resize(options.width, options.height);
    QTreeView* view = window.graphPanel()->view();
    FirstPaintProbe probe;
    probe.clock = &clock;
    probe.model = view->model();
    view->viewport()->installEventFilter(&probe);
    window.show();

    qint64 loadedMs = -1;
    QObject::connect(window.workspace(), &Workspace::snapshotChanged, &window, [&] { loadedMs = clock.elapsed(); });
    bool failed = false;
    QObject::connect(window.workspace(), &Workspace::loadFailed, &window, [&](const Error& e) {
        std::fprintf(stderr, "retort --bench: %s\n", qPrintable(e.toString()));
        failed = true;
    });
    QApplication::processEvents(); // the empty window is shown before the project is opened
    const qint64 windowMs = clock.elapsed();
    window.openProject(options.project, options.url);
    while (probe.firstPaintMs < 0 && !failed && clock.elapsed() < 60000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    if (failed || probe.firstPaintMs < 0)
        return 1;

    // Scrolling: move by a few rows, then a page, and repaint synchronously; time every frame.
    QVector<double> frames;
    QScrollBar* bar = view->verticalScrollBar();
    const int step = qMax(1, bar->singleStep() * 3);
    for (int i = 0; i < 300; ++i) {
        const int delta = (i % 10 == 9) ? bar->pageStep() : step;
        bar->setValue(bar->value() + delta >= bar->maximum() ? 0 : bar->value() + delta);
        QElapsedTimer frame;
        frame.start();
        view->viewport()->repaint();
        frames << frame.nsecsElapsed() / 1e6;
    }
    std::sort(frames.begin(), frames.end());

    // Selection: a click's worth of work (select, plan, enable the actions), then the SQL preview.
    double selectMs = -1;
    double previewMs = -1;
    bool actionsEnabled = false;
    if (withDatabase) {
        while (!window.isReady() && clock.elapsed() < 120000)
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        // A click a user makes on a database at base: a first revision, whose plan Alembic accepts
        // (generated graphs hold shapes Alembic itself crashes on; those leave the actions off).
        const RevisionGraph* graph = window.graphModel()->graph();
        int target = -1;
        for (const int base : graph ? graph->bases() : QVector<int>{}) {
            const Result<Plan> plan = window.workspace()->plan(Direction::Upgrade, graph->at(base).id);
            if (plan && !plan->steps.isEmpty()) {
                target = base;
                break;
            }
        }
        if (target >= 0) {
            bool previewed = false;
            QObject::connect(window.sqlPreview(), &SqlPreview::previewReady, &window, [&previewed] { previewed = true; });
            QObject::connect(window.sqlPreview(), &SqlPreview::previewFailed, &window, [&previewed] { previewed = true; });
            window.graphPanel()->selectRevision(-1);
            QApplication::processEvents();
            QElapsedTimer selection;
            selection.start();
            window.graphPanel()->selectRevision(target);
            selectMs = selection.nsecsElapsed() / 1e6;
            actionsEnabled = window.action(QStringLiteral("actionUpgradeToHere"))->isEnabled()
                             || window.action(QStringLiteral("actionDowngradeToHere"))->isEnabled();
            while (!previewed && selection.elapsed() < 120000)
                QApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
            previewMs = selection.nsecsElapsed() / 1e6;
        }
    }
    const auto [rss, hwm] = memoryKiB();
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    const qint64 rssTrimmed = memoryKiB().first;
    const RevisionGraphModel* model = window.graphModel();
    QJsonObject out{
        {QStringLiteral("revisions"), model->rowCount()},
        {QStringLiteral("lanes"), model->snapshot() ? model->snapshot()->layout.laneCount() : 0},
        {QStringLiteral("load_on_worker_ms"), model->snapshot() ? double(model->snapshot()->loadMs) : -1.0},
        {QStringLiteral("scan_ms"), model->snapshot() ? double(model->snapshot()->scanMs) : -1.0},
        {QStringLiteral("graph_ms"), model->snapshot() ? double(model->snapshot()->graphMs) : -1.0},
        {QStringLiteral("layout_ms"), model->snapshot() ? double(model->snapshot()->layoutMs) : -1.0},
        {QStringLiteral("project_loaded_ms"), double(loadedMs - windowMs)},
        {QStringLiteral("window_shown_ms"), double(windowMs)},
        {QStringLiteral("open_to_first_paint_ms"), double(probe.firstPaintMs - windowMs)},
        {QStringLiteral("start_to_first_paint_ms"), double(probe.firstPaintMs)},
        {QStringLiteral("frames"), int(frames.size())},
        {QStringLiteral("frame_median_ms"), frames.at(frames.size() / 2)},
        {QStringLiteral("frame_p95_ms"), frames.at(int(frames.size() * 0.95))},
        {QStringLiteral("frame_max_ms"), frames.constLast()},
        {QStringLiteral("rss_mib"), double(rss) / 1024.0},
        {QStringLiteral("peak_rss_mib"), double(hwm) / 1024.0},
        {QStringLiteral("rss_after_trim_mib"), double(rssTrimmed) / 1024.0},
        {QStringLiteral("select_to_actions_ms"), selectMs},
        {QStringLiteral("actions_enabled"), actionsEnabled},
        {QStringLiteral("select_to_sql_preview_ms"), previewMs}, // includes the 350 ms typing pause
        {QStringLiteral("window"), QStringLiteral("%1x%2").arg(options.width).arg(options.height)},
        {QStringLiteral("platform"), QApplication::platformName()},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace retort::app::GuiBench
