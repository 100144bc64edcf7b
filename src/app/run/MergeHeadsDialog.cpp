#include "app/run/MergeHeadsDialog.h"

#include "core/common/ShellQuote.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>

namespace retort::app {

QString MergeHeadsRequest::commandLine() const
{
    QString command = QStringLiteral("alembic merge");
    if (!message.isEmpty())
        command += QStringLiteral(" -m ") + shellQuoted(message, true);
    for (const QString& revision : revisions)
        command += QLatin1Char(' ') + revision;
    return command;
}

MergeHeadsDialog::MergeHeadsDialog(const QVector<MergeCandidate>& heads, const QString& versionsDir, QWidget* parent)
    : QDialog(parent)
    , m_candidates(heads)
{
    setObjectName(QStringLiteral("mergeHeadsDialog"));
    setWindowTitle(tr("Merge Heads"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/actions/merge.svg")));

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    auto* heading = new QLabel(tr("<b>Join %1 heads with a merge revision</b>").arg(heads.size()), this);
    layout->addWidget(heading);
    auto* explain = new QLabel(tr("Alembic writes a new revision file whose down_revision lists the heads ticked below. "
                                  "The database is not touched: upgrade afterwards to record the merge there."),
                               this);
    explain->setWordWrap(true);
    layout->addWidget(explain);

    m_heads = new QListWidget(this);
    m_heads->setObjectName(QStringLiteral("mergeHeadList"));
    m_heads->setUniformItemSizes(true);
    QSet<QString> labelSets;
    for (const MergeCandidate& head : heads) {
        QString text = head.id;
        if (!head.message.isEmpty())
            text += QStringLiteral("  ") + head.message;
        if (!head.branchLabels.isEmpty())
            text += QStringLiteral("  [%1]").arg(head.branchLabels.join(QStringLiteral(", ")));
        auto* item = new QListWidgetItem(text, m_heads);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        item->setData(Qt::UserRole, head.id);
        item->setToolTip(tr("Space toggles whether %1 is joined").arg(head.id));
        if (!head.branchLabels.isEmpty())
            labelSets.insert(head.branchLabels.join(QLatin1Char(',')));
    }
    if (m_heads->count() > 0)
        m_heads->setCurrentRow(0);
    layout->addWidget(m_heads, 1);

    auto* form = new QFormLayout;
    m_message = new QLineEdit(QStringLiteral("merge heads"), this);
    m_message->setObjectName(QStringLiteral("mergeMessage"));
    m_message->setPlaceholderText(tr("no message (Alembic's default)"));
    m_message->setClearButtonEnabled(true);
    form->addRow(tr("&Message:"), m_message);
    auto* where = new QLabel(QStringLiteral("<tt>%1</tt>").arg(QDir::toNativeSeparators(versionsDir).toHtmlEscaped()), this);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    where->setWordWrap(true);
    form->addRow(tr("New file in:"), where);
    m_command = new QLabel(this);
    m_command->setObjectName(QStringLiteral("mergeCommand"));
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setWordWrap(true);
    form->addRow(tr("Same as:"), m_command);
    layout->addLayout(form);

    // Heads on differently labelled branches are often separate on purpose (Alembic's
    // "multiple bases" pattern): say so before they are joined.
    m_labelWarning = new QLabel(tr("These heads are on separately labelled branches. Merge them only if they are meant to "
                                   "be one history again; otherwise upgrade with \"heads\" or <label>@head."),
                                this);
    m_labelWarning->setWordWrap(true);
    m_labelWarning->setVisible(labelSets.size() > 1);
    layout->addWidget(m_labelWarning);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = m_buttons->addButton(tr("&Create Merge Revision"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createMergeButton"));
    m_create->setIcon(QIcon(QStringLiteral(":/icons/actions/merge.svg")));
    m_create->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_heads, &QListWidget::itemChanged, this, &MergeHeadsDialog::update);
    connect(m_message, &QLineEdit::textChanged, this, &MergeHeadsDialog::update);
    update();
    m_message->setFocus();
    m_message->selectAll();
    resize(600, 340);
}

MergeHeadsRequest MergeHeadsDialog::request() const
{
    MergeHeadsRequest request;
    for (int row = 0; row < m_heads->count(); ++row) {
        const QListWidgetItem* item = m_heads->item(row);
        if (item->checkState() == Qt::Checked)
            request.revisions << item->data(Qt::UserRole).toString();
    }
    request.message = m_message->text().trimmed();
    return request;
}

void MergeHeadsDialog::update()
{
    const MergeHeadsRequest current = request();
    const bool enough = current.revisions.size() >= 2;
    m_create->setEnabled(enough);
    m_create->setToolTip(enough ? QString() : tr("Tick at least two heads to merge."));
    m_command->setText(current.commandLine());
}

} // namespace retort::app
