#include "core/db/Discovery.h"

#include "core/alembic/ProjectConfig.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/DotEnv.h"
#include "core/db/UrlParts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace retort {

namespace {

const QStringList kComposeNames{QStringLiteral("compose.yaml"), QStringLiteral("compose.yml"), QStringLiteral("docker-compose.yml"),
                                QStringLiteral("docker-compose.yaml")};

QString overrideOf(const QString& path)
{
    const QFileInfo info(path);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".override.") + info.suffix());
}

QString text(const YAML::Node& node)
{
    if (!node || !node.IsScalar())
        return {};
    return QString::fromStdString(node.Scalar());
}

// The compose file's variables: the shell's environment wins over the .env of the project folder.
QHash<QString, QString> variablesFor(const QString& composeDir)
{
    QHash<QString, QString> vars = readDotEnvFile(composeDir).values;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& key : env.keys())
        vars.insert(key, env.value(key));
    return vars;
}

// `environment:` as a map or a list of KEY=VALUE (a bare KEY takes the shell's value).
void readEnvironment(const YAML::Node& node, const QHash<QString, QString>& vars, QHash<QString, QString>& out)
{
    if (!node)
        return;
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            const QString key = QString::fromStdString(it->first.as<std::string>());
            out.insert(key, it->second.IsNull() ? vars.value(key) : Discovery::interpolate(text(it->second), vars));
        }
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) {
            const QString entry = Discovery::interpolate(text(item), vars);
            const qsizetype eq = entry.indexOf(QLatin1Char('='));
            if (eq < 0)
                out.insert(entry, vars.value(entry));
            else
                out.insert(entry.left(eq), entry.mid(eq + 1));
        }
    }
}

QStringList envFiles(const YAML::Node& node, const QHash<QString, QString>& vars)
{
    QStringList files;
    if (!node)
        return files;
    if (node.IsScalar())
        files << Discovery::interpolate(text(node), vars);
    else if (node.IsSequence()) {
        for (const YAML::Node& item : node)
            files << Discovery::interpolate(item.IsMap() ? text(item["path"]) : text(item), vars);
    }
    return files;
}

struct Published
{
    QString hostIp;
    int hostPort = -1; // -1: not published
};

// The host side of the container port `target` in `ports:` (short or long syntax).
std::optional<Published> publishedPort(const YAML::Node& ports, int target, const QHash<QString, QString>& vars)
{
    if (!ports || !ports.IsSequence())
        return std::nullopt;
    for (const YAML::Node& item : ports) {
        if (item.IsMap()) {
            if (text(item["target"]).toInt() != target)
                continue;
            Published p;
            p.hostIp = Discovery::interpolate(text(item["host_ip"]), vars);
            const QString published = Discovery::interpolate(text(item["published"]), vars);
            p.hostPort = published.isEmpty() ? -1 : published.section(QLatin1Char('-'), 0, 0).toInt();
            return p;
        }
        QString entry = Discovery::interpolate(text(item), vars);
        entry = entry.section(QLatin1Char('/'), 0, 0); // "5432:5432/tcp"
        // [IP:]HOST:CONTAINER or CONTAINER; IPv6 hosts in brackets.
        QString hostIp;
        if (entry.startsWith(QLatin1Char('['))) {
            const qsizetype close = entry.indexOf(QLatin1Char(']'));
            hostIp = entry.mid(1, close - 1);
            entry = entry.mid(close + 2);
        }
        QStringList parts = entry.split(QLatin1Char(':'));
        if (parts.size() == 3 && hostIp.isEmpty()) {
            hostIp = parts.takeFirst();
        }
        if (parts.size() == 1) {
            if (parts.first().section(QLatin1Char('-'), 0, 0).toInt() == target)
                return Published{}; // exposed to other containers only
            continue;
        }
        if (parts.size() != 2 || parts.at(1).section(QLatin1Char('-'), 0, 0).toInt() != target)
            continue;
        Published p;
        p.hostIp = hostIp;
        p.hostPort = parts.at(0).isEmpty() ? -1 : parts.at(0).section(QLatin1Char('-'), 0, 0).toInt();
        return p;
    }
    return std::nullopt;
}

bool isPostgresImage(const QString& image)
{
    const QString lower = image.toLower();
    return lower.contains(QLatin1String("postgres")) || lower.contains(QLatin1String("postgis"))
           || lower.contains(QLatin1String("timescaledb"));
}

