#include "core/db/ConnectionProfiles.h"

#include "core/db/DatabaseUrl.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;
using namespace retort;

class tst_ConnectionProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void urlWithoutPassword_data();
    void urlWithoutPassword();
    void composeMatchesDatabaseUrl_data();
    void composeMatchesDatabaseUrl();
    void profilesAreSavedWithoutPassword();
    void savingReplacesAProfileOfTheSameName();
    void anEmptyNameIsRejected();
    void profilesBelongToTheirProject();
    void passwordIsRememberedForTheSessionWithoutKeychain();
    void passwordGoesThroughTheSystemKeychainWhenThereIsOne();
    void removeForgetsProfileAndPassword();
    void lastUsedIsPerProject();
    void kindAndLockTimeoutAreStoredWithTheProfile();
    void profilesSavedBeforeKindsAreDevelopmentWithoutTimeout();
    void setOptionsChangesOnlyKindAndTimeout();
    void aProfileIsFoundByItsUrl();

private:
    static QByteArray settingsFileContent();
    static DatabaseUrl url(const QString& text);
    QTemporaryDir m_projects;
};

QByteArray tst_ConnectionProfiles::settingsFileContent()
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

DatabaseUrl tst_ConnectionProfiles::url(const QString& text)
{
    Result<DatabaseUrl> parsed = DatabaseUrl::parse(text);
    if (!parsed.ok())
        qFatal("test URL does not parse: %s", qPrintable(parsed.error().message));
    return *parsed;
}

void tst_ConnectionProfiles::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RetortTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ConnectionProfiles"));
    QVERIFY(m_projects.isValid());
    QVERIFY(QDir(m_projects.path()).mkpath(QStringLiteral("shop")));
    QVERIFY(QDir(m_projects.path()).mkpath(QStringLiteral("blog")));
}

void tst_ConnectionProfiles::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
    ConnectionProfiles::setKeychainEnabled(false);
    ConnectionProfiles::clearSessionPasswords();
}

void tst_ConnectionProfiles::cleanupTestCase()
{
    QSettings settings;
    const QString file = settings.fileName();
    settings.clear();
    settings.sync();
    QFile::remove(file);
}

void tst_ConnectionProfiles::urlWithoutPassword_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("a plain URL loses its password") << QStringLiteral("postgresql://app:secret@localhost:5432/shop")
                                                    << QStringLiteral("postgresql://app@localhost:5432/shop");
    QTest::newRow("a percent-encoded password goes too")
        << QStringLiteral("postgresql+psycopg2://app:p%40ss%3Aw%2Frd@db.example.com/shop")
        << QStringLiteral("postgresql+psycopg2://app@db.example.com/shop");
    QTest::newRow("a password query parameter is dropped, others stay")
        << QStringLiteral("postgresql://app@db.example.com/shop?sslmode=require&password=hunter2")
        << QStringLiteral("postgresql://app@db.example.com/shop?sslmode=require");
    QTest::newRow("a URL without password is unchanged") << QStringLiteral(
        "postgresql+asyncpg://app@10.0.0.5:6432/shop") << QStringLiteral("postgresql+asyncpg://app@10.0.0.5:6432/shop");
    QTest::newRow("the postgres alias is written as postgresql")
        << QStringLiteral("postgres://app:x@localhost/shop") << QStringLiteral("postgresql://app@localhost/shop");
    QTest::newRow("an IPv6 host keeps its brackets")
        << QStringLiteral("postgresql://app:x@[::1]:5432/shop") << QStringLiteral("postgresql://app@[::1]:5432/shop");
    QTest::newRow("a socket directory stays in the query")
        << QStringLiteral("postgresql://app:x@/shop?host=/var/run/postgresql")
        << QStringLiteral("postgresql://app@/shop?host=%2Fvar%2Frun%2Fpostgresql");
    QTest::newRow("a relative SQLite file")
        << QStringLiteral("sqlite:///data/app.db") << QStringLiteral("sqlite:///data/app.db");
    QTest::newRow("an absolute SQLite file")
        << QStringLiteral("sqlite:////srv/app/app.db") << QStringLiteral("sqlite:////srv/app/app.db");
    QTest::newRow("an in-memory SQLite database") << QStringLiteral("sqlite://") << QStringLiteral("sqlite://");
}

void tst_ConnectionProfiles::urlWithoutPassword()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString result = retort::urlWithoutPassword(url(input));
    QCOMPARE(result, expected);
    QVERIFY2(DatabaseUrl::parse(result).ok(), qPrintable(result));
}

