#include "app/editor/SqlPreview.h"

#include "app/widgets/ElidedLabel.h"

#include "app/editor/EditorTheme.h"

#include "app/editor/Qsci.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QResizeEvent>
#include <QSaveFile>
#include <QStandardPaths>
#include <QRegularExpression>
#include <QComboBox>
#include <QTimer>
#include <QToolButton>
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
    return AlembicBridge::previewSql(*python, request.bridge, cancel.get());
}

QString joinIds(const QStringList& ids)
{
    return ids.isEmpty() ? QStringLiteral("<base>") : ids.join(QStringLiteral(", "));
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
    layout->addWidget(m_editor, 1);

    connect(m_copy, &QToolButton::clicked, this, &SqlPreview::copyToClipboard);
    connect(m_save, &QToolButton::clicked, this, &SqlPreview::saveAs);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &SqlPreview::onFinished);
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
    for (QFuture<PreviewResult>& f : m_inFlight)
        f.waitForFinished();
    m_watcher.waitForFinished();
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
    m_status->setText(tr("Generating SQL with Alembic…"));
    setEditorText(QString());
    m_stepCount = 0;
    m_stepRevisions.clear();
    m_plainSql.clear();
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
    if (!m_renderedDialect.isEmpty()) {
        const QString how = dialectUrl().isEmpty() ? tr("dialect %1 (the database's)").arg(m_renderedDialect)
                                                   : tr("dialect %1 (chosen)").arg(m_renderedDialect);
        m_stepsText = m_status->text() + QStringLiteral(" · ") + how;
        m_status->setText(m_stepsText);
    }
    Q_EMIT previewReady(m_stepCount);
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
    m_stepRevisions.clear();
    int total = 0;
    for (const SqlSection& s : sections)
        total += s.kind == QLatin1String("step") ? 1 : 0;

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
        if (s.kind == QLatin1String("step")) {
            ++m_stepCount;
            m_stepRevisions << s.revision;
            if (!text.isEmpty() && !text.endsWith(QLatin1String("\n\n")))
                append(QString());
            headers << line;
            append(sectionHeader(s, m_stepCount, total));
            append(s.sql.trimmed() + QLatin1Char('\n'));
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
        m_status->setText(tr("Nothing to run: the database is already there."));
    else
        m_status->setText(tr("%n step(s)", nullptr, m_stepCount));
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
    m_title.clear();
    m_titleLabel->setFullText(tr("SQL preview"));
    m_status->setText(message);
    m_stepCount = 0;
    m_stepRevisions.clear();
    m_plainSql.clear();
    m_headerLines.clear();
    setEditorText(QString());
    updateButtons();
}

void SqlPreview::showError(const Error& error)
{
    m_stepCount = 0;
    m_stepRevisions.clear();
    m_plainSql.clear();
    m_headerLines.clear();
    m_status->setText(tr("Alembic could not generate the SQL."));
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
    const bool has = hasSql();
    m_copy->setEnabled(has);
    m_save->setEnabled(has);
}

void SqlPreview::copyToClipboard()
{
    if (!hasSql())
        return;
    QApplication::clipboard()->setText(m_plainSql);
    // Say it happened, for a few seconds, then show the preview's own state again.
    const QString before = m_status->text();
    const QString copied = tr("Copied %n line(s) of SQL to the clipboard.", nullptr, int(m_plainSql.count(QLatin1Char('\n'))));
    m_status->setText(copied);
    QTimer::singleShot(3000, this, [this, before, copied] {
        if (m_status->text() == copied) // nothing newer was shown meanwhile
            m_status->setText(before);
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
    if (!hasSql())
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
    if (event->type() == QEvent::PaletteChange)
        EditorTheme::applyPalette(m_editor, m_lexer, palette());
    QWidget::changeEvent(event);
}

} // namespace retort::app
