// SPDX-License-Identifier: MIT
#include "progress.hpp"
#include "tables.hpp"

#include <supanalyze/io.hpp>
#include <supanalyze/report/model.hpp>
#include <supanalyze/report/render.hpp>
#include <supanalyze/run/config.hpp>
#include <supanalyze/run/manifest.hpp>
#include <supanalyze/sha256.hpp>
#include <supanalyze/text/utf8.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>

#include <unistd.h>

namespace supanalyze::cli {

namespace {

namespace fs = std::filesystem;

struct RunOptions {
  std::string config = "supanalyze.yaml";
  std::string output;
  bool quiet = false;
  unsigned threads = 0;
};

// The options of freq/matrix that an output of the configuration stands for.
void fill_options(const run::OutputSpec &spec, AnalysisOptions &opts) {
  opts.unit = spec.unit;
  opts.instruments = spec.instruments;
  opts.questions = spec.questions;
  opts.provinces = spec.provinces;
  opts.themes = spec.themes;
  opts.lang = spec.lang;
}

// One table of the run: its filters, and its counts once the corpus has been coded. Not
// movable: the counts refer to the analysis.
struct PreparedOutput {
  const run::OutputSpec *spec = nullptr;
  FreqOptions freq;
  MatrixOptions matrix;
  Analysis analysis;
  std::optional<aggregate::TableCount> count;
};

std::unique_ptr<PreparedOutput> prepare_output(const run::OutputSpec &spec, const Analysis &loaded) {
  auto p = std::make_unique<PreparedOutput>();
  p->spec = &spec;
  fill_options(spec, p->freq);
  fill_options(spec, p->matrix);
  p->freq.all = spec.all;
  p->matrix.rows = spec.rows;
  p->matrix.cols = spec.cols;
  try {
    p->analysis = prepare_analysis(p->freq, loaded);
    if (spec.table == run::TableKind::freq)
      p->count.emplace(freq_count(p->analysis, p->freq));
    else if (spec.table == run::TableKind::matrix)
      p->count.emplace(matrix_count(p->analysis, p->matrix));
    // a report codes its own selection once the tables are counted (report_bytes)
  } catch (const InputError &) {
    throw;
  } catch (const Error &e) {
    // An unknown filter id: point at the output in the configuration.
    throw InputError(spec.where, "output '" + spec.name + "': " + e.what());
  }
  return p;
}

std::string render(const PreparedOutput &p, output::Format format) {
  std::ostringstream out;
  if (p.spec->table == run::TableKind::freq)
    write_freq(p.analysis, p.freq, *p.count, format, out);
  else
    write_matrix(p.analysis, p.matrix, *p.count, format, out);
  return std::move(out).str();
}

// The report of an output with `table: report`: its quotes need the whole text of the answers
// it selects, so it reads and codes them again (the tables above stream); one pass per report.
std::string report_bytes(const PreparedOutput &p, const run::RunConfig &config, output::Format format,
                         unsigned threads) {
  AnalysisOptions opts = p.freq;
  opts.corpus = config.corpus.string();
  opts.meta = config.meta.string();
  opts.codebook = config.codebook.string();
  const Analysis whole = prepare_analysis(opts, nullptr, Load::whole);
  std::string filters;
  for (const auto &[flag, values] :
       {std::pair{"--instrument", &opts.instruments}, std::pair{"--question", &opts.questions},
        std::pair{"--province", &opts.provinces}, std::pair{"--theme", &opts.themes}})
    for (const auto &v : *values)
      filters += (filters.empty() ? "" : " ") + std::string(flag) + " " + v;
  report::Identity identity =
      report::identify(whole.corpus, *whole.codebook, config.corpus_as_written,
                       config.codebook_as_written.empty() ? "<built-in>" : config.codebook_as_written, filters);
  const report::Report r = report::make_report(whole.corpus, *whole.codebook, *whole.matcher, whole, threads,
                                               std::move(identity), whole.english);
  if (format == output::Format::docx) return report::render_docx(r);
  if (format == output::Format::md) return report::render_markdown(r);
  return report::render_html(r);
}

// The workbook of a run: the sheets of every output that lists xlsx among its formats.
constexpr const char *k_workbook = "tables.xlsx";

// An output's sheets, named after the output so that two outputs' sheets stay apart.
std::vector<output::Sheet> sheets_of(const PreparedOutput &p) {
  auto sheets = p.spec->table == run::TableKind::freq ? freq_sheets(p.analysis, p.freq, *p.count)
                                                      : matrix_sheets(p.analysis, p.matrix, *p.count);
  for (auto &sheet : sheets) {
    sheet.name = p.spec->table == run::TableKind::freq ? p.spec->name + " " + sheet.name : p.spec->name;
    sheet.title = p.spec->name + ": " + sheet.title;
  }
  return sheets;
}

// The file names a run writes into its folder, each with the output it comes from (nullptr:
// the manifest or the shared workbook).
std::vector<std::pair<std::string, const run::OutputSpec *>> files_of(const run::RunConfig &config) {
  std::vector<std::pair<std::string, const run::OutputSpec *>> files;
  bool workbook = false;
  for (const auto &spec : config.outputs)
    for (const auto format : spec.formats) {
      if (format == output::Format::xlsx)
        workbook = true;
      else
        files.emplace_back(spec.name + "." + output::extension(format), &spec);
    }
  if (workbook) files.emplace_back(k_workbook, nullptr);
  files.emplace_back("manifest.json", nullptr);
  return files;
}

// A run never writes over what it reads: no output file may be the configuration, the corpus,
// its corpus.yaml or the codebook, and the output folder may not be (inside) a corpus folder.
void refuse_inputs_as_outputs(const run::RunConfig &config, const fs::path &config_file, const fs::path &dir) {
  std::error_code ec;
  auto canonical = [&](const fs::path &p) { return fs::weakly_canonical(fs::absolute(p, ec), ec); };
  std::vector<std::pair<fs::path, std::string>> inputs{{canonical(config_file), "the run configuration"}};
  for (const auto &[path, what] : {std::pair{&config.corpus, "the corpus"}, std::pair{&config.meta, "corpus.yaml"},
                                   std::pair{&config.codebook, "the codebook"}})
    if (!path->empty()) inputs.emplace_back(canonical(*path), what);
  const fs::path out = canonical(dir);
  if (!config.corpus.empty() && fs::is_directory(config.corpus, ec)) {
    const fs::path corpus = canonical(config.corpus);
    const auto rel = out.lexically_relative(corpus);
    if (!rel.empty() && *rel.begin() != "..")
      throw Error(dir.string() + ": the output folder is inside the corpus folder " + config.corpus.string() +
                  " (choose another output folder)");
  }
  for (const auto &[file, spec] : files_of(config))
    for (const auto &[input, what] : inputs)
      if (canonical(dir / file) == input) {
        const std::string message = "writing " + (dir / file).string() + " would overwrite " + what + " (" +
                                    input.string() + "): rename the output or choose another output folder";
        if (spec) throw InputError(spec->where, "output '" + spec->name + "': " + message);
        throw Error(message);
      }
}

// The files of a run, written into a staging folder inside the output folder and moved into
// it only once every one is written: a failure half-way (or SIGINT) leaves the folder as it
// was, never new tables beside an old manifest.
class Staging {
public:
  explicit Staging(const fs::path &dir)
      : m_dir(dir), m_staging(dir / (".supanalyze-run-" + std::to_string(::getpid()))), m_registered(m_staging) {
    std::error_code ec;
    fs::remove_all(m_staging, ec);
    if (!fs::create_directory(m_staging, ec) || ec)
      throw Error(m_staging.string() + ": cannot create the staging folder: " + ec.message());
  }
  ~Staging() {
    if (m_committed) return;
    std::error_code ec;
    fs::remove_all(m_staging, ec);
  }
  Staging(const Staging &) = delete;
  Staging &operator=(const Staging &) = delete;

