#include "app/graph/RevisionGraphPanel.h"

#include "app/graph/GraphDelegate.h"
#include "app/graph/RevisionFilterModel.h"
#include "app/graph/RevisionGraphModel.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace retort::app {

using Column = RevisionGraphModel::Column;

RevisionGraphPanel::RevisionGraphPanel(RevisionGraphModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* searchBar = new QWidget(this);
    searchBar->setObjectName(QStringLiteral("searchBar"));
    auto* searchLayout = new QHBoxLayout(searchBar);
    searchLayout->setContentsMargins(8, 6, 8, 6);
    searchLayout->setSpacing(10);
    m_search = new QLineEdit(searchBar);
    m_search->setObjectName(QStringLiteral("revisionSearch"));
    m_search->setPlaceholderText(tr("Filter by id, message or label — or type a target (+2, heads, label@head) to see what it runs"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(QStringLiteral(":/icons/actions/search.svg")), QLineEdit::LeadingPosition);
    m_search->installEventFilter(this);
    searchLayout->addWidget(m_search, 3);
    m_searchInfo = new QLabel(searchBar);
    m_searchInfo->setObjectName(QStringLiteral("searchInfo"));
    m_searchInfo->setTextFormat(Qt::PlainText);
    m_searchInfo->setMinimumWidth(120);
    searchLayout->addWidget(m_searchInfo, 2);
    layout->addWidget(searchBar);

    m_filter = new RevisionFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_delegate = new GraphDelegate(this);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("revisionView"));
    m_view->setModel(m_filter);
    m_view->setItemDelegate(m_delegate);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setItemsExpandable(false);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setMinimumSectionSize(24);
    m_view->header()->setSectionResizeMode(int(Column::Message), QHeaderView::Stretch);
    m_view->header()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_view, 1);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(180);
    connect(&m_searchTimer, &QTimer::timeout, this, &RevisionGraphPanel::applySearch);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer.stop();
        applySearch();
        // Enter jumps to the target (or the first match) and hands the keyboard to the graph.
        if (m_searchPlan && !m_searchPlan->steps.isEmpty()) {
            selectRevision(m_model->graph()->indexOf(m_searchPlan->steps.constLast().revision));
        } else if (m_filter->rowCount() > 0 && selectedRevision() < 0) {
            m_view->selectionModel()->setCurrentIndex(m_filter->index(0, int(Column::Id)),
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
        m_view->setFocus();
    });

    // One selection drives everything, whatever selected the row: a mouse press sets the current
    // index before it selects the row (and the keyboard the other way round), so both changes
    // are watched and the selection is announced once it has settled.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RevisionGraphPanel::announceSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RevisionGraphPanel::announceSelection);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &RevisionGraphPanel::announceSelection);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT revisionActivated(index.data(RevisionGraphModel::RevisionIndexRole).toInt());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (index.isValid())
            m_view->setCurrentIndex(index);
        Q_EMIT contextMenuRequested(m_view->viewport()->mapToGlobal(pos),
                                    index.isValid() ? index.data(RevisionGraphModel::RevisionIndexRole).toInt() : -1);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_keptSelection = -1; // graph indexes of another snapshot
        fitColumns();
        m_searchPlan.reset();
        if (!m_search->text().isEmpty())
            applySearch();
    });
    updatePalette();
}

void RevisionGraphPanel::fitColumns()
{
    const int lanes = m_model->snapshot() ? m_model->snapshot()->layout.laneCount() : 1;
    QHeaderView* header = m_view->header();
    const QFontMetrics fm(m_view->font());
    const int graph = GraphDelegate::graphColumnWidth(lanes);
    QFont mono = m_view->font();
    mono.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("monospace")});
    const int id = QFontMetrics(mono).horizontalAdvance(QStringLiteral("0123456789ab")) + 24;
    int labels = fm.horizontalAdvance(QStringLiteral("current head label")) + 40;
    const int date = fm.horizontalAdvance(QStringLiteral("2024-01-08 09:12")) + 24;
    // The message is what people read: it keeps at least a third of the view (and ~24 characters).
    // On a narrow view the date goes first (Details shows it), then the labels column narrows.
    const int available = m_view->viewport()->width();
    const int minimumMessage = qMax(available / 3, fm.horizontalAdvance(QLatin1Char('x')) * 24);
    const bool showDate = available - graph - id - labels - date >= minimumMessage;
    if (!showDate)
        labels = qBound(fm.horizontalAdvance(QStringLiteral("label")) + 24, available - graph - id - minimumMessage, labels);
    header->resizeSection(int(Column::Graph), graph);
    header->resizeSection(int(Column::Id), id);
    header->resizeSection(int(Column::Labels), labels);
    header->resizeSection(int(Column::Date), date);
    m_view->setColumnHidden(int(Column::Date), !showDate);
}

void RevisionGraphPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

int RevisionGraphPanel::selectedRevision() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(int(Column::Id));
    if (rows.isEmpty())
        return -1;
    return rows.constFirst().data(RevisionGraphModel::RevisionIndexRole).toInt();
}

void RevisionGraphPanel::announceSelection()
{
    if (m_applyingSearch)
        return; // announced once the search has put the selection back
    const int revision = selectedRevision();
    if (revision == m_announced)
        return;
    m_announced = revision;
    Q_EMIT selectedRevisionChanged(revision);
}

