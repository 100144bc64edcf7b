// The window over the core Workspace, used as people use it: the mouse selects a revision and
// every action follows; a failed open keeps what was shown and refuses runs; nothing opens
// another project during a run; a saved password comes back from the keychain after a restart;
// and `--report` says what the window shows. Real widgets, files, SQLite, PostgreSQL, Alembic.

#include "app/AppTestSupport.h"
#include "app/doctor/DiagnosticsModel.h"
#include "app/graph/RevisionFilterModel.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "app/run/RunController.h"
#include "app/run/RunProgressPanel.h"
#include "app/window/MainWindow.h"
#include "core/db/ConnectionProfiles.h"
#include "core/db/DatabaseUrl.h"
#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QJsonArray>
#include <QLineEdit>
#include <QJsonDocument>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

namespace {

MainWindow::Options testOptions()
{
    MainWindow::Options o;
    o.restoreState = false;
    o.watchFiles = false;
    return o;
}

// Passwords kept in a JSON file: survives a "restart" (new windows, session memory cleared), so
// the start-up path profile -> secret store -> URL is the real one without a desktop keychain.
class FileSecretStore final : public SecretStore
{
public:
    explicit FileSecretStore(QString path) : m_path(std::move(path)) {}
    void read(const QString& key, QObject* context, ReadDone done) override
    {
        const QJsonObject all = load();
        const bool found = all.contains(key);
        const QString secret = all.value(key).toString();
        ++reads;
        QMetaObject::invokeMethod(context, [done, found, secret] { done(found ? Status::Ok : Status::NotFound, secret, {}); },
                                  Qt::QueuedConnection);
    }
    void write(const QString& key, const QString& secret, QObject* context, WriteDone done) override
    {
        QJsonObject all = load();
        if (secret.isEmpty())
            all.remove(key);
        else
            all.insert(key, secret);
        QFile file(m_path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(QJsonDocument(all).toJson());
        QMetaObject::invokeMethod(context, [done] { done(Status::Ok, {}); }, Qt::QueuedConnection);
    }
    int reads = 0;

private:
    QJsonObject load() const
    {
        QFile file(m_path);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    }
    QString m_path;
};

QPoint rowCenter(QTreeView* view, const QModelIndex& index)
{
    view->scrollTo(index);
    return view->visualRect(index).center();
}

} // namespace

class tst_WindowWorkspace : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The small project (a -> b -> c) with its own SQLite file; b's upgrade runs `bBody`.
    QString smallProject(const QString& name, const QByteArray& bBody, QString* url)
    {
        const QString dir = m_dir.filePath(name);
        if (!testsupport::writeSmallProject(dir, bBody))
            return {};
        *url = testsupport::createSqlite(m_dir.filePath(name + QStringLiteral(".db")));
        return dir;
    }

    static bool openAndWait(MainWindow& window, const QString& project, const QString& url = {})
    {
        window.setInterpreter(InterpreterChoice{QStringLiteral(RETORT_PYTHON), {}});
        window.resize(1200, 800);
        window.show();
        if (!window.openProject(project, url))
            return false;
        return QTest::qWaitFor([&window] { return window.isReady(); }, 60000);
    }

    static QModelIndex rowOf(MainWindow& window, const QString& id)
    {
        const QModelIndex source = window.graphModel()->indexOfRevisionId(id);
        return window.graphPanel()->filterModel()->mapFromSource(source);
    }

