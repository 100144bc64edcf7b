#include "app/run/RunController.h"

#include "core/log/Log.h"

#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

RunController::RunController(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<retort::StepEvent>();
    qRegisterMetaType<retort::JobResult>();
    qRegisterMetaType<retort::SqlSection>();
    m_thread.setObjectName(QStringLiteral("retort-run"));
    m_thread.start();
    connect(&m_locate, &QFutureWatcherBase::finished, this, &RunController::onPythonLocated);
}

RunController::~RunController()
{
    if (m_job)
        m_job->requestCancel();
    m_locate.waitForFinished();
    m_thread.quit();
    m_thread.wait(); // the job's run() returns soon after the cancel (the bridge terminates Python)
    delete m_job;    // its finished() was never delivered to us: the thread has ended, delete here
}

bool RunController::start(const RunRequest& request, const RunContext& context)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancelRequested = false;
    m_request = request;
    m_context = context;
    Q_EMIT runStarted(m_request);
    const QString projectDir = context.snapshot->project.config.rootDir;
    const InterpreterChoice choice = context.python;
    m_locate.setFuture(QtConcurrent::run([projectDir, choice] { return PythonLocator::locate(projectDir, choice); }));
    return true;
}

void RunController::onPythonLocated()
{
    const Result<PythonCommand> python = m_locate.result();
    if (!python || m_cancelRequested) {
        JobResult result;
        result.ok = false;
        result.cancelled = m_cancelRequested;
        result.error = python ? Error{QStringLiteral("cancelled"), tr("Cancelled before Alembic started."), {}, {}, 0}
                              : python.error();
        finish(result);
        return;
    }
    const JobRequest jobRequest = RunPlanner::jobRequest(*m_context.snapshot, m_request, *python, m_context.target, m_context.location);
    log::info(log::Area::Exec,
              tr("Running %1 %2 with %3").arg(bridgeOpName(jobRequest.bridge.op), m_request.target, python->description));

    auto* job = new AlembicJob(jobRequest);
    job->moveToThread(&m_thread);
    m_job = job;
    connect(job, &AlembicJob::stepStarted, this, &RunController::stepStarted);
    connect(job, &AlembicJob::stepFinished, this, &RunController::stepFinished);
    connect(job, &AlembicJob::logLine, this, &RunController::logLine);
    connect(job, &AlembicJob::finished, this, [this, job](const JobResult& result) {
        m_job = nullptr;
        job->deleteLater(); // deleted in its own thread
        finish(result);
    });
    QMetaObject::invokeMethod(job, &AlembicJob::start, Qt::QueuedConnection);
}

void RunController::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    if (m_job)
        m_job->requestCancel(); // thread-safe atomic store
}

void RunController::finish(const JobResult& result)
{
    m_running = false;
    Q_EMIT runFinished(result);
}

} // namespace retort::app
