#pragma once

// Python source bytes as the interpreter reads them before tokenizing: a UTF-8 byte-order mark is
// dropped, a PEP 263 coding cookie other than UTF-8 is decoded (and the text re-encoded as UTF-8
// for the Lexer), NUL bytes are refused. UTF-8 itself is checked by the Lexer, in code and strings
// only: Python's import accepts any bytes inside comments.

#include "core/python/Lexer.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace retort::py {

class SourceText
{
public:
    // Shares `content` (no copy) unless it has to be re-encoded.
    static SourceText decode(const QByteArray& content);

    [[nodiscard]] const char* data() const { return m_bytes.constData() + m_offset; }
    [[nodiscard]] qsizetype size() const { return m_bytes.size() - m_offset; }
    [[nodiscard]] bool hadBom() const { return m_bom; }
    // Why the interpreter would refuse the file before tokenizing it (encoding is set): NUL bytes,
    // an unknown coding, a coding with a BOM, bytes invalid in the declared coding.
    [[nodiscard]] const std::optional<SyntaxError>& error() const { return m_error; }

private:
    QByteArray m_bytes;
    qsizetype m_offset = 0;
    bool m_bom = false;
    std::optional<SyntaxError> m_error;
};

// Length of the valid UTF-8 sequence at s (strict, like Python's decoder: no overlongs, no
// surrogates), or 0 when the bytes there are not valid UTF-8.
int utf8SequenceLength(const char* s, qsizetype available);

// UTF-8 validation (strict, like Python's decoder). Returns the byte offset of the first invalid
// sequence, or -1 when the whole buffer is valid.
qsizetype firstInvalidUtf8(const char* data, qsizetype size);

// The encoding named by a PEP 263 coding cookie on the first two lines ("" when none), normalised
// like Python (utf-8 variants -> "utf-8", latin-1 variants -> "iso-8859-1").
QString codingCookie(const char* data, qsizetype size);

// 1-based line of a byte offset (\n, \r\n and \r end a line).
int lineOfOffset(const char* data, qsizetype offset);

} // namespace retort::py
