#include "app/schema/ScratchConfirmDialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace retort::app {

ScratchConfirmDialog::ScratchConfirmDialog(const ScratchConfirmation& confirmation, QWidget* parent)
    : QDialog(parent)
    , m_dialect(confirmation.dialect)
{
    setWindowTitle(tr("Compute the schema history"));
    setObjectName(QStringLiteral("scratchConfirmDialog"));
    auto* layout = new QVBoxLayout(this);

    auto* intro = new QLabel(this);
    intro->setObjectName(QStringLiteral("scratchIntro"));
    intro->setWordWrap(true);
    intro->setText(tr("Retort runs the migrations of %1 with the project's own Alembic, one revision at a time, in a "
                      "scratch database, and reads its schema after each one (%n revision(s) to compute). Your own "
                      "database is not touched.",
                      nullptr, confirmation.revisions)
                       .arg(confirmation.project.toHtmlEscaped()));
    layout->addWidget(intro);

    auto* where = new QLabel(this);
    where->setObjectName(QStringLiteral("scratchWhere"));
    where->setWordWrap(true);
    layout->addWidget(where);
    if (confirmation.dialect == Dialect::SQLite) {
        where->setText(tr("It creates %1.").arg(confirmation.fileDescription));
    } else {
        where->setText(tr("Where should the scratch PostgreSQL database be created? It is dropped afterwards, also "
                          "after a failure or a cancel."));
        auto* group = new QButtonGroup(this);
        m_cluster = new QRadioButton(this);
        m_cluster->setObjectName(QStringLiteral("scratchCluster"));
        m_cluster->setText(confirmation.clusterDescription.isEmpty()
                               ? tr("A throwaway local cluster (not available: the PostgreSQL server binaries are not installed)")
                               : tr("In %1").arg(confirmation.clusterDescription));
        m_cluster->setEnabled(!confirmation.clusterDescription.isEmpty());
        m_server = new QRadioButton(this);
        m_server->setObjectName(QStringLiteral("scratchServer"));
        m_server->setText(!confirmation.serverDescription.isEmpty() ? tr("On the connected server: %1").arg(confirmation.serverDescription)
                          : !confirmation.serverRefusal.isEmpty()   ? confirmation.serverRefusal
                                                                    : tr("On the connected server (not connected to a PostgreSQL server)"));
        m_server->setEnabled(!confirmation.serverDescription.isEmpty());
        group->addButton(m_cluster);
        group->addButton(m_server);
        m_cluster->setChecked(m_cluster->isEnabled()); // the server is never chosen for the user
        layout->addWidget(m_cluster);
        layout->addWidget(m_server);
        connect(group, &QButtonGroup::buttonToggled, this, &ScratchConfirmDialog::updateButtons);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* run = m_buttons->addButton(tr("Create and Run"), QDialogButtonBox::AcceptRole);
    run->setObjectName(QStringLiteral("scratchRunButton"));
    run->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    updateButtons();
}

ScratchKind ScratchConfirmDialog::choice() const
{
    if (m_dialect == Dialect::SQLite)
        return ScratchKind::SqliteFile;
    return m_server && m_server->isChecked() ? ScratchKind::ServerDatabase : ScratchKind::LocalCluster;
}

void ScratchConfirmDialog::updateButtons()
{
    const bool chosen = m_dialect == Dialect::SQLite || (m_cluster && m_cluster->isChecked()) || (m_server && m_server->isChecked());
    for (QAbstractButton* button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(chosen);
    }
}

} // namespace retort::app
