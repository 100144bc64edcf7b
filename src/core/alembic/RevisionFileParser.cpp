#include "core/alembic/RevisionFileParser.h"

#include "core/common/NativePath.h"
#include "core/python/ModuleReader.h"
#include "core/python/SourceText.h"

#include <QFile>
#include <QRegularExpression>

#include <array>
#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace retort {

namespace {

enum NameIndex { Revision = 0, DownRevision, BranchLabels, DependsOn, NameCount };

const std::array<const char*, NameCount> kNames = {"revision", "down_revision", "branch_labels", "depends_on"};

int nameIndexOf(const QString& name)
{
    for (int i = 0; i < NameCount; ++i) {
        if (name == QLatin1String(kNames[size_t(i)]))
            return i;
    }
    return -1;
}

// The reader of Alembic's module-level names; `upgrade` / `downgrade` only need to be bound.
const py::ModuleReader& moduleReader()
{
    static const py::ModuleReader reader({"revision", "down_revision", "branch_labels", "depends_on"},
                                         {"upgrade", "downgrade"});
    return reader;
}

QString fileNameOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? path : path.mid(slash + 1);
}

Error fileError(const QString& code, const QString& message, const QString& path, int line, const QString& hint)
{
    Error e;
    e.code = code;
    e.message = message;
    e.path = path;
    e.line = line;
    e.hint = hint;
    return e;
}

const QString& syntaxHint()
{
    static const QString hint = QStringLiteral(
        "Alembic cannot import this file either: fix it, or move it out of the versions folder.");
    return hint;
}

QString describe(const py::Value& v)
{
    switch (v.type) {
    case py::Value::Type::None: return QStringLiteral("None");
    case py::Value::Type::Str: return QStringLiteral("a string");
    case py::Value::Type::Bytes: return QStringLiteral("bytes");
    case py::Value::Type::Number: return QStringLiteral("the number %1").arg(v.text);
    case py::Value::Type::Bool: return v.text;
    case py::Value::Type::Tuple: return QStringLiteral("a tuple");
    case py::Value::Type::List: return QStringLiteral("a list");
    }
    return {};
}

Error tooLarge(const QString& path, qint64 size)
{
    return fileError(QStringLiteral("revision-file-too-large"),
                     QStringLiteral("file is %1 MiB; Retort reads revision files up to %2 MiB")
                         .arg(size / (1024 * 1024))
                         .arg(RevisionFileParser::MaxFileSize / (1024 * 1024)),
                     path, 0, QStringLiteral("A revision file this large is unlikely; move it out of the versions folder."));
}

void syntaxProblem(RevisionFile& out, const py::SyntaxError& error)
{
    out.problems.append(fileError(error.encoding ? QStringLiteral("revision-file-encoding") : QStringLiteral("revision-file-syntax"),
                                  error.message, out.path, error.line,
                                  error.encoding ? QStringLiteral("Save the file as UTF-8, or declare its encoding with a "
                                                                  "`# -*- coding: ... -*-` line.")
                                                 : syntaxHint()));
}

// The "Revises:" header is read from the first string statement even when it is not the
// docstring (the doctor compares it with down_revision); the Create Date only from a real
// docstring, as Alembic takes it from `__doc__` (None when imports come first).
void docHeaders(RevisionFile& out, const QString& doc, bool isDocstring)
{
    bool revises = false, created = false;
    qsizetype pos = 0;
    while (pos <= doc.size() && !(revises && created)) {
        qsizetype end = doc.indexOf(QLatin1Char('\n'), pos);
        if (end < 0)
            end = doc.size();
        const QStringView l = QStringView(doc).sliced(pos, end - pos).trimmed();
        pos = end + 1;
        if (!revises && l.startsWith(QLatin1String("Revises:"))) {
            revises = true;
            out.hasRevisesHeader = true;
            for (const QStringView id : l.sliced(8).split(QLatin1Char(','))) {
                const QStringView t = id.trimmed();
                if (!t.isEmpty())
                    out.revisesHeader.append(t.toString());
            }
        } else if (!created && l.startsWith(QLatin1String("Create Date:"))) {
            created = true;
            if (isDocstring)
                out.createDate = l.sliced(12).trimmed().toString();
        }
    }
}