YAML::Node loadYaml(const QString& path, QList<Error>* problems)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (problems)
            problems->append(Error{QStringLiteral("compose-unreadable"), QStringLiteral("cannot read %1: %2").arg(path, file.errorString()),
                                   {}, path, 0});
        return {};
    }
    try {
        return YAML::Load(file.readAll().toStdString());
    } catch (const YAML::Exception& e) {
        if (problems)
            problems->append(Error{QStringLiteral("compose-syntax"),
                                   QStringLiteral("%1 is not valid YAML: %2").arg(QFileInfo(path).fileName(), QString::fromStdString(e.msg)),
                                   {}, path, e.mark.line >= 0 ? e.mark.line + 1 : 0});
        return {};
    }
}

// Compose merges an override file into the base: maps key by key, sequences appended (ports).
YAML::Node merged(const YAML::Node& base, const YAML::Node& over)
{
    if (!over)
        return base;
    if (!base)
        return over;
    if (base.IsMap() && over.IsMap()) {
        YAML::Node out(YAML::NodeType::Map);
        for (auto it = base.begin(); it != base.end(); ++it)
            out[it->first.as<std::string>()] = it->second;
        for (auto it = over.begin(); it != over.end(); ++it) {
            const std::string key = it->first.as<std::string>();
            out[key] = merged(base[key], it->second);
        }
        return out;
    }
    if (base.IsSequence() && over.IsSequence()) {
        YAML::Node out(YAML::NodeType::Sequence);
        for (const YAML::Node& item : base)
            out.push_back(item);
        for (const YAML::Node& item : over)
            out.push_back(item);
        return out;
    }
    return over;
}

QString gitRoot(const QString& folder)
{
    QDir dir(folder);
    do {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return dir.absolutePath();
    } while (dir.cdUp());
    return {};
}

} // namespace

QString DatabaseCandidate::redacted() const
{
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    return parsed ? parsed->redacted() : url;
}

QString Discovery::interpolate(const QString& value, const QHash<QString, QString>& variables)
{
    // ${VAR}, ${VAR:-default} (also when empty), ${VAR-default} (only when unset), $VAR, $$.
    static const QRegularExpression re(QStringLiteral(R"(\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*))"));
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(value);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += value.mid(last, m.capturedStart() - last);
        last = m.capturedEnd();
        if (m.captured(0) == QLatin1String("$$")) {
            out += QLatin1Char('$');
            continue;
        }
        const QString name = m.captured(1).isEmpty() ? m.captured(5) : m.captured(1);
        const bool set = variables.contains(name);
        const QString current = variables.value(name);
        if (m.captured(3) == QLatin1String("-")) {
            const bool useDefault = m.captured(2) == QLatin1String(":") ? current.isEmpty() : !set;
            out += useDefault ? m.captured(4) : current;
        } else {
            out += current; // ${VAR:?message} / ${VAR?message}: the value (errors are compose's business)
        }
    }
    out += value.mid(last);
    return out;
}

