// SPDX-License-Identifier: MIT
#pragma once
// Keyness and collocation statistics, computed as quanteda.textstats computes them
// (textstat_keyness, textstat_collocations), so figures can be checked against R.
//
// Keyness compares a feature's count in a target with its count in the reference (the rest of
// the corpus) through the 2x2 table
//
//               target   reference
//   feature       a          b
//   other         c          d          c = target total - a, d = reference total - b
//
// Both statistics are signed: positive where the target uses the feature more than expected
// (a > E = (a+b)(a+c)/N), negative otherwise (also where a == E, as quanteda does).

#include <array>
#include <cstdint>

namespace supanalyze::terms {

// The 2x2 table of one feature: counts in target and reference, and the two totals.
struct KeynessCounts {
  double target = 0;          // a
  double reference = 0;       // b
  double target_total = 0;    // a + c
  double reference_total = 0; // b + d
};

// Likelihood-ratio G² = 2 Σ O ln(O/E) over the four cells (a cell of 0 adds 0), divided by
// Williams' correction q = 1 + (N/(a+b) + N/(c+d) - 1)(N/(a+c) + N/(b+d) - 1) / 6N (q = 1 when a
// cell is 0), signed: quanteda's textstat_keyness(measure = "lr", correction = "williams").
// With `williams` false: correction = "none".
double keyness_g2(const KeynessCounts &counts, bool williams = true);

// Pearson chi² N (|ad - bc| - N δ)² / ((a+b)(c+d)(a+c)(b+d)), signed, with Yates' δ = 0.5 where
// |ad - bc| ≥ N/2 and an expected cell is below 5 (δ = 0 otherwise, and always with `yates`
// false): quanteda's textstat_keyness(measure = "chi2", correction = "default").
double keyness_chi2(const KeynessCounts &counts, bool yates = true);

// Upper tail of the chi² distribution with one degree of freedom at |statistic|:
// 1 - pchisq(|statistic|, 1) = erfc(sqrt(|statistic| / 2)).
double chi2_p_value(double statistic);

// A collocation's 2^K table: `cells[bits]` counts the K-token sequences that agree with the
// collocation exactly at the positions whose bits are set (bit k: position k), `cells[2^K-1]`
// being the collocation itself; smoothing is added by collocation_score.
struct CollocationScore {
  double lambda = 0; // the K-way interaction of the saturated log-linear model
  double sigma = 0;  // its asymptotic standard error
  double z = 0;      // lambda / sigma, the Wald statistic
};

// λ = Σ_bits (-1)^(K - |bits|) ln(n_bits + smoothing), σ = sqrt(Σ 1/(n_bits + smoothing)),
// z = λ/σ, as textstat_collocations (method "lambda", Blaheta & Johnson 2001) computes them.
// `size` (K) is 2 or 3; `cells` holds 2^K counts.
CollocationScore collocation_score(const std::array<double, 8> &cells, unsigned size, double smoothing = 0.5);

} // namespace supanalyze::terms
