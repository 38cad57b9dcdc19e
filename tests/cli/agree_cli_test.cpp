// SPDX-License-Identifier: MIT
// `supanalyze agree`: the tool against the shipped human coding, and the command's behaviour.
#include "test_support.hpp"

#include <supanalyze/io.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> k_questions{"-q", "centre1300/q4", "-q", "vulnerable/q5", "-q", "onehome/q5"};
const std::vector<std::string> k_themes{"staffing", "budget",    "tpmap_data", "covid19",
                                        "training", "equipment", "publicity",  "coordination"};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string> &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<std::string> theme_args() {
  std::vector<std::string> args;
  for (const auto &t : k_themes)
    args.insert(args.end(), {"-t", t});
  return args;
}

// `name` in this process's own temporary folder.
fs::path temp_path(const std::string &name) {
  static const fs::path dir = supanalyze::testing::fresh_temp_dir("agree");
  return dir / name;
}

// The tool's coding of the three questions of the sample, as `supanalyze code` writes it.
const std::string &tool_coding() {
  static const std::string path = [] {
    const auto p = temp_path("tool.tsv").string();
    const auto r = run_cli(std::vector<std::string>{"code", "-o", p} + k_questions);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::atexit([] { fs::remove(temp_path("tool.tsv")); });
    return p;
  }();
  return path;
}

const std::string k_human = supanalyze::testing::test_data("human-coding-sample.tsv");

std::vector<std::vector<std::string>> tsv_rows(const std::string &text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i)
      if (i == line.size() || line[i] == '\t') {
        fields.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    rows.push_back(std::move(fields));
  }
  return rows;
}

// (instrument/question/province, theme) pairs said yes, read straight from the two files.
std::set<std::pair<std::string, std::string>> yeses_of_code_file(const std::string &path) {
  std::set<std::pair<std::string, std::string>> out;
  const auto rows = tsv_rows(supanalyze::read_file(path));
  for (std::size_t r = 1; r < rows.size(); ++r)
    out.insert({rows[r][2] + "/" + rows[r][3] + "/" + rows[r][4], rows[r][6]});
  return out;
}
std::set<std::pair<std::string, std::string>> yeses_of_cell_table(const std::string &path) {
  std::set<std::pair<std::string, std::string>> out;
  const auto rows = tsv_rows(supanalyze::read_file(path));
  for (std::size_t r = 1; r < rows.size(); ++r)
    if (rows[r][4] == "1") out.insert({rows[r][0] + "/" + rows[r][1] + "/" + rows[r][2], rows[r][3]});
  return out;
}

struct Counts {
  double both = 0, only_a = 0, only_b = 0, neither = 0;
};

// The statistics recomputed here from the counts, by the textbook formulas.
void expect_stats(const nlohmann::json &j, const Counts &c, const std::string &what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(j["both"].get<double>(), c.both);
  EXPECT_EQ(j["only_a"].get<double>(), c.only_a);
  EXPECT_EQ(j["only_b"].get<double>(), c.only_b);
  EXPECT_EQ(j["neither"].get<double>(), c.neither);
  const double n = c.both + c.only_a + c.only_b + c.neither;
  const double po = (c.both + c.neither) / n;
  const double pa = (c.both + c.only_a) / n, pb = (c.both + c.only_b) / n;
  const double pe = pa * pb + (1 - pa) * (1 - pb);
  EXPECT_NEAR(j["agreement"].get<double>(), po, 1e-9);
  if (pe < 1) {
    EXPECT_NEAR(j["kappa"].get<double>(), (po - pe) / (1 - pe), 1e-9);
  } else {
    EXPECT_TRUE(j["kappa"].is_null());
  }
  // Krippendorff: 2n values; n_1 values "yes" over both coders, n_0 "no"; D_o/D_e.
  const double values = 2 * n, n1 = 2 * c.both + c.only_a + c.only_b, n0 = values - n1;
  const double d_o = 2 * (c.only_a + c.only_b) / values, d_e = 2 * n0 * n1 / (values * (values - 1));
  if (n0 > 0 && n1 > 0) {
    EXPECT_NEAR(j["alpha"].get<double>(), 1 - d_o / d_e, 1e-9);
  } else {
    EXPECT_TRUE(j["alpha"].is_null());
  }
  if (c.both + c.only_a > 0) {
    EXPECT_NEAR(j["precision"].get<double>(), c.both / (c.both + c.only_a), 1e-9);
  }
  if (c.both + c.only_b > 0) {
    EXPECT_NEAR(j["recall"].get<double>(), c.both / (c.both + c.only_b), 1e-9);
  }
  if (c.both + c.only_a + c.only_b > 0) {
    EXPECT_NEAR(j["f1"].get<double>(), 2 * c.both / (2 * c.both + c.only_a + c.only_b), 1e-9);
  }
}

