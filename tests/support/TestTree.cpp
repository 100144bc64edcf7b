#include "support/TestTree.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace retort {

bool copyTree(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QStringLiteral("__pycache__")) || path.endsWith(QStringLiteral(".db")))
            continue;
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(path);
        if (it.fileInfo().isDir())
            QDir().mkpath(target);
        else if (!QFile::copy(path, target))
            return false;
    }
    return true;
}

QString fastTempPath(const QString& pattern)
{
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    const QString base = shm.isDir() && shm.isWritable() ? shm.absoluteFilePath() : QDir::tempPath();
    return base + QLatin1Char('/') + pattern;
}

ScopedEnv::~ScopedEnv()
{
    for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
        if (it->had)
            qputenv(it->name.constData(), it->value);
        else
            qunsetenv(it->name.constData());
    }
}

void ScopedEnv::set(const char* name, const QString& value)
{
    m_saved.append(Saved{QByteArray(name), qEnvironmentVariableIsSet(name), qgetenv(name)});
    qputenv(name, value.toUtf8());
}

} // namespace retort
