// SPDX-License-Identifier: MIT
#pragma once
// Term discovery: the words and 2-3-word phrases of a corpus, counted segment by segment.
//
// Words are the tokens of the project's tokenizer (so Thai compounds and codebook terms stay
// whole). Punctuation, numbers, bare letters (list markers such as ก. or a)) and whitespace
// are not words and break phrases; a stop word is not a term either and no phrase contains one,
// but it keeps its place in the sequence (quanteda's tokens_remove(padding = TRUE)), so the
// collocation statistics see the text's real neighbours. A segment is one document for
// document frequencies; phrases never cross segments.

#include <supanalyze/terms/stats.hpp>
#include <supanalyze/terms/stopwords.hpp>
#include <supanalyze/text/tokenizer.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace supanalyze::terms {

// Where a term was seen: a segment id and keyword-in-context pieces.
struct Example {
  std::string segment;
  std::uint32_t start = 0, end = 0; // byte offsets into the segment's normalized text
  std::string left, match, right;
};

// One term (a word or phrase) and its counts.
// Terms are told apart by their text (Latin letters case-folded): the tokenizer may cut the same
// letters into one token in one context and two in another (ค่อนข้าง, ค่อน|ข้าง), and a codebook term
// matches the letters either way.
struct Term {
  std::string text;                          // its words as first written (compared with Latin letters case-folded),
                                             // with a space where the text has whitespace between them (a codebook
                                             // term with a space matches only there)
  unsigned words = 1;                        // 1, 2 or 3
  std::uint64_t count = 0, target_count = 0; // occurrences: everywhere, in target segments
  std::uint64_t segments = 0, target_segments = 0; // segments that hold it (document frequency)
  bool short_edge = false;   // starts or ends with a Thai word of fewer than three letters (ผู้, แก่)
  bool generic_edge = false; // is, starts or ends with one of CounterOptions::edge_words (ควร, โดยตรง)
  std::uint64_t near_count = 0;  // occurrences near a focus span (add_segment)
  std::vector<Example> examples; // up to two, from distinct target segments (near a focus span
                                 // when the segment has focus spans)
};

struct CounterOptions {
  unsigned max_words = 3;                // longest phrase, 1 to 3
  bool collocations = false;             // keep the sequence counts collocations() needs
  bool examples = false;                 // keep two examples per term from target segments
  std::size_t example_columns = 30;      // display columns of context on each side of an example
  std::size_t near_tokens = 3;           // how close to a focus span an occurrence is near it
  const StopWords *edge_words = nullptr; // words that mark Term::generic_edge (kept alive by the caller)
};

// Counts terms segment by segment (fed in corpus order for deterministic output).
class TermCounter {
public:
  TermCounter(text::Tokenizer tokenizer, const StopWords &stop_words, CounterOptions options);

  // Counts the terms of one segment's normalized `text`; `in_target` puts it in the keyness
  // target; `segment_id` names it in examples.
  // `focus` are byte spans of the text (a theme's codings): an occurrence that does not overlap
  // one but starts or ends within CounterOptions::near_tokens tokens of one counts in
  // Term::near_count.
  void add_segment(std::string_view text, bool in_target, std::string_view segment_id = {},
                   const std::vector<std::pair<std::uint32_t, std::uint32_t>> &focus = {});

  // Every term seen, in order of first occurrence.
  const std::vector<Term> &terms() const { return m_terms; }
  // Occurrences of all terms, words and phrases: everywhere and in target segments (the keyness
  // totals, as for quanteda's dfm of tokens_ngrams(n = 1:3)).
  std::uint64_t total() const { return m_total; }
  std::uint64_t target_total() const { return m_target_total; }
  // Occurrences of all terms near a focus span.
  std::uint64_t near_total() const { return m_near_total; }
  std::uint64_t segments() const { return m_segments; }
  std::uint64_t target_segments() const { return m_target_segments; }

  // The keyness 2x2 table of `term`: its counts in target and reference among all terms.
  KeynessCounts keyness_counts(const Term &term) const;

