// SPDX-License-Identifier: MIT
// supanalyze-bench: throughput of each stage of `supanalyze code` next to raw ICU word breaking,
// in one run over the same text. See bench/README.md.

#include "synth.hpp"

#include <supanalyze/aggregate/tally.hpp>
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/error.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/tokenizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace {

namespace sa = supanalyze;
namespace sb = supanalyze::bench;

constexpr const char *k_baseline = "icu_raw/per_segment";

// The text every benchmark runs over, once as given and once normalized into a corpus.
struct Data {
  std::string whole;                 // the text, one segment per line (as given)
  std::vector<std::string_view> raw; // its lines
  sa::corpus::Corpus corpus;         // the lines normalized, grouped into answers
  std::uint64_t bytes = 0;           // whole.size(): what every MB/s figure divides
  std::string origin;
};

Data &data() {
  static Data d;
  return d;
}

void set_bytes(benchmark::State &state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(data().bytes));
}

// --- raw ICU and the UTF-8 floor ----------------------------------------------------------------

struct IcuBreaker {
  std::unique_ptr<icu::BreakIterator> breaker;
  UText *utext = nullptr;

  IcuBreaker() {
    UErrorCode status = U_ZERO_ERROR;
    breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale("th"), status));
    if (U_FAILURE(status) || !breaker) throw sa::Error("cannot create the ICU word break iterator");
  }
  ~IcuBreaker() {
    if (utext) utext_close(utext);
  }
  IcuBreaker(const IcuBreaker &) = delete;
  IcuBreaker &operator=(const IcuBreaker &) = delete;

  // Every boundary of `text`: how many there are.
  std::size_t boundaries(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    utext = utext_openUTF8(utext, text.data(), static_cast<int64_t>(text.size()), &status);
    breaker->setText(utext, status);
    std::size_t n = 0;
    for (std::int32_t b = breaker->first(); b != icu::BreakIterator::DONE; b = breaker->next())
      ++n;
    return n;
  }
};

void bm_icu_whole(benchmark::State &state) {
  IcuBreaker icu;
  std::size_t n = 0;
  for (auto _ : state)
    n += icu.boundaries(data().whole);
  benchmark::DoNotOptimize(n);
  set_bytes(state);
}

void bm_icu_per_segment(benchmark::State &state) {
  IcuBreaker icu;
  std::size_t n = 0;
  for (auto _ : state)
    for (std::string_view line : data().raw)
      n += icu.boundaries(line);
  benchmark::DoNotOptimize(n);
  set_bytes(state);
}

// As the tokenizer segments: each phrase (the text between spaces) on its own.
void bm_icu_per_phrase(benchmark::State &state) {
  IcuBreaker icu;
  std::size_t n = 0;
  for (auto _ : state)
    for (std::string_view line : data().raw) {
      std::size_t i = 0;
      while (i < line.size()) {
        const std::size_t j = std::min(line.find(' ', i), line.size());
        if (j > i) n += icu.boundaries(line.substr(i, j - i));
        i = j + 1;
      }
    }
  benchmark::DoNotOptimize(n);
  set_bytes(state);
}

void bm_utf8_decode(benchmark::State &state) {
  const std::string_view text = data().whole;
  std::uint64_t sum = 0;
  for (auto _ : state)
    for (std::size_t i = 0; i < text.size();)
      sum += sa::text::decode_at(text, i);
  benchmark::DoNotOptimize(sum);
  set_bytes(state);
}

// --- the stages of `code` ---------------------------------------------------------------------

void bm_normalize(benchmark::State &state) {
  const sa::text::Normalizer normalizer;
  std::size_t n = 0;
  for (auto _ : state)
    for (std::string_view line : data().raw)
      n += normalizer.normalize(line).size();
  benchmark::DoNotOptimize(n);
  set_bytes(state);
}

void bm_tokenize(benchmark::State &state) {
  const sa::text::Tokenizer tokenizer;
  std::vector<sa::text::Token> tokens;
  std::size_t n = 0;
  for (auto _ : state)
    for (const auto &a : data().corpus.answers)
      for (const auto &s : a.segments) {
        tokens.clear();
        tokenizer.tokenize(s.text, tokens);
        n += tokens.size();
      }
  state.counters["tokens"] = static_cast<double>(n) / static_cast<double>(state.iterations());
  set_bytes(state);
}

