// SPDX-License-Identifier: MIT
#include "tables.hpp"

#include <supanalyze/aggregate/frequency.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace supanalyze::cli {

namespace {

std::string share(std::uint64_t count, std::uint64_t of) {
  return of == 0 ? "-" : fmt::format("{:.1f}%", 100.0 * static_cast<double>(count) / static_cast<double>(of));
}

std::string scope(const Analysis &a, const AnalysisOptions &opts) {
  std::string s = a.corpus.id;
  for (const auto &i : opts.instruments)
    s += " " + i;
  for (const auto &q : opts.questions)
    s += " " + q;
  for (const auto &p : opts.provinces)
    s += " " + p;
  return s;
}

// The uncoded residue of the counted segments, as `supanalyze uncoded` lists it: "12.0% of
// segments (9 of 75) carry no theme".
std::string uncoded_footer(const AnalysisOptions &opts, const aggregate::Coverage &coverage) {
  const std::uint64_t uncoded = coverage.total_uncoded(), segments = coverage.total_segments();
  return fmt::format("{} of segments ({} of {}) carry no theme{} (supanalyze uncoded lists them)",
                     share(uncoded, segments), uncoded, segments, opts.themes.empty() ? "" : " of the selected ones");
}

nlohmann::ordered_json uncoded_json(const aggregate::Coverage &coverage) {
  const std::uint64_t uncoded = coverage.total_uncoded(), segments = coverage.total_segments();
  return {{"segments", uncoded},
          {"of", segments},
          {"share", segments ? static_cast<double>(uncoded) / static_cast<double>(segments) : 0.0}};
}

bool majority(const FreqOptions &opts, std::uint64_t count, std::uint64_t of) {
  return aggregate::is_majority(opts.unit, count, of);
}

std::string majority_note(const Analysis &a, aggregate::Unit unit) {
  const std::string name = aggregate::to_string(unit);
  return "* more than half of the " + name + " (ผู้ให้ข้อมูลส่วนใหญ่); unit: " + name + "; codebook " + a.codebook->id + " " +
         a.codebook->version;
}

// One table per question: in long form (CSV/TSV) with the instrument and question in columns.
std::vector<output::Table> freq_tables(const Analysis &a, const FreqOptions &opts,
                                       const std::vector<aggregate::QuestionFrequency> &result, bool long_form) {
  const auto &c = a.corpus;
  const bool majority_marks = opts.unit == aggregate::Unit::provinces || opts.unit == aggregate::Unit::answers;
  std::vector<output::Table> tables;
  for (const auto &q : result) {
    const auto &inst = c.instruments[q.instrument];
    output::Table t;
    const auto &question = inst.questions[q.question];
    t.title = inst.id + " " + question.id;
    if (question.label(a.english) != question.id) t.title += " · " + question.label(a.english);
    if (long_form) t.columns = {{"instrument", "instrument"}, {"question", "question"}};
    t.columns.push_back({"theme", "theme"});
    t.columns.push_back({"label", a.english ? "label" : "ประเด็น"});
    t.columns.push_back({"count", aggregate::to_string(opts.unit), output::Align::right});
    t.columns.push_back({"of", "of", output::Align::right});
    t.columns.push_back({"share", "share", output::Align::right});
    t.columns.push_back({"majority", majority_marks ? "> half" : "", output::Align::left});
    for (const auto &[theme, count] : q.themes) {
      std::vector<std::string> row;
      if (long_form) row = {inst.id, inst.questions[q.question].id};
      const bool most = majority(opts, count, q.denominator);
      row.insert(row.end(), {a.codebook->themes[theme].id, a.codebook->themes[theme].label(a.english),
                             std::to_string(count), std::to_string(q.denominator), share(count, q.denominator),
                             long_form ? (most ? "1" : "0") : (most ? "*" : "")});
      t.rows.push_back(std::move(row));
    }
    if (q.themes.empty() && !long_form) t.notes.push_back("(no theme coded)");
    tables.push_back(std::move(t));
  }
  return tables;
}

// The matrix as a table: ids and labels, the cells, a total column and a totals row; in long
// form (CSV/TSV) columns are headed by ids and only theme rows have a label column.
output::Table matrix_table(const Analysis &a, const MatrixOptions &opts, const aggregate::Matrix &m, bool long_form) {
  const auto rows = opts.rows, cols = opts.cols;
  const std::string rows_name = aggregate::to_string(rows), cols_name = aggregate::to_string(cols);
  output::Table t;
  t.title = scope(a, opts) + " · " + aggregate::to_string(opts.unit) + " · " + rows_name + " x " + cols_name;
  t.columns.push_back({rows_name, rows_name});
  if (rows == aggregate::Axis::theme || !long_form)
    t.columns.push_back({"label", rows == aggregate::Axis::theme ? (a.english ? "label" : "ประเด็น") : ""});
  for (std::size_t item : m.col_items)
    t.columns.push_back(
        {axis_id(a, cols, item), long_form ? axis_id(a, cols, item) : axis_label(a, cols, item), output::Align::right});
  t.columns.push_back({"total", "total", output::Align::right});
  for (std::size_t r = 0; r < m.row_items.size(); ++r) {
    std::vector<std::string> row{axis_id(a, rows, m.row_items[r])};
    if (rows == aggregate::Axis::theme || !long_form)
      row.push_back(rows == aggregate::Axis::theme || !long_form ? axis_label(a, rows, m.row_items[r]) : "");
    for (std::uint64_t v : m.cells[r])
      row.push_back(std::to_string(v));
    row.push_back(std::to_string(m.row_totals[r]));
    t.rows.push_back(std::move(row));
  }
  std::vector<std::string> totals{"total"};
  if (rows == aggregate::Axis::theme || !long_form) totals.push_back("");
  for (std::uint64_t v : m.col_totals)
    totals.push_back(std::to_string(v));
  totals.push_back(std::to_string(m.total));
  t.rows.push_back(std::move(totals));
  if (!long_form)
    t.notes.push_back("Totals count each " + aggregate::singular(opts.unit) +
                      " of a row or column once (any theme, for the totals across themes). Codebook " + a.codebook->id +
                      " " + a.codebook->version + ".");
  return t;
}

} // namespace

