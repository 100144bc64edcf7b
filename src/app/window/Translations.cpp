#include "app/window/Translations.h"

#include "core/log/Log.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace retort::app {

namespace {
constexpr auto kCatalogDirectory = ":/i18n";

QPointer<QTranslator> g_retort;
QPointer<QTranslator> g_qt;

void removeTranslator(QPointer<QTranslator>& translator)
{
    if (!translator)
        return;
    QCoreApplication::removeTranslator(translator);
    delete translator;
    translator = nullptr;
}
} // namespace

Translations::Installed Translations::install(const QLocale& locale)
{
    uninstall();
    Installed installed;
    auto* app = QCoreApplication::instance();
    if (!app)
        return installed;

    // The locale's catalogue, else the English one (it only holds the plural forms of the
    // English source strings: "%n table(s)" -> "1 table", "3 tables").
    auto* retortTranslator = new QTranslator(app);
    if (retortTranslator->load(locale, QStringLiteral("retort"), QStringLiteral("_"), QLatin1String(kCatalogDirectory))
        || retortTranslator->load(QStringLiteral("retort_en"), QLatin1String(kCatalogDirectory))) {
        QCoreApplication::installTranslator(retortTranslator);
        installed.retortCatalog = retortTranslator->filePath();
        g_retort = retortTranslator;
    } else {
        delete retortTranslator;
    }

    // Qt's own strings (standard buttons, file dialogs), when Retort speaks the language too.
    if (!installed.retortCatalog.isEmpty() && retortTranslator->language() != QLatin1String("en")) {
        auto* qtTranslator = new QTranslator(app);
        if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qtTranslator);
            installed.qtCatalog = qtTranslator->filePath();
            g_qt = qtTranslator;
        } else {
            delete qtTranslator;
        }
    }

    log::info(log::Area::Ui,
        QStringLiteral("UI language for %1: %2")
            .arg(locale.name(),
                installed.retortCatalog.isEmpty() ? QStringLiteral("English source strings")
                                                  : installed.retortCatalog));
    return installed;
}

void Translations::uninstall()
{
    removeTranslator(g_qt);
    removeTranslator(g_retort);
}

QStringList Translations::availableLanguages()
{
    QStringList languages;
    const QStringList files
        = QDir(QLatin1String(kCatalogDirectory)).entryList({ QStringLiteral("retort_*.qm") }, QDir::Files, QDir::Name);
    for (const QString& file : files)
        languages << file.mid(7, file.size() - 7 - 3); // "retort_" ... ".qm"
    return languages;
}

} // namespace retort::app
