// SPDX-License-Identifier: MIT
// Reading codings in both forms (code output and cell tables), TSV/CSV/JSONL, and the errors.
#include <supanalyze/agreement/compare.hpp>
#include <supanalyze/agreement/reader.hpp>
#include <supanalyze/codebook/loader.hpp>
#include <supanalyze/corpus/reader.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace supanalyze;
using namespace supanalyze::agreement;

namespace {

const corpus::Corpus &bundled() {
  static const corpus::Corpus c = corpus::read_corpus(supanalyze::testing::bundled_corpus());
  return c;
}
const codebook::Codebook &book() { return codebook::default_codebook(); }

Coding parse(const std::string &text, const std::string &name = "x.tsv") {
  return parse_coding(text, name, bundled(), book());
}

std::size_t answer_of(const std::string &instrument, const std::string &question, const std::string &province) {
  const auto &c = bundled();
  for (std::size_t k = 0; k < c.answers.size(); ++k) {
    const auto &a = c.answers[k];
    if (c.instruments[a.instrument].id == instrument &&
        c.instruments[a.instrument].questions[a.question].id == question && c.provinces[a.province].id == province)
      return k;
  }
  throw std::runtime_error("no such answer");
}

// The error message parse() throws for `text`.
std::string error_of(const std::string &text, const std::string &name = "x.tsv") {
  try {
    parse(text, name);
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no error)";
}

const std::string k_code_header =
    "corpus\tyear\tinstrument\tquestion\tprovince\tsegment\ttheme\tterm\tstart\tend\ttext\n";

} // namespace

// Rows as `supanalyze code` writes them: centre1300 q4 ratchaburi item 2 asks for
// "ค่าพาหนะเดินทาง" (budget) and item 1 for "อบรม" (training).
TEST(AgreementReader, CodeOutputTsv) {
  const auto coding =
      parse(k_code_header + "ssw3-2564\t2564\tcentre1300\tq4\tratchaburi\t2\tbudget\tค่าพาหนะ\t120\t144\tค่าพาหนะ\n"
                            "ssw3-2564\t2564\tcentre1300\tq4\tratchaburi\t1\ttraining\tอบรม\t10\t22\tอบรม\n");
  EXPECT_EQ(coding.form, InputForm::codings);
  EXPECT_TRUE(coding.has_segments);
  ASSERT_EQ(coding.marks.size(), 2u);
  EXPECT_EQ(coding.marks[0].answer, answer_of("centre1300", "q4", "ratchaburi"));
  EXPECT_EQ(coding.marks[0].segment, 1u);
  EXPECT_EQ(book().themes[coding.marks[0].theme].id, "budget");
  EXPECT_EQ(coding.marks[0].term, "ค่าพาหนะ");
  EXPECT_EQ(coding.marks[1].where.line, 3u);
}

TEST(AgreementReader, CodeOutputCsvWithQuotedFields) {
  // A rule's label has a comma, so code --format csv quotes it; a quoted field may span lines.
  const auto coding =
      parse("corpus,year,instrument,question,province,segment,theme,term,start,end,text\r\n"
            "ssw3-2564,2564,vulnerable,q5,samutsongkhram,3,staffing,\"near(บุคลากร,ไม่เพียงพอ;6)\",0,9,\"x\ny\"\r\n"
            "ssw3-2564,2564,vulnerable,q5,samutsongkhram,2,covid19,\"covid\"\"19\",0,9,z\r\n",
            "x.csv");
  ASSERT_EQ(coding.marks.size(), 2u);
  EXPECT_EQ(coding.marks[0].term, "near(บุคลากร,ไม่เพียงพอ;6)");
  EXPECT_EQ(coding.marks[1].term, "covid\"19");
  EXPECT_EQ(coding.marks[1].where.line, 4u) << "the quoted line break counts";
  EXPECT_EQ(coding.marks[1].segment, 1u);
}

TEST(AgreementReader, CodeOutputJsonl) {
  const auto coding = parse(
      R"({"corpus":"ssw3-2564","year":2564,"instrument":"onehome","question":"q5","province":"samutsakhon","segment":1,"theme":"covid19","term":"covid","start":40,"end":45,"text":"covid"})"
      "\n\n"
      R"({"corpus":"ssw3-2564","year":2564,"instrument":"onehome","question":"q5","province":"samutsakhon","segment":1,"theme":"equipment","term":"ออนไลน์","start":0,"end":1,"text":"ออนไลน์"})"
      "\n",
      "x.jsonl");
  EXPECT_EQ(coding.form, InputForm::codings);
  ASSERT_EQ(coding.marks.size(), 2u);
  EXPECT_EQ(coding.marks[1].answer, answer_of("onehome", "q5", "samutsakhon"));
  EXPECT_EQ(coding.marks[1].segment, 0u);
  EXPECT_EQ(coding.marks[1].term, "ออนไลน์");
  EXPECT_EQ(coding.marks[1].where.line, 3u);
}

