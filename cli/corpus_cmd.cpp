// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/appendix.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/corpus/writer.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/qda/project_reader.hpp>
#include <supanalyze/text/ascii_id.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/tokenizer.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>

namespace supanalyze::cli {

namespace {

struct CorpusOptions : OutputOptions { // -o is the folder for import
  std::string corpus;
  std::string meta;
  std::string write_meta;
  unsigned threads = 0;
  std::string id; // import from .qdpx: the corpus id
  int year = 0;   // import from .qdpx: the year B.E.
};

std::filesystem::path corpus_path(const CorpusOptions &opts) { return corpus_or_default(opts.corpus); }

std::string shape(const corpus::Corpus &c, std::size_t answers, std::size_t segments) {
  return std::to_string(c.instruments.size()) + " instruments, " + std::to_string(c.question_count()) + " questions, " +
         std::to_string(c.provinces.size()) + " provinces, " + std::to_string(answers) + " answers, " +
         std::to_string(segments) + " segments";
}

void run_check(const CorpusOptions &opts, Context &ctx) {
  Diagnostics diagnostics;
  const auto checked = corpus::check_corpus(corpus_path(opts), diagnostics, opts.meta);
  const auto &c = checked.metadata;
  for (const auto &d : diagnostics.items())
    ctx.out << d.to_string() << '\n';
  if (diagnostics.unlisted_errors() > 0)
    ctx.out << "... and " << diagnostics.unlisted_errors() << " more errors (the first " << Diagnostics::k_listed_errors
            << " are listed)\n";
  ctx.out << (c.id.empty() ? corpus_path(opts).string() : c.id) << ": " << shape(c, checked.answers, checked.segments)
          << "; " << diagnostics.error_count() << " errors, " << diagnostics.warning_count() << " warnings\n";
  if (diagnostics.has_errors()) ctx.exit_code = k_exit_input;
}

struct Counts {
  std::size_t answers = 0, segments = 0, tokens = 0;
};

std::vector<std::string> count_cells(const std::string &name, const std::string &label, const Counts &n) {
  return {name, label, std::to_string(n.answers), std::to_string(n.segments), std::to_string(n.tokens)};
}

void run_stats(const CorpusOptions &opts, Context &ctx) {
  const auto format = opts.resolved_format();
  const std::filesystem::path path = corpus_path(opts);
  Diagnostics diagnostics;
  const auto c = corpus::load_metadata(path, diagnostics, opts.meta);
  report_warnings(diagnostics);
  diagnostics.throw_if_errors();
  Diagnostics read_diagnostics;
  std::vector<std::vector<Counts>> per_question(c.instruments.size());
  for (std::size_t i = 0; i < c.instruments.size(); ++i)
    per_question[i].resize(c.instruments[i].questions.size());
  std::vector<Counts> per_province(c.provinces.size());
  Counts total;
  // Tokenizing is the cost: batches of answers go to the workers (each with its own tokenizer:
  // ICU iterators are not thread-safe), their counts come back in order.
  const unsigned threads = coding::resolve_threads(opts.threads);
  std::vector<text::Tokenizer> tokenizers(threads);
  coding::OrderedPool pool(threads, 4 * threads);
  struct Batch {
    std::vector<corpus::Answer> answers;
    std::vector<std::size_t> tokens;
    std::size_t segments = 0;
  };
  auto batch = std::make_shared<Batch>();
  auto submit = [&] {
    pool.submit(
        [&, batch](std::size_t worker) {
          std::vector<text::Token> tokens;
          for (auto &a : batch->answers) {
            std::size_t n = 0;
            for (const auto &s : a.segments) {
              tokens.clear();
              tokenizers[worker].tokenize(text::normalize(s.text), tokens);
              n += tokens.size();
            }
            batch->tokens.push_back(n);
          }
        },
        [&, batch] {
          for (std::size_t k = 0; k < batch->answers.size(); ++k) {
            const auto &a = batch->answers[k];
            for (Counts *target : {&per_question[a.instrument][a.question], &per_province[a.province], &total}) {
              target->answers += 1;
              target->segments += a.segments.size();
              target->tokens += batch->tokens[k];
            }
          }
        });
    batch = std::make_shared<Batch>();
  };
  corpus::StreamOptions stream;
  stream.meta = opts.meta;
  stream.defer_normalization = true;
  corpus::stream_corpus(
      path, c, read_diagnostics,
      [&](corpus::Answer &&a) { // counts only: a large table streams
        batch->segments += a.segments.size();
        batch->answers.push_back(std::move(a));
        if (batch->segments >= 2048) submit();
      },
      stream);
  if (!batch->answers.empty()) submit();
  pool.finish();
  report_warnings(read_diagnostics);
  const std::vector<output::Column> columns{{"unit", "unit"},
                                            {"label", "label"},
                                            {"answers", "answers", output::Align::right},
                                            {"segments", "segments", output::Align::right},
                                            {"tokens", "tokens", output::Align::right}};
  output::Table questions{c.id + ": per instrument and question", columns, {}, {}};
  for (std::size_t i = 0; i < c.instruments.size(); ++i)
    for (std::size_t q = 0; q < c.instruments[i].questions.size(); ++q)
      questions.rows.push_back(count_cells(c.instruments[i].id + "/" + c.instruments[i].questions[q].id,
                                           c.instruments[i].th, per_question[i][q]));
  questions.rows.push_back(count_cells("total", "", total));
  output::Table provinces{c.id + ": per province", columns, {}, {}};
  for (std::size_t p = 0; p < c.provinces.size(); ++p)
    provinces.rows.push_back(count_cells(c.provinces[p].id, c.provinces[p].th, per_province[p]));
  provinces.rows.push_back(count_cells("total", "", total));

  OutputSink sink(opts.output, ctx.out);
  write_bom(opts, sink.stream());
  if (format == output::Format::json) {
    nlohmann::ordered_json doc{{"schema", "supanalyze.corpus-stats/1"}, {"corpus", c.id}, {"year", c.year_be}};
    auto table_json = [](const output::Table &t) {
      auto rows = nlohmann::ordered_json::array();
      for (const auto &r : t.rows)
        rows.push_back({{"unit", r[0]},
                        {"label", r[1]},
                        {"answers", std::stoul(r[2])},
                        {"segments", std::stoul(r[3])},
                        {"tokens", std::stoul(r[4])}});
      return rows;
    };
    doc["questions"] = table_json(questions);
    doc["provinces"] = table_json(provinces);
    sink.stream() << doc.dump(2, ' ', false) << '\n';
  } else {
    write_tables({questions, provinces}, format, sink.stream());
  }
  sink.commit();
}

void run_export(const CorpusOptions &opts, Context &ctx) {
  const auto format = opts.resolved_format();
  const auto c = load_corpus(opts.corpus, opts.meta);
  OutputSink sink(opts.output, ctx.out);
  write_bom(opts, sink.stream());
  corpus::write_table(c, format == output::Format::csv ? corpus::TableFormat::csv : corpus::TableFormat::tsv,
                      sink.stream());
  if (!opts.write_meta.empty()) {
    // The corpus.yaml the table was read with, byte for byte (comments survive), or one made
    // from the ids: with it beside the table, `code TABLE` reads what was exported.
    const auto source = corpus::metadata_path(corpus_path(opts), opts.meta);
    write_file_atomically(opts.write_meta, source.empty() ? corpus::metadata_yaml(c) : read_file(source));
  }
  sink.commit();
}

// A corpus from a REFI-QDA project's text sources (docs/qda.md).
void run_import_project(const CorpusOptions &opts, Context &ctx) {
  if (opts.year <= 0) throw Error("corpus import of a .qdpx needs --year BE, the round's year (e.g. 2564)");
  std::string id = opts.id;
  if (id.empty()) { // "QualCoder Export (2565).qdpx" -> "qualcoderexport2565": other characters left out
    id = text::ascii_id(std::filesystem::path(opts.corpus).stem().string(), {"-_", text::IdOther::drop, ""});
    if (id.empty() || id.front() == '-' || id.front() == '_') id = "imported" + id;
  }
  const qda::Project project = qda::read_qdpx(read_file(opts.corpus), opts.corpus);
  const corpus::Corpus c = qda::project_corpus(project, id, opts.year);
  corpus::check_folder_form(c);
  const std::filesystem::path dir = opts.output;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create: " + ec.message());
  write_file_atomically(dir / "corpus.yaml", qda::corpus_metadata_yaml(c));
  corpus::write_folder(c, dir / "corpus.yaml", dir);
  ctx.err << "wrote " << opts.output << ": " << shape(c, c.answers.size(), c.segment_count()) << '\n';
}

void run_import(const CorpusOptions &opts, Context &ctx) {
  if (opts.output.empty()) throw Error("corpus import needs -o DIR, the folder to write the corpus to");
  corpus::require_new_folder(opts.output);
  if (std::filesystem::path(opts.corpus).extension() == ".qdpx") return run_import_project(opts, ctx);
  const std::filesystem::path table = opts.corpus;
  corpus::Corpus c;
  std::filesystem::path meta;
  if (table.extension() == ".docx") { // the report's appendix: one Word table per question
    if (!opts.meta.empty()) {
      Diagnostics diagnostics;
      meta = opts.meta;
      const auto metadata = corpus::read_metadata(meta, diagnostics);
      diagnostics.throw_if_errors();
      c = corpus::import_appendix(table, &metadata);
    } else {
      c = corpus::import_appendix(table, nullptr);
      ctx.err << table.string() << ": warning: no --meta: ids made from the tables; complete the corpus.yaml written\n";
    }
  } else {
    meta = corpus::metadata_path(table, opts.meta); // empty: ids from the rows
    c = load_corpus(opts.corpus, opts.meta);
  }
  corpus::check_folder_form(c);
  corpus::write_folder(c, meta, opts.output);
  ctx.err << "wrote " << opts.output << ": " << shape(c, c.answers.size(), c.segment_count()) << '\n';
}

CLI::App *add(CLI::App *parent, const char *name, const char *description, const char *footer,
              std::shared_ptr<CorpusOptions> opts, Context &ctx, void (*run)(const CorpusOptions &, Context &)) {
  auto *cmd = parent->add_subcommand(name, description);
  cmd->footer(footer);
  cmd->callback([opts, &ctx, run] { run(*opts, ctx); });
  return cmd;
}

} // namespace

void setup_corpus(CLI::App &app, Context &ctx) {
  auto *cmd = app.add_subcommand("corpus", "Check, describe, export and import corpora");
  cmd->require_subcommand(1);
  cmd->footer("\nA corpus is a folder (corpus.yaml + <instrument>/<province>.md) or its long table form\n"
              "(TSV/CSV). See docs/corpus-format.md.");

  auto check = std::make_shared<CorpusOptions>();
  auto *c = add(cmd, "check", "Validate a corpus: every problem with file:line:column", R"(
Errors (exit 2): unknown province/instrument/question ids, duplicate answers, empty files,
text before a question heading, invalid UTF-8 or UTF-16, a workbook that cannot be read, bad
corpus.yaml. Warnings (exit 0): missing or empty answers, files that are not transcripts, a
table read without corpus.yaml.

Examples:
  supanalyze corpus check
  supanalyze corpus check my-corpus/)",
                check, ctx, run_check);
  add_corpus_arguments(c, check->corpus, check->meta);

