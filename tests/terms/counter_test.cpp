// SPDX-License-Identifier: MIT
// TermCounter on the seed's Thai text: counts, document frequencies, keyness tables, stop words,
// focus spans and examples.
#include <supanalyze/terms/counter.hpp>

#include <gtest/gtest.h>

#include <map>

using namespace supanalyze::terms;

namespace {

std::map<std::string, Term> by_text(const TermCounter &counter) {
  std::map<std::string, Term> out;
  for (const auto &t : counter.terms())
    out[t.text] = t;
  return out;
}

} // namespace

TEST(TermCounter, CountsOccurrencesAndSegmentsInAndOutOfTheTarget) {
  TermCounter counter(supanalyze::text::Tokenizer(), StopWords::thai_default(), CounterOptions{});
  counter.add_segment("งบประมาณ ไม่เพียงพอ งบประมาณ", true, "a/q1/p/1");
  counter.add_segment("3. งบประมาณ (2564)", false, "a/q1/p/2");
  const auto terms = by_text(counter);
  const Term &budget = terms.at("งบประมาณ");
  EXPECT_EQ(budget.count, 3u);
  EXPECT_EQ(budget.target_count, 2u);
  EXPECT_EQ(budget.segments, 2u);
  EXPECT_EQ(budget.target_segments, 1u);
  EXPECT_EQ(terms.at("งบประมาณ ไม่เพียงพอ").words, 2u); // the space is kept: a codebook term with one
  EXPECT_EQ(terms.at("งบประมาณ ไม่เพียงพอ งบประมาณ").count, 1u);
  EXPECT_FALSE(terms.count("3"));    // numbers and punctuation are no terms
  EXPECT_FALSE(terms.count("2564")); // and break phrases
  EXPECT_EQ(counter.total(), 6u + 1u);
  EXPECT_EQ(counter.target_total(), 6u);
  const KeynessCounts k = counter.keyness_counts(budget);
  EXPECT_EQ(k.target, 2);
  EXPECT_EQ(k.reference, 1);
  EXPECT_EQ(k.target_total, 6);
  EXPECT_EQ(k.reference_total, 1);
}

// The seed's centre1300 q4 answer of Nakhon Pathom: มี and ต่อ are stop words (no term holds one),
// ผล too; the ICU fragments ค่อน|ข้าง make the phrase ค่อนข้าง, written without a space.
TEST(TermCounter, StopWordsSplitPhrasesAndPhrasesKeepTheirSpacing) {
  TermCounter counter(supanalyze::text::Tokenizer(), StopWords::thai_default(), CounterOptions{});
  counter.add_segment("บุคลากรมีภารกิจงานประจำค่อนข้างมาก ส่งผลต่อประสิทธิภาพ", false);
  const auto terms = by_text(counter);
  EXPECT_TRUE(terms.count("บุคลากร"));
  EXPECT_TRUE(terms.count("ภารกิจงานประจำ"));
  EXPECT_TRUE(terms.count("ค่อนข้าง"));
  EXPECT_FALSE(terms.count("มี"));
  EXPECT_FALSE(terms.count("บุคลากรมี"));
  EXPECT_FALSE(terms.count("บุคลากรมีภารกิจ"));
  for (const auto &[text, t] : terms)
    EXPECT_LE(t.words, 3u) << text;
  CounterOptions one_word;
  one_word.max_words = 1;
  TermCounter words_only(supanalyze::text::Tokenizer(), StopWords::thai_default(), one_word);
  words_only.add_segment("บุคลากรมีภารกิจงานประจำค่อนข้างมาก ส่งผลต่อประสิทธิภาพ", false);
  for (const auto &t : words_only.terms())
    EXPECT_EQ(t.words, 1u) << t.text;
}

// --suggest's focus: occurrences next to a theme's coding count as near it, the coding itself
// does not, and examples come from near occurrences in distinct target segments.
TEST(TermCounter, FocusSpansAndExamples) {
  CounterOptions options;
  options.examples = true;
  options.near_tokens = 2;
  const StopWords stop_words; // the counter keeps a reference: it must outlive the counter
  TermCounter counter(supanalyze::text::Tokenizer(), stop_words, options);
  const std::string text = "ควรมีตำแหน่ง/อัตรากำลัง โดยตรงอย่างน้อย 2 อัตรา";
  const auto start = static_cast<std::uint32_t>(text.find("อัตรากำลัง"));
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> focus{{start, start + std::string("อัตรากำลัง").size()}};
  counter.add_segment(text, true, "centre1300/q5/samutsongkhram/2", focus);
  counter.add_segment(text, true, "centre1300/q5/suphanburi/2", focus);
  counter.add_segment(text, false, "elsewhere/1");
  const auto terms = by_text(counter);
  EXPECT_EQ(terms.at("โดยตรง").near_count, 2u);
  EXPECT_EQ(terms.at("อัตรากำลัง").near_count, 0u); // the coding itself
  EXPECT_EQ(terms.at("อัตรา").near_count, 0u);     // too far from it
  const auto &examples = terms.at("โดยตรง").examples;
  ASSERT_EQ(examples.size(), 2u);
  EXPECT_EQ(examples[0].segment, "centre1300/q5/samutsongkhram/2");
  EXPECT_EQ(examples[1].segment, "centre1300/q5/suphanburi/2");
  EXPECT_EQ(examples[0].match, "โดยตรง");
  EXPECT_EQ(text.substr(examples[0].start, examples[0].end - examples[0].start), "โดยตรง");
  EXPECT_NE(examples[0].left.find("อัตรากำลัง"), std::string::npos);
  EXPECT_TRUE(terms.at("อัตรา").examples.empty()); // a target segment with focus: only near ones
}

// The frequency list: terms seen at least min_count times, by count, then segments, then text.
TEST(TermCounter, FrequentTermsByCountThenSegmentsThenText) {
  TermCounter counter(supanalyze::text::Tokenizer(), StopWords::thai_default(), CounterOptions{1});
  counter.add_segment("งบประมาณ บุคลากร งบประมาณ", false);
  counter.add_segment("บุคลากร วัสดุ", false);
  counter.add_segment("วัสดุ", false);
  std::vector<std::string> listed;
  for (const Term *t : frequent_terms(counter, 2))
    listed.push_back(t->text + " " + std::to_string(t->count) + "/" + std::to_string(t->segments));
  // บุคลากร and วัสดุ: 2 times in 2 segments, ahead of งบประมาณ's 2 in 1; the tie by text.
  EXPECT_EQ(listed, (std::vector<std::string>{"บุคลากร 2/2", "วัสดุ 2/2", "งบประมาณ 2/1"}));
  EXPECT_EQ(frequent_terms(counter, 3).size(), 0u);
  EXPECT_EQ(frequent_terms(counter, 1).size(), counter.terms().size());
}
