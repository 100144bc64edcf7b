#pragma once

// What lint reads from a live PostgreSQL database about the tables a plan touches: estimated
// rows (pg_class.reltuples) and, on demand, exact counts; sizes (pg_total_relation_size); whether a
// table has rows at all where that decides a rule; column types, validated NOT NULL checks,
// foreign keys, the tables of dropped indexes, function volatility; and the sessions holding or
// waiting for locks on those tables (pg_locks joined with pg_stat_activity, without our own pid).
//
// Every read runs with a statement_timeout, and reads that open a table (sizes, EXISTS, counts)
// with a short lock_timeout too: a table locked by someone else costs its figure (with a note),
// never a hang behind the lock queue. Catalog facts are one query per kind for all tables.

#include "core/common/Error.h"
#include "core/db/DatabaseUrl.h"
#include "core/lint/CatalogFacts.h"

#include <QSqlDatabase>

namespace retort::lint {

struct LiveOptions
{
    int statementTimeoutMs = 5000; // each of Retort's reads
    int lockTimeoutMs = 1000;      // reads that open a table (size, EXISTS, count)
    bool exactCounts = false;      // count(*) every existing table the plan touches
};

class LiveCatalog
{
public:
    // Reads on an open PostgreSQL connection (in the thread that opened it). Facts that cannot be
    // read are left unknown and explained in CatalogFacts::notes; an Error only when nothing could
    // be read (the connection is gone, the catalog query failed).
    static Result<CatalogFacts> read(QSqlDatabase db, const CatalogQuestions& questions, const LiveOptions& options = {});

    // The same on a connection of its own, opened and closed here.
    static Result<CatalogFacts> read(const DatabaseUrl& url, const CatalogQuestions& questions,
                                     const LiveOptions& options = {}, int connectTimeoutSeconds = 5);
};

} // namespace retort::lint
