// SPDX-License-Identifier: MIT
#pragma once
// Synthetic corpora for the benchmarks: a national-sized round recombined from a real one, so
// that the Thai statistics (words, phrase lengths, what ICU and the dictionary see) stay real.

#include <supanalyze/corpus/model.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::bench {

// A small deterministic PRNG (splitmix64): the same seed gives the same corpus on every
// platform and standard library, which std::uniform_int_distribution does not promise.
class Rng {
public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next();
  // A value in [0, bound), `bound` > 0.
  std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }

private:
  std::uint64_t m_state;
};

struct SynthOptions {
  std::uint64_t seed = 1;
  std::size_t provinces = 76;
  // Bytes of segment text to produce, counting one line end per segment (the size of the
  // plain-text file, one segment per line).
  std::uint64_t target_bytes = 50ull << 20;
  int year_be = 0; // 0: the source corpus's year
  std::string id = "synth-national";
};

// One generated segment, handed out in corpus order (instrument, question, province, number).
struct SynthSegment {
  std::size_t instrument = 0;
  std::size_t question = 0;
  std::size_t province = 0;
  std::size_t number = 0; // 1-based inside its answer
  std::string_view label;
  std::string_view text; // normalized
};

// The synthetic corpus's metadata (no answers): `opts.provinces` provinces p01, p02, ... named
// after the source's provinces with a number (นครปฐม 2), the source's instruments and questions.
corpus::Corpus synth_metadata(const corpus::Corpus &source, const SynthOptions &opts);

// corpus.yaml text for `meta` (docs/corpus-format.md).
std::string metadata_yaml(const corpus::Corpus &meta);

// Generates the segments of every answer of `meta` until `opts.target_bytes` are reached, spread
// evenly over the answers (at least one segment each). Each segment takes one to three real
// segments of the same question in `source`, shuffles their phrases (the text between spaces),
// keeps the first one's list marker in front, and is normalized. Streams: only one segment is
// held at a time.
void generate_segments(const corpus::Corpus &source, const corpus::Corpus &meta, const SynthOptions &opts,
                       const std::function<void(const SynthSegment &)> &on_segment);

// The whole synthetic corpus in memory (for in-process benchmarks of a few tens of MB).
corpus::Corpus generate_corpus(const corpus::Corpus &source, const SynthOptions &opts);

// Wraps plain-text lines (one segment each, normalized) in a corpus with `meta`'s metadata,
// spread evenly over its answers in corpus order.
corpus::Corpus corpus_from_lines(const corpus::Corpus &meta, std::vector<std::string> lines);

// Terms for a generated codebook: distinct real Thai tokens of `corpus` (pure ICU) and
// concatenations of two or three adjacent ones, each seen at least twice, in a seeded random
// order (fewer than `count` when the text has fewer). With `long_only`, only terms of
// four Thai letters or more (no term that needs the ICU boundary check of short terms).
std::vector<std::string> sample_terms(const corpus::Corpus &corpus, std::size_t count, std::uint64_t seed,
                                      bool long_only);

// Terms that look like `sample_terms`'s but occur nowhere in `corpus`: real tokens and compounds
// of its first MiBs with one Thai consonant replaced by another (mostly in the second half of the
// term, so that the term shares a long prefix with real text and a matcher walks deep before it
// fails), normalized, each checked absent from every segment of `corpus` (also inside words),
// and none of `avoid`. Short terms (three Thai letters or fewer) keep the share they have among
// the real ones. Seeded; fewer than `count` when the text has too few.
std::vector<std::string> absent_terms(const corpus::Corpus &corpus, std::size_t count, std::uint64_t seed,
                                      const std::vector<std::string> &avoid);

// `terms` grouped as codebook_yaml groups them: 20 per theme (5 when fewer than 80).
std::vector<std::vector<std::string>> grouped_terms(const std::vector<std::string> &terms);

// The codebook-size pair: the themes of `small` real terms (sample_terms) and the same themes,
// each filled up to 20 terms and more themes of 20 added up to `large` terms, with absent_terms.
// Both give the same codings on `corpus` (and on text recombined from its phrases), so they
// differ only in size.
struct SameHitsPair {
  std::vector<std::vector<std::string>> small, large;
};
SameHitsPair same_hits_themes(const corpus::Corpus &corpus, std::size_t small, std::size_t large, std::uint64_t seed);

// Codebook YAML (docs/codebook-format.md) holding `terms`, 20 per theme (5 when fewer than 80).
std::string codebook_yaml(const std::string &id, const std::vector<std::string> &terms);
// The same with the terms already grouped: one theme per group.
std::string codebook_yaml(const std::string &id, const std::vector<std::vector<std::string>> &themes);

} // namespace supanalyze::bench
