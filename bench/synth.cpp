// SPDX-License-Identifier: MIT
#include "synth.hpp"

#include <supanalyze/error.hpp>
#include <supanalyze/text/automaton.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/thai.hpp>
#include <supanalyze/text/tokenizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace supanalyze::bench {

std::uint64_t Rng::next() {
  std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

namespace {

// "1.", "-", "5.1", "(2)": the list marker a segment starts with, kept in front.
bool is_list_marker(std::string_view phrase) {
  return !phrase.empty() && std::all_of(phrase.begin(), phrase.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ')' || c == '(' || c == '*';
  });
}

std::vector<std::string_view> split_phrases(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ')
      ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ')
      ++j;
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

// YAML double-quoted scalar.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string two_digits(std::size_t n, std::size_t width) {
  std::string s = std::to_string(n);
  return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
}

// Real segments per (instrument, question) of the source: what a synthetic segment is made of.
class Recombiner {
public:
  Recombiner(const corpus::Corpus &source, std::uint64_t seed) : m_rng(seed) {
    m_pools.resize(source.instruments.size());
    for (std::size_t i = 0; i < source.instruments.size(); ++i)
      m_pools[i].resize(source.instruments[i].questions.size());
    for (const auto &a : source.answers)
      for (const auto &s : a.segments)
        if (!s.text.empty()) {
          m_pools[a.instrument][a.question].push_back(&s);
          m_all.push_back(&s);
        }
    if (m_all.empty()) throw Error("the source corpus has no segment text to recombine");
  }

  // A new segment for question `question` of instrument `instrument`: its label and text.
  void make(std::size_t instrument, std::size_t question, std::string &label, std::string &text) {
    const auto &pool =
        instrument < m_pools.size() && question < m_pools[instrument].size() && !m_pools[instrument][question].empty()
            ? m_pools[instrument][question]
            : m_all;
    const std::size_t parts = 1 + m_rng.below(3);
    std::string_view marker;
    m_phrases.clear();
    for (std::size_t k = 0; k < parts; ++k) {
      const corpus::Segment &s = *pool[m_rng.below(pool.size())];
      auto phrases = split_phrases(s.text);
      if (!phrases.empty() && is_list_marker(phrases.front())) {
        if (k == 0) marker = phrases.front();
        phrases.erase(phrases.begin());
      }
      if (k == 0) label = s.label;
      m_phrases.insert(m_phrases.end(), phrases.begin(), phrases.end());
    }
    for (std::size_t k = m_phrases.size(); k > 1; --k)
      std::swap(m_phrases[k - 1], m_phrases[m_rng.below(k)]);
    m_raw.assign(marker);
    for (std::string_view p : m_phrases) {
      if (!m_raw.empty()) m_raw += ' ';
      m_raw += p;
    }
    text = m_normalizer.normalize(m_raw);
  }

private:
  Rng m_rng;
  std::vector<std::vector<std::vector<const corpus::Segment *>>> m_pools;
  std::vector<const corpus::Segment *> m_all;
  std::vector<std::string_view> m_phrases;
  std::string m_raw;
  text::Normalizer m_normalizer;
};

} // namespace

corpus::Corpus synth_metadata(const corpus::Corpus &source, const SynthOptions &opts) {
  if (source.provinces.empty()) throw Error("the source corpus has no provinces");
  if (opts.provinces == 0) throw Error("a synthetic corpus needs at least one province");
  corpus::Corpus meta;
  meta.id = opts.id;
  meta.year_be = opts.year_be != 0 ? opts.year_be : source.year_be;
  meta.year_ce = meta.year_be - 543;
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
  meta.title = "คลังข้อความสังเคราะห์สำหรับวัดสมรรถนะ (";
  meta.title += std::to_string(opts.provinces);
  meta.title += " จังหวัด) จาก ";
  meta.title += source.id;
  const std::size_t width = std::max<std::size_t>(2, std::to_string(opts.provinces).size());
  for (std::size_t p = 0; p < opts.provinces; ++p) {
    const auto &real = source.provinces[p % source.provinces.size()];
    meta.provinces.push_back(
        {std::string("p") + two_digits(p + 1, width), real.th + " " + std::to_string(p / source.provinces.size() + 1)});
  }
  meta.instruments = source.instruments;
  return meta;
}

