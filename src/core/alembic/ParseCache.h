#pragma once

#include "core/alembic/RevisionFile.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVector>

namespace retort {

// Which text of a revision file a scan takes from the parse cache (files parsed afresh always
// have all of it). The docstring and the Revises: header are the longest strings of every file;
// the message and the create date are what `history` shows.
enum class CachedText
{
    None,    // no docstring, message, create date or Revises: header (heads, plan --json)
    Summary, // the message and the create date only (history)
    Full,    // everything
};

// What `stat` says about a revision file: the parse cache reuses a parsed file only while all of
// this is unchanged (git's index does the same).
struct FileStamp
{
    qint64 size = -1; // -1: stat failed (never cached)
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;
    quint64 inode = 0;

    [[nodiscard]] bool isValid() const { return size >= 0; }
    friend bool operator==(const FileStamp& a, const FileStamp& b)
    {
        return a.size == b.size && a.mtimeNs == b.mtimeNs && a.ctimeNs == b.ctimeNs && a.inode == b.inode;
    }
    friend bool operator!=(const FileStamp& a, const FileStamp& b) { return !(a == b); }

    // stat() of `path` (symbolic links followed: the stamp is the content's).
    static FileStamp of(const QString& path);
    // The same for `relative` (encoded file name) below the open folder `dirFd` (fstatat: the
    // kernel walks only the relative part; ProjectScanner stats 10,000 files this way).
    static FileStamp ofAt(int dirFd, const QByteArray& relative);
};

// The parse cache of one version location (docs/DESIGN-NOTES.md, "Parse cache"): one binary file
// holding, per revision file, its path relative to the location, its FileStamp and the complete
// RevisionFile the parser produced. ProjectScanner reuses an entry when the file's stamp is
// unchanged and the entry is not "racy", and parses only the other files.
//
// Racy rule: file timestamps are coarse (ext4 takes them from a clock that ticks every few ms), so
// a file rewritten with the same size right after it was cached could keep its stamp. An entry is
// trusted only when the file's mtime and ctime are more than RacyWindowNs older than the cache
// file's own mtime (the time it was written).
//
// A cache file that is missing, truncated, corrupt (checksum), of another format version, or
// written for another location is ignored (debug log) and rewritten; an unwritable cache folder
// only costs the speed-up. Files are written atomically (QSaveFile), so a concurrent reader sees
// the old or the new file, never half of one.
class ParseCache
{
public:
    // Raise with every change of the layout, of RevisionFile, or of what the parser makes of a file
    // (3: literal folding, UnresolvedValue::whole; 4: RevisionFile::emptyDownRevision; 5: the
    // location folder's own stamp).
    static constexpr quint32 FormatVersion = 5;
    static constexpr qint64 RacyWindowNs = qint64(2) * 1000 * 1000 * 1000;
    // Below this many files in a location, parsing costs less than a cache file is worth.
    static constexpr int DefaultMinFiles = 200;

    // Process-wide switch (retort-cli --no-cache). The environment variable RETORT_NO_CACHE set to
    // anything but "" or "0" also turns the cache off.
    static void setEnabled(bool enabled);
    [[nodiscard]] static bool isEnabled();
    // <QStandardPaths::CacheLocation>/parse ("" when the platform has none).
    [[nodiscard]] static QString defaultDirectory();
    // The cache file of one location: <dir>/<sha1 of the format version, the location's absolute
    // and canonical paths and the recursive flag>.bin.
    [[nodiscard]] static QString fileFor(
        const QString& cacheDir, const QString& root, const QString& canonicalRoot, bool recursive);

    ParseCache(QString cacheFile, QString root, QString canonicalRoot, bool recursive);
    ~ParseCache();
    ParseCache(const ParseCache&) = delete;
    ParseCache& operator=(const ParseCache&) = delete;

    // Reads the cache file; false (and no entries) when it is missing or unusable.
    bool load();
    [[nodiscard]] bool isLoaded() const { return !m_entries.isEmpty(); }
    [[nodiscard]] int size() const { return int(m_entries.size()); }
    [[nodiscard]] const QString& file() const { return m_file; }
    [[nodiscard]] const QString& root() const { return m_root; }
    [[nodiscard]] const QString& canonicalRoot() const { return m_canonicalRoot; }
    // The stamp of the location folder itself, taken just before the listing the entries come
    // from, when that listing is complete (every entry in listing order, nothing else in it):
    // while the folder keeps this stamp (and it is trusted), its listing is the entries' paths
    // (ProjectScanner). Invalid when the cache was written without one.
    [[nodiscard]] const FileStamp& folderStamp() const { return m_folder; }
    // The path an entry was recorded for, relative to the location (a view into the loaded file).
    [[nodiscard]] QStringView relativePathOf(int entry) const;

    // The entry for `relativePath`, or -1. `hint` is where it is expected (same listing order as
    // the last time): checked first, then a lookup table built on the first miss. Not thread-safe
    // (call before fanning out).
    [[nodiscard]] int find(QStringView relativePath, int hint);
    // Thread-safe after load(): the stamp recorded for an entry, whether it may be trusted (not
    // racy), and the RevisionFile it holds (`path` set to the given absolute path).
    [[nodiscard]] FileStamp stampAt(int entry) const;
    [[nodiscard]] bool isTrusted(const FileStamp& stamp) const;
    // The text fields `text` leaves out are left empty (ScanOptions::text).
    [[nodiscard]] bool read(int entry, const QString& path, RevisionFile* out, CachedText text = CachedText::Full) const;

    struct Item
    {
        QString relativePath;
        FileStamp stamp;
        const RevisionFile* file = nullptr;
        // Instead of `file`: an entry of this cache (loaded) recorded for the same relative path
        // and stamp, copied byte for byte (no decoding, no encoding).
        int entry = -1;
    };
    // Writes a new cache file with `items` (atomically) and, when valid, `folder` (folderStamp()).
    // False, with the reason in the debug log, when the folder or file cannot be written.
    bool save(const QVector<Item>& items, const FileStamp& folder = FileStamp()) const;

private:
    QString keyText() const;
    void release(); // unmaps / frees the file's bytes
    [[nodiscard]] QString relativePathAt(int entry) const { return relativePathOf(entry).toString(); }

    QString m_file;
    QString m_root;
    QString m_canonicalRoot;
    bool m_recursive = false;
    QByteArray m_data; // the whole cache file (a read-only mapping of it where possible)
    void* m_map = nullptr; // the mapping behind m_data, if any
    size_t m_mapSize = 0;
    qint64 m_writtenNs = 0; // the cache file's mtime
    FileStamp m_folder;
    struct EntryRef
    {
        qsizetype offset = 0; // of the entry's record in m_data
    };
    QVector<EntryRef> m_entries;
    QHash<QString, int> m_byPath; // built on the first find() miss
    bool m_indexed = false;
};

} // namespace retort
