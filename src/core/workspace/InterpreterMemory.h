#pragma once

#include "core/exec/PythonLocator.h"

#include <QString>

namespace retort {

// The interpreter the user chose for a project (a python path, a compose service, or automatic
// detection), remembered per project in the application's settings. Only the choice is kept,
// never anything the interpreter printed.
class InterpreterMemory
{
public:
    [[nodiscard]] static InterpreterChoice load(const QString& projectPath);
    static void save(const QString& projectPath, const InterpreterChoice& choice);

private:
    static QString group(const QString& projectPath);
};

} // namespace retort
