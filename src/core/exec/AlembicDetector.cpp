#include "core/exec/AlembicDetector.h"

#include "core/alembic/ParseCache.h"
#include "core/exec/PythonSitePaths.h"
#include "core/log/Log.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace retort {

namespace {

constexpr int kCacheFormat = 1;
constexpr int kAskTimeoutMs = 20000;

struct Memo
{
    QMutex mutex;
    QHash<QString, AlembicInstallation> answers;
};

Memo& memo()
{
    static Memo instance;
    return instance;
}

QString keyFor(const PythonCommand& python, const QString& workingDir)
{
    return QStringList{python.program, python.prefixArguments.join(QLatin1Char('\x1e')),
                       QProcessEnvironment::systemEnvironment().value(QStringLiteral("PYTHONPATH")), workingDir}
        .join(QLatin1Char('\x1f'));
}

// size and modification time of a file: what says it was not rewritten
QJsonArray stampOf(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    return QJsonArray{double(info.size()), double(info.lastModified().toMSecsSinceEpoch())};
}

QString cacheFile(const QString& key)
{
    if (!ParseCache::isEnabled())
        return {};
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty())
        return {};
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return dir + QStringLiteral("/python/") + QString::fromLatin1(hash) + QStringLiteral(".json");
}

QString programFile(const PythonCommand& python)
{
    const QString canonical = QFileInfo(python.program).canonicalFilePath();
    return canonical.isEmpty() ? python.program : canonical;
}

// The interpreter's earlier answer, while the interpreter and the package file are unchanged.
std::optional<AlembicInstallation> readCached(const QString& file, const QString& key, const PythonCommand& python)
{
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    if (o.value(QStringLiteral("format")).toInt() != kCacheFormat || o.value(QStringLiteral("key")).toString() != key
        || o.value(QStringLiteral("program_stamp")).toArray() != stampOf(programFile(python)))
        return std::nullopt;
    const QString init = o.value(QStringLiteral("init")).toString();
    if (init.isEmpty() || o.value(QStringLiteral("init_stamp")).toArray() != stampOf(init))
        return std::nullopt;
    AlembicInstallation answer;
    answer.version = AlembicVersion::parse(o.value(QStringLiteral("version")).toString());
    if (!answer.version.isKnown())
        return std::nullopt;
    answer.source = AlembicInstallation::Source::Interpreter;
    answer.location = o.value(QStringLiteral("from")).toString();
    answer.note = QStringLiteral("answer cached in %1").arg(file);
    return answer;
}

void writeCached(const QString& file, const QString& key, const PythonCommand& python, const QString& init,
                 const AlembicInstallation& answer)
{
    if (file.isEmpty())
        return;
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return;
    const QJsonObject o{{QStringLiteral("format"), kCacheFormat},
                        {QStringLiteral("key"), key},
                        {QStringLiteral("program_stamp"), stampOf(programFile(python))},
                        {QStringLiteral("init"), init},
                        {QStringLiteral("init_stamp"), stampOf(init)},
                        {QStringLiteral("version"), answer.version.toString()},
                        {QStringLiteral("from"), answer.location}};
    out.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    if (!out.commit())
        log::debug(log::Area::Exec, QStringLiteral("cannot write %1").arg(file));
}

// One interpreter start: where would `import alembic` load from (nothing is imported).
AlembicInstallation ask(const PythonCommand& python, const QString& workingDir, QString* init)
{
    AlembicInstallation answer;
    QProcess process;
    QStringList args = python.prefixArguments;
    args << QStringLiteral("-c")
         << QStringLiteral("import importlib.util as u, json\n"
                           "def origin(n):\n"
                           "    try:\n"
                           "        s = u.find_spec(n)\n"
                           "    except Exception:\n"
                           "        return None\n"
                           "    return getattr(s, 'origin', None) if s is not None else None\n"
                           "v = None\n"
                           "try:\n"
                           "    import importlib.metadata as m\n"
                           "    v = m.version('alembic')\n"
                           "except Exception:\n"
                           "    pass\n"
                           "print(json.dumps({'alembic': origin('alembic'), 'metadata_version': v}))\n");
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(python.program, args);
    const QString who = python.description.isEmpty() ? python.program : python.description;
    if (!process.waitForStarted(kAskTimeoutMs)) {
        answer.note = QStringLiteral("%1 cannot be started: %2").arg(who, process.errorString());
        return answer;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(kAskTimeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        answer.note = QStringLiteral("%1 did not answer within %2 s").arg(who).arg(kAskTimeoutMs / 1000);
        return answer;
    }
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    const QJsonObject o = QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.last()).object();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 || o.isEmpty()) {
        answer.note = QStringLiteral("%1 could not say where Alembic is (exit code %2)").arg(who).arg(process.exitCode());
        return answer;
    }
    const QString origin = o.value(QStringLiteral("alembic")).toString();
    if (origin.isEmpty()) {
        answer.note = QStringLiteral("%1 has no Alembic").arg(who);
        return answer;
    }
    *init = origin;
    QString from;
    answer.version = AlembicDetector::versionOfPackage(origin, &from);
    if (!answer.version.isKnown()) {
        answer.version = AlembicVersion::parse(o.value(QStringLiteral("metadata_version")).toString());
        from = QStringLiteral("importlib.metadata");
    }
    if (!answer.version.isKnown()) {
        answer.note = QStringLiteral("no version found for the Alembic at %1").arg(origin);
        return answer;
    }
    answer.source = AlembicInstallation::Source::Interpreter;
    answer.location = from;
    return answer;
}

} // namespace

