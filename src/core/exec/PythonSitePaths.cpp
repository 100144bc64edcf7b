#include "core/exec/PythonSitePaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <unistd.h>

namespace retort {

namespace {

QString envValue(const QStringList& environment, const QString& name)
{
    const QString prefix = name + QLatin1Char('=');
    for (const QString& entry : environment) {
        if (entry.startsWith(prefix))
            return entry.mid(prefix.size());
    }
    return {};
}

bool isDir(const QString& path)
{
    return QFileInfo(path).isDir();
}

bool isFile(const QString& path)
{
    return QFileInfo(path).isFile();
}

// "3.11.2", "3.11.2.final.0" -> "3.11"
QString majorMinor(const QString& version)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(3\\.\\d+)(?:\\.|\\s|$)"));
    const auto m = re.match(version);
    return m.hasMatch() ? m.captured(1) : QString();
}

// The one python3.X folder of <prefix>/lib holding the standard library, "" when none or several.
QString onlyStdlibVersion(const QString& prefix)
{
    const QStringList dirs = QDir(prefix + QStringLiteral("/lib")).entryList({QStringLiteral("python3.*")}, QDir::Dirs);
    QString found;
    for (const QString& dir : dirs) {
        const QString version = majorMinor(dir.mid(6));
        if (version.isEmpty() || dir.mid(6) != version)
            continue;
        if (!found.isEmpty())
            return {};
        found = version;
    }
    return found;
}

bool hasStdlib(const QString& prefix, const QString& version)
{
    return isFile(QStringLiteral("%1/lib/python%2/os.py").arg(prefix, version));
}

} // namespace

std::optional<PythonSitePaths> PythonSitePaths::read(const QString& program, const QString& workingDir)
{
    return read(program, workingDir, QProcessEnvironment::systemEnvironment().toStringList());
}

