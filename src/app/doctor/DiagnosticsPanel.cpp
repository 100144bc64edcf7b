#include "app/doctor/DiagnosticsPanel.h"

#include "app/doctor/DiagnosticsModel.h"

#include <QDir>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
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

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(6, 4, 6, 4);
    buttons->addStretch(1);
    m_open = new QPushButton(tr("&Open File"), this);
    m_open->setObjectName(QStringLiteral("diagnosticsOpen"));
    buttons->addWidget(m_open);
    m_fix = new QPushButton(tr("Fi&x…"), this);
    m_fix->setObjectName(QStringLiteral("diagnosticsFix"));
    buttons->addWidget(m_fix);
    layout->addLayout(buttons);
    connect(m_fix, &QPushButton::clicked, this, &DiagnosticsPanel::applyFix);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QModelIndex index = currentRow();
        const QString path = index.data(DiagnosticsModel::PathRole).toString();
        if (!path.isEmpty())
            Q_EMIT fileActivated(path, index.data(DiagnosticsModel::LineRole).toInt());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &DiagnosticsPanel::updateButtons);
    connect(model, &QAbstractItemModel::modelReset, this, &DiagnosticsPanel::updateButtons);
    updateButtons();

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

QModelIndex DiagnosticsPanel::currentRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0) : QModelIndex();
}

DiagnosticsPanel::Fix DiagnosticsPanel::fixFor(const QModelIndex& index)
{
    if (!index.isValid())
        return Fix::None;
    const QString code = index.data(DiagnosticsModel::CodeRole).toString();
    const QString fix = index.data(DiagnosticsModel::FixCommandRole).toString();
    if (code == QLatin1String("db-behind"))
        return Fix::UpgradeToHeads;
    if (code == QLatin1String("graph-multiple-heads") && fix.startsWith(QLatin1String("alembic merge ")))
        return Fix::MergeHeads;
    // "alembic stamp REV": a plain stamp the window's Stamp flow does.
    if (code == QLatin1String("db-unversioned-tables") && !index.data(DiagnosticsModel::RevisionRole).toString().isEmpty()
        && fix.startsWith(QLatin1String("alembic stamp ")) && !fix.contains(QLatin1String("--purge")))
        return Fix::Stamp;
    // "alembic stamp --purge CANDIDATE": the version table holds a revision no file defines.
    if (code == QLatin1String("db-unknown-revision") && fix.startsWith(QLatin1String("alembic stamp --purge ")))
        return Fix::StampPurge;
    if (code == QLatin1String("models-drift"))
        return Fix::AutogenerateRevision;
    return Fix::None;
}

QString DiagnosticsPanel::stampTarget(const QModelIndex& index)
{
    switch (fixFor(index)) {
    case Fix::Stamp:
        return index.data(DiagnosticsModel::RevisionRole).toString();
    case Fix::StampPurge:
        // The finding's revision is the unknown one in the database; the fix names the candidate.
        return index.data(DiagnosticsModel::FixCommandRole).toString().section(QLatin1Char(' '), -1);
    case Fix::None:
    case Fix::UpgradeToHeads:
    case Fix::MergeHeads:
    case Fix::AutogenerateRevision:
        break;
    }
    return {};
}

void DiagnosticsPanel::updateButtons()
{
    const QModelIndex index = currentRow();
    const QString path = index.data(DiagnosticsModel::PathRole).toString();
    m_open->setEnabled(!path.isEmpty());
    m_open->setToolTip(path.isEmpty() ? tr("The selected finding names no file.")
                                      : tr("Open %1").arg(QDir::toNativeSeparators(path)));
    switch (fixFor(index)) {
    case Fix::UpgradeToHeads:
        m_fix->setEnabled(true);
        m_fix->setToolTip(tr("Upgrade the database to the heads (asks for confirmation first)."));
        break;
    case Fix::Stamp:
        m_fix->setEnabled(true);
        m_fix->setToolTip(tr("Stamp the database with %1 without running migrations (asks for confirmation first).")
                              .arg(stampTarget(index)));
        break;
    case Fix::StampPurge:
        m_fix->setEnabled(true);
        m_fix->setToolTip(tr("Replace the version table's rows with %1 (stamp --purge) without running migrations "
                             "(asks for confirmation first).")
                              .arg(stampTarget(index)));
        break;
    case Fix::MergeHeads:
        m_fix->setEnabled(true);
        m_fix->setToolTip(tr("Have Alembic write a merge revision that joins the heads (asks first; the database is not changed)."));
        break;
    case Fix::AutogenerateRevision:
        m_fix->setEnabled(true);
        m_fix->setToolTip(tr("New Revision with autogenerate: review what Alembic proposes, then write it."));
        break;
    case Fix::None:
        m_fix->setEnabled(false);
        m_fix->setToolTip(tr("The selected finding has no fix Retort can apply for you."));
        break;
    }
}

void DiagnosticsPanel::applyFix()
{
    const QModelIndex index = currentRow();
    switch (fixFor(index)) {
    case Fix::UpgradeToHeads: Q_EMIT upgradeToHeadsRequested(); break;
    case Fix::Stamp: Q_EMIT stampRequested(stampTarget(index), false); break;
    case Fix::StampPurge: Q_EMIT stampRequested(stampTarget(index), true); break;
    case Fix::MergeHeads: Q_EMIT mergeHeadsRequested(); break;
    case Fix::AutogenerateRevision: Q_EMIT autogenerateRevisionRequested(); break;
    case Fix::None: break;
    }
}

} // namespace retort::app
