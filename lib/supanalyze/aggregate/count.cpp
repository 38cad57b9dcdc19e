// SPDX-License-Identifier: MIT
#include <supanalyze/aggregate/count.hpp>
#include <supanalyze/error.hpp>

#include <numeric>

namespace supanalyze::aggregate {

Selection select_all(const corpus::Corpus &corpus, const codebook::Codebook &codebook) {
  Selection s;
  s.instrument_ok.assign(corpus.instruments.size(), true);
  s.province_ok.assign(corpus.provinces.size(), true);
  for (const auto &inst : corpus.instruments)
    s.question_ok.emplace_back(inst.questions.size(), true);
  s.theme_selected.assign(codebook.themes.size(), true);
  return s;
}

Selection select_question(Selection selection, std::size_t instrument, std::size_t question) {
  for (std::size_t i = 0; i < selection.question_ok.size(); ++i)
    for (std::size_t q = 0; q < selection.question_ok[i].size(); ++q)
      if (i != instrument || q != question) selection.question_ok[i][q] = false;
  return selection;
}

bool Coverage::covers(Axis axis, std::size_t item) const {
  switch (axis) {
  case Axis::theme:
    return true;
  case Axis::province:
    return provinces[item];
  case Axis::question:
    return answers[item] > 0;
  }
  return false;
}

std::uint64_t Coverage::total_segments() const {
  return std::accumulate(segments.begin(), segments.end(), std::uint64_t{0});
}

std::uint64_t Coverage::total_uncoded() const {
  return std::accumulate(uncoded.begin(), uncoded.end(), std::uint64_t{0});
}

std::vector<std::size_t> axis_items(const corpus::Corpus &c, const codebook::Codebook &codebook, const Selection &s,
                                    Axis axis) {
  std::vector<std::size_t> items;
  switch (axis) {
  case Axis::theme:
    for (std::size_t t = 0; t < codebook.themes.size(); ++t)
      if (s.theme_selected[t]) items.push_back(t);
    break;
  case Axis::province:
    for (std::size_t p = 0; p < c.provinces.size(); ++p)
      if (s.province_ok[p]) items.push_back(p);
    break;
  case Axis::question:
    for (std::size_t i = 0; i < c.instruments.size(); ++i)
      for (std::size_t q = 0; q < c.instruments[i].questions.size(); ++q)
        if (s.instrument_ok[i] && s.question_ok[i][q]) items.push_back(question_number(c, i, q));
    break;
  }
  return items;
}

std::string axis_id(const corpus::Corpus &corpus, const codebook::Codebook &codebook, Axis axis, std::size_t item) {
  switch (axis) {
  case Axis::theme:
    return codebook.themes[item].id;
  case Axis::province:
    return corpus.provinces[item].id;
  case Axis::question:
    return question_id(corpus, item);
  }
  return "";
}

namespace {

// Removes from `m` the province and question rows and columns `coverage` does not cover.
void drop_uncovered(Matrix &m, const Coverage &coverage) {
  std::vector<bool> keep_row, keep_col;
  for (std::size_t item : m.row_items)
    keep_row.push_back(coverage.covers(m.rows, item));
  for (std::size_t item : m.col_items)
    keep_col.push_back(coverage.covers(m.cols, item));
  auto keep = [](auto &values, const std::vector<bool> &kept) {
    std::size_t to = 0;
    for (std::size_t from = 0; from < values.size(); ++from)
      if (kept[from]) {
        if (to != from) values[to] = std::move(values[from]); // never a self-move: it empties a vector
        ++to;
      }
    values.resize(to);
  };
  keep(m.row_items, keep_row);
  keep(m.row_totals, keep_row);
  keep(m.cells, keep_row);
  keep(m.col_items, keep_col);
  keep(m.col_totals, keep_col);
  for (auto &row : m.cells)
    keep(row, keep_col);
}

} // namespace

TableCount::TableCount(const corpus::Corpus &corpus, const codebook::Codebook &codebook, Selection selection, Axis rows,
                       Axis cols, Unit unit)
    : m_corpus(corpus), m_codebook(codebook), m_selection(std::move(selection)), m_unit(unit),
      m_builder(corpus, rows, cols, unit, axis_items(corpus, codebook, m_selection, rows),
                axis_items(corpus, codebook, m_selection, cols), m_selection.theme_selected),
      m_coverage(corpus) {}

void TableCount::add(const corpus::Answer &answer, const coding::AnswerCodings &coded) {
  if (!m_selection.selected(answer)) return;
  add(answer, tally_answer(m_codebook, coded, m_selection.theme_selected));
}

void TableCount::add(const corpus::Answer &answer, const AnswerTally &tally) {
  if (!m_selection.selected(answer)) return;
  const std::size_t q = question_number(m_corpus, answer.instrument, answer.question);
  m_coverage.provinces[answer.province] = true;
  ++m_coverage.answers[q];
  m_coverage.segments[q] += answer.segments.size();
  m_coverage.mentions[q] += tally.all_mentions;
  m_coverage.uncoded[q] += answer.segments.size() - tally.any_segments;
  m_builder.add(tally, answer);
}

Matrix TableCount::finish() const {
  Matrix m = m_builder.finish();
  drop_uncovered(m, m_coverage);
  return m;
}

QuestionTables::QuestionTables(const corpus::Corpus &corpus, const codebook::Codebook &codebook,
                               const Selection &selection, Axis rows, Axis cols, Unit unit)
    : m_corpus(corpus), m_codebook(codebook), m_theme_selected(selection.theme_selected),
      m_questions(axis_items(corpus, codebook, selection, Axis::question)), m_table_of(corpus.question_count(), -1) {
  if (rows == Axis::question || cols == Axis::question) throw Error("per-question tables cannot have a question axis");
  for (std::size_t number : m_questions) {
    const auto [instrument, question] = question_of(corpus, number);
    m_table_of[number] = static_cast<long>(m_tables.size());
    m_tables.emplace_back(corpus, codebook, select_question(selection, instrument, question), rows, cols, unit);
  }
}

void QuestionTables::add(const corpus::Answer &answer, const coding::AnswerCodings &coded) {
  const long t = m_table_of[question_number(m_corpus, answer.instrument, answer.question)];
  if (t < 0 || !m_tables[t].selection().selected(answer)) return;
  m_tables[t].add(answer, tally_answer(m_codebook, coded, m_theme_selected));
}

} // namespace supanalyze::aggregate
