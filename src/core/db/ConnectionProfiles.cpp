#include "core/db/ConnectionProfiles.h"

#include "core/db/DatabaseUrl.h"
#include "core/log/Log.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include <qt6keychain/keychain.h>

#include <algorithm>

namespace retort {

namespace {

constexpr auto kSettingsGroup = "connectionProfiles";
constexpr auto kKeychainService = "Retort";

// The system keychain through QtKeychain.
class KeychainStore final : public SecretStore
{
public:
    void read(const QString& key, QObject* context, ReadDone done) override
    {
        auto* job = new QKeychain::ReadPasswordJob(QLatin1String(kKeychainService), context);
        job->setKey(key);
        QObject::connect(job, &QKeychain::Job::finished, context, [job, done] {
            const QKeychain::Error error = job->error();
            if (error == QKeychain::NoError)
                done(Status::Ok, job->textData(), {});
            else if (error == QKeychain::EntryNotFound)
                done(Status::NotFound, {}, {});
            else
                done(Status::Unavailable, {}, job->errorString());
        });
        job->start();
    }
    void write(const QString& key, const QString& secret, QObject* context, WriteDone done) override
    {
        QKeychain::Job* job = nullptr;
        if (secret.isEmpty()) {
            job = new QKeychain::DeletePasswordJob(QLatin1String(kKeychainService), context);
        } else {
            auto* writeJob = new QKeychain::WritePasswordJob(QLatin1String(kKeychainService), context);
            writeJob->setTextData(secret);
            job = writeJob;
        }
        job->setKey(key);
        QObject::connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job* finished) {
            const QKeychain::Error error = finished->error();
            if (error == QKeychain::NoError || error == QKeychain::EntryNotFound)
                done(Status::Ok, {});
            else
                done(Status::Unavailable, finished->errorString());
        });
        job->start();
    }
};

SecretStore*& installedStore()
{
    static SecretStore* store = nullptr;
    return store;
}

SecretStore& secretStore()
{
    static KeychainStore keychain;
    return installedStore() ? *installedStore() : keychain;
}

QHash<QString, QString>& sessionPasswords()
{
    static QHash<QString, QString> passwords; // GUI thread only
    return passwords;
}

QString canonicalProject(const QString& path)
{
    if (path.isEmpty())
        return {};
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

} // namespace

ConnectionProfiles::PasswordStore ConnectionProfiles::s_store = ConnectionProfiles::PasswordStore::Unknown;
bool ConnectionProfiles::s_keychainEnabled = true;

// ---------------------------------------------------------------------------------------------
// ConnectionProfiles

