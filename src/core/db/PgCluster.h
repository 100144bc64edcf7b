#pragma once

// A throwaway PostgreSQL cluster: the tests' database server (DESIGN.md "Testing") and the
// schema time machine's scratch server when no server URL is given (core/timemachine).
//
//   PgCluster cluster;
//   QVERIFY2(cluster.start().ok(), ...);          // initdb + pg_ctl start, ~1-2 s
//   cluster.createDatabase(QStringLiteral("app"));
//   auto url = DatabaseUrl::parse(cluster.url(QStringLiteral("app")));
//   ...
//   cluster.stop();                                // also done by the destructor
//
// - initdb/pg_ctl/psql come from the newest /usr/lib/postgresql/<version>/bin that has them (15 on
//   Debian 12; override with the environment variable RETORT_PG_BINDIR). When they are missing,
//   start() returns an Error: tests that need PostgreSQL must fail, not skip.
// - When the test runs as root (CI), the server runs as the `postgres` OS user (runuser), in a
//   QTemporaryDir under QDir::tempPath() chowned to it (the temp dir's parent must be traversable by
//   `postgres`; /tmp is).
// - The server listens on 127.0.0.1 on a free port (a QTcpServer bound to port 0, then released)
//   and on a Unix socket in a private directory inside the temporary dir, never in
//   /var/run/postgresql. Host connections use scram-sha-256 password authentication, so a wrong
//   password is really rejected.
// - Two roles: the superuser `postgres` and `retort` (LOGIN CREATEDB), both with random
//   alphanumeric passwords. url() uses `retort`, which owns the databases createDatabase() makes.
// - Fast settings: fsync, synchronous_commit and full_page_writes off, autovacuum off (so
//   statistics only change when a test runs ANALYZE; tests of estimated row counts rely on it).
// - Clean-up: stop() (fast shutdown) runs in the destructor, so a failing QVERIFY still stops the
//   server. If the test process dies without running destructors (crash, SIGKILL, ctest timeout),
//   a detached watchdog (`sh`, reparented to init, started by start()) notices within a second,
//   stops the postmaster with SIGQUIT (immediate shutdown) and deletes the temporary directory.
//   A clean stop() ends the watchdog.
//
// Not thread-safe: use one PgCluster from the test's main thread (typically a member of the test
// object, started in initTestCase()).

#include "core/common/Error.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace retort {

class PgCluster
{
public:
    PgCluster();
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    // initdb (first call only) and start the server; waits until it accepts connections.
    Status start();
    // Fast shutdown; the data directory is kept until destruction, so restart() can follow.
    // Idempotent, never fails loudly (used by the destructor).
    void stop();
    // The database "disappears": immediate shutdown (SIGQUIT to the postmaster, no checkpoint).
    // Open connections break; new ones are refused on the same port.
    Status kill();
    // Start again on the same port after stop()/kill() (or stop + start when running).
    Status restart();
    [[nodiscard]] bool isRunning() const { return m_running; }

    // Creates a database owned by user() (CREATE DATABASE as the superuser).
    Status createDatabase(const QString& name);
    Status dropDatabase(const QString& name);

    // Runs SQL with psql as the superuser over TCP (ON_ERROR_STOP, no psqlrc). Returns psql's
    // unaligned, tuples-only output (`-At`): one line per row, fields separated by '|'.
    // Errors carry psql's stderr (never a password).
    Result<QString> psql(const QString& sql, const QString& database = QStringLiteral("postgres")) const;
    // The same as the non-superuser role user().
    Result<QString> psqlAsUser(const QString& sql, const QString& database = QStringLiteral("postgres")) const;

    // postgresql://retort:<password>@127.0.0.1:<port>/<database>. The same string works for
    // SQLAlchemy (psycopg2 is its default PostgreSQL driver); see sqlalchemyUrl() for the explicit form.
    [[nodiscard]] QString url(const QString& database = QStringLiteral("postgres")) const;
    // postgresql+psycopg2://retort:<password>@127.0.0.1:<port>/<database>
    [[nodiscard]] QString sqlalchemyUrl(const QString& database = QStringLiteral("postgres")) const;
    // postgresql://postgres:<password>@127.0.0.1:<port>/<database>
    [[nodiscard]] QString superuserUrl(const QString& database = QStringLiteral("postgres")) const;
    // A URL with the right port and user but a wrong password (for authentication-failure tests).
    [[nodiscard]] QString urlWithWrongPassword(const QString& database = QStringLiteral("postgres")) const;

    [[nodiscard]] QString host() const { return QStringLiteral("127.0.0.1"); }
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] QString user() const { return QStringLiteral("retort"); }
    [[nodiscard]] QString password() const { return m_password; }
    [[nodiscard]] QString superuser() const { return QStringLiteral("postgres"); }
    [[nodiscard]] QString superuserPassword() const { return m_superPassword; }
    [[nodiscard]] QString socketDir() const;
    [[nodiscard]] QString dataDir() const;
    [[nodiscard]] QString logFile() const;
    [[nodiscard]] QString binDir() const { return m_binDir; }
    // The server log, for a QVERIFY2 message when something went wrong.
    [[nodiscard]] QString serverLog() const;

    // A loopback port with nothing listening (bound to port 0, released): "server down" tests.
    static int freePort();
    // The folder the server binaries are taken from (see above) and whether initdb, pg_ctl,
    // postgres and psql are all there.
    static QString defaultBinDir();
    static bool serverBinariesInstalled();

private:
    struct RunResult
    {
        int exitCode = -1;
        QString output;
    };
    Result<RunResult> runTool(const QString& tool, const QStringList& args, bool asServerUser,
                              const QString& password = {}, int timeoutMs = 60000) const;
    Status initCluster();
    Status startServer();
    Status pgCtlStop(const QString& mode);
    void startWatchdog();
    void stopWatchdog();
    Result<QString> runPsql(const QString& sql, const QString& database, const QString& role,
                            const QString& password) const;

    QString m_binDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_password;
    QString m_superPassword;
    int m_port = 0;
    bool m_initialized = false;
    bool m_running = false;
    bool m_needsRunuser = false;
    qint64 m_watchdogPid = 0;
};

} // namespace retort
