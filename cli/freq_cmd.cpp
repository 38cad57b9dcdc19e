// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/io.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace supanalyze::cli {

namespace {

struct FreqOptions : AnalysisOptions {
  bool all = false;
};

struct QuestionFreq {
  std::size_t number; // aggregate::question_number
  std::size_t instrument, question;
  std::uint64_t denominator = 0;
  std::vector<std::pair<std::size_t, std::uint64_t>> themes; // (theme, count), sorted
};

std::string share(std::uint64_t count, std::uint64_t of) {
  return of == 0 ? "-" : fmt::format("{:.1f}%", 100.0 * static_cast<double>(count) / static_cast<double>(of));
}

void run_freq(const FreqOptions& opts, Context& ctx) {
  const auto format = output::parse_format(opts.format);
  const Analysis a = prepare_analysis(opts);
  const auto unit = aggregate::parse_unit(opts.unit);
  const auto& c = a.corpus;
  const auto themes = axis_items(a, aggregate::Axis::theme);
  const auto questions = axis_items(a, aggregate::Axis::question);
  aggregate::MatrixBuilder builder(c, aggregate::Axis::theme, aggregate::Axis::question, unit, themes, questions,
                                   a.theme_selected);
  tally_corpus(a, opts.threads, [&](const aggregate::AnswerTally& t) { builder.add(t); });
  const aggregate::Matrix m = builder.finish();

  // Denominators: provinces/answers that answered the question, its segments, its mentions.
  std::vector<QuestionFreq> result;
  for (std::size_t col = 0; col < questions.size(); ++col) {
    QuestionFreq q{questions[col], 0, 0, 0, {}};
    for (std::size_t k = 0; k < c.answers.size(); ++k) {
      const auto& ans = c.answers[k];
      if (!a.answer_selected[k] || aggregate::question_number(c, ans.instrument, ans.question) != q.number) continue;
      q.instrument = ans.instrument;
      q.question = ans.question;
      if (unit == aggregate::Unit::segments) q.denominator += ans.segments.size();
      else if (unit != aggregate::Unit::mentions) ++q.denominator;
    }
    if (unit == aggregate::Unit::mentions) q.denominator = m.col_totals[col];
    for (std::size_t row = 0; row < themes.size(); ++row)
      if (opts.all || m.cells[row][col] > 0) q.themes.emplace_back(themes[row], m.cells[row][col]);
    std::stable_sort(q.themes.begin(), q.themes.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    result.push_back(std::move(q));
  }
  const bool majority_marks = unit == aggregate::Unit::provinces || unit == aggregate::Unit::answers;
  auto is_majority = [&](std::uint64_t count, std::uint64_t of) { return majority_marks && count * 2 > of; };

  OutputSink sink(opts.output, ctx.out);
  auto& out = sink.stream();
  if (format == output::Format::json) {
    auto doc = json_header(a, opts, "supanalyze.freq/1");
    auto& list = doc["questions"] = nlohmann::ordered_json::array();
    for (const auto& q : result) {
      const auto& inst = c.instruments[q.instrument];
      nlohmann::ordered_json jq{{"instrument", inst.id}, {"question", inst.questions[q.question].id},
                                {"text", inst.questions[q.question].th}, {"denominator", q.denominator}};
      auto& rows = jq["themes"] = nlohmann::ordered_json::array();
      for (const auto& [theme, count] : q.themes) {
        const auto& t = a.codebook->themes[theme];
        rows.push_back({{"theme", t.id}, {"label_th", t.label_th}, {"label_en", t.label_en}, {"count", count},
                        {"share", q.denominator ? static_cast<double>(count) / static_cast<double>(q.denominator) : 0.0},
                        {"majority", is_majority(count, q.denominator)}});
      }
      list.push_back(std::move(jq));
    }
    out << doc.dump(2, ' ', false) << '\n';
    sink.commit();
    return;
  }
  std::vector<output::Table> tables;
  const bool long_form = format == output::Format::csv || format == output::Format::tsv;
  for (const auto& q : result) {
    const auto& inst = c.instruments[q.instrument];
    output::Table t;
    t.title = inst.id + " " + inst.questions[q.question].id + " · " + inst.questions[q.question].th;
    if (long_form) t.columns = {{"instrument", "instrument"}, {"question", "question"}};
    t.columns.push_back({"theme", "theme"});
    t.columns.push_back({"label", a.english ? "label" : "ประเด็น"});
    t.columns.push_back({"count", opts.unit, output::Align::right});
    t.columns.push_back({"of", "of", output::Align::right});
    t.columns.push_back({"share", "share", output::Align::right});
    t.columns.push_back({"majority", majority_marks ? "> half" : "", output::Align::left});
    for (const auto& [theme, count] : q.themes) {
      std::vector<std::string> row;
      if (long_form) row = {inst.id, inst.questions[q.question].id};
      const bool most = is_majority(count, q.denominator);
      row.insert(row.end(), {a.codebook->themes[theme].id, a.codebook->themes[theme].label(a.english), std::to_string(count),
                             std::to_string(q.denominator), share(count, q.denominator),
                             long_form ? (most ? "1" : "0") : (most ? "*" : "")});
      t.rows.push_back(std::move(row));
    }
    if (q.themes.empty() && !long_form) t.notes.push_back("(no theme coded)");
    tables.push_back(std::move(t));
  }
  write_tables(tables, format, out);
  if (!long_form && majority_marks)
    out << "\n* more than half of the " << opts.unit << " (ผู้ให้ข้อมูลส่วนใหญ่); unit: " << opts.unit << "; codebook "
        << a.codebook->id << " " << a.codebook->version << "\n";
  sink.commit();
}

} // namespace

void setup_freq(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<FreqOptions>();
  auto* cmd = app.add_subcommand("freq", "Per-question theme frequencies: which themes came up, in how many provinces");
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
  add_analysis_options(cmd, *opts, "table, csv, tsv, json or md", "table", true);
  cmd->add_flag("--all", opts->all, "List themes with a zero count too");
  cmd->callback([opts, &ctx] { run_freq(*opts, ctx); });
}

} // namespace supanalyze::cli
