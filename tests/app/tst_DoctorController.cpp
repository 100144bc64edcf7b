#include "app/AppTestSupport.h"
#include "app/doctor/DiagnosticsModel.h"
#include "app/doctor/DiagnosticsPanel.h"
#include "app/run/ApplyConfirmDialog.h"
#include "app/doctor/DoctorController.h"
#include "app/run/MergeHeadsDialog.h"
#include "app/window/MainWindow.h"
#include "app/graph/RevisionDetails.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"

#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

namespace {

// Runs `statements` on the SQLite file at `path`.
bool execSqlite(const QString& path, const QStringList& statements)
{
    const QString name = QStringLiteral("doctor-exec");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            ok = true;
            for (const QString& statement : statements) {
                if (!query.exec(statement)) {
                    qWarning("execSqlite: %s", qPrintable(query.lastError().text()));
                    ok = false;
                    break;
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Stamps the SQLite file at `path` with `revision` the way Alembic does (an alembic_version row).
bool stampSqlite(const QString& path, const QString& revision)
{
    const QString name = QStringLiteral("doctor-stamp-") + revision;
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

int rowWithCode(const DiagnosticsModel* model, const QString& code)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->at(row).problem.code == code)
            return row;
    return -1;
}

} // namespace

class tst_DoctorController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The demo project and a SQLite copy stamped at an older revision, opened in `window`.
    enum class Database { Empty, StampedAtCreateCities, UsersTableWithoutAlembic, StampedWithAMissingRevision };

    bool openBehind(MainWindow& window, const QString& name) { return open(window, name, Database::StampedAtCreateCities); }

    // A second head beside the demo's: a revision on top of 4a7f2c8e6d93 (before 7c1b9e5a3f28).
    static bool addSideBranch(const QString& project)
    {
        return testsupport::writeFile(project + QStringLiteral("/migrations/versions/2024_03_21_0900-aa11bb22cc33_side_branch.py"),
                                      "\"\"\"side branch\n\nRevision ID: aa11bb22cc33\nRevises: 4a7f2c8e6d93\n\"\"\"\n"
                                      "revision = 'aa11bb22cc33'\ndown_revision = '4a7f2c8e6d93'\nbranch_labels = None\n"
                                      "depends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");
    }

    bool open(MainWindow& window, const QString& name, Database database, bool twoHeads = false)
    {
        const bool stamp = database == Database::StampedAtCreateCities;
        const QString project = m_dir.filePath(name);
        if (!testsupport::copyTree(testsupport::demoSourceDir(), project))
            return false;
        if (twoHeads && !addSideBranch(project))
            return false;
        const QString dbPath = m_dir.filePath(name + QStringLiteral(".db"));
        const QString url = testsupport::createSqlite(dbPath);
        if (stamp && !stampSqlite(dbPath, QStringLiteral("8c4d2b9e1a57")))
            return false;
        // A revision id no file defines, one character off the demo's "create cities".
        if (database == Database::StampedWithAMissingRevision && !stampSqlite(dbPath, QStringLiteral("8c4d2b9e1a58")))
            return false;
        if (database == Database::UsersTableWithoutAlembic
            && !execSqlite(dbPath, {QStringLiteral("CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, email VARCHAR(255) NOT NULL, "
                                                   "full_name VARCHAR(120) NOT NULL, hashed_password VARCHAR(255) NOT NULL, "
                                                   "created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, "
                                                   "CONSTRAINT uq_users_email UNIQUE (email))")}))
            return false;
        window.setInterpreter(InterpreterChoice{QStringLiteral(RETORT_PYTHON), {}});
        window.resize(1400, 900);
        window.show();
        window.openProject(project, url);
        return QTest::qWaitFor([&window] { return window.isReady(); }, 60000);
    }

    static MainWindow::Options options()
    {
        MainWindow::Options o;
        o.restoreState = false;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(),
                 "RETORT_PYTHON must name a Python that can import alembic (see cmake/RetortPython.cmake)");
        QVERIFY(m_dir.isValid());
    }

