#include "core/doctor/ImportCheck.h"

#include "core/exec/PythonLocator.h"
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

// Lists .py files below `dir`, skipping virtualenvs, VCS folders, `excludedDirs` and the folders
// of other Alembic projects (an alembic.ini of their own, in neither `projectDir` nor a folder
// above it): their imports of *their* migrations' env are theirs to explain.
void listPythonFiles(const QString& dir, const QString& projectDir, const QStringList& excludedDirs, QStringList* out)
{
    if (out->size() >= ImportCheck::MaxFiles)
        return;
    const QDir d(dir);
    const bool onTheWayToTheProject = dir == projectDir || projectDir.startsWith(dir + QLatin1Char('/'));
    if (!onTheWayToTheProject && QFileInfo(d.filePath(QStringLiteral("alembic.ini"))).isFile())
        return;
    const QFileInfoList entries = d.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (const QFileInfo& fi : entries) {
        if (fi.isDir()) {
            if (isSkippedDir(fi.fileName()) || fi.fileName().startsWith(QLatin1String(".venv")))
                continue;
            const QString path = QDir::cleanPath(fi.absoluteFilePath());
            if (excludedDirs.contains(path))
                continue;
            listPythonFiles(path, projectDir, excludedDirs, out);
        } else if (fi.suffix() == QLatin1String("py") && fi.size() <= ImportCheck::MaxFileSize) {
            out->append(QDir::cleanPath(fi.absoluteFilePath()));
            if (out->size() >= ImportCheck::MaxFiles)
                return;
        }
    }
}

// The first module-level statement of `source` that uses `context.` (nullptr when none).
const PythonSource::Statement* moduleLevelContextUse(const PythonSource& source)
{
    static const QRegularExpression contextRe(QStringLiteral("\\bcontext\\s*\\.\\s*\\w"));
    for (const PythonSource::TopLevel& t : source.topLevel()) {
        if (t.kind != PythonSource::TopLevel::Kind::Other)
            continue;
        for (int s = t.first; s < t.end; ++s) {
            if (contextRe.match(source.statements().at(s).masked).hasMatch())
                return &source.statements().at(s);
        }
    }
    return nullptr;
}

// The line of env.py's first module-level use of `context.` (0 when none).
int envContextLine(const QString& envPy)
{
    bool ok = false;
    const PythonSource env = PythonSource::fromFile(envPy, &ok);
    if (!ok)
        return 0;
    const PythonSource::Statement* use = moduleLevelContextUse(env);
    return use ? use->line : 0;
}

// Whether `source` is application code that reads Alembic's context: it imports the context
// module under the name `context` (`from alembic import context`, `from alembic import op,
// context`) and never runs migrations with it. A module that calls `context.configure(...)` or
// `context.run_migrations()` is an env script itself (another setup's, a template, a copy), which
// only Alembic runs.
bool readsAlembicContext(const PythonSource& source)
{
    static const QRegularExpression importRe(
        QStringLiteral("^from\\s+alembic\\s+import\\s+[^\\n]*\\bcontext\\b(?!\\s+as\\b)"));
    static const QRegularExpression runsRe(QStringLiteral("\\bcontext\\s*\\.\\s*(?:configure|run_migrations)\\s*\\("));
    bool imports = false;
    for (const PythonSource::Statement& st : source.statements()) {
        if (runsRe.match(st.masked).hasMatch())
            return false;
        imports = imports || importRe.match(st.masked.trimmed()).hasMatch();
    }
    return imports;
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
    // From the package's or repository's root, not only below alembic.ini: alembic.ini often sits
    // in `persistence/` or `backend/db/` while the application that imports the migrations' env is
    // at the top. The bound is the one the interpreter search uses (the nearest .git, else the
    // Python project's root), never above it.
    const QString projectDir = QDir::cleanPath(config.rootDir);
    const QStringList upwards = PythonLocator::environmentFolders(projectDir);
    const QString scanRoot = upwards.isEmpty() ? projectDir : QDir::cleanPath(upwards.last());
    QStringList files;
    listPythonFiles(scanRoot, projectDir, excluded, &files);
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
        // Cheap filters first: an import of the env module names "env", and, outside the package
        // itself, the package's folder name; a use of Alembic's context names both.
        const bool mayImportEnv = bytes.contains("env") && (dir == scriptDir || bytes.contains(folderName.toUtf8()));
        const bool insidePackage = dir == scriptDir || dir.startsWith(scriptDir + QLatin1Char('/'));
        const bool mayUseContext = !insidePackage && bytes.contains("context") && bytes.contains("alembic");
        if (!mayImportEnv && !mayUseContext)
            continue;
        const PythonSource src = PythonSource::fromBytes(bytes);
        if (mayUseContext && readsAlembicContext(src)) {
            // Application code that reads Alembic's context while it is imported: it works when
            // env.py imports it during a migration, and fails anywhere else.
            if (const PythonSource::Statement* use = moduleLevelContextUse(src)) {
                Problem f;
                f.code = QStringLiteral("env-context-at-import");
                f.severity = Severity::Warning;
                f.path = path;
                f.line = use->line;
                f.message = QStringLiteral("`%1` uses alembic's context when the module is imported: it exists only while "
                                           "Alembic runs env.py, so importing this module from the application fails with "
                                           "\"module 'alembic.context' has no attribute 'config'\"")
                                .arg(use->text.simplified());
                f.hint = QStringLiteral("Read the configuration inside a function that env.py calls while it runs, or give "
                                        "the application its settings another way (environment, its own config); keep "
                                        "`context` in env.py.");
                findings.append(f);
            }
        }
        if (!mayImportEnv)
            continue;
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
