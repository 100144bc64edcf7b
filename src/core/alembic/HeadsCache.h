#pragma once

#include "core/alembic/AlembicVersion.h"
#include "core/alembic/ProjectScanner.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace retort {

// What `retort-cli heads` answered for a project whose files have not changed since
// (docs/DESIGN-NOTES.md, "Heads cache"). One small file per project in
// <QStandardPaths::CacheLocation>/heads, holding the exact survey the answer was computed from
// (every file's path relative to its version location and its FileStamp, in scan order) and the
// heads. A lookup is a hit only when a new survey of the project lists the same files in the same
// order with the same stamps, and every stamp is more than ParseCache::RacyWindowNs older than the
// heads file (the parse cache's racy rule). So a hit answers exactly what reading, parsing and
// building the graph again would answer.
//
// Only clean answers are stored: the caller saves after a Strict graph build with no problem and
// no warning at all, from files read statically or with the values of non-literal files taken from
// the import cache (ImportCache): then the heads file names that record and the note the answer
// carried, and the caller takes a hit only while the record still holds (ImportCache::holds).
// A missing, damaged (checksum) or foreign file is a miss; an unwritable cache folder only costs
// the speed-up. Off with the parse cache (ParseCache::isEnabled()).
class HeadsCache
{
public:
    static constexpr quint32 FormatVersion = 4; // raise with every change of the layout

    // One head as `alembic heads` prints it.
    struct Head
    {
        QString id;
        QStringList branchLabels; // Alembic's Revision.branch_labels (declared + inherited), sorted
        bool isRealHead = false;  // "(head)" rather than "(effective head)"

        friend bool operator==(const Head& a, const Head& b)
        {
            return a.id == b.id && a.branchLabels == b.branchLabels && a.isRealHead == b.isRealHead;
        }
    };

    enum class Status {
        Hit,      // the stored heads belong to exactly this survey
        Miss,     // no usable file, or the files changed
        Racy      // same files and stamps, but some are too recent to be trusted yet
    };
    struct Lookup
    {
        Status status = Status::Miss;
        QVector<Head> heads;  // set on a hit
        QString importRecord; // the import cache file the answer needed ("" none; see above)
        QString note;         // what the answer said on stderr (the import's note), "" none
    };
    // What an answer needed beyond the revision files (save()).
    struct Extra
    {
        QString importRecord;
        QString note;
    };

    // <cacheDir>/<sha1 of the format version, the survey's version locations and `alembic`>.bin:
    // the heads depend on the Alembic whose rules built the graph (AlembicVersion).
    [[nodiscard]] static QString fileFor(const QString& cacheDir, const ProjectSurvey& survey, const AlembicVersion& alembic = {});
    // <ParseCache::defaultDirectory()'s parent>/heads ("" when the platform has no cache folder).
    [[nodiscard]] static QString defaultDirectory();
    // Whether a project is worth a heads file: a surveyed listing without problems or warnings,
    // with at least ParseCache::DefaultMinFiles files (below that, reading them costs less).
    [[nodiscard]] static bool isWorthCaching(const ProjectSurvey& survey);

    [[nodiscard]] static Lookup lookup(const QString& file, const ProjectSurvey& survey);
    // lookup() for a project with one plain version location (`location`, from
    // ProjectScanner::plainLocation), reading `file` once: when the folder keeps the stamp it had
    // then, older than the file by the racy window, the folder's entries are the same (creating,
    // removing or renaming one changes the folder's stamp), so the recorded listing is this one;
    // its files are stamped afresh into `survey` (~5 ms of listing saved at 10,000 files) and
    // compared as lookup() does. Nothing (and `survey` untouched) when the recorded listing cannot
    // stand in: survey the project and call lookup().
    [[nodiscard]] static std::optional<Lookup> lookupRecorded(const QString& file, const ProjectSurvey& location,
                                                              ProjectSurvey* survey);
    // Writes (atomically) the heads for `survey`. False, with the reason in the debug log, when
    // the folder or file cannot be written.
    static bool save(const QString& file, const ProjectSurvey& survey, const QVector<Head>& heads, const Extra& extra = {});
    // Whether a Racy lookup would be a Hit if the file were written now.
    [[nodiscard]] static bool wouldTrustIfSavedNow(const ProjectSurvey& survey);
};

} // namespace retort
