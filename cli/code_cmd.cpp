// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/coding/coder.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace supanalyze::cli {

namespace {

const std::vector<std::string> k_columns{"corpus", "year", "instrument", "question", "province", "segment",
                                         "theme",  "term", "start",      "end",      "text"};

void run_code(const AnalysisOptions& opts, Context& ctx) {
  if (opts.format != "tsv" && opts.format != "csv" && opts.format != "jsonl")
    throw Error("--format must be tsv, csv or jsonl, not '" + opts.format + "'");
  const Analysis a = prepare_analysis(opts);
  const auto& c = a.corpus;
  OutputSink sink(opts.output, ctx.out);
  auto& out = sink.stream();
  const char sep = opts.format == "csv" ? ',' : '\t';
  auto field = [&](const std::string& s) { return opts.format == "csv" ? output::csv_field(s) : s; };
  if (opts.format != "jsonl") {
    for (std::size_t i = 0; i < k_columns.size(); ++i) out << (i ? std::string(1, sep) : "") << k_columns[i];
    out << '\n';
  }
  const std::string year = std::to_string(c.year_be);
  coding::code_corpus(c, *a.matcher, opts.threads, [&](const coding::AnswerCodings& coded) {
    if (!a.answer_selected[coded.answer]) return;
    const auto& answer = c.answers[coded.answer];
    const auto& inst = c.instruments[answer.instrument];
    for (std::size_t s = 0; s < coded.segments.size(); ++s) {
      const std::string& text = answer.segments[s].text;
      for (const auto& cd : coded.segments[s]) {
        if (!a.theme_selected[cd.theme]) continue;
        const std::vector<std::string> row{c.id, year, inst.id, inst.questions[answer.question].id,
                                           c.provinces[answer.province].id, std::to_string(s + 1),
                                           a.codebook->themes[cd.theme].id, a.matcher->source_label(cd.source),
                                           std::to_string(cd.start), std::to_string(cd.end),
                                           text.substr(cd.start, cd.end - cd.start)};
        if (opts.format == "jsonl") {
          nlohmann::ordered_json j;
          for (std::size_t i = 0; i < row.size(); ++i) {
            if (k_columns[i] == "year" || k_columns[i] == "segment" || k_columns[i] == "start" || k_columns[i] == "end")
              j[k_columns[i]] = std::stoul(row[i]);
            else
              j[k_columns[i]] = row[i];
          }
          out << j.dump(-1, ' ', false) << '\n';
        } else {
          for (std::size_t i = 0; i < row.size(); ++i) out << (i ? std::string(1, sep) : "") << field(row[i]);
          out << '\n';
        }
      }
    }
  });
  sink.commit();
}

} // namespace

void setup_code(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<AnalysisOptions>();
  auto* cmd = app.add_subcommand("code", "Code a corpus with a codebook: one row per coding, with its byte span");
  cmd->footer(R"(
Columns: corpus year instrument question province segment theme term start end text.
`start`/`end` are byte offsets into the segment's normalized text and `text` is exactly that
span, so every count of freq and matrix traces back to a row here.

Examples:
  supanalyze code -o codings.tsv
  supanalyze code --question centre1300/q4 --theme staffing
  supanalyze code my-corpus/ -c my-codebook.yaml --format jsonl)");
  add_analysis_options(cmd, *opts, "tsv, csv or jsonl", "tsv", false);
  cmd->callback([opts, &ctx] { run_code(*opts, ctx); });
}

} // namespace supanalyze::cli
