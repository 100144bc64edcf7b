#include "core/doctor/ConfigCheck.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <functional>

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

// Resolves a location like Alembic (and ProjectLocator) do: absolute, `package:path` (looked up
// relative to the ini's folder and its src/), else relative to the ini's folder.
QString resolveLocation(const QString& iniDir, const QString& value, bool* isResource)
{
    *isResource = false;
    if (QDir::isAbsolutePath(value))
        return QDir::cleanPath(value);
    if (value.contains(QLatin1Char(':'))) {
        *isResource = true;
        QStringList parts = value.split(QLatin1Char(':'));
        QString package = parts.takeFirst();
        package.replace(QLatin1Char('.'), QLatin1Char('/'));
        const QString tail = parts.join(QLatin1Char('/'));
        for (const QString& base : QStringList{iniDir, iniDir + QStringLiteral("/src")}) {
            const QString candidate = QDir::cleanPath(base + QLatin1Char('/') + package + QLatin1Char('/') + tail);
            if (QFileInfo(candidate).isDir())
                return candidate;
        }
        return QDir::cleanPath(iniDir + QLatin1Char('/') + package + QLatin1Char('/') + tail);
    }
    return QDir::cleanPath(iniDir + QLatin1Char('/') + value);
}

// Folders near the ini (below it, or below its parent) that satisfy `accept`, best first: same
// base name as `wanted`, then fewest path components away from the ini.
QStringList suggestFolders(const QString& iniDir, const QString& wanted, const std::function<bool(const QDir&)>& accept)
{
    QStringList found;
    int budget = 4000;
    findFolders(iniDir, 4, accept, &found, &budget);
    const QString parent = QFileInfo(iniDir).absolutePath();
    if (parent != iniDir) {
        QStringList above;
        findFolders(parent, 3, accept, &above, &budget);
        for (const QString& f : std::as_const(above)) {
            if (!found.contains(f))
                found << f;
        }
    }
    const QString wantedName = QFileInfo(wanted).fileName();
    auto score = [&](const QString& folder) {
        const int distance = int(QDir(iniDir).relativeFilePath(folder).count(QLatin1Char('/')));
        return (QFileInfo(folder).fileName() == wantedName ? 0 : 100) + distance;
    };
    std::stable_sort(found.begin(), found.end(), [&](const QString& a, const QString& b) { return score(a) < score(b); });
    return found;
}

} // namespace

IniFile IniFile::read(const QString& path, bool* ok)
{
    IniFile ini;
    ini.path = QFileInfo(path).absoluteFilePath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (ok)
            *ok = false;
        return ini;
    }
    if (ok)
        *ok = true;
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    const QStringList lines = text.split(QLatin1Char('\n'));
    static const QRegularExpression sectionRe(QStringLiteral("^\\[([^\\]]+)\\]"));
    QString section;
    Option* current = nullptr;
    for (int i = 0; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        const QString stripped = line.trimmed();
        if (stripped.isEmpty() || stripped.startsWith(QLatin1Char('#')) || stripped.startsWith(QLatin1Char(';'))) {
            // configparser keeps empty lines inside a multi-line value; they do not matter here.
            continue;
        }
        if (current && (line.startsWith(QLatin1Char(' ')) || line.startsWith(QLatin1Char('\t')))) {
            current->raw += QLatin1Char('\n') + stripped;
            continue;
        }
        if (const QRegularExpressionMatch m = sectionRe.match(line); m.hasMatch()) {
            section = m.captured(1);
            ini.sections[section];
            current = nullptr;
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        qsizetype delim = eq;
        if (colon >= 0 && (delim < 0 || colon < delim))
            delim = colon;
        if (delim <= 0 || section.isEmpty()) {
            current = nullptr;
            continue;
        }
        const QString key = line.left(delim).trimmed().toLower();
        Option& opt = ini.sections[section][key];
        opt.raw = line.mid(delim + 1).trimmed();
        opt.line = i + 1;
        current = &opt;
    }
    return ini;
}

const IniFile::Option* IniFile::option(const QString& section, const QString& key) const
{
    const auto s = sections.constFind(section);
    if (s == sections.cend())
        return nullptr;
    const auto o = s->constFind(key);
    return o == s->cend() ? nullptr : &*o;
}

bool IniFile::interpolate(const QString& section, const QString& raw, QString* value, QString* error) const
{
    static const QRegularExpression refRe(QStringLiteral("^%\\(([^)]+)\\)s"));
    QString out;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (c != QLatin1Char('%')) {
            out += c;
            continue;
        }
        if (i + 1 < raw.size() && raw.at(i + 1) == QLatin1Char('%')) {
            out += QLatin1Char('%');
            ++i;
            continue;
        }
        const QRegularExpressionMatch m = refRe.match(QStringView(raw).mid(i));
        if (!m.hasMatch()) {
            *error = QStringLiteral("bad interpolation reference '%1' (write %(name)s, e.g. %(here)s, or %% for a "
                                    "literal percent sign)")
                         .arg(raw.mid(i));
            return false;
        }
        const QString name = m.captured(1).toLower();
        QString replacement;
        if (const Option* own = option(section, name)) {
            replacement = own->raw;
        } else if (const Option* def = option(QStringLiteral("DEFAULT"), name)) {
            replacement = def->raw;
        } else if (name == QLatin1String("here")) {
            replacement = QFileInfo(path).absolutePath();
        } else {
            *error = QStringLiteral("'%(%1)s' names no option of [%2] or [DEFAULT]").arg(m.captured(1), section);
            return false;
        }
        out += replacement;
        i += m.capturedLength() - 1;
    }
    *value = out;
    return true;
}

