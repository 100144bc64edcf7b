#include "app/editor/SqlPreview.h"

#include "app/widgets/ElidedLabel.h"

#include "app/editor/EditorTheme.h"

#include "app/editor/Qsci.h"
#include "app/graph/GraphPalette.h"
#include "app/review/ReviewFormat.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMessageBox>
#include <QResizeEvent>
#include <QSaveFile>
#include <QStandardPaths>
#include <QRegularExpression>
#include <QComboBox>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

namespace {

Result<retort::SqlPreview> generate(const SqlPreviewRequest& request, const std::shared_ptr<std::atomic_bool>& cancel)
{
    Result<PythonCommand> python = PythonLocator::locate(request.projectDir, request.python);
    if (!python)
        return python.error();
    if (cancel->load())
        return Error{QStringLiteral("cancelled"), QStringLiteral("cancelled"), {}, {}, 0};
    BridgeRequest bridge = request.bridge;
    bridge.setProject(bridge.configFile, bridge.iniSection, *python); // inside the container for compose
    if (!request.plan.steps.isEmpty())
        return PlanSqlRenderer::render(*python, bridge, request.plan, cancel.get());
    return AlembicBridge::previewSql(*python, bridge, cancel.get());
}

QString joinIds(const QStringList& ids)
{
    return ids.isEmpty() ? QStringLiteral("<base>") : ids.join(QStringLiteral(", "));
}

// Review marks: a margin marker, a squiggle indicator and an annotation style per severity.
// Markers 0-2 (the fold margin uses 25-31), container indicators 20-22, styles 200-202 (the SQL
// lexer's styles are below 32).
constexpr int kReviewMargin = 1;
constexpr int kMarkerBase = 0;
constexpr int kIndicatorBase = 20;
constexpr int kAnnotationStyleBase = 200;
constexpr int kMaxStatementLines = 80;

int severityIndex(Severity severity)
{
    return severityRank(severity); // error 0, warning 1, info 2
}

// Wraps `text` into lines of at most `width` characters at spaces.
QStringList wrapped(const QString& text, int width)
{
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}

} // namespace


