// SPDX-License-Identifier: MIT
#pragma once
// Compares two results (diff/counts.hpp): which provinces appear or disappear under each
// question and theme, how counts moved, and how the two results differ in shape (a province,
// question or theme only in one, a renamed question, another unit or codebook). Differences in
// shape are reported, never thrown.

#include <supanalyze/diff/counts.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace supanalyze::diff {

struct CompareOptions {
  // A count change is reported when its absolute change (of the whole count, or of one
  // province's part) is at least this.
  std::uint64_t threshold = 1;
  // Counts only over the provinces that answered the question on both sides (needs results
  // whose counts are sums over provinces: corpora).
  bool common = false;
};

// A difference in shape. `old_value`/`new_value` are empty on the side where the thing is absent.
struct ShapeChange {
  std::string table; // file name in a run-folder comparison, else ""
  std::string what;  // kind, layout, unit, codebook, filters, province, instrument, question,
                     // question text, answer, denominator, theme, table
  std::string id;
  std::string old_value;
  std::string new_value;
};

struct MemberChange {
  std::string id;
  std::uint64_t old_count = 0;
  std::uint64_t new_count = 0;
};

// A count that moved under one question and theme.
struct GroupChange {
  std::string table;
  std::string question;
  std::string theme;
  std::string label; // the theme's label
  std::uint64_t old_count = 0;
  std::uint64_t new_count = 0;
  std::vector<std::string> appeared;    // provinces counted only in the new result
  std::vector<std::string> disappeared; // provinces counted only in the old result
  std::vector<MemberChange> moved;      // provinces counted in both, with another count

  std::int64_t change() const { return static_cast<std::int64_t>(new_count) - static_cast<std::int64_t>(old_count); }
};

struct Report {
  std::vector<ShapeChange> shape;
  std::vector<GroupChange> changes;
  std::vector<std::string> notes;  // informational, never a change (e.g. a corpus hash that moved)
  std::size_t compared = 0;        // question x theme counts compared
  std::size_t below_threshold = 0; // counts that moved by less than the threshold

  // Whether anything changed: a shape difference or a count change at the threshold.
  bool changed() const { return !shape.empty() || !changes.empty(); }
  // Adds `other`'s findings (a run folder compares many tables into one report).
  void append(const Report &other);
};

// Compares `before` with `after`; `table` labels every finding (a file name, or "").
// Throws Error only for `options.common` with results that do not allow it.
Report compare(const Counts &before, const Counts &after, const CompareOptions &options, const std::string &table = "");

// `first` with the items only in `second` inserted, each after its predecessor in `second`
// and after the items of `first` only that follow it with the same "instrument/" prefix, so a
// new question comes at the end of its instrument and a new province where the new result
// puts it.
std::vector<std::string> merge_order(const std::vector<std::string> &first, const std::vector<std::string> &second);

} // namespace supanalyze::diff
