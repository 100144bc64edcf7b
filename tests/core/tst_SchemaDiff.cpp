// SchemaDiff (core/timemachine): what differs between two schemas, object by object. Schemas are
// built in memory here; the time machine's tests compare real ones.

#include "core/timemachine/SchemaDiff.h"

#include <QTest>

using namespace retort;

Q_DECLARE_METATYPE(retort::ColumnInfo)

namespace {

ColumnInfo column(const QString& name, const QString& type, bool nullable = true, const QString& def = {})
{
    ColumnInfo c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    c.defaultValue = def;
    return c;
}

TableInfo table(const QString& name, QVector<ColumnInfo> columns)
{
    TableInfo t;
    t.schema = QStringLiteral("public");
    t.name = name;
    t.columns = std::move(columns);
    return t;
}

SchemaSnapshot schema(QVector<TableInfo> tables)
{
    SchemaSnapshot s;
    s.defaultSchema = QStringLiteral("public");
    s.schemas = {QStringLiteral("public")};
    s.tables = std::move(tables);
    return s;
}

TableInfo users()
{
    TableInfo t = table(QStringLiteral("users"), {column(QStringLiteral("id"), QStringLiteral("integer"), false),
                                                  column(QStringLiteral("email"), QStringLiteral("varchar(80)"))});
    t.primaryKey = KeyConstraint{QStringLiteral("users_pkey"), {QStringLiteral("id")}};
    IndexInfo index;
    index.name = QStringLiteral("ix_users_email");
    index.columns = {QStringLiteral("email")};
    t.indexes << index;
    return t;
}

} // namespace

class TestSchemaDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identicalSchemasHaveNoDifference()
    {
        const SchemaDiff diff = SchemaDiff::compare(schema({users()}), schema({users()}));
        QVERIFY(diff.isEmpty());
        QCOMPARE(diff.objectCount(), 0);
        QCOMPARE(diff.toText(), QString());
    }

    void tablesAddedAndRemoved()
    {
        const SchemaDiff diff = SchemaDiff::compare(schema({users()}), schema({table(QStringLiteral("orders"), {})}));
        QCOMPARE(diff.tables.size(), 2);
        QCOMPARE(diff.tables.at(0).name, QStringLiteral("orders"));
        QCOMPARE(diff.tables.at(0).kind, ChangeKind::Added);
        QCOMPARE(diff.tables.at(1).name, QStringLiteral("users"));
        QCOMPARE(diff.tables.at(1).kind, ChangeKind::Removed);
        QCOMPARE(diff.tables.at(1).before.columns.size(), 2);
        QCOMPARE(diff.count(ChangeKind::Added), 1);
        QCOMPARE(diff.count(ChangeKind::Removed), 1);
        QVERIFY2(diff.toText().contains(QLatin1String("- table public.users (2 columns)")), qPrintable(diff.toText()));
        QVERIFY2(diff.toText().contains(QLatin1String("    - index ix_users_email (email)")), qPrintable(diff.toText()));
    }

    void columnChanges_data()
    {
        QTest::addColumn<ColumnInfo>("after");
        QTest::addColumn<QStringList>("details");
        QTest::newRow("a new type") << column(QStringLiteral("email"), QStringLiteral("text"))
                                    << QStringList{QStringLiteral("type: varchar(80) -> text")};
        QTest::newRow("made NOT NULL") << column(QStringLiteral("email"), QStringLiteral("varchar(80)"), false)
                                       << QStringList{QStringLiteral("nullable: yes -> no")};
        QTest::newRow("a default") << column(QStringLiteral("email"), QStringLiteral("varchar(80)"), true, QStringLiteral("'x'"))
                                   << QStringList{QStringLiteral("default: none -> 'x'")};
        QTest::newRow("type and nullability at once")
            << column(QStringLiteral("email"), QStringLiteral("text"), false)
            << QStringList{QStringLiteral("type: varchar(80) -> text"), QStringLiteral("nullable: yes -> no")};
    }
    void columnChanges()
    {
        QFETCH(ColumnInfo, after);
        QFETCH(QStringList, details);
        TableInfo changed = users();
        changed.columns[1] = after;
        const SchemaDiff diff = SchemaDiff::compare(schema({users()}), schema({changed}));
        QCOMPARE(diff.tables.size(), 1);
        QCOMPARE(diff.tables.first().kind, ChangeKind::Changed);
        QCOMPARE(diff.tables.first().members.size(), 1);
        const MemberChange& m = diff.tables.first().members.first();
        QCOMPARE(m.type, MemberChange::Type::Column);
        QCOMPARE(m.kind, ChangeKind::Changed);
        QCOMPARE(m.name, QStringLiteral("email"));
        QCOMPARE(m.details, details);
        QCOMPARE(m.beforeIndex, 1);
        QCOMPARE(m.afterIndex, 1);
        QCOMPARE(diff.count(ChangeKind::Changed), 1);
    }

    void columnOrderIsNotADifference()
    {
        TableInfo reordered = users();
        std::swap(reordered.columns[0], reordered.columns[1]);
        QVERIFY(SchemaDiff::compare(schema({users()}), schema({reordered})).isEmpty());
    }

    void rowCountsAreNotADifference()
    {
        TableInfo counted = users();
        counted.estimatedRows = 10;
        counted.exactRows = 12;
        QVERIFY(SchemaDiff::compare(schema({users()}), schema({counted})).isEmpty());
    }

    void membersOfEveryKind()
    {
        TableInfo after = users();
        after.columns << column(QStringLiteral("age"), QStringLiteral("integer"));
        after.indexes.clear(); // the index goes
        after.indexes << IndexInfo{QStringLiteral("ix_users_age"), {QStringLiteral("age")}, true, false, false, {}, {}};
        after.foreignKeys << ForeignKeyInfo{QStringLiteral("fk_users_team"), {QStringLiteral("age")}, QStringLiteral("public"),
                                            QStringLiteral("teams"), {QStringLiteral("id")}, QStringLiteral("NO ACTION"),
                                            QStringLiteral("CASCADE")};
        after.checkConstraints << CheckConstraintInfo{QString(), QStringLiteral("CHECK (age > 0)")};
        after.uniqueConstraints << KeyConstraint{QString(), {QStringLiteral("email")}};
        after.primaryKey.columns = {QStringLiteral("id"), QStringLiteral("email")};
        const SchemaDiff diff = SchemaDiff::compare(schema({users()}), schema({after}));
        QCOMPARE(diff.tables.size(), 1);
        QStringList seen;
        for (const MemberChange& m : diff.tables.first().members)
            seen << QStringLiteral("%1 %2 %3").arg(MemberChange::typeName(m.type), changeKindName(m.kind), m.name);
        QCOMPARE(seen, (QStringList{QStringLiteral("column added age"), QStringLiteral("primary_key changed users_pkey"),
                                    QStringLiteral("index added ix_users_age"), QStringLiteral("index removed ix_users_email"),
                                    QStringLiteral("foreign_key added fk_users_team"),
                                    QStringLiteral("unique_constraint added UNIQUE (email)"),
                                    QStringLiteral("check_constraint added CHECK (age > 0)")}));
        QCOMPARE(diff.objectCount(), 7);
        QVERIFY2(diff.toText().contains(QLatin1String("    + foreign key fk_users_team (age) REFERENCES public.teams (id) ON DELETE CASCADE")),
                 qPrintable(diff.toText()));
    }

    // SQLite names neither foreign keys nor unique constraints: a changed one is removed + added.
    void unnamedConstraintsAreMatchedByWhatTheyAre()
    {
        TableInfo before = users();
        before.foreignKeys << ForeignKeyInfo{QString(), {QStringLiteral("id")}, QStringLiteral("public"), QStringLiteral("a"),
                                             {QStringLiteral("id")}, QStringLiteral("NO ACTION"), QStringLiteral("NO ACTION")};
        TableInfo same = before;
        QVERIFY(SchemaDiff::compare(schema({before}), schema({same})).isEmpty());
        TableInfo retargeted = before;
        retargeted.foreignKeys[0].referredTable = QStringLiteral("b");
        const SchemaDiff diff = SchemaDiff::compare(schema({before}), schema({retargeted}));
        QCOMPARE(diff.count(ChangeKind::Added), 1);
        QCOMPARE(diff.count(ChangeKind::Removed), 1);
        QCOMPARE(diff.count(ChangeKind::Changed), 0);
    }

    void ignoredTablesAreLeftOut()
    {
        const TableInfo version = table(QStringLiteral("alembic_version"), {column(QStringLiteral("version_num"), QStringLiteral("varchar(32)"), false)});
        SchemaDiffOptions options;
        options.ignoredTables << TableRef{QString(), QStringLiteral("alembic_version")}; // "" = the default schema
        QVERIFY(SchemaDiff::compare(schema({}), schema({version}), options).isEmpty());
        QVERIFY(!SchemaDiff::compare(schema({}), schema({version})).isEmpty());
        options.ignoredTables = {TableRef{QStringLiteral("other"), QStringLiteral("alembic_version")}};
        QVERIFY(!SchemaDiff::compare(schema({}), schema({version}), options).isEmpty());
    }

    void tableKindAndComment()
    {
        TableInfo view = users();
        view.kind = TableKind::View;
        view.comment = QStringLiteral("now a view");
        const SchemaDiff diff = SchemaDiff::compare(schema({users()}), schema({view}));
        QCOMPARE(diff.tables.size(), 1);
        QCOMPARE(diff.tables.first().details,
                 (QStringList{QStringLiteral("kind: table -> view"), QStringLiteral("comment: none -> now a view")}));
        QCOMPARE(diff.count(ChangeKind::Changed), 1);
    }

    void enums()
    {
        SchemaSnapshot before = schema({});
        before.enums << EnumInfo{QStringLiteral("public"), QStringLiteral("mood"), {QStringLiteral("sad"), QStringLiteral("happy")}}
                     << EnumInfo{QStringLiteral("public"), QStringLiteral("gone"), {QStringLiteral("x")}};
        SchemaSnapshot after = schema({});
        after.enums << EnumInfo{QStringLiteral("public"), QStringLiteral("mood"),
                                {QStringLiteral("sad"), QStringLiteral("ok"), QStringLiteral("happy")}}
                    << EnumInfo{QStringLiteral("public"), QStringLiteral("status"), {QStringLiteral("new")}};
        const SchemaDiff diff = SchemaDiff::compare(before, after);
        QCOMPARE(diff.enums.size(), 3);
        QCOMPARE(diff.enums.at(0).name, QStringLiteral("gone"));
        QCOMPARE(diff.enums.at(0).kind, ChangeKind::Removed);
        QCOMPARE(diff.enums.at(1).name, QStringLiteral("mood"));
        QCOMPARE(diff.enums.at(1).kind, ChangeKind::Changed);
        QCOMPARE(diff.enums.at(2).kind, ChangeKind::Added);
        QVERIFY2(diff.toText().contains(QLatin1String("~ enum public.mood: (sad, happy) -> (sad, ok, happy)")), qPrintable(diff.toText()));
        QCOMPARE(diff.objectNames(), (QStringList{QStringLiteral("gone (enum, removed)"), QStringLiteral("mood (enum, changed)"),
                                                  QStringLiteral("status (enum, added)")}));
    }
};

QTEST_GUILESS_MAIN(TestSchemaDiff)
#include "tst_SchemaDiff.moc"