SqlPreview::SqlPreview(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // The header: the title (cut to the dock's width, whole in its tooltip) with the Copy and Save
    // buttons as icons, and below it the state of the preview (wrapped, never cut).
    auto* bar = new QWidget(this);
    auto* barLayout = new QVBoxLayout(bar);
    barLayout->setContentsMargins(8, 4, 4, 4);
    barLayout->setSpacing(2);
    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(2);
    m_titleLabel = new ElidedLabel(bar);
    m_titleLabel->setElideMode(Qt::ElideRight);
    m_titleLabel->setObjectName(QStringLiteral("sqlPreviewTitle"));
    QFont bold = m_titleLabel->font();
    bold.setBold(true);
    m_titleLabel->setFont(bold);
    m_titleLabel->setTextFormat(Qt::PlainText);
    // A long revision message must not widen the dock.
    m_titleLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    titleRow->addWidget(m_titleLabel, 1);
    // Which SQL dialect the preview is rendered in: the connected database's (or env.py's own
    // URL), or one the user picks when no database of the project's kind is connected.
    m_dialect = new QComboBox(bar);
    m_dialect->setObjectName(QStringLiteral("sqlDialect"));
    m_dialect->addItem(tr("Database's dialect"), QString());
    m_dialect->addItem(QStringLiteral("PostgreSQL"), QStringLiteral("postgresql://"));
    m_dialect->addItem(QStringLiteral("SQLite"), QStringLiteral("sqlite://"));
    m_dialect->addItem(QStringLiteral("MySQL"), QStringLiteral("mysql://"));
    m_dialect->setToolTip(tr("The SQL dialect of the preview: the connected database's (or the URL env.py uses), "
                             "or the one you pick"));
    m_dialect->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    titleRow->addWidget(m_dialect);
    connect(m_dialect, &QComboBox::activated, this, [this] { Q_EMIT dialectChanged(); });
    m_copy = new QToolButton(bar);
    m_copy->setObjectName(QStringLiteral("copySqlButton"));
    m_copy->setIcon(QIcon(QStringLiteral(":/icons/actions/copy.svg")));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the SQL to the clipboard"));
    m_copy->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_copy->setAutoRaise(true);
    titleRow->addWidget(m_copy);
    m_save = new QToolButton(bar);
    m_save->setObjectName(QStringLiteral("saveSqlButton"));
    m_save->setIcon(QIcon(QStringLiteral(":/icons/actions/save.svg")));
    m_save->setText(tr("Save as .sql…"));
    m_save->setToolTip(tr("Save the SQL to a .sql file"));
    m_save->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_save->setAutoRaise(true);
    titleRow->addWidget(m_save);
    barLayout->addLayout(titleRow);
    m_status = new QLabel(bar);
    m_status->setObjectName(QStringLiteral("sqlPreviewStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    QPalette muted = m_status->palette();
    muted.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_status->setPalette(muted);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->installEventFilter(this); // its height follows its wrapped text (fitStatus)
    barLayout->addWidget(m_status);
    layout->addWidget(bar);

    m_editor = new QsciScintilla(this);
    m_editor->setObjectName(QStringLiteral("sqlPreviewEditor"));
    EditorTheme::setUpReadOnlyEditor(m_editor);
    m_lexer = new QsciLexerSQL(m_editor);
    m_editor->setLexer(m_lexer);
    // Our own per-step folding (see setEditorText): the lexer must not compute levels itself.
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETPROPERTY, "fold", "0");
    m_editor->setFolding(QsciScintilla::BoxedTreeFoldStyle, 2);
    EditorTheme::applyPalette(m_editor, m_lexer, palette());
    setUpReviewMarks();
    m_editor->viewport()->installEventFilter(this);
    layout->addWidget(m_editor, 1);

    connect(m_copy, &QToolButton::clicked, this, &SqlPreview::copyToClipboard);
    connect(m_save, &QToolButton::clicked, this, &SqlPreview::saveAs);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &SqlPreview::onFinished);
    connect(&m_reviewWatcher, &QFutureWatcherBase::finished, this, &SqlPreview::onReviewFinished);
    showMessage(tr("Select a revision to see the SQL that takes the database there."));
}

QString SqlPreview::dialectUrl() const
{
    return m_dialect->currentData().toString();
}

void SqlPreview::setDialectUrl(const QString& url)
{
    const int index = m_dialect->findData(url);
    m_dialect->setCurrentIndex(index < 0 ? 0 : index);
}

SqlPreview::~SqlPreview()
{
    if (m_cancel)
        m_cancel->store(true);
    if (m_reviewCancel)
        m_reviewCancel->store(true);
    for (QFuture<PreviewResult>& f : m_inFlight)
        f.waitForFinished();
    m_watcher.waitForFinished();
    for (QFuture<ReviewResult>& f : m_reviewsInFlight)
        f.waitForFinished();
    m_reviewWatcher.waitForFinished();
}

void SqlPreview::requestPreview(const SqlPreviewRequest& request)
{
    cancel();
    m_inFlight.erase(std::remove_if(m_inFlight.begin(), m_inFlight.end(), [](const QFuture<PreviewResult>& f) { return f.isFinished(); }),
                     m_inFlight.end());
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_watchedGeneration = ++m_generation;
    m_pendingTitle = request.title;
    m_titleLabel->setFullText(request.title);
    setStatus(tr("Generating SQL with Alembic…"));
    setEditorText(QString());
    m_stepCount = 0;
    m_unrendered = 0;
    m_stepRevisions.clear();
    m_plainSql.clear();
    clearReview();
    m_pendingReview = request.review;
    updateButtons();
    QFuture<PreviewResult> future = QtConcurrent::run(generate, request, m_cancel);
    m_inFlight.append(future);
    m_watcher.setFuture(future);
    Q_EMIT generationStarted();
}

