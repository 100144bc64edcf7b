// The window as a new user meets it (issue #18): a small screen, a failed run read in pt_BR, the
// filter's answers, the connection dialog, the log, the theme, the SQL dialect, and the program
// started without a display. Offscreen, real files, SQLite, PostgreSQL and the real Alembic.

#include "app/AppTestSupport.h"
#include "app/connection/ConnectionDialog.h"
#include "app/connection/ConnectionIndicator.h"
#include "app/editor/SqlPreview.h"
#include "app/graph/RevisionFilterModel.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "app/log/LogDock.h"
#include "app/run/RunProgressPanel.h"
#include "app/window/MainWindow.h"
#include "app/window/Theme.h"
#include "app/window/Translations.h"
#include "support/PgCluster.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
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

// RETORT_SCREENSHOT_DIR=DIR: the tests also save what they looked at (docs/SCREENSHOTS.md).
void saveShot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QApplication::processEvents();
    widget->grab().save(QDir(dir).filePath(name));
}

bool visibleOnToolBar(QToolBar* bar, QAction* action)
{
    QWidget* button = bar->widgetForAction(action);
    return button && button->isVisible() && bar->rect().contains(button->geometry());
}

} // namespace

class tst_WindowAsMet : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString demoCopy(const QString& name, QString* url)
    {
        const QString project = m_dir.filePath(name);
        if (!testsupport::copyTree(testsupport::demoSourceDir(), project))
            return {};
        *url = testsupport::createSqlite(m_dir.filePath(name + QStringLiteral(".db")));
        return project;
    }

    static bool openAndWait(MainWindow& window, const QString& project, const QString& url, const QSize& size = {1400, 900})
    {
        window.setInterpreter(InterpreterChoice{QStringLiteral(RETORT_PYTHON), {}});
        window.resize(size);
        window.show();
        window.openProject(project, url);
        return QTest::qWaitFor([&window] { return window.isReady(); }, 60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        Theme::captureSystemDefaults();
    }

    void cleanup()
    {
        Translations::uninstall();
        Theme::apply(Theme::Choice::System);
    }

    // 1024x640: every toolbar action shows (icons only), the message keeps room, the date goes
    // first, and Reset Layout leaves the window its size.
    void aSmallWindowKeepsEverythingReachable()
    {
        QString url;
        const QString project = demoCopy(QStringLiteral("small"), &url);
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, url, {1024, 640}));
        QCOMPARE(window.width(), 1024);
        auto* bar = window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
        QVERIFY(bar);
        QTRY_COMPARE(bar->toolButtonStyle(), Qt::ToolButtonIconOnly);
        for (const char* name : {"actionOpenProject", "actionConnect", "actionUpgradeToHere", "actionPreviewSql",
                                 "actionUpgradeToHeads", "actionCancelRun"})
            QVERIFY2(visibleOnToolBar(bar, window.action(QLatin1String(name))), name);
        QTreeView* view = window.graphPanel()->view();
        const int message = view->header()->sectionSize(int(RevisionGraphModel::Column::Message));
        QVERIFY2(message * 3 >= view->viewport()->width() - 4, qPrintable(QString::number(message)));
        QVERIFY(view->isColumnHidden(int(RevisionGraphModel::Column::Date)));
        window.resetLayout();
        QTest::qWait(50);
        QTRY_COMPARE(window.width(), 1024);
        // A wide window shows the words on the toolbar and the date again.
        window.resize(1920, 1080);
        QTRY_COMPARE(bar->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
        QTRY_VERIFY(!view->isColumnHidden(int(RevisionGraphModel::Column::Date)));
    }

    // A failing migration, read in Portuguese: the steps that ran are marked rolled back, the
    // sentence that matters is translated and stands apart from Alembic's own text.
    void aFailedRunSaysWhatTheDatabaseHoldsInTheUsersLanguage()
    {
        QVERIFY(Translations::install(QLocale(QStringLiteral("pt_BR"))).retortCatalog.endsWith(QLatin1String(".qm")));
        const QString project = m_dir.filePath(QStringLiteral("failing"));
        QVERIFY(testsupport::writeSmallProject(project, "    op.create_table('second', sa.Column('id', sa.Integer, primary_key=True))\n"
                                                        "    raise RuntimeError('boom in the second step')"));
        const QString url = testsupport::createSqlite(m_dir.filePath(QStringLiteral("failing.db")));
        MainWindow window(testOptions());
        window.setErrorHandler([](const QString&, const Error&) {});
        window.setConfirmHandler([](const RunRequest&) { return true; });
        QVERIFY(openAndWait(window, project, url));
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.upgradeToHeads();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const JobResult result = window.lastRunResult();
        QVERIFY(!result.ok);
        RunStepsModel* steps = window.runPanel()->stepsModel();
        QCOMPARE(steps->rowCount(), 3);
        const auto stateOf = [steps](int row) { return RunStepsModel::State(steps->index(row).data(RunStepsModel::StateRole).toInt()); };
        // SQLite has no transactional DDL through Alembic's defaults here: what the database holds
        // decides, re-read; the failing step is Failed, the one after it never ran.
        QCOMPARE(stateOf(1), RunStepsModel::State::Failed);
        QCOMPARE(stateOf(2), RunStepsModel::State::Cancelled);
        QVERIFY(stateOf(0) == RunStepsModel::State::Done || stateOf(0) == RunStepsModel::State::RolledBack);
        const QString outcome = window.runPanel()->outcomeText();
        QVERIFY2(outcome.contains(QStringLiteral("alembic_version é")), qPrintable(outcome));
        QVERIFY2(outcome.contains(QStringLiteral("falhou")), qPrintable(outcome));
        QVERIFY2(!outcome.contains(QStringLiteral("Background on this error")), qPrintable(outcome));
        QVERIFY2(window.runPanel()->detailText().contains(QStringLiteral("boom in the second step")),
                 qPrintable(window.runPanel()->detailText()));
        QVERIFY(!outcome.contains(QStringLiteral("1 steps")));
        const QString title = window.runPanel()->findChild<QLabel*>(QStringLiteral("runTitle"))->text();
        QVERIFY2(title.contains(QStringLiteral("falhou")), qPrintable(title)); // no longer "Upgrading"
        saveShot(&window, QStringLiteral("failed-run-pt_BR.png"));
    }

    // Targets in the filter get Alembic's answer; a target typed keeps the selection.
    void theFilterSaysWhyATargetNamesNothing()
    {
        QString url;
        const QString project = demoCopy(QStringLiteral("filter"), &url);
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("heads"));
        QVERIFY(openAndWait(window, project, url));
        const int selected = window.graphPanel()->selectedRevision();
        QVERIFY(selected >= 0);
        QLineEdit* search = window.graphPanel()->searchField();
        auto* info = window.graphPanel()->findChild<QLabel*>(QStringLiteral("searchInfo"));
        QTest::keyClicks(search, QStringLiteral("-20"));
        window.graphPanel()->applySearch();
        QVERIFY2(info->text().contains(QStringLiteral("Relative revision -20 didn't produce 20 migrations")), qPrintable(info->text()));
        QCOMPARE(window.graphPanel()->filterModel()->rowCount(), window.graphModel()->rowCount()); // nothing hidden
        QCOMPARE(window.graphPanel()->selectedRevision(), selected);
        search->clear();
        QTest::keyClicks(search, QStringLiteral("+2"));
        window.graphPanel()->applySearch();
        QVERIFY2(info->text().contains(QStringLiteral("runs 2")), qPrintable(info->text()));
        QCOMPARE(window.graphPanel()->selectedRevision(), selected);
    }

    void theConnectionDialogOpensOnTheUrlAndNamesARefusedLogin()
    {
        ConnectionDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("urlEdit"));
        dialog.close();

        PgCluster cluster;
        const Status started = cluster.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        QString unused;
        const QString project = demoCopy(QStringLiteral("wrongpassword"), &unused);
        QString wrong = cluster.url(QStringLiteral("postgres"));
        wrong.replace(QRegularExpression(QStringLiteral(":[^:@/]+@")), QStringLiteral(":not-the-password@"));
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, wrong));
        saveShot(&window, QStringLiteral("wrong-password-window.png"));
        {
            ConnectionDialog wrongDialog;
            wrongDialog.setUrlText(wrong);
            wrongDialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&wrongDialog));
            QPushButton* test = wrongDialog.findChild<QPushButton*>(QStringLiteral("testButton"));
            QVERIFY(test);
            QTest::mouseClick(test, Qt::LeftButton);
            auto* status = wrongDialog.findChild<QLabel*>(QStringLiteral("statusLabel"));
            QVERIFY(status);
            QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("password")), 20000);
            saveShot(&wrongDialog, QStringLiteral("connection-dialog-wrong-password.png"));
        }
        QVERIFY(window.workspace()->databaseState().error);
        QCOMPARE(window.workspace()->databaseState().error->code, QStringLiteral("db-auth"));
        QVERIFY2(window.connectionIndicator()->text().startsWith(QStringLiteral("Login refused")),
                 qPrintable(window.connectionIndicator()->text()));
    }

    // Each Alembic line once in the Log dock's Alembic view.
    void alembicsLinesAppearOnce()
    {
        const QString project = m_dir.filePath(QStringLiteral("logonce"));
        QVERIFY(testsupport::writeSmallProject(project, "    pass"));
        QVERIFY(testsupport::writeFile(project + QStringLiteral("/alembic.ini"),
                                       "[alembic]\nscript_location = %(here)s/migrations\n\n[loggers]\nkeys = root,alembic\n\n"
                                       "[handlers]\nkeys = console\n\n[formatters]\nkeys = generic\n\n[logger_root]\nlevel = WARN\n"
                                       "handlers = console\nqualname =\n\n[logger_alembic]\nlevel = INFO\nhandlers =\nqualname = alembic\n\n"
                                       "[handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\n"
                                       "formatter = generic\n\n[formatter_generic]\nformat = %%(levelname)-5.5s [%%(name)s] %%(message)s\n"));
        // env.py configures logging from the ini, as Alembic's template does.
        QFile env(project + QStringLiteral("/migrations/env.py"));
        QVERIFY(env.open(QIODevice::ReadOnly));
        QByteArray text = env.readAll();
        env.close();
        text.replace("config = context.config\n", "config = context.config\nfrom logging.config import fileConfig\nfileConfig(config.config_file_name)\n");
        QVERIFY(testsupport::writeFile(project + QStringLiteral("/migrations/env.py"), text));
        const QString url = testsupport::createSqlite(m_dir.filePath(QStringLiteral("logonce.db")));
        MainWindow window(testOptions());
        window.setConfirmHandler([](const RunRequest&) { return true; });
        QVERIFY(openAndWait(window, project, url));
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.upgradeToHeads();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(window.lastRunResult().ok, qPrintable(window.lastRunResult().error.message));
        const QString log = window.logDock()->alembicText();
        QCOMPARE(log.count(QStringLiteral("Running upgrade  -> aaaa1111")), 1);
        QCOMPARE(log.count(QStringLiteral("Running upgrade bbbb2222 -> cccc3333")), 1);
    }

    void theThemeIsChosenInTheViewMenuAndRemembered()
    {
        MainWindow window(testOptions());
        window.show();
        auto* dark = window.findChild<QAction*>(QStringLiteral("theme_dark"));
        QVERIFY(dark);
        dark->trigger();
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QCOMPARE(QSettings().value(QStringLiteral("View/theme")).toString(), QStringLiteral("dark"));
        QCOMPARE(Theme::saved(), Theme::Choice::Dark);
        window.findChild<QAction*>(QStringLiteral("theme_light"))->trigger();
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
        window.findChild<QAction*>(QStringLiteral("theme_system"))->trigger();
        QCOMPARE(Theme::saved(), Theme::Choice::System);
    }

    // The SQL preview names its dialect and renders another one on request.
    void theSqlPreviewSaysAndLetsPickTheDialect()
    {
        QString url;
        const QString project = demoCopy(QStringLiteral("dialect"), &url);
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, project, url));
        auto* status = window.sqlPreview()->findChild<QLabel*>(QStringLiteral("sqlPreviewStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("dialect sqlite")), 30000);
        auto* dialect = window.sqlPreview()->findChild<QComboBox*>(QStringLiteral("sqlDialect"));
        QSignalSpy ready(window.sqlPreview(), &retort::app::SqlPreview::previewReady);
        dialect->setCurrentIndex(dialect->findData(QStringLiteral("postgresql://")));
        Q_EMIT dialect->activated(dialect->currentIndex());
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 60000);
        QVERIFY2(status->text().contains(QStringLiteral("dialect postgresql (chosen)")), qPrintable(status->text()));
        QVERIFY(window.sqlPreview()->text().contains(QStringLiteral("BEGIN;"))); // PostgreSQL's transactional DDL
        auto* copy = window.sqlPreview()->findChild<QToolButton*>(QStringLiteral("copySqlButton"));
        QTest::mouseClick(copy, Qt::LeftButton);
        QVERIFY2(status->text().startsWith(QStringLiteral("Copied")), qPrintable(status->text()));
    }

    // --help, --version and a screenshot work where there is no display.
    void worksWithoutADisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        const QString retort = QStringLiteral(RETORT_BINARY_DIR "/src/app/retort");
        for (const QStringList& args : {QStringList{QStringLiteral("--help")}, QStringList{QStringLiteral("--version")}}) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(retort, args);
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitStatus(), QProcess::NormalExit);
            QCOMPARE(p.exitCode(), 0);
            QVERIFY(!p.readAllStandardOutput().isEmpty());
        }
        QString url;
        const QString project = demoCopy(QStringLiteral("headless"), &url);
        QProcess p;
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(m_dir.path());
        p.start(retort, {QStringLiteral("--project"), project, QStringLiteral("--url"), url, QStringLiteral("--screenshot"),
                         QStringLiteral("shot.png"), QStringLiteral("--report"), QStringLiteral("report.json")});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("shot.png"))).size() > 10000); // relative to the caller's folder
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("report.json"))));
    }
};

QTEST_MAIN(tst_WindowAsMet)
#include "tst_WindowAsMet.moc"
