// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/error.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace supanalyze::cli {

void add_analysis_options(CLI::App* cmd, AnalysisOptions& opts, const std::string& formats,
                          const std::string& default_format, bool with_unit) {
  add_corpus_arguments(cmd, opts.corpus, opts.meta);
  cmd->add_option("-c,--codebook", opts.codebook, "Codebook YAML (default: the built-in msdhs-2564)");
  cmd->add_option("-o,--output", opts.output, "Write to FILE (atomically) instead of standard output");
  opts.format = default_format;
  cmd->add_option("-f,--format", opts.format, formats)->capture_default_str();
  if (with_unit)
    cmd->add_option("-u,--unit", opts.unit,
                    "What a count counts: provinces (with at least one coding), answers, segments or mentions")
        ->capture_default_str();
  cmd->add_option("-i,--instrument", opts.instruments, "Only these instruments (repeatable)");
  cmd->add_option("-q,--question", opts.questions, "Only these questions: q4 or centre1300/q4 (repeatable)");
  cmd->add_option("-p,--province", opts.provinces, "Only these provinces (repeatable)");
  cmd->add_option("-t,--theme", opts.themes, "Only these themes and their sub-themes (repeatable)");
  cmd->add_option("--lang", opts.lang, "Labels in th or en")->capture_default_str();
  cmd->add_option("-j,--threads", opts.threads, "Worker threads (default: all cores); output is identical for any value");
}

namespace {

[[noreturn]] void unknown_filter(const std::string& what, const std::string& value, const std::vector<std::string>& known) {
  throw Error(unknown_id_message(what, value, known));
}

template <typename T> std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.id);
  return out;
}

void check_options(const AnalysisOptions& opts) {
  if (opts.lang != "th" && opts.lang != "en") throw Error("--lang must be th or en, not '" + opts.lang + "'");
  const char* units[] = {"provinces", "answers", "segments", "mentions"};
  if (std::find(std::begin(units), std::end(units), opts.unit) == std::end(units))
    throw Error("--unit must be provinces, answers, segments or mentions, not '" + opts.unit + "'");
}

// Resolves the filters of `opts` on the corpus and codebook already in `a`.
void apply_filters(Analysis& a, const AnalysisOptions& opts) {
  a.english = opts.lang == "en";
  const auto& c = a.corpus;
  std::vector<bool> instrument_ok(c.instruments.size(), opts.instruments.empty());
  for (const auto& id : opts.instruments) {
    const auto i = c.instrument_index(id);
    if (!i) unknown_filter("instrument", id, ids_of(c.instruments));
    instrument_ok[*i] = true;
  }
  std::vector<std::vector<bool>> question_ok(c.instruments.size());
  for (std::size_t i = 0; i < c.instruments.size(); ++i)
    question_ok[i].assign(c.instruments[i].questions.size(), opts.questions.empty());
  for (const auto& spec : opts.questions) {
    const auto slash = spec.find('/');
    bool found = false;
    for (std::size_t i = 0; i < c.instruments.size(); ++i) {
      if (slash != std::string::npos && c.instruments[i].id != spec.substr(0, slash)) continue;
      if (auto q = c.question_index(i, slash == std::string::npos ? spec : spec.substr(slash + 1))) {
        question_ok[i][*q] = true;
        found = true;
      }
    }
    if (!found) {
      std::vector<std::string> known;
      for (const auto& inst : c.instruments)
        for (const auto& q : inst.questions) known.push_back(inst.id + "/" + q.id);
      unknown_filter("question", spec, known);
    }
  }
  std::vector<bool> province_ok(c.provinces.size(), opts.provinces.empty());
  for (const auto& id : opts.provinces) {
    const auto p = c.province_index(id);
    if (!p) unknown_filter("province", id, ids_of(c.provinces));
    province_ok[*p] = true;
  }
  a.instrument_ok = std::move(instrument_ok);
  a.question_ok = std::move(question_ok);
  a.province_ok = std::move(province_ok);
  a.answer_selected.clear();
  for (const auto& ans : c.answers) a.answer_selected.push_back(a.selected(ans));

  a.theme_selected.assign(a.codebook->themes.size(), opts.themes.empty());
  for (const auto& id : opts.themes) {
    const auto t = a.codebook->index_of(id);
    if (!t) unknown_filter("theme", id, ids_of(a.codebook->themes));
    for (std::size_t k = 0; k < a.codebook->themes.size(); ++k)
      if (a.codebook->is_within(k, *t)) a.theme_selected[k] = true;
  }
}

} // namespace

