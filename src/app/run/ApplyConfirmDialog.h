#pragma once

#include "core/graph/Planner.h"
#include "core/lint/LintReport.h"
#include "core/workspace/RunPlanner.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QPushButton;
class QStringListModel;

namespace retort::app {

class ReviewView;
class RunReview;
struct RunConfirmation;

// Before a run: the exact steps, and the safety review of their SQL (issue #16) - a summary per
// severity, the findings (rule, table, lock, rewrite or full read, weight, fix), the sessions
// holding locks on the tables, and for downgrades the rows that would be lost. Run stays disabled
// while the review is running (it shows its progress and can be stopped); once it is in, or has
// failed and says why, the run can be confirmed.
//
// A downgrade, a stamp, and anything against a non-local host need an explicit tick that names
// the host (or the SQLite file). When rows would be lost, or the database is a production one,
// the database name must be typed instead.
class ApplyConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    // Without a review (a stamp, or a caller that reviews nothing).
    explicit ApplyConfirmDialog(const RunRequest& request, QWidget* parent = nullptr);
    // With a review section (not for a stamp) showing the review of the plan (running or
    // finished); without one (null) the section says "Not reviewed" until the show* slots fill it.
    explicit ApplyConfirmDialog(const RunConfirmation& confirmation, QWidget* parent = nullptr);

    [[nodiscard]] bool needsExplicitConfirmation() const { return m_confirm != nullptr && !m_typedNeeded; }
    [[nodiscard]] bool needsTypedName() const { return m_typedNeeded; }
    [[nodiscard]] QStringList stepTexts() const;
    [[nodiscard]] QCheckBox* confirmationCheckBox() const { return m_confirm; }
    [[nodiscard]] QLineEdit* typedNameEdit() const { return m_typedName; }
    [[nodiscard]] QPushButton* runButton() const;
    [[nodiscard]] ReviewView* reviewView() const { return m_review; }
    // The review's state line ("Reviewing…", the summary, or why there is none).
    [[nodiscard]] QString reviewStatusText() const;
    // The review is in, failed, or there is none: the run may be confirmed.
    [[nodiscard]] bool isReviewSettled() const { return m_reviewSettled; }
    [[nodiscard]] const std::optional<lint::LintReport>& reviewReport() const { return m_report; }

    static bool needsExplicitConfirmation(const RunRequest& request);
    // The database name must be typed: a production database, or rows would be lost.
    static bool needsTypedName(const RunRequest& request, const lint::LintReport* report);
    static QString stepText(const PlanStep& step);

public Q_SLOTS:
    void showReviewRunning(int steps);
    void showReview(const lint::LintReport& report);
    // The review does not apply (not PostgreSQL, nothing runs): said, and the run may go on.
    void showReviewUnavailable(const Error& why);
    void showReviewFailed(const Error& error);

private:
    bool settleReview();
    void build(const RunRequest& request, bool withReview);
    void attach(RunReview* review);
    void updateTypedConfirmation();
    void updateRunButton();
    void setReviewStatus(const QString& html);

    RunRequest m_request;
    QCheckBox* m_confirm = nullptr;
    QWidget* m_typedRow = nullptr;
    QLabel* m_typedLabel = nullptr;
    QLineEdit* m_typedName = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QListView* m_stepList = nullptr;
    QStringListModel* m_steps = nullptr;
    QGroupBox* m_reviewBox = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_stopReview = nullptr;
    QLabel* m_reviewStatus = nullptr;
    ReviewView* m_review = nullptr;
    std::optional<lint::LintReport> m_report;
    bool m_reviewSettled = true;
    bool m_typedNeeded = false;
    bool m_nothingToDo = false;
};

} // namespace retort::app
