#include "core/alembic/RevisionFileParser.h"

#include "core/alembic/PyLexer.h"
#include "core/common/NativePath.h"

#include <QFile>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>
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

using py::Token;

enum NameIndex { Revision = 0, DownRevision, BranchLabels, DependsOn, NameCount };

const std::array<const char*, NameCount> kNames = {"revision", "down_revision", "branch_labels", "depends_on"};

struct Assignment
{
    bool assigned = false;
    bool resolved = false;
    py::Value value;
    QString expression;
    int line = 0;
};

int lineOfOffset(const char* data, qsizetype offset)
{
    int line = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        if (data[i] == '\n')
            ++line;
        else if (data[i] == '\r' && !(i + 1 < offset && data[i + 1] == '\n'))
            ++line;
    }
    return line;
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

class Parser
{
public:
    Parser(const char* data, qsizetype size, RevisionFile& out) : m_data(data), m_size(size), m_out(out) {}

    void run();
    void finish();

private:
    void statement(const std::vector<Token>& tokens, int b, int e);
    void assignTargets(const std::vector<Token>& tokens, int b, int e, int valueBegin, int valueEnd);
    void set(int name, const std::vector<Token>& tokens, int valueBegin, int valueEnd, int line,
             const py::EvalResult* shared = nullptr, int tupleIndex = -1);
    int nameIndex(const Token& t) const;
    bool tokenIs(const Token& t, const char* ascii) const
    {
        const auto length = qsizetype(std::strlen(ascii));
        return t.end - t.start == length && std::memcmp(m_data + t.start, ascii, size_t(length)) == 0;
    }
    // `if False:`, `if 0:`, `if TYPE_CHECKING:` / `if typing.TYPE_CHECKING:` (False at run time).
    bool isDeadIf(const std::vector<Token>& tokens) const
    {
        if (tokens.size() < 3 || !tokenIs(tokens.front(), "if"))
            return false;
        const auto n = tokens.size();
        if (n == 3)
            return tokenIs(tokens[1], "False") || tokenIs(tokens[1], "0") || tokenIs(tokens[1], "TYPE_CHECKING");
        return n == 5 && tokenIs(tokens[1], "typing") && tokenIs(tokens[2], ".") && tokenIs(tokens[3], "TYPE_CHECKING");
    }
    bool isDefOrClass(const std::vector<Token>& tokens) const
    {
        return tokenIs(tokens.front(), "def") || tokenIs(tokens.front(), "class")
               || (tokenIs(tokens.front(), "async") && tokens.size() > 1 && tokenIs(tokens[1], "def"));
    }
    void noteModuleNames(const std::vector<Token>& tokens, bool opensBlock)
    {
        const bool fromImport = !tokens.empty() && tokenIs(tokens.front(), "from");
        for (const Token& t : tokens) {
            if (t.kind == Token::Kind::Name) {
                m_mentionsUpgrade = m_mentionsUpgrade || tokenIs(t, "upgrade");
                m_mentionsDowngrade = m_mentionsDowngrade || tokenIs(t, "downgrade");
                m_hiddenBindings = m_hiddenBindings || tokenIs(t, "globals") || tokenIs(t, "exec") || tokenIs(t, "setattr")
                                   || tokenIs(t, "vars") || tokenIs(t, "__import__");
            } else if (fromImport && t.kind == Token::Kind::Op && tokenIs(t, "*")) {
                m_hiddenBindings = true; // from x import *
            }
        }
        // A def or class body binds no module name; any other block body might (the parser reads
        // only column-0 lines).
        if (opensBlock && !tokens.empty() && !isDefOrClass(tokens)) {
            m_hiddenBindings = true;
            m_compoundBlocks = true;
        }
    }
    QString sourceText(const std::vector<Token>& tokens, int b, int e) const;
    void docHeaders(const QString& doc, bool isDocstring);
    void syntaxError(const QString& message, int line, bool encoding = false)
    {
        if (!m_failed)
            m_out.problems.append(fileError(encoding ? QStringLiteral("revision-file-encoding") : QStringLiteral("revision-file-syntax"),
                                            message, m_out.path, line,
                                            encoding ? QStringLiteral("Save the file as UTF-8, or declare its encoding with a "
                                                                      "`# -*- coding: ... -*-` line.")
                                                     : syntaxHint()));
        m_failed = true;
    }

