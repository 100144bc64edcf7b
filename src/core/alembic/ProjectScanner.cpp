#include "core/alembic/ProjectScanner.h"

#include "core/alembic/RevisionFileParser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>

#ifdef Q_OS_UNIX
#include <dirent.h>
#include <sys/stat.h>
#endif

namespace retort {

namespace {

// Alembic's _only_source_rev_file: r"(?!\.\#|__init__)(.*\.py)$"
bool isRevisionFileName(const QString& name)
{
    return name.endsWith(QLatin1String(".py")) && !name.startsWith(QLatin1String(".#"))
           && !name.startsWith(QLatin1String("__init__"));
}

struct Entry
{
    QByteArray key; // UTF-8 name: byte order == code point order (Python's sorted())
    QString name;
    bool symlink = false;
};

bool isCompiledName(const QString& name)
{
    return (name.endsWith(QLatin1String(".pyc")) || name.endsWith(QLatin1String(".pyo")))
           && !name.startsWith(QLatin1String(".#")) && !name.startsWith(QLatin1String("__init__"));
}

// Lists one folder: its candidate files, (when recursive) its sub-folders, and (when `compiled`
// is given) its .pyc/.pyo files. Unsorted.
void listFolder(const QString& dir, bool recursive, QVector<Entry>* fileEntries, QVector<Entry>* dirEntries,
                QStringList* compiled)
{
#ifdef Q_OS_UNIX
    // readdir's d_type avoids one stat per entry (QDirIterator/QFileInfo cost shows at 10,000 files).
    // Qt 6 on Unix treats file names as UTF-8 (QFile::decodeName), so the cheaper UTF-8 calls are used.
    const QByteArray native = QFile::encodeName(dir);
    if (DIR* d = ::opendir(native.constData())) {
        while (const dirent* e = ::readdir(d)) {
            const char* n = e->d_name;
            if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)))
                continue;
            unsigned char type = e->d_type;
            bool symlink = type == DT_LNK;
            if (type == DT_UNKNOWN || type == DT_LNK) {
                struct stat st;
                const QByteArray full = native + '/' + n;
                if (::stat(full.constData(), &st) != 0)
                    continue; // dangling link: os.walk lists it as a file, Alembic then fails to open it
                type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
                if (!symlink) {
                    struct stat lst;
                    symlink = ::lstat(full.constData(), &lst) == 0 && S_ISLNK(lst.st_mode);
                }
            }
            const QByteArray key(n);
            if (type == DT_DIR) {
                if (recursive && !symlink && key != "__pycache__")
                    dirEntries->append(Entry{key, QString::fromUtf8(key), false});
            } else if (type == DT_REG) {
                const QString name = QString::fromUtf8(key);
                if (isRevisionFileName(name))
                    fileEntries->append(Entry{key, name, symlink});
                else if (compiled && isCompiledName(name))
                    compiled->append(name);
            }
        }
        ::closedir(d);
    }
#else
    QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QString name = info.fileName();
        if (info.isDir()) {
            if (recursive && !info.isSymLink() && name != QLatin1String("__pycache__"))
                dirEntries->append(Entry{name.toUtf8(), name, false});
            continue;
        }
        if (isRevisionFileName(name))
            fileEntries->append(Entry{name.toUtf8(), name, info.isSymLink()});
        else if (compiled && isCompiledName(name))
            compiled->append(name);
    }
#endif
}

struct WalkContext
{
    bool recursive = false;
    bool sourceless = false;
    QStringList* files = nullptr;
    QStringList* canonical = nullptr;
    QList<Error>* problems = nullptr;
    bool* anySymlink = nullptr;
};

// `sourceless = true`: Alembic also loads .pyc/.pyo files (and __pycache__ entries) that have no
// .py next to them. Retort cannot read those statically: each one is reported.
void reportCompiledOnly(const QString& dir, const QVector<Entry>& sources, QStringList compiled, QList<Error>* problems)
{
    QStringList cached;
    QVector<Entry> ignoredFiles, ignoredDirs;
    listFolder(dir + QStringLiteral("/__pycache__"), false, &ignoredFiles, &ignoredDirs, &cached);
    for (const QString& c : std::as_const(cached))
        compiled.append(QStringLiteral("__pycache__/") + c);
    QSet<QString> stems;
    for (const Entry& e : sources)
        stems.insert(e.name.section(QLatin1Char('.'), 0, 0));
    compiled.sort();
    for (const QString& c : std::as_const(compiled)) {
        const QString base = c.section(QLatin1Char('/'), -1);
        if (stems.contains(base.section(QLatin1Char('.'), 0, 0)))
            continue;
        Error e;
        e.code = QStringLiteral("revision-file-compiled-only");
        e.message = QStringLiteral("Alembic loads this compiled file (sourceless = true), but Retort reads only .py sources: "
                                   "its revision is missing here");
        e.path = dir + QLatin1Char('/') + c;
        e.hint = QStringLiteral("Keep the .py sources next to the compiled files.");
        problems->append(e);
    }
}

