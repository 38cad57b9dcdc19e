// SPDX-License-Identifier: MIT
#include <supanalyze/aggregate/tally.hpp>
#include <supanalyze/error.hpp>

#include <algorithm>
#include <tuple>

namespace supanalyze::aggregate {

const std::vector<Unit> &all_units() {
  static const std::vector<Unit> units{Unit::provinces, Unit::answers, Unit::segments, Unit::mentions};
  return units;
}

const std::vector<Axis> &all_axes() {
  static const std::vector<Axis> axes{Axis::theme, Axis::province, Axis::question};
  return axes;
}

Unit parse_unit(const std::string &name) {
  for (Unit unit : all_units())
    if (name == to_string(unit) || name == singular(unit)) return unit;
  throw Error("the unit must be provinces, answers, segments or mentions (or the singular), not '" + name + "'");
}

std::string to_string(Unit unit) {
  switch (unit) {
  case Unit::provinces:
    return "provinces";
  case Unit::answers:
    return "answers";
  case Unit::segments:
    return "segments";
  case Unit::mentions:
    return "mentions";
  }
  return "provinces";
}

std::string singular(Unit unit) {
  const std::string plural = to_string(unit);
  return plural.substr(0, plural.size() - 1);
}

Axis parse_axis(const std::string &name) {
  for (Axis axis : all_axes())
    if (name == to_string(axis) || name == to_string(axis) + "s") return axis;
  throw Error("an axis must be theme, province or question, not '" + name + "'");
}

std::string to_string(Axis axis) {
  switch (axis) {
  case Axis::theme:
    return "theme";
  case Axis::province:
    return "province";
  case Axis::question:
    return "question";
  }
  return "theme";
}

AnswerTally tally_answer(const codebook::Codebook &cb, const coding::AnswerCodings &coded,
                         const std::vector<bool> &theme_selected) {
  AnswerTally t;
  t.answer = coded.answer;
  t.segments.assign(cb.themes.size(), 0);
  t.mentions.assign(cb.themes.size(), 0);
  // (theme, in_label, start, end), rolled up: a label and a text span never merge
  std::vector<std::tuple<std::size_t, bool, std::uint32_t, std::uint32_t>> spans;
  std::vector<std::tuple<bool, std::uint32_t, std::uint32_t>> any, all;
  for (const auto &segment : coded.segments) {
    spans.clear();
    any.clear();
    all.clear();
    for (const auto &c : segment) {
      all.emplace_back(c.in_label, c.start, c.end);
      if (theme_selected[c.theme]) any.emplace_back(c.in_label, c.start, c.end);
      for (std::size_t theme : cb.self_and_ancestors(c.theme))
        spans.emplace_back(theme, c.in_label, c.start, c.end);
    }
    std::sort(spans.begin(), spans.end());
    spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
    std::size_t previous = SIZE_MAX;
    for (const auto &[theme, in_label, s, e] : spans) {
      ++t.mentions[theme];
      if (theme != previous) ++t.segments[theme];
      previous = theme;
    }
    std::sort(any.begin(), any.end());
    any.erase(std::unique(any.begin(), any.end()), any.end());
    t.any_mentions += static_cast<std::uint32_t>(any.size());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    t.all_mentions += static_cast<std::uint32_t>(all.size());
    t.any_segments += any.empty() ? 0 : 1;
  }
  return t;
}

void MatrixBuilder::Count::add(std::uint64_t segs, std::uint64_t ments, std::size_t province,
                               std::size_t province_count) {
  segments += segs;
  mentions += ments;
  ++answers;
  if (provinces.empty()) provinces.assign(province_count, false);
  provinces[province] = true;
}

std::uint64_t MatrixBuilder::Count::value(Unit unit) const {
  switch (unit) {
  case Unit::provinces:
    return static_cast<std::uint64_t>(std::count(provinces.begin(), provinces.end(), true));
  case Unit::answers:
    return answers;
  case Unit::segments:
    return segments;
  case Unit::mentions:
    return mentions;
  }
  return 0;
}

MatrixBuilder::MatrixBuilder(const corpus::Corpus &corpus, Axis rows, Axis cols, Unit unit,
                             std::vector<std::size_t> row_items, std::vector<std::size_t> col_items,
                             const std::vector<bool> &theme_selected)
    : m_corpus(corpus), m_rows(rows), m_cols(cols), m_unit(unit), m_row_items(std::move(row_items)),
      m_col_items(std::move(col_items)), m_theme_selected(theme_selected) {
  if (rows == cols) throw Error("rows and columns must be different axes (both are '" + to_string(rows) + "')");
  auto positions = [](const std::vector<std::size_t> &items) {
    const std::size_t size = items.empty() ? 0 : *std::max_element(items.begin(), items.end()) + 1;
    std::vector<long> pos(size, -1);
    for (std::size_t k = 0; k < items.size(); ++k)
      pos[items[k]] = static_cast<long>(k);
    return pos;
  };
  m_row_index = positions(m_row_items);
  m_col_index = positions(m_col_items);
  m_cells.assign(m_row_items.size(), std::vector<Count>(m_col_items.size()));
  m_row_totals.resize(m_row_items.size());
  m_col_totals.resize(m_col_items.size());
}

long MatrixBuilder::index(Axis axis, std::size_t theme, std::size_t province, std::size_t question) const {
  const auto &positions = axis == m_rows ? m_row_index : m_col_index;
  const std::size_t item = axis == Axis::theme ? theme : axis == Axis::province ? province : question;
  return item < positions.size() ? positions[item] : -1;
}

void MatrixBuilder::add(const AnswerTally &tally) { add(tally, m_corpus.answers[tally.answer]); }

void MatrixBuilder::add(const AnswerTally &tally, const corpus::Answer &answer) {
  const std::size_t province = answer.province;
  const std::size_t question = question_number(m_corpus, answer.instrument, answer.question);
  const std::size_t n = m_corpus.provinces.size();
  const bool themed = m_rows == Axis::theme || m_cols == Axis::theme;
  if (tally.any_segments > 0) m_total.add(tally.any_segments, tally.any_mentions, province, n);
  if (!themed) {
    if (tally.any_segments == 0) return;
    const long r = index(m_rows, 0, province, question), c = index(m_cols, 0, province, question);
    if (r >= 0 && c >= 0) m_cells[r][c].add(tally.any_segments, tally.any_mentions, province, n);
    if (r >= 0) m_row_totals[r].add(tally.any_segments, tally.any_mentions, province, n);
    if (c >= 0) m_col_totals[c].add(tally.any_segments, tally.any_mentions, province, n);
    return;
  }
  // The non-theme axis: its total over all themes is the answer's "any theme" count.
  const Axis other = m_rows == Axis::theme ? m_cols : m_rows;
  const long o = index(other, 0, province, question);
  if (o >= 0 && tally.any_segments > 0)
    (other == m_rows ? m_row_totals : m_col_totals)[o].add(tally.any_segments, tally.any_mentions, province, n);
  if (o < 0) return;
  for (std::size_t theme = 0; theme < tally.segments.size(); ++theme) {
    if (tally.segments[theme] == 0 || !m_theme_selected[theme]) continue;
    const long t = index(Axis::theme, theme, province, question);
    if (t < 0) continue;
    auto &cell = m_rows == Axis::theme ? m_cells[t][o] : m_cells[o][t];
    cell.add(tally.segments[theme], tally.mentions[theme], province, n);
    (m_rows == Axis::theme ? m_row_totals : m_col_totals)[t].add(tally.segments[theme], tally.mentions[theme], province,
                                                                 n);
  }
}

Matrix MatrixBuilder::finish() const {
  Matrix m;
  m.rows = m_rows;
  m.cols = m_cols;
  m.unit = m_unit;
  m.row_items = m_row_items;
  m.col_items = m_col_items;
  for (const auto &row : m_cells) {
    m.cells.emplace_back();
    for (const auto &cell : row)
      m.cells.back().push_back(cell.value(m_unit));
  }
  for (const auto &t : m_row_totals)
    m.row_totals.push_back(t.value(m_unit));
  for (const auto &t : m_col_totals)
    m.col_totals.push_back(t.value(m_unit));
  m.total = m_total.value(m_unit);
  return m;
}

} // namespace supanalyze::aggregate
