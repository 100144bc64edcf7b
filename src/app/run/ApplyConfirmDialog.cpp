#include "app/run/ApplyConfirmDialog.h"

#include "app/connection/ConnectionKindStyle.h"
#include "app/review/ReviewFormat.h"
#include "app/review/ReviewView.h"
#include "app/run/RunReview.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProgressBar>
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

bool ApplyConfirmDialog::needsTypedName(const RunRequest& request, const lint::LintReport* report)
{
    return request.connectionKind == ConnectionKind::Production || (report && report->wouldLoseRows);
}

QString ApplyConfirmDialog::stepText(const PlanStep& step)
{
    const QString verb = step.direction == Direction::Upgrade ? tr("Upgrade") : tr("Downgrade");
    return tr("%1 %2 → %3").arg(verb, shortIds(step.fromRevisions), shortIds(step.toRevisions));
}

ApplyConfirmDialog::ApplyConfirmDialog(const RunRequest& request, QWidget* parent)
    : QDialog(parent)
{
    build(request, false);
}

ApplyConfirmDialog::ApplyConfirmDialog(const RunConfirmation& confirmation, QWidget* parent)
    : QDialog(parent)
{
    build(confirmation, !confirmation.isStamp());
    if (confirmation.review)
        attach(const_cast<RunReview*>(confirmation.review));
}

