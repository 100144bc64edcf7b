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

#include <algorithm>

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
        else if (state == RunStepsModel::State::Waiting || state == RunStepsModel::State::Cancelled
                 || state == RunStepsModel::State::RolledBack)
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
        case RunStepsModel::State::Waiting: bar.text = RunProgressPanel::tr("waiting"); break;
        case RunStepsModel::State::Running: bar.text = RunProgressPanel::tr("running…"); break;
        case RunStepsModel::State::Done:
            bar.text = RunProgressPanel::tr("done in %1 ms").arg(ms);
            break;
        case RunStepsModel::State::Failed: bar.text = RunProgressPanel::tr("failed"); break;
        case RunStepsModel::State::Cancelled: bar.text = RunProgressPanel::tr("not run"); break;
        case RunStepsModel::State::RolledBack: bar.text = RunProgressPanel::tr("rolled back"); break;
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
        case State::Cancelled:
        case State::RolledBack: return 0;
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
    m_overall->setFormat(tr("%v of %n step(s)", nullptr, 0));
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
    m_outcome->setTextFormat(Qt::PlainText);
    m_outcome->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // wraps to the dock, never widens it
    layout->addWidget(m_outcome);
    // What Alembic said, apart from the outcome sentence: it can be long (SQLAlchemy appends
    // "(Background on this error at: ...)") and must not push the sentence out of sight.
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("runDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_detail->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont mono = m_detail->font();
    mono.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("monospace")});
    mono.setPointSizeF(mono.pointSizeF() * 0.92);
    m_detail->setFont(mono);
    m_detail->hide();
    layout->addWidget(m_detail);

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
    m_request = request;
    m_detail->clear();
    m_detail->hide();
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
    m_overall->setFormat(tr("%v of %n step(s)", nullptr, int(steps.size())));
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

namespace {

QStringList sortedIds(QStringList ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

QString revisionsText(const QStringList& heads)
{
    return heads.isEmpty() ? RunProgressPanel::tr("base (empty)") : heads.join(QStringLiteral(", "));
}

// Alembic's error for the detail line: its own lines kept, SQLAlchemy's link on a line of its own.
QString detailOf(const JobResult& result)
{
    QString text = result.error.message.trimmed();
    text.replace(QStringLiteral(" (Background on this error at:"), QStringLiteral("\n(Background on this error at:"));
    return text;
}

} // namespace

void RunProgressPanel::finish(const JobResult& result)
{
    m_running = false;
    m_pulse.stop();
    m_cancel->setEnabled(false);
    const QVector<RunStepsModel::Step>& steps = m_model->steps();
    const bool stamp = m_request.kind == RunKind::Stamp;

    // Where the database is now, re-read after the run, against the alembic_version rows each step
    // leaves (the plan's): the steps up to that point are kept, those after it were rolled back or
    // never ran. Nothing is assumed from the events alone.
    int reached = -1; // index of the last step the database holds; -1: none
    bool located = false;
    if (!stamp && result.versionKnown) {
        const QStringList now = sortedIds(result.versionAfter);
        if (now == sortedIds(m_request.plan.currentHeads))
            located = true;
        for (int i = int(m_request.plan.steps.size()) - 1; i >= 0 && !located; --i) {
            if (sortedIds(m_request.plan.steps.at(i).headsAfter) == now) {
                reached = i;
                located = true;
            }
        }
    }
    for (int i = 0; i < steps.size(); ++i) {
        const RunStepsModel::State s = steps.at(i).state;
        RunStepsModel::State next = s;
        if (result.ok)
            next = RunStepsModel::State::Done;
        else if (located && i <= reached)
            next = RunStepsModel::State::Done;
        else if (s == RunStepsModel::State::Done)
            next = located ? RunStepsModel::State::RolledBack : s;
        else if (s == RunStepsModel::State::Running)
            next = result.cancelled ? RunStepsModel::State::Cancelled : RunStepsModel::State::Failed;
        else if (s == RunStepsModel::State::Waiting)
            next = RunStepsModel::State::Cancelled;
        if (!result.ok && !result.failedRevision.isEmpty() && steps.at(i).revision == result.failedRevision
            && next != RunStepsModel::State::Done)
            next = RunStepsModel::State::Failed;
        if (next != s)
            m_model->setState(i, next, steps.at(i).elapsedMs);
    }
    int kept = 0;
    int rolledBack = 0;
    for (const RunStepsModel::Step& step : m_model->steps()) {
        kept += step.state == RunStepsModel::State::Done ? 1 : 0;
        rolledBack += step.state == RunStepsModel::State::RolledBack ? 1 : 0;
    }
    m_overall->setValue(result.ok ? m_overall->maximum() : kept);

    // The title says what happened, no longer what is happening.
    QString verb;
    switch (m_request.kind) {
    case RunKind::Upgrade: verb = result.ok ? tr("Upgraded") : result.cancelled ? tr("Upgrade cancelled") : tr("Upgrade failed"); break;
    case RunKind::Downgrade: verb = result.ok ? tr("Downgraded") : result.cancelled ? tr("Downgrade cancelled") : tr("Downgrade failed"); break;
    case RunKind::Stamp: verb = result.ok ? tr("Stamped") : result.cancelled ? tr("Stamp cancelled") : tr("Stamp failed"); break;
    }
    m_title->setText(tr("<b>%1</b> %2 to %3").arg(verb, m_request.databaseLabel.toHtmlEscaped(), m_request.targetLabel.toHtmlEscaped()));

    // One sentence people act on, in their language; Alembic's own words below it.
    const QString version = result.versionKnown ? revisionsText(result.versionAfter) : tr("unknown (it could not be read)");
    QStringList lines;
    if (result.ok) {
        lines << tr("Finished in %1 ms. alembic_version is now %2.").arg(result.elapsedMs).arg(version);
    } else {
        if (result.cancelled)
            lines << tr("Cancelled.");
        else if (!result.failedRevision.isEmpty())
            lines << tr("%1 failed.").arg(result.failedRevision);
        else
            lines << tr("Alembic failed before running a migration.");
        if (!stamp && located) {
            if (rolledBack > 0)
                lines << tr("%n step(s) that ran were rolled back.", nullptr, rolledBack);
            if (kept > 0)
                lines << tr("%n step(s) stay applied.", nullptr, kept);
            else
                lines << tr("Nothing was applied.");
        } else if (!stamp && result.versionKnown) {
            lines << tr("The database matches no step of the plan: check its schema.");
        }
        lines << tr("alembic_version is %1.").arg(version);
    }
    for (const QString& d : result.discrepancies)
        lines << QStringLiteral("• ") + d;
    m_outcome->setText(lines.join(QLatin1Char(' ')).replace(QStringLiteral(" • "), QStringLiteral("\n• ")));
    m_outcome->setToolTip(result.outcome);
    const QString detail = result.ok ? QString() : detailOf(result);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

QString RunProgressPanel::detailText() const
{
    return m_detail->text();
}

QString RunProgressPanel::outcomeText() const
{
    return m_outcome->text();
}

} // namespace retort::app
