#pragma once

// PostgreSQL's table-level lock modes (docs: "Explicit Locking", table 13.2), in increasing
// strength, with the conflict table the server uses (lock.c's LockConflicts).

#include <QString>

#include <optional>

namespace retort::lint {

enum class LockMode {
    None,
    AccessShare,          // SELECT
    RowShare,             // SELECT ... FOR UPDATE/SHARE, the referenced side of a FK check
    RowExclusive,         // INSERT, UPDATE, DELETE
    ShareUpdateExclusive, // VALIDATE CONSTRAINT, CREATE INDEX CONCURRENTLY, COMMENT ON, SET STATISTICS
    Share,                // CREATE INDEX
    ShareRowExclusive,    // ADD FOREIGN KEY (both tables), CREATE TRIGGER
    Exclusive,            // REFRESH MATERIALIZED VIEW CONCURRENTLY
    AccessExclusive,      // most ALTER TABLE forms, DROP, TRUNCATE, VACUUM FULL
};

// "ACCESS EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", ... ("" for None): the names of PostgreSQL's
// documentation and of `LOCK TABLE ... IN <mode> MODE`.
[[nodiscard]] QString lockModeName(LockMode mode);
// pg_locks.mode spelling: "AccessExclusiveLock", ...
[[nodiscard]] QString lockModePgName(LockMode mode);
// From either spelling; nullopt for anything else.
[[nodiscard]] std::optional<LockMode> lockModeFromName(const QString& name);

// True when a lock in mode `a` held by one transaction blocks a request for `b` by another.
[[nodiscard]] bool lockModesConflict(LockMode a, LockMode b);

[[nodiscard]] inline LockMode strongerLock(LockMode a, LockMode b)
{
    return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

} // namespace retort::lint