    void aDatabaseBehindTheHeadsGetsADbBehindFindingWhoseFixUpgrades()
    {
        MainWindow window(options());
        QVERIFY(openBehind(window, QStringLiteral("behind")));
        DiagnosticsModel* model = window.diagnostics();
        QTRY_VERIFY_WITH_TIMEOUT(rowWithCode(model, QStringLiteral("db-behind")) >= 0, 30000);
        const int row = rowWithCode(model, QStringLiteral("db-behind"));
        QCOMPARE(model->at(row).source, Diagnostic::Source::DatabaseDoctor);
        QVERIFY(!model->at(row).problem.fix.isEmpty());

        // Selecting it enables Fix, which asks to upgrade to the heads; refusing runs nothing.
        DiagnosticsPanel* panel = window.diagnosticsPanel();
        QPushButton* fix = panel->fixButton();
        QVERIFY(!fix->toolTip().isEmpty());
        panel->view()->setCurrentIndex(model->index(row, 0));
        QVERIFY(fix->isEnabled());
        QVERIFY(fix->focusPolicy() & Qt::TabFocus);
        QVERIFY2(fix->toolTip().contains(QStringLiteral("Upgrade")), qPrintable(fix->toolTip()));
        QList<RunRequest> asked;
        window.setConfirmHandler([&asked](const RunRequest& r) {
            asked << r;
            return false;
        });
        QTest::mouseClick(fix, Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().kind, RunKind::Upgrade);
        QCOMPARE(asked.first().target, QStringLiteral("heads"));
        QVERIFY(!asked.first().plan.steps.isEmpty());

        // A finding without a fix leaves the button disabled.
        for (int r = 0; r < model->rowCount(); ++r) {
            if (DiagnosticsPanel::fixFor(model->index(r, 0)) == DiagnosticsPanel::Fix::None) {
                panel->view()->setCurrentIndex(model->index(r, 0));
                QVERIFY(!fix->isEnabled());
                break;
            }
        }

        QString shot = qEnvironmentVariable("RETORT_DOCTOR_SCREENSHOT");
        if (!shot.isEmpty()) {
            panel->view()->setCurrentIndex(model->index(row, 0));
            for (QTabBar* bar : window.findChildren<QTabBar*>())
                for (int t = 0; t < bar->count(); ++t)
                    if (bar->tabText(t).startsWith(QStringLiteral("Diagnostics")))
                        bar->setCurrentIndex(t);
            QVERIFY(window.saveScreenshot(shot).ok());
        }
    }

