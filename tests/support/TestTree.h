#pragma once

// File helpers shared by the tests that copy a project into a temporary folder and run it.

#include <QByteArray>
#include <QList>
#include <QString>

namespace retort {

// Copies a folder (without __pycache__ and *.db files).
bool copyTree(const QString& from, const QString& to);

// A QTemporaryDir pattern on tmpfs when there is one (SQLite's fsyncs are Alembic's cost, not
// the test's), else in QDir::tempPath().
QString fastTempPath(const QString& pattern);

// Sets environment variables for the lifetime of the object (the bridge and retort-cli inherit
// them), restoring what was there before.
class ScopedEnv
{
public:
    ScopedEnv() = default;
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;
    void set(const char* name, const QString& value);

private:
    struct Saved
    {
        QByteArray name;
        bool had = false;
        QByteArray value;
    };
    QList<Saved> m_saved;
};

} // namespace retort