    const char* m_data;
    qsizetype m_size;
    RevisionFile& m_out;
    std::array<Assignment, NameCount> m_assign;
    bool m_firstStatement = true;
    bool m_headersRead = false;
    // Module-level mentions of `upgrade` / `downgrade` (a def, an assignment, an import), and
    // whether the module may bind names the parser cannot see: a module-level block
    // (if/try/with/for/while), `from x import *`, globals()/exec()/setattr().
    bool m_mentionsUpgrade = false;
    bool m_mentionsDowngrade = false;
    bool m_hiddenBindings = false;
    bool m_compoundBlocks = false; // a module-level if/try/with/for/while block
    // Assignments to our names inside such a block (its value depends on how the block runs):
    // the line and the statement's text, per name.
    std::array<QPair<int, QString>, NameCount> m_blockAssign{};

public:
    // Re-reads the file with every line materialised to find assignments to our names inside
    // module-level blocks (rare files only: run when run() saw such a block).
    void scanBlocks();
    [[nodiscard]] bool sawCompoundBlocks() const { return m_compoundBlocks && !m_failed; }

private:
    bool m_failed = false;
    std::vector<int> m_equals;
};

int Parser::nameIndex(const Token& t) const
{
    if (t.kind != Token::Kind::Name)
        return -1;
    const int length = t.end - t.start;
    for (int i = 0; i < NameCount; ++i) {
        if (int(std::strlen(kNames[size_t(i)])) == length && std::memcmp(m_data + t.start, kNames[size_t(i)], size_t(length)) == 0)
            return i;
    }
    return -1;
}

QString Parser::sourceText(const std::vector<Token>& tokens, int b, int e) const
{
    if (b >= e)
        return {};
    QString s = QString::fromUtf8(m_data + tokens[b].start, tokens[e - 1].end - tokens[b].start);
    s.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    s.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return s.trimmed();
}

void Parser::run()
{
    py::Lexer lexer(m_data, m_size);
    py::LogicalLine line;
    bool havePrevious = false;
    bool previousIndented = false;
    bool previousOpensBlock = false;
    int previousLine = 0;
    while (lexer.next(line)) {
        // Enough of Python's indentation rules to reject what the compiler rejects at module level.
        if (line.indent > 0 && !(havePrevious && (previousOpensBlock || previousIndented))) {
            syntaxError(QStringLiteral("unexpected indent"), line.firstLine);
            return;
        }
        if (line.indent == 0 && previousOpensBlock) {
            syntaxError(QStringLiteral("expected an indented block after line %1").arg(previousLine), line.firstLine);
            return;
        }
        havePrevious = true;
        previousIndented = line.indent > 0;
        previousOpensBlock = line.endsWithColon;
        previousLine = line.firstLine;
        if (!line.materialized)
            continue;
        const auto& tokens = line.tokens;
        noteModuleNames(tokens, line.endsWithColon);
        // Split the logical line into simple statements at top-level ';'.
        int b = 0;
        const int count = int(tokens.size());
        for (int i = 0; i <= count; ++i) {
            if (i == count
                || (tokens[i].kind == Token::Kind::Op && tokens[i].depth == 0 && tokens[i].end - tokens[i].start == 1
                    && m_data[tokens[i].start] == ';')) {
                if (i > b)
                    statement(tokens, b, i);
                if (m_failed)
                    return;
                b = i + 1;
            }
        }
    }
    if (const auto& err = lexer.error()) {
        syntaxError(err->message, err->line, err->encoding);
        return;
    }
    if (previousOpensBlock) {
        syntaxError(QStringLiteral("expected an indented block after line %1").arg(previousLine), previousLine);
        return;
    }
}

