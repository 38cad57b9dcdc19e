// SPDX-License-Identifier: MIT
#include "tables.hpp"

#include <supanalyze/io.hpp>

#include <CLI/CLI.hpp>

namespace supanalyze::cli {

namespace {

void run_freq(const FreqOptions &opts, Context &ctx) {
  const auto format = opts.resolved_format();
  const Analysis a = prepare_analysis(opts, nullptr, Load::stream);
  aggregate::TableCount count = freq_count(a, opts);
  for_each_coded(a, opts.threads,
                 [&](const corpus::Answer &answer, const coding::AnswerCodings &coded) { count.add(answer, coded); });
  OutputSink sink(opts.output, ctx.out);
  write_bom(opts, sink.stream());
  write_freq(a, opts, count, format, sink.stream(), table_width(opts, ctx));
  sink.commit();
}

} // namespace

void setup_freq(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<FreqOptions>();
  auto *cmd = app.add_subcommand("freq", "Per-question theme frequencies: which themes came up, in how many provinces");
  cmd->footer(R"(
For each instrument and question (the question text is the table's title), each theme's count
in the chosen unit and its share, most frequent first. With the default unit (provinces, n of
8) a '*' marks themes that more than half of the provinces mention: what the report calls
"ผู้ให้ข้อมูลส่วนใหญ่". A parent theme counts where it or a sub-theme is coded.

Examples:
  supanalyze freq
  supanalyze freq --question centre1300/q4
  supanalyze freq --instrument vulnerable --unit segments --format md -o vulnerable.md
  supanalyze freq --format json --lang en)");
  add_analysis_options(cmd, *opts, k_table_formats, output::Format::table, true);
  cmd->add_flag("--all", opts->all, "List themes with a zero count too");
  cmd->callback([opts, &ctx] { run_freq(*opts, ctx); });
}

} // namespace supanalyze::cli
