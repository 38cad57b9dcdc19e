// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/error.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <future>
#include <mutex>
#include <tuple>
#include <utility>

namespace supanalyze::cli {

void add_analysis_options(CLI::App *cmd, AnalysisOptions &opts, std::vector<output::Format> writable,
                          output::Format fallback, bool with_unit) {
  add_corpus_arguments(cmd, opts.corpus, opts.meta);
  cmd->add_option("-c,--codebook", opts.codebook, "Codebook YAML (default: the built-in msdhs-2564)");
  add_output_options(cmd, opts, std::move(writable), fallback);
  if (with_unit)
    add_unit_option(cmd, opts.unit,
                    "What a count counts: provinces (with at least one coding), answers, segments or mentions "
                    "(the singular works too)");
  cmd->add_option("-i,--instrument", opts.instruments, "Only these instruments (repeatable)");
  cmd->add_option("-q,--question", opts.questions, "Only these questions: q4 or centre1300/q4 (repeatable)");
  cmd->add_option("-p,--province", opts.provinces, "Only these provinces (repeatable)");
  cmd->add_option("-t,--theme", opts.themes, "Only these themes and their sub-themes (repeatable)");
  add_lang_option(cmd, opts.lang, "Labels in th or en");
  add_threads_option(cmd, opts.threads, "Worker threads (default: all cores); output is identical for any value");
  cmd->add_flag("!--no-labels", opts.labels, "Code the segment text only, not the ### labels above it");
}

namespace {

[[noreturn]] void unknown_filter(const std::string &what, const std::string &value,
                                 const std::vector<std::string> &known) {
  throw Error(unknown_id_message(what, value, known));
}

template <typename T> std::vector<std::string> ids_of(const std::vector<T> &items) {
  std::vector<std::string> out;
  for (const auto &item : items)
    out.push_back(item.id);
  return out;
}

// Ids and Thai names, for "did you mean" on a filter that accepts both.
template <typename T> std::vector<std::string> ids_and_names_of(const std::vector<T> &items) {
  std::vector<std::string> out = ids_of(items);
  for (const auto &item : items)
    if (!item.th.empty()) out.push_back(item.th);
  return out;
}

// Resolves the filters of `opts` on the corpus and codebook already in `a`.
void apply_filters(Analysis &a, const AnalysisOptions &opts) {
  a.english = opts.lang == Language::en;
  a.code_labels = opts.labels;
  const auto &c = a.corpus;
  std::vector<bool> instrument_ok(c.instruments.size(), opts.instruments.empty());
  for (const auto &id : opts.instruments) {
    const auto i = c.find_instrument(id); // an id in any case, or the Thai name
    if (!i) unknown_filter("instrument", id, ids_and_names_of(c.instruments));
    instrument_ok[*i] = true;
  }
  std::vector<std::vector<bool>> question_ok(c.instruments.size());
  for (std::size_t i = 0; i < c.instruments.size(); ++i)
    question_ok[i].assign(c.instruments[i].questions.size(), opts.questions.empty());
  for (const auto &spec : opts.questions) {
    const auto slash = spec.find('/');
    bool found = false;
    const auto only = slash == std::string::npos ? std::nullopt : c.find_instrument(spec.substr(0, slash));
    for (std::size_t i = 0; i < c.instruments.size(); ++i) {
      if (slash != std::string::npos && only != i) continue;
      if (auto q = c.find_question(i, slash == std::string::npos ? spec : spec.substr(slash + 1))) {
        question_ok[i][*q] = true;
        found = true;
      }
    }
    if (!found) {
      std::vector<std::string> known;
      for (const auto &inst : c.instruments)
        for (const auto &q : inst.questions)
          known.push_back(inst.id + "/" + q.id);
      unknown_filter("question", spec, known);
    }
  }
  std::vector<bool> province_ok(c.provinces.size(), opts.provinces.empty());
  for (const auto &id : opts.provinces) {
    const auto p = c.find_province(id); // an id in any case, or the Thai name (ราชบุรี)
    if (!p) unknown_filter("province", id, ids_and_names_of(c.provinces));
    province_ok[*p] = true;
  }
  a.instrument_ok = std::move(instrument_ok);
  a.question_ok = std::move(question_ok);
  a.province_ok = std::move(province_ok);
  a.answer_selected.clear();
  for (const auto &ans : c.answers)
    a.answer_selected.push_back(a.selected(ans));

  a.theme_selected.assign(a.codebook->themes.size(), opts.themes.empty());
  for (const auto &id : opts.themes) {
    const auto t = a.codebook->index_of(id);
    if (!t) unknown_filter("theme", id, ids_of(a.codebook->themes));
    for (std::size_t k = 0; k < a.codebook->themes.size(); ++k)
      if (a.codebook->is_within(k, *t)) a.theme_selected[k] = true;
  }
}

} // namespace

namespace {
std::atomic<bool> g_keep_analyses{false};

// Holds a reference to `a`'s codebook and matcher until the process ends. The holder is never
// freed, and LeakSanitizer counts what a live pointer reaches as in use, not as a leak.
void keep(const Analysis &a) {
  static std::mutex guard;
  static auto *const kept = new std::vector<std::shared_ptr<const void>>;
  std::lock_guard lock(guard);
  kept->push_back(a.codebook);
  kept->push_back(a.matcher);
}
} // namespace

void keep_analyses_until_exit() { g_keep_analyses = true; }

Analysis prepare_analysis(const AnalysisOptions &opts, const codebook::Codebook *codebook_override, Load load) {
  Analysis a;
  a.source = corpus_or_default(opts.corpus);
  a.meta = opts.meta;
  // The codebook is loaded and compiled on a second thread while this one reads the corpus
  // (with -j1 in turn, on this one): each is about half of a small command's start-up. A corpus
  // error is still the one reported when both fail, as the corpus is waited for first.
  using Compiled = std::pair<std::shared_ptr<codebook::Codebook>, std::shared_ptr<codebook::Matcher>>;
  std::future<Compiled> compiled =
      std::async(opts.threads == 1 ? std::launch::deferred : std::launch::async | std::launch::deferred, [&] {
        auto cb = std::make_shared<codebook::Codebook>(codebook_override ? *codebook_override
                                                                         : codebook::load_codebook(opts.codebook));
        auto matcher = std::make_shared<codebook::Matcher>(*cb);
        return Compiled{std::move(cb), std::move(matcher)};
      });
  if (load == Load::stream) {
    Diagnostics diagnostics;
    a.corpus = corpus::load_metadata(a.source, diagnostics, a.meta);
    report_warnings(diagnostics);
    diagnostics.throw_if_errors();
    a.streamed = true;
  } else {
    a.corpus = load_corpus(opts.corpus, opts.meta);
  }
  std::tie(a.codebook, a.matcher) = compiled.get();
  if (g_keep_analyses) keep(a);
  apply_filters(a, opts);
  return a;
}

Analysis prepare_analysis(const AnalysisOptions &opts, const Analysis &loaded) {
  Analysis a = loaded; // the codebook and matcher are shared; apply_filters sets every filter anew
  apply_filters(a, opts);
  return a;
}

nlohmann::ordered_json filters_json(const AnalysisOptions &opts) {
  return {{"instrument", opts.instruments},
          {"question", opts.questions},
          {"province", opts.provinces},
          {"theme", opts.themes}};
}

} // namespace supanalyze::cli

