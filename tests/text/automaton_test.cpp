// SPDX-License-Identifier: MIT
#include <supanalyze/text/automaton.hpp>
#include <supanalyze/text/utf8.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <tuple>
#include <vector>

using supanalyze::text::TermAutomaton;

namespace {

using Match = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;

std::vector<Match> scan(const TermAutomaton &a, const std::string &text) {
  std::vector<Match> out;
  a.scan(text, [&](std::uint32_t s, std::uint32_t e, std::uint32_t id) { out.emplace_back(s, e, id); });
  return out;
}

// Every occurrence, in order of end, longer first; and a pair of texts scanned in one loop gives
// each text exactly its own scan, with a table large enough that the pair loop is the one used.
TEST(TermAutomaton, PairedScanGivesEachTextItsOwnMatches) {
  const std::string thai = "กขคงจฉชซดตถทนบปผพฟมยรลวสหอะาิีึืุูเแโไ่้๊๋์ ";
  const std::u32string letters = supanalyze::text::to_u32(thai);
  std::mt19937 rng(7);
  auto random_text = [&](std::size_t n) {
    std::string t;
    for (std::size_t k = 0; k < n; ++k)
      supanalyze::text::append_utf8(t, letters[rng() % letters.size()]);
    return t;
  };
  TermAutomaton a;
  std::vector<std::string> patterns;
  for (std::uint32_t id = 0; id < 6000; ++id) {
    patterns.push_back(random_text(2 + rng() % 8));
    if (patterns.back().find(' ') != std::string::npos) patterns.back() = "ก" + std::to_string(id);
    a.add(patterns.back(), id);
  }
  a.build();
  ASSERT_TRUE(a.large());
  for (int round = 0; round < 50; ++round) {
    const std::string x = random_text(rng() % 300), y = random_text(rng() % 300) + patterns[rng() % patterns.size()];
    std::vector<Match> px, py;
    a.scan_pair(
        x, [&](std::uint32_t s, std::uint32_t e, std::uint32_t id) { px.emplace_back(s, e, id); }, y,
        [&](std::uint32_t s, std::uint32_t e, std::uint32_t id) { py.emplace_back(s, e, id); });
    EXPECT_EQ(px, scan(a, x));
    EXPECT_EQ(py, scan(a, y));
    EXPECT_FALSE(py.empty());
  }
}

// next_state/has_output, the scan a caller walks itself (the normalizer's clean-line check):
// a pattern ends after a code point exactly where scan() reports a match ending, on random
// texts of Thai letters and marks, Thai digits, ASCII in both cases and other scripts, with a
// 16-bit table and with one of more than 65,536 states (32-bit).
TEST(TermAutomaton, StepByStepEndsWhereTheScanMatches) {
  const std::u32string letters = supanalyze::text::to_u32("กขคงจฉชซดตถทนบปผพมยรลวสหอะาำิีึืุูเแโไ่้๊๋์ํ๑๒๕ 0aZbYé中");
  std::mt19937 rng(11);
  auto random_text = [&](std::size_t n) {
    std::string t;
    for (std::size_t k = 0; k < n; ++k)
      supanalyze::text::append_utf8(t, letters[rng() % letters.size()]);
    return t;
  };
  for (const std::uint32_t count : {300u, 9000u}) {
    TermAutomaton a;
    std::vector<std::string> patterns;
    for (std::uint32_t id = 0; id < count; ++id) {
      patterns.push_back(random_text(count > 1000 ? 10 : 1 + rng() % 4));
      a.add(patterns.back(), id);
    }
    a.build();
    std::size_t matched = 0;
    for (int round = 0; round < 200; ++round) {
      const std::string text = random_text(rng() % 80) + patterns[rng() % patterns.size()] + random_text(rng() % 5);
      std::vector<std::uint32_t> ends; // byte offsets where scan() reports a match ending
      for (const auto &[s, e, id] : scan(a, text))
        if (ends.empty() || ends.back() != e) ends.push_back(e);
      std::vector<std::uint32_t> stepped;
      std::uint32_t state = 0;
      for (std::size_t i = 0; i < text.size();) {
        state = a.next_state(state, supanalyze::text::decode_at(text, i));
        if (a.has_output(state)) stepped.push_back(static_cast<std::uint32_t>(i));
      }
      EXPECT_EQ(stepped, ends) << text;
      matched += ends.size();
    }
    EXPECT_GE(matched, 200u); // every text ends with a pattern
  }
}

} // namespace
