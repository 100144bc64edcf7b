#include "app/log/LogDock.h"

#include "core/log/Log.h"

#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace retort::app {

namespace {
constexpr int kDefaultMaximumLines = 5000;

QColor levelColor(int level, const QPalette& palette)
{
    switch (level) {
    case 0:
    case 1:
        return palette.color(QPalette::Disabled, QPalette::Text);
    case 3:
        return QColor(0xb3, 0x6b, 0x00);
    case 4:
    case 5:
        return QColor(0xc0, 0x1c, 0x28);
    default:
        return palette.color(QPalette::Text);
    }
}

bool isAtBottom(const QAbstractScrollArea* area)
{
    const QScrollBar* bar = area->verticalScrollBar();
    return bar->value() >= bar->maximum() - 2;
}
} // namespace

// ---------------------------------------------------------------------------------------------
// LogModel

LogModel::LogModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_maximum(kDefaultMaximumLines)
{
}

QString LogModel::levelName(int level)
{
    switch (level) {
    case 0:
        return tr("trace");
    case 1:
        return tr("debug");
    case 2:
        return tr("info");
    case 3:
        return tr("warning");
    case 4:
        return tr("error");
    case 5:
        return tr("critical");
    default:
        return QString::number(level);
    }
}

void LogModel::append(LogEntry entry)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back(std::move(entry));
    endInsertRows();
    trim();
}

void LogModel::clear()
{
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

void LogModel::setMaximumLines(int lines)
{
    m_maximum = qMax(1, lines);
    trim();
}

void LogModel::trim()
{
    const int excess = int(m_entries.size()) - m_maximum;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_entries.erase(m_entries.begin(), m_entries.begin() + excess);
    endRemoveRows();
}

int LogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant LogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry& e = m_entries[size_t(index.row())];
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Time:
            return e.time.toString(QStringLiteral("HH:mm:ss.zzz"));
        case Column::Level:
            return levelName(e.level);
        case Column::Logger:
            return e.logger;
        case Column::Message:
            return e.text;
        case Column::Count:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (column == Column::Message)
            return e.text;
        if (column == Column::Time)
            return QLocale().toString(e.time, QLocale::LongFormat);
        break;
    case Qt::ForegroundRole:
        if (column == Column::Level || e.level >= 3 || e.level <= 1)
            return levelColor(e.level, QApplication::palette());
        break;
    case LevelRole:
        return e.level;
    case LoggerRole:
        return e.logger;
    default:
        break;
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Level:
        return tr("Level");
    case Column::Logger:
        return tr("Source");
    case Column::Message:
        return tr("Message");
    case Column::Count:
        break;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// LogFilterModel

void LogFilterModel::setMinimumLevel(int level)
{
    if (level == m_minimumLevel)
        return;
    m_minimumLevel = level;
    invalidateFilter();
}

void LogFilterModel::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, int(LogModel::Column::Message), sourceParent);
    if (index.data(LogModel::LevelRole).toInt() < m_minimumLevel)
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data().toString().contains(m_text, Qt::CaseInsensitive)
        || index.data(LogModel::LoggerRole).toString().contains(m_text, Qt::CaseInsensitive);
}

// ---------------------------------------------------------------------------------------------
// LogDock