void SqlPreview::cancel()
{
    if (m_cancel)
        m_cancel->store(true); // the bridge terminates its process; the result is ignored
    m_cancel.reset();
    ++m_generation;
    cancelReview();
}

// " · dialect postgresql (the database's)" for the status line ("" before a render says).
QString SqlPreview::dialectNote() const
{
    if (m_renderedDialect.isEmpty())
        return {};
    const QString how = dialectUrl().isEmpty() ? tr("dialect %1 (the database's)").arg(m_renderedDialect)
                                               : tr("dialect %1 (chosen)").arg(m_renderedDialect);
    return QStringLiteral(" · ") + how;
}

// "3 step(s)", and the steps shown without SQL when there are any.
QString SqlPreview::stepsText() const
{
    QString text = tr("%n step(s)", nullptr, m_stepCount);
    if (m_unrendered > 0)
        text += QStringLiteral(" · ") + tr("%n without SQL: Alembic cannot render it offline", nullptr, m_unrendered);
    return text;
}

void SqlPreview::onFinished()
{
    if (m_watchedGeneration != m_generation)
        return; // superseded or cancelled
    const PreviewResult result = m_watcher.result();
    if (!result) {
        showError(result.error());
        Q_EMIT previewFailed(result.error());
        return;
    }
    m_renderedDialect = result->url.value(QStringLiteral("dialect")).toString();
    showSections(m_pendingTitle, result->sections);
    // The status line: the steps and the dialect they were rendered in (the review's state
    // follows them, with the dialect after it).
    m_stepsText = m_status->text() + dialectNote();
    setStatus(m_stepsText);
    if (m_pendingReview && m_stepCount > 0)
        startReview(*result); // running when previewReady is seen
    Q_EMIT previewReady(m_stepCount);
}

// ---- the review of the shown plan ----------------------------------------------------------------

void SqlPreview::startReview(const retort::SqlPreview& rendered)
{
    cancelReview();
    m_reviewsInFlight.erase(std::remove_if(m_reviewsInFlight.begin(), m_reviewsInFlight.end(),
                                           [](const QFuture<ReviewResult>& f) { return f.isFinished(); }),
                            m_reviewsInFlight.end());
    m_reviewCancel = std::make_shared<std::atomic_bool>(false);
    m_reviewState = ReviewState::Running;
    const lint::PlanLintRequest request = *m_pendingReview;
    const std::shared_ptr<std::atomic_bool> cancel = m_reviewCancel;
    QFuture<ReviewResult> future = QtConcurrent::run([request, rendered, cancel] {
        return lint::PlanLinter::review(request, rendered, cancel.get());
    });
    m_reviewsInFlight.append(future);
    m_reviewWatcher.setFuture(future);
    setStatus(stepsText() + QStringLiteral(" · ") + tr("reviewing…") + dialectNote());
    Q_EMIT reviewStarted();
}

void SqlPreview::cancelReview()
{
    if (m_reviewCancel)
        m_reviewCancel->store(true);
    m_reviewCancel.reset();
    if (m_reviewState == ReviewState::Running)
        m_reviewState = ReviewState::None;
}

void SqlPreview::onReviewFinished()
{
    if (!m_reviewCancel || m_reviewState != ReviewState::Running)
        return; // cancelled or superseded
    m_reviewCancel.reset();
    const ReviewResult result = m_reviewWatcher.result();
    if (!result) {
        m_reviewState = ReviewState::Failed;
        m_reviewError = result.error();
        setStatus(stepsText() + QStringLiteral(" · ") + tr("the review failed: %1").arg(result.error().message) + dialectNote());
        Q_EMIT reviewFailed(result.error());
        return;
    }
    showReview(*result);
    Q_EMIT reviewReady(*m_report);
}

