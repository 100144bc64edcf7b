#pragma once

// Which Alembic a project runs, and the rules of that version where Alembic changed them
// (docs/DESIGN-NOTES.md "Following the project's own Alembic version"). Retort answers as the
// project's Alembic would: an unknown version keeps the rules Retort has always followed (those of
// Debian's 1.8.1 for the graph and the head bookkeeping, the 1.16 configuration reader, recursive
// version locations honoured), and every place that shows the version says it is unknown.

#include <QString>
#include <QStringView>

namespace retort {

class AlembicVersion
{
public:
    AlembicVersion() = default; // unknown
    AlembicVersion(int major, int minor, int patch) : m_major(major), m_minor(minor), m_patch(patch) {}

    // "1.13.1", "1.16.0rc1", "1.8" (patch 0), " 1.19.1\n": the leading MAJOR.MINOR[.PATCH]; anything
    // else (empty, "dev", "x.y") is unknown.
    static AlembicVersion parse(QStringView text);

    [[nodiscard]] bool isKnown() const { return m_major >= 0; }
    [[nodiscard]] int major() const { return m_major; }
    [[nodiscard]] int minor() const { return m_minor; }
    [[nodiscard]] int patch() const { return m_patch; }
    [[nodiscard]] QString toString() const; // "1.13.1"; "" when unknown
    [[nodiscard]] bool atLeast(int major, int minor, int patch = 0) const;

    bool operator==(const AlembicVersion& other) const
    {
        return m_major == other.m_major && m_minor == other.m_minor && m_patch == other.m_patch;
    }
    bool operator!=(const AlembicVersion& other) const { return !(*this == other); }

    // ---- the rules that changed between the versions Retort is tested with (1.8.1, 1.19.1) ----
    // `recursive_version_locations = true` reads sub-folders (1.10.0; before: ignored).
    [[nodiscard]] bool honoursRecursiveVersionLocations() const { return !isKnown() || atLeast(1, 10); }
    // pyproject.toml [tool.alembic] and `path_separator` (1.16.0; before: only alembic.ini and
    // `version_path_separator`, without 'newline').
    [[nodiscard]] bool readsPyprojectToml() const { return !isKnown() || atLeast(1, 16); }
    // A downgrade step that removes its revision from alembic_version with no other head present
    // drops the down revisions that are ancestors of another of its down revisions (1.13.1, "Fix
    // downgrade when normalized down revisions have overlap via depends_on"; before: all of them
    // are written back).
    [[nodiscard]] bool unmergeSkipsCoveredDownRevisions() const { return isKnown() && atLeast(1, 13, 1); }
    // ':' is refused in revision ids (1.17.1; before: accepted, only '@', '-', '+').
    [[nodiscard]] bool refusesColonInRevisionIds() const { return isKnown() && atLeast(1, 17, 1); }
    // `down_revision = ""` names the revision "" (Revision.__init__ applies util.to_tuple before
    // tuple_rev_as_scalar, so the load fails with "Revision  referenced from ... is not present");
    // 1.8.1 reads it as None, a base. Seen in 1.19.1; the exact release is not known (the 1.9.0
    // typing pass is the earliest candidate and is taken, so Retort refuses rather than plans).
    [[nodiscard]] bool emptyDownRevisionIsAReference() const { return isKnown() && atLeast(1, 9); }

private:
    int m_major = -1;
    int m_minor = 0;
    int m_patch = 0;
};

// The Alembic a project runs, and how Retort knows (ProjectConfig::alembic, shown by
// `retort-cli --version -p`, the doctor and the window).
struct AlembicInstallation
{
    enum class Source {
        Unknown,     // not found, or not looked for (see note)
        Files,       // read from the package's files (alembic/__init__.py, its METADATA)
        Interpreter, // the interpreter said where the package is (one Python start, cached)
        Given        // --alembic-version / LoadRequest::alembicVersion
    };
    AlembicVersion version;
    Source source = Source::Unknown;
    QString location;    // the file the version was read from ("" for Given/Unknown)
    QString interpreter; // the interpreter it belongs to (a description), "" when none was found
    QString note;        // Unknown: why; otherwise extra detail ("cached answer of ...")

    [[nodiscard]] bool isKnown() const { return version.isKnown(); }
    // "Alembic 1.13.1 (/p/.venv/bin/python (project .venv); read from /p/.venv/lib/.../alembic/__init__.py)"
    // or "Alembic version unknown (no Python interpreter with Alembic was found): Retort follows ...".
    [[nodiscard]] QString describe() const;
    // Where the version came from, one line without the version ("read from FILE", ...).
    [[nodiscard]] QString sourceText() const;
};

} // namespace retort