// Codes every segment with `matcher`, two segments of an answer at a time as the library's
// driver does (MatchSession::code_pair); the codings per iteration go into a counter.
void run_code(benchmark::State &state, const sa::codebook::Matcher &matcher) {
  sa::codebook::MatchSession session(matcher);
  std::vector<sa::codebook::Coding> out, second;
  std::size_t codings = 0;
  for (auto _ : state)
    for (const auto &a : data().corpus.answers) {
      const auto &segs = a.segments;
      std::size_t s = 0;
      for (; s + 1 < segs.size(); s += 2) {
        session.code_pair(segs[s].text, out, segs[s + 1].text, second);
        codings += out.size() + second.size();
      }
      if (s < segs.size()) {
        session.code(segs[s].text, out);
        codings += out.size();
      }
    }
  state.counters["codings"] = static_cast<double>(codings) / static_cast<double>(state.iterations());
  set_bytes(state);
}

// Codes answer by answer and tallies into a theme x province matrix, as `matrix` does.
void run_code_tally(benchmark::State &state, const sa::codebook::Matcher &matcher) {
  const auto &c = data().corpus;
  const auto &cb = matcher.codebook();
  const std::vector<bool> selected(cb.themes.size(), true);
  std::vector<std::size_t> themes(cb.themes.size()), provinces(c.provinces.size());
  for (std::size_t k = 0; k < themes.size(); ++k)
    themes[k] = k;
  for (std::size_t k = 0; k < provinces.size(); ++k)
    provinces[k] = k;
  sa::codebook::MatchSession session(matcher);
  sa::coding::AnswerCodings coded;
  std::uint64_t total = 0;
  for (auto _ : state) {
    sa::aggregate::MatrixBuilder builder(c, sa::aggregate::Axis::theme, sa::aggregate::Axis::province,
                                         sa::aggregate::Unit::provinces, themes, provinces, selected);
    for (std::size_t k = 0; k < c.answers.size(); ++k) {
      const auto &segments = c.answers[k].segments;
      coded.answer = k;
      coded.segments.resize(segments.size());
      for (std::size_t s = 0; s < segments.size(); ++s)
        session.code(segments[s].text, coded.segments[s]);
      builder.add(sa::aggregate::tally_answer(cb, coded, selected));
    }
    total += builder.finish().total;
  }
  benchmark::DoNotOptimize(total);
  set_bytes(state);
}

// The library's own driver (coding::code_corpus) with `threads` workers.
void run_code_corpus(benchmark::State &state, const sa::codebook::Matcher &matcher, unsigned threads) {
  std::size_t codings = 0;
  for (auto _ : state)
    sa::coding::code_corpus(data().corpus, matcher, threads, [&](const sa::coding::AnswerCodings &a) {
      for (const auto &s : a.segments)
        codings += s.size();
    });
  benchmark::DoNotOptimize(codings);
  set_bytes(state);
}

// --- codebooks -----------------------------------------------------------------------------

struct Book {
  std::string name;
  std::size_t terms = 0;
  std::size_t short_terms = 0; // three Thai letters or fewer: checked against ICU boundaries
  std::string yaml;
  std::unique_ptr<sa::codebook::Codebook> codebook;
  std::unique_ptr<sa::codebook::Matcher> matcher;
};

std::vector<std::unique_ptr<Book>> &books() {
  static std::vector<std::unique_ptr<Book>> b;
  return b;
}

sa::codebook::Codebook parse(const std::string &yaml, const std::string &name) {
  sa::Diagnostics diagnostics;
  auto cb = sa::codebook::parse_codebook(yaml, name + ".yaml", diagnostics);
  diagnostics.throw_if_errors();
  return cb;
}

Book &add_book(const std::string &name, const std::vector<std::vector<std::string>> &themes) {
  auto book = std::make_unique<Book>();
  book->name = name;
  for (const auto &theme : themes)
    for (const auto &t : theme) {
      ++book->terms;
      book->short_terms += sa::text::thai_letter_count(t) <= 3;
    }
  book->yaml = sb::codebook_yaml("bench-" + name, themes);
  book->codebook = std::make_unique<sa::codebook::Codebook>(parse(book->yaml, name));
  book->matcher = std::make_unique<sa::codebook::Matcher>(*book->codebook);
  books().push_back(std::move(book));
  return *books().back();
}

constexpr std::uint64_t k_terms_seed = 2564;

Book &add_generated_book(const std::string &name, std::size_t count, bool long_only) {
  return add_book(name, sb::grouped_terms(sb::sample_terms(data().corpus, count, k_terms_seed, long_only)));
}

