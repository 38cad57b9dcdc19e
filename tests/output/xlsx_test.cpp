// SPDX-License-Identifier: MIT
// XLSX output read back without an office suite: the workbook is unzipped with libzip and its
// sheet XML checked (Thai kept as shared strings, numbers as numeric cells, the frozen header,
// the autofilter, the matrix heatmap's colour scale on exactly the matrix cells), and the
// same input gives the same bytes.
#include "test_support.hpp"

#include <supanalyze/io.hpp>
#include <supanalyze/output/xlsx.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <regex>

using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;
namespace fs = std::filesystem;

namespace {

// The text of `entry` in the zip archive `file`, or "" when it has none.
std::string zip_entry(const fs::path &file, const std::string &entry) {
  int error = 0;
  zip_t *archive = zip_open(file.string().c_str(), ZIP_RDONLY, &error);
  EXPECT_NE(archive, nullptr) << file << " is not a zip archive (error " << error << ")";
  if (!archive) return "";
  std::string text;
  zip_stat_t stat;
  if (zip_stat(archive, entry.c_str(), 0, &stat) == 0) {
    zip_file_t *f = zip_fopen(archive, entry.c_str(), 0);
    text.resize(stat.size);
    EXPECT_EQ(zip_fread(f, text.data(), stat.size), static_cast<zip_int64_t>(stat.size));
    zip_fclose(f);
  }
  zip_close(archive);
  return text;
}

std::size_t count_of(const std::string &text, const std::string &what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// "C" for column 2 (0-based).
std::string column_letter(std::size_t col) {
  std::string s;
  for (++col; col > 0; col = (col - 1) / 26)
    s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
  return s;
}

TEST(Xlsx, MatrixSheetHasTheHeatmapOnItsCellsThaiTextAndNumbers) {
  const fs::path dir = fresh_temp_dir("xlsx-matrix");
  const fs::path file = dir / "m.xlsx";
  const auto r = run_cli({"matrix", "-q", "centre1300/q4", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(run_cli({"matrix", "-q", "centre1300/q4", "--format", "json"}).out);
  const std::size_t rows = doc["row_items"].size(), cols = doc["col_items"].size();
  ASSERT_GT(rows, 5u);
  ASSERT_EQ(cols, 8u); // the eight provinces

  const std::string workbook = zip_entry(file, "xl/workbook.xml");
  EXPECT_NE(workbook.find("<sheet name=\"centre1300 q4\""), std::string::npos) << workbook;
  const std::string sheet = zip_entry(file, "xl/worksheets/sheet1.xml");
  // The colour scale covers the cells: rows 3.. (after the title and header rows), columns C.. (after id and label).
  const std::string cells = "C3:" + column_letter(2 + cols - 1) + std::to_string(2 + rows);
  EXPECT_NE(sheet.find("<conditionalFormatting sqref=\"" + cells + "\"><cfRule type=\"colorScale\""), std::string::npos)
      << sheet;
  EXPECT_NE(sheet.find("<colorScale>"), std::string::npos);
  EXPECT_NE(sheet.find("ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\""),
            std::string::npos);
  EXPECT_NE(sheet.find("<autoFilter ref=\"A2:"), std::string::npos);
  // Every cell of the matrix is a number: <c r="C3" ...><v>1</v></c>, never a string (t="s").
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) {
      const std::string ref = column_letter(2 + j) + std::to_string(3 + i);
      const std::regex numeric("<c r=\"" + ref + "\"( s=\"[0-9]+\")?><v>" +
                               std::to_string(doc["cells"][i][j].get<int>()) + "</v></c>");
      EXPECT_TRUE(std::regex_search(sheet, numeric)) << ref;
    }
  // Thai intact as shared strings: the question text in the title, province names, theme labels.
  const std::string strings = zip_entry(file, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("ท่านคิดว่าปัญหาหรืออุปสรรคของโครงการนโยบายศูนย์ช่วยเหลือทางสังคม 1300"), std::string::npos);
  EXPECT_NE(strings.find("<t>นครปฐม</t>"), std::string::npos);
  EXPECT_NE(strings.find("<t>ทรัพยากรในการปฏิบัติงาน</t>"), std::string::npos);
  // The themes' codebook colours fill their labels (resources is #4e79a7 in the default codebook).
  EXPECT_NE(zip_entry(file, "xl/styles.xml").find("<fgColor rgb=\"FF4E79A7\"/>"), std::string::npos);
}

TEST(Xlsx, SameInputSameBytesAnyThreadCount) {
  const fs::path dir = fresh_temp_dir("xlsx-bytes");
  for (const auto &command : std::vector<std::vector<std::string>>{
           {"matrix"}, {"freq", "-i", "vulnerable"}, {"kwic", "-t", "budget"}, {"code", "-q", "centre1300/q4"}}) {
    std::vector<std::string> one = command, two = command;
    one.insert(one.end(), {"-j", "1", "-o", (dir / "one.xlsx").string()});
    two.insert(two.end(), {"-j", "4", "-o", (dir / "two.xlsx").string()});
    ASSERT_EQ(run_cli(one).exit_code, 0) << command[0];
    ASSERT_EQ(run_cli(two).exit_code, 0) << command[0];
    EXPECT_EQ(supanalyze::read_file(dir / "one.xlsx"), supanalyze::read_file(dir / "two.xlsx")) << command[0];
    // The creation time is fixed: not the clock's.
    EXPECT_NE(zip_entry(dir / "one.xlsx", "docProps/core.xml").find("2000-01-01T00:00:00Z"), std::string::npos);
  }
}

TEST(Xlsx, FreqHasASheetPerQuestionWithNumbersAndShares) {
  const fs::path dir = fresh_temp_dir("xlsx-freq");
  const fs::path file = dir / "f.xlsx";
  ASSERT_EQ(run_cli({"freq", "-i", "centre1300", "-o", file.string()}).exit_code, 0);
  const auto doc = nlohmann::json::parse(run_cli({"freq", "-i", "centre1300", "--format", "json"}).out);
  const std::string workbook = zip_entry(file, "xl/workbook.xml");
  EXPECT_EQ(count_of(workbook, "<sheet name="), doc["questions"].size());
  const auto &q = doc["questions"][0];
  const std::string sheet = zip_entry(file, "xl/worksheets/sheet1.xml");
  // The first theme's count and denominator as numbers in C3 and D3, its share as a fraction in E3.
  EXPECT_TRUE(std::regex_search(sheet, std::regex("<c r=\"C3\"( s=\"[0-9]+\")?><v>" +
                                                  std::to_string(q["themes"][0]["count"].get<int>()) + "</v>")));
  EXPECT_TRUE(std::regex_search(
      sheet, std::regex("<c r=\"D3\"( s=\"[0-9]+\")?><v>" + std::to_string(q["denominator"].get<int>()) + "</v>")));
  EXPECT_TRUE(std::regex_search(sheet, std::regex("<c r=\"E3\" s=\"[0-9]+\"><v>0\\.[0-9]+</v>")));
  EXPECT_EQ(sheet.find("colorScale"), std::string::npos); // a heatmap only on matrices
  EXPECT_NE(zip_entry(file, "xl/sharedStrings.xml").find(q["label"].get<std::string>()), std::string::npos);
}

TEST(Xlsx, CodeAndKwicRowsAreTheRowsOfTheirTsv) {
  const fs::path dir = fresh_temp_dir("xlsx-rows");
  for (const std::string command : {"code", "kwic"}) {
    const fs::path file = dir / (command + ".xlsx");
    ASSERT_EQ(run_cli({command, "-t", "budget", "-q", "centre1300/q4", "-o", file.string()}).exit_code, 0);
    const std::string tsv = run_cli({command, "-t", "budget", "-q", "centre1300/q4", "--format", "tsv"}).out;
    const std::size_t rows = count_of(tsv, "\n") - 1;
    ASSERT_GT(rows, 0u);
    const std::string sheet = zip_entry(file, "xl/worksheets/sheet1.xml");
    EXPECT_EQ(count_of(sheet, "<row "), rows + 2) << command; // title, header, rows
  }
}

TEST(Xlsx, UncodedAndTermsWriteASheetFromTheExtension) {
  const fs::path dir = fresh_temp_dir("xlsx-uncoded-terms");
  // uncoded: the TSV's rows, year and segment as numbers, the residue's size under them.
  const fs::path uncoded = dir / "u.xlsx";
  ASSERT_EQ(run_cli({"uncoded", "-q", "centre1300/q1", "-o", uncoded.string()}).exit_code, 0);
  const std::string tsv = run_cli({"uncoded", "-q", "centre1300/q1", "--format", "tsv"}).out;
  const std::size_t rows = count_of(tsv, "\n") - 1;
  ASSERT_GT(rows, 0u);
  std::string sheet = zip_entry(uncoded, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(count_of(sheet, "<row "), rows + 3); // title, header, rows, the summary
  EXPECT_TRUE(std::regex_search(sheet, std::regex("<c r=\"B3\"( s=\"[0-9]+\")?><v>2564</v>")));
  EXPECT_NE(zip_entry(uncoded, "xl/sharedStrings.xml").find("segments ("), std::string::npos);
  // terms --keyness: G², p and the counts as numbers, the same first term as the JSON's.
  const fs::path keyness = dir / "k.xlsx";
  ASSERT_EQ(run_cli({"terms", "--keyness", "uncoded", "--top", "5", "-o", keyness.string()}).exit_code, 0);
  const auto doc =
      nlohmann::json::parse(run_cli({"terms", "--keyness", "uncoded", "--top", "5", "--format", "json"}).out);
  sheet = zip_entry(keyness, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(count_of(sheet, "<row "), 5u + 2 + 2); // title, header, 5 terms, two notes
  EXPECT_TRUE(std::regex_search(sheet, std::regex("<c r=\"C3\"( s=\"[0-9]+\")?><v>" +
                                                  std::to_string(doc["terms"][0]["n_target"].get<int>()) + "</v>")));
  std::smatch g2;
  ASSERT_TRUE(std::regex_search(sheet, g2, std::regex("<c r=\"E3\"( s=\"[0-9]+\")?><v>([0-9.]+)</v>")));
  EXPECT_NEAR(std::stod(g2[2]), doc["terms"][0]["G2"].get<double>(), 0.001);
  EXPECT_NE(zip_entry(keyness, "xl/sharedStrings.xml").find(doc["terms"][0]["term"].get<std::string>()),
            std::string::npos);
  // terms --suggest: the YAML lines to paste are under the table.
  const fs::path suggest = dir / "s.xlsx";
  ASSERT_EQ(run_cli({"terms", "--suggest", "staffing", "-o", suggest.string()}).exit_code, 0);
  EXPECT_NE(zip_entry(suggest, "xl/sharedStrings.xml").find("      - ตำแหน่ง"), std::string::npos);
}

TEST(Xlsx, SheetNamesAreValidAndUnique) {
  using supanalyze::output::sheet_name;
  EXPECT_EQ(sheet_name("centre1300 q4", {}), "centre1300 q4");
  EXPECT_EQ(sheet_name("a/b:c", {}), "a-b-c");
  EXPECT_EQ(sheet_name("centre1300 q4", {"centre1300 q4"}), "centre1300 q4 (2)");
  const std::string thai = "ศูนย์ช่วยเหลือทางสังคม ศูนย์ช่วยเหลือทางสังคม";
  const std::string cut = sheet_name(thai, {});
  EXPECT_EQ(thai.rfind(cut, 0), 0u); // a prefix, cut at a code point
  EXPECT_LE(
      std::count_if(cut.begin(), cut.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }), 31);
}

TEST(Xlsx, RunWritesOneWorkbookWithEveryTable) {
  const fs::path dir = fresh_temp_dir("xlsx-run");
  std::ofstream(dir / "run.yaml")
      << "corpus: " << supanalyze::testing::bundled_corpus() << "\noutput: out\noutputs:\n"
      << "  - {name: freq, table: freq, filters: {instrument: onehome}, formats: [json, xlsx, csv], bom: true}\n"
      << "  - {name: problems, table: matrix, filters: {question: centre1300/q4}, formats: [xlsx]}\n";
  const auto r = run_cli({"run", (dir / "run.yaml").string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path workbook = dir / "out" / "tables.xlsx";
  ASSERT_TRUE(fs::exists(workbook));
  EXPECT_EQ(count_of(r.out, "tables.xlsx"), 1u); // listed once
  const auto freq = nlohmann::json::parse(supanalyze::read_file(dir / "out" / "freq.json"));
  const std::string names = zip_entry(workbook, "xl/workbook.xml");
  EXPECT_EQ(count_of(names, "<sheet name="), freq["questions"].size() + 1);
  EXPECT_NE(names.find("<sheet name=\"freq onehome q1\""), std::string::npos) << names;
  EXPECT_NE(names.find("<sheet name=\"problems\""), std::string::npos);
  const std::string last =
      zip_entry(workbook, "xl/worksheets/sheet" + std::to_string(freq["questions"].size() + 1) + ".xml");
  EXPECT_NE(last.find("colorScale"), std::string::npos);
  // bom: true puts the mark before the CSV only.
  EXPECT_EQ(supanalyze::read_file(dir / "out" / "freq.csv").rfind("\xEF\xBB\xBFinstrument,question,theme", 0), 0u);
  EXPECT_EQ(supanalyze::read_file(dir / "out" / "freq.json").rfind("{", 0), 0u);
  const auto manifest = nlohmann::json::parse(supanalyze::read_file(dir / "out" / "manifest.json"));
  EXPECT_NE(manifest.dump().find("\"file\":\"tables.xlsx\""), std::string::npos);
}

TEST(Xlsx, CommandsThatCannotWriteXlsxRefuseIt) {
  const fs::path dir = fresh_temp_dir("xlsx-refused");
  const auto r = run_cli({"diff", "a.json", "b.json", "-o", (dir / "d.xlsx").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("this command cannot write .xlsx files"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(dir));
}

} // namespace
