// retort: the desktop application. Everything but argument handling lives in retort_ui.
#include "app/window/AppOptions.h"
#include "app/window/GuiBench.h"
#include "app/window/MainWindow.h"
#include "app/window/Theme.h"
#include "app/window/Translations.h"
#include "core/Version.h"
#include "core/log/Log.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimer>

#include <cstdio>

namespace {

void setNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Retort"));
    QCoreApplication::setApplicationName(QStringLiteral("retort"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(retort::kVersion));
}

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

// Writes `report` to `path` ("-" = stdout); false with a message on stderr when it cannot.
bool writeReport(const QJsonObject& report, const QString& path)
{
    const QByteArray bytes = QJsonDocument(report).toJson(QJsonDocument::Indented);
    if (path == QLatin1String("-")) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        std::fprintf(stderr, "retort: cannot write %s: %s\n", qPrintable(QDir::toNativeSeparators(path)),
                     qPrintable(file.errorString()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    // The options are read before any window system is touched: --help, --version and bad
    // arguments must work without a display, and --screenshot / --report choose one.
    retort::app::AppOptions options;
    {
        QCoreApplication probe(argc, argv);
        setNames();
        const retort::Result<retort::app::AppOptions> parsed = retort::app::AppOptions::parse(QCoreApplication::arguments());
        if (!parsed) {
            std::fprintf(stderr, "retort: %s\n%s\n", qPrintable(parsed.error().message), qPrintable(parsed.error().hint));
            return 2;
        }
        options = *parsed;
        if (options.helpRequested) {
            std::fputs(qPrintable(options.helpText), stdout);
            return 0;
        }
        if (options.versionRequested) {
            std::printf("retort %s\n", retort::kVersion);
            return 0;
        }
    }
    // Rendering to a file needs no screen: without one, render offscreen.
    if ((options.isHeadless() || options.bench) && !hasDisplay() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    setNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Retort"));
    QApplication::setDesktopFileName(QStringLiteral("retort"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/retort.svg")));

    retort::log::Options logOptions;
    logOptions.stderrLevel = spdlog::level::warn;
    retort::log::init(logOptions);
    retort::app::Translations::install();
    retort::app::Theme::captureSystemDefaults();
    retort::app::Theme::apply(options.theme.isEmpty() ? retort::app::Theme::saved()
                              : options.theme == QLatin1String("dark")  ? retort::app::Theme::Choice::Dark
                              : options.theme == QLatin1String("light") ? retort::app::Theme::Choice::Light
                                                                        : retort::app::Theme::Choice::System);

    if (options.bench)
        return retort::app::GuiBench::run(options);

    const bool headless = options.isHeadless();
    retort::app::MainWindow::Options windowOptions;
    windowOptions.restoreState = !headless; // screenshots and reports are reproducible: default layout
    windowOptions.watchFiles = !headless;
    retort::app::MainWindow window(windowOptions);
    window.setInitialSelection(options.select);
    if (headless) {
        window.resize(options.width, options.height);
        int exitCode = 0;
        QObject::connect(&window, &retort::app::MainWindow::ready, &window, [&window, &options, &exitCode] {
            // Let the layout settle and the views paint once before grabbing.
            QTimer::singleShot(150, &window, [&window, &options, &exitCode] {
                if (!options.report.isEmpty() && !writeReport(window.report(), options.report))
                    exitCode = 1;
                if (!options.screenshot.isEmpty()) {
                    const retort::Status saved = window.saveScreenshot(options.screenshot);
                    if (!saved) {
                        std::fprintf(stderr, "retort: %s\n", qPrintable(saved.error().message));
                        exitCode = 1;
                    } else {
                        std::fprintf(options.report == QLatin1String("-") ? stderr : stdout, "%s\n",
                                     qPrintable(QDir::toNativeSeparators(options.screenshot)));
                    }
                }
                QApplication::exit(exitCode);
            });
        });
        // A project or database that never answers must not hang a headless run.
        QTimer::singleShot(90000, &window, [] {
            std::fprintf(stderr, "retort: the project did not finish loading within 90 s\n");
            QApplication::exit(1);
        });
    }
    window.show();
    window.openProject(options.project, options.url);
    const int rc = QApplication::exec();
    retort::log::shutdown();
    return rc;
}
