#include "app/editor/PythonEditor.h"

#include "app/editor/EditorTheme.h"

#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>

namespace retort::app {

PythonEditor::PythonEditor(QWidget* parent)
    : QsciScintilla(parent)
{
    EditorTheme::setUpReadOnlyEditor(this);
    setReadOnly(false);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setIndentationWidth(4);
    setIndentationGuides(true);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setCaretLineVisible(true);
    m_lexer = new QsciLexerPython(this);
    setLexer(m_lexer);
    EditorTheme::applyPalette(this, m_lexer, palette());
    setCaretLineBackgroundColor(palette().color(QPalette::AlternateBase));
    m_askReload = [this](const QString& path) {
        return QMessageBox::question(this, tr("File changed on disk"),
                                     tr("%1 changed on disk, and this editor holds unsaved edits.\n\n"
                                        "Reload the file and lose the edits?")
                                         .arg(QFileInfo(path).fileName()),
                                     QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
               == QMessageBox::Yes;
    };
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &PythonEditor::onFileChanged);
}

Result<QByteArray> PythonEditor::readFile() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("editor-read"), tr("Cannot read %1: %2").arg(m_path, file.errorString()), {}, m_path, 0};
    return file.readAll();
}

Status PythonEditor::openFile(const QString& path)
{
    if (!m_path.isEmpty())
        m_watcher.removePath(m_path);
    m_path = QFileInfo(path).absoluteFilePath();
    const Result<QByteArray> content = readFile();
    if (!content)
        return content.error();
    m_diskContent = *content;
    setText(QString::fromUtf8(*content));
    setModified(false);
    m_watcher.addPath(m_path);
    return Ok{};
}

Status PythonEditor::save()
{
    QSaveFile file(m_path);
    const QByteArray bytes = text().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{QStringLiteral("editor-write"), tr("Cannot save %1: %2").arg(m_path, file.errorString()), {}, m_path, 0};
    m_diskContent = bytes;
    setModified(false);
    // QSaveFile replaces the file: watch the new one.
    m_watcher.removePath(m_path);
    m_watcher.addPath(m_path);
    Q_EMIT fileSaved(m_path);
    return Ok{};
}

void PythonEditor::setTextKeepingPosition(const QString& content)
{
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    const int top = firstVisibleLine();
    setText(content);
    setModified(false);
    setCursorPosition(qMin(line, qMax(0, lines() - 1)), index);
    setFirstVisibleLine(top);
}

void PythonEditor::onFileChanged()
{
    // Editors that save by renaming drop the watch; take it up again once the file is back.
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
    if (m_asking)
        return;
    const Result<QByteArray> content = readFile();
    if (!content || *content == m_diskContent)
        return; // deleted (the editor keeps the text for a save) or our own write
    if (isModified()) {
        m_asking = true;
        const bool reload = m_askReload(m_path);
        m_asking = false;
        if (!reload) {
            m_diskContent = *content; // asked once per change
            Q_EMIT externalChangeKept();
            return;
        }
    }
    m_diskContent = *content;
    setTextKeepingPosition(QString::fromUtf8(*content));
    Q_EMIT reloaded();
}

bool PythonEditor::findText(const QString& needle, bool caseSensitive, bool backwards)
{
    if (needle.isEmpty())
        return false;
    int line = 0;
    int index = 0;
    if (backwards && hasSelectedText()) {
        int lineTo = 0;
        int indexTo = 0;
        getSelection(&line, &index, &lineTo, &indexTo);
    } else {
        getCursorPosition(&line, &index);
    }
    return findFirst(needle, false, caseSensitive, false, true, !backwards, line, index, true);
}

bool PythonEditor::replaceNext(const QString& needle, const QString& replacement, bool caseSensitive)
{
    if (needle.isEmpty())
        return false;
    const Qt::CaseSensitivity cs = caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (hasSelectedText() && selectedText().compare(needle, cs) == 0)
        replaceSelectedText(replacement);
    return findText(needle, caseSensitive);
}

int PythonEditor::replaceAll(const QString& needle, const QString& replacement, bool caseSensitive)
{
    if (needle.isEmpty())
        return 0;
    int count = 0;
    beginUndoAction();
    // From the top, forwards, without wrapping: each replacement moves past the match.
    bool found = findFirst(needle, false, caseSensitive, false, false, true, 0, 0, false);
    while (found) {
        replace(replacement);
        ++count;
        found = findNext();
    }
    endUndoAction();
    return count;
}

void PythonEditor::changeEvent(QEvent* event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        EditorTheme::applyPalette(this, m_lexer, palette());
        setCaretLineBackgroundColor(palette().color(QPalette::AlternateBase));
    }
}

} // namespace retort::app
