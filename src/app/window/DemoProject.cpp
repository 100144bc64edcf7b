#include "app/window/DemoProject.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace retort::app::DemoProject {

namespace {

QStringList candidates()
{
    QStringList result;
    result << QStringLiteral(RETORT_INSTALL_DATADIR "/retort/examples/cityscope");
    // Relocatable installs: <prefix>/bin/retort -> <prefix>/share/retort/examples/cityscope.
    const QString appDir = QCoreApplication::applicationDirPath();
    if (!appDir.isEmpty())
        result << QDir(appDir).filePath(QStringLiteral("../share/retort/examples/cityscope"));
    result << QStringLiteral(RETORT_SOURCE_DIR "/examples/cityscope");
    return result;
}

} // namespace

QString location()
{
    for (const QString& candidate : candidates()) {
        if (QFileInfo::exists(QDir(candidate).filePath(QStringLiteral("alembic.ini"))))
            return QDir::cleanPath(QFileInfo(candidate).absoluteFilePath());
    }
    return {};
}

bool isDemo(const QString& projectPath)
{
    if (projectPath.isEmpty())
        return true;
    QFileInfo info(projectPath);
    const QString folder = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    const QString canonical = QFileInfo(folder).canonicalFilePath();
    for (const QString& candidate : candidates()) {
        const QString c = QFileInfo(candidate).canonicalFilePath();
        if (!c.isEmpty() && c == canonical)
            return true;
    }
    return false;
}

QString databaseUrl()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return QStringLiteral("sqlite:///") + QDir(dir).absoluteFilePath(QStringLiteral("cityscope-demo.db"));
}

} // namespace retort::app::DemoProject
