// SPDX-License-Identifier: MIT
#pragma once

#include <unicode/uversion.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END
struct UText;

namespace supanalyze::text {

// The ICU word boundaries of one segment, computed at most once per phrase and shared by all
// that ask: the tokenizer (may a short dictionary word stand here?) and the matcher (may a
// short term found as text count here?).
//
// A phrase is a run of text between ASCII whitespace; ICU breaks each phrase on its own (its
// context stops at spaces, so a phrase always breaks the same way), and a phrase's start and
// end are boundaries. Nothing is computed until a position inside a phrase is asked about, and
// then only that phrase is broken: most segments never need ICU here.
//
// Not thread-safe (it owns an ICU break iterator); copying clones the iterator.
class PhraseBoundaries {
public:
  PhraseBoundaries();
  ~PhraseBoundaries();
  PhraseBoundaries(const PhraseBoundaries &other);
  PhraseBoundaries &operator=(const PhraseBoundaries &) = delete;
  PhraseBoundaries(PhraseBoundaries &&) noexcept;

  // Forgets the previous segment; `segment` (UTF-8) must outlive the queries about it.
  void reset(std::string_view segment);
  std::string_view segment() const { return m_segment; }

  // Whether byte offset `pos` (<= size) of the segment is an ICU word boundary of its phrase.
  bool is_boundary(std::size_t pos);
  // Whether both edges of [start, end) are (the short-term rule, cluster.hpp).
  bool on_boundaries(std::size_t start, std::size_t end) { return is_boundary(start) && is_boundary(end); }

  // Calls `emit(offset)` for every boundary of the phrase [begin, end), ICU's first to last
  // (begin and end included), breaking it first when needed.
  template <typename F> void for_each_boundary(std::size_t begin, std::size_t end, F &&emit) {
    compute(begin, end);
    for (std::size_t i = begin; i <= end; ++i)
      if ((m_bits[i / 64] >> (i % 64)) & 1) emit(i);
  }

private:
  void compute(std::size_t begin, std::size_t end);

  std::string_view m_segment;
  std::unique_ptr<icu::BreakIterator> m_breaker;
  UText *m_utext = nullptr;
  std::vector<std::uint64_t> m_bits;            // bit per byte offset: an ICU boundary of its phrase
  std::vector<std::uint64_t> m_done;            // bit per phrase start: that phrase was broken
  bool m_cleared = false;                       // m_bits and m_done are sized and zeroed for m_segment
  std::size_t m_last_begin = 0, m_last_end = 0; // the phrase asked about last
};

} // namespace supanalyze::text
