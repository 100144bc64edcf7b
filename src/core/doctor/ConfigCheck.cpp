#include "core/doctor/ConfigCheck.h"

#include "core/alembic/IniFile.h"
#include "core/alembic/ProjectLocator.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <functional>
#include <optional>

namespace retort::doctor {

namespace {

const QString kSection = QStringLiteral("alembic");

bool isIgnoredDir(const QString& name)
{
    static const QSet<QString> ignored{QStringLiteral(".venv"), QStringLiteral("venv"), QStringLiteral("site-packages"),
                                       QStringLiteral("node_modules"), QStringLiteral(".git"), QStringLiteral("__pycache__"),
                                       QStringLiteral(".tox"), QStringLiteral(".mypy_cache"), QStringLiteral(".pytest_cache"),
                                       QStringLiteral("dist"), QStringLiteral("build")};
    return ignored.contains(name) || name.startsWith(QLatin1String(".venv"));
}

// Folders below `root` (depth-limited, skipping virtualenvs and VCS folders) accepted by `accept`.
void findFolders(const QString& root, int depth, const std::function<bool(const QDir&)>& accept, QStringList* out,
                 int* budget)
{
    if (depth < 0 || *budget <= 0)
        return;
    const QDir dir(root);
    if (accept(dir))
        out->append(QDir::cleanPath(dir.absolutePath()));
    const QStringList children = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (const QString& child : children) {
        if (--*budget <= 0)
            return;
        if (isIgnoredDir(child))
            continue;
        findFolders(dir.filePath(child), depth - 1, accept, out, budget);
    }
}

// The value to write in alembic.ini for `folder`, robust to the current directory.
QString iniValueFor(const QString& iniDir, const QString& folder)
{
    const QString rel = QDir(iniDir).relativeFilePath(folder);
    return rel == QLatin1String(".") ? QStringLiteral("%(here)s") : QStringLiteral("%(here)s/") + rel;
}

// The folder the hint search may not leave: the git work tree that holds the ini (the nearest
// folder above it with a `.git` entry, a folder or a worktree's file), else the ini's own folder.
// A project is never told to use another project's folder.
QString searchBoundary(const QString& iniDir)
{
    for (QDir dir(iniDir);;) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return QDir::cleanPath(dir.absolutePath());
        if (!dir.cdUp())
            return QDir::cleanPath(iniDir);
    }
}

// Folders that satisfy `accept`, best first: those inside the ini's folder before any other,
// and within each group the same base name as `wanted` first, then the fewest path components
// away from the ini. Outside the ini's folder only the rest of its repository is searched (from
// the ini's parent, when that is still inside the repository).
QStringList suggestFolders(const QString& iniDir, const QString& wanted, const std::function<bool(const QDir&)>& accept)
{
    const QString wantedName = QFileInfo(wanted).fileName();
    auto byScore = [&](QStringList folders) {
        auto score = [&](const QString& folder) {
            const int distance = int(QDir(iniDir).relativeFilePath(folder).count(QLatin1Char('/')));
            return (QFileInfo(folder).fileName() == wantedName ? 0 : 100) + distance;
        };
        std::stable_sort(folders.begin(), folders.end(),
                         [&](const QString& a, const QString& b) { return score(a) < score(b); });
        return folders;
    };

    int budget = 4000;
    QStringList inside;
    findFolders(iniDir, 4, accept, &inside, &budget);
    QStringList found = byScore(inside);

    const QString boundary = searchBoundary(iniDir);
    const QString parent = QFileInfo(iniDir).absolutePath();
    const bool parentInRepository =
        QDir::cleanPath(iniDir) != boundary
        && (parent == boundary || parent.startsWith(boundary.endsWith(QLatin1Char('/')) ? boundary : boundary + QLatin1Char('/')));
    if (parentInRepository) {
        QStringList above;
        findFolders(parent, 3, accept, &above, &budget);
        QStringList outside;
        for (const QString& f : std::as_const(above)) {
            if (!found.contains(f))
                outside << f;
        }
        found << byScore(outside);
    }
    return found;
}

} // namespace

