// retort-cli on revision files whose values are not plain literals: folded spellings
// (`revision = '022b' + '78e3eaaf'`, `revision = rev_id = '...'`) are read statically, a real
// non-literal (`branch_labels = (cli.EXPAND_BRANCH,)`) is read by importing only its file with
// Alembic's loader, in project and bare mode (--python), or given with --define. Every answer is
// compared with the real Alembic (RETORT_PYTHON -m alembic) on the same files.

#include "support/CliProcess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

using retort::test::writeFile;

struct Run : retort::test::ProcessRun
{
    [[nodiscard]] QJsonObject error() const { return json().value(QStringLiteral("error")).toObject(); }
};

Run run(const QString& program, const QStringList& args, const QString& workingDir)
{
    return Run{retort::test::runProcess(program, args, workingDir)};
}

// A revision file that leaves a marker file behind when Python imports it.
QByteArray revision(const QString& markers, const char* name, const char* message, const char* body)
{
    return QStringLiteral("\"\"\"%1\n\nCreate Date: 2024-05-01 10:00:00\n\"\"\"\n%2\n"
                          "open(%3, 'a').write('imported\\n')\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n")
        .arg(QString::fromLatin1(message), QString::fromLatin1(body),
             QStringLiteral("'%1/%2'").arg(markers, QString::fromLatin1(name)))
        .toUtf8();
}

} // namespace

class tst_CliNonLiteral : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void projectAnswersLikeAlembic_data();
    void projectAnswersLikeAlembic();
    void onlyTheUnresolvedFileIsImported();
    void foldedSpellingsNeedNoPython();
    void bareModeImportsWithPython();
    void bareModeWithDefineNeedsNoPython();
    void anImportFailureNamesTheFileAsAlembicDoes();
    void withoutPythonTheErrorNamesFileLineExpressionAndFix();
    void aBadDefineIsUsage();
    void anImportIsRememberedUntilWhatItReadChanges();
    void theHeadsCacheRepeatsAnAnswerOnlyWhileItsImportHolds();

private:
    [[nodiscard]] Run cli(const QStringList& args) const { return run(QStringLiteral(RETORT_CLI), args, m_project); }
    [[nodiscard]] Run alembic(const QStringList& args) const
    {
        return run(QStringLiteral(RETORT_PYTHON), QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} + args, m_project);
    }
    [[nodiscard]] QStringList markers() const
    {
        return QDir(m_markers).entryList(QDir::Files, QDir::Name);
    }
    [[nodiscard]] QString versions() const { return m_project + QStringLiteral("/migrations/versions"); }

    QTemporaryDir m_dir;
    QString m_project;
    QString m_markers;
    QByteArray m_alembicHeads; // `alembic heads` on the project
};

void tst_CliNonLiteral::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(RETORT_PYTHON)).isExecutable(), "RETORT_PYTHON is not an interpreter with Alembic");
    m_project = m_dir.filePath(QStringLiteral("project"));
    m_markers = m_dir.filePath(QStringLiteral("markers"));
    QVERIFY(QDir().mkpath(m_markers));
    // neutron's shape: the label lives in the project's own package, on sys.path through
    // prepend_sys_path = . (and through the working folder in bare mode).
    QVERIFY(writeFile(m_project + QStringLiteral("/alembic.ini"),
                      "[alembic]\nscript_location = migrations\nprepend_sys_path = .\nsqlalchemy.url = sqlite:///app.db\n"));
    QVERIFY(writeFile(m_project + QStringLiteral("/migrations/env.py"), "from alembic import context\n"));
    QVERIFY(writeFile(m_project + QStringLiteral("/shop/__init__.py"), ""));
    QVERIFY(writeFile(m_project + QStringLiteral("/shop/cli.py"), "EXPAND_BRANCH = 'expand'\nCONTRACT_BRANCH = 'contract'\n"));
    const QString v = versions();
    QVERIFY(writeFile(v + QStringLiteral("/a_base.py"),
                      revision(m_markers, "a", "base", "revision = '022b' + '78e3eaaf'\ndown_revision = None")));
    QVERIFY(writeFile(v + QStringLiteral("/b_second.py"),
                      revision(m_markers, "b", "second",
                               "revision = rev_id = 'bb22cc33dd44'\ndown_revision = x = '022b' '78e3' + 'eaaf'")));
    QVERIFY(writeFile(v + QStringLiteral("/c_expand.py"),
                      revision(m_markers, "c", "expand",
                               "from shop import cli\nrevision = 'cc33'\ndown_revision = 'bb22cc33dd44'\n"
                               "branch_labels = (cli.EXPAND_BRANCH,)")));
    QVERIFY(writeFile(v + QStringLiteral("/d_contract.py"),
                      revision(m_markers, "d", "contract",
                               "revision = 'dd44'\ndown_revision = 'bb22cc33dd44'\nbranch_labels = ('contr' + 'act',)")));
    QVERIFY(writeFile(v + QStringLiteral("/e_more.py"),
                      revision(m_markers, "e", "more expand", "revision: str = 'ee' + '55'\ndown_revision = ('cc' + '33',)")));
    const Run heads = alembic({QStringLiteral("heads")});
    QVERIFY2(heads.exitCode == 0, heads.err.constData());
    m_alembicHeads = heads.out;
    QVERIFY2(m_alembicHeads.contains("ee55 (expand) (head)") && m_alembicHeads.contains("dd44 (contract) (head)"),
             m_alembicHeads.constData());
}

