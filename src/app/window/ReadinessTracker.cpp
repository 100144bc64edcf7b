#include "app/window/ReadinessTracker.h"

namespace retort::app {

void ReadinessTracker::reset()
{
    m_pending = int(Step::Project) | int(Step::Database) | int(Step::Selection);
    m_ready = false;
}

void ReadinessTracker::markDone(Step step)
{
    m_pending &= ~int(step);
    check();
}

void ReadinessTracker::markPending(Step step)
{
    if (!m_ready)
        m_pending |= int(step);
}

void ReadinessTracker::check()
{
    if (m_ready || m_pending != 0)
        return;
    m_ready = true;
    Q_EMIT ready();
}

} // namespace retort::app
