// SPDX-License-Identifier: MIT
#pragma once
// SHA-256 (FIPS 180-4), for the content hashes in run manifests: a rerun proves that nothing
// changed when every hash is the same. None of the project's dependencies offers one.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace supanalyze {

// Incremental SHA-256: update() any number of times, then digest() or hex() once.
class Sha256 {
public:
  Sha256();
  // Adds `bytes` to the message.
  void update(std::string_view bytes);
  // Pads the message and returns the 32-byte digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> digest();
  // digest() as 64 lower-case hex digits.
  std::string hex();

private:
  void compress(const std::uint8_t *block);

  std::array<std::uint32_t, 8> m_state;
  std::array<std::uint8_t, 64> m_block{};
  std::size_t m_used = 0;     // bytes waiting in m_block
  std::uint64_t m_length = 0; // message length in bytes
};

// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

} // namespace supanalyze
