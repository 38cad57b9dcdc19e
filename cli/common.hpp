// SPDX-License-Identifier: MIT
#pragma once

#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace supanalyze::cli {

// One input text: its name for messages ("<stdin>" or the path) and its bytes.
struct InputText {
  std::string name;
  std::string bytes;
};

// Reads `files`, or standard input when there are none (or a file is "-"); each is checked to
// be UTF-8 (an error names the file, line and byte column).
std::vector<InputText> read_inputs(const std::vector<std::string>& files, Context& ctx);

} // namespace supanalyze::cli

#include <supanalyze/aggregate/tally.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/language.hpp>
#include <supanalyze/output/table.hpp>

#include <functional>

namespace supanalyze::cli {

// The corpus at `path` (a folder or a .tsv/.csv table), or the bundled corpus when empty;
// `meta` overrides the corpus.yaml used for a table. Errors throw.
corpus::Corpus load_corpus(const std::string& path, const std::string& meta = "");

// Adds the positional CORPUS argument and --meta to `cmd`.
void add_corpus_arguments(CLI::App* cmd, std::string& corpus, std::string& meta);

// Adds option `names` whose value is parsed into `target` by `parse` as the command line is
// read: options are enums from then on, never strings parsed again. A value `parse` refuses
// (it throws Error saying what is allowed) is a usage error naming the option (exit 2).
template <typename T>
CLI::Option* add_parsed_option(CLI::App* cmd, const std::string& names, T& target,
                               std::function<T(const std::string&)> parse, const std::string& help,
                               const std::string& default_text) {
  return cmd
      ->add_option_function<std::string>(
          names,
          [&target, parse, name = names.substr(names.rfind(',') + 1)](const std::string& value) {
            try {
              target = parse(value);
            } catch (const Error& e) {
              throw CLI::ValidationError(name, e.what());
            }
          },
          help)
      ->default_str(default_text);
}

// -u,--unit (provinces|province, answers|answer, segments|segment, mentions|mention).
CLI::Option* add_unit_option(CLI::App* cmd, aggregate::Unit& unit, const std::string& help);
// --lang th|en.
CLI::Option* add_lang_option(CLI::App* cmd, Language& lang, const std::string& help);

// Prints `tables` in `format`; CSV/TSV print one header (the tables share their columns).
void write_tables(const std::vector<output::Table>& tables, output::Format format, std::ostream& out);

} // namespace supanalyze::cli
