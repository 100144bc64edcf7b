#include "app/editor/PythonEditorWindow.h"

#include "app/editor/PythonEditor.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace retort::app {

PythonEditorWindow::PythonEditorWindow(QWidget* parent)
    : QWidget(parent, Qt::Window)
{
    setObjectName(QStringLiteral("PythonEditorWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_editor = new PythonEditor(this);
    layout->addWidget(m_editor, 1);

    m_bar = new QWidget(this);
    m_bar->setObjectName(QStringLiteral("findBar"));
    auto* grid = new QGridLayout(m_bar);
    grid->setContentsMargins(8, 4, 8, 4);
    m_find = new QLineEdit(m_bar);
    m_find->setObjectName(QStringLiteral("find"));
    m_find->setPlaceholderText(tr("Find"));
    m_replace = new QLineEdit(m_bar);
    m_replace->setObjectName(QStringLiteral("replace"));
    m_replace->setPlaceholderText(tr("Replace with"));
    auto* findLabel = new QLabel(tr("F&ind:"), m_bar);
    findLabel->setBuddy(m_find);
    m_replaceLabel = new QLabel(tr("Re&place:"), m_bar);
    m_replaceLabel->setBuddy(m_replace);
    auto* previous = new QPushButton(tr("Previous"), m_bar);
    auto* next = new QPushButton(tr("Next"), m_bar);
    m_matchCase = new QCheckBox(tr("Match &case"), m_bar);
    m_replaceOne = new QPushButton(tr("Replace"), m_bar);
    m_replaceAll = new QPushButton(tr("Replace &All"), m_bar);
    auto* close = new QToolButton(m_bar);
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Close the find bar (Esc)"));
    close->setAutoRaise(true);
    grid->addWidget(findLabel, 0, 0);
    grid->addWidget(m_find, 0, 1);
    grid->addWidget(previous, 0, 2);
    grid->addWidget(next, 0, 3);
    grid->addWidget(m_matchCase, 0, 4);
    grid->addWidget(close, 0, 5);
    grid->addWidget(m_replaceLabel, 1, 0);
    grid->addWidget(m_replace, 1, 1);
    grid->addWidget(m_replaceOne, 1, 2);
    grid->addWidget(m_replaceAll, 1, 3);
    grid->setColumnStretch(1, 1);
    layout->addWidget(m_bar);
    m_bar->hide();

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setContentsMargins(8, 2, 8, 2);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_status);

    auto addShortcut = [this](const QKeySequence& keys, auto slot) {
        auto* action = new QAction(this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    addShortcut(QKeySequence::Save, [this] { save(); });
    addShortcut(QKeySequence::Find, [this] { showFind(); });
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_H), [this] { showReplace(); });
    addShortcut(QKeySequence::FindNext, [this] { findAgain(false); });
    addShortcut(QKeySequence::FindPrevious, [this] { findAgain(true); });
    addShortcut(QKeySequence(Qt::Key_Escape), [this] {
        m_bar->hide();
        m_editor->setFocus();
    });

    connect(m_find, &QLineEdit::returnPressed, this, [this] { findAgain(false); });
    connect(next, &QPushButton::clicked, this, [this] { findAgain(false); });
    connect(previous, &QPushButton::clicked, this, [this] { findAgain(true); });
    connect(close, &QToolButton::clicked, this, [this] {
        m_bar->hide();
        m_editor->setFocus();
    });
    connect(m_replaceOne, &QPushButton::clicked, this, [this] {
        if (!m_editor->replaceNext(m_find->text(), m_replace->text(), m_matchCase->isChecked()))
            setStatus(tr("No more matches for “%1”.").arg(m_find->text()));
    });
    connect(m_replaceAll, &QPushButton::clicked, this, [this] {
        const int count = m_editor->replaceAll(m_find->text(), m_replace->text(), m_matchCase->isChecked());
        setStatus(tr("Replaced %n occurrence(s).", nullptr, count));
    });
    connect(m_editor, &QsciScintilla::modificationChanged, this, &PythonEditorWindow::updateTitle);
    connect(m_editor, &PythonEditor::reloaded, this, [this] { setStatus(tr("Reloaded: the file changed on disk.")); });
    connect(m_editor, &PythonEditor::externalChangeKept, this,
            [this] { setStatus(tr("The file changed on disk; your unsaved edits are kept. Saving overwrites it.")); });
    m_askUnsaved = [this](const QString& fileName) {
        return QMessageBox::question(this, tr("Unsaved edits"), tr("Save the changes to %1?").arg(fileName),
                                     QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    };
    resize(820, 640);
}

bool PythonEditorWindow::openFile(const QString& path)
{
    if (const Status opened = m_editor->openFile(path); !opened) {
        QMessageBox::warning(this, tr("Cannot open the file"), opened.error().message);
        return false;
    }
    updateTitle();
    setStatus(QString());
    return true;
}

bool PythonEditorWindow::save()
{
    if (const Status saved = m_editor->save(); !saved) {
        QMessageBox::warning(this, tr("Cannot save the file"), saved.error().message);
        return false;
    }
    setStatus(tr("Saved."));
    return true;
}

void PythonEditorWindow::showFind()
{
    m_replaceLabel->hide();
    m_replace->hide();
    m_replaceOne->hide();
    m_replaceAll->hide();
    m_bar->show();
    if (m_editor->hasSelectedText() && !m_editor->selectedText().contains(QLatin1Char('\n')))
        m_find->setText(m_editor->selectedText());
    m_find->setFocus();
    m_find->selectAll();
}

void PythonEditorWindow::showReplace()
{
    showFind();
    m_replaceLabel->show();
    m_replace->show();
    m_replaceOne->show();
    m_replaceAll->show();
}

void PythonEditorWindow::findAgain(bool backwards)
{
    if (m_find->text().isEmpty()) {
        showFind();
        return;
    }
    if (m_editor->findText(m_find->text(), m_matchCase->isChecked(), backwards))
        setStatus(QString());
    else
        setStatus(tr("“%1” not found.").arg(m_find->text()));
}

void PythonEditorWindow::setStatus(const QString& text)
{
    const QString where = QDir::toNativeSeparators(m_editor->path());
    m_status->setText(text.isEmpty() ? where : QStringLiteral("%1 — %2").arg(text, where));
}

void PythonEditorWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — Retort").arg(QFileInfo(m_editor->path()).fileName()));
    setWindowModified(m_editor->isModified());
}

void PythonEditorWindow::closeEvent(QCloseEvent* event)
{
    if (m_editor->isModified()) {
        const QMessageBox::StandardButton answer = m_askUnsaved(QFileInfo(m_editor->path()).fileName());
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save())) {
            event->ignore();
            return;
        }
    }
    event->accept();
}

} // namespace retort::app
