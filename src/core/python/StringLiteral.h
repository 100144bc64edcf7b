#pragma once

// The value of one string token, as Python evaluates it: every prefix (r, u, b, f and their
// combinations), single and triple quotes, every escape (\n, \x.., \u...., \U........, octal,
// line continuations; unknown escapes keep their backslash), universal newlines. Implicit
// concatenation and `+` are the Literal evaluator's job (Literal.h).

#include "core/python/Lexer.h"

#include <QString>

namespace retort::py {

enum class DecodeStatus {
    Ok,
    NotLiteral, // only running Python tells: an f-string with a replacement field, or a named
                // escape \N{...} (Retort carries no Unicode name table)
    Invalid     // Python refuses to compile it (`error` has CPython's message)
};

// Decodes `token` (a String token of `data`) into *out. With keepNamedEscapes, \N{...} escapes
// stay verbatim instead of making the value NotLiteral (for display text such as docstrings).
// An f-string without replacement fields (`f'abc'`, `f'{{x}}'`) is a plain string.
DecodeStatus decodeString(const char* data, const Token& token, QString* out, QString* error,
                          bool keepNamedEscapes = false);

} // namespace retort::py