void tst_CliNonLiteral::init()
{
    for (const QString& name : markers())
        QFile::remove(m_markers + QLatin1Char('/') + name);
}

void tst_CliNonLiteral::projectAnswersLikeAlembic_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("heads") << QStringLiteral("heads");
    QTest::newRow("history") << QStringLiteral("history");
}

void tst_CliNonLiteral::projectAnswersLikeAlembic()
{
    QFETCH(QString, command);
    const Run expected = alembic({command});
    QVERIFY2(expected.exitCode == 0, expected.err.constData());
    const Run actual = cli({QStringLiteral("-p"), m_project, command});
    QVERIFY2(actual.exitCode == 0, actual.err.constData());
    QCOMPARE(actual.out, expected.out);
    QVERIFY2(actual.err.contains("note:") && actual.err.contains("c_expand.py"), actual.err.constData());
}

void tst_CliNonLiteral::onlyTheUnresolvedFileIsImported()
{
    QVERIFY(alembic({QStringLiteral("heads")}).exitCode == 0);
    QCOMPARE(markers().size(), 5); // Alembic itself imports every file
    init();
    const Run r = cli({QStringLiteral("-p"), m_project, QStringLiteral("--no-cache"), QStringLiteral("heads")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, m_alembicHeads);
    // Only c_expand.py has a value that does not fold; only it ran.
    QCOMPARE(markers(), QStringList{QStringLiteral("c")});
    QVERIFY2(r.err.contains("1 value(s) are not literals") && r.err.contains("importing only that file")
                 && r.err.contains("c_expand.py:8 branch_labels = (cli.EXPAND_BRANCH,)"),
             r.err.constData());
}

void tst_CliNonLiteral::foldedSpellingsNeedNoPython()
{
    // The same files without the non-literal one (and its child): nothing needs Python, so a
    // missing interpreter changes nothing and no file is imported.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const char* name : {"a_base.py", "b_second.py", "d_contract.py"})
        QVERIFY(QFile::copy(versions() + QLatin1Char('/') + QLatin1String(name), dir.filePath(QLatin1String(name))));
    const Run r = run(QStringLiteral(RETORT_CLI), {QStringLiteral("--versions"), dir.path(), QStringLiteral("--python"),
                                                  QStringLiteral("/nonexistent/python3"), QStringLiteral("heads")},
                      dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("dd44 (contract) (head)\n"));
    QVERIFY(r.err.isEmpty());
    QVERIFY(markers().isEmpty());
}

void tst_CliNonLiteral::bareModeImportsWithPython()
{
    // No alembic.ini: the files are imported with Alembic's loader all the same (the working
    // folder, the project root, puts `shop` on sys.path as prepend_sys_path does for Alembic).
    for (const char* command : {"heads", "history"}) {
        const Run expected = alembic({QString::fromLatin1(command)});
        QVERIFY2(expected.exitCode == 0, expected.err.constData());
        const Run actual = cli({QStringLiteral("--versions"), versions(), QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON),
                                QString::fromLatin1(command)});
        QVERIFY2(actual.exitCode == 0, actual.err.constData());
        QCOMPARE(actual.out, expected.out);
        QVERIFY2(actual.err.contains("c_expand.py"), actual.err.constData());
    }
    init();
    // found without --python (--no-cache: the runs above may have left their import in the cache)
    QVERIFY(cli({QStringLiteral("--versions"), versions(), QStringLiteral("--no-cache"), QStringLiteral("heads")}).exitCode == 0);
    QCOMPARE(markers(), QStringList{QStringLiteral("c")});
}

