#pragma once

#include <QObject>
#include <QString>

#include <spdlog/logger.h>

#include <cstddef>
#include <memory>

namespace retort::log {

// Named loggers, one per area (STYLE.md §9).
enum class Area { Project, Graph, Db, Exec, Doctor, Ui, Qt };

struct Options
{
    bool toStderr = true;                 // stderr sink (the CLI turns it down to warnings)
    spdlog::level::level_enum stderrLevel = spdlog::level::info;
    bool toFile = true;                   // rotating file under the app data location
    QString fileDirectory;                // empty: QStandardPaths::AppLocalDataLocation + "/logs"
    std::size_t maxFileBytes = 5 * 1024 * 1024; // rotate after this size (3 old files kept); files are 0600
    spdlog::level::level_enum level = spdlog::level::debug;
    bool installQtMessageHandler = true;  // forward qDebug/qWarning/... into the "qt" logger
};

// Sets up all named loggers once; later calls are no-ops. Safe before QCoreApplication exists
// only when `fileDirectory` is given.
void init(const Options& options = {});

// Flushes and drops all loggers, uninstalls the Qt message handler.
void shutdown();

// The logger for an area; creates a stderr-only one when init() has not run (tests).
spdlog::logger& get(Area area);

// Path of the current log file ("" when file logging is off).
QString logFilePath();

// Every line passes through redactUrl() before any sink sees it, so a password in a URL that a
// caller formatted carelessly still never reaches a file or the screen.
void debug(Area area, const QString& message);
void info(Area area, const QString& message);
void warn(Area area, const QString& message);
void error(Area area, const QString& message);

// Receives every log line (after redaction) as a queued-safe Qt signal: the log dock listens here.
class LogHub : public QObject
{
    Q_OBJECT
public:
    static LogHub* instance();

Q_SIGNALS:
    void lineLogged(int level, const QString& logger, const QString& text);

private:
    LogHub() = default;
};

} // namespace retort::log
