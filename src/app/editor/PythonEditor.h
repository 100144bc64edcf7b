#pragma once

#include "core/common/Error.h"

#include "app/editor/Qsci.h"

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QString>

#include <functional>

namespace retort::app {

// An editor for one Python file (a revision Alembic just wrote, env.py, ...): QScintilla with the
// Python lexer, line numbers, auto-indent, find and replace, save. It watches its file: a change
// on disk reloads the text when there are no unsaved edits, and asks first when there are (a
// file its own save wrote is not a change).
class PythonEditor : public QsciScintilla
{
    Q_OBJECT
public:
    explicit PythonEditor(QWidget* parent = nullptr);

    // Reads `path` (UTF-8) and starts watching it. An Error names the file and the reason.
    Status openFile(const QString& path);
    // Writes the text to the file (UTF-8); the editor is then unmodified.
    Status save();
    [[nodiscard]] QString path() const { return m_path; }

    // From the cursor, wrapping around; selects the match. False when there is none.
    bool findText(const QString& text, bool caseSensitive, bool backwards = false);
    // Replaces the selection when it is a match of `text`, then finds the next one.
    bool replaceNext(const QString& text, const QString& replacement, bool caseSensitive);
    // Every match, as one undo step; the number replaced.
    int replaceAll(const QString& text, const QString& replacement, bool caseSensitive);

    // Asked when the file changed on disk while the editor holds unsaved edits: true reloads
    // (the edits are lost), false keeps them. The default asks with a message box.
    using ReloadQuestion = std::function<bool(const QString& path)>;
    void setReloadQuestion(ReloadQuestion question) { m_askReload = std::move(question); }

Q_SIGNALS:
    void reloaded();              // the text was read again from disk
    void externalChangeKept();    // the file changed on disk; the user kept the unsaved edits
    void fileSaved(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onFileChanged();
    Result<QByteArray> readFile() const;
    void setTextKeepingPosition(const QString& text);

    QString m_path;
    QByteArray m_diskContent; // what the file held when last read or written
    QFileSystemWatcher m_watcher;
    ReloadQuestion m_askReload;
    QsciLexerPython* m_lexer = nullptr;
    bool m_asking = false;
};

} // namespace retort::app