TEST(AgreementReader, CellTableKeepsOnlyYesesAndIgnoresNotes) {
  const auto coding = parse("instrument\tquestion\tprovince\ttheme\tvalue\tnote\n"
                            "centre1300\tq4\tkanchanaburi\tequipment\t1\tเครื่องมืออุปกรณ์ล้าสมัย\n"
                            "centre1300\tq4\tkanchanaburi\tstaffing\t0\t\n"
                            "centre1300\tq4\tkanchanaburi\tequipment\t1\tsame cell twice is fine\n");
  EXPECT_EQ(coding.form, InputForm::cells);
  EXPECT_FALSE(coding.has_segments);
  ASSERT_EQ(coding.marks.size(), 2u);
  EXPECT_FALSE(coding.marks[0].segment);
  EXPECT_EQ(book().themes[coding.marks[0].theme].id, "equipment");
  EXPECT_EQ(coding.marks[0].term, "");
}

TEST(AgreementReader, CellTableCsvWithSegmentsAndBom) {
  const auto coding = parse("\xEF\xBB\xBFinstrument,question,province,segment,theme,value\r\n"
                            "centre1300,q4,suphanburi,3,staffing,1\r\n",
                            "x.csv");
  EXPECT_EQ(coding.form, InputForm::cells);
  EXPECT_TRUE(coding.has_segments);
  ASSERT_EQ(coding.marks.size(), 1u);
  EXPECT_EQ(coding.marks[0].segment, 2u);
}

TEST(AgreementReader, TheShippedHumanSampleReads) {
  const auto coding = read_coding(supanalyze::testing::test_data("human-coding-sample.tsv"), bundled(), book());
  EXPECT_EQ(coding.form, InputForm::cells);
  EXPECT_EQ(coding.marks.size(), 80u);
}

TEST(AgreementReader, ErrorsPointAtTheField) {
  // "ssw3-2564\t2564\tcentre1300\tq4\t" is 29 bytes: the province starts at column 30.
  EXPECT_NE(error_of(k_code_header + "ssw3-2564\t2564\tcentre1300\tq4\tratchburi\t2\tbudget\tx\t0\t1\tx\n")
                .find("x.tsv:2:30: unknown province 'ratchburi' (did you mean 'ratchaburi'?)"),
            std::string::npos);
  EXPECT_NE(error_of(k_code_header + "ssw3-2564\t2564\tcentre1300\tq9\tratchaburi\t2\tbudget\tx\t0\t1\tx\n")
                .find("x.tsv:2:27: unknown question"),
            std::string::npos);
  EXPECT_NE(error_of(k_code_header + "ssw3-2564\t2564\tcentre1300\tq4\tratchaburi\t3\tbudget\tx\t0\t1\tx\n")
                .find("x.tsv:2:41: segment '3' is not a segment number of centre1300/q4/ratchaburi (1..2)"),
            std::string::npos);
  EXPECT_NE(error_of(k_code_header + "ssw3-2564\t2564\tcentre1300\tq4\tratchaburi\t2\tbugdet\tx\t0\t1\tx\n")
                .find("x.tsv:2:43: unknown theme of codebook msdhs-2564 'bugdet' (did you mean 'budget'?)"),
            std::string::npos);
  EXPECT_NE(error_of(k_code_header + "ssw3-2563\t2564\tcentre1300\tq4\tratchaburi\t2\tbudget\tx\t0\t1\tx\n")
                .find("x.tsv:2:1: corpus 'ssw3-2563'"),
            std::string::npos);
  EXPECT_NE(error_of(k_code_header + "ssw3-2564\t2564\tcentre1300\tq4\n")
                .find("x.tsv:2:1: expected 11 fields as in the header, found 4"),
            std::string::npos);
}

TEST(AgreementReader, CellErrorsCountCharactersOfThaiNotes) {
  // The value column comes after a Thai note: columns count characters as an editor shows
  // them (อุปกรณ์ is 7 columns, 21 bytes), like every other error: column 46, not byte 60.
  const std::string header = "instrument\tquestion\tprovince\ttheme\tnote\tvalue\n";
  const std::string row = "centre1300\tq4\tkanchanaburi\tequipment\tอุปกรณ์\t";
  EXPECT_NE(error_of(header + row + "yes\n").find("x.tsv:2:46: value must be 0 or 1, not 'yes'"), std::string::npos);
  EXPECT_NE(error_of(header + row + "1\n" + row + "0\n").find("x.tsv:3:46: this cell contradicts line 2"),
            std::string::npos);
}

