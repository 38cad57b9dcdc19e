// SPDX-License-Identifier: MIT
#pragma once

#include <supanalyze/error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace supanalyze::codebook {

// A term as written in the codebook (normalized), with where it was written.
struct Term {
  std::string text;
  SourceLocation where;
  bool is_glob() const { return text.find('*') != std::string::npos; }
  bool operator==(const Term &) const = default;
};

enum class RuleKind { all_of, any_of, near };

// A combination of terms inside one segment: all_of (every slot present), any_of (any term),
// near (every slot present, at most `within` tokens between consecutive ones); never when a
// `not` term is present in the segment. A slot is one term or a list of alternatives
// (`near: [[เจ้าหน้าที่, บุคลากร], ไม่เพียงพอ]`): `terms` holds them all, `slot_of` says which
// slot each belongs to (empty: every term is its own slot).
struct Rule {
  RuleKind kind = RuleKind::all_of;
  std::vector<Term> terms;
  std::vector<std::uint32_t> slot_of;
  std::vector<Term> not_terms;
  int within = 0;
  SourceLocation where;

  // "near(เจ้าหน้าที่|บุคลากร,ไม่เพียงพอ;6)": how a coding by this rule names itself.
  std::string display() const;
  // The slot of terms[i], and the number of slots.
  std::uint32_t slot(std::size_t i) const { return slot_of.empty() ? static_cast<std::uint32_t>(i) : slot_of[i]; }
  std::uint32_t slot_count() const {
    return slot_of.empty() ? static_cast<std::uint32_t>(terms.size()) : (terms.empty() ? 0 : slot_of.back() + 1);
  }
  bool operator==(const Rule &) const = default;
};

struct Theme {
  std::string id;
  std::string label_th;
  std::string label_en;
  std::string description;
  std::string colour;
  std::string guid;                  // a REFI-QDA code's GUID kept on import (empty: derived)
  std::string parent_id;             // as written (parent:, or from a parent's children:)
  std::optional<std::size_t> parent; // index, resolved
  std::vector<Term> terms;
  std::vector<Term> patterns; // ICU regular expressions
  std::vector<Rule> rules;
  std::vector<Term> exclude;
  std::vector<std::string> examples_match;
  std::vector<std::string> examples_no_match;
  SourceLocation where;

  bool has_match_definition() const { return !terms.empty() || !patterns.empty() || !rules.empty(); }
  const std::string &label(bool english) const { return english ? label_en : label_th; }
  bool operator==(const Theme &) const = default;
};

struct Codebook {
  std::string id;
  std::string version;
  std::string title;
  std::string source; // file name, or "<default>" for the embedded codebook
  std::string text;   // the YAML it was read from (hashed into manifests)
  std::vector<Theme> themes;

  std::optional<std::size_t> index_of(std::string_view id) const;
  // `theme` and its ancestors, nearest first.
  std::vector<std::size_t> self_and_ancestors(std::size_t theme) const;
  // Whether `theme` is `ancestor` or below it.
  bool is_within(std::size_t theme, std::size_t ancestor) const;
  std::vector<std::size_t> children_of(std::size_t theme) const;
  bool operator==(const Codebook &) const = default;
};

} // namespace supanalyze::codebook
