#include "core/doctor/Doctor.h"

#include "core/common/Redact.h"
#include "core/db/DatabaseUrl.h"
#include "core/doctor/ConfigCheck.h"
#include "core/doctor/DatabaseCheck.h"
#include "core/doctor/EnvPyCheck.h"
#include "core/doctor/GraphCheck.h"
#include "core/doctor/ImportCheck.h"
#include "core/graph/RevisionGraph.h"
#include "core/log/Log.h"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace retort {

namespace {

int severityRank(const QString& severity)
{
    if (severity == QLatin1String("error"))
        return 0;
    if (severity == QLatin1String("warning"))
        return 1;
    return 2;
}

QString displayPath(const QString& path, const QString& baseDir)
{
    if (path.isEmpty() || baseDir.isEmpty())
        return path;
    const QString rel = QDir(baseDir).relativeFilePath(path);
    return rel.startsWith(QLatin1String("..")) ? path : rel;
}

} // namespace

QString Finding::toString(const QString& baseDir) const
{
    QString location = displayPath(path, baseDir);
    if (!location.isEmpty() && line > 0)
        location += QLatin1Char(':') + QString::number(line);
    return redactUrl(location.isEmpty() ? message : location + QStringLiteral(": ") + message);
}

QJsonObject Finding::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("severity"), severity},
                  {QStringLiteral("message"), redactUrl(message)},
                  {QStringLiteral("hint"), redactUrl(hint)},
                  {QStringLiteral("path"), path},
                  {QStringLiteral("line"), line}};
    if (!revision.isEmpty())
        o.insert(QStringLiteral("revision"), revision);
    if (!fixCommand.isEmpty())
        o.insert(QStringLiteral("fix"), redactUrl(fixCommand));
    return o;
}

QVector<Finding> Doctor::checkConfiguration(const QString& folderOrConfigFile)
{
    return doctor::ConfigCheck::run(folderOrConfigFile);
}

QVector<Finding> Doctor::checkProject(const LoadedProject& project, const RevisionGraph& lenientGraph)
{
    QVector<Finding> findings;
    const ProjectConfig& config = project.config;
    bool configFindings = false;
    if (!config.configFile.isEmpty()) {
        const QVector<Finding> ini = doctor::ConfigCheck::run(config.configFile);
        configFindings = !ini.isEmpty();
        findings += ini;
    }
    if (!config.envPy.isEmpty()) {
        findings += doctor::EnvPyCheck::run(config.envPy);
        findings += doctor::ImportCheck::run(config);
    }
    findings += doctor::GraphCheck::run(project, lenientGraph);

    // Project-level problems the scanner met that no check above explains (a file's own problems
    // come through the graph as revision-file-problem).
    for (const Error& e : project.problems) {
        if (e.code.startsWith(QLatin1String("revision-file")) || configFindings)
            continue;
        findings.append(Finding{QStringLiteral("project-problem"), severity::error(), e.message, e.hint, e.path, e.line, {}, {}});
    }
    for (const Error& e : project.warnings)
        findings.append(Finding{QStringLiteral("project-warning"), severity::warning(), e.message, e.hint, e.path, e.line, {}, {}});

    sort(findings);
    log::info(log::Area::Doctor, QStringLiteral("doctor: %1 finding(s) in project %2").arg(findings.size()).arg(config.rootDir));
    return findings;
}

QVector<Finding> Doctor::checkDatabase(const LoadedProject& project, const RevisionGraph& lenientGraph,
                                       const DatabaseCheckOptions& options)
{
    QVector<Finding> findings = doctor::DatabaseCheck::run(project, lenientGraph, options);
    sort(findings);
    log::info(log::Area::Doctor, QStringLiteral("doctor: %1 database finding(s) for %2")
                                     .arg(findings.size())
                                     .arg(DatabaseUrl::redactedText(options.url)));
    return findings;
}

QFuture<QVector<Finding>> Doctor::checkDatabaseAsync(const LoadedProject& project, const RevisionGraph& lenientGraph,
                                                     const DatabaseCheckOptions& options)
{
    return QtConcurrent::run([project, lenientGraph, options] { return checkDatabase(project, lenientGraph, options); });
}

bool Doctor::hasErrors(const QVector<Finding>& findings)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const Finding& f) { return f.severity == QLatin1String("error"); });
}

void Doctor::sort(QVector<Finding>& findings)
{
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        const int ra = severityRank(a.severity);
        const int rb = severityRank(b.severity);
        if (ra != rb)
            return ra < rb;
        if (a.path != b.path)
            return a.path < b.path;
        if (a.line != b.line)
            return a.line < b.line;
        return a.id < b.id;
    });
}

QString Doctor::formatText(const QVector<Finding>& findings, const QString& baseDir)
{
    if (findings.isEmpty())
        return QStringLiteral("No problems found.\n");
    QString out;
    int counts[3] = {0, 0, 0};
    const QString titles[3] = {QStringLiteral("Errors"), QStringLiteral("Warnings"), QStringLiteral("Info")};
    for (int rank = 0; rank < 3; ++rank) {
        bool titled = false;
        for (const Finding& f : findings) {
            if (severityRank(f.severity) != rank)
                continue;
            if (!titled) {
                if (!out.isEmpty())
                    out += QLatin1Char('\n');
                out += titles[rank] + QStringLiteral(":\n");
                titled = true;
            }
            ++counts[rank];
            out += QStringLiteral("  ") + f.toString(baseDir) + QStringLiteral("  [") + f.id + QStringLiteral("]\n");
            if (!f.hint.isEmpty()) {
                QString hint = redactUrl(f.hint);
                hint.replace(QLatin1Char('\n'), QStringLiteral("\n          "));
                out += QStringLiteral("      hint: ") + hint + QLatin1Char('\n');
            }
            if (!f.fixCommand.isEmpty())
                out += QStringLiteral("      fix:  ") + redactUrl(f.fixCommand) + QLatin1Char('\n');
        }
    }
    out += QStringLiteral("\n%1 error(s), %2 warning(s), %3 info\n").arg(counts[0]).arg(counts[1]).arg(counts[2]);
    return out;
}

} // namespace retort