void SqlPreview::setUpReviewMarks()
{
    m_editor->setMarginType(kReviewMargin, QsciScintilla::SymbolMargin);
    m_editor->setMarginWidth(kReviewMargin, 0);
    m_editor->setMarginMarkerMask(kReviewMargin, 0x7 << kMarkerBase);
    m_editor->setMarginSensitivity(kReviewMargin, false);
    for (const Severity severity : {Severity::Error, Severity::Warning, Severity::Info}) {
        const int i = severityIndex(severity);
        m_editor->markerDefine(severity == Severity::Error ? QsciScintilla::Circle
                               : severity == Severity::Warning ? QsciScintilla::RightTriangle
                                                               : QsciScintilla::SmallRectangle,
                               kMarkerBase + i);
        m_editor->indicatorDefine(QsciScintilla::SquiggleIndicator, kIndicatorBase + i);
    }
    m_editor->setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETMOUSEDWELLTIME, 400);
    applyReviewMarks();
}

void SqlPreview::clearReview()
{
    cancelReview();
    m_reviewState = ReviewState::None;
    m_report.reset();
    m_reviewError = Error{};
    m_lineTips.clear();
    m_editor->markerDeleteAll(-1);
    m_editor->clearAnnotations(-1);
    const int lines = m_editor->lines();
    if (lines > 0) {
        for (int i = 0; i < 3; ++i)
            m_editor->clearIndicatorRange(0, 0, lines - 1, m_editor->lineLength(lines - 1), kIndicatorBase + i);
    }
    m_editor->setMarginWidth(kReviewMargin, 0);
}

int SqlPreview::editorLine(int stepIndex, int line) const
{
    if (stepIndex < 0 || stepIndex >= m_stepHeader.size())
        return -1;
    if (line <= 0)
        return m_stepHeader.at(stepIndex);
    const int first = m_stepFirstLine.at(stepIndex);
    const int end = stepIndex + 1 < m_stepHeader.size() ? m_stepHeader.at(stepIndex + 1) : m_editor->lines();
    return qBound(first, first + line - 1 - m_stepLeading.at(stepIndex), qMax(first, end - 1));
}

void SqlPreview::showReview(const lint::LintReport& report)
{
    clearReview();
    m_report = report;
    m_reviewState = ReviewState::Done;
    applyReviewMarks();
    if (m_stepCount > 0) {
        const int total = int(report.findings.size());
        setStatus(stepsText() + QStringLiteral(" · ") + (total == 0 ? tr("no findings") : ReviewFormat::summary(report))
                          + dialectNote());
    }
}

void SqlPreview::applyReviewMarks()
{
    const bool dark = GraphPalette::isDark(palette());
    QFont font = m_editor->font();
    font.setPointSizeF(qMax(8.0, font.pointSizeF() - 1.0));
    for (const Severity severity : {Severity::Error, Severity::Warning, Severity::Info}) {
        const int i = severityIndex(severity);
        const QColor color = ReviewFormat::severityColor(severity, dark);
        m_editor->setMarkerBackgroundColor(color, kMarkerBase + i);
        m_editor->setMarkerForegroundColor(color.darker(130), kMarkerBase + i);
        m_editor->setIndicatorForegroundColor(color, kIndicatorBase + i);
    }
    if (!m_report)
        return;
    m_editor->markerDeleteAll(-1);
    m_editor->clearAnnotations(-1);
    m_lineTips.clear();
    // Per line: the findings that start there, most severe first.
    QMap<int, QVector<const lint::Finding*>> perLine;
    for (const lint::Finding& finding : m_report->findings) {
        const int line = editorLine(finding.stepIndex, finding.line);
        if (line >= 0)
            perLine[line] << &finding;
    }
    const QColor base = palette().color(QPalette::Base);
    for (auto it = perLine.begin(); it != perLine.end(); ++it) {
        QVector<const lint::Finding*>& findings = it.value();
        std::stable_sort(findings.begin(), findings.end(), [](const lint::Finding* a, const lint::Finding* b) {
            return severityRank(a->severity) < severityRank(b->severity);
        });
        const int line = it.key();
        const Severity worst = findings.first()->severity;
        QStringList text;
        QStringList tips;
        for (const lint::Finding* finding : std::as_const(findings)) {
            m_editor->markerAdd(line, kMarkerBase + severityIndex(finding->severity));
            text << QStringLiteral("▲ ") + ReviewFormat::oneLine(*finding);
            for (const QString& part : wrapped(tr("Fix: %1").arg(finding->fix), 110))
                text << QStringLiteral("   ") + part;
            tips << ReviewFormat::details(*finding, palette());
        }
        // The statement: from its first line to the line that ends it (Alembic ends each with ';').
        int last = line;
        if (findings.first()->line > 0) {
            const int limit = qMin(m_editor->lines() - 1, line + kMaxStatementLines);
            while (last < limit && !m_editor->text(last).trimmed().endsWith(QLatin1Char(';')))
                ++last;
        }
        m_editor->fillIndicatorRange(line, 0, last, qMax(0, m_editor->text(last).size() - 1), kIndicatorBase + severityIndex(worst));
        const int style = kAnnotationStyleBase + severityIndex(worst);
        QColor paper = ReviewFormat::severityColor(worst, dark);
        paper.setAlpha(255);
        paper = QColor::fromRgbF(paper.redF() * 0.14 + base.redF() * 0.86, paper.greenF() * 0.14 + base.greenF() * 0.86,
                                 paper.blueF() * 0.14 + base.blueF() * 0.86);
        const QsciStyle annotationStyle(style, QStringLiteral("review"), ReviewFormat::severityColor(worst, dark), paper, font);
        m_editor->annotate(last, text.join(QLatin1Char('\n')), annotationStyle);
        for (int l = line; l <= last; ++l)
            m_lineTips.insert(l, tips.join(QStringLiteral("<hr/>")));
    }
    m_editor->setMarginWidth(kReviewMargin, perLine.isEmpty() ? 0 : 14);
}

