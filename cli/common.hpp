// SPDX-License-Identifier: MIT
#pragma once

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <type_traits>
#include <vector>

namespace supanalyze::cli {

// One input text: its name for messages ("<stdin>" or the path) and its bytes.
struct InputText {
  std::string name;
  std::string bytes;
};

// Reads `files`, or standard input when there are none (or a file is "-"); each is checked to
// be UTF-8 (an error names the file, line and byte column).
std::vector<InputText> read_inputs(const std::vector<std::string> &files, Context &ctx);

} // namespace supanalyze::cli

#include <supanalyze/aggregate/tally.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/language.hpp>
#include <supanalyze/numbers.hpp>
#include <supanalyze/output/format.hpp>
#include <supanalyze/output/table.hpp>

#include <functional>
#include <optional>

namespace supanalyze::cli {

// `path`, or when it is empty the default corpus: $SUPANALYZE_CORPUS when set (read here, in the
// program: the library reads no environment), else the bundled corpus. Errors throw.
std::filesystem::path corpus_or_default(const std::string &path);

// The corpus at `path` (a folder or a .tsv/.csv table), or the default corpus when empty;
// `meta` overrides the corpus.yaml used for a table. Errors throw.
corpus::Corpus load_corpus(const std::string &path, const std::string &meta = "");

// Adds the positional CORPUS argument and --meta to `cmd`.
void add_corpus_arguments(CLI::App *cmd, std::string &corpus, std::string &meta);

// The names of `values` (each value's to_string): an enum's choices for add_parsed_option.
template <typename T> std::vector<std::string> names_of(const std::vector<T> &values) {
  std::vector<std::string> names;
  for (const T &value : values)
    names.push_back(to_string(value));
  return names;
}

// Adds option `names` whose value is parsed into `target` by `parse` as the command line is
// read: options are enums from then on, never strings parsed again. A value `parse` refuses
// (it throws Error saying what is allowed) is a usage error naming the option (exit 2).
// `choices`, the names of the values `parse` accepts (from the same table it reads), are the
// option's type in --help and the man page ("TEXT:{th,en}") and what shell completion offers;
// a number option has none, and its type is INT or FLOAT.
template <typename T>
CLI::Option *add_parsed_option(CLI::App *cmd, const std::string &names, T &target,
                               std::function<T(const std::string &)> parse, const std::string &help,
                               const std::string &default_text, const std::vector<std::string> &choices = {}) {
  std::string type = std::is_floating_point_v<T> ? "FLOAT" : std::is_integral_v<T> ? "INT" : "TEXT";
  if (!choices.empty()) {
    type += ":{";
    for (std::size_t i = 0; i < choices.size(); ++i)
      type += (i ? "," : "") + choices[i];
    type += "}";
  }
  return cmd
      ->add_option_function<std::string>(
          names,
          [&target, parse, name = names.substr(names.rfind(',') + 1)](const std::string &value) {
            try {
              target = parse(value);
            } catch (const Error &e) {
              throw CLI::ValidationError(name, e.what());
            }
          },
          help)
      ->default_str(default_text)
      ->type_name(type);
}

// An integer option whose value must lie in [min, max]: checked as the command line is read, a
// value outside (or not a number) is a usage error that gives the range (exit 2).
template <typename T>
CLI::Option *add_integer_option(CLI::App *cmd, const std::string &names, T &target, long long min, long long max,
                                const std::string &help) {
  return add_parsed_option<T>(
      cmd, names, target, [min, max](const std::string &v) { return static_cast<T>(parse_integer(v, min, max)); }, help,
      std::to_string(target));
}

// A number option (double) whose value must be finite and lie in [min, max], checked the same way.
CLI::Option *add_real_option(CLI::App *cmd, const std::string &names, double &target, double min, double max,
                             const std::string &help);

// -j,--threads: 0 (one per core) up to max_threads(), 4 per core; more is refused with a
// message that says so.
CLI::Option *add_threads_option(CLI::App *cmd, unsigned &threads, const std::string &help);

// -o FILE, -f/--format and --bom of a command that writes one result. --format is parsed
// when the command line is read; without it the format comes from -o's extension
// (output::choose_format), so `-o m.csv` is CSV for every command.
struct OutputOptions {
  std::string output;                               // -o: "" or "-" for standard output
  std::optional<supanalyze::output::Format> format; // --format, when given
  bool bom = false;                                 // --bom
  std::optional<std::size_t> width;                 // --width: 0 for no limit
  std::vector<supanalyze::output::Format> writable; // what the command can write
  supanalyze::output::Format fallback = supanalyze::output::Format::table;

  // The format to write: --format, else -o's extension, else `fallback`. Throws Error (exit 2)
  // for an extension the command cannot write, and for --bom with a format other than CSV/TSV.
  supanalyze::output::Format resolved_format() const;
};

// Adds -o, -f/--format (one of `writable`) and, when `with_bom`, --bom to `cmd`.
void add_output_options(CLI::App *cmd, OutputOptions &opts, std::vector<output::Format> writable,
                        output::Format fallback, bool with_bom = true);

// -f,--format for a command that prints to standard output only: one of `writable`.
CLI::Option *add_format_option(CLI::App *cmd, output::Format &format, const std::vector<output::Format> &writable);

// The display width terminal tables must fit: --width when given (0: no limit), else the
// terminal's width when the output goes to a terminal, else 0 (files and pipes keep everything).
std::size_t table_width(const OutputOptions &opts, const Context &ctx);

// Writes the UTF-8 BOM to `out` when --bom was given (for CSV/TSV, checked by resolved_format).
void write_bom(const OutputOptions &opts, std::ostream &out);

// -u,--unit (provinces|province, answers|answer, segments|segment, mentions|mention).
CLI::Option *add_unit_option(CLI::App *cmd, aggregate::Unit &unit, const std::string &help);
// --lang th|en.
CLI::Option *add_lang_option(CLI::App *cmd, Language &lang, const std::string &help);

// Prints `tables` in `format`; CSV/TSV print one header (the tables share their columns).
// Terminal tables fit `width` display columns (output::write_terminal; 0: no limit), and a last
// line says how to see them whole when one was shortened or split.
void write_tables(const std::vector<output::Table> &tables, output::Format format, std::ostream &out,
                  std::size_t width = 0);

} // namespace supanalyze::cli
