#pragma once

#include "app/run/RunController.h"
#include "core/common/Error.h"
#include "core/graph/Planner.h"
#include "core/lint/LintReport.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

namespace retort::app {

class ElidedLabel;
class ReviewView;
class RunReview;

// The Review dock: every finding of the safety review of the pending plan - the database's heads
// to the selected revision (the SQL preview's plan, reviewed over the preview's own SQL), or to
// the heads when nothing is selected (reviewed here) - sortable, with the selected finding's fix.
// Activating a finding asks the window to select its revision and show its statement.
class ReviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewPanel(QWidget* parent = nullptr);
    ~ReviewPanel() override;

    // The review of the plan titled `title` is being made (by the SQL preview).
    void showRunning(const QString& title);
    void showReport(const QString& title, const lint::LintReport& report);
    void showError(const QString& title, const Error& error);
    // No review to show (nothing pending, not PostgreSQL, ...): why.
    void showMessage(const QString& message);
    // Reviews `plan` itself (RunReview: its own render through Alembic); `exactCounts`: the
    // tables' rows counted instead of estimated.
    void reviewPlan(const QString& title, const Plan& plan, const RunContext& context, bool exactCounts = false);

    [[nodiscard]] const std::optional<lint::LintReport>& report() const { return m_report; }
    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] ReviewView* reviewView() const { return m_view; }
    [[nodiscard]] bool isReviewing() const;
    // The report shown counted its tables' rows (Count Rows Exactly), rather than estimating them.
    [[nodiscard]] bool hasExactCounts() const { return m_exact; }
    [[nodiscard]] QPushButton* exactCountsButton() const { return m_exactButton; }

Q_SIGNALS:
    // The report shown changed (a new review, or none): the graph's badges follow it.
    void reportChanged();
    // A finding was activated: its revision, its step in the plan and its line in the step's SQL.
    void findingActivated(const QString& revision, int stepIndex, int line);
    // The user asked for the shown plan's review with exact row counts.
    void exactCountsRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void setReport(std::optional<lint::LintReport> report);
    void refreshStatus();

    ElidedLabel* m_titleLabel = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_empty = nullptr;
    QPushButton* m_exactButton = nullptr;
    ReviewView* m_view = nullptr;
    RunReview* m_own = nullptr; // the review of a plan the preview does not show
    QString m_title;
    QString m_message;
    std::optional<lint::LintReport> m_report;
    bool m_running = false;
    bool m_exact = false;
};

} // namespace retort::app
