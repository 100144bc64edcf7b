// RevisionSpec: Alembic's identifier grammar. Every resolve() row is also checked against the
// real Alembic 1.8.1 (RevisionMap.get_revisions inside ScriptDirectory._catch_revision_errors).

#include "core/graph/RevisionGraph.h"
#include "core/graph/Planner.h"
#include "core/graph/RevisionSpec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace retort;

namespace {

RevisionFile file(const QString& id, const QStringList& downs, const QStringList& labels = {}, int n = 0)
{
    RevisionFile f;
    f.revision = id;
    f.downRevisions = downs;
    f.branchLabels = labels;
    f.hasDownRevision = true;
    f.path = QStringLiteral("/p/versions/%1_%2.py").arg(n).arg(id);
    f.fileName = QStringLiteral("%1_%2.py").arg(n).arg(id);
    return f;
}

// ae1027a6acf -> ae10f000aaaa -> 1975ea83b712 -+-> 27c6a30d7c24 (feature) -> 3cb4b5c1e6f2
//                                               +-> b0b0b0b0b0b0 (other)
QVector<RevisionFile> project()
{
    return {
        file(QStringLiteral("ae1027a6acf"), {}, {}, 0),
        file(QStringLiteral("ae10f000aaaa"), {QStringLiteral("ae1027a6acf")}, {}, 1),
        file(QStringLiteral("1975ea83b712"), {QStringLiteral("ae10f000aaaa")}, {}, 2),
        file(QStringLiteral("27c6a30d7c24"), {QStringLiteral("1975ea83b712")}, {QStringLiteral("feature")}, 3),
        file(QStringLiteral("3cb4b5c1e6f2"), {QStringLiteral("27c6a30d7c24")}, {}, 4),
        file(QStringLiteral("b0b0b0b0b0b0"), {QStringLiteral("1975ea83b712")}, {QStringLiteral("other")}, 5),
    };
}

struct Row
{
    const char* name;
    const char* spec;
    QStringList ids;   // expected revisions ("base" never appears: resolve drops it)
    QString errorCode; // expected error code, "" = success
    QString message;   // expected error message
};

QStringList L(std::initializer_list<const char*> items)
{
    QStringList l;
    for (const char* i : items)
        l << QString::fromLatin1(i);
    return l;
}

QList<Row> rows()
{
    const QString notFound = QStringLiteral("revision-not-found");
    return {
        {"a full id", "1975ea83b712", L({"1975ea83b712"}), {}, {}},
        {"a unique prefix of four characters", "1975", L({"1975ea83b712"}), {}, {}},
        {"a prefix shared by two ids is ambiguous", "ae10", {}, QStringLiteral("revision-ambiguous"),
         QStringLiteral("Can't locate revision identified by 'ae10'")},
        {"a prefix of three characters still matches", "197", L({"1975ea83b712"}), {}, {}},
        {"an unknown short prefix", "zz", {}, notFound, QStringLiteral("Can't locate revision identified by 'zz'")},
        {"an unknown id", "ffffffff", {}, notFound, QStringLiteral("Can't locate revision identified by 'ffffffff'")},
        {"heads lists every head", "heads", L({"3cb4b5c1e6f2", "b0b0b0b0b0b0"}), {}, {}},
        {"head with two heads is rejected", "head", {}, QStringLiteral("multiple-heads"),
         QStringLiteral("Multiple head revisions are present for given argument 'head'; please specify a specific target "
                        "revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads")},
        {"base is no revision", "base", {}, {}, {}},
        {"a label at head", "feature@head", L({"3cb4b5c1e6f2"}), {}, {}},
        {"another label at head", "other@head", L({"b0b0b0b0b0b0"}), {}, {}},
        {"a label at heads", "feature@heads", L({"3cb4b5c1e6f2"}), {}, {}},
        {"a label at base", "feature@base", {}, {}, {}},
        {"a branch label alone names its revision", "feature", L({"27c6a30d7c24"}), {}, {}},
        {"a prefix of a branch label", "othe", L({"b0b0b0b0b0b0"}), {}, {}},
        {"a revision at head below the branch point is ambiguous", "1975ea83b712@head", {}, QStringLiteral("multiple-heads"),
         QStringLiteral("Multiple head revisions are present for given argument '1975ea83b712@head'; please specify a "
                        "specific target revision, '<branchname>@1975ea83b712@head' to narrow to a specific head, or "
                        "'heads' for all heads")},
        {"a partial revision at head on its branch", "27c6@head", L({"3cb4b5c1e6f2"}), {}, {}},
        {"a label with minus one walks down from its head", "feature@-1", L({"27c6a30d7c24"}), {}, {}},
        {"an unknown branch", "nobranch@head", {}, notFound, QStringLiteral("Can't locate revision identified by 'nobranch'")},
        {"a revision outside the named branch", "feature@b0b0b0b0b0b0", {}, notFound,
         QStringLiteral("Can't locate revision identified by 'b0b0b0b0b0b0'")},
        {"an ancestor of the named branch", "feature@1975", L({"1975ea83b712"}), {}, {}},
        {"minus one walks down from every head", "-1", L({"27c6a30d7c24", "1975ea83b712"}), {}, {}},
    };
}

const char* kAlembicScript = R"PY(
import json, sys
from alembic.script.revision import RevisionMap, Revision
from alembic.script.base import ScriptDirectory
from alembic.util import CommandError
data = json.load(sys.stdin)
revs = [Revision(r["id"], None if not r["down"] else r["down"][0], branch_labels=tuple(r["labels"])) for r in data["revisions"]]
rmap = RevisionMap(lambda: revs)
out = []
for spec in data["specs"]:
    try:
        with ScriptDirectory._catch_revision_errors(None):
            got = rmap.get_revisions(spec)
        out.append({"ids": [r if isinstance(r, str) or r is None else r.revision for r in got]})
    except CommandError as e:
        out.append({"error": str(e)})
print(json.dumps(out))
)PY";

} // namespace

