#include "core/alembic/ProjectScanner.h"

#include "core/alembic/ParseCache.h"
#include "core/alembic/RevisionFileParser.h"
#include "core/common/NativePath.h"
#include "core/log/Log.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <memory>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#ifdef Q_OS_UNIX
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace retort {

namespace {

// One folder's names live in one buffer (10,000 small allocations and a QByteArray compare per
// sort step showed in profiles).
struct Entry
{
    quint32 offset = 0; // of the UTF-8 name in the folder's name buffer
    quint32 length = 0;
    bool symlink = false;
};

struct Names
{
    std::string buffer;
    std::string_view of(const Entry& e) const { return std::string_view(buffer.data() + e.offset, e.length); }
    QByteArray bytes(const Entry& e) const { return QByteArray(buffer.data() + e.offset, qsizetype(e.length)); }
    Entry add(std::string_view name, bool symlink)
    {
        Entry e;
        e.offset = quint32(buffer.size());
        e.length = quint32(name.size());
        e.symlink = symlink;
        buffer.append(name);
        return e;
    }
};

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

// Alembic's _only_source_rev_file: r"(?!\.\#|__init__)(.*\.py)$" (on UTF-8 bytes: the same
// answer as on the decoded name).
bool isRevisionFileName(std::string_view name)
{
    return endsWith(name, ".py") && !startsWith(name, ".#") && !startsWith(name, "__init__");
}

bool isCompiledName(std::string_view name)
{
    return (endsWith(name, ".pyc") || endsWith(name, ".pyo")) && !startsWith(name, ".#")
           && !startsWith(name, "__init__");
}

// `dir` + '/' + a name in its native bytes, without a temporary QString for the (usual) ASCII
// names; other names through NativePath, so that a name that is not UTF-8 still opens.
QString joined(const QString& dir, std::string_view name)
{
    QString path;
    path.reserve(dir.size() + 1 + qsizetype(name.size()));
    path += dir;
    path += QLatin1Char('/');
    const bool ascii = std::all_of(name.cbegin(), name.cend(), [](char c) { return uchar(c) < 0x80; });
    if (ascii)
        path += QLatin1String(name.data(), qsizetype(name.size()));
    else
        path += NativePath::decode(QByteArrayView(name.data(), qsizetype(name.size())));
    return path;
}

// Lists one folder: its candidate files, (when recursive) its sub-folders, and (when `compiled`
// is given) its .pyc/.pyo files. Unsorted.
//
// Like Alembic 1.8.1 (os.listdir, then an import of every name that matches), a candidate is
// any entry named like a revision file whatever it is: a folder named `x.py` when not recursive,
// a FIFO, a link to nothing or a loop of links. The parser then reports it the way Alembic fails
// on it (IsADirectoryError, "Can't find Python file", ...) instead of Retort skipping it, and a
// FIFO is never read. A folder that cannot be listed is an error for a version location
// (Alembic's os.listdir raises PermissionError) and a warning below one (os.walk skips it).
bool listFolder(const QString& dir, bool recursive, Names* names, std::vector<Entry>* fileEntries,
                std::vector<Entry>* dirEntries, QStringList* compiled, int* listError)
{
#ifdef Q_OS_UNIX
    // readdir's d_type avoids one stat per entry (QDirIterator/QFileInfo cost shows at 10,000 files).
    const QByteArray native = NativePath::encode(dir);
    DIR* d = ::opendir(native.constData());
    if (!d) {
        if (listError)
            *listError = errno;
        return false;
    }
    const int fd = ::dirfd(d);
    while (const dirent* e = ::readdir(d)) {
        const char* n = e->d_name;
        if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)))
            continue;
        unsigned char type = e->d_type;
        bool symlink = type == DT_LNK;
        if (type == DT_UNKNOWN || type == DT_LNK) {
            struct stat st;
            if (::fstatat(fd, n, &st, 0) != 0) {
                type = DT_UNKNOWN; // a link to nothing, or a loop: a candidate the parser reports
            } else {
                type = S_ISDIR(st.st_mode)    ? DT_DIR
                       : S_ISREG(st.st_mode)  ? DT_REG
                       : S_ISFIFO(st.st_mode) ? DT_FIFO
                                              : DT_UNKNOWN;
            }
            if (!symlink) {
                struct stat lst;
                symlink = ::fstatat(fd, n, &lst, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(lst.st_mode);
            }
        }
        const std::string_view key(n);
        if (type == DT_DIR && recursive) {
            if (!symlink && key != "__pycache__")
                dirEntries->push_back(names->add(key, false));
        } else if (isRevisionFileName(key)) {
            fileEntries->push_back(names->add(key, symlink));
        } else if (type == DT_REG && compiled && isCompiledName(key)) {
            compiled->append(NativePath::decode(QByteArrayView(n, qsizetype(key.size()))));
        }
    }
    ::closedir(d);
    return true;
#else
    QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QByteArray utf8 = info.fileName().toUtf8();
        const std::string_view key(utf8.constData(), size_t(utf8.size()));
        if (info.isDir()) {
            if (recursive && !info.isSymLink() && key != "__pycache__")
                dirEntries->push_back(names->add(key, false));
            continue;
        }
        if (isRevisionFileName(key)) {
            fileEntries->push_back(names->add(key, info.isSymLink()));
        } else if (compiled && isCompiledName(key)) {
            compiled->append(info.fileName());
        }
    }
    Q_UNUSED(listError)
    return true;
