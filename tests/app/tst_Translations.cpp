#include "app/window/Translations.h"

#include "app/window/AboutDialog.h"
#include "app/log/LogDock.h"
#include "app/schema/SchemaModel.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QXmlStreamReader>

using namespace retort;
using namespace retort::app;

class tst_Translations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void brazilianPortugueseIsCompiledIn();
    void brazilianPortugueseTranslatesKnownStrings_data();
    void brazilianPortugueseTranslatesKnownStrings();
    void widgetsCreatedAfterInstallSpeakPortuguese();
    void pluralsFollowTheCount_data();
    void pluralsFollowTheCount();
    void anotherLanguageFallsBackToEnglish();
    void uninstallRestoresTheSourceStrings();
    void everyCatalogueEntryIsTranslated_data();
    void everyCatalogueEntryIsTranslated();
};

void tst_Translations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_Translations::cleanup()
{
    Translations::uninstall();
}

void tst_Translations::brazilianPortugueseIsCompiledIn()
{
    QVERIFY2(Translations::availableLanguages().contains(QStringLiteral("pt_BR")),
        qPrintable(Translations::availableLanguages().join(QLatin1Char(','))));
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/retort_pt_BR.qm")));
    const Translations::Installed installed = Translations::install(QLocale(QStringLiteral("pt_BR")));
    QCOMPARE(installed.retortCatalog, QStringLiteral(":/i18n/retort_pt_BR.qm"));
}

void tst_Translations::brazilianPortugueseTranslatesKnownStrings_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a log dock tab") << "retort::app::LogDock"
                                    << "Alembic output"
                                    << "Saída do Alembic";
    QTest::newRow("a schema model header") << "retort::app::SchemaModel"
                                           << "Rows"
                                           << "Linhas";
    QTest::newRow("a string of a Designer form") << "ConnectionDialog"
                                                 << "Connect to a Database"
                                                 << "Conectar a um banco de dados";
    QTest::newRow("a connection dialog status") << "retort::app::ConnectionDialog"
                                                << "Connection test stopped."
                                                << "Teste de conexão interrompido.";
    QTest::newRow("a main window menu") << "MainWindow"
                                        << "&File"
                                        << "&Arquivo";
}

void tst_Translations::brazilianPortugueseTranslatesKnownStrings()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(QCoreApplication::translate(qPrintable(context), qPrintable(source)), source);
    Translations::install(QLocale(QLocale::Portuguese, QLocale::Brazil));
    QCOMPARE(QCoreApplication::translate(qPrintable(context), qPrintable(source)), expected);
}

void tst_Translations::widgetsCreatedAfterInstallSpeakPortuguese()
{
    Translations::install(QLocale(QStringLiteral("pt_BR")));
    LogDock dock;
    auto* tabs = dock.findChild<QTabWidget*>(QStringLiteral("logTabs"));
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(0), QStringLiteral("Saída do Alembic"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Registro do aplicativo"));

    AboutDialog about;
    QCOMPARE(about.windowTitle(), QStringLiteral("Sobre o Retort"));
    auto* copy = about.findChild<QPushButton*>(QStringLiteral("copyVersionsButton"));
    QVERIFY(copy);
    QCOMPARE(copy->text(), QStringLiteral("&Copiar versões"));
}

void tst_Translations::pluralsFollowTheCount_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::newRow("English, one table") << "en_US" << 1 << "1 table";
    QTest::newRow("English, three tables") << "en_US" << 3 << "3 tables";
    QTest::newRow("English, no tables") << "en_GB" << 0 << "0 tables";
    QTest::newRow("Portuguese, one table") << "pt_BR" << 1 << "1 tabela";
    QTest::newRow("Portuguese, twelve tables") << "pt_BR" << 12 << "12 tabelas";
}

void tst_Translations::pluralsFollowTheCount()
{
    QFETCH(QString, locale);
    QFETCH(int, count);
    QFETCH(QString, expected);
    Translations::install(QLocale(locale));
    QCOMPARE(QCoreApplication::translate("retort::app::SchemaModel", "%n table(s)", nullptr, count), expected);
}

void tst_Translations::anotherLanguageFallsBackToEnglish()
{
    const Translations::Installed installed = Translations::install(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(installed.retortCatalog, QStringLiteral(":/i18n/retort_en.qm"));
    QCOMPARE(installed.qtCatalog, QString());
    QCOMPARE(QCoreApplication::translate("retort::app::LogDock", "Alembic output"), QStringLiteral("Alembic output"));
    QCOMPARE(
        QCoreApplication::translate("retort::app::SchemaModel", "%n table(s)", nullptr, 2), QStringLiteral("2 tables"));
}

void tst_Translations::uninstallRestoresTheSourceStrings()
{
    Translations::install(QLocale(QStringLiteral("pt_BR")));
    Translations::install(QLocale(QStringLiteral("pt_BR"))); // installing twice replaces, never stacks
    Translations::uninstall();
    QCOMPARE(QCoreApplication::translate("retort::app::LogDock", "Alembic output"), QStringLiteral("Alembic output"));
}

void tst_Translations::everyCatalogueEntryIsTranslated_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("Brazilian Portuguese") << QStringLiteral(RETORT_SOURCE_DIR "/translations/retort_pt_BR.ts");
    QTest::newRow("English plural forms") << QStringLiteral(RETORT_SOURCE_DIR "/translations/retort_en.ts");
}

void tst_Translations::everyCatalogueEntryIsTranslated()
{
    QFETCH(QString, file);
    QFile ts(file);
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(file));
    QXmlStreamReader xml(&ts);
    QString context;
    QString source;
    int messages = 0;
    QStringList untranslated;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            ++messages;
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                untranslated << context + QStringLiteral(": ") + source;
            // Placeholders must survive translation.
            static const QRegularExpression placeholder(QStringLiteral("%(\\d|n)"));
            auto it = placeholder.globalMatch(source);
            while (it.hasNext()) {
                const QString p = it.next().captured(0);
                if (p != QLatin1String("%n") && !text.contains(p))
                    untranslated << context + QStringLiteral(": ") + source + QStringLiteral(" (lost ") + p
                            + QLatin1Char(')');
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 0);
    QVERIFY2(untranslated.isEmpty(),
        qPrintable(QStringLiteral("%1 untranslated in %2 (run translations/update-translations.py "
                                  "and translate them):\n")
                       .arg(untranslated.size())
                       .arg(file)
            + untranslated.join(QLatin1Char('\n'))));
}

QTEST_MAIN(tst_Translations)
#include "tst_Translations.moc"
