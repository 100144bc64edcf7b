#include "core/python/PythonSource.h"

#include "core/common/NativePath.h"
#include "core/python/Literal.h"
#include "core/python/SourceText.h"

#include <QFile>
#include <QRegularExpression>

namespace retort::py {

namespace {

// Appends source bytes [p, e) outside any token (whitespace, comments, line continuations and,
// inside brackets, newlines) as the statement text keeps them: comments dropped, a backslash
// continuation as " \n", universal newlines.
void appendGap(QByteArray& out, const char* p, const char* e)
{
    while (p < e) {
        const char c = *p;
        if (c == '#') {
            while (p < e && *p != '\n' && *p != '\r')
                ++p;
            continue;
        }
        if (c == '\\' && p + 1 < e && (p[1] == '\n' || p[1] == '\r')) {
            out.append(" \n");
            p += (p[1] == '\r' && p + 2 < e && p[2] == '\n') ? 3 : 2;
            continue;
        }
        if (c == '\r') {
            out.append('\n');
            p += (p + 1 < e && p[1] == '\n') ? 2 : 1;
            continue;
        }
        out.append(c);
        ++p;
    }
}

// Appends a token's bytes with universal newlines; with `masked`, the bytes of [blankFrom,
// blankTo) become one space per UTF-16 unit they decode to (newlines kept), so both texts
// have the same length in QString units.
void appendToken(QByteArray& out, const char* p, const char* e, const char* blankFrom, const char* blankTo)
{
    while (p < e) {
        const char c = *p;
        if (c == '\r') {
            out.append('\n');
            p += (p + 1 < e && p[1] == '\n') ? 2 : 1;
            continue;
        }
        if (p >= blankFrom && p < blankTo && c != '\n') {
            const auto u = static_cast<unsigned char>(c);
            const int length = u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
            out.append(length == 4 ? "  " : " ");
            p += length;
            continue;
        }
        out.append(c);
        ++p;
    }
}

} // namespace

int PythonSource::Statement::lineAt(qsizetype offset) const
{
    return line + int(QStringView(text).left(qMin(offset, text.size())).count(QLatin1Char('\n')));
}

QString PythonSource::Call::positional(int index) const
{
    static const QRegularExpression keywordRe(QStringLiteral("^[A-Za-z_]\\w*\\s*=(?!=)"));
    int seen = 0;
    for (const QString& arg : args) {
        if (arg.startsWith(QLatin1Char('*')) || keywordRe.match(arg).hasMatch())
            continue;
        if (seen++ == index)
            return arg;
    }
    return {};
}

std::optional<QString> PythonSource::Call::keyword(const QString& name) const
{
    const QRegularExpression re(QStringLiteral("^") + QRegularExpression::escape(name) + QStringLiteral("\\s*=(?!=)"));
    for (const QString& arg : args) {
        const QRegularExpressionMatch m = re.match(arg);
        if (m.hasMatch())
            return arg.mid(m.capturedEnd()).trimmed();
    }
    return std::nullopt;
}

bool PythonSource::Call::hasDoubleStar() const
{
    for (const QString& arg : args) {
        if (arg.startsWith(QLatin1String("**")))
            return true;
    }
    return false;
}

PythonSource::PythonSource(const QString& source)
{
    const QByteArray bytes = (source.startsWith(QChar(0xFEFF)) ? source.mid(1) : source).toUtf8();
    split(bytes.constData(), bytes.size());
    buildTopLevel();
}

PythonSource PythonSource::fromBytes(const QByteArray& content)
{
    PythonSource out;
    const SourceText text = SourceText::decode(content);
    if (text.error())
        out.m_error = text.error();
    else
        out.split(text.data(), text.size());
    out.buildTopLevel();
    return out;
}

PythonSource PythonSource::fromFile(const QString& path, bool* ok)
{
    const Result<QByteArray> content = NativePath::readFile(path); // never blocks on a FIFO
    if (ok)
        *ok = content.ok();
    return fromBytes(content ? *content : QByteArray());
}

void PythonSource::split(const char* data, qsizetype size)
{
    Lexer lexer(data, size);
    lexer.setMaterializeAll(true);
    LogicalLine line;
    QByteArray text;
    QByteArray masked;
    while (lexer.next(line)) {
        if (line.tokens.empty())
            continue;
        text.clear();
        masked.clear();
        const Token* previous = nullptr;
        for (const Token& t : line.tokens) {
            if (previous) {
                const qsizetype before = text.size();
                appendGap(text, data + previous->end, data + t.start);
                masked.append(text.constData() + before, text.size() - before);
            }
            const qsizetype before = text.size();
            appendToken(text, data + t.start, data + t.end, nullptr, nullptr);
            if (t.kind == Token::Kind::String)
                appendToken(masked, data + t.start, data + t.end, data + t.contentStart, data + t.contentEnd);
            else
                masked.append(text.constData() + before, text.size() - before);
            previous = &t;
        }
        Statement st;
        st.line = line.firstLine;
        st.indent = line.indent;
        st.text = QString::fromUtf8(text);
        st.masked = QString::fromUtf8(masked);
        m_statements.append(std::move(st));
    }
    m_error = lexer.error();
}

void PythonSource::buildTopLevel()
{
    static const QRegularExpression defRe(QStringLiteral("^(?:async\\s+)?def\\s+([A-Za-z_]\\w*)"));
    static const QRegularExpression classRe(QStringLiteral("^class\\s+([A-Za-z_]\\w*)"));
    for (int i = 0; i < m_statements.size(); ++i) {
        if (m_statements.at(i).indent != 0)
            continue;
        if (!m_topLevel.isEmpty())
            m_topLevel.last().end = i;
        TopLevel top;
        top.first = i;
        top.end = int(m_statements.size());
        const QString& masked = m_statements.at(i).masked;
        if (const QRegularExpressionMatch m = defRe.match(masked); m.hasMatch()) {
            top.kind = TopLevel::Kind::Def;
            top.name = m.captured(1);
        } else if (const QRegularExpressionMatch c = classRe.match(masked); c.hasMatch()) {
            top.kind = TopLevel::Kind::Class;
            top.name = c.captured(1);
        }
        m_topLevel.append(top);
    }
}

const PythonSource::TopLevel* PythonSource::function(const QString& name) const
{
    const TopLevel* found = nullptr;
    for (const TopLevel& top : m_topLevel) {
        if (top.kind == TopLevel::Kind::Def && top.name == name)
            found = &top; // the last definition wins, as in Python
    }
    return found;
}

QStringList PythonSource::splitArguments(const QString& text, const QString& masked, qsizetype open, qsizetype* close)
{
    QStringList args;
    int depth = 0;
    qsizetype start = open + 1;
    qsizetype i = open + 1;
    for (; i < masked.size(); ++i) {
        const QChar c = masked.at(i);
        if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) {
            ++depth;
        } else if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) {
            if (depth == 0)
                break;
            --depth;
        } else if (c == QLatin1Char(',') && depth == 0) {
            args << text.mid(start, i - start).trimmed();
            start = i + 1;
        }
    }
    const QString last = text.mid(start, i - start).trimmed();
    if (!last.isEmpty())
        args << last;
    if (close)
        *close = i;
    return args;
}

