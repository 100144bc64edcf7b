#include "core/db/PgCluster.h"

#include "core/db/SqlIdentifier.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>

namespace retort {

namespace {

constexpr auto kDebianRoot = "/usr/lib/postgresql";
constexpr auto kFallbackBinDir = "/usr/lib/postgresql/15/bin";
const char* const kServerTools[] = {"initdb", "pg_ctl", "postgres", "psql"};

bool hasServerTools(const QString& binDir)
{
    for (const char* tool : kServerTools) {
        if (!QFileInfo(binDir + QLatin1Char('/') + QLatin1String(tool)).isExecutable())
            return false;
    }
    return true;
}

QString randomPassword()
{
    static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString out = QStringLiteral("pw");
    for (int i = 0; i < 22; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
    return out;
}

QString quoteLiteral(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString lastLines(const QString& text, int count)
{
    QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.size() > count)
        lines = lines.mid(lines.size() - count);
    return lines.join(QLatin1Char('\n'));
}

// chown to the server's OS user (only when running as root).
Status chownTo(const QString& path, uid_t uid, gid_t gid)
{
    if (::chown(QFile::encodeName(path).constData(), uid, gid) != 0)
        return Error{QStringLiteral("pg-cluster"), QStringLiteral("cannot chown %1 to postgres").arg(path), {}, path, 0};
    return Ok{};
}

} // namespace

QString PgCluster::defaultBinDir()
{
    const QByteArray env = qgetenv("RETORT_PG_BINDIR");
    if (!env.isEmpty())
        return QFile::decodeName(env);
    // The newest installed major version (Debian installs each under its number).
    QStringList versions = QDir(QString::fromLatin1(kDebianRoot)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString& a, const QString& b) { return a.toDouble() > b.toDouble(); });
    for (const QString& version : std::as_const(versions)) {
        const QString dir = QStringLiteral("%1/%2/bin").arg(QString::fromLatin1(kDebianRoot), version);
        if (hasServerTools(dir))
            return dir;
    }
    return QString::fromLatin1(kFallbackBinDir);
}

bool PgCluster::serverBinariesInstalled()
{
    return hasServerTools(defaultBinDir());
}

PgCluster::PgCluster()
{
    m_binDir = defaultBinDir();
    m_password = randomPassword();
    m_superPassword = randomPassword();
}

PgCluster::~PgCluster()
{
    stop();
    stopWatchdog();
    m_dir.reset(); // removes the data directory
}

int PgCluster::freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        socklen_t len = sizeof addr;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
            port = ntohs(addr.sin_port);
    }
    ::close(fd);
    return port;
}

QString PgCluster::socketDir() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("sock")) : QString();
}

QString PgCluster::dataDir() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("data")) : QString();
}

QString PgCluster::logFile() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("server.log")) : QString();
}

QString PgCluster::serverLog() const
{
    QFile file(logFile());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QString PgCluster::url(const QString& database) const
{
    return QStringLiteral("postgresql://%1:%2@%3:%4/%5").arg(user(), m_password, host()).arg(m_port).arg(database);
}

QString PgCluster::sqlalchemyUrl(const QString& database) const
{
    return QStringLiteral("postgresql+psycopg2://%1:%2@%3:%4/%5")
        .arg(user(), m_password, host())
        .arg(m_port)
        .arg(database);
}

QString PgCluster::superuserUrl(const QString& database) const
{
    return QStringLiteral("postgresql://%1:%2@%3:%4/%5")
        .arg(superuser(), m_superPassword, host())
        .arg(m_port)
        .arg(database);
}

QString PgCluster::urlWithWrongPassword(const QString& database) const
{
    return QStringLiteral("postgresql://%1:%2@%3:%4/%5")
        .arg(user(), QStringLiteral("wrong") + m_password, host())
        .arg(m_port)
        .arg(database);
}

Result<PgCluster::RunResult> PgCluster::runTool(const QString& tool, const QStringList& args, bool asServerUser,
                                                const QString& password, int timeoutMs) const
{
    const QString binary = m_binDir + QLatin1Char('/') + tool;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& key : env.keys()) {
        if (key.startsWith(QLatin1String("PG")))
            env.remove(key);
    }
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    if (!password.isEmpty())
        env.insert(QStringLiteral("PGPASSWORD"), password);
    process.setProcessEnvironment(env);
    if (m_dir)
        process.setWorkingDirectory(m_dir->path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (asServerUser && m_needsRunuser) {
        process.setProgram(QStringLiteral("/usr/sbin/runuser"));
        process.setArguments(QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), binary} + args);
    } else {
        process.setProgram(binary);
        process.setArguments(args);
    }
    process.start();
    if (!process.waitForStarted(10000))
        return Error{QStringLiteral("pg-cluster"),
                     QStringLiteral("cannot run %1: %2").arg(process.program(), process.errorString()), {}, {}, 0};
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return Error{QStringLiteral("pg-cluster"), QStringLiteral("%1 did not finish within %2 s").arg(tool).arg(timeoutMs / 1000),
                     {}, {}, 0};
    }
    RunResult result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromUtf8(process.readAll());
    return result;
}

