#pragma once

#include "core/db/ConnectionKind.h"

#include <QWidget>

class QLabel;

namespace retort::app {

// The band above the revision graph that names the database the window works on and its kind:
// a quiet green line for a development database, amber for staging, solid red for production, so
// nobody upgrades production thinking it is their laptop. Hidden without a database.
class ConnectionBanner : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionBanner(QWidget* parent = nullptr);

    // `database`: its name (or SQLite file); `host`: "" for local files and sockets.
    void setDatabase(const QString& database, const QString& host, ConnectionKind kind);
    void clear();

    [[nodiscard]] QString text() const;
    [[nodiscard]] ConnectionKind kind() const { return m_kind; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refresh();

    QLabel* m_label = nullptr;
    QString m_database;
    QString m_host;
    ConnectionKind m_kind = ConnectionKind::Development;
};

} // namespace retort::app
