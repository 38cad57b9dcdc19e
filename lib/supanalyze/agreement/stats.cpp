// SPDX-License-Identifier: MIT
#include <supanalyze/agreement/stats.hpp>
#include <supanalyze/error.hpp>

#include <map>

namespace supanalyze::agreement {

namespace {

std::optional<double> ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  return num / den;
}

double d(std::uint64_t v) { return static_cast<double>(v); }

void require_same_length(const std::vector<int> &a, const std::vector<int> &b) {
  if (a.size() != b.size())
    throw Error("two codings of different lengths (" + std::to_string(a.size()) + " and " + std::to_string(b.size()) +
                " units)");
}

} // namespace

Confusion &Confusion::operator+=(const Confusion &other) {
  both += other.both;
  only_a += other.only_a;
  only_b += other.only_b;
  neither += other.neither;
  return *this;
}

void Confusion::add(bool a, bool b) {
  if (a && b)
    ++both;
  else if (a)
    ++only_a;
  else if (b)
    ++only_b;
  else
    ++neither;
}

std::optional<double> precision(const Confusion &c) { return ratio(d(c.both), d(c.both + c.only_a)); }

std::optional<double> recall(const Confusion &c) { return ratio(d(c.both), d(c.both + c.only_b)); }

std::optional<double> f1(const Confusion &c) { return ratio(2 * d(c.both), 2 * d(c.both) + d(c.only_a) + d(c.only_b)); }

std::optional<double> observed_agreement(const Confusion &c) { return ratio(d(c.both + c.neither), d(c.total())); }

std::optional<double> expected_agreement(const Confusion &c) {
  if (c.total() == 0) return std::nullopt;
  const double n = d(c.total());
  const double pa = d(c.both + c.only_a) / n;
  const double pb = d(c.both + c.only_b) / n;
  return pa * pb + (1 - pa) * (1 - pb);
}

std::optional<double> cohen_kappa(const Confusion &c) {
  // Computed from counts, (N·agree - S) / (N² - S) with S = Σ row·column marginals, so that a
  // perfect agreement is exactly 1 and undefined cases are detected without rounding.
  if (c.total() == 0) return std::nullopt;
  const double n = d(c.total());
  const double a_yes = d(c.both + c.only_a), a_no = n - a_yes;
  const double b_yes = d(c.both + c.only_b), b_no = n - b_yes;
  const double chance = a_yes * b_yes + a_no * b_no;
  return ratio(n * d(c.both + c.neither) - chance, n * n - chance);
}

std::optional<double> krippendorff_alpha(const Confusion &c) {
  const double n = 2 * d(c.total());
  const double disagree = d(c.only_a + c.only_b);
  const double n_yes = 2 * d(c.both) + disagree;
  const double n_no = 2 * d(c.neither) + disagree;
  if (n_yes == 0 || n_no == 0) return std::nullopt;
  return 1 - (n - 1) * disagree / (n_yes * n_no);
}

std::optional<double> cohen_kappa(const std::vector<int> &a, const std::vector<int> &b) {
  require_same_length(a, b);
  if (a.empty()) return std::nullopt;
  std::map<int, double> marg_a, marg_b;
  double agree = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    marg_a[a[i]] += 1;
    marg_b[b[i]] += 1;
    if (a[i] == b[i]) agree += 1;
  }
  const double n = d(a.size());
  double chance = 0;
  for (const auto &[category, count] : marg_a)
    if (auto it = marg_b.find(category); it != marg_b.end()) chance += count * it->second;
  return ratio(n * agree - chance, n * n - chance);
}

std::optional<double> krippendorff_alpha_nominal(const std::vector<int> &a, const std::vector<int> &b) {
  require_same_length(a, b);
  // Coincidence matrix: each unit with two values contributes the ordered pairs (a,b) and (b,a)
  // with weight 1/(m_u - 1) = 1. D_o and D_e then use the nominal metric (0 if equal, else 1).
  std::map<int, double> n_c;
  double mismatched = 0; // Σ_{c≠k} o_ck
  for (std::size_t i = 0; i < a.size(); ++i) {
    n_c[a[i]] += 1;
    n_c[b[i]] += 1;
    if (a[i] != b[i]) mismatched += 2;
  }
  const double n = 2 * d(a.size());
  double expected_mismatch = n * n; // Σ_{c≠k} n_c·n_k = n² - Σ n_c²
  for (const auto &[category, count] : n_c)
    expected_mismatch -= count * count;
  if (expected_mismatch == 0) return std::nullopt;
  return 1 - (n - 1) * mismatched / expected_mismatch;
}

} // namespace supanalyze::agreement
