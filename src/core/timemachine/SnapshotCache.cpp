#include "core/timemachine/SnapshotCache.h"

#include "core/alembic/ParseCache.h"
#include "core/graph/RevisionGraph.h"
#include "core/log/Log.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace retort {

// ---- QDataStream for the inspector's types (field by field; the format version guards changes).
// In namespace retort (static), where QList's stream operators find them by argument lookup.

static QDataStream& operator<<(QDataStream& out, const ColumnInfo& c)
{
    return out << c.name << c.type << c.nullable << c.defaultValue << c.primaryKey << c.comment;
}
static QDataStream& operator>>(QDataStream& in, ColumnInfo& c)
{
    return in >> c.name >> c.type >> c.nullable >> c.defaultValue >> c.primaryKey >> c.comment;
}
static QDataStream& operator<<(QDataStream& out, const KeyConstraint& k)
{
    return out << k.name << k.columns;
}
static QDataStream& operator>>(QDataStream& in, KeyConstraint& k)
{
    return in >> k.name >> k.columns;
}
static QDataStream& operator<<(QDataStream& out, const ForeignKeyInfo& f)
{
    return out << f.name << f.columns << f.referredSchema << f.referredTable << f.referredColumns << f.onUpdate << f.onDelete;
}
static QDataStream& operator>>(QDataStream& in, ForeignKeyInfo& f)
{
    return in >> f.name >> f.columns >> f.referredSchema >> f.referredTable >> f.referredColumns >> f.onUpdate >> f.onDelete;
}
static QDataStream& operator<<(QDataStream& out, const CheckConstraintInfo& c)
{
    return out << c.name << c.expression;
}
static QDataStream& operator>>(QDataStream& in, CheckConstraintInfo& c)
{
    return in >> c.name >> c.expression;
}
static QDataStream& operator<<(QDataStream& out, const IndexInfo& i)
{
    return out << i.name << i.columns << i.unique << i.primary << i.constraint << i.method << i.predicate;
}
static QDataStream& operator>>(QDataStream& in, IndexInfo& i)
{
    return in >> i.name >> i.columns >> i.unique >> i.primary >> i.constraint >> i.method >> i.predicate;
}
static QDataStream& operator<<(QDataStream& out, const EnumInfo& e)
{
    return out << e.schema << e.name << e.labels;
}
static QDataStream& operator>>(QDataStream& in, EnumInfo& e)
{
    return in >> e.schema >> e.name >> e.labels;
}
static QDataStream& operator<<(QDataStream& out, const TableInfo& t)
{
    return out << t.schema << t.name << qint32(t.kind) << t.comment << t.columns << t.primaryKey << t.foreignKeys
               << t.uniqueConstraints << t.checkConstraints << t.indexes;
}
static QDataStream& operator>>(QDataStream& in, TableInfo& t)
{
    qint32 kind = 0;
    in >> t.schema >> t.name >> kind >> t.comment >> t.columns >> t.primaryKey >> t.foreignKeys >> t.uniqueConstraints
        >> t.checkConstraints >> t.indexes;
    t.kind = TableKind(qBound(0, int(kind), int(TableKind::ForeignTable)));
    return in;
}
static QDataStream& operator<<(QDataStream& out, const SchemaSnapshot& s)
{
    return out << qint32(s.dialect) << s.defaultSchema << s.schemas << s.tables << s.enums;
}
static QDataStream& operator>>(QDataStream& in, SchemaSnapshot& s)
{
    qint32 dialect = 0;
    in >> dialect >> s.defaultSchema >> s.schemas >> s.tables >> s.enums;
    s.dialect = dialect == qint32(Dialect::PostgreSQL) ? Dialect::PostgreSQL : Dialect::SQLite;
    return in;
}

namespace {

constexpr char kMagic[] = "RTSCHEMA";

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    if (!hash.addData(&file))
        return {};
    return hash.result();
}

QString canonical(const QString& path)
{
    const QString c = QFileInfo(path).canonicalFilePath();
    return c.isEmpty() ? QFileInfo(path).absoluteFilePath() : c;
}

} // namespace

SnapshotCache::SnapshotCache(const QString& configFile)
    : m_projectKey(canonical(configFile))
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QByteArray::number(FormatVersion));
    hash.addData(m_projectKey.toUtf8());
    m_path = directory() + QLatin1Char('/') + QString::fromLatin1(hash.result().toHex()) + QStringLiteral(".bin");
}

bool SnapshotCache::isEnabled()
{
    return ParseCache::isEnabled();
}

QString SnapshotCache::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/schema");
}

