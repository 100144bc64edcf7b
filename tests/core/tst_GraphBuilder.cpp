// GraphBuilder: the phases of RevisionGraph::build. On generated graphs (tests/core/RandomGraphs.h)
// the fast paths must give exactly the graph that Alembic's own walks give (every field of every
// revision, heads and bases, history order, problems or the Strict error), in Strict and Lenient
// mode, copying the files or taking their strings. Then one test per phase on a small graph,
// asserting what that phase itself produces (in both walk modes where the phase has two).

#include "core/GraphSpec.h"
#include "core/RandomGraphs.h"
#include "core/graph/GraphBuilder.h"
#include "core/log/Log.h"

#include <QTest>

#include <algorithm>
#include <functional>
#include <set>

using namespace retort;
using namespace retort::test;

using Mode = RevisionGraph::Mode;
using Walks = GraphBuilder::Walks;

Q_DECLARE_METATYPE(GraphBuilder::Walks)

namespace {

template <typename T>
QString text(const T& value)
{
    return QString::fromUtf8(QTest::toString(value));
}

QString firstOf(std::initializer_list<QString> differences)
{
    for (const QString& d : differences) {
        if (!d.isEmpty())
            return d;
    }
    return {};
}

// The first difference between two graphs, "" when they are equal in every field.
QString firstDifference(const RevisionGraph& a, const RevisionGraph& b)
{
    if (a.size() != b.size())
        return QStringLiteral("size %1 vs %2").arg(a.size()).arg(b.size());
    auto differ = [](const QString& what, const auto& x, const auto& y) {
        return x == y ? QString() : QStringLiteral("%1: %2 vs %3").arg(what, text(x), text(y));
    };
    for (int i = 0; i < a.size(); ++i) {
        const Revision& x = a.at(i);
        const Revision& y = b.at(i);
        const QString at = QStringLiteral("revision %1 (%2) ").arg(i).arg(x.id);
        const QString d = firstOf({
            differ(at + QStringLiteral("id"), x.id, y.id),
            differ(at + QStringLiteral("downRevisions"), x.downRevisions, y.downRevisions),
            differ(at + QStringLiteral("dependsOn"), x.dependsOn, y.dependsOn),
            differ(at + QStringLiteral("branchLabels"), x.branchLabels, y.branchLabels),
            differ(at + QStringLiteral("allBranchLabels"), x.allBranchLabels, y.allBranchLabels),
            differ(at + QStringLiteral("message"), x.message, y.message),
            differ(at + QStringLiteral("docstring"), x.docstring, y.docstring),
            differ(at + QStringLiteral("createDate"), x.createDate, y.createDate),
            differ(at + QStringLiteral("path"), x.path, y.path),
            differ(at + QStringLiteral("line"), x.line, y.line),
            differ(at + QStringLiteral("index"), x.index, y.index),
            differ(at + QStringLiteral("parents"), x.parents, y.parents),
            differ(at + QStringLiteral("children"), x.children, y.children),
            differ(at + QStringLiteral("dependencies"), x.dependencies, y.dependencies),
            differ(at + QStringLiteral("dependents"), x.dependents, y.dependents),
            differ(at + QStringLiteral("normalizedDown"), x.normalizedDown, y.normalizedDown),
            differ(at + QStringLiteral("normalizedChildren"), x.normalizedChildren, y.normalizedChildren),
            differ(at + QStringLiteral("isHead"), x.isHead, y.isHead),
            differ(at + QStringLiteral("isBase"), x.isBase, y.isBase),
            differ(at + QStringLiteral("isBranchPoint"), x.isBranchPoint, y.isBranchPoint),
            differ(at + QStringLiteral("isMergePoint"), x.isMergePoint, y.isMergePoint),
            differ(at + QStringLiteral("isRealHead"), x.isRealHead, y.isRealHead),
            differ(at + QStringLiteral("isRealBase"), x.isRealBase, y.isRealBase),
            differ(at + QStringLiteral("isRealBranchPoint"), x.isRealBranchPoint, y.isRealBranchPoint),
            differ(at + QStringLiteral("lacksUpgrade"), x.lacksUpgrade, y.lacksUpgrade),
            differ(at + QStringLiteral("lacksDowngrade"), x.lacksDowngrade, y.lacksDowngrade),
            differ(at + QStringLiteral("emptyDependsOn"), x.emptyDependsOn, y.emptyDependsOn),
            differ(at + QStringLiteral("problemCodes"), x.problemCodes, y.problemCodes),
        });
        if (!d.isEmpty())
            return d;
    }
    const QString d = firstOf({
        differ(QStringLiteral("heads"), a.heads(), b.heads()),
        differ(QStringLiteral("realHeads"), a.realHeads(), b.realHeads()),
        differ(QStringLiteral("bases"), a.bases(), b.bases()),
        differ(QStringLiteral("realBases"), a.realBases(), b.realBases()),
        differ(QStringLiteral("labels"), a.labels(), b.labels()),
        differ(QStringLiteral("historyOrder"), a.historyOrder(), b.historyOrder()),
        differ(QStringLiteral("problem count"), a.problems().size(), b.problems().size()),
    });
    if (!d.isEmpty())
        return d;
    for (int k = 0; k < a.problems().size(); ++k) {
        const GraphProblem& x = a.problems().at(k);
        const GraphProblem& y = b.problems().at(k);
        const QString at = QStringLiteral("problem %1 (%2) ").arg(k).arg(x.message);
        const QString p = firstOf({
            differ(at + QStringLiteral("code"), x.code, y.code),
            differ(at + QStringLiteral("message"), x.message, y.message),
            differ(at + QStringLiteral("revisions"), x.revisions, y.revisions),
            differ(at + QStringLiteral("path"), x.path, y.path),
            differ(at + QStringLiteral("line"), x.line, y.line),
            differ(at + QStringLiteral("fatal"), x.fatal, y.fatal),
            differ(at + QStringLiteral("detail"), x.detail, y.detail),
        });
        if (!p.isEmpty())
            return p;
    }
    return {};
}

QString firstDifference(const Result<RevisionGraph>& a, const Result<RevisionGraph>& b)
{
    if (a.ok() != b.ok())
        return QStringLiteral("one build failed: %1").arg(a.ok() ? b.error().message : a.error().message);
    if (a.ok())
        return firstDifference(*a, *b);
    const Error& x = a.error();
    const Error& y = b.error();
    if (x.code != y.code || x.message != y.message || x.hint != y.hint || x.path != y.path || x.line != y.line)
        return QStringLiteral("errors differ: %1 vs %2").arg(x.toString(), y.toString());
    return {};
}

const Revision& rev(const GraphBuilder& b, const char* id)
{
    return b.graph().at(b.graph().indexOf(QString::fromLatin1(id)));
}

QStringList problemMessages(const GraphBuilder& b)
{
    QStringList l;
    for (const GraphProblem& p : b.graph().problems())
        l << p.code + QStringLiteral(": ") + p.message;
    return l;
}

// The phases, in build order; a builder that has run them up to and including `last`.
enum class Phase {
    ReadFiles,
    MapBranchLabels,
    AddDependencies,
    LinkParents,
    DetectCycles,
    CutCycles,
    NormalizeDependencies,
    MarkHeadsAndBases,
    AddBranchLabels
};

GraphBuilder runUpTo(const QVector<RevisionFile>& files, Phase last, Mode mode = Mode::Lenient, Walks walks = Walks::Fast)
{
    GraphBuilder b(mode, walks);
    b.readFiles(files);
    const std::function<void()> phases[] = {
        [&] { b.mapBranchLabels(); },       [&] { b.addDependencies(); },     [&] { b.linkParents(); },
        [&] { b.detectCycles(); },          [&] { b.cutCycles(); },           [&] { b.normalizeDependencies(); },
        [&] { b.markHeadsAndBases(); },     [&] { b.addBranchLabels(); },
    };
    for (int k = 0; k < int(last); ++k)
        phases[k]();
    return b;
}

GraphBuilder runUpTo(const QStringList& specs, Phase last, Mode mode = Mode::Lenient, Walks walks = Walks::Fast)
{
    return runUpTo(filesFromSpecs(specs), last, mode, walks);
}

void addWalkRows()
{
    QTest::addColumn<Walks>("walks");
    QTest::newRow("fast paths") << Walks::Fast;
    QTest::newRow("reference walks") << Walks::Reference;
}

} // namespace