// The 20-term codebook's themes and terms, each theme filled up to 20 terms and more themes of
// 20 added, up to `count` terms, with real-looking Thai terms that occur nowhere in the text
// (sb::absent_terms): the same codings as `20_terms`, so only the size of the codebook differs.
Book &add_same_hits_book(const std::string &name, std::size_t count) {
  return add_book(name, sb::same_hits_themes(data().corpus, 20, count, k_terms_seed).large);
}

// Every coding of the text with `matcher`, sources left out (they are label indices).
std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> all_codings(const sa::codebook::Matcher &matcher) {
  sa::codebook::MatchSession session(matcher);
  std::vector<sa::codebook::Coding> out;
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> all;
  for (const auto &a : data().corpus.answers)
    for (const auto &s : a.segments) {
      session.code(s.text, out);
      for (const auto &c : out)
        all.emplace_back(c.theme, c.start, c.end);
    }
  return all;
}

// --- set-up ---------------------------------------------------------------------------------

void load_text(const std::string &path) {
  Data &d = data();
  d.whole = sa::read_file(path);
  sa::text::require_valid_utf8(d.whole, path);
  if (!d.whole.empty() && d.whole.back() != '\n') d.whole += '\n';
  std::vector<std::string> normalized;
  const sa::text::Normalizer normalizer;
  for (std::size_t i = 0; i < d.whole.size();) {
    const std::size_t j = d.whole.find('\n', i);
    const std::string_view line(d.whole.data() + i, j - i);
    d.raw.push_back(line);
    normalized.push_back(normalizer.normalize(line));
    i = j + 1;
  }
  sa::Diagnostics diagnostics;
  const auto source = sa::corpus::read_metadata(
      sa::corpus::bundled_corpus_path(std::getenv("SUPANALYZE_CORPUS")) / "corpus.yaml", diagnostics);
  diagnostics.throw_if_errors();
  d.corpus = sb::corpus_from_lines(sb::synth_metadata(source, sb::SynthOptions{}), std::move(normalized));
  d.origin = path;
}

void generate_text(double size_mb, std::uint64_t seed) {
  Data &d = data();
  sb::SynthOptions so;
  so.seed = seed;
  so.target_bytes = static_cast<std::uint64_t>(size_mb * 1024 * 1024);
  d.corpus = sb::generate_corpus(
      sa::corpus::read_corpus(sa::corpus::bundled_corpus_path(std::getenv("SUPANALYZE_CORPUS"))), so);
  d.whole.reserve(so.target_bytes + 4096);
  std::vector<std::size_t> ends;
  for (const auto &a : d.corpus.answers)
    for (const auto &s : a.segments) {
      d.whole += s.text;
      ends.push_back(d.whole.size());
      d.whole += '\n';
    }
  std::size_t start = 0;
  for (std::size_t end : ends) {
    d.raw.emplace_back(d.whole.data() + start, end - start);
    start = end + 1;
  }
  std::ostringstream origin;
  origin << "generated in memory from the bundled corpus (seed " << seed << ", " << size_mb << " MiB)";
  d.origin = origin.str();
}

// Whether --benchmark_filter selects `name` (as Google Benchmark matches it: the full name, a
// leading '-' negates). Costly set-up (generated codebooks) is skipped for what is not run.
bool selected(const std::string &filter, const std::string &name) {
  if (filter.empty() || filter == "." || filter == "all") return true;
  const bool negative = filter.front() == '-';
  try {
    const std::regex re(negative ? filter.substr(1) : filter, std::regex::extended);
    return std::regex_search(name + "/real_time", re) != negative;
  } catch (const std::regex_error &) {
    return true; // Google Benchmark reports the bad filter itself
  }
}

