// SPDX-License-Identifier: MIT
// Keyness and collocation statistics against published figures: the Lancaster log-likelihood
// calculator's worked example, quanteda.textstats' own test cases and its documented examples.
#include <supanalyze/terms/counter.hpp>
#include <supanalyze/terms/stats.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

using namespace supanalyze::terms;

namespace {

// Williams' q in its general r x c form (Williams 1976, as Deducer's likelihood.test writes it):
// 1 + (n Σ 1/row - 1)(n Σ 1/col - 1) / (6 n (r-1)(c-1)); an independent check of the 2x2 form.
double williams_q(double a, double b, double c, double d) {
  const double n = a + b + c + d;
  const double rows = 1 / (a + b) + 1 / (c + d), cols = 1 / (a + c) + 1 / (b + d);
  return 1 + (n * rows - 1) * (n * cols - 1) / (6 * n);
}

} // namespace

// ucrel.lancs.ac.uk/llwizard.html (Rayson & Garside 2000's log-likelihood): a word seen 52 times in
// a corpus of 50,000 words and 57 times in one of 75,000 gives "+ 2.65", not significant (< 3.84).
TEST(Keyness, LancasterWorkedExample) {
  const KeynessCounts k{52, 57, 50000, 75000};
  const double g2 = keyness_g2(k, /*williams=*/false);
  EXPECT_NEAR(g2, 2.65, 0.005);
  EXPECT_GT(g2, 0); // more frequent in corpus 1: '+'
  EXPECT_GT(chi2_p_value(g2), 0.05);
  EXPECT_LT(chi2_p_value(3.84), 0.0501); // the calculator's 95% threshold
  EXPECT_GT(chi2_p_value(3.84), 0.0499);
  // Williams' correction divides by q > 1, here only slightly (large margins).
  const double with_williams = keyness_g2(k);
  EXPECT_NEAR(with_williams, g2 / williams_q(52, 57, 50000 - 52, 75000 - 57), 1e-12);
  EXPECT_NEAR(with_williams, 2.6413, 0.0001);
  // The other direction: the same magnitude, negative.
  EXPECT_NEAR(keyness_g2({57, 52, 75000, 50000}), -with_williams, 1e-9);
}

// quanteda.textstats test "keyness_textstat chi2 computation is correct": d1 = "b b b b b b b a a a",
// d2 = "a a a a a a a b b"; chi2 with the default (Yates) correction equals R's
// chisq.test(correct = TRUE): for 'a' in d1, N (|ad - bc| - N/2)² / (row and column products)
// = 19 · 33.5² / 8100, negative (3 < expected 5.26); without correction chisq.test(correct = FALSE).
TEST(Keyness, Chi2EqualsRChisqTest) {
  const KeynessCounts a{3, 7, 10, 9};
  EXPECT_NEAR(keyness_chi2(a), -19 * 33.5 * 33.5 / 8100, 1e-12);
  EXPECT_NEAR(keyness_chi2(a, false), -19.0 * 43 * 43 / 8100, 1e-12);
  const KeynessCounts b{7, 2, 10, 9};
  EXPECT_NEAR(keyness_chi2(b), 19 * 33.5 * 33.5 / 8100, 1e-12);
  // G² with Williams' correction: the test's likelihood.test(conservative = TRUE).
  const double g2 = 2 * (3 * std::log(3 / (10.0 * 10 / 19)) + 7 * std::log(7 / (10.0 * 9 / 19)) +
                         7 * std::log(7 / (9.0 * 10 / 19)) + 2 * std::log(2 / (9.0 * 9 / 19)));
  EXPECT_NEAR(keyness_g2(a, false), -g2, 1e-12);
  EXPECT_NEAR(keyness_g2(a), -g2 / williams_q(3, 7, 7, 2), 1e-12);
  EXPECT_NEAR(std::abs(keyness_g2(a)), 4.2008, 0.0001);
}