// Sets the field of Alembic's name `name` from its literal value, as Alembic reads it; a value of
// the wrong type is a "revision-file-bad-value" problem at `line`.
void applyValue(RevisionFile& out, int name, const py::Value& v, int line)
{
    auto badValue = [&](const QString& what) {
        out.problems.append(fileError(
            QStringLiteral("revision-file-bad-value"),
            QStringLiteral("`%1` is %2; Alembic expects %3")
                .arg(QLatin1String(kNames[size_t(name)]), what,
                     name == Revision ? QStringLiteral("a string") : QStringLiteral("None, a string, or a tuple/list of strings")),
            out.path, line, QStringLiteral("Write the value as a string literal (or a tuple of them).")));
    };
    auto toList = [&](QStringList* list) {
        switch (v.type) {
        case py::Value::Type::None: return;
        case py::Value::Type::Str: list->append(v.text); return;
        case py::Value::Type::Tuple:
        case py::Value::Type::List:
            for (const py::Value& item : v.items) {
                if (item.type != py::Value::Type::Str) {
                    badValue(QStringLiteral("a sequence holding %1").arg(describe(item)));
                    list->clear();
                    return;
                }
                list->append(item.text);
            }
            return;
        default: badValue(describe(v)); return;
        }
    };
    switch (name) {
    case Revision:
        if (v.type == py::Value::Type::Str)
            out.revision = v.text;
        else
            badValue(describe(v));
        if (v.type == py::Value::Type::Str && v.text.isEmpty())
            badValue(QStringLiteral("an empty string"));
        break;
    case DownRevision:
        // Alembic's tuple_rev_as_scalar: an empty value ("", (), []) is None, a base.
        if (!(v.type == py::Value::Type::Str && v.text.isEmpty()))
            toList(&out.downRevisions);
        break;
    case BranchLabels: toList(&out.branchLabels); break;
    case DependsOn:
        toList(&out.dependsOn);
        // to_tuple("") is ("",), which tuple_rev_as_scalar makes "": no dependency to resolve.
        if (out.dependsOn.size() == 1 && out.dependsOn.first().isEmpty()) {
            out.dependsOn.clear();
            out.emptyDependsOn = true;
        }
        break;
    }
}

// RevisionFile from what the module reader found.
void fill(RevisionFile& out, py::ModuleFacts& facts)
{
    if (facts.docstring) {
        out.docstring = *facts.docstring;
        const qsizetype at = out.docstring.indexOf(QStringLiteral("\n\n"));
        out.message = at < 0 ? out.docstring : out.docstring.left(at);
    }
    if (facts.firstString)
        docHeaders(out, *facts.firstString, facts.docstring.has_value());
    const bool failed = facts.error.has_value();
    if (failed)
        syntaxProblem(out, *facts.error);

    for (int i = 0; i < NameCount; ++i) {
        const py::Assignment& a = facts.assignments.at(i);
        if (!a.assigned)
            continue;
        switch (i) {
        case Revision: out.revisionLine = a.line; break;
        case DownRevision: out.downRevisionLine = a.line; out.hasDownRevision = true; break;
        case BranchLabels: out.branchLabelsLine = a.line; break;
        case DependsOn: out.dependsOnLine = a.line; break;
        }
        if (!a.resolved) {
            out.unresolved.append(UnresolvedValue{QLatin1String(kNames[size_t(i)]), a.expression, a.line,
                                                  a.form == py::Assignment::Form::Value});
            continue;
        }
        applyValue(out, i, a.value, a.line);
    }
    out.lacksUpgrade = !failed && !facts.hiddenBindings && !facts.mentioned.at(0);
    out.lacksDowngrade = !failed && !facts.hiddenBindings && !facts.mentioned.at(1);

    if (failed)
        return; // the syntax error is the file's problem; what follows it was never read

    const bool revisionAssigned = facts.assignments.at(Revision).assigned;
    if (!revisionAssigned) {
        // Alembic's legacy rule: a file named <hex>.py without `revision` uses its name.
        static const QRegularExpression legacy(QStringLiteral("^[a-f0-9]+\\.py$"));
        if (legacy.match(out.fileName).hasMatch()) {
            out.revision = out.fileName.chopped(3);
        } else {
            out.problems.append(fileError(
                QStringLiteral("revision-file-no-revision"),
                QStringLiteral("no module-level `revision` variable (Alembic: \"Could not determine revision id from filename %1\")")
                    .arg(out.fileName),
                out.path, 1,
                QStringLiteral("Add `revision = \"<id>\"` at the top level of the file, or move the file out of the "
                               "versions folder.")));
        }
    }
    if (!facts.assignments.at(DownRevision).assigned && (revisionAssigned || !out.revision.isEmpty())) {
        out.problems.append(fileError(
            QStringLiteral("revision-file-no-down-revision"),
            QStringLiteral("no module-level `down_revision` variable (Alembic fails with AttributeError)"), out.path,
            out.revisionLine > 0 ? out.revisionLine : 1,
            QStringLiteral("Add `down_revision = None` for a base revision, or the parent revision id.")));
    }
}

} // namespace

