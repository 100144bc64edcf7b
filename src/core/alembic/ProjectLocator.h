#pragma once

#include "core/alembic/ProjectConfig.h"
#include "core/common/Error.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace retort {

// Finds an Alembic project's pieces without running Python (see ProjectConfig).
//
// locate(path):
//  - path is a file: an .ini (Alembic's `-c`) or a pyproject.toml;
//  - path is a folder: its alembic.ini and/or pyproject.toml with a [tool.alembic] table.
//    When both exist, options in alembic.ini's [alembic] section win over [tool.alembic]
//    (Alembic 1.16 reads the ini first); sqlalchemy.url only ever comes from the ini. A
//    pyproject.toml Retort cannot read is an error only when the ini has no [alembic] section
//    (otherwise it is logged and ignored, as Alembic < 1.16 ignores it).
// alembic.ini is read with Python configparser semantics (sections, `=`/`:`, indented
// continuation lines, full-line `#`/`;` comments, `%(here)s` and `%%` interpolation, [DEFAULT]).
// script_location: absolute, relative to the config file's folder (Alembic resolves it against
// the working directory, which is that folder when `alembic` runs next to its ini), or
// `package:path` (no Python is run: the package is looked up as a folder in the config file's
// folder, its `src/`, or its parent folder).
// version_locations: split with Alembic's rules (path_separator, then version_path_separator:
// os, space, newline, ':', ';'; entries stripped like Alembic >= 1.10; legacy when both are
// absent: re.split(", *| +")). Empty entries are dropped. Without version_locations the one
// location is <script_location>/versions. recursive_version_locations and sourceless are true only
// for the exact ini text "true" (Alembic compares strings), or a TOML boolean.
// The ini section is always [alembic] (Alembic's -n/--name is not supported).
// With the project's Alembic version (`alembic`), the rules of that version: before 1.16 no
// pyproject.toml, no path_separator and no 'newline' separator; before 1.10 entries are not
// stripped and recursive_version_locations is ignored (listed in ProjectConfig::ignoredByAlembic).
// An unknown version reads what 1.16+ reads and honours recursive_version_locations.
// env.py facts (version_table, version_table_schema, transaction_per_migration) are read from
// literal keyword arguments of `context.configure(...)`.
//
// Error codes: "project-not-found", "config-syntax", "config-missing-key",
// "config-bad-value", "script-location-missing", "path-not-found".
class ProjectLocator
{
public:
    static Result<ProjectConfig> locate(const QString& folderOrConfigFile, const AlembicVersion& alembic = {});
    // A bare versions directory with no alembic.ini (retort-cli --versions DIR [--recursive]).
    static Result<ProjectConfig> forVersionsDir(const QString& dir, bool recursive);

    // The rules above, for callers that read alembic.ini themselves (the doctor):
    //
    // A version_locations value split as Alembic splits it. `separatorKey` / `separatorValue`: the
    // option that is set, path_separator before version_path_separator ("" and std::nullopt when
    // neither is: the legacy split). Empty entries are dropped. An unknown separator gives a
    // "config-bad-value" Error without path or line (the caller knows them).
    static Result<QStringList> splitVersionLocations(const QString& value, const QString& separatorKey,
                                                     const std::optional<QString>& separatorValue,
                                                     const AlembicVersion& alembic = {});

    struct ResolvedLocation
    {
        QString path;            // absolute, cleaned
        bool isResource = false; // written as `package:path`
        bool found = true;       // false: the package is no folder near baseDir (`path` is where it would be)
        QString why;             // when !found: where the package was looked for
    };
    // A script_location or version location value resolved against `baseDir` (the config file's folder).
    static ResolvedLocation resolveLocation(const QString& value, const QString& baseDir);
};

} // namespace retort
