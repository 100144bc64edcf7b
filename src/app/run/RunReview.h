#pragma once

#include "app/run/RunController.h"
#include "core/common/Error.h"
#include "core/graph/Planner.h"
#include "core/lint/LintReport.h"
#include "core/workspace/RunPlanner.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

namespace retort::app {

// The safety review of a plan before it runs (issue #16): the plan's offline SQL from the
// project's own Alembic, read with PostgreSQL's parser and weighed against the live database
// (RunPlanner::reviewRequest + lint::PlanLinter, the same review as `retort-cli lint`). It runs on
// the thread pool and can be cancelled; the GUI thread never waits for it. A plan the review does
// not apply to (nothing runs, a database that is not PostgreSQL) ends Unavailable at once.
class RunReview : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Done, Failed, Unavailable };
    Q_ENUM(State)

    explicit RunReview(QObject* parent = nullptr);
    // Cancels a review in flight; its worker finishes on its own and its result is dropped.
    ~RunReview() override;

    // Starts reviewing `plan` against `context`'s database (a new start() drops the old review);
    // `exactCounts`: count(*) the tables the plan touches instead of the planner's estimates.
    // finished() follows, queued, also when the review is Unavailable.
    void start(const Plan& plan, const RunContext& context, bool exactCounts = false);
    // Stops the review (the bridge's Python is terminated): Failed with "cancelled".
    void cancel();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isFinished() const { return m_state == State::Done || m_state == State::Failed || m_state == State::Unavailable; }
    [[nodiscard]] const std::optional<lint::LintReport>& report() const { return m_report; }
    // Why the review failed or does not apply (empty code when it is Done or Running).
    [[nodiscard]] const Error& error() const { return m_error; }
    [[nodiscard]] int stepCount() const { return m_steps; }
    [[nodiscard]] qint64 elapsedMs() const { return m_elapsedMs; }

Q_SIGNALS:
    void started();
    void finished();

private:
    void onFinished();

    QFutureWatcher<Result<lint::LintReport>>* m_watcher = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QElapsedTimer m_clock;
    State m_state = State::Idle;
    std::optional<lint::LintReport> m_report;
    Error m_error;
    int m_steps = 0;
    qint64 m_elapsedMs = 0;
};

// What the confirmation before a run is given: the request and the safety review of its plan
// (running or finished; null for a stamp, which runs no migration). A handler written for a plain
// RunRequest still takes it.
struct RunConfirmation : RunRequest
{
    const RunReview* review = nullptr;
};

} // namespace retort::app
