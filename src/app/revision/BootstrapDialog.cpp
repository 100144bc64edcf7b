#include "app/revision/BootstrapDialog.h"

#include "app/editor/PythonEditor.h"
#include "app/revision/SchemaChangeView.h"
#include "core/db/DatabaseUrl.h"
#include "core/exec/SchemaChangeReport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

namespace {

enum Page { OptionsPage, WorkingPage, ReviewPage };

// The stamp combo's item data: the target ("" = no stamp).
constexpr int TargetRole = Qt::UserRole;

QLabel* wrappedLabel(QWidget* parent, const QString& name = {})
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (!name.isEmpty())
        label->setObjectName(name);
    return label;
}

} // namespace

BootstrapDialog::BootstrapDialog(SnapshotPtr snapshot, InterpreterChoice python, ConnectionTarget target, QWidget* parent)
    : QDialog(parent)
    , m_snapshot(std::move(snapshot))
    , m_python(std::move(python))
    , m_target(std::move(target))
{
    setWindowTitle(tr("Bootstrap History"));
    setObjectName(QStringLiteral("BootstrapDialog"));
    m_situation = Bootstrap::analyse(*m_snapshot);

    auto* layout = new QVBoxLayout(this);
    m_summary = wrappedLabel(this, QStringLiteral("summary"));
    layout->addWidget(m_summary);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages, 1);
    m_problem = wrappedLabel(this, QStringLiteral("problem"));
    m_problem->setStyleSheet(QStringLiteral("color: palette(highlighted-text); background: #b3261e; padding: 4px;"));
    m_problem->hide();
    layout->addWidget(m_problem);

    // Page one: the options.
    auto* options = new QWidget(m_pages);
    auto* form = new QFormLayout(options);
    form->setContentsMargins(0, 0, 0, 0);
    m_message = new QLineEdit(QStringLiteral("initial schema"), options);
    m_message->setObjectName(QStringLiteral("message"));
    form->addRow(tr("&Message:"), m_message);
    m_revisionId = new QLineEdit(options);
    m_revisionId->setObjectName(QStringLiteral("revisionId"));
    m_revisionId->setPlaceholderText(m_situation.kind == BootstrapSituation::Kind::MissingFirstRevision
                                         ? tr("optional: a new id (%1, the missing id, needs no edit of %2)")
                                               .arg(m_situation.missingId, m_situation.firstRevision)
                                         : tr("optional: a new id like Alembic's"));
    form->addRow(tr("Revision &id:"), m_revisionId);
    m_serverScratch = new QCheckBox(options);
    m_serverScratch->setObjectName(QStringLiteral("serverScratch"));
    m_scratchNote = wrappedLabel(options);
    form->addRow(tr("Scratch:"), m_scratchNote);
    form->addRow(QString(), m_serverScratch);
    const QString database = m_target.isSet() ? m_target.redacted() : tr("none connected: nothing will be stamped");
    QLabel* databaseLabel = wrappedLabel(options, QStringLiteral("database"));
    databaseLabel->setText(database);
    form->addRow(tr("Database:"), databaseLabel);

    ScratchRequest request = scratchRequest();
    if (request.dialect == Dialect::SQLite) {
        m_scratchNote->setText(tr("a temporary SQLite file, removed afterwards"));
        form->setRowVisible(m_serverScratch, false);
    } else {
        request.serverConsent = false;
        request.allowLocalCluster = true;
        const Result<ScratchPlan> cluster = ScratchDatabase::plan(request);
        m_scratchNote->setText(cluster && cluster->kind == ScratchKind::LocalCluster
                                   ? tr("%1, removed afterwards").arg(cluster->description)
                                   : tr("no local PostgreSQL server binaries: Retort needs a scratch database on your server"));
        request.serverConsent = true;
        request.allowLocalCluster = false;
        const Result<ScratchPlan> server = ScratchDatabase::plan(request);
        if (server && server->kind == ScratchKind::ServerDatabase) {
            m_serverScratch->setText(tr("Use a scratch &database on the server instead: %1 (created and dropped)").arg(server->description));
        } else {
            form->setRowVisible(m_serverScratch, false);
        }
    }
    m_pages->addWidget(options);

    // Page two: the work in progress.
    auto* working = new QWidget(m_pages);
    auto* workingLayout = new QVBoxLayout(working);
    m_progressText = wrappedLabel(working, QStringLiteral("progress"));
    m_progress = new QProgressBar(working);
    m_progress->setRange(0, 0);
    workingLayout->addStretch();
    workingLayout->addWidget(m_progressText);
    workingLayout->addWidget(m_progress);
    workingLayout->addStretch();
    m_pages->addWidget(working);

    // Page three: every step, before it runs. The decisions (2-4) stay in view; the file and
    // what it creates share the room left.
    auto* review = new QWidget(m_pages);
    auto* reviewLayout = new QVBoxLayout(review);
    reviewLayout->setContentsMargins(0, 0, 0, 0);
    auto* fileBox = new QGroupBox(tr("1. The initial revision"), review);
    auto* fileLayout = new QVBoxLayout(fileBox);
    m_fileLabel = wrappedLabel(fileBox, QStringLiteral("fileLabel"));
    fileLayout->addWidget(m_fileLabel);
    auto* tabs = new QTabWidget(fileBox);
    m_changes = new SchemaChangeView(tabs);
    m_changes->setBlindSpotsShown(false);
    tabs->addTab(m_changes, tr("&Tables"));
    m_file = new PythonEditor(tabs);
    m_file->setObjectName(QStringLiteral("initialRevision"));
    m_file->setReadOnly(true);
    tabs->addTab(m_file, tr("&File"));
    fileLayout->addWidget(tabs, 1);
    reviewLayout->addWidget(fileBox, 1);

    auto* relinkBox = new QGroupBox(tr("2. Connect the history"), review);
    relinkBox->setObjectName(QStringLiteral("relinkGroup"));
    auto* relinkLayout = new QVBoxLayout(relinkBox);
    m_relink = new QCheckBox(relinkBox);
    m_relink->setObjectName(QStringLiteral("relink"));
    relinkLayout->addWidget(m_relink);
    m_relinkDiff = new QLabel(relinkBox);
    m_relinkDiff->setObjectName(QStringLiteral("relinkDiff"));
    m_relinkDiff->setTextFormat(Qt::RichText);
    m_relinkDiff->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_relinkDiff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    relinkLayout->addWidget(m_relinkDiff);
    reviewLayout->addWidget(relinkBox);

    auto* verifyBox = new QGroupBox(tr("3. Verification"), review);
    auto* verifyLayout = new QVBoxLayout(verifyBox);
    m_verify = wrappedLabel(verifyBox, QStringLiteral("verify"));
    verifyLayout->addWidget(m_verify);
    reviewLayout->addWidget(verifyBox);

    auto* stampBox = new QGroupBox(tr("4. Stamp the database"), review);
    auto* stampLayout = new QFormLayout(stampBox);
    m_stamp = new QComboBox(stampBox);
    m_stamp->setObjectName(QStringLiteral("stamp"));
    stampLayout->addRow(tr("&Stamp at:"), m_stamp);
    m_stampReason = wrappedLabel(stampBox, QStringLiteral("stampReason"));
    stampLayout->addRow(m_stampReason);
    reviewLayout->addWidget(stampBox);
    m_pages->addWidget(review);

    auto* buttons = new QDialogButtonBox(this);
    m_back = buttons->addButton(tr("&Back"), QDialogButtonBox::ResetRole);
    m_prepare = buttons->addButton(tr("&Prepare…"), QDialogButtonBox::ActionRole);
    m_prepare->setObjectName(QStringLiteral("prepare"));
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("apply"));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(m_prepare, &QPushButton::clicked, this, &BootstrapDialog::prepare);
    connect(m_apply, &QPushButton::clicked, this, &BootstrapDialog::apply);
    connect(m_back, &QPushButton::clicked, this, [this] {
        m_pages->setCurrentIndex(OptionsPage);
        m_proposal.reset();
        updateApply();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &BootstrapDialog::reject);
    connect(m_relink, &QCheckBox::toggled, this, &BootstrapDialog::updateApply);

    if (m_situation.blocker) {
        m_summary->setText(tr("Retort cannot bootstrap this history: %1").arg(m_situation.blocker->message));
        showProblem(*m_situation.blocker);
    } else if (m_situation.kind == BootstrapSituation::Kind::None) {
        m_summary->setText(tr("The history has its initial revision: there is nothing to bootstrap. For a database built "
                              "with create_all, stamp the revision its schema matches (the doctor names it)."));
    } else if (m_situation.kind == BootstrapSituation::Kind::NoHistory) {
        m_summary->setText(tr("The project has no revisions yet. Retort generates the initial revision from the models "
                              "(env.py's target_metadata) on a scratch database and, when your database already has "
                              "exactly that schema, stamps it. Each step is shown before anything is written."));
    } else {
        m_summary->setText(tr("The history starts at %1 (%2), whose down_revision %3 no file defines: the initial "
                              "migration was never generated, and Alembic refuses every command until it exists. Retort "
                              "computes it on a scratch database (the schema %1 starts from), connects %1 to it and, "
                              "when your database matches, stamps it. Each step is shown before anything is written.")
                               .arg(m_situation.firstRevision, QFileInfo(m_situation.firstPath).fileName(), m_situation.missingId));
    }
    m_pages->setCurrentIndex(OptionsPage);
    updateApply();
    resize(760, 640);
}

