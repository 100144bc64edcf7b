#include "core/doctor/PythonSource.h"

#include "core/common/NativePath.h"

#include <QRegularExpression>

namespace retort::doctor {

namespace {

bool isPrefixChar(QChar c)
{
    const char16_t u = c.toLower().unicode();
    return u == u'r' || u == u'b' || u == u'u' || u == u'f';
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
    split(source);
    buildTopLevel();
}

PythonSource PythonSource::fromFile(const QString& path, bool* ok)
{
    const Result<QByteArray> content = NativePath::readFile(path); // never blocks on a FIFO
    if (ok)
        *ok = content.ok();
    return PythonSource(content ? QString::fromUtf8(*content) : QString());
}

void PythonSource::split(const QString& original)
{
    QString src = original;
    if (src.startsWith(QChar(0xFEFF)))
        src.remove(0, 1);
    src.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    src.replace(QLatin1Char('\r'), QLatin1Char('\n'));

    const qsizetype n = src.size();
    qsizetype i = 0;
    int line = 1;
    while (i < n) {
        // Start of a physical line outside any statement: measure indentation, skip blank and
        // comment-only lines.
        int indent = 0;
        while (i < n && (src.at(i) == QLatin1Char(' ') || src.at(i) == QLatin1Char('\t') || src.at(i) == QLatin1Char('\f'))) {
            ++indent;
            ++i;
        }
        if (i >= n)
            break;
        if (src.at(i) == QLatin1Char('\n')) {
            ++i;
            ++line;
            continue;
        }
        if (src.at(i) == QLatin1Char('#')) {
            while (i < n && src.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }

        Statement st;
        st.line = line;
        st.indent = indent;
        int depth = 0;
        while (i < n) {
            const QChar c = src.at(i);
            if (c == QLatin1Char('#')) {
                while (i < n && src.at(i) != QLatin1Char('\n'))
                    ++i;
                continue;
            }
            if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                const bool triple = i + 2 < n && src.at(i + 1) == c && src.at(i + 2) == c;
                const int quoteLen = triple ? 3 : 1;
                st.text += src.mid(i, quoteLen);
                st.masked += src.mid(i, quoteLen);
                i += quoteLen;
                while (i < n) {
                    const QChar d = src.at(i);
                    if (d == QLatin1Char('\\') && i + 1 < n) {
                        const QChar e = src.at(i + 1);
                        st.text += d;
                        st.text += e;
                        st.masked += QLatin1Char(' ');
                        st.masked += e == QLatin1Char('\n') ? QLatin1Char('\n') : QLatin1Char(' ');
                        if (e == QLatin1Char('\n'))
                            ++line;
                        i += 2;
                        continue;
                    }
                    if (d == c && (!triple || (i + 2 < n && src.at(i + 1) == c && src.at(i + 2) == c))) {
                        st.text += src.mid(i, quoteLen);
                        st.masked += src.mid(i, quoteLen);
                        i += quoteLen;
                        break;
                    }
                    if (d == QLatin1Char('\n')) {
                        if (!triple)
                            break; // unterminated single-quoted string: stop at the line end
                        ++line;
                    }
                    st.text += d;
                    st.masked += d == QLatin1Char('\n') ? QLatin1Char('\n') : QLatin1Char(' ');
                    ++i;
                }
                continue;
            }
            if (c == QLatin1Char('\\') && i + 1 < n && src.at(i + 1) == QLatin1Char('\n')) {
                st.text += QLatin1String(" \n");
                st.masked += QLatin1String(" \n");
                i += 2;
                ++line;
                continue;
            }
            if (c == QLatin1Char('\n')) {
                ++i;
                ++line;
                if (depth > 0) {
                    st.text += c;
                    st.masked += c;
                    continue;
                }
                break;
            }
            if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{'))
                ++depth;
            else if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}'))
                depth = qMax(0, depth - 1);
            st.text += c;
            st.masked += c;
            ++i;
        }
        // Trailing whitespace is noise for the checks.
        while (!st.text.isEmpty() && st.text.back().isSpace()) {
            st.text.chop(1);
            st.masked.chop(1);
        }
        if (!st.text.isEmpty())
            m_statements.append(st);
    }
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
    QString expr = expression.trimmed();
    // Strip wrapping parentheses: ("a" "b").
    while (expr.startsWith(QLatin1Char('(')) && expr.endsWith(QLatin1Char(')')))
        expr = expr.mid(1, expr.size() - 2).trimmed();

    QString value;
    int pieces = 0;
    qsizetype i = 0;
    const qsizetype n = expr.size();
    while (true) {
        while (i < n && (expr.at(i).isSpace() || expr.at(i) == QLatin1Char('\\')))
            ++i;
        if (i >= n)
            break;
        qsizetype p = i;
        QString prefix;
        while (p < n && prefix.size() < 2 && isPrefixChar(expr.at(p)))
            prefix += expr.at(p++).toLower();
        if (p >= n || (expr.at(p) != QLatin1Char('\'') && expr.at(p) != QLatin1Char('"')))
            return std::nullopt;
        const QChar quote = expr.at(p);
        const bool triple = p + 2 < n && expr.at(p + 1) == quote && expr.at(p + 2) == quote;
        const int quoteLen = triple ? 3 : 1;
        const bool raw = prefix.contains(QLatin1Char('r'));
        p += quoteLen;
        QString piece;
        bool closed = false;
        while (p < n) {
            const QChar c = expr.at(p);
            if (c == QLatin1Char('\\') && p + 1 < n) {
                const QChar e = expr.at(p + 1);
                if (raw) {
                    piece += c;
                    piece += e;
                } else if (e == QLatin1Char('n')) {
                    piece += QLatin1Char('\n');
                } else if (e == QLatin1Char('t')) {
                    piece += QLatin1Char('\t');
                } else if (e != QLatin1Char('\n')) {
                    piece += e;
                }
                p += 2;
                continue;
            }
            if (c == quote && (!triple || (p + 2 < n && expr.at(p + 1) == quote && expr.at(p + 2) == quote))) {
                p += quoteLen;
                closed = true;
                break;
            }
            piece += c;
            ++p;
        }
        if (!closed)
            return std::nullopt;
        if (prefix.contains(QLatin1Char('f')) && piece.contains(QLatin1Char('{')))
            return std::nullopt;
        value += piece;
        ++pieces;
        i = p;
    }
    if (pieces == 0)
        return std::nullopt;
    return value;
}

} // namespace retort::doctor
