// SPDX-License-Identifier: MIT
#include <supanalyze/detail/uuid.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/numbers.hpp>

#include <openssl/sha.h>

#include <array>
#include <cctype>

namespace supanalyze::detail {

bool is_uuid(std::string_view text) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : hex_digit_value(text[i]) < 0) return false;
  }
  return true;
}

std::string uuid_v5(std::string_view namespace_uuid, std::string_view name) {
  if (!is_uuid(namespace_uuid)) throw Error("not a UUID: '" + std::string(namespace_uuid) + "'");
  std::string input;
  for (std::size_t i = 0; i < namespace_uuid.size(); ++i) {
    if (hex_digit_value(namespace_uuid[i]) < 0) continue;
    input.push_back(
        static_cast<char>(hex_digit_value(namespace_uuid[i]) * 16 + hex_digit_value(namespace_uuid[i + 1])));
    ++i;
  }
  input.append(name);
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char *>(input.data()), input.size(), digest.data());
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50); // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80); // RFC 4122 variant
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(k_hex[digest[i] >> 4]);
    out.push_back(k_hex[digest[i] & 0x0f]);
  }
  return out;
}

} // namespace supanalyze::detail
