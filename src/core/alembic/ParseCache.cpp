#include "core/alembic/ParseCache.h"

#include "core/alembic/CacheIo.h"
#include "core/common/NativePath.h"
#include "core/log/Log.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <atomic>
#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

// File layout (native byte order; the header's byte-order mark rejects a foreign one):
//   header   "RETORTPC", u32 format version, u32 0x01020304, u32 entry count, u32 key length,
//            u64 payload length, u64 checksum of key + payload
//   key      UTF-8 text naming the location (absolute path, canonical path, recursive flag),
//            padded to 8 bytes: two locations whose file names collide are told apart
//   payload  u64 offset of every record (from the start of the payload), then the records:
//            FileStamp (4 x 64 bit), 4 line numbers and a flag word (5 x 32 bit), the relative
//            path (UTF-16), the strings, string lists, unresolved values and problems of the
//            RevisionFile (UTF-8, u32 length, 0xffffffff = null string, padded to 4 bytes)
// Every read is bounds-checked: a damaged file fails the checksum or the bounds, never crashes.

namespace retort {

namespace {

using namespace cacheio;

constexpr char kMagic[8] = { 'R', 'E', 'T', 'O', 'R', 'T', 'P', 'C' };
constexpr qsizetype kFolderStampSize = 32; // a FileStamp as writeStamp writes it

std::atomic_bool s_enabled { true };

// The location a cache file was written for (its key's "root=" line), or "" when the file is not
// a readable Retort parse cache.
QString locationOf(const QString& cacheFile)
{
    QFile f(cacheFile);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray header = f.read(kHeaderSize);
    if (header.size() != kHeaderSize || std::memcmp(header.constData(), kMagic, sizeof(kMagic)) != 0)
        return {};
    quint32 keyLength = 0;
    std::memcpy(&keyLength, header.constData() + 8 + 3 * 4, sizeof(keyLength));
    if (keyLength > 64 * 1024)
        return {};
    const QString key = QString::fromUtf8(f.read(qint64(keyLength)));
    for (const QString& line : key.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("root=")))
            return line.mid(5);
    }
    return {};
}

// Deletes the cache files of locations that no longer exist (deleted projects, temporary
// folders) and those nobody has rewritten for 30 days: the folder cannot grow without bound.
void pruneOldOrOrphaned(const QString& dir, const QString& keep)
{
    const QDateTime limit = QDateTime::currentDateTimeUtc().addSecs(-kPruneAfterSeconds);
    const QFileInfoList infos = QDir(dir).entryInfoList({ QStringLiteral("*.bin") }, QDir::Files);
    for (const QFileInfo& info : infos) {
        const QString path = info.absoluteFilePath();
        if (path == keep)
            continue;
        const QString location = locationOf(path);
        if (info.lastModified().toUTC() < limit || (!location.isEmpty() && !QFileInfo::exists(location)))
            QFile::remove(path);
    }
}

} // namespace

