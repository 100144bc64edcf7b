// InterpreterMemory: the interpreter chosen for a project in the window, and the one order
// (given > remembered > detection) the window and retort-cli follow. The settings live in this
// test's own folder; retort-cli is pointed at the same file (XDG_CONFIG_HOME).

#include "core/Version.h"
#include "core/workspace/InterpreterMemory.h"
#include "support/CliProcess.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace retort;

namespace {

// Where InterpreterMemory kept a choice before projects were keyed by their folder: the settings
// group of the path that was opened (an alembic.ini).
QString legacyGroup(const QString& openedPath)
{
    return QStringLiteral("interpreters/")
        + QString::fromLatin1(
            QCryptographicHash::hash(QFileInfo(openedPath).canonicalFilePath().toUtf8(), QCryptographicHash::Sha1)
                .toHex()
                .left(16));
}

} // namespace

class tst_InterpreterMemory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_settings;
    int m_projects = 0;

    // A small Alembic project: alembic.ini, env.py, one revision.
    QString writeProject(const QString& name) const
    {
        const QString root = m_dir.filePath(name);
        const bool ok = test::writeFile(
                            root + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = %(here)s/migrations\n")
            && test::writeFile(root + QStringLiteral("/migrations/env.py"), "from alembic import context\n")
            && test::writeFile(root + QStringLiteral("/migrations/versions/a1_first.py"),
                "\"\"\"first\"\"\"\nrevision = 'a1'\ndown_revision = None\n"
                "branch_labels = None\ndepends_on = None\n\n"
                "def upgrade():\n    pass\n\ndef downgrade():\n    pass\n");
        return ok ? root : QString();
    }

    // `retort-cli --json ... --version`, reading this test's settings.
    test::ProcessRun cliVersion(const QStringList& args) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_settings);
        return test::runProcess(QStringLiteral(RETORT_CLI),
            QStringList { QStringLiteral("--json") } + args + QStringList { QStringLiteral("--version") }, {}, 60000,
            env);
    }

    static QString interpreterOf(const test::ProcessRun& run)
    {
        return run.json().value(QStringLiteral("alembic")).toObject().value(QStringLiteral("interpreter")).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_settings = m_dir.filePath(QStringLiteral("config"));
        QVERIFY(QDir().mkpath(m_settings));
        // The file retort-cli reads with XDG_CONFIG_HOME=m_settings: <org>/<app>.conf.
        QCoreApplication::setOrganizationName(QString::fromLatin1(kOrganization));
        QCoreApplication::setApplicationName(QStringLiteral("retort"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings);
        QVERIFY2(
            QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(), "RETORT_PYTHON must be a Python with Alembic");
    }

    void resolveFollowsTheWindowsOrder_data()
    {
        QTest::addColumn<QString>("given"); // "" = none given; "auto" = automatic detection given
        QTest::addColumn<QString>("remembered"); // "" = nothing remembered
        QTest::addColumn<QString>("expected"); // "" = automatic detection

        QTest::newRow("nothing given or remembered: detection") << ""
                                                                << ""
                                                                << "";
        QTest::newRow("nothing given: the remembered choice") << ""
                                                              << "/opt/remembered/python3"
                                                              << "/opt/remembered/python3";
        QTest::newRow("a given interpreter wins over the remembered one") << "/opt/given/python3"
                                                                          << "/opt/remembered/python3"
                                                                          << "/opt/given/python3";
        QTest::newRow("detection given explicitly wins over the remembered choice") << "auto"
                                                                                    << "/opt/remembered/python3"
                                                                                    << "";
    }

    void resolveFollowsTheWindowsOrder()
    {
        QFETCH(QString, given);
        QFETCH(QString, remembered);
        QFETCH(QString, expected);
        const QString project = writeProject(QStringLiteral("order-%1").arg(m_projects++));
        QVERIFY(!project.isEmpty());
        InterpreterMemory::save(project, InterpreterChoice { remembered, {} });
        std::optional<InterpreterChoice> choice;
        if (given == QLatin1String("auto"))
            choice = InterpreterChoice {};
        else if (!given.isEmpty())
            choice = InterpreterChoice { given, {} };
        QCOMPARE(InterpreterMemory::resolve(project, choice).interpreter, expected);
        InterpreterMemory::save(project, InterpreterChoice {});
        QVERIFY(InterpreterMemory::load(project).isAuto());
    }

    // The window may have opened the folder or its alembic.ini; retort-cli may be given either.
    void aFolderAndItsAlembicIniShareTheChoice()
    {
        const QString project = writeProject(QStringLiteral("shared"));
        const QString ini = project + QStringLiteral("/alembic.ini");
        InterpreterMemory::save(ini, InterpreterChoice { QStringLiteral("/opt/a/python3"), {} });
        QCOMPARE(InterpreterMemory::load(project).interpreter, QStringLiteral("/opt/a/python3"));
        QCOMPARE(InterpreterMemory::load(ini).interpreter, QStringLiteral("/opt/a/python3"));
        InterpreterMemory::save(project, InterpreterChoice {});
        QVERIFY(InterpreterMemory::load(ini).isAuto());

        // A choice kept under the alembic.ini's own path (before folders were the key) is found,
        // and saving again moves it to the folder.
        {
            QSettings settings;
            settings.setValue(legacyGroup(ini) + QStringLiteral("/interpreter"), QStringLiteral("/opt/old/python3"));
        }
        QCOMPARE(InterpreterMemory::load(ini).interpreter, QStringLiteral("/opt/old/python3"));
        InterpreterMemory::save(ini, InterpreterChoice { QStringLiteral("/opt/new/python3"), {} });
        QCOMPARE(InterpreterMemory::load(project).interpreter, QStringLiteral("/opt/new/python3"));
        QVERIFY(!QSettings().contains(legacyGroup(ini) + QStringLiteral("/interpreter")));
        InterpreterMemory::save(project, InterpreterChoice {});
    }

    // window = CLI: the interpreter chosen in the window is the one retort-cli runs, unless
    // --python says otherwise.
    void retortCliUsesTheInterpreterChosenInTheWindow()
    {
        const QString project = writeProject(QStringLiteral("cli"));
        QVERIFY(!project.isEmpty());
        const QString picked = m_dir.filePath(QStringLiteral("picked/bin/python3"));
        QVERIFY(QDir().mkpath(QFileInfo(picked).absolutePath()));
        QVERIFY(QFile::link(QStringLiteral(RETORT_PYTHON), picked));

        const test::ProcessRun before = cliVersion({ QStringLiteral("-p"), project });
        QCOMPARE(before.exitCode, 0);
        QVERIFY2(!interpreterOf(before).contains(picked), before.out.constData());

        InterpreterMemory::save(project, InterpreterChoice { picked, {} });
        for (const QString& path : QStringList { project, project + QStringLiteral("/alembic.ini") }) {
            const test::ProcessRun run = cliVersion({ QStringLiteral("-p"), path });
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(interpreterOf(run).startsWith(picked + QLatin1Char(' ')), run.out.constData());
            QVERIFY2(run.err.contains("chosen for this project in Retort's window"), run.err.constData());
        }
        const test::ProcessRun given
            = cliVersion({ QStringLiteral("-p"), project, QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON) });
        QCOMPARE(given.exitCode, 0);
        QVERIFY2(
            interpreterOf(given).startsWith(QStringLiteral(RETORT_PYTHON) + QLatin1Char(' ')), given.out.constData());
        QVERIFY2(!given.err.contains("Retort's window"), given.err.constData());

        InterpreterMemory::save(project, InterpreterChoice {});
        const test::ProcessRun after = cliVersion({ QStringLiteral("-p"), project });
        QCOMPARE(after.exitCode, 0);
        QCOMPARE(interpreterOf(after), interpreterOf(before));
    }
};

QTEST_GUILESS_MAIN(tst_InterpreterMemory)
#include "tst_InterpreterMemory.moc"