#include <supanalyze/coding/coder.hpp>

namespace supanalyze::cli {

void for_each_coded(const Analysis &a, unsigned threads,
                    const std::function<void(const corpus::Answer &, const coding::AnswerCodings &)> &on_coded) {
  const auto &answers = a.corpus.answers;
  if (!a.streamed) {
    coding::code_corpus(
        a.corpus, *a.matcher, threads,
        [&](const coding::AnswerCodings &coded) {
          if (a.answer_selected[coded.answer]) on_coded(answers[coded.answer], coded);
        },
        a.code_labels);
    return;
  }
  // Answers left out by the filters are skipped before the workers normalize and code them.
  coding::StreamCoder coder(*a.matcher, threads, on_coded, /*normalize=*/true, a.code_labels);
  Diagnostics diagnostics;
  corpus::StreamOptions options;
  options.meta = a.meta;
  options.defer_normalization = true;
  corpus::stream_corpus(
      a.source, a.corpus, diagnostics,
      [&](corpus::Answer &&answer) {
        if (a.selected(answer)) coder.add(std::move(answer));
      },
      options);
  coder.finish();
  report_warnings(diagnostics);
}

aggregate::TableCount count_table(const Analysis &a, aggregate::Axis rows, aggregate::Axis cols, aggregate::Unit unit) {
  return aggregate::TableCount(a.corpus, *a.codebook, a, rows, cols, unit);
}

std::vector<std::size_t> axis_items(const Analysis &a, aggregate::Axis axis) {
  return aggregate::axis_items(a.corpus, *a.codebook, a, axis);
}

std::string axis_id(const Analysis &a, aggregate::Axis axis, std::size_t item) {
  return aggregate::axis_id(a.corpus, *a.codebook, axis, item);
}

std::string axis_label(const Analysis &a, aggregate::Axis axis, std::size_t item) {
  switch (axis) {
  case aggregate::Axis::theme:
    return a.codebook->themes[item].label(a.english);
  case aggregate::Axis::province:
    return a.corpus.provinces[item].label(a.english);
  case aggregate::Axis::question:
    return axis_id(a, axis, item);
  }
  return "";
}

nlohmann::ordered_json json_header(const Analysis &a, const AnalysisOptions &opts, const std::string &schema) {
  return {{"schema", schema},
          {"corpus", a.corpus.id},
          {"year", a.corpus.year_be},
          {"codebook", {{"id", a.codebook->id}, {"version", a.codebook->version}}},
          {"unit", aggregate::to_string(opts.unit)},
          {"lang", to_string(opts.lang)},
          {"filters", filters_json(opts)}};
}

} // namespace supanalyze::cli
