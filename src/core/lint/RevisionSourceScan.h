#pragma once

// What lint needs from a revision file's Python source, read statically (no Python): whether the
// migration function reads the database at run time without an is_offline_mode() guard (then
// Alembic's offline SQL cannot show it), and whether it is only `pass` or raises.
//
// The one place the lint area reads Python source; it uses the doctor's PythonSource reader.

#include <QString>
#include <QVector>

namespace retort::lint {

struct RevisionSourceFacts
{
    enum class Body { Code, Pass, Raises, Missing };

    struct Hazard
    {
        int line = 0;
        QString what; // "op.get_bind()", "sa.inspect()", ".fetchall()"
    };

    bool readable = false;
    QString error;              // why the file could not be read
    int functionLine = 0;       // line of `def upgrade():` / `def downgrade():` (0: missing)
    Body body = Body::Missing;
    int bodyLine = 0;           // Pass / Raises: the line of the `pass` or `raise`
    bool offlineGuarded = false; // the function tests context.is_offline_mode() (or .as_sql)
    QVector<Hazard> offlineHazards; // reads of the database, when not guarded
};

// Reads `path` and looks at its top-level function `function` ("upgrade" or "downgrade").
[[nodiscard]] RevisionSourceFacts scanRevisionSource(const QString& path, const QString& function);

} // namespace retort::lint