QVector<Finding> ConfigCheck::run(const QString& folderOrConfigFile)
{
    QVector<Finding> findings;
    const QFileInfo given(folderOrConfigFile);
    QString iniPath;
    if (given.isDir()) {
        iniPath = QDir(given.absoluteFilePath()).filePath(QStringLiteral("alembic.ini"));
    } else if (given.suffix().compare(QLatin1String("ini"), Qt::CaseInsensitive) == 0) {
        iniPath = given.absoluteFilePath();
    }
    if (iniPath.isEmpty() || !QFileInfo(iniPath).isFile())
        return findings;
    bool ok = false;
    const IniFile ini = IniFile::read(iniPath, &ok);
    if (!ok || !ini.sections.contains(kSection))
        return findings;
    const QString iniDir = QFileInfo(iniPath).absolutePath();
    const QString iniName = QFileInfo(iniPath).fileName();

    auto finding = [&](const QString& message, const QString& hint, int line, const QString& fix = {}) {
        findings.append(Finding{QStringLiteral("ini-script-location"), severity::error(), message, hint, iniPath, line, {}, fix});
    };
    auto hasEnvPy = [](const QDir& d) { return d.exists(QStringLiteral("env.py")); };

    const IniFile::Option* script = ini.option(kSection, QStringLiteral("script_location"));
    if (!script) {
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
    if (!ini.interpolate(kSection, script->raw, &scriptValue, &interpolationError)) {
        finding(QStringLiteral("script_location = %1: %2").arg(script->raw, interpolationError),
                QStringLiteral("Write the folder as `%(here)s/<folder>` (the `s` after the parenthesis is required)."),
                script->line);
        return findings;
    }
    bool isResource = false;
    const QString scriptDir = resolveLocation(iniDir, scriptValue, &isResource);
    const bool scriptExists = QFileInfo(scriptDir).isDir();
    if (!scriptExists || !QDir(scriptDir).exists(QStringLiteral("env.py"))) {
        const QStringList candidates = suggestFolders(iniDir, scriptDir, hasEnvPy);
        QString message;
        if (!scriptExists) {
            message = QStringLiteral("script_location = %1 points to %2, which does not exist%3")
                          .arg(script->raw, QDir::toNativeSeparators(scriptDir),
                               isResource ? QStringLiteral(" (read as the package resource `package:path`)") : QString());
        } else {
            message = QStringLiteral("script_location = %1 points to %2, which has no env.py")
                          .arg(script->raw, QDir::toNativeSeparators(scriptDir));
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
        finding(message, hint, script->line);
        return findings;
    }

    // version_locations (or the default <script_location>/versions).
    const IniFile::Option* versions = ini.option(kSection, QStringLiteral("version_locations"));
    if (!versions || versions->raw.trimmed().isEmpty()) {
        const QString versionsDir = scriptDir + QStringLiteral("/versions");
        if (!QFileInfo(versionsDir).isDir()) {
            finding(QStringLiteral("script_location %1 has no versions/ folder and version_locations is not set: Alembic "
                                   "cannot list any revision")
                        .arg(QDir::toNativeSeparators(scriptDir)),
                    QStringLiteral("Create the folder (an empty versions/ is a valid empty history)."), script->line,
                    QStringLiteral("mkdir -p %1").arg(versionsDir));
        }
        return findings;
    }
    QString versionsValue;
    if (!ini.interpolate(kSection, versions->raw, &versionsValue, &interpolationError)) {
        finding(QStringLiteral("version_locations = %1: %2").arg(versions->raw, interpolationError),
                QStringLiteral("Write each folder as `%(here)s/<folder>`."), versions->line);
        return findings;
    }
    QString separator;
    if (const IniFile::Option* sep = ini.option(kSection, QStringLiteral("version_path_separator")))
        separator = sep->raw.trimmed();
    QStringList locations;
    if (separator.isEmpty()) {
        static const QRegularExpression legacyRe(QStringLiteral(", *| +"));
        locations = versionsValue.split(legacyRe, Qt::SkipEmptyParts);
    } else {
        QString splitOn = separator;
        if (separator == QLatin1String("space"))
            splitOn = QStringLiteral(" ");
        else if (separator == QLatin1String("os"))
            splitOn = QStringLiteral(":");
        else if (separator == QLatin1String("newline"))
            splitOn = QStringLiteral("\n");
        locations = versionsValue.split(splitOn, Qt::SkipEmptyParts);
    }
    for (QString location : std::as_const(locations)) {
        location = location.trimmed();
        if (location.isEmpty())
            continue;
        bool resource = false;
        const QString dir = resolveLocation(iniDir, location, &resource);
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
                hint, versions->line);
    }
    return findings;
}

} // namespace retort::doctor
