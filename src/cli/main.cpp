// retort-cli: the headless face of Retort (DESIGN.md "retort-cli"). Parses the global options,
// then dispatches to a command registered by one of the src/cli/*Commands.cpp files.

#include "cli/Cli.h"
#include "cli/ProjectOptions.h"
#include "core/Version.h"
#include "core/alembic/NameDefines.h"
#include "core/alembic/ParseCache.h"
#include "core/log/Log.h"

#include <QCoreApplication>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#endif

using namespace retort;
using namespace retort::cli;

namespace {

QString helpText()
{
    QString text = QStringLiteral(
        "usage: retort-cli [-p DIR|alembic.ini] [--versions DIR [--recursive]] [--url URL] [--json] [-v]\n"
        "                  [--python PATH] [--define NAME=VALUE]... COMMAND [ARGS...]\n\n"
        "Global options (accepted before or after the command):\n"
        "  -p, --project PATH   Alembic project folder or its alembic.ini (default: current folder)\n"
        "  --versions DIR       read a bare versions directory (no alembic.ini)\n"
        "  --recursive          with --versions: also read sub-folders\n"
        "  --url URL            SQLAlchemy database URL (postgresql://..., sqlite:///...)\n"
        "  --json               machine-readable output; errors as {\"error\": {...}}\n"
        "  -v, --verbose        log progress to stderr (after history, heads, branches or current:\n"
        "                       their own --verbose, Alembic's verbose format)\n"
        "  --no-cache           parse every revision file, without the parse cache (also: RETORT_NO_CACHE=1)\n"
        "  --python PATH        the Python interpreter for whatever needs Python (default: the one chosen\n"
        "                       for the project in Retort's window, else the project's .venv/venv, uv,\n"
        "                       poetry, else a python3 that can import alembic)\n"
        "  --define NAME=VALUE  (repeatable) a revision file's value refers to NAME (e.g.\n"
        "                       `branch_labels = (cli.EXPAND_BRANCH,)`): read it as the string VALUE\n"
        "                       instead of importing the file with Python. NAME is a Python name or\n"
        "                       dotted name as spelled in the file; VALUE is everything after the\n"
        "                       first '=', verbatim, without quotes; the last one for a NAME wins. It\n"
        "                       only applies to values that are not literals, is folded like Python\n"
        "                       ('a' + NAME, (NAME,)), and is not checked against Python.\n"
        "  -h, --help           this help;  --version  print the version (with -p: also the project's Alembic)\n\n"
        "Commands:\n");
    for (const auto& [name, info] : registry())
        text += QStringLiteral("  ") + info.synopsis + QLatin1Char('\n');
    text += QStringLiteral("\nExit status: 0 success, 1 the command ran and failed, 2 bad input.\n");
    return text;
}

// Asks for transparent huge pages on the main heap, which (with M_TOP_PAD) has just grown by
// 64 MB it has not touched yet. Loading 10,000 revisions touches some 15 MB of fresh heap; with
// 4 KB pages that is ~4,000 page faults (~1 us each on a VM), with 2 MB pages a handful: plan
// --json at 10,000 revisions ~3-5 ms faster (bench/notes/graph.md). Only advice: where THP is
// off ("never") or unsupported nothing changes. Memory that worker threads allocate (their own
// arenas) is not covered.
void adviseHugePages()
{
#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE)
    void* probe = std::malloc(1 << 20); // from the top of the heap: the heap grows by it + M_TOP_PAD
    if (!probe)
        return;
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(probe) + kHuge - 1) & ~(kHuge - 1);
    std::free(probe); // back to the top of the heap, which stays (M_TRIM_THRESHOLD)
    const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(kHuge - 1);
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

// `--version`: Retort's build; with -p/--versions also the Alembic the project runs and where
// Retort found it (the version whose rules every command follows).
int printVersion(const Context& context, bool withProject)
{
    if (!withProject) {
        std::fputs(buildInfo(), stdout);
        std::fputc('\n', stdout);
        return ExitOk;
    }
    const AlembicInstallation alembic = ProjectLoader::alembicFor(loadRequestFor(context));
    if (context.json()) {
        QJsonObject object{{QStringLiteral("retort"), QString::fromLatin1(kVersion)},
                           {QStringLiteral("build"), QString::fromLatin1(buildInfo())}};
        QJsonObject a{{QStringLiteral("version"), alembic.isKnown() ? QJsonValue(alembic.version.toString()) : QJsonValue()},
                      {QStringLiteral("interpreter"), alembic.interpreter},
                      {QStringLiteral("source"), alembic.sourceText()},
                      {QStringLiteral("description"), alembic.describe()}};
        object.insert(QStringLiteral("alembic"), a);
        context.printJson(object);
        return ExitOk;
    }
    context.out(QString::fromLatin1(buildInfo()) + QLatin1Char('\n') + alembic.describe() + QLatin1Char('\n'));
    return ExitOk;
}

} // namespace

