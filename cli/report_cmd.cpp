// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/io.hpp>
#include <supanalyze/report/model.hpp>
#include <supanalyze/report/render.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>

namespace supanalyze::cli {

namespace {

struct ReportOptions : AnalysisOptions {};

std::string filters_text(const AnalysisOptions &opts) {
  std::string s;
  auto add = [&](const char *flag, const std::vector<std::string> &values) {
    for (const auto &v : values)
      s += (s.empty() ? "" : " ") + std::string(flag) + " " + v;
  };
  add("--instrument", opts.instruments);
  add("--question", opts.questions);
  add("--province", opts.provinces);
  add("--theme", opts.themes);
  return s;
}

void run_report(const ReportOptions &opts) {
  if (opts.output.empty() || opts.output == "-")
    throw Error("report: name the file to write with -o (report.html, report.docx or report.md)");
  const output::Format format = opts.resolved_format(); // first: a usage error before any work
  const Analysis a = prepare_analysis(opts, nullptr, Load::whole);
  report::Identity identity =
      report::identify(a.corpus, *a.codebook, opts.corpus.empty() ? "<bundled>" : opts.corpus,
                       opts.codebook.empty() ? "<built-in>" : opts.codebook, filters_text(opts));
  const report::Report r =
      report::make_report(a.corpus, *a.codebook, *a.matcher, a, opts.threads, std::move(identity), a.english);
  std::string bytes;
  if (format == output::Format::docx)
    bytes = report::render_docx(r);
  else if (format == output::Format::md)
    bytes = report::render_markdown(r);
  else
    bytes = report::render_html(r);
  write_file_atomically(opts.output, bytes);
}

} // namespace

void setup_report(CLI::App &app, Context &ctx) {
  (void)ctx; // the report goes to a file, never to standard output
  auto opts = std::make_shared<ReportOptions>();
  auto *cmd = app.add_subcommand(
      "report", "The analysis report: per question the themes, a chart and quotes; heatmaps; appendix");
  cmd->footer(R"(
Writes the report the analysts hand in, modelled on part 3 and the appendix of the 2564
report: per instrument and question the question text, the themes ranked by the share of
provinces that raised them (a bar chart; more than half = ผู้ให้ข้อมูลส่วนใหญ่), for each theme a
sentence naming the provinces and up to 3 quotes (the whole segment, the matched words
highlighted; provinces in corpus order, each its longest matching segment), per instrument a
theme x province heatmap, an appendix with every answer (as tables 1-25), and the identity of
the corpus, codebook and tool with their SHA-256. The themes, their order and counts are
exactly those `freq` prints. Labels in Thai, or English with --lang en.

The format comes from the file name (.html, .docx, .md); --format overrides it. HTML is one
self-contained file (inline CSS and SVG, no script, nothing fetched) that prints on A4. The
file is written atomically; a filter that selects nothing is an error and writes nothing.

Examples:
  supanalyze report -o report.html
  supanalyze report --instrument centre1300 -o centre1300.docx
  supanalyze report --question vulnerable/q5 --lang en -o q5.md)");
  add_corpus_arguments(cmd, opts->corpus, opts->meta);
  cmd->add_option("-c,--codebook", opts->codebook, "Codebook YAML (default: the built-in msdhs-2564)");
  add_output_options(cmd, *opts, {output::Format::html, output::Format::docx, output::Format::md}, output::Format::html,
                     /*with_bom=*/false);
  cmd->get_option("-o")->required();
  cmd->add_option("-i,--instrument", opts->instruments, "Only these instruments (repeatable)");
  cmd->add_option("-q,--question", opts->questions, "Only these questions: q4 or centre1300/q4 (repeatable)");
  cmd->add_option("-p,--province", opts->provinces, "Only these provinces (repeatable)");
  cmd->add_option("-t,--theme", opts->themes, "Only these themes and their sub-themes (repeatable)");
  add_lang_option(cmd, opts->lang, "Labels in th or en");
  add_threads_option(cmd, opts->threads, "Worker threads (default: all cores); output is identical for any value");
  cmd->callback([opts] { run_report(*opts); });
}

} // namespace supanalyze::cli