void walk(const WalkContext& ctx, const QString& dir, const QString& canonicalDir)
{
    QVector<Entry> fileEntries, dirEntries;
    QStringList compiled;
    listFolder(dir, ctx.recursive, &fileEntries, &dirEntries, ctx.sourceless ? &compiled : nullptr);
    auto byKey = [](const Entry& a, const Entry& b) { return a.key < b.key; };
    std::sort(fileEntries.begin(), fileEntries.end(), byKey);
    std::sort(dirEntries.begin(), dirEntries.end(), byKey);
    if (ctx.sourceless && ctx.problems)
        reportCompiledOnly(dir, fileEntries, compiled, ctx.problems);
    ctx.files->reserve(ctx.files->size() + fileEntries.size());
    ctx.canonical->reserve(ctx.canonical->size() + fileEntries.size());
    for (const Entry& e : fileEntries) {
        const QString path = dir + QLatin1Char('/') + e.name;
        ctx.files->append(path);
        if (e.symlink) {
            *ctx.anySymlink = true;
            ctx.canonical->append(QFileInfo(path).canonicalFilePath());
        } else {
            ctx.canonical->append(canonicalDir + QLatin1Char('/') + e.name);
        }
    }
    for (const Entry& e : dirEntries)
        walk(ctx, dir + QLatin1Char('/') + e.name, canonicalDir + QLatin1Char('/') + e.name);
}

} // namespace

QStringList ProjectScanner::listRevisionFiles(const ProjectConfig& config, QList<Error>* problems, QList<Error>* warnings)
{
    QStringList files, canonical;
    bool anySymlink = false;
    for (int i = 0; i < config.versionLocations.size(); ++i) {
        const QString& location = config.versionLocations[i];
        const QString source = i < config.versionLocationSources.size() ? config.versionLocationSources[i] : QString();
        const QFileInfo info(location);
        if (!info.isDir()) {
            // Alembic skips a missing entry of version_locations silently, but fails when the
            // default versions folder (or the folder given with --versions) is missing.
            QList<Error>* sink = config.versionLocationsExplicit ? warnings : problems;
            if (sink) {
                Error e;
                e.code = QStringLiteral("path-not-found");
                const QString from = source.isEmpty() ? QString() : QStringLiteral(" (from %1)").arg(source);
                e.message = info.exists() ? QStringLiteral("version location '%1' is not a folder%2").arg(location, from)
                                          : QStringLiteral("version location '%1' does not exist%2").arg(location, from);
                e.path = location;
                e.hint = QStringLiteral("Create the folder, or fix the setting that names it.");
                sink->append(e);
            }
            continue;
        }
        WalkContext ctx;
        ctx.recursive = config.recursiveVersionLocations;
        ctx.sourceless = config.sourceless;
        ctx.files = &files;
        ctx.canonical = &canonical;
        ctx.problems = problems;
        ctx.anySymlink = &anySymlink;
        walk(ctx, QDir::cleanPath(info.absoluteFilePath()), info.canonicalFilePath());
    }
    // One folder walked without following folder links, no file links: every path is unique.
    if (config.versionLocations.size() <= 1 && !anySymlink)
        return files;

    // Alembic reads a file once by its real path ("File ... loaded twice! ignoring").
    QStringList result;
    result.reserve(files.size());
    QSet<QString> seen;
    seen.reserve(files.size());
    for (int k = 0; k < files.size(); ++k) {
        if (seen.contains(canonical[k])) {
            if (warnings) {
                Error w;
                w.code = QStringLiteral("file-loaded-twice");
                w.message = QStringLiteral("File %1 loaded twice! ignoring. Please ensure version_locations is unique.")
                                .arg(canonical[k]);
                w.path = files[k];
                warnings->append(w);
            }
            continue;
        }
        seen.insert(canonical[k]);
        result.append(files[k]);
    }
    return result;
}

ScanResult ProjectScanner::scan(const ProjectConfig& config)
{
    ScanResult result;
    const QStringList paths = listRevisionFiles(config, &result.problems, &result.warnings);
    result.files.resize(paths.size());
    QVector<int> indices(paths.size());
    std::iota(indices.begin(), indices.end(), 0);
    RevisionFile* out = result.files.data();
    // Reading is partly I/O (a cold cache, a network file system), so the pool has twice as many
    // threads as cores; on a warm cache the extra threads cost next to nothing. A pool of its own
    // keeps a long scan from starving other QtConcurrent users of the global pool.
    QThreadPool pool;
    pool.setMaxThreadCount(std::clamp(2 * QThread::idealThreadCount(), 2, 16));
    QtConcurrent::blockingMap(&pool, indices, [&paths, out](int i) { out[i] = RevisionFileParser::parseFile(paths[i]); });
    for (const RevisionFile& f : std::as_const(result.files))
        result.problems.append(f.problems);
    return result;
}

} // namespace retort
