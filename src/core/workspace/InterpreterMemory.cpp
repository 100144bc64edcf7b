#include "core/workspace/InterpreterMemory.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>

namespace retort {

QString InterpreterMemory::group(const QString& projectPath)
{
    const QFileInfo info(projectPath);
    const QString canonical = info.canonicalFilePath().isEmpty() ? info.absoluteFilePath() : info.canonicalFilePath();
    return QStringLiteral("interpreters/")
           + QString::fromLatin1(QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

InterpreterChoice InterpreterMemory::load(const QString& projectPath)
{
    QSettings settings;
    settings.beginGroup(group(projectPath));
    InterpreterChoice choice;
    choice.interpreter = settings.value(QStringLiteral("interpreter")).toString();
    choice.compose.service = settings.value(QStringLiteral("composeService")).toString();
    choice.compose.composeFile = settings.value(QStringLiteral("composeFile")).toString();
    return choice;
}

void InterpreterMemory::save(const QString& projectPath, const InterpreterChoice& choice)
{
    QSettings settings;
    if (choice.isAuto()) {
        settings.remove(group(projectPath));
        return;
    }
    settings.beginGroup(group(projectPath));
    settings.setValue(QStringLiteral("interpreter"), choice.interpreter);
    settings.setValue(QStringLiteral("composeService"), choice.compose.service);
    settings.setValue(QStringLiteral("composeFile"), choice.compose.composeFile);
}

} // namespace retort
