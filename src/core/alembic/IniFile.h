#pragma once

// Internal to the alembic area: an .ini reader with Python configparser semantics as Alembic uses
// them (ConfigParser with defaults {"here": <folder of the file>}): sections, `key = value` and
// `key: value` (the first '=' or ':' splits), keys lower-cased, values stripped, continuation lines
// indented deeper than their key, blank lines inside values kept, full-line `#`/`;` comments
// (no inline comments), [DEFAULT] visible from every section, strict duplicates, and
// BasicInterpolation (`%(name)s`, `%%`) applied when a value is read.

#include "core/common/Error.h"

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace retort {

class IniFile
{
public:
    // `defaults` seed the DEFAULT section (Alembic passes {"here": dir}).
    static Result<IniFile> parse(const QByteArray& content, const QString& path, const QMap<QString, QString>& defaults);
    static Result<IniFile> load(const QString& path);

    [[nodiscard]] bool hasSection(const QString& section) const;
    [[nodiscard]] bool has(const QString& section, const QString& key) const;
    // The raw (uninterpolated) value, looked up in the section then DEFAULT.
    [[nodiscard]] std::optional<QString> raw(const QString& section, const QString& key) const;
    // The interpolated value like ConfigParser.get(); nullopt inside the Result when absent.
    [[nodiscard]] Result<std::optional<QString>> value(const QString& section, const QString& key) const;
    // 1-based line where the key was defined (0 when unknown / a default).
    [[nodiscard]] int line(const QString& section, const QString& key) const;
    [[nodiscard]] QString path() const { return m_path; }

private:
    struct Entry
    {
        QString value;
        int line = 0;
    };
    using Section = QMap<QString, Entry>;
    Result<QString> interpolate(const QString& section, const QString& key, const QString& rawValue, int depth) const;

    QString m_path;
    Section m_defaults;
    QHash<QString, Section> m_sections;
};

} // namespace retort