QVector<QByteArray> SnapshotCache::revisionKeys(const RevisionGraph& graph, const QString& envPy, Dialect dialect)
{
    const QByteArray common = QByteArray::number(FormatVersion) + (dialect == Dialect::PostgreSQL ? "|postgresql|" : "|sqlite|")
                              + fileHash(envPy).toHex();
    QVector<QByteArray> keys(graph.size());
    QVector<char> state(graph.size(), 0); // 0 new, 1 on the stack, 2 done
    for (int root = 0; root < graph.size(); ++root) {
        if (state[root] == 2)
            continue;
        // Iterative post-order over the normalized down edges (ancestors first).
        QVector<int> stack{root};
        while (!stack.isEmpty()) {
            const int index = stack.last();
            if (state[index] == 0) {
                state[index] = 1;
                for (const int parent : graph.at(index).normalizedDown) {
                    if (state[parent] == 0)
                        stack.append(parent);
                }
                continue;
            }
            stack.removeLast();
            if (state[index] == 2)
                continue;
            state[index] = 2;
            const Revision& revision = graph.at(index);
            const QByteArray content = fileHash(revision.path);
            bool complete = !content.isEmpty();
            QVector<QByteArray> parents;
            for (const int parent : revision.normalizedDown) {
                complete = complete && !keys.at(parent).isEmpty();
                parents << keys.at(parent);
            }
            if (!complete)
                continue; // an unreadable file: this revision and its descendants are never cached
            std::sort(parents.begin(), parents.end());
            QCryptographicHash hash(QCryptographicHash::Sha1);
            hash.addData(common);
            hash.addData(revision.id.toUtf8());
            hash.addData(content);
            for (const QByteArray& p : parents)
                hash.addData(p);
            keys[index] = hash.result().toHex();
        }
    }
    return keys;
}

QByteArray SnapshotCache::stateKey(const QVector<QByteArray>& headKeys)
{
    if (headKeys.size() == 1)
        return headKeys.first();
    QVector<QByteArray> sorted = headKeys;
    std::sort(sorted.begin(), sorted.end());
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData("heads");
    for (const QByteArray& key : std::as_const(sorted)) {
        if (key.isEmpty())
            return {};
        hash.addData(key);
    }
    return hash.result().toHex();
}

void SnapshotCache::load()
{
    if (m_loaded)
        return;
    m_loaded = true;
    if (!isEnabled())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    QByteArray magic;
    quint32 version = 0;
    QString project;
    QByteArray payload;
    in >> magic >> version >> project >> payload;
    if (in.status() != QDataStream::Ok || magic != kMagic || version != FormatVersion || project != m_projectKey) {
        log::debug(log::Area::Db, QStringLiteral("schema cache %1: not ours or another format, ignored").arg(m_path));
        return;
    }
    const QByteArray data = qUncompress(payload);
    QDataStream entries(data);
    entries.setVersion(QDataStream::Qt_6_4);
    qint32 count = 0;
    entries >> count;
    QHash<QByteArray, Entry> read;
    for (qint32 i = 0; i < count && entries.status() == QDataStream::Ok; ++i) {
        QByteArray key;
        Entry entry;
        entries >> key >> entry.label >> entry.serverVersion >> entry.createdMs >> entry.schema;
        read.insert(key, std::move(entry));
    }
    if (entries.status() != QDataStream::Ok || data.isEmpty()) {
        log::debug(log::Area::Db, QStringLiteral("schema cache %1: damaged, ignored").arg(m_path));
        return;
    }
    m_entries = std::move(read);
}

const SnapshotCache::Entry* SnapshotCache::find(const QByteArray& key) const
{
    const auto it = m_entries.constFind(key);
    return it == m_entries.constEnd() ? nullptr : &*it;
}

void SnapshotCache::insert(const QByteArray& key, Entry entry)
{
    if (key.isEmpty())
        return;
    if (entry.createdMs == 0)
        entry.createdMs = QDateTime::currentMSecsSinceEpoch();
    m_entries.insert(key, std::move(entry));
    m_dirty = true;
}

Status SnapshotCache::save(const QSet<QByteArray>& live)
{
    if (!isEnabled())
        return Ok{};
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (live.contains(it.key())) {
            ++it;
        } else {
            it = m_entries.erase(it);
            m_dirty = true;
        }
    }
    if (!m_dirty)
        return Ok{};
    QByteArray data;
    {
        QDataStream out(&data, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        out << qint32(m_entries.size());
        QList<QByteArray> keys = m_entries.keys();
        std::sort(keys.begin(), keys.end());
        for (const QByteArray& key : std::as_const(keys)) {
            const Entry& e = m_entries.value(key);
            out << key << e.label << e.serverVersion << e.createdMs << e.schema;
        }
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        log::info(log::Area::Db, QStringLiteral("schema cache: cannot write %1: %2").arg(m_path, file.errorString()));
        return Error{QStringLiteral("cache-write"), QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()), {}, m_path, 0};
    }
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_4);
    out << QByteArray(kMagic) << FormatVersion << m_projectKey << qCompress(data);
    if (!file.commit()) {
        log::info(log::Area::Db, QStringLiteral("schema cache: cannot write %1: %2").arg(m_path, file.errorString()));
        return Error{QStringLiteral("cache-write"), QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()), {}, m_path, 0};
    }
    m_dirty = false;
    return Ok{};
}

} // namespace retort