nlohmann::json agree_sample_json() {
  const auto r = run_cli(std::vector<std::string>{"agree", tool_coding(), k_human, "--format", "json"} + k_questions +
                         theme_args());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

} // namespace

// The tool against tests/data/human-coding-sample.tsv (coded by hand, see its .md): the counts
// agree with the two files read directly, and every statistic with its formula.
TEST(CliAgree, ToolAgainstTheHumanSample) {
  const auto doc = agree_sample_json();
  EXPECT_EQ(doc["schema"], "supanalyze.agree/3");
  EXPECT_EQ(doc["unit"], "answer");
  EXPECT_EQ(doc["units"], 24);
  EXPECT_EQ(doc["a"]["form"], "codings");
  EXPECT_EQ(doc["b"]["form"], "cells");
  const auto tool = yeses_of_code_file(tool_coding());
  const auto human = yeses_of_cell_table(k_human);
  ASSERT_EQ(human.size(), 80u);
  std::set<std::string> units;
  for (const auto &[unit, theme] : human)
    units.insert(unit);
  for (const auto &row : tsv_rows(supanalyze::read_file(k_human)))
    if (row[0] != "instrument") units.insert(row[0] + "/" + row[1] + "/" + row[2]);
  ASSERT_EQ(units.size(), 24u);
  ASSERT_EQ(doc["themes"].size(), k_themes.size());
  Counts all;
  for (const auto &row : doc["themes"]) { // in codebook order
    const std::string theme = row["theme"];
    ASSERT_NE(std::find(k_themes.begin(), k_themes.end(), theme), k_themes.end()) << theme;
    Counts c;
    for (const auto &unit : units) {
      const bool a = tool.count({unit, theme}) > 0, b = human.count({unit, theme}) > 0;
      (a && b ? c.both : a ? c.only_a : b ? c.only_b : c.neither) += 1;
    }
    expect_stats(row, c, theme);
    all.both += c.both;
    all.only_a += c.only_a;
    all.only_b += c.only_b;
    all.neither += c.neither;
  }
  expect_stats(doc["overall"], all, "overall");
  EXPECT_EQ(doc["disagreements"].size(), all.only_a + all.only_b);
  // The default codebook was revised with this sample in view (its last four misses), so this
  // is in-sample agreement: high, and not evidence about new text (docs/codebook-msdhs-2564.md).
  EXPECT_GE(doc["overall"]["kappa"].get<double>(), 0.9);
}

