#pragma once

#include "core/alembic/ParseCache.h"
#include "core/alembic/ProjectConfig.h"
#include "core/alembic/RevisionFile.h"
#include "core/common/Error.h"

#include <QList>
#include <QStringList>
#include <QVector>

#include <optional>

namespace retort {

struct ScanResult
{
    // Every revision file found, in scan order (see ProjectScanner), including files with
    // problems (each file's own problems are in RevisionFile::problems as well).
    QVector<RevisionFile> files;
    // Project-level problems (a missing default versions folder or --versions folder, naming the
    // path and the config key; compiled-only files when sourceless) plus a copy of every file's
    // problems, in file order.
    QList<Error> problems;
    // Non-fatal notes: a missing entry of version_locations (Alembic skips it silently), a file
    // reachable twice through two locations (Alembic warns and reads it once).
    QList<Error> warnings;
    // How many of `files` came from the parse cache instead of being read and parsed.
    int reusedFromCache = 0;
    // The version location was not listed: the listing its parse cache recorded stood in for it
    // (ParseCache::folderStamp).
    bool listedFromCache = false;
};

// The files of a project, in scan order, each with its stamp, before any is read: what
// ProjectScanner::survey returns. A caller that has surveyed a project (retort-cli heads asks the
// HeadsCache first) hands it to scan() through ScanOptions, so the folders are not listed and
// stat'ed twice.
struct ProjectSurvey
{
    QStringList files;               // absolute paths, scan order
    QVector<int> location;           // per file: index into roots
    QVector<char> symlink;           // per file: reached through a file link
    QStringList roots;               // version locations that exist (absolute, clean)
    QStringList canonicalRoots;      // the same, symbolic links resolved
    QVector<FileStamp> stamps;       // per file (invalid where stat failed); empty if not taken
    // One plain version location (not recursive, not sourceless): its folder's stamp, taken before
    // it was listed. While a folder keeps its stamp its entries are the same (creating, removing or
    // renaming one changes the folder's mtime), so a listing recorded with it stands in for a new
    // one (HeadsCache). Invalid otherwise.
    FileStamp folder;
    QList<Error> problems, warnings; // as in ScanResult, for the listing itself

    // The path of file `i` relative to its version location.
    [[nodiscard]] QStringView relativePath(int i) const
    {
        return QStringView(files[i]).mid(roots[location[i]].size() + 1);
    }
};

// How ProjectScanner::scan reads the files.
struct ScanOptions
{
    // Reuse parsed files from the parse cache (docs/DESIGN-NOTES.md "Parse cache"); also off when
    // ParseCache::isEnabled() is false (retort-cli --no-cache, RETORT_NO_CACHE=1).
    bool useCache = true;
    QString cacheDir;                                   // "" = ParseCache::defaultDirectory()
    int minFilesForCache = ParseCache::DefaultMinFiles; // smaller locations get no cache file
    // Which of their docstring, message, create date and Revises: header files taken from the
    // parse cache get. A caller that shows none of them (retort-cli heads, plan --json) or only
    // the message and date (history) saves decoding and allocating the longest strings of every
    // file; files parsed afresh always have them all.
    CachedText text = CachedText::Full;
    // A survey of the same configuration, taken just before (its stamps are used as they are).
    const ProjectSurvey* survey = nullptr;
};

// Lists and parses the revision files of a project.
//
// Which files: like Alembic, every regular file whose name ends in ".py" and does not start with
// "__init__" or ".#" (so `_x.py` and `.x.py` are read; `.pyc`, `__pycache__` are not).
// Order (deterministic on every file system): version locations in config order; within one
// location, a folder's files sorted by name (code point order), then - when recursive - its
// subfolders in sorted name order, depth first (Alembic >= 1.10's sorted top-down walk;
// `__pycache__` folders are skipped). A file reachable twice (same canonical path) is read once.
// Files are read and parsed in parallel (QtConcurrent); the order of the result never depends on
// timing. Files whose stat (size, mtime, ctime, inode) matches the parse cache are not read again
// (see ParseCache; the result is the same either way). With `sourceless = true`, compiled files
// Alembic would load without a .py next to them are reported ("revision-file-compiled-only"):
// Retort cannot read them statically.
class ProjectScanner
{
public:
    static ScanResult scan(const ProjectConfig& config);
    static ScanResult scan(const ProjectConfig& config, const ScanOptions& options);
    // Lists the files and stats every one (in parallel), reading none.
    static ProjectSurvey survey(const ProjectConfig& config);
    // A project with one plain version location (see ProjectSurvey::folder): its root and folder
    // stamp, no files yet. Nothing for other projects.
    static std::optional<ProjectSurvey> plainLocation(const ProjectConfig& config);
    // Stats every file of `survey` (in parallel), replacing its stamps.
    static void stampFiles(ProjectSurvey& survey);
    // The file list only, in scan order (absolute paths), plus location problems.
    static QStringList listRevisionFiles(const ProjectConfig& config, QList<Error>* problems = nullptr,
                                         QList<Error>* warnings = nullptr);
};

} // namespace retort