TEST(AgreementReader, HeaderAndSyntaxErrors) {
  EXPECT_NE(error_of("instrument\tquestion\tprovince\tvalue\n").find("x.tsv:1:1: no 'theme' column"),
            std::string::npos);
  EXPECT_NE(error_of("instrument\tquestion\tprovince\ttheme\n").find("x.tsv:1:1: no 'segment' column; a code file"),
            std::string::npos);
  EXPECT_NE(error_of("").find("x.tsv: empty file"), std::string::npos);
  EXPECT_NE(error_of("instrument,question,province,theme,value\ncentre1300,\"q4,kanchanaburi,budget,1\n", "x.csv")
                .find("x.csv:2:12: unterminated quoted field"),
            std::string::npos);
  EXPECT_NE(error_of("instrument,question,province,theme,value\ncentre1300,\"q4\"x,kanchanaburi,budget,1\n", "x.csv")
                .find("x.csv:2:16: unexpected character after a closing quote"),
            std::string::npos);
  const std::string ok =
      R"({"instrument":"centre1300","question":"q4","province":"prachuap","theme":"budget","value":1})";
  EXPECT_NE(error_of(ok + "\n{\"instrument\": centre1300}\n", "x.jsonl").find("x.jsonl:2:16: invalid JSON"),
            std::string::npos)
      << error_of(ok + "\n{\"instrument\": centre1300}\n", "x.jsonl");
  EXPECT_NE(error_of(ok + "\n{\"instrument\":\"centre1300\"}\n", "x.jsonl").find("x.jsonl:2:1: no 'question' key"),
            std::string::npos);
  EXPECT_NE(error_of(ok + "\n[1]\n", "x.jsonl").find("x.jsonl:2:1: expected one JSON object per line"),
            std::string::npos);
}

// Found by the agree fuzz target (docs/fuzzing.md; the input it saved): a number too large for
// JSON's parser escaped as nlohmann's out_of_range instead of an error at its line.
TEST(AgreementReader, ANumberTooLargeIsInvalidJsonAtItsLine) {
  const std::string found = supanalyze::testing::read_test_data("fuzz/agree-jsonl-number-overflow.jsonl");
  EXPECT_NE(error_of(found, "x.jsonl").find("x.jsonl:1:1: invalid JSON: number overflow parsing '2222222"),
            std::string::npos)
      << error_of(found, "x.jsonl");
  const std::string ok =
      R"({"instrument":"centre1300","question":"q4","province":"prachuap","theme":"budget","value":1})";
  EXPECT_NE(error_of(ok + "\n{\"value\": 1e999}\n", "x.jsonl").find("x.jsonl:2:1: invalid JSON: number overflow"),
            std::string::npos)
      << error_of(ok + "\n{\"value\": 1e999}\n", "x.jsonl");
}

// --- compare ------------------------------------------------------------------------------------

namespace {
std::vector<bool> only_question(const std::string &instrument, const std::string &question) {
  const auto &c = bundled();
  std::vector<bool> selected;
  for (const auto &a : c.answers)
    selected.push_back(c.instruments[a.instrument].id == instrument &&
                       c.instruments[a.instrument].questions[a.question].id == question);
  return selected;
}
std::size_t theme(const std::string &id) { return *book().index_of(id); }

// Cells of `theme` with value 0 for centre1300 q4 in every province but `except`: a cell table
// judges only the answers it names, so these make the others judged "no".
std::string zero_cells(const std::string &theme_id, const std::vector<std::string> &except, bool segment = false) {
  std::string rows;
  for (const auto &p : bundled().provinces)
    if (std::find(except.begin(), except.end(), p.id) == except.end())
      rows += "centre1300\tq4\t" + p.id + (segment ? "\t1" : "") + "\t" + theme_id + "\t0\n";
  return rows;
}
} // namespace

TEST(AgreementCompare, UniverseComesFromTheCorpus) {
  const auto sel = only_question("centre1300", "q4");
  const auto answers = make_universe(bundled(), sel, Unit::answer);
  ASSERT_EQ(answers.size(), 8u);
  EXPECT_EQ(answers.ids[0], "centre1300/q4/nakhonpathom");
  const auto segments = make_universe(bundled(), sel, Unit::segment);
  EXPECT_EQ(segments.size(), 6u + 4 + 8 + 3 + 5 + 3 + 2 + 2); // items per province in the transcripts
  EXPECT_EQ(segments.ids[6], "centre1300/q4/kanchanaburi/1");
}