class tst_GraphBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fastPathsMatchReferenceWalks_data();
    void fastPathsMatchReferenceWalks();
    void generatedGraphsCoverEveryShape();
    void readFiles();
    void readFilesCopiesOrTakesStrings();
    void mapBranchLabels();
    void addDependencies();
    void linkParents();
    void detectCycles_data() { addWalkRows(); }
    void detectCycles();
    void strictStopsAfterDetectCycles();
    void cutCycles();
    void normalizeDependencies_data() { addWalkRows(); }
    void normalizeDependencies();
    void markHeadsAndBases();
    void addBranchLabels_data() { addWalkRows(); }
    void addBranchLabels();
};

void tst_GraphBuilder::initTestCase()
{
    // Thousands of builds: their info lines and the warnings of broken graphs are not the subject.
    log::get(log::Area::Graph).set_level(spdlog::level::off);
}

void tst_GraphBuilder::fastPathsMatchReferenceWalks_data()
{
    QTest::addColumn<int>("caseIndex");
    const QList<RandomGraphCase> cases = randomGraphCases();
    for (int k = 0; k < int(cases.size()); ++k)
        QTest::newRow(qPrintable(cases[k].name)) << k;
}

void tst_GraphBuilder::fastPathsMatchReferenceWalks()
{
    QFETCH(int, caseIndex);
    const RandomGraphCase c = randomGraphCases().at(caseIndex);
    const QVector<RevisionFile> files = RandomGraphs::make(c.seed, c.shape);
    for (Mode mode : {Mode::Strict, Mode::Lenient}) {
        const QString modeName = mode == Mode::Strict ? QStringLiteral("Strict: ") : QStringLiteral("Lenient: ");
        const Result<RevisionGraph> fast = RevisionGraph::build(files, mode);
        const Result<RevisionGraph> reference = GraphBuilder::build(files, mode, Walks::Reference);
        QString diff = firstDifference(fast, reference);
        QVERIFY2(diff.isEmpty(), qPrintable(modeName + diff));

        // Taking the strings instead of copying them changes nothing but the files left behind.
        QVector<RevisionFile> taken = files;
        const Result<RevisionGraph> moved = RevisionGraph::build(std::move(taken), mode);
        diff = firstDifference(fast, moved);
        QVERIFY2(diff.isEmpty(), qPrintable(modeName + diff));
        QCOMPARE(taken.size(), files.size());
        if (mode == Mode::Lenient) {
            QVERIFY2(fast.ok(), "Lenient mode always builds");
            QVERIFY(std::all_of(taken.cbegin(), taken.cend(), [](const RevisionFile& f) { return f.revision.isEmpty(); }));
        }
    }
}

