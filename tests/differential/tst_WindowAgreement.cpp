// The window and retort-cli give the same answer on the same project (issue #12): for generated
// differential projects (odd spellings, several version locations, malformed histories), what the
// window shows once loaded (MainWindow::report(), i.e. `retort --report`) equals `retort-cli --json
// heads/history`, the window's verdict on the project equals the CLI's exit status, and a plan made
// from the window's snapshot (RunPlanner, what Upgrade/Downgrade run) equals `retort-cli plan`.
// Bare versions folders are left out: the window opens projects (alembic.ini) only.

#include "app/window/MainWindow.h"
#include "core/workspace/RunPlanner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

namespace {

const QString kPython = QStringLiteral(RETORT_PYTHON);
const QString kCli = QStringLiteral(RETORT_CLI);
const QString kHere = QStringLiteral(RETORT_SOURCE_DIR "/tests/differential");

struct CliAnswer
{
    int exitCode = -1;
    QJsonObject json;
    QByteArray err;
};

CliAnswer cli(const QStringList& args)
{
    QProcess p;
    p.start(kCli, args);
    CliAnswer a;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return a;
    }
    a.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    a.json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    a.err = p.readAllStandardError();
    return a;
}

QStringList strings(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& v : value.toArray())
        out << v.toString();
    return out;
}

} // namespace

