// The window's "Schema Changes" view (SchemaChangesPanel, TimeMachineController, SchemaChangesModel)
// on a generated project with the real Alembic (RETORT_PYTHON) and a SQLite database: nothing is
// computed before the user confirms; computing runs on a worker with progress; the view then shows
// what the selected revision changed - clicked with the mouse in the graph, walked with the
// keyboard, a merge against each parent - colour-coded; a cancel removes the scratch database and
// keeps what was cached; a project opened later shows its cached schemas at once.

#include "app/graph/RevisionFilterModel.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "app/schema/SchemaChangesModel.h"
#include "app/schema/SchemaChangesPanel.h"
#include "app/schema/ScratchConfirmDialog.h"
#include "app/schema/TimeMachineController.h"
#include "app/window/MainWindow.h"
#include "core/timemachine/SnapshotCache.h"
#include "support/MigrationProject.h"
#include "app/AppTestSupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace retort;
using namespace retort::app;
using namespace retort::test;

namespace {

MainWindow::Options testOptions()
{
    MainWindow::Options o;
    o.restoreState = false;
    o.autoPreviewSql = false;
    o.watchFiles = false;
    return o;
}

QStringList topRows(const SchemaChangesModel* model)
{
    QStringList rows;
    for (int i = 0; i < model->rowCount(); ++i)
        rows << model->index(i, 0).data().toString();
    return rows;
}

QStringList childRows(const SchemaChangesModel* model, int row)
{
    QStringList rows;
    const QModelIndex parent = model->index(row, 0);
    for (int i = 0; i < model->rowCount(parent); ++i)
        rows << model->index(i, 0, parent).data().toString();
    return rows;
}

// The scratch folders in this test's own $RETORT_SCRATCH_DIR (tests running alongside use /dev/shm).
int scratchFolders()
{
    return int(QDir(qEnvironmentVariable("RETORT_SCRATCH_DIR")).entryList({QStringLiteral("retort-scratch-*")}, QDir::Dirs).size());
}

} // namespace

