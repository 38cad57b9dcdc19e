// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/audit/context.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/output/xlsx.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/tokenizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace supanalyze::cli {

namespace {

struct KwicOptions : AnalysisOptions {
  std::vector<std::string> terms;
  std::vector<std::string> patterns;
  std::size_t context = 30;
};

// A one-theme codebook for --term / --pattern searches.
codebook::Codebook search_codebook(const KwicOptions &opts) {
  codebook::Codebook cb;
  cb.id = "kwic";
  cb.version = "0";
  cb.source = "<command line>";
  codebook::Theme t;
  t.id = "search";
  t.label_th = t.label_en = "search";
  for (const auto &term : opts.terms)
    t.terms.push_back({text::normalize(term), {"--term", 0, 0}});
  for (const auto &pattern : opts.patterns)
    t.patterns.push_back({pattern, {"--pattern", 0, 0}});
  cb.themes.push_back(std::move(t));
  return cb;
}

struct Hit {
  std::string segment_id, theme, label, term, left, match, right; // label: the theme's, in --lang
  std::uint32_t start, end;
  bool in_label; // the match is in the segment's ### label
};

// Every coding of a selected theme, with its contexts cut between words.
std::vector<Hit> collect_hits(const Analysis &a, const KwicOptions &opts) {
  std::vector<Hit> hits; // only the hits are kept: the table aligns on the longest segment id
  const text::Tokenizer words(a.matcher->tokenizer()); // contexts are cut between words
  for_each_coded(a, opts.threads, [&](const corpus::Answer &answer, const coding::AnswerCodings &coded) {
    for (std::size_t s = 0; s < coded.segments.size(); ++s) {
      std::vector<std::size_t> text_words, label_words; // word boundaries, computed when needed
      for (const auto &c : coded.segments[s]) {
        if (!a.theme_selected[c.theme]) continue;
        const std::string &text = c.in_label ? answer.segments[s].label : answer.segments[s].text;
        auto &boundaries = c.in_label ? label_words : text_words;
        if (boundaries.empty()) boundaries = audit::word_boundaries(text, words);
        hits.push_back({a.corpus.segment_id(answer, s + 1), a.codebook->themes[c.theme].id,
                        a.codebook->themes[c.theme].label(a.english), a.matcher->source_label(c.source),
                        audit::left_context(text, c.start, opts.context, boundaries),
                        text.substr(c.start, c.end - c.start),
                        audit::right_context(text, c.end, opts.context, boundaries), c.start, c.end, c.in_label});
      }
    }
  });
  return hits;
}

nlohmann::ordered_json hits_json(const std::vector<Hit> &hits, const Analysis &a, const KwicOptions &opts) {
  nlohmann::ordered_json doc{{"schema", "supanalyze.kwic/2"},
                             {"corpus", a.corpus.id},
                             {"codebook", {{"id", a.codebook->id}, {"version", a.codebook->version}}},
                             {"lang", to_string(opts.lang)},
                             {"filters", filters_json(opts)},
                             {"terms", opts.terms},
                             {"patterns", opts.patterns}};
  auto &list = doc["hits"] = nlohmann::ordered_json::array();
  for (const auto &h : hits)
    list.push_back({{"segment", h.segment_id},
                    {"theme", h.theme},
                    {"label", h.label},
                    {"term", h.term},
                    {"start", h.start},
                    {"end", h.end},
                    {"left", h.left},
                    {"match", h.match},
                    {"right", h.right},
                    {"in", h.in_label ? "label" : "text"}});
  return doc;
}

// The terminal's lines: segment id, left context, [hit], right context, aligned on the hit.
void write_lines(const std::vector<Hit> &hits, bool show_theme, std::size_t context, std::ostream &out) {
  std::size_t id_width = 0;
  auto shown_id = [](const Hit &h) { return h.in_label ? h.segment_id + " ###" : h.segment_id; }; // ### marks a label
  for (const auto &h : hits)
    id_width = std::max(id_width, text::display_width(shown_id(h)));
  for (const auto &h : hits)
    out << output::pad(shown_id(h), id_width, output::Align::left) << "  "
        << output::pad(h.left, context, output::Align::right) << " [" << h.match << "] " << h.right
        << (show_theme ? "   (" + h.theme + ": " + h.term + ")" : "") << '\n';
  out << hits.size() << " hits\n";
}

output::Table hits_table(const std::vector<Hit> &hits) {
  output::Table t{"",
                  {{"segment", "segment"},
                   {"theme", "theme"},
                   {"term", "term"},
                   {"start", "start"},
                   {"end", "end"},
                   {"left", "left"},
                   {"match", "match"},
                   {"right", "right"},
                   {"in", "in"},
                   {"label", "label"}},
                  {},
                  {}};
  for (const auto &h : hits)
    t.rows.push_back({h.segment_id, h.theme, h.term, std::to_string(h.start), std::to_string(h.end), h.left, h.match,
                      h.right, h.in_label ? "label" : "text", h.label});
  return t;
}

// One sheet of the hits, titled with the search that found them.
std::string hits_workbook(output::Table t, std::size_t hit_count, const Analysis &a, const KwicOptions &opts,
                          bool searching) {
  std::string what = searching ? "" : " -t";
  for (const auto &id : opts.themes)
    what += " " + id;
  for (const auto &term : opts.terms)
    what += " --term " + term;
  for (const auto &pattern : opts.patterns)
    what += " --pattern " + pattern;
  output::Sheet sheet{"kwic",
                      "kwic" + what + " · " + a.corpus.id + " · " + std::to_string(hit_count) + " hits",
                      std::move(t),
                      {},
                      std::nullopt,
                      {},
                      0};
  sheet.kinds.assign(sheet.table.columns.size(), output::CellKind::text);
  sheet.kinds[3] = sheet.kinds[4] = output::CellKind::integer;
  return output::xlsx_workbook({sheet});
}

void run_kwic(const KwicOptions &opts, Context &ctx) {
  const auto format = opts.resolved_format();
  const bool searching = !opts.terms.empty() || !opts.patterns.empty();
  if (searching == !opts.themes.empty()) throw Error("kwic needs either -t THEME, or --term/--pattern (not both)");
  const codebook::Codebook adhoc = searching ? search_codebook(opts) : codebook::Codebook{};
  const Analysis a = prepare_analysis(opts, searching ? &adhoc : nullptr, Load::stream);
  const std::vector<Hit> hits = collect_hits(a, opts);
  OutputSink sink(opts.output, ctx.out);
  auto &out = sink.stream();
  write_bom(opts, out);
  if (format == output::Format::json)
    out << hits_json(hits, a, opts).dump(2, ' ', false) << '\n';
  else if (format == output::Format::table)
    write_lines(hits, !searching && a.codebook->themes.size() != 1, opts.context, out);
  else if (format == output::Format::xlsx)
    out << hits_workbook(hits_table(hits), hits.size(), a, opts, searching);
  else
    write_tables({hits_table(hits)}, format, out);
  sink.commit();
}

} // namespace