class tst_RevisionSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resolve_data();
    void resolve();
    void ambiguousPrefixKeepsAlembicsDetail();
    void resolveOneReturnsBase();
    void resolveListAcceptsCommasAndBase();
    void relativeForms_data();
    void relativeForms();
    void walk();
    void illegalCharacters_data();
    void illegalCharacters();
    void unsafeCharacters_data();
    void unsafeCharacters();
    void unsafeIdentifiersAreRefused();
    void newIds_data();
    void newIds();

private:
    RevisionGraph m_graph;
    QJsonArray m_alembic;
};

void tst_RevisionSpec::initTestCase()
{
    Result<RevisionGraph> g = RevisionGraph::build(project());
    QVERIFY(g.ok());
    m_graph = *g;

    QJsonArray revs;
    for (const RevisionFile& f : project())
        revs.append(QJsonObject{{QStringLiteral("id"), f.revision},
                                {QStringLiteral("down"), QJsonArray::fromStringList(f.downRevisions)},
                                {QStringLiteral("labels"), QJsonArray::fromStringList(f.branchLabels)}});
    QJsonArray specs;
    for (const Row& r : rows())
        specs.append(QString::fromLatin1(r.spec));
    QProcess python;
    python.start(QStringLiteral(RETORT_PYTHON), {QStringLiteral("-c"), QString::fromUtf8(kAlembicScript)});
    QVERIFY2(python.waitForStarted(), "RETORT_PYTHON must run");
    python.write(QJsonDocument(QJsonObject{{QStringLiteral("revisions"), revs}, {QStringLiteral("specs"), specs}}).toJson());
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    m_alembic = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QCOMPARE(m_alembic.size(), rows().size());
}

void tst_RevisionSpec::resolve_data()
{
    QTest::addColumn<int>("index");
    const QList<Row> all = rows();
    for (int i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].name) << i;
}