std::optional<PythonSitePaths> PythonSitePaths::read(const QString& program, const QString& workingDir,
                                                     const QStringList& environment)
{
    if (!envValue(environment, QStringLiteral("PYTHONHOME")).isEmpty())
        return std::nullopt; // another standard library and site directories: ask the interpreter
    const QFileInfo exe(program);
    if (!exe.isAbsolute() || !exe.isFile())
        return std::nullopt;
    const QString cwd = workingDir.isEmpty() ? QDir::currentPath() : QDir(workingDir).absolutePath();

    PythonSitePaths paths;
    QStringList known; // site.py's known_paths: a folder is added once
    auto addEntry = [&](const QString& path) {
        const QString clean = QDir::cleanPath(path);
        if (known.contains(clean))
            return false;
        known << clean;
        paths.m_entries << clean;
        return true;
    };
    // sys.path[0] of `python -` is '' (the working directory), unless PYTHONSAFEPATH.
    if (envValue(environment, QStringLiteral("PYTHONSAFEPATH")).isEmpty())
        addEntry(cwd);
    for (const QString& part : envValue(environment, QStringLiteral("PYTHONPATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        const QString path = QDir(cwd).absoluteFilePath(part);
        if (QFileInfo::exists(path))
            addEntry(path);
    }

    // site.addsitedir: the folder, then what its .pth files add (sorted names, path lines appended,
    // `import` lines executed).
    auto addSiteDir = [&](const QString& dir) {
        if (!isDir(dir) || !addEntry(dir))
            return;
        const int entry = int(paths.m_entries.size()) - 1;
        const QStringList pthFiles = QDir(dir).entryList({QStringLiteral("*.pth")}, QDir::Files, QDir::Name);
        for (const QString& name : pthFiles) {
            if (name.startsWith(QLatin1Char('.')))
                continue;
            QFile file(dir + QLatin1Char('/') + name);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray& raw : file.readAll().split('\n')) {
                const QString line = QString::fromUtf8(raw);
                if (line.startsWith(QLatin1Char('#')) || line.trimmed().isEmpty())
                    continue;
                if (line.startsWith(QLatin1String("import ")) || line.startsWith(QLatin1String("import\t"))) {
                    paths.m_importLines.push_back(ImportLine{entry, line});
                    continue;
                }
                const QString path = QDir(dir).absoluteFilePath(QString(line).remove(QRegularExpression(QStringLiteral("\\s+$"))));
                if (QFileInfo::exists(path))
                    addEntry(path);
            }
        }
    };
    const bool userSiteAllowed = envValue(environment, QStringLiteral("PYTHONNOUSERSITE")).isEmpty() && ::getuid() == ::geteuid()
                                 && ::getgid() == ::getegid();
    auto addUserSite = [&](const QString& version) {
        if (!userSiteAllowed)
            return;
        QString base = envValue(environment, QStringLiteral("PYTHONUSERBASE"));
        if (base.isEmpty()) {
            const QString home = envValue(environment, QStringLiteral("HOME"));
            if (home.isEmpty())
                return;
            base = home + QStringLiteral("/.local");
        }
        addSiteDir(QStringLiteral("%1/lib/python%2/site-packages").arg(base, version));
    };
    auto addPrefixSites = [&](const QString& prefix, const QString& version) {
        if (isDir(prefix + QStringLiteral("/lib/python3/dist-packages"))) {
            // Debian's site.getsitepackages
            addSiteDir(QStringLiteral("%1/local/lib/python%2/dist-packages").arg(prefix, version));
            addSiteDir(prefix + QStringLiteral("/lib/python3/dist-packages"));
            addSiteDir(QStringLiteral("%1/lib/python%2/dist-packages").arg(prefix, version));
        } else {
            addSiteDir(QStringLiteral("%1/lib/python%2/site-packages").arg(prefix, version));
        }
    };

    const QString exeDir = exe.absolutePath();
    const QString sitePrefix = QFileInfo(exeDir).absolutePath();
    QString cfgPath = exeDir + QStringLiteral("/pyvenv.cfg");
    if (!isFile(cfgPath))
        cfgPath = sitePrefix + QStringLiteral("/pyvenv.cfg");
    if (isFile(cfgPath)) {
        // site.venv(): sys.prefix is the folder above bin/, whatever the executable links to.
        QFile cfg(cfgPath);
        if (!cfg.open(QIODevice::ReadOnly))
            return std::nullopt;
        QString home;
        QString systemSite = QStringLiteral("true");
        QString version;
        for (const QByteArray& raw : cfg.readAll().split('\n')) {
            const QString line = QString::fromUtf8(raw);
            const qsizetype eq = line.indexOf(QLatin1Char('='));
            if (eq < 0)
                continue;
            const QString key = line.left(eq).trimmed().toLower();
            const QString value = line.mid(eq + 1).trimmed();
            if (key == QLatin1String("include-system-site-packages"))
                systemSite = value.toLower();
            else if (key == QLatin1String("home"))
                home = value;
            else if ((key == QLatin1String("version") || key == QLatin1String("version_info")) && version.isEmpty())
                version = majorMinor(value);
        }
        if (version.isEmpty())
            version = onlyStdlibVersion(sitePrefix);
        if (version.isEmpty())
            return std::nullopt;
        paths.m_pythonVersion = version;
        paths.m_virtualEnv = true;
        addSiteDir(QStringLiteral("%1/lib/python%2/site-packages").arg(sitePrefix, version));
        if (systemSite == QLatin1String("true")) {
            const QString basePrefix = home.isEmpty() ? QString() : QFileInfo(QDir::cleanPath(home)).absolutePath();
            if (basePrefix.isEmpty() || !hasStdlib(basePrefix, version))
                return std::nullopt;
            addUserSite(version);
            addPrefixSites(basePrefix, version);
        }
        return paths;
    }

    // A real interpreter: the executable followed through its symlinks, named python3.X, with its
    // standard library at <prefix>/lib/python3.X.
    const QFileInfo real(exe.canonicalFilePath());
    static const QRegularExpression named(QStringLiteral("^python(3\\.\\d+)$"));
    const auto m = named.match(real.fileName());
    const QString prefix = QFileInfo(real.absolutePath()).absolutePath();
    QString version = m.hasMatch() ? m.captured(1) : QString();
    if (version.isEmpty() && real.fileName() == QLatin1String("python3"))
        version = onlyStdlibVersion(prefix);
    if (version.isEmpty() || !hasStdlib(prefix, version))
        return std::nullopt;
    paths.m_pythonVersion = version;
    addUserSite(version);
    addPrefixSites(prefix, version);
    return paths;
}

PythonSitePaths::Found PythonSitePaths::find(const QString& name) const
{
    Found found;
    for (const ImportLine& line : m_importLines) {
        if (line.text.contains(name, Qt::CaseInsensitive)) {
            found.why = QStringLiteral("a .pth file of %1 imports code about '%2' (%3)").arg(m_entries.at(line.entry), name, line.text.trimmed());
            return found;
        }
    }
    for (const QString& entry : m_entries) {
        const QFileInfo info(entry);
        if (!info.isDir()) {
            found.why = QStringLiteral("%1 on the path is an archive").arg(entry);
            return found;
        }
        const QString init = QStringLiteral("%1/%2/__init__.py").arg(entry, name);
        if (isFile(init)) {
            found.sure = true;
            found.packageInit = init;
            return found;
        }
        if (isFile(QStringLiteral("%1/%2.py").arg(entry, name))) {
            found.why = QStringLiteral("%1 holds a module %2.py").arg(entry, name);
            return found;
        }
    }
    found.sure = true;
    return found;
}

} // namespace retort
