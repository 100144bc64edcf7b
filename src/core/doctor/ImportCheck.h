#pragma once

#include "core/alembic/ProjectConfig.h"
#include "core/doctor/Doctor.h"

#include <QVector>

namespace retort::doctor {

// env-context-at-import: application code that imports the migrations package's env module
// (`from migrations.env import ...`, `import app.migrations.env`, `from . import env` inside the
// package). env.py reads context.config at import, which only exists while Alembic runs it, so
// the import fails anywhere else. Scans the project's .py files below the project root, outside
// the version folders and env.py itself, skipping .venv/venv/site-packages/node_modules/.git.
class ImportCheck
{
public:
    static constexpr int MaxFiles = 20000;
    static constexpr qint64 MaxFileSize = qint64(2) * 1024 * 1024;

    static QVector<Problem> run(const ProjectConfig& config);
};

} // namespace retort::doctor
