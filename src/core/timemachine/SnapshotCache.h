#pragma once

// The schema at each revision, kept between runs like the parse cache: one file per project under
// <CacheLocation>/schema/<sha1(format, alembic.ini's canonical path)>.bin (retort-cli:
// ~/.cache/Retort/retort/schema/...), holding one schema per dialect and state.
//
// A state is what `alembic upgrade` builds: a revision with all its ancestors (down_revision and
// depends_on), or several such heads together. Its key is a hash of the content of every revision
// file in it (a Merkle chain: a revision's key hashes its own file and its parents' keys), of env.py
// and of the dialect, so editing, adding or removing a revision file (or env.py) invalidates exactly
// the states that contain it. Other files migrations import (models, helpers) are not in the key:
// `--no-cache` (or RETORT_NO_CACHE=1, the parse cache's switch) recomputes.
//
// Failure is never an error: a missing, damaged or foreign file is an empty cache, and a folder that
// cannot be written only costs the speed-up (logged).

#include "core/common/Error.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/SchemaInspector.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QVector>

namespace retort {

class RevisionGraph;

class SnapshotCache
{
public:
    static constexpr quint32 FormatVersion = 1;

    struct Entry
    {
        QString label;          // the state's heads, for people ("ae10", "a1,b2")
        QString serverVersion;  // PostgreSQL major version it was built on ("" for SQLite)
        qint64 createdMs = 0;   // since the epoch
        SchemaSnapshot schema;
    };

    // `configFile`: the project's alembic.ini (its canonical path names the cache file).
    explicit SnapshotCache(const QString& configFile);

    // Off with ParseCache::setEnabled(false) (retort-cli --no-cache) or RETORT_NO_CACHE=1.
    [[nodiscard]] static bool isEnabled();
    [[nodiscard]] static QString directory();
    [[nodiscard]] QString filePath() const { return m_path; }

    // Per revision (graph index) its state key for `dialect`: hash of the revision file's bytes,
    // its normalized parents' keys (Alembic's down_revision + depends_on edges), env.py's bytes and
    // the dialect. Empty for a revision whose file cannot be read (never cached).
    static QVector<QByteArray> revisionKeys(const RevisionGraph& graph, const QString& envPy, Dialect dialect);
    // The key of the state several heads build together (one head: its own key).
    static QByteArray stateKey(const QVector<QByteArray>& headKeys);

    // Reads the file once (later calls keep what is in memory).
    void load();
    [[nodiscard]] const Entry* find(const QByteArray& key) const;
    [[nodiscard]] bool contains(const QByteArray& key) const { return m_entries.contains(key); }
    void insert(const QByteArray& key, Entry entry);
    // Writes the file atomically, keeping only the entries whose keys are in `live` (the states
    // of the project as it is now; stale ones go). Nothing is written when nothing changed.
    Status save(const QSet<QByteArray>& live);
    [[nodiscard]] int size() const { return int(m_entries.size()); }

private:
    QString m_path;
    QString m_projectKey;
    QHash<QByteArray, Entry> m_entries;
    bool m_loaded = false;
    bool m_dirty = false;
};

} // namespace retort