void Parser::statement(const std::vector<Token>& tokens, int b, int e)
{
    const bool first = m_firstStatement;
    m_firstStatement = false;

    // A statement made only of string literals (optionally parenthesised): the docstring when it
    // is the module's first statement; otherwise an expression Python evaluates and discards.
    bool onlyStrings = true;
    bool anyPlainString = false;
    for (int i = b; i < e && onlyStrings; ++i) {
        const Token& t = tokens[i];
        if (t.kind == Token::Kind::String)
            anyPlainString = true;
        else if (!(t.kind == Token::Kind::Op && (m_data[t.start] == '(' || m_data[t.start] == ')') && t.end - t.start == 1))
            onlyStrings = false;
    }
    if (onlyStrings && anyPlainString) {
        // \N{...} escapes stay verbatim: display text only, never an id.
        const py::EvalResult r = py::evaluateLiteral(m_data, tokens, b, e, true);
        if (r.status == py::EvalStatus::SyntaxError) {
            syntaxError(r.error, r.errorLine);
            return;
        }
        if (r.status == py::EvalStatus::Ok && r.value.type == py::Value::Type::Str) {
            const QString stripped = r.value.text.trimmed();
            if (first) {
                m_out.docstring = stripped;
                const qsizetype at = stripped.indexOf(QStringLiteral("\n\n"));
                m_out.message = at < 0 ? stripped : stripped.left(at);
            }
            if (!m_headersRead) {
                m_headersRead = true;
                docHeaders(stripped, first);
            }
        }
        return;
    }

    // Find top-level '=' (assignment) tokens.
    std::vector<int>& equals = m_equals;
    equals.clear();
    for (int i = b; i < e; ++i) {
        const Token& t = tokens[i];
        if (t.kind == Token::Kind::Op && t.depth == 0 && t.end - t.start == 1 && m_data[t.start] == '=')
            equals.push_back(i);
    }
    const int firstName = nameIndex(tokens[b]);
    if (equals.empty()) {
        // Augmented assignment (`revision += "x"`): the value depends on the previous one.
        if (firstName >= 0 && b + 1 < e && tokens[b + 1].kind == Token::Kind::Op && tokens[b + 1].depth == 0) {
            const QByteArray op(m_data + tokens[b + 1].start, tokens[b + 1].end - tokens[b + 1].start);
            if (op.size() >= 2 && op.endsWith('=') && op != "==" && op != "!=" && op != "<=" && op != ">=" && op != ":=") {
                Assignment& a = m_assign[size_t(firstName)];
                a = Assignment{};
                a.assigned = true;
                a.line = tokens[b].line;
                a.expression = sourceText(tokens, b, e);
            }
        }
        return;
    }
    const int valueBegin = equals.back() + 1;
    if (valueBegin >= e) {
        syntaxError(QStringLiteral("invalid syntax"), tokens[equals.back()].line);
        return;
    }
    int segStart = b;
    for (int eq : equals) {
        assignTargets(tokens, segStart, eq, valueBegin, e);
        if (m_failed)
            return;
        segStart = eq + 1;
    }
}

