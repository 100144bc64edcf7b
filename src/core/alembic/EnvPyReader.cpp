#include "core/alembic/EnvPyReader.h"

#include "core/python/Lexer.h"
#include "core/python/Literal.h"
#include "core/python/SourceText.h"

#include <cstring>

namespace retort {

using py::Token;

EnvPyFacts EnvPyReader::read(const QByteArray& content)
{
    EnvPyFacts facts;
    const py::SourceText source = py::SourceText::decode(content);
    if (source.error())
        return facts;
    py::Lexer lexer(source.data(), source.size());
    lexer.setMaterializeAll(true);
    py::LogicalLine line;
    bool haveTable = false, haveSchema = false, haveTpm = false;
    const char* data = source.data();
    auto isOp = [&](const Token& t, char c) { return t.kind == Token::Kind::Op && t.end - t.start == 1 && data[t.start] == c; };
    while (lexer.next(line)) {
        const auto& tk = line.tokens;
        for (int i = 0; i + 1 < int(tk.size()); ++i) {
            if (!(lexer.textIs(tk[i], "configure") && isOp(tk[i + 1], '(')))
                continue;
            facts.hasConfigureCall = true;
            const int argDepth = tk[i + 1].depth + 1;
            int j = i + 2;
            while (j < int(tk.size()) && tk[j].depth >= argDepth) {
                // one argument: tokens until ',' or ')' at argDepth
                int k = j;
                while (k < int(tk.size()) && !(tk[k].depth == argDepth && isOp(tk[k], ',')) && tk[k].depth >= argDepth)
                    ++k;
                if (k - j >= 3 && tk[j].kind == Token::Kind::Name && isOp(tk[j + 1], '=')) {
                    const QByteArray name = lexer.text(tk[j].start, tk[j].end);
                    const py::EvalResult r = py::evaluateLiteral(data, tk, j + 2, k);
                    auto note = [&]() {
                        facts.unresolved.append(QStringLiteral("%1 = %2 (line %3)")
                                                    .arg(QString::fromUtf8(name),
                                                         QString::fromUtf8(lexer.text(tk[j + 2].start, tk[k - 1].end)).simplified())
                                                    .arg(tk[j].line));
                    };
                    if (name == "version_table" && !haveTable) {
                        if (r.status == py::EvalStatus::Ok && r.value.type == py::Value::Type::Str) {
                            facts.versionTable = r.value.text;
                            haveTable = true;
                        } else {
                            note();
                        }
                    } else if (name == "version_table_schema" && !haveSchema) {
                        if (r.status == py::EvalStatus::Ok && r.value.type == py::Value::Type::Str) {
                            facts.versionTableSchema = r.value.text;
                            haveSchema = true;
                        } else if (r.status == py::EvalStatus::Ok && r.value.type == py::Value::Type::None) {
                            haveSchema = true;
                        } else {
                            note();
                        }
                    } else if (name == "transaction_per_migration" && !haveTpm) {
                        if (r.status == py::EvalStatus::Ok && r.value.type == py::Value::Type::Bool) {
                            facts.transactionPerMigration = r.value.text == QLatin1String("True");
                            haveTpm = true;
                        } else {
                            note();
                        }
                    }
                }
                j = k + 1;
            }
            i = j - 1;
        }
    }
    return facts;
}

} // namespace retort
