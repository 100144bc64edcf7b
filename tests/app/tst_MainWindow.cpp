#include "app/AppTestSupport.h"
#include "app/connection/ConnectionDialog.h"
#include "app/connection/ConnectionIndicator.h"
#include "app/doctor/DiagnosticsModel.h"
#include "app/window/MainWindow.h"
#include "app/graph/RevisionDetails.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "app/run/ResetConfirmDialog.h"
#include "app/run/RunController.h"
#include "app/run/RunProgressPanel.h"
#include "app/schema/SchemaBrowser.h"
#include "app/schema/SchemaModel.h"
#include "app/window/AboutDialog.h"
#include "app/editor/SqlPreview.h"
#include "core/db/DatabaseUrl.h"
#include "support/CliProcess.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QImage>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QLabel>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

namespace {

QStringList schemaTables(const QAbstractItemModel* model)
{
    QStringList tables;
    for (int s = 0; s < model->rowCount(); ++s) {
        const QModelIndex schema = model->index(s, 0);
        for (int t = 0; t < model->rowCount(schema); ++t)
            tables << model->index(t, 0, schema).data(SchemaModel::TableNameRole).toString();
    }
    return tables;
}

// Stamps the SQLite file at `path` with `revision` the way Alembic does (an alembic_version row).
bool stampSqlite(const QString& path, const QString& revision)
{
    const QString name = QStringLiteral("stamp-") + revision;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
                 && query.exec(QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(revision));
            if (!ok)
                qWarning("stampSqlite: %s", qPrintable(query.lastError().text()));
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

MainWindow::Options testOptions()
{
    MainWindow::Options o;
    o.restoreState = false;
    return o;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString freshDemo(const QString& name, QString* url)
    {
        const QString project = m_dir.filePath(name);
        if (!testsupport::copyTree(testsupport::demoSourceDir(), project))
            return {};
        *url = testsupport::createSqlite(m_dir.filePath(name + QStringLiteral(".db")));
        return project;
    }

    static bool openAndWait(MainWindow& window, const QString& project, const QString& url)
    {
        window.setInterpreter(InterpreterChoice{QStringLiteral(RETORT_PYTHON), {}});
        window.resize(1400, 900);
        window.show();
        window.openProject(project, url);
        return QTest::qWaitFor([&window] { return window.isReady(); }, 60000);
    }

    static int revisionIndex(MainWindow& window, const QString& id) { return window.graphModel()->graph()->indexOf(id); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(),
                 "RETORT_PYTHON must name a Python that can import alembic (see cmake/RetortPython.cmake)");
        QVERIFY(m_dir.isValid());
    }

    void opensTheDemoProjectWithItsDatabase()
    {
        QString url;
        const QString project = freshDemo(QStringLiteral("open"), &url);
        QVERIFY(!project.isEmpty());
        MainWindow window(testOptions());
        QAbstractItemModelTester tester(window.graphModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(openAndWait(window, project, url));
        QCOMPARE(window.graphModel()->rowCount(), 13);
        QVERIFY(window.workspace()->databaseState().connected);
        QVERIFY(window.workspace()->databaseState().heads.isEmpty());
        QCOMPARE(window.windowTitle(), QStringLiteral("open — Retort"));
        // An empty database: every revision pending, nothing current.
        for (int row = 0; row < window.graphModel()->rowCount(); ++row)
            QCOMPARE(window.graphModel()->index(row, 0).data(RevisionGraphModel::AppliedStateRole).toInt(),
                     int(RevisionGraphModel::AppliedState::Pending));
        QVERIFY(window.recentProjects().contains(QFileInfo(project).absoluteFilePath()));
        QVERIFY(window.action(QStringLiteral("actionUpgradeToHeads"))->isEnabled());

        // The status bar names the database (redacted) and says it is local.
        const ConnectionIndicator* indicator = window.connectionIndicator();
        QCOMPARE(indicator->state(), ConnectionIndicator::State::Connected);
        QVERIFY(indicator->isLocal());
        QCOMPARE(indicator->target(), DatabaseUrl::parse(url)->redacted());
        QCOMPARE(indicator->text(), QStringLiteral("local · ") + DatabaseUrl::parse(url)->redacted());
        // Clicking it opens the connection dialog.
        bool dialogOpened = false;
        QTimer::singleShot(0, &window, [&dialogOpened] {
            auto* dialog = qobject_cast<ConnectionDialog*>(QApplication::activeModalWidget());
            dialogOpened = dialog != nullptr;
            if (dialog)
                dialog->reject();
        });
        QTest::mouseClick(window.connectionIndicator(), Qt::LeftButton);
        QVERIFY(dialogOpened);
        QCOMPARE(window.workspace()->target().url, url); // cancelled: the connection is unchanged
    }

    void withoutASelectionAnEmptyDatabaseOpensOnTheFirstHead()
    {
        QString url;
        const QString project = freshDemo(QStringLiteral("default-head"), &url);
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, url));
        QVERIFY(window.workspace()->databaseState().heads.isEmpty());
        const RevisionGraph* graph = window.graphModel()->graph();
        const int head = graph->heads().constFirst();
        QCOMPARE(window.graphPanel()->selectedRevision(), head);
        QCOMPARE(window.details()->revisionId(), graph->at(head).id);
        // Ready only once the preview of the whole way up to the head is in.
        QVERIFY(!window.sqlPreview()->isGenerating());
        QVERIFY2(window.sqlPreview()->sectionCount() >= 2, qPrintable(window.sqlPreview()->text()));
        QCOMPARE(window.sqlPreview()->sectionRevisions().constLast(), graph->at(head).id);
        QVERIFY(window.action(QStringLiteral("actionUpgradeToHere"))->isEnabled());
    }