// A cell table judges the answers it has a row for (issue 17: one rule with .qdpx projects):
// the sample's 24 answers are compared, the corpus's other 176 are not the person's "no", and
// an answer whose rows are taken out of the table leaves the comparison too.
TEST(CliAgree, ACellTableIsComparedOnlyOnTheAnswersItHasRowsFor) {
  const auto unfiltered =
      run_cli(std::vector<std::string>{"agree", tool_coding(), k_human, "--format", "json"} + theme_args());
  ASSERT_EQ(unfiltered.exit_code, 0) << unfiltered.err;
  const auto doc = nlohmann::json::parse(unfiltered.out);
  const auto filtered = agree_sample_json();
  EXPECT_EQ(doc["units"], 24);
  EXPECT_EQ(doc["answers"], nlohmann::json::parse(R"({"compared": 24, "only_a": 176, "only_b": 0, "neither": 0})"));
  EXPECT_EQ(filtered["answers"], nlohmann::json::parse(R"({"compared": 24, "only_a": 0, "only_b": 0, "neither": 0})"));
  EXPECT_EQ(doc["themes"], filtered["themes"]);
  EXPECT_EQ(doc["overall"], filtered["overall"]);

  // Without kanchanaburi's answer to centre1300 q4 (its rows, 0s and 1s, removed).
  const auto partial = temp_path("partial.tsv");
  std::string kept;
  std::size_t removed = 0;
  {
    std::istringstream in(supanalyze::read_file(k_human));
    for (std::string line; std::getline(in, line);)
      if (line.rfind("centre1300\tq4\tkanchanaburi\t", 0) == 0)
        ++removed;
      else
        kept += line + "\n";
  }
  ASSERT_GT(removed, 3u);
  std::ofstream(partial) << kept;
  const auto r = run_cli(std::vector<std::string>{"agree", tool_coding(), partial.string(), "--format", "json"} +
                         k_questions + theme_args());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto part = nlohmann::json::parse(r.out);
  EXPECT_EQ(part["units"], 23);
  EXPECT_EQ(part["answers"], nlohmann::json::parse(R"({"compared": 23, "only_a": 1, "only_b": 0, "neither": 0})"));
  for (const auto &d : part["disagreements"])
    EXPECT_NE(d["unit"], "centre1300/q4/kanchanaburi");
  // The tool's yeses in that answer are no longer "only A" cells.
  const auto tool = yeses_of_code_file(tool_coding());
  const auto human = yeses_of_cell_table(k_human);
  double tool_yes_there = 0, human_yes_there = 0;
  for (const auto &t : k_themes) {
    tool_yes_there += tool.count({"centre1300/q4/kanchanaburi", t});
    human_yes_there += human.count({"centre1300/q4/kanchanaburi", t});
  }
  ASSERT_GT(tool_yes_there, 0);
  EXPECT_EQ(part["overall"]["both"].get<double>() + part["overall"]["only_a"].get<double>(),
            filtered["overall"]["both"].get<double>() + filtered["overall"]["only_a"].get<double>() - tool_yes_there);
  EXPECT_EQ(part["overall"]["both"].get<double>() + part["overall"]["only_b"].get<double>(),
            filtered["overall"]["both"].get<double>() + filtered["overall"]["only_b"].get<double>() - human_yes_there);
  fs::remove(partial);
}

// A disagreement says who said yes and, for the tool, which term it matched and where. The
// sample's disagreements are all the tool's misses, so B here is the sample with one of its 1s
// (kanchanaburi's "ไม่มีงบสนับสนุน" in centre1300 q4, item 3) turned into a 0.
TEST(CliAgree, DisagreementsNameTheTermsOfTheToolsYes) {
  const auto edited = temp_path("edited.tsv");
  {
    std::string text = supanalyze::read_file(k_human);
    const std::string cell = "centre1300\tq4\tkanchanaburi\tbudget\t1\t";
    const auto at = text.find(cell);
    ASSERT_NE(at, std::string::npos);
    text[at + cell.size() - 2] = '0';
    std::ofstream(edited) << text;
  }
  const auto r = run_cli(
      std::vector<std::string>{"agree", tool_coding(), edited.string(), "-f", "json", "-t", "budget"} + k_questions);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::vector<nlohmann::json> from_tool;
  for (const auto &d : doc["disagreements"])
    if (d["yes"] == "A") from_tool.push_back(d);
  ASSERT_EQ(from_tool.size(), 1u) << r.out;
  const auto &d = from_tool[0];
  EXPECT_EQ(d["unit"], "centre1300/q4/kanchanaburi");
  EXPECT_EQ(d["theme"], "budget");
  EXPECT_EQ(d["segments"], nlohmann::json::array({3}));
  // Every term listed is a row of the tool's code output for that answer, segment and theme.
  std::set<std::string> terms_in_file;
  for (const auto &row : tsv_rows(supanalyze::read_file(tool_coding())))
    if (row.size() > 7 && row[2] + "/" + row[3] + "/" + row[4] == "centre1300/q4/kanchanaburi" && row[5] == "3" &&
        row[6] == "budget")
      terms_in_file.insert(row[7]);
  ASSERT_FALSE(d["terms"].empty());
  for (const auto &term : d["terms"])
    EXPECT_TRUE(terms_in_file.count(term.get<std::string>())) << term;
  EXPECT_EQ(d["terms"].size(), terms_in_file.size());
  fs::remove(edited);
}

