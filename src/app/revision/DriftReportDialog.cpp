#include "app/revision/DriftReportDialog.h"

#include "app/revision/SchemaChangeView.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace retort::app {

DriftReportDialog::DriftReportDialog(const AutogenerateReview& review, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("DriftReportDialog"));
    setWindowTitle(tr("Models and Database"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(this);
    m_changes = new SchemaChangeView(this);
    m_changes->showReview(summary(review), review);
    layout->addWidget(m_changes, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    const bool drift = !review.allChanges().isEmpty();
    m_migration = buttons->addButton(tr("&Write a Migration…"), QDialogButtonBox::ActionRole);
    m_migration->setVisible(drift);
    m_migration->setToolTip(tr("New Revision with autogenerate: Alembic proposes these changes as a migration"));
    connect(m_migration, &QPushButton::clicked, this, [this] {
        Q_EMIT newRevisionRequested();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(600, drift ? 440 : 260);
}

QString DriftReportDialog::summary(const AutogenerateReview& review)
{
    const int count = int(review.allChanges().size());
    if (count == 0)
        return tr("No new upgrade operations detected: the models match %1.").arg(review.databaseUrl);
    return tr("The models and %1 differ in %n change(s). A migration is missing, or the database was changed by hand:", nullptr, count)
        .arg(review.databaseUrl);
}

} // namespace retort::app
