#include "core/lint/LintReport.h"

#include <QJsonArray>

namespace retort::lint {

namespace {

QJsonValue orNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonValue tableJson(const TableName& table)
{
    return table.isEmpty() ? QJsonValue() : QJsonValue(table.key());
}

QJsonValue lockJson(LockMode mode)
{
    return mode == LockMode::None ? QJsonValue() : QJsonValue(lockModeName(mode));
}

QJsonValue countJson(qint64 value)
{
    return value < 0 ? QJsonValue() : QJsonValue(double(value));
}

QJsonObject findingJson(const Finding& finding)
{
    QJsonObject object{{QStringLiteral("revision"), finding.revision},
                       {QStringLiteral("direction"), finding.direction},
                       {QStringLiteral("step"), finding.stepIndex},
                       {QStringLiteral("rule"), finding.rule},
                       {QStringLiteral("severity"), severityName(finding.severity)},
                       {QStringLiteral("table"), tableJson(finding.table)},
                       {QStringLiteral("lock"), lockJson(finding.lock)},
                       {QStringLiteral("rewrites"), finding.rewrites},
                       {QStringLiteral("scans"), finding.scans},
                       {QStringLiteral("message"), finding.message},
                       {QStringLiteral("fix"), finding.fix},
                       {QStringLiteral("line"), finding.line > 0 ? QJsonValue(finding.line) : QJsonValue()},
                       {QStringLiteral("statement"), orNull(finding.statement)},
                       {QStringLiteral("weight"), orNull(finding.weight)}};
    if (!finding.path.isEmpty()) {
        object.insert(QStringLiteral("path"), finding.path);
        object.insert(QStringLiteral("source_line"), finding.sourceLine > 0 ? QJsonValue(finding.sourceLine) : QJsonValue());
    }
    return object;
}

QJsonObject sessionJson(const BlockingSession& session)
{
    return QJsonObject{{QStringLiteral("pid"), session.pid},
                       {QStringLiteral("user"), orNull(session.user)},
                       {QStringLiteral("application"), orNull(session.application)},
                       {QStringLiteral("client_addr"), orNull(session.clientAddress)},
                       {QStringLiteral("state"), orNull(session.state)},
                       {QStringLiteral("wait_event_type"), orNull(session.waitEventType)},
                       {QStringLiteral("query"), orNull(session.query)},
                       {QStringLiteral("transaction_seconds"), countJson(session.transactionSeconds)},
                       {QStringLiteral("table"), tableJson(session.table)},
                       {QStringLiteral("mode"), lockJson(session.mode)},
                       {QStringLiteral("granted"), session.granted},
                       {QStringLiteral("plan_lock"), lockJson(session.planLock)},
                       {QStringLiteral("conflicts"), session.conflicts}};
}

QJsonObject tableFactsJson(const TableFacts& facts)
{
    return QJsonObject{{QStringLiteral("schema"), orNull(facts.resolvedSchema)},
                       {QStringLiteral("exists"), facts.exists},
                       {QStringLiteral("estimated_rows"), countJson(facts.estimatedRows)},
                       {QStringLiteral("exact_rows"), countJson(facts.exactRows)},
                       {QStringLiteral("total_bytes"), countJson(facts.totalBytes)},
                       {QStringLiteral("has_rows"), facts.hasRows < 0 ? QJsonValue() : QJsonValue(facts.hasRows == 1)},
                       {QStringLiteral("lock"), lockJson(facts.planLock)},
                       {QStringLiteral("rewritten"), facts.rewritten},
                       {QStringLiteral("scanned"), facts.scanned},
                       {QStringLiteral("created_by_plan"), facts.createdByPlan},
                       {QStringLiteral("note"), orNull(facts.note)}};
}

} // namespace

QString TableName::key() const
{
    if (schema.isEmpty() || schema == QLatin1String("public"))
        return name;
    return schema + QLatin1Char('.') + name;
}

const TableEffect* StatementEffect::find(const TableName& table) const
{
    for (const TableEffect& effect : tables)
        if (effect.table == table)
            return &effect;
    return nullptr;
}

TableEffect& StatementEffect::take(const TableName& table, LockMode lock)
{
    for (TableEffect& effect : tables) {
        if (effect.table == table) {
            effect.lock = strongerLock(effect.lock, lock);
            return effect;
        }
    }
    tables.append(TableEffect{table, lock, false, false, false});
    return tables.last();
}

qint64 TableFacts::rows() const
{
    if (exactRows >= 0)
        return exactRows;
    if (hasRows == 0)
        return 0; // EXISTS said so, whatever the statistics say
    if (estimatedRows > 0 || (estimatedRows == 0 && hasRows < 0))
        return estimatedRows;
    return -1; // has rows, how many is unknown (or never analyzed)
}

bool TableFacts::rowsAreEstimate() const
{
    return exactRows < 0 && hasRows != 0 && rows() >= 0;
}

int LintReport::count(Severity severity) const
{
    int n = 0;
    for (const Finding& finding : findings)
        n += finding.severity == severity ? 1 : 0;
    return n;
}

bool LintReport::reaches(Severity threshold) const
{
    for (const Finding& finding : findings)
        if (severityRank(finding.severity) <= severityRank(threshold)) // error ranks first
            return true;
    return false;
}

const TableFacts* LintReport::table(const TableName& name) const
{
    for (const TableFacts& facts : tables)
        if (facts.table == name)
            return &facts;
    return nullptr;
}

QJsonObject LintReport::toJson() const
{
    QJsonArray findingArray;
    for (const Finding& finding : findings)
        findingArray.append(findingJson(finding));
    QJsonArray sessionArray;
    for (const BlockingSession& session : blockingSessions)
        sessionArray.append(sessionJson(session));
    QJsonObject tableObject;
    for (const TableFacts& facts : tables)
        tableObject.insert(facts.table.key(), tableFactsJson(facts));
    QJsonArray stepArray;
    for (const StepReview& step : steps) {
        QJsonArray locks;
        for (const StatementEffect& statement : statements) {
            if (statement.stepIndex != step.index)
                continue;
            for (const TableEffect& effect : statement.tables)
                locks.append(QJsonObject{{QStringLiteral("table"), effect.table.key()},
                                         {QStringLiteral("lock"), lockJson(effect.lock)},
                                         {QStringLiteral("rewrites"), effect.rewrites},
                                         {QStringLiteral("scans"), effect.scans},
                                         {QStringLiteral("creates"), effect.creates},
                                         {QStringLiteral("line"), statement.line}});
        }
        stepArray.append(QJsonObject{{QStringLiteral("index"), step.index},
                                     {QStringLiteral("revision"), step.revision},
                                     {QStringLiteral("direction"), step.direction},
                                     {QStringLiteral("from"), QJsonArray::fromStringList(step.fromRevisions)},
                                     {QStringLiteral("to"), QJsonArray::fromStringList(step.toRevisions)},
                                     {QStringLiteral("path"), orNull(step.path)},
                                     {QStringLiteral("rendered"), step.rendered},
                                     {QStringLiteral("render_error"), orNull(step.renderError)},
                                     {QStringLiteral("statements"), step.statements},
                                     {QStringLiteral("locks"), locks}});
    }
    QJsonArray lossArray;
    for (const DataLoss& loss : dataLoss)
        lossArray.append(QJsonObject{{QStringLiteral("revision"), loss.revision},
                                     {QStringLiteral("step"), loss.stepIndex},
                                     {QStringLiteral("line"), loss.line},
                                     {QStringLiteral("table"), loss.table.key()},
                                     {QStringLiteral("column"), orNull(loss.column)},
                                     {QStringLiteral("what"), loss.what},
                                     {QStringLiteral("rows"), countJson(loss.rows)}});
    return QJsonObject{{QStringLiteral("direction"), direction},
                       {QStringLiteral("current"), QJsonArray::fromStringList(currentHeads)},
                       {QStringLiteral("target"), target},
                       {QStringLiteral("lock_timeout_ms"), lockTimeoutMs},
                       {QStringLiteral("findings"), findingArray},
                       {QStringLiteral("blocking_sessions"), sessionArray},
                       {QStringLiteral("tables"), tableObject},
                       {QStringLiteral("steps"), stepArray},
                       {QStringLiteral("data_loss"), lossArray},
                       {QStringLiteral("would_lose_rows"), wouldLoseRows},
                       {QStringLiteral("live"), live},
                       {QStringLiteral("live_note"), orNull(liveNote)},
                       {QStringLiteral("server_version"), serverVersion > 0 ? QJsonValue(serverVersion) : QJsonValue()},
                       {QStringLiteral("summary"), QJsonObject{{QStringLiteral("error"), count(Severity::Error)},
                                                               {QStringLiteral("warning"), count(Severity::Warning)},
                                                               {QStringLiteral("info"), count(Severity::Info)}}}};
}

QString formatRows(qint64 rows)
{
    if (rows < 0)
        return QStringLiteral("?");
    if (rows < 1000)
        return QString::number(rows);
    if (rows < 1000000)
        return QString::number(double(rows) / 1e3, 'f', rows < 10000 ? 1 : 0) + QStringLiteral(" k");
    if (rows < 1000000000)
        return QString::number(double(rows) / 1e6, 'f', rows < 10000000 ? 1 : 0) + QStringLiteral(" M");
    return QString::number(double(rows) / 1e9, 'f', 1) + QStringLiteral(" G");
}

QString formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("?");
    // pg_size_pretty: a unit is used while the value stays below 10240 of it.
    static const char* const units[] = {"bytes", "kB", "MB", "GB", "TB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 10240.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(qRound64(value)).arg(QLatin1String(units[unit]));
}

} // namespace retort::lint