RevisionFile RevisionFileParser::parse(const QByteArray& content, const QString& path)
{
    RevisionFile out;
    out.path = path;
    out.fileName = fileNameOf(path);

    if (content.size() > MaxFileSize) {
        out.problems.append(tooLarge(path, content.size()));
        return out;
    }
    const py::SourceText source = py::SourceText::decode(content);
    if (const auto& error = source.error()) {
        out.problems.append(fileError(QStringLiteral("revision-file-encoding"), error->message, path, error->line, syntaxHint()));
        return out;
    }
    py::ModuleFacts facts = moduleReader().read(source.data(), source.size());
    fill(out, facts);
    return out;
}

QList<UnresolvedValue> RevisionFileParser::resolveNames(RevisionFile& file, const py::NameLookup& names,
                                                        QStringList* unknownNames)
{
    QList<UnresolvedValue> resolved;
    py::EvalOptions options;
    options.names = &names;
    options.unknownNames = unknownNames;
    for (qsizetype k = 0; k < file.unresolved.size();) {
        const UnresolvedValue u = file.unresolved.at(k);
        const int name = nameIndexOf(u.name);
        std::optional<py::Value> value;
        if (name >= 0 && u.whole) {
            const py::EvalResult r = py::evaluateExpression(u.expression, options);
            if (r.status == py::EvalStatus::Ok)
                value = r.value;
        }
        if (!value) {
            ++k;
            continue;
        }
        file.unresolved.removeAt(k);
        applyValue(file, name, *value, u.line);
        resolved.append(u);
    }
    return resolved;
}

RevisionFile RevisionFileParser::parseFile(const QString& path)
{
    auto failure = [&](Error e) {
        RevisionFile out;
        out.path = path;
        out.fileName = fileNameOf(path);
        out.problems.append(std::move(e));
        return out;
    };
    // Python's wording for what Alembic's import of the file raises.
    auto unreadable = [&](const QString& why) {
        return failure(fileError(QStringLiteral("revision-file-unreadable"), QStringLiteral("cannot read the file: %1").arg(why),
                                 path, 0, QStringLiteral("Check that the file exists and is readable.")));
    };
#ifdef Q_OS_UNIX
    // Plain POSIX calls: QFile's extra stat/buffering costs show at 10,000 files. The name in its
    // native bytes (NativePath: a name that is not UTF-8 still opens), O_NONBLOCK so that a FIFO
    // named like a revision file is an error instead of a read that waits forever.
    const QByteArray native = NativePath::encode(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT || err == ELOOP) {
            struct stat lst;
            const bool link = ::lstat(native.constData(), &lst) == 0 && S_ISLNK(lst.st_mode);
            return failure(fileError(QStringLiteral("revision-file-unreadable"),
                                     QStringLiteral("ImportError: Can't find Python file %1%2")
                                         .arg(path, link ? (err == ELOOP ? QStringLiteral(" (a loop of symbolic links)")
                                                                         : QStringLiteral(" (a symbolic link to nothing)"))
                                                         : QString()),
                                     path, 0, QStringLiteral("Remove the link or point it at the revision file.")));
        }
        return unreadable(NativePath::pythonOsError(err, path));
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return unreadable(NativePath::pythonOsError(err, path));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        if (S_ISDIR(st.st_mode))
            return failure(fileError(QStringLiteral("revision-file-unreadable"), NativePath::pythonOsError(EISDIR, path), path, 0,
                                     QStringLiteral("A folder whose name ends in .py is loaded as a revision file by Alembic: "
                                                    "rename it.")));
        return failure(fileError(QStringLiteral("revision-file-unreadable"),
                                 QStringLiteral("'%1' is not a regular file (%2): Alembic would wait forever reading it")
                                     .arg(path, S_ISFIFO(st.st_mode) ? QStringLiteral("a FIFO") : QStringLiteral("a socket or device")),
                                 path, 0, QStringLiteral("Remove it from the versions folder.")));
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (st.st_size > MaxFileSize) {
        ::close(fd);
        return failure(tooLarge(path, st.st_size));
    }
    QByteArray content(qsizetype(st.st_size), Qt::Uninitialized);
    qsizetype got = 0;
    while (true) {
        if (got == content.size()) {
            if (content.size() > MaxFileSize)
                break;
            content.resize(content.size() + 4096); // the file grew, or /proc-like size 0
        }
        const ssize_t n = ::read(fd, content.data() + got, size_t(content.size() - got));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            ::close(fd);
            return unreadable(NativePath::pythonOsError(err, path));
        }
        if (n == 0)
            break;
        got += n;
    }
    ::close(fd);
    content.truncate(got);
    return parse(content, path);
#else
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return unreadable(file.errorString());
    const qint64 size = file.size();
    if (size > MaxFileSize)
        return failure(tooLarge(path, size));
    return parse(file.readAll(), path);
#endif
}

} // namespace retort
