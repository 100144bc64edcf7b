// Planner: the upgrade/downgrade steps Alembic would run and the heads it leaves. Every row has
// a hand-checked expectation AND is compared with the real Alembic 1.8.1 (RETORT_PYTHON): the
// same revisions are given to alembic's RevisionMap in the same order, the steps come from
// iterate_revisions exactly as ScriptDirectory._upgrade_revs/_downgrade_revs call it, and the
// heads from alembic.runtime.migration.HeadMaintainer fed with real RevisionSteps.

#include "core/GraphSpec.h"
#include "core/RandomGraphs.h"
#include "core/graph/Planner.h"
#include "core/graph/RevisionGraph.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace retort;
using namespace retort::test;

namespace {

struct Case
{
    const char* name;
    QStringList revisions;
    QStringList current;
    Direction direction;
    QString target;
    QStringList steps;          // expected order
    QStringList resultingHeads; // expected, graph order
    QString error;              // expected error message (then steps/heads unused)
};

QList<Case> cases()
{
    const QStringList linear{QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<b")};
    const QStringList diamond{QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<a"), QStringLiteral("m<b,c")};
    const QStringList twoBranches{QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<b"),
                                  QStringLiteral("d<a#feat"), QStringLiteral("e<d")};
    const QStringList twoBases{QStringLiteral("x"), QStringLiteral("y<x"), QStringLiteral("p"), QStringLiteral("q<p|y")};
    const QStringList labelDep{QStringLiteral("x#lib"), QStringLiteral("y<x"), QStringLiteral("p"), QStringLiteral("q<p|lib")};
    const QStringList three{QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<a"), QStringLiteral("d<a"),
                            QStringLiteral("m<b,c,d")};
    const QStringList longShort{QStringLiteral("a"),   QStringLiteral("l1<a"), QStringLiteral("l2<l1"),
                                QStringLiteral("l3<l2"), QStringLiteral("s1<a"), QStringLiteral("m<l3,s1"),
                                QStringLiteral("n<m")};
    const QStringList overlap{QStringLiteral("m"), QStringLiteral("a<m"), QStringLiteral("b<a|m"), QStringLiteral("c<b")};
    const auto up = Direction::Upgrade;
    const auto down = Direction::Downgrade;
    const QStringList none;
    auto L = [](std::initializer_list<const char*> items) {
        QStringList l;
        for (const char* i : items)
            l << QString::fromLatin1(i);
        return l;
    };
    return {
        {"a linear history upgrades from base to head in order", linear, none, up, QStringLiteral("head"), L({"a", "b", "c"}), L({"c"}), {}},
        {"a linear history upgrades from the middle", linear, L({"a"}), up, QStringLiteral("head"), L({"b", "c"}), L({"c"}), {}},
        {"upgrading to the current head runs nothing", linear, L({"c"}), up, QStringLiteral("heads"), none, L({"c"}), {}},
        {"downgrade to base runs every step newest first", linear, L({"c"}), down, QStringLiteral("base"), L({"c", "b", "a"}), none, {}},
        {"downgrade minus one undoes the last step", linear, L({"c"}), down, QStringLiteral("-1"), L({"c"}), L({"b"}), {}},
        {"upgrade plus two from the first revision", linear, L({"a"}), up, QStringLiteral("+2"), L({"b", "c"}), L({"c"}), {}},
        {"upgrade plus one from an empty database", linear, none, up, QStringLiteral("+1"), L({"a"}), L({"a"}), {}},
        {"upgrade to a revision relative to another one", linear, L({"a"}), up, QStringLiteral("c-1"), L({"b"}), L({"b"}), {}},
        {"downgrade minus two past base is rejected", linear, L({"a"}), down, QStringLiteral("-2"), none, none,
         QStringLiteral("Relative revision -2 didn't produce 2 migrations")},
        {"upgrade minus one is rejected", linear, L({"a"}), up, QStringLiteral("-1"), none, none,
         QStringLiteral("Relative revision -1 didn't produce 1 migrations")},
        {"downgrade to a revision that is not below the current one is rejected", twoBranches, L({"b"}), down,
         QStringLiteral("e"), none, none, QStringLiteral("Destination e is not a valid downgrade target from current head(s)")},
        {"an unknown target is reported like Alembic", linear, none, up, QStringLiteral("zzzz"), none, none,
         QStringLiteral("Can't locate revision identified by 'zzzz'")},
        {"head with two heads is rejected", twoBranches, none, up, QStringLiteral("head"), none, none,
         QStringLiteral("Multiple head revisions are present for given argument 'head'; please specify a specific "
                        "target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads")},
        {"a diamond upgrades both sides before the merge", diamond, none, up, QStringLiteral("heads"), L({"a", "c", "b", "m"}), L({"m"}), {}},
        {"downgrading a merge to one parent unmerges", diamond, L({"m"}), down, QStringLiteral("b"), L({"m"}), L({"b", "c"}), {}},
        {"downgrading below a merge removes both sides", diamond, L({"m"}), down, QStringLiteral("a"), L({"m", "b", "c"}), L({"a"}), {}},
        {"upgrading one side of a diamond leaves the other branch alone", diamond, L({"a"}), up, QStringLiteral("b"), L({"b"}), L({"b"}), {}},
        {"the merge from one applied side runs the other side first", diamond, L({"b"}), up, QStringLiteral("m"), L({"c", "m"}), L({"m"}), {}},
        {"a long and a short branch merge", longShort, none, up, QStringLiteral("head"), L({"a", "s1", "l1", "l2", "l3", "m", "n"}), L({"n"}), {}},
        {"downgrading the long and short branches", longShort, L({"n"}), down, QStringLiteral("a"),
         L({"n", "m", "l3", "l2", "l1", "s1"}), L({"a"}), {}},
        {"a merge of three branches", three, none, up, QStringLiteral("heads"), L({"a", "d", "c", "b", "m"}), L({"m"}), {}},
        {"unmerging three branches", three, L({"m"}), down, QStringLiteral("c"), L({"m"}), L({"b", "c", "d"}), {}},
        {"partial upgrade of a labelled branch", twoBranches, L({"c"}), up, QStringLiteral("feat@head"), L({"d", "e"}), L({"c", "e"}), {}},
        {"upgrade every head from the middle of two branches", twoBranches, L({"b", "d"}), up, QStringLiteral("heads"),
         L({"e", "c"}), L({"c", "e"}), {}},
        {"downgrade two branches to base", twoBranches, L({"c", "e"}), down, QStringLiteral("base"),
         L({"c", "b", "e", "d", "a"}), none, {}},
        {"label plus one starts from the branch point", twoBranches, L({"c"}), up, QStringLiteral("feat@+1"), L({"d"}), L({"c", "d"}), {}},
        {"downgrade minus one with two heads picks the first row", twoBranches, L({"c", "e"}), down, QStringLiteral("-1"),
         L({"c"}), L({"b", "e"}), {}},
        {"label at base downgrades everything below a single root", twoBranches, L({"c", "e"}), down,
         QStringLiteral("feat@base"), L({"c", "b", "e", "d", "a"}), none, {}},
        {"several bases upgrade together", twoBases, none, up, QStringLiteral("heads"), L({"x", "y", "p", "q"}), L({"q"}), {}},
        {"depends_on pulls in the other base", twoBases, none, up, QStringLiteral("q"), L({"x", "y", "p", "q"}), L({"q"}), {}},
        {"depends_on named by a branch label", labelDep, none, up, QStringLiteral("q"), L({"x", "p", "q"}), L({"q"}), {}},
        {"downgrading a dependency also downgrades its dependent", twoBases, L({"q"}), down, QStringLiteral("x"),
         L({"q", "y"}), L({"x", "p"}), {}},
        {"a partial id selects the target", linear, none, up, QStringLiteral("b"), L({"a", "b"}), L({"b"}), {}},
        {"downgrading through a depends_on that overlaps the down revisions", overlap, L({"c"}), down, QStringLiteral("a"),
         L({"c", "b"}), L({"m", "a"}), {}},
    };
}

// Runs every case through the real Alembic in one interpreter.
const char* kAlembicScript = R"PY(
import json, sys
import sqlalchemy as sa
from alembic.script.revision import RevisionMap, Revision
from alembic.script.base import ScriptDirectory
from alembic.runtime.migration import RevisionStep, HeadMaintainer
from alembic.util import CommandError

class Module:
    def upgrade(self): pass
    def downgrade(self): pass

class Rev(Revision):
    def __init__(self, rev, down, deps, labels):
        down = None if not down else (down[0] if len(down) == 1 else tuple(down))
        deps = None if not deps else (deps[0] if len(deps) == 1 else tuple(deps))
        super().__init__(rev, down, dependencies=deps, branch_labels=tuple(labels))
        self.module = Module()
        self.doc = ""

class Impl:
    def _exec(self, *a, **k): return None

class Ctx:
    as_sql = True
    impl = Impl()
    _version = sa.Table("alembic_version", sa.MetaData(), sa.Column("version_num", sa.String(32)))

out = []
for case in json.load(sys.stdin):
    revs = [Rev(r["id"], r["down"], r["deps"], r["labels"]) for r in case["revisions"]]
    rmap = RevisionMap(lambda revs=revs: revs)
    current = tuple(case["current"])
    dest = case["target"]
    try:
        if case["direction"] == "upgrade":
            with ScriptDirectory._catch_revision_errors(None, ancestor="Destination %(end)s is not a valid upgrade target from current head(s)", end=dest):
                revs_ = list(rmap.iterate_revisions(dest, current, implicit_base=True))
            steps = [RevisionStep(rmap, r, True) for r in reversed(revs_)]
        else:
            with ScriptDirectory._catch_revision_errors(None, ancestor="Destination %(end)s is not a valid downgrade target from current head(s)", end=dest):
                revs_ = list(rmap.iterate_revisions(current, dest, select_for_downgrade=True))
            steps = [RevisionStep(rmap, r, False) for r in revs_]
        hm = HeadMaintainer(Ctx(), current)
        after = []
        for s in steps:
            hm.update_to_step(s)
            after.append(sorted(hm.heads))
        order = list(rmap._revision_map)
        out.append({"steps": [s.revision.revision for s in steps],
                    "heads": sorted(hm.heads, key=order.index), "after": after})
    except CommandError as e:
        out.append({"error": str(e)})
    except Exception as e:
        out.append({"crash": type(e).__name__ + ": " + str(e)})
print(json.dumps(out))
)PY";

QStringList toList(const QJsonValue& v)
{
    QStringList l;
    for (const QJsonValue& x : v.toArray())
        l << x.toString();
    return l;
}

} // namespace

class tst_Planner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void plan_data();
    void plan();
    void stepsNameTheirParentsLikeRunningLines();
    void versionAfterFollowsTheProjectsAlembic_data();
    void versionAfterFollowsTheProjectsAlembic();
    void aRevisionWithoutTheFunctionFailsEveryPlanThroughIt();
    void indexesOnlyDescribeTheSamePlan_data();
    void indexesOnlyDescribeTheSamePlan();
    void scalesToTenThousandRevisions();
    void scalesWithThousandsOfHeads();

private:
    QHash<QString, QJsonObject> m_alembic;
};

