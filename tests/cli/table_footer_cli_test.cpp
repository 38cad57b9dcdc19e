// SPDX-License-Identifier: MIT
// freq and matrix on the bundled corpus: the uncoded residue in their footers (issue 16), and
// a theme's share of mentions that a theme filter does not change (issue 13).
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

using supanalyze::testing::run_cli;

namespace {

std::size_t lines_of(const std::string &text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// The staffing row of `freq --format json` for one question.
nlohmann::json staffing_row(const std::vector<std::string> &extra) {
  std::vector<std::string> args{"freq", "--unit", "mentions", "-q", "centre1300/q4", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  for (const auto &row : doc["questions"][0]["themes"])
    if (row["theme"] == "staffing") return row;
  ADD_FAILURE() << "no staffing row in " << r.out;
  return {};
}

} // namespace

// A theme filter selects rows; it does not change what a theme's mentions are a share of.
TEST(FreqMentions, ShareDoesNotDependOnTheThemeFilter) {
  const auto all = staffing_row({});
  const auto only = staffing_row({"-t", "staffing"});
  EXPECT_EQ(all["count"], only["count"]);
  EXPECT_GT(all["count"].get<int>(), 0);
  EXPECT_DOUBLE_EQ(all["share"].get<double>(), only["share"].get<double>());
  EXPECT_LT(only["share"].get<double>(), 1.0); // other themes are mentioned under q4 too
}

// The footer's count is the number of segments `supanalyze uncoded` lists, for the whole corpus
// and for a filtered selection.
TEST(TableFooter, UncodedResidueMatchesTheUncodedCommand) {
  for (const std::vector<std::string> &filters :
       {std::vector<std::string>{}, std::vector<std::string>{"-q", "centre1300/q4"},
        std::vector<std::string>{"-t", "staffing", "-p", "ratchaburi"}}) {
    std::vector<std::string> uncoded_args{"uncoded", "--format", "tsv"};
    uncoded_args.insert(uncoded_args.end(), filters.begin(), filters.end());
    const auto uncoded = run_cli(uncoded_args);
    ASSERT_EQ(uncoded.exit_code, 0) << uncoded.err;
    const std::size_t residue = lines_of(uncoded.out) - 1; // the header

    for (const std::string command : {"freq", "matrix"}) {
      std::vector<std::string> args{command, "--format", "json"};
      args.insert(args.end(), filters.begin(), filters.end());
      const auto r = run_cli(args);
      ASSERT_EQ(r.exit_code, 0) << r.err;
      const auto doc = nlohmann::json::parse(r.out);
      EXPECT_EQ(doc["uncoded"]["segments"].get<std::size_t>(), residue) << command;
      EXPECT_GT(doc["uncoded"]["of"].get<std::size_t>(), residue) << command;

      args[2] = "table";
      const auto table = run_cli(args);
      ASSERT_EQ(table.exit_code, 0) << table.err;
      const std::string needle = "segments (" + std::to_string(residue) + " of " +
                                 std::to_string(doc["uncoded"]["of"].get<std::size_t>()) + ") carry no theme";
      EXPECT_NE(table.out.find(needle), std::string::npos) << command << ":\n" << table.out;
    }
  }
}

// CSV and TSV keep their rows: the footer is not a row there.
TEST(TableFooter, NotARowOfDelimitedOutput) {
  for (const std::string command : {"freq", "matrix"}) {
    const auto r = run_cli({command, "--format", "csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("carry no theme"), std::string::npos) << command;
  }
}