LogDock::LogDock(QWidget* parent)
    : QDockWidget(parent)
{
    setObjectName(QStringLiteral("logDock"));
    setWindowTitle(tr("Log"));

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("logTabs"));
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    // Alembic output: plain text, bounded by the document's block count.
    m_bridgeView = new QPlainTextEdit(m_tabs);
    m_bridgeView->setObjectName(QStringLiteral("bridgeOutputView"));
    m_bridgeView->setReadOnly(true);
    m_bridgeView->setFont(fixed);
    m_bridgeView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_bridgeView->setMaximumBlockCount(kDefaultMaximumLines);
    m_bridgeView->setPlaceholderText(tr("Output of Alembic appears here when you preview SQL, "
                                        "upgrade, downgrade or stamp."));
    m_tabs->addTab(m_bridgeView, tr("Alembic output"));

    // Application log: model/view with a level filter.
    auto* logPage = new QWidget(m_tabs);
    auto* logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(4, 4, 4, 0);
    logLayout->setSpacing(4);
    auto* bar = new QHBoxLayout;
    bar->setSpacing(6);
    auto* levelLabel = new QLabel(tr("&Show:"), logPage);
    m_levelCombo = new QComboBox(logPage);
    m_levelCombo->setObjectName(QStringLiteral("levelCombo"));
    m_levelCombo->addItem(tr("Everything"), 0);
    m_levelCombo->addItem(tr("Debug and above"), 1);
    m_levelCombo->addItem(tr("Information and above"), 2);
    m_levelCombo->addItem(tr("Warnings and errors"), 3);
    m_levelCombo->addItem(tr("Errors only"), 4);
    levelLabel->setBuddy(m_levelCombo);
    m_filterEdit = new QLineEdit(logPage);
    m_filterEdit->setObjectName(QStringLiteral("logFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter messages"));
    m_filterEdit->setClearButtonEnabled(true);
    m_openFileButton = new QToolButton(logPage);
    m_openFileButton->setObjectName(QStringLiteral("openLogFileButton"));
    m_openFileButton->setText(tr("Open Log File"));
    m_openFileButton->setToolTip(tr("Open the complete log file in the desktop's text viewer"));
    m_openFileButton->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    m_openFileButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clearButton = new QToolButton(logPage);
    m_clearButton->setObjectName(QStringLiteral("clearLogButton"));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Clear both log views (the log file is kept)"));
    m_clearButton->setIcon(style()->standardIcon(QStyle::SP_DialogResetButton));
    m_clearButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addWidget(levelLabel);
    bar->addWidget(m_levelCombo);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_openFileButton);
    bar->addWidget(m_clearButton);
    logLayout->addLayout(bar);

    m_model = new LogModel(this);
    m_filter = new LogFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_logView = new QTreeView(logPage);
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setModel(m_filter);
    m_logView->setRootIsDecorated(false);
    m_logView->setUniformRowHeights(true);
    m_logView->setAlternatingRowColors(true);
    m_logView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_logView->setTextElideMode(Qt::ElideRight);
    m_logView->setFont(fixed);
    m_logView->header()->setStretchLastSection(true);
    const QFontMetrics fm(fixed);
    m_logView->setColumnWidth(int(LogModel::Column::Time), fm.horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
    m_logView->setColumnWidth(int(LogModel::Column::Level), fm.horizontalAdvance(QStringLiteral("critical")) + 16);
    m_logView->setColumnWidth(int(LogModel::Column::Logger), fm.horizontalAdvance(QStringLiteral("project")) + 16);
    logLayout->addWidget(m_logView, 1);
    m_tabs->addTab(logPage, tr("Application log"));

    setWidget(content);

    m_levelCombo->setCurrentIndex(m_levelCombo->findData(m_filter->minimumLevel()));
    connect(m_levelCombo, &QComboBox::currentIndexChanged, this,
        [this](int index) { m_filter->setMinimumLevel(m_levelCombo->itemData(index).toInt()); });
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &LogFilterModel::setText);
    connect(m_openFileButton, &QToolButton::clicked, this, &LogDock::openLogFile);
    connect(m_clearButton, &QToolButton::clicked, this, &LogDock::clear);
}

LogDock::~LogDock() = default;

void LogDock::setMaximumLines(int lines)
{
    m_model->setMaximumLines(lines);
    m_bridgeView->setMaximumBlockCount(m_model->maximumLines());
}

int LogDock::maximumLines() const
{
    return m_model->maximumLines();
}

void LogDock::setMinimumLevel(int level)
{
    const int index = m_levelCombo->findData(level);
    if (index >= 0)
        m_levelCombo->setCurrentIndex(index); // updates the filter through the signal
    else
        m_filter->setMinimumLevel(level);
}

int LogDock::minimumLevel() const
{
    return m_filter->minimumLevel();
}

QString LogDock::alembicText() const
{
    return m_bridgeView->toPlainText();
}

QStringList LogDock::visibleLogLines() const
{
    QStringList lines;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex message = m_filter->index(row, int(LogModel::Column::Message));
        lines << m_filter->index(row, int(LogModel::Column::Level)).data().toString() + QLatin1Char(' ')
                + message.data(LogModel::LoggerRole).toString() + QStringLiteral(": ") + message.data().toString();
    }
    return lines;
}

QStringList LogDock::bridgeLines() const
{
    const QString text = m_bridgeView->toPlainText();
    return text.isEmpty() ? QStringList() : text.split(QLatin1Char('\n'));
}

void LogDock::showPage(int page)
{
    m_tabs->setCurrentIndex(page);
}

void LogDock::appendLogLine(int level, const QString& logger, const QString& text)
{
    const bool follow = isAtBottom(m_logView);
    m_model->append(LogEntry { QDateTime::currentDateTime(), level, logger, text });
    scrollToBottomIfFollowing(follow);
}

void LogDock::appendBridgeLine(const QString& line)
{
    // appendPlainText keeps the cursor at the end only when the view already was there.
    const bool follow = isAtBottom(m_bridgeView);
    QString text = line;
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);
    m_bridgeView->appendPlainText(text);
    if (follow)
        m_bridgeView->verticalScrollBar()->setValue(m_bridgeView->verticalScrollBar()->maximum());
}

void LogDock::clear()
{
    m_model->clear();
    m_bridgeView->clear();
}

void LogDock::openLogFile()
{
    const QString path = log::logFilePath();
    if (!path.isEmpty() && QFileInfo::exists(path))
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    else
        appendLogLine(3, QStringLiteral("ui"),
            tr("There is no log file: logging to a file is off or "
               "the data folder is not writable."));
    Q_EMIT logFileOpened(path);
}

void LogDock::scrollToBottomIfFollowing(bool wasAtBottom)
{
    if (wasAtBottom)
        m_logView->scrollToBottom();
}

} // namespace retort::app
