// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/aggregate/questions.hpp>
#include <supanalyze/codebook/model.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/model.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace supanalyze::aggregate {

// What a count counts (ARCHITECTURE.md, Counting): provinces whose answer has at least one
// coding (what the report calls "most informants" when more than half), answers (province x
// question), segments with at least one coding, or mentions (codings).
enum class Unit { provinces, answers, segments, mentions };

// Parses a unit, in the plural or the singular ("province" or "provinces", ...): every command
// and configuration accepts both. Throws Error listing the units otherwise.
Unit parse_unit(const std::string &name);
// Every unit, in the order --help lists them (the parser, the help and the shell completions
// read this one list).
const std::vector<Unit> &all_units();
// The unit's name as outputs print it: the plural ("provinces").
std::string to_string(Unit unit);
// The singular ("province").
std::string singular(Unit unit);

// One answer's counts per theme, rolled up: a theme counts where it or a descendant is coded,
// once per segment and once per span (no double counting).
struct AnswerTally {
  std::size_t answer = 0;
  std::vector<std::uint32_t> segments; // per theme
  std::vector<std::uint32_t> mentions; // per theme
  std::uint32_t any_segments = 0;      // segments with any selected theme
  std::uint32_t any_mentions = 0;      // distinct spans of any selected theme
  std::uint32_t all_mentions = 0;      // distinct spans of any theme, selected or not: what a
                                       // theme's share of mentions is taken of, whatever -t selects
};

AnswerTally tally_answer(const codebook::Codebook &codebook, const coding::AnswerCodings &coded,
                         const std::vector<bool> &theme_selected);

enum class Axis { theme, province, question };
Axis parse_axis(const std::string &name);
// Every axis (theme, province, question): what --rows/--cols accept and complete.
const std::vector<Axis> &all_axes();
std::string to_string(Axis axis);

// Counts in one unit: cells, row totals, column totals and a grand total. Every total counts
// the units of its whole row or column once (a province that mentions a theme under two
// questions is one province), so totals are not always sums of cells.
struct Matrix {
  Axis rows = Axis::theme;
  Axis cols = Axis::province;
  Unit unit = Unit::provinces;
  std::vector<std::size_t> row_items; // theme, province or question indices (question_number)
  std::vector<std::size_t> col_items;
  std::vector<std::vector<std::uint64_t>> cells;
  std::vector<std::uint64_t> row_totals;
  std::vector<std::uint64_t> col_totals;
  std::uint64_t total = 0;
};

// Accumulates answer tallies into a matrix, one answer at a time (memory does not grow with
// the corpus). Questions are numbered across instruments in corpus order.
class MatrixBuilder {
public:
  MatrixBuilder(const corpus::Corpus &corpus, Axis rows, Axis cols, Unit unit, std::vector<std::size_t> row_items,
                std::vector<std::size_t> col_items, const std::vector<bool> &theme_selected);
  void add(const AnswerTally &tally);
  // For answers that are not in the corpus's vector (streamed).
  void add(const AnswerTally &tally, const corpus::Answer &answer);
  Matrix finish() const;

private:
  struct Count {
    std::uint64_t segments = 0, mentions = 0, answers = 0;
    std::vector<bool> provinces;
    void add(std::uint64_t segs, std::uint64_t ments, std::size_t province, std::size_t province_count);
    std::uint64_t value(Unit unit) const;
  };
  long index(Axis axis, std::size_t theme, std::size_t province, std::size_t question) const;

  const corpus::Corpus &m_corpus;
  Axis m_rows, m_cols;
  Unit m_unit;
  std::vector<std::size_t> m_row_items, m_col_items;
  std::vector<long> m_row_index, m_col_index; // item -> position or -1
  std::vector<bool> m_theme_selected;
  std::vector<std::vector<Count>> m_cells;
  std::vector<Count> m_row_totals, m_col_totals;
  Count m_total;
};

} // namespace supanalyze::aggregate
