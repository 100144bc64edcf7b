#include "core/alembic/HeadsCache.h"

#include "core/alembic/CacheIo.h"
#include "core/log/Log.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <optional>
#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

// File layout (native byte order; the byte-order mark rejects a foreign one):
//   header   "RETORTHC", u32 format version, u32 0x01020304, u32 file count, u32 head count,
//            u64 payload length, u64 checksum of the payload
//   payload  the key (UTF-8: format version, every version location's path and canonical path),
//            the folder stamp of a plain version location (FileStamp; size -1 when none), the
//            import record and the note (UTF-8, "" none; HeadsCache::Extra),
//            then per file: u32 location, FileStamp (4 x 64 bit), path relative to the location
//            (UTF-16); then per head: id (UTF-8), branch labels (list), u32 flags (1 = real
//            head). Strings and lists as in CacheIo.h.

namespace retort {

namespace {

using namespace cacheio;

constexpr char kMagic[8] = { 'R', 'E', 'T', 'O', 'R', 'T', 'H', 'C' };

QString keyText(const ProjectSurvey& survey)
{
    QString key = QStringLiteral("retort heads cache %1\n").arg(HeadsCache::FormatVersion);
    for (qsizetype loc = 0; loc < survey.roots.size(); ++loc) {
        key += QStringLiteral("root=") + survey.roots[loc] + QLatin1Char('\n');
        key += QStringLiteral("canonical=") + survey.canonicalRoots.value(loc) + QLatin1Char('\n');
    }
    return key;
}

// The heads file read whole, with its write time and checked header ("" error = usable).
struct Loaded
{
    QByteArray data;
    qint64 writtenNs = 0;
    Header header;
    QString error;
};

Loaded load(const QString& file)
{
    Loaded out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        out.error = f.errorString();
        return out;
    }
#ifdef Q_OS_UNIX
    struct stat st;
    if (::fstat(f.handle(), &st) != 0) {
        out.error = QStringLiteral("cannot stat it");
        return out;
    }
    out.writtenNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
#else
    out.writtenNs = QFileInfo(file).lastModified().toMSecsSinceEpoch() * 1000000;
#endif
    out.data = f.readAll();
    if (const QString why = readHeader(out.data, kMagic, "heads cache", HeadsCache::FormatVersion, &out.header); !why.isEmpty())
        out.error = why;
    else if (quint64(out.data.size()) != quint64(kHeaderSize) + out.header.payloadLength)
        out.error = QStringLiteral("truncated or extended (%1 bytes)").arg(out.data.size());
    return out;
}

bool readHeads(Reader& r, quint32 count, QVector<HeadsCache::Head>* heads)
{
    heads->reserve(qsizetype(count));
    for (quint32 k = 0; k < count && r.ok(); ++k) {
        HeadsCache::Head h;
        h.id = r.utf8();
        h.branchLabels = r.list();
        const quint32 flags = r.pod<quint32>();
        h.isRealHead = flags & 1u;
        heads->push_back(std::move(h));
    }
    return r.ok();
}

} // namespace

QString HeadsCache::fileFor(const QString& cacheDir, const ProjectSurvey& survey, const AlembicVersion& alembic)
{
    const QString key = keyText(survey) + QStringLiteral("\nalembic ") + alembic.toString();
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return cacheDir + QLatin1Char('/') + QString::fromLatin1(hash) + QStringLiteral(".bin");
}

QString HeadsCache::defaultDirectory()
{
    const QString parse = ParseCache::defaultDirectory();
    return parse.isEmpty() ? QString() : QFileInfo(parse).absolutePath() + QStringLiteral("/heads");
}

bool HeadsCache::isWorthCaching(const ProjectSurvey& survey)
{
    return survey.problems.isEmpty() && survey.warnings.isEmpty() && survey.stamps.size() == survey.files.size()
        && survey.files.size() >= ParseCache::DefaultMinFiles;
}

HeadsCache::Lookup HeadsCache::lookup(const QString& file, const ProjectSurvey& survey)
{
    Lookup miss;
    auto reject = [&](const QString& why) {
        log::debug(log::Area::Project, QStringLiteral("heads cache %1 not used: %2").arg(file, why));
        return miss;
    };
    if (survey.stamps.size() != survey.files.size())
        return reject(QStringLiteral("the project was listed without stamps"));
    const Loaded loaded = load(file);
    if (!loaded.error.isEmpty())
        return reject(loaded.error);
    const QByteArray& data = loaded.data;
    const qint64 writtenNs = loaded.writtenNs;
    const quint32 fileCount = loaded.header.first;
    const quint32 headCount = loaded.header.second;

    Reader r(data.constData() + kHeaderSize, data.constData() + data.size());
    if (r.utf8() != keyText(survey))
        return reject(QStringLiteral("written for other version locations"));
    FileStamp folder;
    readStamp(r, &folder);
    const QString importRecord = r.utf8();
    const QString note = r.utf8();
    if (qsizetype(fileCount) != survey.files.size())
        return reject(QStringLiteral("%1 files then, %2 now").arg(fileCount).arg(survey.files.size()));
    bool racy = false;
    for (qsizetype i = 0; i < survey.files.size(); ++i) {
        const quint32 location = r.pod<quint32>();
        FileStamp stamp;
        readStamp(r, &stamp);
        const QStringView relative = r.utf16();
        if (!r.ok())
            return reject(QStringLiteral("damaged file list"));
        if (int(location) != survey.location[i] || relative != survey.relativePath(i))
            return reject(QStringLiteral("the files changed (%1)").arg(survey.files[i]));
        if (stamp != survey.stamps[i] || !stamp.isValid())
            return reject(QStringLiteral("%1 changed").arg(survey.files[i]));
        racy = racy || !trusted(stamp, writtenNs);
    }
    QVector<Head> heads;
    readHeads(r, headCount, &heads);
    if (!r.ok())
        return reject(QStringLiteral("damaged list of heads"));
    if (racy) {
        log::debug(log::Area::Project,
                   QStringLiteral("heads cache %1 not used: files changed less than 2 s before it was written").arg(file));
        return Lookup { Status::Racy, {}, {}, {} };
    }
    return Lookup { Status::Hit, std::move(heads), importRecord, note };
}

