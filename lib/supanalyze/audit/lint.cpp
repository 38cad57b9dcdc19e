// SPDX-License-Identifier: MIT
#include <supanalyze/audit/lint.hpp>
#include <supanalyze/coding/coder.hpp>
#include <supanalyze/text/cluster.hpp>
#include <supanalyze/text/normalizer.hpp>
#include <supanalyze/text/thai.hpp>
#include <supanalyze/text/tokenizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace supanalyze::audit {

std::string to_string(LintSeverity severity) {
  switch (severity) {
  case LintSeverity::note:
    return "note";
  case LintSeverity::warning:
    return "warning";
  case LintSeverity::error:
    return "error";
  }
  return "note";
}

namespace {

namespace th = text::thai;
using codebook::Codebook;
using codebook::Term;

// Every literal term of a theme with where it is used: "terms", "rules", "exclude".
struct TermRef {
  std::size_t theme;
  const Term *term;
  const char *role;
};

std::vector<TermRef> all_terms(const Codebook &cb) {
  std::vector<TermRef> out;
  for (std::size_t t = 0; t < cb.themes.size(); ++t) {
    for (const auto &term : cb.themes[t].terms)
      out.push_back({t, &term, "terms"});
    for (const auto &rule : cb.themes[t].rules) {
      for (const auto &term : rule.terms)
        out.push_back({t, &term, "rules"});
      for (const auto &term : rule.not_terms)
        out.push_back({t, &term, "rules"});
    }
    for (const auto &term : cb.themes[t].exclude)
      out.push_back({t, &term, "exclude"});
  }
  return out;
}

std::string joined_tokens(const text::Tokenizer &tokenizer, std::string_view text) {
  std::string out;
  for (const auto &t : tokenizer.tokenize(text))
    out += (out.empty() ? "" : "|") + std::string(t.in(text));
  return out;
}

// A term that starts with a mark or ะ า ำ, or ends with a leading vowel, cannot be cut out of
// any text on cluster boundaries.
bool unmatchable(const std::string &term) {
  const std::u32string cps = text::to_u32(term);
  if (cps.empty()) return true;
  return th::is_combining(cps.front()) || th::is_following_vowel(cps.front()) || th::is_leading_vowel(cps.back());
}

class Linter {
public:
  Linter(const Codebook &cb, const codebook::Matcher &matcher, const corpus::Corpus *corpus, const LintOptions &options)
      : m_cb(cb), m_matcher(matcher), m_corpus(corpus), m_options(options) {}

  std::vector<Finding> run() {
    check_terms();
    check_duplicates();
    check_rules();
    if (m_corpus) check_against_corpus();
    std::stable_sort(m_findings.begin(), m_findings.end(), [](const Finding &a, const Finding &b) {
      return std::make_tuple(-static_cast<int>(a.severity), a.where.line, a.where.column) <
             std::make_tuple(-static_cast<int>(b.severity), b.where.line, b.where.column);
    });
    return std::move(m_findings);
  }

private:
  void add(LintSeverity s, const char *kind, const SourceLocation &where, std::size_t theme, std::string message) {
    m_findings.push_back({s, kind, where, m_cb.themes[theme].id, std::move(message)});
  }

  void check_terms() {
    for (const auto &ref : all_terms(m_cb)) {
      const std::string &term = ref.term->text;
      if (ref.term->is_glob()) continue;
      if (unmatchable(term))
        add(LintSeverity::error, "unmatchable-term", ref.term->where, ref.theme,
            "term '" + term +
                "' starts with a mark or ะ า ำ, or ends with เ แ โ ใ ไ: it can never fall on token "
                "boundaries; write the whole word");
    }
  }

  void check_duplicates() {
    std::map<std::string, std::vector<TermRef>> by_text;
    for (const auto &ref : all_terms(m_cb))
      if (std::string(ref.role) == "terms") by_text[ref.term->text].push_back(ref);
    for (const auto &[text, refs] : by_text)
      for (std::size_t k = 1; k < refs.size(); ++k) {
        const auto a = refs[0].theme, b = refs[k].theme;
        if (a == b || m_cb.is_within(a, b) || m_cb.is_within(b, a)) continue;
        add(LintSeverity::warning, "duplicate-term", refs[k].term->where, b,
            "term '" + text + "' is also a term of theme '" + m_cb.themes[a].id + "' (line " +
                std::to_string(refs[0].term->where.line) + "): every match codes both themes");
      }
  }

