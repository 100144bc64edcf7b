#include "app/review/ReviewPanel.h"

#include "app/review/ReviewFormat.h"
#include "app/review/ReviewModel.h"
#include "app/review/ReviewView.h"
#include "app/run/RunReview.h"
#include "app/widgets/ElidedLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace retort::app {

ReviewPanel::ReviewPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("reviewPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* header = new QWidget(this);
    auto* headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(8, 4, 8, 4);
    headerLayout->setSpacing(2);
    m_titleLabel = new ElidedLabel(header);
    m_titleLabel->setObjectName(QStringLiteral("reviewTitle"));
    m_titleLabel->setElideMode(Qt::ElideRight);
    QFont bold = m_titleLabel->font();
    bold.setBold(true);
    m_titleLabel->setFont(bold);
    m_titleLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    headerLayout->addWidget(m_titleLabel);
    m_status = new QLabel(header);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(0, 0, 0, 0);
    statusRow->addWidget(m_status, 1);
    // The weights come from the planner's estimates; counting is on demand (it reads every row).
    m_exactButton = new QPushButton(tr("Count Rows Exactly"), header);
    m_exactButton->setObjectName(QStringLiteral("reviewExactCounts"));
    m_exactButton->setToolTip(tr("Review again with count(*) of every table the plan touches instead of the planner's estimates "
                                 "(reads every row of them)"));
    m_exactButton->hide();
    statusRow->addWidget(m_exactButton, 0, Qt::AlignTop);
    headerLayout->addLayout(statusRow);
    layout->addWidget(header);
    connect(m_exactButton, &QPushButton::clicked, this, &ReviewPanel::exactCountsRequested);

    m_view = new ReviewView(this);
    layout->addWidget(m_view, 1);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("reviewEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    layout->addWidget(m_empty, 1);

    connect(m_view, &ReviewView::findingActivated, this, [this](int index) {
        if (!m_report || index < 0 || index >= m_report->findings.size())
            return;
        const lint::Finding& finding = m_report->findings.at(index);
        Q_EMIT findingActivated(finding.revision, finding.stepIndex, finding.line);
    });
    showMessage(tr("Select a revision to review the SQL that takes the database there."));
}

ReviewPanel::~ReviewPanel() = default;

bool ReviewPanel::isReviewing() const
{
    return m_running;
}

QString ReviewPanel::statusText() const
{
    return m_status->text();
}

void ReviewPanel::setReport(std::optional<lint::LintReport> report)
{
    m_report = std::move(report);
    if (m_report)
        m_view->setReport(*m_report);
    else
        m_view->clear();
    const bool findings = m_report && (!m_report->findings.isEmpty() || !m_report->blockingSessions.isEmpty());
    m_view->setVisible(findings);
    m_empty->setVisible(!findings);
    m_exactButton->setVisible(m_report && m_report->live && !m_exact && !m_report->tables.isEmpty());
    refreshStatus();
    Q_EMIT reportChanged();
}

void ReviewPanel::refreshStatus()
{
    m_titleLabel->setFullText(m_title.isEmpty() ? tr("Safety review") : m_title);
    if (m_running) {
        m_status->setText(tr("Reviewing the SQL: locks, rewrites, data loss, and who holds the tables now…").toHtmlEscaped());
        m_empty->setText(tr("Reviewing…"));
        return;
    }
    if (m_report) {
        QString status = ReviewFormat::summaryHtml(*m_report, palette());
        status += QStringLiteral(" — ")
                  + (m_report->live ? tr("weighed against the database").toHtmlEscaped()
                                    : tr("offline (no row counts)").toHtmlEscaped());
        if (!m_report->liveNote.isEmpty())
            status += QStringLiteral("<br/><i>%1</i>").arg(m_report->liveNote.toHtmlEscaped());
        m_status->setText(status);
        m_empty->setText(tr("No findings: nothing in this plan locks a table for long, rewrites one, or loses data."));
        return;
    }
    m_status->setText(m_message.toHtmlEscaped());
    m_empty->setText(m_message);
}

void ReviewPanel::showRunning(const QString& title)
{
    if (m_own) {
        m_own->deleteLater(); // the panel's own review is superseded
        m_own = nullptr;
    }
    m_title = title;
    m_message.clear();
    m_running = true;
    m_exact = false;
    setReport(std::nullopt);
}

void ReviewPanel::showReport(const QString& title, const lint::LintReport& report)
{
    m_title = title;
    m_message.clear();
    m_running = false;
    setReport(report);
}

void ReviewPanel::showError(const QString& title, const Error& error)
{
    m_title = title;
    m_running = false;
    m_message = tr("The review failed: %1").arg(error.message);
    setReport(std::nullopt);
}

void ReviewPanel::showMessage(const QString& message)
{
    if (m_own) {
        m_own->deleteLater();
        m_own = nullptr;
    }
    m_title.clear();
    m_running = false;
    m_message = message;
    setReport(std::nullopt);
}

void ReviewPanel::reviewPlan(const QString& title, const Plan& plan, const RunContext& context, bool exactCounts)
{
    showRunning(title);
    auto* review = new RunReview(this);
    m_own = review;
    connect(review, &RunReview::finished, this, [this, review, title, exactCounts] {
        if (review != m_own)
            return;
        m_own = nullptr;
        review->deleteLater();
        switch (review->state()) {
        case RunReview::State::Done:
            m_exact = exactCounts;
            showReport(title, *review->report());
            break;
        case RunReview::State::Unavailable:
            m_title = title;
            m_running = false;
            m_message = review->error().message;
            setReport(std::nullopt);
            break;
        default: showError(title, review->error()); break;
        }
    });
    review->start(plan, context, exactCounts);
}

void ReviewPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        refreshStatus();
    QWidget::changeEvent(event);
}

} // namespace retort::app