std::optional<HeadsCache::Lookup> HeadsCache::lookupRecorded(const QString& file, const ProjectSurvey& location,
                                                             ProjectSurvey* survey)
{
    if (location.roots.size() != 1 || !location.folder.isValid())
        return std::nullopt;
    const Loaded loaded = load(file);
    if (!loaded.error.isEmpty())
        return std::nullopt;
    Reader r(loaded.data.constData() + kHeaderSize, loaded.data.constData() + loaded.data.size());
    if (r.utf8() != keyText(location))
        return std::nullopt;
    FileStamp folder;
    readStamp(r, &folder);
    const QString importRecord = r.utf8();
    const QString note = r.utf8();
    if (!r.ok() || folder != location.folder || !trusted(folder, loaded.writtenNs))
        return std::nullopt;
    ProjectSurvey recorded = location;
    const QString prefix = location.roots.first() + QLatin1Char('/');
    QVector<FileStamp> stored;
    stored.reserve(qsizetype(loaded.header.first));
    recorded.files.reserve(qsizetype(loaded.header.first));
    for (quint32 i = 0; i < loaded.header.first; ++i) {
        const quint32 at = r.pod<quint32>();
        FileStamp stamp;
        readStamp(r, &stamp);
        const QStringView relative = r.utf16();
        if (!r.ok() || at != 0)
            return std::nullopt;
        recorded.files.append(prefix + relative);
        stored.append(stamp);
    }
    QVector<Head> heads;
    if (!readHeads(r, loaded.header.second, &heads))
        return std::nullopt;
    recorded.location.fill(0, recorded.files.size());
    recorded.symlink.fill(0, recorded.files.size());
    ProjectScanner::stampFiles(recorded);
    *survey = std::move(recorded);

    bool racy = false;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        if (stored[i] != survey->stamps[i] || !stored[i].isValid()) {
            log::debug(log::Area::Project, QStringLiteral("heads cache %1 not used: %2 changed").arg(file, survey->files[i]));
            return Lookup{};
        }
        racy = racy || !trusted(stored[i], loaded.writtenNs);
    }
    if (racy)
        return Lookup{Status::Racy, {}, {}, {}};
    return Lookup{Status::Hit, std::move(heads), importRecord, note};
}

bool HeadsCache::save(const QString& file, const ProjectSurvey& survey, const QVector<Head>& heads, const Extra& extra)
{
    if (survey.stamps.size() != survey.files.size())
        return false;
    const QString dir = QFileInfo(file).absolutePath();
    if (!QDir().mkpath(dir)) {
        log::debug(log::Area::Project, QStringLiteral("heads cache: cannot create the folder %1").arg(dir));
        return false;
    }
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly)) {
        log::debug(log::Area::Project, QStringLiteral("heads cache: cannot write %1: %2").arg(file, out.errorString()));
        return false;
    }
    QByteArray payload;
    payload.reserve(survey.files.size() * 120 + 1024);
    Writer w(&payload);
    w.utf8(keyText(survey));
    writeStamp(w, survey.folder);
    w.utf8(extra.importRecord);
    w.utf8(extra.note);
    for (qsizetype i = 0; i < survey.files.size(); ++i) {
        w.pod<quint32>(quint32(survey.location[i]));
        writeStamp(w, survey.stamps[i]);
        w.utf16(survey.relativePath(i).toString());
    }
    for (const Head& h : heads) {
        w.utf8(h.id);
        w.list(h.branchLabels);
        w.pod<quint32>(h.isRealHead ? 1u : 0u);
    }
    const QByteArray header = makeHeader(
        kMagic, FormatVersion, Header { quint32(survey.files.size()), quint32(heads.size()), quint64(payload.size()) }, payload);
    if (out.write(header) != header.size() || out.write(payload) != payload.size() || !out.commit()) {
        log::debug(log::Area::Project, QStringLiteral("heads cache: cannot write %1: %2").arg(file, out.errorString()));
        return false;
    }
    pruneOldFiles(dir, QFileInfo(file).absoluteFilePath());
    return true;
}

bool HeadsCache::wouldTrustIfSavedNow(const ProjectSurvey& survey)
{
    const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    return std::all_of(survey.stamps.cbegin(), survey.stamps.cend(),
                       [nowNs](const FileStamp& s) { return trusted(s, nowNs); });
}

} // namespace retort