Analysis prepare_analysis(const AnalysisOptions& opts, const codebook::Codebook* codebook_override, Load load) {
  check_options(opts);
  Analysis a;
  a.source = opts.corpus.empty() ? corpus::bundled_corpus_path() : std::filesystem::path(opts.corpus);
  a.meta = opts.meta;
  if (load == Load::stream) {
    Diagnostics diagnostics;
    a.corpus = corpus::read_metadata(corpus::metadata_path(a.source, a.meta), diagnostics);
    diagnostics.throw_if_errors();
    a.streamed = true;
  } else {
    a.corpus = load_corpus(opts.corpus, opts.meta);
  }
  a.codebook = std::make_shared<codebook::Codebook>(codebook_override ? *codebook_override
                                                                      : codebook::load_codebook(opts.codebook));
  a.matcher = std::make_shared<codebook::Matcher>(*a.codebook);
  apply_filters(a, opts);
  return a;
}

Analysis prepare_analysis(const AnalysisOptions& opts, const Analysis& loaded) {
  check_options(opts);
  Analysis a = loaded; // the codebook and matcher are shared; apply_filters sets every filter anew
  apply_filters(a, opts);
  return a;
}

nlohmann::ordered_json filters_json(const AnalysisOptions& opts) {
  return {{"instrument", opts.instruments}, {"question", opts.questions}, {"province", opts.provinces}, {"theme", opts.themes}};
}

} // namespace supanalyze::cli

#include <supanalyze/coding/coder.hpp>

