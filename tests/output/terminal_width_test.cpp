// SPDX-License-Identifier: MIT
// Terminal tables fitted to a width: labels shortened with "…" between characters that take a
// column (a Thai mark stays with its letter), a wide matrix split into column groups that
// repeat the row labels, and one line saying how to see it whole (--width 0, a file, a pipe).
#include "test_support.hpp"

#include <supanalyze/output/table.hpp>
#include <supanalyze/text/utf8.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

using supanalyze::output::shorten;
using supanalyze::testing::run_cli;
using supanalyze::text::display_width;

namespace {

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

} // namespace

TEST(Shorten, CutsAtADisplayColumnKeepingThaiMarksWithTheirLetters) {
  const std::string here = "ที่นี่ที่นั่น"; // five letters, each with its marks: five columns
  ASSERT_EQ(display_width(here), 5U);
  EXPECT_EQ(shorten(here, 5), here);
  EXPECT_EQ(shorten(here, 3), "ที่นี่…");
  EXPECT_EQ(display_width(shorten(here, 3)), 3U);
  EXPECT_EQ(shorten("staffing and workload", 9), "staffing…"); // no space before the ellipsis
  EXPECT_EQ(shorten("abc", 0), "");
}

TEST(TerminalWidth, WideMatrixIsSplitIntoColumnGroupsThatFit) {
  const auto whole = run_cli({"matrix", "--rows", "province", "--cols", "theme"});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  std::size_t widest = 0;
  for (const auto &line : lines_of(whole.out))
    widest = std::max(widest, display_width(line));
  ASSERT_GT(widest, 300U) << "a pipe (the tests' output) keeps the table whole";
  EXPECT_EQ(whole.out.find("--width 0"), std::string::npos);
  EXPECT_EQ(run_cli({"matrix", "--rows", "province", "--cols", "theme", "--width", "0"}).out, whole.out);

  const auto fitted = run_cli({"matrix", "--rows", "province", "--cols", "theme", "--width", "100"});
  ASSERT_EQ(fitted.exit_code, 0) << fitted.err;
  const auto lines = lines_of(fitted.out);
  std::size_t headers = 0, ratchaburi = 0;
  for (const auto &line : lines) {
    if (line.rfind("Totals count", 0) == 0) continue; // notes: prose, whole
    EXPECT_LE(display_width(line), 100U) << line;
    headers += line.rfind("province ", 0) == 0 ? 1 : 0;
    ratchaburi += line.rfind("ratchaburi ", 0) == 0 ? 1 : 0;
  }
  EXPECT_GT(headers, 2U) << fitted.out;
  EXPECT_EQ(ratchaburi, headers) << "every group repeats the row labels";
  EXPECT_NE(fitted.out.find("  อัตรากำลัง"), std::string::npos) << "every column is in some group (staffing)";
  EXPECT_NE(fitted.out.find("total"), std::string::npos);
  EXPECT_EQ(lines.back(), "(fitted to 100 columns: --width 0 shows it whole)");
}

TEST(TerminalWidth, LongTitlesAndLabelsAreShortened) {
  const auto r = run_cli({"freq", "-q", "centre1300/q1", "--width", "60"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(display_width(lines[0]), 60U) << lines[0];
  EXPECT_EQ(lines[0].rfind("centre1300 q1 · ท่านคิดว่าขอบข่ายงาน", 0), 0U) << lines[0];
  EXPECT_EQ(lines[0].substr(lines[0].size() - 3), "…");
  bool label_cut = false;
  for (std::size_t i = 1; i < lines.size() && !lines[i].empty(); ++i) { // the table, up to its notes
    EXPECT_LE(display_width(lines[i]), 60U) << lines[i];
    label_cut = label_cut || lines[i].find("…") != std::string::npos;
  }
  EXPECT_TRUE(label_cut) << r.out;
  // The same table written to a file keeps everything.
  EXPECT_EQ(run_cli({"freq", "-q", "centre1300/q1"}).out.find("…"), std::string::npos);
  EXPECT_NE(r.out.find("\n(fitted to 60 columns: --width 0 shows it whole)\n"), std::string::npos);
}
