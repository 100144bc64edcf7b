#pragma once

// The rules over a plan's offline SQL (PostgreSQL), statement by statement, in plan order.
//
//   SqlLinter linter(options);
//   for each section of Alembic's offline SQL:  linter.addSql(sql, stepIndex, revision);
//   CatalogQuestions q = linter.questions();      // what to read from the database, if connected
//   LintReport report = linter.review(steps, facts);
//
// The review keeps what the plan itself changes: tables it creates (new tables are empty and
// unused, so locking or scanning them is harmless), indexes and their tables, column types,
// validated NOT NULL checks, foreign keys, whether a transaction is open (Alembic's BEGIN/COMMIT,
// autocommit blocks), lock_timeout set by the SQL or by the run, enum values added in the open
// transaction. Each statement's locks are PostgreSQL 15's (AlterTableGetLockLevel and friends);
// tst_LintCorpus checks them against pg_locks on a real server. The statement-by-statement work is
// StatementReviewer's; this class parses, asks and assembles the report.

#include "core/lint/CatalogFacts.h"
#include "core/lint/LintReport.h"
#include "core/lint/PgParser.h"
#include "core/lint/RevisionSourceScan.h"

#include <QString>
#include <QVector>

namespace retort::lint {

struct LintOptions
{
    int lockTimeoutMs = 0; // the run sets lock_timeout on its connection (0: off)
    QString versionTable = QStringLiteral("alembic_version"); // Alembic's bookkeeping: not reviewed
    QString versionTableSchema;
};

// A step of the plan with what was read from its revision file.
struct LintStepInput
{
    StepReview step;
    RevisionSourceFacts source;
};

class SqlLinter
{
public:
    explicit SqlLinter(LintOptions options = {});

    // Adds offline SQL in plan order: a step's SQL (stepIndex >= 0) or the SQL around the steps
    // (-1: Alembic's BEGIN / COMMIT, the version table). Parsed here, once.
    void addSql(const QString& sql, int stepIndex, const QString& revision = {});

    // What the database should be asked before review() (tables, indexes, functions).
    [[nodiscard]] CatalogQuestions questions() const;

    // Runs the rules. `facts` is what the database holds (CatalogFacts{} offline).
    [[nodiscard]] LintReport review(const QVector<LintStepInput>& steps, const CatalogFacts& facts) const;

    // Statements parsed so far (all sections).
    [[nodiscard]] int statementCount() const;

private:
    struct Chunk
    {
        int stepIndex = -1;
        QString revision;
        QVector<ParsedStatement> statements;
    };

    LintOptions m_options;
    QVector<Chunk> m_chunks;
};

} // namespace retort::lint
