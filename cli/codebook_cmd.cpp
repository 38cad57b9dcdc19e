// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <supanalyze/audit/lint.hpp>
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/codebook/writer.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/qda/codebook.hpp>
#include <supanalyze/text/ascii_id.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace supanalyze::cli {

namespace {

struct CodebookOptions {
  std::string codebook;
  std::string corpus;
  std::string meta;
  output::Format format = output::Format::table;
  std::string fail_on = "error";
  Language lang = Language::th;
  bool no_corpus = false;
  double broad = 0.10;
  unsigned threads = 0;
  std::string input;  // import: the .qdc
  std::string output; // export / import: -o
};

// Loads the codebook collecting every problem instead of stopping at the first.
codebook::Codebook load_all(const std::string &path, Diagnostics &diagnostics) {
  if (path.empty()) return codebook::default_codebook();
  return codebook::parse_codebook(read_file(path), path, diagnostics);
}

void run_lint(const CodebookOptions &opts, Context &ctx) {
  if (opts.fail_on != "warning" && opts.fail_on != "error" && opts.fail_on != "never")
    throw Error("--fail-on must be warning, error or never, not '" + opts.fail_on + "'");
  Diagnostics diagnostics(SIZE_MAX); // lint lists every finding (the loader's work is linear)
  const codebook::Codebook cb = load_all(opts.codebook, diagnostics);
  std::vector<audit::Finding> findings;
  for (const auto &d : diagnostics.items())
    findings.push_back({d.severity == Severity::error ? audit::LintSeverity::error : audit::LintSeverity::warning,
                        "invalid", d.where, "", d.message});
  if (!diagnostics.has_errors()) {
    const codebook::Matcher matcher(cb);
    std::unique_ptr<corpus::Corpus> c;
    if (!opts.no_corpus) c = std::make_unique<corpus::Corpus>(load_corpus(opts.corpus, opts.meta));
    auto more = audit::lint_codebook(cb, matcher, c.get(), {opts.broad, opts.threads});
    findings.insert(findings.end(), more.begin(), more.end());
  }
  std::size_t counts[3] = {0, 0, 0};
  for (const auto &f : findings)
    ++counts[static_cast<int>(f.severity)];
  if (opts.format == output::Format::json) {
    nlohmann::ordered_json doc{{"schema", "supanalyze.lint/1"}, {"codebook", {{"id", cb.id}, {"version", cb.version}}}};
    auto &list = doc["findings"] = nlohmann::ordered_json::array();
    for (const auto &f : findings)
      list.push_back({{"severity", audit::to_string(f.severity)},
                      {"kind", f.kind},
                      {"file", f.where.file},
                      {"line", f.where.line},
                      {"column", f.where.column},
                      {"theme", f.theme},
                      {"message", f.message}});
    ctx.out << doc.dump(2, ' ', false) << '\n';
  } else {
    for (const auto &f : findings)
      ctx.out << f.where.to_string() << ": " << audit::to_string(f.severity) << ": [" << f.kind << "] "
              << (f.theme.empty() ? "" : "themes." + f.theme + ": ") << f.message << '\n';
    ctx.out << cb.id << " " << cb.version << ": " << counts[2] << " errors, " << counts[1] << " warnings, " << counts[0]
            << " notes\n";
  }
  const bool fail =
      (opts.fail_on == "warning" && counts[1] + counts[2] > 0) || (opts.fail_on == "error" && counts[2] > 0);
  if (fail) ctx.exit_code = k_exit_findings;
}

void show_theme(const codebook::Codebook &cb, std::size_t t, int depth, bool english, std::ostream &out) {
  const auto &theme = cb.themes[t];
  out << std::string(static_cast<std::size_t>(depth) * 2, ' ') << theme.id << "  " << theme.label(english) << "  ("
      << theme.terms.size() << " terms";
  if (!theme.patterns.empty()) out << ", " << theme.patterns.size() << " patterns";
  if (!theme.rules.empty()) out << ", " << theme.rules.size() << " rules";
  if (!theme.exclude.empty()) out << ", " << theme.exclude.size() << " exclusions";
  out << ")\n";
  for (std::size_t child : cb.children_of(t))
    show_theme(cb, child, depth + 1, english, out);
}

void run_show(const CodebookOptions &opts, Context &ctx) {
  const codebook::Codebook cb = codebook::load_codebook(opts.codebook);
  const bool english = opts.lang == Language::en;
  if (opts.format == output::Format::json) {
    nlohmann::ordered_json doc{{"schema", "supanalyze.codebook/2"},
                               {"id", cb.id},
                               {"version", cb.version},
                               {"title", cb.title},
                               {"lang", to_string(opts.lang)}};
    auto &list = doc["themes"] = nlohmann::ordered_json::array();
    for (const auto &t : cb.themes) {
      auto terms = nlohmann::ordered_json::array(), patterns = nlohmann::ordered_json::array();
      for (const auto &term : t.terms)
        terms.push_back(term.text);
      for (const auto &pattern : t.patterns)
        patterns.push_back(pattern.text);
      list.push_back({{"id", t.id},
                      {"label", t.label(english)},
                      {"parent", t.parent_id},
                      {"colour", t.colour},
                      {"description", t.description},
                      {"terms", terms},
                      {"patterns", patterns},
                      {"rules", t.rules.size()},
                      {"exclude", t.exclude.size()}});
    }
    ctx.out << doc.dump(2, ' ', false) << '\n';
    return;
  }
  ctx.out << cb.id << " " << cb.version << (cb.title.empty() ? "" : " · " + cb.title) << '\n';
  for (std::size_t t = 0; t < cb.themes.size(); ++t)
    if (!cb.themes[t].parent) show_theme(cb, t, 1, english, ctx.out);
}

void run_test(const CodebookOptions &opts, Context &ctx) {
  const codebook::Codebook cb = codebook::load_codebook(opts.codebook);
  const codebook::Matcher matcher(cb);
  const auto results = audit::test_examples(cb, matcher);
  std::size_t failed = 0;
  for (const auto &r : results) {
    if (r.passed) continue;
    ++failed;
    std::string coded;
    for (const auto &c : r.coded)
      coded += (coded.empty() ? "" : ", ") + c;
    ctx.out << "FAIL themes." << r.theme << ": " << (r.should_match ? "should match" : "should not match") << ": "
            << r.text << "  (coded: " << (coded.empty() ? "nothing" : coded) << ")\n";
  }
  ctx.out << cb.id << " " << cb.version << ": " << (results.size() - failed) << " passed, " << failed << " failed\n";
  if (failed > 0) ctx.exit_code = k_exit_findings;
}

// A codebook skeleton (themes without terms, as `codebook import` writes) exports too: a QDA
// tool codes by hand. Any other problem stops the export at the first error.
codebook::Codebook load_for_export(const std::string &path) {
  if (path.empty()) return codebook::default_codebook();
  Diagnostics diagnostics(SIZE_MAX); // every error, to tell the themes without terms from the rest
  codebook::Codebook cb = codebook::parse_codebook(read_file(path), path, diagnostics);
  for (const auto &d : diagnostics.items())
    if (d.severity == Severity::error && d.message.find(": no match definition") == std::string::npos)
      throw InputError(d.where, d.message);
  return cb;
}

void run_export(const CodebookOptions &opts, Context &ctx) {
  const codebook::Codebook cb = load_for_export(opts.codebook);
  const std::string bytes = qda::write_qdc(cb, opts.lang);
  OutputSink sink(opts.output, ctx.out);
  sink.stream() << bytes;
  sink.commit();
}

// "my Code-Book.qdc" -> "my_code-book": a codebook id (a-z, 0-9, _ . -) from the file name. The
// id names the themes' GUIDs (qda::theme_guid), so its rule stays as it was.
std::string codebook_id_from(const std::string &path) {
  const std::string id =
      text::ascii_id(std::filesystem::path(path).stem().string(), {"._-", text::IdOther::separate, ""});
  return id.empty() ? "imported" : id;
}

void run_import(const CodebookOptions &opts, Context &ctx) {
  codebook::Codebook cb = qda::read_qdc(read_file(opts.input), opts.input);
  cb.id = codebook_id_from(opts.input);
  cb.version = "1";
  cb.title = "Imported from " + std::filesystem::path(opts.input).filename().string();
  const std::string yaml = codebook::write_codebook_yaml(
      cb, "A codebook skeleton imported from a REFI-QDA codebook by supanalyze " SUPANALYZE_VERSION
          ": add terms, patterns or rules to each theme (codebook lint lists those without).");
  OutputSink sink(opts.output, ctx.out);
  sink.stream() << yaml;
  sink.commit();
}

} // namespace

