// The one static Python reader (src/core/python): literal evaluation with folding, string
// decoding, names through a lookup, source decoding, and the statement view the doctor searches.
// Every expected value below is what CPython 3.11 evaluates (the revision parser's tests compare
// whole files with Python itself).

#include "core/python/Literal.h"
#include "core/python/PythonSource.h"
#include "core/python/SourceText.h"

#include <QHash>
#include <QTest>

using namespace retort;
using namespace retort::py;

namespace {

// A Python-like repr of a value ("'ab'", "('a', 'b')", "None"), or the status.
QString show(const EvalResult& r)
{
    if (r.status == EvalStatus::NotLiteral)
        return QStringLiteral("<not literal>");
    if (r.status == EvalStatus::SyntaxError)
        return QStringLiteral("<syntax error: %1>").arg(r.error);
    const std::function<QString(const Value&)> repr = [&](const Value& v) -> QString {
        switch (v.type) {
        case Value::Type::None: return QStringLiteral("None");
        case Value::Type::Str: return QLatin1Char('\'') + v.text + QLatin1Char('\'');
        case Value::Type::Bytes: return QStringLiteral("b'") + v.text + QLatin1Char('\'');
        case Value::Type::Number:
        case Value::Type::Bool: return v.text;
        case Value::Type::Tuple:
        case Value::Type::List: {
            QStringList items;
            for (const Value& item : v.items)
                items << repr(item);
            const bool tuple = v.type == Value::Type::Tuple;
            return (tuple ? QStringLiteral("(") : QStringLiteral("[")) + items.join(QStringLiteral(", "))
                   + (tuple && items.size() == 1 ? QStringLiteral(",") : QString()) + (tuple ? QStringLiteral(")") : QStringLiteral("]"));
        }
        }
        return {};
    };
    return repr(r.value);
}

} // namespace

class tst_PythonReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void literals_data();
    void literals();
    void namesComeFromTheLookup();
    void sourceTextDecodesLikePython();
    void statementsAreLogicalLinesWithoutComments();
    void maskedTextBlanksStringContents();
    void aSyntaxErrorKeepsTheStatementsBeforeIt();
    void literalStringFolds_data();
    void literalStringFolds();
};

void tst_PythonReader::literals_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("value");

    QTest::newRow("a sum of strings") << "'022b' + '78e3eaaf'" << "'022b78e3eaaf'";
    QTest::newRow("implicit concatenation binds before +") << "'a' 'b' + 'c'" << "'abc'";
    QTest::newRow("a sum in parentheses over lines") << "('a' +\n 'b'\n + 'c')" << "'abc'";
    QTest::newRow("a one-element tuple of a sum") << "('a' + 'b',)" << "('ab',)";
    QTest::newRow("a bare tuple of sums") << "'a' + 'b', 'c'" << "('ab', 'c')";
    QTest::newRow("tuples joined") << "('a',) + ('b', 'c')" << "('a', 'b', 'c')";
    QTest::newRow("lists joined") << "['a'] + []" << "['a']";
    QTest::newRow("bytes joined") << "b'a' + b'b'" << "b'ab'";
    QTest::newRow("an empty tuple") << "()" << "()";
    QTest::newRow("None, True and numbers") << "(None, True, 12)" << "(None, True, 12)";
    QTest::newRow("a fieldless f-string") << "f'x' + F\"y\"" << "'xy'";
    QTest::newRow("doubled braces in an f-string") << "f'{{a}}'" << "'{a}'";
    QTest::newRow("an escape that makes a brace") << "f'\\x7b'" << "'{'";
    QTest::newRow("a raw f-string keeps backslashes") << "rf'\\d{{'" << "'\\d{'";
    QTest::newRow("escapes in a sum") << "'\\x41' + '\\u00e9' + r'\\n'" << QStringLiteral("'A\u00e9\\n'");
    QTest::newRow("a name") << "cli.EXPAND_BRANCH" << "<not literal>";
    QTest::newRow("a string plus a number") << "'a' + 1" << "<not literal>";
    QTest::newRow("numbers added") << "1 + 2" << "<not literal>";
    QTest::newRow("str plus bytes") << "'a' + b'b'" << "<not literal>";
    QTest::newRow("a tuple plus a list") << "('a',) + ['b']" << "<not literal>";
    QTest::newRow("%-formatting") << "'%s' % 'a'" << "<not literal>";
    QTest::newRow("repetition") << "'a' * 2" << "<not literal>";
    QTest::newRow("a method call") << "'a'.upper()" << "<not literal>";
    QTest::newRow("a subscript after a sum") << "'a' + 'bc'[0]" << "<not literal>";
    QTest::newRow("a unary minus") << "-'a'" << "<not literal>";
    QTest::newRow("a dangling +") << "('a' +)" << "<not literal>";
    QTest::newRow("an f-string with a field") << "f'{x}'" << "<not literal>";
    QTest::newRow("a single brace in an f-string") << "f'a}'" << "<not literal>";
    QTest::newRow("a named escape") << "'\\N{BULLET}'" << "<not literal>";
    QTest::newRow("two expressions") << "'a'\n'b'" << "<not literal>";
    QTest::newRow("bytes and text mixed implicitly")
        << "'a' b'b'" << "<syntax error: cannot mix bytes and nonbytes literals>";
    QTest::newRow("an unterminated string") << "'abc" << "<syntax error: unterminated string literal (detected at line 1)>";
}

