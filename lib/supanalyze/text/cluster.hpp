// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/text/thai.hpp>
#include <supanalyze/text/utf8.hpp>

#include <cstddef>
#include <string_view>

// The one home of the Thai cluster rules the tokenizer, the matcher and the normalizer's
// dictionary step share: where a word or a term may begin and end inside Thai text, and which
// terms are short enough to need ICU's word boundaries too.
namespace supanalyze::text {

// Whether a Thai cluster boundary falls before `c` (0: the end of the text) when `before`
// precedes it (0: the start): never before a combining mark or a following vowel (ะ า ำ ๅ),
// never after a leading vowel (เ แ โ ใ ไ), which belongs to the cluster after it.
constexpr bool is_cluster_boundary(char32_t before, char32_t c) {
  if (c == 0) return true;
  if (thai::is_combining(c) || thai::is_following_vowel(c)) return false;
  return before == 0 || !thai::is_leading_vowel(before);
}

// The code point before byte offset `i` (> 0) of UTF-8 `s`.
inline char32_t code_point_before(std::string_view s, std::size_t i) {
  std::size_t p = i;
  do {
    --p;
  } while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80);
  return decode_at(s, p);
}

// is_cluster_boundary at byte offset `i` of UTF-8 `s`: the start and the end of `s` are
// boundaries (the start unless a mark or following vowel opens it).
inline bool is_cluster_boundary_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return true;
  std::size_t p = i;
  const char32_t c = decode_at(s, p);
  return is_cluster_boundary(i == 0 ? 0 : code_point_before(s, i), c);
}

// is_cluster_boundary at index `i` of the code points `s`.
inline bool is_cluster_boundary_at(std::u32string_view s, std::size_t i) {
  if (i >= s.size()) return true;
  return is_cluster_boundary(i == 0 ? 0 : s[i - 1], s[i]);
}

// Terms of at most this many Thai letters are short: they match only where their edges are
// also ICU word boundaries of their phrase (a short word is too often part of a longer one).
constexpr std::size_t k_short_term_letters = 3;

} // namespace supanalyze::text
