#pragma once

#include "core/db/ConnectionKind.h"

#include <QWidget>

class QLabel;

namespace retort::app {

class ElidedLabel;

// The band above the revision graph: which database the window works on, its kind, and where it
// stands - "Database shop on db.example.com · PRODUCTION · at 3f1a9c2e7b10 “add orders” · 2
// pending", "… · Login refused", "… · empty: no version table yet" - so nobody has to find the
// status bar to know what Retort is connected to. A quiet green line for a development database,
// amber for staging, solid red for production, so nobody upgrades production thinking it is their
// laptop. Without a database (a project is open) it says so in grey; clicking it emits clicked()
// (the window opens the connection dialog). Hidden before a project is open.
class ConnectionBanner : public QWidget
{
    Q_OBJECT
public:
    enum class Standing { Connecting, Known, Failed, NoDatabase };
    Q_ENUM(Standing)

    explicit ConnectionBanner(QWidget* parent = nullptr);

    // `database`: its name (or SQLite file); `host`: "" for local files and sockets. Shows the band
    // (Connecting until setStanding says more).
    void setDatabase(const QString& database, const QString& host, ConnectionKind kind);
    // Where the database stands: `text` for the band ("at 3f1a9c2e7b10 · 2 pending", "Not
    // reachable"), `detail` for its tooltip (the full error or the heads).
    void setStanding(Standing standing, const QString& text = {}, const QString& detail = {});
    // A project without a database: the band says so (and how to connect).
    void showNoDatabase();
    void clear();

    // The whole line as it reads ("Database shop1 · DEVELOPMENT · at r03 · 1 pending").
    [[nodiscard]] QString text() const;
    [[nodiscard]] QString standingText() const;
    [[nodiscard]] Standing standing() const { return m_standing; }
    [[nodiscard]] ConnectionKind kind() const { return m_kind; }

Q_SIGNALS:
    void clicked();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    // The name with "Database" in front when the whole line fits, without it when it does not.
    void fitName();

    QLabel* m_label = nullptr;
    QString m_name;      // "Database shop on db.example.com · PRODUCTION"
    QString m_shortName; // "shop on db.example.com · PRODUCTION"
    ElidedLabel* m_state = nullptr;
    QString m_database;
    QString m_host;
    QString m_standingText;
    QString m_detail;
    Standing m_standing = Standing::NoDatabase;
    ConnectionKind m_kind = ConnectionKind::Development;
};

} // namespace retort::app
