#include "support/SqlTestHelpers.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace retort {

Status execAll(const QSqlDatabase& db, const QStringList& statements)
{
    for (const QString& sql : statements) {
        QSqlQuery query(db);
        if (!query.exec(sql)) {
            Error error{QStringLiteral("test-sql"), QStringLiteral("%1: %2").arg(sql, query.lastError().text()), {}, {}, 0};
            qWarning("%s", qPrintable(error.message));
            return error;
        }
    }
    return Ok{};
}

std::unique_ptr<ScopedConnection> connectTo(const QString& url, int connectTimeoutSeconds)
{
    auto parsed = DatabaseUrl::parse(url);
    if (!parsed) {
        qWarning("%s", qPrintable(parsed.error().message));
        return nullptr;
    }
    auto connection = ScopedConnection::open(*parsed, connectTimeoutSeconds);
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return nullptr;
    }
    return std::move(*connection);
}

Status writeSqliteFile(const QString& path, const QStringList& statements)
{
    const QString name = QStringLiteral("sqlite-setup-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Status result = Ok{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            result = Error{QStringLiteral("test-sql"), QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text()),
                           {}, path, 0};
        else
            result = execAll(db, statements);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

struct LockHolder::Shared
{
    std::mutex mutex;
    std::condition_variable ready;
    std::condition_variable released;
    bool started = false;
    bool releaseNow = false;
    QString error;
};

LockHolder::LockHolder(const QString& url, const QStringList& statements, int holdMs) : m_shared(std::make_shared<Shared>())
{
    std::shared_ptr<Shared> shared = m_shared;
    m_thread = std::thread([shared, url, statements, holdMs] {
        QString error;
        {
            std::unique_ptr<ScopedConnection> connection = connectTo(url);
            if (!connection) {
                error = QStringLiteral("cannot connect to hold the lock");
            } else {
                const Status ran = execAll(connection->database(), statements);
                if (!ran.ok())
                    error = ran.error().message;
                {
                    std::lock_guard lock(shared->mutex);
                    shared->started = true;
                    shared->error = error;
                }
                shared->ready.notify_all();
                if (error.isEmpty()) {
                    {
                        std::unique_lock lock(shared->mutex);
                        shared->released.wait_for(lock, std::chrono::milliseconds(holdMs), [&] { return shared->releaseNow; });
                    }
                    QSqlQuery(connection->database()).exec(QStringLiteral("ROLLBACK"));
                }
                return;
            }
        }
        std::lock_guard lock(shared->mutex);
        shared->started = true;
        shared->error = error;
        shared->ready.notify_all();
    });
    std::unique_lock lock(m_shared->mutex);
    m_shared->ready.wait(lock, [this] { return m_shared->started; });
    m_error = m_shared->error;
}

void LockHolder::release()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->releaseNow = true;
    }
    m_shared->released.notify_all();
    waitForRelease();
}

void LockHolder::waitForRelease()
{
    if (m_thread.joinable())
        m_thread.join();
}

LockHolder::~LockHolder()
{
    waitForRelease();
}

} // namespace retort
