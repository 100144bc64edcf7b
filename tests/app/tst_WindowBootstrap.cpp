// Revision > Bootstrap History… in the window, with the real Alembic (RETORT_PYTHON) on a SQLite
// file: a database built with create_all() and a history that starts at 002 (its down_revision 001
// was never generated). The dialog is driven with the mouse; nothing is written before Apply, the
// edit of 002 needs its box ticked, and afterwards Alembic accepts the history, the database is
// stamped (re-read by the window) and its data is intact.

#include "app/AppTestSupport.h"
#include "app/editor/PythonEditor.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "app/revision/BootstrapDialog.h"
#include "app/revision/RevisionWorkflow.h"
#include "app/window/MainWindow.h"
#include "app/window/Translations.h"
#include "core/workspace/Workspace.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

namespace {

struct Ran
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Python in `dir`; `databaseUrl` becomes DATABASE_URL (the fixture's env.py prefers it).
Ran python(const QString& dir, const QStringList& args, const QString& databaseUrl = {})
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DATABASE_URL"));
    if (!databaseUrl.isEmpty())
        env.insert(QStringLiteral("DATABASE_URL"), databaseUrl);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(RETORT_PYTHON), args);
    if (!p.waitForFinished(60000))
        return {};
    return Ran{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

MainWindow::Options testOptions()
{
    MainWindow::Options o;
    o.restoreState = false;
    return o;
}

} // namespace

class tst_WindowBootstrap : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The project and its create_all() database with one row; "" on failure.
    QString project(const QString& name, QString* url)
    {
        const QString dir = m_dir.filePath(name);
        // tests/data/bootstrap: 002 starts from 001, which was never generated.
        if (!testsupport::copyTree(QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bootstrap"), dir))
            return {};
        const Ran built = python(dir, {QStringLiteral("-c"),
                                       QStringLiteral("import sqlalchemy as sa\nfrom models import metadata\n"
                                                      "e = sa.create_engine('sqlite:///app.db')\nmetadata.create_all(e)\n"
                                                      "with e.begin() as c:\n"
                                                      "    c.execute(sa.text(\"insert into users (id, name) values (7, 'ana')\"))\n")});
        if (built.exitCode != 0) {
            qWarning("%s", qPrintable(built.err));
            return {};
        }
        *url = QStringLiteral("sqlite:///") + dir + QStringLiteral("/app.db");
        return dir;
    }

    static bool openAndWait(MainWindow& window, const QString& project, const QString& url)
    {
        window.setInterpreter(InterpreterChoice{QStringLiteral(RETORT_PYTHON), {}});
        window.resize(1100, 760);
        window.show();
        window.openProject(project, url);
        return QTest::qWaitFor([&window] { return window.isReady(); }, 60000);
    }

    static QString selectedId(MainWindow& window)
    {
        const int row = window.graphPanel()->selectedRevision();
        return row >= 0 ? window.graphModel()->graph()->at(row).id : QString();
    }

    static void keepShot(QWidget* widget, const QString& name)
    {
        const QImage image = widget->grab().toImage();
        QVERIFY(!image.isNull());
        const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(image.save(QDir(dir).filePath(name + QStringLiteral(".png"))));
    }

    static BootstrapDialog* openDialog(MainWindow& window)
    {
        QAction* action = window.action(QStringLiteral("actionBootstrap"));
        if (!action || !action->isEnabled())
            return nullptr;
        QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier | Qt::AltModifier);
        BootstrapDialog* dialog = window.revisionWorkflow()->bootstrapDialog();
        return dialog && QTest::qWaitForWindowExposed(dialog) ? dialog : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void preparedShownThenAppliedWithTheMouse()
    {
        QString url;
        const QString dir = project(QStringLiteral("shop"), &url);
        QVERIFY(!dir.isEmpty());
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        QCOMPARE(window.action(QStringLiteral("actionBootstrap"))->shortcut(), QKeySequence(QStringLiteral("Ctrl+Alt+B")));
        // Alembic refuses the history: the runs are off, Bootstrap is on.
        QVERIFY(!window.action(QStringLiteral("actionUpgradeToHeads"))->isEnabled());
        BootstrapDialog* dialog = openDialog(window);
        QVERIFY(dialog);
        QVERIFY2(dialog->summaryLabel()->text().contains(QStringLiteral("002")) && dialog->summaryLabel()->text().contains(QStringLiteral("001")),
                 qPrintable(dialog->summaryLabel()->text()));
        QTest::keyClicks(dialog->revisionIdEdit(), QStringLiteral("b00t"));
        QVERIFY(dialog->prepareButton()->isEnabled());
        QTest::mouseClick(dialog->prepareButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return dialog->proposal().has_value() || dialog->problemLabel()->isVisible(); }, 120000));
        QVERIFY2(dialog->proposal().has_value(), qPrintable(dialog->problemLabel()->text()));

        // Every step shown; nothing written yet.
        QVERIFY(dialog->fileView()->text().contains(QStringLiteral("op.create_table('users'")));
        QVERIFY(!dialog->fileView()->text().contains(QStringLiteral("'email'")));
        QVERIFY(dialog->verifyLabel()->text().contains(QStringLiteral("exactly the models' schema")));
        QCOMPARE(dialog->stampCombo()->currentData().toString(), QStringLiteral("002"));
        QVERIFY(!dialog->relinkBox()->isChecked());
        QVERIFY(!dialog->applyButton()->isEnabled());
        QCOMPARE(QDir(dir + QStringLiteral("/migrations/versions")).entryList({QStringLiteral("*.py")}).size(), 1);
        dialog->resize(760, 680);
        keepShot(dialog, QStringLiteral("bootstrap-dialog"));

        // Consent with the mouse, then Apply.
        QTest::mouseClick(dialog->relinkBox(), Qt::LeftButton, {}, QPoint(8, dialog->relinkBox()->height() / 2));
        QVERIFY(dialog->relinkBox()->isChecked());
        QVERIFY(dialog->applyButton()->isEnabled());
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return window.revisionWorkflow()->bootstrapDialog() == nullptr; }, 60000));

        // The window reloads, selects the new revision and re-reads the database: at 002.
        QVERIFY(QTest::qWaitFor([&] { return selectedId(window) == QLatin1String("b00t"); }, 30000));
        QVERIFY(QTest::qWaitFor([&] { return window.workspace()->databaseState().heads == QStringList{QStringLiteral("002")}; }, 30000));
        QVERIFY(window.action(QStringLiteral("actionUpgradeToHeads"))->isEnabled());
        QVERIFY(!window.action(QStringLiteral("actionBootstrap"))->isEnabled());
        QVERIFY(readAll(dir + QStringLiteral("/migrations/versions/002_email.py")).contains(QStringLiteral("down_revision = 'b00t'")));

        // Alembic agrees, and the data is still there.
        const Ran heads = python(dir, {QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("current")}, url);
        QVERIFY2(heads.exitCode == 0 && heads.out.startsWith(QStringLiteral("002 (head)")), qPrintable(heads.err));
        const Ran rows = python(dir, {QStringLiteral("-c"), QStringLiteral("import sqlite3; print(sqlite3.connect('app.db').execute('select id, name from users').fetchall())")});
        QCOMPARE(rows.out.trimmed(), QStringLiteral("[(7, 'ana')]"));
        window.revisionWorkflow()->closeEditors();
    }

    // In pt_BR, in a small window: the review reads in Portuguese and its decisions fit.
    void theReviewReadsInPortugueseInASmallWindow()
    {
        QString url;
        const QString dir = project(QStringLiteral("ptbr"), &url);
        QVERIFY(!dir.isEmpty());
        QVERIFY(Translations::install(QLocale(QStringLiteral("pt_BR"))).retortCatalog.endsWith(QLatin1String(".qm")));
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        window.resize(1024, 640);
        BootstrapDialog* dialog = openDialog(window);
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Iniciar Histórico"));
        QCOMPARE(dialog->prepareButton()->text(), QStringLiteral("&Preparar…"));
        QTest::mouseClick(dialog->prepareButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return dialog->proposal().has_value() || dialog->problemLabel()->isVisible(); }, 120000));
        QVERIFY2(dialog->proposal().has_value(), qPrintable(dialog->problemLabel()->text()));
        dialog->resize(700, 600);
        QVERIFY(dialog->minimumSizeHint().height() <= 600);
        QVERIFY2(dialog->relinkBox()->text().startsWith(QStringLiteral("&Editar migrations/versions/002_email.py")),
                 qPrintable(dialog->relinkBox()->text()));
        QVERIFY(dialog->verifyLabel()->text().contains(QStringLiteral("exatamente o esquema dos modelos")));
        QCOMPARE(dialog->applyButton()->text(), QStringLiteral("A&plicar"));
        QVERIFY(dialog->relinkBox()->isVisible() && dialog->stampCombo()->isVisible() && dialog->applyButton()->isVisible());
        keepShot(dialog, QStringLiteral("bootstrap-dialog-pt_BR"));
        dialog->reject();
        Translations::uninstall();
    }

    void cleanup() { Translations::uninstall(); }

    // Cancel while it computes: the dialog says it stopped; nothing is written.
    void cancelWhilePreparingWritesNothing()
    {
        QString url;
        const QString dir = project(QStringLiteral("cancel"), &url);
        QVERIFY(!dir.isEmpty());
        MainWindow window(testOptions());
        QVERIFY(openAndWait(window, dir, url));
        BootstrapDialog* dialog = openDialog(window);
        QVERIFY(dialog);
        QTest::mouseClick(dialog->prepareButton(), Qt::LeftButton);
        QVERIFY(dialog->isWorking());
        QTest::keyClick(dialog, Qt::Key_Escape);
        QVERIFY(QTest::qWaitFor([&] { return !dialog->isWorking(); }, 60000));
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->problemLabel()->text().contains(QStringLiteral("Stopped")), qPrintable(dialog->problemLabel()->text()));
        QCOMPARE(QDir(dir + QStringLiteral("/migrations/versions")).entryList({QStringLiteral("*.py")}), QStringList{QStringLiteral("002_email.py")});
        QVERIFY(readAll(dir + QStringLiteral("/migrations/versions/002_email.py")).contains(QStringLiteral("down_revision = '001'")));
        dialog->reject();
    }
};

QTEST_MAIN(tst_WindowBootstrap)
#include "tst_WindowBootstrap.moc"
