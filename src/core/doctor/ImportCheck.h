#pragma once

#include "core/alembic/ProjectConfig.h"
#include "core/doctor/Doctor.h"

#include <QVector>

namespace retort::doctor {

// env-context-at-import: application code that imports the migrations package's env module
// (`from migrations.env import ...`, `import app.migrations.env`, `from . import env` inside the
// package). env.py reads context.config at import, which only exists while Alembic runs it, so
// the import fails anywhere else. Also (a warning) modules outside the migrations package that
// `from alembic import context` and use it at module level (`config = context.config`) without
// running migrations themselves: they work only when env.py imports them. Scans the .py files from the repository's or Python project's
// root down (PythonLocator::environmentFolders' bound: the nearest .git, else pyproject.toml /
// setup.py / setup.cfg / a lock file, else alembic.ini's folder alone), outside the version
// folders, env.py itself and other Alembic projects' folders, skipping
// .venv/venv/site-packages/node_modules/.git.
class ImportCheck
{
public:
    static constexpr int MaxFiles = 20000;
    static constexpr qint64 MaxFileSize = qint64(2) * 1024 * 1024;

    static QVector<Problem> run(const ProjectConfig& config);
};

} // namespace retort::doctor
