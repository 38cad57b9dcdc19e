// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::text {

// Where the first invalid UTF-8 sequence starts: 1-based line and byte column, and the
// 0-based byte offset into the input.
struct Utf8Problem {
  std::size_t line = 0;
  std::size_t column = 0;
  std::size_t offset = 0;
  std::string reason;
};

// Checks `bytes` for well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF); returns the first problem, or nothing when the text is valid.
std::optional<Utf8Problem> find_invalid_utf8(std::string_view bytes);

// Throws InputError naming `file`, line and byte column when `bytes` is not valid UTF-8.
void require_valid_utf8(std::string_view bytes, const std::string &file);

// Decodes one code point at `pos` of valid UTF-8 and advances `pos`. Inline: it is the
// innermost step of every text scan.
inline char32_t decode_at(std::string_view s, std::size_t &pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  auto cont = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[pos + k]) & 0x3F); };
  if (b0 < 0xE0) {
    const char32_t cp = (static_cast<char32_t>(b0 & 0x1F) << 6) | cont(1);
    pos += 2;
    return cp;
  }
  if (b0 < 0xF0) {
    const char32_t cp = (static_cast<char32_t>(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2);
    pos += 3;
    return cp;
  }
  const char32_t cp = (static_cast<char32_t>(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
  pos += 4;
  return cp;
}

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string &out, char32_t cp);

// The number of characters (code points) in valid UTF-8 `bytes`: the character offset of a
// byte offset is code_point_count(text.substr(0, offset)), as Python, ICU's UChar32 APIs and
// spreadsheets (for Thai, which UTF-16 holds in one unit per character) count.
inline std::size_t code_point_count(std::string_view bytes) {
  std::size_t n = 0;
  for (const char c : bytes)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// `text` with its Latin capitals A-Z lower-cased and every other byte as it is: Thai and any
// other UTF-8 stay intact, and no locale is consulted (std::tolower's result depends on one).
std::string ascii_lower(std::string_view text);

// Decodes valid UTF-8 into code points.
std::u32string to_u32(std::string_view bytes);
std::string to_utf8(std::u32string_view cps);

// Terminal display width: combining marks and zero-width characters count 0, East Asian wide
// characters 2, everything else 1.
std::size_t display_width(std::string_view utf8);
int code_point_width(char32_t cp);

} // namespace supanalyze::text
