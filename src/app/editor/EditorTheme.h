#pragma once

class QPalette;
class QsciLexer;
class QsciScintilla;

namespace retort::app {

// Read-only code views (Python source, SQL preview) share one look: a monospace font, margins,
// and lexer colours that suit the palette's light or dark scheme.
namespace EditorTheme {

void setUpReadOnlyEditor(QsciScintilla* editor);
void applyPalette(QsciScintilla* editor, QsciLexer* lexer, const QPalette& palette);

} // namespace EditorTheme

} // namespace retort::app