  void write(const std::string &file, std::string_view content) {
    m_files.push_back(file);
    m_registered_files.push_back(std::make_unique<TemporaryPath>(m_staging / file));
    write_file_atomically(m_staging / file, content);
  }

  // Moves every file into the output folder (each rename is atomic) and removes the staging folder.
  void commit() {
    for (const auto &file : m_files) { // what would make a rename fail, before any is done
      std::error_code ec;
      if (fs::is_directory(m_dir / file, ec)) throw Error((m_dir / file).string() + ": cannot write: it is a folder");
    }
    for (const auto &file : m_files) {
      std::error_code ec;
      fs::rename(m_staging / file, m_dir / file, ec);
      if (ec) throw Error((m_dir / file).string() + ": cannot write: " + ec.message());
    }
    std::error_code ec;
    fs::remove(m_staging, ec);
    m_committed = true;
  }

private:
  fs::path m_dir;
  fs::path m_staging;
  TemporaryPath m_registered;
  std::vector<std::unique_ptr<TemporaryPath>> m_registered_files;
  std::vector<std::string> m_files;
  bool m_committed = false;
};

void run_run(const RunOptions &opts, Context &ctx) {
  const std::string config_text = read_file(opts.config);
  text::require_valid_utf8(config_text, opts.config);
  Diagnostics diagnostics;
  const run::RunConfig config = run::parse_run_config(config_text, opts.config, diagnostics);
  diagnostics.throw_if_errors();
  const fs::path dir = opts.output.empty() ? config.output : fs::path(opts.output);
  refuse_inputs_as_outputs(config, opts.config, dir);
  ProgressBar progress(ctx.err, !opts.quiet && stderr_is_terminal(ctx));

  // Load the codebook once, then code every answer once, as it streams, feeding every table's
  // counts and the corpus's content hash; nothing holds the corpus or its codings.
  AnalysisOptions inputs;
  inputs.corpus = config.corpus.string();
  inputs.meta = config.meta.string();
  inputs.codebook = config.codebook.string();
  const Analysis loaded = prepare_analysis(inputs, nullptr, Load::stream);
  std::vector<std::unique_ptr<PreparedOutput>> outputs;
  for (const auto &spec : config.outputs)
    outputs.push_back(prepare_output(spec, loaded));

  run::CorpusDigest digest(loaded.corpus);
  std::size_t coded_answers = 0;
  progress.start("coding answers", loaded.corpus.question_count() * loaded.corpus.provinces.size()); // at most
  for_each_coded(loaded, opts.threads, [&](const corpus::Answer &answer, const coding::AnswerCodings &coded) {
    digest.add(answer);
    for (auto &p : outputs)
      if (p->count) p->count->add(answer, coded);
    progress.update(++coded_answers);
  });

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create the output folder: " + ec.message());
  Staging staging(dir);
  run::Manifest manifest = run::make_manifest(config, config_text, loaded.corpus, digest, *loaded.codebook);
  std::size_t total = 0, done = 0;
  for (const auto &spec : config.outputs)
    total += spec.formats.size();
  progress.start("writing tables", total);
  std::vector<output::Sheet> sheets; // of every output with xlsx among its formats: one workbook
  std::vector<std::string> in_workbook;
  for (const auto &p : outputs)
    for (const auto &format : p->spec->formats) {
      if (format == output::Format::xlsx) {
        auto more = sheets_of(*p);
        for (auto &sheet : more)
          sheets.push_back(std::move(sheet));
        in_workbook.push_back(p->spec->name);
        progress.update(++done);
        continue;
      }
      const bool bom = p->spec->bom && (format == output::Format::csv || format == output::Format::tsv);
      const std::string content = p->spec->table == run::TableKind::report
                                      ? report_bytes(*p, config, format, opts.threads)
                                      : (bom ? output::k_utf8_bom : "") + render(*p, format);
      const std::string file = p->spec->name + "." + output::extension(format);
      staging.write(file, content);
      manifest.files.push_back({p->spec->name, output::to_string(format), file, sha256_hex(content)});
      progress.update(++done);
    }
  if (!sheets.empty()) {
    const std::string content = output::xlsx_workbook(sheets);
    staging.write(k_workbook, content);
    const std::string sha = sha256_hex(content);
    for (const auto &name : in_workbook)
      manifest.files.push_back({name, "xlsx", k_workbook, sha});
  }
  const std::string manifest_text = run::manifest_json(manifest);
  staging.write("manifest.json", manifest_text);
  staging.commit();
  progress.finish();

  // What was written, in `sha256sum` form (`sha256sum -c` checks it from the folder); the
  // workbook once, though it holds the sheets of several outputs.
  std::vector<std::string> listed;
  for (const auto &f : manifest.files) {
    if (std::find(listed.begin(), listed.end(), f.file) != listed.end()) continue;
    listed.push_back(f.file);
    ctx.out << f.sha256 << "  " << (dir / f.file).string() << '\n';
  }
  ctx.out << sha256_hex(manifest_text) << "  " << (dir / "manifest.json").string() << '\n';
}

} // namespace

void setup_run(CLI::App &app, Context &ctx) {
  auto opts = std::make_shared<RunOptions>();
  auto *cmd =
      app.add_subcommand("run", "Run a whole analysis described in a YAML file: every table plus manifest.json");
  cmd->footer(R"(
CONFIG (default: supanalyze.yaml) names the corpus, the codebook (default: the built-in one),
the output folder (paths relative to CONFIG) and the tables to write, each in one or more
formats (see docs/run.md). The corpus is coded once for all tables. Besides the tables, the
folder gets manifest.json: tool version, codebook id, version and SHA-256, corpus id and the
SHA-256 of its content, and the SHA-256 of every file. Everything is deterministic, so a rerun
on the same inputs gives the same bytes, and `supanalyze diff OLD_FOLDER NEW_FOLDER` shows
what changed between two runs. Every file is written atomically.

Standard output lists the files written with their SHA-256 (as sha256sum prints them); a
progress bar goes to standard error when it is a terminal (never with --quiet).

Examples:
  supanalyze run examples/ssw3-2564.yaml
  supanalyze run examples/ssw3-2564.yaml -o /tmp/rerun --quiet
  supanalyze run examples/ssw3-2564.yaml -o /tmp/rerun && supanalyze diff examples/results/ssw3-2564 /tmp/rerun)");
  cmd->add_option("config", opts->config, "Run configuration (YAML)")->capture_default_str();
  cmd->add_option("-o,--output", opts->output, "Write into FOLDER instead of the configuration's output folder");
  // No -q: it means --question in every other command.
  cmd->add_flag("--quiet", opts->quiet, "No progress bar");
  add_threads_option(cmd, opts->threads, "Worker threads (default: all cores); output is identical for any value");
  cmd->callback([opts, &ctx] { run_run(*opts, ctx); });
}

} // namespace supanalyze::cli
