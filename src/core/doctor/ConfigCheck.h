#pragma once

#include "core/doctor/Doctor.h"

#include <QMap>
#include <QString>
#include <QVector>

namespace retort::doctor {

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
    static QVector<Problem> run(const QString& folderOrConfigFile);
};

} // namespace retort::doctor
