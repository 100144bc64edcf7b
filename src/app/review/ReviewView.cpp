#include "app/review/ReviewView.h"

#include "app/review/ReviewFormat.h"
#include "app/review/ReviewModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace retort::app {

ReviewView::ReviewView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    m_model = new ReviewModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ReviewModel::SortRole);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("reviewFindings"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(int(ReviewModel::Column::Severity), Qt::AscendingOrder);
    // The short columns fit their contents; the message takes the rest (the whole finding, with
    // its fix, is below the list and in the tooltip).
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(40);
    for (const ReviewModel::Column c : {ReviewModel::Column::Severity, ReviewModel::Column::Revision, ReviewModel::Column::Table,
                                        ReviewModel::Column::Lock})
        header->setSectionResizeMode(int(c), QHeaderView::ResizeToContents);
    header->resizeSection(int(ReviewModel::Column::Rule), 200);
    header->resizeSection(int(ReviewModel::Column::Weight), 170);
    header->setSectionResizeMode(int(ReviewModel::Column::Message), QHeaderView::Stretch);
    layout->addWidget(m_view, 3);

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("reviewDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_details->setContentsMargins(6, 2, 6, 2);
    m_details->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_details);

    m_extras = new QLabel(this);
    m_extras->setObjectName(QStringLiteral("reviewExtras"));
    m_extras->setWordWrap(true);
    m_extras->setTextFormat(Qt::RichText);
    m_extras->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_extras->setContentsMargins(6, 2, 6, 2);
    m_extras->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_extras);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReviewView::showCurrent);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT findingActivated(index.data(ReviewModel::FindingIndexRole).toInt());
    });
    clear();
}

void ReviewView::setReport(const lint::LintReport& report)
{
    m_model->setReport(report);
    if (m_proxy->rowCount() > 0)
        m_view->selectionModel()->setCurrentIndex(m_proxy->index(0, 0),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    showCurrent();
    refreshExtras();
}

void ReviewView::clear()
{
    m_model->clear();
    showCurrent();
    refreshExtras();
}

void ReviewView::setCompact(bool compact)
{
    m_view->setColumnHidden(int(ReviewModel::Column::Message), compact);
    m_view->setColumnHidden(int(ReviewModel::Column::Weight), compact);
    QHeaderView* header = m_view->header();
    header->setSectionResizeMode(int(compact ? ReviewModel::Column::Rule : ReviewModel::Column::Message), QHeaderView::Stretch);
}

QString ReviewView::detailsText() const
{
    return m_details->text();
}

QString ReviewView::extrasText() const
{
    return m_extras->text();
}

void ReviewView::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        m_details->setVisible(false);
        return;
    }
    const int row = current.data(ReviewModel::FindingIndexRole).toInt();
    m_details->setText(ReviewFormat::details(m_model->finding(row), palette()));
    m_details->setVisible(true);
}

void ReviewView::refreshExtras()
{
    const QString html = m_model->hasReport() ? ReviewFormat::extrasHtml(m_model->report(), palette()) : QString();
    m_extras->setText(html);
    m_extras->setVisible(!html.isEmpty());
}

void ReviewView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        showCurrent();
        refreshExtras();
    }
    QWidget::changeEvent(event);
}

} // namespace retort::app
