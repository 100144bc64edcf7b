// New Revision, the Python editor and the drift check in the window, with the real Alembic
// (RETORT_PYTHON) on SQLite files: the dialog driven with the mouse and keyboard, the written
// file checked as Alembic reads it (`alembic heads`).

#include "app/AppTestSupport.h"
#include "app/doctor/DiagnosticsModel.h"
#include "app/doctor/DiagnosticsPanel.h"
#include "app/editor/PythonEditor.h"
#include "app/editor/PythonEditorWindow.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "app/revision/DriftReportDialog.h"
#include "app/revision/NewRevisionDialog.h"
#include "app/revision/RevisionWorkflow.h"
#include "app/revision/SchemaChangeView.h"
#include "app/window/MainWindow.h"
#include "app/window/Translations.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest/QtTest>

#include <optional>

using namespace retort;
using namespace retort::app;

namespace {

// tests/data/workflow/shop: env.py's models are "users" and "orders"; its history creates "users".
QString shopSource()
{
    return QStringLiteral(RETORT_SOURCE_DIR "/tests/data/workflow/shop");
}

// `env` without the "orders" model: the models and a database at a1 agree.
QByteArray withoutOrders(QByteArray env)
{
    const qsizetype at = env.indexOf("Table(\"orders\"");
    return at < 0 ? QByteArray() : env.remove(at, env.indexOf('\n', at) + 1 - at);
}

// Runs the reference Alembic in `dir`; its stdout, or nothing when it failed.
std::optional<QString> alembic(const QString& dir, const QStringList& args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral(RETORT_PYTHON), QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} + args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning() << p.readAllStandardError();
        return std::nullopt;
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

MainWindow::Options testOptions()
{
    MainWindow::Options o;
    o.restoreState = false;
    return o;
}

QString readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class tst_RevisionWorkflow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // A copy of the shop project, its database upgraded to a1 ("users"); with `withOrders` false
    // the models lack "orders" too.
    QString project(const QString& name, bool withOrders, QString* url)
    {
        const QString dir = m_dir.filePath(name);
        if (!testsupport::copyTree(shopSource(), dir))
            return {};
        if (!withOrders) {
            QFile env(dir + QStringLiteral("/migrations/env.py"));
            const QByteArray models = env.open(QIODevice::ReadOnly) ? withoutOrders(env.readAll()) : QByteArray();
            env.close();
            if (models.isEmpty() || !testsupport::writeFile(env.fileName(), models))
                return {};
        }
        if (!alembic(dir, {QStringLiteral("upgrade"), QStringLiteral("head")}))
            return {};
        *url = QStringLiteral("sqlite:///") + dir + QStringLiteral("/app.db");
        return dir;
    }

    static bool openAndWait(MainWindow& window, const QString& project, const QString& url)
    {
        window.setInterpreter(InterpreterChoice{QStringLiteral(RETORT_PYTHON), {}});
        window.resize(1200, 800);
        window.show();
        window.openProject(project, url);
        return QTest::qWaitFor([&window] { return window.isReady(); }, 60000);
    }

    static QString selectedId(MainWindow& window)
    {
        const int row = window.graphPanel()->selectedRevision();
        return row >= 0 ? window.graphModel()->graph()->at(row).id : QString();
    }

    static QStringList headIds(MainWindow& window)
    {
        QStringList ids;
        const RevisionGraph* graph = window.graphModel()->graph();
        for (const int head : graph->heads())
            ids << graph->at(head).id;
        return ids;
    }

