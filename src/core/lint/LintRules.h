#pragma once

// The catalogue of lint rules: stable id, severity, what it catches and the fix in Alembic terms.
// docs/LINT-RULES.md documents the same list (tst_SqlLinter checks that every id is there).

#include "core/lint/LintReport.h"

#include <QString>
#include <QVector>

namespace retort::lint {

struct LintRule
{
    QString id;
    Severity severity = Severity::Warning;
    QString summary; // one line: what the rule catches
    QString fix;     // the remedy, in Alembic terms
};

namespace rules {
inline constexpr const char* CreateIndexNotConcurrently = "create-index-not-concurrently";
inline constexpr const char* DropIndexNotConcurrently = "drop-index-not-concurrently";
inline constexpr const char* ConcurrentlyInTransaction = "concurrently-in-transaction";
inline constexpr const char* AddColumnRewrite = "add-column-rewrite";
inline constexpr const char* AddColumnNotNullNoDefault = "add-column-not-null-no-default";
inline constexpr const char* SetNotNullScan = "set-not-null-scan";
inline constexpr const char* CheckConstraintNotValid = "check-constraint-not-valid";
inline constexpr const char* ForeignKeyNotValid = "foreign-key-not-valid";
inline constexpr const char* UniqueConstraintIndexBuild = "unique-constraint-index-build";
inline constexpr const char* ColumnTypeRewrite = "column-type-rewrite";
inline constexpr const char* ColumnTypeUnverified = "column-type-unverified";
inline constexpr const char* DropTable = "drop-table";
inline constexpr const char* DropColumn = "drop-column";
inline constexpr const char* RenameTable = "rename-table";
inline constexpr const char* RenameColumn = "rename-column";
inline constexpr const char* TruncateTable = "truncate-table";
inline constexpr const char* EnumAddValue = "enum-add-value";
inline constexpr const char* EnumValueUsedInTransaction = "enum-value-used-in-transaction";
inline constexpr const char* LockTimeoutMissing = "lock-timeout-missing";
inline constexpr const char* UpdateWithoutWhere = "update-without-where";
inline constexpr const char* DeleteWithoutWhere = "delete-without-where";
inline constexpr const char* OfflineSqlUnavailable = "offline-sql-unavailable";
inline constexpr const char* DowngradeNotReversible = "downgrade-not-reversible";
inline constexpr const char* SqlUnparsed = "sql-unparsed";
} // namespace rules

class LintRules
{
public:
    // Every rule, in the order of docs/LINT-RULES.md.
    static const QVector<LintRule>& all();
    // The rule `id`; a rule that does not exist is a programming error (an empty rule is returned).
    static const LintRule& rule(const QString& id);
};

} // namespace retort::lint
