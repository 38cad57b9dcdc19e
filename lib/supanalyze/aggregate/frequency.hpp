// SPDX-License-Identifier: MIT
#pragma once
// Per-question theme frequencies, ranked: what `freq` prints and what the report lists, taken
// from one theme x question TableCount, so both say the same themes in the same order.

#include <supanalyze/aggregate/count.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace supanalyze::aggregate {

// One question's themes, most frequent first (ties in codebook order), with the question's
// denominator: provinces or answers that answered it, its segments, or its mentions.
struct QuestionFrequency {
  std::size_t number = 0; // question_number
  std::size_t instrument = 0, question = 0;
  std::uint64_t denominator = 0;
  std::vector<std::pair<std::size_t, std::uint64_t>> themes; // (theme, count)
};

// The frequencies of every question `count` covers, in corpus order. `count` must count theme
// x question; themes with a zero count are listed only with `all`.
std::vector<QuestionFrequency> question_frequencies(const corpus::Corpus &corpus, const TableCount &count,
                                                    bool all = false);

// Whether `count` of `of` is more than half: what the report calls ผู้ให้ข้อมูลส่วนใหญ่ (most
// informants). Only the provinces and answers units have such a majority.
bool is_majority(Unit unit, std::uint64_t count, std::uint64_t of);

} // namespace supanalyze::aggregate
