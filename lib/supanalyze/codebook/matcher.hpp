// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/codebook/model.hpp>
#include <supanalyze/text/dictionary.hpp>
#include <supanalyze/text/tokenizer.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::codebook {

// One match of a theme in a segment: [start, end) are byte offsets into the segment's
// normalized text, or into its label when `in_label`; `source` names the term, pattern or rule
// (Matcher::source_label).
struct Coding {
  std::uint32_t theme = 0;
  std::uint32_t source = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  bool in_label = false;

  bool operator==(const Coding &) const = default;
};

// A codebook compiled for matching.
//
// Why this shape: the cost of coding should not grow with the size of the codebook. Terms
// written in Thai letters are matched as text: one pass over the segment's code points runs an
// Aho-Corasick automaton of all of them (text::TermAutomaton, the design's literal prefilter),
// and a match counts where both edges fall on cluster boundaries (short terms also on ICU
// boundaries of their phrase, computed only when such a term matched), so a term is found
// inside or across dictionary tokens (แพร่ระบาด in การแพร่ระบาด). The same pass finds the keys of
// terms with Latin letters or digits and the literal each regular expression needs: only a
// segment holding all keys of such a term is tokenized, and its match keys walk a trie over key
// ids (one hash lookup per token), so COVID-19, covid 19 and Covid19 meet; a regex runs only
// where its literal occurs. Globs, ICU regular expressions (with a time limit) and rules are
// evaluated on top. Each theme then keeps its leftmost-longest
// non-overlapping codings, minus those that overlap one of its exclusions.
//
// A Matcher is immutable and may be shared between threads; each thread codes through its own
// MatchSession.
class Matcher {
public:
  explicit Matcher(const Codebook &codebook, const text::Dictionary &base = text::Dictionary::domain_default());
  ~Matcher();
  Matcher(const Matcher &) = delete;
  Matcher &operator=(const Matcher &) = delete;

  const Codebook &codebook() const;
  // The tokenizer coding uses: the base dictionary plus every codebook term.
  const text::Tokenizer &tokenizer() const;
  const std::string &source_label(std::uint32_t source) const;
  std::size_t source_count() const;

  struct Compiled;
  const Compiled &compiled() const { return *m_compiled; }

private:
  std::unique_ptr<Compiled> m_compiled;
};

// Literals one of which every match of the ICU regular expression `pattern` contains, or none
// when that is not certain. A segment without any of them skips the regex engine (the pattern
// prefilter of ARCHITECTURE.md's Matching); public for its tests.
std::vector<std::string> required_literals(std::string_view pattern);

// Per-thread matching state: its own tokenizer copy, regex matchers and buffers.
class MatchSession {
public:
  // `fast` finds Thai terms with one automaton pass and tokenizes a segment only where a term
  // with Latin letters or digits (or a near rule) needs tokens; `reference` searches each term
  // on its own and always tokenizes: slower, simpler, and the same codings (tested).
  enum class Mode { fast, reference };
  explicit MatchSession(const Matcher &matcher, Mode mode = Mode::fast);
  ~MatchSession();
  MatchSession(MatchSession &&) noexcept;

  // Codes normalized `text`; replaces `out` with its codings sorted by (start, theme, end).
  // Throws Error when a pattern exceeds its time limit.
  void code(std::string_view text, std::vector<Coding> &out);
  // code(a, out_a) and code(b, out_b), the same codings, faster with a large codebook: one scan
  // walks both texts in step, so the processor overlaps their table loads.
  void code_pair(std::string_view a, std::vector<Coding> &out_a, std::string_view b, std::vector<Coding> &out_b);

private:
  struct State;
  std::unique_ptr<State> m_state;
};

} // namespace supanalyze::codebook