    void withoutASelectionTheWindowOpensOnTheRevisionTheDatabaseIsAt()
    {
        QString url;
        const QString project = freshDemo(QStringLiteral("default-current"), &url);
        QVERIFY(stampSqlite(m_dir.filePath(QStringLiteral("default-current.db")), QStringLiteral("8c4d2b9e1a57")));
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, url));
        QCOMPARE(window.workspace()->databaseState().heads, QStringList{QStringLiteral("8c4d2b9e1a57")});
        QCOMPARE(window.graphPanel()->selectedRevision(), revisionIndex(window, QStringLiteral("8c4d2b9e1a57")));
        QCOMPARE(window.details()->revisionId(), QStringLiteral("8c4d2b9e1a57"));
        QVERIFY(window.graphModel()->indexOfRevisionId(QStringLiteral("8c4d2b9e1a57")).data(RevisionGraphModel::CurrentRole).toBool());
        // Nothing to run to where the database is: the preview says so instead of staying blank.
        QCOMPARE(window.sqlPreview()->sectionCount(), 0);
        const QString status = window.sqlPreview()->findChild<QLabel*>(QStringLiteral("sqlPreviewStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("already")), qPrintable(status));
        QVERIFY(!window.action(QStringLiteral("actionDowngradeToHere"))->isEnabled());
        QVERIFY(window.action(QStringLiteral("actionStampHere"))->isEnabled());
    }

    void aDatabaseThatCannotBeOpenedIsShownAsFailed()
    {
        QString unused;
        const QString project = freshDemo(QStringLiteral("unreachable"), &unused);
        const QString url = QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("no/such/dir/app.db"));
        MainWindow window(testOptions());
        window.show();
        const ConnectionIndicator* indicator = window.connectionIndicator();
        // The database switches with the project; its state is read on a worker: until it is in,
        // the target is being connected to.
        ConnectionIndicator::State whenLoaded = ConnectionIndicator::State::Disconnected;
        QString targetWhenLoaded;
        connect(window.workspace(), &Workspace::snapshotChanged, this, [&] {
            whenLoaded = indicator->state();
            targetWhenLoaded = indicator->target();
        });
        window.openProject(project, url);
        QVERIFY(QTest::qWaitFor([&window] { return window.isReady(); }, 60000));
        QCOMPARE(whenLoaded, ConnectionIndicator::State::Connecting);
        QCOMPARE(targetWhenLoaded, DatabaseUrl::parse(url)->redacted());
        QVERIFY(window.workspace()->databaseState().error.has_value());
        QCOMPARE(indicator->state(), ConnectionIndicator::State::Failed);
        QCOMPARE(indicator->target(), DatabaseUrl::parse(url)->redacted());
        QVERIFY2(indicator->text().contains(QStringLiteral("Cannot open the file")), qPrintable(indicator->text()));
        // Why, next to it; and the window still opens on the project's head.
        QVERIFY(!window.findChild<QLabel*>(QStringLiteral("databaseLabel"))->text().isEmpty());
        QCOMPARE(window.graphPanel()->selectedRevision(), window.graphModel()->graph()->heads().constFirst());
    }

    void anExplicitSelectionWinsOverTheDefault()
    {
        QString url;
        const QString project = freshDemo(QStringLiteral("explicit"), &url);
        QVERIFY(stampSqlite(m_dir.filePath(QStringLiteral("explicit.db")), QStringLiteral("8c4d2b9e1a57")));
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("3f1a9c2e7b10"));
        QVERIFY(openAndWait(window, project, url));
        QCOMPARE(window.graphPanel()->selectedRevision(), revisionIndex(window, QStringLiteral("3f1a9c2e7b10")));
    }

    void everyActionHasAShortcut()
    {
        MainWindow window(testOptions());
        const QList<QAction*> actions = window.findChildren<QAction*>(QRegularExpression(QStringLiteral("^action")));
        QVERIFY(actions.size() >= 14);
        for (QAction* a : actions)
            QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->objectName()));
        for (QDockWidget* dock : window.findChildren<QDockWidget*>())
            QVERIFY2(!dock->toggleViewAction()->shortcut().isEmpty(), qPrintable(dock->objectName()));
    }

    void upgradingToTheSelectedRevisionMovesTheMarkerAndRefreshesTheSchema()
    {
        QString url;
        const QString project = freshDemo(QStringLiteral("upgrade"), &url);
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("8c4d"));
        QVERIFY(openAndWait(window, project, url));
        const int cities = revisionIndex(window, QStringLiteral("8c4d2b9e1a57"));
        QCOMPARE(window.graphPanel()->selectedRevision(), cities);
        QCOMPARE(window.details()->revisionId(), QStringLiteral("8c4d2b9e1a57"));
        QVERIFY(window.details()->fieldText(QStringLiteral("parents")).contains(QStringLiteral("3f1a9c2e7b10")));
        // The window became ready only after the SQL preview of the selection was in.
        QCOMPARE(window.sqlPreview()->sectionRevisions(), (QStringList{QStringLiteral("3f1a9c2e7b10"), QStringLiteral("8c4d2b9e1a57")}));
        QVERIFY(window.sqlPreview()->text().contains(QStringLiteral("CREATE TABLE cities")));

        QList<RunRequest> asked;
        window.setConfirmHandler([&asked](const RunRequest& r) {
            asked << r;
            return true;
        });
        QSignalSpy steps(window.runController(), &RunController::stepStarted);
        QSignalSpy finished(&window, &MainWindow::runFinished);
        QVERIFY(window.action(QStringLiteral("actionUpgradeToHere"))->isEnabled());
        window.action(QStringLiteral("actionUpgradeToHere"))->trigger();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.at(0).kind, RunKind::Upgrade);
        QCOMPARE(asked.at(0).plan.steps.size(), 2);
        QVERIFY(!ApplyConfirmDialog::needsExplicitConfirmation(asked.at(0))); // a local upgrade
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);
        const JobResult result = finished.at(0).at(0).value<JobResult>();
        QVERIFY2(result.ok, qPrintable(result.error.toString()));
        QCOMPARE(steps.count(), 2);
        // The marker follows what the database really holds (re-read after the run).
        QTRY_VERIFY_WITH_TIMEOUT(window.graphModel()->indexOfRevision(cities).data(RevisionGraphModel::CurrentRole).toBool(), 20000);
        QCOMPARE(window.graphModel()->databaseHeads(), QStringList{QStringLiteral("8c4d2b9e1a57")});
        QCOMPARE(window.graphModel()->indexOfRevisionId(QStringLiteral("3f1a9c2e7b10")).data(RevisionGraphModel::AppliedStateRole).toInt(),
                 int(RevisionGraphModel::AppliedState::Applied));
        QCOMPARE(window.graphModel()->indexOfRevisionId(QStringLiteral("b7e3f0a4c921")).data(RevisionGraphModel::AppliedStateRole).toInt(),
                 int(RevisionGraphModel::AppliedState::Pending));
        QTRY_VERIFY_WITH_TIMEOUT(schemaTables(window.schemaBrowser()->model()).contains(QStringLiteral("cities")), 20000);
        QVERIFY(schemaTables(window.schemaBrowser()->model()).contains(QStringLiteral("users")));
        QVERIFY(!schemaTables(window.schemaBrowser()->model()).contains(QStringLiteral("indicators")));
        QCOMPARE(window.runPanel()->stepsModel()->rowCount(), 2);

        // Downgrading asks for the explicit, host-naming confirmation; declining runs nothing.
        window.graphPanel()->selectRevision(revisionIndex(window, QStringLiteral("3f1a9c2e7b10")));
        QTRY_VERIFY(window.action(QStringLiteral("actionDowngradeToHere"))->isEnabled());
        window.setConfirmHandler([&asked](const RunRequest& r) {
            asked << r;
            return false;
        });
        window.action(QStringLiteral("actionDowngradeToHere"))->trigger();
        QCOMPARE(asked.size(), 2);
        QCOMPARE(asked.at(1).kind, RunKind::Downgrade);
        QVERIFY(ApplyConfirmDialog::needsExplicitConfirmation(asked.at(1)));
        QCOMPARE(asked.at(1).databaseName, QStringLiteral("upgrade.db"));
        QVERIFY(!window.runController()->isRunning());
        QCOMPARE(window.graphModel()->databaseHeads(), QStringList{QStringLiteral("8c4d2b9e1a57")});
    }

    void resetAndDowngradeToBaseRunThroughAlembicAndEndWhereTheDatabaseIs()
    {
        QString url;
        const QString project = freshDemo(QStringLiteral("reset"), &url);
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, url));
        const QStringList heads = [&window] {
            QStringList ids;
            for (const int h : window.graphModel()->graph()->heads())
                ids << window.graphModel()->graph()->at(h).id;
            ids.sort();
            return ids;
        }();
        window.setConfirmHandler([](const RunRequest&) { return true; });
        QSignalSpy finished(&window, &MainWindow::runFinished);
        // At base there is nothing to downgrade.
        QVERIFY(!window.action(QStringLiteral("actionDowngradeToBase"))->isEnabled());
        window.action(QStringLiteral("actionUpgradeToHeads"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);
        QVERIFY(finished.at(0).at(0).value<JobResult>().ok);
        QTRY_VERIFY_WITH_TIMEOUT(window.action(QStringLiteral("actionDowngradeToBase"))->isEnabled(), 20000);

        // A row the reset must not keep.
        const QString file = DatabaseUrl::parse(url)->sqlitePath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reset-check"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral("INSERT INTO users (email, full_name, hashed_password) VALUES ('ana@example.com', 'Ana', 'x')")), qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("reset-check"));

        // Reset: one confirmation that lists the downgrade and counts the upgrade; both runs follow.
        int downgradeSteps = -1;
        int upgradeSteps = -1;
        window.setResetHandler([&](const RunRequest& down, const RunRequest& up) {
            downgradeSteps = int(down.plan.steps.size());
            upgradeSteps = int(up.plan.steps.size());
            ResetConfirmDialog dialog(down, up, &window);
            return !dialog.needsTypedText() && dialog.resetButton()->isEnabled(); // a local SQLite file
        });
        window.action(QStringLiteral("actionResetDatabase"))->trigger();
        QVERIFY(downgradeSteps > 0);
        QCOMPARE(upgradeSteps, downgradeSteps); // the demo has no merge: as many steps up as down
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 3, 120000);
        const JobResult down = finished.at(1).at(0).value<JobResult>();
        const JobResult up = finished.at(2).at(0).value<JobResult>();
        QVERIFY2(down.ok, qPrintable(down.error.toString()));
        QCOMPARE(down.op, BridgeOp::Downgrade);
        QVERIFY(down.versionKnown && down.versionAfter.isEmpty());
        QVERIFY2(up.ok, qPrintable(up.error.toString()));
        QCOMPARE(up.op, BridgeOp::Upgrade);
        QCOMPARE(up.versionAfter, heads);
        QTRY_COMPARE_WITH_TIMEOUT(window.graphModel()->databaseHeads(), heads, 20000);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reset-check"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM users")) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("reset-check"));

        // Downgrade to Base asks like any downgrade and leaves an empty version table.
        QList<RunRequest> asked;
        window.setConfirmHandler([&asked](const RunRequest& r) {
            asked << r;
            return true;
        });
        window.action(QStringLiteral("actionDowngradeToBase"))->trigger();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.at(0).kind, RunKind::Downgrade);
        QCOMPARE(asked.at(0).target, QStringLiteral("base"));
        QVERIFY(ApplyConfirmDialog::needsExplicitConfirmation(asked.at(0)));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 4, 90000);
        QVERIFY(finished.at(3).at(0).value<JobResult>().ok);
        QTRY_VERIFY_WITH_TIMEOUT(window.graphModel()->databaseHeads().isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.action(QStringLiteral("actionDowngradeToBase"))->isEnabled(), 20000);
    }

    void resettingARemoteDatabaseNeedsItsHostTyped()
    {
        RunRequest down;
        down.kind = RunKind::Downgrade;
        down.target = QStringLiteral("base");
        down.databaseLabel = QStringLiteral("postgresql://app@db.example.com/app");
        down.host = QStringLiteral("db.example.com");
        down.isLocal = false;
        PlanStep step;
        step.revision = QStringLiteral("a41c7e2d9b60");
        step.direction = Direction::Downgrade;
        step.fromRevisions = {step.revision};
        step.toRevisions = {QStringLiteral("5e9b1d7c3a88")};
        down.plan.steps.push_back(step);
        RunRequest up = down;
        up.kind = RunKind::Upgrade;
        ResetConfirmDialog dialog(down, up);
        dialog.show();
        QVERIFY(dialog.needsTypedText());
        QVERIFY(!dialog.resetButton()->isEnabled());
        QTest::keyClicks(dialog.typedEdit(), QStringLiteral("db.example"));
        QVERIFY(!dialog.resetButton()->isEnabled());
        QTest::keyClicks(dialog.typedEdit(), QStringLiteral(".com"));
        QVERIFY(dialog.resetButton()->isEnabled());
        if (const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR"); !dir.isEmpty()) // docs/SCREENSHOTS.md
            QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("reset-confirm.png"))));
        QTest::mouseClick(dialog.resetButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        // A local database on a production-kind connection: its name is typed.
        RunRequest production = down;
        production.isLocal = true;
        production.host = QStringLiteral("127.0.0.1");
        production.databaseName = QStringLiteral("shop");
        production.connectionKind = ConnectionKind::Production;
        ResetConfirmDialog guarded(production, up);
        QVERIFY(guarded.needsTypedText());
        QVERIFY(!guarded.resetButton()->isEnabled());
        QTest::keyClicks(guarded.typedEdit(), QStringLiteral("shop"));
        QVERIFY(guarded.resetButton()->isEnabled());
        RunRequest development = production;
        development.connectionKind = ConnectionKind::Development;
        QVERIFY(!ResetConfirmDialog(development, up).needsTypedText());
    }

    void cancellingARunLeavesTheDatabaseWhereItWas()
    {
        const QString project = m_dir.filePath(QStringLiteral("slow"));
        QVERIFY(testsupport::writeSmallProject(project, "    import time\n    time.sleep(60)"));
        const QString url = testsupport::createSqlite(m_dir.filePath(QStringLiteral("slow.db")));
        MainWindow window(testOptions());
        // Not the head: its SQL preview would run the sleeping migration offline before the window is ready.
        window.setInitialSelection(QStringLiteral("aaaa1111"));
        QVERIFY(openAndWait(window, project, url));
        window.setConfirmHandler([](const RunRequest&) { return true; });
        QSignalSpy steps(window.runController(), &RunController::stepStarted);
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.action(QStringLiteral("actionUpgradeToHeads"))->trigger();
        QVERIFY(window.runController()->isRunning());
        QVERIFY(window.action(QStringLiteral("actionCancelRun"))->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 2, 60000); // the sleeping step has started
        QCOMPARE(steps.at(1).at(0).value<StepEvent>().revision, QStringLiteral("bbbb2222"));
        // The running step is marked in the graph.
        QCOMPARE(window.graphModel()->indexOfRevisionId(QStringLiteral("bbbb2222")).data(RevisionGraphModel::RunStateRole).toInt(),
                 int(RevisionGraphModel::RunState::Running));
        QElapsedTimer clock;
        clock.start();
        window.action(QStringLiteral("actionCancelRun"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
        QVERIFY2(clock.elapsed() < 20000, "cancel stops the sleeping migration long before it would end");
        const JobResult result = finished.at(0).at(0).value<JobResult>();
        QVERIFY(!result.ok);
        QVERIFY(result.cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(!window.workspace()->isReadingDatabase() && window.workspace()->databaseState().connected, 20000);
        // SQLite has no transactional DDL: the step before the cancelled one may stay applied, never cccc.
        const QStringList heads = window.workspace()->databaseState().heads;
        QVERIFY2(heads.isEmpty() || heads == QStringList{QStringLiteral("aaaa1111")}, qPrintable(heads.join(QLatin1Char(','))));
        QVERIFY(!window.runController()->isRunning());
        QVERIFY(window.runPanel()->outcomeText().contains(QStringLiteral("Cancelled")));
    }

    void aFailingMigrationSelectsTheFailingRevision()
    {
        const QString project = m_dir.filePath(QStringLiteral("failing"));
        QVERIFY(testsupport::writeSmallProject(project, "    raise RuntimeError('boom in the second step')"));
        const QString url = testsupport::createSqlite(m_dir.filePath(QStringLiteral("failing.db")));
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, url));
        window.setConfirmHandler([](const RunRequest&) { return true; });
        QStringList errors;
        window.setErrorHandler([&errors](const QString&, const Error& e) { errors << e.message; });
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.graphPanel()->selectRevision(revisionIndex(window, QStringLiteral("cccc3333")));
        window.upgradeToSelected();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
        const JobResult result = finished.at(0).at(0).value<JobResult>();
        QVERIFY(!result.ok);
        QCOMPARE(result.failedRevision, QStringLiteral("bbbb2222"));
        QCOMPARE(window.graphPanel()->selectedRevision(), revisionIndex(window, QStringLiteral("bbbb2222")));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.at(0).contains(QStringLiteral("boom in the second step")), qPrintable(errors.at(0)));
        // The failure is listed in Diagnostics with the revision.
        bool listed = false;
        for (int row = 0; row < window.diagnostics()->rowCount(); ++row)
            listed = listed || window.diagnostics()->at(row).problem.revision == QLatin1String("bbbb2222");
        QVERIFY(listed);
    }

    void reloadsWhenARevisionFileAppearsOnDisk()
    {
        QString url;
        const QString project = freshDemo(QStringLiteral("watch"), &url);
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, url));
        QCOMPARE(window.graphModel()->rowCount(), 13);
        QVERIFY(testsupport::writeFile(project + QStringLiteral("/migrations/versions/2024_04_01_1000-0a0b0c0d0e0f_add_notes.py"),
                                       "\"\"\"add notes\"\"\"\nrevision = '0a0b0c0d0e0f'\ndown_revision = '7c1b9e5a3f28'\n"
                                       "branch_labels = None\ndepends_on = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n"));
        QTRY_COMPARE_WITH_TIMEOUT(window.graphModel()->rowCount(), 14, 10000);
        QCOMPARE(window.graphModel()->index(0, 0).data(RevisionGraphModel::RevisionIdRole).toString(), QStringLiteral("0a0b0c0d0e0f"));
    }

    void aProjectThatCannotBeReadIsReportedInDiagnostics()
    {
        const QString project = m_dir.filePath(QStringLiteral("broken"));
        QVERIFY(testsupport::writeFile(project + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = nowhere\n"));
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, QString()));
        QCOMPARE(window.graphModel()->rowCount(), 0);
        QVERIFY(window.diagnostics()->count(Severity::Error) >= 1);
        QVERIFY(!window.action(QStringLiteral("actionUpgradeToHeads"))->isEnabled());
    }

    // The window names the Alembic whose rules it follows for the project (issue #13): the status
    // bar and the About box say what `retort-cli --version -p` says for the same project and
    // interpreter, "not found" when that interpreter has no Alembic.
    void theStatusBarAndAboutNameTheAlembicTheCliFollows_data()
    {
        QTest::addColumn<bool>("withAlembic");
        QTest::newRow("an interpreter with Alembic: its version") << true;
        QTest::newRow("a virtualenv without Alembic: not found") << false;
    }

    void theStatusBarAndAboutNameTheAlembicTheCliFollows()
    {
        QFETCH(bool, withAlembic);
        QString url;
        const QString name = withAlembic ? QStringLiteral("alembic-found") : QStringLiteral("alembic-missing");
        const QString project = freshDemo(name, &url);
        QVERIFY(!project.isEmpty());
        QString python = QStringLiteral(RETORT_PYTHON);
        if (!withAlembic) {
            // A virtualenv without packages (the layout `python -m venv --without-pip` leaves): the
            // system's Alembic is not on its path.
            const QString venv = m_dir.filePath(name + QStringLiteral("-venv"));
            QVERIFY(QDir().mkpath(venv + QStringLiteral("/bin")));
            python = venv + QStringLiteral("/bin/python");
            QVERIFY(QFile::link(QFileInfo(QStringLiteral(RETORT_PYTHON)).canonicalFilePath(), python));
            QVERIFY(testsupport::writeFile(venv + QStringLiteral("/pyvenv.cfg"),
                                           "home = /usr/bin\ninclude-system-site-packages = false\n"));
        }
        const test::ProcessRun cli = test::runProcess(QStringLiteral(RETORT_CLI),
                                                      {QStringLiteral("--json"), QStringLiteral("--python"), python,
                                                       QStringLiteral("--version"), QStringLiteral("-p"), project});
        QCOMPARE(cli.exitCode, 0);
        const QJsonValue version = cli.json().value(QStringLiteral("alembic")).toObject().value(QStringLiteral("version"));
        QVERIFY2(version.isString() == withAlembic, cli.out.constData());

        MainWindow window(testOptions());
        window.setInterpreter(InterpreterChoice{python, {}});
        window.resize(1400, 900);
        window.show();
        const auto* label = window.findChild<QLabel*>(QStringLiteral("alembicLabel"));
        QVERIFY(label);
        QVERIFY(!label->isVisible()); // no project yet
        window.openProject(project, url);
        QVERIFY(QTest::qWaitFor([&window] { return window.isReady(); }, 60000));
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), withAlembic ? QStringLiteral("Alembic ") + version.toString() : QStringLiteral("Alembic: not found"));
        if (withAlembic) {
            QVERIFY2(label->toolTip().contains(python), qPrintable(label->toolTip()));
            QVERIFY2(label->toolTip().contains(QStringLiteral("follows the rules of Alembic ") + version.toString()),
                     qPrintable(label->toolTip()));
        } else {
            QVERIFY2(label->toolTip().contains(QStringLiteral("No Alembic was found")), qPrintable(label->toolTip()));
        }

        window.action(QStringLiteral("actionAbout"))->trigger();
        auto* about = window.findChild<AboutDialog*>();
        QVERIFY(about);
        const auto* aboutVersion = about->findChild<QLabel*>(QStringLiteral("alembicVersionLabel"));
        QVERIFY(aboutVersion);
        QCOMPARE(aboutVersion->text(), withAlembic ? version.toString() : QStringLiteral("not found"));
        QCOMPARE(aboutVersion->toolTip(), label->toolTip());
        QVERIFY(about->versionsText().endsWith(QStringLiteral("Alembic ") + aboutVersion->text()));
        about->close();
    }

    void aScreenshotIsAPngOfTheWindow()
    {
        QString url;
        const QString project = freshDemo(QStringLiteral("shot"), &url);
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, url));
        const QString path = m_dir.filePath(QStringLiteral("shot.png"));
        QVERIFY(window.saveScreenshot(path).ok());
        QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        QVERIFY(!window.saveScreenshot(m_dir.filePath(QStringLiteral("missing/dir/x.png"))).ok());
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
