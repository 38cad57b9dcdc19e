// SPDX-License-Identifier: MIT
#include <supanalyze/aggregate/frequency.hpp>
#include <supanalyze/aggregate/questions.hpp>
#include <supanalyze/error.hpp>

#include <algorithm>

namespace supanalyze::aggregate {

std::vector<QuestionFrequency> question_frequencies(const corpus::Corpus &corpus, const TableCount &count, bool all) {
  const Matrix m = count.finish();
  if (m.rows != Axis::theme || m.cols != Axis::question)
    throw Error("question frequencies need a theme x question table");
  const Coverage &coverage = count.coverage();
  std::vector<QuestionFrequency> result;
  for (std::size_t col = 0; col < m.col_items.size(); ++col) {
    const std::size_t number = m.col_items[col];
    const auto [instrument, question] = question_of(corpus, number);
    QuestionFrequency q{number, instrument, question, 0, {}};
    switch (m.unit) {
    case Unit::segments:
      q.denominator = coverage.segments[number];
      break;
    case Unit::mentions:
      q.denominator = coverage.mentions[number]; // of every theme: -t only selects rows
      break;
    default:
      q.denominator = coverage.answers[number]; // one answer per province and question
    }
    for (std::size_t row = 0; row < m.row_items.size(); ++row)
      if (all || m.cells[row][col] > 0) q.themes.emplace_back(m.row_items[row], m.cells[row][col]);
    std::stable_sort(q.themes.begin(), q.themes.end(),
                     [](const auto &x, const auto &y) { return x.second > y.second; });
    result.push_back(std::move(q));
  }
  return result;
}

bool is_majority(Unit unit, std::uint64_t count, std::uint64_t of) {
  return (unit == Unit::provinces || unit == Unit::answers) && count * 2 > of;
}

} // namespace supanalyze::aggregate