FileStamp FileStamp::ofAt(int dirFd, const QByteArray& relative)
{
    FileStamp s;
#ifdef Q_OS_UNIX
    struct stat st;
    if (::fstatat(dirFd, relative.constData(), &st, 0) != 0)
        return s;
    s.size = qint64(st.st_size);
    s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    s.ctimeNs = qint64(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
    s.inode = quint64(st.st_ino);
#else
    Q_UNUSED(dirFd);
    Q_UNUSED(relative);
#endif
    return s;
}

FileStamp FileStamp::of(const QString& path)
{
    FileStamp s;
#ifdef Q_OS_UNIX
    struct stat st;
    if (::stat(NativePath::encode(path).constData(), &st) != 0)
        return s;
    s.size = qint64(st.st_size);
    s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    s.ctimeNs = qint64(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
    s.inode = quint64(st.st_ino);
#else
    const QFileInfo info(path);
    if (!info.exists())
        return s;
    s.size = info.size();
    s.mtimeNs = info.lastModified().toMSecsSinceEpoch() * 1000000;
    s.ctimeNs = info.metadataChangeTime().toMSecsSinceEpoch() * 1000000;
#endif
    return s;
}

void ParseCache::setEnabled(bool enabled)
{
    s_enabled = enabled;
}

bool ParseCache::isEnabled()
{
    if (!s_enabled)
        return false;
    const QByteArray env = qgetenv("RETORT_NO_CACHE");
    return env.isEmpty() || env == "0";
}

QString ParseCache::defaultDirectory()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return base.isEmpty() ? QString() : base + QStringLiteral("/parse");
}

QString ParseCache::fileFor(const QString& cacheDir, const QString& root, const QString& canonicalRoot, bool recursive)
{
    ParseCache probe(QString(), root, canonicalRoot, recursive);
    const QByteArray hash = QCryptographicHash::hash(probe.keyText().toUtf8(), QCryptographicHash::Sha1).toHex();
    return cacheDir + QLatin1Char('/') + QString::fromLatin1(hash) + QStringLiteral(".bin");
}

ParseCache::ParseCache(QString cacheFile, QString root, QString canonicalRoot, bool recursive)
    : m_file(std::move(cacheFile))
    , m_root(std::move(root))
    , m_canonicalRoot(std::move(canonicalRoot))
    , m_recursive(recursive)
{
}

ParseCache::~ParseCache()
{
    release();
}

void ParseCache::release()
{
    m_data.clear();
#ifdef Q_OS_UNIX
    if (m_map)
        ::munmap(m_map, m_mapSize);
#endif
    m_map = nullptr;
    m_mapSize = 0;
}

QString ParseCache::keyText() const
{
    return QStringLiteral("retort parse cache %1\nroot=%2\ncanonical=%3\nrecursive=%4\n")
        .arg(FormatVersion)
        .arg(m_root, m_canonicalRoot, m_recursive ? QStringLiteral("1") : QStringLiteral("0"));
}

bool ParseCache::load()
{
    m_entries.clear();
    m_byPath.clear();
    m_indexed = false;
    m_folder = FileStamp();
    release();
    auto reject = [this](const QString& why) {
        log::debug(log::Area::Project, QStringLiteral("parse cache %1 not used: %2").arg(m_file, why));
        release();
        m_entries.clear();
        return false;
    };
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(m_file).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return reject(QStringLiteral("cannot open it (%1)").arg(QString::fromLocal8Bit(std::strerror(errno))));
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return reject(QStringLiteral("not a regular file"));
    }
    m_writtenNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    // Mapped rather than read: no copy, and the pages come in a few large steps (MAP_POPULATE)
    // instead of one fault per page. Cache files are only ever replaced (QSaveFile renames),
    // never truncated in place, so the mapping stays valid.
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;
#endif
    void* map = st.st_size > 0 ? ::mmap(nullptr, size_t(st.st_size), PROT_READ, flags, fd, 0) : MAP_FAILED;
    if (map != MAP_FAILED) {
        m_map = map;
        m_mapSize = size_t(st.st_size);
        m_data = QByteArray::fromRawData(static_cast<const char*>(map), qsizetype(st.st_size));
        ::close(fd);
    } else {
        m_data = QByteArray(qsizetype(st.st_size), Qt::Uninitialized);
        qsizetype got = 0;
        while (got < m_data.size()) {
            const ssize_t r = ::read(fd, m_data.data() + got, size_t(m_data.size() - got));
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            got += r;
        }
        ::close(fd);
        if (got != m_data.size())
            return reject(QStringLiteral("short read"));
    }
#else
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly))
        return reject(f.errorString());
    m_writtenNs = QFileInfo(m_file).lastModified().toMSecsSinceEpoch() * 1000000;
    m_data = f.readAll();
#endif
    Header header;
    if (const QString why = readHeader(m_data, kMagic, "parse cache", FormatVersion, &header); !why.isEmpty())
        return reject(why);
    const quint32 count = header.first;
    const quint32 keyLength = header.second;
    const quint64 payloadLength = header.payloadLength;
    const qsizetype keySpace = padded(qsizetype(keyLength), 8);
    if (quint64(m_data.size()) != quint64(kHeaderSize) + quint64(keySpace) + payloadLength)
        return reject(QStringLiteral("truncated or extended (%1 bytes)").arg(m_data.size()));
    if (QString::fromUtf8(m_data.constData() + kHeaderSize, qsizetype(keyLength)) != keyText())
        return reject(QStringLiteral("written for another location"));
    const qsizetype payload = kHeaderSize + keySpace;
    // The payload: the folder's stamp, the record offsets (from the payload's start), the records.
    const quint64 tableEnd = quint64(kFolderStampSize) + quint64(count) * 8;
    if (tableEnd > payloadLength)
        return reject(QStringLiteral("bad entry count"));
    Reader folder(m_data.constData() + payload, m_data.constData() + payload + kFolderStampSize);
    readStamp(folder, &m_folder);
    m_entries.resize(qsizetype(count));
    for (quint32 k = 0; k < count; ++k) {
        quint64 offset;
        std::memcpy(&offset, m_data.constData() + payload + kFolderStampSize + qsizetype(k) * 8, 8);
        if (offset % 8 != 0 || offset < tableEnd || offset >= payloadLength)
            return reject(QStringLiteral("bad record offset"));
        m_entries[k].offset = payload + qsizetype(offset);
    }
    return true;
}

