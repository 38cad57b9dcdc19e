// SPDX-License-Identifier: MIT
// uncoded and terms on the bundled corpus: the residue is exactly what `code` leaves uncoded,
// keyness and suggestions rank real terms, bad targets and numbers are usage errors, and every
// result is the same bytes streamed from a table at any thread count.
#include "test_support.hpp"

#include <supanalyze/io.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

using supanalyze::testing::bundled_corpus;
using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

std::vector<std::vector<std::string>> tsv_rows(const std::string &text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      fields.push_back(line.substr(start, tab - start));
    fields.push_back(line.substr(start));
    rows.push_back(std::move(fields));
  }
  return rows;
}

using SegmentKey =
    std::tuple<std::string, std::string, std::string, std::string>; // instrument question province segment

} // namespace

// The done-when of issue 16: `uncoded --format tsv` lists exactly the segments that no row of
// `code` names, with their text and label as the corpus has them.
TEST(Uncoded, ListsExactlyTheSegmentsCodeLeavesUncoded) {
  const auto code = run_cli({"code", "--format", "tsv"});
  ASSERT_EQ(code.exit_code, 0) << code.err;
  std::set<SegmentKey> coded;
  for (const auto &r : tsv_rows(code.out))
    coded.insert({r[2], r[3], r[4], r[5]});
  const auto all =
      run_cli({"corpus", "export", "--format", "tsv"}); // corpus year instrument question province segment text label
  ASSERT_EQ(all.exit_code, 0) << all.err;
  std::vector<std::vector<std::string>> expected; // year instrument question province segment label text
  for (const auto &r : tsv_rows(all.out))
    if (r[0] != "corpus" && !coded.count({r[2], r[3], r[4], r[5]}))
      expected.push_back({r[0], r[1], r[2], r[3], r[4], r[5], r[7], r[6]});
  const auto uncoded = run_cli({"uncoded", "--format", "tsv"});
  ASSERT_EQ(uncoded.exit_code, 0) << uncoded.err;
  auto rows = tsv_rows(uncoded.out);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front(), (std::vector<std::string>{"corpus", "year", "instrument", "question", "province", "segment",
                                                    "label", "text"}));
  rows.erase(rows.begin());
  EXPECT_GT(rows.size(), 100u);         // the default codebook leaves a residue worth reading
  EXPECT_LT(rows.size(), coded.size()); // and codes most segments
  EXPECT_EQ(rows, expected);
}