// Yates' half is applied only where an expected cell is below 5, as quanteda does (R's
// chisq.test always applies it): quanteda's note on matrix(c(3, 2, 14, 10)) for the corrected
// value, 0.1851, is not what textstat_keyness gives, since |ad - bc| = 2 < N/2.
TEST(Keyness, YatesOnlyForSmallExpectedCells) {
  const KeynessCounts small{3, 14, 5, 24}; // a=3 b=14 c=2 d=10
  EXPECT_NEAR(std::abs(keyness_chi2(small)), std::abs(keyness_chi2(small, false)), 1e-12);
  const KeynessCounts large{300, 200, 10000, 10000}; // every expected cell far above 5
  EXPECT_EQ(keyness_chi2(large), keyness_chi2(large, false));
}

// quanteda.textstats tests "basic textstat_keyness works on two rows" and "... lr works on two
// rows": d1 = "a a a b b c c c c c c d e f g h h", d2 = "a a b c c d d d d e f h"; the published
// orders by chi2 (default) and by G² (correction "none"), ties broken by feature.
TEST(Keyness, QuantedaPublishedOrders) {
  const std::map<std::string, std::pair<double, double>> counts{{"a", {3, 2}}, {"b", {2, 1}}, {"c", {6, 2}},
                                                                {"d", {1, 4}}, {"e", {1, 1}}, {"f", {1, 1}},
                                                                {"g", {1, 0}}, {"h", {2, 1}}};
  auto order = [&](bool target_d1, auto stat) {
    std::vector<std::pair<double, std::string>> scored;
    for (const auto &[feature, n] : counts) {
      const KeynessCounts k =
          target_d1 ? KeynessCounts{n.first, n.second, 17, 12} : KeynessCounts{n.second, n.first, 12, 17};
      scored.emplace_back(stat(k), feature);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto &x, const auto &y) { return x.first > y.first; });
    std::string out;
    for (const auto &s : scored)
      out += s.second;
    return out;
  };
  auto chi2 = [](const KeynessCounts &k) { return keyness_chi2(k); };
  auto lr_none = [](const KeynessCounts &k) { return keyness_g2(k, false); };
  EXPECT_EQ(order(true, chi2), "gcbhaefd");
  EXPECT_EQ(order(true, lr_none), "cgbhaefd");
  EXPECT_EQ(order(false, lr_none), "defabhgc");
}

TEST(Keyness, PValues) {
  EXPECT_NEAR(chi2_p_value(0), 1.0, 1e-15);
  EXPECT_NEAR(chi2_p_value(6.634897), 0.01, 1e-7);  // qchisq(0.99, 1)
  EXPECT_NEAR(chi2_p_value(-6.634897), 0.01, 1e-7); // signed statistics: the magnitude counts
  EXPECT_NEAR(chi2_p_value(10.827566), 0.001, 1e-8);
}

// A 2x2 collocation table by hand: 'European Union' of quanteda's documented example
// (textstat_collocations of "The new European Union is not the old European Union.").
TEST(Collocations, LambdaAndZByHand) {
  // n11 = 2, n10 = 0, n01 = 0, n00 = 7, bits: position k agrees -> bit k.
  const auto s = collocation_score({7, 0, 0, 2, 0, 0, 0, 0}, 2);
  EXPECT_NEAR(s.lambda, std::log(2.5 * 7.5 / (0.5 * 0.5)), 1e-12);
  EXPECT_NEAR(s.lambda, 4.317488, 5e-7); // published
  EXPECT_NEAR(s.z, 2.027787, 5e-7);      // published
  // Three tokens: the K-way interaction alternates signs by the number of agreeing positions.
  const auto t = collocation_score({2, 0, 0, 0, 0, 0, 0, 2}, 3);
  EXPECT_NEAR(t.lambda, 0, 1e-12); // quanteda's 'a b c' example: -1.1e-16
}

namespace {

TermCounter latin_counter(unsigned max_words = 3) {
  static const StopWords none;
  CounterOptions options;
  options.max_words = max_words;
  options.collocations = true;
  return TermCounter(supanalyze::text::Tokenizer(), none, options);
}

} // namespace

