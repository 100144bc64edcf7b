#include "app/window/InterpreterDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

InterpreterDialog::InterpreterDialog(const QString& projectDir, const InterpreterChoice& current, QWidget* parent)
    : QDialog(parent)
    , m_projectDir(projectDir)
{
    setWindowTitle(tr("Python Interpreter"));
    setObjectName(QStringLiteral("interpreterDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The Python that runs this project's Alembic (its env.py, its models, its revision files). "
                                "Retort remembers the choice for this project."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_auto = new QRadioButton(tr("&Detect automatically"), this);
    m_auto->setObjectName(QStringLiteral("autoRadio"));
    layout->addWidget(m_auto);
    m_detected = new QLabel(tr("Looking for the project's Python…"), this);
    m_detected->setObjectName(QStringLiteral("detectedLabel"));
    m_detected->setWordWrap(true);
    m_detected->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detected->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(m_detected);

    m_path = new QRadioButton(tr("&This interpreter:"), this);
    m_path->setObjectName(QStringLiteral("pathRadio"));
    layout->addWidget(m_path);
    auto* pathRow = new QHBoxLayout;
    pathRow->setContentsMargins(24, 0, 0, 0);
    m_pathEdit = new QLineEdit(current.interpreter, this);
    m_pathEdit->setObjectName(QStringLiteral("pathEdit"));
    m_pathEdit->setPlaceholderText(tr("/path/to/project/.venv/bin/python"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseButton"));
    pathRow->addWidget(m_pathEdit, 1);
    pathRow->addWidget(browse);
    layout->addLayout(pathRow);

    m_compose = new QRadioButton(tr("In a &compose service (docker compose exec):"), this);
    m_compose->setObjectName(QStringLiteral("composeRadio"));
    layout->addWidget(m_compose);
    auto* composeForm = new QFormLayout;
    composeForm->setContentsMargins(24, 0, 0, 0);
    m_serviceEdit = new QLineEdit(current.compose.service, this);
    m_serviceEdit->setObjectName(QStringLiteral("serviceEdit"));
    m_serviceEdit->setPlaceholderText(tr("api"));
    m_composeFileEdit = new QLineEdit(current.compose.composeFile, this);
    m_composeFileEdit->setObjectName(QStringLiteral("composeFileEdit"));
    m_composeFileEdit->setPlaceholderText(tr("(compose's own lookup from the project folder)"));
    composeForm->addRow(tr("&Service:"), m_serviceEdit);
    composeForm->addRow(tr("Compose &file:"), m_composeFileEdit);
    layout->addLayout(composeForm);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &InterpreterDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    if (!current.compose.service.isEmpty())
        m_compose->setChecked(true);
    else if (!current.interpreter.isEmpty())
        m_path->setChecked(true);
    else
        m_auto->setChecked(true);
    for (QRadioButton* radio : {m_auto, m_path, m_compose})
        connect(radio, &QRadioButton::toggled, this, &InterpreterDialog::updateEnabled);
    for (QLineEdit* edit : {m_pathEdit, m_serviceEdit, m_composeFileEdit})
        connect(edit, &QLineEdit::textEdited, m_problem, &QWidget::hide);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose the Project's Python"), m_projectDir);
        if (!file.isEmpty()) {
            m_pathEdit->setText(QDir::toNativeSeparators(file));
            m_path->setChecked(true);
        }
    });
    updateEnabled();
    resize(560, 360);
    detect();
}

void InterpreterDialog::detect()
{
    auto* watcher = new QFutureWatcher<Result<PythonCommand>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Result<PythonCommand> found = watcher->result();
        if (found)
            m_detected->setText(tr("Found: %1").arg(found->description)
                                + (found->notes.isEmpty() ? QString() : QStringLiteral("\n") + found->notes.join(QStringLiteral("; "))));
        else
            m_detected->setText(tr("Nothing found: %1").arg(found.error().message)
                                + (found.error().hint.isEmpty() ? QString() : QStringLiteral("\n") + found.error().hint));
    });
    const QString dir = m_projectDir;
    watcher->setFuture(QtConcurrent::run([dir] { return PythonLocator::locate(dir); }));
}

void InterpreterDialog::updateEnabled()
{
    m_pathEdit->setEnabled(m_path->isChecked());
    m_serviceEdit->setEnabled(m_compose->isChecked());
    m_composeFileEdit->setEnabled(m_compose->isChecked());
    m_problem->setVisible(false);
}

InterpreterChoice InterpreterDialog::choice() const
{
    InterpreterChoice choice;
    if (m_path->isChecked())
        choice.interpreter = QDir::fromNativeSeparators(m_pathEdit->text().trimmed());
    else if (m_compose->isChecked()) {
        choice.compose.service = m_serviceEdit->text().trimmed();
        choice.compose.composeFile = m_composeFileEdit->text().trimmed();
    }
    return choice;
}

QString InterpreterDialog::detectedText() const
{
    return m_detected->text();
}

QString InterpreterDialog::problemText() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void InterpreterDialog::accept()
{
    // A path must name an executable, a compose choice a service; Alembic's presence is checked
    // when the project loads with it (and said there).
    QString problem;
    if (m_path->isChecked() && m_pathEdit->text().trimmed().isEmpty())
        problem = tr("Give the path of the project's python, or choose another option.");
    else if (m_compose->isChecked() && m_serviceEdit->text().trimmed().isEmpty())
        problem = tr("Give the compose service that runs the project.");
    else if (m_path->isChecked()) {
        const Result<PythonCommand> located = PythonLocator::locate(m_projectDir, choice());
        if (!located)
            problem = located.error().message;
    }
    if (!problem.isEmpty()) {
        m_problem->setText(QStringLiteral("⚠ ") + problem);
        m_problem->setVisible(true);
        return;
    }
    QDialog::accept();
}

} // namespace retort::app