void setup_codebook(CLI::App &app, Context &ctx) {
  auto *cmd =
      app.add_subcommand("codebook", "Inspect, check and exchange a codebook: lint, show, test, export, import");
  cmd->require_subcommand(1);

  auto lint = std::make_shared<CodebookOptions>();
  auto *l = cmd->add_subcommand("lint", "Find codebook problems: unmatchable, duplicate, broad or silent terms");
  l->footer(R"(
Findings (kind in brackets): [invalid] schema errors and bad regexes; [unmatchable-term]
terms that can never fall on token boundaries; [short-term] terms of <= 3 Thai letters that
ICU splits differently in context (with how it splits them); [duplicate-term] a term in two
unrelated themes; [unreachable-rule] rules that cannot fire; with a corpus (the bundled one by
default): [theme-no-match], [term-no-match] (matches nothing), [term-covered] (matches, but
another term, pattern or rule of its theme always takes the span: "always covered by ..."),
[broad-term] (codes more than --broad of all segments: too generic to mean the theme alone).
Exit 1 when a finding is at or above --fail-on.

Examples:
  supanalyze codebook lint
  supanalyze codebook lint -c my-codebook.yaml my-corpus/ --fail-on warning)");
  l->add_option("-c,--codebook", lint->codebook, "Codebook YAML (default: the built-in msdhs-2564)");
  add_corpus_arguments(l, lint->corpus, lint->meta);
  l->add_flag("--no-corpus", lint->no_corpus, "Only the checks that need no corpus");
  l->add_option("--fail-on", lint->fail_on, "warning, error or never")->capture_default_str();
  add_real_option(l, "--broad", lint->broad, 0, 1, "Share of segments above which a term is too broad (0 to 1)");
  add_format_option(l, lint->format, {output::Format::table, output::Format::json});
  add_threads_option(l, lint->threads,
                     "Worker threads for coding the corpus (default: all cores); findings are identical for any value");
  l->callback([lint, &ctx] { run_lint(*lint, ctx); });

  auto show = std::make_shared<CodebookOptions>();
  auto *s = cmd->add_subcommand("show", "Print the theme tree with labels and term counts");
  s->footer("\nExamples:\n  supanalyze codebook show\n  supanalyze codebook show -c my-codebook.yaml --lang en "
            "--format json");
  s->add_option("-c,--codebook", show->codebook, "Codebook YAML (default: the built-in msdhs-2564)");
  add_format_option(s, show->format, {output::Format::table, output::Format::json});
  add_lang_option(s, show->lang, "Labels in th or en");
  s->callback([show, &ctx] { run_show(*show, ctx); });

  auto test = std::make_shared<CodebookOptions>();
  auto *t = cmd->add_subcommand("test", "Run the codebook's own examples (match / no_match)");
  t->footer("\nEach theme's examples.match must code the theme (or a sub-theme); examples.no_match must not.\n"
            "Exit 1 when one fails.\n\nExamples:\n  supanalyze codebook test\n  supanalyze codebook test -c "
            "my-codebook.yaml");
  t->add_option("-c,--codebook", test->codebook, "Codebook YAML (default: the built-in msdhs-2564)");
  t->callback([test, &ctx] { run_test(*test, ctx); });

  auto exp = std::make_shared<CodebookOptions>();
  auto *e = cmd->add_subcommand(
      "export", "Write the codebook as a REFI-QDA codebook (.qdc) for ATLAS.ti, MAXQDA, NVivo, QualCoder");
  e->footer("\nThemes become nested codes with stable GUIDs (the same on every export), the description and\n"
            "the terms in each code's description. See docs/qda.md.\n\nExamples:\n"
            "  supanalyze codebook export -o msdhs-2564.qdc\n  supanalyze codebook export -c my-codebook.yaml --lang "
            "en -o my.qdc");
  e->add_option("-c,--codebook", exp->codebook, "Codebook YAML (default: the built-in msdhs-2564)");
  e->add_option("-o,--output", exp->output, "The .qdc to write (default: standard output)");
  add_lang_option(e, exp->lang, "Code names in th or en");
  e->callback([exp, &ctx] { run_export(*exp, ctx); });

  auto imp = std::make_shared<CodebookOptions>();
  auto *i = cmd->add_subcommand("import",
                                "Turn a REFI-QDA codebook (.qdc) from any QDA tool into a codebook skeleton (YAML)");
  i->footer("\nIds are made from the code names, labels, descriptions, colours, GUIDs and the tree are kept;\n"
            "there are no terms: `codebook lint` lists each theme still without a match definition.\n\nExamples:\n"
            "  supanalyze codebook import reviewed.qdc -o reviewed.yaml");
  i->add_option("file", imp->input, "The .qdc to read")->required();
  i->add_option("-o,--output", imp->output, "The codebook YAML to write (default: standard output)");
  i->callback([imp, &ctx] { run_import(*imp, ctx); });
}

} // namespace supanalyze::cli
