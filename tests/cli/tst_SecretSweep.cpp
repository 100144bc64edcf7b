// Passwords never leak (issue #14): a PostgreSQL role whose password holds a quote, a double
// quote, spaces, '@', '%', ':', '/' and non-ASCII letters. Every output is swept for any piece of
// it: stdout and stderr of retort-cli current / upgrade / stamp / sql / doctor (text and --json,
// verbose) with good URLs and bad ones (the password not percent-encoded, a wrong port, a wrong
// password, an unknown driver, a bad port), Retort's log files (written in this process, rotated,
// all 0600) and the settings file the window keeps connection profiles in.

#include "core/db/ConnectionProfiles.h"
#include "core/common/Redact.h"
#include "core/db/Connection.h"
#include "core/db/DatabaseUrl.h"
#include "core/exec/AlembicJob.h"
#include "core/log/Log.h"
#include "support/PgCluster.h"
#include "support/TestTree.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace retort;

namespace {

// Distinct pieces between the special characters: none of them may show anywhere.
const QStringList kPieces{QStringLiteral("Kq7"), QStringLiteral("Zr8"), QStringLiteral("Vt9"), QStringLiteral("Wm3"),
                          QStringLiteral("Yx4"), QStringLiteral("Uj5"), QStringLiteral("\u00e9\u20ac\u00fc")};
const QString kPassword = QStringLiteral("Kq7'Zr8 \"Vt9@Wm3%:Yx4/Uj5 \u00e9\u20ac\u00fc");

QString encoded(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// Every piece, raw and percent-encoded, that occurs in `text`.
QStringList leaks(const QString& text)
{
    QStringList found;
    for (const QString& piece : kPieces) {
        if (text.contains(piece))
            found << piece;
        if (text.contains(encoded(piece)))
            found << encoded(piece);
    }
    return found;
}

} // namespace

class tst_SecretSweep : public QObject
{
    Q_OBJECT

private:
    PgCluster m_cluster;
    QTemporaryDir m_dir{fastTempPath(QStringLiteral("tst_SecretSweep-XXXXXX"))};
    QString m_project;

    QString url(const QString& password, int port = -1, const QString& scheme = QStringLiteral("postgresql")) const
    {
        // Concatenated: QString::arg would take the password's "%2F" for a placeholder.
        return scheme + QStringLiteral("://evil:") + password + QStringLiteral("@127.0.0.1:")
               + QString::number(port > 0 ? port : m_cluster.port()) + QStringLiteral("/sweep");
    }

    struct Output
    {
        QString what;
        int exitCode = -1;
        QString text;
    };

    Output cli(const QStringList& args)
    {
        QProcess process;
        process.start(QStringLiteral(RETORT_CLI), args);
        Output out;
        out.what = args.join(QLatin1Char(' '));
        if (!process.waitForFinished(120000)) {
            process.kill();
            process.waitForFinished();
        }
        out.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        out.text = QString::fromUtf8(process.readAllStandardOutput()) + QString::fromUtf8(process.readAllStandardError());
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RetortTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_SecretSweep"));
        QVERIFY(m_dir.isValid());
        const Status started = m_cluster.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
        QString sqlPassword = kPassword;
        sqlPassword.replace(QLatin1Char('\''), QStringLiteral("''"));
        const Result<QString> role = m_cluster.psql(QStringLiteral("CREATE ROLE evil LOGIN PASSWORD '%1'").arg(sqlPassword));
        QVERIFY2(role.ok(), qPrintable(role.ok() ? QString() : role.error().message));
        QVERIFY(m_cluster.createDatabase(QStringLiteral("sweep")).ok());
        QVERIFY(m_cluster.psql(QStringLiteral("ALTER DATABASE sweep OWNER TO evil")).ok());
        QVERIFY(m_cluster.psql(QStringLiteral("ALTER SCHEMA public OWNER TO evil"), QStringLiteral("sweep")).ok());
        m_project = m_dir.filePath(QStringLiteral("project"));
        QVERIFY(copyTree(QStringLiteral(RETORT_SOURCE_DIR "/tests/data/bridge/linear"), m_project));
        // A literal label: retort-cli then reads the project without starting Python first.
        QFile products(m_project + QStringLiteral("/migrations/versions/2024_01_02_1000-2e7d9a4c1b02_create_products.py"));
        QVERIFY(products.open(QIODevice::ReadOnly));
        const QByteArray source = products.readAll().replace("(CATALOG_BRANCH,)", "(\"catalog\",)");
        products.close();
        QVERIFY(products.open(QIODevice::WriteOnly | QIODevice::Truncate));
        products.write(source);
        products.close();
        // The good URL really connects: the password is right, so nothing below passes by accident.
        const Result<DatabaseUrl> good = DatabaseUrl::parse(url(encoded(kPassword)));
        QVERIFY(good.ok());
        QCOMPARE(good->password(), kPassword);
        QVERIFY2(ScopedConnection::open(*good).ok(), "the role with the hard password can log in");
    }

