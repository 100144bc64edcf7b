#include "core/common/Error.h"

namespace retort {

QString Error::toString() const
{
    if (path.isEmpty())
        return message;
    if (line > 0)
        return path + QLatin1Char(':') + QString::number(line) + QStringLiteral(": ") + message;
    return path + QStringLiteral(": ") + message;
}

} // namespace retort
