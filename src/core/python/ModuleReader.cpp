#include "core/python/ModuleReader.h"

#include <algorithm>
#include <cstring>

namespace retort::py {

class ModuleReader::Reader
{
public:
    Reader(const ModuleReader& spec, const char* data, qsizetype size) : m_spec(spec), m_data(data), m_size(size)
    {
        m_facts.assignments.resize(spec.m_names.size());
        m_facts.mentioned.resize(spec.m_mentions.size());
        m_blockAssign.resize(spec.m_names.size());
    }

    ModuleFacts read()
    {
        run();
        if (m_compoundBlocks && !m_facts.error)
            scanBlocks();
        return std::move(m_facts);
    }

private:
    void run();
    void statement(const std::vector<Token>& tokens, int b, int e);
    void assignTargets(const std::vector<Token>& tokens, int b, int e, int valueBegin, int valueEnd);
    void set(int name, const std::vector<Token>& tokens, int valueBegin, int valueEnd, int line);
    void scanBlocks();

    int nameIndex(const Token& t) const
    {
        if (t.kind != Token::Kind::Name)
            return -1;
        for (int i = 0; i < m_spec.m_names.size(); ++i) {
            if (tokenIs(t, m_spec.m_names.at(i)))
                return i;
        }
        return -1;
    }
    bool tokenIs(const Token& t, QByteArrayView ascii) const
    {
        return t.end - t.start == ascii.size() && std::memcmp(m_data + t.start, ascii.data(), size_t(ascii.size())) == 0;
    }
    bool isOp(const Token& t, char c) const
    {
        return t.kind == Token::Kind::Op && t.end - t.start == 1 && m_data[t.start] == c;
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
                for (int i = 0; i < m_spec.m_mentions.size(); ++i) {
                    if (!m_facts.mentioned[i] && tokenIs(t, m_spec.m_mentions.at(i)))
                        m_facts.mentioned[i] = true;
                }
                m_facts.hiddenBindings = m_facts.hiddenBindings || tokenIs(t, "globals") || tokenIs(t, "exec")
                                         || tokenIs(t, "setattr") || tokenIs(t, "vars") || tokenIs(t, "__import__");
            } else if (fromImport && isOp(t, '*')) {
                m_facts.hiddenBindings = true; // from x import *
            }
        }
        // A def or class body binds no module name; any other block body might (the reader sees
        // only column-0 lines).
        if (opensBlock && !tokens.empty() && !isDefOrClass(tokens)) {
            m_facts.hiddenBindings = true;
            m_compoundBlocks = true;
        }
    }
    QString sourceText(const std::vector<Token>& tokens, int b, int e) const
    {
        if (b >= e)
            return {};
        QString s = QString::fromUtf8(m_data + tokens[size_t(b)].start, tokens[size_t(e - 1)].end - tokens[size_t(b)].start);
        s.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        s.replace(QLatin1Char('\r'), QLatin1Char('\n'));
        return s.trimmed();
    }
    void syntaxError(const QString& message, int line, bool encoding = false)
    {
        if (!m_facts.error)
            m_facts.error = SyntaxError{message, line, encoding};
    }
    bool failed() const { return m_facts.error.has_value(); }

    const ModuleReader& m_spec;
    const char* m_data;
    qsizetype m_size;
    ModuleFacts m_facts;
    bool m_firstStatement = true;
    bool m_compoundBlocks = false; // a module-level if/try/with/for/while block
    // Assignments to watched names inside such a block (the value depends on how the block
    // runs): the line and the statement's text, per name.
    QVector<QPair<int, QString>> m_blockAssign;
    std::vector<int> m_equals;
};

void ModuleReader::Reader::run()
{
    Lexer lexer(m_data, m_size);
    LogicalLine line;
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
            if (i == count || (tokens[size_t(i)].depth == 0 && isOp(tokens[size_t(i)], ';'))) {
                if (i > b)
                    statement(tokens, b, i);
                if (failed())
                    return;
                b = i + 1;
            }
        }
    }
    if (const auto& err = lexer.error()) {
        syntaxError(err->message, err->line, err->encoding);
        return;
    }
    if (previousOpensBlock)
        syntaxError(QStringLiteral("expected an indented block after line %1").arg(previousLine), previousLine);
}

