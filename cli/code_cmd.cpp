// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/coding/coder.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/output/xlsx.hpp>
#include <supanalyze/qda/project.hpp>
#include <supanalyze/text/utf8.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace supanalyze::cli {

namespace {

// The columns scripts rely on (README.md) in their order; `in` says whether the span is in the
// segment's text or in its `###` label; then the span's character offsets (after the columns
// scripts know, which keep their places), the theme's label in --lang's language, then with
// --segment-text the text the offsets index.
const std::vector<std::string> k_columns{"corpus",     "year",     "instrument", "question",    "province", "segment",
                                         "theme",      "term",     "start",      "end",         "text",     "in",
                                         "char_start", "char_end", "label",      "segment_text"};
constexpr std::size_t k_base_columns = 15; // without segment_text

struct CodeOptions : AnalysisOptions {
  bool segment_text = false;
};

bool is_number_column(std::size_t i) {
  const std::string &name = k_columns[i];
  return name == "year" || name == "segment" || name == "start" || name == "end" || name == "char_start" ||
         name == "char_end";
}

// The schema of code's JSON document and of each of its JSONL rows (docs/json.md).
constexpr const char *k_schema = "supanalyze.code/1";

// One coding's row as a JSON object (the first `n` values in k_columns order); a JSONL row
// starts with the schema.
nlohmann::ordered_json row_json(const std::string_view (&values)[16], std::size_t n, bool with_schema) {
  nlohmann::ordered_json j;
  if (with_schema) j["schema"] = k_schema;
  for (std::size_t i = 0; i < n; ++i) {
    if (is_number_column(i))
      j[k_columns[i]] = std::stoul(std::string(values[i]));
    else
      j[k_columns[i]] = values[i];
  }
  return j;
}

// Appends one coding's row (the first `n` values in k_columns order) to `out` in `format`.
void append_row(std::string &out, const std::string_view (&values)[16], std::size_t n, output::Format format) {
  if (format == output::Format::jsonl) {
    out += row_json(values, n, true).dump(-1, ' ', false);
    out += '\n';
    return;
  }
  const bool csv = format == output::Format::csv;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += csv ? ',' : '\t';
    if (csv)
      out += output::csv_field(std::string(values[i]));
    else
      out += values[i];
  }
  out += '\n';
}

// The codings as a REFI-QDA project (docs/qda.md).
void write_project(const Analysis &a, const CodeOptions &opts, Context &ctx) {
  qda::ProjectWriter project(a.corpus, *a.codebook, opts.lang, a.theme_selected);
  for_each_coded(a, opts.threads, [&](const corpus::Answer &answer, const coding::AnswerCodings &coded) {
    project.add(answer, coded.segments);
  });
  const std::string bytes = project.finish();
  OutputSink sink(opts.output, ctx.out);
  sink.stream() << bytes;
  sink.commit();
}

// The one sheet of the XLSX output, with the first `n` columns and no rows yet.
output::Sheet empty_sheet(const Analysis &a, std::size_t n) {
  output::Sheet sheet;
  sheet.name = "code";
  sheet.title = "code · " + a.corpus.id + " · codebook " + a.codebook->id + " " + a.codebook->version;
  for (std::size_t i = 0; i < n; ++i) {
    sheet.table.columns.push_back({k_columns[i], k_columns[i]});
    sheet.kinds.push_back(is_number_column(i) ? output::CellKind::integer : output::CellKind::text);
  }
  return sheet;
}

