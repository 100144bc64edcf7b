#pragma once

// The retort-cli framework: global options, command registry, output and exit codes.
// Each area registers its commands from its own file (HistoryCommands.cpp, DbCommands.cpp, ...)
// with RETORT_CLI_COMMAND; main.cpp only parses global options and dispatches.

#include "core/common/Error.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <map>

namespace retort::cli {

// DESIGN.md: 0 success; 1 the command ran and failed; 2 bad input.
enum ExitCode { ExitOk = 0, ExitFailed = 1, ExitBadInput = 2 };

struct GlobalOptions
{
    QString project;      // -p/--project DIR|alembic.ini ("" = current directory, unless --versions)
    QString versionsDir;  // --versions DIR (bare versions directory)
    bool recursive = false; // --recursive (with --versions)
    QString url;          // --url URL (may hold a password: never print it unredacted)
    bool json = false;    // --json
    bool verbose = false; // -v/--verbose: info logs on stderr
    bool noCache = false; // --no-cache: parse every revision file (no parse cache read or written)
    QString python;       // --python PATH: the interpreter for anything Python must do ("" = auto-detect)
    QStringList defines;  // --define NAME=VALUE, in order (checked by NameDefines::parse in main)
    // --alembic-version X.Y.Z (not in --help: for tests and comparisons): follow that Alembic's
    // rules instead of the version detected for the project's interpreter.
    QString alembicVersion;
};

class Context
{
public:
    explicit Context(GlobalOptions options) : m_options(std::move(options)) {}
    [[nodiscard]] const GlobalOptions& options() const { return m_options; }
    [[nodiscard]] bool json() const { return m_options.json; }

    // Output. `out` writes text (non-JSON mode) to stdout; `printJson` writes one compact JSON
    // document and a newline. Both flush.
    void out(const QString& text) const;
    void printJson(const QJsonObject& object) const;
    // Diagnostics to stderr (never mixed into JSON on stdout).
    void warn(const QString& text) const;
    // Asks `question` on stderr and reads the answer from stdin: true only for "y" / "yes" (end
    // of input or anything else is no).
    [[nodiscard]] bool confirm(const QString& question) const;

    // Reports an error in the chosen format (JSON error object on stdout, or "error: ..." on
    // stderr, with the hint) and returns `exitCode`.
    int fail(const Error& error, int exitCode) const;
    int usage(const QString& message) const; // fail with code "usage", exit 2

private:
    GlobalOptions m_options;
};

// A command takes its own arguments (everything after the command name that is not a global
// option) and returns the exit code.
using CommandFn = std::function<int(Context&, const QStringList& args)>;

struct CommandInfo
{
    QString name;
    QString synopsis; // one line for --help, e.g. "heads                 list the head revisions"
    CommandFn run;
    // `-v`/`--verbose` after the command name is the command's own option ("--verbose" among its
    // arguments: Alembic's verbose format for history/heads/branches/current), not the global one.
    bool ownsVerbose = false;
};

std::map<QString, CommandInfo>& registry();

struct Registrar
{
    Registrar(const QString& name, const QString& synopsis, CommandFn fn, bool ownsVerbose = false);
};

// Ctrl+C / SIGTERM while a long command runs: for its lifetime the signals set one flag, which the
// command passes on as its cancel flag (the bridge, a bridge session and the time machine check it
// and stop the bridge's process group), instead of ending retort-cli mid-run.
class InterruptFlag
{
public:
    InterruptFlag();  // clears the flag, installs the handlers
    ~InterruptFlag(); // restores the previous handlers
    InterruptFlag(const InterruptFlag&) = delete;
    InterruptFlag& operator=(const InterruptFlag&) = delete;
    [[nodiscard]] static std::atomic_bool* flag();

private:
    void (*m_oldInt)(int) = nullptr;
    void (*m_oldTerm)(int) = nullptr;
};

// Small argument helper for commands: `--name value`, `--name=value`, flags and positionals.
class Args
{
public:
    // `valueOptions` take a value ("--current"), `flags` do not ("--purge").
    static Result<Args> parse(const QStringList& args, const QStringList& valueOptions, const QStringList& flags);
    [[nodiscard]] QString value(const QString& name, const QString& fallback = {}) const;
    [[nodiscard]] bool has(const QString& name) const;
    // Every value of an option given more than once, in order (value() is the last one).
    [[nodiscard]] QStringList values(const QString& name) const;
    [[nodiscard]] const QStringList& positionals() const { return m_positionals; }

private:
    std::map<QString, QString> m_values;
    std::map<QString, QStringList> m_all;
    QStringList m_positionals;
};

} // namespace retort::cli

#define RETORT_CLI_CONCAT2(a, b) a##b
#define RETORT_CLI_CONCAT(a, b) RETORT_CLI_CONCAT2(a, b)
// RETORT_CLI_COMMAND("heads", "heads                list the head revisions", runHeads);
#define RETORT_CLI_COMMAND(name, synopsis, fn)                                                        \
    static const ::retort::cli::Registrar RETORT_CLI_CONCAT(s_registrar_, __LINE__)(QStringLiteral(name), \
                                                                                     QStringLiteral(synopsis), fn)
// A command whose own --verbose (Alembic's verbose output) takes `-v`/`--verbose` given after it.
#define RETORT_CLI_COMMAND_OWNING_VERBOSE(name, synopsis, fn)                                           \
    static const ::retort::cli::Registrar RETORT_CLI_CONCAT(s_registrar_, __LINE__)(QStringLiteral(name), \
                                                                                     QStringLiteral(synopsis), fn, true)
