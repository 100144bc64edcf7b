#include "app/run/ResetConfirmDialog.h"

#include "app/run/ApplyConfirmDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace retort::app {

ResetConfirmDialog::ResetConfirmDialog(const RunRequest& downgrade, const RunRequest& upgrade, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Reset the Database"));
    setObjectName(QStringLiteral("resetConfirmDialog"));
    auto* layout = new QVBoxLayout(this);

    const QString database = downgrade.databaseLabel.isEmpty() ? tr("the database") : downgrade.databaseLabel;
    auto* summary = new QLabel(this);
    summary->setObjectName(QStringLiteral("resetSummary"));
    summary->setWordWrap(true);
    summary->setTextFormat(Qt::PlainText);
    summary->setText(tr("Reset %1: downgrade to base (%n step(s)), then upgrade to heads.", nullptr,
                        int(downgrade.plan.steps.size()))
                         .arg(database)
                     + QLatin1Char(' ')
                     + tr("The upgrade runs %n step(s).", nullptr, int(upgrade.plan.steps.size())));
    layout->addWidget(summary);

    auto* warning = new QLabel(tr("Every table, column and row the migrations created is dropped by the downgrades; "
                                  "the data in them is lost."),
                               this);
    warning->setObjectName(QStringLiteral("resetWarning"));
    warning->setWordWrap(true);
    QFont bold = warning->font();
    bold.setBold(true);
    warning->setFont(bold);
    layout->addWidget(warning);

    layout->addWidget(new QLabel(tr("Downgrade steps, in order:"), this));
    auto* steps = new QListWidget(this);
    steps->setObjectName(QStringLiteral("resetSteps"));
    for (const PlanStep& step : downgrade.plan.steps)
        steps->addItem(ApplyConfirmDialog::stepText(step));
    steps->setMinimumHeight(90);
    layout->addWidget(steps, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto* reset = m_buttons->addButton(tr("&Reset"), QDialogButtonBox::AcceptRole);
    reset->setObjectName(QStringLiteral("resetButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    const QString host = hostToType(downgrade);
    if (!host.isEmpty()) {
        auto* ask = new QLabel(tr("%1 is not on this machine. Type its host name to reset it:").arg(host), this);
        ask->setWordWrap(true);
        layout->addWidget(ask);
        m_typed = new QLineEdit(this);
        m_typed->setObjectName(QStringLiteral("typedHost"));
        m_typed->setPlaceholderText(host);
        ask->setBuddy(m_typed);
        layout->addWidget(m_typed);
        reset->setEnabled(false);
        connect(m_typed, &QLineEdit::textChanged, this,
                [reset, host](const QString& text) { reset->setEnabled(text.trimmed() == host); });
        m_typed->setFocus();
    }
    layout->addWidget(m_buttons);
    resize(520, 380);
}

QPushButton* ResetConfirmDialog::resetButton() const
{
    return findChild<QPushButton*>(QStringLiteral("resetButton"));
}

QString ResetConfirmDialog::hostToType(const RunRequest& request)
{
    return request.isLocal || request.host.isEmpty() ? QString() : request.host;
}

} // namespace retort::app
