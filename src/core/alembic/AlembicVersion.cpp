#include "core/alembic/AlembicVersion.h"

#include <QStringList>

namespace retort {

AlembicVersion AlembicVersion::parse(QStringView text)
{
    text = text.trimmed();
    int parts[3] = {0, 0, 0};
    int count = 0;
    qsizetype i = 0;
    while (count < 3) {
        const qsizetype start = i;
        int value = 0;
        while (i < text.size() && text[i].isDigit() && i - start < 6)
            value = value * 10 + text[i++].digitValue();
        if (i == start)
            break;
        parts[count++] = value;
        if (i < text.size() && text[i] == QLatin1Char('.') && i + 1 < text.size() && text[i + 1].isDigit())
            ++i;
        else
            break;
    }
    if (count < 2)
        return {};
    return AlembicVersion(parts[0], parts[1], parts[2]);
}

QString AlembicVersion::toString() const
{
    if (!isKnown())
        return {};
    return QStringLiteral("%1.%2.%3").arg(m_major).arg(m_minor).arg(m_patch);
}

bool AlembicVersion::atLeast(int major, int minor, int patch) const
{
    if (m_major != major)
        return m_major > major;
    if (m_minor != minor)
        return m_minor > minor;
    return m_patch >= patch;
}

QString AlembicInstallation::sourceText() const
{
    switch (source) {
    case Source::Files:
        return QStringLiteral("read from %1").arg(location);
    case Source::Interpreter:
        return QStringLiteral("the interpreter named %1%2").arg(location, note.isEmpty() ? QString() : QStringLiteral(", ") + note);
    case Source::Given:
        return QStringLiteral("given with --alembic-version");
    case Source::Unknown:
        break;
    }
    return note;
}

QString AlembicInstallation::describe() const
{
    if (!isKnown())
        return QStringLiteral("Alembic version unknown (%1); Retort keeps its default rules where Alembic versions differ")
            .arg(note.isEmpty() ? QStringLiteral("not detected") : note);
    QString text = QStringLiteral("Alembic %1").arg(version.toString());
    QStringList parts;
    if (!interpreter.isEmpty())
        parts << interpreter;
    parts << sourceText();
    return text + QStringLiteral(" (") + parts.join(QStringLiteral("; ")) + QLatin1Char(')');
}

} // namespace retort
