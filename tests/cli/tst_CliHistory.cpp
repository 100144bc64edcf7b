// retort-cli heads / history / plan, run as a real process on projects written to a temporary
// folder: the DESIGN.md JSON shapes, Alembic's text lines, exit codes and JSON errors, and the
// current heads read from a real SQLite database through --url.

#include "support/CliProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QVersionNumber>

namespace {

using Run = retort::test::ProcessRun;
using retort::test::writeFile;

Run runCli(const QStringList& args, const QString& workingDir = {})
{
    return retort::test::runProcess(QStringLiteral(RETORT_CLI), args, workingDir, 30000);
}

QByteArray revisionFile(const char* id, const char* message, const char* down, const char* labels = "None",
                        const char* depends = "None")
{
    return QStringLiteral("\"\"\"%2\n\nRevision ID: %1\nCreate Date: 2024-05-01 10:00:00\n\"\"\"\n"
                          "from alembic import op\n\nrevision = '%1'\ndown_revision = %3\nbranch_labels = %4\n"
                          "depends_on = %5\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n")
        .arg(QString::fromLatin1(id), QString::fromLatin1(message), QString::fromLatin1(down), QString::fromLatin1(labels),
             QString::fromLatin1(depends))
        .toUtf8();
}

QStringList strings(const QJsonValue& v)
{
    QStringList l;
    for (const QJsonValue& x : v.toArray())
        l << x.toString();
    return l;
}

} // namespace

class tst_CliHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void headsJson();
    void headsText();
    void historyJson();
    void historyTextIsAlembicsFormat();
    void plan_data();
    void plan();
    void planText();
    void planReadsCurrentHeadsFromTheDatabase();
    void errors_data();
    void errors();
    void brokenGraphIsBadInput();
    void unresolvedValuesAreLoadedThroughAlembic();
    void followsTheProjectsAlembicVersion();

private:
    QTemporaryDir m_dir;
    QString m_project;  // alembic.ini project
    QString m_versions; // its versions folder
};

void tst_CliHistory::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("project"));
    m_versions = m_project + QStringLiteral("/migrations/versions");
    QVERIFY(writeFile(m_project + QStringLiteral("/alembic.ini"),
                      "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///app.db\n"));
    QVERIFY(writeFile(m_project + QStringLiteral("/migrations/env.py"), "from alembic import context\n"));
    // aaaa1111 -+-> bbbb2222 -------+-> dddd4444 (merge)
    //           +-> cccc3333 (shop) +
    // eeee5555 (base) depends_on bbbb2222
    QVERIFY(writeFile(m_versions + QStringLiteral("/aaaa1111_users.py"), revisionFile("aaaa1111", "create users", "None")));
    QVERIFY(writeFile(m_versions + QStringLiteral("/bbbb2222_email.py"), revisionFile("bbbb2222", "add email", "'aaaa1111'")));
    QVERIFY(writeFile(m_versions + QStringLiteral("/cccc3333_orders.py"),
                      revisionFile("cccc3333", "add orders", "'aaaa1111'", "('shop',)")));
    QVERIFY(writeFile(m_versions + QStringLiteral("/dddd4444_merge.py"),
                      revisionFile("dddd4444", "merge", "('bbbb2222', 'cccc3333')")));
    QVERIFY(writeFile(m_versions + QStringLiteral("/eeee5555_audit.py"),
                      revisionFile("eeee5555", "audit", "None", "None", "'bbbb2222'")));
}

