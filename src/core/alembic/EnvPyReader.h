#pragma once

// Internal to the alembic area: static facts from env.py's `context.configure(...)` calls, read
// with the one Python reader (core/python).

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace retort {

struct EnvPyFacts
{
    QString versionTable;           // "" when not given as a literal
    QString versionTableSchema;
    bool transactionPerMigration = false;
    bool hasConfigureCall = false;
    // Keyword arguments of interest that are not literals: "version_table = settings.TABLE (line 42)".
    QStringList unresolved;
};

class EnvPyReader
{
public:
    // Reads every `configure(` call (context.configure, EnvironmentContext.configure, ...): the first
    // literal value of each keyword wins (env.py's offline and online functions normally agree).
    static EnvPyFacts read(const QByteArray& content);
};

} // namespace retort
