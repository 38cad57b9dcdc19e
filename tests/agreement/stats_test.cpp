// SPDX-License-Identifier: MIT
// The agreement statistics against worked examples from the literature.
#include <supanalyze/agreement/stats.hpp>
#include <supanalyze/error.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace supanalyze::agreement;

namespace {

// Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals read by readers A and
// B; both said yes to 20, A yes and B no to 5, A no and B yes to 10, both no to 15. There
// p_o = (20 + 15) / 50 = 0.7, p_yes = 0.5 · 0.6 = 0.3, p_no = 0.5 · 0.4 = 0.2, p_e = 0.5 and
// kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
const Confusion k_wikipedia{20, 5, 10, 15};

// Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", section A, binary data,
// two observers, no missing data: ten units coded 0/1 by two observers. The coincidence matrix
// has o_00 = 10, o_01 = o_10 = 4, o_11 = 2 (n_0 = 14, n_1 = 6, n = 20), and
// alpha = 1 - (n - 1) · o_01 / (n_0 · n_1) = 1 - 19 · 4 / 84 = 0.095.
const std::vector<int> k_kripp_a{0, 1, 0, 0, 0, 0, 0, 0, 1, 0};
const std::vector<int> k_kripp_b{1, 1, 1, 0, 0, 1, 0, 0, 0, 0};

Confusion confusion_of(const std::vector<int> &a, const std::vector<int> &b) {
  Confusion c;
  for (std::size_t i = 0; i < a.size(); ++i)
    c.add(a[i] == 1, b[i] == 1);
  return c;
}

} // namespace

TEST(AgreementStats, CohenKappaWikipediaExample) {
  EXPECT_EQ(k_wikipedia.total(), 50u);
  EXPECT_NEAR(*observed_agreement(k_wikipedia), 0.7, 1e-12);
  EXPECT_NEAR(*expected_agreement(k_wikipedia), 0.5, 1e-12);
  EXPECT_NEAR(*cohen_kappa(k_wikipedia), 0.4, 1e-12);
}

TEST(AgreementStats, CohenKappaOfValuesMatchesTheTable) {
  std::vector<int> a, b;
  auto add = [&](int n, int x, int y) {
    for (int i = 0; i < n; ++i) {
      a.push_back(x);
      b.push_back(y);
    }
  };
  add(20, 1, 1);
  add(5, 1, 0);
  add(10, 0, 1);
  add(15, 0, 0);
  EXPECT_NEAR(*cohen_kappa(a, b), 0.4, 1e-12);
}

TEST(AgreementStats, PrecisionRecallF1TakeBAsReference) {
  // Of A's 25 yeses, 20 are B's: precision 0.8; of B's 30 yeses A finds 20: recall 2/3;
  // F1 = 2 · 0.8 · (2/3) / (0.8 + 2/3) = 40/55.
  EXPECT_NEAR(*precision(k_wikipedia), 0.8, 1e-12);
  EXPECT_NEAR(*recall(k_wikipedia), 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(*f1(k_wikipedia), 40.0 / 55.0, 1e-12);
  const Confusion swapped{20, 10, 5, 15};
  EXPECT_NEAR(*precision(swapped), 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(*cohen_kappa(swapped), 0.4, 1e-12) << "kappa is symmetric";
}

TEST(AgreementStats, KrippendorffAlphaWorkedBinaryExample) {
  const auto alpha = krippendorff_alpha_nominal(k_kripp_a, k_kripp_b);
  ASSERT_TRUE(alpha);
  EXPECT_NEAR(*alpha, 1.0 - 76.0 / 84.0, 1e-12);
  EXPECT_EQ(std::round(*alpha * 1000) / 1000, 0.095);
  const Confusion c = confusion_of(k_kripp_a, k_kripp_b);
  EXPECT_EQ(c.both, 1u);
  EXPECT_EQ(c.only_a, 1u);
  EXPECT_EQ(c.only_b, 3u);
  EXPECT_EQ(c.neither, 5u);
  EXPECT_NEAR(*krippendorff_alpha(c), *alpha, 1e-12);
  // Cohen's kappa on the same data: p_o = 0.6, p_e = 0.2 · 0.4 + 0.8 · 0.6 = 0.56.
  EXPECT_NEAR(*cohen_kappa(c), (0.6 - 0.56) / (1 - 0.56), 1e-12);
}

TEST(AgreementStats, KrippendorffAlphaNominalWithThreeCategories) {
  // Computed by hand from the coincidence matrix: units (a,a) (a,b) (b,b) (c,c) (c,a) with
  // a=0, b=1, c=2: n = 10, n_a = 4, n_b = 3, n_c = 3, mismatching pairs Σ o_ck = 4,
  // Σ n_c n_k = 100 - 16 - 9 - 9 = 66, alpha = 1 - 9 · 4 / 66.
  EXPECT_NEAR(*krippendorff_alpha_nominal({0, 0, 1, 2, 2}, {0, 1, 1, 2, 0}), 1.0 - 36.0 / 66.0, 1e-12);
}

TEST(AgreementStats, PerfectAgreementIsOne) {
  const Confusion c{3, 0, 0, 7};
  EXPECT_EQ(*cohen_kappa(c), 1.0);
  EXPECT_EQ(*krippendorff_alpha(c), 1.0);
  EXPECT_EQ(*f1(c), 1.0);
}

TEST(AgreementStats, UndefinedWhenNobodySaysYes) {
  const Confusion c{0, 0, 0, 24};
  EXPECT_EQ(*observed_agreement(c), 1.0);
  EXPECT_FALSE(precision(c));
  EXPECT_FALSE(recall(c));
  EXPECT_FALSE(f1(c));
  EXPECT_FALSE(cohen_kappa(c)) << "chance explains all of it: 0/0";
  EXPECT_FALSE(krippendorff_alpha(c));
  EXPECT_FALSE(observed_agreement(Confusion{}));
}

TEST(AgreementStats, PoolingAddsCells) {
  Confusion all = k_wikipedia;
  all += Confusion{1, 2, 3, 4};
  EXPECT_EQ(all.both, 21u);
  EXPECT_EQ(all.only_a, 7u);
  EXPECT_EQ(all.only_b, 13u);
  EXPECT_EQ(all.neither, 19u);
}

TEST(AgreementStats, DifferentLengthsAreAnError) {
  EXPECT_THROW(krippendorff_alpha_nominal({0, 1}, {0}), supanalyze::Error);
  EXPECT_THROW(cohen_kappa(std::vector<int>{0, 1}, std::vector<int>{0}), supanalyze::Error);
}
