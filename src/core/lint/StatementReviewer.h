#pragma once

// SqlLinter's statement-by-statement review (internal to the lint area): each statement's effect
// on tables (PostgreSQL 15's lock levels, rewrites, full reads) and the rules' findings, with
// what the plan has changed so far (tables it created, column types, indexes, foreign keys,
// validated NOT NULL checks, the open transaction, lock_timeout, enum values added in it).

#include "core/lint/CatalogFacts.h"
#include "core/lint/LintReport.h"
#include "core/lint/PgParser.h"
#include "core/lint/SqlLinter.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QVector>

#include <optional>

namespace retort::lint {

class StatementReviewer
{
public:
    StatementReviewer(const LintOptions& options, const CatalogFacts& facts, LintReport& report)
        : m_options(options), m_facts(facts), m_report(report), m_columns(facts.columns),
          m_provenNotNull(facts.provenNotNull), m_indexTables(facts.indexTables), m_foreignKeys(facts.foreignKeys),
          m_lockTimeoutSession(options.lockTimeoutMs > 0)
    {
    }

    // Reviews the next statement of the plan: its effect and findings go to the report.
    void statement(const ParsedStatement& parsed, int stepIndex, const QString& revision);
    // The plan created the table (at any point).
    [[nodiscard]] bool createdByPlan(const TableName& table) const { return m_createdEver.contains(table.key()); }
    // A function whose volatility Retort knows without a database (defaults: now(), random(), ...).
    [[nodiscard]] static bool knowsFunction(const QString& name);

private:
    struct Pending
    {
        QString rule;
        TableName table;
        QString message;
    };

    // -- statement kinds
    void transaction(const QJsonObject& node);
    void variableSet(const QJsonObject& node);
    void createTable(const QJsonObject& node);
    void createIndex(const QJsonObject& node);
    void drop(const QJsonObject& node);
    void truncate(const QJsonObject& node);
    void alterTable(const QJsonObject& node);
    void addColumn(const TableName& table, const QJsonObject& column);
    void dropColumn(const TableName& table, const QString& column, bool cascade);
    void alterColumnType(const TableName& table, const QString& column, const QJsonObject& def);
    void setNotNull(const TableName& table, const QString& column);
    void addConstraint(const TableName& table, const QJsonObject& constraint);
    void validateConstraint(const TableName& table, const QString& name);
    void dropConstraint(const TableName& table, const QString& name);
    void rename(const QJsonObject& node);
    void alterEnum(const QJsonObject& node);
    void update(const QJsonObject& node);
    void remove(const QJsonObject& node);
    void readsAndWrites(const QJsonObject& node, const char* targetKey, LockMode targetMode);
    void comment(const QJsonObject& node);
    void lockTable(const QJsonObject& node);
    void reindex(const QJsonObject& node);
    void checkEnumUse(const QJsonObject& tree);

    // -- helpers
    void flag(const char* rule, const TableName& table, const QString& message);
    void loses(const TableName& table, const QString& column, const QString& what);
    TableEffect& take(const TableName& table, LockMode mode);
    [[nodiscard]] bool isVersionTable(const TableName& table) const;
    // The table existed before the plan (not created by an earlier statement of the plan).
    [[nodiscard]] bool existing(const TableName& table) const { return !m_createdAtStart.contains(table.key()); }
    [[nodiscard]] bool lockTimeoutActive() const
    {
        return m_lockTimeoutLocal.has_value() && m_inTransaction ? *m_lockTimeoutLocal : m_lockTimeoutSession;
    }
    void finish();
    void renameTable(const TableName& from, const TableName& to);
    void forgetTable(const TableName& table);

    const LintOptions& m_options;
    const CatalogFacts& m_facts;
    LintReport& m_report;

    // What the plan has done so far.
    QSet<QString> m_created;       // tables created by the plan and still there
    QSet<QString> m_createdEver;
    QHash<QString, QHash<QString, ColumnType>> m_columns;
    QHash<QString, QSet<QString>> m_provenNotNull;
    QHash<QString, QString> m_pendingNotNullChecks; // joinKey(table, constraint) -> column (NOT VALID)
    QHash<QString, TableName> m_indexTables;
    QVector<ForeignKeyFact> m_foreignKeys;
    bool m_inTransaction = false;
    bool m_lockTimeoutSession = false;
    std::optional<bool> m_lockTimeoutLocal;     // SET LOCAL in the open transaction
    QHash<QString, QSet<QString>> m_enumAdded;  // in the open transaction: type -> labels
    QSet<int> m_lockTimeoutReported;            // steps that already have the finding

    // The statement under review.
    int m_step = -1;
    QString m_revision;
    const ParsedStatement* m_parsed = nullptr;
    QSet<QString> m_createdAtStart;
    StatementEffect m_effect;
    QVector<Pending> m_pending;
    QVector<DataLoss> m_losses;
};

} // namespace retort::lint
