#include "core/alembic/IniFile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace retort {

namespace {

Error iniError(const QString& message, const QString& path, int line, const QString& hint = {})
{
    Error e;
    e.code = QStringLiteral("config-syntax");
    e.message = message;
    e.path = path;
    e.line = line;
    e.hint = hint.isEmpty() ? QStringLiteral("Fix the line; Alembic's configparser rejects it too.") : hint;
    return e;
}

bool isPySpace(QChar c)
{
    return c.isSpace();
}

} // namespace

Result<IniFile> IniFile::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Error e;
        e.code = QStringLiteral("project-not-found");
        e.message = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        e.path = path;
        e.hint = QStringLiteral("Check that the file exists and is readable.");
        return e;
    }
    const QString dir = QFileInfo(path).absolutePath();
    return parse(file.readAll(), path, {{QStringLiteral("here"), dir}});
}

Result<IniFile> IniFile::parse(const QByteArray& content, const QString& path, const QMap<QString, QString>& defaults)
{
    IniFile ini;
    ini.m_path = path;
    for (auto it = defaults.begin(); it != defaults.end(); ++it)
        ini.m_defaults.insert(it.key().toLower(), Entry{it.value(), 0});

    QByteArray bytes = content;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QString text = QString::fromUtf8(bytes);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const QStringList lines = text.split(QLatin1Char('\n'));

    static const QRegularExpression sectionRe(QStringLiteral("^\\[(?<header>.+)\\]"));
    static const QRegularExpression optionRe(QStringLiteral("^(?<option>.*?)\\s*(?<vi>=|:)\\s*(?<value>.*)$"));

    Section* current = nullptr;
    QString currentName;
    QString option;                 // current option (for continuations)
    QStringList optionLines;        // its value lines
    int optionLine = 0;
    int indentLevel = 0;
    QSet<QString> seenSections;
    QSet<QString> seenOptions;      // "section\x1fkey"

    auto flush = [&]() {
        if (current && !option.isEmpty()) {
            QString v = optionLines.join(QLatin1Char('\n'));
            while (!v.isEmpty() && isPySpace(v.back()))
                v.chop(1);
            current->insert(option, Entry{v, optionLine});
        }
        option.clear();
        optionLines.clear();
    };

    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        const QString& line = lines[i];
        const QString stripped = line.trimmed();
        const bool comment = stripped.startsWith(QLatin1Char('#')) || stripped.startsWith(QLatin1Char(';'));
        if (stripped.isEmpty() || comment) {
            if (!comment && current && !option.isEmpty())
                optionLines.append(QString()); // blank line inside a multi-line value
            continue;
        }
        int indent = 0;
        while (indent < line.size() && isPySpace(line[indent]))
            ++indent;
        if (current && !option.isEmpty() && indent > indentLevel) {
            optionLines.append(stripped);
            continue;
        }
        indentLevel = indent;
        const auto sm = sectionRe.match(stripped);
        if (sm.hasMatch()) {
            flush();
            const QString name = sm.captured(QStringLiteral("header"));
            if (name == QLatin1String("DEFAULT")) {
                current = &ini.m_defaults;
            } else {
                if (seenSections.contains(name))
                    return iniError(QStringLiteral("section '%1' already exists").arg(name), path, lineNo);
                seenSections.insert(name);
                current = &ini.m_sections[name];
            }
            currentName = name;
            continue;
        }
        if (!current)
            return iniError(QStringLiteral("file contains no section headers; line %1: '%2'").arg(lineNo).arg(line), path,
                            lineNo, QStringLiteral("Start the file with a section header such as [alembic]."));
        const auto om = optionRe.match(stripped);
        if (!om.hasMatch() || om.captured(QStringLiteral("option")).isEmpty())
            return iniError(QStringLiteral("cannot parse line %1: '%2' (expected `key = value`)").arg(lineNo).arg(line), path,
                            lineNo);
        flush();
        QString key = om.captured(QStringLiteral("option"));
        while (!key.isEmpty() && isPySpace(key.back()))
            key.chop(1);
        key = key.toLower();
        const QString uniq = currentName + QChar(0x1f) + key;
        if (seenOptions.contains(uniq))
            return iniError(QStringLiteral("option '%1' in section '%2' already exists").arg(key, currentName), path, lineNo);
        seenOptions.insert(uniq);
        option = key;
        optionLine = lineNo;
        optionLines = {om.captured(QStringLiteral("value")).trimmed()};
    }
    flush();
    return ini;
}

