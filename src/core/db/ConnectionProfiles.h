#pragma once

#include "core/common/Error.h"
#include "core/db/ConnectionKind.h"
#include "core/db/UrlParts.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <functional>
#include <optional>

namespace retort {

class DatabaseUrl;

// Where passwords live between sessions. The default is the system keychain through QtKeychain
// (Secret Service, KWallet); tests install another implementation so that the path a password
// takes at start-up (profile -> keychain read -> URL) is the real one without touching the
// developer's keychain. Every call answers through `done`, queued, on the calling thread.
class SecretStore
{
public:
    enum class Status { Ok, NotFound, Unavailable };
    using ReadDone = std::function<void(Status status, const QString& secret, const QString& errorText)>;
    using WriteDone = std::function<void(Status status, const QString& errorText)>;
    virtual ~SecretStore() = default;
    virtual void read(const QString& key, QObject* context, ReadDone done) = 0;
    // An empty secret removes the entry.
    virtual void write(const QString& key, const QString& secret, QObject* context, WriteDone done) = 0;
};

// A named connection of one project, as stored in QSettings: the URL WITHOUT its password, what
// the database is for, and the lock_timeout runs set on it.
struct ConnectionProfile
{
    QString name;
    QString url; // SQLAlchemy URL with no password in it
    ConnectionKind kind = ConnectionKind::Development;
    int lockTimeoutMs = 0; // runs from the window SET lock_timeout to this (0: off)
};

// The connection profiles of one project (QSettings, group "connectionProfiles/<project key>")
// and their passwords. A password never reaches the settings file: it goes to the system
// keychain through QtKeychain when one answers, and is always remembered in memory for the rest
// of the session (so a desktop without a keychain asks for it once per session).
class ConnectionProfiles : public QObject
{
    Q_OBJECT
public:
    enum class PasswordStore {
        Unknown, // no keychain operation has answered yet
        Keychain, // the system keychain stores passwords across sessions
        SessionOnly, // no keychain: passwords live in memory until the app quits
    };
    Q_ENUM(PasswordStore)

    // `projectPath`: the project's folder or alembic.ini (profiles are per project); empty for
    // connections that belong to no project.
    explicit ConnectionProfiles(const QString& projectPath, QObject* parent = nullptr);
    ~ConnectionProfiles() override;

    [[nodiscard]] QString projectPath() const { return m_projectPath; }
    // Stable key of the project in the settings and the keychain (hash of its canonical path).
    [[nodiscard]] QString projectKey() const { return m_projectKey; }

    // Sorted by name (case-insensitively).
    [[nodiscard]] QList<ConnectionProfile> profiles() const;
    [[nodiscard]] std::optional<ConnectionProfile> profile(const QString& name) const;

    // Saves (or replaces) a profile: the URL without the password, `kind` and `lockTimeoutMs` to
    // the settings; a password in `url` goes to storePassword(). Error "profile-name" for an empty
    // name, "profile-lock-timeout" for a negative timeout.
    Status save(const QString& name, const DatabaseUrl& url, ConnectionKind kind = ConnectionKind::Development,
                int lockTimeoutMs = 0);
    // Changes the kind and lock_timeout of the existing profile `name` (URL and password stay).
    // Error "profile-not-found" when there is none, "profile-lock-timeout" for a negative timeout.
    Status setOptions(const QString& name, ConnectionKind kind, int lockTimeoutMs);
    // The profile whose URL is `url` without its password (the first by name), if any: a URL given
    // on the command line still gets its profile's kind and lock_timeout.
    [[nodiscard]] std::optional<ConnectionProfile> profileForUrl(const DatabaseUrl& url) const;
    // Removes the profile and its password (settings, memory and keychain).
    void remove(const QString& name);

    // The profile used last in this project ("" when none), e.g. to preselect it.
    [[nodiscard]] QString lastUsed() const;
    void setLastUsed(const QString& name);

    // Remembers the password for the session and writes it to the keychain (asynchronously;
    // passwordStored() tells where it ended up). An empty password removes it.
    void storePassword(const QString& name, const QString& password);
    // Looks the password up: memory first, then the keychain. Always answers with passwordReady(),
    // queued, also when nothing is stored (found = false).
    void requestPassword(const QString& name);
    // The password remembered in memory for this session, if any (no keychain access).
    [[nodiscard]] std::optional<QString> sessionPassword(const QString& name) const;

    [[nodiscard]] PasswordStore passwordStore() const { return s_store; }

    // Turns keychain access off (SessionOnly) or back on for the whole process. Tests that must
    // not touch the developer's keychain use it; the app never does.
    static void setKeychainEnabled(bool enabled);
    // Replaces the keychain for the whole process (nullptr: QtKeychain again). Not owned.
    static void setSecretStore(SecretStore* store);

    // The URL of profile `name` with its password (memory first, then the keychain), through
    // targetReady(name, url, passwordFound), queued. An unknown profile answers with url "".
    void requestUrl(const QString& name);
    // Forgets every password remembered in memory (all projects).
    static void clearSessionPasswords();

Q_SIGNALS:
    void profilesChanged();
    void passwordReady(const QString& name, const QString& password, bool found);
    void passwordStored(const QString& name, retort::ConnectionProfiles::PasswordStore where);
    void passwordStoreChanged(retort::ConnectionProfiles::PasswordStore store);
    void urlReady(const QString& name, const QString& url, bool passwordFound);

private:
    QString keychainKey(const QString& name) const;
    QString sessionKey(const QString& name) const;
    void writeProfiles(const QList<ConnectionProfile>& profiles);
    void setStore(PasswordStore store);

    QString m_projectPath;
    QString m_projectKey;

    static PasswordStore s_store;
    static bool s_keychainEnabled;
};

} // namespace retort
