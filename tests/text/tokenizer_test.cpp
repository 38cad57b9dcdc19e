// SPDX-License-Identifier: MIT
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/tokenizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <gtest/gtest.h>

#include <random>
#include <set>

using supanalyze::text::Dictionary;
using supanalyze::text::Token;
using supanalyze::text::Tokenizer;
using supanalyze::text::TokenKind;

namespace {

std::string joined(const Tokenizer &tokenizer, const std::string &text) {
  std::string out;
  for (const Token &t : tokenizer.tokenize(text)) {
    if (!out.empty()) out += '|';
    out += t.in(text);
  }
  return out;
}

bool has_token(const Tokenizer &tokenizer, const std::string &text, const std::string &token) {
  for (const Token &t : tokenizer.tokenize(text))
    if (t.in(text) == token) return true;
  return false;
}

// Sentences of the 2564 report where ICU alone splits the domain terms.
const char *const k_integration_sentence = "เกิดการบูรณาการการทำงานร่วมกันของหน่วยงาน"; // part 3
const char *const k_budget_sentence = "ขาดงบประมาณสนับสนุนในการดำเนินงาน";            // part 3, q4

TEST(Tokenizer, IcuAloneSplitsDomainTerms) {
  const Tokenizer icu_only{Dictionary{}};
  EXPECT_FALSE(has_token(icu_only, k_integration_sentence, "บูรณาการ")) << joined(icu_only, k_integration_sentence);
  EXPECT_FALSE(has_token(icu_only, k_budget_sentence, "งบประมาณ")) << joined(icu_only, k_budget_sentence);
}

TEST(Tokenizer, DictionaryKeepsDomainTermsWhole) {
  const Tokenizer tokenizer;
  EXPECT_TRUE(has_token(tokenizer, k_integration_sentence, "บูรณาการ")) << joined(tokenizer, k_integration_sentence);
  EXPECT_TRUE(has_token(tokenizer, k_budget_sentence, "งบประมาณ")) << joined(tokenizer, k_budget_sentence);
  EXPECT_TRUE(has_token(tokenizer, "8. จัดทำสมุดพกครอบครัว", "สมุดพกครอบครัว"));
  EXPECT_TRUE(has_token(tokenizer, "โดยให้ อพม. และเจ้าหน้าที่", "อพม."));
  EXPECT_TRUE(has_token(tokenizer, "สำรวจข้อมูลเพิ่มเติมจาก TPmap โดย", "TPmap"));
}

TEST(Tokenizer, IssueExample) { EXPECT_EQ(joined(Tokenizer{}, "ข้อมูล TPmap"), "ข้อมูล|TPmap"); }

TEST(Tokenizer, TermEdgesStayOnClusterBoundaries) {
  Dictionary dict;
  dict.add("การ");
  dict.add("เพียง");
  const Tokenizer tokenizer{dict};
  // "เพียง" must not be cut out of "เพียงพอ"'s neighbour "เเพียง"; "การ" never starts after เ.
  for (const Token &t : tokenizer.tokenize("เการ"))
    EXPECT_NE(t.in("เการ"), "การ");
}

TEST(Tokenizer, ShortTermsNeedIcuBoundaries) {
  Dictionary dict;
  dict.add("งบ");
  const Tokenizer tokenizer{dict};
  EXPECT_FALSE(has_token(tokenizer, "ความสงบเรียบร้อย", "งบ")) << joined(tokenizer, "ความสงบเรียบร้อย");
  EXPECT_TRUE(has_token(tokenizer, "ไม่มีงบ", "งบ")) << joined(tokenizer, "ไม่มีงบ");
}

TEST(Tokenizer, SameTermSameTokenWherever) {
  const Tokenizer tokenizer;
  for (const std::string s : {"บูรณาการ", "การบูรณาการ", "มีการบูรณาการความร่วมมือ", "ทุกหน่วยงานบูรณาการร่วมกัน"})
    EXPECT_TRUE(has_token(tokenizer, s, "บูรณาการ")) << joined(tokenizer, s);
}

TEST(Tokenizer, KindsAndOffsets) {
  const std::string text = "ช่วง COVID-19 ปี 2564, ok";
  const auto tokens = Tokenizer{}.tokenize(text);
  ASSERT_FALSE(tokens.empty());
  for (const Token &t : tokens) {
    ASSERT_LE(t.end, text.size());
    EXPECT_NE(t.in(text).front(), ' ') << "whitespace is never a token";
  }
  EXPECT_EQ(tokens.front().kind, TokenKind::thai);
  bool number = false, latin = false, punct = false;
  for (const Token &t : tokens) {
    number |= t.kind == TokenKind::number && t.in(text) == "2564";
    latin |= t.kind == TokenKind::latin;
    punct |= t.kind == TokenKind::punct && t.in(text) == ",";
  }
  EXPECT_TRUE(number && latin && punct);
}

std::vector<std::string> keys_of(const std::string &text) {
  std::vector<std::string> keys;
  std::string scratch;
  for (const Token &t : Tokenizer{}.tokenize(text))
    supanalyze::text::for_each_key(text, t, scratch, [&](auto, auto, std::string_view key) { keys.emplace_back(key); });
  return keys;
}

TEST(Tokenizer, CovidVariantsShareKeys) {
  const std::vector<std::string> latin{"covid", "19"};
  EXPECT_EQ(keys_of("COVID-19"), latin);
  EXPECT_EQ(keys_of("covid 19"), latin);
  EXPECT_EQ(keys_of("Covid19"), latin);
  const std::vector<std::string> thai{"โควิด", "19"};
  EXPECT_EQ(keys_of("โควิด-19"), thai);
  EXPECT_EQ(keys_of("โควิด 19"), thai);
  EXPECT_EQ(keys_of("โควิด19"), thai);
}

TEST(Tokenizer, CopiesAreIndependent) {
  const Tokenizer a;
  const Tokenizer b = a;
  EXPECT_EQ(joined(a, k_budget_sentence), joined(b, k_budget_sentence));
}

// The dictionary's prefix walk, which looks a Thai first code point up in one step: every word
// that is a prefix of the text, as a plain set of the (case-folded) words says, on random texts
// of Thai letters and marks, Thai digits, ASCII in both cases and other scripts, and words of
// one code point and longer, Thai and Latin, the domain list's among them.
TEST(Dictionary, PrefixWalkFindsEveryWordThatStartsTheText) {
  const std::u32string letters = supanalyze::text::to_u32("กขคงนมยรอะาำิีุู่้๊์เแโไ๑๕ aBcé中");
  std::mt19937 rng(18);
  auto random_text = [&](std::size_t n) {
    std::string t;
    for (std::size_t k = 0; k < n; ++k)
      supanalyze::text::append_utf8(t, letters[rng() % letters.size()]);
    return t;
  };
  auto folded = [](std::string s) {
    for (char &c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return s;
  };
  Dictionary dictionary = Dictionary::domain_default();
  std::set<std::string> words;
  for (const std::string &w : dictionary.words())
    words.insert(folded(w));
  for (int k = 0; k < 400; ++k) {
    const std::string w = random_text(1 + rng() % 4);
    dictionary.add(w);
    words.insert(folded(w));
  }
  std::size_t found = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = random_text(rng() % 6);
    if (rng() % 2) text = dictionary.words()[rng() % dictionary.words().size()] + text;
    std::vector<std::size_t> walked, expected;
    dictionary.for_each_prefix(text, [&](std::size_t len) { walked.push_back(len); });
    for (std::size_t len = 1; len <= text.size(); ++len)
      if (words.count(folded(text.substr(0, len)))) expected.push_back(len);
    EXPECT_EQ(walked, expected) << text;
    found += walked.size();
  }
  EXPECT_GT(found, 1500u);
}

} // namespace
