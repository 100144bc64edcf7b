#include "app/revision/NewRevisionDialog.h"

#include "app/revision/RevisionController.h"
#include "app/revision/SchemaChangeView.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace retort::app {

namespace {

// The parent combo's item data: the --head value ("" = Alembic's "head", "base" = a new root).
constexpr int HeadRole = Qt::UserRole;

QString shortMessage(const QString& message)
{
    return message.size() > 48 ? message.left(47) + QChar(0x2026) : message;
}

} // namespace

NewRevisionDialog::NewRevisionDialog(SnapshotPtr snapshot, InterpreterChoice python, QString overrideUrl, const QString& parentId,
                                     QWidget* parent)
    : QDialog(parent)
    , m_snapshot(std::move(snapshot))
    , m_python(std::move(python))
    , m_overrideUrl(std::move(overrideUrl))
{
    setWindowTitle(tr("New Revision"));
    setObjectName(QStringLiteral("NewRevisionDialog"));
    m_controller = new RevisionController(this);
    connect(m_controller, &RevisionController::reviewed, this, &NewRevisionDialog::onReviewed);
    connect(m_controller, &RevisionController::written, this, &NewRevisionDialog::onWritten);

    auto* layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages, 1);

    // Page one: the options.
    auto* form = new QWidget(m_pages);
    auto* formLayout = new QFormLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    m_message = new QLineEdit(form);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setPlaceholderText(tr("What the revision does, e.g. add orders table"));
    formLayout->addRow(tr("&Message:"), m_message);

    auto* kind = new QWidget(form);
    auto* kindLayout = new QVBoxLayout(kind);
    kindLayout->setContentsMargins(0, 0, 0, 0);
    m_empty = new QRadioButton(tr("&Empty: upgrade() and downgrade() to write yourself"), kind);
    m_autogenerate = new QRadioButton(tr("&Autogenerate from the models: compare env.py's target_metadata with the database"), kind);
    m_empty->setChecked(true);
    auto* kindGroup = new QButtonGroup(kind);
    kindGroup->addButton(m_empty);
    kindGroup->addButton(m_autogenerate);
    kindLayout->addWidget(m_empty);
    kindLayout->addWidget(m_autogenerate);
    formLayout->addRow(tr("Contents:"), kind);

    m_parent = new QComboBox(form);
    m_parent->setObjectName(QStringLiteral("parent"));
    const RevisionGraph& graph = m_snapshot->graph;
    if (graph.heads().size() <= 1)
        m_parent->addItem(tr("The head (Alembic's default)"), QString());
    for (const int head : graph.heads()) {
        const Revision& r = graph.at(head);
        m_parent->addItem(tr("%1 — %2 (head)").arg(r.id, shortMessage(r.message)), r.id);
    }
    m_parent->addItem(tr("base — a new root, with no parent"), QStringLiteral("base"));
    const int selected = parentId.isEmpty() ? -1 : graph.indexOf(parentId);
    if (selected >= 0) {
        int at = m_parent->findData(parentId, HeadRole);
        if (at < 0) {
            const Revision& r = graph.at(selected);
            m_parent->addItem(tr("%1 — %2 (not a head: a new branch)").arg(r.id, shortMessage(r.message)), r.id);
            at = m_parent->count() - 1;
        }
        m_parent->setCurrentIndex(at);
    }
    formLayout->addRow(tr("&Parent:"), m_parent);

    m_splice = new QCheckBox(tr("&Splice: branch from a revision that is not a head (--splice)"), form);
    formLayout->addRow(QString(), m_splice);
    m_branchLabel = new QLineEdit(form);
    m_branchLabel->setObjectName(QStringLiteral("branchLabel"));
    m_branchLabel->setPlaceholderText(tr("optional: a label naming a new branch"));
    formLayout->addRow(tr("Branch &label:"), m_branchLabel);
    m_dependsOn = new QLineEdit(form);
    m_dependsOn->setObjectName(QStringLiteral("dependsOn"));
    m_dependsOn->setPlaceholderText(tr("optional: revisions or branch labels, separated by commas"));
    formLayout->addRow(tr("&Depends on:"), m_dependsOn);
    m_revisionId = new QLineEdit(form);
    m_revisionId->setObjectName(QStringLiteral("revisionId"));
    m_revisionId->setPlaceholderText(tr("optional: Alembic generates one"));
    formLayout->addRow(tr("Revision &id:"), m_revisionId);
    m_folder = new QComboBox(form);
    m_folder->setObjectName(QStringLiteral("folder"));
    m_folder->addItem(tr("Alembic's choice: the parent's folder"), QString());
    const QStringList locations = m_snapshot->project.config.versionLocations;
    const QDir projectDir = QFileInfo(m_snapshot->project.config.configFile).absoluteDir();
    for (const QString& location : locations)
        m_folder->addItem(QDir::toNativeSeparators(projectDir.relativeFilePath(location)), location);
    formLayout->addRow(tr("&Folder:"), m_folder);
    formLayout->setRowVisible(m_folder, locations.size() > 1);
    m_command = new QLabel(form);
    m_command->setObjectName(QStringLiteral("command"));
    m_command->setWordWrap(true);
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setForegroundRole(QPalette::PlaceholderText);
    formLayout->addRow(tr("Same as:"), m_command);
    m_pages->addWidget(form);

    // Page two: the review.
    m_changes = new SchemaChangeView(m_pages);
    m_pages->addWidget(m_changes);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette warn = m_problem->palette();
    warn.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    m_problem->setPalette(warn);
    layout->addWidget(m_problem);

    auto* progressRow = new QHBoxLayout;
    m_progressLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // Alembic reports no steps: busy until it answers
    m_progress->setMaximumHeight(12);
    m_progress->setTextVisible(false);
    progressRow->addWidget(m_progressLabel);
    progressRow->addWidget(m_progress, 1);
    layout->addLayout(progressRow);
    m_progressLabel->hide();
    m_progress->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_back = buttons->addButton(tr("&Back"), QDialogButtonBox::ResetRole);
    m_next = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_write = buttons->addButton(tr("&Write Revision"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_next->setDefault(true);
    // The button reads "Create Revision" or "Review Changes…": wide enough for both, no jump.
    int nextWidth = 0;
    for (const QString& text : {tr("&Review Changes…"), tr("&Create Revision")}) {
        m_next->setText(text);
        nextWidth = qMax(nextWidth, m_next->sizeHint().width());
    }
    m_next->setMinimumWidth(nextWidth);
    layout->addWidget(buttons);
    // The buttons act themselves: the box must not accept the dialog before Alembic wrote.
    connect(m_next, &QPushButton::clicked, this, &NewRevisionDialog::next);
    connect(m_write, &QPushButton::clicked, this, &NewRevisionDialog::writeNow);
    connect(m_back, &QPushButton::clicked, this, [this] {
        m_pages->setCurrentIndex(0);
        m_review.reset();
        validate();
    });
    connect(m_cancel, &QPushButton::clicked, this, &NewRevisionDialog::reject);

    for (QLineEdit* edit : {m_message, m_branchLabel, m_dependsOn, m_revisionId})
        connect(edit, &QLineEdit::textChanged, this, &NewRevisionDialog::validate);
    connect(m_autogenerate, &QRadioButton::toggled, this, &NewRevisionDialog::validate);
    connect(m_splice, &QCheckBox::toggled, this, &NewRevisionDialog::validate);
    connect(m_folder, &QComboBox::currentIndexChanged, this, &NewRevisionDialog::validate);
    connect(m_parent, &QComboBox::currentIndexChanged, this, [this] {
        // A parent that is not a head starts a branch: Alembic wants --splice for it.
        const QString head = m_parent->currentData(HeadRole).toString();
        const int index = m_snapshot->graph.indexOf(head);
        m_splice->setChecked(index >= 0 && !m_snapshot->graph.heads().contains(index));
        validate();
    });
    if (selected >= 0 && !graph.heads().contains(selected))
        m_splice->setChecked(true);
    resize(620, 460);
    validate();
}

NewRevisionDialog::~NewRevisionDialog() = default;

NewRevisionOptions NewRevisionDialog::options() const
{
    NewRevisionOptions options;
    options.message = m_message->text().trimmed();
    options.autogenerate = m_autogenerate->isChecked();
    options.head = m_parent->currentData(HeadRole).toString();
    options.splice = m_splice->isChecked();
    options.branchLabel = m_branchLabel->text().trimmed();
    for (const QString& dependency : m_dependsOn->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!dependency.trimmed().isEmpty())
            options.dependsOn << dependency.trimmed();
    }
    options.revisionId = m_revisionId->text().trimmed();
    options.versionPath = m_folder->currentData().toString();
    return options;
}

