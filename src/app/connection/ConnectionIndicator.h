#pragma once

#include "core/db/ConnectionKind.h"

#include <QWidget>

class QLabel;

namespace retort {
class DatabaseUrl;
}

namespace retort::app {

// The status-bar indicator of the current database: a coloured dot and the redacted target
// ("postgresql://app:***@db.example.com:5432/prod"), green for a local database (loopback, a
// socket directory, a SQLite file), amber for a remote one, grey when not connected, red when the
// last attempt failed. Clicking it emits clicked() (the main window opens the connection dialog).
class ConnectionIndicator : public QWidget
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Failed };
    Q_ENUM(State)

    explicit ConnectionIndicator(QWidget* parent = nullptr);

    // Shows `url` (always redacted) as connected.
    void setConnection(const DatabaseUrl& url);
    // The same target in another state (Connecting while a job opens it, Failed with the reason).
    // `errorCode` (an Error code such as "db-auth") says, for Failed, what went wrong in the label:
    // a refused login is not an unreachable server.
    void setState(State state, const QString& detail = {}, const QString& errorCode = {});
    void clear();
    // What the database is for (its profile's kind): staging and production are named in the
    // label and painted in their colour; development looks as before.
    void setKind(ConnectionKind kind);
    [[nodiscard]] ConnectionKind kind() const { return m_kind; }

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isLocal() const { return m_local; }
    // What the label says, before eliding ("Not connected", "local · sqlite:///app.db", ...).
    [[nodiscard]] QString text() const;
    [[nodiscard]] QString target() const { return m_target; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void clicked();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refresh();

    QLabel* m_label = nullptr;
    State m_state = State::Disconnected;
    QString m_target;
    QString m_detail;
    QString m_errorCode;
    QString m_fullText;
    bool m_local = false;
    ConnectionKind m_kind = ConnectionKind::Development;
};

} // namespace retort::app
