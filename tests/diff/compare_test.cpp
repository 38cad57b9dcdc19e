// SPDX-License-Identifier: MIT
// diff: reading results (JSON tables, corpora) and comparing them.
#include "test_support.hpp"

#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/diff/compare.hpp>
#include <supanalyze/io.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace diff = supanalyze::diff;
using supanalyze::testing::run_cli;

namespace {

// A corpus-like result: question "centre1300/q4", provinces a..d answering, counts by hand.
diff::Counts corpus_counts(std::vector<diff::Group> groups) {
  diff::Counts c;
  c.kind = "corpus";
  c.layout = "question x theme";
  c.unit = "provinces";
  c.codebook_id = "msdhs-2564";
  c.has_members = c.members_sum_to_count = c.knows_provinces = c.knows_themes = true;
  c.provinces = {
      {"nakhonpathom", "นครปฐม"}, {"kanchanaburi", "กาญจนบุรี"}, {"ratchaburi", "ราชบุรี"}, {"phetchaburi", "เพชรบุรี"}};
  c.questions = {
      {"centre1300/q4", "ปัญหาหรืออุปสรรค", true, {"nakhonpathom", "kanchanaburi", "ratchaburi", "phetchaburi"}, {}}};
  c.themes = {{"staffing", "อัตรากำลังและภาระงาน"}, {"budget", "งบประมาณและค่าใช้จ่าย"}};
  c.groups = std::move(groups);
  return c;
}

TEST(MergeOrder, KeepsTheFirstOrderAndPlacesNewItemsAfterTheirPredecessor) {
  EXPECT_EQ(diff::merge_order({"q1", "q2", "q4"}, {"q0", "q1", "q3", "q4", "q5"}),
            (std::vector<std::string>{"q0", "q1", "q2", "q3", "q4", "q5"}));
  EXPECT_EQ(diff::merge_order({"centre1300/q4", "centre1300/q5", "vulnerable/q1"},
                              {"centre1300/q4", "centre1300/q6", "vulnerable/q1"}),
            (std::vector<std::string>{"centre1300/q4", "centre1300/q5", "centre1300/q6", "vulnerable/q1"}));
  EXPECT_EQ(diff::merge_order({}, {"a"}), std::vector<std::string>{"a"});
}

TEST(Compare, ProvincesThatSwapAreNamedEvenWhenTheCountStays) {
  const auto before = corpus_counts({{"centre1300/q4", "staffing", 2, {{"nakhonpathom", 1}, {"kanchanaburi", 1}}}});
  const auto after = corpus_counts({{"centre1300/q4", "staffing", 2, {{"nakhonpathom", 1}, {"ratchaburi", 1}}}});
  const auto r = diff::compare(before, after, {});
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_TRUE(r.shape.empty());
  const auto &g = r.changes[0];
  EXPECT_EQ(g.question, "centre1300/q4");
  EXPECT_EQ(g.theme, "staffing");
  EXPECT_EQ(g.label, "อัตรากำลังและภาระงาน");
  EXPECT_EQ(g.change(), 0);
  EXPECT_EQ(g.appeared, std::vector<std::string>{"ratchaburi"});
  EXPECT_EQ(g.disappeared, std::vector<std::string>{"kanchanaburi"});
  EXPECT_TRUE(r.changed());
}

TEST(Compare, ThresholdLeavesOutSmallMoves) {
  const auto before = corpus_counts(
      {{"centre1300/q4", "budget", 1, {{"kanchanaburi", 1}}}, {"centre1300/q4", "staffing", 1, {{"nakhonpathom", 1}}}});
  const auto after =
      corpus_counts({{"centre1300/q4", "staffing", 3, {{"nakhonpathom", 1}, {"ratchaburi", 1}, {"phetchaburi", 1}}}});
  const auto all = diff::compare(before, after, {1, false});
  EXPECT_EQ(all.changes.size(), 2u);
  const auto big = diff::compare(before, after, {2, false});
  ASSERT_EQ(big.changes.size(), 1u);
  EXPECT_EQ(big.changes[0].theme, "staffing");
  EXPECT_EQ(big.changes[0].change(), 2);
  EXPECT_EQ(big.below_threshold, 1u);
  EXPECT_FALSE(diff::compare(before, after, {3, false}).changed());
}

TEST(Compare, AnswersOnOneSideAreShapeNotDisappearances) {
  auto before = corpus_counts({{"centre1300/q4", "budget", 2, {{"kanchanaburi", 1}, {"ratchaburi", 1}}}});
  auto after = corpus_counts({{"centre1300/q4", "budget", 1, {{"kanchanaburi", 1}}}});
  after.questions[0].respondents = {"nakhonpathom", "kanchanaburi", "phetchaburi"}; // ratchaburi did not answer
  const auto r = diff::compare(before, after, {});
  ASSERT_EQ(r.shape.size(), 1u);
  EXPECT_EQ(r.shape[0].what, "answer");
  EXPECT_EQ(r.shape[0].id, "centre1300/q4/ratchaburi");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].change(), -1);
  EXPECT_TRUE(r.changes[0].disappeared.empty());
  // --common: counted over the provinces that answered both times, nothing moved.
  const auto common = diff::compare(before, after, {1, true});
  EXPECT_TRUE(common.changes.empty());
  EXPECT_EQ(common.shape.size(), 1u);
}