BootstrapDialog::~BootstrapDialog()
{
    if (m_cancel)
        m_cancel->store(true);
}

ScratchRequest BootstrapDialog::scratchRequest() const
{
    // The connected database's kind, else the project's URL's (SQLite when neither says).
    const QString projectUrl = m_snapshot->project.config.sqlalchemyUrl;
    const std::optional<Dialect> dialect = DatabaseUrl::dialectOfScheme(m_target.isSet() ? m_target.url : projectUrl);
    ScratchRequest request = ScratchDatabase::request(dialect.value_or(Dialect::SQLite), m_target.url, projectUrl);
    request.production = m_target.kind == ConnectionKind::Production;
    return request;
}

bool BootstrapDialog::isWorking() const
{
    return m_working;
}

void BootstrapDialog::reject()
{
    if (m_working && m_cancel) {
        m_cancel->store(true);
        m_progressText->setText(tr("Stopping…"));
        return; // the worker ends soon and the dialog shows why
    }
    QDialog::reject();
}

void BootstrapDialog::setWorking(const QString& what)
{
    m_working = !what.isEmpty();
    m_problem->hide();
    if (m_working) {
        m_progressText->setText(what);
        m_pages->setCurrentIndex(WorkingPage);
    }
    updateApply();
}

void BootstrapDialog::updateApply()
{
    const int page = m_pages->currentIndex();
    const bool applicable = m_situation.applicable();
    m_prepare->setVisible(page == OptionsPage);
    m_prepare->setEnabled(applicable && !m_working);
    m_back->setVisible(page == ReviewPage);
    m_back->setEnabled(!m_working);
    m_apply->setVisible(page == ReviewPage);
    bool ready = page == ReviewPage && m_proposal && !m_working;
    if (ready && m_proposal->relinks)
        ready = m_relink->isChecked();
    m_apply->setEnabled(ready);
    m_apply->setToolTip(m_proposal && m_proposal->relinks && !m_relink->isChecked()
                            ? tr("Tick the edit of %1 first: the history is connected only through it").arg(m_proposal->situation.firstRevision)
                            : QString());
}