TEST(AgreementCompare, CountsAgreedNegativesRollsUpAndListsDisagreements) {
  const auto tool =
      parse(k_code_header + "ssw3-2564\t2564\tcentre1300\tq4\tratchaburi\t2\tbudget\tค่าพาหนะ\t0\t1\tx\n"
                            "ssw3-2564\t2564\tcentre1300\tq4\tsuphanburi\t3\tstaffing\tไม่เพียงพอ\t0\t1\tx\n"
                            "ssw3-2564\t2564\tvulnerable\tq5\tratchaburi\t1\tbudget\tงบ\t0\t1\tx\n");
  const auto human = parse("instrument\tquestion\tprovince\ttheme\tvalue\n"
                           "centre1300\tq4\tratchaburi\tresources\t1\n"
                           "centre1300\tq4\tsamutsakhon\tbudget\t1\n" +
                           zero_cells("resources", {"ratchaburi", "samutsakhon"}));
  const std::vector<std::size_t> themes{theme("resources"), theme("budget")};
  const auto cmp = compare(bundled(), book(), tool, human, only_question("centre1300", "q4"), themes, Unit::answer);
  ASSERT_EQ(cmp.themes.size(), 2u);
  // resources: tool has it in ratchaburi (budget) and suphanburi (staffing); human in ratchaburi
  // and, through its sub-theme budget, samutsakhon.
  EXPECT_EQ(cmp.themes[0].counts.both, 1u);
  EXPECT_EQ(cmp.themes[0].counts.only_a, 1u);
  EXPECT_EQ(cmp.themes[0].counts.only_b, 1u);
  EXPECT_EQ(cmp.themes[0].counts.neither, 5u) << "answers neither file names are agreed negatives";
  // budget: tool ratchaburi; human samutsakhon. The vulnerable row is outside the selection.
  EXPECT_EQ(cmp.themes[1].counts.both, 0u);
  EXPECT_EQ(cmp.themes[1].counts.only_a, 1u);
  EXPECT_EQ(cmp.themes[1].counts.only_b, 1u);
  // budget is a sub-theme of resources: its cells are in resources' already, so (all) pools
  // resources only, and budget's disagreements are not counted twice.
  EXPECT_TRUE(cmp.themes[0].pooled);
  EXPECT_FALSE(cmp.themes[1].pooled);
  EXPECT_EQ(cmp.pooled_themes, 1u);
  EXPECT_EQ(cmp.overall.total(), 8u);
  EXPECT_EQ(cmp.overall.both, 1u);
  EXPECT_EQ(cmp.overall.only_a + cmp.overall.only_b, 2u);
  ASSERT_EQ(cmp.disagreements.size(), 4u); // theme by theme, units in corpus order
  const auto &d = cmp.disagreements[0];
  EXPECT_EQ(cmp.universe.ids[d.unit], "centre1300/q4/suphanburi");
  EXPECT_EQ(d.theme, theme("resources"));
  EXPECT_TRUE(d.a_yes);
  EXPECT_EQ(d.terms, std::vector<std::string>{"ไม่เพียงพอ"});
  EXPECT_EQ(d.segments, std::vector<std::size_t>{3});
  EXPECT_EQ(cmp.universe.ids[cmp.disagreements[1].unit], "centre1300/q4/samutsakhon");
  EXPECT_FALSE(cmp.disagreements[1].a_yes);
  EXPECT_TRUE(cmp.disagreements[1].terms.empty());
  EXPECT_EQ(cmp.disagreements[2].theme, theme("budget"));
  EXPECT_EQ(cmp.universe.ids[cmp.disagreements[3].unit], "centre1300/q4/ratchaburi");
}