TEST(Compare, ShapeDifferencesAreReportedNotThrown) {
  auto before = corpus_counts({{"centre1300/q4", "staffing", 1, {{"nakhonpathom", 1}}}});
  auto after = before;
  after.provinces.push_back({"samutsakhon", "สมุทรสาคร"});
  after.questions[0].text = "ปัญหาและอุปสรรค (ถ้อยคำใหม่)";
  after.questions.push_back({"centre1300/q6", "", true, {"nakhonpathom"}, {}});
  after.questions.push_back({"onehome/q1", "", true, {"nakhonpathom"}, {}});
  after.questions.push_back({"onehome/q2", "", true, {"nakhonpathom"}, {}});
  after.themes.push_back({"covid19", "สถานการณ์โควิด-19"});
  after.unit = "segments";
  const auto r = diff::compare(before, after, {});
  std::vector<std::string> found;
  for (const auto &s : r.shape)
    found.push_back(s.what + " " + s.id + " [" + s.old_value + "|" + s.new_value + "]");
  EXPECT_EQ(found, (std::vector<std::string>{"unit  [provinces|segments]", "province samutsakhon [|สมุทรสาคร]",
                                             "question text centre1300/q4 [ปัญหาหรืออุปสรรค|ปัญหาและอุปสรรค (ถ้อยคำใหม่)]",
                                             "question centre1300/q6 [|present]", "instrument onehome [|present]",
                                             "theme covid19 [|สถานการณ์โควิด-19]"}));
  EXPECT_TRUE(r.changes.empty());
  before.members_sum_to_count = after.members_sum_to_count = false;
  EXPECT_THROW(diff::compare(before, after, {1, true}), supanalyze::Error);
}

TEST(CountCorpus, TheBundledCorpusAgainstItselfHasNoChangeAndKnowsWhoAnswered) {
  const auto corpus = supanalyze::corpus::read_corpus(supanalyze::testing::bundled_corpus());
  const auto &cb = supanalyze::codebook::default_codebook();
  const supanalyze::codebook::Matcher matcher(cb);
  const auto counts = diff::count_corpus(corpus, cb, matcher, supanalyze::aggregate::Unit::provinces, 2);
  EXPECT_EQ(counts.questions.size(), 25u);
  EXPECT_EQ(counts.questions[3].id, "centre1300/q4");
  EXPECT_EQ(counts.questions[3].respondents.size(), 8u);
  // staffing under centre1300/q4: 6 of 8 provinces (the freq test's number), samutsongkhram among them.
  const auto g = std::find_if(counts.groups.begin(), counts.groups.end(), [](const diff::Group &x) {
    return x.question == "centre1300/q4" && x.theme == "staffing";
  });
  ASSERT_NE(g, counts.groups.end());
  EXPECT_EQ(g->count, 6u);
  EXPECT_EQ(g->members.size(), 6u);
  EXPECT_TRUE(std::any_of(g->members.begin(), g->members.end(),
                          [](const diff::Member &m) { return m.id == "samutsongkhram"; }));
  const auto r = diff::compare(counts, counts, {});
  EXPECT_FALSE(r.changed());
  EXPECT_GT(r.compared, 200u);
}