class tst_SchemaChangesPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    QString project(const MigrationProjectOptions& options, QString* url)
    {
        const QString dir = m_dir.filePath(QStringLiteral("p%1").arg(++m_counter));
        if (!writeMigrationProject(dir, options))
            return {};
        const QString db = m_dir.filePath(QStringLiteral("p%1.db").arg(m_counter));
        QFile file(db);
        if (!file.open(QIODevice::WriteOnly)) // an empty SQLite database
            return {};
        *url = QStringLiteral("sqlite:///") + db;
        return dir;
    }

    static bool openAndWait(MainWindow& window, const QString& project, const QString& url)
    {
        window.setInterpreter(InterpreterChoice{QStringLiteral(RETORT_PYTHON), {}});
        window.resize(1400, 900);
        window.show();
        window.openProject(project, url);
        return QTest::qWaitFor([&window] { return window.isReady() && !window.timeMachine()->isLoadingCache(); }, 60000);
    }

    // Clicks revision `id` in the graph.
    static void clickRevision(MainWindow& window, const QString& id)
    {
        QTreeView* view = window.graphPanel()->view();
        const QModelIndex source = window.graphModel()->indexOfRevisionId(id);
        const QModelIndex index = window.graphPanel()->filterModel()->mapFromSource(source);
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QDir(SnapshotCache::directory()).removeRecursively();
        const QString scratch = m_dir.filePath(QStringLiteral("scratch"));
        QVERIFY(QDir().mkpath(scratch));
        qputenv("RETORT_SCRATCH_DIR", scratch.toUtf8());
    }

    void showsWhatTheSelectedRevisionChanged()
    {
        MigrationProjectOptions options;
        options.revisions = 4;
        options.branchFrom = 2;
        options.branchLength = 1;
        QString url;
        const QString dir = project(options, &url);
        QVERIFY(!dir.isEmpty());
        MainWindow window(testOptions());
        SchemaChangesPanel* panel = window.schemaChangesPanel();
        QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(openAndWait(window, dir, url));
        window.findChild<QDockWidget*>(QStringLiteral("schemaChangesDock"))->raise();

        clickRevision(window, QStringLiteral("r0003"));
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), window.graphModel()->graph()->indexOf(QStringLiteral("r0003")));
        QVERIFY(!panel->isShowingChanges());
        QVERIFY2(panel->message().contains(QLatin1String("has not been computed yet")), qPrintable(panel->message()));
        QVERIFY(panel->computeButton()->isVisible());
        QVERIFY(panel->computeButton()->isEnabled());

        // Declined: nothing runs.
        int asked = 0;
        ScratchConfirmation seen;
        window.timeMachine()->setConfirmHandler([&](const ScratchConfirmation& c) -> std::optional<ScratchKind> {
            ++asked;
            seen = c;
            return std::nullopt;
        });
        QTest::mouseClick(panel->computeButton(), Qt::LeftButton);
        QCOMPARE(asked, 1);
        QVERIFY(!window.timeMachine()->isComputing());
        QCOMPARE(seen.dialect, Dialect::SQLite);
        QCOMPARE(seen.revisions, 6);
        QVERIFY2(seen.fileDescription.contains(QLatin1String("temporary SQLite file")), qPrintable(seen.fileDescription));

        // Confirmed: computed on a worker, with progress.
        window.timeMachine()->setConfirmHandler([&](const ScratchConfirmation&) -> std::optional<ScratchKind> { return ScratchKind::SqliteFile; });
        QSignalSpy progress(window.timeMachine(), &TimeMachineController::progressChanged);
        const int foldersBefore = scratchFolders();
        QTest::mouseClick(panel->computeButton(), Qt::LeftButton);
        QVERIFY(window.timeMachine()->isComputing());
        QVERIFY(window.findChild<QToolButton*>(QStringLiteral("cancelSchemaHistory"))->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!window.timeMachine()->isComputing(), 120000);
        QVERIFY2(window.timeMachine()->lastError().isEmpty(), qPrintable(window.timeMachine()->lastError()));
        QVERIFY(progress.count() >= 6);
        QCOMPARE(window.timeMachine()->schemas().byRevision.size(), 6);
        QCOMPARE(scratchFolders(), foldersBefore); // the scratch file is gone

        QVERIFY(panel->isShowingChanges());
        QVERIFY2(panel->headline().contains(QLatin1String("r0003 (create t3) against r0002: 2 added, 0 removed, 0 changed")),
                 qPrintable(panel->headline()));
        QCOMPARE(topRows(panel->model()), (QStringList{QStringLiteral("~ table main.t2"), QStringLiteral("+ table main.t3")}));
        QCOMPARE(childRows(panel->model(), 0), QStringList{QStringLiteral("+ column ref3")});
        QVERIFY(childRows(panel->model(), 1).contains(QStringLiteral("+ index ix_t3_name")));
        const QModelIndex added = panel->model()->index(1, int(SchemaChangesModel::Column::Change));
        QCOMPARE(added.data().toString(), QStringLiteral("added"));
        QCOMPARE(added.data(Qt::ForegroundRole).value<QColor>(), SchemaChangesModel::colorFor(ChangeKind::Added, false));
        QCOMPARE(panel->model()->index(0, 0).data(Qt::ForegroundRole).value<QColor>(),
                 SchemaChangesModel::colorFor(ChangeKind::Changed, false));
        QCOMPARE(panel->model()->index(0, int(SchemaChangesModel::Column::Details), panel->model()->index(1, 0)).data().toString(),
                 QStringLiteral("INTEGER NOT NULL")); // the first column of t3, "id"
        QVERIFY(!panel->parentChooser()->isVisibleTo(panel));

        // Keyboard: the tree takes the focus and the arrows walk it.
        panel->view()->setFocus();
        panel->view()->setCurrentIndex(panel->model()->index(0, 0));
        QTest::keyClick(panel->view(), Qt::Key_Down);
        QCOMPARE(panel->view()->currentIndex().data().toString(), QStringLiteral("+ column ref3"));
        QTest::keyClick(panel->view(), Qt::Key_Down);
        QCOMPARE(panel->view()->currentIndex().data().toString(), QStringLiteral("+ table main.t3"));
        QTest::keyClick(panel->view(), Qt::Key_Left); // collapse
        QVERIFY(!panel->view()->isExpanded(panel->view()->currentIndex()));

        // A merge: one comparison per parent, chosen with the keyboard.
        clickRevision(window, QStringLiteral("m1"));
        QTRY_VERIFY(panel->headline().startsWith(QLatin1String("m1 (merge the side branch) against r0004")));
        QVERIFY(panel->parentChooser()->isVisibleTo(panel));
        QCOMPARE(panel->parentChooser()->count(), 2);
        QCOMPARE(topRows(panel->model()), (QStringList{QStringLiteral("+ table main.s1"), QStringLiteral("~ table main.t1")}));
        panel->parentChooser()->setFocus();
        QTest::keyClick(panel->parentChooser(), Qt::Key_Down);
        QCOMPARE(panel->parentChooser()->currentIndex(), 1);
        QVERIFY2(panel->headline().contains(QLatin1String("against s1")), qPrintable(panel->headline()));
        QVERIFY(topRows(panel->model()).contains(QStringLiteral("+ table main.t4")));

        // A base revision: against an empty database, never the version table.
        clickRevision(window, QStringLiteral("r0001"));
        QTRY_VERIFY(panel->headline().startsWith(QLatin1String("r0001")));
        QCOMPARE(topRows(panel->model()), QStringList{QStringLiteral("+ table main.t1")});

        // Alt+7 toggles the dock.
        QDockWidget* dock = window.findChild<QDockWidget*>(QStringLiteral("schemaChangesDock"));
        QVERIFY(dock->toggleViewAction()->shortcut() == QKeySequence(QStringLiteral("Alt+8")));

        const QString shot = m_dir.filePath(QStringLiteral("schema-changes.png"));
        QVERIFY(window.saveScreenshot(shot).ok());
        QVERIFY(QFileInfo(shot).size() > 10000);
    }

    // Cached schemas are shown as soon as the project opens: nothing to confirm or compute.
    void aProjectOpenedLaterShowsItsCachedSchemas()
    {
        MigrationProjectOptions options;
        options.revisions = 3;
        QString url;
        const QString dir = project(options, &url);
        {
            MainWindow first(testOptions());
            QVERIFY(openAndWait(first, dir, url));
            first.timeMachine()->setConfirmHandler([](const ScratchConfirmation&) -> std::optional<ScratchKind> { return ScratchKind::SqliteFile; });
            first.timeMachine()->compute();
            QTRY_VERIFY_WITH_TIMEOUT(!first.timeMachine()->isComputing(), 120000);
            QCOMPARE(first.timeMachine()->schemas().byRevision.size(), 3);
        }
        MainWindow window(testOptions());
        window.timeMachine()->setConfirmHandler([](const ScratchConfirmation&) -> std::optional<ScratchKind> {
            qWarning("asked to compute what is cached");
            return std::nullopt;
        });
        QVERIFY(openAndWait(window, dir, url));
        QTRY_COMPARE(window.timeMachine()->schemas().byRevision.size(), 3);
        window.selectRevisionId(QStringLiteral("r0002"));
        QTRY_VERIFY(window.schemaChangesPanel()->isShowingChanges());
        QCOMPARE(window.timeMachine()->schemas().computed, 0);
    }

    void aCancelRemovesTheScratchDatabaseAndKeepsTheCache()
    {
        MigrationProjectOptions options;
        options.revisions = 150;
        QString url;
        const QString dir = project(options, &url);
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.selectRevisionId(QStringLiteral("r0001"));
        window.timeMachine()->setConfirmHandler([](const ScratchConfirmation&) -> std::optional<ScratchKind> { return ScratchKind::SqliteFile; });
        const int foldersBefore = scratchFolders();
        QSignalSpy progress(window.timeMachine(), &TimeMachineController::progressChanged);
        QTest::mouseClick(window.schemaChangesPanel()->computeButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 60000);
        QCOMPARE(scratchFolders(), foldersBefore + 1); // the walk's scratch file, in this test's folder
        QTest::mouseClick(window.findChild<QToolButton*>(QStringLiteral("cancelSchemaHistory")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.timeMachine()->isComputing(), 60000);
        QVERIFY2(window.timeMachine()->lastError().contains(QLatin1String("Cancelled")), qPrintable(window.timeMachine()->lastError()));
        QCOMPARE(scratchFolders(), foldersBefore);
        // What was computed before the cancel is cached and shown.
        QTRY_VERIFY(window.timeMachine()->schemas().byRevision.size() >= 1);
        QVERIFY(window.timeMachine()->schemas().byRevision.size() < 150);
        QTRY_VERIFY(window.schemaChangesPanel()->isShowingChanges()); // r0001 was computed first
        QVERIFY(!window.findChild<QToolButton*>(QStringLiteral("cancelSchemaHistory"))->isVisible());
    }

    // The demo project (two labelled branches and a merge): what the merge brought from each side,
    // rendered in a screenshot (also written to $RETORT_SCREENSHOT_DIR when set, for people to look at).
    void rendersTheDemoProjectsMerge()
    {
        const QString dir = m_dir.filePath(QStringLiteral("cityscope"));
        QVERIFY(testsupport::copyTree(testsupport::demoSourceDir(), dir));
        const QString url = testsupport::createSqlite(m_dir.filePath(QStringLiteral("cityscope.db")));
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.timeMachine()->setConfirmHandler([](const ScratchConfirmation&) -> std::optional<ScratchKind> { return ScratchKind::SqliteFile; });
        window.timeMachine()->compute();
        QTRY_VERIFY_WITH_TIMEOUT(!window.timeMachine()->isComputing(), 120000);
        QCOMPARE(window.timeMachine()->schemas().byRevision.size(), 13);
        window.findChild<QDockWidget*>(QStringLiteral("schemaChangesDock"))->raise();
        clickRevision(window, QStringLiteral("9d5e3b7a1c06"));
        SchemaChangesPanel* panel = window.schemaChangesPanel();
        QTRY_VERIFY(panel->isShowingChanges());
        QCOMPARE(panel->parentChooser()->count(), 2);
        QVERIFY2(panel->headline().contains(QLatin1String("against c93f5a1e7d24: 2 added, 0 removed, 0 changed")), qPrintable(panel->headline()));
        panel->parentChooser()->setCurrentIndex(1);
        QVERIFY(topRows(panel->model()).contains(QStringLiteral("+ table main.api_keys")));
        panel->view()->setFocus();
        const QString shot = m_dir.filePath(QStringLiteral("cityscope-schema-changes.png"));
        QVERIFY(window.saveScreenshot(shot).ok());
        QVERIFY(QFileInfo(shot).size() > 10000);
        const QString keep = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
        if (!keep.isEmpty()) {
            QFile::remove(keep + QStringLiteral("/schema-changes.png"));
            QVERIFY(QFile::copy(shot, keep + QStringLiteral("/schema-changes.png")));
        }
    }

    // PostgreSQL: the server is never preselected, and not offered on a production connection.
    void theConfirmationOffersWhereAndNeverPicksTheServer()
    {
        ScratchConfirmation c;
        c.dialect = Dialect::PostgreSQL;
        c.project = QStringLiteral("shop");
        c.revisions = 12;
        c.serverDescription = QStringLiteral("a database retort_scratch_<random> created on db:5432");
        ScratchConfirmDialog onlyServer(c);
        auto* run = onlyServer.findChild<QPushButton*>(QStringLiteral("scratchRunButton"));
        QVERIFY(!run->isEnabled()); // nothing chosen yet
        QTest::mouseClick(onlyServer.findChild<QRadioButton*>(QStringLiteral("scratchServer")), Qt::LeftButton);
        QVERIFY(run->isEnabled());
        QCOMPARE(onlyServer.choice(), ScratchKind::ServerDatabase);

        c.clusterDescription = QStringLiteral("a throwaway PostgreSQL 15 cluster");
        ScratchConfirmDialog both(c);
        QVERIFY(both.findChild<QRadioButton*>(QStringLiteral("scratchCluster"))->isChecked());
        QCOMPARE(both.choice(), ScratchKind::LocalCluster);
        QVERIFY(both.findChild<QLabel*>(QStringLiteral("scratchIntro"))->text().contains(QLatin1String("12 revision")));

        c.serverDescription.clear();
        c.serverRefusal = QStringLiteral("The connection is a production one");
        ScratchConfirmDialog production(c);
        QVERIFY(!production.findChild<QRadioButton*>(QStringLiteral("scratchServer"))->isEnabled());
        QCOMPARE(production.choice(), ScratchKind::LocalCluster);
    }

    void cleanupTestCase() { QDir(SnapshotCache::directory()).removeRecursively(); }
};

QTEST_MAIN(tst_SchemaChangesPanel)
#include "tst_SchemaChangesPanel.moc"
