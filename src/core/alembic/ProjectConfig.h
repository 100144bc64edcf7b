#pragma once

#include "core/alembic/AlembicVersion.h"

#include <QString>
#include <QStringList>

namespace retort {

// Where an Alembic project's pieces are, as Alembic would find them (alembic.ini or
// pyproject.toml [tool.alembic]), or a bare versions directory. Produced by ProjectLocator.
struct ProjectConfig
{
    QString rootDir;                 // folder holding alembic.ini (or the versions dir itself)
    QString configFile;              // absolute path of alembic.ini / pyproject.toml; "" for a bare dir
    QString scriptLocation;          // absolute folder holding env.py and script.py.mako
    QStringList versionLocations;    // absolute folders, in Alembic's order
    bool recursiveVersionLocations = false;
    QString envPy;                   // absolute path of env.py ("" when missing or bare dir)
    QString sqlalchemyUrl;           // raw `sqlalchemy.url` from the config file (may hold a password!)
    // Read statically from env.py's context.configure(...) when given as literals; "" = defaults.
    QString versionTable;            // default "alembic_version"
    QString versionTableSchema;      // default: the connection's default schema
    bool transactionPerMigration = false;

    // Added by the parser engineer (additive):
    QString configSection;           // ini section read ("alembic"); "" for pyproject-only / bare dir
    QString scriptLocationRaw;       // script_location as written (before %(here)s and package:path)
    // Where each versionLocations entry came from, same length as versionLocations, used in error
    // messages: "version_locations in /p/alembic.ini", "script_location in ... (its versions
    // folder)", "[tool.alembic] version_locations in /p/pyproject.toml", "--versions".
    QStringList versionLocationSources;
    bool versionLocationsExplicit = false; // from version_locations (a missing entry is skipped, like Alembic)
    bool sourceless = false;         // `sourceless = true`: Alembic also loads .pyc (not read statically)
    // env.py's configure() keywords that are not literals, e.g. "version_table = settings.TABLE (line 42)".
    QStringList envPyUnresolved;

    // The project's Alembic (ProjectLoader finds it before reading the configuration, whose rules
    // depend on it: pyproject.toml and path_separator from 1.16, recursive_version_locations from 1.10).
    AlembicInstallation alembic;
    // Set in the configuration but not read by that Alembic, e.g. "recursive_version_locations = true
    // in /p/alembic.ini (Alembic 1.8.1 reads it from 1.10)": the doctor reports them.
    QStringList ignoredByAlembic;

    [[nodiscard]] bool isBareVersionsDir() const { return configFile.isEmpty(); }
    [[nodiscard]] QString effectiveVersionTable() const
    {
        return versionTable.isEmpty() ? QStringLiteral("alembic_version") : versionTable;
    }
};

} // namespace retort
