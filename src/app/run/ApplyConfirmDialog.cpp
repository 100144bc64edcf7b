#include "app/run/ApplyConfirmDialog.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace retort::app {

namespace {

QString shortIds(const QStringList& ids)
{
    if (ids.isEmpty())
        return QCoreApplication::translate("ApplyConfirmDialog", "<base>");
    QStringList shortened;
    for (const QString& id : ids)
        shortened << id;
    return shortened.join(QStringLiteral(", "));
}

} // namespace

bool ApplyConfirmDialog::needsExplicitConfirmation(const RunRequest& request)
{
    return request.kind != RunKind::Upgrade || !request.isLocal;
}

QString ApplyConfirmDialog::stepText(const PlanStep& step)
{
    const QString verb = step.direction == Direction::Upgrade ? tr("Upgrade") : tr("Downgrade");
    return tr("%1 %2 → %3").arg(verb, shortIds(step.fromRevisions), shortIds(step.toRevisions));
}

ApplyConfirmDialog::ApplyConfirmDialog(const RunRequest& request, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("applyConfirmDialog"));
    const QString where = request.host.isEmpty() ? request.databaseName
                                                 : tr("%1 on %2").arg(request.databaseName, request.host);
    QString title;
    QString iconPath;
    switch (request.kind) {
    case RunKind::Upgrade:
        title = tr("Upgrade %1 to %2").arg(where, request.targetLabel);
        iconPath = QStringLiteral(":/icons/actions/upgrade.svg");
        break;
    case RunKind::Downgrade:
        title = tr("Downgrade %1 to %2").arg(where, request.targetLabel);
        iconPath = QStringLiteral(":/icons/actions/downgrade.svg");
        break;
    case RunKind::Stamp:
        title = tr("Stamp %1 with %2").arg(where, request.targetLabel);
        iconPath = QStringLiteral(":/icons/actions/stamp.svg");
        break;
    }
    setWindowTitle(title);
    setWindowIcon(QIcon(iconPath));

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    auto* heading = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    heading->setWordWrap(true);
    layout->addWidget(heading);

    auto* db = new QLabel(tr("Database: <tt>%1</tt>").arg(request.databaseLabel.toHtmlEscaped()), this);
    db->setWordWrap(true);
    db->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(db);

    QStringList lines;
    if (request.kind == RunKind::Stamp) {
        if (request.purge)
            lines << tr("Empty the version table (it holds %1), then record %2 there without running any migration.")
                         .arg(request.plan.currentHeads.isEmpty() ? tr("no rows") : request.plan.currentHeads.join(QStringLiteral(", ")),
                              request.target);
        else
            lines << tr("Record %1 in the version table without running any migration.").arg(request.target);
    } else {
        int n = 0;
        for (const PlanStep& step : request.plan.steps)
            lines << QStringLiteral("%1. %2").arg(++n).arg(stepText(step));
    }
    auto* summary = new QLabel(this);
    if (request.kind == RunKind::Stamp)
        summary->setText(tr("Stamping changes only the version table:"));
    else if (request.plan.steps.isEmpty())
        summary->setText(tr("Nothing to run: the database is already there."));
    else
        summary->setText(tr("Alembic will run these %n step(s), in this order:", nullptr, int(request.plan.steps.size())));
    layout->addWidget(summary);

    m_steps = new QStringListModel(lines, this);
    auto* list = new QListView(this);
    list->setObjectName(QStringLiteral("stepList"));
    list->setModel(m_steps);
    list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->setUniformItemSizes(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    list->setFont(mono);
    layout->addWidget(list, 1);

    auto* after = new QLabel(tr("Afterwards the version table holds: %1")
                                 .arg(request.plan.resultingHeads.isEmpty() ? tr("<base>")
                                                                            : request.plan.resultingHeads.join(QStringLiteral(", ")))
                                 .toHtmlEscaped(),
                             this);
    after->setWordWrap(true);
    after->setVisible(request.kind != RunKind::Stamp); // Alembic decides which rows a stamp replaces
    layout->addWidget(after);

    // What Retort found before the run (a stamp over a schema that is not the target's).
    if (!request.checks.isEmpty()) {
        QStringList items;
        for (const Problem& p : request.checks)
            items << QStringLiteral("<li>%1</li>").arg(p.message.toHtmlEscaped());
        auto* warnings = new QLabel(QStringLiteral("<b>%1</b><ul style=\"margin-left:-24px\">%2</ul><i>%3</i>")
                                        .arg(tr("Check before you go on:"), items.join(QString()),
                                             request.checks.constFirst().hint.toHtmlEscaped()),
                                    this);
        warnings->setObjectName(QStringLiteral("runWarnings"));
        warnings->setWordWrap(true);
        warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(warnings);
    }

    if (needsExplicitConfirmation(request)) {
        QString text;
        const QString host = request.host.isEmpty() ? request.databaseName : request.host;
        switch (request.kind) {
        case RunKind::Downgrade:
            text = tr("I understand this downgrade can drop tables and data on %1").arg(host);
            break;
        case RunKind::Stamp:
            text = tr("I understand stamping %1 changes what Alembic believes is applied there").arg(host);
            break;
        case RunKind::Upgrade:
            text = tr("I understand this runs migrations on the remote host %1").arg(host);
            break;
        }
        m_confirm = new QCheckBox(text, this);
        m_confirm->setObjectName(QStringLiteral("confirmHostCheckBox"));
        layout->addWidget(m_confirm);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* run = m_buttons->addButton(request.kind == RunKind::Stamp ? tr("&Stamp")
                                            : request.kind == RunKind::Downgrade ? tr("&Downgrade")
                                                                                 : tr("&Upgrade"),
                                            QDialogButtonBox::AcceptRole);
    run->setObjectName(QStringLiteral("runButton"));
    run->setIcon(QIcon(iconPath));
    const bool nothingToDo = request.kind != RunKind::Stamp && request.plan.steps.isEmpty();
    run->setEnabled(!m_confirm && !nothingToDo);
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    if (m_confirm) {
        connect(m_confirm, &QCheckBox::toggled, run, [run, nothingToDo](bool on) { run->setEnabled(on && !nothingToDo); });
    }
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    resize(560, 380);
}

QStringList ApplyConfirmDialog::stepTexts() const
{
    return m_steps->stringList();
}

QPushButton* ApplyConfirmDialog::runButton() const
{
    for (QAbstractButton* b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            return qobject_cast<QPushButton*>(b);
    }
    return nullptr;
}

} // namespace retort::app