    void cleanupTestCase()
    {
        m_cluster.stop();
        QSettings settings;
        const QString file = settings.fileName();
        settings.clear();
        settings.sync();
        QFile::remove(file);
    }

    void cliOutputsHoldNoPassword_data()
    {
        QTest::addColumn<QString>("databaseUrl");
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<int>("exitCode"); // -1: any, -2: must fail, else exactly that

        const QString good = url(encoded(kPassword));
        const QList<QPair<QString, QString>> urls{
            {QStringLiteral("a good URL"), good},
            {QStringLiteral("the password not percent-encoded"), url(kPassword)},
            {QStringLiteral("a wrong port"), url(encoded(kPassword), PgCluster::freePort())},
            {QStringLiteral("a wrong password"), url(encoded(kPassword + QStringLiteral("x")))},
            {QStringLiteral("an unknown driver"), url(encoded(kPassword), -1, QStringLiteral("postgresql+nodriver"))},
            {QStringLiteral("a port that is not a number"),
             QStringLiteral("postgresql://evil:") + encoded(kPassword) + QStringLiteral("@127.0.0.1:port") + kPassword
                 + QStringLiteral("/sweep")},
        };
        const QList<QPair<QString, QStringList>> commands{
            {QStringLiteral("current"), {QStringLiteral("current")}},
            {QStringLiteral("upgrade"), {QStringLiteral("upgrade"), QStringLiteral("+1"), QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON)}},
            {QStringLiteral("stamp"), {QStringLiteral("stamp"), QStringLiteral("heads"), QStringLiteral("--python"), QStringLiteral(RETORT_PYTHON)}},
            {QStringLiteral("sql"), {QStringLiteral("sql"), QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--python"),
                                     QStringLiteral(RETORT_PYTHON)}},
            {QStringLiteral("doctor"), {QStringLiteral("doctor")}},
        };
        for (const auto& [urlName, databaseUrl] : urls) {
            for (const auto& [commandName, command] : commands) {
                for (const bool json : {false, true}) {
                    QStringList args = command;
                    if (json)
                        args << QStringLiteral("--json");
                    QTest::newRow(qPrintable(QStringLiteral("%1 with %2%3").arg(commandName, urlName, json ? QStringLiteral(", json") : QString())))
                        << databaseUrl << args
                        << (urlName != QLatin1String("a good URL") ? -2 : (commandName == QLatin1String("doctor") ? -1 : 0));
                }
            }
        }
    }

