// libFuzzer harness for DatabaseUrl::parse and the redaction of URLs in free text (built only
// with -DRETORT_FUZZ=ON and clang). Besides crashes and sanitizer reports it checks:
//  - parsing is deterministic, and a parsed URL survives toString() -> parse() unchanged;
//  - redacted() parses back with the password hidden, and shows no other part differently;
//  - an error message is already redacted (redactUrl leaves it as it is), so a rejected URL never
//    echoes its password;
//  - redactUrl() is idempotent.

#include "core/common/Redact.h"
#include "core/db/DatabaseUrl.h"

#include "FuzzCheck.h"

#include <cstdint>

using namespace retort;
using retort::fuzz::check;

namespace {

bool sameUrl(const DatabaseUrl& a, const DatabaseUrl& b, bool withPassword)
{
    return a.dialect() == b.dialect() && a.driver() == b.driver() && a.host() == b.host() && a.port() == b.port()
           && a.database() == b.database() && a.user() == b.user() && a.hasPassword() == b.hasPassword()
           && (!withPassword || a.password() == b.password()) && (!withPassword || a.query() == b.query());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));

    const Result<DatabaseUrl> url = DatabaseUrl::parse(text);
    const Result<DatabaseUrl> again = DatabaseUrl::parse(text);
    check(url.ok() == again.ok(), "parsing is deterministic");
    if (url.ok()) {
        const Result<DatabaseUrl> roundTrip = DatabaseUrl::parse(url->toString());
        check(roundTrip.ok(), "toString() parses again");
        check(sameUrl(*url, *roundTrip, true), "toString() -> parse() gives the same URL");

        const Result<DatabaseUrl> shown = DatabaseUrl::parse(url->redacted());
        check(shown.ok(), "redacted() parses again");
        check(sameUrl(*url, *shown, false), "redacted() changes nothing but the password");
        if (url->hasPassword())
            check(shown->password() == QLatin1String("***"), "redacted() hides the password");
        check(DatabaseUrl::redactedText(text) == url->redacted(), "redactedText() of a URL is its redacted()");
    } else {
        const QString& message = url.error().message;
        check(url.error().code == QLatin1String("db-url"), "a parse error has the code db-url");
        check(redactUrl(message) == message, "an error message is already redacted");
        check(message == again.error().message, "error messages are deterministic");
    }

    const QString once = redactUrl(text);
    check(redactUrl(once) == once, "redactUrl() is idempotent");
    return 0;
}