std::string metadata_yaml(const corpus::Corpus &meta) {
  std::string y = "# Synthetic corpus written by supanalyze-bench-generate (bench/README.md). Its text is\n"
                  "# recombined from a real round; it is for measuring speed and memory, not for analysis.\n";
  y += "id: " + meta.id + "\n";
  y += "title: " + quoted(meta.title) + "\n";
  y += "year: {be: " + std::to_string(meta.year_be) + ", ce: " + std::to_string(meta.year_ce) + "}\n";
  y += "provinces:\n";
  for (const auto &p : meta.provinces)
    y += "  - {id: " + p.id + ", th: " + quoted(p.th) + "}\n";
  y += "instruments:\n";
  for (const auto &i : meta.instruments) {
    y += "  - id: " + i.id + "\n    th: " + quoted(i.th) + "\n";
    if (!i.en.empty()) y += "    en: " + quoted(i.en) + "\n";
    y += "    questions:\n";
    for (const auto &q : i.questions)
      y += "      - {id: " + q.id + ", th: " + quoted(q.th) + "}\n";
  }
  return y;
}

void generate_segments(const corpus::Corpus &source, const corpus::Corpus &meta, const SynthOptions &opts,
                       const std::function<void(const SynthSegment &)> &on_segment) {
  std::size_t answers = 0;
  for (const auto &i : meta.instruments)
    answers += i.questions.size() * meta.provinces.size();
  if (answers == 0) throw Error("the synthetic corpus has no questions");
  Recombiner recombiner(source, opts.seed);
  std::string label, text;
  std::uint64_t written = 0;
  std::size_t answer = 0;
  for (std::size_t i = 0; i < meta.instruments.size(); ++i)
    for (std::size_t q = 0; q < meta.instruments[i].questions.size(); ++q)
      for (std::size_t p = 0; p < meta.provinces.size(); ++p) {
        ++answer;
        // Cumulative goal, so that rounding does not drift over thousands of answers.
        const std::uint64_t goal = opts.target_bytes * answer / answers;
        std::size_t n = 0;
        do {
          recombiner.make(i, q, label, text);
          on_segment({i, q, p, ++n, label, text});
          written += text.size() + 1;
        } while (written < goal);
      }
}

corpus::Corpus generate_corpus(const corpus::Corpus &source, const SynthOptions &opts) {
  corpus::Corpus c = synth_metadata(source, opts);
  generate_segments(source, c, opts, [&](const SynthSegment &s) {
    if (s.number == 1) c.answers.push_back({s.instrument, s.question, s.province, {}, {}});
    c.answers.back().segments.push_back({std::string(s.label), std::string(s.text), {}});
  });
  return c;
}

corpus::Corpus corpus_from_lines(const corpus::Corpus &meta, std::vector<std::string> lines) {
  corpus::Corpus c = meta;
  c.answers.clear();
  std::vector<std::pair<std::size_t, std::size_t>> questions;
  for (std::size_t i = 0; i < c.instruments.size(); ++i)
    for (std::size_t q = 0; q < c.instruments[i].questions.size(); ++q)
      questions.emplace_back(i, q);
  const std::size_t keys = questions.size() * c.provinces.size();
  if (keys == 0) throw Error("no questions to put the lines under");
  std::size_t next = 0;
  for (std::size_t k = 0; k < keys && next < lines.size(); ++k) {
    const std::size_t end = lines.size() * (k + 1) / keys;
    const auto [i, q] = questions[k / c.provinces.size()];
    corpus::Answer a{i, q, k % c.provinces.size(), {}, {}};
    for (; next < end; ++next)
      a.segments.push_back({"", std::move(lines[next]), {}});
    if (!a.segments.empty()) c.answers.push_back(std::move(a));
  }
  return c;
}

