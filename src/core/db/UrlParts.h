#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace retort {

class DatabaseUrl;

// The parts of a SQLAlchemy URL as the connection dialog edits them.
struct UrlParts
{
    bool sqlite = false;
    QString scheme; // "postgresql", "postgresql+asyncpg", "sqlite", ...
    QString host; // empty: libpq's default (or the socket directory in `query`)
    int port = -1; // -1: the default port
    QString database; // PostgreSQL database name
    QString user;
    QString password;
    QString sqlitePath; // SQLite file as written (relative or absolute); empty: in memory
    QList<QPair<QString, QString>> query;
};

// A query key that holds the password (`?password=...`, any case).
[[nodiscard]] bool isPasswordKey(const QString& key);
[[nodiscard]] UrlParts urlParts(const DatabaseUrl& url);
// SQLAlchemy syntax: user and password percent-encoded, query values form-encoded, the database
// part literal, IPv6 hosts in brackets. Without `withPassword` the password is left out.
[[nodiscard]] QString composeUrl(const UrlParts& parts, bool withPassword);
// The URL without its password.
[[nodiscard]] QString urlWithoutPassword(const DatabaseUrl& url);
// `url` (a URL without password, as profiles store it) with `password` put in; `url` unchanged
// when it does not parse or the password is empty.
[[nodiscard]] QString urlWithPassword(const QString& url, const QString& password);

} // namespace retort