QVector<int> SqlPreview::markerLines(Severity severity) const
{
    QVector<int> lines;
    const unsigned mask = 1u << (kMarkerBase + severityIndex(severity));
    for (int line = m_editor->markerFindNext(0, mask); line >= 0; line = m_editor->markerFindNext(line + 1, mask))
        lines << line;
    return lines;
}

QString SqlPreview::annotationAt(int editorLine) const
{
    return m_editor->annotation(editorLine);
}

void SqlPreview::scrollToStatement(int stepIndex, int line)
{
    const int target = editorLine(stepIndex, line);
    if (target < 0)
        return;
    m_editor->setFirstVisibleLine(qMax(0, target - 2));
    m_editor->setSelection(target, 0, target, m_editor->text(target).trimmed().size());
    m_editor->ensureLineVisible(target);
}

void SqlPreview::setStatus(const QString& text)
{
    m_status->setText(text);
    fitStatus();
}

// A wrapped label in a dock gets the height of one line unless told: the dock's layout does not
// ask for height-for-width, and a second line would be cut. Its minimum height follows its text.
void SqlPreview::fitStatus()
{
    const int width = m_status->width() > 0 ? m_status->width() : m_status->sizeHint().width();
    const int height = m_status->heightForWidth(width);
    if (height > 0 && height != m_status->minimumHeight())
        m_status->setMinimumHeight(height);
}

bool SqlPreview::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_status && event->type() == QEvent::Resize)
        fitStatus();
    if (watched == m_editor->viewport() && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const long position = long(m_editor->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMPOINT, help->pos().x(), help->pos().y()));
        const int line = int(m_editor->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, position));
        const QString tip = m_lineTips.value(line);
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, m_editor->viewport());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QString SqlPreview::sectionHeader(const SqlSection& section, int number, int total)
{
    const QString verb = section.direction == QLatin1String("downgrade") ? tr("Downgrade") : tr("Upgrade");
    return tr("-- ═══ Step %1 of %2: %3 %4 → %5 (revision %6) ═══")
        .arg(number)
        .arg(total)
        .arg(verb, joinIds(section.fromRevisions), joinIds(section.toRevisions), section.revision);
}

