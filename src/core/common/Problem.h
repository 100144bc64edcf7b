#pragma once

#include "core/common/Error.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace retort {

enum class Severity { Error, Warning, Info };

[[nodiscard]] QString severityName(Severity severity); // "error" | "warning" | "info"
[[nodiscard]] std::optional<Severity> severityFromName(const QString& name);

// Something Retort has to tell the user about a project, a database or a run: one type for the
// parser, the graph, the doctor, runs, `retort-cli --json` and the window's Diagnostics dock.
//   code      stable, machine-readable ("graph-multiple-heads", "db-connect", "revision-file-syntax")
//   message   what is wrong (without the location, which is path/line)
//   hint      what to do next
//   revision  the revision it concerns, when there is one
//   fix       one command that fixes it ("alembic merge -m 'merge heads' a b"), when there is one
// Nothing in a Problem holds a password: the text writers pass every field through redactUrl.
struct Problem
{
    QString code;
    Severity severity = Severity::Error;
    QString message;
    QString hint;
    QString path; // absolute path of the file concerned ("" when none)
    int line = 0; // 1-based line in `path`, 0 when unknown
    QString revision;
    QString fix;

    static Problem fromError(const Error& error, Severity severity = Severity::Error, const QString& revision = {});
    [[nodiscard]] Error toError() const;

    // "env.py:12: message" with the path relative to `baseDir` (absolute when outside it).
    [[nodiscard]] QString toString(const QString& baseDir = {}) const;
    // The one JSON form: {"code","id","severity","message","hint","path","line"[,"revision"][,"fix"]}.
    // "id" repeats "code" for the doctor's published contract ({"findings": [{"id", ...}]}).
    [[nodiscard]] QJsonObject toJson() const;

    friend bool operator==(const Problem&, const Problem&) = default;
};

using Problems = QVector<Problem>;

[[nodiscard]] bool hasErrors(const Problems& problems);
[[nodiscard]] int severityRank(Severity severity); // error 0, warning 1, info 2
// Errors first, then warnings, then infos; within a severity by path, line and code (stable).
void sortProblems(Problems& problems);

} // namespace retort
