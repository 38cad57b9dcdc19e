// SPDX-License-Identifier: MIT
#pragma once
// Agreement between two codings of the same corpus, theme by theme, over a universe of units
// taken from the corpus: the selected answers both coders judged (Coding::answers), or their
// segments. In a judged answer, a unit that neither coding marks is a negative both agree on; an
// answer only one coder judged (a project or cell table that leaves it out) is not compared.

#include <supanalyze/agreement/reader.hpp>
#include <supanalyze/agreement/stats.hpp>
#include <supanalyze/codebook/model.hpp>
#include <supanalyze/corpus/model.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace supanalyze::agreement {

// What one judgement is about: a whole answer (instrument/question/province) or one segment.
enum class Unit { answer, segment };

// Parses "answer" or "segment", or the plural ("answers", as freq's --unit spells it); throws
// Error naming both otherwise.
Unit parse_unit(const std::string &name);
// Both units (answer, segment): what --unit accepts and the shell completions offer.
const std::vector<Unit> &all_units();
std::string to_string(Unit unit);

// The units agreement is measured over, in corpus order: every selected answer, or every
// segment of the selected answers.
struct Universe {
  Unit unit = Unit::answer;
  std::vector<std::size_t> answers;  // the answer of each unit (index into Corpus::answers)
  std::vector<std::size_t> segments; // the 0-based segment of each unit (segment units only)
  std::vector<std::string> ids;      // "centre1300/q4/ratchaburi" or "centre1300/q4/ratchaburi/3"

  std::size_t size() const { return ids.size(); }
};

// The universe of `unit`s over the answers with `answer_selected` true.
Universe make_universe(const corpus::Corpus &corpus, const std::vector<bool> &answer_selected, Unit unit);

// One theme's 2x2 table.
struct ThemeAgreement {
  std::size_t theme = 0; // index into Codebook::themes
  Confusion counts;
  bool pooled = true; // counted in Comparison::overall: no ancestor of it is compared too
};

// A unit and theme where the coders differ, with what the coder who said yes relied on.
struct Disagreement {
  std::size_t unit = 0;              // index into Universe
  std::size_t theme = 0;             // index into Codebook::themes
  bool a_yes = false;                // A said yes (and B no); otherwise B said yes
  std::vector<std::string> terms;    // that coder's matched terms (code files), distinct, in file order
  std::vector<std::size_t> segments; // 1-based segments where that coder marked it, when known
};

// How many of the selected answers each coder judged (Coding::answers).
struct AnswerCoverage {
  std::size_t compared = 0; // judged by both: the universe's answers
  std::size_t only_a = 0;   // judged by A only: left out
  std::size_t only_b = 0;   // judged by B only: left out
  std::size_t neither = 0;  // judged by neither: left out

  std::size_t one_side() const { return only_a + only_b; }
};

struct Comparison {
  Universe universe;
  AnswerCoverage answers;
  std::vector<ThemeAgreement> themes;      // in the order of `themes`
  Confusion overall;                       // pooled over the themes with `pooled` (cells summed)
  std::size_t pooled_themes = 0;           // how many
  std::vector<Disagreement> disagreements; // theme by theme, then unit order
};

// Compares `a` (the coder under test) with `b` (the reference) on `themes` (codebook indices)
// over the universe of `unit`s of the selected answers both judged. A theme is present in a unit where the
// coder marked it or any of its descendants (Codebook::is_within). Marks outside the selected
// answers are ignored. The overall counts pool only the themes none of whose ancestors is in
// `themes`: a sub-theme's marks are already in its parent's cells, and pooling both would count
// one disagreement twice. Throws Error when `unit` is segment and a coding has no segments.
// The themes to compare by default: those the reference coding `reference` names (see
// Coding::themes), in codebook order.
std::vector<std::size_t> reference_themes(const Coding &reference);

Comparison compare(const corpus::Corpus &corpus, const codebook::Codebook &codebook, const Coding &a, const Coding &b,
                   const std::vector<bool> &answer_selected, const std::vector<std::size_t> &themes, Unit unit);

} // namespace supanalyze::agreement
