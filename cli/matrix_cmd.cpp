// SPDX-License-Identifier: MIT
#include "tables.hpp"

#include <supanalyze/io.hpp>

#include <CLI/CLI.hpp>

namespace supanalyze::cli {

namespace {

void run_matrix(const MatrixOptions &opts, Context &ctx) {
  const auto format = opts.resolved_format();
  const Analysis a = prepare_analysis(opts, nullptr, Load::stream);
  aggregate::TableCount count = matrix_count(a, opts);
  for_each_coded(a, opts.threads,
                 [&](const corpus::Answer &answer, const coding::AnswerCodings &coded) { count.add(answer, coded); });
  OutputSink sink(opts.output, ctx.out);
  write_bom(opts, sink.stream());
  write_matrix(a, opts, count, format, sink.stream(), table_width(opts, ctx));
  sink.commit();
}

} // namespace

void setup_matrix(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<MatrixOptions>();
  auto *cmd = app.add_subcommand("matrix", "Cross-province matrix: themes x provinces (or questions), with totals");
  cmd->footer(R"(
Cells count units of the chosen --unit in the selection (filters pick one question, one
instrument, or the whole corpus): with unit 'provinces' and one question a cell is 1 when the
province mentions the theme; 'answers' counts province x question answers, so over an
instrument a theme x province cell says under how many questions the province raised it.
Totals count each unit of the row or column once.

Examples:
  supanalyze matrix --question centre1300/q4
  supanalyze matrix --instrument vulnerable --unit answers
  supanalyze matrix --rows theme --cols question --unit provinces
  supanalyze matrix --rows province --cols theme --format csv -o matrix.csv)");
  add_analysis_options(cmd, *opts, k_table_formats, output::Format::table, true);
  add_parsed_option<aggregate::Axis>(cmd, "--rows", opts->rows, aggregate::parse_axis,
                                     "Row axis: theme, province or question", aggregate::to_string(opts->rows),
                                     names_of(aggregate::all_axes()));
  add_parsed_option<aggregate::Axis>(cmd, "--cols", opts->cols, aggregate::parse_axis,
                                     "Column axis: theme, province or question", aggregate::to_string(opts->cols),
                                     names_of(aggregate::all_axes()));
  cmd->callback([opts, &ctx] { run_matrix(*opts, ctx); });
}

} // namespace supanalyze::cli
