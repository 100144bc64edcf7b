#include "app/run/RunProgressPanel.h"

#include "app/graph/RevisionGraphModel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace retort::app {

namespace {

// Paints a step as "text ........ [progress bar] elapsed".
class StepDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override
    {
        return {300, option.fontMetrics.height() + 12};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        opt.text.clear();
        QStyle* style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, option.widget);

        const auto state = RunStepsModel::State(index.data(RunStepsModel::StateRole).toInt());
        const int barWidth = qMin(220, option.rect.width() / 3);
        const QRect textRect = option.rect.adjusted(8, 0, -(barWidth + 16), 0);
        const QRect barRect(option.rect.right() - barWidth - 8, option.rect.top() + 4, barWidth, option.rect.height() - 8);

        painter->save();
        QFont font = option.font;
        font.setBold(state == RunStepsModel::State::Running);
        painter->setFont(font);
        QColor ink = option.palette.color(QPalette::Text);
        if (state == RunStepsModel::State::Failed)
            ink = QColor(0xd6, 0x45, 0x45);
        else if (state == RunStepsModel::State::Waiting || state == RunStepsModel::State::Cancelled)
            ink = option.palette.color(QPalette::PlaceholderText);
        painter->setPen(ink);
        painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                          QFontMetrics(font).elidedText(text, Qt::ElideMiddle, textRect.width()));
        painter->restore();

        QStyleOptionProgressBar bar;
        bar.rect = barRect;
        bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
        bar.direction = option.direction;
        bar.palette = option.palette;
        bar.fontMetrics = option.fontMetrics;
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = index.data(RunStepsModel::ProgressRole).toInt();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        const qint64 ms = index.data(RunStepsModel::ElapsedRole).toLongLong();
        switch (state) {
        case RunStepsModel::State::Waiting: bar.text = QCoreApplication::translate("RunProgressPanel", "waiting"); break;
        case RunStepsModel::State::Running: bar.text = QCoreApplication::translate("RunProgressPanel", "running…"); break;
        case RunStepsModel::State::Done:
            bar.text = QCoreApplication::translate("RunProgressPanel", "done in %1 ms").arg(ms);
            break;
        case RunStepsModel::State::Failed: bar.text = QCoreApplication::translate("RunProgressPanel", "failed"); break;
        case RunStepsModel::State::Cancelled: bar.text = QCoreApplication::translate("RunProgressPanel", "not run"); break;
        }
        if (state == RunStepsModel::State::Failed)
            bar.palette.setColor(QPalette::Highlight, QColor(0xd6, 0x45, 0x45));
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

} // namespace

RunStepsModel::RunStepsModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void RunStepsModel::setSteps(const QVector<Step>& steps)
{
    beginResetModel();
    m_steps = steps;
    endResetModel();
}

void RunStepsModel::setState(int row, State state, qint64 elapsedMs)
{
    if (row < 0 || row >= m_steps.size())
        return;
    m_steps[row].state = state;
    m_steps[row].elapsedMs = elapsedMs;
    Q_EMIT dataChanged(index(row), index(row));
}

int RunStepsModel::rowOfRevision(const QString& revision, State state) const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps.at(i).revision == revision && m_steps.at(i).state == state)
            return i;
    }
    return -1;
}

void RunStepsModel::tick()
{
    m_pulse = (m_pulse + 7) % 90;
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps.at(i).state == State::Running)
            Q_EMIT dataChanged(index(i), index(i), {ProgressRole});
    }
}

int RunStepsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

QVariant RunStepsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Step& step = m_steps.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return step.text;
    case Qt::ToolTipRole: return step.revision;
    case StateRole: return int(step.state);
    case RevisionRole: return step.revision;
    case ElapsedRole: return step.elapsedMs;
    case ProgressRole:
        switch (step.state) {
        case State::Waiting:
        case State::Cancelled: return 0;
        case State::Running: return 10 + m_pulse;
        case State::Done:
        case State::Failed: return 100;
        }
        return 0;
    default: return {};
    }
}