int main(int argc, char* argv[])
{
#ifdef __GLIBC__
    // retort-cli is short-lived and allocates tens of thousands of small strings at once (10,000
    // revisions: ~25 MB). Growing the heap in large steps and never trimming or mmap-ing mid-run
    // saves ~4 ms of brk/mmap/munmap calls per command there (bench/notes/graph.md); the pages
    // actually touched, and so the resident set, are the same.
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    adviseHugePages();
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("retort"));
    QCoreApplication::setOrganizationName(QString::fromLatin1(kOrganization));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));

    GlobalOptions options;
    QString command;
    QStringList commandArgs;
    bool help = false;
    bool version = false;
    QString usageError;

    const QStringList args = QCoreApplication::arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        auto takeValue = [&](const QString& name) -> QString {
            const qsizetype eq = arg.indexOf(QLatin1Char('='));
            if (arg.startsWith(QLatin1String("--")) && eq > 0)
                return arg.mid(eq + 1);
            if (i + 1 < args.size())
                return args.at(++i);
            usageError = QStringLiteral("option %1 needs a value").arg(name);
            return {};
        };
        const QString name = arg.startsWith(QLatin1String("--")) ? arg.section(QLatin1Char('='), 0, 0) : arg;
        if (name == QLatin1String("-p") || name == QLatin1String("--project")) {
            options.project = takeValue(name);
        } else if (name == QLatin1String("--versions")) {
            options.versionsDir = takeValue(name);
        } else if (name == QLatin1String("--url")) {
            options.url = takeValue(name);
        } else if (name == QLatin1String("--python")) {
            options.python = takeValue(name);
        } else if (name == QLatin1String("--define")) {
            options.defines << takeValue(name);
        } else if (name == QLatin1String("--alembic-version")) {
            options.alembicVersion = takeValue(name);
            if (usageError.isEmpty() && !AlembicVersion::parse(options.alembicVersion).isKnown())
                usageError = QStringLiteral("--alembic-version needs a version such as 1.13.1 (got '%1')").arg(options.alembicVersion);
        } else if (arg == QLatin1String("--recursive")) {
            options.recursive = true;
        } else if (arg == QLatin1String("--json")) {
            options.json = true;
        } else if (arg == QLatin1String("-v") || arg == QLatin1String("--verbose")) {
            // After history/heads/branches/current it is Alembic's --verbose (their output format).
            const auto owner = registry().find(command);
            if (owner != registry().end() && owner->second.ownsVerbose)
                commandArgs << QStringLiteral("--verbose");
            else
                options.verbose = true;
        } else if (arg == QLatin1String("--no-cache")) {
            options.noCache = true;
        } else if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            help = true;
        } else if (arg == QLatin1String("--version")) {
            version = true;
        } else if (command.isEmpty() && !arg.startsWith(QLatin1Char('-'))) {
            command = arg;
        } else if (!command.isEmpty()) {
            commandArgs << arg;
        } else {
            usageError = QStringLiteral("unknown option %1").arg(arg);
        }
        if (!usageError.isEmpty())
            break;
    }

    log::Options logOptions;
    logOptions.stderrLevel = options.verbose ? spdlog::level::info : spdlog::level::warn;
    logOptions.toFile = false; // the CLI logs to stderr only; the GUI keeps the log file
    log::init(logOptions);

    if (options.noCache)
        ParseCache::setEnabled(false);
    Context context(options);
    if (!usageError.isEmpty())
        return context.usage(usageError);
    if (version && !help)
        return printVersion(context, !options.project.isEmpty() || !options.versionsDir.isEmpty());
    if (help || command.isEmpty()) {
        if (command.isEmpty() && !help) {
            std::fputs(helpText().toUtf8().constData(), stderr);
            return ExitBadInput;
        }
        std::fputs(helpText().toUtf8().constData(), stdout);
        return ExitOk;
    }
    if (!options.versionsDir.isEmpty() && !options.project.isEmpty())
        return context.usage(QStringLiteral("use either --project or --versions, not both"));
    if (options.recursive && options.versionsDir.isEmpty())
        return context.usage(QStringLiteral("--recursive goes with --versions DIR"));
    if (const Result<NameDefines> defines = NameDefines::parse(options.defines); !defines)
        return context.fail(defines.error(), ExitBadInput);

    const auto it = registry().find(command);
    if (it == registry().end())
        return context.usage(QStringLiteral("unknown command '%1'").arg(command));
    const int rc = it->second.run(context, commandArgs);
    log::shutdown();
    return rc;
}