aggregate::TableCount freq_count(const Analysis &a, const FreqOptions &opts) {
  return count_table(a, aggregate::Axis::theme, aggregate::Axis::question, opts.unit);
}

aggregate::TableCount matrix_count(const Analysis &a, const MatrixOptions &opts) {
  return count_table(a, opts.rows, opts.cols, opts.unit);
}

void write_freq(const Analysis &a, const FreqOptions &opts, const aggregate::TableCount &count, output::Format format,
                std::ostream &out, std::size_t width) {
  const auto unit = opts.unit;
  const auto &c = a.corpus;
  if (format == output::Format::xlsx) {
    out << output::xlsx_workbook(freq_sheets(a, opts, count));
    return;
  }
  const std::vector<aggregate::QuestionFrequency> result = aggregate::question_frequencies(c, count, opts.all);
  const bool majority_marks = unit == aggregate::Unit::provinces || unit == aggregate::Unit::answers;
  auto is_majority = [&](std::uint64_t count, std::uint64_t of) { return majority(opts, count, of); };

  if (format == output::Format::json) {
    auto doc = json_header(a, opts, "supanalyze.freq/2");
    auto &list = doc["questions"] = nlohmann::ordered_json::array();
    for (const auto &q : result) {
      const auto &inst = c.instruments[q.instrument];
      nlohmann::ordered_json jq{{"instrument", inst.id},
                                {"question", inst.questions[q.question].id},
                                {"label", inst.questions[q.question].label(a.english)},
                                {"denominator", q.denominator}};
      auto &rows = jq["themes"] = nlohmann::ordered_json::array();
      for (const auto &[theme, count] : q.themes) {
        const auto &t = a.codebook->themes[theme];
        rows.push_back(
            {{"theme", t.id},
             {"label", t.label(a.english)},
             {"count", count},
             {"share", q.denominator ? static_cast<double>(count) / static_cast<double>(q.denominator) : 0.0},
             {"majority", is_majority(count, q.denominator)}});
      }
      list.push_back(std::move(jq));
    }
    doc["uncoded"] = uncoded_json(count.coverage());
    out << doc.dump(2, ' ', false) << '\n';
    return;
  }
  const bool long_form = format == output::Format::csv || format == output::Format::tsv;
  write_tables(freq_tables(a, opts, result, long_form), format, out, width);
  if (!long_form) {
    out << "\n";
    if (majority_marks) out << majority_note(a, unit) << (format == output::Format::md ? "\n\n" : "\n");
    out << uncoded_footer(opts, count.coverage()) << "\n";
  }
}

