#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace retort::app {

// Installs the translators for a locale (by default the system's): Retort's own catalogue
// (translations/retort_<lang>.ts, compiled by lrelease into the library under :/i18n) and Qt's
// catalogue for the standard dialog buttons when the system has it. A language without a
// catalogue gets English, through retort_en (the plural forms of the English source strings).
class Translations
{
public:
    struct Installed
    {
        QString retortCatalog; // ":/i18n/retort_pt_BR.qm"; ":/i18n/retort_en.qm" for English and fallback
        QString qtCatalog; // Qt's own catalogue file, empty when none matched or none is installed
    };

    // Removes translators this class installed before, then installs the ones matching `locale`.
    // Must run in the GUI thread after the QCoreApplication exists and before widgets are created.
    static Installed install(const QLocale& locale = QLocale::system());
    // Removes the translators install() added (back to the English source strings).
    static void uninstall();

    // Languages Retort ships a catalogue for, as locale names ("pt_BR"); English is the source.
    [[nodiscard]] static QStringList availableLanguages();
};

} // namespace retort::app
