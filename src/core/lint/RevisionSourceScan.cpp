#include "core/lint/RevisionSourceScan.h"

#include "core/python/PythonSource.h"

#include <QRegularExpression>

#include <algorithm>

namespace retort::lint {

RevisionSourceFacts scanRevisionSource(const QString& path, const QString& function)
{
    using py::PythonSource;
    RevisionSourceFacts facts;
    bool ok = false;
    const PythonSource source = PythonSource::fromFile(path, &ok);
    if (!ok) {
        facts.error = QStringLiteral("cannot read %1").arg(path);
        return facts;
    }
    facts.readable = true;
    const PythonSource::TopLevel* def = source.function(function);
    if (!def)
        return facts;
    const QVector<PythonSource::Statement>& statements = source.statements();
    facts.functionLine = statements.at(def->first).line;

    // The body's own statements (one indentation level below the def), without the docstring.
    int bodyIndent = -1;
    QVector<const PythonSource::Statement*> body;
    for (int i = def->first + 1; i < def->end; ++i) {
        const PythonSource::Statement& statement = statements.at(i);
        if (bodyIndent < 0)
            bodyIndent = statement.indent;
        if (statement.indent != bodyIndent)
            continue;
        if (body.isEmpty() && PythonSource::literalString(statement.text.trimmed()))
            continue; // docstring
        body << &statement;
    }
    facts.body = RevisionSourceFacts::Body::Code;
    static const QRegularExpression passRe(QStringLiteral(R"(^\s*(pass|\.\.\.)\s*$)"));
    static const QRegularExpression raiseRe(QStringLiteral(R"(^\s*raise\b)"));
    bool onlyPass = true;
    for (const PythonSource::Statement* statement : std::as_const(body)) {
        if (raiseRe.match(statement->masked).hasMatch()) {
            facts.body = RevisionSourceFacts::Body::Raises;
            facts.bodyLine = statement->line;
            break;
        }
        if (!passRe.match(statement->masked).hasMatch())
            onlyPass = false;
    }
    if (facts.body != RevisionSourceFacts::Body::Raises && onlyPass) {
        facts.body = RevisionSourceFacts::Body::Pass;
        facts.bodyLine = body.isEmpty() ? facts.functionLine : body.first()->line;
    }

    // Reads of the database at run time, unless the function tests for offline mode.
    const QString masked = source.maskedText(def->first, def->end);
    static const QRegularExpression guardRe(QStringLiteral(R"(\bis_offline_mode\s*\(|\.as_sql\b)"));
    facts.offlineGuarded = guardRe.match(masked).hasMatch();
    if (facts.offlineGuarded)
        return facts;
    static const QRegularExpression bindRe(QStringLiteral(R"(\bop\s*\.\s*get_bind\b)"));
    static const QRegularExpression inspectRe(QStringLiteral(R"((?<![\w.])(?:(?:sa|sqlalchemy)\s*\.\s*)?inspect\b)"));
    static const QRegularExpression fetchRe(
        QStringLiteral(R"(\.\s*(fetchall|fetchone|fetchmany|scalar|scalars|scalar_one|scalar_one_or_none|first|one|one_or_none|mappings)\b)"));
    for (const PythonSource::Call& call : source.calls(bindRe, def->first, def->end))
        facts.offlineHazards << RevisionSourceFacts::Hazard{call.line, QStringLiteral("op.get_bind()")};
    for (const PythonSource::Call& call : source.calls(inspectRe, def->first, def->end))
        facts.offlineHazards << RevisionSourceFacts::Hazard{call.line, call.callee.simplified().remove(QLatin1Char(' ')) + QStringLiteral("()")};
    for (const PythonSource::Call& call : source.calls(fetchRe, def->first, def->end)) {
        QString name = call.callee;
        name.remove(QLatin1Char(' '));
        facts.offlineHazards << RevisionSourceFacts::Hazard{call.line, name + QStringLiteral("()")};
    }
    std::stable_sort(facts.offlineHazards.begin(), facts.offlineHazards.end(),
              [](const RevisionSourceFacts::Hazard& a, const RevisionSourceFacts::Hazard& b) { return a.line < b.line; });
    return facts;
}

} // namespace retort::lint