void Parser::assignTargets(const std::vector<Token>& tokens, int b, int e, int valueBegin, int valueEnd)
{
    if (b >= e)
        return;
    const int name = nameIndex(tokens[b]);
    // `name = value` or the annotated `name: annotation = value`
    if (name >= 0 && (e == b + 1 || (tokens[b + 1].kind == Token::Kind::Op && tokens[b + 1].depth == 0
                                      && tokens[b + 1].end - tokens[b + 1].start == 1 && m_data[tokens[b + 1].start] == ':'))) {
        set(name, tokens, valueBegin, valueEnd, tokens[b].line);
        return;
    }
    // A tuple/list target: `revision, down_revision = "a", None`
    int s = b, t = e;
    if (t - s >= 2 && tokens[s].kind == Token::Kind::Op && (m_data[tokens[s].start] == '(' || m_data[tokens[s].start] == '[')) {
        ++s;
        --t;
    }
    // Attribute and subscript targets (`ctx.revision = ...`, `d[revision] = ...`) bind no module name.
    for (int i = b; i < e; ++i) {
        const Token& tk = tokens[i];
        if (tk.kind != Token::Kind::Op || tk.end - tk.start != 1)
            continue;
        const char c = m_data[tk.start];
        if (c == '.')
            return;
        if ((c == '[' || c == '(') && i > b) {
            const Token& prev = tokens[i - 1];
            const bool afterOperand = prev.kind == Token::Kind::Name || prev.kind == Token::Kind::String
                                      || (prev.kind == Token::Kind::Op && prev.end - prev.start == 1
                                          && (m_data[prev.start] == ')' || m_data[prev.start] == ']'));
            if (afterOperand)
                return;
        }
    }
    QVector<int> names; // name index per element, -1 for other names
    bool plainNames = true;
    bool expectName = true;
    for (int i = s; i < t; ++i) {
        const Token& tk = tokens[i];
        if (expectName && tk.kind == Token::Kind::Name) {
            names.append(nameIndex(tk));
            expectName = false;
        } else if (!expectName && tk.kind == Token::Kind::Op && m_data[tk.start] == ',' && tk.end - tk.start == 1) {
            expectName = true;
        } else {
            plainNames = false;
            // still notice our names among the targets (starred, nested...)
            if (tk.kind == Token::Kind::Name && nameIndex(tk) >= 0)
                names.append(nameIndex(tk));
        }
    }
    bool touchesOurs = false;
    for (int n : names)
        touchesOurs = touchesOurs || n >= 0;
    if (!touchesOurs)
        return;
    const py::EvalResult r = py::evaluateLiteral(m_data, tokens, valueBegin, valueEnd);
    if (r.status == py::EvalStatus::SyntaxError) {
        syntaxError(r.error, r.errorLine);
        return;
    }
    const bool sequence = r.status == py::EvalStatus::Ok
                          && (r.value.type == py::Value::Type::Tuple || r.value.type == py::Value::Type::List);
    const bool matches = plainNames && sequence && r.value.items.size() == names.size();
    for (int i = 0; i < names.size(); ++i) {
        if (names[i] < 0)
            continue;
        if (matches) {
            set(names[i], tokens, valueBegin, valueEnd, tokens[b].line, &r, i);
        } else {
            Assignment& a = m_assign[size_t(names[i])];
            a = Assignment{};
            a.assigned = true;
            a.line = tokens[b].line;
            a.expression = sourceText(tokens, valueBegin, valueEnd);
        }
    }
}

void Parser::set(int name, const std::vector<Token>& tokens, int valueBegin, int valueEnd, int line,
                 const py::EvalResult* shared, int tupleIndex)
{
    Assignment& a = m_assign[size_t(name)];
    a = Assignment{};
    a.assigned = true;
    a.line = line;
    if (shared) {
        a.resolved = true;
        a.value = shared->value.items[tupleIndex];
        return;
    }
    const py::EvalResult r = py::evaluateLiteral(m_data, tokens, valueBegin, valueEnd);
    if (r.status == py::EvalStatus::SyntaxError) {
        a.assigned = false; // the syntax error is the problem; no value to report
        syntaxError(r.error, r.errorLine);
        return;
    }
    if (r.status == py::EvalStatus::Ok) {
        a.resolved = true;
        a.value = r.value;
    } else {
        a.expression = sourceText(tokens, valueBegin, valueEnd);
    }
}

// The "Revises:" header is read from the first string statement even when it is not the
// docstring (the doctor compares it with down_revision); the Create Date only from a real
// docstring, as Alembic takes it from `__doc__` (None when imports come first).
void Parser::docHeaders(const QString& doc, bool isDocstring)
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
            m_out.hasRevisesHeader = true;
            for (const QStringView id : l.sliced(8).split(QLatin1Char(','))) {
                const QStringView t = id.trimmed();
                if (!t.isEmpty())
                    m_out.revisesHeader.append(t.toString());
            }
        } else if (!created && l.startsWith(QLatin1String("Create Date:"))) {
            created = true;
            if (isDocstring)
                m_out.createDate = l.sliced(12).trimmed().toString();
        }
    }
}