// The generator must keep producing what the comparison above is about: graphs on which the fast
// paths run, graphs on which they give way to the walks, and every problem the build reports.
void tst_GraphBuilder::generatedGraphsCoverEveryShape()
{
    std::set<QString> codes;
    int largest = 0, withLabels = 0, withSharedDependencies = 0, withUndetectedCycles = 0, strictErrors = 0;
    for (const RandomGraphCase& c : randomGraphCases()) {
        const QVector<RevisionFile> files = RandomGraphs::make(c.seed, c.shape);
        const Result<RevisionGraph> lenient = RevisionGraph::build(files, Mode::Lenient);
        QVERIFY(lenient.ok());
        for (const GraphProblem& p : lenient->problems())
            codes.insert(p.code);
        largest = std::max(largest, lenient->size());
        withLabels += lenient->labels().size() >= 3 ? 1 : 0;
        withSharedDependencies += std::count_if(lenient->revisions().cbegin(), lenient->revisions().cend(),
                                                [](const Revision& r) { return r.dependents.size() > 1; }) > 0;
        const Result<RevisionGraph> strict = RevisionGraph::build(files, Mode::Strict);
        strictErrors += strict.ok() ? 0 : 1;
        if (strict.ok()) {
            // a down_revision cycle that Alembic's _detect_cycles does not see: no parents-first order
            QVector<int> missing(strict->size());
            QVector<int> queue;
            for (const Revision& r : strict->revisions()) {
                missing[r.index] = int(r.parents.size());
                if (missing[r.index] == 0)
                    queue << r.index;
            }
            for (int k = 0; k < queue.size(); ++k) {
                for (int child : strict->at(queue[k]).children) {
                    if (--missing[child] == 0)
                        queue << child;
                }
            }
            withUndetectedCycles += queue.size() < strict->size() ? 1 : 0;
        }
    }
    const QStringList expected = L({"duplicate-revision", "invalid-revision-id", "self-loop", "dependency-self-loop",
                                    "duplicate-label", "missing-revision", "missing-dependency", "cycle",
                                    "dependency-cycle", "unresolved-value", "revision-file-syntax", "no-down-revision"});
    for (const QString& code : expected)
        QVERIFY2(codes.count(code) == 1, qPrintable(code));
    QVERIFY(largest >= 2000);
    QVERIFY(withLabels >= 50);
    QVERIFY(withSharedDependencies >= 50);
    QVERIFY(withUndetectedCycles >= 3);
    QVERIFY(strictErrors >= 100);
}