    // Keeps a rendering of `widget` in RETORT_SCREENSHOT_DIR when that is set (docs/SCREENSHOTS.md).
    static void keepShot(QWidget* widget, const QString& name)
    {
        const QImage image = widget->grab().toImage();
        QVERIFY(!image.isNull());
        const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(image.save(QDir(dir).filePath(name + QStringLiteral(".png"))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(),
                 "RETORT_PYTHON must name a Python that can import alembic (see cmake/RetortPython.cmake)");
        QVERIFY(m_dir.isValid());
    }

    // Ctrl+N on the selected head, a message and an id typed, Create clicked: Alembic writes the
    // file, it opens in the editor, and the reloaded graph's one head is the new revision.
    void emptyRevisionBecomesTheHead()
    {
        QString url;
        const QString dir = project(QStringLiteral("empty"), false, &url);
        QVERIFY(!dir.isEmpty());
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.selectRevisionId(QStringLiteral("a1"));
        QAction* newRevision = window.action(QStringLiteral("actionNewRevision"));
        QVERIFY(newRevision->isEnabled());
        QCOMPARE(newRevision->shortcut(), QKeySequence(QStringLiteral("Ctrl+N")));
        newRevision->trigger();
        NewRevisionDialog* dialog = window.revisionWorkflow()->dialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->parentCombo()->currentData().toString(), QStringLiteral("a1"));
        QVERIFY(!dialog->spliceBox()->isChecked());

        // A rev id Alembic could not use is refused before Python starts.
        QTest::keyClicks(dialog->revisionIdEdit(), QStringLiteral("b 2"));
        QVERIFY(!dialog->problemLabel()->text().isEmpty());
        QVERIFY(!dialog->nextButton()->isEnabled());
        dialog->revisionIdEdit()->clear();
        QTest::keyClicks(dialog->revisionIdEdit(), QStringLiteral("b2"));
        QTest::keyClicks(dialog->messageEdit(), QStringLiteral("add notes"));
        QVERIFY2(dialog->problemLabel()->text().isEmpty(), qPrintable(dialog->problemLabel()->text()));
        QCOMPARE(dialog->commandLabel()->text(), QStringLiteral("alembic revision -m \"add notes\" --head a1 --rev-id b2"));
        QVERIFY(dialog->nextButton()->isEnabled());
        keepShot(dialog, QStringLiteral("new-revision-dialog"));

        QTest::mouseClick(dialog->nextButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return window.revisionWorkflow()->dialog() == nullptr; }, 60000));
        QVERIFY(QTest::qWaitFor([&] { return selectedId(window) == QLatin1String("b2"); }, 30000));
        QCOMPARE(headIds(window), QStringList{QStringLiteral("b2")});

        const QString path = window.graphModel()->graph()->at(window.graphModel()->graph()->indexOf(QStringLiteral("b2"))).path;
        PythonEditorWindow* editor = window.revisionWorkflow()->editorFor(path);
        QVERIFY(editor);
        QVERIFY(editor->isVisible());
        QVERIFY(editor->editor()->text().contains(QStringLiteral("Revision ID: b2")));
        QVERIFY(editor->editor()->text().contains(QStringLiteral("down_revision = 'a1'")));
        QCOMPARE(editor->windowTitle(), QStringLiteral("%1[*] — Retort").arg(QFileInfo(path).fileName()));
        keepShot(editor, QStringLiteral("python-editor"));
        // Alembic agrees.
        QVERIFY(alembic(dir, {QStringLiteral("heads")}).value_or(QString()).startsWith(QStringLiteral("b2 (head)")));

        // Edit Revision File opens any revision's file (one window per file).
        window.selectRevisionId(QStringLiteral("a1"));
        QAction* edit = window.action(QStringLiteral("actionEditRevision"));
        QVERIFY(edit->isEnabled());
        edit->trigger();
        const QString a1 = window.graphModel()->graph()->at(window.graphModel()->graph()->indexOf(QStringLiteral("a1"))).path;
        QVERIFY(window.revisionWorkflow()->editorFor(a1));
        QVERIFY(window.revisionWorkflow()->editorFor(a1)->editor()->text().contains(QStringLiteral("revision = \"a1\"")));
        QVERIFY(window.revisionWorkflow()->editorFor(a1) != editor);
        edit->trigger();
        QCOMPARE(window.findChildren<PythonEditorWindow*>().size(), 2);

        // Quitting with unsaved edits asks; Cancel keeps the window (and Retort) open.
        editor->editor()->append(QStringLiteral("# edit\n"));
        QStringList asked;
        editor->setUnsavedQuestion([&asked](const QString& fileName) {
            asked << fileName;
            return QMessageBox::Cancel;
        });
        QVERIFY(!window.close());
        QCOMPARE(asked, QStringList{QFileInfo(path).fileName()});
        QVERIFY(editor->isVisible());
        editor->setUnsavedQuestion([](const QString&) { return QMessageBox::Discard; });
        QVERIFY(window.close());
    }

    // The graph's context menu offers a new revision on a revision that is not a head: a new
    // branch, so --splice is ticked for it, and the label goes with it.
    void branchFromARevisionThatIsNotAHead()
    {
        QString url;
        const QString dir = project(QStringLiteral("branch"), false, &url);
        QVERIFY(!dir.isEmpty());
        QVERIFY(alembic(dir, {QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("second"), QStringLiteral("--rev-id"),
                              QStringLiteral("b1")}));
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.selectRevisionId(QStringLiteral("a1"));
        // Ctrl+N on a revision that is not a head: Alembic's head, no splice.
        window.action(QStringLiteral("actionNewRevision"))->trigger();
        QVERIFY(window.revisionWorkflow()->dialog());
        QCOMPARE(window.revisionWorkflow()->dialog()->parentCombo()->currentData().toString(), QString());
        QVERIFY(!window.revisionWorkflow()->dialog()->spliceBox()->isChecked());
        window.revisionWorkflow()->dialog()->reject();
        QVERIFY(QTest::qWaitFor([&] { return window.revisionWorkflow()->dialog() == nullptr; }, 5000));
        // Ctrl+Shift+N (and the context menu): on the selection itself.
        QAction* here = window.action(QStringLiteral("actionNewRevisionHere"));
        QCOMPARE(here->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+N")));
        QVERIFY(here->isEnabled());
        here->trigger();
        NewRevisionDialog* dialog = window.revisionWorkflow()->dialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->parentCombo()->currentData().toString(), QStringLiteral("a1"));
        QVERIFY(dialog->spliceBox()->isChecked());
        QTest::keyClicks(dialog->branchLabelEdit(), QStringLiteral("reports"));
        QTest::keyClicks(dialog->revisionIdEdit(), QStringLiteral("c1"));
        QTest::mouseClick(dialog->nextButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return selectedId(window) == QLatin1String("c1"); }, 60000));
        QStringList heads = headIds(window);
        heads.sort();
        QCOMPARE(heads, (QStringList{QStringLiteral("b1"), QStringLiteral("c1")}));
        const RevisionGraph* graph = window.graphModel()->graph();
        QCOMPARE(graph->at(graph->indexOf(QStringLiteral("c1"))).branchLabels, QStringList{QStringLiteral("reports")});
        QCOMPARE(graph->at(graph->indexOf(QStringLiteral("c1"))).downRevisions, QStringList{QStringLiteral("a1")});
    }

    // A project with two version locations: the folder is asked for, and a new root branch
    // ("base", with a label) goes where it is told (--version-path).
    void aNewBranchGoesToTheChosenFolder()
    {
        QString url;
        const QString dir = project(QStringLiteral("folders"), false, &url);
        QVERIFY(!dir.isEmpty());
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/migrations/reports")));
        QVERIFY(testsupport::writeFile(dir + QStringLiteral("/alembic.ini"),
                                       "[alembic]\nscript_location = %(here)s/migrations\n"
                                       "version_locations = %(here)s/migrations/versions %(here)s/migrations/reports\n"
                                       "version_path_separator = space\nsqlalchemy.url = sqlite:///%(here)s/app.db\n"));
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.revisionWorkflow()->newRevision(QString());
        NewRevisionDialog* dialog = window.revisionWorkflow()->dialog();
        QVERIFY(dialog);
        QVERIFY(dialog->folderCombo()->isVisibleTo(dialog));
        QCOMPARE(dialog->folderCombo()->count(), 3);
        dialog->parentCombo()->setCurrentIndex(dialog->parentCombo()->findData(QStringLiteral("base")));
        dialog->folderCombo()->setCurrentIndex(dialog->folderCombo()->findText(QStringLiteral("migrations/reports")));
        QVERIFY(dialog->folderCombo()->currentIndex() > 0);
        QTest::keyClicks(dialog->branchLabelEdit(), QStringLiteral("reports"));
        QTest::keyClicks(dialog->revisionIdEdit(), QStringLiteral("r1"));
        QVERIFY2(dialog->commandLabel()->text().endsWith(QStringLiteral("--head base --branch-label reports --rev-id r1 --version-path migrations/reports")),
                 qPrintable(dialog->commandLabel()->text()));
        QTest::mouseClick(dialog->nextButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return selectedId(window) == QLatin1String("r1"); }, 60000));
        const RevisionGraph* graph = window.graphModel()->graph();
        QCOMPARE(QFileInfo(graph->at(graph->indexOf(QStringLiteral("r1"))).path).absolutePath(), dir + QStringLiteral("/migrations/reports"));
        QCOMPARE(graph->heads().size(), 2);
        QVERIFY(graph->at(graph->indexOf(QStringLiteral("r1"))).downRevisions.isEmpty());
    }

    // Autogenerate against a database that lacks the models' "orders" table: the review lists
    // its create_table before anything is written; Write writes it.
    void autogenerateProposesTheMissingTable()
    {
        QString url;
        const QString dir = project(QStringLiteral("autogen"), true, &url);
        QVERIFY(!dir.isEmpty());
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.action(QStringLiteral("actionNewRevision"))->trigger();
        NewRevisionDialog* dialog = window.revisionWorkflow()->dialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QTest::mouseClick(dialog->autogenerateButton(), Qt::LeftButton);
        QVERIFY(dialog->autogenerateButton()->isChecked());
        QTest::keyClicks(dialog->messageEdit(), QStringLiteral("add orders"));
        QVERIFY(dialog->nextButton()->text().contains(QStringLiteral("Review")));
        const QStringList before = QDir(dir + QStringLiteral("/migrations/versions")).entryList({QStringLiteral("*.py")});

        QSignalSpy shown(dialog, &NewRevisionDialog::reviewShown);
        QTest::mouseClick(dialog->nextButton(), Qt::LeftButton);
        // Comparing on a worker: the options wait, the dialog stays responsive.
        QVERIFY(dialog->isWorking());
        QVERIFY(!dialog->nextButton()->isEnabled());
        QVERIFY(!dialog->messageEdit()->isEnabled());
        keepShot(dialog, QStringLiteral("new-revision-comparing"));
        QVERIFY(QTest::qWaitFor([&] { return shown.count() == 1; }, 60000));
        QVERIFY(dialog->isReviewing());
        const QString tree = dialog->changeView()->treeText();
        QVERIFY2(tree.contains(QStringLiteral("Table orders (new)")), qPrintable(tree));
        QVERIFY2(tree.contains(QStringLiteral("+ column total INTEGER")), qPrintable(tree));
        QVERIFY2(!tree.contains(QStringLiteral("users")), qPrintable(tree));
        QVERIFY(dialog->changeView()->summary().contains(QStringLiteral("1 change")));
        QVERIFY(dialog->changeView()->blindSpotsText().contains(QStringLiteral("ENUM")));
        // The review wrote nothing.
        QCOMPARE(QDir(dir + QStringLiteral("/migrations/versions")).entryList({QStringLiteral("*.py")}), before);
        keepShot(dialog, QStringLiteral("new-revision-review"));

        QVERIFY(dialog->writeButton()->isEnabled());
        QTest::mouseClick(dialog->writeButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return window.revisionWorkflow()->dialog() == nullptr; }, 60000));
        QVERIFY(QTest::qWaitFor([&] { return headIds(window).size() == 1 && headIds(window).first() != QLatin1String("a1"); }, 30000));
        const QString head = headIds(window).first();
        QCOMPARE(selectedId(window), head);
        const QString path = window.graphModel()->graph()->at(window.graphModel()->graph()->indexOf(head)).path;
        const QString written = readAll(path);
        QVERIFY2(written.contains(QStringLiteral("op.create_table('orders'")), qPrintable(written));
        QVERIFY(window.revisionWorkflow()->editorFor(path));
        QVERIFY(window.revisionWorkflow()->editorFor(path)->editor()->text().contains(QStringLiteral("op.create_table('orders'")));
        QVERIFY(alembic(dir, {QStringLiteral("heads")}).value_or(QString()).startsWith(head + QStringLiteral(" (head)")));
    }

    // Models and database agree: the review says so plainly and offers an empty revision.
    void emptyAutogenerateIsSaidPlainly()
    {
        QString url;
        const QString dir = project(QStringLiteral("nochange"), false, &url);
        QVERIFY(!dir.isEmpty());
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.revisionWorkflow()->newRevision(QString(), true);
        NewRevisionDialog* dialog = window.revisionWorkflow()->dialog();
        QVERIFY(dialog);
        QSignalSpy shown(dialog, &NewRevisionDialog::reviewShown);
        QTest::mouseClick(dialog->nextButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return shown.count() == 1; }, 60000));
        QVERIFY2(dialog->changeView()->summary().contains(QStringLiteral("found no difference")), qPrintable(dialog->changeView()->summary()));
        QVERIFY(dialog->changeView()->treeText().isEmpty());
        QCOMPARE(dialog->writeButton()->text(), QStringLiteral("&Write Empty Revision"));
        // Back returns to the options with nothing written.
        QTest::mouseClick(dialog->backButton(), Qt::LeftButton);
        QVERIFY(!dialog->isReviewing());
        dialog->reject();
        QCOMPARE(QDir(dir + QStringLiteral("/migrations/versions")).entryList({QStringLiteral("*.py")}).size(), 1);
    }

    // Cancel while Alembic compares: the dialog closes, the bridge stops, nothing is written.
    void cancellingTheReviewWritesNothing()
    {
        QString url;
        const QString dir = project(QStringLiteral("cancel"), true, &url);
        QVERIFY(!dir.isEmpty());
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.revisionWorkflow()->newRevision(QString(), true);
        QPointer<NewRevisionDialog> dialog = window.revisionWorkflow()->dialog();
        QVERIFY(dialog);
        QSignalSpy shown(dialog.data(), &NewRevisionDialog::reviewShown);
        QTest::mouseClick(dialog->nextButton(), Qt::LeftButton);
        QVERIFY(dialog->isWorking());
        auto* cancel = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel);
        QVERIFY(cancel && cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return dialog.isNull(); }, 30000));
        QCOMPARE(shown.count(), 0);
        QCOMPARE(QDir(dir + QStringLiteral("/migrations/versions")).entryList({QStringLiteral("*.py")}).size(), 1);
        QVERIFY(window.action(QStringLiteral("actionNewRevision"))->isEnabled());
    }

    // The review in pt_BR: the dialog's words and the report's lines are translated.
    void theReviewReadsInPortuguese()
    {
        QString url;
        const QString dir = project(QStringLiteral("ptbr"), true, &url);
        QVERIFY(!dir.isEmpty());
        QVERIFY(Translations::install(QLocale(QStringLiteral("pt_BR"))).retortCatalog.endsWith(QLatin1String(".qm")));
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.revisionWorkflow()->newRevision(QString(), true);
        NewRevisionDialog* dialog = window.revisionWorkflow()->dialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Nova revisão"));
        QCOMPARE(dialog->nextButton()->text(), QStringLiteral("&Revisar mudanças…"));
        QTest::keyClicks(dialog->messageEdit(), QStringLiteral("pedidos"));
        keepShot(dialog, QStringLiteral("new-revision-dialog-pt_BR"));
        QSignalSpy shown(dialog, &NewRevisionDialog::reviewShown);
        QTest::mouseClick(dialog->nextButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return shown.count() == 1; }, 60000));
        QVERIFY2(dialog->changeView()->summary().contains(QStringLiteral("propõe 1 mudança.")), qPrintable(dialog->changeView()->summary()));
        QVERIFY(dialog->changeView()->treeText().contains(QStringLiteral("Tabela orders (nova)")));
        QVERIFY(dialog->changeView()->treeText().contains(QStringLiteral("+ coluna total INTEGER")));
        QVERIFY(dialog->changeView()->blindSpotsText().startsWith(QStringLiteral("Não comparado pelo autogenerate")));
        keepShot(dialog, QStringLiteral("new-revision-review-pt_BR"));
        dialog->reject();
        Translations::uninstall();
    }

    void cleanup() { Translations::uninstall(); }

    // Check Models Against Database: the report per table and a Diagnostics finding with drift;
    // none without.
    void driftCheckAddsAFinding()
    {
        QString url;
        const QString dir = project(QStringLiteral("drift"), true, &url);
        QVERIFY(!dir.isEmpty());
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        QAction* check = window.action(QStringLiteral("actionCheckDrift"));
        QVERIFY(check->isEnabled());
        QSignalSpy checked(window.revisionWorkflow(), &RevisionWorkflow::driftChecked);
        check->trigger();
        QVERIFY(QTest::qWaitFor([&] { return checked.count() == 1; }, 60000));
        QCOMPARE(checked.first().at(0).toBool(), true);
        DriftReportDialog* report = window.revisionWorkflow()->driftReport();
        QVERIFY(report);
        QVERIFY(report->changeView()->treeText().contains(QStringLiteral("Table orders (new)")));
        QVERIFY(report->changeView()->blindSpotsText().contains(QStringLiteral("drop and an add")));
        QVERIFY(report->migrationButton()->isVisible());
        keepShot(report, QStringLiteral("drift-report"));
        int found = -1;
        for (int row = 0; row < window.diagnostics()->rowCount(); ++row) {
            if (window.diagnostics()->at(row).problem.code == QLatin1String("models-drift"))
                found = row;
        }
        QVERIFY(found >= 0);
        const Problem& problem = window.diagnostics()->at(found).problem;
        QCOMPARE(problem.severity, Severity::Warning);
        QVERIFY2(problem.message.contains(QStringLiteral("orders")), qPrintable(problem.message));

        // "Write a Migration…" opens New Revision with autogenerate chosen.
        QTest::mouseClick(report->migrationButton(), Qt::LeftButton);
        NewRevisionDialog* dialog = window.revisionWorkflow()->dialog();
        QVERIFY(dialog);
        QVERIFY(dialog->autogenerateButton()->isChecked());
        dialog->reject();
        QVERIFY(QTest::qWaitFor([&] { return window.revisionWorkflow()->dialog() == nullptr; }, 5000));

        // So does the finding's Fix… in the Diagnostics dock.
        auto* view = window.diagnosticsPanel()->findChild<QTreeView*>();
        auto* fix = window.diagnosticsPanel()->findChild<QPushButton*>(QStringLiteral("diagnosticsFix"));
        QVERIFY(view && fix);
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex index = view->model()->index(row, 0);
            if (index.data(DiagnosticsModel::CodeRole).toString() == QLatin1String("models-drift"))
                view->setCurrentIndex(index);
        }
        QVERIFY(fix->isEnabled());
        QTest::mouseClick(fix, Qt::LeftButton);
        dialog = window.revisionWorkflow()->dialog();
        QVERIFY(dialog);
        QVERIFY(dialog->autogenerateButton()->isChecked());
        dialog->reject();

        // The models brought in line: the next check clears the finding.
        QFile env(dir + QStringLiteral("/migrations/env.py"));
        QVERIFY(env.open(QIODevice::ReadOnly));
        const QByteArray usersOnly = withoutOrders(env.readAll());
        env.close();
        QVERIFY(!usersOnly.isEmpty());
        QVERIFY(testsupport::writeFile(env.fileName(), usersOnly));
        QTRY_VERIFY_WITH_TIMEOUT(check->isEnabled(), 10000);
        check->trigger();
        QVERIFY(QTest::qWaitFor([&] { return checked.count() == 2; }, 60000));
        QCOMPARE(checked.at(1).at(0).toBool(), false);
        for (int row = 0; row < window.diagnostics()->rowCount(); ++row)
            QVERIFY(window.diagnostics()->at(row).problem.code != QLatin1String("models-drift"));
        QVERIFY(window.revisionWorkflow()->driftReport()->changeView()->summary().contains(QStringLiteral("match")));
    }

    // The editor: Ctrl+F finds, Ctrl+H replaces, Ctrl+S saves; a change on disk reloads an
    // unmodified text and asks before throwing edits away.
    void pythonEditorFindsReplacesSavesAndReloads()
    {
        const QString path = m_dir.filePath(QStringLiteral("editor/rev.py"));
        QVERIFY(testsupport::writeFile(path, "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n"));
        PythonEditorWindow window;
        QVERIFY(window.openFile(path));
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QCOMPARE(window.editor()->lines(), 7);
        QCOMPARE(window.editor()->marginWidth(0) > 0, true);

        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(window.findBar()->isVisible());
        QVERIFY(!window.replaceEdit()->isVisible());
        QTest::keyClicks(window.findEdit(), QStringLiteral("pass"));
        QTest::keyClick(window.findEdit(), Qt::Key_Return);
        QCOMPARE(window.editor()->selectedText(), QStringLiteral("pass"));

        QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier);
        QVERIFY(window.replaceEdit()->isVisible());
        QTest::keyClicks(window.replaceEdit(), QStringLiteral("op.execute('SELECT 1')"));
        keepShot(&window, QStringLiteral("python-editor-replace"));
        QCOMPARE(window.editor()->replaceAll(QStringLiteral("pass"), window.replaceEdit()->text(), true), 2);
        QVERIFY(window.editor()->isModified());
        QVERIFY(window.isWindowModified());

        QSignalSpy saved(window.editor(), &PythonEditor::fileSaved);
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(saved.count(), 1);
        QVERIFY(!window.editor()->isModified());
        QCOMPARE(readAll(path).count(QStringLiteral("op.execute('SELECT 1')")), 2);

        // Changed on disk, no edits: reloaded.
        QSignalSpy reloaded(window.editor(), &PythonEditor::reloaded);
        QVERIFY(testsupport::writeFile(path, "def upgrade():\n    op.drop_table('x')\n"));
        QVERIFY(QTest::qWaitFor([&] { return reloaded.count() == 1; }, 10000));
        QCOMPARE(window.editor()->text(), QStringLiteral("def upgrade():\n    op.drop_table('x')\n"));

        // Changed on disk with unsaved edits: asked; "keep" keeps them.
        int asked = 0;
        window.editor()->setReloadQuestion([&asked](const QString&) {
            ++asked;
            return false;
        });
        window.editor()->append(QStringLiteral("# mine\n"));
        QVERIFY(window.editor()->isModified());
        QSignalSpy kept(window.editor(), &PythonEditor::externalChangeKept);
        QVERIFY(testsupport::writeFile(path, "# theirs\n"));
        QVERIFY(QTest::qWaitFor([&] { return kept.count() == 1; }, 10000));
        QCOMPARE(asked, 1);
        QVERIFY(window.editor()->text().contains(QStringLiteral("# mine")));
        // "reload" throws the edits away.
        window.editor()->setReloadQuestion([](const QString&) { return true; });
        QVERIFY(testsupport::writeFile(path, "# theirs again\n"));
        QVERIFY(QTest::qWaitFor([&] { return reloaded.count() == 2; }, 10000));
        QCOMPARE(window.editor()->text(), QStringLiteral("# theirs again\n"));
        QVERIFY(!window.editor()->isModified());
    }
};

QTEST_MAIN(tst_RevisionWorkflow)
#include "tst_RevisionWorkflow.moc"