void tst_CliNonLiteral::bareModeWithDefineNeedsNoPython()
{
    for (const char* command : {"heads", "history"}) {
        const Run expected = alembic({QString::fromLatin1(command)});
        QVERIFY2(expected.exitCode == 0, expected.err.constData());
        init(); // Alembic's own run imported every file
        const Run actual = cli({QStringLiteral("--versions"), versions(), QStringLiteral("--define"),
                                QStringLiteral("cli.EXPAND_BRANCH=expand"), QStringLiteral("--define=cli.UNUSED=x"),
                                QStringLiteral("--python"), QStringLiteral("/nonexistent/python3"), QString::fromLatin1(command)});
        QVERIFY2(actual.exitCode == 0, actual.err.constData());
        QCOMPARE(actual.out, expected.out);
        QVERIFY2(actual.err.contains("read with --define: c_expand.py:8 branch_labels"), actual.err.constData());
        QVERIFY(markers().isEmpty());
    }
    // A define is taken as given: a wrong value gives another graph, and says so on stderr.
    const Run wrong = cli({QStringLiteral("--versions"), versions(), QStringLiteral("--define"),
                           QStringLiteral("cli.EXPAND_BRANCH=other"), QStringLiteral("heads")});
    QVERIFY2(wrong.exitCode == 0, wrong.err.constData());
    QCOMPARE(wrong.out, QByteArray(m_alembicHeads).replace("(expand)", "(other)"));
    QVERIFY(wrong.out != m_alembicHeads);
}

void tst_CliNonLiteral::anImportFailureNamesTheFileAsAlembicDoes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.path();
    QVERIFY(writeFile(project + QStringLiteral("/alembic.ini"), "[alembic]\nscript_location = migrations\n"));
    QVERIFY(writeFile(project + QStringLiteral("/migrations/env.py"), "from alembic import context\n"));
    QVERIFY(writeFile(project + QStringLiteral("/migrations/versions/a_base.py"),
                      "revision = 'a1'\ndown_revision = None\ndef upgrade(): pass\ndef downgrade(): pass\n"));
    QVERIFY(writeFile(project + QStringLiteral("/migrations/versions/b_broken.py"),
                      "import os\n\nrevision = 'b2'\ndown_revision = 'a1'\nbranch_labels = (cli.EXPAND_BRANCH,)\n"
                      "def upgrade(): pass\ndef downgrade(): pass\n"));
    const Run expected = run(QStringLiteral(RETORT_PYTHON), {QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("heads")},
                             project);
    QVERIFY(expected.exitCode != 0);
    QVERIFY2(expected.err.contains("NameError: name 'cli' is not defined"), expected.err.constData());

    const Run r = run(QStringLiteral(RETORT_CLI), {QStringLiteral("-p"), project, QStringLiteral("--json"), QStringLiteral("heads")},
                      project);
    QCOMPARE(r.exitCode, 2);
    const QJsonObject error = r.error();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("revision-import-failed"));
    QVERIFY2(error.value(QStringLiteral("path")).toString().endsWith(QStringLiteral("/b_broken.py")), r.out.constData());
    QCOMPARE(error.value(QStringLiteral("line")).toInt(), 5);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("b_broken.py"))
                 && error.value(QStringLiteral("message")).toString().contains(QStringLiteral("NameError: name 'cli' is not defined")),
             r.out.constData());
}

void tst_CliNonLiteral::withoutPythonTheErrorNamesFileLineExpressionAndFix()
{
    const Run r = cli({QStringLiteral("--versions"), versions(), QStringLiteral("--python"), QStringLiteral("/nonexistent/python3"),
                       QStringLiteral("--json"), QStringLiteral("heads")});
    QCOMPARE(r.exitCode, 2);
    const QJsonObject error = r.error();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("unresolved-value"));
    QVERIFY(error.value(QStringLiteral("path")).toString().endsWith(QStringLiteral("/c_expand.py")));
    QCOMPARE(error.value(QStringLiteral("line")).toInt(), 8);
    const QString message = error.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("`branch_labels`")) && message.contains(QStringLiteral("(cli.EXPAND_BRANCH,)"))
                 && message.contains(QStringLiteral("/nonexistent/python3")),
             qPrintable(message));
    const QString hint = error.value(QStringLiteral("hint")).toString();
    QVERIFY2(hint.contains(QStringLiteral("--python PATH")) && hint.contains(QStringLiteral("--define cli.EXPAND_BRANCH=VALUE")),
             qPrintable(hint));
    QVERIFY(markers().isEmpty());
}