void tst_Planner::initTestCase()
{
    QJsonArray input;
    for (const Case& c : cases()) {
        QJsonObject o;
        QJsonArray revs;
        for (const RevisionFile& f : filesFromSpecs(c.revisions)) {
            revs.append(QJsonObject{{QStringLiteral("id"), f.revision},
                                    {QStringLiteral("down"), QJsonArray::fromStringList(f.downRevisions)},
                                    {QStringLiteral("deps"), QJsonArray::fromStringList(f.dependsOn)},
                                    {QStringLiteral("labels"), QJsonArray::fromStringList(f.branchLabels)}});
        }
        o.insert(QStringLiteral("revisions"), revs);
        o.insert(QStringLiteral("current"), QJsonArray::fromStringList(c.current));
        o.insert(QStringLiteral("direction"), directionName(c.direction));
        o.insert(QStringLiteral("target"), c.target);
        input.append(o);
    }
    QProcess python;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONHASHSEED"), QStringLiteral("0"));
    python.setProcessEnvironment(env);
    python.start(QStringLiteral(RETORT_PYTHON), {QStringLiteral("-c"), QString::fromUtf8(kAlembicScript)});
    QVERIFY2(python.waitForStarted(), qPrintable(QStringLiteral("cannot start RETORT_PYTHON ") + QStringLiteral(RETORT_PYTHON)));
    python.write(QJsonDocument(input).toJson());
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonArray results = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    const QList<Case> all = cases();
    QCOMPARE(results.size(), all.size());
    for (int i = 0; i < all.size(); ++i)
        m_alembic.insert(QString::fromLatin1(all[i].name), results[i].toObject());
}