void ApplyConfirmDialog::build(const RunRequest& request, bool withReview)
{
    m_request = request;
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
    layout->setSpacing(8);
    auto* heading = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    heading->setWordWrap(true);
    layout->addWidget(heading);

    // The database, its kind (coloured) and whether the run sets a lock_timeout.
    QString dbHtml = tr("Database: <tt>%1</tt>").arg(request.databaseLabel.toHtmlEscaped());
    const ConnectionKind kind = request.connectionKind;
    dbHtml += QStringLiteral(" &nbsp;<span style=\"background:%1; color:%2; font-weight:600\">&nbsp;%3&nbsp;</span>")
                  .arg(ConnectionKindStyle::color(kind).name(), ConnectionKindStyle::textColor(kind).name(),
                       ConnectionKindStyle::text(kind).toUpper().toHtmlEscaped());
    if (request.kind != RunKind::Stamp)
        dbHtml += QStringLiteral("<br/>")
                  + (request.lockTimeoutMs > 0
                         ? tr("The run sets lock_timeout = %1 ms: a statement that waits longer for a lock fails instead "
                              "of queueing everything behind it.")
                               .arg(request.lockTimeoutMs)
                               .toHtmlEscaped()
                         : tr("No lock_timeout: a statement waiting for a lock waits as long as it takes (set one in the "
                              "connection profile).")
                               .toHtmlEscaped());
    auto* db = new QLabel(dbHtml, this);
    db->setObjectName(QStringLiteral("confirmDatabaseLabel"));
    db->setWordWrap(true);
    db->setTextFormat(Qt::RichText);
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
    m_stepList = new QListView(this);
    m_stepList->setObjectName(QStringLiteral("stepList"));
    m_stepList->setModel(m_steps);
    m_stepList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stepList->setSelectionMode(QAbstractItemView::NoSelection);
    m_stepList->setUniformItemSizes(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_stepList->setFont(mono);
    if (withReview) {
        // The findings need the room: a few steps show, the rest scroll.
        const int rows = qBound(2, int(lines.size()), 5);
        const int rowHeight = qMax(m_stepList->sizeHintForRow(0), m_stepList->fontMetrics().height() + 2);
        m_stepList->setMaximumHeight(rows * rowHeight + 2 * m_stepList->frameWidth() + 4);
    }
    layout->addWidget(m_stepList, withReview ? 0 : 1);

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

    if (withReview) {
        m_reviewBox = new QGroupBox(tr("Safety review"), this);
        m_reviewBox->setObjectName(QStringLiteral("reviewBox"));
        auto* box = new QVBoxLayout(m_reviewBox);
        box->setSpacing(6);
        auto* statusRow = new QHBoxLayout;
        m_progress = new QProgressBar(m_reviewBox);
        m_progress->setObjectName(QStringLiteral("reviewProgress"));
        m_progress->setRange(0, 0);
        m_progress->setTextVisible(false);
        m_progress->setMaximumWidth(120);
        m_progress->setMaximumHeight(12);
        statusRow->addWidget(m_progress);
        m_reviewStatus = new QLabel(m_reviewBox);
        m_reviewStatus->setObjectName(QStringLiteral("reviewStatus"));
        m_reviewStatus->setWordWrap(true);
        m_reviewStatus->setTextFormat(Qt::RichText);
        m_reviewStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        statusRow->addWidget(m_reviewStatus, 1);
        m_stopReview = new QPushButton(tr("S&top Review"), m_reviewBox);
        m_stopReview->setObjectName(QStringLiteral("stopReviewButton"));
        m_stopReview->setAutoDefault(false);
        m_stopReview->setToolTip(tr("Stop the review and confirm without it"));
        statusRow->addWidget(m_stopReview);
        box->addLayout(statusRow);
        m_review = new ReviewView(m_reviewBox);
        m_review->setObjectName(QStringLiteral("confirmReview"));
        m_review->setCompact(true);
        m_review->hide();
        box->addWidget(m_review, 1);
        layout->addWidget(m_reviewBox, 1);
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

    // Typing the database name: production databases, and plans that would lose rows.
    m_typedRow = new QWidget(this);
    auto* typedLayout = new QVBoxLayout(m_typedRow);
    typedLayout->setContentsMargins(0, 0, 0, 0);
    typedLayout->setSpacing(4);
    m_typedLabel = new QLabel(m_typedRow);
    m_typedLabel->setObjectName(QStringLiteral("typedNameLabel"));
    m_typedLabel->setWordWrap(true);
    m_typedLabel->setTextFormat(Qt::RichText);
    typedLayout->addWidget(m_typedLabel);
    m_typedName = new QLineEdit(m_typedRow);
    m_typedName->setObjectName(QStringLiteral("typedNameEdit"));
    m_typedName->setPlaceholderText(request.databaseName);
    m_typedLabel->setBuddy(m_typedName);
    typedLayout->addWidget(m_typedName);
    m_typedRow->hide();
    layout->addWidget(m_typedRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* run = m_buttons->addButton(request.kind == RunKind::Stamp ? tr("&Stamp")
                                            : request.kind == RunKind::Downgrade ? tr("&Downgrade")
                                                                                 : tr("&Upgrade"),
                                            QDialogButtonBox::AcceptRole);
    run->setObjectName(QStringLiteral("runButton"));
    run->setIcon(QIcon(iconPath));
    m_nothingToDo = request.kind != RunKind::Stamp && request.plan.steps.isEmpty();
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    if (m_confirm)
        connect(m_confirm, &QCheckBox::toggled, this, &ApplyConfirmDialog::updateRunButton);
    connect(m_typedName, &QLineEdit::textChanged, this, &ApplyConfirmDialog::updateRunButton);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (runButton()->isEnabled())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    m_reviewSettled = true; // until a review is attached (or said to be running)
    if (m_reviewBox) {
        m_progress->hide();
        m_stopReview->hide();
        setReviewStatus(tr("Not reviewed.").toHtmlEscaped());
    }
    updateTypedConfirmation();
    updateRunButton();
    resize(withReview ? QSize(900, 660) : QSize(560, 380));
}

void ApplyConfirmDialog::attach(RunReview* review)
{
    connect(m_stopReview, &QPushButton::clicked, review, &RunReview::cancel);
    const auto apply = [this, review] {
        switch (review->state()) {
        case RunReview::State::Idle:
        case RunReview::State::Running:
            showReviewRunning(review->stepCount());
            break;
        case RunReview::State::Done:
            showReview(*review->report());
            break;
        case RunReview::State::Failed:
            showReviewFailed(review->error());
            break;
        case RunReview::State::Unavailable:
            showReviewUnavailable(review->error());
            break;
        }
    };
    connect(review, &RunReview::finished, this, apply);
    apply();
}

void ApplyConfirmDialog::setReviewStatus(const QString& html)
{
    if (m_reviewStatus)
        m_reviewStatus->setText(html);
}

QString ApplyConfirmDialog::reviewStatusText() const
{
    return m_reviewStatus ? m_reviewStatus->text() : QString();
}

void ApplyConfirmDialog::showReviewRunning(int steps)
{
    if (!m_reviewBox)
        return;
    m_reviewSettled = false;
    m_progress->show();
    m_stopReview->show();
    m_review->hide();
    setReviewStatus(tr("Reviewing the SQL of %n step(s): locks, rewrites, data loss, and who holds the tables now…", nullptr, steps)
                        .toHtmlEscaped());
    updateRunButton();
}

void ApplyConfirmDialog::showReview(const lint::LintReport& report)
{
    if (!settleReview())
        return;
    m_report = report;
    QString status = ReviewFormat::summaryHtml(report, palette());
    if (report.live)
        status += QStringLiteral(" — ") + tr("weighed against the database").toHtmlEscaped();
    if (!report.liveNote.isEmpty())
        status += QStringLiteral("<br/><i>%1</i>").arg(report.liveNote.toHtmlEscaped());
    if (report.findings.isEmpty() && report.blockingSessions.isEmpty())
        status += QStringLiteral("<br/>") + tr("Nothing in this plan locks a table for long, rewrites one, or loses data.").toHtmlEscaped();
    setReviewStatus(status);
    m_review->setReport(report);
    m_review->setVisible(!report.findings.isEmpty() || !report.blockingSessions.isEmpty() || !report.dataLoss.isEmpty());
    updateTypedConfirmation();
    updateRunButton();
}

// The review has its answer (a report, or why there is none): the progress goes. False when the
// dialog has no review box.
bool ApplyConfirmDialog::settleReview()
{
    if (!m_reviewBox)
        return false;
    m_reviewSettled = true;
    m_progress->hide();
    m_stopReview->hide();
    return true;
}

void ApplyConfirmDialog::showReviewUnavailable(const Error& why)
{
    if (!settleReview())
        return;
    m_review->hide();
    QString text = tr("Not reviewed: %1").arg(why.message).toHtmlEscaped();
    if (!why.hint.isEmpty())
        text += QStringLiteral("<br/><i>%1</i>").arg(why.hint.toHtmlEscaped());
    setReviewStatus(text);
    updateRunButton();
}

void ApplyConfirmDialog::showReviewFailed(const Error& error)
{
    if (!settleReview())
        return;
    m_review->hide();
    const QColor color = ReviewFormat::severityColor(Severity::Warning, palette());
    QString text = QStringLiteral("<span style=\"color:%1; font-weight:600\">%2</span> %3")
                       .arg(color.name(), tr("The review failed:").toHtmlEscaped(), error.message.toHtmlEscaped());
    if (!error.hint.isEmpty())
        text += QStringLiteral("<br/><i>%1</i>").arg(error.hint.toHtmlEscaped());
    text += QStringLiteral("<br/>") + tr("The plan was not reviewed: check its SQL in the preview before you run it.").toHtmlEscaped();
    setReviewStatus(text);
    updateRunButton();
}

void ApplyConfirmDialog::updateTypedConfirmation()
{
    const bool production = m_request.connectionKind == ConnectionKind::Production;
    const bool losesRows = m_report && m_report->wouldLoseRows;
    m_typedNeeded = needsTypedName(m_request, m_report ? &*m_report : nullptr);
    const QString name = QStringLiteral("<b><tt>%1</tt></b>").arg(m_request.databaseName.toHtmlEscaped());
    QString why;
    if (production && losesRows)
        why = tr("This is a production database and rows would be lost.");
    else if (production)
        why = tr("This is a production database.");
    else if (losesRows)
        why = tr("Rows would be lost (see the review).");
    m_typedLabel->setText(QStringLiteral("%1 %2").arg(why.toHtmlEscaped(), tr("Type the database name, %1, to enable the run:").arg(name)));
    m_typedRow->setVisible(m_typedNeeded);
    // The typed name replaces the tick: it says more.
    if (m_confirm)
        m_confirm->setVisible(!m_typedNeeded);
    if (m_typedNeeded && isVisible())
        m_typedName->setFocus();
}

void ApplyConfirmDialog::updateRunButton()
{
    QPushButton* run = runButton();
    if (!run)
        return;
    bool ok = !m_nothingToDo && m_reviewSettled;
    if (m_typedNeeded)
        ok = ok && m_typedName->text().trimmed() == m_request.databaseName;
    else if (m_confirm)
        ok = ok && m_confirm->isChecked();
    run->setEnabled(ok);
}

QStringList ApplyConfirmDialog::stepTexts() const
{
    return m_steps->stringList();
}

QPushButton* ApplyConfirmDialog::runButton() const
{
    if (!m_buttons)
        return nullptr;
    for (QAbstractButton* b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            return qobject_cast<QPushButton*>(b);
    }
    return nullptr;
}

} // namespace retort::app
