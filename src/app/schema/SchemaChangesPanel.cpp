#include "app/schema/SchemaChangesPanel.h"

#include "app/graph/GraphPalette.h"
#include "app/schema/SchemaChangesModel.h"
#include "app/schema/TimeMachineController.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace retort::app {

namespace {

constexpr int kExpandAllBelow = 400; // rows; a bigger diff opens with its tables collapsed

QString shortId(const QString& id)
{
    return id.size() > 12 ? id.left(12) : id;
}

} // namespace

SchemaChangesPanel::SchemaChangesPanel(TimeMachineController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("schemaChangesPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("schemaChangesHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::PlainText);
    m_headline->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    layout->addWidget(m_headline);
    // A merge changed the schema differently against each parent: which one is compared.
    m_parentRow = new QWidget(this);
    auto* parentRow = new QHBoxLayout(m_parentRow);
    parentRow->setContentsMargins(0, 0, 0, 0);
    m_parents = new QComboBox(m_parentRow);
    m_parents->setObjectName(QStringLiteral("schemaChangesParent"));
    m_parents->setToolTip(tr("A merge changed the schema differently against each of its parents: choose which."));
    m_parents->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_parents->setMinimumContentsLength(24);
    auto* parentLabel = new QLabel(tr("Compare &with:"), m_parentRow);
    parentLabel->setBuddy(m_parents);
    parentRow->addWidget(parentLabel);
    parentRow->addWidget(m_parents, 1);
    m_parentRow->setVisible(false);
    layout->addWidget(m_parentRow);

    m_stack = new QStackedWidget(this);
    m_model = new SchemaChangesModel(this);
    m_view = new QTreeView(m_stack);
    m_view->setObjectName(QStringLiteral("schemaChangesView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAccessibleName(tr("Schema changes of the selected revision"));
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(int(SchemaChangesModel::Column::Object), QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(int(SchemaChangesModel::Column::Change), QHeaderView::ResizeToContents);
    m_stack->addWidget(m_view);

    auto* messagePage = new QWidget(m_stack);
    auto* messageLayout = new QVBoxLayout(messagePage);
    messageLayout->addStretch(1);
    m_message = new QLabel(messagePage);
    m_message->setObjectName(QStringLiteral("schemaChangesMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextFormat(Qt::PlainText);
    messageLayout->addWidget(m_message);
    m_compute = new QPushButton(tr("&Compute Schema History…"), messagePage);
    m_compute->setObjectName(QStringLiteral("computeSchemaHistory"));
    m_compute->setToolTip(tr("Run every migration with the project's Alembic on a scratch database and read the schema "
                             "after each revision (asks first)."));
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(m_compute);
    buttonRow->addStretch(1);
    messageLayout->addLayout(buttonRow);
    messageLayout->addStretch(2);
    m_stack->addWidget(messagePage);
    layout->addWidget(m_stack, 1);

    m_progressRow = new QWidget(this);
    auto* progress = new QHBoxLayout(m_progressRow);
    progress->setContentsMargins(0, 0, 0, 0);
    m_progressLabel = new QLabel(m_progressRow);
    m_progressLabel->setObjectName(QStringLiteral("schemaChangesProgressLabel"));
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setObjectName(QStringLiteral("schemaChangesProgress"));
    m_progress->setRange(0, 0);
    m_cancel = new QToolButton(m_progressRow);
    m_cancel->setObjectName(QStringLiteral("cancelSchemaHistory"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop computing; the scratch database is removed"));
    progress->addWidget(m_progressLabel, 1);
    progress->addWidget(m_progress, 1);
    progress->addWidget(m_cancel);
    m_progressRow->setVisible(false);
    layout->addWidget(m_progressRow);

    setFocusProxy(m_view);
    m_model->setDarkPalette(GraphPalette::isDark(palette()));

    connect(m_compute, &QPushButton::clicked, m_controller, &TimeMachineController::compute);
    connect(m_cancel, &QToolButton::clicked, m_controller, &TimeMachineController::cancel);
    connect(m_controller, &TimeMachineController::schemasChanged, this, &SchemaChangesPanel::refresh);
    connect(m_controller, &TimeMachineController::computingChanged, this, &SchemaChangesPanel::onComputingChanged);
    connect(m_controller, &TimeMachineController::progressChanged, this, &SchemaChangesPanel::onProgress);
    connect(m_controller, &TimeMachineController::computeFailed, this, [this](const QString&) { refresh(); });
    connect(m_parents, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    refresh();
}

void SchemaChangesPanel::showRevision(int index)
{
    if (index == m_revision && (index < 0 || !m_controller->graph() || m_controller->graph()->at(index).id == m_revisionId))
        return;
    m_revision = index;
    const RevisionGraph* graph = m_controller->graph();
    m_revisionId = graph && index >= 0 && index < graph->size() ? graph->at(index).id : QString();
    const QSignalBlocker block(m_parents);
    m_parents->clear();
    refresh();
}

QString SchemaChangesPanel::headline() const
{
    return m_headline->text();
}

QString SchemaChangesPanel::message() const
{
    return m_message->text();
}

bool SchemaChangesPanel::isShowingChanges() const
{
    return m_stack->currentWidget() == m_view;
}

void SchemaChangesPanel::showMessage(const QString& text, bool offerCompute)
{
    m_model->clear();
    m_message->setText(text);
    m_compute->setVisible(offerCompute);
    m_compute->setEnabled(offerCompute && m_controller->unavailableReason().isEmpty());
    m_stack->setCurrentIndex(1);
    m_parentRow->setVisible(false);
}

void SchemaChangesPanel::refresh()
{
    const RevisionGraph* graph = m_controller->graph();
    if (m_revision >= 0 && graph && (m_revision >= graph->size() || graph->at(m_revision).id != m_revisionId)) {
        // The project was reloaded: follow the revision by its id.
        m_revision = graph->indexOf(m_revisionId);
    }
    if (m_revision < 0 || !graph) {
        m_headline->setText(QString());
        showMessage(m_controller->lastError().isEmpty() ? tr("Select a revision to see what it changed in the schema.")
                                                        : m_controller->lastError(),
                    false);
        return;
    }
    const Revision& revision = graph->at(m_revision);
    const RevisionSchemas& schemas = m_controller->schemas();
    const QString label = revision.message.isEmpty() ? shortId(revision.id) : QStringLiteral("%1 (%2)").arg(shortId(revision.id), revision.message);
    m_headline->setText(label);

    if (const auto failed = schemas.failed.constFind(revision.id); failed != schemas.failed.constEnd()) {
        showMessage(tr("Upgrading to %1 failed on the scratch database:\n%2").arg(shortId(revision.id), failed->message), false);
        return;
    }
    if (schemas.unreachable.contains(revision.id)) {
        showMessage(tr("%1 was not reached: the upgrade of one of its ancestors failed on the scratch database.").arg(shortId(revision.id)),
                    false);
        return;
    }
    const QVector<RevisionChange> changes = TimeMachine::changesOf(*graph, m_revision, schemas);
    if (changes.isEmpty()) {
        const QString reason = m_controller->unavailableReason();
        if (m_controller->isComputing())
            showMessage(tr("Computing the schema history…"), false);
        else if (m_controller->isLoadingCache())
            showMessage(tr("Reading the schema history…"), false);
        else if (!reason.isEmpty())
            showMessage(reason, false);
        else
            showMessage((m_controller->lastError().isEmpty() ? QString() : m_controller->lastError() + QStringLiteral("\n\n"))
                            + tr("The schema at %1 has not been computed yet. Retort can compute the schema at every revision "
                                 "by running the project's migrations on a scratch database.")
                                  .arg(shortId(revision.id)),
                        true);
        return;
    }

    if (m_parents->count() != changes.size()) {
        const QSignalBlocker block(m_parents);
        m_parents->clear();
        for (const RevisionChange& c : changes) {
            if (c.parent.isEmpty()) {
                m_parents->addItem(tr("against an empty database (a base)"));
                continue;
            }
            const Revision& parent = graph->at(graph->indexOf(c.parent));
            const QString name = parent.message.isEmpty() ? shortId(parent.id) : QStringLiteral("%1 (%2)").arg(shortId(parent.id), parent.message);
            m_parents->addItem(c.againstDependency ? tr("against %1, a dependency").arg(name) : tr("against %1").arg(name), c.parent);
        }
    }
    m_parentRow->setVisible(changes.size() > 1);
    const RevisionChange& change = changes.at(qBound(0, m_parents->currentIndex(), int(changes.size()) - 1));
    const SchemaDiff& diff = change.diff;
    const QString against = change.parent.isEmpty() ? tr("an empty database") : shortId(change.parent);
    if (diff.isEmpty()) {
        m_headline->setText(tr("%1 changes nothing in the schema against %2 (no table, column, key, index or enum type; "
                               "a data migration, or a merge that joins without changes).")
                                .arg(label, against));
        m_model->clear();
    } else {
        m_headline->setText(tr("%1 against %2: %3 added, %4 removed, %5 changed")
                                .arg(label, against)
                                .arg(diff.count(ChangeKind::Added))
                                .arg(diff.count(ChangeKind::Removed))
                                .arg(diff.count(ChangeKind::Changed)));
        m_model->setDiff(diff);
        int rows = m_model->rowCount();
        for (int i = 0; i < m_model->rowCount(); ++i)
            rows += m_model->rowCount(m_model->index(i, 0));
        if (rows < kExpandAllBelow)
            m_view->expandAll();
        if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
            m_view->setCurrentIndex(m_model->index(0, 0));
    }
    m_stack->setCurrentIndex(0);
}

void SchemaChangesPanel::onComputingChanged(bool computing)
{
    m_progressRow->setVisible(computing);
    m_progress->setRange(0, 0);
    m_progressLabel->setText(computing ? tr("Preparing the scratch database…") : QString());
    refresh();
}

void SchemaChangesPanel::onProgress(int done, int total, const QString& revision, const QString& activity)
{
    m_progress->setRange(0, qMax(total, 1));
    m_progress->setValue(done);
    QString doing = activity;
    if (activity == QLatin1String("upgrade"))
        doing = tr("upgrading to");
    else if (activity == QLatin1String("inspect"))
        doing = tr("reading the schema at");
    m_progressLabel->setText(revision.isEmpty() ? tr("Finishing…")
                                                : tr("%1 of %2: %3 %4").arg(done + 1).arg(total).arg(doing, shortId(revision)));
}

void SchemaChangesPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setDarkPalette(GraphPalette::isDark(palette()));
    QWidget::changeEvent(event);
}

} // namespace retort::app