class tst_WindowAgreement : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QJsonArray m_cases;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli));
        QJsonArray spec;
        static const char* const profiles[] = {"mixed", "branchy", "linear", "wide"};
        for (int seed = 1; seed <= 60; ++seed) {
            if (seed % 5 == 0)
                continue; // bare versions folders: not something the window opens
            spec.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("seed%1").arg(seed)},
                                    {QStringLiteral("seed"), seed},
                                    {QStringLiteral("revisions"), 2 + (seed * 37) % 118},
                                    {QStringLiteral("profile"), QLatin1String(profiles[seed % 4])},
                                    {QStringLiteral("layout"), seed % 7 == 0 ? QStringLiteral("multi") : QStringLiteral("project")},
                                    {QStringLiteral("odd"), seed % 3 == 0 ? 0.9 : 0.5},
                                    {QStringLiteral("plans"), 6}});
        }
        for (const char* kind : {"cycle", "self-reference", "missing-parent", "duplicate-id", "duplicate-label",
                                 "dependency-cycle", "dependency-self-reference", "missing-dependency", "illegal-character",
                                 "no-downgrade", "empty-depends-on-base"}) {
            spec.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("malformed-%1").arg(QLatin1String(kind))},
                                    {QStringLiteral("seed"), 11},
                                    {QStringLiteral("revisions"), 21},
                                    {QStringLiteral("profile"), QStringLiteral("mixed")},
                                    {QStringLiteral("layout"), QStringLiteral("project")},
                                    {QStringLiteral("malformed"), QLatin1String(kind)},
                                    {QStringLiteral("plans"), 4}});
        }
        const QString specPath = m_tmp.filePath(QStringLiteral("spec.json"));
        QFile file(specPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("cases"), spec}}).toJson());
        file.close();
        QProcess gen;
        gen.start(kPython, {kHere + QStringLiteral("/gen_project.py"), QStringLiteral("--suite"), specPath, QStringLiteral("--out"),
                            m_tmp.filePath(QStringLiteral("suite"))});
        QVERIFY(gen.waitForFinished(120000));
        QVERIFY2(gen.exitCode() == 0, gen.readAllStandardError().constData());
        QFile manifest(m_tmp.filePath(QStringLiteral("suite/manifest.json")));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        m_cases = QJsonDocument::fromJson(manifest.readAll()).object().value(QStringLiteral("cases")).toArray();
        QCOMPARE(m_cases.size(), spec.size());
    }

    void theWindowShowsWhatTheCliAnswers()
    {
        MainWindow::Options options;
        options.restoreState = false;
        options.watchFiles = false;
        options.autoPreviewSql = false;
        options.connectDatabase = false;
        MainWindow window(options);
        window.setInterpreter(InterpreterChoice{kPython, {}});
        window.resize(1000, 700);
        window.show();
        int compared = 0;
        int plans = 0;
        int refused = 0;
        for (const QJsonValue& value : std::as_const(m_cases)) {
            const QJsonObject c = value.toObject();
            const QString name = c.value(QStringLiteral("name")).toString();
            const QString project = c.value(QStringLiteral("project")).toString();
            QVERIFY2(window.openProject(project), qPrintable(name));
            QVERIFY2(QTest::qWaitFor([&window] { return window.isReady(); }, 60000), qPrintable(name));
            const QJsonObject report = window.report();
            const SnapshotPtr snapshot = window.workspace()->snapshot();
            QVERIFY(snapshot);
            QCOMPARE(snapshot->request.project, QFileInfo(project).absoluteFilePath());

            const CliAnswer heads = cli({QStringLiteral("--no-cache"), QStringLiteral("-p"), project, QStringLiteral("--json"),
                                         QStringLiteral("heads")});
            // Alembic's verdict on the project: the same from both.
            QVERIFY2(heads.exitCode == 0 || heads.exitCode == 2, qPrintable(name + QStringLiteral(": ") + QString::fromUtf8(heads.err)));
            QCOMPARE(snapshot->isRunnable(), heads.exitCode == 0);
            if (heads.exitCode != 0) {
                QVERIFY2(heads.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString()
                             == snapshot->commandError->toString(),
                         qPrintable(name + QStringLiteral(": ") + snapshot->commandError->toString()));
                ++refused;
                continue;
            }
            QCOMPARE(strings(report.value(QStringLiteral("heads"))), strings(heads.json.value(QStringLiteral("heads"))));
            const CliAnswer history = cli({QStringLiteral("--no-cache"), QStringLiteral("-p"), project, QStringLiteral("--json"),
                                           QStringLiteral("history")});
            QCOMPARE(history.exitCode, 0);
            QCOMPARE(report.value(QStringLiteral("revisions")).toInt(),
                     int(history.json.value(QStringLiteral("revisions")).toArray().size()));
            ++compared;

            for (const QJsonValue& planValue : c.value(QStringLiteral("plans")).toArray()) {
                const QJsonObject plan = planValue.toObject();
                const QStringList current = strings(plan.value(QStringLiteral("current")));
                const QString direction = plan.value(QStringLiteral("direction")).toString();
                const QString target = plan.value(QStringLiteral("target")).toString();
                const Result<RunRequest> mine = RunPlanner::prepare(
                    *snapshot, current, direction == QLatin1String("upgrade") ? RunKind::Upgrade : RunKind::Downgrade, target);
                const CliAnswer theirs = cli({QStringLiteral("--no-cache"), QStringLiteral("-p"), project, QStringLiteral("--json"),
                                              QStringLiteral("plan"), direction, target, QStringLiteral("--current"),
                                              current.isEmpty() ? QStringLiteral("base") : current.join(QLatin1Char(','))});
                const QString what = QStringLiteral("%1: %2 %3 from [%4]").arg(name, direction, target, current.join(QLatin1Char(',')));
                QCOMPARE(bool(mine), theirs.exitCode == 0);
                if (!mine) {
                    QVERIFY2(theirs.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString()
                                 == mine.error().toString(),
                             qPrintable(what));
                    continue;
                }
                QStringList mySteps;
                for (const PlanStep& step : mine->plan.steps)
                    mySteps << directionName(step.direction) + QLatin1Char(':') + step.revision;
                QStringList theirSteps;
                for (const QJsonValue& s : theirs.json.value(QStringLiteral("steps")).toArray())
                    theirSteps << s.toObject().value(QStringLiteral("direction")).toString() + QLatin1Char(':')
                                      + s.toObject().value(QStringLiteral("revision")).toString();
                QVERIFY2(mySteps == theirSteps, qPrintable(what));
                QCOMPARE(mine->plan.resultingHeads, strings(theirs.json.value(QStringLiteral("resulting_heads"))));
                ++plans;
            }
        }
        qInfo("compared %d projects, %d plans; %d projects refused by both", compared, plans, refused);
        QVERIFY(compared >= 40);
        QVERIFY(plans >= 150);
        QVERIFY(refused >= 8);
    }
};

QTEST_MAIN(tst_WindowAgreement)
#include "tst_WindowAgreement.moc"