void RevisionGraphPanel::selectRevision(int revision)
{
    QModelIndex source = m_model->indexOfRevision(revision, Column::Id);
    if (!source.isValid()) {
        m_view->clearSelection();
        return;
    }
    QModelIndex proxy = m_filter->mapFromSource(source);
    if (!proxy.isValid()) { // filtered out: clear the filter so the selection is visible
        m_search->clear();
        applySearch();
        proxy = m_filter->mapFromSource(source);
    }
    m_view->selectionModel()->setCurrentIndex(proxy, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(proxy, QAbstractItemView::EnsureVisible);
}

void RevisionGraphPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

namespace {

// Text Alembic would read as a target rather than as words to look for: relative steps (+2, -1,
// abc+1), branch@head forms, ranges and the keywords. A failed plan for such text is an answer
// (Alembic's error), not a filter that matches nothing.
bool looksLikeTarget(const QString& text)
{
    static const QRegularExpression relative(QStringLiteral(R"(^[\w.@]*[+-]\d+$)"));
    return text == QLatin1String("head") || text == QLatin1String("heads") || text == QLatin1String("base")
           || text.contains(QLatin1Char('@')) || text.contains(QLatin1Char(':')) || relative.match(text).hasMatch();
}

} // namespace

void RevisionGraphPanel::applySearch()
{
    m_searchTimer.stop();
    const QString text = m_search->text().trimmed();
    const RevisionGraph* graph = m_model->graph();
    m_searchPlan.reset();
    QString targetError; // Alembic's answer when the text, read as a target, names no plan
    if (graph && !text.isEmpty() && !text.contains(QLatin1Char(' '))) {
        const QStringList current = m_model->databaseHeads();
        Result<Plan> plan = Planner::plan(*graph, current, Direction::Upgrade, text);
        if (!plan || plan->steps.isEmpty()) {
            Result<Plan> down = Planner::plan(*graph, current, Direction::Downgrade, text);
            if (down && !down->steps.isEmpty())
                plan = down;
        }
        if (plan)
            m_searchPlan = std::move(plan).value();
        else
            targetError = plan.error().message;
    }

    // The selection survives the search: rows filtered out and back keep it.
    const int selected = selectedRevision();
    if (selected >= 0)
        m_keptSelection = selected;
    m_applyingSearch = true;
    if (m_searchPlan) {
        m_filter->setSearchText(QString());
        m_delegate->setNodesOnly(false);
        QVector<int> revisions;
        QStringList ids;
        for (const PlanStep& step : std::as_const(m_searchPlan->steps)) {
            revisions << graph->indexOf(step.revision);
            ids << RevisionGraphModel::shortId(step.revision, 8);
        }
        m_model->setHighlighted(revisions);
        const QString verb = m_searchPlan->direction == Direction::Upgrade ? tr("upgrade") : tr("downgrade");
        if (m_searchPlan->steps.isEmpty())
            m_searchInfo->setText(tr("'%1': already there, nothing to run").arg(text));
        else
            m_searchInfo->setText(tr("%1 %2 runs %n step(s)", nullptr, int(m_searchPlan->steps.size())).arg(verb, text));
        m_searchInfo->setToolTip(ids.join(QStringLiteral(" → ")));
        if (!revisions.isEmpty()) {
            const QModelIndex target = m_filter->mapFromSource(m_model->indexOfRevision(revisions.constLast()));
            m_view->scrollTo(target, QAbstractItemView::EnsureVisible);
        }
    } else if (!targetError.isEmpty() && looksLikeTarget(text)) {
        // A target Alembic refuses: say why, as Alembic would, and keep every row in view.
        m_model->setHighlighted({});
        m_filter->setSearchText(QString());
        m_delegate->setNodesOnly(false);
        m_searchInfo->setText(tr("'%1': %2").arg(text, targetError));
        m_searchInfo->setToolTip(targetError);
    } else {
        m_model->setHighlighted({});
        m_filter->setSearchText(text);
        m_delegate->setNodesOnly(m_filter->isFiltering());
        m_searchInfo->setToolTip(QString());
        if (text.isEmpty()) {
            m_searchInfo->setText(graph ? tr("%n revision(s)", nullptr, graph->size()) : QString());
        } else {
            m_searchInfo->setText(tr("%1 of %n revision(s) match", nullptr, graph ? graph->size() : 0).arg(m_filter->rowCount()));
            if (m_filter->rowCount() == 0 && !targetError.isEmpty())
                m_searchInfo->setToolTip(tr("As a target: %1").arg(targetError));
        }
    }
    if (selectedRevision() < 0 && m_keptSelection >= 0) {
        const QModelIndex kept = m_filter->mapFromSource(m_model->indexOfRevision(m_keptSelection, Column::Id));
        if (kept.isValid())
            m_view->selectionModel()->setCurrentIndex(kept, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    m_applyingSearch = false;
    announceSelection();
    const QModelIndex current = m_view->currentIndex();
    if (!m_searchPlan && current.isValid())
        m_view->scrollTo(current);
    m_view->viewport()->update();
    Q_EMIT searchPlanChanged();
}

bool RevisionGraphPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown) {
            m_view->setFocus();
            if (selectedRevision() < 0 && m_filter->rowCount() > 0)
                m_view->selectionModel()->setCurrentIndex(m_filter->index(0, int(Column::Id)),
                                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            if (m_search->text().isEmpty())
                m_view->setFocus();
            else
                m_search->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RevisionGraphPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updatePalette();
    QWidget::changeEvent(event);
}

void RevisionGraphPanel::updatePalette()
{
    m_delegate->setGraphPalette(GraphPalette::fromPalette(palette()));
    m_view->viewport()->update();
}

} // namespace retort::app
