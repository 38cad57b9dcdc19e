// SPDX-License-Identifier: MIT
// supanalyze-bench-generate: writes a large synthetic corpus (long table form + corpus.yaml)
// recombined from a real one, and optionally its plain text, for the benchmarks.

#include "synth.hpp"

#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/error.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace {

namespace fs = std::filesystem;
namespace sb = supanalyze::bench;

struct Options {
  std::string out = "big";
  std::string text_out;
  std::string source;
  bool codebooks = false;
  double size_mb = 50;
  std::uint64_t seed = 1;
  std::size_t provinces = 76;
  int year = 0;
};

// An output file with a large buffer, checked when closed.
class OutFile {
public:
  explicit OutFile(const fs::path &path) : m_path(path), m_buffer(1u << 20) {
    m_out.rdbuf()->pubsetbuf(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_out.open(path, std::ios::binary | std::ios::trunc);
    if (!m_out) throw supanalyze::Error(path.string() + ": cannot write");
  }
  std::ostream &stream() { return m_out; }
  void close() {
    m_out.close();
    if (!m_out) throw supanalyze::Error(m_path.string() + ": write failed (disk full?)");
  }

private:
  fs::path m_path;
  std::vector<char> m_buffer;
  std::ofstream m_out;
};

// The codebook-size pair of the in-process benchmark (sb::same_hits_themes), from the source
// corpus: 20 real terms, and the same with 1980 more that occur nowhere. The generated text is
// made of the source's phrases, so both give `code` the same rows: only the size differs.
void write_codebooks(const supanalyze::corpus::Corpus &source, const fs::path &dir) {
  const auto pair = sb::same_hits_themes(source, 20, 2000, 2564);
  for (const auto &[name, themes] : {std::pair{"terms-20", &pair.small}, std::pair{"terms-2000", &pair.large}}) {
    OutFile file(dir / (std::string(name) + ".yaml"));
    file.stream() << sb::codebook_yaml(std::string("bench-") + name, *themes);
    file.close();
  }
}

void run(const Options &opts) {
  if (opts.size_mb <= 0 || opts.size_mb > 1024) throw supanalyze::Error("--size-mb must be in (0, 1024]");
  const auto started = std::chrono::steady_clock::now();
  const fs::path source_path = opts.source.empty()
                                   ? supanalyze::corpus::bundled_corpus_path(std::getenv("SUPANALYZE_CORPUS"))
                                   : fs::path(opts.source);
  const auto source = supanalyze::corpus::read_corpus(source_path);

  sb::SynthOptions so;
  so.seed = opts.seed;
  so.provinces = opts.provinces;
  so.year_be = opts.year;
  so.target_bytes = static_cast<std::uint64_t>(opts.size_mb * 1024 * 1024);
  const auto meta = sb::synth_metadata(source, so);

  const fs::path dir(opts.out);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw supanalyze::Error(dir.string() + ": cannot create: " + ec.message());
  {
    OutFile yaml(dir / "corpus.yaml");
    yaml.stream() << sb::metadata_yaml(meta);
    yaml.close();
  }
  OutFile table(dir / "corpus.tsv");
  std::unique_ptr<OutFile> text;
  if (!opts.text_out.empty()) text = std::make_unique<OutFile>(opts.text_out);
  auto &tsv = table.stream();
  tsv << "corpus\tyear\tinstrument\tquestion\tprovince\tsegment\ttext\tlabel\n";
  const std::string prefix = meta.id + "\t" + std::to_string(meta.year_be) + "\t";
  std::uint64_t segments = 0, text_bytes = 0;
  sb::generate_segments(source, meta, so, [&](const sb::SynthSegment &s) {
    const auto &inst = meta.instruments[s.instrument];
    tsv << prefix << inst.id << '\t' << inst.questions[s.question].id << '\t' << meta.provinces[s.province].id << '\t'
        << s.number << '\t' << s.text << '\t' << s.label << '\n';
    if (text) text->stream() << s.text << '\n';
    ++segments;
    text_bytes += s.text.size() + 1;
  });
  table.close();
  if (text) text->close();
  if (opts.codebooks) write_codebooks(source, dir);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "supanalyze-bench-generate: " << (dir / "corpus.tsv").string() << ": " << meta.provinces.size()
            << " provinces, " << meta.question_count() * meta.provinces.size() << " answers, " << segments
            << " segments, " << text_bytes << " bytes of text (seed " << opts.seed << ", " << seconds << " s)\n";
}

} // namespace

int main(int argc, char **argv) {
  CLI::App app{"Writes a synthetic national-sized corpus for the benchmarks: DIR/corpus.tsv (long table form) and\n"
               "DIR/corpus.yaml, so that `supanalyze code DIR/corpus.tsv` reads it. Its text is recombined from\n"
               "the real answers (each segment = the phrases of 1-3 real segments of the same question,\n"
               "shuffled with a seeded PRNG), so the Thai statistics are real. Output is the same bytes for\n"
               "the same options. Writing streams: memory does not grow with --size-mb.",
               "supanalyze-bench-generate"};
  Options opts;
  app.add_option("-o,--out", opts.out, "Output folder (created): corpus.tsv and corpus.yaml")->capture_default_str();
  app.add_option("--size-mb", opts.size_mb,
                 "Megabytes (MiB) of segment text to write, as in the --text-out file; the TSV is ~20% larger")
      ->capture_default_str();
  app.add_option("--seed", opts.seed, "PRNG seed: the same seed gives the same corpus")->capture_default_str();
  app.add_option("--provinces", opts.provinces, "Number of provinces (ids p01, p02, ...)")->capture_default_str();
  app.add_option("--year", opts.year, "B.E. year of the round (default: the source corpus's)");
  app.add_option("--text-out", opts.text_out, "Also write the plain text, one segment per line (the raw-ICU baseline)");
  app.add_option("--from", opts.source, "Source corpus to recombine (default: the bundled corpora/ssw3-2564)");
  app.add_flag(
      "--codebooks", opts.codebooks,
      "Also write DIR/terms-20.yaml and DIR/terms-2000.yaml: 20 real terms, and the same plus 1980 that occur\n"
      "nowhere (the codebook-size pair: the same codings, only the size differs)");
  app.footer(R"(
Examples:
  supanalyze-bench-generate --size-mb 50 -o big --text-out big/text.txt
  supanalyze code big/corpus.tsv -j1 > /dev/null
  supanalyze-bench-generate --size-mb 1024 --seed 7 -o /tmp/national)");
  try {
    app.parse(argc, argv);
    run(opts);
  } catch (const CLI::ParseError &e) {
    return app.exit(e);
  } catch (const std::exception &e) {
    std::cerr << "supanalyze-bench-generate: error: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
