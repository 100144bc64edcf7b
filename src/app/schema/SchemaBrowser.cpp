#include "app/schema/SchemaBrowser.h"

#include "app/schema/SchemaModel.h"
#include "core/common/Redact.h"
#include "core/log/Log.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QSet>
#include <QStyle>
#include <QTime>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace retort::app {

namespace {
constexpr int kExpandAllLimit = 60; // tables shown before a filter stops expanding every match

QIcon actionIcon(const QString& resource, QStyle::StandardPixmap fallback, const QStyle* style)
{
    // The app's own icons when the resource is linked in, the style's otherwise.
    return QFile::exists(resource) ? QIcon(resource) : style->standardIcon(fallback);
}

QString nodeKey(const QModelIndex& sourceIndex)
{
    QStringList parts;
    for (QModelIndex i = sourceIndex; i.isValid(); i = i.parent())
        parts.prepend(i.data(SchemaModel::KindRole).toString() + QLatin1Char(':') + i.data().toString());
    return parts.join(QChar(0x1f));
}
} // namespace

SchemaBrowser::SchemaBrowser(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("schemaBrowser"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(4);
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("schemaFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter tables and columns"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(
        actionIcon(QStringLiteral(":/icons/actions/search.svg"), QStyle::SP_FileDialogContentsView, style()),
        QLineEdit::LeadingPosition);
    bar->addWidget(m_filterEdit, 1);

    const auto makeButton = [this](const char* name, const QString& text, const QString& tip, const QIcon& icon) {
        auto* button = new QToolButton(this);
        button->setObjectName(QLatin1String(name));
        button->setText(text);
        button->setToolTip(tip);
        button->setIcon(icon);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        return button;
    };
    m_refreshButton = makeButton("schemaRefreshButton", tr("Refresh"), tr("Read the database's structure again"),
        actionIcon(QStringLiteral(":/icons/actions/reload.svg"), QStyle::SP_BrowserReload, style()));
    m_countButton = makeButton("countRowsButton", tr("Count Rows"),
        tr("Count the rows of the selected tables exactly (all shown tables when none is "
           "selected). Estimates are marked with ≈."),
        SchemaModel::iconFor(SchemaModel::NodeKind::Table));
    m_cancelButton = makeButton("schemaCancelButton", tr("Stop"), tr("Stop counting"),
        actionIcon(QStringLiteral(":/icons/actions/cancel.svg"), QStyle::SP_BrowserStop, style()));
    m_cancelButton->hide();
    bar->addWidget(m_refreshButton);
    bar->addWidget(m_countButton);
    bar->addWidget(m_cancelButton);
    layout->addLayout(bar);

    m_model = new SchemaModel(this);
    m_filter = new SchemaFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("schemaView"));
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // database order until the user sorts
    m_view->setAllColumnsShowFocus(true);
    m_view->setTextElideMode(Qt::ElideRight);
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(int(SchemaModel::Column::Name), QHeaderView::Interactive);
    header->setSectionResizeMode(int(SchemaModel::Column::Details), QHeaderView::Stretch);
    header->setSectionResizeMode(int(SchemaModel::Column::Rows), QHeaderView::Interactive);
    header->resizeSection(int(SchemaModel::Column::Name), 220);
    header->resizeSection(
        int(SchemaModel::Column::Rows), fontMetrics().horizontalAdvance(QStringLiteral("≈ 000,000,000")) + 24);
    layout->addWidget(m_view, 1);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("countProgress"));
    m_progress->setTextVisible(true);
    m_progress->setMaximumHeight(fontMetrics().height() + 6);
    m_progress->hide();
    layout->addWidget(m_progress);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("schemaStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    // Opening a table shows longer names (columns, keys): widen the column for them, up to a cap.
    connect(m_view, &QTreeView::expanded, this, &SchemaBrowser::fitNameColumn, Qt::QueuedConnection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &SchemaBrowser::showContextMenu);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &SchemaBrowser::applyFilter);
    connect(m_refreshButton, &QToolButton::clicked, this, &SchemaBrowser::reload);
    connect(m_countButton, &QToolButton::clicked, this, qOverload<>(&SchemaBrowser::countRows));
    connect(m_cancelButton, &QToolButton::clicked, this, &SchemaBrowser::cancel);

    setStatus(tr("Not connected to a database."));
    updateActions();
}