namespace {

// Distinct Thai tokens (pure ICU) of the first MiBs of `corpus` and compounds of two or three
// adjacent ones, of two Thai letters or more, with how often each is seen.
std::map<std::string, std::size_t> token_counts(const corpus::Corpus &corpus) {
  const text::Tokenizer icu_only{text::Dictionary{}};
  std::map<std::string, std::size_t> seen;
  std::vector<text::Token> tokens;
  std::size_t bytes = 0;
  constexpr std::size_t k_sample_bytes = 4u << 20;
  for (const auto &a : corpus.answers) {
    for (const auto &s : a.segments) {
      tokens.clear();
      icu_only.tokenize(s.text, tokens);
      for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (tokens[k].kind != text::TokenKind::thai) continue;
        // The token, and the compounds of two and three adjacent Thai tokens starting with it
        // (codebook terms are often such compounds: เจ้าหน้าที่|ไม่|เพียงพอ).
        for (std::size_t n = k; n < tokens.size() && n < k + 3; ++n) {
          if (n > k && (tokens[n].kind != text::TokenKind::thai || tokens[n].start != tokens[n - 1].end)) break;
          std::string term = s.text.substr(tokens[k].start, tokens[n].end - tokens[k].start);
          if (text::thai_letter_count(term) >= 2) ++seen[std::move(term)];
        }
      }
      bytes += s.text.size();
    }
    if (bytes > k_sample_bytes) break;
  }
  return seen;
}

template <typename T> void shuffle(std::vector<T> &v, Rng &rng) {
  for (std::size_t k = v.size(); k > 1; --k)
    std::swap(v[k - 1], v[rng.below(k)]);
}

} // namespace

std::vector<std::string> sample_terms(const corpus::Corpus &corpus, std::size_t count, std::uint64_t seed,
                                      bool long_only) {
  std::vector<std::string> terms;
  for (auto &[term, n] : token_counts(corpus))
    if (n >= 2 && (!long_only || text::thai_letter_count(term) >= 4))
      terms.push_back(term); // seen twice: it really occurs
  Rng rng(seed);
  shuffle(terms, rng);
  if (terms.size() > count) terms.resize(count);
  return terms;
}