void tst_PythonReader::literals()
{
    QFETCH(QString, expression);
    QFETCH(QString, value);
    QCOMPARE(show(evaluateExpression(expression)), value);
}

void tst_PythonReader::namesComeFromTheLookup()
{
    const QHash<QString, QString> known{{QStringLiteral("cli.EXPAND_BRANCH"), QStringLiteral("expand")},
                                        {QStringLiteral("PARENT"), QStringLiteral("a1")}};
    const NameLookup lookup = [&](QStringView name) -> std::optional<QString> {
        const auto it = known.constFind(name.toString());
        return it == known.cend() ? std::nullopt : std::optional<QString>(*it);
    };
    QStringList unknown;
    EvalOptions options;
    options.names = &lookup;
    options.unknownNames = &unknown;
    QCOMPARE(show(evaluateExpression(QStringLiteral("(cli . EXPAND_BRANCH, PARENT + '2')"), options)),
             QStringLiteral("('expand', 'a12')"));
    QVERIFY(unknown.isEmpty());
    QCOMPARE(show(evaluateExpression(QStringLiteral("(cli.OTHER, x.y.z, make(), cli.OTHER, d[k])"), options)),
             QStringLiteral("<not literal>"));
    QCOMPARE(unknown, (QStringList{QStringLiteral("cli.OTHER"), QStringLiteral("x.y.z")})); // not calls, not subscripts
    // None / True / False are never looked up.
    QCOMPARE(show(evaluateExpression(QStringLiteral("None"), options)), QStringLiteral("None"));
}

void tst_PythonReader::sourceTextDecodesLikePython()
{
    const SourceText bom = SourceText::decode(QByteArray("\xEF\xBB\xBFx = 1\n"));
    QVERIFY(!bom.error());
    QVERIFY(bom.hadBom());
    QCOMPARE(QByteArray(bom.data(), bom.size()), QByteArray("x = 1\n"));

    const SourceText latin1 = SourceText::decode(QByteArray("# -*- coding: latin-1 -*-\nx = 'caf\xE9'\n"));
    QVERIFY(!latin1.error());
    QCOMPARE(QByteArray(latin1.data(), latin1.size()), QByteArray("# -*- coding: latin-1 -*-\nx = 'caf\xC3\xA9'\n"));

    const SourceText nul = SourceText::decode(QByteArray("x = 1\ny = 2\0\n", 13));
    QVERIFY(nul.error());
    QCOMPARE(nul.error()->line, 2);
    QVERIFY(nul.error()->encoding);

    QCOMPARE(SourceText::decode(QByteArray("# coding: klingon\n")).error()->message, QStringLiteral("unknown encoding: klingon"));
    QVERIFY(SourceText::decode(QByteArray("\xEF\xBB\xBF# coding: latin-1\n")).error());
}

