#pragma once

#include <QMessageBox>
#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace retort::app {

class PythonEditor;

// A window around one PythonEditor: Save (Ctrl+S), Find (Ctrl+F) and Replace (Ctrl+H) in a bar
// under the text (F3 / Shift+F3 find again, Escape closes the bar), the file's path and whether
// it holds unsaved edits. Closing with unsaved edits asks to save them.
class PythonEditorWindow : public QWidget
{
    Q_OBJECT
public:
    explicit PythonEditorWindow(QWidget* parent = nullptr);

    // Opens `path`; false (and a message box) when it cannot be read.
    bool openFile(const QString& path);
    [[nodiscard]] PythonEditor* editor() const { return m_editor; }
    [[nodiscard]] QWidget* findBar() const { return m_bar; }
    [[nodiscard]] QLineEdit* findEdit() const { return m_find; }
    [[nodiscard]] QLineEdit* replaceEdit() const { return m_replace; }
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }

    // Asked when the window closes with unsaved edits: Save, Discard or Cancel (stay open).
    // The default asks with a message box.
    using UnsavedQuestion = std::function<QMessageBox::StandardButton(const QString& fileName)>;
    void setUnsavedQuestion(UnsavedQuestion question) { m_askUnsaved = std::move(question); }

public Q_SLOTS:
    bool save();
    void showFind();
    void showReplace();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void updateTitle();
    void findAgain(bool backwards);
    void setStatus(const QString& text);

    PythonEditor* m_editor = nullptr;
    QWidget* m_bar = nullptr;
    QLineEdit* m_find = nullptr;
    QLineEdit* m_replace = nullptr;
    QLabel* m_replaceLabel = nullptr;
    QPushButton* m_replaceOne = nullptr;
    QPushButton* m_replaceAll = nullptr;
    QCheckBox* m_matchCase = nullptr;
    QLabel* m_status = nullptr;
    UnsavedQuestion m_askUnsaved;
};

} // namespace retort::app
