#include "core/db/SqlIdentifier.h"

namespace retort {

QString quoteIdentifier(const QString& name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString qualifiedName(const QString& schema, const QString& name)
{
    return schema.isEmpty() ? quoteIdentifier(name) : quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

} // namespace retort
