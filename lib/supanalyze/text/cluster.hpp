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

// The code point at byte offset `i` (< size) of UTF-8 `s`, a Thai one (E0 B8 xx, E0 B9 xx)
// read straight from its bytes.
inline char32_t code_point_at(std::string_view s, std::size_t i) {
  const auto *b = reinterpret_cast<const unsigned char *>(s.data());
  if (b[i] == 0xE0 && i + 2 < s.size() && (b[i + 1] == 0xB8 || b[i + 1] == 0xB9))
    return 0x0E00 + ((static_cast<char32_t>(b[i + 1] - 0xB8) << 6) | (b[i + 2] & 0x3F));
  std::size_t p = i;
  return decode_at(s, p);
}

// Whether a word whose first code point is `first` and last `last` sits on cluster boundaries
// at [start, end) of UTF-8 `s`: is_cluster_boundary_at(s, start) and (s, end) without decoding
// the word itself, the text's neighbours read as bytes (what the matcher asks of every Thai term
// the automaton finds).
inline bool on_cluster_boundaries(std::string_view s, std::size_t start, std::size_t end, char32_t first,
                                  char32_t last) {
  if (!is_cluster_boundary(start == 0 ? 0 : 1, first)) return false; // a mark or ะ า ำ cannot open it
  // after a leading vowel (U+0E40-U+0E44: E0 B9 80-84) no cluster starts
  const auto *b = reinterpret_cast<const unsigned char *>(s.data());
  if (start >= 3 && b[start - 3] == 0xE0 && b[start - 2] == 0xB9 && b[start - 1] >= 0x80 && b[start - 1] <= 0x84)
    return false;
  return end >= s.size() || is_cluster_boundary(last, code_point_at(s, end));
}

// Thai letters (consonants and vowel letters, not marks) in `word`.
std::size_t thai_letter_count(std::string_view word);

// Terms of at most this many Thai letters are short: they match only where their edges are
// also ICU word boundaries of their phrase (a short word is too often part of a longer one).
constexpr std::size_t k_short_term_letters = 3;

// Whether `word` is short (1 to k_short_term_letters Thai letters): the tokenizer accepts it
// as a dictionary word, and the matcher a term found as text, only where both of its edges are
// ICU word boundaries of its phrase too (PhraseBoundaries); งบ is then not found in สงบ.
inline bool is_short_term(std::string_view word) {
  const std::size_t n = thai_letter_count(word);
  return n > 0 && n <= k_short_term_letters;
}

} // namespace supanalyze::text