SchemaBrowser::~SchemaBrowser()
{
    // Work in flight holds no pointer to this widget: cancel it and let the watchers (children)
    // go; a count in progress finishes its current table in the thread pool and stops.
    if (m_countWatcher)
        m_countWatcher->future().cancel();
}

QString SchemaBrowser::statusText() const
{
    return m_status->text();
}

void SchemaBrowser::setFilterText(const QString& text)
{
    m_filterEdit->setText(text);
}

void SchemaBrowser::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(
        QPalette::WindowText, error ? QColor(0xc0, 0x1c, 0x28) : this->palette().color(QPalette::PlaceholderText));
    m_status->setPalette(palette);
}

void SchemaBrowser::updateActions()
{
    m_refreshButton->setEnabled(m_url.has_value() && !m_loading);
    m_countButton->setEnabled(m_url.has_value() && !m_loading && !m_counting && !m_model->snapshot().tables.isEmpty());
    m_cancelButton->setVisible(m_counting);
    m_progress->setVisible(m_counting || m_loading);
}

// ---------------------------------------------------------------------------------------------
// Inspection

void SchemaBrowser::refresh(const DatabaseUrl& url)
{
    const bool sameDatabase = m_url && m_url->toString() == url.toString();
    if (m_counting)
        cancel();
    if (!sameDatabase)
        m_model->clear();
    m_url = url;
    const quint64 id = ++m_inspectId;
    m_loading = true;
    m_inspectTimer.start();
    m_progress->setRange(0, 0); // busy
    m_progress->setFormat(QString());
    setStatus(tr("Reading the structure of %1…").arg(url.redacted()));
    updateActions();

    auto* watcher = new QFutureWatcher<Result<SchemaSnapshot>>(this);
    m_inspectWatcher = watcher;
    connect(watcher, &QFutureWatcher<Result<SchemaSnapshot>>::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        if (id == m_inspectId)
            onInspected();
    });
    watcher->setFuture(SchemaInspector::inspectAsync(url, {}, m_connectTimeout));
}

void SchemaBrowser::reload()
{
    if (m_url)
        refresh(*m_url);
}

void SchemaBrowser::onInspected()
{
    m_loading = false;
    const Result<SchemaSnapshot> result = m_inspectWatcher->future().result();
    if (!result.ok()) {
        QString message = redactUrl(result.error().message);
        if (!result.error().hint.isEmpty())
            message += QLatin1Char('\n') + redactUrl(result.error().hint);
        setStatus(message, true);
        updateActions();
        log::warn(log::Area::Db, QStringLiteral("Schema inspection failed: %1").arg(result.error().message));
        Q_EMIT loadFailed(message);
        return;
    }
    const bool first = m_model->isEmpty();
    const QStringList expanded = expandedKeys();
    m_model->setSnapshot(*result);
    if (first || expanded.isEmpty()) {
        m_view->expandToDepth(0); // schemas open, tables closed
    } else {
        restoreExpanded(expanded);
    }
    if (!m_filterEdit->text().isEmpty())
        applyFilter(m_filterEdit->text());
    if (first)
        fitNameColumn();
    setStatus(summary());
    updateActions();
    log::info(log::Area::Db,
        QStringLiteral("Schema of %1: %2 tables in %3 ms")
            .arg(m_url->redacted())
            .arg(result->tables.size())
            .arg(m_inspectTimer.elapsed()));
    Q_EMIT loaded(int(result->tables.size()));
}

