// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/coding/coder.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/output/xlsx.hpp>
#include <supanalyze/terms/counter.hpp>
#include <supanalyze/terms/target.hpp>
#include <supanalyze/text/utf8.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace supanalyze::cli {

namespace {

struct TermsOptions : AnalysisOptions {
  std::string keyness;
  bool keyness_given = false;
  bool collocations = false;
  std::string suggest;
  bool suggest_given = false;
  std::string stopwords;
  long long min_count = 2;
  long long top = 50;
  long long max_words = 3;
  long long context = 30;
};

void check_numbers(const TermsOptions &opts) {
  if (opts.min_count < 1 || opts.min_count > 1000000000)
    throw Error(fmt::format("--min-count must be between 1 and 1000000000, not {}", opts.min_count));
  if (opts.top < 0 || opts.top > 1000000000)
    throw Error(fmt::format("--top must be between 0 (all) and 1000000000, not {}", opts.top));
  if (opts.max_words < 1 || opts.max_words > 3)
    throw Error(fmt::format("--max-words must be 1, 2 or 3, not {}", opts.max_words));
  if (opts.context < 0 || opts.context > 1000)
    throw Error(fmt::format("--context must be between 0 and 1000, not {}", opts.context));
  const int modes = (opts.keyness_given ? 1 : 0) + (opts.collocations ? 1 : 0) + (opts.suggest_given ? 1 : 0);
  if (modes > 1) throw Error("give at most one of --keyness, --collocations and --suggest");
  if (opts.suggest_given && opts.suggest.empty()) throw Error("empty --suggest: give a theme id");
}

std::string number(double value) { return fmt::format("{:.3f}", value); }
std::string p_value(double p) { return p < 0.0001 ? fmt::format("{:.2e}", p) : fmt::format("{:.4f}", p); }

std::size_t limit(const TermsOptions &opts, std::size_t n) {
  return opts.top == 0 ? n : std::min<std::size_t>(n, static_cast<std::size_t>(opts.top));
}

// The KWIC line of an example, as `kwic` prints it.
std::string kwic_line(const terms::Example &e, std::size_t columns) {
  return output::pad(e.left, columns, output::Align::right) + " [" + e.match + "] " + e.right;
}

// YAML-quoted when plain YAML would misread it.
std::string yaml_scalar(const std::string &s) {
  const bool plain = !s.empty() && s.find_first_of(":#'\"{}[],&*!|>%@`") == std::string::npos && s.front() != '-' &&
                     s.front() != '?' && s.front() != ' ' && s.back() != ' ';
  if (plain) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

// What a terms run shows: its table, its JSON document and, with --suggest, the YAML lines to
// paste under the theme's terms.
struct TermsReport {
  output::Table table;
  nlohmann::ordered_json doc;
  std::vector<std::string> yaml;
};

// Counts the words of the selected segments (with --theme, those coded with a selected theme);
// a segment in `target` goes to the target, and with --suggest the theme's codings in it are
// the focus spans its near counts are taken around.
void count_segments(const Analysis &a, const TermsOptions &opts, const std::optional<terms::Target> &target,
                    bool examples, terms::TermCounter &counter) {
  const bool all_themes = opts.themes.empty();
  const std::vector<bool> every_theme(a.codebook->themes.size(), true); // `uncoded`: no theme at all
  const std::optional<std::size_t> suggest_theme =
      opts.suggest_given ? a.codebook->index_of(opts.suggest) : std::nullopt;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> focus; // --suggest: the theme's codings in a segment
  for_each_coded(a, opts.threads, [&](const corpus::Answer &answer, const coding::AnswerCodings &coded) {
    for (std::size_t s = 0; s < coded.segments.size(); ++s) {
      if (!all_themes && !terms::carries_theme(coded.segments[s], a.theme_selected)) continue;
      const bool in_target = target && target->contains(answer, coded.segments[s], every_theme);
      focus.clear();
      if (in_target && suggest_theme)
        for (const auto &c : coded.segments[s])
          if (!c.in_label && a.codebook->is_within(c.theme, *suggest_theme)) focus.emplace_back(c.start, c.end);
      counter.add_segment(answer.segments[s].text, in_target, examples ? a.corpus.segment_id(answer, s + 1) : "",
                          focus);
    }
  });
}

// A target that selects no counted segment, or every one, leaves nothing to compare.
void require_contrast(const terms::Target &target, const terms::TermCounter &counter) {
  if (counter.target_segments() == 0)
    throw Error("target '" + target.spec() + "' selects no segment of the " + std::to_string(counter.segments()) +
                " counted (after the filters): nothing to compare");
  if (counter.target_segments() == counter.segments())
    throw Error("target '" + target.spec() +
                "' selects every counted segment: no rest of the corpus to compare it with");
}

// --suggest THEME: the terms key to the theme's segments, each with two examples.
void add_suggestions(TermsReport &report, const Analysis &a, const TermsOptions &opts,
                     const terms::TermCounter &counter, std::size_t example_columns) {
  const auto min_count = static_cast<std::uint64_t>(opts.min_count);
  const std::size_t theme = *a.codebook->index_of(opts.suggest);
  const auto &t = a.codebook->themes[theme];
  const auto found = terms::suggest_terms(counter, *a.matcher, min_count);
  auto &table = report.table;
  table.title = fmt::format("Terms for {} ({}): key to its {} segments, seen {}+ times next to its codings and "
                            "likelier there than elsewhere, coded by no theme",
                            t.id, t.label(a.english), counter.target_segments(), min_count);
  table.columns = {{"term", "term"},
                   {"words", "words", output::Align::right},
                   {"n_theme", "in theme", output::Align::right},
                   {"n_rest", "elsewhere", output::Align::right},
                   {"segments", "segments", output::Align::right},
                   {"n_near", "near", output::Align::right},
                   {"G2_near", "G² near", output::Align::right},
                   {"G2", "G²", output::Align::right},
                   {"p", "p", output::Align::right},
                   {"example_1", "example 1"},
                   {"example_2", "example 2"}};
  report.doc["suggest"] = t.id;
  report.doc["target_segments"] = counter.target_segments();
  auto &list = report.doc["terms"] = nlohmann::ordered_json::array();
  std::size_t id_width = 0; // examples align on their hits, as kwic's lines do
  for (std::size_t i = 0; i < limit(opts, found.size()); ++i)
    for (const auto &e : found[i].term->examples)
      id_width = std::max(id_width, text::display_width(e.segment));
  for (std::size_t i = 0; i < limit(opts, found.size()); ++i) {
    const auto &k = found[i];
    std::vector<std::string> examples;
    auto &ex = list.emplace_back(nlohmann::ordered_json{{"term", k.term->text},
                                                        {"words", k.term->words},
                                                        {"n_theme", k.term->target_count},
                                                        {"n_rest", k.term->count - k.term->target_count},
                                                        {"segments", k.term->target_segments},
                                                        {"n_near", k.term->near_count},
                                                        {"G2_near", k.near_g2},
                                                        {"p_near", k.near_p},
                                                        {"G2", k.g2},
                                                        {"p", k.g2_p}})["examples"];
    ex = nlohmann::ordered_json::array();
    for (const auto &e : k.term->examples) {
      examples.push_back(output::pad(e.segment, id_width, output::Align::left) + "  " + kwic_line(e, example_columns));
      ex.push_back({{"segment", e.segment},
                    {"start", e.start},
                    {"end", e.end},
                    {"left", e.left},
                    {"match", e.match},
                    {"right", e.right}});
    }
    examples.resize(2);
    table.rows.push_back({k.term->text, std::to_string(k.term->words), std::to_string(k.term->target_count),
                          std::to_string(k.term->count - k.term->target_count), std::to_string(k.term->target_segments),
                          std::to_string(k.term->near_count), number(k.near_g2), number(k.g2), p_value(k.g2_p),
                          examples[0], examples[1]});
    report.yaml.push_back("      - " + yaml_scalar(k.term->text) +
                          fmt::format("   # G² near {}, G² {}, {} of its segments", number(k.near_g2), number(k.g2),
                                      k.term->target_segments));
  }
  if (found.empty())
    table.notes.push_back("No term to suggest: lower --min-count, or the theme's segments hold only codebook terms.");
}

// --keyness TARGET: the terms of the target against the rest.
void add_keyness(TermsReport &report, const terms::Target &target, const TermsOptions &opts,
                 const terms::TermCounter &counter) {
  const auto ranked = terms::rank_keyness(counter, static_cast<std::uint64_t>(opts.min_count));
  auto &table = report.table;
  table.title = fmt::format("Keyness of {} ({} segments) against the rest ({} segments)", target.spec(),
                            counter.target_segments(), counter.segments() - counter.target_segments());
  table.columns = {{"term", "term"},
                   {"words", "words", output::Align::right},
                   {"n_target", "target", output::Align::right},
                   {"n_reference", "rest", output::Align::right},
                   {"G2", "G²", output::Align::right},
                   {"p", "p", output::Align::right},
                   {"chi2", "chi²", output::Align::right},
                   {"chi2_p", "p (chi²)", output::Align::right}};
  report.doc["target"] = target.spec();
  report.doc["target_segments"] = counter.target_segments();
  auto &list = report.doc["terms"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < limit(opts, ranked.size()); ++i) {
    const auto &k = ranked[i];
    const std::uint64_t rest = k.term->count - k.term->target_count;
    table.rows.push_back({k.term->text, std::to_string(k.term->words), std::to_string(k.term->target_count),
                          std::to_string(rest), number(k.g2), p_value(k.g2_p), number(k.chi2), p_value(k.chi2_p)});
    list.push_back({{"term", k.term->text},
                    {"words", k.term->words},
                    {"n_target", k.term->target_count},
                    {"n_reference", rest},
                    {"G2", k.g2},
                    {"p", k.g2_p},
                    {"chi2", k.chi2},
                    {"chi2_p", k.chi2_p}});
  }
  table.notes.push_back(
      "G²: log-likelihood with Williams' correction; chi²: with Yates' correction; both signed (negative: "
      "less frequent in the target than expected), as quanteda.textstats' textstat_keyness computes them.");
}

// --collocations: word sequences by z.
void add_collocations(TermsReport &report, const TermsOptions &opts, const terms::TermCounter &counter) {
  const auto min_count = static_cast<std::uint64_t>(opts.min_count);
  const auto colls = counter.collocations(min_count);
  auto &table = report.table;
  table.title = fmt::format("Collocations: sequences of 2 to {} words seen {}+ times, by z", opts.max_words, min_count);
  table.columns = {{"collocation", "collocation"},
                   {"words", "words", output::Align::right},
                   {"count", "count", output::Align::right},
                   {"lambda", "λ", output::Align::right},
                   {"z", "z", output::Align::right}};
  auto &list = report.doc["collocations"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < limit(opts, colls.size()); ++i) {
    const auto &col = colls[i];
    table.rows.push_back({col.text, std::to_string(col.words), std::to_string(col.count), number(col.score.lambda),
                          number(col.score.z)});
    list.push_back({{"collocation", col.text},
                    {"words", col.words},
                    {"count", col.count},
                    {"lambda", col.score.lambda},
                    {"z", col.score.z}});
  }
  table.notes.push_back(
      "λ and z as quanteda.textstats' textstat_collocations computes them (smoothing 0.5); stop words "
      "keep their place but are in no collocation.");
}

// The frequency list (no mode option).
void add_frequencies(TermsReport &report, const TermsOptions &opts, const terms::TermCounter &counter) {
  const auto min_count = static_cast<std::uint64_t>(opts.min_count);
  const auto listed = terms::frequent_terms(counter, min_count);
  auto &table = report.table;
  table.title = fmt::format("Terms: words and phrases of up to {} words seen {}+ times", opts.max_words, min_count);
  table.columns = {{"term", "term"},
                   {"words", "words", output::Align::right},
                   {"count", "count", output::Align::right},
                   {"segments", "segments", output::Align::right}};
  auto &list = report.doc["terms"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < limit(opts, listed.size()); ++i) {
    const auto *t = listed[i];
    table.rows.push_back({t->text, std::to_string(t->words), std::to_string(t->count), std::to_string(t->segments)});
    list.push_back({{"term", t->text}, {"words", t->words}, {"count", t->count}, {"segments", t->segments}});
  }
}

// One sheet: the table, its counts and statistics as numbers; with --suggest, the YAML lines to
// paste under the table.
std::string terms_workbook(TermsReport &report, const TermsOptions &opts) {
  auto &table = report.table;
  if (!report.yaml.empty()) {
    table.notes.push_back("After review, under the theme's terms: in the codebook:");
    table.notes.push_back("    terms:");
    table.notes.insert(table.notes.end(), report.yaml.begin(), report.yaml.end());
  }
  output::Sheet sheet;
  sheet.name = opts.suggest_given   ? "suggest " + opts.suggest
               : opts.keyness_given ? "keyness"
               : opts.collocations  ? "collocations"
                                    : "terms";
  sheet.title = table.title;
  for (const auto &column : table.columns) {
    const bool text = column.key == "term" || column.key == "collocation" || column.key.rfind("example", 0) == 0;
    sheet.kinds.push_back(text ? output::CellKind::text : output::CellKind::integer);
  }
  table.title.clear();
  sheet.table = std::move(table);
  return output::xlsx_workbook({sheet});
}

// --suggest on the terminal: each term with its two examples under it, then the YAML to paste.
void write_suggestions(const TermsReport &report, std::ostream &out) {
  const auto &table = report.table;
  out << table.title << "\n\n";
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto &r = table.rows[i];
    out << fmt::format("{:>2}. {}   G² near its codings {} ({} times)  G² {}  p {}  in {} of its segments ({} "
                       "times), {} times elsewhere\n",
                       i + 1, r[0], r[6], r[5], r[7], r[8], r[4], r[2], r[3]);
    for (std::size_t e = 9; e <= 10; ++e)
      if (!r[e].empty()) out << "      " << r[e] << '\n';
  }
  for (const auto &note : table.notes)
    out << note << '\n';
  if (!report.yaml.empty()) {
    out << "\nAfter review, under the theme's terms: in the codebook:\n    terms:\n";
    for (const auto &line : report.yaml)
      out << line << '\n';
  }
}

void write_report(TermsReport &report, const TermsOptions &opts, output::Format format, Context &ctx) {
  OutputSink sink(opts.output, ctx.out);
  auto &out = sink.stream();
  write_bom(opts, out);
  if (format == output::Format::json) {
    out << report.doc.dump(2, ' ', false) << '\n';
  } else if (format == output::Format::xlsx) {
    out << terms_workbook(report, opts);
  } else if (opts.suggest_given && format == output::Format::table) {
    write_suggestions(report, out);
  } else {
    if (format == output::Format::md && !report.yaml.empty()) {
      std::string block = "```yaml\n    terms:\n";
      for (const auto &line : report.yaml)
        block += line + '\n';
      report.table.notes.push_back(block + "```");
    }
    write_tables({report.table}, format, out, table_width(opts, ctx));
  }
  sink.commit();
}

void run_terms(const TermsOptions &opts, Context &ctx) {
  check_numbers(opts);
  const auto format = opts.resolved_format();
  const Analysis a = prepare_analysis(opts, nullptr, Load::stream);
  const terms::StopWords custom_stop_words =
      opts.stopwords.empty() ? terms::StopWords() : terms::StopWords::parse(read_file(opts.stopwords), opts.stopwords);
  const terms::StopWords &stop_words = opts.stopwords.empty() ? terms::StopWords::thai_default() : custom_stop_words;
  std::optional<terms::Target> target;
  if (opts.keyness_given) target.emplace(opts.keyness, a.corpus, *a.codebook);
  if (opts.suggest_given) target.emplace("theme:" + opts.suggest, a.corpus, *a.codebook);

  terms::CounterOptions options;
  options.max_words = static_cast<unsigned>(opts.max_words);
  options.collocations = opts.collocations;
  options.examples = opts.suggest_given;
  options.example_columns = static_cast<std::size_t>(opts.context);
  if (opts.suggest_given) options.edge_words = &terms::StopWords::thai_generic();
  terms::TermCounter counter(a.matcher->tokenizer(), stop_words, options);
  count_segments(a, opts, target, options.examples, counter);
  if (target) require_contrast(*target, counter);

  TermsReport report;
  report.doc = json_header(a, opts, "supanalyze.terms/2");
  report.doc.erase("unit");
  report.doc["segments"] = counter.segments();
  if (opts.suggest_given)
    add_suggestions(report, a, opts, counter, options.example_columns);
  else if (opts.keyness_given)
    add_keyness(report, *target, opts, counter);
  else if (opts.collocations)
    add_collocations(report, opts, counter);
  else
    add_frequencies(report, opts, counter);
  report.table.notes.push_back(fmt::format("{} segments", counter.segments()) +
                               (opts.top == 0 ? "" : fmt::format("; the first {} rows (--top 0 for all)", opts.top)));
  write_report(report, opts, format, ctx);
}

} // namespace

