#include "core/doctor/GraphCheck.h"

#include "core/graph/RevisionGraph.h"

#include <QFileInfo>
#include <QSet>

namespace retort::doctor {

namespace {

QString fileOf(const QString& path)
{
    return QFileInfo(path).fileName();
}

QString mapCode(const QString& code)
{
    if (code == QLatin1String("duplicate-revision"))
        return QStringLiteral("graph-duplicate-id");
    if (code == QLatin1String("missing-revision") || code == QLatin1String("missing-dependency"))
        return QStringLiteral("graph-missing-parent");
    if (code == QLatin1String("cycle") || code == QLatin1String("dependency-cycle") || code == QLatin1String("self-loop")
        || code == QLatin1String("dependency-self-loop"))
        return QStringLiteral("graph-cycle");
    if (code == QLatin1String("unresolved-value"))
        return QStringLiteral("graph-unresolved-value");
    if (code == QLatin1String("unsafe-revision-id") || code == QLatin1String("invalid-revision-id"))
        return QStringLiteral("graph-invalid-id");
    if (code == QLatin1String("file-problem") || code.startsWith(QLatin1String("revision-file")))
        return QStringLiteral("revision-file-problem");
    return QStringLiteral("graph-problem");
}

Problem missingParent(const GraphProblem& p, const RevisionGraph& graph, const QVector<RevisionFile>& files)
{
    Problem f{QStringLiteral("graph-missing-parent"), Severity::Error, p.message, {}, p.path, p.line, {}, {}};
    // "Revision <missing> referenced from <child> is not present": the child is the revision at
    // fault (its file/line); the missing id is the other one.
    QString child;
    QString missing;
    for (const QString& id : p.revisions) {
        if (graph.indexOf(id) >= 0)
            child = id;
        else
            missing = id;
    }
    f.revision = child;
    if (p.code == QLatin1String("missing-dependency")) {
        f.hint = QStringLiteral("depends_on names something that is neither a revision id nor a branch label: fix the "
                                "id (or label) in depends_on, or restore the revision it refers to.");
        return f;
    }
    const int ci = graph.indexOf(child);
    bool startsHistory = false;
    if (ci >= 0) {
        const Revision& rev = graph.at(ci);
        startsHistory = rev.parents.isEmpty();
        if (f.path.isEmpty())
            f.path = rev.path;
        if (f.line == 0) {
            for (const RevisionFile& file : files) {
                if (file.path == rev.path) {
                    f.line = file.downRevisionLine;
                    break;
                }
            }
        }
    }
    if (startsHistory && !missing.isEmpty()) {
        f.message = QStringLiteral("the history starts at %1 (%2), whose down_revision %3 no file defines: %4")
                        .arg(child, fileOf(f.path), missing, p.message);
        f.hint = QStringLiteral("Was the initial migration never generated, or deleted? Restore the file that defines %1 "
                                "(e.g. `git log --all --diff-filter=D -- '*%1*'`); if it never existed, `retort-cli "
                                "bootstrap` (the window's Revision > Bootstrap History...) generates it from the models, "
                                "shows it, points %2 at it and stamps a database built with create_all. If %2 "
                                "really is the first migration, set `down_revision = None` in %3.")
                     .arg(missing, child, fileOf(f.path));
        f.fix = QStringLiteral("retort-cli bootstrap");
    } else {
        f.hint = QStringLiteral("Restore the revision file that defines %1, or point down_revision in %2 at the revision "
                                "it really follows.")
                     .arg(missing.isEmpty() ? QStringLiteral("the missing revision") : missing, fileOf(f.path));
    }
    return f;
}

// Graph messages may start with "path:line: " (the parser's Error::toString); a finding keeps the
// location in path/line instead.
QString withoutLocation(const QString& message, const QString& path)
{
    if (path.isEmpty() || !message.startsWith(path + QLatin1Char(':')))
        return message;
    const qsizetype cut = message.indexOf(QStringLiteral(": "), path.size());
    return cut < 0 ? message : message.mid(cut + 2);
}

} // namespace

QVector<Problem> GraphCheck::run(const LoadedProject& project, const RevisionGraph& graph)
{
    QVector<Problem> findings;

    for (const GraphProblem& p : graph.problems()) {
        const QString id = mapCode(p.code);
        if (id == QLatin1String("graph-missing-parent")) {
            findings.append(missingParent(p, graph, project.files));
            continue;
        }
        const Error e = p.toError();
        Problem f{id, Severity::Error, withoutLocation(p.message, p.path), e.hint, p.path, p.line, p.revisions.value(0), {}};
        if (id == QLatin1String("graph-unresolved-value")) {
            f.severity = Severity::Warning;
            if (f.hint.isEmpty())
                f.hint = QStringLiteral("Retort reads revision files without Python; a value it cannot read is taken "
                                        "from Alembic itself when the project is loaded through the bridge. Write it "
                                        "as a literal to make static reading exact.");
        } else if (id == QLatin1String("graph-duplicate-id")) {
            if (f.hint.isEmpty())
                f.hint = QStringLiteral("Alembic keeps only one of the files (the later one) and silently ignores the "
                                        "other: give one of them a new id (and fix the down_revision of its children).");
        } else if (id == QLatin1String("graph-cycle")) {
            if (f.hint.isEmpty())
                f.hint = QStringLiteral("A revision cannot come after itself: fix down_revision (or depends_on) in one "
                                        "of the files so the history runs one way.");
        } else if (id == QLatin1String("graph-problem")) {
            f.message = QStringLiteral("%1 (%2)").arg(p.message, p.code);
        }
        findings.append(f);
    }

    // Several heads: `alembic upgrade head` refuses to run.
    const QVector<int>& heads = graph.heads();
    if (heads.size() > 1) {
        QStringList ids;
        QStringList described;
        bool separateLabels = true;
        QSet<QString> seenLabels;
        for (const int h : heads) {
            const Revision& rev = graph.at(h);
            ids << rev.id;
            described << QStringLiteral("%1 (%2)").arg(rev.id, fileOf(rev.path));
            if (rev.allBranchLabels.isEmpty())
                separateLabels = false;
            for (const QString& label : rev.allBranchLabels) {
                if (seenLabels.contains(label))
                    separateLabels = false;
                seenLabels.insert(label);
            }
        }
        const Revision& first = graph.at(heads.first());
        Problem f;
        f.code = QStringLiteral("graph-multiple-heads");
        f.path = first.path;
        f.line = first.line;
        f.revision = first.id;
        f.fix = QStringLiteral("alembic merge -m \"merge heads\" ") + ids.join(QLatin1Char(' '));
        if (separateLabels) {
            f.severity = Severity::Info;
            f.message = QStringLiteral("%1 heads on separately labelled branches: %2; `alembic upgrade head` is "
                                       "ambiguous, use `alembic upgrade heads` or `<label>@head`")
                            .arg(heads.size())
                            .arg(described.join(QStringLiteral(", ")));
            f.hint = QStringLiteral("If the branches are meant to be one history again, merge them: %1").arg(f.fix);
        } else {
            f.severity = Severity::Warning;
            f.message = QStringLiteral("%1 head revisions: %2; `alembic upgrade head` fails with \"Multiple head "
                                       "revisions are present for given argument 'head'\"")
                            .arg(heads.size())
                            .arg(described.join(QStringLiteral(", ")));
            f.hint = QStringLiteral("Join them with a merge revision (`%1`), then upgrade to the merge; "
                                    "`alembic upgrade heads` applies all branches without merging.")
                         .arg(f.fix);
        }
        findings.append(f);
    }

    // Revises: headers that disagree with down_revision (the variable is what Alembic uses).
    for (const RevisionFile& file : project.files) {
        if (!file.isUsable() || !file.hasRevisesHeader || !file.hasDownRevision)
            continue;
        QStringList header = file.revisesHeader;
        QStringList actual = file.downRevisions;
        header.sort();
        actual.sort();
        if (header == actual)
            continue;
        const QString said = file.revisesHeader.isEmpty() ? QStringLiteral("(nothing)") : file.revisesHeader.join(QStringLiteral(", "));
        const QString is = file.downRevisions.isEmpty() ? QStringLiteral("None") : file.downRevisions.join(QStringLiteral(", "));
        findings.append(Problem{
            QStringLiteral("header-stale"), Severity::Warning,
            QStringLiteral("the docstring says `Revises: %1` but down_revision is %2").arg(said, is),
            QStringLiteral("Alembic follows down_revision; the Revises: line is only a comment, often left behind by a "
                           "rebase. Update it to `Revises: %1`, or fix down_revision if the header is the truth.")
                .arg(file.downRevisions.join(QStringLiteral(", "))),
            file.path, file.downRevisionLine, file.revision, {}});
    }

    // Files without upgrade()/downgrade(): Alembic takes the function for every step of a plan
    // before running any, so a plan through such a revision fails with AttributeError.
    QStringList noDowngrade;
    const RevisionFile* firstNoDowngrade = nullptr;
    for (const RevisionFile& file : project.files) {
        if (!file.isUsable())
            continue;
        if (file.lacksUpgrade) {
            findings.append(Problem{
                QStringLiteral("revision-no-upgrade"), Severity::Warning,
                QStringLiteral("revision %1 has no upgrade() function: `alembic upgrade` through it fails with "
                               "AttributeError before anything runs")
                    .arg(file.revision),
                QStringLiteral("Define `def upgrade() -> None:` at the top level of the file (with `pass` if there is "
                               "nothing to do)."),
                file.path, file.revisionLine, file.revision, {}});
        }
        if (file.lacksDowngrade) {
            noDowngrade << file.revision;
            if (!firstNoDowngrade)
                firstNoDowngrade = &file;
        }
    }
    if (firstNoDowngrade) {
        // Upgrade-only histories are a deliberate choice in some projects: one finding, information.
        const QString some = noDowngrade.size() <= 5 ? noDowngrade.join(QStringLiteral(", "))
                                                     : noDowngrade.mid(0, 5).join(QStringLiteral(", "))
                                                           + QStringLiteral(" and %1 more").arg(noDowngrade.size() - 5);
        findings.append(Problem{
            QStringLiteral("revision-no-downgrade"), Severity::Info,
            QStringLiteral("%1 revision(s) have no downgrade() function (%2): Alembic fails any downgrade through them "
                           "with AttributeError, before anything runs")
                .arg(noDowngrade.size())
                .arg(some),
            QStringLiteral("If downgrades should work, define `def downgrade() -> None:` in each; Retort's planner "
                           "refuses such a downgrade the same way."),
            firstNoDowngrade->path, firstNoDowngrade->revisionLine, firstNoDowngrade->revision, {}});
    }
    return findings;
}

} // namespace retort::doctor