QVector<Problem> ConfigCheck::run(const QString& folderOrConfigFile)
{
    QVector<Problem> findings;
    const QFileInfo given(folderOrConfigFile);
    QString iniPath;
    if (given.isDir()) {
        iniPath = QDir(given.absoluteFilePath()).filePath(QStringLiteral("alembic.ini"));
    } else if (given.suffix().compare(QLatin1String("ini"), Qt::CaseInsensitive) == 0) {
        iniPath = given.absoluteFilePath();
    }
    if (iniPath.isEmpty() || !QFileInfo(iniPath).isFile())
        return findings;
    // The same configparser reader ProjectLocator uses, with the line of every key. An .ini it cannot
    // parse at all is reported by the project load itself.
    const Result<IniFile> ini = IniFile::load(iniPath);
    if (!ini || !ini->hasSection(kSection))
        return findings;
    // The interpolated value of a key, or the reader's message when its %(...)s reference is bad.
    auto interpolated = [&](const QString& key, QString* value, QString* error) {
        const Result<std::optional<QString>> v = ini->value(kSection, key);
        if (!v) {
            *error = QStringLiteral("bad interpolation reference (%1)").arg(v.error().message);
            return false;
        }
        *value = v->value_or(QString());
        return true;
    };
    const QString iniDir = QFileInfo(iniPath).absolutePath();
    const QString iniName = QFileInfo(iniPath).fileName();

    auto finding = [&](const QString& message, const QString& hint, int line, const QString& fix = {}) {
        findings.append(Problem{QStringLiteral("ini-script-location"), Severity::Error, message, hint, iniPath, line, {}, fix});
    };
    auto hasEnvPy = [](const QDir& d) { return d.exists(QStringLiteral("env.py")); };

    const std::optional<QString> scriptRaw = ini->raw(kSection, QStringLiteral("script_location"));
    const int scriptLine = ini->line(kSection, QStringLiteral("script_location"));
    if (!scriptRaw) {
        const QStringList candidates = suggestFolders(iniDir, QStringLiteral("migrations"), hasEnvPy);
        finding(QStringLiteral("[alembic] has no script_location: Alembic fails with \"No 'script_location' key found in "
                               "configuration\""),
                candidates.isEmpty() ? QStringLiteral("Add `script_location = %(here)s/<folder with env.py>` under [alembic], "
                                                      "or create the folder with `alembic init migrations`.")
                                     : QStringLiteral("Add `script_location = %1` under [alembic] (the folder with env.py).")
                                           .arg(iniValueFor(iniDir, candidates.first())),
                1);
        return findings;
    }

    QString scriptValue;
    QString interpolationError;
    if (!interpolated(QStringLiteral("script_location"), &scriptValue, &interpolationError)) {
        finding(QStringLiteral("script_location = %1: %2").arg(*scriptRaw, interpolationError),
                QStringLiteral("Write the folder as `%(here)s/<folder>` (the `s` after the parenthesis is required)."),
                scriptLine);
        return findings;
    }
    const ProjectLocator::ResolvedLocation script = ProjectLocator::resolveLocation(scriptValue, iniDir);
    const QString scriptDir = script.path;
    const bool isResource = script.isResource;
    const bool scriptExists = QFileInfo(scriptDir).isDir();
    if (!scriptExists || !QDir(scriptDir).exists(QStringLiteral("env.py"))) {
        const QStringList candidates = suggestFolders(iniDir, scriptDir, hasEnvPy);
        QString message;
        if (!scriptExists) {
            message = QStringLiteral("script_location = %1 points to %2, which does not exist%3")
                          .arg(*scriptRaw, QDir::toNativeSeparators(scriptDir),
                               isResource ? QStringLiteral(" (read as the package resource `package:path`)") : QString());
        } else {
            message = QStringLiteral("script_location = %1 points to %2, which has no env.py")
                          .arg(*scriptRaw, QDir::toNativeSeparators(scriptDir));
        }
        QString hint;
        if (!candidates.isEmpty()) {
            const QString best = candidates.first();
            const QString relToParent = QDir(QFileInfo(iniDir).absolutePath()).relativeFilePath(best);
            const bool wrongBase = !QDir::isAbsolutePath(scriptValue) && !isResource
                                   && QDir::cleanPath(scriptValue) == relToParent;
            hint = wrongBase ? QStringLiteral("`%1` exists relative to the parent of %2's folder, not to %2's folder: "
                                              "write `script_location = %3`.")
                                   .arg(scriptValue, iniName, iniValueFor(iniDir, best))
                             : QStringLiteral("The folder with env.py is %1: write `script_location = %2`.")
                                   .arg(QDir::toNativeSeparators(best), iniValueFor(iniDir, best));
            if (candidates.size() > 1) {
                QStringList others;
                for (qsizetype i = 1; i < candidates.size() && i < 4; ++i)
                    others << QDir(iniDir).relativeFilePath(candidates.at(i));
                hint += QStringLiteral(" Other folders with env.py: %1.").arg(others.join(QStringLiteral(", ")));
            }
        } else {
            hint = QStringLiteral("No folder with env.py was found near %1. Create one with `alembic init <folder>` and "
                                  "point script_location at it (`%(here)s/<folder>` works from any current directory).")
                       .arg(iniName);
        }
        finding(message, hint, scriptLine);
        return findings;
    }

    // version_locations (or the default <script_location>/versions).
    const std::optional<QString> versionsRaw = ini->raw(kSection, QStringLiteral("version_locations"));
    const int versionsLine = ini->line(kSection, QStringLiteral("version_locations"));
    if (!versionsRaw || versionsRaw->trimmed().isEmpty()) {
        const QString versionsDir = scriptDir + QStringLiteral("/versions");
        if (!QFileInfo(versionsDir).isDir()) {
            finding(QStringLiteral("script_location %1 has no versions/ folder and version_locations is not set: Alembic "
                                   "cannot list any revision")
                        .arg(QDir::toNativeSeparators(scriptDir)),
                    QStringLiteral("Create the folder (an empty versions/ is a valid empty history)."), scriptLine,
                    QStringLiteral("mkdir -p %1").arg(versionsDir));
        }
        return findings;
    }
    QString versionsValue;
    if (!interpolated(QStringLiteral("version_locations"), &versionsValue, &interpolationError)) {
        finding(QStringLiteral("version_locations = %1: %2").arg(*versionsRaw, interpolationError),
                QStringLiteral("Write each folder as `%(here)s/<folder>`."), versionsLine);
        return findings;
    }
    // Split and resolved with ProjectLocator's rules (the ones loading uses), so the doctor
    // reports exactly the folders Retort and Alembic look in.
    QString separatorKey;
    std::optional<QString> separator;
    for (const QString& key : {QStringLiteral("path_separator"), QStringLiteral("version_path_separator")}) {
        if (const std::optional<QString> sep = ini->raw(kSection, key)) {
            separatorKey = key;
            separator = sep->trimmed();
            break;
        }
    }
    const Result<QStringList> locations = ProjectLocator::splitVersionLocations(versionsValue, separatorKey, separator);
    if (!locations.ok()) {
        finding(locations.error().message, locations.error().hint, ini->line(kSection, separatorKey));
        return findings;
    }
    for (const QString& location : locations.value()) {
        const QString dir = ProjectLocator::resolveLocation(location, iniDir).path;
        if (QFileInfo(dir).isDir())
            continue;
        const QString wantedName = QFileInfo(dir).fileName();
        const QStringList candidates = suggestFolders(iniDir, dir, [&](const QDir& d) {
            return d.dirName() == wantedName && !d.entryList({QStringLiteral("*.py")}, QDir::Files).isEmpty();
        });
        const QString hint = candidates.isEmpty()
                                 ? QStringLiteral("Create the folder or remove it from version_locations.")
                                 : QStringLiteral("A folder of that name with revision files is %1: write `%2` in "
                                                  "version_locations.")
                                       .arg(QDir::toNativeSeparators(candidates.first()), iniValueFor(iniDir, candidates.first()));
        finding(QStringLiteral("version_locations names %1, which does not exist: Alembic skips it silently, so its "
                               "revisions are invisible")
                    .arg(QDir::toNativeSeparators(dir)),
                hint, versionsLine);
    }
    return findings;
}

} // namespace retort::doctor
