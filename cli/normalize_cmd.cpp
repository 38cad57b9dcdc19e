// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <supanalyze/io.hpp>
#include <supanalyze/text/decode.hpp>
#include <supanalyze/text/normalizer.hpp>

#include <CLI/CLI.hpp>

#include <memory>

namespace supanalyze::cli {

namespace {

struct NormalizeOptions {
  std::vector<std::string> files;
  std::string output;
  std::vector<std::string> dictionaries;
  bool keep_thai_digits = false;
  bool join_lines = false;
  bool no_dictionary = false;
};

void run_normalize(const NormalizeOptions &opts, Context &ctx) {
  const auto inputs = read_inputs(opts.files, ctx);
  text::Dictionary dictionary = text::Dictionary::domain_default();
  for (const auto &file : opts.dictionaries)
    dictionary.add_lines(text::read_text_file(file), file);
  text::NormalizeOptions options;
  options.keep_thai_digits = opts.keep_thai_digits;
  options.join_lines = opts.join_lines;
  options.dictionary = opts.no_dictionary ? nullptr : &dictionary;
  const text::Normalizer normalizer(options);
  OutputSink sink(opts.output, ctx.out);
  for (const auto &input : inputs)
    sink.stream() << normalizer.normalize(input.bytes);
  sink.commit();
}

} // namespace

void setup_normalize(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<NormalizeOptions>();
  auto *cmd = app.add_subcommand("normalize", "Repair and normalize Thai text (PDF damage included)");
  cmd->footer(R"(
Repairs, in this order: invisible characters and line ends; spaces before Thai marks;
typing faults (decomposed sara am, "เเ" for "แ", vowels typed twice); misplaced, misordered
and over-full mark stacks; letter-spaced runs ("ก า ร" -> "การ"); spaces after เ แ โ ใ ไ and
before ะ า ำ; space runs; then, with libthai's Thai word list and the domain words, marks
shifted onto the next letter and spaces inside a word, only where the damaged text is no word
and the repair is ("บรูณาการ" -> "บูรณาการ", "เรื่ อง" -> "เรื่อง"). Thai digits become ASCII.
No consonant is ever dropped; normalizing twice changes nothing. See docs/normalizer.md.

Examples:
  echo "ข ้อม ูล TPmap" | supanalyze normalize
  supanalyze normalize report.txt --join-lines -o report.clean.txt)");
  cmd->add_option("files", opts->files, "Input files (UTF-8); standard input when none or '-'");
  cmd->add_option("-o,--output", opts->output, "Write to FILE (atomically) instead of standard output");
  cmd->add_flag("--keep-thai-digits", opts->keep_thai_digits, "Keep Thai digits instead of mapping them to 0-9");
  cmd->add_flag("--join-lines", opts->join_lines, "Join lines the PDF broke inside a word");
  cmd->add_option("--dict", opts->dictionaries, "Add the words of FILE (one per line) to the dictionary");
  cmd->add_flag("--no-dict", opts->no_dictionary, "No dictionary repairs (context-free repairs only)");
  cmd->callback([opts, &ctx] { run_normalize(*opts, ctx); });
}

} // namespace supanalyze::cli
