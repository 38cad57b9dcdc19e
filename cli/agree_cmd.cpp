// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/agreement/compare.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/qda/project_reader.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>

namespace supanalyze::cli {

namespace {

struct AgreeOptions {
  std::string a, b;
  AnalysisOptions analysis; // corpus, codebook, filters, output, format, lang
  agreement::Unit unit = agreement::Unit::answer;
  bool disagreements = false;
  bool all_themes = false;
  double min_kappa = std::numeric_limits<double>::quiet_NaN(); // NaN: no gate
};

std::string number(const std::optional<double> &v) { return v ? fmt::format("{:.3f}", *v) : "-"; }

nlohmann::ordered_json json_number(const std::optional<double> &v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

std::string joined(const std::vector<std::string> &items, const std::string &sep) {
  std::string out;
  for (const auto &item : items)
    out += (out.empty() ? "" : sep) + item;
  return out;
}

std::string joined(const std::vector<std::size_t> &items) {
  std::vector<std::string> s;
  for (auto i : items)
    s.push_back(std::to_string(i));
  return joined(s, ",");
}

std::vector<std::string> stat_cells(const agreement::Confusion &c) {
  return {std::to_string(c.both),
          std::to_string(c.only_a),
          std::to_string(c.only_b),
          std::to_string(c.neither),
          number(agreement::observed_agreement(c)),
          number(agreement::precision(c)),
          number(agreement::recall(c)),
          number(agreement::f1(c)),
          number(agreement::cohen_kappa(c)),
          number(agreement::krippendorff_alpha(c))};
}

nlohmann::ordered_json stat_json(const agreement::Confusion &c) {
  return {{"both", c.both},
          {"only_a", c.only_a},
          {"only_b", c.only_b},
          {"neither", c.neither},
          {"units", c.total()},
          {"agreement", json_number(agreement::observed_agreement(c))},
          {"precision", json_number(agreement::precision(c))},
          {"recall", json_number(agreement::recall(c))},
          {"f1", json_number(agreement::f1(c))},
          {"kappa", json_number(agreement::cohen_kappa(c))},
          {"alpha", json_number(agreement::krippendorff_alpha(c))}};
}

// Which themes are compared, and why: the reference's own (the default), --theme, or all.
std::string themes_from(const AgreeOptions &opts) {
  return !opts.analysis.themes.empty() ? "theme filter" : opts.all_themes ? "all" : "reference";
}

std::string themes_note(const Analysis &an, const agreement::Comparison &cmp, const AgreeOptions &opts) {
  const std::string n = std::to_string(cmp.themes.size());
  std::string note;
  if (themes_from(opts) == "reference")
    note = "Themes: the " + n + " the reference (B) codes, of the codebook's " +
           std::to_string(an.codebook->themes.size()) +
           " (--all-themes: all, counting a theme B never coded as B's no; -t: chosen ones).";
  else if (themes_from(opts) == "all")
    note = "Themes: all " + n + " of the codebook (a theme B never coded counts as B's no).";
  else
    note = "Themes: the " + n + " chosen with --theme and their sub-themes.";
  const std::size_t within = cmp.themes.size() - cmp.pooled_themes;
  if (within > 0)
    note += " (all) leaves out " + std::to_string(within) + " sub-theme" + (within == 1 ? "" : "s") +
            " compared with its parent: their marks are in the parent's cells already.";
  return note;
}

// How many answers were compared, and how many only one coder judged (left out).
std::string answers_note(const agreement::Comparison &cmp) {
  const auto &c = cmp.answers;
  std::string note = "Answers compared: " + std::to_string(c.compared) +
                     " (judged by both); on one side only: " + std::to_string(c.one_side()) + " (A " +
                     std::to_string(c.only_a) + ", B " + std::to_string(c.only_b) + ")";
  if (c.neither > 0) note += ", by neither: " + std::to_string(c.neither);
  if (c.one_side() + c.neither > 0)
    note += ", left out: a cell table or .qdpx judges only the answers it holds, and a missing one is no 'no'";
  return note + ".";
}

output::Table agreement_table(const Analysis &an, const agreement::Comparison &cmp, const AgreeOptions &opts,
                              bool long_form) {
  output::Table t;
  const std::string units = std::to_string(cmp.universe.size()) + " " + agreement::to_string(opts.unit) +
                            (cmp.universe.size() == 1 ? "" : "s");
  t.title =
      "Agreement of A (tested: " + opts.a + ") with B (reference: " + opts.b + ") · " + an.corpus.id + " · " + units;
  t.columns = {{"theme", "theme"},
               {"label", an.english ? "label" : "ประเด็น"},
               {"both", "both", output::Align::right},
               {"only_a", "only A", output::Align::right},
               {"only_b", "only B", output::Align::right},
               {"neither", "neither", output::Align::right},
               {"agreement", "agree", output::Align::right},
               {"precision", "precision", output::Align::right},
               {"recall", "recall", output::Align::right},
               {"f1", "F1", output::Align::right},
               {"kappa", "kappa", output::Align::right},
               {"alpha", "alpha", output::Align::right}};
  for (const auto &th : cmp.themes) {
    std::vector<std::string> row{an.codebook->themes[th.theme].id, an.codebook->themes[th.theme].label(an.english)};
    for (auto &cell : stat_cells(th.counts))
      row.push_back(std::move(cell));
    t.rows.push_back(std::move(row));
  }
  std::vector<std::string> all{"(all)", "pooled over " + std::to_string(cmp.pooled_themes) + " themes"};
  for (auto &cell : stat_cells(cmp.overall))
    all.push_back(std::move(cell));
  t.rows.push_back(std::move(all));
  if (!long_form) {
    t.notes.push_back(answers_note(cmp));
    t.notes.push_back(themes_note(an, cmp, opts));
    t.notes.push_back("A = tested coder, B = reference: precision = both/(both+only A), recall = both/(both+only B).");
    t.notes.push_back("agree = observed agreement; kappa = Cohen's kappa; alpha = Krippendorff's alpha (nominal); "
                      "- = undefined (zero denominator).");
  }
  return t;
}

output::Table disagreement_table(const Analysis &an, const agreement::Comparison &cmp) {
  output::Table t;
  t.title =
      "Disagreements (" + std::to_string(cmp.disagreements.size()) + "): the coder who said yes and what it matched";
  t.columns = {{"unit", "unit"}, {"theme", "theme"}, {"yes", "yes"}, {"terms", "terms"}, {"segments", "segments"}};
  for (const auto &d : cmp.disagreements)
    t.rows.push_back({cmp.universe.ids[d.unit], an.codebook->themes[d.theme].id, d.a_yes ? "A" : "B",
                      joined(d.terms, "; "), joined(d.segments)});
  if (cmp.disagreements.empty()) t.notes.push_back("(none)");
  return t;
}

nlohmann::ordered_json comparison_json(const Analysis &an, const agreement::Comparison &cmp, const AgreeOptions &opts,
                                       const agreement::Coding &a, const agreement::Coding &b) {
  auto doc = json_header(an, opts.analysis, "supanalyze.agree/3");
  doc["unit"] = agreement::to_string(opts.unit);
  doc["a"] = {{"file", opts.a}, {"form", agreement::to_string(a.form)}, {"role", "tested"}};
  doc["b"] = {{"file", opts.b}, {"form", agreement::to_string(b.form)}, {"role", "reference"}};
  doc["units"] = cmp.universe.size();
  doc["answers"] = {{"compared", cmp.answers.compared},
                    {"only_a", cmp.answers.only_a},
                    {"only_b", cmp.answers.only_b},
                    {"neither", cmp.answers.neither}};
  doc["themes_from"] = themes_from(opts);
  doc["pooled_themes"] = cmp.pooled_themes;
  auto &themes = doc["themes"] = nlohmann::ordered_json::array();
  for (const auto &th : cmp.themes) {
    const auto &t = an.codebook->themes[th.theme];
    nlohmann::ordered_json j{{"theme", t.id}, {"label", t.label(an.english)}};
    j.update(stat_json(th.counts));
    j["pooled"] = th.pooled;
    themes.push_back(std::move(j));
  }
  doc["overall"] = stat_json(cmp.overall);
  auto &list = doc["disagreements"] = nlohmann::ordered_json::array();
  for (const auto &d : cmp.disagreements)
    list.push_back({{"unit", cmp.universe.ids[d.unit]},
                    {"theme", an.codebook->themes[d.theme].id},
                    {"yes", d.a_yes ? "A" : "B"},
                    {"terms", d.terms},
                    {"segments", d.segments}});
  return doc;
}

agreement::Coding load_coding(const std::string &path, const Analysis &an, Context &ctx) {
  if (std::filesystem::path(path).extension() == ".qdpx") {
    std::vector<std::string> unmatched;
    auto coding = qda::project_coding(qda::read_qdpx(read_file(path), path), an.corpus, *an.codebook, unmatched);
    for (const auto &u : unmatched)
      ctx.err << "supanalyze: agree: " << path << ": " << u << '\n';
    return coding;
  }
  const auto inputs = read_inputs({path}, ctx);
  return agreement::parse_coding(inputs.front().bytes, inputs.front().name, an.corpus, *an.codebook);
}

void run_agree(const AgreeOptions &opts, Context &ctx) {
  const auto format = opts.analysis.resolved_format();
  const auto unit = opts.unit;
  if (opts.a == "-" && opts.b == "-") throw Error("only one of A and B can be standard input ('-')");
  const Analysis an = prepare_analysis(opts.analysis);
  const agreement::Coding a = load_coding(opts.a, an, ctx);
  const agreement::Coding b = load_coding(opts.b, an, ctx);
  const auto themes = !opts.analysis.themes.empty() || opts.all_themes ? axis_items(an, aggregate::Axis::theme)
                                                                       : agreement::reference_themes(b);
  const auto cmp = agreement::compare(an.corpus, *an.codebook, a, b, an.answer_selected, themes, unit);
  if (cmp.answers.one_side() > 0)
    ctx.err << "supanalyze: agree: " << cmp.answers.one_side() << " answers judged by one side only are left out (A "
            << cmp.answers.only_a << ", B " << cmp.answers.only_b << "); compared: " << cmp.answers.compared << '\n';

  OutputSink sink(opts.analysis.output, ctx.out);
  auto &out = sink.stream();
  write_bom(opts.analysis, out);
  if (format == output::Format::json) {
    out << comparison_json(an, cmp, opts, a, b).dump(2, ' ', false) << '\n';
  } else if (format == output::Format::csv || format == output::Format::tsv) {
    write_tables({opts.disagreements ? disagreement_table(an, cmp) : agreement_table(an, cmp, opts, true)}, format,
                 out);
  } else {
    write_tables({agreement_table(an, cmp, opts, false), disagreement_table(an, cmp)}, format, out,
                 table_width(opts.analysis, ctx));
  }
  sink.commit();
  if (!std::isnan(opts.min_kappa)) {
    const auto kappa = agreement::cohen_kappa(cmp.overall);
    if (!kappa || *kappa < opts.min_kappa) {
      ctx.err << "supanalyze: agree: overall kappa " << number(kappa) << " is below --min-kappa "
              << fmt::format("{:.3f}", opts.min_kappa) << '\n';
      ctx.exit_code = k_exit_findings;
    }
  }
}

} // namespace

void setup_agree(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<AgreeOptions>();
  auto *cmd = app.add_subcommand(
      "agree", "Agreement between two codings of one corpus: per theme and overall, with kappa and alpha");
  cmd->footer(R"help(
A is the coder under test (e.g. the tool: `supanalyze code` output) and B the reference (e.g. a
person): precision = both/(both+only A) and recall = both/(both+only B) take B as the truth;
agreement, Cohen's kappa and Krippendorff's alpha (nominal, two coders) are symmetric. For two
people, either may be A.

Each of A and B is a `supanalyze code` output (TSV, CSV or JSONL: every row is a yes for its
theme in its segment) or a cell table (TSV, CSV or JSONL with columns instrument, question,
province, theme, value = 0/1, optionally segment; other columns are ignored). The units are the
answers (instrument/question/province, the default) or the segments of the corpus, after the
--instrument/--question/--province filters, that both A and B judged: a code output judges
every answer (its rows are its yeses), a cell table the answers it has a row for (0 or 1), a
project (.qdpx) the answers it has a text source for. An answer only one side judged (a
reviewer who imported three provinces) is left out, not counted as a "no"; the output says how
many answers were compared and how many were on one side only. In a compared answer, a unit neither
file marks counts as a negative both agree on. The themes are those the reference B codes (names in a row, yes or no), in
codebook order: a theme B never looked at is not B's "no". --all-themes compares every theme of
the codebook, --theme the chosen ones and their sub-themes. A parent theme is present where it
or a sub-theme is coded. "(all)" pools the cells of the themes compared, leaving out a sub-theme
whose parent is compared too (its marks are in the parent's cells: one disagreement would count
twice). The output says which themes it compares.

Output: the agreement table, then the disagreements (unit, theme, which coder said yes, the
terms it matched and in which segments) so that a person can look at each one. csv and tsv hold
one table: the agreement table, or with --disagreements the list of disagreements. json has
both (schema supanalyze.agree/3, docs/json.md). With --min-kappa, the exit code is 1 when the overall kappa is
lower (or undefined).

Examples:
  supanalyze code -q centre1300/q4 -q vulnerable/q5 -q onehome/q5 -o tool.tsv
  supanalyze agree tool.tsv tests/data/human-coding-sample.tsv -q centre1300/q4 -q vulnerable/q5 -q onehome/q5
  supanalyze agree coder1.csv coder2.csv --unit segment --format md -o agreement.md
  supanalyze agree tool.tsv human.tsv --format tsv --disagreements -o to-review.tsv)help");
  cmd->add_option("a", opts->a, "Coding A, the coder under test (file, or - for standard input)")->required();
  cmd->add_option("b", opts->b, "Coding B, the reference (file, or - for standard input)")->required();
  auto &an = opts->analysis;
  add_corpus_arguments(cmd, an.corpus, an.meta);
  cmd->add_option("-c,--codebook", an.codebook, "Codebook YAML (default: the built-in msdhs-2564)");
  add_parsed_option<agreement::Unit>(cmd, "-u,--unit", opts->unit, agreement::parse_unit,
                                     "What one judgement is about: answer (instrument/question/province) or segment "
                                     "(the plural works too)",
                                     agreement::to_string(opts->unit), names_of(agreement::all_units()));
  cmd->add_option("-i,--instrument", an.instruments, "Only the answers of these instruments (repeatable)");
  cmd->add_option("-q,--question", an.questions,
                  "Only the answers to these questions: q4 or centre1300/q4 (repeatable)");
  cmd->add_option("-p,--province", an.provinces, "Only the answers of these provinces (repeatable)");
  auto *theme = cmd->add_option("-t,--theme", an.themes,
                                "Only these themes and their sub-themes (repeatable; default: the themes B codes)");
  cmd->add_flag("--all-themes", opts->all_themes,
                "Every theme of the codebook, also those B never codes (they count as B's no)")
      ->excludes(theme);
  add_output_options(
      cmd, an,
      {output::Format::table, output::Format::csv, output::Format::tsv, output::Format::json, output::Format::md},
      output::Format::table);
  add_lang_option(cmd, an.lang, "Theme labels in th or en");
  cmd->add_flag("--disagreements", opts->disagreements,
                "With csv/tsv: write the list of disagreements instead of the agreement table");
  add_real_option(cmd, "--min-kappa", opts->min_kappa, -1, 1,
                  "Exit with code 1 when the overall (pooled) kappa is below this value (-1 to 1)");
  cmd->callback([opts, &ctx] { run_agree(*opts, ctx); });
}

} // namespace supanalyze::cli