void tst_ConnectionProfiles::composeMatchesDatabaseUrl_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("PostgreSQL with everything")
        << QStringLiteral("postgresql://app:secret@localhost:5432/shop?sslmode=disable");
    QTest::newRow("a password with reserved characters")
        << QStringLiteral("postgresql://app:p%40ss%3Aw%2Frd%25@localhost/shop");
    QTest::newRow("a user name with an at sign") << QStringLiteral("postgresql://me%40corp:pw@localhost/shop");
    QTest::newRow("a driver and no port") << QStringLiteral("postgresql+asyncpg://app:pw@db.example.com/shop");
    QTest::newRow("no user at all") << QStringLiteral("postgresql://localhost/shop");
    QTest::newRow("an absolute SQLite file") << QStringLiteral("sqlite:////srv/app/app.db");
}

void tst_ConnectionProfiles::composeMatchesDatabaseUrl()
{
    QFETCH(QString, input);
    const DatabaseUrl parsed = url(input);
    const Result<DatabaseUrl> again = DatabaseUrl::parse(composeUrl(urlParts(parsed), true));
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
    QCOMPARE(again->toString(), parsed.toString());
    QCOMPARE(again->password(), parsed.password());
    QCOMPARE(again->user(), parsed.user());
}

void tst_ConnectionProfiles::profilesAreSavedWithoutPassword()
{
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    QSignalSpy changed(&profiles, &ConnectionProfiles::profilesChanged);
    const Status saved = profiles.save(QStringLiteral("staging"),
        url(QStringLiteral(
            "postgresql://app:Sup3r%40Secret@db.example.com:5432/shop?sslmode=require&password=QueryPw77")));
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QCOMPARE(changed.count(), 1);

    const auto profile = profiles.profile(QStringLiteral("staging"));
    QVERIFY(profile.has_value());
    QCOMPARE(profile->url, QStringLiteral("postgresql://app@db.example.com:5432/shop?sslmode=require"));

    // The settings file itself: the host is there, no form of either password is.
    const QByteArray content = settingsFileContent();
    QVERIFY2(content.contains("db.example.com"), content.constData());
    for (const char* secret : { "Sup3r", "Secret", "QueryPw77", "password" })
        QVERIFY2(!content.contains(secret),
            qPrintable(QStringLiteral("settings file contains \"%1\":\n%2")
                           .arg(QLatin1String(secret), QString::fromUtf8(content))));
}

void tst_ConnectionProfiles::savingReplacesAProfileOfTheSameName()
{
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    QVERIFY(profiles.save(QStringLiteral("local"), url(QStringLiteral("sqlite:///old.db"))).ok());
    QVERIFY(profiles.save(QStringLiteral("Docker"), url(QStringLiteral("postgresql://app@localhost:5433/shop"))).ok());
    QVERIFY(profiles.save(QStringLiteral("local"), url(QStringLiteral("sqlite:///new.db"))).ok());
    const QList<ConnectionProfile> all = profiles.profiles();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].name, QStringLiteral("Docker")); // sorted case-insensitively
    QCOMPARE(all[1].name, QStringLiteral("local"));
    QCOMPARE(all[1].url, QStringLiteral("sqlite:///new.db"));
}

void tst_ConnectionProfiles::anEmptyNameIsRejected()
{
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    const Status saved = profiles.save(QStringLiteral("   "), url(QStringLiteral("sqlite:///app.db")));
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, QStringLiteral("profile-name"));
    QVERIFY(profiles.profiles().isEmpty());
}

void tst_ConnectionProfiles::profilesBelongToTheirProject()
{
    ConnectionProfiles shop(m_projects.filePath(QStringLiteral("shop")));
    ConnectionProfiles blog(m_projects.filePath(QStringLiteral("blog")));
    QVERIFY(shop.projectKey() != blog.projectKey());
    QVERIFY(shop.save(QStringLiteral("local"), url(QStringLiteral("sqlite:///shop.db"))).ok());
    QVERIFY(blog.profiles().isEmpty());
    // The same folder named differently ("shop/.") is the same project.
    ConnectionProfiles shopAgain(m_projects.filePath(QStringLiteral("shop/.")));
    QCOMPARE(shopAgain.profiles().size(), 1);
}

