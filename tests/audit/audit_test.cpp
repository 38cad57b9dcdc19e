// SPDX-License-Identifier: MIT
#include <supanalyze/audit/context.hpp>
#include <supanalyze/text/tokenizer.hpp>
#include <supanalyze/text/utf8.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

TEST(Context, CutsByDisplayWidthNeverInsideAThaiCluster) {
  // seed, table 4: Thai marks take no column, so 10 columns hold more bytes than 10 letters.
  const std::string text = "เจ้าหน้าที่มีภารกิจงานประจำค่อนข้างมาก";
  const std::size_t hit = text.find("ภารกิจ");
  const std::string left = supanalyze::audit::left_context(text, hit, 8);
  EXPECT_LE(supanalyze::text::display_width(left), 8u);
  EXPECT_EQ(text.substr(hit - left.size(), left.size()), left);
  const std::u32string cps = supanalyze::text::to_u32(left);
  EXPECT_FALSE(cps.front() >= 0x0E31 && (cps.front() == 0x0E31 || (cps.front() >= 0x0E34 && cps.front() <= 0x0E3A) ||
                                         (cps.front() >= 0x0E47 && cps.front() <= 0x0E4E)))
      << "context starts with an orphan mark: " << left;
  const std::string right = supanalyze::audit::right_context(text, hit + std::string("ภารกิจ").size(), 8);
  EXPECT_EQ(right, "งานประจำ");
}

TEST(Context, CutsBetweenWordsWhenGivenTheirBoundaries) {
  // centre1300/q4/ratchaburi/2: a cut by columns alone shows "ปสรรคต่อการเดินทาง" (of อุปสรรค).
  const std::string text = "ระยะห่างของสถานที่ตั้ง เป็นอุปสรรคต่อการเดินทาง ควรมีการสนับสนุนค่าพาหนะเดินทางเจ้าหน้าที่";
  const std::size_t hit = text.find("ค่าพาหนะ");
  const std::size_t hit_end = hit + std::string("ค่าพาหนะ").size();
  const std::size_t columns = 30; // the width of "ปสรรคต่อการเดินทาง ควรมีการสนับสนุน"
  const std::string by_cluster = supanalyze::audit::left_context(text, hit, columns);
  EXPECT_EQ(by_cluster, "ปสรรคต่อการเดินทาง ควรมีการสนับสนุน") << "the cut this test is about";
  const supanalyze::text::Tokenizer tokenizer;
  const auto boundaries = supanalyze::audit::word_boundaries(text, tokenizer);
  const std::string left = supanalyze::audit::left_context(text, hit, columns, boundaries);
  EXPECT_EQ(left, "ต่อการเดินทาง ควรมีการสนับสนุน");
  const std::string right = supanalyze::audit::right_context(text, hit_end, 10, boundaries);
  EXPECT_EQ(right, "เดินทาง") << "not เดินทางเจ้ (a cut by columns: "
                             << supanalyze::audit::right_context(text, hit_end, 10) << ")";
  // A word wider than the context still shows what fits, cut between clusters.
  EXPECT_EQ(supanalyze::audit::right_context(text, hit_end, 3, boundaries),
            supanalyze::audit::right_context(text, hit_end, 3));
}

