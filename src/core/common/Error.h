#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace retort {

// An error as a value: what failed (message), on which input (path/line), and what to do next
// (hint). `code` is a stable, machine-readable identifier ("revision-not-found", "db-auth", ...)
// used by the CLI's JSON output and by tests.
struct Error
{
    QString code;
    QString message;
    QString hint;
    QString path; // file the error is about, if any
    int line = 0; // 1-based line in `path`, 0 when unknown

    // "path:line: message" (or just the message), for logs and plain-text output.
    [[nodiscard]] QString toString() const;
};

// Minimal std::expected stand-in (C++23 is not available with Debian 12's toolchain defaults).
template <typename T>
class Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    [[nodiscard]] bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Result<void>: success or an Error.
struct Ok
{
};
using Status = Result<Ok>;

} // namespace retort
