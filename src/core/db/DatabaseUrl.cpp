#include "core/db/DatabaseUrl.h"

#include "core/common/Redact.h"

#include <QDir>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QStringList>
#include <QUrl>

#include <algorithm>

namespace retort {

namespace {

// No "user:password@" in it: every message passes through the redaction, which would mask it.
const QString kExample = QStringLiteral("postgresql://USER@localhost:5432/DBNAME or sqlite:///file.db (a password goes after the user name and a colon)");

// Text that did not parse as a URL, made safe to show. With two or more '@' before the query
// nobody can tell which one ends a raw password, so nothing after the scheme is shown.
QString conservativelyRedacted(const QString& text)
{
    const qsizetype scheme = text.indexOf(QLatin1String("://"));
    const QString rest = scheme >= 0 ? text.mid(scheme + 3) : text;
    if (rest.section(QLatin1Char('?'), 0, 0).count(QLatin1Char('@')) > 1)
        return scheme >= 0 ? text.left(scheme + 3) + QStringLiteral("…") : QStringLiteral("…");
    const QString redacted = redactUrl(text);
    const qsizetype at = redacted.lastIndexOf(QLatin1Char('@'));
    if (scheme >= 0 || at < 0)
        return redacted;
    return QStringLiteral("***") + redacted.mid(at);
}

Error urlError(const QString& text, const QString& what, const QString& hint = {})
{
    // The whole message once more: a part the URL quoted into `what` (a query key) must not
    // make a later redaction of the message differ from this one.
    return Error{QStringLiteral("db-url"),
                 redactUrl(QStringLiteral("invalid database URL '%1': %2").arg(conservativelyRedacted(text), what)),
                 hint.isEmpty() ? QStringLiteral("expected a SQLAlchemy URL such as %1").arg(kExample) : hint,
                 {}, 0};
}

// libpq connection keywords (PostgreSQL 15 "Parameter Key Words"); psycopg2 passes URL query
// parameters to libpq unchanged, so these are what a PostgreSQL URL's query may hold.
const QStringList& libpqKeywords()
{
    static const QStringList keys = {
        QStringLiteral("host"), QStringLiteral("hostaddr"), QStringLiteral("port"), QStringLiteral("dbname"),
        QStringLiteral("user"), QStringLiteral("password"), QStringLiteral("passfile"),
        QStringLiteral("channel_binding"), QStringLiteral("connect_timeout"), QStringLiteral("client_encoding"),
        QStringLiteral("options"), QStringLiteral("application_name"), QStringLiteral("fallback_application_name"),
        QStringLiteral("keepalives"), QStringLiteral("keepalives_idle"), QStringLiteral("keepalives_interval"),
        QStringLiteral("keepalives_count"), QStringLiteral("tcp_user_timeout"), QStringLiteral("replication"),
        QStringLiteral("gssencmode"), QStringLiteral("sslmode"), QStringLiteral("requiressl"),
        QStringLiteral("sslcompression"), QStringLiteral("sslcert"), QStringLiteral("sslkey"),
        QStringLiteral("sslpassword"), QStringLiteral("sslrootcert"), QStringLiteral("sslcrl"),
        QStringLiteral("sslcrldir"), QStringLiteral("sslsni"), QStringLiteral("requirepeer"),
        QStringLiteral("ssl_min_protocol_version"), QStringLiteral("ssl_max_protocol_version"),
        QStringLiteral("krbsrvname"), QStringLiteral("gsslib"), QStringLiteral("service"),
        QStringLiteral("target_session_attrs")};
    return keys;
}

// Parameters that SQLAlchemy dialects (asyncpg, psycopg 3) consume themselves: accepted, and
// only `ssl` has a libpq meaning.
const QStringList& dialectOnlyPgKeys()
{
    static const QStringList keys = {QStringLiteral("ssl"), QStringLiteral("prepared_statement_cache_size"),
                                     QStringLiteral("prepared_statement_name_func"), QStringLiteral("async_fallback")};
    return keys;
}

// pysqlite / aiosqlite URL parameters (SQLAlchemy's pysqlite dialect documentation).
const QStringList& sqliteKeys()
{
    static const QStringList keys = {QStringLiteral("timeout"),      QStringLiteral("isolation_level"),
                                     QStringLiteral("detect_types"), QStringLiteral("check_same_thread"),
                                     QStringLiteral("cached_statements"), QStringLiteral("uri"),
                                     QStringLiteral("mode"),         QStringLiteral("cache"),
                                     QStringLiteral("nolock"),       QStringLiteral("immutable"),
                                     QStringLiteral("vfs"),          QStringLiteral("factory")};
    return keys;
}

// A libpq conninfo value, quoted the way QPSQL quotes host/user/password.
QString conninfoValue(const QString& value)
{
    QString out = value;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

bool isTrue(const QString& value)
{
    const QString v = value.toLower();
    return v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes") || v == QLatin1String("on");
}

QString encodeComponent(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return urlError(text, QStringLiteral("the URL is empty"));

    // sqlalchemy.engine.url._parse_url (SQLAlchemy 1.4/2.0), verbatim grammar.
    static const QRegularExpression pattern(QStringLiteral(R"(^(?<name>[\w+]+)://)"
                                                           R"((?:(?<username>[^:/]*)(?::(?<password>[^@]*))?@)?)"
                                                           R"((?:(?:\[(?<ipv6host>[^/?]+)\]|(?<ipv4host>[^/:?]+))?)"
                                                           R"((?::(?<port>[^/?]*))?)?)"
                                                           R"((?:/(?<database>[^?]*))?)"
                                                           R"((?:\?(?<query>.*))?$)"),
                                            QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch()) {
        if (!text.contains(QLatin1String("://")))
            return urlError(text, QStringLiteral("no scheme: a database URL starts with dialect:// (postgresql:// or sqlite://)"));
        return urlError(text, QStringLiteral("the scheme before '://' may only hold letters, digits, '_' and '+'"));
    }

    DatabaseUrl url;
    url.m_scheme = m.captured(u"name");
    const QString dialectName = url.m_scheme.section(QLatin1Char('+'), 0, 0).toLower();
    url.m_driver = url.m_scheme.contains(QLatin1Char('+')) ? url.m_scheme.section(QLatin1Char('+'), 1).toLower() : QString();
    if (dialectName == QLatin1String("postgresql") || dialectName == QLatin1String("postgres")) {
        url.m_dialect = Dialect::PostgreSQL;
        static const QStringList drivers = {QString(), QStringLiteral("psycopg2"), QStringLiteral("psycopg"),
                                            QStringLiteral("psycopg2cffi"), QStringLiteral("asyncpg"),
                                            QStringLiteral("pg8000")};
        if (!drivers.contains(url.m_driver))
            return urlError(text, QStringLiteral("unknown PostgreSQL driver '%1' in scheme '%2'").arg(url.m_driver, url.m_scheme),
                            QStringLiteral("use postgresql://, postgresql+psycopg2://, postgresql+psycopg:// or postgresql+asyncpg://"));
    } else if (dialectName == QLatin1String("sqlite")) {
        url.m_dialect = Dialect::SQLite;
        static const QStringList drivers = {QString(), QStringLiteral("pysqlite"), QStringLiteral("aiosqlite")};
        if (!drivers.contains(url.m_driver))
            return urlError(text, QStringLiteral("unknown SQLite driver '%1' in scheme '%2'").arg(url.m_driver, url.m_scheme),
                            QStringLiteral("use sqlite:///file.db (or sqlite+pysqlite://, sqlite+aiosqlite://)"));
    } else {
        return urlError(text, QStringLiteral("unsupported database '%1' in scheme '%2'").arg(dialectName, url.m_scheme),
                        QStringLiteral("Retort reads PostgreSQL (postgresql://...) and SQLite (sqlite:///...) databases"));
    }

    if (m.capturedStart(u"username") >= 0)
        url.m_user = QUrl::fromPercentEncoding(m.captured(u"username").toUtf8());
    if (m.capturedStart(u"password") >= 0) {
        url.m_password = QUrl::fromPercentEncoding(m.captured(u"password").toUtf8());
        url.m_hasPassword = true;
    }
    url.m_ipv6 = m.capturedStart(u"ipv6host") >= 0;
    url.m_host = url.m_ipv6 ? m.captured(u"ipv6host") : m.captured(u"ipv4host");
    // An '@' after the first one (a raw '@' in the password) ends up in the host, the port or the
    // database name, which would then show a piece of the password: refused before anything is
    // quoted. (A database name with '@' in it is refused too; SQLAlchemy would take it.)
    if (url.m_host.contains(QLatin1Char('@')) || m.captured(u"port").contains(QLatin1Char('@'))
        || m.captured(u"database").contains(QLatin1Char('@'))) {
        return urlError(text, QStringLiteral("more than one '@' before the host"),
                        QStringLiteral("percent-encode '@' in the user name or password as %40 "
                                       "(and ':' as %3A, '/' as %2F)"));
    }
    if (std::any_of(url.m_host.cbegin(), url.m_host.cend(), [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control; }))
        return urlError(text, QStringLiteral("the host name contains whitespace or a control character"),
                        QStringLiteral("write the host name or address alone, e.g. localhost or 127.0.0.1"));
    const QString port = m.captured(u"port");
    if (m.capturedStart(u"port") >= 0 && !port.isEmpty()) {
        bool ok = false;
        const int value = port.toInt(&ok);
        if (!ok || value < 1 || value > 65535)
            return urlError(text, QStringLiteral("the port '%1' is not a number between 1 and 65535").arg(port),
                            QStringLiteral("write host:port, e.g. localhost:5432"));
        url.m_port = value;
    }
    url.m_database = m.captured(u"database");
    // Taken literally (never percent-decoded), so it could not be written back: refused.
    if (url.m_database != url.m_database.trimmed()
        || std::any_of(url.m_database.cbegin(), url.m_database.cend(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return urlError(text, QStringLiteral("the database name starts or ends with whitespace or holds a control character"),
                        QStringLiteral("check the part after the last '/' of the URL"));

    // Query: Python's parse_qsl (form decoding, '+' is a space, blank values dropped).
    const QString query = m.captured(u"query");
    if (!query.isEmpty()) {
        for (const QString& pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            auto decode = [](QString part) {
                part.replace(QLatin1Char('+'), QLatin1Char(' '));
                return QUrl::fromPercentEncoding(part.toUtf8());
            };
            const QString key = decode(eq < 0 ? pair : pair.left(eq));
            const QString value = eq < 0 ? QString() : decode(pair.mid(eq + 1));
            if (value.isEmpty())
                continue;
            url.m_query.append({key, value});
        }
    }

    if (url.m_dialect == Dialect::PostgreSQL) {
        for (const auto& [key, value] : std::as_const(url.m_query)) {
            if (!libpqKeywords().contains(key) && !dialectOnlyPgKeys().contains(key))
                return urlError(text, QStringLiteral("unknown connection parameter '%1' in the query string").arg(key),
                                QStringLiteral("PostgreSQL URLs take libpq parameters such as sslmode, options, host "
                                               "(a socket directory), connect_timeout, application_name"));
            if (value.contains(QLatin1Char(';')))
                return urlError(text, QStringLiteral("the value of query parameter '%1' contains ';', which the Qt "
                                                     "PostgreSQL driver cannot pass on").arg(key));
            if (key == QLatin1String("port")) {
                bool ok = false;
                const int number = value.toInt(&ok);
                if (!ok || number < 1 || number > 65535)
                    return urlError(text, QStringLiteral("the port parameter '%1' is not a number between 1 and 65535").arg(value));
            }
            if (key == QLatin1String("connect_timeout")) {
                bool ok = false;
                const int seconds = value.toInt(&ok);
                if (!ok || seconds < 0)
                    return urlError(text, QStringLiteral("connect_timeout '%1' is not a whole number of seconds").arg(value));
            }
        }
    } else {
        if (!url.m_host.isEmpty() || url.m_port != -1)
            return urlError(text, QStringLiteral("a SQLite URL has no host: '%1' was read as a host name").arg(url.m_host),
                            QStringLiteral("write sqlite:///relative/path.db (three slashes) or "
                                           "sqlite:////absolute/path.db (four slashes)"));
        if (!url.m_user.isEmpty() || url.m_hasPassword)
            return urlError(text, QStringLiteral("a SQLite URL has no user name or password"),
                            QStringLiteral("write sqlite:///relative/path.db or sqlite:////absolute/path.db"));
        for (const auto& [key, value] : std::as_const(url.m_query)) {
            Q_UNUSED(value)
            if (!sqliteKeys().contains(key))
                return urlError(text, QStringLiteral("unknown SQLite parameter '%1' in the query string").arg(key),
                                QStringLiteral("SQLite URLs take timeout, mode, uri, cache, immutable, ..."));
        }
    }
    return url;
}

QString DatabaseUrl::queryValue(const QString& key) const
{
    // Like libpq, the last occurrence wins.
    QString value;
    for (const auto& [k, v] : m_query) {
        if (k == key)
            value = v;
    }
    return value;
}

QString DatabaseUrl::host() const
{
    const QString fromQuery = queryValue(QStringLiteral("host"));
    return fromQuery.isEmpty() ? m_host : fromQuery;
}

QString DatabaseUrl::sqlitePath() const
{
    if (m_dialect != Dialect::SQLite)
        return {};
    return m_database.isEmpty() ? QStringLiteral(":memory:") : m_database;
}

bool DatabaseUrl::isSqliteMemory() const
{
    return m_dialect == Dialect::SQLite && (m_database.isEmpty() || m_database == QLatin1String(":memory:"));
}

QString DatabaseUrl::sqlitePathRelativeTo(const QString& baseDir) const
{
    if (m_dialect != Dialect::SQLite || isSqliteMemory() || isTrue(queryValue(QStringLiteral("uri"))))
        return sqlitePath();
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(m_database));
}

QString DatabaseUrl::build(bool withPassword) const
{
    const QString scheme = m_scheme.section(QLatin1Char('+'), 0, 0).toLower() == QLatin1String("postgres")
                               ? QStringLiteral("postgresql") + (m_driver.isEmpty() ? QString() : QLatin1Char('+') + m_driver)
                               : m_scheme;
    QString out = scheme + QStringLiteral("://");
    if (m_dialect == Dialect::PostgreSQL) {
        if (!m_user.isEmpty() || m_hasPassword) {
            out += encodeComponent(m_user);
            if (m_hasPassword)
                out += QLatin1Char(':') + (withPassword ? encodeComponent(m_password) : QStringLiteral("***"));
            out += QLatin1Char('@');
        }
        out += m_ipv6 ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host;
        if (m_port != -1)
            out += QLatin1Char(':') + QString::number(m_port);
        if (!m_database.isEmpty())
            out += QLatin1Char('/') + m_database;
    } else if (!m_database.isEmpty()) {
        out += QLatin1Char('/') + m_database;
    }
    QStringList params;
    for (const auto& [key, value] : m_query) {
        const bool secret = key == QLatin1String("password") || key == QLatin1String("sslpassword");
        params << encodeComponent(key) + QLatin1Char('=')
                      + (secret && !withPassword ? QStringLiteral("***")
                                                 : QString::fromLatin1(QUrl::toPercentEncoding(value, "/:")));
    }
    if (!params.isEmpty())
        out += QLatin1Char('?') + params.join(QLatin1Char('&'));
    return out;
}

QString DatabaseUrl::toString() const
{
    return build(true);
}

QString DatabaseUrl::redacted() const
{
    return build(false);
}

std::optional<Dialect> DatabaseUrl::dialectOfScheme(const QString& text)
{
    if (!text.contains(QLatin1String("://")))
        return std::nullopt;
    const QString scheme = text.section(QStringLiteral("://"), 0, 0).section(QLatin1Char('+'), 0, 0).trimmed().toLower();
    if (scheme == QLatin1String("sqlite"))
        return Dialect::SQLite;
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"))
        return Dialect::PostgreSQL;
    return std::nullopt;
}

QString DatabaseUrl::driverOfScheme(const QString& text)
{
    if (!text.contains(QLatin1String("://")))
        return {};
    return text.section(QStringLiteral("://"), 0, 0).section(QLatin1Char('+'), 1).trimmed();
}

DatabaseUrl DatabaseUrl::withDatabase(const QString& database) const
{
    DatabaseUrl copy = *this;
    copy.m_database = database;
    return copy;
}

QString DatabaseUrl::redactedText(const QString& text)
{
    const Result<DatabaseUrl> parsed = parse(text);
    return parsed ? parsed->redacted() : conservativelyRedacted(text.trimmed());
}

bool DatabaseUrl::isLocal() const
{
    if (m_dialect == Dialect::SQLite)
        return true;
    const QString h = host();
    return h.isEmpty() || h.startsWith(QLatin1Char('/')) || h == QLatin1String("localhost")
           || h.startsWith(QLatin1String("127.")) || h == QLatin1String("::1");
}

QString DatabaseUrl::qtDriver() const
{
    return m_dialect == Dialect::PostgreSQL ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
}

QString DatabaseUrl::connectOptions() const
{
    QStringList options;
    if (m_dialect == Dialect::PostgreSQL) {
        for (const auto& [key, value] : m_query) {
            if (key == QLatin1String("host") || key == QLatin1String("port") || key == QLatin1String("dbname")
                || key == QLatin1String("user") || key == QLatin1String("password")
                || key == QLatin1String("connect_timeout") || dialectOnlyPgKeys().contains(key))
                continue;
            options << key + QLatin1Char('=') + conninfoValue(value);
        }
        // asyncpg spells sslmode as ssl=<mode>
        const QString ssl = queryValue(QStringLiteral("ssl"));
        if (!ssl.isEmpty() && queryValue(QStringLiteral("sslmode")).isEmpty())
            options << QStringLiteral("sslmode=") + conninfoValue(isTrue(ssl) ? QStringLiteral("require") : ssl);
    } else {
        if (queryValue(QStringLiteral("mode")) == QLatin1String("ro") || isTrue(queryValue(QStringLiteral("immutable"))))
            options << QStringLiteral("QSQLITE_OPEN_READONLY");
        if (isTrue(queryValue(QStringLiteral("uri"))))
            options << QStringLiteral("QSQLITE_OPEN_URI");
        const QString timeout = queryValue(QStringLiteral("timeout"));
        bool ok = false;
        const double seconds = timeout.toDouble(&ok);
        if (ok && seconds >= 0)
            options << QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(qint64(seconds * 1000));
    }
    return options.join(QLatin1Char(';'));
}

void DatabaseUrl::applyTo(QSqlDatabase& db) const
{
    if (m_dialect == Dialect::SQLite) {
        db.setDatabaseName(sqlitePath());
        db.setConnectOptions(connectOptions());
        return;
    }
    db.setHostName(host());
    const QString queryPort = queryValue(QStringLiteral("port"));
    db.setPort(queryPort.isEmpty() ? m_port : queryPort.toInt());
    const QString queryDb = queryValue(QStringLiteral("dbname"));
    db.setDatabaseName(queryDb.isEmpty() ? m_database : queryDb);
    const QString queryUser = queryValue(QStringLiteral("user"));
    db.setUserName(queryUser.isEmpty() ? m_user : queryUser);
    const QString queryPassword = queryValue(QStringLiteral("password"));
    db.setPassword(queryPassword.isEmpty() ? m_password : queryPassword);
    db.setConnectOptions(connectOptions());
}

} // namespace retort
