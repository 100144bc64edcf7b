#pragma once

#include "core/common/Error.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QToolButton;
class QsciScintilla;
class QsciLexerSQL;

namespace retort::app {

class ElidedLabel;

// What to preview: Alembic's offline SQL (`alembic upgrade|downgrade a:b --sql`) from the
// database's current heads to a target, through the project's own Alembic.
struct SqlPreviewRequest
{
    QString title;            // "Upgrade to 7c1b9e5a3f28"
    QString projectDir;       // for locating the project's Python
    InterpreterChoice python; // the user's interpreter choice (empty = auto-detect)
    BridgeRequest bridge;     // op = Sql, configFile, workingDirectory, target, sqlDirection, current, overrideUrl
};

// The SQL preview: QScintilla with the SQL lexer, one folding section per step with a header
// naming the revision, Copy and Save as .sql. Generation runs on a worker; a new request (or
// clear()) cancels the one in flight, whose result is then dropped.
class SqlPreview : public QWidget
{
    Q_OBJECT
public:
    explicit SqlPreview(QWidget* parent = nullptr);
    ~SqlPreview() override;

    void requestPreview(const SqlPreviewRequest& request);
    void showSections(const QString& title, const QVector<SqlSection>& sections);
    void showMessage(const QString& message);
    void showError(const Error& error);
    void cancel();

    [[nodiscard]] bool isGenerating() const { return m_watcher.isRunning(); }
    // The SQL dialect the user picked for the preview: "" = the database's (or env.py's), else a
    // URL naming only the dialect ("postgresql://", "sqlite://", "mysql://") to render with.
    [[nodiscard]] QString dialectUrl() const;
    void setDialectUrl(const QString& url);
    // The dialect the last preview was rendered with, as Alembic reported it ("postgresql", ...).
    [[nodiscard]] QString renderedDialect() const { return m_renderedDialect; }
    [[nodiscard]] QString text() const;
    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] int sectionCount() const { return m_stepCount; }
    [[nodiscard]] QStringList sectionRevisions() const { return m_stepRevisions; }
    [[nodiscard]] QsciScintilla* editor() const { return m_editor; }
    // Header lines (0-based) that start a folding section.
    [[nodiscard]] QVector<int> headerLines() const { return m_headerLines; }
    [[nodiscard]] bool hasSql() const { return m_stepCount > 0 || !m_plainSql.isEmpty(); }

    // Writes the preview to `path` (UTF-8); an Error names the file and the reason.
    [[nodiscard]] Status saveTo(const QString& path) const;

    // The header comment that opens a step's section.
    static QString sectionHeader(const SqlSection& section, int number, int total);

public Q_SLOTS:
    void copyToClipboard();
    void saveAs(); // asks for a file name

Q_SIGNALS:
    void previewReady(int steps);
    void previewFailed(const retort::Error& error);
    void generationStarted();
    void dialectChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    using PreviewResult = Result<retort::SqlPreview>;
    void onFinished();
    void setEditorText(const QString& text);
    void updateButtons();

    ElidedLabel* m_titleLabel = nullptr;
    QLabel* m_status = nullptr;
    QComboBox* m_dialect = nullptr;
    QString m_renderedDialect;
    QString m_stepsText; // the status line without transient feedback
    QToolButton* m_copy = nullptr;
    QToolButton* m_save = nullptr;
    QsciScintilla* m_editor = nullptr;
    QsciLexerSQL* m_lexer = nullptr;
    QFutureWatcher<PreviewResult> m_watcher;
    QList<QFuture<PreviewResult>> m_inFlight; // cancelled ones still finishing
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    quint64 m_watchedGeneration = 0;
    QString m_title;
    QString m_pendingTitle;
    QString m_plainSql;
    int m_stepCount = 0;
    QStringList m_stepRevisions;
    QVector<int> m_headerLines;
};

} // namespace retort::app