void SqlPreview::showSections(const QString& title, const QVector<SqlSection>& sections)
{
    m_title = title;
    m_titleLabel->setFullText(title);
    m_stepCount = 0;
    m_unrendered = 0;
    m_stepRevisions.clear();
    clearReview();
    m_stepHeader.clear();
    m_stepFirstLine.clear();
    m_stepLeading.clear();
    int total = 0;
    for (const SqlSection& s : sections)
        total += s.kind == QLatin1String("step") || s.kind == QLatin1String("unrendered") ? 1 : 0;

    QString text;
    QVector<int> headers;
    int line = 0;
    auto append = [&](const QString& chunk) {
        QString c = chunk;
        if (!c.isEmpty() && !c.endsWith(QLatin1Char('\n')))
            c += QLatin1Char('\n');
        text += c;
        line += int(c.count(QLatin1Char('\n')));
    };
    for (const SqlSection& s : sections) {
        const bool unrendered = s.kind == QLatin1String("unrendered");
        if (s.kind == QLatin1String("step") || unrendered) {
            // Every plan step gets a section with its header, so findings and markers count
            // steps as the plan does.
            ++m_stepCount;
            m_stepRevisions << s.revision;
            if (!text.isEmpty() && !text.endsWith(QLatin1String("\n\n")))
                append(QString());
            headers << line;
            m_stepHeader << line;
            append(sectionHeader(s, m_stepCount, total));
            m_stepFirstLine << line;
            if (!unrendered) {
                const qsizetype firstText =
                    std::find_if(s.sql.cbegin(), s.sql.cend(), [](QChar c) { return !c.isSpace(); }) - s.sql.cbegin();
                m_stepLeading << int(s.sql.left(firstText).count(QLatin1Char('\n')));
                append(s.sql.trimmed() + QLatin1Char('\n'));
                continue;
            }
            // A step Alembic could not render offline: why, and that the SQL after it starts
            // from the rows it leaves.
            ++m_unrendered;
            m_stepLeading << 0;
            QStringList lines;
            lines << (s.direction == QLatin1String("downgrade")
                          ? tr("Alembic cannot render this step offline: `alembic downgrade --sql` stops here. Online, the "
                               "step runs (it reads the database as it goes).")
                          : tr("Alembic cannot render this step offline: `alembic upgrade --sql` stops here. Online, the "
                               "step runs (it reads the database as it goes)."));
            lines << tr("Alembic said: %1").arg(s.note);
            lines << tr("The SQL below is rendered from the revisions this step leaves behind.");
            QString comment;
            for (const QString& l : lines)
                for (const QString& w : wrapped(l, 96))
                    comment += QStringLiteral("-- ") + w + QLatin1Char('\n');
            append(comment);
        } else {
            const QString sql = s.sql.trimmed();
            if (sql.isEmpty())
                continue;
            if (s.kind == QLatin1String("preamble") || s.kind == QLatin1String("epilogue")) {
                headers << line;
                append(s.kind == QLatin1String("preamble") ? tr("-- ═══ Before the first step ═══") : tr("-- ═══ After the last step ═══"));
            }
            append(sql + QLatin1Char('\n'));
        }
    }
    m_plainSql = text;
    m_headerLines = headers;
    setEditorText(text);
    if (m_stepCount == 0)
        setStatus(tr("Nothing to run: the database is already there."));
    else
        setStatus(stepsText());
    updateButtons();
}

void SqlPreview::setEditorText(const QString& text)
{
    m_editor->setText(text);
    if (text.isEmpty()) {
        m_headerLines.clear();
        return;
    }
    // Style everything now, then set our fold levels: the lexer will not restyle a read-only text.
    m_editor->SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0, -1);
    const int lines = m_editor->lines();
    int headerIndex = 0;
    bool inSection = false;
    for (int l = 0; l < lines; ++l) {
        int level = QsciScintillaBase::SC_FOLDLEVELBASE;
        if (headerIndex < m_headerLines.size() && m_headerLines.at(headerIndex) == l) {
            level |= QsciScintillaBase::SC_FOLDLEVELHEADERFLAG;
            ++headerIndex;
            inSection = true;
        } else if (inSection) {
            level += 1;
        }
        m_editor->SendScintilla(QsciScintillaBase::SCI_SETFOLDLEVEL, l, level);
    }
}

