#pragma once

#include "core/doctor/Doctor.h"

#include <QMap>
#include <QString>
#include <QVector>

namespace retort::doctor {

// alembic.ini as Python's configparser reads it, with the line of every option (the doctor needs
// locations; ProjectLocator has the values but not the lines).
struct IniFile
{
    struct Option
    {
        QString raw; // value before interpolation (continuation lines joined with '\n')
        int line = 0;
    };
    QMap<QString, QMap<QString, Option>> sections; // section -> lower-cased key -> option
    QString path;

    static IniFile read(const QString& path, bool* ok = nullptr);
    [[nodiscard]] const Option* option(const QString& section, const QString& key) const;
    // BasicInterpolation with `here` (the ini's folder) as Alembic sets it; on a bad reference
    // returns false and describes it in `error`.
    [[nodiscard]] bool interpolate(const QString& section, const QString& raw, QString* value, QString* error) const;
};

// ini-script-location: script_location and version_locations (after %(here)s interpolation,
// relative to the ini's folder, or `package:path`) must name existing folders; script_location
// must hold env.py, and without version_locations a versions/ folder. When a folder is missing,
// the hint names the folder that exists (a folder with env.py, or of the same name, near the ini)
// and the value to write.
class ConfigCheck
{
public:
    // `folderOrConfigFile`: a project folder (its alembic.ini) or an .ini file. No findings when
    // there is no ini file to read.
    static QVector<Finding> run(const QString& folderOrConfigFile);
};

} // namespace retort::doctor