void tst_RevisionSpec::resolve()
{
    QFETCH(int, index);
    const Row row = rows().at(index);
    const QJsonObject alembic = m_alembic.at(index).toObject();
    const Result<QVector<int>> r = RevisionSpec::resolve(m_graph, QString::fromLatin1(row.spec));
    if (!row.errorCode.isEmpty()) {
        QVERIFY2(!r.ok(), "should fail");
        QCOMPARE(r.error().code, row.errorCode);
        QCOMPARE(r.error().message, row.message);
        QCOMPARE(alembic.value(QStringLiteral("error")).toString(), row.message);
        return;
    }
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QStringList got;
    for (int i : *r)
        got << m_graph.at(i).id;
    QCOMPARE(got, row.ids);
    QStringList expectedByAlembic;
    for (const QJsonValue& v : alembic.value(QStringLiteral("ids")).toArray())
        expectedByAlembic << v.toString();
    QCOMPARE(got, expectedByAlembic);
}

void tst_RevisionSpec::ambiguousPrefixKeepsAlembicsDetail()
{
    const Result<QVector<int>> r = RevisionSpec::resolve(m_graph, QStringLiteral("ae10"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().hint, QStringLiteral("Multiple revisions start with 'ae10': 'ae1027a6acf', 'ae10f000aaaa'..."));
    const Result<QVector<int>> shortPrefix = RevisionSpec::resolve(m_graph, QStringLiteral("zz"));
    QVERIFY(!shortPrefix.ok());
    QVERIFY(shortPrefix.error().hint.contains(QStringLiteral("at least four characters")));
}

void tst_RevisionSpec::resolveOneReturnsBase()
{
    QCOMPARE(*RevisionSpec::resolveOne(m_graph, QStringLiteral("base")), RevisionSpec::Base);
    QCOMPARE(*RevisionSpec::resolveOne(m_graph, QStringLiteral("3cb4")), m_graph.indexOf(QStringLiteral("3cb4b5c1e6f2")));
    const Result<int> heads = RevisionSpec::resolveOne(m_graph, QStringLiteral("heads"));
    QVERIFY(!heads.ok());
    QCOMPARE(heads.error().code, QStringLiteral("multiple-heads"));
}

void tst_RevisionSpec::resolveListAcceptsCommasAndBase()
{
    const Result<QVector<int>> r =
        RevisionSpec::resolveList(m_graph, {QStringLiteral("3cb4, b0b0"), QStringLiteral("base"), QStringLiteral("3cb4b5c1e6f2")});
    QVERIFY(r.ok());
    QCOMPARE(*r, (QVector<int>{m_graph.indexOf(QStringLiteral("3cb4b5c1e6f2")), m_graph.indexOf(QStringLiteral("b0b0b0b0b0b0"))}));
    QVERIFY(RevisionSpec::resolveList(m_graph, {QStringLiteral("base")})->isEmpty());
    QVERIFY(!RevisionSpec::resolveList(m_graph, {QStringLiteral("nope1234")}).ok());
}

void tst_RevisionSpec::relativeForms_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("matched");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<int>("steps");
    QTest::newRow("plus one is relative to the current heads") << "+1" << true << "" << "" << 1;
    QTest::newRow("minus two is relative to the current heads") << "-2" << true << "" << "" << -2;
    QTest::newRow("a revision plus one") << "ae10+1" << true << "" << "ae10" << 1;
    QTest::newRow("a revision minus three") << "1975ea83b712-3" << true << "" << "1975ea83b712" << -3;
    QTest::newRow("a label plus one") << "feature@+1" << true << "feature" << "" << 1;
    QTest::newRow("a label minus one") << "feature@-1" << true << "feature" << "" << -1;
    QTest::newRow("a label and a revision plus two") << "feature@27c6+2" << true << "feature" << "27c6" << 2;
    QTest::newRow("head minus one") << "head-1" << true << "" << "head" << -1;
    QTest::newRow("a plain id is not relative") << "1975ea83b712" << false << "" << "" << 0;
    QTest::newRow("a label at head is not relative") << "feature@head" << false << "" << "" << 0;
    QTest::newRow("trailing text after the number is ignored like re.match") << "+1abc" << true << "" << "" << 1;
}

