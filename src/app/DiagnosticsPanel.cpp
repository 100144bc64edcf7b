#include "app/DiagnosticsPanel.h"

#include "app/DiagnosticsModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace retort::app {

DiagnosticsPanel::DiagnosticsPanel(DiagnosticsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("diagnosticsView"));
    m_view->setModel(model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(int(DiagnosticsModel::Column::Message), QHeaderView::Stretch);
    m_view->header()->resizeSection(int(DiagnosticsModel::Column::Severity), 90);
    m_view->header()->resizeSection(int(DiagnosticsModel::Column::Location), 220);
    m_view->header()->resizeSection(int(DiagnosticsModel::Column::Revision), 110);
    layout->addWidget(m_view, 1);
    m_empty = new QLabel(tr("No problems found."), this);
    m_empty->setObjectName(QStringLiteral("diagnosticsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    layout->addWidget(m_empty, 1);

    auto updateEmpty = [this] {
        const bool empty = m_model->rowCount() == 0;
        m_empty->setVisible(empty);
        m_view->setVisible(!empty);
    };
    connect(model, &QAbstractItemModel::modelReset, this, updateEmpty);
    updateEmpty();
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString revision = index.data(DiagnosticsModel::RevisionRole).toString();
        if (!revision.isEmpty())
            Q_EMIT revisionActivated(revision);
        const QString path = index.data(DiagnosticsModel::PathRole).toString();
        if (!path.isEmpty())
            Q_EMIT fileActivated(path, index.data(DiagnosticsModel::LineRole).toInt());
    });
}

} // namespace retort::app
