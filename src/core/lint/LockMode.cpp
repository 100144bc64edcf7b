#include "core/lint/LockMode.h"

#include <array>

namespace retort::lint {

namespace {

struct ModeNames
{
    LockMode mode;
    const char* name;
    const char* pgName;
};

constexpr std::array<ModeNames, 8> kModes{{
    {LockMode::AccessShare, "ACCESS SHARE", "AccessShareLock"},
    {LockMode::RowShare, "ROW SHARE", "RowShareLock"},
    {LockMode::RowExclusive, "ROW EXCLUSIVE", "RowExclusiveLock"},
    {LockMode::ShareUpdateExclusive, "SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock"},
    {LockMode::Share, "SHARE", "ShareLock"},
    {LockMode::ShareRowExclusive, "SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"},
    {LockMode::Exclusive, "EXCLUSIVE", "ExclusiveLock"},
    {LockMode::AccessExclusive, "ACCESS EXCLUSIVE", "AccessExclusiveLock"},
}};

// The modes each mode conflicts with, as a bit set over LockMode values (lock.c LockConflicts).
constexpr unsigned bit(LockMode mode)
{
    return 1u << static_cast<unsigned>(mode);
}

unsigned conflictsOf(LockMode mode)
{
    using M = LockMode;
    switch (mode) {
    case M::None:
        return 0;
    case M::AccessShare:
        return bit(M::AccessExclusive);
    case M::RowShare:
        return bit(M::Exclusive) | bit(M::AccessExclusive);
    case M::RowExclusive:
        return bit(M::Share) | bit(M::ShareRowExclusive) | bit(M::Exclusive) | bit(M::AccessExclusive);
    case M::ShareUpdateExclusive:
        return bit(M::ShareUpdateExclusive) | bit(M::Share) | bit(M::ShareRowExclusive) | bit(M::Exclusive)
               | bit(M::AccessExclusive);
    case M::Share:
        return bit(M::RowExclusive) | bit(M::ShareUpdateExclusive) | bit(M::ShareRowExclusive) | bit(M::Exclusive)
               | bit(M::AccessExclusive);
    case M::ShareRowExclusive:
        return bit(M::RowExclusive) | bit(M::ShareUpdateExclusive) | bit(M::Share) | bit(M::ShareRowExclusive)
               | bit(M::Exclusive) | bit(M::AccessExclusive);
    case M::Exclusive:
        return bit(M::RowShare) | bit(M::RowExclusive) | bit(M::ShareUpdateExclusive) | bit(M::Share)
               | bit(M::ShareRowExclusive) | bit(M::Exclusive) | bit(M::AccessExclusive);
    case M::AccessExclusive:
        return bit(M::AccessShare) | bit(M::RowShare) | bit(M::RowExclusive) | bit(M::ShareUpdateExclusive)
               | bit(M::Share) | bit(M::ShareRowExclusive) | bit(M::Exclusive) | bit(M::AccessExclusive);
    }
    return 0;
}

} // namespace

QString lockModeName(LockMode mode)
{
    for (const ModeNames& entry : kModes)
        if (entry.mode == mode)
            return QString::fromLatin1(entry.name);
    return {};
}

QString lockModePgName(LockMode mode)
{
    for (const ModeNames& entry : kModes)
        if (entry.mode == mode)
            return QString::fromLatin1(entry.pgName);
    return {};
}

std::optional<LockMode> lockModeFromName(const QString& name)
{
    for (const ModeNames& entry : kModes)
        if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0 || name == QLatin1String(entry.pgName))
            return entry.mode;
    return std::nullopt;
}

bool lockModesConflict(LockMode a, LockMode b)
{
    return (conflictsOf(a) & bit(b)) != 0;
}

} // namespace retort::lint
