#pragma once

#include "core/alembic/Project.h"
#include "core/db/DatabaseUrl.h"
#include "core/doctor/Doctor.h"
#include "core/doctor/SchemaHistory.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

namespace retort {
class RevisionGraph;
}

namespace retort::doctor {

// Every table of the database and its columns (lower-case), in one catalog query, without the
// version table; PostgreSQL: every user schema.
Result<SchemaState> readDatabaseSchema(QSqlDatabase db, Dialect dialect, const QString& versionTable);

// The database checks behind Doctor::checkDatabase (see there for threading):
//  db-connect            the database cannot be reached (the connection error, redacted);
//  db-unknown-revision   alembic_version holds an id no file defines, with the candidates meant
//                        (same prefix, small edit distance, the heads);
//  db-unversioned-tables tables but no version table: the revision whose statically accumulated
//                        schema matches best, and `alembic stamp <rev>`;
//  db-behind             pending revisions, how many, and the upgrade command;
//  db-url-mismatch       env.py (through the bridge's `url` op) would use another database;
//  db-url-unchecked      (info) the bridge could not tell which database env.py uses;
//  db-locks              PostgreSQL sessions holding locks on tables the pending revisions touch.
class DatabaseCheck
{
public:
    static QVector<Problem> run(const LoadedProject& project, const RevisionGraph& graph,
                                const DatabaseCheckOptions& options);

    // Levenshtein distance (exposed for tests).
    static int editDistance(const QString& a, const QString& b);
    // Revisions the user probably meant by an unknown id, best first: ids sharing a prefix of
    // four or more characters, ids within a small edit distance, then the heads.
    static QStringList candidatesFor(const RevisionGraph& graph, const QString& unknownId);

    // PostgreSQL "host:port/db" identity comparison used by db-url-mismatch: loopback names are
    // one host, a missing port is 5432; SQLite compares canonical file paths.
    struct DatabaseIdentity
    {
        QString dialect; // "postgresql" / "sqlite" / other backend names
        QString driver;  // "psycopg2", "asyncpg", ... ("" = default)
        QString host;
        int port = 0;
        QString database; // PostgreSQL database name, or the SQLite file's canonical path
        [[nodiscard]] bool sameDatabase(const DatabaseIdentity& other) const;
        [[nodiscard]] QString describe() const;
    };
    static DatabaseIdentity identityOf(const DatabaseUrl& url);
};

} // namespace retort::doctor
