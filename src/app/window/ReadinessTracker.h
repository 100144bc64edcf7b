#pragma once

#include <QObject>

namespace retort::app {

// When the window is "ready" after opening a project: the project is in (or failed), the
// database state is read (when there is a database), the initial selection is made, and the SQL
// preview it started has arrived. ready() is emitted once per opening, when the last one is done.
// `retort --screenshot/--report` and the tests wait for it.
class ReadinessTracker : public QObject
{
    Q_OBJECT
public:
    enum class Step { Project = 1, Database = 2, Selection = 4, Preview = 8 };

    explicit ReadinessTracker(QObject* parent = nullptr) : QObject(parent) {}

    // A new opening: every step is pending again (Preview only once one is started).
    void reset();
    void markDone(Step step);
    void markPending(Step step);
    [[nodiscard]] bool isDone(Step step) const { return (m_pending & int(step)) == 0; }
    [[nodiscard]] bool isReady() const { return m_ready; }

Q_SIGNALS:
    void ready();

private:
    void check();

    int m_pending = int(Step::Project) | int(Step::Database) | int(Step::Selection);
    bool m_ready = false;
};

} // namespace retort::app