Status PgCluster::initCluster()
{
    for (const char* tool : kServerTools) {
        const QString path = m_binDir + QLatin1Char('/') + QLatin1String(tool);
        if (!QFileInfo(path).isExecutable()) {
            return Error{QStringLiteral("pg-missing"),
                         QStringLiteral("PostgreSQL server binary %1 is missing: a throwaway PostgreSQL cluster "
                                        "needs initdb, pg_ctl, postgres and psql").arg(path),
                         QStringLiteral("install the Debian package postgresql-15 (apt-get install postgresql-15), "
                                        "or point RETORT_PG_BINDIR at a PostgreSQL bin directory"),
                         path, 0};
        }
    }

    m_needsRunuser = ::geteuid() == 0;
    uid_t uid = 0;
    gid_t gid = 0;
    if (m_needsRunuser) {
        const passwd* pw = ::getpwnam("postgres");
        if (!pw)
            return Error{QStringLiteral("pg-missing"),
                         QStringLiteral("running as root but there is no `postgres` OS user to run the server as"),
                         QStringLiteral("install postgresql-15 (it creates the user) or run the tests as a normal user"),
                         {}, 0};
        uid = pw->pw_uid;
        gid = pw->pw_gid;
    }

    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/retort-pg-XXXXXX"));
    if (!m_dir->isValid())
        return Error{QStringLiteral("pg-cluster"),
                     QStringLiteral("cannot create a temporary directory for PostgreSQL: %1").arg(m_dir->errorString()),
                     {}, QDir::tempPath(), 0};
    if (!QDir(m_dir->path()).mkdir(QStringLiteral("sock")))
        return Error{QStringLiteral("pg-cluster"), QStringLiteral("cannot create the socket directory"), {}, socketDir(), 0};
    ::chmod(QFile::encodeName(socketDir()).constData(), 0700);

    const QString pwFile = m_dir->filePath(QStringLiteral("pwfile"));
    {
        QFile file(pwFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(m_superPassword.toUtf8() + '\n') < 0)
            return Error{QStringLiteral("pg-cluster"), QStringLiteral("cannot write the password file"), {}, pwFile, 0};
    }
    ::chmod(QFile::encodeName(pwFile).constData(), 0600);

    if (m_needsRunuser) {
        for (const QString& path : {m_dir->path(), socketDir(), pwFile}) {
            if (Status s = chownTo(path, uid, gid); !s)
                return s;
        }
    }

    auto init = runTool(QStringLiteral("initdb"),
                        {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), superuser(),
                         QStringLiteral("--pwfile=") + pwFile, QStringLiteral("--auth-local=trust"),
                         QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                         QStringLiteral("--locale=C"), QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")},
                        true);
    QFile::remove(pwFile);
    if (!init)
        return init.error();
    if (init->exitCode != 0)
        return Error{QStringLiteral("pg-cluster"),
                     QStringLiteral("initdb failed (exit %1):\n%2").arg(init->exitCode).arg(lastLines(init->output, 15)),
                     QStringLiteral("the temporary directory's parents must be traversable by the postgres user"),
                     dataDir(), 0};

    QFile conf(dataDir() + QStringLiteral("/postgresql.conf"));
    if (!conf.open(QIODevice::Append))
        return Error{QStringLiteral("pg-cluster"), QStringLiteral("cannot append to postgresql.conf"), {}, conf.fileName(), 0};
    const QString settings = QStringLiteral(
        "\n# retort PgCluster: throwaway cluster\n"
        "listen_addresses = '127.0.0.1'\n"
        "unix_socket_directories = '%1'\n"
        "max_connections = 40\n"
        "shared_buffers = 16MB\n"
        "fsync = off\n"
        "synchronous_commit = off\n"
        "full_page_writes = off\n"
        "autovacuum = off\n"
        "logging_collector = off\n"
        "log_min_messages = warning\n"
        "password_encryption = 'scram-sha-256'\n").arg(socketDir());
    conf.write(settings.toUtf8());
    conf.close();
    m_initialized = true;
    return Ok{};
}

Status PgCluster::startServer()
{
    auto result = runTool(QStringLiteral("pg_ctl"),
                          {QStringLiteral("start"), QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                           QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), logFile(), QStringLiteral("-o"),
                           QStringLiteral("-p %1").arg(m_port)},
                          true, {}, 90000);
    if (!result)
        return result.error();
    if (result->exitCode != 0)
        return Error{QStringLiteral("pg-cluster"),
                     QStringLiteral("pg_ctl start on port %1 failed (exit %2):\n%3\n%4")
                         .arg(m_port)
                         .arg(result->exitCode)
                         .arg(lastLines(result->output, 5), lastLines(serverLog(), 10)),
                     {}, logFile(), 0};
    m_running = true;
    return Ok{};
}

