#include "core/alembic/ProjectLocator.h"

#include "core/alembic/EnvPyReader.h"
#include "core/alembic/IniFile.h"
#include "core/alembic/TomlTable.h"
#include "core/log/Log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <optional>

namespace retort {

namespace {

const QString kSection = QStringLiteral("alembic");

Error makeError(const QString& code, const QString& message, const QString& path, int line, const QString& hint)
{
    Error e;
    e.code = code;
    e.message = message;
    e.path = path;
    e.line = line;
    e.hint = hint;
    return e;
}

// Alembic's util.coerce_resource_to_filename, without Python: "pkg.sub:path/in/pkg" is looked up
// as the folder pkg/sub next to the config file (or in its src/ folder, or its parent folder).
// Relative plain paths are taken relative to the config file's folder (Alembic uses the working
// directory, which is that folder when alembic runs where alembic.ini is).
std::optional<QString> resolveOrExplain(const QString& value, const QString& baseDir, QString* why)
{
    const ProjectLocator::ResolvedLocation resolved = ProjectLocator::resolveLocation(value, baseDir);
    if (!resolved.found) {
        *why = resolved.why;
        return std::nullopt;
    }
    return resolved.path;
}

// A %(here)s-style substitution for TOML strings (Alembic: value % toml_args).
Result<QString> tomlInterpolate(const QString& value, const QString& here, const QString& path, int line)
{
    QString out;
    static const QRegularExpression keyRe(QStringLiteral("^%\\(([^)]+)\\)s"));
    qsizetype i = 0;
    while (i < value.size()) {
        const QChar c = value[i];
        if (c != QLatin1Char('%')) {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 < value.size() && value[i + 1] == QLatin1Char('%')) {
            out += QLatin1Char('%');
            i += 2;
            continue;
        }
        const auto m = keyRe.match(value.mid(i));
        if (m.hasMatch() && m.captured(1) == QLatin1String("here")) {
            out += here;
            i += m.capturedLength(0);
            continue;
        }
        return makeError(QStringLiteral("config-bad-value"),
                         QStringLiteral("unsupported %-substitution in '%1' (only %(here)s and %% are known)").arg(value), path,
                         line, QStringLiteral("Use %(here)s for the folder of pyproject.toml, %% for a literal '%'."));
    }
    return out;
}

} // namespace

Result<QStringList> ProjectLocator::splitVersionLocations(const QString& value, const QString& separatorKey,
                                                         const std::optional<QString>& separatorValue,
                                                         const AlembicVersion& alembic)
{
    QStringList entries;
    if (!separatorValue) {
        // legacy: re.split(r", *|(?: +)", value)
        static const QRegularExpression legacy(QStringLiteral(", *| +"));
        entries = value.split(legacy, Qt::SkipEmptyParts);
        return entries;
    }
    const bool modern = alembic.readsPyprojectToml(); // 1.16 added 'newline' with path_separator
    QString sep;
    const QString& kind = *separatorValue;
    if (kind == QLatin1String("space"))
        sep = QStringLiteral(" ");
    else if (kind == QLatin1String("newline") && modern)
        sep = QStringLiteral("\n");
    else if (kind == QLatin1String("os"))
        sep = QDir::listSeparator();
    else if (kind == QLatin1String(":") || kind == QLatin1String(";"))
        sep = kind;
    else
        return Error{QStringLiteral("config-bad-value"),
                     modern ? QStringLiteral("'%1' is not a valid value for %2; expected 'space', 'newline', 'os', ':', ';'").arg(kind, separatorKey)
                            : QStringLiteral("'%1' is not a valid value for %2; expected 'space', 'os', ':', ';'").arg(kind, separatorKey),
                     QStringLiteral("Use %1 = os.").arg(separatorKey), {}, 0};
    const bool strip = !alembic.isKnown() || alembic.atLeast(1, 10); // Alembic >= 1.10 strips each entry
    for (const QString& x : value.split(sep)) {
        const QString entry = strip ? x.trimmed() : x;
        if (!entry.isEmpty())
            entries.append(entry);
    }
    return entries;
}

ProjectLocator::ResolvedLocation ProjectLocator::resolveLocation(const QString& value, const QString& baseDir)
{
    ResolvedLocation out;
    if (QDir::isAbsolutePath(value) || !value.contains(QLatin1Char(':'))) {
        out.path = QDir::cleanPath(QDir(baseDir).absoluteFilePath(value));
        return out;
    }
    out.isResource = true;
    const QStringList tokens = value.split(QLatin1Char(':'));
    QString package = tokens.first();
    package.replace(QLatin1Char('.'), QLatin1Char('/'));
    QString tail;
    for (const QString& t : tokens.mid(1))
        if (!t.isEmpty())
            tail += QLatin1Char('/') + t;
    const QStringList roots = {baseDir, baseDir + QStringLiteral("/src"), QFileInfo(baseDir).absolutePath()};
    for (const QString& root : roots) {
        const QString pkgDir = QDir::cleanPath(root + QLatin1Char('/') + package);
        if (QFileInfo(pkgDir).isDir()) {
            out.path = QDir::cleanPath(pkgDir + tail);
            return out;
        }
    }
    out.found = false;
    out.path = QDir::cleanPath(baseDir + QLatin1Char('/') + package + tail);
    out.why = QStringLiteral("package '%1' not found as a folder in %2").arg(tokens.first(), roots.join(QStringLiteral(", ")));
    return out;
}

Result<ProjectConfig> ProjectLocator::forVersionsDir(const QString& dir, bool recursive)
{
    const QFileInfo fi(dir);
    if (!fi.isDir())
        return makeError(QStringLiteral("path-not-found"),
                         fi.exists() ? QStringLiteral("'%1' is not a folder").arg(dir)
                                     : QStringLiteral("versions folder '%1' does not exist").arg(dir),
                         dir, 0, QStringLiteral("Pass the folder that holds the revision files (--versions DIR)."));
    ProjectConfig c;
    c.rootDir = QDir::cleanPath(fi.absoluteFilePath());
    c.versionLocations = {c.rootDir};
    c.versionLocationSources = {QStringLiteral("--versions")};
    c.recursiveVersionLocations = recursive;
    return c;
}

Result<ProjectConfig> ProjectLocator::locate(const QString& folderOrConfigFile, const AlembicVersion& alembic)
{
    const QFileInfo fi(folderOrConfigFile);
    if (!fi.exists())
        return makeError(QStringLiteral("project-not-found"), QStringLiteral("'%1' does not exist").arg(folderOrConfigFile),
                         folderOrConfigFile, 0,
                         QStringLiteral("Pass the folder holding alembic.ini, the .ini file itself, or a versions folder with --versions."));

    QString iniPath, tomlPath;
    if (fi.isDir()) {
        const QDir d(fi.absoluteFilePath());
        if (QFileInfo(d.filePath(QStringLiteral("alembic.ini"))).isFile())
            iniPath = d.filePath(QStringLiteral("alembic.ini"));
        if (QFileInfo(d.filePath(QStringLiteral("pyproject.toml"))).isFile())
            tomlPath = d.filePath(QStringLiteral("pyproject.toml"));
    } else if (fi.fileName().endsWith(QLatin1String(".toml"), Qt::CaseInsensitive)) {
        tomlPath = fi.absoluteFilePath();
    } else {
        iniPath = fi.absoluteFilePath();
        const QString sibling = fi.absolutePath() + QStringLiteral("/pyproject.toml");
        if (QFileInfo(sibling).isFile())
            tomlPath = sibling;
    }
    iniPath = iniPath.isEmpty() ? iniPath : QDir::cleanPath(iniPath);
    tomlPath = tomlPath.isEmpty() ? tomlPath : QDir::cleanPath(tomlPath);
    QStringList ignored;
    if (!tomlPath.isEmpty() && !alembic.readsPyprojectToml()) {
        // Alembic before 1.16 reads alembic.ini only.
        if (iniPath.isEmpty())
            return makeError(QStringLiteral("project-not-found"),
                             QStringLiteral("Alembic %1 reads no pyproject.toml ([tool.alembic] is read from Alembic 1.16); "
                                            "no alembic.ini in '%2'")
                                 .arg(alembic.toString(), QFileInfo(tomlPath).absolutePath()),
                             tomlPath, 0,
                             QStringLiteral("Upgrade the project's Alembic to 1.16 or later, or write the configuration to alembic.ini."));
        tomlPath.clear();
    }

    std::optional<IniFile> ini;
    if (!iniPath.isEmpty()) {
        Result<IniFile> r = IniFile::load(iniPath);
        if (!r.ok())
            return r.error();
        ini = std::move(r.value());
    }
    const bool iniHasSection = ini && ini->hasSection(kSection);
    std::optional<TomlTable> toml;
    if (!tomlPath.isEmpty()) {
        // With an [alembic] section the ini alone is a complete configuration (Alembic < 1.16 never
        // reads pyproject.toml): a pyproject.toml Retort cannot read is then only a warning.
        Result<TomlTable> r = Error{};
        QFile f(tomlPath);
        if (f.open(QIODevice::ReadOnly))
            r = TomlTable::read(f.readAll(), tomlPath, QStringLiteral("tool.alembic"));
        else
            r = makeError(QStringLiteral("project-not-found"), QStringLiteral("cannot read %1: %2").arg(tomlPath, f.errorString()),
                          tomlPath, 0, QStringLiteral("Check that the file is readable."));
        if (!r.ok()) {
            if (!iniHasSection)
                return r.error();
            log::warn(log::Area::Project, QStringLiteral("ignoring %1: %2").arg(tomlPath, r.error().toString()));
        } else if (r->found()) {
            toml = std::move(r.value());
        }
    }
    if (!iniHasSection && !toml) {
        if (ini)
            return makeError(QStringLiteral("config-missing-key"),
                             QStringLiteral("No config file '%1' found, or file has no '[alembic]' section").arg(iniPath),
                             iniPath, 0, QStringLiteral("Add an [alembic] section with script_location, or point Retort at the right .ini file."));
        if (!tomlPath.isEmpty() && !fi.isDir())
            return makeError(QStringLiteral("config-missing-key"), QStringLiteral("%1 has no [tool.alembic] table").arg(tomlPath),
                             tomlPath, 0, QStringLiteral("Add [tool.alembic] with script_location (Alembic 1.16+), or use alembic.ini."));
        return makeError(QStringLiteral("project-not-found"),
                         QStringLiteral("no alembic.ini or pyproject.toml with [tool.alembic] in '%1'").arg(fi.absoluteFilePath()),
                         fi.absoluteFilePath(), 0,
                         QStringLiteral("Open the folder that holds alembic.ini, or a bare versions folder with --versions DIR."));
    }

    ProjectConfig c;
    const QString iniDir = iniPath.isEmpty() ? QString() : QFileInfo(iniPath).absolutePath();
    const QString tomlDir = tomlPath.isEmpty() ? QString() : QFileInfo(tomlPath).absolutePath();
    c.configFile = iniHasSection ? iniPath : tomlPath;
    c.rootDir = iniHasSection ? iniDir : tomlDir;
    c.configSection = iniHasSection ? kSection : QString();

    // Reads an option the way Alembic 1.16's get_alembic_option does: the ini's [alembic] first,
    // then [tool.alembic]. `fromToml` tells where it came from.
    auto iniValue = [&](const QString& key) -> Result<std::optional<QString>> {
        if (!iniHasSection)
            return std::optional<QString>();
        return ini->value(kSection, key);
    };
    auto where = [&](const QString& key, bool fromToml) {
        return fromToml ? QStringLiteral("[tool.alembic] %1 in %2").arg(key, tomlPath)
                        : QStringLiteral("%1 in %2").arg(key, iniPath);
    };
    auto lineOf = [&](const QString& key, bool fromToml) {
        return fromToml ? toml->get(key).line : ini->line(kSection, key);
    };

    // script_location
    QString scriptLocation;
    bool scriptFromToml = false;
    {
        Result<std::optional<QString>> v = iniValue(QStringLiteral("script_location"));
        if (!v.ok())
            return v.error();
        if (v->has_value()) {
            scriptLocation = **v;
        } else if (toml && toml->has(QStringLiteral("script_location"))) {
            const TomlValue tv = toml->get(QStringLiteral("script_location"));
            if (tv.type != TomlValue::Type::String)
                return makeError(QStringLiteral("config-bad-value"), QStringLiteral("[tool.alembic] script_location must be a string"),
                                 tomlPath, tv.line, QStringLiteral("Write script_location = \"%(here)s/alembic\"."));
            Result<QString> s = tomlInterpolate(tv.text, tomlDir, tomlPath, tv.line);
            if (!s.ok())
                return s.error();
            scriptLocation = s.value();
            scriptFromToml = true;
        } else {
            return makeError(QStringLiteral("config-missing-key"), QStringLiteral("No 'script_location' key found in configuration."),
                             c.configFile, 0, QStringLiteral("Add script_location = %(here)s/alembic (the folder holding env.py)."));
        }
    }
    const QString baseDir = scriptFromToml ? tomlDir : iniDir;
    c.scriptLocationRaw = scriptLocation;
    {
        QString why;
        const auto resolved = resolveOrExplain(scriptLocation, baseDir, &why);
        if (!resolved)
            return makeError(QStringLiteral("script-location-missing"),
                             QStringLiteral("cannot resolve script_location '%1': %2").arg(scriptLocation, why),
                             scriptFromToml ? tomlPath : iniPath, lineOf(QStringLiteral("script_location"), scriptFromToml),
                             QStringLiteral("Retort does not run Python: the package must be a folder of the project."));
        c.scriptLocation = *resolved;
    }
    if (!QFileInfo(c.scriptLocation).isDir())
        return makeError(QStringLiteral("script-location-missing"),
                         QStringLiteral("Path doesn't exist: '%1' (%2)").arg(c.scriptLocation, where(QStringLiteral("script_location"), scriptFromToml)),
                         scriptFromToml ? tomlPath : iniPath, lineOf(QStringLiteral("script_location"), scriptFromToml),
                         QStringLiteral("Fix script_location, or run `alembic init` to create the scripts folder."));

    // version_locations
    {
        Result<std::optional<QString>> v = iniValue(QStringLiteral("version_locations"));
        if (!v.ok())
            return v.error();
        QStringList entries;
        bool fromToml = false;
        if (v->has_value() && !(*v)->isEmpty()) {
            const QString str = **v;
            QString sepKey;
            std::optional<QString> sepValue;
            QStringList separatorKeys{QStringLiteral("path_separator"), QStringLiteral("version_path_separator")};
            if (!alembic.readsPyprojectToml())
                separatorKeys.removeFirst(); // path_separator is 1.16's
            for (const QString& key : std::as_const(separatorKeys)) {
                Result<std::optional<QString>> s = iniValue(key);
                if (!s.ok())
                    return s.error();
                if (s->has_value()) {
                    sepKey = key;
                    sepValue = **s;
                    break;
                }
            }
            Result<QStringList> split = splitVersionLocations(str, sepKey, sepValue, alembic);
            if (!split.ok()) {
                Error e = split.error();
                e.path = iniPath;
                e.line = ini->line(kSection, sepKey);
                return e;
            }
            entries = split.value();
        } else if (toml && toml->has(QStringLiteral("version_locations"))) {
            fromToml = true;
            const TomlValue tv = toml->get(QStringLiteral("version_locations"));
            QList<TomlValue> items;
            if (tv.type == TomlValue::Type::Array)
                items = tv.items;
            else if (tv.type == TomlValue::Type::String)
                items = {tv};
            for (const TomlValue& item : items) {
                if (item.type != TomlValue::Type::String)
                    return makeError(QStringLiteral("config-bad-value"),
                                     QStringLiteral("[tool.alembic] version_locations must be a list of strings"), tomlPath,
                                     item.line, QStringLiteral("Write version_locations = [\"%(here)s/alembic/versions\"]."));
                Result<QString> s = tomlInterpolate(item.text, tomlDir, tomlPath, item.line);
                if (!s.ok())
                    return s.error();
                entries.append(s.value());
            }
        }
        const QString source = where(QStringLiteral("version_locations"), fromToml);
        const QString locBase = fromToml ? tomlDir : iniDir;
        for (const QString& entry : entries) {
            if (entry.isEmpty())
                continue; // Alembic would take abspath(""), the working directory; never intended
            QString why;
            const auto resolved = resolveOrExplain(entry, locBase, &why);
            if (!resolved)
                return makeError(QStringLiteral("path-not-found"),
                                 QStringLiteral("cannot resolve version location '%1' (%2): %3").arg(entry, source, why),
                                 fromToml ? tomlPath : iniPath, lineOf(QStringLiteral("version_locations"), fromToml),
                                 QStringLiteral("Retort does not run Python: the package must be a folder of the project."));
            c.versionLocations.append(*resolved);
            c.versionLocationSources.append(source);
        }
        c.versionLocationsExplicit = !c.versionLocations.isEmpty();
        if (c.versionLocations.isEmpty()) {
            c.versionLocations = {c.scriptLocation + QStringLiteral("/versions")};
            c.versionLocationSources = {where(QStringLiteral("script_location"), scriptFromToml)
                                        + QStringLiteral(" (its versions folder)")};
        }
    }

    // booleans: ini compares with "true"; TOML needs a real boolean
    auto boolOption = [&](const QString& key, bool* out) -> Status {
        Result<std::optional<QString>> v = iniValue(key);
        if (!v.ok())
            return v.error();
        if (v->has_value()) {
            *out = **v == QLatin1String("true");
            return Ok{};
        }
        if (toml && toml->has(key)) {
            const TomlValue tv = toml->get(key);
            if (tv.type != TomlValue::Type::Bool)
                return makeError(QStringLiteral("config-bad-value"),
                                 QStringLiteral("boolean value expected for TOML parameter '%1'").arg(key), tomlPath, tv.line,
                                 QStringLiteral("Write %1 = true or false.").arg(key));
            *out = tv.boolean;
        }
        return Ok{};
    };
    if (Status s = boolOption(QStringLiteral("recursive_version_locations"), &c.recursiveVersionLocations); !s.ok())
        return s.error();
    if (c.recursiveVersionLocations && !alembic.honoursRecursiveVersionLocations()) {
        c.recursiveVersionLocations = false;
        ignored << QStringLiteral("recursive_version_locations = true in %1 (Alembic %2 ignores it: sub-folders of the "
                                  "version locations are read from Alembic 1.10)")
                       .arg(c.configFile, alembic.toString());
    }
    if (Status s = boolOption(QStringLiteral("sourceless"), &c.sourceless); !s.ok())
        return s.error();

    // sqlalchemy.url (ini only), interpolated like Config.get_main_option; raw text when that fails
    if (iniHasSection) {
        Result<std::optional<QString>> v = ini->value(kSection, QStringLiteral("sqlalchemy.url"));
        if (v.ok() && v->has_value())
            c.sqlalchemyUrl = **v;
        else if (!v.ok())
            c.sqlalchemyUrl = ini->raw(kSection, QStringLiteral("sqlalchemy.url")).value_or(QString());
    }

    c.ignoredByAlembic = ignored;

    // env.py
    const QString envPy = c.scriptLocation + QStringLiteral("/env.py");
    if (QFileInfo(envPy).isFile()) {
        c.envPy = envPy;
        QFile f(envPy);
        if (f.open(QIODevice::ReadOnly)) {
            const EnvPyFacts facts = EnvPyReader::read(f.readAll());
            c.versionTable = facts.versionTable;
            c.versionTableSchema = facts.versionTableSchema;
            c.transactionPerMigration = facts.transactionPerMigration;
            c.envPyUnresolved = facts.unresolved;
        }
    }
    return c;
}

} // namespace retort