#endif
}

struct WalkContext
{
    bool recursive = false;
    bool sourceless = false;
    int location = 0;
    ProjectSurvey* out = nullptr;
    QList<Error>* problems = nullptr;
    QList<Error>* warnings = nullptr;
};

// `sourceless = true`: Alembic also loads .pyc/.pyo files (and __pycache__ entries) that have no
// .py next to them. Retort cannot read those statically: each one is reported.
void reportCompiledOnly(const QString& dir, const Names& names, const std::vector<Entry>& sources, QStringList compiled,
                        QList<Error>* problems)
{
    QStringList cached;
    Names ignoredNames;
    std::vector<Entry> ignoredFiles, ignoredDirs;
    listFolder(dir + QStringLiteral("/__pycache__"), false, &ignoredNames, &ignoredFiles, &ignoredDirs, &cached, nullptr);
    for (const QString& c : std::as_const(cached))
        compiled.append(QStringLiteral("__pycache__/") + c);
    QSet<QString> stems;
    for (const Entry& e : sources)
        stems.insert(QString::fromUtf8(names.bytes(e)).section(QLatin1Char('.'), 0, 0));
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

void walk(const WalkContext& ctx, const QString& dir, bool isLocation)
{
    Names names;
    std::vector<Entry> fileEntries, dirEntries;
    QStringList compiled;
    int listError = 0;
    if (!listFolder(dir, ctx.recursive, &names, &fileEntries, &dirEntries, ctx.sourceless ? &compiled : nullptr, &listError)) {
        Error e;
        e.code = QStringLiteral("path-unreadable");
        e.message = NativePath::pythonOsError(listError, dir);
        e.path = dir;
        e.hint = isLocation ? QStringLiteral("Alembic cannot list this folder either: give it read and search permission (chmod u+rx).")
                            : QStringLiteral("Alembic (os.walk) skips this folder silently: its revisions are invisible to both.");
        QList<Error>* sink = isLocation ? ctx.problems : ctx.warnings;
        if (sink)
            sink->append(e);
        return;
    }
    // Byte order of the UTF-8 names == code point order (Python's sorted()).
    auto byName = [&names](const Entry& a, const Entry& b) { return names.of(a) < names.of(b); };
    std::sort(fileEntries.begin(), fileEntries.end(), byName);
    std::sort(dirEntries.begin(), dirEntries.end(), byName);
    if (ctx.sourceless && ctx.problems)
        reportCompiledOnly(dir, names, fileEntries, compiled, ctx.problems);
    ProjectSurvey& out = *ctx.out;
    const qsizetype total = out.files.size() + fileEntries.size();
    out.files.reserve(total);
    out.location.reserve(total);
    out.symlink.reserve(total);
    for (const Entry& e : fileEntries) {
        out.files.append(joined(dir, names.of(e)));
        out.location.append(ctx.location);
        out.symlink.append(e.symlink ? 1 : 0);
    }
    for (const Entry& e : dirEntries)
        walk(ctx, joined(dir, names.of(e)), false);
}

// The file list plus, per file, the version location it came from (roots are absolute and clean,
// so a file's path is root + '/' + its path relative to the location) and whether it is a
// symbolic link. No stamps; problems and warnings go to the given lists.
ProjectSurvey listing(const ProjectConfig& config, QList<Error>* problems, QList<Error>* warnings)
{
    ProjectSurvey all;
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
        ctx.location = int(all.roots.size());
        ctx.out = &all;
        ctx.problems = problems;
        ctx.warnings = warnings;
        const QString root = QDir::cleanPath(info.absoluteFilePath());
        all.roots << root;
        all.canonicalRoots << info.canonicalFilePath();
        walk(ctx, root, true);
    }
    // One folder walked without following folder links, no file links: every path is unique.
    const bool anySymlink = std::any_of(all.symlink.cbegin(), all.symlink.cend(), [](char c) { return c != 0; });
    if (all.roots.size() <= 1 && !anySymlink)
        return all;

    // Alembic reads a file once by its real path ("File ... loaded twice! ignoring").
    ProjectSurvey out;
    out.roots = all.roots;
    out.canonicalRoots = all.canonicalRoots;
    QSet<QString> seen;
    seen.reserve(all.files.size());
    for (int k = 0; k < all.files.size(); ++k) {
        const int loc = all.location[k];
        // Folder links are not followed, so below the root only a file link changes the real path.
        QString canonical = all.symlink[k] ? QFileInfo(all.files[k]).canonicalFilePath()
                                           : all.canonicalRoots[loc] + all.files[k].mid(all.roots[loc].size());
        if (canonical.isEmpty())
            canonical = all.files[k]; // a link to nothing: reported by the parser, once per link
        if (seen.contains(canonical)) {
            if (warnings) {
                Error w;
                w.code = QStringLiteral("file-loaded-twice");
                w.message = QStringLiteral("File %1 loaded twice! ignoring. Please ensure version_locations is unique.")
                                .arg(canonical);
                w.path = all.files[k];
                warnings->append(w);
            }
            continue;
        }
        seen.insert(canonical);
        out.files.append(all.files[k]);
        out.location.append(loc);
        out.symlink.append(all.symlink[k]);
    }
    return out;
}

