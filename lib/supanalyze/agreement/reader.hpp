// SPDX-License-Identifier: MIT
#pragma once
// Reading one coder's coding of a corpus, in either of two forms:
//  - codings: the output of `supanalyze code` (columns corpus year instrument question province
//    segment theme term start end text; only instrument, question, province, segment and theme
//    are required): every row is a yes for its theme in its segment;
//  - cells: a hand-made table with columns instrument, question, province, theme and value
//    (0 or 1), and optionally segment; other columns (notes) are ignored.
// Either form may be TSV, CSV (RFC 4180) or JSONL (one object per line with the same keys).
//
// Which answers a coder judged (see Coding::answers) follows one rule for every input: an answer
// is judged when the coding can say "no" in it and mentions it. A cell table names its answers
// (a row with value 0 or 1), a REFI-QDA project its text sources; an answer without any is not
// the coder's "no" but an answer the coder never saw, and agreement leaves it out. A code file
// lists only its yeses, so an answer without a row is its "no": it judged every answer.

#include <supanalyze/codebook/model.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/error.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::agreement {

// How a coding was written (see the file comment).
enum class InputForm { codings, cells };

// "codings" or "cells".
std::string to_string(InputForm form);

// One yes of a coder: a theme in an answer, or in one segment of it.
struct Mark {
  std::size_t answer = 0;             // index into Corpus::answers
  std::optional<std::size_t> segment; // 0-based segment index; empty for an answer-level cell
  std::size_t theme = 0;              // index into Codebook::themes (as written, not rolled up)
  std::string term;                   // the matched term or rule of a code file, else empty
  SourceLocation where;               // the row it comes from
};

// One coder's yeses over a corpus.
struct Coding {
  std::string name; // the file name, for messages and output
  InputForm form = InputForm::codings;
  bool has_segments = false; // every mark names its segment (code files; cell tables with `segment`)
  std::vector<Mark> marks;   // in file order
  // Every theme a row names, yes or no (a cell with value 0 is a judgement too), in order of
  // first appearance: the themes this coder coded.
  std::vector<std::size_t> themes;
  // The answers this coder judged (indices into Corpus::answers, ascending, distinct): those a
  // cell table has a row for or a project has a text source for. Empty optional: every answer
  // (a code file, whose rows are only yeses).
  std::optional<std::vector<std::size_t>> answers;

  // True when the coder judged `answer` (see the file comment).
  bool judged(std::size_t answer) const;
};

// `answers` sorted, without repeats: a value for Coding::answers.
std::vector<std::size_t> distinct_answers(std::vector<std::size_t> answers);

// Parses the coding in `bytes` (named `file` in messages) against `corpus` and `codebook`.
// The syntax is JSONL when the first non-blank byte is '{', TSV when the header line has a tab,
// CSV otherwise; the form is cells when the header (or the first object) has a `value` column,
// codings otherwise. Every id is checked: an unknown instrument, question, province or theme,
// a segment number the answer does not have, a value other than 0/1, a corpus column naming
// another corpus, a row with the wrong number of fields or two cells of one unit and theme that
// disagree throw InputError at the offending field's file:line:column.
Coding parse_coding(std::string_view bytes, const std::string &file, const corpus::Corpus &corpus,
                    const codebook::Codebook &codebook);

// Reads `path` (checked to be UTF-8) and parses it as parse_coding does.
Coding read_coding(const std::filesystem::path &path, const corpus::Corpus &corpus, const codebook::Codebook &codebook);

} // namespace supanalyze::agreement
