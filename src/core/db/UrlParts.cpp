#include "core/db/UrlParts.h"

#include "core/db/DatabaseUrl.h"

#include <QStringList>
#include <QUrl>

namespace retort {

namespace {

QString encode(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

bool isPasswordKey(const QString& key)
{
    return key.compare(QLatin1String("password"), Qt::CaseInsensitive) == 0;
}

UrlParts urlParts(const DatabaseUrl& url)
{
    UrlParts parts;
    parts.sqlite = url.dialect() == Dialect::SQLite;
    parts.scheme = url.scheme() == QLatin1String("postgres") ? QStringLiteral("postgresql") : url.scheme();
    parts.query = url.query();
    if (parts.sqlite) {
        parts.sqlitePath = url.isSqliteMemory() ? QString() : url.sqlitePath();
        return parts;
    }
    const bool socketInQuery = !url.queryValue(QStringLiteral("host")).isEmpty();
    parts.host = socketInQuery && url.host() == url.queryValue(QStringLiteral("host")) ? QString() : url.host();
    parts.port = url.port();
    parts.database = url.database();
    parts.user = url.user();
    parts.password = url.password();
    return parts;
}

QString composeUrl(const UrlParts& parts, bool withPassword)
{
    QString text = parts.scheme + QStringLiteral("://");
    if (parts.sqlite) {
        if (!parts.sqlitePath.isEmpty())
            text += QLatin1Char('/') + parts.sqlitePath;
    } else {
        if (!parts.user.isEmpty() || (withPassword && !parts.password.isEmpty())) {
            text += encode(parts.user);
            if (withPassword && !parts.password.isEmpty())
                text += QLatin1Char(':') + encode(parts.password);
            text += QLatin1Char('@');
        }
        if (parts.host.contains(QLatin1Char(':')))
            text += QLatin1Char('[') + parts.host + QLatin1Char(']');
        else
            text += parts.host;
        if (parts.port >= 0)
            text += QLatin1Char(':') + QString::number(parts.port);
        if (!parts.database.isEmpty())
            text += QLatin1Char('/') + parts.database;
    }
    QStringList query;
    for (const auto& [key, value] : parts.query) {
        if (!withPassword && isPasswordKey(key))
            continue;
        query << encode(key) + QLatin1Char('=') + encode(value);
    }
    if (!query.isEmpty())
        text += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return text;
}

QString urlWithoutPassword(const DatabaseUrl& url)
{
    return composeUrl(urlParts(url), false);
}

QString urlWithPassword(const QString& url, const QString& password)
{
    if (password.isEmpty())
        return url;
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return url;
    UrlParts parts = urlParts(*parsed);
    parts.password = password;
    return composeUrl(parts, true);
}

} // namespace retort
