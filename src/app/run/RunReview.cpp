#include "app/run/RunReview.h"

#include "core/lint/PlanLinter.h"
#include "core/log/Log.h"

#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

namespace {

Error cancelledError()
{
    return Error{QStringLiteral("cancelled"), RunReview::tr("The review was cancelled."), {}, {}, 0};
}

} // namespace

RunReview::RunReview(QObject* parent)
    : QObject(parent)
{
}

RunReview::~RunReview()
{
    if (m_cancel)
        m_cancel->store(true);
    // The watcher (a child) goes with us; the worker holds only copies and the shared flag.
}

void RunReview::start(const Plan& plan, const RunContext& context, bool exactCounts)
{
    if (m_cancel)
        m_cancel->store(true);
    delete m_watcher;
    m_watcher = nullptr;
    m_report.reset();
    m_error = Error{};
    m_steps = int(plan.steps.size());
    m_elapsedMs = 0;
    m_clock.start();

    Result<lint::PlanLintRequest> request =
        context.snapshot ? RunPlanner::reviewRequest(*context.snapshot, plan, context.target, context.location)
                         : Result<lint::PlanLintRequest>(Error{QStringLiteral("no-project"), tr("No project is open."), {}, {}, 0});
    if (!request) {
        m_state = State::Unavailable;
        m_error = request.error();
        m_cancel.reset();
        QMetaObject::invokeMethod(this, [this] { Q_EMIT finished(); }, Qt::QueuedConnection);
        return;
    }
    request->live.exactCounts = exactCounts;
    m_state = State::Running;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    const QString projectDir = context.snapshot->project.config.rootDir;
    const InterpreterChoice choice = context.python;
    m_watcher = new QFutureWatcher<Result<lint::LintReport>>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &RunReview::onFinished);
    m_watcher->setFuture(QtConcurrent::run([review = std::move(request).value(), projectDir, choice, cancel]() mutable
                                           -> Result<lint::LintReport> {
        const Result<PythonCommand> python = PythonLocator::locate(projectDir, choice);
        if (!python)
            return python.error();
        if (cancel->load())
            return cancelledError();
        review.python = *python;
        review.bridge.setProject(review.bridge.configFile, review.bridge.iniSection, *python);
        return lint::PlanLinter::run(review, cancel.get());
    }));
    Q_EMIT started();
}

void RunReview::cancel()
{
    if (m_state != State::Running)
        return;
    if (m_cancel)
        m_cancel->store(true);
    delete m_watcher; // its result is dropped
    m_watcher = nullptr;
    m_cancel.reset();
    m_state = State::Failed;
    m_error = cancelledError();
    m_elapsedMs = m_clock.elapsed();
    Q_EMIT finished();
}

void RunReview::onFinished()
{
    if (!m_watcher)
        return;
    Result<lint::LintReport> result = m_watcher->result();
    m_watcher->deleteLater();
    m_watcher = nullptr;
    m_cancel.reset();
    m_elapsedMs = m_clock.elapsed();
    if (result) {
        m_state = State::Done;
        m_report = std::move(result).value();
        log::info(log::Area::Exec, QStringLiteral("Reviewed %1 step(s) in %2 ms: %3 error(s), %4 warning(s)")
                                       .arg(m_steps)
                                       .arg(m_elapsedMs)
                                       .arg(m_report->count(Severity::Error))
                                       .arg(m_report->count(Severity::Warning)));
    } else {
        m_state = State::Failed;
        m_error = result.error();
        log::warn(log::Area::Exec, QStringLiteral("The review of the plan failed: %1").arg(m_error.message));
    }
    Q_EMIT finished();
}

} // namespace retort::app