// README.md's "Agreement with a human coder" shows the table this command prints.
TEST(CliAgree, ReadmeShowsTheCurrentAgreementTable) {
  const auto r = run_cli(std::vector<std::string>{"agree", tool_coding(), k_human, "--format", "md", "--lang", "en"} +
                         k_questions + theme_args());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string readme = supanalyze::read_file(supanalyze::testing::repo_root() / "README.md");
  const auto section = readme.find("## Agreement with a human coder");
  ASSERT_NE(section, std::string::npos);
  std::istringstream lines(r.out);
  std::string line;
  std::size_t rows = 0;
  while (std::getline(lines, line) && line.rfind("### Disagreements", 0) != 0) {
    if (line.rfind("|", 0) != 0) continue;
    ++rows;
    EXPECT_NE(readme.find(line + "\n", section), std::string::npos)
        << "README.md is out of date; regenerate its table with the command shown there. Missing row:\n"
        << line;
  }
  EXPECT_EQ(rows, 2u + k_themes.size() + 1) << "header, rule, themes and (all)";
}

// Without -t the themes are those the reference codes: a theme the person never looked at is
// not the person's "no" (with codebook 1.0 that pulled the pooled kappa from 0.957 to 0.647).
TEST(CliAgree, DefaultThemesAreTheReferencesOwn) {
  const auto by_default =
      run_cli(std::vector<std::string>{"agree", tool_coding(), k_human, "-f", "json"} + k_questions);
  ASSERT_EQ(by_default.exit_code, 0) << by_default.err;
  const auto doc = nlohmann::json::parse(by_default.out);
  EXPECT_EQ(doc["themes_from"], "reference");
  ASSERT_EQ(doc["themes"].size(), k_themes.size());
  const auto chosen = agree_sample_json();
  EXPECT_EQ(chosen["themes_from"], "theme filter");
  EXPECT_EQ(doc["themes"], chosen["themes"]) << "the 8 themes the person coded, as with -t";
  EXPECT_EQ(doc["overall"], chosen["overall"]);

  const auto all =
      run_cli(std::vector<std::string>{"agree", tool_coding(), k_human, "-f", "json", "--all-themes"} + k_questions);
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const auto every = nlohmann::json::parse(all.out);
  EXPECT_EQ(every["themes_from"], "all");
  EXPECT_EQ(every["themes"].size(), 28u);
  // Parents and their sub-themes are both listed, but (all) pools no sub-theme of a listed parent.
  std::size_t pooled = 0;
  for (const auto &t : every["themes"])
    pooled += t["pooled"].get<bool>() ? 1 : 0;
  EXPECT_EQ(every["pooled_themes"], pooled);
  EXPECT_LT(pooled, 28u);
  EXPECT_EQ(every["overall"]["units"], pooled * 24);
  // The themes the person never looked at, counted as the person's no, pull agreement down.
  EXPECT_LT(every["overall"]["kappa"].get<double>(), doc["overall"]["kappa"].get<double>());

  const auto table = run_cli(std::vector<std::string>{"agree", tool_coding(), k_human} + k_questions);
  EXPECT_NE(table.out.find("Themes: the 8 the reference (B) codes, of the codebook's 28 (--all-themes"),
            std::string::npos)
      << table.out;
  EXPECT_EQ(
      run_cli(std::vector<std::string>{"agree", tool_coding(), k_human, "--all-themes", "-t", "budget"}).exit_code, 2);
}

TEST(CliAgree, TableShowsBothTablesAndTheRoles) {
  const auto r = run_cli(std::vector<std::string>{"agree", tool_coding(), k_human} + k_questions + theme_args());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Agreement of A (tested: " + tool_coding() + ") with B (reference: " + k_human + ")"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("อัตรากำลังและภาระงาน"), std::string::npos) << "Thai labels by default";
  EXPECT_NE(r.out.find("(all)"), std::string::npos);
  EXPECT_NE(r.out.find("Disagreements ("), std::string::npos);
  EXPECT_NE(r.out.find("recall = both/(both+only B)"), std::string::npos);
}

// The human sample with kanchanaburi's budget in centre1300 q4 turned into a 0: one planted
// disagreement, now that the tool agrees with the sample itself.
std::string sample_with_one_disagreement() {
  const auto edited = temp_path("one-disagreement.tsv");
  std::string text = supanalyze::read_file(k_human);
  const std::string cell = "centre1300\tq4\tkanchanaburi\tbudget\t1\t";
  const auto at = text.find(cell);
  if (at != std::string::npos) text[at + cell.size() - 2] = '0';
  std::ofstream(edited) << text;
  return edited.string();
}

