// SPDX-License-Identifier: MIT
#pragma once
// Agreement statistics for two coders who each say yes or no to a theme in every unit.
//
// Coder A is the coder under test (usually the tool) and coder B the reference (usually a
// person), so precision and recall take B as the truth. Kappa and alpha are symmetric in A
// and B. A statistic whose denominator is zero is undefined and comes back empty (e.g. kappa
// when both coders said no everywhere: they agree perfectly, but chance explains all of it).

#include <cstdint>
#include <optional>
#include <vector>

namespace supanalyze::agreement {

// The 2x2 table of two binary codings over the same units.
struct Confusion {
  std::uint64_t both = 0;    // A yes, B yes
  std::uint64_t only_a = 0;  // A yes, B no (A's false positives when B is the reference)
  std::uint64_t only_b = 0;  // A no, B yes (A's misses)
  std::uint64_t neither = 0; // A no, B no

  std::uint64_t total() const { return both + only_a + only_b + neither; }
  // Adds `other` cell by cell (pooling over themes).
  Confusion &operator+=(const Confusion &other);
  // Counts one unit where A said `a` and B said `b`.
  void add(bool a, bool b);
};

// both / (both + only_a): the share of A's yeses that B shares.
std::optional<double> precision(const Confusion &c);
// both / (both + only_b): the share of B's yeses that A finds.
std::optional<double> recall(const Confusion &c);
// 2·both / (2·both + only_a + only_b), the harmonic mean of precision and recall.
std::optional<double> f1(const Confusion &c);
// p_o = (both + neither) / total.
std::optional<double> observed_agreement(const Confusion &c);
// p_e of Cohen: the agreement expected from each coder's own yes rate,
// p_A·p_B + (1 - p_A)·(1 - p_B).
std::optional<double> expected_agreement(const Confusion &c);
// Cohen's kappa, (p_o - p_e) / (1 - p_e); empty when p_e = 1.
std::optional<double> cohen_kappa(const Confusion &c);
// Krippendorff's alpha for nominal data, two coders, no missing values:
// 1 - (n - 1)·(only_a + only_b) / (n_yes · n_no), with n = 2·total pairable values and n_yes,
// n_no the values of each category over both coders; empty when only one category occurs.
std::optional<double> krippendorff_alpha(const Confusion &c);

// Cohen's kappa for two coders' nominal values (any category codes) over the same units;
// throws Error when the lengths differ.
std::optional<double> cohen_kappa(const std::vector<int> &a, const std::vector<int> &b);
// Krippendorff's alpha for nominal data from two coders' values (any category codes) over the
// same units, built from the coincidence matrix; throws Error when the lengths differ.
std::optional<double> krippendorff_alpha_nominal(const std::vector<int> &a, const std::vector<int> &b);

} // namespace supanalyze::agreement
