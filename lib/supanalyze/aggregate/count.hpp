// SPDX-License-Identifier: MIT
#pragma once
// The one table counter: freq, matrix, run, diff (and the report) count through TableCount,
// fed coded answers one at a time, so a command codes a corpus once (streamed or not) for
// every table it writes. What is counted is decided by a Selection (the filters, resolved).

#include <supanalyze/aggregate/tally.hpp>
#include <supanalyze/codebook/model.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/model.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace supanalyze::aggregate {

// Which answers and themes a table counts: the --instrument/--question/--province/--theme
// filters resolved to flags per index of the corpus and codebook.
struct Selection {
  std::vector<bool> instrument_ok, province_ok;
  std::vector<std::vector<bool>> question_ok; // per instrument, per question
  std::vector<bool> theme_selected;           // a selected theme and its descendants

  bool selected(const corpus::Answer &answer) const {
    return instrument_ok[answer.instrument] && question_ok[answer.instrument][answer.question] &&
           province_ok[answer.province];
  }
};

// Everything selected: every instrument, question, province and theme.
Selection select_all(const corpus::Corpus &corpus, const codebook::Codebook &codebook);
// `selection` narrowed to one question (instrument and question indices).
Selection select_question(Selection selection, std::size_t instrument, std::size_t question);

// What the selected answers cover, gathered while they are counted: which provinces answered,
// and per question (question_number) how many answers and segments, how many mentions of any
// theme (the denominator of mentions, which a theme filter does not change), and how many
// segments carry no selected theme (the uncoded residue, as `supanalyze uncoded` lists it).
struct Coverage {
  std::vector<bool> provinces;
  std::vector<std::uint64_t> answers, segments, mentions, uncoded;
  explicit Coverage(const corpus::Corpus &c)
      : provinces(c.provinces.size()), answers(c.question_count()), segments(c.question_count()),
        mentions(c.question_count()), uncoded(c.question_count()) {}
  // Segments and uncoded segments over every question.
  std::uint64_t total_segments() const;
  std::uint64_t total_uncoded() const;
  // Whether a selected answer covers `item` of `axis` (themes are always covered).
  bool covers(Axis axis, std::size_t item) const;
};

// Items of an axis that `selection` allows, in corpus or codebook order: themes, provinces, or
// question numbers. A table keeps those its Coverage covers.
std::vector<std::size_t> axis_items(const corpus::Corpus &corpus, const codebook::Codebook &codebook,
                                    const Selection &selection, Axis axis);
// The id of an axis item: a theme's or a province's id, or "instrument/question".
std::string axis_id(const corpus::Corpus &corpus, const codebook::Codebook &codebook, Axis axis, std::size_t item);

// One table's counts, rows x cols in a unit, over the answers `selection` selects. Holds
// references to `corpus` and `codebook` (which must outlive it) and a copy of `selection`.
class TableCount {
public:
  TableCount(const corpus::Corpus &corpus, const codebook::Codebook &codebook, Selection selection, Axis rows,
             Axis cols, Unit unit);
  TableCount(const TableCount &) = delete;
  TableCount &operator=(const TableCount &) = delete;
  TableCount(TableCount &&) = default;

  // Counts `answer` (coded as `coded`) when the selection selects it.
  void add(const corpus::Answer &answer, const coding::AnswerCodings &coded);
  // Counts an answer already tallied (tally_answer with this table's theme selection).
  void add(const corpus::Answer &answer, const AnswerTally &tally);
  // The matrix, without the provinces and questions no selected answer covers.
  Matrix finish() const;
  const Coverage &coverage() const { return m_coverage; }
  const Selection &selection() const { return m_selection; }
  Unit unit() const { return m_unit; }

private:
  const corpus::Corpus &m_corpus;
  const codebook::Codebook &m_codebook;
  Selection m_selection;
  Unit m_unit;
  MatrixBuilder m_builder;
  Coverage m_coverage;
};

// One `rows` x `cols` table per selected question, each over that question's answers alone
// (e.g. theme x province per question: which provinces raised a theme under each question).
// `rows` and `cols` must not be the question axis.
class QuestionTables {
public:
  QuestionTables(const corpus::Corpus &corpus, const codebook::Codebook &codebook, const Selection &selection,
                 Axis rows, Axis cols, Unit unit);
  // Counts `answer` in its question's table (each answer is tallied once).
  void add(const corpus::Answer &answer, const coding::AnswerCodings &coded);
  // The selected question numbers, in corpus order, and the table of each.
  const std::vector<std::size_t> &questions() const { return m_questions; }
  const TableCount &table(std::size_t index) const { return m_tables[index]; }

private:
  const corpus::Corpus &m_corpus;
  const codebook::Codebook &m_codebook;
  std::vector<bool> m_theme_selected;
  std::vector<std::size_t> m_questions;
  std::vector<long> m_table_of; // question number -> index into m_tables, or -1
  std::vector<TableCount> m_tables;
};

} // namespace supanalyze::aggregate
