// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/error.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace supanalyze::corpus {

// The name a command prints for a province, question or instrument (--lang): the Thai name, or
// with `english` the English one; the id where that name is missing.
inline const std::string &name_in(const std::string &id, const std::string &th, const std::string &en, bool english) {
  const std::string &name = english ? en : th;
  return name.empty() ? id : name;
}

struct Province {
  std::string id;
  std::string th;
  std::string en; // corpus.yaml's `en:`, or empty
  const std::string &label(bool english) const { return name_in(id, th, en, english); }
};

struct Question {
  std::string id;
  std::string th; // the question's text
  std::string en; // its English text, or empty
  const std::string &label(bool english) const { return name_in(id, th, en, english); }
  // The text to print in full (the report's captions): English when asked for and given, else Thai.
  const std::string &text_in(bool english) const { return english && !en.empty() ? en : th; }
};

struct Instrument {
  std::string id;
  std::string th;
  std::string en;
  std::vector<Question> questions;
  const std::string &label(bool english) const { return name_in(id, th, en, english); }
};

// The most bytes one segment's text may have (docs/limits.md). The longest of the bundled corpus
// has 1.3 KB; one of 50 MB took 900 MB of memory and minutes to code, and one of a few GB ran
// out of memory (std::bad_alloc, with no file named) or past ICU's 32-bit lengths.
inline constexpr std::size_t k_max_segment_bytes = std::size_t{1} << 20;

// The message for a segment's text of `bytes` bytes, more than k_max_segment_bytes.
std::string segment_too_long(std::size_t bytes);

// The unit of coding: one list item or paragraph. `text` is normalized.
struct Segment {
  std::string label; // the `###` row label it sits under, or empty
  std::string text;
  SourceLocation where;
};

// One province's answer to one question (a cell of the report's appendix tables). Indices
// refer to the corpus's vectors.
struct Answer {
  std::size_t instrument = 0;
  std::size_t question = 0;
  std::size_t province = 0;
  std::vector<Segment> segments;
  SourceLocation where;
};

// One study round: metadata from corpus.yaml and the answers, ordered by instrument, question
// and province as corpus.yaml orders them.
struct Corpus {
  std::string id;
  std::string title;
  int year_be = 0;
  int year_ce = 0;
  std::vector<Province> provinces;
  std::vector<Instrument> instruments;
  std::vector<Answer> answers;

  std::optional<std::size_t> province_index(std::string_view id) const;
  std::optional<std::size_t> instrument_index(std::string_view id) const;
  std::optional<std::size_t> question_index(std::size_t instrument, std::string_view id) const;

  // "centre1300/q4/ratchaburi/3": stable, readable segment ids (`n` counts from 1).
  std::string segment_id(const Answer &answer, std::size_t n) const;
  // "centre1300/q4"
  std::string question_key(const Answer &answer) const;

  // The province, instrument or question a person means by `name`: its id in any case
  // (`Ratchaburi`, `Q01` for `q01`) or its Thai name (`ราชบุรี`, compared after normalization).
  // Readers of hand-made tables and the filters use these; the *_index functions take exact ids.
  std::optional<std::size_t> find_province(std::string_view name) const;
  std::optional<std::size_t> find_instrument(std::string_view name) const;
  std::optional<std::size_t> find_question(std::size_t instrument, std::string_view name) const;

  std::size_t question_count() const;
  std::size_t segment_count() const;
  // Puts answers in canonical order.
  void sort_answers();
};

} // namespace supanalyze::corpus