void register_benchmarks(const std::string &filter) {
  auto reg = [&filter](const std::string &name, auto fn) {
    if (selected(filter, name))
      benchmark::RegisterBenchmark(name.c_str(), fn)->UseRealTime()->Unit(benchmark::kMillisecond);
  };
  reg("icu_raw/whole_text", bm_icu_whole);
  reg(k_baseline, bm_icu_per_segment);
  reg("icu_raw/per_phrase", bm_icu_per_phrase);
  reg("utf8_decode", bm_utf8_decode);
  reg("normalize", bm_normalize);
  reg("tokenize", bm_tokenize);

  auto def = std::make_unique<Book>();
  def->name = "default";
  def->codebook = std::make_unique<sa::codebook::Codebook>(sa::codebook::default_codebook());
  def->matcher = std::make_unique<sa::codebook::Matcher>(*def->codebook);
  for (const auto &t : def->codebook->themes)
    def->terms += t.terms.size();
  const sa::codebook::Matcher &matcher = *def->matcher;
  books().push_back(std::move(def));
  reg("code", [&matcher](benchmark::State &s) { run_code(s, matcher); });
  reg("code+tally", [&matcher](benchmark::State &s) { run_code_tally(s, matcher); });
  for (unsigned t : {1u, 2u})
    reg("code_corpus/threads:" + std::to_string(t),
        [&matcher, t](benchmark::State &s) { run_code_corpus(s, matcher, t); });

  // Codebook size. `2000_terms_same_hits` holds the terms of `20_terms` and 1980 that never
  // occur in the text: the same output, so the two isolate the cost of the codebook's size (the
  // target). The other sizes draw every term from the text, so the codings grow with them
  // (~500x at 2000 terms): they measure the cost of each coding.
  const sa::codebook::Matcher *twenty = nullptr;
  for (const auto &[name, count, kind] :
       {std::tuple{"20_terms", 20, 0}, std::tuple{"2000_terms_same_hits", 2000, 2}, std::tuple{"200_terms", 200, 0},
        std::tuple{"2000_terms", 2000, 0}, std::tuple{"2000_long_terms", 2000, 1}}) {
    const std::string run = std::string("codebook/") + name, build = std::string("matcher_build/") + name;
    if (!selected(filter, run) && !selected(filter, build)) continue;
    const Book &book = kind == 2 ? add_same_hits_book(name, static_cast<std::size_t>(count))
                                 : add_generated_book(name, static_cast<std::size_t>(count), kind == 1);
    if (kind == 0 && count == 20) twenty = book.matcher.get();
    if (kind == 2) {
      if (!twenty) twenty = add_generated_book("20_terms", 20, false).matcher.get();
      if (all_codings(*twenty) != all_codings(*book.matcher))
        throw sa::Error("codebook/" + std::string(name) + " does not give the codings of codebook/20_terms");
    }
    reg(run, [&book](benchmark::State &s) {
      s.SetLabel(std::to_string(book.terms) + " terms, " + std::to_string(book.short_terms) + " short");
      run_code(s, *book.matcher);
    });
  }
  // Compiling a codebook is part of every command's start-up.
  for (const auto &book : books()) {
    const Book *b = book.get();
    reg("matcher_build/" + b->name, [b](benchmark::State &s) {
      for (auto _ : s)
        sa::codebook::Matcher m(*b->codebook);
    });
  }
}

// --- reporting ------------------------------------------------------------------------------

// Shows the runs through the usual reporter and, at the end, every throughput as a ratio to raw
// ICU (medians when repeated), by wall time and by CPU time, plus the codebook-size ratio.
//
// Why both: the targets speak of wall time, but on a small shared machine wall time also
// measures the neighbours; the CPU time of a single-threaded benchmark is its own cost. The CPU
// figure of a multi-threaded run would count the main thread only, so it is not shown.
class RatioReporter : public benchmark::BenchmarkReporter {
public:
  RatioReporter(std::unique_ptr<benchmark::BenchmarkReporter> inner, std::ostream &summary)
      : m_inner(std::move(inner)), m_summary(summary) {}

  bool ReportContext(const Context &context) override { return m_inner->ReportContext(context); }

