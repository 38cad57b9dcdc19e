// SPDX-License-Identifier: MIT
#include "target.hpp"

#include <supanalyze/coding/coder.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/error.hpp>

#include <algorithm>

namespace supanalyze::terms {

namespace {

template <typename T> std::vector<std::string> ids_of(const std::vector<T> &items) {
  std::vector<std::string> out;
  for (const auto &item : items)
    out.push_back(item.id);
  return out;
}

[[noreturn]] void unknown(const std::string &what, const std::string &id, const std::vector<std::string> &known) {
  throw Error("target: " + unknown_id_message(what, id, known));
}

} // namespace

bool carries_theme(const std::vector<codebook::Coding> &codings, const std::vector<bool> &theme_selected) {
  return std::any_of(codings.begin(), codings.end(),
                     [&](const codebook::Coding &c) { return theme_selected[c.theme]; });
}

Target::Target(std::string_view spec, const corpus::Corpus &corpus, const codebook::Codebook &codebook) : m_spec(spec) {
  const std::string kinds = "uncoded, theme:ID, question:ID, province:ID or instrument:ID";
  if (spec.empty()) throw Error("empty target: give " + kinds);
  if (spec == "uncoded") {
    m_kind = Kind::uncoded;
    return;
  }
  const auto colon = spec.find(':');
  const std::string kind(spec.substr(0, colon));
  const std::string id(colon == std::string_view::npos ? "" : spec.substr(colon + 1));
  if (colon == std::string_view::npos ||
      (kind != "theme" && kind != "question" && kind != "province" && kind != "instrument"))
    throw Error("unknown target '" + std::string(spec) + "': give " + kinds);
  if (id.empty()) throw Error("empty target id in '" + std::string(spec) + "': give " + kinds);
  if (kind == "theme") {
    m_kind = Kind::theme;
    const auto t = codebook.index_of(id);
    if (!t) unknown("theme", id, ids_of(codebook.themes));
    m_themes.assign(codebook.themes.size(), false);
    for (std::size_t k = 0; k < codebook.themes.size(); ++k)
      m_themes[k] = codebook.is_within(k, *t);
  } else if (kind == "question") {
    m_kind = Kind::question;
    const auto slash = id.find('/');
    bool found = false;
    m_questions.resize(corpus.instruments.size());
    for (std::size_t i = 0; i < corpus.instruments.size(); ++i) {
      m_questions[i].assign(corpus.instruments[i].questions.size(), false);
      if (slash != std::string::npos && corpus.instruments[i].id != id.substr(0, slash)) continue;
      if (auto q = corpus.question_index(i, slash == std::string::npos ? id : id.substr(slash + 1))) {
        m_questions[i][*q] = true;
        found = true;
      }
    }
    if (!found) {
      std::vector<std::string> known;
      for (const auto &inst : corpus.instruments)
        for (const auto &q : inst.questions)
          known.push_back(inst.id + "/" + q.id);
      unknown("question", id, known);
    }
  } else if (kind == "province") {
    m_kind = Kind::province;
    const auto p = corpus.province_index(id);
    if (!p) unknown("province", id, ids_of(corpus.provinces));
    m_index = *p;
  } else {
    m_kind = Kind::instrument;
    const auto i = corpus.instrument_index(id);
    if (!i) unknown("instrument", id, ids_of(corpus.instruments));
    m_index = *i;
  }
}

bool Target::contains(const corpus::Answer &answer, const std::vector<codebook::Coding> &codings,
                      const std::vector<bool> &theme_selected) const {
  switch (m_kind) {
  case Kind::uncoded:
    return !carries_theme(codings, theme_selected);
  case Kind::theme:
    return std::any_of(codings.begin(), codings.end(), [&](const codebook::Coding &c) { return m_themes[c.theme]; });
  case Kind::question:
    return m_questions[answer.instrument][answer.question];
  case Kind::province:
    return answer.province == m_index;
  case Kind::instrument:
    return answer.instrument == m_index;
  }
  return false;
}

std::vector<KeyTerm> suggest_terms(const TermCounter &counter, const codebook::Matcher &matcher,
                                   std::uint64_t min_count) {
  std::vector<KeyTerm> candidates;
  std::vector<const Term *> generic; // left out as generic, but their fragments are no terms either
  const auto near_total = static_cast<double>(counter.near_total());
  const auto rest_total = static_cast<double>(counter.total() - counter.near_total());
  for (KeyTerm k : rank_keyness(counter, 1)) {
    const Term &t = *k.term;
    if (k.g2 <= 0 || t.near_count < min_count) continue;
    if (t.short_edge) continue; // ผู้, ลด, งานแก่: a short word alone or at an edge is seldom a term
    if (t.generic_edge) {       // ควร, ค่อนข้าง, โดยตรง: how, not what
      generic.push_back(&t);
      continue;
    }
    // Co-occurrence: its occurrences near the theme's codings against all its others.
    k.near_g2 = keyness_g2(
        {static_cast<double>(t.near_count), static_cast<double>(t.count - t.near_count), near_total, rest_total});
    if (k.near_g2 <= 0) continue; // no likelier next to the theme's terms than anywhere else
    k.near_p = chi2_p_value(k.near_g2);
    if (!coding::code_text(matcher, t.text).empty()) continue; // already found by some theme
    candidates.push_back(k);
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const KeyTerm &x, const KeyTerm &y) {
    if (x.near_g2 != y.near_g2) return x.near_g2 > y.near_g2;
    if (x.g2 != y.g2) return x.g2 > y.g2;
    return x.term->text < y.term->text;
  });
  // A fragment of a longer candidate or generic word seen as often near the theme (ค่อน of
  // ค่อนข้าง) adds nothing.
  auto covers = [](const Term &longer, const Term &t) {
    return &longer != &t && longer.text.size() > t.text.size() && longer.near_count >= t.near_count &&
           longer.text.find(t.text) != std::string::npos;
  };
  std::vector<KeyTerm> out;
  for (const KeyTerm &k : candidates) {
    const bool fragment =
        std::any_of(candidates.begin(), candidates.end(), [&](const KeyTerm &l) { return covers(*l.term, *k.term); }) ||
        std::any_of(generic.begin(), generic.end(), [&](const Term *l) { return covers(*l, *k.term); });
    if (!fragment) out.push_back(k);
  }
  return out;
}

} // namespace supanalyze::terms
