// SPDX-License-Identifier: MIT
#include "analysis.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/diff/compare.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/run/manifest.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace supanalyze::cli {

namespace {

namespace fs = std::filesystem;

struct DiffOptions : OutputOptions {
  std::string old_path;
  std::string new_path;
  bool corpora = false;
  std::string codebook;
  aggregate::Unit unit = aggregate::Unit::provinces;
  bool common = false;
  bool fail_on_change = false;
  std::uint64_t threshold = 1;
  Language lang = Language::th;
  unsigned threads = 0;
};

// One side of the comparison, as the report's header names it.
struct Side {
  std::string source;
  std::string corpus;
  int year = 0;
  std::string unit;
  std::string codebook;
};

Side side_of(const diff::Counts &c) {
  return {c.source, c.corpus_id, c.year, c.unit, c.codebook_id.empty() ? "" : c.codebook_id + " " + c.codebook_version};
}

struct Comparison {
  std::string mode; // tables, runs, corpora
  Side old_side, new_side;
  diff::Report report;
};

Comparison compare_corpora(const DiffOptions &opts) {
  const auto unit = opts.unit;
  const corpus::Corpus before = load_corpus(opts.old_path), after = load_corpus(opts.new_path);
  const codebook::Codebook cb = codebook::load_codebook(opts.codebook);
  const codebook::Matcher matcher(cb);
  const bool english = opts.lang == Language::en;
  auto old_counts = diff::count_corpus(before, cb, matcher, unit, opts.threads, english);
  auto new_counts = diff::count_corpus(after, cb, matcher, unit, opts.threads, english);
  old_counts.source = opts.old_path;
  new_counts.source = opts.new_path;
  return {"corpora", side_of(old_counts), side_of(new_counts),
          diff::compare(old_counts, new_counts, {opts.threshold, opts.common})};
}

Comparison compare_tables(const DiffOptions &opts) {
  const bool english = opts.lang == Language::en;
  const auto before = diff::read_table_json(read_file(opts.old_path), opts.old_path, english);
  const auto after = diff::read_table_json(read_file(opts.new_path), opts.new_path, english);
  return {"tables", side_of(before), side_of(after), diff::compare(before, after, {opts.threshold, opts.common})};
}

// The JSON tables of a run folder: those its manifest lists, or every *.json file but the manifest.
std::vector<std::string> folder_tables(const fs::path &dir) {
  std::vector<std::string> names;
  const fs::path manifest = dir / "manifest.json";
  if (fs::exists(manifest)) {
    for (const auto &f : run::manifest_files(read_file(manifest), manifest.string()))
      if (f.format == "json") names.push_back(f.file);
    return names;
  }
  for (const auto &entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// What the two manifests say changed in the inputs: informational notes.
void compare_manifests(const fs::path &before, const fs::path &after, Comparison &c) {
  if (!fs::exists(before / "manifest.json") || !fs::exists(after / "manifest.json")) return;
  const auto o = run::manifest_inputs(read_file(before / "manifest.json"));
  const auto n = run::manifest_inputs(read_file(after / "manifest.json"));
  if (!o || !n) return;
  for (auto [inputs, side] : {std::pair{&*o, &c.old_side}, std::pair{&*n, &c.new_side}}) {
    side->corpus = inputs->corpus;
    side->year = inputs->year;
    side->codebook = inputs->codebook;
  }
  for (std::size_t i = 0; i < o->facts.size(); ++i)
    if (o->facts[i].second != n->facts[i].second)
      c.report.notes.push_back(o->facts[i].first + " changed: " + o->facts[i].second + " -> " + n->facts[i].second);
}

Comparison compare_runs(const DiffOptions &opts) {
  Comparison c{"runs", {opts.old_path, "", 0, "", ""}, {opts.new_path, "", 0, "", ""}, {}};
  const auto old_tables = folder_tables(opts.old_path), new_tables = folder_tables(opts.new_path);
  // A gate that compares nothing would always pass.
  if (old_tables.empty() && new_tables.empty())
    throw Error(opts.old_path + " and " + opts.new_path +
                ": no JSON tables to compare (add json to the outputs' formats)");
  const bool english = opts.lang == Language::en;
  for (const auto &name : diff::merge_order(old_tables, new_tables)) {
    const bool in_old = std::find(old_tables.begin(), old_tables.end(), name) != old_tables.end();
    const bool in_new = std::find(new_tables.begin(), new_tables.end(), name) != new_tables.end();
    if (!in_old || !in_new) {
      c.report.shape.push_back({name, "table", name, in_old ? "present" : "", in_new ? "present" : ""});
      continue;
    }
    const fs::path a = fs::path(opts.old_path) / name, b = fs::path(opts.new_path) / name;
    const auto before = diff::read_table_json(read_file(a), a.string(), english);
    const auto after = diff::read_table_json(read_file(b), b.string(), english);
    c.report.append(diff::compare(before, after, {opts.threshold, opts.common}, name));
  }
  compare_manifests(opts.old_path, opts.new_path, c);
  return c;
}

Comparison compare_inputs(const DiffOptions &opts) {
  if (opts.threshold == 0) throw Error("--threshold must be at least 1");
  for (const auto &p : {opts.old_path, opts.new_path})
    if (!fs::exists(p)) throw Error(p + ": no such file or folder");
  if (opts.corpora) return compare_corpora(opts);
  if (opts.common) throw Error("--common compares corpora only (add --corpora)");
  const bool old_dir = fs::is_directory(opts.old_path), new_dir = fs::is_directory(opts.new_path);
  if (old_dir != new_dir) throw Error("compare two JSON tables or two run folders, not a file with a folder");
  if (!old_dir) return compare_tables(opts);
  for (const auto &p : {opts.old_path, opts.new_path})
    if (fs::exists(fs::path(p) / "corpus.yaml"))
      throw Error(p +
                  " is a corpus folder: to compare two corpora, add --corpora (and -c CODEBOOK if not the default)");
  return compare_runs(opts);
}

std::string or_all(const std::string &s) { return s.empty() ? "(all)" : s; }
std::string or_dash(const std::string &s) { return s.empty() ? "-" : s; }

std::string describe(const Side &s) {
  std::string out = s.source;
  if (!s.corpus.empty()) out += " (" + s.corpus + (s.year ? ", " + std::to_string(s.year) : "") + ")";
  return out;
}

// "+kanchanaburi -ratchaburi samutsakhon 2->3"
std::string members_text(const diff::GroupChange &g) {
  std::string out;
  auto add = [&](const std::string &s) { out += (out.empty() ? "" : " ") + s; };
  for (const auto &p : g.appeared)
    add("+" + p);
  for (const auto &p : g.disappeared)
    add("-" + p);
  for (const auto &m : g.moved)
    add(m.id + " " + std::to_string(m.old_count) + "->" + std::to_string(m.new_count));
  return out;
}

std::string signed_text(std::int64_t v) { return v > 0 ? "+" + std::to_string(v) : std::to_string(v); }

std::string summary(const Comparison &c, const DiffOptions &opts) {
  const auto &r = c.report;
  std::string s = r.changed() ? std::to_string(r.changes.size()) + " count" + (r.changes.size() == 1 ? "" : "s") +
                                    " changed, " + std::to_string(r.shape.size()) + " difference" +
                                    (r.shape.size() == 1 ? "" : "s") + " in shape"
                              : "No changes";
  s += "; " + std::to_string(r.compared) + (r.compared == 1 ? " count" : " counts") + " compared";
  if (r.below_threshold > 0)
    s += ", " + std::to_string(r.below_threshold) + " moved by less than the threshold " +
         std::to_string(opts.threshold);
  return s + ".";
}

std::vector<output::Table> report_tables(const Comparison &c, const DiffOptions &opts) {
  const bool with_table = c.mode == "runs";
  std::vector<output::Table> tables;
  if (!c.report.shape.empty()) {
    output::Table t;
    t.title = "Differences in shape";
    if (with_table) t.columns.push_back({"table", "table"});
    t.columns.insert(t.columns.end(), {{"what", "what"}, {"id", "id"}, {"old", "old"}, {"new", "new"}});
    for (const auto &s : c.report.shape) {
      std::vector<std::string> row;
      if (with_table) row.push_back(s.table);
      row.insert(row.end(), {s.what, or_dash(s.id), or_dash(s.old_value), or_dash(s.new_value)});
      t.rows.push_back(std::move(row));
    }
    tables.push_back(std::move(t));
  }
  if (!c.report.changes.empty()) {
    output::Table t;
    t.title = "Changes (unit " + or_dash(c.new_side.unit.empty() ? c.old_side.unit : c.new_side.unit) + ", threshold " +
              std::to_string(opts.threshold) + (opts.common ? ", provinces that answered both times" : "") + ")";
    if (c.mode == "runs") t.title = "Changes (threshold " + std::to_string(opts.threshold) + ")";
    if (with_table) t.columns.push_back({"table", "table"});
    t.columns.insert(t.columns.end(), {{"question", "question"},
                                       {"theme", "theme"},
                                       {"label", opts.lang == Language::en ? "label" : "ประเด็น"},
                                       {"old", "old", output::Align::right},
                                       {"new", "new", output::Align::right},
                                       {"change", "change", output::Align::right},
                                       {"provinces", "provinces (+ appeared, - disappeared)"}});
    for (const auto &g : c.report.changes) {
      std::vector<std::string> row;
      if (with_table) row.push_back(g.table);
      row.insert(row.end(), {or_all(g.question), or_all(g.theme), g.label, std::to_string(g.old_count),
                             std::to_string(g.new_count), signed_text(g.change()), members_text(g)});
      t.rows.push_back(std::move(row));
    }
    tables.push_back(std::move(t));
  }
  return tables;
}

void write_text(const Comparison &c, const DiffOptions &opts, output::Format format, std::ostream &out) {
  const bool md = format == output::Format::md;
  out << (md ? "# " : "") << "diff: " << describe(c.old_side) << " -> " << describe(c.new_side) << "\n\n";
  for (const auto &t : report_tables(c, opts)) {
    if (md)
      output::write_markdown(t, out);
    else
      output::write_terminal(t, out);
    out << '\n';
  }
  for (const auto &note : c.report.notes)
    out << (md ? "- " : "note: ") << note << '\n';
  if (!c.report.notes.empty()) out << '\n';
  out << summary(c, opts) << '\n';
}

nlohmann::ordered_json side_json(const Side &s) {
  return {{"source", s.source}, {"corpus", s.corpus}, {"year", s.year}, {"unit", s.unit}, {"codebook", s.codebook}};
}

void write_json(const Comparison &c, const DiffOptions &opts, std::ostream &out) {
  using Json = nlohmann::ordered_json;
  Json doc{{"schema", "supanalyze.diff/1"},
           {"mode", c.mode},
           {"old", side_json(c.old_side)},
           {"new", side_json(c.new_side)},
           {"threshold", opts.threshold},
           {"common", opts.common},
           {"changed", c.report.changed()},
           {"compared", c.report.compared},
           {"below_threshold", c.report.below_threshold}};
  auto &shape = doc["shape"] = Json::array();
  for (const auto &s : c.report.shape)
    shape.push_back({{"table", s.table}, {"what", s.what}, {"id", s.id}, {"old", s.old_value}, {"new", s.new_value}});
  auto &changes = doc["changes"] = Json::array();
  for (const auto &g : c.report.changes) {
    Json moved = Json::array();
    for (const auto &m : g.moved)
      moved.push_back({{"province", m.id}, {"old", m.old_count}, {"new", m.new_count}});
    changes.push_back({{"table", g.table},
                       {"question", g.question},
                       {"theme", g.theme},
                       {"label", g.label},
                       {"old", g.old_count},
                       {"new", g.new_count},
                       {"change", g.change()},
                       {"appeared", g.appeared},
                       {"disappeared", g.disappeared},
                       {"moved", moved}});
  }
  doc["notes"] = c.report.notes;
  out << doc.dump(2, ' ', false) << '\n';
}

void run_diff(const DiffOptions &opts, Context &ctx) {
  const auto format = opts.resolved_format();
  const Comparison c = compare_inputs(opts);
  OutputSink sink(opts.output, ctx.out);
  if (format == output::Format::json)
    write_json(c, opts, sink.stream());
  else
    write_text(c, opts, format, sink.stream());
  sink.commit();
  if (opts.fail_on_change && c.report.changed()) ctx.exit_code = k_exit_findings;
}

} // namespace

void setup_diff(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<DiffOptions>();
  auto *cmd = app.add_subcommand("diff", "Compare two results: JSON tables, run folders, or two corpora (--corpora)");
  cmd->footer(R"(
OLD and NEW are two JSON tables written by freq or matrix (--format json), two run folders
written by `supanalyze run` (their JSON tables are compared pairwise by file name), or, with
--corpora, two corpora coded with one codebook (e.g. the rounds of 2564 and 2565).

For each question and theme the report says how the count moved and which provinces appeared
(+) or disappeared (-); only provinces that answered the question on both sides are compared
one by one. Differences in shape are listed, never fatal: a province, instrument, question or
theme on one side only, a question whose text changed, an answer given on one side only,
another unit, codebook or set of filters.

For CI: --fail-on-change exits with 1 when anything changed; --threshold N counts only count
changes of at least N (of the whole count or of one province's part). Differences in shape
always count.

Examples:
  supanalyze diff old/freq.json new/freq.json
  supanalyze diff examples/results/ssw3-2564 /tmp/rerun --fail-on-change
  supanalyze diff --corpora corpora/ssw3-2564 examples/corpora/ssw3-2565 --common
  supanalyze diff --corpora 2564/ 2565/ -c my-codebook.yaml --unit segments --format md -o diff.md
  supanalyze diff a.json b.json --format json --threshold 2 --fail-on-change)");
  cmd->add_option("old", opts->old_path, "The earlier result")->required();
  cmd->add_option("new", opts->new_path, "The later result")->required();
  cmd->add_flag("--corpora", opts->corpora,
                "OLD and NEW are corpora (folders or .tsv/.csv tables), coded with one codebook");
  cmd->add_option("-c,--codebook", opts->codebook, "Codebook YAML for --corpora (default: the built-in msdhs-2564)");
  add_unit_option(cmd, opts->unit,
                  "Unit for --corpora: provinces, answers, segments or mentions (the singular works too)");
  cmd->add_flag("--common", opts->common, "With --corpora: count only provinces that answered the question both times");
  add_output_options(cmd, *opts, {output::Format::table, output::Format::md, output::Format::json},
                     output::Format::table, false);
  cmd->add_flag("--fail-on-change", opts->fail_on_change, "Exit with 1 when anything changed (for CI gates)");
  add_integer_option(cmd, "--threshold", opts->threshold, 1, std::numeric_limits<long long>::max(),
                     "Count only changes whose absolute size is at least N");
  add_lang_option(cmd, opts->lang, "Labels in th or en");
  add_threads_option(cmd, opts->threads, "Worker threads for --corpora (default: all cores)");
  cmd->callback([opts, &ctx] { run_diff(*opts, ctx); });
}

} // namespace supanalyze::cli
