#pragma once

#include "core/alembic/ParseCache.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace retort {

// What the project's Alembic said about the revision files the static reader could not fold
// (docs/DESIGN-NOTES.md, "Import cache"). Importing them costs a Python start and the imports
// (~0.3 s), on every load; the answer depends only on the source Python ran, so it is kept:
// one small file per project and interpreter in <QStandardPaths::CacheLocation>/imports, holding
// the files imported (absolute paths and FileStamps taken before the import), the values the
// bridge reported for each (its JSON object, as received), and every other file the import read:
// the modules it loaded that were not loaded before it (the project's own, usually), the
// configuration file and the interpreter.
//
// A lookup is a hit only for exactly the same files in the same order, when every one of them and
// every dependency has the stamp it had, and every stamp is more than ParseCache::RacyWindowNs
// older than the moment the import started (a file changed while Python read it is never
// trusted). What a hit cannot see is named in the design notes: a value computed from the
// environment, the clock or a file that is not a Python module, and a module that appears
// somewhere earlier on sys.path and would now shadow the one imported; `--no-cache` imports again.
// Off with the parse cache (ParseCache::isEnabled()). A missing, damaged or foreign file is a miss.
class ImportCache
{
public:
    static constexpr quint32 FormatVersion = 1; // raise with every change of the layout

    struct Import
    {
        QString key;                       // what else the answer depends on (keyText of the caller)
        qint64 startedNs = 0;              // wall clock when the import started (ns since the epoch)
        QString loader;                    // the bridge's "loader" ("alembic" or "importlib")
        QStringList files;                 // the revision files imported, absolute, in order
        QVector<FileStamp> fileStamps;     // their stamps, taken before the import
        QVector<QByteArray> values;        // per file: the bridge's object (compact JSON)
        QStringList dependencies;          // every other file the answer depends on
        QVector<FileStamp> dependencyStamps;
    };

    // <ParseCache::defaultDirectory()'s parent>/imports ("" when the platform has no cache folder).
    [[nodiscard]] static QString defaultDirectory();
    // The cache file for `key` in `cacheDir`.
    [[nodiscard]] static QString fileFor(const QString& cacheDir, const QString& key);

    // The import recorded in `file` when it was made with `key` for exactly `files` and nothing it
    // read has changed since (see above); nullopt otherwise, with the reason in the debug log.
    [[nodiscard]] static std::optional<Import> lookup(const QString& file, const QString& key, const QStringList& files);
    // Whether the import recorded in `file` with `key`, whatever files it was for, would still be
    // taken: nothing it read has changed (the heads cache asks this of an answer that needed it).
    [[nodiscard]] static bool holds(const QString& file, const QString& key);
    // Writes `import` (atomically), the dependencies' stamps taken now. False when the folder or
    // the file cannot be written (only the speed-up is lost).
    static bool save(const QString& file, Import import);
};

} // namespace retort
