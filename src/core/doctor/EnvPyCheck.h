#pragma once

#include "core/doctor/Doctor.h"

#include <QString>
#include <QVector>

namespace retort::doctor {

// Static checks of env.py (no Python):
//  - env-missing-online / env-missing-offline: a mode in which env.py never reaches
//    context.run_migrations() (the function is missing, never called, never runs migrations, or
//    the `context.is_offline_mode()` dispatch is missing so one function runs in both modes);
//  - env-no-target-metadata: target_metadata is defined but never passed to context.configure
//    (warning), or is None (info: autogenerate cannot compare).
class EnvPyCheck
{
public:
    static QVector<Problem> run(const QString& envPyPath);
};

} // namespace retort::doctor