  void check_rules() {
    for (std::size_t t = 0; t < m_cb.themes.size(); ++t) {
      const auto &theme = m_cb.themes[t];
      for (const auto &rule : theme.rules) {
        if (rule.kind == codebook::RuleKind::any_of) continue;
        for (const auto &term : rule.terms) {
          const bool negated = std::any_of(rule.not_terms.begin(), rule.not_terms.end(),
                                           [&](const Term &n) { return term.text.find(n.text) != std::string::npos; });
          const bool excluded = std::any_of(theme.exclude.begin(), theme.exclude.end(),
                                            [&](const Term &x) { return x.text == term.text; });
          if (negated || excluded)
            add(LintSeverity::warning, "unreachable-rule", rule.where, t,
                "rule " + rule.display() + " can never fire: its term '" + term.text + "' is " +
                    (negated ? "also in its `not` list" : "an exclusion of the theme"));
        }
      }
    }
  }

  void check_against_corpus() {
    // Code every segment once; count codings per theme (rolled up) and per source label.
    std::vector<std::size_t> theme_hits(m_cb.themes.size(), 0);
    std::map<std::string, std::size_t> source_segments; // label -> segments it coded
    std::size_t segments = 0;
    m_codings.clear();
    coding::code_corpus(*m_corpus, m_matcher, m_options.threads, [&](const coding::AnswerCodings &coded) {
      for (const auto &seg : coded.segments) {
        ++segments;
        m_codings.push_back(seg);
        std::set<std::size_t> themes;
        std::set<std::string> labels;
        for (const auto &c : seg) {
          for (std::size_t a : m_cb.self_and_ancestors(c.theme))
            themes.insert(a);
          labels.insert(m_cb.themes[c.theme].id + "\x1f" + m_matcher.source_label(c.source));
        }
        for (std::size_t t : themes)
          ++theme_hits[t];
        for (const auto &l : labels)
          ++source_segments[l];
      }
    });
    for (std::size_t t = 0; t < m_cb.themes.size(); ++t)
      if (theme_hits[t] == 0)
        add(LintSeverity::warning, "theme-no-match", m_cb.themes[t].where, t,
            "theme '" + m_cb.themes[t].id + "' codes nothing in corpus " + m_corpus->id);
    std::vector<std::pair<std::size_t, const Term *>> silent; // terms that code nothing
    for (std::size_t t = 0; t < m_cb.themes.size(); ++t)
      for (const auto &term : m_cb.themes[t].terms) {
        const auto it = source_segments.find(m_cb.themes[t].id + "\x1f" + term.text);
        const std::size_t hits = it == source_segments.end() ? 0 : it->second;
        if (hits == 0) {
          check_short_term(t, term, true);
          silent.emplace_back(t, &term);
        } else {
          check_short_term(t, term, false);
          if (segments > 0 && static_cast<double>(hits) > m_options.broad_share * static_cast<double>(segments))
            add(LintSeverity::warning, "broad-term", term.where, t,
                "term '" + term.text + "' codes " + std::to_string(hits) + " of " + std::to_string(segments) +
                    " segments: too broad to tell answers apart? prefer a longer phrase or a rule");
        }
      }
    report_silent_terms(silent);
  }

