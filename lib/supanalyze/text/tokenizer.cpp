// SPDX-License-Identifier: MIT
#include <supanalyze/error.hpp>
#include <supanalyze/text/cluster.hpp>
#include <supanalyze/text/thai.hpp>
#include <supanalyze/text/tokenizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

#include <algorithm>

namespace supanalyze::text {

namespace th = thai;

std::string_view to_string(TokenKind kind) {
  switch (kind) {
  case TokenKind::thai:
    return "thai";
  case TokenKind::latin:
    return "latin";
  case TokenKind::number:
    return "number";
  case TokenKind::punct:
    return "punct";
  }
  return "punct";
}

namespace detail {

char32_t decode(std::string_view s, std::size_t &pos) { return decode_at(s, pos); }

KeyClass key_class(char32_t cp) {
  if (th::is_thai(cp)) return th::is_thai_digit(cp) ? KeyClass::digit : KeyClass::thai;
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return KeyClass::letter;
    if (cp >= '0' && cp <= '9') return KeyClass::digit;
    return KeyClass::none;
  }
  const auto c = static_cast<UChar32>(cp);
  if (u_isdigit(c)) return KeyClass::digit;
  if (u_isalpha(c) || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK) return KeyClass::letter;
  return KeyClass::none;
}

void append_folded(std::string &out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
  } else if (th::is_thai(cp)) {
    append_utf8(out, cp);
  } else {
    append_utf8(out, static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT)));
  }
}

} // namespace detail

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ascii_alnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char32_t cp_at(std::string_view s, std::size_t i) {
  std::size_t p = i;
  return decode_at(s, p);
}

// Edges of a dictionary word inside a phrase [0, size): on Thai cluster boundaries
// (cluster.hpp), and a Latin word never inside a Latin word.
bool word_can_start(std::string_view phrase, std::size_t i) {
  if (!is_cluster_boundary_at(phrase, i)) return false;
  return i == 0 || !(is_ascii_alnum(cp_at(phrase, i)) && is_ascii_alnum(code_point_before(phrase, i)));
}
bool word_can_end(std::string_view phrase, std::size_t i) {
  if (i >= phrase.size()) return true;
  return is_cluster_boundary_at(phrase, i) &&
         !(is_ascii_alnum(cp_at(phrase, i)) && is_ascii_alnum(code_point_before(phrase, i)));
}

TokenKind classify(std::string_view text, std::size_t start) {
  const char32_t c = cp_at(text, start);
  if (th::is_thai(c)) return th::is_thai_digit(c) ? TokenKind::number : TokenKind::thai;
  const auto u = static_cast<UChar32>(c);
  if (u_isdigit(u)) return TokenKind::number;
  if (u_isalpha(u)) return TokenKind::latin;
  return TokenKind::punct;
}

} // namespace

struct Tokenizer::Impl {
  // Immutable, so copies share it: a copy (one per thread) only clones the ICU iterators.
  std::shared_ptr<const Dictionary> dictionary;
  std::unique_ptr<icu::BreakIterator> breaker; // for the text between dictionary words
  mutable UText *utext = nullptr;
  mutable PhraseBoundaries own; // whole phrases, when the caller brings none

