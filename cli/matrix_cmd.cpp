// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/io.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace supanalyze::cli {

namespace {

struct MatrixOptions : AnalysisOptions {
  std::string rows = "theme";
  std::string cols = "province";
};

std::string scope(const Analysis& a, const AnalysisOptions& opts) {
  std::string s = a.corpus.id;
  for (const auto& i : opts.instruments) s += " " + i;
  for (const auto& q : opts.questions) s += " " + q;
  for (const auto& p : opts.provinces) s += " " + p;
  return s;
}

void run_matrix(const MatrixOptions& opts, Context& ctx) {
  const auto format = output::parse_format(opts.format);
  const Analysis a = prepare_analysis(opts);
  const auto unit = aggregate::parse_unit(opts.unit);
  const auto rows = aggregate::parse_axis(opts.rows), cols = aggregate::parse_axis(opts.cols);
  aggregate::MatrixBuilder builder(a.corpus, rows, cols, unit, axis_items(a, rows), axis_items(a, cols), a.theme_selected);
  tally_corpus(a, opts.threads, [&](const aggregate::AnswerTally& t) { builder.add(t); });
  const aggregate::Matrix m = builder.finish();

  OutputSink sink(opts.output, ctx.out);
  auto& out = sink.stream();
  if (format == output::Format::json) {
    auto doc = json_header(a, opts, "supanalyze.matrix/1");
    doc["rows"] = opts.rows;
    doc["cols"] = opts.cols;
    auto ids = [&](aggregate::Axis axis, const std::vector<std::size_t>& items) {
      auto list = nlohmann::ordered_json::array();
      for (std::size_t item : items) list.push_back({{"id", axis_id(a, axis, item)}, {"label", axis_label(a, axis, item)}});
      return list;
    };
    doc["row_items"] = ids(rows, m.row_items);
    doc["col_items"] = ids(cols, m.col_items);
    doc["cells"] = m.cells;
    doc["row_totals"] = m.row_totals;
    doc["col_totals"] = m.col_totals;
    doc["total"] = m.total;
    out << doc.dump(2, ' ', false) << '\n';
    sink.commit();
    return;
  }
  const bool long_form = format == output::Format::csv || format == output::Format::tsv;
  output::Table t;
  t.title = scope(a, opts) + " · " + opts.unit + " · " + opts.rows + " x " + opts.cols;
  t.columns.push_back({opts.rows, opts.rows});
  if (rows == aggregate::Axis::theme || !long_form) t.columns.push_back({"label", rows == aggregate::Axis::theme ? (a.english ? "label" : "ประเด็น") : ""});
  for (std::size_t item : m.col_items)
    t.columns.push_back({axis_id(a, cols, item), long_form ? axis_id(a, cols, item) : axis_label(a, cols, item), output::Align::right});
  t.columns.push_back({"total", "total", output::Align::right});
  for (std::size_t r = 0; r < m.row_items.size(); ++r) {
    std::vector<std::string> row{axis_id(a, rows, m.row_items[r])};
    if (rows == aggregate::Axis::theme || !long_form) row.push_back(rows == aggregate::Axis::theme || !long_form ? axis_label(a, rows, m.row_items[r]) : "");
    for (std::uint64_t v : m.cells[r]) row.push_back(std::to_string(v));
    row.push_back(std::to_string(m.row_totals[r]));
    t.rows.push_back(std::move(row));
  }
  std::vector<std::string> totals{"total"};
  if (rows == aggregate::Axis::theme || !long_form) totals.push_back("");
  for (std::uint64_t v : m.col_totals) totals.push_back(std::to_string(v));
  totals.push_back(std::to_string(m.total));
  t.rows.push_back(std::move(totals));
  if (!long_form)
    t.notes.push_back("Totals count each " + std::string(opts.unit == "mentions" ? "mention" : opts.unit.substr(0, opts.unit.size() - 1)) +
                      " of a row or column once (any theme, for the totals across themes). Codebook " + a.codebook->id +
                      " " + a.codebook->version + ".");
  write_tables({t}, format, out);
  sink.commit();
}

} // namespace

void setup_matrix(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<MatrixOptions>();
  auto* cmd = app.add_subcommand("matrix", "Cross-province matrix: themes x provinces (or questions), with totals");
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
  add_analysis_options(cmd, *opts, "table, csv, tsv, json or md", "table", true);
  cmd->add_option("--rows", opts->rows, "Row axis: theme, province or question")->capture_default_str();
  cmd->add_option("--cols", opts->cols, "Column axis: theme, province or question")->capture_default_str();
  cmd->callback([opts, &ctx] { run_matrix(*opts, ctx); });
}

} // namespace supanalyze::cli
