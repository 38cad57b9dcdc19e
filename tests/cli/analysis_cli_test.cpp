// SPDX-License-Identifier: MIT
// freq, matrix and code on the bundled corpus with the default codebook, checked against what
// the 2564 report says.
#include "test_support.hpp"

#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/text/utf8.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using supanalyze::testing::run_cli;

namespace {

// theme -> province -> count, for one question, from `matrix --format json`.
std::map<std::string, std::map<std::string, int>> matrix_of(const std::string &question,
                                                            const std::string &unit = "provinces") {
  const auto r = run_cli({"matrix", "--question", question, "--unit", unit, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::map<std::string, std::map<std::string, int>> out;
  for (std::size_t i = 0; i < doc["row_items"].size(); ++i)
    for (std::size_t j = 0; j < doc["col_items"].size(); ++j)
      out[doc["row_items"][i]["id"]][doc["col_items"][j]["id"]] = doc["cells"][i][j];
  return out;
}

// Cells read by hand in the transcripts of the seed's table 4 (centre1300 q4) and table 10
// (vulnerable q5); each comment quotes the answer that decides it.
TEST(Matrix, HandCheckedCellsOfTheSeed) {
  const auto q4 = matrix_of("centre1300/q4");
  EXPECT_EQ(q4.at("staffing").at("nakhonpathom"), 1); // บุคลากรมีภารกิจงานประจำค่อนข้างมาก ... ตำแหน่งเฉพาะ
  EXPECT_EQ(q4.at("staffing").at("samutsongkhram"), 1); // เปลืองทรัพยากรบุคลากร ... อัตราจ้าง
  EXPECT_EQ(q4.at("staffing").at("kanchanaburi"), 0); // equipment, integration, budget, skills only
  EXPECT_EQ(q4.at("staffing").at("phetchaburi"), 0);  // skills only
  EXPECT_EQ(q4.at("budget").at("kanchanaburi"), 1); // ไม่มีงบสนับสนุน ... งบประมาณ
  EXPECT_EQ(q4.at("budget").at("samutsongkhram"), 1); // ค่าใช้จ่ายในเรื่องการเดินทาง ... งบดำเนินงาน
  EXPECT_EQ(q4.at("budget").at("nakhonpathom"), 0);   // no money word
  EXPECT_EQ(q4.at("budget").at("phetchaburi"), 0);
  EXPECT_EQ(q4.at("training").at("nakhonpathom"), 1); // ควรจัดอบรมให้ความรู้
  EXPECT_EQ(q4.at("training").at("phetchaburi"), 1); // ควรมีการฝึกทักษะ ... จัดอบรม
  EXPECT_EQ(q4.at("training").at("samutsongkhram"), 0);
  EXPECT_EQ(q4.at("equipment").at("kanchanaburi"), 1); // เครื่องมืออุปกรณ์ล้าสมัย
  EXPECT_EQ(q4.at("equipment").at("nakhonpathom"), 0);
  EXPECT_EQ(q4.at("publicity").at("nakhonpathom"), 1); // ยังไม่รู้จัก ... ช่องทางการประชาสัมพันธ์
  EXPECT_EQ(q4.at("publicity").at("kanchanaburi"), 0);
  EXPECT_EQ(q4.at("coordination").at("kanchanaburi"), 1); // การบูรณาการความร่วมมือกับหน่วยงานภายนอก
  EXPECT_EQ(q4.at("covid19").at("nakhonpathom"), 0);
  const auto q5 = matrix_of("vulnerable/q5");
  EXPECT_EQ(q5.at("covid19").at("samutsongkhram"), 1); // การแพร่ระบาดของสถานการณ์ Covid-19
  EXPECT_EQ(q5.at("covid19").at("ratchaburi"), 1);
  EXPECT_EQ(q5.at("staffing").at("samutsongkhram"), 1); // บุคลากรมีไม่เพียงพอในการลงพื้นที่
  EXPECT_EQ(q5.at("staffing").at("ratchaburi"), 0);
  EXPECT_EQ(q5.at("tpmap_data").at("ratchaburi"), 1); // ยังปรากฎในฐานข้อมูล TPmap
  EXPECT_EQ(q5.at("budget").at("ratchaburi"), 0);
  EXPECT_EQ(q5.at("budget").at("samutsongkhram"), 0);
}

// tests/data/part3_expectations.tsv: each theme the analysts' synthesis (part 3 of the report)
// names for a question, with their words. The tool must find it in the answers to that question.
TEST(Freq, FindsWhatTheAnalystsNamedForEachQuestion) {
  const auto r = run_cli({"freq", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::set<std::string> found;
  for (const auto &q : doc["questions"])
    for (const auto &t : q["themes"])
      if (t["count"].get<int>() > 0)
        found.insert(q["instrument"].get<std::string>() + "/" + q["question"].get<std::string>() + "/" +
                     t["theme"].get<std::string>());
  std::istringstream rows(supanalyze::testing::read_test_data("part3_expectations.tsv"));
  std::string line;
  std::getline(rows, line);
  std::size_t expected = 0, missed = 0;
  while (std::getline(rows, line)) {
    if (line.empty()) continue;
    std::istringstream f(line);
    std::string instrument, question, theme, evidence;
    std::getline(f, instrument, '\t');
    std::getline(f, question, '\t');
    std::getline(f, theme, '\t');
    std::getline(f, evidence, '\t');
    ++expected;
    if (!found.count(instrument + "/" + question + "/" + theme)) {
      ++missed;
      ADD_FAILURE() << instrument << "/" << question << " should find " << theme << " (part 3: " << evidence << ")";
    }
  }
  EXPECT_GE(expected, 40u);
  EXPECT_EQ(missed, 0u);
}

TEST(Freq, IssueExamplesAndMajorityMarks) {
  const auto r = run_cli({"freq", "--question", "centre1300/q4", "--format", "tsv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char *theme : {"staffing", "budget", "training", "equipment", "publicity"})
    EXPECT_NE(r.out.find(std::string("centre1300\tq4\t") + theme + "\t"), std::string::npos) << theme;
  // staffing: 5 of 8 provinces, more than half.
  EXPECT_NE(r.out.find("centre1300\tq4\tstaffing\tอัตรากำลังและภาระงาน\t6\t8\t75.0%\t1"), std::string::npos) << r.out;
  const auto v = run_cli({"freq", "--question", "vulnerable/q5", "--format", "tsv"});
  for (const char *theme : {"tpmap_data", "covid19", "budget", "staffing", "training"})
    EXPECT_NE(v.out.find(std::string("vulnerable\tq5\t") + theme + "\t"), std::string::npos) << theme;
}

TEST(Freq, TerminalTableTitledByQuestionAndAlignedByDisplayWidth) {
  const auto r = run_cli({"freq", "--question", "centre1300/q4"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("centre1300 q4 · ท่านคิดว่าปัญหาหรืออุปสรรค", 0), 0u) << r.out;
  // every row of the table has the count column at the same display column
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line); // title
  std::getline(lines, line); // header
  const auto header_width = supanalyze::text::display_width(line.substr(0, line.find("provinces") + 9));
  std::getline(lines, line); // rule
  int rows = 0;
  while (std::getline(lines, line) && !line.empty()) {
    const auto slash = line.find("   8  "); // two spaces, then "of" right-aligned
    ASSERT_NE(slash, std::string::npos) << line;
    EXPECT_EQ(supanalyze::text::display_width(line.substr(0, slash)), header_width) << line;
    ++rows;
  }
  EXPECT_GT(rows, 5);
}

// --segment-text adds the whole segment; character offsets index it as Python and spreadsheets do.
TEST(Code, SegmentTextAndCharacterOffsets) {
  const auto rows =
      run_cli({"code", "-q", "centre1300/q4", "-p", "ratchaburi", "-t", "budget", "--segment-text", "-f", "jsonl"});
  ASSERT_EQ(rows.exit_code, 0) << rows.err;
  // centre1300/q4/ratchaburi/2: "ระยะห่างของสถานที่ตั้ง เป็นอุปสรรคต่อการเดินทาง ควรมีการสนับสนุนค่าพาหนะ…"
  const std::string segment = "2. ระยะห่างของสถานที่ตั้ง เป็นอุปสรรคต่อการเดินทาง ควรมีการสนับสนุนค่าพาหนะเดินทางเจ้าหน้าที่";
  const std::string expected_prefix =
      "{\"schema\":\"supanalyze.code/"
      "1\",\"corpus\":\"ssw3-2564\",\"year\":2564,\"instrument\":\"centre1300\",\"question\":\"q4\","
      "\"province\":\"ratchaburi\",\"segment\":2,\"theme\":\"budget\",\"term\":\"ค่าพาหนะ\",";
  const auto at = rows.out.find(expected_prefix);
  ASSERT_NE(at, std::string::npos) << rows.out;
  const auto line = rows.out.substr(at, rows.out.find('\n', at) - at);
  const auto bytes = segment.find("ค่าพาหนะ");
  const auto chars = supanalyze::text::to_u32(segment).find(U"ค่าพาหนะ");
  EXPECT_EQ(line, expected_prefix + "\"start\":" + std::to_string(bytes) + ",\"end\":" + std::to_string(bytes + 24) +
                      ",\"text\":\"ค่าพาหนะ\",\"in\":\"text\",\"char_start\":" + std::to_string(chars) +
                      ",\"char_end\":" + std::to_string(chars + 8) +
                      ",\"label\":\"งบประมาณและค่าใช้จ่าย\",\"segment_text\":\"" + segment + "\"}");
  EXPECT_NE(bytes, chars) << "Thai letters are 3 bytes each";
  const auto tsv = run_cli({"code", "-q", "centre1300/q4", "-t", "budget"});
  EXPECT_EQ(tsv.out.find("segment_text"), std::string::npos) << "only on request";
}

TEST(Code, SpansAreExactAndOutputIsDeterministicAcrossThreads) {
  const auto one = run_cli({"code", "-j", "1"});
  const auto two = run_cli({"code", "-j", "2"});
  const auto three = run_cli({"code", "-j", "3"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.out, three.out);
  const auto corpus = supanalyze::corpus::read_corpus(supanalyze::testing::bundled_corpus());
  std::istringstream rows(one.out);
  std::string line;
  std::getline(rows, line);
  EXPECT_EQ(line, "corpus\tyear\tinstrument\tquestion\tprovince\tsegment\ttheme\tterm\tstart\tend\ttext\tin\tchar_"
                  "start\tchar_end\tlabel");
  std::size_t checked = 0;
  while (std::getline(rows, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');)
      f.push_back(x);
    ASSERT_EQ(f.size(), 15u) << line;
    const auto i = *corpus.instrument_index(f[2]);
    const auto q = *corpus.question_index(i, f[3]);
    const auto p = *corpus.province_index(f[4]);
    for (const auto &a : corpus.answers)
      if (a.instrument == i && a.question == q && a.province == p) {
        const auto &segment = a.segments.at(std::stoul(f[5]) - 1);
        const auto &text = f[11] == "label" ? segment.label : segment.text;
        EXPECT_EQ(text.substr(std::stoul(f[8]), std::stoul(f[9]) - std::stoul(f[8])), f[10]);
        // The same span in characters (code points).
        const std::u32string chars = supanalyze::text::to_u32(text);
        EXPECT_EQ(supanalyze::text::to_utf8(chars.substr(std::stoul(f[12]), std::stoul(f[13]) - std::stoul(f[12]))),
                  f[10]);
        ++checked;
      }
  }
  EXPECT_GT(checked, 1000u);
}

// The corpus's ### labels carry meaning: "หน่วยร่วมดำเนินการ/หน่วยสนับสนุน" heads the list of the
// agencies that work with the One Home team (seed table 13, สมุทรสงคราม).
TEST(Code, LabelsAreCodedOnceUnlessNoLabels) {
  const std::vector<std::string> args{"code", "-q", "vulnerable/q3", "-p", "samutsongkhram", "-t", "coordination"};
  const auto with = run_cli(args);
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_NE(with.out.find("\tหน่วยร่วมดำเนินการ\tlabel\t"), std::string::npos) << with.out;
  std::size_t label_rows = 0, at_segment_6 = 0;
  for (std::size_t at = 0; (at = with.out.find("\tlabel\t", at)) != std::string::npos; ++at)
    ++label_rows;
  for (std::size_t at = 0; (at = with.out.find("\tsamutsongkhram\t6\tcoordination\t", at)) != std::string::npos; ++at)
    ++at_segment_6;
  EXPECT_GE(label_rows, 1u);
  EXPECT_EQ(label_rows, at_segment_6) << "a label is coded once, with the first segment under it:\n" << with.out;
  auto args_without = args;
  args_without.push_back("--no-labels");
  const auto without = run_cli(args_without);
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_EQ(without.out.find("\tlabel\t"), std::string::npos) << without.out;

  const auto kwic = run_cli({"kwic", "-q", "vulnerable/q3", "-p", "samutsongkhram", "-t", "coordination"});
  ASSERT_EQ(kwic.exit_code, 0) << kwic.err;
  EXPECT_NE(kwic.out.find("vulnerable/q3/samutsongkhram/6 ###"), std::string::npos) << kwic.out;
}

TEST(Outputs, AreByteForByteRepeatableAndWrittenAtomically) {
  const auto dir = supanalyze::testing::fresh_temp_dir("outputs");
  for (const std::string format : {"table", "csv", "tsv", "json", "md"}) {
    const auto a = run_cli({"matrix", "--instrument", "onehome", "--unit", "answers", "--format", format});
    const auto b = run_cli({"matrix", "--instrument", "onehome", "--unit", "answers", "--format", format});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(a.out, b.out) << format;
    const auto file = dir / ("m." + format);
    ASSERT_EQ(
        run_cli({"matrix", "--instrument", "onehome", "--unit", "answers", "--format", format, "-o", file.string()})
            .exit_code,
        0);
    EXPECT_EQ(supanalyze::read_file(file), a.out);
  }
  for (const auto &entry : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << "no temporary file left";
}

TEST(Matrix, JsonCarriesSchemaCodebookUnitAndFilters) {
  const auto r =
      run_cli({"matrix", "--instrument", "provplan", "--rows", "theme", "--cols", "question", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["schema"], "supanalyze.matrix/2");
  EXPECT_EQ(doc["corpus"], "ssw3-2564");
  EXPECT_EQ(doc["codebook"]["id"], "msdhs-2564");
  EXPECT_EQ(doc["unit"], "provinces");
  EXPECT_EQ(doc["filters"]["instrument"][0], "provplan");
  EXPECT_EQ(doc["col_items"].size(), 8u);
}

TEST(Filters, UnknownIdsAreUsageErrors) {
  const auto r = run_cli({"freq", "--question", "centre1300/q9"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown question 'centre1300/q9'"), std::string::npos) << r.err;
  const auto t = run_cli({"matrix", "--theme", "stafing"});
  EXPECT_EQ(t.exit_code, 2);
  EXPECT_NE(t.err.find("did you mean 'staffing'?"), std::string::npos) << t.err;
}

} // namespace

namespace {

// Options mean one thing everywhere: a unit in the singular or the plural, for every command.
TEST(Options, UnitsInTheSingularOrThePlural) {
  for (const auto &[singular, plural] : {std::pair{"province", "provinces"}, std::pair{"answer", "answers"},
                                         std::pair{"segment", "segments"}, std::pair{"mention", "mentions"}}) {
    const auto a = run_cli({"freq", "-q", "centre1300/q4", "--unit", singular, "--format", "json"});
    const auto b = run_cli({"freq", "-q", "centre1300/q4", "--unit", plural, "--format", "json"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(a.out, b.out) << singular;
    EXPECT_EQ(nlohmann::json::parse(a.out)["unit"], plural); // printed in the one canonical spelling
    const auto m = run_cli({"matrix", "-q", "centre1300/q4", "--unit", singular});
    EXPECT_EQ(m.out, run_cli({"matrix", "-q", "centre1300/q4", "--unit", plural}).out) << singular;
  }
  const auto agree = [](const char *unit) {
    return run_cli({"agree", supanalyze::testing::test_data("human-coding-sample.tsv"),
                    supanalyze::testing::test_data("human-coding-sample.tsv"), "-q", "centre1300/q4", "--unit", unit,
                    "--format", "json"});
  };
  ASSERT_EQ(agree("answers").exit_code, 0) << agree("answers").err;
  EXPECT_EQ(agree("answers").out, agree("answer").out);
  EXPECT_EQ(nlohmann::json::parse(agree("answers").out)["unit"], "answer");
}

TEST(Options, BadValuesAreUsageErrorsListingTheChoices) {
  const auto unit = run_cli({"freq", "--unit", "provnces"});
  EXPECT_EQ(unit.exit_code, 2);
  EXPECT_NE(unit.err.find("--unit: the unit must be provinces, answers, segments or mentions"), std::string::npos)
      << unit.err;
  EXPECT_TRUE(unit.out.empty());
  const auto lang = run_cli({"matrix", "--lang", "fr"});
  EXPECT_EQ(lang.exit_code, 2);
  EXPECT_NE(lang.err.find("--lang: the language must be th or en, not 'fr'"), std::string::npos) << lang.err;
  const auto rows = run_cli({"matrix", "--rows", "provnce"});
  EXPECT_EQ(rows.exit_code, 2);
  EXPECT_NE(rows.err.find("--rows: an axis must be theme, province or question"), std::string::npos) << rows.err;
  const auto agree = run_cli({"agree", "a.tsv", "b.tsv", "--unit", "province"});
  EXPECT_EQ(agree.exit_code, 2);
  EXPECT_NE(agree.err.find("--unit: the unit must be answer or segment"), std::string::npos) << agree.err;
}

} // namespace