bool IniFile::hasSection(const QString& section) const
{
    return m_sections.contains(section);
}

bool IniFile::has(const QString& section, const QString& key) const
{
    return raw(section, key).has_value();
}

std::optional<QString> IniFile::raw(const QString& section, const QString& key) const
{
    const QString k = key.toLower();
    const auto sit = m_sections.constFind(section);
    if (sit != m_sections.constEnd()) {
        const auto it = sit->constFind(k);
        if (it != sit->constEnd())
            return it->value;
    } else if (section != QLatin1String("DEFAULT")) {
        return std::nullopt;
    }
    const auto it = m_defaults.constFind(k);
    if (it != m_defaults.constEnd())
        return it->value;
    return std::nullopt;
}

int IniFile::line(const QString& section, const QString& key) const
{
    const QString k = key.toLower();
    const auto sit = m_sections.constFind(section);
    if (sit != m_sections.constEnd()) {
        const auto it = sit->constFind(k);
        if (it != sit->constEnd())
            return it->line;
    }
    const auto it = m_defaults.constFind(k);
    return it != m_defaults.constEnd() ? it->line : 0;
}

Result<std::optional<QString>> IniFile::value(const QString& section, const QString& key) const
{
    const auto r = raw(section, key);
    if (!r)
        return std::optional<QString>();
    Result<QString> v = interpolate(section, key, *r, 1);
    if (!v.ok())
        return v.error();
    return std::optional<QString>(v.value());
}

Result<QString> IniFile::interpolate(const QString& section, const QString& key, const QString& rawValue, int depth) const
{
    // configparser.BasicInterpolation._interpolate_some
    static constexpr int MaxDepth = 10;
    auto fail = [&](const QString& message) {
        Error e;
        e.code = QStringLiteral("config-syntax");
        e.message = message;
        e.path = m_path;
        e.line = line(section, key);
        e.hint = QStringLiteral("Write a literal '%' as '%%' in the .ini file.");
        return e;
    };
    if (depth > MaxDepth)
        return fail(QStringLiteral("recursion limit exceeded in value substitution: option '%1' in section '%2'").arg(key, section));
    QString out;
    QString rest = rawValue;
    static const QRegularExpression keyRe(QStringLiteral("^%\\(([^)]+)\\)s"));
    while (!rest.isEmpty()) {
        const qsizetype p = rest.indexOf(QLatin1Char('%'));
        if (p < 0) {
            out += rest;
            break;
        }
        out += rest.left(p);
        rest = rest.mid(p);
        const QChar c = rest.size() > 1 ? rest[1] : QChar();
        if (c == QLatin1Char('%')) {
            out += QLatin1Char('%');
            rest = rest.mid(2);
        } else if (c == QLatin1Char('(')) {
            const auto m = keyRe.match(rest);
            if (!m.hasMatch())
                return fail(QStringLiteral("bad interpolation variable reference '%1' (option '%2' in section '%3')")
                                .arg(rest, key, section));
            const QString var = m.captured(1).toLower();
            rest = rest.mid(m.capturedLength(0));
            const auto v = raw(section, var);
            if (!v)
                return fail(QStringLiteral("bad value substitution: option '%1' in section '%2' contains an interpolation key "
                                           "'%3' which is not a valid option name")
                                .arg(key, section, var));
            if (v->contains(QLatin1Char('%'))) {
                Result<QString> inner = interpolate(section, var, *v, depth + 1);
                if (!inner.ok())
                    return inner.error();
                out += inner.value();
            } else {
                out += *v;
            }
        } else {
            return fail(QStringLiteral("'%' must be followed by '%' or '(', found: '%1' (option '%2' in section '%3')")
                            .arg(rest, key, section));
        }
    }
    return out;
}

} // namespace retort