TEST(ReadTableJson, MatrixCellsBecomeProvincesOfAQuestionAndTheme) {
  const auto m = run_cli({"matrix", "--question", "centre1300/q4", "--format", "json"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  const auto counts = diff::read_table_json(m.out, "m.json");
  EXPECT_EQ(counts.kind, "matrix");
  EXPECT_EQ(counts.layout, "theme x province");
  EXPECT_EQ(counts.provinces.size(), 8u);
  const auto g = std::find_if(counts.groups.begin(), counts.groups.end(),
                              [](const diff::Group &x) { return x.theme == "budget"; });
  ASSERT_NE(g, counts.groups.end());
  EXPECT_EQ(g->question, "centre1300/q4");
  EXPECT_EQ(g->count, 6u);
  EXPECT_TRUE(
      std::any_of(g->members.begin(), g->members.end(), [](const diff::Member &x) { return x.id == "kanchanaburi"; }));
  EXPECT_FALSE(
      std::any_of(g->members.begin(), g->members.end(), [](const diff::Member &x) { return x.id == "nakhonpathom"; }));
}

TEST(ReadTableJson, FreqGivesCountsPerQuestionAndTheme) {
  const auto f = run_cli({"freq", "--instrument", "vulnerable", "--format", "json"});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  const auto counts = diff::read_table_json(f.out, "f.json");
  EXPECT_EQ(counts.kind, "freq");
  EXPECT_EQ(counts.questions.size(), 6u);
  EXPECT_EQ(counts.questions[4].id, "vulnerable/q5");
  EXPECT_EQ(*counts.questions[4].denominator, 8u);
  EXPECT_FALSE(counts.knows_themes);
  const auto g = std::find_if(counts.groups.begin(), counts.groups.end(), [](const diff::Group &x) {
    return x.question == "vulnerable/q5" && x.theme == "covid19";
  });
  ASSERT_NE(g, counts.groups.end());
  EXPECT_EQ(g->count, 7u);
}

// What diff reads of a table, as text, so that two readings compare in one EXPECT_EQ.
std::string summary(const diff::Counts &c) {
  std::string out = c.kind + "|" + c.layout + "|" + c.corpus_id + "|" + std::to_string(c.year) + "|" + c.codebook_id +
                    " " + c.codebook_version + "|" + c.unit + "|" + c.filters + "\n";
  for (const auto &q : c.questions)
    out += "question " + q.id + " " + q.text + " " + (q.denominator ? std::to_string(*q.denominator) : "-") + "\n";
  for (const auto &t : c.themes)
    out += "theme " + t.id + " " + t.label + "\n";
  for (const auto &p : c.provinces)
    out += "province " + p.id + " " + p.label + "\n";
  for (const auto &g : c.groups) {
    out += "count " + g.question + " " + g.theme + " " + std::to_string(g.count);
    for (const auto &m : g.members)
      out += " " + m.id + "=" + std::to_string(m.count);
    out += "\n";
  }
  return out;
}

// Results written before docs/json.md (freq/1 with label_th and label_en, matrix/1) still
// compare with today's (freq/2, matrix/2): the same table read from either version is the same.
TEST(ReadTableJson, BothVersionsReadAlike) {
  const std::string dir = std::string(SUPANALYZE_TEST_DATA) + "/diff-versions/";
  for (const char *name : {"freq", "matrix"}) {
    const auto v1 = diff::read_table_json(supanalyze::read_file(dir + name + "-1.json"), "v1.json");
    const auto v2 = diff::read_table_json(supanalyze::read_file(dir + name + "-2.json"), "v2.json");
    EXPECT_EQ(summary(v1), summary(v2)) << name;
    EXPECT_GE(v2.groups.size(), 10u) << name;
    EXPECT_NE(summary(v2).find("theme budget งบประมาณและค่าใช้จ่าย"), std::string::npos) << name;
  }
  // freq/1 carried both languages: --lang en takes label_en.
  const auto en = diff::read_table_json(supanalyze::read_file(dir + "freq-1.json"), "v1.json", true);
  EXPECT_NE(summary(en).find("theme budget Budget and money"), std::string::npos);
}

TEST(ReadTableJson, OtherFilesAreErrorsNamingTheFile) {
  try {
    diff::read_table_json("{\"schema\": \"supanalyze.diff/1\"}", "x.json");
    FAIL();
  } catch (const supanalyze::Error &e) {
    EXPECT_NE(std::string(e.what()).find("x.json: not a freq or matrix table"), std::string::npos) << e.what();
  }
  EXPECT_THROW(diff::read_table_json("corpus: x\n", "c.yaml"), supanalyze::Error);
  EXPECT_THROW(diff::read_table_json("{\"schema\": \"supanalyze.freq/1\", \"corpus\": \"x\"}", "f.json"),
               supanalyze::Error);
}

// Found by the diff_json fuzz target in CI: get<int> of 1e300 was undefined behaviour.
TEST(ReadTableJson, AYearOutsideItsRangeIsAnErrorNamingTheKey) {
  const auto table = [](const std::string &year) {
    return "{\"schema\": \"supanalyze.freq/2\", \"corpus\": \"x\", \"year\": " + year +
           ", \"unit\": \"answers\", \"questions\": []}";
  };
  EXPECT_EQ(diff::read_table_json(table("2564"), "f.json").year, 2564);
  EXPECT_EQ(diff::read_table_json(table("null"), "f.json").year, 0);
  for (const std::string bad : {"1e300", "4294967296", "-5", "2564.5", "\"2564\""}) {
    try {
      diff::read_table_json(table(bad), "f.json");
      ADD_FAILURE() << bad;
    } catch (const supanalyze::Error &e) {
      EXPECT_NE(std::string(e.what()).find("f.json: not a freq or matrix table of supanalyze: 'year' must be"),
                std::string::npos)
          << e.what();
    }
  }
}

} // namespace
