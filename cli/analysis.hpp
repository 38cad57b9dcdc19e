// SPDX-License-Identifier: MIT
#pragma once
// Options and set-up shared by the commands that code a corpus (code, freq, matrix, kwic).

#include "common.hpp"

#include <nlohmann/json.hpp>

#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/model.hpp>

#include <memory>
#include <string>
#include <vector>

namespace supanalyze::cli {

struct AnalysisOptions {
  std::string corpus;
  std::string meta;
  std::string codebook;
  std::string output;
  std::string format;
  std::string unit = "provinces";
  std::vector<std::string> instruments;
  std::vector<std::string> questions; // "q4" or "centre1300/q4"
  std::vector<std::string> provinces;
  std::vector<std::string> themes;
  std::string lang = "th";
  unsigned threads = 0;
};

// Adds CORPUS, --meta, -c, -o, -f (with `formats` in its help and `default_format`), the
// filters, --lang and -j to `cmd`. `with_unit` adds --unit.
void add_analysis_options(CLI::App* cmd, AnalysisOptions& opts, const std::string& formats,
                          const std::string& default_format, bool with_unit);

// Everything a coding command needs, loaded and checked once.
struct Analysis {
  corpus::Corpus corpus;
  std::shared_ptr<codebook::Codebook> codebook;
  std::shared_ptr<codebook::Matcher> matcher;
  // The whole corpus coded once, every answer in corpus order (run codes once for many
  // tables); when null, tally_corpus codes the corpus itself.
  std::shared_ptr<const std::vector<coding::AnswerCodings>> codings;
  std::vector<bool> answer_selected;   // by the --instrument/--question/--province filters
  std::vector<bool> theme_selected;    // by --theme (a theme and its descendants)
  bool english = false;

  bool question_selected(std::size_t instrument, std::size_t question) const;
};

// Loads the corpus and codebook (`codebook_override` instead of -c when given) and resolves
// the filters.
Analysis prepare_analysis(const AnalysisOptions& opts, const codebook::Codebook* codebook_override = nullptr);
// The same corpus, codebook, matcher and codings as `loaded` (shared, not loaded again) with
// the filters and options of `opts`.
Analysis prepare_analysis(const AnalysisOptions& opts, const Analysis& loaded);

// The filters as written, for JSON outputs.
nlohmann::ordered_json filters_json(const AnalysisOptions& opts);

} // namespace supanalyze::cli

#include <supanalyze/aggregate/tally.hpp>

#include <functional>

namespace supanalyze::cli {

// Codes the selected answers and hands each one's tally (selected themes) to `on_tally`.
void tally_corpus(const Analysis& a, unsigned threads, const std::function<void(const aggregate::AnswerTally&)>& on_tally);

// Items of an axis after the filters: selected themes, provinces, or questions (numbered as
// aggregate::question_number).
std::vector<std::size_t> axis_items(const Analysis& a, aggregate::Axis axis);
// The label of an axis item: a theme's label, a province's name, "instrument/question".
std::string axis_label(const Analysis& a, aggregate::Axis axis, std::size_t item);
std::string axis_id(const Analysis& a, aggregate::Axis axis, std::size_t item);

// JSON header shared by every table output: schema, corpus, codebook, unit and filters.
nlohmann::ordered_json json_header(const Analysis& a, const AnalysisOptions& opts, const std::string& schema);

} // namespace supanalyze::cli
