#include "app/connection/DatabaseStateText.h"

#include "app/graph/RevisionGraphModel.h"
#include "core/graph/RevisionGraph.h"

#include <QCoreApplication>

namespace retort::app::DatabaseStateText {

QString failure(const QString& errorCode)
{
    if (errorCode == QLatin1String("db-auth"))
        return QCoreApplication::translate("DatabaseStateText", "Login refused");
    if (errorCode == QLatin1String("db-unknown-database"))
        return QCoreApplication::translate("DatabaseStateText", "No such database");
    if (errorCode == QLatin1String("db-not-found") || errorCode == QLatin1String("db-not-sqlite"))
        return QCoreApplication::translate("DatabaseStateText", "Cannot open the file");
    if (errorCode.isEmpty() || errorCode == QLatin1String("db-unreachable") || errorCode == QLatin1String("db-timeout")
        || errorCode == QLatin1String("db-unknown-host"))
        return QCoreApplication::translate("DatabaseStateText", "Not reachable");
    return QCoreApplication::translate("DatabaseStateText", "Cannot connect");
}

QString standing(const DatabaseState& state, const RevisionGraph* graph)
{
    if (state.sqliteFileMissing)
        return QCoreApplication::translate("DatabaseStateText", "new database file");
    if (state.heads.isEmpty())
        return state.versionTableExists ? QCoreApplication::translate("DatabaseStateText", "at base")
                                        : QCoreApplication::translate("DatabaseStateText", "empty: no version table yet");
    QStringList ids;
    for (const QString& head : state.heads)
        ids << RevisionGraphModel::shortId(head);
    const QString at = QCoreApplication::translate("DatabaseStateText", "at %1").arg(ids.join(QStringLiteral(", ")));
    if (graph && state.heads.size() == 1) {
        const int index = graph->indexOf(state.heads.constFirst());
        if (index >= 0 && !graph->at(index).message.trimmed().isEmpty())
            return QCoreApplication::translate("DatabaseStateText", "%1 “%2”").arg(at, graph->at(index).message.trimmed());
    }
    return at;
}

} // namespace retort::app::DatabaseStateText