void BootstrapDialog::showProblem(const Error& error)
{
    QString text = error.message;
    if (!error.path.isEmpty())
        text += QStringLiteral(" (%1%2)").arg(QFileInfo(error.path).fileName(), error.line > 0 ? QStringLiteral(":%1").arg(error.line) : QString());
    if (!error.hint.isEmpty())
        text += QStringLiteral("\n") + error.hint;
    m_problem->setText(text);
    m_problem->show();
}

void BootstrapDialog::prepare()
{
    if (m_working || !m_situation.applicable())
        return;
    BootstrapOptions options;
    options.message = m_message->text().trimmed();
    options.revisionId = m_revisionId->text().trimmed();
    ScratchRequest scratch = scratchRequest();
    scratch.serverConsent = m_serverScratch->isChecked();
    scratch.allowLocalCluster = !m_serverScratch->isChecked();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    setWorking(tr("Computing the initial revision on a scratch database…"));

    QPointer<BootstrapDialog> self(this);
    const SnapshotPtr snapshot = m_snapshot;
    const InterpreterChoice interpreter = m_python;
    // Production: Retort proposes no stamp (the graph's Stamp asks for the database name).
    const QString liveUrl = m_target.kind == ConnectionKind::Production ? QString() : m_target.url;
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    auto* watcher = new QFutureWatcher<Result<BootstrapProposal>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        onPrepared(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([snapshot, interpreter, options, scratch, liveUrl, cancel, self]() -> Result<BootstrapProposal> {
        const Result<PythonCommand> python = PythonLocator::locate(QFileInfo(snapshot->project.config.configFile).absolutePath(), interpreter);
        if (!python)
            return python.error();
        return Bootstrap::prepare(*snapshot, *python, options, scratch, liveUrl, cancel.get(), [self](const QString& step) {
            QMetaObject::invokeMethod(
                self, [self, step] {
                    if (self && self->m_working)
                        self->m_progressText->setText(step);
                },
                Qt::QueuedConnection);
        });
    }));
}

