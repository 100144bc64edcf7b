#include "core/alembic/NameDefines.h"

#include "core/alembic/RevisionFileParser.h"

#include <QRegularExpression>
#include <QSet>

namespace retort {

namespace {

// Python's keywords: never a name a value can refer to.
bool isKeyword(QStringView word)
{
    static const QSet<QString> keywords{
        QStringLiteral("False"),  QStringLiteral("None"),   QStringLiteral("True"),    QStringLiteral("and"),
        QStringLiteral("as"),     QStringLiteral("assert"), QStringLiteral("async"),   QStringLiteral("await"),
        QStringLiteral("break"),  QStringLiteral("class"),  QStringLiteral("continue"), QStringLiteral("def"),
        QStringLiteral("del"),    QStringLiteral("elif"),   QStringLiteral("else"),    QStringLiteral("except"),
        QStringLiteral("finally"), QStringLiteral("for"),   QStringLiteral("from"),    QStringLiteral("global"),
        QStringLiteral("if"),     QStringLiteral("import"), QStringLiteral("in"),      QStringLiteral("is"),
        QStringLiteral("lambda"), QStringLiteral("nonlocal"), QStringLiteral("not"),   QStringLiteral("or"),
        QStringLiteral("pass"),   QStringLiteral("raise"),  QStringLiteral("return"),  QStringLiteral("try"),
        QStringLiteral("while"),  QStringLiteral("with"),   QStringLiteral("yield")};
    return keywords.contains(word.toString());
}

} // namespace

Result<NameDefines> NameDefines::parse(const QStringList& items)
{
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*$"));
    NameDefines defines;
    for (const QString& item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString name = eq < 0 ? item : item.left(eq);
        bool keyword = false;
        for (const QStringView part : QStringView(name).split(QLatin1Char('.')))
            keyword = keyword || isKeyword(part);
        if (eq < 0 || !nameRe.match(name).hasMatch() || keyword)
            return Error{QStringLiteral("usage"),
                         QStringLiteral("--define %1: expected NAME=VALUE with NAME a Python name or dotted name "
                                        "(e.g. cli.EXPAND_BRANCH=expand)")
                             .arg(item),
                         QStringLiteral("VALUE is taken as a string, without quotes."), {}, 0};
        defines.insert(name, item.mid(eq + 1));
    }
    return defines;
}

std::optional<QString> NameDefines::value(QStringView name) const
{
    const auto it = m_values.constFind(name.toString());
    if (it == m_values.cend())
        return std::nullopt;
    return *it;
}

py::NameLookup NameDefines::lookup() const
{
    return [this](QStringView name) { return value(name); };
}

int NameDefines::resolve(LoadedProject& project) const
{
    if (m_values.isEmpty())
        return 0;
    const py::NameLookup names = lookup();
    QStringList what;
    for (RevisionFile& file : project.files) {
        if (file.unresolved.isEmpty())
            continue;
        const qsizetype problems = file.problems.size();
        for (const UnresolvedValue& value : RevisionFileParser::resolveNames(file, names))
            what << QStringLiteral("%1:%2 %3 = %4").arg(file.fileName).arg(value.line).arg(value.name, value.expression);
        // A defined value of the wrong type is the file's problem, as if written there; the
        // project's list holds a copy of every file problem.
        for (qsizetype k = problems; k < file.problems.size(); ++k)
            project.problems << file.problems.at(k);
    }
    if (what.isEmpty())
        return 0;
    Error note;
    note.code = QStringLiteral("resolved-with-define");
    note.message = QStringLiteral("%1 value(s) read with --define: %2")
                       .arg(what.size())
                       .arg(what.mid(0, 5).join(QStringLiteral("; ")) + (what.size() > 5 ? QStringLiteral("; ...") : QString()));
    project.warnings.prepend(note);
    return int(what.size());
}

} // namespace retort
