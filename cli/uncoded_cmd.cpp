// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/coding/coder.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/output/xlsx.hpp>
#include <supanalyze/terms/target.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace supanalyze::cli {

namespace {

const std::vector<output::Column> k_columns{
    {"corpus", "corpus"},     {"year", "year"},       {"instrument", "instrument"}, {"question", "question"},
    {"province", "province"}, {"segment", "segment"}, {"label", "label"},           {"text", "text"}};

struct Residue {
  std::string question; // "centre1300/q4"
  std::string question_text;
  std::uint64_t segments = 0;                 // selected segments of the question
  std::vector<std::vector<std::string>> rows; // uncoded segments, k_columns
};

std::string share(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? "0%" : fmt::format("{:.0f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

// The uncoded segments of a run: a table's rows go to the output as answers arrive (CSV, TSV);
// the other formats keep them, per question (table, Markdown, JSON) or on one sheet (XLSX).
struct Uncoded {
  std::vector<Residue> residues; // per question, in corpus order (table, md, json)
  output::Sheet sheet;           // XLSX: every uncoded segment, one sheet
  std::uint64_t segments = 0, uncoded = 0;
};

Uncoded collect_uncoded(const Analysis &a, const AnalysisOptions &opts, output::Format format, std::ostream &out) {
  const auto &c = a.corpus;
  const std::string year = std::to_string(c.year_be);
  const bool delimited = format == output::Format::csv || format == output::Format::tsv;
  const bool xlsx = format == output::Format::xlsx;
  Uncoded found;
  output::Table flat{"", k_columns, {}, {}};
  if (delimited) output::write_delimited(flat, format, out); // the header; rows follow as answers arrive
  for_each_coded(a, opts.threads, [&](const corpus::Answer &answer, const coding::AnswerCodings &coded) {
    const auto &inst = c.instruments[answer.instrument];
    const std::string question = inst.id + "/" + inst.questions[answer.question].id;
    if (!delimited && !xlsx && (found.residues.empty() || found.residues.back().question != question))
      found.residues.push_back({question, inst.questions[answer.question].label(a.english), 0, {}});
    flat.rows.clear();
    for (std::size_t s = 0; s < coded.segments.size(); ++s) {
      ++found.segments;
      if (!delimited && !xlsx) ++found.residues.back().segments;
      if (terms::carries_theme(coded.segments[s], a.theme_selected)) continue;
      ++found.uncoded;
      const auto &seg = answer.segments[s];
      std::vector<std::string> row{c.id,
                                   year,
                                   inst.id,
                                   inst.questions[answer.question].id,
                                   c.provinces[answer.province].id,
                                   std::to_string(s + 1),
                                   seg.label,
                                   seg.text};
      if (delimited)
        flat.rows.push_back(std::move(row));
      else if (xlsx)
        found.sheet.table.rows.push_back(std::move(row));
      else
        found.residues.back().rows.push_back(std::move(row));
    }
    if (delimited) output::write_delimited(flat, format, out, false);
  });
  return found;
}

std::string uncoded_workbook(Uncoded &found, const Analysis &a, const std::string &summary) {
  auto &sheet = found.sheet;
  sheet.name = "uncoded";
  sheet.title = "uncoded · " + a.corpus.id + " · codebook " + a.codebook->id + " " + a.codebook->version;
  sheet.table.columns = k_columns;
  for (const auto &column : k_columns)
    sheet.kinds.push_back(column.key == "year" || column.key == "segment" ? output::CellKind::integer
                                                                          : output::CellKind::text);
  sheet.table.notes.push_back(summary);
  return output::xlsx_workbook({sheet});
}

nlohmann::ordered_json uncoded_json(const Uncoded &found, const Analysis &a, const AnalysisOptions &opts) {
  auto doc = json_header(a, opts, "supanalyze.uncoded/2");
  doc.erase("unit");
  doc["segments"] = found.segments;
  doc["uncoded"] = found.uncoded;
  auto &list = doc["questions"] = nlohmann::ordered_json::array();
  for (const auto &r : found.residues) {
    nlohmann::ordered_json q{
        {"question", r.question}, {"label", r.question_text}, {"segments", r.segments}, {"uncoded", r.rows.size()}};
    auto &rows = q["rows"] = nlohmann::ordered_json::array();
    for (const auto &row : r.rows)
      rows.push_back({{"province", row[4]}, {"segment", std::stoul(row[5])}, {"heading", row[6]}, {"text", row[7]}});
    list.push_back(std::move(q));
  }
  return doc;
}

// A table per question with uncoded segments (terminal, Markdown); the summary under the last.
void write_residues(const Uncoded &found, const Analysis &a, const std::string &summary, output::Format format,
                    std::size_t width, std::ostream &out) {
  const auto &c = a.corpus;
  std::vector<output::Table> tables;
  for (const auto &r : found.residues) {
    if (r.rows.empty()) continue;
    output::Table t{
        fmt::format("{} · {}: {} of {} segments uncoded", r.question, r.question_text, r.rows.size(), r.segments),
        {{"province", a.english ? "province" : "จังหวัด"},
         {"segment", "#", output::Align::right},
         {"label", a.english ? "label" : "หัวข้อ"},
         {"text", a.english ? "text" : "ข้อความ"}},
        {},
        {}};
    for (const auto &row : r.rows)
      t.rows.push_back({c.provinces[*c.province_index(row[4])].label(a.english), row[5], row[6], row[7]});
    tables.push_back(std::move(t));
  }
  if (tables.empty()) {
    out << summary << '\n';
  } else {
    tables.back().notes.push_back(summary);
    write_tables(tables, format, out, width);
  }
}

void run_uncoded(const AnalysisOptions &opts, Context &ctx) {
  const auto format = opts.resolved_format();
  const Analysis a = prepare_analysis(opts, nullptr, Load::stream);
  OutputSink sink(opts.output, ctx.out);
  auto &out = sink.stream();
  write_bom(opts, out);
  Uncoded found = collect_uncoded(a, opts, format, out);
  const std::string summary =
      fmt::format("{} of {} segments ({}) carry no theme{}", found.uncoded, found.segments,
                  share(found.uncoded, found.segments), opts.themes.empty() ? "" : " of the selected ones");
  if (format == output::Format::xlsx)
    out << uncoded_workbook(found, a, summary);
  else if (format == output::Format::json)
    out << uncoded_json(found, a, opts).dump(2, ' ', false) << '\n';
  else if (format != output::Format::csv && format != output::Format::tsv)
    write_residues(found, a, summary, format, table_width(opts, ctx), out);
  sink.commit();
}

} // namespace

void setup_uncoded(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<AnalysisOptions>();
  auto *cmd = app.add_subcommand("uncoded", "The segments no theme codes: what the codebook misses, with their text");
  cmd->footer(R"(
Lists every segment (list item or paragraph) with no coding of any theme, or with --theme none
of those themes (and their sub-themes), per question and province, with its row label and its
text, and how many segments of each question that is. Read them to see what the codebook
misses; `supanalyze terms --keyness uncoded` shows which words set them apart.

Examples:
  supanalyze uncoded
  supanalyze uncoded --question centre1300/q4
  supanalyze uncoded --theme staffing --format tsv -o not-staffing.tsv
  supanalyze uncoded my-corpus.tsv -c my-codebook.yaml --format md)");
  add_analysis_options(cmd, *opts,
                       {output::Format::table, output::Format::csv, output::Format::tsv, output::Format::json,
                        output::Format::md, output::Format::xlsx},
                       output::Format::table, false);
  cmd->callback([opts, &ctx] { run_uncoded(*opts, ctx); });
}

} // namespace supanalyze::cli