void Parser::scanBlocks()
{
    py::Lexer lexer(m_data, m_size);
    lexer.setMaterializeAll(true);
    py::LogicalLine line;
    struct Open
    {
        int indent;
        bool bindsModuleNames; // an if/try/with/for/while body; not a def or class body
    };
    std::vector<Open> open;
    while (lexer.next(line)) {
        while (!open.empty() && open.back().indent >= line.indent)
            open.pop_back();
        const auto& tokens = line.tokens;
        if (tokens.empty())
            continue;
        const bool inModuleBlock = !open.empty() && std::all_of(open.cbegin(), open.cend(), [](const Open& o) {
            return o.bindsModuleNames;
        });
        if (inModuleBlock) {
            // Targets before the first top-level '=' (`name = v`, `name: T = v`, `a, name = ...`).
            int equals = -1;
            for (int i = 0; i < int(tokens.size()) && equals < 0; ++i) {
                const Token& t = tokens[size_t(i)];
                if (t.kind == Token::Kind::Op && t.depth == 0 && tokenIs(t, "="))
                    equals = i;
            }
            for (int i = 0; i < equals; ++i) {
                const int name = nameIndex(tokens[size_t(i)]);
                if (name >= 0) // the last one counts
                    m_blockAssign[size_t(name)] = {line.firstLine, sourceText(tokens, 0, int(tokens.size()))};
            }
        }
        if (line.endsWithColon)
            open.push_back({line.indent, !isDefOrClass(tokens) && !isDeadIf(tokens)});
    }
    // A name assigned inside a block has a value only running the module tells: unresolved, so
    // retort-cli asks Alembic and the window flags the revision instead of guessing.
    for (int i = 0; i < NameCount; ++i) {
        const auto& [blockLine, text] = m_blockAssign[size_t(i)];
        Assignment& a = m_assign[size_t(i)];
        if (blockLine == 0 || (a.assigned && a.line > blockLine))
            continue; // none, or a module-level assignment after the block decides
        a = Assignment{};
        a.assigned = true;
        a.line = blockLine;
        a.expression = QStringLiteral("%1 (inside a module-level block)").arg(text);
    }
}

