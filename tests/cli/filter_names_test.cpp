// SPDX-License-Identifier: MIT
// Filters speak the user's words: the Thai names of corpus.yaml work as well as the ids.
#include "test_support.hpp"

#include <gtest/gtest.h>

using supanalyze::testing::run_cli;

namespace {

TEST(FilterNames, AThaiProvinceNameSelectsLikeItsId) {
  const auto by_id =
      run_cli({"freq", "-q", "centre1300/q4", "-p", "ratchaburi", "-p", "phetchaburi", "--format", "tsv"});
  const auto by_name = run_cli({"freq", "-q", "centre1300/q4", "-p", "ราชบุรี", "-p", "Phetchaburi", "--format", "tsv"});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.err;
  ASSERT_EQ(by_name.exit_code, 0) << by_name.err;
  EXPECT_EQ(by_name.out, by_id.out);
  EXPECT_NE(by_id.out.find("\t2\t"), std::string::npos) << by_id.out; // of 2 provinces
}

TEST(FilterNames, AThaiInstrumentNameAndAnIdInCapitals) {
  const auto by_id = run_cli({"matrix", "-i", "onehome", "--format", "csv"});
  const auto by_name = run_cli({"matrix", "-i", "บ้านหลังเดียว", "--format", "csv"});
  const auto by_caps = run_cli({"matrix", "-i", "ONEHOME", "--format", "csv"});
  const auto by_thai =
      run_cli({"matrix", "-i", "การขับเคลื่อนทีม พม. จังหวัด ภายใต้แนวคิดบ้านเดียวกัน (One Home)", "--format", "csv"});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.err;
  EXPECT_EQ(by_caps.out, by_id.out) << by_caps.err;
  EXPECT_EQ(by_thai.out, by_id.out) << by_thai.err;
  // บ้านหลังเดียว is not the instrument's Thai name: refused with the names in the hint.
  EXPECT_EQ(by_name.exit_code, 2);
  EXPECT_NE(by_name.err.find("unknown instrument 'บ้านหลังเดียว'"), std::string::npos) << by_name.err;
}

TEST(FilterNames, AnUnknownNameGetsDidYouMean) {
  const auto r = run_cli({"freq", "-p", "ราชบุร"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown province 'ราชบุร' (did you mean 'ราชบุรี'?)"), std::string::npos) << r.err;
}

} // namespace
