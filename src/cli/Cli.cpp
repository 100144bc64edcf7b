#include "cli/Cli.h"

#include "core/common/Redact.h"

#include <csignal>
#include <cstdio>

namespace retort::cli {

namespace {

std::atomic_bool g_interrupted{false};

extern "C" void onInterruptFlag(int)
{
    g_interrupted.store(true);
}

} // namespace

InterruptFlag::InterruptFlag()
{
    g_interrupted.store(false);
    m_oldInt = std::signal(SIGINT, onInterruptFlag);
    m_oldTerm = std::signal(SIGTERM, onInterruptFlag);
}

InterruptFlag::~InterruptFlag()
{
    std::signal(SIGINT, m_oldInt);
    std::signal(SIGTERM, m_oldTerm);
}

std::atomic_bool* InterruptFlag::flag()
{
    return &g_interrupted;
}

void Context::out(const QString& text) const
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    if (!text.endsWith(QLatin1Char('\n')))
        std::fputc('\n', stdout);
    std::fflush(stdout);
}

void Context::printJson(const QJsonObject& object) const
{
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

bool Context::confirm(const QString& question) const
{
    warn(question + QStringLiteral(" [y/N] "));
    char buffer[64] = {};
    if (!std::fgets(buffer, sizeof buffer, stdin))
        return false;
    const QString answer = QString::fromLocal8Bit(buffer).trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

void Context::warn(const QString& text) const
{
    const QByteArray bytes = redactUrl(text).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    if (!text.endsWith(QLatin1Char('\n')))
        std::fputc('\n', stderr);
    std::fflush(stderr);
}

int Context::fail(const Error& error, int exitCode) const
{
    const QString message = redactUrl(error.toString());
    if (m_options.json) {
        QJsonObject err{{QStringLiteral("code"), error.code}, {QStringLiteral("message"), message}};
        if (!error.hint.isEmpty())
            err.insert(QStringLiteral("hint"), redactUrl(error.hint));
        if (!error.path.isEmpty())
            err.insert(QStringLiteral("path"), error.path);
        if (error.line > 0)
            err.insert(QStringLiteral("line"), error.line);
        printJson(QJsonObject{{QStringLiteral("error"), err}});
    } else {
        warn(QStringLiteral("error: ") + message);
        if (!error.hint.isEmpty())
            warn(QStringLiteral("hint: ") + redactUrl(error.hint));
    }
    return exitCode;
}

int Context::usage(const QString& message) const
{
    return fail(Error{QStringLiteral("usage"), message, QStringLiteral("Run 'retort-cli --help' for usage."), {}, 0},
                ExitBadInput);
}

std::map<QString, CommandInfo>& registry()
{
    static std::map<QString, CommandInfo> commands;
    return commands;
}

Registrar::Registrar(const QString& name, const QString& synopsis, CommandFn fn, bool ownsVerbose)
{
    registry()[name] = CommandInfo{name, synopsis, std::move(fn), ownsVerbose};
}

Result<Args> Args::parse(const QStringList& args, const QStringList& valueOptions, const QStringList& flags)
{
    Args result;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--")) {
            for (++i; i < args.size(); ++i)
                result.m_positionals << args.at(i);
            break;
        }
        if (arg.startsWith(QLatin1String("--")) && arg.size() > 2) {
            const qsizetype eq = arg.indexOf(QLatin1Char('='));
            const QString name = eq > 0 ? arg.left(eq) : arg;
            if (valueOptions.contains(name)) {
                if (eq > 0) {
                    result.m_values[name] = arg.mid(eq + 1);
                } else if (i + 1 < args.size()) {
                    result.m_values[name] = args.at(++i);
                } else {
                    return Error{QStringLiteral("usage"), QStringLiteral("option %1 needs a value").arg(name), {}, {}, 0};
                }
                result.m_all[name] << result.m_values[name];
            } else if (flags.contains(name) && eq < 0) {
                result.m_values[name] = QString();
            } else {
                return Error{QStringLiteral("usage"), QStringLiteral("unknown option %1").arg(name), {}, {}, 0};
            }
            continue;
        }
        result.m_positionals << arg; // includes "-1", "+2" style relative targets
    }
    return result;
}

QString Args::value(const QString& name, const QString& fallback) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

QStringList Args::values(const QString& name) const
{
    const auto it = m_all.find(name);
    return it == m_all.end() ? QStringList() : it->second;
}

bool Args::has(const QString& name) const
{
    return m_values.count(name) > 0;
}

} // namespace retort::cli
