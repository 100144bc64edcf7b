#include "core/doctor/ImportCheck.h"

#include "core/python/PythonSource.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace retort::doctor {

using py::PythonSource;

namespace {

bool isSkippedDir(const QString& name)
{
    static const QSet<QString> skipped{QStringLiteral(".venv"), QStringLiteral("venv"), QStringLiteral("site-packages"),
                                       QStringLiteral("node_modules"), QStringLiteral(".git"), QStringLiteral("__pycache__"),
                                       QStringLiteral(".tox"), QStringLiteral(".mypy_cache"), QStringLiteral(".pytest_cache")};
    return skipped.contains(name);
}

bool isIdentifier(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_]\\w*$"));
    return re.match(s).hasMatch();
}

// Lists .py files below `dir`, skipping virtualenvs, VCS folders and `excludedDirs`.
void listPythonFiles(const QString& dir, const QStringList& excludedDirs, QStringList* out)
{
    if (out->size() >= ImportCheck::MaxFiles)
        return;
    const QDir d(dir);
    const QFileInfoList entries = d.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (const QFileInfo& fi : entries) {
        if (fi.isDir()) {
            if (isSkippedDir(fi.fileName()) || fi.fileName().startsWith(QLatin1String(".venv")))
                continue;
            const QString path = QDir::cleanPath(fi.absoluteFilePath());
            if (excludedDirs.contains(path))
                continue;
            listPythonFiles(path, excludedDirs, out);
        } else if (fi.suffix() == QLatin1String("py") && fi.size() <= ImportCheck::MaxFileSize) {
            out->append(QDir::cleanPath(fi.absoluteFilePath()));
            if (out->size() >= ImportCheck::MaxFiles)
                return;
        }
    }
}

// The first module-level statement of env.py that uses `context.` (0 when none).
int envContextLine(const QString& envPy)
{
    bool ok = false;
    const PythonSource env = PythonSource::fromFile(envPy, &ok);
    if (!ok)
        return 0;
    static const QRegularExpression contextRe(QStringLiteral("\\bcontext\\s*\\.\\s*\\w"));
    for (const PythonSource::TopLevel& t : env.topLevel()) {
        if (t.kind != PythonSource::TopLevel::Kind::Other)
            continue;
        for (int s = t.first; s < t.end; ++s) {
            if (contextRe.match(env.statements().at(s).masked).hasMatch())
                return env.statements().at(s).line;
        }
    }
    return 0;
}

} // namespace

QVector<Problem> ImportCheck::run(const ProjectConfig& config)
{
    QVector<Problem> findings;
    if (config.rootDir.isEmpty() || config.scriptLocation.isEmpty() || config.envPy.isEmpty()
        || !QFileInfo::exists(config.envPy))
        return findings;
    const QString scriptDir = QDir::cleanPath(config.scriptLocation);
    const QString envPy = QDir::cleanPath(QFileInfo(config.envPy).absoluteFilePath());

    // Dotted names the migrations package may be imported as: the folder's name and its parents'
    // (`migrations`, `app.migrations`, `src.app.migrations`), as long as they are identifiers.
    QStringList packages;
    QStringList parts = scriptDir.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString dotted;
    for (int taken = 0; !parts.isEmpty() && taken < 5; ++taken) {
        const QString part = parts.takeLast();
        if (!isIdentifier(part))
            break;
        dotted = dotted.isEmpty() ? part : part + QLatin1Char('.') + dotted;
        packages << QRegularExpression::escape(dotted);
    }
    const QString folderName = QFileInfo(scriptDir).fileName();
    QStringList alternatives;
    if (!packages.isEmpty()) {
        const QString pkg = QStringLiteral("(?:") + packages.join(QLatin1Char('|')) + QLatin1Char(')');
        alternatives << QStringLiteral("^from\\s+") + pkg + QStringLiteral("\\.env\\s+import\\b")
                     << QStringLiteral("^from\\s+") + pkg + QStringLiteral("\\s+import\\s+[^\\n]*\\benv\\b(?!\\s*\\.)")
                     << QStringLiteral("^import\\s+[^\\n]*\\b") + pkg + QStringLiteral("\\.env\\b");
    }
    const QRegularExpression absoluteRe(alternatives.join(QLatin1Char('|')));
    // Relative imports: from inside the package, and from the package's parent.
    const QRegularExpression insideRe(QStringLiteral("^from\\s+\\.env\\s+import\\b|^from\\s+\\.\\s+import\\s+[^\\n]*\\benv\\b"));
    const QRegularExpression parentRe(isIdentifier(folderName)
                                          ? QStringLiteral("^from\\s+\\.") + QRegularExpression::escape(folderName)
                                                + QStringLiteral("(?:\\.env\\s+import\\b|\\s+import\\s+[^\\n]*\\benv\\b)")
                                          : QStringLiteral("(?!)"));
    static const QRegularExpression dynamicRe(QStringLiteral("import_module\\s*\\(\\s*[\"']([\\w.]+)\\.env[\"']"));

    QStringList excluded;
    for (const QString& location : config.versionLocations)
        excluded << QDir::cleanPath(location);
    QStringList files;
    listPythonFiles(QDir::cleanPath(config.rootDir), excluded, &files);
    const QString scriptParent = QFileInfo(scriptDir).absolutePath();

    int contextLine = -1;
    for (const QString& path : std::as_const(files)) {
        if (path == envPy)
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        const QString dir = QFileInfo(path).absolutePath();
        // Cheap filter first: an import of the env module names "env", and, outside the package
        // itself, the package's folder name.
        if (!bytes.contains("env") || (dir != scriptDir && !bytes.contains(folderName.toUtf8())))
            continue;
        const PythonSource src = PythonSource::fromBytes(bytes);
        for (const PythonSource::Statement& st : src.statements()) {
            const QString code = st.masked.trimmed();
            bool hit = false;
            if (code.startsWith(QLatin1String("from")) || code.startsWith(QLatin1String("import"))) {
                hit = (!alternatives.isEmpty() && absoluteRe.match(code).hasMatch())
                      || (dir == scriptDir && insideRe.match(code).hasMatch())
                      || (dir == scriptParent && parentRe.match(code).hasMatch());
            }
            if (!hit) {
                const QRegularExpressionMatch m = dynamicRe.match(st.text);
                hit = m.hasMatch()
                      && (m.captured(1) == folderName || m.captured(1).endsWith(QLatin1Char('.') + folderName));
            }
            if (!hit)
                continue;
            if (contextLine < 0)
                contextLine = envContextLine(envPy);
            const QString statement = st.text.simplified();
            Problem f;
            f.code = QStringLiteral("env-context-at-import");
            f.severity = contextLine > 0 ? Severity::Error : Severity::Warning;
            f.path = path;
            f.line = st.line;
            f.message = contextLine > 0
                            ? QStringLiteral("`%1` imports the migrations' env.py, which uses alembic's context at import "
                                             "(env.py line %2): outside Alembic this fails with \"module 'alembic.context' "
                                             "has no attribute 'config'\"")
                                  .arg(statement)
                                  .arg(contextLine)
                            : QStringLiteral("`%1` imports the migrations' env.py, a script only Alembic should run")
                                  .arg(statement);
            f.hint = QStringLiteral("Import what you need from where it is defined (e.g. the models' Base.metadata from "
                                    "your models module) and let env.py import it from there too; never import env.py.");
            findings.append(f);
        }
    }
    return findings;
}

} // namespace retort::doctor
