#include "app/AppTestSupport.h"
#include "app/editor/Qsci.h"
#include "app/editor/SqlPreview.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest/QtTest>

using namespace retort::app;
using retort::BridgeOp;
using retort::Error;
using retort::Status;
using Preview = retort::app::SqlPreview;
namespace testsupport = retort::testsupport;

class tst_SqlPreview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;
    QString m_url;

    SqlPreviewRequest request(const QString& target, const QStringList& current = {}, const QString& direction = QStringLiteral("upgrade"))
    {
        SqlPreviewRequest r;
        r.title = QStringLiteral("%1 to %2").arg(direction, target);
        r.projectDir = m_project;
        r.python.interpreter = QStringLiteral(RETORT_PYTHON);
        r.bridge.op = BridgeOp::Sql;
        r.bridge.configFile = m_project + QStringLiteral("/alembic.ini");
        r.bridge.workingDirectory = m_project;
        r.bridge.target = target;
        r.bridge.sqlDirection = direction;
        r.bridge.current = current;
        r.bridge.overrideUrl = m_url;
        r.bridge.timeoutMs = 60000;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(),
                 "RETORT_PYTHON must name a Python that can import alembic (see cmake/RetortPython.cmake)");
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("cityscope"));
        QVERIFY(testsupport::copyTree(testsupport::demoSourceDir(), m_project));
        m_url = testsupport::createSqlite(m_dir.filePath(QStringLiteral("demo.db")));
    }

    void showsOneFoldingSectionPerStepWithAHeader()
    {
        Preview preview;
        QSignalSpy ready(&preview, &Preview::previewReady);
        QSignalSpy failed(&preview, &Preview::previewFailed);
        preview.requestPreview(request(QStringLiteral("b7e3f0a4c921")));
        QVERIFY(preview.isGenerating());
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<Error>().toString()));
        QCOMPARE(ready.at(0).at(0).toInt(), 3);
        QCOMPARE(preview.sectionCount(), 3);
        QCOMPARE(preview.sectionRevisions(),
                 (QStringList{QStringLiteral("3f1a9c2e7b10"), QStringLiteral("8c4d2b9e1a57"), QStringLiteral("b7e3f0a4c921")}));
        const QString text = preview.text();
        QVERIFY(text.contains(QStringLiteral("CREATE TABLE users")));
        QVERIFY(text.contains(QStringLiteral("CREATE TABLE cities")));
        QVERIFY(text.contains(QStringLiteral("CREATE TABLE indicators")));
        QVERIFY(!text.contains(QStringLiteral("CREATE TABLE indicator_values")));
        QVERIFY(text.indexOf(QStringLiteral("CREATE TABLE users")) < text.indexOf(QStringLiteral("CREATE TABLE cities")));
        // Each step opens with a header naming its revision, and the header starts a fold.
        QsciScintilla* editor = preview.editor();
        int stepHeaders = 0;
        for (int line : preview.headerLines()) {
            const long level = editor->SendScintilla(QsciScintillaBase::SCI_GETFOLDLEVEL, line);
            QVERIFY(level & QsciScintillaBase::SC_FOLDLEVELHEADERFLAG);
            const QString header = editor->text(line);
            QVERIFY2(header.startsWith(QStringLiteral("-- ")), qPrintable(header));
            if (header.contains(QStringLiteral("Step ")))
                QVERIFY(header.contains(preview.sectionRevisions().at(stepHeaders++)));
        }
        QCOMPARE(stepHeaders, 3);
        // Folding a section hides its body.
        const int firstStep = preview.headerLines().at(preview.headerLines().size() - 3);
        editor->foldLine(firstStep);
        QVERIFY(!editor->SendScintilla(QsciScintillaBase::SCI_GETLINEVISIBLE, firstStep + 1));
        QVERIFY(preview.findChild<QToolButton*>(QStringLiteral("copySqlButton"))->isEnabled());
    }

    void copiesAndSavesTheSql()
    {
        Preview preview;
        QSignalSpy ready(&preview, &Preview::previewReady);
        preview.requestPreview(request(QStringLiteral("3f1a9c2e7b10")));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0, 60000);
        preview.copyToClipboard();
        QCOMPARE(QApplication::clipboard()->text(), preview.text());
        const QString path = m_dir.filePath(QStringLiteral("out/step.sql"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QVERIFY(preview.saveTo(path).ok());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), preview.text());
        const Status denied = preview.saveTo(m_dir.filePath(QStringLiteral("no/such/folder/x.sql")));
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code, QStringLiteral("save-failed"));
    }

    void aDowngradePreviewRunsTheStepsBackwards()
    {
        Preview preview;
        QSignalSpy ready(&preview, &Preview::previewReady);
        preview.requestPreview(request(QStringLiteral("3f1a9c2e7b10"), {QStringLiteral("b7e3f0a4c921")}, QStringLiteral("downgrade")));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0, 60000);
        QCOMPARE(preview.sectionRevisions(), (QStringList{QStringLiteral("b7e3f0a4c921"), QStringLiteral("8c4d2b9e1a57")}));
        QVERIFY(preview.text().contains(QStringLiteral("DROP TABLE indicators")));
    }

    void aNewRequestCancelsTheStaleOne()
    {
        Preview preview;
        QSignalSpy ready(&preview, &Preview::previewReady);
        QSignalSpy failed(&preview, &Preview::previewFailed);
        preview.requestPreview(request(QStringLiteral("7c1b9e5a3f28")));
        preview.requestPreview(request(QStringLiteral("8c4d2b9e1a57")));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 60000);
        QTest::qWait(300);
        QCOMPARE(ready.count(), 1); // the stale request reports nothing
        QCOMPARE(failed.count(), 0);
        QCOMPARE(preview.title(), QStringLiteral("upgrade to 8c4d2b9e1a57"));
        QCOMPARE(preview.sectionCount(), 2);
    }

    // A revision that reads the database while it runs stops Alembic's offline SQL. With the plan
    // in the request, the preview shows that step as one it cannot render (with Alembic's
    // message) and the SQL of the steps after it, and turns Copy and Save off: the text is not a
    // script that runs the plan.
    void aStepAlembicCannotRenderOfflineIsShownAndTheRestFollows()
    {
        const QString project = m_dir.filePath(QStringLiteral("reads"));
        QVERIFY(testsupport::writeSmallProject(project, "    op.get_bind().execute(sa.text('SELECT 1')).fetchall()"));
        retort::Plan plan;
        plan.direction = retort::Direction::Upgrade;
        plan.target = QStringLiteral("cccc3333");
        const QStringList ids{QStringLiteral("aaaa1111"), QStringLiteral("bbbb2222"), QStringLiteral("cccc3333")};
        for (int i = 0; i < ids.size(); ++i) {
            retort::PlanStep step;
            step.revision = ids.at(i);
            step.fromRevisions = i == 0 ? QStringList() : QStringList{ids.at(i - 1)};
            step.toRevisions = {ids.at(i)};
            step.headsAfter = {ids.at(i)};
            plan.steps << step;
        }
        SqlPreviewRequest r = request(QStringLiteral("cccc3333"));
        r.projectDir = project;
        r.bridge.configFile = project + QStringLiteral("/alembic.ini");
        r.bridge.workingDirectory = project;
        r.bridge.overrideUrl = testsupport::createSqlite(m_dir.filePath(QStringLiteral("reads.db")));
        r.plan = plan;

        Preview preview;
        QSignalSpy ready(&preview, &Preview::previewReady);
        QSignalSpy failed(&preview, &Preview::previewFailed);
        preview.requestPreview(r);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<Error>().toString()));
        QCOMPARE(ready.at(0).at(0).toInt(), 3);
        QCOMPARE(preview.sectionRevisions(), ids);
        QCOMPARE(preview.unrenderedCount(), 1);
        const QString text = preview.text();
        const qsizetype first = text.indexOf(QStringLiteral("CREATE TABLE first"));
        const qsizetype marker = text.indexOf(QStringLiteral("Alembic cannot render this step offline"));
        const qsizetype third = text.indexOf(QStringLiteral("CREATE TABLE third"));
        QVERIFY2(first >= 0 && marker > first && third > marker, qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("-- Alembic said: migration bbbb2222 failed")), qPrintable(text));
        // The step after it starts from the row the unrendered one leaves.
        QVERIFY2(text.contains(QStringLiteral("UPDATE alembic_version SET version_num='cccc3333' WHERE "
                                              "alembic_version.version_num = 'bbbb2222'")),
                 qPrintable(text));
        // Three step headers, the unrendered one among them.
        int stepHeaders = 0;
        for (int line : preview.headerLines())
            stepHeaders += preview.editor()->text(line).contains(QStringLiteral("Step ")) ? 1 : 0;
        QCOMPARE(stepHeaders, 3);
        QVERIFY2(preview.editor()->text(preview.editorLine(1, 0)).contains(QStringLiteral("Step 2 of 3")),
                 qPrintable(preview.editor()->text(preview.editorLine(1, 0))));
        const QString status = preview.findChild<QLabel*>(QStringLiteral("sqlPreviewStatus"))->text();
        QVERIFY2(status.startsWith(QStringLiteral("3 step")) && status.contains(QStringLiteral(" · 1 without SQL")), qPrintable(status));
        auto* copy = preview.findChild<QToolButton*>(QStringLiteral("copySqlButton"));
        auto* save = preview.findChild<QToolButton*>(QStringLiteral("saveSqlButton"));
        QVERIFY(!copy->isEnabled());
        QVERIFY(!save->isEnabled());
        QVERIFY(copy->toolTip().contains(QStringLiteral("not a script")));
        QApplication::clipboard()->setText(QStringLiteral("before"));
        preview.copyToClipboard();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));

        // The next preview of a whole plan turns them on again.
        preview.requestPreview(request(QStringLiteral("3f1a9c2e7b10")));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 2, 60000);
        QCOMPARE(preview.unrenderedCount(), 0);
        QVERIFY(copy->isEnabled());
        QVERIFY(save->isEnabled());
    }

    // The project's interpreter is a compose service: the bridge runs in the container, where
    // the project is mounted and the host's paths do not exist, so the preview names alembic.ini
    // as the container sees it. A stand-in for `docker compose exec` runs the real Alembic in the
    // project folder and refuses any host path it is given, as a container would.
    void aComposeInterpreterIsGivenTheConfigInsideTheContainer()
    {
        const QString bin = m_dir.filePath(QStringLiteral("bin"));
        const QByteArray script = QByteArray("#!/bin/sh\n"
                                             "dir=\"\"\n"
                                             "while [ $# -gt 0 ]; do\n"
                                             "  case \"$1\" in\n"
                                             "    --project-directory) dir=\"$2\"; shift 2 ;;\n"
                                             "    python) shift; break ;;\n"
                                             "    *) shift ;;\n"
                                             "  esac\n"
                                             "done\n"
                                             "for a in \"$@\"; do\n"
                                             "  case \"$a\" in \"$dir\"/*) echo \"python: can't open file '$a': No such file\" >&2; exit 2 ;; esac\n"
                                             "done\n"
                                             "cd \"$dir\" && exec ")
                                  + QByteArray(RETORT_PYTHON) + " \"$@\"\n";
        QVERIFY(testsupport::writeFile(bin + QStringLiteral("/docker"), script));
        QVERIFY(QFile::setPermissions(bin + QStringLiteral("/docker"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        const QByteArray savedPath = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(bin) + ':' + savedPath);
        SqlPreviewRequest r = request(QStringLiteral("3f1a9c2e7b10"));
        r.python = {};
        r.python.compose.service = QStringLiteral("api");
        Preview preview;
        QSignalSpy ready(&preview, &Preview::previewReady);
        QSignalSpy failed(&preview, &Preview::previewFailed);
        preview.requestPreview(r);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 60000);
        qputenv("PATH", savedPath);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<Error>().toString()));
        QCOMPARE(preview.sectionRevisions(), QStringList{QStringLiteral("3f1a9c2e7b10")});
        QVERIFY(preview.text().contains(QStringLiteral("CREATE TABLE users")));
    }

    void anAlembicErrorIsShownInsteadOfSql()
    {
        Preview preview;
        QSignalSpy failed(&preview, &Preview::previewFailed);
        preview.requestPreview(request(QStringLiteral("0000deadbeef")));
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() > 0, 60000);
        const Error error = failed.at(0).at(0).value<Error>();
        QVERIFY2(error.message.contains(QStringLiteral("0000deadbeef")), qPrintable(error.toString()));
        QVERIFY(preview.text().startsWith(QStringLiteral("-- ")));
        QCOMPARE(preview.sectionCount(), 0);
        QVERIFY(!preview.findChild<QToolButton*>(QStringLiteral("saveSqlButton"))->isEnabled());
    }

    // The review of the sections shown: each finding's marker, squiggle and annotation on its
    // statement's line of the preview (the section's lines as Alembic rendered them, after the
    // step's header), the fix in the annotation and the line's tooltip.
    void findingsAreMarkedOnTheStatementsLines()
    {
        retort::SqlPreview rendered;
        rendered.url.insert(QStringLiteral("dialect"), QStringLiteral("postgresql"));
        const auto section = [](const QString& kind, const QString& revision, const QString& sql) {
            retort::SqlSection s;
            s.kind = kind;
            s.revision = revision;
            s.direction = QStringLiteral("upgrade");
            s.fromRevisions = {};
            s.toRevisions = {revision};
            s.sql = sql;
            return s;
        };
        rendered.sections = {
            section(QStringLiteral("preamble"), {}, QStringLiteral("BEGIN;\n\n")),
            section(QStringLiteral("step"), QStringLiteral("r1"),
                    QStringLiteral("\n\n-- Running upgrade  -> r1\n\nCREATE TABLE orders (id integer, status text);\n\n")),
            section(QStringLiteral("step"), QStringLiteral("r2"),
                    QStringLiteral("-- Running upgrade r1 -> r2\n\nUPDATE customers SET name = '';\n\n"
                                   "CREATE INDEX ix_customers_name\n    ON customers (name);\n\n"
                                   "ALTER TABLE customers DROP COLUMN email;\n\n")),
            section(QStringLiteral("epilogue"), {}, QStringLiteral("COMMIT;\n"))};
        retort::lint::PlanLintRequest review;
        review.plan.direction = retort::Direction::Upgrade;
        for (const QString& revision : {QStringLiteral("r1"), QStringLiteral("r2")}) {
            retort::PlanStep step;
            step.direction = retort::Direction::Upgrade;
            step.revision = revision;
            review.plan.steps << step;
        }
        const retort::Result<retort::lint::LintReport> report = retort::lint::PlanLinter::review(review, rendered);
        QVERIFY(report.ok());

        Preview preview;
        preview.resize(900, 600);
        preview.show();
        preview.showSections(QStringLiteral("Upgrade to r2"), rendered.sections);
        preview.showReview(*report);
        QCOMPARE(preview.reviewState(), Preview::ReviewState::Done);
        QsciScintilla* editor = preview.editor();
        const auto lineText = [editor](int line) { return editor->text(line).trimmed(); };

        const QVector<int> errors = preview.markerLines(retort::Severity::Error);
        const QVector<int> warnings = preview.markerLines(retort::Severity::Warning);
        // drop-column (error) and update-without-where + create-index-not-concurrently (warnings).
        QCOMPARE(errors.size(), 1);
        QCOMPARE(lineText(errors.at(0)), QStringLiteral("ALTER TABLE customers DROP COLUMN email;"));
        QStringList warned;
        for (const int line : warnings)
            warned << lineText(line);
        QVERIFY2(warned.contains(QStringLiteral("UPDATE customers SET name = '';")), qPrintable(warned.join(QLatin1Char('|'))));
        QVERIFY2(warned.contains(QStringLiteral("CREATE INDEX ix_customers_name")), qPrintable(warned.join(QLatin1Char('|'))));
        // Nothing on the new table of step 1.
        for (const int line : errors + warnings)
            QVERIFY(line > preview.editorLine(1, 0));

        // The annotation sits under the statement's last line: severity, rule, lock, and the fix.
        const int index = warnings.at(warned.indexOf(QStringLiteral("CREATE INDEX ix_customers_name")));
        QCOMPARE(lineText(index + 1), QStringLiteral("ON customers (name);"));
        const QString annotation = preview.annotationAt(index + 1);
        QVERIFY2(annotation.contains(QStringLiteral("create-index-not-concurrently")), qPrintable(annotation));
        QVERIFY(annotation.contains(QStringLiteral("SHARE on customers")));
        QVERIFY(annotation.contains(QStringLiteral("Fix: ")));
        QVERIFY(preview.toolTipAt(index).contains(QStringLiteral("postgresql_concurrently=True")));
        QVERIFY(preview.toolTipAt(index + 1).contains(QStringLiteral("postgresql_concurrently=True")));

        // A finding leads to its statement.
        editor->setFirstVisibleLine(0);
        preview.scrollToStatement(1, 8); // step 2's SQL, line 8: the ALTER TABLE
        int lineFrom = -1, indexFrom = -1, lineTo = -1, indexTo = -1;
        editor->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        QCOMPARE(lineFrom, errors.at(0));

        // A new preview clears the marks.
        preview.showMessage(QStringLiteral("nothing"));
        QVERIFY(preview.markerLines(retort::Severity::Error).isEmpty());
        QVERIFY(!preview.reviewReport().has_value());
    }

    void aLongTitleIsCutToTheWidthAndWholeInItsTooltip()
    {
        Preview preview;
        preview.resize(360, 300);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        const QString title = QStringLiteral("Upgrade to c93f5a1e7d24 (add users.home_city_id and a long explanation of why)");
        preview.showSections(title, {});
        const auto* label = preview.findChild<QLabel*>(QStringLiteral("sqlPreviewTitle"));
        QVERIFY(label);
        QCOMPARE(label->toolTip(), title);
        QVERIFY2(label->text().endsWith(QChar(0x2026)), qPrintable(label->text()));
        QVERIFY(title.startsWith(label->text().chopped(1)));
        QVERIFY(label->fontMetrics().horizontalAdvance(label->text()) <= label->width());
        // The buttons keep their place (icons, named in their tooltips); the dock is not widened.
        QVERIFY(preview.findChild<QToolButton*>(QStringLiteral("copySqlButton"))->isVisible());
        QVERIFY(!preview.findChild<QToolButton*>(QStringLiteral("copySqlButton"))->toolTip().isEmpty());
        QVERIFY(preview.minimumSizeHint().width() < 360);
        // Given the room, the whole title shows.
        preview.resize(1400, 300);
        QTRY_COMPARE(label->text(), title);
    }
};

QTEST_MAIN(tst_SqlPreview)
#include "tst_SqlPreview.moc"
