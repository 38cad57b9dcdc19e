// SPDX-License-Identifier: MIT
#include <supanalyze/agreement/compare.hpp>
#include <supanalyze/error.hpp>

#include <algorithm>
#include <map>

namespace supanalyze::agreement {

const std::vector<Unit> &all_units() {
  static const std::vector<Unit> units{Unit::answer, Unit::segment};
  return units;
}

Unit parse_unit(const std::string &name) {
  for (Unit unit : all_units())
    if (name == to_string(unit) || name == to_string(unit) + "s") return unit;
  throw Error("the unit must be answer or segment (or the plural), not '" + name + "'");
}

std::string to_string(Unit unit) { return unit == Unit::segment ? "segment" : "answer"; }

Universe make_universe(const corpus::Corpus &corpus, const std::vector<bool> &answer_selected, Unit unit) {
  Universe u;
  u.unit = unit;
  for (std::size_t k = 0; k < corpus.answers.size(); ++k) {
    if (!answer_selected[k]) continue;
    const auto &answer = corpus.answers[k];
    if (unit == Unit::answer) {
      u.answers.push_back(k);
      u.ids.push_back(corpus.question_key(answer) + "/" + corpus.provinces[answer.province].id);
      continue;
    }
    for (std::size_t s = 0; s < answer.segments.size(); ++s) {
      u.answers.push_back(k);
      u.segments.push_back(s);
      u.ids.push_back(corpus.segment_id(answer, s + 1));
    }
  }
  return u;
}

namespace {

// What a coder marked for one theme in one unit.
struct Evidence {
  std::vector<std::string> terms;
  std::vector<std::size_t> segments; // 1-based

  void add(const Mark &mark) {
    if (!mark.term.empty() && std::find(terms.begin(), terms.end(), mark.term) == terms.end())
      terms.push_back(mark.term);
    if (mark.segment && std::find(segments.begin(), segments.end(), *mark.segment + 1) == segments.end())
      segments.push_back(*mark.segment + 1);
  }
};

// theme slot -> unit -> evidence: the coder's yeses, rolled up to the compared themes.
using Judgements = std::vector<std::map<std::size_t, Evidence>>;

Judgements judge(const corpus::Corpus &corpus, const codebook::Codebook &codebook, const Coding &coding,
                 const Universe &universe, const std::vector<std::size_t> &themes) {
  // First unit of each answer in the universe (segment units of an answer are consecutive).
  std::vector<long> first_unit(corpus.answers.size(), -1);
  for (std::size_t u = universe.size(); u-- > 0;)
    first_unit[universe.answers[u]] = static_cast<long>(u);
  Judgements out(themes.size());
  for (const auto &mark : coding.marks) {
    if (first_unit[mark.answer] < 0) continue; // not a selected answer
    std::size_t unit = static_cast<std::size_t>(first_unit[mark.answer]);
    if (universe.unit == Unit::segment) unit += *mark.segment;
    for (std::size_t slot = 0; slot < themes.size(); ++slot)
      if (codebook.is_within(mark.theme, themes[slot])) out[slot][unit].add(mark);
  }
  return out;
}

} // namespace

std::vector<std::size_t> reference_themes(const Coding &reference) {
  std::vector<std::size_t> themes = reference.themes;
  std::sort(themes.begin(), themes.end());
  return themes;
}

Comparison compare(const corpus::Corpus &corpus, const codebook::Codebook &codebook, const Coding &a, const Coding &b,
                   const std::vector<bool> &answer_selected, const std::vector<std::size_t> &themes, Unit unit) {
  if (unit == Unit::segment)
    for (const Coding *coding : {&a, &b})
      if (!coding->has_segments)
        throw Error(coding->name +
                    " has no segment column: --unit segment needs segment-level codings (or use --unit answer)");
  Comparison result;
  std::vector<bool> in_both(answer_selected.size(), false);
  for (std::size_t k = 0; k < answer_selected.size(); ++k) {
    if (!answer_selected[k]) continue;
    const bool by_a = a.judged(k), by_b = b.judged(k);
    in_both[k] = by_a && by_b;
    auto &count = by_a && by_b ? result.answers.compared
                  : by_a       ? result.answers.only_a
                  : by_b       ? result.answers.only_b
                               : result.answers.neither;
    ++count;
  }
  result.universe = make_universe(corpus, in_both, unit);
  const Judgements ja = judge(corpus, codebook, a, result.universe, themes);
  const Judgements jb = judge(corpus, codebook, b, result.universe, themes);
  for (std::size_t slot = 0; slot < themes.size(); ++slot) {
    ThemeAgreement t{themes[slot], {}};
    for (std::size_t u = 0; u < result.universe.size(); ++u) {
      const auto in_a = ja[slot].find(u), in_b = jb[slot].find(u);
      const bool yes_a = in_a != ja[slot].end(), yes_b = in_b != jb[slot].end();
      t.counts.add(yes_a, yes_b);
      if (yes_a == yes_b) continue;
      const Evidence &e = yes_a ? in_a->second : in_b->second;
      result.disagreements.push_back({u, themes[slot], yes_a, e.terms, e.segments});
    }
    t.pooled = std::none_of(themes.begin(), themes.end(), [&](std::size_t other) {
      return other != themes[slot] && codebook.is_within(themes[slot], other);
    });
    if (t.pooled) {
      result.overall += t.counts;
      ++result.pooled_themes;
    }
    result.themes.push_back(t);
  }
  return result;
}

} // namespace supanalyze::agreement
