#pragma once

// Which database a bridge run works on, as Retort itself can open it: to read the schema and
// alembic_version before and after the run, and to stop the run's statement on the server.

#include "core/common/Error.h"
#include "core/db/DatabaseUrl.h"

#include <QJsonObject>
#include <QString>

namespace retort {

struct BridgeRequest;

class RunDatabase
{
public:
    // The request's override URL, else - once the bridge reported where env.py connected
    // (`urlEvent`, the bridge's "url" event) - env.py's URL when it needs no password.
    // A SQLite path is made absolute the way SQLAlchemy resolves it in the bridge (against the
    // bridge's working directory; env.py's own path as the bridge reports it). `remote`: the
    // database is reached from inside a compose service, which Retort cannot do.
    // Errors (code "run-database-unknown") say why, in words for a report.
    static Result<DatabaseUrl> locate(const BridgeRequest& request, bool remote, const QJsonObject& urlEvent = {});
};

} // namespace retort