  auto stats = std::make_shared<CorpusOptions>();
  auto *s = add(cmd, "stats", "Answers, segments and tokens per instrument/question and province", R"(
Examples:
  supanalyze corpus stats
  supanalyze corpus stats --format md)",
                stats, ctx, run_stats);
  add_corpus_arguments(s, stats->corpus, stats->meta);
  add_output_options(
      s, *stats,
      {output::Format::table, output::Format::csv, output::Format::tsv, output::Format::json, output::Format::md},
      output::Format::table);
  add_threads_option(s, stats->threads,
                     "Worker threads for tokenizing (default: all cores); output is identical for any value");

  auto exp = std::make_shared<CorpusOptions>();
  auto *e = add(cmd, "export", "Write the corpus as one long table (one row per segment)", R"(
Columns: corpus year instrument question province segment text label.
Examples:
  supanalyze corpus export --format tsv -o ssw3-2564.tsv
  supanalyze corpus export my-corpus/ --format csv
  supanalyze corpus export answers.xlsx -o out/answers.tsv --write-meta out/corpus.yaml)",
                exp, ctx, run_export);
  add_corpus_arguments(e, exp->corpus, exp->meta);
  add_output_options(e, *exp, {output::Format::tsv, output::Format::csv}, output::Format::tsv);
  e->add_option(
      "--write-meta", exp->write_meta,
      "Also write the corpus's corpus.yaml to FILE (put it beside the table: `code TABLE` then needs nothing else)");

  auto imp = std::make_shared<CorpusOptions>();
  auto *i = add(
      cmd, "import",
      "Turn a long table (TSV/CSV/XLSX), a Word appendix (.docx) or a REFI-QDA project (.qdpx) into a corpus folder",
      R"(
The table's metadata come from --meta (default: corpus.yaml beside the table), which is copied
into the folder unchanged; without either, ids come from the rows and a corpus.yaml is written.
A .docx is read as the report's appendix: one table per question (in corpus.yaml's order, or
by the question text above it; a table captioned (ต่อ) continues the one before), a header row of
provinces, a paragraph per segment, bold paragraphs as labels, a first column naming rows as
their label. See docs/corpus-format.md. A .qdpx gives one answer per text source: by its
instrument, question and province variables when it has them (as `code -o x.qdpx` writes),
else each source is a "province" of instrument qdpx, question q1; corpus.yaml is written
(docs/qda.md).
Examples:
  supanalyze corpus import answers.tsv --meta corpus.yaml -o corpora/my-round
  supanalyze corpus import appendix.docx --meta corpus.yaml -o corpora/my-round
  supanalyze corpus import reviewed.qdpx --year 2565 -o corpora/reviewed)",
      imp, ctx, run_import);
  i->add_option("table", imp->corpus, "The table: .tsv/.txt, .csv, .xlsx, .docx, .qdpx, or - for standard input")
      ->required();
  i->add_option("--id", imp->id, "For a .qdpx: the corpus id (default: from the file name)");
  add_integer_option(i, "--year", imp->year, 1, 9999, "For a .qdpx: the year B.E. of the round");
  i->add_option_function<std::string>(
      "--sheet", [](const std::string &sheet) { corpus::set_table_sheet(sheet); },
      "The sheet of an .xlsx table (default: the first)");
  i->add_option("--meta", imp->meta, "corpus.yaml with the ids and texts (default: beside the table)");
  i->add_option("-o,--output", imp->output, "Folder to write the corpus to")->required();
}

} // namespace supanalyze::cli
