// SPDX-License-Identifier: MIT
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/corpus/writer.hpp>
#include <supanalyze/io.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace supanalyze;
using supanalyze::testing::bundled_corpus;
using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;

namespace {

const corpus::Corpus &bundled() {
  static const corpus::Corpus c = corpus::read_corpus(bundled_corpus());
  return c;
}

TEST(BundledCorpus, HasTheShapeOfTheReport) {
  const auto &c = bundled();
  EXPECT_EQ(c.id, "ssw3-2564");
  EXPECT_EQ(c.year_be, 2564);
  EXPECT_EQ(c.year_ce, 2021);
  EXPECT_EQ(c.instruments.size(), 4u);
  EXPECT_EQ(c.question_count(), 25u);
  EXPECT_EQ(c.provinces.size(), 8u);
  EXPECT_EQ(c.answers.size(), 200u);
  for (const auto &a : c.answers)
    EXPECT_FALSE(a.segments.empty()) << c.segment_id(a, 0);
}

TEST(BundledCorpus, ChecksClean) {
  const auto r = run_cli({"corpus", "check", bundled_corpus()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("200 answers"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 errors, 0 warnings"), std::string::npos) << r.out;
}

TEST(BundledCorpus, IsAlreadyNormalized) {
  for (const auto &a : bundled().answers)
    for (const auto &s : a.segments) {
      const std::string raw = read_file(s.where.file);
      EXPECT_NE(raw.find(s.text), std::string::npos) << s.where.to_string() << ": " << s.text;
    }
}

// Phrases read in the seed's appendix, each under the instrument, question and province the
// seed prints it for (tests/data/corpus_samples.tsv, at least 3 per table, all 8 provinces).
TEST(BundledCorpus, SamplePhrasesSitUnderTheRightAnswer) {
  const auto &c = bundled();
  std::istringstream rows(supanalyze::testing::read_test_data("corpus_samples.tsv"));
  std::string line;
  std::getline(rows, line); // header
  std::size_t checked = 0;
  std::set<std::string> tables, provinces;
  while (std::getline(rows, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string instrument, question, province, phrase;
    std::getline(fields, instrument, '\t');
    std::getline(fields, question, '\t');
    std::getline(fields, province, '\t');
    std::getline(fields, phrase, '\t');
    bool found_here = false;
    for (const auto &a : c.answers) {
      if (c.instruments[a.instrument].id != instrument ||
          c.instruments[a.instrument].questions[a.question].id != question || c.provinces[a.province].id != province)
        continue;
      for (const auto &s : a.segments)
        found_here |= s.text.find(phrase) != std::string::npos;
    }
    EXPECT_TRUE(found_here) << instrument << "/" << question << "/" << province << ": " << phrase;
    ++checked;
    tables.insert(instrument + "/" + question);
    provinces.insert(province);
  }
  EXPECT_GE(checked, 40u);
  EXPECT_EQ(tables.size(), 25u);
  EXPECT_EQ(provinces.size(), 8u);
}

TEST(BundledCorpus, KeepsTableOneScopeAreasAsLabels) {
  const auto &c = bundled();
  const auto &first = c.answers.front(); // centre1300/q1/nakhonpathom
  ASSERT_EQ(c.segment_id(first, 1), "centre1300/q1/nakhonpathom/1");
  EXPECT_EQ(first.segments.front().label, "ด้านการบริหารจัดการ");
  EXPECT_EQ(first.segments.back().label, "การรายงาน");
}

TEST(CorpusTable, TsvAndCsvRoundTripByteForByte) {
  for (const std::string format : {"tsv", "csv"}) {
    const fs::path dir = fresh_temp_dir("test-roundtrip-" + format);
    const fs::path table = dir / ("corpus." + format);
    ASSERT_EQ(run_cli({"corpus", "export", bundled_corpus(), "--format", format, "-o", table.string()}).exit_code, 0);
    fs::copy_file(bundled_corpus() + "/corpus.yaml", dir / "corpus.yaml");
    const auto imported = run_cli({"corpus", "import", table.string(), "-o", (dir / "folder").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    // The folder written back is the bundled folder, file for file.
    for (const auto &entry : fs::recursive_directory_iterator(dir / "folder")) {
      if (!entry.is_regular_file()) continue;
      const fs::path relative = fs::relative(entry.path(), dir / "folder");
      EXPECT_EQ(read_file(entry.path()), read_file(fs::path(bundled_corpus()) / relative)) << relative;
    }
    const auto again = run_cli({"corpus", "export", (dir / "folder").string(), "--format", format});
    EXPECT_EQ(again.out, read_file(table));
    const auto direct = run_cli({"corpus", "export", table.string(), "--format", format});
    EXPECT_EQ(direct.out, read_file(table)) << "a table is itself a corpus";
  }
}

// A small valid corpus to break in each test.
fs::path make_corpus(const std::string &name) {
  const fs::path dir = fresh_temp_dir("test-" + name);
  std::ofstream(dir / "corpus.yaml") << "id: tiny\nyear: {be: 2565}\nprovinces:\n  - {id: nakhonpathom, th: นครปฐม}\n"
                                        "  - {id: ratchaburi, th: ราชบุรี}\ninstruments:\n  - id: centre1300\n"
                                        "    th: ศูนย์ช่วยเหลือทางสังคม 1300\n    questions:\n      - {id: q1, th: ปัญหา}\n"
                                        "      - {id: q2, th: ข้อเสนอแนะ}\n";
  fs::create_directories(dir / "centre1300");
  std::ofstream(dir / "centre1300" / "nakhonpathom.md") << "## q1\n1. เจ้าหน้าที่ไม่เพียงพอ\n\n## q2\nไม่มี\n";
  std::ofstream(dir / "centre1300" / "ratchaburi.md") << "## q1\n- ขาดงบประมาณ\n## q2\nไม่มี\n";
  return dir;
}

struct Defect {
  const char *name;
  const char *file;         // relative to the corpus
  std::string_view content; // written as is
  const char *expected;     // a piece of the message, after file:line:col
};

class CorpusDefects : public ::testing::TestWithParam<Defect> {};

TEST_P(CorpusDefects, GetPreciseErrorAndExitTwo) {
  const Defect &d = GetParam();
  const fs::path dir = make_corpus(d.name);
  fs::create_directories((dir / d.file).parent_path());
  std::ofstream(dir / d.file, std::ios::binary | std::ios::trunc)
      .write(d.content.data(), static_cast<std::streamsize>(d.content.size()));
  const auto r = run_cli({"corpus", "check", dir.string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find(d.expected), std::string::npos) << "expected '" << d.expected << "' in:\n"
                                                                 << r.out << r.err;
}

void PrintTo(const Defect &d, std::ostream *os) { *os << d.name; }

INSTANTIATE_TEST_SUITE_P(
    Each, CorpusDefects,
    ::testing::Values(
        Defect{"unknown_province", "centre1300/ratburi.md", "## q1\nไม่มี\n",
               "ratburi.md: error: unknown province 'ratburi' (did you mean 'ratchaburi'?"},
        Defect{"unknown_instrument", "centre1301/nakhonpathom.md", "## q1\nไม่มี\n",
               "centre1301: error: unknown instrument folder 'centre1301' (did you mean 'centre1300'?"},
        Defect{"unknown_question", "centre1300/nakhonpathom.md", "## q1\nไม่มี\n## q7\nไม่มี\n",
               "nakhonpathom.md:3:4: error: question heading 'q7' does not exist in instrument 'centre1300'"},
        Defect{"duplicate_answer", "centre1300/nakhonpathom.md", "## q1\nไม่มี\n\n## q1\nมี\n",
               "nakhonpathom.md:4:1: error: duplicate answer to q1 (first at line 1)"},
        Defect{"empty_file", "centre1300/nakhonpathom.md", "\n\n", "nakhonpathom.md: error: empty file"},
        Defect{"invalid_utf8", "centre1300/nakhonpathom.md", "## q1\nไม่\xE0\xB8มี\n",
               "nakhonpathom.md:2:4: error: invalid UTF-8 sequence"}, // column in characters: ไม่ is 3
        Defect{"utf16_odd_bytes", "centre1300/nakhonpathom.md", std::string_view("\xFF\xFE#\0#\0 \0q\0001\0\n\0x", 15),
               "nakhonpathom.md:2:1: error: UTF-16 text with an odd number of bytes"},
        Defect{"text_before_heading", "centre1300/nakhonpathom.md", "ไม่มี\n## q1\nไม่มี\n",
               "nakhonpathom.md:1:1: error: text before the first question heading"},
        Defect{"unknown_metadata_key", "corpus.yaml", "id: tiny\nyear: {be: 2565}\nprovinces: []\ninstrumnets: []\n",
               "corpus.yaml:4:1: error: instrumnets: unknown key (did you mean 'instruments'?)"},
        Defect{"bad_yaml", "corpus.yaml", "id: tiny\nprovinces: [\n", "corpus.yaml:3:1: invalid YAML"}),
    [](const ::testing::TestParamInfo<Defect> &info) { return info.param.name; });

TEST(CorpusCheck, WarningsAloneExitZero) {
  const fs::path dir = make_corpus("warnings");
  std::ofstream(dir / "centre1300" / "ratchaburi.md", std::ios::trunc) << "## q1\n- ขาดงบประมาณ\n";
  const auto r = run_cli({"corpus", "check", dir.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("ratchaburi.md: warning: no answer to q2"), std::string::npos) << r.out;
}

TEST(CorpusTableDefects, DuplicateSegmentNamesLineAndColumn) {
  const fs::path dir = make_corpus("table-defect");
  std::ofstream(dir / "t.tsv") << "corpus\tyear\tinstrument\tquestion\tprovince\tsegment\ttext\n"
                                  "tiny\t2565\tcentre1300\tq1\tnakhonpathom\t1\tไม่มี\n"
                                  "tiny\t2565\tcentre1300\tq1\tnakhonpathom\t1\tมี\n"
                                  "tiny\t2565\tcentre1300\tq1\tsamutprakan\t1\tมี\n";
  const auto r = run_cli({"corpus", "check", (dir / "t.tsv").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("t.tsv:3:38: error: segment '1'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("t.tsv:4:25: error: unknown province 'samutprakan'"), std::string::npos) << r.out;
}

TEST(CorpusStats, CountsAnswersSegmentsTokens) {
  const auto r = run_cli({"corpus", "stats", "--format", "tsv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("total\t\t200\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("centre1300/q1\t"), std::string::npos);
}

} // namespace