std::vector<output::Sheet> freq_sheets(const Analysis &a, const FreqOptions &opts, const aggregate::TableCount &count) {
  const std::vector<aggregate::QuestionFrequency> result = aggregate::question_frequencies(a.corpus, count, opts.all);
  std::vector<output::Table> tables = freq_tables(a, opts, result, false);
  std::vector<output::Sheet> sheets;
  for (std::size_t k = 0; k < result.size(); ++k) {
    const auto &inst = a.corpus.instruments[result[k].instrument];
    output::Sheet sheet;
    sheet.name = inst.id + " " + inst.questions[result[k].question].id;
    sheet.title = tables[k].title;
    sheet.table = std::move(tables[k]);
    sheet.kinds = {output::CellKind::text,    output::CellKind::text,    output::CellKind::integer,
                   output::CellKind::integer, output::CellKind::percent, output::CellKind::text};
    sheet.fill_column = 1;
    for (const auto &[theme, n] : result[k].themes)
      sheet.row_fill.push_back(a.codebook->themes[theme].colour);
    if (opts.unit == aggregate::Unit::provinces || opts.unit == aggregate::Unit::answers)
      sheet.table.notes.push_back(majority_note(a, opts.unit));
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

void write_matrix(const Analysis &a, const MatrixOptions &opts, const aggregate::TableCount &count,
                  output::Format format, std::ostream &out, std::size_t width) {
  const auto rows = opts.rows, cols = opts.cols;
  const std::string rows_name = aggregate::to_string(rows), cols_name = aggregate::to_string(cols);
  const aggregate::Matrix m = count.finish();

  if (format == output::Format::json) {
    auto doc = json_header(a, opts, "supanalyze.matrix/2");
    doc["rows"] = rows_name;
    doc["cols"] = cols_name;
    auto ids = [&](aggregate::Axis axis, const std::vector<std::size_t> &items) {
      auto list = nlohmann::ordered_json::array();
      for (std::size_t item : items)
        list.push_back({{"id", axis_id(a, axis, item)}, {"label", axis_label(a, axis, item)}});
      return list;
    };
    doc["row_items"] = ids(rows, m.row_items);
    doc["col_items"] = ids(cols, m.col_items);
    doc["cells"] = m.cells;
    doc["row_totals"] = m.row_totals;
    doc["col_totals"] = m.col_totals;
    doc["total"] = m.total;
    doc["uncoded"] = uncoded_json(count.coverage());
    out << doc.dump(2, ' ', false) << '\n';
    return;
  }
  if (format == output::Format::xlsx) {
    out << output::xlsx_workbook(matrix_sheets(a, opts, count));
    return;
  }
  const bool long_form = format == output::Format::csv || format == output::Format::tsv;
  output::Table table = matrix_table(a, opts, m, long_form);
  if (!long_form) table.notes.push_back(uncoded_footer(opts, count.coverage()));
  write_tables({table}, format, out, width);
}

std::vector<output::Sheet> matrix_sheets(const Analysis &a, const MatrixOptions &opts,
                                         const aggregate::TableCount &count) {
  const aggregate::Matrix m = count.finish();
  output::Sheet sheet;
  sheet.table = matrix_table(a, opts, m, false);
  sheet.name = "matrix " + aggregate::to_string(opts.rows) + " x " + aggregate::to_string(opts.cols);
  sheet.title = sheet.table.title;
  // One question selected (and not an axis): its text heads the sheet, as the report's tables.
  const auto questions = axis_items(a, aggregate::Axis::question);
  if (questions.size() == 1 && opts.rows != aggregate::Axis::question && opts.cols != aggregate::Axis::question) {
    const auto [i, q] = aggregate::question_of(a.corpus, questions.front());
    const auto &inst = a.corpus.instruments[i];
    sheet.name = inst.id + " " + inst.questions[q].id;
    sheet.title =
        inst.id + " " + inst.questions[q].id + " · " + inst.questions[q].label(a.english) + " · " + sheet.table.title;
  }
  sheet.kinds.assign(sheet.table.columns.size(), output::CellKind::integer);
  sheet.kinds[0] = sheet.kinds[1] = output::CellKind::text;
  if (!m.row_items.empty() && !m.col_items.empty())
    sheet.heatmap = output::CellRange{0, m.row_items.size() - 1, 2, 2 + m.col_items.size() - 1};
  sheet.fill_column = 1;
  if (opts.rows == aggregate::Axis::theme)
    for (std::size_t item : m.row_items)
      sheet.row_fill.push_back(a.codebook->themes[item].colour);
  return {std::move(sheet)};
}

} // namespace supanalyze::cli
