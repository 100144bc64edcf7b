#include "core/db/ConnectionKind.h"

namespace retort {

QString connectionKindName(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::Development: return QStringLiteral("development");
    case ConnectionKind::Staging: return QStringLiteral("staging");
    case ConnectionKind::Production: return QStringLiteral("production");
    }
    return QStringLiteral("development");
}

std::optional<ConnectionKind> connectionKindFromName(const QString& name)
{
    for (const ConnectionKind kind : {ConnectionKind::Development, ConnectionKind::Staging, ConnectionKind::Production}) {
        if (name.compare(connectionKindName(kind), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

} // namespace retort
