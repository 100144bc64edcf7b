#include "core/exec/RunDatabase.h"

#include "core/exec/AlembicBridge.h"

#include <QFileInfo>

namespace retort {

Result<DatabaseUrl> RunDatabase::locate(const BridgeRequest& request, bool remote, const QJsonObject& urlEvent)
{
    auto unknown = [](const QString& why) {
        return Error{QStringLiteral("run-database-unknown"), why, {}, {}, 0};
    };
    if (remote)
        return unknown(QStringLiteral("the database is reached from inside the compose service"));

    QString text = request.overrideUrl;
    if (text.isEmpty() && !urlEvent.isEmpty() && !urlEvent.value(QStringLiteral("offline")).toBool()
        && !urlEvent.value(QStringLiteral("has_password")).toBool())
        text = urlEvent.value(QStringLiteral("url")).toString();
    if (text.isEmpty())
        return unknown(urlEvent.isEmpty() ? QStringLiteral("env.py never connected, so the database is unknown")
                                          : QStringLiteral("no --url was given and env.py's URL needs a password Retort does not have"));

    Result<DatabaseUrl> parsed = DatabaseUrl::parse(text);
    if (!parsed)
        return parsed.error();
    if (parsed->dialect() == Dialect::SQLite && !parsed->isSqliteMemory()) {
        // SQLAlchemy resolves a relative SQLite path against the bridge's working directory.
        QString path = urlEvent.value(QStringLiteral("database_path")).toString();
        if (path.isEmpty() || !request.overrideUrl.isEmpty())
            path = parsed->sqlitePathRelativeTo(request.workingDirectory);
        parsed = DatabaseUrl::parse(QStringLiteral("sqlite:///") + QFileInfo(path).absoluteFilePath());
    }
    return parsed;
}

} // namespace retort
