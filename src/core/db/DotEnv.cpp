#include "core/db/DotEnv.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace retort {

namespace {

// ${NAME} and ${NAME:-default} from earlier keys, then the environment.
QString expandVariables(const QString& value, const QHash<QString, QString>& known)
{
    static const QRegularExpression re(QStringLiteral(R"(\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\})"));
    QString result;
    qsizetype last = 0;
    auto it = re.globalMatch(value);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        result += value.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        QString replacement = known.contains(name) ? known.value(name) : qEnvironmentVariable(qPrintable(name));
        if (replacement.isEmpty() && m.capturedStart(2) >= 0)
            replacement = m.captured(2);
        result += replacement;
        last = m.capturedEnd();
    }
    result += value.mid(last);
    return result;
}

} // namespace

DotEnv parseDotEnv(const QString& text, const QString& path)
{
    static const QRegularExpression keyRe(QStringLiteral(R"(^[A-Za-z_][A-Za-z0-9_.\-]*$)"));
    DotEnv env;
    QString source = text;
    source.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    if (source.startsWith(QChar(0xFEFF)))
        source.remove(0, 1);
    const QStringList lines = source.split(QLatin1Char('\n'));
    const auto problem = [&](int line, const QString& message) {
        env.problems << Error { QStringLiteral("dotenv-syntax"), message,
            QObject::tr("Write KEY=VALUE, one per line; quote values that contain spaces or #."), path, line };
    };

    for (int i = 0; i < lines.size(); ++i) {
        const int lineNumber = i + 1;
        QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1String("export ")) || line.startsWith(QLatin1String("export\t")))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            problem(lineNumber, QObject::tr("Line %1 is not KEY=VALUE.").arg(lineNumber));
            continue;
        }
        const QString key = line.left(eq).trimmed();
        if (!keyRe.match(key).hasMatch()) {
            problem(
                lineNumber, QObject::tr("\"%1\" on line %2 is not a valid variable name.").arg(key).arg(lineNumber));
            continue;
        }
        QString rest = line.mid(eq + 1).trimmed();
        QString value;
        if (rest.startsWith(QLatin1Char('\'')) || rest.startsWith(QLatin1Char('"'))) {
            const QChar quote = rest.front();
            QString body = rest.mid(1);
            qsizetype close = -1;
            int endLine = i;
            // Find the closing quote, across lines if needed (an escaped quote in "..." does not close).
            while (true) {
                for (qsizetype k = 0; k < body.size(); ++k) {
                    if (quote == QLatin1Char('"') && body[k] == QLatin1Char('\\')) {
                        ++k;
                        continue;
                    }
                    if (body[k] == quote) {
                        close = k;
                        break;
                    }
                }
                if (close >= 0 || endLine + 1 >= lines.size())
                    break;
                ++endLine;
                body += QLatin1Char('\n') + lines[endLine];
            }
            if (close < 0) {
                problem(lineNumber, QObject::tr("The quote opened on line %1 is never closed.").arg(lineNumber));
                break; // the rest of the file is inside the quote
            }
            i = endLine;
            const QString inner = body.left(close);
            if (quote == QLatin1Char('\'')) {
                value = inner;
            } else {
                for (qsizetype k = 0; k < inner.size(); ++k) {
                    const QChar c = inner[k];
                    if (c == QLatin1Char('\\') && k + 1 < inner.size()) {
                        const QChar n = inner[++k];
                        if (n == QLatin1Char('n'))
                            value += QLatin1Char('\n');
                        else if (n == QLatin1Char('t'))
                            value += QLatin1Char('\t');
                        else if (n == QLatin1Char('r'))
                            value += QLatin1Char('\r');
                        else if (n == QLatin1Char('"') || n == QLatin1Char('\\') || n == QLatin1Char('$'))
                            value += n;
                        else
                            value += QLatin1Char('\\') + QString(n);
                    } else {
                        value += c;
                    }
                }
                value = expandVariables(value, env.values);
            }
        } else {
            // Unquoted: a '#' preceded by whitespace starts a comment.
            static const QRegularExpression comment(QStringLiteral(R"(\s#.*$)"));
            rest.remove(comment);
            value = expandVariables(rest.trimmed(), env.values);
        }
        env.values.insert(key, value);
    }
    return env;
}

DotEnv readDotEnvFile(const QString& folder)
{
    const QString path = QDir(folder).filePath(QStringLiteral(".env"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parseDotEnv(QString::fromUtf8(file.readAll()), path);
}

} // namespace retort