// quanteda's documented example, the tokens counted by TermCounter: "The new European Union is
// not the old European Union." Case is folded (tolower = TRUE), which leaves 'European Union' and
// 'is not' as published for tolower = FALSE ('The new' changes: 'the' also starts 'the old').
TEST(Collocations, QuantedaDocumentedExampleThroughTheCounter) {
  auto counter = latin_counter(2);
  counter.add_segment("The new European Union is not the old European Union.", false);
  const auto colls = counter.collocations(1);
  ASSERT_FALSE(colls.empty());
  EXPECT_EQ(colls[0].text, "European Union");
  EXPECT_EQ(colls[0].count, 2u);
  EXPECT_NEAR(colls[0].score.lambda, 4.317488, 5e-7);
  EXPECT_NEAR(colls[0].score.z, 2.027787, 5e-7);
  const auto is_not = std::find_if(colls.begin(), colls.end(), [](const auto &c) { return c.text == "is not"; });
  ASSERT_NE(is_not, colls.end());
  EXPECT_NEAR(is_not->score.lambda, 3.931826, 5e-7);
  EXPECT_NEAR(is_not->score.z, 1.797564, 5e-7);
  // No sequence crosses the full stop, and none has fewer than min_count occurrences.
  EXPECT_EQ(counter.collocations(2).size(), 1u);
}

// quanteda's documented "vectorized size" example (size = 2:3, min_count = 2), with two-letter
// words for its one-letter ones (a bare letter is a list marker here, not a word).
TEST(Collocations, QuantedaVectorizedSizeExample) {
  auto counter = latin_counter(3);
  counter.add_segment(". . . . aa bb cc . . aa bb cc . . . cc dd ee", false);
  counter.add_segment("aa bb . . aa bb . . aa bb . . aa bb . aa bb", false);
  counter.add_segment("bb cc dd . . bb cc . bb cc . . . bb cc", false);
  const auto colls = counter.collocations(2);
  ASSERT_EQ(colls.size(), 4u);
  EXPECT_EQ(colls[0].text, "aa bb");
  EXPECT_EQ(colls[0].count, 7u);
  EXPECT_NEAR(colls[0].score.lambda, 5.652489, 5e-7);
  EXPECT_NEAR(colls[0].score.z, 2.745546, 5e-7);
  EXPECT_EQ(colls[1].text, "bb cc");
  EXPECT_EQ(colls[1].count, 6u);
  EXPECT_NEAR(colls[1].score.lambda, 5.609472, 5e-7);
  EXPECT_NEAR(colls[1].score.z, 2.721287, 5e-7);
  EXPECT_EQ(colls[2].text, "cc dd");
  EXPECT_NEAR(colls[2].score.lambda, 4.976734, 5e-7);
  EXPECT_NEAR(colls[2].score.z, 2.354187, 5e-7);
  EXPECT_EQ(colls[3].text, "aa bb cc");
  EXPECT_EQ(colls[3].words, 3u);
  EXPECT_NEAR(colls[3].score.lambda, 0, 1e-12);
}

// Stop words keep their place: a sequence across one is counted (it is a neighbour in the text)
// but never scored, and no term contains one.
TEST(Collocations, StopWordsArePaddingNotBreaks) {
  const StopWords stop = StopWords::parse("of\n# comment\n\nTHE\n", "test");
  EXPECT_TRUE(stop.contains("the"));
  CounterOptions options;
  options.collocations = true;
  TermCounter counter(supanalyze::text::Tokenizer(), stop, options);
  counter.add_segment("bank of england bank of england", false);
  for (const auto &t : counter.terms())
    EXPECT_EQ(t.text.find("of"), std::string::npos) << t.text;
  for (const auto &c : counter.collocations(1))
    EXPECT_EQ(c.text.find("of"), std::string::npos) << c.text;
  // 'england bank' is the only scorable pair; the four pairs with 'of' count in its table.
  const auto colls = counter.collocations(1);
  ASSERT_EQ(colls.size(), 1u);
  EXPECT_EQ(colls[0].text, "england bank");
  EXPECT_NEAR(colls[0].score.lambda, std::log(1.5 * 4.5 / 0.25), 1e-12);
}
