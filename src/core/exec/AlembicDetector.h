#pragma once

// The Alembic version of the interpreter a project runs (docs/DESIGN-NOTES.md "Following the
// project's own Alembic version"), without importing Alembic:
//
//  1. from files: the interpreter's search path as PythonSitePaths reads it, the first regular
//     `alembic` package on it, and its `__version__` (alembic/__init__.py), else the Version of
//     the alembic-*.dist-info / egg-info next to it;
//  2. when the files do not settle it (uv run, poetry run, pyenv shims, .pth import hooks, no
//     Alembic found): one interpreter start that asks importlib where `alembic` is (find_spec:
//     nothing is imported), the version then read from that file as in 1.; the answer is cached
//     on disk per interpreter (program, arguments, PYTHONPATH, working folder) and trusted while
//     the interpreter and that file keep their size and modification time.
//
// A compose service is not looked into (the version stays unknown, and says so).

#include "core/alembic/AlembicVersion.h"
#include "core/exec/PythonLocator.h"

#include <QString>

namespace retort {

class AlembicDetector
{
public:
    // `workingDir`: where the bridge runs (the project folder; '' is the first entry of sys.path).
    // `mayAsk`: whether step 2 may start the interpreter (off: files only, e.g. doctor --no-bridge).
    static AlembicInstallation detect(const PythonCommand& python, const QString& workingDir, bool mayAsk = true);

    // The version an `alembic/__init__.py` declares (`__version__ = "..."`), else the Version: of
    // the one alembic-*.dist-info/METADATA or alembic-*.egg-info/PKG-INFO next to the package.
    // `*from` is the file that said it.
    static AlembicVersion versionOfPackage(const QString& initPy, QString* from = nullptr);

    // Forgets the answers kept in this process (tests).
    static void clearProcessCache();
};

} // namespace retort