void tst_GraphBuilder::readFiles()
{
    QVector<RevisionFile> files = filesFromSpecs(L({"a", "b<a", "c<a", "b<c", "d<d", "e<a|e", "f+<a"}));
    files[2].lacksDowngrade = true;
    const GraphBuilder b = runUpTo(files, Phase::ReadFiles);
    const RevisionGraph& g = b.graph();
    // Map order: first appearance; a duplicate id keeps its place and takes the later file.
    QCOMPARE(ids(g, {0, 1, 2, 3, 4, 5}), L({"a", "b", "c", "d", "e", "f+"}));
    QCOMPARE(g.size(), 6);
    QCOMPARE(b.objectOrder(), (QVector<int>{0, 3, 2, 4, 5, 6}));
    QCOMPARE(rev(b, "b").downRevisions, L({"c"}));
    QCOMPARE(rev(b, "b").path, QStringLiteral("/project/versions/0003_b.py"));
    QCOMPARE(rev(b, "b").index, 1);
    QVERIFY(rev(b, "c").lacksDowngrade);
    // Self-references are reported and dropped; nothing is resolved yet.
    QVERIFY(rev(b, "d").downRevisions.isEmpty());
    QVERIFY(rev(b, "e").dependsOn.isEmpty());
    QVERIFY(rev(b, "b").parents.isEmpty());
    QCOMPARE(problemMessages(b),
             L({"duplicate-revision: Revision b is present more than once (/project/versions/0001_b.py and "
                "/project/versions/0003_b.py; the later file is used)",
                "self-loop: Self-loop is detected in revisions (d)",
                "dependency-self-loop: Dependency self-loop is detected in revisions (e)",
                "invalid-revision-id: Character(s) '+' not allowed in revision identifier 'f+'"}));
    QCOMPARE(rev(b, "b").problemCodes, L({"duplicate-revision"}));
    QCOMPARE(rev(b, "d").problemCodes, L({"self-loop"}));

    // Unreadable files: recorded with their file, left out of the map when they have no id.
    QVector<RevisionFile> broken = filesFromSpecs(L({"a", "b<a"}));
    broken[1].unresolved << UnresolvedValue{QStringLiteral("depends_on"), QStringLiteral("deps()"), 10};
    broken[1].hasDownRevision = false;
    RevisionFile nothing;
    nothing.path = QStringLiteral("/project/versions/0002_nothing.py");
    broken << nothing;
    const GraphBuilder u = runUpTo(broken, Phase::ReadFiles, Mode::Strict);
    QCOMPARE(u.graph().size(), 2);
    QCOMPARE(problemMessages(u),
             L({"unresolved-value: The value of 'depends_on' is not a literal Retort can read without running Python: deps()",
                "no-down-revision: Revision b has no 'down_revision' variable (Alembic fails with AttributeError)",
                "revision-file-no-revision: Could not determine revision id from filename 0002_nothing.py. Be sure "
                "the 'revision' variable is declared inside the script."}));
    QCOMPARE(u.firstFatalProblem()->code, QStringLiteral("unresolved-value"));
    QCOMPARE(rev(u, "b").problemCodes, L({"unresolved-value", "no-down-revision"}));
}

void tst_GraphBuilder::readFilesCopiesOrTakesStrings()
{
    const QVector<RevisionFile> original = filesFromSpecs(L({"a#lib", "b<a|lib"}));
    QVector<RevisionFile> files = original;
    GraphBuilder copying(Mode::Strict);
    copying.readFiles(std::as_const(files));
    QCOMPARE(files.at(1).revision, QStringLiteral("b"));
    QCOMPARE(files.at(1).downRevisions, L({"a"}));

    GraphBuilder taking(Mode::Strict);
    taking.readFiles(std::move(files));
    QCOMPARE(files.size(), 2); // the entries stay, with the taken fields emptied
    QVERIFY(files.at(1).revision.isEmpty());
    QVERIFY(files.at(1).downRevisions.isEmpty());
    QVERIFY(files.at(0).branchLabels.isEmpty());
    QVERIFY(files.at(1).path.isEmpty());
    QCOMPARE(files.at(1).revisionLine, 7); // plain values are read, not taken
    for (const GraphBuilder* b : {&copying, &taking}) {
        QCOMPARE(b->graph().size(), 2);
        QCOMPARE(rev(*b, "b").dependsOn, L({"lib"}));
        QCOMPARE(rev(*b, "b").path, original.at(1).path);
        QCOMPARE(rev(*b, "a").branchLabels, L({"lib"}));
    }
}