void tst_RevisionSpec::relativeForms()
{
    QFETCH(QString, spec);
    QFETCH(bool, matched);
    QFETCH(QString, label);
    QFETCH(QString, symbol);
    QFETCH(int, steps);
    const RevisionSpec::Relative rel = RevisionSpec::parseRelative(spec);
    QCOMPARE(rel.matched, matched);
    if (!matched)
        return;
    QCOMPARE(rel.branchLabel, label);
    QCOMPARE(rel.symbol, symbol);
    QCOMPARE(rel.steps, steps);
}

void tst_RevisionSpec::walk()
{
    const int mid = m_graph.indexOf(QStringLiteral("ae10f000aaaa"));
    QCOMPARE(*RevisionSpec::walk(m_graph, mid, 1, {}, true), m_graph.indexOf(QStringLiteral("1975ea83b712")));
    QCOMPARE(*RevisionSpec::walk(m_graph, mid, -1, {}, true), m_graph.indexOf(QStringLiteral("ae1027a6acf")));
    QCOMPARE(*RevisionSpec::walk(m_graph, mid, -2, {}, true), RevisionSpec::Base);
    QCOMPARE(*RevisionSpec::walk(m_graph, mid, -3, {}, true), RevisionSpec::Overwalk);
    QCOMPARE(*RevisionSpec::walk(m_graph, mid, -3, {}, false), RevisionSpec::Base);
    const Result<int> ambiguous = RevisionSpec::walk(m_graph, mid, 2, {}, true);
    QVERIFY(!ambiguous.ok());
    QCOMPARE(ambiguous.error().message, QStringLiteral("Ambiguous walk"));
    QCOMPARE(*RevisionSpec::walk(m_graph, mid, 2, QStringLiteral("other"), true), m_graph.indexOf(QStringLiteral("b0b0b0b0b0b0")));
    QCOMPARE(*RevisionSpec::walk(m_graph, RevisionSpec::Overwalk, 1, {}, true), m_graph.indexOf(QStringLiteral("ae1027a6acf")));
}

void tst_RevisionSpec::illegalCharacters_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("illegal");
    QTest::newRow("a hex id is fine") << "ae1027a6acf" << "";
    QTest::newRow("a word id is fine") << "kilo" << "";
    QTest::newRow("a dash is rejected") << "a-b" << "-";
    QTest::newRow("all three are listed sorted") << "@a+b-c" << "+, -, @";
}

void tst_RevisionSpec::illegalCharacters()
{
    QFETCH(QString, id);
    QFETCH(QString, illegal);
    QCOMPARE(RevisionSpec::illegalCharacters(id), illegal);
}

void tst_RevisionSpec::unsafeCharacters_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("unsafe");
    QTest::newRow("a hex id is safe") << "ae1027a6acf" << "";
    QTest::newRow("underscores, dots and unicode letters are safe") << "v1_2.x_\u00e7a" << "";
    QTest::newRow("a quote breaks Alembic's INSERT") << "a'b" << "a quote (')";
    QTest::newRow("a double quote") << "a\"b" << "a double quote (\")";
    QTest::newRow("a backslash") << "a\\b" << "a backslash (\\)";
    QTest::newRow("a colon is Alembic's range separator") << "a:b" << "a colon (:)";
    QTest::newRow("a space") << "a b" << "a space";
    QTest::newRow("a tab") << "a\tb" << "whitespace (U+0009)";
    QTest::newRow("a control character") << QString(QStringLiteral("a") + QChar(0x01) + QStringLiteral("b")) << "a control character (U+0001)";
    QTest::newRow("an invisible format character") << QString(QStringLiteral("a") + QChar(0x200b) + QStringLiteral("b"))
                                                   << "a control character (U+200b)";
    QTest::newRow("each kind once, in order") << "'; DROP TABLE x; --'" << "a quote ('), a space";
}

