// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/text/decode.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/tokenizer.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>

namespace supanalyze::cli {

namespace {

struct TokenizeOptions : OutputOptions {
  std::vector<std::string> files;
  std::vector<std::string> dictionaries;
  std::string separator;
  bool separator_given = false;
};

// Writes one line per input line: its tokens joined by `sep`.
void write_joined(std::ostream &out, std::string_view text, const std::vector<text::Token> &tokens,
                  const std::string &sep) {
  std::size_t k = 0;
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    if (line_start == text.size()) break;
    bool first = true;
    for (; k < tokens.size() && tokens[k].start < line_end; ++k) {
      if (!first) out << sep;
      out << tokens[k].in(text);
      first = false;
    }
    out << '\n';
    line_start = line_end + 1;
  }
}

void run_tokenize(const TokenizeOptions &opts, Context &ctx) {
  const auto format = opts.resolved_format();
  const auto inputs = read_inputs(opts.files, ctx);
  text::Dictionary dictionary = text::Dictionary::domain_default();
  for (const auto &file : opts.dictionaries)
    dictionary.add_lines(text::read_text_file(file), file);
  const text::Normalizer normalizer({.keep_thai_digits = false, .join_lines = false, .dictionary = &dictionary});
  const text::Tokenizer tokenizer(dictionary);

  OutputSink sink(opts.output, ctx.out);
  auto &out = sink.stream();
  write_bom(opts, out);
  if (format == output::Format::tsv) out << "token\tkind\tstart\tend\n";
  std::vector<text::Token> tokens;
  for (const auto &input : inputs) {
    const std::string normalized = normalizer.normalize(input.bytes);
    tokens.clear();
    tokenizer.tokenize(normalized, tokens);
    if (opts.separator_given) {
      write_joined(out, normalized, tokens, opts.separator);
    } else if (format == output::Format::lines) {
      for (const auto &t : tokens)
        out << t.in(normalized) << '\n';
    } else if (format == output::Format::tsv) {
      for (const auto &t : tokens)
        out << t.in(normalized) << '\t' << text::to_string(t.kind) << '\t' << t.start << '\t' << t.end << '\n';
    } else {
      nlohmann::ordered_json doc;
      doc["schema"] = "supanalyze.tokens/1";
      doc["file"] = input.name;
      doc["text"] = normalized;
      auto &list = doc["tokens"] = nlohmann::ordered_json::array();
      for (const auto &t : tokens)
        list.push_back(
            {{"token", t.in(normalized)}, {"kind", text::to_string(t.kind)}, {"start", t.start}, {"end", t.end}});
      out << doc.dump(-1, ' ', false) << '\n';
    }
  }
  sink.commit();
}

} // namespace

void setup_tokenize(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<TokenizeOptions>();
  auto *cmd = app.add_subcommand("tokenize", "Normalize, then split text into word tokens (ICU + user dictionary)");
  cmd->footer(R"(
Domain terms (the built-in list, plus --dict files) stay one token wherever they stand; ICU
word breaking segments the text between them. Offsets are byte offsets into the normalized
text. Whitespace is not a token.

Examples:
  echo "ข ้อม ูล TPmap" | supanalyze normalize | supanalyze tokenize --sep '|'
  supanalyze tokenize answers.txt --format tsv --dict my-terms.txt)");
  cmd->add_option("files", opts->files, "Input files (UTF-8); standard input when none or '-'");
  add_output_options(cmd, *opts, {output::Format::lines, output::Format::tsv, output::Format::json},
                     output::Format::lines);
  cmd->add_option("--dict", opts->dictionaries, "Add the words of FILE (one per line) to the user dictionary");
  cmd->add_option_function<std::string>(
      "--sep", [opts](const std::string &sep) { opts->separator = sep, opts->separator_given = true; },
      "Print each input line's tokens joined by SEP, one line per input line");
  cmd->callback([opts, &ctx] { run_tokenize(*opts, ctx); });
}

} // namespace supanalyze::cli
