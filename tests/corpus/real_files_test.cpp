// SPDX-License-Identifier: MIT
// Real files in: tables as spreadsheets save them (tests/data/real/, written by
// tests/data/make_fixtures.py with Python's csv module and openpyxl from the bundled corpus).
// Each must code to exactly the codings of the bundled corpus.
#include <supanalyze/corpus/appendix.hpp>
#include <supanalyze/corpus/reader.hpp>
#include <supanalyze/detail/zip.hpp>
#include <supanalyze/diagnostics.hpp>
#include <supanalyze/io.hpp>
#include <supanalyze/office/docx.hpp>
#include <supanalyze/office/xlsx.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

namespace fs = std::filesystem;
using namespace supanalyze;
using supanalyze::testing::bundled_corpus;
using supanalyze::testing::fresh_temp_dir;
using supanalyze::testing::run_cli;
using supanalyze::testing::test_data;

namespace {

const std::string &bundled_codings() {
  static const std::string out = [] {
    const auto r = run_cli({"code", bundled_corpus()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }();
  return out;
}

std::string meta() { return bundled_corpus() + "/corpus.yaml"; }

void expect_codes_like_bundled(const std::vector<std::string> &corpus_args) {
  std::vector<std::string> args{"code"};
  args.insert(args.end(), corpus_args.begin(), corpus_args.end());
  const auto r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(bundled_codings().size(), 10000u);
  EXPECT_EQ(r.out, bundled_codings());
}

TEST(RealFiles, Utf8BomCrlfTsvCodesLikeTheBundledCorpus) {
  ASSERT_EQ(read_file(test_data("real/bundled-bom-crlf.tsv")).substr(0, 3), "\xEF\xBB\xBF");
  expect_codes_like_bundled({test_data("real/bundled-bom-crlf.tsv"), "--meta", meta()});
}

TEST(RealFiles, Utf8BomCsvCodesLikeTheBundledCorpus) {
  expect_codes_like_bundled({test_data("real/bundled-bom.csv"), "--meta", meta()});
}

TEST(RealFiles, Utf16LeUnicodeTextCodesLikeTheBundledCorpus) {
  ASSERT_EQ(read_file(test_data("real/bundled-utf16le.txt")).substr(0, 2), "\xFF\xFE");
  expect_codes_like_bundled({test_data("real/bundled-utf16le.txt"), "--meta", meta()});
}

TEST(RealFiles, XlsxWorkbookCodesLikeTheBundledCorpus) {
  expect_codes_like_bundled({test_data("real/bundled.xlsx"), "--meta", meta()});
  // The answers on a second sheet, chosen by name; the first sheet is a note.
  expect_codes_like_bundled({test_data("real/bundled-sheets.xlsx"), "--sheet", "answers", "--meta", meta()});
}

TEST(RealFiles, XlsxErrorsNameTheSheetRowAndColumn) {
  const auto first = run_cli({"code", test_data("real/bundled-sheets.xlsx"), "--meta", meta()});
  EXPECT_EQ(first.exit_code, 2);
  EXPECT_NE(first.err.find("bundled-sheets.xlsx[README]:1:1: the header has no 'question' column"), std::string::npos)
      << first.err;
  const auto unknown = run_cli({"code", test_data("real/bundled-sheets.xlsx"), "--sheet", "answer", "--meta", meta()});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no sheet 'answer' (sheets: README, answers)"), std::string::npos) << unknown.err;
}

TEST(RealFiles, ExportedTableWithoutCorpusYamlCodesLikeTheBundledCorpus) {
  const fs::path dir = fresh_temp_dir("real-no-yaml");
  const fs::path table = dir / "answers.tsv";
  ASSERT_EQ(run_cli({"corpus", "export", bundled_corpus(), "-o", table.string()}).exit_code, 0);
  const auto r = run_cli({"code", table.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, bundled_codings());
  // One notice says where the ids came from.
  EXPECT_NE(r.err.find("answers.tsv: warning: no corpus.yaml beside the table: ids come from its rows"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("warning", r.err.find("warning") + 1), std::string::npos) << r.err;
}

TEST(RealFiles, ExportWritesTheCorpusYamlThatMakesItRoundTrip) {
  const fs::path dir = fresh_temp_dir("real-write-meta");
  const fs::path table = dir / "answers.xlsx.tsv";
  // From a workbook with no corpus.yaml: the metadata written are made from the rows.
  const auto exported = run_cli({"corpus", "export", test_data("real/bundled.xlsx"), "-o", table.string(),
                                 "--write-meta", (dir / "corpus.yaml").string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  ASSERT_TRUE(fs::exists(dir / "corpus.yaml"));
  const auto r = run_cli({"code", table.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, bundled_codings());
  EXPECT_EQ(r.err, "") << "corpus.yaml is beside the table now: no notice";
}

TEST(RealFiles, ATableFromStandardInput) {
  const std::string tsv = read_file(test_data("real/bundled-bom-crlf.tsv"));
  const auto r = supanalyze::testing::run_cli({"code", "-", "--meta", meta()}, tsv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, bundled_codings());
}

// A sheet as a person types it: Thai headers, only the three required columns, ids in capitals
// or Thai names, rows in any order.
TEST(HandMadeTable, ThaiHeadersAnyOrderAnyCase) {
  const fs::path dir = fresh_temp_dir("real-hand");
  fs::copy_file(meta(), dir / "corpus.yaml");
  std::ofstream(dir / "t.csv") << "จังหวัด,ประเด็น,ข้อความ\n"
                                  "ราชบุรี,CENTRE1300/Q4,ขาดงบประมาณในการดำเนินงาน\n"
                                  "Nakhonpathom,centre1300/q4,เจ้าหน้าที่ไม่เพียงพอ\n"
                                  "ratchaburi,centre1300/q4,ขาดวัสดุอุปกรณ์\n";
  const auto r = run_cli({"code", (dir / "t.csv").string(), "--format", "tsv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("centre1300\tq4\tratchaburi\t1\tbudget"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("centre1300\tq4\tratchaburi\t2\tequipment"), std::string::npos)
      << r.out; // numbered in row order
  EXPECT_NE(r.out.find("centre1300\tq4\tnakhonpathom\t1\tstaffing"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("warning: no answer to"), std::string::npos) << "missing answers are said, not skipped silently";
}

TEST(HandMadeTable, AQuestionInSeveralInstrumentsNeedsItsInstrument) {
  const fs::path dir = fresh_temp_dir("real-ambiguous");
  fs::copy_file(meta(), dir / "corpus.yaml");
  std::ofstream(dir / "t.tsv") << "province\tquestion\ttext\nratchaburi\tq4\tขาดงบประมาณ\n";
  const auto r = run_cli({"code", (dir / "t.tsv").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("t.tsv:2:12: question 'q4' is in several instruments"), std::string::npos) << r.err;
}

struct BadFile {
  const char *name;
  std::string_view content;
  const char *expected;
};

class BadRealFiles : public ::testing::TestWithParam<BadFile> {};

TEST_P(BadRealFiles, NameTheFileExitTwoAndWriteNothing) {
  const BadFile &b = GetParam();
  const fs::path dir = fresh_temp_dir(std::string("bad-") + b.name);
  const fs::path input = dir / b.name;
  std::ofstream(input, std::ios::binary).write(b.content.data(), static_cast<std::streamsize>(b.content.size()));
  const fs::path output = dir / "out.tsv";
  const auto r = run_cli({"code", input.string(), "--meta", meta(), "-o", output.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(input.string() + b.expected), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(output));
}

TEST(BadRealFiles, AWorkbookWithNoSheetAndAZipThatIsNoWorkbook) {
  for (const auto &[name, expected] :
       {std::pair{"no-sheet.xlsx", "no-sheet.xlsx: error: the workbook has no sheet"},
        {"plain-zip.xlsx", "plain-zip.xlsx: error: a zip archive but not an .xlsx workbook"}}) {
    const auto r = run_cli({"corpus", "check", test_data(std::string("real/") + name), "--meta", meta()});
    EXPECT_EQ(r.exit_code, 2) << name;
    EXPECT_NE((r.out + r.err).find(expected), std::string::npos) << r.out << r.err;
  }
}

// Found by the fuzz targets (docs/fuzzing.md; tests/data/fuzz/ holds the inputs they saved).
// A cell reference with no column letter ("3") wrote before the row's first cell.
TEST(BadRealFiles, ACellReferenceWithoutAColumnIsNamed) {
  const fs::path book = test_data("fuzz/xlsx-cell-reference-without-column.xlsx");
  try {
    office::read_xlsx(read_file(book), "found.xlsx");
    FAIL() << "a cell without a column was read";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("cell reference '3' names no column (A to XFD)"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("found.xlsx[Sheet]:3"), std::string::npos) << e.what();
  }
}

// A sheet whose rows come out of order (row 2 after row 9): refused, not read in that order.
TEST(BadRealFiles, RowsOutOfOrderAreRefusedWithTheirNumbers) {
  try {
    office::read_xlsx(read_file(test_data("fuzz/xlsx-rows-out-of-order.xlsx")), "found.xlsx");
    FAIL() << "rows out of order were read";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("a sheet lists its rows in order"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("found.xlsx["), std::string::npos) << e.what();
  }
}

// `bytes`, a zip file, with its member `name` changed by `edit`.
std::string with_member(const std::string &bytes, const std::string &name,
                        const std::function<void(std::string &)> &edit) {
  auto entries = detail::unzip(bytes, "test.zip");
  edit(entries.at(name));
  const std::vector<std::pair<std::string, std::string>> parts(entries.begin(), entries.end());
  return detail::zip_parts(parts, "test");
}

// The sheet XML without the `r` attributes of its rows and cells: ECMA-376 lets a writer leave
// them out (each row or cell is then the one after the previous).
void drop_references(std::string &xml) {
  for (std::size_t at = xml.find(" r=\""); at != std::string::npos; at = xml.find(" r=\"", at))
    xml.erase(at, xml.find('"', at + 4) + 1 - at);
}

// openpyxl's workbook of the bundled corpus with its rows and cells unnumbered reads as it is.
TEST(RealFiles, RowsAndCellsWithoutReferencesAreReadInTheirPlaces) {
  const std::string bytes = read_file(test_data("real/bundled.xlsx"));
  const auto numbered = office::read_xlsx(bytes, "bundled.xlsx");
  const auto unnumbered =
      office::read_xlsx(with_member(bytes, "xl/worksheets/sheet1.xml", drop_references), "bundled.xlsx");
  ASSERT_EQ(unnumbered.rows.size(), numbered.rows.size());
  EXPECT_GT(numbered.rows.size(), 900u);
  for (std::size_t r = 0; r < numbered.rows.size(); ++r) {
    EXPECT_EQ(unnumbered.rows[r].number, numbered.rows[r].number);
    EXPECT_EQ(unnumbered.rows[r].cells, numbered.rows[r].cells);
  }
}

// The error reading openpyxl's bundled.xlsx with its sheet edited by `edit` gives, or "(no error)".
std::string error_of_edited_sheet(const std::function<void(std::string &)> &edit) {
  try {
    office::read_xlsx(with_member(read_file(test_data("real/bundled.xlsx")), "xl/worksheets/sheet1.xml", edit),
                      "found.xlsx");
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no error)";
}

// A row without `r` is the row after the previous one, so rows without numbers once ran past
// the sheet's last row (1,048,576) unchecked; a cell without one past the last column (XFD) was
// refused, but as a reference that "names no column".
TEST(BadRealFiles, RowsAndCellsWithoutReferencesStopAtTheSheetsLastRowAndColumn) {
  const std::string rows = error_of_edited_sheet([](std::string &xml) {
    drop_references(xml);
    xml.replace(xml.find("<row>"), 5, "<row r=\"1048575\">");
  });
  EXPECT_NE(rows.find("found.xlsx[Sheet1]:1048577:1: a row without a number after row 1048576, the last a sheet "
                      "may have"),
            std::string::npos)
      << rows;
  const std::string cells = error_of_edited_sheet([](std::string &xml) {
    drop_references(xml);
    xml.replace(xml.find("<c "), 3, "<c r=\"XFD1\" ");
  });
  EXPECT_NE(cells.find("found.xlsx[Sheet1]:1:16385: a cell without a reference after column XFD"), std::string::npos)
      << cells;
}

// A document part whose zip header says 3.5 GB: refused before anything is allocated.
TEST(BadRealFiles, AZipMemberLargerThanAnyPartIsRefused) {
  try {
    office::read_docx(read_file(test_data("fuzz/docx-member-size-3gb.docx")), "found.docx");
    FAIL() << "a 3.5 GB member was read";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("found.docx/word/document.xml: zip member of 3523218580 bytes unpacked, "
                                         "more than the 512 MB"),
              std::string::npos)
        << e.what();
  }
}

// Excel writes a control character in a cell as "_x0009_" (XML cannot hold one): the escape is
// read as the character it stands for, and "_x005F_" as the "_" of a literal "_x0041_".
TEST(RealFiles, XlsxEscapedCharactersAreReadAsExcelWroteThem) {
  const auto r = run_cli({"corpus", "export", test_data("real/escaped-tab.xlsx"), "--meta", meta(), "-f", "tsv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\tไม่มีงบ สนับสนุน\t"), std::string::npos) << r.out; // the normalizer's space for a tab
  EXPECT_NE(r.out.find("\tขาด_x0041_บุคลากร\t"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("_x0009_"), std::string::npos) << r.out;
}

// A NUL in a cell ("_x0000_") is refused at its sheet, row and column, as a TSV field's NUL is,
// and never reaches an output.
TEST(BadRealFiles, ANulInAWorkbookCellIsRefusedWithItsCell) {
  const fs::path dir = fresh_temp_dir("real-escaped-nul");
  const auto check = run_cli({"corpus", "check", test_data("real/escaped-nul.xlsx"), "--meta", meta()});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_NE(check.out.find("escaped-nul.xlsx[answers]:3:5: error: a NUL byte (field 5, character 4)"),
            std::string::npos)
      << check.out << check.err;
  const auto exported = run_cli({"corpus", "export", test_data("real/escaped-nul.xlsx"), "--meta", meta(), "-f", "tsv",
                                 "-o", (dir / "out.tsv").string()});
  EXPECT_EQ(exported.exit_code, 2);
  EXPECT_NE(exported.err.find("escaped-nul.xlsx[answers]:3:5: a NUL byte"), std::string::npos) << exported.err;
  EXPECT_FALSE(fs::exists(dir / "out.tsv"));
}

// A .docx cannot hold a NUL: "&#0;" in its text is malformed XML, refused at its part, line and
// column (the fixture is python-docx's output with that one edit).
TEST(BadRealFiles, ANulInAWordDocumentIsMalformedXmlAtItsLine) {
  std::string message = "(no error)";
  try {
    office::read_docx(read_file(test_data("real/nul.docx")), "found.docx");
  } catch (const InputError &e) {
    message = e.what();
  }
  EXPECT_NE(message.find("found.docx/word/document.xml:2:"), std::string::npos) << message;
  EXPECT_NE(message.find("malformed XML"), std::string::npos) << message;
}

// A merged cell's gridSpan past Word's 63 columns ran the appendix reader's grid past its end;
// a span of 0 columns was read as 1 without a word.
TEST(BadRealFiles, AGridSpanThatIsNotAColumnCountIsRefusedAtItsLine) {
  const std::string bytes = read_file(test_data("real/merged-cell.docx"));
  for (const std::string span : {"18446744073709551617", "0"}) {
    const fs::path dir = fresh_temp_dir("real-grid-span");
    supanalyze::write_file_atomically(dir / "span.docx", with_member(bytes, "word/document.xml", [&](std::string &xml) {
                                        xml.replace(xml.find("w:gridSpan w:val=\"2\""), 20,
                                                    "w:gridSpan w:val=\"" + span + "\"");
                                      }));
    const auto r =
        run_cli({"corpus", "import", (dir / "span.docx").string(), "--meta", meta(), "-o", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 2) << span;
    EXPECT_NE(r.err.find("span.docx/word/document.xml:2: a table cell's gridSpan '" + span +
                         "' is not a column count (1 to 63)"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(dir / "out")) << span;
  }
}

void PrintTo(const BadFile &b, std::ostream *os) { *os << b.name; }

INSTANTIATE_TEST_SUITE_P(
    Each, BadRealFiles,
    ::testing::Values(BadFile{"not-a-workbook.xlsx", "PK\x03\x04 this is no zip", ": not an .xlsx workbook"},
                      BadFile{"encrypted.xlsx", std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12),
                              ": an encrypted (password-protected) file or a legacy binary Office file"},
                      BadFile{"odd.txt", std::string_view("\xFF\xFEq\0u\0e\0s\0t\0i\0o\0n\0\t", 19),
                              ":1:9: UTF-16 text with an odd number of bytes"},
                      BadFile{"bad-byte.tsv", "province\tquestion\ttext\nratchaburi\tcentre1300/q4\tขาด\xE0\xB8งบ\n",
                              ":2:29: invalid UTF-8 sequence"}),
    [](const ::testing::TestParamInfo<BadFile> &info) {
      std::string name = info.param.name;
      for (char &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

} // namespace

namespace {

// The 25 appendix tables as the seed prints them, written with python-docx
// (tests/data/make_fixtures.py): four provinces per table, "(ต่อ)" continuations, table 1's
// areas in a first column, bold sub-headings.
TEST(WordAppendix, ImportsToTheBundledCorpusAndCodesLikeIt) {
  const fs::path dir = fresh_temp_dir("real-docx");
  const auto r =
      run_cli({"corpus", "import", test_data("real/appendix.docx"), "--meta", meta(), "-o", (dir / "c").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("200 answers"), std::string::npos) << r.err;
  for (const auto &entry : fs::recursive_directory_iterator(dir / "c")) {
    if (!entry.is_regular_file()) continue;
    const fs::path relative = fs::relative(entry.path(), dir / "c");
    EXPECT_EQ(read_file(entry.path()), read_file(fs::path(bundled_corpus()) / relative)) << relative;
  }
  expect_codes_like_bundled({(dir / "c").string()});
}

TEST(WordAppendix, WithoutMetaWritesACorpusYamlFromTheTables) {
  const fs::path dir = fresh_temp_dir("real-docx-nometa");
  const auto r = run_cli({"corpus", "import", test_data("real/appendix.docx"), "-o", (dir / "c").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 instruments, 25 questions, 8 provinces, 200 answers, 992 segments"), std::string::npos)
      << r.err;
  const std::string yaml = read_file(dir / "c" / "corpus.yaml");
  EXPECT_NE(yaml.find("th: \"ราชบุรี\""), std::string::npos) << yaml;
  const auto check = run_cli({"corpus", "check", (dir / "c").string()});
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

// The bytes of a .docx already read (the fuzz target's way in) give the corpus its path gives,
// and messages name the path given.
TEST(WordAppendix, ReadFromBytesAsFromItsPath) {
  Diagnostics diagnostics;
  const corpus::Corpus metadata = corpus::read_metadata(meta(), diagnostics);
  const fs::path path = test_data("real/appendix.docx");
  const corpus::Corpus from_path = corpus::import_appendix(path, &metadata);
  const corpus::Corpus from_bytes = corpus::import_appendix(read_file(path), "bytes/appendix.docx", &metadata);
  ASSERT_EQ(from_bytes.answers.size(), 200u);
  ASSERT_EQ(from_bytes.answers.size(), from_path.answers.size());
  for (std::size_t a = 0; a < from_path.answers.size(); ++a) {
    ASSERT_EQ(from_bytes.answers[a].segments.size(), from_path.answers[a].segments.size());
    for (std::size_t s = 0; s < from_path.answers[a].segments.size(); ++s)
      EXPECT_EQ(from_bytes.answers[a].segments[s].text, from_path.answers[a].segments[s].text);
  }
  const corpus::Corpus named = corpus::import_appendix(read_file(path), "bytes/appendix.docx", nullptr);
  EXPECT_EQ(named.instruments.at(0).id, "appendix"); // from the name given
  try {
    corpus::import_appendix(read_file(test_data("real/no-table.docx")), "bytes/none.docx", &metadata);
    FAIL() << "a document without a table was read";
  } catch (const InputError &e) {
    EXPECT_NE(std::string(e.what()).find("bytes/none.docx: no table"), std::string::npos) << e.what();
  }
}

TEST(WordAppendix, ADocumentWithNoTableIsAnErrorAndWritesNothing) {
  const fs::path dir = fresh_temp_dir("real-docx-empty");
  const auto r =
      run_cli({"corpus", "import", test_data("real/no-table.docx"), "--meta", meta(), "-o", (dir / "c").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no-table.docx: no table"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "c"));
  const auto zip =
      run_cli({"corpus", "import", test_data("real/plain-zip.xlsx"), "--meta", meta(), "-o", (dir / "d").string()});
  EXPECT_EQ(zip.exit_code, 2);
}

} // namespace

namespace {

TEST(WordAppendix, MismatchesNameTheTableRowAndColumn) {
  const fs::path dir = fresh_temp_dir("real-docx-mismatch");
  for (const auto &[name, expected] :
       {std::pair{"merged-cell.docx",
                  "merged-cell.docx[table 1]:2:1: a merged cell spans provinces nakhonpathom and kanchanaburi"},
        {"unknown-province.docx",
         "unknown-province.docx[table 1]:1:2: column 2: unknown province 'ราชบุร' (did you mean 'ราชบุรี'?)"}}) {
    const auto r = run_cli(
        {"corpus", "import", test_data(std::string("real/") + name), "--meta", meta(), "-o", (dir / name).string()});
    EXPECT_EQ(r.exit_code, 2) << name;
    EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / name));
  }
}

} // namespace