// The listing of a plain version location as its parse cache recorded it (ParseCache::folderStamp):
// the entries' paths in their order, which was the listing's (sorted, no file links).
ProjectSurvey listingFrom(const ParseCache& cache)
{
    ProjectSurvey all;
    all.roots << cache.root();
    all.canonicalRoots << cache.canonicalRoot();
    const int n = cache.size();
    all.files.reserve(n);
    for (int k = 0; k < n; ++k) {
        const QStringView relative = cache.relativePathOf(k);
        QString path;
        path.reserve(cache.root().size() + 1 + relative.size());
        path += cache.root();
        path += QLatin1Char('/');
        path += relative;
        all.files.append(std::move(path));
    }
    all.location.fill(0, n);
    all.symlink.fill(0, n);
    return all;
}

// stat() of the surveyed files. One open folder per location: fstatat() then resolves only the
// relative name (the kernel walks one component, not the whole path).
class Stamper
{
public:
    Stamper(const ProjectSurvey& list, const std::vector<char>& wanted)
        : m_list(list)
    {
        m_rootFd.assign(size_t(list.roots.size()), -1);
#ifdef Q_OS_UNIX
        for (int loc = 0; loc < int(list.roots.size()); ++loc) {
            if (wanted[size_t(loc)])
                m_rootFd[size_t(loc)] = ::open(NativePath::encode(list.roots[loc]).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        }
#else
        Q_UNUSED(wanted);
#endif
    }
    ~Stamper()
    {
#ifdef Q_OS_UNIX
        for (const int fd : m_rootFd) {
            if (fd >= 0)
                ::close(fd);
        }
#endif
    }
    Stamper(const Stamper&) = delete;
    Stamper& operator=(const Stamper&) = delete;

    // Thread-safe.
    [[nodiscard]] FileStamp stampOf(int i) const
    {
        const int fd = m_rootFd[size_t(m_list.location[i])];
        return fd >= 0 ? FileStamp::ofAt(fd, NativePath::encode(m_list.relativePath(i))) : FileStamp::of(m_list.files[i]);
    }

private:
    const ProjectSurvey& m_list;
    std::vector<int> m_rootFd;
};

// Files go out to the pool in chunks: one task per file costs more than a stat or a cached file
// takes.
constexpr int kChunk = 32;

QVector<int> chunkStarts(int n)
{
    QVector<int> chunks;
    chunks.reserve(n / kChunk + 1);
    for (int i = 0; i < n; i += kChunk)
        chunks << i;
    return chunks;
}

// Reading is partly I/O (a cold cache, a network file system), so a pool has twice as many
// threads as cores; on a warm cache the extra threads cost next to nothing. A pool of its own
// keeps a long scan from starving other QtConcurrent users of the global pool.
void sizePool(QThreadPool* pool)
{
    pool->setMaxThreadCount(std::clamp(2 * QThread::idealThreadCount(), 2, 16));
}

} // namespace

