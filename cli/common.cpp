// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <supanalyze/io.hpp>
#include <supanalyze/text/utf8.hpp>

#include <iostream>
#include <iterator>

namespace supanalyze::cli {

std::vector<InputText> read_inputs(const std::vector<std::string> &files, Context &ctx) {
  std::vector<InputText> inputs;
  auto read_stdin = [&] {
    std::string bytes{std::istreambuf_iterator<char>(ctx.in), std::istreambuf_iterator<char>()};
    inputs.push_back({"<stdin>", std::move(bytes)});
  };
  if (files.empty()) read_stdin();
  for (const auto &file : files) {
    if (file == "-")
      read_stdin();
    else
      inputs.push_back({file, read_file(file)});
  }
  for (const auto &input : inputs)
    text::require_valid_utf8(input.bytes, input.name);
  return inputs;
}

} // namespace supanalyze::cli

#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/diagnostics.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace supanalyze::cli {

std::filesystem::path corpus_or_default(const std::string &path) {
  return path.empty() ? corpus::bundled_corpus_path(std::getenv("SUPANALYZE_CORPUS")) : std::filesystem::path(path);
}

corpus::Corpus load_corpus(const std::string &path, const std::string &meta) {
  Diagnostics diagnostics;
  auto c = corpus::read_corpus(corpus_or_default(path), diagnostics, meta);
  report_warnings(diagnostics);
  diagnostics.throw_if_errors();
  return c;
}

void add_corpus_arguments(CLI::App *cmd, std::string &corpus, std::string &meta) {
  cmd->add_option(
      "corpus", corpus,
      "Corpus folder, or a table: .tsv/.txt, .csv, .xlsx, or - for standard input (default: the bundled ssw3-2564)");
  cmd->add_option("--meta", meta,
                  "corpus.yaml to use with a table (default: the one beside it, else ids from the rows)");
  cmd->add_option_function<std::string>(
      "--sheet", [](const std::string &sheet) { corpus::set_table_sheet(sheet); },
      "The sheet of an .xlsx corpus (default: the first)");
}

CLI::Option *add_real_option(CLI::App *cmd, const std::string &names, double &target, double min, double max,
                             const std::string &help) {
  std::string shown = fmt::format("{}", target);
  if (std::isnan(target)) shown = "";
  return add_parsed_option<double>(
      cmd, names, target, [min, max](const std::string &v) { return parse_real(v, min, max); }, help, shown);
}

CLI::Option *add_threads_option(CLI::App *cmd, unsigned &threads, const std::string &help) {
  return add_parsed_option<unsigned>(
      cmd, "-j,--threads", threads,
      [](const std::string &v) {
        try {
          return static_cast<unsigned>(parse_integer(v, 0, max_threads()));
        } catch (const Error &e) {
          throw Error(fmt::format("{} (at most 4 worker threads per core, and this machine has {}; 0: one per core)",
                                  e.what(), max_threads() / 4));
        }
      },
      help, "0");
}

output::Format OutputOptions::resolved_format() const {
  const output::Format f = output::choose_format(format, output, writable, fallback);
  if (bom && f != output::Format::csv && f != output::Format::tsv)
    throw Error("--bom applies to CSV and TSV only (the format is " + output::to_string(f) + ")");
  return f;
}

void add_output_options(CLI::App *cmd, OutputOptions &opts, std::vector<output::Format> writable,
                        output::Format fallback, bool with_bom) {
  opts.writable = std::move(writable);
  opts.fallback = fallback;
  std::string extensions;
  for (output::Format f : opts.writable)
    if (extensions.find("." + output::extension(f)) == std::string::npos)
      extensions += (extensions.empty() ? "" : " ") + ("." + output::extension(f));
  cmd->add_option("-o,--output", opts.output,
                  "Write to FILE (atomically) instead of standard output; its extension (" + extensions +
                      ") picks the format");
  const std::vector<output::Format> formats = opts.writable;
  add_parsed_option<std::optional<output::Format>>(
      cmd, "-f,--format", opts.format,
      [formats](const std::string &name) { return std::optional<output::Format>(output::parse_format(name, formats)); },
      output::format_names(formats) + " (default: from -o's extension, else " + output::to_string(fallback) + ")", "",
      names_of(formats));
  cmd->add_option("--width", opts.width,
                  "Fit terminal tables to N display columns (0: no limit; default: the terminal's width "
                  "on a terminal, no limit in a file or pipe)");
  if (with_bom)
    cmd->add_flag("--bom", opts.bom, "Start CSV/TSV with a UTF-8 byte order mark, so that Excel shows Thai text");
}

CLI::Option *add_format_option(CLI::App *cmd, output::Format &format, const std::vector<output::Format> &writable) {
  return add_parsed_option<output::Format>(
      cmd, "-f,--format", format, [writable](const std::string &name) { return output::parse_format(name, writable); },
      output::format_names(writable), output::to_string(format), names_of(writable));
}

std::size_t table_width(const OutputOptions &opts, const Context &ctx) {
  if (opts.width) return *opts.width;
  return opts.output.empty() || opts.output == "-" ? ctx.terminal_width : 0;
}

void write_bom(const OutputOptions &opts, std::ostream &out) {
  if (opts.bom) out << output::k_utf8_bom;
}

CLI::Option *add_unit_option(CLI::App *cmd, aggregate::Unit &unit, const std::string &help) {
  return add_parsed_option<aggregate::Unit>(cmd, "-u,--unit", unit, aggregate::parse_unit, help,
                                            aggregate::to_string(unit), names_of(aggregate::all_units()));
}

CLI::Option *add_lang_option(CLI::App *cmd, Language &lang, const std::string &help) {
  return add_parsed_option<Language>(cmd, "--lang", lang, parse_language, help, to_string(lang),
                                     names_of(all_languages()));
}

void write_tables(const std::vector<output::Table> &tables, output::Format format, std::ostream &out,
                  std::size_t width) {
  bool fitted = false;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    switch (format) {
    case output::Format::table:
      if (i > 0) out << '\n';
      fitted = output::write_terminal(tables[i], out, width) || fitted;
      break;
    case output::Format::md:
      if (i > 0) out << '\n';
      output::write_markdown(tables[i], out);
      break;
    default:
      output::write_delimited(tables[i], format, out, i == 0);
    }
  }
  if (fitted) out << "(fitted to " << width << " columns: --width 0 shows it whole)\n";
}

} // namespace supanalyze::cli
