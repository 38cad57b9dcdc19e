// SPDX-License-Identifier: MIT
#pragma once
// The run configuration: one YAML file that describes a whole analysis (corpus, codebook,
// output folder and the tables to write), so that an office can rerun it every fiscal year
// and in CI without hand work. Format: docs/run.md.

#include <supanalyze/aggregate/tally.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/language.hpp>
#include <supanalyze/output/format.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace supanalyze::run {

enum class TableKind { freq, matrix, report };

// "freq", "matrix" or "report".
std::string to_string(TableKind kind);

// One table of a run, written in one or more formats as `<name>.<extension>`.
struct OutputSpec {
  std::string name; // file name stem
  TableKind table = TableKind::freq;
  aggregate::Unit unit = aggregate::Unit::provinces;                  // `unit:` in the plural or the singular
  aggregate::Axis rows = aggregate::Axis::theme;                      // matrix only
  aggregate::Axis cols = aggregate::Axis::province;                   // matrix only
  std::vector<std::string> instruments, questions, provinces, themes; // filters, as written
  std::vector<output::Format> formats;                                // some of k_run_formats; at least one
  Language lang = Language::th;
  bool all = false;     // freq only: list themes with a zero count too
  bool bom = false;     // a UTF-8 byte order mark before the csv and tsv files (for Excel)
  SourceLocation where; // the output's entry in the config, for errors about its filters
};

struct RunConfig {
  std::filesystem::path file;      // the configuration file, as given
  std::string corpus_as_written;   // `corpus:` as written (recorded in the manifest)
  std::string codebook_as_written; // `codebook:` as written, or empty for the built-in one
  std::filesystem::path corpus;    // resolved against the configuration's folder
  std::filesystem::path meta;      // corpus.yaml for a table corpus, or empty
  std::filesystem::path codebook;  // empty: the built-in default codebook
  std::filesystem::path output;    // the output folder
  std::vector<OutputSpec> outputs;
};

// The formats a run can write the report in (`table: report`), each to `<name>.<extension>`.
inline const std::vector<output::Format> k_report_formats{output::Format::html, output::Format::docx,
                                                          output::Format::md};

// The formats a run can write its tables in; each goes to `<name>.<output::extension>`, except
// xlsx: the sheets of every output listing it go into one workbook, `tables.xlsx`.
inline const std::vector<output::Format> k_run_formats{output::Format::table, output::Format::csv,
                                                       output::Format::tsv,   output::Format::json,
                                                       output::Format::md,    output::Format::xlsx};

// Parses and validates a run configuration read from `file`. Every problem goes to
// `diagnostics` as "file:line:col: key.path: message": bad YAML, unknown keys (with the closest
// known key), missing keys, unknown table kinds, units, axes or formats, options that do not
// apply to the table kind, duplicate output names. Relative paths are resolved against the
// folder of `file`.
RunConfig parse_run_config(const std::string &yaml_text, const std::filesystem::path &file, Diagnostics &diagnostics);

// Reads `file` and throws InputError at the first error.
RunConfig load_run_config(const std::filesystem::path &file);

} // namespace supanalyze::run