QStringList ProjectScanner::listRevisionFiles(const ProjectConfig& config, QList<Error>* problems,
                                              QList<Error>* warnings)
{
    return listing(config, problems, warnings).files;
}

ScanResult ProjectScanner::scan(const ProjectConfig& config)
{
    return scan(config, ScanOptions{});
}

ScanResult ProjectScanner::scan(const ProjectConfig& config, const ScanOptions& options)
{
    ScanResult result;
    const QString cacheDir = options.cacheDir.isEmpty() ? ParseCache::defaultDirectory() : options.cacheDir;
    const bool caching = options.useCache && ParseCache::isEnabled() && !cacheDir.isEmpty();
    QThreadPool pool;
    sizePool(&pool);

    // The cache file of every location is read while the folders are listed (it depends on the
    // location only). Whether it is used depends on the listing (ScanOptions::minFilesForCache).
    std::vector<std::unique_ptr<ParseCache>> opened;
    QList<QFuture<void>> loading;
    if (caching) {
        for (const QString& location : config.versionLocations) {
            const QFileInfo info(location);
            if (!info.isDir())
                continue;
            const QString root = QDir::cleanPath(info.absoluteFilePath());
            const QString canonical = info.canonicalFilePath();
            opened.push_back(std::make_unique<ParseCache>(
                ParseCache::fileFor(cacheDir, root, canonical, config.recursiveVersionLocations), root, canonical,
                config.recursiveVersionLocations));
            ParseCache* cache = opened.back().get();
            loading << QtConcurrent::run(&pool, [cache] { cache->load(); });
        }
    }
    ProjectSurvey own;
    // One version location read as it is (no folders below it, no compiled files): while the
    // folder keeps the stamp its cache recorded, its listing is the cache's (ParseCache::folderStamp)
    // and the folder is not read (~5 ms at 10,000 files).
    const bool plainFolder = caching && !options.survey && config.versionLocations.size() == 1 && opened.size() == 1
                             && !config.recursiveVersionLocations && !config.sourceless;
    const FileStamp folderBefore = plainFolder ? FileStamp::of(opened.front()->root()) : FileStamp();
    bool listedFromCache = false;
    if (folderBefore.isValid()) {
        loading.front().waitForFinished();
        const ParseCache& cache = *opened.front();
        if (cache.isLoaded() && cache.size() >= options.minFilesForCache && cache.folderStamp() == folderBefore
            && cache.isTrusted(folderBefore)) {
            own = listingFrom(cache);
            listedFromCache = true;
        }
    }
    if (!options.survey && !listedFromCache) {
        QList<Error> problems, warnings;
        own = listing(config, &problems, &warnings);
        own.problems = std::move(problems);
        own.warnings = std::move(warnings);
    }
    const ProjectSurvey& list = options.survey ? *options.survey : own;
    result.listedFromCache = listedFromCache;
    result.problems = list.problems;
    result.warnings = list.warnings;
    for (QFuture<void>& f : loading)
        f.waitForFinished();
    const QStringList& paths = list.files;
    const int n = int(paths.size());
    result.files.resize(n);

    // One parse cache per version location that has enough files (ParseCache).
    std::vector<std::unique_ptr<ParseCache>> caches(size_t(list.roots.size()));
    QVector<int> perLocation(list.roots.size(), 0);
    for (int loc : list.location)
        ++perLocation[loc];
    QVector<int> entryOf(n, -1);
    auto relativePath = [&list](int i) { return list.relativePath(i); };
    if (caching) {
        for (int loc = 0; loc < int(list.roots.size()); ++loc) {
            if (perLocation[loc] < options.minFilesForCache)
                continue;
            for (std::unique_ptr<ParseCache>& cache : opened) {
                if (cache && cache->root() == list.roots[loc] && cache->canonicalRoot() == list.canonicalRoots[loc]) {
                    caches[size_t(loc)] = std::move(cache);
                    break;
                }
            }
        }
        QVector<int> seen(list.roots.size(), 0);
        for (int i = 0; i < n && !listedFromCache; ++i) {
            const int loc = list.location[i];
            ParseCache* cache = caches[size_t(loc)].get();
            if (!cache)
                continue;
            if (cache->isLoaded())
                entryOf[i] = cache->find(relativePath(i), seen[loc]);
            ++seen[loc];
        }
        if (listedFromCache)
            std::iota(entryOf.begin(), entryOf.end(), 0); // the listing is the entries, in order
    }

    const QVector<int> chunks = chunkStarts(n);
    QVector<char> reused(n, 0);
    QVector<FileStamp> stamps(n);
    RevisionFile* out = result.files.data();
    const bool surveyed = list.stamps.size() == n;
    std::vector<char> cachedLocation(size_t(list.roots.size()), 0);
    for (int loc = 0; loc < int(list.roots.size()); ++loc)
        cachedLocation[size_t(loc)] = caches[size_t(loc)] && !surveyed ? 1 : 0;
    const Stamper stamper(list, cachedLocation);
    QtConcurrent::blockingMap(&pool, chunks, [&](int first) {
        for (int i = first; i < std::min(first + kChunk, n); ++i) {
            const ParseCache* cache = caches[size_t(list.location[i])].get();
            if (cache) {
                // stat before reading (a survey did): a change after this point gives the file
                // a newer stamp.
                stamps[i] = surveyed ? list.stamps[i] : stamper.stampOf(i);
                const FileStamp& stamp = stamps[i];
                const int entry = entryOf[i];
                if (entry >= 0 && stamp.isValid() && cache->isTrusted(stamp) && cache->stampAt(entry) == stamp
                    && cache->read(entry, paths[i], &out[i], options.text)) {
                    reused[i] = 1;
                    continue;
                }
            }
            out[i] = RevisionFileParser::parseFile(paths[i]);
        }
    });

    if (caching) {
        const qint64 oldEnoughNs = QDateTime::currentMSecsSinceEpoch() * 1000000 - ParseCache::RacyWindowNs;
        for (int loc = 0; loc < int(caches.size()); ++loc) {
            const ParseCache* cache = caches[size_t(loc)].get();
            if (!cache)
                continue;
            // The folder's stamp goes with a complete listing of a plain folder (see above): every
            // file stamped, no file link (its path would not be its real one), nothing reported.
            const bool complete = plainFolder && list.problems.isEmpty() && list.warnings.isEmpty()
                                  && std::none_of(list.symlink.cbegin(), list.symlink.cend(), [](char c) { return c != 0; })
                                  && std::all_of(stamps.cbegin(), stamps.cend(), [](const FileStamp& st) { return st.isValid(); });
            const FileStamp folder = complete ? folderBefore : FileStamp();
            // Rewritten only when that changes something: a file added, changed or removed, a
            // racy entry (or folder stamp) that a new cache file would now let us trust, or
            // another folder stamp (only a scan that listed the folder itself can tell: a scan of
            // a survey taken elsewhere, retort-cli heads, leaves the cache as it is).
            bool dirty = cache->size() != perLocation[loc] || (plainFolder && cache->folderStamp() != folder)
                         || (folder.isValid() && !cache->isTrusted(folder) && folder.mtimeNs < oldEnoughNs
                             && folder.ctimeNs < oldEnoughNs);
            int reusedHere = 0;
            for (int i = 0; i < n && !dirty; ++i) {
                if (list.location[i] != loc || reused[i])
                    continue;
                const FileStamp& stamp = stamps[i];
                dirty = stamp.isValid()
                        && (entryOf[i] < 0 || cache->stampAt(entryOf[i]) != stamp
                            || (stamp.mtimeNs < oldEnoughNs && stamp.ctimeNs < oldEnoughNs));
            }
            QVector<ParseCache::Item> items;
            if (dirty)
                items.reserve(perLocation[loc]);
            for (int i = 0; i < n; ++i) {
                if (list.location[i] != loc)
                    continue;
                reusedHere += reused[i];
                if (!dirty || !stamps[i].isValid())
                    continue;
                // A reused file's record is copied as it is: no encoding, and its text is kept even
                // when this scan did not decode it (ScanOptions::text).
                items.push_back(reused[i] ? ParseCache::Item{relativePath(i).toString(), stamps[i], nullptr, entryOf[i]}
                                          : ParseCache::Item{relativePath(i).toString(), stamps[i], &out[i], -1});
            }
            result.reusedFromCache += reusedHere;
            const bool saved = dirty && cache->save(items, folder);
            const QString rewritten = (listedFromCache ? QStringLiteral(", folder listing from the cache") : QString())
                                      + (saved ? QStringLiteral(", cache rewritten") : QString());
            log::info(log::Area::Project, QStringLiteral("parse cache: %1 of %2 files reused%3 (%4)")
                                              .arg(reusedHere)
                                              .arg(perLocation[loc])
                                              .arg(rewritten, cache->file()));
        }
    }
    for (const RevisionFile& f : std::as_const(result.files))
        result.problems.append(f.problems);
    return result;
}

