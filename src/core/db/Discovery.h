#pragma once

// Where a project's database might be (issue #15 "find the Docker database"): every candidate URL
// with the place it came from, so the user picks one instead of reconstructing it by hand.
//  - compose files (compose.yaml / compose.yml / docker-compose.yml / docker-compose.yaml and their
//    .override files, in the project's folder and its parents up to the repository root): a
//    service running a PostgreSQL image, its published port (short or long syntax) and
//    POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB from `environment` (list or map) and
//    `env_file`, with ${VAR}, ${VAR:-default} and ${VAR-default} interpolated from the project's
//    .env and the process environment, as docker compose does;
//  - .env: DATABASE_URL / SQLALCHEMY_DATABASE_URL / *_DATABASE_URL, or POSTGRES_* (+ host, port);
//  - alembic.ini's sqlalchemy.url (unless it is the template's driver://).
// What cannot be known (a port that is not published, a password that is not given) is said in
// `missing`, never guessed silently. Read with yaml-cpp; nothing runs, nothing connects.

#include "core/common/Error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace retort {

struct ProjectConfig;

struct DatabaseCandidate
{
    QString source;   // "compose.yaml service db", ".env DATABASE_URL", "alembic.ini sqlalchemy.url"
    QString path;     // the file it came from
    QString url;      // full URL (may hold a password: show redacted())
    QStringList notes;   // how it was put together ("port 5433 published on 127.0.0.1", ...)
    QStringList missing; // what could not be found ("no published port: add ports: [\"5432:5432\"]")

    [[nodiscard]] bool isComplete() const { return missing.isEmpty() && !url.isEmpty(); }
    [[nodiscard]] QString redacted() const;
};

class Discovery
{
public:
    // Every candidate for the project in `folder` (its alembic.ini folder), best first: complete
    // compose candidates, .env, then alembic.ini; `config` may be null (no project read).
    static QList<DatabaseCandidate> find(const QString& folder, const ProjectConfig* config = nullptr);

    // One compose file (plus the .env of its folder) - exposed for tests.
    static QList<DatabaseCandidate> fromComposeFile(const QString& path, QList<Error>* problems = nullptr);
    // docker compose's variable interpolation.
    static QString interpolate(const QString& text, const QHash<QString, QString>& variables);
};

} // namespace retort
