#include "core/common/Redact.h"

#include <QRegularExpression>

namespace retort {

QString redactUrl(const QString& text)
{
    // scheme://user:password@  -> scheme://user:***@   (password may contain anything but '@'
    // followed by host; take the last '@' before the next '/', whitespace or quote).
    static const QRegularExpression userinfo(
        QStringLiteral(R"(([A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s'"]*):([^\s'"]*)@([^@\s'"/]*))"));
    // password=secret / pwd=secret / PGPASSWORD=secret (conninfo, query strings, env dumps)
    static const QRegularExpression keyValue(
        QStringLiteral(R"(((?:^|[\s?&;,'"])(?:password|passwd|pwd|pgpassword)\s*=\s*)('[^']*'|"[^"]*"|[^\s&;,'"]+))"),
        QRegularExpression::CaseInsensitiveOption);

    QString out = text;
    out.replace(userinfo, QStringLiteral("\\1:***@\\3"));
    out.replace(keyValue, QStringLiteral("\\1***"));
    return out;
}

} // namespace retort