void tst_CliHistory::headsJson()
{
    const Run r = runCli({QStringLiteral("-p"), m_project, QStringLiteral("--json"), QStringLiteral("heads")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = r.json();
    QCOMPARE(o.keys(), QStringList{QStringLiteral("heads")});
    QCOMPARE(strings(o.value(QStringLiteral("heads"))), (QStringList{QStringLiteral("dddd4444"), QStringLiteral("eeee5555")}));
    // the same from the bare versions folder, and from inside the project folder
    const Run bare = runCli({QStringLiteral("--versions"), m_versions, QStringLiteral("heads"), QStringLiteral("--json")});
    QCOMPARE(bare.exitCode, 0);
    QCOMPARE(bare.json(), o);
    const Run here = runCli({QStringLiteral("--json"), QStringLiteral("heads")}, m_project);
    QCOMPARE(here.exitCode, 0);
    QCOMPARE(here.json(), o);
}

void tst_CliHistory::headsText()
{
    const Run r = runCli({QStringLiteral("-p"), m_project, QStringLiteral("heads")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("dddd4444 (shop) (head)\neeee5555 (head)\n"));
}

void tst_CliHistory::historyJson()
{
    const Run r = runCli({QStringLiteral("-p"), m_project, QStringLiteral("--json"), QStringLiteral("history")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray revisions = r.json().value(QStringLiteral("revisions")).toArray();
    QStringList order;
    for (const QJsonValue& v : revisions)
        order << v.toObject().value(QStringLiteral("revision")).toString();
    // `alembic history` on this project (checked with Alembic 1.8.1)
    QCOMPARE(order, (QStringList{QStringLiteral("dddd4444"), QStringLiteral("eeee5555"), QStringLiteral("bbbb2222"),
                                 QStringLiteral("cccc3333"), QStringLiteral("aaaa1111")}));
    QStringList keys{QStringLiteral("revision"),      QStringLiteral("down_revisions"), QStringLiteral("branch_labels"),
                     QStringLiteral("depends_on"),    QStringLiteral("message"),        QStringLiteral("create_date"),
                     QStringLiteral("path"),          QStringLiteral("is_head"),        QStringLiteral("is_base"),
                     QStringLiteral("is_branch_point"), QStringLiteral("is_merge_point")};
    std::sort(keys.begin(), keys.end());
    for (const QJsonValue& v : revisions)
        QCOMPARE(v.toObject().keys(), keys);
    const QJsonObject merge = revisions.at(0).toObject();
    QCOMPARE(strings(merge.value(QStringLiteral("down_revisions"))), (QStringList{QStringLiteral("bbbb2222"), QStringLiteral("cccc3333")}));
    QCOMPARE(strings(merge.value(QStringLiteral("branch_labels"))), QStringList{QStringLiteral("shop")}); // inherited
    QCOMPARE(merge.value(QStringLiteral("message")).toString(), QStringLiteral("merge"));
    QCOMPARE(merge.value(QStringLiteral("create_date")).toString(), QStringLiteral("2024-05-01 10:00:00"));
    QVERIFY(merge.value(QStringLiteral("path")).toString().endsWith(QStringLiteral("dddd4444_merge.py")));
    QVERIFY(merge.value(QStringLiteral("is_head")).toBool());
    QVERIFY(merge.value(QStringLiteral("is_merge_point")).toBool());
    QVERIFY(!merge.value(QStringLiteral("is_base")).toBool());
    const QJsonObject audit = revisions.at(1).toObject();
    QCOMPARE(strings(audit.value(QStringLiteral("depends_on"))), QStringList{QStringLiteral("bbbb2222")});
    QVERIFY(audit.value(QStringLiteral("is_base")).toBool());
    QVERIFY(strings(audit.value(QStringLiteral("down_revisions"))).isEmpty());
    const QJsonObject root = revisions.at(4).toObject();
    QVERIFY(root.value(QStringLiteral("is_branch_point")).toBool());
}

void tst_CliHistory::historyTextIsAlembicsFormat()
{
    const Run r = runCli({QStringLiteral("-p"), m_project, QStringLiteral("history")});
    QCOMPARE(r.exitCode, 0);
    // byte for byte what `alembic history` prints for this project
    QCOMPARE(QString::fromUtf8(r.out),
             QStringLiteral("bbbb2222, cccc3333 -> dddd4444 (shop) (head) (mergepoint), merge\n"
                            "<base> (bbbb2222) -> eeee5555 (head), audit\n"
                            "aaaa1111 -> bbbb2222, add email\n"
                            "aaaa1111 -> cccc3333 (shop), add orders\n"
                            "<base> -> aaaa1111 (branchpoint), create users\n"));
}

void tst_CliHistory::plan_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QStringList>("heads");
    QTest::newRow("upgrade heads from base")
        << QStringList{QStringLiteral("upgrade"), QStringLiteral("heads")}
        << QStringList{QStringLiteral("aaaa1111"), QStringLiteral("cccc3333"), QStringLiteral("bbbb2222"),
                       QStringLiteral("eeee5555"), QStringLiteral("dddd4444")}
        << "upgrade" << QStringList{QStringLiteral("dddd4444"), QStringLiteral("eeee5555")};
    QTest::newRow("upgrade the labelled branch from the first revision")
        << QStringList{QStringLiteral("upgrade"), QStringLiteral("shop@head"), QStringLiteral("--current"), QStringLiteral("aaaa")}
        << QStringList{QStringLiteral("cccc3333"), QStringLiteral("bbbb2222"), QStringLiteral("dddd4444")} << "upgrade"
        << QStringList{QStringLiteral("dddd4444")};
    QTest::newRow("downgrade to base from both heads")
        << QStringList{QStringLiteral("downgrade"), QStringLiteral("base"), QStringLiteral("--current"),
                       QStringLiteral("dddd4444,eeee5555")}
        << QStringList{QStringLiteral("dddd4444"), QStringLiteral("eeee5555"), QStringLiteral("bbbb2222"),
                       QStringLiteral("cccc3333"), QStringLiteral("aaaa1111")}
        << "downgrade" << QStringList{};
    QTest::newRow("downgrading a merge to one parent unmerges")
        << QStringList{QStringLiteral("downgrade"), QStringLiteral("bbbb2222"), QStringLiteral("--current"), QStringLiteral("dddd4444")}
        << QStringList{QStringLiteral("dddd4444")} << "downgrade"
        << QStringList{QStringLiteral("bbbb2222"), QStringLiteral("cccc3333")};
    QTest::newRow("plus one across a merge runs the other parent first")
        << QStringList{QStringLiteral("upgrade"), QStringLiteral("+1"), QStringLiteral("--current"), QStringLiteral("bbbb2222")}
        << QStringList{QStringLiteral("cccc3333"), QStringLiteral("dddd4444")} << "upgrade" << QStringList{QStringLiteral("dddd4444")};
    QTest::newRow("current base upgrades to a named revision")
        << QStringList{QStringLiteral("upgrade"), QStringLiteral("bbbb"), QStringLiteral("--current"), QStringLiteral("base")}
        << QStringList{QStringLiteral("aaaa1111"), QStringLiteral("bbbb2222")} << "upgrade" << QStringList{QStringLiteral("bbbb2222")};
}

void tst_CliHistory::plan()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, steps);
    QFETCH(QString, direction);
    QFETCH(QStringList, heads);
    const Run r = runCli(QStringList{QStringLiteral("-p"), m_project, QStringLiteral("--json"), QStringLiteral("plan")} + args);
    QVERIFY2(r.exitCode == 0, r.out.constData());
    const QJsonObject o = r.json();
    QCOMPARE(o.keys(), (QStringList{QStringLiteral("alembic_version"), QStringLiteral("resulting_heads"), QStringLiteral("steps")}));
    QStringList got;
    QStringList lastRows;
    for (const QJsonValue& v : o.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject s = v.toObject();
        QCOMPARE(s.keys(), (QStringList{QStringLiteral("direction"), QStringLiteral("revision"), QStringLiteral("version_after")}));
        QCOMPARE(s.value(QStringLiteral("direction")).toString(), direction);
        got << s.value(QStringLiteral("revision")).toString();
        lastRows = strings(s.value(QStringLiteral("version_after")));
    }
    QCOMPARE(got, steps);
    QCOMPARE(strings(o.value(QStringLiteral("resulting_heads"))), heads);
    QCOMPARE(lastRows, heads); // the rows after the last step are the resulting heads
}

void tst_CliHistory::planText()
{
    const Run r = runCli({QStringLiteral("-p"), m_project, QStringLiteral("plan"), QStringLiteral("upgrade"),
                          QStringLiteral("dddd4444"), QStringLiteral("--current"), QStringLiteral("bbbb2222")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("From bbbb2222, upgrade dddd4444:\n"
                                                      "  1. upgrade aaaa1111 -> cccc3333, add orders\n"
                                                      "  2. upgrade bbbb2222, cccc3333 -> dddd4444, merge\n"
                                                      "Resulting heads: dddd4444\n"));
}

void tst_CliHistory::planReadsCurrentHeadsFromTheDatabase()
{
    const QString db = m_dir.filePath(QStringLiteral("app.db"));
    QProcess python;
    python.start(QStringLiteral(RETORT_PYTHON),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                                 "c.execute('create table alembic_version (version_num varchar(32) not null primary key)'); "
                                 "c.execute(\"insert into alembic_version values ('bbbb2222')\"); "
                                 "c.execute(\"insert into alembic_version values ('cccc3333')\"); c.commit()"),
                  db});
    QVERIFY(python.waitForFinished(30000));
    QCOMPARE(python.exitCode(), 0);
    const QString url = QStringLiteral("sqlite:///") + db;
    const Run r = runCli({QStringLiteral("-p"), m_project, QStringLiteral("--url"), url, QStringLiteral("--json"),
                          QStringLiteral("plan"), QStringLiteral("upgrade"), QStringLiteral("heads")});
    QVERIFY2(r.exitCode == 0, r.out.constData());
    QStringList got;
    for (const QJsonValue& v : r.json().value(QStringLiteral("steps")).toArray())
        got << v.toObject().value(QStringLiteral("revision")).toString();
    QCOMPARE(got, (QStringList{QStringLiteral("eeee5555"), QStringLiteral("dddd4444")}));

    // A SQLite file that does not exist yet is a database at base (SQLAlchemy creates it on first
    // connect, and Alembic starts from base): the plan starts there, says so, and creates nothing.
    const QString nope = m_dir.filePath(QStringLiteral("nope.db"));
    const Run missing = runCli({QStringLiteral("-p"), m_project, QStringLiteral("--url"), QStringLiteral("sqlite:///") + nope,
                                QStringLiteral("--json"), QStringLiteral("plan"), QStringLiteral("upgrade"), QStringLiteral("heads")});
    QCOMPARE(missing.exitCode, 0);
    QVERIFY2(missing.err.contains("does not exist"), missing.err.constData());
    QCOMPARE(missing.json().value(QStringLiteral("steps")).toArray().size(), 5);
    QVERIFY(!QFileInfo::exists(nope));

    // A database that cannot be opened: the command ran and failed (1), not bad input.
    const QString notSqlite = m_dir.filePath(QStringLiteral("not-sqlite.db"));
    QVERIFY(writeFile(notSqlite, QByteArray("this is not a database file, just text").repeated(200)));
    const Run broken = runCli({QStringLiteral("-p"), m_project, QStringLiteral("--url"), QStringLiteral("sqlite:///") + notSqlite,
                               QStringLiteral("--json"), QStringLiteral("plan"), QStringLiteral("upgrade"), QStringLiteral("heads")});
    QCOMPARE(broken.exitCode, 1);
    QVERIFY(broken.json().contains(QStringLiteral("error")));
}

void tst_CliHistory::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("an unknown target")
        << QStringList{QStringLiteral("plan"), QStringLiteral("upgrade"), QStringLiteral("ffff9999")} << 2
        << "revision-not-found" << "Can't locate revision identified by 'ffff9999'";
    QTest::newRow("an unknown current revision")
        << QStringList{QStringLiteral("plan"), QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--current"),
                       QStringLiteral("abab0000")}
        << 2 << "revision-not-found" << "Can't locate revision identified by 'abab0000'";
    QTest::newRow("head with two heads")
        << QStringList{QStringLiteral("plan"), QStringLiteral("upgrade"), QStringLiteral("head")} << 2 << "multiple-heads"
        << "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, "
           "'<branchname>@head' to narrow to a specific head, or 'heads' for all heads";
    QTest::newRow("a downgrade target above the current revision")
        << QStringList{QStringLiteral("plan"), QStringLiteral("downgrade"), QStringLiteral("dddd4444"), QStringLiteral("--current"),
                       QStringLiteral("bbbb2222")}
        << 2 << "not-ancestor" << "Destination dddd4444 is not a valid downgrade target from current head(s)";
    QTest::newRow("a relative downgrade past base")
        << QStringList{QStringLiteral("plan"), QStringLiteral("downgrade"), QStringLiteral("-3"), QStringLiteral("--current"),
                       QStringLiteral("bbbb2222")}
        << 2 << "revision-error" << "Relative revision -3 didn't produce 3 migrations";
    QTest::newRow("plus one from base with two bases is an ambiguous walk")
        << QStringList{QStringLiteral("plan"), QStringLiteral("upgrade"), QStringLiteral("+1"), QStringLiteral("--current"),
                       QStringLiteral("base")}
        << 2 << "revision-error" << "Ambiguous walk";
    QTest::newRow("a wrong direction") << QStringList{QStringLiteral("plan"), QStringLiteral("sideways"), QStringLiteral("heads")}
                                       << 2 << "usage" << "plan direction must be 'upgrade' or 'downgrade' (got 'sideways')";
    QTest::newRow("a project that does not exist")
        << QStringList{QStringLiteral("-p"), QStringLiteral("/nonexistent/retort/project"), QStringLiteral("heads")} << 2 << ""
        << "";
}

