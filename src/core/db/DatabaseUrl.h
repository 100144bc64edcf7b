#pragma once

// SQLAlchemy database URLs, as users write them in alembic.ini, env.py or DATABASE_URL, turned
// into the settings of a Qt SQL connection (QPSQL / QSQLITE).
//
//   postgresql://user:p%40ss@localhost:5432/app?sslmode=disable
//   postgresql+psycopg2://...   postgresql+asyncpg://...   postgres://...   (same server)
//   postgresql://user@/app?host=/var/run/postgresql     (Unix socket directory)
//   sqlite:///relative/file.db   sqlite:////absolute/file.db   sqlite://  (in memory)
//
// The grammar is SQLAlchemy's (sqlalchemy.engine.url._parse_url): user name and password are
// percent-decoded, the database part is taken literally, query values are form-decoded. Anything
// that would only fail later at connect time (a port that is not a number, an '@' left in a
// password, an unknown driver or connection parameter) is rejected here, naming the part.

#include "core/common/Error.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace retort {

enum class Dialect { PostgreSQL, SQLite };

class DatabaseUrl
{
public:
    // Parses a SQLAlchemy URL. Errors (code "db-url") say which part is wrong and never contain
    // the password.
    static Result<DatabaseUrl> parse(const QString& text);
    // The dialect a URL names by its scheme alone ("sqlite:///%(here)s/app.db" as alembic.ini
    // writes it, "postgresql+asyncpg://..."); nullopt for other databases or no URL.
    static std::optional<Dialect> dialectOfScheme(const QString& text);
    // The driver after '+' in the scheme ("asyncpg"), "" when none.
    static QString driverOfScheme(const QString& text);

    [[nodiscard]] Dialect dialect() const { return m_dialect; }
    // As written: "postgresql+asyncpg", "postgres", "sqlite", ...
    [[nodiscard]] QString scheme() const { return m_scheme; }
    // The SQLAlchemy driver after '+', "" when none ("psycopg2", "asyncpg", "pysqlite", ...).
    [[nodiscard]] QString driver() const { return m_driver; }
    // Host name or IP; for a socket connection the socket directory (from `?host=/dir`).
    [[nodiscard]] QString host() const;
    // -1 when the URL has no port (QPSQL/libpq then use 5432).
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] QString database() const { return m_database; }
    [[nodiscard]] QString user() const { return m_user; }
    [[nodiscard]] QString password() const { return m_password; }
    [[nodiscard]] bool hasPassword() const { return m_hasPassword; }
    // Query parameters in URL order, decoded.
    [[nodiscard]] const QList<QPair<QString, QString>>& query() const { return m_query; }
    [[nodiscard]] QString queryValue(const QString& key) const;

    // SQLite: the file as written in the URL (relative to the process's working directory, as
    // SQLAlchemy resolves it), ":memory:" for an in-memory database. "" for PostgreSQL.
    [[nodiscard]] QString sqlitePath() const;
    [[nodiscard]] bool isSqliteMemory() const;
    // SQLite: the file resolved against `baseDir` when relative (e.g. the project's folder).
    [[nodiscard]] QString sqlitePathRelativeTo(const QString& baseDir) const;

    // The full URL with the password, percent-encoded, for SQLAlchemy in a child process only.
    // `postgres://` is written as `postgresql://` (SQLAlchemy 1.4+ no longer accepts the alias).
    [[nodiscard]] QString toString() const;
    // The same with the password replaced by "***": for display, logs and error messages.
    [[nodiscard]] QString redacted() const;
    // Any text the user gave as a URL, for display: redacted() of its parsed form when it parses;
    // otherwise conservatively (redactUrl, and for text without "://" everything before its last
    // '@'), so not even a malformed URL shows its password.
    [[nodiscard]] static QString redactedText(const QString& text);

    // The same server, driver, credentials and parameters with another database name (PostgreSQL)
    // or file (SQLite: the path as it would be written after "sqlite:///").
    [[nodiscard]] DatabaseUrl withDatabase(const QString& database) const;

    // Loopback, a socket directory, or a SQLite file: actions against it need no extra confirmation.
    [[nodiscard]] bool isLocal() const;
    // "QPSQL" or "QSQLITE".
    [[nodiscard]] QString qtDriver() const;
    // The QSqlDatabase connect options (libpq keywords for QPSQL, QSQLITE_* for SQLite) derived
    // from the query parameters, without connect_timeout (see ScopedConnection).
    [[nodiscard]] QString connectOptions() const;
    // Sets host, port, user, password, database name and connect options on `db`.
    void applyTo(QSqlDatabase& db) const;

private:
    QString build(bool withPassword) const;

    Dialect m_dialect = Dialect::SQLite;
    QString m_scheme;
    QString m_driver;
    QString m_host;
    int m_port = -1;
    QString m_database;
    QString m_user;
    QString m_password;
    bool m_hasPassword = false;
    bool m_ipv6 = false;
    QList<QPair<QString, QString>> m_query;
};

} // namespace retort