  explicit Impl(Dictionary dict) : dictionary(std::make_shared<const Dictionary>(std::move(dict))) {
    UErrorCode status = U_ZERO_ERROR;
    breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale("th"), status));
    if (U_FAILURE(status) || !breaker)
      throw Error(std::string("cannot create the ICU word break iterator: ") + u_errorName(status));
  }
  Impl(const Impl &other) : dictionary(other.dictionary), breaker(other.breaker->clone()), own(other.own) {}
  ~Impl() {
    if (utext) utext_close(utext);
  }

  void set_text(std::string_view piece) const {
    UErrorCode status = U_ZERO_ERROR;
    utext = utext_openUTF8(utext, piece.data(), static_cast<int64_t>(piece.size()), &status);
    breaker->setText(utext, status);
  }

  // ICU tokens of `piece` (at byte offset `base` of the text), whitespace skipped.
  void segment(std::string_view text, std::size_t base, std::size_t size, std::vector<Token> &out) const {
    if (size == 0) return;
    const std::string_view piece = text.substr(base, size);
    set_text(piece);
    std::int32_t start = breaker->first();
    for (std::int32_t end = breaker->next(); end != icu::BreakIterator::DONE; start = end, end = breaker->next()) {
      const auto s = static_cast<std::uint32_t>(base + static_cast<std::size_t>(start));
      const auto e = static_cast<std::uint32_t>(base + static_cast<std::size_t>(end));
      if (is_ascii_space(text[s])) continue;
      out.push_back({s, e, classify(text, s), false});
    }
  }

  // Longest dictionary word accepted at `pos` of the phrase [begin, begin + phrase.size()).
  // The trie walk comes first: at most positions no word starts, and it says so in a few
  // bytes, where the cluster test decodes the code points on both sides.
  std::size_t dictionary_word_at(std::string_view phrase, std::size_t begin, std::size_t pos,
                                 PhraseBoundaries &boundaries) const {
    std::size_t lengths[32];
    std::size_t found = 0;
    dictionary->for_each_prefix(phrase.substr(pos), [&](std::size_t len) {
      if (found < 32) lengths[found++] = len;
    });
    if (found == 0 || !word_can_start(phrase, pos)) return 0;
    for (std::size_t k = found; k-- > 0;) {
      const std::size_t end = pos + lengths[k];
      if (!word_can_end(phrase, end)) continue;
      if (is_short_term(phrase.substr(pos, lengths[k])) && !boundaries.on_boundaries(begin + pos, begin + end))
        continue;
      return lengths[k];
    }
    return 0;
  }

  void tokenize_phrase(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token> &out,
                       PhraseBoundaries &boundaries) const {
    const std::string_view phrase = text.substr(begin, end - begin);
    std::size_t gap = 0; // start of the text not yet tokenized
    for (std::size_t pos = 0; pos < phrase.size();) {
      const std::size_t len = dictionary->empty() ? 0 : dictionary_word_at(phrase, begin, pos, boundaries);
      if (len == 0) {
        std::size_t next = pos;
        decode_at(phrase, next);
        pos = next;
        continue;
      }
      segment(text, begin + gap, pos - gap, out);
      out.push_back({static_cast<std::uint32_t>(begin + pos), static_cast<std::uint32_t>(begin + pos + len),
                     classify(text, begin + pos), true});
      pos += len;
      gap = pos;
    }
    if (gap > 0) {
      segment(text, begin + gap, phrase.size() - gap, out);
      return;
    }
    // No dictionary word: ICU's tokens of the whole phrase are its boundaries, shared.
    std::size_t start = begin;
    boundaries.for_each_boundary(begin, end, [&](std::size_t at) {
      if (at == begin) return;
      out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(at), classify(text, start), false});
      start = at;
    });
  }
};

Tokenizer::Tokenizer(Dictionary dictionary) : m_impl(std::make_unique<Impl>(std::move(dictionary))) {}
Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(const Tokenizer &other) : m_impl(std::make_unique<Impl>(*other.m_impl)) {}
Tokenizer::Tokenizer(Tokenizer &&) noexcept = default;

const Dictionary &Tokenizer::dictionary() const { return *m_impl->dictionary; }

void Tokenizer::tokenize(std::string_view text, std::vector<Token> &out) const {
  m_impl->own.reset(text);
  tokenize(text, out, m_impl->own);
}

void Tokenizer::tokenize(std::string_view text, std::vector<Token> &out, PhraseBoundaries &boundaries) const {
  if (boundaries.segment().data() != text.data() || boundaries.segment().size() != text.size()) boundaries.reset(text);
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_ascii_space(text[i]))
      ++i;
    std::size_t j = i;
    while (j < text.size() && !is_ascii_space(text[j]))
      ++j;
    if (j > i) m_impl->tokenize_phrase(text, i, j, out, boundaries);
    i = j;
  }
}

std::vector<Token> Tokenizer::tokenize(std::string_view text) const {
  std::vector<Token> out;
  tokenize(text, out);
  return out;
}

std::string icu_version() {
  UVersionInfo info;
  u_getVersion(info);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, text);
  return text;
}

} // namespace supanalyze::text