void tst_CliHistory::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QStringList all{QStringLiteral("--json")};
    if (!args.contains(QStringLiteral("-p")))
        all << QStringLiteral("-p") << m_project;
    const Run r = runCli(all + args);
    QCOMPARE(r.exitCode, exitCode);
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QVERIFY2(!error.isEmpty(), r.out.constData());
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    if (!code.isEmpty())
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    if (!message.isEmpty())
        QCOMPARE(error.value(QStringLiteral("message")).toString(), message);
    // without --json the message goes to stderr, stdout stays empty
    QStringList plain = all.mid(1);
    const Run text = runCli(plain + args);
    QCOMPARE(text.exitCode, exitCode);
    QVERIFY(text.out.isEmpty());
    QVERIFY(text.err.startsWith("error: "));
}

void tst_CliHistory::brokenGraphIsBadInput()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("a.py")), revisionFile("aaaa1111", "first", "None")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("b.py")), revisionFile("bbbb2222", "second", "'gone0000'")));
    const Run r = runCli({QStringLiteral("--versions"), dir.path(), QStringLiteral("--json"), QStringLiteral("history")});
    QCOMPARE(r.exitCode, 2);
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("missing-revision"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("Revision gone0000 referenced from bbbb2222 is not present")));
    QVERIFY(error.value(QStringLiteral("path")).toString().endsWith(QStringLiteral("b.py")));
}

