// Finding the project's database in compose files, .env and alembic.ini (issue #15): a corpus of
// realistic compose variants gives the right URL or says what is missing.

#include "core/alembic/ProjectConfig.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/Discovery.h"
#include "support/CliProcess.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace retort;

class tst_Discovery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_case = 0;

    QString folder(const QList<QPair<QString, QByteArray>>& files)
    {
        const QString dir = m_dir.filePath(QStringLiteral("case%1").arg(++m_case));
        for (const auto& [name, content] : files)
            test::writeFile(dir + QLatin1Char('/') + name, content);
        return dir;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qunsetenv("DB_NAME");
        qunsetenv("PG_PORT");
    }

    void composeVariants_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("compose");
        QTest::addColumn<QByteArray>("dotenv");
        QTest::addColumn<QByteArray>("extraName");
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("url");      // expected, password included; "" = none found
        QTest::addColumn<QString>("missing");  // a word the `missing` list must contain ("" = complete)

        QTest::newRow("short ports and an environment map") << "compose.yaml"
            << QByteArray("services:\n  db:\n    image: postgres:15\n    environment:\n      POSTGRES_USER: app\n"
                          "      POSTGRES_PASSWORD: pw\n      POSTGRES_DB: shop\n    ports:\n      - \"5432:5432\"\n")
            << QByteArray() << QByteArray() << QByteArray() << "postgresql://app:pw@127.0.0.1:5432/shop" << "";
        QTest::newRow("long port syntax on one interface") << "compose.yml"
            << QByteArray("services:\n  postgres:\n    image: postgres\n    environment:\n      - POSTGRES_PASSWORD=pw\n"
                          "    ports:\n      - target: 5432\n        published: \"5433\"\n        host_ip: 127.0.0.1\n        protocol: tcp\n")
            << QByteArray() << QByteArray() << QByteArray() << "postgresql://postgres:pw@127.0.0.1:5433/postgres" << "";
        QTest::newRow("an environment list and an IP in the short syntax") << "docker-compose.yml"
            << QByteArray("services:\n  db:\n    image: postgis/postgis:16-3.4\n    environment:\n      - POSTGRES_USER=geo\n"
                          "      - POSTGRES_PASSWORD=p@ss:word/1\n    ports: [\"0.0.0.0:55432:5432/tcp\"]\n")
            << QByteArray() << QByteArray() << QByteArray() << "postgresql://geo:p%40ss%3Aword%2F1@127.0.0.1:55432/geo" << "";
        QTest::newRow("variables from .env with defaults") << "compose.yaml"
            << QByteArray("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: ${PGUSER:-app}\n"
                          "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_DB: ${DB_NAME-appdb}\n"
                          "    ports:\n      - \"${PG_PORT:-5432}:5432\"\n")
            << QByteArray("POSTGRES_PASSWORD=from-dotenv\nPG_PORT=6543\nPGUSER=\n") << QByteArray() << QByteArray()
            << "postgresql://app:from-dotenv@127.0.0.1:6543/appdb" << "";
        QTest::newRow("env_file beside the compose file") << "compose.yaml"
            << QByteArray("services:\n  db:\n    image: postgres:16\n    env_file: db.env\n    ports:\n      - 5432:5432\n")
            << QByteArray() << QByteArray("db.env") << QByteArray("POSTGRES_USER=svc\nPOSTGRES_PASSWORD=fromfile\nPOSTGRES_DB=svcdb\n")
            << "postgresql://svc:fromfile@127.0.0.1:5432/svcdb" << "";
        QTest::newRow("an override publishes the port") << "compose.yaml"
            << QByteArray("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: pw\n")
            << QByteArray() << QByteArray("compose.override.yaml") << QByteArray("services:\n  db:\n    ports:\n      - \"15432:5432\"\n")
            << "postgresql://postgres:pw@127.0.0.1:15432/postgres" << "";
        QTest::newRow("compose v1 without services") << "docker-compose.yml"
            << QByteArray("db:\n  image: postgres:9.6\n  environment:\n    POSTGRES_PASSWORD: old\n  ports:\n    - \"5432:5432\"\n")
            << QByteArray() << QByteArray() << QByteArray() << "postgresql://postgres:old@127.0.0.1:5432/postgres" << "";
        QTest::newRow("no password given") << "compose.yaml"
            << QByteArray("services:\n  db:\n    image: postgres:16\n    ports:\n      - \"5432:5432\"\n")
            << QByteArray() << QByteArray() << QByteArray() << "postgresql://postgres@127.0.0.1:5432/postgres" << "POSTGRES_PASSWORD";
        QTest::newRow("the port is not published") << "compose.yaml"
            << QByteArray("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: pw\n    expose:\n      - 5432\n")
            << QByteArray() << QByteArray() << QByteArray() << "postgresql://postgres:pw@127.0.0.1:5432/postgres" << "publishes no host port";
        QTest::newRow("services that are not PostgreSQL are left out") << "compose.yaml"
            << QByteArray("services:\n  cache:\n    image: redis:7\n    ports: [\"6379:6379\"]\n  web:\n    build: .\n")
            << QByteArray() << QByteArray() << QByteArray() << "" << "";
    }

    void composeVariants()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, compose);
        QFETCH(QByteArray, dotenv);
        QFETCH(QByteArray, extraName);
        QFETCH(QByteArray, extra);
        QFETCH(QString, url);
        QFETCH(QString, missing);
        QList<QPair<QString, QByteArray>> files{{file, compose}};
        if (!dotenv.isEmpty())
            files.append({QStringLiteral(".env"), dotenv});
        if (!extraName.isEmpty())
            files.append({QString::fromUtf8(extraName), extra});
        const QString dir = folder(files);
        const QList<DatabaseCandidate> found = Discovery::find(dir);
        if (url.isEmpty()) {
            QVERIFY(found.isEmpty());
            return;
        }
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().url, url);
        QVERIFY(DatabaseUrl::parse(found.first().url));
        if (missing.isEmpty()) {
            QVERIFY2(found.first().isComplete(), qPrintable(found.first().missing.join(QLatin1Char(';'))));
        } else {
            QVERIFY(!found.first().isComplete());
            QVERIFY2(found.first().missing.join(QLatin1Char(' ')).contains(missing), qPrintable(found.first().missing.join(QLatin1Char(';'))));
        }
    }

    void brokenYamlIsAProblemNotACrash()
    {
        const QString dir = folder({{QStringLiteral("compose.yaml"), QByteArray("services:\n  db: [unclosed\n")}});
        QList<Error> problems;
        const QList<DatabaseCandidate> found = Discovery::fromComposeFile(dir + QStringLiteral("/compose.yaml"), &problems);
        QVERIFY(found.isEmpty());
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().code, QStringLiteral("compose-syntax"));
        QVERIFY(problems.first().line > 0);
    }

    // The compose file sits at the repository root, the Alembic project below it; .env URLs and
    // alembic.ini's come after the compose services; the template's driver:// URL is no candidate.
    void theRepositoryIsSearchedUpToItsRoot()
    {
        const QString root = folder({{QStringLiteral(".git/HEAD"), QByteArray("ref: refs/heads/main\n")},
                                     {QStringLiteral("docker-compose.yml"),
                                      QByteArray("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: pw\n"
                                                 "    ports: [\"5432:5432\"]\n")},
                                     {QStringLiteral("backend/persistence/.env"),
                                      QByteArray("DATABASE_URL=postgresql+asyncpg://app:envpw@localhost/app\n")}});
        ProjectConfig config;
        config.configFile = root + QStringLiteral("/backend/persistence/alembic.ini");
        config.sqlalchemyUrl = QStringLiteral("sqlite:///local.db");
        const QList<DatabaseCandidate> found = Discovery::find(root + QStringLiteral("/backend/persistence"), &config);
        QCOMPARE(found.size(), 3);
        QVERIFY(found.at(0).source.startsWith(QStringLiteral("docker-compose.yml service db")));
        QCOMPARE(found.at(1).source, QStringLiteral(".env DATABASE_URL"));
        QCOMPARE(found.at(2).source, QStringLiteral("alembic.ini sqlalchemy.url"));
        config.sqlalchemyUrl = QStringLiteral("driver://user:pass@localhost/dbname");
        QCOMPARE(Discovery::find(root + QStringLiteral("/backend/persistence"), &config).size(), 2);
        // Never above the repository root.
        const QString outside = folder({{QStringLiteral("compose.yaml"), QByteArray("services:\n  db:\n    image: postgres\n")},
                                        {QStringLiteral("repo/.git/HEAD"), QByteArray("x\n")},
                                        {QStringLiteral("repo/app/alembic.ini"), QByteArray("[alembic]\n")}});
        QVERIFY(Discovery::find(outside + QStringLiteral("/repo/app")).isEmpty());
    }

    void theCliListsThemWithPasswordsRedacted()
    {
        const QString dir = folder({{QStringLiteral("compose.yaml"),
                                     QByteArray("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Sup3rS3cret\n"
                                                "    ports: [\"5432:5432\"]\n")}});
        const test::ProcessRun r = test::runProcess(QStringLiteral(RETORT_CLI), {QStringLiteral("-p"), dir, QStringLiteral("--json"),
                                                                                 QStringLiteral("discover")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.out.contains("Sup3rS3cret") && !r.err.contains("Sup3rS3cret"));
        QCOMPARE(r.json().value(QStringLiteral("candidates")).toArray().first().toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("postgresql://postgres:***@127.0.0.1:5432/postgres"));
        const test::ProcessRun none = test::runProcess(QStringLiteral(RETORT_CLI), {QStringLiteral("-p"), folder({{QStringLiteral("x"), "x"}}),
                                                                                    QStringLiteral("discover")});
        QCOMPARE(none.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(tst_Discovery)
#include "tst_Discovery.moc"