std::optional<ProjectSurvey> ProjectScanner::plainLocation(const ProjectConfig& config)
{
    if (config.versionLocations.size() != 1 || config.recursiveVersionLocations || config.sourceless)
        return std::nullopt;
    const QFileInfo info(config.versionLocations.first());
    if (!info.isDir())
        return std::nullopt;
    ProjectSurvey s;
    s.roots << QDir::cleanPath(info.absoluteFilePath());
    s.canonicalRoots << info.canonicalFilePath();
    s.folder = FileStamp::of(s.roots.first());
    if (!s.folder.isValid())
        return std::nullopt;
    return s;
}

ProjectSurvey ProjectScanner::survey(const ProjectConfig& config)
{
    const std::optional<ProjectSurvey> plain = plainLocation(config); // the folder's stamp before the listing
    QList<Error> problems, warnings;
    ProjectSurvey s = listing(config, &problems, &warnings);
    s.problems = std::move(problems);
    s.warnings = std::move(warnings);
    if (plain && s.roots == plain->roots)
        s.folder = plain->folder;
    stampFiles(s);
    return s;
}

void ProjectScanner::stampFiles(ProjectSurvey& s)
{
    const int n = int(s.files.size());
    s.stamps.resize(n);
    const Stamper stamper(s, std::vector<char>(size_t(s.roots.size()), 1));
    QThreadPool pool;
    sizePool(&pool);
    FileStamp* stamps = s.stamps.data();
    QtConcurrent::blockingMap(&pool, chunkStarts(n), [&](int first) {
        for (int i = first; i < std::min(first + kChunk, n); ++i)
            stamps[i] = stamper.stampOf(i);
    });
}

} // namespace retort