Status PgCluster::start()
{
    if (m_running)
        return Ok{};
    if (!m_initialized) {
        if (Status s = initCluster(); !s)
            return s;
    }
    // The port is picked by binding to port 0 and releasing it: another process may take it in
    // between, so a bind failure is retried on a new port.
    Status started = Error{};
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freePort();
        started = startServer();
        if (started || !serverLog().contains(QLatin1String("could not bind")))
            break;
    }
    if (!started)
        return started;
    startWatchdog();
    auto role = psql(QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %1) THEN "
                                    "CREATE ROLE %2 LOGIN CREATEDB PASSWORD %3; END IF; END $$;")
                         .arg(quoteLiteral(user()), quoteIdentifier(user()), quoteLiteral(m_password)));
    if (!role)
        return role.error();
    return Ok{};
}

Status PgCluster::pgCtlStop(const QString& mode)
{
    auto result = runTool(QStringLiteral("pg_ctl"),
                          {QStringLiteral("stop"), QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"),
                           QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), mode},
                          true, {}, 45000);
    if (!result)
        return result.error();
    if (result->exitCode != 0)
        return Error{QStringLiteral("pg-cluster"),
                     QStringLiteral("pg_ctl stop -m %1 failed:\n%2").arg(mode, lastLines(result->output, 5)), {},
                     logFile(), 0};
    m_running = false;
    return Ok{};
}

void PgCluster::stop()
{
    if (!m_running)
        return;
    if (!pgCtlStop(QStringLiteral("fast")))
        (void)pgCtlStop(QStringLiteral("immediate"));
    m_running = false;
}

Status PgCluster::kill()
{
    if (!m_running)
        return Ok{};
    return pgCtlStop(QStringLiteral("immediate"));
}

Status PgCluster::restart()
{
    if (!m_initialized)
        return start();
    stop();
    return startServer();
}

void PgCluster::startWatchdog()
{
    if (m_watchdogPid != 0)
        return;
    // Detached (double fork, reparented to init), so it outlives a crashed or killed test and is
    // not part of the process tree that ctest kills on timeout.
    static const QString script = QStringLiteral(
        "parent=$1; data=$2; dir=$3\n"
        "while kill -0 \"$parent\" 2>/dev/null; do sleep 1; done\n"
        "if [ -f \"$data/postmaster.pid\" ]; then\n"
        "  pm=$(head -n 1 \"$data/postmaster.pid\")\n"
        "  kill -QUIT \"$pm\" 2>/dev/null\n"
        "  i=0; while kill -0 \"$pm\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n"
        "  kill -KILL \"$pm\" 2>/dev/null\n"
        "fi\n"
        "rm -rf \"$dir\"\n");
    qint64 pid = 0;
    if (QProcess::startDetached(QStringLiteral("/bin/sh"),
                                {QStringLiteral("-c"), script, QStringLiteral("retort-pg-watchdog"),
                                 QString::number(QCoreApplication::applicationPid()), dataDir(), m_dir->path()},
                                QDir::rootPath(), &pid))
        m_watchdogPid = pid;
}

void PgCluster::stopWatchdog()
{
    if (m_watchdogPid > 0)
        ::kill(pid_t(m_watchdogPid), SIGTERM);
    m_watchdogPid = 0;
}

Result<QString> PgCluster::runPsql(const QString& sql, const QString& database, const QString& role,
                                   const QString& password) const
{
    if (!m_running)
        return Error{QStringLiteral("pg-cluster"), QStringLiteral("psql: the test cluster is not running"), {}, {}, 0};
    const QString script = m_dir->filePath(QStringLiteral("psql-%1.sql").arg(QRandomGenerator::global()->generate()));
    {
        QFile file(script);
        if (!file.open(QIODevice::WriteOnly) || file.write(sql.toUtf8()) < 0)
            return Error{QStringLiteral("pg-cluster"), QStringLiteral("cannot write %1").arg(script), {}, script, 0};
    }
    auto result = runTool(QStringLiteral("psql"),
                          {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"), QStringLiteral("-v"),
                           QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), host(), QStringLiteral("-p"),
                           QString::number(m_port), QStringLiteral("-U"), role, QStringLiteral("-d"), database,
                           QStringLiteral("-f"), script},
                          false, password);
    QFile::remove(script);
    if (!result)
        return result.error();
    if (result->exitCode != 0)
        return Error{QStringLiteral("pg-sql"),
                     QStringLiteral("psql as %1 on %2 failed (exit %3): %4")
                         .arg(role, database)
                         .arg(result->exitCode)
                         .arg(lastLines(result->output, 10)),
                     {}, {}, 0};
    QString out = result->output;
    while (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

Result<QString> PgCluster::psql(const QString& sql, const QString& database) const
{
    return runPsql(sql, database, superuser(), m_superPassword);
}

Result<QString> PgCluster::psqlAsUser(const QString& sql, const QString& database) const
{
    return runPsql(sql, database, user(), m_password);
}

Status PgCluster::createDatabase(const QString& name)
{
    auto result = psql(QStringLiteral("CREATE DATABASE %1 OWNER %2;").arg(quoteIdentifier(name), quoteIdentifier(user())));
    if (!result)
        return result.error();
    return Ok{};
}

Status PgCluster::dropDatabase(const QString& name)
{
    auto result = psql(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE);").arg(quoteIdentifier(name)));
    if (!result)
        return result.error();
    return Ok{};
}

} // namespace retort
