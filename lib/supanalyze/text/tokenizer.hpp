// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/text/cluster.hpp>
#include <supanalyze/text/dictionary.hpp>
#include <supanalyze/text/phrase_boundaries.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::text {

enum class TokenKind : std::uint8_t { thai, latin, number, punct };

std::string_view to_string(TokenKind kind);

// The version of the ICU library linked at run time ("72.1"): its word-break data decides
// the tokens.
std::string icu_version();

// A token is a byte range [start, end) of the normalized text it was cut from.
struct Token {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  TokenKind kind = TokenKind::punct;
  bool from_dictionary = false;

  std::string_view in(std::string_view text) const { return text.substr(start, end - start); }
};

// Word tokenizer for normalized Thai text: ICU word breaking plus a user dictionary.
//
// Why: ICU's Thai segmentation depends on context, so a domain term such as บูรณาการ comes
// out as บูรณ|า|การ alone but …บู|รณา|การ after some words. Terms must be one token wherever they
// stand, so dictionary words are found first, by longest match, and accepted where both edges
// fall on Thai character-cluster boundaries (never between a consonant and its marks or ะ า ำ,
// never after a leading vowel; cluster.hpp); short words (is_short_term) must also start and end
// on an ICU boundary of their phrase (PhraseBoundaries; งบ is not found in สงบ). ICU segments only the text between
// accepted words. ICU context stops at spaces: each phrase is segmented on its own, so a phrase
// always gives the same tokens. Whitespace is not a token.
//
// A Tokenizer owns one ICU break iterator that it reuses; it is not thread-safe (use one per
// thread; copying is cheap).
class Tokenizer {
public:
  explicit Tokenizer(Dictionary dictionary = Dictionary::domain_default());
  ~Tokenizer();
  Tokenizer(const Tokenizer &other);
  Tokenizer &operator=(const Tokenizer &) = delete;
  Tokenizer(Tokenizer &&) noexcept;

  // Appends the tokens of `text` (normalized UTF-8) to `out`; offsets are relative to `text`.
  void tokenize(std::string_view text, std::vector<Token> &out) const;
  // The same, with the ICU boundaries of `text`'s phrases kept in `boundaries` (reset to `text`
  // unless it holds it already), so a caller that asks ICU about the same segment (the matcher)
  // breaks each phrase once.
  void tokenize(std::string_view text, std::vector<Token> &out, PhraseBoundaries &boundaries) const;
  std::vector<Token> tokenize(std::string_view text) const;

  const Dictionary &dictionary() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Match keys of a token, the form terms are compared in: the token's text cut into runs of Thai,
// of other letters (case-folded) and of digits; punctuation and spaces are dropped. So
// "COVID-19", "covid 19" and "Covid19" all give the keys covid, 19. Calls
// `emit(start, end, key)` for each run with byte offsets into `text`.
template <typename F> void for_each_key(std::string_view text, const Token &token, std::string &scratch, F &&emit);

namespace detail {
enum class KeyClass { none, thai, letter, digit };
KeyClass key_class(char32_t cp);
void append_folded(std::string &out, char32_t cp);
char32_t decode(std::string_view s, std::size_t &pos);
} // namespace detail

template <typename F> void for_each_key(std::string_view text, const Token &token, std::string &scratch, F &&emit) {
  std::size_t pos = token.start;
  while (pos < token.end) {
    std::size_t run_start = pos;
    std::size_t next = pos;
    const detail::KeyClass cls = detail::key_class(detail::decode(text, next));
    if (cls == detail::KeyClass::none) {
      pos = next;
      continue;
    }
    scratch.clear();
    while (pos < token.end) {
      next = pos;
      const char32_t cp = detail::decode(text, next);
      if (detail::key_class(cp) != cls) break;
      detail::append_folded(scratch, cp);
      pos = next;
    }
    emit(static_cast<std::uint32_t>(run_start), static_cast<std::uint32_t>(pos), std::string_view(scratch));
  }
}

} // namespace supanalyze::text
