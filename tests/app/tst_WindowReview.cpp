// The safety review in the window (issue #16), used as people use it, against a real PostgreSQL
// 15 and the project's real Alembic: the SQL preview marks each finding on its statement; the
// Review dock lists the pending plan's findings, and activating one selects its revision and shows
// its statement; the graph badges the risky steps; the confirmation before a run shows the review
// and wants the database name typed when rows would be lost or the database is a production one;
// a connection profile's lock_timeout makes a blocked run fail fast.

#include "app/AppTestSupport.h"
#include "app/connection/ConnectionBanner.h"
#include "app/connection/ConnectionDialog.h"
#include "app/connection/ConnectionIndicator.h"
#include "app/editor/Qsci.h"
#include "app/editor/SqlPreview.h"
#include "app/graph/RevisionGraphModel.h"
#include "app/graph/RevisionGraphPanel.h"
#include "app/review/ReviewModel.h"
#include "app/review/ReviewPanel.h"
#include "app/review/ReviewView.h"
#include "app/run/ApplyConfirmDialog.h"
#include "app/run/RunController.h"
#include "app/schema/TimeMachineController.h"
#include "app/window/MainWindow.h"
#include "core/db/ConnectionProfiles.h"
#include "core/db/DatabaseUrl.h"
#include "support/PgCluster.h"
#include "support/SqlTestHelpers.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QToolBar>
#include <QToolButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QtTest/QtTest>

#include <functional>

using namespace retort;
using namespace retort::app;
using Preview = retort::app::SqlPreview;

