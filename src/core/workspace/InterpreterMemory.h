#pragma once

#include "core/exec/PythonLocator.h"

#include <QString>

#include <optional>

namespace retort {

// The interpreter the user chose for a project (a python path, a compose service, or automatic
// detection), remembered per project in the application's settings (File ▸ Python Interpreter…).
// Only the choice is kept, never anything the interpreter printed. A project is its folder: the
// window opening `proj/` and `retort-cli -p proj/alembic.ini` find the same choice.
class InterpreterMemory
{
public:
    [[nodiscard]] static InterpreterChoice load(const QString& projectPath);
    static void save(const QString& projectPath, const InterpreterChoice& choice);

    // The interpreter a project runs with, in the one order the window and retort-cli share: the
    // one given for this run (retort-cli --python / --compose-service, MainWindow::setInterpreter),
    // else the one remembered for the project, else automatic detection (an empty choice:
    // PythonLocator's order).
    [[nodiscard]] static InterpreterChoice resolve(
        const QString& projectPath, const std::optional<InterpreterChoice>& given);

private:
    static QString group(const QString& path);
    static QString projectFolder(const QString& projectPath);
};

} // namespace retort