namespace supanalyze::cli {

void for_each_coded(const Analysis& a, unsigned threads,
                    const std::function<void(const corpus::Answer&, const coding::AnswerCodings&)>& on_coded) {
  const auto& answers = a.corpus.answers;
  if (!a.streamed) {
    coding::code_corpus(a.corpus, *a.matcher, threads, [&](const coding::AnswerCodings& coded) {
      if (a.answer_selected[coded.answer]) on_coded(answers[coded.answer], coded);
    });
    return;
  }
  // Answers left out by the filters are skipped before the workers normalize and code them.
  coding::StreamCoder coder(*a.matcher, threads, on_coded, /*normalize=*/true);
  Diagnostics diagnostics;
  corpus::StreamOptions options;
  options.meta = a.meta;
  options.defer_normalization = true;
  corpus::stream_corpus(a.source, a.corpus, diagnostics, [&](corpus::Answer&& answer) {
    if (a.selected(answer)) coder.add(std::move(answer));
  }, options);
  coder.finish();
}

bool Coverage::covers(aggregate::Axis axis, std::size_t item) const {
  switch (axis) {
  case aggregate::Axis::theme: return true;
  case aggregate::Axis::province: return provinces[item];
  case aggregate::Axis::question: return answers[item] > 0;
  }
  return false;
}

std::vector<std::size_t> axis_items(const Analysis& a, aggregate::Axis axis) {
  std::vector<std::size_t> items;
  const auto& c = a.corpus;
  switch (axis) {
  case aggregate::Axis::theme:
    for (std::size_t t = 0; t < a.codebook->themes.size(); ++t)
      if (a.theme_selected[t]) items.push_back(t);
    break;
  case aggregate::Axis::province:
    for (std::size_t p = 0; p < c.provinces.size(); ++p)
      if (a.province_ok[p]) items.push_back(p);
    break;
  case aggregate::Axis::question:
    for (std::size_t i = 0; i < c.instruments.size(); ++i)
      for (std::size_t q = 0; q < c.instruments[i].questions.size(); ++q)
        if (a.instrument_ok[i] && a.question_ok[i][q]) items.push_back(aggregate::question_number(c, i, q));
    break;
  }
  return items;
}

namespace {

// Removes from `m` the province and question rows and columns `coverage` does not cover.
void drop_uncovered(aggregate::Matrix& m, const Coverage& coverage) {
  std::vector<bool> keep_row, keep_col;
  for (std::size_t item : m.row_items) keep_row.push_back(coverage.covers(m.rows, item));
  for (std::size_t item : m.col_items) keep_col.push_back(coverage.covers(m.cols, item));
  auto keep = [](auto& values, const std::vector<bool>& kept) {
    std::size_t to = 0;
    for (std::size_t from = 0; from < values.size(); ++from)
      if (kept[from]) {
        if (to != from) values[to] = std::move(values[from]); // never a self-move: it empties a vector
        ++to;
      }
    values.resize(to);
  };
  keep(m.row_items, keep_row);
  keep(m.row_totals, keep_row);
  keep(m.cells, keep_row);
  keep(m.col_items, keep_col);
  keep(m.col_totals, keep_col);
  for (auto& row : m.cells) keep(row, keep_col);
}

} // namespace

TableCount::TableCount(const Analysis& a, aggregate::Axis rows, aggregate::Axis cols, aggregate::Unit unit)
    : m_analysis(a), m_builder(a.corpus, rows, cols, unit, axis_items(a, rows), axis_items(a, cols), a.theme_selected),
      m_coverage(a.corpus) {}

void TableCount::add(const corpus::Answer& answer, const coding::AnswerCodings& coded) {
  if (!m_analysis.selected(answer)) return;
  const std::size_t q = aggregate::question_number(m_analysis.corpus, answer.instrument, answer.question);
  m_coverage.provinces[answer.province] = true;
  ++m_coverage.answers[q];
  m_coverage.segments[q] += answer.segments.size();
  m_builder.add(aggregate::tally_answer(*m_analysis.codebook, coded, m_analysis.theme_selected), answer);
}

aggregate::Matrix TableCount::finish() const {
  aggregate::Matrix m = m_builder.finish();
  drop_uncovered(m, m_coverage);
  return m;
}

std::pair<std::size_t, std::size_t> question_of(const corpus::Corpus& c, std::size_t number) {
  for (std::size_t i = 0; i < c.instruments.size(); ++i) {
    if (number < c.instruments[i].questions.size()) return {i, number};
    number -= c.instruments[i].questions.size();
  }
  throw Error("question number out of range");
}

std::string axis_id(const Analysis& a, aggregate::Axis axis, std::size_t item) {
  switch (axis) {
  case aggregate::Axis::theme: return a.codebook->themes[item].id;
  case aggregate::Axis::province: return a.corpus.provinces[item].id;
  case aggregate::Axis::question: {
    const auto [i, q] = question_of(a.corpus, item);
    return a.corpus.instruments[i].id + "/" + a.corpus.instruments[i].questions[q].id;
  }
  }
  return "";
}

std::string axis_label(const Analysis& a, aggregate::Axis axis, std::size_t item) {
  switch (axis) {
  case aggregate::Axis::theme: return a.codebook->themes[item].label(a.english);
  case aggregate::Axis::province: return a.english ? a.corpus.provinces[item].id : a.corpus.provinces[item].th;
  case aggregate::Axis::question: return axis_id(a, axis, item);
  }
  return "";
}

nlohmann::ordered_json json_header(const Analysis& a, const AnalysisOptions& opts, const std::string& schema) {
  return {{"schema", schema},
          {"corpus", a.corpus.id},
          {"year", a.corpus.year_be},
          {"codebook", {{"id", a.codebook->id}, {"version", a.codebook->version}}},
          {"unit", opts.unit},
          {"filters", filters_json(opts)}};
}

} // namespace supanalyze::cli
