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

QVector<Problem> Doctor::checkConfiguration(const QString& folderOrConfigFile)
{
    return doctor::ConfigCheck::run(folderOrConfigFile);
}

QVector<Problem> Doctor::checkProject(const LoadedProject& project, const RevisionGraph& lenientGraph)
{
    QVector<Problem> findings;
    const ProjectConfig& config = project.config;
    bool configFindings = false;
    if (!config.configFile.isEmpty()) {
        const QVector<Problem> ini = doctor::ConfigCheck::run(config.configFile);
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
        findings.append(Problem{QStringLiteral("project-problem"), Severity::Error, e.message, e.hint, e.path, e.line, {}, {}});
    }
    for (const Error& e : project.warnings) {
        if (e.code == QLatin1String("loaded-via-alembic")) // values the project's Alembic read for Retort
            findings.append(Problem{QStringLiteral("project-loaded-via-alembic"), Severity::Info, e.message, e.hint, e.path, e.line, {}, {}});
        else
            findings.append(Problem{QStringLiteral("project-warning"), Severity::Warning, e.message, e.hint, e.path, e.line, {}, {}});
    }

    sort(findings);
    log::info(log::Area::Doctor, QStringLiteral("doctor: %1 finding(s) in project %2").arg(findings.size()).arg(config.rootDir));
    return findings;
}

QVector<Problem> Doctor::checkDatabase(const LoadedProject& project, const RevisionGraph& lenientGraph,
                                       const DatabaseCheckOptions& options)
{
    QVector<Problem> findings = doctor::DatabaseCheck::run(project, lenientGraph, options);
    sort(findings);
    log::info(log::Area::Doctor, QStringLiteral("doctor: %1 database finding(s) for %2")
                                     .arg(findings.size())
                                     .arg(DatabaseUrl::redactedText(options.url)));
    return findings;
}

QFuture<QVector<Problem>> Doctor::checkDatabaseAsync(const LoadedProject& project, const RevisionGraph& lenientGraph,
                                                     const DatabaseCheckOptions& options)
{
    return QtConcurrent::run([project, lenientGraph, options] { return checkDatabase(project, lenientGraph, options); });
}

bool Doctor::hasErrors(const QVector<Problem>& findings)
{
    return retort::hasErrors(findings);
}

void Doctor::sort(QVector<Problem>& findings)
{
    sortProblems(findings);
}

QString Doctor::formatText(const QVector<Problem>& findings, const QString& baseDir)
{
    if (findings.isEmpty())
        return QStringLiteral("No problems found.\n");
    QString out;
    int counts[3] = {0, 0, 0};
    const QString titles[3] = {QStringLiteral("Errors"), QStringLiteral("Warnings"), QStringLiteral("Info")};
    for (int rank = 0; rank < 3; ++rank) {
        bool titled = false;
        for (const Problem& f : findings) {
            if (severityRank(f.severity) != rank)
                continue;
            if (!titled) {
                if (!out.isEmpty())
                    out += QLatin1Char('\n');
                out += titles[rank] + QStringLiteral(":\n");
                titled = true;
            }
            ++counts[rank];
            out += QStringLiteral("  ") + f.toString(baseDir) + QStringLiteral("  [") + f.code + QStringLiteral("]\n");
            if (!f.hint.isEmpty()) {
                QString hint = redactUrl(f.hint);
                hint.replace(QLatin1Char('\n'), QStringLiteral("\n          "));
                out += QStringLiteral("      hint: ") + hint + QLatin1Char('\n');
            }
            if (!f.fix.isEmpty())
                out += QStringLiteral("      fix:  ") + redactUrl(f.fix) + QLatin1Char('\n');
        }
    }
    out += QStringLiteral("\n%1 error(s), %2 warning(s), %3 info\n").arg(counts[0]).arg(counts[1]).arg(counts[2]);
    return out;
}

} // namespace retort