// Alembic 1.8.1 takes module.upgrade / module.downgrade while it builds the steps, before any
// runs: a file without the function fails exactly the plans that step through it
// (tests/differential's no-downgrade kind checks the same against the real Alembic).
void tst_Planner::aRevisionWithoutTheFunctionFailsEveryPlanThroughIt()
{
    QVector<RevisionFile> files = filesFromSpecs({QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<b")});
    files[1].lacksDowngrade = true;
    files[2].lacksUpgrade = true;
    const Result<RevisionGraph> graph = RevisionGraph::build(files, RevisionGraph::Mode::Strict);
    QVERIFY(graph.ok());

    const Result<Plan> toB = Planner::plan(*graph, {}, Direction::Upgrade, QStringLiteral("b"));
    QVERIFY(toB.ok());
    QCOMPARE(toB->steps.size(), 2);
    const Result<Plan> toHead = Planner::plan(*graph, {}, Direction::Upgrade, QStringLiteral("heads"));
    QVERIFY(!toHead.ok());
    QCOMPARE(toHead.error().code, QStringLiteral("alembic-crash"));
    QCOMPARE(toHead.error().message, QStringLiteral("AttributeError: module '0002_c_py' has no attribute 'upgrade'"));

    const Result<Plan> downToB = Planner::plan(*graph, {QStringLiteral("b")}, Direction::Downgrade, QStringLiteral("a"));
    QVERIFY(!downToB.ok());
    QCOMPARE(downToB.error().message, QStringLiteral("AttributeError: module '0001_b_py' has no attribute 'downgrade'"));
    const Result<Plan> downOne = Planner::plan(*graph, {QStringLiteral("c")}, Direction::Downgrade, QStringLiteral("b"));
    QVERIFY2(downOne.ok(), downOne.ok() ? "" : qPrintable(downOne.error().message)); // c has downgrade()
    QCOMPARE(downOne->steps.size(), 1);
}

void tst_Planner::plan_data()
{
    QTest::addColumn<int>("index");
    const QList<Case> all = cases();
    for (int i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].name) << i;
}

void tst_Planner::plan()
{
    QFETCH(int, index);
    const Case c = cases().at(index);
    Result<RevisionGraph> graph = RevisionGraph::build(filesFromSpecs(c.revisions), RevisionGraph::Mode::Strict);
    QVERIFY2(graph.ok(), graph.ok() ? "" : qPrintable(graph.error().message));
    const Result<Plan> plan = Planner::plan(*graph, c.current, c.direction, c.target, PlanOptions{.headsAfterEachStep = true});
    const QJsonObject alembic = m_alembic.value(QString::fromLatin1(c.name));
    QVERIFY2(!alembic.contains(QStringLiteral("crash")), qPrintable(alembic.value(QStringLiteral("crash")).toString()));

    if (!c.error.isEmpty()) {
        QVERIFY2(!plan.ok(), "the plan should have failed");
        QCOMPARE(plan.error().message, alembic.value(QStringLiteral("error")).toString());
        QCOMPARE(plan.error().message, c.error);
        return;
    }
    QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
    QStringList steps;
    for (const PlanStep& s : plan->steps) {
        QCOMPARE(s.direction, c.direction);
        steps << s.revision;
    }
    QCOMPARE(steps, toList(alembic.value(QStringLiteral("steps"))));
    QCOMPARE(plan->resultingHeads, toList(alembic.value(QStringLiteral("heads"))));
    const QJsonArray after = alembic.value(QStringLiteral("after")).toArray();
    QCOMPARE(after.size(), plan->steps.size());
    for (int i = 0; i < after.size(); ++i)
        QCOMPARE(plan->steps[i].headsAfter, toList(after[i]));
    // and the hand-checked expectation agrees with Alembic
    QCOMPARE(steps, c.steps);
    QCOMPARE(plan->resultingHeads, c.resultingHeads);
}

// Alembic 1.13.1 changed RevisionStep._unmerge_to_revisions: a downgrade step with no other head
// leaves out the down revisions that are ancestors of another of them (a depends_on overlapping
// the down revisions). The rows were taken from Alembic 1.8.1 (Debian) and 1.19.1
// (../shared/reference) on these graphs; `plan` above checks 1.8.1's live, tst_DifferentialCurrent
// the current one on generated graphs.
void tst_Planner::versionAfterFollowsTheProjectsAlembic_data()
{
    QTest::addColumn<QStringList>("revisions");
    QTest::addColumn<QStringList>("current");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QList<QStringList>>("after");
    const QStringList chain{QStringLiteral("m"), QStringLiteral("a<m"), QStringLiteral("b<a|m")};
    const QStringList merge{QStringLiteral("m"), QStringLiteral("a<m"), QStringLiteral("x<m"), QStringLiteral("b<a,x|m")};
    const QStringList other{QStringLiteral("m"), QStringLiteral("a<m"), QStringLiteral("b<a|m"), QStringLiteral("z<m")};
    for (const char* version : {"1.8.1", "1.13.0", ""}) {
        const QString v = QString::fromLatin1(version);
        QTest::addRow("one down revision, Alembic %s", *version ? version : "unknown")
            << chain << L({"b"}) << QStringLiteral("a") << v << L({"b"}) << QList<QStringList>{L({"a", "m"})};
        QTest::addRow("a merge, Alembic %s", *version ? version : "unknown")
            << merge << L({"b"}) << QStringLiteral("m") << v << L({"b", "a", "x"})
            << QList<QStringList>{L({"a", "m", "x"}), L({"m", "x"}), L({"m"})};
    }
    for (const char* version : {"1.13.1", "1.19.1"}) {
        QTest::addRow("one down revision, Alembic %s", version)
            << chain << L({"b"}) << QStringLiteral("a") << QString::fromLatin1(version) << L({"b"}) << QList<QStringList>{L({"a"})};
        QTest::addRow("a merge, Alembic %s", version)
            << merge << L({"b"}) << QStringLiteral("m") << QString::fromLatin1(version) << L({"b", "a", "x"})
            << QList<QStringList>{L({"a", "x"}), L({"x"}), L({"m"})};
    }
    for (const char* version : {"1.8.1", "1.19.1"}) {
        // another head keeps the older rule in every version
        QTest::addRow("another head, Alembic %s", version)
            << other << L({"b", "z"}) << QStringLiteral("a") << QString::fromLatin1(version) << L({"b"})
            << QList<QStringList>{L({"a", "z"})};
    }
}

void tst_Planner::versionAfterFollowsTheProjectsAlembic()
{
    QFETCH(QStringList, revisions);
    QFETCH(QStringList, current);
    QFETCH(QString, target);
    QFETCH(QString, version);
    QFETCH(QStringList, steps);
    QFETCH(QList<QStringList>, after);
    const Result<RevisionGraph> graph = RevisionGraph::build(filesFromSpecs(revisions), RevisionGraph::Mode::Strict,
                                                             AlembicVersion::parse(version));
    QVERIFY2(graph.ok(), graph.ok() ? "" : qPrintable(graph.error().message));
    PlanOptions options;
    options.headsAfterEachStep = true;
    const Result<Plan> plan = Planner::plan(*graph, current, Direction::Downgrade, target, options);
    QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
    QStringList got;
    QList<QStringList> rows;
    for (const PlanStep& step : plan->steps) {
        got << step.revision;
        rows << step.headsAfter;
    }
    QCOMPARE(got, steps);
    QCOMPARE(rows, after);
}

void tst_Planner::stepsNameTheirParentsLikeRunningLines()
{
    const QStringList diamond{QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<a"), QStringLiteral("m<b,c")};
    Result<RevisionGraph> graph = RevisionGraph::build(filesFromSpecs(diamond));
    QVERIFY(graph.ok());
    Result<Plan> up = Planner::plan(*graph, {}, Direction::Upgrade, QStringLiteral("m"));
    QVERIFY(up.ok());
    QCOMPARE(up->steps.first().fromRevisions, QStringList());            // "upgrade  -> a"
    QCOMPARE(up->steps.last().fromRevisions, (QStringList{QStringLiteral("b"), QStringLiteral("c")})); // "b, c -> m"
    QCOMPARE(up->steps.last().toRevisions, QStringList{QStringLiteral("m")});
    Result<Plan> down = Planner::plan(*graph, {QStringLiteral("m")}, Direction::Downgrade, QStringLiteral("base"));
    QVERIFY(down.ok());
    QCOMPARE(down->steps.first().fromRevisions, QStringList{QStringLiteral("m")});
    QCOMPARE(down->steps.first().toRevisions, (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(down->steps.last().toRevisions, QStringList());
    QCOMPARE(down->currentHeads, QStringList{QStringLiteral("m")});
}

// PlanOptions::indexesOnly (retort-cli plan --json) gives the same steps and the same rows
// after each step, sorted by id, as the strings of the full plan; on generated graphs with many
// heads (ids that share their first characters), both Alembic rules, upgrades and downgrades.
void tst_Planner::indexesOnlyDescribeTheSamePlan_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("revisions");
    QTest::addColumn<int>("basePercent");
    QTest::addColumn<QString>("version");
    for (quint32 seed = 1; seed <= 12; ++seed) {
        const int revisions = 40 + int(seed) * 60;
        const int basePercent = int(seed % 4) * 4;
        for (const char* version : {"1.8.1", "1.19.1"})
            QTest::addRow("graph %u of %d revisions, %d%% bases, Alembic %s", seed, revisions, basePercent, version)
                << seed << revisions << basePercent << QString::fromLatin1(version);
    }
}

void tst_Planner::indexesOnlyDescribeTheSamePlan()
{
    QFETCH(quint32, seed);
    QFETCH(int, revisions);
    QFETCH(int, basePercent);
    QFETCH(QString, version);
    RandomGraphShape shape;
    shape.revisions = revisions;
    shape.basePercent = basePercent;
    shape.branchPercent = 25;
    const Result<RevisionGraph> graph = RevisionGraph::build(RandomGraphs::make(seed, shape), RevisionGraph::Mode::Strict,
                                                             AlembicVersion::parse(version));
    QVERIFY2(graph.ok(), graph.ok() ? "" : qPrintable(graph.error().message));
    QStringList heads;
    for (int h : graph->heads())
        heads << graph->at(h).id;
    const QString middle = graph->at(graph->size() / 2).id;
    struct Request
    {
        QStringList current;
        Direction direction;
        QString target;
    };
    const QList<Request> requests{{{}, Direction::Upgrade, QStringLiteral("heads")},
                                  {{middle}, Direction::Upgrade, QStringLiteral("heads")},
                                  {heads, Direction::Downgrade, QStringLiteral("base")},
                                  {heads, Direction::Downgrade, middle}};
    int compared = 0, severalRows = 0;
    for (const Request& r : requests) {
        PlanOptions full;
        full.headsAfterEachStep = true;
        PlanOptions indexes = full;
        indexes.indexesOnly = true;
        const Result<Plan> a = Planner::plan(*graph, r.current, r.direction, r.target, full);
        const Result<Plan> b = Planner::plan(*graph, r.current, r.direction, r.target, indexes);
        QCOMPARE(b.ok(), a.ok());
        if (!a.ok()) {
            QCOMPARE(b.error().message, a.error().message);
            continue;
        }
        QVERIFY(b->steps.isEmpty());
        QCOMPARE(b->stepRevisions, a->stepRevisions);
        QCOMPARE(b->resultingHeads, a->resultingHeads);
        QCOMPARE(b->headsAfterStart.size(), a->steps.size() + 1);
        for (int k = 0; k < a->steps.size(); ++k) {
            const PlanStep& step = a->steps[k];
            QCOMPARE(graph->at(a->stepRevisions[k]).id, step.revision);
            QStringList rows;
            for (int i = b->headsAfterStart[k]; i < b->headsAfterStart[k + 1]; ++i)
                rows << graph->at(b->headsAfterRows[i]).id;
            QCOMPARE(rows, step.headsAfter);
            QStringList sorted = step.headsAfter;
            std::sort(sorted.begin(), sorted.end());
            QCOMPARE(step.headsAfter, sorted);
            severalRows += rows.size() > 1 ? 1 : 0;
            ++compared;
        }
    }
    QVERIFY(compared > revisions); // the plans are not all refused
    QVERIFY(severalRows > 0);
}

void tst_Planner::scalesToTenThousandRevisions()
{
    // 10,000 revisions: a trunk with feature branches of 1-20 revisions merged back, some
    // depends_on, three bases. Building, planning base -> heads and heads -> base stay fast.
    QStringList specs;
    specs << QStringLiteral("r0");
    QString trunk = QStringLiteral("r0");
    int n = 1;
    quint32 seed = 12345;
    auto rnd = [&seed](int mod) {
        seed = seed * 1103515245u + 12345u;
        return int((seed >> 16) % quint32(mod));
    };
    while (n < 10000) {
        const int len = 1 + rnd(20);
        QString tip = trunk;
        for (int k = 0; k < len && n < 10000; ++k, ++n) {
            const QString id = QStringLiteral("r%1").arg(n);
            // now and then a revision of another base, and a dependency on it from the branch
            const bool otherBase = rnd(50) == 0;
            if (otherBase) {
                specs << QStringLiteral("o%1").arg(n);
                specs << id + QLatin1Char('<') + tip + QStringLiteral("|o%1").arg(n);
            } else {
                specs << id + QLatin1Char('<') + tip;
            }
            tip = id;
        }
        if (n >= 10000)
            break;
        const QString next = QStringLiteral("r%1").arg(n++);
        const QString trunkNext = QStringLiteral("r%1").arg(n++);
        specs << next + QLatin1Char('<') + trunk; // trunk moves on in parallel
        specs << trunkNext + QLatin1Char('<') + next + QLatin1Char(',') + tip;
        trunk = trunkNext;
    }
    const QVector<RevisionFile> files = filesFromSpecs(specs);
    QElapsedTimer timer;
    timer.start();
    Result<RevisionGraph> graph = RevisionGraph::build(files);
    const qint64 buildMs = timer.elapsed();
    QVERIFY2(graph.ok(), graph.ok() ? "" : qPrintable(graph.error().message));
    QVERIFY(graph->size() >= 10000);
    QVERIFY(graph->bases().size() > 1);
    timer.restart();
    Result<Plan> up = Planner::plan(*graph, {}, Direction::Upgrade, QStringLiteral("heads"));
    const qint64 upMs = timer.elapsed();
    QVERIFY2(up.ok(), up.ok() ? "" : qPrintable(up.error().message));
    QCOMPARE(up->steps.size(), graph->size());
    timer.restart();
    Result<Plan> down = Planner::plan(*graph, up->resultingHeads, Direction::Downgrade, QStringLiteral("base"));
    const qint64 downMs = timer.elapsed();
    QVERIFY(down.ok());
    QCOMPARE(down->steps.size(), graph->size());
    QVERIFY(down->resultingHeads.isEmpty());
    qInfo("10k revisions: build %lld ms, plan up %lld ms, plan down %lld ms", buildMs, upMs, downMs);
    QVERIFY2(upMs < 500 && downMs < 500, "planning 10,000 revisions must stay well under a second even in debug builds");
}

void tst_Planner::scalesWithThousandsOfHeads()
{
    // 10,000 revisions, each on one or two of the 12 previous ones, 8% new bases: thousands of
    // heads and merges everywhere (Alembic 1.8.1 needs ~17 s to plan `downgrade base` here).
    QStringList specs;
    quint32 seed = 99;
    auto rnd = [&seed](int mod) {
        seed = seed * 1103515245u + 12345u;
        return int((seed >> 16) % quint32(mod));
    };
    for (int i = 0; i < 10000; ++i) {
        const QString id = QStringLiteral("n%1").arg(i);
        if (i == 0 || rnd(100) < 8) {
            specs << id;
            continue;
        }
        const int window = std::min(i, 12);
        const int a = i - 1 - rnd(window);
        int b = i - 1 - rnd(window);
        if (rnd(100) < 15 && b != a)
            specs << id + QStringLiteral("<n%1,n%2").arg(a).arg(b);
        else
            specs << id + QStringLiteral("<n%1").arg(a);
    }
    Result<RevisionGraph> graph = RevisionGraph::build(filesFromSpecs(specs));
    QVERIFY2(graph.ok(), graph.ok() ? "" : qPrintable(graph.error().message));
    QVERIFY(graph->heads().size() > 1000);
    QStringList heads;
    for (int h : graph->heads())
        heads << graph->at(h).id;
    QElapsedTimer timer;
    timer.start();
    Result<Plan> down = Planner::plan(*graph, heads, Direction::Downgrade, QStringLiteral("base"));
    const qint64 downMs = timer.elapsed();
    QVERIFY2(down.ok(), down.ok() ? "" : qPrintable(down.error().message));
    QCOMPARE(down->steps.size(), graph->size());
    timer.restart();
    Result<Plan> up = Planner::plan(*graph, {}, Direction::Upgrade, QStringLiteral("heads"));
    const qint64 upMs = timer.elapsed();
    QVERIFY2(up.ok(), up.ok() ? "" : qPrintable(up.error().message));
    QCOMPARE(up->steps.size(), graph->size());
    QCOMPARE(up->resultingHeads.size(), heads.size());
    qInfo("10k revisions, %lld heads: plan down %lld ms, plan up %lld ms", qint64(heads.size()), downMs, upMs);
    QVERIFY2(upMs < 1000 && downMs < 1000, "planning must stay near-linear with thousands of heads");
}

QTEST_GUILESS_MAIN(tst_Planner)
#include "tst_Planner.moc"