namespace {

struct RevisionSpec
{
    const char* id;
    const char* upgrade;
    const char* downgrade;
};

// b01/b02 are the schema the database holds; r03 builds an index the blocking way, r04 drops a
// column that has values, r05 creates a new table (nothing to say about it).
const RevisionSpec kRevisions[] = {
    {"b01", "op.create_table('customers', sa.Column('id', sa.Integer, primary_key=True), sa.Column('name', sa.String(40)))",
     "op.drop_table('customers')"},
    {"b02",
     "op.create_table('orders', sa.Column('id', sa.Integer, primary_key=True), sa.Column('status', sa.String(20)), "
     "sa.Column('note', sa.Text))",
     "op.drop_table('orders')"},
    {"r03", "op.create_index('ix_orders_status', 'orders', ['status'])", "op.drop_index('ix_orders_status', table_name='orders')"},
    {"r04", "op.drop_column('orders', 'note')", "op.add_column('orders', sa.Column('note', sa.Text))"},
    {"r05", "op.create_table('notes', sa.Column('id', sa.Integer, primary_key=True), sa.Column('body', sa.Text))",
     "op.drop_table('notes')"},
};

// b01/b02 as above; r03 reads the database while it runs (no is_offline_mode() guard), so
// Alembic cannot render it offline, and its downgrade is `pass`; r04 builds an index.
const RevisionSpec kOfflineRevisions[] = {
    kRevisions[0],
    kRevisions[1],
    {"r03",
     "rows = op.get_bind().execute(sa.text('SELECT id FROM orders')).fetchall()\n    for row in rows[:1]:\n"
     "        op.execute(\"UPDATE orders SET status = 'seen' WHERE id = %d\" % row[0])",
     "pass"},
    {"r04", "op.create_index('ix_orders_status', 'orders', ['status'])", "op.drop_index('ix_orders_status', table_name='orders')"},
};

template <std::size_t N>
bool writeProject(const QString& root, const RevisionSpec (&revisions)[N] = kRevisions)
{
    const QString data = QStringLiteral(RETORT_SOURCE_DIR "/tests/data/lint/project");
    QFile ini(data + QStringLiteral("/alembic.ini"));
    QFile env(data + QStringLiteral("/migrations/env.py"));
    if (!ini.open(QIODevice::ReadOnly) || !env.open(QIODevice::ReadOnly))
        return false;
    bool ok = testsupport::writeFile(root + QStringLiteral("/alembic.ini"), ini.readAll())
              && testsupport::writeFile(root + QStringLiteral("/migrations/env.py"), env.readAll());
    QByteArray down = "None";
    int n = 0;
    for (const RevisionSpec& r : revisions) {
        const QByteArray id(r.id);
        const QByteArray text = "\"\"\"" + id + "\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '" + id
                                + "'\ndown_revision = " + down + "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    "
                                + r.upgrade + "\n\n\ndef downgrade():\n    " + r.downgrade + "\n";
        ok = ok && testsupport::writeFile(root + QStringLiteral("/migrations/versions/%1_%2.py").arg(++n).arg(QLatin1String(r.id)), text);
        down = "'" + id + "'";
    }
    return ok;
}

MainWindow::Options testOptions()
{
    MainWindow::Options o;
    o.restoreState = false;
    o.watchFiles = false;
    return o;
}

// What the confirmation dialog showed and how it reacted, gathered while it was open.
struct Seen
{
    bool shown = false;
    bool settled = false;
    bool runEnabledBeforeTyping = true;
    bool runEnabledWithWrongName = true;
    bool runEnabledWithName = false;
    bool needsTypedName = false;
    bool hasReviewBox = false;
    QStringList rules;
    QString status;
    QString extras;
    QString details;
    bool wouldLoseRows = false;
    bool live = false;
};

// Inspects the ApplyConfirmDialog that the next run opens (the real one, modal): waits for its
// review, types `wrong` then `name` when it asks for the name, saves a picture, then runs or
// cancels. Returns at once; the observations are in `seen` when the action that opened it returns.
// It polls for the dialog rather than waiting inside one timer event: the window may run a nested
// event loop before the dialog opens (the stamp's check), which a blocked handler would hold up.
void handleConfirmation(Seen& seen, const QString& wrong, const QString& name, bool run, const QString& picture)
{
    auto* poll = new QTimer(qApp);
    poll->setInterval(50);
    auto* clock = new QElapsedTimer;
    clock->start();
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, clock, &seen, wrong, name, run, picture] {
        auto* dialog = qobject_cast<ApplyConfirmDialog*>(QApplication::activeModalWidget());
        if (!dialog && clock->elapsed() < 15000)
            return;
        poll->stop();
        poll->deleteLater();
        delete clock;
        if (!dialog)
            return;
        seen.shown = true;
        seen.hasReviewBox = dialog->reviewView() != nullptr;
        seen.settled = QTest::qWaitFor([dialog] { return dialog->isReviewSettled(); }, 90000);
        seen.needsTypedName = dialog->needsTypedName();
        seen.runEnabledBeforeTyping = dialog->runButton()->isEnabled();
        seen.status = dialog->reviewStatusText();
        if (dialog->reviewReport()) {
            seen.wouldLoseRows = dialog->reviewReport()->wouldLoseRows;
            seen.live = dialog->reviewReport()->live;
        }
        if (seen.hasReviewBox) {
            const QAbstractItemModel* model = dialog->reviewView()->view()->model();
            for (int row = 0; row < model->rowCount(); ++row)
                seen.rules << model->index(row, 0).data(ReviewModel::RuleRole).toString();
            seen.extras = dialog->reviewView()->extrasText();
            seen.details = dialog->reviewView()->detailsText();
        }
        if (seen.needsTypedName) {
            QTest::keyClicks(dialog->typedNameEdit(), wrong);
            seen.runEnabledWithWrongName = dialog->runButton()->isEnabled();
            dialog->typedNameEdit()->clear();
            QTest::keyClicks(dialog->typedNameEdit(), name);
        }
        seen.runEnabledWithName = dialog->runButton()->isEnabled();
        QTest::qWait(50);
        const QImage image = dialog->grab().toImage();
        const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
        if (!dir.isEmpty() && !picture.isEmpty())
            image.save(QDir(dir).filePath(picture));
        if (run && dialog->runButton()->isEnabled())
            QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
        else
            dialog->reject();
    });
    poll->start();
}

} // namespace