TEST(CliAgree, CsvHoldsOneTableAndDisagreementsOnRequest) {
  const auto args =
      std::vector<std::string>{"agree", tool_coding(), sample_with_one_disagreement(), "--format", "csv"} +
      k_questions + theme_args();
  const auto table = run_cli(args);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.rfind("theme,label,both,only_a,only_b,neither,agreement,precision,recall,f1,kappa,alpha\n", 0),
            0u)
      << table.out;
  EXPECT_EQ(table.out.find("unit,theme"), std::string::npos);
  const auto list = run_cli(args + std::vector<std::string>{"--disagreements"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out.rfind("unit,theme,yes,terms,segments\n", 0), 0u) << list.out;
  EXPECT_NE(list.out.find("centre1300/q4/"), std::string::npos);
}

TEST(CliAgree, SameCodingAgreesPerfectlyPerSegment) {
  const auto r = run_cli(
      std::vector<std::string>{"agree", tool_coding(), "-", "--unit", "segment", "--format", "json"} + k_questions,
      supanalyze::read_file(tool_coding()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["unit"], "segment");
  EXPECT_EQ(doc["b"]["file"], "-");
  EXPECT_EQ(doc["overall"]["only_a"], 0);
  EXPECT_EQ(doc["overall"]["only_b"], 0);
  EXPECT_EQ(doc["overall"]["kappa"], 1.0);
  EXPECT_TRUE(doc["disagreements"].empty());
}

TEST(CliAgree, OutputFileIsWrittenAtomicallyAndDeterministically) {
  const auto out = temp_path("out.tsv");
  const auto args = std::vector<std::string>{"agree", tool_coding(), k_human, "-f", "tsv"} + k_questions;
  const auto to_stdout = run_cli(args);
  const auto to_file = run_cli(args + std::vector<std::string>{"-o", out.string()});
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(supanalyze::read_file(out), to_stdout.out);
  fs::remove(out);
}

TEST(CliAgree, BadInputNamesFileLineAndColumn) {
  const auto bad = temp_path("bad.tsv");
  std::ofstream(bad) << "instrument\tquestion\tprovince\ttheme\tvalue\n"
                        "centre1300\tq4\tnakhonpathom\tbudget\t1\n"
                        "centre1300\tq4\tnakhonpathom\tstafing\t1\n";
  const auto out = temp_path("never.tsv");
  const auto r = run_cli({"agree", tool_coding(), bad.string(), "-o", out.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("supanalyze: error: " + bad.string() +
                       ":3:28: unknown theme of codebook msdhs-2564 'stafing' (did you mean 'staffing'?)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(out));
  fs::remove(bad);
}

TEST(CliAgree, UsageErrors) {
  EXPECT_EQ(run_cli({"agree", tool_coding(), k_human, "--unit", "segment"}).exit_code, 2)
      << "the sample has no segments";
  EXPECT_EQ(run_cli({"agree", tool_coding(), k_human, "--unit", "province"}).exit_code, 2);
  EXPECT_EQ(run_cli({"agree", tool_coding()}).exit_code, 2);
  EXPECT_EQ(run_cli({"agree", "-", "-"}).exit_code, 2);
  const auto r = run_cli({"agree", tool_coding(), k_human, "-t", "stafing"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'staffing'"), std::string::npos) << r.err;
}

TEST(CliAgree, MinKappaGatesTheExitCode) {
  const auto args = std::vector<std::string>{"agree", tool_coding(), sample_with_one_disagreement(), "-f", "tsv"} +
                    k_questions + theme_args();
  EXPECT_EQ(run_cli(args + std::vector<std::string>{"--min-kappa", "0.1"}).exit_code, 0);
  const auto r = run_cli(args + std::vector<std::string>{"--min-kappa", "0.99"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("is below --min-kappa 0.990"), std::string::npos) << r.err;
  EXPECT_FALSE(r.out.empty()) << "the table is still printed";
}

TEST(CliAgree, HelpExplainsRolesAndHasExamples) {
  const auto r = run_cli({"agree", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("A is the coder under test"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Examples:"), std::string::npos);
  EXPECT_NE(r.out.find("--unit"), std::string::npos);
}