void SqlPreview::showMessage(const QString& message)
{
    cancel();
    clearReview();
    m_stepHeader.clear();
    m_stepFirstLine.clear();
    m_stepLeading.clear();
    m_title.clear();
    m_titleLabel->setFullText(tr("SQL preview"));
    setStatus(message);
    m_stepCount = 0;
    m_unrendered = 0;
    m_stepRevisions.clear();
    m_plainSql.clear();
    m_headerLines.clear();
    setEditorText(QString());
    updateButtons();
}

void SqlPreview::showError(const Error& error)
{
    clearReview();
    m_stepHeader.clear();
    m_stepFirstLine.clear();
    m_stepLeading.clear();
    m_stepCount = 0;
    m_unrendered = 0;
    m_stepRevisions.clear();
    m_plainSql.clear();
    m_headerLines.clear();
    setStatus(tr("Alembic could not generate the SQL."));
    QString text = QStringLiteral("-- ") + error.message.split(QLatin1Char('\n')).join(QStringLiteral("\n-- "));
    if (!error.hint.isEmpty())
        text += QStringLiteral("\n--\n-- ") + error.hint.split(QLatin1Char('\n')).join(QStringLiteral("\n-- "));
    setEditorText(text + QLatin1Char('\n'));
    updateButtons();
}

QString SqlPreview::text() const
{
    return m_editor->text();
}

void SqlPreview::updateButtons()
{
    // A preview with a step Alembic could not render is not a script of the plan: running it would
    // skip that step. Its text can still be selected and copied from the editor.
    const bool whole = hasSql() && m_unrendered == 0;
    m_copy->setEnabled(whole);
    m_save->setEnabled(whole);
    const QString partial = tr("Off: a step has no SQL (Alembic cannot render it offline), so this is not a script "
                               "that runs the plan. Select text in the preview to copy parts of it.");
    m_copy->setToolTip(m_unrendered > 0 ? partial : tr("Copy the SQL to the clipboard"));
    m_save->setToolTip(m_unrendered > 0 ? partial : tr("Save the SQL to a .sql file"));
}

void SqlPreview::copyToClipboard()
{
    if (!hasSql() || m_unrendered > 0)
        return;
    QApplication::clipboard()->setText(m_plainSql);
    // Say it happened, for a few seconds, then show the preview's own state again.
    const QString before = m_status->text();
    const QString copied = tr("Copied %n line(s) of SQL to the clipboard.", nullptr, int(m_plainSql.count(QLatin1Char('\n'))));
    setStatus(copied);
    QTimer::singleShot(3000, this, [this, before, copied] {
        if (m_status->text() == copied) // nothing newer was shown meanwhile
            setStatus(before);
    });
}

Status SqlPreview::saveTo(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error{QStringLiteral("save-failed"), tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                     tr("Choose a writable folder."), path, 0};
    file.write(m_plainSql.toUtf8());
    if (!file.commit())
        return Error{QStringLiteral("save-failed"), tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                     tr("Choose a writable folder."), path, 0};
    return Ok{};
}

void SqlPreview::saveAs()
{
    if (!hasSql() || m_unrendered > 0)
        return;
    QString suggested = m_title;
    suggested.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("_"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save SQL"), QDir(dir).filePath(suggested + QStringLiteral(".sql")),
                                                      tr("SQL files (*.sql);;All files (*)"));
    if (path.isEmpty())
        return;
    const Status saved = saveTo(path);
    if (!saved)
        QMessageBox::warning(this, tr("Save SQL"), saved.error().message + QStringLiteral("\n") + saved.error().hint);
}

void SqlPreview::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        EditorTheme::applyPalette(m_editor, m_lexer, palette());
        applyReviewMarks();
    }
    QWidget::changeEvent(event);
}

} // namespace retort::app