RunProgressPanel::RunProgressPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(6);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(tr("No run yet. Select a revision and use Upgrade, Downgrade or Stamp."), this);
    m_title->setObjectName(QStringLiteral("runTitle"));
    m_title->setWordWrap(true);
    top->addWidget(m_title, 1);
    m_cancel = new QPushButton(QIcon(QStringLiteral(":/icons/actions/cancel.svg")), tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelRunButton"));
    m_cancel->setEnabled(false);
    top->addWidget(m_cancel);
    layout->addLayout(top);
    m_overall = new QProgressBar(this);
    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_overall->setRange(0, 1);
    m_overall->setValue(0);
    m_overall->setFormat(tr("%v of %m steps"));
    layout->addWidget(m_overall);
    m_model = new RunStepsModel(this);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("runStepList"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new StepDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_list, 1);
    m_outcome = new QLabel(this);
    m_outcome->setObjectName(QStringLiteral("runOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_outcome);

    m_pulse.setInterval(120);
    connect(&m_pulse, &QTimer::timeout, m_model, &RunStepsModel::tick);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_outcome->setText(tr("Cancelling… Alembic is asked to stop and roll back."));
        Q_EMIT cancelRequested();
    });
}

void RunProgressPanel::begin(const RunRequest& request)
{
    QVector<RunStepsModel::Step> steps;
    if (request.kind == RunKind::Stamp) {
        RunStepsModel::Step s;
        s.revision = request.target;
        s.text = tr("Stamp %1").arg(request.targetLabel);
        steps << s;
    } else {
        int n = 0;
        for (const PlanStep& p : request.plan.steps) {
            RunStepsModel::Step s;
            s.revision = p.revision;
            s.text = QStringLiteral("%1. %2").arg(++n).arg(ApplyConfirmDialog::stepText(p));
            steps << s;
        }
    }
    m_model->setSteps(steps);
    m_done = 0;
    m_overall->setRange(0, qMax(1, int(steps.size())));
    m_overall->setValue(0);
    QString verb;
    switch (request.kind) {
    case RunKind::Upgrade: verb = tr("Upgrading"); break;
    case RunKind::Downgrade: verb = tr("Downgrading"); break;
    case RunKind::Stamp: verb = tr("Stamping"); break;
    }
    m_title->setText(tr("<b>%1</b> %2 to %3").arg(verb, request.databaseLabel.toHtmlEscaped(), request.targetLabel.toHtmlEscaped()));
    m_outcome->setText(tr("Starting Alembic…"));
    m_cancel->setEnabled(true);
    m_running = true;
    m_pulse.start();
}

void RunProgressPanel::stepStarted(const StepEvent& step)
{
    int row = m_model->rowOfRevision(step.revision, RunStepsModel::State::Waiting);
    if (row < 0 && step.isStamp)
        row = 0;
    m_model->setState(row, RunStepsModel::State::Running);
    if (row >= 0)
        m_list->scrollTo(m_model->index(row));
    m_outcome->setText(tr("Running %1 (%2 of %3)…").arg(step.revision).arg(step.index + 1).arg(step.total));
}

void RunProgressPanel::stepFinished(const StepEvent& step)
{
    int row = m_model->rowOfRevision(step.revision, RunStepsModel::State::Running);
    if (row < 0 && step.isStamp)
        row = 0;
    m_model->setState(row, RunStepsModel::State::Done, step.elapsedMs);
    m_overall->setValue(++m_done);
}

void RunProgressPanel::finish(const JobResult& result)
{
    m_running = false;
    m_pulse.stop();
    m_cancel->setEnabled(false);
    const QVector<RunStepsModel::Step>& steps = m_model->steps();
    for (int i = 0; i < steps.size(); ++i) {
        const RunStepsModel::State s = steps.at(i).state;
        if (s == RunStepsModel::State::Running)
            m_model->setState(i, result.ok ? RunStepsModel::State::Done : RunStepsModel::State::Failed);
        else if (s == RunStepsModel::State::Waiting)
            m_model->setState(i, result.ok ? RunStepsModel::State::Done : RunStepsModel::State::Cancelled);
    }
    if (!result.ok && !result.failedRevision.isEmpty()) {
        for (int i = 0; i < steps.size(); ++i) {
            if (steps.at(i).revision == result.failedRevision && steps.at(i).state != RunStepsModel::State::Done)
                m_model->setState(i, RunStepsModel::State::Failed);
        }
    }
    if (result.ok)
        m_overall->setValue(m_overall->maximum());
    QString text;
    if (result.ok)
        text = tr("Finished in %1 ms.").arg(result.elapsedMs);
    else if (result.cancelled)
        text = tr("Cancelled.");
    else
        text = tr("Failed: %1").arg(result.error.message);
    if (!result.outcome.isEmpty())
        text += QLatin1Char(' ') + result.outcome;
    for (const QString& d : result.discrepancies)
        text += QStringLiteral("\n• ") + d;
    m_outcome->setText(text);
}

QString RunProgressPanel::outcomeText() const
{
    return m_outcome->text();
}

} // namespace retort::app