void tst_ConnectionProfiles::passwordIsRememberedForTheSessionWithoutKeychain()
{
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    QCOMPARE(profiles.passwordStore(), ConnectionProfiles::PasswordStore::SessionOnly);
    QSignalSpy stored(&profiles, &ConnectionProfiles::passwordStored);
    QVERIFY(
        profiles.save(QStringLiteral("docker"), url(QStringLiteral("postgresql://app:pw%21x@localhost/shop"))).ok());
    QVERIFY(stored.wait(2000));
    QCOMPARE(stored.first().at(1).value<ConnectionProfiles::PasswordStore>(),
        ConnectionProfiles::PasswordStore::SessionOnly);

    // Another instance (another dialog) of the same project finds it in memory.
    ConnectionProfiles again(m_projects.filePath(QStringLiteral("shop")));
    QSignalSpy ready(&again, &ConnectionProfiles::passwordReady);
    again.requestPassword(QStringLiteral("docker"));
    QVERIFY(ready.wait(2000));
    QCOMPARE(ready.first().at(0).toString(), QStringLiteral("docker"));
    QCOMPARE(ready.first().at(1).toString(), QStringLiteral("pw!x"));
    QCOMPARE(ready.first().at(2).toBool(), true);

    // A new session (memory cleared) has to ask again.
    ConnectionProfiles::clearSessionPasswords();
    ready.clear();
    again.requestPassword(QStringLiteral("docker"));
    QVERIFY(ready.wait(2000));
    QCOMPARE(ready.first().at(1).toString(), QString());
    QCOMPARE(ready.first().at(2).toBool(), false);
}

void tst_ConnectionProfiles::passwordGoesThroughTheSystemKeychainWhenThereIsOne()
{
    ConnectionProfiles::setKeychainEnabled(true);
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    QSignalSpy stored(&profiles, &ConnectionProfiles::passwordStored);
    profiles.storePassword(QStringLiteral("keychain-test"), QStringLiteral("kc-secret"));
    QVERIFY(stored.wait(20000));
    const auto where = stored.first().at(1).value<ConnectionProfiles::PasswordStore>();
    QVERIFY(where != ConnectionProfiles::PasswordStore::Unknown);
    QCOMPARE(profiles.passwordStore(), where);

    ConnectionProfiles::clearSessionPasswords();
    QSignalSpy ready(&profiles, &ConnectionProfiles::passwordReady);
    profiles.requestPassword(QStringLiteral("keychain-test"));
    QVERIFY(ready.wait(20000));
    if (where == ConnectionProfiles::PasswordStore::Keychain) {
        // A real keychain answered: the password survives the "session".
        QCOMPARE(ready.first().at(1).toString(), QStringLiteral("kc-secret"));
        profiles.remove(QStringLiteral("keychain-test")); // leave the developer's keychain clean
    } else {
        // No keychain here (CI, offscreen): memory only, so a new session finds nothing.
        QCOMPARE(ready.first().at(2).toBool(), false);
    }
}

void tst_ConnectionProfiles::removeForgetsProfileAndPassword()
{
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    QVERIFY(profiles.save(QStringLiteral("docker"), url(QStringLiteral("postgresql://app:pw@localhost/shop"))).ok());
    profiles.setLastUsed(QStringLiteral("docker"));
    QVERIFY(profiles.sessionPassword(QStringLiteral("docker")).has_value());
    profiles.remove(QStringLiteral("docker"));
    QVERIFY(profiles.profiles().isEmpty());
    QVERIFY(!profiles.sessionPassword(QStringLiteral("docker")).has_value());
    QCOMPARE(profiles.lastUsed(), QString());
}

void tst_ConnectionProfiles::lastUsedIsPerProject()
{
    ConnectionProfiles shop(m_projects.filePath(QStringLiteral("shop")));
    ConnectionProfiles blog(m_projects.filePath(QStringLiteral("blog")));
    shop.setLastUsed(QStringLiteral("staging"));
    QCOMPARE(ConnectionProfiles(m_projects.filePath(QStringLiteral("shop"))).lastUsed(), QStringLiteral("staging"));
    QCOMPARE(blog.lastUsed(), QString());
}

