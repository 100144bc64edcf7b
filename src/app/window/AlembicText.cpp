#include "app/window/AlembicText.h"

#include <QCoreApplication>
#include <QDir>

namespace retort::app::AlembicText {

QString version(const AlembicInstallation& alembic)
{
    return alembic.isKnown() ? alembic.version.toString() : QCoreApplication::translate("AlembicText", "not found");
}

QString label(const AlembicInstallation& alembic)
{
    return alembic.isKnown() ? QCoreApplication::translate("AlembicText", "Alembic %1").arg(alembic.version.toString())
                             : QCoreApplication::translate("AlembicText", "Alembic: not found");
}

QString toolTip(const AlembicInstallation& alembic)
{
    if (!alembic.isKnown()) {
        QString text = QCoreApplication::translate("AlembicText", "No Alembic was found for this project.");
        if (!alembic.note.isEmpty())
            text += QLatin1Char('\n') + alembic.note;
        text += QLatin1Char('\n')
            + QCoreApplication::translate("AlembicText",
                "Retort keeps its default rules where Alembic versions differ. Choose the project's interpreter "
                "with File ▸ Python Interpreter….");
        return text;
    }
    QStringList lines;
    if (!alembic.interpreter.isEmpty())
        lines << QCoreApplication::translate("AlembicText", "Interpreter: %1").arg(alembic.interpreter);
    switch (alembic.source) {
    case AlembicInstallation::Source::Files:
        lines << QCoreApplication::translate("AlembicText", "Version read from %1")
                     .arg(QDir::toNativeSeparators(alembic.location));
        break;
    case AlembicInstallation::Source::Interpreter:
        lines << QCoreApplication::translate("AlembicText", "Package found by the interpreter at %1")
                     .arg(QDir::toNativeSeparators(alembic.location));
        break;
    case AlembicInstallation::Source::Given:
        lines << QCoreApplication::translate("AlembicText", "Version given on the command line");
        break;
    case AlembicInstallation::Source::Unknown:
        break;
    }
    lines << QCoreApplication::translate(
        "AlembicText", "Retort follows the rules of Alembic %1 where Alembic versions differ.")
                 .arg(alembic.version.toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace retort::app::AlembicText
