#include "app/window/AppOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

namespace retort::app {

Result<AppOptions> AppOptions::parse(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("AppOptions", "Alembic migrations, seen and applied."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption projectOption(
        {QStringLiteral("p"), QStringLiteral("project")},
        QCoreApplication::translate("AppOptions", "Alembic project folder or alembic.ini to open (default: the demo project)."),
        QStringLiteral("DIR|alembic.ini"));
    const QCommandLineOption urlOption(
        QStringLiteral("url"),
        QCoreApplication::translate("AppOptions", "Database URL (SQLAlchemy form) to connect to."),
        QStringLiteral("URL"));
    const QCommandLineOption selectOption(
        QStringLiteral("select"),
        QCoreApplication::translate("AppOptions", "Revision to select once the project has loaded (any Alembic identifier)."),
        QStringLiteral("REV"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("AppOptions", "Render the main window to a PNG once loaded, then exit."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption reportOption(
        QStringLiteral("report"),
        QCoreApplication::translate("AppOptions", "Write what the window shows once loaded (revisions, heads, database, problems) as JSON, then exit."),
        QStringLiteral("FILE.json"));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"),
        QCoreApplication::translate("AppOptions", "Colours for this run: system, light or dark (default: the one chosen in View ▸ Theme)."),
        QStringLiteral("NAME"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"),
        QCoreApplication::translate("AppOptions", "Window size for --screenshot and --bench (default 1400x900)."),
        QStringLiteral("WxH"));
    const QCommandLineOption benchOption(
        QStringLiteral("bench"),
        QCoreApplication::translate("AppOptions", "Measure open-to-first-paint and graph paint times, print JSON, exit."));
    parser.addOptions({projectOption, urlOption, selectOption, screenshotOption, reportOption, themeOption, sizeOption, benchOption});

    if (!parser.parse(arguments))
        return Error{QStringLiteral("usage"), parser.errorText(),
                     QCoreApplication::translate("AppOptions", "Run `retort --help` for the options."), {}, 0};

    AppOptions options;
    options.helpRequested = parser.isSet(helpOption);
    options.versionRequested = parser.isSet(versionOption);
    options.helpText = parser.helpText();
    if (!parser.positionalArguments().isEmpty())
        return Error{QStringLiteral("usage"),
                     QCoreApplication::translate("AppOptions", "Unexpected argument '%1'.").arg(parser.positionalArguments().constFirst()),
                     QCoreApplication::translate("AppOptions", "Pass the project with --project DIR."), {}, 0};

    options.project = parser.value(projectOption);
    options.url = parser.value(urlOption);
    options.select = parser.value(selectOption);
    // Relative paths are the caller's: resolved against the working directory now.
    options.screenshot = parser.value(screenshotOption);
    if (!options.screenshot.isEmpty())
        options.screenshot = QFileInfo(options.screenshot).absoluteFilePath();
    options.report = parser.value(reportOption);
    if (!options.report.isEmpty() && options.report != QLatin1String("-"))
        options.report = QFileInfo(options.report).absoluteFilePath();
    options.bench = parser.isSet(benchOption);
    options.theme = parser.value(themeOption);
    if (!options.theme.isEmpty() && options.theme != QLatin1String("system") && options.theme != QLatin1String("light")
        && options.theme != QLatin1String("dark"))
        return Error{QStringLiteral("usage"),
                     QCoreApplication::translate("AppOptions", "Unknown theme '%1'.").arg(options.theme),
                     QCoreApplication::translate("AppOptions", "Use system, light or dark."), {}, 0};
    if (parser.isSet(sizeOption)) {
        static const QRegularExpression sizeRe(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
        const QRegularExpressionMatch m = sizeRe.match(parser.value(sizeOption));
        if (!m.hasMatch())
            return Error{QStringLiteral("usage"),
                         QCoreApplication::translate("AppOptions", "Bad --size '%1'.").arg(parser.value(sizeOption)),
                         QCoreApplication::translate("AppOptions", "Use WIDTHxHEIGHT, e.g. 1400x900."), {}, 0};
        options.width = m.captured(1).toInt();
        options.height = m.captured(2).toInt();
    }
    if (!options.screenshot.isEmpty() && !options.screenshot.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return Error{QStringLiteral("usage"),
                     QCoreApplication::translate("AppOptions", "--screenshot needs a .png file name, got '%1'.").arg(options.screenshot),
                     {}, {}, 0};
    if (!options.project.isEmpty() && !QFileInfo::exists(options.project))
        return Error{QStringLiteral("project-not-found"),
                     QCoreApplication::translate("AppOptions", "No such project folder or file: %1").arg(options.project),
                     QCoreApplication::translate("AppOptions", "Pass a folder holding alembic.ini, or the alembic.ini itself."),
                     options.project, 0};
    return options;
}

} // namespace retort::app
