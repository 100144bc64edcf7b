#include "core/exec/PythonLocator.h"

#include "core/log/Log.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>

namespace retort {

QString interpreterKindName(InterpreterKind kind)
{
    switch (kind) {
    case InterpreterKind::Override:
        return QStringLiteral("override");
    case InterpreterKind::DotVenv:
        return QStringLiteral(".venv");
    case InterpreterKind::Venv:
        return QStringLiteral("venv");
    case InterpreterKind::Uv:
        return QStringLiteral("uv");
    case InterpreterKind::Poetry:
        return QStringLiteral("poetry");
    case InterpreterKind::System:
        return QStringLiteral("system");
    case InterpreterKind::Compose:
        return QStringLiteral("compose");
    }
    return {};
}

QStringList PythonCommand::arguments(const QStringList& scriptArguments) const
{
    QStringList args = prefixArguments;
    args << QStringLiteral("-");
    args << scriptArguments;
    return args;
}

QStringList PythonCommand::commandLine(const QStringList& scriptArguments) const
{
    QStringList line{program};
    line << arguments(scriptArguments);
    return line;
}

namespace {

bool isExecutableFile(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() && info.isFile() && info.isExecutable();
}

struct ProbeCache
{
    QMutex mutex;
    QHash<QString, QString> results; // program -> "" (ok) or the error text
    bool systemSearched = false;
    QString systemPython;
    QStringList systemNotes;
};

ProbeCache& cache()
{
    static ProbeCache instance;
    return instance;
}

} // namespace

QStringList PythonLocator::systemCandidates()
{
    QStringList raw{QStringLiteral("/usr/bin/python3"), QStringLiteral("/usr/local/bin/python3")};
    const QString path = QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH"));
    for (const QString& dir : path.split(QLatin1Char(':'), Qt::SkipEmptyParts))
        raw << QDir(dir).filePath(QStringLiteral("python3"));

    QStringList result;
    QStringList seen;
    for (const QString& candidate : raw) {
        if (!isExecutableFile(candidate))
            continue;
        const QString canonical = QFileInfo(candidate).canonicalFilePath();
        // pyenv shims and wrappers are scripts with distinct canonical paths: each is probed.
        if (seen.contains(canonical))
            continue;
        seen << canonical;
        result << candidate;
    }
    return result;
}

Status PythonLocator::probe(const QString& program, const QStringList& prefixArguments, int timeoutMs)
{
    const QString key = program + QLatin1Char('\x1f') + prefixArguments.join(QLatin1Char('\x1f'));
    {
        QMutexLocker lock(&cache().mutex);
        const auto it = cache().results.constFind(key);
        if (it != cache().results.constEnd()) {
            if (it->isEmpty())
                return Ok{};
            return Error{QStringLiteral("alembic-not-installed"), *it, {}, program, 0};
        }
    }

    QProcess process;
    QStringList args = prefixArguments;
    // Whether the packages are there, without importing them: `import alembic` alone loads
    // SQLAlchemy and most of Alembic (~0.25 s); finding them takes one bare interpreter start. An
    // installation that is present but broken is reported by the bridge when it imports it.
    args << QStringLiteral("-c")
         << QStringLiteral("import importlib.util as u, sys\n"
                           "for m in ('alembic', 'sqlalchemy'):\n"
                           "    if u.find_spec(m) is None:\n"
                           "        sys.exit(\"ModuleNotFoundError: No module named '%s'\" % m)\n");
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(program, args);
    QString problem;
    if (!process.waitForStarted(timeoutMs)) {
        problem = QStringLiteral("%1 cannot be started: %2").arg(program, process.errorString());
    } else {
        process.closeWriteChannel();
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished(2000);
            problem = QStringLiteral("%1 did not answer within %2 s").arg(program).arg(timeoutMs / 1000);
        } else if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
            const qsizetype lastLine = err.lastIndexOf(QLatin1Char('\n'));
            if (lastLine >= 0)
                err = err.mid(lastLine + 1);
            problem = QStringLiteral("%1 cannot import alembic (%2)")
                          .arg(program, err.isEmpty() ? QStringLiteral("exit code %1").arg(process.exitCode()) : err);
        }
    }
    {
        QMutexLocker lock(&cache().mutex);
        cache().results.insert(key, problem);
    }
    if (problem.isEmpty())
        return Ok{};
    return Error{QStringLiteral("alembic-not-installed"), problem,
                 QStringLiteral("Install alembic into that environment, or choose another interpreter."), program, 0};
}