    static QStringList enabledRunActions(MainWindow& window)
    {
        QStringList enabled;
        for (const char* name : {"actionUpgradeToHere", "actionDowngradeToHere", "actionStampHere", "actionPreviewSql",
                                 "actionCopyRevisionId"}) {
            if (window.action(QLatin1String(name))->isEnabled())
                enabled << QLatin1String(name);
        }
        return enabled;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(), "RETORT_PYTHON must be a Python with Alembic");
    }

    // The bug users met first: a mouse click selected the row but left every action disabled.
    void aMouseClickSelectsTheRevisionAndEnablesItsActions()
    {
        QString url;
        const QString project = smallProject(QStringLiteral("click"), "    pass", &url);
        QVERIFY(!project.isEmpty());
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("aaaa1111"));
        QVERIFY(openAndWait(window, project, url));
        QTreeView* view = window.graphPanel()->view();

        const QModelIndex target = rowOf(window, QStringLiteral("cccc3333"));
        QVERIFY(target.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, target));
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), window.graphModel()->graph()->indexOf(QStringLiteral("cccc3333")));
        // The database is at base: upgrade, stamp, preview and copy; nothing to downgrade to.
        const QStringList byMouse = enabledRunActions(window);
        QCOMPARE(byMouse, QStringList({QStringLiteral("actionUpgradeToHere"), QStringLiteral("actionStampHere"),
                                       QStringLiteral("actionPreviewSql"), QStringLiteral("actionCopyRevisionId")}));
        QVERIFY(window.action(QStringLiteral("actionUpgradeToHeads"))->isEnabled());

        // The keyboard reaches the same state for the same row.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, rowOf(window, QStringLiteral("aaaa1111"))));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Home);
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), window.graphModel()->graph()->indexOf(QStringLiteral("cccc3333")));
        QCOMPARE(enabledRunActions(window), byMouse);

        // Clicking another row follows it (the details and actions of the new row).
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, rowOf(window, QStringLiteral("bbbb2222"))));
        QTRY_COMPARE(window.graphPanel()->selectedRevision(), window.graphModel()->graph()->indexOf(QStringLiteral("bbbb2222")));
        QVERIFY(window.action(QStringLiteral("actionUpgradeToHere"))->isEnabled());
    }

    // A right click selects the row under the mouse and opens the menu with its actions enabled.
    void aRightClickOpensTheMenuOfThatRevision()
    {
        QString url;
        const QString project = smallProject(QStringLiteral("rightclick"), "    pass", &url);
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("aaaa1111"));
        QVERIFY(openAndWait(window, project, url));
        QTreeView* view = window.graphPanel()->view();
        QStringList seen;
        QStringList enabled;
        QTimer::singleShot(200, &window, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu)
                return;
            for (QAction* a : menu->actions()) {
                if (a->isSeparator())
                    continue;
                seen << a->objectName();
                if (a->isEnabled())
                    enabled << a->objectName();
            }
            menu->close();
        });
        const QPoint at = rowCenter(view, rowOf(window, QStringLiteral("cccc3333")));
        // QTest has no right-click that raises a context menu: press the right button, then the
        // event a window system sends.
        QTest::mouseClick(view->viewport(), Qt::RightButton, {}, at);
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &event);
        QCOMPARE(window.graphPanel()->selectedRevision(), window.graphModel()->graph()->indexOf(QStringLiteral("cccc3333")));
        QVERIFY2(seen.contains(QStringLiteral("actionUpgradeToHere")), qPrintable(seen.join(QLatin1Char(' '))));
        QVERIFY(enabled.contains(QStringLiteral("actionUpgradeToHere")));
        QVERIFY(enabled.contains(QStringLiteral("actionStampHere")));
        QVERIFY(enabled.contains(QStringLiteral("actionPreviewSql")));
        QVERIFY(enabled.contains(QStringLiteral("actionCopyRevisionId")));
    }

    // Opening a project that cannot be read keeps the one on screen, says so, and disables runs
    // against it until a project loads.
    void aFailedOpenKeepsTheShownProjectAndDisablesRuns()
    {
        QString url;
        const QString project = smallProject(QStringLiteral("failedopen"), "    pass", &url);
        MainWindow window(testOptions());
        QList<Error> errors;
        window.setErrorHandler([&errors](const QString&, const Error& e) { errors << e; });
        QVERIFY(openAndWait(window, project, url));
        QVERIFY(window.action(QStringLiteral("actionUpgradeToHeads"))->isEnabled());
        const int revisions = window.graphModel()->rowCount();

        const QString broken = m_dir.filePath(QStringLiteral("broken"));
        QVERIFY(testsupport::writeFile(broken + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = %(here)s/nowhere\n"));
        QSignalSpy failed(window.workspace(), &Workspace::loadFailed);
        QVERIFY(window.openProject(broken));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(window.graphModel()->rowCount(), revisions); // still shown
        QVERIFY(!window.action(QStringLiteral("actionUpgradeToHeads"))->isEnabled());
        QVERIFY(!window.action(QStringLiteral("actionStampHere"))->isEnabled());
        QCOMPARE(window.workspace()->target().url, url); // the database did not switch
        const QJsonObject report = window.report();
        QVERIFY(report.contains(QStringLiteral("load_error")));
        QCOMPARE(report.value(QStringLiteral("runnable")).toBool(), false);
        // Trying anyway says why.
        window.upgradeToHeads();
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.constLast().code, QStringLiteral("load-failed"));

        // Opening a good project again restores runs.
        QSignalSpy changed(window.workspace(), &Workspace::snapshotChanged);
        QVERIFY(window.openProject(project, url));
        QTRY_COMPARE(changed.count(), 1);
        QTRY_VERIFY(window.action(QStringLiteral("actionUpgradeToHeads"))->isEnabled());
    }

    // During a run no entry point opens another project: the API, File ▸ Recent, drag and drop.
    void openingDuringARunIsRefusedFromEveryEntryPoint()
    {
        QString url;
        const QString project = smallProject(QStringLiteral("busy"), "    import time\n    time.sleep(60)", &url);
        QString otherUrl;
        const QString other = smallProject(QStringLiteral("busy-other"), "    pass", &otherUrl);
        MainWindow window(testOptions());
        QList<Error> errors;
        window.setErrorHandler([&errors](const QString&, const Error& e) { errors << e; });
        window.setConfirmHandler([](const RunRequest&) { return true; });
        QVERIFY(openAndWait(window, other, otherUrl)); // in the Recent list
        QSignalSpy changed(window.workspace(), &Workspace::snapshotChanged);
        QVERIFY(window.openProject(project, url));
        QTRY_COMPARE(changed.count(), 1);
        QTRY_VERIFY(window.workspace()->isRunnable());

        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.upgradeToHeads();
        QTRY_VERIFY(window.runController()->isRunning());
        QVERIFY(window.workspace()->isRunning());

        errors.clear();
        QVERIFY(!window.openProject(other));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.constLast().code, QStringLiteral("busy"));

        QVERIFY(!window.action(QStringLiteral("actionOpenProject"))->isEnabled());
        QMenu* recent = window.findChild<QMenu*>(QStringLiteral("menuRecentProjects"));
        QVERIFY(recent);
        QVERIFY(!recent->isEnabled());
        QAction* recentOther = nullptr;
        for (QAction* a : recent->actions()) {
            if (a->text().contains(QDir::toNativeSeparators(other)))
                recentOther = a;
        }
        QVERIFY(recentOther);
        recentOther->trigger(); // a shortcut (Ctrl+Alt+N) still reaches the action
        QCOMPARE(errors.size(), 2);

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(other)});
        // Qt delivers a drop only to the widget the drag entered (the current drop target).
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QCOMPARE(errors.size(), 3);
        QCOMPARE(window.workspace()->requestedPath(), QFileInfo(project).absoluteFilePath());

        window.cancelRun();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(!window.workspace()->isRunning());
        QVERIFY(window.openProject(other, otherUrl));
    }

    // A profile saved with its password; Retort restarts (new window, nothing in memory): the
    // password comes from the secret store and the database connects.
    void aSavedPasswordIsUsedAfterARestart()
    {
        PgCluster cluster;
        const Status started = cluster.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        QVERIFY(cluster.createDatabase(QStringLiteral("app")));
        QString unusedUrl;
        const QString project = smallProject(QStringLiteral("keychain"), "    pass", &unusedUrl);
        FileSecretStore store(m_dir.filePath(QStringLiteral("secrets.json")));
        ConnectionProfiles::setSecretStore(&store);
        {
            ConnectionProfiles profiles(project);
            const Result<DatabaseUrl> url = DatabaseUrl::parse(cluster.url(QStringLiteral("app")));
            QVERIFY(url);
            QSignalSpy stored(&profiles, &ConnectionProfiles::passwordStored);
            QVERIFY(profiles.save(QStringLiteral("local"), *url));
            QTRY_COMPARE(stored.count(), 1);
            profiles.setLastUsed(QStringLiteral("local"));
            QVERIFY2(!profiles.profile(QStringLiteral("local"))->url.contains(url->password()), "no password in the settings");
        }
        ConnectionProfiles::clearSessionPasswords(); // the restart
        {
            MainWindow window(testOptions());
            QVERIFY(openAndWait(window, project));
            QVERIFY(store.reads >= 1);
            const DatabaseState& db = window.workspace()->databaseState();
            QVERIFY2(db.connected && !db.error, qPrintable(db.error ? db.error->message : QStringLiteral("not connected")));
            QCOMPARE(window.workspace()->target().source, QStringLiteral("profile 'local'"));
            QVERIFY(window.workspace()->isRunnable());
        }
        ConnectionProfiles::setSecretStore(nullptr);
        ConnectionProfiles::clearSessionPasswords();
    }

    // The Docker database whose POSTGRES_DB is not the project's: the server says the database
    // does not exist; the window offers to create it (naming host and name), then reads it again.
    void aMissingDatabaseIsCreatedAfterConfirmation()
    {
        PgCluster cluster;
        const Status started = cluster.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        QString unusedUrl;
        const QString project = smallProject(QStringLiteral("createdb"), "    pass", &unusedUrl);
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, cluster.url(QStringLiteral("not_yet"))));
        QTRY_VERIFY_WITH_TIMEOUT(window.workspace()->databaseState().error.has_value(), 20000);
        QCOMPARE(window.workspace()->databaseState().error->code, QStringLiteral("db-unknown-database"));
        QAction* create = window.action(QStringLiteral("actionCreateDatabase"));
        QTRY_VERIFY(create->isEnabled());

        // Declined: nothing is created.
        QStringList asked;
        window.setCreateDatabaseHandler([&asked](const QString& host, const QString& database) {
            asked << host + QLatin1Char('|') + database;
            return false;
        });
        create->trigger();
        QCOMPARE(asked, QStringList{QStringLiteral("127.0.0.1:%1|not_yet").arg(cluster.port())});
        QVERIFY(cluster.psql(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = 'not_yet'"))->trimmed() == QLatin1String("0"));

        // Accepted: created on a worker, then the window reads it: connected, at base, runnable.
        window.setCreateDatabaseHandler([](const QString&, const QString&) { return true; });
        QSignalSpy created(&window, &MainWindow::databaseCreated);
        create->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 20000);
        QCOMPARE(created.at(0).at(0).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(window.workspace()->databaseState().connected && !window.workspace()->databaseState().error, 20000);
        QVERIFY(window.workspace()->databaseState().heads.isEmpty());
        QTRY_VERIFY(window.workspace()->isRunnable());
        QVERIFY(!create->isEnabled());
        QCOMPARE(cluster.psql(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = 'not_yet'"))->trimmed(), QStringLiteral("1"));
    }

    // A stamp over a schema that is not the target's is said in the confirmation, and stays in
    // Diagnostics after the stamp.
    void aStampOverAMissingTableIsSaidBeforeAndAfter()
    {
        QString url;
        const QString project = smallProject(QStringLiteral("stampcheck"), "    pass", &url);
        QVERIFY(writeSqliteFile(m_dir.filePath(QStringLiteral("stampcheck.db")), {QStringLiteral("CREATE TABLE first (id INTEGER PRIMARY KEY)")}));
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("cccc3333"));
        QList<RunRequest> asked;
        window.setConfirmHandler([&asked](const RunRequest& request) {
            asked << request;
            return true;
        });
        QVERIFY(openAndWait(window, project, url));
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.action(QStringLiteral("actionStampHere"))->trigger();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().checks.size(), 1);
        QVERIFY2(asked.first().checks.first().message.contains(QStringLiteral("has no third")), qPrintable(asked.first().checks.first().message));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(window.lastRunResult().ok);
        bool listed = false;
        for (int row = 0; row < window.diagnostics()->rowCount(); ++row)
            listed = listed || window.diagnostics()->at(row).problem.code == QLatin1String("stamp-schema-mismatch");
        QVERIFY(listed);
    }

    void theReportSaysWhatTheWindowShows()
    {
        QString url;
        const QString project = smallProject(QStringLiteral("report"), "    pass", &url);
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, url));
        const QJsonObject report = window.report();
        QCOMPARE(report.value(QStringLiteral("revisions")).toInt(), 3);
        QCOMPARE(report.value(QStringLiteral("heads")).toArray(), QJsonArray{QStringLiteral("cccc3333")});
        QCOMPARE(report.value(QStringLiteral("bases")).toArray(), QJsonArray{QStringLiteral("aaaa1111")});
        QCOMPARE(report.value(QStringLiteral("pending")).toInt(), 3);
        const QJsonObject database = report.value(QStringLiteral("database")).toObject();
        QCOMPARE(database.value(QStringLiteral("current")).toArray(), QJsonArray{});
        QVERIFY(database.value(QStringLiteral("url")).toString().startsWith(QStringLiteral("sqlite:///")));
        QVERIFY(report.value(QStringLiteral("runnable")).toBool());
    }

    // Every model of the window passes Qt's model checks while it is used.
    void everyModelPassesTheModelTester()
    {
        QString url;
        const QString project = smallProject(QStringLiteral("models"), "    raise RuntimeError('boom')", &url);
        MainWindow window(testOptions());
        window.setErrorHandler([](const QString&, const Error&) {});
        window.setConfirmHandler([](const RunRequest&) { return true; });
        const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
        QAbstractItemModelTester diagnostics(window.diagnostics(), mode);
        QAbstractItemModelTester graph(window.graphModel(), mode);
        QAbstractItemModelTester filter(window.graphPanel()->filterModel(), mode);
        QAbstractItemModelTester steps(window.runPanel()->stepsModel(), mode);
        QVERIFY(openAndWait(window, project, url));
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.upgradeToHeads(); // fails in b: steps change state, the Run source fills Diagnostics
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(!window.lastRunResult().ok);
        QTRY_VERIFY(window.diagnostics()->rowCount() > 0);
        window.graphPanel()->searchField()->setText(QStringLiteral("second"));
        window.graphPanel()->applySearch();
        QCOMPARE(window.graphPanel()->filterModel()->rowCount(), 1);
    }
};

QTEST_MAIN(tst_WindowWorkspace)
#include "tst_WindowWorkspace.moc"
