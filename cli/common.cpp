// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <supanalyze/io.hpp>
#include <supanalyze/text/utf8.hpp>

#include <iostream>
#include <iterator>

namespace supanalyze::cli {

std::vector<InputText> read_inputs(const std::vector<std::string>& files, Context& ctx) {
  std::vector<InputText> inputs;
  auto read_stdin = [&] {
    std::string bytes{std::istreambuf_iterator<char>(ctx.in), std::istreambuf_iterator<char>()};
    inputs.push_back({"<stdin>", std::move(bytes)});
  };
  if (files.empty()) read_stdin();
  for (const auto& file : files) {
    if (file == "-") read_stdin();
    else inputs.push_back({file, read_file(file)});
  }
  for (const auto& input : inputs) text::require_valid_utf8(input.bytes, input.name);
  return inputs;
}

} // namespace supanalyze::cli

#include <supanalyze/corpus/reader.hpp>

#include <CLI/CLI.hpp>

namespace supanalyze::cli {

corpus::Corpus load_corpus(const std::string& path, const std::string& meta) {
  return corpus::read_corpus(path.empty() ? corpus::bundled_corpus_path() : std::filesystem::path(path), meta);
}

void add_corpus_arguments(CLI::App* cmd, std::string& corpus, std::string& meta) {
  cmd->add_option("corpus", corpus, "Corpus folder or .tsv/.csv table (default: the bundled ssw3-2564)");
  cmd->add_option("--meta", meta, "corpus.yaml to use with a .tsv/.csv corpus (default: the one beside it)");
}

CLI::Option* add_unit_option(CLI::App* cmd, aggregate::Unit& unit, const std::string& help) {
  return add_parsed_option<aggregate::Unit>(cmd, "-u,--unit", unit, aggregate::parse_unit, help, aggregate::to_string(unit));
}

CLI::Option* add_lang_option(CLI::App* cmd, Language& lang, const std::string& help) {
  return add_parsed_option<Language>(cmd, "--lang", lang, parse_language, help, to_string(lang));
}

void write_tables(const std::vector<output::Table>& tables, output::Format format, std::ostream& out) {
  for (std::size_t i = 0; i < tables.size(); ++i) {
    switch (format) {
    case output::Format::table:
      if (i > 0) out << '\n';
      output::write_terminal(tables[i], out);
      break;
    case output::Format::md:
      if (i > 0) out << '\n';
      output::write_markdown(tables[i], out);
      break;
    default:
      output::write_delimited(tables[i], format, out, i == 0);
    }
  }
}

} // namespace supanalyze::cli