void BootstrapDialog::onPrepared(const Result<BootstrapProposal>& proposal)
{
    const bool cancelled = m_cancel && m_cancel->load();
    setWorking({});
    if (!proposal) {
        m_pages->setCurrentIndex(OptionsPage);
        updateApply();
        if (cancelled) {
            m_problem->setText(tr("Stopped: nothing was written."));
            m_problem->show();
            return;
        }
        showProblem(proposal.error());
        Q_EMIT failed(proposal.error());
        return;
    }
    m_proposal = *proposal;
    showProposal(*m_proposal);
    m_pages->setCurrentIndex(ReviewPage);
    updateApply();
    Q_EMIT proposalShown();
}

void BootstrapDialog::showProposal(const BootstrapProposal& p)
{
    const QDir projectDir = QFileInfo(m_snapshot->project.config.configFile).absoluteDir();
    m_fileLabel->setText(tr("Write %1 (revision %2), created by the project's script.py.mako. It creates %n table(s):", nullptr,
                            int(p.initialTables.size()))
                             .arg(QDir::toNativeSeparators(projectDir.relativeFilePath(p.destination)), p.revisionId));
    AutogenerateReview review;
    AutogenerateScript script;
    script.revision = p.revisionId;
    script.changes = p.changes;
    review.scripts << script;
    m_changes->showReview(tr("Computed on %1. Only tables, columns, indexes and constraints are in it: views, triggers, "
                             "functions and sequences of your database are not.")
                              .arg(p.scratchDescription),
                          review);
    m_file->setReadOnly(false);
    m_file->setText(p.fileText);
    m_file->setReadOnly(true);

    QWidget* relinkGroup = m_relink->parentWidget();
    relinkGroup->setVisible(p.situation.kind == BootstrapSituation::Kind::MissingFirstRevision);
    if (p.relinks) {
        m_relink->setText(tr("&Edit %1: point its down_revision at %2").arg(QDir::toNativeSeparators(projectDir.relativeFilePath(p.relinkPath)), p.revisionId));
        m_relink->setEnabled(true);
        m_relink->setChecked(false);
        m_relinkDiff->setText(QStringLiteral("<span style='color:#b3261e'>%1 - %2</span><br><span style='color:#2e7d32'>%1 + %3</span>")
                                  .arg(QString::number(p.relinkLine).rightJustified(4, QLatin1Char(' ')).toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")),
                                       p.relinkBefore.toHtmlEscaped(), p.relinkAfter.toHtmlEscaped()));
        m_relinkDiff->show();
    } else {
        m_relink->setText(tr("%1 already names %2 as its down_revision: no edit needed").arg(p.situation.firstRevision, p.revisionId));
        m_relink->setChecked(true);
        m_relink->setEnabled(false);
        m_relinkDiff->hide();
    }

    if (p.verifyDrift.isEmpty()) {
        m_verify->setText(tr("An empty database upgraded to the new heads (%1) has exactly the models' schema.")
                              .arg(p.newHeads.join(QStringLiteral(", "))));
    } else {
        m_verify->setText(tr("An empty database upgraded to the new heads (%1) differs from the models in %n place(s): a "
                             "revision after the initial one does not match them.\n%2",
                             nullptr, int(p.verifyDrift.size()))
                              .arg(p.newHeads.join(QStringLiteral(", ")), SchemaChangeReport::text(p.verifyDrift, QStringLiteral("  "))));
    }

    m_stamp->clear();
    m_stamp->addItem(tr("Do not stamp"), QString());
    const bool canStamp = !p.databaseUrl.isEmpty() && p.databaseError.isEmpty() && !p.databaseVersioned;
    if (canStamp) {
        QStringList targets = p.newHeads;
        if (!targets.contains(p.revisionId))
            targets << p.revisionId;
        for (const QString& id : targets) {
            m_stamp->addItem(id == p.revisionId ? tr("%1 — the initial revision").arg(id)
                                                : tr("%1 — a head of the new history").arg(id),
                             id);
        }
        if (!p.stampTarget.isEmpty()) {
            int at = m_stamp->findData(p.stampTarget, TargetRole);
            if (at < 0) {
                m_stamp->addItem(p.stampTarget, p.stampTarget);
                at = m_stamp->count() - 1;
            }
            m_stamp->setCurrentIndex(at);
        }
    }
    m_stamp->setEnabled(canStamp);
    const QString heads = p.newHeads.join(QStringLiteral(", "));
    QString reason;
    if (p.databaseUrl.isEmpty())
        reason = tr("No database connected: nothing is stamped.");
    else if (!p.databaseError.isEmpty())
        reason = tr("The database could not be read (%1): nothing is stamped.").arg(p.databaseError);
    else if (p.databaseVersioned)
        reason = tr("The database already records %1 in its version table: nothing is stamped.").arg(p.databaseHeads.join(QStringLiteral(", ")));
    else if (p.databaseTables.isEmpty())
        reason = tr("The database has no tables: nothing is stamped (upgrade it instead).");
    else if (p.schemaDifference.isEmpty())
        reason = tr("The database's schema is exactly the one the new history builds at %1: stamping records that without "
                    "running anything.").arg(heads);
    else
        reason = tr("The database's schema differs from the one the new history builds at %1, so no stamp is proposed: "
                    "choose the revision it matches after checking the differences below.").arg(heads);
    if (m_target.kind == ConnectionKind::Production)
        reason = tr("The connection is a production one: stamp it from the graph's Stamp action, which asks for the "
                    "database name.");
    if (!p.schemaDifference.isEmpty())
        reason += QStringLiteral("\n") + tr("%1 against the new heads' schema:").arg(p.databaseUrl) + QStringLiteral("\n") + p.schemaDifference;
    m_stampReason->setText(reason);
}

