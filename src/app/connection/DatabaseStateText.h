#pragma once

// How the window words where a database stands, the same in the status bar, its connection
// indicator and the band above the graph (issue #18: the state is not only in the status bar).

#include "core/workspace/DatabaseState.h"

#include <QString>

namespace retort {
class RevisionGraph;
}

namespace retort::app::DatabaseStateText {

// Why a connection failed, from its Error code: "Login refused", "No such database", "Cannot
// open the file", "Not reachable" (also for an unknown code-less failure), "Cannot connect".
[[nodiscard]] QString failure(const QString& errorCode);
// Where a database that answered stands: "at 3f1a9c2e7b10", "at 3f1a9c2e7b10, 8c4d2b9e1a57",
// "at base", "empty: no version table yet", "new database file". With `graph`, one known head
// also gets its message: "at 3f1a9c2e7b10 “add orders”".
[[nodiscard]] QString standing(const DatabaseState& state, const RevisionGraph* graph = nullptr);

} // namespace retort::app::DatabaseStateText