void tst_CliNonLiteral::aBadDefineIsUsage()
{
    for (const char* bad : {"cli.EXPAND_BRANCH", "=x", "cli..X=y", "not=1", "a-b=c"}) {
        const Run r = cli({QStringLiteral("-p"), m_project, QStringLiteral("--define"), QString::fromLatin1(bad), QStringLiteral("heads")});
        QVERIFY2(r.exitCode == 2 && r.err.contains("--define"), bad);
    }
}

void tst_CliNonLiteral::anImportIsRememberedUntilWhatItReadChanges()
{
    // A copy of the project with a cache folder of its own: the values Python gave are kept and
    // reused while the files, the module they import (shop/cli.py), the configuration and the
    // interpreter keep their stamps; any change, a change younger than the racy window, a
    // damaged cache file and --no-cache make Retort import again. Every answer is Alembic's.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.filePath(QStringLiteral("project"));
    const QString v = project + QStringLiteral("/migrations/versions");
    QVERIFY(QDir().mkpath(v));
    QVERIFY(QDir().mkpath(project + QStringLiteral("/shop")));
    for (const char* name : {"alembic.ini", "migrations/env.py", "shop/__init__.py", "shop/cli.py", "migrations/versions/a_base.py",
                             "migrations/versions/b_second.py", "migrations/versions/c_expand.py",
                             "migrations/versions/d_contract.py", "migrations/versions/e_more.py"})
        QVERIFY(QFile::copy(m_project + QLatin1Char('/') + QLatin1String(name), project + QLatin1Char('/') + QLatin1String(name)));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString cache = dir.filePath(QStringLiteral("cache"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cache);
    env.remove(QStringLiteral("RETORT_NO_CACHE"));
    auto heads = [&](const QStringList& extra = {}) {
        return Run{retort::test::runProcess(QStringLiteral(RETORT_CLI), QStringList{QStringLiteral("-p"), project} + extra
                                                                       + QStringList{QStringLiteral("heads")},
                                            project, 60000, env)};
    };
    auto expectImport = [&](const char* why, const QByteArray& expected) {
        init();
        const Run r = heads();
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, expected);
        QVERIFY2(markers() == QStringList{QStringLiteral("c")}, why);
        QVERIFY2(!r.err.contains("remembered"), r.err.constData());
    };
    auto expectRemembered = [&](const char* why, const QByteArray& expected) {
        init();
        const Run r = heads();
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, expected);
        QVERIFY2(markers().isEmpty(), why);
        QVERIFY2(r.err.contains("c_expand.py") && r.err.contains("remembered from the last import"), r.err.constData());
    };
    auto alembicHeads = [&] {
        const Run r = run(QStringLiteral(RETORT_PYTHON), {QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("heads")},
                          project);
        return r.exitCode == 0 ? r.out : QByteArray("alembic heads failed: ") + r.err;
    };
    const QByteArray before = m_alembicHeads;

    QThread::msleep(2200); // the copies older than the racy window
    expectImport("the first run imports", before);
    expectRemembered("the second run takes the remembered values", before);

    // The module the import loaded changes: the new value, as Alembic reads it.
    QVERIFY(writeFile(project + QStringLiteral("/shop/cli.py"), "EXPAND_BRANCH = 'grow'\nCONTRACT_BRANCH = 'contract'\n"));
    const QByteArray grown = alembicHeads();
    QVERIFY2(grown.contains("ee55 (grow) (head)"), grown.constData());
    expectImport("a changed module is imported again", grown);
    expectImport("a change younger than the racy window is never trusted", grown);
    QThread::msleep(2200);
    expectImport("the import that saw the change is recorded now", grown);
    expectRemembered("and remembered", grown);

    // The revision file itself changes.
    QFile c(v + QStringLiteral("/c_expand.py"));
    QVERIFY(c.open(QIODevice::Append));
    QVERIFY(c.write("# reviewed\n") > 0);
    c.close();
    QThread::msleep(2200);
    expectImport("a changed revision file is imported again", grown);
    expectRemembered("and remembered", grown);

    // A damaged cache file is a miss, not an answer.
    QDirIterator it(cache, {QStringLiteral("*.bin")}, QDir::Files, QDirIterator::Subdirectories);
    int damaged = 0;
    while (it.hasNext()) {
        const QString file = it.next();
        if (!file.contains(QStringLiteral("/imports/")))
            continue;
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(f.size() - 4));
        QVERIFY(f.write("XXXX") == 4);
        ++damaged;
    }
    QCOMPARE(damaged, 1);
    expectImport("a damaged cache file is not used", grown);

    // --no-cache imports again, and says nothing about remembering.
    init();
    const Run fresh = heads({QStringLiteral("--no-cache")});
    QVERIFY2(fresh.exitCode == 0, fresh.err.constData());
    QCOMPARE(fresh.out, grown);
    QCOMPARE(markers(), QStringList{QStringLiteral("c")});
    QVERIFY(!fresh.err.contains("remembered"));
    QVERIFY(before != grown);
}