TEST(Uncoded, ThemeFilterMeansNoneOfThoseThemes) {
  const auto code = run_cli({"code", "--theme", "staffing", "--format", "tsv"});
  std::set<SegmentKey> staffing;
  for (const auto &r : tsv_rows(code.out))
    staffing.insert({r[2], r[3], r[4], r[5]});
  const auto r = run_cli({"uncoded", "--theme", "staffing", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["schema"], "supanalyze.uncoded/2");
  const std::uint64_t total = doc["segments"], uncoded = doc["uncoded"];
  EXPECT_EQ(total, 992u);
  EXPECT_EQ(uncoded, total - (staffing.size() - 1)); // the header row is in the set too
  std::uint64_t listed = 0;
  for (const auto &q : doc["questions"])
    listed += q["rows"].size();
  EXPECT_EQ(listed, uncoded);
}

TEST(Uncoded, TableGivesTheResidueSize) {
  const auto r = run_cli({"uncoded", "--question", "centre1300/q1", "--lang", "en"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ครอบคลุม ครบถ้วน"), std::string::npos);   // "complete" answers carry no theme
  EXPECT_NE(r.out.find("ด้านการบริหารจัดการ"), std::string::npos); // the row label
  EXPECT_NE(r.out.find(" of 61 segments ("), std::string::npos);
  EXPECT_NE(r.out.find("carry no theme"), std::string::npos);
}

TEST(Terms, CountsWordsAndPhrasesWithoutPunctuationNumbersOrStopWords) {
  const auto r = run_cli({"terms", "--top", "0", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by_term;
  for (const auto &t : doc["terms"])
    by_term[t["term"]] = t;
  ASSERT_TRUE(by_term.count("บูรณาการ")); // a domain word: one token, not บูรณ|า|การ
  EXPECT_EQ(by_term["บูรณาการ"]["words"], 1);
  EXPECT_GE(by_term["บูรณาการ"]["count"], by_term["บูรณาการ"]["segments"]);
  EXPECT_TRUE(by_term.count("One Home")); // a phrase across a space keeps it
  EXPECT_FALSE(by_term.count("และ"));     // stop words
  EXPECT_FALSE(by_term.count("ที่"));
  for (const auto &[term, t] : by_term) {
    // Abbreviations keep their full stop (พม., อสม.) and COVID-19 its digits: they are one token.
    EXPECT_EQ(term.find_first_of("()/,:;\"'"), std::string::npos) << term;
    EXPECT_NE(term.find_first_not_of("0123456789-. "), std::string::npos) << term; // never a bare number
    EXPECT_GE(t["count"].get<int>(), 2) << term;
  }
  // --stopwords replaces the list: และ counts again.
  const fs::path list = supanalyze::testing::fresh_temp_dir("terms-stopwords") / "stopwords.txt";
  supanalyze::write_file_atomically(list.string(), "# only one\nที่\n");
  const auto replaced = run_cli({"terms", "--top", "0", "--format", "tsv", "--stopwords", list.string()});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_NE(replaced.out.find("\nและ\t1\t"), std::string::npos);
  EXPECT_EQ(replaced.out.find("\nที่\t"), std::string::npos);
}

// The done-when: keyness of the uncoded residue ranks at least 20 terms with G² and p; the
// residue's own words come first (the "complete" answers of centre1300 q1).
TEST(Terms, KeynessOfTheUncodedResidue) {
  const auto r = run_cli({"terms", "--keyness", "uncoded", "--top", "0", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["target"], "uncoded");
  const auto &terms = doc["terms"];
  std::size_t significant = 0;
  double previous = 1e300;
  for (const auto &t : terms) {
    const double g2 = t["G2"], p = t["p"];
    EXPECT_LE(g2, previous);
    previous = g2;
    if (g2 > 0 && p < 0.05) ++significant;
    EXPECT_GE(t["n_target"].get<int>() + t["n_reference"].get<int>(), 2);
  }
  EXPECT_GE(significant, 20u);
  EXPECT_EQ(terms[0]["term"], "ครอบคลุม ครบถ้วน");
  EXPECT_LT(terms[terms.size() - 1]["G2"].get<double>(), 0); // used less in the residue: negative
}

TEST(Terms, KeynessTargetsOfEveryKind) {
  for (const std::string target :
       {"theme:budget", "question:q4", "question:centre1300/q4", "province:ratchaburi", "instrument:onehome"}) {
    const auto r = run_cli({"terms", "--keyness", target, "--format", "tsv", "--top", "5"});
    ASSERT_EQ(r.exit_code, 0) << target << ": " << r.err;
    EXPECT_EQ(tsv_rows(r.out).size(), 6u) << target;
  }
  const auto budget = run_cli({"terms", "--keyness", "theme:budget", "--format", "tsv", "--top", "3"});
  EXPECT_NE(budget.out.find("งบประมาณ"), std::string::npos) << budget.out;
}

TEST(Terms, BadTargetsAndNumbersAreUsageErrors) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"terms", "--keyness", "theme:nosuch"}, "unknown theme 'nosuch'"},
      {{"terms", "--keyness", "colour:red"}, "unknown target 'colour:red'"},
      {{"terms", "--keyness", ""}, "empty target"},
      {{"terms", "--keyness", "province:"}, "empty target id"},
      {{"terms", "--keyness", "province:nakhonpathom", "--province", "ratchaburi"}, "selects no segment"},
      {{"terms", "--keyness", "instrument:onehome", "--instrument", "onehome"}, "selects every counted segment"},
      {{"terms", "--suggest", "nosuch"}, "unknown theme 'nosuch'"},
      {{"terms", "--suggest", ""}, "empty --suggest"},
      {{"terms", "--min-count", "0"}, "--min-count must be between 1"},
      {{"terms", "--top", "-1"}, "--top must be between 0"},
      {{"terms", "--max-words", "4"}, "--max-words must be 1, 2 or 3"},
      {{"terms", "--keyness", "uncoded", "--collocations"}, "at most one of"},
      {{"terms", "--stopwords", "/nonexistent/stop.txt"}, "/nonexistent/stop.txt"},
  };
  for (const auto &[args, message] : cases) {
    const auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << args[1] << " " << (args.size() > 2 ? args[2] : "");
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST(Terms, CollocationsAreScoredAndSorted) {
  const auto r = run_cli({"terms", "--collocations", "--format", "json", "--top", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  const auto &list = doc["collocations"];
  ASSERT_GT(list.size(), 20u);
  double previous = 1e300;
  bool one_home = false;
  for (const auto &c : list) {
    EXPECT_LE(c["z"].get<double>(), previous);
    previous = c["z"];
    EXPECT_GE(c["count"].get<int>(), 2);
    one_home = one_home || c["collocation"] == "One Home";
  }
  EXPECT_TRUE(one_home);
}

// The done-when: suggestions for staffing are words of staffing talk not yet in the codebook, each
// with two examples from the theme's segments.
TEST(Terms, SuggestForStaffing) {
  const auto r = run_cli({"terms", "--suggest", "staffing", "--format", "json", "--top", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::set<std::string> suggested;
  for (const auto &t : doc["terms"]) {
    suggested.insert(t["term"]);
    EXPECT_EQ(t["examples"].size(), 2u) << t["term"];
    EXPECT_GT(t["G2"].get<double>(), 0);
    for (const auto &e : t["examples"])
      EXPECT_EQ(e["match"], t["term"]);
  }
  EXPECT_EQ(suggested.size(), 10u);
  EXPECT_TRUE(suggested.count("ตำแหน่ง")); // positions: the heart of staffing
  // Words of staffing talk in this corpus (posts, manpower, staff, sufficiency, duties, workload):
  // at least seven of the ten. Ranked by G² against the rest alone, five were, beside generic
  // words (โดยตรง, ค่อนข้าง, เกิด, สามารถปฏิบัติ) and บริการ.
  const std::set<std::string> staffing{"ตำแหน่ง",  "กำลัง", "อัตรา", "เจ้าหน้าที่", "บุคลากร", "ผู้ปฏิบัติงาน", "เพียงพอ",
                                       "รับผิดชอบ", "ภาระ", "งาน",  "เกิน",     "คน",     "จ้าง"};
  std::size_t staffing_words = 0;
  for (const auto &term : suggested)
    staffing_words += staffing.count(term);
  EXPECT_GE(staffing_words, 7u);
  for (const std::string generic : {"ควร", "ค่อนข้าง", "ค่อน", "ข้าง", "โดยตรง", "เกิด", "สามารถปฏิบัติ"})
    EXPECT_FALSE(suggested.count(generic)) << generic;
  // Ranked by keyness of co-occurrence with the theme's codings, each likelier there.
  double previous = 1e300;
  for (const auto &t : doc["terms"]) {
    const double near = t["G2_near"].get<double>();
    EXPECT_GT(near, 0) << t["term"];
    EXPECT_LE(near, previous) << t["term"];
    previous = near;
  }
  for (const std::string in_codebook : {"อัตรากำลัง", "บุคลากร", "เจ้าหน้าที่ไม่เพียงพอ", "งบประมาณ"})
    EXPECT_FALSE(suggested.count(in_codebook)) << in_codebook;
  const auto table = run_cli({"terms", "--suggest", "staffing", "--top", "3"});
  EXPECT_NE(table.out.find("    terms:\n      - "), std::string::npos) << table.out;
}

TEST(TermsAndUncoded, SameBytesStreamedAndAtAnyThreadCount) {
  // One folder per run: other checkouts run this suite on the same machine at the same time.
  const fs::path dir = supanalyze::testing::fresh_temp_dir("terms-cli-stream");
  ASSERT_EQ(run_cli({"corpus", "export", "--format", "tsv", "-o", (dir / "corpus.tsv").string()}).exit_code, 0);
  fs::copy_file(fs::path(bundled_corpus()) / "corpus.yaml", dir / "corpus.yaml");
  const std::vector<std::vector<std::string>> commands{
      {"uncoded", "--format", "tsv"},     {"uncoded", "--format", "json"},
      {"terms", "--keyness", "uncoded"},  {"terms", "--collocations", "--format", "csv"},
      {"terms", "--suggest", "staffing"}, {"terms", "--theme", "budget", "--format", "md"}};
  for (const auto &command : commands) {
    auto args = command;
    args.insert(args.begin() + 1, bundled_corpus());
    const auto folder = run_cli(args);
    ASSERT_EQ(folder.exit_code, 0) << folder.err;
    args[1] = (dir / "corpus.tsv").string();
    for (const std::string threads : {"1", "3"}) {
      auto with_threads = args;
      with_threads.insert(with_threads.end(), {"-j", threads});
      const auto streamed = run_cli(with_threads);
      ASSERT_EQ(streamed.exit_code, 0) << streamed.err;
      EXPECT_EQ(streamed.out, folder.out) << command[0] << " " << command[1] << " -j " << threads;
    }
  }
  fs::remove_all(dir);
}

TEST(TermsAndUncoded, OutputFormatFromTheFileName) {
  const fs::path dir = supanalyze::testing::fresh_temp_dir("terms-cli-output");
  const auto csv = run_cli({"uncoded", "-o", (dir / "uncoded.csv").string()});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(supanalyze::read_file((dir / "uncoded.csv").string())
                .rfind("corpus,year,instrument,question,province,segment,label,text\n", 0),
            0u);
  const auto md = run_cli({"terms", "--keyness", "uncoded", "-o", (dir / "keyness.md").string()});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_EQ(supanalyze::read_file((dir / "keyness.md").string()).rfind("### Keyness of uncoded", 0), 0u);
  const auto docx = run_cli({"terms", "-o", (dir / "terms.docx").string()});
  EXPECT_EQ(docx.exit_code, 2);
  EXPECT_FALSE(fs::exists(dir / "terms.docx"));
}