QString SchemaBrowser::summary() const
{
    const SchemaSnapshot& snapshot = m_model->snapshot();
    int tables = 0;
    int views = 0;
    for (const TableInfo& t : snapshot.tables)
        (t.isView() ? views : tables) += 1;
    QStringList parts { tr("%n schema(s)", nullptr, int(snapshot.schemas.size())) };
    if (tables == 0 && views == 0)
        parts << tr("no tables yet: an upgrade creates them");
    if (tables > 0)
        parts << tr("%n table(s)", nullptr, tables);
    if (views > 0)
        parts << tr("%n view(s)", nullptr, views);
    QString text = parts.join(QStringLiteral(", "));
    text
        += QStringLiteral(" · ") + tr("read at %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat));
    return text;
}

void SchemaBrowser::clear()
{
    cancel();
    ++m_inspectId; // drop an inspection in flight
    m_loading = false;
    m_url.reset();
    m_model->clear();
    setStatus(tr("Not connected to a database."));
    updateActions();
}

// ---------------------------------------------------------------------------------------------
// Exact counts

void SchemaBrowser::countRows()
{
    const auto kindOf
        = [](const QModelIndex& index) { return SchemaModel::NodeKind(index.data(SchemaModel::KindRole).toInt()); };
    const auto isTable = [&](const QModelIndex& index) {
        const SchemaModel::NodeKind kind = kindOf(index);
        return kind == SchemaModel::NodeKind::Table || kind == SchemaModel::NodeKind::View
            || kind == SchemaModel::NodeKind::MaterializedView;
    };
    QVector<TableRef> tables;
    QSet<QString> seen;
    const auto add = [&](const QModelIndex& proxyIndex) {
        if (!isTable(proxyIndex))
            return;
        const TableRef ref { proxyIndex.data(SchemaModel::SchemaNameRole).toString(),
            proxyIndex.data(SchemaModel::TableNameRole).toString() };
        const QString key = ref.schema + QChar(0x1f) + ref.name;
        if (!seen.contains(key)) {
            seen.insert(key);
            tables << ref;
        }
    };
    const auto addSchema = [&](const QModelIndex& schema) {
        for (int row = 0; row < m_filter->rowCount(schema); ++row)
            add(m_filter->index(row, 0, schema));
    };

    // A selected schema counts all its shown tables; a selected column, key or index its table.
    const QModelIndexList selected = m_view->selectionModel()->selectedRows(0);
    for (const QModelIndex& index : selected) {
        QModelIndex i = index;
        while (i.isValid() && !isTable(i) && kindOf(i) != SchemaModel::NodeKind::Schema)
            i = i.parent();
        if (!i.isValid())
            continue;
        if (isTable(i))
            add(i);
        else
            addSchema(i);
    }
    if (selected.isEmpty()) {
        for (int s = 0; s < m_filter->rowCount(); ++s)
            addSchema(m_filter->index(s, 0));
    }
    countRows(tables);
}

void SchemaBrowser::countRows(const QVector<TableRef>& tables)
{
    if (!m_url || tables.isEmpty() || m_counting)
        return;
    m_counting = true;
    m_countTotal = int(tables.size());
    m_counted = 0;
    m_countFailed = 0;
    m_countError.clear();
    m_progress->setRange(0, m_countTotal);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Counting rows: %v of %m tables"));
    setStatus(tr("Counting the rows of %n table(s)…", nullptr, m_countTotal));
    updateActions();
    Q_EMIT countingStarted(m_countTotal);

    auto* watcher = new QFutureWatcher<RowCount>(this);
    m_countWatcher = watcher;
    connect(watcher, &QFutureWatcher<RowCount>::resultReadyAt, this, &SchemaBrowser::onCountReady);
    connect(watcher, &QFutureWatcher<RowCount>::progressValueChanged, this, [this](int done) {
        m_progress->setValue(done);
        Q_EMIT countProgress(done, m_countTotal);
    });
    connect(watcher, &QFutureWatcher<RowCount>::finished, this, &SchemaBrowser::onCountFinished);
    watcher->setFuture(SchemaInspector::countRowsAsync(*m_url, tables, m_connectTimeout));
}

void SchemaBrowser::onCountReady(int index)
{
    if (!m_countWatcher)
        return;
    const RowCount count = m_countWatcher->resultAt(index);
    if (count.ok()) {
        if (m_model->setExactCount(count.schema, count.name, count.rows))
            ++m_counted;
        return;
    }
    ++m_countFailed;
    QString message = redactUrl(count.error.message);
    if (!count.error.hint.isEmpty())
        message += QLatin1Char('\n') + redactUrl(count.error.hint);
    if (m_countError.isEmpty())
        m_countError = count.name.isEmpty()
            ? message
            : count.schema + QLatin1Char('.') + count.name + QStringLiteral(": ") + message;
}

void SchemaBrowser::onCountFinished()
{
    if (!m_countWatcher)
        return;
    const bool cancelled = m_countWatcher->future().isCanceled();
    m_countWatcher->deleteLater();
    m_countWatcher = nullptr;
    m_counting = false;
    updateActions();
    if (!m_countError.isEmpty()) {
        setStatus(m_countError, true);
    } else if (cancelled) {
        setStatus(tr("Counting stopped: %1 of %n table(s) counted.", nullptr, m_countTotal).arg(m_counted));
    } else {
        setStatus(summary() + QStringLiteral(" · ") + tr("%n table(s) counted exactly", nullptr, m_counted));
    }
    Q_EMIT countingFinished(cancelled, m_counted, m_countFailed);
}

void SchemaBrowser::cancel()
{
    if (m_counting && m_countWatcher) {
        m_countWatcher->future().cancel();
        setStatus(tr("Stopping after the table being counted…"));
    }
}

void SchemaBrowser::fitNameColumn()
{
    // Only ever widens (a width the user chose stays), never past 45% of the view.
    const int column = int(SchemaModel::Column::Name);
    const int cap = qMax(180, m_view->viewport()->width() * 45 / 100);
    const int current = m_view->columnWidth(column);
    m_view->resizeColumnToContents(column);
    const int wanted = qMin(cap, m_view->columnWidth(column));
    m_view->setColumnWidth(column, qMax(current, wanted));
}

void SchemaBrowser::showContextMenu(const QPoint& position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    const QModelIndex name = index.siblingAtColumn(int(SchemaModel::Column::Name));
    QMenu menu(this);
    QAction* count = menu.addAction(m_countButton->icon(), tr("Count Rows Exactly"));
    count->setEnabled(m_countButton->isEnabled());
    connect(count, &QAction::triggered, this, qOverload<>(&SchemaBrowser::countRows));
    menu.addSeparator();
    // The qualified name for tables ("sales.orders"), the plain one for anything else.
    QString text = name.data().toString();
    const auto kind = SchemaModel::NodeKind(name.data(SchemaModel::KindRole).toInt());
    if (kind == SchemaModel::NodeKind::Table || kind == SchemaModel::NodeKind::View
        || kind == SchemaModel::NodeKind::MaterializedView)
        text = name.data(SchemaModel::SchemaNameRole).toString() + QLatin1Char('.') + text;
    QAction* copy = menu.addAction(tr("Copy Name"));
    connect(copy, &QAction::triggered, this, [text] { QGuiApplication::clipboard()->setText(text); });
    QAction* copyDetails = menu.addAction(tr("Copy Details"));
    const QString details = index.siblingAtColumn(int(SchemaModel::Column::Details)).data().toString();
    copyDetails->setEnabled(!details.isEmpty());
    connect(copyDetails, &QAction::triggered, this, [details] { QGuiApplication::clipboard()->setText(details); });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

// ---------------------------------------------------------------------------------------------
// Filter and expansion

void SchemaBrowser::applyFilter(const QString& text)
{
    m_filter->setFilterFixedString(text.trimmed());
    if (text.trimmed().isEmpty()) {
        m_view->expandToDepth(0);
        return;
    }
    int shown = 0;
    for (int s = 0; s < m_filter->rowCount(); ++s)
        shown += m_filter->rowCount(m_filter->index(s, 0));
    if (shown <= kExpandAllLimit)
        m_view->expandAll();
    else
        m_view->expandToDepth(0);
}

QStringList SchemaBrowser::expandedKeys() const
{
    QStringList keys;
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int row = 0; row < m_filter->rowCount(parent); ++row) {
            const QModelIndex index = m_filter->index(row, 0, parent);
            if (!m_view->isExpanded(index))
                continue;
            keys << nodeKey(m_filter->mapToSource(index));
            walk(index);
        }
    };
    walk({});
    return keys;
}

void SchemaBrowser::restoreExpanded(const QStringList& keys)
{
    const QSet<QString> wanted(keys.begin(), keys.end());
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int row = 0; row < m_filter->rowCount(parent); ++row) {
            const QModelIndex index = m_filter->index(row, 0, parent);
            if (!wanted.contains(nodeKey(m_filter->mapToSource(index))))
                continue;
            m_view->expand(index);
            walk(index);
        }
    };
    walk({});
}

} // namespace retort::app
