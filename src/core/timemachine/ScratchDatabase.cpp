#include "core/timemachine/ScratchDatabase.h"

#include "core/db/Connection.h"
#include "core/db/DatabaseAdmin.h"
#include "core/db/PgCluster.h"
#include "core/db/SqlIdentifier.h"
#include "core/log/Log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>

namespace retort {

namespace {

QString serverLabel(const DatabaseUrl& url)
{
    const QString host = url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(host).arg(url.port()) : host;
}

QString clusterLabel()
{
    const QString version = QFileInfo(QDir::cleanPath(PgCluster::defaultBinDir() + QStringLiteral("/.."))).fileName();
    return QStringLiteral("a throwaway PostgreSQL %1 cluster in a temporary folder (initdb; stopped and deleted "
                          "afterwards)")
        .arg(version);
}

// Where a scratch SQLite file goes: $RETORT_SCRATCH_DIR when set (tests keep theirs apart), else
// memory-backed /dev/shm when there is one (a walk commits after every step, and nothing of it
// needs to survive), else the temporary folder.
QString scratchFolderBase()
{
    const QString chosen = qEnvironmentVariable("RETORT_SCRATCH_DIR");
    if (!chosen.isEmpty() && QFileInfo(chosen).isDir())
        return QFileInfo(chosen).absoluteFilePath();
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    return shm.isDir() && shm.isWritable() ? shm.absoluteFilePath() : QDir::tempPath();
}

Result<QSqlQuery> exec(QSqlDatabase db, const QString& sql, const QString& what)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return ScopedConnection::queryError(db, query.lastError(), what);
    return query;
}

} // namespace

QString ScratchDatabase::randomDatabaseName()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString name = QStringLiteral("retort_scratch_");
    for (int i = 0; i < 12; ++i)
        name += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
    return name;
}

ScratchRequest ScratchDatabase::request(Dialect dialect, const QString& serverUrl, const QString& projectUrl)
{
    ScratchRequest request;
    request.dialect = dialect;
    if (dialect == Dialect::PostgreSQL) {
        request.serverUrl = DatabaseUrl::dialectOfScheme(serverUrl) == Dialect::PostgreSQL ? serverUrl : QString();
        if (request.serverUrl.isEmpty() && DatabaseUrl::dialectOfScheme(projectUrl) == Dialect::PostgreSQL)
            request.driver = DatabaseUrl::driverOfScheme(projectUrl);
    }
    return request;
}

