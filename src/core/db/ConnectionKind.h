#pragma once

// What a database is for, as the user declares it per connection profile: development (the
// default), staging or production. The window colours the connection by it and asks for the
// database name typed before any run on a production database.

#include <QString>

#include <optional>

namespace retort {

enum class ConnectionKind { Development, Staging, Production };

// "development", "staging", "production": the spelling stored in the settings.
[[nodiscard]] QString connectionKindName(ConnectionKind kind);
// From that spelling (case-insensitive); nullopt for anything else.
[[nodiscard]] std::optional<ConnectionKind> connectionKindFromName(const QString& name);

} // namespace retort