// One rule for every reader (issue 17): a coding judges the answers it can say "no" in and
// names: a cell table its rows' answers (0 or 1), a project its sources; a code file, whose
// rows are only yeses, every answer. Only answers both judged are compared, and counted.
TEST(AgreementCompare, OnlyAnswersBothCodersJudgedAreCompared) {
  const auto tool = parse(k_code_header + "ssw3-2564\t2564\tcentre1300\tq4\tratchaburi\t2\tbudget\tค่าพาหนะ\t0\t1\tx\n"
                                          "ssw3-2564\t2564\tcentre1300\tq4\tsuphanburi\t3\tbudget\tงบ\t0\t1\tx\n");
  EXPECT_FALSE(tool.answers) << "a code file judges every answer";
  const auto human = parse("instrument\tquestion\tprovince\ttheme\tvalue\n"
                           "centre1300\tq4\tsamutsakhon\tbudget\t1\n"
                           "centre1300\tq4\tratchaburi\tbudget\t0\n"
                           "vulnerable\tq5\tratchaburi\tbudget\t0\n");
  ASSERT_TRUE(human.answers);
  EXPECT_EQ(human.answers->size(), 3u) << "a 0 cell is a judgement too";
  const auto cmp =
      compare(bundled(), book(), tool, human, only_question("centre1300", "q4"), {theme("budget")}, Unit::answer);
  // Compared: ratchaburi (tool yes, human no) and samutsakhon (tool no, human yes); suphanburi's
  // yes is in an answer the person never judged: not an "only A" cell.
  EXPECT_EQ(cmp.answers.compared, 2u);
  EXPECT_EQ(cmp.answers.only_a, 6u);
  EXPECT_EQ(cmp.answers.only_b, 0u);
  EXPECT_EQ(cmp.universe.size(), 2u);
  EXPECT_EQ(cmp.overall.total(), 2u);
  EXPECT_EQ(cmp.overall.only_a, 1u);
  EXPECT_EQ(cmp.overall.only_b, 1u);
  ASSERT_EQ(cmp.disagreements.size(), 2u);
  EXPECT_EQ(cmp.universe.ids[cmp.disagreements[0].unit], "centre1300/q4/samutsakhon"); // corpus order
  EXPECT_EQ(cmp.universe.ids[cmp.disagreements[1].unit], "centre1300/q4/ratchaburi");
  // Sides swapped, the counts swap.
  const auto back =
      compare(bundled(), book(), human, tool, only_question("centre1300", "q4"), {theme("budget")}, Unit::answer);
  EXPECT_EQ(back.answers.only_b, 6u);
  EXPECT_EQ(back.answers.only_a, 0u);
  // Two cell tables of different answers: neither judged the others, nothing in common.
  const auto other = parse("instrument\tquestion\tprovince\ttheme\tvalue\n"
                           "centre1300\tq4\tnakhonpathom\tbudget\t1\n");
  const auto apart =
      compare(bundled(), book(), human, other, only_question("centre1300", "q4"), {theme("budget")}, Unit::answer);
  EXPECT_EQ(apart.answers.compared, 0u);
  EXPECT_EQ(apart.answers.only_a, 2u);
  EXPECT_EQ(apart.answers.only_b, 1u);
  EXPECT_EQ(apart.answers.neither, 5u);
  EXPECT_EQ(apart.overall.total(), 0u);
}

TEST(AgreementCompare, SegmentUnits) {
  const auto a = parse(k_code_header + "ssw3-2564\t2564\tcentre1300\tq4\tratchaburi\t2\tbudget\tค่าพาหนะ\t0\t1\tx\n");
  const auto b = parse("instrument\tquestion\tprovince\tsegment\ttheme\tvalue\n"
                       "centre1300\tq4\tratchaburi\t1\tbudget\t1\n" +
                       zero_cells("budget", {"ratchaburi"}, true));
  const auto cmp =
      compare(bundled(), book(), a, b, only_question("centre1300", "q4"), {theme("budget")}, Unit::segment);
  EXPECT_EQ(cmp.overall.total(), 33u);
  EXPECT_EQ(cmp.overall.only_a, 1u);
  EXPECT_EQ(cmp.overall.only_b, 1u);
  EXPECT_EQ(cmp.universe.ids[cmp.disagreements[0].unit], "centre1300/q4/ratchaburi/1");
  EXPECT_EQ(cmp.universe.ids[cmp.disagreements[1].unit], "centre1300/q4/ratchaburi/2");
  const auto cells =
      parse("instrument\tquestion\tprovince\ttheme\tvalue\ncentre1300\tq4\tratchaburi\tbudget\t1\n", "h.tsv");
  try {
    compare(bundled(), book(), a, cells, only_question("centre1300", "q4"), {theme("budget")}, Unit::segment);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("h.tsv has no segment column"), std::string::npos) << e.what();
  }
  // Both spellings, as freq's --unit segments: options mean one thing everywhere.
  EXPECT_EQ(parse_unit("segments"), Unit::segment);
  EXPECT_EQ(parse_unit("answer"), Unit::answer);
  EXPECT_THROW(parse_unit("segmnt"), Error);
}