  // A term that codes nothing may still match: another coding of its theme (a longer term, a
  // pattern, a rule) takes the span each time. Code the corpus with each such term on its own
  // and tell "always covered by ..." from "codes nothing".
  void report_silent_terms(const std::vector<std::pair<std::size_t, const Term *>> &silent) {
    if (silent.empty()) return;
    Codebook probe;
    probe.id = "lint-probe";
    for (const auto &[t, term] : silent) {
      codebook::Theme theme;
      theme.id = "probe" + std::to_string(probe.themes.size());
      theme.terms.push_back(*term);
      theme.exclude = m_cb.themes[t].exclude;
      probe.themes.push_back(std::move(theme));
    }
    const codebook::Matcher probe_matcher(probe);
    std::vector<std::set<std::string>> covered_by(silent.size());
    std::vector<bool> found(silent.size(), false);
    std::size_t segment = 0;
    coding::code_corpus(*m_corpus, probe_matcher, m_options.threads, [&](const coding::AnswerCodings &coded) {
      for (const auto &seg : coded.segments) {
        for (const auto &p : seg) {
          found[p.theme] = true;
          for (const auto &c : m_codings[segment])
            if (c.theme == silent[p.theme].first && c.in_label == p.in_label && c.start < p.end && p.start < c.end)
              covered_by[p.theme].insert(m_matcher.source_label(c.source));
        }
        ++segment;
      }
    });
    for (std::size_t k = 0; k < silent.size(); ++k) {
      const auto [t, term] = silent[k];
      if (!found[k]) {
        add(LintSeverity::note, "term-no-match", term->where, t,
            "term '" + term->text + "' codes nothing in corpus " + m_corpus->id);
        continue;
      }
      std::string by;
      for (const auto &label : covered_by[k])
        by += (by.empty() ? "'" : ", '") + label + "'";
      add(LintSeverity::note, "term-covered", term->where, t,
          "term '" + term->text + "' matches in corpus " + m_corpus->id + " but is always covered by " + by +
              " of the same theme: it adds nothing there");
    }
  }

  // A short term found as text where it is not a word: say how ICU splits it there.
  void check_short_term(std::size_t t, const Term &term, bool never_matched) {
    if (term.is_glob() || !text::is_short_term(term.text)) return;
    std::size_t as_text = 0;
    std::string example;
    for (const auto &a : m_corpus->answers)
      for (const auto &s : a.segments)
        for (auto at = s.text.find(term.text); at != std::string::npos; at = s.text.find(term.text, at + 1)) {
          ++as_text;
          if (example.empty()) {
            const auto phrase_start = s.text.rfind(' ', at);
            const auto phrase_end = s.text.find(' ', at);
            const std::size_t b = phrase_start == std::string::npos ? 0 : phrase_start + 1;
            const std::string phrase =
                s.text.substr(b, (phrase_end == std::string::npos ? s.text.size() : phrase_end) - b);
            example = phrase + " -> " + joined_tokens(m_icu_only, phrase);
          }
        }
    if (as_text == 0) return;
    add(never_matched ? LintSeverity::warning : LintSeverity::note, "short-term", term.where, t,
        "term '" + term.text + "' has " + std::to_string(text::thai_letter_count(term.text)) +
            " Thai letters, so it matches only where ICU puts a word boundary; it occurs " + std::to_string(as_text) +
            " times as text, e.g. ICU splits " + example +
            ". If those are the word, add a longer term or a --dict entry that contains it");
  }

  const Codebook &m_cb;
  const codebook::Matcher &m_matcher;
  const corpus::Corpus *m_corpus;
  LintOptions m_options;
  text::Tokenizer m_icu_only{text::Dictionary{}};
  std::vector<Finding> m_findings;
  std::vector<std::vector<codebook::Coding>> m_codings; // per segment, in corpus order
};

} // namespace

std::vector<Finding> lint_codebook(const Codebook &codebook, const codebook::Matcher &matcher,
                                   const corpus::Corpus *corpus, const LintOptions &options) {
  return Linter(codebook, matcher, corpus, options).run();
}

std::vector<ExampleResult> test_examples(const Codebook &cb, const codebook::Matcher &matcher) {
  std::vector<ExampleResult> out;
  codebook::MatchSession session(matcher);
  std::vector<codebook::Coding> codings;
  for (std::size_t t = 0; t < cb.themes.size(); ++t) {
    auto check = [&](const std::string &example, bool should_match) {
      const std::string normalized = text::normalize(example);
      session.code(normalized, codings);
      ExampleResult r{cb.themes[t].id, example, should_match, false, {}};
      bool hit = false;
      std::set<std::string> coded;
      for (const auto &c : codings) {
        coded.insert(cb.themes[c.theme].id);
        hit = hit || cb.is_within(c.theme, t);
      }
      r.coded.assign(coded.begin(), coded.end());
      r.passed = hit == should_match;
      out.push_back(std::move(r));
    };
    for (const auto &e : cb.themes[t].examples_match)
      check(e, true);
    for (const auto &e : cb.themes[t].examples_no_match)
      check(e, false);
  }
  return out;
}

} // namespace supanalyze::audit