Result<ScratchPlan> ScratchDatabase::plan(const ScratchRequest& request)
{
    ScratchPlan plan;
    if (request.dialect == Dialect::SQLite) {
        plan.kind = ScratchKind::SqliteFile;
        plan.description = QStringLiteral("a temporary SQLite file in a private folder (deleted afterwards)");
        return plan;
    }
    std::optional<DatabaseUrl> server;
    if (!request.serverUrl.isEmpty()) {
        Result<DatabaseUrl> parsed = DatabaseUrl::parse(request.serverUrl);
        if (!parsed)
            return parsed.error();
        if (parsed->dialect() != Dialect::PostgreSQL)
            return Error{QStringLiteral("db-url"),
                         QStringLiteral("a scratch PostgreSQL database needs a PostgreSQL server; %1 is not one").arg(parsed->redacted()),
                         {}, {}, 0};
        server = *parsed;
    }
    if (server && request.serverConsent && !request.production) {
        plan.kind = ScratchKind::ServerDatabase;
        plan.server = server->redacted();
        plan.description = QStringLiteral("a database retort_scratch_<random> created on %1 (dropped afterwards, "
                                          "also after a failure or a cancel)")
                               .arg(serverLabel(*server));
        return plan;
    }
    if (request.allowLocalCluster && PgCluster::serverBinariesInstalled()) {
        plan.kind = ScratchKind::LocalCluster;
        plan.description = clusterLabel();
        return plan;
    }
    if (server && request.production)
        return Error{QStringLiteral("scratch-production"),
                     QStringLiteral("%1 is a production connection: Retort creates no scratch database there")
                         .arg(server->redacted()),
                     QStringLiteral("Install the PostgreSQL server binaries (Debian: postgresql) for a throwaway local "
                                    "cluster, or use a development server."),
                     {}, 0};
    if (server)
        return Error{QStringLiteral("scratch-consent"),
                     QStringLiteral("a scratch database would be created (and dropped) on %1, which needs your consent")
                         .arg(serverLabel(*server)),
                     QStringLiteral("Allow it (retort-cli: --scratch-on-server), or install the PostgreSQL server "
                                    "binaries (Debian: postgresql) for a throwaway local cluster."),
                     {}, 0};
    return Error{QStringLiteral("scratch-no-server"),
                 QStringLiteral("a PostgreSQL project needs a scratch PostgreSQL database, and there is neither a server "
                                "to create it on nor the server binaries for a local cluster"),
                 QStringLiteral("Give a server where Retort may create and drop a database (retort-cli: --url URL "
                                "--scratch-on-server), or install the PostgreSQL server binaries (Debian: postgresql)."),
                 {}, 0};
}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(const ScratchRequest& request)
{
    const Result<ScratchPlan> planned = plan(request);
    if (!planned)
        return planned.error();
    std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase);
    scratch->m_kind = planned->kind;
    QString driver = request.driver;

    if (planned->kind == ScratchKind::SqliteFile) {
        scratch->m_folder = std::make_unique<QTemporaryDir>(scratchFolderBase() + QStringLiteral("/retort-scratch-XXXXXX"));
        if (!scratch->m_folder->isValid())
            return Error{QStringLiteral("scratch-create"),
                         QStringLiteral("cannot create a temporary folder for the scratch database: %1").arg(scratch->m_folder->errorString()),
                         {}, scratchFolderBase(), 0};
        const QString path = scratch->m_folder->filePath(QStringLiteral("scratch.db"));
        Result<DatabaseUrl> url = DatabaseUrl::parse(QStringLiteral("sqlite:///") + path);
        if (!url)
            return url.error();
        scratch->m_url = *url;
        scratch->m_description = QStringLiteral("temporary SQLite file %1").arg(path);
        if (Status s = scratch->reset(); !s)
            return s.error();
        log::info(log::Area::Db, QStringLiteral("scratch database: %1").arg(scratch->m_description));
        return scratch;
    }

    if (planned->kind == ScratchKind::LocalCluster) {
        scratch->m_cluster = std::make_unique<PgCluster>();
        if (Status started = scratch->m_cluster->start(); !started)
            return Error{QStringLiteral("scratch-cluster"),
                         QStringLiteral("cannot start a throwaway PostgreSQL cluster: %1").arg(started.error().message),
                         started.error().hint, started.error().path, 0};
        Result<DatabaseUrl> admin = DatabaseUrl::parse(scratch->m_cluster->url(QStringLiteral("postgres")));
        if (!admin)
            return admin.error();
        scratch->m_adminUrl = *admin;
    } else {
        Result<DatabaseUrl> admin = DatabaseUrl::parse(request.serverUrl);
        if (!admin)
            return admin.error();
        scratch->m_adminUrl = *admin;
        if (driver.isEmpty())
            driver = admin->driver();
    }
    QString base = scratch->m_adminUrl.toString();
    if (!driver.isEmpty() && scratch->m_adminUrl.driver().isEmpty()) // the project's driver, for its env.py
        base.replace(0, base.indexOf(QStringLiteral("://")), QStringLiteral("postgresql+") + driver);
    Result<DatabaseUrl> withDriver = DatabaseUrl::parse(base);
    if (!withDriver)
        return withDriver.error();
    scratch->m_url = withDriver->withDatabase(randomDatabaseName());
    if (Status s = scratch->createOnServer(); !s) {
        scratch->m_dropped = true; // nothing of ours to drop (the cluster goes with the object)
        return s.error();
    }
    scratch->m_description = planned->kind == ScratchKind::LocalCluster
                                 ? QStringLiteral("database %1 in a throwaway PostgreSQL %2 cluster on port %3")
                                       .arg(scratch->m_url.database(), scratch->m_serverVersion)
                                       .arg(scratch->m_cluster->port())
                                 : QStringLiteral("database %1 on %2").arg(scratch->m_url.database(), serverLabel(scratch->m_adminUrl));
    log::info(log::Area::Db, QStringLiteral("scratch database: created %1").arg(scratch->m_description));
    return scratch;
}

