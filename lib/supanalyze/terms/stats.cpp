// SPDX-License-Identifier: MIT
#include "stats.hpp"

#include <bit>
#include <cmath>

namespace supanalyze::terms {

namespace {

struct Table {
  double a, b, c, d, n, expected;
};

Table table_of(const KeynessCounts &k) {
  Table t{k.target, k.reference, k.target_total - k.target, k.reference_total - k.reference, 0, 0};
  t.n = t.a + t.b + t.c + t.d;
  t.expected = t.n > 0 ? (t.a + t.b) * (t.a + t.c) / t.n : 0;
  return t;
}

double sign_of(const Table &t) { return t.a > t.expected ? 1.0 : -1.0; }

// O ln(O/E), 0 for an empty cell (its limit).
double cell_term(double observed, double expected) {
  return observed > 0 ? observed * std::log(observed / expected) : 0.0;
}

} // namespace

double keyness_g2(const KeynessCounts &counts, bool williams) {
  const Table t = table_of(counts);
  if (t.n <= 0) return 0;
  const double row1 = t.a + t.b, row2 = t.c + t.d, col1 = t.a + t.c, col2 = t.b + t.d;
  double g2 = 2 * (cell_term(t.a, row1 * col1 / t.n) + cell_term(t.b, row1 * col2 / t.n) +
                   cell_term(t.c, row2 * col1 / t.n) + cell_term(t.d, row2 * col2 / t.n));
  if (williams && t.a * t.b * t.c * t.d != 0)
    g2 /= 1.0 + (t.n / row1 + t.n / row2 - 1.0) * (t.n / col1 + t.n / col2 - 1.0) / (6.0 * t.n);
  return g2 * sign_of(t);
}

double keyness_chi2(const KeynessCounts &counts, bool yates) {
  const Table t = table_of(counts);
  const double row1 = t.a + t.b, row2 = t.c + t.d, col1 = t.a + t.c, col2 = t.b + t.d;
  const double denominator = row1 * row2 * col1 * col2;
  if (denominator == 0) return 0;
  const double cross = std::abs(t.a * t.d - t.b * t.c);
  double delta = 0;
  if (yates && cross >= t.n / 2 &&
      (row1 * col1 / t.n < 5 || row1 * col2 / t.n < 5 || row2 * col1 / t.n < 5 || row2 * col2 / t.n < 5))
    delta = 0.5;
  const double corrected = cross - t.n * delta;
  return t.n * corrected * corrected / denominator * sign_of(t);
}

double chi2_p_value(double statistic) { return std::erfc(std::sqrt(std::abs(statistic) / 2.0)); }

CollocationScore collocation_score(const std::array<double, 8> &cells, unsigned size, double smoothing) {
  CollocationScore s;
  double inverse_sum = 0;
  const unsigned m = 1u << size;
  for (unsigned bits = 0; bits < m; ++bits) {
    const double n = cells[bits] + smoothing;
    const unsigned matching = static_cast<unsigned>(std::popcount(bits));
    s.lambda += ((size - matching) % 2 == 0 ? 1.0 : -1.0) * std::log(n);
    inverse_sum += 1.0 / n;
  }
  s.sigma = std::sqrt(inverse_sum);
  s.z = s.lambda / s.sigma;
  return s;
}

} // namespace supanalyze::terms
