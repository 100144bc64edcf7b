#pragma once

#include "core/db/ConnectionProfiles.h"
#include "core/db/DotEnv.h"
#include "core/common/Error.h"
#include "core/db/DatabaseUrl.h"

#include <QDialog>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>

#include <memory>

namespace Ui {
class ConnectionDialog;
}

namespace retort::app {

// A database URL the dialog proposes: what the project's env.py would use (the bridge's `url`
// operation, supplied by the caller) or DATABASE_URL from the project's .env file.
struct ConnectionSuggestion
{
    QString source; // shown before the URL: "env.py", ".env"
    QString url; // may contain a password, or "***" where the bridge masked it
};


// "Connect to a Database": a SQLAlchemy URL or separate fields (the two stay in sync), named
// profiles per project (ConnectionProfiles: QSettings without password + keychain), suggestions
// from env.py and .env, and "Test Connection" on a worker (its own connection, cancellable).
//
// The URL field never shows the password: a password typed or pasted into the URL moves to the
// password field when the URL field loses focus. databaseUrl() is the complete URL.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget* parent = nullptr);
    ~ConnectionDialog() override;

    // Profiles of the current project (not owned; may be null: no profile row).
    void setProfiles(ConnectionProfiles* profiles);
    // The project folder: relative SQLite paths are resolved against it, and its .env file's
    // DATABASE_URL becomes a suggestion.
    void setProjectDirectory(const QString& directory);
    [[nodiscard]] QString projectDirectory() const { return m_projectDirectory; }
    // Suggestions from the caller (the bridge's `url`); the .env suggestion is added to them.
    void setSuggestions(const QList<ConnectionSuggestion>& suggestions);
    [[nodiscard]] QList<ConnectionSuggestion> suggestions() const { return m_suggestions; }
    // Puts the suggestion at `index` into the URL and the fields.
    void useSuggestion(int index);

    // Fills URL and fields from `text`; false (and the parse error in the status line) when
    // `text` is not a valid URL, in which case the fields keep their values.
    bool setUrlText(const QString& text);
    void setDatabaseUrl(const DatabaseUrl& url);
    // The complete URL (with the password) that the fields describe, or why they do not make one.
    [[nodiscard]] Result<DatabaseUrl> databaseUrl() const;
    // The text of the URL field (never a password).
    [[nodiscard]] QString urlText() const;

    // Profiles: the selected profile's name ("" for none), selecting one loads it (the password
    // arrives asynchronously from memory or the keychain).
    [[nodiscard]] QString profileName() const;
    void selectProfile(const QString& name);
    // Saves the current settings as profile `name` (what "Save…" does after asking for a name).
    Status saveProfile(const QString& name);

    // What the database is for and the lock_timeout runs set (saved with the profile; a
    // selected profile's are loaded, and Connect keeps changes to them in the profile).
    [[nodiscard]] ConnectionKind connectionKind() const;
    void setConnectionKind(ConnectionKind kind);
    [[nodiscard]] int lockTimeoutMs() const;
    void setLockTimeoutMs(int milliseconds);

    // Seconds the connection test waits for the server (default 5).
    void setConnectTimeout(int seconds) { m_connectTimeout = seconds; }
    [[nodiscard]] bool isTesting() const { return m_testing; }
    // The status line's text (test result, parse error or hint).
    [[nodiscard]] QString statusText() const;

public Q_SLOTS:
    void testConnection();
    void cancelTest();
    void accept() override;

Q_SIGNALS:
    void testStarted();
    // ok: connected; message: what the status line shows (redacted; with the hint on failure).
    void testFinished(bool ok, const QString& message);

private:
    struct TestOutcome;

    void onUrlEdited(const QString& text);
    void onUrlEditingFinished();
    void onFieldsEdited();
    void onDialectChanged();
    void onProfileActivated(int index);
    void onPasswordReady(const QString& name, const QString& password, bool found);
    void onSaveProfileClicked();
    void onDeleteProfileClicked();
    void browseSqliteFile();
    void fillFields(const UrlParts& parts);
    [[nodiscard]] UrlParts partsFromFields() const;
    void fillDriverCombo(bool sqlite, const QString& current);
    void reloadProfiles(const QString& select);
    void reloadSuggestions();
    void updatePasswordStorageLabel();
    void updateButtons();
    enum class StatusKind { Neutral, Success, Error, Busy };
    void setStatus(const QString& text, StatusKind kind);
    void finishTest(const TestOutcome& outcome);

    std::unique_ptr<Ui::ConnectionDialog> m_ui;
    QPointer<ConnectionProfiles> m_profiles;
    QString m_projectDirectory;
    QList<ConnectionSuggestion> m_callerSuggestions;
    QList<ConnectionSuggestion> m_suggestions;
    QWidget* m_spinner = nullptr;
    bool m_syncing = false;
    bool m_passwordFromUrl = false;
    bool m_testing = false;
    quint64 m_testId = 0;
    int m_connectTimeout = 5;
    QString m_statusText;
};

} // namespace retort::app