void tst_PythonReader::statementsAreLogicalLinesWithoutComments()
{
    const PythonSource src = PythonSource::fromBytes(
        "import os  # a comment\r\n\r\ndef f(a,  # first\r\n      b):\r\n    return \\\r\n        a\r\nx = '''one\r\ntwo'''\r\n");
    QVERIFY(!src.error());
    const auto& st = src.statements();
    QCOMPARE(st.size(), 4);
    QCOMPARE(st.at(0).text, QStringLiteral("import os"));
    QCOMPARE(st.at(1).text, QStringLiteral("def f(a,  \n      b):")); // the comment goes, the spaces before it stay
    QCOMPARE(st.at(1).line, 3);
    QCOMPARE(st.at(1).lineAt(st.at(1).text.indexOf(QLatin1Char('b'))), 4);
    QCOMPARE(st.at(2).text, QStringLiteral("return  \n        a"));
    QCOMPARE(st.at(2).indent, 4);
    QCOMPARE(st.at(3).text, QStringLiteral("x = '''one\ntwo'''"));
    QCOMPARE(st.at(3).line, 7);
    QCOMPARE(src.topLevel().size(), 3);
    QVERIFY(src.function(QStringLiteral("f")));
}

void tst_PythonReader::maskedTextBlanksStringContents()
{
    const PythonSource src(QStringLiteral("call(\"context.configure(\" + f'{x}', r'\\d', '''\ncaf\u00e9 \U0001F600''')\n"));
    QCOMPARE(src.statements().size(), 1);
    const auto& st = src.statements().first();
    QCOMPARE(st.masked.size(), st.text.size());
    // one space per UTF-16 unit: "caf\u00e9 " is 5, the emoji 2
    QCOMPARE(st.masked, QStringLiteral("call(\"                  \" + f'   ', r'  ', '''\n       ''')"));
    QVERIFY(!st.masked.contains(QStringLiteral("configure")));
}

void tst_PythonReader::aSyntaxErrorKeepsTheStatementsBeforeIt()
{
    const PythonSource src = PythonSource::fromBytes("a = 1\nb = 'open\nc = 3\n");
    QCOMPARE(src.statements().size(), 1);
    QVERIFY(src.error());
    QCOMPARE(src.error()->line, 2);
}

void tst_PythonReader::literalStringFolds_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("literal");
    QTest::addColumn<QString>("value");
    QTest::newRow("a single-quoted string") << "'users'" << true << "users";
    QTest::newRow("a double-quoted string with an escaped quote") << "\"a\\\"b\"" << true << "a\"b";
    QTest::newRow("implicit concatenation in parentheses") << "(\"user\"\n 's')" << true << "users";
    QTest::newRow("a raw string keeps its backslashes") << "r'a\\d'" << true << "a\\d";
    QTest::newRow("a triple-quoted string") << "'''x'''" << true << "x";
    QTest::newRow("an f-string with a field is not a literal") << "f'{name}'" << false << "";
    QTest::newRow("a string followed by code is not a literal") << "'a'.upper()" << false << "";
    QTest::newRow("a sum of SQL pieces") << "'CREATE TABLE ' + \"users\"" << true << "CREATE TABLE users";
    QTest::newRow("bytes give their characters") << "b'x'" << true << "x";
    QTest::newRow("a tuple is not a string") << "('a', 'b')" << false << "";
    QTest::newRow("a name is not a string") << "TABLE" << false << "";
}

void tst_PythonReader::literalStringFolds()
{
    QFETCH(QString, expression);
    QFETCH(bool, literal);
    QFETCH(QString, value);
    const std::optional<QString> result = PythonSource::literalString(expression);
    QCOMPARE(result.has_value(), literal);
    if (literal)
        QCOMPARE(*result, value);
}

QTEST_GUILESS_MAIN(tst_PythonReader)
#include "tst_PythonReader.moc"
