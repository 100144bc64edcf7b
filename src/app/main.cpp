// retort: the desktop application. Everything but argument handling lives in retort_ui.
#include "app/AppOptions.h"
#include "app/GuiBench.h"
#include "app/MainWindow.h"
#include "app/Translations.h"
#include "core/Version.h"
#include "core/log/Log.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Retort"));
    QApplication::setApplicationName(QStringLiteral("retort"));
    QApplication::setApplicationDisplayName(QStringLiteral("Retort"));
    QApplication::setApplicationVersion(QString::fromLatin1(retort::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("retort"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/retort.svg")));

    const retort::Result<retort::app::AppOptions> parsed = retort::app::AppOptions::parse(QApplication::arguments());
    if (!parsed) {
        std::fprintf(stderr, "retort: %s\n%s\n", qPrintable(parsed.error().message), qPrintable(parsed.error().hint));
        return 2;
    }
    const retort::app::AppOptions& options = *parsed;
    if (options.helpRequested) {
        std::fputs(qPrintable(options.helpText), stdout);
        return 0;
    }
    if (options.versionRequested) {
        std::printf("retort %s\n", retort::kVersion);
        return 0;
    }

    retort::log::Options logOptions;
    logOptions.stderrLevel = spdlog::level::warn;
    retort::log::init(logOptions);
    retort::app::Translations::install();

    if (options.bench)
        return retort::app::GuiBench::run(options);

    const bool headless = !options.screenshot.isEmpty();
    retort::app::MainWindow::Options windowOptions;
    windowOptions.restoreState = !headless; // screenshots are reproducible: default layout
    windowOptions.watchFiles = !headless;
    retort::app::MainWindow window(windowOptions);
    window.setInitialSelection(options.select);
    if (headless) {
        window.resize(options.width, options.height);
        int exitCode = 0;
        QObject::connect(&window, &retort::app::MainWindow::ready, &window, [&window, &options, &exitCode] {
            // Let the layout settle and the views paint once before grabbing.
            QTimer::singleShot(150, &window, [&window, &options, &exitCode] {
                const retort::Status saved = window.saveScreenshot(options.screenshot);
                if (!saved) {
                    std::fprintf(stderr, "retort: %s\n", qPrintable(saved.error().message));
                    exitCode = 1;
                } else {
                    std::printf("%s\n", qPrintable(QDir::toNativeSeparators(options.screenshot)));
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