void tst_CliHistory::unresolvedValuesAreLoadedThroughAlembic()
{
    // `branch_labels = (CATALOG_BRANCH,)` is not a literal: the static parse cannot know the label,
    // so history/heads/plan re-read the project with its own Alembic and say so on stderr.
    const QString source = QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bridge/linear");
    const QString copy = m_dir.filePath(QStringLiteral("unresolved"));
    QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (file.contains(QLatin1String("__pycache__")))
            continue;
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QVERIFY(writeFile(copy + file.mid(source.size()), in.readAll()));
    }
    const Run r = runCli({QStringLiteral("-p"), copy, QStringLiteral("--json"), QStringLiteral("history")});
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.err.contains("note:") && r.err.contains("branch_labels"), r.err.constData());
    const QJsonArray revisions = r.json().value(QStringLiteral("revisions")).toArray();
    QCOMPARE(revisions.size(), 5);
    bool found = false;
    for (const QJsonValue& v : revisions) {
        const QJsonObject rev = v.toObject();
        if (rev.value(QStringLiteral("revision")).toString() == QLatin1String("2e7d9a4c1b02")) {
            found = true;
            QCOMPARE(rev.value(QStringLiteral("branch_labels")).toArray(), QJsonArray{QStringLiteral("catalog")});
        }
    }
    QVERIFY(found);

    const Run plan = runCli({QStringLiteral("-p"), copy, QStringLiteral("--json"), QStringLiteral("plan"),
                             QStringLiteral("upgrade"), QStringLiteral("catalog@head")});
    QVERIFY2(plan.exitCode == 0, QByteArray(plan.out + plan.err).constData());
    QCOMPARE(plan.json().value(QStringLiteral("resulting_heads")).toArray().size(), 1);
}

