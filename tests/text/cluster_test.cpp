// SPDX-License-Identifier: MIT
#include <supanalyze/text/cluster.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace supanalyze::text;

namespace {

// Byte offsets of every code point of `s`, and its end.
std::vector<std::size_t> offsets(std::string_view s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size();) {
    out.push_back(i);
    decode_at(s, i);
  }
  out.push_back(s.size());
  return out;
}

// The cluster boundaries of a word of the seed report, as offsets of code points.
std::vector<std::size_t> boundaries(std::string_view s) {
  std::vector<std::size_t> out;
  const auto at = offsets(s);
  for (std::size_t k = 0; k < at.size(); ++k)
    if (is_cluster_boundary_at(s, at[k])) out.push_back(k);
  return out;
}

TEST(ClusterBoundaries, MarksFollowingAndLeadingVowelsStayInTheirCluster) {
  // เจ้าหน้าที่: เ-จ-้-า | ห | น-้-า | ท-ี-่ : after เ no boundary, before ้ and า none
  EXPECT_EQ(boundaries("เจ้าหน้าที่"), (std::vector<std::size_t>{0, 4, 5, 8, 11}));
  // การแพร่ระบาด: ก-า | ร | แ-พ | ร-่ | ร-ะ | บ-า | ด
  EXPECT_EQ(boundaries("การแพร่ระบาด"), (std::vector<std::size_t>{0, 2, 3, 5, 7, 9, 11, 12}));
  // ASCII: every position
  EXPECT_EQ(boundaries("ab"), (std::vector<std::size_t>{0, 1, 2}));
}

TEST(ClusterBoundaries, CodePointsAndBytesAgree) {
  const std::string s = "ผู้สูงอายุ 10 คนต่อผู้ดูแล 1 คน";
  const std::u32string u = U"ผู้สูงอายุ 10 คนต่อผู้ดูแล 1 คน";
  const auto at = offsets(s);
  ASSERT_EQ(at.size(), u.size() + 1);
  for (std::size_t k = 0; k < at.size(); ++k)
    EXPECT_EQ(is_cluster_boundary_at(s, at[k]), is_cluster_boundary_at(std::u32string_view(u), k)) << k;
}

} // namespace