ScratchDatabase::~ScratchDatabase()
{
    (void)drop();
}

QString ScratchDatabase::databaseName() const
{
    return m_kind == ScratchKind::SqliteFile ? m_url.sqlitePath() : m_url.database();
}

Status ScratchDatabase::createOnServer()
{
    auto connection = ScopedConnection::open(m_adminUrl, 10);
    if (!connection)
        return connection.error();
    QSqlDatabase db = (*connection)->database();
    auto version = exec(db, QStringLiteral("SELECT current_setting('server_version_num')::int"), QStringLiteral("reading the server version"));
    if (!version)
        return version.error();
    if (version->next())
        m_serverVersion = QString::number(version->value(0).toInt() / 10000);
    return DatabaseAdmin::createOn(db, m_url.database(), m_adminUrl.user(),
                                   QStringLiteral("'%1' on %2").arg(m_url.database(), serverLabel(m_adminUrl)),
                                   QStringLiteral("Or use a throwaway local cluster (install the PostgreSQL server binaries)."));
}

Status ScratchDatabase::dropOnServer()
{
    auto connection = ScopedConnection::open(m_adminUrl, 10);
    if (!connection)
        return connection.error();
    QSqlDatabase db = (*connection)->database();
    const QString name = quoteIdentifier(m_url.database());
    // WITH (FORCE) (PostgreSQL 13+) ends the sessions still connected (a bridge's pooled
    // connection); older servers get them terminated first.
    if (m_serverVersion.toInt() >= 13) {
        auto dropped = exec(db, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name),
                            QStringLiteral("dropping the scratch database %1").arg(m_url.database()));
        if (!dropped)
            return dropped.error();
    } else {
        QSqlQuery terminate(db);
        terminate.prepare(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()"));
        terminate.addBindValue(m_url.database());
        (void)terminate.exec();
        auto dropped = exec(db, QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name),
                            QStringLiteral("dropping the scratch database %1").arg(m_url.database()));
        if (!dropped)
            return dropped.error();
    }
    return Ok{};
}

Status ScratchDatabase::reset()
{
    if (m_dropped)
        return Error{QStringLiteral("scratch-dropped"), QStringLiteral("the scratch database was dropped already"), {}, {}, 0};
    if (m_kind == ScratchKind::SqliteFile) {
        const QString path = m_url.sqlitePath();
        for (const QString& suffix : {QString(), QStringLiteral("-journal"), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) // an empty file is an empty SQLite database
            return Error{QStringLiteral("scratch-create"), QStringLiteral("cannot create %1: %2").arg(path, file.errorString()), {}, path, 0};
        return Ok{};
    }
    if (Status s = dropOnServer(); !s)
        return s;
    return createOnServer();
}

Status ScratchDatabase::drop()
{
    if (m_dropped)
        return Ok{};
    m_dropped = true;
    Status status = Ok{};
    if (m_kind == ScratchKind::SqliteFile) {
        if (m_folder && !m_folder->remove())
            status = Error{QStringLiteral("scratch-drop"), QStringLiteral("cannot delete %1").arg(m_folder->path()), {}, m_folder->path(), 0};
        m_folder.reset();
    } else if (m_kind == ScratchKind::LocalCluster) {
        m_cluster.reset(); // stops the server and deletes its folder, databases and all
    } else {
        status = dropOnServer();
    }
    if (!status)
        log::warn(log::Area::Db, QStringLiteral("scratch database: %1").arg(status.error().message));
    else
        log::info(log::Area::Db, QStringLiteral("scratch database: dropped %1").arg(m_description));
    return status;
}

} // namespace retort