QStringView ParseCache::relativePathOf(int entry) const
{
    Reader r(m_data.constData() + m_entries[entry].offset, m_data.constData() + m_data.size());
    FileStamp ignored;
    readStamp(r, &ignored);
    for (int k = 0; k < 5; ++k)
        r.pod<qint32>();
    return r.utf16();
}

int ParseCache::find(QStringView relativePath, int hint)
{
    if (hint >= 0 && hint < m_entries.size()) {
        Reader r(m_data.constData() + m_entries[hint].offset, m_data.constData() + m_data.size());
        FileStamp ignored;
        readStamp(r, &ignored);
        for (int k = 0; k < 5; ++k)
            r.pod<qint32>();
        const QStringView stored = r.utf16();
        if (r.ok() && stored == relativePath)
            return hint;
    }
    if (!m_indexed) {
        m_indexed = true;
        m_byPath.reserve(m_entries.size());
        for (int k = 0; k < m_entries.size(); ++k)
            m_byPath.insert(relativePathAt(k), k);
    }
    return m_byPath.value(relativePath.toString(), -1);
}

FileStamp ParseCache::stampAt(int entry) const
{
    FileStamp s;
    if (entry < 0 || entry >= m_entries.size())
        return s;
    Reader r(m_data.constData() + m_entries[entry].offset, m_data.constData() + m_data.size());
    readStamp(r, &s);
    return r.ok() ? s : FileStamp();
}

bool ParseCache::isTrusted(const FileStamp& stamp) const
{
    return cacheio::trusted(stamp, m_writtenNs);
}

bool ParseCache::read(int entry, const QString& path, RevisionFile* out, CachedText text) const
{
    if (entry < 0 || entry >= m_entries.size())
        return false;
    Reader r(m_data.constData() + m_entries[entry].offset, m_data.constData() + m_data.size());
    FileStamp ignored;
    readStamp(r, &ignored);
    RevisionFile f;
    f.revisionLine = r.pod<qint32>();
    f.downRevisionLine = r.pod<qint32>();
    f.branchLabelsLine = r.pod<qint32>();
    f.dependsOnLine = r.pod<qint32>();
    const quint32 flags = r.pod<quint32>();
    f.hasRevisesHeader = flags & 1u;
    f.hasDownRevision = flags & 2u;
    f.emptyDependsOn = flags & 4u;
    f.emptyDownRevision = flags & 32u;
    f.lacksUpgrade = flags & 8u;
    f.lacksDowngrade = flags & 16u;
    r.utf16(); // relative path: `path` is the same file
    f.path = path;
    f.fileName = r.utf8();
    f.revision = r.utf8();
    f.downRevisions = r.list();
    f.branchLabels = r.list();
    f.dependsOn = r.list();
    switch (text) {
    case CachedText::Full:
        f.docstring = r.utf8();
        f.message = r.utf8();
        f.createDate = r.utf8();
        f.revisesHeader = r.list();
        break;
    case CachedText::Summary:
        r.skipUtf8();
        f.message = r.utf8();
        f.createDate = r.utf8();
        r.skipList();
        break;
    case CachedText::None:
        r.skipUtf8();
        r.skipUtf8();
        r.skipUtf8();
        r.skipList();
        break;
    }
    const quint32 unresolved = r.count(16);
    for (quint32 k = 0; k < unresolved && r.ok(); ++k) {
        UnresolvedValue u;
        u.name = r.utf8();
        u.expression = r.utf8();
        u.line = r.pod<qint32>();
        u.whole = r.pod<qint32>() != 0;
        f.unresolved.append(u);
    }
    const quint32 problems = r.count(20);
    for (quint32 k = 0; k < problems && r.ok(); ++k) {
        Error e;
        e.code = r.utf8();
        e.message = r.utf8();
        e.hint = r.utf8();
        e.path = r.utf8();
        e.line = r.pod<qint32>();
        f.problems.append(e);
    }
    if (!r.ok())
        return false;
    *out = std::move(f);
    return true;
}

