// SPDX-License-Identifier: MIT
#pragma once
// Options and set-up shared by the commands that code a corpus (code, freq, matrix, kwic).

#include "common.hpp"

#include <nlohmann/json.hpp>

#include <supanalyze/aggregate/count.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/language.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace supanalyze::cli {

struct AnalysisOptions : OutputOptions {
  std::string corpus;
  std::string meta;
  std::string codebook;
  aggregate::Unit unit = aggregate::Unit::provinces;
  std::vector<std::string> instruments;
  std::vector<std::string> questions; // "q4" or "centre1300/q4"
  std::vector<std::string> provinces;
  std::vector<std::string> themes;
  Language lang = Language::th;
  unsigned threads = 0;
  bool labels = true; // code the segments' `###` labels too (--no-labels: text only)
};

// Adds CORPUS, --meta, -c, -o/-f/--bom (add_output_options: the command writes `writable`,
// `fallback` by default), the filters, --lang and -j to `cmd`. `with_unit` adds --unit.
void add_analysis_options(CLI::App *cmd, AnalysisOptions &opts, std::vector<output::Format> writable,
                          output::Format fallback, bool with_unit);

// How a command reads the corpus: `whole` holds every answer in Analysis::corpus; `stream`
// reads a .tsv table answer by answer while coding it (memory stays flat; see
// corpus::stream_corpus) and leaves Analysis::corpus with the metadata only.
enum class Load { whole, stream };

// Everything a coding command needs, loaded and checked once. The --instrument/--question/
// --province/--theme filters are its aggregate::Selection.
struct Analysis : aggregate::Selection {
  std::filesystem::path source; // the corpus read (the bundled one when none was given)
  std::filesystem::path meta;   // --meta, or empty
  corpus::Corpus corpus;        // metadata, and every answer unless streamed
  bool streamed = false;
  std::shared_ptr<codebook::Codebook> codebook;
  std::shared_ptr<codebook::Matcher> matcher;
  std::vector<bool> answer_selected; // per answer of `corpus` (not when streamed)
  bool english = false;              // --lang en
  bool code_labels = true;           // --no-labels turns it off
};

// main() calls this: the process ends when its one command returns, so the compiled codebook
// and matcher every later prepare_analysis builds are left to the operating system at exit
// instead of being freed one allocation at a time (a tenth of a small command's instructions).
// Tests run many commands in one process and leave it off.
void keep_analyses_until_exit();

// Loads the corpus (or, with Load::stream, its metadata) and codebook (`codebook_override`
// instead of -c when given) and resolves the filters.
Analysis prepare_analysis(const AnalysisOptions &opts, const codebook::Codebook *codebook_override = nullptr,
                          Load load = Load::whole);
// The same corpus, codebook and matcher as `loaded` (shared, not loaded again) with
// the filters and options of `opts`.
Analysis prepare_analysis(const AnalysisOptions &opts, const Analysis &loaded);

// The filters as written, for JSON outputs.
nlohmann::ordered_json filters_json(const AnalysisOptions &opts);

} // namespace supanalyze::cli

#include <supanalyze/aggregate/tally.hpp>

#include <functional>

namespace supanalyze::cli {

// Codes the selected answers in corpus order (streaming when `a` was prepared to) and hands
// each, with its codings, to `on_coded` on the calling thread.
void for_each_coded(const Analysis &a, unsigned threads,
                    const std::function<void(const corpus::Answer &, const coding::AnswerCodings &)> &on_coded);

// A table of `a`'s selection, rows x cols in `unit` (aggregate::TableCount: feed it the
// answers of for_each_coded).
aggregate::TableCount count_table(const Analysis &a, aggregate::Axis rows, aggregate::Axis cols, aggregate::Unit unit);
// aggregate::axis_items and aggregate::axis_id for the corpus, codebook and selection of `a`.
std::vector<std::size_t> axis_items(const Analysis &a, aggregate::Axis axis);
std::string axis_id(const Analysis &a, aggregate::Axis axis, std::size_t item);
// The label of an axis item: a theme's label, a province's name, "instrument/question".
std::string axis_label(const Analysis &a, aggregate::Axis axis, std::size_t item);

// JSON header shared by every table output: schema, corpus, year, codebook, unit, lang (the
// language of every `label` in the document) and filters (docs/json.md).
nlohmann::ordered_json json_header(const Analysis &a, const AnalysisOptions &opts, const std::string &schema);

} // namespace supanalyze::cli