std::vector<std::string> absent_terms(const corpus::Corpus &corpus, std::size_t count, std::uint64_t seed,
                                      const std::vector<std::string> &avoid) {
  std::vector<std::string> pool;
  std::size_t short_real = 0, long_real = 0;
  for (auto &[term, n] : token_counts(corpus)) {
    pool.push_back(term);
    if (n >= 2) ++(text::thai_letter_count(term) <= 3 ? short_real : long_real);
  }
  if (pool.empty() || count == 0) return {};
  Rng rng(seed);
  shuffle(pool, rng);
  const std::set<std::string, std::less<>> avoided(avoid.begin(), avoid.end());
  const text::Normalizer normalizer;
  // ก-ฮ without the obsolete ฃ ฅ ฦ and the vowel ฤ.
  std::vector<char32_t> consonants;
  for (char32_t c = 0x0E01; c <= 0x0E2E; ++c)
    if (c != 0x0E03 && c != 0x0E05 && c != 0x0E24 && c != 0x0E26) consonants.push_back(c);
  // Four candidates per wanted term of each kind (short ones occur by chance more often).
  const std::size_t want_short =
      (count * short_real + (short_real + long_real) / 2) / std::max<std::size_t>(1, short_real + long_real);
  const std::size_t want[2] = {count - want_short, want_short};
  std::vector<std::string> candidates[2];
  std::set<std::string, std::less<>> made;
  for (const std::string &term : pool) {
    const bool is_short = text::thai_letter_count(term) <= 3;
    if (candidates[is_short].size() >= 4 * want[is_short]) continue;
    std::u32string cps = text::to_u32(term);
    std::vector<std::size_t> at;
    for (std::size_t k = 0; k < cps.size(); ++k)
      if (text::thai::is_consonant(cps[k])) at.push_back(k);
    if (at.empty()) continue;
    // Mostly a consonant of the second half: a long shared prefix.
    const std::size_t from = rng.below(4) == 0 ? 0 : at.size() / 2;
    const std::size_t k = at[from + rng.below(at.size() - from)];
    char32_t c;
    do {
      c = consonants[rng.below(consonants.size())];
    } while (c == cps[k]);
    cps[k] = c;
    std::string made_term = text::to_utf8(cps);
    if (normalizer.normalize(made_term) != made_term || avoided.count(made_term) || !made.insert(made_term).second)
      continue;
    candidates[is_short].push_back(std::move(made_term));
  }
  // One pass over the whole text drops every candidate found anywhere in it.
  text::TermAutomaton automaton;
  std::vector<const std::string *> by_id;
  for (const auto &list : candidates)
    for (const auto &t : list) {
      automaton.add(t, static_cast<std::uint32_t>(by_id.size()));
      by_id.push_back(&t);
    }
  automaton.build();
  std::vector<bool> found(by_id.size(), false);
  for (const auto &a : corpus.answers)
    for (const auto &s : a.segments)
      automaton.scan(s.text, [&](std::uint32_t, std::uint32_t, std::uint32_t id) { found[id] = true; });
  std::vector<std::string> terms;
  std::size_t id = 0;
  for (int kind = 0; kind < 2; ++kind) {
    std::size_t kept = 0;
    for (const auto &t : candidates[kind]) {
      if (!found[id++] && kept < want[kind]) {
        terms.push_back(t);
        ++kept;
      }
    }
  }
  shuffle(terms, rng);
  return terms;
}

std::vector<std::vector<std::string>> grouped_terms(const std::vector<std::string> &terms) {
  const std::size_t per_theme = terms.size() < 80 ? 5 : 20;
  std::vector<std::vector<std::string>> themes;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    if (k % per_theme == 0) themes.emplace_back();
    themes.back().push_back(terms[k]);
  }
  return themes;
}

SameHitsPair same_hits_themes(const corpus::Corpus &corpus, std::size_t small, std::size_t large, std::uint64_t seed) {
  const auto real = sample_terms(corpus, small, seed, false);
  SameHitsPair pair{grouped_terms(real), grouped_terms(real)};
  auto &themes = pair.large;
  const auto absent = absent_terms(corpus, large > real.size() ? large - real.size() : 0, seed + 1, real);
  std::size_t next = 0;
  for (auto &theme : themes)
    while (theme.size() < 20 && next < absent.size())
      theme.push_back(absent[next++]);
  while (next < absent.size()) {
    themes.emplace_back();
    while (themes.back().size() < 20 && next < absent.size())
      themes.back().push_back(absent[next++]);
  }
  return pair;
}

std::string codebook_yaml(const std::string &id, const std::vector<std::string> &terms) {
  const std::size_t per_theme = terms.size() < 80 ? 5 : 20;
  std::vector<std::vector<std::string>> themes;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    if (k % per_theme == 0) themes.emplace_back();
    themes.back().push_back(terms[k]);
  }
  return codebook_yaml(id, themes);
}

std::string codebook_yaml(const std::string &id, const std::vector<std::vector<std::string>> &themes) {
  std::string y = "id: " + id + "\nversion: \"1\"\ntitle: generated for benchmarks\nthemes:\n";
  for (std::size_t k = 0; k < themes.size(); ++k) {
    const std::string n = std::to_string(k + 1);
    y += "  - id: t" + n + "\n    label: {th: " + quoted("ประเด็น " + n) + ", en: " + quoted("Theme " + n) +
         "}\n    description: generated\n    terms:\n";
    for (const auto &term : themes[k])
      y += "      - " + quoted(term) + "\n";
  }
  return y;
}

} // namespace supanalyze::bench
