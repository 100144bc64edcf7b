#pragma once

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

namespace retort {
class RevisionGraph;
}

namespace retort::doctor {

// What a revision's upgrade() does to the schema, read statically from its op.* calls
// (op.create_table('t', sa.Column('c', ...)), op.add_column('t', sa.Column('c')), op.drop_table,
// op.drop_column, op.rename_table, op.alter_column(new_column_name=), batch_alter_table blocks,
// and the tables other calls touch: indexes, constraints, bulk_insert, literal op.execute SQL).
// Approximate by design: enough to name the revision a database matches and the tables a
// pending migration will lock. Names are compared lower-cased.
struct SchemaOp
{
    enum class Kind { CreateTable, DropTable, RenameTable, AddColumn, DropColumn, RenameColumn, Touch };
    Kind kind = Kind::Touch;
    QString table;
    QString column;    // AddColumn, DropColumn, RenameColumn (old name)
    QString newName;   // RenameTable, RenameColumn
    QStringList columns; // CreateTable
    int line = 0;
};

// table -> column names (lower-case)
using SchemaState = QMap<QString, QSet<QString>>;

class SchemaHistory
{
public:
    // The ops of the file's upgrade() function (empty when it has none or cannot be read).
    static QVector<SchemaOp> readUpgrade(const QString& path);
    static QVector<SchemaOp> parseUpgrade(const QString& source);
    static void apply(SchemaState& state, const QVector<SchemaOp>& ops);
    // Every table the ops create, change, read or write (lower-case, sorted, unique).
    static QStringList touchedTables(const QVector<SchemaOp>& ops);
    // Tables named by SQL text (CREATE/ALTER/DROP TABLE, INSERT INTO, UPDATE, DELETE FROM,
    // CREATE INDEX ... ON), e.g. Alembic's offline SQL for a step; lower-case, sorted, unique.
    static QStringList tablesInSql(const QString& sql);

    struct Match
    {
        int revision = -1;      // index in the graph; -1 when nothing matches at all
        double score = 0.0;     // Jaccard similarity of {table} + {table.column}, 0..1
        QStringList missingTables; // the revision has them, the database does not
        QStringList extraTables;   // the database has them, the revision does not
        QStringList columnDifferences; // "table.column" present on one side only (first few)
    };
    // The revision whose accumulated schema (all its ancestors' upgrades, oldest first) best
    // matches `database`; ties go to the oldest such revision (so `upgrade` still runs later
    // revisions that change no schema, e.g. data migrations). `opsPerRevision` is indexed like
    // the graph.
    static Match bestMatch(const RevisionGraph& graph, const QVector<QVector<SchemaOp>>& opsPerRevision,
                           const SchemaState& database);
};

} // namespace retort::doctor
