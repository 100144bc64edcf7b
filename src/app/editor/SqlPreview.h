#pragma once

#include "core/common/Error.h"
#include "core/exec/AlembicBridge.h"
#include "core/exec/PlanSql.h"
#include "core/exec/PythonLocator.h"
#include "core/lint/LintReport.h"
#include "core/lint/PlanLinter.h"

#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

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
    BridgeRequest bridge;     // op = Sql, configFile (local: the preview maps it for a compose interpreter),
                              // iniSection, target, sqlDirection, current, overrideUrl
    // The plan the SQL is for (with PlanOptions::headsAfterEachStep). With its steps, a step Alembic
    // cannot render offline (it reads the database) is shown as such and the SQL goes on after it
    // (PlanSqlRenderer); without, the preview is Alembic's output and ends at such a step.
    Plan plan;
    // The safety review of the same plan (RunPlanner::reviewRequest), run over the rendered
    // sections once they are shown: no second Alembic call. Empty: no review (not PostgreSQL).
    std::optional<lint::PlanLintRequest> review;
};

// The SQL preview: QScintilla with the SQL lexer, one folding section per step with a header
// naming the revision, Copy and Save as .sql. Generation runs on a worker; a new request (or
// clear()) cancels the one in flight, whose result is then dropped.
//
// With a review in the request, the safety review runs over the shown sections on a worker and
// its findings appear on the statements' lines: a marker in the margin and a squiggle in the
// severity's colour, an annotation below the statement (severity, rule, lock, weight), and the
// message and fix as the line's tooltip.
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
    // Steps shown without SQL: Alembic could not render them offline. Copy and Save are off while
    // there are any (the text is not a script that runs the plan).
    [[nodiscard]] int unrenderedCount() const { return m_unrendered; }

    // ---- the review of the shown plan ----
    enum class ReviewState { None, Running, Done, Failed };
    [[nodiscard]] ReviewState reviewState() const { return m_reviewState; }
    [[nodiscard]] const std::optional<lint::LintReport>& reviewReport() const { return m_report; }
    [[nodiscard]] const Error& reviewError() const { return m_reviewError; }
    // Marks the findings of `report` (a review of the sections shown) on their statements.
    void showReview(const lint::LintReport& report);
    void clearReview();
    // The editor line (0-based) of line `line` (1-based) of step `stepIndex`'s SQL; the step's
    // header for line 0; -1 when the step is not shown.
    [[nodiscard]] int editorLine(int stepIndex, int line) const;
    // Lines (0-based) that carry a marker of `severity`.
    [[nodiscard]] QVector<int> markerLines(Severity severity) const;
    // The annotation text under an editor line ("" when none) and the line's tooltip (rich text).
    [[nodiscard]] QString annotationAt(int editorLine) const;
    [[nodiscard]] QString toolTipAt(int editorLine) const { return m_lineTips.value(editorLine); }
    // Scrolls to the statement of a finding (step, line in the step's SQL) and selects its first line.
    void scrollToStatement(int stepIndex, int line);

    // Writes the preview to `path` (UTF-8); an Error names the file and the reason.
    [[nodiscard]] Status saveTo(const QString& path) const;

    // The header comment that opens a step's section.
    static QString sectionHeader(const SqlSection& section, int number, int total);

public Q_SLOTS:
    void copyToClipboard();
    void saveAs(); // asks for a file name

Q_SIGNALS:
    // The SQL is shown; when it is being reviewed, reviewState() is Running already (reviewReady
    // or reviewFailed follows).
    void previewReady(int steps);
    void previewFailed(const retort::Error& error);
    void generationStarted();
    void reviewStarted();
    void reviewReady(const retort::lint::LintReport& report);
    void reviewFailed(const retort::Error& error);
    void dialectChanged();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using PreviewResult = Result<retort::SqlPreview>;
    using ReviewResult = Result<lint::LintReport>;
    void onFinished();
    void onReviewFinished();
    void startReview(const retort::SqlPreview& rendered);
    [[nodiscard]] QString dialectNote() const;
    [[nodiscard]] QString stepsText() const;
    void setStatus(const QString& text);
    void fitStatus();
    void cancelReview();
    void setEditorText(const QString& text);
    void updateButtons();
    void setUpReviewMarks();
    void applyReviewMarks();

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
    int m_unrendered = 0;
    QStringList m_stepRevisions;
    QVector<int> m_headerLines;
    // Per step section: the editor line of its header and of its SQL's first line, and the lines
    // trimmed off the top of its SQL (finding lines count from the untrimmed SQL).
    QVector<int> m_stepHeader;
    QVector<int> m_stepFirstLine;
    QVector<int> m_stepLeading;

    std::optional<lint::PlanLintRequest> m_pendingReview;
    QFutureWatcher<ReviewResult> m_reviewWatcher;
    QList<QFuture<ReviewResult>> m_reviewsInFlight;
    std::shared_ptr<std::atomic_bool> m_reviewCancel;
    ReviewState m_reviewState = ReviewState::None;
    std::optional<lint::LintReport> m_report;
    Error m_reviewError;
    QHash<int, QString> m_lineTips;
};

} // namespace retort::app