  struct Collocation {
    std::string text;
    unsigned words = 2;
    std::uint64_t count = 0;
    CollocationScore score;
  };
  // textstat_collocations(size = 2:max_words, min_count, smoothing) on the counted segments
  // (needs CounterOptions::collocations): every 2- and 3-token sequence without a stop word that
  // occurs at least `min_count` times, scored against all sequences of its length (those with
  // stop words included), by z descending, then by text.
  std::vector<Collocation> collocations(std::uint64_t min_count, double smoothing = 0.5) const;

private:
  using Gram = std::array<std::uint32_t, 3>;    // word ids, 0 past the gram's length
  using TermKey = std::array<std::uint32_t, 4>; // a Gram, then bit k set: whitespace after word k
  struct GramHash {
    template <std::size_t N> std::size_t operator()(const std::array<std::uint32_t, N> &g) const noexcept {
      std::size_t h = 0x9E3779B97F4A7C15ull;
      for (std::uint32_t v : g)
        h = (h ^ v) * 0x100000001B3ull + (h >> 29);
      return h;
    }
  };
  static constexpr std::uint32_t k_break = 0xFFFFFFFF; // not a word: ends a sequence
  static constexpr std::uint32_t k_pad = 0xFFFFFFFE;   // a stop word: keeps its place

  std::uint32_t word_id(std::string_view word);
  // The words of `gram` joined, with a space where bit k of `gaps` is set.
  std::string join(const Gram &gram, unsigned words, std::uint32_t gaps) const;
  void count_term(const TermKey &key, unsigned words, std::string_view text, std::uint32_t start, std::uint32_t end,
                  bool in_target, bool near, bool has_focus, std::string_view segment_id);
  std::vector<Collocation> score_size(unsigned size, std::uint64_t min_count, double smoothing) const;

  text::Tokenizer m_tokenizer;
  const StopWords &m_stop_words;
  CounterOptions m_options;
  std::unordered_map<std::string, std::uint32_t> m_word_ids;         // folded word -> id (from 1)
  std::unordered_map<TermKey, std::uint32_t, GramHash> m_term_index; // words and gaps -> term
  std::unordered_map<std::string, std::uint32_t> m_text_index;       // folded text -> term
  std::vector<Term> m_terms;
  std::vector<std::uint64_t> m_last_segment; // per term: the last segment (+1) that counted it
  std::uint64_t m_total = 0, m_target_total = 0, m_near_total = 0;
  std::uint64_t m_segments = 0, m_target_segments = 0;
  // Collocations: counts of every 2- and 3-token sequence without a break, stop words included.
  // Each keeps the whitespace of its first occurrence for display (bit k: after word k).
  struct SequenceCount {
    std::uint64_t count = 0;
    std::uint32_t gaps = 0;
  };
  std::array<std::unordered_map<Gram, SequenceCount, GramHash>, 2> m_sequences;
  std::vector<std::string> m_word_text{std::string()}; // id -> first written form
  // Scratch, reused per segment.
  std::vector<text::Token> m_tokens;
  std::vector<std::uint32_t> m_ids;
  std::vector<int> m_focus; // per token: 1 inside a focus span, 2 near one, 0 neither
};

// A term with its keyness: G² (Williams) and chi² (Yates), signed, with their p-values.
struct KeyTerm {
  const Term *term = nullptr;
  double g2 = 0, g2_p = 1, chi2 = 0, chi2_p = 1;
  double near_g2 = 0, near_p = 1; // suggest_terms: near a focus span against everywhere else
};

// The terms of `counter` seen at least `min_count` times, most frequent first: by count, then by
// the segments that hold them, then by text (terms' frequency list).
std::vector<const Term *> frequent_terms(const TermCounter &counter, std::uint64_t min_count);

// The terms of `counter` seen at least `min_count` times, target against reference, by G²
// descending, then by text (textstat_keyness's order).
std::vector<KeyTerm> rank_keyness(const TermCounter &counter, std::uint64_t min_count);

} // namespace supanalyze::terms