void run_code(const CodeOptions &opts, Context &ctx) {
  const auto format = opts.resolved_format();
  const Analysis a = prepare_analysis(opts, nullptr, Load::stream);
  const auto &c = a.corpus;
  if (format == output::Format::qdpx) {
    write_project(a, opts, ctx);
    return;
  }
  OutputSink sink(opts.output, ctx.out);
  auto &out = sink.stream();
  write_bom(opts, out);
  const char sep = format == output::Format::csv ? ',' : '\t';
  const std::size_t n = opts.segment_text ? k_columns.size() : k_base_columns;
  output::Sheet sheet; // XLSX: every row kept for one sheet
  if (format == output::Format::xlsx) {
    sheet = empty_sheet(a, n);
  } else if (format != output::Format::jsonl && format != output::Format::json) {
    for (std::size_t i = 0; i < n; ++i)
      out << (i ? std::string(1, sep) : "") << k_columns[i];
    out << '\n';
  }
  const std::string year = std::to_string(c.year_be);
  nlohmann::ordered_json doc; // JSON: the header and every row
  if (format == output::Format::json) {
    doc = json_header(a, opts, k_schema);
    doc.erase("unit");
    doc["codings"] = nlohmann::ordered_json::array();
  }
  std::string rows; // one answer's rows, written at once
  for_each_coded(a, opts.threads, [&](const corpus::Answer &answer, const coding::AnswerCodings &coded) {
    const auto &inst = c.instruments[answer.instrument];
    rows.clear();
    for (std::size_t s = 0; s < coded.segments.size(); ++s) {
      for (const auto &cd : coded.segments[s]) {
        if (!a.theme_selected[cd.theme]) continue;
        const std::string segment = std::to_string(s + 1), start = std::to_string(cd.start),
                          end = std::to_string(cd.end);
        const std::string_view whole = cd.in_label ? answer.segments[s].label : answer.segments[s].text;
        const std::string_view span = coding::coded_text(answer.segments[s], cd);
        const std::size_t char_start_n = text::code_point_count(whole.substr(0, cd.start));
        const std::string char_start = std::to_string(char_start_n);
        const std::string char_end = std::to_string(char_start_n + text::code_point_count(span));
        const std::string_view values[]{c.id,
                                        year,
                                        inst.id,
                                        inst.questions[answer.question].id,
                                        c.provinces[answer.province].id,
                                        segment,
                                        a.codebook->themes[cd.theme].id,
                                        a.matcher->source_label(cd.source),
                                        start,
                                        end,
                                        span,
                                        cd.in_label ? "label" : "text",
                                        char_start,
                                        char_end,
                                        a.codebook->themes[cd.theme].label(a.english),
                                        whole};
        if (format == output::Format::xlsx)
          sheet.table.rows.emplace_back(std::begin(values), std::begin(values) + n);
        else if (format == output::Format::json)
          doc["codings"].push_back(row_json(values, n, false));
        else
          append_row(rows, values, n, format);
      }
    }
    out << rows;
  });
  if (format == output::Format::xlsx) out << output::xlsx_workbook({sheet});
  if (format == output::Format::json) out << doc.dump(2, ' ', false) << '\n';
  sink.commit();
}

} // namespace

void setup_code(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<CodeOptions>();
  auto *cmd = app.add_subcommand("code", "Code a corpus with a codebook: one row per coding, with its byte span");
  cmd->footer(R"(
Columns: corpus year instrument question province segment theme term start end text in
char_start char_end label, and with --segment-text segment_text. `label` is the theme's label
in Thai, or English with --lang en. JSON is one document (schema supanalyze.code/1) holding
the rows in `codings`; each JSONL row starts with "schema":"supanalyze.code/1" (docs/json.md). `start`/`end` are byte offsets into
the segment's normalized text (`in` = text) or into the `###` label it stands under (`in` =
label: a label is coded once, with the first segment under it; --no-labels leaves labels
uncoded), and `text` is exactly that span, so every count of freq and matrix traces back to a
row here. `char_start`/`char_end` are the same span counted in characters (code points, as
Python and spreadsheets count: a Thai letter is one character but three bytes).
`segment_text` is the whole text the offsets index (the segment, or its label).

Examples:
  supanalyze code -o codings.tsv
  supanalyze code --question centre1300/q4 --theme staffing
  supanalyze code my-corpus/ -c my-codebook.yaml --format jsonl
  supanalyze code --theme budget --segment-text --format csv -o budget-in-context.csv
  supanalyze code -o coded.qdpx       (a REFI-QDA project for ATLAS.ti, MAXQDA, NVivo, QualCoder: docs/qda.md))");
  add_analysis_options(cmd, *opts,
                       {output::Format::tsv, output::Format::csv, output::Format::json, output::Format::jsonl,
                        output::Format::xlsx, output::Format::qdpx},
                       output::Format::tsv, false);
  cmd->add_flag("--segment-text", opts->segment_text,
                "Add a segment_text column: the whole segment (or label) each span is in");
  cmd->callback([opts, &ctx] { run_code(*opts, ctx); });
}

} // namespace supanalyze::cli