void Parser::finish()
{
    const QString& path = m_out.path;
    auto badValue = [&](int name, const QString& what) {
        m_out.problems.append(fileError(
            QStringLiteral("revision-file-bad-value"),
            QStringLiteral("`%1` is %2; Alembic expects %3")
                .arg(QLatin1String(kNames[size_t(name)]), what,
                     name == Revision ? QStringLiteral("a string") : QStringLiteral("None, a string, or a tuple/list of strings")),
            path, m_assign[size_t(name)].line,
            QStringLiteral("Write the value as a string literal (or a tuple of them).")));
    };
    auto toList = [&](int name, QStringList* out) {
        const Assignment& a = m_assign[size_t(name)];
        const py::Value& v = a.value;
        switch (v.type) {
        case py::Value::Type::None: return;
        case py::Value::Type::Str: out->append(v.text); return;
        case py::Value::Type::Tuple:
        case py::Value::Type::List:
            for (const py::Value& item : v.items) {
                if (item.type != py::Value::Type::Str) {
                    badValue(name, QStringLiteral("a sequence holding %1").arg(describe(item)));
                    out->clear();
                    return;
                }
                out->append(item.text);
            }
            return;
        default: badValue(name, describe(v)); return;
        }
    };

    for (int i = 0; i < NameCount; ++i) {
        const Assignment& a = m_assign[size_t(i)];
        if (!a.assigned)
            continue;
        switch (i) {
        case Revision: m_out.revisionLine = a.line; break;
        case DownRevision: m_out.downRevisionLine = a.line; m_out.hasDownRevision = true; break;
        case BranchLabels: m_out.branchLabelsLine = a.line; break;
        case DependsOn: m_out.dependsOnLine = a.line; break;
        }
        if (!a.resolved) {
            m_out.unresolved.append(UnresolvedValue{QLatin1String(kNames[size_t(i)]), a.expression, a.line});
            continue;
        }
        switch (i) {
        case Revision:
            if (a.value.type == py::Value::Type::Str)
                m_out.revision = a.value.text;
            else
                badValue(i, describe(a.value));
            if (a.value.type == py::Value::Type::Str && a.value.text.isEmpty())
                badValue(i, QStringLiteral("an empty string"));
            break;
        case DownRevision:
            // Alembic's tuple_rev_as_scalar: an empty value ("", (), []) is None, a base.
            if (!(a.value.type == py::Value::Type::Str && a.value.text.isEmpty()))
                toList(i, &m_out.downRevisions);
            break;
        case BranchLabels: toList(i, &m_out.branchLabels); break;
        case DependsOn:
            toList(i, &m_out.dependsOn);
            // to_tuple("") is ("",), which tuple_rev_as_scalar makes "": no dependency to resolve.
            if (m_out.dependsOn.size() == 1 && m_out.dependsOn.first().isEmpty()) {
                m_out.dependsOn.clear();
                m_out.emptyDependsOn = true;
            }
            break;
        }
    }
    m_out.lacksUpgrade = !m_failed && !m_hiddenBindings && !m_mentionsUpgrade;
    m_out.lacksDowngrade = !m_failed && !m_hiddenBindings && !m_mentionsDowngrade;

    if (m_failed)
        return; // the syntax error is the file's problem; what follows it was never read

    if (!m_assign[Revision].assigned) {
        // Alembic's legacy rule: a file named <hex>.py without `revision` uses its name.
        static const QRegularExpression legacy(QStringLiteral("^[a-f0-9]+\\.py$"));
        if (legacy.match(m_out.fileName).hasMatch()) {
            m_out.revision = m_out.fileName.chopped(3);
        } else {
            m_out.problems.append(fileError(
                QStringLiteral("revision-file-no-revision"),
                QStringLiteral("no module-level `revision` variable (Alembic: \"Could not determine revision id from filename %1\")")
                    .arg(m_out.fileName),
                path, 1,
                QStringLiteral("Add `revision = \"<id>\"` at the top level of the file, or move the file out of the "
                               "versions folder.")));
        }
    }
    if (!m_assign[DownRevision].assigned && (m_assign[Revision].assigned || !m_out.revision.isEmpty())) {
        m_out.problems.append(fileError(
            QStringLiteral("revision-file-no-down-revision"),
            QStringLiteral("no module-level `down_revision` variable (Alembic fails with AttributeError)"), path,
            m_out.revisionLine > 0 ? m_out.revisionLine : 1,
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

    const char* data = content.constData();
    qsizetype size = content.size();
    const bool bom = size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0;
    if (bom) {
        data += 3;
        size -= 3;
    }
    if (const void* nul = std::memchr(data, 0, size_t(size))) {
        const qsizetype at = static_cast<const char*>(nul) - data;
        out.problems.append(fileError(QStringLiteral("revision-file-encoding"),
                                      QStringLiteral("source code cannot contain null bytes (binary file?)"), path,
                                      lineOfOffset(data, at), syntaxHint()));
        return out;
    }

    QByteArray converted;
    const QString cookie = py::codingCookie(data, size);
    if (!cookie.isEmpty() && cookie != QLatin1String("utf-8")) {
        if (bom) {
            out.problems.append(fileError(QStringLiteral("revision-file-encoding"),
                                          QStringLiteral("encoding problem: %1 with BOM").arg(cookie), path, 1, syntaxHint()));
            return out;
        }
        QStringDecoder decoder(cookie.toLatin1().constData());
        if (!decoder.isValid()) {
            out.problems.append(fileError(QStringLiteral("revision-file-encoding"),
                                          QStringLiteral("unknown encoding: %1").arg(cookie), path, 1, syntaxHint()));
            return out;
        }
        const QString text = decoder.decode(QByteArrayView(data, size));
        if (decoder.hasError()) {
            out.problems.append(fileError(QStringLiteral("revision-file-encoding"),
                                          QStringLiteral("file is not valid %1 (declared by its coding line)").arg(cookie),
                                          path, 1, syntaxHint()));
            return out;
        }
        converted = text.toUtf8();
        data = converted.constData();
        size = converted.size();
    }
    // UTF-8 itself is checked by the lexer in code and strings only: Python's import accepts any
    // bytes inside comments (a latin-1 comment in a UTF-8 file loads fine in Alembic).

    Parser parser(data, size, out);
    parser.run();
    if (parser.sawCompoundBlocks())
        parser.scanBlocks();
    parser.finish();
    return out;
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
