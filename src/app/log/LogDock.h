#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QDockWidget>
#include <QSortFilterProxyModel>

#include <deque>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace retort::app {

// One line of the application log (spdlog's stream, already redacted by core/log).
struct LogEntry
{
    QDateTime time;
    int level = 2; // spdlog::level::level_enum: 0 trace, 1 debug, 2 info, 3 warn, 4 error, 5 critical
    QString logger;
    QString text;
};

// The application log as a bounded ring buffer: when more than maximumLines() entries arrive,
// the oldest rows are removed, so the log never grows without limit.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column { Time, Level, Logger, Message, Count };
    enum Role { LevelRole = Qt::UserRole + 1, LoggerRole };

    explicit LogModel(QObject* parent = nullptr);

    void append(LogEntry entry);
    void clear();
    void setMaximumLines(int lines);
    [[nodiscard]] int maximumLines() const { return m_maximum; }
    [[nodiscard]] const LogEntry& entry(int row) const { return m_entries[size_t(row)]; }

    static QString levelName(int level);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void trim();

    std::deque<LogEntry> m_entries;
    int m_maximum = 5000;
};

// Keeps the rows at or above a minimum level whose text contains the filter text.
class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimumLevel(int level);
    [[nodiscard]] int minimumLevel() const { return m_minimumLevel; }
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_minimumLevel = 1;
    QString m_text;
};

// The log dock: "Alembic output" (what the user ran, a separate user-facing stream fed through
// appendBridgeLine) and "Application log" (the spdlog stream with a level filter, a text filter
// and "Open log file"). Both buffers are bounded. The owner connects the stream:
//   connect(log::LogHub::instance(), &log::LogHub::lineLogged, dock, &LogDock::appendLogLine);
// (queued automatically when a worker thread logs).
class LogDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit LogDock(QWidget* parent = nullptr);
    ~LogDock() override;

    // Maximum number of lines kept in each buffer (default 5,000).
    void setMaximumLines(int lines);
    [[nodiscard]] int maximumLines() const;

    // Minimum spdlog level shown in the application log (default 1 = debug).
    void setMinimumLevel(int level);
    [[nodiscard]] int minimumLevel() const;

    [[nodiscard]] LogModel* logModel() const { return m_model; }
    [[nodiscard]] LogFilterModel* filterModel() const { return m_filter; }
    // The lines currently shown in "Application log" ("LEVEL logger: text") and "Alembic output".
    [[nodiscard]] QStringList visibleLogLines() const;
    // The "Alembic output" view's text.
    [[nodiscard]] QString alembicText() const;
    [[nodiscard]] QStringList bridgeLines() const;
    // Shows the "Alembic output" tab (0) or the "Application log" tab (1).
    void showPage(int page);

public Q_SLOTS:
    void appendLogLine(int level, const QString& logger, const QString& text);
    void appendBridgeLine(const QString& line);
    void clear();
    void openLogFile();

Q_SIGNALS:
    // Emitted after openLogFile() with the path handed to the desktop (empty: logging to a file is off).
    void logFileOpened(const QString& path);

private:
    void scrollToBottomIfFollowing(bool wasAtBottom);

    QTabWidget* m_tabs = nullptr;
    QPlainTextEdit* m_bridgeView = nullptr;
    QTreeView* m_logView = nullptr;
    QComboBox* m_levelCombo = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QToolButton* m_openFileButton = nullptr;
    QToolButton* m_clearButton = nullptr;
    LogModel* m_model = nullptr;
    LogFilterModel* m_filter = nullptr;
};

} // namespace retort::app