  void ReportRuns(const std::vector<Run> &runs) override {
    m_inner->ReportRuns(runs);
    for (const Run &r : runs) {
      if (r.error_occurred) continue;
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name != "median") continue;
      const std::string name = r.run_name.function_name;
      Figure &f = m_figures[name];
      f.family = r.family_index;
      f.throughput = r.counters.count("bytes_per_second") > 0;
      const double wall = r.GetAdjustedRealTime() * to_ms(r.time_unit);
      const double cpu = r.GetAdjustedCPUTime() * to_ms(r.time_unit);
      const auto codings = r.counters.find("codings");
      if (codings != r.counters.end()) f.codings = codings->second.value;
      if (r.run_type == Run::RT_Aggregate) {
        f.median = {wall, cpu};
        f.has_median = true;
      } else {
        f.wall.push_back(wall);
        f.cpu.push_back(cpu);
      }
    }
  }

  void Finalize() override {
    m_inner->Finalize();
    const Data &d = data();
    auto &out = m_summary;
    out << std::fixed << "\nText: " << d.origin << ": " << d.bytes << " bytes, " << d.raw.size() << " segments, "
        << d.corpus.answers.size() << " answers.\n"
        << "Throughput in MB/s (10^6 bytes of that text per second" << (any_median() ? ", medians" : "")
        << ") and as a ratio to raw ICU (" << k_baseline << "),\nby wall time and by CPU time:\n";
    out << "  " << std::left << std::setw(28) << "benchmark" << std::right << std::setw(11) << "wall MB/s"
        << std::setw(8) << "x ICU" << std::setw(11) << "CPU MB/s" << std::setw(8) << "x ICU" << '\n';
    const Times base = times(k_baseline);
    // In registration order, also when --benchmark_enable_random_interleaving shuffled the runs.
    std::vector<std::string> order;
    for (const auto &[name, f] : m_figures)
      order.push_back(name);
    std::stable_sort(order.begin(), order.end(),
                     [&](const auto &a, const auto &b) { return m_figures.at(a).family < m_figures.at(b).family; });
    for (const auto &name : order) {
      if (!m_figures.at(name).throughput) continue;
      const Times t = times(name);
      out << "  " << std::left << std::setw(28) << name << std::right << std::setprecision(1) << std::setw(11)
          << mbps(t.wall) << std::setw(8) << ratio(mbps(t.wall), mbps(base.wall));
      if (multi_threaded(name))
        out << std::setw(11) << "-" << std::setw(8) << "-";
      else
        out << std::setprecision(1) << std::setw(11) << mbps(t.cpu) << std::setw(8)
            << ratio(mbps(t.cpu), mbps(base.cpu));
      out << '\n';
    }
    for (const auto &name : order)
      if (!m_figures.at(name).throughput)
        out << "  " << std::left << std::setw(28) << name << std::right << std::setprecision(1) << std::setw(11)
            << times(name).wall << " ms wall" << std::setw(9) << times(name).cpu << " ms CPU\n";
    // Codebook size: at equal output (the target), then with the codings the real terms add, and
    // what each added coding costs (CPU time difference over codings difference).
    const Times small = times("codebook/20_terms"), same = times("codebook/2000_terms_same_hits");
    if (small.wall > 0 && same.wall > 0)
      out << std::setprecision(3) << "Codebook size: 2000 terms at equal output ("
          << codebook_label("2000_terms_same_hits") << ") take " << same.wall / small.wall
          << "x the wall time of 20 terms, " << same.cpu / small.cpu << "x the CPU time (target <= 1.25)\n";
    for (const char *many : {"2000_terms", "2000_long_terms"}) {
      const std::string name = std::string("codebook/") + many;
      const Times large = times(name);
      if (small.wall <= 0 || large.wall <= 0) continue;
      const double extra = codings(name) - codings("codebook/20_terms");
      out << std::setprecision(3) << "Codebook size with more matches: " << many << " (" << codebook_label(many) << ", "
          << std::setprecision(0) << codings(name) << " codings vs " << codings("codebook/20_terms") << ") take "
          << std::setprecision(3) << large.wall / small.wall << "x the wall time of 20 terms, " << large.cpu / small.cpu
          << "x the CPU time";
      if (extra > 0)
        out << std::setprecision(0) << ", " << (large.cpu - small.cpu) * 1e6 / extra << " ns CPU per added coding";
      out << '\n';
    }
    const Times one = times("code_corpus/threads:1"), two = times("code_corpus/threads:2");
    if (base.wall > 0 && one.wall > 0)
      out << std::setprecision(3) << "In-process coding (no reading, no output) vs raw ICU, wall: 1 thread "
          << mbps(one.wall) / mbps(base.wall) << " (target >= 0.8 for `code -j1`)"
          << (two.wall > 0
                  ? ", 2 threads " + fixed(mbps(two.wall) / mbps(base.wall)) + " (target >= 1.5 for `code -j2`)"
                  : std::string())
          << '\n';
    if (base.wall > 0)
      out << std::setprecision(0) << "icu-baseline-bytes-per-second wall " << mbps(base.wall) * 1e6 << " cpu "
          << mbps(base.cpu) * 1e6 << '\n';
    out.flush();
  }

