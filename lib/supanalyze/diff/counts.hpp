// SPDX-License-Identifier: MIT
#pragma once
// What `supanalyze diff` compares: the counts of a result, per question and theme, with the
// provinces behind each count where the result has them. Read from a freq or matrix JSON table
// (schemas supanalyze.freq/1 and /2, supanalyze.matrix/1 and /2: docs/json.md) or computed from a
// corpus and a codebook.

#include <supanalyze/aggregate/tally.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/codebook/model.hpp>
#include <supanalyze/corpus/model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace supanalyze::diff {

// A province's (or, in a matrix, a column item's) part of a count.
struct Member {
  std::string id;
  std::uint64_t count = 0;
};

// One count: of a theme under a question, in the result's unit.
struct Group {
  std::string question; // "centre1300/q4", an instrument, or "" when the result covers its whole selection
  std::string theme;    // theme id, or "" when the result is not split by theme
  std::uint64_t count = 0;
  std::vector<Member> members; // provinces with a non-zero count, in the result's order
};

struct QuestionInfo {
  std::string id;   // "centre1300/q4"
  std::string text; // the question's Thai text, or "" when the result does not carry it
  bool has_respondents = false;
  std::vector<std::string> respondents;     // provinces that answered it (when has_respondents)
  std::optional<std::uint64_t> denominator; // freq tables: what a share is of
};

struct Item {
  std::string id;
  std::string label;
};

struct Counts {
  std::string source; // the path given, for messages
  std::string kind;   // "freq", "matrix" or "corpus"
  std::string layout; // "question x theme", or a matrix's "rows x cols"
  std::string corpus_id;
  int year = 0;
  std::string codebook_id, codebook_version;
  std::string unit;
  std::string filters;               // the filters as compact JSON, "" for a corpus
  bool has_members = false;          // groups list their provinces
  bool members_sum_to_count = false; // a group's count is the sum of its members (corpora)
  bool knows_provinces = false;      // `provinces` is complete
  bool knows_themes = false;         // `themes` is complete (a freq table lists coded themes only)
  std::vector<Item> provinces;
  std::vector<QuestionInfo> questions;
  std::vector<Item> themes;
  std::vector<Group> groups;
};

// Reads a JSON table written by `freq --format json` or `matrix --format json`; throws Error
// naming `file` when the text is not JSON or not one of those schemas. Labels are Thai unless
// `english`.
Counts read_table_json(const std::string &json_text, const std::string &file, bool english = false);

// Codes `corpus` with `matcher` (compiled from `codebook`) and counts every theme under every
// question in `unit`, with the provinces behind each count.
Counts count_corpus(const corpus::Corpus &corpus, const codebook::Codebook &codebook, const codebook::Matcher &matcher,
                    aggregate::Unit unit, unsigned threads, bool english = false);

} // namespace supanalyze::diff
