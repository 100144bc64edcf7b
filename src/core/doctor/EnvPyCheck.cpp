#include "core/doctor/EnvPyCheck.h"

#include "core/python/PythonSource.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace retort::doctor {

using py::PythonSource;

namespace {

using TopLevel = PythonSource::TopLevel;

const QString kDispatchHint = QStringLiteral(
    "End env.py with the mode dispatch Alembic's templates use:\n"
    "    if context.is_offline_mode():\n"
    "        run_migrations_offline()\n"
    "    else:\n"
    "        run_migrations_online()");

// What to paste when env.py lacks a run function: the run code of Alembic's generic template
// (target_metadata passed in both modes, the URL from DATABASE_URL or alembic.ini), the imports
// it needs and the dispatch. Complete and correct as written: a test runs it through the real
// Alembic online and offline.
QString repairSnippet(const QString& metadata)
{
    QString code = QStringLiteral("import os\n\nfrom alembic import context\nfrom sqlalchemy import engine_from_config, pool\n");
    code += QStringLiteral("\nconfig = context.config\n");
    code += metadata.isEmpty() ? QStringLiteral("target_metadata = None  # your models' MetaData, e.g. Base.metadata, for autogenerate\n")
                               : QStringLiteral("# target_metadata = %1 (as env.py already sets it)\n").arg(metadata);
    code += QStringLiteral("\n\ndef database_url():\n"
                           "    return os.environ.get(\"DATABASE_URL\") or config.get_main_option(\"sqlalchemy.url\")\n");
    code += QStringLiteral("\n\ndef run_migrations_offline():\n"
                           "    context.configure(url=database_url(), target_metadata=target_metadata,\n"
                           "                      literal_binds=True, dialect_opts={\"paramstyle\": \"named\"})\n"
                           "    with context.begin_transaction():\n"
                           "        context.run_migrations()\n");
    code += QStringLiteral("\n\ndef run_migrations_online():\n"
                           "    section = config.get_section(config.config_ini_section) or {}\n"
                           "    section[\"sqlalchemy.url\"] = database_url()\n"
                           "    connectable = engine_from_config(section, prefix=\"sqlalchemy.\", poolclass=pool.NullPool)\n"
                           "    with connectable.connect() as connection:\n"
                           "        context.configure(connection=connection, target_metadata=target_metadata)\n"
                           "        with context.begin_transaction():\n"
                           "            context.run_migrations()\n");
    code += QStringLiteral("\n\nif context.is_offline_mode():\n    run_migrations_offline()\nelse:\n    run_migrations_online()\n");
    return code;
}

struct ModeText
{
    QString text;      // masked code that runs in this mode at import time
    int line = 0;      // where that code starts (for locations)
    bool present = false;
};

bool references(const QString& masked, const QString& name)
{
    const QRegularExpression re(QStringLiteral("\\b") + QRegularExpression::escape(name) + QStringLiteral("\\b"));
    return re.match(masked).hasMatch();
}

const QRegularExpression& runMigrationsRe()
{
    static const QRegularExpression re(QStringLiteral("\\brun_migrations\\s*\\("));
    return re;
}

QString modeName(bool online)
{
    return online ? QStringLiteral("online") : QStringLiteral("offline");
}

QString modeCommands(bool online)
{
    return online ? QStringLiteral("alembic upgrade/downgrade/stamp") : QStringLiteral("alembic upgrade --sql, Retort's SQL preview");
}

} // namespace