    void cliOutputsHoldNoPassword()
    {
        QFETCH(QString, databaseUrl);
        QFETCH(QStringList, command);
        QFETCH(int, exitCode);
        const Output out = cli(QStringList{QStringLiteral("-p"), m_project, QStringLiteral("--url"), databaseUrl, QStringLiteral("-v")}
                               + command);
        QVERIFY2(out.exitCode >= 0, qPrintable(out.text));
        if (exitCode == -2)
            QVERIFY2(out.exitCode != 0, qPrintable(QStringLiteral("a bad URL must fail: %1").arg(out.text)));
        else if (exitCode >= 0)
            QVERIFY2(out.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(out.exitCode).arg(out.text)));
        QVERIFY2(leaks(out.text).isEmpty(),
                 qPrintable(QStringLiteral("%1 leaked %2:\n%3").arg(out.what, leaks(out.text).join(QLatin1Char(' ')), out.text)));
        // Something was said about the database (the redacted URL or the failure), not nothing.
        QVERIFY2(!out.text.trimmed().isEmpty(), qPrintable(out.what));
    }

    // In-process: every log file (current and rotated) is 0600 and holds no password, whatever
    // was logged - a URL formatted carelessly, connection failures, a whole Alembic run.
    void logFilesHoldNoPasswordAndArePrivate()
    {
        const QString logs = m_dir.filePath(QStringLiteral("logs"));
        QVERIFY(QDir().mkpath(logs));
        {
            QFile old(logs + QStringLiteral("/retort.log")); // left by an older Retort, readable by all
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("older line\n");
            old.close();
            QVERIFY(old.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        }
        log::shutdown();
        log::Options options;
        options.toStderr = false;
        options.fileDirectory = logs;
        options.maxFileBytes = 4096; // rotates several times below
        options.installQtMessageHandler = true;
        log::init(options);

        const QString good = url(encoded(kPassword));
        for (int i = 0; i < 20; ++i) {
            log::info(log::Area::Db, QStringLiteral("carelessly formatted: ") + good + QStringLiteral(" and ") + url(kPassword)
                                         + QStringLiteral(" (round ") + QString::number(i) + QLatin1Char(')'));
            log::warn(log::Area::Exec, QStringLiteral("conninfo host=127.0.0.1 password='") + QString(kPassword).replace(QLatin1Char('\''), QStringLiteral("\\'"))
                                           + QStringLiteral("' user=evil"));
            qWarning("raw %s", qPrintable(url(kPassword)));
        }
        for (const QString& text : {url(encoded(kPassword), PgCluster::freePort()), url(encoded(kPassword + QStringLiteral("x")))}) {
            const Result<DatabaseUrl> parsed = DatabaseUrl::parse(text);
            QVERIFY(parsed.ok());
            QVERIFY(!ScopedConnection::open(*parsed, 2).ok());
        }
        const Result<DatabaseUrl> bad = DatabaseUrl::parse(url(kPassword));
        QVERIFY(!bad.ok());
        log::warn(log::Area::Db, bad.error().message);

        JobRequest request;
        request.python.kind = InterpreterKind::Override;
        request.python.program = QStringLiteral(RETORT_PYTHON);
        request.python.description = request.python.program;
        request.bridge.op = BridgeOp::Upgrade;
        request.bridge.configFile = m_project + QStringLiteral("/alembic.ini");
        request.bridge.workingDirectory = m_project;
        request.bridge.target = QStringLiteral("heads");
        request.bridge.overrideUrl = good;
        request.bridge.timeoutMs = 60000;
        AlembicJob job(request);
        const JobResult result = job.run();
        QVERIFY2(result.ok, qPrintable(result.error.toString()));
        QVERIFY(leaks(QString::fromUtf8(QJsonDocument(result.toJson()).toJson())).isEmpty());
        log::shutdown();

        const QStringList files = QDir(logs).entryList({QStringLiteral("retort*.log")}, QDir::Files);
        QVERIFY2(files.size() >= 3, qPrintable(files.join(QLatin1Char(' ')))); // rotated
        for (const QString& name : files) {
            QFile file(logs + QLatin1Char('/') + name);
            QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                     QFile::Permissions());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString content = QString::fromUtf8(file.readAll());
            QVERIFY2(leaks(content).isEmpty(), qPrintable(QStringLiteral("%1 leaked %2").arg(name, leaks(content).join(QLatin1Char(' ')))));
        }
    }

    // The window's connection profiles: the settings file keeps the URL without its password.
    void settingsHoldNoPassword()
    {
        ConnectionProfiles::setKeychainEnabled(false);
        ConnectionProfiles profiles(m_project);
        for (const QString& text : QStringList{url(encoded(kPassword)),
                                               QStringLiteral("postgresql://evil@127.0.0.1/sweep?password=") + encoded(kPassword)}) {
            const Result<DatabaseUrl> parsed = DatabaseUrl::parse(text);
            QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
            QVERIFY(profiles.save(QStringLiteral("evil ") + QString::number(text.size()), *parsed).ok());
        }
        profiles.setLastUsed(QStringLiteral("evil"));
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        const QString content = QString::fromUtf8(file.readAll());
        QVERIFY2(content.contains(QStringLiteral("evil")), qPrintable(content)); // the profiles are there
        QVERIFY2(leaks(content).isEmpty(), qPrintable(content));
    }
};

QTEST_GUILESS_MAIN(tst_SecretSweep)
#include "tst_SecretSweep.moc"
