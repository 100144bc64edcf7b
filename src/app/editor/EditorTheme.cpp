#include "app/editor/EditorTheme.h"

#include "app/graph/GraphPalette.h"

#include "app/editor/Qsci.h"

#include <QFontDatabase>
#include <QPalette>

namespace retort::app::EditorTheme {

void setUpReadOnlyEditor(QsciScintilla* editor)
{
    editor->setReadOnly(true);
    editor->setUtf8(true);
    editor->setMarginType(0, QsciScintilla::NumberMargin);
    editor->setMarginWidth(0, QStringLiteral("00000"));
    editor->setMarginLineNumbers(0, true);
    editor->setWrapMode(QsciScintilla::WrapNone);
    editor->setCaretLineVisible(false);
    editor->setTabWidth(4);
    editor->setIndentationGuides(false);
    editor->setBraceMatching(QsciScintilla::NoBraceMatch);
    editor->setEolMode(QsciScintilla::EolUnix);
    editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTHTRACKING, 1);
    editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTH, 1);
}

void applyPalette(QsciScintilla* editor, QsciLexer* lexer, const QPalette& palette)
{
    const bool dark = GraphPalette::isDark(palette);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(qMax(9.0, font.pointSizeF()));
    const QColor paper = palette.color(QPalette::Base);
    const QColor ink = palette.color(QPalette::Text);
    if (lexer) {
        lexer->setDefaultFont(font);
        lexer->setFont(font, -1);
        lexer->setDefaultPaper(paper);
        lexer->setPaper(paper, -1);
        lexer->setDefaultColor(ink);
        if (dark) {
            // Default lexer colours are made for white paper; lift them for dark backgrounds.
            for (int style = 0; style < 128; ++style) {
                if (lexer->description(style).isEmpty())
                    continue;
                QColor c = lexer->color(style);
                if (c.lightness() < 110)
                    c = c.lightness() < 30 ? ink : QColor::fromHsl(c.hslHue(), qMin(200, c.hslSaturation()), 175);
                lexer->setColor(c, style);
            }
        }
        if (auto* sql = qobject_cast<QsciLexerSQL*>(lexer)) {
            const QColor comment = dark ? QColor(0x8f, 0xb8, 0x8f) : QColor(0x2e, 0x7d, 0x32);
            sql->setColor(comment, QsciLexerSQL::Comment);
            sql->setColor(comment, QsciLexerSQL::CommentLine);
            sql->setColor(dark ? QColor(0x7a, 0xb8, 0xf5) : QColor(0x1f, 0x4f, 0xa8), QsciLexerSQL::Keyword);
            QFont bold = font;
            bold.setBold(true);
            sql->setFont(bold, QsciLexerSQL::Keyword);
        }
        if (auto* py = qobject_cast<QsciLexerPython*>(lexer)) {
            py->setColor(dark ? QColor(0x7a, 0xb8, 0xf5) : QColor(0x1f, 0x4f, 0xa8), QsciLexerPython::Keyword);
            py->setColor(dark ? QColor(0x8f, 0xb8, 0x8f) : QColor(0x2e, 0x7d, 0x32), QsciLexerPython::Comment);
            const QColor str = dark ? QColor(0xe0, 0xb0, 0x70) : QColor(0xa3, 0x4a, 0x00);
            for (int s : {int(QsciLexerPython::SingleQuotedString), int(QsciLexerPython::DoubleQuotedString),
                          int(QsciLexerPython::TripleSingleQuotedString), int(QsciLexerPython::TripleDoubleQuotedString)})
                py->setColor(str, s);
        }
    }
    editor->setFont(font);
    editor->setPaper(paper);
    editor->setColor(ink);
    editor->setMarginsFont(font);
    editor->setMarginsBackgroundColor(palette.color(QPalette::Window));
    editor->setMarginsForegroundColor(palette.color(QPalette::PlaceholderText));
    editor->setFoldMarginColors(palette.color(QPalette::Window), palette.color(QPalette::Window));
    editor->setSelectionBackgroundColor(palette.color(QPalette::Highlight));
    editor->setSelectionForegroundColor(palette.color(QPalette::HighlightedText));
    editor->setCaretForegroundColor(ink);
}

} // namespace retort::app::EditorTheme
