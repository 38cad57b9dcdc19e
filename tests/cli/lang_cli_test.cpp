// SPDX-License-Identifier: MIT
// --lang en prints corpus.yaml's English names (`en:`) of provinces, questions and instruments
// wherever a label is printed, and the id where there is none. tests/data/lang-en is three
// provinces of the bundled corpus with English names for two of them and for question q4.
#include "test_support.hpp"

#include <supanalyze/io.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

using supanalyze::testing::run_cli;
using supanalyze::testing::test_data;

namespace {

supanalyze::testing::CliResult run_ok(std::vector<std::string> args) {
  args.insert(args.begin() + 1, test_data("lang-en/corpus.tsv"));
  auto r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r;
}

bool has(const std::string &text, const std::string &what) { return text.find(what) != std::string::npos; }

} // namespace

TEST(LangEn, MatrixHeadsColumnsWithEnglishProvinceNames) {
  const auto en = run_ok({"matrix", "--lang", "en"});
  EXPECT_TRUE(has(en.out, "Nakhon Pathom")) << en.out;
  EXPECT_TRUE(has(en.out, "Kanchanaburi")) << en.out;
  EXPECT_TRUE(has(en.out, "ratchaburi")) << "no en: name, the id";
  EXPECT_TRUE(has(en.out, "Staffing and workload")) << en.out;
  EXPECT_FALSE(has(en.out, "นครปฐม"));
  const auto th = run_ok({"matrix", "--lang", "th"});
  EXPECT_TRUE(has(th.out, "นครปฐม")) << th.out;
  EXPECT_TRUE(has(th.out, "ราชบุรี")) << th.out;
  EXPECT_FALSE(has(th.out, "Nakhon Pathom"));

  const auto rows = run_ok({"matrix", "--rows", "province", "--cols", "theme", "--lang", "en", "--format", "json"});
  const auto doc = nlohmann::json::parse(rows.out);
  ASSERT_EQ(doc["row_items"].size(), 3U);
  EXPECT_EQ(doc["row_items"][0]["id"], "nakhonpathom");
  EXPECT_EQ(doc["row_items"][0]["label"], "Nakhon Pathom");
  EXPECT_EQ(doc["row_items"][2]["label"], "ratchaburi");
}

TEST(LangEn, FreqTitlesAreTheEnglishQuestions) {
  const auto en = run_ok({"freq", "--lang", "en"});
  EXPECT_TRUE(has(en.out, "centre1300 q4 · What are the problems or obstacles")) << en.out;
  EXPECT_TRUE(has(en.out, "centre1300 q5\n")) << "no en: text, the id alone: " << en.out;
  EXPECT_FALSE(has(en.out, "ท่านคิดว่าปัญหา"));
  const auto th = run_ok({"freq"});
  EXPECT_TRUE(has(th.out, "centre1300 q4 · ท่านคิดว่าปัญหาหรืออุปสรรค")) << th.out;
}

TEST(LangEn, CodeKwicAndUncodedLabelsFollowLang) {
  const auto code_en = run_ok({"code", "-t", "staffing", "--lang", "en"});
  const auto code_th = run_ok({"code", "-t", "staffing"});
  EXPECT_NE(code_en.out, code_th.out);
  EXPECT_TRUE(has(code_en.out, "\tStaffing and workload\n")) << code_en.out;
  EXPECT_TRUE(has(code_th.out, "\tอัตรากำลังและภาระงาน\n")) << code_th.out;

  const auto kwic = run_ok({"kwic", "-t", "staffing", "--lang", "en", "--format", "json"});
  const auto hits = nlohmann::json::parse(kwic.out)["hits"];
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0]["label"], "Staffing and workload");

  const auto uncoded_en = run_ok({"uncoded", "-t", "staffing", "--lang", "en"});
  EXPECT_TRUE(has(uncoded_en.out, "Nakhon Pathom")) << uncoded_en.out;
  EXPECT_TRUE(has(uncoded_en.out, "What are the problems or obstacles")) << uncoded_en.out;
  const auto uncoded_th = run_ok({"uncoded", "-t", "staffing"});
  EXPECT_TRUE(has(uncoded_th.out, "นครปฐม")) << uncoded_th.out;
}

TEST(LangEn, ReportNamesProvincesAndQuestionsInEnglish) {
  const auto path = supanalyze::testing::fresh_temp_dir("lang-en") / "report.md";
  run_ok({"report", "--lang", "en", "-o", path.string()});
  const auto md = supanalyze::testing::CliResult{0, supanalyze::read_file(path), ""};
  std::filesystem::remove(path);
  EXPECT_TRUE(has(md.out, "(3 of 3 provinces: Nakhon Pathom, Kanchanaburi and ratchaburi)")) << md.out;
  EXPECT_TRUE(has(md.out, "### Question 4: What are the problems or obstacles")) << md.out;
  EXPECT_TRUE(has(md.out, "| Nakhon Pathom | ")) << "the appendix table";
}
