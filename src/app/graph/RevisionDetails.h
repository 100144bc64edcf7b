#pragma once

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

class QLabel;
class QsciScintilla;
class QsciLexerPython;

namespace retort {
class RevisionGraph;
}

namespace retort::app {

// The details pane: id, parents, children, labels, depends_on, create date, file path, message and
// the revision's Python source (read-only QScintilla, Python lexer). The source is read on a
// worker; a later selection supersedes an earlier read.
class RevisionDetails : public QWidget
{
    Q_OBJECT
public:
    explicit RevisionDetails(QWidget* parent = nullptr);
    ~RevisionDetails() override;

    // Shows revision `index` of `graph` (which must outlive the next call); -1 clears.
    void showRevision(const RevisionGraph* graph, int index);
    void clear();

    [[nodiscard]] QString revisionId() const { return m_revisionId; }
    [[nodiscard]] QString fieldText(const QString& field) const; // "id", "parents", ... (tests)
    [[nodiscard]] QsciScintilla* sourceEditor() const { return m_source; }

Q_SIGNALS:
    // A revision id link in the pane was activated (parents, children, depends_on).
    void revisionActivated(const QString& revisionId);
    void sourceShown(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* addField(const QString& key, const QString& title);

    QString m_revisionId;
    QWidget* m_fields = nullptr;
    QHash<QString, QLabel*> m_values;
    QsciScintilla* m_source = nullptr;
    QsciLexerPython* m_lexer = nullptr;
    QFutureWatcher<QString>* m_sourceWatcher = nullptr;
    QString m_sourcePath;
};

} // namespace retort::app
