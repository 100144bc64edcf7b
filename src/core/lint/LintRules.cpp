#include "core/lint/LintRules.h"

namespace retort::lint {

namespace {

LintRule make(const char* id, Severity severity, const char* summary, const char* fix)
{
    return LintRule{QString::fromLatin1(id), severity, QString::fromUtf8(summary), QString::fromUtf8(fix)};
}

QVector<LintRule> catalogue()
{
    using S = Severity;
    return {
        make(rules::CreateIndexNotConcurrently, S::Warning,
             "CREATE INDEX on an existing table without CONCURRENTLY: a SHARE lock blocks every write "
             "(INSERT, UPDATE, DELETE) for the whole index build, which reads the entire table.",
             "Build it without blocking writes, outside the migration's transaction: "
             "`with op.get_context().autocommit_block(): op.create_index('ix_name', 'table', ['column'], "
             "postgresql_concurrently=True)`."),
        make(rules::DropIndexNotConcurrently, S::Warning,
             "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table: reads and "
             "writes wait, and everything queues behind it while it waits for running transactions.",
             "`with op.get_context().autocommit_block(): op.drop_index('ix_name', table_name='table', "
             "postgresql_concurrently=True)`."),
        make(rules::ConcurrentlyInTransaction, S::Error,
             "CREATE/DROP INDEX CONCURRENTLY (or REINDEX/DETACH PARTITION CONCURRENTLY) inside a "
             "transaction block: PostgreSQL refuses it, and Alembic runs the migration in one.",
             "Wrap the operation in `with op.get_context().autocommit_block():` so it runs outside "
             "the migration's transaction."),
        make(rules::AddColumnRewrite, S::Error,
             "ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(), "
             "nextval() ...), an identity, a serial type or a stored generated column rewrites the whole "
             "table under ACCESS EXCLUSIVE.",
             "Expand/contract: `op.add_column('table', sa.Column('c', ..., nullable=True))` without the "
             "default (no rewrite), then `op.alter_column('table', 'c', server_default=...)` so new rows "
             "get it, backfill existing rows in batches in a separate revision, and add NOT NULL last "
             "(see set-not-null-scan). For identity/serial or generated columns, add a plain column, "
             "backfill it, then attach the sequence or expression."),
        make(rules::AddColumnNotNullNoDefault, S::Error,
             "ADD COLUMN ... NOT NULL without a default fails on a table that has rows "
             "(\"column contains null values\").",
             "Give it a constant server default: `sa.Column('c', ..., nullable=False, "
             "server_default=sa.text('0'))` (no rewrite since PostgreSQL 11), or add it nullable, "
             "backfill, then `op.alter_column('table', 'c', nullable=False)` behind a validated CHECK."),
        make(rules::SetNotNullScan, S::Warning,
             "SET NOT NULL without a validated CHECK (column IS NOT NULL) scans the whole table under "
             "ACCESS EXCLUSIVE.",
             "First `op.create_check_constraint('ck_t_c_not_null', 'table', 'c IS NOT NULL', "
             "postgresql_not_valid=True)`, then `op.execute('ALTER TABLE table VALIDATE CONSTRAINT "
             "ck_t_c_not_null')` (SHARE UPDATE EXCLUSIVE: reads and writes go on); after that "
             "`op.alter_column('table', 'c', nullable=False)` needs no scan (PostgreSQL 12+) and the CHECK "
             "can be dropped."),
        make(rules::CheckConstraintNotValid, S::Warning,
             "ADD CONSTRAINT ... CHECK without NOT VALID checks every row while holding ACCESS EXCLUSIVE.",
             "`op.create_check_constraint('name', 'table', 'condition', postgresql_not_valid=True)`, then "
             "`op.execute('ALTER TABLE table VALIDATE CONSTRAINT name')`, which scans under SHARE UPDATE "
             "EXCLUSIVE only."),
        make(rules::ForeignKeyNotValid, S::Warning,
             "ADD FOREIGN KEY without NOT VALID checks every row while holding SHARE ROW EXCLUSIVE on both "
             "tables: writes to either table wait.",
             "`op.create_foreign_key('name', 'table', 'referred', ['col'], ['id'], "
             "postgresql_not_valid=True)`, then `op.execute('ALTER TABLE table VALIDATE CONSTRAINT name')` "
             "(SHARE UPDATE EXCLUSIVE on the table, ROW SHARE on the referred one)."),
        make(rules::UniqueConstraintIndexBuild, S::Warning,
             "ADD UNIQUE / PRIMARY KEY / EXCLUDE builds its index while holding ACCESS EXCLUSIVE: the "
             "table is unreadable for the whole build.",
             "Build the index first without blocking: `with op.get_context().autocommit_block(): "
             "op.create_index('uq_t_c', 'table', ['c'], unique=True, postgresql_concurrently=True)`, then "
             "`op.execute('ALTER TABLE table ADD CONSTRAINT uq_t_c UNIQUE USING INDEX uq_t_c')` (or "
             "PRIMARY KEY USING INDEX)."),
        make(rules::ColumnTypeRewrite, S::Error,
             "ALTER COLUMN ... TYPE that is not binary-coercible (integer to bigint, text to varchar(n), "
             "a shorter varchar, a USING expression) rewrites the table and its indexes under ACCESS "
             "EXCLUSIVE.",
             "Expand/contract: add a column of the new type, keep it in sync (trigger or application), "
             "backfill in batches, switch readers, then drop the old column. Binary-coercible changes "
             "(varchar(n) to text or to a longer varchar, numeric(p,s) to a larger precision) need no "
             "rewrite."),
        make(rules::ColumnTypeUnverified, S::Warning,
             "ALTER COLUMN ... TYPE whose current type Retort does not know (no database, and the column "
             "was not created in this plan): it rewrites the table unless the change is binary-coercible.",
             "Lint with `--url` so Retort reads the current type, or make sure the change is "
             "binary-coercible (varchar(n) to text or a longer varchar, numeric precision increase); "
             "otherwise use expand/contract as for column-type-rewrite."),
        make(rules::DropTable, S::Error,
             "DROP TABLE destroys the table's rows, and the application versions still running break.",
             "Expand/contract: deploy code that no longer uses the table first and drop it in a later "
             "revision; keep a copy of the rows if they may be needed (a downgrade recreates the table "
             "empty)."),
        make(rules::DropColumn, S::Error,
             "DROP COLUMN destroys the column's values, and running code that selects it breaks.",
             "Expand/contract: stop using the column in the application (remove it from the SQLAlchemy "
             "model, deploy), then drop it in a later revision."),
        make(rules::RenameTable, S::Warning,
             "RENAME of a table breaks every running instance of the application that uses the old name.",
             "Expand/contract: create the new table or rename and leave a view under the old name "
             "(`op.execute('CREATE VIEW old AS SELECT * FROM new')`) until no running code uses it."),
        make(rules::RenameColumn, S::Warning,
             "RENAME COLUMN breaks every running instance of the application that uses the old name.",
             "Expand/contract: add the new column, write both, backfill, switch readers, then drop the "
             "old column in a later revision."),
        make(rules::TruncateTable, S::Error,
             "TRUNCATE destroys every row of the table (ACCESS EXCLUSIVE); a downgrade cannot bring "
             "them back.",
             "Make sure it is intended and back the rows up first; delete in batches with a WHERE clause "
             "when only some rows must go."),
        make(rules::EnumAddValue, S::Warning,
             "ALTER TYPE ... ADD VALUE inside a transaction: PostgreSQL before 12 refuses it, and from 12 "
             "on the new value cannot be used until the transaction commits.",
             "Run it outside the migration's transaction: `with op.get_context().autocommit_block(): "
             "op.execute(\"ALTER TYPE name ADD VALUE 'new'\")` (on PostgreSQL 12+ it may stay in the "
             "transaction if nothing in it uses the value)."),
        make(rules::EnumValueUsedInTransaction, S::Error,
             "A value added with ALTER TYPE ... ADD VALUE is used later in the same transaction: "
             "PostgreSQL fails with \"unsafe use of new value\".",
             "Add the value in `with op.get_context().autocommit_block():` before the statements that use "
             "it, or in an earlier revision with `transaction_per_migration=True` in env.py."),
        make(rules::LockTimeoutMissing, S::Warning,
             "A statement takes ACCESS EXCLUSIVE on an existing table with no lock_timeout: if another "
             "transaction holds any lock on the table, the statement waits and every later query on the "
             "table queues behind it.",
             "Fail fast instead: `op.execute(\"SET lock_timeout = '5s'\")` at the start of upgrade(), or run "
             "with a lock timeout (`retort-cli upgrade --lock-timeout 5000`, or the connection profile's "
             "lock timeout in the window), and retry when it times out."),
        make(rules::UpdateWithoutWhere, S::Warning,
             "UPDATE without WHERE writes a new version of every row in one transaction, holding row "
             "locks on all of them until it commits.",
             "Backfill in batches (`UPDATE ... WHERE id BETWEEN ...`), in a data-migration revision of "
             "its own (or outside the transaction with `op.get_context().autocommit_block()`)."),
        make(rules::DeleteWithoutWhere, S::Error,
             "DELETE without WHERE destroys every row of the table.",
             "Add the WHERE clause, or use TRUNCATE deliberately; delete in batches for large tables."),
        make(rules::OfflineSqlUnavailable, S::Warning,
             "The revision reads the database while it runs (op.get_bind(), sa.inspect(), "
             ".fetchall() ...) without a context.is_offline_mode() guard: Alembic's offline SQL, and so "
             "the preview and this review, cannot show what it will do.",
             "Guard the data-dependent part: `if context.is_offline_mode(): op.execute(\"-- SQL that "
             "depends on data\")` / `else: ...read and act...`, or move it into a revision of its own, "
             "so `alembic upgrade --sql` shows the rest."),
        make(rules::DowngradeNotReversible, S::Error,
             "The revision's downgrade() is only `pass` (alembic_version moves back, the schema does not) "
             "or raises (the downgrade stops there).",
             "Write the downgrade (undo each operation of upgrade() in reverse order), or leave the "
             "revision out of downgrades on purpose and say so in its docstring."),
        make(rules::SqlUnparsed, S::Info,
             "A statement PostgreSQL 15's parser does not accept; Retort could not review it.",
             "Check the statement (op.execute() text, a newer server's syntax): it is not reviewed."),
    };
}

} // namespace

const QVector<LintRule>& LintRules::all()
{
    static const QVector<LintRule> rules = catalogue();
    return rules;
}

const LintRule& LintRules::rule(const QString& id)
{
    for (const LintRule& rule : all())
        if (rule.id == id)
            return rule;
    static const LintRule none;
    return none;
}

} // namespace retort::lint
