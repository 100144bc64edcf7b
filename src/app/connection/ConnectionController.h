#pragma once

#include "core/db/ConnectionProfiles.h"
#include "core/workspace/DatabaseState.h"

#include <QObject>
#include <QPointer>

namespace retort::app {

// Which database a project opens with, the same way every time: the URL given on the command
// line (or typed in Connect), else the profile used last with this project - its password from
// this session or the system keychain - else the demo database for the demo project, else none.
// The answer arrives through resolved(), queued (a keychain read is asynchronous); the window
// then opens the project with that target, so the two switch together.
class ConnectionController : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionController(QObject* parent = nullptr);

    // Starts resolving the target for `projectPath`; a newer call makes an older answer stale
    // (it is dropped). `override` wins when not empty.
    void resolve(const QString& projectPath, const QString& override);
    // The profiles of `projectPath` (created on first use, owned here).
    [[nodiscard]] ConnectionProfiles* profilesFor(const QString& projectPath);

Q_SIGNALS:
    void resolved(const QString& projectPath, const retort::ConnectionTarget& target);

private:
    QPointer<ConnectionProfiles> m_profiles;
    quint64 m_generation = 0;
};

} // namespace retort::app