ConnectionProfiles::ConnectionProfiles(const QString& projectPath, QObject* parent)
    : QObject(parent)
    , m_projectPath(canonicalProject(projectPath))
{
    m_projectKey = m_projectPath.isEmpty()
        ? QStringLiteral("global")
        : QString::fromLatin1(
            QCryptographicHash::hash(m_projectPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    if (!s_keychainEnabled)
        s_store = PasswordStore::SessionOnly;
}

ConnectionProfiles::~ConnectionProfiles() = default;

QList<ConnectionProfile> ConnectionProfiles::profiles() const
{
    QSettings settings;
    settings.beginGroup(QLatin1String(kSettingsGroup));
    settings.beginGroup(m_projectKey);
    QList<ConnectionProfile> result;
    const int count = settings.beginReadArray(QStringLiteral("profiles"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p { settings.value(QStringLiteral("name")).toString(),
            settings.value(QStringLiteral("url")).toString() };
        // Profiles saved before kinds existed are development databases without a lock_timeout.
        p.kind = connectionKindFromName(settings.value(QStringLiteral("kind")).toString()).value_or(ConnectionKind::Development);
        p.lockTimeoutMs = qMax(0, settings.value(QStringLiteral("lockTimeoutMs"), 0).toInt());
        if (!p.name.isEmpty())
            result << p;
    }
    settings.endArray();
    std::sort(result.begin(), result.end(), [](const ConnectionProfile& a, const ConnectionProfile& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return result;
}

std::optional<ConnectionProfile> ConnectionProfiles::profile(const QString& name) const
{
    const QList<ConnectionProfile> all = profiles();
    const auto it = std::find_if(all.begin(), all.end(), [&](const ConnectionProfile& p) { return p.name == name; });
    if (it == all.end())
        return std::nullopt;
    return *it;
}

void ConnectionProfiles::writeProfiles(const QList<ConnectionProfile>& profiles)
{
    QSettings settings;
    settings.beginGroup(QLatin1String(kSettingsGroup));
    settings.beginGroup(m_projectKey);
    settings.setValue(QStringLiteral("project"), m_projectPath);
    settings.remove(QStringLiteral("profiles"));
    settings.beginWriteArray(QStringLiteral("profiles"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), profiles[i].name);
        settings.setValue(QStringLiteral("url"), profiles[i].url);
        settings.setValue(QStringLiteral("kind"), connectionKindName(profiles[i].kind));
        settings.setValue(QStringLiteral("lockTimeoutMs"), profiles[i].lockTimeoutMs);
    }
    settings.endArray();
    settings.sync();
}

namespace {

Status checkLockTimeout(int lockTimeoutMs)
{
    if (lockTimeoutMs >= 0)
        return Ok {};
    return Error { QStringLiteral("profile-lock-timeout"),
        ConnectionProfiles::tr("The lock timeout cannot be negative (%1 ms).").arg(lockTimeoutMs),
        ConnectionProfiles::tr("Use 0 to turn it off."), {}, 0 };
}

} // namespace

Status ConnectionProfiles::save(const QString& name, const DatabaseUrl& url, ConnectionKind kind, int lockTimeoutMs)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error { QStringLiteral("profile-name"), tr("A connection profile needs a name."),
            tr("Type a name such as \"local\" or \"staging\"."), {}, 0 };
    if (const Status valid = checkLockTimeout(lockTimeoutMs); !valid)
        return valid;
    QList<ConnectionProfile> all = profiles();
    all.erase(std::remove_if(all.begin(), all.end(), [&](const ConnectionProfile& p) { return p.name == trimmed; }),
        all.end());
    all << ConnectionProfile { trimmed, urlWithoutPassword(url), kind, lockTimeoutMs };
    writeProfiles(all);
    log::info(log::Area::Db, QStringLiteral("Saved connection profile \"%1\": %2").arg(trimmed, url.redacted()));

    QString password = url.password();
    if (password.isEmpty()) {
        for (const auto& [key, value] : url.query())
            if (isPasswordKey(key))
                password = value;
    }
    if (!password.isEmpty())
        storePassword(trimmed, password);
    Q_EMIT profilesChanged();
    return Ok {};
}

Status ConnectionProfiles::setOptions(const QString& name, ConnectionKind kind, int lockTimeoutMs)
{
    if (const Status valid = checkLockTimeout(lockTimeoutMs); !valid)
        return valid;
    QList<ConnectionProfile> all = profiles();
    const auto it = std::find_if(all.begin(), all.end(), [&](const ConnectionProfile& p) { return p.name == name; });
    if (it == all.end())
        return Error { QStringLiteral("profile-not-found"), tr("There is no connection profile \"%1\".").arg(name), {}, {}, 0 };
    if (it->kind == kind && it->lockTimeoutMs == lockTimeoutMs)
        return Ok {};
    it->kind = kind;
    it->lockTimeoutMs = lockTimeoutMs;
    writeProfiles(all);
    log::info(log::Area::Db, QStringLiteral("Connection profile \"%1\": %2, lock_timeout %3 ms")
                                 .arg(name, connectionKindName(kind)).arg(lockTimeoutMs));
    Q_EMIT profilesChanged();
    return Ok {};
}

std::optional<ConnectionProfile> ConnectionProfiles::profileForUrl(const DatabaseUrl& url) const
{
    const QString wanted = urlWithoutPassword(url);
    const QList<ConnectionProfile> all = profiles();
    const auto it = std::find_if(all.begin(), all.end(), [&](const ConnectionProfile& p) { return p.url == wanted; });
    if (it == all.end())
        return std::nullopt;
    return *it;
}

void ConnectionProfiles::remove(const QString& name)
{
    QList<ConnectionProfile> all = profiles();
    const auto before = all.size();
    all.erase(
        std::remove_if(all.begin(), all.end(), [&](const ConnectionProfile& p) { return p.name == name; }), all.end());
    if (all.size() != before)
        writeProfiles(all);
    if (lastUsed() == name)
        setLastUsed({});
    sessionPasswords().remove(sessionKey(name));
    if (s_keychainEnabled && s_store != PasswordStore::SessionOnly)
        secretStore().write(keychainKey(name), QString(), this, [](SecretStore::Status, const QString&) {});
    Q_EMIT profilesChanged();
}

QString ConnectionProfiles::lastUsed() const
{
    QSettings settings;
    return settings.value(QLatin1String(kSettingsGroup) + QLatin1Char('/') + m_projectKey + QStringLiteral("/lastUsed"))
        .toString();
}

void ConnectionProfiles::setLastUsed(const QString& name)
{
    QSettings settings;
    settings.setValue(
        QLatin1String(kSettingsGroup) + QLatin1Char('/') + m_projectKey + QStringLiteral("/lastUsed"), name);
}

QString ConnectionProfiles::keychainKey(const QString& name) const
{
    return QStringLiteral("connection/") + m_projectKey + QLatin1Char('/') + name;
}

QString ConnectionProfiles::sessionKey(const QString& name) const
{
    return m_projectKey + QLatin1Char('\n') + name;
}

std::optional<QString> ConnectionProfiles::sessionPassword(const QString& name) const
{
    const auto it = sessionPasswords().constFind(sessionKey(name));
    if (it == sessionPasswords().constEnd())
        return std::nullopt;
    return *it;
}

void ConnectionProfiles::setStore(PasswordStore store)
{
    if (s_store == store)
        return;
    s_store = store;
    Q_EMIT passwordStoreChanged(store);
}

void ConnectionProfiles::storePassword(const QString& name, const QString& password)
{
    if (password.isEmpty()) {
        sessionPasswords().remove(sessionKey(name));
    } else {
        sessionPasswords().insert(sessionKey(name), password);
    }
    if (!s_keychainEnabled || s_store == PasswordStore::SessionOnly) {
        QMetaObject::invokeMethod(
            this, [this, name] { Q_EMIT passwordStored(name, PasswordStore::SessionOnly); }, Qt::QueuedConnection);
        return;
    }
    secretStore().write(keychainKey(name), password, this, [this, name](SecretStore::Status status, const QString& errorText) {
        if (status == SecretStore::Status::Ok) {
            setStore(PasswordStore::Keychain);
        } else {
            log::info(log::Area::Db, QStringLiteral("No system keychain (%1): passwords are kept for this session only").arg(errorText));
            setStore(PasswordStore::SessionOnly);
        }
        Q_EMIT passwordStored(name, s_store);
    });
}

void ConnectionProfiles::requestPassword(const QString& name)
{
    if (const auto cached = sessionPassword(name)) {
        const QString password = *cached;
        QMetaObject::invokeMethod(
            this, [this, name, password] { Q_EMIT passwordReady(name, password, true); }, Qt::QueuedConnection);
        return;
    }
    if (!s_keychainEnabled || s_store == PasswordStore::SessionOnly) {
        QMetaObject::invokeMethod(
            this, [this, name] { Q_EMIT passwordReady(name, QString(), false); }, Qt::QueuedConnection);
        return;
    }
    secretStore().read(keychainKey(name), this,
                       [this, name](SecretStore::Status status, const QString& password, const QString& errorText) {
                           if (status == SecretStore::Status::Ok) {
                               setStore(PasswordStore::Keychain);
                               sessionPasswords().insert(sessionKey(name), password);
                               Q_EMIT passwordReady(name, password, true);
                               return;
                           }
                           if (status == SecretStore::Status::NotFound) {
                               setStore(PasswordStore::Keychain);
                           } else {
                               log::info(log::Area::Db, QStringLiteral("No system keychain (%1): passwords are kept for this "
                                                                       "session only")
                                                            .arg(errorText));
                               setStore(PasswordStore::SessionOnly);
                           }
                           Q_EMIT passwordReady(name, QString(), false);
                       });
}

void ConnectionProfiles::requestUrl(const QString& name)
{
    const std::optional<ConnectionProfile> found = profile(name);
    if (!found) {
        QMetaObject::invokeMethod(this, [this, name] { Q_EMIT urlReady(name, QString(), false); }, Qt::QueuedConnection);
        return;
    }
    const QString url = found->url;
    auto* relay = new QObject(this);
    connect(this, &ConnectionProfiles::passwordReady, relay,
            [this, relay, name, url](const QString& answered, const QString& password, bool passwordFound) {
                if (answered != name)
                    return;
                relay->deleteLater();
                Q_EMIT urlReady(name, passwordFound ? urlWithPassword(url, password) : url, passwordFound);
            });
    requestPassword(name);
}

void ConnectionProfiles::setSecretStore(SecretStore* store)
{
    installedStore() = store;
    s_store = PasswordStore::Unknown;
}

void ConnectionProfiles::setKeychainEnabled(bool enabled)
{
    s_keychainEnabled = enabled;
    s_store = enabled ? PasswordStore::Unknown : PasswordStore::SessionOnly;
}

void ConnectionProfiles::clearSessionPasswords()
{
    sessionPasswords().clear();
}

} // namespace retort

// The meta-object code goes into this file's object instead of the library's shared
// mocs_compilation object, so that a program that uses other classes of retort_db (retort-cli)
// does not link in connection profiles, and with them QtKeychain and D-Bus.
#include "moc_ConnectionProfiles.cpp"
