// SPDX-License-Identifier: MIT
// The report model: spans merged and rolled up to parent themes, the quote rule (provinces in
// corpus order, each its longest coded segment), and a count that the codings contradict.
#include "test_support.hpp"

#include <supanalyze/aggregate/questions.hpp>
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/report/model.hpp>
#include <supanalyze/report/wording.hpp>

#include <gtest/gtest.h>

using namespace supanalyze;

namespace {

TEST(ReportModel, ThemeSpansRollUpToTheParentAndMerge) {
  const auto &cb = codebook::default_codebook();
  const auto resources = *cb.index_of("resources"), staffing = *cb.index_of("staffing"),
             budget = *cb.index_of("budget");
  ASSERT_TRUE(cb.is_within(staffing, resources));
  ASSERT_TRUE(cb.is_within(budget, resources));
  const std::vector<codebook::Coding> codings{{static_cast<std::uint32_t>(budget), 0, 30, 40},
                                              {static_cast<std::uint32_t>(staffing), 0, 0, 12},
                                              {static_cast<std::uint32_t>(budget), 0, 10, 20}};
  EXPECT_EQ(report::theme_spans(cb, codings, budget), (std::vector<report::Span>{{10, 20}, {30, 40}}));
  EXPECT_EQ(report::theme_spans(cb, codings, resources), (std::vector<report::Span>{{0, 20}, {30, 40}}));
  EXPECT_TRUE(report::theme_spans(cb, codings, *cb.index_of("covid19")).empty());
  // A coding in the segment's ### label has its offsets in the label, not in the text.
  auto with_label = codings;
  with_label.push_back({static_cast<std::uint32_t>(budget), 0, 0, 9, true});
  EXPECT_EQ(report::theme_spans(cb, with_label, budget), (std::vector<report::Span>{{10, 20}, {30, 40}}));
  EXPECT_EQ(report::theme_spans(cb, with_label, budget, true), (std::vector<report::Span>{{0, 9}}));
}

// centre1300 q4 of the bundled corpus, coded for real.
struct Q4 {
  corpus::Corpus corpus = corpus::read_corpus(supanalyze::testing::bundled_corpus());
  const codebook::Codebook &cb = codebook::default_codebook();
  codebook::Matcher matcher{cb};
  std::size_t instrument = *corpus.instrument_index("centre1300");
  std::size_t question = *corpus.question_index(instrument, "q4");
  report::ReportBuilder builder{corpus, cb, std::vector<bool>(cb.themes.size(), true)};
  Q4() {
    coding::code_corpus(corpus, matcher, 2, [&](const coding::AnswerCodings &coded) {
      const auto &a = corpus.answers[coded.answer];
      if (a.instrument == instrument && a.question == question) builder.add(a, coded);
    });
  }
};

TEST(ReportModel, QuotesComeFromTheFirstProvincesTheirLongestSegment) {
  Q4 q;
  const auto budget = *q.cb.index_of("budget");
  // Budget in 6 provinces, as freq counts it for centre1300 q4.
  const report::Report r = q.builder.build(
      {{aggregate::question_number(q.corpus, q.instrument, q.question), q.instrument, q.question, 8, {{budget, 6}}}},
      {aggregate::Matrix{}}, {}, false);
  ASSERT_EQ(r.instruments.size(), 1u);
  const auto &f = r.instruments[0].questions[0].themes[0];
  EXPECT_TRUE(f.majority);
  std::vector<std::string> provinces;
  for (std::size_t p : f.provinces)
    provinces.push_back(q.corpus.provinces[p].id);
  EXPECT_EQ(provinces, (std::vector<std::string>{"kanchanaburi", "suphanburi", "samutsongkhram", "prachuap",
                                                 "samutsakhon", "ratchaburi"}));
  ASSERT_EQ(f.quotes.size(), 3u);
  EXPECT_EQ(f.quotes[0].segment_id, "centre1300/q4/kanchanaburi/3");
  const auto pieces = report::quote_pieces(r, f.quotes[0]);
  std::string highlighted;
  for (const auto &[text, marked] : pieces)
    if (marked) highlighted += "[" + text + "]";
  EXPECT_EQ(highlighted, "[ไม่มีงบ][สนับสนุนงบ]");
  // Each quote is the longest of its province's segments that have the theme.
  for (const auto &quote : f.quotes) {
    const auto &answer = q.corpus.answers[quote.answer];
    EXPECT_EQ(answer.province, quote.province);
    const auto &text = answer.segments[quote.segment].text;
    for (std::size_t s = 0; s < answer.segments.size(); ++s)
      if (answer.segments[s].text.size() > text.size()) {
        EXPECT_TRUE(report::theme_spans(q.cb, coding::code_text(q.matcher, answer.segments[s].text), budget).empty())
            << quote.segment_id;
      }
  }
  EXPECT_EQ(report::theme_sentence(r, r.instruments[0].questions[0], f),
            "ผู้ให้ข้อมูลส่วนใหญ่ระบุประเด็นงบประมาณและค่าใช้จ่าย (6 จาก 8 จังหวัด ได้แก่ กาญจนบุรี สุพรรณบุรี สมุทรสงคราม ประจวบคีรีขันธ์ "
            "สมุทรสาคร และราชบุรี)");
}

TEST(ReportModel, ACountTheCodingsContradictIsAnError) {
  Q4 q;
  const auto budget = *q.cb.index_of("budget");
  EXPECT_THROW(q.builder.build({{aggregate::question_number(q.corpus, q.instrument, q.question),
                                 q.instrument,
                                 q.question,
                                 8,
                                 {{budget, 5}}}},
                               {aggregate::Matrix{}}, {}, false),
               Error);
}

} // namespace