bool NewRevisionDialog::isWorking() const
{
    return m_controller->isRunning();
}

bool NewRevisionDialog::isReviewing() const
{
    return m_pages->currentIndex() == 1;
}

void NewRevisionDialog::validate()
{
    const bool busy = isWorking();
    const bool reviewing = isReviewing();
    const NewRevisionOptions opts = options();
    const Status valid = NewRevision::validate(opts, *m_snapshot);
    if (!reviewing)
        m_problem->setText(valid ? QString() : valid.error().message);
    m_problem->setVisible(!m_problem->text().isEmpty());
    const QString projectDir = QFileInfo(m_snapshot->project.config.configFile).absolutePath();
    m_command->setText(opts.commandLine(projectDir));
    m_next->setText(opts.autogenerate ? tr("&Review Changes…") : tr("&Create Revision"));
    m_next->setVisible(!reviewing);
    m_next->setEnabled(!busy && bool(valid));
    m_back->setVisible(reviewing);
    m_back->setEnabled(!busy);
    m_write->setVisible(reviewing);
    m_write->setEnabled(!busy && m_review && !m_review->dropped);
    m_write->setText(m_review && !m_review->hasChanges() ? tr("&Write Empty Revision") : tr("&Write Revision"));
    m_pages->widget(0)->setEnabled(!busy);
}

