// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace supanalyze::detail {

// RFC 4122 §4.3 name-based UUID, version 5 (SHA-1, from OpenSSL's libcrypto), of `name` in the
// namespace `namespace_uuid` ("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), in lower-case hex with
// dashes. The same inputs give the same UUID on every machine.
std::string uuid_v5(std::string_view namespace_uuid, std::string_view name);

// The RFC 4122 URL namespace.
inline constexpr std::string_view k_uuid_namespace_url = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

// Whether `text` is a UUID in 8-4-4-4-12 hex (either case), optionally in braces.
bool is_uuid(std::string_view text);

} // namespace supanalyze::detail