QVector<PythonSource::Call> PythonSource::calls(const QRegularExpression& callee, int first, int end) const
{
    QVector<Call> result;
    if (end < 0 || end > m_statements.size())
        end = int(m_statements.size());
    for (int s = qMax(0, first); s < end; ++s) {
        const Statement& st = m_statements.at(s);
        QRegularExpressionMatchIterator it = callee.globalMatch(st.masked);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            qsizetype p = m.capturedEnd();
            while (p < st.masked.size() && st.masked.at(p).isSpace())
                ++p;
            if (p >= st.masked.size() || st.masked.at(p) != QLatin1Char('('))
                continue;
            Call call;
            call.callee = m.captured(0);
            call.line = st.lineAt(m.capturedStart());
            call.args = splitArguments(st.text, st.masked, p, &call.end);
            result.append(call);
        }
    }
    return result;
}

QString PythonSource::maskedText(int first, int end) const
{
    QString out;
    if (end < 0 || end > m_statements.size())
        end = int(m_statements.size());
    for (int s = qMax(0, first); s < end; ++s) {
        out += m_statements.at(s).masked;
        out += QLatin1Char('\n');
    }
    return out;
}

std::optional<QString> PythonSource::literalString(const QString& expression)
{
    const EvalResult r = evaluateExpression(expression);
    if (r.status != EvalStatus::Ok || (r.value.type != Value::Type::Str && r.value.type != Value::Type::Bytes))
        return std::nullopt;
    return r.value.text;
}

} // namespace retort::py