void tst_RevisionSpec::unsafeCharacters()
{
    QFETCH(QString, id);
    QFETCH(QString, unsafe);
    QCOMPARE(RevisionSpec::unsafeCharacters(id), unsafe);
}

// An id Alembic would write unescaped: readable in the graph, refused as a target, by the planner
// and by a stamp (issue #14, item 8).
void tst_RevisionSpec::unsafeIdentifiersAreRefused()
{
    QVector<RevisionFile> files = project();
    files << file(QStringLiteral("c0'); DELETE FROM t; /*"), {QStringLiteral("3cb4b5c1e6f2")}, {}, 6);
    const Result<RevisionGraph> graph = RevisionGraph::build(files, RevisionGraph::Mode::Strict);
    QVERIFY2(graph.ok(), "an unsafe id is not fatal: Alembic loads it");
    bool reported = false;
    for (const GraphProblem& p : graph->problems())
        reported = reported || (p.code == QLatin1String("unsafe-revision-id") && !p.fatal && p.message.contains(QStringLiteral("a quote")));
    QVERIFY(reported);

    const Result<QVector<int>> bySpec = RevisionSpec::resolve(*graph, QStringLiteral("c0'); DELETE FROM t; /*"));
    QVERIFY(!bySpec.ok());
    QCOMPARE(bySpec.error().code, QStringLiteral("unsafe-revision-id"));
    QVERIFY(!RevisionSpec::resolveOne(*graph, QStringLiteral("x y")).ok());

    const Result<QVector<int>> heads = RevisionSpec::resolve(*graph, QStringLiteral("heads"));
    QVERIFY(heads.ok());
    const Status stamp = RevisionSpec::refuseUnsafe(*graph, *heads);
    QVERIFY(!stamp.ok());
    QCOMPARE(stamp.error().code, QStringLiteral("unsafe-revision-id"));
    QVERIFY(stamp.error().path.endsWith(QStringLiteral("6_c0'); DELETE FROM t; /*.py")));
    QVERIFY(RevisionSpec::refuseUnsafe(*graph, {graph->indexOf(QStringLiteral("b0b0b0b0b0b0"))}).ok());

    const Result<Plan> up = Planner::plan(*graph, {}, Direction::Upgrade, QStringLiteral("heads"));
    QVERIFY(!up.ok());
    QCOMPARE(up.error().code, QStringLiteral("unsafe-revision-id"));
    // The other branch does not touch it.
    QVERIFY(Planner::plan(*graph, {}, Direction::Upgrade, QStringLiteral("other@head")).ok());
    // A downgrade away from it names it in the UPDATE's WHERE clause: refused too.
    const Result<Plan> down = Planner::plan(*graph, {QStringLiteral("c0'); DELETE FROM t; /*")}, Direction::Downgrade,
                                            QStringLiteral("1975ea83b712"));
    QVERIFY(!down.ok());
    QCOMPARE(down.error().code, QStringLiteral("unsafe-revision-id"));
}

void tst_RevisionSpec::newIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("a hex id") << "ae1027a6acf0" << true;
    QTest::newRow("a word with underscores") << "release_2024_merge" << true;
    QTest::newRow("a path that leaves the project") << "../../x" << false;
    QTest::newRow("a path into a sub-folder") << "sub/x" << false;
    QTest::newRow("dot-dot alone") << ".." << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("a character Alembic refuses") << "a-b" << false;
    QTest::newRow("a quote") << "a'b" << false;
    QTest::newRow("a backslash") << "a\\b" << false;
    QTest::newRow("a space") << "a b" << false;
    QTest::newRow("a newline") << "a\nb" << false;
}

void tst_RevisionSpec::newIds()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    const Status status = RevisionSpec::validateNewId(id);
    QCOMPARE(status.ok(), valid);
    if (!valid) {
        QCOMPARE(status.error().code, QStringLiteral("invalid-revision-id"));
        QVERIFY(status.error().message.contains(id));
    }
}

QTEST_GUILESS_MAIN(tst_RevisionSpec)
#include "tst_RevisionSpec.moc"