void ModuleReader::Reader::statement(const std::vector<Token>& tokens, int b, int e)
{
    const bool first = m_firstStatement;
    m_firstStatement = false;

    // A statement made only of string literals (optionally parenthesised): the docstring when it
    // is the module's first statement; otherwise an expression Python evaluates and discards.
    // (`"a" + "b"` and f-strings are expressions, never the docstring: __doc__ stays None.)
    bool onlyStrings = true;
    bool anyString = false;
    for (int i = b; i < e && onlyStrings; ++i) {
        const Token& t = tokens[size_t(i)];
        if (t.kind == Token::Kind::String)
            anyString = true;
        else if (!isOp(t, '(') && !isOp(t, ')'))
            onlyStrings = false;
    }
    if (onlyStrings && anyString) {
        EvalOptions options;
        options.keepNamedEscapes = true; // display text only, never an id
        options.formatStrings = false;
        const EvalResult r = evaluateLiteral(m_data, tokens, b, e, options);
        if (r.status == EvalStatus::SyntaxError) {
            syntaxError(r.error, r.errorLine);
            return;
        }
        if (r.status == EvalStatus::Ok && r.value.type == Value::Type::Str) {
            const QString stripped = r.value.text.trimmed();
            if (first)
                m_facts.docstring = stripped;
            if (!m_facts.firstString)
                m_facts.firstString = stripped;
        }
        return;
    }

    // Top-level '=' tokens: `a = b = value` binds a and b.
    std::vector<int>& equals = m_equals;
    equals.clear();
    for (int i = b; i < e; ++i) {
        const Token& t = tokens[size_t(i)];
        if (t.depth == 0 && isOp(t, '='))
            equals.push_back(i);
    }
    const int firstName = nameIndex(tokens[size_t(b)]);
    if (equals.empty()) {
        // Augmented assignment (`revision += "x"`): the value depends on the previous one.
        if (firstName >= 0 && b + 1 < e && tokens[size_t(b + 1)].kind == Token::Kind::Op && tokens[size_t(b + 1)].depth == 0) {
            const Token& opToken = tokens[size_t(b + 1)];
            const QByteArrayView op(m_data + opToken.start, opToken.end - opToken.start);
            if (op.size() >= 2 && op.endsWith('=') && op != "==" && op != "!=" && op != "<=" && op != ">=" && op != ":=") {
                Assignment& a = m_facts.assignments[firstName];
                a = Assignment{};
                a.assigned = true;
                a.form = Assignment::Form::Opaque;
                a.line = tokens[size_t(b)].line;
                a.expression = sourceText(tokens, b, e);
            }
        }
        return;
    }
    const int valueBegin = equals.back() + 1;
    if (valueBegin >= e) {
        syntaxError(QStringLiteral("invalid syntax"), tokens[size_t(equals.back())].line);
        return;
    }
    // An annotated assignment has one target: `name: T = x = value` does not compile.
    if (equals.size() > 1) {
        for (int i = b; i < equals.front(); ++i) {
            if (tokens[size_t(i)].depth == 0 && isOp(tokens[size_t(i)], ':')) {
                syntaxError(QStringLiteral("invalid syntax"), tokens[size_t(equals[1])].line);
                return;
            }
        }
    }
    int segStart = b;
    for (int eq : equals) {
        assignTargets(tokens, segStart, eq, valueBegin, e);
        if (failed())
            return;
        segStart = eq + 1;
    }
}

