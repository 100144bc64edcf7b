#pragma once

#include "core/alembic/Project.h"
#include "core/common/Problem.h"
#include "core/doctor/SchemaHistory.h"

#include <QSqlDatabase>
#include <QStringList>

namespace retort {
class RevisionGraph;
}

namespace retort::doctor {

// Before a stamp (Alembic's "record this revision without running anything"): does the database
// look like the target? The schema the target's upgrades imply - every ancestor's op.* calls, read
// statically (SchemaHistory: approximate by design) - against the tables and columns the database
// has. A stamp over a schema that is not there is how a later downgrade fails, so each difference
// is a warning "stamp-schema-mismatch" that says what is missing or extra; nothing when they agree.
class StampCheck
{
public:
    // `targets`: full revision ids (or "base"). `versionTable` is left out of the comparison.
    static Problems compare(const RevisionGraph& graph, const QStringList& targets, const SchemaState& database);
    // The same on an open connection (reads the catalog once).
    static Problems run(const RevisionGraph& graph, const QStringList& targets, QSqlDatabase db, const QString& versionTable);
    // What the target's upgrades imply.
    static SchemaState implied(const RevisionGraph& graph, const QStringList& targets);
};

} // namespace retort::doctor