AlembicVersion AlembicDetector::versionOfPackage(const QString& initPy, QString* from)
{
    QFile init(initPy);
    if (init.open(QIODevice::ReadOnly)) {
        static const QRegularExpression re(QStringLiteral("^__version__\\s*(?::\\s*\\w+\\s*)?=\\s*['\"]([^'\"]+)['\"]"),
                                           QRegularExpression::MultilineOption);
        const auto m = re.match(QString::fromUtf8(init.read(64 * 1024)));
        const AlembicVersion version = m.hasMatch() ? AlembicVersion::parse(m.captured(1)) : AlembicVersion();
        if (version.isKnown()) {
            if (from)
                *from = initPy;
            return version;
        }
    }
    // The distribution's metadata next to the package folder.
    const QDir site(QFileInfo(QFileInfo(initPy).absolutePath()).absolutePath());
    QStringList candidates;
    for (const QString& dir : site.entryList({QStringLiteral("alembic-*.dist-info")}, QDir::Dirs))
        candidates << site.filePath(dir + QStringLiteral("/METADATA"));
    for (const QString& dir : site.entryList({QStringLiteral("alembic-*.egg-info")}, QDir::Dirs))
        candidates << site.filePath(dir + QStringLiteral("/PKG-INFO"));
    if (candidates.size() != 1)
        return {};
    QFile metadata(candidates.first());
    if (!metadata.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : metadata.read(64 * 1024).split('\n')) {
        if (line.startsWith("Version:")) {
            const AlembicVersion version = AlembicVersion::parse(QString::fromUtf8(line.mid(8)));
            if (version.isKnown() && from)
                *from = candidates.first();
            return version;
        }
    }
    return {};
}

void AlembicDetector::clearProcessCache()
{
    QMutexLocker lock(&memo().mutex);
    memo().answers.clear();
}

AlembicInstallation AlembicDetector::detect(const PythonCommand& python, const QString& workingDir, bool mayAsk)
{
    AlembicInstallation result;
    result.interpreter = python.description.isEmpty() ? python.program : python.description;
    if (python.remote) {
        result.note = QStringLiteral("the project runs in a container, which Retort does not look into");
        return result;
    }
    const QString key = keyFor(python, workingDir);
    const QString memoKey = key + (mayAsk ? QStringLiteral("|ask") : QStringLiteral("|files"));
    {
        QMutexLocker lock(&memo().mutex);
        const auto it = memo().answers.constFind(memoKey);
        if (it != memo().answers.constEnd())
            return *it;
    }
    auto remember = [&](const AlembicInstallation& answer) {
        QMutexLocker lock(&memo().mutex);
        memo().answers.insert(memoKey, answer);
        return answer;
    };

    QString why;
    if (python.prefixArguments.isEmpty()) {
        if (const std::optional<PythonSitePaths> paths = PythonSitePaths::read(python.program, workingDir)) {
            const PythonSitePaths::Found found = paths->find(QStringLiteral("alembic"));
            if (found.sure && !found.packageInit.isEmpty()) {
                QString from;
                result.version = versionOfPackage(found.packageInit, &from);
                if (result.version.isKnown()) {
                    result.source = AlembicInstallation::Source::Files;
                    result.location = from;
                    return remember(result);
                }
                why = QStringLiteral("%1 declares no version").arg(found.packageInit);
            } else {
                why = found.sure ? QStringLiteral("no alembic package on its search path") : found.why;
            }
        } else {
            why = QStringLiteral("its search path cannot be read from files");
        }
    } else {
        why = QStringLiteral("it is started through %1").arg(QFileInfo(python.program).fileName());
    }
    if (!mayAsk) {
        result.note = QStringLiteral("not found in the interpreter's files (%1), and Python is not run").arg(why);
        return remember(result);
    }
    const QString file = cacheFile(key);
    if (std::optional<AlembicInstallation> cached = readCached(file, key, python)) {
        cached->interpreter = result.interpreter;
        return remember(*cached);
    }
    QString init;
    AlembicInstallation asked = ask(python, workingDir, &init);
    asked.interpreter = result.interpreter;
    log::info(log::Area::Exec, QStringLiteral("Alembic of %1: %2 (the files did not say: %3)")
                                   .arg(result.interpreter, asked.isKnown() ? asked.version.toString() : asked.note, why));
    if (asked.isKnown())
        writeCached(file, key, python, init, asked);
    return remember(asked);
}

} // namespace retort
