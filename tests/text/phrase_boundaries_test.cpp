// SPDX-License-Identifier: MIT
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/phrase_boundaries.hpp>
#include <supanalyze/text/tokenizer.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace supanalyze::text;

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// The definition, spelled out with a fresh ICU iterator: every phrase (text between ASCII
// whitespace) broken on its own; phrase edges and whitespace are boundaries.
std::set<std::size_t> icu_boundaries(const std::string &s) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale("th"), status));
  std::set<std::size_t> out;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == 0 || i == s.size() || is_space(s[i]) || is_space(s[i - 1])) out.insert(i);
  for (std::size_t b = 0; b < s.size();) {
    if (is_space(s[b])) {
      ++b;
      continue;
    }
    std::size_t e = b;
    while (e < s.size() && !is_space(s[e]))
      ++e;
    UText *ut = utext_openUTF8(nullptr, s.data() + b, static_cast<int64_t>(e - b), &status);
    words->setText(ut, status);
    for (auto at = words->first(); at != icu::BreakIterator::DONE; at = words->next())
      out.insert(b + static_cast<std::size_t>(at));
    utext_close(ut);
    b = e;
  }
  return out;
}

// The seed report's lines, damaged as pasted from its PDF, each normalized as a segment; two
// lines joined by a newline or a tab, to have phrases ended by other whitespace than spaces.
std::vector<std::string> seed_segments() {
  const std::string seed = supanalyze::testing::read_test_data("seed-2564.txt");
  std::vector<std::string> lines;
  for (std::size_t b = 0, e; b < seed.size(); b = e + 1) {
    e = seed.find('\n', b);
    if (e == std::string::npos) e = seed.size();
    std::string line = normalize(std::string_view(seed).substr(b, e - b));
    if (!line.empty()) lines.push_back(std::move(line));
  }
  std::vector<std::string> out;
  for (std::size_t k = 0; k + 1 < lines.size() && out.size() < 1500; k += 2) {
    out.push_back(lines[k]);
    out.push_back(lines[k] + (k % 4 ? "\n" : "\t") + lines[k + 1]);
  }
  return out;
}

TEST(PhraseBoundaries, AreIcusBoundariesOfEachPhraseAskedInAnyOrder) {
  PhraseBoundaries boundaries;
  std::mt19937 rng(18);
  std::size_t inside = 0;
  for (const std::string &s : seed_segments()) {
    const auto expected = icu_boundaries(s);
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < s.size();) {
      at.push_back(i);
      decode_at(s, i);
    }
    at.push_back(s.size());
    std::shuffle(at.begin(), at.end(), rng);
    boundaries.reset(s);
    for (const std::size_t i : at) {
      ASSERT_EQ(boundaries.is_boundary(i), expected.count(i) > 0) << s << " at byte " << i;
      inside += expected.count(i) > 0 && i > 0 && i < s.size() && !is_space(s[i]) && !is_space(s[i - 1]);
    }
  }
  EXPECT_GT(inside, 10000u); // most boundaries are ICU's own, inside phrases
}

TEST(PhraseBoundaries, AShortWordInsideALongerOneIsNotOnThem) {
  const std::string s = "ความสงบสุข งบ";
  PhraseBoundaries boundaries;
  boundaries.reset(s);
  const std::size_t ngop = s.find("งบ");
  EXPECT_FALSE(boundaries.on_boundaries(ngop, ngop + std::string("งบ").size()));
  const std::size_t alone = s.rfind("งบ");
  EXPECT_TRUE(boundaries.on_boundaries(alone, s.size()));
}

// The tokenizer reads the same boundaries whether it breaks the phrases itself or finds them
// already broken by another user of the segment's PhraseBoundaries (the matcher), and whether
// they are shared or its own.
TEST(PhraseBoundaries, SharedWithTheTokenizerGiveTheSameTokens) {
  const Tokenizer tokenizer;
  const Tokenizer icu_only{Dictionary{}};
  PhraseBoundaries shared;
  std::size_t n = 0;
  for (const std::string &s : seed_segments()) {
    for (const Tokenizer *t : {&tokenizer, &icu_only}) {
      const auto own = t->tokenize(s);
      std::vector<Token> fresh, after_queries;
      shared.reset(s);
      t->tokenize(s, fresh, shared);
      shared.reset(s);
      for (std::size_t i = 0; i <= s.size(); i += 3)
        shared.is_boundary(i); // (not always a character's start: asked, never wrong)
      t->tokenize(s, after_queries, shared);
      ASSERT_EQ(own.size(), fresh.size()) << s;
      ASSERT_EQ(own.size(), after_queries.size()) << s;
      for (std::size_t k = 0; k < own.size(); ++k) {
        EXPECT_EQ(std::tie(own[k].start, own[k].end, own[k].kind, own[k].from_dictionary),
                  std::tie(fresh[k].start, fresh[k].end, fresh[k].kind, fresh[k].from_dictionary));
        EXPECT_EQ(std::tie(own[k].start, own[k].end, own[k].kind, own[k].from_dictionary),
                  std::tie(after_queries[k].start, after_queries[k].end, after_queries[k].kind,
                           after_queries[k].from_dictionary));
      }
      n += own.size();
    }
  }
  EXPECT_GT(n, 40000u);
}

} // namespace
