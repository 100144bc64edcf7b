#include "core/doctor/StampCheck.h"

#include "core/db/DatabaseUrl.h"
#include "core/doctor/DatabaseCheck.h"
#include "core/graph/RevisionGraph.h"

#include <QCoreApplication>

#include <algorithm>

namespace retort::doctor {

namespace {

QString listed(QStringList items)
{
    std::sort(items.begin(), items.end());
    constexpr int kShown = 8;
    QString text = items.mid(0, kShown).join(QStringLiteral(", "));
    if (items.size() > kShown)
        text += QCoreApplication::translate("StampCheck", " and %n more", nullptr, int(items.size() - kShown));
    return text;
}

} // namespace

SchemaState StampCheck::implied(const RevisionGraph& graph, const QStringList& targets)
{
    QVector<int> indexes;
    for (const QString& id : targets) {
        const int index = graph.indexOf(id);
        if (index >= 0)
            indexes << index;
    }
    SchemaState state;
    if (indexes.isEmpty())
        return state; // base
    const QVector<char> mask = graph.ancestorMask(indexes, true);
    QVector<int> oldestFirst = graph.historyOrder();
    std::reverse(oldestFirst.begin(), oldestFirst.end());
    for (const int r : std::as_const(oldestFirst)) {
        if (mask.value(r))
            SchemaHistory::apply(state, SchemaHistory::readUpgrade(graph.at(r).path));
    }
    return state;
}

Problems StampCheck::compare(const RevisionGraph& graph, const QStringList& targets, const SchemaState& database)
{
    const SchemaState expected = implied(graph, targets);
    const QString target = targets.isEmpty() ? QStringLiteral("base") : targets.join(QStringLiteral(", "));
    QStringList missingTables;
    QStringList missingColumns;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const auto table = database.constFind(it.key());
        if (table == database.cend()) {
            missingTables << it.key();
            continue;
        }
        for (const QString& column : it.value()) {
            if (!table.value().contains(column))
                missingColumns << it.key() + QLatin1Char('.') + column;
        }
    }
    QStringList extraTables;
    for (auto it = database.cbegin(); it != database.cend(); ++it) {
        if (!expected.contains(it.key()))
            extraTables << it.key();
    }
    Problems problems;
    const QString hint = QCoreApplication::translate(
        "StampCheck", "Stamping records a revision without running it: the schema must already be what that revision "
                      "leaves. Stamp the revision the database really matches (the doctor's db-unversioned-tables names "
                      "it), or upgrade instead. (The expected schema is read from the revision files' op.* calls.)");
    auto add = [&](const QString& message) {
        problems.append(Problem{QStringLiteral("stamp-schema-mismatch"), Severity::Warning, message, hint, {}, 0,
                                targets.value(0), {}});
    };
    if (!missingTables.isEmpty())
        add(QCoreApplication::translate("StampCheck", "The database has no %1, which the revisions up to %2 create.")
                .arg(listed(missingTables), target));
    if (!missingColumns.isEmpty())
        add(QCoreApplication::translate("StampCheck", "The database lacks the columns %1, which the revisions up to %2 add.")
                .arg(listed(missingColumns), target));
    if (!extraTables.isEmpty())
        add(QCoreApplication::translate("StampCheck", "The database has %1, which no revision up to %2 creates "
                                                      "(a later revision, or a table made outside Alembic).")
                .arg(listed(extraTables), target));
    return problems;
}

Problems StampCheck::run(const RevisionGraph& graph, const QStringList& targets, QSqlDatabase db, const QString& versionTable)
{
    const Dialect dialect = db.driverName() == QLatin1String("QSQLITE") ? Dialect::SQLite : Dialect::PostgreSQL;
    const Result<SchemaState> schema = readDatabaseSchema(db, dialect, versionTable);
    if (!schema)
        return {Problem::fromError(schema.error(), Severity::Warning)};
    return compare(graph, targets, *schema);
}

} // namespace retort::doctor
