#include "core/common/Redact.h"

#include <QRegularExpression>

namespace retort {

namespace {

// "scheme://" not preceded by another scheme character (so "xpostgresql://" is one match).
const QRegularExpression& schemePattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"((?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*://)"));
    return pattern;
}

// Whether the character after an '@' can start what follows the userinfo: a host name or
// address, '[' of an IPv6 address, or '/' / '?' / the end for an empty host (a Unix socket).
bool startsHost(const QString& text, qsizetype at, qsizetype end)
{
    if (at + 1 >= end)
        return true;
    const QChar c = text.at(at + 1);
    return c.isLetterOrNumber() || c == QLatin1Char('[') || c == QLatin1Char('/') || c == QLatin1Char('?')
           || c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('-') || c == QLatin1Char('%');
}

// scheme://user:password@host -> scheme://user:***@host, conservatively: the password runs from
// the ':' after the user name to the LAST '@' followed by something that can start a host, before
// the next URL or the end of the line. So a password with quotes, spaces, '@', '%', ':' or '/' in
// it is hidden whole (at worst more than the password is hidden, never less), while a quoted
// "'@'" later in a message is not taken for the host's '@'. The user name runs to the first ':'
// or '/'. An already redacted URL (":***@") is left as it is.
QString redactUserinfo(const QString& text)
{
    QList<qsizetype> starts; // where each "scheme://" match ends (the userinfo starts)
    QList<qsizetype> begins; // where each match begins
    QRegularExpressionMatchIterator it = schemePattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        begins << m.capturedStart();
        starts << m.capturedEnd();
    }
    if (starts.isEmpty())
        return text;

    QString out;
    out.reserve(text.size());
    qsizetype copied = 0;
    for (qsizetype i = 0; i < starts.size(); ++i) {
        const qsizetype userStart = starts.at(i);
        qsizetype end = i + 1 < begins.size() ? begins.at(i + 1) : text.size();
        const qsizetype newline = text.indexOf(QLatin1Char('\n'), userStart);
        if (newline >= 0 && newline < end)
            end = newline;
        qsizetype colon = userStart;
        while (colon < end && text.at(colon) != QLatin1Char(':') && text.at(colon) != QLatin1Char('/'))
            ++colon;
        if (colon >= end || text.at(colon) != QLatin1Char(':'))
            continue;
        const qsizetype passwordStart = colon + 1;
        if (QStringView(text).sliced(passwordStart, end - passwordStart).startsWith(QLatin1String("***@")))
            continue;
        qsizetype at = text.lastIndexOf(QLatin1Char('@'), end - 1);
        while (at > colon && !startsHost(text, at, end))
            at = text.lastIndexOf(QLatin1Char('@'), at - 1);
        if (at <= colon)
            continue; // host:port, no password
        out += QStringView(text).sliced(copied, passwordStart - copied);
        out += QLatin1String("***");
        copied = at;
    }
    out += QStringView(text).sliced(copied);
    return out;
}

} // namespace

QString redactUrl(const QString& text)
{
    // password=secret / pwd=secret / PGPASSWORD=secret (conninfo, query strings, env dumps); a
    // quoted value up to its closing quote, past backslash-escaped quotes (libpq's conninfo), or
    // to the end when it is never closed. A quoted value keeps its quotes ('***'), so what comes
    // after it is never read as part of the value when the text is redacted again.
    static const QRegularExpression keyValue(
        QStringLiteral(R"(((?:^|[\s?&;,'"])(?:password|passwd|pwd|pgpassword)\s*=\s*))"
                       R"((?:(?<sq>'(?:[^'\\]|\\.)*)(?<sqc>')?|(?<dq>"(?:[^"\\]|\\.)*)(?<dqc>")?|(?<bare>[^\s&;,'"]+)))"),
        QRegularExpression::CaseInsensitiveOption);

    // key=value first: hiding a value can hide a "scheme://" inside it, and the URL pass must see
    // the text it leaves (the result is then stable: redacting it again changes nothing).
    QString out;
    qsizetype copied = 0;
    QRegularExpressionMatchIterator it = keyValue.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).sliced(copied, m.capturedEnd(1) - copied);
        if (m.capturedStart(u"sq") >= 0)
            out += QStringLiteral("'***") + m.captured(u"sqc");
        else if (m.capturedStart(u"dq") >= 0)
            out += QStringLiteral("\"***") + m.captured(u"dqc");
        else
            out += QStringLiteral("***");
        copied = m.capturedEnd();
    }
    out += QStringView(text).sliced(copied);
    return redactUserinfo(out);
}

} // namespace retort
