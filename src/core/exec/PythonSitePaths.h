#pragma once

// Where a CPython interpreter would import a top-level package from, read from files only (no
// interpreter start): the search path `python -` has in `workingDir`, as CPython 3's getpath and
// site.py build it.
//
//   ''/workingDir (unless PYTHONSAFEPATH), PYTHONPATH, [the standard library: no packages of
//   interest], then the site directories:
//     a virtualenv (pyvenv.cfg next to the executable or one folder up): <venv>/lib/python3.X/
//       site-packages, then with include-system-site-packages = true the user site and the base
//       interpreter's site directories (its `home`);
//     otherwise the interpreter's prefix (the executable followed through symlinks, named
//       python3.X, with <prefix>/lib/python3.X/os.py): the user site, then Debian's layout
//       (<prefix>/local/lib/python3.X/dist-packages, <prefix>/lib/python3/dist-packages,
//       <prefix>/lib/python3.X/dist-packages, when <prefix>/lib/python3/dist-packages exists) or
//       the standard <prefix>/lib/python3.X/site-packages;
//   each site directory followed by the folders its .pth files add.
//
// It refuses (read() gives nothing) whenever it cannot be sure: PYTHONHOME set, an executable that
// is no python3.X binary (pyenv shims, `uv run`, wrappers), no landmark, an unknown X. find() is
// unsure when something earlier on the path could provide the package another way (a .pth import
// line naming it, a module file of that name, a zip archive). Callers then ask the interpreter.

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace retort {

class PythonSitePaths
{
public:
    // `program`: the interpreter's path as it will be started (not followed through symlinks: a
    // virtualenv's bin/python is a symlink to the base interpreter). `environment`: PYTHONPATH,
    // PYTHONHOME, PYTHONSAFEPATH, PYTHONNOUSERSITE, PYTHONUSERBASE, HOME as the child will see them.
    static std::optional<PythonSitePaths> read(const QString& program, const QString& workingDir,
                                               const QStringList& environment);
    // The same with this process's environment (what QProcess hands the interpreter).
    static std::optional<PythonSitePaths> read(const QString& program, const QString& workingDir);

    struct Found
    {
        bool sure = false;      // false: ask the interpreter
        QString packageInit;    // <dir>/<name>/__init__.py, "" when the package is not on the path
        QString why;            // when !sure
    };
    // The regular package `name` (a folder with __init__.py; a folder without one is a namespace
    // portion and the search goes on, as Python's import does).
    [[nodiscard]] Found find(const QString& name) const;

    [[nodiscard]] const QStringList& entries() const { return m_entries; }
    [[nodiscard]] QString pythonVersion() const { return m_pythonVersion; } // "3.11"
    [[nodiscard]] bool isVirtualEnv() const { return m_virtualEnv; }

private:
    struct ImportLine
    {
        int entry = 0; // the site directory whose .pth file holds it (it runs when that one is added)
        QString text;
    };
    QStringList m_entries; // in import order, existing folders only (zip files kept as is)
    QVector<ImportLine> m_importLines; // the .pth `import ...` lines site.py executes
    QString m_pythonVersion;
    bool m_virtualEnv = false;
};

} // namespace retort
