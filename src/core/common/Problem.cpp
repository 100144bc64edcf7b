#include "core/common/Problem.h"

#include "core/common/Redact.h"

#include <QDir>

#include <algorithm>

namespace retort {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error: return QStringLiteral("error");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Info: return QStringLiteral("info");
    }
    return QStringLiteral("error");
}

std::optional<Severity> severityFromName(const QString& name)
{
    if (name == QLatin1String("error"))
        return Severity::Error;
    if (name == QLatin1String("warning"))
        return Severity::Warning;
    if (name == QLatin1String("info"))
        return Severity::Info;
    return std::nullopt;
}

int severityRank(Severity severity)
{
    return int(severity);
}

Problem Problem::fromError(const Error& error, Severity severity, const QString& revision)
{
    return Problem{error.code, severity, error.message, error.hint, error.path, error.line, revision, {}};
}

Error Problem::toError() const
{
    return Error{code, message, hint, path, line};
}

namespace {

QString displayPath(const QString& path, const QString& baseDir)
{
    if (path.isEmpty() || baseDir.isEmpty())
        return path;
    const QString rel = QDir(baseDir).relativeFilePath(path);
    return rel.startsWith(QLatin1String("..")) ? path : rel;
}

} // namespace

QString Problem::toString(const QString& baseDir) const
{
    QString location = displayPath(path, baseDir);
    if (!location.isEmpty() && line > 0)
        location += QLatin1Char(':') + QString::number(line);
    return redactUrl(location.isEmpty() ? message : location + QStringLiteral(": ") + message);
}

QJsonObject Problem::toJson() const
{
    QJsonObject o{{QStringLiteral("code"), code},
                  {QStringLiteral("id"), code},
                  {QStringLiteral("severity"), severityName(severity)},
                  {QStringLiteral("message"), redactUrl(message)},
                  {QStringLiteral("hint"), redactUrl(hint)},
                  {QStringLiteral("path"), path},
                  {QStringLiteral("line"), line}};
    if (!revision.isEmpty())
        o.insert(QStringLiteral("revision"), revision);
    if (!fix.isEmpty())
        o.insert(QStringLiteral("fix"), redactUrl(fix));
    return o;
}

bool hasErrors(const Problems& problems)
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const Problem& p) { return p.severity == Severity::Error; });
}

void sortProblems(Problems& problems)
{
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
        if (a.severity != b.severity)
            return severityRank(a.severity) < severityRank(b.severity);
        if (a.path != b.path)
            return a.path < b.path;
        if (a.line != b.line)
            return a.line < b.line;
        return a.code < b.code;
    });
}

} // namespace retort
