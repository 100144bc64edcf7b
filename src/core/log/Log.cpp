#include "core/log/Log.h"

#include "core/common/Redact.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <mutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace retort::log {
namespace {

constexpr std::array<const char*, 7> kNames = {"project", "graph", "db", "exec", "doctor", "ui", "qt"};

// Forwards formatted lines to LogHub (the log dock). Emitting a signal from any thread is safe;
// receivers in the GUI thread get it queued.
class HubSink final : public spdlog::sinks::base_sink<std::mutex>
{
protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        LogHub::instance()->lineLogged(static_cast<int>(msg.level),
                                       QString::fromUtf8(msg.logger_name.data(), qsizetype(msg.logger_name.size())),
                                       QString::fromUtf8(msg.payload.data(), qsizetype(msg.payload.size())));
    }
    void flush_() override {}
};

std::mutex g_mutex;
std::atomic_bool g_initialised{false};
std::array<std::shared_ptr<spdlog::logger>, kNames.size()> g_loggers;
QString g_logFile;
QtMessageHandler g_previousHandler = nullptr;

void qtMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    auto& logger = get(Area::Qt);
    const QString text = context.category && qstrcmp(context.category, "default") != 0
        ? QString::fromUtf8(context.category) + QStringLiteral(": ") + message
        : message;
    const std::string line = redactUrl(text).toStdString();
    switch (type) {
    case QtDebugMsg: logger.debug(line); break;
    case QtInfoMsg: logger.info(line); break;
    case QtWarningMsg: logger.warn(line); break;
    case QtCriticalMsg: logger.error(line); break;
    case QtFatalMsg: logger.critical(line); logger.flush(); break;
    }
}

// Log files are the user's alone (0600), the current one and every rotated one: spdlog opens
// them with fopen (0666 minus the umask), so each file is created 0600 before spdlog opens it,
// and an older file that is more open than that is narrowed once opened.
spdlog::file_event_handlers privateFileHandlers()
{
    spdlog::file_event_handlers handlers;
    handlers.before_open = [](const spdlog::filename_t& filename) {
        const int fd = ::open(filename.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, S_IRUSR | S_IWUSR);
        if (fd >= 0)
            ::close(fd);
    };
    handlers.after_open = [](const spdlog::filename_t&, std::FILE* stream) {
        if (stream)
            ::fchmod(::fileno(stream), S_IRUSR | S_IWUSR);
    };
    return handlers;
}

std::shared_ptr<spdlog::logger> makeFallback(Area area)
{
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    sink->set_level(spdlog::level::warn);
    auto logger = std::make_shared<spdlog::logger>(kNames[size_t(area)], sink);
    logger->set_level(spdlog::level::debug);
    return logger;
}

} // namespace

LogHub* LogHub::instance()
{
    static LogHub* hub = new LogHub; // lives for the process; outlives every logger
    return hub;
}

void init(const Options& options)
{
    std::lock_guard lock(g_mutex);
    if (g_initialised.load())
        return;

    std::vector<spdlog::sink_ptr> sinks;
    if (options.toStderr) {
        auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        sink->set_level(options.stderrLevel);
        sink->set_pattern("%^[%l]%$ %n: %v");
        sinks.push_back(sink);
    }
    if (options.toFile) {
        QString dir = options.fileDirectory;
        if (dir.isEmpty())
            dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/logs");
        if (QDir().mkpath(dir)) {
            g_logFile = QDir(dir).filePath(QStringLiteral("retort.log"));
            try {
                auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                    QFile::encodeName(g_logFile).toStdString(), options.maxFileBytes, 3, false, privateFileHandlers());
                sink->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] [%n] [t%t] %v");
                sinks.push_back(sink);
            } catch (const spdlog::spdlog_ex&) {
                g_logFile.clear(); // unwritable data dir: keep going without a file
            }
        }
    }
    sinks.push_back(std::make_shared<HubSink>());

    for (size_t i = 0; i < kNames.size(); ++i) {
        auto logger = std::make_shared<spdlog::logger>(kNames[i], sinks.begin(), sinks.end());
        logger->set_level(options.level);
        logger->flush_on(spdlog::level::warn);
        g_loggers[i] = logger;
    }
    if (options.installQtMessageHandler)
        g_previousHandler = qInstallMessageHandler(qtMessageHandler);
    g_initialised = true;
}

void shutdown()
{
    std::lock_guard lock(g_mutex);
    if (!g_initialised.load())
        return;
    qInstallMessageHandler(g_previousHandler);
    for (auto& logger : g_loggers) {
        if (logger)
            logger->flush();
        logger.reset();
    }
    g_logFile.clear();
    g_initialised = false;
}

spdlog::logger& get(Area area)
{
    std::lock_guard lock(g_mutex);
    auto& slot = g_loggers[size_t(area)];
    if (!slot)
        slot = makeFallback(area);
    return *slot;
}

QString logFilePath()
{
    std::lock_guard lock(g_mutex);
    return g_logFile;
}

void debug(Area area, const QString& message) { get(area).debug(redactUrl(message).toStdString()); }
void info(Area area, const QString& message) { get(area).info(redactUrl(message).toStdString()); }
void warn(Area area, const QString& message) { get(area).warn(redactUrl(message).toStdString()); }
void error(Area area, const QString& message) { get(area).error(redactUrl(message).toStdString()); }

} // namespace retort::log
