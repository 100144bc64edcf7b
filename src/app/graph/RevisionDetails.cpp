#include "app/graph/RevisionDetails.h"

#include "app/editor/EditorTheme.h"
#include "core/common/NativePath.h"
#include "core/graph/RevisionGraph.h"

#include "app/editor/Qsci.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSplitter>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace retort::app {

namespace {

QString revisionLinks(const RevisionGraph& graph, const QVector<int>& indexes)
{
    if (indexes.isEmpty())
        return QStringLiteral("<span style='color:palette(placeholder-text)'>—</span>");
    QStringList parts;
    for (int i : indexes) {
        const Revision& r = graph.at(i);
        parts << QStringLiteral("<a href=\"rev:%1\">%1</a>").arg(r.id.toHtmlEscaped());
    }
    return parts.join(QStringLiteral(", "));
}

QString idList(const QStringList& ids)
{
    if (ids.isEmpty())
        return QStringLiteral("—");
    QStringList parts;
    for (const QString& id : ids)
        parts << QStringLiteral("<a href=\"rev:%1\">%1</a>").arg(id.toHtmlEscaped());
    return parts.join(QStringLiteral(", "));
}

QString readSource(const QString& path)
{
    // NativePath: a file name that is not UTF-8 opens, and a FIFO never blocks the window.
    const Result<QByteArray> bytes = NativePath::readFile(path);
    if (!bytes)
        return QCoreApplication::translate("RevisionDetails", "# Cannot read %1: %2").arg(path, bytes.error().message);
    return QString::fromUtf8(bytes->left(4 * 1024 * 1024));
}

} // namespace

RevisionDetails::RevisionDetails(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("detailsSplitter"));
    layout->addWidget(splitter);

    m_fields = new QWidget(splitter);
    auto* form = new QFormLayout(m_fields);
    form->setContentsMargins(10, 8, 10, 8);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(5);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addField(QStringLiteral("id"), tr("Revision"));
    addField(QStringLiteral("message"), tr("Message"));
    addField(QStringLiteral("kind"), tr("Kind"));
    addField(QStringLiteral("parents"), tr("Parents"));
    addField(QStringLiteral("children"), tr("Children"));
    addField(QStringLiteral("labels"), tr("Branch labels"));
    addField(QStringLiteral("dependsOn"), tr("Depends on"));
    addField(QStringLiteral("date"), tr("Created"));
    addField(QStringLiteral("path"), tr("File"));
    addField(QStringLiteral("problems"), tr("Problems"));
    splitter->addWidget(m_fields);

    m_source = new QsciScintilla(splitter);
    m_source->setObjectName(QStringLiteral("revisionSource"));
    EditorTheme::setUpReadOnlyEditor(m_source);
    m_lexer = new QsciLexerPython(m_source);
    m_source->setLexer(m_lexer);
    m_source->setFolding(QsciScintilla::BoxedTreeFoldStyle, 2);
    EditorTheme::applyPalette(m_source, m_lexer, palette());
    splitter->addWidget(m_source);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);

    m_sourceWatcher = new QFutureWatcher<QString>(this);
    connect(m_sourceWatcher, &QFutureWatcher<QString>::finished, this, [this] {
        if (m_sourceWatcher->future().isCanceled() || m_sourceWatcher->future().resultCount() == 0)
            return;
        m_source->setText(m_sourceWatcher->result());
        Q_EMIT sourceShown(m_sourcePath);
    });
    clear();
}

RevisionDetails::~RevisionDetails()
{
    m_sourceWatcher->waitForFinished();
}

QLabel* RevisionDetails::addField(const QString& key, const QString& title)
{
    auto* form = static_cast<QFormLayout*>(m_fields->layout());
    auto* name = new QLabel(title, m_fields);
    QPalette pal = name->palette();
    pal.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    name->setPalette(pal);
    auto* value = new QLabel(m_fields);
    value->setObjectName(key + QStringLiteral("Value"));
    value->setTextFormat(Qt::RichText);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextBrowserInteraction);
    value->setMinimumWidth(80);
    connect(value, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link.startsWith(QLatin1String("rev:")))
            Q_EMIT revisionActivated(link.mid(4));
    });
    form->addRow(name, value);
    m_values.insert(key, value);
    return value;
}

