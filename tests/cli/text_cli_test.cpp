// SPDX-License-Identifier: MIT
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using supanalyze::testing::run_cli;

TEST(CliNormalize, RepairsStdin) {
  const auto r = run_cli({"normalize"}, "ข ้อม ูล\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "ข้อมูล\n");
}

TEST(CliTokenize, SeparatorJoinsEachLine) {
  const auto r = run_cli({"tokenize", "--sep", "|"}, "ข้อมูล TPmap\nงบประมาณ\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "ข้อมูล|TPmap\nงบประมาณ\n");
}

TEST(CliTokenize, TsvHasOffsetsIntoNormalizedText) {
  const auto r = run_cli({"tokenize", "--format", "tsv"}, "ข ้อม ูล TPmap");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "token\tkind\tstart\tend\nข้อมูล\tthai\t0\t18\nTPmap\tlatin\t19\t24\n");
}

TEST(CliTokenize, JsonCarriesSchema) {
  const auto r = run_cli({"tokenize", "--format", "json"}, "งบประมาณ");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\"schema\":\"supanalyze.tokens/1\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"token\":\"งบประมาณ\""), std::string::npos) << r.out;
}

TEST(CliErrors, InvalidUtf8NamesFileLineAndColumn) {
  const auto path = supanalyze::testing::fresh_temp_dir("bad-utf8") / "bad-utf8.txt";
  std::ofstream(path) << "บรรทัดแรก\nab\xff\n";
  const auto r = run_cli({"normalize", path.string(), "-o", (path.string() + ".out")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(path.string() + ":2:3:"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".out")) << "no output file on error";
}

TEST(CliErrors, UnknownOptionIsUsageError) {
  const auto r = run_cli({"tokenize", "--frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("supanalyze: error:"), std::string::npos);
}

TEST(CliHelp, SubcommandHelpShowsExamples) {
  const auto r = run_cli({"normalize", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos) << r.out;
}