void setup_kwic(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<KwicOptions>();
  auto *cmd =
      app.add_subcommand("kwic", "Keyword in context: every hit of a theme, term or pattern, aligned on the hit");
  cmd->footer(R"(
Each line is a segment id, the left context (right-aligned), the hit in brackets and the right
context, aligned by display width (Thai marks take no column). Contexts are cut between words as
the tokenizer finds them, so no word is shown in part. This is how to check a theme before
trusting a table: every count of freq and matrix is one of these hits.

Examples:
  supanalyze kwic -t budget
  supanalyze kwic -t staffing --question centre1300/q4 --context 40
  supanalyze kwic --term งบประมาณ --term ค่าตอบแทน
  supanalyze kwic --pattern 'ไม่เพียงพอ' --format tsv)");
  add_analysis_options(cmd, *opts,
                       {output::Format::table, output::Format::tsv, output::Format::csv, output::Format::json,
                        output::Format::md, output::Format::xlsx},
                       output::Format::table, false);
  cmd->add_option("--term", opts->terms, "Search a term instead of a theme (repeatable; token-boundary match)");
  cmd->add_option("--pattern", opts->patterns, "Search an ICU regular expression (repeatable)");
  add_integer_option(cmd, "--context", opts->context, 0, 1000, "Display columns of context on each side");
  cmd->callback([opts, &ctx] { run_kwic(*opts, ctx); });
}

} // namespace supanalyze::cli