Result<QString> PythonLocator::findSystemPython()
{
    {
        QMutexLocker lock(&cache().mutex);
        if (cache().systemSearched) {
            if (!cache().systemPython.isEmpty())
                return cache().systemPython;
            return Error{QStringLiteral("python-not-found"),
                         QStringLiteral("no Python interpreter that can import alembic was found"),
                         cache().systemNotes.join(QStringLiteral("; ")), {}, 0};
        }
    }
    QStringList notes;
    QString found;
    const QStringList candidates = systemCandidates();
    for (const QString& candidate : candidates) {
        const Status status = probe(candidate);
        if (status.ok()) {
            found = candidate;
            break;
        }
        notes << status.error().message;
    }
    if (candidates.isEmpty())
        notes << QStringLiteral("no python3 in /usr/bin, /usr/local/bin or PATH");
    QMutexLocker lock(&cache().mutex);
    cache().systemSearched = true;
    cache().systemPython = found;
    cache().systemNotes = notes;
    if (!found.isEmpty())
        return found;
    return Error{QStringLiteral("python-not-found"), QStringLiteral("no Python interpreter that can import alembic was found"),
                 notes.join(QStringLiteral("; ")) + QStringLiteral(". Create the project's .venv, or choose an interpreter."),
                 {}, 0};
}

QStringList PythonLocator::environmentFolders(const QString& projectDir)
{
    // Up to the repository's root (.git), else up to the Python project's root (pyproject.toml,
    // setup.py, setup.cfg, a lock file); with neither, the project folder alone: a .venv in the
    // home folder is nobody's project environment.
    const QStringList rootMarkers{QStringLiteral(".git"), QStringLiteral("pyproject.toml"), QStringLiteral("setup.py"),
                                  QStringLiteral("setup.cfg"), QStringLiteral("uv.lock"), QStringLiteral("poetry.lock")};
    QStringList chain;
    QDir dir(QFileInfo(projectDir).absoluteFilePath());
    for (int depth = 0; depth < 16; ++depth) {
        chain << dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    auto nearestWith = [&chain](const QStringList& markers) {
        for (int i = 0; i < chain.size(); ++i) {
            for (const QString& marker : markers) {
                if (QFileInfo::exists(QDir(chain.at(i)).filePath(marker)))
                    return i;
            }
        }
        return -1;
    };
    int top = nearestWith({QStringLiteral(".git")});
    if (top < 0)
        top = nearestWith(rootMarkers);
    return chain.mid(0, qMax(0, top) + 1);
}

PythonCommand PythonLocator::composeCommand(const ComposeTarget& target, const QString& projectDir)
{
    PythonCommand command;
    command.kind = InterpreterKind::Compose;
    // Compose v2 (`docker compose`), else the v1 program (`docker-compose`) when only it is there.
    const QString docker = QStandardPaths::findExecutable(QStringLiteral("docker"));
    const QString composeV1 = docker.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("docker-compose")) : QString();
    QStringList args;
    if (!composeV1.isEmpty()) {
        command.program = composeV1;
    } else {
        command.program = docker.isEmpty() ? QStringLiteral("docker") : docker;
        args << QStringLiteral("compose");
    }
    if (!target.composeFile.isEmpty())
        args << QStringLiteral("-f") << target.composeFile;
    const QString dir = target.projectDirectory.isEmpty() ? projectDir : target.projectDirectory;
    if (!dir.isEmpty())
        args << QStringLiteral("--project-directory") << dir;
    args << QStringLiteral("exec") << QStringLiteral("-T");
    if (!target.workdir.isEmpty())
        args << QStringLiteral("-w") << target.workdir;
    args << target.service << (target.python.isEmpty() ? QStringLiteral("python") : target.python);
    command.prefixArguments = args;
    command.remote = true;
    command.remoteConfigPath = target.configPath.isEmpty() ? QStringLiteral("alembic.ini") : target.configPath;
    command.description = QStringLiteral("%1 in compose service '%2'").arg(target.python, target.service);
    command.notes << QStringLiteral("runs inside the compose service '%1' (script on stdin)").arg(target.service);
    if (!composeV1.isEmpty())
        command.notes << QStringLiteral("docker is not on PATH; using docker-compose (Compose v1)");
    else if (docker.isEmpty())
        command.notes << QStringLiteral("neither docker nor docker-compose is on PATH");
    return command;
}