void tst_CliNonLiteral::theHeadsCacheRepeatsAnAnswerOnlyWhileItsImportHolds()
{
    // 250 literal revisions (enough for the heads cache) and one whose label comes from the
    // project's module: once the import is remembered, `heads` answers from the heads cache with
    // the import's note; when the module changes, the heads cache's answer is not taken (its
    // revision files did not change, but what Python read did) and the new label is Alembic's.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.filePath(QStringLiteral("project"));
    const QString v = project + QStringLiteral("/migrations/versions");
    QVERIFY(writeFile(project + QStringLiteral("/alembic.ini"),
                      "[alembic]\nscript_location = migrations\nprepend_sys_path = .\nsqlalchemy.url = sqlite:///app.db\n"));
    QVERIFY(writeFile(project + QStringLiteral("/migrations/env.py"), "from alembic import context\n"));
    QVERIFY(writeFile(project + QStringLiteral("/shop/__init__.py"), ""));
    QVERIFY(writeFile(project + QStringLiteral("/shop/cli.py"), "EXPAND_BRANCH = 'expand'\n"));
    for (int i = 0; i < 250; ++i) {
        const QByteArray down = i == 0 ? QByteArray("None") : QStringLiteral("'r%1'").arg(i - 1, 4, 10, QLatin1Char('0')).toUtf8();
        QVERIFY(writeFile(v + QStringLiteral("/r%1_step.py").arg(i, 4, 10, QLatin1Char('0')),
                          QStringLiteral("revision = 'r%1'\ndown_revision = ").arg(i, 4, 10, QLatin1Char('0')).toUtf8() + down
                              + "\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n"));
    }
    QVERIFY(writeFile(v + QStringLiteral("/x_expand.py"),
                      revision(m_markers, "x", "expand", "from shop import cli\nrevision = 'x1'\ndown_revision = 'r0249'\n"
                                                         "branch_labels = (cli.EXPAND_BRANCH,)")));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
    env.remove(QStringLiteral("RETORT_NO_CACHE"));
    auto heads = [&] {
        init();
        return Run{retort::test::runProcess(QStringLiteral(RETORT_CLI), {QStringLiteral("-v"), QStringLiteral("-p"), project,
                                                                        QStringLiteral("heads")},
                                            project, 60000, env)};
    };
    auto alembicHeads = [&] {
        const Run r = run(QStringLiteral(RETORT_PYTHON), {QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("heads")},
                          project);
        return r.exitCode == 0 ? r.out : QByteArray("alembic heads failed: ") + r.err;
    };
    const QByteArray expanded = alembicHeads();
    QCOMPARE(expanded, QByteArray("x1 (expand) (head)\n"));
    QThread::msleep(2200);

    Run r = heads();
    QVERIFY2(r.exitCode == 0 && r.out == expanded, r.err.constData());
    QCOMPARE(markers(), QStringList{QStringLiteral("x")}); // imported
    r = heads();
    QVERIFY2(r.exitCode == 0 && r.out == expanded, r.err.constData());
    QVERIFY2(markers().isEmpty() && r.err.contains("remembered from the last import"), r.err.constData());
    QVERIFY2(!r.err.contains("heads cache: 251 files unchanged"), r.err.constData()); // computed, then kept
    r = heads();
    QVERIFY2(r.exitCode == 0 && r.out == expanded, r.err.constData());
    QVERIFY2(markers().isEmpty() && r.err.contains("heads cache: 251 files unchanged"), r.err.constData());
    QVERIFY2(r.err.contains("note: 1 value(s) are not literals") && r.err.contains("remembered from the last import"),
             r.err.constData());

    QVERIFY(writeFile(project + QStringLiteral("/shop/cli.py"), "EXPAND_BRANCH = 'grow'\n"));
    const QByteArray grown = alembicHeads();
    QCOMPARE(grown, QByteArray("x1 (grow) (head)\n"));
    r = heads();
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, grown);
    QCOMPARE(markers(), QStringList{QStringLiteral("x")});
    QVERIFY2(!r.err.contains("heads cache: 251 files unchanged"), r.err.constData());
}

QTEST_GUILESS_MAIN(tst_CliNonLiteral)
#include "tst_CliNonLiteral.moc"