QVector<Problem> EnvPyCheck::run(const QString& envPyPath)
{
    QVector<Problem> findings;
    bool ok = false;
    const PythonSource src = PythonSource::fromFile(envPyPath, &ok);
    if (!ok)
        return findings;
    const auto& statements = src.statements();
    const auto& top = src.topLevel();

    // Functions that reach context.run_migrations(), directly or through another function they
    // call or pass along (connection.run_sync(do_run_migrations), asyncio.run(...)).
    QSet<QString> runners;
    for (bool changed = true; changed;) {
        changed = false;
        for (const TopLevel& t : top) {
            if (t.kind != TopLevel::Kind::Def || runners.contains(t.name))
                continue;
            const QString body = src.maskedText(t.first + 1, t.end);
            bool runs = runMigrationsRe().match(body).hasMatch();
            for (auto it = runners.cbegin(); !runs && it != runners.cend(); ++it)
                runs = references(body, *it);
            if (runs) {
                runners.insert(t.name);
                changed = true;
            }
        }
    }
    auto runsIn = [&](const QString& masked) {
        if (runMigrationsRe().match(masked).hasMatch())
            return true;
        for (const QString& name : runners) {
            if (references(masked, name))
                return true;
        }
        return false;
    };

    // Module-level code, and the `if context.is_offline_mode():` dispatch if there is one.
    static const QRegularExpression dispatchRe(QStringLiteral("^if\\b.*\\bis_offline_mode\\s*\\("));
    static const QRegularExpression negatedRe(QStringLiteral("^if\\s+not\\b"));
    static const QRegularExpression elseRe(QStringLiteral("^(?:else|elif)\\b"));
    int dispatchIndex = -1;
    QString moduleCode;
    int firstModuleRunLine = 0;
    for (int i = 0; i < top.size(); ++i) {
        const TopLevel& t = top.at(i);
        if (t.kind != TopLevel::Kind::Other)
            continue;
        const QString code = src.maskedText(t.first, t.end);
        moduleCode += code;
        if (firstModuleRunLine == 0 && runsIn(code))
            firstModuleRunLine = statements.at(t.first).line;
        if (dispatchIndex < 0 && dispatchRe.match(statements.at(t.first).masked).hasMatch())
            dispatchIndex = i;
    }

    ModeText online;
    ModeText offline;
    if (dispatchIndex >= 0) {
        const TopLevel& ifBlock = top.at(dispatchIndex);
        const bool negated = negatedRe.match(statements.at(ifBlock.first).masked).hasMatch();
        ModeText thenPart{src.maskedText(ifBlock.first, ifBlock.end), statements.at(ifBlock.first).line, true};
        ModeText elsePart;
        for (int j = dispatchIndex + 1; j < top.size(); ++j) {
            const TopLevel& t = top.at(j);
            if (t.kind != TopLevel::Kind::Other || !elseRe.match(statements.at(t.first).masked).hasMatch())
                break;
            elsePart.text += src.maskedText(t.first, t.end);
            if (!elsePart.present)
                elsePart.line = statements.at(t.first).line;
            elsePart.present = true;
        }
        offline = negated ? elsePart : thenPart;
        online = negated ? thenPart : elsePart;
    } else {
        online = ModeText{moduleCode, firstModuleRunLine, true};
        offline = online;
    }

    bool onlineRuns = runsIn(online.text);
    bool offlineRuns = runsIn(offline.text);
    if (dispatchIndex < 0 && (onlineRuns || offlineRuns)) {
        // No dispatch: the same code runs in both modes. Which mode can it serve? Online code
        // connects (engine.connect(), connection=..., run_sync); code that checks
        // is_offline_mode() itself serves both.
        static const QRegularExpression connectRe(
            QStringLiteral("\\.\\s*connect\\s*\\(|\\bconnection\\s*=|\\brun_sync\\s*\\(|\\bconnectable\\b"));
        static const QRegularExpression selfDispatchRe(QStringLiteral("\\bis_offline_mode\\s*\\("));
        // Each function's code together with every top-level function it names, transitively.
        auto reachableCode = [&](const QString& start) {
            QString code = start;
            QSet<QString> seen;
            for (bool grew = true; grew;) {
                grew = false;
                for (const TopLevel& t : top) {
                    if (t.kind != TopLevel::Kind::Def || seen.contains(t.name) || !references(code, t.name))
                        continue;
                    seen.insert(t.name);
                    code += src.maskedText(t.first + 1, t.end);
                    grew = true;
                }
            }
            return code;
        };
        const QString code = reachableCode(moduleCode);
        const bool both = selfDispatchRe.match(code).hasMatch();
        const bool connects = connectRe.match(code).hasMatch();
        onlineRuns = both || connects;
        offlineRuns = both || !connects;
    }
    const int dispatchLine = dispatchIndex >= 0 ? statements.at(top.at(dispatchIndex).first).line : 0;

    // target_metadata: defined (module level, last assignment wins) but never configured.
    static const QRegularExpression assignRe(QStringLiteral("^target_metadata\\s*(?::[^=]*)?=(?!=)"));
    int metadataLine = 0;
    QString metadataValue;
    for (const TopLevel& t : top) {
        if (t.kind != TopLevel::Kind::Other)
            continue;
        for (int s = t.first; s < t.end; ++s) {
            const auto& st = statements.at(s);
            const QRegularExpressionMatch m = assignRe.match(st.masked);
            if (m.hasMatch()) {
                metadataLine = st.line;
                metadataValue = st.text.mid(m.capturedEnd()).trimmed();
            }
        }
    }
    for (const bool isOnline : {true, false}) {
        const ModeText& mode = isOnline ? online : offline;
        if (isOnline ? onlineRuns : offlineRuns)
            continue;
        const QString fnName = QStringLiteral("run_migrations_") + modeName(isOnline);
        const TopLevel* fn = src.function(fnName);
        const int fnLine = fn ? statements.at(fn->first).line : 0;
        Problem f;
        f.code = QStringLiteral("env-missing-") + modeName(isOnline);
        f.severity = isOnline ? Severity::Error : Severity::Warning;
        f.path = envPyPath;
        f.hint = kDispatchHint;
        const QString consequence = QStringLiteral("so %1 mode (%2) runs no migrations")
                                        .arg(modeName(isOnline), modeCommands(isOnline));
        if (fn && !runners.contains(fnName)) {
            f.line = fnLine;
            f.message = QStringLiteral("%1() never calls context.run_migrations(), %2").arg(fnName, consequence);
            f.hint = QStringLiteral("Inside %1(), call context.configure(...) and then\n"
                                    "    with context.begin_transaction():\n"
                                    "        context.run_migrations()")
                         .arg(fnName);
        } else if (dispatchIndex >= 0 && !mode.present) {
            f.line = dispatchLine;
            f.message = QStringLiteral("`if context.is_offline_mode():` has no branch for %1 mode, %2")
                            .arg(modeName(isOnline), consequence);
        } else if (dispatchIndex >= 0) {
            f.line = mode.line;
            f.message = fn ? QStringLiteral("the %1 branch of `if context.is_offline_mode():` never calls %2() (line %3), %4")
                                 .arg(modeName(isOnline), fnName)
                                 .arg(fnLine)
                                 .arg(consequence)
                           : QStringLiteral("the %1 branch of `if context.is_offline_mode():` never runs migrations and "
                                            "env.py defines no %2(), %3")
                                 .arg(modeName(isOnline), fnName, consequence);
        } else if (isOnline ? offlineRuns : onlineRuns) {
            // No dispatch: whatever runs, runs in both modes; the other mode's function is unused.
            f.line = mode.line > 0 ? mode.line : 1;
            f.message = QStringLiteral("env.py never checks context.is_offline_mode(): the module-level code runs "
                                       "%1 mode's migrations in every mode and %2 %3")
                            .arg(modeName(!isOnline), fn ? fnName + QStringLiteral("() is never called") : fnName + QStringLiteral("() does not exist"),
                                 isOnline ? QStringLiteral("(online mode then runs offline code and applies nothing to the database)")
                                          : QStringLiteral("(offline mode then needs a live database connection)"));
        } else {
            f.line = fn ? fnLine : 1;
            f.message = fn ? QStringLiteral("%1() (line %2) is never called at import time, %3").arg(fnName).arg(fnLine).arg(consequence)
                           : QStringLiteral("env.py never calls context.run_migrations() in %1 mode, %2").arg(modeName(isOnline), consequence);
        }
        if (!fn) // the function itself is missing: what to paste, complete
            f.hint = QStringLiteral("Replace env.py's run functions and the code that calls them with Alembic's template "
                                    "below (complete: both modes, target_metadata, the URL from DATABASE_URL or "
                                    "alembic.ini); keep your own imports and settings above it:\n\n")
                     + repairSnippet(metadataValue);
        findings.append(f);
    }

    static const QRegularExpression configureRe(QStringLiteral("\\bcontext\\s*\\.\\s*configure\\b"));
    const QVector<PythonSource::Call> configures = src.calls(configureRe);
    if (metadataLine > 0 && !configures.isEmpty()) {
        const bool isNone = metadataValue == QLatin1String("None");
        bool passedAnywhere = false;
        const PythonSource::Call* onlineWithout = nullptr;
        for (const PythonSource::Call& call : configures) {
            const bool passes = call.keyword(QStringLiteral("target_metadata")).has_value() || call.hasDoubleStar();
            passedAnywhere = passedAnywhere || passes;
            if (!passes && call.keyword(QStringLiteral("connection")).has_value() && !onlineWithout)
                onlineWithout = &call;
        }
        const QString metadataHint = QStringLiteral(
            "Pass it in every context.configure(...) call, e.g. "
            "context.configure(connection=connection, target_metadata=target_metadata).");
        if (!passedAnywhere && !isNone) {
            findings.append(Problem{
                QStringLiteral("env-no-target-metadata"), Severity::Warning,
                QStringLiteral("target_metadata is defined but never passed to context.configure(...) (called at line %1): "
                               "`alembic revision --autogenerate` fails with \"does not provide a MetaData object\"")
                    .arg(configures.first().line),
                metadataHint, envPyPath, metadataLine, {}, {}});
        } else if (onlineWithout && !isNone) {
            findings.append(Problem{
                QStringLiteral("env-no-target-metadata"), Severity::Warning,
                QStringLiteral("context.configure(connection=...) for online mode does not pass target_metadata (defined at "
                               "line %1): autogenerate runs online and sees no MetaData")
                    .arg(metadataLine),
                metadataHint, envPyPath, onlineWithout->line, {}, {}});
        } else if (isNone) {
            findings.append(Problem{
                QStringLiteral("env-no-target-metadata"), Severity::Info,
                QStringLiteral("target_metadata = None: `alembic revision --autogenerate` has no models to compare with"),
                QStringLiteral("Set it to your models' MetaData, e.g. `from myapp.models import Base` and "
                               "`target_metadata = Base.metadata`, if you use autogenerate."),
                envPyPath, metadataLine, {}, {}});
        }
    }
    return findings;
}

} // namespace retort::doctor
