#pragma once

#include "app/run/ApplyConfirmDialog.h"
#include "core/exec/AlembicJob.h"

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QListView;
class QProgressBar;
class QPushButton;

namespace retort::app {

// The steps of a run and how far each has got (a model, so a 10,000-step run stays cheap).
class RunStepsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    // RolledBack: the step ran, but the database no longer holds it (its transaction was rolled
    // back with a later failure or a cancel).
    enum class State { Waiting, Running, Done, Failed, Cancelled, RolledBack };
    enum Role { StateRole = Qt::UserRole + 1, RevisionRole, ElapsedRole, ProgressRole };

    struct Step
    {
        QString revision;
        QString text;
        State state = State::Waiting;
        qint64 elapsedMs = 0;
    };

    explicit RunStepsModel(QObject* parent = nullptr);

    void setSteps(const QVector<Step>& steps);
    [[nodiscard]] const QVector<Step>& steps() const { return m_steps; }
    void setState(int row, State state, qint64 elapsedMs = 0);
    [[nodiscard]] int rowOfRevision(const QString& revision, State state) const;
    void tick(); // repaint running rows (pulse)

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QVector<Step> m_steps;
    int m_pulse = 0;
};

// The Run dock: one progress bar per step, an overall bar, Cancel, and the outcome.
class RunProgressPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunProgressPanel(QWidget* parent = nullptr);

    void begin(const RunRequest& request);
    void stepStarted(const StepEvent& step);
    void stepFinished(const StepEvent& step);
    void finish(const JobResult& result);

    [[nodiscard]] RunStepsModel* stepsModel() const { return m_model; }
    [[nodiscard]] QString outcomeText() const;
    [[nodiscard]] QString detailText() const; // Alembic's own error text, apart from the outcome
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    void cancelRequested();

private:
    RunStepsModel* m_model = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_outcome = nullptr;
    QLabel* m_detail = nullptr;
    RunRequest m_request;
    QProgressBar* m_overall = nullptr;
    QPushButton* m_cancel = nullptr;
    QListView* m_list = nullptr;
    QTimer m_pulse;
    QElapsedTimer m_stepTimer;
    bool m_running = false;
    int m_done = 0;
};

} // namespace retort::app
