// SPDX-License-Identifier: MIT
// The one table counter (aggregate::TableCount) on the bundled corpus: the per-question tables
// that diff and the report use agree with the theme x question table that freq prints, and
// question numbers go both ways.
#include "test_support.hpp"

#include <supanalyze/aggregate/count.hpp>
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/reader.hpp>

#include <gtest/gtest.h>

using namespace supanalyze;

namespace {

TEST(QuestionNumbers, RoundTripInCorpusOrder) {
  const auto c = corpus::read_corpus(supanalyze::testing::bundled_corpus());
  std::size_t number = 0;
  for (std::size_t i = 0; i < c.instruments.size(); ++i)
    for (std::size_t q = 0; q < c.instruments[i].questions.size(); ++q, ++number) {
      EXPECT_EQ(aggregate::question_number(c, i, q), number);
      EXPECT_EQ(aggregate::question_of(c, number), std::make_pair(i, q));
      EXPECT_EQ(aggregate::question_id(c, number), c.instruments[i].id + "/" + c.instruments[i].questions[q].id);
    }
  EXPECT_EQ(number, c.question_count());
  EXPECT_THROW(aggregate::question_of(c, number), Error);
}

TEST(TableCount, PerQuestionTablesAddUpToTheThemeByQuestionTable) {
  const auto c = corpus::read_corpus(supanalyze::testing::bundled_corpus());
  const auto cb = codebook::load_codebook("");
  const codebook::Matcher matcher(cb);
  for (auto unit : {aggregate::Unit::provinces, aggregate::Unit::segments, aggregate::Unit::mentions}) {
    const auto all = aggregate::select_all(c, cb);
    aggregate::TableCount whole(c, cb, all, aggregate::Axis::theme, aggregate::Axis::question, unit);
    aggregate::QuestionTables per_question(c, cb, all, aggregate::Axis::theme, aggregate::Axis::province, unit);
    coding::code_corpus(c, matcher, 2, [&](const coding::AnswerCodings &coded) {
      whole.add(c.answers[coded.answer], coded);
      per_question.add(c.answers[coded.answer], coded);
    });
    const aggregate::Matrix m = whole.finish();
    ASSERT_EQ(per_question.questions().size(), c.question_count());
    std::uint64_t nonzero = 0;
    for (std::size_t k = 0; k < per_question.questions().size(); ++k) {
      const aggregate::Matrix q = per_question.table(k).finish();
      const auto col =
          std::find(m.col_items.begin(), m.col_items.end(), per_question.questions()[k]) - m.col_items.begin();
      ASSERT_LT(static_cast<std::size_t>(col), m.col_items.size());
      ASSERT_EQ(q.row_items, m.row_items);
      for (std::size_t r = 0; r < q.row_items.size(); ++r) {
        std::uint64_t sum = 0;
        for (std::uint64_t v : q.cells[r])
          sum += v;
        // One answer per province and question: a province count is a sum over provinces.
        EXPECT_EQ(sum, m.cells[r][col]) << aggregate::to_string(unit) << " " << cb.themes[q.row_items[r]].id << " "
                                        << aggregate::question_id(c, per_question.questions()[k]);
        EXPECT_EQ(q.row_totals[r], m.cells[r][col]);
        nonzero += sum > 0;
      }
    }
    EXPECT_GT(nonzero, 100u); // the bundled corpus codes well over a hundred theme x question cells
  }
}

TEST(TableCount, SelectionNarrowsToOneQuestion) {
  const auto c = corpus::read_corpus(supanalyze::testing::bundled_corpus());
  const auto cb = codebook::load_codebook("");
  const auto q = aggregate::select_question(aggregate::select_all(c, cb), 0, 1);
  const auto questions = aggregate::axis_items(c, cb, q, aggregate::Axis::question);
  ASSERT_EQ(questions.size(), 1u);
  EXPECT_EQ(questions.front(), aggregate::question_number(c, 0, 1));
  EXPECT_EQ(aggregate::axis_items(c, cb, q, aggregate::Axis::province).size(), c.provinces.size());
}

} // namespace