class tst_WindowReview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PgCluster m_cluster;
    int m_databases = 0;

    // A database at b02 with `orders` rows, and its URL.
    QString databaseAtB02(int orders = 200)
    {
        const QString name = QStringLiteral("shop%1").arg(++m_databases);
        if (!m_cluster.createDatabase(name).ok())
            return {};
        const Result<QString> made = m_cluster.psqlAsUser(
            QStringLiteral("CREATE TABLE customers (id serial PRIMARY KEY, name varchar(40));"
                           "CREATE TABLE orders (id serial PRIMARY KEY, status varchar(20), note text);"
                           "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);"
                           "INSERT INTO alembic_version VALUES ('b02');"
                           "INSERT INTO orders (status, note) SELECT 'new', 'n' || g FROM generate_series(1, %1) AS g;"
                           "ANALYZE orders;")
                .arg(orders),
            name);
        if (!made) {
            qWarning("%s", qPrintable(made.error().toString()));
            return {};
        }
        return m_cluster.url(name);
    }

    template <std::size_t N = std::size(kRevisions)>
    QString newProject(const QString& name, const RevisionSpec (&revisions)[N] = kRevisions)
    {
        const QString root = m_dir.filePath(name);
        return writeProject(root, revisions) ? root : QString();
    }

    static bool openAndWait(MainWindow& window, const QString& project, const QString& url)
    {
        window.setInterpreter(InterpreterChoice{QStringLiteral(RETORT_PYTHON), {}});
        window.resize(1400, 900);
        window.show();
        window.openProject(project, url);
        return QTest::qWaitFor([&window] { return window.isReady(); }, 90000);
    }

    // The graph's review badge of a revision (-1: none).
    static int severityOf(MainWindow& window, const QString& id)
    {
        return window.graphModel()->indexOfRevisionId(id).data(RevisionGraphModel::ReviewSeverityRole).toInt();
    }

    static int revisionIndex(MainWindow& window, const QString& id) { return window.graphModel()->graph()->indexOf(id); }

    static QStringList headsOf(const QString& url)
    {
        std::unique_ptr<ScopedConnection> db = connectTo(url);
        QStringList heads;
        if (!db)
            return {QStringLiteral("<no connection>")};
        QSqlQuery query(db->database());
        if (query.exec(QStringLiteral("SELECT version_num FROM alembic_version ORDER BY 1")))
            while (query.next())
                heads << query.value(0).toString();
        return heads;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RetortTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_WindowReview"));
        ConnectionProfiles::setKeychainEnabled(false); // never the developer's keychain
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(), "RETORT_PYTHON (a Python with alembic) is required");
        QVERIFY(m_dir.isValid());
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    }

    void init()
    {
        QSettings().clear();
        ConnectionProfiles::clearSessionPasswords();
    }

    void thePreviewTheDockAndTheGraphShowTheFindings()
    {
        const QString url = databaseAtB02();
        QVERIFY(!url.isEmpty());
        const QString project = newProject(QStringLiteral("preview"));
        QVERIFY(!project.isEmpty());
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("r05"));
        QVERIFY(openAndWait(window, project, url));
        Preview* preview = window.sqlPreview();
        QCOMPARE(preview->sectionRevisions(), (QStringList{QStringLiteral("r03"), QStringLiteral("r04"), QStringLiteral("r05")}));
        QTRY_VERIFY_WITH_TIMEOUT(preview->reviewState() == Preview::ReviewState::Done
                                     || preview->reviewState() == Preview::ReviewState::Failed,
                                 60000);
        QVERIFY2(preview->reviewState() == Preview::ReviewState::Done, qPrintable(preview->reviewError().message));

        // Markers on the statements' lines, in the severity's colour.
        QsciScintilla* editor = preview->editor();
        QStringList errorLines;
        for (const int line : preview->markerLines(Severity::Error))
            errorLines << editor->text(line).trimmed();
        QStringList warningLines;
        for (const int line : preview->markerLines(Severity::Warning))
            warningLines << editor->text(line).trimmed();
        QCOMPARE(errorLines, QStringList{QStringLiteral("ALTER TABLE orders DROP COLUMN note;")});
        QVERIFY2(warningLines.contains(QStringLiteral("CREATE INDEX ix_orders_status ON orders (status);")),
                 qPrintable(warningLines.join(QLatin1Char('|'))));
        for (const QString& line : warningLines + errorLines)
            QVERIFY2(!line.contains(QStringLiteral("notes")), "the new table of r05 has no finding");
        const int dropLine = preview->markerLines(Severity::Error).at(0);
        QVERIFY(preview->annotationAt(dropLine).contains(QStringLiteral("drop-column")));
        QVERIFY2(preview->annotationAt(dropLine).contains(QStringLiteral("200 rows")), qPrintable(preview->annotationAt(dropLine)));
        QVERIFY(preview->toolTipAt(dropLine).contains(QStringLiteral("Fix:")));

        // The Review dock lists the pending plan's findings, weighed against the database.
        ReviewPanel* panel = window.reviewPanel();
        QVERIFY(panel->report().has_value());
        QVERIFY(panel->report()->live);
        QTreeView* list = panel->reviewView()->view();
        QStringList rules;
        for (int row = 0; row < list->model()->rowCount(); ++row)
            rules << list->model()->index(row, 0).data(ReviewModel::RuleRole).toString();
        QVERIFY2(rules.contains(QStringLiteral("create-index-not-concurrently")), qPrintable(rules.join(QLatin1Char(','))));
        QVERIFY(rules.contains(QStringLiteral("drop-column")));
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("reviewDock"));
        QVERIFY(dock);
        QCOMPARE(dock->windowTitle(), QStringLiteral("Review (%1)").arg(rules.size()));
        QVERIFY(!dock->toggleViewAction()->shortcut().isEmpty());

        // The graph badges the risky steps, nothing else.
        QCOMPARE(severityOf(window, QStringLiteral("r03")), int(Severity::Warning));
        QCOMPARE(severityOf(window, QStringLiteral("r04")), int(Severity::Error));
        QCOMPARE(severityOf(window, QStringLiteral("r05")), -1);
        QCOMPARE(severityOf(window, QStringLiteral("b02")), -1);

        // Activating the drop-column finding (click, then Enter) selects r04 and shows its statement
        // in the preview, which keeps the plan it was found in.
        dock->show();
        dock->raise();
        QTest::qWait(50);
        int dropRow = -1;
        for (int row = 0; row < list->model()->rowCount(); ++row)
            if (list->model()->index(row, 0).data(ReviewModel::RuleRole).toString() == QLatin1String("drop-column"))
                dropRow = row;
        QVERIFY(dropRow >= 0);
        const QModelIndex dropIndex = list->model()->index(dropRow, int(ReviewModel::Column::Rule));
        list->scrollTo(dropIndex);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(dropIndex).center());
        QCOMPARE(list->currentIndex().row(), dropRow);
        editor->setFirstVisibleLine(0);
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(window.graphPanel()->selectedRevision(), revisionIndex(window, QStringLiteral("r04")));
        QTest::qWait(500); // longer than the preview's debounce: nothing is re-rendered
        QCOMPARE(preview->sectionRevisions(), (QStringList{QStringLiteral("r03"), QStringLiteral("r04"), QStringLiteral("r05")}));
        int lineFrom = -1, indexFrom = -1, lineTo = -1, indexTo = -1;
        editor->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        QCOMPARE(lineFrom, dropLine);
        QVERIFY(editor->firstVisibleLine() <= dropLine);
        QCOMPARE(panel->report()->findings.size(), rules.size()); // the dock keeps the plan too

        const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR");
        const QImage image = window.grab().toImage();
        QVERIFY(!image.isNull());
        if (!dir.isEmpty())
            image.save(QDir(dir).filePath(QStringLiteral("review-dock.png")));
    }

    void theConfirmationShowsTheReviewAndWantsTheNameWhenRowsWouldBeLost()
    {
        const QString url = databaseAtB02();
        QVERIFY(!url.isEmpty());
        const QString project = newProject(QStringLiteral("confirm"));
        QVERIFY(!project.isEmpty());
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("r04"));
        QVERIFY(openAndWait(window, project, url));
        // Another session reads orders in an open transaction: the review lists it.
        std::unique_ptr<ScopedConnection> other = connectTo(url);
        QVERIFY(other);
        QVERIFY(execAll(other->database(), {QStringLiteral("BEGIN"), QStringLiteral("SELECT count(*) FROM orders")}).ok());

        Seen seen;
        handleConfirmation(seen, QStringLiteral("shop"), QUrl(url).path().mid(1), false, QStringLiteral("confirm-review.png"));
        QVERIFY(window.action(QStringLiteral("actionUpgradeToHere"))->isEnabled());
        window.action(QStringLiteral("actionUpgradeToHere"))->trigger();
        QVERIFY(seen.shown);
        QVERIFY(seen.hasReviewBox);
        QVERIFY2(seen.settled, "the review came in");
        QVERIFY2(seen.live, qPrintable(seen.status));
        QVERIFY2(seen.rules.contains(QStringLiteral("drop-column")), qPrintable(seen.rules.join(QLatin1Char(','))));
        QVERIFY(seen.rules.contains(QStringLiteral("create-index-not-concurrently")));
        QVERIFY(seen.status.contains(QStringLiteral("error")));
        // Rows would be lost: the name has to be typed, and only the right one enables Run.
        QVERIFY(seen.wouldLoseRows);
        QVERIFY(seen.needsTypedName);
        QVERIFY(!seen.runEnabledBeforeTyping);
        QVERIFY(!seen.runEnabledWithWrongName);
        QVERIFY(seen.runEnabledWithName);
        QVERIFY2(seen.extras.contains(QStringLiteral("DROP COLUMN orders.note")), qPrintable(seen.extras));
        QVERIFY(seen.extras.contains(QStringLiteral("200 rows")));
        QVERIFY2(seen.extras.contains(QStringLiteral("holds ACCESS SHARE on orders")), qPrintable(seen.extras));
        QVERIFY(seen.details.contains(QStringLiteral("Fix:")));
        // Cancelled: nothing ran.
        QVERIFY(!window.runController()->isRunning());
        QCOMPARE(headsOf(url), QStringList{QStringLiteral("b02")});
        QVERIFY(execAll(other->database(), {QStringLiteral("ROLLBACK")}).ok());

        // A test handler gets the same review through the confirmation it is given.
        bool reviewed = false;
        window.setConfirmHandler([&reviewed](const RunConfirmation& confirmation) {
            if (confirmation.review && QTest::qWaitFor([&] { return confirmation.review->isFinished(); }, 90000))
                reviewed = confirmation.review->report() && confirmation.review->report()->wouldLoseRows;
            return false;
        });
        window.action(QStringLiteral("actionUpgradeToHere"))->trigger();
        QVERIFY(reviewed);
    }

    // Issue #18: the band above the graph says which database is connected and where it stands,
    // not only the status bar, and follows the workspace: revisions and what is pending, a run,
    // an empty database, a refused login, a server that does not answer. Clicking it is how the
    // user changes the connection.
    void theBandSaysWhichDatabaseAndWhereItStands()
    {
        const QString url = databaseAtB02();
        QVERIFY(!url.isEmpty());
        const QString database = QUrl(url).path().mid(1);
        const QString project = newProject(QStringLiteral("band"));
        QVERIFY(!project.isEmpty());
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("r03"));
        QVERIFY(openAndWait(window, project, url));
        ConnectionBanner* band = window.connectionBanner();
        QVERIFY(band->isVisible());
        QCOMPARE(band->standing(), ConnectionBanner::Standing::Known);
        QVERIFY2(band->text().startsWith(QStringLiteral("Database %1 · DEVELOPMENT · ").arg(database)), qPrintable(band->text()));
        QCOMPARE(band->standingText(), QStringLiteral("at b02 “b02” · 3 pending"));

        // A run moves it: Upgrade to Here, clicked on the toolbar.
        window.setConfirmHandler([](const RunConfirmation&) { return true; });
        QSignalSpy finished(&window, &MainWindow::runFinished);
        auto* toolbar = window.findChild<QToolBar*>();
        QVERIFY(toolbar);
        QWidget* upgrade = toolbar->widgetForAction(window.action(QStringLiteral("actionUpgradeToHere")));
        QVERIFY(upgrade && upgrade->isVisible() && upgrade->isEnabled());
        QTest::mouseClick(upgrade, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);
        QTRY_COMPARE_WITH_TIMEOUT(band->standingText(), QStringLiteral("at r03 “r03” · 2 pending"), 30000);
        QCOMPARE(headsOf(url), QStringList{QStringLiteral("r03")});

        // Another database, chosen by clicking the band: an empty one.
        QVERIFY(m_cluster.createDatabase(QStringLiteral("bandempty")).ok());
        const QString empty = m_cluster.url(QStringLiteral("bandempty"));
        const auto connectThroughTheBand = [&window, band](const QString& to) {
            bool shown = false;
            QTimer::singleShot(0, qApp, [&shown, to] {
                ConnectionDialog* dialog = nullptr;
                if (!QTest::qWaitFor([&dialog] { return (dialog = qobject_cast<ConnectionDialog*>(QApplication::activeModalWidget())); },
                                     10000))
                    return;
                shown = true;
                dialog->setUrlText(to);
                QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
                QTest::mouseClick(ok, Qt::LeftButton);
            });
            QTest::mouseClick(band, Qt::LeftButton, {}, QPoint(band->width() / 2, band->height() / 2));
            return shown;
        };
        QVERIFY(connectThroughTheBand(empty));
        QTRY_COMPARE_WITH_TIMEOUT(band->standing(), ConnectionBanner::Standing::Known, 30000);
        QVERIFY2(band->text().startsWith(QStringLiteral("Database bandempty · ")), qPrintable(band->text()));
        QCOMPARE(band->standingText(), QStringLiteral("empty: no version table yet · 5 pending"));

        // The right server and user with a wrong password: the login is refused, said as such.
        QVERIFY(connectThroughTheBand(m_cluster.urlWithWrongPassword(database)));
        QTRY_COMPARE_WITH_TIMEOUT(band->standing(), ConnectionBanner::Standing::Failed, 30000);
        QCOMPARE(band->standingText(), QStringLiteral("Login refused"));
        QVERIFY(band->text().contains(database));
        QVERIFY2(!band->toolTip().contains(m_cluster.password()), "no password in the band");

        // A port nothing listens on (1, privileged): not reachable.
        QVERIFY(connectThroughTheBand(QStringLiteral("postgresql://retort@127.0.0.1:1/nowhere")));
        QTRY_COMPARE_WITH_TIMEOUT(band->standing(), ConnectionBanner::Standing::Failed, 30000);
        QCOMPARE(band->standingText(), QStringLiteral("Not reachable"));
        QVERIFY(band->text().startsWith(QStringLiteral("Database nowhere · ")));
        // The status bar says the same.
        QVERIFY2(window.connectionIndicator()->text().startsWith(QStringLiteral("Not reachable")), qPrintable(window.connectionIndicator()->text()));
        if (const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR"); !dir.isEmpty())
            window.grab().save(QDir(dir).filePath(QStringLiteral("band-unreachable.png")));
    }

    // A revision that reads the database while it runs cannot be rendered offline: the preview
    // says Alembic failed, and the Review dock reviews the plan itself, marking that step (the
    // graph badges it) and reviewing the steps after it. A downgrade over it is reviewed too: its
    // `pass` downgrade, and the rows the downgrade destroys, typed name and all.
    void aStepThatCannotRenderOfflineIsMarkedAndDowngradesAreReviewed()
    {
        const QString url = databaseAtB02();
        QVERIFY(!url.isEmpty());
        const QString database = QUrl(url).path().mid(1);
        const QString project = newProject(QStringLiteral("offline"), kOfflineRevisions);
        QVERIFY(!project.isEmpty());
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("r04"));
        QVERIFY(openAndWait(window, project, url));
        ReviewPanel* panel = window.reviewPanel();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isReviewing() && panel->report().has_value(), 90000);
        // The preview shows r03 as a step Alembic cannot render, with its message, and r04's SQL
        // after it; Copy and Save are off (the text would skip r03 if run).
        const QString previewText = window.sqlPreview()->text();
        QVERIFY2(previewText.contains(QStringLiteral("Alembic said: migration r03 failed")), qPrintable(previewText));
        QVERIFY2(previewText.indexOf(QStringLiteral("CREATE INDEX ix_orders_status"))
                     > previewText.indexOf(QStringLiteral("Alembic cannot render this step offline")),
                 qPrintable(previewText));
        QCOMPARE(window.sqlPreview()->sectionRevisions(), (QStringList{QStringLiteral("r03"), QStringLiteral("r04")}));
        QCOMPARE(window.sqlPreview()->unrenderedCount(), 1);
        QVERIFY(!window.sqlPreview()->findChild<QToolButton*>(QStringLiteral("saveSqlButton"))->isEnabled());
        // The review's marker sits on r04's statement in the preview.
        QVERIFY(!window.sqlPreview()->markerLines(Severity::Warning).isEmpty());
        if (const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR"); !dir.isEmpty())
            window.grab().save(QDir(dir).filePath(QStringLiteral("preview-unrendered-step.png")));
        QStringList rules;
        for (const lint::Finding& f : panel->report()->findings)
            rules << f.revision + QLatin1Char(':') + f.rule;
        QVERIFY2(rules.contains(QStringLiteral("r03:offline-sql-unavailable")), qPrintable(rules.join(QLatin1Char(','))));
        QVERIFY(rules.contains(QStringLiteral("r04:create-index-not-concurrently")));
        QVERIFY(!panel->report()->steps.at(0).rendered);
        QVERIFY(panel->report()->steps.at(1).rendered);
        QCOMPARE(severityOf(window, QStringLiteral("r03")), int(Severity::Warning));
        QCOMPARE(severityOf(window, QStringLiteral("r04")), int(Severity::Warning));

        // Online it runs (it can read): Upgrade to Here, clicked on the toolbar.
        window.setConfirmHandler([](const RunConfirmation&) { return true; });
        QSignalSpy finished(&window, &MainWindow::runFinished);
        auto* toolbar = window.findChild<QToolBar*>();
        QVERIFY(toolbar);
        QTest::mouseClick(toolbar->widgetForAction(window.action(QStringLiteral("actionUpgradeToHere"))), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);
        QVERIFY2(finished.at(0).at(0).value<JobResult>().ok, qPrintable(finished.at(0).at(0).value<JobResult>().error.toString()));
        QCOMPARE(headsOf(url), QStringList{QStringLiteral("r04")});
        // The window has read the database again (the downgrade's plan starts there).
        QTRY_VERIFY_WITH_TIMEOUT(window.workspace()->isDatabaseStateCurrent()
                                     && window.workspace()->databaseState().heads == QStringList{QStringLiteral("r04")},
                                 30000);

        // Downgrade to b01, clicked on the toolbar: r03's downgrade is `pass`, b02's drops orders
        // and its 200 rows, so the name has to be typed.
        window.setConfirmHandler([&window](const RunConfirmation& confirmation) {
            ApplyConfirmDialog dialog(confirmation, &window);
            return dialog.exec() == QDialog::Accepted;
        });
        window.selectRevisionId(QStringLiteral("b01"));
        QTRY_VERIFY(window.action(QStringLiteral("actionDowngradeToHere"))->isEnabled());
        Seen seen;
        handleConfirmation(seen, QStringLiteral("shop"), database, false, QStringLiteral("confirm-downgrade.png"));
        QTest::mouseClick(toolbar->widgetForAction(window.action(QStringLiteral("actionDowngradeToHere"))), Qt::LeftButton);
        QVERIFY(seen.shown);
        QVERIFY(seen.settled);
        QVERIFY2(seen.rules.contains(QStringLiteral("downgrade-not-reversible")), qPrintable(seen.rules.join(QLatin1Char(','))));
        QVERIFY(seen.rules.contains(QStringLiteral("drop-table")));
        QVERIFY(seen.wouldLoseRows);
        QVERIFY(seen.needsTypedName);
        QVERIFY(!seen.runEnabledWithWrongName);
        QVERIFY(seen.runEnabledWithName);
        QVERIFY2(seen.extras.contains(QStringLiteral("DROP TABLE orders")), qPrintable(seen.extras));
        QVERIFY(seen.extras.contains(QStringLiteral("200 rows")));
        QCOMPARE(headsOf(url), QStringList{QStringLiteral("r04")}); // cancelled: nothing ran
    }

    // The weights are the planner's estimates; Count Rows Exactly (a click in the Review dock)
    // reviews the plan again with count(*): 50 rows inserted since the last ANALYZE show up.
    void rowsAreCountedExactlyOnDemand()
    {
        const QString url = databaseAtB02();
        QVERIFY(!url.isEmpty());
        std::unique_ptr<ScopedConnection> db = connectTo(url);
        QVERIFY(db);
        QVERIFY(execAll(db->database(), {QStringLiteral("INSERT INTO orders (status, note) SELECT 'late', 'x' FROM generate_series(1, 50)")}).ok());
        const QString project = newProject(QStringLiteral("exact"));
        QVERIFY(!project.isEmpty());
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("r05"));
        QVERIFY(openAndWait(window, project, url));
        ReviewPanel* panel = window.reviewPanel();
        const auto dropColumnWeight = [panel] {
            for (const lint::Finding& f : panel->report()->findings)
                if (f.rule == QLatin1String("drop-column"))
                    return f.weight;
            return QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(panel->report().has_value(), 60000);
        QVERIFY2(dropColumnWeight().contains(QStringLiteral("~200 rows")), qPrintable(dropColumnWeight()));
        QVERIFY(!panel->hasExactCounts());
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("reviewDock"));
        QVERIFY(dock);
        dock->show();
        dock->raise();
        QPushButton* exact = panel->exactCountsButton();
        QTRY_VERIFY(exact->isVisible());
        QTest::mouseClick(exact, Qt::LeftButton);
        QVERIFY(panel->isReviewing());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isReviewing() && panel->report().has_value(), 90000);
        QVERIFY(panel->hasExactCounts());
        QVERIFY2(dropColumnWeight().contains(QStringLiteral("250 rows")) && !dropColumnWeight().contains(QLatin1Char('~')),
                 qPrintable(dropColumnWeight()));
        QVERIFY(!exact->isVisible()); // counted already
        QCOMPARE(panel->title(), window.sqlPreview()->title()); // the same plan
    }

    void aProductionProfileWantsTheNameForEveryRun()
    {
        const QString url = databaseAtB02();
        QVERIFY(!url.isEmpty());
        const QString database = QUrl(url).path().mid(1);
        const QString project = newProject(QStringLiteral("production"));
        QVERIFY(!project.isEmpty());
        {
            ConnectionProfiles profiles(project);
            QVERIFY(profiles.save(QStringLiteral("prod"), *DatabaseUrl::parse(url), ConnectionKind::Production, 0).ok());
            profiles.setLastUsed(QStringLiteral("prod"));
        }
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("r03"));
        QVERIFY(openAndWait(window, project, QString())); // the profile used last
        QCOMPARE(window.workspace()->target().kind, ConnectionKind::Production);
        QCOMPARE(window.connectionIndicator()->kind(), ConnectionKind::Production);
        QVERIFY(window.connectionIndicator()->text().startsWith(QStringLiteral("PRODUCTION")));
        QVERIFY(window.connectionBanner()->isVisible());
        QVERIFY2(window.connectionBanner()->text().contains(database), qPrintable(window.connectionBanner()->text()));
        QVERIFY(window.connectionBanner()->text().contains(QStringLiteral("PRODUCTION")));
        // The time machine never creates a scratch database on it (issue #17).
        QVERIFY(window.timeMachine()->isProductionConnection());
        if (const QString dir = qEnvironmentVariable("RETORT_SCREENSHOT_DIR"); !dir.isEmpty())
            window.grab().save(QDir(dir).filePath(QStringLiteral("window-production.png")));

        // A stamp (no review) asks for the name too.
        Seen stamp;
        handleConfirmation(stamp, QStringLiteral("prod"), database, false, QString());
        window.action(QStringLiteral("actionStampHere"))->trigger();
        QVERIFY(stamp.shown);
        QVERIFY(!stamp.hasReviewBox);
        QVERIFY(stamp.needsTypedName);
        QVERIFY(!stamp.runEnabledBeforeTyping);
        QVERIFY(!stamp.runEnabledWithWrongName);
        QVERIFY(stamp.runEnabledWithName);
        QCOMPARE(headsOf(url), QStringList{QStringLiteral("b02")});

        // An upgrade that loses nothing still asks on production; with the name it runs.
        Seen upgrade;
        QSignalSpy finished(&window, &MainWindow::runFinished);
        handleConfirmation(upgrade, QStringLiteral("shop"), database, true, QStringLiteral("confirm-production.png"));
        window.action(QStringLiteral("actionUpgradeToHere"))->trigger();
        QVERIFY(upgrade.shown);
        QVERIFY(upgrade.settled);
        QVERIFY(!upgrade.wouldLoseRows);
        QVERIFY(upgrade.needsTypedName);
        QVERIFY(!upgrade.runEnabledBeforeTyping);
        QVERIFY(upgrade.runEnabledWithName);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);
        const JobResult result = finished.at(0).at(0).value<JobResult>();
        QVERIFY2(result.ok, qPrintable(result.error.toString()));
        QCOMPARE(headsOf(url), QStringList{QStringLiteral("r03")});
    }

    void aProfilesLockTimeoutMakesABlockedRunFailFast()
    {
        const QString url = databaseAtB02();
        QVERIFY(!url.isEmpty());
        const QString project = newProject(QStringLiteral("timeout"));
        QVERIFY(!project.isEmpty());
        {
            ConnectionProfiles profiles(project);
            QVERIFY(profiles.save(QStringLiteral("dev"), *DatabaseUrl::parse(url), ConnectionKind::Development, 400).ok());
            profiles.setLastUsed(QStringLiteral("dev"));
        }
        MainWindow window(testOptions());
        window.setInitialSelection(QStringLiteral("r03"));
        QVERIFY(openAndWait(window, project, QString()));
        QCOMPARE(window.workspace()->target().lockTimeoutMs, 400);
        // The run sets lock_timeout, so the review does not ask for one.
        QTRY_VERIFY_WITH_TIMEOUT(window.reviewPanel()->report().has_value(), 60000);
        QCOMPARE(window.reviewPanel()->report()->lockTimeoutMs, 400);

        // Another session holds orders: CREATE INDEX waits for its SHARE lock.
        std::unique_ptr<ScopedConnection> other = connectTo(url);
        QVERIFY(other);
        QVERIFY(execAll(other->database(), {QStringLiteral("BEGIN"), QStringLiteral("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE")}).ok());
        int askedTimeout = -1;
        window.setConfirmHandler([&askedTimeout](const RunConfirmation& confirmation) {
            askedTimeout = confirmation.lockTimeoutMs;
            return true;
        });
        QSignalSpy finished(&window, &MainWindow::runFinished);
        QElapsedTimer clock;
        clock.start();
        window.action(QStringLiteral("actionUpgradeToHere"))->trigger();
        QCOMPARE(askedTimeout, 400);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
        const JobResult result = finished.at(0).at(0).value<JobResult>();
        QVERIFY(!result.ok);
        QVERIFY2(result.error.message.contains(QStringLiteral("lock timeout")), qPrintable(result.error.toString()));
        QVERIFY2(clock.elapsed() < 30000, "the blocked statement gave up instead of waiting for the lock");
        QVERIFY(execAll(other->database(), {QStringLiteral("ROLLBACK")}).ok());
        QCOMPARE(headsOf(url), QStringList{QStringLiteral("b02")});
    }
};

QTEST_MAIN(tst_WindowReview)
#include "tst_WindowReview.moc"