void BootstrapDialog::apply()
{
    if (m_working || !m_proposal)
        return;
    BootstrapProposal proposal = *m_proposal;
    proposal.options.relink = m_relink->isChecked();
    proposal.stampTarget = m_stamp->currentData(TargetRole).toString();
    const QString liveUrl = m_target.kind == ConnectionKind::Production ? QString() : m_target.url;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    setWorking(proposal.stampTarget.isEmpty() ? tr("Writing the initial revision…") : tr("Writing the initial revision and stamping %1…").arg(proposal.stampTarget));
    const SnapshotPtr snapshot = m_snapshot;
    const InterpreterChoice interpreter = m_python;
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    auto* watcher = new QFutureWatcher<Result<BootstrapOutcome>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        onApplied(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([snapshot, interpreter, proposal, liveUrl, cancel]() -> Result<BootstrapOutcome> {
        const Result<PythonCommand> python = PythonLocator::locate(QFileInfo(snapshot->project.config.configFile).absolutePath(), interpreter);
        if (!python)
            return python.error();
        return Bootstrap::apply(*snapshot, proposal, *python, liveUrl, cancel.get());
    }));
}

void BootstrapDialog::onApplied(const Result<BootstrapOutcome>& outcome)
{
    setWorking({});
    m_pages->setCurrentIndex(ReviewPage);
    updateApply();
    if (!outcome) {
        showProblem(outcome.error());
        Q_EMIT failed(outcome.error());
        return;
    }
    m_outcome = *outcome;
    accept();
}

} // namespace retort::app