void tst_GraphBuilder::mapBranchLabels()
{
    const GraphBuilder b = runUpTo(L({"a#x", "b<a#x,y", "c<b#a,z"}), Phase::MapBranchLabels);
    QCOMPARE(b.effectiveLabels(), (QVector<QStringList>{L({"x"}), L({"y"}), L({"z"})}));
    QCOMPARE(b.graph().indexOfLabel(QStringLiteral("x")), 0);
    QCOMPARE(b.graph().indexOfLabel(QStringLiteral("y")), 1);
    QCOMPARE(b.graph().indexOfLabel(QStringLiteral("z")), 2);
    QCOMPARE(b.graph().indexOfLabel(QStringLiteral("a")), -1);
    QCOMPARE(problemMessages(b), L({"duplicate-label: Branch name 'x' in revision b already used by revision a",
                                    "duplicate-label: Branch name 'a' in revision c already used by revision a"}));
    QCOMPARE(b.graph().problems().at(0).detail, QStringLiteral("b is in 0001_b.py; a is in 0000_a.py."));
    QCOMPARE(b.graph().problems().at(0).revisions, L({"b", "a"}));
    QCOMPARE(rev(b, "a").problemCodes, L({"duplicate-label"}));
    QCOMPARE(rev(b, "c").problemCodes, L({"duplicate-label"}));
    // Declared labels stay as declared; nothing is inherited yet.
    QCOMPARE(rev(b, "b").branchLabels, L({"x", "y"}));
    QVERIFY(rev(b, "c").allBranchLabels.isEmpty());
}

void tst_GraphBuilder::addDependencies()
{
    const GraphBuilder b = runUpTo(L({"a#lib", "b<a", "c<b|lib,a,b,zz", "d<c|me#me"}), Phase::AddDependencies);
    // By id or by label, declared order, each revision once; the unresolvable ones left out.
    QCOMPARE(rev(b, "c").dependencies, (QVector<int>{0, 1}));
    QVERIFY(rev(b, "d").dependencies.isEmpty());
    QCOMPARE(problemMessages(b), L({"missing-dependency: Revision or branch zz named in depends_on of c is not present",
                                    "dependency-self-loop: Dependency self-loop is detected in revisions (d)"}));
    QCOMPARE(b.graph().problems().at(0).line, 10);
    QCOMPARE(rev(b, "c").problemCodes, L({"missing-dependency"}));
    // Reverse edges and parents come later.
    QVERIFY(rev(b, "a").dependents.isEmpty());
    QVERIFY(rev(b, "c").parents.isEmpty());
}

void tst_GraphBuilder::linkParents()
{
    const GraphBuilder b = runUpTo(L({"a#lib", "b<a", "c<a", "m<c,b,gone", "n<lib", "x|b"}), Phase::LinkParents);
    QCOMPARE(rev(b, "m").parents, (QVector<int>{2, 1}));
    QCOMPARE(rev(b, "a").children, (QVector<int>{1, 2}));
    QCOMPARE(rev(b, "b").children, (QVector<int>{3}));
    QCOMPARE(rev(b, "b").dependents, (QVector<int>{5}));
    QVERIFY(rev(b, "n").parents.isEmpty());
    QCOMPARE(problemMessages(b),
             L({"missing-revision: Revision gone referenced from m is not present",
                "missing-revision: Revision lib referenced from n is not present (it is a branch label; down_revision "
                "needs a revision id)"}));
    QCOMPARE(b.graph().problems().at(0).revisions, L({"m", "gone"}));
    QCOMPARE(b.graph().problems().at(0).line, 8);
    QCOMPARE(rev(b, "m").problemCodes, L({"missing-revision"}));
    QVERIFY(rev(b, "m").normalizedDown.isEmpty()); // normalized later
}