void setup_terms(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<TermsOptions>();
  auto *cmd = app.add_subcommand(
      "terms", "Words and phrases of a corpus: frequencies, keyness, collocations, terms to add to a theme");
  cmd->footer(R"(
Words are the tokenizer's tokens (Thai compounds and codebook terms stay whole); phrases are 2 or
3 consecutive words in one segment. Punctuation, numbers and list markers are not words and
break phrases; stop words (the embedded stopwords-th list, or --stopwords FILE) are no term and
in no phrase. Counts: occurrences, and segments that hold the term.

  --keyness TARGET   terms of TARGET against the rest of the corpus: G² (Williams' correction)
                     and chi² (Yates'), signed, with p-values, as quanteda.textstats'
                     textstat_keyness. TARGET: uncoded (segments no theme codes), theme:ID,
                     question:ID (q4 or centre1300/q4), province:ID, instrument:ID.
  --collocations     2-3-word sequences scored by lambda and z (textstat_collocations).
  --suggest THEME    terms key to the theme's segments and likelier next to its codings than
                     anywhere else (G² near), that no theme codes yet and that are no generic
                     word (ควร, ค่อนข้าง), each with two examples in context and a YAML list to
                     paste into the codebook.

--theme narrows the counted segments to those a selected theme codes.

Examples:
  supanalyze terms
  supanalyze terms --keyness uncoded
  supanalyze terms --keyness province:ratchaburi --format csv -o ratchaburi.csv
  supanalyze terms --collocations --min-count 3
  supanalyze terms --suggest staffing
  supanalyze terms my-corpus.tsv -c my-codebook.yaml --stopwords my-stopwords.txt)");
  add_analysis_options(cmd, *opts,
                       {output::Format::table, output::Format::csv, output::Format::tsv, output::Format::json,
                        output::Format::md, output::Format::xlsx},
                       output::Format::table, false);
  cmd->add_option("--keyness", opts->keyness,
                  "Keyness of TARGET against the rest: uncoded, theme:ID, question:ID, province:ID, instrument:ID")
      ->each([opts](const std::string &) { opts->keyness_given = true; });
  cmd->add_flag("--collocations", opts->collocations, "Score 2-3-word sequences by lambda and z");
  cmd->add_option("--suggest", opts->suggest, "Terms to add to THEME, with examples")
      ->each([opts](const std::string &) { opts->suggest_given = true; });
  cmd->add_option("--stopwords", opts->stopwords,
                  "Stop-word list FILE (one word per line, # comments) instead of the built-in Thai list");
  cmd->add_option("--min-count", opts->min_count,
                  "Leave out terms seen fewer than N times (in the theme's segments with --suggest)")
      ->capture_default_str();
  cmd->add_option("--top", opts->top, "Print the first N rows (0: all)")->capture_default_str();
  cmd->add_option("--max-words", opts->max_words, "Longest phrase: 1, 2 or 3 words")->capture_default_str();
  cmd->add_option("--context", opts->context, "Display columns of context on each side of an example (--suggest)")
      ->capture_default_str();
  cmd->callback([opts, &ctx] { run_terms(*opts, ctx); });
}

} // namespace supanalyze::cli