void NewRevisionDialog::setWorking(const QString& what)
{
    m_progressLabel->setText(what);
    m_progressLabel->setVisible(!what.isEmpty());
    m_progress->setVisible(!what.isEmpty());
    validate();
}

void NewRevisionDialog::next()
{
    const NewRevisionOptions opts = options();
    if (!NewRevision::validate(opts, *m_snapshot) || isWorking())
        return;
    m_problem->clear();
    if (opts.autogenerate) {
        if (m_controller->review(m_snapshot, opts, m_python, m_overrideUrl))
            setWorking(tr("Comparing the models with the database…"));
        return;
    }
    writeNow();
}

void NewRevisionDialog::writeNow()
{
    if (isWorking())
        return;
    m_problem->clear();
    const NewRevisionOptions opts = options();
    if (m_controller->write(m_snapshot, opts, m_python, m_overrideUrl, opts.autogenerate ? m_review : std::nullopt))
        setWorking(tr("Alembic is writing the revision…"));
}

void NewRevisionDialog::onReviewed(const AutogenerateReview& review, const Error& error)
{
    if (!error.code.isEmpty()) {
        setWorking(QString());
        showFailure(error);
        return;
    }
    m_review = review;
    const int count = int(review.allChanges().size());
    QString summary;
    if (review.dropped)
        summary = tr("env.py's process_revision_directives dropped the revision: Alembic would write nothing.");
    else if (count == 0)
        summary = tr("Autogenerate found no difference between the models and %1: the revision would be empty "
                     "(upgrade() and downgrade() with only pass).")
                      .arg(review.databaseUrl);
    else
        summary = tr("Autogenerate compared the models with %1 and proposes %n change(s). Read them before writing the revision:",
                     nullptr, count)
                      .arg(review.databaseUrl);
    m_changes->showReview(summary, review);
    m_pages->setCurrentIndex(1);
    setWorking(QString());
    m_write->setFocus();
    Q_EMIT reviewShown();
}

void NewRevisionDialog::onWritten(const QVector<WrittenRevision>& files, const Error& error)
{
    setWorking(QString());
    if (!error.code.isEmpty()) {
        showFailure(error);
        return;
    }
    m_written = files;
    if (files.isEmpty()) {
        showFailure(Error{QStringLiteral("revision-dropped"),
                          tr("Alembic wrote no file: env.py's process_revision_directives dropped the revision."), {}, {}, 0});
        return;
    }
    accept();
}

void NewRevisionDialog::showFailure(const Error& error)
{
    QString text = error.message;
    if (!error.hint.isEmpty())
        text += QLatin1Char('\n') + error.hint;
    m_problem->setText(text);
    m_problem->setVisible(true);
    Q_EMIT failed(error);
}

void NewRevisionDialog::reject()
{
    if (isWorking()) {
        // Stop Alembic first; the controller's result arrives as an error and closes nothing.
        m_controller->cancel();
    }
    QDialog::reject();
}

} // namespace retort::app
