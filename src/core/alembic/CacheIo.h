#pragma once

// The binary encoding shared by Retort's cache files (ParseCache, HeadsCache): native byte order
// (each file carries a byte-order mark), strings as UTF-8 or UTF-16 with a u32 length, padded to
// 4 bytes, and a fast checksum over the body. Internal to src/core/alembic.

#include "core/alembic/ParseCache.h"

#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstring>

namespace retort::cacheio {

constexpr quint32 kByteOrderMark = 0x01020304;
constexpr quint32 kNullString = 0xffffffffu;
// Both headers: 8-byte magic, four u32 (format version, byte-order mark, two counts or lengths),
// u64 payload length, u64 checksum.
constexpr qsizetype kHeaderSize = 8 + 4 * 4 + 8 + 8;
// Cache files nobody has rewritten for this long are deleted when another one is written.
constexpr qint64 kPruneAfterSeconds = qint64(30) * 24 * 3600;

// Deletes the *.bin files of `dir` but `keep` that nobody has rewritten for kPruneAfterSeconds
// (deleted projects, temporary folders): a cache folder cannot grow without bound.
inline void pruneOldFiles(const QString& dir, const QString& keep)
{
    const QDateTime limit = QDateTime::currentDateTimeUtc().addSecs(-kPruneAfterSeconds);
    const QFileInfoList infos = QDir(dir).entryInfoList({ QStringLiteral("*.bin") }, QDir::Files);
    for (const QFileInfo& info : infos) {
        if (info.absoluteFilePath() != keep && info.lastModified().toUTC() < limit)
            QFile::remove(info.absoluteFilePath());
    }
}

// Word-at-a-time 64-bit hash: catches damaged bytes at ~1 ms per 4 MB (a cryptographic hash
// would cost more than the parse it saves).
inline quint64 checksum(const char* data, qsizetype size)
{
    quint64 h = 0x9e3779b97f4a7c15ull ^ quint64(size);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 w;
        std::memcpy(&w, data + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    quint64 tail = 0;
    std::memcpy(&tail, data + i, size_t(size - i));
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

inline qsizetype padded(qsizetype n, qsizetype to)
{
    return (n + to - 1) / to * to;
}

class Writer
{
public:
    explicit Writer(QByteArray* out)
        : m_out(out)
    {
    }
    template <typename T> void pod(T value) { m_out->append(reinterpret_cast<const char*>(&value), sizeof(T)); }
    void pad(qsizetype to)
    {
        const qsizetype n = padded(m_out->size(), to) - m_out->size();
        m_out->append(n, '\0');
    }
    void utf8(const QString& s)
    {
        if (s.isNull()) {
            pod<quint32>(kNullString);
            return;
        }
        const QByteArray bytes = s.toUtf8();
        pod<quint32>(quint32(bytes.size()));
        m_out->append(bytes);
        pad(4);
    }
    void utf16(const QString& s)
    {
        pod<quint32>(quint32(s.size()));
        m_out->append(reinterpret_cast<const char*>(s.constData()), s.size() * qsizetype(sizeof(QChar)));
        pad(4);
    }
    void list(const QStringList& l)
    {
        pod<quint32>(quint32(l.size()));
        for (const QString& s : l)
            utf8(s);
    }

private:
    QByteArray* m_out;
};

class Reader
{
public:
    Reader(const char* begin, const char* end)
        : m_p(begin)
        , m_end(end)
    {
    }
    [[nodiscard]] bool ok() const { return m_ok; }
    template <typename T> T pod()
    {
        T value {};
        if (!need(sizeof(T)))
            return value;
        std::memcpy(&value, m_p, sizeof(T));
        m_p += sizeof(T);
        return value;
    }
    QString utf8()
    {
        const quint32 n = pod<quint32>();
        if (n == kNullString || !m_ok)
            return {};
        if (!need(size_t(padded(n, 4))))
            return {};
        QString s = n == 0 ? QString(QLatin1String("")) : QString::fromUtf8(m_p, qsizetype(n));
        m_p += padded(n, 4);
        return s;
    }
    // A view of a UTF-16 string (aligned: the record starts at a multiple of 8).
    QStringView utf16()
    {
        const quint32 n = pod<quint32>();
        if (!m_ok || !need(size_t(padded(qsizetype(n) * 2, 4))))
            return {};
        const QStringView view(reinterpret_cast<const QChar*>(m_p), qsizetype(n));
        m_p += padded(qsizetype(n) * 2, 4);
        return view;
    }
    QStringList list()
    {
        const quint32 n = pod<quint32>();
        QStringList l;
        if (!m_ok || !need(size_t(n) * 4)) // every string takes 4 bytes at least
            return l;
        l.reserve(qsizetype(n));
        for (quint32 k = 0; k < n && m_ok; ++k)
            l.append(utf8());
        return l;
    }
    // Steps over a UTF-8 string / a list of them without decoding.
    void skipUtf8()
    {
        const quint32 n = pod<quint32>();
        if (n != kNullString && m_ok && need(size_t(padded(n, 4))))
            m_p += padded(n, 4);
    }
    void skipList()
    {
        const quint32 n = pod<quint32>();
        for (quint32 k = 0; k < n && m_ok; ++k)
            skipUtf8();
    }
    quint32 count(size_t minItemSize)
    {
        const quint32 n = pod<quint32>();
        return m_ok && size_t(m_end - m_p) >= size_t(n) * minItemSize ? n : (m_ok = false, 0u);
    }

private:
    bool need(size_t n)
    {
        if (!m_ok || size_t(m_end - m_p) < n) {
            m_ok = false;
            return false;
        }
        return true;
    }
    const char* m_p;
    const char* m_end;
    bool m_ok = true;
};

inline void readStamp(Reader& r, FileStamp* s)
{
    s->size = r.pod<qint64>();
    s->mtimeNs = r.pod<qint64>();
    s->ctimeNs = r.pod<qint64>();
    s->inode = r.pod<quint64>();
}

// The racy rule of every cache: a stamp is trusted only when the file's mtime and ctime are more
// than ParseCache::RacyWindowNs older than `ns` (when the cache was written, or its data read).
inline bool trusted(const FileStamp& stamp, qint64 ns)
{
    return stamp.isValid() && stamp.mtimeNs < ns - ParseCache::RacyWindowNs && stamp.ctimeNs < ns - ParseCache::RacyWindowNs;
}

inline void writeStamp(Writer& w, const FileStamp& s)
{
    w.pod<qint64>(s.size);
    w.pod<qint64>(s.mtimeNs);
    w.pod<qint64>(s.ctimeNs);
    w.pod<quint64>(s.inode);
}

// The header both cache files start with: 8-byte magic, u32 format version, u32 byte-order
// mark, two u32 whose meaning is the file's own (counts, lengths), u64 payload length, u64
// checksum of everything after the header.
struct Header
{
    quint32 first = 0;
    quint32 second = 0;
    quint64 payloadLength = 0;
};

inline QByteArray makeHeader(const char (&magic)[8], quint32 formatVersion, const Header& h, const QByteArray& body)
{
    QByteArray header;
    header.reserve(kHeaderSize);
    header.append(magic, sizeof(magic));
    Writer w(&header);
    w.pod<quint32>(formatVersion);
    w.pod<quint32>(kByteOrderMark);
    w.pod<quint32>(h.first);
    w.pod<quint32>(h.second);
    w.pod<quint64>(h.payloadLength);
    w.pod<quint64>(checksum(body.constData(), body.size()));
    return header;
}

// Reads and checks the header of a whole cache file: magic, byte order, format version and the
// checksum. Returns why the file cannot be used ("" when it can); the caller checks the size
// against the header's fields.
inline QString readHeader(const QByteArray& data, const char (&magic)[8], const char* kind, quint32 formatVersion,
                          Header* out)
{
    if (data.size() < kHeaderSize || std::memcmp(data.constData(), magic, sizeof(magic)) != 0)
        return QStringLiteral("not a Retort %1").arg(QLatin1String(kind));
    Reader r(data.constData() + sizeof(magic), data.constData() + kHeaderSize);
    const quint32 version = r.pod<quint32>();
    const quint32 mark = r.pod<quint32>();
    out->first = r.pod<quint32>();
    out->second = r.pod<quint32>();
    out->payloadLength = r.pod<quint64>();
    const quint64 sum = r.pod<quint64>();
    if (mark != kByteOrderMark)
        return QStringLiteral("written on a machine with another byte order");
    if (version != formatVersion)
        return QStringLiteral("format version %1, this Retort reads %2").arg(version).arg(formatVersion);
    if (checksum(data.constData() + kHeaderSize, data.size() - kHeaderSize) != sum)
        return QStringLiteral("checksum mismatch (damaged or truncated)");
    return {};
}

} // namespace retort::cacheio