void tst_ConnectionProfiles::kindAndLockTimeoutAreStoredWithTheProfile()
{
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    QVERIFY(profiles.save(QStringLiteral("prod"), url(QStringLiteral("postgresql://app:pw@db.example.com/shop")),
                          ConnectionKind::Production, 5000)
                .ok());
    QVERIFY(profiles.save(QStringLiteral("dev"), url(QStringLiteral("sqlite:///dev.db"))).ok());
    // Read back by a new object: the values come from the settings, not from memory.
    const ConnectionProfiles again(m_projects.filePath(QStringLiteral("shop")));
    const auto prod = again.profile(QStringLiteral("prod"));
    QVERIFY(prod.has_value());
    QCOMPARE(prod->kind, ConnectionKind::Production);
    QCOMPARE(prod->lockTimeoutMs, 5000);
    const auto dev = again.profile(QStringLiteral("dev"));
    QVERIFY(dev.has_value());
    QCOMPARE(dev->kind, ConnectionKind::Development); // the default
    QCOMPARE(dev->lockTimeoutMs, 0);                  // off by default
    QVERIFY(settingsFileContent().contains("production"));

    const Status negative = profiles.save(QStringLiteral("bad"), url(QStringLiteral("sqlite:///x.db")), ConnectionKind::Staging, -1);
    QVERIFY(!negative.ok());
    QCOMPARE(negative.error().code, QStringLiteral("profile-lock-timeout"));
    QVERIFY(!profiles.profile(QStringLiteral("bad")).has_value());
}

void tst_ConnectionProfiles::profilesSavedBeforeKindsAreDevelopmentWithoutTimeout()
{
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    // What an earlier Retort wrote: name and URL only.
    QSettings settings;
    settings.beginGroup(QStringLiteral("connectionProfiles"));
    settings.beginGroup(profiles.projectKey());
    settings.beginWriteArray(QStringLiteral("profiles"), 1);
    settings.setArrayIndex(0);
    settings.setValue(QStringLiteral("name"), QStringLiteral("old"));
    settings.setValue(QStringLiteral("url"), QStringLiteral("postgresql://app@localhost/shop"));
    settings.endArray();
    settings.endGroup();
    settings.endGroup();
    settings.sync();
    const auto old = profiles.profile(QStringLiteral("old"));
    QVERIFY(old.has_value());
    QCOMPARE(old->kind, ConnectionKind::Development);
    QCOMPARE(old->lockTimeoutMs, 0);
}

void tst_ConnectionProfiles::setOptionsChangesOnlyKindAndTimeout()
{
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    QVERIFY(profiles.save(QStringLiteral("stage"), url(QStringLiteral("postgresql://app:pw@stage.example.com/shop"))).ok());
    QSignalSpy changed(&profiles, &ConnectionProfiles::profilesChanged);
    QVERIFY(profiles.setOptions(QStringLiteral("stage"), ConnectionKind::Staging, 1500).ok());
    QCOMPARE(changed.count(), 1);
    const auto stage = profiles.profile(QStringLiteral("stage"));
    QCOMPARE(stage->kind, ConnectionKind::Staging);
    QCOMPARE(stage->lockTimeoutMs, 1500);
    QCOMPARE(stage->url, QStringLiteral("postgresql://app@stage.example.com/shop"));
    QCOMPARE(profiles.sessionPassword(QStringLiteral("stage")), std::optional<QString>(QStringLiteral("pw")));
    QVERIFY(profiles.setOptions(QStringLiteral("stage"), ConnectionKind::Staging, 1500).ok());
    QCOMPARE(changed.count(), 1); // nothing changed, nothing written
    QCOMPARE(profiles.setOptions(QStringLiteral("nope"), ConnectionKind::Production, 0).error().code,
             QStringLiteral("profile-not-found"));
}

void tst_ConnectionProfiles::aProfileIsFoundByItsUrl()
{
    ConnectionProfiles profiles(m_projects.filePath(QStringLiteral("shop")));
    QVERIFY(profiles.save(QStringLiteral("prod"), url(QStringLiteral("postgresql://app@db.example.com:5432/shop")),
                          ConnectionKind::Production, 0)
                .ok());
    // The same database with its password (as --url gives it) is the profile's.
    const auto found = profiles.profileForUrl(url(QStringLiteral("postgresql://app:secret@db.example.com:5432/shop")));
    QVERIFY(found.has_value());
    QCOMPARE(found->name, QStringLiteral("prod"));
    QVERIFY(!profiles.profileForUrl(url(QStringLiteral("postgresql://app@db.example.com:5432/other"))).has_value());
}

QTEST_GUILESS_MAIN(tst_ConnectionProfiles)
#include "tst_ConnectionProfiles.moc"