void ModuleReader::Reader::assignTargets(const std::vector<Token>& tokens, int b, int e, int valueBegin, int valueEnd)
{
    if (b >= e)
        return;
    const int name = nameIndex(tokens[size_t(b)]);
    // `name = value` or the annotated `name: annotation = value`
    if (name >= 0 && (e == b + 1 || (tokens[size_t(b + 1)].depth == 0 && isOp(tokens[size_t(b + 1)], ':')))) {
        set(name, tokens, valueBegin, valueEnd, tokens[size_t(b)].line);
        return;
    }
    // A tuple/list target: `revision, down_revision = "a", None`
    int s = b, t = e;
    if (t - s >= 2 && (isOp(tokens[size_t(s)], '(') || isOp(tokens[size_t(s)], '['))) {
        ++s;
        --t;
    }
    // Attribute and subscript targets (`ctx.revision = ...`, `d[revision] = ...`) bind no module name.
    for (int i = b; i < e; ++i) {
        const Token& tk = tokens[size_t(i)];
        if (tk.kind != Token::Kind::Op || tk.end - tk.start != 1)
            continue;
        const char c = m_data[tk.start];
        if (c == '.')
            return;
        if ((c == '[' || c == '(') && i > b) {
            const Token& prev = tokens[size_t(i - 1)];
            const bool afterOperand = prev.kind == Token::Kind::Name || prev.kind == Token::Kind::String
                                      || isOp(prev, ')') || isOp(prev, ']');
            if (afterOperand)
                return;
        }
    }
    QVector<int> names; // watched-name index per element, -1 for other names
    bool plainNames = true;
    bool expectName = true;
    for (int i = s; i < t; ++i) {
        const Token& tk = tokens[size_t(i)];
        if (expectName && tk.kind == Token::Kind::Name) {
            names.append(nameIndex(tk));
            expectName = false;
        } else if (!expectName && isOp(tk, ',')) {
            expectName = true;
        } else {
            plainNames = false;
            // still notice watched names among the targets (starred, nested...)
            if (tk.kind == Token::Kind::Name && nameIndex(tk) >= 0)
                names.append(nameIndex(tk));
        }
    }
    if (std::none_of(names.cbegin(), names.cend(), [](int n) { return n >= 0; }))
        return;
    const EvalResult r = evaluateLiteral(m_data, tokens, valueBegin, valueEnd);
    if (r.status == EvalStatus::SyntaxError) {
        syntaxError(r.error, r.errorLine);
        return;
    }
    const bool sequence = r.status == EvalStatus::Ok && (r.value.type == Value::Type::Tuple || r.value.type == Value::Type::List);
    const bool matches = plainNames && sequence && r.value.items.size() == names.size();
    for (int i = 0; i < names.size(); ++i) {
        if (names[i] < 0)
            continue;
        Assignment& a = m_facts.assignments[names[i]];
        a = Assignment{};
        a.assigned = true;
        a.line = tokens[size_t(b)].line;
        if (matches) {
            a.resolved = true;
            a.value = r.value.items[i];
        } else {
            a.expression = sourceText(tokens, valueBegin, valueEnd);
            a.form = plainNames ? Assignment::Form::Element : Assignment::Form::Opaque;
        }
    }
}

void ModuleReader::Reader::set(int name, const std::vector<Token>& tokens, int valueBegin, int valueEnd, int line)
{
    Assignment& a = m_facts.assignments[name];
    a = Assignment{};
    a.assigned = true;
    a.line = line;
    const EvalResult r = evaluateLiteral(m_data, tokens, valueBegin, valueEnd);
    if (r.status == EvalStatus::SyntaxError) {
        a.assigned = false; // the syntax error is the problem; no value to report
        syntaxError(r.error, r.errorLine);
        return;
    }
    if (r.status == EvalStatus::Ok) {
        a.resolved = true;
        a.value = r.value;
    } else {
        a.expression = sourceText(tokens, valueBegin, valueEnd);
    }
}

void ModuleReader::Reader::scanBlocks()
{
    Lexer lexer(m_data, m_size);
    lexer.setMaterializeAll(true);
    LogicalLine line;
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
                if (t.depth == 0 && isOp(t, '='))
                    equals = i;
            }
            for (int i = 0; i < equals; ++i) {
                const int name = nameIndex(tokens[size_t(i)]);
                if (name >= 0) // the last one counts
                    m_blockAssign[name] = {line.firstLine, sourceText(tokens, 0, int(tokens.size()))};
            }
        }
        if (line.endsWithColon)
            open.push_back({line.indent, !isDefOrClass(tokens) && !isDeadIf(tokens)});
    }
    // A name assigned inside a block has a value only running the module tells.
    for (int i = 0; i < m_blockAssign.size(); ++i) {
        const auto& [blockLine, text] = m_blockAssign.at(i);
        Assignment& a = m_facts.assignments[i];
        if (blockLine == 0 || (a.assigned && a.line > blockLine))
            continue; // none, or a module-level assignment after the block decides
        a = Assignment{};
        a.assigned = true;
        a.line = blockLine;
        a.form = Assignment::Form::Opaque;
        a.expression = QStringLiteral("%1 (inside a module-level block)").arg(text);
    }
}

ModuleReader::ModuleReader(QList<QByteArray> names, QList<QByteArray> mentions)
    : m_names(std::move(names)), m_mentions(std::move(mentions))
{
}

ModuleFacts ModuleReader::read(const char* data, qsizetype size) const
{
    return Reader(*this, data, size).read();
}

} // namespace retort::py
