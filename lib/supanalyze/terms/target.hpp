// SPDX-License-Identifier: MIT
#pragma once
// What a keyness target or a suggestion selects: segments of the corpus.

#include <supanalyze/codebook/matcher.hpp>
#include <supanalyze/codebook/model.hpp>
#include <supanalyze/corpus/model.hpp>
#include <supanalyze/terms/counter.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace supanalyze::terms {

// Whether a segment with `codings` carries a theme `theme_selected` selects (false: the segment
// is in the uncoded residue).
bool carries_theme(const std::vector<codebook::Coding> &codings, const std::vector<bool> &theme_selected);

// A set of segments: `uncoded` (no coding of a selected theme), `theme:ID` (coded with the theme
// or a sub-theme), `question:ID` (q4, every instrument's q4, or centre1300/q4), `province:ID`,
// `instrument:ID`.
class Target {
public:
  // Parses `spec` against the corpus and codebook; throws Error (exit code 2) for an unknown
  // kind or id (naming the ones that exist) or an empty spec.
  Target(std::string_view spec, const corpus::Corpus &corpus, const codebook::Codebook &codebook);

  // Whether segment `codings` of `answer` belong to the target; `theme_selected` is the
  // --theme selection `uncoded` is relative to.
  bool contains(const corpus::Answer &answer, const std::vector<codebook::Coding> &codings,
                const std::vector<bool> &theme_selected) const;
  const std::string &spec() const { return m_spec; }

private:
  enum class Kind { uncoded, theme, question, province, instrument };
  std::string m_spec;
  Kind m_kind = Kind::uncoded;
  std::vector<bool> m_themes;                 // theme: the theme and its descendants
  std::vector<std::vector<bool>> m_questions; // question: per instrument, per question
  std::size_t m_index = 0;                    // province or instrument index
};

// Terms of `counter` key to its target (G² > 0), seen at least `min_count` times near a focus
// span (the theme's codings: its existing terms) and likelier there than elsewhere (KeyTerm::
// near_g2: G² of the occurrences near a focus span against all others, > 0), that no theme of
// `matcher` codes (so not yet in the codebook, nor holding a codebook term), by near_g2
// descending, then G², then text; without terms that start or end with a Thai word of fewer
// than three letters or with a generic word (Term::generic_edge), and without fragments of a
// longer candidate seen as often near the theme.
std::vector<KeyTerm> suggest_terms(const TermCounter &counter, const codebook::Matcher &matcher,
                                   std::uint64_t min_count);

} // namespace supanalyze::terms
