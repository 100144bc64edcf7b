#pragma once

// The invariant check the libFuzzer harnesses share: a violated invariant aborts, so libFuzzer
// keeps the input that broke it.

#include <cstdio>
#include <cstdlib>

namespace retort::fuzz {

inline void check(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "invariant violated: %s\n", what);
        std::abort();
    }
}

} // namespace retort::fuzz
