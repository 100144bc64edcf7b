#include "app/connection/ConnectionController.h"

#include "app/window/DemoProject.h"
#include "core/db/DatabaseUrl.h"
#include "core/log/Log.h"

#include <QFileInfo>

namespace retort::app {

ConnectionController::ConnectionController(QObject* parent)
    : QObject(parent)
{
}

namespace {

QString canonical(const QString& path)
{
    const QFileInfo info(path);
    const QString resolved = info.canonicalFilePath();
    return resolved.isEmpty() ? info.absoluteFilePath() : resolved;
}

} // namespace

ConnectionProfiles* ConnectionController::profilesFor(const QString& projectPath)
{
    if (!m_profiles || m_profiles->projectPath() != canonical(projectPath)) {
        delete m_profiles;
        m_profiles = new ConnectionProfiles(projectPath, this);
    }
    return m_profiles;
}

void ConnectionController::resolve(const QString& projectPath, const QString& override)
{
    const quint64 generation = ++m_generation;
    auto answer = [this, generation, projectPath](const ConnectionTarget& target) {
        if (generation == m_generation)
            Q_EMIT resolved(projectPath, target);
    };
    if (!override.isEmpty()) {
        // A URL given on the command line is still the database of the profile saved for it:
        // its kind (production asks for the name) and its lock timeout apply.
        ConnectionTarget target{override, QStringLiteral("--url"), false};
        if (const Result<DatabaseUrl> url = DatabaseUrl::parse(override); url) {
            if (const auto profile = profilesFor(projectPath)->profileForUrl(*url)) {
                target.kind = profile->kind;
                target.lockTimeoutMs = profile->lockTimeoutMs;
            }
        }
        QMetaObject::invokeMethod(this, [answer, target] { answer(target); }, Qt::QueuedConnection);
        return;
    }
    ConnectionProfiles* profiles = profilesFor(projectPath);
    const QString last = profiles->lastUsed();
    if (const auto profile = last.isEmpty() ? std::nullopt : profiles->profile(last)) {
        auto* relay = new QObject(this);
        const ConnectionKind kind = profile->kind;
        const int lockTimeoutMs = profile->lockTimeoutMs;
        connect(profiles, &ConnectionProfiles::urlReady, relay,
                [relay, last, answer, kind, lockTimeoutMs](const QString& name, const QString& url, bool passwordFound) {
                    if (name != last)
                        return;
                    relay->deleteLater();
                    log::info(log::Area::Db, QStringLiteral("Connecting with profile \"%1\" (%2)")
                                                 .arg(name, passwordFound ? QStringLiteral("password found")
                                                                          : QStringLiteral("no password stored")));
                    answer(ConnectionTarget{url, QStringLiteral("profile '%1'").arg(name), false, kind, lockTimeoutMs});
                });
        profiles->requestUrl(last);
        return;
    }
    ConnectionTarget target;
    if (DemoProject::isDemo(projectPath))
        target = ConnectionTarget{DemoProject::databaseUrl(), QStringLiteral("demo"), true};
    QMetaObject::invokeMethod(this, [answer, target] { answer(target); }, Qt::QueuedConnection);
}

} // namespace retort::app