QList<DatabaseCandidate> Discovery::fromComposeFile(const QString& path, QList<Error>* problems)
{
    QList<DatabaseCandidate> out;
    const QString dir = QFileInfo(path).absolutePath();
    const QHash<QString, QString> vars = variablesFor(dir);
    YAML::Node doc = loadYaml(path, problems);
    const QString over = overrideOf(path);
    const bool hasOverride = QFileInfo::exists(over);
    if (hasOverride)
        doc = merged(doc, loadYaml(over, problems));
    if (!doc || !doc.IsMap())
        return out;
    const YAML::Node services = doc["services"] ? doc["services"] : doc; // compose v1 files have no `services:`
    if (!services.IsMap())
        return out;
    const QString fileLabel = QFileInfo(path).fileName() + (hasOverride ? QStringLiteral(" + ") + QFileInfo(over).fileName() : QString());
    for (auto it = services.begin(); it != services.end(); ++it) {
        const QString name = QString::fromStdString(it->first.as<std::string>());
        const YAML::Node service = it->second;
        if (!service.IsMap())
            continue;
        const QString image = interpolate(text(service["image"]), vars);
        if (!isPostgresImage(image))
            continue;
        DatabaseCandidate candidate;
        candidate.source = QStringLiteral("%1 service %2").arg(fileLabel, name);
        candidate.path = path;
        QHash<QString, QString> env;
        for (const QString& file : envFiles(service["env_file"], vars)) {
            const QString resolved = QDir(dir).absoluteFilePath(file);
            QFile f(resolved);
            if (!f.open(QIODevice::ReadOnly)) {
                candidate.missing << QStringLiteral("env_file %1 cannot be read").arg(file);
                continue;
            }
            const DotEnv fromFile = parseDotEnv(QString::fromUtf8(f.readAll()), resolved);
            for (auto v = fromFile.values.cbegin(); v != fromFile.values.cend(); ++v)
                env.insert(v.key(), v.value());
            candidate.notes << QStringLiteral("variables from %1").arg(file);
        }
        readEnvironment(service["environment"], vars, env); // environment wins over env_file
        const QString user = env.value(QStringLiteral("POSTGRES_USER"), QStringLiteral("postgres"));
        const QString password = env.value(QStringLiteral("POSTGRES_PASSWORD"));
        const QString database = env.value(QStringLiteral("POSTGRES_DB"), user);
        const bool trust = env.value(QStringLiteral("POSTGRES_HOST_AUTH_METHOD")) == QLatin1String("trust");
        if (password.isEmpty() && !trust)
            candidate.missing << QStringLiteral("POSTGRES_PASSWORD is not set for service %1").arg(name);

        const std::optional<Published> port = publishedPort(service["ports"], 5432, vars);
        UrlParts parts;
        parts.scheme = QStringLiteral("postgresql");
        parts.user = user;
        parts.password = password;
        parts.database = database;
        if (!port || port->hostPort < 0) {
            candidate.missing << QStringLiteral("service %1 publishes no host port for 5432 (add ports: [\"5432:5432\"])").arg(name);
            parts.host = QStringLiteral("127.0.0.1");
            parts.port = 5432;
        } else {
            const QString ip = port->hostIp;
            parts.host = ip.isEmpty() || ip == QLatin1String("0.0.0.0") || ip == QLatin1String("::") ? QStringLiteral("127.0.0.1") : ip;
            parts.port = port->hostPort;
            candidate.notes << QStringLiteral("port %1 published on %2").arg(port->hostPort).arg(ip.isEmpty() ? QStringLiteral("all interfaces") : ip);
        }
        candidate.notes << QStringLiteral("image %1").arg(image);
        candidate.url = composeUrl(parts, true);
        out << candidate;
    }
    return out;
}

QList<DatabaseCandidate> Discovery::find(const QString& folder, const ProjectConfig* config)
{
    QList<DatabaseCandidate> compose;
    QList<DatabaseCandidate> others;
    // Compose files: the project's folder, then its parents up to the repository root.
    const QString root = gitRoot(folder);
    QDir dir(folder);
    while (true) {
        bool any = false;
        for (const QString& name : kComposeNames) {
            const QString path = dir.filePath(name);
            if (QFileInfo::exists(path)) {
                compose += fromComposeFile(path);
                any = true;
            }
        }
        if (any || root.isEmpty() || dir.absolutePath() == root || !dir.cdUp())
            break;
    }
    std::stable_sort(compose.begin(), compose.end(),
                     [](const DatabaseCandidate& a, const DatabaseCandidate& b) { return a.isComplete() && !b.isComplete(); });

    // .env: a URL under one of the usual names, or the POSTGRES_* a compose service would read.
    for (const QString& envDir : QStringList{folder, root}) {
        if (envDir.isEmpty())
            continue;
        const QString envPath = QDir(envDir).filePath(QStringLiteral(".env"));
        if (!QFileInfo::exists(envPath) || (envDir == root && QDir(folder) == QDir(root)))
            continue;
        const DotEnv env = readDotEnvFile(envDir);
        for (auto it = env.values.cbegin(); it != env.values.cend(); ++it) {
            if (it.key() == QLatin1String("DATABASE_URL") || it.key().endsWith(QLatin1String("_DATABASE_URL"))
                || it.key() == QLatin1String("SQLALCHEMY_DATABASE_URI")) {
                if (DatabaseUrl::parse(it.value()))
                    others << DatabaseCandidate{QStringLiteral(".env %1").arg(it.key()), envPath, it.value(), {}, {}};
            }
        }
    }
    if (config && !config->sqlalchemyUrl.isEmpty() && !config->sqlalchemyUrl.startsWith(QLatin1String("driver://"))
        && DatabaseUrl::parse(config->sqlalchemyUrl))
        others << DatabaseCandidate{QStringLiteral("alembic.ini sqlalchemy.url"), config->configFile, config->sqlalchemyUrl, {}, {}};
    return compose + others;
}

} // namespace retort