private:
  struct Times {
    double wall = 0, cpu = 0; // ms per iteration
  };
  struct Figure {
    std::vector<double> wall, cpu;
    Times median;
    double codings = 0; // per iteration (coding benchmarks)
    bool has_median = false;
    bool throughput = false;
    std::int64_t family = 0; // registration order
  };

  static double to_ms(benchmark::TimeUnit unit) {
    switch (unit) {
    case benchmark::kNanosecond:
      return 1e-6;
    case benchmark::kMicrosecond:
      return 1e-3;
    case benchmark::kMillisecond:
      return 1.0;
    case benchmark::kSecond:
      return 1e3;
    }
    return 1.0;
  }
  static double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  }
  static std::string fixed(double v) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << v;
    return s.str();
  }
  static std::string ratio(double value, double base) { return base > 0 ? fixed(value / base) : "-"; }
  static bool multi_threaded(const std::string &name) {
    const auto at = name.find("threads:");
    return at != std::string::npos && std::stoi(name.substr(at + 8)) > 1;
  }
  // MB/s of the benchmark text at `ms` per iteration.
  static double mbps(double ms) { return ms > 0 ? static_cast<double>(data().bytes) / (ms / 1e3) / 1e6 : 0.0; }

  bool any_median() const {
    return std::any_of(m_figures.begin(), m_figures.end(), [](const auto &f) { return f.second.has_median; });
  }
  double codings(const std::string &name) const {
    const auto it = m_figures.find(name);
    return it == m_figures.end() ? 0 : it->second.codings;
  }
  // "2000 terms, 171 short" for codebook/`name`.
  static std::string codebook_label(const std::string &name) {
    for (const auto &b : books())
      if (b->name == name) return std::to_string(b->terms) + " terms, " + std::to_string(b->short_terms) + " short";
    return name;
  }
  Times times(const std::string &name) const {
    const auto it = m_figures.find(name);
    if (it == m_figures.end()) return {};
    const Figure &f = it->second;
    return f.has_median ? f.median : Times{median(f.wall), median(f.cpu)};
  }

  std::unique_ptr<benchmark::BenchmarkReporter> m_inner;
  std::ostream &m_summary;
  std::map<std::string, Figure> m_figures;
};

void usage(std::ostream &out) {
  out << "Usage: supanalyze-bench [--text FILE | --size-mb N] [--seed N] [--benchmark_* flags]\n"
         "  --text FILE   measure over FILE (UTF-8, one segment per line, e.g. from\n"
         "                supanalyze-bench-generate --text-out)\n"
         "  --size-mb N   otherwise generate N MiB in memory from the bundled corpus (default 20)\n"
         "  --seed N      seed of the generated text (default 1)\n"
         "Google Benchmark flags: --benchmark_filter=REGEX, --benchmark_repetitions=5\n"
         "  --benchmark_report_aggregates_only=true, --benchmark_enable_random_interleaving=true\n"
         "  (runs the repetitions of all benchmarks in random order, so that a noisy minute does not\n"
         "  land on one benchmark only), --benchmark_format=json, --benchmark_out=FILE, ...\n"
         "At the end every figure is printed as a ratio to raw ICU ("
      << k_baseline
      << ").\n"
         "Examples:\n"
         "  supanalyze-bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \\\n"
         "    --benchmark_enable_random_interleaving=true\n"
         "  supanalyze-bench --text big/text.txt --benchmark_filter='icu_raw|code'\n";
}

} // namespace

int main(int argc, char **argv) {
  bool json = false;
  std::string filter;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--benchmark_filter=", 19) == 0) filter = argv[i] + 19;
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      usage(std::cout);
      return 0;
    }
    json |= std::strcmp(argv[i], "--benchmark_format=json") == 0;
  }
  benchmark::Initialize(&argc, argv);
  std::string text_file;
  double size_mb = 20;
  std::uint64_t seed = 1;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw sa::Error(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--text")
        text_file = value();
      else if (arg == "--size-mb")
        size_mb = std::stod(value());
      else if (arg == "--seed")
        seed = std::stoull(value());
      else
        throw sa::Error("unknown argument '" + arg + "' (see --help)");
    }
    if (!text_file.empty())
      load_text(text_file);
    else
      generate_text(size_mb, seed);
    data().bytes = data().whole.size();
    if (data().bytes == 0) throw sa::Error("no text to measure");
    register_benchmarks(filter);
  } catch (const std::exception &e) {
    std::cerr << "supanalyze-bench: error: " << e.what() << '\n';
    return 2;
  }
  std::unique_ptr<benchmark::BenchmarkReporter> inner;
  if (json)
    inner = std::make_unique<benchmark::JSONReporter>();
  else
    inner = std::make_unique<benchmark::ConsoleReporter>(
        isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_ColorTabular : benchmark::ConsoleReporter::OO_Tabular);
  RatioReporter reporter(std::move(inner), json ? std::cerr : std::cout);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
