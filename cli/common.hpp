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

#include <supanalyze/corpus/model.hpp>
#include <supanalyze/output/table.hpp>

namespace supanalyze::cli {

// The corpus at `path` (a folder or a .tsv/.csv table), or the bundled corpus when empty;
// `meta` overrides the corpus.yaml used for a table. Errors throw.
corpus::Corpus load_corpus(const std::string& path, const std::string& meta = "");

// Adds the positional CORPUS argument and --meta to `cmd`.
void add_corpus_arguments(CLI::App* cmd, std::string& corpus, std::string& meta);

// Prints `tables` in `format`; CSV/TSV print one header (the tables share their columns).
void write_tables(const std::vector<output::Table>& tables, output::Format format, std::ostream& out);

} // namespace supanalyze::cli
