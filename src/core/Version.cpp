#include "core/Version.h"

#include <QtGlobal>
#include <spdlog/version.h>

#include <string>

namespace retort {

const char* buildInfo()
{
    static const std::string info = std::string(kAppName) + " " + kVersion + " (Qt " + qVersion()
        + ", spdlog " + std::to_string(SPDLOG_VER_MAJOR) + "." + std::to_string(SPDLOG_VER_MINOR) + "."
        + std::to_string(SPDLOG_VER_PATCH) + ")";
    return info.c_str();
}

} // namespace retort