QString RevisionDetails::fieldText(const QString& field) const
{
    const QLabel* label = m_values.value(field);
    if (!label)
        return {};
    QTextDocument doc;
    doc.setHtml(label->text());
    return doc.toPlainText().remove(QChar(0x200B));
}

void RevisionDetails::clear()
{
    m_revisionId.clear();
    for (QLabel* label : std::as_const(m_values))
        label->clear();
    m_values.value(QStringLiteral("id"))->setText(tr("<i>Select a revision in the graph.</i>"));
    m_sourcePath.clear();
    m_sourceWatcher->cancel();
    m_source->clear();
}

void RevisionDetails::showRevision(const RevisionGraph* graph, int index)
{
    if (!graph || index < 0 || index >= graph->size()) {
        clear();
        return;
    }
    const Revision& r = graph->at(index);
    m_revisionId = r.id;
    m_values[QStringLiteral("id")]->setText(QStringLiteral("<b style='font-family:monospace'>%1</b>").arg(r.id.toHtmlEscaped()));
    m_values[QStringLiteral("message")]->setText(
        r.message.isEmpty() ? tr("<i>(no message)</i>") : r.message.toHtmlEscaped());
    QStringList kinds;
    if (r.isHead)
        kinds << tr("head");
    if (r.isBase)
        kinds << tr("base");
    if (r.isBranchPoint)
        kinds << tr("branch point");
    if (r.isMergePoint)
        kinds << tr("merge");
    m_values[QStringLiteral("kind")]->setText(kinds.isEmpty() ? tr("revision") : kinds.join(QStringLiteral(", ")));
    m_values[QStringLiteral("parents")]->setText(r.parents.isEmpty() && !r.downRevisions.isEmpty()
                                                     ? idList(r.downRevisions)
                                                     : revisionLinks(*graph, r.parents));
    m_values[QStringLiteral("children")]->setText(revisionLinks(*graph, r.children));
    QStringList labels;
    for (const QString& label : r.allBranchLabels) {
        labels << (r.branchLabels.contains(label) ? QStringLiteral("<b>%1</b>").arg(label.toHtmlEscaped())
                                                  : tr("%1 (inherited)").arg(label.toHtmlEscaped()));
    }
    m_values[QStringLiteral("labels")]->setText(labels.isEmpty() ? QStringLiteral("—") : labels.join(QStringLiteral(", ")));
    m_values[QStringLiteral("dependsOn")]->setText(r.dependsOn.isEmpty() ? QStringLiteral("—") : idList(r.dependsOn));
    m_values[QStringLiteral("date")]->setText(r.createDate.isEmpty() ? QStringLiteral("—") : r.createDate.toHtmlEscaped());
    // Zero-width spaces after separators let a long path wrap instead of widening the dock.
    QString path = QDir::toNativeSeparators(r.path).toHtmlEscaped();
    path.replace(QDir::separator(), QString(QDir::separator()) + QChar(0x200B));
    path.replace(QLatin1Char('_'), QStringLiteral("_") + QChar(0x200B));
    m_values[QStringLiteral("path")]->setText(QStringLiteral("<span style='font-family:monospace'>%1</span>").arg(path));
    m_values[QStringLiteral("problems")]->setText(r.problemCodes.isEmpty() ? QStringLiteral("—")
                                                                           : r.problemCodes.join(QStringLiteral(", ")).toHtmlEscaped());

    if (m_sourcePath != r.path) {
        m_sourcePath = r.path;
        m_sourceWatcher->cancel();
        m_source->clear();
        m_sourceWatcher->setFuture(QtConcurrent::run(readSource, r.path));
    }
}

void RevisionDetails::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        EditorTheme::applyPalette(m_source, m_lexer, palette());
    QWidget::changeEvent(event);
}

} // namespace retort::app
