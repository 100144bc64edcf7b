#include "core/workspace/InterpreterMemory.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>
#include <QStringList>

namespace retort {

QString InterpreterMemory::group(const QString& path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath().isEmpty() ? info.absoluteFilePath() : info.canonicalFilePath();
    return QStringLiteral("interpreters/")
        + QString::fromLatin1(QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

QString InterpreterMemory::projectFolder(const QString& projectPath)
{
    const QFileInfo info(projectPath);
    return info.isDir() ? info.absoluteFilePath() : info.absolutePath(); // alembic.ini, pyproject.toml: their folder
}

InterpreterChoice InterpreterMemory::load(const QString& projectPath)
{
    QSettings settings;
    // Choices saved before a project was keyed by its folder are under the path that was opened.
    QStringList groups { group(projectFolder(projectPath)) };
    if (const QString legacy = group(projectPath); legacy != groups.first())
        groups << legacy;
    for (const QString& name : std::as_const(groups)) {
        settings.beginGroup(name);
        InterpreterChoice choice;
        choice.interpreter = settings.value(QStringLiteral("interpreter")).toString();
        choice.compose.service = settings.value(QStringLiteral("composeService")).toString();
        choice.compose.composeFile = settings.value(QStringLiteral("composeFile")).toString();
        settings.endGroup();
        if (!choice.isAuto())
            return choice;
    }
    return {};
}

void InterpreterMemory::save(const QString& projectPath, const InterpreterChoice& choice)
{
    QSettings settings;
    const QString folderGroup = group(projectFolder(projectPath));
    if (const QString legacy = group(projectPath); legacy != folderGroup)
        settings.remove(legacy);
    if (choice.isAuto()) {
        settings.remove(folderGroup);
        return;
    }
    settings.beginGroup(folderGroup);
    settings.setValue(QStringLiteral("interpreter"), choice.interpreter);
    settings.setValue(QStringLiteral("composeService"), choice.compose.service);
    settings.setValue(QStringLiteral("composeFile"), choice.compose.composeFile);
}

InterpreterChoice InterpreterMemory::resolve(const QString& projectPath, const std::optional<InterpreterChoice>& given)
{
    if (given)
        return *given;
    return load(projectPath);
}

} // namespace retort