bool ParseCache::save(const QVector<Item>& items, const FileStamp& folder) const
{
    // The file is opened first: an unwritable folder costs nothing but this attempt.
    const QString dir = QFileInfo(m_file).absolutePath();
    if (!QDir().mkpath(dir)) {
        log::debug(log::Area::Project, QStringLiteral("parse cache: cannot create the folder %1").arg(dir));
        return false;
    }
    QSaveFile out(m_file);
    if (!out.open(QIODevice::WriteOnly)) {
        log::debug(
            log::Area::Project, QStringLiteral("parse cache: cannot write %1: %2").arg(m_file, out.errorString()));
        return false;
    }

    // One buffer: the key, padded, then the payload (the checksum covers both).
    const QByteArray keyBytes = keyText().toUtf8();
    const qsizetype keySpace = padded(keyBytes.size(), 8);
    QByteArray body;
    body.reserve(keySpace + qsizetype(items.size()) * 512 + 64);
    body.append(keyBytes);
    body.append(keySpace - keyBytes.size(), '\0');
    Writer w(&body);
    writeStamp(w, folder);
    body.append(qsizetype(items.size()) * 8, '\0'); // record offsets, filled below
    QVector<quint64> offsets;
    offsets.reserve(items.size());
    for (const Item& item : items) {
        w.pad(8);
        offsets.push_back(quint64(body.size() - keySpace));
        if (item.entry >= 0) {
            // Records are written one after the other, each starting at a multiple of 8: an
            // entry's bytes run to the next entry's record (or the end of the file).
            const qsizetype from = m_entries[item.entry].offset;
            const qsizetype to = item.entry + 1 < m_entries.size() ? m_entries[item.entry + 1].offset : m_data.size();
            body.append(m_data.constData() + from, to - from);
            continue;
        }
        const RevisionFile& f = *item.file;
        writeStamp(w, item.stamp);
        w.pod<qint32>(f.revisionLine);
        w.pod<qint32>(f.downRevisionLine);
        w.pod<qint32>(f.branchLabelsLine);
        w.pod<qint32>(f.dependsOnLine);
        w.pod<quint32>((f.hasRevisesHeader ? 1u : 0u) | (f.hasDownRevision ? 2u : 0u) | (f.emptyDependsOn ? 4u : 0u)
            | (f.lacksUpgrade ? 8u : 0u) | (f.lacksDowngrade ? 16u : 0u) | (f.emptyDownRevision ? 32u : 0u));
        w.utf16(item.relativePath);
        w.utf8(f.fileName);
        w.utf8(f.revision);
        w.list(f.downRevisions);
        w.list(f.branchLabels);
        w.list(f.dependsOn);
        w.utf8(f.docstring);
        w.utf8(f.message);
        w.utf8(f.createDate);
        w.list(f.revisesHeader);
        w.pod<quint32>(quint32(f.unresolved.size()));
        for (const UnresolvedValue& u : f.unresolved) {
            w.utf8(u.name);
            w.utf8(u.expression);
            w.pod<qint32>(u.line);
            w.pod<qint32>(u.whole ? 1 : 0);
        }
        w.pod<quint32>(quint32(f.problems.size()));
        for (const Error& e : f.problems) {
            w.utf8(e.code);
            w.utf8(e.message);
            w.utf8(e.hint);
            w.utf8(e.path);
            w.pod<qint32>(e.line);
        }
    }
    std::memcpy(body.data() + keySpace + kFolderStampSize, offsets.constData(), size_t(offsets.size()) * 8);

    const QByteArray header = makeHeader(
        kMagic, FormatVersion, Header { quint32(items.size()), quint32(keyBytes.size()), quint64(body.size() - keySpace) }, body);

    if (out.write(header) != header.size() || out.write(body) != body.size() || !out.commit()) {
        log::debug(
            log::Area::Project, QStringLiteral("parse cache: cannot write %1: %2").arg(m_file, out.errorString()));
        return false;
    }
    pruneOldOrOrphaned(dir, m_file);
    return true;
}

} // namespace retort