void tst_GraphBuilder::detectCycles()
{
    QFETCH(Walks, walks);
    // A down_revision cycle: what the walks from heads and bases miss, sorted.
    const GraphBuilder cycle = runUpTo(L({"base", "a<b", "b<a", "c<a"}), Phase::DetectCycles, Mode::Lenient, walks);
    QCOMPARE(problemMessages(cycle), L({"cycle: Cycle is detected in revisions (a, b, c)"}));
    QCOMPARE(cycle.graph().problems().at(0).detail,
             QStringLiteral("Revisions involved: a in 0001_a.py, b in 0002_b.py, c in 0003_c.py."));
    QCOMPARE(rev(cycle, "c").problemCodes, L({"cycle"}));
    QVERIFY(rev(cycle, "base").problemCodes.isEmpty());

    // Nothing but a cycle: no head or no base, every revision in map order.
    const GraphBuilder closed = runUpTo(L({"b<a", "a<b"}), Phase::DetectCycles, Mode::Lenient, walks);
    QCOMPARE(problemMessages(closed), L({"cycle: Cycle is detected in revisions (b, a)"}));

    // A cycle that both walks cross (reached from a base, reaching a head): Alembic 1.8.1 misses it.
    const GraphBuilder missed = runUpTo(L({"r", "a<r,c", "b<a", "c<b", "d<b"}), Phase::DetectCycles, Mode::Lenient, walks);
    QVERIFY2(missed.graph().problems().isEmpty(), qPrintable(problemMessages(missed).join(u'\n')));

    // Dependency cycles: through depends_on, and behind a base written `depends_on = ""`.
    const GraphBuilder deps = runUpTo(L({"a", "b<a|c", "c<a|b"}), Phase::DetectCycles, Mode::Lenient, walks);
    QCOMPARE(problemMessages(deps), L({"dependency-cycle: Dependency cycle is detected in revisions (a, b, c)"}));
    QVector<RevisionFile> files = filesFromSpecs(L({"r", "s", "t<s,r", "u<r"}));
    files[1].emptyDependsOn = true;
    const GraphBuilder emptyBase = runUpTo(files, Phase::DetectCycles, Mode::Lenient, walks);
    QCOMPARE(problemMessages(emptyBase), L({"dependency-cycle: Dependency cycle is detected in revisions (s)"}));
    QCOMPARE(rev(emptyBase, "s").problemCodes, L({"dependency-cycle"}));

    // A plain cycle hides a dependency cycle (Alembic raises at the first check).
    const GraphBuilder both = runUpTo(L({"base", "a<b", "b<a", "x<base|y", "y<base|x"}), Phase::DetectCycles,
                                      Mode::Lenient, walks);
    QCOMPARE(problemMessages(both), L({"cycle: Cycle is detected in revisions (a, b)"}));

    // A DAG: nothing.
    const GraphBuilder dag = runUpTo(L({"a", "b<a", "c<a|b", "m<b,c"}), Phase::DetectCycles, Mode::Lenient, walks);
    QVERIFY(dag.graph().problems().isEmpty());
}

void tst_GraphBuilder::strictStopsAfterDetectCycles()
{
    // Strict: the first fatal problem in phase order is the error, found once cycles are known.
    const QVector<RevisionFile> files = filesFromSpecs(L({"base", "a<b", "b<a", "c<zz"}));
    for (Walks walks : {Walks::Fast, Walks::Reference}) {
        const Result<RevisionGraph> strict = GraphBuilder::build(files, Mode::Strict, walks);
        QVERIFY(!strict.ok());
        QCOMPARE(strict.error().code, QStringLiteral("missing-revision"));
        QCOMPARE(strict.error().message, QStringLiteral("Revision zz referenced from c is not present"));
        const Result<RevisionGraph> lenient = GraphBuilder::build(files, Mode::Lenient, walks);
        QVERIFY(lenient.ok());
        QStringList codes;
        for (const GraphProblem& p : lenient->problems())
            codes << p.code;
        QCOMPARE(codes, L({"missing-revision", "cycle"}));
    }
    const Result<RevisionGraph> cycle = GraphBuilder::build(filesFromSpecs(L({"base", "a<b", "b<a"})), Mode::Strict);
    QVERIFY(!cycle.ok());
    QCOMPARE(cycle.error().message, QStringLiteral("Cycle is detected in revisions (a, b)"));
}

