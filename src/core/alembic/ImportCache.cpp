#include "core/alembic/ImportCache.h"

#include "core/alembic/CacheIo.h"
#include "core/log/Log.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

// File layout (native byte order; the byte-order mark rejects a foreign one):
//   header   "RETORTIC", u32 format version, u32 0x01020304, u32 file count, u32 dependency count,
//            u64 payload length, u64 checksum of the payload
//   payload  the key (UTF-8), i64 start of the import (ns), the loader (UTF-8); per file: path
//            (UTF-8), FileStamp, the bridge's object (UTF-8 JSON); per dependency: path (UTF-8),
//            FileStamp. Strings as in CacheIo.h.

namespace retort {

namespace {

using namespace cacheio;

constexpr char kMagic[8] = { 'R', 'E', 'T', 'O', 'R', 'T', 'I', 'C' };

} // namespace

QString ImportCache::defaultDirectory()
{
    const QString parse = ParseCache::defaultDirectory();
    return parse.isEmpty() ? QString() : QFileInfo(parse).absolutePath() + QStringLiteral("/imports");
}

QString ImportCache::fileFor(const QString& cacheDir, const QString& key)
{
    const QString text = QStringLiteral("retort import cache %1\n").arg(FormatVersion) + key;
    const QByteArray hash = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex();
    return cacheDir + QLatin1Char('/') + QString::fromLatin1(hash) + QStringLiteral(".bin");
}

namespace {

// The record in `file` when it is whole and written with `key` (its stamps not yet checked).
std::optional<ImportCache::Import> read(const QString& file, const QString& key, QString* why)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *why = f.errorString();
        return std::nullopt;
    }
    const QByteArray data = f.readAll();
    Header header;
    if (*why = readHeader(data, kMagic, "import cache", ImportCache::FormatVersion, &header); !why->isEmpty())
        return std::nullopt;
    if (quint64(data.size()) != quint64(kHeaderSize) + header.payloadLength) {
        *why = QStringLiteral("truncated or extended (%1 bytes)").arg(data.size());
        return std::nullopt;
    }
    Reader r(data.constData() + kHeaderSize, data.constData() + data.size());
    ImportCache::Import out;
    out.key = r.utf8();
    if (!r.ok() || out.key != key) {
        *why = QStringLiteral("written for another interpreter or configuration");
        return std::nullopt;
    }
    out.startedNs = r.pod<qint64>();
    out.loader = r.utf8();
    for (quint32 i = 0; i < header.first && r.ok(); ++i) {
        out.files << r.utf8();
        FileStamp stamp;
        readStamp(r, &stamp);
        out.fileStamps << stamp;
        out.values << r.utf8().toUtf8();
    }
    for (quint32 i = 0; i < header.second && r.ok(); ++i) {
        out.dependencies << r.utf8();
        FileStamp stamp;
        readStamp(r, &stamp);
        out.dependencyStamps << stamp;
    }
    if (!r.ok()) {
        *why = QStringLiteral("damaged");
        return std::nullopt;
    }
    return out;
}

// "" when every file and dependency of `import` keeps its stamp and is older than the racy window
// before the import started; otherwise the first that is not.
QString changed(const ImportCache::Import& import)
{
    auto check = [&](const QString& path, const FileStamp& stamp) -> QString {
        if (FileStamp::of(path) != stamp || !stamp.isValid())
            return QStringLiteral("%1 changed").arg(path);
        if (!trusted(stamp, import.startedNs))
            return QStringLiteral("%1 changed less than 2 s before the import").arg(path);
        return {};
    };
    for (qsizetype i = 0; i < import.files.size(); ++i) {
        if (QString why = check(import.files.at(i), import.fileStamps.at(i)); !why.isEmpty())
            return why;
    }
    for (qsizetype i = 0; i < import.dependencies.size(); ++i) {
        if (QString why = check(import.dependencies.at(i), import.dependencyStamps.at(i)); !why.isEmpty())
            return why;
    }
    return {};
}

} // namespace

std::optional<ImportCache::Import> ImportCache::lookup(const QString& file, const QString& key, const QStringList& files)
{
    QString why;
    std::optional<Import> import = read(file, key, &why);
    if (import && import->files != files)
        why = QStringLiteral("other files to import (%1 then, %2 now)").arg(import->files.size()).arg(files.size());
    else if (import)
        why = changed(*import);
    if (why.isEmpty())
        return import;
    log::debug(log::Area::Project, QStringLiteral("import cache %1 not used: %2").arg(file, why));
    return std::nullopt;
}

bool ImportCache::holds(const QString& file, const QString& key)
{
    QString why;
    const std::optional<Import> import = read(file, key, &why);
    if (import)
        why = changed(*import);
    if (why.isEmpty())
        return true;
    log::debug(log::Area::Project, QStringLiteral("import cache %1 no longer holds: %2").arg(file, why));
    return false;
}

bool ImportCache::save(const QString& file, Import import)
{
    if (import.fileStamps.size() != import.files.size() || import.values.size() != import.files.size())
        return false;
    import.dependencyStamps.clear();
    for (const QString& path : std::as_const(import.dependencies))
        import.dependencyStamps << FileStamp::of(path);
    const QString dir = QFileInfo(file).absolutePath();
    if (!QDir().mkpath(dir)) {
        log::debug(log::Area::Project, QStringLiteral("import cache: cannot create the folder %1").arg(dir));
        return false;
    }
    QByteArray payload;
    Writer w(&payload);
    w.utf8(import.key);
    w.pod<qint64>(import.startedNs);
    w.utf8(import.loader);
    for (qsizetype i = 0; i < import.files.size(); ++i) {
        w.utf8(import.files.at(i));
        writeStamp(w, import.fileStamps.at(i));
        w.utf8(QString::fromUtf8(import.values.at(i)));
    }
    for (qsizetype i = 0; i < import.dependencies.size(); ++i) {
        w.utf8(import.dependencies.at(i));
        writeStamp(w, import.dependencyStamps.at(i));
    }
    const QByteArray header = makeHeader(
        kMagic, FormatVersion, Header { quint32(import.files.size()), quint32(import.dependencies.size()), quint64(payload.size()) },
        payload);
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(header) != header.size() || out.write(payload) != payload.size()
        || !out.commit()) {
        log::debug(log::Area::Project, QStringLiteral("import cache: cannot write %1: %2").arg(file, out.errorString()));
        return false;
    }
    pruneOldFiles(dir, QFileInfo(file).absoluteFilePath());
    return true;
}

} // namespace retort