    void afterAnUpgradeTheDatabaseIsCheckedAgainAndDbBehindGoes()
    {
        MainWindow window(options());
        QVERIFY(open(window, QStringLiteral("rerun"), Database::Empty));
        DiagnosticsModel* model = window.diagnostics();
        QTRY_VERIFY_WITH_TIMEOUT(rowWithCode(model, QStringLiteral("db-behind")) >= 0, 30000);
        QSignalSpy checked(window.doctorController(), &DoctorController::databaseChecked);
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.setConfirmHandler([](const RunRequest&) { return true; });
        window.diagnosticsPanel()->view()->setCurrentIndex(model->index(rowWithCode(model, QStringLiteral("db-behind")), 0));
        QTest::mouseClick(window.diagnosticsPanel()->fixButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);
        QVERIFY2(window.lastRunResult().ok, qPrintable(window.lastRunResult().error.message));
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.doctorController()->isChecking(), 30000);
        QCOMPARE(rowWithCode(model, QStringLiteral("db-behind")), -1);
    }

    void activatingAFindingInARevisionFileSelectsThatRevision()
    {
        MainWindow window(options());
        QVERIFY(openBehind(window, QStringLiteral("activate")));
        DiagnosticsModel* model = window.diagnostics();
        QTRY_VERIFY_WITH_TIMEOUT(rowWithCode(model, QStringLiteral("db-behind")) >= 0, 30000);
        const Diagnostic finding = model->at(rowWithCode(model, QStringLiteral("db-behind")));
        QVERIFY(!finding.problem.path.isEmpty());
        const QString expected = DoctorController::revisionForPath(*window.graphModel()->graph(), finding.problem.path);
        QVERIFY2(!expected.isEmpty(), qPrintable(finding.problem.path));
        QVERIFY(window.graphModel()->graph()->at(window.graphPanel()->selectedRevision()).id != expected);

        // "Open File" emits the file; for a revision file the window selects the revision.
        DiagnosticsPanel* panel = window.diagnosticsPanel();
        QSignalSpy files(panel, &DiagnosticsPanel::fileActivated);
        panel->view()->setCurrentIndex(model->index(rowWithCode(model, QStringLiteral("db-behind")), 0));
        QVERIFY(panel->openButton()->isEnabled());
        QTest::mouseClick(panel->openButton(), Qt::LeftButton);
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().at(0).toString(), finding.problem.path);
        QCOMPARE(window.graphModel()->graph()->at(window.graphPanel()->selectedRevision()).id, expected);
        QCOMPARE(window.details()->revisionId(), expected);
    }

    void tablesBuiltWithoutAlembicOfferToStampTheMatchingRevision()
    {
        MainWindow window(options());
        QVERIFY(open(window, QStringLiteral("unversioned"), Database::UsersTableWithoutAlembic));
        DiagnosticsModel* model = window.diagnostics();
        QTRY_VERIFY_WITH_TIMEOUT(rowWithCode(model, QStringLiteral("db-unversioned-tables")) >= 0, 30000);
        const int row = rowWithCode(model, QStringLiteral("db-unversioned-tables"));
        QCOMPARE(model->at(row).problem.revision, QStringLiteral("3f1a9c2e7b10"));
        DiagnosticsPanel* panel = window.diagnosticsPanel();
        panel->view()->setCurrentIndex(model->index(row, 0));
        QVERIFY(panel->fixButton()->isEnabled());
        QVERIFY2(panel->fixButton()->toolTip().contains(QStringLiteral("3f1a9c2e7b10")), qPrintable(panel->fixButton()->toolTip()));
        QList<RunRequest> asked;
        window.setConfirmHandler([&asked](const RunRequest& r) {
            asked << r;
            return false;
        });
        QTest::keyClick(panel->fixButton(), Qt::Key_Space);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().kind, RunKind::Stamp);
        QCOMPARE(asked.first().target, QStringLiteral("3f1a9c2e7b10"));
        QCOMPARE(window.graphModel()->graph()->at(window.graphPanel()->selectedRevision()).id, QStringLiteral("3f1a9c2e7b10"));
    }

    void twoHeadsOfferAMergeWrittenByAlembic()
    {
        MainWindow window(options());
        QVERIFY(open(window, QStringLiteral("heads"), Database::Empty, true));
        const QString versions = m_dir.filePath(QStringLiteral("heads/migrations/versions"));
        const int filesBefore = int(QDir(versions).entryList({QStringLiteral("*.py")}, QDir::Files).size());
        QCOMPARE(window.graphModel()->graph()->heads().size(), 2);
        QVERIFY(window.action(QStringLiteral("actionMergeHeads"))->isEnabled());
        DiagnosticsModel* model = window.diagnostics();
        QTRY_VERIFY_WITH_TIMEOUT(rowWithCode(model, QStringLiteral("graph-multiple-heads")) >= 0, 30000);
        DiagnosticsPanel* panel = window.diagnosticsPanel();
        panel->view()->setCurrentIndex(model->index(rowWithCode(model, QStringLiteral("graph-multiple-heads")), 0));
        QCOMPARE(DiagnosticsPanel::fixFor(panel->view()->currentIndex()), DiagnosticsPanel::Fix::MergeHeads);
        QVERIFY(panel->fixButton()->isEnabled());
        QVERIFY2(panel->fixButton()->toolTip().contains(QStringLiteral("merge revision")), qPrintable(panel->fixButton()->toolTip()));
        if (const QString shot = qEnvironmentVariable("RETORT_MERGE_FIX_SCREENSHOT"); !shot.isEmpty()) {
            for (QTabBar* bar : window.findChildren<QTabBar*>())
                for (int t = 0; t < bar->count(); ++t)
                    if (bar->tabText(t).startsWith(QStringLiteral("Diagnostics")))
                        bar->setCurrentIndex(t);
            QVERIFY(window.saveScreenshot(shot).ok());
        }

        // Refusing writes nothing.
        QList<MergeHeadsRequest> asked;
        window.setMergeHandler([&asked](const MergeHeadsRequest& proposed) -> std::optional<MergeHeadsRequest> {
            asked << proposed;
            return std::nullopt;
        });
        QTest::mouseClick(panel->fixButton(), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QStringList proposedHeads = asked.first().revisions;
        proposedHeads.sort();
        QCOMPARE(proposedHeads, (QStringList{QStringLiteral("7c1b9e5a3f28"), QStringLiteral("aa11bb22cc33")}));
        QVERIFY(!window.isMerging());
        QCOMPARE(int(QDir(versions).entryList({QStringLiteral("*.py")}, QDir::Files).size()), filesBefore);

        // Accepting (with the user's message) has Alembic write the merge; the window reloads,
        // selects it, and the multiple-heads finding goes.
        window.setMergeHandler([](const MergeHeadsRequest& proposed) -> std::optional<MergeHeadsRequest> {
            MergeHeadsRequest changed = proposed;
            changed.message = QStringLiteral("join the side branch");
            return changed;
        });
        QSignalSpy merged(&window, &MainWindow::mergeFinished);
        QTest::mouseClick(panel->fixButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(merged.count() == 1, 60000);
        const QString revision = merged.first().at(0).toString();
        QVERIFY2(!revision.isEmpty(), qPrintable(merged.first().at(1).value<Error>().message));
        QCOMPARE(int(QDir(versions).entryList({QStringLiteral("*.py")}, QDir::Files).size()), filesBefore + 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.graphModel()->graph() && window.graphModel()->graph()->heads().size() == 1, 30000);
        const RevisionGraph& graph = *window.graphModel()->graph();
        const Revision& head = graph.at(graph.heads().first());
        QCOMPARE(head.id, revision);
        QCOMPARE(head.message, QStringLiteral("join the side branch"));
        QStringList joined = head.downRevisions;
        joined.sort();
        QCOMPARE(joined, proposedHeads);
        QTRY_COMPARE_WITH_TIMEOUT(window.graphModel()->graph()->at(window.graphPanel()->selectedRevision()).id, revision, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(rowWithCode(model, QStringLiteral("graph-multiple-heads")) < 0, 30000);
        QVERIFY(!window.action(QStringLiteral("actionMergeHeads"))->isEnabled());
    }

    void aMergeAlembicRefusesIsReportedAndWritesNothing()
    {
        MainWindow window(options());
        QVERIFY(open(window, QStringLiteral("badmerge"), Database::Empty, true));
        const QString versions = m_dir.filePath(QStringLiteral("badmerge/migrations/versions"));
        const int filesBefore = int(QDir(versions).entryList({QStringLiteral("*.py")}, QDir::Files).size());
        // The template Alembic renders is gone: Alembic fails before writing anything.
        QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("badmerge/migrations/script.py.mako"))));
        QList<Error> errors;
        window.setErrorHandler([&errors](const QString&, const Error& e) { errors << e; });
        window.setMergeHandler([](const MergeHeadsRequest& proposed) -> std::optional<MergeHeadsRequest> { return proposed; });
        QSignalSpy merged(&window, &MainWindow::mergeFinished);
        window.action(QStringLiteral("actionMergeHeads"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(merged.count() == 1, 60000);
        QVERIFY(merged.first().at(0).toString().isEmpty());
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().message.contains(QStringLiteral("script.py.mako")), qPrintable(errors.first().toString()));
        QCOMPARE(int(QDir(versions).entryList({QStringLiteral("*.py")}, QDir::Files).size()), filesBefore);
        QCOMPARE(window.graphModel()->graph()->heads().size(), 2);
    }

    void aRevisionNoFileDefinesOffersStampPurgeOfTheLikelyOne()
    {
        MainWindow window(options());
        QVERIFY(open(window, QStringLiteral("unknown"), Database::StampedWithAMissingRevision));
        DiagnosticsModel* model = window.diagnostics();
        QTRY_VERIFY_WITH_TIMEOUT(rowWithCode(model, QStringLiteral("db-unknown-revision")) >= 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.doctorController()->isChecking(), 30000);
        int rows = 0;
        for (int r = 0; r < model->rowCount(); ++r)
            rows += model->at(r).problem.code == QLatin1String("db-unknown-revision") ? 1 : 0;
        QCOMPARE(rows, 1); // one row, the doctor's, not a second one from the window
        const QModelIndex index = model->index(rowWithCode(model, QStringLiteral("db-unknown-revision")), 0);
        QCOMPARE(DiagnosticsPanel::fixFor(index), DiagnosticsPanel::Fix::StampPurge);
        QCOMPARE(DiagnosticsPanel::stampTarget(index), QStringLiteral("8c4d2b9e1a57"));
        DiagnosticsPanel* panel = window.diagnosticsPanel();
        panel->view()->setCurrentIndex(index);
        QVERIFY(panel->fixButton()->isEnabled());
        QVERIFY2(panel->fixButton()->toolTip().contains(QStringLiteral("--purge")), qPrintable(panel->fixButton()->toolTip()));

        QList<RunRequest> asked;
        window.setConfirmHandler([&asked](const RunRequest& r) {
            asked << r;
            return true;
        });
        QSignalSpy finished(&window, &MainWindow::runFinished);
        QTest::mouseClick(panel->fixButton(), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().kind, RunKind::Stamp);
        QVERIFY(asked.first().purge);
        QCOMPARE(asked.first().target, QStringLiteral("8c4d2b9e1a57"));
        ApplyConfirmDialog dialog(asked.first());
        QVERIFY2(dialog.stepTexts().join(QLatin1Char(' ')).contains(QStringLiteral("Empty the version table")),
                 qPrintable(dialog.stepTexts().join(QLatin1Char(' '))));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);
        QVERIFY2(window.lastRunResult().ok, qPrintable(window.lastRunResult().error.message));
        QTRY_COMPARE_WITH_TIMEOUT(window.workspace()->databaseState().heads, QStringList{QStringLiteral("8c4d2b9e1a57")}, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(rowWithCode(model, QStringLiteral("db-unknown-revision")) < 0, 30000);
    }

    void aFileThatDefinesNoRevisionMapsToNoRevision()
    {
        MainWindow window(options());
        QVERIFY(openBehind(window, QStringLiteral("nofile")));
        const QString envPy = QDir(m_dir.filePath(QStringLiteral("nofile"))).filePath(QStringLiteral("migrations/env.py"));
        QVERIFY(DoctorController::revisionForPath(*window.graphModel()->graph(), envPy).isEmpty());
    }

    void aNewCheckReplacesTheOldDatabaseFindings()
    {
        DiagnosticsModel model;
        DoctorController controller(&model);
        Problem stale;
        stale.code = QStringLiteral("db-behind");
        model.setDiagnostics(Diagnostic::Source::DatabaseDoctor, {stale});
        QCOMPARE(model.rowCount(), 1);
        controller.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!controller.isChecking());
    }
};

QTEST_MAIN(tst_DoctorController)
#include "tst_DoctorController.moc"