void tst_GraphBuilder::cutCycles()
{
    // Lenient with a fatal problem (the dependency cycle x <-> y): the back edges of a depth-first
    // search are dropped, those of the a <-> b cycle too, which Alembic's walks do not see.
    const QStringList specs = L({"base", "a<base,b", "b<a", "c<a", "x<base|y", "y<base|x"});
    const GraphBuilder cut = runUpTo(specs, Phase::CutCycles);
    QCOMPARE(rev(cut, "a").parents, (QVector<int>{0, 2}));
    QVERIFY(rev(cut, "b").parents.isEmpty()); // b -> a closed the loop
    QCOMPARE(rev(cut, "a").children, (QVector<int>{3}));
    QCOMPARE(rev(cut, "b").children, (QVector<int>{1}));
    QCOMPARE(rev(cut, "x").dependencies, (QVector<int>{5}));
    QVERIFY(rev(cut, "y").dependencies.isEmpty()); // y -> x closed the other loop
    QVERIFY(rev(cut, "x").dependents.isEmpty());
    QCOMPARE(rev(cut, "b").problemCodes, L({"cycle"}));
    QCOMPARE(rev(cut, "y").problemCodes, L({"dependency-cycle", "cycle"}));

    // Only in Lenient mode, and only when the graph has a fatal problem.
    const GraphBuilder strict = runUpTo(specs, Phase::CutCycles, Mode::Strict);
    QCOMPARE(rev(strict, "b").parents, (QVector<int>{1}));
    QVERIFY(rev(strict, "b").problemCodes.isEmpty());
    const GraphBuilder missed = runUpTo(L({"r", "a<r,c", "b<a", "c<b", "d<b"}), Phase::CutCycles);
    QCOMPARE(rev(missed, "c").children, (QVector<int>{1}));
}

void tst_GraphBuilder::normalizeDependencies()
{
    QFETCH(Walks, walks);
    // x is shared by a and b; b's parent a already depends on it, so b drops it. q keeps both.
    const GraphBuilder b = runUpTo(L({"x", "a|x", "b<a|x", "c<b", "p", "q<p|x,c", "r<a|a"}),
                                   Phase::NormalizeDependencies, Mode::Lenient, walks);
    QCOMPARE(rev(b, "a").normalizedDown, (QVector<int>{0}));
    QCOMPARE(rev(b, "b").normalizedDown, (QVector<int>{1}));
    QCOMPARE(rev(b, "b").dependencies, (QVector<int>{0})); // the declared relation stays
    QCOMPARE(rev(b, "q").normalizedDown, (QVector<int>{4, 0, 3}));
    QCOMPARE(rev(b, "r").normalizedDown, (QVector<int>{1})); // a parent named again as a dependency
    QCOMPARE(rev(b, "x").normalizedChildren, (QVector<int>{1, 5}));
    QCOMPARE(rev(b, "a").normalizedChildren, (QVector<int>{2, 6}));
    QCOMPARE(rev(b, "c").normalizedChildren, (QVector<int>{5}));

    // Across a merge: the dependency of one merged branch covers the merge's descendants.
    const GraphBuilder m = runUpTo(L({"lib", "a", "b<a|lib", "c<a", "m<b,c", "n<m|lib", "o<c|lib"}),
                                   Phase::NormalizeDependencies, Mode::Lenient, walks);
    QCOMPARE(rev(m, "n").normalizedDown, (QVector<int>{4}));
    QCOMPARE(rev(m, "o").normalizedDown, (QVector<int>{3, 0}));

    // A cycle Alembic does not detect leads from a back to a: a keeps its own dependency x
    // (Alembic 1.8.1: a._normalized_down_revisions == ('r', 'c', 'x')), no bitsets in either mode.
    const GraphBuilder c = runUpTo(L({"r", "x", "a<r,c|x", "b<a", "c<b", "d<b", "e<r|x"}),
                                   Phase::NormalizeDependencies, Mode::Lenient, walks);
    QVERIFY(c.graph().problems().isEmpty());
    QCOMPARE(rev(c, "a").normalizedDown, (QVector<int>{0, 4, 1}));
    QCOMPARE(rev(c, "e").normalizedDown, (QVector<int>{0, 1}));
}