TEST(Kwic, ContextNeverShowsPartOfAWord) {
  const auto r = run_cli({"kwic", "--term", "ค่าพาหนะ", "--question", "centre1300/q4", "--province", "ratchaburi",
                          "--context", "30", "--format", "tsv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\tต่อการเดินทาง ควรมีการสนับสนุน\tค่าพาหนะ\t"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("ปสรรค"), std::string::npos) << r.out;
}

TEST(Kwic, ThemeHitsAlignOnTheHit) {
  const auto r = run_cli({"kwic", "-t", "budget", "--question", "centre1300/q4", "--context", "20"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::size_t column = 0, rows = 0;
  while (std::getline(lines, line)) {
    const auto bracket = line.find(" [");
    if (bracket == std::string::npos) break;
    const auto width = supanalyze::text::display_width(line.substr(0, bracket));
    if (rows == 0) column = width;
    EXPECT_EQ(width, column) << line;
    ++rows;
  }
  EXPECT_GE(rows, 6u);
  EXPECT_NE(r.out.find("centre1300/q4/kanchanaburi/3"), std::string::npos) << r.out; // ไม่มีงบสนับสนุน
}

TEST(Kwic, TermSearchUsesTokenBoundaries) {
  const auto r = run_cli({"kwic", "--term", "งบประมาณ", "--format", "tsv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("segment\ttheme\tterm\tstart\tend\tleft\tmatch\tright\tin\tlabel\n", 0), 0u);
  EXPECT_NE(r.out.find("\tงบประมาณ\t"), std::string::npos);
  const auto none = run_cli({"kwic", "--term", "งบ", "--question", "centre1300/q1"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_NE(none.out.find("0 hits"), std::string::npos) << none.out;
}

TEST(Kwic, NeedsAThemeOrATerm) { EXPECT_EQ(run_cli({"kwic"}).exit_code, 2); }

TEST(CodebookTest, DefaultCodebookExamplesPass) {
  const auto r = run_cli({"codebook", "test"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find(" 0 failed"), std::string::npos) << r.out;
}

TEST(CodebookTest, FailingExampleExitsOne) {
  const fs::path file = supanalyze::testing::fresh_temp_dir("examples") / "examples.yaml";
  std::ofstream(file, std::ios::trunc)
      << "id: t\nversion: \"1\"\nthemes:\n  - id: budget\n    label: {th: งบ, en: Budget}\n"
         "    description: money\n    terms: [งบประมาณ]\n    examples:\n"
         "      match: [ขาดงบประมาณ, ขาดค่าตอบแทน]\n      no_match: [ไม่มี]\n";
  const auto r = run_cli({"codebook", "test", "-c", file.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("FAIL themes.budget: should match: ขาดค่าตอบแทน"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 passed, 1 failed"), std::string::npos) << r.out;
}

TEST(CodebookShow, PrintsTheTreeWithCounts) {
  const auto r = run_cli({"codebook", "show", "--lang", "en"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("  resources  Resources  (0 terms)\n    staffing  Staffing"), std::string::npos) << r.out;
}

// A codebook with one planted defect of each kind lint knows.
TEST(CodebookLint, FindsAPlantedDefectOfEachKind) {
  const fs::path dir = supanalyze::testing::fresh_temp_dir("lint");
  const fs::path file = dir / "lint.yaml";
  std::ofstream(file, std::ios::trunc) << R"(id: planted
version: "1"
themes:
  - id: budget
    label: {th: งบ, en: Budget}
    description: money
    terms: [งบประมาณ, ั้งบ, เวร, การ]
    rules:
      - all_of: [ค่าตอบแทน, เพิ่ม]
        not: [ค่าตอบ]
  - id: money
    label: {th: เงิน, en: Money}
    description: money again
    terms: [งบประมาณ, คำที่ไม่มีในคลัง]
  - id: silent
    label: {th: เงียบ, en: Silent}
    description: never found
    terms: [ดาวอังคาร]
  - id: joint
    label: {th: ร่วม, en: Joint}
    description: the shorter term only ever occurs inside the longer one
    terms: [หน่วยร่วมดำเนินการ, หน่วยร่วมดำเนิน]
)";
  const auto r = run_cli({"codebook", "lint", "-c", file.string(), "--fail-on", "warning"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  for (const char *kind :
       {"[unmatchable-term] themes.budget: term 'ั้งบ'", "[duplicate-term] themes.money: term 'งบประมาณ'",
        "[unreachable-rule] themes.budget: rule all_of(ค่าตอบแทน,เพิ่ม;not ค่าตอบ)", "[theme-no-match] themes.silent",
        "[term-no-match] themes.money: term 'คำที่ไม่มีในคลัง'", "[broad-term] themes.budget: term 'การ'",
        "[short-term] themes.budget: term 'เวร'",
        "[term-covered] themes.joint: term 'หน่วยร่วมดำเนิน' matches in corpus ssw3-2564 but is always "
        "covered by 'หน่วยร่วมดำเนินการ'"})
    EXPECT_NE(r.out.find(kind), std::string::npos) << kind << "\n" << r.out;
  EXPECT_NE(r.out.find(file.string() + ":7:"), std::string::npos) << "findings point at the term's line";
  const auto invalid = dir / "lint-bad.yaml";
  std::ofstream(invalid, std::ios::trunc) << "id: bad\nversion: \"1\"\nthemes:\n  - id: a\n    label: {th: ก, en: A}\n"
                                             "    description: d\n    patterns: ['(งบ']\n";
  const auto bad = run_cli({"codebook", "lint", "-c", invalid.string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("[invalid] themes.a.patterns[0]: invalid regular expression"), std::string::npos) << bad.out;
}

// Issue 13: a term a pattern of its theme always takes was reported as coding nothing, though
// kwic --term finds it. Every อพม of the bundled corpus is written อพม., so /อพม\./ takes it.
TEST(CodebookLint, ATermAPatternAlwaysTakesIsCoveredNotSilent) {
  const auto r = run_cli({"codebook", "lint", "-c", supanalyze::testing::test_data("lint-covered-by-pattern.yaml")});
  EXPECT_NE(r.out.find(":10:13: note: [term-covered] themes.volunteers: term 'อพม' matches in corpus ssw3-2564 but "
                       "is always covered by '/อพม\\./' of the same theme"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("term-no-match"), std::string::npos) << r.out;
  const auto hits = run_cli({"kwic", "--term", "อพม", "--format", "tsv"});
  EXPECT_GT(std::count(hits.out.begin(), hits.out.end(), '\n'), 10) << "the term does occur";
}

TEST(CodebookLint, DefaultCodebookHasNoErrors) {
  const auto r = run_cli({"codebook", "lint"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("msdhs-2564 2.3: 0 errors"), std::string::npos) << r.out;
}

} // namespace