// recursive_version_locations is read from Alembic 1.10: with the interpreter's Alembic (Debian's
// 1.8.1 in RETORT_PYTHON) a revision in a sub-folder is not part of the project, as `alembic heads`
// shows; --alembic-version makes retort-cli follow another release; --version -p names the one found.
void tst_CliHistory::followsTheProjectsAlembicVersion()
{
    const QString project = m_dir.filePath(QStringLiteral("recursive"));
    QVERIFY(writeFile(project + QStringLiteral("/alembic.ini"),
                      "[alembic]\nscript_location = migrations\nrecursive_version_locations = true\n"));
    QVERIFY(writeFile(project + QStringLiteral("/migrations/env.py"), "from alembic import context\n"));
    QVERIFY(writeFile(project + QStringLiteral("/migrations/versions/aaaa1111_users.py"), revisionFile("aaaa1111", "users", "None")));
    QVERIFY(writeFile(project + QStringLiteral("/migrations/versions/2024/bbbb2222_email.py"),
                      revisionFile("bbbb2222", "email", "'aaaa1111'")));
    const QString python = QStringLiteral(RETORT_PYTHON);
    const Run version = retort::test::runProcess(python, {QStringLiteral("-c"), QStringLiteral("import alembic; print(alembic.__version__)")},
                                                 project, 30000);
    QCOMPARE(version.exitCode, 0);
    const QVersionNumber alembicNumber = QVersionNumber::fromString(QString::fromUtf8(version.out).trimmed());
    const QString alembicVersion = QStringLiteral("%1.%2.%3").arg(alembicNumber.majorVersion()).arg(alembicNumber.minorVersion()).arg(alembicNumber.microVersion());
    const bool recursive = alembicNumber >= QVersionNumber(1, 10);
    const Run alembic = retort::test::runProcess(python, {QStringLiteral("-m"), QStringLiteral("alembic"), QStringLiteral("heads")},
                                                 project, 30000);
    QCOMPARE(alembic.exitCode, 0);
    QCOMPARE(QString::fromUtf8(alembic.out).trimmed(), recursive ? QStringLiteral("bbbb2222 (head)") : QStringLiteral("aaaa1111 (head)"));

    const QStringList base{QStringLiteral("--python"), python, QStringLiteral("-p"), project};
    const Run heads = runCli(base + QStringList{QStringLiteral("heads")});
    QCOMPARE(heads.exitCode, 0);
    QCOMPARE(heads.out, alembic.out);
    const Run newer = runCli(base + QStringList{QStringLiteral("--alembic-version"), QStringLiteral("1.10.0"), QStringLiteral("heads")});
    QCOMPARE(newer.exitCode, 0);
    QCOMPARE(QString::fromUtf8(newer.out).trimmed(), QStringLiteral("bbbb2222 (head)"));

    const Run plan = runCli(base + QStringList{QStringLiteral("--json"), QStringLiteral("plan"), QStringLiteral("upgrade"),
                                               QStringLiteral("heads"), QStringLiteral("--current"), QStringLiteral("base")});
    QCOMPARE(plan.exitCode, 0);
    QCOMPARE(plan.json().value(QStringLiteral("alembic_version")).toString(), alembicVersion);
    const Run shown = runCli(base + QStringList{QStringLiteral("--version")});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(QString::fromUtf8(shown.out).contains(QStringLiteral("\nAlembic %1 (").arg(alembicVersion)), shown.out.constData());
    const Run bad = runCli(base + QStringList{QStringLiteral("--alembic-version"), QStringLiteral("latest"), QStringLiteral("heads")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("--alembic-version"), bad.err.constData());
}

QTEST_GUILESS_MAIN(tst_CliHistory)
#include "tst_CliHistory.moc"