Result<PythonCommand> PythonLocator::locate(const QString& projectDir, const InterpreterChoice& choice)
{
    if (!choice.compose.service.isEmpty())
        return composeCommand(choice.compose, projectDir);

    if (!choice.interpreter.isEmpty()) {
        PythonCommand command;
        command.kind = InterpreterKind::Override;
        const QFileInfo info(choice.interpreter);
        if (info.isRelative()) {
            const QString found = QStandardPaths::findExecutable(choice.interpreter);
            if (found.isEmpty())
                return Error{QStringLiteral("python-bad-override"),
                             QStringLiteral("interpreter '%1' is not an absolute path and is not on PATH").arg(choice.interpreter),
                             QStringLiteral("Give the full path of the project's python (e.g. /path/.venv/bin/python)."),
                             {}, 0};
            command.program = found;
        } else if (!isExecutableFile(choice.interpreter)) {
            return Error{QStringLiteral("python-bad-override"),
                         QStringLiteral("interpreter %1 %2").arg(choice.interpreter,
                                                                 QFileInfo::exists(choice.interpreter) ? QStringLiteral("is not executable")
                                                                                                       : QStringLiteral("does not exist")),
                         QStringLiteral("Give the full path of the project's python (e.g. /path/.venv/bin/python)."),
                         {}, 0};
        } else {
            command.program = choice.interpreter;
        }
        command.description = QStringLiteral("%1 (chosen for this project)").arg(command.program);
        command.notes << QStringLiteral("interpreter chosen explicitly");
        return command;
    }

    // The project's own environment: in alembic.ini's folder, or above it up to the repository's
    // root (alembic.ini in `backend/persistence/`, `.venv` at the top), nearest first.
    QStringList notes;
    for (const QString& folder : environmentFolders(projectDir)) {
        const QDir dir(folder);
        const QString where = QDir::cleanPath(folder) == QDir::cleanPath(projectDir)
                                  ? QString()
                                  : QStringLiteral(" in %1").arg(QDir::toNativeSeparators(folder));
        const struct
        {
            QString relative;
            InterpreterKind kind;
            QString label;
        } venvs[] = {
            {QStringLiteral(".venv/bin/python"), InterpreterKind::DotVenv, QStringLiteral("project .venv")},
            {QStringLiteral("venv/bin/python"), InterpreterKind::Venv, QStringLiteral("project venv")},
        };
        for (const auto& venv : venvs) {
            const QString path = dir.filePath(venv.relative);
            if (QFileInfo::exists(path)) {
                if (!isExecutableFile(path)) {
                    notes << QStringLiteral("%1 exists but is not executable").arg(path);
                    continue;
                }
                PythonCommand command;
                command.kind = venv.kind;
                command.program = path;
                command.description = QStringLiteral("%1 (%2)").arg(path, venv.label);
                command.notes = notes;
                command.notes << QStringLiteral("found %1%2").arg(venv.relative, where);
                return command;
            }
        }

        const struct
        {
            QString lockFile;
            QString tool;
            InterpreterKind kind;
        } managers[] = {
            {QStringLiteral("uv.lock"), QStringLiteral("uv"), InterpreterKind::Uv},
            {QStringLiteral("poetry.lock"), QStringLiteral("poetry"), InterpreterKind::Poetry},
        };
        for (const auto& manager : managers) {
            if (!QFileInfo::exists(dir.filePath(manager.lockFile)))
                continue;
            const QString tool = QStandardPaths::findExecutable(manager.tool);
            if (tool.isEmpty()) {
                notes << QStringLiteral("%1%2 found but %3 is not on PATH").arg(manager.lockFile, where, manager.tool);
                continue;
            }
            PythonCommand command;
            command.kind = manager.kind;
            command.program = tool;
            // Both tools find the project's pyproject.toml upwards from the folder the bridge runs in.
            command.prefixArguments = {QStringLiteral("run"), QStringLiteral("python")};
            command.description = QStringLiteral("%1 run python (%2%3)").arg(manager.tool, manager.lockFile, where);
            command.notes = notes;
            command.notes << QStringLiteral("found %1%2").arg(manager.lockFile, where);
            return command;
        }
    }

    const Result<QString> system = findSystemPython();
    if (!system.ok()) {
        Error error = system.error();
        if (!notes.isEmpty())
            error.hint = notes.join(QStringLiteral("; ")) + QStringLiteral("; ") + error.hint;
        return error;
    }
    PythonCommand command;
    command.kind = InterpreterKind::System;
    command.program = system.value();
    command.description = QStringLiteral("%1 (system Python with Alembic)").arg(system.value());
    command.notes = notes;
    command.notes << QStringLiteral("no project virtualenv; probed system interpreters");
    log::debug(log::Area::Exec, QStringLiteral("python for %1: %2").arg(projectDir, command.description));
    return command;
}

} // namespace retort