void tst_GraphBuilder::markHeadsAndBases()
{
    // b is defined twice: its later file counts, so it comes after c in heads (Alembic's order).
    QVector<RevisionFile> files = filesFromSpecs(L({"a", "b<a", "c<a", "x", "y<x|c", "b<a", "z|a", "e", "m<c,y"}));
    files[7].emptyDependsOn = true;
    const GraphBuilder b = runUpTo(files, Phase::MarkHeadsAndBases);
    const RevisionGraph& g = b.graph();
    QCOMPARE(ids(g, g.heads()), L({"b", "z", "e", "m"}));
    QCOMPARE(ids(g, g.bases()), L({"a", "x", "z", "e"}));
    QCOMPARE(ids(g, g.realBases()), L({"a", "x"}));
    QCOMPARE(ids(g, g.realHeads()), L({"b", "z", "e", "m"}));
    const Revision& a = rev(b, "a");
    QVERIFY(a.isBase && a.isRealBase && a.isBranchPoint && a.isRealBranchPoint && !a.isHead && !a.isMergePoint);
    const Revision& c = rev(b, "c");
    QVERIFY(!c.isBranchPoint && c.isRealBranchPoint); // a child (m) and a dependent (y)
    QVERIFY(rev(b, "m").isMergePoint && rev(b, "m").isHead && rev(b, "m").isRealHead);
    QVERIFY(rev(b, "z").isBase && !rev(b, "z").isRealBase); // depends_on: not a real base
    QVERIFY(rev(b, "e").isBase && !rev(b, "e").isRealBase); // depends_on = "": not a real base

    // A head that something depends on is no real head; heads follow the file order of objects.
    const GraphBuilder dep = runUpTo(L({"a", "b<a", "c<a", "b<a", "x|b"}), Phase::MarkHeadsAndBases);
    QCOMPARE(ids(dep.graph(), dep.graph().heads()), L({"c", "b", "x"}));
    QCOMPARE(ids(dep.graph(), dep.graph().realHeads()), L({"c", "x"}));

    // Lenient: a revision whose parents were all dropped is a base; Strict keeps the declared view.
    const GraphBuilder lenient = runUpTo(L({"a", "b<gone"}), Phase::MarkHeadsAndBases, Mode::Lenient);
    QCOMPARE(ids(lenient.graph(), lenient.graph().bases()), L({"a", "b"}));
    const GraphBuilder strict = runUpTo(L({"a", "b<gone"}), Phase::MarkHeadsAndBases, Mode::Strict);
    QCOMPARE(ids(strict.graph(), strict.graph().bases()), L({"a"}));
}

void tst_GraphBuilder::addBranchLabels()
{
    QFETCH(Walks, walks);
    auto labelsOf = [walks](const QStringList& specs) {
        GraphBuilder b = runUpTo(specs, Phase::AddBranchLabels, Mode::Lenient, walks);
        QStringList out;
        for (const Revision& r : b.graph().revisions())
            out << r.id + QLatin1Char('=') + r.allBranchLabels.join(u',');
        return out;
    };
    // Down a plain chain to the base, up to every descendant.
    QCOMPARE(labelsOf(L({"a", "b<a#feat", "c<b"})), L({"a=feat", "b=feat", "c=feat"}));
    // Not below a branch point.
    QCOMPARE(labelsOf(L({"a", "b<a", "c<a#feat", "d<c", "e<b"})), L({"a=", "b=", "c=feat", "d=feat", "e="}));
    // Not down across a merge; a merge takes the labels of both sides, sorted.
    QCOMPARE(labelsOf(L({"a", "b<a#left", "c<a#right", "m<b,c", "n<m#top"})),
             L({"a=", "b=left", "c=right", "m=left,right", "n=left,right,top"}));
    // Not below a revision that something depends on (a real branch point).
    QCOMPARE(labelsOf(L({"a", "b<a", "x", "y<x|a", "c<b#late"})), L({"a=", "b=late", "x=", "y=", "c=late"}));
    // A label below another, and a revision with two labels: down to the branch point.
    QCOMPARE(labelsOf(L({"a#core", "b<a", "c<a", "d<c#one,two"})),
             L({"a=core", "b=core", "c=core,one,two", "d=core,one,two"}));
    // A cycle Alembic does not detect: no topological order, the walks decide in both modes.
    QCOMPARE(labelsOf(L({"r#root", "a<r,c", "b<a#mid", "c<b", "d<b"})),
             L({"r=root", "a=mid,root", "b=mid,root", "c=mid,root", "d=mid,root"}));
}

QTEST_GUILESS_MAIN(tst_GraphBuilder)
#include "tst_GraphBuilder.moc"
